"""The shared analysis of one memories frame: every check reads it, computed once per frame."""

from __future__ import annotations

import gc
import hashlib
import re
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ...errors import ValidationError
from ...store.hashing import content_hash
from . import budget, exchanges, owner, relations
from .blocks import (
    _all_pairs,
    _classify_values,
    _cut_blocks,
    _extension_pairs,
    _probe_blocks,
    _rare_word_keys,
    _score,
    _shapes,
    _similarity,
    _windows,
)
from .compare import _compare, _is_value
from .restated import core_shape
from .symbols import normalize_strong
from .text import _parse, _reparsed, _Text
from .tuning import COLUMNS, FUZZY_FLOOR, KINDS, NEAR_FLOOR


@dataclass
class _Analysis:
    rows: pd.DataFrame  # id, content, stored_hash, category, source, created_at, hash, norm (sorted by id)
    pairs: pd.DataFrame  # id_a, id_b, score, kind (near|paraphrase|subsumed): between distinct norms
    variants: pd.DataFrame  # group, id, value, change: members of each review group
    compared_pairs: int
    blocks: int
    words: dict[int, tuple[tuple[str, ...], tuple[str, ...]]]  # id -> a variant member's words, folded and as written
    queue: pd.DataFrame | None = None  # review_queue(), once computed
    queue_pairs: pd.DataFrame | None = None  # id_a, id_b, group: each member and the newest of its statement


_last: tuple[bytes, _Analysis] | None = None


def _analyse(memories: pd.DataFrame) -> _Analysis:
    """The analysis of ``memories``, reused while the same frame is passed again (and the owner's names,
    :func:`.owner.names`, are the same)."""
    global _last
    frame = _check(memories)
    columns = [c for c in (*COLUMNS, "source", "created_at") if c in frame.columns]
    names = owner.names()
    key = _frame_key(frame[columns]) + "\x00".join(names).encode()
    if _last is None or _last[0] != key:
        allowance = budget.check(frame["content"])  # refused before it starts if it would not fit
        _last = None  # the previous frame's analysis is not held while this one is made
        with _cyclic_gc_paused():
            try:
                _last = (key, _run_audit(frame, allowance, names))
            finally:
                _reparsed.cache_clear()  # the long texts parsed again for the comparisons
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


def _frame_key(frame: pd.DataFrame, rows: int = 1_000) -> bytes:
    """A digest of the frame's values, hashed ``rows`` rows at a time: hashing a column of long texts whole held a
    copy of them all (categorize=False: the texts are mostly unique, factorizing them first only costs time)."""
    digest = hashlib.blake2b(digest_size=16)
    for start in range(0, len(frame), rows):
        hashed = pd.util.hash_pandas_object(frame.iloc[start:start + rows], index=False, categorize=False)
        digest.update(hashed.to_numpy().tobytes())
    return digest.digest()


_SURROGATE = re.compile("[\ud800-\udfff]")


def _check(memories: Any) -> pd.DataFrame:
    if not isinstance(memories, pd.DataFrame):
        raise ValidationError(f"expected the memories DataFrame, not {type(memories).__name__}")
    missing = [c for c in COLUMNS if c not in memories.columns]
    if missing:
        raise ValidationError(f"the memories frame lacks column(s) {', '.join(missing)}")
    if memories["id"].isna().any() or memories["id"].duplicated().any():
        raise ValidationError("memory ids must be present and unique")
    content = memories["content"]
    bad = content.isna() if isinstance(content.dtype, pd.StringDtype) else content.map(lambda v: not isinstance(v, str))
    if bad.any():
        raise ValidationError(f"content is not text for id(s) {memories.loc[bad, 'id'].head(5).tolist()}")
    if content.dtype == object:  # a str column holds UTF-8 only; a Python str may hold a lone surrogate
        broken = content.map(lambda v: _SURROGATE.search(v) is not None)
        if broken.any():
            raise ValidationError(f"content holds a lone surrogate (half of a UTF-16 pair: not Unicode text, so it "
                                  f"has no UTF-8 form to hash) for id(s) {memories.loc[broken, 'id'].head(5).tolist()}")
    return memories


