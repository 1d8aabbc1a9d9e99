"""Search and recall by words, ranked (FTS5): whole words, case and accents folded, any text a user types.

Every behaviour runs on ``file:`` and on the real sqld (``url_kind``); a database without the index (as the
TypeScript app makes it) must give the same answer, in the same order, by reading every memory.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import warnings
from datetime import datetime, timezone
from pathlib import Path

import pytest

import jarvis_memory
from conftest import cli_env, served, write
from jarvis_memory.store import database, migrations, search
from jarvis_memory.store.hashing import content_hash

CORPUS = [  # (content, category); created one day apart, in this order
    ("Prefers tea in the morning", "preference"),
    ("team offsite in March", "fact"),
    ("Teacher is Mrs Smith", "fact"),
    ("CAFÉ NOIR on Fridays", "preference"),
    ("Drinks cafe au lait", "preference"),
    ("Lives in zurich", "fact"),
    ("Flew from Zürich to Lisbon", "fact"),
    ("tea tea tea and more tea", "pattern"),
    ("Likes jasmine tea", "preference"),
    ("Likes oolong tea", "preference"),  # the same score as jasmine: newer, so first
    ("e-mail the teacher: NEAR the school (AND NOT after 5)", "pattern"),
    ("Green tea, not coffee", "preference"),
    ("東京 に住んでいる", "fact"),
    ("İstanbul in spring", "fact"),
    ("naïve café-crème", "preference"),
    ("Ἀθῆναι and Йошкар-Ола, 한국어 and أحمد", "fact"),
]

# What a user may type, FTS5 syntax or not: each must answer (maybe nothing), never fail.
ODD_QUERIES = [
    '"', '""', '"tea', 'tea"', '*', 'tea*', '**', '*tea', '-tea', 'NOT tea', 'tea AND coffee', 'tea OR coffee',
    'NEAR(tea coffee)', 'NEAR(tea coffee, 2)', 'NEAR', 'AND', 'OR', 'NOT', 'and', '(tea', 'tea)', '(tea OR', 'content:tea',
    '{content}: tea', 'tea:', ':', '^tea', 'tea + coffee', "'tea'", '\\', '%', '_', '%_\\', '"green tea"',
    '"tea green"', '"green te"*', 'e-mail', '""tea""', 'tea" "coffee', 'a"b c"d', 'tea; DROP TABLE memory_entries;--',
    '🎉', 'café', 'CAFE', 'zurich', 'ZÜRICH', '東京', 'istanbul', 'naive', 'creme', 'the', 'mrs smith', 'x' * 1000,
    'tea ' * 250, 'e\u0301cole', 'rank MATCH 1', 'bm25(jm_memory_fts)', '*"tea"', 'te*a',
]

# Query.parse / Query.match, the one place user text becomes FTS5: only quoted strings reach FTS5.
TRANSLATIONS = [
    ("tea", '"tea"'),
    ("  tea   coffee ", '"tea" "coffee"'),
    ("tea*", '"tea"*'),
    ("tea**", '"tea"*'),
    ('"green tea"', '"green tea"'),
    ('"green te"*', '"green te"*'),
    ('"tea', '"tea"'),  # an unbalanced quote is dropped
    ('tea"', '"tea"'),
    ('a"b c"d', '"a" "b c" "d"'),
    ("NEAR(tea coffee)", '"NEAR(tea" "coffee)"'),
    ("tea AND NOT coffee OR x", '"tea" "AND" "NOT" "coffee" "OR" "x"'),
    ("-tea", '"-tea"'),
    ("content:tea", '"content:tea"'),
    ("^tea", '"^tea"'),
    ("*tea", '"*tea"'),
    ("te*a", '"te*a"'),
    ("*", ""),
    ('""', ""),
    ('"', ""),
]


@pytest.mark.parametrize("text, expected", TRANSLATIONS)
def test_a_query_is_read_into_quoted_phrases(text, expected):
    assert search.Query.parse(text).match == expected


@pytest.mark.parametrize("text", ODD_QUERIES + [t for t, _ in TRANSLATIONS])
def test_no_text_is_an_fts5_syntax_error(text):
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize='{search.TOKENIZER}')")
    match = search.Query.parse(text).match
    if match:
        conn.execute("SELECT * FROM t WHERE t MATCH ?", [match]).fetchall()


def fill(db: jarvis_memory.Database) -> dict[str, int]:
    """CORPUS with created_at one day apart (as another client might write them); text -> id."""
    ids = {}
    for day, (text, category) in enumerate(CORPUS, start=1):
        ids[text] = db.ready().execute(
            "INSERT INTO memory_entries (content, content_hash, category, source, created_at) VALUES (?, ?, ?, ?, ?)"
            " RETURNING id", [text, content_hash(text), category, "user_explicit", f"2026-01-{day:02d}T09:00:00.000Z"],
        ).rows[0][0]
    return ids


def found(db, text, **kw):
    return [e.content for e in db.memories.search(text, **kw)]


def test_whole_words_case_and_accents_folded(db):
    fill(db)
    assert found(db, "tea") == ["tea tea tea and more tea", "Likes oolong tea", "Likes jasmine tea",
                                "Green tea, not coffee", "Prefers tea in the morning"]
    assert "team offsite in March" in found(db, "tea*") and "Teacher is Mrs Smith" in found(db, "TEA*")
    assert found(db, "cafe") == ["naïve café-crème", "Drinks cafe au lait", "CAFÉ NOIR on Fridays"]
    assert found(db, "café") == found(db, "CAFE") == found(db, "cafe")
    assert set(found(db, "Zürich")) == set(found(db, "ZURICH")) == {"Lives in zurich", "Flew from Zürich to Lisbon"}
    assert found(db, "istanbul") == ["İstanbul in spring"] and found(db, "naive creme") == ["naïve café-crème"]
    assert found(db, '"green tea"') == ["Green tea, not coffee"] and found(db, '"tea green"') == []
    assert found(db, "NOT coffee") == ["Green tea, not coffee"]  # NOT is a word, not an operator
    assert found(db, "tea", category="pattern") == ["tea tea tea and more tea"]
    assert found(db, "tea", limit=2) == ["tea tea tea and more tea", "Likes oolong tea"]


def test_equal_scores_come_newest_first_whatever_the_spelling_of_the_moment(db):
    epoch = int(datetime(2026, 1, 5, tzinfo=timezone.utc).timestamp())
    created = {"Likes jasmine tea": epoch, "Likes oolong tea": "2026-01-04T00:00:00.000Z",
               "Likes sencha tea": "2026-01-04T01:00:00.000+05:00", "Likes matcha tea": "2026-01-03 09:00:00",
               "Likes rooibos tea": "2026-01-03T08:00:00.000Z"}  # newest first; as text, another order
    for text, moment in reversed(created.items()):
        db.ready().execute("INSERT INTO memory_entries (content, content_hash, category, source, created_at)"
                           " VALUES (?, ?, 'fact', 'user_explicit', ?)", [text, content_hash(text), moment])
    assert found(db, "likes tea") == list(created)


def test_recall_stamps_only_the_whole_word_matches(db):
    ids = fill(db)
    recalled = db.memories.recall("tea")
    assert {e.content for e in recalled} == {"Prefers tea in the morning", "tea tea tea and more tea",
                                             "Likes jasmine tea", "Likes oolong tea", "Green tea, not coffee"}
    for text in ("team offsite in March", "Teacher is Mrs Smith", "e-mail the teacher: NEAR the school (AND NOT after 5)"):
        assert db.memories.get(ids[text]).last_accessed is None
    assert all(db.memories.get(e.id).last_accessed == e.last_accessed for e in recalled)


def test_a_deleted_or_edited_row_is_not_found_by_its_old_words(db):
    ids = fill(db)
    db.memories.delete(ids["Likes oolong tea"])
    assert "Likes oolong tea" not in found(db, "tea") and found(db, "oolong") == []
    db.execute("UPDATE memory_entries SET content = 'Likes rooibos' WHERE id = ?", [ids["Likes jasmine tea"]])
    assert found(db, "jasmine") == [] and found(db, "rooibos") == ["Likes rooibos"]
    assert "triggers in place" in search.check(db) and search.out_of_step(db) is None


def test_every_odd_query_answers_without_an_error(db):
    fill(db)
    contents = {text for text, _ in CORPUS}
    for text in ODD_QUERIES:
        assert set(found(db, text, limit=100)) <= contents, text
        assert set(e.content for e in db.memories.list(text=text)) <= contents, text
    assert found(db, "-") == found(db, "*") == found(db, "%_\\") == []  # no word in them


def typescript_seed(path: Path) -> None:
    """A database as the TypeScript app makes it (Drizzle's DDL only: no index), holding CORPUS."""
    with sqlite3.connect(path) as conn:
        for statement in migrations.available()[0].statements:
            conn.execute(statement)
    for day, (text, category) in enumerate(CORPUS, start=1):
        write(path, "INSERT INTO memory_entries (content, content_hash, category, source, created_at) VALUES"
                    " (?, ?, ?, ?, ?)", [text, content_hash(text), category, "user_explicit",
                                         f"2026-01-{day:02d}T09:00:00.000Z"])


def test_a_database_without_the_index_is_searched_the_same_way(url_kind, tmp_path):
    plain, indexed = tmp_path / "plain.db", tmp_path / "indexed.db"
    typescript_seed(plain)
    with jarvis_memory.Database(indexed.as_uri()) as db:
        fill(db)
    queries = ["tea", "tea*", "cafe", "zurich", "the", "in", '"in the"', "likes tea", *ODD_QUERIES]
    with served(url_kind, tmp_path / "a", plain) as (plain_url, token, _), \
            served(url_kind, tmp_path / "b", indexed) as (indexed_url, _, _):
        with jarvis_memory.Database(plain_url, token, read_only=True) as scanned, \
                jarvis_memory.Database(indexed_url, token, read_only=True) as answered:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("default")
                for text in queries:
                    for kw in ({}, {"category": "preference"}, {"limit": 2}):
                        assert [e.id for e in scanned.memories.search(text, **kw)] == \
                            [e.id for e in answered.memories.search(text, **kw)], (text, kw)
                    assert [e.id for e in scanned.memories.list(text=text)] == \
                        [e.id for e in answered.memories.list(text=text)], text
            assert [str(w.message) for w in caught] == [  # once, however many searches
                f"{scanned.settings.redacted_url} has no search index (jm_memory_fts, migration 0006_memory_fts)"
                " (run `jarvis-memory migrate`); searching by reading every memory instead (same results, slower)"]


@pytest.mark.parametrize("url_kind", ["file", "ws"])
def test_a_database_kept_open_reads_every_memory_once_another_client_drops_a_trigger(db, url, token):
    """Whether the index can answer is asked at every search, not once per Database: one kept open (a notebook's,
    the process-wide ``connect()``) while another client drops a trigger (``drizzle-kit push``) and writes still
    finds what was written, by reading every memory (README, Limits).  Asked once, the index answered without it."""
    db.memories.store("Likes green tea", "preference", "user_explicit")
    assert found(db, "tea") == ["Likes green tea"]  # the index answers
    with jarvis_memory.Database(url, token, auto_migrate=False) as other:
        other.execute("DROP TRIGGER jm_memory_fts_insert")
        other.execute("INSERT INTO memory_entries (content, content_hash, category, source, created_at) VALUES"
                      " ('Likes rooibos tea', 'h', 'fact', 'user_explicit', '2026-02-01T00:00:00.000Z')")
    with pytest.warns(search.SearchScanWarning, match="trigger jm_memory_fts_insert is missing"):
        assert found(db, "rooibos") == ["Likes rooibos tea"]


@pytest.mark.parametrize("url_kind", ["file", "ws"])
def test_the_scan_splits_and_folds_words_as_the_servers_fts5(db, url_kind):
    texts = [text for text, _ in CORPUS] + [
        "e\u0301cole Tiếng Việt ǅemal ﬁle Straße ſ ΆΈΉ", "3.14 a\u200db x\u00a0y tab\tnew\nline", "👍🏽 party 🎉 ok",
        "ÆØÅ æøå Œuvre Ł ŀ ı İ ǰ ẞ", "ー カタカナ ｶﾀｶﾅ ＡＢＣ １２３", "a\u0300\u0301b \u0300 c",
    ]
    for text in texts:
        db.memories.store(text, "fact", "user_explicit")
    db.execute(f"CREATE VIRTUAL TABLE jm_test_words USING fts5vocab({search.INDEX}, 'instance')")
    words: dict[int, list[str]] = {}
    for doc, term in db.execute("SELECT doc, term FROM jm_test_words ORDER BY doc, offset").rows:
        words.setdefault(doc, []).append(term)
    for entry in db.memories.list():
        assert search.tokens(entry.content) == words.get(entry.id, []), entry.content


@pytest.mark.parametrize("url_kind", ["file", "ws"])
def test_a_search_over_many_pages_is_one_snapshot_while_another_client_writes(db, url, token, monkeypatch):
    """1,500 matches, more than a page; after each statement the search runs, another client (a real second
    connection) stores 100 more short "tea" memories, which moves every BM25 score.  Paged by the score, the
    result held ids twice; ranked in one statement, every id is there once, the rows before the search all."""
    more = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) INSERT INTO memory_entries"
            " (content, content_hash, category, source, created_at) SELECT iif(i % 4 = 0, 'tea ', 'cake ')"
            " || replace(printf('%.*c', i % 37, 'x'), 'x', 'pad ') || ? || i, ? || i, 'fact', 'user_explicit',"
            " '2026-01-01T00:00:00.000Z' FROM n")
    db.ready().execute(more, [6_000, "first", "first"])
    before = {row[0] for row in db.execute(f"SELECT rowid FROM {search.INDEX} WHERE {search.INDEX} MATCH 'tea'").rows}
    other, execute, writes = jarvis_memory.Database(url, token), db.execute, iter(range(1_000))

    def then_another_client_writes(*args, **kw):
        answer = execute(*args, **kw)
        other.execute(more.replace("i % 4 = 0", "1"), [100, "tea", f"more{next(writes)}-"])
        return answer

    monkeypatch.setattr(db, "execute", then_another_client_writes)
    ids = [e.id for e in db.memories.search("tea", limit=100_000)]
    other.close()
    assert len(ids) == len(set(ids)) and before <= set(ids)


