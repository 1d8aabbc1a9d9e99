"""What the owner is reported to have said, read as what was said: "The user mentioned that she works nights", "User
said her truck's transmission is slipping", "According to the user, she owes $38,000", "Prefers texts, per the user".

An extractor that writes a memory from a conversation often keeps the conversation's reporting clause (Quirk et al.
1985, A Comprehensive Grammar of the English Language, 14.31: reporting clauses, initial or final); in a memory store
of one person, every memory is what that person said, so a reporting clause whose speaker is the owner ("user", "the
user", "she", "he", "I") adds nothing.  Left as written: another speaker ("Her mother said she is moving"), a belief
("She thinks ..."), a negated report ("User never said ..."), a hearer other than the assistant ("User told her sister
that ..."), and a verb that is an act before a noun ("Shared her recipe", "Said yes", "Reports to Chen").  A hedge
("Apparently, ...", "..., I think") is left out alike (:func:`unhedged`)."""

from __future__ import annotations

# Words of a hedging clause that opens or closes a memory ("As far as I know, ...", "..., I think"):
# dropped, the statement is the same.
HEDGES = frozenset("as far i know think believe guess apparently basically honestly fyi actually probably maybe"
                   " perhaps seems it to me if remember correctly afaik iirc imo btw by the way reportedly"
                   " supposedly allegedly just so you right".split())
HEDGE_OPENERS = frozenset("apparently basically honestly actually probably maybe perhaps reportedly supposedly"
                          " allegedly fyi btw afaik iirc imo".split())
_BELIEFS = frozenset("think believe guess suppose reckon".split())  # "I think (that) ..."
_SPEAKERS = frozenset(("user", "she", "he", "i"))
# verbs of saying that report a clause, or a noun phrase said ("mentioned her enrollment in ...")
_SAYING = frozenset("say says said mention mentions mentioned note notes noted state states stated".split())
# verbs of saying that report only a that-clause ("shared that ...": "shared a photo" is an act)
_SAYING_THAT = frozenset("explain explains explained share shares shared confirm confirms confirmed add adds added"
                         " remark remarks remarked indicate indicates indicated report reports reported".split())
_TELLING = frozenset(("tell", "tells", "told"))  # with the assistant as hearer: "told the assistant that"
_HEARERS = frozenset(("me", "us", "you", "jarvis", "assistant"))
_BEFORE_THE_VERB = frozenset(("has", "had", "also", "once", "recently", "earlier"))  # "She has also mentioned"
_ACTS = frozenset(("yes", "no", "goodbye", "hello", "hi", "sorry", "thanks", "grace", "a", "an", "to"))  # "said yes",
# "said a prayer", "mentioned to her sister": what follows is no statement of the owner's
_SOURCES = (("according", "to"), ("per",))  # "According to the user, ...", "..., per the user"
MIN_REST = 2  # words the statement keeps at least


def said(tokens: list[tuple]) -> list[tuple]:
    """Tokens (:func:`.text._tokens`: ``(word, spelled, break before, name, as written, hyphen)``) without an opening
    or closing reporting clause of the owner's (see the module's docstring); other tokens as given."""
    start = _opening(tokens)
    if start:
        rest = tokens[start:]
        tokens = [(*rest[0][:2], True, *rest[0][3:]), *rest[1:]]
    end = _closing(tokens)
    return tokens[:end] if end else tokens


def _speaker(tokens: list[tuple], k: int) -> int:
    """The position after the owner named as a speaker at ``k`` ("the user", "she"), or 0."""
    if k < len(tokens) and tokens[k][0] == "the" and k + 1 < len(tokens) and tokens[k + 1][0] == "user":
        return k + 2
    return k + 1 if k < len(tokens) and tokens[k][0] in _SPEAKERS else 0


def _source(tokens: list[tuple], k: int) -> int:
    """The position after "according to the user" / "per the user" (or "her", "him") at ``k``, or 0."""
    for words in _SOURCES:
        if tuple(t[0] for t in tokens[k:k + len(words)]) == words:
            after = k + len(words)
            if after < len(tokens) and tokens[after][0] in ("her", "him", "me"):
                return after + 1
            return _speaker(tokens, after) if after < len(tokens) and tokens[after][0] != "i" else 0
    return 0


def _frame(tokens: list[tuple], k: int) -> int:
    """The position after a reporting clause of the owner's at ``k`` ("The user mentioned that", "She told the
    assistant"), or 0."""
    at = _speaker(tokens, k)
    if not at:
        return 0
    while at < len(tokens) and tokens[at][0] in _BEFORE_THE_VERB:
        at += 1
    if at >= len(tokens) or tokens[at][2]:
        return 0
    verb = tokens[at][0]
    at += 1
    if verb in _TELLING:
        at += at < len(tokens) and tokens[at][0] == "the"
        if at >= len(tokens) or tokens[at][0] not in _HEARERS:
            return 0
        at += 1
    elif verb not in _SAYING and verb not in _SAYING_THAT:
        return 0
    if at < len(tokens) and tokens[at][0] == "that" and not tokens[at][2]:
        return at + 1
    return 0 if verb in _SAYING_THAT and at < len(tokens) else at  # at the end: a closing clause (", she added")


def _opening(tokens: list[tuple]) -> int:
    """Where the statement starts after an opening reporting clause or source ("According to the user,"), or 0."""
    if not tokens:
        return 0
    at = _source(tokens, 0) or tokens[0][0] == "as" and _frame(tokens, 1)  # "As she told the assistant, ..."
    if at and (at >= len(tokens) or not tokens[at][2]):
        return 0  # a source ends at its comma
    at = at or _frame(tokens, 0)
    if not at or len(tokens) - at < MIN_REST or tokens[at][0] in _ACTS:
        return 0
    return at


def _closing(tokens: list[tuple]) -> int:
    """Where the statement ends before a closing reporting clause or source (", per the user", ", she said"), or 0."""
    last = max((k for k, t in enumerate(tokens) if t[2]), default=0)
    if last < MIN_REST:
        return 0
    after = _source(tokens, last) or _frame(tokens, last)
    return last if after == len(tokens) else 0


def unhedged(tokens: list[tuple]) -> list[tuple]:
    """The tokens without an opening or closing clause made only of :data:`HEDGES`, and without
    opening hedge words ("Apparently ...", "I think ...")."""
    while len(tokens) > 2 and tokens[0][1] in HEDGE_OPENERS:
        tokens = tokens[1:]
    if len(tokens) > 3 and tokens[0][1] == "i" and tokens[1][1] in _BELIEFS:
        tokens = tokens[3:] if tokens[2][1] == "that" else tokens[2:]
    starts = [i for i, t in enumerate(tokens) if t[2]] + [len(tokens)]
    if len(starts) > 2:
        opening = tokens[:starts[1]]
        if all(t[1] in HEDGES for t in opening):
            tokens = tokens[starts[1]:]
            starts = [i - starts[1] for i in starts[1:]]
    if len(starts) > 2:
        closing = tokens[starts[-2]:]
        if all(t[1] in HEDGES for t in closing):
            tokens = tokens[:starts[-2]]
    return tokens
