"""Timestamps other clients wrote are compared as instants, not text (issue 12, cases 3 and 4; 10 in part).

SQLite's own ``datetime('now')`` spelling, an offset and a Unix epoch number are written
with plain sqlite3 into a migrated database; ``sessions expire``, ``list --since/--until``,
``search``/``recall`` order and ``stats`` read them as the moments they are.

``SPELLINGS`` is the one table of what each spelling means: every reader is checked against it (Python's
``timestamps.instant_ms``, ``timestamps.instant_sql`` on ``file:`` and on the real sqld, the newest-first
order and ``--since/--until`` built on it, and the analysis loader on each of its paths).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from conftest import TOKEN, cli_env, write
from jarvis_memory import Database, timestamps
from jarvis_memory.analysis.load import load

T = "2026-12-06T10:00:00.000Z"  # the instant most spellings below name
SPELLINGS: list[tuple[str | int | float, str | None]] = [
    # JavaScript
    ("2026-12-06T10:00:00.000Z", T),                  # toISOString(), the shared form
    (1796551200000, T),                               # Date.now() bound as a number: a TEXT column keeps its digits
    ("1796551200000", T),                             # Date.now() as text
    ("Sun Dec 06 2026 10:00:00 GMT+0000 (Coordinated Universal Time)", None),  # String(new Date()): display only
    # SQLite
    ("2026-12-06 10:00:00", T),                       # datetime('now'): UTC without a zone
    ("2026-12-06", "2026-12-06T00:00:00.000Z"),       # date('now')
    (2461380.9166666665, T),                          # julianday('now') bound as a REAL (kept as 15 digits)
    ("1796551200", T),                                # unixepoch()
    ("1796551200.123", "2026-12-06T10:00:00.123Z"),   # unixepoch('subsec')
    # Python
    ("2026-12-06T10:00:00+00:00", T),                 # isoformat() of an aware datetime
    ("2026-12-06T10:00:00.123456+00:00", "2026-12-06T10:00:00.123Z"),  # microseconds, truncated as toISOString
    ("2026-12-06T10:00:00", T),                       # isoformat() of a naive datetime: UTC, as SQLite reads it
    ("2026-12-06T10:00:00+0000", T),                  # strftime('%z'), many loggers
    ("2026-12-06T15:30:00+0530", T),
    ("2026-12-06T05:00:00-0500", T),
    # loggers and other clients
    ("2026-12-06 10:00:00,123", "2026-12-06T10:00:00.123Z"),  # logging's asctime
    ("2026-12-06T15:30:00+05:30", T),
    ("2026-12-06T15:00:00+05", T),                    # PostgreSQL's text form
    ("2026-12-06t10:00:00z", T),                      # lowercase t and z
    ("2026-12-06T10:00Z", T),                         # no seconds
    ("2026-12-06T10:00:00.9999Z", "2026-12-06T10:00:00.999Z"),  # truncated, never rounded into the next second
    ("2026-12-07T00:00:00+14:00", T),                 # the largest offset in use (Kiribati)
    ("2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00.000Z"),  # an offset moves the day and the year
    ("2024-02-29T12:00:00Z", "2024-02-29T12:00:00.000Z"),       # a leap day
    ("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"),   # before the epoch
    ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z"),       # sentinels are instants too (the loader's
    ("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"),   # figures leave them out: PLAUSIBLE_YEARS)
    # unreadable: no instant, for every reader
    *((text, None) for text in (
        "", "yesterday-ish", "now", "03/10/2026", "2026-02-30T10:00:00Z", "2026-02-29T10:00:00Z", "2026-13-01",
        "2026-12-06T24:00:00Z", "2026-12-06T10:60:00Z", "2026-12-06T10:00:60Z", "0000-01-01",
        "2026-12-06T10:00:00+24:00", "2026-12-06T10:00:00+05:60", "2026-12-06T10:00:00+5",
        "2026-12-06T10:00:00 +00:00", " 2026-12-06T10:00:00Z", "2026-12-06T10:00:00Z\n", "2026-12-06T10:00:00.Z",
        "2026-12-06T10:00,5Z", "2026-12-06T10", "20261206T100000Z", "1e12", "-1", "1.", "253402300800000",
    )),
]


def ms(instant: str | None) -> int | None:
    """The table's instant in ms since the epoch, by datetime arithmetic (not the code under test)."""
    if instant is None:
        return None
    moment = datetime.fromisoformat(instant.replace("Z", "+00:00"))
    return (moment - datetime(1970, 1, 1, tzinfo=timezone.utc)) // timedelta(milliseconds=1)