@pytest.mark.parametrize("url_kind", ["file"])
def test_text_that_is_not_utf8_is_cut_into_words_as_sqlite_reads_it(db, db_path, tmp_path):
    """The bytes e9 a9 are a bad UTF-8 sequence: U+FFFD (no letter) to Python's decoder, the letter U+0269 to
    SQLite's.  Read as Python decodes it, the scan counted two words fewer and ranked "tea" otherwise."""
    rows = [("tea tea x", "2024-01-01"), ("filler filler filler filler f0", "2024-01-01"),
            (b"x \xe9\xa9 \xe9\xa9 \xe9\xa9", "2024-01-01"), ("tea", "2024-06-01")]
    for i, (content, day) in enumerate(rows):
        write(db_path, "INSERT INTO memory_entries (content, content_hash, category, source, created_at)"
                       " VALUES (CAST(? AS TEXT), ?, 'fact', 'user_explicit', ?)", [content, f"h{i}", f"{day}T00:00:00.000Z"])
    plain = tmp_path / "plain.db"
    with sqlite3.connect(db_path) as source, sqlite3.connect(plain) as copy:
        source.backup(copy)
        copy.executescript(f"DROP TABLE {search.INDEX};" + "".join(f"DROP TRIGGER {t};" for t in search.TRIGGERS))
    with jarvis_memory.Database(plain.as_uri(), read_only=True) as scanned, warnings.catch_warnings():
        warnings.simplefilter("ignore", search.SearchScanWarning)
        for text in ("tea", "x", "\u0269"):
            both = [scanned.memories.search(text), db.memories.search(text)]
            assert [e.id for e in both[0]] == [e.id for e in both[1]], text
            assert [e.row_id for e in both[0].unreadable] == [e.row_id for e in both[1].unreadable], text
        assert [e.row_id for e in scanned.memories.search("\u0269").unreadable] == [3]  # read, and named


