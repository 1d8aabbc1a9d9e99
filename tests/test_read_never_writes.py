"""Reading never writes or creates a database (issue 12, cases 11 and 13).

A database on a read-only file or folder (``chattr +i`` here: it binds root too) is
read by every read command and refused, exit 7, by every write; a read leaves a
rollback-journal database in that mode; a mistyped path is "no database at …",
exit 3, and no file appears; a relative ``file:`` path in a ``.env`` file means
beside that file.
"""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import cli_env
from jarvis_memory.store import config

READS = [["stats"], ["search", "tea"], ["list"], ["export"], ["export", "-f", "csv"], ["doctor"], ["get", "1"],
         ["sessions", "list"]]
WRITES = [["remember", "Likes tea", "-c", "fact"], ["recall", "tea"], ["sessions", "start"], ["forget", "1"]]


def run(url, *args, cwd=None):
    cmd = [sys.executable, "-m", "jarvis_memory", *args]
    return subprocess.run(cmd, env=cli_env(url), capture_output=True, text=True, timeout=60, cwd=cwd)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def memory_db(tmp_path):
    """A migrated database with one memory, in a folder of its own; no -wal or -shm left."""
    folder = tmp_path / "store"
    folder.mkdir()
    url = (folder / "jarvis.db").as_uri()
    assert run(url, "remember", "Prefers tea in the morning", "-c", "preference").returncode == 0
    return folder, url


def _chattr(flag, path):
    return subprocess.run(["chattr", flag, str(path)], capture_output=True, text=True)


@pytest.fixture(params=["file", "folder"])
def immutable(request, memory_db):
    """The database file, or its folder, made immutable: no process, root included, may change it."""
    folder, url = memory_db
    target = folder / "jarvis.db" if request.param == "file" else folder
    done = _chattr("+i", target)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not available here: {done.stderr.strip()}")
    yield folder, url
    assert _chattr("-i", target).returncode == 0


@pytest.mark.parametrize("args", READS)
def test_reads_work_on_a_database_nobody_may_write(immutable, args):
    folder, url = immutable
    before = snapshot(folder)
    out = run(url, *args)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    assert (folder / "jarvis.db").read_bytes() and snapshot(folder)["jarvis.db"] == before["jarvis.db"]
    if args[0] in ("search", "get", "export"):
        assert "Prefers tea in the morning" in out.stdout


@pytest.mark.parametrize("args", WRITES)
def test_writes_to_a_database_nobody_may_write_exit_7(immutable, args):
    folder, url = immutable
    before = snapshot(folder)
    out = run(url, *args)
    assert out.returncode == 7, (out.stdout, out.stderr)
    assert out.stderr.strip() == f"error: {url} is read-only (the file or its folder cannot be written)"
    assert snapshot(folder) == before


def test_a_read_keeps_a_rollback_journal_database_as_it_is(tmp_path):
    """A database the TypeScript app or a shell made in DELETE mode is not switched to WAL by a read."""
    path = tmp_path / "app.db"
    url = path.as_uri()
    assert run(url, "remember", "Prefers tea", "-c", "fact").returncode == 0
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = snapshot(tmp_path)
    for args in READS:
        assert run(url, *args).returncode == 0, args
    assert snapshot(tmp_path) == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    conn.close()


@pytest.mark.parametrize("args", [a for a in READS if a[0] != "get"] + [["get", "1"]])
def test_a_mistyped_path_is_no_database_and_creates_none(tmp_path, args):
    url = (tmp_path / "jarvsi.db").as_uri()  # the typo
    out = run(url, *args)
    assert out.returncode == 3, (out.stdout, out.stderr)
    assert out.stderr.strip() == f"error: no database at {url}"
    assert list(tmp_path.iterdir()) == []


def test_a_relative_path_in_dotenv_is_beside_the_dotenv_file(tmp_path, monkeypatch):
    project = tmp_path / "project"
    project.mkdir()
    (project / ".env").write_text("DATABASE_URL=file:data/jarvis.db\n")
    elsewhere = tmp_path / "home"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # cron runs from $HOME
    assert config.load(env_file=project / ".env").path == project / "data" / "jarvis.db"
    assert config.load("file:data/jarvis.db").path == elsewhere / "data" / "jarvis.db"  # a command-line URL: the cwd
    monkeypatch.setenv("DATABASE_URL", "file:other.db")  # the environment wins, relative to the cwd
    assert config.load(env_file=project / ".env").path == elsewhere / "other.db"


def test_the_cwd_dotenv_is_read_and_its_folder_is_the_base(tmp_path):
    (tmp_path / "work").mkdir()
    (tmp_path / "work" / ".env").write_text("DATABASE_URL=file:mem.db\n")
    out = subprocess.run([sys.executable, "-m", "jarvis_memory", "remember", "x y", "-c", "fact"], env=cli_env(),
                         capture_output=True, text=True, timeout=60, cwd=tmp_path / "work")
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "work" / "mem.db").is_file()
