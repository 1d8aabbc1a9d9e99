"""Candidate pairs without an all-pairs search: blocks of rows that share rare words, the same words, or all but one value."""

from __future__ import annotations

from array import array
from collections import Counter
from math import ceil

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from . import lexicon
from .concepts import concepts
from .text import _Long, _Text, _Vocabulary, is_number
from .tuning import MAX_BLOCK, MAX_CUT_WORDS, MAX_PAIRWISE, PREFIX_SHARE, RARE_KEYS, RARE_MAX


def _similarity(x: str, y: str) -> int:
    """``fuzz.token_set_ratio`` (0-100) of two normalised texts: forgives reordering, and is 100
    when one text's words are all in the other."""
    return int(fuzz.token_set_ratio(x, y))


def _shapes(texts: list[_Text]) -> tuple[list[tuple[str, ...]], dict[int, tuple[int, ...]]]:
    """Each text's content words as the blocks read them: two adjacent words that another text of the frame writes
    as one as that word ("oat milk" / "oatmilk"), and a word of one meaning with another word of the frame as the
    word standing for both (:func:`.concepts.concepts`), so that compounds, synonyms and derived forms block together.
    Also, for each row where two words became one, where each word of its shape starts among its content words
    (and, last, their number): shape words ``k`` to ``k + width`` are ``content[starts[k]:starts[k + width]]``.
    Rows without such a word (most) are not in it: their shape's places are their content words'."""
    vocabulary = {k for t in texts for k in t.bag}
    meaning = concepts(vocabulary)
    shapes, merged = [], {}
    for row, t in enumerate(texts):
        words, next_to = t.runs
        shape, starts, i, n = [], [], 0, len(words)
        while i < n:
            k = words[i]
            starts.append(i)
            joined = lexicon.bare(k) + words[i + 1] if i + 1 < n and next_to[i] else ""
            if joined in vocabulary:  # in any tense: "picked up" / "pick up" / "pickup"
                k, i = joined, i + 1
            shape.append(meaning.get(k, k))
            i += 1
        shapes.append(tuple(shape))
        if len(shape) < n:
            merged[row] = (*starts, n)
        if isinstance(t, _Long):
            t.runs = ()  # read once: its shape takes their place (a long text's words are not held twice)
    return shapes, merged


