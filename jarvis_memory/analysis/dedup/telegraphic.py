"""A note's reduced passive read as the passive it shortens: "Car serviced on 3 May" says "The car was serviced on
3 May", "Resolution accreditation obtained in 2021" "... was obtained in 2021".

Notes leave out the auxiliary of a passive (the "block language" of headlines and notices, Quirk et al. 1985, A
Comprehensive Grammar of the English Language, 11.45); read as written, the noun phrase before the participle is
taken for its subject.  Read as a passive only where nothing else can be meant: the text has no other verb form
of "be", "have" or a modal, the noun phrase opens the text and names no person, the participle has no object after
it, and WordNet's most frequent sense of its verb takes an object and has no frame "Something ----s" ("Rent
increased in May" is said of the rent itself; "Mum visited on Sunday": Mum came); a word hyphened to the next is
no noun phrase ("Left-handed")."""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllLemmas, getInflection

from . import lexicon
from .roles import OWNER, PRONOUNS

_AUXILIARIES = frozenset("is are am was were be been being has have had will would can could should may might must"
                         " do does did".split())
_OPENERS = frozenset("a an the my his her their our your this that".split())
_FOLLOWERS = frozenset("on in at for by until till to from with after before during since yesterday today last this"
                       " next".split())
_OBJECT_FRAMES = frozenset((8, 9, 10, 11))  # "Somebody ----s something", "... somebody", "Something ----s ..."
_ITSELF = 1  # "Something ----s": the thing does it itself
MAX_SUBJECT = 5  # words of the noun phrase before the participle at most


@lru_cache(maxsize=20_000)
def _participle(word: str) -> bool:
    """Whether a folded word is a past participle of a verb whose most frequent WordNet sense takes an object and is
    not said of a thing by itself (see the module's docstring)."""
    reader = lexicon.wordnet()
    for lemma in getAllLemmas(word).get("VERB", ()):
        if lemma != word and word in (getInflection(lemma, "VBN") or ()) and reader is not None:
            senses = reader.synsets(lemma, "v")[:1]
            frames = {f for s in senses for n in s.lemmas() if n.name() == lemma for f in n.frame_ids()}
            return bool(frames & _OBJECT_FRAMES) and _ITSELF not in frames
    return False


@lru_cache(maxsize=20_000)
def _nominal(word: str) -> bool:
    """Whether a folded word can be part of a noun phrase: a noun, an adjective or a number."""
    readings = getAllLemmas(word)
    return word.isdigit() or "NOUN" in readings or "ADJ" in readings or "PROPN" in readings


def read(tokens: list[tuple]) -> list[tuple]:
    """Tokens (:func:`.text._tokens`: ``(word, spelled, break before, name, as written, hyphen)``) with "was" put
    before a reduced passive's participle (see the module's docstring); other tokens as given."""
    words = [t[0] for t in tokens]
    if len(words) < 2 or any(w in _AUXILIARIES and t[4] != "May" for w, t in zip(words, tokens)):  # not the month
        return tokens
    for p in range(1, min(MAX_SUBJECT, len(words) - 1) + 1):
        if tokens[p][2] or tokens[p - 1][5] or not (words[p - 1] in _OPENERS or tokens[p - 1][3] or _nominal(words[p - 1])):
            return tokens
        if _participle(words[p]):
            head = words[p - 1]
            if tokens[p - 1][3] or head in _OPENERS or head in OWNER or head in PRONOUNS or lexicon.names_a_person(lexicon.key(head)) \
                    or not (p + 1 == len(words) or tokens[p + 1][2] or words[p + 1] in _FOLLOWERS):
                return tokens
            return [*tokens[:p], ("was", "was", False, False, "", False), *tokens[p:]]
    return tokens
