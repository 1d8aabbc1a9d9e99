"""The dedup audit: duplicates and variants among memory entries (contract C).

The unique index on ``content_hash`` only stops repeats of the same trimmed,
lower-cased text, and only when the writer stored a correct hash.  This module
finds what slips through, on the loader's ``ds.memories`` frame, and gives every
flagged pair of memories in one category one kind:

* **exact**: equal *recomputed* hash (possible only through NULL or wrong stored hashes);
* **normalized**: equal after :func:`normalize_strong` (Unicode form, case, punctuation, spacing);
* **near**: the same statement with a typo, filler words ("really", "just") or its words reordered;
* **paraphrase**: the same content words in other function words ("two of them are" / "two are");
  numbers as digits ("two" / "2", "fourth" / "4th"); a changed tense ("lives" / "lived") is a variant;
* **subsumed**: one memory says everything the other says, and more, added as a phrase
  of its own ("Lost her job" / "Lost her job last month");
* **variant** -- never a duplicate: the same statement with one value changed (another
  person, place, food, time, number: "meetings at 9am" / "at 10am"), a real word
  replaced by another ("hiking" / "biking", "cat" / "car"), or negated ("is allergic" /
  "is not allergic").  Variants of one statement form one *review group*.

Is a changed word a typo?  Only if the two words are one edit apart (two for words of 8+
letters) and at least one of them is *unknown*: rarer than ``KNOWN_ZIPF`` on the
`wordfreq <https://pypi.org/project/wordfreq/>`_ Zipf scale (English; the data ships
in the package, nothing is downloaded) and written in fewer than ``CORPUS_KNOWN``
memories of the audited frame (the corpus's own names and jargon).  Two correctly
spelled words ("cat"/"car", "Dana"/"Dina" when both are used) are a variant.

Pairs are never searched over all n²/2.  Candidate pairs come from blocks: rows
sharing a category and one of their ``RARE_KEYS`` rarest shared words (scored by
``rapidfuzz.process.cdist``, kept from ``FUZZY_FLOOR``); rows with the same set of
content words (reordered, paraphrased, negated); and rows equal once one content word,
or two adjacent ones, are cut out ("prefers meetings at _").  A cut block larger than
``MAX_PAIRWISE`` rows (one sentence with thousands of values) is classified as a whole,
by its values, instead of pair by pair.  Clusters are connected components, found with
NumPy (no graph library such as scipy or networkx is a dependency).

The checks share one cached analysis of the last frame seen, so a notebook can
call them one after another at the cost of one.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from wordfreq import zipf_frequency

from ..errors import ValidationError
from ..store import config, validate
from ..store.hashing import content_hash

KINDS = ("exact", "normalized", "near", "paraphrase", "subsumed", "variant")
DUPLICATE_KINDS = ("exact", "normalized", "near", "paraphrase", "subsumed")
DEFAULT_THRESHOLD = 60  # tuned on demo databases with planted hard negatives (see tests/test_dedup.py)
NEAR_FLOOR = 50  # lowest threshold accepted, and the sweep's start
SWEEP = tuple(range(NEAR_FLOOR, 101, 5))
FUZZY_FLOOR = 90  # rare-word blocks keep pairs scoring at least this: a subsumed text scores ~100, the
# other kinds share a same-words or cut block (tuned on the demo: siblings two values apart score 75-90)
RARE_KEYS = 3  # blocking keys per row: at least its rarest words that some other row shares,
PREFIX_SHARE = 0.3  # and this share of its words, rarest first
RARE_MAX = 50  # a word in more rows than this (per category) is no blocking key
MAX_BLOCK = 200  # rows compared all-pairs at most; larger blocks become windows of this size
MAX_PAIRWISE = 50  # a cut block (one word apart) larger than this is classified by its values
MAX_CHANGED = 3  # content words one changed value may span ("São Paulo", "9 30 pm")
KNOWN_ZIPF = 3.0  # wordfreq Zipf frequency (log10 per billion words) of a known word: ~1 per million
CORPUS_KNOWN = 3  # a word written in this many memories is the corpus's own word
COLUMNS = ("id", "content", "content_hash", "category")

# Words whose change leaves a memory's statement as it was.  Hand-written because the
# stop-word lists of NLP libraries (NLTK, spaCy, scikit-learn) hold negations, pronouns,
# quantifiers and prepositions ("not", "she", "before", "without") that change a fact.
FILLER = frozenset(
    "really very just actually basically quite definitely honestly literally simply truly certainly also too"
    " so pretty".split())
FUNCTION_WORDS = FILLER | frozenset(
    "a an the of and that which who whom this these those there it its to is are be been being"
    " has have do does all them other user users currently".split())  # past forms (was, had) change a fact
NEGATIONS = frozenset("not no never nobody nothing none neither nor cannot stop stops stopped quit quits skip skips"
                      " skipped cease ceased".split())
NEGATION_SCOPE = 4  # words after a negation that it negates (up to punctuation)
# Words of a hedging clause that opens or closes a memory ("As far as I know, ...", "..., I think"):
# dropped, the statement is the same.
HEDGES = frozenset("as far i know think believe guess apparently basically honestly fyi actually probably maybe"
                   " perhaps seems it to me if remember correctly afaik iirc imo btw by the way reportedly"
                   " supposedly allegedly just so you right".split())
HEDGE_OPENERS = frozenset("apparently basically honestly actually probably maybe perhaps reportedly supposedly"
                          " allegedly fyi btw afaik iirc imo".split())
BELIEFS = frozenset("think believe guess suppose reckon".split())
# Words that start a phrase of its own: an added phrase starting with one is new
# information about the same statement ("lost her job *at* ...", "*last* month").
PHRASE_STARTS = frozenset(
    "at in on with for from after before since until during while when because but or and to by near about"
    " around every each last next this yesterday today tomorrow ago recently now as according except especially"
    " mostly usually where which who whose so then once twice unless if though although including plus also"
    " most".split())
# Words that carry a value like a number does (a changed one is a likely conflict).
VALUE_WORDS = frozenset(
    "january february march april may june july august september october november december monday tuesday"
    " wednesday thursday friday saturday sunday am pm noon midnight morning mornings afternoon afternoons"
    " evening evenings night nights tonight today tomorrow yesterday weekend weekends weekday weekdays daily"
    " weekly monthly yearly hourly".split())
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
    " seventeen eighteen nineteen twenty".split())} | {w: str(i) for i, w in enumerate(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth"
    " fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_ORDINAL_SUFFIXES = frozenset(("st", "nd", "rd", "th"))
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})  # German written without umlauts


# -- normalisation ----------------------------------------------------------------
class _StripTable(dict):
    """``str.translate`` table deleting punctuation (P*) and invisible format characters
    (Cf, e.g. zero-width space); filled as code points are met, not for all 1.1M up front."""

    def __missing__(self, cp: int) -> int | None:
        category = unicodedata.category(chr(cp))
        self[cp] = None if category[0] == "P" or category == "Cf" else cp
        return self[cp]


_STRIP = _StripTable()


def normalize_strong(text: str) -> str:
    """NFKC, casefold, punctuation (and zero-width characters) removed, white space collapsed.

    >>> normalize_strong("  Ｃafé,  STRASSE!\\u200b ")
    'café strasse'
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(folded.translate(_STRIP).split())


