"""Blocking by meaning: the keys of a frame that mean the same, each mapped to one key standing for them all, so that
texts saying one thing in other words of one meaning share a block and are compared at all."""

from __future__ import annotations

from collections.abc import Iterable

from . import occasions
from .lexicon import _adjective_heads, _family, _lemmas, bare, derived, past, same_meaning, wordnet


def concepts(keys: Iterable[str]) -> dict[str, str]:
    """Each key (:func:`key`) of ``keys`` that means the same as another of them (:func:`same_meaning`) -> one
    key standing for its connected set (the smallest), for blocking only: texts that say the same in other words
    of one meaning ("is allergic to shellfish" / "has a shellfish allergy") are compared; a pair's verdict is still
    :func:`same_meaning` of its own words.  Keys that mean the same are found through what they share (a WordNet
    synset among their :data:`SENSES`, a derived form, an adjective's head), never by comparing all pairs.  Empty
    without WordNet."""
    if wordnet() is None:
        return {}
    keys = list(dict.fromkeys(keys))
    stems = {x for k in keys for x in occasions.stems(bare(k))}  # "birth" of "birthplace"
    sharing: dict[object, list[str]] = {}
    for k in keys:
        synsets, _, forms = _lemmas(k)
        adjective, named = _adjective_heads(k)
        # two keys of one meaning share one of these; a verb and its noun in any tense ("was diagnosed" / "a
        # diagnosis": :func:`derived`, which .restated reads) share a form of their family; a noun of an event's
        # place or time and the event's verb the noun they are formed on ("birthplace", "born": "birth")
        events = (occasions.stems(bare(k)) | occasions.nouns_of(bare(k))) & stems if stems else ()
        for shared in (*synsets, *forms, *_family(bare(k)), bare(k), *adjective, *named, *events):
            sharing.setdefault(shared, []).append(k)
    parent: dict[str, str] = {}

    def root(k: str) -> str:
        while k in parent:
            k = parent[k]
        return k

    for group in sharing.values():
        for i, x in enumerate(group):
            for y in group[i + 1:]:
                rx, ry = root(x), root(y)
                if rx != ry and (same_meaning(x, y) or past(x) != past(y) and derived(bare(x), bare(y))
                                 or occasions.names_event(x, y) or occasions.names_event(y, x)):
                    parent[max(rx, ry)] = min(rx, ry)
    return {k: root(k) for k in list(parent)}
