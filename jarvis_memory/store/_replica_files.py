"""The files of an embedded replica (see :mod:`.replica`): jarvis-memory's record beside it, libSQL's index,
the file's identity, their removal, and why they cannot be written.

Beside ``NAME`` (the replica, a SQLite file): ``NAME.source.json`` (this package's record), and libSQL's
``NAME-client_wal_index`` (the server's log id and the frame number applied), ``NAME-wal``, ``NAME-shm`` and,
while a first sync runs, ``NAME-journal``.
"""

from __future__ import annotations

import json
import os
import struct
import tempfile
from pathlib import Path
from typing import Any

from ..errors import FileError

# libSQL's NAME-client_wal_index: the 128-bit log id of the server's replication log, then the frame number
# applied (u64, little-endian): WalIndexMetaData in libsql's libsql-replication/src/meta.rs.
INDEX = struct.Struct("<16sQ")
LIBSQL_FILES = ("-client_wal_index", "-wal", "-shm", "-journal")  # what libSQL writes beside the replica


def unwritable(path: Path) -> str | None:
    """Why the replica's files cannot be written — an existing one that does not open for writing, or a folder
    where no file can be made (permission, read-only mount) — or None."""
    for file in (path, *(beside(path, suffix) for suffix in LIBSQL_FILES)):
        try:
            if file.exists():
                open(file, "r+b").close()
        except OSError as e:
            return f"{e.strerror or e}: {file}"
    try:
        fd, probe = tempfile.mkstemp(dir=path.parent, prefix=".write-check-")
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        return f"{e.strerror or e}: {path.parent}"
    return None


def start_over(path: Path, url: str) -> None:
    """Record that ``path`` is this URL's replica *before* its first byte (so a sync stopped at any point leaves a
    file recognisably ours, to be rebuilt), then delete the replica and libSQL's files beside it."""
    write_marker(path, {"source": url})
    remove(path)


def remove(path: Path, *, marker: bool = False) -> None:
    """Delete the replica and libSQL's files beside it (missing ones are fine); with ``marker``, the record too."""
    for file in (path, *(beside(path, suffix) for suffix in LIBSQL_FILES), beside(path, ".source.json.tmp")):
        file.unlink(missing_ok=True)
    if marker:
        beside(path, ".source.json").unlink(missing_ok=True)


def read_marker(path: Path) -> dict[str, Any] | None:
    """The record beside the replica (``{"source": URL, …}``), or None if there is none or it is unreadable."""
    try:
        marker = json.loads(beside(path, ".source.json").read_text())
    except (OSError, ValueError):
        return None
    return marker if isinstance(marker, dict) and isinstance(marker.get("source"), str) else None


def write_marker(path: Path, marker: dict[str, Any]) -> None:
    """Replace the record beside the replica atomically; raises :class:`FileError` if it cannot be written."""
    tmp = beside(path, ".source.json.tmp")
    try:
        tmp.write_text(json.dumps(marker) + "\n")
        tmp.replace(beside(path, ".source.json"))
    except OSError as e:
        raise FileError(f"cannot write the replica's record {tmp}: {e.strerror or e}") from None


def index(path: Path) -> tuple[str | None, int | None]:
    """The log id (hex) and frame number in libSQL's ``<name>-client_wal_index``; Nones if it is absent or short."""
    try:
        data = beside(path, "-client_wal_index").read_bytes()[:INDEX.size]
    except OSError:
        return None, None
    if len(data) < INDEX.size:
        return None, None
    log_id, frame = INDEX.unpack(data)
    return log_id.hex(), frame


def identity(path: Path) -> list[int]:
    """The file's inode, size, mtime and ctime (ns): any write, replacement or copy over it changes one."""
    st = path.stat()
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)
