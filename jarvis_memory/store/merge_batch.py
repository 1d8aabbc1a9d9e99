"""Carrying out a reviewed plan (:func:`.merges.plan`), and undoing it, each in one atomic batch.

:func:`apply`, in **one atomic batch**,

1. records each pair kept both in ``jm_kept_both`` with its two content hashes (migration 0005);
2. copies each row to remove — every column, the survivor's id and its ``last_accessed``, the decision
   (``merge`` or ``supersede``) — into ``jm_memory_merges`` (migration 0003), only if both rows still have
   the content hash the audit saw;
3. deletes the row, only if step 2 recorded it;
4. gives each survivor the later ``last_accessed`` of itself and the rows removed for it.

So a row changed by another client between the plan and the batch is left alone (reported as skipped), and a
failure anywhere leaves nothing changed.  A superseded row leaves ``memory_entries`` (the TypeScript app no
longer recalls it) and stays in the log.  :func:`undo` restores removed rows with their ids and values and the
survivor's previous ``last_accessed``, newest first; by time it also reopens the pairs kept both since.
``memory_store`` events naming a removed id are left as they are.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from .. import timestamps
from ..errors import NotFoundError, UnreadableRowError, ValidationError
from . import validate
from .memories import COLUMNS, later, later_sql, time_order
from .merges import KEPT_BOTH, TABLE, Merge, Pair, current_rows, select_in
from .rows import text_values

if TYPE_CHECKING:
    from .database import Database

PLAN = "jm_merge_plan"  # staging (migration 0004): the merges of one command, written in chunks before its batch
_STAGE_BYTES = 1_000_000  # JSON text per staging INSERT: far below sqld's 16 MiB WebSocket message
# A pair kept both is staged as step 'keep' with its two rows in removed_id/survivor_id (and their hashes); one
# to reopen by undo as step 'reopen' with its decision_id in merge_id.
_STAGED = ("step", "merge_id", "removed_id", "survivor_id", "kind", "score", "removed_hash", "survivor_hash",
           "last_accessed_from", "last_accessed_to", "decision")
# One parameter a chunk: a JSON array of rows (each an array in _STAGED order), unpacked by json_each.
_STAGE = (
    f"INSERT OR REPLACE INTO {PLAN} (plan_id, seq, staged_at, {', '.join(_STAGED)}) SELECT ?, ? + j.key, ?, "
    + ", ".join(f"j.value ->> {i}" for i in range(len(_STAGED))) + " FROM json_each(?) AS j"
)
_STALE_PLAN = timedelta(days=1)  # staged rows older than this belong to a killed command; the next one removes them
_DROP_STALE = f"DELETE FROM {PLAN} WHERE {timestamps.instant_sql('staged_at')} < ?"  # an unreadable time: never stale


# apply: one atomic batch of five set-based statements, whatever the number of decisions.
_APPLY_KEEP = (  # each pair kept both whose two rows still have their audited hashes
    f"INSERT INTO {KEPT_BOTH} (decided_at, id_a, id_b, hash_a, hash_b, kind) SELECT ?, p.removed_id, p.survivor_id,"
    f" p.removed_hash, p.survivor_hash, p.kind FROM {PLAN} p"
    " JOIN memory_entries a ON a.id = p.removed_id AND a.content_hash IS p.removed_hash"
    " JOIN memory_entries b ON b.id = p.survivor_id AND b.content_hash IS p.survivor_hash"
    " WHERE p.plan_id = ? AND p.step = 'keep' ORDER BY p.seq RETURNING decision_id, id_a, id_b"
)
_APPLY_RECORD = (  # each staged merge whose two rows still have their audited hashes; the survivor's last_accessed
    # as the earlier merges of this batch into it left it (the latest as an instant), so that undo can step back
    # through them.  MATERIALIZED: later_sql reads `la` many times, and a flattened subquery would run for each.
    f"WITH earlier AS MATERIALIZED (SELECT p2.seq, (SELECT r3.last_accessed FROM {PLAN} p3"
    " JOIN memory_entries r3 ON r3.id = p3.removed_id AND r3.content_hash IS p3.removed_hash"
    " WHERE p3.plan_id = p2.plan_id AND p3.step = 'merge' AND p3.survivor_id = p2.survivor_id AND p3.seq < p2.seq"
    f" ORDER BY {time_order('r3.last_accessed')} DESC LIMIT 1) AS la FROM {PLAN} p2 WHERE p2.plan_id = ?)"
    f" INSERT INTO {TABLE} (merged_at, survivor_id, survivor_last_accessed, kind, decision, score, removed_id, content,"
    " content_hash, category, source, created_at, last_accessed)"
    f" SELECT ?, s.id, {later_sql('s.last_accessed', 'earlier.la')}, p.kind, p.decision, p.score, r.id, r.content,"
    f" r.content_hash, r.category, r.source, r.created_at, r.last_accessed FROM {PLAN} p"
    " JOIN memory_entries r ON r.id = p.removed_id AND r.content_hash IS p.removed_hash"
    " JOIN memory_entries s ON s.id = p.survivor_id AND s.content_hash IS p.survivor_hash"
    " LEFT JOIN earlier ON earlier.seq = p.seq"
    " WHERE p.plan_id = ? AND p.step = 'merge' ORDER BY p.seq RETURNING merge_id, removed_id"
)
_THIS_BATCH = (f"m.merged_at = ? AND m.undone_at IS NULL AND m.removed_id IN (SELECT removed_id FROM {PLAN}"
               " WHERE plan_id = ? AND step = 'merge')")
_APPLY_REMOVE = f"DELETE FROM memory_entries WHERE id IN (SELECT m.removed_id FROM {TABLE} m WHERE {_THIS_BATCH})"
_APPLY_TOUCH = (  # each survivor gets the latest last_accessed of itself and the rows merged into it
    f"UPDATE memory_entries SET last_accessed = {later_sql('memory_entries.last_accessed', 't.la')}"
    # the latest as an instant: SQLite takes a bare column from the row whose max() it returns
    f" FROM (SELECT m.survivor_id AS id, m.last_accessed AS la, max({time_order('m.last_accessed')}) FROM {TABLE} m"
    f" WHERE {_THIS_BATCH} GROUP BY m.survivor_id) AS t WHERE memory_entries.id = t.id"
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
_REOPEN = (f"UPDATE {KEPT_BOTH} SET undone_at = ? WHERE decision_id IN (SELECT merge_id FROM {PLAN} WHERE plan_id = ?"
           " AND step = 'reopen') AND undone_at IS NULL RETURNING decision_id")
_MERGED_AT, _DECIDED_AT = timestamps.instant_sql("merged_at"), timestamps.instant_sql("decided_at")
# What undo reads of the log (never the texts); a merge whose time cannot be read comes too, to be named.
_LOG = ("merge_id", "survivor_id", "survivor_last_accessed", "removed_id", "content_hash", "last_accessed", "undone_at")
_SINCE = f"coalesce({_MERGED_AT} >= ?, undone_at IS NULL)"
_DROP_PLAN = f"DELETE FROM {PLAN} WHERE plan_id = ?"


@dataclass
class Applied:
    """The outcome of :func:`apply`: ``merge_id`` -> the merge, ``decision_id`` -> each pair kept both, and
    what was skipped (one sentence each)."""

    merged: dict[int, Merge] = field(default_factory=dict)
    kept_both: dict[int, Pair] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


@dataclass
class Undone:
    """The outcome of :func:`undo`: the merge ids undone, the pairs kept both that are ``reopened``
    (``decision_id, id_a, id_b``), and what was skipped (one sentence each).

    ``already_undone`` names the skipped merges that an earlier undo restored: nothing is left to do for them.
    """

    restored: list[int] = field(default_factory=list)
    reopened: list[dict[str, int]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    already_undone: list[int] = field(default_factory=list)


def apply(db: Database, merges: list[Merge], kept_both: list[Pair] = ()) -> Applied:
    """Carry out ``merges`` and record ``kept_both`` (from :func:`.merges.plan`) in one atomic batch.

    Everything is first staged in ``jm_merge_plan`` in chunks of at most :data:`_STAGE_BYTES` bytes, then
    carried out by five set-based statements in one batch, so no request grows with their number.  A decision
    whose rows changed after planning is left out of the batch's effect and reported in ``skipped``.  Raises
    :class:`DatabaseError` (nothing changed) if the batch fails.
    """
    result = Applied()
    if not merges and not kept_both:
        return result
    db.ready()  # an embedded database migrates (and gets back objects another client dropped) before the write
    now = timestamps.now()
    staged = [{"step": "merge", "removed_id": m.removed_id, "survivor_id": m.survivor_id, "kind": m.kind,
               "score": m.score, "removed_hash": m.removed_hash, "survivor_hash": m.survivor_hash,
               "decision": m.decision} for m in merges]
    for p in kept_both:  # in id order, as jm_kept_both keeps them
        (a, hash_a), (b, hash_b) = sorted([(p.id_a, p.hash_a), (p.id_b, p.hash_b)])
        staged.append({"step": "keep", "removed_id": a, "survivor_id": b, "kind": p.kind, "removed_hash": hash_a,
                       "survivor_hash": hash_b})
    with _staged(db, now, staged) as plan_id:
        answers = db.batch([
            (_APPLY_KEEP, [now, plan_id]),
            (_APPLY_RECORD, [plan_id, now, plan_id]),
            (_APPLY_REMOVE, [now, plan_id]),
            (_APPLY_TOUCH, [now, plan_id]),
            (_DROP_PLAN, [plan_id]),
        ])
    # No value of the answers is converted: they are the ids this batch wrote, and nothing may fail once it committed.
    kept = {(a, b): decision_id for decision_id, a, b in answers[0].rows}
    for p in kept_both:
        pair = (min(p.id_a, p.id_b), max(p.id_a, p.id_b))
        if pair in kept:
            result.kept_both[kept[pair]] = p
        else:
            result.skipped.append(f"line {p.line}: {p.id_a}/{p.id_b} skipped: a row changed during the batch")
    recorded = {removed: merge_id for merge_id, removed in answers[1].rows}
    for m in merges:
        if m.removed_id in recorded:
            result.merged[recorded[m.removed_id]] = m
        else:
            result.skipped.append(f"{m.removed_id} into {m.survivor_id} skipped: a row changed during the merge")
    return result


def undo(db: Database, *, merge_ids: list[int] | None = None, since: str | None = None) -> Undone:
    """Restore the rows removed by ``merge_ids`` or by every merge at or after ``since`` (ISO 8601); with
    ``since``, also reopen the pairs kept both since then (the next audit asks about them again).

    Times are compared as instants (:func:`timestamps.instant_sql`, any spelling); a merge or pair kept both
    whose time cannot be read is left alone and named in ``skipped``, as is a log row holding a value that is
    not what this package writes there (an id that is not an integer, text that is not UTF-8): every row is
    checked before anything is written.  In one atomic batch of set-based statements (staged like
    :func:`apply`'s); the log is read in keyset pages without the removed texts.  A removed row whose id or
    content hash is now taken by another row, or comes back with a newer merge undone at the same time (the log
    may hold one removal twice, written by another client: the newest is undone), is not restored (skipped,
    with a sentence).  Each survivor gets back its ``last_accessed`` from before the merges undone unless it
    was accessed since or a later merge into it still counts.  ``restored`` lists merge ids newest first.
    Raises :class:`ValidationError` without either argument, :class:`NotFoundError` for an unknown merge id.
    """
    if (merge_ids is None) == (since is None):
        raise ValidationError("give merge ids or a time to undo from, not both or neither")
    db.ready()
    result, start = Undone(), None
    if merge_ids is not None:
        ids = {validate.row_id(i, "merge id") for i in merge_ids}
        records = select_in(db, f"SELECT {', '.join(_LOG)} FROM {TABLE} WHERE merge_id IN ({{}})", ids)
        unknown = sorted(ids - {r["merge_id"] for r in records})
        if unknown:
            raise NotFoundError(f"no merge with id {', '.join(map(str, unknown))}")
    else:
        start = timestamps.ms(timestamps.parse(since))
        pages = db.pages(TABLE, {**{c: c for c in _LOG}, "at": _MERGED_AT}, _SINCE, [start], key=("merge_id",))
        records = [dict(zip((*_LOG, "at"), row)) for page in pages for row in page]
        _name_untimed(result, TABLE, [r["merge_id"] for r in records if r["at"] is None], "merged_at", "undone")
        records = [r for r in records if r["at"] is not None]
    active = []
    for r in sorted(records, key=lambda r: r["merge_id"], reverse=True):
        if r["undone_at"] is not None:
            result.already_undone.append(r["merge_id"])
            result.skipped.append(f"merge {r['merge_id']} was already undone at {r['undone_at']}")
        elif (problem := _odd(TABLE, r, ("removed_id", "survivor_id"))) is not None:
            result.skipped.append(f"{problem}; not undone")
        else:
            active.append(r)
    reopen = [] if start is None else _kept_since(db, start, result)
    taken = _takers(db, active)
    pending, restoring = [], {}  # ("id", removed id) and ("hash", content hash) -> the merge bringing it back
    for r in active:
        newer = restoring.get(("id", r["removed_id"])) or restoring.get(("hash", r["content_hash"]))
        if r["merge_id"] in taken:
            result.skipped.append(f"merge {r['merge_id']} skipped: memory {r['removed_id']} cannot be restored,"
                                  f" {taken[r['merge_id']]}")
        elif newer is not None and newer["removed_id"] == r["removed_id"]:
            result.skipped.append(f"merge {r['merge_id']} skipped: the log records the removal of memory"
                                  f" {r['removed_id']} twice; it comes back with merge {newer['merge_id']}")
        elif newer is not None:
            result.skipped.append(f"merge {r['merge_id']} skipped: memory {r['removed_id']} cannot be restored, its"
                                  f" content comes back as memory {newer['removed_id']} (merge {newer['merge_id']})")
        else:
            pending.append(r)
            restoring[("id", r["removed_id"])] = r
            if r["content_hash"] is not None:
                restoring[("hash", r["content_hash"])] = r
    if not pending and not reopen:
        return result
    now = timestamps.now()
    staged = ([{"step": "undo", "merge_id": r["merge_id"]} for r in pending] + _survivor_steps(db, pending)
              + [{"step": "reopen", "merge_id": k["decision_id"]} for k in reopen])
    with _staged(db, now, staged) as plan_id:
        answers = db.batch([
            (_UNDO_MARK, [now, plan_id]),
            (_UNDO_RESTORE, [now, plan_id]),
            (_UNDO_UNTOUCH, [plan_id, now]),
            (_REOPEN, [now, plan_id]),
            (_DROP_PLAN, [plan_id]),
        ])
    # No value of the answers is converted: they are ids checked above, and nothing may fail once it committed.
    reopened = {row[0] for row in answers[3].rows}
    result.reopened = [k for k in reopen if k["decision_id"] in reopened]
    marked = {row[0] for row in answers[0].rows}
    for r in pending:
        if r["merge_id"] in marked:
            result.restored.append(r["merge_id"])
        else:
            result.skipped.append(f"merge {r['merge_id']} skipped: memory {r['removed_id']} changed during the undo")
    return result


def _kept_since(db: Database, start: int, result: Undone) -> list[dict[str, Any]]:
    """The pairs kept both at or after ``start`` (ms) and not reopened yet, read in keyset pages; those whose
    time or ids cannot be read are named in ``result.skipped`` instead."""
    columns = ("decision_id", "id_a", "id_b", "at")
    pages = db.pages(KEPT_BOTH, {"decision_id": "decision_id", "id_a": "id_a", "id_b": "id_b", "at": _DECIDED_AT},
                     f"undone_at IS NULL AND coalesce({_DECIDED_AT} >= ?, 1)", [start], key=("decision_id",))
    found = [dict(zip(columns, row)) for page in pages for row in page]
    _name_untimed(result, KEPT_BOTH, [k["decision_id"] for k in found if k["at"] is None], "decided_at", "reopened")
    reopen = []
    for k in found:
        if k.pop("at") is not None:
            if (problem := _odd(KEPT_BOTH, k, ("id_a", "id_b"))) is None:
                reopen.append(k)
            else:
                result.skipped.append(f"{problem}; not reopened")
    return reopen


def _name_untimed(result: Undone, table: str, ids: list[int], column: str, outcome: str) -> None:
    """One sentence for the rows of ``table`` whose ``column`` cannot be read as a time: left alone."""
    if ids:
        rows = f"row {ids[0]}" if len(ids) == 1 else f"rows {', '.join(map(str, ids))}"
        result.skipped.append(f"{table} {rows} cannot be read: {column} is not a time; not {outcome}")


def _odd(table: str, row: dict[str, Any], ids: tuple[str, ...]) -> str | None:
    """Why a row of ``table`` (its key first) that another client may have written cannot be acted on, as
    :class:`UnreadableRowError` says it, or None: the columns ``ids`` must hold integers and every text must
    be valid UTF-8 (a BLOB holding UTF-8 is read as text, in ``row``)."""
    names = tuple(row)
    try:
        row.update(zip(names, text_values(table, names, tuple(row.values()))))
    except UnreadableRowError as e:
        return str(e)
    wrong = [f"{c} {row[c]!r} is not an integer" for c in ids if type(row[c]) is not int]
    return str(UnreadableRowError(table, row[names[0]], "; ".join(wrong))) if wrong else None


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
    for row in select_in(db, sql, set(by_survivor)):
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
    db.execute(_DROP_STALE, [timestamps.ms(timestamps.parse(now) - _STALE_PLAN)])
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


def _takers(db: Database, active: list[dict[str, Any]]) -> dict[int, str]:
    """Merge id -> why its row cannot come back (its id or content hash now belongs to another row)."""
    ids = current_rows(db, {r["removed_id"] for r in active})
    hashes = {r["content_hash"] for r in active if r["content_hash"] is not None}
    sql = "SELECT id, content_hash FROM memory_entries WHERE content_hash IN ({})"
    by_hash = {r["content_hash"]: r["id"] for r in select_in(db, sql, hashes)}
    taken = {}
    for r in active:
        if r["removed_id"] in ids:
            taken[r["merge_id"]] = "a row with that id exists"
        elif r["content_hash"] in by_hash:
            taken[r["merge_id"]] = f"its content is now stored as memory {by_hash[r['content_hash']]}"
    return taken

