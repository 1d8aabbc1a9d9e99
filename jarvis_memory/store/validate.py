"""Argument checks shared by the public API: each raises ValidationError, before any write."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from ..errors import ValidationError


def js_length(value: str) -> int:
    """JavaScript's ``String.prototype.length``: UTF-16 code units (a character outside the BMP, e.g. an emoji, is 2).

    ``value`` must hold no lone surrogate.
    """
    return len(value) if value.isascii() else len(value.encode("utf-16-le")) // 2


def text(value: Any, name: str, *, max_chars: int, allow_blank: bool = False) -> str:
    """A str that SQLite and both apps' hashes handle identically.

    ``max_chars`` is counted as the TypeScript app counts, in UTF-16 code units
    (:func:`js_length`), so both apps accept the same texts.
    """
    if not isinstance(value, str):
        raise ValidationError(f"{name} must be a string, not {type(value).__name__}")
    if not allow_blank and not value.strip():
        raise ValidationError(f"{name} is empty")
    if "\x00" in value:
        raise ValidationError(f"{name} contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(f"{name} contains a lone surrogate (not valid Unicode text)") from None
    if len(value) > max_chars or js_length(value) > max_chars:
        raise ValidationError(f"{name} is {js_length(value):,} characters as JavaScript counts them (UTF-16 units); "
                              f"the limit is {max_chars:,}")
    return value


def choice(value: Any, name: str, allowed: Iterable[str]) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValidationError(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
    return value


def row_id(value: Any, name: str = "id") -> int:
    """A row id: any 64-bit integer, as SQLite's rowids are (-2**63 to 2**63-1, sqlite.org/rowidtable.html).
    This toolkit's rows start at 1; another client may have written 0 or a negative id, and such a row can
    still be read, ended or forgotten.  Text of ASCII digits ("42", "-7") is read as the number."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):  # not "²" or "٣"
            value = int(value)
        else:
            raise ValidationError(f"{name} must be an integer, not {value!r}")
    if not -(2**63) <= value < 2**63:
        raise ValidationError(f"{name} must be a 64-bit integer, not {value}")
    return value


_INTEGER = re.compile(r"[+-]?[0-9]+")


def positive_number(value: Any, name: str, *, maximum: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise ValidationError(f"{name} must be a number, not {value!r}")
    if not 0 < value <= maximum:
        raise ValidationError(f"{name} must be above 0 and at most {maximum:g}; got {value}")
    return value


def json_object(value: Any, name: str, *, max_chars: int) -> str | None:
    """Serialise event data as the TypeScript app does (``JSON.stringify``), or ``None``."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise ValidationError(f"{name} must be a JSON object (dict) or None, not {type(value).__name__}")
    try:
        encoded = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except RecursionError:
        raise ValidationError(f"{name} is nested too deeply to serialise as JSON") from None
    except (TypeError, ValueError) as e:  # ValueError: NaN, or an int over Python's 4,300-digit conversion limit
        raise ValidationError(f"{name} is not JSON-serialisable: {e}") from None
    return text(encoded, name, max_chars=max_chars)
