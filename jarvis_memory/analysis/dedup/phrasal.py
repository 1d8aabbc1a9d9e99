"""Multi-word verbs: a verb and the particle or preposition after it read as one verb where WordNet lists them as
one ("go to" with "attend", "put off" with "postpone", "pass away" with "die"; "pass out" is another verb)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from . import lexicon
from .text import is_number

if TYPE_CHECKING:
    from .text import _Text


@lru_cache(maxsize=20_000)
def synonym(verb: str, particle: str, other: str) -> bool:
    """Whether a verb with the particle or preposition after it is, as one multi-word verb, a synonym of the verb
    ``other`` (all lemmas): WordNet lists multi-word verbs as lemmas of their synsets ("go to" with "attend", "put
    off" with "postpone", "give up" with "quit"): any sense of the multi-word verb, which has few, among the
    :data:`.lexicon.SENSES` most frequent of ``other``."""
    reader = lexicon.wordnet()
    if reader is None or not (verb.isalpha() and particle.isalpha() and other.replace("_", "").isalpha()):
        return False
    return bool(set(reader.synsets(f"{verb}_{particle}", "v")) & set(reader.synsets(other, "v")[:lexicon.SENSES]))


def is_multiword(verb: str, particle: str) -> bool:
    """Whether WordNet lists the verb with the particle as a multi-word verb ("pass out", "pass away")."""
    reader = lexicon.wordnet()
    return reader is not None and verb.isalpha() and particle.isalpha() \
        and bool(reader.synsets(f"{verb}_{particle}", "v"))


def same(t: _Text, k: str, other: _Text, v: str) -> bool:
    """Whether key ``k``, a verb of ``t``, and the particle or preposition after it are one multi-word verb that
    means what ``other``'s verb ``v`` does, in the same tense: "Goes to church" / "Attends church", "Gave up sugar"
    / "Quit sugar" (:func:`synonym`)."""
    i, j = t.first[k], other.first[v]
    return i + 1 < len(t.words) and not t.breaks[i + 1] and t.roles[i].startswith("verb") \
        and other.roles[j].startswith("verb") and lexicon.past(k) == lexicon.past(v) \
        and synonym(lexicon.bare(k), t.words[i + 1], lexicon.bare(v))


def differs(a: _Text, w: str, b: _Text, v: str) -> bool:
    """Whether ``w`` and ``v`` are particles after one verb that make two multi-word verbs of no shared sense:
    "passed out" / "passed away" (:func:`synonym`); either may be the one WordNet lists (the same verdict both ways
    round), and neither is a particle before a number ("runs around 20 miles": an approximation, as "about 20")."""
    i, j = a.first[w], b.first[v]
    if not (i and j and a.keys[i - 1] == b.keys[j - 1] and a.roles[i - 1].startswith("verb")) \
            or any(k + 1 < len(t.keys) and is_number(t.keys[k + 1]) for t, k in ((a, i), (b, j))):
        return False
    verb, x, y = lexicon.bare(a.keys[i - 1]), a.words[i], b.words[j]
    return (is_multiword(verb, x) or is_multiword(verb, y)) \
        and not synonym(verb, x, f"{verb}_{y}") and not synonym(verb, y, f"{verb}_{x}")
