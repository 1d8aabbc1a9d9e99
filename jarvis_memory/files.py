"""Writing a file the user named: into what the name is, atomically where that can be done.

``export -o`` and the report runner write files a user named, which may be a symlink (to
a file elsewhere), a FIFO or a device (``/dev/stdout``, ``/dev/null``), or a regular file
with permissions of its own.  Only a regular file (or a name not yet taken) can be
replaced atomically; anything else is written in place, as a shell's ``>`` would.
Whatever the name, it is never the database the command works on (:func:`check_output`).
Hand-written because the atomic-write libraries (atomicwrites, archived) replace
whatever the name points at.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import stat
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from .errors import FileError


def _default_mode() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


DEFAULT_MODE = _default_mode()  # what open() would give a new file: 0666 less the umask
# The files SQLite keeps beside a database: write-ahead log, its shared-memory index, rollback journal
# (https://www.sqlite.org/tempfiles.html, 2.1-2.3).  Writing any of them damages the database as surely as
# writing the database file itself.
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")


def check_output(out: str | os.PathLike | IO[Any], database: str | os.PathLike | None) -> None:
    """Refuse an output that is the database file ``database`` or one of :data:`SQLITE_SIDECARS` beside it.

    ``out`` is a name the user gave (``export -o``, ``report --out``, ``sync --out``) or an open stream
    (stdout, which the shell may have pointed at the database).  The same file however it is spelled:
    symlinks, ``..`` and relative names are resolved, and where both files exist they are compared by
    device and inode (a hard link, ``/dev/stdout``).  ``database`` None (a remote database) protects
    nothing.  Every command that writes a file the user named calls this before writing anything.
    Raises :class:`FileError` (exit 3) naming the database and the file.
    """
    if database is None:
        return
    if isinstance(out, (str, os.PathLike)):
        shown, resolved = os.fspath(out), os.path.realpath(out)
        here = _identity(lambda: os.stat(out))
    else:
        shown, resolved = "standard output", None
        here = _identity(lambda: os.fstat(out.fileno()))
    for base in dict.fromkeys((os.path.abspath(database), os.path.realpath(database))):
        for suffix in ("", *SQLITE_SIDECARS):
            name = base + suffix
            if resolved == os.path.realpath(name) or (here is not None and here == _identity(lambda: os.stat(name))):
                what = f"the {suffix} file of the database" if suffix else "the database"
                raise FileError(f"cannot write {shown}: it is {what} {database}; name another file")
    # A sidecar of another name of the same file (a hard link: SQLite names its -wal/-shm/-journal after the name a
    # connection opened, so another process may be using `link.db-wal` for this database).
    stored = _identity(lambda: os.stat(database))
    if isinstance(out, (str, os.PathLike)):
        names = {os.path.abspath(out), resolved}
    else:
        names = {_descriptor_path(out)}
    for name in names - {None}:
        suffix = next((s for s in SQLITE_SIDECARS if name.endswith(s)), None)  # type: ignore[union-attr]
        if suffix and stored is not None and _identity(lambda: os.stat(name[:-len(suffix)])) == stored:
            raise FileError(f"cannot write {shown}: it is the {suffix} file of {name[:-len(suffix)]}, another name of"
                            f" the database {database}; name another file")


def _descriptor_path(stream: IO[Any]) -> str | None:
    """The path an open stream was opened by, where the system says (Linux ``/proc/self/fd``), else None."""
    try:
        return os.readlink(f"/proc/self/fd/{stream.fileno()}")
    except (OSError, ValueError):
        return None


def _identity(stat_of: Callable[[], os.stat_result]) -> tuple[int, int] | None:
    """(device, inode) of what ``stat_of`` stats, None where there is no such file (or no descriptor)."""
    try:
        info = stat_of()
    except (OSError, ValueError):  # no such file; a stream without a descriptor (io.UnsupportedOperation)
        return None
    return info.st_dev, info.st_ino


def write_file(path: str | os.PathLike, write: Callable[[IO[Any]], Any], *, binary: bool = False,
               database: str | os.PathLike | None = None) -> Any:
    """Call ``write(handle)`` to fill the file ``path`` names; returns what ``write`` returns.

    ``path`` must not be the file ``database`` or one beside it (:func:`check_output`): nothing is written then.

    A symlink is followed (the file it points to is written, the link stays).  A regular
    file, or a name not yet taken, is replaced atomically (a temporary file in the same
    folder, then a rename) keeping an existing file's permission bits (a new file gets
    0666 less the umask).  A FIFO, device or socket is opened and written in place.
    Raises :class:`FileError` (one sentence with the name and the system's reason).
    """
    check_output(path, database)
    shown = os.fspath(path)
    target = Path(os.path.realpath(path))
    mode = "wb" if binary else "w"
    options = {} if binary else {"encoding": "utf-8", "newline": ""}
    try:
        info = target.stat() if target.exists() else None
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise FileError(f"cannot write {shown}: it is a folder")
        if info is not None and not stat.S_ISREG(info.st_mode):
            with open(target, mode, **options) as handle:
                return write(handle)
        if not target.parent.is_dir():
            raise FileError(f"cannot write {shown}: no folder {target.parent}")
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=owned(f".{target.name}."), suffix=".tmp")
        try:
            os.chmod(fd, stat.S_IMODE(info.st_mode) if info is not None else DEFAULT_MODE)
            with os.fdopen(fd, mode, **options) as handle:
                result = write(handle)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        return result
    except OSError as e:
        raise FileError(f"cannot write {shown}: {e.strerror or e}") from None


def atomic_write(path: str | os.PathLike, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` with :func:`write_file`."""
    write_file(path, lambda handle: handle.write(data), binary=isinstance(data, bytes))


# A temporary name carries its maker: "<prefix><pid>@<host>@<random><suffix>" (host: CRC-32 of the hostname, so a
# folder shared between machines or containers is swept only by the machine that made the name).  A process killed
# outright (SIGKILL, the out-of-memory killer, a power cut) runs no clean-up; the next one tells its leftovers
# from a live process's files by that name.
_OWNED = r"(\d+)@([0-9a-f]{8})@[^@/]*"


def _host() -> str:
    return format(zlib.crc32(socket.gethostname().encode()), "08x")


def owned(prefix: str) -> str:
    """``prefix`` with this process's mark, for ``tempfile.mkstemp``/``mkdtemp`` (which add a random part)."""
    return f"{prefix}{os.getpid()}@{_host()}@"


def remove_stale(folder: str | os.PathLike, prefix: str) -> list[Path]:
    """Remove the entries of ``folder`` named by :func:`owned` with a prefix matching the regular expression
    ``prefix`` whose maker is gone (no process with its id on this machine), and that this user owns; returns them.

    A maker on another machine, or a process alive with its id (the maker, or one that reused the id), keeps
    its files: a live run's files are never removed.  Errors (a folder gone meanwhile) are skipped."""
    removed = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    host = _host()
    for entry in entries:
        made = re.fullmatch(f"(?:{prefix}){_OWNED}", entry.name)
        if not made or made[2] != host or _alive(int(made[1])):
            continue
        with contextlib.suppress(OSError):
            if entry.lstat().st_uid != os.getuid():
                continue
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
            removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: no signal, only the check that the process exists (kill(2))
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
