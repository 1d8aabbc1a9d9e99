"""How often, in one spelling: "on Mondays" and "every Monday"; "twice" and "two times"; "once a week" and "one time a
week".  English says a repeated time several ways (Quirk et al. 1985, A Comprehensive Grammar of the English
Language, 8.64-8.66, adjuncts of frequency: "on" with a plural noun of time, "every" with a singular one, and the
multiplicative adverbs "once", "twice", "thrice" for "<n> times"); the audit reads them as "every <time>" and "<n>".
A bare plural ("Swims Saturdays") is left as it is: read as a singular, it would be one Saturday."""

from __future__ import annotations

from rapidfuzz.distance import OSA

from . import lexicon

# The nouns of a recurring time whose plural after "on" says "every": days, parts of a day, the week's halves
_PLURALS = {p: p[:-1] for p in "mondays tuesdays wednesdays thursdays fridays saturdays sundays weekends weekdays"
            " mornings afternoons evenings nights".split()}
_SINGULARS = frozenset(_PLURALS.values())
_OPENERS = frozenset(("on", "at"))  # "on Mondays", "at weekends" (British)
_MULTIPLES = {"twice": "2", "thrice": "3", "once": "1"}
_RATE = frozenset(("a", "an", "per", "every", "each"))  # "once a week" is a rate; "once lived in Paris" is not


def every(tokens: list[tuple]) -> list[tuple]:
    """Tokens (:func:`.text._tokens`: ``(word, spelled, break before, name, as written, hyphen)``) with "on" or "at"
    before a run of time nouns ending in a plural ("on Saturday mornings") read as "every" and the singulars ("every
    saturday morning"), a multiplicative adverb as its number ("twice" as "2", "once" only before a rate: "once a
    week") and "times" after a number left out ("2 times" as "2").  The words as written are kept."""
    out: list[tuple] = []
    for k, t in enumerate(tokens):
        word = t[0]
        if word in _MULTIPLES and (word != "once" or k + 1 < len(tokens) and tokens[k + 1][0] in _RATE):
            out.append((_MULTIPLES[word], *t[1:]))
            continue
        if word in ("times", "time") and out and not t[2] and out[-1][0].isdigit() and (word == "times") != (out[-1][0] == "1"):
            continue  # "two times", "one time": the number says it
        if out and not t[2] and out[-1][0] + word in _PLURALS:  # a plural in two words: "week days"
            last = out.pop()
            t = (last[0] + word, last[1] + word, last[2], last[3], f"{last[4]} {t[4]}", t[5])
        word = _plural(t[0])
        if word is None:
            out.append(t)
            continue
        start, brk = len(out), t[2]
        while start and not brk and out[start - 1][0] in _SINGULARS:
            start -= 1
            brk = out[start][2]
        listed = start > 1 and not brk and out[start - 1][0] in ("and", "or") and out[start - 2][0] in _SINGULARS \
            and out[start - 2][1] != out[start - 2][0]  # "on Mondays and Thursdays": the list's first read already
        if listed or start and not brk and out[start - 1][0] in _OPENERS:
            if not listed:
                out[start - 1] = ("every", *out[start - 1][1:])
            out[start:] = [(_PLURALS.get(s[0], s[0]), *s[1:]) for s in out[start:]]
            t = (_PLURALS[word], *t[1:])
        else:
            t = (word, *t[1:])  # a misspelt plural as the plural it is: "evennings"
        out.append(t)
    return out


def _plural(word: str) -> str | None:
    """The plural of :data:`_PLURALS` a word is, or is misspelt for (one edit away, not itself a word: "evennings",
    "mondyas"), or ``None``."""
    if word in _PLURALS:
        return word
    if len(word) < 6 or not word.endswith("s") or lexicon.is_word(word):
        return None
    return next((p for p in _PLURALS if OSA.distance(word, p, score_cutoff=1) <= 1), None)
