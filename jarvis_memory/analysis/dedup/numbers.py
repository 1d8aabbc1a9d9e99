"""Numbers written in words, as the digits the audit compares: "two" and "second" are "2" (a word each, below),
"twenty-eight", "two thousand four hundred" and "fortieth" are "28", "2400" and "40th" (`text2num
<https://pypi.org/project/text2num/>`_, a maintained parser of spelled numbers, Rust in its wheel)."""

from __future__ import annotations

import re
import unicodedata

from text_to_num import alpha2digit

# The numbers to twenty and their ordinals, one word each ("Has two kids", "her second marathon")
_CARDINALS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
              " seventeen eighteen nineteen twenty").split()
WORDS = {w: str(i) for i, w in enumerate(_CARDINALS)} | {w: str(i) for i, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth"
    " fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
# A word only a number of several words holds or heads: where none stands, text2num is not asked (most memories)
_COMPOUND = re.compile(r"(?i)\b(?:(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)(?:y|ieth)"
                       r"|(?:hundred|thousand|million|billion)(?:th)?)\b")


# A year said as two numbers of two digits, as it is spoken: "twenty twenty-four", "nineteen ninety" (text2num reads
# them as two numbers, "20 24"); the century "eighteen" to "twenty" (not "ten thirty", a time), the rest ten to 99;
# not after "at" or "for": a time or a price ("at nineteen thirty", "for nineteen ninety-nine")
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_YEAR = re.compile(r"(?i)(?<!\bat )(?<!\bfor )\b(eighteen|nineteen|twenty)"
                   r"[\s-]+((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:" + _UNITS + r"))?"
                   r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b(?!-\w|[\s-]+(?:"
                   + _UNITS + r"|hundred|thousand)\b)")
# A thousands separator ("2,400"; not "1,2,3"; a space after a currency sign: "$2 500", as Canadian and SI style
# write it, not before a unit: "$2 500ml bottles", "$8 250 g") and an amount of money in thousands ("£85k", "$1.5k"; not "5k", a run)
_SEPARATOR = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_SPACED = re.compile(r"(?<=[$£€¥₹])(\d{1,3})[ \u00a0\u202f](?=\d{3}(?![\d,]|\.\d|\s?(?:ml|l|cl|g|kg|mg|oz|lbs?|mm|cm|m|km)\b))")
_THOUSANDS = re.compile(r"(?<=[$£€¥₹])(\d+(?:\.\d{1,3})?)[kK]\b")
_NO_CENTS = re.compile(r"(?<=[$£€¥₹])(\d+)\.00\b")  # "£135.00" is "£135": an amount of money in whole units
# An age said of the subject, "years old" or "years of age" after the number: "Is 38 years old" says "Is 38" (not "a
# 38-year-old house")
_AGE = re.compile(r"(?i)(\b(?:is|am|are|was|were|turns|turned|turning)|['’]s)\s+(\d+|" + "|".join(_CARDINALS)
                  + r")[\s-]+years?[\s-]+(?:old|of\s+age)\b")


def in_digits(text: str) -> str:
    """``text`` with its numbers of several words in digits ("twenty-eight weddings" → "28 weddings"; a number of
    one word is left to :data:`WORDS`: text2num leaves those below 3 as words, "one of them"), without thousands
    separators ("£2,400" → "£2400") or no cents ("£135.00" → "£135"), an amount in thousands in full ("£85k" → "£85000") and an age without "years
    old" ("is 38 years old" → "is 38")."""
    if _COMPOUND.search(text):
        text = alpha2digit(_YEAR.sub(lambda m: _year(m[1], m[2]), text), "en")
    if "," in text:
        text = _SEPARATOR.sub("", text)
    text = _SPACED.sub(r"\1", text)
    if ".00" in text:
        text = _NO_CENTS.sub(r"\1", text)
    if "k" in text or "K" in text:
        text = _THOUSANDS.sub(lambda m: _thousand(m[1]), text)
    if "old" in text or "age" in text:
        text = _AGE.sub(r"\1 \2", text)
    return text


def _year(century: str, rest: str) -> str:
    """A spoken year in digits: "twenty", "twenty-four" → "2024"."""
    return alpha2digit(century, "en") + alpha2digit(rest.replace("-", " "), "en").replace(" ", "")


def _thousand(amount: str) -> str:
    """``amount`` (digits, a decimal point or none) times 1,000, in digits: "85" → "85000", "1.5" → "1500"."""
    whole, _, part = amount.partition(".")
    return str(int(whole + part.ljust(3, "0")))


def spoken(tokens: list[tuple]) -> list[tuple]:
    """Tokens (:func:`.text._tokens`) with a currency before its number read after it, as it is said: "$2,000" as "2000
    dollar", as "2,000 dollars" reads (a sign is written first, its name said last)."""
    out = list(tokens)
    for k in range(len(out) - 1):
        sign = out[k][4]
        if len(sign) == 1 and unicodedata.category(sign) == "Sc" and out[k + 1][0][:1].isdigit() and not out[k + 1][2]:
            out[k], out[k + 1] = (*out[k + 1][:2], out[k][2], *out[k + 1][3:]), (*out[k][:2], False, *out[k][3:])
    return out
