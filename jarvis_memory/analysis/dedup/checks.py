"""The checks a notebook calls (exact and normalised groups, near duplicates, clusters, the review queue,
the candidate list), each a DataFrame read from the one shared analysis."""

from __future__ import annotations

import heapq
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from ...store import validate
from . import semantic
from .audit import _analyse, _Analysis, _components, _cyclic_gc_paused, _labels, _threshold
from .text import FUNCTION_WORDS, VALUE_WORDS, _words, is_number
from .tuning import DEFAULT_THRESHOLD, KINDS, SWEEP


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
    """Pairs of different normalised texts (in any categories) that state the same thing: ``id_a, id_b,
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


CHANGE_ORDER = ("negation", "value", "word", "order", "subject")  # likely conflicts first, other subjects last


def review_queue(memories: pd.DataFrame) -> pd.DataFrame:
    """Review groups: variants of one statement, ranked, one row each.

    Columns: ``group`` (1 = review first), ``change`` (negation, value, word, order (who does what to whom) or subject:
    :data:`CHANGE_ORDER`, likely conflicts first), ``size``, ``ids``, ``values``, ``created_at``
    (lists, newest first: the newest value probably supersedes the rest) and ``statement``
    (the newest text).  Members that are duplicates of each other count once.  A group is one memory
    and its variants, each of which shares a statement with it: if A differs from B in the food and
    from C in the day, A, B and C are reviewed together, and each member's value is then its words
    that not every member has ("curry … Monday", "sushi … Monday", "curry … Friday").  A variant of B
    in the day is not joined to them: it shares no statement with A.  Each memory is a member of
    one group (:func:`_stars`).
    """
    return _queued(memories, _analyse(memories)).queue.copy()


def _queued(memories: pd.DataFrame, analysis: _Analysis) -> _Analysis:
    """``analysis`` with its review queue and the queue's pairs, computed on first use."""
    if analysis.queue is None:
        with _cyclic_gc_paused():
            analysis.queue, analysis.queue_pairs = _review_queue(memories, analysis)
    return analysis


