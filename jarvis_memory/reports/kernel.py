"""The Jupyter kernel the reports run in: a private kernelspec for this interpreter, its environment, a quiet shutdown."""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from ..files import owned, remove_stale
from ..store import config
from ..store import replica as replicas
from .notebook import RUNNER_VAR

KERNEL_NAME = "jarvis-memory"
# A Unix socket's path holds at most 107 bytes on Linux, 103 on macOS (sun_path, unix(7)); jupyter_client
# names the kernel's sockets "<ip>-<n>".  A long TMPDIR pushes them past that and the kernel never starts.
SOCKET_PATH_MAX = 103
# The variables Jupyter, IPython and matplotlib read for their per-user folders (kernelspecs, profiles and
# history, font caches), each with a folder name: the tests and the benchmarks point them at private folders.
USER_FOLDER_VARS = {"JUPYTER_DATA_DIR": "jupyter-data", "JUPYTER_CONFIG_DIR": "jupyter-config",
                    "JUPYTER_RUNTIME_DIR": "jupyter-runtime", "IPYTHONDIR": "ipython", "MPLCONFIGDIR": "matplotlib"}



class KernelWatch:
    """The kernel a notebook runs in: whether it is running a cell (nbclient's hooks, ``hooks()``, passed to papermill,
    mark a cell sent and its reply received, so a cell that timed out is still marked running when the kernel is shut
    down) and, once it is found dead, its exit status (``status``, from the kernel manager's provisioner: a negative
    signal number for a kernel killed by one).  ``advice``: what the notebook's variables offer a run whose kernel
    the system killed for want of memory (:meth:`.notebook.Declared.advice`)."""

    def __init__(self, advice: Iterable[str] = ()) -> None:
        self.running = False
        self.status: int | None = None
        self.advice = list(advice)

    def hooks(self) -> dict[str, Any]:
        return {"on_cell_execute": self._sent, "on_cell_executed": self._answered}

    def _sent(self, **_: Any) -> None:
        self.running = True

    def _answered(self, **_: Any) -> None:
        self.running = False

    def failure(self, error: Exception) -> str:
        """The one line for a notebook whose kernel died or would not start: how the kernel ended, if it did (for
        signal 9, SIGKILL: most often the Linux out-of-memory killer, so with how to need less), else the error."""
        if self.status is None:
            message = " ".join(str(error).split()) or type(error).__name__
            return f"{type(error).__name__}: {message[:500]}"
        if self.status >= 0:
            return f"its kernel exited with status {self.status}"
        number = -self.status
        try:
            line = f"its kernel was killed by signal {number} ({signal.Signals(number).name})"
        except ValueError:  # a real-time signal has no name
            line = f"its kernel was killed by signal {number}"
        if number != signal.SIGKILL:
            return line
        return (f"{line}, most often by the system when it runs out of memory: report a shorter period "
                f"(--since/--until)" + "".join(f", or {advice}" for advice in self.advice))


def quiet_kernel_manager(watch: KernelWatch | None = None) -> type:
    """jupyter_client's ``AsyncKernelManager``, but shutting a kernel down without interrupting it first, killing
    one still running a cell (``watch``), and telling ``watch`` the exit status of a kernel found dead (nbclient asks
    ``is_alive`` before it shuts a kernel down, after a ``DeadKernelError`` too).

    jupyter_client sends SIGINT before the shutdown request; an idle ipykernel then sometimes logs
    ``[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel`` into the run's log.  The shutdown
    request alone stops an idle kernel.  A kernel whose cell timed out is still running it: a shutdown
    request closes its sockets under that cell, and ipykernel logs a ``ZMQError`` traceback on stderr when
    the cell ends (nbconvert#74), so it is killed instead.
    """
    from jupyter_client import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        async def _async_interrupt_kernel(self) -> None:
            if not self.shutting_down:
                await super()._async_interrupt_kernel()

        async def shutdown_kernel(self, now: bool = False, restart: bool = False) -> None:
            await super()._async_shutdown_kernel(now=now or bool(watch and watch.running), restart=restart)

        async def is_alive(self) -> bool:
            alive = await super().is_alive()
            if not alive and watch is not None and self.provisioner is not None:
                watch.status = await self.provisioner.poll()
            return alive

    return QuietKernelManager


