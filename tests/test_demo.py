"""Demo databases: deterministic, of the promised size, and their truth file tells the truth."""

from __future__ import annotations

import json
import re
import sqlite3
import string
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from rapidfuzz.distance import OSA, Levenshtein

from jarvis_memory.store import hashing, memories, sessions
from jarvis_memory import timestamps
from jarvis_memory.cli import cli
from jarvis_memory.demo import DUPLICATE_KINDS, FIXTURE_AS_OF, KINDS, SIZES, build, truth_path_for
from jarvis_memory.demo.corpus import FILLERS, REWORDED, SWAPS, TEMPLATES, VALUE_SLOTS, VALUES, template_slots
from jarvis_memory.errors import ConfigError, ValidationError

FIXTURE = Path(__file__).parent / "fixtures" / "jarvis-fixture.db"
TABLES = {
    "memory_entries": "id, content, content_hash, category, source, created_at, last_accessed",
    "sessions": "id, started_at, ended_at, end_trigger, summary",
    "daily_logs": "id, session_id, event_type, event_data, timestamp",
}
TIMESTAMPS = {"memory_entries": ("created_at", "last_accessed"), "sessions": ("started_at", "ended_at"),
              "daily_logs": ("timestamp",)}


def _rows(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return {t: conn.execute(f"SELECT {cols} FROM {t} ORDER BY id").fetchall() for t, cols in TABLES.items()}
    finally:
        conn.close()


def _truth(path: Path) -> dict:
    return json.loads(truth_path_for(path).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "small.db"
    build(path, size="small", seed=11, as_of=FIXTURE_AS_OF)  # never today: no test depends on the date
    return path


@pytest.fixture(params=["fixture", "small"])
def demo_db(request: pytest.FixtureRequest) -> Path:
    return FIXTURE if request.param == "fixture" else request.getfixturevalue("small")


# -- determinism and size -----------------------------------------------------------
def test_rebuilding_the_fixture_gives_the_committed_rows(tmp_path: Path) -> None:
    rebuilt = tmp_path / "fixture.db"
    build(rebuilt, size="tiny", seed=7, as_of=FIXTURE_AS_OF)
    assert _rows(rebuilt) == _rows(FIXTURE)
    assert _truth(rebuilt) == _truth(FIXTURE)


def test_the_demo_ends_on_its_as_of_day_and_another_day_moves_every_row_by_whole_days(tmp_path: Path) -> None:
    build(tmp_path / "later.db", size="tiny", seed=7, as_of="2027-01-08")  # 70 days after the fixture's day
    assert _truth(tmp_path / "later.db")["as_of"] == "2027-01-08"
    shifted, fixture = (sqlite3.connect(p) for p in (tmp_path / "later.db", FIXTURE))
    sql = ("SELECT count(*), sum(julianday(ended_at) - julianday(started_at)), max(started_at) FROM sessions"
           " WHERE started_at GLOB '2*T*Z' AND ended_at GLOB '2*T*Z'")
    (n, length, last), (n0, length0, last0) = shifted.execute(sql).fetchone(), fixture.execute(sql).fetchone()
    assert n == n0 and abs(length - length0) < 1e-6  # the same sessions, as long as before
    gap = shifted.execute(f"SELECT julianday('{last}') - julianday('{last0}')").fetchone()[0]
    assert abs(gap - 70) < 1e-6 and last < "2027-01-09"
    with pytest.raises(ValidationError, match="as_of must be a date"):
        build(tmp_path / "bad.db", size="tiny", as_of="next tuesday")


def test_another_seed_gives_other_rows(tmp_path: Path) -> None:
    build(tmp_path / "other.db", size="tiny", seed=8)
    assert _rows(tmp_path / "other.db")["memory_entries"] != _rows(FIXTURE)["memory_entries"]


def test_counts_are_the_requested_sizes(demo_db: Path) -> None:
    truth = _truth(demo_db)
    rows = _rows(demo_db)
    assert {t: len(r) for t, r in rows.items()} == truth["counts"]
    assert truth["counts"] == dict(zip(TABLES, SIZES[truth["size"]].values()))


def test_explicit_counts(tmp_path: Path) -> None:
    summary = build(tmp_path / "custom.db", size={"memories": 150, "sessions": 30, "events": 600}, seed=1)
    assert summary["counts"] == {"memory_entries": 150, "sessions": 30, "daily_logs": 600}
    assert summary["size"] == "custom"


def test_the_committed_fixture_is_small_and_self_contained() -> None:
    assert FIXTURE.stat().st_size < 300_000
    header = FIXTURE.read_bytes()[:20]
    assert header[18:20] == b"\x01\x01"  # rollback journal, not WAL: no -wal file needed
    assert not Path(f"{FIXTURE}-wal").exists()


# -- the truth file is true ----------------------------------------------------------------
def test_planted_pairs_are_what_their_kind_says(demo_db: Path) -> None:
    truth = _truth(demo_db)
    by_id = {r[0]: r for r in _rows(demo_db)["memory_entries"]}
    punctuation = str.maketrans("", "", string.punctuation + "’")
    assert {p["kind"] for p in truth["planted"]} == set(KINDS)
    for pair in truth["planted"]:
        a, b, kind = by_id[pair["id_a"]], by_id[pair["id_b"]], pair["kind"]
        assert pair["id_a"] < pair["id_b"] and a[1] != b[1] and a[3] == b[3], pair
        assert pair["label"] == ("duplicate" if kind in DUPLICATE_KINDS else "distinct"), pair
        if kind == "case_whitespace":
            assert " ".join(a[1].lower().split()) == " ".join(b[1].lower().split()), pair
        elif kind == "punctuation":
            assert a[1].translate(punctuation) == b[1].translate(punctuation) or \
                " ".join(a[1].translate(punctuation).split()) == " ".join(b[1].translate(punctuation).split()), pair
        elif kind == "unicode_form":
            assert " ".join(unicodedata.normalize("NFKC", a[1]).split()) == \
                " ".join(unicodedata.normalize("NFKC", b[1]).split()), pair
        elif kind == "typo":
            assert 1 <= Levenshtein.distance(a[1], b[1]) <= 2, pair
        elif kind == "reordered":
            assert sorted(a[1].lower().split()) == sorted(b[1].lower().split()), pair
        elif kind == "filler":
            assert [w for w in b[1].lower().split() if w not in FILLERS] == a[1].lower().split(), pair
        elif kind == "subsumed":
            assert b[1].startswith(a[1]) and len(b[1].split()) > len(a[1].split()), pair
        elif kind == "negation":
            assert b[1].startswith(("No longer ", "It is not true that ")) and b[1].lower().endswith(a[1].lower()), pair
        elif kind == "word_swap":
            changed = [(x, y) for x, y in zip(a[1].split(), b[1].split()) if x != y]
            assert len(a[1].split()) == len(b[1].split()) and len(changed) == 1 and SWAPS[changed[0][0]] == changed[0][1], pair
        elif kind in ("reworded", "reworded_sibling"):  # other words (REWORDED), the same numbers
            wa, wb = a[1].split(), b[1].split()
            assert Levenshtein.distance(wa, wb) > 3 and sorted(re.findall(r"\d+", a[1])) == sorted(re.findall(r"\d+", b[1])), pair
        else:  # contradiction, sibling, other_subject: the same statement with one slot's value changed
            wa, wb = a[1].split(), b[1].split()
            assert Counter(wa) != Counter(wb) and Levenshtein.distance(wa, wb) <= 3, pair
            if kind == "other_subject":
                assert wa[0] != wb[0] and wa[1:] == wb[1:], pair


def test_planted_rates(demo_db: Path) -> None:
    truth = _truth(demo_db)
    kinds = Counter(p["kind"] for p in truth["planted"])
    n = truth["counts"]["memory_entries"]
    duplicates = sum(kinds[k] for k in DUPLICATE_KINDS)
    assert 0.02 <= duplicates / n <= 0.06
    assert 0.02 <= (sum(kinds.values()) - duplicates) / n <= 0.06  # hard negatives
    assert 0.005 <= kinds["contradiction"] / n <= 0.015 or kinds["contradiction"] >= 2


def test_every_template_has_a_rewording_with_the_same_slots() -> None:
    assert len(REWORDED) == len(TEMPLATES)
    for (_, template), reworded in zip(TEMPLATES, REWORDED):
        assert sorted(template_slots(reworded)) == sorted(template_slots(template)), reworded
        assert Levenshtein.distance(template.split(), reworded.split()) > 3, reworded  # other words, not a near variant


def test_no_two_values_of_a_slot_are_one_edit_apart() -> None:
    """A contradiction that swaps "Tara" for "Zara" would read as a typo: the truth would be wrong."""
    close = []
    for kind in VALUE_SLOTS:
        for i, a in enumerate(VALUES[kind]):
            for b in VALUES[kind][i + 1:]:
                only_a = list((Counter(a.casefold().split()) - Counter(b.casefold().split())).elements())
                only_b = list((Counter(b.casefold().split()) - Counter(a.casefold().split())).elements())
                if len(only_a) == len(only_b) == 1 and (only_a[0] + only_b[0]).isalpha() \
                        and OSA.distance(only_a[0], only_b[0]) <= 1:
                    close.append((kind, a, b))
    assert close == []


def test_a_session_started_on_the_demo_adopts_no_orphan_event(tmp_path: Path) -> None:
    """The orphans' sessions were deleted: a new session gets a fresh id, so it is not idle since an old event."""
    from jarvis_memory import Database

    copy = tmp_path / "demo.db"
    copy.write_bytes(FIXTURE.read_bytes())
    orphan_sessions = {r[0] for r in sqlite3.connect(copy).execute(
        "SELECT session_id FROM daily_logs WHERE session_id NOT IN (SELECT id FROM sessions)")}
    with Database(copy.as_uri()) as db:
        started = db.sessions.start()
        assert started.id > max(orphan_sessions)
        assert started.id not in {s.id for s in db.sessions.expire_idle(30)}


def test_hash_problems_are_exactly_the_recorded_ones(demo_db: Path) -> None:
    truth = _truth(demo_db)
    rows = _rows(demo_db)["memory_entries"]
    assert [r[0] for r in rows if r[2] is None] == truth["hash_missing_ids"]
    assert [r[0] for r in rows if r[2] is not None and r[2] != hashing.content_hash(r[1])] == truth["hash_mismatch_ids"]
    assert truth["hash_mismatch_ids"] and truth["hash_missing_ids"]


def test_bad_timestamps_are_exactly_the_recorded_ones(demo_db: Path) -> None:
    truth = _truth(demo_db)
    rows = _rows(demo_db)
    for table, columns in TIMESTAMPS.items():
        names = TABLES[table].split(", ")
        index = [names.index(c) for c in columns]
        bad = [r[0] for r in rows[table] if any(r[i] is not None and not timestamps.is_iso(r[i]) for i in index)]
        assert bad == truth["bad_timestamp_ids"][table] and bad, table


def test_sessions_and_events_problems_are_exactly_the_recorded_ones(demo_db: Path) -> None:
    truth = _truth(demo_db)
    rows = _rows(demo_db)
    session_ids = {r[0] for r in rows["sessions"]}
    memory_ids = {r[0] for r in rows["memory_entries"]}
    assert [r[0] for r in rows["sessions"] if r[2] is None] == truth["open_session_ids"]
    assert [r[0] for r in rows["daily_logs"] if r[1] not in session_ids] == truth["orphan_event_ids"]

    def memory_id(data: object) -> int | None:
        try:
            return json.loads(data)["memory_id"]
        except (TypeError, ValueError, KeyError):
            return None

    stores = [(r[0], memory_id(r[3])) for r in rows["daily_logs"] if r[2] == "memory_store"]
    assert all(m is not None for _, m in stores)
    assert [i for i, m in stores if m not in memory_ids] == truth["missing_memory_event_ids"]
    assert set(truth["deleted_memory_ids"]).isdisjoint(memory_ids)

    def valid_json(data: object) -> bool:
        try:
            json.loads(data)
            return isinstance(data, str)
        except (TypeError, ValueError):
            return False

    texts = [r for r in rows["daily_logs"] if not isinstance(r[3], bytes)]
    assert [r[0] for r in texts if r[3] is not None and not valid_json(r[3])] == truth["invalid_json_event_ids"]
    assert [r[0] for r in rows["daily_logs"] if isinstance(r[3], bytes)] == truth["blob_event_data_ids"]


def test_enum_and_ordering_problems_are_exactly_the_recorded_ones(demo_db: Path) -> None:
    truth = _truth(demo_db)
    rows = _rows(demo_db)
    assert [r[0] for r in rows["memory_entries"]
            if r[3] not in memories.CATEGORIES or r[4] not in memories.SOURCES] == truth["bad_enum_ids"]["memory_entries"]
    assert [r[0] for r in rows["sessions"]
            if r[3] is not None and r[3] not in sessions.TRIGGERS] == truth["bad_enum_ids"]["sessions"]
    early = [r[0] for r in rows["memory_entries"]
             if r[6] and timestamps.is_iso(r[5]) and timestamps.is_iso(r[6]) and r[6] < r[5]]
    assert early == truth["accessed_before_created_ids"]


def test_event_log_is_consistent_where_nothing_was_planted(demo_db: Path) -> None:
    truth = _truth(demo_db)
    rows = _rows(demo_db)
    created = {r[0]: r[5] for r in rows["memory_entries"]}
    for event_id, _, kind, data, stamp in rows["daily_logs"]:
        if kind == "memory_store" and event_id not in truth["bad_timestamp_ids"]["daily_logs"]:
            memory_id = json.loads(data)["memory_id"]
            if memory_id in created and memory_id not in truth["bad_timestamp_ids"]["memory_entries"]:
                assert created[memory_id] == stamp  # stored when it was logged
    ended = [r for r in rows["sessions"] if r[2] is not None and r[0] not in truth["bad_timestamp_ids"]["sessions"]]
    assert all(r[1] < r[2] for r in ended)
    window_start, as_of = truth["base_date"], truth["as_of"]  # the span the demo was built for, not today
    assert ended and all(window_start <= r[1] < f"{as_of}T24" for r in ended)


# -- where it writes -------------------------------------------------------------------------
def test_refuses_to_overwrite_a_database_that_is_not_a_demo(tmp_path: Path) -> None:
    precious = tmp_path / "jarvis.db"
    precious.write_bytes(b"precious")
    with pytest.raises(ConfigError, match="not a demo database"):
        build(precious, size="tiny")
    assert precious.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jarvis.db"]


def test_replaces_a_previous_demo_atomically(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    build(path, size="tiny", seed=1)
    build(f"file:{path}", size="tiny", seed=2)
    assert _truth(path)["seed"] == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db", "demo.truth.json"]


@pytest.mark.parametrize("target", ["ws://localhost:8080", "libsql://db.example.com", "file:", "postgres://x/y"])
def test_only_local_files(tmp_path: Path, target: str) -> None:
    with pytest.raises(ConfigError):
        build(target, size="tiny")


@pytest.mark.parametrize("size", ["huge", {"memories": 10}, {"memories": 100, "sessions": 20, "events": 10},
                                  {"memories": True, "sessions": 20, "events": 1000}])
def test_bad_sizes_write_nothing(tmp_path: Path, size: object) -> None:
    with pytest.raises(ValidationError):
        build(tmp_path / "x.db", size=size)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_cli_builds_and_summarises(tmp_path: Path) -> None:
    out = tmp_path / "cli.db"
    result = CliRunner().invoke(cli, ["demo", "--size", "tiny", "--seed", "7", "--as-of", "2026-10-30", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "300 memories, 60 sessions, 1,000 events" in result.stdout
    assert "writing events" in result.stderr
    assert _rows(out) == _rows(FIXTURE)
    (tmp_path / "other.db").write_bytes(b"x")
    refused = CliRunner().invoke(cli, ["demo", "--size", "tiny", "--out", str(tmp_path / "other.db")])
    assert refused.exit_code == 3 and "not a demo database" in refused.stderr
