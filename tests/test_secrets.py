"""The auth token never leaves the process that holds it: not in CLI output, exceptions, logs or reports.

A sentinel token is planted in every way a token reaches the package (the environment,
the URL's ``authToken`` query parameter) on every URL kind, against a server that
accepts it (success paths) and one that does not (error paths).  Then every byte the
package produced is searched for it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import subprocess
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import jarvis_memory
from conftest import KEYS, cli_env
from sqld import JwtKeys, Sqld

SENTINEL_KEYS = JwtKeys.generate()
SENTINEL = SENTINEL_KEYS.full_access  # a real JWT: sqld accepts it when it trusts SENTINEL_KEYS
OTHER = KEYS  # a server trusting only these keys rejects the sentinel (bad signature)

# name: (URL kind, the key pair sqld trusts, where the client's token is: "env" or "url")
SCENARIOS = {
    "file-token-in-env": ("file", None, "env"),
    "ws-accepted": ("ws", SENTINEL_KEYS, "env"),
    "ws-legacy-accepted": ("ws-legacy", SENTINEL_KEYS, "env"),
    "http-accepted": ("http", SENTINEL_KEYS, "env"),
    "http-accepted-token-in-url": ("http", SENTINEL_KEYS, "url"),
    "ws-rejected": ("ws", OTHER, "env"),
    "ws-legacy-rejected": ("ws-legacy", OTHER, "env"),
    "http-rejected": ("http", OTHER, "env"),
    "ws-rejected-token-in-url": ("ws", OTHER, "url"),
}


@contextlib.contextmanager
def target(name: str, folder: Path):
    """``(url, env token)`` for a scenario, with its server running."""
    kind, server_keys, where = SCENARIOS[name]
    if kind == "file":
        yield (folder / "jarvis.db").as_uri(), SENTINEL
        return
    with Sqld(folder / "sqld", keys=server_keys) as server:
        url = server.url(kind)
        yield (f"{url}?authToken={SENTINEL}", None) if where == "url" else (url, SENTINEL)


def accepted(name: str) -> bool:
    return SCENARIOS[name][1] in (None, SENTINEL_KEYS)


# -- command line ------------------------------------------------------------------------------
def cli_session(name: str, folder: Path) -> list[tuple[list[str], int, str]]:
    """Run every command once (and a few failing ones) against one scenario; ``(args, exit code, output)``."""
    bad_rows = folder / "rows.jsonl"
    bad_rows.write_text('{"content": "Imported", "category": "fact", "source": "user_explicit"}\n{oops\n')
    runs = []
    with target(name, folder) as (url, token):
        def run(*args: str) -> str:
            out = subprocess.run([sys.executable, "-m", "jarvis_memory", *args], env=cli_env(url, token),
                                 capture_output=True, text=True, timeout=60, cwd=folder)
            runs.append((list(args), out.returncode, out.stdout + out.stderr))
            return out.stdout.strip()

        run("migrate", "--yes-remote", "--json")
        run("doctor", "--json")
        run("remember", "Likes jazz", "-c", "preference")
        run("remember", "", "-c", "fact")
        session = run("sessions", "start") or "1"
        run("log", session, "message", "-d", '{"n": 1}')
        run("sessions", "end", session, "--summary", "done", "--json")
        run("import", str(bad_rows), "--json")
        run("export", "-f", "csv")
        run("stats", "--json")
        run("forget", "999")
        run("--url", "ws://127.0.0.1:9", "stats")  # unreachable, with the token in the environment
    return runs


# The CLI is a subprocess per command: four scenarios cover each URL kind, token path and outcome
# (test_cli.py already runs a few commands against a server rejecting the token over ws and http).
CLI_SCENARIOS = ["file-token-in-env", "ws-accepted", "http-accepted-token-in-url", "ws-rejected-token-in-url"]


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory):
    """Each scenario's CLI session, run concurrently (each has its own database and server)."""
    folders = {name: tmp_path_factory.mktemp(name) for name in CLI_SCENARIOS}
    with ThreadPoolExecutor(3) as pool:
        futures = {name: pool.submit(cli_session, name, folders[name]) for name in CLI_SCENARIOS}
        return {name: f.result() for name, f in futures.items()}


