"""Embedded replicas on the real sqld: rows equal to the server's, incremental syncs, one snapshot under a
concurrent writer, the token on no disk, concurrent syncs on one cache, the paging fallback, the CLI."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import subprocess
import sys
import threading
import warnings
from pathlib import Path

import pytest

import jarvis_memory
from conftest import KEYS, TOKEN, cli_env
from jarvis_memory.store import replica
from jarvis_memory.errors import AuthError, ConfigError
from jarvis_memory.analysis.load import ReplicaFallbackWarning, ReplicaRebuiltWarning, load
from jarvis_memory.store.replica import ReplicationUnavailable
from sqld import Sqld
from test_interop_typescript import INTEROP, node  # noqa: F401 (node: the fixture that finds the app)

FIXTURE = Path(__file__).parent / "fixtures" / "jarvis-fixture.db"
CLI = [str(Path(sys.executable).with_name("jarvis-memory"))]
TABLES = ("memory_entries", "sessions", "daily_logs")
ORPHANS = "SELECT count(*) AS n FROM daily_logs e WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = e.session_id)"


def rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of the three tables, read-only, in id order."""
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}


def fill(db: jarvis_memory.Database, n: int, tag: str) -> None:
    for i in range(n):
        entry, _ = db.memories.store(f"{tag} memory {i}", "fact", "user_explicit")
        session = db.sessions.start()
        db.events.log(session.id, "memory_store", {"memory_id": entry.id})
        db.sessions.end(session.id, "explicit", summary=tag)


@pytest.fixture
def primary(server: Sqld) -> jarvis_memory.Database:
    database = jarvis_memory.Database(server.ws_url, TOKEN)
    database.migrate()
    yield database
    database.close()


def test_replica_equals_the_server_and_syncs_incrementally(server, primary, tmp_path):
    fill(primary, 20, "first")
    made = replica.sync(server.ws_url, TOKEN, out=tmp_path / "r.db")
    assert made.first and rows(made.path) == rows(server.db_file)
    assert len(rows(made.path)["daily_logs"]) == 20

    fill(primary, 5, "second")
    primary.memories.recall("first memory 1")  # an update, not only inserts
    again = replica.sync(server.ws_url, TOKEN, out=tmp_path / "r.db")
    assert not again.first and again.log_id == made.log_id
    assert rows(again.path) == rows(server.db_file)
    assert len(rows(again.path)["memory_entries"]) == 25


def test_load_through_the_replica_equals_a_file_copy(server, primary, tmp_path):
    fill(primary, 30, "copy")
    copy = tmp_path / "copy.db"
    with contextlib.closing(sqlite3.connect(f"{server.db_file.as_uri()}?mode=ro", uri=True)) as src, \
            contextlib.closing(sqlite3.connect(copy)) as dst:
        src.backup(dst)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no fallback
        remote = load(server.ws_url, auth_token=TOKEN)
    local = load(copy.as_uri())
    assert remote.counts == local.counts == {"memory_entries": 30, "sessions": 30, "daily_logs": 30}
    for table in TABLES:
        query = f"SELECT * EXCLUDE (event_data) FROM {table} ORDER BY id" if table == "daily_logs" else \
            f"SELECT * FROM {table} ORDER BY id"
        assert remote.sql(query).equals(local.sql(query)), table
    assert remote.source == server.ws_url
    cached = list((tmp_path / "replicas").glob("*.db"))  # conftest points the cache at tmp_path/replicas
    assert len(cached) == 1 and rows(cached[0]) == rows(copy)


def test_token_is_in_no_file_of_the_cache(server, primary, tmp_path):
    fill(primary, 3, "secret")
    load(server.ws_url, auth_token=TOKEN)
    load(server.http_url, auth_token=TOKEN)
    files = [p for p in (tmp_path / "replicas").rglob("*") if p.is_file()]
    assert {p.suffix for p in files} >= {".db", ".json", ".lock"} and any(p.name.endswith("-client_wal_index")
                                                                         for p in files)
    signature = TOKEN.rsplit(".", 1)[1]
    for path in files:
        data = path.read_bytes()
        assert TOKEN.encode() not in data and signature.encode() not in data, path
    sources = [json.loads(p.read_text()) for p in files if p.suffix == ".json"]
    assert {s["source"] for s in sources} == {server.ws_url, server.http_url}


