"""A note's label: a few words before a colon that opens a memory, read as its subject, the colon as "is"
("Accountant: Martin Hale" says "Accountant is Martin Hale", "Residence permit expiry: October 2027" "... expiry is
October 2027"), so that the sentence a store's other writer made of it compares as one."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from lemminflect import getAllLemmas, getInflection

from . import lexicon
from .roles import POSSESSIVES, SUBJECT_PRONOUNS

if TYPE_CHECKING:
    from .text import _Text

MAX_LABEL = 4  # words before the colon at most: longer, the colon ends a clause
# Finite verbs after the colon: a clause of its own ("Update: she is moving"), no value of the label
_FINITE = frozenset("is are was were am has have had will would can could does did do".split())


# Headings a note opens with that name the note itself, not what it is about ("Update: moved to Leeds", "Note:
# allergic to penicillin"): the words of a note-taking register for a kind of note, a closed class written by hand
# (WordNet files "note" and "email" alike under noun.communication, and "Email: ..." opens a value)
HEADINGS = frozenset("note notes nb update updated reminder remember important fyi ps todo".split())


def as_subject(tokens: list[tuple], label: int, hedges: frozenset[str]) -> list[tuple]:
    """``tokens`` (:func:`.text._tokens`' tuples) with "is" where the label of its first ``label`` tokens ends,
    unless a verb or a subject pronoun opens what follows ("B1 exam: passed in June": no "is passed"; "Mum: visiting
    on Sunday"; "Mum's birthday - she likes lilies"), the label is a hedge or a heading ("FYI: ...") or a finite
    verb follows ("Note: she is ...").  A label naming a person is the owner's: "Accountant: Martin Hale" is "My accountant is Martin Hale", not "... is an accountant".
    A heading (:data:`HEADINGS`) is left out with its colon: "Update: moved to Leeds" is "moved to Leeds"; a label
    of one word that names a state is said of what follows: "Cancelled: dentist on Monday" is "dentist on Monday is
    cancelled"."""
    if label >= len(tokens):
        return tokens
    if all(t[0] in HEADINGS for t in tokens[:label]):  # what follows opens the memory: "She" is no name
        first = tokens[label]
        return [(*first[:2], True, first[3] and first[0] not in SUBJECT_PRONOUNS, *first[4:]), *tokens[label + 1:]]
    if label == 1 and _state(tokens[0][0]):  # "Cancelled: dentist on Monday": what follows is cancelled
        return [(*tokens[1][:2], True, *tokens[1][3:]), *tokens[2:], ("is", "is", False, False, ":", False),
                (*tokens[0][:2], False, *tokens[0][3:])]
    if _verb_only(tokens[label][0]) or _gerund(tokens[label][0]) or tokens[label][0] in SUBJECT_PRONOUNS \
            or any(t[1] in hedges for t in tokens[:label]) or any(t[1] in _FINITE for t in tokens[label:]):
        return tokens
    owner = [("my", "my", False, False, "", False)] if tokens[0][0] not in POSSESSIVES and lexicon.names_a_person(
        lexicon.key(tokens[label - 1][0])) else []  # "Accountant: Martin Hale": the owner's accountant
    value = tokens[label]  # no longer after a break: "Birthday: 14 March" reads as "birthday is (in) 14 March"
    return [*owner, *tokens[:label], ("is", "is", False, False, ":", False), (*value[:2], False, *value[3:]),
            *tokens[label + 1:]]


@lru_cache(maxsize=20_000)
def _gerund(word: str) -> bool:
    """Whether a folded word is a verb's -ing form ("visiting"; not "king", "spring": their lemma is themselves)."""
    return word.endswith("ing") and any(lemma != word for lemma in getAllLemmas(word).get("VERB", ()))


@lru_cache(maxsize=20_000)
def _state(word: str) -> bool:
    """Whether a folded word names a state and no thing: a past participle ("cancelled", "done", "postponed") or an
    adjective ("unconfirmed", "pending") that lemminflect has as no noun."""
    readings = getAllLemmas(word)
    if not readings or "NOUN" in readings:
        return False
    return "ADJ" in readings or "VERB" in readings and word in (getInflection(readings["VERB"][0], "VBN") or ())


@lru_cache(maxsize=20_000)
def _verb_only(word: str) -> bool:
    """Whether lemminflect reads a folded word as a verb and as no noun or adjective ("passed"; not "check")."""
    readings = getAllLemmas(word)
    return "VERB" in readings and "NOUN" not in readings and "ADJ" not in readings


# Verbs of having or using a thing: a note's label of a thing ("Phone: ...") says the owner has or uses what follows
# (Quirk et al. 1985, 10.29: "have" of possession); hand-written, a closed set of the verbs notes turn into labels
_HOLDING = frozenset(("have", "own", "use", "drive", "ride"))


def held(note: _Text, other: _Text, only_note: list[str], only_other: list[str]) -> bool:
    """Whether ``note`` is a label of a thing and its value ("Phone: iPhone 15", "Bread flour: King Arthur") where
    ``other`` says the owner has or uses that value (:data:`_HOLDING`: "Uses an iPhone 15", "Uses King Arthur bread
    flour"): ``other``'s only other word is that verb, every word the note has alone is its label's, and the other
    has every word of the value.  ``only_note``/``only_other``: the keys each has that the other lacks."""
    if len(only_other) != 1 or lexicon.bare(only_other[0]) not in _HOLDING or ":" not in note.written \
            or not other.roles[other.first[only_other[0]]].startswith("verb"):
        return False  # most pairs: no verb of holding, or no label
    colon = note.written.index(":")  # the "is" a label's colon reads as (:func:`as_subject`)
    label = {note.keys[i] for i in note.content if i < colon}
    return set(only_note) <= label and all(note.keys[i] in other.bag for i in note.content if i > colon)
