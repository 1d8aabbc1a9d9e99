"""The jarvis-memory command: exit codes, --json, and no token in any output."""

import json
import sqlite3
import subprocess
import sys

import pytest

from conftest import REMOTE_KINDS, TOKEN, cli_env

def run(url, *args, token=None):
    """The real command in a subprocess, as a script or cron would run it."""
    cmd = [sys.executable, "-m", "jarvis_memory", *args]
    return subprocess.run(cmd, env=cli_env(url, token), capture_output=True, text=True, timeout=60)


@pytest.fixture
def cli_url(url, token, db):
    """A migrated database of each kind, and the token to reach it."""
    return url, token


def test_remember_recall_sessions_log(cli_url):
    url, token = cli_url
    out = run(url, "remember", "Likes jazz", "-c", "preference", "--json", token=token)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["created"] is True
    again = run(url, "remember", " likes JAZZ", "-c", "preference", "--json", token=token)
    assert json.loads(again.stdout)["created"] is False
    found = json.loads(run(url, "recall", "jazz", "--json", token=token).stdout)
    assert [e["content"] for e in found] == ["Likes jazz"] and found[0]["last_accessed"]
    session_id = run(url, "sessions", "start", token=token).stdout.strip()
    assert run(url, "log", session_id, "message", "-d", '{"n": 1}', token=token).returncode == 0
    assert run(url, "sessions", "end", session_id, "--summary", "done", token=token).returncode == 0
    assert run(url, "sessions", "end", session_id, token=token).returncode == 4
    stats = json.loads(run(url, "stats", "--json", token=token).stdout)
    assert (stats["memories"], stats["sessions"], stats["events"], stats["open_sessions"]) == (1, 1, 1, 0)
    doctor = run(url, "doctor", "--json", token=token)
    assert doctor.returncode == 0 and json.loads(doctor.stdout)["ok"] is True


@pytest.mark.parametrize(
    "args, code",
    [
        (["remember", "", "-c", "fact"], 3),
        (["remember", "x", "-c", "opinion"], 2),
        (["get", "999"], 4),
        (["get", "abc"], 2),
        (["forget", "999"], 4),
        (["sessions", "end", "999"], 4),
        (["log", "999", "message"], 4),
        (["log", "1", "message", "-d", "{bad json"], 2),
        (["log", "1", "bad type!"], 3),
        (["list", "--since", "not-a-date"], 3),
        (["list", "--limit", "0"], 3),
        (["sessions", "expire", "--idle-minutes", "-1"], 3),
        (["import", "does-not-exist.jsonl"], 3),
        (["export", "-o", "/nonexistent/dir/out.jsonl"], 3),
        (["nonsense"], 2),
    ],
)
def test_bad_input_exit_codes(cli_url, args, code):
    url, token = cli_url
    out = run(url, *args, token=token)
    assert out.returncode == code, (out.stdout, out.stderr)
    assert "Traceback" not in out.stderr
    assert json.loads(run(url, "stats", "--json", token=token).stdout)["memories"] == 0


def test_import_reports_rejections_with_exit_1(cli_url, tmp_path):
    url, token = cli_url
    path = tmp_path / "m.jsonl"
    path.write_text('{"content": "a", "category": "fact", "source": "user_explicit"}\n{oops\n')
    out = run(url, "import", str(path), "--json", token=token)
    assert out.returncode == 1
    report = json.loads(out.stdout)
    assert report["new"] == 1 and report["rejected"][0]["line"] == 2


@pytest.mark.parametrize("url_kind", REMOTE_KINDS)
def test_migrate_refuses_remote_without_confirmation(server, url_kind):
    url = server.url(url_kind)
    refused = run(url, "migrate", token=TOKEN)
    assert refused.returncode == 3 and "--yes-remote" in refused.stderr
    assert url in refused.stderr  # it says which database it would have touched
    assert run(url, "doctor", token=TOKEN).returncode == 1
    done = run(url, "migrate", "--yes-remote", "--json", token=TOKEN)
    assert done.returncode == 0 and json.loads(done.stdout)["applied"]
    assert run(url, "doctor", token=TOKEN).returncode == 0


