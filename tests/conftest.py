"""Fixtures shared by the suite: a fresh database on every URL kind.

``url_kind`` runs a test against ``file:`` and, through the libSQL-protocol
test server in ``tests/libsql_server``, over ``ws://`` and ``http://``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import jarvis_memory
from libsql_server import LibsqlTestServer

URL_KINDS = ("file", "ws", "http")
TOKEN = "test-token-7f3a9c"  # the servers' token in tests; secrets tests use their own sentinel


@pytest.fixture(autouse=True, scope="session")
def _private_user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Jupyter, IPython and matplotlib write to private folders, never the user's (kernels and CLI runs inherit this)."""
    home = tmp_path_factory.mktemp("user-folders")
    names = {"JUPYTER_DATA_DIR": "jupyter-data", "JUPYTER_CONFIG_DIR": "jupyter-config",
             "JUPYTER_RUNTIME_DIR": "jupyter-runtime", "IPYTHONDIR": "ipython", "MPLCONFIGDIR": "matplotlib"}
    with pytest.MonkeyPatch.context() as mp:
        for var, name in names.items():
            mp.setenv(var, str(home / name))
        yield


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's DATABASE_URL or .env."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("DATABASE_AUTH_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "jarvis.db"


@pytest.fixture
def server(db_path: Path) -> Iterator[LibsqlTestServer]:
    with LibsqlTestServer(db_path, token=TOKEN) as srv:
        yield srv


@pytest.fixture(params=URL_KINDS)
def url_kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def url(url_kind: str, db_path: Path, request: pytest.FixtureRequest) -> str:
    """A database URL of each kind, all backed by ``db_path``."""
    if url_kind == "file":
        return db_path.as_uri()
    srv = request.getfixturevalue("server")
    return srv.ws_url if url_kind == "ws" else srv.http_url


@pytest.fixture
def db(url: str, url_kind: str) -> Iterator[jarvis_memory.Database]:
    """A migrated, empty database at ``url`` (closed afterwards)."""
    database = jarvis_memory.Database(url, None if url_kind == "file" else TOKEN)
    database.migrate()
    yield database
    database.close()


def cli_env(url: str | None = None, token: str | None = None) -> dict[str, str]:
    """The environment for a ``jarvis-memory`` subprocess."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_AUTH_TOKEN")}
    if url:
        env["DATABASE_URL"] = url
    if token:
        env["DATABASE_AUTH_TOKEN"] = token
    return env
