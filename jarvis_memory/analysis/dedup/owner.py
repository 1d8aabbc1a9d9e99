"""The owner's own names: a memory that calls its owner by name says what one in the first person, with "she" or with
"the user" says ("Beatriz is vegetarian" / "I'm a vegetarian" / "She is vegetarian").

A personal store's memories are about one person, but no count of a store's names tells which name is hers: in one
store written in the style of a profile her name opens 23 of 892 memories, "She" 383, and her partner's name opens
as many as hers.  So the owner says it: ``$JARVIS_MEMORY_OWNER``, her names separated by commas ("Beatriz Costa,
Beatriz, Bia").  The audit then reads each of them as "the user", the owner's word it knows (:mod:`.roles`); the
texts it shows stay as written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from ...errors import ConfigError
from .roles import OWNER, PRONOUNS

VARIABLE = "JARVIS_MEMORY_OWNER"
_NO_NAMES = OWNER | PRONOUNS | {"the user"}  # the audit reads them as the owner, or someone else, already
_NAME = re.compile(r"[^\W\d_]+\.?(?:[ '\u2019-][^\W\d_]+\.?)*")  # letters, in words: "Bia", "Anne-Marie", "O'Neill"


def names(value: str | None = None) -> tuple[str, ...]:
    """The owner's names: ``value``, else ``$JARVIS_MEMORY_OWNER``, split at commas, longest first (so "Beatriz
    Costa" is read before "Beatriz"); ``()`` if unset or empty.  Raises :class:`ConfigError` for an entry that is no
    name (digits, symbols: "Bia <3"; a pronoun or "the user", which the audit reads already)."""
    raw = os.environ.get(VARIABLE, "") if value is None else value
    found = {n.strip() for n in raw.split(",") if n.strip()}
    bad = sorted(n for n in found if not _NAME.fullmatch(n) or n.casefold() in _NO_NAMES)
    if bad:
        raise ConfigError(f"${VARIABLE} holds {bad[0]!r}, which is no name: give the owner's names separated by "
                          f"commas, every spelling a memory uses, e.g. 'Beatriz Costa, Beatriz, Bia'")
    return tuple(sorted(found, key=lambda n: (-len(n), n)))


def as_user(texts: Sequence[str], owner: tuple[str, ...]) -> Sequence[str]:
    """``texts`` with each of the ``owner``'s names (:func:`names`), as a whole word and in any case, written "the
    user" ("Beatriz's sister" → "the user's sister"); ``texts`` itself when there are none."""
    if not owner:
        return texts
    pattern = re.compile(r"(?<![\w'\u2019-])(?:" + "|".join(map(re.escape, owner)) + r")(?![\w-])", re.IGNORECASE)
    return [pattern.sub("the user", t) for t in texts]