def test_token_never_printed(server):
    sentinel = "SENTINEL-token-do-not-print-4242"
    outputs = []
    for url in (server.ws_url, server.legacy_ws_url, server.http_url, f"{server.http_url}?authToken={sentinel}"):
        for args in (["migrate"], ["doctor", "--json"], ["stats"], ["remember", "x", "-c", "fact"], ["migrate", "--status"]):
            out = run(url, *args, token=sentinel)
            assert out.returncode != 0  # the server's token is another one
            outputs.append(out.stdout + out.stderr)
    assert all(sentinel not in text for text in outputs)
    assert any("rejected the auth token" in text for text in outputs)


def test_unreachable_server_fails_fast_with_a_sentence():
    out = run("ws://127.0.0.1:9", "stats")
    assert out.returncode == 5 and "did not answer" in out.stderr and "Traceback" not in out.stderr


READ_COMMANDS = (["stats"], ["search", "tea"], ["list"], ["get", "1"], ["export"], ["sessions", "list"])


@pytest.mark.parametrize("case", ["empty file", "another table", "unmigrated server"])
def test_read_commands_on_a_database_without_the_schema_exit_6_and_leave_it_as_it_was(case, tmp_path, request):
    """Not "unreachable" (5): the schema is missing, and the message says to migrate. A read command writes
    nothing (no auto-migration of an embedded file it only reads, no WAL files beside it)."""
    token = None
    if case == "unmigrated server":
        url, token = request.getfixturevalue("server").ws_url, TOKEN
    else:
        path = tmp_path / "other.db"
        path.touch()
        if case == "another table":
            sqlite3.connect(path).execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)").connection.close()
        url, before = path.as_uri(), path.read_bytes()
    for args in READ_COMMANDS:
        out = run(url, *args, token=token)
        assert out.returncode == 6, (args, out.stderr)
        assert out.stderr.endswith(": the memory schema is missing (run `jarvis-memory migrate`)\n"), out.stderr
    stats = run(url, "stats", token=token).stderr
    assert stats == f"error: {url} has no table memory_entries: the memory schema is missing (run `jarvis-memory migrate`)\n"
    sessions = run(url, "sessions", "list", token=token).stderr
    assert sessions == f"error: {url} has no table sessions: the memory schema is missing (run `jarvis-memory migrate`)\n"
    doctor = run(url, "doctor", token=token)
    assert doctor.returncode == 1 and "FAIL schema: pending migrations: 0001_initial" in doctor.stdout
    assert "(run `jarvis-memory migrate`)" in doctor.stdout
    if case == "unmigrated server":
        assert run(url, "migrate", "--status", token=token).stdout.startswith("at version 0; pending: 0001_initial")
    else:
        assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_the_target_line_mentions_a_token_only_for_a_remote_url(tmp_path, server):
    """A file: database has no token to speak of; a remote one says whether one is set, never its value."""
    url = (tmp_path / "jarvis.db").as_uri()
    review = tmp_path / "r.csv"
    review.write_text("id_a,id_b,kind,score,hash_a,hash_b,action\n")
    for args in (["migrate"], ["migrate", "--status"], ["dedup", "apply", str(review)]):
        out = run(url, *args)
        assert out.returncode == 0 and out.stderr.splitlines()[0] == f"target: {url}", out.stderr
    for token, shown in ((TOKEN, "set"), (None, "none")):
        out = run(server.ws_url, "migrate", "--status", token=token)
        assert out.stderr.splitlines()[0] == f"target: {server.ws_url} (token: {shown})"
        assert TOKEN not in out.stdout + out.stderr


def test_help_teaches():
    out = run(None, "--help")
    assert out.returncode == 0 and "Examples:" in out.stdout and "import" in out.stdout


def test_a_list_cut_by_its_limit_says_so_on_stderr(tmp_path):
    """list, search and sessions list stop at -n rows: stderr says more may exist (list: the next page's
    --after-id), stdout keeps only the rows; a list shorter than -n says nothing."""
    url = (tmp_path / "m.db").as_uri()
    for text in ("Likes tea", "Likes green tea", "Likes iced tea"):
        assert run(url, "remember", text, "-c", "preference").returncode == 0
    cut = run(url, "list", "-n", "2")
    assert cut.returncode == 0 and len(cut.stdout.splitlines()) == 2
    assert cut.stderr.strip() == "(the first 2 shown; there may be more: --after-id 2 for the next page)"
    assert run(url, "list", "-n", "2", "--after-id", "2").stderr == ""
    assert "raise -n" in run(url, "search", "tea", "-n", "1").stderr
    assert run(url, "search", "tea", "-n", "5").stderr == ""
