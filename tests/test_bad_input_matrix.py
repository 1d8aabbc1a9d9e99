"""Bad input on every surface: the exact error (or exit code), and not one byte of data written.

Surfaces: the Python API (on file:, ws:// and http://), the command line (subprocess),
import files (bad rows rejected with a reason, good rows kept) and report parameters.
Every case compares a full dump of the tables before and after.  The database is
seeded first (memories, an open and an ended session, events) so that a stray
UPDATE or DELETE would show, not only a stray INSERT.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import jarvis_memory
from conftest import KEYS, TOKEN, URL_KINDS, cli_env
from sqld import Sqld
from jarvis_memory import (
    ConfigError,
    ConflictError,
    NotFoundError,
    ValidationError,
)
from jarvis_memory.store import bulk

TABLES = ("memory_entries", "sessions", "daily_logs", "_jarvis_migrations")
SQL = "x'); DROP TABLE memory_entries; DELETE FROM sessions; --"
HUGE = "x" * 1_000_001


def dump(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, in id order, read straight from the file."""
    with sqlite3.connect(db_path) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in TABLES}


def seed(db: jarvis_memory.Database) -> dict[str, int]:
    memory = db.memories.store("Prefers tea in the morning", "preference", "user_explicit")[0]
    db.memories.store("Lives in Lisbon", "fact", "jarvis_inferred")
    open_session, ended = db.sessions.start(), db.sessions.start()
    db.events.log(open_session.id, "memory_store", {"memory_id": memory.id})
    db.sessions.end(ended.id, "explicit", summary="done")
    return {"memory": memory.id, "open": open_session.id, "ended": ended.id}


@pytest.fixture(scope="module", params=URL_KINDS)
def seeded(request, tmp_path_factory):
    """One seeded database per URL kind for the whole API matrix: every case must leave it as it was."""
    root = tmp_path_factory.mktemp(f"api-{request.param}")
    with contextlib.ExitStack() as stack:
        if request.param == "file":
            path = root / "jarvis.db"
            db = stack.enter_context(jarvis_memory.Database(path.as_uri()))
        else:
            server = stack.enter_context(Sqld(root / "sqld", keys=KEYS))
            path = server.db_file
            db = stack.enter_context(jarvis_memory.Database(server.url(request.param), TOKEN))
        db.migrate()
        yield db, seed(db), path


