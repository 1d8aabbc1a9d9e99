"""One exchange said from either side (dedup.exchanges): a verb of giving and its converse, the two people
exchanged; another thing, tense, direction or a negation stays apart."""

from __future__ import annotations

import pandas as pd
import pytest

from jarvis_memory.analysis import dedup
from jarvis_memory.analysis.dedup.compare import _compare
from jarvis_memory.analysis.dedup.text import _text, _Vocabulary
from jarvis_memory.store.hashing import content_hash

DUPLICATE = set(dedup.DUPLICATE_KINDS)


def verdict(a: str, b: str) -> str | None:
    x, y = _text(a), _text(b)
    return _compare(x, y, _Vocabulary([x, y])).kind


@pytest.mark.parametrize(("a", "b"), [
    ("Bought a kettle from Ana", "Ana sold her a kettle"),
    ("Ines lent the user her camera", "The user borrowed Ines's camera"),
    ("Lent Ines £30", "Ines borrowed £30 from him"),
    ("Ana taught him Welsh", "Learned Welsh from Ana"),
    ("Gets her eggs from Hill Farm", "Hill Farm supplies the user's eggs"),
    ("Ana gave her a scarf", "She got a scarf from Ana"),
    ("Bought a canoe from Ruairi in May", "Ruairi sold her a canoe in May"),       # a time after the giver
])
def test_an_exchange_said_from_the_other_side_is_a_paraphrase(a: str, b: str) -> None:
    assert verdict(a, b) == "paraphrase"


@pytest.mark.parametrize(("a", "b"), [
    ("Sold Ana a kettle", "Bought a kettle from Ana"),          # the other direction
    ("Lent Ines £30", "Borrowed £30 from Ines"),
    ("Ana sold her a kettle", "Bought a toaster from Ana"),     # another thing
    ("Ana gives her a scarf", "She got a scarf from Ana"),      # another tense
    ("Ana didn't sell her a kettle", "Bought a kettle from Ana"),
    ("Ana sold her kettle", "Bought a kettle from Ana"),       # her own kettle: no receiver said
    ("Ana gave her his sister's number", "Got Ana's number"),   # another one's thing
    ("Bought a canoe from Ruairi in May", "Ruairi sold her a canoe in June"),
])
def test_an_exchange_turned_or_changed_stays_apart(a: str, b: str) -> None:
    assert verdict(a, b) not in DUPLICATE


def test_the_audit_compares_and_keeps_the_two_sides_of_one_exchange() -> None:
    texts = ["Bought a kettle from Ana", "Ana sold her a kettle", "Walks to work", "Keeps bees"]
    m = pd.DataFrame({"id": range(1, 5), "content": texts, "category": "fact",
                      "created_at": pd.Timestamp("2026-01-01", tz="UTC")})
    m["content_hash"] = m["content"].map(content_hash)
    found = dedup.candidates(m)
    assert set(map(frozenset, found[["id_a", "id_b"]].itertuples(index=False))) == {frozenset((1, 2))}
