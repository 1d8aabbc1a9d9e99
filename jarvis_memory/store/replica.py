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

* ``<name>.source.json`` — the URL without credentials and the server's replication log id (the identity
  the server reports in the replication handshake, kept by libSQL in ``<name>-client_wal_index``).  A file
  without it, or made from another URL, is never synced into (so ``--out`` cannot overwrite a database).
* ``<name>.lock`` — a file lock (``filelock``) held while syncing and while reading, so two runs on one cache
  neither interleave frames nor read a half-applied sync.

The token is passed to the replication client in memory only; it is written to none of these files.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError, DatabaseError
from ..files import check_output
from . import config

REPLICA_VAR = "JARVIS_MEMORY_REPLICA"  # "0"/"off"/"no"/"false": read remote databases in pages instead
REPLICA_DIR_VAR = "JARVIS_MEMORY_REPLICA_DIR"  # the cache folder (default: data/replicas in the project)
VERSION_TIMEOUT = 10.0  # seconds for the server's /version answer
LOCK_TIMEOUT = 600.0  # seconds to wait for another run's sync or read of the same replica
_HTTP_FOR = {"ws": "http", "http": "http", "wss": "https", "https": "https", "libsql": "https"}
_LOG_ID_BYTES = 16  # libSQL's client_wal_index starts with the 128-bit log id of the server's replication log


class ReplicationUnavailable(DatabaseError):
    """The server did not answer the replication protocol (e.g. a WebSocket-only endpoint); page instead."""


@dataclass(frozen=True)
class Replica:
    """A synced replica: ``path`` (SQLite file), ``source`` (URL without credentials), ``log_id`` (hex),
    ``first`` (this sync made the file), ``seconds`` (wall time of the sync)."""

    path: Path
    source: str
    log_id: str
    first: bool
    seconds: float

    @property
    def settings(self) -> config.Settings:
        """The replica as a ``file:`` database."""
        return config.parse_url(self.path.as_uri())


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
    when the server does not serve replication, :class:`DatabaseError` when the lock stays taken
    for ``LOCK_TIMEOUT`` seconds.
    """
    from filelock import FileLock, Timeout

    settings = config.load(url, auth_token)
    if not settings.is_remote:
        raise ConfigError(f"{settings.redacted_url} is a local file: it needs no replica")
    path = Path(out).expanduser().resolve() if out is not None else cache_path(settings, cache_dir)
    check_output(path, database)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(_beside(path, ".lock"), timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout:
        raise DatabaseError(f"the replica {path} stayed locked by another run for {LOCK_TIMEOUT:g} s") from None
    try:
        yield _sync_locked(settings, path)
    finally:
        lock.release()


def sync(url: str | None = None, auth_token: str | None = None, *, out: str | os.PathLike[str] | None = None,
         cache_dir: str | os.PathLike[str] | None = None, database: str | os.PathLike[str] | None = None) -> Replica:
    """Make or refresh the replica (see :func:`synced`) and return it; the lock is released on return."""
    with synced(url, auth_token, out=out, cache_dir=cache_dir, database=database) as replica:
        return replica


def _sync_locked(settings: config.Settings, path: Path) -> Replica:
    source_file = _beside(path, ".source.json")
    first = not path.exists()
    if not first:
        try:
            recorded = json.loads(source_file.read_text())["source"]
        except (OSError, ValueError, KeyError, TypeError):
            raise ConfigError(f"{path} exists and is not a replica made by jarvis-memory; name another file") from None
        if recorded != settings.redacted_url:
            raise ConfigError(f"{path} is the replica of {recorded}, not of {settings.redacted_url}; name another file")
    _probe(settings)
    server = _server_version(settings)
    libsql_experimental = _replication_client()
    started = time.perf_counter()
    try:
        conn = libsql_experimental.connect(str(path), sync_url=sync_url(settings), auth_token=settings.auth_token or "")
        try:
            conn.sync()
        finally:
            conn.close()
    except ValueError as e:  # the binding raises ValueError for every replication failure
        if first:  # leave no half-made replica behind: the next run starts clean
            for leftover in (path, _beside(path, "-client_wal_index"), source_file):
                leftover.unlink(missing_ok=True)
        detail = settings.redact(" ".join(str(e).split()))
        raise ReplicationUnavailable(f"{settings.redacted_url} did not serve replication: {detail}") from None
    log_id = _beside(path, "-client_wal_index").read_bytes()[:_LOG_ID_BYTES].hex()
    tmp = _beside(path, ".source.json.tmp")
    tmp.write_text(json.dumps({"source": settings.redacted_url, "log_id": log_id, "server": server}) + "\n")
    tmp.replace(source_file)
    return Replica(path, settings.redacted_url, log_id, first, round(time.perf_counter() - started, 3))


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _probe(settings: config.Settings) -> None:
    """One query through the core's client, so a bad token or a down server is an AuthError/UnreachableError
    at once (the replication client retries a refused handshake for seconds, then says only "timeout")."""
    from .database import Database

    with Database(settings.url, settings.auth_token, read_only=True) as db:
        db.execute("SELECT 1")


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
