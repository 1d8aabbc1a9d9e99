"""The doer of a "to"-infinitive: someone named between a verb and its infinitive does it, not the verb's subject
("Wants the assistant to be called Nuonuo": the assistant is called so; a non-finite clause's own subject, with
"for" or without, as in Quirk et al. 1985)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import lexicon
from .roles import RELATIONS, _base_verb

if TYPE_CHECKING:
    from .text import _Text


def infinitive_subject(shorter: _Text, longer: _Text, extra: set[int]) -> bool:
    """Whether the longer's extra words name someone between a verb and its "to"-infinitive (after "for" or not)
    where the shorter has no one: the infinitive's doer ("Wants to be called Nuonuo" / "Wants the assistant to be
    called Nuonuo", "Is happy to host" / "Is happy for her sister to host"; not "Decided in March to quit")."""
    for v in range(len(shorter.words) - 2):
        if shorter.words[v + 1] != "to" or not _base_verb(shorter.words[v + 2]) or shorter.keys[v] not in longer.first:
            continue
        j = longer.first[shorter.keys[v]]
        t = next((t for t in range(j + 1, len(longer.words)) if longer.words[t] == "to"), None)
        if t is None or t + 1 == len(longer.words) or not _base_verb(longer.words[t + 1]):
            continue  # no infinitive there
        between = range(j + 1 + (longer.words[j + 1:j + 2] == ("for",)), t)
        if any(k in extra for k in between) and all(longer.words[k] not in RELATIONS for k in between) \
                and any(longer.names[k] or lexicon.names_a_person(longer.words[k]) for k in between):
            return True
    return False
