"""The dedup audit (contract C) on small frames with known answers, and on a demo database."""

from __future__ import annotations

import json
import random
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from jarvis_memory.analysis import dedup
from jarvis_memory.analysis.dedup.audit import _label_components
from jarvis_memory.analysis.dedup import blocks as dedup_blocks
from jarvis_memory.analysis.dedup.blocks import _windows
from jarvis_memory.analysis.dedup.compare import _compare
from jarvis_memory.analysis.dedup.text import _text, _Vocabulary
from jarvis_memory.errors import ValidationError
from jarvis_memory.store.hashing import content_hash


def frame(rows: list[tuple], *, hashes: dict[int, str | None] | None = None) -> pd.DataFrame:
    """Contract A columns from ``(id, content, category[, source])``; stored hashes correct unless overridden."""
    records = []
    for row in rows:
        memory_id, content, category = row[:3]
        source = row[3] if len(row) > 3 else "user_explicit"
        stored = (hashes or {}).get(memory_id, content_hash(content))
        records.append({"id": memory_id, "content": content, "content_hash": stored, "category": category,
                        "source": source, "created_at": pd.Timestamp("2026-08-01", tz="UTC"), "last_accessed": pd.NaT})
    return pd.DataFrame(records)


def pairs(table: pd.DataFrame) -> set[tuple[int, int]]:
    return set(zip(table["id_a"].tolist(), table["id_b"].tolist()))


# -- normalisation and the grouped checks ----------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("  Prefers TEA.  ", "prefers tea"),
    ("Prefers\u00a0tea", "prefers tea"),                      # non-breaking space
    ("Ｐrefers tea", "prefers tea"),                           # full-width letter
    ("Cafe\u0301 in Zu\u0308rich", "café in zürich"),          # decomposed accents
    ("\ufb01ne", "fine"),                                      # ligature
    ("STRASSE", "strasse"), ("Straße", "strasse"),             # casefold, not lower
    ("Anna's  tea,\tplease!", "annas tea please"),
    ("zero\u200bwidth", "zerowidth"),
])
def test_normalize_strong(text: str, expected: str) -> None:
    assert dedup.normalize_strong(text) == expected


def test_exact_groups_need_a_missing_or_wrong_stored_hash() -> None:
    df = frame([(1, "Prefers tea", "preference"), (2, "  PREFERS TEA ", "preference"),
                (3, "prefers tea\n", "preference"), (4, "Prefers coffee", "preference")],
               hashes={2: None, 3: "0" * 64})
    groups = dedup.exact_groups(df)
    assert len(groups) == 1
    assert groups.loc[0, "ids"] == [1, 2, 3] and groups.loc[0, "size"] == 3
    assert groups.loc[0, "key"] == content_hash("prefers tea")


def test_normalized_groups_are_what_the_hash_misses() -> None:
    df = frame([(1, "Prefers tea.", "preference"), (2, "prefers  tea", "preference"),
                (3, "Ｐrefers tea!", "preference"), (4, "Lives in Lisbon", "fact"),
                (5, " LIVES IN LISBON", "fact")], hashes={5: None})
    groups = dedup.normalized_groups(df)
    assert groups["ids"].tolist() == [[1, 2, 3]]  # 4/5 share a recomputed hash: an exact group, not this one
    assert dedup.exact_groups(df)["ids"].tolist() == [[4, 5]]


def test_hash_integrity() -> None:
    df = frame([(1, "a b c", "fact"), (2, "d e f", "fact"), (3, "g h i", "fact")], hashes={2: None, 3: "bad"})
    found = dedup.hash_integrity(df)
    assert found[["id", "problem"]].values.tolist() == [[2, "missing"], [3, "mismatch"]]
    assert found.loc[1, "stored_hash"] == "bad" and found.loc[1, "recomputed_hash"] == content_hash("g h i")
    assert found.loc[0, "stored_hash"] is None