def _review_queue(memories: pd.DataFrame, analysis: _Analysis) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The queue, and its pairs for :func:`candidates`: each member with the newest member of a statement
    it is in (two members of a group that differ in two places are not a pair: never compared)."""
    columns = ["group", "change", "size", "ids", "values", "created_at", "statement"]
    pair_columns = ["id_a", "id_b", "group"]
    rows = analysis.rows.set_index("id")
    # a member's duplicate cluster, to count each statement once (no variants: no need to look)
    twin = _duplicate_labels(memories) if len(analysis.variants) else {}
    v = analysis.variants
    v = v.assign(key=pd.factorize(v["key"], sort=True)[0],  # the keys as integers (fast to sort and compare)
                 created_at=rows.loc[v["id"], "created_at"].to_numpy(),
                 twin=v["id"].map(lambda i: twin.get(i, i)).astype("int64"))
    v = v.sort_values(["key", "created_at", "id"], ascending=[True, False, False], na_position="last")
    v = v.drop_duplicates(["key", "twin"])
    v = v[v.groupby("key")["value"].transform("nunique") > 1]  # members that all say the same: nothing to review
    if v.empty:
        return pd.DataFrame(columns=columns), pd.DataFrame([], columns=pair_columns).astype("int64")
    # Each group is one memory and its variants (a star: every member shares a statement with it), so no group
    # chains memories that share no statement; each memory is a member of one group.
    newest = v.sort_values(["created_at", "id"], ascending=False, na_position="last").drop_duplicates("twin")
    v = v.merge(_stars(v), on=["twin", "key"]).drop(columns=["id", "created_at"])  # a twin as its newest row
    v = v.merge(newest[["twin", "id", "created_at"]], on="twin")
    v = v.sort_values(["label", "created_at", "id", "key"], ascending=[True, False, False, True], na_position="last")
    # One pass over the groups, as slices of the sorted rows (a group's rows are adjacent), rather than
    # pandas groupby with Python lambdas per group (a fifth of the audit's time at 100k memories).
    label = v["label"].to_numpy()
    starts = np.flatnonzero(np.r_[True, label[1:] != label[:-1]])
    ends = np.r_[starts[1:], len(label)]
    ids, twins, values, changes, created_at, keys = (v[c].tolist() for c in ("id", "twin", "value", "change",
                                                                               "created_at", "key"))
    content = dict(zip(analysis.rows["id"].tolist(), analysis.rows["content"].tolist()))
    mates: dict[int, list[int]] = {}  # a duplicate cluster's label -> its ids
    for i, t in twin.items():
        mates.setdefault(t, []).append(i)
    table, seen = [], set()
    for start, end in zip(starts.tolist(), ends.tolist()):
        members: dict[int, tuple[int, Any, str]] = {}  # twin -> (its newest id, that id's date, its value)
        for k in range(start, end):
            members.setdefault(twins[k], (ids[k], created_at[k], values[k]))
        signature = frozenset((twin, m[2]) for twin, m in members.items())
        if signature in seen:
            continue  # a typo in the statement gives its own key: the same members and values, one group
        seen.add(signature)
        member_ids = [m[0] for m in members.values()]
        member_values = [m[2] for m in members.values()]
        if len(set(keys[start:end])) > 1:  # several places differ: each member's own words
            parsed = {i: analysis.words.get(i) or _words(content[i]) for t in members for i in mates.get(t, [t])}
            # a word is common if every member or one of its duplicates has it: a typo is not a difference
            common = set.intersection(*(set().union(*(parsed[i][0] for i in mates.get(t, [t]))) for t in members))
            member_values = [_own_words(parsed[i], common) or value for i, value in zip(member_ids, member_values)]
        newest: dict[int, int] = {}  # key -> its newest member (the rows are newest first)
        pairs = set()
        for k in range(start, end):
            member, first = members[twins[k]][0], newest.setdefault(keys[k], members[twins[k]][0])
            if member != first:
                pairs.add((min(member, first), max(member, first)))
        change = min(changes[start:end], key=CHANGE_ORDER.index)
        table.append((change, len(members), member_ids, member_values,
                      [None if m[1] is pd.NaT else m[1] for m in members.values()],
                      content[member_ids[0]], CHANGE_ORDER.index(change), -member_ids[0], sorted(pairs)))
    grouped = pd.DataFrame(table, columns=[*columns[1:], "_rank", "_newest", "_pairs"])
    grouped = grouped.sort_values(["_rank", "size", "_newest"], ascending=[True, False, True], ignore_index=True)
    grouped.insert(0, "group", range(1, len(grouped) + 1))
    pairs = [(a, b, g) for g, group_pairs in zip(grouped["group"].tolist(), grouped["_pairs"].tolist())
             for a, b in group_pairs]
    return grouped[columns], pd.DataFrame(pairs, columns=pair_columns).astype("int64")


def _stars(v: pd.DataFrame) -> pd.DataFrame:
    """A cover of the variants (``key``: a statement, ``twin``: a member) by stars: ``label, twin, key`` for each
    star's centre and each of its members, with the statement they share.  Greedy, as for a set cover (Chvátal
    1979, with lazily updated gains): the memory with the most variants in no star yet first (then the newest,
    the highest id), with those variants; a memory whose variants are all in stars already forms one with one
    of them.  Each key's members in no star are kept as a set, so a statement of thousands of values is read
    once, not once per member."""
    members: dict[int, list[int]] = {}
    keys_of: dict[int, list[int]] = {}
    for k, t in zip(v["key"].tolist(), v["twin"].tolist()):  # plain lists: pandas' agg(list) is 10x slower here
        members.setdefault(k, []).append(t)
        keys_of.setdefault(t, []).append(k)
    newest = v.groupby("twin")["created_at"].max().rank(method="first", na_option="top").to_dict()  # undated first
    open_members = {k: set(twins) for k, twins in members.items()}
    heap = [(-sum(len(members[k]) for k in keys), -newest[t], -t) for t, keys in keys_of.items()]
    heapq.heapify(heap)
    rows: list[tuple[int, int, int]] = []
    while heap:
        gain, date, t = heapq.heappop(heap)
        centre = -t
        alone = centre in open_members[keys_of[centre][0]]
        bound = sum(len(open_members[k]) - (centre in open_members[k]) for k in keys_of[centre])  # >= its variants
        if bound + alone < -gain:  # fewer than it had, at most: back in line, without listing them
            if bound or alone:
                heapq.heappush(heap, (-(bound + alone), date, t))
            continue
        found = {other: k for k in keys_of[centre] for other in open_members[k] if other != centre}
        if len(found) + alone < -gain:  # fewer than it had: back in line
            if found or alone:
                heapq.heappush(heap, (-(len(found) + alone), date, t))
            continue
        if not found:  # all its variants are in stars: a star of one of them and it
            k = keys_of[centre][0]
            centre, found = next(other for other in members[k] if other != centre), {centre: k}
        label = len(rows) and rows[-1][0] + 1 or 1
        rows += [(label, other, k) for other, k in found.items()]
        rows += [(label, centre, k) for k in set(found.values())]
        for member in (centre, *found):
            for k in keys_of[member]:
                open_members[k].discard(member)
    return pd.DataFrame(rows, columns=["label", "twin", "key"])


def _own_words(text: tuple[tuple[str, ...], tuple[str, ...]], common: set[str]) -> str:
    """The words (:func:`.text._words`: folded, as written) not in ``common`` as written, with the unit after a
    number ("7 pm", "40 euros", not "7 and"); "…" between runs."""
    words, written = text
    kept = [w not in common for w in words]
    for i in range(1, len(words)):
        kept[i] = kept[i] or (kept[i - 1] and is_number(words[i - 1]) and ":" not in words[i - 1]  # a time has
                              and (words[i] in VALUE_WORDS or words[i] not in FUNCTION_WORDS))  # its unit (times.py)
    runs, run = [], []
    for word, keep in zip(written, kept):
        if keep:
            run.append(word)
        elif run:
            runs.append(" ".join(run))
            run = []
    if run:
        runs.append(" ".join(run))
    return " … ".join(runs)


def candidates(memories: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD,
               semantic_model: str | None = None) -> pd.DataFrame:
    """Every flagged pair, for ``dedup_candidates.csv``: ``id_a < id_b, kind, score, group``.

    A pair has one kind, the first of :data:`KINDS` that applies; with a ``semantic_model`` (or the
    ``JARVIS_DEDUP_SEMANTIC_MODEL`` variable: :func:`.semantic.model_name`), pairs the rules did not flag
    may follow as ``possible_duplicate`` (:mod:`.semantic`; its ``score`` is the model's cosine, 0-100).  Within an exact or
    normalized group each member is paired with the group's lowest id (the one to
    keep); within a review group each member with the newest member of the statement it
    is in (it probably supersedes the others; in a group, two members that differ in
    two places are no pair), and ``group`` is the review group's rank (empty for duplicates).
    """
    analysis = _queued(memories, _analyse(memories))
    rows = analysis.rows
    parts = []
    for kind, by in (("exact", "hash"), ("normalized", "norm")):
        keep = rows.groupby(by)["id"].transform("min")
        star = rows[rows["id"] != keep]
        parts.append(pd.DataFrame({"id_a": keep[star.index].to_numpy(), "id_b": star["id"].to_numpy(),
                                   "kind": kind, "score": 100}))
    parts.append(near_duplicates(memories, threshold)[["id_a", "id_b", "kind", "score"]])
    star = analysis.queue_pairs
    a, b = star["id_a"].to_numpy(dtype=np.int64), star["id_b"].to_numpy(dtype=np.int64)
    norm = rows.set_index("id")["norm"]
    # _similarity of each pair, all at once (float64, then truncated as int() does)
    score = process.cpdist(norm.loc[a].tolist(), norm.loc[b].tolist(), scorer=fuzz.token_set_ratio, dtype=np.float64,
                           workers=-1 if len(a) > 10_000 else 1)
    parts.append(pd.DataFrame({
        "id_a": np.minimum(a, b), "id_b": np.maximum(a, b), "kind": "variant",
        "score": score.astype(np.int64), "group": star["group"].to_numpy()}))
    table = pd.concat(parts, ignore_index=True)[["id_a", "id_b", "kind", "score", "group"]]
    table = table.drop_duplicates(["id_a", "id_b"], keep="first")  # exact wins over normalized, duplicates over variants
    # -- the optional semantic stage (semantic.py): pairs in other words that the rules did not flag ----------
    name = semantic.model_name(semantic_model)
    if name is not None:
        table = pd.concat([table, semantic.listed(rows, table, name)], ignore_index=True)
    table = table.astype({"id_a": "int64", "id_b": "int64", "kind": object, "score": "int64", "group": "Int64"})
    order = table["kind"].map((*KINDS, semantic.KIND).index)
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


