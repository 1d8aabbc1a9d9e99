"""A time of day as one word, however it is written: "3pm", "3 pm", "3:00 p.m.", "15:00" and "15.00h" are all
"15:00"; "9am", "9:00 am", "09:00" are "9:00"; "noon" and "midnight" are "12:00" and "0:00".  So two memories that
write one time two ways say the same, and two times stay two values ("at 3pm" / "at 4pm").

The 12-hour clock's "am"/"pm" (also "a.m.", "p.m.") after an hour, with or without its minutes, is read on the
24-hour clock (12 am is 0:00, 12 pm 12:00; ISO 8601's hh:mm, without the leading zero).  An hour with minutes and no
"am"/"pm" is taken as written (it is on the 24-hour clock, or ambiguous: "at 7:30" stays "7:30"); a bare number is
no time ("at 3" stays "3"), nor is "15.00" without "am"/"pm" or an "h" (it may be a price)."""

from __future__ import annotations

import re

_HOUR = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$")  # "3", "3:00", "3.00" ("15.00h": its "h" a word of its own)
_NAMED = {"noon": "12:00", "midday": "12:00", "midnight": "0:00"}


def read(tokens: list[tuple]) -> list[tuple]:
    """Tokens (:func:`.text._tokens`: ``(word, spelled, break before, name, as written, hyphen)``) with each time
    of day as one token of word ``H:MM`` (module docstring); its words as written joined by a space."""
    out: list[tuple] = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
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
