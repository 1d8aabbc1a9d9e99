"""The content hash, computed exactly as the TypeScript app computes it.

The seed hashes ``sha256(content.trim().toLowerCase())``.  Python's
``str.strip()`` strips a different set than JavaScript's ``trim`` (it strips
U+001C..U+001F and U+0085, and keeps U+FEFF), so the set is spelled out here
from ECMA-262: WhiteSpace (TAB, VT, FF, SP, NBSP, ZWNBSP and category Zs) plus
LineTerminator (LF, CR, LS, PS).  ``str.lower()`` already applies the full
Unicode mappings including Final_Sigma, like ``String.prototype.toLowerCase``.

>>> content_hash("  Prefers TEA  ") == content_hash("prefers tea")
True
"""

from __future__ import annotations

import hashlib

# ECMA-262 WhiteSpace: TAB VT FF ZWNBSP, plus every Zs code point (SP, NBSP,
# OGHAM SPACE MARK, U+2000..U+200A, NNBSP, MMSP, IDEOGRAPHIC SPACE); the test
# suite checks this list against unicodedata.  LineTerminator: LF CR LS PS.
JS_WHITESPACE = (
    "\t\v\f\ufeff \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u202f\u205f\u3000" + "\n\r\u2028\u2029"
)


def js_trim(text: str) -> str:
    """``String.prototype.trim``."""
    return text.strip(JS_WHITESPACE)


def normalize(text: str) -> str:
    """``text.trim().toLowerCase()`` with JavaScript's definitions."""
    return js_trim(text).lower()


def content_hash(text: str) -> str:
    """The sha256 hex digest the TypeScript app stores in ``content_hash``."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()
