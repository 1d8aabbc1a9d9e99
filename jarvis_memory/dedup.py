"""The dedup audit: duplicates and contradictions among memory entries (contract C).

The unique index on ``content_hash`` only stops repeats of the same trimmed,
lower-cased text, and only when the writer stored a correct hash.  This module
finds what slips through, on the loader's ``ds.memories`` frame:

* **exact**: equal *recomputed* hash (possible only through NULL or wrong stored hashes);
* **normalized**: equal after :func:`normalize_strong` (Unicode form, case, punctuation, spacing);
* **near**: fuzzy-similar texts in the same category (typos, reordered words);
* **contradiction**: similar texts in the same category that differ only in a
  number, date, time or name -- a review queue, never merged as duplicates.

Name rule: a changed capitalised word ("sister's name is Ana" / "... Anna") is a
*contradiction*, however small the edit: a typo costs a reviewer a glance, while
merging a real change of name as a typo silently loses it.

Near duplicates are never searched over all pairs.  Rows are put in blocks that
share a category and either one of their rarest shared words or the same word
"skeleton" (the text without its numbers, dates and names); blocks larger than
``MAX_BLOCK`` are cut into overlapping windows of rows sorted by text.  Within
a block, ``rapidfuzz.process.cdist`` scores every pair with
``fuzz.ratio`` over the word-sorted normalised text (= ``token_sort_ratio``).
Clusters are connected components, by a small union-find over the pairs (no
graph library is installed; scipy/networkx would be a dependency for 15 lines).

The checks share one cached analysis of the last frame seen, so a notebook can
call them one after another at the cost of one.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from .errors import ValidationError
from .hashing import content_hash

KINDS = ("exact", "normalized", "near", "contradiction")
DUPLICATE_KINDS = ("case_whitespace", "punctuation", "unicode_form", "typo", "reordered")  # demo truth kinds
DEFAULT_THRESHOLD = 90
SWEEP = tuple(range(80, 101, 2))
CANDIDATE_CUTOFF = 60  # lowest score any check looks at; a contradiction needs this much overlap too
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
    " thousand once twice first second third fourth fifth sixth seventh eighth ninth tenth"
)
VALUE_WORDS = frozenset(f"{_MONTHS} {_DAYS} {_TIMES} {_NUMBERS}".split())


# -- normalisation ----------------------------------------------------------------
@cache
def _strip_table() -> dict[int, None]:
    """Every punctuation (P*) and invisible format (Cf, e.g. zero-width space) code point."""
    return {
        cp: None for cp in range(sys.maxunicode + 1)
        if unicodedata.category(chr(cp))[0] == "P" or unicodedata.category(chr(cp)) == "Cf"
    }


def normalize_strong(text: str) -> str:
    """NFKC, casefold, punctuation (and zero-width characters) removed, white space collapsed.

    >>> normalize_strong("  Ｃafé,  STRASSE!\\u200b ")
    'café strasse'
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(folded.translate(_strip_table()).split())


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
_DIGITS_OR_NOT = re.compile(r"\d+|\D+")


def _value_tokens(text: str) -> tuple[tuple[str, ...], dict[str, str]]:
    """The text's words (digits split from letters, casefolded) and those that carry a value.

    Returns ``(words, values)`` where ``values`` maps a casefolded word to its
    original spelling when it is a number, a date/time word or a name (a
    capitalised word that does not start a sentence, in text that is not all capitals).
    """
    text = unicodedata.normalize("NFKC", text)
    shouting = not any(ch.islower() for ch in text)
    words: list[str] = []
    values: dict[str, str] = {}
    for sentence in _SENTENCE_END.split(text):
        for position, word in enumerate(sentence.translate(_strip_table()).split()):
            for part in _DIGITS_OR_NOT.findall(word):
                folded = part.casefold()
                words.append(folded)
                name = position > 0 and part[0].isupper() and not shouting
                if part.isdigit() or folded in VALUE_WORDS or name:
                    values.setdefault(folded, part)
    return tuple(words), values


