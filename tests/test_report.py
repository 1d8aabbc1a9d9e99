"""The report runner: rule and parameter parsing, headline files, the index, and the real CLI end to end.

The end-to-end runs execute the real notebooks through the installed command on
a tiny demo database, with a sentinel DATABASE_AUTH_TOKEN in the environment:
the kernel inherits it (a test notebook checks; one run goes over ws:// to the
libSQL test server, which accepts only the sentinel), and it must appear in no
file and no output.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import nbformat
import numpy as np
import pandas as pd
import pytest
from jupyter_client.kernelspec import KernelSpecManager

from jarvis_memory.reports import index as report_index, kernel, notebook, parameters, runner
from jarvis_memory.reports import rules as report_rules
from jarvis_memory.errors import ValidationError
from conftest import KEYS, TOKEN
from sqld import Sqld, free_port

SENTINEL = TOKEN  # a JWT the test sqld accepts; also planted where no server checks it
CLI = [str(Path(sys.executable).with_name("jarvis-memory"))]  # the installed command, as cron runs it
UNTIL = "2026-11-15"  # after the demo's 90 days: "open" and "stale" are measured at a fixed moment
MY_NOTEBOOKS = ("session_summary", "usage_report")


# -- fail_on rules ----------------------------------------------------------------------
def test_parse_rules_reads_every_operator_without_eval():
    rules = report_rules.parse_rules(" a>0, b >= 1.5,c<2 ,d<=-3, e==4, f!=5, g == \"text\", usage_report.h>1")
    assert [(r.metric, r.op, r.threshold, r.notebook) for r in rules] == [
        ("a", ">", 0, None), ("b", ">=", 1.5, None), ("c", "<", 2, None), ("d", "<=", -3, None),
        ("e", "==", 4, None), ("f", "!=", 5, None), ("g", "==", "text", None), ("h", ">", 1, "usage_report"),
    ]
    assert report_rules.parse_rules("") == [] and report_rules.parse_rules("  ") == [] and report_rules.parse_rules(None) == []


@pytest.mark.parametrize("text", ["a>>1", "a>", ">1", "a=1", "a>b", "a>1,", "__import__('os')>1", "a>1; b<2", "1>a",
                                  # never (or always) matches: a threshold is a finite number, whatever the spelling
                                  "a>NaN", "a!=NaN", "a==nan", "a>inf", "a<-Infinity", "a>=Infinity", "a<=1e400",
                                  "a!=-1e999", "a>+inf"])
def test_parse_rules_rejects_anything_else(text):
    with pytest.raises(ValidationError):
        report_rules.parse_rules(text)


def test_check_rules_names_rule_and_value_and_refuses_unknown_metrics():
    figures = {"open_sessions": 12, "bad_timestamps": 0, "median": None}
    rules = report_rules.parse_rules("open_sessions>=10, bad_timestamps>0, median>1, other_nb.anything>0")
    assert report_rules.check_rules(rules, figures, "session_summary") == [
        "session_summary: fail_on rule open_sessions>=10 matched (open_sessions = 12)"
    ]
    assert report_rules.check_rules(report_rules.parse_rules("open_sessions<10"), figures, "s") == []
    with pytest.raises(ValidationError, match="unknown metric 'open_session'.*known: bad_timestamps, median, open_sessions"):
        report_rules.check_rules(report_rules.parse_rules("open_session>1"), figures, "s")


# -- parameters ---------------------------------------------------------------------------
def test_parse_params_takes_json_when_it_parses_else_text():
    assert parameters.parse_params(["n=48", "x=1.5", "flag=true", "none=null", "ids=[1, 2]", "name=tea",
                                'quoted="7"', "fail_on=open_sessions>=10, a==1", "empty="]) == {
        "n": 48, "x": 1.5, "flag": True, "none": None, "ids": [1, 2], "name": "tea", "quoted": "7",
        "fail_on": "open_sessions>=10, a==1", "empty": "",
    }


@pytest.mark.parametrize("pair", ["novalue", "1x=2", "a-b=1", "=3", "database_url=file:x.db", "output_dir=/tmp"])
def test_parse_params_rejects_bad_names_and_runner_owned_ones(pair):
    with pytest.raises(ValidationError):
        parameters.parse_params([pair])


def test_params_go_to_the_notebooks_that_declare_them():
    declared = {"a": {"fail_on": "", "x": 1}, "b": {"fail_on": "", "y": 2}}
    assert parameters.params_for(declared, {"x": 5, "fail_on": "x>1"}) == {"a": {"x": 5, "fail_on": "x>1"}, "b": {"fail_on": "x>1"}}
    with pytest.raises(ValidationError, match="unknown parameter 'z'.*declare fail_on, x, y"):
        parameters.params_for(declared, {"z": 1})


@pytest.mark.parametrize("name", sorted(runner.available()))
def test_notebooks_follow_contract_d(name):
    """Parameters cell first, then the cell checking them; headline figures, then the fail_on check, last; the
    contract's names and defaults, committed without outputs, kernel python3."""
    path = runner.available()[name]
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    assert f'check_parameters("{name}", globals())' in code[1].source
    assert "write_headline" in code[-2].source and f'check_fail_on("{name}", figures, fail_on)' in code[-1].source
    assert nb.metadata.kernelspec.name == "python3"
    assert all(not c.outputs and c.execution_count is None for c in code)
    declared = parameters.declared_parameters(path)
    assert declared["database_url"] == "file:../tests/fixtures/jarvis-fixture.db"
    assert (declared["since"], declared["until"], declared["output_dir"], declared["fail_on"]) == (None, None, ".", "")


