"""Charts: a sentence instead of an empty chart, sentinel dates left out with a note, never an error."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from jarvis_memory.reports import charts  # noqa: E402


@pytest.fixture(autouse=True)
def _capture_figures(monkeypatch):
    shown = []
    monkeypatch.setattr(plt, "show", lambda: shown.append(plt.gcf()))
    yield shown
    plt.close("all")


def test_empty_data_gives_a_sentence_and_no_figure(_capture_figures, monkeypatch):
    import IPython.display

    said = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: said.append(obj.data))
    empty = pd.DataFrame({"day": pd.Series([], dtype="datetime64[ns, UTC]"), "events": pd.Series([], dtype=int)})
    charts.bars_over_time(empty, "day", "events", title="t", ylabel="events", what="events")
    charts.lines_over_time(empty, "day", ["events"], title="t", ylabel="events", what="memories")
    charts.counts([], [], title="t", xlabel="sessions", what="ended sessions")
    charts.histogram(pd.Series([], dtype=float), title="t", xlabel="minutes", ylabel="sessions", what="durations")
    charts.lines([], {}, title="t", xlabel="threshold", ylabel="pairs", what="candidates")
    assert _capture_figures == [] and len(said) == 5 and all(s.endswith(" in this period.*") for s in said)
    assert "*No ended sessions in this period.*" in said


def test_sentinel_dates_are_left_out_and_counted_under_the_chart(_capture_figures):
    df = pd.DataFrame({"day": ["2026-03-01", "2026-03-02", "9999-12-31", "0001-01-01"], "events": [3, 4, 1, 1]})
    charts.bars_over_time(df, "day", "events", title="Events", ylabel="events", what="events")
    (fig,) = _capture_figures
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["2 rows with a date outside 1970–2200 left out"]
    assert fig.axes[0].get_ylabel() == "events" and len(fig.axes[0].patches) == 2


def test_coinciding_lines_stay_distinguishable(_capture_figures):
    charts.lines([80, 90, 100], {"near": [5, 4, 3], "all": [5, 4, 3]}, title="Sweep", xlabel="threshold",
                 ylabel="pairs", what="candidates")
    (fig,) = _capture_figures
    a, b = fig.axes[0].get_lines()
    assert (a.get_linestyle(), a.get_marker()) != (b.get_linestyle(), b.get_marker())


def test_counts_print_each_value_so_small_bars_are_readable(_capture_figures):
    charts.counts(["ok", "invalid"], [5000, 1], title="Values", xlabel="rows", what="values")
    (fig,) = _capture_figures
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert labels == ["5,000", "1"]


def test_values_the_app_never_writes_are_drawn_apart_on_their_own_scale(_capture_figures):
    charts.counts(["timeout", "explicit", "crash", "Timeout", "(still open)"], [685, 506, 1, 2, 22], title="How sessions end",
                  xlabel="sessions", what="sessions", expected=("timeout", "explicit", "browser_close", "(still open)"),
                  unexpected="not an end trigger the app writes")
    (fig,) = _capture_figures
    normal, odd = fig.axes
    assert [t.get_text() for t in normal.get_yticklabels()] == ["timeout", "explicit", "(still open)"]
    assert [t.get_text() for t in odd.get_yticklabels()] == ["Timeout", "crash"]
    assert odd.get_title() == "How sessions end: not an end trigger the app writes"
    assert odd.get_xlim()[1] < 10 < normal.get_xlim()[1]  # 2 beside 685 stays visible
    assert {p.get_facecolor() for p in odd.patches}.isdisjoint({p.get_facecolor() for p in normal.patches})
