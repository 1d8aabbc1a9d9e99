"""A name given with "called" or "named", or set beside its noun: "Her TAFE teacher is called Robyn" / "Her TAFE
teacher Robyn is strict", "Has a sister named Leila" / "Has a sister, Leila, who is a doctor", "The book club is
called the Chapeltown Readers" / "The book club, the Chapeltown Readers, meets monthly" (apposition: the
naming relation of a close or loose appositive, Quirk et al. 1985)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import lexicon

if TYPE_CHECKING:
    from .text import _Text

_NAMING = frozenset(("call", "name"))  # the keys of "called", "named"
_BETWEEN = frozenset(("is", "are", "was", "the"))  # may stand between the noun, the naming word and the name


def named(shorter: _Text, only: list[str], longer: _Text) -> list[str]:
    """``only`` (the shorter's words the longer lacks) without a naming word ("called", "named") between a noun and
    a name that the longer writes side by side (the name right after the noun, an article or a comma between)."""
    for k in [k for k in only if k in _NAMING]:
        i = shorter.first[k]
        before = next((j for j in range(i - 1, -1, -1) if shorter.words[j] not in _BETWEEN), None)
        after = next((j for j in range(i + 1, len(shorter.words)) if shorter.words[j] not in _BETWEEN), None)
        if before is None or after is None or not shorter.names[after] or shorter.words[i] not in ("called", "named"):
            continue
        j = longer.first.get(shorter.keys[before])
        name = next((m for m in range(j + 1, len(longer.words)) if longer.words[m] not in _BETWEEN), None) \
            if j is not None else None
        if name is not None and longer.keys[name] == shorter.keys[after]:
            only = [w for w in only if w != k]
    return only


def renamed(shorter: _Text, longer: _Text, extra: set[int]) -> bool:
    """Whether the longer gives the shorter's name to another noun: "Has a dog called Rex" / "Has a dog and a cat
    called Rex" (the noun before "called" is one of the longer's extra words)."""
    for i, w in enumerate(longer.words):
        if w in ("called", "named") and longer.keys[i] in shorter.bag:
            before = next((j for j in range(i - 1, -1, -1) if longer.words[j] not in _BETWEEN), None)
            if before in extra:
                return True
    return False


_OWNER_WORDS = frozenset(("the", "user", "she", "he", "i"))  # who "has" the person, as the owner


def introduced(t: _Text) -> str | None:
    """The text with a person introduced by "has", named in a loose appositive (or with "named"/"called") and
    described by a relative clause, written as the clause said of the named relation, or ``None``: "Has a brother,
    Liam, who lives in Perth" as "The user's brother Liam lives in Perth", "Kate has a sister, Jess, who ..." as
    "Kate's sister Jess ..." (the appositive names the noun it follows: Quirk et al. 1985, 17.65-17.67)."""
    words = t.words
    for h in range(len(words) - 5):
        naming = words[h + 3] in ("named", "called")
        name = h + 3 + naming
        who = next((k for k in range(name, len(words)) if not t.names[k]), len(words))  # a name of a word or more
        if words[h] not in ("has", "have") or words[h + 1] not in ("a", "an") or who == name or who + 1 >= len(words) \
                or not ((naming or t.breaks[name] and t.breaks[who]) and words[who] in ("who", "that")) \
                or not lexicon.names_a_person(words[h + 2]):
            continue
        if _OWNER_WORDS.issuperset(words[:h]):
            owner = "The user's"
        elif h == 1 and t.names[0]:  # a name: "Kate" as "Kate's"
            owner = t.written[0] + "'s"
        else:
            continue
        return " ".join((owner, t.written[h + 2], *t.written[name:who], *t.written[who + 1:]))
    return None