@pytest.mark.parametrize("name", sorted(runner.available()))
def test_every_parameter_has_a_declared_type_and_range_its_default_meets(name):
    """One place declares what a parameter may be (metadata jarvis_memory.parameters); the defaults meet it."""
    from jarvis_memory.analysis.dedup.tuning import NEAR_FLOOR

    path = runner.available()[name]
    declared = notebook.Declared.read(path)
    assert set(declared.defaults) == set(nbformat.read(path, as_version=4).metadata.jarvis_memory.parameters)
    declared.check({k: v for k, v in declared.defaults.items() if v is not None or k in ("since", "until")})
    for schema in declared.schemas.values():
        assert schema.get("type") in ("integer", "number", "array") or "minimum" not in schema
        if schema.get("type") in ("integer", "number"):
            assert "minimum" in schema and "maximum" in schema  # a range, not only a kind
    if name == "dedup_audit":  # the audit's own lowest threshold
        assert declared.schemas["duplicate_threshold"]["minimum"] == NEAR_FLOOR


@pytest.mark.parametrize("value", [1.5, 0.0001, 1e308, 10**400, -1, 0, 36501, float("nan"), float("inf"), "NaN", True,
                                   None, "30"])
def test_a_parameter_outside_its_declared_type_or_range_is_refused_by_the_one_check(value):
    """Values -p can give (a float, a 400-digit integer, text) and papermill can inject (NaN, infinity)."""
    declared = notebook.Declared.read(runner.available()["usage_report"])
    with pytest.raises(ValidationError, match=r"usage_report: -p stale_memory_days must be a whole number from 1 "
                                              r"to 36,500; got "):
        declared.check({"stale_memory_days": value}, flag="-p ")
    declared.check({"stale_memory_days": 1})
    declared.check({"stale_memory_days": 36500})
    assert parameters.parse_params(["x=NaN", "y=1e400", "z=-Infinity", "n=" + "9" * 400]) == {
        "x": "NaN", "y": "1e400", "z": "-Infinity", "n": int("9" * 400)}  # strict JSON: text, never a float


def test_a_default_path_is_read_from_the_notebooks_folder_and_a_given_one_as_given(tmp_path):
    """What a notebook's second cell does (here from tmp_path, as papermill run from elsewhere): its defaults point
    at the fixture, the labelled set and its own folder, relative to notebooks/, not to the working directory."""
    defaults = notebook.Declared.read(runner.available()["dedup_audit"]).defaults
    values = {**defaults, "sweep_thresholds": [50, 60]}
    root = runner.notebooks_dir().parent.resolve()
    assert notebook.check_parameters("dedup_audit", {**values, "In": [], "other": 1}) == {
        **values, "database_url": (root / "tests" / "fixtures" / "jarvis-fixture.db").as_uri(),
        "eval_set": str(root / "tests" / "dedup_eval"), "output_dir": str(root / "notebooks"),
    }
    given = {**values, "database_url": "file:mine.db", "eval_set": "mine", "output_dir": "out"}
    assert notebook.check_parameters("dedup_audit", given) == given


# -- headline figures, the window macro, the index ---------------------------------------------
def test_write_headline_makes_plain_sorted_json(tmp_path):
    path = notebook.write_headline("usage", {
        "b_np_int": np.int64(3), "a_np_float": np.float64(0.25), "nan": float("nan"), "na": pd.NA,
        "when": pd.Timestamp("2026-02-02T09:30:00Z"), "text": "ok", "flag": np.bool_(True), "none": None,
    }, tmp_path)
    text = path.read_text()
    assert path == tmp_path / "usage.json" and list(tmp_path.iterdir()) == [path]
    assert json.loads(text) == {"a_np_float": 0.25, "b_np_int": 3, "flag": True, "na": None, "nan": None,
                                "none": None, "text": "ok", "when": "2026-02-02T09:30:00+00:00"}
    assert text.index('"a_np_float"') < text.index('"b_np_int"')


