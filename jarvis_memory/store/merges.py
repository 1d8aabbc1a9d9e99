"""Reviewed merges of duplicate memories, recorded so that each can be undone.

The dedup audit writes ``dedup_candidates.csv`` (``id_a,id_b,kind,score,group,hash_a,hash_b,action,keep``);
a reviewer writes ``merge`` in ``action`` for the pairs to merge and, optionally, the id to keep in
``keep`` (default: the older row, by ``created_at`` then id).  :func:`plan` checks every such pair
against the database now and resolves chains (a→b, b→c) to one survivor per group; :func:`apply`
then, in **one atomic batch**, for each removed row

1. copies the row's every column, the survivor's id and its ``last_accessed`` into
   ``jm_memory_merges`` (migration 0003), only if both rows still have the content hash the audit saw;
2. deletes the row, only if step 1 recorded it;
3. gives the survivor the later ``last_accessed`` of the two.

So a row changed by another client between the plan and the batch is left alone (reported as
skipped), and a failure anywhere leaves nothing changed.  :func:`undo` restores removed rows with
their ids and values and the survivor's previous ``last_accessed``, newest merge first.
``memory_store`` events naming a removed id are left as they are.

Why one module: apply and undo are inverse set-based statements over the same two tables and the same
staged plan; their SQL and the review file's columns change together, and apart each would import the
other's statements.
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import timestamps
from ..errors import NotFoundError, ValidationError
from . import validate
from .memories import COLUMNS, later, later_sql

if TYPE_CHECKING:
    import pandas as pd

    from .database import Database

TABLE = "jm_memory_merges"
REQUIRED = ("id_a", "id_b", "kind", "score", "hash_a", "hash_b", "action")
_IN_CHUNK = 500  # ids per `IN (…)` read: well under SQLite's 32,766 host parameters

PLAN = "jm_merge_plan"  # staging (migration 0004): the merges of one command, written in chunks before its batch
_STAGE_BYTES = 1_000_000  # JSON text per staging INSERT: far below sqld's 16 MiB WebSocket message
_STAGED = ("step", "merge_id", "removed_id", "survivor_id", "kind", "score", "removed_hash", "survivor_hash",
           "last_accessed_from", "last_accessed_to")
# One parameter a chunk: a JSON array of rows (each an array in _STAGED order), unpacked by json_each.
_STAGE = (
    f"INSERT OR REPLACE INTO {PLAN} (plan_id, seq, staged_at, {', '.join(_STAGED)}) SELECT ?, ? + j.key, ?, "
    + ", ".join(f"j.value ->> {i}" for i in range(len(_STAGED))) + " FROM json_each(?) AS j"
)
_STALE_PLAN = timedelta(days=1)  # staged rows older than this belong to a killed command; the next one removes them


# apply: one atomic batch of four set-based statements, whatever the number of merges.
_APPLY_RECORD = (  # each staged merge whose two rows still have their audited hashes; the survivor's last_accessed
    # as the earlier merges of this batch into it left it, so that undo can step back through them
    f"INSERT INTO {TABLE} (merged_at, survivor_id, survivor_last_accessed, kind, score, removed_id, content,"
    " content_hash, category, source, created_at, last_accessed)"
    f" SELECT ?, s.id, {later_sql('s.last_accessed', 'earlier.la')}, p.kind, p.score, r.id, r.content, r.content_hash,"
    f" r.category, r.source, r.created_at, r.last_accessed FROM {PLAN} p"
    " JOIN memory_entries r ON r.id = p.removed_id AND r.content_hash IS p.removed_hash"
    " JOIN memory_entries s ON s.id = p.survivor_id AND s.content_hash IS p.survivor_hash"
    f" LEFT JOIN (SELECT p2.seq, (SELECT max(r3.last_accessed) FROM {PLAN} p3"
    " JOIN memory_entries r3 ON r3.id = p3.removed_id AND r3.content_hash IS p3.removed_hash"
    " WHERE p3.plan_id = p2.plan_id AND p3.survivor_id = p2.survivor_id AND p3.seq < p2.seq) AS la"
    f" FROM {PLAN} p2 WHERE p2.plan_id = ?) AS earlier ON earlier.seq = p.seq"
    " WHERE p.plan_id = ? AND p.step = 'merge' ORDER BY p.seq RETURNING merge_id, removed_id"
)
_THIS_BATCH = f"m.merged_at = ? AND m.undone_at IS NULL AND m.removed_id IN (SELECT removed_id FROM {PLAN} WHERE plan_id = ?)"
_APPLY_REMOVE = f"DELETE FROM memory_entries WHERE id IN (SELECT m.removed_id FROM {TABLE} m WHERE {_THIS_BATCH})"
_APPLY_TOUCH = (  # each survivor gets the latest last_accessed of itself and the rows merged into it
    f"UPDATE memory_entries SET last_accessed = {later_sql('memory_entries.last_accessed', 't.la')}"
    f" FROM (SELECT m.survivor_id AS id, max(m.last_accessed) AS la FROM {TABLE} m WHERE {_THIS_BATCH}"
    " GROUP BY m.survivor_id) AS t WHERE memory_entries.id = t.id"
)
# undo: the same, from the staged merge ids and, per survivor, the last_accessed to step back to.
_UNDO_MARK = (
    f"UPDATE {TABLE} SET undone_at = ? WHERE merge_id IN (SELECT merge_id FROM {PLAN} WHERE plan_id = ? AND"
    f" step = 'undo') AND undone_at IS NULL AND NOT EXISTS (SELECT 1 FROM memory_entries e WHERE e.id = {TABLE}.removed_id"
    f" OR e.content_hash = {TABLE}.content_hash) RETURNING merge_id"
)
_UNDO_RESTORE = (
    f"INSERT INTO memory_entries ({COLUMNS}) SELECT removed_id, content, content_hash, category, source, created_at,"
    f" last_accessed FROM {TABLE} WHERE undone_at = ? AND merge_id IN (SELECT merge_id FROM {PLAN} WHERE plan_id = ?"
    " AND step = 'undo') ORDER BY merge_id"
)
# Back to the value before the merges undone, unless the survivor was accessed since or a later merge still counts.
_UNDO_UNTOUCH = (
    f"UPDATE memory_entries SET last_accessed = p.last_accessed_to FROM {PLAN} p WHERE p.plan_id = ?"
    " AND p.step = 'survivor' AND memory_entries.id = p.survivor_id AND memory_entries.last_accessed IS p.last_accessed_from"
    f" AND EXISTS (SELECT 1 FROM {TABLE} m WHERE m.merge_id = p.merge_id AND m.undone_at = ?)"
    f" AND NOT EXISTS (SELECT 1 FROM {TABLE} m WHERE m.survivor_id = p.survivor_id AND m.merge_id > p.merge_id"
    " AND m.undone_at IS NULL)"
)
_DROP_PLAN = f"DELETE FROM {PLAN} WHERE plan_id = ?"


@dataclass(frozen=True)
class Pair:
    """One reviewed row of the candidates file marked ``merge``; ``line`` is its line in the file."""

    line: int
    id_a: int
    id_b: int
    kind: str
    score: float | None
    hash_a: str | None
    hash_b: str | None
    keep: int | None = None


@dataclass(frozen=True)
class Merge:
    """One row to remove (``removed_id``) into the row that stays (``survivor_id``), with their audited hashes."""

    removed_id: int
    survivor_id: int
    kind: str
    score: float | None
    removed_hash: str | None
    survivor_hash: str | None


@dataclass
class Plan:
    """What :func:`apply` would do: ``merges`` in order, and the pairs ``skipped`` with a sentence each."""

    merges: list[Merge] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass
class Applied:
    """The outcome of :func:`apply`: ``merge_id`` -> the merge, and what was skipped (one sentence each)."""

    merged: dict[int, Merge] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


@dataclass
class Undone:
    """The outcome of :func:`undo`: the merge ids undone and what was skipped (one sentence each).

    ``already_undone`` names the skipped merges that an earlier undo restored: nothing is left to do for them.
    """

    restored: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    already_undone: list[int] = field(default_factory=list)


def read_review(path: str | Path) -> list[Pair]:
    """The pairs marked ``merge`` in a reviewed candidates file.

    ``action`` is ``merge`` or empty (case and surrounding space ignored); ``keep`` (optional
    column) is empty or one of the pair's ids.  Raises :class:`ValidationError` naming the file and
    line for a missing column or a bad value; nothing is read from the database.
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
            pairs = []
            for row in reader:
                line = reader.line_num
                action = (row["action"] or "").strip().lower()
                if action not in ("", "merge"):
                    raise ValidationError(f"{path}, line {line}: action must be 'merge' or empty, not {row['action']!r}")
                if action:
                    pairs.append(_pair(path, line, row))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise ValidationError(f"cannot read {path}: {e}") from None
    return pairs


