"""A report run stopped early leaves nothing behind: stopped by SIGINT (Ctrl-C) or SIGTERM, it removes its temporary
notebook, its private kernel folders and its kernel, and exits 128 + the signal with one line on stderr; killed by
SIGKILL (no clean-up can run), the next run into the same folder removes what it left, and nothing of a live run.

Real runs of the installed command on a tiny demo database, each with its own TMPDIR in tmp_path (where the private
kernel folders go); a notebook that sleeps keeps a run busy while it is signalled.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from test_report import CLI, write_notebook


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    from jarvis_memory.demo import FIXTURE_AS_OF, build

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build(path, size="tiny", seed=7, as_of=FIXTURE_AS_OF)
    return path.as_uri()


@pytest.fixture
def notebooks(tmp_path) -> Path:
    folder = tmp_path / "nbs"
    folder.mkdir()
    write_notebook(folder, "sleeps", "import time\nfrom pathlib import Path\n"
                                     "(Path(output_dir) / 'sleeping').touch()\ntime.sleep(120)")
    write_notebook(folder, "quick", 'from jarvis_memory.reports.notebook import write_headline\n'
                                    'write_headline("quick", {"ran": 1}, output_dir)')
    return folder


def start(name: str, notebooks: Path, out: Path, tmp: Path, url: str) -> subprocess.Popen:
    tmp.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_AUTH_TOKEN")}
    return subprocess.Popen([*CLI, "report", name, "--notebooks", str(notebooks), "--out", str(out)],
                            env={**env, "DATABASE_URL": url, "TMPDIR": str(tmp)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_interruptible)


def _interruptible() -> None:
    """SIGINT as a terminal's Ctrl-C delivers it: a suite started in the background of a shell without job control
    (``nohup ... &``) inherits SIGINT ignored, and the run keeps an ignored signal ignored (reports/stops.py)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def wait_for_kernel(proc: subprocess.Popen) -> psutil.Process:
    """The kernel the run started, as soon as its process exists (it is still starting)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        for child in psutil.Process(proc.pid).children(recursive=True):
            try:
                if "ipykernel_launcher" in " ".join(child.cmdline()):
                    return child
            except psutil.Error:
                pass
        time.sleep(0.02)
    raise AssertionError(f"no kernel started: {proc.communicate()[1][-2000:]}")


def stop(proc: subprocess.Popen, signum: int) -> str:
    """Send ``signum`` to the run this test started; its stderr."""
    try:
        proc.send_signal(signum)
        return proc.communicate(timeout=60)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def kernels_using(tmp: Path) -> list[psutil.Process]:
    """Processes whose command line names a file in ``tmp`` (a kernel's connection file)."""
    found = []
    for p in psutil.process_iter():
        try:
            if str(tmp) in " ".join(p.cmdline()):
                found.append(p)
        except psutil.Error:
            pass
    return found


def kernel_folders(pid: int, tmp: Path) -> list[str]:
    """The private folders of run ``pid``: in its TMPDIR, or its sockets' in /tmp when TMPDIR's path is too long."""
    return sorted(p.name for folder in (tmp, Path("/tmp")) if folder.is_dir() for p in folder.iterdir()
                  if p.name.startswith((f"jarvis-kernel-{pid}@", f"jarvis-kernelspec-{pid}@", f"jk-{pid}@")))


def everything(*folders: Path) -> list[str]:
    return sorted(str(p.relative_to(f.parent)) for f in folders for p in f.rglob("*"))


@pytest.mark.parametrize("moment", ["kernel starting", "cell running"])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_run_stopped_by_a_signal_removes_what_it_made_and_exits_128_plus_the_signal(
        signum, moment, demo_url, notebooks, tmp_path):
    out, tmp = tmp_path / "out", tmp_path / "tmp"
    proc = start("sleeps", notebooks, out, tmp, demo_url)
    kernel = wait_for_kernel(proc)
    deadline = time.monotonic() + 60
    while moment == "cell running" and not list(out.glob("*/sleeping")) and time.monotonic() < deadline:
        time.sleep(0.05)
    stderr = stop(proc, signum)
    assert proc.returncode == 128 + signum, stderr
    assert stderr.splitlines()[-1] == (f"error: report stopped by {signal.Signals(signum).name}: the reports finished"
                                       " are kept, the one running and the run's temporary files removed")
    assert "Traceback" not in stderr and "Aborted" not in stderr
    assert not kernel.is_running() or kernel.status() == psutil.STATUS_ZOMBIE  # stopped with the run, not later
    psutil.wait_procs(kernels_using(tmp), timeout=10)  # a kernel left behind would write into tmp as it ends
    assert everything(out, tmp) == [] and kernel_folders(proc.pid, tmp) == []


def test_the_next_run_removes_what_a_run_killed_by_sigkill_left_and_nothing_of_a_live_run(
        demo_url, notebooks, tmp_path):
    out, tmp = tmp_path / "out", tmp_path / "tmp"
    killed = start("sleeps", notebooks, out, tmp, demo_url)
    wait_for_kernel(killed)
    stop(killed, signal.SIGKILL)
    psutil.wait_procs(kernels_using(tmp), timeout=30)  # its kernel ends once it sees its parent gone
    left = everything(out, tmp)
    assert any(f"/.sleeps.{killed.pid}@" in p and p.endswith(".ipynb") for p in left), left
    assert [name.split("@")[0] for name in kernel_folders(killed.pid, tmp)] in (
        [f"jarvis-kernel-{killed.pid}", f"jarvis-kernelspec-{killed.pid}"],
        [f"jarvis-kernelspec-{killed.pid}", f"jk-{killed.pid}"])

    live = start("sleeps", notebooks, out, tmp, demo_url)
    try:
        wait_for_kernel(live)
        quick = subprocess.run([*CLI, "report", "quick", "--notebooks", str(notebooks), "--out", str(out)],
                               env={**os.environ, "DATABASE_URL": demo_url, "TMPDIR": str(tmp)},
                               capture_output=True, text=True, timeout=300)
        assert quick.returncode == 0, quick.stderr
        after = everything(out, tmp)
        assert not [p for p in after if f"{killed.pid}@" in p], after  # the killed run's leftovers are gone
        assert kernel_folders(killed.pid, tmp) == []
        assert any(f"/.sleeps.{live.pid}@" in p for p in after), after  # the live run's stay
        assert len(kernel_folders(live.pid, tmp)) == 2
    finally:
        stop(live, signal.SIGTERM)
    assert live.returncode == 143
    assert not [p for p in everything(out, tmp) if "@" in p] and kernel_folders(live.pid, tmp) == []
