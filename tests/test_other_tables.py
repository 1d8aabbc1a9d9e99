"""Tables of other applications (issue 20, case 6): a sqlite-vec ``vec0`` virtual table, whose module neither
this SQLite nor sqld has, must not stop doctor, the loader or a report (duckdb-sqlite#116: reading every table's
columns opens it, "no such module: vec0").  The table is made by the real extension (the ``sqlite-vec`` wheel,
loaded through ``apsw``: this Python's sqlite3 cannot load extensions); sqld serves the file as it is (it
refuses to create such a table itself unless started with the extension).  Also: the reports' pre-run check
refuses what the loader refuses (a memory table lacking a column) before any kernel starts.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import apsw
import pytest
import sqlite_vec

from conftest import cli_env, served
from jarvis_memory import Database
from jarvis_memory.analysis.load import load
from jarvis_memory.store import migrations

CLI = [str(Path(sys.executable).with_name("jarvis-memory"))]
KINDS = ("file", "ws")  # ws: sqld, read through an embedded replica (a file again) by load() and the reports


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A memory database with rows, then a vec0 table and a vector written by sqlite-vec itself."""
    path = tmp_path_factory.mktemp("vec") / "seed.db"
    with Database(path.as_uri()) as db:
        entry, _ = db.memories.store("Prefers tea in the morning", "preference", "user_explicit")
        session = db.sessions.start()
        db.events.log(session.id, "memory_store", {"memory_id": entry.id})
    conn = apsw.Connection(str(path))
    conn.enable_load_extension(True)
    conn.load_extension(sqlite_vec.loadable_path())
    conn.execute("CREATE VIRTUAL TABLE vec_items USING vec0(embedding float[4])")
    conn.execute("INSERT INTO vec_items(rowid, embedding) VALUES (1, '[0.1, 0.2, 0.3, 0.4]')")
    conn.close()
    with sqlite3.connect(path) as plain, pytest.raises(sqlite3.OperationalError, match="no such module: vec0"):
        plain.execute("SELECT * FROM vec_items").fetchall()  # the case: this SQLite cannot open it
    return path


@pytest.fixture
def copy(seed: Path, tmp_path: Path) -> Path:
    shutil.copyfile(seed, tmp_path / "vec.db")
    return tmp_path / "vec.db"


def run(url: str, token: str | None, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + list(args), env=cli_env(url, token), capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("kind", KINDS)
def test_doctor_passes_and_notes_the_table_it_cannot_read(kind, copy, tmp_path):
    with served(kind, tmp_path, copy) as (url, token, _):
        doctor = run(url, token, "doctor")
        remember = run(url, token, "remember", "Likes green tea", "-c", "fact")
        status = run(url, token, "migrate", "--status")
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "FAIL" not in doctor.stdout and "no such module" not in doctor.stdout
    assert "note tables: memory_entries, sessions, daily_logs have every column; not read: virtual tables of" \
           " modules this SQLite lacks: vec_items (vec0)" in doctor.stdout
    assert (remember.returncode, status.returncode) == (0, 0), remember.stderr + status.stderr
    assert status.stdout.strip() == f"at version {migrations.available()[-1].version}; pending: none"


@pytest.mark.parametrize("kind", KINDS)
def test_load_reads_the_memory_tables(kind, copy, tmp_path):
    with served(kind, tmp_path, copy) as (url, token, _), load(url, auth_token=token) as ds:
        assert ds.counts == {"memory_entries": 1, "sessions": 1, "daily_logs": 1}
        assert ds.memories.content.tolist() == ["Prefers tea in the morning"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_report_runs(kind, copy, tmp_path):
    with served(kind, tmp_path, copy) as (url, token, _):
        report = run(url, token, "report", "session_summary", "--out", str(tmp_path / "out"))
    assert report.returncode == 0, report.stderr
    assert "session_summary: ok" in report.stdout


def test_the_pre_run_check_refuses_what_the_loader_refuses(tmp_path):
    """sessions without `summary` (another client's older schema): exit 6 with the loader's sentence, before any
    kernel starts or any folder is made (the notebook failed in its load cell)."""
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE memory_entries (id integer PRIMARY KEY, content text, content_hash text,"
                     " category text, source text, created_at text, last_accessed text)")
        conn.execute("CREATE TABLE sessions (id integer PRIMARY KEY, started_at text, ended_at text, end_trigger text)")
        conn.execute("CREATE TABLE daily_logs (id integer PRIMARY KEY, session_id integer, event_type text,"
                     " event_data text, timestamp text)")
    out = tmp_path / "out"
    report = run(path.as_uri(), None, "report", "session_summary", "--out", str(out))
    assert report.returncode == 6, report.stdout + report.stderr
    assert report.stderr == f"error: table sessions on {path.as_uri()} lacks columns summary\n"
    assert report.stdout == "" and not out.exists()
