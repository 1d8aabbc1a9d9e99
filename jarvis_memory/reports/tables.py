"""Tables for people, in the report notebooks.

:func:`table` formats a frame with pandas' ``Styler``: no row index, thousands
separators, counts as whole numbers, fractions as percents, UTC dates, JSON
instead of Python reprs, a dash for missing values, every row shown.
:func:`listing` shows a long list as a searchable, paginated table (itables:
DataTables, embedded in the page, so the exported HTML works offline) and says
"N of M shown" whenever it is cut.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd

MISSING = "—"
LISTING_LIMIT = 1_000  # rows embedded in the HTML page of one listing
_itables_ready = False


def fmt(value: Any, *, percent: bool = False) -> str:
    """One value as a person reads it: ``1,234``; ``12.5``; ``12.3%`` (``percent``: a fraction);
    ``2026-03-02 08:00 UTC``; JSON for dicts and lists; ``—`` for None/NaN/NaT."""
    if isinstance(value, np.ndarray):  # DuckDB LIST columns arrive as arrays
        value = value.tolist()
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    if value is None or value is pd.NaT or (isinstance(value, float | np.floating) and math.isnan(value)):
        return MISSING
    if isinstance(value, bool | np.bool_):
        return "yes" if value else "no"
    if isinstance(value, int | np.integer):
        return f"{int(value):,}" if not percent else f"{value:.1%}"
    if isinstance(value, float | np.floating):
        value = float(value)
        if percent:
            return f"{value:.1%}"
        if math.isinf(value):
            return "∞" if value > 0 else "−∞"
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:,.2f}" if abs(value) >= 0.01 else f"{value:.2g}"
    if isinstance(value, pd.Timestamp | datetime):
        ts = pd.Timestamp(value)
        if ts.tzinfo is not None:
            ts = ts.tz_convert("UTC")
        return ts.strftime("%Y-%m-%d") if (ts.hour, ts.minute, ts.second) == (0, 0, 0) and not ts.microsecond \
            else ts.strftime("%Y-%m-%d %H:%M") + (" UTC" if ts.tzinfo is not None else "")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return f"({len(value):,} bytes)"
    return str(value)


def table(df: pd.DataFrame, *, percent: Iterable[str] = (), right: Iterable[str] = (), caption: str | None = None) -> Any:
    """``df`` as a formatted ``Styler`` (display it, or let it be a cell's last value).

    ``percent`` names columns holding fractions (0.25 → 25.0%); ``right`` names text columns
    to align as numbers (numeric columns always are).  Every row is shown:
    use :func:`listing` for a list that may be long.
    """
    percent, right = set(percent), set(right)
    unknown = (percent | right) - set(df.columns)
    if unknown:
        raise KeyError(f"no such columns in the table: {sorted(unknown)}")
    formatters = {col: (lambda v, p=col in percent: fmt(v, percent=p)) for col in df.columns}
    styler = df.style.format(formatters, na_rep=MISSING).hide(axis="index")
    styler = styler.set_table_styles([{"selector": "td, th", "props": "padding: 2px 10px;"},
                                      {"selector": "th", "props": "text-align: left;"}])
    for col in df.columns:  # numbers right-aligned in even columns of digits, text left-aligned
        numeric = col in right or pd.api.types.is_numeric_dtype(df[col]) and not pd.api.types.is_bool_dtype(df[col])
        styler = styler.set_properties(subset=[col], **({"text-align": "right", "font-variant-numeric": "tabular-nums"}
                                                        if numeric else {"text-align": "left"}))
    return styler.set_caption(caption) if caption else styler


def figures(values: Mapping[str, Any], *, percent: Iterable[str] = (), caption: str | None = None) -> Any:
    """Headline figures as a two-column table (figure, value), all of them, each formatted by its own kind."""
    percent = set(percent)
    rows = pd.DataFrame({"figure": list(values), "value": [fmt(v, percent=k in percent) for k, v in values.items()]})
    return table(rows, right=["value"], caption=caption)


def listing(df: pd.DataFrame, *, what: str = "rows", limit: int = LISTING_LIMIT, total: int | None = None) -> None:
    """Display ``df`` as a searchable, paginated table, at most ``limit`` rows, saying "N of M shown" when cut.

    ``total`` is the full count when ``df`` is already a cut of a longer list.  An empty list
    displays one sentence ("No rows.") instead of an empty table.
    """
    from IPython.display import Markdown, display
    from itables import init_notebook_mode, show

    global _itables_ready
    if not _itables_ready:  # embed DataTables in the page once, so the exported HTML needs no network
        init_notebook_mode(all_interactive=False, connected=False)
        _itables_ready = True
    total = len(df) if total is None else total
    if total == 0:
        display(Markdown(f"No {what}."))
        return
    shown = df.head(limit)
    text = shown.map(fmt) if len(shown.columns) else shown
    caption = f"{len(shown):,} of {total:,} {what} shown" if len(shown) < total else f"{total:,} {what}"
    show(text, caption=caption, showIndex=False, pageLength=10, lengthMenu=[10, 25, 100], classes="display compact")
    if len(shown) < total:
        display(Markdown(f"*{len(shown):,} of {total:,} {what} shown.*"))
