"""Files the user names are written as what they are, and file-system errors are sentences (issue 12, cases 9, 10).

No test touches anything outside its temporary folder: a FIFO stands in for a device
node, an immutable folder (``chattr +i``) for a read-only mount, a file-size limit
(``RLIMIT_FSIZE``, set in the child only) for a full disk.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys
import threading

import pytest

from conftest import cli_env
from jarvis_memory import Database, ValidationError

CONTENTS = [f"Memory number {i} about tea and the morning routine" for i in range(3)]


def run(url, *args, limit_bytes=None):
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    cmd = [sys.executable, "-m", "jarvis_memory", *args]
    return subprocess.run(cmd, env=cli_env(url), capture_output=True, text=True, timeout=120,
                          preexec_fn=limit if limit_bytes else None)


@pytest.fixture
def url(db_path):
    with Database(db_path.as_uri()) as db:
        for text in CONTENTS:
            db.memories.store(text, "fact", "user_explicit")
    return db_path.as_uri()


def exported(text):
    return [json.loads(line)["content"] for line in text.splitlines()]


def test_a_symlink_is_followed_and_stays_a_link(url, tmp_path):
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "backup.jsonl"
    real.write_text("old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    out = run(url, "export", "-o", str(link))
    assert out.returncode == 0, out.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert exported(real.read_text()) == CONTENTS
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["backup.jsonl"]  # no temporary file left


def test_an_existing_file_keeps_its_permissions_and_a_new_one_gets_the_umask(url, tmp_path):
    kept = tmp_path / "kept.jsonl"
    kept.write_text("old\n")
    kept.chmod(0o640)
    assert run(url, "export", "-o", str(kept)).returncode == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640 and exported(kept.read_text()) == CONTENTS
    new = tmp_path / "new.csv"
    assert run(url, "export", "-f", "csv", "-o", str(new)).returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask


def test_a_fifo_is_written_into_and_stays_a_fifo(url, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    out = run(url, "export", "-o", str(fifo))
    reader.join(timeout=60)
    assert out.returncode == 0, out.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode) and exported(received[0]) == CONTENTS
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("jarvis.db")) == ["pipe"]


def test_dash_is_standard_output(url, tmp_path):
    out = run(url, "export", "-o", "-")
    assert out.returncode == 0 and exported(out.stdout) == CONTENTS
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_a_reader_that_stops_early_ends_the_export_quietly_with_141(db_path, fmt):
    """`export -o - | head -2`: stdout's reader closed the pipe, so the export stops as Unix tools do
    (128 + SIGPIPE), with nothing on stderr and no traceback."""
    with Database(db_path.as_uri()) as db:
        db.migrate()
    conn = sqlite3.connect(db_path)
    with conn:  # far more than a pipe's buffer: the export is still writing when head exits
        conn.executemany("INSERT INTO memory_entries (content, category, source, created_at) VALUES (?, 'fact',"
                         " 'user_explicit', '2026-01-01T00:00:00.000Z')", [(f"memory {i} " * 8,) for i in range(20_000)])
    conn.close()
    cmd = [sys.executable, "-m", "jarvis_memory", "export", "-f", fmt, "-o", "-"]
    out = subprocess.run(["bash", "-c", '"$@" | head -2; exit "${PIPESTATUS[0]}"', "-", *cmd], env=cli_env(db_path.as_uri()),
                         capture_output=True, text=True, timeout=120)
    assert (out.returncode, out.stderr) == (141, "")
    assert len(out.stdout.splitlines()) == 2


@pytest.fixture
def immutable_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "backup.jsonl").write_text("old\n")
    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not available here: {done.stderr.strip()}")
    yield folder
    subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_folder_that_cannot_be_written_is_exit_3_and_the_file_stays(url, immutable_folder, db_path):
    target = immutable_folder / "backup.jsonl"
    before = db_path.read_bytes()
    out = run(url, "export", "-o", str(target))
    assert out.returncode == 3, out.stderr
    assert out.stderr.strip() == f"error: cannot write {target}: Operation not permitted"
    assert target.read_text() == "old\n" and db_path.read_bytes() == before


def test_a_full_disk_is_exit_3_and_leaves_the_old_file_and_no_temporary(url, tmp_path, db_path):
    with Database(url) as db:  # about 200 kB of export
        for i in range(2_000):
            db.memories.store(f"Filler memory {i} " + "x" * 80, "fact", "jarvis_inferred")
    target = tmp_path / "out" / "backup.jsonl"
    target.parent.mkdir()
    target.write_text("old\n")
    out = run(url, "export", "-o", str(target), limit_bytes=100_000)
    assert out.returncode == 3, out.stderr
    assert out.stderr.strip() == f"error: cannot write {target}: File too large"
    assert "Traceback" not in out.stderr
    assert target.read_text() == "old\n" and [p.name for p in target.parent.iterdir()] == ["backup.jsonl"]


@pytest.mark.parametrize("command", [["report", "usage_report", "--out"], ["demo", "--size", "tiny", "--out"]])
def test_an_output_under_a_regular_file_is_exit_3(url, tmp_path, command):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = run(url, *command, str(blocker / "sub" / "x.db"))
    assert out.returncode == 3, out.stderr
    assert "Traceback" not in out.stderr and str(blocker) in out.stderr
    assert blocker.read_text() == "x"


def test_demo_into_a_read_only_folder_is_exit_3(url, immutable_folder):
    out = run(url, "demo", "--size", "tiny", "--out", str(immutable_folder / "demo.db"))
    assert out.returncode == 3, out.stderr
    assert "Traceback" not in out.stderr and str(immutable_folder) in out.stderr


def test_a_nul_in_a_file_url_is_exit_3(tmp_path):
    out = run("file:%00x.db", "stats")
    assert out.returncode == 3 and out.stderr.strip() == "error: file URL 'file:%00x.db' contains a NUL character"


@pytest.mark.parametrize("value", ["²", "٣", "1²"])
def test_an_id_of_other_digits_is_a_validation_error(url, value):
    with Database(url) as db, pytest.raises(ValidationError, match="must be an integer"):
        db.memories.get(value)


# -- an output that is the database itself (issue "What other people's data, habits and tools do to it", case 1) --

def _folder_state(folder):
    """Every file under ``folder`` with its bytes (folders and the -shm by name: a reader's marks change the
    shared-memory file): what "nothing written" compares."""
    return {str(p.relative_to(folder)): None if p.is_dir() or p.name.endswith("-shm") else p.read_bytes()
            for p in sorted(folder.rglob("*"))}


@pytest.fixture
def live_db(url, db_path):
    """The database with a session and an event, held open by another client in WAL mode: its -wal and -shm exist."""
    with Database(url) as db:
        session = db.sessions.start()
        db.events.log(session.id, "memory_store", {"memory_id": 1})
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode = WAL")
    with conn:
        conn.execute("UPDATE sessions SET summary = 'held open'")
    assert os.path.exists(f"{db_path}-wal") and os.path.exists(f"{db_path}-shm")
    yield db_path
    conn.close()


SPELLINGS = {  # how the test folder spells the database or a file beside it -> what the refusal calls it
    "absolute": (lambda db: str(db), "the database"),
    "relative": (lambda db: os.path.relpath(db), "the database"),
    "dot-dot": (lambda db: _made(db.parent / "sub") + "/../" + db.name, "the database"),
    "symlink": (lambda db: _linked(db.parent / "link.db", db), "the database"),
    "symlinked folder": (lambda db: _linked(db.parent / "alias", db.parent) + "/" + db.name, "the database"),
    "hard link": (lambda db: _hard(db.parent / "hard.db", db), "the database"),
    "-wal": (lambda db: f"{db}-wal", "the -wal file of the database"),
    "-shm": (lambda db: os.path.relpath(f"{db}-shm"), "the -shm file of the database"),
    "-journal, no such file yet": (lambda db: f"{db}-journal", "the -journal file of the database"),
    "hard link to -wal": (lambda db: _hard(db.parent / "copy", f"{db}-wal"), "the -wal file of the database"),
}


def _made(folder):
    folder.mkdir()
    return str(folder)


def _linked(link, target):
    link.symlink_to(target)
    return str(link)


def _hard(link, target):
    os.link(target, link)
    return str(link)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
@pytest.mark.parametrize("spelling", list(SPELLINGS))
def test_export_onto_the_database_is_refused_and_writes_nothing(live_db, url, spelling, fmt):
    spell, what = SPELLINGS[spelling]
    name = spell(live_db)
    before = _folder_state(live_db.parent)
    out = run(url, "export", "-f", fmt, "-o", name)
    assert out.returncode == 3, out.stderr
    assert out.stderr == f"error: cannot write {name}: it is {what} {live_db}; name another file\n"
    assert _folder_state(live_db.parent) == before


@pytest.mark.parametrize("stdout", ["-", "/dev/stdout"])
def test_export_to_a_stdout_appending_to_the_database_is_refused(live_db, url, stdout):
    before = _folder_state(live_db.parent)
    with open(live_db, "ab") as appending:
        out = subprocess.run([sys.executable, "-m", "jarvis_memory", "export", "-o", stdout], env=cli_env(url),
                             stdout=appending, stderr=subprocess.PIPE, text=True, timeout=120)
    assert out.returncode == 3, out.stderr
    shown = "standard output" if stdout == "-" else stdout
    assert out.stderr == f"error: cannot write {shown}: it is the database {live_db}; name another file\n"
    assert _folder_state(live_db.parent) == before


@pytest.mark.parametrize("name", ["jarvis.db", "jarvis.db-journal"])
def test_a_report_folder_that_is_the_database_is_refused_before_any_kernel(live_db, url, name):
    before = _folder_state(live_db.parent)
    out = run(url, "report", "usage_report", "--out", name)
    assert out.returncode == 3, out.stderr
    what = "the database" if name == "jarvis.db" else "the -journal file of the database"
    assert out.stderr == f"error: cannot write {live_db.parent / name}: it is {what} {live_db}; name another file\n"
    assert _folder_state(live_db.parent) == before


@pytest.mark.parametrize("name", ["jarvis.db", "jarvis.db-journal"])
def test_a_replica_onto_the_database_is_refused(live_db, url, server, name):
    """`sync --url REMOTE --out FILE` beside DATABASE_URL=file:…: the replica never lands on that database's files."""
    from conftest import TOKEN

    before = _folder_state(live_db.parent)
    out = subprocess.run([sys.executable, "-m", "jarvis_memory", "sync", "--url", server.ws_url, "--out", name],
                         env=cli_env(url, TOKEN), capture_output=True, text=True, timeout=120)
    assert out.returncode == 3, out.stderr
    what = "the database" if name == "jarvis.db" else "the -journal file of the database"
    assert out.stderr == f"error: cannot write {live_db.parent / name}: it is {what} {live_db}; name another file\n"
    assert _folder_state(live_db.parent) == before