@pytest.mark.parametrize("name", CLI_SCENARIOS)
def test_cli_output(name, cli_runs):
    runs = cli_runs[name]
    leaks = [args for args, _, output in runs if SENTINEL in output]
    assert leaks == []
    codes: dict[str, int] = {}
    for args, code, _ in runs:  # the first run of each command
        codes.setdefault(args[0] if args[0] != "--url" else "unreachable", code)
    if accepted(name):  # the success paths really ran
        assert codes["remember"] == 0 and codes["stats"] == 0 and codes["export"] == 0, runs
        assert codes["import"] == 1 and codes["forget"] == 4
    else:  # and so did the error paths: refused (5), bad input (3) or a failed check (1), never a success
        assert {code for _, code, _ in runs} <= {1, 3, 5}, runs
        assert any("rejected the auth token" in output for _, _, output in runs)
    assert codes["unreachable"] == 5


# -- exceptions and log records -----------------------------------------------------------------
def exercise_api(url: str, token: str | None) -> tuple[list[BaseException], list[str]]:
    """Every API call, successful or not; returns the exceptions raised (all typed) and reprs shown."""
    errors: list[BaseException] = []

    def attempt(call):
        try:
            return call()
        except jarvis_memory.JarvisMemoryError as e:
            errors.append(e)

    db = jarvis_memory.Database(url, token)
    attempt(db.migrate)
    attempt(lambda: db.memories.store("Likes jazz", "preference", "user_explicit"))
    attempt(lambda: db.memories.store("", "fact", "user_explicit"))
    attempt(lambda: db.memories.recall("jazz"))
    session = attempt(db.sessions.start)
    attempt(lambda: db.events.log(session.id if session else 1, "message", {"token_field": "x"}))
    attempt(lambda: db.sessions.end(999, "explicit"))
    attempt(lambda: db.memories.get(999))
    attempt(lambda: db.execute("SELECT no_such_function()"))
    attempt(lambda: db.schema_status())
    shown = [repr(db), str(db.settings), repr(db.settings), db.settings.redacted_url]
    db.close()
    with jarvis_memory.Database(url, token, read_only=True) as ro:
        attempt(lambda: ro.execute("DELETE FROM memory_entries"))
    with jarvis_memory.Database("ws://127.0.0.1:9", SENTINEL, timeout=2) as unreachable:
        attempt(lambda: unreachable.memories.count())
    return errors, shown


@pytest.mark.parametrize("name", SCENARIOS)
def test_exceptions_and_logs(name, tmp_path, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    for logger in ("aiohttp", "aiohttp.client", "aiohttp.websocket", "aiohttp.internal", "asyncio", "libsql_client"):
        caplog.set_level(logging.DEBUG, logger=logger)
    with target(name, tmp_path) as (url, token):
        if token:
            monkeypatch.setenv("DATABASE_AUTH_TOKEN", token)
        errors, shown = exercise_api(url, None)
    texts = ["".join(traceback.format_exception(e)) + repr(e) for e in errors]
    assert [t for t in texts if SENTINEL in t] == []
    assert all(SENTINEL not in s for s in shown)
    records = [r.getMessage() + (logging.Formatter().formatException(r.exc_info) if r.exc_info else "")
               for r in caplog.records]
    assert [r for r in records if SENTINEL in r] == []
    assert SENTINEL not in caplog.text
    kinds = {type(e).__name__ for e in errors}
    if accepted(name):
        assert {"ValidationError", "NotFoundError", "DatabaseError", "ReadOnlyError", "UnreachableError"} <= kinds
    else:
        assert "AuthError" in kinds


# -- reports ----------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("name", ["http-accepted-token-in-url", "ws-rejected"])
def test_report_files(name, tmp_path):
    """The kernel gets the token through its environment, even one given in the URL; no report file may contain it.
    A rejected token stops the run before any kernel or file (exit 5), saying so without the token."""
    with target(name, tmp_path) as (url, token):
        with jarvis_memory.Database(url, token) as db:
            if accepted(name):
                db.migrate()
                db.memories.store("Likes jazz", "preference", "user_explicit")
                db.sessions.start()
        out_dir = tmp_path / "reports"
        run = subprocess.run([sys.executable, "-m", "jarvis_memory", "report", "session_summary", "--out", str(out_dir)],
                             env=cli_env(url, token), capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert SENTINEL not in run.stdout + run.stderr
    if not accepted(name):
        assert run.returncode == 5 and "rejected the auth token" in run.stderr and not out_dir.exists()
        return
    files = [p for p in out_dir.rglob("*") if p.is_file()]
    assert any(p.suffix == ".html" for p in files) and any(p.suffix == ".ipynb" for p in files)
    assert [p for p in files if SENTINEL.encode() in p.read_bytes()] == []
    assert run.returncode == 0, run.stderr
    assert all(json.loads(p.read_text()) for p in files if p.suffix == ".json")
