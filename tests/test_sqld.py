"""The sqld test fixtures themselves: tokens mean what they say, and no server outlives its test."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import libsql_client
import psutil
import pytest

from conftest import KEYS
from sqld import SQLD_VERSION, Sqld, sqld_binary


def test_the_binary_is_the_pinned_sqld():
    out = subprocess.run([sqld_binary(), "--version"], capture_output=True, text=True, timeout=30)
    assert SQLD_VERSION in out.stdout
    assert sqld_binary().is_relative_to(sys.prefix)  # inside the venv, never ~/.cache


def test_tokens_at_the_protocol_level(server):
    """Straight through libsql-client over HTTP, so the client's own error handling plays no part."""
    def client(token):
        return libsql_client.create_client_sync(server.http_url, auth_token=token)

    with client(KEYS.full_access) as c:
        c.execute("CREATE TABLE t (x)")
        c.execute("INSERT INTO t VALUES (1)")
    with client(KEYS.read_only) as c:
        assert c.execute("SELECT x FROM t").rows[0][0] == 1
        with pytest.raises(libsql_client.LibsqlError, match="403"):
            c.execute("INSERT INTO t VALUES (2)")
    for token in (KEYS.expired, KEYS.bad_signature, None):
        with client(token) as c, pytest.raises(libsql_client.LibsqlError, match="401"):
            c.execute("SELECT 1")


def test_replica_follows_the_primary(replica_pair):
    primary, replica = replica_pair
    with libsql_client.create_client_sync(replica.http_url, auth_token=KEYS.full_access) as c:
        c.execute("CREATE TABLE t (x)")
        c.execute("INSERT INTO t VALUES ('via replica')")  # forwarded to the primary
    with libsql_client.create_client_sync(primary.http_url, auth_token=KEYS.full_access) as c:
        assert c.execute("SELECT x FROM t").rows[0][0] == "via replica"


def test_stop_ends_the_process(tmp_path):
    server = Sqld(tmp_path / "sqld", keys=KEYS).start()
    process = psutil.Process(server.proc.pid)
    server.stop()
    assert not process.is_running()


def test_a_server_does_not_outlive_a_killed_test_process(tmp_path):
    """PR_SET_PDEATHSIG: SIGKILL the process that started sqld, and the kernel kills sqld."""
    code = (
        "import sys, time; sys.path.insert(0, sys.argv[1])\n"
        "from sqld import Sqld\n"
        "server = Sqld(sys.argv[2]).start()\n"
        "print(server.proc.pid, flush=True)\n"
        "time.sleep(600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", code, str(Path(__file__).parent), str(tmp_path / "sqld")],
                              stdout=subprocess.PIPE, text=True)
    child = psutil.Process(int(parent.stdout.readline()))
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    parent.stdout.close()
    child.wait(timeout=10)  # raises psutil.TimeoutExpired if it is still running
    assert not child.is_running()
