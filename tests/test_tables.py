"""Tables for people: formatting of every kind of value a report shows, and the Styler's HTML."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timezone

import numpy as np
import pandas as pd
import pytest

from jarvis_memory.errors import ValidationError
from jarvis_memory.reports import tables


@pytest.mark.parametrize("value, text", [
    (None, "—"), (float("nan"), "—"), (pd.NaT, "—"), (1234567, "1,234,567"), (np.int64(42), "42"),
    (9.0e9, "9,000,000,000"), (12.3456, "12.35"), (0.0042, "0.0042"), (float("inf"), "∞"), (True, "yes"),
    (pd.Timestamp("2026-03-02 08:30", tz="UTC"), "2026-03-02 08:30 UTC"), (pd.Timestamp("2026-03-02"), "2026-03-02"),
    (pd.Timestamp("2026-03-02", tz="UTC"), "2026-03-02 00:00 UTC"),  # a moment (zone named), not a day
    (pd.Timestamp("2026-03-02 13:30+05:00"), "2026-03-02 08:30 UTC"), (date(2026, 3, 2), "2026-03-02"),
    (datetime(2026, 3, 2, 7, 30, tzinfo=timezone.utc), "2026-03-02 07:30 UTC"),
    ({"memory_id": 1, "note": "é"}, '{"memory_id": 1, "note": "é"}'), ([1, 2], "1, 2"), (np.array([3, 4]), "3, 4"),
    (["fact"], "fact"), ([], "—"), ("2026-09-11T19:44:09.122Z", "2026-09-11 19:44 UTC"), ("2026-02-30T10:00:00.000Z",
    "2026-02-30T10:00:00.000Z"), ("soon", "soon"), ("9999-12-31T23:59:59.999Z", "9999-12-31 23:59 UTC"),
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


def test_fmt_writes_ids_without_separators_and_percent_with_a_percent_sign():
    assert tables.fmt(12507, ids=True) == "12507" and tables.fmt([154, 12507], ids=True) == "154, 12507"
    assert tables.fmt(12507) == "12,507" and tables.fmt(0.00055, percent=True) == "0.055%"


def test_table_formats_each_column_by_its_kind_and_escapes_text():
    df = pd.DataFrame({"id": [12507, 3], "first_ids": [[12507, 3], [1]], "categories": [["fact"], ["fact", "pattern"]],
                       "started_at": ["2026-09-11T19:44:09.122Z", "soon"], "open_hours": [761.0, 1484.8],
                       "content": ["<script>alert(1)</script>", "Lo-fi beats"]})
    html = tables.table(df).to_html()
    for text in (">12507<", ">12507, 3<", ">fact, pattern<", ">2026-09-11 19:44 UTC<", ">soon<", ">761.00<", ">1,484.80<",
                 ">&lt;script&gt;alert(1)&lt;/script&gt;<", ">Lo-fi beats<"):
        assert text in html, text
    assert "<script>" not in html and "[" not in html.split("</style>")[1]
    styles = html.split("</style>")[0]
    assert re.search(r"td\.col0 \{\s*text-align: right;\s*white-space: nowrap", styles)  # ids: numbers
    assert re.search(r"td\.col5 \{\s*text-align: left;", styles)  # text


def test_listing_shows_every_row_in_the_page_with_its_count_as_caption(monkeypatch, tmp_path):
    shown = _displayed(monkeypatch)
    df = pd.DataFrame({"id": range(40), "started_at": ["2026-09-11T19:44:09.122Z"] * 40})
    tables.listing(df, what="open sessions", csv=tmp_path / "open.csv")
    (html,) = shown
    assert "<caption>40 open sessions</caption>" in html and html.count("<tr>") == 41 and not list(tmp_path.iterdir())
    assert "max-height:none" in html  # printed whole
    tables.listing(df.head(0), what="open sessions")
    assert shown[-1] == "No open sessions."


def test_a_cut_listing_links_its_complete_csv_beside_the_report(monkeypatch, tmp_path):
    shown = _displayed(monkeypatch)
    df = pd.DataFrame({"id": range(12), "value": [f"v{i}" for i in range(12)]})
    tables.listing(df, what="review groups", csv=tmp_path / "review_groups.csv", limit=5)
    (html,) = shown
    assert 'First 5 of 12 review groups shown; all of them: <a href="review_groups.csv">review_groups.csv</a>' in html
    assert html.count("<tr>") == 6
    assert pd.read_csv(tmp_path / "review_groups.csv").equals(df)
    with pytest.raises(ValueError, match="pass csv="):
        tables.listing(df, what="review groups", limit=5)


def _displayed(monkeypatch) -> list[str]:
    import IPython.display

    shown: list[str] = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj.data))
    return shown


DECLARED = {"jarvis_memory": {"headline": [
    {"name": "active_days", "label": "Active days", "format": "count", "unit": "days"},
    {"name": "explicit_share", "label": "Stated by the user", "format": "fraction"},
    {"name": "storage_percent", "label": "Storage used", "format": "percent"},
    {"name": "database_bytes", "label": "Database size", "format": "bytes"}, "median"]}}


def test_figures_are_labelled_and_formatted_as_the_notebook_declares():
    specs = tables.declared(DECLARED)
    assert list(specs) == ["active_days", "explicit_share", "storage_percent", "database_bytes", "median"]
    values = {"active_days": 91, "explicit_share": 0.8889, "storage_percent": 0.0547, "database_bytes": 4_919_296,
              "median": None, "undeclared_one": 329.5}
    html = tables.figures(values, specs).to_html()
    for text in (">Active days<", ">91 days<", ">Stated by the user<", ">88.9%<", ">0.055%<", ">4.9 MB<", ">Median<",
                 ">—<", ">Undeclared one<", ">329.5<"):
        assert text in html, text
    assert not re.search(r">[^<]*_[^<]*<", html.split("</style>")[1])  # no raw figure name


def test_changes_read_in_the_figures_own_format():
    specs = tables.declared(DECLARED)
    assert tables.change_text(15, 20, specs["active_days"]) == "−5 days (−25.0%)"
    assert tables.change_text(0.91, 0.8889, specs["explicit_share"]) == "+2.1 points"
    assert tables.change_text(5_000_000, 4_000_000, specs["database_bytes"]) == "+1.0 MB (+25.0%)"
    assert tables.change_text(3, 3) == "no change" and tables.change_text(2, 0) == "+2"
    assert tables.change_text(3003, 3000) == "+3 (+0.1%)"  # never "+0%"


@pytest.mark.parametrize("declaration", [[{"label": "no name"}], [{"name": "x", "format": "percents"}], [7]])
def test_a_bad_declaration_is_a_validation_error(declaration):
    with pytest.raises(ValidationError):
        tables.declared({"jarvis_memory": {"headline": declaration}})


def test_periods_read_in_words():
    assert tables.period_text(None, None, "2026-12-06T14:53:10.000Z") == "all time up to 6 Dec 2026 14:53 UTC"
    assert tables.period_text(None, "2026-11-15", None) == "all time up to 15 Nov 2026"
    assert tables.period_text("2026-11-01", "2026-11-15T12:00", None) == "1 Nov 2026 to 15 Nov 2026 12:00 UTC"