def _differing(a: tuple[tuple[str, ...], dict[str, str]], b: tuple[tuple[str, ...], dict[str, str]]) -> str | None:
    """``"9 → 10"`` when two texts differ only in value words (and do differ in value), else None.

    Both sides must replace something (an added detail is not a contradiction),
    keep at least two words in common, and change at most three words each.
    """
    (words_a, values_a), (words_b, values_b) = a, b
    count_a, count_b = Counter(words_a), Counter(words_b)
    only_a, only_b = count_a - count_b, count_b - count_a
    if not only_a or not only_b:
        return None
    shared = sum((count_a & count_b).values())
    changed = max(only_a.total(), only_b.total())
    if shared < 2 or changed > 3 or shared < changed:
        return None
    if any(w not in values_a for w in only_a) or any(w not in values_b for w in only_b):
        return None

    def value(word: str) -> str | int:
        return int(word) if word.isdigit() else word

    if Counter({value(w): n for w, n in only_a.items()}) == Counter({value(w): n for w, n in only_b.items()}):
        return None  # "09" vs "9": the same number written differently
    left = " ".join(values_a[w] for w in only_a.elements())
    right = " ".join(values_b[w] for w in only_b.elements())
    return f"{left} → {right}"


# -- the shared analysis ------------------------------------------------------------
@dataclass
class _Analysis:
    rows: pd.DataFrame  # id, content, stored_hash, category, source, hash, norm (sorted by id)
    pairs: pd.DataFrame  # id_a, id_b, score, differing (None unless a contradiction), between distinct norms
    compared_pairs: int
    blocks: int


_last: tuple[bytes, _Analysis] | None = None


