"""Memory entries on every URL kind: dedup, queries, and bad input that writes nothing."""

import pytest

from jarvis_memory import NotFoundError, ValidationError, content_hash, timestamps
from jarvis_memory.store.memories import MAX_CONTENT_CHARS


def count(db):
    return db.memories.count()


def test_store_new_then_duplicate(db):
    entry, created = db.memories.store("Prefers tea in the morning", "preference", "user_explicit")
    assert created and entry.id > 0 and entry.last_accessed is None
    assert entry.content_hash == content_hash("prefers tea in the morning")
    assert timestamps.is_iso(entry.created_at)
    again, created = db.memories.store("  PREFERS tea in the morning\n", "preference", "jarvis_inferred")
    assert not created and again.id == entry.id
    assert again.content == "Prefers tea in the morning"  # the first text wins, as in the seed
    assert timestamps.is_iso(again.last_accessed) and again.last_accessed >= entry.created_at
    assert count(db) == 1


def test_sql_in_content_is_stored_verbatim(db):
    nasty = "Robert'); DROP TABLE memory_entries;-- \"quoted\" %_\\"
    entry, _ = db.memories.store(nasty, "fact", "user_explicit")
    assert db.memories.get(entry.id).content == nasty
    assert db.memories.search("Robert'); DROP TABLE memory_entries;--") == [db.memories.get(entry.id)]
    assert db.memories.search("%_\\") == []  # no word in it
    assert count(db) == 1


@pytest.mark.parametrize(
    "content, category, source",
    [
        ("", "fact", "user_explicit"),
        (" \t\n", "fact", "user_explicit"),
        ("x" * (MAX_CONTENT_CHARS + 1), "fact", "user_explicit"),
        ("nul\x00byte", "fact", "user_explicit"),
        ("lone \ud800 surrogate", "fact", "user_explicit"),
        (None, "fact", "user_explicit"),
        (42, "fact", "user_explicit"),
        ("ok", "opinion", "user_explicit"),
        ("ok", "fact", "guess"),
        ("ok", "FACT", "user_explicit"),
        ("ok", "fact'; DROP TABLE sessions;--", "user_explicit"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(db, content, category, source):
    with pytest.raises(ValidationError):
        db.memories.store(content, category, source)
    assert count(db) == 0


def test_get_list_search_recall_delete(db):
    ids = {}
    for text, cat, src in [
        ("Likes jazz", "preference", "user_explicit"),
        ("Sister is called Ana", "fact", "user_explicit"),
        ("Usually works late on Thursdays", "pattern", "jarvis_inferred"),
        ("Likes jazz and blues", "preference", "jarvis_inferred"),
    ]:
        ids[text] = db.memories.store(text, cat, src)[0].id
    assert [e.content for e in db.memories.list(category="preference")] == ["Likes jazz", "Likes jazz and blues"]
    assert [e.id for e in db.memories.list(source="jarvis_inferred", limit=1)] == [ids["Usually works late on Thursdays"]]
    page = db.memories.list(after_id=ids["Sister is called Ana"])
    assert [e.id for e in page] == [ids["Usually works late on Thursdays"], ids["Likes jazz and blues"]]
    assert db.memories.list(since="2000-01-01", until="2000-01-02") == []
    assert {e.content for e in db.memories.search("JAZZ")} == {"Likes jazz", "Likes jazz and blues"}
    assert [e.content for e in db.memories.search("jazz blues")] == ["Likes jazz and blues"]
    recalled = db.memories.recall("jazz", category="preference")
    assert {e.content for e in recalled} == {"Likes jazz", "Likes jazz and blues"}
    assert all(e.last_accessed for e in recalled)
    assert db.memories.get(ids["Sister is called Ana"]).last_accessed is None  # untouched
    deleted = db.memories.delete(ids["Likes jazz"])
    assert deleted.content == "Likes jazz"
    with pytest.raises(NotFoundError):
        db.memories.get(ids["Likes jazz"])
    with pytest.raises(NotFoundError):
        db.memories.delete(ids["Likes jazz"])
    assert count(db) == 3


@pytest.mark.parametrize("bad", ["abc", "²", 1.5, True, None, 2**63, -(2**63) - 1])
def test_bad_ids(db, bad):
    with pytest.raises(ValidationError):
        db.memories.get(bad)


@pytest.mark.parametrize(
    "kwargs",
    [{"since": "not a date"}, {"until": "2026-99-01"}, {"limit": 0}, {"limit": -5}, {"limit": 10**9},
     {"category": "nope"}, {"text": ""}, {"text": "a\x00b"}],
)
def test_bad_list_filters(db, kwargs):
    with pytest.raises(ValidationError):
        db.memories.list(**kwargs)
