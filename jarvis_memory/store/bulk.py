"""Bulk import and export of memory entries (JSON Lines or CSV).

Import goes through the same dedup upsert as :meth:`Memories.store`, one
multi-row statement per chunk: a chunk is in whole or not at all on every URL
kind, so an interrupted import is completed by running it again.  Bad rows are
reported with their line number and reason; the good ones are kept.  An import
restores what an export wrote: ``created_at`` and ``last_accessed`` as they were (a
memory already stored keeps the later ``last_accessed`` of the two; nothing is stamped
now), so export then import is a backup of the memories (ids are renumbered).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .. import timestamps
from ..errors import UnreadableRowError, ValidationError
from ..files import check_output, write_file
from . import memories
from .rows import text_values

if TYPE_CHECKING:
    from .database import Database

FORMATS = ("jsonl", "csv")
FIELDS = ["id", "content", "content_hash", "category", "source", "created_at", "last_accessed"]
MAX_CHUNK = 5_000  # 5 parameters a row, under SQLite's 32,766 parameter limit
CHUNK_BYTES = 2_000_000  # a chunk's content in UTF-8: the request stays far below sqld's and aiohttp's limits
# The longest JSON Lines line read: a memory's row is far shorter (content at most memories.MAX_CONTENT_CHARS
# UTF-16 units, 6 bytes each as a JSON escape, ~60 KB; the rest leaves room for fields an import ignores).  A longer
# line (a JSON array, a whole export on one line) is rejected without being held: read whole, it took 3x its size.
MAX_LINE_BYTES = 2**20


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str


@dataclass
class ExportReport:
    """What :func:`export` wrote, and the rows it skipped because they could not be read (named by id)."""

    written: int = 0
    unreadable: list[UnreadableRowError] = field(default_factory=list)


@dataclass
class ImportReport:
    read: int = 0
    new: int = 0
    duplicates: int = 0
    chunks: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read, "new": self.new, "duplicates": self.duplicates, "chunks": self.chunks,
            "rejected": [{"line": r.line, "reason": r.reason} for r in self.rejected],
        }


def detect_format(path: Path, given: str | None) -> str:
    if given is not None:
        if given not in FORMATS:
            raise ValidationError(f"format must be one of {', '.join(FORMATS)}; got {given!r}")
        return given
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("jsonl", "ndjson", "json"):
        return "jsonl"
    if suffix == "csv":
        return "csv"
    raise ValidationError(f"cannot tell the format of {path.name}: name it .jsonl or .csv, or pass a format")


def import_file(
    db: Database,
    path: str | Path,
    *,
    format: str | None = None,
    chunk_size: int = 1_000,
    progress: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Import entries from ``path``; returns counts of new, duplicate and rejected rows."""
    path = Path(path)
    fmt = detect_format(path, format)
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or not 1 <= chunk_size <= MAX_CHUNK:
        raise ValidationError(f"chunk size must be an integer from 1 to {MAX_CHUNK}; got {chunk_size!r}")
    handle = _open(path)
    if fmt == "csv":  # a CSV error can end the file part-way: find it before any chunk is written
        piped = not path.is_file()
        if piped:  # a pipe (/dev/stdin, a FIFO) can be read once: keep its bytes for the second pass
            with handle:
                data = handle.read()
            handle = io.BytesIO(data)
        with handle:
            for _ in _records(handle, fmt):
                pass
        handle = io.BytesIO(data) if piped else _open(path)
    db.ready()
    report = ImportReport()
    chunk: list[list[Any]] = []
    size = 0
    with handle:
        for line, record in _records(handle, fmt):
            report.read += 1
            try:
                params = _params(record)
            except ValidationError as e:
                report.rejected.append(Rejected(line, str(e)))
                continue
            chunk.append(params)
            size += len(params[0].encode("utf-8", "surrogatepass"))
            if len(chunk) == chunk_size or size >= CHUNK_BYTES:
                _write_chunk(db, chunk, report, progress)
                chunk, size = [], 0
    if chunk:
        _write_chunk(db, chunk, report, progress)
    return report


def _open(path: Path) -> IO[bytes]:
    """The import file, in bytes, after its UTF-8 byte order mark if it starts with one (Notepad and Excel's
    "CSV UTF-8" write one; a JSON parser may ignore it, RFC 8259 section 8.1).  Raises ValidationError."""
    try:
        handle = path.open("rb")
    except OSError as e:
        raise ValidationError(f"cannot read {path}: {e.strerror}") from None
    if handle.peek(len(codecs.BOM_UTF8)).startswith(codecs.BOM_UTF8):
        handle.read(len(codecs.BOM_UTF8))
    return handle


def _params(record: Any) -> list[Any]:
    if isinstance(record, ValidationError):
        raise record
    if not isinstance(record, dict):
        raise ValidationError("row is not an object with content, category and source")
    created_at, last_accessed = (_moment(record, name) for name in ("created_at", "last_accessed"))
    return memories.prepare(record.get("content"), record.get("category"), record.get("source"), created_at,
                            last_accessed)


def _moment(record: dict[str, Any], name: str) -> str | None:
    """``record[name]`` as a time in the shared form, None if absent or empty (an empty CSV cell: no time)."""
    value = record.get(name)
    if value is None or value == "":
        return None
    if not timestamps.is_iso(value):  # 0, false, [] are no time either
        raise ValidationError(f"{name} {value!r} is not in toISOString() form (2026-02-02T09:30:00.123Z)")
    return value


