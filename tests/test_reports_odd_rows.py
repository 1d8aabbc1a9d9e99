"""Reports and doctor on a database holding every odd row the issue lists (issue 12, cases 1, 4, 5).

No chart fails on a sentinel year; each odd row is counted, by id, in the data-quality
section; rows the time figures cannot place are counted as left out; doctor names them
and fails on a file whose ``PRAGMA quick_check`` fails.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import cli_env
from jarvis_memory import Database

CLI = [str(Path(sys.executable).with_name("jarvis-memory"))]
FIXTURE = Path(__file__).parent / "fixtures" / "jarvis-fixture.db"
ISO = "2026-03-01T08:00:00.000Z"


def write(conn, sql, args=()):
    return conn.execute(sql, args).lastrowid


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    """Good rows written by the core, then the odd ones by plain sqlite3; the ids of each kind."""
    path = tmp_path_factory.mktemp("odd") / "odd.db"
    with Database(path.as_uri()) as db:
        for i in range(5):
            db.memories.store(f"Good memory number {i}", "fact", "user_explicit")
        session = db.sessions.start()
        db.events.log(session.id, "memory_store", {"memory_id": 1})
        db.sessions.end(session.id, "explicit", "fine")
    conn = sqlite3.connect(path)
    ids = {}
    with conn:
        memory = ("INSERT INTO memory_entries (content, content_hash, category, source, created_at)"
                  " VALUES (?, ?, 'fact', 'user_explicit', ?)")
        ids["memory_9999"] = write(conn, memory, ["Far future", "h1", "9999-12-31T23:59:59.999Z"])
        ids["memory_0001"] = write(conn, memory, ["Far past", "h2", "0001-01-01T00:00:00.000Z"])
        ids["memory_not_utf8"] = write(conn, "INSERT INTO memory_entries (content, content_hash, category, source,"
                                             " created_at) VALUES (CAST(x'4c696b657320636166e9' AS TEXT), 'h3', 'fact',"
                                             " 'user_explicit', ?)", [ISO])
        ids["session_9999"] = write(conn, "INSERT INTO sessions (started_at) VALUES ('9999-12-31T23:59:59.999Z')")
        ids["session_not_a_date"] = write(conn, "INSERT INTO sessions (started_at) VALUES ('soon')")
        ids["session_backwards"] = write(conn, "INSERT INTO sessions (started_at, ended_at, end_trigger) VALUES"
                                               " ('2026-03-01T09:00:00.000Z', '2026-03-01T08:00:00.000Z', 'explicit')")
        ids["session_no_trigger"] = write(conn, "INSERT INTO sessions (started_at, ended_at) VALUES (?, ?)",
                                          [ISO, "2026-03-01T08:30:00.000Z"])
        event = "INSERT INTO daily_logs (session_id, event_type, event_data, timestamp) VALUES (1, ?, ?, ?)"
        ids["event_bad_json"] = write(conn, event, ["message", "{bad", ISO])
        ids["event_array"] = write(conn, event, ["message", "[1, 2]", ISO])
        ids["event_string"] = write(conn, event, ["message", '"just text"', ISO])
        ids["event_empty_type"] = write(conn, event, ["", None, ISO])
        ids["event_9999"] = write(conn, event, ["message", None, "9999-12-31T23:59:59.999Z"])
    conn.close()
    return path, ids


@pytest.fixture(scope="module")
def reports(odd, tmp_path_factory):
    path, _ = odd
    out = tmp_path_factory.mktemp("reports")
    env = cli_env(path.as_uri())
    result = subprocess.run(CLI + ["report", "usage_report", "session_summary", "dedup_audit", "--out", str(out)],
                            env=env, capture_output=True, text=True, timeout=900, cwd=tmp_path_factory.mktemp("cwd"))
    return result, out / datetime.now(timezone.utc).date().isoformat()


def test_every_report_runs_through_the_odd_rows(reports):
    result, dated = reports
    assert result.returncode == 0, result.stderr
    for name in ("usage_report", "session_summary", "dedup_audit"):
        assert f"{name}: ok" in result.stdout


def test_usage_report_counts_each_kind_by_id(reports, odd):
    _, dated = reports
    _, ids = odd
    usage = json.loads((dated / "usage_report.json").read_text())
    assert usage["memories"] == 8 and usage["text_not_utf8"] == 1
    assert usage["rows_left_out_of_time_figures"] == 5  # two memories, two sessions (9999, 'soon'), one event
    assert (usage["bad_event_data"], usage["empty_event_types"]) == (3, 1)
    assert (usage["sessions_ending_before_start"], usage["ended_sessions_without_trigger"]) == (1, 1)
    html = (dated / "usage_report.html").read_text()
    for kind in ("memory_9999", "memory_0001", "memory_not_utf8", "session_backwards", "event_bad_json"):
        assert f"{ids[kind]}" in html


def test_session_summary_counts_the_sessions_it_leaves_out(reports):
    _, dated = reports
    summary = json.loads((dated / "session_summary.json").read_text())
    assert summary["sessions"] == 3  # the good one, the backwards one, the one without trigger
    assert summary["sessions_left_out"] == 2
    assert (summary["sessions_ending_before_start"], summary["ended_sessions_without_trigger"]) == (1, 1)
    assert (summary["bad_event_data"], summary["empty_event_types"]) == (3, 1)


def test_dedup_audit_loads_every_memory(reports):
    _, dated = reports
    assert json.loads((dated / "dedup_audit.json").read_text())["memories"] == 8


def test_doctor_names_the_odd_rows_and_stays_ok(odd):
    path, ids = odd
    out = subprocess.run(CLI + ["doctor", "--json"], env=cli_env(path.as_uri()), capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    checks = {c["check"]: c for c in json.loads(out.stdout)["checks"]}
    assert checks["integrity"]["detail"] == "PRAGMA quick_check: ok"
    detail = checks["data quality"]["detail"]
    assert f"session ends before it starts in sessions: 1 (ids {ids['session_backwards']})" in detail
    assert f"text not valid UTF-8 in memory_entries.content: 1 (ids {ids['memory_not_utf8']})" in detail
    assert f"empty event_type in daily_logs.event_type: 1 (ids {ids['event_empty_type']})" in detail
    findings = {(f["problem"], f["column"]): f["ids"] for f in checks["data quality"]["findings"]}
    assert findings[("session ends before it starts", "sessions")] == [ids["session_backwards"]]
    text = subprocess.run(CLI + ["doctor"], env=cli_env(path.as_uri()), capture_output=True, text=True, timeout=300)
    assert "note data quality: " in text.stdout and "ok   connect: " in text.stdout


def test_each_odd_value_is_one_line_of_the_data_quality_findings(odd):
    """'soon' is both a bad timestamp and left out of the time figures: one line naming both, not two lines."""
    path, ids = odd
    out = subprocess.run(CLI + ["doctor", "--json"], env=cli_env(path.as_uri()), capture_output=True, text=True,
                         timeout=300)
    findings = {c["check"]: c for c in json.loads(out.stdout)["checks"]}["data quality"]["findings"]
    lines = [(f["column"], i) for f in findings for i in f["ids"]]
    assert len(lines) == len(set(lines))
    [soon] = [f for f in findings if ids["session_not_a_date"] in f["ids"] and f["column"] == "sessions.started_at"]
    assert soon["problem"].startswith("bad timestamp; time unreadable or outside 1970–2199")


def test_doctor_fails_on_a_file_quick_check_rejects(tmp_path):
    path = tmp_path / "broken.db"
    with Database(path.as_uri()) as db:
        for i in range(3_000):
            db.memories.store(f"Memory {i} " + "x" * 100, "fact", "user_explicit")
    size = path.stat().st_size
    with open(path, "r+b") as f:  # zero a page in the middle of the memory table's b-tree
        f.seek((size // 4096 // 2) * 4096)
        f.write(b"\0" * 4096)
    before = path.read_bytes()
    out = subprocess.run(CLI + ["doctor"], env=cli_env(path.as_uri()), capture_output=True, text=True, timeout=300)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "FAIL integrity: PRAGMA quick_check found" in out.stdout
    assert path.read_bytes() == before and "Traceback" not in out.stderr


def test_doctor_on_a_file_that_is_not_a_database_fails_connect_saying_so(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"shopping list, not a database\n" * 200)
    doctor = subprocess.run(CLI + ["doctor"], env=cli_env(path.as_uri()), capture_output=True, text=True, timeout=300)
    assert doctor.returncode == 1, doctor.stdout + doctor.stderr
    assert doctor.stdout.splitlines()[1:] == [line for line in doctor.stdout.splitlines()[1:] if line.startswith("FAIL")]
    assert doctor.stdout.splitlines()[1].startswith(f"FAIL connect: {path.as_uri()} is not a SQLite database (")
    stats = subprocess.run(CLI + ["stats"], env=cli_env(path.as_uri()), capture_output=True, text=True, timeout=300)
    assert stats.returncode == 6 and stats.stderr.startswith(f"error: {path.as_uri()} is not a SQLite database (")
    assert path.read_bytes() == b"shopping list, not a database\n" * 200


def test_doctor_finds_the_hash_problems_and_exact_duplicates_the_dedup_audit_finds(tmp_path):
    """doctor said nothing of the wrong and missing hashes and the exact duplicates the audit lists."""
    from jarvis_memory.analysis.dedup import exact_groups, hash_integrity
    from jarvis_memory.analysis.load import load

    path = tmp_path / "fixture.db"
    shutil.copyfile(FIXTURE, path)
    with Database(path.as_uri()) as db:
        db.migrate()
    out = subprocess.run(CLI + ["doctor", "--json"], env=cli_env(path.as_uri()), capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    found = {f["problem"]: f for f in {c["check"]: c for c in json.loads(out.stdout)["checks"]}["content hashes"]["findings"]}
    with load(path.as_uri()) as ds:
        memories = ds.memories
    audit = hash_integrity(memories)
    assert found["content hash missing"]["ids"] == sorted(audit.loc[audit["problem"] == "missing", "id"].tolist())
    assert found["content hash differs from its text's"]["ids"] == sorted(
        audit.loc[audit["problem"] == "mismatch", "id"].tolist())
    groups = exact_groups(memories)
    assert found["texts stored more than once (exact duplicates)"]["rows"] == len(groups) > 0
    text = subprocess.run(CLI + ["doctor"], env=cli_env(path.as_uri()), capture_output=True, text=True, timeout=300)
    assert max(len(line) for line in text.stdout.splitlines()) < 160  # one finding a line, not one long line
