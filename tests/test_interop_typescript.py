"""Interoperability with the TypeScript app on one database.

The TypeScript side is ``tests/interop``: the seed's Drizzle schema, its
generated migration (byte for byte the reference DDL) and a CLI over its data
layer (``src/app.ts``, one JSON document per command; ``script`` runs several).

Both apps share one SQLite file directly (``file:``), or both go through the
real libSQL server, sqld, with the same URL and JWT: ``ws:`` on its HTTP port,
``ws:`` on its legacy WebSocket port, or ``http:`` (Python through libsql-client,
the TypeScript app through ``@libsql/client``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import jarvis_memory
from conftest import TOKEN, URL_KINDS
from jarvis_memory.store import search
from jarvis_memory.store.hashing import content_hash

pytestmark = pytest.mark.interop

INTEROP = Path(__file__).parent / "interop"
ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")

# Non-ASCII case and white space, all in Unicode 14 (Python 3.11's tables): case
# mappings added later differ between Python and Node's ICU by design.
HASH_INPUTS = [
    "İstanbul", "DİYARBAKIR", "ı", "I", "ΟΔΟΣ", "Σ", "ΑΣ.", "ΑΣ\u0301", "ΑΣΑ", "Σ Σ",
    "Straße", "ẞ", "ﬃ", "ǅ", "Ǆ", "ǈ", "Ω", "K", "Å", "Ⅻ", "Ⓐ",
    "ᏣᎳᎩ", "ꭰ", "ᲐᲑᲒ", "𐐀", "𞤀",
    "E\u0301COLE", "cafe\u0301", "\u00a0x\u3000", "\ufeffhi\u2028", "x\u0085", "\u180e",
    "\u180ex\u180e", "\u1680ogham\u2029", "\u202f\u205f\u2000\u2005\u200a", "\u200bzero width\u200b",
    "👍🏽 Party 🎉", "👨‍👩‍👧", "\t Mixed\nCase\r\n Text \v\f", "", "   ",
]


@pytest.fixture(scope="module")
def node() -> str:
    node = shutil.which("node")
    if not node:
        pytest.skip("node must be on PATH to run the TypeScript app")
    if not (INTEROP / "node_modules" / ".package-lock.json").exists():  # written last by npm
        pytest.skip("the TypeScript app's packages are not installed: `make interop` (a step of `make test`)"
                    " runs `npm ci` in tests/interop; the tests install nothing into the checkout")
    return node


@pytest.fixture(params=URL_KINDS)
def transport(request: pytest.FixtureRequest) -> str:
    """How both apps reach the database (a ``url_kind``)."""
    return request.param


@pytest.fixture
def db_path(transport: str, tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """The SQLite file both apps share: directly, or the one sqld serves (read here, never written)."""
    return tmp_path / "jarvis.db" if transport == "file" else request.getfixturevalue("server").db_file


@pytest.fixture
def urls(transport: str, db_path: Path, request: pytest.FixtureRequest) -> tuple[str, str, str | None]:
    """(Python's URL, the TypeScript app's URL, the token), all on ``db_path``."""
    if transport == "file":
        return f"file:{db_path}", f"file:{db_path}", None
    url = request.getfixturevalue("server").url(transport)
    return url, url, TOKEN


@pytest.fixture
def ts(node: str, urls):
    """Run one command of the TypeScript app; returns its JSON output.

    ``ts("script", stdin=[...])`` runs several commands in one Node process.
    """
    env = {**os.environ, "DATABASE_URL": urls[1]}
    env.pop("DATABASE_AUTH_TOKEN", None)
    if urls[2]:
        env["DATABASE_AUTH_TOKEN"] = urls[2]

    def run(*args: str, stdin: object = None) -> object:
        done = subprocess.run(
            [node, "--import", "tsx", "src/app.ts", *args],
            cwd=INTEROP, env=env, input=None if stdin is None else json.dumps(stdin),
            capture_output=True, text=True, encoding="utf-8", timeout=60,
        )
        assert done.returncode == 0, f"app.ts {args[0]} failed: {done.stderr}"
        return json.loads(done.stdout)

    return run


@pytest.fixture
def db(urls):
    db = jarvis_memory.Database(urls[0], urls[2])
    yield db
    db.close()


def reference_ddl() -> dict[str, str]:
    """The reference DDL (drizzle-kit's output for the seed), by object name."""
    sql = (INTEROP / "drizzle" / "0000_initial.sql").read_text(encoding="utf-8")
    statements = [s.strip().rstrip(";") for s in sql.split("--> statement-breakpoint")]
    return {re.search(r"`(\w+)`", s).group(1): s for s in statements}


def schema_of(path: Path) -> dict[str, str]:
    """The three tables and their indexes in sqlite_master, minus this package's own `jm_` indexes."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        rows = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE tbl_name IN ('memory_entries', 'sessions', 'daily_logs')"
            " AND name NOT LIKE 'jm\\_%' ESCAPE '\\'"
        ).fetchall()
    return dict(rows)


@pytest.mark.parametrize("first", ["typescript", "python"])
def test_both_apps_share_schema_and_rows(first, db_path, ts, db):
    # (a)/(b) Either app migrates first; the other's migrations then adopt the schema.
    if first == "typescript":
        ts("migrate")
        db.migrate()
    else:
        db.migrate()
    # (c) TypeScript migrates again, then writes (one Node process); Python reads.
    ts_data = {"text": "ünïcödé ✓ 🎉", "nested": {"list": [1, 2.5, None, True]}}
    _, _, (tea, home), started, _, _ = ts("script", stdin=[
        {"cmd": "migrate"},
        {"cmd": "migrate"},
        {"cmd": "store-many", "input": [
            {"content": "Prefers green tea", "category": "preference", "source": "user_explicit"},
            {"content": "Lives in İstanbul", "category": "fact", "source": "jarvis_inferred"},
        ]},
        {"cmd": "start-session"},
        {"cmd": "log-event", "args": ["$3.id", "memory_store", json.dumps(ts_data)]},
        {"cmd": "end-session", "args": ["$3.id", "explicit", "Tea talk"]},
    ])
    assert db.migrate() == []
    assert schema_of(db_path) == reference_ddl()
    ts_session = started["id"]

    for row in (tea, home):
        entry = db.memories.get(row["id"])
        assert (entry.content, entry.content_hash, entry.category, entry.source, entry.created_at) == (
            row["content"], row["contentHash"], row["category"], row["source"], row["createdAt"]
        )
        assert entry.content_hash == content_hash(row["content"])
    session = db.sessions.get(ts_session)
    assert (session.end_trigger, session.summary) == ("explicit", "Tea talk")
    [event] = db.events.list(session_id=ts_session)
    assert (event.event_type, event.data) == ("memory_store", ts_data)

    # (c) Python writes; (d) the same content from both apps is one row.
    again, created = db.memories.store("  PREFERS GREEN TEA\n", "preference", "user_explicit")
    assert (again.id, created) == (tea["id"], False)
    mine, created = db.memories.store("Walks at dawn", "pattern", "jarvis_inferred")
    assert created
    py_session = db.sessions.start()
    py_data = {"memory_id": mine.id, "text": "Ωmega\u2028", "n": None}
    db.events.log(py_session.id, "memory_store", py_data)
    db.sessions.end(py_session.id, "browser_close", summary="Dawn walks")

    [dup], dump = ts("script", stdin=[
        {"cmd": "store-many", "input": [{"content": " walks AT DAWN ", "category": "pattern", "source": "user_explicit"}]},
        {"cmd": "dump"},
    ])
    assert (dup["id"], dup["contentHash"]) == (mine.id, mine.content_hash)

    memories = {m["id"]: m for m in dump["memory_entries"]}
    assert sorted(memories) == sorted([tea["id"], home["id"], mine.id])
    assert memories[mine.id]["content"] == "Walks at dawn"
    assert memories[tea["id"]]["lastAccessed"] and memories[mine.id]["lastAccessed"]
    sessions = {s["id"]: s for s in dump["sessions"]}
    assert (sessions[py_session.id]["endTrigger"], sessions[py_session.id]["summary"]) == ("browser_close", "Dawn walks")
    py_logs = [e for e in dump["daily_logs"] if e["sessionId"] == py_session.id]
    assert [json.loads(e["eventData"]) for e in py_logs] == [py_data]

    stamps = [m[k] for m in memories.values() for k in ("createdAt", "lastAccessed")]
    stamps += [s[k] for s in sessions.values() for k in ("startedAt", "endedAt")]
    stamps += [e["timestamp"] for e in dump["daily_logs"]]
    assert all(ISO.fullmatch(s) for s in stamps if s is not None), stamps


def test_search_follows_the_apps_stores_and_deletes(ts, db):
    """The search index's triggers index what storeMemoryEntry inserts and drop what the app deletes."""
    ts("migrate")
    db.migrate()
    entries = [{"content": text, "category": "preference", "source": "user_explicit"}
               for text in ("Prefers green TEA", "team offsite in March", "Café noir after lunch")]
    (tea, _, cafe), deleted, _ = ts("script", stdin=[
        {"cmd": "store-many", "input": entries},
        {"cmd": "delete", "args": ["$0.2.id"]},
        {"cmd": "store-many", "input": [{**entries[0], "content": " prefers green tea "}]},  # a duplicate: touched
    ])
    assert deleted["id"] == cafe["id"]
    assert [e.id for e in db.memories.search("tea")] == [tea["id"]]
    assert db.memories.search("cafe") == [] and db.memories.search("green") == [db.memories.get(tea["id"])]
    [again] = ts("store", "Café NOIR after lunch", "fact", "jarvis_inferred"),
    assert [e.id for e in db.memories.search("café")] == [again["id"]] != [cafe["id"]]
    assert search.check(db).startswith("jm_memory_fts: 3 memories indexed")


@pytest.mark.parametrize("transport", ["file"])  # no database involved
def test_both_apps_hash_alike(ts):
    assert ts("hash", stdin=HASH_INPUTS) == [content_hash(s) for s in HASH_INPUTS]


def test_the_json_texts_table_holds_javascripts_own_verdicts(node):
    """tests/test_event_data_json.py checks every reader against JSON_TEXTS: its verdicts are JSON.parse's."""
    from test_event_data_json import JSON_TEXTS

    script = ("const xs = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(xs.map(x => { try { JSON.parse(x); return true } catch { return false } })))")
    done = subprocess.run([node, "-e", script], input=json.dumps([text for text, _ in JSON_TEXTS]),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [ok for _, ok in JSON_TEXTS]


def test_event_data_with_half_an_emoji_is_read_as_javascript_reads_it(transport, ts, db, urls, tmp_path):
    """serde-rs/json#495: the app's JSON.stringify escapes a lone surrogate; every reader here still reads the
    event as the JSON naming the memory it stored (the usage report counted it in store_events_missing_memory)."""
    from jarvis_memory.analysis import quality
    from jarvis_memory.analysis.load import load

    db.migrate()
    [memory], session = ts("script", stdin=[
        {"cmd": "store-many", "input": [{"content": "Loves 🍣", "category": "preference", "source": "user_explicit"}]},
        {"cmd": "start-session"},
    ])
    data = {"memory_id": memory["id"], "note": "Loves " + "\ud83d"}  # "Loves 😀".slice(0, 7) in JavaScript
    ts("log-event", str(session["id"]), "memory_store", json.dumps(data))  # the app parses, then stringifies it
    [event] = db.events.list(session_id=session["id"])
    assert event.event_data == f'{{"memory_id":{memory["id"]},"note":"Loves \\ud83d"}}'  # JSON.stringify's text
    assert event.data == data
    with load(urls[0], auth_token=urls[2]) as ds:
        assert ds.sql("SELECT event_data->>'memory_id' AS m, event_data->>'note' AS note FROM daily_logs"
                      ).to_dict("records") == [{"m": str(memory["id"]), "note": "Loves \ufffd"}]
        assert quality.findings(ds).empty
    if transport == "file":  # the figure the issue reported, from the report itself
        done = subprocess.run([sys.executable, "-m", "jarvis_memory", "report", "usage_report", "--out", str(tmp_path)],
                              env={**os.environ, "DATABASE_URL": urls[0]}, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        [figures] = tmp_path.glob("*/usage_report.json")
        assert (json.loads(figures.read_text())["store_events_missing_memory"],
                json.loads(figures.read_text())["bad_event_data"]) == (0, 0)
