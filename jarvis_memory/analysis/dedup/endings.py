"""Verbs of ending read as the negation they are: "gave up smoking", "got rid of the landline", "cancelled the gym
membership" say that what follows is no longer so, as "stopped" does (:data:`.text.NEGATIONS`).

A verb of ending is one whose most frequent WordNet sense is, or lies directly under, a sense of discontinuing,
abandoning, getting rid of or cancelling (a terminative verb: Quirk et al. 1985, A Comprehensive Grammar of the
English Language, 4.37, and the catenative "give up", 16.38); a phrasal verb is read whole ("give up", "get rid
of", not "give", "get").  "end" and "finish" are left out: "Finishes work at 5" says when, not that it stopped."""

from __future__ import annotations

from functools import lru_cache

from lemminflect import getAllLemmas

from . import lexicon
from .roles import DETERMINERS

_ENDING = frozenset(("discontinue.v.01", "abandon.v.01", "abandon.v.02", "get_rid_of.v.01", "cancel.v.01"))
STOPPED = "stopped"  # a negation word (.text.NEGATIONS) standing for the verb of ending


def read(tokens: list[tuple]) -> list[tuple]:
    """Tokens (:func:`.text._tokens`: ``(word, spelled, break before, name, as written, hyphen)``) with each verb of
    ending, a phrasal one as one token, read as :data:`STOPPED`; the words as written are kept."""
    out: list[tuple] = []
    k = 0
    while k < len(tokens):
        # a word after a determiner is a noun: "the cancel button"
        width = 0 if out and out[-1][0] in DETERMINERS or _verb_lemma(tokens[k][0]) is None \
            else _ending(tuple(t[0] for t in tokens[k:k + 3]))
        if width:
            part = tokens[k:k + width]
            out.append((STOPPED, STOPPED, part[0][2], False, " ".join(t[4] for t in part), part[-1][5]))
            k += width
        else:
            out.append(tokens[k])
            k += 1
    return out


@lru_cache(maxsize=4_096)  # memories repeat their phrases; a bounded cache, not one entry per word of every memory
def _ending(words: tuple[str, ...]) -> int:
    """How many of ``words`` (up to three, a verb first) make a verb of ending, or 0: the longest verb WordNet
    knows of the verb's lemma and the words after it ("give up"), whether it ends or not ("get up")."""
    lemma = _verb_lemma(words[0])
    known = _verb_index()
    if lemma is None or known is None:
        return 0
    for width in range(min(3, len(words)), 0, -1):
        name = "_".join((lemma, *words[1:width]))
        if "v" in known.get(name, ()):
            return width if _ends(name) else 0
    return 0


@lru_cache(maxsize=65_536)  # asked for every word of every memory: a word's lemma once, not once per phrase it opens
def _verb_lemma(word: str) -> str | None:
    """lemminflect's first verb lemma of a folded word, or ``None`` (not a verb, or not a word of letters)."""
    verbs = getAllLemmas(word).get("VERB", ()) if word.isalpha() else ()
    return verbs[0] if verbs else None


@lru_cache(maxsize=1)
def _verb_index() -> dict | None:
    """WordNet's index of lemmas (lemma -> part of speech -> synset offsets), or ``None`` without WordNet: a lookup
    there costs a dict access, where ``synsets()`` first tries every inflection of the word (morphy) -- the audit
    asks once per word of every memory.  nltk keeps the index in an attribute of its reader; no public call reads it
    without morphy."""
    reader = lexicon.wordnet()
    return None if reader is None else reader._lemma_pos_offset_map


@lru_cache(maxsize=20_000)
def _ends(name: str) -> bool:
    first = lexicon.wordnet().synsets(name, "v")[0]
    return first.name() in _ENDING or any(h.name() in _ENDING for h in first.hypernyms())