@pytest.mark.interop
def test_typescript_writes_reach_the_replica(server, primary, tmp_path, node):  # noqa: F811
    env = cli_env(server.http_url, TOKEN)
    script = [{"cmd": "store-many", "input": [{"content": f"ts memory {i}", "category": "fact",
                                                "source": "jarvis_inferred"} for i in range(10)]},
              {"cmd": "start-session"}, {"cmd": "log-event", "args": ["$1.id", "memory_store", '{"from": "ts"}']}]
    done = subprocess.run([node, "--import", "tsx", "src/app.ts", "script"], cwd=INTEROP, env=env,
                          input=json.dumps(script), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    fill(primary, 2, "python")
    synced = replica.sync(server.ws_url, TOKEN, out=tmp_path / "r.db")
    got = rows(synced.path)
    assert got == rows(server.db_file)
    assert {r[1] for r in got["memory_entries"]} >= {f"ts memory {i}" for i in range(10)} | {"python memory 0"}


@pytest.mark.parametrize("use_replica", [True, False], ids=["replica", "paging"])
def test_a_concurrent_writer_never_makes_phantom_orphans(use_replica, server, primary):
    fill(primary, 50, "base")
    stop = threading.Event()

    def write() -> None:  # sessions and their events, as fast as the server takes them
        with jarvis_memory.Database(server.ws_url, TOKEN) as writer:
            while not stop.is_set():
                session = writer.sessions.start()
                writer.events.log(session.id, "tick", None)

    thread = threading.Thread(target=write)
    thread.start()
    try:
        seen = []
        with warnings.catch_warnings():
            warnings.simplefilter("error", ReplicaRebuiltWarning)  # a moving server is no mismatch
            for _ in range(6):  # small pages: many round trips while the writer adds rows
                ds = load(server.ws_url, auth_token=TOKEN, replica=use_replica, page_size=7)
                seen.append((ds.counts["daily_logs"], int(ds.sql(ORPHANS).n[0])))
    finally:
        stop.set()
        thread.join()
    assert [orphans for _, orphans in seen] == [0] * 6
    assert len({count for count, _ in seen}) > 1  # the writer really wrote during the loads


def test_two_concurrent_syncs_on_one_cache(tmp_path):
    out = tmp_path / "shared.db"
    with Sqld(tmp_path / "sqld", keys=KEYS, seed=FIXTURE) as server:
        _concurrent_syncs(server, out)


def _concurrent_syncs(server: Sqld, out: Path) -> None:
    runs = [subprocess.Popen(CLI + ["sync", "--url", server.ws_url, "--out", str(out), "--json"],
                             env=cli_env(token=TOKEN), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)]
    results = [(p.wait(120), *p.communicate()) for p in runs]
    assert all(code == 0 and not err for code, _, err in results), results
    assert sorted(json.loads(o)["first"] for _, o, _ in results) == [False, False, True]
    with contextlib.closing(sqlite3.connect(f"{out.as_uri()}?mode=ro", uri=True)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert rows(out) == rows(server.db_file)


def test_a_replica_of_another_database_is_never_reused(server, primary, tmp_path):
    fill(primary, 2, "a")
    out = tmp_path / "r.db"
    replica.sync(server.ws_url, TOKEN, out=out)
    before = out.read_bytes()
    with Sqld(tmp_path / "other", keys=KEYS) as other:
        with pytest.raises(ConfigError, match="is the replica of"):
            replica.sync(other.ws_url, TOKEN, out=out)
    assert out.read_bytes() == before
    plain = tmp_path / "mine.db"
    plain.write_bytes(FIXTURE.read_bytes())
    with pytest.raises(ConfigError, match="not a replica made by jarvis-memory"):
        replica.sync(server.ws_url, TOKEN, out=plain)
    assert plain.read_bytes() == FIXTURE.read_bytes()


def test_bad_token_is_an_auth_error_not_a_fallback(server, primary):
    with pytest.raises(AuthError):
        load(server.ws_url, auth_token=KEYS.bad_signature)


def test_without_replication_load_pages_and_says_so_once(server, primary, tmp_path):
    fill(primary, 12, "legacy")
    with pytest.raises(ReplicationUnavailable):
        replica.sync(server.legacy_ws_url, TOKEN)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ds = load(server.legacy_ws_url, auth_token=TOKEN, page_size=5)
    assert [w.category for w in caught] == [ReplicaFallbackWarning]
    assert ds.counts == {"memory_entries": 12, "sessions": 12, "daily_logs": 12}
    assert not list((tmp_path / "replicas").glob("*.db"))  # no half-made replica left behind


def test_a_report_that_paged_says_so_where_a_reader_looks(server, primary, tmp_path):
    """The fallback's warning goes to the notebook's stderr, which the HTML leaves out."""
    fill(primary, 6, "paged report")
    out = tmp_path / "reports"
    done = subprocess.run(CLI + ["--url", server.legacy_ws_url, "report", "session_summary", "--out", str(out)],
                          env=cli_env(token=TOKEN), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "session_summary: note: the database was read in keyset pages" in done.stdout
    assert "read in keyset pages" in next(out.rglob("session_summary.html")).read_text()
    assert json.loads(next(out.rglob("run.json")).read_text())["reports"]["session_summary"]["notes"]


def test_sync_command_and_offline_load(server, primary, tmp_path):
    fill(primary, 4, "cli")
    out = tmp_path / "offline.db"
    done = subprocess.run(CLI + ["--url", server.http_url, "sync", "--out", str(out)], env=cli_env(token=TOKEN),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert done.stdout.startswith(f"made the replica of {server.http_url}") and out.as_uri() in done.stdout
    server.stop()  # offline from here on
    assert load(out.as_uri()).counts == {"memory_entries": 4, "sessions": 4, "daily_logs": 4}
    bad = subprocess.run(CLI + ["sync", "--url", "file:" + str(out)], env=cli_env(), capture_output=True, text=True)
    assert bad.returncode == 3 and "needs no replica" in bad.stderr


def test_report_through_the_replica_matches_a_file_run(tmp_path):
    figures = {}
    with Sqld(tmp_path / "sqld", keys=KEYS, seed=FIXTURE) as srv:
        for mode, url in (("file", FIXTURE.as_uri()), ("replica", srv.ws_url)):
            out = tmp_path / mode
            done = subprocess.run(CLI + ["--url", url, "report", "usage_report", "--out", str(out)],
                                  env=cli_env(token=TOKEN), capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr
            figures[mode] = json.loads(next(out.rglob("usage_report.json")).read_text())
    assert len(list((tmp_path / "replicas").glob("*.db"))) == 1  # the kernel read through the replica
    local_only = {"database_bytes", "storage_percent_of_free_tier"}  # the server's copy is in WAL mode
    assert {k: v for k, v in figures["replica"].items() if k not in local_only} == \
        {k: v for k, v in figures["file"].items() if k not in local_only}


def test_no_replica_reaches_the_kernel_and_pages(server, primary, tmp_path):
    from jarvis_memory.store import config
    from jarvis_memory.reports import kernel

    fill(primary, 3, "paged")
    settings = config.load(server.ws_url, TOKEN)
    with kernel.environ(**kernel.kernel_env(settings, replica=False)):  # what `report --no-replica` hands the kernel
        ds = load(server.ws_url)
    assert ds.counts["memory_entries"] == 3 and not (tmp_path / "replicas").exists()
    with kernel.environ(**kernel.kernel_env(settings, replica=True)):
        load(server.ws_url)
    assert len(list((tmp_path / "replicas").glob("*.db"))) == 1
    help_text = subprocess.run(CLI + ["report", "--help"], capture_output=True, text=True).stdout
    assert "--no-replica" in help_text
