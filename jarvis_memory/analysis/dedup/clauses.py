"""A memory's clauses in one order: an adverbial clause or phrase written before its main clause is read after it
("When she grows up, Maddie wants to be a vet" as "Maddie wants to be a vet when she grows up"; "According to Tom,
she snores" as "she snores according to Tom").  English puts an adverbial first or last with no change of meaning
(Quirk et al. 1985, A Comprehensive Grammar of the English Language, 8.13 and 15.20: initial and final positions of
adjuncts and of adverbial clauses); the audit compares words by their places, so one place is chosen."""

from __future__ import annotations

from . import lexicon
from .recurrence import WEEKDAYS

# Subordinating conjunctions of time, condition, cause and concession (Quirk et al. 1985, 14.12) and the
# prepositions that open an adjunct: a fronted one ends at its comma (or, in a clause, before the main clause's
# subject pronoun: "When it rains she takes the bus")
SUBORDINATORS = frozenset("when whenever if once before after while whilst because since until till unless although"
                          " though whereas".split())
PREPOSITIONS = frozenset("on in at during for from with without by according apart besides despite".split())
_MAIN_SUBJECTS = frozenset(("i", "he", "she", "we"))  # the owner (and "we") opening the main clause: the clause ends
_PRONOUNS = frozenset(("he", "she", "they"))
_DAYS = WEEKDAYS | {day + "s" for day in WEEKDAYS}  # "Sunday I make soup", "Saturdays we swim"
MAX_FRONTED = 10  # words of a fronted adverbial at most: a longer opening is read as written


def fronted(tokens: list[tuple]) -> list[tuple]:
    """The tokens (:func:`.text._tokens`: ``(word, spelled, break before, name, as written, hyphen)``) with an
    opening adverbial moved after the main clause with no break before it (as written there: "... when she grows up",
    so a negation reaches into it alike) and one before the main clause's first word; other tokens as given.  The
    main clause must hold at least two words and start with no conjunction."""
    if len(tokens) >= 4 and tokens[0][0] in _DAYS and tokens[1][0] in _MAIN_SUBJECTS and not tokens[1][2]:
        end = 1  # a day with no preposition: "Sunday I make soup" (Quirk et al. 1985, 9.36), "Saturdays we swim"
    elif len(tokens) < 4 or tokens[0][0] not in SUBORDINATORS | PREPOSITIONS:
        return tokens
    else:
        end = next((i for i, t in enumerate(tokens[1:], 1) if t[2]), None)
    if end is None and tokens[0][0] in SUBORDINATORS:  # no comma: the clause's own subject and verb, then the owner
        end = next((i for i in range(2, len(tokens) - 1) if tokens[i][0] in _MAIN_SUBJECTS), None)
    if end is None or end > MAX_FRONTED or len(tokens) - end < 2 or tokens[end][0] in ("and", "but", "or", "so"):
        return tokens
    if any(t[2] for t in tokens[end + 1:]) and tokens[0][0] not in _DAYS:
        return tokens  # the main clause has breaks of its own (a list, a second sentence): read as written
    main, adverbial = tokens[end:], tokens[:end]
    dated = {k for k in range(end - 1) if adverbial[k + 1][0].isdigit()}
    if main[0][0] in _PRONOUNS and any(_may_stand_for(main[0][0], t) and k not in dated
                                       for k, t in enumerate(adverbial)):
        return tokens  # "Since Priya moved in she has paid half", "After the doctor saw her, she ...": "she" may be
        # the person the adverbial names, who is no owner once first; a name dated is an occasion ("Since Diwali 2024")
    return [(*main[0][:2], True, *main[0][3:]), *main[1:],
            (*adverbial[0][:2], False, *adverbial[0][3:]), *adverbial[1:]]


def _may_stand_for(pronoun: str, token: tuple) -> bool:
    """Whether a subject pronoun may stand for the person a token names: "she" or "he" for a name or a person noun in
    the singular ("Priya", "the doctor"), "they" for one in the plural ("the grandchildren") or a name."""
    if token[3]:
        return True
    k = lexicon.key(token[0])
    if not lexicon.names_a_person(k):
        return False
    return (pronoun == "they") == (k != token[0])  # a plural's lemma is another word


# Connectives written two ways with one meaning (Quirk et al. 1985: "whenever" as "every time when", 15.25; "until"
# and "to" closing a range opened by "from", 9.35; "rather than" as the "over" of a preference, 15.64)
_UNTIL = frozenset(("until", "till", "til"))


def plain_connectives(tokens: list[tuple]) -> list[tuple]:
    """Tokens (:func:`.text._tokens`) with "whenever" read as "when", "rather than" after "prefer" as "over" and "from
    ... until" as "from ... to", as written (a typo of the word written is still one: "whennever")."""
    out: list[tuple] = []
    opened = False  # a "from" in this clause
    for t in tokens:
        opened = opened and not t[2]
        if t[0] == "whenever" or t[0] in _UNTIL and opened:
            t = ("when" if t[0] == "whenever" else "to", *t[1:])
        elif t[0] == "than" and out and out[-1][0] == "rather" and not t[2] \
                and any(u[0].startswith("prefer") for u in out):  # "Prefers tea rather than coffee"; not "Is a
            # coach rather than a player": "over" is a place there ("Is a coach over a player")
            rather = out.pop()
            t = ("over", rather[1], rather[2], False, f"{rather[4]} {t[4]}", t[5])
        opened = opened or t[0] == "from"
        out.append(t)
    return out
