"""A libSQL-protocol (sqld) server for tests, backed by a real SQLite file.

    from libsql_server import LibsqlTestServer

    with LibsqlTestServer(tmp_path / "db.sqlite", token="secret") as server:
        client = libsql_client.create_client_sync(server.ws_url, auth_token="secret")

Run it as a process with ``python tests/libsql_server --db PATH`` (see
``__main__.py``).
"""

from .faults import Fault, Faults, Stats
from .server import LibsqlTestServer

__all__ = ["Fault", "Faults", "LibsqlTestServer", "Stats"]
