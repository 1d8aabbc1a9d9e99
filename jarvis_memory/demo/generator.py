"""Deterministic demo databases with planted problems and their ground truth.

The audits (duplicates, contradictions, hash integrity, broken timestamps,
dangling references) can only be measured against data whose problems are
known.  :func:`build` writes a fresh database through the core's write path
(the same dedup upsert as ``import``), plants those problems with raw SQL as an
old client or a hand edit would have, and records every one of them in
``<stem>.truth.json`` beside the database.

Everything derives from ``random.Random(seed)`` and a fixed base date, never
the wall clock, so a seed always gives the same rows.

>>> from jarvis_memory.demo.generator import build
>>> summary = build("/tmp/jarvis-demo-doctest.db", size="tiny", seed=7)
>>> summary["counts"]["memory_entries"]
300
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import os
import random
import string
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import click

from ..store import config, memories
from .. import timestamps
from ..store.database import Database
from ..errors import ConfigError, ValidationError
from ..store.hashing import normalize
from ..progress import Progress

SIZES: dict[str, dict[str, int]] = {
    "tiny": {"memories": 300, "sessions": 60, "events": 1_000},
    "small": {"memories": 3_000, "sessions": 1_500, "events": 30_000},
    "medium": {"memories": 15_000, "sessions": 6_000, "events": 200_000},
    "large": {"memories": 50_000, "sessions": 20_000, "events": 1_000_000},
}
DAYS = 90  # the demo's activity spans the DAYS days before its "as of" day (by default the day it is built)
FIXTURE_AS_OF = date(2026, 10, 30)  # the committed test fixture's day: rebuilt with it, it is the same rows
# Planted pairs: duplicates (the same statement written again) and hard negatives
# (a near-identical, different statement: never a duplicate).  Both are in the truth file,
# each with its "label".
DUPLICATE_KINDS = ("case_whitespace", "punctuation", "unicode_form", "typo", "reordered", "filler", "subsumed")
NEGATIVE_KINDS = ("contradiction", "sibling", "other_subject", "negation", "word_swap")
KINDS = DUPLICATE_KINDS + NEGATIVE_KINDS

# Share of memories planted per pair kind (a few % duplicates, a few % hard negatives),
# and the share of rows given each single-row problem; at least MIN_PLANTED of each.
PAIR_RATES = {
    "case_whitespace": 0.006, "punctuation": 0.005, "unicode_form": 0.005, "typo": 0.006, "reordered": 0.005,
    "filler": 0.004, "subsumed": 0.004,
    "contradiction": 0.008, "sibling": 0.008, "other_subject": 0.004, "negation": 0.004, "word_swap": 0.004,
}
MIN_PLANTED = 2
_CHUNK = 5_000  # rows per multi-row statement: at most 6 parameters a row, under SQLite's 32,766

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_DAY_MS = 86_400_000
_MINUTE_MS = 60_000

# -- vocabulary --------------------------------------------------------------
# Within a value slot no two words are one edit apart ("Tara" / "Zara"): the audit
# reads such a change as a typo, so a planted contradiction must not make one.
_V: dict[str, list[str]] = {
    "person": [
        "Anna", "Ben", "Carla", "David", "Elif", "François", "José", "Zoë", "Mateo", "Priya", "Søren", "Hiro",
        "Lena", "Omar", "Chloé", "Raúl", "Noor", "Ines", "Kai", "Marta", "Tomás", "Yuki", "Lukas", "Sofia",
        "Ahmed", "Maya", "Jonas", "Clara", "Felix", "Amara", "Léa", "Mikkel", "Nadia", "Pablo", "Rosa", "Samir",
        "Tara", "Viktor", "Wei", "Zainab", "Björn", "Aoife", "Dmitri", "Emma", "Gabriel", "Hana", "Ivan", "Julia",
        "Kofi", "Liam", "Martín", "Nina", "Oskar", "Paula", "Quentin", "Renée", "Stefan", "Teresa", "Usman", "Vera",
        "Adele", "Bruno", "Cyrus", "Dalia", "Esther", "Farid", "Greta", "Hugo", "Ilse", "Jakob", "Kiran", "Leila",
        "Malik", "Nora", "Olga", "Pedro", "Rania", "Sven", "Thea", "Ulrich", "Valentina", "Wanda", "Xavier", "Yolanda",
        "Zeno", "Agnes", "Bashir", "Cosima", "Dario", "Eleonora", "Fatima", "Gideon", "Helga", "Idris", "Jasmin",
        "Karim", "Lotte", "Mirela", "Nikolai", "Odile", "Petra", "Rafael", "Selin", "Timo", "Ulla", "Vincent",
        "Wiebke", "Yusuf", "Zuzana", "Anton", "Bettina", "Cedric", "Dagny", "Emil", "Flora", "Goran", "Henrik",
        "Ingrid", "Joaquín", "Katja", "Lorenzo", "Magnus", "Nuria", "Orla", "Piotr", "Ramona", "Silvio", "Tilda",
    ],
    "city": [
        "Lisbon", "Porto", "Berlin", "München", "Zürich", "Málaga", "Kraków", "Paris", "Lyon", "Montréal",
        "São Paulo", "Oslo", "Göteborg", "Reykjavík", "Dublin", "Kyoto", "Austin", "Seattle", "Barcelona",
        "Córdoba", "Vienna", "Prague", "Tallinn", "Bergen", "Genève", "Nice", "Bologna", "Sevilla", "Utrecht",
        "Ghent", "Edinburgh", "Helsinki", "Valencia", "Toronto", "Melbourne", "Osaka", "Boston", "Denver",
        "Copenhagen", "Antwerp", "Milan", "Naples", "Turin", "Hamburg", "Köln", "Leipzig", "Bordeaux", "Marseille",
        "Rotterdam", "Bruges", "Aarhus", "Tampere", "Riga", "Vilnius", "Warsaw", "Gdańsk", "Budapest", "Ljubljana",
        "Zagreb", "Split", "Athens", "Thessaloniki", "Istanbul", "Granada", "Bilbao", "Coimbra", "Faro", "Galway",
        "Cork", "Glasgow", "Bristol", "Manchester", "Leeds", "Cardiff", "Basel", "Bern", "Salzburg", "Graz",
    ],
    "time": [f"{h}{m}{ap}" for ap, hours in (("am", range(6, 12)), ("pm", (12, 1, 2, 3, 4, 5, 6, 7, 8, 9)))
             for h in hours for m in ("", ":15", ":30", ":45")],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "month": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"],
    # A date is one value ("renews on March 3" / "on May 5" is one fact changed), so one slot.
    "date": [f"{month} {day}" for month in ("January", "February", "March", "April", "May", "June", "July",
                                            "August", "September", "October", "November", "December")
             for day in range(1, 29)],
    "minutes": [str(m) for m in (5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 75, 90, 105, 120)],
    "amount": [str(a) for a in range(15, 800, 5)],
    "count": [str(c) for c in range(2, 17)],
    "km": [str(k) for k in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 18, 20, 25, 30, 35, 40, 45, 50, 60, 80)],
    "temp": [str(t) for t in range(16, 27)],
    "drink": ["green tea", "black coffee", "oat flat white", "sparkling water", "chai", "espresso",
              "rooibos", "hot chocolate", "matcha", "mint tea", "cold brew", "orange juice"],
    "food": ["ramen", "pizza", "sushi", "tacos", "pho", "falafel", "curry", "dumplings", "poke bowls",
             "pad thai", "burritos", "salad", "lasagne", "shawarma"],
    "music": ["lo-fi beats", "jazz", "classical piano", "ambient", "synthwave", "bossa nova", "film scores",
              "indie folk", "techno", "baroque music"],
    "topic": ["the quarterly budget", "the kitchen renovation", "the Japan trip", "the product launch",
              "the tax return", "the garden plan", "the marathon training", "the book club", "the new website",
              "the hiring plan", "the move", "the wedding", "the car lease", "the pension plan",
              "the team offsite", "the school applications", "the podcast", "the insurance claim",
              "the conference talk", "the family reunion", "the bathroom leak", "the Spanish course",
              "the photo album", "the charity run", "the climbing trip"],
    "activity": ["goes running", "does yoga", "goes swimming", "plays tennis", "goes climbing",
                 "takes a long walk", "cycles to work", "plays chess online", "practises guitar", "meditates"],
    "app": ["the calendar", "email", "the news", "Slack", "the weather", "the to-do list", "the bank app",
            "the fitness tracker"],
    "company": ["Northwind", "Globex", "Initech", "Umbrella Labs", "Hooli", "Vandelay Imports", "Acme",
                "Stark Analytics", "Wayne Logistics", "Tyrell Systems", "Cyberdyne", "Soylent Foods", "Contoso",
                "Fabrikam", "Massive Dynamic", "Oscorp", "Pied Piper", "Gringotts", "Monarch Freight", "Blue Sun"],
    "role": ["product manager", "data engineer", "designer", "team lead", "nurse", "architect", "teacher",
             "consultant", "researcher", "accountant"],
    "relation": ["sister", "brother", "mother", "father", "cousin", "best friend", "colleague", "neighbour",
                 "manager", "partner"],
    "pet": ["dog", "cat", "rabbit", "parrot", "tortoise"],
    "petname": ["Biscuit", "Luna", "Pepper", "Miso", "Olive", "Rocky", "Mango", "Juniper", "Pixel", "Toffee",
                "Nori", "Waffles", "Ziggy", "Clementine", "Noodle", "Pumpkin", "Hazel", "Marble", "Bramble", "Pickle",
                "Cosmo", "Basil", "Peanut", "Ginger"],
    "shop": ["the farmers market", "the corner bakery", "the bookshop on the square", "the Asian supermarket",
             "the hardware store", "the organic grocer"],
    "transport": ["the train", "a bike", "the tram", "a taxi", "the bus", "the car"],
    "reminder": ["pay rent", "water the plants", "call the plumber", "renew the passport", "book the dentist",
                 "back up the laptop", "pay the electricity bill", "order contact lenses", "take out recycling"],
}

# (category, template).  Slot names are vocabulary keys, optionally suffixed
# with a digit for a second draw (``person2``).  Every template has at least
# one slot a contradiction can change (a time, number, date, name or place).
# Nothing keeps two memories of one template apart: siblings one value apart occur
# by chance (more often the larger the demo), as they do in real memories.
_TEMPLATES: list[tuple[str, str]] = [
    ("preference", "Prefers meetings with {person} at {time} on {weekday}s, ideally in {city}"),
    ("preference", "Likes {drink} at {time} and {drink2} after {time2} on {weekday}s"),
    ("preference", "Wants a reminder {minutes} minutes before {weekday} calls with {person} about {topic}"),
    ("preference", "Prefers {transport} for trips under {km} km around {city} with {person}"),
    ("preference", "Likes the heating at {temp}°C after {time} on {weekday}s in {city}, with {music} on"),
    ("preference", "Prefers {music} while working on {topic} with {person} after {time} on {weekday}s"),
    ("preference", "Prefers {food} on {weekday}s from the place in {city} that {person} recommended"),
    ("preference", "Likes a summary of {app} at {time} on {weekday}s before talking to {person}"),
    ("preference", "Prefers a {minutes} minute break every {count} hours when working on {topic} in {city}"),
    ("preference", "Likes {drink} with {food} when meeting {person} in {city} on {weekday}s"),
    ("fact", "{person}'s birthday is {date}; they live in {city} and work as a {role}"),
    ("fact", "{person} works at {company} as a {role} in {city} since {month}"),
    ("fact", "{person} is the user's {relation}, lives in {city} since {month} and loves {food}"),
    ("fact", "The user's {relation} {person} has a {pet} called {petname} in {city}"),
    ("fact", "The gym in {city} costs {amount} euros a month and renews on {date}"),
    ("fact", "The flight to {city} with {person} leaves on {date} at {time}"),
    ("fact", "Dentist with Dr. {person} in {city} on {date} at {time}"),
    ("fact", "Owes {person} {amount} euros for {topic} since {month}"),
    ("fact", "The spare key for the flat in {city} is with {person}, the {relation} who works at {company}"),
    ("fact", "{person}'s {relation} {person2} moved to {city} in {month}"),
    ("pattern", "Usually checks {app} around {time} on {weekday}s in {city}"),
    ("pattern", "{activity} on {weekday} mornings at {time} with {person} in {city}"),
    ("pattern", "Orders {food} on {weekday} evenings around {time} after talking to {person}"),
    ("pattern", "Calls {person} in {city} every {weekday} around {time} about {topic}"),
    ("pattern", "Asks to {reminder} every {count} weeks on a {weekday} around {time} when in {city}"),
    ("pattern", "Shops at {shop} on {weekday}s around {time}, spending about {amount} euros"),
    ("pattern", "Works from {city} on {weekday}s, starts at {time} and talks to {person} first"),
    ("pattern", "Reviews {topic} with {person} every {count} weeks on {weekday} at {time}"),
    ("pattern", "Listens to {music} on the way to {city} on {weekday}s with {person}"),
    ("pattern", "Texts {person} about {topic} after {time} whenever in {city}"),
]
# Slots holding what the audit reads as a value (a number, date, time word or
# capitalised name); the others (drinks, relations, topics...) are ordinary words.
_VALUE_SLOTS = ("person", "city", "time", "weekday", "date", "month", "minutes", "amount", "count", "km", "temp",
                "company", "petname")
_PREPOSITIONS = {"at", "on", "in", "after", "before", "around", "for", "with", "every", "about", "from", "while"}
_FILLERS = ("really", "actually", "definitely", "just")
_ADDED = (" since last year", ", as mentioned last week", " according to the calendar", ", for now",
          " most of the time", " since the spring")
# A real word and another real word one letter away, for the word_swap negatives
# (a correctly spelled word replaced: not a typo).
_SWAPS = {"loves": "lives", "lives": "loves", "moved": "loved", "cat": "car", "dog": "dot", "parrot": "carrot",
          "rabbit": "rabbi", "spending": "sending", "talking": "walking", "Texts": "Tests", "Shops": "Stops",
          "break": "bread", "hours": "tours", "heating": "seating", "costs": "posts", "flat": "flag",
          "Calls": "Falls", "Orders": "Borders", "works": "words", "key": "keg"}
_SUMMARIES = ["Planned {topic}", "Talked through {topic} with {person} in mind", "Set reminders for {topic}",
              "Went over the week, mostly {topic}", "Looked up trains to {city}", "Drafted a note to {person}"]
_TOOLS = ["calendar.create", "calendar.list", "weather.get", "email.search", "maps.route", "notes.append",
          "timer.set", "web.search", "music.play", "reminders.create"]
_CLIENTS = ["web", "mobile", "voice", "desktop"]
_BAD_TIMESTAMP_FORMS = ("sqlite", "epoch_ms", "dmy")


def _slot_kind(slot: str) -> str:
    return slot.rstrip("0123456789")


def _fields(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


@dataclass
class _Memory:
    content: str
    category: str
    source: str
    template: int = -1
    values: tuple[str, ...] = ()
    raw_hash: str | None = ""  # "" = through the upsert; None or a wrong hash = an old client's raw INSERT
    rank: float = 0.0
    created_ms: int = 0
    session: int = 0
    id: int = 0


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
    least = 3 * out["sessions"] + out["memories"] + _n(0.002, out["memories"]) + _n(0.001, out["events"])
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


def _iso_ms(ms: int) -> str:
    return timestamps.iso(_EPOCH + timedelta(milliseconds=ms))


def _n(rate: float, total: int) -> int:
    return max(MIN_PLANTED, round(rate * total))


class _Builder:
    """One build: generate rows in memory, write them in chunks, then plant the single-row problems."""

    def __init__(self, rng: random.Random, sizes: dict[str, int], say: Callable[[str], None], base: datetime):
        self.base_date = base
        self.base_ms = int((base - _EPOCH).total_seconds() * 1000)
        self.rng = rng
        self.sizes = sizes
        self.say = say
        self.truth: dict[str, Any] = {}
        self._old_clients = 0  # case_whitespace rows written as an old client would (raw INSERT)

    # -- the whole build ---------------------------------------------------
    def write(self, path: Path) -> dict[str, Any]:
        n_mem, n_ses = self.sizes["memories"], self.sizes["sessions"]
        self.say(f"generating {n_mem:,} memories, {n_ses:,} sessions, {self.sizes['events']:,} events")
        sessions = self._sessions(n_ses)
        n_deleted = _n(0.002, n_mem)
        items, pairs = self._contents(n_mem + n_deleted)
        self._place(items, sessions)
        db = Database(path.as_uri())
        try:
            db.ready()
            self.say("writing memories")
            self._insert_memories(db, items)
            self.say("writing sessions")
            self._insert_sessions(db, sessions)
            deleted = self._take(items, n_deleted)  # forgotten: their memory_store events are left dangling
            self.say("writing events")
            events = self._events(sessions, items, deleted)
            self._insert_events(db, events)
            self._touch(db, items, events)
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
            start = self.base_ms + day * _DAY_MS + int(hour * 3_600_000) + rng.randrange(60_000)
            length = int(min(180.0, max(1.0, rng.lognormvariate(2.1, 0.8))) * _MINUTE_MS)
            trigger = rng.choices(("timeout", "explicit", "browser_close"), weights=(45, 35, 20))[0]
            out.append({"start": start, "length": length, "trigger": trigger})
        out.sort(key=lambda s: s["start"])
        n_open = _n(0.015, n)
        open_ids = set(rng.sample(range(1, n), n_open - 1)) | {n}  # abandoned ones, and the one still running
        for sid, s in enumerate(out, start=1):
            s["id"] = sid
            s["open"] = sid in open_ids
            s["end"] = None if s["open"] else s["start"] + s["length"] + (30 * _MINUTE_MS if s["trigger"] == "timeout" else 0)
            s["summary"] = None
            if not s["open"] and rng.random() < 0.6:
                s["summary"] = self._fill(rng.choice(_SUMMARIES))[0]
        self.truth["open_session_ids"] = sorted(open_ids)
        return out

    # -- memory contents ---------------------------------------------------
    def _fill(self, template: str) -> tuple[str, tuple[str, ...]]:
        fields = _fields(template)
        values = {f: self.rng.choice(_V[_slot_kind(f)]) for f in fields}
        text = template.format(**values)
        return text[0].upper() + text[1:], tuple(values[f] for f in fields)

    def _contents(self, n_total: int) -> tuple[list[_Memory], list[tuple[int, int, str]]]:
        """Base memories drawn from the templates (distinct texts, nothing else kept apart); then planted pairs."""
        rng = self.rng
        n_pairs = {k: _n(rate, n_total) for k, rate in PAIR_RATES.items()}
        n_base = n_total - sum(n_pairs.values())
        self._seen_norm: set[str] = set()
        base: list[_Memory] = []
        attempts = 0
        while len(base) < n_base:
            attempts += 1
            if attempts > 50 * n_base + 10_000:
                raise ValidationError(f"cannot generate {n_base:,} distinct memories from the templates")
            t = rng.randrange(len(_TEMPLATES))
            category, template = _TEMPLATES[t]
            text, values = self._fill(template)
            if normalize(text) in self._seen_norm:  # the same text twice would be an unplanted duplicate
                continue
            self._seen_norm.add(normalize(text))
            source = "user_explicit" if rng.random() < 0.55 else "jarvis_inferred"
            base.append(_Memory(text, category, source, t, values, rank=rng.random()))
        items = list(base)
        pairs: list[tuple[int, int, str]] = []
        free = list(range(len(base)))
        rng.shuffle(free)
        makers = {"case_whitespace": self._case_whitespace, "punctuation": self._punctuation,
                  "unicode_form": self._unicode_form, "typo": self._typo, "reordered": self._reordered,
                  "filler": self._filler, "subsumed": self._subsumed, "contradiction": self._contradiction,
                  "sibling": self._sibling, "other_subject": self._other_subject, "negation": self._negation,
                  "word_swap": self._word_swap}
        for kind in KINDS:
            made = 0
            while made < n_pairs[kind]:
                if not free:
                    raise ValidationError("too few memories to plant every duplicate kind")
                a = free.pop()
                variant = makers[kind](base[a])
                if variant is None:
                    continue
                variant.rank = base[a].rank + (1 - base[a].rank) * rng.uniform(0.05, 1.0)
                items.append(variant)
                pairs.append((a, len(items) - 1, kind))
                made += 1
        self._free_base = free  # base memories not in any pair: candidates for single-row problems
        return items, pairs

    def _variant(self, original: _Memory, text: str, *, same_norm_ok: bool = False, raw_hash: str | None = "") -> _Memory | None:
        if text == original.content or not text.strip():
            return None
        norm = normalize(text)
        if norm in self._seen_norm and not (same_norm_ok and norm == normalize(original.content)):
            return None
        self._seen_norm.add(norm)
        return _Memory(text, original.category, original.source, original.template, original.values, raw_hash)

    def _case_whitespace(self, m: _Memory) -> _Memory | None:
        rng, text = self.rng, m.content
        self._old_clients += 1
        if self._old_clients > 2 and rng.random() < 0.25:  # double space or a tab inside: a new hash, so the upsert keeps it
            words = text.split(" ")
            i = rng.randrange(1, len(words))
            return self._variant(m, " ".join(words[:i]) + rng.choice(("  ", "\t", "   ")) + " ".join(words[i:]))
        # Case and surrounding space only: the upsert would merge these, so they are rows
        # from an old client that stored no hash, or hashed the text without normalising it.
        changed = rng.choice((text.upper(), text.lower() + " ", "  " + text, text.title() + "\n"))
        missing = self._old_clients == 1 or (self._old_clients > 2 and rng.random() < 0.5)  # one of each at least
        wrong = None if missing else hashlib.sha256(changed.encode()).hexdigest()
        return self._variant(m, changed, same_norm_ok=True, raw_hash=wrong)

    def _punctuation(self, m: _Memory) -> _Memory | None:
        rng, text = self.rng, m.content
        words = text.split(" ")
        options = [text + ".", text + "!", text.replace("'", "’"), text.replace("'", ""), text + "..."]
        prep = [i for i, w in enumerate(words) if w in _PREPOSITIONS and i > 1]
        if prep:
            i = rng.choice(prep)
            options.append(" ".join(words[:i - 1] + [words[i - 1] + ","] + words[i:]))
        options = [o for o in options if o != text]
        return self._variant(m, rng.choice(options))

    def _unicode_form(self, m: _Memory) -> _Memory | None:
        rng, text = self.rng, m.content
        options = []
        words = text.split(" ")
        ascii_words = [i for i, w in enumerate(words) if len(w) >= 4 and w.isascii() and w.isalpha()]
        if ascii_words:
            i = rng.choice(ascii_words)
            wide = "".join(chr(ord(c) + 0xFEE0) for c in words[i])  # full-width letters
            options.append(" ".join(words[:i] + [wide] + words[i + 1:]))
        if len(words) > 2:
            i = rng.randrange(1, len(words) - 1)
            options.append(" ".join(words[:i]) + "\u00a0" + " ".join(words[i:]))  # non-breaking space inside
        if unicodedata.normalize("NFD", text) != text:
            options.append(unicodedata.normalize("NFD", text))  # decomposed accents
        if "fi" in text or "fl" in text:
            options.append(text.replace("fi", "\ufb01").replace("fl", "\ufb02"))  # ligatures
        if not options:
            return None
        return self._variant(m, rng.choice(options))

    def _typo(self, m: _Memory) -> _Memory | None:
        rng, words = self.rng, m.content.split(" ")
        long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
        if not long_words:
            return None
        i = rng.choice(long_words)
        w = words[i]
        j = rng.randrange(1, len(w) - 1)
        edit = rng.randrange(3)
        if edit == 0:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2:]  # swapped letters
        elif edit == 1:
            w = w[:j] + w[j + 1:]  # dropped letter
        else:
            w = w[:j] + w[j] + w[j:]  # doubled letter
        return self._variant(m, " ".join(words[:i] + [w] + words[i + 1:]))

    def _reordered(self, m: _Memory) -> _Memory | None:
        words = m.content.split(" ")
        cuts = [i for i, w in enumerate(words) if w in _PREPOSITIONS and 2 <= i <= len(words) - 2]
        if not cuts:
            return None
        i = self.rng.choice(cuts)
        head, tail = words[:i], words[i:]
        keep_case = _TEMPLATES[m.template][1].startswith(("{person", "{city"))
        first = head[0] if keep_case else head[0].lower()
        text = " ".join(tail + [first] + head[1:])  # "Calls Anna every Monday" → "Every Monday calls Anna"
        return self._variant(m, text[0].upper() + text[1:])

    def _filler(self, m: _Memory) -> _Memory | None:
        """The same statement with a filler word: "Really prefers ..."."""
        return self._variant(m, f"{self.rng.choice(_FILLERS).capitalize()} {_demoted(m)}")

    def _subsumed(self, m: _Memory) -> _Memory | None:
        """The same statement and more: a phrase added at the end."""
        return self._variant(m, m.content + self.rng.choice(_ADDED))

    def _negation(self, m: _Memory) -> _Memory | None:
        """The statement negated: "No longer prefers ..." (a correction, never a duplicate)."""
        opener = "It is not true that" if m.category == "fact" else "No longer"
        return self._variant(m, f"{opener} {_demoted(m)}")

    def _word_swap(self, m: _Memory) -> _Memory | None:
        """One word replaced by a real word one letter away ("cat" / "car"): not a typo."""
        words = m.content.split(" ")
        swappable = [i for i, w in enumerate(words) if w in _SWAPS]
        if not swappable:
            return None
        i = self.rng.choice(swappable)
        return self._variant(m, " ".join(words[:i] + [_SWAPS[words[i]]] + words[i + 1:]))

    def _contradiction(self, m: _Memory) -> _Memory | None:
        """The same statement with one time, number, date, name or place changed (not the subject)."""
        fields = _fields(_TEMPLATES[m.template][1])
        return self._change_slot(m, [i for i, f in enumerate(fields) if _slot_kind(f) in _VALUE_SLOTS and i > 0])

    def _sibling(self, m: _Memory) -> _Memory | None:
        """The same statement with one ordinary slot changed: another food, drink, topic..."""
        fields = _fields(_TEMPLATES[m.template][1])
        return self._change_slot(m, [i for i, f in enumerate(fields) if _slot_kind(f) not in _VALUE_SLOTS])

    def _other_subject(self, m: _Memory) -> _Memory | None:
        """The same statement about another person: "Dana works at ..." / "Omar works at ..."."""
        template = _TEMPLATES[m.template][1]
        return self._change_slot(m, [0] if template.startswith("{person}") else [])

    def _change_slot(self, m: _Memory, slots: list[int]) -> _Memory | None:
        if not slots:
            return None
        template = _TEMPLATES[m.template][1]
        fields = _fields(template)
        i = self.rng.choice(slots)
        values = list(m.values)
        values[i] = self.rng.choice([v for v in _V[_slot_kind(fields[i])] if v != m.values[i]])
        text = template.format(**dict(zip(fields, values)))
        variant = self._variant(m, text[0].upper() + text[1:])
        if variant is not None:
            variant.values = tuple(values)
        return variant

    # -- times and sessions for memories -----------------------------------
    def _place(self, items: list[_Memory], sessions: list[dict[str, Any]]) -> None:
        """Give each memory a time inside a session, variants after their originals."""
        rng = self.rng
        weights = [s["length"] for s in sessions]
        chosen = rng.choices(sessions, weights=weights, k=len(items))
        slots = sorted((s["start"] + 1 + rng.randrange(max(1, s["length"] - 2)), s["id"]) for s in chosen)
        for item, (ms, sid) in zip(sorted(items, key=lambda m: m.rank), slots):
            item.created_ms, item.session = ms, sid

    def _insert_memories(self, db: Database, items: list[_Memory]) -> None:
        ordered = sorted(items, key=lambda m: (m.created_ms, m.rank))
        by_content = {m.content: m for m in items}
        for start in range(0, len(ordered), _CHUNK):
            # One statement per run of rows written the same way (upsert, or an old client's raw INSERT).
            statements = [self._memory_statement(list(run)) for _, run in
                          itertools.groupby(ordered[start:start + _CHUNK], key=lambda m: m.raw_hash != "")]
            for result in db.batch(statements):
                for row in result.rows:
                    by_content[row["content"]].id = int(row["id"])

    @staticmethod
    def _memory_statement(run: list[_Memory]) -> tuple[str, list[Any]]:
        if run[0].raw_hash == "":
            args = [v for m in run for v in memories.prepare(m.content, m.category, m.source, _iso_ms(m.created_ms))]
            return memories.upsert_sql(len(run)), args
        sql = ("INSERT INTO memory_entries (content, content_hash, category, source, created_at) VALUES "
               + ", ".join(["(?, ?, ?, ?, ?)"] * len(run)) + " RETURNING id, content")
        return sql, [v for m in run for v in (m.content, m.raw_hash, m.category, m.source, _iso_ms(m.created_ms))]

    def _insert_sessions(self, db: Database, sessions: list[dict[str, Any]]) -> None:
        rows = [(s["id"], _iso_ms(s["start"]), None if s["end"] is None else _iso_ms(s["end"]),
                 None if s["open"] else s["trigger"], s["summary"]) for s in sessions]
        _insert_rows(db, "sessions", ("id", "started_at", "ended_at", "end_trigger", "summary"), rows)

    def _take(self, items: list[_Memory], n: int) -> list[_Memory]:
        """``n`` base memories in no planted pair, each used for one problem only."""
        return [items[self._free_base.pop()] for _ in range(n)]

    # -- events ------------------------------------------------------------
    def _events(self, sessions: list[dict[str, Any]], items: list[_Memory], deleted: list[_Memory]) -> list[list[Any]]:
        rng = self.rng
        total = self.sizes["events"]
        n_orphans = _n(0.001, total)
        stores: dict[int, list[_Memory]] = {}
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
            events.append([start, 0, sid, "session_start", {"client": rng.choice(_CLIENTS)}])
            role = "user"
            for ms in sorted(start + 1 + rng.randrange(max(1, s["length"] - 1)) for _ in range(per_session[index])):
                r = rng.random()
                if r < 0.6:
                    events.append([ms, 1, sid, "message", {"role": role, "chars": rng.randint(4, 600)}])
                    role = "assistant" if role == "user" else "user"
                elif r < 0.8:
                    events.append([ms, 1, sid, "tool_call", {"tool": rng.choice(_TOOLS), "ok": rng.random() > 0.03,
                                                             "ms": rng.randint(40, 4_000)}])
                else:
                    known = bisect.bisect_left(recall_times, ms)
                    ids = sorted({recallable[rng.randrange(known)][1] for _ in range(rng.randint(1, 3))}) if known else []
                    events.append([ms, 1, sid, "memory_recall", {"query": rng.choice(_V["topic"])[4:], "memory_ids": ids}])
            for m in stores.get(sid, []):
                events.append([m.created_ms, 1, sid, "memory_store", {"memory_id": m.id}])
            if not s["open"]:
                events.append([s["end"], 2, sid, "session_end", {"trigger": s["trigger"]}])
        last = max(s["start"] + s["length"] for s in sessions)
        for _ in range(n_orphans):  # events of sessions that no longer exist
            ms = self.base_ms + rng.randrange(last - self.base_ms)
            events.append([ms, 1, len(sessions) + rng.randint(1, 50), "message", {"role": "user", "chars": rng.randint(4, 200)}])
        events.sort(key=lambda e: (e[0], e[1], e[2]))
        for event_id, e in enumerate(events, start=1):
            e.append(event_id)
        self.truth["orphan_event_ids"] = [e[5] for e in events if e[2] > len(sessions)]
        self.truth["missing_memory_event_ids"] = [e[5] for e in events
                                                  if e[3] == "memory_store" and e[4]["memory_id"] in gone]
        return events

    def _insert_events(self, db: Database, events: list[list[Any]]) -> None:
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        rows = [(e[5], e[2], e[3], encode(e[4]), _iso_ms(e[0])) for e in events]
        db.execute("PRAGMA foreign_keys = OFF")  # orphans are the point; the batch below is still atomic per chunk
        try:
            _insert_rows(db, "daily_logs", ("id", "session_id", "event_type", "event_data", "timestamp"), rows,
                         say=self.say)
        finally:
            db.execute("PRAGMA foreign_keys = ON")

    def _touch(self, db: Database, items: list[_Memory], events: list[list[Any]]) -> None:
        """``last_accessed`` = the memory's latest recall, as the app's recall() would leave it."""
        latest: dict[int, int] = {}
        for e in events:
            if e[3] == "memory_recall":
                for mid in e[4]["memory_ids"]:
                    latest[mid] = max(latest.get(mid, 0), e[0])
        pairs = sorted(latest.items())
        statements = []
        for start in range(0, len(pairs), _CHUNK):
            chunk = pairs[start:start + _CHUNK]
            sql = ("UPDATE memory_entries SET last_accessed = v.column2 FROM (VALUES "
                   + ", ".join(["(?, ?)"] * len(chunk)) + ") AS v WHERE memory_entries.id = v.column1")
            statements.append((sql, [x for mid, ms in chunk for x in (mid, _iso_ms(ms))]))
        if statements:
            db.batch(statements)

    # -- single-row problems -----------------------------------------------
    def _plant_rows(self, db: Database, items: list[_Memory], pairs: list, sessions: list[dict[str, Any]],
                    events: list[list[Any]], deleted: list[_Memory]) -> None:
        rng = self.rng
        n_mem, n_ses, n_ev = len(items), len(sessions), len(events)
        statements: list[Any] = []

        edited = self._take(items, _n(0.003, n_mem))
        for m in edited:  # edited by hand after storing: the stored hash is stale
            statements.append(("UPDATE memory_entries SET content = ? WHERE id = ?", [m.content + " (confirmed)", m.id]))
        old_client = [items[b].id for a, b, k in pairs if k == "case_whitespace" and items[b].raw_hash != ""]
        missing = [items[b].id for a, b, k in pairs if k == "case_whitespace" and items[b].raw_hash is None]
        self.truth["hash_mismatch_ids"] = sorted([m.id for m in edited] + [i for i in old_client if i not in missing])
        self.truth["hash_missing_ids"] = sorted(missing)

        bad_ts: dict[str, list[int]] = {"memory_entries": [], "sessions": [], "daily_logs": []}
        for m in self._take(items, _n(0.001, n_mem)):
            statements.append(("UPDATE memory_entries SET created_at = ? WHERE id = ?", [self._bad_ts(m.created_ms), m.id]))
            bad_ts["memory_entries"].append(m.id)
        ended = [s for s in sessions if not s["open"]]
        for s in rng.sample(ended, _n(0.002, n_ses)):
            column = rng.choice(("started_at", "ended_at"))
            moment = s["start"] if column == "started_at" else s["end"]
            statements.append((f"UPDATE sessions SET {column} = ? WHERE id = ?", [self._bad_ts(moment), s["id"]]))
            bad_ts["sessions"].append(s["id"])
        for e in rng.sample(events, _n(0.0005, n_ev)):
            statements.append(("UPDATE daily_logs SET timestamp = ? WHERE id = ?", [self._bad_ts(e[0]), e[5]]))
            bad_ts["daily_logs"].append(e[5])
        self.truth["bad_timestamp_ids"] = {k: sorted(v) for k, v in bad_ts.items()}

        early = self._take(items, _n(0.001, n_mem))
        for m in early:
            when = _iso_ms(m.created_ms - rng.randint(1, 5 * 24 * 60) * _MINUTE_MS)
            statements.append(("UPDATE memory_entries SET last_accessed = ? WHERE id = ?", [when, m.id]))
        self.truth["accessed_before_created_ids"] = sorted(m.id for m in early)

        bad_enum_mem = self._take(items, _n(0.001, n_mem))
        for m in bad_enum_mem:
            column, value = rng.choice((("category", "habit"), ("category", "Preference"), ("category", "facts"),
                                        ("source", "user"), ("source", "imported")))
            statements.append((f"UPDATE memory_entries SET {column} = ? WHERE id = ?", [value, m.id]))
        bad_enum_ses = [s for s in rng.sample(ended, _n(0.002, n_ses)) if s["id"] not in bad_ts["sessions"]]
        for s in bad_enum_ses:
            statements.append(("UPDATE sessions SET end_trigger = ? WHERE id = ?", [rng.choice(("closed", "crash", "Timeout")), s["id"]]))
        self.truth["bad_enum_ids"] = {"memory_entries": sorted(m.id for m in bad_enum_mem),
                                      "sessions": sorted(s["id"] for s in bad_enum_ses)}

        skip = set(bad_ts["daily_logs"]) | set(self.truth["missing_memory_event_ids"])
        candidates = [e for e in events if e[5] not in skip and e[3] in ("message", "tool_call")]
        broken = rng.sample(candidates, _n(0.0002, n_ev) + 1)
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
        moment = _EPOCH + timedelta(milliseconds=ms)
        form = self.rng.choice(_BAD_TIMESTAMP_FORMS)
        if form == "sqlite":
            return moment.strftime("%Y-%m-%d %H:%M:%S")  # SQLite's datetime('now')
        if form == "epoch_ms":
            return str(ms)  # Date.now() stored as text
        return moment.strftime("%d/%m/%Y")  # a locale date


def _demoted(m: _Memory) -> str:
    """The text with its first letter lower-cased, unless it starts with a name ("prefers ...", "Anna works ...")."""
    return m.content if _TEMPLATES[m.template][1].startswith("{person") else m.content[0].lower() + m.content[1:]


def _insert_rows(db: Database, table: str, columns: tuple[str, ...], rows: list[tuple], *,
                 say: Callable[[str], None] | None = None) -> None:
    """Multi-row INSERTs, several chunks per atomic batch."""
    placeholder = "(" + ", ".join("?" * len(columns)) + ")"
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    statements = []
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start:start + _CHUNK]
        statements.append((head + ", ".join([placeholder] * len(chunk)), [v for row in chunk for v in row]))
        if len(statements) == 20 or start + _CHUNK >= len(rows):
            db.batch(statements)
            statements = []
            if say is not None and len(rows) > 100_000:
                say(f"  {min(start + _CHUNK, len(rows)):,} / {len(rows):,} {table}")


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
