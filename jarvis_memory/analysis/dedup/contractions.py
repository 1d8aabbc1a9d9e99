"""Contractions, clitics and speech's fused forms written out: "don't" as "do not", "she's" and a noun's "'s" as "is" or
"has" where no possessed noun follows, "I'm" as "I am", "gonna" as "going to", "dont" as "do not" (Quirk et al. 1985,
3.23 and 3.42): the words the audit compares, whichever way a memory was typed or dictated."""

from __future__ import annotations

import re

from . import lexicon

_CONTRACTION = re.compile(r"(?i)\b(\w+?)n['’]t\b")  # "don't" -> "do not"
_CONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}  # "can't", "won't", "shan't": the stem is not the verb
_PRONOUN_S = re.compile(r"(?i)\b(she|he|it|that|there|who|what)['’]s\b(\s+(?:been|got|gotten|had)\b)?")
# A pronoun's "'s" is "is", or "has" before a participle: "She's a nurse", "He's been to Oslo"; and so is a
# noun's before what no possessed noun starts with: an article, "not", a preposition, an adverb of
# time, or an adjective with no noun after it ("Léa's allergic to nuts", "Dad's a nurse", "Tom's in Oslo"; not
# "Tom's new car", "Mum's cooking"); "has" before a participle ("Dad's been to Oslo")
_NOUN_S = re.compile(r"(?i)(?<=\w)['’]s(?=\s+([a-z]+)\b(?![-'’])(?:\s+([a-z]+))?)")
_PLACES = frozenset(("at", "to", "from", "by", "near", "round", "around"))  # before "Tom's": the place where Tom lives
_IS_NEXT = frozenset("a an the not no never always still now also in at on from into with away here off out over"
                     " going".split())
# "I'm", "I've" and their forms typed without the apostrophe ("im", "ive": no English words) are "I am", "I have";
# "were", "youll", "wed" stay as typed: notes drop the apostrophe, and "were" is a word
_CLITIC = re.compile(r"(?i)\b(i)['’]?(m|ve)\b")
_CLITICS = {"m": " am", "ve": " have"}
# A pronoun's "'ll", "'re", "'ve" and "'d" with its apostrophe: "will", "are", "have", and "had" before a participle
# ("She'd never seen snow"), else "would" ("He'd like a quiet birthday"; Quirk et al. 1985, 3.23)
_PRONOUN_CLITIC = re.compile(r"(?i)\b(i|you|he|she|it|we|they|that|who|there)['’](ll|re|ve|d)\b"
                             r"(?=((?:\s+(?:never|already|just|not))?\s+([a-z]+))?)")
_PRONOUN_CLITICS = {"ll": " will", "re": " are", "ve": " have"}
# Speech's fused forms, a closed set (Quirk et al. 1985, 3.42, note): "gonna" is "going to", as a voice note writes it
_FUSED = {"gonna": "going to", "wanna": "want to", "gotta": "got to", "hafta": "have to", "kinda": "kind of",
          "sorta": "sort of", "dunno": "do not know", "lemme": "let me", "gimme": "give me"}
_FUSED_FORM = re.compile(r"(?i)\b(" + "|".join(_FUSED) + r")\b")
# A contraction typed without its apostrophe ("dont", "isnt", "cant"): the auxiliaries that take "n't" (Quirk et
# al. 1985, 3.23), a closed class; "cant" and "wont" are also rare nouns, read as the contractions notes mean
_UNMARKED = re.compile(r"(?i)\b(do|does|did|is|are|was|were|has|have|had|could|would|should|must|need|ca|wo)nt\b")


def expanded(text: str) -> str:
    """``text`` with its contractions, clitics and fused forms written out (a possessive's "'s" left for
    :mod:`.text`, which shows it)."""
    text = _CLITIC.sub(lambda m: m[1] + _CLITICS[m[2].casefold()], text)
    if "'" in text or "’" in text:
        text = _CONTRACTION.sub(lambda m: _CONTRACTED.get(m[1].casefold(), m[1]) + " not", text)
        text = _PRONOUN_CLITIC.sub(_pronoun_clitic, text)
        text = _PRONOUN_S.sub(lambda m: m[1] + (" has" + m[2] if m[2] else " is"), text)
        text = _NOUN_S.sub(_noun_s, text)
    text = _FUSED_FORM.sub(lambda m: _FUSED[m[1].casefold()], text)
    if "nt" in text:
        text = _UNMARKED.sub(lambda m: _CONTRACTED.get(m[1].casefold(), m[1]) + " not", text)
    return text


def _noun_s(m: re.Match) -> str:
    """A noun's "'s" as "is" or "has" where no possessed noun follows it (:data:`_NOUN_S`), else as it was."""
    follower, after = m[1].casefold(), (m[2] or "").casefold()
    before = m.string[:m.start()].split()
    if len(before) > 1 and before[-2].casefold() in _PLACES:
        return m[0]  # "Has dinner at Tom's on Fridays": a place, Tom's home
    if follower in ("been", "got", "gotten") or lexicon.is_participle(follower) and not (after and lexicon.is_noun(after)):
        return " has"  # "Tom's left the company"; not "Tom's left hand"
    adjective = lexicon.is_adjective(follower) and not (after and lexicon.is_noun(after))
    return " is" if follower in _IS_NEXT or adjective else m[0]


def _pronoun_clitic(m: re.Match) -> str:
    """A pronoun's clitic written out (:data:`_PRONOUN_CLITIC`)."""
    clitic, follower = m[2].casefold(), (m[4] or "").casefold()
    if clitic != "d":
        return m[1] + _PRONOUN_CLITICS[clitic]
    return m[1] + (" had" if follower == "been" or lexicon.is_participle(follower) else " would")
