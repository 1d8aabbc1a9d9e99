"""How often, in one spelling: "on Mondays" and "every Monday"; "twice" and "two times"; "once a week" and "one time a
week".  English says a repeated time several ways (Quirk et al. 1985, A Comprehensive Grammar of the English
Language, 8.64-8.66, adjuncts of frequency: "on" with a plural noun of time, "every" with a singular one, and the
multiplicative adverbs "once", "twice", "thrice" for "<n> times"); the audit reads them as "every <time>" and "<n>".
A bare plural opening a memory or after a verb or noun is "every" too ("Swims Saturdays", "Plays netball Tuesday
nights"; American usage: Quirk et al. 9.36), not after another word ("lazy Sundays", "most Fridays"); a day or date
after a verb or noun takes the preposition it may go without ("Swims Saturday" as "Swims on Saturday"; Quirk et al.
9.36), and a date's is its month's ("expires 30 April" and "on 30 April" as "in 30 april", so "in April" says less of
the same).  A rate is one word, the adverb or adjective of frequency made from its unit of time (Quirk et al.
7.20): "every <unit>", "per <unit>", "each <unit>", "a <unit>" after a count ("twice a week", "£45 a month"),
"annually" for "yearly"; "once" before one says nothing more ("once a month" / "monthly"), "every other week" and
"every two weeks" are "fortnightly", and "fortnightly on Mondays" and "on alternate Mondays" "every other Monday"."""

from __future__ import annotations

from lemminflect import getAllLemmas
from rapidfuzz.distance import OSA

from . import lexicon
from .times import MONTHS

# The nouns of a recurring time whose plural after "on" says "every": days, parts of a day, the week's halves
_PLURALS = {p: p[:-1] for p in "mondays tuesdays wednesdays thursdays fridays saturdays sundays weekends weekdays"
            " mornings afternoons evenings nights".split()}
_SINGULARS = frozenset(_PLURALS.values())
_OPENERS = frozenset(("on", "at"))  # "on Mondays", "at weekends" (British)
_MULTIPLES = {"twice": "2", "thrice": "3", "once": "1"}
_RATE = frozenset(("a", "an", "per", "every", "each"))  # "once a week" is a rate; "once lived in Paris" is not
# A rate in one word, the adverb or adjective of frequency made from its unit of time ("-ly"): "every month",
# "each month", "per month", "once a month" and "annually" are "monthly"
_RATES = {"hour": "hourly", "day": "daily", "night": "nightly", "week": "weekly", "fortnight": "fortnightly",
          "month": "monthly", "quarter": "quarterly", "year": "yearly"}
RATES = frozenset(_RATES.values())
UNITS = frozenset(_RATES) | {"minute", "decade"}  # nouns of a length of time ("for 3 years")
_SAME_RATES = {"annually": "yearly", "annual": "yearly", "biweekly": "fortnightly"}
_COUNT_REACH = 4  # "two cups of coffee a day": the count of a rate stands at most this many words before its "a"


