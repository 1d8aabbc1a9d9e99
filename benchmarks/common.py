"""Timing, memory and machine helpers shared by the benchmarks.

Every workload is timed against its baselines in the same run, in rounds that
rotate the order of the variants (A/B/C, B/C/A, ...), so a noisy neighbour or a
warming cache hurts every variant alike.  Medians, not means: one stalled
round must not move the figure.  Peak memory is measured in a separate,
untimed pass (tracemalloc slows Python code down), or from /proc when the
workload runs in a child process.
"""

from __future__ import annotations

import atexit
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from jarvis_memory.reports.kernel import USER_FOLDER_VARS

REPO = Path(__file__).resolve().parent.parent

# Like the tests, the benchmarks keep Jupyter, IPython and matplotlib out of the user's folders: they
# start report kernels and plot, and a benchmark changes no user-level state.  A child (child_env) inherits them.
if any(_var not in os.environ for _var in USER_FOLDER_VARS):
    _PRIVATE = Path(tempfile.mkdtemp(prefix="jarvis-bench-user-"))
    for _var, _name in USER_FOLDER_VARS.items():
        os.environ.setdefault(_var, str(_PRIVATE / _name))
    atexit.register(shutil.rmtree, _PRIVATE, True)

PYTHON = sys.executable


@dataclass
class Row:
    """One line of the results table."""

    workload: str
    variant: str
    median_s: float | None
    shown: str  # the median in the workload's own unit, e.g. "41.2 µs/call" or "312k rows/s"
    baseline: str = ""  # variant this row is compared against ("" for a baseline itself)
    ratio: float | None = None  # median_s / baseline median_s: < 1 is faster
    target: str = ""
    met: bool | None = None
    peak_bytes: int | None = None
    peak_kind: str = ""  # "tracemalloc" | "VmHWM" (a child process's own peak) | "tree rss"
    runs: list[float] = field(default_factory=list)
    note: str = ""
    cpu_s: float | None = None  # median CPU seconds of this process (None when the work runs elsewhere)

    def __post_init__(self) -> None:
        if self.cpu_s is not None and self.median_s and self.cpu_s < 0.8 * self.median_s:
            self.note = (f"{self.note}; " if self.note else "") + (
                f"CPU time {self.cpu_s / self.median_s:.0%} of wall time (waiting for a core or the disk)")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def median(values: Sequence[Any]) -> float:
    return statistics.median(values)


def walls(clocks: Sequence[Clock]) -> list[float]:
    return [c.wall for c in clocks]


def cpu_median(clocks: Sequence[Clock]) -> float:
    return statistics.median(c.cpu for c in clocks)


class Clock:
    """Wall and CPU seconds of a ``with`` block: ``with Clock() as c: ...; c.wall, c.cpu``."""

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self._wall, time.process_time() - self._cpu


def interleaved(variants: Mapping[str, Callable[[int], Any]], rounds: int) -> dict[str, list[Any]]:
    """Run every variant once per round, rotating the order; each call returns its own timing.

    A variant times only its measured part (seconds, or a :class:`Clock`), so
    per-round setup (a fresh database, say) stays outside the figure.
    """
    names = list(variants)
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(rounds):
        shift = r % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(variants[name](r))
    return times


