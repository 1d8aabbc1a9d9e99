"""The dedup audit's memory (issue 23, item 8): long memories are held in a bounded multiple of their text."""

from __future__ import annotations

import json
import random
import tracemalloc
from pathlib import Path

import pandas as pd

from jarvis_memory import Database
from jarvis_memory.analysis import dedup
from jarvis_memory.analysis.load import load
from jarvis_memory.store.bulk import import_file


def database(tmp_path: Path, texts: list[str]) -> str:
    """A file: database holding ``texts`` as facts, imported as a client would; its URL."""
    rows = tmp_path / "memories.jsonl"
    rows.write_text("".join(json.dumps({"content": t, "category": "fact", "source": "user_explicit"}) + "\n"
                            for t in texts), encoding="utf-8")
    url = (tmp_path / "memories.db").as_uri()
    with Database(url) as db:
        assert not import_file(db, rows).rejected
    return url


def memories(url: str) -> pd.DataFrame:
    with load(url) as ds:
        return ds.memories


SENTENCES = [f"{who} {verb} {what} {when}." for who in ("She", "Her brother", "The neighbour") for verb, what in (
    ("prefers", "green tea"), ("cooks", "a curry"), ("walks", "the dog"), ("reads", "the paper")) for when in (
    "in the morning", "after lunch", "on weekdays", "before bed")]


def long_note(seed: int) -> str:
    """About 10,000 characters (the most the app stores) of one person's notes, in the words of all the others."""
    rng = random.Random(seed)
    return " ".join(rng.choice(SENTENCES) for _ in range(260))[:9_900]


def test_long_memories_are_audited_in_a_bounded_multiple_of_their_text(tmp_path):
    """Each word of a text held as a _Text costs seven tuple slots and its own string: 200 MB of 10,000-character
    memories took 12 GB.  A long text is now held as its bag and parsed again where a comparison needs it."""
    texts = [long_note(i) for i in range(100)]
    texts[7] += " Zorblat visits."  # a word only it and the next share: compared, past their bags
    texts.append(texts[7] + " Also plays chess on Sundays.")  # one says all the other does, and more
    frame = memories(database(tmp_path, texts))
    size = int(frame["content"].str.len().sum())
    assert size > 950_000
    dedup.candidates(frame.head(2))  # the dictionaries (WordNet, lemminflect): loaded once, whatever the frame
    tracemalloc.start()
    try:
        found = dedup.candidates(frame)
        dedup.review_queue(frame)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 10 * size, f"the audit held {peak / size:.1f}x its text"
    assert list(zip(found["id_a"], found["id_b"], found["kind"])) == [(8, 101, "subsumed")]
