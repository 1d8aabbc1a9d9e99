"""Whether the longer of two memories counts what the shorter has once, or says what a shared number counts: a
number before the shorter's noun or rate, a fraction, a currency or a label next to a number, a range's other end
(:func:`counted`, one of the checks of :mod:`.subsumption`); and the bound a number has (:func:`bounds`: "under
$500" is no "$500")."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from .recurrence import RATES
from .roles import RELATIONS
from .text import is_number

if TYPE_CHECKING:
    from .text import _Text

# Fractions and multipliers, which count a noun as a number does (Quirk et al. 1985, A Comprehensive Grammar of the
# English Language, 6.67-6.68): "a half marathon" is not a marathon with a detail added
_MULTIPLIERS = frozenset("half quarter double triple treble".split())


_CURRENCIES = frozenset(("pound", "euro", "dollar", "quid", "buck"))


_ELLIPTIC = RELATIONS.keys() | {"", "more"}  # what may follow a count whose noun is left out ("two with her ex")


def counted(shorter: _Text, longer: _Text, extra: set[int]) -> bool:
    """Whether the longer counts a noun the shorter has in the singular: a number before its plural ("for an hour" /
    "for two hours"), a number before the shorter's rate or after its "every" ("twice a week" / "weekly", "every
    other Sunday" / "every Sunday") or a fraction before it (:data:`_MULTIPLIERS`: "the Berlin Marathon" / "the
    Berlin Half Marathon"): the shorter counted one, so a value changed ("Has kids" / "Has two kids" says more,
    "ran a marathon" / "ran his first marathon": an ordinal counts nothing), a currency next to its number (a price,
    not a count), or a number that ends a range from a shared one ("12 August" / "12-19 August").  A word is
    singular where it is its own lemma."""
    counts = any(w.isdigit() and len(w) < 4 or w == "once" for w in shorter.words)  # a count, no year
    for i in extra:
        if counts and i and longer.words[i - 1] in ("and", "plus") and (longer.words[i] == "another" or is_number(
                longer.words[i]) and len(longer.words[i]) < 4 and longer.written[i].lower() != "one"  # "one": a pronoun
                and (longer.words[i + 1] if i + 1 < len(longer.words) else "") in _ELLIPTIC):  # not "and two
            # daughters"
            return True  # "Has one child" / "... one with Jamal and two with her ex": the count grows (not a year)
        if is_number(longer.words[i]) and _range_end(longer, i, extra):
            return True  # "Holiday 12 August" / "Holiday 12-19 August", "from 9 to 5": a range, not a date
        number = next((j for j in (i + 1, i - 1) if 0 <= j < len(longer.words) and is_number(longer.words[j])), None)
        if number is not None and number not in extra and longer.words[number] in shorter.bag \
                and (unicodedata.category(longer.written[i][:1]) == "Sc" or longer.keys[i] in _CURRENCIES):
            return True  # "Bought 15 tickets" / "Bought a £15 ticket", "... 15 euro tickets": a count made a price
        if number is not None and number not in extra and not is_number(longer.words[i]) \
                and not longer.breaks[max(i, number)] and _bare_number(shorter, longer.words[number]):
            return True  # "Her son is 11" / "... is in year 11": a number with nothing after it, now labelled
        if i + 1 in extra:
            continue  # a number before an extra word counts that ("... cap abstracts at 250 words" / "a word count")
        if is_number(longer.words[i]) and i + 1 < len(longer.words) and (j := shorter.first.get(longer.keys[i + 1])) \
                and is_number(shorter.words[j - 1]) and shorter.words[j - 1] != longer.words[i]:
            return True  # "Takes 2 tablets once a day" / "Takes 1 tablet 2 times a day": the noun's count changed
        if i and longer.words[i - 1] == "every" and is_number(longer.words[i]) and "every" in shorter.words:
            return True  # "every other Sunday" (recurrence.py: "every 2 sunday") / "every Sunday"
        if i + 1 < len(longer.words) and longer.words[i + 1] in RATES and is_number(longer.words[i]) \
                and longer.words[i + 1] in shorter.bag:
            return True  # "twice a week" (recurrence.py: "2 weekly") / "once a week" ("weekly")
        if i + 1 < len(longer.words) and (longer.words[i] in _MULTIPLIERS or is_number(longer.words[i])
                                          and longer.words[i + 1] != longer.keys[i + 1]):
            j = shorter.first.get(longer.keys[i + 1])
            if j is not None and shorter.words[j] == shorter.keys[j]:
                return True
    return False


def _bare_number(t: _Text, word: str) -> bool:
    """Whether number ``word`` stands in ``t`` with no word of content right before or after it: what it counts
    or labels is unsaid ("Her son is 11")."""
    i = t.first.get(word)
    content = set(t.content)
    return i is not None and i - 1 not in content and i + 1 not in content


def _range_end(t: _Text, i: int, extra: set[int]) -> bool:
    """Whether number ``i`` of ``t`` and another (not in ``extra``) are a range's ends: next to each other (across a
    hyphen or a dash) or across "to"/"until"."""
    for step in (-1, 1):
        j = i + step
        if 0 <= j + step < len(t.words) and t.words[j] in ("to", "until", "till", "through"):
            j += step
        if 0 <= j < len(t.words) and j not in extra and is_number(t.words[j]):
            return True
    return False


# Words that bound a number ("under $500", "at least 3", "up to 40 kg"), each as the comparison it makes
BOUNDS = {"under": "<", "below": "<", "less": "<", "fewer": "<", "over": ">", "above": ">", "more": ">",
           "least": ">=", "most": "<=", "up": "<="}


def bounds(t: _Text, other: _Text) -> dict[str, str]:
    """Each number of ``t`` that ``other`` has too with a bound before it: its comparison -> the bound and number as
    written."""
    found = {}
    for i in range(1, len(t.words)):
        if t.words[i][:1].isdigit() and t.words[i] in other.bag:
            k = i - 1 - (t.words[i - 1] in ("than", "to"))  # "more than 200", "up to 40"
            if k >= 0 and t.words[k] in BOUNDS and (k == i - 1) == (t.words[k] not in ("less", "fewer", "more", "up")):
                found[f"{BOUNDS[t.words[k]]}{t.words[i]}"] = " ".join(t.written[k:i + 1])
    return found


def counts_a_rate(t: _Text, extra: set[int]) -> bool:
    """Whether the extra words of ``t`` are one number that counts a rate (:data:`.recurrence.RATES`) or an "every"
    right beside it ("twice a week" / "weekly", "every other Sunday" / "every Sunday"): another rate, a value."""
    if len(extra) != 1:
        return False
    i = next(iter(extra))
    return is_number(t.words[i]) and (t.words[i + 1:i + 2] and t.words[i + 1] in RATES or t.words[i - 1:i] == ("every",))
