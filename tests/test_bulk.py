"""Bulk import and export: same dedup as store, atomic chunks, rejected rows reported."""

import contextlib
import csv
import json
import sqlite3
import tracemalloc

import pytest

from jarvis_memory import Database, ValidationError
from jarvis_memory.store import bulk
from jarvis_memory.errors import FileError


def write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


GOOD = [
    {"content": "Likes jazz", "category": "preference", "source": "user_explicit"},
    {"content": "Lives in Lisbon", "category": "fact", "source": "user_explicit", "created_at": "2026-01-05T10:00:00.000Z"},
    {"content": "  likes JAZZ ", "category": "preference", "source": "jarvis_inferred"},  # duplicate in the same chunk
    {"content": "Runs on Sundays", "category": "pattern", "source": "jarvis_inferred"},
]


def test_import_jsonl_dedups_and_is_rerunnable(db, tmp_path):
    path = write_jsonl(tmp_path / "m.jsonl", GOOD)
    report = bulk.import_file(db, path, chunk_size=2)
    assert (report.read, report.new, report.duplicates, report.rejected, report.chunks) == (4, 3, 1, [], 2)
    again = bulk.import_file(db, path)
    assert (again.new, again.duplicates) == (0, 4)
    assert db.memories.count() == 3
    lisbon = db.memories.search("Lisbon")[0]
    assert lisbon.created_at == "2026-01-05T10:00:00.000Z"  # preserved


def test_bad_rows_are_reported_and_good_rows_kept(db, tmp_path):
    rows = [
        GOOD[0],
        "{not json",
        {"content": "", "category": "fact", "source": "user_explicit"},
        {"content": "ok", "category": "opinion", "source": "user_explicit"},
        {"content": "ok", "category": "fact", "source": "user_explicit", "created_at": "yesterday"},
        {"content": "nul\u0000", "category": "fact", "source": "user_explicit"},
        ["a", "list"],
        {"content": 5, "category": "fact", "source": "user_explicit"},
        GOOD[3],
    ]
    path = write_jsonl(tmp_path / "m.jsonl", rows)
    report = bulk.import_file(db, path)
    assert [r.line for r in report.rejected] == [2, 3, 4, 5, 6, 7, 8]
    assert "malformed JSON" in report.rejected[0].reason
    assert report.new == 2 and db.memories.count() == 2


