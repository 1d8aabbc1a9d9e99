"""Fixtures shared by the suite: a fresh database on every URL kind.

``url_kind`` runs a test against ``file:`` and against the real libSQL server,
sqld (``tests/sqld.py``, started per test with JWT auth), over ``ws://`` on its
HTTP port (``ws``), ``ws://`` on its legacy WebSocket port (``ws-legacy``) and
``http://``. Fault injection (dropped connections, forced 5xx, latency) uses the
project's own server in ``tests/libsql_server`` where sqld cannot be made to fail.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

import jarvis_memory
from jarvis_memory.reports.kernel import USER_FOLDER_VARS
from jarvis_memory.store.replica import REPLICA_DIR_VAR, REPLICA_VAR
from sqld import JwtKeys, Sqld

if TYPE_CHECKING:
    from jarvis_memory.analysis.load import Dataset

REMOTE_KINDS = ("ws", "ws-legacy", "http")
URL_KINDS = ("file", *REMOTE_KINDS)
KEYS = JwtKeys.generate()  # one Ed25519 key pair and its tokens per test process
TOKEN = KEYS.full_access  # the servers' full-access token; secrets tests use their own sentinel


CHECKOUT = Path(__file__).resolve().parent.parent
# What setup, Python and git make in the checkout, never the code under test: the guard below lists the rest.
NOT_WATCHED = {".git", ".venv", "node_modules", "__pycache__", ".pytest_cache", ".ipynb_checkpoints",
               "jarvis_memory.egg-info", "benchmarks/out"}  # names, or paths from the checkout


def pytest_configure(config: pytest.Config) -> None:
    """Jupyter, IPython and matplotlib write to private folders, never the user's (kernels and CLI runs
    inherit this).  Set before collection: test modules import matplotlib, which writes its font cache.
    So is the replica cache, and the developer's database settings are dropped, for the whole process:
    module-scoped fixtures run before ``_isolated_env`` and would otherwise sync into the checkout's
    ``data/replicas``.  nbval starts each notebook's kernel in ``notebooks/``, where a notebook writes its
    figures by default (``output_dir = "."``): an IPython startup file moves such a kernel to a private copy of
    that folder (copies of the notebooks; ``../tests`` the checkout's), so they read what they read and write
    nothing into the checkout."""
    config._user_folders = Path(tempfile.mkdtemp(prefix="jarvis-tests-user-"))  # type: ignore[attr-defined]
    for var, name in {**USER_FOLDER_VARS, REPLICA_DIR_VAR: "replicas"}.items():
        os.environ[var] = str(config._user_folders / name)  # type: ignore[attr-defined]
    for var in ("DATABASE_URL", "DATABASE_AUTH_TOKEN", REPLICA_VAR):
        os.environ.pop(var, None)
    mirror = config._user_folders / "checkout"  # type: ignore[attr-defined]
    (mirror / "notebooks").mkdir(parents=True)
    for notebook in (CHECKOUT / "notebooks").glob("*.ipynb"):
        shutil.copy(notebook, mirror / "notebooks")  # a copy: a link would be read from the checkout's folder
    (mirror / "tests").symlink_to(CHECKOUT / "tests")
    startup = Path(os.environ["IPYTHONDIR"]) / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-out-of-checkout.py").write_text(
        "import os\n"
        f"if os.path.realpath(os.getcwd()) == {str(CHECKOUT / 'notebooks')!r}:\n"
        f"    os.chdir({str(mirror / 'notebooks')!r})\n")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(getattr(config, "_user_folders", ""), ignore_errors=True)


def checkout_listing() -> dict[str, tuple[int, int]]:
    """``{path: (size, mtime_ns)}`` of every file and folder in the checkout but :data:`NOT_WATCHED` (a folder's
    mtime changes when a file is made or removed in it, so a file written and deleted again is seen too)."""
    found = {}
    for top, folders, files in os.walk(CHECKOUT):
        folders[:] = [f for f in folders
                      if f not in NOT_WATCHED and Path(top, f).relative_to(CHECKOUT).as_posix() not in NOT_WATCHED]
        for name in [*folders, *files]:
            path = Path(top, name)
            with contextlib.suppress(FileNotFoundError):
                st = path.lstat()
                found[str(path.relative_to(CHECKOUT))] = (0 if path.is_dir() else st.st_size, st.st_mtime_ns)
    return found


def pytest_sessionstart(session: pytest.Session) -> None:
    """The checkout's listing at the start of the run: in the process that ends it (xdist's controller,
    which sees the end after every worker's)."""
    if not hasattr(session.config, "workerinput"):
        session.config._checkout_listing = checkout_listing()  # type: ignore[attr-defined]


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Fail the run if any test wrote into the checkout."""
    before = getattr(session.config, "_checkout_listing", None)
    if before is None:
        return
    after = checkout_listing()
    changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    if changed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.ensure_newline()
            reporter.write_sep("=", "the tests wrote into the checkout", red=True)
            for path in changed:
                reporter.write_line(f"{'new' if path not in before else 'gone' if path not in after else 'changed'}:"
                                    f" {path}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's DATABASE_URL or .env, or writes replicas into the project's data/."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_AUTH_TOKEN", raising=False)
    monkeypatch.delenv(REPLICA_VAR, raising=False)
    monkeypatch.setenv(REPLICA_DIR_VAR, str(tmp_path / "replicas"))
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def jwt_keys() -> JwtKeys:
    """The key pair sqld servers trust, with full-access, read-only, expired and bad-signature tokens."""
    return KEYS


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Sqld]:
    """A real sqld with JWT auth (``KEYS``) on free loopback ports, stopped after the test."""
    with Sqld(tmp_path / "sqld", keys=KEYS) as srv:
        yield srv


@pytest.fixture
def replica_pair(tmp_path: Path) -> Iterator[tuple[Sqld, Sqld]]:
    """(primary, replica): the replica follows the primary over gRPC and forwards writes to it."""
    with Sqld(tmp_path / "primary", keys=KEYS, grpc=True) as primary, \
            Sqld(tmp_path / "replica", keys=KEYS, primary=primary) as replica:
        yield primary, replica


@pytest.fixture(params=URL_KINDS)
def url_kind(request: pytest.FixtureRequest) -> str:
    return request.param


def is_remote(request: pytest.FixtureRequest) -> bool:
    return "url_kind" in request.fixturenames and request.getfixturevalue("url_kind") != "file"


@pytest.fixture
def db_path(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """The SQLite file behind ``url``: for remote kinds the file sqld serves (read it, never write it)."""
    if is_remote(request):
        return request.getfixturevalue("server").db_file
    return tmp_path / "jarvis.db"


@pytest.fixture
def url(url_kind: str, db_path: Path, request: pytest.FixtureRequest) -> str:
    """A database URL of each kind, all backed by ``db_path``."""
    if url_kind == "file":
        return db_path.as_uri()
    return request.getfixturevalue("server").url(url_kind)


@pytest.fixture
def token(url_kind: str) -> str | None:
    return None if url_kind == "file" else TOKEN


@pytest.fixture
def db(url: str, token: str | None) -> Iterator[jarvis_memory.Database]:
    """A migrated, empty database at ``url`` (closed afterwards)."""
    database = jarvis_memory.Database(url, token)
    database.migrate()
    yield database
    database.close()


@contextlib.contextmanager
def served(kind: str, folder: Path, seed: Path) -> Iterator[tuple[str, str | None, Path]]:
    """``(url, token, SQLite file)`` for the database built at ``seed``, reached as ``kind``.

    ``file``: the seed itself. Remote kinds: a sqld in ``folder`` serving a copy of it
    (read the returned file, never write it), stopped when the block ends.
    """
    if kind == "file":
        yield seed.as_uri(), None, seed
        return
    with Sqld(folder / "sqld", keys=KEYS, seed=seed) as srv:
        yield srv.url(kind), TOKEN, srv.db_file


def cli_env(url: str | None = None, token: str | None = None) -> dict[str, str]:
    """The environment for a ``jarvis-memory`` subprocess."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_AUTH_TOKEN")}
    if url:
        env["DATABASE_URL"] = url
    if token:
        env["DATABASE_AUTH_TOKEN"] = token
    return env


def reports_read(db: jarvis_memory.Database, what: Callable[[Dataset], Any]) -> Any:
    """``what`` of the tables as the reports read ``db`` now (``load``: a remote database through its replica),
    e.g. ``reports_read(db, decisions.log)``."""
    from jarvis_memory.analysis.load import load  # here: DuckDB and Arrow only for the tests that read so

    with load(db.settings.url, auth_token=db.settings.auth_token) as ds:
        return what(ds)


def write(db_path: Path, sql: str, args: Any = ()) -> int | None:
    """One statement as another client would run it, with plain sqlite3 (closed: no WAL left); returns the row id."""
    conn = sqlite3.connect(db_path)
    try:
        with conn:
            return conn.execute(sql, args).lastrowid
    finally:
        conn.close()