def _pair(path: Path, line: int, row: dict[str, Any]) -> Pair:
    where = f"{path}, line {line}"
    row = {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}  # a short row's cells are None
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
    return Pair(line, id_a, id_b, row["kind"], score, row["hash_a"] or None, row["hash_b"] or None, keep_id)


def plan(db: Database, pairs: list[Pair]) -> Plan:
    """Check ``pairs`` against the database now and resolve them to merges (reads only).

    A pair is skipped, with a sentence, when either row is gone or its content hash differs from
    the audited one.  Pairs sharing a row form a group with one survivor: the row a ``keep`` names and
    no other ``keep`` removes, else the oldest row (``created_at``, then id) no ``keep`` removes; a
    group whose ``keep`` choices name two rows to keep, or remove every row, is skipped whole.
    """
    rows = _current_rows(db, {i for p in pairs for i in (p.id_a, p.id_b)})
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

    # Connected components by union-find: a dozen lines, where a graph library would be a new dependency.
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for p in valid:
        parent[root(p.id_a)] = root(p.id_b)
    groups: dict[int, list[Pair]] = {}
    for p in valid:
        groups.setdefault(root(p.id_a), []).append(p)
    for group in groups.values():
        members = {i for p in group for i in (p.id_a, p.id_b)}
        kept = {p.keep for p in group if p.keep is not None}
        losers = {p.id_b if p.keep == p.id_a else p.id_a for p in group if p.keep is not None}
        chosen = kept - losers
        candidates = chosen or (members - losers)
        if len(chosen) > 1 or not candidates:
            lines = ", ".join(str(p.line) for p in group)
            result.skipped.append(f"lines {lines}: skipped: the keep choices conflict ("
                                  + (f"{', '.join(map(str, sorted(chosen)))} all to keep)" if chosen else "each row is removed by another)"))
            continue
        survivor = min(candidates, key=lambda i: (rows[i]["created_at"], i))
        for removed in sorted(members - {survivor}):
            p = next(p for p in group if removed in (p.id_a, p.id_b))
            result.merges.append(Merge(removed, survivor, p.kind, p.score, rows[removed]["content_hash"],
                                       rows[survivor]["content_hash"]))
    return result