_CONTRACTION = re.compile(r"(?i)\b(can|won|\w+?)n['’]t\b")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")  # "Anna's" is the name "Anna"
_TOKEN = re.compile(r"\d+|[^\W\d_]+|[.,;:!?()\[\]—–]")
_BREAKS = frozenset(".,;:!?()[]—–")


@dataclass(frozen=True, slots=True)
class _Text:
    """A memory as folded words (accents, case, contractions and number words undone)."""

    words: tuple[str, ...]  # "two" and "2nd" as "2"
    spelled: tuple[str, ...]  # as written (folded), for the typo test: "foour" is a typo of "four", not of "4"
    breaks: tuple[bool, ...]  # punctuation before the word
    names: tuple[bool, ...]  # capitalised where it does not start the text
    negations: int
    negated: tuple[str, ...]  # content words a negation applies to ("not" + up to NEGATION_SCOPE words)
    content: tuple[int, ...]  # positions of content words (not function words, not negations)
    bag: dict[str, int]  # content words -> how often
    first: dict[str, int]  # content word -> its first position


def _text(raw: str) -> _Text:
    text = unicodedata.normalize("NFKC", raw)
    if "'" in text or "’" in text:
        text = _CONTRACTION.sub(lambda m: {"can": "can", "won": "will"}.get(m[1].casefold(), m[1]) + " not", text)
        text = _POSSESSIVE.sub("", text).replace("'", "").replace("’", "")
    tokens: list[tuple[str, str, bool, bool]] = []  # (word, spelled, break before, name)
    brk = True
    for token in _TOKEN.findall(text):
        if token in _BREAKS:
            brk = True
            continue
        spelled = _fold(token)
        if spelled in _ORDINAL_SUFFIXES and tokens and tokens[-1][0].isdigit() and not brk:
            continue  # "4th" is 4
        tokens.append((_NUMBER_WORDS.get(spelled, spelled), spelled, brk, bool(tokens) and token[0].isupper()
                       and not token.isupper()))
        brk = False
    tokens = _without_hedges(tokens)
    words = tuple(t[0] for t in tokens)
    breaks = tuple(t[2] for t in tokens)
    content = tuple(i for i, w in enumerate(words) if w not in FUNCTION_WORDS and w not in NEGATIONS)
    negated = []
    for i, w in enumerate(words):
        if w in NEGATIONS:
            for j in range(i + 1, min(len(words), i + 1 + NEGATION_SCOPE)):
                if breaks[j]:
                    break
                negated.append(words[j])
    first: dict[str, int] = {}
    for i in reversed(content):
        first[words[i]] = i
    return _Text(words, tuple(t[1] for t in tokens), breaks, tuple(t[3] for t in tokens),
                 sum(w in NEGATIONS for w in words), tuple(sorted(negated)), content,
                 dict(Counter(words[i] for i in content)), first)


def _without_hedges(tokens: list[tuple[str, str, bool, bool]]) -> list[tuple[str, str, bool, bool]]:
    """The tokens without an opening or closing clause made only of :data:`HEDGES`, and without
    opening hedge words ("Apparently ...", "I think ...")."""
    while len(tokens) > 2 and tokens[0][1] in HEDGE_OPENERS:
        tokens = tokens[1:]
    if len(tokens) > 3 and tokens[0][1] == "i" and tokens[1][1] in BELIEFS:
        tokens = tokens[3:] if tokens[2][1] == "that" else tokens[2:]
    starts = [i for i, t in enumerate(tokens) if t[2]] + [len(tokens)]
    if len(starts) > 2:
        opening = tokens[:starts[1]]
        if all(t[1] in HEDGES for t in opening):
            tokens = tokens[starts[1]:]
            starts = [i - starts[1] for i in starts[1:]]
    if len(starts) > 2:
        closing = tokens[starts[-2]:]
        if all(t[1] in HEDGES for t in closing):
            tokens = tokens[:starts[-2]]
    return tokens


@lru_cache(maxsize=200_000)
def _fold(token: str) -> str:
    """Casefolded, umlauts transliterated, accents removed, numbers as digits: "Zoë" → "zoe", "09" → "9"."""
    if token.isdigit():
        return str(int(token))
    return "".join(c for c in unicodedata.normalize("NFKD", token.casefold().translate(_TRANSLITERATION))
                   if not unicodedata.combining(c))


class _Vocabulary:
    """Which words are real: known to wordfreq, or written in ``CORPUS_KNOWN`` memories of the frame."""

    def __init__(self, texts: list[_Text]):
        self.df = Counter(w for t in texts for w in set(t.words))
        self._known: dict[str, bool] = {}
        self._typos: dict[tuple[str, str], bool] = {}

    def known(self, word: str) -> bool:
        if word not in self._known:
            self._known[word] = self.df[word] >= CORPUS_KNOWN or zipf_frequency(word, "en") >= KNOWN_ZIPF
        return self._known[word]

    def typo(self, x: str, y: str) -> bool:
        """Whether ``y`` is ``x`` mistyped (or the reverse): a small edit, and not two real words."""
        if x == y:
            return True
        if (x, y) not in self._typos:
            self._typos[x, y] = self._typo(x, y)
        return self._typos[x, y]

    def _typo(self, x: str, y: str) -> bool:
        if abs(len(x) - len(y)) > 2 or x.isdigit() or y.isdigit() or min(len(x), len(y)) < 3 or (x in VALUE_WORDS and y in VALUE_WORDS):
            return False
        if OSA.distance(x, y, score_cutoff=2) > (2 if min(len(x), len(y)) >= 8 else 1):
            return False
        return not (self.known(x) and self.known(y))


class _Verdict(NamedTuple):  # a named tuple: made once per compared pair, faster than a frozen dataclass
    kind: str | None
    key: tuple = ()  # variants: what the two texts share (the statement without its value)
    value_a: str = ""
    value_b: str = ""
    change: str = ""  # variants: negation, value, word or subject


_NONE = _Verdict(None)


