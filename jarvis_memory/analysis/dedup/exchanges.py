"""One exchange said from either side: "Tom lent her his bike" / "Borrowed Tom's bike", "Bought a kettle from Ana" /
"Ana sold her a kettle", "Ana taught him Welsh" / "He learned Welsh from Ana".

A verb of giving and its converse (Quirk et al. 1985, A Comprehensive Grammar of the English Language, 10.6: the
giver's verb takes the receiver as its indirect object or after "to", the receiver's verb the giver after "from")
say one event with the two people exchanged.  WordNet lists most of these pairs as antonyms ("buy" / "sell",
"lend" / "borrow"), which would make them opposites here, and none as converses: the pairs are written by hand.
Read only from a text of one clause that says nothing else: no negation, no other verb."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from lemminflect import getAllInflections

from . import lexicon
from .roles import RELATIONS
from .text import _OWNED

if TYPE_CHECKING:
    from .text import _Long, _Text

# the giver's verb -> the receiver's
_CONVERSES = {"sell": "buy", "lend": "borrow", "loan": "borrow", "teach": "learn", "supply": "get", "give": "get"}
_RECEIVING = frozenset(_CONVERSES.values()) | {"receive"}
_AS_RECEIVED = {"receive": "get"}
_FORMS = frozenset(f for v in (*_CONVERSES, *_RECEIVING) for forms in getAllInflections(v, "VERB").values() for f in forms)
_OWNER = frozenset("user i me she her he him my".split())  # the memory's owner in a text that names one other
_SKIPPED = frozenset("the a an his her their my its our your".split())  # articles and possessive determiners
MAX_WORDS = 10


def one_exchange(a: _Text | _Long, b: _Text | _Long) -> bool:
    """Whether ``a`` and ``b`` each say one exchange (see the module's docstring) and say the same one: the same
    receiver, giver, thing given and tense, whichever side each says it from."""
    x = exchange(a)
    return x is not None and x == exchange(b) and _said_by_giver(a.whole.keys) != _said_by_giver(b.whole.keys)


def exchange(t: _Text | _Long) -> tuple[str, str, tuple[str, ...], str, bool] | None:
    """``(receiver, receiver's verb, thing, giver, past)`` of a text that says one exchange, or ``None``: the audit
    compares the texts that say the same one (its two sides share few words)."""
    if t.size > MAX_WORDS or t.negations or _FORMS.isdisjoint(t.whole.words):
        return None
    return _exchange(t.whole.words, t.whole.keys, t.whole.written)


def _said_by_giver(keys: tuple[str, ...]) -> bool:
    return any(lexicon.bare(k) in _CONVERSES for k in keys)


@lru_cache(maxsize=65_536)
def _exchange(words: tuple[str, ...], keys: tuple[str, ...], written: tuple[str, ...]) \
        -> tuple[str, str, tuple[str, ...], str, bool] | None:
    """``(receiver, receiver's verb, thing, giver, past)`` of a text that says one exchange, or ``None``; a person
    is a name or the owner (``"user"``)."""
    verbs = [i for i, k in enumerate(keys) if lexicon.bare(k) in _CONVERSES or lexicon.bare(k) in _RECEIVING]
    if len(verbs) != 1:
        return None
    v = verbs[0]
    if v + 2 > len(words):
        return None  # nothing given: "Sold", "Bought"
    lemma, past = lexicon.bare(keys[v]), lexicon.past(lexicon.key(words[v]))  # "got": a function word, its tense kept
    subject = _person(words[:v]) if v else "user"
    if lemma in _CONVERSES:  # "sold her a bike", "sold a bike to her"
        if "to" in words[v + 1:]:
            k = words.index("to", v + 1)
            thing, e = range(v + 1, k), _end(words, k + 1)
            other = _person(words[k + 1:e])
        else:
            first = v + 3 if words[v + 1:v + 3] == ("the", "user") else v + 2  # one person: "the user", "her", "Ana"
            if words[v + 1] == "her" and words[first:first + 1] and words[first] not in _SKIPPED \
                    and not words[first][:1].isdigit():
                return None  # "sold her bike": her own bike, no receiver ("sold her a bike": to her)
            e = _end(words, first)
            other, thing = _person(words[v + 1:first]), range(first, e)
        receiver, giver, verb = other, subject, _CONVERSES[lemma]
    else:  # "bought a bike from Tom", "borrowed Tom's bike"
        k = words.index("from", v + 1) if "from" in words[v + 1:] else _end(words, v + 1)
        thing = range(v + 1, k)
        owners = [words[n] for n in thing if written[n][-2:] in _OWNED]
        e = _end(words, k + 1) if words[k:k + 1] == ("from",) else k
        giver = _person(words[k + 1:e]) if e > k else _person(tuple(owners[:1])) if len(owners) == 1 else None
        receiver, verb = subject, _AS_RECEIVED.get(lemma, lemma)
    owned = [n for n in thing if written[n][-2:] in _OWNED and words[n] == giver]  # "Tom's bike":
    what = tuple(keys[n] for n in thing if n not in owned and words[n] not in _SKIPPED)  # the giver's, said again
    if None in (receiver, giver) or receiver == giver or not what:
        return None
    what = tuple(sorted(what + tuple(keys[n] for n in range(e, len(words)) if words[n] not in _SKIPPED)))  # "in May"
    return receiver, verb, what, giver, past


def _end(words: tuple[str, ...], start: int) -> int:
    """Where the phrase opening at ``start`` ends: at a preposition, a number or a word of time ("from Tom in May")."""
    return next((n for n in range(start + 1, len(words)) if words[n] in RELATIONS or words[n][:1].isdigit()),
                len(words))


def _person(words: tuple[str, ...]) -> str | None:
    """A person's words: the owner (:data:`_OWNER`, "the user") or a name of one to three words, else ``None``."""
    words = tuple(w for w in words if w != "the")
    if len(words) == 1 and words[0] in _OWNER:
        return "user"
    ok = 0 < len(words) <= 3 and all(w.isalpha() and w not in _SKIPPED and w not in _OWNER for w in words)
    return " ".join(words) if ok else None
