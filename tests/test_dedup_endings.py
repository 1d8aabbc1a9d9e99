"""Verbs of ending read as negations (dedup/endings.py): "gave up", "got rid of", "cancelled" say that what follows
is no longer so; "finishes" says when.  Invented examples."""

from __future__ import annotations

import pytest

from jarvis_memory.analysis.dedup import lexicon
from jarvis_memory.analysis.dedup.compare import _compare
from jarvis_memory.analysis.dedup.text import _text, _Vocabulary
from jarvis_memory.analysis.dedup.tuning import DUPLICATE_KINDS

pytestmark = pytest.mark.skipif(lexicon.wordnet() is None, reason="Debian's wordnet-base is not installed")


def verdict(a: str, b: str) -> tuple[str | None, str]:
    texts = [_text(a), _text(b)]
    v = _compare(texts[0], texts[1], _Vocabulary(texts))
    return v.kind, v.change


@pytest.mark.parametrize(("a", "b"), [
    ("Mira plays the oboe", "Mira gave up playing the oboe"),  # a phrasal verb of ending, read whole
    ("Has a fax machine", "Got rid of the fax machine"),
    ("Has a magazine subscription", "Cancelled the magazine subscription"),
])
def test_a_verb_of_ending_negates_what_follows(a: str, b: str) -> None:
    assert verdict(a, b)[0] not in DUPLICATE_KINDS and verdict(b, a)[0] not in DUPLICATE_KINDS


def test_two_verbs_of_ending_are_one_negation() -> None:
    assert verdict("Gave up caffeine in 2023", "Quit caffeine in 2023") == ("near", "")


def test_finishing_at_a_time_is_no_ending() -> None:
    t = _text("Finishes work at 5 on Fridays")
    assert t.negations == 0 and t.written[0] == "Finishes"


def test_the_words_as_written_are_kept() -> None:
    t = _text("Gave up caffeine")
    assert t.words[0] == "stopped" and t.written[0] == "Gave up" and t.negations == 1
