"""Memory entries, deduplicated by the content hash the TypeScript app uses.

>>> import jarvis_memory
>>> db = jarvis_memory.connect("file:/tmp/jarvis-doctest.db")
>>> entry, created = db.memories.store("Lives in Lisbon", "fact", "user_explicit")
>>> again, created = db.memories.store("  lives in LISBON ", "fact", "user_explicit")
>>> (again.id == entry.id, created)
(True, False)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .. import timestamps
from ..errors import JarvisMemoryError, NotFoundError, UnreachableError
from . import search, validate
from ._remote import OUTCOME_UNKNOWN
from .hashing import content_hash
from .rows import Rows, read_all, text_values

if TYPE_CHECKING:
    from .database import Database

CATEGORIES = ("preference", "fact", "pattern")
SOURCES = ("user_explicit", "jarvis_inferred")
MAX_CONTENT_CHARS = 10_000
COLUMNS = "id, content, content_hash, category, source, created_at, last_accessed"
_NAMES = tuple(COLUMNS.split(", "))

# One statement, so concurrent writers of the same content end with one row and
# no error (the seed's select-then-insert races).  A new row comes back with
# last_accessed NULL; a duplicate comes back touched, stamped by the database's
# clock in toISOString() form (SQLite's %f is SS.SSS).
_UPSERT_HEAD = "INSERT INTO memory_entries (content, content_hash, category, source, created_at, last_accessed) VALUES "
_ROW = "(?, ?, ?, ?, ?, ?)"
_TOUCH = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"


@dataclass(frozen=True, slots=True)
class MemoryEntry:
    id: int
    content: str
    content_hash: str | None
    category: str
    source: str
    created_at: str
    last_accessed: str | None

    @classmethod
    def from_row(cls, row: Any) -> MemoryEntry:
        """From a result row or a tuple whose first values are :data:`COLUMNS`.

        Raises :class:`UnreadableRowError` naming a row whose text cannot be read.
        """
        return cls(*text_values("memory_entries", _NAMES, tuple(row[: len(_NAMES)])))


_CREATED = timestamps.instant_sql("created_at")  # other clients' spellings compare as the moments they are
_NEWEST = ("_at", "id")  # recall's order without words, and the tie-break after the rank: newest first
_NEVER = -1 << 63  # below every instant: the place of a NULL or unreadable time in an order


def time_order(column: str) -> str:
    """An SQL sort key of the time in ``column``: its instant in whole ms (:func:`timestamps.instant_sql`), a
    NULL or unreadable time below every readable one.  Never NULL, so a keyset page or ``max()`` can use it."""
    return f"coalesce({timestamps.instant_sql(column)}, {_NEVER})"


# The moment in whole milliseconds (an INTEGER), not the Julian day (a REAL): the keyset sends the last key
# back to the server, and a REAL through JSON may come back one ulp off, which skipped the rows
# sharing that moment at a page boundary (594 of 600 over ws); an integer is exact.
_AT = time_order("created_at")


def later_sql(a: str, b: str) -> str:
    """An SQL expression: the later of two ``last_accessed`` values ``a`` and ``b`` (NULL: never accessed).

    Compared as instants (:func:`time_order`), so another client's spelling of a time counts as the moment it
    is: ``b`` if ``a`` is NULL or earlier, else ``a`` (a tie, or ``b`` NULL or unreadable, keeps ``a``).  What a
    merge's survivor and an imported duplicate keep.  ``a`` and ``b`` are each read many times: give columns,
    not subqueries.
    """
    return f"CASE WHEN {a} IS NULL OR {time_order(a)} < {time_order(b)} THEN {b} ELSE {a} END"


def later(a: Any, b: Any) -> Any:
    """What :func:`later_sql` computes, in Python (:func:`timestamps.instant_ms`, the same rule)."""
    return b if a is None or _moment(a) < _moment(b) else a


def _moment(value: Any) -> int:
    moment = timestamps.instant_ms(value)
    return _NEVER if moment is None else moment


def upsert_sql(rows: int) -> str:
    """The dedup upsert for ``rows`` entries (:func:`prepare`'s six parameters each) as one ``INSERT … ON
    CONFLICT`` statement: what the demo generator and the benchmarks write with (the store itself uses :func:`upsert_statements`)."""
    return (
        _UPSERT_HEAD + ", ".join([_ROW] * rows)
        + f" ON CONFLICT (content_hash) DO UPDATE SET last_accessed = {_TOUCH} RETURNING {COLUMNS}"
    )


_INCOMING = ("WITH incoming (i_content, i_hash, i_category, i_source, i_created, i_accessed)"
             " AS (VALUES {rows}) ")
_INSERT = "INSERT INTO memory_entries (content, content_hash, category, source, created_at, last_accessed)"
# A remote store or import chunk is retried when its answer is lost; the retry may
# then meet the row its first attempt wrote.  Only on a retry, a row with the created_at
# and last_accessed this call sent is taken to be that row: left untouched, new.
_SENT = "created_at = i_created AND last_accessed IS i_accessed"
_TOUCH_UNLESS_SENT = f"CASE WHEN {_SENT} THEN last_accessed ELSE {_TOUCH} END"


def upsert_statements(rows: list[list[Any]], *, retry: bool = False, returning: str = COLUMNS,
                      restore: bool = False) -> list[tuple[str, list[Any]]]:
    """The dedup upsert of ``rows`` (each :func:`prepare`'s six parameters, distinct hashes) as one atomic batch.

    First the rows already stored are updated (UPDATE … FROM, returning them), then the
    others are inserted with the ``created_at`` and ``last_accessed`` sent (INSERT … SELECT …
    WHERE NOT EXISTS, returning them).  A stored row is *touched* (``last_accessed`` = now, by
    the database's clock), as the TypeScript app does; with ``restore`` (an import) it keeps
    the later of its own and the sent ``last_accessed`` (:func:`later_sql`) and nothing is
    stamped now.  Unlike ``INSERT … ON CONFLICT DO UPDATE``, a duplicate allocates no
    AUTOINCREMENT id, as in the TypeScript app (whose select-then-insert burns none).  Run
    with :meth:`Database.batch`: one write transaction on every URL kind, so concurrent
    writers of the same text cannot both insert it.  ``retry`` (see ``_SENT``): a store gets
    its own first attempt's row back untouched; a restore leaves it out of the updated rows,
    so they are exactly the rows that were stored before.  ``returning``: the columns answered
    (an import asks for ``id`` only, so its answer does not grow with the contents).
    """
    incoming = _INCOMING.format(rows=", ".join(["(?, ?, ?, ?, ?, ?)"] * len(rows)))
    args = [value for row in rows for value in row]
    if restore:
        touch, which = later_sql("last_accessed", "i_accessed"), f" AND NOT ({_SENT})" if retry else ""
    else:
        touch, which = _TOUCH_UNLESS_SENT if retry else _TOUCH, ""
    return [
        (incoming + f"UPDATE memory_entries SET last_accessed = {touch} FROM incoming WHERE content_hash = i_hash"
         f"{which} RETURNING {returning}", args),
        (incoming + f"{_INSERT} SELECT i_content, i_hash, i_category, i_source, i_created, i_accessed FROM incoming"
         f" WHERE NOT EXISTS (SELECT 1 FROM memory_entries WHERE content_hash = i_hash) RETURNING {returning}", args),
    ]


def upsert(db: Database, rows: list[list[Any]], *, returning: str = COLUMNS, restore: bool = False
           ) -> tuple[list[Any], list[Any]]:
    """Run :func:`upsert_statements` (retried as an idempotent write); returns (the stored rows, the new ones)."""
    touched, inserted = db.batch(upsert_statements(rows, returning=returning, restore=restore), idempotent=True,
                                 retry_statements=upsert_statements(rows, retry=True, returning=returning,
                                                                    restore=restore))
    return list(touched.rows), list(inserted.rows)


def _upsert_one(db: Database, params: list[Any]) -> Any:
    """The stored row of one entry (:func:`prepare`'s parameters), as :func:`upsert` stores it.

    On ``file:`` its two statements run one at a time, each its own transaction, up to the first that
    answers: a duplicate is one UPDATE, a new text an UPDATE that finds nothing and the INSERT.  In one
    process's kept connection BEGIN IMMEDIATE and COMMIT are two more statements, and so is the INSERT a
    duplicate does not need: the batch took 1.1x the CPU time of these (114 vs 102 µs a store, 2 busy cores).
    Another writer storing the same text in between leaves both answering nothing: then the atomic batch
    decides.  Remote, the batch is one round trip instead of two.
    """
    if not db.settings.is_remote:  # the batch's two statements with plain parameters: no incoming-rows join
        digest = params[1]
        for sql, args in (
            (f"UPDATE memory_entries SET last_accessed = {_TOUCH} WHERE content_hash = ? RETURNING {COLUMNS}", [digest]),
            (f"{_INSERT} SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM memory_entries WHERE content_hash = ?)"
             f" RETURNING {COLUMNS}", [*params, digest]),
        ):
            rows = db.execute(sql, args).rows
            if rows:
                return rows[0]
    touched, inserted = upsert(db, [params])
    return (touched or inserted)[0]


def _written_despite(db: Database, params: list[Any], error: UnreachableError) -> MemoryEntry:
    """After a store whose answer never came: the row it inserted, if a read finds it (its hash, the
    ``created_at`` it sent, never accessed); else ``error`` again, saying what the read found."""
    try:
        rows = db.execute(f"SELECT {COLUMNS} FROM memory_entries WHERE content_hash = ?", [params[1]]).rows
    except JarvisMemoryError:
        raise error from None  # the check could not be made: the outcome stays unknown
    if rows and rows[0][5] == params[4] and rows[0][6] is None:
        return MemoryEntry.from_row(rows[0])
    head = str(error).replace(OUTCOME_UNKNOWN, "").rstrip(".")
    found = (f"the text is stored, as memory {rows[0][0]} (written before); whether this call updated its"
             " last_accessed is unknown") if rows else "it was not written (no memory has this content)"
    raise UnreachableError(f"{head}. Checked afterwards: {found}") from None


def prepare(content: Any, category: Any, source: Any, created_at: str | None = None,
            last_accessed: str | None = None) -> list[Any]:
    """Validate one entry and return its six upsert parameters (raises ValidationError); ``created_at``
    defaults to now, ``last_accessed`` to None (never accessed)."""
    content = validate.text(content, "content", max_chars=MAX_CONTENT_CHARS)
    validate.choice(category, "category", CATEGORIES)
    validate.choice(source, "source", SOURCES)
    return [content, content_hash(content), category, source, created_at or timestamps.now(), last_accessed]


class Memories:
    """The ``memory_entries`` table of one :class:`Database`."""

    def __init__(self, db: Database):
        self.db = db

    def store(self, content: str, category: str, source: str) -> tuple[MemoryEntry, bool]:
        """Store ``content`` unless it is already known; returns ``(entry, created)``.

        A duplicate (same hash of the trimmed, lower-cased text) is not inserted:
        its ``last_accessed`` is updated, as in the TypeScript app, and no id is used up.
        A remote write whose answer never came (:class:`UnreachableError`: the connection dropped
        after the retries, or the server's write lock looks stuck) is checked by reading the hash:
        the row this call inserted is returned as stored; otherwise the error says whether the text
        is stored (an older row) or not at all.
        """
        params = prepare(content, category, source)
        try:
            entry = MemoryEntry.from_row(_upsert_one(self.db.ready(), params))
        except UnreachableError as e:
            entry = _written_despite(self.db, params, e)
        return entry, entry.last_accessed is None

    def get(self, memory_id: int) -> MemoryEntry:
        memory_id = validate.row_id(memory_id)
        rows = self.db.ready().execute(f"SELECT {COLUMNS} FROM memory_entries WHERE id = ?", [memory_id]).rows
        if not rows:
            raise NotFoundError(f"no memory with id {memory_id}")
        return MemoryEntry.from_row(rows[0])

    def list(
        self,
        *,
        category: str | None = None,
        source: str | None = None,
        since: str | datetime | None = None,
        until: str | datetime | None = None,
        text: str | None = None,
        limit: int = 100,
        after_id: int | None = None,
    ) -> Rows:
        """Entries by id, filtered; page with ``after_id`` (the last id you saw; ids other clients
        wrote may be 0 or negative, so the first page has none).  ``text``: only those holding its words,
        as :meth:`search` matches them.

        Read in pages bounded by rows and bytes (:meth:`Database.pages`), so any ``limit`` fits
        the server's answer limits.  Unreadable rows: see :meth:`search`.
        """
        where, args = _filters(category, source, since, until)
        if text is not None:
            query, ranked = self._matching(text)
            where.append(f"id IN (SELECT rowid FROM {search.INDEX} WHERE {search.INDEX} MATCH ?)" if ranked is None
                         else "id IN (SELECT value FROM json_each(?))")
            args.append(query.match if ranked is None else json.dumps(ranked))
        if after_id is not None:
            where.append("id > ?")
            args.append(validate.row_id(after_id, "after_id"))
        return self._read(where, args, _limit(limit), key=("id",), descending=False)

    def search(self, text: str, *, category: str | None = None, limit: int = 20) -> Rows:
        """Entries holding every word and ``"quoted phrase"`` of ``text`` as whole words (``word*``: also the
        words it begins), case and accents ignored, best match first (BM25), then newest: the rules of
        :mod:`.search`.  A database without the search index is read whole instead (the same answer, slower;
        one :class:`~.search.SearchScanWarning`).  Text with no word in it (``"-"``, ``"*"``) finds nothing.

        Rows whose text cannot be read are left out and named in the result's ``unreadable``.
        Raises :class:`ValidationError` for text that is blank, over 1,000 characters, or not valid Unicode.
        """
        return self._find(text, category, _limit(limit))

    def recall(self, text: str | None = None, *, category: str | None = None, limit: int = 20) -> Rows:
        """Like :meth:`search`, and marks what it returns as accessed now.

        Read first (in bounded pages), then stamp: only the entries returned get
        ``last_accessed`` (one UPDATE of exactly their ids, answering only ids); a read
        that fails stamps nothing, an unreadable row is named, never touched, and an
        entry deleted in between is neither stamped nor returned.
        """
        found = self._find(text, category, _limit(limit))
        if not found:
            return found
        stamp = timestamps.now()
        rows = self.db.execute(
            "UPDATE memory_entries SET last_accessed = ? WHERE id IN (SELECT value FROM json_each(?)) RETURNING id",
            [stamp, json.dumps([e.id for e in found])], idempotent=True,
        ).rows
        stamped = {row[0] for row in rows}
        return Rows([replace(e, last_accessed=stamp) for e in found if e.id in stamped], found.unreadable)

    def _find(self, text: str | None, category: str | None, limit: int) -> Rows:
        """search/recall: the entries matching ``text``, best first, then newest (every entry if None).

        The ranking is one statement (one snapshot: paging by a score that moves as other clients write
        returned an id twice, or missed one), answering ids only; the rows are then read by id in chunks.
        """
        where, args = _filters(category, None, None, None)
        if text is None:
            return self._read(where, args, limit, key=_NEWEST, descending=True)
        query, ranked = self._matching(text)
        if ranked is None:
            ranked = search.best(self.db, query, " AND ".join(where), args, _AT, limit)
        found = Rows()
        for start in range(0, len(ranked), limit):  # the ranked ids in chunks, until ``limit`` pass the filters
            chunk = ranked[start:start + limit]
            page = self._read([*where, "id IN (SELECT value FROM json_each(?))"], [*args, json.dumps(chunk)],
                              len(chunk), key=("id",), descending=False)
            good, bad = {e.id: e for e in page}, {e.row_id: e for e in page.unreadable}
            for memory_id in chunk:
                if memory_id in good:
                    found.append(good[memory_id])
                elif memory_id in bad:
                    found.unreadable.append(bad[memory_id])
                if len(found) + len(found.unreadable) == limit:
                    return found
        return found

    def _matching(self, text: str) -> tuple[search.Query, list[int] | None]:
        """``text`` read as a query (:mod:`.search`), and None when the index answers it, else the ids of the
        entries matching it, best first, found by reading them all (said once; none for text without words)."""
        query = search.Query.parse(validate.text(text, "search text", max_chars=1_000))
        if not query.phrases:
            return query, []
        problem = search.index_problem(self.db.ready())
        if problem is None:
            return query, None
        search.warn_scan(problem)
        return query, search.scan(self.db, query, _AT)

    def _read(self, where: list[str], args: list[Any], limit: int, *, key: tuple[str, ...], descending: bool) -> Rows:
        columns = {c: c for c in _NAMES}
        if "_at" in key:  # order by the moment, whatever its spelling; unreadable dates (NULL) last
            columns["_at"] = _AT
        pages = self.db.ready().pages(
            "memory_entries", columns, " AND ".join(where) or "1", args, key=key, descending=descending, limit=limit,
        )
        return read_all((row for page in pages for row in page), MemoryEntry.from_row)

    def delete(self, memory_id: int) -> MemoryEntry:
        """Delete one entry and return it; :class:`NotFoundError` if there is none."""
        memory_id = validate.row_id(memory_id)
        rows = self.db.ready().execute(f"DELETE FROM memory_entries WHERE id = ? RETURNING {COLUMNS}", [memory_id]).rows
        if not rows:
            raise NotFoundError(f"no memory with id {memory_id}")
        return MemoryEntry.from_row(rows[0])

    def count(self) -> int:
        return int(self.db.ready().execute("SELECT count(*) FROM memory_entries").rows[0][0])


def _limit(limit: Any) -> int:
    return int(validate.positive_number(limit, "limit", maximum=100_000))


def _filters(category, source, since, until) -> tuple[list[str], list[Any]]:
    where, args = ["1 = 1"], []
    if category is not None:
        where.append("category = ?")
        args.append(validate.choice(category, "category", CATEGORIES))
    if source is not None:
        where.append("source = ?")
        args.append(validate.choice(source, "source", SOURCES))
    if since is not None:
        where.append(f"{_CREATED} >= ?")
        args.append(timestamps.ms(timestamps.parse(since)))
    if until is not None:
        where.append(f"{_CREATED} < ?")
        args.append(timestamps.ms(timestamps.parse(until)))
    return where, args