def apply(db: Database, merges: list[Merge]) -> Applied:
    """Carry out ``merges`` (from :func:`plan`) in one atomic batch; returns the merge ids.

    The merges are first staged in ``jm_merge_plan`` in chunks of at most :data:`_STAGE_ROWS` rows
    and :data:`_STAGE_BYTES` bytes, then carried out by four set-based statements in one batch, so
    no request grows with their number.  A merge whose rows changed after planning is left out of
    the batch's effect and reported in ``skipped``.  Raises :class:`DatabaseError` (nothing changed)
    if the batch fails.
    """
    result = Applied()
    if not merges:
        return result
    db.ready()  # an embedded database migrates (and gets back objects another client dropped) before the write
    now = timestamps.now()
    with _staged(db, now, [{"step": "merge", "removed_id": m.removed_id, "survivor_id": m.survivor_id, "kind": m.kind,
                            "score": m.score, "removed_hash": m.removed_hash, "survivor_hash": m.survivor_hash}
                           for m in merges]) as plan_id:
        answers = db.batch([
            (_APPLY_RECORD, [now, plan_id, plan_id]),
            (_APPLY_REMOVE, [now, plan_id]),
            (_APPLY_TOUCH, [now, plan_id]),
            (_DROP_PLAN, [plan_id]),
        ])
    recorded = {int(removed): int(merge_id) for merge_id, removed in answers[0].rows}
    for m in merges:
        if m.removed_id in recorded:
            result.merged[recorded[m.removed_id]] = m
        else:
            result.skipped.append(f"{m.removed_id} into {m.survivor_id} skipped: a row changed during the merge")
    return result


