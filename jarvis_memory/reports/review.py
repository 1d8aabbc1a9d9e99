"""The dedup audit's review loop: each review item as its memories, side by side; in JupyterLab, a panel to decide.

:func:`show` displays the items as static HTML, what a report (papermill: nobody at the page) shows, and a
:class:`ReviewPanel`, what JupyterLab shows: a page of items at a time, each with its memories and buttons for
``merge``, ``supersede`` or ``keep both`` and the row to keep, and "Save decisions", which writes the decisions
file ``jarvis-memory dedup apply`` takes.  Once a front end runs the panel, the static copy gives way to it.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis.dedup.review import differences
from ..errors import ValidationError
from ..store import merges
from .notebook import RUNNER_VAR
from .tables import fmt

PAGE = 10  # items per page of the panel
STATIC_LIMIT = 200  # items in the static report (all of them are in dedup_candidates.csv and the panel)
CHOICES = [("undecided", ""), *((a, a) for a in merges.ACTIONS)]
_AS_DECIDED = "as decided"  # the keep menu's first entry: the decision's default row (a Dropdown's None is no entry)
_BOX = "flex:1 1 16rem;max-width:30rem;border:1px solid #c8c8c8;border-radius:4px;padding:.35rem .6rem"


def card(item: pd.Series, memories: pd.DataFrame) -> str:
    """One item as HTML: a line saying what it is and what is suggested, then its memories as stored, side by
    side, newest first, each with its id, date, source and category, the words in which they differ marked.
    ``memories`` is the audited frame indexed by id."""
    ids = list(item["ids"])
    texts = [memories.at[i, "content"] for i in ids]
    boxes = []
    for k, (memory_id, pieces) in enumerate(zip(ids, differences(texts))):
        row = memories.loc[memory_id]
        text = "".join(f"<mark>{html.escape(p)}</mark>" if differs else html.escape(p) for p, differs in pieces)
        meta = " · ".join(html.escape(fmt(v)) for v in (row["created_at"], row["source"], row["category"]))
        newest = " · <em>newest</em>" if k == 0 and len(ids) > 1 else ""
        boxes.append(f'<div style="{_BOX}"><div style="font-size:85%;color:#555"><strong>#{memory_id}</strong> · {meta}'
                     f'{newest}</div><div style="white-space:pre-wrap">{text}</div></div>')
    subsumed = item["kind"] == "subsumed"  # one says all the others do: it stays, the older of equals
    created = memories["created_at"]
    kept = merges.merged_survivor(ids, lambda i: (pd.isna(created.at[i]), created.at[i], i),
                                  lambda i: len(str(memories.at[i, "content"])), subsumed)  # as dedup apply keeps
    if item["suggested"] == "keep both":
        what = (f"variants ({html.escape(str(item['change']))}): suggested <strong>keep both</strong>: the roles"
                " exchanged or another subject, so both may be true")
    elif item["suggested"] == "supersede":
        what = f"variants ({html.escape(str(item['change']))}): suggested <strong>supersede</strong>, the newest (#{ids[0]}) stays"
    elif subsumed:
        what = (f"duplicates (subsumed): suggested <strong>merge</strong>, the longest (#{kept}) stays: it says"
                " all the others do")
    else:
        what = (f"duplicates ({html.escape(str(item['kind']))}): suggested <strong>merge</strong>, the older"
                f" (#{kept}) stays unless another is better written, or the longest where one says more")
    return (f'<div class="jm-review-card" style="margin:.6rem 0"><div><strong>{html.escape(item["item"])}</strong> ·'
            f' {len(ids)} memories · {what}</div><div style="display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.3rem">'
            f'{"".join(boxes)}</div></div>')


class ReviewPanel:
    """Decisions on review items, and their file.

    ``items`` comes from :func:`jarvis_memory.analysis.dedup.review.review_items`, ``memories`` is the audited
    frame, ``sheet`` the audit's :func:`jarvis_memory.store.merges.review_sheet` (every candidate pair with its
    hashes) and ``path`` where :meth:`save` writes the decisions.  :meth:`decide` is what the buttons call.
    """

    def __init__(self, items: pd.DataFrame, memories: pd.DataFrame, sheet: pd.DataFrame, path: str | Path) -> None:
        self.items = items.reset_index(drop=True)
        self.memories = memories.set_index("id")
        self.sheet = sheet
        self.path = Path(path)
        self.decisions: dict[str, tuple[str, int | None]] = {}  # item -> (action, the row to keep or None)
        self._by_item = {name: k for k, name in enumerate(self.items["item"])}
        self._page = 0
        self._widget: Any = None
        self.probe: Any = None  # what tells :func:`show` that a front end runs the panel

    def decide(self, item: str, action: str, keep: int | None = None) -> None:
        """Mark ``item`` (``group 3``, ``duplicates 1``) with ``action`` (one of ``merges.ACTIONS``, or ``""``:
        undecided) and, optionally, the row to ``keep``.  Raises ``ValidationError`` for an unknown item or
        action, or a ``keep`` that is not one of the item's rows."""
        if item not in self._by_item:
            raise ValidationError(f"no review item {item!r}")
        if action not in ("", *merges.ACTIONS):
            raise ValidationError(f"action must be one of {', '.join(merges.ACTIONS)} or empty, not {action!r}")
        if keep is not None and keep not in self.items.at[self._by_item[item], "ids"]:
            raise ValidationError(f"{item} has no memory {keep}")
        if action:
            self.decisions[item] = (action, None if action == "keep both" else keep)
        else:
            self.decisions.pop(item, None)

    def decided(self) -> pd.DataFrame:
        """The rows of ``sheet`` that the decisions cover, with ``action`` and ``keep`` filled."""
        marks = {}
        for item, (action, keep) in self.decisions.items():
            for a, b in self.items.at[self._by_item[item], "pairs"]:
                marks[(a, b)] = (action, keep if keep in (a, b) else "")
        pairs = list(zip(self.sheet["id_a"].tolist(), self.sheet["id_b"].tolist()))
        chosen = [p in marks for p in pairs]
        rows = self.sheet[chosen].copy()
        rows["action"] = [marks[p][0] for p, c in zip(pairs, chosen) if c]
        rows["keep"] = [marks[p][1] for p, c in zip(pairs, chosen) if c]
        return rows

    def save(self) -> int:
        """Write the decisions to ``path`` (replacing it); returns how many pairs it holds."""
        return merges.write_decisions(self.path, self.decided())

    @property
    def widget(self) -> Any:
        """The panel as ipywidgets: a page of items with their buttons, page switches, "Save decisions"."""
        if self._widget is None:
            import ipywidgets as w

            self._cards = w.VBox()
            self._where = w.HTML()
            back, forward = w.Button(description="◀ previous"), w.Button(description="next ▶")
            back.on_click(lambda _: self._turn(-1))
            forward.on_click(lambda _: self._turn(1))
            save = w.Button(description="Save decisions", button_style="primary", icon="save")
            save.add_class("jm-review-save")
            self._status = w.HTML()
            self._status.add_class("jm-review-status")
            save.on_click(lambda _: self._save_clicked())
            self._widget = w.VBox([w.HBox([back, self._where, forward]), self._cards, w.HBox([save, self._status])])
            self._show_page()
        return self._widget

    def _turn(self, step: int) -> None:
        pages = max(1, -(-len(self.items) // PAGE))
        self._page = min(max(self._page + step, 0), pages - 1)
        self._show_page()

    def _show_page(self) -> None:
        import ipywidgets as w

        first = self._page * PAGE
        shown = self.items.iloc[first:first + PAGE]
        self._where.value = (f"&nbsp;items {first + 1:,}–{first + len(shown):,} of {len(self.items):,}&nbsp;"
                             if len(shown) else "&nbsp;nothing to review&nbsp;")
        boxes = []
        for _, item in shown.iterrows():
            action, keep = self.decisions.get(item["item"], ("", None))
            buttons = w.ToggleButtons(options=CHOICES, value=action, style={"button_width": "auto"})
            keeper = w.Dropdown(options=[(_AS_DECIDED, _AS_DECIDED), *((f"#{i}", i) for i in item["ids"])],
                                value=_AS_DECIDED if keep is None else keep, description="keep", layout={"width": "16rem"})
            noted = w.HTML(_noted(action, keep))  # what the kernel holds: the buttons alone show the page's state
            noted.add_class("jm-review-decided")

            def changed(_: Any, name: str = item["item"], b: Any = buttons, k: Any = keeper, n: Any = noted) -> None:
                self.decide(name, b.value, None if k.value == _AS_DECIDED else k.value)
                n.value = _noted(*self.decisions.get(name, ("", None)))

            buttons.observe(changed, "value")
            keeper.observe(changed, "value")
            box = w.VBox([w.HTML(card(item, self.memories)), w.HBox([buttons, keeper, noted])])
            box.add_class("jm-review-item")
            boxes.append(box)
        self._cards.children = boxes

    def _save_clicked(self) -> None:
        try:
            n = self.save()
        except Exception as e:  # shown where the reviewer looks, not as a traceback in the log
            self._status.value = f"&nbsp;<span style='color:#b00'>not saved: {html.escape(str(e))}</span>"
            return
        shown = html.escape(str(self.path))
        self._status.value = (f"&nbsp;saved {n:,} decided pairs ({len(self.decisions):,} items) to <code>{shown}</code>:"
                              f" now <code>jarvis-memory dedup apply {shown}</code> (a dry run), then with"
                              " <code>--apply</code>")


def _noted(action: str, keep: int | None) -> str:
    """The line beside an item's buttons: the decision as it will be saved."""
    if not action:
        return "&nbsp;undecided"
    return f"&nbsp;decided: <strong>{action}</strong>" + (f", keep #{keep}" if keep is not None else "")


def on_front_end(callback: Callable[[], None]) -> Any:
    """Call ``callback`` once a front end that runs widgets (JupyterLab) holds this kernel's widgets; returns what
    must be kept for it.  How it is seen: a ``jslink`` between two widgets that are never displayed is a model the
    front end creates as soon as it learns of it, and on creation it copies the source's value into the target and
    sends that back (ipywidgets' ``DirectionalLinkModel.updateBindings``).  With nobody at the page (papermill,
    nbval) there is no front end and nothing comes back.  The kernel reads the answer once it is idle (after a
    "Run All", at its end)."""
    import ipywidgets as w

    source, target = w.IntText(1), w.IntText(0)
    target.observe(lambda _: callback(), "value")
    return w.jslink((source, "value"), (target, "value"))


def show(items: pd.DataFrame, memories: pd.DataFrame, sheet: pd.DataFrame, path: str | Path) -> ReviewPanel:
    """Display the review items as static HTML (at most :data:`STATIC_LIMIT`: what a report shows) and, unless
    this kernel runs a report (:data:`~.notebook.RUNNER_VAR`), the panel; once a front end runs the panel, the
    static copy gives way to a line pointing to it.  Returns the panel (its decisions can be made and saved in
    code too)."""
    from IPython.display import HTML, Markdown, display

    panel = ReviewPanel(items, memories, sheet, path)
    if items.empty:
        display(Markdown("No review items."))
        return panel
    shown = items.head(STATIC_LIMIT)
    more = (f"<p><em>{len(shown):,} of {len(items):,} review items shown; all of them are in dedup_candidates.csv and"
            " in the review panel of this notebook in JupyterLab.</em></p>") if len(shown) < len(items) else ""
    static = display(HTML("".join(card(item, panel.memories) for _, item in shown.iterrows()) + more), display_id=True)
    if not os.environ.get(RUNNER_VAR):
        display(panel.widget)
        panel.probe = on_front_end(lambda: static.update(Markdown("*Decide the review items in the panel below.*")))
    return panel
