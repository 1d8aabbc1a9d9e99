"""The reviewer's decisions as the reports read them: the merge log, the pairs kept both, how facts changed.

Read from a loaded :class:`~jarvis_memory.analysis.load.Dataset`, like every other table: for a remote database
from its embedded replica (or in keyset pages), in the same snapshot as the memories.  Each function is one DuckDB
query over the views :func:`~jarvis_memory.analysis.load.load` makes of ``jm_memory_merges`` and ``jm_kept_both``
(empty on a database without them).  ``dedup apply`` and ``undo`` write them (:mod:`jarvis_memory.store.merges`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .load import Dataset

_IN_EFFECT = "SELECT * FROM jm_memory_merges WHERE undone_at IS NULL"


def log(ds: Dataset) -> pd.DataFrame:
    """Every merge recorded, newest first: ``merge_id, merged_at, survivor_id, removed_id, kind, decision, score,
    content, undone_at`` (times as the log holds them, ISO text).  ``decision`` is ``merge`` or ``supersede``
    (``merge`` for a log from before migration 0005); ``content`` is the removed row's text while it is removed
    (NA once undone: the row is back in ``memory_entries``)."""
    frame = ds.sql("SELECT merge_id, merged_at, survivor_id, removed_id, kind, decision, score, content, undone_at"
                   " FROM jm_memory_merges ORDER BY merge_id DESC")
    return frame.astype({c: "string" for c in ("merged_at", "kind", "decision", "content", "undone_at")})


def kept_both(ds: Dataset) -> pd.DataFrame:
    """The pairs kept both and not reopened: ``decision_id, decided_at, id_a, id_b, hash_a, hash_b, kind``
    (``id_a < id_b``; the hashes the rows had then), in decision order."""
    return ds.sql("SELECT decision_id, decided_at, id_a, id_b, hash_a, hash_b, kind FROM jm_kept_both"
                  " WHERE undone_at IS NULL ORDER BY decision_id")


def facts_changed(ds: Dataset) -> pd.DataFrame:
    """How facts changed: each statement a reviewer superseded (not undone), newest change first.

    Columns: ``changed_at`` (UTC Timestamp: when the statement that replaced it was stored, read as every reader
    reads a time; NaT if it cannot be read), ``before`` → ``after`` (the texts as stored), ``before_id``,
    ``after_id``, ``retired_at`` (when the decision was applied, ISO text) and ``merge_id`` (for ``dedup undo
    --merge``).  A replacement that was itself removed later is read from the log (its latest merge in effect).
    """
    frame = ds.sql(f"""
        WITH in_effect AS ({_IN_EFFECT}),
        retired AS (SELECT * FROM in_effect QUALIFY row_number() OVER (PARTITION BY removed_id ORDER BY merge_id DESC) = 1)
        SELECT CASE WHEN e.id IS NOT NULL THEN e.created_at ELSE r.created_at END AS changed_at,
               m.content AS before, CASE WHEN e.id IS NOT NULL THEN e.content ELSE r.content END AS after,
               m.removed_id AS before_id, m.survivor_id AS after_id, m.merged_at AS retired_at, m.merge_id
        FROM in_effect m
        LEFT JOIN memory_entries e ON e.id = m.survivor_id
        LEFT JOIN retired r ON r.removed_id = m.survivor_id
        WHERE m.decision = 'supersede'
        ORDER BY changed_at DESC NULLS LAST, m.merge_id DESC""")
    return frame.astype({"before": "string", "after": "string", "retired_at": "string"})
