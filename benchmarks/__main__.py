"""Run the benchmarks and write ``benchmarks/RESULTS.md`` and ``benchmarks/results.json``.

    python -m benchmarks                 # everything (several minutes)
    python -m benchmarks --quick         # small sizes, a smoke run of seconds; prints, writes nothing
    python -m benchmarks --only store    # one workload; its rows replace the old ones in the results

Workloads: store, import, load, dedup, reports.  A workload that fails is
recorded as failed with its error; the others still run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
from pathlib import Path

from .common import Row, fmt_bytes, fmt_ratio, machine

HERE = Path(__file__).resolve().parent
WORKLOADS = {  # name -> module; each has run(quick: bool) -> list[Row]
    "store": "benchmarks.bench_store",
    "import": "benchmarks.bench_import",
    "load": "benchmarks.bench_load",
    "dedup": "benchmarks.bench_dedup",
    "reports": "benchmarks.bench_reports",
}


def run_workload(name: str, quick: bool) -> list[dict]:
    started = time.perf_counter()
    try:
        module = importlib.import_module(WORKLOADS[name])
        rows = [r.as_dict() if isinstance(r, Row) else dict(r) for r in module.run(quick=quick)]
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
        " during one untimed pass; tree rss = sampled sum over a child process tree; ru_maxrss = its largest process.",
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
        f"- 1-minute load average at start: {m['load_at_start']:.2f}",
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

    out = args.out or (None if args.quick else HERE)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        previous = out / "results.json"
        if args.only and previous.exists():  # keep the other workloads' rows, in workload order
            old = json.loads(previous.read_text())
            kept = [r for r in old["rows"] if r.get("key") not in names]
            order = list(WORKLOADS)
            results["rows"] = sorted(kept + results["rows"], key=lambda r: order.index(r.get("key", order[0])))
        (out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
        (out / "RESULTS.md").write_text(markdown(results))
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
