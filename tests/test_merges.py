"""Reviewed merges (`jarvis-memory dedup apply/undo`) on file: and on the real sqld (ws, ws-legacy, http)."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import jarvis_memory
from conftest import TOKEN, cli_env, reports_read, served
from test_interop_typescript import INTEROP, node  # noqa: F401  (node: the fixture that finds the app)
from test_upgrades import fill_like_typescript
from jarvis_memory.analysis import decisions
from jarvis_memory.store import merge_batch, merges
from jarvis_memory.cli import cli
from jarvis_memory.errors import DatabaseError, ValidationError

FIELDS = ["id_a", "id_b", "kind", "score", "group", "hash_a", "hash_b", "action", "keep"]
TABLES = ("memory_entries", "sessions", "daily_logs")


def dump(db: jarvis_memory.Database) -> dict[str, list[dict]]:
    """Every row of the app's tables and their AUTOINCREMENT counters, in a stable order."""
    found = {t: db.query(f"SELECT * FROM {t} ORDER BY id") for t in TABLES}
    found["sqlite_sequence"] = db.query(f"SELECT * FROM sqlite_sequence WHERE name IN {TABLES} ORDER BY name")
    return found


def seed(db: jarvis_memory.Database) -> dict[str, int]:
    """Five memories (two near-duplicate chains and a bystander), a session whose events name them."""
    ids = {}
    for key, text in [("tea", "Prefers green tea in the morning"), ("tea2", "Prefers green tea in the mornings"),
                      ("tea3", "prefers green tea in the morning!"), ("cat", "Has a cat named Max"),
                      ("cat2", "Has a cat named Max."), ("car", "Drives a blue car")]:
        ids[key] = db.memories.store(text, "preference", "user_explicit")[0].id
    db.execute("UPDATE memory_entries SET last_accessed = ? WHERE id = ?", ["2026-01-05T10:00:00.000Z", ids["tea2"]])
    db.execute("UPDATE memory_entries SET last_accessed = ? WHERE id = ?", ["2026-01-01T10:00:00.000Z", ids["tea"]])
    session = db.sessions.start()
    for memory_id in ids.values():
        db.events.log(session.id, "memory_store", {"memory_id": memory_id})
    db.sessions.end(session.id, "explicit", summary="seeded")
    return ids


def review(db: jarvis_memory.Database, path: Path, pairs: list[tuple], hashes: dict | None = None) -> Path:
    """A reviewed candidates file: ``(id_a, id_b, action[, keep])`` rows, hashes as the audit saw them now."""
    rows = {r["id"]: r["content_hash"] for r in db.query("SELECT id, content_hash FROM memory_entries")}
    rows.update(hashes or {})
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, FIELDS)
        w.writeheader()
        for a, b, action, *keep in pairs:
            w.writerow({"id_a": a, "id_b": b, "kind": "near", "score": 97, "group": "", "hash_a": rows.get(a, ""),
                        "hash_b": rows.get(b, ""), "action": action, "keep": keep[0] if keep else ""})
    return path


def run(db: jarvis_memory.Database, path: Path) -> merge_batch.Applied:
    found = merges.plan(db, merges.read_review(path))
    assert found.skipped == []
    return merge_batch.apply(db, found.merges)