@pytest.mark.parametrize("sidecar", ["-wal", "-shm", "-journal"])
@pytest.mark.parametrize("stdout", [False, True])
def test_a_sidecar_of_another_name_of_the_database_is_refused(live_db, sidecar, stdout):
    """A hard link is another name of the file, and SQLite names a connection's -wal/-shm/-journal after the name it
    opened: writing `other.db-wal` while a writer used it lost that writer's committed rows (found by an attack)."""
    other = live_db.parent / "other.db"
    os.link(live_db, other)
    target = live_db.parent / f"{live_db.name}{sidecar}"  # the sidecars of the name the holder opened
    url = f"file:{other}"  # the command names the database by its other name
    if stdout:
        with open(target, "ab") as appending:  # the shell opens (and may create) it before the command runs
            before = _folder_state(live_db.parent)
            out = subprocess.run([sys.executable, "-m", "jarvis_memory", "export", "-o", "-"], env=cli_env(url),
                                 stdout=appending, stderr=subprocess.PIPE, text=True, timeout=120)
    else:
        before = _folder_state(live_db.parent)
        out = run(url, "export", "-o", str(target))
    assert out.returncode == 3, out.stderr
    assert f"it is the {sidecar} file of {live_db}, another name of the database {other}" in out.stderr
    assert _folder_state(live_db.parent) == before
