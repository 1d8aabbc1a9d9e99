"""Search by words: what a query means, the full-text index that answers it, and the scan that stands in for it.

A query is words and ``"quoted phrases"``; a memory matches when it holds every one of them as whole words
(``tea`` does not find "team" or "teacher").  A word or phrase ending in ``*`` also matches the words it begins
(``tea*`` finds "teacher").  Nothing else is syntax: ``-``, ``NEAR``, ``AND``/``OR``/``NOT``, parentheses,
colons or an unbalanced quote are read as part of the words (:meth:`Query.parse` owns that reading, and
:attr:`Query.match` hands FTS5 only quoted strings, so no text is an FTS5 syntax error).  Words are compared
as SQLite FTS5's ``unicode61 remove_diacritics 2`` tokenizer makes them (sqlite.org/fts5.html, 4.3.1): split
at anything but letters and digits, Unicode case folded, accents removed ("Zürich" finds "zurich", "cafe"
finds "CAFÉ").  Results come best first by BM25 (FTS5's ``bm25()``, in billionths), then newest.

With migration 0006 the database answers from its index, ``jm_memory_fts`` (external content, kept in step
by triggers on ``memory_entries``, so every client's writes are indexed).  A database without it (made by the
TypeScript app and never migrated, read through a read-only connection) is scanned instead: every memory is
read and matched here with the same tokenizer (asked of SQLite's own FTS5, :class:`_Folding`) and the same
BM25 formula, so a query finds the same memories in the same order, only slower; a
:class:`SearchScanWarning` says so once.
"""

from __future__ import annotations

import math
import re
import sqlite3
import threading
import warnings
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from ..errors import AuthError, BusyError, DatabaseError, SchemaError, ServerError, UnreachableError
from . import migrations
from .migrations import MIGRATE_HINT
from .rows import UndecodableText

if TYPE_CHECKING:
    from .database import Database

INDEX = "jm_memory_fts"
TRIGGERS = ("jm_memory_fts_insert", "jm_memory_fts_delete", "jm_memory_fts_update")
TOKENIZER = "unicode61 remove_diacritics 2"
# Fill the index again from ``memory_entries`` (FTS5's 'rebuild' command, sqlite.org/fts5.html).
REBUILD = f"INSERT INTO {INDEX} ({INDEX}) VALUES ('rebuild')"
_K1, _B = 1.2, 0.75  # FTS5's bm25() constants (ext/fts5/fts5_aux.c)

_TRANSIENT = (AuthError, BusyError, ServerError, UnreachableError)  # the connection's or server's state, not the index's
_PART = re.compile(r'"([^"]*)"(\*?)|([^\s"]+)')  # a quoted phrase [then *], or a run of anything but space and quotes


class SearchScanWarning(UserWarning):
    """A database without the search index is searched by reading every memory (same results, slower)."""


@dataclass(frozen=True)
class Phrase:
    """Words that must follow each other; ``prefix``: the last one may be the beginning of a longer word."""

    text: str
    prefix: bool


@dataclass(frozen=True)
class Query:
    """A search as a user typed it, read into phrases (a bare word is a phrase of one word)."""

    phrases: tuple[Phrase, ...]

    @classmethod
    def parse(cls, text: str) -> Query:
        """Read ``text``: ``"…"`` is a phrase (an unbalanced quote is dropped), every other run of characters
        between spaces is a word; a trailing ``*`` on either asks for a prefix.  Never raises: whatever is
        not a quote or a trailing ``*`` is text that the tokenizer splits into words (or drops)."""
        phrases = []
        for quoted, star, bare in _PART.findall(text):
            if bare:
                words = bare.rstrip("*")
                quoted, star = words, "*" if words != bare else ""
            if quoted:
                phrases.append(Phrase(quoted, bool(star)))
        return cls(tuple(phrases))

    @property
    def match(self) -> str:
        """The FTS5 query: each phrase as an FTS5 string (it holds no ``"`` by construction), all required."""
        return " ".join(f'"{p.text}"' + "*" * p.prefix for p in self.phrases)


