"""How long the whole dedup audit takes on 100k memories, its peak memory, and how right it is.

    python -m benchmarks.bench_dedup            # 100k memories (demo, seed 7), 3 runs
    python -m benchmarks.bench_dedup --quick    # 5k memories, 1 run

Each run is a fresh process (``benchmarks.common.run_child``): it loads the demo
database with ``jarvis_memory.load``, then times every check the notebook runs
(groups, near duplicates, clusters, the threshold sweep, hash integrity,
contradictions, candidates) and scores the candidates against the demo's ground
truth.  Peak memory is the child's own high-water mark (VmHWM), so it includes
the loaded frames.  Target: the audit < 60 s and < 2 GB on 2 cores; precision and
recall >= 0.95 (the test suite checks them on the "small" demo).
"""

from __future__ import annotations

import argparse
import json
import os

from .bench_reports import demo_database
from .common import PYTHON, REPO, Row, fmt_bytes, fmt_seconds, median, run_child

SIZES = {
    "quick": {"memories": 5_000, "sessions": 500, "events": 7_000},
    "full": {"memories": 100_000, "sessions": 5_000, "events": 120_000},
}

CHILD = """
import json, sys, time
from jarvis_memory import dedup
from jarvis_memory.load import load

started = time.perf_counter()
with load(sys.argv[1]) as ds:
    memories = ds.memories
loaded = time.perf_counter() - started
started = time.perf_counter()
exact = dedup.exact_groups(memories)
normalized = dedup.normalized_groups(memories)
near = dedup.near_duplicates(memories)
clusters = dedup.clusters(memories)
sweep = dedup.threshold_sweep(memories)
integrity = dedup.hash_integrity(memories)
contradictions = dedup.contradictions(memories)
candidates = dedup.candidates(memories)
seconds = time.perf_counter() - started
n = len(memories)
print(json.dumps({"seconds": seconds, "load_seconds": loaded, "memories": n, "candidates": len(candidates),
                  "compared_pairs": near.attrs["compared_pairs"], "all_pairs": n * (n - 1) // 2,
                  **dedup.evaluate(candidates, sys.argv[2])}))
"""


def run(quick: bool = False) -> list[Row]:
    size = SIZES["quick" if quick else "full"]
    db, _, counts = demo_database(size, f"dedup-{size['memories'] // 1000}k")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("DATABASE_AUTH_TOKEN", None)
    runs, peaks, figures = [], [], {}
    for _ in range(1 if quick else 3):
        child = run_child([PYTHON, "-c", CHILD, db.resolve().as_uri(), str(db.with_suffix(".truth.json"))],
                          cwd=REPO, env=env)
        if child.returncode:
            raise RuntimeError(f"dedup audit failed: {child.stderr[-2000:]}")
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        runs.append(figures["seconds"])
        peaks.append(child.max_rss)
    peak = max(peaks)
    dup_p, dup_r = figures["duplicate_precision"], figures["duplicate_recall"]
    con_p, con_r = figures["contradiction_precision"], figures["contradiction_recall"]
    met = median(runs) < 60 and peak < 2 * 2**30 and min(dup_p, dup_r, con_p, con_r) >= 0.95
    note = (f"{figures['memories']:,} memories (demo seed 7); every check of the notebook, load excluded "
            f"(load {fmt_seconds(figures['load_seconds'])}); {len(runs)} runs, each in its own process; "
            f"{figures['compared_pairs']:,} pairs scored of {figures['all_pairs']:,}; "
            f"duplicates P {dup_p:.3f} R {dup_r:.3f}; contradictions P {con_p:.3f} R {con_r:.3f}; "
            f"peak includes the loaded frames")
    return [Row(f"dedup audit on {counts.get('memory_entries', 0) // 1000}k memories", "jarvis_memory.dedup (all checks)",
                median(runs), f"{fmt_seconds(median(runs))}, {fmt_bytes(peak)}", target="< 60 s, < 2 GB, P and R >= 0.95",
                met=met, peak_bytes=peak, peak_kind="VmHWM", runs=runs, note=note)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5k memories, one run")
    args = parser.parse_args()
    for row in run(quick=args.quick):
        print(f"{row.workload}: {row.shown} (met: {row.met})\n  {row.note}")


if __name__ == "__main__":
    main()