@pytest.fixture
def spelled(url_kind, tmp_path, request):
    """``(url, token, {id: expected ms})``: one memory per spelling of the table, on each URL kind."""
    if url_kind == "file":
        url, token = (tmp_path / "spelled.db").as_uri(), None
    else:
        url, token = request.getfixturevalue("server").url(url_kind), TOKEN
    expected = {}
    with Database(url, token) as db:
        db.migrate()
        for n, (value, instant) in enumerate(SPELLINGS):
            row = db.execute("INSERT INTO memory_entries (content, content_hash, category, source, created_at)"
                             " VALUES (?, ?, 'fact', 'user_explicit', ?) RETURNING id",
                             [f"spelling {n}", str(n), value])
            expected[row.rows[0][0]] = ms(instant)
    return url, token, expected


def test_python_and_sql_read_each_spelling_as_the_table_says(spelled):
    url, token, expected = spelled
    with Database(url, token) as db:
        stored = db.execute("SELECT id, created_at FROM memory_entries").rows
        sql = db.execute(f"SELECT id, {timestamps.instant_sql('created_at')} FROM memory_entries").rows
    assert {row[0]: timestamps.instant_ms(row[1]) for row in stored} == expected
    assert {row[0]: row[1] for row in sql} == expected


def test_newest_first_and_since_until_follow_the_table(spelled):
    url, token, expected = spelled
    newest_first = sorted(expected, key=lambda i: (expected[i] is not None, expected[i] or 0, i), reverse=True)
    with Database(url, token) as db:
        assert [e.id for e in db.memories.search("spelling", limit=1000)] == newest_first
        window = db.memories.list(since=T, until=datetime.fromisoformat(T) + timedelta(milliseconds=1), limit=1000)
        before = db.memories.list(until=T, limit=1000)
    assert [e.id for e in window] == [i for i in sorted(expected) if expected[i] == ms(T)]
    assert [e.id for e in before] == [i for i in sorted(expected) if expected[i] is not None and expected[i] < ms(T)]


def test_the_loader_reads_each_spelling_as_the_table_says(spelled):
    """file: through ADBC; ws and http through an embedded replica; ws-legacy in keyset pages."""
    url, token, expected = spelled
    first, last = timestamps.PLAUSIBLE_YEARS
    low, high = ms(f"{first:04d}-01-01T00:00:00Z"), ms(f"{last + 1:04d}-01-01T00:00:00Z")
    with load(url, auth_token=token) as ds:
        rows = ds.con.execute("SELECT id, epoch_ms(created_at) FROM memory_entries").fetchall()
    assert dict(rows) == {i: v if v is not None and low <= v < high else None for i, v in expected.items()}


def percent_z(moment: datetime) -> str:
    """Python's ``strftime('%z')`` (and many loggers'): an offset without a colon, ``+0000``."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S%z")


@pytest.fixture
def served_db(url_kind, tmp_path, request):
    """``(url, token)`` of a migrated database of each kind (file: or the real sqld)."""
    if url_kind == "file":
        url, token = (tmp_path / "jarvis.db").as_uri(), None
    else:
        url, token = request.getfixturevalue("server").url(url_kind), TOKEN
    with Database(url, token) as db:
        db.migrate()
    return url, token


def test_expire_counts_idle_time_from_an_event_stamped_with_a_colonless_offset(served_db):
    """healthsync#6: a session whose last event is stamped ``+0000`` a second ago is active, not idle."""
    url, token = served_db
    moment = datetime.now(timezone.utc)
    with Database(url, token) as db:
        active, idle = (db.execute("INSERT INTO sessions (started_at) VALUES (?) RETURNING id",
                                   [timestamps.iso(moment - timedelta(hours=2))]).rows[0][0] for _ in range(2))
        for session, ago in ((active, timedelta(seconds=1)), (idle, timedelta(hours=1))):
            db.execute("INSERT INTO daily_logs (session_id, event_type, timestamp) VALUES (?, 'message', ?)",
                       [session, percent_z(moment - ago)])
    out = subprocess.run([sys.executable, "-m", "jarvis_memory", "sessions", "expire", "--idle-minutes", "30",
                          "--json"], env=cli_env(url, token), capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert [s["id"] for s in json.loads(out.stdout)] == [idle]


def test_list_since_until_find_a_memory_stamped_with_a_colonless_offset(served_db):
    """healthsync#6: a memory stamped ``+0000`` is in the window it was written in, and in no other."""
    url, token = served_db
    with Database(url, token) as db:
        db.execute("INSERT INTO memory_entries (content, content_hash, category, source, created_at)"
                   " VALUES ('logged by healthsync', 'h', 'fact', 'user_explicit', '2026-12-06T10:00:00+0000')")

    def listed(*bounds: str) -> list[str]:
        out = subprocess.run([sys.executable, "-m", "jarvis_memory", "list", *bounds, "--json"],
                             env=cli_env(url, token), capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        return [e["content"] for e in json.loads(out.stdout)]

    assert listed("--since", "2026-12-06", "--until", "2026-12-07") == ["logged by healthsync"]
    assert listed("--since", "2026-12-06T10:00:00.001Z") == listed("--until", "2026-12-06T10:00:00Z") == []


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
