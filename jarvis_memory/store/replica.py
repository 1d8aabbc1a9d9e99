"""Embedded replicas: a local SQLite copy of a remote memory database, kept in step by libSQL replication.

An *embedded replica* is libSQL's own mechanism (https://docs.turso.tech/features/embedded-replicas): the
client pulls the server's WAL frames over the replication protocol and applies them to a local SQLite file,
whole transactions at a time, so the file is always one committed state of the server (one consistent
snapshot of all tables).  The first :func:`sync` copies the database; later ones pull only new frames.

This module uses ``libsql-experimental`` 0.0.55, whose replication client speaks the frame-based protocol that
standalone sqld (0.24, what Turso runs and what the tests start) serves on its HTTP port.  ``libsql`` 0.1.x
pulls a whole-database export first (``/export``, "offline sync"), which standalone sqld answers with 404
(tursodatabase/libsql-python#101), so it cannot replicate from a self-hosted server.

Only :func:`sync` ever talks to the replication client, and only to call ``sync()``: a libSQL replica
connection would forward writes to the primary, so nothing is executed on it.  The file is then read like
any ``file:`` database, read-only.

The cache: one file per database under ``data/replicas/`` of the project (or ``cache_dir``, or
``$JARVIS_MEMORY_REPLICA_DIR``), named by the sha256 of the URL without credentials.  Beside each replica:

* ``<name>.source.json`` — the URL without credentials, written *before* the first byte of the replica, and
  after each checked sync the server's replication log id and frame number (kept by libSQL in
  ``<name>-client_wal_index``) and the replica file's identity (inode, size, mtime, ctime).  A file without it,
  or made from another URL, is never synced into (so ``--out`` cannot overwrite a database); in the cache
  folder, a file without it is a replica whose first sync was stopped, and is rebuilt.
* ``<name>.lock`` — a file lock (``filelock``) held while syncing and while reading, so two runs on one cache
  neither interleave frames nor read a half-applied sync.

**Trust** (one rule, :func:`_sync_locked`): a replica is synced into only if its last sync finished and the file
is still the one that sync left (same identity; copying an older copy back, another database over it, a
truncation or any write changes its ctime); and after every sync it is compared with the server — which
tables exist, each one's row count and highest id — at the same frame number (the replication index sqld
reports with every answer; sqld ``hrana/result_builder.rs``).  A replica that fails either check is deleted
and made again from scratch, once, and :attr:`Replica.rebuilt` says why; a server whose replication does not
reproduce its own database even then (its data file replaced under its replication log) is
:class:`ReplicationUnavailable`.  A failure writing the local files is a :class:`FileError` naming the cause.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, DatabaseError, FileError
from ..files import check_output
from . import _replica_files as files
from . import config
from .database import Database
from .migrations import CORE_TABLES

REPLICA_VAR = "JARVIS_MEMORY_REPLICA"  # "0"/"off"/"no"/"false": read remote databases in pages instead
REPLICA_DIR_VAR = "JARVIS_MEMORY_REPLICA_DIR"  # the cache folder (default: data/replicas in the project)
VERSION_TIMEOUT = 10.0  # seconds for the server's /version answer
LOCK_TIMEOUT = 600.0  # seconds to wait for another run's sync or read of the same replica
CHECK_ROUNDS = 3  # syncs tried to meet the server at one frame number before the comparison is skipped
_HTTP_FOR = {"ws": "http", "http": "http", "wss": "https", "https": "https", "libsql": "https"}
_TABLES_SQL = ("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ("
               + ", ".join(f"'{t}'" for t in sorted(CORE_TABLES)) + ") ORDER BY name")


class ReplicationUnavailable(DatabaseError):
    """The server did not answer the replication protocol (e.g. a WebSocket-only endpoint), or its replication
    does not reproduce its database; page instead."""


@dataclass(frozen=True)
class Replica:
    """A synced replica: ``path`` (SQLite file), ``source`` (URL without credentials), ``log_id`` (hex),
    ``first`` (this sync made the file), ``seconds`` (wall time of the sync), ``rebuilt`` (why the replica
    that was there was deleted and made again from scratch, or None)."""

    path: Path
    source: str
    log_id: str
    first: bool
    seconds: float
    rebuilt: str | None = None

    @property
    def settings(self) -> config.Settings:
        """The replica as a ``file:`` database."""
        return config.parse_url(self.path.as_uri())

    @property
    def note(self) -> str | None:
        """One line for a person when the replica was rebuilt (which, and why); else None."""
        return self.rebuilt and f"rebuilt the replica of {self.source} from scratch ({self.path}): {self.rebuilt}"


def enabled(replica: bool | None = None) -> bool:
    """``replica`` if given, else whether ``$JARVIS_MEMORY_REPLICA`` leaves replicas on (the default)."""
    if replica is not None:
        return replica
    return os.environ.get(REPLICA_VAR, "1").strip().lower() not in ("0", "off", "no", "false")


def cache_path(settings: config.Settings, cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """The replica file for ``settings``' database: ``<cache_dir>/<host>-<sha256 of the URL>[:16].db``."""
    folder = Path(cache_dir or os.environ.get(REPLICA_DIR_VAR) or config.project_dir() / "data" / "replicas")
    key = settings.redacted_url
    host = re.sub(r"[^A-Za-z0-9.-]+", "_", urllib.parse.urlsplit(key).netloc)[:60]
    return folder.expanduser().resolve() / f"{host}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.db"


