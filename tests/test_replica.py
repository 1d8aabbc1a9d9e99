"""Through a sqld replica (``--primary-grpc-url``): the topology users grow into.

The replica serves reads from its own copy, which follows the primary's replication
log, and forwards writes to the primary. The package's own writes must be readable
at once through the same connection (read-your-writes), and every row must reach
the primary.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

import jarvis_memory
from conftest import REMOTE_KINDS, TOKEN, cli_env
from jarvis_memory.store import migrations


def wait_for(check, timeout: float = 10.0):
    """``check()``'s first truthy value within ``timeout`` seconds (replication lag), else the last one."""
    deadline = time.monotonic() + timeout
    while not (value := check()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return value


@pytest.fixture(params=REMOTE_KINDS)
def through_replica(request, replica_pair):
    """(primary Database, replica Database), both migrated, over the same URL kind."""
    primary, replica = replica_pair
    with jarvis_memory.Database(primary.url(request.param), TOKEN) as on_primary, \
            jarvis_memory.Database(replica.url(request.param), TOKEN) as on_replica:
        on_primary.migrate()
        assert wait_for(lambda: not on_replica.schema_status().pending), "the replica never saw the migrations"
        yield on_primary, on_replica


def test_writes_through_the_replica_reach_the_primary(through_replica):
    on_primary, on_replica = through_replica
    session = on_replica.sessions.start()
    on_replica.events.log(session.id, "message", {"n": 1})
    on_replica.sessions.end(session.id, "explicit", summary="via replica")
    entry, created = on_replica.memories.store("Stored through the replica", "fact", "user_explicit")
    assert created
    assert on_primary.memories.get(entry.id).content == "Stored through the replica"
    assert on_primary.sessions.get(session.id).summary == "via replica"
    assert [e.data for e in on_primary.events.list(session_id=session.id)] == [{"n": 1}]
    # and they come back to the replica's own copy
    assert wait_for(lambda: on_replica.memories.count() == 1)


def test_read_your_writes_through_the_replica(through_replica):
    _, on_replica = through_replica
    misses = 0
    for i in range(20):
        entry, _ = on_replica.memories.store(f"read back at once {i}", "fact", "user_explicit")
        session = on_replica.sessions.start()
        try:
            on_replica.memories.get(entry.id)
            on_replica.sessions.get(session.id)
        except jarvis_memory.NotFoundError:
            misses += 1
    assert misses == 0


@pytest.mark.parametrize("kind", ["ws"])
def test_migrate_through_the_replica_reports_the_version_it_applied(kind, replica_pair, tmp_path):
    _, replica = replica_pair
    out = subprocess.run([sys.executable, "-m", "jarvis_memory", "migrate", "--yes-remote", "--json"],
                         env=cli_env(replica.url(kind), TOKEN), capture_output=True, text=True, timeout=120,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    newest = migrations.available()[-1].version
    assert len(report["applied"]) == newest and report["current"] == newest  # a fresh database gets them all