def test_a_read_through_a_table_valued_function_is_a_read(tmp_path, monkeypatch):
    """The read-only check prepares a statement on an in-memory copy of the schema: the first use there of a
    table-valued function (json_each, as the scan's reads use) registered it, which it took for a write."""
    monkeypatch.setattr(database, "_probe_conn", None)  # a fresh copy, as in a new process
    url = (tmp_path / "x.db").as_uri()
    with jarvis_memory.Database(url) as db:
        db.ready()
    with jarvis_memory.Database(url, read_only=True) as db:
        assert [row[0] for row in db.execute("SELECT value FROM json_each(?)", ["[1, 2]"]).rows] == [1, 2]


def jarvis(url, *args):
    return subprocess.run([sys.executable, "-m", "jarvis_memory", *args], env=cli_env(url), capture_output=True,
                          text=True, timeout=300)


def test_the_cli_says_once_that_it_reads_every_memory(tmp_path):
    path = tmp_path / "app.db"
    typescript_seed(path)
    out = jarvis(path.as_uri(), "search", "tea", "--json")
    assert out.returncode == 0, out.stderr
    assert [e["content"] for e in json.loads(out.stdout)] == [
        "tea tea tea and more tea", "Likes oolong tea", "Likes jasmine tea", "Green tea, not coffee",
        "Prefers tea in the morning"]
    assert out.stderr.splitlines() == [f"note: {path.as_uri()} has no search index (jm_memory_fts, migration"
                                       " 0006_memory_fts) (run `jarvis-memory migrate`); searching by reading every"
                                       " memory instead (same results, slower)"]