def sync_url(settings: config.Settings) -> str:
    """The replication endpoint: sqld serves it on its HTTP port, so ``ws``/``libsql`` map to ``http(s)``."""
    parts = urllib.parse.urlsplit(settings.redacted_url)
    scheme = _HTTP_FOR[parts.scheme]
    tls = dict(urllib.parse.parse_qsl(parts.query)).get("tls")
    if tls is not None:
        scheme = "https" if tls == "1" else "http"
    return urllib.parse.urlunsplit((scheme, parts.netloc, parts.path, "", ""))


@contextlib.contextmanager
def synced(
    url: str | None = None,
    auth_token: str | None = None,
    *,
    out: str | os.PathLike[str] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    database: str | os.PathLike[str] | None = None,
) -> Iterator[Replica]:
    """Sync the replica of the remote database at ``url`` and hold its lock until the block ends.

    Read the replica inside the block (``replica.settings``) to see exactly the synced state.
    ``out`` names the replica file (default: :func:`cache_path`); it is never the local database file
    ``database`` or one beside it (the CLI passes the one its ``--url``/``DATABASE_URL`` names): that is a
    :class:`FileError` (:func:`files.check_output`). Raises :class:`ConfigError` for a
    ``file:`` URL or an ``out`` that is not this database's replica, :class:`ReplicationUnavailable`
    when the server does not serve replication (or its replication does not reproduce its database),
    :class:`FileError` when the replica's folder or files cannot be written (permission, read-only, disk
    full; the cause and path named), :class:`DatabaseError` when the lock stays taken for
    ``LOCK_TIMEOUT`` seconds.
    """
    from filelock import FileLock, Timeout

    settings = config.load(url, auth_token)
    if not settings.is_remote:
        raise ConfigError(f"{settings.redacted_url} is a local file: it needs no replica")
    path = Path(out).expanduser().resolve() if out is not None else cache_path(settings, cache_dir)
    check_output(path, database)
    lock = FileLock(files.beside(path, ".lock"), timeout=LOCK_TIMEOUT)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        raise DatabaseError(f"the replica {path} stayed locked by another run for {LOCK_TIMEOUT:g} s") from None
    except OSError as e:
        raise FileError(f"cannot use the replica folder {path.parent}: {e.strerror or e}") from None
    try:
        yield _sync_locked(settings, path, cached=out is None)
    finally:
        lock.release()


def sync(url: str | None = None, auth_token: str | None = None, *, out: str | os.PathLike[str] | None = None,
         cache_dir: str | os.PathLike[str] | None = None, database: str | os.PathLike[str] | None = None) -> Replica:
    """Make or refresh the replica (see :func:`synced`) and return it; the lock is released on return."""
    with synced(url, auth_token, out=out, cache_dir=cache_dir, database=database) as replica:
        return replica


class _PullFailed(Exception):
    """libSQL's replication client failed; ``str()`` is its message, redacted."""