def _compare(a: _Text, b: _Text, vocabulary: _Vocabulary) -> _Verdict:
    """The kind of two different texts: near, paraphrase, subsumed, variant, or ``None`` (unrelated)."""
    bag_a, bag_b = a.bag, b.bag
    only_a = [w for w, n in bag_a.items() if n > bag_b.get(w, 0)]
    only_b = [w for w, n in bag_b.items() if n > bag_a.get(w, 0)]
    if len(only_a) > MAX_CHANGED + 1 and len(only_b) > MAX_CHANGED + 1:
        return _NONE  # several words changed on both sides: two different memories
    typos = []
    if only_a and only_b and len(only_a) * len(only_b) <= 16:
        spelled_a = {w: a.spelled[a.first[w]] for w in only_a}
        spelled_b = {w: b.spelled[b.first[w]] for w in only_b}
        if not all(map(vocabulary.known, [*spelled_a.values(), *spelled_b.values()])):  # a typo needs an unknown word
            for w in list(only_a):
                match = next((v for v in only_b if vocabulary.typo(spelled_a[w], spelled_b[v])), None)
                if match is not None:
                    only_a.remove(w)
                    only_b.remove(match)
                    typos.append((w, match))
            typos += _merged(a, only_a, b, only_b) or [(x, y) for y, x in _merged(b, only_b, a, only_a)]
    shared = tuple(sorted(bag_a.keys() & bag_b.keys()))
    if typos:
        shared += tuple(sorted(v for _, v in typos))
    if a.negated or b.negated:
        in_both = set(shared) | {w for w, _ in typos}
        as_a = {v: w for w, v in typos}  # b's misspelt words as a writes them
        negation_differs = sorted(w for w in a.negated if w in in_both) \
            != sorted(as_a.get(w, w) for w in b.negated if as_a.get(w, w) in in_both)
    else:
        negation_differs = a.negations != b.negations
    if negation_differs:
        # what one negates the other states ("not allergic", "stopped running", "paragraphs, not bullet points")
        if len(only_a) + len(only_b) <= MAX_CHANGED and len(shared) >= 2:
            return _Verdict("variant", shared + ("\x02not",), _negated(a), _negated(b), "negation")
        return _NONE
    if not only_a and not only_b:
        return _Verdict("near" if _same_words(a, b, typos) else "paraphrase")
    if only_a and only_b:
        run_a, run_b = _run(a, only_a, a.first), _run(b, only_b, b.first)
        if run_a is None or run_b is None or max(len(only_a), len(only_b)) > MAX_CHANGED \
                or len(shared) <= max(len(only_a), len(only_b)):
            return _NONE
        if _mixes_names_and_numbers(a, run_a) or _mixes_names_and_numbers(b, run_b):
            return _NONE  # "David 270" → "Maria 80": a person and an amount, two values
        run_a, run_b = _whole_value(a, run_a, b, run_b)
        value_a, value_b = " ".join(a.spelled[run_a[0]:run_a[1]]), " ".join(b.spelled[run_b[0]:run_b[1]])
        return _Verdict("variant", shared, value_a, value_b, _change(a, run_a, b, run_b))
    longer, shorter, extra = (a, b, only_a) if only_a else (b, a, only_b)
    positions = {i for w in extra
                 for i in [i for i in longer.content if longer.words[i] == w][shorter.bag.get(w, 0):]}
    if len(shared) >= 2 and _in_order(shorter, longer) and _added_phrases(longer, positions):
        return _Verdict("subsumed")
    return _NONE


def _same_words(a: _Text, b: _Text, typos: list[tuple[str, str]]) -> bool:
    """Equal words apart from filler, order and the typos: near rather than paraphrase."""
    left = Counter(w for w in a.words if w not in FILLER)
    right = Counter(w for w in b.words if w not in FILLER)
    for x, y in typos:
        left[x] -= 1
        right[y] -= 1
    return +left == +right


def _run(t: _Text, only: list[str], positions: dict[str, int]) -> tuple[int, int] | None:
    """``(start, end)`` word positions of the changed content words, if they are adjacent
    words ("São Paulo", "pad thai"), else ``None`` ("Milan that Nadia": two places changed)."""
    if len(only) == 1:
        return positions[only[0]], positions[only[0]] + 1
    changed = sorted(positions[s] for s in only)
    if changed[-1] - changed[0] != len(changed) - 1:
        return None
    return changed[0], changed[-1] + 1


def _merged(a: _Text, only_a: list[str], b: _Text, only_b: list[str]) -> list[tuple[str, str]]:
    """A word of ``b`` written as two adjacent words of ``a`` ("week end" / "weekend"), removed from both lists."""
    if len(only_a) != 2 or len(only_b) != 1:
        return []
    i, j = sorted(a.first[s] for s in only_a)
    if j != i + 1 or a.words[i] + a.words[j] != b.words[b.first[only_b[0]]]:
        return []
    merged = b.words[b.first[only_b[0]]]
    only_a.clear()
    only_b.clear()
    return [(a.words[i], merged), (a.words[j], merged)]  # both halves stand for the one word


def _mixes_names_and_numbers(t: _Text, run: tuple[int, int]) -> bool:
    if run[1] - run[0] < 2:
        return False  # one word is a number or not
    words = t.words[run[0]:run[1]]
    return any(w.isdigit() for w in words) and any(not w.isdigit() and w not in VALUE_WORDS
                                                   and w not in FUNCTION_WORDS for w in words)


