"""The search index in step with the text (issue 24 attack): old words left behind are found and refilled by
``migrate``, and an index that cannot be opened (a shadow table dropped, its version changed), which wedges
every insert of a memory, is repaired by it; on file: and the real sqld.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import cli_env
from jarvis_memory.store import search

CLI = [str(Path(sys.executable).with_name("jarvis-memory"))]
HINT = "(run `jarvis-memory migrate`)"


def run(url: str, token: str | None, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + list(args), env=cli_env(url, token), capture_output=True, text=True, timeout=300)


def schema(path: Path) -> dict[str, str]:
    with sqlite3.connect(path.as_uri() + "?mode=ro", uri=True) as conn:
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"))


def found(url: str, token: str | None, text: str) -> list[str]:
    out = run(url, token, "search", text, "--json")
    assert out.returncode == 0, out.stderr
    return [m["content"] for m in json.loads(out.stdout)]


@pytest.mark.parametrize("url_kind", ["file", "ws"])
@pytest.mark.parametrize("edit", ["trigger missing", "INSERT OR REPLACE", "REPLACE"])
def test_old_words_left_in_the_index_are_found_and_refilled_by_migrate(url, token, url_kind, db, edit):
    """An edit while the update trigger was gone, or another client's REPLACE (SQLite fires no delete trigger
    for a REPLACE conflict while recursive_triggers is off), keeps "tea" indexed for a memory that now says
    "prefers black coffee": the counts and ids stay right, so only FTS5's integrity-check finds it."""
    tea, _ = db.memories.store("I like green tea", "fact", "user_explicit")
    db.memories.store("Plays the cello", "fact", "user_explicit")
    if edit == "trigger missing":
        db.execute("DROP TRIGGER jm_memory_fts_update")
        db.execute("UPDATE memory_entries SET content = 'prefers black coffee' WHERE id = ?", [tea.id])
    else:
        db.execute(f"{edit} INTO memory_entries (id, content, content_hash, category, source, created_at) VALUES"
                   " (?, 'prefers black coffee', 'h', 'fact', 'user_explicit', '2026-01-02T00:00:00.000Z')", [tea.id])
        assert found(url, token, "tea") == ["prefers black coffee"]  # the old words answer
        doctor = run(url, token, "doctor")  # reading only, it cannot compare the words: it says so
        assert doctor.returncode == 0 and "counts and ids match (`migrate` compares the words)" in doctor.stdout
    if url_kind != "file":
        assert run(url, token, "migrate").returncode == 3  # a remote refill needs --yes-remote too
    migrate = run(url, token, "migrate", "--yes-remote")
    recreated = "recreated: trigger jm_memory_fts_update; " if edit == "trigger missing" else ""
    assert (migrate.returncode, migrate.stdout) == (0, f"{recreated}refilled: {search.INDEX}\n"), migrate.stderr
    assert found(url, token, "tea") == [] and found(url, token, "coffee") == ["prefers black coffee"]
    assert run(url, token, "migrate", "--yes-remote").stdout == "already up to date\n"
    assert search.out_of_step(db) is None and db.migrate() == [] and not db.refilled


DAMAGES = ["DROP TABLE jm_memory_fts_config", "DROP TABLE jm_memory_fts_data", "DROP TABLE jm_memory_fts_idx",
           "DROP TABLE jm_memory_fts_docsize", "UPDATE jm_memory_fts_config SET v = 99 WHERE k = 'version'"]


@pytest.mark.parametrize("url_kind", ["file", "ws"])
@pytest.mark.parametrize("damage", DAMAGES)
def test_an_index_that_cannot_be_opened_is_repaired_by_migrate(url, token, db, db_path, damage):
    """Every insert of a memory fails meanwhile (the insert trigger writes to the index), saying to migrate;
    ``doctor`` fails; ``migrate`` gives the index the shadow tables of a new one and refills it."""
    for text in ("I like green tea", "Plays the cello"):
        db.memories.store(text, "fact", "user_explicit")
    whole = schema(db_path)
    db.execute(damage)
    stored = run(url, token, "remember", "Drinks tea at noon", "-c", "fact")
    assert stored.returncode in (5, 6) and stored.stderr.rstrip().endswith(HINT), stored.stderr
    doctor = run(url, token, "doctor")
    failed = [line for line in doctor.stdout.splitlines() if line.startswith("FAIL")]
    assert doctor.returncode == 1 and failed and all(HINT in line for line in failed), doctor.stdout
    migrate = run(url, token, "migrate", "--yes-remote")
    assert (migrate.returncode, migrate.stdout) == (0, f"refilled: {search.INDEX}\n"), migrate.stderr
    assert schema(db_path) == whole
    assert run(url, token, "remember", "Drinks tea at noon", "-c", "fact").returncode == 0
    assert sorted(found(url, token, "tea")) == ["Drinks tea at noon", "I like green tea"]
    doctor = run(url, token, "doctor")
    assert doctor.returncode == 0, doctor.stdout
    assert run(url, token, "migrate", "--yes-remote").stdout == "already up to date\n"


@pytest.mark.parametrize("url_kind", ["file"])
def test_an_index_that_cannot_be_repaired_is_a_schema_error_and_nothing_is_changed(url, db, db_path):
    db.memories.store("I like green tea", "fact", "user_explicit")
    db.execute("DROP TABLE jm_memory_fts_data")
    db.execute("CREATE TABLE jm_memory_fts_data (x)")  # not FTS5's: neither a rebuild nor the repair can write it
    whole = schema(db_path)
    out = run(url, None, "migrate")
    assert out.returncode == 6
    assert out.stderr.splitlines()[1].startswith(
        f"error: the search index {search.INDEX} cannot be repaired (its shadow tables given a new index's, then"
        " 'rebuild'): ")
    assert schema(db_path) == whole