def test_apply_then_undo_restores_every_row(db, tmp_path):
    ids = seed(db)
    before = dump(db)
    path = review(db, tmp_path / "review.csv", [
        (ids["tea"], ids["tea2"], "merge"), (ids["tea2"], ids["tea3"], " Merge "),  # a chain: one survivor
        (ids["cat"], ids["cat2"], "merge", ids["cat2"]),                           # keep the newer
        (ids["cat"], ids["car"], ""),                                                # reviewed: not a duplicate
    ])
    done = run(db, path)
    assert sorted((m.removed_id, m.survivor_id) for m in done.merged.values()) == sorted(
        [(ids["tea2"], ids["tea"]), (ids["tea3"], ids["tea"]), (ids["cat"], ids["cat2"])])
    after = {r["id"]: r for r in dump(db)["memory_entries"]}
    assert set(after) == {ids["tea"], ids["cat2"], ids["car"]}
    assert after[ids["tea"]]["last_accessed"] == "2026-01-05T10:00:00.000Z"  # the later of the two
    assert after[ids["tea"]]["content"] == "Prefers green tea in the morning"
    assert dump(db)["daily_logs"] == before["daily_logs"]  # events naming removed ids stay as they are
    recorded = reports_read(db, decisions.log)
    assert sorted(recorded["removed_id"]) == sorted([ids["tea2"], ids["tea3"], ids["cat"]])
    assert recorded["undone_at"].isna().all()

    undone = merge_batch.undo(db, since="2000-01-01")
    assert (sorted(undone.restored), undone.skipped) == (sorted(done.merged), [])
    assert dump(db) == before
    assert reports_read(db, decisions.log)["undone_at"].notna().all()
    assert merge_batch.undo(db, merge_ids=list(done.merged)).restored == []  # already undone: said, not repeated


def test_undo_one_merge_of_a_chain(db, tmp_path):
    ids = seed(db)
    before = {r["id"]: r for r in dump(db)["memory_entries"]}
    done = run(db, review(db, tmp_path / "r.csv", [(ids["tea"], ids["tea2"], "merge"), (ids["tea"], ids["tea3"], "merge")]))
    by_removed = {m.removed_id: i for i, m in done.merged.items()}
    assert merge_batch.undo(db, merge_ids=[by_removed[ids["tea2"]]]).restored == [by_removed[ids["tea2"]]]
    rows = {r["id"]: r for r in dump(db)["memory_entries"]}
    assert rows[ids["tea2"]] == before[ids["tea2"]] and ids["tea3"] not in rows
    # the later merge into the survivor still counts, so the survivor keeps the later last_accessed
    assert rows[ids["tea"]]["last_accessed"] == "2026-01-05T10:00:00.000Z"


def test_apply_is_atomic(db, tmp_path):
    ids = seed(db)
    # A constraint failure on the last removal of the batch, after the others ran.
    db.execute(f"CREATE TRIGGER jm_test_fail BEFORE DELETE ON memory_entries WHEN OLD.id = {ids['cat2']}"
               " BEGIN SELECT RAISE(ABORT, 'forced failure'); END")
    before = dump(db)
    found = merges.plan(db, merges.read_review(review(db, tmp_path / "r.csv", [
        (ids["tea"], ids["tea2"], "merge"), (ids["tea"], ids["tea3"], "merge"), (ids["cat"], ids["cat2"], "merge", ids["cat"])])))
    assert [m.removed_id for m in found.merges][-1] == ids["cat2"]
    with pytest.raises(DatabaseError, match="forced failure"):
        merge_batch.apply(db, found.merges)
    assert dump(db) == before
    assert reports_read(db, decisions.log).empty


def test_stale_pairs_are_skipped(db, tmp_path):
    ids = seed(db)
    path = review(db, tmp_path / "r.csv", [
        (ids["tea"], ids["tea2"], "merge"), (ids["cat"], ids["cat2"], "merge"), (ids["tea3"], ids["car"], "merge")])
    db.execute("UPDATE memory_entries SET content = 'Has two cats', content_hash = 'x' WHERE id = ?", [ids["cat2"]])
    db.memories.delete(ids["car"])
    found = merges.plan(db, merges.read_review(path))
    assert [(m.removed_id, m.survivor_id) for m in found.merges] == [(ids["tea2"], ids["tea"])]
    assert len(found.skipped) == 2
    assert f"memory {ids['cat2']}'s content changed since the audit" in found.skipped[0]
    assert f"memory {ids['car']} is gone" in found.skipped[1]
    # A row changed between the plan and the batch is left alone too.
    db.execute("UPDATE memory_entries SET content_hash = 'y' WHERE id = ?", [ids["tea2"]])
    done = merge_batch.apply(db, found.merges)
    assert done.merged == {} and "changed during the merge" in done.skipped[0]
    assert db.memories.get(ids["tea2"]).content_hash == "y"


