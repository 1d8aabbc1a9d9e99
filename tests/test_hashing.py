import hashlib
import sys
import unicodedata

import pytest

from jarvis_memory.store.hashing import JS_WHITESPACE, content_hash, js_trim, normalize


def test_whitespace_set_is_ecmascripts():
    zs = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Zs"}
    expected = zs | set("\t\v\f\ufeff") | set("\n\r\u2028\u2029")
    assert set(JS_WHITESPACE) == expected


@pytest.mark.parametrize(
    "raw, trimmed",
    [
        ("\ufeff hi \u3000", "hi"),          # JS trims ZWNBSP and ideographic space
        ("\u0085hi\u0085", "\u0085hi\u0085"),  # ... but not NEL, which str.strip() removes
        ("\x1chi\x1f", "\x1chi\x1f"),        # ... nor the information separators
        ("\u180ehi", "\u180ehi"),            # Mongolian vowel separator is no longer Zs
        ("\u2028hi\u2029\r\n", "hi"),
    ],
)
def test_trim_matches_javascript_not_python(raw, trimmed):
    assert js_trim(raw) == trimmed


def test_lowercase_is_full_unicode():
    assert normalize("ΟΔΟΣ") == "οδος"   # final sigma, as String.prototype.toLowerCase
    assert normalize("İ") == "i\u0307"
    assert normalize("Straße") == "straße"


def test_hash_is_sha256_of_normalized_utf8():
    assert content_hash("  Prefers TEA\n") == hashlib.sha256(b"prefers tea").hexdigest()
    assert content_hash("Café") == hashlib.sha256("café".encode()).hexdigest()
    assert content_hash("a") != content_hash("b")
