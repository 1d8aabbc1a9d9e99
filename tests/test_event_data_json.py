"""Event data is JSON where JavaScript's ``JSON.parse`` reads it, for every reader (issue 12, case 5).

The TypeScript app writes ``daily_logs.event_data`` with ``JSON.stringify``, which escapes a lone
surrogate (half an emoji cut by ``slice``) as ``\\ud83d`` (serde-rs/json#495); DuckDB's JSON reader
refused it, so the loader called the event "not JSON" and the usage report counted it in
``store_events_missing_memory``.  ``JSON_TEXTS`` is the one table of JavaScript's verdicts: it checks
``store.events.parse_data`` (and ``LogEvent.data``), the loader's ``event_data`` and the quality findings;
``tests/test_interop_typescript.py`` checks the verdicts themselves against Node's ``JSON.parse``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

import jarvis_memory
from jarvis_memory.analysis import quality
from jarvis_memory.analysis.load import load
from jarvis_memory.store import events

# (event_data as stored, whether JSON.parse reads it)
JSON_TEXTS: list[tuple[str, bool]] = [
    ('{"memory_id":1,"note":"Loves \\ud83d"}', True),  # JSON.stringify({..., note: "Loves " + "😀".slice(0, 1)})
    ('{"note":"\\ude00 second half"}', True),          # a lone low surrogate
    ('{"note":"\\ude00\\ud83d"}', True),               # a pair in the wrong order: two lone halves
    ('{"\\ud83d":1}', True),                           # in a key
    ('"\\ud83d"', True),                               # at the top (JSON, not an object)
    ('{"note":"\\ud83d\\ude00"}', True),               # a whole pair: 😀
    ('{"note":"info: inf, nan ,] ,}"}', True),         # looks like a relaxed token, inside a string
    ('{"n":1e400,"m":-0,"z":"\\u0000"}', True),
    ('{"n":NaN}', False),                              # Python's json.dumps(float("nan")); DuckDB takes it
    ("NaN", False),
    ('{"n":-Infinity}', False),
    ("[1,-inf]", False),
    ('{"a":1,}', False),                               # a trailing comma; DuckDB takes it
    ("[1 ,\n]", False),
    ('{"a":1', False),                                 # cut short
    ('{"a":"\t"}', False),                             # a raw control character
    ("\ufeff{}", False),                               # a byte order mark
    ('{"a":1}//c', False),
    ("{'a':1}", False),
    ('{"a":01}', False),
    ("", False),
]


def as_javascript_reads(value):
    """The value JSON.parse gives, as it reaches a UTF-8 reader: a lone surrogate as U+FFFD (TextEncoder's)."""
    if isinstance(value, str):
        return re.sub("[\ud800-\udfff]", "\ufffd", value)
    if isinstance(value, list):
        return [as_javascript_reads(v) for v in value]
    if isinstance(value, dict):
        return {as_javascript_reads(k): as_javascript_reads(v) for k, v in value.items()}
    return value


@pytest.fixture
def logged(tmp_path: Path) -> tuple[str, dict[int, tuple[str, bool]]]:
    """A database holding memory 1 and one memory_store event per text of the table, written as another client would."""
    path = tmp_path / "events.db"
    with jarvis_memory.Database(path.as_uri()) as db:
        db.migrate()
        db.memories.store("Loves sushi", "preference", "user_explicit")
        session = db.sessions.start()
    conn = sqlite3.connect(path)
    with conn:
        ids = {conn.execute("INSERT INTO daily_logs (session_id, event_type, event_data, timestamp)"
                            " VALUES (?, 'memory_store', ?, '2026-12-06T10:00:00.000Z')", [session.id, text]).lastrowid:
               (text, ok) for text, ok in JSON_TEXTS}
    conn.close()
    return path.as_uri(), ids


def test_parse_data_reads_as_javascript_does():
    for text, ok in JSON_TEXTS:
        if ok:
            assert events.parse_data(text) == json.loads(text), text  # Python's json keeps a lone surrogate too
        else:
            with pytest.raises(ValueError):
                events.parse_data(text)


def test_python_reads_the_event_as_javascript_does(logged):
    url, ids = logged
    with jarvis_memory.Database(url) as db:
        read = {}
        for event in db.events.list(limit=1000):
            try:
                read[event.id] = event.data
            except ValueError:
                read[event.id] = "not JSON"
    assert read == {i: json.loads(text) if ok else "not JSON" for i, (text, ok) in ids.items()}


def test_the_loader_and_the_findings_read_the_event_as_javascript_does(logged):
    url, ids = logged
    with load(url) as ds:
        loaded = dict(ds.con.execute("SELECT id, event_data FROM daily_logs").fetchall())
        stored_memory = ds.sql("SELECT id FROM daily_logs WHERE (event_data->>'memory_id')::BIGINT = 1")["id"].tolist()
        found = quality.findings(ds)
    assert sorted(i for i, v in loaded.items() if v is None) == sorted(i for i, (_, ok) in ids.items() if not ok)
    assert {i: json.loads(v) for i, v in loaded.items() if v is not None} == {
        i: as_javascript_reads(json.loads(text)) for i, (text, ok) in ids.items() if ok}
    half_emoji = next(i for i, (text, _) in ids.items() if text.startswith('{"memory_id":1'))
    assert stored_memory == [half_emoji]  # the event names memory 1, which exists: not a store event without memory
    not_json = found.loc[found["problem"] == "event_data not JSON", "id"].tolist()
    assert not_json == sorted(i for i, (_, ok) in ids.items() if not ok)
