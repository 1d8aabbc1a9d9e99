"""A relation between two people said either way round: "Aoife is Niamh's cousin" / "Niamh is Aoife's cousin" (a
symmetric relation), "Maureen is Niamh's mother" / "Niamh is Maureen's daughter" (its converse), "Niamh is godmother
to Finn" / "Finn's godmother is Niamh", "Ciara's husband is Tom" / "Ciara is married to Tom", "Aoife and Niamh are
cousins".  Read only from a text that says nothing else, in one clause.

The relation words are written here by hand: WordNet, the lexical database this package reads (:mod:`.lexicon`),
has no converse or symmetric relation between nouns (Miller 1995, "WordNet: a lexical database for English": nouns
are linked by hypernymy, meronymy and antonymy only), and no package ships a kinship table.  The groups are
English kinship terms and the relation nouns of work and home a memory names.  Also read: "Q has a R named P" and
"Q has a R, P" as "P is Q's R" ("Has a dog named Xena" / "Xena is the user's dog", any noun said the same way).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .roles import PRONOUN_SEXES

if TYPE_CHECKING:
    from .text import _Long, _Text


def _groups(*pairs: tuple[str, str]) -> dict[str, frozenset[str]]:
    """Each relation word -> the words that name the relation from the other side (its own group if symmetric)."""
    out: dict[str, frozenset[str]] = {}
    for left, right in pairs:
        one, other = frozenset(left.split()), frozenset(right.split())
        for w in one:
            out[w] = out.get(w, frozenset()) | other
        for w in other:
            out[w] = out.get(w, frozenset()) | one
    return out


_SIBLINGS = "brother sister sibling"  # a twin is a sibling, but not every sibling a twin: "twin" is its own group
_SPOUSES = frozenset(("husband", "wife", "spouse"))
# Words that say the sex of whom they name: the same one either way round says both are ("Ana is Tom's sister" /
# "Tom is Ana's sister"), more than either text does
_GENDERED = frozenset("brother sister husband wife boyfriend girlfriend fiance fiancee half-brother half-sister"
                      " brother-in-law sister-in-law ex-husband ex-wife".split())
CONVERSE = _groups(
    ("mother father parent mom dad mum mam mommy daddy", "daughter son child kid"),
    ("stepmother stepfather stepparent stepmom stepmum stepdad", "stepdaughter stepson stepchild"),
    ("grandmother grandfather grandparent grandma grandpa granny nan nana grandad granddad",
     "granddaughter grandson grandchild"),
    ("aunt uncle auntie aunty", "niece nephew"),
    ("godmother godfather godparent", "goddaughter godson godchild"),
    ("mother-in-law father-in-law", "daughter-in-law son-in-law"),
    ("manager boss supervisor", "report"),
    ("mentor", "mentee"), ("landlord landlady", "tenant"), ("employer", "employee"), ("tutor", "tutee"),
    ("great-grandmother great-grandfather", "great-granddaughter great-grandson"),
    ("great-aunt great-uncle", "great-niece great-nephew"),
    *((w, w) for w in (_SIBLINGS, "twin", "half-brother half-sister", "brother-in-law sister-in-law", " ".join(_SPOUSES),
                       "ex-husband ex-wife", "girlfriend boyfriend", "fiance fiancee", "colleague coworker co-worker")),
    *((w, w) for w in "cousin friend neighbor classmate teammate flatmate roommate housemate partner ex".split()),
)
_NEUTRAL = {"spouse": _SPOUSES, "betrothed": frozenset(("fiance", "fiancee", "betrothed"))}  # "married", "engaged"
_PLURAL = {w + "s": w for w in CONVERSE} | {"children": "child", "cousins": "cousin"}
_ARTICLES = ("the", "a", "an")
_OWNERS = (["my"], ["her"], ["his"])  # the owner's, in a text that names no one else it could stand for
_STATES = {"married": "spouse", "engaged": "betrothed"}
# A relation or naming word ("co" of "co-worker"): one of them in one text of a pair at least, or neither is read
_WORDS = CONVERSE.keys() | _PLURAL.keys() | _STATES.keys() | {w.split("-")[0] for w in CONVERSE} | {"named", "called"}


def one_relation(a: _Text | _Long, b: _Text | _Long) -> bool:
    """Whether ``a`` and ``b`` each say only that one person is another's relation (:data:`CONVERSE`), and say the
    same one, either way round."""
    if a.size > 7 or b.size > 7:  # a long text (text._Long) is not parsed again
        return False
    a, b = a.whole, b.whole
    if not (_said(a.words) or _said(b.words)):
        return False  # a relation word or a name given ("Has a dog named Xena") in one of them, at least
    x, y = (_relation(t.words, t.written, t.breaks, t.hyphened) for t in (a, b))
    if x is None or y is None:
        return False
    (p, r, q, was), (p2, r2, q2, was2) = x, y
    if was != was2:
        return False  # "is" / "was": no longer
    neutral = any(n in (r, r2) and {r, r2} <= words for n, words in _NEUTRAL.items())  # "married to": a husband
    if _same(p, p2) and _same(q, q2):
        return r == r2 or neutral
    mutual = [any(w in ("are", "were") for w in t.words) for t in (a, b)]  # "Aoife and Niamh are sisters": both are
    if (mutual[0] and r in _GENDERED or mutual[1] and r2 in _GENDERED) and r != r2:
        return False  # "Sam and Alex are brothers" / "Alex is Sam's sister"
    return _same(p, q2) and _same(q, p2) and (
        neutral or r2 in CONVERSE.get(r, ()) and not (r2 == r in _GENDERED and not any(mutual)))


_SEXES = {(w,): sex for w, sex in PRONOUN_SEXES.items()} | {("user",): ""}  # the owner, as named


def _same(x: tuple[str, ...], y: tuple[str, ...]) -> bool:
    """Whether two persons of :func:`_relation` are one: the same words, or the owner named two ways that do not
    give two sexes ("the user" / "her"; not "her" / "his")."""
    return x == y or x in _SEXES and y in _SEXES and (_SEXES[x] == _SEXES[y] or "" in (_SEXES[x], _SEXES[y]))


def people(t: _Text | _Long) -> frozenset[tuple[str, ...]] | None:
    """The two people of a text :func:`one_relation` reads ("Jane is Tom's aunt": Jane and Tom), or ``None``: the
    audit compares the texts that name the same two (a relation's converse shares no other word with it)."""
    if t.size > 7 or not _said(t.whole.words):
        return None
    t = t.whole
    found = _relation(t.words, t.written, t.breaks, t.hyphened)
    return None if found is None else frozenset(("user",) if p in _SEXES else p for p in (found[0], found[2]))


@lru_cache(maxsize=200_000)  # asked of both texts of every compared pair
def _said(words: tuple[str, ...]) -> bool:
    """Whether the words hold a relation or naming word (:data:`_WORDS`)."""
    return not _WORDS.isdisjoint(words)


@lru_cache(maxsize=65_536)
def _relation(words: tuple[str, ...], written: tuple[str, ...], breaks: tuple[bool, ...],
              hyphened: frozenset[int]) -> tuple[tuple[str, ...], str, tuple[str, ...], bool] | None:
    """``(person, relation, of whom, past)`` of a text that says only "P is Q's R", "Q's R is P", "P is (the) R
    of/to Q", "P is married/engaged to Q", "P and Q are Rs", "Q has a R named P" or "Q has a R, P", the people as
    folded words; else ``None``.  R is any one word where the text names it as Q's ("Xena is the user's dog": said
    only the same way round), one of :data:`CONVERSE` in the other forms."""
    tokens: list[list[str]] = []  # folded words, a hyphened run as one ("mother-in-law"); a possessive ends in "'s"
    cut = []  # where a token follows punctuation
    for i, (w, shown) in enumerate(zip(words, written)):
        w += "'s" if shown.endswith(("'", "\u2019", "'s", "\u2019s")) else ""  # "Finn's", "Ines'"
        if tokens and i - 1 in hyphened:
            tokens[-1].append(w)
        else:
            cut += [len(tokens)] if breaks[i] and i else []
            tokens.append([w])
    toks = ["-".join(t) for t in tokens]
    had = next((h for h, w in enumerate(toks) if w in ("has", "have", "had")), None)
    if had is not None and toks[had + 1:had + 2] in (["a"], ["an"]) and had + 4 < len(toks) + 1:
        named = toks[had + 3:had + 4] in (["named"], ["called"]) and not cut  # "Has a dog named Xena", "Theo has
        listed = cut == [had + 3] and toks[had + 2] in CONVERSE  # a sister, Camille"
        if named or listed:
            found = _person(toks[had + 3 + named:]), toks[had + 2], _person(toks[:had]) if had else ("user",)
            return None if None in found else (*found, toks[had] == "had")
    be = [i for i, w in enumerate(toks) if w in ("is", "are", "am", "was", "were")]
    if cut or len(be) != 1:
        return None
    c = be[0]
    left, right = toks[:c] or ["i"], toks[c + 1:]  # a note's "Is Sam's partner": the owner is
    if toks[c] in ("are", "were"):  # "Aoife and Niamh are cousins", "... are married"
        r = _STATES.get(right[-1]) or _PLURAL.get(right[-1], "") if len(right) == 1 else ""
        if r not in CONVERSE.get(r, _NEUTRAL) or "and" not in left:
            return None
        k = left.index("and")
        found = _person(left[:k]), r, _person(left[k + 1:])
    elif right[:2] in (["married", "to"], ["engaged", "to"], ["friends", "with"]):  # "Tom is friends with Ana"
        found = _person(left), _STATES.get(right[0], "friend"), _person(right[2:])
    elif len(left) >= 2 and left[-2].endswith("'s") and left[-1].replace("-", "").isalpha():  # "Finn's godmother is Niamh"
        found = _person(right), left[-1], _person([*left[:-2], left[-2][:-2]])
    elif len(right) >= 2 and right[-2].endswith("'s") and right[-1].replace("-", "").isalpha():  # "Niamh is Finn's godmother",
        found = _person(left), right[-1], _person([*right[:-2], right[-2][:-2]])  # "Xena is the user's dog"
    elif right[-2:-1] in _OWNERS and right[-1] in CONVERSE and len(right) == 2:  # "Maureen is my mother"
        found = _person(left), right[-1], _person(right[:1])
    elif left[-2:-1] in _OWNERS and left[-1] in CONVERSE and len(left) == 2:  # "Her husband is Tom"
        found = _person(right), left[-1], _person(left[:1])
    else:  # "Niamh is (the) godmother to Finn"
        right = right[1:] if right[:1] and right[0] in _ARTICLES else right
        if len(right) < 3 or right[0] not in CONVERSE or right[1] not in ("of", "to"):
            return None
        found = _person(left), right[0], _person(right[2:])
    return None if None in found else (*found, toks[c] in ("was", "were"))


def _person(words: list[str]) -> tuple[str, ...] | None:
    """A person's words without an opening "the" (a name, "the user", "her sister"; "an" read as "a"), or ``None``
    for a phrase of more than three words or with a possessive inside."""
    # "a doctor" is kept apart from "the doctor": some one, not one person
    words = words[1:] if words[:1] == ["the"] else ["a", *words[1:]] if words[:1] == ["an"] else words
    ok = 0 < len(words) <= 3 and all(w.replace("-", "").isalpha() for w in words)
    return ("user",) if words in (["i"], ["me"], ["my"]) else tuple(words) if ok else None  # the owner: "I", "my"
