"""The dedup audit's peak memory against the size of the memories' text (issue 23: 100 MB of text peaked at 6.2 GB).

    python -m benchmarks.bench_dedup_memory                  # 50 MB and 200 MB of text, printed
    python -m benchmarks.bench_dedup_memory --sizes 50       # one size, in MB
    python -m benchmarks --only dedup_memory                 # the same into RESULTS.md (--quick: 1 MB, printed)
    python -m benchmarks.bench_dedup_memory --sizes 5 --length 1000   # shorter memories

Each size is a database of long memories: sentences of the small demo's memories joined up to 10,000 characters
(``--length``; the most the app stores), in one of three categories at random, built once into the git-ignored
cache.  A fresh process (``benchmarks.common.run_child``) loads it with ``jarvis_memory.analysis.load`` and runs
every check the notebook runs, as ``bench_dedup`` does.  From 50 MB on, its words are common to many memories, so
the blocks stay small: this measures what holding the texts costs, not the comparisons.

The figures, over the text's size (characters; bytes too, it is ASCII): the child's peak RSS (VmHWM), and the
audit's own part of it, the peak less the same run's baseline: the RSS once the frame is loaded (interpreter,
libraries, DuckDB, the frame) and the dictionaries are (WordNet, lemminflect, wordfreq: ~190 MB whatever the
size, loaded by an audit of two memories).  Target (issue 23): the audit's part at most 10x the text, or a
refusal (``MemoryLimitError``) before it runs short.  The child stops itself past ``--max-mb`` of RSS (6,000: the
machine is shared) and says so, and gives the audit that limit (``JARVIS_MEMORY_DEDUP_MB``).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import tempfile
from pathlib import Path

from jarvis_memory.analysis.dedup.budget import LIMIT_VAR

from .bench_reports import CACHE, demo_database
from .common import PYTHON, REPO, Row, child_env, fmt_bytes, fmt_seconds, print_rows, run_child

SIZES = {"quick": (1,), "full": (50, 200)}
LIMIT_MB = 6_000
TARGET = 10  # the audit's part of the peak, in times the text

CHILD = r"""
import json, os, sys, threading, time
from pathlib import Path

limit = int(sys.argv[2]) * 2**20


def rss(field="VmRSS"):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024


def watch():  # the machine is shared: stop before the limit, and say when
    while True:
        if rss() > limit:
            print(json.dumps({"stopped_at": rss(), "seconds": time.perf_counter() - started}), flush=True)
            os._exit(9)
        time.sleep(0.1)


started = time.perf_counter()
threading.Thread(target=watch, daemon=True).start()
from benchmarks.common import dedup_audit
from jarvis_memory.analysis import dedup
from jarvis_memory.analysis.load import load
from jarvis_memory.errors import JarvisMemoryError

with load(sys.argv[1]) as ds:
    memories = ds.memories
text = int(memories["content"].str.len().sum())
loaded_rss, loaded = rss(), time.perf_counter() - started
# the dictionaries (WordNet, lemminflect, wordfreq), loaded by a first audit of two memories: a fixed cost
from jarvis_memory.analysis.dedup import lexicon
lexicon.is_word("zorbl"), lexicon.same_meaning("kid", "child"), lexicon.particle_keeps_verb("go", "off")
dedup.candidates(memories.head(2).assign(content=["Likes jazz while cooking", "Likes jaz while cooking"]))
ready_rss = rss()
started = time.perf_counter()
out = {"memories": len(memories), "text": text, "loaded_rss": loaded_rss, "ready_rss": ready_rss,
       "load_seconds": loaded}
try:
    found = dedup_audit(memories)
    out.update(review_groups=len(found["review_queue"]), pairs=len(found["candidates"]),
               compared_pairs=found["near_duplicates"].attrs["compared_pairs"])
except JarvisMemoryError as e:
    out["refused"] = f"{type(e).__name__}: {e}"
