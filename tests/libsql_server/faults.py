"""Fault injection and request counters, safe to use from any thread.

Every request the server receives carries a list of *kinds*:

* Hrana over WebSocket: the request type (``open_stream``, ``execute``,
  ``batch``, ``sequence``, ``close_stream``, ...) and ``hello``;
* HTTP v1: ``v1_execute`` + ``execute``, or ``v1_batch`` + ``batch``;
* Hrana over HTTP: ``pipeline`` plus the type of every request inside the
  pipeline (``execute``, ``batch``, ``close``, ...);
* any request rejected for bad credentials: ``unauthorized``.

A fault whose ``kind`` is ``None`` matches every request; otherwise it matches
requests carrying that kind.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Fault:
    """One injected fault, applied to a single request."""

    action: Literal["drop", "fail"]
    kind: str | None
    #: For drops: abort the connection before or after executing the request.
    when: Literal["before", "after"] = "before"
    #: For failures: the HTTP status (WebSocket requests get a Hrana error).
    status: int = 500
    message: str = "Injected fault"
    code: str = "INJECTED_FAULT"


@dataclass
class _Pending:
    fault: Fault
    remaining: int


class Faults:
    """Faults waiting for the next matching requests, plus added latency."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: list[_Pending] = []
        #: Seconds added before answering each request.
        self.latency = 0.0

    def drop_next(
        self,
        kind: str | None = None,
        count: int = 1,
        when: Literal["before", "after"] = "before",
    ) -> None:
        """Abort the connection of the next ``count`` matching requests.

        ``when="before"``: the request is not executed. ``when="after"``: it is
        executed (a batch commits or rolls back as a whole) but never answered.
        Either way the stream the request ran on is closed, rolling back any
        transaction still open on it.
        """
        if when not in ("before", "after"):
            raise ValueError(f"when must be 'before' or 'after', not {when!r}")
        self._add(Fault("drop", kind, when=when), count)

    def fail_next(
        self,
        kind: str | None = None,
        status: int = 500,
        count: int = 1,
        message: str = "Injected fault",
        code: str = "INJECTED_FAULT",
    ) -> None:
        """Answer the next ``count`` matching requests with an error, unexecuted."""
        self._add(Fault("fail", kind, status=status, message=message, code=code), count)

    def clear(self) -> None:
        """Forget pending faults and reset the latency."""
        with self._lock:
            self._pending.clear()
        self.latency = 0.0

    def take(self, kinds: Iterable[str]) -> Fault | None:
        """Consume and return the first pending fault matching ``kinds``."""
        kinds = set(kinds)
        with self._lock:
            for index, pending in enumerate(self._pending):
                if pending.fault.kind is None or pending.fault.kind in kinds:
                    pending.remaining -= 1
                    if pending.remaining == 0:
                        del self._pending[index]
                    return pending.fault
        return None

    def _add(self, fault: Fault, count: int) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        with self._lock:
            self._pending.append(_Pending(fault, count))


class Stats:
    """Counts of received requests by kind; missing kinds count as 0."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()

    def record(self, kinds: Iterable[str]) -> None:
        with self._lock:
            self._counts.update(kinds)

    def __getitem__(self, kind: str) -> int:
        with self._lock:
            return self._counts[kind]

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()