def test_undo_skips_a_row_whose_content_was_stored_again(db, tmp_path):
    ids = seed(db)
    done = run(db, review(db, tmp_path / "r.csv", [(ids["cat"], ids["cat2"], "merge")]))
    [merge_id] = done.merged
    again, created = db.memories.store("Has a cat named Max.", "fact", "jarvis_inferred")  # the removed text
    assert created
    undone = merge_batch.undo(db, merge_ids=[merge_id])
    assert undone.restored == [] and f"now stored as memory {again.id}" in undone.skipped[0]
    assert db.memories.count() == 6


def test_conflicting_keep_choices_skip_the_group(db, tmp_path):
    ids = seed(db)
    found = merges.plan(db, merges.read_review(review(db, tmp_path / "r.csv", [
        (ids["tea"], ids["tea2"], "merge", ids["tea"]), (ids["tea3"], ids["tea2"], "merge", ids["tea3"])])))
    assert found.merges == [] and f"{ids['tea']}, {ids['tea3']} all to keep" in found.skipped[0]


def test_a_group_that_would_remove_a_row_kept_both_with_another_is_skipped_with_that_pair(db, tmp_path):
    """"tea/tea2 merge" removes tea2; "tea2/car keep both" says tea2 stays: neither is carried out (a new user's
    trial saw the row removed and the keep-both decision recorded for a row that was gone)."""
    ids = seed(db)
    found = merges.plan(db, merges.read_review(review(db, tmp_path / "r.csv", [
        (ids["tea"], ids["tea2"], "merge"), (ids["tea2"], ids["car"], "keep both")])))
    assert found.merges == [] and found.kept_both == []
    assert f"{ids['tea2']}/{ids['car']} (line 3) marked 'keep both'" in found.skipped[0]
    found = merges.plan(db, merges.read_review(review(db, tmp_path / "r.csv", [  # the row kept both stays: fine
        (ids["tea"], ids["tea2"], "merge"), (ids["tea"], ids["car"], "keep both")])))
    assert [(m.removed_id, m.survivor_id) for m in found.merges] == [(ids["tea2"], ids["tea"])]
    assert len(found.kept_both) == 1 and found.skipped == []


def test_pairs_through_a_shared_row_resolve_to_the_oldest(db, tmp_path):
    ids = seed(db)  # tea, tea2, tea3 stored in that order
    found = merges.plan(db, merges.read_review(review(db, tmp_path / "r.csv", [
        (ids["tea"], ids["tea3"], "merge"), (ids["tea2"], ids["tea3"], "merge")])))
    assert [(m.removed_id, m.survivor_id) for m in found.merges] == [(ids["tea2"], ids["tea"]), (ids["tea3"], ids["tea"])]
    found = merges.plan(db, merges.read_review(review(db, tmp_path / "r.csv", [
        (ids["tea"], ids["tea3"], "merge", ids["tea3"]), (ids["tea2"], ids["tea3"], "merge")])))
    assert [(m.removed_id, m.survivor_id) for m in found.merges] == [(ids["tea"], ids["tea3"]), (ids["tea2"], ids["tea3"])]


