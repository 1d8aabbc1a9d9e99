"""A tool said with "use", read as the "with" of the doing it serves: "Uses a tablet for reading papers", "Uses a
Garmin to track her runs", "Deploys the app using Docker" say "Reads papers with a tablet", "Tracks her runs with a
Garmin", "Deploys the app with Docker"; "Uses R for statistics", "R is used for statistics" say "Does statistics
with R" (the instrument of a verb, Quirk et al. 1985, 9.47: "with" and the verb "use" express it alike).  Read only
when one text of a pair says "use" and the other does not: "Uses Python" / "Uses Python for data analysis" stay as
written, one saying more."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lemminflect import getAllLemmas, getInflection

from . import lexicon
from .roles import PASSIVE, POSSESSIVES

if TYPE_CHECKING:
    from .text import _Text

MAX_TOOL = 5  # words naming the tool, between "use" and "to" / "for"
_TAGS = {"uses": "VBZ", "use": "VBP", "used": "VBD", "using": "VBG"}
_USE = frozenset(("use", "use\x03past"))


def says_use(t: _Text) -> bool:
    """Whether ``t`` says "use" (a text held by its bag, :class:`.text._Long`, as well)."""
    return not _USE.isdisjoint(t.bag)


def with_tool(t: _Text) -> str | None:
    """``t``'s words with its tool said with "with" (see the module's docstring), or ``None`` if it has none to say
    so: "uses a tablet for reading papers" → "reads papers with a tablet"."""
    words = t.words
    for i, w in enumerate(words):
        if w == "using" and i and not t.roles[i].startswith("verb"):
            return " ".join((*words[:i], "with", *words[i + 1:]))  # "Deploys the app using Docker"
        if w not in _TAGS or not t.roles[i].startswith("verb"):
            continue
        end = next((k for k in range(i + 1, min(i + 2 + MAX_TOOL, len(words))) if words[k] in ("to", "for")), None)
        if end is None or end + 1 >= len(words):
            return None
        passive = i > 0 and t.roles[i - 1] == PASSIVE
        tool = words[:i - 1] if passive else words[i + 1:end]
        doing, rest = words[end + 1], words[end + 2:]
        lemma = getAllLemmas(doing).get("VERB", ("",))[0] if words[end] == "to" or doing.endswith("ing") else ""
        if not tool or words[end] == "to" and not lemma or not passive and tool[0] in POSSESSIVES \
                and lexicon.names_a_person(lexicon.key(tool[-1])):
            return None  # "Uses her son to walk the dog" is not "Walks the dog with her son": with one's own is with
            # company
        if passive:  # "R is used for statistics": "statistics is done with R"
            return " ".join((doing, *rest, words[i - 1], "done", "with", *tool))
        verb = _inflected(lemma or "do", w)
        said = (verb, *rest) if lemma else (verb, doing, *rest)
        return " ".join((*words[:i], *said, "with", *tool))
    return None


def _inflected(lemma: str, like: str) -> str:
    """``lemma`` in the form of ``like``, a form of "use" ("uses": "reads")."""
    return (getInflection(lemma, _TAGS[like]) or (lemma,))[0]