def _run_audit(memories: pd.DataFrame, allowance: budget.Budget, names: tuple[str, ...] = ()) -> _Analysis:
    blank = pd.Series(index=memories.index, dtype=object)
    rows = pd.DataFrame({
        "id": memories["id"].astype("int64").to_numpy(),
        "content": memories["content"].astype(str).array,  # the frame's own strings: no copy of the text
        "stored_hash": pd.Series([h if isinstance(h, str) else None for h in memories["content_hash"]], dtype=object),
        "category": memories["category"].astype(str).to_numpy(),
        "source": memories.get("source", blank.fillna("")).astype(str).to_numpy(),
        "created_at": pd.to_datetime(memories.get("created_at", blank), utc=True, errors="coerce").to_numpy(),
    })
    if not rows["id"].is_monotonic_increasing:  # sorted, the frame's texts are copied
        rows = rows.sort_values("id", ignore_index=True)
    content = rows["content"].array  # read a text at a time: as a list of str, the texts were held twice
    rows["hash"] = [content_hash(t) for t in content]
    norm = [normalize_strong(t) for t in content]
    rows["norm"] = pd.Series(norm, dtype=object)  # these str objects (as a str column, a copy of them)
    # The finer kinds are searched among distinct normalised texts, each represented by
    # its lowest id: the others are already normalized duplicates of it.
    distinct = rows.drop_duplicates("norm")
    first = distinct.index.tolist()
    # read with the owner's names as "the user" (refused there once it shows it would not fit)
    texts, vocabulary = _parse(owner.as_user(content, names), first, allowance.held_whole)
    norms = np.array([norm[i] for i in first], dtype=object)
    del norm
    distinct = distinct.reset_index(drop=True)

    shapes, merged = _shapes(texts)  # the content words, a synonym as the word standing for its meaning: blocks' keys
    big_groups, cut_blocks = _cut_blocks(texts, shapes, merged)
    # the same set of concepts (its 64-bit hash: a collision only adds pairs to compare)
    same_set = pd.Series([hash(frozenset(s)) for s in shapes], dtype=np.int64)
    same_core = pd.Series([hash(core_shape(s)) for s in shapes], dtype=np.int64)  # in another construction
    exact_blocks = _windows(same_set, norms) + _windows(same_core, norms) + cut_blocks
    related = {row: hash(p) for row, t in enumerate(texts) if (p := relations.people(t)) is not None}
    exact_blocks += _windows(pd.Series(related, dtype=np.int64), norms)  # "Jane is Tom's aunt" / "Tom is her nephew"
    exchanged = {row: hash(e) for row, t in enumerate(texts) if (e := exchanges.exchange(t)) is not None}
    exact_blocks += _windows(pd.Series(exchanged, dtype=np.int64), norms)  # "Sold Tom a bike" / "Tom bought a bike"
    rare_blocks = _probe_blocks(_rare_word_keys(shapes))
    shaped = np.array([" ".join(s) for s in shapes], dtype=object)
    extensions = _extension_pairs(texts, shapes)
    del shapes, merged, same_set, same_core  # the shapes, as long as the texts' content words: not held while pairs are compared
    candidates = pd.concat([_all_pairs(exact_blocks), extensions, _score(shaped, rare_blocks, FUZZY_FLOOR)[["a", "b"]]])
    candidates = candidates.drop_duplicates(ignore_index=True)
    big_member = np.full(len(texts), -1)
    for g, (members, _) in enumerate(big_groups):
        big_member[members] = g
    ga, gb = big_member[candidates["a"].to_numpy()], big_member[candidates["b"].to_numpy()]
    candidates = candidates[(ga < 0) | (ga != gb)]  # classified as a whole below

    found_a, found_b, scores, kinds = [], [], [], []
    variant_a, variant_b = array("q"), array("q")  # the pairs compared and judged variants
    classes: list[tuple[np.ndarray, np.ndarray]] = []  # a large cut block's rows, and each one's value as classified
    members: dict[tuple, tuple[str, str]] = {}  # (key, row) -> (value, change) of the first pair that has it
    for i, j in zip(candidates["a"].tolist(), candidates["b"].tolist()):
        verdict = _compare(texts[i], texts[j], vocabulary)
        if verdict.kind == "variant":
            key = verdict.key
            members.setdefault((key, i), (verdict.value_a, verdict.change))
            members.setdefault((key, j), (verdict.value_b, verdict.change))
            variant_a.append(i)
            variant_b.append(j)
        elif verdict.kind is not None:
            found_a.append(i)
            found_b.append(j)
            kinds.append(verdict.kind)
            # the texts' similarity, or their concepts' where higher: "is allergic to cats" / "has a cat allergy"; a
            # relation or an exchange said the other way round is one read ("I'm Tom's aunt" / "Tom is my nephew")
            scores.append(100 if related.get(i, 0) == related.get(j) and relations.one_relation(texts[i], texts[j])
                          or exchanges.one_exchange(texts[i], texts[j])
                          else max(_similarity(norms[i], norms[j]), _similarity(shaped[i], shaped[j])))
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
        nodes, labels = _label_components(np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64))
        joined = dict(zip(nodes.tolist(), labels.tolist()))  # rows of one value, or of a value and its typo
        classes.append((members_, np.array([joined.get(m, m) for m in members_.tolist()], dtype=np.int64)))
        key = ("\x01big",) + tuple(sorted(set(texts[members_[0]].bag) - {values[0][1]}))
        change = "value" if any(_is_value(w) for v, _ in values for w in v.split()) else "word"
        for m, (v, _) in zip(members_.tolist(), values):
            members.setdefault((key, m), (v, change))

    ids = distinct["id"].to_numpy()
    found = pd.DataFrame({"a": np.asarray(found_a, dtype=np.int64), "b": np.asarray(found_b, dtype=np.int64),
                          "score": np.asarray(scores, dtype=np.int64), "kind": pd.Series(kinds, dtype=object)})
    found = found.drop_duplicates(["a", "b"], ignore_index=True)
    found = found[_unchained(found, len(texts), (variant_a, variant_b), classes)]
    pairs = pd.DataFrame({"id_a": ids[found["a"].to_numpy()], "id_b": ids[found["b"].to_numpy()],
                          "score": found["score"].to_numpy(), "kind": found["kind"].to_numpy()})
    variants = pd.DataFrame([(key, row, value, change) for (key, row), (value, change) in members.items()],
                            columns=["key", "row", "value", "change"])
    variants["id"] = ids[variants["row"].to_numpy(dtype=np.int64)]
    words = {int(ids[row]): (texts[row].words, texts[row].written)  # what the queue shows of each member: not
             for row in set(variants["row"].tolist()) if isinstance(texts[row], _Text)}  # parsed twice
    variants = variants.drop(columns="row")
    compared = sum(len(b) * (len(b) - 1) // 2 for b in exact_blocks) \
        + sum(len(p) * (len(h) - 1) for p, h in rare_blocks)
    return _Analysis(rows, pairs, variants, compared, len(exact_blocks) + len(rare_blocks) + len(big_groups), words)


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
    each node (sorted) labelled with the smallest node of its component.

    scipy's ``connected_components`` (a linear traversal): a long chain of variants, each one value
    from the next, took minutes with label propagation, which needs a pass per link.
    """
    from scipy.sparse import coo_array
    from scipy.sparse.csgraph import connected_components

    nodes, inverse = np.unique(np.concatenate([a, b]).astype(np.int64), return_inverse=True)
    n = len(nodes)
    if n == 0:
        return nodes, nodes
    graph = coo_array((np.ones(len(a), dtype=np.int8), (inverse[: len(a)], inverse[len(a):])), shape=(n, n))
    count, component = connected_components(graph, directed=False)
    smallest = np.full(count, n, dtype=np.int64)
    np.minimum.at(smallest, component, np.arange(n))  # nodes are sorted: the smallest index is the smallest node
    return nodes, nodes[smallest[component]]


def _unchained(found: pd.DataFrame, rows: int, variant_pairs: tuple[array, array],
               classes: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Which duplicate pairs (``found``: rows ``a, b``, ``score``, ``kind``) to keep, as a bool array, so that no
    connected component of them (a cluster, which a merge makes one memory) joins two rows the audit judged variants
    of each other: a pair compared as a variant (``variant_pairs``: rows ``a[i], b[i]``), or two rows of a large cut
    block (``classes``: its rows, each one's value as classified) of different values.  "My GP is Dr Okafor" is
    subsumed by the "Church Rd" and the "High St" one, which are variants: it joins one of them, not both.

    Pairs are joined strongest first (score, then :data:`.tuning.KINDS` order, then rows), a pair that would join
    variants is dropped: a greedy clustering with cannot-link constraints (Wagstaff et al. 2001, COP-KMeans's rule
    on a graph).  A pair is dropped only for stronger pairs, so the pairs kept from any threshold up are those this
    rule keeps among the pairs from that threshold up.  Only components holding variants are walked pair by pair."""
    keep = np.ones(len(found), dtype=bool)
    a, b = found["a"].to_numpy(), found["b"].to_numpy()
    nodes, labels = _label_components(a, b)
    label = np.full(rows, -1, dtype=np.int64)
    label[nodes] = labels
    apart: dict[int, dict[tuple, int]] = {}  # row -> {constraint: its side}; two sides of one never in one cluster
    va, vb = (np.frombuffer(v, dtype=np.int64) if len(v) else np.array([], dtype=np.int64) for v in variant_pairs)
    inside = (label[va] >= 0) & (label[va] == label[vb])
    for n, (x, y) in enumerate(zip(va[inside].tolist(), vb[inside].tolist())):
        apart.setdefault(x, {})[("pair", n)] = x
        apart.setdefault(y, {})[("pair", n)] = y
    for g, (members, values) in enumerate(classes):
        held = label[members] >= 0
        seen = np.unique(np.stack([label[members][held], values[held]]), axis=1)[0]
        mixed = set(seen[1:][seen[1:] == seen[:-1]].tolist())  # components holding two of its values
        for m, value in zip(members[held].tolist(), values[held].tolist()):
            if label[m] in mixed:
                apart.setdefault(m, {})[("block", g)] = value
    if not apart:
        return keep
    walked = np.flatnonzero(np.isin(label[a], [label[r] for r in apart]))
    rank = found["kind"].map(KINDS.index).to_numpy()[walked]
    walked = walked[np.lexsort((b[walked], a[walked], rank, -found["score"].to_numpy()[walked]))]
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])  # path halving
            x = parent[x]
        return x

    for e in walked.tolist():
        x, y = root(int(a[e])), root(int(b[e]))
        if x == y:
            continue
        sides_x, sides_y = apart.get(x, {}), apart.get(y, {})
        if len(sides_x) < len(sides_y):
            x, y, sides_x, sides_y = y, x, sides_y, sides_x
        if any(sides_x.get(k, side) != side for k, side in sides_y.items()):
            keep[e] = False  # it would join variants
            continue
        parent[y] = x
        if sides_y:
            sides_x.update(sides_y)  # the smaller into the larger
            apart[x] = sides_x
    return keep


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
