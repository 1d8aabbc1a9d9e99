"""Search one word: the full-text index (FTS5) against the ``LIKE`` scan it replaced, ``file:`` and sqld.

    python -m benchmarks.bench_search [--quick] [--sizes 10k,100k,1M]

For each size a database of that many memories (words drawn from wordfreq's English list by frequency,
a fixed seed) is built once through the package's migrations, so the index and its triggers are there.
Each round, interleaved, for a rare and a common word: ``db.memories.search(word)`` (the index, best 20
by BM25 then newest) and the previous search, the same keyset pages over ``content LIKE '%word%'`` newest
first (a scan of every row); up to 100k also the scan that stands in for a missing index (every memory
read and matched in Python).
Over ``ws://`` the same file is served by sqld 0.24.32 (``tests/sqld.py``).  The 1M size takes minutes
to build: it is run only when named.  Not a test: it prints figures, it asserts nothing.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import sys
import tempfile
import time
import warnings
from pathlib import Path

import jarvis_memory
from jarvis_memory.store import memories, search
from jarvis_memory.store.hashing import content_hash

from .common import REPO, Row, fmt_seconds, interleaved, median, print_rows

# A rare word, also inside "team", "teacher", "steady" (what the LIKE scan found as well), and the commonest
# word, in about one memory in eight: the index ranks every memory that holds it.
WORDS = ("tea", "the")
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}
SCAN_UP_TO = 100_000  # the no-index scan reads every memory into Python: past this it takes minutes per search


def build(path: Path, count: int, seed: int = 7) -> None:
    """``count`` memories of 4-16 words each, in one transaction through the index's triggers."""
    from wordfreq import top_n_list

    words = top_n_list("en", 5_000) + ["tea", "team", "teacher", "steady", "Café", "Zürich"]
    weights = [1 / (rank + 10) for rank in range(len(words))]
    rng = random.Random(seed)
    with jarvis_memory.Database(path.as_uri()) as db:
        db.ready()
    conn = sqlite3.connect(path)
    with conn:
        rows = []
        for i in range(count):
            text = " ".join(rng.choices(words, weights, k=rng.randint(4, 16))) + f" (#{i})"
            rows.append((text, content_hash(text), "fact", "user_explicit",
                         f"2026-{1 + i * 11 // count:02d}-01T00:00:{i % 60:02d}.{i % 1000:03d}Z"))
        conn.executemany("INSERT INTO memory_entries (content, content_hash, category, source, created_at)"
                         " VALUES (?, ?, ?, ?, ?)", rows)
    conn.close()


def like_scan(db: jarvis_memory.Database, word: str, limit: int = 20) -> list:
    """The search this package had: every row's content LIKE '%word%', newest first, in keyset pages."""
    columns = {c: c for c in memories.COLUMNS.split(", ")} | {"_at": memories._AT}
    pages = db.pages("memory_entries", columns, "content LIKE ? ESCAPE '\\'", [f"%{word}%"], key=("_at", "id"),
                     descending=True, limit=limit)
    return [row for page in pages for row in page]


def _timed(fn):
    def run(_round: int) -> float:
        started = time.perf_counter()
        fn()
        return time.perf_counter() - started
    return run


FTS, LIKE, SCAN = "FTS5 index (search)", "LIKE scan (the previous search)", "no index: every memory read and matched"


def _measure(workload: str, url: str, token: str | None, plain_url: str | None, count: int, rounds: int,
             built: float) -> list[Row]:
    """For each word, FTS against LIKE (and the no-index scan on ``plain_url``, up to :data:`SCAN_UP_TO`)."""
    rows = []
    with jarvis_memory.Database(url, token, read_only=True) as db, \
            jarvis_memory.Database(plain_url or url, token, read_only=True) as plain, warnings.catch_warnings():
        warnings.simplefilter("ignore", search.SearchScanWarning)
        for word in WORDS:
            variants = {FTS: _timed(lambda: db.memories.search(word)), LIKE: _timed(lambda: like_scan(db, word))}
            if plain_url and count <= SCAN_UP_TO:
                variants[SCAN] = _timed(lambda: plain.memories.search(word))
            holding = len(db.memories.list(text=word, limit=100_000))
            letters = db.execute("SELECT count(*) FROM memory_entries WHERE content LIKE ?", [f"%{word}%"]).rows[0][0]
            for fn in variants.values():
                fn(0)  # warm-up: the page cache, the tokenizer's first characters
            times = interleaved(variants, rounds)
            notes = {FTS: f"{holding:,} memories hold the word (at most 100,000 counted); database built in {built:.0f} s",
                     LIKE: f"{letters:,} hold the letters", SCAN: "the same answer as the index"}
            rows += [Row(f"{workload}: {word!r}", name, median(runs), f"{fmt_seconds(median(runs))}/search",
                         "" if name == FTS else FTS, None if name == FTS else median(runs) / median(times[FTS]),
                         runs=runs, note=f"{rounds} interleaved rounds after a warm-up; {notes[name]}")
                     for name, runs in times.items()]
    return rows


def run(quick: bool = False, sizes: list[str] | None = None) -> list[Row]:
    """``quick``: 10k memories, 3 rounds; else 10k and 100k, 7 rounds; ``sizes`` names others (1M)."""
    sizes = sizes or (["10k"] if quick else ["10k", "100k"])
    rounds = 3 if quick else 7
    sys.path.insert(0, str(REPO / "tests"))
    from sqld import JwtKeys, Sqld  # the tests' server helper

    keys = JwtKeys.generate()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="jarvis-bench-search-") as tmp:
        folder = Path(tmp)
        for size in sizes:
            path, plain = folder / f"search-{size}.db", folder / f"plain-{size}.db"
            started = time.perf_counter()
            build(path, SIZES[size])
            built = time.perf_counter() - started
            shutil.copy(path, plain)
            with sqlite3.connect(plain) as conn:  # as the TypeScript app's database: no index, no triggers
                for trigger in search.TRIGGERS:
                    conn.execute(f"DROP TRIGGER {trigger}")
                conn.execute(f"DROP TABLE {search.INDEX}")
            rows += _measure(f"search one word, {size} memories (file:)", path.as_uri(), None, plain.as_uri(),
                             SIZES[size], rounds, built)
            with Sqld(folder / f"sqld-{size}", keys=keys, seed=path) as server:
                rows += _measure(f"search one word, {size} memories (ws:, sqld)", server.url("ws"), keys.full_access,
                                 None, SIZES[size], rounds, built)
    return rows


if __name__ == "__main__":
    sizes = sys.argv[sys.argv.index("--sizes") + 1].split(",") if "--sizes" in sys.argv else None
    print_rows(run(quick="--quick" in sys.argv, sizes=sizes))
