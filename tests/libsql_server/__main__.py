"""Serve a SQLite file over the libSQL protocols until SIGTERM or SIGINT.

    python tests/libsql_server --db PATH [--host H] [--port P] [--token T]
    python -m libsql_server ...            (with ``tests`` on sys.path)

Prints the server's HTTP URL (e.g. ``http://127.0.0.1:40123``) on one stdout
line once it is accepting connections; the same port serves ``ws://``.
"""

import argparse
import os
import signal
import sys
import threading

if not __package__:  # run as a directory: make the package importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from libsql_server.server import LibsqlTestServer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(prog="libsql_server", description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="SQLite database file")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--token", help="require this bearer token")
    args = parser.parse_args()

    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    with LibsqlTestServer(args.db, token=args.token, host=args.host, port=args.port) as server:
        print(server.http_url, flush=True)
        stopping.wait()


if __name__ == "__main__":
    main()
