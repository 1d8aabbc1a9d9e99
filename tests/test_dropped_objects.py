"""Tables and indexes of this package that another tool dropped (issue 23, case 5): a confirmed `drizzle-kit push`
drops ``jm_memory_merges``, which the TypeScript app's schema does not declare.  ``doctor`` and ``migrate --status``
name what is missing, ``migrate`` recreates it from the migration files (running nothing else again), an embedded
database gets it back on its next write, and ``dedup apply`` / ``undo`` work again; on file: and the real sqld.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import cli_env
from jarvis_memory.store import migrations

CLI = [str(Path(sys.executable).with_name("jarvis-memory"))]
LATEST = migrations.available()[-1].version
MERGES = ["table jm_memory_merges", "index jm_memory_merges_removed_id_idx", "index jm_memory_merges_merged_at_idx",
          "index jm_memory_merges_survivor_id_idx"]


def run(url: str, token: str | None, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + list(args), env=cli_env(url, token), capture_output=True, text=True, timeout=300)


def schema(path: Path) -> dict[str, str]:
    with sqlite3.connect(path.as_uri() + "?mode=ro", uri=True) as conn:
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"))


def bookkeeping(path: Path) -> list[tuple]:
    """Every migration record, with the time it was applied: a migration run again would add or change one."""
    with sqlite3.connect(path.as_uri() + "?mode=ro", uri=True) as conn:
        return (conn.execute("SELECT * FROM _jarvis_migrations ORDER BY version").fetchall()
                + conn.execute('SELECT * FROM "__drizzle_migrations"').fetchall())


def review_file(db, folder: Path) -> Path:
    """Two near-duplicate memories and a review file marking them for a merge."""
    a, _ = db.memories.store("Likes blues", "preference", "user_explicit")
    b, _ = db.memories.store("Likes blues.", "preference", "user_explicit")
    path = folder / "review.csv"
    path.write_text("id_a,id_b,kind,score,group,hash_a,hash_b,action,keep\n"
                    f"{a.id},{b.id},near,98,,{a.content_hash},{b.content_hash},merge,\n")
    return path


@pytest.mark.parametrize("url_kind", ["file", "ws"])
def test_a_dropped_merge_table_is_named_and_recreated(url, token, db, db_path, tmp_path):
    review = review_file(db, tmp_path)
    whole, records = schema(db_path), bookkeeping(db_path)
    db.execute("DROP TABLE jm_memory_merges")  # what the push runs (its indexes go with it)
    assert "jm_memory_merges" not in schema(db_path)

    doctor = run(url, token, "doctor")
    assert doctor.returncode == 1
    assert f"FAIL schema: at version {LATEST}, but missing {', '.join(MERGES)} (run `jarvis-memory migrate`)" in doctor.stdout
    status = run(url, token, "migrate", "--status", "--json")
    assert json.loads(status.stdout) == {"current": LATEST, "pending": [], "missing": MERGES}

    migrate = run(url, token, "migrate", "--yes-remote")
    assert (migrate.returncode, migrate.stdout) == (0, f"recreated: {', '.join(MERGES)}\n"), migrate.stderr
    assert schema(db_path) == whole  # the same DDL, byte for byte
    assert bookkeeping(db_path) == records  # no migration ran again
    again = run(url, token, "migrate", "--yes-remote")
    assert again.stdout == "already up to date\n"
    doctor = run(url, token, "doctor")
    assert doctor.returncode == 0, doctor.stdout
    assert f"ok   schema: at version {LATEST}, checksums match, every table and index present" in doctor.stdout

    applied = run(url, token, "dedup", "apply", str(review), "--apply", "--yes-remote")
    undone = run(url, token, "dedup", "undo", "--all-since", "2000-01-01", "--yes-remote")
    assert (applied.returncode, undone.returncode) == (0, 0), applied.stderr + undone.stderr
    assert "1 merge undone, 0 skipped" in undone.stdout


def columns(path: Path, table: str) -> list[tuple]:
    with sqlite3.connect(path.as_uri() + "?mode=ro", uri=True) as conn:
        return conn.execute("SELECT * FROM pragma_table_info(?)", [table]).fetchall()


@pytest.mark.parametrize("url_kind", ["file", "ws"])
def test_a_dropped_column_is_named_and_added_back(url, token, db, db_path, tmp_path):
    """A column of ours dropped while its migration stays recorded: `migrate` said "already up to date", `doctor`
    ok, and `dedup apply` failed with "table jm_memory_merges has no column named decision"."""
    review = review_file(db, tmp_path)
    whole, records = columns(db_path, "jm_memory_merges"), bookkeeping(db_path)
    db.execute("ALTER TABLE jm_memory_merges DROP COLUMN decision")

    doctor = run(url, token, "doctor")
    assert doctor.returncode == 1
    assert (f"FAIL schema: at version {LATEST}, but missing column jm_memory_merges.decision (run `jarvis-memory"
            " migrate`)") in doctor.stdout
    status = run(url, token, "migrate", "--status", "--json")
    assert json.loads(status.stdout) == {"current": LATEST, "pending": [], "missing": ["column jm_memory_merges.decision"]}
    migrate = run(url, token, "migrate", "--yes-remote")
    assert (migrate.returncode, migrate.stdout) == (0, "recreated: column jm_memory_merges.decision\n"), migrate.stderr
    assert columns(db_path, "jm_memory_merges") == whole  # type, NOT NULL and DEFAULT 'merge' as 0005 made it
    assert bookkeeping(db_path) == records
    assert run(url, token, "doctor").returncode == 0

    applied = run(url, token, "dedup", "apply", str(review), "--apply", "--yes-remote")
    assert applied.returncode == 0, applied.stderr
    assert db.query("SELECT decision FROM jm_memory_merges") == [{"decision": "merge"}]


@pytest.mark.parametrize("url_kind", ["file"])
def test_a_column_sqlite_cannot_add_back_is_a_schema_error_naming_it(db, db_path, tmp_path):
    """NOT NULL without a default cannot be added to a table with rows: exit 6, the column named, nothing changed."""
    assert run(db.settings.url, None, "dedup", "apply", str(review_file(db, tmp_path)), "--apply").returncode == 0
    db.execute("ALTER TABLE jm_memory_merges DROP COLUMN content")
    before = columns(db_path, "jm_memory_merges")
    out = run(db.settings.url, None, "migrate")
    assert out.returncode == 6
    assert out.stderr.splitlines()[1] == (
        f"error: could not recreate column jm_memory_merges.content on {db.settings.url}: SQLITE_ERROR: Cannot add"
        " a NOT NULL column with default value NULL")
    assert columns(db_path, "jm_memory_merges") == before


@pytest.mark.parametrize("url_kind", ["file", "ws"])
def test_a_dropped_search_index_is_recreated_and_refilled(url, token, db, db_path):
    """The push drops ``jm_memory_fts`` (and its shadow tables) but not its triggers: every insert then fails
    until ``migrate`` makes the index again and fills it from the rows already there."""
    db.memories.store("Drinks oat milk in coffee", "preference", "user_explicit")
    whole = schema(db_path)
    db.execute("DROP TABLE jm_memory_fts")
    stored = run(url, token, "remember", "Plays the cello", "--category", "fact")
    if url.startswith("file:"):  # an embedded database gets it back on this write
        assert stored.returncode == 0, stored.stderr
    else:
        assert stored.returncode == 6 and "has no table jm_memory_fts" in stored.stderr and "jarvis-memory migrate" in stored.stderr
        migrate = run(url, token, "migrate", "--yes-remote")
        assert (migrate.returncode, migrate.stdout) == (0, "recreated: table jm_memory_fts; refilled: jm_memory_fts\n"), \
            migrate.stderr
        assert run(url, token, "remember", "Plays the cello", "--category", "fact").returncode == 0
    assert schema(db_path) == whole
    for word, content in (("coffee", "Drinks oat milk in coffee"), ("cello", "Plays the cello")):
        found = run(url, token, "search", word, "--json")
        assert [m["content"] for m in json.loads(found.stdout)] == [content], found.stderr
    doctor = run(url, token, "doctor")
    assert doctor.returncode == 0 and "ok   search index: jm_memory_fts: 2 memories indexed" in doctor.stdout


@pytest.mark.parametrize("url_kind", ["ws"])
def test_a_remote_database_is_recreated_only_with_yes_remote(url, token, db, db_path):
    db.execute("DROP INDEX jm_daily_logs_timestamp_idx")
    refused = run(url, token, "migrate")
    assert refused.returncode == 3 and "re-run with --yes-remote" in refused.stderr
    assert "jm_daily_logs_timestamp_idx" not in schema(db_path)


@pytest.mark.parametrize("url_kind", ["file"])
def test_an_embedded_database_gets_them_back_on_its_next_write(db, db_path, tmp_path):
    review = review_file(db, tmp_path)
    whole = schema(db_path)
    db.execute("DROP TABLE jm_memory_merges")
    db.execute("DROP INDEX jm_daily_logs_timestamp_idx")
    applied = run(db.settings.url, None, "dedup", "apply", str(review), "--apply")
    assert applied.returncode == 0, applied.stderr
    assert schema(db_path) == whole


@pytest.mark.parametrize("url_kind", ["file"])
def test_what_cannot_be_recreated_is_a_schema_error_and_nothing_is_made(db, db_path):
    """A unique index over rows that now repeat a value: exit 6 naming it; the batch is atomic."""
    db.execute("DROP INDEX memory_entries_content_hash_unique")
    db.execute("DROP INDEX jm_sessions_open_idx")
    for content in ("one", "two"):  # another client's rows with one hash
        db.execute("INSERT INTO memory_entries (content, content_hash, category, source, created_at)"
                   " VALUES (?, 'same', 'fact', 'user_explicit', '2026-01-01T00:00:00.000Z')", [content])
    out = run(db.settings.url, None, "migrate")
    assert out.returncode == 6
    assert out.stderr.splitlines()[1] == (
        "error: could not recreate index memory_entries_content_hash_unique, index jm_sessions_open_idx on"
        f" {db.settings.url}: SQLITE_CONSTRAINT_UNIQUE: UNIQUE constraint failed: memory_entries.content_hash")
    assert "jm_sessions_open_idx" not in schema(db_path)


def test_every_object_the_migrations_make_is_owned():
    names = {(o.type, o.name) for o in migrations.owned()}
    assert names == {("table", "daily_logs"), ("table", "memory_entries"), ("table", "sessions"),
                     ("table", "jm_memory_merges"), ("index", "memory_entries_content_hash_unique"),
                     ("index", "jm_daily_logs_session_id_idx"), ("index", "jm_daily_logs_timestamp_idx"),
                     ("index", "jm_memory_entries_created_at_idx"), ("index", "jm_sessions_open_idx"),
                     ("index", "jm_memory_merges_removed_id_idx"), ("index", "jm_memory_merges_merged_at_idx"),
                     ("table", "jm_merge_plan"), ("index", "jm_merge_plan_survivor_idx"),
                     ("index", "jm_merge_plan_removed_idx"), ("index", "jm_memory_merges_survivor_id_idx"),
                     ("table", "jm_kept_both"), ("index", "jm_kept_both_pair_idx"), ("index", "jm_kept_both_decided_at_idx"),
                     ("table", "jm_memory_fts"), ("trigger", "jm_memory_fts_insert"), ("trigger", "jm_memory_fts_delete"),
                     ("trigger", "jm_memory_fts_update")}  # not the index's shadow tables: they are made with it
    assert {o.name: o.version for o in migrations.owned()}["jm_memory_merges"] == 3
    assert [o.type for o in migrations.owned()][:7] == ["table"] * 7  # tables before their indexes and triggers
