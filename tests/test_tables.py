"""Tables for people: formatting of every kind of value a report shows, and the Styler's HTML."""

from __future__ import annotations

import math
from datetime import date, datetime, timezone

import numpy as np
import pandas as pd
import pytest

from jarvis_memory.reports import tables


@pytest.mark.parametrize("value, text", [
    (None, "—"), (float("nan"), "—"), (pd.NaT, "—"), (1234567, "1,234,567"), (np.int64(42), "42"),
    (9.0e9, "9,000,000,000"), (12.3456, "12.35"), (0.0042, "0.0042"), (float("inf"), "∞"), (True, "yes"),
    (pd.Timestamp("2026-03-02 08:30", tz="UTC"), "2026-03-02 08:30 UTC"), (pd.Timestamp("2026-03-02", tz="UTC"), "2026-03-02"),
    (pd.Timestamp("2026-03-02 13:30+05:00"), "2026-03-02 08:30 UTC"), (date(2026, 3, 2), "2026-03-02"),
    (datetime(2026, 3, 2, 7, 30, tzinfo=timezone.utc), "2026-03-02 07:30 UTC"),
    ({"memory_id": 1, "note": "é"}, '{"memory_id": 1, "note": "é"}'), ([1, 2], "[1, 2]"), (np.array([3, 4]), "[3, 4]"),
    (np.float64("nan"), "—"), (np.bool_(False), "no"), (b"\xff\x00", "(2 bytes)"),
    ("text", "text"),
])
def test_fmt_writes_each_kind_as_a_person_reads_it(value, text):
    assert tables.fmt(value) == text


def test_fmt_percent_reads_fractions():
    assert tables.fmt(0.256, percent=True) == "25.6%" and tables.fmt(1, percent=True) == "100.0%"
    assert tables.fmt(None, percent=True) == "—"


def test_table_has_no_index_no_nan_no_float_counts_and_every_row():
    df = pd.DataFrame({"category": [f"c{i}" for i in range(40)], "memories": [float(i) for i in range(40)],
                       "share": [i / 40 for i in range(40)]})
    df.loc[3, "memories"] = math.nan
    html = tables.table(df, percent=["share"]).to_html()
    assert "nan" not in html.lower() and "NaN" not in html and "..." not in html
    assert ">39<" in html and ">2.5%<" in html and ">39.0<" not in html and ">—<" in html
    assert "row_heading" not in html  # no pandas row index
    styles = tables.table(df).to_html().split("</style>")[0]
    assert "text-align: left" in styles and "text-align: right" in styles
    with pytest.raises(KeyError):
        tables.table(df, percent=["nope"])


def test_figures_shows_every_figure_formatted():
    values = {f"figure_{i}": i * 1000 for i in range(30)} | {"explicit_share": 0.5, "median": None}
    html = tables.figures(values, percent=["explicit_share"]).to_html()
    assert all(f">figure_{i}<" in html for i in range(30)) and ">29,000<" in html and ">50.0%<" in html
    assert ">—<" in html