def test_a_subsumed_pair_keeps_the_longer_memory_whatever_its_age(db, tmp_path):
    """Merging a subsumed pair keeps the memory that says more (a new user's trial: "Works as a nurse" was kept and
    "... at St James's Hospital" removed); a ``keep`` still decides."""
    short = db.memories.store("Works as a nurse", "fact", "user_explicit")[0].id
    long = db.memories.store("Works as a nurse at St James's Hospital", "fact", "user_explicit")[0].id
    path = review(db, tmp_path / "r.csv", [(short, long, "merge")])
    path.write_text(path.read_text().replace(",near,", ",subsumed,"))
    found = merges.plan(db, merges.read_review(path))
    assert [(m.removed_id, m.survivor_id) for m in found.merges] == [(short, long)]
    path = review(db, tmp_path / "r.csv", [(short, long, "merge", short)])
    path.write_text(path.read_text().replace(",near,", ",subsumed,"))
    assert [(m.removed_id, m.survivor_id) for m in merges.plan(db, merges.read_review(path)).merges] == [(long, short)]


@pytest.mark.parametrize("content, message", [
    ("id_a,id_b,kind,score\n1,2,near,90\n", "missing column(s) hash_a, hash_b, action"),
    (",".join(FIELDS) + "\n1,2,near,90,,h,h,delete,\n", "line 2: action must be 'merge', 'supersede', 'keep both' or empty"),
    (",".join(FIELDS) + "\n1,2,variant,90,3,h,h,keep both,2\n", "line 2: 'keep both' keeps both rows: leave keep empty"),
    (",".join(FIELDS) + "\n1,2,near,90,,h,h,merge,3\n", "line 2: keep must be 1 or 2"),
    (",".join(FIELDS) + "\nx,2,near,90,,h,h,merge,\n", "line 2"),
    (",".join(FIELDS[:-1]) + "\n1,2,near,90,,h,h,\n3,3,near,,,,,MERGE\n", "line 3: id_a and id_b are both 3"),
    *[(",".join(FIELDS) + f"\n1,2,near,90,,h,h,,\n1,2,near,{score},,h,h,merge,\n",
       f"line 3: score must be a finite number, not '{score}'") for score in ("nan", "inf", "-Infinity", "1e400")],
])
def test_bad_review_files_are_refused(tmp_path, content, message):
    path = tmp_path / "r.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError, match="".join("\\" + c if not c.isalnum() and c != " " else c for c in message)):
        merges.read_review(path)


def test_a_score_that_is_not_finite_is_refused_by_the_dry_run_and_by_apply(tmp_path):
    """The dry run said "would merge" and --apply died in the merge log's insert ("Only finite floats")."""
    path = tmp_path / "jarvis.db"
    with jarvis_memory.Database(path.as_uri()) as db:
        ids = seed(db)
        review(db, tmp_path / "r.csv", [(ids["tea"], ids["tea2"], "merge")])
    sheet = tmp_path / "r.csv"
    sheet.write_text(sheet.read_text().replace(",97,", ",nan,"))
    for apply in ([], ["--apply"]):
        result = CliRunner().invoke(cli, ["--url", path.as_uri(), "dedup", "apply", str(sheet), *apply])
        assert (result.exit_code, result.output) == (3, f"error: {sheet}, line 2: score must be a finite number, not 'nan'\n")
    with jarvis_memory.Database(path.as_uri()) as db:
        assert db.memories.get(ids["tea2"])


def test_cli_dry_run_writes_nothing(tmp_path):
    path = tmp_path / "jarvis.db"
    with jarvis_memory.Database(path.as_uri()) as db:
        ids = seed(db)
        review(db, tmp_path / "r.csv", [(ids["tea"], ids["tea2"], "merge")])
    files = {p: p.read_bytes() for p in tmp_path.glob("jarvis.db*") if p.suffix != ".db-shm"}
    runner = CliRunner()
    result = runner.invoke(cli, ["--url", path.as_uri(), "dedup", "apply", str(tmp_path / "r.csv")])
    assert result.exit_code == 0, result.output
    assert f"would merge {ids['tea2']} into {ids['tea']}" in result.output and "dry run" in result.output
    assert {p: p.read_bytes() for p in files} == files
    result = runner.invoke(cli, ["--url", path.as_uri(), "dedup", "apply", "--apply", str(tmp_path / "r.csv")])
    assert result.exit_code == 0, result.output
    assert f"merged {ids['tea2']} into {ids['tea']} (near): merge 1" in result.output
    result = runner.invoke(cli, ["--url", path.as_uri(), "dedup", "apply", "--apply", str(tmp_path / "r.csv")])
    assert result.exit_code == 1 and f"memory {ids['tea2']} is gone (merged by merge 1)" in result.output
    result = runner.invoke(cli, ["--url", path.as_uri(), "dedup", "undo", "--merge", "1"])
    assert (result.exit_code, result.output.splitlines()[0]) == (0, "undid merge 1")