def _sync_locked(settings: config.Settings, path: Path, *, cached: bool) -> Replica:
    """The trust rule (module docstring): make, check, and if need be rebuild the replica at ``path``."""
    url = settings.redacted_url
    marker = files.read_marker(path)
    exists = path.exists()
    if exists and marker is None and not cached:
        raise ConfigError(f"{path} exists and is not a replica made by jarvis-memory; name another file")
    if exists and marker is not None and marker["source"] != url:
        raise ConfigError(f"{path} is the replica of {marker['source']}, not of {url}; name another file")
    cause = files.unwritable(path)
    if cause:
        raise FileError(f"cannot write the replica {path}: {cause}")
    doubt = _doubt(path, marker) if exists else None
    with Database(settings.url, settings.auth_token, read_only=True) as primary:
        # One query first, so a bad token or a down server is an AuthError/UnreachableError at once (the
        # replication client retries a refused handshake for seconds, then says only "timeout").
        primary.execute("SELECT 1")
        server = _server_version(settings)
        started = time.perf_counter()
        fresh = not exists or doubt is not None
        if fresh:
            files.start_over(path, url)
        try:
            problem = _pull_and_check(settings, path, primary)
        except _PullFailed as e:  # into a replica that passed the checks: rebuilt, unless the cause is known
            if fresh or not _is_local(str(e)) or files.unwritable(path) or _no_room(path, primary, fresh):
                raise _failure(e, settings, path, primary, fresh) from None
            problem = f"libSQL could not apply the server's changes to it ({e})"
        if problem:
            doubt = problem
            files.start_over(path, url)
            try:
                problem = _pull_and_check(settings, path, primary)
            except _PullFailed as e:
                raise _failure(e, settings, path, primary, True) from None
            if problem:
                files.remove(path, marker=True)
                raise ReplicationUnavailable(f"{url}'s replication does not reproduce its database: in a replica made"
                                             f" from scratch, {problem}; no replica was kept")
    log_id, frame = files.index(path)
    files.write_marker(path, {"source": url, "log_id": log_id, "frame": frame, "server": server,
                              "file": files.identity(path)})
    return Replica(path, url, log_id or "", not exists, round(time.perf_counter() - started, 3), doubt)


def _doubt(path: Path, marker: dict[str, Any] | None) -> str | None:
    """Why the existing replica at ``path`` cannot be synced into, or None if it is the file its last sync left."""
    if marker is None:
        return "no sync is recorded for it (its first sync was stopped)"
    if marker.get("file") is None:
        return "its last sync did not finish (stopped or killed), or an older jarvis-memory made it"
    if marker["file"] != files.identity(path):
        return "the file was changed since its last sync (replaced, truncated or written by another program)"
    if [marker.get("log_id"), marker.get("frame")] != list(files.index(path)):
        return f"libSQL's record of it ({path.name}-client_wal_index) was changed or removed"
    return None


def _pull_and_check(settings: config.Settings, path: Path, primary: Database) -> str | None:
    """Sync, then compare with the server at one frame number; returns how they differ, or None.

    The server's answer carries its replication index; a sync pulled every frame committed before the
    query started, so an index equal to the replica's frame means the query read exactly that state.  A server
    that keeps committing is synced again, up to :data:`CHECK_ROUNDS` times, then left uncompared.
    """
    for _ in range(CHECK_ROUNDS):
        _pull(settings, path)
        frame = files.index(path)[1]
        theirs = _figures(primary.execute, primary.execute(_TABLES_SQL).rows)
        index = primary.replication_index
        if index is None or frame is None:
            return None
        if index < frame:
            return f"the server's replication log ends at frame {index:,}, before the replica's {frame:,}"
        if index == frame:
            try:
                with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as local:
                    ours = _figures(local.execute, local.execute(_TABLES_SQL).fetchall())
            except sqlite3.Error as e:
                return f"it cannot be read ({e})"
            return None if ours == theirs else _difference(ours, theirs)
    return None


def _figures(execute: Any, tables: Any) -> dict[str, tuple[int, int | None]]:
    """Each memory table's ``(row count, highest id)``, by one statement through ``execute``."""
    names = [row[0] for row in tables]
    if not names:
        return {}
    row = execute("SELECT " + ", ".join(f"(SELECT count(*) FROM {t}), (SELECT max(id) FROM {t})" for t in names))
    values = list(row.rows[0] if hasattr(row, "rows") else row.fetchone())
    return {t: (values[2 * i], values[2 * i + 1]) for i, t in enumerate(names)}


