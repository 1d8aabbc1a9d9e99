"""The dedup audit: duplicates and contradictions among memory entries (contract C).

The unique index on ``content_hash`` only stops repeats of the same trimmed,
lower-cased text, and only when the writer stored a correct hash.  This module
finds what slips through, on the loader's ``ds.memories`` frame:

* **exact**: equal *recomputed* hash (possible only through NULL or wrong stored hashes);
* **normalized**: equal after :func:`normalize_strong` (Unicode form, case, punctuation, spacing);
* **near**: similar texts in one category that agree on every value (typos, reordered words);
* **contradiction**: similar texts in one category that differ in exactly one value --
  a number, date, time or name ("meetings at 9am" / "at 10am") -- a review queue,
  never counted as duplicates.  Texts differing in several values are different memories.

Values are numbers, a fixed list of date and time words (months, weekdays, am/pm,
morning...), and names: capitalised words that the frame itself writes capitalised
more often than not.  Name rule: a name replaced by another ("sister's name is
Ana" / "... Maria") is a *contradiction*; a name changed by one edit ("Ana" /
"Anna", "Lisbon" / "Lisbn") reads as a typo, a *near* duplicate.  Numbers and
closed words are never typos ("9am" / "8am", "8am" / "8pm" are contradictions).
Either way the pair is only listed for review; this module changes nothing.

Pairs are never searched over all n²/2.  Near duplicates are looked for among
rows sharing a category, the same values and one of their ``RARE_KEYS`` rarest
shared words; contradictions (and typos in names) among rows whose texts are
equal once one word or value is cut out ("prefers meetings at _").  A block larger than
``MAX_BLOCK`` is cut into overlapping windows of rows sorted by text.  Within a
block ``rapidfuzz.process.cdist`` scores every pair, with a ``score_cutoff``:
the better of ``fuzz.ratio`` over the normalised text and over its sorted words
(``token_sort_ratio``).  Clusters are connected components, found with NumPy
(no graph library such as scipy or networkx is a dependency).

The checks share one cached analysis of the last frame seen, so a notebook can
call them one after another at the cost of one.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from . import _validate, config, demo
from .errors import ValidationError
from .hashing import content_hash

KINDS = ("exact", "normalized", "near", "contradiction")
DUPLICATE_KINDS = tuple(k for k in demo.KINDS if k != "contradiction")  # the demo's planted duplicate kinds
DEFAULT_THRESHOLD = 92  # tuned on demo databases: typos score >= 95, two changed words ~90
NEAR_FLOOR = 80  # lowest near-duplicate threshold scored (the sweep's start)
SWEEP = tuple(range(NEAR_FLOOR, 101, 2))
RARE_KEYS = 3  # blocking keys per row: its rarest words that some other row shares
MAX_BLOCK = 200  # rows compared all-pairs at most; larger blocks become windows of this size
COLUMNS = ("id", "content", "content_hash", "category")

# Words that carry a value like a number does: changing one changes the fact.
_MONTHS = "january february march april may june july august september october november december"
_DAYS = "monday tuesday wednesday thursday friday saturday sunday"
_TIMES = (
    "am pm noon midnight morning mornings afternoon afternoons evening evenings night nights tonight"
    " today tomorrow yesterday weekend weekends weekday weekdays daily weekly monthly yearly hourly"
)
_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
    " sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred"
    " thousand"
)
VALUE_WORDS = frozenset(f"{_MONTHS} {_DAYS} {_TIMES} {_NUMBERS}".split())


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


_DIGITS_OR_NOT = re.compile(r"\d+|\D+")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")  # "Anna's" is the name "Anna"
MAX_CHANGED = 3  # words one changed value may span ("9 am" → "12 30 pm", "São Paulo")


@dataclass(frozen=True, slots=True)
class _Words:
    """A text as casefolded words, and which of them carry a value."""

    sequence: tuple[str, ...]
    counts: dict[str, int]
    values: dict[str, str]  # casefolded value word -> as written
    value_pairs: dict[tuple[str, str], int]  # adjacent value words: ("730", "pm"), ("são", "paulo")


def _split(text: str) -> list[tuple[str, str, int, bool]]:
    """``(part, casefolded, word position, capitalised)`` for each word, digits split from letters
    ("9:30am" → "930", "am") and possessives dropped.  Nothing counts as capitalised in a text written all in capitals."""
    text = _POSSESSIVE.sub("", unicodedata.normalize("NFKC", text))
    shouting = not any(ch.islower() for ch in text)
    return [
        (part, part.casefold(), position, part[0].isupper() and not shouting)
        for position, word in enumerate(text.translate(_STRIP).split())
        for part in _DIGITS_OR_NOT.findall(word)
    ]


def _names(split_texts: list[list[tuple[str, str, int, bool]]]) -> set[str]:
    """Words written capitalised more often than not where they do not start a text: names, places.

    Read over the whole frame, so a name that opens a text ("Anna works at …") is
    still known as a name, and a title-cased text ("Prefers Meetings …") names nothing new.
    """
    capital: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for words in split_texts:
        for part, folded, position, upper in words:
            if position and not part.isdigit():
                (capital if upper else lower)[folded] += 1
    return {w for w, n in capital.items() if n > lower[w]}


def _words(split: list[tuple[str, str, int, bool]], names: set[str]) -> _Words:
    values: dict[str, str] = {}
    for part, folded, _, upper in split:
        if part.isdigit() or folded in VALUE_WORDS or (upper and folded in names):
            values.setdefault(folded, part)
    sequence = tuple(folded for _, folded, _, _ in split)
    pairs = Counter((x, y) for x, y in zip(sequence, sequence[1:]) if x in values and y in values)
    return _Words(sequence, dict(Counter(sequence)), values, dict(pairs))


def _classify(a: _Words, b: _Words) -> tuple[str | None, str | None]:
    """``("near", None)``, ``("contradiction", "9 am → 10 am")`` or ``(None, None)`` for two similar texts.

    * near: the texts agree on every value (they differ in ordinary words, word
      order, or a one-edit typo in a name: "Ana"/"Anna", "Lisbon"/"Lisbn"), and
      reordering kept values together ("at 7:30pm … after 8:30am" is not "at
      7:30am … after 8:30pm": more than one pair of adjacent values broken up);
    * contradiction: they differ in exactly one value -- one run of adjacent
      value words ("9am" → "10am", "São Paulo" → "Lisbon", "March 3" → "May 5";
      a name next to a number is two values) replaced in place, with more words
      kept than changed;
    * neither: two different memories (several values differ, or values and words).
    """
    only_a = [(w, n - b.counts.get(w, 0)) for w, n in a.counts.items() if n > b.counts.get(w, 0)]
    only_b = [(w, n - a.counts.get(w, 0)) for w, n in b.counts.items() if n > a.counts.get(w, 0)]
    if len(only_a) == len(only_b) == 1 and only_a[0][1] == only_b[0][1] == 1:
        word_a, word_b = only_a[0][0], only_b[0][0]
        typo = min(len(word_a), len(word_b)) >= 3 and not (word_a in VALUE_WORDS and word_b in VALUE_WORDS)
        if typo and not word_a.isdigit() and not word_b.isdigit() and OSA.distance(word_a, word_b) <= 1:
            return "near", None  # a slip of the keyboard, in a name or any other word (not am → pm)
    values_a = [w for w, _ in only_a if w in a.values]
    values_b = [w for w, _ in only_b if w in b.values]
    if not values_a and not values_b:
        broken = max(_excess(a.value_pairs, b.value_pairs), _excess(b.value_pairs, a.value_pairs))
        return ("near", None) if broken <= 1 else (None, None)
    if len(values_a) < len(only_a) or len(values_b) < len(only_b) or not only_a or not only_b:
        return None, None
    changed = max(sum(n for _, n in only_a), sum(n for _, n in only_b))
    if changed > MAX_CHANGED or len(a.sequence) - changed <= changed:
        return None, None
    edits = [op for op in SequenceMatcher(None, a.sequence, b.sequence, autojunk=False).get_opcodes() if op[0] != "equal"]
    if len(edits) != 1 or edits[0][0] != "replace":
        return None, None
    _, i1, i2, j1, j2 = edits[0]
    if _mixes_names_and_numbers(a.sequence[i1:i2]) or _mixes_names_and_numbers(b.sequence[j1:j2]):
        return None, None  # "David 270" → "Ana 80": a name and an amount, two values
    if [str(int(w)) if w.isdigit() else w for w in a.sequence[i1:i2]] == \
            [str(int(w)) if w.isdigit() else w for w in b.sequence[j1:j2]]:
        return None, None  # "09" vs "9": the same number written differently
    while i1 > 0 and j1 > 0 and a.sequence[i1 - 1] in a.values and a.sequence[i1 - 1] == b.sequence[j1 - 1]:
        i1, j1 = i1 - 1, j1 - 1  # show the whole value: "1 pm → 1230 pm", not "1 → 1230"
    while i2 < len(a.sequence) and j2 < len(b.sequence) and a.sequence[i2] in a.values \
            and a.sequence[i2] == b.sequence[j2]:
        i2, j2 = i2 + 1, j2 + 1
    left = " ".join(a.values.get(w, w) for w in a.sequence[i1:i2])
    right = " ".join(b.values.get(w, w) for w in b.sequence[j1:j2])
    return "contradiction", f"{left} → {right}"


def _value_runs(words: _Words) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of adjacent value words; a name next to a number starts a new run."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, w in enumerate(words.sequence + ("",)):
        joins = start is not None and w in words.values and not _mixes_names_and_numbers(words.sequence[start:i + 1])
        if start is not None and not joins:
            runs.append((start, i))
            start = None
        if start is None and w in words.values:
            start = i
    return runs


def _cut_keys(words: _Words) -> set[str]:
    """The text with one word, or one run of value words, cut out: texts sharing a key
    differ in that one place (a changed value, a typo, a changed word)."""
    seq = words.sequence
    spans = {(i, i + 1) for i in range(len(seq))} | set(_value_runs(words))
    return {" ".join(seq[:start] + ("\x01",) + seq[end:]) for start, end in spans}


def _excess(mine: dict, theirs: dict) -> int:
    return sum(max(0, n - theirs.get(k, 0)) for k, n in mine.items())


def _mixes_names_and_numbers(run: tuple[str, ...]) -> bool:
    names = any(w not in VALUE_WORDS and not w.isdigit() for w in run)
    return names and any(w.isdigit() for w in run)


# -- the shared analysis ------------------------------------------------------------
@dataclass
class _Analysis:
    rows: pd.DataFrame  # id, content, stored_hash, category, source, hash, norm (sorted by id)
    pairs: pd.DataFrame  # id_a, id_b, score, kind (near|contradiction), differing: between distinct norms
    compared_pairs: int
    blocks: int


_last: tuple[bytes, _Analysis] | None = None


def _analyse(memories: pd.DataFrame) -> _Analysis:
    """The analysis of ``memories``, reused while the same frame is passed again."""
    global _last
    frame = _check(memories)
    columns = [c for c in (*COLUMNS, "source") if c in frame.columns]
    key = hashlib.blake2b(
        pd.util.hash_pandas_object(frame[columns], index=False).to_numpy().tobytes(), digest_size=16
    ).digest()
    if _last is None or _last[0] != key:
        _last = (key, _run(frame))
    return _last[1]


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


def _run(memories: pd.DataFrame) -> _Analysis:
    rows = pd.DataFrame({
        "id": memories["id"].astype("int64").to_numpy(),
        "content": memories["content"].to_numpy(dtype=object),
        "stored_hash": pd.Series([h if isinstance(h, str) else None for h in memories["content_hash"]], dtype=object),
        "category": memories["category"].astype(str).to_numpy(),
        "source": (memories["source"] if "source" in memories else pd.Series("", index=memories.index)).astype(str).to_numpy(),
    })
    rows = rows.sort_values("id", ignore_index=True)
    content = rows["content"].tolist()
    rows["hash"] = [content_hash(t) for t in content]
    rows["norm"] = [normalize_strong(t) for t in content]
    # Near duplicates and contradictions are searched among distinct normalised texts,
    # each represented by its lowest id: the others are already normalized duplicates of it.
    distinct = rows.drop_duplicates("norm", ignore_index=True)
    norms = distinct["norm"].to_numpy(dtype=object)
    sorted_words = np.array([" ".join(sorted(n.split())) for n in norms], dtype=object)
    split = [_split(t) for t in distinct["content"].tolist()]
    names = _names(split)
    tokens = [_words(words, names) for words in split]
    del split
    category = distinct["category"].to_numpy(dtype=object)

    # Near duplicates agree on every value: block by category, values and a rare shared word.
    values = pd.Series([" ".join(sorted(w for w, n in t.counts.items() if w in t.values for _ in range(n)))
                        for t in tokens])
    word_blocks = _windows(_rare_word_keys(distinct["norm"], category + "\x00" + values.to_numpy(dtype=object)),
                           sorted_words)
    # A contradiction, or a typo, replaces one value or word in place: block by the
    # category and the text with that place cut out, once per place.
    cuts = [(row, f"{c}\x00{key}") for row, (c, t) in enumerate(zip(category, tokens)) for key in _cut_keys(t)]
    value_blocks = _windows(pd.Series([k for _, k in cuts], index=[r for r, _ in cuts], dtype=object), sorted_words)
    del cuts
    texts = (norms, sorted_words)
    found = pd.concat([_score(texts, value_blocks, 0), _score(texts, word_blocks, NEAR_FLOOR)])
    found = found.drop_duplicates(["a", "b"], ignore_index=True)
    kinds = [_classify(tokens[i], tokens[j]) for i, j in zip(found["a"].tolist(), found["b"].tolist())]
    found["kind"] = pd.Series([k for k, _ in kinds], dtype=object)
    found["differing"] = pd.Series([d for _, d in kinds], dtype=object)
    found = found[(found["kind"] == "contradiction") | ((found["kind"] == "near") & (found["score"] >= NEAR_FLOOR))]
    ids = distinct["id"].to_numpy()
    pairs = pd.DataFrame({
        "id_a": ids[found["a"].to_numpy()], "id_b": ids[found["b"].to_numpy()],
        "score": found["score"].to_numpy().astype("int64"),
        "kind": found["kind"].to_numpy(dtype=object), "differing": found["differing"].to_numpy(dtype=object),
    })
    compared = sum(len(b) * (len(b) - 1) // 2 for b in word_blocks + value_blocks)
    return _Analysis(rows, pairs, compared, len(word_blocks) + len(value_blocks))


def _rare_word_keys(norms: pd.Series, category: np.ndarray) -> pd.Series:
    """Each row's ``RARE_KEYS`` rarest words (within its ``category`` key) that at least one other row shares."""
    words = pd.DataFrame({"row": np.arange(len(norms)), "word": [set(n.split()) for n in norms]})
    words = words.explode("word").dropna()
    words["category"] = category[words["row"].to_numpy()]
    words["df"] = words.groupby(["category", "word"])["row"].transform("size")
    rare = words[words["df"] >= 2].sort_values(["row", "df", "word"])
    rare = rare[rare.groupby("row").cumcount() < RARE_KEYS]
    return pd.Series((rare["category"] + "\x00" + rare["word"]).to_numpy(), index=rare["row"].to_numpy())


def _windows(keys: pd.Series, texts: np.ndarray) -> list[np.ndarray]:
    """Rows (positions, the index of ``keys``) sharing a key; a key held by more than
    ``MAX_BLOCK`` rows gives overlapping windows of them sorted by text (sorted neighbourhood)."""
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


def _score(texts: tuple[np.ndarray, np.ndarray], blocks: list[np.ndarray], cutoff: int) -> pd.DataFrame:
    """Every pair within a block scoring at least ``cutoff``, once: row positions ``a < b`` and ``score``.

    The score is the better of ``fuzz.ratio`` over the normalised text and over its
    sorted words (``token_sort_ratio``): sorting forgives reordering, but a typo can
    move a word in the sort ("moed" sorts before "montréal", "moved" after).
    """
    firsts, seconds, scores = [np.array([], dtype=np.int64)], [np.array([], dtype=np.int64)], [np.array([], dtype=np.uint8)]
    for members in blocks:
        workers = -1 if len(members) > 64 else 1
        matrix = None
        for column in texts:
            block = column[members].tolist()
            scored = process.cdist(block, block, scorer=fuzz.ratio, score_cutoff=cutoff, dtype=np.uint8, workers=workers)
            matrix = scored if matrix is None else np.maximum(matrix, scored)
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
    """Pairs of different normalised texts in one category scoring ``>= threshold`` that are no contradiction.

    ``attrs["compared_pairs"]`` is how many pairs the blocks scored (the cost), to
    compare with the n(n-1)/2 of an all-pairs search.
    """
    analysis = _analyse(memories)
    pairs = analysis.pairs
    near = pairs[(pairs["kind"] == "near") & (pairs["score"] >= _threshold(threshold))]
    near = near[["id_a", "id_b", "score"]].sort_values(["score", "id_a", "id_b"], ascending=[False, True, True],
                                                       ignore_index=True)
    near.attrs["compared_pairs"] = analysis.compared_pairs
    near.attrs["blocks"] = analysis.blocks
    return near


def threshold_sweep(memories: pd.DataFrame, thresholds: tuple[float, ...] = SWEEP) -> pd.DataFrame:
    """How many near-duplicate pairs (and clusters) each threshold flags."""
    thresholds = sorted({_threshold(t) for t in thresholds})
    near = near_duplicates(memories, thresholds[0] if thresholds else 100)
    rows = []
    for t in thresholds:
        flagged = near[near["score"] >= t]
        rows.append({"threshold": t, "pairs": len(flagged), "clusters": len(_components(flagged))})
    return pd.DataFrame(rows, columns=["threshold", "pairs", "clusters"])


def clusters(memories: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Connected components of the near-duplicate pairs, largest first: ``cluster, size, ids, sample``."""
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


def contradictions(memories: pd.DataFrame) -> pd.DataFrame:
    """The review queue: similar memories in one category that differ only in numbers, dates, times or names."""
    pairs = _analyse(memories).pairs
    found = pairs[pairs["kind"] == "contradiction"]
    return found.sort_values(["id_a", "id_b"], ignore_index=True)[["id_a", "id_b", "score", "differing"]]


def candidates(memories: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD) -> pd.DataFrame:
    """Every flagged pair, for ``dedup_candidates.csv``: ``id_a < id_b, kind, score``.

    A pair has one kind: exact before normalized before near; contradictions are
    their own kind.  Within an exact or normalized group each member is paired with
    the group's lowest id (the one to keep), not with every other member.
    """
    rows = _analyse(memories).rows
    parts = []
    for kind, by in (("exact", "hash"), ("normalized", "norm")):
        keep = rows.groupby(by)["id"].transform("min")
        star = rows[rows["id"] != keep]
        parts.append(pd.DataFrame({"id_a": keep[star.index].to_numpy(), "id_b": star["id"].to_numpy(),
                                   "kind": kind, "score": 100}))
    parts.append(near_duplicates(memories, threshold).assign(kind="near"))
    parts.append(contradictions(memories).drop(columns="differing").assign(kind="contradiction"))
    table = pd.concat(parts, ignore_index=True)[["id_a", "id_b", "kind", "score"]]
    table = table.drop_duplicates(["id_a", "id_b"], keep="first")  # exact wins over normalized
    table = table.astype({"id_a": "int64", "id_b": "int64", "kind": object, "score": "int64"})
    order = table["kind"].map(KINDS.index)
    return table.assign(_o=order).sort_values(["_o", "id_a", "id_b"], ignore_index=True).drop(columns="_o")


def breakdown(memories: pd.DataFrame, candidate_pairs: pd.DataFrame, by: str = "category") -> pd.DataFrame:
    """Per ``category`` (or ``source``): memories, and how many of them each kind of pair flags."""
    _validate.choice(by, "by", ("category", "source"))
    rows = _analyse(memories).rows
    label = dict(zip(rows["id"], rows[by]))
    table = rows.groupby(by).size().rename("memories").to_frame()
    for kind in KINDS:
        pairs = candidate_pairs[candidate_pairs["kind"] == kind]
        flagged = pd.Series(pd.unique(np.concatenate([pairs["id_a"].to_numpy(), pairs["id_b"].to_numpy()])))
        table[kind] = flagged.map(label).value_counts().reindex(table.index, fill_value=0)
    return table.sort_index().reset_index()


# -- evaluation against the demo's ground truth ------------------------------------------
def evaluate(candidate_pairs: pd.DataFrame, truth_json_path: str | Path, ids: Any = None) -> dict[str, Any]:
    """Precision and recall of ``candidate_pairs`` against a demo database's ``*.truth.json``.

    Duplicates (kinds exact/normalized/near vs. the planted case_whitespace,
    punctuation, unicode_form, typo and reordered pairs) are compared as clusters:
    a flagged pair is right when the truth joins its two ids, directly or through
    other planted pairs, and a planted pair is found when the flagged pairs join its
    ids.  Contradictions are compared pair by pair, each id read as its duplicate
    cluster.  ``precision``/``recall`` pool both classes.  ``ids`` (optional) limits
    the truth to pairs whose ids were audited (e.g. a since/until window).
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
    unknown = {k for _, _, k in planted} - set(demo.KINDS)
    if unknown:
        raise ValidationError(f"unknown planted kind(s) {', '.join(sorted(unknown))} in {truth_json_path}")
    flagged = [(int(a), int(b), k) for a, b, k in candidate_pairs[["id_a", "id_b", "kind"]].itertuples(index=False)]

    true_dup = [(a, b) for a, b, k in planted if k in DUPLICATE_KINDS]
    found_dup = [(a, b) for a, b, k in flagged if k in ("exact", "normalized", "near")]
    truth_cluster, found_cluster = _labels(true_dup), _labels(found_dup)
    dup_tp = sum(1 for a, b in found_dup if _joined(truth_cluster, a, b))
    dup_found = sum(1 for a, b in true_dup if _joined(found_cluster, a, b))

    def as_cluster(a: int, b: int) -> frozenset:
        return frozenset((truth_cluster.get(a, ("id", a)), truth_cluster.get(b, ("id", b))))

    true_con = {as_cluster(a, b) for a, b, k in planted if k == "contradiction"}
    found_con = [as_cluster(a, b) for a, b, k in flagged if k == "contradiction"]
    con_tp = sum(1 for pair in found_con if pair in true_con)
    con_found = len(true_con & set(found_con))

    def ratio(n: int, d: int) -> float:
        return round(n / d, 4) if d else 1.0

    return {
        "precision": ratio(dup_tp + con_tp, len(found_dup) + len(found_con)),
        "recall": ratio(dup_found + con_found, len(true_dup) + len(true_con)),
        "duplicate_precision": ratio(dup_tp, len(found_dup)),
        "duplicate_recall": ratio(dup_found, len(true_dup)),
        "contradiction_precision": ratio(con_tp, len(found_con)),
        "contradiction_recall": ratio(con_found, len(true_con)),
        "duplicate_pairs_flagged": len(found_dup), "duplicate_pairs_planted": len(true_dup),
        "contradiction_pairs_flagged": len(found_con), "contradiction_pairs_planted": len(true_con),
    }


def truth_path(database_url: str) -> Path | None:
    """The demo ground truth beside a ``file:`` database (``<stem>.truth.json``), if there is one."""
    settings = config.parse_url(database_url)
    if settings.is_remote or settings.path is None:
        return None
    candidate = demo.truth_path_for(settings.path)
    return candidate if candidate.is_file() else None


# -- helpers ------------------------------------------------------------------------------
def _threshold(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not NEAR_FLOOR <= value <= 100:
        raise ValidationError(f"a near-duplicate threshold is a number from {NEAR_FLOOR} to 100; got {value!r}")
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