def test_doctor_finds_an_index_out_of_step(tmp_path):
    path = tmp_path / "jarvis.db"
    with jarvis_memory.Database(path.as_uri()) as db:
        fill(db)
    out = jarvis(path.as_uri(), "doctor", "--json")
    check = {c["check"]: c for c in json.loads(out.stdout)["checks"]}["search index"]
    assert out.returncode == 0 and check["ok"] and check["detail"] == f"jm_memory_fts: {len(CORPUS)} memories indexed," \
        " triggers in place; counts and ids match (`migrate` compares the words)"
    write(path, "DROP TRIGGER jm_memory_fts_insert")  # as `drizzle-kit push` would, then the app writes
    write(path, "INSERT INTO memory_entries (content, content_hash, category, source, created_at)"
                " VALUES ('Likes rooibos tea', 'h', 'fact', 'user_explicit', '2026-02-01T00:00:00.000Z')")
    out = jarvis(path.as_uri(), "doctor", "--json")
    check = {c["check"]: c for c in json.loads(out.stdout)["checks"]}["schema"]
    assert out.returncode == 1 and not check["ok"] and "missing trigger jm_memory_fts_insert" in check["detail"]
    search_out = jarvis(path.as_uri(), "search", "rooibos")  # read by the scan meanwhile: still found
    assert search_out.stdout.strip().endswith("Likes rooibos tea") and "note: the search index of" in search_out.stderr
    write(path, "CREATE TRIGGER jm_memory_fts_insert AFTER INSERT ON memory_entries BEGIN"
                " INSERT INTO jm_memory_fts (rowid, content) VALUES (new.id, new.content); END")
    out = jarvis(path.as_uri(), "doctor", "--json")
    check = {c["check"]: c for c in json.loads(out.stdout)["checks"]}
    assert out.returncode == 1
    assert check["search index"]["detail"] == ("the search index jm_memory_fts is out of step: 1 of 17 memories not"
                                               " in it, 0 entries for memories that are gone"
                                               " (run `jarvis-memory migrate`)")
    assert jarvis(path.as_uri(), "migrate").stdout == "refilled: jm_memory_fts\n"
    out = jarvis(path.as_uri(), "doctor", "--json")
    check = {c["check"]: c for c in json.loads(out.stdout)["checks"]}["search index"]
    assert out.returncode == 0 and check["detail"] == ("jm_memory_fts: 17 memories indexed, triggers in place;"
                                                       " counts and ids match (`migrate` compares the words)")
    assert jarvis(path.as_uri(), "search", "rooibos").stdout.strip().endswith("Likes rooibos tea")


def test_usage_reports_stale_memories_stay_stale_after_a_recall_of_another_word(tmp_path):
    """A recall of "tea" used to stamp "team offsite" and "teacher" too, so they no longer counted as stale."""
    url = (tmp_path / "jarvis.db").as_uri()
    with jarvis_memory.Database(url) as db:
        for text in ("Prefers tea in the morning", "team offsite in March", "Teacher is Mrs Smith"):
            db.ready().execute("INSERT INTO memory_entries (content, content_hash, category, source, created_at)"
                               " VALUES (?, ?, 'fact', 'user_explicit', '2020-01-01T00:00:00.000Z')",
                               [text, content_hash(text)])
        db.memories.recall("tea")
    out = jarvis(url, "report", "usage_report", "--out", str(tmp_path / "reports"), "-p", "stale_memory_days=30")
    assert out.returncode == 0, out.stderr
    figures = json.loads(next((tmp_path / "reports").glob("*/usage_report.json")).read_text())
    assert (figures["stale_memories"], figures["never_accessed_memories"]) == (2, 2)
