"""The dedup audit's memory (issue 23, item 8): long memories are held in a bounded multiple of their text, and an audit
that would not fit is refused, with what it needs and how to proceed, before it starts."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pandas as pd
import pytest

from jarvis_memory import Database
from jarvis_memory.analysis import dedup
from jarvis_memory.analysis.dedup import budget
from jarvis_memory.analysis.load import load
from jarvis_memory.errors import ConfigError, MemoryLimitError
from jarvis_memory.store.bulk import import_file

CLI = [str(Path(sys.executable).with_name("jarvis-memory"))]


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


def test_an_audit_that_would_not_fit_is_refused_before_it_starts(tmp_path, monkeypatch):
    """A limit above what any audit takes: a shorter period is the way out, and it works under the same limit."""
    texts = [f"Prefers green tea with {i} sugars" for i in range(300)]
    frame = memories(database(tmp_path, texts))
    limit_mb = budget.FIXED_BYTES // 2**20 + 1
    fits = next(n for n in range(len(texts), 0, -1) if budget.needed(frame["content"].head(n).str.len()) <= limit_mb << 20)
    assert 1 < fits < len(texts)
    monkeypatch.setenv("JARVIS_MEMORY_DEDUP_MB", str(limit_mb))
    with pytest.raises(MemoryLimitError) as refused:
        dedup.candidates(frame)
    message = str(refused.value)
    assert message.startswith(f"the dedup audit of {len(texts)} memories (0.1 MB of text) would need about ")
    assert f"and $JARVIS_MEMORY_DEDUP_MB allows {limit_mb} MB: audit fewer at a time" in message
    assert "jarvis-memory report dedup_audit --since" in message and refused.value.exit_code == 3
    dedup.candidates(frame.head(fits))  # fewer at a time, under the same limit: audited


def test_a_limit_below_what_any_audit_takes_says_so_and_names_one_that_works(tmp_path, monkeypatch):
    """No period is short enough under a limit below the dictionaries' share: the message names a limit instead,
    and that limit audits the frame (nothing was left half-made)."""
    frame = memories(database(tmp_path, ["Prefers green tea", "Prefers green tea.", "Prefers black coffee"]))
    monkeypatch.setenv("JARVIS_MEMORY_DEDUP_MB", "100")
    with pytest.raises(MemoryLimitError) as refused:
        dedup.candidates(frame)
    message = str(refused.value)
    assert message.startswith("the dedup audit of 3 memories (0.1 MB of text) would need about ")
    assert "audit fewer" not in message and "--since" not in message and refused.value.exit_code == 3
    named = re.search(r"any audit takes however short its period .*: set \$JARVIS_MEMORY_DEDUP_MB to at least "
                      r"([0-9,]+) MB$", message)
    assert named, message
    monkeypatch.setenv("JARVIS_MEMORY_DEDUP_MB", named.group(1).replace(",", ""))
    found = dedup.candidates(frame)
    assert list(zip(found["id_a"], found["id_b"], found["kind"])) == [(1, 2, "normalized")]


@pytest.mark.parametrize("limit", ["1.5", "2GB", "0", "-1", "1e9"])
def test_a_limit_that_is_not_a_whole_number_of_mb_is_a_config_error(tmp_path, monkeypatch, limit):
    frame = memories(database(tmp_path, ["Prefers green tea"]))
    monkeypatch.setenv("JARVIS_MEMORY_DEDUP_MB", limit)
    with pytest.raises(ConfigError, match=r"^\$JARVIS_MEMORY_DEDUP_MB must be a whole number of MB"):
        dedup.candidates(frame)


def test_the_report_says_why_it_refused(tmp_path):
    """Through `jarvis-memory report`: the notebook stops at its first check, naming the need and the limit."""
    url = database(tmp_path, ["Prefers green tea", "Prefers green tea.", "Prefers black coffee"])
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_AUTH_TOKEN")}
    result = subprocess.run(CLI + ["--url", url, "report", "dedup_audit", "--out", str(tmp_path / "reports")],
                            env={**env, "JARVIS_MEMORY_DEDUP_MB": "1"}, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "dedup_audit failed in cell" in result.stderr
    assert "MemoryLimitError: the dedup audit of 3 memories (0.1 MB of text) would need about" in result.stderr


def test_long_texts_held_whole_count_at_their_whole_cost(tmp_path, monkeypatch):
    """A text of many characters but few content words (Chinese, written without spaces: a word runs to the next
    punctuation) is held whole, as a _Text, not as a long text's bag: the estimate from its length alone took it for
    a long one, at a sixth of what it takes, and let through audits that then outgrew the machine.  It is refused once
    the texts held whole show the audit would not fit, before the rest are parsed."""
    rng = random.Random(3)
    words = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    texts = ["。".join("".join(rng.choice(words) for _ in range(20)) for _ in range(150)) for _ in range(500)]
    frame = memories(database(tmp_path, texts))
    assert frame["content"].str.len().min() > 3_000  # each longer than a long text's 200 content words in English
    monkeypatch.setenv("JARVIS_MEMORY_DEDUP_MB", "340")  # above the 314 MB of the lengths alone, below the 374 MB
    with pytest.raises(MemoryLimitError) as refused:
        dedup.candidates(frame)
    assert str(refused.value).startswith("the dedup audit of 500 memories (1.5 MB of text) would need at least ")
    assert "and $JARVIS_MEMORY_DEDUP_MB allows 340 MB: audit fewer at a time" in str(refused.value)


def test_a_large_cut_block_reads_each_value_past_two_words_written_as_one(tmp_path):
    """A cut block of more than MAX_PAIRWISE rows is classified by its values, read from the content words the cut
    stands for.  Where another memory writes two of them as one ("oat milk" / "oatmilk") the blocks read them as one
    word, and the value was read one word early: "number" for every locker, so all were called near duplicates."""
    lockers = [f"She drinks oat milk and her locker number is {n}." for n in range(100, 111 + dedup.MAX_PAIRWISE)]
    frame = memories(database(tmp_path, [*lockers, "She likes oatmilk."]))
    found = dedup.candidates(frame)
    assert set(found["kind"]) == {"variant"}
    queue = dedup.review_queue(frame)
    assert len(queue) == 1 and sorted(queue["values"][0]) == [str(n) for n in range(100, 111 + dedup.MAX_PAIRWISE)]


def test_a_large_cut_block_finds_a_typo_in_a_value_of_two_words(tmp_path):
    """Two adjacent values ("in Leeds that Carla") make one two-word cut: a block of every city and name, classified
    by its values once it has more than MAX_PAIRWISE rows.  A typo in one word of such a value is a near duplicate
    (only one-word values were read for typos: "Carlla" was lost once the blocks were large)."""
    cities = ["Leeds", "Cardiff", "Split", "Porto", "Graz", "Lyon", "Bergen", "Turin"]
    names = ["Carla", "Gideon", "Mateo", "Renée", "Ingrid", "Tomasz"]
    texts = [f"Prefers tacos on Saturdays from the place in {c} that {n} recommended" for c in cities for n in names]
    assert len(texts) > dedup.MAX_PAIRWISE
    typo = "Prefers tacos on Saturdays from the place in Leeds that Carlla recommended"
    found = dedup.candidates(memories(database(tmp_path, [*texts, typo])))
    near = found[found["kind"].isin(dedup.DUPLICATE_KINDS)]
    assert near[["id_a", "id_b", "kind"]].values.tolist() == [[1, len(texts) + 1, "near"]]  # Carla's and the typo
