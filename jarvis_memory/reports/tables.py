"""Tables and figures for people: the one module that formats what a report shows.

Every table of a report notebook goes through :func:`table` (a short table) or :func:`listing` (a list that
may be long), every headline figure through :func:`figure_text` (the notebook's own table and the index).
The HTML is static (pandas' ``Styler``): complete and readable without JavaScript, in a mail client, a file
preview or on paper.  Values read as people read them: counts with thousands separators, ids without,
fractions as percents, times as ``2026-03-02 08:30 UTC``, lists as ``154, 1253``, text as stored, left-aligned,
numbers right-aligned, dates never wrapped.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .. import timestamps
from ..errors import ValidationError
from ..files import atomic_write

MISSING = "—"
LISTING_LIMIT = 1_000  # rows of one listing embedded in the page; the rest are in its CSV beside the report
_ID_COLUMN = re.compile(r"(^|_)ids?($|_)")  # id, ids, first_ids, id_a, session_id: row ids, never "1,253"
_CSS = ("<style>.jm-scroll{max-height:32rem;overflow:auto;margin-bottom:1em}"
        ".jm-scroll thead th{position:sticky;top:0;background:#fff}"
        "@media print{.jm-scroll{max-height:none;overflow:visible}}</style>")


def fmt(value: Any, *, percent: bool = False, ids: bool = False, decimals: bool = False) -> str:
    """One value as a person reads it: ``1,234``; ``12.35``; ``12.3%`` (``percent``: a fraction);
    ``2026-03-02 08:00 UTC`` (also a stored ``toISOString()`` text); ``2026-03-02`` for a day; ``154, 1253``
    for a list; JSON for a dict; ``—`` for None/NaN/NaT.  ``ids``: integers are row ids, written without
    thousands separators; ``decimals``: a whole float keeps its two decimals (``761.00``, in a column of them)."""
    if isinstance(value, np.ndarray):  # DuckDB LIST columns arrive as arrays
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return ", ".join(fmt(v, percent=percent, ids=ids, decimals=decimals) for v in value) or MISSING
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float | np.floating) and math.isnan(value)):
        return MISSING
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer):
        return _percent(float(value)) if percent else str(int(value)) if ids else f"{int(value):,}"
    if isinstance(value, float | np.floating):
        value = float(value)
        if percent:
            return _percent(value)
        if math.isinf(value):
            return "∞" if value > 0 else "−∞"
        if value.is_integer() and abs(value) < 1e15 and not decimals:
            return str(int(value)) if ids else f"{int(value):,}"
        return f"{value:,.2f}" if abs(value) >= 0.01 or value == 0 else f"{value:.2g}"
    if isinstance(value, str) and timestamps.is_iso(value):  # a time as the apps store it
        value = pd.Timestamp(value)
    if isinstance(value, pd.Timestamp | datetime):
        ts = pd.Timestamp(value)
        if ts.tzinfo is not None:
            ts = ts.tz_convert("UTC")
        if (ts.hour, ts.minute, ts.second, ts.microsecond) == (0, 0, 0, 0) and ts.tzinfo is None:
            return ts.strftime("%Y-%m-%d")  # a day (DuckDB's DATE)
        return ts.strftime("%Y-%m-%d %H:%M") + " UTC"  # a naive DuckDB timestamp is UTC too
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"({len(value):,} bytes)"
    return str(value)


def _percent(fraction: float) -> str:
    """``0.889`` → ``88.9%``; a small share keeps two significant digits (``0.00055`` → ``0.055%``)."""
    points = fraction * 100
    return f"{points:.1f}%" if points == 0 or abs(points) >= 1 else f"{points:.2g}%"


def _kind(column: pd.Series) -> str:
    """How a column reads: ``number`` (right-aligned, never wrapped: numbers or lists of ids), ``time`` (never
    wrapped) or ``text``."""
    if pd.api.types.is_bool_dtype(column):
        return "text"
    if pd.api.types.is_numeric_dtype(column):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(column):
        return "time"
    values = [v.tolist() if isinstance(v, np.ndarray) else v for v in column.dropna()]
    if len(values) and all(_number(v) or isinstance(v, list | tuple) and all(map(_number, v)) for v in values):
        return "number"  # numbers, or lists of them (ids)
    if len(values) and all(isinstance(v, datetime | date) or timestamps.is_iso(v) for v in values):
        return "time"
    return "text"


def _fractional(column: pd.Series) -> bool:
    """Whether a column holds floats that are not all whole: then every one shows its decimals, aligned."""
    if not pd.api.types.is_float_dtype(column):
        return False
    values = column.to_numpy(dtype=float, na_value=np.nan)
    values = values[np.isfinite(values)]
    return bool(len(values)) and not np.all(values == np.round(values))


def _number(value: Any) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool | np.bool_)


_ALIGN = {"number": "text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums;",
          "time": "text-align: left; white-space: nowrap;", "text": "text-align: left; max-width: 48rem;"}


def table(df: pd.DataFrame, *, percent: Iterable[str] = (), right: Iterable[str] = (), caption: str | None = None) -> Any:
    """``df`` as a formatted ``Styler`` (display it, or let it be a cell's last value): every row, no index.

    ``percent`` names columns holding fractions (0.25 → 25.0%); ``right`` names columns of preformatted
    numbers to align as numbers (numeric columns always are).  Columns named like ``id``, ``ids``,
    ``first_ids`` or ``session_id`` hold row ids.  Values are HTML-escaped.  KeyError for an unknown column.
    """
    from pandas.io.formats.style import Styler

    percent, right = set(percent), set(right)
    unknown = (percent | right) - set(df.columns)
    if unknown:
        raise KeyError(f"no such columns in the table: {sorted(unknown)}")
    formatters = {col: (lambda v, p=col in percent, i=bool(_ID_COLUMN.search(str(col))), d=_fractional(df[col]):
                        html.escape(fmt(v, percent=p, ids=i, decimals=d))) for col in df.columns}
    styler = Styler(df, cell_ids=False).format(formatters).format_index(escape="html", axis=1).hide(axis="index")
    styler.set_table_styles([
        {"selector": "", "props": "table-layout: auto; margin: 0 0 1em 0; border-collapse: collapse;"},
        {"selector": "td, th", "props": "padding: 2px 10px; vertical-align: top;"},
        {"selector": "th", "props": "text-align: left; white-space: nowrap;"},
        {"selector": "caption", "props": "caption-side: top; text-align: left; font-weight: bold; padding: 4px 0;"},
    ])
    by_column = {}
    for col in df.columns:
        kind = "number" if col in right else _kind(df[col])
        by_column[col] = [{"selector": "td", "props": _ALIGN[kind]}] + (
            [{"selector": "th", "props": "text-align: right;"}] if kind == "number" else [])
    styler.set_table_styles(by_column, overwrite=False)
    return styler.set_caption(html.escape(caption)) if caption else styler


def listing(df: pd.DataFrame, *, what: str, csv: str | Path | None = None, limit: int = LISTING_LIMIT) -> None:
    """Display ``df``, a list that may be long, as a static table in a scrolling box (printed whole),
    captioned with its count ("597 ended sessions without a summary").

    Longer than ``limit`` rows, the page holds the first ``limit`` and the caption links the complete list,
    written to ``csv`` (values as stored): give a path in the report's folder (``output_dir``), as the link
    names the file only.  ValueError if the list must be cut and no ``csv`` is given; an empty list
    displays one sentence ("No open sessions.") instead of an empty table.
    """
    from IPython.display import HTML, Markdown, display

    if df.empty:
        display(Markdown(f"No {what}."))
        return
    caption = f"{len(df):,} {what}"
    if len(df) > limit:
        if csv is None:
            raise ValueError(f"{len(df):,} {what} are more than a page shows ({limit:,}): pass csv= for the complete list")
        csv = Path(csv)
        atomic_write(csv, df.to_csv(index=False))
        caption = f"First {limit:,} of {len(df):,} {what} shown; all of them:"
        link = f' <a href="{html.escape(csv.name)}">{html.escape(csv.name)}</a>'
        body = table(df.head(limit), caption=caption).to_html().replace("</caption>", link + "</caption>", 1)
    else:
        body = table(df, caption=caption).to_html()
    display(HTML(f'{_CSS}<div class="jm-scroll">{body}</div>'))


# -- headline figures -----------------------------------------------------------------------------
FORMATS = ("count", "number", "fraction", "percent", "bytes", "text")


@dataclass(frozen=True)
class Figure:
    """How one headline figure reads: its ``label``, ``format`` and ``unit``, as the notebook declares it
    in its metadata ``jarvis_memory.headline`` (see :func:`declared`).

    ``format``: ``count`` (1,234), ``number`` (16.64), ``fraction`` (0.889 → 88.9%), ``percent`` (a value
    already in percent: 0.0547 → 0.055%), ``bytes`` (4.9 MB, decimal units as the Turso free tier counts),
    ``text``.  ``unit`` follows the value ("91 days").
    """

    label: str = ""
    format: str = "number"
    unit: str = ""

    @classmethod
    def undeclared(cls, name: str) -> Figure:
        """A figure its notebook does not describe: its name in words, a number."""
        return cls(name.replace("_", " ").capitalize())

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValidationError(f"headline figure {self.label!r}: format {self.format!r} is not one of {', '.join(FORMATS)}")


def declared(notebook: str | Path | Mapping[str, Any]) -> dict[str, Figure]:
    """The headline figures a notebook declares, by name, in their declared order: from the notebook file
    ``notebook`` or its metadata dict, ``jarvis_memory.headline``: a list of ``{"name": …, "label": …,
    "format": …, "unit": …}`` (a list, as notebook files keep their keys sorted); a bare name gives its name
    as label.  Raises OSError/ValueError for an unreadable file, ValidationError for a bad declaration."""
    metadata = notebook if isinstance(notebook, Mapping) else json.loads(Path(notebook).read_text(encoding="utf-8"))["metadata"]
    specs = {}
    for spec in (metadata.get("jarvis_memory") or {}).get("headline") or []:
        spec = {"name": spec} if isinstance(spec, str) else spec
        if not isinstance(spec, Mapping) or not isinstance(spec.get("name"), str):
            raise ValidationError(f"a headline figure is declared as {{\"name\": …, \"label\": …}}, not {spec!r}")
        name = spec["name"]
        specs[name] = Figure(str(spec.get("label") or Figure.undeclared(name).label), str(spec.get("format", "number")),
                             str(spec.get("unit", "")))
    return specs


def figure_text(value: Any, spec: Figure | None = None) -> str:
    """A headline figure as its declared format reads (``88.9%``, ``91 days``, ``4.9 MB``); ``—`` for None."""
    spec = spec or Figure()
    if value is None or isinstance(value, str) or isinstance(value, bool) or spec.format == "text":
        return fmt(value)
    if spec.format == "fraction":
        text = _percent(value)
    elif spec.format == "percent":
        text = _percent(value / 100)
    elif spec.format == "bytes":
        text = _bytes(value)
    elif spec.format == "count":
        text = fmt(round(value))
    else:  # one figure, not a column to align: 329.5, not 329.50
        text = fmt(value).rstrip("0").rstrip(".") if "." in fmt(value) else fmt(value)
    return f"{text} {spec.unit}" if spec.unit else text


def _bytes(n: float) -> str:
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if abs(n) >= size:
            return f"{n / size:,.1f} {unit}"
    return f"{n:,.0f} bytes"


def change_text(now: float, before: float, spec: Figure | None = None) -> str:
    """The change of a figure since its previous value, in its own format: ``+5 (+25%)``,
    ``+2.1 points`` for a share, ``no change``."""
    spec = spec or Figure()
    delta = now - before
    if delta == 0:
        return "no change"
    sign = "+" if delta > 0 else "−"
    if spec.format in ("fraction", "percent"):
        points = abs(delta) * (100 if spec.format == "fraction" else 1)
        return f"{sign}{points:.2g} points" if points < 1 else f"{sign}{points:.1f} points"
    magnitude = figure_text(abs(delta), spec)
    return f"{sign}{magnitude}" + (f" ({sign}{_percent(abs(delta) / abs(before))})" if before else "")


def figures(values: Mapping[str, Any], notebook: str | Path | Mapping[str, Figure] | None = None, *,
            prefix: str = "", caption: str | None = None) -> Any:
    """Headline figures as a two-column table (figure, value), every one, each labelled and formatted
    as ``notebook`` (its file, or :func:`declared`'s result) declares ``prefix + name``."""
    specs = declared(notebook) if isinstance(notebook, str | Path) else dict(notebook or {})
    rows = [(specs.get(prefix + k) or Figure.undeclared(k), v) for k, v in values.items()]
    frame = pd.DataFrame({"figure": [s.label for s, _ in rows], "value": [figure_text(v, s) for s, v in rows]})
    return table(frame, right=["value"], caption=caption)


def day_text(moment: datetime | str) -> str:
    """A moment in words: ``6 Dec 2026``, or ``6 Dec 2026 14:53 UTC`` when it is not a midnight (UTC)."""
    ts = pd.Timestamp(timestamps.parse(moment) if isinstance(moment, str) else moment)
    ts = ts.tz_convert("UTC") if ts.tzinfo is not None else ts
    day = f"{ts.day} {ts:%b %Y}"
    return day if (ts.hour, ts.minute, ts.second) == (0, 0, 0) else f"{day} {ts:%H:%M} UTC"


def period_text(since: str | None, until: str | None, ran: str | None) -> str:
    """A report's period in words: ``all time up to 6 Dec 2026 14:53 UTC`` (the run's moment when there is
    no ``until``), ``1 Nov 2026 to 15 Nov 2026``."""
    end = day_text(until) if until else day_text(ran) if ran else "the run"
    return f"{day_text(since)} to {end}" if since else f"all time up to {end}"
