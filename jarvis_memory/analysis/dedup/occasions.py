"""A noun that names the place or the time of an event, for the event's verb: "birthplace" is where one was born,
"birthday" the date one was born, "payday" the day one receives pay ("Her birthplace is Whitby" / "Was born in
Whitby").  Read from WordNet: the noun is a compound of the verb (or a noun WordNet derives from it: "bear" /
"birth") and a place or a time, and its gloss (of its two most frequent senses) is a place or a time ("the place
where someone was born", "the date on which a person was born") with the verb in it."""

from __future__ import annotations

import re
from functools import lru_cache

from lemminflect import getAllInflections

from . import lexicon

# The heads of a gloss that name where or when something happens ("the place where ...", "the day on which ...")
_OCCASIONS = frozenset("place time day date hour town city country".split())
_WORD = re.compile(r"[a-z]+")


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
    reader = lexicon.wordnet()
    if reader is None or not noun.isalpha() or not verb.isalpha() or noun == verb:
        return False
    if not stems(noun) & nouns_of(verb):
        return False  # a compound of the verb's noun and a place or time ("birth" + "place"), not "day", "Liverpool"
    forms = {verb, *(f for fs in getAllInflections(verb, upos="VERB").values() for f in fs)}
    for sense in reader.synsets(noun, "n")[:2]:
        words = _WORD.findall(sense.definition().lower())
        if len(words) > 2 and words[0] in ("the", "a", "an") and words[1] in _OCCASIONS and forms & set(words[2:]):
            return True
    return False
