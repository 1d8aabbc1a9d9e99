"""Times of day and dates as one spelling, however they are written, so two memories that write one time two ways
say the same, and two times stay two values ("at 3pm" / "at 4pm").

*A time of day* is one word ``H:MM``: "3pm", "3 pm", "3:00 p.m.", "15:00" and "15.00h" are "15:00"; "9am", "9:00
am", "09:00" are "9:00"; "noon" and "midnight" are "12:00" and "0:00".  The 12-hour clock's "am"/"pm" (also "a.m.",
"p.m.") after an hour, with or without its minutes, is read on the 24-hour clock (12 am is 0:00, 12 pm 12:00;
ISO 8601's hh:mm, without the leading zero).  An hour with minutes and no "am"/"pm" is taken as written (on the
24-hour clock, or ambiguous: "at 7:30" stays "7:30"); a bare number is no time ("at 3" stays "3"), nor is "15.00"
without "am"/"pm" or an "h" (it may be a price).

*A date written in numbers* is read as the words a date is written in: "2026-05-03" (ISO 8601), "3.5.2026" and
"14/03" (day first) are "3 may 2026" and "14 march", as "3 May 2026", "May 3rd, 2026" and "14th March" are read.
Day and month are told apart only where one of the two is over 12 ("14/03", "03/14"); "03/04" stays two numbers
(3 April in Britain, March 4 in the United States), and two numbers joined by a hyphen are a range ("12-19
August").  A two-digit year is of this century ("14-03-26")."""

from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon

_HOUR = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$")  # "3", "3:00", "3.00" ("15.00h": its "h" a word of its own)
_NAMED = {"noon": "12:00", "midday": "12:00", "midnight": "0:00"}
MAY_HOLD = re.compile(r"\d|noon|midday|midnight|quarter|half", re.IGNORECASE)  # what :func:`read` may change
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")  # "3.5.2026": day first
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")


# A month's abbreviation beside a day or a year is the month ("Feb 2025", "12 Sept"): Jan., Feb., ... in the
# abbr2words registry (abbreviations.abbreviation), read here where a date is read; alone ("in Dec") that test meets it
_SHORT_MONTHS = {**{m[:3]: m for m in MONTHS if m != "may"}, "sept": "september"}


def read(tokens: list[tuple]) -> list[tuple]:
    """Tokens (:func:`.text._tokens`: ``(word, spelled, break before, name, as written, hyphen)``) with each time
    of day as one token of word ``H:MM`` (its words as written joined by a space), each date in numbers as its
    day, month name and year (module docstring), a month's abbreviation beside a number as the month."""
    out: list[tuple] = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        if t[0] in _SHORT_MONTHS and any(u[0].isdigit() and not u[2]
                                         for u in tokens[max(k - 1, 0):k] + tokens[k + 1:k + 2]):  # beside it
            t = (_SHORT_MONTHS[t[0]], *t[1:])
        spoken = _spoken(tokens, k) if out and out[-1][0] in _AT and not (
            out[-1][0] == "from" and t[0][:1].isdigit()) else None  # "from 9 to 5": a range, no 4:51
        if spoken:  # "quarter past 6", "20 to 3", "half 5" (British: half past 5)
            width, word = spoken
            out.append((word, word, t[2], False, " ".join(u[4] for u in tokens[k:k + width]), False))
            k += width
            continue
        if not t[0][:1].isdigit() and t[0] not in _NAMED:
            out.append(t)  # most words: no time, no date
            k += 1
            continue
        date = _date(tokens, k) if t[0][:1].isdigit() else None
        if date is not None:
            width, day, month, year = date
            run = {int(u[0]): u[4] for u in tokens[k:k + width] if u[0].isdigit()}  # each part as written
            parts = [(str(day), run.get(day, t[4])), (MONTHS[month - 1], run.get(month, "")),
                     *([(str(year), run.get(year, run.get(year % 100, "")))] if year else [])]
            out += [(w, w, t[2] if n == 0 else False, False, shown, False) for n, (w, shown) in enumerate(parts)]
            k += width
            continue
        match = _HOUR.match(t[0])
        if t[0] in _NAMED:
            out.append((_NAMED[t[0]], _NAMED[t[0]], *t[2:]))
            k += 1
            continue
        if match is None:
            out.append(t)
            k += 1
            continue
        hour, minutes = int(match[1]), int(match[2] or 0)
        after = [u[0] for u in tokens[k + 1:k + 3]]
        width = 2 if after[:1] in (["am"], ["pm"], ["h"]) else 3 if after in (["a", "m"], ["p", "m"]) else 1
        meridiem = "".join(after[:width - 1])
        if meridiem in ("am", "pm") and 1 <= hour <= 12 and minutes < 60:
            hour = hour % 12 + (12 if meridiem == "pm" else 0)
        elif not (match[2] and (meridiem == "h" or ":" in t[0]) and hour < 24 and minutes < 60):
            out.append(t)
            k += 1
            continue
        word = f"{hour}:{minutes:02d}"
        out.append((word, word, t[2], False, " ".join(u[4] for u in tokens[k:k + width]), tokens[k + width - 1][5]))
        k += width
    return out


