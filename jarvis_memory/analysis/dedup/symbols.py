"""Which of a memory's symbols carry a value and stay: punctuation is dropped when texts are compared, except a
number's own marks (:data:`_MARKS`: "2.5 mg" is not "25 mg", "16:9" not "169", "1/12" not "11/2", "-18C" not "18C")
and the symbols of a value written with them: an e-mail address ("jo.smith@outlook.com" is not "josmith@outlook.com"),
a URL, a name with '+', '++' or '#' ("C++", "C#", "Notepad++", a grade "A+") and a grade or blood group with '-' ("A-",
"AB-").  Such a value is one word."""

from __future__ import annotations

import re
import unicodedata

# Hand-written: an address after RFC 5322's dot-atom (letters, digits, "._+-" before the "@", a dotted domain), a URL
# to the first space, a suffix sign after letters ("C++", "A+"), a minus after one or two capitals ("A-", "AB-")
VALUE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://[^\s,;]*[^\s,;.!?)\]]"
                   r"|\b[^\W\d_]+(?:\+\+|\+|#)(?![\w+#])|\b[A-Z]{1,2}-(?![\w-])")
_SPLIT = re.compile(f"({VALUE.pattern})")
# A number's own marks, kept: ".", ":" and "/" between digits ("2.5 mg", "16:9", "1/12"; spaces around "/" go), a
# decimal comma (not one before three digits: "1,200" is 1200), one dash between two numbers (a range: "12-19", any
# dash; "0000-0003-4417" is a run of groups), a leading "." (".5 mg"), a minus opening a number ("-18C", "-£340") and
# a plus before one ("UTC+2"); hand-written, as the rest of this module: no package marks a number's punctuation
_DASH = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212-"  # the hyphen last: literal in a class
_KEPT = {m: chr(0xE000 + n) for n, m in enumerate(".:,/-+")}  # private use (Co): not punctuation, so not stripped
_UNKEPT = str.maketrans({v: k for k, v in _KEPT.items()})
_ANY_DASH = re.compile(f"[{_DASH}]")
_MARKS = (  # (where, what it is kept as)
    (re.compile(r"(?<=\d) */ *(?=\d)"), lambda m: _KEPT["/"]),
    (re.compile(r"(?<=\d)[.:](?=\d)"), lambda m: _KEPT[m.group()]),
    (re.compile(r"(?<=\d),(?=\d{1,2}(?!\d)|\d{4,})"), lambda m: _KEPT[","]),
    (re.compile(f"(?<![\\d{_DASH}])\\d+[{_DASH}]\\d+(?![\\d{_DASH}])"), lambda m: _ANY_DASH.sub(_KEPT["-"], m.group())),
    (re.compile(r"(?<![\w.,])\.(?=\d)"), lambda m: _KEPT["."]),
    (re.compile(f"(?<![\\w{_DASH}])[-\\u2212](?=[£$€¥₹]?\\d)"), lambda m: _KEPT["-"]),
    (re.compile(r"\+(?=\d)"), lambda m: _KEPT["+"]),
)


# A telephone number written in groups of digits (ITU-T E.123: groups separated by spaces) is its digits: three
# groups or more, or two where the first opens with a 0 (a trunk prefix: "01 833 4419" is "018334419")
_DIGIT_GROUPS = re.compile(r"\b(?:0\d*(?: \d+)+|\d+(?: \d+){2,})\b")


class _StripTable(dict):
    """``str.translate`` table deleting punctuation (P*) and invisible format characters
    (Cf, e.g. zero-width space); filled as code points are met, not for all 1.1M up front."""

    def __missing__(self, cp: int) -> int | None:
        category = unicodedata.category(chr(cp))
        self[cp] = None if category[0] == "P" or category == "Cf" else cp
        return self[cp]


_STRIP = _StripTable()


def normalize_strong(text: str) -> str:
    """NFKC, casefold, punctuation (and zero-width characters) removed, white space collapsed; a number's own marks
    stay (:data:`_MARKS`), as do a value's symbols (:data:`VALUE`: "C++", "A-", an e-mail address); a telephone
    number's groups of digits are joined (:data:`_DIGIT_GROUPS`).

    >>> normalize_strong("  Ｃafé,  STRASSE!\\u200b 2.5, C++")
    'café strasse 2.5 c++'
    """
    parts = _SPLIT.split(unicodedata.normalize("NFKC", text)) if not text.isalnum() else [text]
    out = []
    for n, part in enumerate(parts):
        folded = unicodedata.normalize("NFKC", part.casefold())
        if n % 2 == 0:  # between values: punctuation goes
            if any(c.isdigit() for c in folded):
                for mark, kept in _MARKS:
                    folded = mark.sub(kept, folded)
            folded = folded.translate(_STRIP).translate(_UNKEPT)
        out.append(folded)
    return _DIGIT_GROUPS.sub(lambda m: m[0].replace(" ", ""), " ".join(" ".join(out).split()))
