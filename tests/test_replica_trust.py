"""Replicas that cannot lie or wedge, on the real sqld: a replica file put back, copied over, truncated, damaged,
deleted, or left by a killed first sync is rebuilt by ONE sync or load; a server whose replication log no longer
matches its data is never shown from a replica; local problems (permission, full disk) are named, exit 3."""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

import jarvis_memory
from conftest import KEYS, TOKEN, cli_env
from jarvis_memory.analysis.load import ReplicaFallbackWarning, ReplicaRebuiltWarning, load
from jarvis_memory.errors import ConfigError
from jarvis_memory.store import replica
from sqld import Sqld

FIXTURE = Path(__file__).parent / "fixtures" / "jarvis-fixture.db"
CLI = [str(Path(sys.executable).with_name("jarvis-memory"))]
TABLES = ("memory_entries", "sessions", "daily_logs")


def contents(path: Path) -> dict[str, tuple[int, list[tuple]]]:
    """Each table's row count and every row in id order (read-only): equal contents, not only equal counts."""
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return {t: (conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0],
                    conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()) for t in TABLES}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo (3,000 memories, 30,000 events, ~5 MB): a first sync long enough to be stopped in."""
    from jarvis_memory.demo import FIXTURE_AS_OF, build

    path = tmp_path_factory.mktemp("demo") / "small.db"
    build(path, "small", as_of=FIXTURE_AS_OF)
    return path


@pytest.fixture
def seeded(tmp_path: Path, demo_db: Path):
    with Sqld(tmp_path / "sqld", keys=KEYS, seed=demo_db) as srv:
        yield srv


def cli(*args: str, preexec=None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(CLI + list(args), env=cli_env(token=TOKEN), capture_output=True, text=True,
                          timeout=timeout, preexec_fn=preexec)


def cached(tmp_path: Path) -> Path:
    """The one replica in the cache folder (conftest points it at tmp_path/replicas)."""
    [path] = (tmp_path / "replicas").glob("*.db")
    return path


# -- 1. stale data, or another database's ----------------------------------------------------------------


def test_an_older_copy_put_back_is_rebuilt_by_one_sync(seeded, tmp_path):
    assert cli("--url", seeded.ws_url, "sync").returncode == 0
    path = cached(tmp_path)
    old = path.read_bytes()
    with jarvis_memory.Database(seeded.ws_url, TOKEN) as db:  # updates only: counts and highest ids stay
        db.execute("UPDATE memory_entries SET last_accessed = '2026-11-30T12:00:00.000Z' WHERE id <= 1995")
    assert cli("--url", seeded.ws_url, "sync").returncode == 0
    path.write_bytes(old)  # an older copy put back

    done = cli("--url", seeded.ws_url, "sync")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("rebuilt the replica") and "changed since its last sync" in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert contents(path) == contents(seeded.db_file)


def test_another_database_copied_in_is_rebuilt_before_a_report(seeded, tmp_path):
    assert cli("--url", seeded.ws_url, "sync").returncode == 0
    path = cached(tmp_path)
    shutil.copyfile(FIXTURE, path)  # another memory database: a report would show its figures

    out = tmp_path / "reports"
    done = cli("--url", seeded.ws_url, "report", "usage_report", "--out", str(out))
    assert done.returncode == 0, done.stderr
    figures = json.loads(next(out.rglob("usage_report.json")).read_text())
    assert figures["memories"] == contents(seeded.db_file)["memory_entries"][0] == 3000
    assert "usage_report: note: rebuilt the replica" in done.stdout
    notes = json.loads(next(out.rglob("run.json")).read_text())["reports"]["usage_report"]["notes"]
    assert any("changed since its last sync" in n for n in notes)
    assert "rebuilt the replica" in next(out.rglob("usage_report.html")).read_text()
    assert contents(path) == contents(seeded.db_file)


def test_a_server_whose_data_file_was_replaced_is_never_shown_from_a_replica(seeded, tmp_path):
    """sqld serves its old replication log (wallog) for a data file replaced under it: every replica made from that
    log, even from scratch, holds the old rows. The check at one frame number finds it; load() pages instead."""
    assert load(seeded.ws_url, auth_token=TOKEN).counts["memory_entries"] == 3000
    seeded.stop()
    shutil.copyfile(FIXTURE, seeded.db_file)  # 300 memories now; the wallog stays
    for leftover in ("data-wal", "data-shm"):
        seeded.db_file.with_name(leftover).unlink(missing_ok=True)
    seeded.restart(keep_ports=True)
    served = contents(seeded.db_file)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ds = load(seeded.ws_url, auth_token=TOKEN)
    assert ReplicaFallbackWarning in [w.category for w in caught]
    assert ds.counts == {t: served[t][0] for t in TABLES} and ds.counts["memory_entries"] == 300
    done = cli("--url", seeded.ws_url, "sync")
    assert done.returncode == 5 and "replication does not reproduce its database" in done.stderr
    assert not list((tmp_path / "replicas").glob("*.db"))  # no replica holding the old rows is left


# -- 3. a killed first sync, a truncated, damaged or half-deleted replica --------------------------------


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_first_sync_is_rebuilt_by_the_next(sig, seeded, tmp_path):
    folder = tmp_path / "replicas"
    run = subprocess.Popen(CLI + ["--url", seeded.ws_url, "sync"], env=cli_env(token=TOKEN),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(folder.glob("*.db")) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.001)
    run.send_signal(sig)
    assert run.wait(30) == -sig
    path = cached(tmp_path)
    marker = path.with_name(path.name + ".source.json")
    assert not marker.exists() or json.loads(marker.read_text()).get("log_id") is None  # stopped mid-sync

    done = cli("--url", seeded.ws_url, "sync")
    assert done.returncode == 0, done.stderr
    assert "did not finish" in done.stderr
    assert contents(path) == contents(seeded.db_file)


def _truncate(path: Path) -> None:
    path.write_bytes(b"")


def _damage(path: Path) -> None:
    with open(path, "r+b") as f:  # pages in the middle of the tables overwritten
        f.seek(path.stat().st_size // 2)
        f.write(b"\xde\xad\xbe\xef" * 4096)


def _delete_db_only(path: Path) -> None:
    path.unlink()  # what libSQL's own message suggests; its client_wal_index stays


@pytest.mark.parametrize("harm", [_truncate, _damage, _delete_db_only], ids=["zero-length", "damaged", "db-deleted"])
def test_a_broken_replica_file_is_rebuilt_by_one_load(harm, seeded, tmp_path):
    load(seeded.ws_url, auth_token=TOKEN)
    path = cached(tmp_path)
    harm(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ds = load(seeded.ws_url, auth_token=TOKEN)
    served = contents(seeded.db_file)
    assert ds.counts == {t: served[t][0] for t in TABLES}
    assert contents(path) == served
    said = [w.category for w in caught]
    assert said == ([] if harm is _delete_db_only else [ReplicaRebuiltWarning])  # a file gone is simply made again
    again = cli("--url", seeded.ws_url, "sync")
    assert again.returncode == 0 and again.stdout.startswith("refreshed") and not again.stderr, again.stderr


@pytest.mark.parametrize("content", [FIXTURE.read_bytes(), b"", b"not a database"], ids=["database", "empty", "text"])
def test_a_users_file_named_by_out_is_still_refused_and_kept(content, server, tmp_path):
    mine = tmp_path / "mine.db"
    mine.write_bytes(content)
    with pytest.raises(ConfigError, match="not a replica made by jarvis-memory"):
        replica.sync(server.ws_url, TOKEN, out=mine)
    assert mine.read_bytes() == content and not mine.with_name("mine.db.source.json").exists()


# -- 4. local problems are named, not blamed on the server ------------------------------------------------


def _without_root_override() -> None:
    """Root passes every permission check through CAP_DAC_OVERRIDE: drop it (and its kin) from the bounding set
    before exec, so the command meets permissions as any user would. A no-op for other users."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER (linux/capability.h)
            if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _file_size_limit() -> None:
    _without_root_override()
    resource.setrlimit(resource.RLIMIT_FSIZE, (128 * 1024, 128 * 1024))  # the fixture is 292 KiB