# -- the classification of a pair -------------------------------------------------
@pytest.mark.parametrize(("a", "b", "kind", "change"), [
    # the wrong pairs: template siblings, negations, real words swapped, other subjects
    ("User likes curry for lunch, especially from the place near Lisbon station",
     "User likes sushi for lunch, especially from the place near Lisbon station", "variant", "word"),
    ("User's daughter Ben is allergic to peanuts and tacos", "User's daughter Ben is allergic to peanuts and curry",
     "variant", "word"),
    ("Is allergic to peanuts and shellfish", "Is not allergic to peanuts and shellfish", "variant", "negation"),
    ("Likes the new office", "Doesn't like the new office", "variant", "negation"),
    ("Wants email notifications enabled", "Wants email notifications disabled", "variant", "word"),
    ("Enjoys hiking on weekends", "Enjoys biking on weekends", "variant", "word"),
    ("Has a cat named Max", "Has a car named Max", "variant", "word"),
    ("Dana has been playing a strategy game every evening", "Omar has been playing a strategy game every evening",
     "variant", "subject"),
    ("Prefers meetings with Anna at 9am on Mondays", "Prefers meetings with Anna at 10am on Mondays", "variant", "value"),
    ("Drinks green tea at 7:30pm", "Drinks green tea at 7:30am", "variant", "value"),  # am → pm is no typo
    ("Flight to São Paulo leaves on March 3", "Flight to Lisbon leaves on March 3", "variant", "value"),
    # duplicates: typos (an unknown word one edit from another), filler, order, paraphrase, subsumption
    ("Prefers meetings with Anna at 9am on Mondays", "Prefers meetigns with Anna at 9am on Mondays", "near", ""),
    ("Likes jazz while cooking dinner", "Likes jaz while cooking dinner", "near", ""),
    ("The flight leaves on February 11", "The flight leaves on Februry 11", "near", ""),
    ("Prefers meetings with Anna at 9am on Mondays", "On Mondays at 9am prefers meetings with Anna", "near", ""),
    ("Likes jazz while cooking dinner", "Really likes jazz while cooking dinner", "near", ""),
    ("Her dogs are all mixed breeds, two of them terrier mixes and the other two spaniel mixes",
     "Her dogs are mixed breeds; two are terrier mixes, and two are spaniel mixes", "paraphrase", ""),
    ("Lost her job at the delivery company.", "Lost her job at the delivery company last month.", "subsumed", ""),
    ("Is allergic to peanuts", "Is allergic to peanuts and shellfish", "subsumed", ""),
    # neither: several values, or a word inserted inside a phrase (another thing)
    ("Owes David 270 euros for the wedding", "Owes Maria 80 euros for the wedding", None, ""),
    ("Bought a new bike last week", "Bought a new bike helmet last week", None, ""),
    ("Gym renews on 9 March every year", "Gym renews on 09 March every year", "near", ""),  # one number, two spellings
])
def test_compare(a: str, b: str, kind: str | None, change: str) -> None:
    texts = [_text(a), _text(b)]
    verdict = _compare(texts[0], texts[1], _Vocabulary(texts))
    assert (verdict.kind, verdict.change) == (kind, change)


def test_a_word_of_the_corpus_is_not_a_typo() -> None:
    """"Zorbl" and "Zorba" are unknown to wordfreq; written in several memories, both are the corpus's own words."""
    rare = [_text(t) for t in ("Zorbl is the cat of the neighbours", "Zorba is the cat of the neighbours")]
    assert _compare(rare[0], rare[1], _Vocabulary(rare)).kind == "near"
    corpus = rare + [_text(f"{name} likes {food}") for name in ("Zorbl", "Zorba") for food in ("fish", "milk")]
    assert _compare(rare[0], rare[1], _Vocabulary(corpus)).kind == "variant"


SAMPLES = [
    (1, "Prefers meetings with Anna at 9am on Mondays", "preference", "2026-08-01"),
    (2, "Prefers meetings with Anna at 10am on Mondays", "preference", "2026-09-01"),  # time changed, newer
    (3, "Prefers meetings with Anna at 11am on Mondays", "preference", "2026-08-15"),
    (4, "Prefers meetigns with Anna at 9am on Mondays", "preference", "2026-08-02"),   # typo of 1
    (5, "On Mondays at 9am prefers meetings with Anna", "preference", "2026-08-03"),   # reordered 1
    (10, "Likes sushi for lunch", "preference", "2026-08-01"),
    (11, "Likes curry for lunch", "preference", "2026-08-02"),                          # a sibling: another food
    (12, "Is allergic to peanuts", "fact", "2026-08-01"),
    (13, "Is not allergic to peanuts", "fact", "2026-10-01"),                           # the correction
    (20, "Dana plays chess every evening", "pattern", "2026-08-01"),
    (21, "Omar plays chess every evening", "pattern", "2026-08-01"),                    # another subject
    (30, "Prefers meetings with Anna at 9am on Mondays", "fact", "2026-08-01"),         # other category than 1
]


def dated(rows: list[tuple]) -> pd.DataFrame:
    df = frame([r[:3] for r in rows])
    return df.assign(created_at=pd.to_datetime([r[3] for r in rows], utc=True))


