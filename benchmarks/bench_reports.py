"""The whole report suite on the largest demo database, against the fixed cost of kernels.

``jarvis-memory report --all`` runs every notebook (papermill, one kernel
each, HTML export) in a child process.  The baseline runs three empty
notebooks (a parameters cell and ``pass``) through papermill with the same
kernel, also in a child: what any notebook-based report pays before it reads
a row.  Memory is the child tree's: the sampled sum of RSS over the tree
(runner plus kernel), and the high-water mark of its largest process.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .common import PYTHON, REPO, Row, child_env, fmt_seconds, interleaved, median, run_child

BASELINE = "3 empty notebooks through papermill (same kernel)"
CACHE = REPO / "benchmarks" / "out"  # git-ignored: demo databases are rebuilt, never committed

EMPTY_RUNNER = """
import sys, nbformat, papermill
from nbformat.v4 import new_code_cell, new_notebook
from jarvis_memory.reports.runner import private_kernel
folder = sys.argv[1]
with private_kernel() as kernel:
    for i in range(3):
        params = new_code_cell('database_url = None\\nsince = None\\nuntil = None\\noutput_dir = "."\\nfail_on = ""')
        params.metadata["tags"] = ["parameters"]
        nb = new_notebook(cells=[params, new_code_cell("pass")])
        nb.metadata["kernelspec"] = {"name": kernel, "display_name": kernel, "language": "python"}
        src = f"{folder}/empty{i}.ipynb"
        nbformat.write(nb, src)
        papermill.execute_notebook(src, f"{folder}/empty{i}.out.ipynb", parameters={"database_url": sys.argv[2]},
                                   kernel_name=kernel, progress_bar=False, log_output=False)
"""


def demo_database(size: str | dict[str, int], name: str | None = None) -> tuple[Path, float | None, dict]:
    """A demo database (seed 7), built once into the git-ignored cache; (path, build seconds or None, counts).

    ``size`` is a demo size name or explicit counts (then ``name`` names the cache file).  The
    file name carries a digest of the demo package's modules, so a changed generator means a fresh database.
    """
    import hashlib

    import jarvis_memory.demo

    CACHE.mkdir(parents=True, exist_ok=True)
    sources = sorted(Path(jarvis_memory.demo.__file__).parent.glob("*.py"))
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:8]
    path = CACHE / f"demo-{name or size}-{digest}.db"
    truth = path.with_suffix(".truth.json")
    built = None
    if not (path.exists() and truth.exists()):
        code = "import json, sys; from jarvis_memory.demo import build; build(sys.argv[1], size=json.loads(sys.argv[2]))"
        child = run_child([PYTHON, "-c", code, str(path), json.dumps(size)], cwd=REPO)
        if child.returncode:
            raise RuntimeError(f"demo build failed: {child.stderr[-2000:]}")
        built = child.seconds
    return path, built, json.loads(truth.read_text()).get("counts", {})


def run(quick: bool = False) -> list[Row]:
    size = "tiny" if quick else "large"
    rounds = 1 if quick else 5
    db, built, counts = demo_database(size)
    env = child_env()
    children: dict[str, list] = {"ours": [], "empty": []}
    with tempfile.TemporaryDirectory(prefix="jarvis-bench-reports-") as tmp:

        def ours(r: int) -> float:
            child = run_child([PYTHON, "-m", "jarvis_memory", "--url", f"file:{db}", "report", "--all",
                               "--out", f"{tmp}/reports{r}"], cwd=REPO, env=env)
            if child.returncode:
                raise RuntimeError(f"report --all failed ({child.returncode}): {child.stderr[-3000:]}")
            children["ours"].append(child)
            return child.seconds

        def empty(r: int) -> float:
            folder = Path(tmp) / f"empty{r}"
            folder.mkdir()
            child = run_child([PYTHON, "-c", EMPTY_RUNNER, str(folder), f"file:{db}"], cwd=REPO, env=env)
            if child.returncode:
                raise RuntimeError(f"empty notebooks failed: {child.stderr[-3000:]}")
            children["empty"].append(child)
            return child.seconds

        times = interleaved({"ours": ours, "empty": empty}, rounds)
    what = f"{counts.get('memory_entries', '?')} memories, {counts.get('sessions', '?')} sessions, {counts.get('daily_logs', '?')} events"
    workload = f"report --all on the {size} demo database"
    rows = []
    for key, name in (("ours", "jarvis-memory report --all (3 notebooks + HTML)"), ("empty", BASELINE)):
        runs = times[key]
        peak = max(c.tree_rss for c in children[key])
        is_ours = key == "ours"
        ratio = median(runs) / median(times["empty"]) if is_ours else None
        rows.append(Row(
            workload, name, median(runs), fmt_seconds(median(runs)), BASELINE if is_ours else "", ratio,
            "< 60 s" if is_ours else "", (median(runs) < 60) if is_ours else None, peak, "tree rss", runs,
            f"{rounds} interleaved rounds; {what}; largest single process "
            f"{max(c.max_rss for c in children[key]) / 2**20:.0f} MB (VmHWM)",
        ))
    return rows + build_row(workload, size, built)


def build_row(workload: str, size: str, built: float | None) -> list[Row]:
    """A row for the demo build when this run had to build the database (cached afterwards)."""
    if built is None:
        return []
    return [Row(workload, f"(building the demo database first: demo.build(size={size!r}))", built, fmt_seconds(built),
                note="one run, no target; cached under benchmarks/out/ for later runs")]
