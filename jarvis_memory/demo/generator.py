"""Deterministic demo databases with planted problems and their ground truth.

The audits (duplicates, contradictions, hash integrity, broken timestamps,
dangling references) can only be measured against data whose problems are
known.  :func:`build` writes a fresh database through the core's write path
(the same dedup upsert as ``import``), plants those problems with raw SQL as an
old client or a hand edit would have, and records every one of them in
``<stem>.truth.json`` beside the database.

Everything derives from ``random.Random(seed)`` and a fixed base date, never
the wall clock, so a seed always gives the same rows.

Why one module: :func:`build` and its builder lay sessions, memories, events and the single-row problems
on one timeline and share its state (the random generator, the truth record); the vocabulary, the planted
pairs and the SQL that writes rows are modules of their own.

>>> from jarvis_memory.demo import build
>>> summary = build("/tmp/jarvis-demo-doctest.db", size="tiny", seed=7)
>>> summary["counts"]["memory_entries"]
300
"""

from __future__ import annotations

import bisect
import json
import os
import random
import time
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import click

from .. import timestamps
from ..errors import ConfigError, ValidationError
from ..progress import Progress
from ..store import config
from ..store.database import Database
from . import writing
from .corpus import BAD_TIMESTAMP_FORMS, CLIENTS, SUMMARIES, TOOLS, VALUES
from .planting import DUPLICATE_KINDS, KINDS, Memory, Planter, n_planted
from .writing import DAY_MS, EPOCH, MINUTE_MS, iso_ms

SIZES: dict[str, dict[str, int]] = {
    "tiny": {"memories": 300, "sessions": 60, "events": 1_000},
    "small": {"memories": 3_000, "sessions": 1_500, "events": 30_000},
    "medium": {"memories": 15_000, "sessions": 6_000, "events": 200_000},
    "large": {"memories": 50_000, "sessions": 20_000, "events": 1_000_000},
}
DAYS = 90  # the demo's activity spans the DAYS days before its "as of" day (by default the day it is built)
DELETED_SESSIONS = 50  # ids after the last session: sessions deleted since, whose events are orphans
FIXTURE_AS_OF = date(2026, 10, 30)  # the committed test fixture's day: rebuilt with it, it is the same rows


def build(
    url_or_path: str | os.PathLike[str],
    size: str | Mapping[str, int] = "small",
    seed: int = 7,
    *,
    progress: Callable[[str], None] | None = None,
    as_of: date | str | None = None,
) -> dict[str, Any]:
    """Write a fresh demo database and ``<stem>.truth.json`` beside it; returns a summary.

    The activity spans the :data:`DAYS` days before ``as_of`` (a date, or ISO text; default:
    today, UTC), so "stale" and "open for days" read as they would on a live database the
    day it is built.  The same seed and ``as_of`` give the same rows; another ``as_of``
    gives the same rows moved by whole days.
    ``size`` is a name from :data:`SIZES` or a mapping with ``memories``,
    ``sessions`` and ``events``.  An existing file is only replaced if it is a
    previous demo database (it has a truth file); the new one is built in a
    temporary file and renamed over it, so readers never see half a database.
    """
    started = time.perf_counter()
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValidationError(f"seed must be an integer, not {seed!r}")
    end = _as_of_day(as_of)
    base = datetime(end.year, end.month, end.day, tzinfo=timezone.utc) - timedelta(days=DAYS)
    target = _target(url_or_path)
    sizes = _sizes(size)
    truth_path = truth_path_for(target)
    if target.exists() and not _is_demo(target):
        raise ConfigError(f"refusing to overwrite {target}: it is not a demo database (no {truth_path.name} beside it)")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ConfigError(f"cannot create the folder for {target}: {e.strerror}") from None
    say = progress or (lambda message: None)
    tmp = target.with_name(f".{target.name}.building-{os.getpid()}")
    tmp_truth = truth_path.with_name(f".{truth_path.name}.building-{os.getpid()}")
    _remove_db_files(tmp)
    try:
        truth = _Builder(random.Random(seed), sizes, say, base).write(tmp)
        truth = {"seed": seed, "size": size if isinstance(size, str) else "custom", "sizes": sizes,
                 "base_date": timestamps.iso(base), "as_of": end.isoformat(), **truth}
        tmp_truth.write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        _remove_db_files(target, sidecars_only=True)  # a stale WAL must never be applied to the new file
        os.replace(tmp, target)
        os.replace(tmp_truth, truth_path)
    finally:
        _remove_db_files(tmp)
        tmp_truth.unlink(missing_ok=True)
    seconds = round(time.perf_counter() - started, 2)
    pairs = Counter(p["kind"] for p in truth["planted"])
    return {"database": str(target), "truth": str(truth_path), "seed": seed, "size": truth["size"],
            "counts": truth["counts"], "planted": {k: pairs.get(k, 0) for k in KINDS}, "seconds": seconds}


