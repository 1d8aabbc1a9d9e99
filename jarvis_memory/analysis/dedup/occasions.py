"""A noun that names the place or the time of an event, for the event's verb: "birthplace" is where one was born,
"birthday" the date one was born, "payday" the day one receives pay ("Her birthplace is Whitby" / "Was born in
Whitby").  Read from WordNet: the noun is a compound of the verb (or a noun WordNet derives from it: "bear" /
"birth") and a place or a time, and its gloss (of its two most frequent senses) is a place or a time ("the place
where someone was born", "the date on which a person was born") with the verb in it."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from lemminflect import getAllInflections

from . import lexicon
from .restated import past_tense

if TYPE_CHECKING:
    from .text import _Text

# The heads of a gloss that name where or when something happens ("the place where ...", "the day on which ...")
_OCCASIONS = frozenset("place time day date hour town city country".split())
_WORD = re.compile(r"[a-z]+")
_EVENT_RELATIONS = ("in", "on", "at")  # where and when an event is, which its noun of place or time holds


@lru_cache(maxsize=200_000)
def stems(noun: str) -> frozenset[str]:
    """What a noun of an event's place or time is formed on: "birth" of "birthplace", "pay" of "payday"; else none."""
    return frozenset(noun[:-len(head)] for head in _OCCASIONS if noun.endswith(head) and len(noun) > len(head) + 2)


@lru_cache(maxsize=200_000)
def nouns_of(verb: str) -> frozenset[str]:
    """The verb and the nouns WordNet derives from a verb lemma ("bear": "birth", "bearer", ...); none without
    WordNet."""
    reader = lexicon.wordnet()
    if reader is None or not verb.isalpha():
        return frozenset()
    return frozenset({verb} | {d.name() for s in reader.synsets(verb, "v") for n in s.lemmas()
                               for d in n.derivationally_related_forms() if d.synset().pos() == "n"})


def names_event(noun: str, verb: str) -> bool:
    """Whether key ``noun`` names the place or time of the event of key ``verb`` (a lemma, a past form marked or
    not): "birthplace" / "bear" (WordNet: "the place where someone was born"); ``False`` without WordNet."""
    return bool(stems(noun)) and _names_event(noun, lexicon.bare(verb))  # most nouns are of no occasion: no lookup


@lru_cache(maxsize=20_000)
def _names_event(noun: str, verb: str) -> bool:
    formed = bool(stems(noun) & nouns_of(verb))  # a compound of the verb's noun and a place or time ("birth" +
    # "place"), not "day", "Liverpool"; or of what the verb's gloss acts on ("bed" of "bedtime": "go to bed")
    if not formed and not any(complement(noun, verb) == stem for stem in stems(noun)):
        return False
    return bool(_occasion_glosses(noun, verb))


@lru_cache(maxsize=20_000)
def complement(noun: str, verb: str) -> str | None:
    """The word a noun of an event's time is formed on where its gloss has it after the event's verb, as what the
    verb goes with: "bed" of "bedtime" ("the time you go to bed"), for "go"; else ``None``."""
    for words, forms in _occasion_glosses(noun, verb):
        at = next((k for k, w in enumerate(words) if w in forms), None)
        stem = next((x for x in stems(noun) if x in words[at + 1:at + 4]), None) if at is not None else None
        if stem is not None:
            return stem
    return None


def _occasion_glosses(noun: str, verb: str) -> list[tuple[list[str], set[str]]]:
    """The glosses of ``noun``'s two most frequent senses that name a place or a time with ``verb`` in them (its
    words, and the verb's forms)."""
    reader = lexicon.wordnet()
    if reader is None or not noun.isalpha() or not verb.isalpha() or noun == verb:
        return []
    forms = {verb, *(f for fs in getAllInflections(verb, upos="VERB").values() for f in fs)}
    found = []
    for sense in reader.synsets(noun, "n")[:2]:
        words = _WORD.findall(sense.definition().lower())
        if len(words) > 2 and words[0] in ("the", "a", "an") and words[1] in _OCCASIONS and forms & set(words[2:]):
            found.append((words, forms))
    return found


def held_by_noun(a: _Text, only_a: list[str], w: str, b: _Text, only_b: list[str], v: str) -> bool:
    """For keys ``w`` of ``a`` and ``v`` of ``b``, a noun of an event's place or time and the event's verb (either
    way round): takes out of ``only_a`` / ``only_b`` (the words one text has and the other not) what the noun holds,
    the verb's relation word, its possessive the owner (who the verb is of) and what the verb's gloss goes with ("Her
    birthplace is" / "Was born in", "Her bedtime is" / "Goes to bed at"); ``False`` where the verb has another
    relation word after it ("Was born near Whitby": not where she was born) or lacks that word ("Goes at 10")."""
    for t, only, k, other in ((a, only_a, w, v), (b, only_b, v, w)):
        i = after = t.first[k]
        if t.roles[i].startswith("verb"):
            word = complement(other, lexicon.bare(k))
            at = next((m for m in range(i + 1, min(i + 4, len(t.keys))) if t.keys[m] == word), None)
            if word is not None and (at is None or past_tense(a) != past_tense(b)):
                return False  # the noun of a habit's time in another tense: "Her bedtime was 10 pm when she was little"
            if word is not None and word in only:
                only.remove(word)
            after = at if at is not None else i
        near = [t.keys[m] for m in (i - 1, after + 1) if 0 <= m < len(t.words)]
        if t.roles[i].startswith("verb") and near[-1:] and near[-1] in only and near[-1] not in _EVENT_RELATIONS:
            return False
        for x in [x for x in only if x in near and x in (*_EVENT_RELATIONS, "her", "his")]:
            only.remove(x)
    return True
