"""Charts for the report notebooks: readable at a glance, and a sentence instead of an empty chart.

Every function draws with matplotlib and shows the figure; when there is nothing to draw it
displays "No … in this period." instead.  Axes are labelled, long category labels go on a
horizontal bar chart, dates read as dates, small bars get their value printed beside them,
and lines that may lie on top of each other are told apart by marker and style.
Dates outside matplotlib's range (years 1–9999: sentinel rows such as 9999-12-31) are left
out of a chart and counted in a note under it, never a failure.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

import pandas as pd
from matplotlib.ticker import MaxNLocator

COLORS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b2", "#937860")
_MARKERS = ("o", "s", "^", "D", "v", "x")
_STYLES = ("-", "--", "-.", ":", "-", "--")
FIRST_DAY, LAST_DAY = pd.Timestamp("1970-01-01", tz="UTC"), pd.Timestamp("2200-01-01", tz="UTC")


def nothing(what: str) -> None:
    """Display "No ``what`` in this period." as a sentence (for a chart or table with no rows)."""
    from IPython.display import Markdown, display

    display(Markdown(f"*No {what} in this period.*"))


def _plottable_dates(df: pd.DataFrame, column: str) -> tuple[pd.DataFrame, int]:
    """Rows whose ``column`` is a date between 1970 and 2200 (a plausible moment), and how many were left out."""
    values = pd.to_datetime(df[column], utc=True, errors="coerce")
    keep = values.between(FIRST_DAY, LAST_DAY)
    return df[keep.to_numpy()], int((~keep).sum())


def _note_dropped(ax: Any, dropped: int) -> None:
    if dropped:
        ax.annotate(f"{dropped:,} rows with a date outside 1970–2200 left out", xy=(0, -0.3),
                    xycoords="axes fraction", fontsize=8, color="#666")


def bars_over_time(df: pd.DataFrame, x: str, ys: Sequence[str] | str, *, title: str, ylabel: str,
                   what: str, width_days: float = 0.8, stacked: bool = True) -> None:
    """Bars per day or week (``x`` a date column), one colour per column of ``ys``, stacked by default."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    ys = [ys] if isinstance(ys, str) else list(ys)
    data, dropped = _plottable_dates(df, x)
    if data.empty or not data[ys].to_numpy().sum():
        nothing(what)
        return
    days = pd.to_datetime(data[x], utc=True).dt.tz_localize(None)
    fig, ax = plt.subplots()
    bottom = None
    for i, y in enumerate(ys):
        ax.bar(days, data[y], width=width_days, bottom=bottom if stacked else None, label=y.replace("_", " "),
               color=COLORS[i % len(COLORS)], align="edge" if width_days > 1 else "center")
        bottom = data[y].to_numpy() if bottom is None else bottom + data[y].to_numpy()
    _finish_time_axis(ax, mdates)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0.5 ticks
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    if len(ys) > 1:
        ax.legend(frameon=False)
    _note_dropped(ax, dropped)
    plt.show()