@pytest.mark.parametrize("figures", [{"nested": {"a": 1}}, {"list": [1]}, {"array": np.array([1, 2])}, {"bad key": 1}, {1: 2}])
def test_write_headline_refuses_non_flat_figures_and_writes_nothing(tmp_path, figures):
    with pytest.raises(ValidationError):
        notebook.write_headline("x", figures, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_set_window_defines_in_window_macro():
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT * FROM (VALUES (TIMESTAMPTZ '2026-01-31 23:59:59+00'), "
                "(TIMESTAMPTZ '2026-02-01 00:00:00+00'), (TIMESTAMPTZ '2026-02-28 12:00:00+00'), (NULL)) v(ts)")
    count = "SELECT count(*) FROM t WHERE in_window(ts)"
    since, until, as_of = notebook.set_window(con, "2026-02-01", "2026-02-28")
    assert con.execute(count).fetchall() == [(1,)]
    assert as_of == until == datetime(2026, 2, 28, tzinfo=timezone.utc) and since.day == 1
    notebook.set_window(con, None, None)
    assert con.execute(count).fetchall() == [(3,)]
    with pytest.raises(ValidationError):
        notebook.set_window(con, "2026-03-01", "2026-02-01")


def test_index_lists_runs_newest_first_with_escaped_figures(tmp_path):
    for day, figures in (("2026-01-01", {"old": 1}), ("2026-01-02", {"y": 2}), ("2026-01-02.2", {"second": 2}),
                         ("2026-01-02.10", {"x": "<script>alert(1)</script>"})):
        (tmp_path / day).mkdir()
        (tmp_path / day / "usage_report.html").write_text("<html></html>")
        (tmp_path / day / "usage_report.json").write_text(json.dumps(figures))
    (tmp_path / "2026-01-02.10" / "broken.html").write_text("<html></html>")  # a failed run: no JSON
    (tmp_path / "not-a-date").mkdir()
    page = report_index.write_index(tmp_path).read_text()
    assert "Latest run: 2 Jan 2026 (run 10 of the day)" in page
    assert page.index('href="2026-01-02.10/broken.html"') < page.index('href="2026-01-02.2/usage_report.html"') \
        < page.index('href="2026-01-02/usage_report.html"') < page.index('href="2026-01-01/usage_report.html"')
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "No headline figures" in page and "not-a-date" not in page


def _run(tmp_path: Path, folder: str, database: str, figures: dict, since: str | None = None,
         headline: list | None = None) -> None:
    (tmp_path / folder).mkdir()
    (tmp_path / folder / "dedup_audit.html").write_text("<html></html>")
    (tmp_path / folder / "dedup_audit.json").write_text(json.dumps(figures))
    if headline is not None:  # the executed notebook carries its declaration
        (tmp_path / folder / "dedup_audit.ipynb").write_text(json.dumps(
            {"cells": [], "metadata": {"jarvis_memory": {"headline": headline}}, "nbformat": 4, "nbformat_minor": 5}))
    (tmp_path / folder / report_index.RUN_FILE).write_text(json.dumps(
        {"database": database, "since": since, "until": None, "started": f"{folder[:10]}T06:00:00.000Z",
         "reports": {"dedup_audit": {"ok": True, "problems": []}}}))


def test_index_has_one_section_per_database_with_the_change_since_its_previous_run_and_a_trend(tmp_path):
    for folder, database, duplicates in [("2026-01-01", "file:///a.db", 10), ("2026-01-02", "file:///b.db", 500),
                                         ("2026-01-03", "file:///a.db", 20), ("2026-01-03.2", "file:///a.db", 15)]:
        _run(tmp_path, folder, database, {"duplicate_pairs": duplicates, "note": "x"})
    page = report_index.write_index(tmp_path).read_text()
    section_a, section_b = page.split("<h2>")[1:]
    assert section_a.startswith("Database <code>file:///a.db</code>") and page.count("Latest run:") == 2
    assert "Latest run: 3 Jan 2026 06:00 UTC (run 2 of the day) · period: all time up to 3 Jan 2026 06:00 UTC" in section_a
    assert "−5 (−25.0%)" in section_a and "<svg" in section_a  # 20 -> 15 on a.db, not 500 -> 15 from b.db
    assert "Earlier runs of this database" in section_a and 'href="2026-01-03/dedup_audit.html"' in section_a
    assert 'href="2026-01-01/dedup_audit.html"' in section_a and "file:///b.db" not in section_a
    assert section_b.startswith("Database <code>file:///b.db</code>") and "Earlier runs" not in section_b
    assert "First run of this report on this database for this period: no change or trend yet." in section_b
    assert "since previous run" not in section_b and "<svg" not in section_b  # no empty columns


def test_index_labels_and_formats_figures_as_the_notebook_declares(tmp_path):
    headline = [{"name": "demo_duplicate_recall", "label": "Demo: recall of the planted duplicates", "format": "fraction"},
                {"name": "storage_percent_of_free_tier", "label": "Storage used of the free tier", "format": "percent"},
                {"name": "memories", "label": "Memories audited", "format": "count"}]
    _run(tmp_path, "2026-01-01", "file:///a.db", {"demo_duplicate_recall": 0.8, "storage_percent_of_free_tier": 0.05,
                                                  "memories": 2500}, headline=headline)
    _run(tmp_path, "2026-01-02", "file:///a.db", {"demo_duplicate_recall": 0.8889, "storage_percent_of_free_tier": 0.0544,
                                                  "memories": 3000}, headline=headline)
    _run(tmp_path, "2026-01-03", "file:///a.db", {"memories": 10}, since="2026-01-02", headline=headline)
    page = report_index.write_index(tmp_path).read_text()
    latest, earlier = page.split("Earlier runs of this database")
    assert "period: 2 Jan 2026 to 3 Jan 2026 06:00 UTC" in latest and "First run of this report" in latest  # another period
    _run(tmp_path, "2026-01-04", "file:///a.db", {"demo_duplicate_recall": 0.8889, "storage_percent_of_free_tier": 0.0544,
                                                  "memories": 3000}, headline=headline)
    page = report_index.write_index(tmp_path).read_text()
    rows = re.findall(r'<th scope="row">([^<]*)</th><td class="v">([^<]*)</td>\s*<td class="d">([^<]*)</td>', page)
    assert rows == [("Demo: recall of the planted duplicates", "88.9%", "no change"),
                    ("Storage used of the free tier", "0.054%", "no change"), ("Memories audited", "3,000", "no change")]
    assert "demo_duplicate_recall" not in page and "0.8889" not in page


# -- the real command, end to end ---------------------------------------------------------------
def cli(*args: str, env_extra: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_AUTH_TOKEN")}
    env.update(env_extra or {})
    return subprocess.run(CLI + list(args), env=env, cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A tiny demo database and its ground truth; the sentinel token is in the environment the kernel inherits."""
    from jarvis_memory.demo import FIXTURE_AS_OF, build

    folder = tmp_path_factory.mktemp("demo")
    summary = build(folder / "demo.db", size="tiny", seed=7, as_of=FIXTURE_AS_OF)
    url = (folder / "demo.db").as_uri()
    return {"url": url, "truth": json.loads(Path(summary["truth"]).read_text()),
            "env": {"DATABASE_URL": url, "DATABASE_AUTH_TOKEN": SENTINEL}}


@pytest.fixture(scope="module")
def run_all(demo, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    result = cli("report", "--all", "--until", UNTIL, "--out", str(out), env_extra=demo["env"],
                 cwd=tmp_path_factory.mktemp("elsewhere"))
    return result, out, out / datetime.now(timezone.utc).date().isoformat()


def test_report_all_writes_notebook_html_and_json_for_every_notebook(run_all, demo):
    result, out, dated = run_all
    assert result.returncode == 0, result.stderr
    names = set(runner.available())
    assert set(MY_NOTEBOOKS) <= names
    assert {p.name for p in dated.iterdir()} == {f"{n}.{ext}" for n in names for ext in ("ipynb", "html", "json")} | (
        {"dedup_candidates.csv"} if "dedup_audit" in names else set()) | {report_index.RUN_FILE}
    index = (out / "index.html").read_text()
    for name in names:
        assert f'href="{dated.name}/{name}.html"' in index
        assert re.search(rf"{name}: ok \(\d+\.\d s\)", result.stdout)
        assert f"{name}: ok in" in result.stderr  # progress, one line per notebook
    assert kernel.KERNEL_NAME not in KernelSpecManager().find_kernel_specs()  # nothing left registered
    executed = nbformat.read(dated / "session_summary.ipynb", as_version=4)
    assert executed.metadata.papermill.parameters == {"database_url": demo["url"], "since": None, "until": UNTIL,
                                                      "output_dir": str(dated)}


def test_every_notebook_declares_the_headline_figures_it_writes(run_all):
    """The metadata list that lets a misspelt fail_on metric be refused before anything runs is the real one."""
    _, _, dated = run_all
    for name, path in runner.available().items():
        assert set(json.loads((dated / f"{name}.json").read_text())) == set(notebook.Declared.read(path).headline), name


def test_html_has_prose_and_outputs_but_no_code(run_all):
    _, _, dated = run_all
    html = (dated / "session_summary.html").read_text()
    assert "Sessions per day" in html and "data:image/png;base64" in html
    for code in ("write_headline(", "ds.sql(", 'class="jp-CodeMirrorEditor', 'class="highlight hl-ipython3"', "In&nbsp;["):
        assert code not in html


def _readable(html: str) -> list[str]:
    """What a person must never see in a report: Python's missing values, warnings, tracebacks, cut tables."""
    body = re.sub(r"data:image/\w+;base64,[A-Za-z0-9+/=]+", "", html.split("<body", 1)[1])  # charts' bytes are no text
    return [bad for bad in (">NaN<", ">nan<", ">None<", "NaT", "UserWarning", "Warning:", "Traceback", ">...<", "…</td>")
            if bad in body]


def test_every_report_reads_cleanly(run_all):
    _, _, dated = run_all
    for html in dated.glob("*.html"):
        assert _readable(html.read_text()) == [], html.name


def test_an_empty_period_says_so_in_sentences(demo, tmp_path):
    result = cli("report", "--all", "--since", "2026-11-14", "--until", UNTIL, "--out", str(tmp_path), env_extra=demo["env"])
    assert result.returncode == 0, result.stderr
    for html in tmp_path.glob("*/*.html"):
        text = html.read_text()
        assert _readable(text) == [], html.name
        if html.stem != "dedup_audit":
            assert "in this period." in text, html.name


def test_headline_figures_match_the_ground_truth(run_all, demo):
    _, _, dated = run_all
    truth = demo["truth"]
    counts = truth["counts"]
    usage = json.loads((dated / "usage_report.json").read_text())
    assert usage["memories"] == counts["memory_entries"]
    assert usage["total_rows"] == sum(counts.values())
    assert usage["events"] == counts["daily_logs"] - len(truth["bad_timestamp_ids"]["daily_logs"])
    assert usage["bad_timestamps"] == sum(map(len, truth["bad_timestamp_ids"].values()))
    assert usage["bad_enum_values"] == sum(map(len, truth["bad_enum_ids"].values()))
    assert usage["orphan_events"] == len(truth["orphan_event_ids"])
    assert usage["last_accessed_before_created"] == len(truth["accessed_before_created_ids"])
    assert usage["store_events_missing_memory"] == len(truth["missing_memory_event_ids"])
    assert 0 < usage["storage_percent_of_free_tier"] < 1 and usage["database_bytes"] > 0
    sessions = json.loads((dated / "session_summary.json").read_text())
    assert counts["sessions"] - len(truth["bad_timestamp_ids"]["sessions"]) <= sessions["sessions"] <= counts["sessions"]
    assert sessions["open_sessions"] == sessions["stale_sessions"] == len(truth["open_session_ids"])
    ended = sessions["ended_timeout"] + sessions["ended_explicit"] + sessions["ended_browser_close"]
    assert ended + sessions["open_sessions"] + len(truth["bad_enum_ids"]["sessions"]) == sessions["sessions"]


def test_every_report_counts_active_days_by_one_rule(run_all):
    """A day with an event logged or a session started (the usage report counted event days, the session
    summary session-start days: 51 and 47 on the tiny demo)."""
    _, _, dated = run_all
    usage, sessions = (json.loads((dated / f"{name}.json").read_text()) for name in ("usage_report", "session_summary"))
    assert usage["active_days"] == sessions["active_days"] > 0
    assert sessions["sessions_per_active_day"] == round(sessions["sessions"] / sessions["active_days"], 2)


def test_the_token_appears_in_no_file_and_no_output(run_all):
    result, out, _ = run_all
    assert SENTINEL not in result.stdout + result.stderr
    files = [p for p in out.rglob("*") if p.is_file()]
    assert {p.suffix for p in files} >= {".ipynb", ".html", ".json"}
    for path in files:
        assert SENTINEL.encode() not in path.read_bytes(), path


@pytest.mark.parametrize("kind", ["ws"])  # over http: test_merges_scale.py; the legacy WebSocket port: test_merges.py
def test_every_report_over_the_network_matches_the_file_run(kind, run_all, demo, tmp_path):
    """Over ws:// sqld refuses anything but a token signed with its key (the sentinel): the kernels get it from
    the environment only, no file or output holds it, and every headline figure equals the file: run's."""
    _, _, file_dated = run_all
    copy = tmp_path / "served.db"
    copy.write_bytes(Path(demo["url"].removeprefix("file://")).read_bytes())
    with Sqld(tmp_path / "sqld", keys=KEYS, seed=copy) as server:
        url = server.url(kind)
        result = cli("report", "--all", "--until", UNTIL, "--out", str(tmp_path / "out"),
                     env_extra={"DATABASE_URL": url, "DATABASE_AUTH_TOKEN": SENTINEL})
    assert result.returncode == 0, result.stderr
    assert SENTINEL not in result.stdout + result.stderr
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert len(files) == 3 * 3 + 3 and all(SENTINEL.encode() not in p.read_bytes() for p in files)
    local_only = {"database_bytes", "storage_percent_of_free_tier"}  # the server keeps the file in WAL mode
    for name in runner.available():
        remote = json.loads(next(p for p in files if p.name == f"{name}.json").read_text())
        local = json.loads((file_dated / f"{name}.json").read_text())
        shared = (set(remote) & set(local)) - local_only
        assert shared and {k: remote[k] for k in shared} == {k: local[k] for k in shared}, name


def test_matching_fail_on_rule_exits_1_naming_rule_and_value(demo, tmp_path):
    result = cli("report", "usage_report", "-p", "fail_on=orphan_events>0, bad_timestamps>1000", "--out", str(tmp_path),
                 env_extra=demo["env"])
    assert result.returncode == 1
    expected = len(demo["truth"]["orphan_event_ids"])
    assert f"usage_report: fail_on rule orphan_events>0 matched (orphan_events = {expected})" in result.stderr
    assert "bad_timestamps" not in result.stderr
    # the notebook's own check (for papermill runs) stays quiet under the runner: the match is reported once
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        f"error: usage_report: fail_on rule orphan_events>0 matched (orphan_events = {expected})"
        f" (notebook: {next(tmp_path.glob('*/usage_report.ipynb'))})"]
    assert SENTINEL not in result.stdout + result.stderr
    rule = f"fail_on rule orphan_events&gt;0 matched (orphan_events = {expected})"
    index = (tmp_path / "index.html").read_text()
    assert "FAILED" in index and rule in index  # where people look, not only in cron's exit code
    html = next(tmp_path.glob("*/usage_report.html")).read_text()
    assert html.index("Status: FAILED") < html.index("Usage report") and rule in html


def test_a_misspelt_fail_on_metric_is_refused_before_anything_runs(demo, tmp_path):
    """A typo in a metric name used to be found after the notebook ran (a report folder made, marked FAILED):
    the shipped notebooks declare their headline figures, so it is an input error, and nothing is written."""
    result = cli("report", "dedup_audit", "-p", "fail_on=hash_mismatch>0", "--out", str(tmp_path / "out"),
                 env_extra=demo["env"])
    assert result.returncode == 3
    assert "dedup_audit: fail_on rule hash_mismatch>0 names unknown metric 'hash_mismatch'" in result.stderr
    assert "hash_mismatches" in result.stderr  # the known ones are listed
    assert "running" not in result.stderr and not (tmp_path / "out").exists()
    prefixed = cli("report", "dedup_audit", "-p", "fail_on=dedup_audti.review_groups>0", "--out", str(tmp_path / "out"),
                   env_extra=demo["env"])
    assert prefixed.returncode == 3 and "names unknown report 'dedup_audti'" in prefixed.stderr
    assert not (tmp_path / "out").exists()


def test_overlapping_runs_into_one_folder_each_keep_their_own_complete_results(demo, tmp_path):
    """A cron overlap or two databases on one day: two runs at once into one --out both succeed, each
    in a folder of its own with every file, and the index names each run's database and period."""
    other = tmp_path / "other.db"
    other.write_bytes(Path(demo["url"].removeprefix("file://")).read_bytes())
    out = tmp_path / "out"
    args = [*CLI, "report", "session_summary", "--until", UNTIL, "--out", str(out)]
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_AUTH_TOKEN")}
    procs = [subprocess.Popen(args, env={**env, "DATABASE_URL": url}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for url in (demo["url"], other.as_uri())]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    folders = sorted(p for p in out.iterdir() if p.is_dir())
    assert len(folders) == 2
    databases = set()
    for folder in folders:
        run = json.loads((folder / report_index.RUN_FILE).read_text())
        databases.add(run["database"])
        assert run["until"] == UNTIL and all(r["ok"] for r in run["reports"].values())
        assert json.loads((folder / "session_summary.json").read_text())
        assert (folder / "session_summary.html").is_file() and (folder / "session_summary.ipynb").is_file()
    assert databases == {demo["url"], other.as_uri()}
    index = (out / "index.html").read_text()
    assert all(f"<h2>Database <code>{url}</code></h2>" in index for url in databases)  # a section each
    assert index.count("period: all time up to 15 Nov 2026") == 2


def empty_database(folder: Path) -> str:
    """The URL of a migrated, empty database in ``folder``: every run checks its database before any kernel."""
    from jarvis_memory import Database

    url = (folder / "empty.db").as_uri()
    with Database(url) as db:
        db.migrate()
    return url


def write_notebook(folder: Path, name: str, body: str) -> None:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('database_url = ""\nsince = None\nuntil = None\noutput_dir = "."\nfail_on = ""')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(body)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / f"{name}.ipynb")


def test_notebook_that_raises_exits_1_naming_it_and_keeps_its_output(tmp_path):
    notebooks = tmp_path / "nbs"
    notebooks.mkdir()
    write_notebook(notebooks, "explodes", 'import os, warnings\nprint("token visible:", bool(os.environ.get("DATABASE_AUTH_TOKEN")))\n'
                                          'warnings.warn("planted warning")\n'
                                          'raise RuntimeError("planted\\nfailure")')
    write_notebook(notebooks, "fine", 'from jarvis_memory.reports.notebook import write_headline\n'
                                      'write_headline("fine", {"rows": 1}, output_dir)')
    out = tmp_path / "out"
    result = cli("report", "--all", "--notebooks", str(notebooks), "--out", str(out),
                 env_extra={"DATABASE_URL": empty_database(tmp_path), "DATABASE_AUTH_TOKEN": SENTINEL})
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "explodes failed in cell [3]: RuntimeError: planted failure" in errors[0]
    assert "fine: ok" in result.stdout
    dated = next(p for p in out.iterdir() if p.is_dir())
    kept = (dated / "explodes.ipynb").read_text()
    assert "token visible: True" in kept and SENTINEL not in kept
    assert not (dated / "explodes.json").exists() and (dated / "explodes.html").exists()
    assert "UserWarning" in kept and "Traceback" in kept  # for a programmer, in the notebook file
    html = (dated / "explodes.html").read_text()
    assert "This step failed</strong>: RuntimeError: planted failure" in html
    assert all(word not in html for word in ("UserWarning", "planted warning", "Traceback"))
    assert [p.name for p in dated.iterdir() if p.name.startswith(".")] == []  # no temporary files left


def test_a_kernelspec_another_environment_registered_is_used_by_nothing_and_left_untouched(tmp_path):
    """Another checkout registered "jarvis-memory" in the user's Jupyter folder (here a private one):
    the run executes in this environment's Python, and that spec stays byte for byte as it was."""
    user_data = tmp_path / "jupyter-data"
    theirs = user_data / "kernels" / kernel.KERNEL_NAME / "kernel.json"
    theirs.parent.mkdir(parents=True)
    theirs.write_text(json.dumps({"argv": ["/other/checkout/.venv/bin/python", "-m", "ipykernel_launcher",
                                           "-f", "{connection_file}"], "display_name": "theirs", "language": "python"}))
    before = theirs.read_bytes()
    notebooks = tmp_path / "nbs"
    notebooks.mkdir()
    write_notebook(notebooks, "which", 'import sys\nfrom jarvis_memory.reports.notebook import write_headline\n'
                                       'write_headline("which", {"python": sys.executable}, output_dir)')
    out = tmp_path / "out"
    result = cli("report", "which", "--notebooks", str(notebooks), "--out", str(out),
                 env_extra={"JUPYTER_DATA_DIR": str(user_data), "DATABASE_URL": empty_database(tmp_path)})
    assert result.returncode == 0, result.stderr
    figures = json.loads(next(out.glob("*/which.json")).read_text())
    assert Path(figures["python"]).parent == Path(sys.executable).parent
    assert theirs.read_bytes() == before and sorted(p.name for p in user_data.rglob("*")) == ["jarvis-memory", "kernel.json", "kernels"]


def test_cell_running_past_the_timeout_fails_the_notebook_with_one_clear_line(tmp_path):
    """The cell ends 2 s after its timeout: a kernel asked to shut down meanwhile logged a ZMQError traceback on
    stderr when it did (nbconvert#74), and nbclient "Timeout waiting for execute reply (1s).": only our line now."""
    notebooks = tmp_path / "nbs"
    notebooks.mkdir()
    write_notebook(notebooks, "slow", "import time\ntime.sleep(3)")
    result = cli("report", "slow", "--timeout", "1", "--notebooks", str(notebooks), "--out", str(tmp_path / "out"),
                 env_extra={"DATABASE_URL": empty_database(tmp_path)})
    assert result.returncode == 1
    dated = next(p for p in (tmp_path / "out").iterdir() if p.is_dir())
    progress = re.compile(r"\S+ slow: (running slow\.ipynb|FAILED in [\d.]+ s)")
    assert [line for line in result.stderr.splitlines() if not progress.fullmatch(line)] == [
        f"error: slow failed: a cell ran longer than the timeout (1 s) (notebook: {dated / 'slow.ipynb'})"]


def test_a_kernel_killed_by_sigkill_is_named_with_how_to_need_less_memory(tmp_path):
    """The system's out-of-memory killer sends SIGKILL: nbclient says only "DeadKernelError: Kernel died"; the run
    names the signal, the likely cause and what helps, including what the variables the notebook reads offer."""
    notebooks = tmp_path / "nbs"
    notebooks.mkdir()
    write_notebook(notebooks, "killed", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")
    nb = nbformat.read(notebooks / "killed.ipynb", as_version=4)
    nb.metadata["jarvis_memory"] = {"environment": ["JARVIS_MEMORY_DEDUP_MB"]}
    nbformat.write(nb, notebooks / "killed.ipynb")
    result = cli("report", "killed", "--notebooks", str(notebooks), "--out", str(tmp_path / "out"),
                 env_extra={"DATABASE_URL": empty_database(tmp_path)})
    assert result.returncode == 1
    dated = next(p for p in (tmp_path / "out").iterdir() if p.is_dir())
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        "error: killed failed: its kernel was killed by signal 9 (SIGKILL), most often by the system when it runs out"
        " of memory: report a shorter period (--since/--until), or set $JARVIS_MEMORY_DEDUP_MB to the MB the machine"
        f" can spare, so that the dedup audit is refused before it runs out (README: Known limits) (notebook:"
        f" {dated / 'killed.ipynb'})"]


@pytest.mark.parametrize("names", [["dedup_audit"], ["--all"]])
def test_a_malformed_dedup_limit_exits_3_before_any_kernel_or_folder(names, demo, tmp_path):
    """$JARVIS_MEMORY_DEDUP_MB is read by its owner (budget.limit) before any kernel starts, not in the notebook."""
    out = tmp_path / "out"
    result = cli("report", *names, "--out", str(out), env_extra={**demo["env"], "JARVIS_MEMORY_DEDUP_MB": "abc"})
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == ("error: $JARVIS_MEMORY_DEDUP_MB must be a whole number of MB from 1 to 999,999,999;"
                             " got 'abc'\n")
    assert not out.exists()


def test_a_malformed_owner_name_exits_3_before_any_kernel_or_folder(demo, tmp_path):
    """$JARVIS_MEMORY_OWNER is read by its owner (dedup.owner.names) before any kernel starts."""
    out = tmp_path / "out"
    result = cli("report", "dedup_audit", "--out", str(out), env_extra={**demo["env"], "JARVIS_MEMORY_OWNER": "Bia, 42"})
    assert (result.returncode, result.stdout) == (3, "")
    assert result.stderr == ("error: $JARVIS_MEMORY_OWNER holds '42', which is no name: give the owner's names"
                             " separated by commas, every spelling a memory uses, e.g. 'Beatriz Costa, Beatriz, Bia'\n")
    assert not out.exists()


def test_a_variable_no_report_reads_is_refused_where_a_notebook_declares_it(tmp_path):
    write_notebook(tmp_path, "mine", "pass")
    nb = nbformat.read(tmp_path / "mine.ipynb", as_version=4)
    nb.metadata["jarvis_memory"] = {"environment": ["JARVIS_MEMORY_NO_SUCH"]}
    nbformat.write(nb, tmp_path / "mine.ipynb")
    with pytest.raises(ValidationError, match=r"^mine: metadata jarvis_memory.environment names JARVIS_MEMORY_NO_SUCH;"
                                              r" the variables a report reads: JARVIS_MEMORY_DEDUP_MB, JARVIS_MEMORY_OWNER$"):
        notebook.Declared.read(tmp_path / "mine.ipynb").check({})


@pytest.mark.parametrize("args, message", [
    (["session_summary", "-p", "no_such_parameter=1"], "unknown parameter 'no_such_parameter'"),
    (["nope"], "unknown report 'nope': choose from "),
    (["session_summary", "-p", "fail_on=open_sessions>>1"], "fail_on rule 'open_sessions>>1'"),
    (["session_summary", "--since", "2026-13-01"], "not an ISO 8601 date"),
    (["session_summary", "--since", "2026-02-01", "--until", "2026-01-01"], "must be before"),
    (["session_summary", "--since", "2999-01-01"], "is in the future"),
    ([], "name one or more reports or pass --all"),
    # each value against its notebook's declared type and range, before any kernel or folder
    (["usage_report", "-p", "stale_memory_days=1.5"],
     "error: usage_report: -p stale_memory_days must be a whole number from 1 to 36,500; got 1.5\n"),
    (["usage_report", "-p", "stale_memory_days=1e308"], "must be a whole number from 1 to 36,500; got 1e+308"),
    (["usage_report", "-p", "stale_memory_days=" + "9" * 400], "must be a whole number from 1 to 36,500; got 9999"),
    (["dedup_audit", "-p", "duplicate_threshold=10"], "-p duplicate_threshold must be a number from 50 to 100"),
    (["usage_report", "-p", "fail_on=memories>NaN"], "fail_on rule 'memories>NaN': the threshold must be a finite"),
    (["usage_report", "-p", "fail_on=memories!=NaN"], "fail_on rule 'memories!=NaN': the threshold must be a finite"),
    (["session_summary", "--timeout", "nan"], "--timeout (seconds) must be a whole number from 1 to 86,400; got nan"),
    (["session_summary", "--timeout", "1e400"], "--timeout (seconds) must be a whole number from 1 to 86,400; got inf"),
    (["session_summary", "--timeout", "0.3"], "--timeout (seconds) must be a whole number from 1 to 86,400; got 0.3"),
])
def test_bad_arguments_exit_3_before_any_kernel_starts(tmp_path, args, message):
    result = cli("report", *args, "--out", str(tmp_path / "out"), env_extra={"DATABASE_AUTH_TOKEN": SENTINEL})
    assert result.returncode == 3, result.stderr
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("case, code", [("missing file", 3), ("rejected token", 5), ("unreachable server", 5),
                                        ("no schema", 6)])
def test_a_database_stats_cannot_read_fails_like_stats_before_any_kernel_or_folder(case, code, tmp_path):
    """The database is checked first: the same one line and exit code as `stats`, no run folder, no index."""
    out = tmp_path / "out"
    with contextlib.ExitStack() as stack:
        if case in ("missing file", "no schema"):
            url, env = (tmp_path / "other.db").as_uri(), {}
            if case == "no schema":
                (tmp_path / "other.db").touch()
        elif case == "rejected token":
            url = stack.enter_context(Sqld(tmp_path / "sqld", keys=KEYS)).ws_url
            env = {"DATABASE_AUTH_TOKEN": KEYS.bad_signature}
        else:
            url, env = f"ws://127.0.0.1:{free_port()}", {"DATABASE_AUTH_TOKEN": SENTINEL}
        stats = cli("--url", url, "stats", env_extra=env)
        result = cli("--url", url, "report", "session_summary", "--out", str(out), env_extra=env)
    assert (stats.returncode, result.returncode) == (code, code), result.stderr
    assert result.stderr == stats.stderr and result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert result.stdout == "" and not out.exists()


def test_kernels_are_shut_down_without_an_interrupt():
    """jupyter_client interrupts (SIGINT) before shutting down, which a kernel sometimes logs as
    "ERROR | KeyboardInterrupt caught in kernel" into a cron log: the runner's manager sends no SIGINT."""
    from jupyter_client import AsyncKernelManager

    async def signals_at_shutdown(base: type, name: str) -> list[int]:
        sent: list[int] = []

        class Recording(base):
            async def _async_signal_kernel(self, signum: int) -> None:
                sent.append(signum)
                await super()._async_signal_kernel(signum)

        manager = Recording(kernel_name=name)
        await manager.start_kernel()
        client = manager.client()
        client.start_channels()
        await client.wait_for_ready(timeout=60)
        client.stop_channels()
        await manager.shutdown_kernel()
        assert not await manager.is_alive()
        return sent

    with kernel.private_kernel() as name:
        assert signal.SIGINT in asyncio.run(signals_at_shutdown(AsyncKernelManager, name))  # what jupyter_client does
        assert signal.SIGINT not in asyncio.run(signals_at_shutdown(kernel.quiet_kernel_manager(), name))


def test_private_kernel_leaves_no_folder_behind(tmp_path, monkeypatch):
    """ipykernel's install() leaves an empty ``tmpXXXX_kernels`` folder in the temp folder on every run."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with kernel.private_kernel() as name:
        spec = KernelSpecManager().get_kernel_spec(name)
        assert spec.argv[0] == sys.executable and spec.display_name == "Python (jarvis-memory)"
        assert len(list(tmp_path.iterdir())) == 1  # the spec's own temporary prefix
    assert list(tmp_path.iterdir()) == []


def test_a_long_temporary_folder_does_not_stop_the_kernel(tmp_path):
    """The kernel's Unix sockets live in a temporary folder; under a TMPDIR this long their paths would pass
    the 107 bytes a socket path may have and the kernel would never start."""
    long_tmp = tmp_path / ("t" * 60) / ("m" * 60)
    long_tmp.mkdir(parents=True)
    notebooks = tmp_path / "nbs"
    notebooks.mkdir()
    write_notebook(notebooks, "ok", 'from jarvis_memory.reports.notebook import write_headline\n'
                                    'write_headline("ok", {"ran": 1}, output_dir)')
    result = cli("report", "ok", "--notebooks", str(notebooks), "--out", str(tmp_path / "out"),
                 env_extra={"DATABASE_URL": empty_database(tmp_path), "TMPDIR": str(long_tmp)})
    assert result.returncode == 0, result.stderr
    assert json.loads(next((tmp_path / "out").rglob("ok.json")).read_text()) == {"ran": 1}
    assert not [p for p in Path("/tmp").iterdir() if p.name.startswith("jk-") and p.stat().st_uid == os.getuid()
                and p.stat().st_mtime >= long_tmp.stat().st_mtime]  # the short folder is removed too


def test_a_report_writes_nothing_into_the_users_home(tmp_path, monkeypatch):
    """With none of the user-folder variables set (as outside the tests), the kernel's IPython profile and
    history and matplotlib's font cache go to the run's temporary prefix: the home folder stays empty."""
    home = tmp_path / "home"
    home.mkdir()
    for var in [*kernel.USER_FOLDER_VARS, "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"]:
        monkeypatch.delenv(var, raising=False)
    notebooks = tmp_path / "nbs"
    notebooks.mkdir()
    write_notebook(notebooks, "where", 'import IPython, os, matplotlib.pyplot as plt\n'
                                       'from jarvis_memory.reports.notebook import write_headline\n'
                                       'plt.plot([1, 2]); plt.show()\n'
                                       'write_headline("where", {"home_ipython": os.path.expanduser("~/.ipython")'
                                       ' in IPython.paths.get_ipython_dir()}, output_dir)')
    result = cli("report", "where", "--notebooks", str(notebooks), "--out", str(tmp_path / "out"),
                 env_extra={"DATABASE_URL": empty_database(tmp_path), "HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert json.loads(next((tmp_path / "out").rglob("where.json")).read_text()) == {"home_ipython": False}
    assert list(home.rglob("*")) == []


def test_a_report_stopped_mid_notebook_keeps_the_finished_ones_and_nothing_of_the_stopped_one(tmp_path):
    """SIGTERM while the second notebook runs, after it wrote a file of its own: the first report and run.json
    stay and are on the index; the second one's file is removed (a half-run notebook leaves nothing)."""
    notebooks = tmp_path / "nbs"
    notebooks.mkdir()
    write_notebook(notebooks, "a_first", 'from jarvis_memory.reports.notebook import write_headline\n'
                                         'write_headline("a_first", {"ran": 1}, output_dir)')
    write_notebook(notebooks, "b_second", 'import os, time\nfrom pathlib import Path\n'
                                          '(Path(output_dir) / "b_second.csv").write_text("partial")\n'
                                          'time.sleep(120)')
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_AUTH_TOKEN")}
    proc = subprocess.Popen([*CLI, "report", "--all", "--notebooks", str(notebooks), "--out", str(out)],
                            env={**env, "DATABASE_URL": empty_database(tmp_path)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not list(out.glob("*/b_second.csv")) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list(out.glob("*/b_second.csv")), "the second notebook never wrote its file"
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 143
    (dated,) = [p for p in out.iterdir() if p.is_dir()]
    assert sorted(p.name for p in dated.iterdir()) == ["a_first.html", "a_first.ipynb", "a_first.json",
                                                        report_index.RUN_FILE]
    assert f'href="{dated.name}/a_first.html"' in (out / "index.html").read_text()


def test_papermill_alone_reads_the_default_database_and_fails_on_a_bad_value_or_a_matched_rule(tmp_path):
    """As a scheduler runs a notebook, papermill alone from another folder: the default database (relative to
    notebooks/) is found; a value outside its declared range (papermill's own "nan") and a matched fail_on rule
    fail the run with a clear error (only `jarvis-memory report` checked the rules before)."""
    path = runner.available()["session_summary"]

    def papermill(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(Path(sys.executable).with_name("papermill")), str(path), str(tmp_path / "run.ipynb"),
                               "--no-progress-bar", "-p", "output_dir", str(tmp_path / "out"), *args],
                              cwd=tmp_path, capture_output=True, text=True, timeout=300)

    ran = papermill()
    assert ran.returncode == 0, ran.stderr[-3000:]
    sessions = json.loads((tmp_path / "out" / "session_summary.json").read_text())["sessions"]
    assert sessions > 0
    matched = papermill("-p", "fail_on", "sessions>0, open_sessions>1000000")
    assert matched.returncode == 1
    assert (f"RuleMatchedError: session_summary: fail_on rule sessions>0 matched (sessions = {sessions})\n"
            in matched.stderr)
    refused = papermill("-p", "stale_session_hours", "nan")
    assert refused.returncode == 1
    assert ("ValidationError: session_summary: parameter stale_session_hours must be a number from 0 to 876,600;"
            " got nan\n" in refused.stderr)
