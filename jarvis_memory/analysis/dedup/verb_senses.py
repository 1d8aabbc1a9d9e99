"""What WordNet says of verbs in their senses: whether one verb is, in some sense, another ("owns" / "has"), names a
manner of it ("relocate" / "move"), says what one works as ("serves as"), or keeps its sense with a particle
("save up" / "save")."""

from __future__ import annotations

from functools import lru_cache

from .lexicon import SENSES, wordnet


@lru_cache(maxsize=20_000)
def can_mean(x: str, y: str) -> bool:
    """Whether one of two verb lemmas is, in some sense, the other: a WordNet verb synset of one holds the other
    ("owns" is one sense of "has", "got" one of "has"; "cancelled" none).  Without WordNet only a verb itself."""
    reader = wordnet()
    if x == y or reader is None:
        return x == y
    return any(y in s.lemma_names() for s in reader.synsets(x, "v")) \
        or any(x in s.lemma_names() for s in reader.synsets(y, "v"))


@lru_cache(maxsize=20_000)
def works(verb: str) -> bool:
    """Whether a verb lemma before "as" says what one works as: one of its four most frequent WordNet senses is, or
    lies directly under, a sense of working or serving ("works", "serves", "volunteers", "freelances as a nurse" are
    one; "retired", "trained", "started as a nurse" are not).  Without WordNet only "work"."""
    reader = wordnet()
    if reader is None:
        return verb == "work"
    return any(s.name() in _WORKING or any(h.name() in _WORKING for h in s.hypernyms())
               for s in reader.synsets(verb, "v")[:4])


_WORKING = frozenset(("work.v.01", "work.v.02", "serve.v.02", "function.v.01", "act.v.01"))


@lru_cache(maxsize=20_000)
def particle_keeps_verb(verb: str, particle: str) -> bool:
    """Whether a verb lemma with an adverb particle says what the verb says: WordNet's most frequent sense of the
    phrasal verb is a sense of the verb itself ("save up" is "save", "wake up" is "wake"; "go off", "give away",
    "work out" are other verbs).  Without WordNet, or for a phrasal verb it lacks, the particle changes the verb."""
    reader = wordnet()
    if reader is None:
        return False
    phrasal = reader.synsets(f"{verb}_{particle}", "v")
    return bool(phrasal) and phrasal[0] in reader.synsets(verb, "v")


@lru_cache(maxsize=20_000)
def manner_of(x: str, y: str) -> bool:
    """Whether one of two verb lemmas names a manner of the other in WordNet: among each one's :data:`SENSES` most
    frequent verb senses, a sense of one lies directly under (is a troponym of) a sense the other heads as its
    synset's first lemma ("relocate" is a way to "move", to "have" an experience is to "undergo" it; not "read"
    aloud / "talk, speak").  Said only of two texts otherwise the same (:func:`.compare._compare`): in another
    sentence a verb's other senses would count.  ``False`` without WordNet."""
    reader = wordnet()
    if reader is None or x == y:
        return False
    senses_x, senses_y = reader.synsets(x, "v")[:SENSES], reader.synsets(y, "v")[:SENSES]
    return any(h in senses_y and h.lemma_names()[0] == y for s in senses_x for h in s.hypernyms()) \
        or any(h in senses_x and h.lemma_names()[0] == x for s in senses_y for h in s.hypernyms())