def every(tokens: list[tuple]) -> list[tuple]:
    """Tokens (:func:`.text._tokens`: ``(word, spelled, break before, name, as written, hyphen)``) with "on" or "at"
    before a run of time nouns ending in a plural ("on Saturday mornings") read as "every" and the singulars ("every
    saturday morning"), a multiplicative adverb as its number ("twice" as "2", "once" only before a rate: "once a
    week") and "times" after a number left out ("2 times" as "2"), a rate as its one word (:data:`RATES`: "per week",
    "once a week" and "annually" as "weekly", "yearly"; "every other week" as "fortnightly"; "every other Sunday" as
    "every 2 sunday"), a weekday's abbreviation as the weekday.  The words as written are kept."""
    out: list[tuple] = []
    skip = 0
    for k, t in enumerate(tokens):
        word = t[0]
        if skip:
            skip -= 1
            continue
        if word in _SAME_RATES:
            out.append((_SAME_RATES[word], *t[1:]))
            continue
        day = _weekday(t, not out or t[2], bool(out) and (out[-1][3] or out[-1][4].rstrip(".") in _TITLES))
        if day:  # "Weds through Fri" as "wednesday through friday"
            word, t = day, (day, *t[1:])
        following = tokens[k + 1][0] if k + 1 < len(tokens) and not tokens[k + 1][2] else ""
        if word == "every" and " ".join(u[0] for u in tokens[k + 1:k + 3]) in ("other week", "2 weeks"):
            out.append(("fortnightly", "fortnightly", t[2], False, " ".join(u[4] for u in tokens[k:k + 3]), False))
            skip = 2
            continue
        if word == "a" and out and out[-1][0] == "on" and k + 1 < len(tokens) and not tokens[k + 1][2] and (
                tokens[k + 1][0] in _SINGULARS or _weekday(tokens[k + 1], False, False)):  # "on a Friday": any one
            out[-1] = ("every", *out[-1][1:])
            continue
        if word in ("alternate", "alternating") and k + 1 < len(tokens) and tokens[k + 1][0] in _PLURALS:
            if out and out[-1][0] == "on":  # "on alternate weekends": every other weekend
                out.pop()
            out += [("every", "every", t[2], False, "", False), ("2", *t[1:])]
            continue
        if word == "other" and out and out[-1][0] == "every" and not t[2]:
            out.append(("2", *t[1:]))  # "every other Sunday": every second one
            continue
        if following in _RATES and _per(out, t):
            if out and out[-1][0] == "1" and (out[-1][4].lower() == "once" or tokens[k - 1][0] == "time"):
                out.pop()  # "once a month", "one time a month": "monthly"
            rate = _RATES[following]
            out.append((rate, rate, t[2], False, f"{t[4]} {tokens[k + 1][4]}", tokens[k + 1][5]))
            skip = 1
            continue
        if word in _MULTIPLES and (word != "once" or k + 1 < len(tokens) and tokens[k + 1][0] in _RATE):
            out.append((_MULTIPLES[word], *t[1:]))
            continue
        if word in ("times", "time") and out and not t[2] and out[-1][0].isdigit() and (word == "times") != (out[-1][0] == "1"):
            continue  # "two times", "one time": the number says it
        if word == "on" and k + 1 < len(tokens) and _dated(tokens, k + 1) == "in":
            word, t = "in", ("in", *t[1:])  # "on 21 March" as "in": it says when in March ("in March")
        preposition = out and out[-1][0] not in _BEFORE_A_DAY and not out[-1][0][:1].isdigit() \
            and _dated(tokens, k)  # after a break too: "Deadline: 31 January", "Deadline — 31 January"
        if preposition:  # "expires 30 April" as "expires in 30 April", "Dentist Monday" as "Dentist on Monday"
            out.append((preposition, preposition, False, False, preposition, False))
        if out and not t[2] and (out[-1][0] + word in _PLURALS or out[-1][0] + word in _SINGULARS):
            # a noun of time in two words: "week days", "week day"
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
        opened = start and not brk and out[start - 1][0] in _OPENERS
        if listed or opened or brk or not start or _verb_or_noun(out[start - 1][0]):
            if opened:
                out[start - 1] = ("every", *out[start - 1][1:])
            elif not listed:  # a bare plural after a verb or noun: "Works Saturdays", "Saturdays: swims"
                out.insert(start, ("every", "every", brk, False, "every", False))
                start += 1
            out[start:] = [(_PLURALS.get(s[0], s[0]), s[1], False, *s[3:]) for s in out[start:]]
            t = (_PLURALS[word], t[1], False, *t[3:])
        else:
            t = (word, *t[1:])  # a misspelt plural as the plural it is: "evennings"
        out.append(t)
    for k in range(len(out) - 2):  # "fortnightly on Mondays": every other Monday
        if out[k][0] == "fortnightly" and out[k + 1][0] == "every" and out[k + 2][0] in _SINGULARS:
            out[k:k + 2] = [("every", *out[k][1:]), ("2", "2", False, False, "", False)]
    return out


def _per(out: list[tuple], t: tuple) -> bool:
    """Whether ``t``, before a unit of time, opens a rate: "per", "each" or "every", or "a" after a count (a number
    within :data:`_COUNT_REACH` words: "2 cups of coffee a day"; not "took a day off")."""
    if t[0] not in _RATE:
        return False
    if t[0] not in ("a", "an"):
        return True
    recent = out[-_COUNT_REACH:]
    cut = max((n for n, u in enumerate(recent) if u[2]), default=0)  # not across a comma
    return any(u[0].isdigit() for u in recent[cut:])


