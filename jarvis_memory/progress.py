"""Progress of long commands on standard error: a tqdm bar on a terminal, dated lines in a log.

A cron job's log gets a line such as ``2026-11-29T06:00:10.000Z import: 120,000 rows (12,000/s)``
at most every ``every`` seconds and one at the end; a terminal gets a live tqdm bar.
Nothing goes to standard output, which stays for the command's result.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Any

from . import timestamps


class Progress:
    """Count ``unit``s of work for ``desc``.  Use as a context manager; ``update(n)`` adds ``n``.

    ``total`` (optional) gives the bar an end.  ``enabled=False`` makes every call a no-op
    (for ``--json`` output, where a script reads standard error too).
    """

    def __init__(self, desc: str, *, total: int | None = None, unit: str = "rows", every: float = 10.0,
                 file: IO[str] | None = None, enabled: bool = True) -> None:
        self.desc, self.total, self.unit, self.every = desc, total, unit, every
        self.file = file or sys.stderr
        self.enabled = enabled
        self.done = 0
        self.extra = ""
        self._started = self._last = time.monotonic()
        self._bar: Any = None
        if enabled and self.file.isatty():
            from tqdm import tqdm

            self._bar = tqdm(desc=desc, total=total, unit=f" {unit}", unit_scale=True, file=self.file, leave=True,
                             dynamic_ncols=True)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def update(self, n: int = 1, extra: str = "") -> None:
        """Add ``n`` units done; ``extra`` (e.g. "5 new, 2 duplicates") is shown beside the count."""
        self.done += n
        self.extra = extra or self.extra
        if not self.enabled:
            return
        if self._bar is not None:
            if extra:
                self._bar.set_postfix_str(extra, refresh=False)
            self._bar.update(n)
        elif time.monotonic() - self._last >= self.every:
            self._line()

    def note(self, message: str) -> None:
        """A line of its own (a stage starting, a notebook done): above the bar, or dated in a log."""
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.write(message, file=self.file)
        else:
            print(f"{timestamps.now()} {message}", file=self.file, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        elif self.enabled and self.done:
            self._line()
        self.enabled = False

    def _line(self) -> None:
        self._last = time.monotonic()
        rate = self.done / max(self._last - self._started, 1e-9)
        of = f" of {self.total:,}" if self.total else ""
        extra = f", {self.extra}" if self.extra else ""
        print(f"{timestamps.now()} {self.desc}: {self.done:,}{of} {self.unit} ({rate:,.0f}/s{extra})",
              file=self.file, flush=True)