def index_problem(db: Database) -> str | None:
    """Why ``db``'s search index cannot answer (it is missing, or a trigger that keeps it in step is), or None."""
    found = {row[0] for row in db.execute(
        "SELECT name FROM sqlite_master WHERE name IN (?, ?, ?, ?)", [INDEX, *TRIGGERS]).rows}
    if INDEX not in found:
        return f"{db.settings.redacted_url} has no search index ({INDEX}, migration 0006_memory_fts) {MIGRATE_HINT}"
    missing = [t for t in TRIGGERS if t not in found]
    if missing:
        return (f"the search index of {db.settings.redacted_url} is not kept in step: trigger{'s' * (len(missing) > 1)}"
                f" {', '.join(missing)} {'are' if len(missing) > 1 else 'is'} missing (`drizzle-kit push` drops what the"
                f" app's schema does not declare) {MIGRATE_HINT}")
    return None


def check(db: Database) -> str:
    """What ``doctor`` says of the index, reading only: present with its triggers, readable (a ``MATCH`` opens
    it), and one entry per memory (counts and ids compared).

    Raises :class:`SchemaError` naming the problem.  The words are not compared: FTS5's ``integrity-check``
    (:func:`out_of_step`) is an INSERT, which a read-only connection refuses, so ``migrate`` runs it.
    """
    problem = index_problem(db)
    if problem:
        raise SchemaError(problem)
    try:  # an absent word still opens the index: its _config (version) and _data; _idx too, once it has words
        db.execute(f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH ? ORDER BY rank LIMIT 1", ['"jarvis"'])
    except _TRANSIENT:
        raise
    except DatabaseError as e:  # what the translation cannot tell is the index's ("SQL logic error")
        raise SchemaError(f"the search index {INDEX} cannot be read: {e} {MIGRATE_HINT}") from None
    memories, indexed, unindexed = db.execute(
        f"SELECT (SELECT count(*) FROM memory_entries), (SELECT count(*) FROM {INDEX}_docsize),"
        f" (SELECT count(*) FROM memory_entries WHERE id NOT IN (SELECT id FROM {INDEX}_docsize))").rows[0]
    if unindexed or indexed != memories:
        gone = indexed - memories + unindexed
        raise SchemaError(f"the search index {INDEX} is out of step: {unindexed:,} of {memories:,} memories not in"
                          f" it, {gone:,} {'entry' if gone == 1 else 'entries'} for memories that are gone {MIGRATE_HINT}")
    return (f"{INDEX}: {indexed:,} memories indexed, triggers in place; counts and ids match"
            " (`migrate` compares the words)")


def out_of_step(db: Database) -> str | None:
    """Why the index (present) does not hold exactly the words of ``memory_entries``, or None: FTS5's
    ``integrity-check`` with rank 1 (sqlite.org/fts5.html, "The 'integrity-check' Command") compares every
    row's words with the index (0.36–0.49 s at 100k memories of 5–30 words, a shared 2-core machine).  An
    INSERT that writes nothing: it needs a writable connection.  The one test of "in step";
    :func:`keep_in_step` acts on it.

    Rows edited while a trigger was missing, or replaced by another client (``REPLACE`` fires no delete
    trigger while ``recursive_triggers`` is off), keep their old words in the index; the counts stay right.
    """
    try:
        db.execute(f"INSERT INTO {INDEX} ({INDEX}, rank) VALUES ('integrity-check', 1)", idempotent=True)
    except _TRANSIENT:
        raise
    except (DatabaseError, SchemaError) as e:
        return f"the search index {INDEX} is out of step with memory_entries: {e}"
    return None


def keep_in_step(db: Database) -> bool:
    """Refill the index when :func:`out_of_step` finds it so; returns whether it did.

    The refill is FTS5's ``'rebuild'``.  An index that cannot even be opened for it (a shadow table dropped,
    its ``_config`` version changed: every insert of a memory then fails) first gets the shadow tables a new
    index has, with their rows (:func:`_fresh_storage`), in the same batch as the rebuild.  Raises
    :class:`SchemaError` when that fails too.
    """
    if out_of_step(db) is None:
        return False
    try:
        db.execute(REBUILD, idempotent=True)
    except _TRANSIENT:
        raise
    except (DatabaseError, SchemaError):
        present = {row[0] for row in db.execute(
            f"SELECT name FROM sqlite_master WHERE name IN ({', '.join('?' * len(_fresh_storage()))})",
            [name for name, _, _ in _fresh_storage()]).rows}
        statements: list[Any] = []
        for name, sql, rows in _fresh_storage():
            statements.append(f"DELETE FROM {name}" if name in present else sql)
            statements += [(f"INSERT INTO {name} VALUES ({', '.join('?' * len(row))})", list(row)) for row in rows]
        try:
            db.batch([*statements, REBUILD])
        except _TRANSIENT:
            raise
        except (DatabaseError, SchemaError) as e:
            raise SchemaError(f"the search index {INDEX} cannot be repaired (its shadow tables given a new"
                              f" index's, then 'rebuild'): {e}") from None
    return True


@cache
def _fresh_storage() -> tuple[tuple[str, str, tuple[tuple[Any, ...], ...]], ...]:
    """``(name, CREATE TABLE, rows)`` of each shadow table of a new, empty index, made here in memory from the
    migration's own statement: what FTS5 needs to open the index (``_config``'s version row, …)."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute(next(o.sql for o in migrations.owned() if o.name == INDEX))
        tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE name IN"
                              " (SELECT name FROM pragma_table_list WHERE type = 'shadow') ORDER BY name").fetchall()
        return tuple((name, sql, tuple(conn.execute(f"SELECT * FROM {name}").fetchall())) for name, sql in tables)
    finally:
        conn.close()


def best(db: Database, query: Query, where: str, args: list[Any], at_sql: str, limit: int) -> list[int]:
    """The ids of the ``limit`` best memories matching ``query`` and ``where`` (SQL on ``memory_entries``, with
    ``args``), found by the index in ONE statement, so in one snapshot whatever other clients write meanwhile.

    Best first as :func:`scan` ranks: BM25 in billionths (an integer, as the scan computes it), then ``at_sql``
    (newer is larger), then id.  FTS5 drives the join (CROSS JOIN keeps that order).
    """
    return [row[0] for row in db.execute(
        f"SELECT memory_entries.id FROM {INDEX} CROSS JOIN memory_entries ON memory_entries.id = {INDEX}.rowid"
        f" WHERE {INDEX} MATCH ? AND {where} ORDER BY CAST(-1e9 * bm25({INDEX}) AS INTEGER) DESC, {at_sql} DESC,"
        " memory_entries.id DESC LIMIT ?", [query.match, *args, limit]).rows]


def warn_scan(problem: str) -> None:
    """Say (once per database and process, as Python's warnings filter repeats) that a search reads every memory."""
    warnings.warn(f"{problem}; searching by reading every memory instead (same results, slower)",
                  SearchScanWarning, stacklevel=2)


def scan(db: Database, query: Query, at_sql: str) -> list[int]:
    """The ids of the memories matching ``query``, best first, found by reading every memory.

    Ranked as the index ranks: FTS5's BM25 over the whole table (rows, average length, documents holding
    each phrase), in billionths, then ``at_sql`` (an INTEGER expression: newer is larger), then id.
    """
    phrases = [(tuple(tokens(p.text)), p.prefix) for p in query.phrases]
    live = [p for p in phrases if p[0]]  # a phrase of no words is ignored, as FTS5 ignores it
    rows = total = 0
    holding = [0] * len(live)
    found: list[tuple[Any, Any, int, list[int]]] = []
    for page in db.pages("memory_entries", {"id": "id", "content": "content", "_at": at_sql}, key=("id",)):
        for memory_id, content, at in page:
            raw = content.raw if isinstance(content, UndecodableText) else content
            words = _FOLDING.words(raw) if isinstance(raw, bytes) else tokens(str(raw))
            rows, total = rows + 1, total + len(words)
            freq = [_instances(words, phrase, prefix) for phrase, prefix in live]
            for i, f in enumerate(freq):
                holding[i] += f > 0
            if live and all(freq):
                found.append((memory_id, at, len(words), freq))
    if not found:
        return []
    avgdl = total / rows
    idf = [math.log((rows - n + 0.5) / (n + 0.5)) for n in holding]
    idf = [x if x > 0.0 else 1e-6 for x in idf]
    ranked = sorted(((int(-1e9 * _bm25(freq, length, idf, avgdl)), at, memory_id)
                     for memory_id, at, length, freq in found), reverse=True)
    return [memory_id for _, _, memory_id in ranked]


def _bm25(freq: list[int], length: int, idf: list[float], avgdl: float) -> float:
    """``bm25()`` of one row, operation for operation as fts5_aux.c computes it (the same doubles)."""
    score = 0.0
    for f, weight in zip(freq, idf):
        score += weight * ((f * (_K1 + 1.0)) / (f + _K1 * (1 - _B + _B * length / avgdl)))
    return -1.0 * score


def _instances(words: list[str], phrase: tuple[str, ...], prefix: bool) -> int:
    """How many times ``phrase`` occurs in ``words`` (FTS5's phrase instances)."""
    *head, last = phrase
    if not prefix and last not in words:
        return 0
    if not head:
        return words.count(last) if not prefix else sum(w.startswith(last) for w in words)
    n = len(head)
    return sum(1 for j in range(len(words) - n)
               if words[j:j + n] == head and (words[j + n].startswith(last) if prefix else words[j + n] == last))


def tokens(text: str) -> list[str]:
    """The words FTS5's ``unicode61 remove_diacritics 2`` makes of ``text``: folded, accents removed."""
    return [word for word in text.translate(_FOLDING).split(" ") if word]


class _Folding(dict):
    """Code point -> what the tokenizer makes of it: the folded character, ``""`` (dropped: a combining
    accent) or ``" "`` (a separator).  Learnt on first sight from SQLite's own FTS5 in this process: no
    library exposes that tokenizer to Python, and its tables differ from Python's ``unicodedata`` (older
    Unicode, no Hangul decomposition, own accent list), so they are asked, not reimplemented.  The word
    ``q<c>q`` comes back as one token ``q<folded>q``, or as two (``q``, ``q``) when ``c`` separates."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._probe: sqlite3.Connection | None = None

    def __missing__(self, code: int) -> str:
        if 0xD800 <= code < 0xE000:  # a lone surrogate (text decoded leniently) is no letter
            return " "
        words = self.words(f"q{chr(code)}q")
        folded = words[0][1:-1] if len(words) == 1 else " "
        self[code] = folded
        return folded

    def words(self, text: str | bytes) -> list[str]:
        """The words SQLite's FTS5 makes of ``text``; bytes as SQLite reads TEXT that is not UTF-8 (a stray
        continuation byte is a character of its own, a bad sequence one character: no Python codec reads them
        so), its words decoded with ``surrogateescape`` (what is not UTF-8 matches no query word)."""
        with self._lock:
            if self._probe is None:
                probe = sqlite3.connect(":memory:", check_same_thread=False)
                probe.text_factory = lambda b: b.decode("utf-8", "surrogateescape")
                probe.execute(f"CREATE VIRTUAL TABLE probe USING fts5(x, tokenize='{TOKENIZER}')")
                probe.execute("CREATE VIRTUAL TABLE probe_words USING fts5vocab(probe, 'instance')")
                self._probe = probe
            self._probe.execute("INSERT INTO probe (rowid, x) VALUES (1, CAST(? AS TEXT))", [text])
            words = [w for (w,) in self._probe.execute("SELECT term FROM probe_words ORDER BY offset")]
            self._probe.execute("DELETE FROM probe")
        return words


_FOLDING = _Folding()
