"""Reviewed decisions — merge, supersede, keep both — on file: and the real sqld: their defaults, their record,
undo byte for byte, the pairs not asked again, and how facts changed."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import jarvis_memory
from conftest import reports_read, write
from jarvis_memory import timestamps
from jarvis_memory.analysis import decisions
from jarvis_memory.analysis.dedup.review import differences, review_items
from jarvis_memory.analysis.load import load
from jarvis_memory.cli import cli
from jarvis_memory.errors import ValidationError
from jarvis_memory.store import merge_batch, merges

LOG = "SELECT * FROM jm_memory_merges ORDER BY merge_id"


def dump(db: jarvis_memory.Database) -> dict[str, list[dict]]:
    """Every memory, every column, and the AUTOINCREMENT counter: what undo must give back byte for byte."""
    return {"memory_entries": db.query("SELECT * FROM memory_entries ORDER BY id"),
            "sequence": db.query("SELECT * FROM sqlite_sequence WHERE name = 'memory_entries'")}


def remember(db: jarvis_memory.Database, text: str, created_at: str, last_accessed: str | None = None) -> int:
    entry, _ = db.memories.store(text, "fact", "user_explicit")
    db.execute("UPDATE memory_entries SET created_at = ?, last_accessed = ? WHERE id = ?",
               [created_at, last_accessed, entry.id])
    return entry.id


def decide(db: jarvis_memory.Database, path: Path, rows: list[tuple]) -> Path:
    """A review file of ``(id_a, id_b, kind, action[, keep])`` rows, with the hashes the rows have now."""
    hashes = {r["id"]: r["content_hash"] for r in db.query("SELECT id, content_hash FROM memory_entries")}
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, merges.FIELDS)
        w.writeheader()
        for a, b, kind, action, *keep in rows:
            w.writerow({"id_a": a, "id_b": b, "kind": kind, "score": 95, "group": 1 if kind == "variant" else "",
                        "hash_a": hashes.get(a, ""), "hash_b": hashes.get(b, ""), "action": action,
                        "keep": keep[0] if keep else ""})
    return path


def carry_out(db: jarvis_memory.Database, path: Path) -> merge_batch.Applied:
    found = merges.plan(db, merges.read_review(path))
    assert found.skipped == []
    return merge_batch.apply(db, found.merges, found.kept_both)


@pytest.fixture
def shops(db) -> dict[str, int]:
    """The issue's group: a correction stored after the statement it corrects, with a *lower* id (an import
    reordered them), and a third variant in between."""
    return {"now": remember(db, "No longer shops at the farmers market on Saturdays", "2026-03-10T09:00:00.000Z"),
            "then": remember(db, "Shops at the farmers market on Saturdays", "2026-01-05T09:00:00.000Z",
                             "2026-03-01T08:00:00.000Z"),
            "between": remember(db, "Shops at the farmers market on Sundays", "2026-02-01T09:00:00.000Z")}


@pytest.mark.parametrize("action", ["supersede", "merge"])
def test_a_variant_group_keeps_its_newest_statement(db, shops, tmp_path, action):
    """Case 1: acting on a variant kept the older row (marking the group 'merge' deleted the correction)."""
    done = carry_out(db, decide(db, tmp_path / "d.csv", [(shops["then"], shops["now"], "variant", action),
                                                          (shops["between"], shops["now"], "variant", action)]))
    assert {e.id for e in db.memories.list()} == {shops["now"]}
    assert sorted((m.removed_id, m.survivor_id, m.decision) for m in done.merged.values()) == sorted(
        [(shops["then"], shops["now"], "supersede"), (shops["between"], shops["now"], "supersede")])
    assert {r["removed_id"]: r["decision"] for r in db.query(LOG)} == {shops["then"]: "supersede",
                                                                       shops["between"]: "supersede"}


def test_keep_names_another_row_and_duplicates_still_keep_the_older(db, shops, tmp_path):
    carry_out(db, decide(db, tmp_path / "d.csv", [(shops["then"], shops["now"], "variant", "supersede", shops["then"])]))
    assert {e.id for e in db.memories.list()} == {shops["then"], shops["between"]}
    older = remember(db, "Has a cat named Max", "2026-01-01T00:00:00.000Z")
    newer = remember(db, "Has a cat named Max.", "2026-02-01T00:00:00.000Z")
    done = carry_out(db, decide(db, tmp_path / "d2.csv", [(older, newer, "normalized", "merge")]))
    assert [(m.removed_id, m.survivor_id, m.decision) for m in done.merged.values()] == [(newer, older, "merge")]


def test_duplicates_of_an_older_statement_are_superseded_with_it(db, tmp_path):
    """A group that merges two duplicates and supersedes them by a newer variant keeps the newest; both old rows
    are recorded as superseded by it, not as duplicates of it."""
    a = remember(db, "Lives in Lisbon", "2026-01-01T00:00:00.000Z")
    b = remember(db, "lives in Lisbon!", "2026-01-02T00:00:00.000Z")
    c = remember(db, "Lives in Porto", "2026-03-01T00:00:00.000Z")
    done = carry_out(db, decide(db, tmp_path / "d.csv", [(a, b, "normalized", "merge"), (b, c, "variant", "supersede")]))
    assert sorted((m.removed_id, m.survivor_id, m.decision) for m in done.merged.values()) == [
        (a, c, "supersede"), (b, c, "supersede")]


def test_supersede_and_merge_are_undone_byte_for_byte(db, shops, tmp_path):
    twin = remember(db, "No longer shops at the farmers market on Saturdays!", "2026-03-11T00:00:00.000Z",
                    "2026-03-12T00:00:00.000Z")
    before = dump(db)
    since = timestamps.now()
    done = carry_out(db, decide(db, tmp_path / "d.csv", [
        (shops["then"], shops["now"], "variant", "supersede"), (shops["between"], shops["now"], "variant", "supersede"),
        (shops["now"], twin, "normalized", "merge", shops["now"])]))
    assert len(done.merged) == 3 and dump(db) != before
    # the survivor took the latest last_accessed of the rows removed for it; undo gives its own back
    assert db.memories.get(shops["now"]).last_accessed == "2026-03-12T00:00:00.000Z"
    undone = merge_batch.undo(db, since=since)
    assert (sorted(undone.restored), undone.skipped) == (sorted(done.merged), [])
    assert dump(db) == before
    assert reports_read(db, decisions.facts_changed).empty


def test_keep_both_is_recorded_once_and_reopened_by_undo(db, shops, tmp_path):
    before = dump(db)
    since = timestamps.now()
    path = decide(db, tmp_path / "d.csv", [(shops["now"], shops["between"], "variant", "keep both")])
    done = carry_out(db, path)
    assert dump(db) == before  # nothing removed
    [(decision_id, pair)] = done.kept_both.items()
    kept = reports_read(db, decisions.kept_both)
    a, b = sorted([shops["now"], shops["between"]])
    assert kept[["decision_id", "id_a", "id_b"]].values.tolist() == [[decision_id, a, b]]
    again = merges.plan(db, merges.read_review(path))  # applying the same file again records nothing twice
    assert again.kept_both == [] and f"kept both already (decision {decision_id})" in again.skipped[0]
    undone = merge_batch.undo(db, since=since)
    assert undone.reopened == [{"decision_id": decision_id, "id_a": a, "id_b": b}]
    assert reports_read(db, decisions.kept_both).empty and dump(db) == before


def test_a_pair_kept_both_that_other_lines_remove_skips_the_group(db, shops, tmp_path):
    found = merges.plan(db, merges.read_review(decide(db, tmp_path / "d.csv", [
        (shops["then"], shops["now"], "variant", "supersede"), (shops["then"], shops["now"], "variant", "keep both")])))
    assert found.merges == [] and found.kept_both == []
    assert found.skipped == [f"lines 2: skipped: {shops['then']}/{shops['now']} (line 3) marked 'keep both', but these"
                             " lines remove one of them"]


def test_facts_changed_reads_the_log_newest_change_first(db, tmp_path):
    lisbon = remember(db, "Lives in Lisbon", "2026-01-04T00:00:00.000Z")
    porto = remember(db, "Lives in Porto", "2026-03-15T00:00:00.000Z")
    carry_out(db, decide(db, tmp_path / "d.csv", [(lisbon, porto, "variant", "supersede")]))
    madrid = remember(db, "Lives in Madrid", "2026-06-20T00:00:00.000Z")
    cat, cat2 = remember(db, "Has a cat", "2026-01-01T00:00:00.000Z"), remember(db, "Has a cat.", "2026-01-02T00:00:00.000Z")
    carry_out(db, decide(db, tmp_path / "d2.csv", [(porto, madrid, "variant", "supersede"), (cat, cat2, "normalized", "merge")]))
    facts = reports_read(db, decisions.facts_changed)
    assert facts[["before", "after", "before_id", "after_id"]].values.tolist() == [
        ["Lives in Porto", "Lives in Madrid", porto, madrid],
        ["Lives in Lisbon", "Lives in Porto", lisbon, porto]]  # Porto, retired since, is read from the log
    assert facts["changed_at"].dt.strftime("%B %Y").tolist() == ["June 2026", "March 2026"]
    merge_batch.undo(db, merge_ids=[int(facts["merge_id"][0])])
    assert reports_read(db, decisions.facts_changed)["after"].tolist() == ["Lives in Porto"]


def test_an_older_log_reads_as_merges_and_nothing_else(tmp_path):
    """A database at migration 0003 (a copy of the committed fixture, one merge logged), read as the reports read it."""
    fixture = tmp_path / "fixture.db"
    shutil.copy(Path(__file__).parent / "fixtures" / "jarvis-fixture.db", fixture)
    write(fixture, "INSERT INTO jm_memory_merges (merged_at, survivor_id, kind, removed_id, content, category, source,"
                   " created_at) VALUES ('2026-03-01T00:00:00.000Z', 1, 'near', 999, 'Likes tea', 'fact', 'user_explicit',"
                   " '2026-01-01T00:00:00.000Z')")
    with load(fixture.as_uri()) as ds:
        log = decisions.log(ds)
        assert list(log.columns) == ["merge_id", "merged_at", "survivor_id", "removed_id", "kind", "decision", "score",
                                     "content", "undone_at"]
        assert log[["removed_id", "decision", "content"]].values.tolist() == [[999, "merge", "Likes tea"]]
        assert decisions.facts_changed(ds).empty and decisions.kept_both(ds).empty


def test_items_kept_both_are_not_asked_again_while_both_rows_stay(tmp_path):
    path = tmp_path / "jarvis.db"
    with jarvis_memory.Database(path.as_uri()) as db:
        a = remember(db, "Likes green tea at 9am", "2026-01-01T00:00:00.000Z")
        b = remember(db, "Likes green tea at 10am", "2026-02-01T00:00:00.000Z")
        candidates = pd.DataFrame({"id_a": [a], "id_b": [b], "kind": ["variant"], "score": [95],
                                   "group": pd.array([1], dtype="Int64")})
        queue = pd.DataFrame({"group": [1], "change": ["value"], "ids": [[b, a]]})

        def settled() -> list[bool]:
            memories = pd.DataFrame(db.query("SELECT * FROM memory_entries"))
            memories["created_at"] = pd.to_datetime(memories["created_at"], utc=True)
            return review_items(memories, candidates, queue, reports_read(db, decisions.kept_both))["settled"].tolist()

        assert settled() == [False]
        carry_out(db, decide(db, tmp_path / "d.csv", [(a, b, "variant", "keep both")]))
        assert settled() == [True]
        db.execute("UPDATE memory_entries SET content = 'Likes green tea at 11am', content_hash = 'changed' WHERE id = ?", [b])
        assert settled() == [False]  # one of them changed: asked again


def test_the_cli_says_what_each_decision_does(tmp_path):
    path = tmp_path / "jarvis.db"
    with jarvis_memory.Database(path.as_uri()) as db:
        then = remember(db, "Shops at the market", "2026-01-01T00:00:00.000Z")
        now = remember(db, "No longer shops at the market", "2026-02-01T00:00:00.000Z")
        tea, tea2 = remember(db, "Likes tea", "2026-01-01T00:00:00.000Z"), remember(db, "Likes tea at 9", "2026-01-02T00:00:00.000Z")
        review = decide(db, tmp_path / "d.csv", [(then, now, "variant", "merge"), (tea, tea2, "variant", "Keep_Both")])
    result = CliRunner().invoke(cli, ["--url", path.as_uri(), "dedup", "apply", "--apply", str(review)])
    assert result.exit_code == 0, result.output
    assert f"retired {then}, superseded by {now} (variant): merge 1 - marked merge, but a variant states" in result.output
    assert f"kept both {tea} and {tea2} (variant): decision 1, not asked again" in result.output
    assert "2 pairs decided: 1 row removed, 1 pair kept both, 0 skipped" in result.output
    result = CliRunner().invoke(cli, ["--url", path.as_uri(), "dedup", "undo", "--all-since", "2000-01-01"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "1 merge undone, 0 skipped, 1 pair kept both reopened"


def test_decisions_written_are_read_back_and_bad_ones_write_nothing(tmp_path):
    sheet = pd.DataFrame({"id_a": [1, 3], "id_b": [2, 4], "kind": ["near", "variant"], "score": [90, 80],
                          "group": pd.array([None, 2], dtype="Int64"), "hash_a": ["h1", "h3"], "hash_b": ["h2", "h4"],
                          "action": ["merge", ""], "keep": [2, ""]})
    assert merges.write_decisions(tmp_path / "d.csv", sheet) == 1
    assert merges.read_review(tmp_path / "d.csv") == [merges.Pair(2, 1, 2, "near", 90.0, "h1", "h2", 2, "merge")]
    with pytest.raises(ValidationError, match="not 'delete'"):
        merges.write_decisions(tmp_path / "bad.csv", sheet.assign(action=["delete", ""]))
    assert not (tmp_path / "bad.csv").exists()


def test_differences_mark_the_words_that_differ_as_written():
    marked = differences(["No longer shops at the market", "Shops at the market", "Shops  at the market!"])
    assert ["".join(p for p, _ in row) for row in marked] == [
        "No longer shops at the market", "Shops at the market", "Shops  at the market!"]
    assert [[p for p, d in row if d] for row in marked] == [["No", "longer", "shops", "market"], ["Shops"],
                                                            ["Shops", "market!"]]
    assert differences(["Alone"]) == [[("Alone", False)]]


def test_the_report_shows_the_items_as_stored_and_how_facts_changed(tmp_path):
    """Run by papermill (`jarvis-memory report`, nobody at the page): the items are static HTML, the memories as
    stored with the differing words marked; a group kept both is not shown again (and has "keep both" filled in
    in dedup_candidates.csv); a supersede is in "How facts changed"; no decisions file is written.  (Case 3: the queue showed values normalised, "No" | "(no negation)".)"""
    import json
    import subprocess
    import sys

    from conftest import cli_env
    from jarvis_memory.analysis import dedup
    from jarvis_memory.demo import FIXTURE_AS_OF, build

    build(tmp_path / "demo.db", size="tiny", seed=7, as_of=FIXTURE_AS_OF)
    url = (tmp_path / "demo.db").as_uri()
    memories = load(url).memories
    candidates = dedup.candidates(memories)
    items = review_items(memories, candidates, dedup.review_queue(memories))
    once = pd.Series([i for ids in items["ids"] for i in ids]).value_counts()
    alone = items[(items["kind"] == "variant") & items["ids"].map(lambda ids: all(once[i] == 1 for i in ids))]
    superseded, kept = alone.iloc[0], alone.iloc[1]
    sheet = merges.review_sheet(candidates, memories)
    pairs = {p: action for item, action in ((superseded, "supersede"), (kept, "keep both")) for p in item["pairs"]}
    merges.write_decisions(tmp_path / "d.csv", sheet.assign(action=[pairs.get(p, "") for p in zip(sheet["id_a"], sheet["id_b"])]))
    with jarvis_memory.Database(url) as db:
        carry_out(db, tmp_path / "d.csv")
    newest, *older = superseded["ids"]

    done = subprocess.run([str(Path(sys.executable).with_name("jarvis-memory")), "--url", url, "report", "dedup_audit",
                           "--out", str(tmp_path / "out")], env=cli_env(), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    [folder] = (tmp_path / "out").glob("2*")
    assert not (folder / "dedup_decisions.csv").exists()
    page = (folder / "dedup_audit.html").read_text(encoding="utf-8")
    assert page.count('class="jm-review-card"') == len(items) - 2  # the group superseded and the one kept both
    for memory_id in kept["ids"]:
        assert f"<strong>#{memory_id}</strong>" not in page
    assert "<mark>" in page and ">(no negation)<" not in page
    listed = pd.read_csv(folder / "dedup_candidates.csv", keep_default_na=False)  # every pair, the kept ones decided
    decided = listed[listed["action"] != ""]
    assert set(decided["action"]) == {"keep both"} and set(zip(decided["id_a"], decided["id_b"])) == set(kept["pairs"])
    content = memories.set_index("id")["content"]
    nb = json.loads((folder / "dedup_audit.ipynb").read_text(encoding="utf-8"))
    [facts] = [c for c in nb["cells"] if "".join(c["source"]).startswith("facts = decisions.facts_changed")]
    shown = "".join(o.get("text", "") if isinstance(o.get("text"), str) else "".join(o.get("text", []))
                    for o in facts["outputs"])
    assert "Statements superseded so far: 1" in shown and f'{content[older[0]]}" → "{content[newest]}' in page


def test_no_memories_make_no_items():
    """An empty period: the items can still be filtered by ``settled`` (an object column selected columns)."""
    empty = pd.DataFrame({"id": pd.Series(dtype="int64"), "content_hash": pd.Series(dtype=object),
                          "created_at": pd.Series(dtype="datetime64[us, UTC]")})
    candidates = pd.DataFrame({c: pd.Series(dtype=t) for c, t in
                               {"id_a": "int64", "id_b": "int64", "kind": object, "score": "int64", "group": "Int64"}.items()})
    queue = pd.DataFrame({"group": pd.Series(dtype="int64"), "change": pd.Series(dtype=object), "ids": pd.Series(dtype=object)})
    items = review_items(empty, candidates, queue)
    assert items[items["settled"]].columns.tolist() == items.columns.tolist() and items.empty


def test_the_panel_writes_what_was_decided_per_item(tmp_path):
    """What the panel's buttons call, without a browser: each item's decision goes to each of its pairs, the row
    to keep only to the pairs that hold it."""
    from jarvis_memory.reports.review import ReviewPanel

    memories = pd.DataFrame({"id": [1, 2, 3, 4, 5], "content": ["a", "b", "c", "d", "e"], "content_hash": list("ABCDE"),
                             "category": "fact", "source": "user_explicit",
                             "created_at": pd.to_datetime([f"2026-0{m}-01" for m in range(1, 6)], utc=True)})
    candidates = pd.DataFrame({"id_a": [1, 2, 4], "id_b": [3, 3, 5], "kind": ["variant", "variant", "near"],
                               "score": [90, 90, 95], "group": pd.array([1, 1, None], dtype="Int64")})
    queue = pd.DataFrame({"group": [1], "change": ["value"], "ids": [[3, 2, 1]]})
    items = review_items(memories, candidates, queue)
    assert items[["item", "suggested"]].values.tolist() == [["group 1", "supersede"], ["duplicates 1", "merge"]]
    panel = ReviewPanel(items, memories, merges.review_sheet(candidates, memories), tmp_path / "decisions.csv")
    panel.decide("group 1", "supersede", keep=2)
    panel.decide("duplicates 1", "merge")
    with pytest.raises(ValidationError, match="group 1 has no memory 5"):
        panel.decide("group 1", "merge", keep=5)
    assert panel.save() == 3
    assert [(p.id_a, p.id_b, p.action, p.keep) for p in merges.read_review(tmp_path / "decisions.csv")] == [
        (1, 3, "supersede", None), (2, 3, "supersede", 2), (4, 5, "merge", None)]
    panel.decide("duplicates 1", "")  # undecided again
    assert panel.save() == 2


def test_the_card_of_a_subsumed_set_names_the_row_dedup_apply_keeps():
    """Of two subsumed memories as long as each other, `dedup apply` keeps the older (merges.plan); the card said
    the first listed, the newest."""
    from jarvis_memory.reports.review import card

    memories = pd.DataFrame({"content": ["Swims at the lido", "Swims at the pool"], "source": "user_explicit",
                             "category": "fact", "created_at": pd.to_datetime(["2026-03-01", "2026-01-01"], utc=True)},
                            index=[7, 3])
    item = pd.Series({"ids": [7, 3], "suggested": "merge", "kind": "subsumed", "item": "Set 1", "change": ""})
    assert "the longest (#3) stays" in card(item, memories)


def test_a_variant_of_exchanged_roles_or_another_subject_is_suggested_keep_both():
    """Neither is a newer version of the other ("Sold Tom a bike" / "Tom sold her a bike"): supersede would retire
    a true memory (a new user's trial followed the suggestions and lost one); a changed value is still superseded."""
    from jarvis_memory.reports.review import card

    memories = pd.DataFrame({"id": [1, 2, 3, 4], "content": ["Sold Tom a bike", "Tom sold her a bike", "Swims at 7",
                                                              "Swims at 8"], "content_hash": list("ABCD"),
                             "category": "fact", "source": "user_explicit",
                             "created_at": pd.to_datetime([f"2026-0{m}-01" for m in range(1, 5)], utc=True)})
    candidates = pd.DataFrame({"id_a": [1, 3], "id_b": [2, 4], "kind": ["variant", "variant"], "score": [90, 90],
                               "group": pd.array([1, 2], dtype="Int64")})
    queue = pd.DataFrame({"group": [1, 2], "change": ["order", "value"], "ids": [[2, 1], [4, 3]]})
    items = review_items(memories, candidates, queue)
    assert items["suggested"].tolist() == ["keep both", "supersede"]
    assert "suggested <strong>keep both</strong>" in card(items.iloc[0], memories.set_index("id"))
