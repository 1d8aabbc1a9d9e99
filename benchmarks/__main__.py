"""Run the benchmarks and write ``benchmarks/RESULTS.md`` and ``benchmarks/results.json``.

    python -m benchmarks                 # everything (several minutes)
    python -m benchmarks --quick         # small sizes, a smoke run of seconds; prints, writes nothing
    python -m benchmarks --only store    # one workload; its rows replace the old ones in the results

Workloads: store, search, import, load, dedup, dedup_memory, reports, replica, merges.  A workload that fails is
recorded as failed with its error; the others still run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import threading
import time
import traceback
from pathlib import Path

from .common import Row, fmt_bytes, fmt_ratio, machine

HERE = Path(__file__).resolve().parent
WORKLOADS = {  # name -> module with run(quick: bool) -> list[Row], or module:function (an adapter below)
    "store": "benchmarks.bench_store",
    "search": "benchmarks.bench_search",
    "import": "benchmarks.bench_import",
    "load": "benchmarks.__main__:load_workload",
    "dedup": "benchmarks.bench_dedup",
    "dedup_memory": "benchmarks.bench_dedup_memory",
    "reports": "benchmarks.bench_reports",
    "replica": "benchmarks.bench_replica",
    "merges": "benchmarks.bench_merges",
}
LOAD_CHILD = """
import sys
from pathlib import Path
from benchmarks.bench_load import contenders
contenders(Path(sys.argv[1]))[sys.argv[2]]()
"""


def load_workload(quick: bool) -> list[Row]:
    """``bench_load.contenders`` (the loader's author's) timed interleaved, plus ws:// and where its time goes."""
    import gc

    from .bench_load import contenders
    from .bench_reports import build_row, demo_database
    from .common import PYTHON, REPO, Clock, child_env, cpu_median, fmt_seconds, interleaved, median, run_child, walls

    size = "small" if quick else "large"
    db, built, counts = demo_database(size)
    fns = contenders(db.resolve())
    pick = {key: next(n for n in fns if key in n) for key in ("jarvis_memory.analysis.load", "adbc", "libsql-client")}
    for fn in fns.values():
        fn()  # warm-up: page cache, imports

    def timed(fn):
        def run(_round: int) -> Clock:
            gc.collect()
            with Clock() as clock:
                fn()
            return clock
        return run

    rounds = 3 if quick else 5
    times = interleaved({name: timed(fn) for name, fn in fns.items()}, rounds)
    peaks = {name: run_child([PYTHON, "-c", LOAD_CHILD, str(db.resolve()), name], cwd=REPO, env=child_env()).max_rss
             for name in fns}
    events = counts.get("daily_logs", 0)
    workload = f"load {events // 1000}k events + {counts.get('memory_entries', 0) // 1000}k memories into DuckDB (file:)"
    m = {name: median(walls(clocks)) for name, clocks in times.items()}
    rows = []
    for name, clocks in times.items():
        base = pick["adbc"] if name == pick["jarvis_memory.analysis.load"] else pick["jarvis_memory.analysis.load"] if name != pick["adbc"] else ""
        ratio = m[name] / m[base] if base else None
        target, met = "", None
        if name == pick["jarvis_memory.analysis.load"]:
            target, met = "within 1.2x of adbc", ratio <= 1.2
        rows.append(Row(workload, name, m[name], f"{fmt_seconds(m[name])} ({events / m[name] / 1e6:.2f}M events/s)",
                        base, ratio, target, met, peaks[name], "VmHWM", walls(clocks),
                        f"{rounds} interleaved rounds after a warm-up; CPU {fmt_seconds(cpu_median(clocks))}",
                        cpu_median(clocks)))
    ours = pick["jarvis_memory.analysis.load"]
    naive = pick["libsql-client"]
    rows[[r.variant for r in rows].index(ours)].note += "; " + _loader_parts(db.resolve(), rounds)
    rows.append(Row(workload, f"{ours}, against the naive path", m[ours], fmt_seconds(m[ours]), naive,
                    m[ours] / m[naive], "≥ 8x faster than libsql-client → pandas", m[ours] / m[naive] <= 1 / 8,
                    note="the same runs as the loader's row above"))
    return rows + _load_ws(quick) + build_row(workload, size, built)