# -- the Python API ------------------------------------------------------------------------
API_CASES = {  # name: (call on (db, seeded ids), the exact error)
    # memories.store: content
    "store-empty": (lambda db, i: db.memories.store("", "fact", "user_explicit"), ValidationError),
    "store-blank": (lambda db, i: db.memories.store(" \t\n\u3000", "fact", "user_explicit"), ValidationError),
    "store-huge": (lambda db, i: db.memories.store(HUGE, "fact", "user_explicit"), ValidationError),
    "store-nul": (lambda db, i: db.memories.store("tea\x00coffee", "fact", "user_explicit"), ValidationError),
    "store-lone-surrogate": (lambda db, i: db.memories.store("tea \udc80", "fact", "user_explicit"), ValidationError),
    "store-bytes": (lambda db, i: db.memories.store(b"tea", "fact", "user_explicit"), ValidationError),
    "store-list": (lambda db, i: db.memories.store(["tea"], "fact", "user_explicit"), ValidationError),
    # memories.store: enums
    "store-unknown-category": (lambda db, i: db.memories.store("tea", "opinion", "user_explicit"), ValidationError),
    "store-sql-category": (lambda db, i: db.memories.store("tea", SQL, "user_explicit"), ValidationError),
    "store-unknown-source": (lambda db, i: db.memories.store("tea", "fact", "rumour"), ValidationError),
    "store-none-source": (lambda db, i: db.memories.store("tea", "fact", None), ValidationError),
    "store-sql-source": (lambda db, i: db.memories.store("tea", "fact", SQL), ValidationError),
    # memories: ids
    "get-unknown-id": (lambda db, i: db.memories.get(987654), NotFoundError),
    "delete-unknown-id": (lambda db, i: db.memories.delete(987654), NotFoundError),
    "delete-negative-id": (lambda db, i: db.memories.delete(-1), NotFoundError),  # another client may use -1
    "delete-sql-id": (lambda db, i: db.memories.delete(f"{i['memory']} OR 1=1"), ValidationError),
    "delete-overflow-id": (lambda db, i: db.memories.delete(2**63), ValidationError),
    "delete-bool-id": (lambda db, i: db.memories.delete(True), ValidationError),
    # memories: search / list / recall (recall writes, so it must refuse before writing)
    "search-empty": (lambda db, i: db.memories.search(""), ValidationError),
    "search-nul": (lambda db, i: db.memories.search("tea\x00"), ValidationError),
    "search-huge": (lambda db, i: db.memories.search(HUGE), ValidationError),
    "search-sql-category": (lambda db, i: db.memories.search("tea", category=SQL), ValidationError),
    "recall-unknown-category": (lambda db, i: db.memories.recall("tea", category="opinion"), ValidationError),
    "recall-limit-zero": (lambda db, i: db.memories.recall("tea", limit=0), ValidationError),
    "recall-limit-absurd": (lambda db, i: db.memories.recall("tea", limit=10**12), ValidationError),
    "recall-lone-surrogate": (lambda db, i: db.memories.recall("\ud800"), ValidationError),
    "list-impossible-date": (lambda db, i: db.memories.list(since="2026-02-30"), ValidationError),
    "list-date-in-words": (lambda db, i: db.memories.list(until="yesterday"), ValidationError),
    "list-date-number": (lambda db, i: db.memories.list(since=20260101), ValidationError),
    "list-limit-negative": (lambda db, i: db.memories.list(limit=-5), ValidationError),
    "list-limit-nan": (lambda db, i: db.memories.list(limit=float("nan")), ValidationError),
    "list-after-id-over-64-bits": (lambda db, i: db.memories.list(after_id=2**63), ValidationError),
    "list-unknown-source": (lambda db, i: db.memories.list(source=SQL), ValidationError),
    # sessions
    "end-unknown-id": (lambda db, i: db.sessions.end(987654, "explicit"), NotFoundError),
    "end-already-ended": (lambda db, i: db.sessions.end(i["ended"], "explicit", "again"), ConflictError),
    "end-unknown-trigger": (lambda db, i: db.sessions.end(i["open"], "crash"), ValidationError),
    "end-sql-trigger": (lambda db, i: db.sessions.end(i["open"], SQL), ValidationError),
    "end-float-id": (lambda db, i: db.sessions.end(1.5, "explicit"), ValidationError),
    "end-summary-empty": (lambda db, i: db.sessions.end(i["open"], "explicit", ""), ValidationError),
    "end-summary-huge": (lambda db, i: db.sessions.end(i["open"], "explicit", HUGE), ValidationError),
    "end-summary-nul": (lambda db, i: db.sessions.end(i["open"], "explicit", "a\x00b"), ValidationError),
    "end-summary-lone-surrogate": (lambda db, i: db.sessions.end(i["open"], "explicit", "\udfff"), ValidationError),
    "end-summary-number": (lambda db, i: db.sessions.end(i["open"], "explicit", 42), ValidationError),
    "get-session-unknown-id": (lambda db, i: db.sessions.get(987654), NotFoundError),
    "expire-negative": (lambda db, i: db.sessions.expire_idle(-1), ValidationError),
    "expire-infinite": (lambda db, i: db.sessions.expire_idle(float("inf")), ValidationError),
    "expire-absurd": (lambda db, i: db.sessions.expire_idle(10**9), ValidationError),
    "expire-text": (lambda db, i: db.sessions.expire_idle("30"), ValidationError),
    # events
    "log-unknown-session": (lambda db, i: db.events.log(987654, "message", {"x": 1}), NotFoundError),
    "log-sql-event-type": (lambda db, i: db.events.log(i["open"], SQL), ValidationError),
    "log-empty-event-type": (lambda db, i: db.events.log(i["open"], ""), ValidationError),
    "log-event-type-number": (lambda db, i: db.events.log(i["open"], 7), ValidationError),
    "log-data-list": (lambda db, i: db.events.log(i["open"], "message", ["a"]), ValidationError),
    "log-data-nan": (lambda db, i: db.events.log(i["open"], "message", {"x": float("nan")}), ValidationError),
    "log-data-huge": (lambda db, i: db.events.log(i["open"], "message", {"x": HUGE}), ValidationError),
    "log-data-lone-surrogate": (lambda db, i: db.events.log(i["open"], "message", {"x": "\ud800"}), ValidationError),
    "log-data-set": (lambda db, i: db.events.log(i["open"], "message", {"x": {1, 2}}), ValidationError),
    "log-string-session-id": (lambda db, i: db.events.log("one", "message"), ValidationError),
    "list-events-sql-session": (lambda db, i: db.events.list(session_id=SQL), ValidationError),
    # bulk
    "import-unknown-format": (lambda db, i: bulk.import_file(db, "m.jsonl", format="xml"), ValidationError),
    "import-missing-file": (lambda db, i: bulk.import_file(db, "no-such-file.jsonl"), ValidationError),
    "export-unknown-format": (lambda db, i: bulk.export(db, "out.jsonl", format="parquet"), ValidationError),
}