_AT = frozenset("at by from until till around about before after since".split())  # prepositions before a time
_PARTS = {"quarter": 15, "half": 30}
_SIDES = {"past": 1, "after": 1, "to": -1}
_THEN = frozenset("am pm every each on in at and or daily".split())  # what may follow a spoken time


def _spoken(tokens: list[tuple], k: int) -> tuple[int, str] | None:
    """``(tokens read, "H:MM")`` of a clock time said in words at token ``k``, after a preposition of time: "(a)
    quarter past 6", "half past 5", "20 (minutes) to 3", "half 5" (British for half past five: Collins English
    Dictionary, "half", sense 13), "am"/"pm" after it read too; or ``None``."""
    words = [u[0] for u in tokens[k:k + 5]]
    start = 1 if words[:2] == ["a", "quarter"] else 0
    first = words[start] if start < len(words) else ""
    minutes = _PARTS.get(first) or (int(first) if first.isdigit() and 0 < int(first) < 60 else 0)
    step = start + 1 + (words[start + 1:start + 2] == ["minutes"] and first.isdigit())
    side = _SIDES.get(words[step]) if step < len(words) else None
    if not minutes or side is None and not (first == "half" and step < len(words) and words[step].isdigit()):
        return None
    at = step + (side is not None)
    if at >= len(words) or not words[at].isdigit() or not 1 <= int(words[at]) <= 12 or side == -1 and first == "half":
        return None
    after = tokens[k + at + 1] if k + at + 1 < len(tokens) else None
    if after is not None and not after[2] and after[0] not in _THEN and lexicon.is_noun(after[0]):
        return None  # "at 5 to 10 people": no time
    hour = int(words[at]) - (side == -1)
    minute = 60 - minutes if side == -1 else minutes
    meridiem = after[0] if after is not None and not after[2] and after[0] in ("am", "pm") else ""
    hour = hour % 12 + 12 * (meridiem == "pm") if meridiem else hour or 12
    return at + 1 + bool(meridiem), f"{hour}:{minute:02d}"


@lru_cache(maxsize=100_000)
def same_time(x: str, y: str) -> bool:
    """Whether two words (numbers as :func:`read` leaves them) name one time of day: one hour and minutes written
    with "." (British usage) and ":" ("8.15" / "8:15"), or a bare hour and that hour on either half of the clock
    ("at 9" / "at 9am", "at 7" / "at 19:00")."""
    mx, my = _HOUR.match(x), _HOUR.match(y)
    if x == y or mx is None or my is None:
        return False
    (hx, minx), (hy, miny) = ((int(m[1]), int(m[2] or 0)) for m in (mx, my))
    if bool(mx[2]) == bool(my[2]):
        return (hx, minx) == (hy, miny) and bool(mx[2])
    bare, timed, minutes = (hx, hy, miny) if not mx[2] else (hy, hx, minx)
    return minutes == 0 and 1 <= bare <= 12 and timed % 12 == bare % 12


def _date(tokens: list[tuple], k: int) -> tuple[int, int, int, int] | None:
    """``(tokens read, day, month, year or 0)`` of a date in numbers starting at token ``k``, or ``None``."""
    dotted = _DOTTED.match(tokens[k][0])
    if dotted:
        day, month, year = (int(g) for g in dotted.groups())
        return (1, day, month, _century(year)) if 1 <= day <= 31 and 1 <= month <= 12 else None
    run = []  # numbers written together: "14/03/2026" is read as three tokens, none after a break
    for u in tokens[k:k + 3]:
        if not u[0].isdigit() or run and u[2]:
            break
        run.append(int(u[0]))
    if len(run) == 3 and run[0] > 999 and tokens[k][5]:  # ISO 8601: year-month-day
        year, month, day = run
        return (3, day, month, year) if 1 <= month <= 12 and 1 <= day <= 31 else None
    if len(run) < 2 or run[0] > 31 or run[1] > 31 or (run[0] > 12) == (run[1] > 12) or 0 in run[:2] \
            or len(run) == 2 and tokens[k][5]:
        return None  # "12-19 August": two numbers joined by a hyphen are a range
    day, month = (run[0], run[1]) if run[0] > 12 else (run[1], run[0])
    year = run[2] if len(run) == 3 and (run[2] < 100 or 1900 < run[2] < 2200) else 0
    return 2 + bool(year), day, month, _century(year)


def _century(year: int) -> int:
    return year + 2000 if 0 < year < 100 else year