def test_duplicates_and_their_kinds() -> None:
    near = dedup.near_duplicates(dated(SAMPLES))
    assert {(a, b): k for a, b, k in near[["id_a", "id_b", "kind"]].itertuples(index=False)} == {
        (1, 4): "near", (1, 5): "near", (4, 5): "near"}
    assert near.columns.tolist() == ["id_a", "id_b", "score", "kind"]


def test_review_queue_groups_variants_with_values_newest_first() -> None:
    queue = dedup.review_queue(dated(SAMPLES))
    assert queue["group"].tolist() == list(range(1, len(queue) + 1))
    assert queue["change"].tolist() == ["negation", "value", "word", "subject"]  # likely conflicts first
    meetings = queue.iloc[1]
    assert meetings["ids"][:2] == [2, 3] and meetings["values"][:2] == ["10 am", "11 am"]
    assert meetings["size"] == 3 and meetings["ids"][2] in (1, 4, 5)  # 1, 4, 5 are one statement: counted once
    assert meetings["created_at"][0] == pd.Timestamp("2026-09-01", tz="UTC")
    assert queue.iloc[0]["ids"] == [13, 12] and queue.iloc[0]["statement"] == "Is not allergic to peanuts"
    assert queue.iloc[0]["values"] == ["not", "(no negation)"]


def test_a_negation_word_one_letter_from_another_word_is_a_word_swap() -> None:
    """"Stops" is a negation word, but "Shops at the bakery" / "Stops at the bakery" is a swapped letter (a word
    variant, reviewed with the other words), not a statement and its negation (found in the demo's review queue)."""
    rows = [(1, "Shops at the corner bakery on Fridays", "pattern", "2026-08-01"),
            (2, "Stops at the corner bakery on Fridays", "pattern", "2026-09-01"),
            (3, "Is allergic to peanuts", "fact", "2026-08-01"),
            (4, "Is not allergic to peanuts", "fact", "2026-09-01"),
            (5, "Ever drinks coffee after lunch", "pattern", "2026-08-01"),  # a letter added: still a negation
            (6, "Never drinks coffee after lunch", "pattern", "2026-09-01")]
    queue = dedup.review_queue(dated(rows))
    assert dict(zip(queue["ids"].map(tuple), queue["change"])) == {(4, 3): "negation", (2, 1): "word",
                                                                   (6, 5): "negation"}
    assert queue.loc[queue["ids"].map(tuple) == (2, 1), "values"].tolist() == [["Stops", "Shops"]]


def test_review_values_are_shown_as_written() -> None:
    """Accents, case and digits as the memory has them (the audit compares folded words, a reader reads these)."""
    queue = dedup.review_queue(dated([(1, "Her brother Tomás lives in Málaga", "fact", "2026-08-01"),
                                      (2, "Her brother Tomás lives in Göteborg", "fact", "2026-09-01")]))
    assert queue["values"].tolist() == [["Göteborg", "Málaga"]]


def test_variants_sharing_a_member_are_one_review_group() -> None:
    """1 and 2 differ in the food, 1 and 3 in the day: one statement to review, each member with its own words."""
    rows = [(1, "Orders curry for Dana every Monday", "preference", "2026-08-01"),
            (2, "Orders sushi for Dana every Monday", "preference", "2026-08-02"),
            (3, "Orders curry for Dana every Friday", "preference", "2026-08-03"),
            (4, "Orders ramen for Omar every Sunday", "preference", "2026-08-04")]  # three places differ: not a variant
    queue = dedup.review_queue(dated(rows))
    assert len(queue) == 1
    group = queue.iloc[0]
    assert group["ids"] == [3, 2, 1] and group["statement"] == "Orders curry for Dana every Friday"
    assert group["values"] == ["curry … Friday", "sushi … Monday", "curry … Monday"]  # as written
    # each member is paired with the newest of the statement it shares; 2 and 3 differ in two places: no pair
    found = dedup.candidates(dated(rows))
    assert pairs(found[found["kind"] == "variant"]) == {(1, 2), (1, 3)}


def test_a_typo_twin_in_a_joined_group_does_not_make_a_shared_word_a_difference() -> None:
    rows = [(1, "Orders curry for Dana every Monday", "preference", "2026-08-01"),
            (2, "Orders sushi for Dana every Monday", "preference", "2026-08-02"),
            (3, "Orders curry for Dana every Friday", "preference", "2026-08-03"),
            (4, "Ordres curry for Dana every Monday", "preference", "2026-08-04")]  # 1 with a typo, newer
    (group,) = dedup.review_queue(dated(rows)).itertuples(index=False)
    assert group.ids == [4, 3, 2]
    assert group.values == ["Ordres curry … Monday", "curry … Friday", "sushi … Monday"]