def _analyse(memories: pd.DataFrame) -> _Analysis:
    """The analysis of ``memories``, reused while the same frame is passed again."""
    global _last
    frame = _check(memories)
    key = hashlib.blake2b(
        pd.util.hash_pandas_object(frame[list(COLUMNS)], index=False).to_numpy().tobytes(), digest_size=16
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
    rows["hash"] = [content_hash(t) for t in rows["content"]]
    rows["norm"] = [normalize_strong(t) for t in rows["content"]]
    # Near duplicates and contradictions are searched among distinct normalised texts,
    # each represented by its lowest id: the others are already normalized duplicates of it.
    distinct = rows.drop_duplicates("norm", ignore_index=True)
    distinct["sorted"] = [" ".join(sorted(n.split())) for n in distinct["norm"]]
    tokens = [_value_tokens(t) for t in distinct["content"]]
    blocks = _blocks(distinct, tokens)
    first, second, scores, compared = _score_blocks(distinct["sorted"].to_numpy(dtype=object), blocks)
    differing = [_differing(tokens[i], tokens[j]) for i, j in zip(first.tolist(), second.tolist())]
    ids = distinct["id"].to_numpy()
    pairs = pd.DataFrame({"id_a": ids[first], "id_b": ids[second], "score": scores.astype("int64"),
                          "differing": pd.Series(differing, dtype=object)})
    return _Analysis(rows, pairs, compared, len(blocks))


def _blocks(rows: pd.DataFrame, tokens: list[tuple[tuple[str, ...], dict[str, str]]]) -> list[np.ndarray]:
    """Row positions that may hold near duplicates of one another (see the module docstring)."""
    category = rows["category"].to_numpy(dtype=object)
    words = pd.DataFrame({"row": np.arange(len(rows)), "word": [set(s.split()) for s in rows["norm"]]})
    words = words.explode("word").dropna()
    words["category"] = category[words["row"].to_numpy()]
    words["df"] = words.groupby(["category", "word"])["row"].transform("size")
    rare = words[words["df"] >= 2].sort_values(["row", "df", "word"])
    rare = rare[rare.groupby("row").cumcount() < RARE_KEYS]
    keys = pd.concat([
        pd.DataFrame({"row": rare["row"].to_numpy(), "key": ("w\x00" + rare["category"] + "\x00" + rare["word"]).to_numpy()}),
        pd.DataFrame({"row": np.arange(len(rows)), "key": [
            f"s\x00{c}\x00" + " ".join(sorted(w for w in ws if w not in vs))
            for c, (ws, vs) in zip(category, tokens)
        ]}),
    ])
    sort_text = rows["sorted"].to_numpy(dtype=object)
    blocks: list[np.ndarray] = []
    for members in keys.groupby("key", sort=True)["row"].agg(list):
        if len(members) < 2:
            continue
        members = np.array(sorted(members, key=lambda r: (sort_text[r], r)))
        if len(members) <= MAX_BLOCK:
            blocks.append(members)
        else:
            step = MAX_BLOCK // 2
            blocks.extend(members[start:start + MAX_BLOCK] for start in range(0, len(members) - step, step))
    return blocks


def _score_blocks(texts: np.ndarray, blocks: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Every pair within a block scoring at least CANDIDATE_CUTOFF, once, as row positions first < second."""
    firsts, seconds, scores = [], [], []
    compared = 0
    for members in blocks:
        m = len(members)
        compared += m * (m - 1) // 2
        matrix = process.cdist(texts[members].tolist(), texts[members].tolist(), scorer=fuzz.ratio,
                               score_cutoff=CANDIDATE_CUTOFF, dtype=np.uint8, workers=-1 if m > 64 else 1)
        i, j = np.nonzero(np.triu(matrix, k=1))
        if len(i):
            a, b = members[i], members[j]
            firsts.append(np.minimum(a, b))
            seconds.append(np.maximum(a, b))
            scores.append(matrix[i, j])
    if not firsts:
        empty = np.array([], dtype=np.int64)
        return empty, empty, np.array([], dtype=np.uint8), compared
    first, second, score = np.concatenate(firsts), np.concatenate(seconds), np.concatenate(scores)
    _, unique = np.unique(first * len(texts) + second, return_index=True)
    return first[unique], second[unique], score[unique], compared


# -- the checks -----------------------------------------------------------------------
def _groups(rows: pd.DataFrame, by: str, keep: pd.Series | None = None) -> pd.DataFrame:
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
    near = pairs[pairs["differing"].isna() & (pairs["score"] >= _threshold(threshold))]
    near = near[["id_a", "id_b", "score"]].sort_values(["score", "id_a", "id_b"], ascending=[False, True, True],
                                                       ignore_index=True)
    near.attrs["compared_pairs"] = analysis.compared_pairs
    near.attrs["blocks"] = analysis.blocks
    return near


def threshold_sweep(memories: pd.DataFrame, thresholds: tuple[float, ...] = SWEEP) -> pd.DataFrame:
    """How many near-duplicate pairs (and clusters) each threshold flags."""
    thresholds = sorted({_threshold(t) for t in thresholds})
    if thresholds and thresholds[0] < CANDIDATE_CUTOFF:
        raise ValidationError(f"thresholds below {CANDIDATE_CUTOFF} are not scored; got {thresholds[0]}")
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
        "stored_hash": bad["stored_hash"].to_numpy(),
        "recomputed_hash": bad["hash"].to_numpy(),
        "problem": np.where(missing[bad.index], "missing", "mismatch"),
    })


def contradictions(memories: pd.DataFrame) -> pd.DataFrame:
    """The review queue: similar memories in one category that differ only in numbers, dates, times or names."""
    pairs = _analyse(memories).pairs
    found = pairs[pairs["differing"].notna()]
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
    if by not in ("category", "source"):
        raise ValidationError(f"breakdown by category or source, not {by!r}")
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
    unknown = {k for _, _, k in planted} - set(DUPLICATE_KINDS) - {"contradiction"}
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
    if not str(database_url).startswith("file:"):
        return None
    from .config import parse_url

    path = parse_url(database_url).path
    candidate = path.with_name(path.stem + ".truth.json") if path else None
    return candidate if candidate is not None and candidate.is_file() else None


# -- helpers ------------------------------------------------------------------------------
def _threshold(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) or not 0 <= value <= 100:
        raise ValidationError(f"a threshold is a number from 0 to 100; got {value!r}")
    return int(np.ceil(value))


def _find(parent: dict[int, int], x: int) -> int:
    root = x
    while parent.setdefault(root, root) != root:
        root = parent[root]
    while parent[x] != root:  # path compression
        parent[x], x = root, parent[x]
    return root


def _labels(pairs: list[tuple[int, int]] | pd.DataFrame) -> dict[int, int]:
    """Union-find over ``pairs``: each id's component label, the smallest id of its component."""
    parent: dict[int, int] = {}
    for a, b in pairs:
        ra, rb = _find(parent, int(a)), _find(parent, int(b))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: _find(parent, x) for x in parent}


def _joined(labels: dict[int, int], a: int, b: int) -> bool:
    return a in labels and labels.get(a) == labels.get(b)


def _components(pairs: pd.DataFrame) -> list[list[int]]:
    """The connected components (sorted id lists) of the pairs' graph."""
    labels = _labels(list(zip(pairs["id_a"].tolist(), pairs["id_b"].tolist())))
    members: dict[int, list[int]] = {}
    for node, root in labels.items():
        members.setdefault(root, []).append(node)
    return [sorted(m) for m in members.values()]
