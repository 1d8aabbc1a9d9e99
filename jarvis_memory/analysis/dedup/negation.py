"""A negated verb of feeling or thinking said as its antonym with a negative prefix: "Doesn't like fondant" /
"Dislikes fondant", "Does not trust the new supplier" / "Distrusts the new supplier".

Only a state (a verb whose most used WordNet sense is of emotion or cognition: lexnames(5WN) 31, 37) whose
prefixed form WordNet lists as its antonym: for an action the prefixed verb undoes it ("doesn't connect" is not
"disconnects", "doesn't appear" is not "disappears"; the reversative "dis-" of Quirk et al. 1985), and a verb
of saying makes another act of it ("doesn't claim expenses" is not "disclaims expenses").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lemminflect import getInflection

from . import lexicon
from .clauses import SUBORDINATORS

if TYPE_CHECKING:
    from .text import _Text

# "No longer" is "not ... any longer", and "any more"/"any longer" closing a clause after a negation only says it
# is a change (not "any more children", a quantity): one negation either way (the negative "no longer" of Quirk et
# al. 1985); "can not" is "cannot"
_NO_LONGER = re.compile(r"(?i)\bno longer\b")
_ANY_MORE = re.compile(r"(?i)(\b(?:not|never|n't|no)\b.*?)\s+any(?:\s?more|\s+longer)\b(?=\s*(?:[.,;!?]|$))")
_CAN_NOT = re.compile(r"(?i)\bcan not\b")


def plain(text: str) -> str:
    """``text`` with "no longer" as "not", "any more"/"any longer" after a negation left out and "can not" as
    "cannot": "I no longer like Vim" / "I don't like Vim anymore"."""
    if "longer" in text:
        text = _NO_LONGER.sub("not", text)
    if "any" in text:
        text = _ANY_MORE.sub(r"\1", text)
    return _CAN_NOT.sub("cannot", text) if "can not" in text.lower() else text


_STATE_FILES = frozenset(("verb.cognition", "verb.emotion", "file31", "file37"))
_DO = {"do": "VBP", "does": "VBZ", "did": "VBD"}  # the tense "do" gives the verb it carries


def prefixed(t: _Text, other: _Text) -> str | None:
    """``t``'s words with its one negated state verb said as the prefixed antonym ``other`` uses ("does not like"
    → "dislikes"), or ``None``."""
    negations = [i for i, w in enumerate(t.words) if w in ("not", "never")]
    if len(negations) != 1 or other.negations or negations[0] + 1 >= len(t.words):
        return None
    i = negations[0]
    verb = lexicon.bare(t.keys[i + 1])
    antonym = next((lexicon.bare(k) for k in other.verbs if lexicon.bare(k) in ("dis" + verb, "mis" + verb)), None)
    if antonym is None or not _state(verb) or antonym not in lexicon._lemmas(verb)[1]:
        return None
    start = i - 1 if i and t.words[i - 1] in _DO else i
    form = getInflection(antonym, _DO[t.words[start]])[0] if start < i else antonym[:3] + t.words[i + 1]
    return " ".join((*t.words[:start], form, *t.words[i + 2:]))


def _state(verb: str) -> bool:
    reader = lexicon.wordnet()
    senses = reader.synsets(verb, "v") if reader is not None else []
    return bool(senses) and senses[0].lexname() in _STATE_FILES


# Words that open a clause of their own (coordinators and subordinators, Quirk et al. 1985, 13.1, 14.12): a negation
# after one negates that clause only ("Drinks oat milk and never buys cow's milk" still says "Drinks oat milk")
_CLAUSE_OPENERS = SUBORDINATORS | {"and", "but", "so", "yet"}
_CONCESSIVE = frozenset(("but", "yet", "though", "although"))


def apart(t: _Text, said: set[str]) -> bool:
    """Whether every negation of ``t`` stands in a clause that opens after ``t`` has said each of ``said`` (keys)
    once: it negates something more ("Takes ibuprofen for his back, never more than three days in a row"); ``False``
    for a text with no negation or not all of ``said``."""
    from .text import NEGATIONS

    if not t.negations or not said or not said <= t.first.keys():
        return False
    last = max(t.first[k] for k in said)
    for i, w in enumerate(t.words):
        if w in NEGATIONS:
            opens = max((j for j in range(i + 1) if t.breaks[j] or t.words[j] in _CLAUSE_OPENERS), default=0)
            if opens <= last or _CONCESSIVE.intersection(t.words[opens:i]):
                return False  # "..., but not since June": a clause of contrast may take back what the first says
    return True
