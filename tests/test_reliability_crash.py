"""Killed in the middle: a bulk import and a report run, SIGKILLed by the test.

A killed import must leave a sound database holding whole chunks only, and running
the same import again must complete it without duplicates.  A killed report run
must leave the database byte-for-byte as it was, and the next run must succeed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import jarvis_memory
from conftest import cli_env
from jarvis_memory import content_hash
from jarvis_memory.reports.runner import available as available_reports

ROWS = 50_000
CHUNK = 500


def jarvis(*args: str, url: str, tmp: Path | None = None, **kwargs) -> subprocess.Popen:
    """The CLI in a child process; with ``tmp``, its temporary files go there (a SIGKILL leaves them behind)."""
    env = cli_env(url) | ({"TMPDIR": str(tmp)} if tmp else {})
    return subprocess.Popen([sys.executable, "-m", "jarvis_memory", *args], env=env,
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


# -- a report run killed while its kernel works ----------------------------------------------------
REPORT = "dedup_audit"


def kernels_of(pid: int) -> list:
    """The Jupyter kernels a runner started (they run in their own session, so are found by parentage)."""
    import psutil

    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    return [c for c in children if "ipykernel" in " ".join(c.cmdline())]


def executed_cells(folder: Path) -> int:
    """Cells with outputs so far in the runner's temporary notebook (papermill saves it after each cell)."""
    best = 0
    for tmp in folder.glob(f"*/.{REPORT}.*.ipynb"):
        try:
            cells = json.loads(tmp.read_text(encoding="utf-8"))["cells"]
        except (OSError, ValueError, KeyError):
            continue  # being rewritten
        best = max(best, sum(1 for c in cells if c.get("execution_count")))
    return best


def build_report_db(path: Path) -> None:
    with jarvis_memory.Database(path.as_uri()) as db:
        for i in range(150):
            db.memories.store(f"Prefers {('tea', 'coffee', 'jazz')[i % 3]} number {i}", "preference", "user_explicit")
        db.memories.store("Lives in Lisbon.", "fact", "user_explicit")
        db.memories.store("lives in lisbon", "fact", "jarvis_inferred")
        session = db.sessions.start()
        db.events.log(session.id, "memory_store", {"memory_id": 1})
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")  # everything in the one file that is hashed


def report_stopped_midway(db_path: Path, out_dir: Path, request, sig: signal.Signals) -> tuple[subprocess.Popen, list, Path]:
    """Run the report in a child, send ``sig`` once its kernel has run a cell; (process, kernels, its TMPDIR).
    The run's temporary files go to a folder of this test's: a short one, as the kernel's Unix sockets live
    there and a socket path may not pass 107 bytes (pytest-xdist's tmp_path can)."""
    scratch = Path(tempfile.mkdtemp(prefix="jm-"))
    request.addfinalizer(lambda: shutil.rmtree(scratch, ignore_errors=True))
    proc = jarvis("report", REPORT, "--out", str(out_dir), url=db_path.as_uri(), tmp=scratch)
    kernels = []
    try:
        while proc.poll() is None and not (kernels and executed_cells(out_dir) >= 1):
            kernels = kernels or kernels_of(proc.pid)
            time.sleep(0.02)
        proc.send_signal(sig)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
    return proc, kernels, scratch


@pytest.mark.slow
def test_report_killed_midway_leaves_the_database_untouched_and_next_run_succeeds(db_path, tmp_path, request):
    assert REPORT in available_reports(), f"notebooks/{REPORT}.ipynb is missing"
    build_report_db(db_path)
    digest = sha256(db_path)
    out_dir = tmp_path / "reports"
    args = ["report", REPORT, "--out", str(out_dir)]
    proc, kernels, _ = report_stopped_midway(db_path, out_dir, request, signal.SIGKILL)
    for kernel in kernels:  # orphaned by the kill: ours to end, by pid
        with contextlib.suppress(Exception):
            kernel.kill()
    assert proc.returncode == -signal.SIGKILL, "the report finished before it could be killed"
    assert kernels, "no kernel was seen"

    assert sha256(db_path) == digest
    assert sorted(p.name for p in db_path.parent.glob("jarvis.db*")) == ["jarvis.db"]
    visible = [p for p in out_dir.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert [p for p in visible if p.suffix in (".ipynb", ".json") and not _parses(p)] == []  # nothing half-written

    again = subprocess.run([sys.executable, "-m", "jarvis_memory", *args], env=cli_env(db_path.as_uri()),
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    dated = sorted(out_dir.glob("*/"))[-1]  # the re-run's own folder (the killed run keeps its own)
    assert {f"{REPORT}.{s}" for s in ("ipynb", "html", "json")} <= {p.name for p in dated.iterdir()}
    assert json.loads((dated / f"{REPORT}.json").read_text())
    assert (out_dir / "index.html").is_file()
    assert sha256(db_path) == digest


def _parses(path: Path) -> bool:
    try:
        json.loads(path.read_text(encoding="utf-8"))
        return True
    except ValueError:
        return False


@pytest.mark.slow
def test_report_stopped_by_sigterm_cleans_up_like_ctrl_c(db_path, tmp_path, request):
    """`kill` (or a cron or systemd timeout) sends SIGTERM: the kernel is shut down, the temporary kernelspec,
    connection file, half-run notebook and the run's still empty folder are removed, and the exit status is 143 (128 + SIGTERM)."""
    build_report_db(db_path)
    out_dir = tmp_path / "reports"
    proc, kernels, scratch = report_stopped_midway(db_path, out_dir, request, signal.SIGTERM)
    assert kernels and proc.returncode == 143
    import psutil

    deadline = time.monotonic() + 20
    while any(k.is_running() and k.status() != psutil.STATUS_ZOMBIE for k in kernels) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [k for k in kernels if k.is_running() and k.status() != psutil.STATUS_ZOMBIE]
    assert list(scratch.iterdir()) == []
    assert list(out_dir.rglob("*")) == []  # no file, and no empty dated folder