def child_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment of a benchmark's child process: this one's, the repository importable (``PYTHONPATH``),
    no ``DATABASE_AUTH_TOKEN`` (the children read ``file:`` databases), and ``extra``."""
    env = {**os.environ, "PYTHONPATH": str(REPO), **(extra or {})}
    env.pop("DATABASE_AUTH_TOKEN", None)
    return env


def dedup_audit(memories: Any) -> dict[str, Any]:
    """Every check the dedup notebook runs, in its order, on ``memories`` (the loader's ``ds.memories``):
    ``{check's name: its result}``.  Run by the children of ``bench_dedup`` and ``bench_dedup_memory``."""
    from jarvis_memory.analysis import dedup

    checks = (dedup.exact_groups, dedup.normalized_groups, dedup.near_duplicates, dedup.clusters,
              dedup.threshold_sweep, dedup.hash_integrity, dedup.review_queue, dedup.candidates)
    return {check.__name__: check(memories) for check in checks}


def python_peak(fn: Callable[[], Any]) -> int:
    """Peak bytes of Python allocations while ``fn`` runs (tracemalloc; C libraries' own memory not included)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@dataclass
class ChildRun:
    seconds: float
    returncode: int
    max_rss: int  # bytes: the high-water mark (VmHWM) of the largest process in the child's tree
    tree_rss: int  # bytes: the largest sum of RSS over the child's process tree, sampled every 50 ms
    stdout: str
    stderr: str


def run_child(cmd: Sequence[str], *, cwd: str | os.PathLike | None = None, env: Mapping[str, str] | None = None,
              timeout: float = 1800) -> ChildRun:
    """Run ``cmd`` to completion; wall time, exit code and peak memory of it and its descendants.

    Not ``ru_maxrss``: on Linux a child's ru_maxrss keeps the parent's
    high-water mark across fork and exec, so every child of this (large)
    process would report at least its size.  Each process's own ``VmHWM`` is
    read from /proc instead, while it runs.
    """
    import psutil

    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"jarvis-bench-{os.getpid()}-{time.monotonic_ns()}"
    with open(f"{out_path}.out", "w+") as out, open(f"{out_path}.err", "w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, env=dict(env) if env is not None else None, stdout=out, stderr=err)
        tree_peak, hwm = [0], [0]
        stop = threading.Event()

        def sample() -> None:
            try:
                root = psutil.Process(proc.pid)
            except psutil.NoSuchProcess:
                return
            while not stop.wait(0.05):
                total = 0
                try:
                    for p in [root, *root.children(recursive=True)]:
                        try:
                            total += p.memory_info().rss
                            hwm[0] = max(hwm[0], _vm_hwm(p.pid))
                        except (psutil.NoSuchProcess, OSError):
                            pass
                except psutil.NoSuchProcess:
                    return
                tree_peak[0] = max(tree_peak[0], total)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        deadline = time.monotonic() + timeout
        while True:
            pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, _ = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        result = ChildRun(seconds, proc.returncode, hwm[0], tree_peak[0], out.read(), err.read())
    for suffix in (".out", ".err"):
        Path(f"{out_path}{suffix}").unlink(missing_ok=True)
    return result


def _vm_hwm(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    import duckdb
    import libsql_client  # noqa: F401  (version via metadata)
    from importlib.metadata import version

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = int(line.split()[1]) * 1024
    except OSError:
        pass
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_bytes": ram,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "duckdb": duckdb.__version__,
        "libsql_client": version("libsql-client"),
        "pandas": version("pandas"),
        "load_at_start": os.getloadavg()[0],
    }


def fmt_seconds(s: float | None) -> str:
    if s is None:
        return "–"
    if s < 1e-3:
        return f"{s * 1e6:.1f} µs"
    if s < 1:
        return f"{s * 1e3:.1f} ms"
    return f"{s:.2f} s"


def fmt_bytes(n: int | None) -> str:
    if not n:
        return "–"
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


def fmt_rate(per_second: float, unit: str = "rows/s") -> str:
    if per_second >= 1e6:
        return f"{per_second / 1e6:.2f}M {unit}"
    if per_second >= 1e3:
        return f"{per_second / 1e3:.0f}k {unit}"
    return f"{per_second:.0f} {unit}"


def print_rows(rows: Iterable[Row]) -> None:
    """Print ``rows`` one a line, as a benchmark run on its own shows them: the figure, against its baseline,
    the target met or missed, the note, and each round's time."""
    for row in rows:
        ratio = f" ({fmt_ratio(row.ratio)} than {row.baseline})" if row.ratio else ""
        met = "" if row.met is None else f"; target {row.target}: {'met' if row.met else 'MISSED'}"
        note = f"; {row.note}" if row.note else ""
        runs = f"; rounds {', '.join(fmt_seconds(t) for t in row.runs)}" if row.runs else ""
        print(f"{row.workload} | {row.variant}: {row.shown}{ratio}{met}{note}{runs}")


def fmt_ratio(ratio: float | None) -> str:
    if ratio is None:
        return ""
    if ratio >= 1:
        return f"{ratio:.2f}x slower"
    return f"{1 / ratio:.2f}x faster"