def test_a_web_of_variants_is_shown_as_memories_with_their_variants() -> None:
    """Every food with every day: 16 memories, all linked.  Each group is one memory and its variants (each one
    value from it), so no group joins two memories that differ in both places; every memory is in one group."""
    foods, days = ("curry", "sushi", "ramen", "tacos"), ("Monday", "Tuesday", "Friday", "Sunday")
    texts = [f"Orders {f} for Dana every {d}" for f in foods for d in days]
    queue = dedup.review_queue(frame([(i, t, "preference") for i, t in enumerate(texts, start=1)]))
    slots = {i: (f, d) for i, (f, d) in enumerate(((f, d) for f in foods for d in days), start=1)}
    assert set().union(*queue["ids"]) == set(slots)
    for ids in queue["ids"]:  # a centre one value from every other member
        assert any(all(sum(x != y for x, y in zip(slots[c], slots[i])) <= 1 for i in ids) for c in ids), ids
    assert len(queue) < len(foods) + len(days)  # fewer than one group a statement, each memory read once or twice


def test_a_chain_of_variants_is_not_one_group() -> None:
    """1 and 2 differ in the food, 2 and 3 in the day, 3 and 4 in the person: 1 and 4 share no statement and were
    joined through 2 and 3 (a chain of weak links); now each group holds memories one value from its centre."""
    rows = [(1, "Orders curry for Dana every Monday", "preference", "2026-08-01"),
            (2, "Orders sushi for Dana every Monday", "preference", "2026-08-02"),
            (3, "Orders sushi for Dana every Friday", "preference", "2026-08-03"),
            (4, "Orders sushi for Omar every Friday", "preference", "2026-08-04")]
    queue = dedup.review_queue(dated(rows))
    assert set().union(*queue["ids"]) == {1, 2, 3, 4}
    assert not any({1, 4} <= set(ids) for ids in queue["ids"]) and not any({1, 3} <= set(ids) for ids in queue["ids"])


def test_a_long_chain_of_variants_is_grouped_in_linear_time() -> None:
    """Each memory one value from the next, ids shuffled: label propagation needed a pass per link (41 s for
    100k links, measured); components are found by one traversal now.  A limit that only the old way fails."""
    n = 200_000
    ids = np.random.default_rng(1).permutation(n) + 1
    started = time.perf_counter()
    nodes, labels = _label_components(ids[:-1], ids[1:])
    assert time.perf_counter() - started < 10
    assert len(nodes) == n and set(labels.tolist()) == {1}


def test_ids_at_the_ends_of_int64_group_like_any_other() -> None:
    """Another client's ids at 2**63 - 1 and -2**63: no overflow, and no group mixed with another."""
    foods, days = ("curry", "sushi", "ramen", "tacos"), ("Monday", "Tuesday", "Friday", "Sunday")
    rows = [(2**63 - 16 + k, f"Orders {f} for Dana every {d}", "preference")
            for k, (f, d) in enumerate((f, d) for f in foods for d in days)]
    rows += [(-2**63, "Walks Max to the park on Sundays", "pattern"), (-2**63 + 1, "Walks Rex to the park on Sundays", "pattern")]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        queue = dedup.review_queue(frame(rows))
    walks = queue[queue["ids"].map(lambda ids: min(ids) < 0)]
    assert walks["ids"].map(sorted).tolist() == [[-2**63, -2**63 + 1]]
    assert set().union(*queue["ids"]) == {r[0] for r in rows}


def test_a_joined_groups_values_keep_a_numbers_unit_but_not_the_next_word() -> None:
    units = dedup.review_queue(frame([(1, "Dinner with Anna at 7 pm on Mondays, about 40 euros", "fact"),
                                      (2, "Dinner with Anna at 8 pm on Mondays, about 40 euros", "fact"),
                                      (3, "Dinner with Anna at 7 pm on Mondays, about 90 euros", "fact")]))
    assert units["values"].tolist() == [["7 pm … 90 euros", "8 pm … 40 euros", "7 pm … 40 euros"]]
    words = dedup.review_queue(frame([(1, "Calls Anna at 7 and Omar on Mondays", "fact"),
                                      (2, "Calls Anna at 8 and Omar on Mondays", "fact"),
                                      (3, "Calls Anna at 7 and Omar on Fridays", "fact")]))
    assert words["values"].tolist() == [["7 … Fridays", "8 … Mondays", "7 … Mondays"]]