def _whole_value(a: _Text, run_a: tuple[int, int], b: _Text, run_b: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
    """The runs grown over equal adjacent value words, to show the whole value: "10 am", not "10"."""
    (i1, i2), (j1, j2) = run_a, run_b
    while i1 and j1 and a.words[i1 - 1] == b.words[j1 - 1] and _is_value(a.words[i1 - 1]):
        i1, j1 = i1 - 1, j1 - 1
    while i2 < len(a.words) and j2 < len(b.words) and a.words[i2] == b.words[j2] and _is_value(a.words[i2]):
        i2, j2 = i2 + 1, j2 + 1
    return (i1, i2), (j1, j2)


def _is_value(word: str) -> bool:
    return word.isdigit() or word in VALUE_WORDS


def _change(a: _Text, run_a: tuple[int, int], b: _Text, run_b: tuple[int, int]) -> str:
    """What a one-run change is: another ``subject`` (the first content word), a ``value``
    (number, date, time or capitalised name) or another ``word``."""
    if run_a[0] == run_b[0] == 0:
        return "subject"  # the text's first word: "Dana plays chess" / "Omar plays chess"
    for t, (start, end) in ((a, run_a), (b, run_b)):
        for i in range(start, end):  # called per compared pair: a plain loop, no generator
            if _is_value(t.words[i]) or t.names[i]:
                return "value"
    return "word"


def _negated(t: _Text) -> str:
    return " ".join(w for w in t.words if w in NEGATIONS) or "(affirmative)"


def _in_order(shorter: _Text, longer: _Text) -> bool:
    """Whether the shorter text's content words appear in the longer one in the same order."""
    rest = iter(longer.words[i] for i in longer.content)
    return all(any(w == v for v in rest) for w in (shorter.words[i] for i in shorter.content))


def _added_phrases(longer: _Text, extra: set[int]) -> bool:
    """Whether the extra content words of ``longer`` are phrases added after the statement's start:
    each run of them follows punctuation or opens with a phrase-start word ("last month", ", near
    the front", "and wasp stings").  Words put in front ("Kwame enjoys ...", "Uncle Piet hates ...")
    name another subject, a word put right after one ("Left-handed scissors") another thing."""
    content = longer.content
    for k, p in enumerate(content):
        if p not in extra or (k and content[k - 1] in extra):
            continue  # not the start of a run
        if k == 0:
            return False
        before = range(content[k - 1] + 1, p + 1)
        if not (any(longer.breaks[i] for i in before)
                or any(longer.words[i] in PHRASE_STARTS for i in before)):
            return False
    return True


# -- the shared analysis ------------------------------------------------------------
@dataclass
class _Analysis:
    rows: pd.DataFrame  # id, content, stored_hash, category, source, created_at, hash, norm (sorted by id)
    pairs: pd.DataFrame  # id_a, id_b, score, kind (near|paraphrase|subsumed): between distinct norms
    variants: pd.DataFrame  # group, id, value, change: members of each review group
    compared_pairs: int
    blocks: int
    queue: pd.DataFrame | None = None  # review_queue(), once computed


_last: tuple[bytes, _Analysis] | None = None


def _analyse(memories: pd.DataFrame) -> _Analysis:
    """The analysis of ``memories``, reused while the same frame is passed again."""
    global _last
    frame = _check(memories)
    columns = [c for c in (*COLUMNS, "source", "created_at") if c in frame.columns]
    # categorize=False: the texts are mostly unique, factorizing them first only costs time
    hashed = pd.util.hash_pandas_object(frame[columns], index=False, categorize=False)
    key = hashlib.blake2b(hashed.to_numpy().tobytes(), digest_size=16).digest()
    if _last is None or _last[0] != key:
        with _cyclic_gc_paused():
            _last = (key, _run_audit(frame))
    return _last[1]


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block, as it was after.  The audit makes millions of
    small tuples and dicts, which set off collections that walk the whole heap (a tenth of the audit's
    CPU time at 100k memories, a fifth of the review queue's).  Reference counting still frees them;
    the few cycles wait for the next collection."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check(memories: Any) -> pd.DataFrame:
    if not isinstance(memories, pd.DataFrame):
        raise ValidationError(f"expected the memories DataFrame, not {type(memories).__name__}")
    missing = [c for c in COLUMNS if c not in memories.columns]
    if missing:
        raise ValidationError(f"the memories frame lacks column(s) {', '.join(missing)}")
    if memories["id"].isna().any() or memories["id"].duplicated().any():
        raise ValidationError("memory ids must be present and unique")
    bad = memories["content"].map(lambda v: not isinstance(v, str))
    if bad.any():
        raise ValidationError(f"content is not text for id(s) {memories.loc[bad, 'id'].head(5).tolist()}")
    return memories


def _run_audit(memories: pd.DataFrame) -> _Analysis:
    blank = pd.Series(index=memories.index, dtype=object)
    rows = pd.DataFrame({
        "id": memories["id"].astype("int64").to_numpy(),
        "content": memories["content"].to_numpy(dtype=object),
        "stored_hash": pd.Series([h if isinstance(h, str) else None for h in memories["content_hash"]], dtype=object),
        "category": memories["category"].astype(str).to_numpy(),
        "source": memories.get("source", blank.fillna("")).astype(str).to_numpy(),
        "created_at": pd.to_datetime(memories.get("created_at", blank), utc=True, errors="coerce").to_numpy(),
    })
    rows = rows.sort_values("id", ignore_index=True)
    content = rows["content"].tolist()
    rows["hash"] = [content_hash(t) for t in content]
    rows["norm"] = [normalize_strong(t) for t in content]
    # The finer kinds are searched among distinct normalised texts, each represented by
    # its lowest id: the others are already normalized duplicates of it.
    distinct = rows.drop_duplicates("norm", ignore_index=True)
    texts = [_text(t) for t in distinct["content"].tolist()]
    vocabulary = _Vocabulary(texts)
    category = distinct["category"].to_numpy(dtype=object)
    norms = distinct["norm"].to_numpy(dtype=object)

    big_groups, cut_blocks = _cut_blocks(texts, category)
    same_set = pd.Series([f"{c}\x00" + " ".join(sorted(t.bag))
                          for c, t in zip(category, texts)], dtype=object)
    exact_blocks = _windows(same_set, norms) + cut_blocks
    rare_blocks = _windows(_rare_word_keys(texts, category), norms)
    candidates = pd.concat([_all_pairs(exact_blocks), _extension_pairs(texts, category),
                            _score(norms, rare_blocks, FUZZY_FLOOR)[["a", "b"]]])
    candidates = candidates.drop_duplicates(ignore_index=True)
    big_member = np.full(len(texts), -1)
    for g, (members, _) in enumerate(big_groups):
        big_member[members] = g
    ga, gb = big_member[candidates["a"].to_numpy()], big_member[candidates["b"].to_numpy()]
    candidates = candidates[(ga < 0) | (ga != gb)]  # classified as a whole below

    found_a, found_b, scores, kinds = [], [], [], []
    members: dict[tuple, tuple[str, str]] = {}  # (key, row) -> (value, change) of the first pair that has it
    for i, j in zip(candidates["a"].tolist(), candidates["b"].tolist()):
        verdict = _compare(texts[i], texts[j], vocabulary)
        if verdict.kind == "variant":
            key = (category[i],) + verdict.key
            members.setdefault((key, i), (verdict.value_a, verdict.change))
            members.setdefault((key, j), (verdict.value_b, verdict.change))
        elif verdict.kind is not None:
            found_a.append(i)
            found_b.append(j)
            kinds.append(verdict.kind)
            scores.append(_similarity(norms[i], norms[j]))
    seen: set[frozenset] = set()
    for members_, values in big_groups:
        if frozenset(members_.tolist()) in seen:
            continue  # the same rows cut one word wider ("gym _" for "_")
        seen.add(frozenset(members_.tolist()))
        a, b, kind = _classify_values(texts, members_, values, vocabulary)
        for i, j in zip(a, b):
            found_a.append(i)
            found_b.append(j)
            kinds.append(kind)
            scores.append(_similarity(norms[i], norms[j]))
        key = (category[members_[0]], "\x01big") + tuple(sorted(set(texts[members_[0]].bag) - {values[0][1]}))
        change = "value" if any(_is_value(w) for v, _ in values for w in v.split()) else "word"
        for m, (v, _) in zip(members_.tolist(), values):
            members.setdefault((key, m), (v, change))

    ids = distinct["id"].to_numpy()
    pairs = pd.DataFrame({"id_a": ids[np.asarray(found_a, dtype=np.int64)], "id_b": ids[np.asarray(found_b, dtype=np.int64)],
                          "score": np.asarray(scores, dtype=np.int64), "kind": pd.Series(kinds, dtype=object)})
    pairs = pairs.drop_duplicates(["id_a", "id_b"], ignore_index=True)
    variants = pd.DataFrame([(key, row, value, change) for (key, row), (value, change) in members.items()],
                            columns=["key", "row", "value", "change"])
    variants["id"] = ids[variants["row"].to_numpy(dtype=np.int64)]
    variants = variants.drop(columns="row")
    compared = sum(len(b) * (len(b) - 1) // 2 for b in exact_blocks + rare_blocks)
    return _Analysis(rows, pairs, variants, compared, len(exact_blocks) + len(rare_blocks) + len(big_groups))


def _similarity(x: str, y: str) -> int:
    """``fuzz.token_set_ratio`` (0-100) of two normalised texts: forgives reordering, and is 100
    when one text's words are all in the other."""
    return int(fuzz.token_set_ratio(x, y))


def _cut_blocks(texts: list[_Text], category: np.ndarray) -> tuple[list[tuple[np.ndarray, list]], list[np.ndarray]]:
    """Rows equal but for one place -- one content word or two adjacent ones cut out: small
    blocks to compare pair by pair, and the large ones as ``(rows, [(value as written, value)])``, to
    classify by their values.  A key is the hash of the content words before and after the cut
    (Python's 64-bit tuple hash: a collision, about one in 10^10 here, only adds a pair to compare)."""
    keys, rows, places = [], [], []
    for row, (c, t) in enumerate(zip(category, texts)):
        words = tuple(t.words[i] for i in t.content)
        for width in (1, 2):
            for k in range(len(words) - width + 1):
                keys.append(hash((c, t.negations % 2, words[:k], words[k + width:])))
                rows.append(row)
                places.append((k, width))
    codes, _ = pd.factorize(np.asarray(keys, dtype=np.int64))
    del keys
    order = np.argsort(codes, kind="stable")
    codes, rows = codes[order], np.asarray(rows, dtype=np.int64)[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    ends = np.r_[starts[1:], len(codes)]
    sizes = ends - starts
    pairwise = (sizes > 1) & (sizes <= MAX_PAIRWISE)
    small = [rows[a:b] for a, b in zip(starts[pairwise].tolist(), ends[pairwise].tolist())]
    big = []
    for a, b in zip(starts[sizes > MAX_PAIRWISE].tolist(), ends[sizes > MAX_PAIRWISE].tolist()):
        values = []
        for row, spot in zip(rows[a:b].tolist(), order[a:b].tolist()):
            t, (k, width) = texts[row], places[spot]
            cut = t.content[k:k + width]
            values.append((" ".join(t.words[i] for i in cut), " ".join(t.words[i] for i in cut)))
        big.append((rows[a:b], values))
    return big, small


def _extension_pairs(texts: list[_Text], category: np.ndarray) -> pd.DataFrame:
    """Pairs ``a, b`` where one text's content words, in order, start or end the other's: a phrase
    added at the end or the start ("Lost her job" / "Lost her job last month"), found by an exact join."""
    full, part = [], []
    for row, (c, t) in enumerate(zip(category, texts)):
        words = tuple(t.words[i] for i in t.content)
        if len(words) >= 2:
            full.append((hash((c, words)), row))
        for k in range(2, len(words)):
            part.append((hash((c, words[:k])), row))
            part.append((hash((c, words[-k:])), row))
    pairs = pd.DataFrame(full, columns=["key", "a"]).merge(pd.DataFrame(part, columns=["key", "b"]), on="key")
    pairs = pairs[pairs["a"] != pairs["b"]]
    return pd.DataFrame({"a": np.minimum(pairs["a"], pairs["b"]).to_numpy(dtype=np.int64),
                         "b": np.maximum(pairs["a"], pairs["b"]).to_numpy(dtype=np.int64)})


def _classify_values(texts: list[_Text], members: np.ndarray, values: list[tuple[str, str]],
                     vocabulary: _Vocabulary) -> tuple[list[int], list[int], str]:
    """Rows of one large cut block (one sentence, many values): pairs whose values are one
    value written two ways (equal once folded, or an unknown word one typo from another value)."""
    first: dict[str, int] = {}
    a, b = [], []
    for m, (_, value) in zip(members.tolist(), values):
        if value in first:
            a.append(first[value])
            b.append(m)
        else:
            first[value] = m
    words = [v for v, _ in values]
    unknown = [k for k, v in enumerate(words) if " " not in v and not v.isdigit() and not vocabulary.known(v)]
    for k in unknown:  # a typo of another value: the closest few values within two edits
        for other, _, index in process.extract(words[k], words, scorer=OSA.distance, score_cutoff=2, limit=5):
            if index != k and other != words[k] and vocabulary.typo(words[k], other):
                a.append(int(members[index]))
                b.append(int(members[k]))
                break
    pairs = sorted({(min(x, y), max(x, y)) for x, y in zip(a, b)})
    return [x for x, _ in pairs], [y for _, y in pairs], "near"


def _rare_word_keys(texts: list[_Text], category: np.ndarray) -> pd.Series:
    """Each row's rarest content words (within its category) that 2 to ``RARE_MAX`` rows share:
    at least ``RARE_KEYS``, and ``PREFIX_SHARE`` of its words (prefix filtering: two rows sharing
    most of their words, or one holding all of the other's, share one of these)."""
    words = pd.DataFrame({"row": np.arange(len(texts)), "word": [list(t.bag) for t in texts]})
    words["n"] = words["word"].map(len)
    words = words.explode("word").dropna()
    words["category"] = category[words["row"].to_numpy()]
    words["df"] = words.groupby(["category", "word"])["row"].transform("size")
    words = words.sort_values(["row", "df", "word"])
    prefix = np.maximum(RARE_KEYS, np.ceil(PREFIX_SHARE * words["n"].to_numpy()))
    rare = words[(words.groupby("row").cumcount().to_numpy() < prefix) & (words["df"] >= 2).to_numpy()
                 & (words["df"] <= RARE_MAX).to_numpy()]
    return pd.Series((rare["category"] + "\x00" + rare["word"]).to_numpy(), index=rare["row"].to_numpy(), dtype=object)


def _windows(keys: pd.Series, texts: np.ndarray) -> list[np.ndarray]:
    """Rows (positions, the index of ``keys``) sharing a key; a key held by more than
    ``MAX_BLOCK`` rows gives overlapping windows of them sorted by text (sorted neighbourhood)."""
    if keys.empty:
        return []
    codes, _ = pd.factorize(keys.to_numpy())
    order = np.argsort(codes, kind="stable")
    rows, codes = keys.index.to_numpy()[order], codes[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    ends = np.r_[starts[1:], len(codes)]
    blocks: list[np.ndarray] = []
    for start, end in zip(starts[ends - starts > 1].tolist(), ends[ends - starts > 1].tolist()):
        members = np.array(sorted(rows[start:end].tolist(), key=lambda r: (texts[r], r)))
        if len(members) <= MAX_BLOCK:
            blocks.append(members)
        else:
            step = MAX_BLOCK // 2
            blocks.extend(members[i:i + MAX_BLOCK] for i in range(0, len(members) - step, step))
    return blocks


def _all_pairs(blocks: list[np.ndarray]) -> pd.DataFrame:
    """Every pair of rows within a block: ``a < b``, block after block in ``triu`` order (the order they are
    compared in).  One ``np.triu_indices`` per block size, not per block: there are ~10^5 small blocks."""
    sizes = np.array([len(members) for members in blocks], dtype=np.int64)
    block, a, b = [np.array([], dtype=np.int64)], [np.array([], dtype=np.int64)], [np.array([], dtype=np.int64)]
    for size in np.unique(sizes[sizes > 1]).tolist():
        which = np.flatnonzero(sizes == size)
        members = np.stack([blocks[k] for k in which.tolist()]).astype(np.int64, copy=False)
        i, j = np.triu_indices(size, k=1)
        block.append(np.repeat(which, len(i)))
        a.append(np.minimum(members[:, i], members[:, j]).ravel())
        b.append(np.maximum(members[:, i], members[:, j]).ravel())
    order = np.argsort(np.concatenate(block), kind="stable")
    return pd.DataFrame({"a": np.concatenate(a)[order], "b": np.concatenate(b)[order]})


def _score(norms: np.ndarray, blocks: list[np.ndarray], cutoff: int) -> pd.DataFrame:
    """Every pair within a block whose :func:`_similarity` is at least ``cutoff``, once: ``a < b``, ``score``."""
    firsts, seconds, scores = [np.array([], dtype=np.int64)], [np.array([], dtype=np.int64)], [np.array([], dtype=np.uint8)]
    for members in blocks:
        workers = -1 if len(members) > 64 else 1
        block = norms[members].tolist()
        matrix = process.cdist(block, block, scorer=fuzz.token_set_ratio, score_cutoff=cutoff, dtype=np.uint8,
                               workers=workers)
        i, j = np.nonzero(np.triu(matrix, k=1))
        a, b = members[i], members[j]
        firsts.append(np.minimum(a, b))
        seconds.append(np.maximum(a, b))
        scores.append(matrix[i, j])
    found = pd.DataFrame({"a": np.concatenate(firsts), "b": np.concatenate(seconds), "score": np.concatenate(scores)})
    return found.drop_duplicates(["a", "b"], ignore_index=True)


# -- the checks -----------------------------------------------------------------------
def _groups(rows: pd.DataFrame, by: str, keep: Callable[[pd.DataFrame], pd.Series] | None = None) -> pd.DataFrame:
    sizes = rows.groupby(by)["id"].transform("size")
    members = rows[sizes > 1]
    grouped = members.groupby(by, sort=False).agg(
        size=("id", "size"), ids=("id", list), categories=("category", lambda c: sorted(set(c))),
        hashes=("hash", "nunique"), sample=("content", "first"),
    )
    if keep is not None:
        grouped = grouped[keep(grouped)]
    grouped = grouped.reset_index().rename(columns={by: "key"})
    grouped["first_id"] = grouped["ids"].map(min)
    grouped = grouped.sort_values(["size", "first_id"], ascending=[False, True], ignore_index=True)
    return grouped[["key", "size", "ids", "categories", "sample"]]


def exact_groups(memories: pd.DataFrame) -> pd.DataFrame:
    """Groups (size > 1) of rows whose recomputed content hash is equal: ``key`` is that hash."""
    return _groups(_analyse(memories).rows, "hash")


def normalized_groups(memories: pd.DataFrame) -> pd.DataFrame:
    """Groups of rows equal after :func:`normalize_strong` that the hash alone does not join.

    A group counts only if it holds at least two different recomputed hashes, so it
    is what the stronger normalisation adds to :func:`exact_groups`; ``key`` is the normalised text.
    """
    return _groups(_analyse(memories).rows, "norm", keep=lambda g: g["hashes"] > 1)


def near_duplicates(memories: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Pairs of different normalised texts in one category that state the same thing: ``id_a, id_b,
    score, kind`` (near, paraphrase or subsumed), scoring ``>= threshold`` (0-100, see :func:`_similarity`).

    ``attrs["compared_pairs"]`` is how many pairs the blocks held (the cost), to
    compare with the n(n-1)/2 of an all-pairs search.
    """
    analysis = _analyse(memories)
    pairs = analysis.pairs
    found = pairs[pairs["score"] >= _threshold(threshold)]
    found = found.sort_values(["score", "id_a", "id_b"], ascending=[False, True, True], ignore_index=True)
    found.attrs["compared_pairs"] = analysis.compared_pairs
    found.attrs["blocks"] = analysis.blocks
    return found


def threshold_sweep(memories: pd.DataFrame, thresholds: tuple[float, ...] = SWEEP) -> pd.DataFrame:
    """How many duplicate pairs (near, paraphrase, subsumed) and clusters each threshold flags."""
    thresholds = sorted({_threshold(t) for t in thresholds})
    near = near_duplicates(memories, thresholds[0] if thresholds else 100)
    rows = []
    for t in thresholds:
        flagged = near[near["score"] >= t]
        rows.append({"threshold": t, "pairs": len(flagged), "clusters": len(_components(flagged))})
    return pd.DataFrame(rows, columns=["threshold", "pairs", "clusters"])


def clusters(memories: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Connected components of the duplicate pairs, largest first: ``cluster, size, ids, sample``."""
    analysis = _analyse(memories)
    components = _components(near_duplicates(memories, threshold))
    content = dict(zip(analysis.rows["id"], analysis.rows["content"]))
    table = pd.DataFrame({
        "size": [len(c) for c in components],
        "ids": components,
        "sample": [" | ".join(content[i] for i in c[:3]) for c in components],
    }, columns=["size", "ids", "sample"])
    table["first_id"] = table["ids"].map(lambda ids: ids[0] if ids else 0)
    table = table.sort_values(["size", "first_id"], ascending=[False, True], ignore_index=True)
    table.insert(0, "cluster", range(1, len(table) + 1))
    return table.drop(columns="first_id")


def hash_integrity(memories: pd.DataFrame) -> pd.DataFrame:
    """Rows whose stored hash is missing or differs from the one the apps would compute."""
    rows = _analyse(memories).rows
    missing = rows["stored_hash"].isna()
    bad = rows[missing | (rows["stored_hash"] != rows["hash"])]
    return pd.DataFrame({
        "id": bad["id"].to_numpy(),
        "stored_hash": pd.Series(bad["stored_hash"].tolist(), dtype=object),
        "recomputed_hash": bad["hash"].to_numpy(),
        "problem": np.where(missing[bad.index], "missing", "mismatch"),
    })


CHANGE_ORDER = ("negation", "value", "word", "subject")  # likely conflicts first, other subjects last


def review_queue(memories: pd.DataFrame) -> pd.DataFrame:
    """Review groups: variants of one statement, ranked, one row each.

    Columns: ``group`` (1 = review first), ``change`` (negation, value, word or subject:
    :data:`CHANGE_ORDER`, likely conflicts first), ``size``, ``ids``, ``values``, ``created_at``
    (lists, newest first: the newest value probably supersedes the rest) and ``statement``
    (the newest text).  Members that are duplicates of each other count once.
    """
    analysis = _analyse(memories)
    if analysis.queue is None:
        with _cyclic_gc_paused():
            analysis.queue = _review_queue(memories, analysis)
    return analysis.queue.copy()


def _review_queue(memories: pd.DataFrame, analysis: _Analysis) -> pd.DataFrame:
    variants = analysis.variants
    columns = ["group", "change", "size", "ids", "values", "created_at", "statement"]
    if variants.empty:
        return pd.DataFrame(columns=columns)
    rows = analysis.rows.set_index("id")
    twin = _duplicate_labels(memories)  # a member's duplicate cluster, to count each statement once
    v = variants.assign(key=pd.factorize(variants["key"], sort=True)[0],  # the keys' order as integers (fast to sort)
                        created_at=rows.loc[variants["id"], "created_at"].to_numpy(),
                        twin=variants["id"].map(lambda i: twin.get(i, i)))
    v = v.sort_values(["key", "created_at", "id"], ascending=[True, False, False], na_position="last")
    v = v.drop_duplicates(["key", "twin"])
    # One pass over the groups, as slices of the sorted rows (a key's rows are adjacent), rather than
    # pandas groupby with Python lambdas per group (a fifth of the audit's time at 100k memories).
    key = v["key"].to_numpy()
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    ends = np.r_[starts[1:], len(key)]
    ids, twins, values, changes, created_at = (v[c].tolist() for c in ("id", "twin", "value", "change", "created_at"))
    content = dict(zip(analysis.rows["id"].tolist(), analysis.rows["content"].tolist()))
    seen: set[frozenset] = set()
    table = []
    for start, end in zip(starts[ends - starts > 1].tolist(), ends[ends - starts > 1].tolist()):
        signature = frozenset(zip(twins[start:end], values[start:end]))
        if signature in seen:
            continue  # a typo in the statement gives its own key: the same members and values, one group
        seen.add(signature)
        if len(set(values[start:end])) < 2:
            continue
        change = min(changes[start:end], key=CHANGE_ORDER.index)
        table.append((change, end - start, ids[start:end], values[start:end],
                      [None if t is pd.NaT else t for t in created_at[start:end]],
                      content[ids[start]], CHANGE_ORDER.index(change), -ids[start]))
    grouped = pd.DataFrame(table, columns=[*columns[1:], "_rank", "_newest"])
    grouped = grouped.sort_values(["_rank", "size", "_newest"], ascending=[True, False, True], ignore_index=True)
    grouped.insert(0, "group", range(1, len(grouped) + 1))
    return grouped[columns]


def candidates(memories: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Every flagged pair, for ``dedup_candidates.csv``: ``id_a < id_b, kind, score, group``.

    A pair has one kind, the first of :data:`KINDS` that applies.  Within an exact or
    normalized group each member is paired with the group's lowest id (the one to
    keep); within a review group each member with the group's newest (it probably
    supersedes the others), and ``group`` is the review group's rank (empty for duplicates).
    """
    rows = _analyse(memories).rows
    parts = []
    for kind, by in (("exact", "hash"), ("normalized", "norm")):
        keep = rows.groupby(by)["id"].transform("min")
        star = rows[rows["id"] != keep]
        parts.append(pd.DataFrame({"id_a": keep[star.index].to_numpy(), "id_b": star["id"].to_numpy(),
                                   "kind": kind, "score": 100}))
    parts.append(near_duplicates(memories, threshold)[["id_a", "id_b", "kind", "score"]])
    queue = review_queue(memories)
    newest = queue["ids"].map(lambda ids: ids[0])
    star = queue.assign(newest=newest).explode("ids")
    star = star[star["ids"] != star["newest"]]
    a, b = star["ids"].to_numpy(dtype=np.int64), star["newest"].to_numpy(dtype=np.int64)
    norm = rows.set_index("id")["norm"]
    # _similarity of each pair, all at once (float64, then truncated as int() does)
    score = process.cpdist(norm.loc[a].tolist(), norm.loc[b].tolist(), scorer=fuzz.token_set_ratio, dtype=np.float64,
                           workers=-1 if len(a) > 10_000 else 1)
    parts.append(pd.DataFrame({
        "id_a": np.minimum(a, b), "id_b": np.maximum(a, b), "kind": "variant",
        "score": score.astype(np.int64), "group": star["group"].to_numpy()}))
    table = pd.concat(parts, ignore_index=True)[["id_a", "id_b", "kind", "score", "group"]]
    table = table.drop_duplicates(["id_a", "id_b"], keep="first")  # exact wins over normalized, duplicates over variants
    table = table.astype({"id_a": "int64", "id_b": "int64", "kind": object, "score": "int64", "group": "Int64"})
    order = table["kind"].map(KINDS.index)
    return table.assign(_o=order).sort_values(["_o", "group", "id_a", "id_b"], ignore_index=True).drop(columns="_o")


def breakdown(memories: pd.DataFrame, candidate_pairs: pd.DataFrame, by: str = "category") -> pd.DataFrame:
    """Per ``category`` (or ``source``): memories, and how many of them each kind of pair flags."""
    validate.choice(by, "by", ("category", "source"))
    rows = _analyse(memories).rows
    label = dict(zip(rows["id"], rows[by]))
    table = rows.groupby(by).size().rename("memories").to_frame()
    for kind in KINDS:
        pairs = candidate_pairs[candidate_pairs["kind"] == kind]
        flagged = pd.Series(pd.unique(np.concatenate([pairs["id_a"].to_numpy(), pairs["id_b"].to_numpy()])))
        table[kind] = flagged.map(label).value_counts().reindex(table.index, fill_value=0)
    return table.sort_index().reset_index()


def _duplicate_labels(memories: pd.DataFrame) -> dict[int, int]:
    """Each id in a duplicate pair (any kind but variant) -> its duplicate cluster's smallest id."""
    rows = _analyse(memories).rows
    parts = [near_duplicates(memories)[["id_a", "id_b"]]]
    for by in ("hash", "norm"):
        keep = rows.groupby(by)["id"].transform("min")
        parts.append(pd.DataFrame({"id_a": keep.to_numpy(), "id_b": rows["id"].to_numpy()}))
    pairs = pd.concat(parts, ignore_index=True)
    return _labels(list(zip(pairs["id_a"].tolist(), pairs["id_b"].tolist())))


# -- evaluation ---------------------------------------------------------------------------
DEMO_DUPLICATE_KINDS = ("case_whitespace", "punctuation", "unicode_form", "typo", "reordered", "filler", "subsumed")
DEMO_NEGATIVE_KINDS = ("contradiction", "sibling", "other_subject", "negation", "word_swap")


def evaluate(candidate_pairs: pd.DataFrame, truth_json_path: str | Path, ids: Any = None) -> dict[str, Any]:
    """Precision and recall of ``candidate_pairs`` against a demo database's ``*.truth.json``.

    Planted duplicates (:data:`DEMO_DUPLICATE_KINDS`) are compared as clusters: a flagged
    duplicate pair is right when the truth joins its two ids, directly or through other
    planted duplicates, and a planted pair is found when the flagged duplicate pairs join
    its ids.  Planted hard negatives (:data:`DEMO_NEGATIVE_KINDS`: one value changed,
    template siblings, another subject, a negation, a real word swapped) must never be
    joined: ``negatives_called_duplicates`` counts those that are, and
    ``variant_recall`` the share of them found as variants.  ``ids`` (optional) limits the
    truth to pairs whose ids were audited (e.g. a since/until window).
    """
    try:
        truth = json.loads(Path(truth_json_path).read_text(encoding="utf-8"))
        planted = [(int(p["id_a"]), int(p["id_b"]), str(p["kind"])) for p in truth["planted"]]
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ValidationError(f"cannot read the ground truth {truth_json_path}: {e}") from None
    missing = {"id_a", "id_b", "kind"} - set(candidate_pairs.columns)
    if missing:
        raise ValidationError(f"the candidate pairs lack column(s) {', '.join(sorted(missing))}")
    if ids is not None:
        audited = set(int(i) for i in ids)
        planted = [p for p in planted if p[0] in audited and p[1] in audited]
    unknown = {k for _, _, k in planted} - set(DEMO_DUPLICATE_KINDS) - set(DEMO_NEGATIVE_KINDS)
    if unknown:
        raise ValidationError(f"unknown planted kind(s) {', '.join(sorted(unknown))} in {truth_json_path}")
    flagged = [(int(a), int(b), k) for a, b, k in candidate_pairs[["id_a", "id_b", "kind"]].itertuples(index=False)]

    true_dup = [(a, b) for a, b, k in planted if k in DEMO_DUPLICATE_KINDS]
    negatives = [(a, b, k) for a, b, k in planted if k in DEMO_NEGATIVE_KINDS]
    found_dup = [(a, b) for a, b, k in flagged if k in DUPLICATE_KINDS]
    found_var = {frozenset((a, b)) for a, b, k in flagged if k == "variant"}
    truth_cluster, found_cluster = _labels(true_dup), _labels(found_dup)
    dup_tp = sum(1 for a, b in found_dup if _joined(truth_cluster, a, b))
    dup_found = sum(1 for a, b in true_dup if _joined(found_cluster, a, b))
    wrong = Counter(k for a, b, k in negatives if _joined(found_cluster, a, b))
    variant_groups = _labels([tuple(p) for p in found_var])  # variants are listed as stars: found if grouped

    return {
        "duplicate_precision": _ratio(dup_tp, len(found_dup)),
        "duplicate_recall": _ratio(dup_found, len(true_dup)),
        "duplicate_pairs_flagged": len(found_dup), "duplicate_pairs_planted": len(true_dup),
        "negatives_planted": len(negatives),
        "negatives_called_duplicates": sum(wrong.values()),
        "negatives_called_duplicates_by_kind": dict(sorted(wrong.items())),
        "variant_recall": _ratio(sum(1 for a, b, _ in negatives if _joined(variant_groups, a, b)), len(negatives)),
    }


def read_eval_set(folder: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A labelled pair set: ``pairs.csv`` (``id, text_a, text_b, label, kind``; label duplicate or
    distinct) and ``memories.csv`` (``id, content, category, created_at``: every text of the pairs,
    and others) as a memories frame.  Raises :class:`ValidationError` when missing or malformed."""
    tables = []
    for name, needed in (("pairs.csv", {"id", "text_a", "text_b", "label", "kind"}),
                         ("memories.csv", {"id", "content", "category", "created_at"})):
        path = Path(folder) / name
        try:
            with path.open(newline="", encoding="utf-8") as f:
                table = pd.DataFrame(list(csv.DictReader(f)))
        except (OSError, UnicodeDecodeError, csv.Error) as e:
            raise ValidationError(f"cannot read the evaluation set {path}: {e}") from None
        if needed - set(table.columns):
            raise ValidationError(f"{path} needs columns {', '.join(sorted(needed))}")
        tables.append(table)
    pairs, memories = tables
    if not set(pairs["label"]) <= {"duplicate", "distinct"}:
        raise ValidationError(f"{Path(folder) / 'pairs.csv'}: a label is duplicate or distinct")
    memories = memories.assign(id=memories["id"].astype("int64"), content_hash=memories["content"].map(content_hash),
                               created_at=pd.to_datetime(memories["created_at"], utc=True, errors="coerce"))
    missing = set(pairs["text_a"]).union(pairs["text_b"]) - set(memories["content"])
    if missing:
        raise ValidationError(f"{len(missing)} pair text(s) are not in memories.csv, e.g. {sorted(missing)[0]!r}")
    return pairs, memories


def evaluate_pairs(pairs: pd.DataFrame, memories: pd.DataFrame,
                   threshold: float = DEFAULT_THRESHOLD) -> tuple[dict[str, Any], pd.DataFrame]:
    """Precision and recall of the whole audit on labelled pairs (:func:`read_eval_set`).

    The audit runs over all of ``memories`` at once; a pair is called a duplicate when
    its two texts are one memory or the duplicate pairs join them (directly or through
    others, as a merge would).  Returns the figures -- duplicate precision and recall,
    hard negatives called duplicates -- and the pairs with ``called`` (duplicate|distinct)
    and ``kind_found`` (the kind of the pair itself, if listed).
    """
    found = candidates(memories, threshold)
    duplicates = found[found["kind"].isin(DUPLICATE_KINDS)]
    labels = _labels(list(zip(duplicates["id_a"].tolist(), duplicates["id_b"].tolist())))
    kind = {frozenset((a, b)): k for a, b, k in found[["id_a", "id_b", "kind"]].itertuples(index=False)}
    ids = dict(zip(memories["content"], memories["id"]))
    a, b = pairs["text_a"].map(ids).tolist(), pairs["text_b"].map(ids).tolist()
    called = [x == y or _joined(labels, x, y) for x, y in zip(a, b)]
    judged = pairs.assign(called=np.where(called, "duplicate", "distinct"),
                          kind_found=[kind.get(frozenset((x, y)), "exact" if x == y else "") for x, y in zip(a, b)])
    positive = judged["label"] == "duplicate"
    flagged = judged["called"] == "duplicate"

    return {
        "pairs": len(judged), "duplicates": int(positive.sum()), "distinct": int((~positive).sum()),
        "duplicate_precision": _ratio(int((positive & flagged).sum()), int(flagged.sum())),
        "duplicate_recall": _ratio(int((positive & flagged).sum()), int(positive.sum())),
        "negatives_called_duplicates": int((~positive & flagged).sum()),
    }, judged


def per_kind(judged: pd.DataFrame) -> pd.DataFrame:
    """Per labelled kind of an evaluated pair set: pairs, and the share called right
    (recall for duplicate kinds, the share kept apart for hard negatives)."""
    right = judged["called"] == judged["label"]
    return (judged.assign(right=right).groupby(["label", "kind"])
            .agg(pairs=("right", "size"), called_right=("right", "mean"))
            .round(4).reset_index())


def truth_path(database_url: str) -> Path | None:
    """The demo ground truth beside a ``file:`` database (``<stem>.truth.json``, the demo's naming), if there is one."""
    settings = config.parse_url(database_url)
    if settings.is_remote or settings.path is None:
        return None
    candidate = settings.path.with_name(settings.path.stem + ".truth.json")
    return candidate if candidate.is_file() else None


# -- helpers ------------------------------------------------------------------------------
def _ratio(n: int, d: int) -> float:
    return round(n / d, 4) if d else 1.0


def _threshold(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not NEAR_FLOOR <= value <= 100:
        raise ValidationError(f"a duplicate threshold is a number from {NEAR_FLOOR} to 100; got {value!r}")
    return int(np.ceil(value))


def _label_components(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Connected components of the graph with edges ``a[i]–b[i]``: ``(nodes, labels)``,
    each node labelled with the smallest node of its component.

    Minimum-label propagation with pointer jumping, in NumPy: a few passes over the
    edges, as no graph library (scipy, networkx) is a dependency of this package.
    """
    nodes, inverse = np.unique(np.concatenate([a, b]).astype(np.int64), return_inverse=True)
    ia, ib = inverse[: len(a)], inverse[len(a):]
    label = np.arange(len(nodes))
    while True:
        lowest = np.minimum(label[ia], label[ib])
        new = label.copy()
        np.minimum.at(new, ia, lowest)
        np.minimum.at(new, ib, lowest)
        while not np.array_equal(new[new], new):
            new = new[new]
        if np.array_equal(new, label):
            return nodes, nodes[label]
        label = new


def _labels(pairs: list[tuple[int, int]]) -> dict[int, int]:
    """Each id's component label (the smallest id of its component) in the graph of ``pairs``."""
    a = np.array([p[0] for p in pairs], dtype=np.int64)
    b = np.array([p[1] for p in pairs], dtype=np.int64)
    nodes, labels = _label_components(a, b)
    return dict(zip(nodes.tolist(), labels.tolist()))


def _joined(labels: dict[int, int], a: int, b: int) -> bool:
    return a in labels and labels.get(a) == labels.get(b)


def _components(pairs: pd.DataFrame) -> list[list[int]]:
    """The connected components (sorted id lists) of the pairs' graph."""
    nodes, labels = _label_components(pairs["id_a"].to_numpy(), pairs["id_b"].to_numpy())
    return [sorted(g) for g in pd.Series(nodes).groupby(labels).agg(list)]
