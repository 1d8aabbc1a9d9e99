"""Sessions and the event log on every URL kind."""

from datetime import datetime, timedelta, timezone

import pytest

from jarvis_memory import ConflictError, NotFoundError, ValidationError, timestamps


def test_session_lifecycle(db):
    session = db.sessions.start()
    assert timestamps.is_iso(session.started_at) and session.ended_at is None
    event = db.events.log(session.id, "memory_store", {"memory_id": 7, "text": "çà ✓", "nested": {"a": [1, 2]}})
    assert event.data == {"memory_id": 7, "text": "çà ✓", "nested": {"a": [1, 2]}}
    assert event.event_data == '{"memory_id":7,"text":"çà ✓","nested":{"a":[1,2]}}'  # JSON.stringify form
    ended = db.sessions.end(session.id, "browser_close", summary="Talked about jazz")
    assert (ended.end_trigger, ended.summary) == ("browser_close", "Talked about jazz")
    assert ended.ended_at >= ended.started_at
    with pytest.raises(ConflictError):
        db.sessions.end(session.id, "explicit")
    assert db.sessions.get(session.id) == ended


def test_unknown_session(db):
    with pytest.raises(NotFoundError):
        db.sessions.end(999, "explicit")
    with pytest.raises(NotFoundError):
        db.events.log(999, "message", {"x": 1})
    assert db.events.list() == []


@pytest.mark.parametrize("trigger", ["", "crash", "TIMEOUT", None, 1])
def test_bad_trigger_writes_nothing(db, trigger):
    session = db.sessions.start()
    with pytest.raises(ValidationError):
        db.sessions.end(session.id, trigger)
    assert db.sessions.get(session.id).ended_at is None


@pytest.mark.parametrize(
    "event_type, data",
    [
        ("message", {"f": float("nan")}),
        ("message", {"obj": object()}),
        ("message", {"big": "x" * 70_000}),
        ("message", ["not", "an", "object"]),
        ("message", "text"),
        ("", {}),
        ("has space", {}),
        ("x" * 65, {}),
        ("x'; DROP TABLE daily_logs;--", {}),
        (None, {}),
    ],
)
def test_bad_events_write_nothing(db, event_type, data):
    session = db.sessions.start()
    with pytest.raises(ValidationError):
        db.events.log(session.id, event_type, data)
    assert db.events.list() == []


def test_event_without_session_and_without_data(db):
    event = db.events.log(None, "app_start")
    assert event.session_id is None and event.event_data is None


def test_expire_idle_sessions(db):
    quiet, busy, ended = db.sessions.start(), db.sessions.start(), db.sessions.start()
    db.sessions.end(ended.id, "explicit")
    db.events.log(busy.id, "message", {"n": 1})
    later = datetime.now(timezone.utc) + timedelta(minutes=45)
    assert db.sessions.expire_idle(60, now=later) == []
    # The busy one's last event is as old as the quiet one's start, so both go after 30 minutes:
    expired = db.sessions.expire_idle(30, now=later)
    assert [s.id for s in expired] == [quiet.id, busy.id]
    assert {s.end_trigger for s in expired} == {"timeout"}
    assert db.sessions.get(ended.id).end_trigger == "explicit"
    assert db.sessions.list(open_only=True) == []


@pytest.mark.parametrize("minutes", [0, -5, float("nan"), "ten", 10**9])
def test_expire_idle_rejects_absurd_thresholds(db, minutes):
    with pytest.raises(ValidationError):
        db.sessions.expire_idle(minutes)