def test_cli_says_when_no_row_has_an_action(tmp_path):
    path = tmp_path / "jarvis.db"
    with jarvis_memory.Database(path.as_uri()) as db:
        ids = seed(db)
        review(db, tmp_path / "r.csv", [(ids["tea"], ids["tea2"], "")])
    result = CliRunner().invoke(cli, ["--url", path.as_uri(), "dedup", "apply", str(tmp_path / "r.csv")])
    assert result.exit_code == 0, result.output
    assert "0 pairs decided" in result.output and "has an action: fill in merge, supersede or keep both" in result.output


@pytest.mark.parametrize("kind", ["variant", "possible_duplicate"])
def test_cli_says_so_when_a_pair_marked_merge_is_no_duplicate_of_the_rules(tmp_path, kind):
    """A variant marked merge is superseded: the newest row stays (the older was kept, deleting a correction),
    and the line says why; a pair only the semantic stage listed (a possible duplicate) is merged as marked, and
    the line says no rule called it a duplicate.  An unmarked row of either merges nothing."""
    path = tmp_path / "jarvis.db"
    with jarvis_memory.Database(path.as_uri()) as db:
        ids = seed(db)
        reviewed = review(db, tmp_path / "r.csv", [(ids["cat"], ids["car"], "merge"), (ids["tea"], ids["tea2"], "")])
    reviewed.write_text(reviewed.read_text().replace(",near,", f",{kind},"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--url", path.as_uri(), "dedup", "apply", str(reviewed)])
    assert result.exit_code == 0, result.output
    expected = {"variant": f"would retire {ids['cat']}, superseded by {ids['car']} (variant) - marked merge, but a"
                           " variant states another value: the newest stays",
                "possible_duplicate": f"would merge {ids['car']} into {ids['cat']} (possible_duplicate) - only the"
                                      " semantic stage's model read these as alike, no rule did; merged as marked"}
    assert expected[kind] in result.output
    assert "1 pair decided: 1 row to remove" in result.output and f"merge {ids['tea2']}" not in result.output


def test_cli_undo_of_an_already_undone_merge_is_skipped_with_exit_0_both_ways(tmp_path):
    """Undoing is idempotent: a merge already undone is skipped and said, exit 0 by id and by time alike;
    a merge that cannot be restored is skipped with exit 1. Counts are singular for one."""
    path = tmp_path / "jarvis.db"
    with jarvis_memory.Database(path.as_uri()) as db:
        ids = seed(db)
        review(db, tmp_path / "r.csv", [(ids["tea"], ids["tea2"], "merge"), (ids["cat"], ids["cat2"], "merge")])
    runner = CliRunner()

    def jarvis(*args: str):
        return runner.invoke(cli, ["--url", path.as_uri(), *args])

    result = jarvis("dedup", "apply", "--apply", str(tmp_path / "r.csv"))
    assert result.exit_code == 0 and "2 pairs decided: 2 rows removed, 0 pairs kept both, 0 skipped" in result.output
    for merge_id in ("1", "2"):
        result = jarvis("dedup", "undo", "--merge", merge_id)
        assert (result.exit_code, result.output.splitlines()[-1]) == (0, "1 merge undone, 0 skipped")
    for args, skipped in ((["--merge", "1"], 1), (["--all-since", "2000-01-01"], 2)):
        result = jarvis("dedup", "undo", *args)
        assert result.exit_code == 0, result.output
        *lines, summary = result.output.splitlines()
        assert len(lines) == skipped and all(" was already undone at " in line for line in lines)
        assert summary == f"0 merges undone, {skipped} skipped"
    result = jarvis("dedup", "apply", "--apply", str(tmp_path / "r.csv"))  # the rows came back as they were
    assert result.exit_code == 0 and "merge 4" in result.output
    with jarvis_memory.Database(path.as_uri()) as db:  # the cat's removed text is stored again: it cannot come back
        db.memories.store("Has a cat named Max.", "fact", "jarvis_inferred")
    result = jarvis("dedup", "undo", "--merge", "4")
    assert (result.exit_code, result.output.splitlines()[-1]) == (1, "0 merges undone, 1 skipped")


@pytest.mark.parametrize("url_kind", ["ws"])
def test_cli_remote_needs_yes_remote(db, url, token, tmp_path, monkeypatch):
    ids = seed(db)
    path = review(db, tmp_path / "r.csv", [(ids["tea"], ids["tea2"], "merge")])
    monkeypatch.setenv("DATABASE_AUTH_TOKEN", token)
    runner = CliRunner()
    result = runner.invoke(cli, ["--url", url, "dedup", "apply", "--apply", str(path)])
    assert result.exit_code == 3 and "--yes-remote" in result.output
    assert db.memories.count() == 6
    result = runner.invoke(cli, ["--url", url, "dedup", "apply", str(path)])  # a dry run needs no confirmation
    assert result.exit_code == 0 and "would merge" in result.output
    result = runner.invoke(cli, ["--url", url, "dedup", "apply", "--apply", "--yes-remote", str(path)])
    assert result.exit_code == 0, result.output
    assert db.memories.count() == 5


# -- the TypeScript app after a merge ----------------------------------------------------------
@pytest.fixture
def ts_store(url_kind, db_path, request):
    """Store memories through the TypeScript app's storeMemoryEntry (file: directly, sqld over http:)."""
    binary = request.getfixturevalue("node")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_AUTH_TOKEN"}
    if url_kind == "file":
        env["DATABASE_URL"] = f"file:{db_path}"
    else:
        env.update(DATABASE_URL=request.getfixturevalue("server").http_url, DATABASE_AUTH_TOKEN=TOKEN)

    def store(content: str) -> dict:
        done = subprocess.run([binary, "--import", "tsx", "src/app.ts", "script"], cwd=INTEROP, env=env,
                              input=json.dumps([{"cmd": "store-many", "input": [
                                  {"content": content, "category": "preference", "source": "user_explicit"}]}]),
                              capture_output=True, text=True, encoding="utf-8", timeout=60)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)[0][0]

    return store


@pytest.mark.interop
@pytest.mark.parametrize("url_kind", ["file", "ws"])
def test_typescript_app_storing_a_removed_exact_duplicate_finds_the_survivor(db, tmp_path, ts_store):
    ids = seed(db)
    # A client that stored no hash left an exact duplicate the unique index could not catch.
    db.execute("INSERT INTO memory_entries (content, content_hash, category, source, created_at)"
               " VALUES ('  PREFERS green tea in the morning', NULL, 'preference', 'jarvis_inferred',"
               " '2026-02-01T00:00:00.000Z')")
    [bad] = [r["id"] for r in db.query("SELECT id FROM memory_entries WHERE content_hash IS NULL")]
    # keep the row with the right hash (the older one, kept by default, has none: the app could not find it)
    done = run(db, review(db, tmp_path / "r.csv", [(ids["tea"], bad, "merge", ids["tea"])]))
    assert [m.removed_id for m in done.merged.values()] == [bad]
    stored = ts_store("  PREFERS green tea in the morning")
    assert stored["id"] == ids["tea"]
    assert db.memories.count() == 6


@pytest.mark.interop
@pytest.mark.parametrize("url_kind", ["file", "ws"])
@pytest.mark.xfail(strict=True, reason="known limit: the TypeScript app looks a memory up by the exact content hash,"
                   " and a removed near duplicate's text has another hash than the survivor: it is stored as a new row")
def test_typescript_app_storing_a_removed_near_duplicate_finds_the_survivor(db, tmp_path, ts_store):
    ids = seed(db)
    run(db, review(db, tmp_path / "r.csv", [(ids["tea"], ids["tea2"], "merge")]))
    stored = ts_store("Prefers green tea in the mornings")
    assert stored["id"] == ids["tea"] and db.memories.count() == 5


def test_usage_report_counts_store_events_of_merged_memories_as_merged(tmp_path):
    path = tmp_path / "jarvis.db"
    with jarvis_memory.Database(path.as_uri()) as db:
        ids = seed(db)  # one memory_store event per memory
        db.memories.delete(ids["car"])  # really missing
        run(db, review(db, tmp_path / "r.csv", [(ids["tea"], ids["tea2"], "merge"), (ids["cat"], ids["cat2"], "merge")]))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_AUTH_TOKEN")}
    done = subprocess.run([str(Path(sys.executable).parent / "jarvis-memory"), "--url", path.as_uri(), "report",
                           "usage_report", "--out", str(tmp_path / "out")], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    [headline] = (tmp_path / "out").glob("*/usage_report.json")
    figures = json.loads(headline.read_text())
    figures = figures.get("figures", figures)
    assert (figures["store_events_merged_memory"], figures["store_events_missing_memory"]) == (2, 1)


@pytest.mark.parametrize("kind", ["file", "ws-legacy"])
def test_the_reports_run_on_a_database_the_typescript_app_made(kind, tmp_path):
    """No merge log and no jm_kept_both (never migrated by this package): the loader reads them empty, from the
    file (as from a replica) or in keyset pages (a server that serves no replication), and creates nothing."""
    seed = tmp_path / "app.db"
    fill_like_typescript(seed)
    with served(kind, tmp_path, seed) as (url, token, path):
        done = subprocess.run([str(Path(sys.executable).parent / "jarvis-memory"), "--url", url, "report", "dedup_audit",
                               "usage_report", "--out", str(tmp_path / "out")], env=cli_env(token=token),
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        with sqlite3.connect(path.as_uri() + "?mode=ro", uri=True) as conn:
            assert conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'jm%'").fetchall() == []
    [folder] = (tmp_path / "out").glob("2*")
    assert "0 merges in effect, 0 undone" in (folder / "dedup_audit.html").read_text(encoding="utf-8")
    usage = json.loads((folder / "usage_report.json").read_text(encoding="utf-8"))
    assert (usage["memory_store_events"], usage["store_events_merged_memory"], usage["store_events_missing_memory"]) == (1, 0, 0)


def test_a_removed_row_is_said_with_the_kind_of_its_pair_with_the_row_that_stays(tmp_path):
    """A row in two decided pairs is retired by the group's survivor: its line names the kind of the pair that joins
    it to that survivor, not of whichever of its pairs came first (a negation read as "(paraphrase)")."""
    path = tmp_path / "jarvis.db"
    with jarvis_memory.Database(path.as_uri()) as db:
        ids = seed(db)
        reviewed = review(db, tmp_path / "r.csv", [(ids["tea"], ids["tea2"], "supersede"),
                                                    (ids["tea2"], ids["tea3"], "supersede")])
    lines = reviewed.read_text().splitlines()
    lines[1], lines[2] = lines[1].replace(",near,", ",paraphrase,"), lines[2].replace(",near,", ",variant,")
    reviewed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--url", path.as_uri(), "dedup", "apply", str(reviewed)])
    assert result.exit_code == 0, result.output
    assert f"would retire {ids['tea2']}, superseded by {ids['tea3']} (variant)" in result.output
