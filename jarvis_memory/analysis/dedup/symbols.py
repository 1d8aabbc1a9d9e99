"""Which of a memory's symbols carry a value and stay: punctuation is dropped when texts are compared, except a '.'
or ':' between digits ("2.5 mg" is not "25 mg", "16:9" not "169") and the symbols of a value written with them: an
e-mail address ("jo.smith@outlook.com" is not "josmith@outlook.com"), a URL, a name with '+', '++' or '#' ("C++",
"C#", "Notepad++", a grade "A+") and a grade or blood group with '-' ("A-", "AB-").  Such a value is one word."""

from __future__ import annotations

import re
import unicodedata

# Hand-written: an address after RFC 5322's dot-atom (letters, digits, "._+-" before the "@", a dotted domain), a URL
# to the first space, a suffix sign after letters ("C++", "A+"), a minus after one or two capitals ("A-", "AB-")
VALUE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://[^\s,;]*[^\s,;.!?)\]]"
                   r"|\b[^\W\d_]+(?:\+\+|\+|#)(?![\w+#])|\b[A-Z]{1,2}-(?![\w-])")
_SPLIT = re.compile(f"({VALUE.pattern})")
_IN_NUMBER = re.compile(r"(?<=\d)[.:](?=\d)")
_KEPT = {".": "\ue000", ":": "\ue001"}  # private-use characters (Co): not punctuation, so not stripped
_UNKEPT = str.maketrans({"\ue000": ".", "\ue001": ":"})


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
    """NFKC, casefold, punctuation (and zero-width characters) removed, white space collapsed; a '.' or ':'
    between digits stays, as do a value's symbols (:data:`VALUE`: "C++", "A-", an e-mail address); a telephone
    number's groups of digits are joined (:data:`_DIGIT_GROUPS`).

    >>> normalize_strong("  Ｃafé,  STRASSE!\\u200b 2.5, C++")
    'café strasse 2.5 c++'
    """
    parts = _SPLIT.split(unicodedata.normalize("NFKC", text)) if not text.isalnum() else [text]
    out = []
    for n, part in enumerate(parts):
        folded = unicodedata.normalize("NFKC", part.casefold())
        if n % 2 == 0:  # between values: punctuation goes
            if "." in folded or ":" in folded:
                folded = _IN_NUMBER.sub(lambda m: _KEPT[m.group()], folded)
            folded = folded.translate(_STRIP).translate(_UNKEPT)
        out.append(folded)
    return _DIGIT_GROUPS.sub(lambda m: m[0].replace(" ", ""), " ".join(" ".join(out).split()))
