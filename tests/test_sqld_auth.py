"""Tokens sqld refuses, through the package, on every remote URL kind.

sqld checks EdDSA JWTs: an expired or forged token is refused at the handshake
(Hrana ``hello``) or with HTTP 401; a read-only one (``"a": "ro"``) may read and is
refused any write. Each must reach the caller as its typed error, every time.
"""

from __future__ import annotations

import sqlite3

import pytest

import jarvis_memory
from conftest import KEYS, REMOTE_KINDS
from jarvis_memory.errors import AuthError, ReadOnlyError

TRIES = 10  # the ws misclassification shows about 1 run in 8


@pytest.mark.parametrize("url_kind", REMOTE_KINDS)
@pytest.mark.parametrize("which", ["expired", "bad_signature"])
def test_refused_tokens_are_always_auth_errors(which, url, db):
    errors = []
    for _ in range(TRIES):
        with jarvis_memory.Database(url, getattr(KEYS, which)) as intruder:
            try:
                intruder.memories.count()
            except jarvis_memory.JarvisMemoryError as e:
                errors.append(type(e).__name__)
    assert errors == ["AuthError"] * TRIES


@pytest.mark.parametrize("url_kind", REMOTE_KINDS)
def test_read_only_token_reads_and_its_writes_are_read_only_errors(url, db, db_path):
    db.memories.store("Readable", "fact", "user_explicit")
    with jarvis_memory.Database(url, KEYS.read_only) as reader:
        assert [e.content for e in reader.memories.list()] == ["Readable"]
        with pytest.raises(ReadOnlyError):
            reader.sessions.start()
        with pytest.raises(ReadOnlyError):
            reader.memories.store("Not written", "fact", "user_explicit")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM memory_entries").fetchone() == (1,)


@pytest.mark.parametrize("url_kind", REMOTE_KINDS)
def test_no_token_is_an_auth_error(url, db):
    with jarvis_memory.Database(url, None) as anonymous, pytest.raises(AuthError):
        anonymous.memories.count()