@pytest.mark.parametrize("case", API_CASES, ids=str)
def test_api(case, seeded, tmp_path):
    db, ids, db_path = seeded
    tmp_path.mkdir(exist_ok=True)  # the cwd: relative file names in the cases resolve here
    call, error = API_CASES[case]
    before = dump(db_path)
    with pytest.raises(jarvis_memory.JarvisMemoryError) as caught:
        call(db, ids)
    assert type(caught.value) is error, caught.value
    assert dump(db_path) == before


@pytest.mark.parametrize(
    "url, error",
    [
        ("", ConfigError),
        ("postgres://db.example.com/jarvis", ConfigError),
        ("jarvis.db", ConfigError),  # no scheme
        ("file:", ConfigError),
        ("file://otherhost/jarvis.db", ConfigError),
        ("file:data/", ConfigError),
        ("file:jarvis.db?mode=ro", ConfigError),
        ("http://", ConfigError),
        ("ws://127.0.0.1:99999", ConfigError),
        ("ws://127.0.0.1:port", ConfigError),
        ("libsql://db.example.com?tls=0", ConfigError),
        ("https://db.example.com/#frag", ConfigError),
        (42, ConfigError),
    ],
    ids=lambda v: v.__name__ if isinstance(v, type) else repr(v),
)
def test_api_malformed_urls(url, error, tmp_path):
    with pytest.raises(jarvis_memory.JarvisMemoryError) as caught:
        jarvis_memory.Database(url).memories.store("tea", "fact", "user_explicit")
    assert type(caught.value) is error
    assert list(tmp_path.iterdir()) == []  # no database file created anywhere


def test_sql_in_accepted_text_fields_is_stored_as_data(db, db_path):
    """Where SQL is valid text (content, summary, event data, search), it is data, verbatim."""
    entry, _ = db.memories.store(SQL, "fact", "user_explicit")
    session = db.sessions.start()
    event = db.events.log(session.id, "message", {SQL: SQL})
    ended = db.sessions.end(session.id, "explicit", summary=SQL)
    assert db.memories.search(SQL) == [entry] and db.memories.search("' OR '1'='1") == []
    after = dump(db_path)
    assert [r[1] for r in after["memory_entries"]] == [SQL]
    assert after["sessions"] == [(ended.id, ended.started_at, ended.ended_at, "explicit", SQL)]
    assert json.loads(after["daily_logs"][0][3]) == {SQL: SQL} and event.data == {SQL: SQL}