def _as_of_day(as_of: date | str | None) -> date:
    if as_of is None:
        return datetime.now(timezone.utc).date()
    if isinstance(as_of, datetime):
        raise ValidationError("as_of is a day: pass a date or 'YYYY-MM-DD'")
    if isinstance(as_of, date):
        return as_of
    try:
        return date.fromisoformat(as_of)
    except (TypeError, ValueError):
        raise ValidationError(f"as_of must be a date (YYYY-MM-DD), not {as_of!r}") from None


def truth_path_for(db_path: str | os.PathLike[str]) -> Path:
    """``data/demo.db`` → ``data/demo.truth.json``."""
    path = Path(db_path)
    return path.with_name(path.stem + ".truth.json")


def default_path() -> Path:
    return config.project_dir() / "data" / "demo.db"


def _target(url_or_path: str | os.PathLike[str]) -> Path:
    text = os.fspath(url_or_path)
    if isinstance(text, str) and ":" in text.split("/", 1)[0]:
        settings = config.parse_url(text)
        if settings.is_remote:
            raise ConfigError(f"demo databases are built as local files, not at {settings.redacted_url}")
        assert settings.path is not None
        return settings.path
    if not text or text.endswith(("/", os.sep)):
        raise ConfigError(f"demo database path {text!r} names no file")
    return Path(text).expanduser().resolve()


def _sizes(size: str | Mapping[str, int]) -> dict[str, int]:
    if isinstance(size, str):
        if size not in SIZES:
            raise ValidationError(f"size must be one of {', '.join(SIZES)} or a mapping of counts; got {size!r}")
        return dict(SIZES[size])
    if not isinstance(size, Mapping) or set(size) != {"memories", "sessions", "events"}:
        raise ValidationError("explicit sizes need exactly the keys memories, sessions and events")
    out = {}
    for key, value in size.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10_000_000:
            raise ValidationError(f"{key} must be an integer from 1 to 10,000,000; got {value!r}")
        out[key] = value
    if out["memories"] < 100 or out["sessions"] < 20:
        raise ValidationError("a demo needs at least 100 memories and 20 sessions to plant every problem")
    least = 3 * out["sessions"] + out["memories"] + n_planted(0.002, out["memories"]) + n_planted(0.001, out["events"])
    if out["events"] < least:
        raise ValidationError(f"events must be at least {least:,} here: 3 per session plus one per memory stored")
    return out