@contextlib.contextmanager
def private_kernel() -> Iterator[str]:
    """A kernelspec for this interpreter that exists only for the run; yields its name.

    The spec is installed with ipykernel into a temporary prefix and found through
    ``JUPYTER_PATH`` (searched before the user's and the system's folders), so the
    notebooks always run in this environment's Python, whatever another checkout or
    venv registered, and no kernelspec in the user's Jupyter folders is created or
    changed.  The kernel's ``IPYTHONDIR`` (profile, history database) and ``MPLCONFIGDIR`` (matplotlib's
    font cache, about 0.1 s to rebuild) are in the same temporary prefix unless the user set them, so a
    nightly report writes nothing into ``~/.ipython``, ``~/.cache`` or ``~/.config``.
    """
    from ipykernel.kernelspec import write_kernel_spec

    with tempfile.TemporaryDirectory(prefix=owned("jarvis-kernelspec-")) as prefix:
        # write_kernel_spec with a path of ours: ipykernel's install() stages the spec in a mkdtemp
        # folder of its own and removes only the folder inside it, leaving /tmp/tmpXXXX_kernels behind.
        write_kernel_spec(os.path.join(prefix, "share", "jupyter", "kernels", KERNEL_NAME),
                          overrides={"display_name": "Python (jarvis-memory)"},
                          python_arguments=["-Xfrozen_modules=off"])  # as install() does: no debugger warning
        jupyter_path = os.pathsep.join(filter(None, [os.path.join(prefix, "share", "jupyter"),
                                                     os.environ.get("JUPYTER_PATH")]))
        private = {var: os.environ.get(var) or os.path.join(prefix, USER_FOLDER_VARS[var])
                   for var in ("IPYTHONDIR", "MPLCONFIGDIR")}
        with environ(JUPYTER_PATH=jupyter_path, **private):
            yield KERNEL_NAME


def socket_folder() -> tempfile.TemporaryDirectory:
    """A private (0700) temporary folder for the kernel's sockets: under the temporary folder, or under
    ``/tmp`` when the sockets' paths there would be too long for a Unix socket."""
    longest = os.path.join(tempfile.gettempdir(), owned("jarvis-kernel-") + "x" * 8, "kernel-99999")  # mkdtemp adds 8
    if len(os.fsencode(longest)) <= SOCKET_PATH_MAX:
        return tempfile.TemporaryDirectory(prefix=owned("jarvis-kernel-"))
    return tempfile.TemporaryDirectory(prefix=owned("jk-"), dir="/tmp")


def remove_stale_folders() -> None:
    """Remove the private folders (:func:`private_kernel`, :func:`socket_folder`) of runs killed outright (SIGKILL:
    no clean-up ran), by :func:`files.remove_stale`; a live run's folders stay."""
    remove_stale(tempfile.gettempdir(), "jarvis-kernel-|jarvis-kernelspec-")
    remove_stale("/tmp", "jk-")


@contextlib.contextmanager
def stopped_with_the_run(connection_file: str) -> Iterator[None]:
    """Whatever ends the block early (Ctrl-C, SIGTERM, an error), the kernel started with ``connection_file``
    is not left running: killed and waited for, before its folders are removed.

    nbclient shuts a kernel down only once it has started; one stopped while starting kept running (in a
    session of its own, so a terminal's Ctrl-C never reaches it) and wrote into the run's removed folders
    (a new connection file, IPython's and matplotlib's fallback folders in the temporary folder)."""
    try:
        yield
    except BaseException:
        import psutil

        kernels = []
        for child in psutil.Process().children(recursive=True):
            with contextlib.suppress(psutil.Error):
                if connection_file in child.cmdline():
                    kernels.append(child)
        for child in kernels:
            with contextlib.suppress(psutil.Error):
                child.kill()
        psutil.wait_procs(kernels, timeout=10)
        raise


def kernel_env(settings: config.Settings, replica: bool) -> dict[str, str | None]:
    """What the kernels get through their environment: the token (never a parameter), ``RUNNER_VAR`` (the runner
    checks the fail_on rules, the notebooks do not; and nobody is at the page, so the dedup audit's review panel
    is left out: papermill would store a widget's state in the notebook, and the exported page would load a widget
    manager from the network to show buttons no kernel answers) and, with ``replica=False``,
    ``JARVIS_MEMORY_REPLICA=0`` so that their ``load()`` reads in keyset pages."""
    return {config.TOKEN_VAR: settings.auth_token, RUNNER_VAR: "1", replicas.REPLICA_VAR: None if replica else "0"}


@contextlib.contextmanager
def environ(**values: str | None) -> Iterator[None]:
    """Set (or, for None, leave alone) environment variables for the kernels this process starts."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update({name: value for name, value in values.items() if value is not None})
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

