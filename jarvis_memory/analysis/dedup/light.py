"""Verbs of no content of their own, read past: a delexical ("light") verb whose object noun carries the action
("made the decision" is "decided"), the copula of a text with no other verb before a noun of action ("Her graduation
was in May" is "Graduated in May"), and the current copula "feel" before an adjective ("Feels nervous" is "Is
nervous")."""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache

from lemminflect import getAllLemmas

from . import lexicon

# Delexical ("light") verbs whose object noun carries the action: "make a decision" is "decide", "pay a visit"
# "visit" (Quirk et al. 1985, A Comprehensive Grammar of the English Language, 10.48: make, take, give, do, and
# "pay" in "pay a visit").  "have" and "get" are left out: "has a visit", "got a call" are received, not done.
LIGHT_VERBS = frozenset("make take give do pay".split())
# Current copulas that say what "be" does before an adjective of the subject's own state (Quirk et al. 1985,
# 16.21): "feels nervous" is "is nervous"; "looks", "seems" say how it appears to others, and are left out.
_CURRENT = frozenset(("feel", "feels"))  # in the present only: "felt anxious" is no "is anxious"
_MODALS = frozenset("will would can could should may might must".split())  # "will feel better" is no "is better"
_DO = frozenset(("do", "does", "did"))
_COPULA_TENSE = {"is": "", "are": "", "was": lexicon.PAST, "were": lexicon.PAST}
# Verbs that say only that an event takes place, carried by their subject's noun of action ("The move happened in
# May" is "Moved in May"; Quirk et al. 1985, 10.48, the "eventive" subject), as "take place" does
_EVENTS = frozenset(("happen", "occur"))
_NEGATED = frozenset(("not", "never", "no"))  # a negation's scope would hold no word once the event verb is read past


def light_verbs(words: tuple[str, ...], keys: tuple[str, ...], word_roles: tuple[str, ...],
                function_words: Container[str]) -> tuple[tuple[str, ...], set[int]]:
    """The keys with a light verb's object noun read as the verb it is derived from (:func:`lexicon.verb_of`), in
    the light verb's tense ("made the decision" → decide, past; "does meditation": "do" is no auxiliary before a
    noun), and the light verbs so read (no content).  So is the subject of "is"/"was" in a text with no verb, in
    the tense of "is"/"was" ("Her graduation was in May" → graduate, past: "Graduated in May"), or of "happen"/"occur"/
    "take place" as its only verb ("The move to Munich happened in May": "Moved to Munich in May"), and "feel" in the
    present before an adjective that is no noun ("Feels anxious about flying"; not "felt anxious", "will feel
    better", "used to feel lonely", "feels like a failure")."""
    keys, light = list(keys), set()
    for i, k in enumerate(keys):
        if not (word_roles[i].startswith("verb") or words[i] in _DO):
            continue
        if words[i] in _CURRENT and i + 1 < len(words) and _adjective(words[i + 1]) \
                and not (i and (words[i - 1] == "to" or words[i - 1] in _MODALS)):
            light.add(i)
            continue
        if lexicon.bare(k) not in LIGHT_VERBS or words[i + 1:i + 2] == ("place",):  # "took place": an event
            continue
        j = next((j for j in range(i + 1, len(words)) if words[j] not in function_words), None)
        verb = lexicon.verb_of(keys[j]) if j is not None and not word_roles[j].startswith("verb") else None
        if verb:
            keys[j] = verb + (lexicon.PAST if lexicon.past(k) else "")
            light.add(i)
    verbs = [i for i, r in enumerate(word_roles) if r.startswith("verb")]
    if not verbs:
        copula = next((i for i, w in enumerate(words) if w in _COPULA_TENSE), None)
    else:  # "The move never happened": no move
        copula = verbs[0] if len(verbs) == 1 and _eventive(words, keys, verbs[0]) \
            and not _NEGATED.intersection(words) else None
    if copula is not None and not light:
        j = next((j for j in range(copula - 1, -1, -1) if word_roles[j] == "subj"), None)
        verb = lexicon.verb_of(keys[j]) if j is not None else None
        if verb:
            keys[j] = verb + _COPULA_TENSE.get(words[copula], lexicon.PAST if lexicon.past(keys[copula]) else "")
            light.update((copula, copula + 1) if words[copula + 1:copula + 2] == ("place",) else (copula,))
    return tuple(keys), light


def _eventive(words: tuple[str, ...], keys: list[str], i: int) -> bool:
    """Whether verb ``i`` only says that its subject's event takes place (:data:`_EVENTS`, "take place")."""
    return lexicon.bare(keys[i]) in _EVENTS or words[i + 1:i + 2] == ("place",)


@lru_cache(maxsize=20_000)
def _adjective(word: str) -> bool:
    """Whether lemminflect reads ``word`` as an adjective and no noun; "like" is the preposition of a likeness there
    ("feels like a failure", Quirk et al. 1985, 9.4), whatever lemminflect says."""
    readings = getAllLemmas(word)
    return "ADJ" in readings and "NOUN" not in readings and word != "like"