def undo(db: Database, *, merge_ids: list[int] | None = None, since: str | None = None) -> Undone:
    """Restore the rows removed by ``merge_ids`` or by every merge at or after ``since`` (ISO 8601).

    In one atomic batch of set-based statements (staged like :func:`apply`'s); the log is read in
    keyset pages without the removed texts.  A removed row whose id or content hash is now taken by
    another row (or by a newer merge's row restored in the same undo) is not restored (skipped, with
    a sentence).  Each survivor gets back its ``last_accessed`` from before the merges undone unless it
    was accessed since or a later merge into it still counts.  ``restored`` lists merge ids newest first.
    Raises :class:`ValidationError` without either argument, :class:`NotFoundError` for an unknown merge id.
    """
    if (merge_ids is None) == (since is None):
        raise ValidationError("give merge ids or a time to undo from, not both or neither")
    db.ready()
    columns = ("merge_id", "survivor_id", "survivor_last_accessed", "removed_id", "content_hash", "last_accessed",
               "undone_at")
    if merge_ids is not None:
        ids = {validate.row_id(i, "merge id") for i in merge_ids}
        records = _select_in(db, f"SELECT {', '.join(columns)} FROM {TABLE} WHERE merge_id IN ({{}})", ids)
        unknown = sorted(ids - {r["merge_id"] for r in records})
        if unknown:
            raise NotFoundError(f"no merge with id {', '.join(map(str, unknown))}")
    else:
        start = timestamps.iso(timestamps.parse(since))
        pages = db.pages(TABLE, {c: c for c in columns}, "merged_at >= ?", [start], key=("merge_id",))
        records = [dict(zip(columns, row)) for page in pages for row in page]
    result = Undone()
    taken = _takers(db, [r for r in records if r["undone_at"] is None])
    pending, restoring = [], {}
    for r in sorted(records, key=lambda r: r["merge_id"], reverse=True):
        if r["undone_at"] is not None:
            result.already_undone.append(r["merge_id"])
            result.skipped.append(f"merge {r['merge_id']} was already undone at {r['undone_at']}")
        elif r["merge_id"] in taken:
            result.skipped.append(f"merge {r['merge_id']} skipped: memory {r['removed_id']} cannot be restored,"
                                  f" {taken[r['merge_id']]}")
        elif r["content_hash"] is not None and r["content_hash"] in restoring:
            newer = restoring[r["content_hash"]]
            result.skipped.append(f"merge {r['merge_id']} skipped: memory {r['removed_id']} cannot be restored, its"
                                  f" content comes back as memory {newer['removed_id']} (merge {newer['merge_id']})")
        else:
            pending.append(r)
            if r["content_hash"] is not None:
                restoring[r["content_hash"]] = r
    if not pending:
        return result
    now = timestamps.now()
    staged = [{"step": "undo", "merge_id": r["merge_id"]} for r in pending] + _survivor_steps(db, pending)
    with _staged(db, now, staged) as plan_id:
        answers = db.batch([
            (_UNDO_MARK, [now, plan_id]),
            (_UNDO_RESTORE, [now, plan_id]),
            (_UNDO_UNTOUCH, [plan_id, now]),
            (_DROP_PLAN, [plan_id]),
        ])
    marked = {int(row[0]) for row in answers[0].rows}
    for r in pending:
        if r["merge_id"] in marked:
            result.restored.append(r["merge_id"])
        else:
            result.skipped.append(f"merge {r['merge_id']} skipped: memory {r['removed_id']} changed during the undo")
    return result


