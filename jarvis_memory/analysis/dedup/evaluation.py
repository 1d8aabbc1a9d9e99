"""Precision and recall: against a demo database's truth file, and on a labelled pair set (tests/dedup_eval/)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ...errors import ValidationError
from ...store import config
from ...store.hashing import content_hash
from . import semantic
from .audit import _joined, _labels, _ratio
from .checks import candidates
from .tuning import DEFAULT_THRESHOLD, DUPLICATE_KINDS

DEMO_DUPLICATE_KINDS = ("case_whitespace", "punctuation", "unicode_form", "typo", "reordered", "filler", "subsumed",
                        "reworded")
DEMO_NEGATIVE_KINDS = ("contradiction", "sibling", "other_subject", "negation", "word_swap", "reworded_sibling")


def evaluate(candidate_pairs: pd.DataFrame, truth_json_path: str | Path, ids: Any = None) -> dict[str, Any]:
    """Precision and recall of ``candidate_pairs`` against a demo database's ``*.truth.json``.

    Planted duplicates (:data:`DEMO_DUPLICATE_KINDS`) are compared as clusters: a flagged
    duplicate pair is right when the truth joins its two ids, directly or through other
    planted duplicates, and a planted pair is found when the flagged duplicate pairs join
    its ids.  Planted hard negatives (:data:`DEMO_NEGATIVE_KINDS`: one value changed,
    template siblings, another subject, a negation, a real word swapped) must never be
    joined: ``negatives_called_duplicates`` counts those that are, and
    ``variant_recall`` the share of them found as variants; ``duplicate_recall_by_kind`` is the
    recall of each planted duplicate kind.  ``ids`` (optional) limits the
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
    dup_kinds = [k for _, _, k in planted if k in DEMO_DUPLICATE_KINDS]
    negatives = [(a, b, k) for a, b, k in planted if k in DEMO_NEGATIVE_KINDS]
    found_dup = [(a, b) for a, b, k in flagged if k in DUPLICATE_KINDS]
    found_var = {frozenset((a, b)) for a, b, k in flagged if k == "variant"}
    truth_cluster, found_cluster = _labels(true_dup), _labels(found_dup)
    dup_tp = sum(1 for a, b in found_dup if _joined(truth_cluster, a, b))
    found_by_kind = Counter(k for (a, b), k in zip(true_dup, dup_kinds) if _joined(found_cluster, a, b))
    planted_by_kind = Counter(dup_kinds)
    wrong = Counter(k for a, b, k in negatives if _joined(found_cluster, a, b))
    variant_groups = _labels([tuple(p) for p in found_var])  # variants are listed as stars: found if grouped

    return {
        "duplicate_precision": _ratio(dup_tp, len(found_dup)),
        "duplicate_recall": _ratio(sum(found_by_kind.values()), len(true_dup)),
        "duplicate_recall_by_kind": {k: _ratio(found_by_kind[k], n) for k, n in sorted(planted_by_kind.items())},
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


def evaluate_pairs(pairs: pd.DataFrame, memories: pd.DataFrame, threshold: float = DEFAULT_THRESHOLD,
                   semantic_model: str | None = None) -> tuple[dict[str, Any], pd.DataFrame]:
    """Precision and recall of the whole audit on labelled pairs (:func:`read_eval_set`).

    The audit runs over all of ``memories`` at once; a pair is called a duplicate when
    its two texts are one memory or the duplicate pairs join them (directly or through
    others, as a merge would).  Returns the figures -- duplicate precision and recall,
    hard negatives called duplicates -- and the pairs with ``called`` (duplicate|distinct)
    and ``kind_found`` (the kind of the pair itself, if listed).

    With the semantic stage (``semantic_model``, :func:`.semantic.model_name`) its ``possible_duplicate``
    pairs are no duplicates here (a reviewer decides) and are counted apart: ``possible_duplicates_listed``
    (all its pairs, labelled or not), ``possible_duplicates_right`` (labelled duplicates listed so) and
    ``possible_duplicates_hard_negatives`` (labelled distinct pairs listed so); all 0 without the stage.
    """
    found = candidates(memories, threshold, semantic_model)
    duplicates = found[found["kind"].isin(DUPLICATE_KINDS)]
    labels = _labels(list(zip(duplicates["id_a"].tolist(), duplicates["id_b"].tolist())))
    kind = {frozenset((a, b)): k for a, b, k in found[["id_a", "id_b", "kind"]].itertuples(index=False)}
    ids = dict(zip(memories["content"], memories["id"]))
    a, b = pairs["text_a"].map(ids).tolist(), pairs["text_b"].map(ids).tolist()
    called = [x == y or _joined(labels, x, y) for x, y in zip(a, b)]
    judged = pairs.assign(called=np.where(called, "duplicate", "distinct"),
                          kind_found=[kind.get(frozenset((x, y)), "exact" if x == y else "") for x, y in zip(a, b)])
    judged.attrs["semantic_model"] = semantic.model_name(semantic_model)
    positive = judged["label"] == "duplicate"
    flagged = judged["called"] == "duplicate"
    possible = judged["kind_found"] == semantic.KIND

    return {
        "pairs": len(judged), "duplicates": int(positive.sum()), "distinct": int((~positive).sum()),
        "duplicate_precision": _ratio(int((positive & flagged).sum()), int(flagged.sum())),
        "duplicate_recall": _ratio(int((positive & flagged).sum()), int(positive.sum())),
        "negatives_called_duplicates": int((~positive & flagged).sum()),
        "possible_duplicates_listed": int((found["kind"] == semantic.KIND).sum()),
        "possible_duplicates_right": int((positive & possible).sum()),
        "possible_duplicates_hard_negatives": int((~positive & possible).sum()),
    }, judged


def per_kind(judged: pd.DataFrame) -> pd.DataFrame:
    """Per labelled kind of an evaluated pair set: pairs, and the share called right (recall for duplicate
    kinds, the share kept apart for hard negatives); after a run with the semantic stage also
    ``listed_possible``, the share listed as ``possible_duplicate``."""
    right = judged["called"] == judged["label"]
    table = judged.assign(right=right, possible=judged["kind_found"] == semantic.KIND).groupby(["label", "kind"])
    columns = {"pairs": ("right", "size"), "called_right": ("right", "mean")}
    if judged.attrs.get("semantic_model"):
        columns["listed_possible"] = ("possible", "mean")
    return table.agg(**columns).round(4).reset_index()


def truth_path(database_url: str) -> Path | None:
    """The demo ground truth beside a ``file:`` database (``<stem>.truth.json``, the demo's naming), if there is one."""
    settings = config.parse_url(database_url)
    if settings.is_remote or settings.path is None:
        return None
    candidate = settings.path.with_name(settings.path.stem + ".truth.json")
    return candidate if candidate.is_file() else None