def _is_demo(path: Path) -> bool:
    try:
        truth = json.loads(truth_path_for(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(truth, dict) and "seed" in truth and "planted" in truth


def _remove_db_files(path: Path, *, sidecars_only: bool = False) -> None:
    """The database file and SQLite's files beside it (WAL, shared memory, rollback journal)."""
    for suffix in ("-wal", "-shm", "-journal") + (() if sidecars_only else ("",)):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


class _Builder:
    """One build: generate rows in memory, write them in chunks, then plant the single-row problems."""

    def __init__(self, rng: random.Random, sizes: dict[str, int], say: Callable[[str], None], base: datetime):
        self.base_date = base
        self.base_ms = int((base - EPOCH).total_seconds() * 1000)
        self.rng = rng
        self.sizes = sizes
        self.say = say
        self.truth: dict[str, Any] = {}
        self.planter = Planter(rng)

    # -- the whole build ---------------------------------------------------
    def write(self, path: Path) -> dict[str, Any]:
        n_mem, n_ses = self.sizes["memories"], self.sizes["sessions"]
        self.say(f"generating {n_mem:,} memories, {n_ses:,} sessions, {self.sizes['events']:,} events")
        sessions = self._sessions(n_ses)
        n_deleted = n_planted(0.002, n_mem)
        items, pairs = self.planter.contents(n_mem + n_deleted)
        self._place(items, sessions)
        db = Database(path.as_uri())
        try:
            db.ready()
            self.say("writing memories")
            writing.insert_memories(db, items)
            self.say("writing sessions")
            writing.insert_sessions(db, sessions, DELETED_SESSIONS)
            deleted = self._take(items, n_deleted)  # forgotten: their memory_store events are left dangling
            self.say("writing events")
            events = self._events(sessions, items, deleted)
            writing.insert_events(db, events, self.say)
            writing.touch(db, items, events)
            self.say("planting problems")
            self._plant_rows(db, items, pairs, sessions, events, deleted)
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, safe to rename
            db.execute("VACUUM")  # packed pages: the committed fixture stays small
            counts = {t: int(db.execute(f"SELECT count(*) FROM {t}").rows[0][0])
                      for t in ("memory_entries", "sessions", "daily_logs")}
        finally:
            db.close()
        planted = sorted(({"id_a": min(items[a].id, items[b].id), "id_b": max(items[a].id, items[b].id), "kind": k,
                           "label": "duplicate" if k in DUPLICATE_KINDS else "distinct"}
                          for a, b, k in pairs), key=lambda p: (p["id_a"], p["id_b"]))
        return {"counts": counts, "planted": planted, **self.truth}

    # -- sessions ----------------------------------------------------------
    def _sessions(self, n: int) -> list[dict[str, Any]]:
        """Start times with a daily rhythm (morning, lunch, evening; later at weekends)."""
        rng = self.rng
        peaks = [(8.5, 1.0, 0.35), (12.75, 0.7, 0.2), (20.0, 1.5, 0.45)]
        out = []
        for _ in range(n):
            day = rng.randrange(DAYS)
            weekend = (self.base_date + timedelta(days=day)).weekday() >= 5
            mu, sigma, _ = rng.choices(peaks, weights=[p[2] for p in peaks])[0]
            hour = min(23.9, max(6.0, rng.gauss(mu + (1.5 if weekend else 0.0), sigma)))
            start = self.base_ms + day * DAY_MS + int(hour * 3_600_000) + rng.randrange(60_000)
            length = int(min(180.0, max(1.0, rng.lognormvariate(2.1, 0.8))) * MINUTE_MS)
            trigger = rng.choices(("timeout", "explicit", "browser_close"), weights=(45, 35, 20))[0]
            out.append({"start": start, "length": length, "trigger": trigger})
        out.sort(key=lambda s: s["start"])
        n_open = n_planted(0.015, n)
        open_ids = set(rng.sample(range(1, n), n_open - 1)) | {n}  # abandoned ones, and the one still running
        for sid, s in enumerate(out, start=1):
            s["id"] = sid
            s["open"] = sid in open_ids
            s["end"] = None if s["open"] else s["start"] + s["length"] + (30 * MINUTE_MS if s["trigger"] == "timeout" else 0)
            s["summary"] = None
            if not s["open"] and rng.random() < 0.6:
                s["summary"] = self.planter.fill(rng.choice(SUMMARIES))[0]
        self.truth["open_session_ids"] = sorted(open_ids)
        return out

    # -- times and sessions for memories -----------------------------------
    def _place(self, items: list[Memory], sessions: list[dict[str, Any]]) -> None:
        """Give each memory a time inside a session, variants after their originals."""
        rng = self.rng
        weights = [s["length"] for s in sessions]
        chosen = rng.choices(sessions, weights=weights, k=len(items))
        slots = sorted((s["start"] + 1 + rng.randrange(max(1, s["length"] - 2)), s["id"]) for s in chosen)
        for item, (ms, sid) in zip(sorted(items, key=lambda m: m.rank), slots):
            item.created_ms, item.session = ms, sid


    def _take(self, items: list[Memory], n: int) -> list[Memory]:
        """``n`` base memories in no planted pair, each used for one problem only."""
        return [items[self.planter.free_base.pop()] for _ in range(n)]

    # -- events ------------------------------------------------------------
    def _events(self, sessions: list[dict[str, Any]], items: list[Memory], deleted: list[Memory]) -> list[list[Any]]:
        rng = self.rng
        total = self.sizes["events"]
        n_orphans = n_planted(0.001, total)
        stores: dict[int, list[Memory]] = {}
        for m in items:
            stores.setdefault(m.session, []).append(m)
        fixed = sum(2 - s["open"] for s in sessions) + len(items) + n_orphans
        filler = total - fixed
        if filler < len(sessions):
            raise ValidationError("too few events for this many sessions and memories")
        per_session = Counter(rng.choices(range(len(sessions)), weights=[s["length"] for s in sessions], k=filler))
        gone = {m.id for m in deleted}
        recallable = sorted((m.created_ms, m.id) for m in items if m.id not in gone)
        recall_times = [t for t, _ in recallable]
        events: list[list[Any]] = []  # [ms, tiebreak, session_id, type, data]
        for index, s in enumerate(sessions):
            sid, start = s["id"], s["start"]
            events.append([start, 0, sid, "session_start", {"client": rng.choice(CLIENTS)}])
            role = "user"
            for ms in sorted(start + 1 + rng.randrange(max(1, s["length"] - 1)) for _ in range(per_session[index])):
                r = rng.random()
                if r < 0.6:
                    events.append([ms, 1, sid, "message", {"role": role, "chars": rng.randint(4, 600)}])
                    role = "assistant" if role == "user" else "user"
                elif r < 0.8:
                    events.append([ms, 1, sid, "tool_call", {"tool": rng.choice(TOOLS), "ok": rng.random() > 0.03,
                                                             "ms": rng.randint(40, 4_000)}])
                else:
                    known = bisect.bisect_left(recall_times, ms)
                    ids = sorted({recallable[rng.randrange(known)][1] for _ in range(rng.randint(1, 3))}) if known else []
                    events.append([ms, 1, sid, "memory_recall", {"query": rng.choice(VALUES["topic"])[4:], "memory_ids": ids}])
            for m in stores.get(sid, []):
                events.append([m.created_ms, 1, sid, "memory_store", {"memory_id": m.id}])
            if not s["open"]:
                events.append([s["end"], 2, sid, "session_end", {"trigger": s["trigger"]}])
        last = max(s["start"] + s["length"] for s in sessions)
        for _ in range(n_orphans):  # events of sessions that no longer exist
            ms = self.base_ms + rng.randrange(last - self.base_ms)
            events.append([ms, 1, len(sessions) + rng.randint(1, DELETED_SESSIONS), "message",
                           {"role": "user", "chars": rng.randint(4, 200)}])
        events.sort(key=lambda e: (e[0], e[1], e[2]))
        for event_id, e in enumerate(events, start=1):
            e.append(event_id)
        self.truth["orphan_event_ids"] = [e[5] for e in events if e[2] > len(sessions)]
        self.truth["missing_memory_event_ids"] = [e[5] for e in events
                                                  if e[3] == "memory_store" and e[4]["memory_id"] in gone]
        return events


    # -- single-row problems -----------------------------------------------
    def _plant_rows(self, db: Database, items: list[Memory], pairs: list, sessions: list[dict[str, Any]],
                    events: list[list[Any]], deleted: list[Memory]) -> None:
        rng = self.rng
        n_mem, n_ses, n_ev = len(items), len(sessions), len(events)
        statements: list[Any] = []

        edited = self._take(items, n_planted(0.003, n_mem))
        for m in edited:  # edited by hand after storing: the stored hash is stale
            statements.append(("UPDATE memory_entries SET content = ? WHERE id = ?", [m.content + " (confirmed)", m.id]))
        old_client = [items[b].id for a, b, k in pairs if k == "case_whitespace" and items[b].raw_hash != ""]
        missing = [items[b].id for a, b, k in pairs if k == "case_whitespace" and items[b].raw_hash is None]
        self.truth["hash_mismatch_ids"] = sorted([m.id for m in edited] + [i for i in old_client if i not in missing])
        self.truth["hash_missing_ids"] = sorted(missing)

        bad_ts: dict[str, list[int]] = {"memory_entries": [], "sessions": [], "daily_logs": []}
        for m in self._take(items, n_planted(0.001, n_mem)):
            statements.append(("UPDATE memory_entries SET created_at = ? WHERE id = ?", [self._bad_ts(m.created_ms), m.id]))
            bad_ts["memory_entries"].append(m.id)
        ended = [s for s in sessions if not s["open"]]
        for s in rng.sample(ended, n_planted(0.002, n_ses)):
            column = rng.choice(("started_at", "ended_at"))
            moment = s["start"] if column == "started_at" else s["end"]
            statements.append((f"UPDATE sessions SET {column} = ? WHERE id = ?", [self._bad_ts(moment), s["id"]]))
            bad_ts["sessions"].append(s["id"])
        for e in rng.sample(events, n_planted(0.0005, n_ev)):
            statements.append(("UPDATE daily_logs SET timestamp = ? WHERE id = ?", [self._bad_ts(e[0]), e[5]]))
            bad_ts["daily_logs"].append(e[5])
        self.truth["bad_timestamp_ids"] = {k: sorted(v) for k, v in bad_ts.items()}

        early = self._take(items, n_planted(0.001, n_mem))
        for m in early:
            when = iso_ms(m.created_ms - rng.randint(1, 5 * 24 * 60) * MINUTE_MS)
            statements.append(("UPDATE memory_entries SET last_accessed = ? WHERE id = ?", [when, m.id]))
        self.truth["accessed_before_created_ids"] = sorted(m.id for m in early)

        bad_enum_mem = self._take(items, n_planted(0.001, n_mem))
        for m in bad_enum_mem:
            column, value = rng.choice((("category", "habit"), ("category", "Preference"), ("category", "facts"),
                                        ("source", "user"), ("source", "imported")))
            statements.append((f"UPDATE memory_entries SET {column} = ? WHERE id = ?", [value, m.id]))
        bad_enum_ses = [s for s in rng.sample(ended, n_planted(0.002, n_ses)) if s["id"] not in bad_ts["sessions"]]
        for s in bad_enum_ses:
            statements.append(("UPDATE sessions SET end_trigger = ? WHERE id = ?", [rng.choice(("closed", "crash", "Timeout")), s["id"]]))
        self.truth["bad_enum_ids"] = {"memory_entries": sorted(m.id for m in bad_enum_mem),
                                      "sessions": sorted(s["id"] for s in bad_enum_ses)}

        skip = set(bad_ts["daily_logs"]) | set(self.truth["missing_memory_event_ids"])
        candidates = [e for e in events if e[5] not in skip and e[3] in ("message", "tool_call")]
        broken = rng.sample(candidates, n_planted(0.0002, n_ev) + 1)
        for e in broken[:-1]:  # a client that cut the JSON short
            text = json.dumps(e[4], separators=(",", ":"))
            statements.append(("UPDATE daily_logs SET event_data = ? WHERE id = ?", [text[: len(text) // 2], e[5]]))
        blob = broken[-1]  # a client that sent bytes: a BLOB in a TEXT column (still JSON once cast to text)
        statements.append(("UPDATE daily_logs SET event_data = ? WHERE id = ?",
                           [json.dumps(blob[4], separators=(",", ":")).encode(), blob[5]]))
        self.truth["invalid_json_event_ids"] = sorted(e[5] for e in broken[:-1])
        self.truth["blob_event_data_ids"] = [blob[5]]

        gone = sorted(m.id for m in deleted)
        statements.append((f"DELETE FROM memory_entries WHERE id IN ({', '.join('?' * len(gone))})", gone))
        self.truth["deleted_memory_ids"] = gone
        db.batch(statements)

    def _bad_ts(self, ms: int) -> str:
        moment = EPOCH + timedelta(milliseconds=ms)
        form = self.rng.choice(BAD_TIMESTAMP_FORMS)
        if form == "sqlite":
            return moment.strftime("%Y-%m-%d %H:%M:%S")  # SQLite's datetime('now')
        if form == "epoch_ms":
            return str(ms)  # Date.now() stored as text
        return moment.strftime("%d/%m/%Y")  # a locale date


@click.command("demo")
@click.option("--size", type=click.Choice(list(SIZES)), default="small", show_default=True,
              help="tiny: the test fixture; large: 50k memories, 20k sessions, 1M events.")
@click.option("--seed", type=int, default=7, show_default=True, help="Same seed, same rows.")
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Database file. Default: data/demo.db.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="The demo's last day (default: today, UTC).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def demo_command(size: str, seed: int, out: str | None, as_of: str | None, as_json: bool) -> None:
    """Build a demo database with planted problems, and its ground truth (<name>.truth.json).

    Refuses to overwrite a file that is not a previous demo database.
    """
    summary = build(out or default_path(), size=size, seed=seed, as_of=as_of,
                    progress=Progress("demo").note)  # each stage as it starts: dated lines in a log
    if as_json:
        click.echo(json.dumps(summary, indent=2))
        return
    counts, planted = summary["counts"], summary["planted"]
    click.echo(f"{summary['database']}: {counts['memory_entries']:,} memories, {counts['sessions']:,} sessions,"
               f" {counts['daily_logs']:,} events, {sum(planted.values()):,} planted pairs (seed {seed})"
               f" in {summary['seconds']:.1f} s; truth: {summary['truth']}")