out.update(seconds=time.perf_counter() - started, peak=rss("VmHWM"))
print(json.dumps(out))
"""


def text_database(megabytes: float, length: int = 10_000) -> Path:
    """A database of ``megabytes`` MB of memories of up to ``length`` characters (sentences of the small demo),
    built once into the cache (seed 7)."""
    pool_db, _, _ = demo_database("small")
    path = CACHE / f"dedup-text-{megabytes:g}MB-{length}-{pool_db.stem.rsplit('-', 1)[-1]}.db"
    if path.exists():
        return path
    with sqlite3.connect(pool_db) as con:
        pool = [r[0].rstrip(".") + "." for r in con.execute("SELECT content FROM memory_entries ORDER BY id")]
    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="jarvis-bench-text-") as tmp:
        rows, size = Path(tmp) / "memories.jsonl", 0
        with rows.open("w", encoding="utf-8") as out:
            while size < megabytes * 1e6:
                parts, n = [], -1
                while True:
                    sentence = rng.choice(pool)
                    if n + 1 + len(sentence) > length:
                        break
                    parts.append(sentence)
                    n += 1 + len(sentence)
                text = " ".join(parts) or rng.choice(pool)[:length]
                size += len(text)
                out.write(json.dumps({"content": text, "category": rng.choice(("preference", "fact", "pattern")),
                                      "source": "user_explicit"}) + "\n")
        code = ("import sys; from jarvis_memory import Database; from jarvis_memory.store.bulk import import_file\n"
                "with Database(sys.argv[1]) as db:\n    r = import_file(db, sys.argv[2])\nsys.exit(1 if r.rejected else 0)")
        partial = path.with_suffix(".partial.db")
        partial.unlink(missing_ok=True)
        child = run_child([PYTHON, "-c", code, f"file:{partial}", str(rows)], cwd=REPO)
        if child.returncode:
            raise RuntimeError(f"building {path.name} failed: {child.stderr[-2000:]}")
    partial.rename(path)
    return path


def measure(megabytes: float, length: int = 10_000, max_mb: int = LIMIT_MB) -> Row:
    db = text_database(megabytes, length)
    child = run_child([PYTHON, "-c", CHILD, db.resolve().as_uri(), str(max_mb)], cwd=REPO,
                      env=child_env({LIMIT_VAR: str(max_mb)}))
    lines = child.stdout.strip().splitlines()
    if not lines:
        raise RuntimeError(f"the audit failed ({child.returncode}): {child.stderr[-2000:]}")
    figures = json.loads(lines[-1])
    workload = f"dedup audit memory: {megabytes:g} MB of text in memories of up to {length:,} characters"
    if "stopped_at" in figures:
        return Row(workload, "jarvis_memory.analysis.dedup (all checks)", None,
                   f"stopped at {fmt_bytes(figures['stopped_at'])} RSS after {fmt_seconds(figures['seconds'])}",
                   target=f"audit ≤ {TARGET}x the text, or refused", met=False, peak_bytes=child.max_rss,
                   peak_kind="VmHWM", note=f"the child passed --max-mb {max_mb:,} and stopped itself")
    text, peak, own = figures["text"], figures["peak"], figures["peak"] - figures["ready_rss"]
    refused = figures.get("refused")
    shown = (f"peak {fmt_bytes(peak)} = {peak / text:.1f}x the text; the audit's part "
             f"{fmt_bytes(own)} = {own / text:.1f}x") + (f"; refused: {refused}" if refused else "")
    note = (f"{figures['memories']:,} memories, {text / 1e6:.1f} M characters; RSS once loaded "
            f"{fmt_bytes(figures['loaded_rss'])}, then {fmt_bytes(figures['ready_rss'])} with the dictionaries "
            f"(the baseline: an audit of two memories; with them the audit's part is "
            f"{(peak - figures['loaded_rss']) / text:.1f}x); load {fmt_seconds(figures['load_seconds'])}, "
            f"audit {fmt_seconds(figures['seconds'])}")
    if not refused:
        note += (f"; {figures['pairs']:,} candidate pairs, {figures['review_groups']:,} review groups, "
                 f"{figures['compared_pairs']:,} pairs compared in blocks")
    return Row(workload, "jarvis_memory.analysis.dedup (all checks)", figures["seconds"], shown,
               target=f"audit ≤ {TARGET}x the text, or refused", met=bool(refused) or own <= TARGET * text,
               peak_bytes=peak, peak_kind="VmHWM", runs=[figures["seconds"]], note=note)


def run(quick: bool = False, sizes: tuple[float, ...] | None = None, length: int = 10_000,
        max_mb: int = LIMIT_MB) -> list[Row]:
    return [measure(mb, length, max_mb) for mb in sizes or SIZES["quick" if quick else "full"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{SIZES['quick'][0]} MB only")
    parser.add_argument("--sizes", type=lambda s: tuple(float(x) for x in s.split(",")),
                        help="MB of text, comma-separated (default 50,200)")
    parser.add_argument("--length", type=int, default=10_000, help="characters per memory, at most (default 10,000)")
    parser.add_argument("--max-mb", type=int, default=LIMIT_MB, help=f"stop the child past this RSS (default {LIMIT_MB:,})")
    args = parser.parse_args()
    print_rows(run(args.quick, args.sizes, args.length, args.max_mb))


if __name__ == "__main__":
    main()
