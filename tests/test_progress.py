"""Progress of long commands: a tqdm bar on a terminal, dated lines in a log, nothing on standard output."""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

from conftest import cli_env
from jarvis_memory.progress import Progress

CLI = [sys.executable, "-m", "jarvis_memory"]
DATED = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z"


def _memories(path: Path, n: int) -> Path:
    with path.open("w") as f:
        for i in range(n):
            f.write(json.dumps({"content": f"memory number {i}", "category": "fact", "source": "user_explicit"}) + "\n")
    return path


def test_a_log_gets_dated_lines_and_stdout_only_the_result(tmp_path):
    source = _memories(tmp_path / "m.jsonl", 2_500)
    result = subprocess.run([*CLI, "import", str(source), "--chunk-size", "1000"], capture_output=True, text=True,
                            env=cli_env((tmp_path / "j.db").as_uri()), timeout=120)
    assert result.returncode == 0, result.stderr
    assert re.search(rf"^{DATED} import: 2,500 rows \([\d,]+/s, 2,500 new, 0 duplicates\)$", result.stderr, re.M)
    assert result.stdout.strip() == "2,500 read: 2,500 new, 0 duplicates, 0 rejected"


def test_a_terminal_gets_a_tqdm_bar(tmp_path):
    source = _memories(tmp_path / "m.jsonl", 1_500)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a terminal 120 columns wide
    proc = subprocess.Popen([*CLI, "import", str(source)], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=follower, env=cli_env((tmp_path / "j.db").as_uri()))
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=120) == 0
    os.close(leader)
    text = seen.decode()
    assert "import: " in text and "1.50k rows" in text and "1,500 new" in text and "\r" in text


def test_lines_are_throttled_and_a_disabled_progress_prints_nothing():
    log = io.StringIO()
    with Progress("work", unit="steps", every=3600, file=log) as bar:
        for _ in range(1000):
            bar.update(1)
        bar.note("halfway")
    lines = log.getvalue().splitlines()
    assert len(lines) == 2 and lines[0].endswith(" halfway") and re.match(rf"{DATED} work: 1,000 steps \(", lines[1])
    quiet = io.StringIO()
    with Progress("work", file=quiet, enabled=False) as bar:
        bar.update(5)
        bar.note("x")
    assert quiet.getvalue() == ""
