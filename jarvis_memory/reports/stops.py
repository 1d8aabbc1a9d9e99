"""A report run stopped early: by a signal it can catch (SIGINT, SIGTERM), which unwinds through every clean-up,
or killed outright (SIGKILL), whose leftovers the next run into the same folder removes."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import click

from ..files import remove_stale
from .kernel import remove_stale_folders


def remove_leftovers(out: Path) -> None:
    """What runs killed outright (SIGKILL: no clean-up runs) left: their temporary files in ``out``'s run folders
    (a folder that only held those goes too) and their private kernel folders; a live run's stay
    (:func:`files.remove_stale` owns the rule)."""
    remove_stale_folders()
    for folder in [p for p in out.iterdir() if p.is_dir()] if out.is_dir() else []:
        if remove_stale(folder, r"\..+\."):  # the notebook's and atomic_write's temporary files: ".NAME.…"
            with suppress(OSError):
                folder.rmdir()  # only if empty: a run killed before anything of its own was finished


class Stopped(KeyboardInterrupt):
    """The run was stopped by signal ``signum`` (Ctrl-C's SIGINT, or SIGTERM); a KeyboardInterrupt, so every
    library treats it as Ctrl-C, unwinding through the clean-ups."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def stopped_as_exit() -> Iterator[None]:
    """SIGINT (Ctrl-C) and SIGTERM (``kill``, a cron or systemd timeout) end the run by an exception, so the kernel
    is stopped and the temporary folders and files are removed (Python's default for SIGTERM is to die at once,
    leaving them behind); then one line on stderr and exit status 128 + the signal's number (130, 143: the shells'
    convention).  A signal ignored when the run started (``nohup``, ``&`` in a script) stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise Stopped(signum)

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)
                if signal.getsignal(signum) is not signal.SIG_IGN}
    try:
        yield
    except Stopped as e:
        click.echo(f"error: report stopped by {signal.Signals(e.signum).name}: the reports finished are kept, the one"
                   " running and the run's temporary files removed", err=True)
        sys.exit(128 + e.signum)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