def lines_over_time(df: pd.DataFrame, x: str, ys: Sequence[str], *, title: str, ylabel: str, what: str) -> None:
    """One line per column of ``ys`` over the date column ``x``, each with its own marker and dash style."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    data, dropped = _plottable_dates(df, x)
    if data.empty:
        nothing(what)
        return
    days = pd.to_datetime(data[x], utc=True).dt.tz_localize(None)
    fig, ax = plt.subplots()
    for i, y in enumerate(ys):
        ax.plot(days, data[y], label=str(y).replace("_", " "), color=COLORS[i % len(COLORS)],
                linestyle=_STYLES[i % len(_STYLES)], marker=_MARKERS[i % len(_MARKERS)], markersize=3,
                markevery=max(1, len(data) // 20))
    _finish_time_axis(ax, mdates)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(frameon=False)
    _note_dropped(ax, dropped)
    plt.show()


def lines(x: Sequence[Any], series: Mapping[str, Sequence[float]], *, title: str, xlabel: str, ylabel: str,
          what: str, mark: tuple[float, str] | None = None) -> None:
    """Lines over a numeric ``x`` (e.g. a threshold sweep); lines that coincide stay visible (markers, dashes).

    ``mark`` = ``(x, label)`` draws a labelled dashed vertical line (e.g. the threshold in use).
    """
    import matplotlib.pyplot as plt

    if not len(x):
        nothing(what)
        return
    fig, ax = plt.subplots()
    for i, (label, ys) in enumerate(series.items()):
        ax.plot(x, ys, label=label, color=COLORS[i % len(COLORS)], linestyle=_STYLES[i % len(_STYLES)],
                marker=_MARKERS[i % len(_MARKERS)], markersize=5 - i % 3, linewidth=2.2 - 0.5 * (i % 3))
    if mark is not None:
        ax.axvline(mark[0], color="grey", linestyle="--", linewidth=1)
        ax.annotate(mark[1], xy=(mark[0], 1), xycoords=("data", "axes fraction"), xytext=(4, -12),
                    textcoords="offset points", fontsize=8, color="#555")
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(frameon=False)
    plt.show()


def counts(labels: Sequence[Any], values: Sequence[float], *, title: str, xlabel: str, what: str,
           expected: Collection[str] | None = None, unexpected: str = "values the app never writes") -> None:
    """Horizontal bars, one per label (labels never overlap), largest first, each with its value printed.

    With ``expected``, the other labels (values no client should write, e.g. an end trigger ``crash``) are
    drawn apart: in a panel of their own below, on their own scale (2 beside 685 stays visible), in another
    colour, hatched, titled ``unexpected``.
    """
    import matplotlib.pyplot as plt

    if not len(labels) or not sum(values):
        nothing(what)
        return
    groups = [[(str(k), v) for k, v in zip(labels, values) if expected is None or str(k) in expected]]
    if expected is not None:
        groups.append([(str(k), v) for k, v in zip(labels, values) if str(k) not in expected])
    groups = [sorted(g, key=lambda kv: -kv[1]) for g in groups if g]
    fig, axes = plt.subplots(len(groups), 1, squeeze=False, figsize=(9, 0.6 + 0.35 * len(labels) + 0.6 * (len(groups) - 1)),
                             height_ratios=[len(g) for g in groups])
    for ax, group in zip(axes[:, 0], groups):
        odd = expected is not None and group[0][0] not in expected
        bars = ax.barh([k for k, _ in group], [v for _, v in group], color=COLORS[3] if odd else COLORS[0],
                       hatch="//" if odd else None, edgecolor="white")
        ax.invert_yaxis()
        ax.bar_label(bars, labels=[f"{v:,.0f}" for _, v in group], padding=3, fontsize=8)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.margins(x=0.12)
        ax.set_title(f"{title}: {unexpected}" if odd else title, **({"fontsize": 9, "color": COLORS[3]} if odd else {}))
    axes[-1, 0].set_xlabel(xlabel)
    fig.tight_layout()
    plt.show()


def histogram(values: pd.Series, *, title: str, xlabel: str, ylabel: str, what: str, bins: int = 30) -> None:
    """A histogram of finite ``values``; the median is marked."""
    import matplotlib.pyplot as plt

    values = pd.to_numeric(values, errors="coerce").dropna()
    if values.empty:
        nothing(what)
        return
    fig, ax = plt.subplots()
    ax.hist(values, bins=bins, color=COLORS[2])
    median = values.median()
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.axvline(median, color="#333", linestyle="--", linewidth=1)
    ax.annotate(f"median {median:,.1f}", xy=(median, 1), xycoords=("data", "axes fraction"), xytext=(4, -12),
                textcoords="offset points", fontsize=8)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    plt.show()


def _finish_time_axis(ax: Any, mdates: Any) -> None:
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