def _survivor_steps(db: Database, pending: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per survivor, the ``last_accessed`` an undo of ``pending`` (newest first) steps it back to.

    As undoing the merges one by one, newest first, would: each merge undone gives the survivor the
    value it had before that merge if it still has the value the merge left, and only while no newer
    merge into it stays active.  Staged as (survivor, value expected now, value to set, the oldest
    merge stepped back over); the batch sets it only if the survivor still has the expected value.
    """
    by_survivor: dict[int, list[dict[str, Any]]] = {}
    for r in pending:
        by_survivor.setdefault(r["survivor_id"], []).append(r)
    undoing = {r["merge_id"] for r in pending}
    sql = f"SELECT survivor_id, merge_id FROM {TABLE} WHERE undone_at IS NULL AND survivor_id IN ({{}})"
    staying: dict[int, int] = {}  # survivor -> its newest merge that stays active
    for row in _select_in(db, sql, set(by_survivor)):
        if row["merge_id"] not in undoing:
            staying[row["survivor_id"]] = max(staying.get(row["survivor_id"], 0), row["merge_id"])
    steps = []
    for survivor, undone in by_survivor.items():
        chain = [r for r in undone if r["merge_id"] > staying.get(survivor, 0)]  # newest first
        if not chain:
            continue
        expected = current = later(chain[0]["survivor_last_accessed"], chain[0]["last_accessed"])
        oldest = None
        for r in chain:
            if current != later(r["survivor_last_accessed"], r["last_accessed"]):
                break
            current, oldest = r["survivor_last_accessed"], r["merge_id"]
        steps.append({"step": "survivor", "survivor_id": survivor, "merge_id": oldest,
                      "last_accessed_from": expected, "last_accessed_to": current})
    return steps


@contextlib.contextmanager
def _staged(db: Database, now: str, rows: list[dict[str, Any]]) -> Iterator[str]:
    """Write ``rows`` (dicts of :data:`_STAGED`) into ``jm_merge_plan`` under a new plan id, in chunks.

    Yields the plan id; the batch that uses it deletes its rows, and they are deleted here too if it
    fails.  Rows a killed command left behind (staged over a day ago) are removed first.
    """
    plan_id = uuid.uuid4().hex
    cutoff = timestamps.iso(timestamps.parse(now) - _STALE_PLAN)
    db.execute(f"DELETE FROM {PLAN} WHERE staged_at < ?", [cutoff])
    try:
        chunk: list[str] = []
        size = first = 0
        for seq, row in enumerate(rows):
            chunk.append(json.dumps([row.get(c) for c in _STAGED], ensure_ascii=False, allow_nan=False))
            size += len(chunk[-1])
            if size >= _STAGE_BYTES or seq == len(rows) - 1:
                db.execute(_STAGE, [plan_id, first, now, f"[{','.join(chunk)}]"], idempotent=True)
                chunk, size, first = [], 0, seq + 1
        yield plan_id
    except BaseException:
        with contextlib.suppress(Exception):  # the batch wrote nothing; its staged rows go too, if the server lets us
            db.execute(_DROP_PLAN, [plan_id], idempotent=True)
        raise


def review_sheet(candidates: pd.DataFrame, memories: pd.DataFrame) -> pd.DataFrame:
    """The audit's ``candidates`` as a file to review: plus ``hash_a, hash_b`` (each row's stored
    ``content_hash`` now, so :func:`plan` can tell a row changed since) and empty ``action, keep``."""
    stored = dict(zip(memories["id"], memories["content_hash"]))
    return candidates.assign(hash_a=candidates["id_a"].map(stored), hash_b=candidates["id_b"].map(stored),
                             action="", keep="")


def log(db: Database) -> pd.DataFrame:
    """Every merge recorded, newest first (an empty frame before migration 0003): ``merge_id, merged_at,
    survivor_id, removed_id, kind, score, content, undone_at`` — for the audit notebook and the usage report."""
    import pandas as pd

    columns = ["merge_id", "merged_at", "survivor_id", "removed_id", "kind", "score", "content", "undone_at"]
    found = []
    if _table_exists(db):  # in keyset pages: a log of long texts is larger than one answer may be
        found = [row for page in db.pages(TABLE, {c: c for c in columns}, key=("merge_id",), descending=True)
                 for row in page]
    types = {"merge_id": "int64", "survivor_id": "int64", "removed_id": "int64", "score": "float64"}
    return pd.DataFrame(found, columns=columns).astype(types | {c: "string" for c in columns if c not in types})


def _select_in(db: Database, sql: str, values: set[Any]) -> list[dict[str, Any]]:
    """``sql`` with its ``IN ({})`` filled for ``values``, run in chunks; the rows of every chunk."""
    ordered, found = sorted(values), []
    for i in range(0, len(ordered), _IN_CHUNK):
        chunk = ordered[i:i + _IN_CHUNK]
        found += db.query(sql.format(", ".join("?" * len(chunk))), chunk)
    return found


def _table_exists(db: Database) -> bool:
    return bool(db.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [TABLE]))


def _takers(db: Database, active: list[dict[str, Any]]) -> dict[int, str]:
    """Merge id -> why its row cannot come back (its id or content hash now belongs to another row)."""
    ids = _current_rows(db, {r["removed_id"] for r in active})
    hashes = {r["content_hash"] for r in active if r["content_hash"] is not None}
    sql = "SELECT id, content_hash FROM memory_entries WHERE content_hash IN ({})"
    by_hash = {r["content_hash"]: r["id"] for r in _select_in(db, sql, hashes)}
    taken = {}
    for r in active:
        if r["removed_id"] in ids:
            taken[r["merge_id"]] = "a row with that id exists"
        elif r["content_hash"] in by_hash:
            taken[r["merge_id"]] = f"its content is now stored as memory {by_hash[r['content_hash']]}"
    return taken


def _current_rows(db: Database, ids: set[int]) -> dict[int, dict[str, Any]]:
    sql = "SELECT id, content_hash, created_at FROM memory_entries WHERE id IN ({})"  # never the texts: answers stay small
    return {r["id"]: r for r in _select_in(db, sql, ids)}


def _merged_into(db: Database, ids: set[int]) -> dict[int, int]:
    """Removed id -> the active merge that removed it, for the ids given (none before migration 0003)."""
    if not ids or not _table_exists(db):
        return {}
    sql = f"SELECT removed_id, merge_id FROM {TABLE} WHERE undone_at IS NULL AND removed_id IN ({{}})"
    return {r["removed_id"]: r["merge_id"] for r in _select_in(db, sql, ids)}