def _loader_parts(path: Path, rounds: int) -> str:
    """Where the loader's time goes: the ADBC read, then DuckDB's parse and copy, against a copy alone (CPU medians)."""
    import duckdb

    from jarvis_memory.store import config
    from jarvis_memory.analysis import load as loader

    from .common import Clock, fmt_seconds, median

    settings = config.load(path.as_uri())
    read, convert, copy = [], [], []
    for _ in range(rounds):
        with Clock() as clock:
            with loader.open_file(settings) as conn:
                tables = {t: loader.read_table(conn, t) for t in loader.TABLES}
        read.append(clock.cpu)
        with Clock() as clock:
            loader.to_duckdb(tables).close()
        convert.append(clock.cpu)
        with Clock() as clock:
            con = duckdb.connect()
            con.execute("SET preserve_insertion_order = false")  # as the loader copies
            for t in loader.TABLES:
                con.register(f"raw_{t}", tables[t])
                con.execute(f"CREATE TABLE {t} AS SELECT * FROM raw_{t}")
            con.close()
        copy.append(clock.cpu)
    return (f"where its time goes (CPU medians): ADBC read {fmt_seconds(median(read))}, DuckDB parse + copy "
            f"{fmt_seconds(median(convert))} (a plain copy of the same Arrow tables alone: {fmt_seconds(median(copy))})")


def _load_ws(quick: bool) -> list[Row]:
    """``load()`` over ws:// from the test server in its own process: rows/s, and client vs server time."""
    import cProfile
    import pstats

    import psutil

    from jarvis_memory.analysis.load import load

    from .bench_reports import demo_database
    from .bench_store import _server
    from .common import Clock, fmt_rate, fmt_seconds, median, walls

    size = {"memories": 2_000, "sessions": 500, "events": 10_000} if quick else \
        {"memories": 5_000, "sessions": 2_000, "events": 100_000}
    db, _, counts = demo_database(size, f"ws-{size['events'] // 1000}k")
    total = sum(counts.values())
    proc, url = _server(db.resolve(), tuned=True)
    try:
        server = psutil.Process(proc.pid)
        clocks, server_cpu = [], []
        for _ in range(2 if quick else 5):
            before = sum(server.cpu_times()[:2])
            with Clock() as clock:
                load(url).close()
            server_cpu.append(sum(server.cpu_times()[:2]) - before)
            clocks.append(clock)
        # The remote client works on its own event-loop thread: profile that thread too.
        # Per-thread CPU clocks, so a thread waiting for the other counts nothing.
        profile, loop_profile = cProfile.Profile(time.thread_time), cProfile.Profile(time.thread_time)

        def on_new_thread(*_: object) -> None:
            sys.setprofile(None)
            loop_profile.enable()

        threading.setprofile(on_new_thread)
        try:
            profile.runcall(lambda: load(url).close())
        finally:
            threading.setprofile(None)
            loop_profile.disable()
    finally:
        proc.terminate()
        proc.wait(10)
    stats = pstats.Stats(profile).add(loop_profile).stats
    groups = {"JSON decoding (json.loads)": 0.0, "libsql-client (Hrana → ResultSet rows)": 0.0,
              "jarvis_memory.analysis.load (rows → Arrow)": 0.0, "DuckDB (parse, copy)": 0.0}
    for (filename, _, function), (_, _, tottime, _, _) in stats.items():
        if function == "loads" or "/json/" in filename or "raw_decode" in function:
            groups["JSON decoding (json.loads)"] += tottime
        elif "libsql_client" in filename:
            groups["libsql-client (Hrana → ResultSet rows)"] += tottime
        elif "jarvis_memory/load" in filename or "pyarrow" in filename:
            groups["jarvis_memory.analysis.load (rows → Arrow)"] += tottime
        elif "duckdb" in filename or "DuckDBPy" in function:
            groups["DuckDB (parse, copy)"] += tottime
    whole = sum(v[2] for v in stats.values() if v[2] > 0)
    wall = median(walls(clocks))
    where = ", ".join(f"{k} {v / whole:.0%}" for k, v in groups.items())
    note = (f"test server (kept connection) in its own process, pages of 10k rows; {len(clocks)} runs; "
            f"server CPU {fmt_seconds(median(server_cpu))} of {fmt_seconds(wall)} wall; client CPU "
            f"{fmt_seconds(whole)} (cProfile on thread CPU clocks, both threads), of which: {where}, rest (asyncio, aiohttp, threads) "
            f"{1 - sum(groups.values()) / whole:.0%}")
    return [Row(f"load {total // 1000}k rows over ws:// ({counts.get('daily_logs', 0) // 1000}k events)",
                "jarvis_memory.analysis.load (keyset pages over ws:)", wall, fmt_rate(total / wall),
                runs=walls(clocks), note=note, target="state rows/s")]