def test_a_line_longer_than_any_row_is_rejected_without_being_held(db, tmp_path):
    """A JSON array on one line (the shape of sqlite-utils#360: a whole file parsed at once) held 3x its size
    before it was rejected; now a line past MAX_LINE_BYTES is read past in pieces, and the lines after it count on."""
    row = json.dumps(GOOD[0])
    longest = row + " " * (bulk.MAX_LINE_BYTES - len(row))  # JSON may end in spaces: exactly the longest line read
    array = json.dumps([GOOD[3]] * (20 * bulk.MAX_LINE_BYTES // len(json.dumps(GOOD[3]))))
    path = write_jsonl(tmp_path / "m.jsonl", [array, longest, longest + " ", GOOD[1]])
    tracemalloc.start()
    try:
        report = bulk.import_file(db, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [r.line for r in report.rejected] == [1, 3]
    assert report.rejected[0].reason.startswith(f"line is longer than {bulk.MAX_LINE_BYTES:,} bytes")
    assert report.new == 2 and sorted(m.content for m in db.memories.list()) == ["Likes jazz", "Lives in Lisbon"]
    assert peak < len(array) // 4, f"held {peak / len(array):.1f}x the long line"


def test_non_utf8_line_is_rejected(db, tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_bytes(json.dumps(GOOD[0]).encode() + b"\n" + b'{"content": "caf\xe9"}\n')
    report = bulk.import_file(db, path)
    assert [(r.line, r.reason) for r in report.rejected] == [(2, "line is not valid UTF-8")]


def test_import_csv(db, tmp_path):
    path = tmp_path / "m.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["content", "category", "source", "created_at"])
        writer.writerow(["Likes jazz, and blues", "preference", "user_explicit", ""])
        writer.writerow(['Says "hi"\nover two lines', "fact", "user_explicit", "2026-01-05T10:00:00.000Z"])
        writer.writerow(["Too", "many", "fields", "here", "extra"])
    report = bulk.import_file(db, path)
    assert report.new == 2 and len(report.rejected) == 1
    assert db.memories.search("two lines")[0].content == 'Says "hi"\nover two lines'


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("m.csv", "text,kind\nx,y\n", "header lacks"),
        ("m.txt", "whatever", "cannot tell the format"),
        ("missing.jsonl", None, "cannot read"),
    ],
)
def test_unusable_files_write_nothing(db, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    with pytest.raises(ValidationError, match=message):
        bulk.import_file(db, path)
    assert db.memories.count() == 0


@pytest.mark.parametrize("chunk_size", [0, -1, bulk.MAX_CHUNK + 1, "10", True])
def test_bad_chunk_size(db, tmp_path, chunk_size):
    with pytest.raises(ValidationError):
        bulk.import_file(db, write_jsonl(tmp_path / "m.jsonl", GOOD), chunk_size=chunk_size)


@pytest.mark.parametrize("fmt", bulk.FORMATS)
def test_export_round_trip(db, tmp_path, fmt):
    bulk.import_file(db, write_jsonl(tmp_path / "m.jsonl", GOOD))
    out = tmp_path / f"out.{fmt}"
    assert bulk.export(db, out, format=fmt).written == 3
    before = [e.content for e in db.memories.list()]
    db.execute("DELETE FROM memory_entries")
    report = bulk.import_file(db, out)
    assert report.new == 3 and [e.content for e in db.memories.list()] == before


def test_export_to_missing_folder_fails_cleanly(db, tmp_path):
    with pytest.raises(FileError, match="no folder"):
        bulk.export(db, tmp_path / "nope" / "out.jsonl")
    with pytest.raises(ValidationError):
        bulk.export(db, tmp_path / "out.xml", format="xml")


# -- export then import is a backup (issue "What other people's data, habits and tools do to it", cases 2, 3) --

TRICKY = {  # contents the store accepts that a writer or a reader of a format may mangle
    "bare CR": "Old Mac note\rsecond line",
    "CRLF": "Windows note\r\nsecond line",
    "LF": "Unix note\nsecond line",
    "ends with CR": "ends with a carriage return\r",
    "starts with LF": "\nstarts with a line feed",
    "quotes and commas": 'He said "hi, there", then left',
    "only quotes": '""',
    "spaces around": "  spaces before and after  ",
    "tabs": "\ttab\tseparated\t",
    "unicode": "Ünïcödé café Straße İstanbul",
    "astral": "emoji 😀 and music 𝄞",
    "formula": '=HYPERLINK("http://example.org")',
    "signs": "+1 -1 @user",
    "backslashes": "C:\\path\\ and \\N and \\",
    "separators": "one\u2028two\u2029three\x85four",
    "control characters": "\x0b\x0c\x1c\x1d\x1e\x1f kept",
    "BOM first": "\ufeffstarts with a BOM",
    "JSON-looking": '{"content": "not really"}',
    "longest": "é" * 10_000,
}
ROW = "SELECT content, content_hash, category, source, created_at, last_accessed FROM memory_entries"


def rows_of(path):
    """Every memory as stored (ids aside: an import renumbers), read from the file itself."""
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return sorted(conn.execute(ROW).fetchall())


def build(path, contents, accessed=()):
    """A database of ``contents`` created on days of 2025, the ones at the indexes ``accessed`` accessed in June."""
    with Database(path.as_uri()) as db:
        for i, content in enumerate(contents):
            db.memories.store(content, ("fact", "preference", "pattern")[i % 3], "user_explicit")
        db.execute("UPDATE memory_entries SET created_at = strftime('2025-01-01T%H:%M:%fZ', id * 61.25, 'unixepoch')")
        for i in accessed:
            db.execute("UPDATE memory_entries SET last_accessed = ? WHERE id = ?",
                       [f"2025-06-{i % 28 + 1:02}T08:00:00.{i:03}Z", i + 1])
    return path


@pytest.mark.parametrize("fmt", bulk.FORMATS)
@pytest.mark.parametrize("tricky", list(TRICKY))
def test_every_content_survives_export_then_import(tmp_path, tricky, fmt):
    source = build(tmp_path / "source.db", ["before it", TRICKY[tricky], "after it"])
    dump = tmp_path / f"dump.{fmt}"
    with Database(source.as_uri(), read_only=True) as db:
        bulk.export(db, dump, format=fmt)
    with Database((tmp_path / "fresh.db").as_uri()) as fresh:
        report = bulk.import_file(fresh, dump)
    assert (report.new, report.rejected) == (3, [])
    assert rows_of(tmp_path / "fresh.db") == rows_of(source)


@pytest.mark.parametrize("fmt", bulk.FORMATS)
def test_an_export_restores_its_times_and_reimporting_it_changes_nothing(db, db_path, tmp_path, fmt):
    """On every URL kind (import is the store's bulk upsert): a fresh restore keeps created_at and
    last_accessed, and importing the same export again neither stamps nor counts anything new."""
    contents = [f"memory {i}" for i in range(6)] + [TRICKY["bare CR"], TRICKY["astral"]]
    source = build(tmp_path / "source.db", contents, accessed=[0, 2, 6])
    dump = tmp_path / f"dump.{fmt}"
    with Database(source.as_uri(), read_only=True) as src:
        bulk.export(src, dump, format=fmt)
    first = bulk.import_file(db, dump, chunk_size=3)
    assert (first.new, first.duplicates, first.rejected) == (8, 0, [])
    assert rows_of(db_path) == rows_of(source)
    again = bulk.import_file(db, dump, chunk_size=3)
    assert (again.new, again.duplicates, again.rejected) == (0, 8, [])
    assert rows_of(db_path) == rows_of(source)


def test_a_memory_already_stored_keeps_the_later_last_accessed(db, db_path, tmp_path):
    """An older backup brought back over newer use keeps the newer times, and the newer backup's over older."""
    source = build(tmp_path / "source.db", ["memory 0", "memory 1", "memory 2"], accessed=[0, 1])
    dump = tmp_path / "dump.jsonl"
    with Database(source.as_uri(), read_only=True) as src:
        bulk.export(src, dump)
    bulk.import_file(db, dump)
    db.execute("UPDATE memory_entries SET last_accessed = '2025-07-01T00:00:00.000Z' WHERE content = 'memory 0'")
    db.execute("UPDATE memory_entries SET last_accessed = '2025-05-01T00:00:00.000Z' WHERE content = 'memory 1'")
    report = bulk.import_file(db, dump)
    assert (report.new, report.duplicates) == (0, 3)
    assert [r[5] for r in rows_of(db_path)] == ["2025-07-01T00:00:00.000Z", "2025-06-02T08:00:00.001Z", None]
