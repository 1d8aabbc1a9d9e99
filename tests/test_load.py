"""The analysis loader: every table, typed and parsed, from file: and remote URLs, never writing."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path

import adbc_driver_manager
import pandas as pd
import duckdb
import pytest

import jarvis_memory
from jarvis_memory import timestamps
from jarvis_memory.store import config
from jarvis_memory.errors import ConfigError, ReadOnlyError, SchemaError, UnreachableError
from jarvis_memory.analysis import decisions
from jarvis_memory.analysis.load import READS, TABLES, check_schema, load, open_file, read_pages, read_table
from jarvis_memory.analysis.quality import findings
from jarvis_memory.store import merge_batch
from jarvis_memory.store.merges import Merge
from conftest import KEYS, REMOTE_KINDS, TOKEN, served
from fault_proxy import FaultProxy
from sqld import Sqld

FIXTURE = Path(__file__).parent / "fixtures" / "jarvis-fixture.db"
TRUTH = json.loads(FIXTURE.with_name("jarvis-fixture.truth.json").read_text(encoding="utf-8"))
TIMESTAMPS = {"memory_entries": ("created_at", "last_accessed"), "sessions": ("started_at", "ended_at"),
              "daily_logs": ("timestamp",)}


@pytest.fixture(scope="module")
def ds():
    with load(FIXTURE.as_uri()) as dataset:
        yield dataset


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    path = tmp_path / "copy.db"
    shutil.copyfile(FIXTURE, path)
    return path


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _made_db(path: Path) -> Path:
    """A migrated database whose rows are written raw: known timestamps, leading NULLs, odd storage classes."""
    with jarvis_memory.Database(path.as_uri()) as db:
        db.migrate()
    conn = sqlite3.connect(path)
    rows = [(f"memory {i}", None, "fact", "user_explicit", "2026-08-01T00:00:00.000Z", None) for i in range(1, 2001)]
    rows += [
        ("utc", None, "fact", "user_explicit", "2026-08-03T10:00:00.123Z", "2026-08-04T00:00:00Z"),
        ("offset", None, "fact", "user_explicit", "2026-08-03T12:00:00.500+02:00", "2026-08-03T10:00:00.123456Z"),
        ("sqlite form", None, "fact", "user_explicit", "2026-08-03 10:00:00", "1785751200000"),
        ("locale form", None, "fact", "user_explicit", "03/08/2026", "2026-13-03T10:00:00.000Z"),
    ]
    conn.executemany("INSERT INTO memory_entries (content, content_hash, category, source, created_at, last_accessed)"
                     " VALUES (?, ?, ?, ?, ?, ?)", rows)
    conn.execute("INSERT INTO sessions (id, started_at) VALUES (1, '2026-08-03T10:00:00.000Z')")
    conn.executemany("INSERT INTO daily_logs (session_id, event_type, event_data, timestamp) VALUES (?, ?, ?, ?)", [
        (1, "memory_store", '{"memory_id":2001}', "2026-08-03T10:00:00.000Z"),
        (1, "message", "{not json", "2026-08-03T10:00:01.000Z"),
        (1, "message", b'{"from":"bytes"}', "2026-08-03T10:00:02.000Z"),  # a BLOB in a TEXT column
        (1, "message", None, "2026-08-03T10:00:03.000Z"),
    ])
    conn.commit()
    conn.close()
    return path


# -- the fixture ---------------------------------------------------------------------
def test_counts_match_the_database_and_truth(ds) -> None:
    conn = sqlite3.connect(f"{FIXTURE.as_uri()}?mode=ro", uri=True)
    direct = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    conn.close()
    assert ds.counts == direct == TRUTH["counts"]
    assert {t: ds.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES} == direct


def test_column_types_follow_the_contract(ds) -> None:
    def types(table: str) -> dict[str, str]:
        return dict(ds.con.execute(f"SELECT column_name, column_type FROM (DESCRIBE {table})").fetchall())

    tz = "TIMESTAMP WITH TIME ZONE"
    assert types("memory_entries") == {
        "id": "BIGINT", "content": "VARCHAR", "content_hash": "VARCHAR", "category": "VARCHAR", "source": "VARCHAR",
        "created_at": tz, "last_accessed": tz, "created_at_raw": "VARCHAR", "last_accessed_raw": "VARCHAR"}
    assert types("sessions") == {"id": "BIGINT", "started_at": tz, "ended_at": tz, "end_trigger": "VARCHAR",
                                 "summary": "VARCHAR", "started_at_raw": "VARCHAR", "ended_at_raw": "VARCHAR"}
    assert types("daily_logs") == {"id": "BIGINT", "session_id": "BIGINT", "event_type": "VARCHAR",
                                   "event_data": "JSON", "timestamp": tz, "timestamp_raw": "VARCHAR",
                                   "event_data_raw": "VARCHAR"}


def test_pandas_frames_are_utc_and_cached(ds) -> None:
    for frame, columns in ((ds.memories, ("created_at", "last_accessed")), (ds.sessions, ("started_at", "ended_at")),
                           (ds.events, ("timestamp",))):
        for column in columns:
            assert isinstance(frame[column].dtype, pd.DatetimeTZDtype) and str(frame[column].dtype.tz) == "UTC"
    assert ds.memories is ds.memories
    assert len(ds.events) == TRUTH["counts"]["daily_logs"]
    assert ds.memories["id"].is_monotonic_increasing


def test_bad_timestamps_are_read_as_every_reader_reads_them_and_keep_their_text(ds) -> None:
    """The fixture's planted spellings: SQLite's form and epoch numbers are instants, a locale date is NULL."""
    read = {True: 0, False: 0}
    for table, columns in TIMESTAMPS.items():
        bad = ", ".join(map(str, TRUTH["bad_timestamp_ids"][table]))
        for c in columns:
            rows = ds.con.execute(f"SELECT epoch_ms({c}), {c}_raw FROM {table} WHERE id IN ({bad})").fetchall()
            for parsed, raw in rows:
                assert parsed == timestamps.instant_ms(raw), raw
                read[parsed is not None] += raw is not None and not timestamps.is_iso(raw)
    assert read[True] and read[False]


def test_event_data_is_queryable_json(ds) -> None:
    stores = ds.con.execute(
        "SELECT count(*) FROM daily_logs WHERE event_type = 'memory_store' AND (event_data->>'memory_id') IS NOT NULL"
    ).fetchone()[0]
    assert stores == ds.con.execute("SELECT count(*) FROM daily_logs WHERE event_type = 'memory_store'").fetchone()[0] > 0
    missing = ds.sql(
        "SELECT e.id FROM daily_logs e LEFT JOIN memory_entries m ON m.id = (e.event_data->>'memory_id')::BIGINT"
        " WHERE e.event_type = 'memory_store' AND m.id IS NULL ORDER BY e.id")
    assert missing["id"].tolist() == TRUTH["missing_memory_event_ids"]
    invalid = ds.sql("SELECT id FROM daily_logs WHERE event_data IS NULL AND event_data_raw IS NOT NULL ORDER BY id")
    assert invalid["id"].tolist() == TRUTH["invalid_json_event_ids"]


def test_loaded_values_equal_the_stored_text(ds) -> None:
    conn = sqlite3.connect(f"{FIXTURE.as_uri()}?mode=ro", uri=True)
    stored = conn.execute("SELECT id, content, content_hash, created_at FROM memory_entries ORDER BY id").fetchall()
    conn.close()
    loaded = ds.con.execute("SELECT id, content, content_hash, created_at_raw FROM memory_entries ORDER BY id").fetchall()
    assert loaded == stored


def test_source_and_size(ds) -> None:
    assert ds.source == FIXTURE.as_uri()
    assert ds.database_bytes == FIXTURE.stat().st_size
    assert ds.loaded_seconds > 0


# -- parsing, from a hand-made database ------------------------------------------------
def test_timestamps_parse_to_utc_instants_only(tmp_path: Path) -> None:
    with load(_made_db(tmp_path / "made.db").as_uri()) as made:
        rows = made.con.execute(
            "SELECT content, created_at, last_accessed, created_at_raw, last_accessed_raw FROM memory_entries"
            " WHERE id > 2000 ORDER BY id").fetchall()
    utc = timezone.utc
    assert rows[0][1:3] == (datetime(2026, 8, 3, 10, 0, 0, 123000, utc), datetime(2026, 8, 4, tzinfo=utc))
    # the fraction truncated to whole ms, as every reader reads it (timestamps.instant_ms)
    assert rows[1][1:3] == (datetime(2026, 8, 3, 10, 0, 0, 500000, utc), datetime(2026, 8, 3, 10, 0, 0, 123000, utc))
    # SQLite's own form (UTC) and Date.now() are instants; locale and impossible dates are NULL, with the text kept
    assert rows[2][1:] == (datetime(2026, 8, 3, 10, tzinfo=utc), datetime(2026, 8, 3, 10, tzinfo=utc),
                           "2026-08-03 10:00:00", "1785751200000")
    assert rows[3][1:] == (None, None, "03/08/2026", "2026-13-03T10:00:00.000Z")


def test_columns_that_start_with_nulls_and_blobs_load(tmp_path: Path) -> None:
    with load(_made_db(tmp_path / "made.db").as_uri()) as made:
        assert made.counts == {"memory_entries": 2004, "sessions": 1, "daily_logs": 4}
        assert made.con.execute("SELECT count(*) FROM memory_entries WHERE last_accessed_raw IS NULL").fetchone()[0] == 2000
        events = made.con.execute("SELECT event_data->>'memory_id', event_data, event_data_raw FROM daily_logs ORDER BY id"
                                  ).fetchall()
    assert events[0][0] == "2001"
    assert events[1][1:] == (None, "{not json")
    assert events[2][1:] == ('{"from":"bytes"}', '{"from":"bytes"}')
    assert events[3][1:] == (None, None)


# -- never writes ------------------------------------------------------------------------
def test_loading_leaves_the_file_byte_for_byte_unchanged(fixture_copy: Path) -> None:
    before, files = _sha256(fixture_copy), sorted(p.name for p in fixture_copy.parent.iterdir())
    with load(fixture_copy.as_uri()) as dataset, pytest.raises(duckdb.Error):
        dataset.con.execute("DELETE FROM memory_entries")  # a view over DuckDB's Arrow data, never the database
    assert _sha256(fixture_copy) == before
    assert sorted(p.name for p in fixture_copy.parent.iterdir()) == files  # no -wal, -shm or -journal either


def test_a_write_through_the_loaders_connection_is_refused(fixture_copy: Path) -> None:
    before = _sha256(fixture_copy)
    with open_file(config.load(fixture_copy.as_uri())) as conn:
        cursor = conn.cursor()
        with pytest.raises(adbc_driver_manager.Error, match="readonly"):
            cursor.execute("DELETE FROM sessions")
        cursor.close()
    assert _sha256(fixture_copy) == before


def test_the_paging_connection_refuses_writes(fixture_copy: Path) -> None:
    with jarvis_memory.Database(fixture_copy.as_uri(), read_only=True) as db:
        with pytest.raises(ReadOnlyError):
            db.execute("DELETE FROM sessions")


# -- keyset pages --------------------------------------------------------------------------
@pytest.mark.parametrize("page_size", [1, 7, 60, 61, 10_000])
def test_pages_read_the_same_rows_as_the_file_reader(fixture_copy: Path, page_size: int) -> None:
    with open_file(config.load(fixture_copy.as_uri())) as conn:
        whole = {t: read_table(conn, t) for t in ("sessions", "memory_entries")}
    with jarvis_memory.Database(fixture_copy.as_uri(), read_only=True) as db:
        for table, expected in whole.items():
            assert read_pages(db, table, page_size=page_size).equals(expected)


@pytest.mark.parametrize("kind", REMOTE_KINDS)
def test_remote_load_equals_file_load(fixture_copy: Path, kind: str, ds, tmp_path: Path) -> None:
    with Sqld(tmp_path / "sqld", keys=KEYS, seed=fixture_copy) as server:
        url = server.url(kind)
        with load(url, auth_token=TOKEN, page_size=97) as remote:
            assert remote.counts == ds.counts
            assert remote.source == url
            assert remote.database_bytes > 0
            for table in TABLES:
                query = f"SELECT * FROM {table} ORDER BY id"
                assert remote.sql(query).equals(ds.sql(query)), table


def test_a_snapshot_reads_one_state_while_another_connection_writes(db, url, token) -> None:
    """Database.snapshot: the reads of the block see the state of its first read, on every URL kind."""
    for i in range(3):
        db.memories.store(f"memory {i}", "fact", "user_explicit")
    with jarvis_memory.Database(url, token, read_only=True) as reader, reader.snapshot():
        before = reader.execute("SELECT count(*) FROM memory_entries").rows[0][0]
        db.memories.store("written meanwhile", "fact", "user_explicit")  # a writer is not held up
        db.execute("DELETE FROM memory_entries WHERE content = 'memory 0'")
        assert db.execute("SELECT count(*) FROM memory_entries").rows[0][0] == before
        assert [reader.execute("SELECT count(*) FROM memory_entries").rows[0][0] for _ in range(3)] == [before] * 3
    with jarvis_memory.Database(url, token, read_only=True) as reader:
        assert reader.execute("SELECT count(*) FROM memory_entries").rows[0][0] == before
    with pytest.raises(ConfigError, match="a snapshot reads only"), db.snapshot():
        pass


@pytest.mark.parametrize("kind", REMOTE_KINDS)
def test_a_paged_load_is_one_snapshot_while_merges_are_applied(kind: str, server, monkeypatch) -> None:
    """Issue 23: merges applied between two pages of memory_entries were seen in the later pages only, and the log
    was cut at the merges there were when the read began: removed memories were in neither, exit 0."""
    url = server.url(kind)
    with jarvis_memory.Database(url, TOKEN) as writer:
        writer.migrate()
        rows = [writer.memories.store(f"memory {i}", "fact", "user_explicit")[0] for i in range(40)]
        merging = [Merge(b.id, a.id, "exact", 1.0, b.content_hash, a.content_hash)
                   for a, b in zip(rows[::2], rows[1::2])]
        pages = jarvis_memory.Database.pages

        def merged_after_the_first_page(self, table, *args, **kwargs):  # another client's apply, between two pages
            for n, page in enumerate(pages(self, table, *args, **kwargs)):
                yield page
                if table == "memory_entries" and n == 0:
                    assert len(merge_batch.apply(writer, merging).merged) == 20

        monkeypatch.setattr(jarvis_memory.Database, "pages", merged_after_the_first_page)
        with load(url, auth_token=KEYS.read_only, replica=False, page_size=10) as ds:  # reads need no more
            memories = set(ds.sql("SELECT id FROM memory_entries")["id"])
            log = decisions.log(ds)
        assert writer.execute("SELECT count(*) FROM memory_entries").rows[0][0] == 20  # the apply did happen
    assert memories == {r.id for r in rows} and log.empty  # the state when the read began, whole


@pytest.mark.parametrize("kind", REMOTE_KINDS)
def test_a_paged_load_that_loses_its_connection_starts_over_then_says_so(kind, fixture_copy, ds, tmp_path,
                                                                        monkeypatch) -> None:
    """The transaction goes with the connection, so a page is never asked again elsewhere: the read starts over."""
    with Sqld(tmp_path / "sqld", keys=KEYS, seed=fixture_copy) as sqld, \
            FaultProxy(sqld.http_url, sqld.legacy_ws_url if kind == "ws-legacy" else None) as proxy:
        url = proxy.http_url if kind == "http" else proxy.ws_url
        drops: list[int] = []
        pages = jarvis_memory.Database.pages

        def dropped_after_the_first_page(self, table, *args, **kwargs):
            for n, page in enumerate(pages(self, table, *args, **kwargs)):
                yield page
                if table == "memory_entries" and n == 0 and drops:
                    proxy.faults.drop_next(kind="execute", count=drops.pop())

        monkeypatch.setattr(jarvis_memory.Database, "pages", dropped_after_the_first_page)
        drops[:] = [1]
        with load(url, auth_token=TOKEN, replica=False, page_size=50) as remote:
            assert remote.counts == ds.counts
            query = "SELECT * FROM memory_entries ORDER BY id"
            assert remote.sql(query).equals(ds.sql(query))
        drops[:] = [1] * READS
        with pytest.raises(UnreachableError, match=f"lost its connection {READS} times"):
            load(url, auth_token=TOKEN, replica=False, page_size=50)


@pytest.mark.slow
def test_a_paged_load_whose_http_stream_expired_starts_over(fixture_copy, ds, tmp_path, monkeypatch) -> None:
    """sqld drops an HTTP stream, and its transaction, 10 s after its last answer: the read starts over."""
    pauses = [11.0]
    pages = jarvis_memory.Database.pages

    def paused_after_the_first_page(self, table, *args, **kwargs):
        for n, page in enumerate(pages(self, table, *args, **kwargs)):
            yield page
            if table == "memory_entries" and n == 0 and pauses:
                time.sleep(pauses.pop())

    monkeypatch.setattr(jarvis_memory.Database, "pages", paused_after_the_first_page)
    with Sqld(tmp_path / "sqld", keys=KEYS, seed=fixture_copy) as sqld, \
            load(sqld.url("http"), auth_token=TOKEN, replica=False, page_size=50) as remote:
        assert remote.counts == ds.counts and not pauses


# -- bad input -------------------------------------------------------------------------------
@pytest.mark.parametrize("url", ["postgres://db.example.com/x", "file:", "libsql://", "http://[::1"])
def test_unsupported_or_malformed_urls(url: str) -> None:
    with pytest.raises(ConfigError):
        load(url)


def test_missing_file_names_the_redacted_url(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.db"
    with pytest.raises(ConfigError, match="no database at") as caught:
        load(f"{missing.as_uri()}?authToken=sekrit-123")
    assert missing.as_uri() in str(caught.value) and "sekrit" not in str(caught.value)
    assert not missing.exists()


def test_a_database_without_the_tables_is_a_schema_error(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.close()
    with pytest.raises(SchemaError, match="not a memory database: it has no memory_entries, sessions, daily_logs tables"):
        load(path.as_uri())


def test_a_table_missing_a_column_is_a_schema_error(fixture_copy: Path) -> None:
    conn = sqlite3.connect(fixture_copy)
    conn.execute("ALTER TABLE sessions DROP COLUMN summary")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaError, match="table sessions .* lacks columns summary"):
        load(fixture_copy.as_uri())


def test_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(SchemaError, match="is not a readable SQLite database: .*file is not a database"):
        load(path.as_uri())


@pytest.mark.parametrize("kind", ["file", "ws", "http"])
def test_a_decision_table_missing_a_column_reads_it_as_null_and_says_so(kind, fixture_copy, tmp_path) -> None:
    """Issue 23: with jm_memory_merges.score dropped, every report failed (exit 6, "lacks columns score"), even
    session_summary, which never reads merges.  The decision tables are optional: their missing columns read as
    NULL, named in the data-quality findings; the memory tables keep their strict check (the test above)."""
    with jarvis_memory.Database(fixture_copy.as_uri()) as db:
        db.migrate()
        a, b, c = db.memories.list(limit=3)
        done = merge_batch.apply(db, [Merge(x.id, a.id, "exact", 0.9, x.content_hash, a.content_hash) for x in (b, c)])
    conn = sqlite3.connect(fixture_copy)
    conn.execute("ALTER TABLE jm_memory_merges DROP COLUMN score")
    conn.commit()
    conn.close()
    with served(kind, tmp_path, fixture_copy) as (url, token, _):
        with jarvis_memory.Database(url, token, read_only=True) as db:
            assert "score" not in check_schema(db)["jm_memory_merges"]  # what a report checks before its kernel
        with load(url, auth_token=token, replica=False if kind == "http" else None) as ds:
            log = decisions.log(ds)
            found = findings(ds)
            counts = ds.counts
    assert sorted(log["merge_id"]) == sorted(done.merged) and log["score"].isna().all()
    assert set(log["removed_id"]) == {b.id, c.id} and (log["survivor_id"] == a.id).all()
    missing = found[found["column"] == "jm_memory_merges.score"]
    assert set(missing["problem"]) == {"column missing (read as NULL)"} and sorted(missing["id"]) == sorted(done.merged)
    assert counts["memory_entries"] == TRUTH["counts"]["memory_entries"] - 2


@pytest.mark.parametrize("kind", REMOTE_KINDS)
def test_text_that_is_not_utf8_is_read_in_pages_as_the_file_reader_reads_it(kind, fixture_copy, tmp_path) -> None:
    """Issue 23: sqld cannot put such a text in an answer (http: "HTTP status 500: invalid utf-8 sequence", ws: the
    connection dropped), so the paged read failed while the replica and file: read it as U+FFFD and named it."""
    with jarvis_memory.Database(fixture_copy.as_uri()) as db:
        db.migrate()
        a, b = db.memories.list(limit=2)
        merge_batch.apply(db, [Merge(b.id, a.id, "exact", 1.0, b.content_hash, a.content_hash)])
    conn = sqlite3.connect(fixture_copy)
    for sql in ("UPDATE memory_entries SET content = CAST(x'41ff42' AS TEXT) WHERE id = 7",
                "UPDATE memory_entries SET source = CAST(x'c3' AS TEXT) WHERE id = 8",  # a sequence cut short
                "UPDATE sessions SET summary = 'caf' || CAST(x'e9' AS TEXT) WHERE id = 3",  # Latin-1
                "UPDATE daily_logs SET event_type = CAST(x'00ff' AS TEXT) WHERE id = 5",  # after a NUL
                "UPDATE jm_memory_merges SET content = CAST(x'80' AS TEXT) || 'é 🙂'"):
        conn.execute(sql)
    conn.commit()
    conn.close()
    with load(fixture_copy.as_uri()) as local:
        expected = {t: local.sql(f"SELECT * FROM {t} ORDER BY 1") for t in (*TABLES, "jm_memory_merges")}
        named = local.sql("SELECT * FROM unreadable_values ORDER BY ALL")
    with served(kind, tmp_path, fixture_copy) as (url, token, _), \
            load(url, auth_token=token, replica=False, page_size=50) as remote:
        for table, frame in expected.items():
            assert remote.sql(f"SELECT * FROM {table} ORDER BY 1").equals(frame), table
        assert remote.sql("SELECT * FROM unreadable_values ORDER BY ALL").equals(named)
    assert len(named) == 5 and expected["memory_entries"].set_index("id").loc[7, "content"] == "A\ufffdB"