def _write_chunk(db: Database, chunk: list[list[Any]], report: ImportReport, progress: Any) -> None:
    unique: dict[str, list[Any]] = {}
    for params in chunk:  # a memory repeated in the chunk is sent once, with the later last_accessed
        first = unique.setdefault(params[1], params)
        first[5] = memories.later(first[5], params[5])
    # The answer holds one id per stored row, not the rows; a retry leaves its own first write out of them.
    stored, _ = memories.upsert(db, list(unique.values()), returning="id", restore=True)
    new = len(unique) - len(stored)
    report.new += new
    report.duplicates += len(chunk) - new
    report.chunks += 1
    if progress is not None:
        progress(report)


def _records(handle: IO[bytes], fmt: str) -> Iterator[tuple[int, Any]]:
    if fmt == "jsonl":
        for number, raw in enumerate(_lines(handle), start=1):
            if raw is None:
                yield number, ValidationError(f"line is longer than {MAX_LINE_BYTES:,} bytes, more than any memory's "
                                              "row: JSON Lines holds one object a line (not a JSON array)")
                continue
            if not raw.strip():
                continue
            try:
                yield number, json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield number, ValidationError("line is not valid UTF-8")
            except json.JSONDecodeError as e:
                yield number, ValidationError(f"malformed JSON: {e.msg} at column {e.colno}")
            except RecursionError:
                yield number, ValidationError("JSON nested too deeply")
            except ValueError as e:  # an integer over Python's 4,300-digit conversion limit
                yield number, ValidationError(f"unusable JSON: {e}")
        return
    try:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        reader = csv.DictReader(text, strict=True)  # an unclosed quote is an error, not a field to the end
        header = reader.fieldnames or []
    except UnicodeDecodeError:
        raise ValidationError("the CSV file is not valid UTF-8") from None
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise ValidationError(f"the CSV header repeats {', '.join(repeated)}: which column is meant is unclear")
    missing = {"content", "category", "source"} - set(header)
    if missing:
        raise ValidationError(f"the CSV header lacks {', '.join(sorted(missing))} (has: {', '.join(header) or 'nothing'})")
    start = reader.line_num + 1  # the line the next record starts on
    try:
        for row in reader:
            if None in row:
                yield start, ValidationError("row has more fields than the header")
            else:
                yield start, row
            start = reader.line_num + 1
    except UnicodeDecodeError:
        raise ValidationError(f"the CSV file is not valid UTF-8 after line {reader.line_num}") from None
    except csv.Error as e:
        if "unexpected end of data" in str(e) or "EOF" in str(e):
            raise ValidationError(f"malformed CSV: the quoted field opened on line {start} is never closed") from None
        raise ValidationError(f"malformed CSV at line {start}: {e}") from None


def _lines(handle: IO[bytes]) -> Iterator[bytes | None]:
    """Each line of ``handle`` (bytes, with its newline), or None for one longer than :data:`MAX_LINE_BYTES`,
    read past in pieces of that size, never held whole."""
    while raw := handle.readline(MAX_LINE_BYTES + 1):
        if len(raw) <= MAX_LINE_BYTES or raw.endswith(b"\n"):
            yield raw
            continue
        while raw and not raw.endswith(b"\n"):
            raw = handle.readline(MAX_LINE_BYTES)
        yield None


def iter_entries(db: Database, page_size: int = 1_000) -> Iterator[dict[str, Any]]:
    """All entries by id, read in keyset pages bounded by rows and bytes (:meth:`Database.pages`)."""
    for page in db.ready().pages("memory_entries", {c: c for c in FIELDS}, page_rows=page_size):
        for row in page:
            yield dict(zip(FIELDS, row))


def export(db: Database, out: str | Path | None = None, *, format: str = "jsonl") -> ExportReport:
    """Write every readable entry to ``out`` or, for None, stdout (see :func:`files.write_file`).

    A row whose text cannot be read (not UTF-8) is skipped and named in the report;
    a BLOB holding UTF-8 text is written as that text.  Raises :class:`FileError`, also
    before writing anything when ``out`` (or stdout) is ``db``'s own file (:func:`files.check_output`).
    """
    if format not in FORMATS:
        raise ValidationError(f"format must be one of {', '.join(FORMATS)}; got {format!r}")
    if out is None:
        check_output(sys.stdout, db.settings.path)
        return _write(db, sys.stdout, format)
    return write_file(out, lambda handle: _write(db, handle, format), database=db.settings.path)


def _write(db: Database, handle: IO[str], format: str) -> ExportReport:
    report = ExportReport()
    if format == "csv":
        # Every field quoted: the csv module's minimal quoting left a bare "\r" unquoted with a "\n" line end
        # before Python 3.11.9 (CPython gh-67044), and a reader takes that "\r" for the end of the row.
        writer = csv.DictWriter(handle, fieldnames=FIELDS, lineterminator="\n", quoting=csv.QUOTE_ALL)
        writer.writeheader()
        write = writer.writerow
    else:
        def write(entry: dict[str, Any]) -> None:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    names = tuple(FIELDS)
    for entry in iter_entries(db):
        try:
            values = text_values("memory_entries", names, tuple(entry[f] for f in names))
        except UnreadableRowError as e:
            report.unreadable.append(e)
            continue
        write(dict(zip(names, values)))
        report.written += 1
    return report