def test_a_variant_is_never_also_a_duplicate() -> None:
    candidates = dedup.candidates(dated(SAMPLES))
    assert not candidates.duplicated(["id_a", "id_b"]).any()
    kinds = dict(zip(zip(candidates["id_a"], candidates["id_b"]), candidates["kind"]))
    assert kinds[(1, 4)] == "near" and kinds[(12, 13)] == "variant" and kinds[(20, 21)] == "variant"
    assert kinds[(1, 30)] == "exact"  # the same text filed under another category is still a duplicate
    variants = candidates[candidates["kind"] == "variant"]
    assert variants["group"].notna().all() and candidates.loc[candidates["kind"] != "variant", "group"].isna().all()


def test_memories_filed_under_other_categories_are_compared() -> None:
    """The category is the writer's label, not part of the statement: a memory and a longer one saying it and more,
    or the same in other function words, are duplicates whatever each was filed under (found by a labelled set whose
    writer chose categories by keywords: "every Tuesday" made a pattern of the longer one)."""
    found = dedup.candidates(frame([(1, "Swims lengths at the lido", "fact"),
                                    (2, "Swims lengths at the lido every Tuesday before work", "pattern"),
                                    (3, "Loves oat flat whites", "preference"), (4, "Is a lover of oat flat whites", "fact"),
                                    (5, "Keeps a spare key under the mat", "fact")]))
    assert sorted(found[["id_a", "id_b", "kind"]].values.tolist()) == [[1, 2, "subsumed"], [3, 4, "paraphrase"]]


def test_a_number_with_its_point_or_colon_is_one_value() -> None:
    """"7pm" / "7:30pm" was called subsumed (':30' read as an added phrase); "0.05 mg" / "0.5 mg", "16:9" /
    "9:16" near (leading zeros dropped, parts reordered); "2.5 mg" / "25 mg" normalized (the point stripped).
    Each is another number: a variant, never a duplicate (found on a 10k demo and by a reviewer)."""
    different = [("Dinner at 7pm with Anna", "Dinner at 7:30pm with Anna"), ("Runs 5 km on Sundays", "Runs 5.5 km on Sundays"),
                 ("Takes 0.05 mg of melatonin at night", "Takes 0.5 mg of melatonin at night"),
                 ("Prefers a 16:9 screen for movies", "Prefers a 9:16 screen for movies"),
                 ("Takes 2.5 mg of melatonin", "Takes 25 mg of melatonin"),
                 ("The NAS is at 192.168.1.10", "The NAS is at 192.168.10.1"), ("Uses Python 3.11 at work", "Uses Python 3.12 at work")]
    same = [("Lost her job at the bakery", "Lost her job at the bakery in 2024"), ("Wakes at 07:30 on weekdays", "Wakes at 7:30 on weekdays")]
    rows = [(k * 2 + i + 1, text, "fact") for k, pair in enumerate(different + same) for i, text in enumerate(pair)]
    found = dedup.candidates(frame(rows))
    duplicates = pairs(found[found["kind"].isin(dedup.DUPLICATE_KINDS)])
    assert duplicates == {(k * 2 + 1, k * 2 + 2) for k in range(len(different), len(different) + len(same))}
    assert pairs(found[found["kind"] == "variant"]) >= {(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)}


def test_one_sentence_with_thousands_of_values_is_one_review_group() -> None:
    """The pathological case in small: one sentence, one number changed, classified by its values, not pair by pair."""
    n = 3 * dedup.MAX_PAIRWISE
    rows = [(i, f"The locker code at the gym is {1000 + i}", "fact") for i in range(1, n + 1)]
    rows.append((n + 1, "The lockre code at the gym is 1001", "fact"))  # a typo of memory 1
    queue = dedup.review_queue(frame(rows))
    assert len(queue) == 1 and queue.loc[0, "size"] == n and queue.loc[0, "change"] == "value"
    assert set(map(tuple, dedup.near_duplicates(frame(rows))[["id_a", "id_b"]].values.tolist())) == {(1, n + 1)}


