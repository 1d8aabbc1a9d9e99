"""Reviewed decisions on duplicate and variant memories: the review file, the plan, the history.

The dedup audit writes ``dedup_candidates.csv`` (``id_a,id_b,kind,score,group,hash_a,hash_b,action,keep``);
a reviewer (by hand, or with the review panel of the audit notebook, which writes the same columns) writes
in ``action`` one of the :data:`ACTIONS`:

* ``merge`` — duplicates: one row stays, by default the older (``created_at``, then id), or the longest where a
  pair of the set is ``subsumed`` (it says all the other does: keeping the shorter would lose the rest);
* ``supersede`` — variants: the newer statement replaces the older, so by default the newest stays.  A
  ``variant`` pair marked ``merge`` is superseded too (a variant is never a duplicate: removing the newer row
  would delete the correction, e.g. "No longer shops at the farmers market");
* ``keep both`` — both rows are true: recorded, so the next audit does not ask again while both rows keep
  their content hashes.

``keep`` (optional) names the row to keep instead of the default.  :func:`plan` checks every decided pair
against the database now and resolves pairs sharing a row to one survivor per group;
:mod:`.merge_batch` carries the plan out, and undoes it, in atomic batches.  Every removed row is recorded
whole in ``jm_memory_merges`` with its ``decision`` (migration 0005); the reports read the log with the other
tables (:mod:`jarvis_memory.analysis.decisions`: the merges so far, how facts changed).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import timestamps
from ..errors import ValidationError
from ..files import write_file
from . import validate

if TYPE_CHECKING:
    import pandas as pd

    from .database import Database

TABLE = "jm_memory_merges"
KEPT_BOTH = "jm_kept_both"  # migration 0005
FIELDS = ("id_a", "id_b", "kind", "score", "group", "hash_a", "hash_b", "action", "keep")  # the review file
REQUIRED = ("id_a", "id_b", "kind", "score", "hash_a", "hash_b", "action")
ACTIONS = ("merge", "supersede", "keep both")  # what a reviewer may write in `action` (or nothing: undecided)
_IN_CHUNK = 500  # ids per `IN (…)` read: well under SQLite's 32,766 host parameters


def decision_of(action: str, kind: str) -> str:
    """What carrying out ``action`` on a pair of ``kind`` means: ``merge``, ``supersede`` or ``keep both``.

    The one rule for a variant marked ``merge``: a variant states another value, never the same one, so
    resolving it is superseding (the newest stays by default), whatever word the reviewer used.
    """
    return "supersede" if action == "merge" and kind == "variant" else action


@dataclass(frozen=True)
class Pair:
    """One decided row of a review file; ``line`` is its line in the file, ``action`` one of :data:`ACTIONS`."""

    line: int
    id_a: int
    id_b: int
    kind: str
    score: float | None
    hash_a: str | None
    hash_b: str | None
    keep: int | None = None
    action: str = "merge"

    @property
    def decision(self) -> str:
        return decision_of(self.action, self.kind)


@dataclass(frozen=True)
class Merge:
    """One row to remove (``removed_id``) for the row that stays (``survivor_id``), with their audited hashes;
    ``decision`` is ``merge`` (a duplicate of the survivor) or ``supersede`` (an older statement it replaces)."""

    removed_id: int
    survivor_id: int
    kind: str
    score: float | None
    removed_hash: str | None
    survivor_hash: str | None
    decision: str = "merge"


@dataclass
class Plan:
    """What :func:`.merge_batch.apply` would do: ``merges`` in order, the pairs to record as ``kept_both``,
    and the pairs ``skipped`` with a sentence each."""

    merges: list[Merge] = field(default_factory=list)
    kept_both: list[Pair] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def read_review(path: str | Path) -> list[Pair]:
    """The decided pairs of a review file (the audit's candidates or the notebook's decisions).

    ``action`` is one of :data:`ACTIONS` or empty (case, surrounding space and ``_``/``-`` for the space of
    ``keep both`` ignored); ``keep`` (optional column) is empty or one of the pair's ids, and empty for ``keep
    both``.  Raises :class:`ValidationError` naming the file and line for a missing column or a bad value;
    nothing is read from the database.
    """
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.DictReader(f)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise ValidationError(
                    f"{path}: missing column(s) {', '.join(missing)}; use the dedup_candidates.csv of a current"
                    " dedup audit (its hash_a/hash_b let changed rows be detected) and fill `action`"
                )
            pairs = [_pair(path, reader.line_num, row) for row in reader if (row["action"] or "").strip()]
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise ValidationError(f"cannot read {path}: {e}") from None
    return pairs


def _action(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").lower().split())


def _pair(path: Path, line: int, row: dict[str, Any]) -> Pair:
    where = f"{path}, line {line}"
    row = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}  # a short row's cells are None
    action = _action(row["action"])
    if action not in ACTIONS:
        raise ValidationError(f"{where}: action must be {', '.join(map(repr, ACTIONS))} or empty, not {row['action']!r}")
    try:
        id_a, id_b = validate.row_id(row["id_a"], "id_a"), validate.row_id(row["id_b"], "id_b")
        score = float(row["score"]) if row["score"] else None
        if score is not None and not math.isfinite(score):  # the merge log's REAL column holds no NaN or infinity
            raise ValueError(f"score must be a finite number, not {row['score']!r}")
        keep = row.get("keep", "")
        keep_id = validate.row_id(keep, "keep") if keep else None
    except (ValidationError, ValueError) as e:
        raise ValidationError(f"{where}: {e}") from None
    if id_a == id_b:
        raise ValidationError(f"{where}: id_a and id_b are both {id_a}")
    if keep_id not in (None, id_a, id_b):
        raise ValidationError(f"{where}: keep must be {id_a} or {id_b}, not {keep_id}")
    if keep_id is not None and action == "keep both":
        raise ValidationError(f"{where}: 'keep both' keeps both rows: leave keep empty, not {keep_id}")
    return Pair(line, id_a, id_b, row["kind"], score, row["hash_a"] or None, row["hash_b"] or None, keep_id, action)


def write_decisions(path: str | Path, sheet: pd.DataFrame) -> int:
    """Write the rows of a review ``sheet`` (:func:`review_sheet`'s columns) whose ``action`` is filled, as a
    review file :func:`read_review` takes; returns how many.  Each action must be one of :data:`ACTIONS`
    (:class:`ValidationError` otherwise, nothing written); the file is replaced atomically (:class:`FileError`)."""
    decided = sheet[sheet["action"].fillna("").astype(str).str.strip() != ""]
    wrong = sorted({a for a in decided["action"] if _action(a) not in ACTIONS})
    if wrong:
        raise ValidationError(f"action must be {', '.join(map(repr, ACTIONS))}, not {', '.join(map(repr, wrong))}")
    write_file(path, lambda f: decided[list(FIELDS)].to_csv(f, index=False, lineterminator="\n"))
    return len(decided)


def plan(db: Database, pairs: list[Pair]) -> Plan:
    """Check ``pairs`` against the database now and resolve them to merges and pairs kept both (reads only).

    A pair is skipped, with a sentence, when either row is gone or its content hash differs from the audited
    one, or when it is kept both already or by an earlier line of the file (one decision per pair).  Pairs to
    merge or supersede that share a row form a group with one survivor: the row a ``keep`` names and no other
    ``keep`` removes, else — among the rows no ``keep`` removes — the newest (``created_at`` as an instant, then
    id) if any pair of the group supersedes, the oldest if all merge.  A removed row is recorded as ``merge`` if
    merged pairs alone link it to the survivor, else ``supersede``.  A group whose ``keep`` choices name two rows
    to keep, or remove every row, or that would remove one of a pair marked ``keep both``, is skipped whole
    (with that pair).
    """
    rows = current_rows(db, {i for p in pairs for i in (p.id_a, p.id_b)})
    gone = _merged_into(db, {i for p in pairs for i in (p.id_a, p.id_b) if i not in rows})
    result = Plan()
    valid: list[Pair] = []
    for p in pairs:
        problems = []
        for memory_id, audited in ((p.id_a, p.hash_a), (p.id_b, p.hash_b)):
            if memory_id not in rows:
                problems.append(f"memory {memory_id} is gone" + (f" (merged by merge {gone[memory_id]})"
                                                                 if memory_id in gone else ""))
            elif rows[memory_id]["content_hash"] != audited:
                problems.append(f"memory {memory_id}'s content changed since the audit")
        if problems:
            result.skipped.append(f"line {p.line}: {p.id_a}/{p.id_b} skipped: {'; '.join(problems)}")
        else:
            valid.append(p)
    apart = [p for p in valid if p.decision == "keep both"]
    removing = [p for p in valid if p.decision != "keep both"]
    root = _roots((p.id_a, p.id_b) for p in removing)
    groups: dict[int, list[Pair]] = {}
    for p in removing:
        groups.setdefault(root[p.id_a], []).append(p)
    kept = {}  # a row -> the pairs kept both that hold it
    for p in apart:
        for i in (p.id_a, p.id_b):
            kept.setdefault(i, []).append(p)
    blocked: set[int] = set()  # the lines keeping a pair both that a skipped group would have split
    for group in groups.values():
        lines = ", ".join(str(p.line) for p in group)
        members = {i for p in group for i in (p.id_a, p.id_b)}
        losers = {p.id_b if p.keep == p.id_a else p.id_a for p in group if p.keep is not None}
        chosen = {p.keep for p in group if p.keep is not None} - losers
        candidates = chosen or (members - losers)
        if len(chosen) > 1 or not candidates:
            result.skipped.append(f"lines {lines}: skipped: the keep choices conflict ("
                                  + (f"{', '.join(map(str, sorted(chosen)))} all to keep)" if chosen else "each row is removed by another)"))
            continue
        if any(p.decision == "supersede" for p in group):
            survivor = max(candidates, key=lambda i: _age(rows[i], newest=True))
        else:
            survivor = merged_survivor(candidates, lambda i: _age(rows[i], newest=False),
                                       lambda i: rows[i]["chars"] or 0, any(p.kind == "subsumed" for p in group))
        split = [q for i in sorted(members - {survivor}) for q in kept.get(i, ())]
        if split:  # a row kept both with another would be removed: "2/17 merge" and "17/20 keep both"
            blocked.update(q.line for q in split)
            both = ", ".join(f"{q.id_a}/{q.id_b} (line {q.line})" for q in split)
            result.skipped.append(f"lines {lines}: skipped: {both} marked 'keep both', but these lines remove one of them")
            continue
        duplicates = _roots((p.id_a, p.id_b) for p in group if p.decision == "merge")
        for removed in sorted(members - {survivor}):
            p = next((p for p in group if {p.id_a, p.id_b} == {removed, survivor}), None) \
                or next(p for p in group if removed in (p.id_a, p.id_b))  # the pair with its survivor, if any
            merged = removed in duplicates and duplicates[removed] == duplicates.get(survivor)
            result.merges.append(Merge(removed, survivor, p.kind, p.score, rows[removed]["content_hash"],
                                       rows[survivor]["content_hash"], "merge" if merged else "supersede"))
    recorded = _kept_already(db, apart)
    first: dict[tuple[int, int], Pair] = {}  # a pair -> the line that keeps it both: one decision per pair
    for p in apart:
        pair = (min(p.id_a, p.id_b), max(p.id_a, p.id_b))
        if pair in recorded:
            result.skipped.append(f"line {p.line}: {p.id_a}/{p.id_b} skipped: kept both already (decision"
                                  f" {recorded[pair]})")
        elif pair in first:
            result.skipped.append(f"line {p.line}: {p.id_a}/{p.id_b} skipped: line {first[pair].line} keeps the same"
                                  " pair both (one decision per pair)")
        elif p.line not in blocked:
            first[pair] = p
            result.kept_both.append(p)
    return result


def merged_survivor(ids: Iterable[int], age: Callable[[int], Any], length: Callable[[int], int], subsumed: bool) -> int:
    """The row a merge of ``ids`` keeps: the oldest (``age`` a sort key, oldest least); where one says all the
    others do (``subsumed``), the longest (``length``), the oldest of equals, so nothing it says is lost.  The
    review cards name the same row (:func:`jarvis_memory.reports.review.card`)."""
    ids = list(ids)
    oldest = min(ids, key=age)
    return max(ids, key=lambda i: (length(i), i == oldest)) if subsumed else oldest


def _roots(edges: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Each id of ``edges`` -> one id of its connected component.  Union-find: a dozen lines, where a graph
    library would be a new dependency of the store."""
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges:
        parent[find(a)] = find(b)
    return {i: find(i) for i in list(parent)}


def _age(row: dict[str, Any], *, newest: bool) -> tuple:
    """Sort key by ``created_at`` as an instant (any spelling), then id; a row whose date cannot be read is
    never taken for the oldest nor the newest while another row's date can."""
    known = row["instant"] is not None
    return (known, row["instant"] or 0.0, row["id"]) if newest else (not known, row["instant"] or 0.0, row["id"])


def review_sheet(candidates: pd.DataFrame, memories: pd.DataFrame, kept: pd.DataFrame | None = None) -> pd.DataFrame:
    """The audit's ``candidates`` as a file to review: plus ``hash_a, hash_b`` (each row's stored
    ``content_hash`` now, so :func:`plan` can tell a row changed since) and ``action, keep``: empty, or ``keep
    both`` for a pair in ``kept`` (``analysis.decisions.kept_both``: ``id_a, id_b, hash_a, hash_b``) whose rows
    still have those hashes, a decision taken that the file shows rather than asks again."""
    stored = dict(zip(memories["id"], memories["content_hash"]))
    sheet = candidates.assign(hash_a=candidates["id_a"].map(stored), hash_b=candidates["id_b"].map(stored),
                              action="", keep="")
    if kept is not None and len(kept) and len(sheet):
        decided = {frozenset(((a, x), (b, y))) for a, b, x, y in kept[["id_a", "id_b", "hash_a", "hash_b"]].itertuples(
            index=False)}
        pairs = zip(sheet["id_a"], sheet["id_b"], sheet["hash_a"], sheet["hash_b"])
        sheet.loc[[frozenset(((a, x), (b, y))) in decided for a, b, x, y in pairs], "action"] = "keep both"
    return sheet


def _kept_already(db: Database, pairs: list[Pair]) -> dict[tuple[int, int], int]:
    """(id_a, id_b) -> the decision that keeps both, for the ``pairs`` kept both already with their hashes now."""
    if not pairs or not _table_exists(db, KEPT_BOTH):
        return {}
    sql = (f"SELECT k.decision_id, k.id_a, k.id_b FROM {KEPT_BOTH} k JOIN memory_entries a ON a.id = k.id_a"
           " AND a.content_hash IS k.hash_a JOIN memory_entries b ON b.id = k.id_b AND b.content_hash IS k.hash_b"
           " WHERE k.undone_at IS NULL AND k.id_a IN ({})")
    wanted = {(min(p.id_a, p.id_b), max(p.id_a, p.id_b)) for p in pairs}
    found = select_in(db, sql, {a for a, _ in wanted})
    return {(r["id_a"], r["id_b"]): r["decision_id"] for r in found if (r["id_a"], r["id_b"]) in wanted}


def select_in(db: Database, sql: str, values: set[Any]) -> list[dict[str, Any]]:
    """``sql`` with its ``IN ({})`` filled for ``values``, run in chunks; the rows of every chunk."""
    ordered, found = sorted(values), []
    for i in range(0, len(ordered), _IN_CHUNK):
        chunk = ordered[i:i + _IN_CHUNK]
        found += db.query(sql.format(", ".join("?" * len(chunk))), chunk)
    return found


def _table_exists(db: Database, name: str) -> bool:
    return bool(db.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]))


def current_rows(db: Database, ids: set[int]) -> dict[int, dict[str, Any]]:
    """Id -> ``id, content_hash, created_at, instant`` (whole ms, None if unreadable), ``chars`` (the content's
    length in characters) of the rows that exist."""
    sql = (f"SELECT id, content_hash, created_at, {timestamps.instant_sql('created_at')} AS instant,"
           " length(content) AS chars FROM memory_entries WHERE id IN ({})")  # never the texts: answers stay small
    return {r["id"]: r for r in select_in(db, sql, ids)}



def _merged_into(db: Database, ids: set[int]) -> dict[int, int]:
    """Removed id -> the active merge that removed it, for the ids given (none before migration 0003)."""
    if not ids or not _table_exists(db, TABLE):
        return {}
    sql = f"SELECT removed_id, merge_id FROM {TABLE} WHERE undone_at IS NULL AND removed_id IN ({{}})"
    return {r["removed_id"]: r["merge_id"] for r in select_in(db, sql, ids)}
