"""Killed in the middle: a bulk import and a report run, SIGKILLed by the test.

A killed import must leave a sound database holding whole chunks only, and running
the same import again must complete it without duplicates.  A killed report run
must leave the database byte-for-byte as it was, and the next run must succeed.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import cli_env
from jarvis_memory import content_hash

ROWS = 50_000
CHUNK = 500


def jarvis(*args: str, url: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "jarvis_memory", *args], env=cli_env(url),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def rows_in(db_path: Path) -> int:
    """Committed memory rows as another process sees them (0 before the table exists)."""
    try:
        with sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM memory_entries").fetchone()[0]
    except sqlite3.OperationalError:  # no file or no table yet
        return 0


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def big_jsonl(tmp_path: Path) -> Path:
    """50,000 rows with 50,000 distinct content hashes, so every chunk writes 500 new rows."""
    categories = ("preference", "fact", "pattern")
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(ROWS):
            f.write(json.dumps({"content": f"Imported memory {i} about topic {i * 7919 % 1000}",
                                "category": categories[i % 3], "source": "user_explicit"}) + "\n")
    return path


@pytest.mark.slow
def test_import_killed_midway_keeps_whole_chunks_and_rerun_completes(big_jsonl, db_path):
    url = db_path.as_uri()
    proc = jarvis("import", str(big_jsonl), "--chunk-size", str(CHUNK), "--json", url=url)
    try:
        while rows_in(db_path) == 0 and proc.poll() is None:
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, "the import finished before it could be killed"

    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        kept = conn.execute("SELECT count(*) FROM memory_entries").fetchone()[0]
    assert 0 < kept < ROWS
    assert kept % CHUNK == 0, f"{kept} rows: a chunk was written in part"

    again = subprocess.run([sys.executable, "-m", "jarvis_memory", "import", str(big_jsonl),
                            "--chunk-size", str(CHUNK), "--json"],
                           env=cli_env(url), capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert (report["read"], report["new"], report["duplicates"], report["rejected"]) == (ROWS, ROWS - kept, kept, [])
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute("SELECT content, content_hash FROM memory_entries").fetchall()
    assert len(rows) == ROWS and len({h for _, h in rows}) == ROWS
    assert all(h == content_hash(c) for c, h in rows)
