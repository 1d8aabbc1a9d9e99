"""Membership of a group said one way: "belongs to the choir", "is in the choir", "is on the team", "is part of the
team" and "is a member of the team" say one thing, as "membership in" and "membership of" do.

WordNet gives "belong" a sense of its own for this ("be a member, adherent, inhabitant, etc. of (a group,
organization, or place)", belong.v.05), and files the nouns it is said of under ``noun.group`` ("team", "choir",
"union", "committee"); a group that is a place of an activity said with no article ("is in school", "is in church":
the bare institutional noun of Quirk et al. 1985, A Comprehensive Grammar of the English Language, 5.44) is where one
is, not what one belongs to, and is left alone, as is a group named only by its name ("belongs to Ruby" is owned
by her) and a thing's place ("The organ belongs to the church": only someone is a member)."""

from __future__ import annotations

from functools import lru_cache

from . import lexicon
from .roles import OWNER, PRONOUNS

# "belongs" read as "is" in its own tense; after "has"/"have"/"had" as "been" ("has belonged to the club since 2019")
_BELONG = {"belongs": "is", "belong": "are", "belonged": "was"}
_PERFECT = frozenset(("has", "have", "had"))
_COPULAS = frozenset("is are am was were been".split())
_BETWEEN = frozenset(("also", "still", "now", "currently", "already"))  # "is also on the board"
_IN = frozenset(("in", "on"))
_ARTICLES = frozenset("a an the my his her their our your this that".split())
_ENDS = frozenset("of in at on for with from to by who which that where and or but since until".split())
_MEMBER = ("a", "member", "of")
_CUES = frozenset(("belongs", "belong", "belonged", "part", "membership")) | _IN  # a text without one is as it was


@lru_cache(maxsize=20_000)
def _group(noun: str) -> bool:
    """Whether a folded noun's most frequent WordNet noun sense is a group ("team", "guild"), or the noun with the
    "of"-phrase WordNet joins to it ("chamber of commerce")."""
    return lexicon.names_a_group(lexicon.key(noun))


def _head(tokens: list[tuple], k: int) -> tuple[int, bool] | None:
    """``(position after the noun phrase opening at k, its head names a group)`` for a phrase with a determiner or
    a name's words before its head ("the Logan Square Chamber of Commerce", "a book club"), or ``None``."""
    j = k
    while j < len(tokens) and not tokens[j][2] and tokens[j][0] not in _ENDS:
        j += 1
    if j == k or not (tokens[k][0] in _ARTICLES or tokens[k][3]) or j - k < 2 and tokens[k][0] in _ARTICLES:
        return None
    head = tokens[j - 1][0]
    if j + 1 < len(tokens) and tokens[j][0] == "of" and not tokens[j + 1][2] \
            and lexicon.names_a_group(f"{lexicon.key(head)}_of_{lexicon.key(tokens[j + 1][0])}"):
        return j + 2, True
    return j, _group(head)


def read(tokens: list[tuple]) -> list[tuple]:
    """Tokens (:func:`.text._tokens`: ``(word, spelled, break before, name, as written, hyphen)``) with membership
    of a group said as "is a member of" (see the module's docstring); other tokens as given."""
    words = [t[0] for t in tokens]
    if _CUES.isdisjoint(words):
        return tokens
    out: list[tuple] = []
    i = 0
    while i < len(tokens):
        t, w = tokens[i], words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        before = words[i - 1] if i else None
        if w in _BELONG and nxt == "to" and (before in _PERFECT or before not in ("to", "not", "do", "does", "did")) \
                and _someone(tokens, i):
            found = _head(tokens, i + 2)
            if found and found[1]:
                verb = "been" if before in _PERFECT else _BELONG[w]
                out += [(verb, verb, t[2], False, t[4], False), *_as_member(tokens[i + 1])]
                i += 2
                continue
        copula = _copula(words, i) if w in _IN or w == "part" or w == "a" and nxt == "part" else None
        if copula is not None and _someone(tokens, copula):
            start = i + (2 if w == "a" else 1)
            start += words[start:start + 1] == ["of"] if w != "in" and w != "on" else 0
            found = _head(tokens, start) if w in _IN or words[start - 1:start] == ["of"] else None
            if found and found[1]:
                out += _as_member(t)
                i = start
                continue
        if w == "membership" and nxt in ("in", "at", "with") and (_head(tokens, i + 2) or (0, False))[1]:
            out += [t, ("of", "of", False, False, tokens[i + 1][4], False)]
            i += 2
            continue
        out.append(t)
        i += 1
    return out


def _copula(words: list[str], i: int) -> int | None:
    """Where a copula stands right before position ``i``, or before an adverb of time or focus there, or ``None``."""
    j = i - 1
    while j >= 0 and words[j] in _BETWEEN:
        j -= 1
    return j if j >= 0 and words[j] in _COPULAS else None


def _someone(tokens: list[tuple], verb: int) -> bool:
    """Whether the subject before the verb at ``verb`` is someone: none written (a note about the owner), a
    pronoun, a name or a noun of a person ("The organ belongs to the church" says where a thing is)."""
    before = [t for t in tokens[:verb] if t[0] not in ("has", "have", "had")]
    if not before:
        return True
    last = before[-1]
    return last[0] in OWNER or last[0] in PRONOUNS or last[3] or lexicon.names_a_person(lexicon.key(last[0]))


def _as_member(t: tuple) -> list[tuple]:
    """"a member of" in the place of one token, shown as it was written."""
    return [(w, w, t[2] and not n, False, t[4] if n == 2 else "", False) for n, w in enumerate(_MEMBER)]
