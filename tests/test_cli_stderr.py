"""Every command prints nothing on stderr but its own messages, on file: and on real sqld.

No aiohttp "Unclosed client session", no asyncio "Task exception was never retrieved",
no traceback: every line on stderr must be one the command writes itself (``error: …``,
``target: …``, ``wrote N memories to …``, a report's progress lines, click's usage
error). The command list comes from the click group, so a new command without a run
here fails the coverage check. On sqld, its log must show no ERROR or WARN line for
the commands' connections either.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import click
import pytest

from conftest import KEYS, REMOTE_KINDS, TOKEN, URL_KINDS, cli_env
from sqld import Sqld
from jarvis_memory.cli import cli

OWN_LINE = re.compile(
    r"error: .+"                                   # a JarvisMemoryError, one line (the exit code says which)
    r"|target: .+"                                 # migrate names the database it touches
    r"|wrote [\d,]+ memories to .+"                # export -o
    r"|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z )?(?:"  # progress (jarvis_memory.progress), dated in a log
    r"\w+: (running \S+\.ipynb|ok in [\d.]+ s|FAILED in [\d.]+ s)"  # report progress
    r"|import: [\d,]+ rows \(.+\)"                                # import progress
    r"|generating .+|writing \w+|planting problems|  [\d,]+ / [\d,]+ \w+)"  # demo progress
    r"|skipped: .+"                                # a row another client wrote that cannot be read, named
    r"|Usage: .+|Try '.+' for help\.|Error: .+|"   # click's usage error (exit 2), and blank lines
)


def leaf_commands(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    found = set()
    for name, command in group.commands.items():
        path = (*prefix, name)
        found |= leaf_commands(command, path) if isinstance(command, click.Group) else {path}
    return found


def session_runs(url: str, token: str | None, kind: str, folder: Path) -> list[tuple[list[str], int, int, str]]:
    """Run every command (successes and typical failures); ``(args, expected exit, exit, stderr)`` each."""
    rows = folder / "rows.jsonl"
    rows.write_text('{"content": "Imported", "category": "fact", "source": "user_explicit"}\n{oops\n')
    runs: list[tuple[list[str], int, int, str]] = []

    def run(expected: int, *args: str) -> str:
        out = subprocess.run([sys.executable, "-m", "jarvis_memory", *args], env=cli_env(url, token),
                             capture_output=True, text=True, timeout=300, cwd=folder)
        runs.append((list(args), expected, out.returncode, out.stderr))
        return out.stdout.strip()

    run(0, "migrate", "--yes-remote", "--json")
    run(0, "migrate", "--status")
    run(0, "doctor")
    run(0, "remember", "Likes jazz", "-c", "preference")
    run(3, "remember", " ", "-c", "fact")
    run(2, "remember", "x", "-c", "no-such-category")
    run(0, "get", "1")
    run(4, "get", "999")
    run(0, "list", "--json")
    run(0, "search", "jazz")
    run(0, "recall", "jazz")
    session = run(0, "sessions", "start")
    run(0, "log", session, "message", "-d", '{"n": 1}')
    run(0, "sessions", "list")
    run(0, "sessions", "end", session, "--summary", "done")
    run(4, "sessions", "end", session)
    run(0, "sessions", "expire", "--idle-minutes", "30")
    run(1, "import", str(rows))
    run(0, "export", "-f", "csv", "-o", str(folder / "out.csv"))
    run(0, "stats", "--json")
    # sync: a file needs no replica (3); sqld's legacy WebSocket port serves no replication (5)
    run({"file": 3, "ws-legacy": 5}.get(kind, 0), "sync", "--out", str(folder / "replica.db"))
    blues = [json.loads(run(0, "remember", text, "-c", "preference", "--json"))["entry"]
             for text in ("Likes blues", "Likes blues.")]
    review = folder / "review.csv"
    review.write_text("id_a,id_b,kind,score,group,hash_a,hash_b,action,keep\n"
                      + ",".join(map(str, [blues[0]["id"], blues[1]["id"], "near", 98, "", blues[0]["content_hash"],
                                           blues[1]["content_hash"], "merge", ""])) + "\n")
    run(0, "dedup", "apply", str(review))
    run(0, "dedup", "apply", str(review), "--apply", "--yes-remote")
    run(0, "dedup", "undo", "--all-since", "2000-01-01", "--yes-remote")
    run(4, "dedup", "undo", "--merge", "999", "--yes-remote")
    run(0, "forget", "1")
    run(4, "forget", "1")
    run(0, "report", "session_summary", "--out", str(folder / "reports"))
    if kind == "file":  # demo builds a file database wherever the URL points
        run(0, "demo", "--size", "tiny", "--out", str(folder / "demo.db"))
    return runs


@pytest.fixture(scope="module")
def runs_by_kind(tmp_path_factory):
    """Each URL kind's command session, run concurrently (each on its own database and sqld);
    ``{kind: (runs, the sqld log's ERROR and WARN lines)}``."""
    with contextlib.ExitStack() as stack, ThreadPoolExecutor(len(URL_KINDS)) as pool:
        futures, servers = {}, {}
        for kind in URL_KINDS:
            folder = tmp_path_factory.mktemp(f"stderr-{kind}")
            if kind == "file":
                url, token = (folder / "jarvis.db").as_uri(), None
            else:
                servers[kind] = stack.enter_context(Sqld(folder / "sqld", keys=KEYS))
                url, token = servers[kind].url(kind), TOKEN
            futures[kind] = pool.submit(session_runs, url, token, kind, folder)
        runs = {kind: future.result() for kind, future in futures.items()}
        # sqld 0.24 warns "Could not send close frame …: Protocol(SendAfterClosing)" whenever the client
        # closes the WebSocket first, as the protocol lets it: that line is sqld's, not a dropped socket.
        # On the legacy WebSocket port, `sync` first asks GET /version (is this sqld, does it serve
        # replication?); sqld logs that plain HTTP request as a failed WebSocket handshake.
        logs = {kind: [line for line in srv.log().splitlines()
                       if re.search(r" (ERROR|WARN) ", line) and "SendAfterClosing" not in line
                       and not (kind == "ws-legacy" and "Could not perform the WebSocket handshake" in line)]
                for kind, srv in servers.items()}
    return {kind: (runs[kind], logs.get(kind, [])) for kind in URL_KINDS}


@pytest.mark.slow
@pytest.mark.parametrize("kind", URL_KINDS)
def test_stderr_holds_only_the_commands_own_messages(kind, runs_by_kind):
    runs, _ = runs_by_kind[kind]
    ran = {path for path in leaf_commands() for args, *_ in runs if tuple(args[: len(path)]) == path}
    assert leaf_commands() - ran == (set() if kind == "file" else {("demo",)})
    wrong_exit = [(args, expected, code, err) for args, expected, code, err in runs if code != expected]
    assert wrong_exit == []
    noise = {" ".join(args): [line for line in err.splitlines() if not OWN_LINE.fullmatch(line)]
             for args, _, _, err in runs}
    assert {cmd: lines for cmd, lines in noise.items() if lines} == {}


@pytest.mark.slow
@pytest.mark.parametrize("kind", REMOTE_KINDS)
def test_sqld_logs_no_error_or_warning_for_the_commands(kind, runs_by_kind):
    """The commands close their connections as the protocol expects (ERROR lines name dropped sockets)."""
    assert runs_by_kind[kind][1] == []