# -- the command line ----------------------------------------------------------------------
def jarvis(url: str | None, *args: str, cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jarvis_memory", *args], env=cli_env(url), cwd=cwd,
                          capture_output=True, text=True, timeout=timeout, errors="surrogateescape")


def case_folder(folder: Path, template: Path) -> Path:
    """A copy of the seeded database, and files for the import cases beside it."""
    shutil.copyfile(template, folder / "jarvis.db")
    (folder / "notes.txt").write_text("content\nsomething\n")
    (folder / "empty.csv").write_bytes(b"")
    (folder / "noheader.csv").write_text("Likes jazz,preference,user_explicit\n")
    (folder / "latin1.csv").write_bytes(b"content,category,source\ncaf\xe9,fact,user_explicit\n")
    (folder / "sub.jsonl").mkdir()
    return folder / "jarvis.db"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A seeded file: database (closed, so its WAL is folded in) and its ids."""
    path = tmp_path_factory.mktemp("template") / "jarvis.db"
    with jarvis_memory.Database(path.as_uri()) as db:
        db.migrate()
        ids = seed(db)
    return path, ids


@pytest.fixture
def cli_db(template, tmp_path):
    path = case_folder(tmp_path, template[0])
    return path.as_uri(), template[1]


CLI_CASES = {
    "remember-blank": (["remember", "   ", "-c", "fact"], 3),
    "remember-huge": (["remember", "x" * 10_001, "-c", "fact"], 3),
    "remember-lone-surrogate": (["remember", "tea \udcff", "-c", "fact"], 3),
    "remember-unknown-source": (["remember", "tea", "-c", "fact", "-s", "rumour"], 2),
    "remember-sql-category": (["remember", "tea", "-c", SQL], 2),
    "search-empty": (["search", ""], 3),
    "recall-limit-zero": (["recall", "tea", "-n", "0"], 3),
    "recall-limit-text": (["recall", "tea", "-n", "ten"], 2),
    "list-impossible-date": (["list", "--until", "2026-02-30"], 3),
    "list-after-id-over-64-bits": (["list", "--after-id", str(2**63)], 3),
    "get-zero": (["get", "0"], 4),  # a valid rowid that names no row
    "get-over-64-bits": (["get", str(2**63)], 3),
    "get-overflow": (["get", str(2**64)], 3),
    "forget-sql-id": (["forget", "1 OR 1=1"], 2),
    "end-unknown-trigger": (["sessions", "end", "{open}", "-t", "crash"], 2),
    "end-empty-summary": (["sessions", "end", "{open}", "--summary", ""], 3),
    "end-already-ended": (["sessions", "end", "{ended}"], 4),
    "expire-nan": (["sessions", "expire", "--idle-minutes", "nan"], 3),
    "expire-absurd": (["sessions", "expire", "--idle-minutes", "1e12"], 3),
    "expire-text": (["sessions", "expire", "--idle-minutes", "soon"], 2),
    "log-sql-event-type": (["log", "{open}", SQL], 3),
    "log-data-array": (["log", "{open}", "message", "-d", "[1, 2]"], 3),
    "log-data-nan": (["log", "{open}", "message", "-d", '{"x": NaN}'], 3),
    "log-data-not-json": (["log", "{open}", "message", "-d", "{'x': 1}"], 2),
    "log-unknown-session": (["log", "987654", "message"], 4),
    "import-unknown-format": (["import", "notes.txt", "-f", "xml"], 2),
    "import-unknown-suffix": (["import", "notes.txt"], 3),
    "import-chunk-zero": (["import", "empty.csv", "--chunk-size", "0"], 3),
    "import-chunk-text": (["import", "empty.csv", "--chunk-size", "many"], 2),
    "import-directory": (["import", "sub.jsonl"], 2),
    "import-empty-csv": (["import", "empty.csv"], 3),
    "import-csv-without-header": (["import", "noheader.csv"], 3),
    "import-csv-not-utf8": (["import", "latin1.csv"], 3),
    "export-unknown-format": (["export", "-f", "xml"], 2),
    "url-unknown-scheme": (["--url", "postgres://db.example.com/jarvis", "stats"], 3),
    "url-no-host": (["--url", "http://", "stats"], 3),
    "url-bad-port": (["--url", "ws://127.0.0.1:99999", "stats"], 3),
    "url-query-injection": (["--url", "file:jarvis.db?mode=memory", "stats"], 3),
}


def run_cases(cases: dict, template, tmp_path_factory, extra=lambda folder: []) -> dict:
    """Run each case's command on its own copy of the database, four at a time (they are independent).

    Returns ``{case: (completed process, dump before, dump after, folder)}``.
    """
    path, ids = template

    def one(name):
        folder = tmp_path_factory.mktemp(name)
        db = case_folder(folder, path)
        args = [str(ids[a[1:-1]]) if a in ("{open}", "{ended}") else a for a in cases[name][0]]
        before = dump(db)
        out = jarvis(db.as_uri(), *args, *extra(folder), cwd=folder)
        return out, before, dump(db), folder

    with ThreadPoolExecutor(4) as pool:
        return dict(zip(cases, pool.map(one, cases)))


@pytest.fixture(scope="module")
def cli_results(template, tmp_path_factory):
    return run_cases(CLI_CASES, template, tmp_path_factory)


@pytest.mark.parametrize("case", CLI_CASES, ids=str)
def test_cli(case, cli_results):
    out, before, after, folder = cli_results[case]
    assert out.returncode == CLI_CASES[case][1], (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr and out.stderr.strip()  # one sentence, not a stack
    assert after == before
    assert sorted(p.name for p in folder.glob("*.db*")) == sorted(p.name for p in folder.glob("jarvis.db*"))


# -- import files --------------------------------------------------------------------------
GOOD_A = {"content": "Good row before", "category": "fact", "source": "user_explicit"}
GOOD_B = {"content": "Good row after", "category": "pattern", "source": "jarvis_inferred",
          "created_at": "2026-01-05T10:00:00.000Z"}


def row(**changes):
    base = {"content": "Bad row", "category": "fact", "source": "user_explicit"}
    return json.dumps({k: v for k, v in {**base, **changes}.items() if v is not ...})


JSONL_CASES = {
    "malformed-json": ("{content: 'x'", "malformed JSON"),
    "truncated-json": (row()[:-3], "malformed JSON"),
    "json-array": ('["Bad row", "fact", "user_explicit"]', "not an object"),
    "json-string": ('"Bad row"', "not an object"),
    "json-null": ("null", "not an object"),
    "content-missing": (row(content=...), "content must be a string"),
    "content-empty": (row(content=""), "content is empty"),
    "content-blank": (row(content="\u2028 \t"), "content is empty"),
    "content-nul": (row(content="a\u0000b"), "NUL"),
    "content-lone-surrogate": ('{"content": "a\\ud800b", "category": "fact", "source": "user_explicit"}', "surrogate"),
    "content-huge": (row(content="y" * 10_001), "limit is 10,000"),
    "content-number": (row(content=12), "content must be a string"),
    "content-object": (row(content={"text": "x"}), "content must be a string"),
    "category-unknown": (row(category="opinion"), "category must be one of"),
    "category-sql": (row(category=SQL), "category must be one of"),
    "category-missing": (row(category=...), "category must be one of"),
    "source-unknown": (row(source="rumour"), "source must be one of"),
    "source-sql": (row(source=SQL), "source must be one of"),
    "created-at-words": (row(created_at="yesterday"), "created_at"),
    "created-at-no-millis": (row(created_at="2026-02-02T09:30:00Z"), "created_at"),
    "created-at-offset": (row(created_at="2026-02-02T09:30:00.000+01:00"), "created_at"),
    "created-at-number": (row(created_at=1767225600000), "created_at"),
    "created-at-impossible-day": (row(created_at="2026-02-30T09:30:00.000Z"), "created_at"),
    "created-at-impossible-time": (row(created_at="2026-02-02T25:61:00.000Z"), "created_at"),
    "created-at-sql": (row(created_at=SQL), "created_at"),
    "not-utf8": (b'{"content": "caf\xe9", "category": "fact", "source": "user_explicit"}', "not valid UTF-8"),
}


@pytest.mark.parametrize("url_kind", ["file"])
@pytest.mark.parametrize("case", JSONL_CASES, ids=str)
def test_import_jsonl_row(case, db, db_path, tmp_path):
    bad, reason = JSONL_CASES[case]
    bad = bad if isinstance(bad, bytes) else bad.encode("utf-8", "surrogatepass")
    path = tmp_path / "rows.jsonl"
    path.write_bytes(json.dumps(GOOD_A).encode() + b"\n" + bad + b"\n" + json.dumps(GOOD_B).encode() + b"\n")
    before = dump(db_path)
    report = bulk.import_file(db, path, chunk_size=1)
    assert [r.line for r in report.rejected] == [2], report.rejected
    assert reason in report.rejected[0].reason
    assert (report.read, report.new) == (3, 2)
    after = dump(db_path)
    assert {k: v for k, v in after.items() if k != "memory_entries"} == {k: v for k, v in before.items() if k != "memory_entries"}
    kept = after["memory_entries"][len(before["memory_entries"]):]
    assert after["memory_entries"][: len(before["memory_entries"])] == before["memory_entries"]
    assert [(r[1], r[3], r[4]) for r in kept] == [("Good row before", "fact", "user_explicit"),
                                                  ("Good row after", "pattern", "jarvis_inferred")]
    assert kept[1][5] == "2026-01-05T10:00:00.000Z"


CSV_CASES = {
    "too-many-fields": ('"Bad row",fact,user_explicit,,surplus', "more fields than the header"),
    "too-few-fields": ('"Bad row",fact', "source must be one of"),
    "empty-content": ('"",fact,user_explicit', "content is empty"),
    "unknown-category": ('"Bad row",Fact,user_explicit', "category must be one of"),
    "sql-source": (f'"Bad row",fact,"{SQL}"', "source must be one of"),
    "bad-date": ('"Bad row",fact,user_explicit,2026-13-01T00:00:00.000Z', "created_at"),
}


@pytest.mark.parametrize("url_kind", ["file"])
@pytest.mark.parametrize("case", CSV_CASES, ids=str)
def test_import_csv_row(case, db, db_path, tmp_path):
    bad, reason = CSV_CASES[case]
    path = tmp_path / "rows.csv"
    path.write_text("content,category,source,created_at\n" + "Good row before,fact,user_explicit,\n" + bad + "\n"
                    + "Good row after,pattern,jarvis_inferred,2026-01-05T10:00:00.000Z\n", encoding="utf-8")
    report = bulk.import_file(db, path, chunk_size=1)
    assert [(r.line, reason in r.reason) for r in report.rejected] == [(3, True)], report.rejected
    assert [r[1] for r in dump(db_path)["memory_entries"]] == ["Good row before", "Good row after"]


@pytest.mark.parametrize("url_kind", ["file"])
@pytest.mark.parametrize("tail", [
    pytest.param(b"caf\xe9,fact,user_explicit\n", id="not-utf8-late"),
    pytest.param(b'"' + b"z" * 200_000 + b'",fact,user_explicit\n', id="field-over-csv-limit"),
])
def test_import_csv_file_level_error_writes_nothing(tail, db, db_path, tmp_path):
    """A problem that makes the rest of a CSV file unreadable is raised before any chunk is written."""
    path = tmp_path / "late.csv"
    rows = b"".join(b"row %d,fact,user_explicit\n" % i for i in range(3_000))  # past the reader's first buffer
    path.write_bytes(b"content,category,source\n" + rows + tail)
    before = dump(db_path)
    with pytest.raises(ValidationError):
        bulk.import_file(db, path, chunk_size=100)
    assert dump(db_path) == before


def test_cli_import_lists_every_rejected_row_and_keeps_good_ones(cli_db, db_path, tmp_path):
    url, _ = cli_db
    lines = [json.dumps(GOOD_A)] + [v for v, _ in JSONL_CASES.values() if isinstance(v, str)] + [json.dumps(GOOD_B)]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    before = dump(db_path)
    out = jarvis(url, "import", str(path), "--json")
    assert out.returncode == 1, out.stderr
    report = json.loads(out.stdout)
    bad = len(lines) - 2
    assert [r["line"] for r in report["rejected"]] == list(range(2, 2 + bad))
    assert all(r["reason"] for r in report["rejected"])
    assert report["new"] == 2
    after = dump(db_path)
    assert after["memory_entries"][: len(before["memory_entries"])] == before["memory_entries"]
    assert [r[1] for r in after["memory_entries"][len(before["memory_entries"]):]] == ["Good row before", "Good row after"]
    assert {k: after[k] for k in ("sessions", "daily_logs")} == {k: before[k] for k in ("sessions", "daily_logs")}


# -- report parameters -----------------------------------------------------------------------
REPORT_CASES = {
    "unknown-report": (["report", "no_such_report"], 3),
    "no-name-no-all": (["report"], 3),
    "name-and-all": (["report", "session_summary", "--all"], 3),
    "since-not-a-date": (["report", "session_summary", "--since", "last week"], 3),
    "until-impossible": (["report", "session_summary", "--until", "2026-02-30"], 3),
    "since-after-until": (["report", "session_summary", "--since", "2026-03-01", "--until", "2026-02-01"], 3),
    "param-without-value": (["report", "session_summary", "-p", "stale_session_hours"], 3),
    "param-unknown": (["report", "session_summary", "-p", "stale_sesion_hours=48"], 3),
    "param-reserved-url": (["report", "session_summary", "-p", "database_url=file:/etc/passwd"], 3),
    "param-bad-name": (["report", "session_summary", "-p", "__import__('os')=1"], 3),
    "fail-on-garbage": (["report", "session_summary", "-p", "fail_on=open_sessions >> 1"], 3),
    "fail-on-code": (["report", "session_summary", "-p", "fail_on=__import__('os').system('true')>0"], 3),
    "fail-on-text-threshold": (["report", "session_summary", "-p", "fail_on=open_sessions>many"], 3),
    "timeout-zero": (["report", "session_summary", "--timeout", "0"], 3),
    "timeout-negative": (["report", "session_summary", "--timeout", "-5"], 3),
    "notebooks-missing-dir": (["report", "session_summary", "--notebooks", "no/such/dir"], 2),
    "url-unknown-scheme": (["--url", "mysql://x/y", "report", "session_summary"], 3),
    "threshold-negative": (["report", "session_summary", "-p", "stale_session_hours=-1"], 3),
    "threshold-text": (["report", "usage_report", "-p", "stale_memory_days=thirty"], 3),
    "threshold-infinite": (["report", "session_summary", "-p", "stale_session_hours=1e999"], 3),
}


@pytest.fixture(scope="module")
def report_results(template, tmp_path_factory):
    return run_cases(REPORT_CASES, template, tmp_path_factory, extra=lambda folder: ["--out", str(folder / "reports")])


@pytest.mark.parametrize("case", REPORT_CASES, ids=str)
def test_report_parameters(case, report_results):
    out, before, after, folder = report_results[case]
    assert out.returncode == REPORT_CASES[case][1], (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr and out.stderr.strip()
    assert not (folder / "reports").exists()  # refused before any kernel started or any file was written
    assert after == before