def _difference(ours: dict[str, Any], theirs: dict[str, Any]) -> str:
    def say(figures: Any) -> str:
        return "no such table" if figures is None else f"{figures[0]:,} rows, highest id {figures[1]}"

    table = next(t for t in sorted(set(ours) | set(theirs)) if ours.get(t) != theirs.get(t))
    return f"{table} has {say(ours.get(table))} in the replica, {say(theirs.get(table))} on the server"


def _pull(settings: config.Settings, path: Path) -> None:
    """One ``sync()`` of libSQL's replication client into ``path``; raises :class:`_PullFailed`."""
    libsql_experimental = _replication_client()
    try:
        conn = libsql_experimental.connect(str(path), sync_url=sync_url(settings), auth_token=settings.auth_token or "")
        try:
            conn.sync()
        finally:
            conn.close()
    except ValueError as e:  # the binding raises ValueError for every replication failure
        raise _PullFailed(settings.redact(" ".join(str(e).split()))) from None


def _is_local(detail: str) -> bool:
    """Whether libSQL's message is about the local files: opening them (``Failed to connect to database: IO
    error``; a network failure there says ``sync error``) or applying frames (``Injector error``)."""
    return "Injector error" in detail or detail.startswith("Failed to connect to database")


def _failure(error: _PullFailed, settings: config.Settings, path: Path, primary: Database, fresh: bool) -> Exception:
    """The typed error for a failed sync; a replica made in this run is removed (the next run starts clean)."""
    cause = files.unwritable(path) or _no_room(path, primary, fresh)
    if fresh:
        files.remove(path, marker=True)
    if cause or _is_local(str(error)):
        return FileError(f"cannot write the replica {path}: {cause or 'a local file could not be written'}"
                         f" (libSQL: {error})")
    return ReplicationUnavailable(f"{settings.redacted_url} did not serve replication: {error}")


def _no_room(path: Path, primary: Database, fresh: bool) -> str | None:
    """Whether the space a sync needs — the whole database for a new replica, else the frames it lacks — is
    more than the free space of the folder's disk or the file size limit (``ulimit -f``); libSQL names no
    cause (``Error code 200``), and the space its half-written files took is free again when it returns."""
    import resource
    import shutil

    page_size = primary.execute("PRAGMA page_size").rows[0][0]
    if fresh:
        need = primary.execute("PRAGMA page_count").rows[0][0] * page_size
    else:
        need = max(0, (primary.replication_index or 0) - (files.index(path)[1] or 0)) * page_size
    free = shutil.disk_usage(path.parent).free
    if free < need:
        return f"disk full: {free / 1e6:.1f} MB free in {path.parent}, the sync needs about {need / 1e6:.1f} MB"
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit != resource.RLIM_INFINITY and limit < need:
        return f"the file size limit (ulimit -f) is {limit / 1e6:.1f} MB, the sync needs about {need / 1e6:.1f} MB"
    return None


def _server_version(settings: config.Settings) -> str:
    """The server's ``GET /version`` answer (sqld: ``sqld 0.24.32 (…)``); raises ReplicationUnavailable otherwise.

    The replication client waits without bound on an HTTP server that does not speak its gRPC protocol, so
    replication is tried only on a server that names itself sqld.  /version needs no token.
    """
    url = sync_url(settings).rstrip("/") + "/version"
    try:
        with urllib.request.urlopen(url, timeout=VERSION_TIMEOUT) as answer:
            version = answer.read(200).decode("utf-8", "replace").strip()
    except (OSError, ValueError) as e:  # URLError, HTTPError and timeouts are OSErrors
        raise ReplicationUnavailable(f"{settings.redacted_url} did not say which server it is (/version: {e})") from None
    if not version.startswith("sqld "):
        raise ReplicationUnavailable(f"{settings.redacted_url} is not sqld (/version: {version[:60]!r})")
    return version


def _replication_client() -> Any:
    """``libsql_experimental``, imported with ``RUST_LOG=off``: it logs every handshake and retry to stderr
    through Rust's ``tracing``, configured from ``RUST_LOG`` at import; this package's errors say what failed."""
    import sys

    if "libsql_experimental" not in sys.modules:
        before = os.environ.get("RUST_LOG")
        os.environ["RUST_LOG"] = "off"
        try:
            import libsql_experimental  # noqa: F401
        finally:
            if before is None:
                os.environ.pop("RUST_LOG", None)
            else:
                os.environ["RUST_LOG"] = before
    return sys.modules["libsql_experimental"]
