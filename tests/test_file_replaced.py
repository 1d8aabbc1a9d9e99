"""A database file deleted or replaced while a command uses it is noticed (issue 12, case 14)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import cli_env
from jarvis_memory import Database, DatabaseError
from jarvis_memory.store import bulk


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_text("".join(json.dumps({"content": f"memory {i}", "category": "fact", "source": "user_explicit"})
                            + "\n" for i in range(500)))
    return path


def _unlink(db_path):
    os.unlink(db_path)


def _replace(db_path):
    other = db_path.with_name("other.db")
    with Database(other.as_uri()) as fresh:
        fresh.migrate()
    os.replace(other, db_path)


@pytest.mark.parametrize("change", [_unlink, _replace], ids=["unlinked", "replaced"])
def test_an_import_fails_loudly_when_its_file_goes(db_path, source, change):
    with Database(db_path.as_uri()) as db:
        db.migrate()
        done = []

        def progress(report):
            if not done:  # after the first chunk, as a user deleting the file mid-import
                change(db_path)
            done.append(report.new)

        with pytest.raises(DatabaseError, match="was deleted or replaced while in use") as err:
            bulk.import_file(db, source, chunk_size=100, progress=progress)
        assert err.value.code == "FILE_REPLACED"
        assert done == [100]  # the second chunk was the last call, and it failed
        with pytest.raises(DatabaseError, match="deleted or replaced"):
            db.memories.store("after", "fact", "user_explicit")  # nothing more is written


def test_the_command_exits_5_naming_the_file(db_path, source, tmp_path):
    """A real import subprocess whose file is unlinked as soon as it has written (polled from here)."""
    url = db_path.as_uri()
    with Database(url) as db:
        db.migrate()
    big = tmp_path / "big.jsonl"
    big.write_text("".join(json.dumps({"content": f"memory {i} " + "x" * 200, "category": "fact",
                                       "source": "user_explicit"}) + "\n" for i in range(100_000)))
    proc = subprocess.Popen([sys.executable, "-m", "jarvis_memory", "import", str(big), "--chunk-size", "100"],
                            env=cli_env(url), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wal = db_path.with_name("jarvis.db-wal")
    while proc.poll() is None and not (wal.exists() and wal.stat().st_size > 0):
        pass
    os.unlink(db_path)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 5, (out, err)
    assert f"the database file {url} was deleted or replaced while in use" in err