def run_workload(name: str, quick: bool) -> list[dict]:
    started = time.perf_counter()
    try:
        module_name, _, attr = WORKLOADS[name].partition(":")
        module = importlib.import_module(module_name)
        rows = [r.as_dict() if isinstance(r, Row) else dict(r) for r in getattr(module, attr or "run")(quick=quick)]
    except Exception as e:  # one broken workload must not lose the others' figures
        traceback.print_exc()
        rows = [Row(name, "(failed)", None, "–", met=False,
                    note=f"{type(e).__name__}: {' '.join(str(e).split())[:300]}").as_dict()]
    for row in rows:
        row["key"] = name
    print(f"{name}: {len(rows)} rows in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return rows


def markdown(results: dict) -> str:
    m = results["machine"]
    lines = [
        "# Benchmark results",
        "",
        "Written by `python -m benchmarks` (`make bench`); figures are medians over interleaved rounds.",
        "Ratio = variant median time / baseline median time. Peak memory: tracemalloc = Python allocations"
        " during one untimed pass; tree rss = sampled sum of RSS over a child process tree (every 50 ms);"
        " VmHWM = a child process's own high-water mark.",
        "",
        "| workload | variant | median | vs baseline | target | met? | peak memory |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results["rows"]:
        ratio = f"{fmt_ratio(r['ratio'])} than {r['baseline']}" if r.get("ratio") is not None else ""
        met = {True: "yes", False: "**no**", None: ""}[r.get("met")]
        peak = f"{fmt_bytes(r.get('peak_bytes'))} ({r['peak_kind']})" if r.get("peak_bytes") else "–"
        lines.append(f"| {r['workload']} | {r['variant']} | {r['shown']} | {ratio} | {r.get('target', '')} | {met} | {peak} |")
    lines += ["", "## Notes", ""]
    for r in results["rows"]:
        if r.get("note"):
            lines.append(f"- {r['workload']} / {r['variant']}: {r['note']}")
    ram = m.get("ram_bytes")
    lines += [
        "",
        "## Machine",
        "",
        f"- date: {m['date']} (run took {results.get('seconds', 0):.0f} s{', quick sizes' if results.get('quick') else ''})",
        f"- CPU: {m['cpu']}, {m['cores']} cores; RAM {fmt_bytes(ram)}; {m['os']}",
        f"- Python {m['python']}, SQLite {m['sqlite']}, DuckDB {m['duckdb']}, libsql-client {m['libsql_client']},"
        f" pandas {m['pandas']}",
        *[f"- re-run on its own: {', '.join(r['workloads'])} at {r['date']} ({r['seconds']:.0f} s, load {r['load_at_start']:.2f})"
          for r in results.get("reruns", [])],
        f"- 1-minute load average: {m['load_at_start']:.2f} at start, {m.get('load_at_end', float('nan')):.2f} at the end"
        " (2 cores: above 2, variants waited for a core; targets are judged on wall time all the same, and the"
        " notes give CPU time where the work runs in this process)",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes; print the table, write nothing")
    parser.add_argument("--only", action="append", choices=list(WORKLOADS), metavar="NAME",
                        help=f"run only this workload (repeatable): {', '.join(WORKLOADS)}")
    parser.add_argument("--out", type=Path, help="folder for RESULTS.md and results.json (default: benchmarks/)")
    args = parser.parse_args(argv)

    names = args.only or list(WORKLOADS)
    started = time.perf_counter()
    results = {"machine": machine(), "quick": args.quick, "rows": []}
    for name in names:
        results["rows"] += run_workload(name, args.quick)
    results["seconds"] = time.perf_counter() - started
    results["machine"]["load_at_end"] = os.getloadavg()[0]

    out = args.out or (None if args.quick else HERE)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        previous = out / "results.json"
        if args.only and previous.exists():  # keep the other workloads' rows, in workload order
            old = json.loads(previous.read_text())
            kept = [r for r in old["rows"] if r.get("key") not in names]
            order = list(WORKLOADS)
            results["rows"] = sorted(kept + results["rows"], key=lambda r: order.index(r.get("key", order[0])))
            rerun = {"workloads": names, "date": results["machine"]["date"], "seconds": results["seconds"],
                     "load_at_start": results["machine"]["load_at_start"]}
            results.update(machine=old["machine"], seconds=old.get("seconds", 0), quick=old.get("quick", False),
                           reruns=old.get("reruns", []) + [rerun])
        (out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
        (out / "RESULTS.md").write_text(markdown(results))
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