def _cut_blocks(texts: list[_Text], shapes: list[tuple[str, ...]],
                merged: dict[int, tuple[int, ...]]) -> tuple[list[tuple[np.ndarray, list]], list[np.ndarray]]:
    """Rows equal but for one place -- one content word or two adjacent ones cut out: small
    blocks to compare pair by pair, and the large ones as ``(rows, [(value as written, value)])``, to
    classify by their values (read from the content words the cut shape words stand for: ``merged``, from
    :func:`_shapes`).  A key is the hash of the content words before and after the cut
    (Python's 64-bit tuple hash: a collision, about one in 10^10 here, only adds a pair to compare).  Keys, rows and
    places (``4 * start + width``) are gathered in arrays, 8 bytes each: as Python ints and tuples they took 150."""
    keys, rows, places = array("q"), array("q"), array("q")
    for row, (t, words) in enumerate(zip(texts, shapes)):
        if t.size > MAX_CUT_WORDS:
            continue
        for width in (1, 2):
            if len(words) - width <= max(1, width):
                continue  # what is left must be a statement larger than its value (as _compare asks of a variant):
                # cut to nothing, every one-word memory ("Is an optimist", "Gets seasick") was one value of one block
            for k in range(len(words) - width + 1):
                keys.append(hash((t.negations % 2, words[:k], words[k + width:])))
                rows.append(row)
                places.append(4 * k + width)
    codes, _ = pd.factorize(np.frombuffer(keys, dtype=np.int64))
    del keys
    shared = np.flatnonzero(np.bincount(codes)[codes] > 1)  # most keys are one row's: no block, and not sorted
    order = shared[np.argsort(codes[shared], kind="stable")]
    codes, rows = codes[order], np.frombuffer(rows, dtype=np.int64)[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    ends = np.r_[starts[1:], len(codes)]
    sizes = ends - starts
    pairwise = (sizes > 1) & (sizes <= MAX_PAIRWISE)
    small = [rows[a:b] for a, b in zip(starts[pairwise].tolist(), ends[pairwise].tolist())]
    big = []
    for a, b in zip(starts[sizes > MAX_PAIRWISE].tolist(), ends[sizes > MAX_PAIRWISE].tolist()):
        values = []
        for row, spot in zip(rows[a:b].tolist(), order[a:b].tolist()):
            t, (k, width) = texts[row], divmod(places[spot], 4)
            if row in merged:  # "oat milk" is one shape word: the places after it are one content word further
                k, width = merged[row][k], merged[row][k + width] - merged[row][k]
            cut = t.content[k:k + width]
            values.append((" ".join(t.words[i] for i in cut), " ".join(t.words[i] for i in cut)))
        big.append((rows[a:b], values))
    return big, small


def _extension_pairs(texts: list[_Text], shapes: list[tuple[str, ...]]) -> pd.DataFrame:
    """Pairs ``a, b`` where one text's content words, in order, start or end the other's: a phrase
    added at the end or the start ("Lost her job" / "Lost her job last month"), found by an exact join (keys and rows
    in arrays, as in :func:`_cut_blocks`; a text of more than ``MAX_CUT_WORDS`` content words has none, as there)."""
    full, full_rows, part, part_rows = array("q"), array("q"), array("q"), array("q")
    for row, (t, words) in enumerate(zip(texts, shapes)):
        if t.size > MAX_CUT_WORDS:
            continue
        if len(words) >= 2:
            full.append(hash(words))
            full_rows.append(row)
        for k in range(2, len(words)):
            part.extend((hash(words[:k]), hash(words[-k:])))
            part_rows.extend((row, row))
    pairs = pd.DataFrame({"key": np.frombuffer(full, dtype=np.int64), "a": np.frombuffer(full_rows, dtype=np.int64)})
    keys = np.frombuffer(part, dtype=np.int64)
    hit = np.flatnonzero(pd.Series(keys, copy=False).isin(pairs["key"]).to_numpy())  # the few that are a whole text
    pairs = pairs.merge(pd.DataFrame({"key": keys[hit], "b": np.frombuffer(part_rows, dtype=np.int64)[hit]}), on="key")
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
    unknown = [k for k, v in enumerate(words) if any(not is_number(w) and not vocabulary.known(w) for w in v.split())]
    for k in unknown:  # a typo of another value: the closest few values within two edits
        for other, _, index in process.extract(words[k], words, scorer=OSA.distance, score_cutoff=2, limit=5):
            if index != k and other != words[k] and _one_typo(words[k], other, vocabulary):
                a.append(int(members[index]))
                b.append(int(members[k]))
                break
    pairs = sorted({(min(x, y), max(x, y)) for x, y in zip(a, b)})
    return [x for x, _ in pairs], [y for _, y in pairs], "near"


def _one_typo(x: str, y: str, vocabulary: _Vocabulary) -> bool:
    """Whether two values of as many words differ in one word, a typo of the other ("Leeds Carlla" / "Leeds Carla",
    a two-word cut)."""
    words_x, words_y = x.split(), y.split()
    changed = [(u, v) for u, v in zip(words_x, words_y) if u != v]
    return len(words_x) == len(words_y) and len(changed) == 1 and vocabulary.typo(*changed[0])


def _rare_word_keys(shapes: list[tuple[str, ...]]) -> pd.DataFrame:
    """Every row's content words that 2 to ``RARE_MAX`` rows share, as ``key`` (the number of its word), ``row`` and ``probe``: whether it is one of the row's rarest such words -- at least
    ``RARE_KEYS``, and ``PREFIX_SHARE`` of its words.  A probe is compared with every row holding its word
    (:func:`_probe_blocks`): prefix filtering for an overlap join (Chaudhuri, Ganti and Kaushik 2006, "A primitive
    operator for similarity joins in data cleaning"), so two rows sharing most of their words meet on a probe, and a
    row whose words are all in another's meets it on its rarest word, however far down the other's list that word
    is.  A row of only words in more than ``RARE_MAX`` rows probes nothing (its same-words, cut and added-phrase
    blocks still hold it).  Counted per distinct word, then row by row: a frame of one row per word of every text
    held several times the text of long memories."""
    df = Counter(w for s in shapes for w in set(s))
    number = {key: k for k, key in enumerate(df)}
    rows, keys, probes = array("q"), array("q"), array("b")
    for row, s in enumerate(shapes):
        ws = set(s)
        shared = sorted((df[w], w) for w in ws if 2 <= df[w] <= RARE_MAX)  # rarest first; a word no other
        prefix = max(RARE_KEYS, ceil(PREFIX_SHARE * len(ws)))  # row has takes no probe's place
        for k, (_, w) in enumerate(shared):
            rows.append(row)
            keys.append(number[w])
            probes.append(k < prefix)
    return pd.DataFrame({"key": np.frombuffer(keys, dtype=np.int64), "row": np.frombuffer(rows, dtype=np.int64),
                         "probe": np.frombuffer(probes, dtype=np.int8).astype(bool)})


def _probe_blocks(keys: pd.DataFrame) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(probes, holders)`` per key of :func:`_rare_word_keys` that some row probes: the rows probing it and all
    rows holding it (at most ``RARE_MAX``, so no window is needed), to compare the one with the other."""
    if keys.empty:
        return []
    keys = keys.sort_values("key", kind="stable")
    codes, rows, probe = keys["key"].to_numpy(), keys["row"].to_numpy(), keys["probe"].to_numpy()
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    ends = np.r_[starts[1:], len(codes)]
    probed = np.logical_or.reduceat(probe, starts)
    return [(rows[a:b][probe[a:b]], rows[a:b]) for a, b in zip(starts[probed].tolist(), ends[probed].tolist())]


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


def _score(norms: np.ndarray, blocks: list[tuple[np.ndarray, np.ndarray]], cutoff: int) -> pd.DataFrame:
    """Every pair of a probe and a holder of one block (:func:`_probe_blocks`), two rows, whose :func:`_similarity`
    is at least ``cutoff`` once the tense marks are read past (a tense is :func:`.compare._compare`'s to judge:
    "Qualified as an electrician" / "Is a qualified electrician"), once: ``a < b``, ``score``."""
    norms = np.array([s.replace(lexicon.PAST, "") for s in norms], dtype=object)
    firsts, seconds, scores = [np.array([], dtype=np.int64)], [np.array([], dtype=np.int64)], [np.array([], dtype=np.uint8)]
    for probes, holders in blocks:
        matrix = process.cdist(norms[probes].tolist(), norms[holders].tolist(), scorer=fuzz.token_set_ratio,
                               score_cutoff=cutoff, dtype=np.uint8)
        i, j = np.nonzero(matrix)
        a, b = probes[i], holders[j]
        other = a != b
        firsts.append(np.minimum(a, b)[other])
        seconds.append(np.maximum(a, b)[other])
        scores.append(matrix[i, j][other])
    found = pd.DataFrame({"a": np.concatenate(firsts), "b": np.concatenate(seconds), "score": np.concatenate(scores)})
    return found.drop_duplicates(["a", "b"], ignore_index=True)
