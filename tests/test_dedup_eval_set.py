"""Shape of the independent dedup evaluation set in tests/dedup_eval (see its README).

These checks only guard the files' form; the set itself is the judge of the dedup audit and is never tuned on.
"""

import csv
from collections import Counter
from pathlib import Path

import pytest

from jarvis_memory.store.hashing import content_hash
from jarvis_memory.timestamps import is_iso

HERE = Path(__file__).parent / "dedup_eval"
DUPLICATE_KINDS = {"exact", "normalized", "near", "subsumed", "paraphrase"}
DISTINCT_KINDS = {"variant", "other_subject", "negation", "word_swap", "unrelated_similar"}
HARD_NEGATIVE_KINDS = DISTINCT_KINDS - {"unrelated_similar"}


def read(name: str) -> tuple[list[str], list[dict]]:
    with (HERE / name).open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


@pytest.fixture(scope="module")
def pairs():
    columns, rows = read("pairs.csv")
    assert columns == ["id", "text_a", "text_b", "label", "kind", "note"]
    return rows


@pytest.fixture(scope="module")
def memories():
    columns, rows = read("memories.csv")
    assert columns == ["id", "content", "category", "created_at"]
    return rows


def test_labels_and_kinds(pairs):
    for p in pairs:
        assert p["label"] in {"duplicate", "distinct"}, p["id"]
        assert p["kind"] in (DUPLICATE_KINDS if p["label"] == "duplicate" else DISTINCT_KINDS), p["id"]


def test_size_and_balance(pairs):
    labels = Counter(p["label"] for p in pairs)
    kinds = Counter(p["kind"] for p in pairs)
    assert len(pairs) >= 400
    assert labels["distinct"] >= len(pairs) / 2
    assert sum(kinds[k] for k in HARD_NEGATIVE_KINDS) >= labels["distinct"] / 2
    assert all(kinds[k] > 0 for k in DUPLICATE_KINDS | DISTINCT_KINDS)


def test_ids_unique(pairs, memories):
    assert len({p["id"] for p in pairs}) == len(pairs)
    assert len({m["id"] for m in memories}) == len(memories)


def test_texts_differ_except_exact(pairs):
    for p in pairs:
        assert (p["text_a"] == p["text_b"]) == (p["kind"] == "exact"), p["id"]


def test_every_pair_text_is_a_memory(pairs, memories):
    contents = {m["content"] for m in memories}
    missing = {t for p in pairs for t in (p["text_a"], p["text_b"])} - contents
    assert not missing


def test_memories_fit_the_table(memories):
    """One row per content hash (the table's unique index), valid category and toISOString() timestamps."""
    assert len({content_hash(m["content"]) for m in memories}) == len(memories)
    for m in memories:
        assert m["content"].strip() and len(m["content"]) <= 10_000, m["id"]
        assert m["category"] in {"preference", "fact", "pattern"}, m["id"]
        assert is_iso(m["created_at"]) and m["created_at"][:4] in {"2025", "2026"}, m["id"]