# -- blocking -------------------------------------------------------------------
def synthetic(n: int, seed: int = 3) -> tuple[pd.DataFrame, set[tuple[int, int]]]:
    """``n`` distinct memories of varied words, and a typo variant of every 50th one."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = ["".join(rng.choices(letters, k=rng.randint(4, 9))) for _ in range(3_000)]
    rows, planted = [], set()
    for i in range(1, n + 1):
        rows.append((i, " ".join(rng.choices(vocabulary, k=rng.randint(6, 12))), rng.choice(("fact", "preference"))))
    for i in range(1, n + 1, 50):
        _, text, category = rows[i - 1]
        j = rng.randrange(1, len(text) - 1)
        rows.append((n + i, text[:j] + text[j + 1:], category))  # one letter dropped
        planted.add((i, n + i))
    return frame(rows), planted


def test_blocking_compares_far_fewer_than_all_pairs_and_still_finds_the_typos() -> None:
    df, planted = synthetic(5_000)
    near = dedup.near_duplicates(df)  # a dropped space scores 84: two words read as one
    n = len(df)
    # every word of this vocabulary is in about 15 of its memories, so each memory probes a few dozen others (across
    # categories: a duplicate filed under another one is still one); the 100k benchmark compares 0.004% of all pairs
    assert near.attrs["compared_pairs"] < n * (n - 1) / 2 / 50
    assert planted <= pairs(near)


def test_oversized_blocks_become_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dedup_blocks, "MAX_BLOCK", 4)
    texts = pd.Series(["k"] * 10, index=range(10))
    blocks = _windows(texts, pd.Series([f"t{i}" for i in range(10)]).to_numpy(dtype=object))
    assert all(len(b) <= 4 for b in blocks)
    covered = {(a, b) for block in blocks for a in block for b in block if a + 1 == b}
    assert covered == {(i, i + 1) for i in range(9)}  # every neighbour in text order shares a window


def test_threshold_sweep_counts_fall_as_the_threshold_rises() -> None:
    df, _ = synthetic(1_000)
    sweep = dedup.threshold_sweep(df, thresholds=(80, 90, 100))
    assert sweep.columns.tolist()[:2] == ["threshold", "pairs"]
    assert sweep["threshold"].tolist() == [80, 90, 100]
    counts = sweep["pairs"].tolist()
    assert counts == sorted(counts, reverse=True) and counts[1] == len(dedup.near_duplicates(df, 90))


def test_clusters_are_connected_components() -> None:
    clusters = dedup.clusters(frame(SAMPLES + [(14, "Is allergic to peanuts.", "fact")]), threshold=90)
    assert clusters["ids"].tolist() == [[1, 4, 5]]  # 12/14 are a normalized group, not a fuzzy pair
    assert clusters["size"].tolist() == [3] and clusters["cluster"].tolist() == [1]
    nodes, labels = _label_components(pd.Series([5, 1, 7, 9]).to_numpy(), pd.Series([6, 5, 8, 8]).to_numpy())
    assert dict(zip(nodes.tolist(), labels.tolist())) == {1: 1, 5: 1, 6: 1, 7: 7, 8: 7, 9: 7}


# -- candidates and evaluate --------------------------------------------------------
def test_candidates_csv_columns_and_order(tmp_path: Path) -> None:
    df = pd.concat([dated(SAMPLES), frame([(40, "Prefers tea.", "preference"), (41, "prefers tea", "preference"),
                                           (42, "PREFERS TEA", "preference")], hashes={42: None})])
    candidates = dedup.candidates(df)
    path = tmp_path / "dedup_candidates.csv"
    candidates.to_csv(path, index=False)
    back = pd.read_csv(path)
    assert back.columns.tolist() == ["id_a", "id_b", "kind", "score", "group"]
    assert (back["id_a"] < back["id_b"]).all()
    assert set(back["kind"]) == {"exact", "normalized", "near", "variant"}
    assert {(a, b, k) for a, b, k in back[["id_a", "id_b", "kind"]].itertuples(index=False)} >= {
        (41, 42, "exact"), (40, 41, "normalized"), (1, 4, "near"), (2, 3, "variant"), (12, 13, "variant")}
    assert back["group"].max() == len(dedup.review_queue(df))


def truth_file(tmp_path: Path, planted: list[tuple[int, int, str]]) -> Path:
    path = tmp_path / "demo.truth.json"
    path.write_text(json.dumps({"planted": [{"id_a": a, "id_b": b, "kind": k} for a, b, k in planted]}))
    return path


def test_evaluate_counts_duplicates_by_cluster_and_negatives_by_join(tmp_path: Path) -> None:
    truth = truth_file(tmp_path, [(1, 2, "typo"), (1, 3, "punctuation"), (4, 5, "reordered"),
                                  (6, 7, "contradiction"), (8, 9, "negation"), (3, 12, "word_swap")])
    found = pd.DataFrame({"id_a": [2, 4, 10, 6, 3, 11], "id_b": [3, 5, 11, 7, 11, 12],
                          "kind": ["near", "normalized", "near", "variant", "subsumed", "paraphrase"], "score": 100})
    scores = dedup.evaluate(found, truth)
    # (2,3) joined through 1, (4,5) right, (10,11) (3,11) (11,12) wrong -> P 2/5; truth pairs found: (4,5) only -> R 1/3
    assert scores["duplicate_precision"] == 0.4 and scores["duplicate_recall"] == round(1 / 3, 4)
    # 3 and 12 are joined through 11: a word swap called a duplicate; 6/7 found as a variant, 8/9 not found
    assert scores["negatives_called_duplicates"] == 1 and scores["negatives_called_duplicates_by_kind"] == {"word_swap": 1}
    assert scores["variant_recall"] == round(1 / 3, 4)


def test_truth_path_beside_a_file_database(tmp_path: Path) -> None:
    (tmp_path / "demo.db").write_bytes(b"")
    assert dedup.truth_path((tmp_path / "demo.db").as_uri()) is None
    truth = truth_file(tmp_path, [])
    assert dedup.truth_path(f"file:{tmp_path}/demo.db") == truth
    assert dedup.truth_path("http://127.0.0.1:8080") is None


def test_evaluate_rejects_bad_input(tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        dedup.evaluate(pd.DataFrame({"id_a": [1], "id_b": [2], "kind": ["near"]}), tmp_path / "missing.json")
    truth = truth_file(tmp_path, [(1, 2, "lookalike")])
    with pytest.raises(ValidationError):
        dedup.evaluate(pd.DataFrame({"id_a": [1], "id_b": [2], "kind": ["near"]}), truth)
    with pytest.raises(ValidationError):
        dedup.evaluate(pd.DataFrame({"a": [1]}), truth)


@pytest.mark.parametrize("bad", [
    "not a frame",
    pd.DataFrame({"id": [1], "content": ["x"]}),
    pd.DataFrame({"id": [1, 1], "content": ["x", "y"], "content_hash": [None, None], "category": ["fact", "fact"]}),
    pd.DataFrame({"id": [1], "content": [None], "content_hash": [None], "category": ["fact"]}),
])
def test_bad_frames_are_validation_errors(bad: object) -> None:
    with pytest.raises(ValidationError):
        dedup.exact_groups(bad)  # type: ignore[arg-type]


def test_a_lone_surrogate_is_named_not_a_traceback() -> None:
    """A Python str may hold half of a UTF-16 pair (a JavaScript client's "\\ud83d"), which has no UTF-8 form: the row
    is named in a ValidationError, not a UnicodeEncodeError from hashing the frame."""
    bad = pd.DataFrame({"id": [1, 2], "content": pd.Series(["Likes tea", "Likes \ud83d tea"], dtype=object),
                        "content_hash": [None, None], "category": ["fact", "fact"]})
    with pytest.raises(ValidationError, match=r"lone surrogate .* id\(s\) \[2\]"):
        dedup.near_duplicates(bad)


@pytest.mark.parametrize("threshold", [dedup.NEAR_FLOOR - 1, 101, "90", True])
def test_bad_thresholds_are_validation_errors(threshold: object) -> None:
    with pytest.raises(ValidationError):
        dedup.near_duplicates(frame(SAMPLES), threshold=threshold)  # type: ignore[arg-type]


def test_breakdown_by_category_and_source() -> None:
    df = frame([(1, "Prefers tea", "preference", "user_explicit"), (2, "prefers tea.", "preference", "jarvis_inferred"),
                (3, "Lives in Lisbon", "fact", "user_explicit")])
    table = dedup.breakdown(df, dedup.candidates(df), by="source")
    assert table["source"].tolist() == ["jarvis_inferred", "user_explicit"]
    assert table["memories"].tolist() == [1, 2] and table["normalized"].tolist() == [1, 1]
    with pytest.raises(ValidationError):
        dedup.breakdown(df, dedup.candidates(df), by="content")


# -- the demo's ground truth (tuned on) and the independent evaluation set (judged on) ---------------
BARS = {"duplicate_precision": 0.95, "duplicate_recall": 0.90}


def audit_demo(tmp_path: Path, size: Any, seed: int) -> tuple[pd.DataFrame, dict, dict]:
    from jarvis_memory.demo import build
    from jarvis_memory.analysis.load import load

    summary = build(tmp_path / "demo.db", size=size, seed=seed)
    with load(Path(summary["database"]).as_uri()) as ds:
        memories = ds.memories
    return memories, dedup.evaluate(dedup.candidates(memories), summary["truth"]), summary


def test_precision_and_recall_on_the_small_demo(tmp_path: Path) -> None:
    memories, scores, summary = audit_demo(tmp_path, "small", 7)
    assert scores["negatives_planted"] >= 80, scores  # the hard negatives are in the demo
    assert scores["duplicate_precision"] >= BARS["duplicate_precision"], scores
    assert scores["negatives_called_duplicates"] == 0, scores
    for kind, recall in scores["duplicate_recall_by_kind"].items():  # what the word rules can see
        assert kind == "reworded" or recall >= 0.9, (kind, scores)
    assert scores["variant_recall"] >= 0.8, scores  # paraphrased siblings (other words) are not grouped
    assert len(dedup.review_queue(memories)) <= len(memories) / 10
    sweep = dedup.threshold_sweep(memories)
    assert sweep["pairs"].iloc[0] > sweep["pairs"].iloc[-1]  # the sweep has a slope
    integrity = dedup.hash_integrity(memories)
    truth = json.loads(Path(summary["truth"]).read_text())
    assert set(integrity.loc[integrity["problem"] == "mismatch", "id"]) == set(truth["hash_mismatch_ids"])
    assert set(integrity.loc[integrity["problem"] == "missing", "id"]) == set(truth.get("hash_missing_ids", []))


def test_recall_on_the_small_demo(tmp_path: Path) -> None:
    """0.906 (round 7; 0.897 before): its planted 'reworded' pairs (demo/corpus.py REWORDED) are mostly other words."""
    _, scores, _ = audit_demo(tmp_path, "small", 7)
    assert scores["duplicate_recall"] >= BARS["duplicate_recall"], scores


@pytest.mark.slow
def test_on_a_10k_demo_the_bars_hold(tmp_path: Path) -> None:
    """At 10k memories the templates' value pools repeat: many unplanted siblings one value apart."""
    memories, scores, _ = audit_demo(tmp_path, {"memories": 10_000, "sessions": 500, "events": 12_000}, 3)
    assert scores["duplicate_pairs_planted"] > 300 and scores["negatives_planted"] >= 250
    assert scores["duplicate_precision"] >= BARS["duplicate_precision"], scores
    for kind, recall in scores["duplicate_recall_by_kind"].items():
        assert kind == "reworded" or recall >= 0.9, (kind, scores)
    assert scores["negatives_called_duplicates"] == 0, scores
    assert len(dedup.review_queue(memories)) <= len(memories) / 10


EVAL_SET = Path(__file__).parent / "dedup_eval"


@pytest.fixture(scope="module")
def judged_eval_set() -> tuple[dict, pd.DataFrame]:
    """tests/dedup_eval/ was written by someone who did not read this module, and never tuned on."""
    pairs, memories = dedup.read_eval_set(EVAL_SET)
    assert len(pairs) >= 400 and (pairs["label"] == "distinct").sum() >= len(pairs) / 2
    return dedup.evaluate_pairs(pairs, memories)


def _wrong(judged: pd.DataFrame) -> str:
    wrong = judged[judged["called"] != judged["label"]]
    return wrong[["kind", "text_a", "text_b", "called"]].head(20).to_string()


def test_evaluation_set_precision_and_no_hard_negative_called_a_duplicate(judged_eval_set) -> None:
    figures, judged = judged_eval_set
    assert figures["duplicate_precision"] >= BARS["duplicate_precision"], (figures, _wrong(judged))
    assert figures["negatives_called_duplicates"] == 0, (figures, _wrong(judged))
    kinds = dedup.per_kind(judged).set_index("kind")["called_right"]
    for kind in ("exact", "normalized", "near", "subsumed"):  # what the rules can see: recall per kind
        assert kinds[kind] >= 0.95, (kind, kinds.to_dict(), _wrong(judged))


@pytest.mark.xfail(strict=True, reason="measured duplicate recall 0.78 on the evaluation set: none of its 81 "
                   "paraphrases (other words, other sentence shapes) is found without a language model; "
                   "the other duplicate kinds reach 0.98")
def test_evaluation_set_recall(judged_eval_set) -> None:
    figures, judged = judged_eval_set
    assert figures["duplicate_recall"] >= BARS["duplicate_recall"], (figures, _wrong(judged))


def test_one_very_long_memory_does_not_stall_the_audit():
    """Another client's 2 MB row: cut and added-phrase keys grow with the square of a text's words (a 160k-character
    row took 63 s, a 5 MB one hours); a text over MAX_CUT_WORDS content words gets none, and is still compared."""
    texts = ["Notes " + "lorem ipsum dolor " * 120_000, "Prefers green tea", "Prefers green tea.", "Prefers black coffee"]
    frame = pd.DataFrame({"id": [1, 2, 3, 4], "content": texts, "content_hash": [content_hash(t) for t in texts],
                          "category": ["fact"] * 4, "source": ["user_explicit"] * 4,
                          "created_at": pd.to_datetime(["2026-01-01"] * 4, utc=True)})
    started = time.perf_counter()
    found = dedup.candidates(frame)
    dedup.review_queue(frame)
    assert time.perf_counter() - started < 30
    assert {(2, 3)} <= set(zip(found["id_a"], found["id_b"]))
