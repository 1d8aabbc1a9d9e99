"""What a noun names a kind of, from WordNet's hypernyms (read by :func:`.lexicon.wordnet`): a noun's class ("a GP"
is "a doctor"), the class a word of time or of means belongs to, and a compound that names another thing than its
head ("a water gun" is no gun).  ``False`` throughout without WordNet."""

from __future__ import annotations

from functools import lru_cache

from .lexicon import SENSES, bare, wordnet


@lru_cache(maxsize=20_000)
def is_kind(noun: str, kind: str) -> bool:
    """Whether a noun key's most frequent WordNet sense is a kind of the synset named ``kind`` (its hypernyms'
    closure): "weekend", "winter months" are ``time_period.n.01``, "phone" ``instrumentality.n.03``.  ``False``
    without WordNet."""
    reader = wordnet()
    if reader is None or not noun.isalpha():
        return False
    target = reader.synset(kind)
    return any(target in s.closure(lambda h: h.hypernyms()) for s in reader.synsets(noun, "n")[:1])


@lru_cache(maxsize=20_000)
def another_kind(modifier: str, head: str) -> bool:
    """Whether WordNet has the compound "<modifier> <head>" as a noun of its own that is no kind of ``head`` in any
    of its senses (the hypernyms' closure): "water gun" is a toy, "hot dog" a sandwich, "sea lion" a seal; a
    compound WordNet lacks ("front tyre") is taken as a kind of its head.  ``False`` without WordNet."""
    reader = wordnet()
    if reader is None or not (modifier.isalpha() and head.isalpha()):
        return False
    compound = reader.synsets(f"{modifier}_{head}", "n")
    heads = set(reader.synsets(head, "n"))
    return bool(compound) and not any(heads & ({c} | set(c.closure(lambda h: h.hypernyms()))) for c in compound)


KIND_STEPS = 3  # hypernym steps from a kind up to its class ("latte" → "espresso" → "coffee")


@lru_cache(maxsize=200_000)
def kind_of(x: str, y: str) -> bool:
    """Whether noun key ``x`` names a kind of what ``y`` names: the most frequent WordNet noun sense of ``x`` lies
    under one of ``y``'s :data:`SENSES` most frequent, at most :data:`KIND_STEPS` hypernym steps up ("gp" is a
    "doctor", "poodle" a "dog", "sedan" a "car"; "euro" is no "money" in WordNet), not formed on its word (a
    diminutive: "novella" is no "novel" here).  ``False`` without WordNet."""
    reader = wordnet()
    x, y = bare(x), bare(y)
    if reader is None or x.startswith(y) or y.startswith(x) or not (x.isalpha() and y.isalpha()):
        return False  # a word formed on its class's word names another thing: "novella", "kitchenette", "booklet"
    classes = set(reader.synsets(y, "n")[:SENSES])
    level = set(reader.synsets(x, "n")[:1])
    if not classes or level & classes:
        return False
    for _ in range(KIND_STEPS):
        level = {h for s in level for h in s.hypernyms() + s.instance_hypernyms()}
        if level & classes:
            return True
    return False
