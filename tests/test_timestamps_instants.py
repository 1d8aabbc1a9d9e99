"""Timestamps other clients wrote are compared as instants, not text (issue 12, cases 3 and 4; 10 in part).

SQLite's own ``datetime('now')`` spelling, an offset and a Unix epoch number are written
with plain sqlite3 into a migrated database; ``sessions expire``, ``list --since/--until``,
``recall`` order and ``stats`` read them as the moments they are.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from conftest import cli_env, write
from jarvis_memory import Database, timestamps



@pytest.fixture
def now():
    """The test's own moment (not the module's import: a slow run may start a test many minutes later)."""
    return datetime.now(timezone.utc)


def run(url, *args):
    cmd = [sys.executable, "-m", "jarvis_memory", *args]
    return subprocess.run(cmd, env=cli_env(url), capture_output=True, text=True, timeout=60)



def sqlite_form(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def offset_form(moment, hours):
    return moment.astimezone(timezone(timedelta(hours=hours))).isoformat(timespec="milliseconds")


@pytest.fixture
def url(db_path):
    with Database(db_path.as_uri()) as db:
        db.migrate()
    return db_path.as_uri()


@pytest.fixture
def sessions(now, db_path, url):
    """Open sessions started in several spellings: the name says how long ago."""
    started = {
        "sqlite_10s": sqlite_form(now - timedelta(seconds=10)),
        "offset_3h": offset_form(now - timedelta(hours=3), 5),
        "offset_10m": offset_form(now - timedelta(minutes=10), -8),
        "epoch_s_2h": int((now - timedelta(hours=2)).timestamp()),
        "epoch_ms_5m": int((now - timedelta(minutes=5)).timestamp() * 1000),
        "iso_1h": timestamps.iso(now - timedelta(hours=1)),
        "not_a_date": "yesterday-ish",
    }
    return {name: write(db_path, "INSERT INTO sessions (started_at) VALUES (?)", [value])
            for name, value in started.items()}


def test_expire_ends_exactly_the_sessions_idle_for_30_minutes(url, sessions):
    out = run(url, "sessions", "expire", "--idle-minutes", "30", "--json")
    assert out.returncode == 0, out.stderr
    ended = {s["id"] for s in json.loads(out.stdout)}
    assert ended == {sessions["offset_3h"], sessions["epoch_s_2h"], sessions["iso_1h"]}


def test_expire_counts_idle_time_from_the_last_event_in_any_spelling(now, db_path, url, sessions):
    old = sessions["offset_3h"]
    write(db_path, "INSERT INTO daily_logs (session_id, event_type, timestamp) VALUES (?, 'message', ?)",
          [old, sqlite_form(now - timedelta(minutes=1))])
    with Database(url) as db:
        ended = {s.id for s in db.sessions.expire_idle(30)}
    assert old not in ended and sessions["iso_1h"] in ended


@pytest.fixture
def memories(now, db_path, url):
    created = {
        "sqlite_today": sqlite_form(now - timedelta(seconds=5)),
        "offset_yesterday": offset_form(now - timedelta(days=1), 5),
        "epoch_last_week": int((now - timedelta(days=7)).timestamp()),
        "iso_two_days": timestamps.iso(now - timedelta(days=2)),
    }
    return {name: write(db_path, "INSERT INTO memory_entries (content, content_hash, category, source, created_at)"
                                 " VALUES (?, ?, 'fact', 'user_explicit', ?)", [name, name, value])
            for name, value in created.items()}


def test_list_since_today_finds_the_row_written_today_in_sqlite_form(now, url, memories, db_path):
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    today = now.date().isoformat()
    out = run(url, "list", "--since", today, "--json")
    assert out.returncode == 0, out.stderr
    assert [e["content"] for e in json.loads(out.stdout)] == ["sqlite_today"]
    window = run(url, "list", "--since", (now - timedelta(days=3)).date().isoformat(), "--until", today, "--json")
    assert [e["content"] for e in json.loads(window.stdout)] == ["offset_yesterday", "iso_two_days"]
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_recall_puts_the_newest_instant_first(url, memories):  # search's tie-break: tests/test_search.py
    expected = ["sqlite_today", "offset_yesterday", "iso_two_days", "epoch_last_week"]
    with Database(url) as db:
        assert [e.content for e in db.memories.recall()] == expected


def test_stats_first_and_last_memory_are_instants(now, url, memories):
    stats = json.loads(run(url, "stats", "--json").stdout)
    assert stats["last_memory"] == sqlite_form(now - timedelta(seconds=5))
    assert stats["first_memory"] == str(int((now - timedelta(days=7)).timestamp()))  # TEXT affinity keeps digits


def test_stats_leave_sentinel_years_out_of_first_and_last_memory(now, db_path, url, memories):
    for sentinel in ("9999-12-31T23:59:59.999Z", "0001-01-01T00:00:00.000Z"):
        write(db_path, "INSERT INTO memory_entries (content, content_hash, category, source, created_at)"
              " VALUES (?, ?, 'fact', 'user_explicit', ?)", [f"sentinel {sentinel}", sentinel, sentinel])
    stats = json.loads(run(url, "stats", "--json").stdout)
    assert stats["last_memory"] == sqlite_form(now - timedelta(seconds=5))
    assert stats["first_memory"] == str(int((now - timedelta(days=7)).timestamp()))
    assert stats["memories"] == 6


@pytest.mark.parametrize("value", ["9999-12-31T23:59:59-01:00", "0001-01-01T00:30:00+01:00"])
def test_a_bound_past_the_calendar_once_in_utc_is_exit_3(url, value):
    out = run(url, "list", "--since", value)
    assert out.returncode == 3, out.stderr
    assert out.stderr.strip() == f"error: date out of range once in UTC: {value!r}"