@contextlib.contextmanager
def _read_only_file(folder: Path, url: str):
    assert cli("--url", url, "sync").returncode == 0
    [path] = folder.glob("*.db")
    path.chmod(0o444)
    yield _without_root_override, "Permission denied", path


@contextlib.contextmanager
def _read_only_folder(folder: Path, url: str):
    folder.mkdir()
    folder.chmod(0o555)
    yield _without_root_override, "Permission denied", folder


@contextlib.contextmanager
def _size_limit(folder: Path, url: str):
    yield _file_size_limit, "file size limit", folder


@contextlib.contextmanager
def _full_disk(folder: Path, url: str):
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield None, "disk full", folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.parametrize("setup", [_read_only_file, _read_only_folder, _size_limit, _full_disk],
                         ids=["read-only file", "unwritable folder", "file size limit", "full disk (tmpfs)"])
def test_a_local_problem_is_named_with_its_path_exit_3(setup, tmp_path):
    folder = tmp_path / "replicas"
    with Sqld(tmp_path / "sqld", keys=KEYS, seed=FIXTURE) as srv, setup(folder, srv.ws_url) as (preexec, cause, where):
        done = cli("--url", srv.ws_url, "sync", preexec=preexec)
        out = tmp_path / "reports"
        report = cli("--url", srv.ws_url, "report", "session_summary", "--out", str(out), preexec=preexec)
    for run in (done, report):
        assert run.returncode == 3, run.stderr
        [line] = run.stderr.splitlines()
        assert cause in line and str(where) in line and "did not serve replication" not in line, line
    assert not out.exists()  # stopped before any kernel started or folder was made