WEEKDAYS = frozenset(w[:-1] for w in _PLURALS if w[:-1].endswith("day") and w != "weekdays")  # "monday", ...


# Words a day or date may follow with no "on" before it: prepositions, determiners and quantifiers ("until Monday",
# "next Monday", "each Monday", "some Mondays"), and a day's or date's own words ("Monday 3 May", "3 May 2026")
_BEFORE_A_DAY = frozenset("on at in by until till from to since before after every next last this that each of for"
                          " the a an and or than between some most many few several all both no any other".split()) \
    | frozenset(MONTHS) | _SINGULARS


# The weekdays' abbreviations as written, capitalised (CLDR's English abbreviated day names, and "Tues", "Thurs"):
# "Wed", "Sat" and "Sun" are words too, so only a capital makes them days
_DAY_ABBREVIATIONS = frozenset("Mon Tue Tues Wed Weds Thu Thur Thurs Fri Sat Sun".split())
_TITLES = frozenset("Dr Mr Mrs Ms Miss Prof Mx".split())  # before a name


def _weekday(t: tuple, opening: bool, after_name: bool) -> str | None:
    """The weekday a token abbreviates ("Fri", "Weds", "thurs"), or ``None``: one that is a word too ("Sat", "Wed")
    only with a capital, not where any word has one (opening a memory or a sentence: ``opening``) nor after a name or
    a title (``after_name``: "Dr Sun")."""
    shown = t[4].rstrip(".")
    if shown.capitalize() not in _DAY_ABBREVIATIONS:
        return None  # most words
    word = lexicon.is_word(t[0])
    if shown not in _DAY_ABBREVIATIONS and word or word and (opening or after_name):
        return None  # "sat", "Sat on the bench", "Dr Sun": a word, or a name
    return next(d for d in WEEKDAYS if d.startswith(shown[:3].lower()))


_DAY_STARTS = frozenset(MONTHS) | {"the"} | WEEKDAYS  # with a digit and a day's abbreviation, what a date opens with


def _dated(tokens: list[tuple], k: int) -> str:
    """The preposition of the day or date token ``k`` opens, or "": "on" a weekday not followed by a plural
    ("Monday", not "Monday mornings": that takes "on" as "every"), "in" a day number and a month or a month and a day
    (as "in March": a date is read as a day in its month, so "on 21 March" says more than "in March")."""
    day = tokens[k][4].rstrip(".") in _DAY_ABBREVIATIONS
    if not (tokens[k][0][:1].isdigit() or tokens[k][0] in _DAY_STARTS or day):
        return ""  # most words: no day or date opens with them
    words = [tokens[k][0]] + [u[0] for u in tokens[k + 1:k + 4] if not u[2]]
    if words[0] == "the" and words[2:3] == ["of"]:  # "the 14th of July" ("th" read off: "the 14 of july")
        words = [words[1], *words[3:]]
    words = words[:2]
    if words[0] in WEEKDAYS or day:
        return "on" if len(words) < 2 or _plural(words[1]) is None else ""
    dated = len(words) == 2 and (words[0].isdigit() and words[1] in MONTHS or words[0] in MONTHS and words[1].isdigit())
    return "in" if dated else ""


def _verb_or_noun(word: str) -> bool:
    """Whether lemminflect reads a folded word as a verb or a noun, or lacks it ("works", "happens", "netball":
    "Plays netball Tuesday nights"; not "lazy", "most", "the")."""
    readings = getAllLemmas(word)
    return "VERB" in readings or "NOUN" in readings \
        or not readings and word.isalpha() and word not in _BEFORE_A_DAY  # a name, a rare noun; not "from"


def _plural(word: str) -> str | None:
    """The plural of :data:`_PLURALS` a word is, or is misspelt for (one edit away, not itself a word: "evennings",
    "mondyas"), or ``None``."""
    if word in _PLURALS:
        return word
    if len(word) < 6 or not word.endswith("s") or lexicon.is_word(word):
        return None
    return next((p for p in _PLURALS if OSA.distance(word, p, score_cutoff=1) <= 1), None)
