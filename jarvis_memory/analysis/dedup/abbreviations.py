"""Abbreviations from a registry: "dept" / "department", "Tues" / "Tuesday", "approx." / "approximately" (PyPI's
`abbr2words <https://pypi.org/project/abbr2words/>`_, its English registry of titles, days, months, street types and
units), never a guess from letters ("dept" is no "deployment", "meds" no "medals")."""

from __future__ import annotations

from functools import lru_cache

from .lexicon import is_word, key, same_meaning


@lru_cache(maxsize=1)
def _abbreviations():
    """abbr2words' English registry (titles, days, months, street types, units, "dept.", "approx."), or ``None``
    where the package is missing: then nothing is an abbreviation."""
    try:
        from abbr2words import Expander
    except ImportError:
        return None
    return Expander("en")


@lru_cache(maxsize=20_000)
def _expansions(short: str) -> frozenset[str]:
    """The folded words an abbreviation stands for, alone, after a number and after a name ("Tues" → "tuesday",
    "yds" → "yard", "St" → "saint", "street"), from :func:`_abbreviations`; none for a word it does not hold or a
    dictionary word (:func:`is_word`)."""
    registry = _abbreviations()
    if registry is None or not short.isalpha() or len(short) < 2 or is_word(short.casefold()):
        return frozenset()  # a dictionary word is itself ("vet" is no "veteran"; "min", "hrs": WordNet's)
    listed = registry.has(short + ".")  # its units are kept apart: "ha" is only known after a number
    found = set()
    for before in ("", "2 ", "Elm ") if listed else ("2 ",):  # alone, a unit after a number, a street type
        expanded = registry.expand(f"{before}{short}.").removeprefix(before).rstrip(".").casefold()
        if expanded != short.casefold() and expanded.isalpha():
            found.add(expanded)
    return frozenset(found)


@lru_cache(maxsize=200_000)
def abbreviation(x: str, y: str) -> bool:
    """Whether one of two words as written abbreviates the other: "dept" / "department", "Tues" / "Tuesday",
    "approx" / "approximately", as the abbreviation registry of `abbr2words
    <https://pypi.org/project/abbr2words/>`_ expands it (with or without its dot), or a synonym of what it expands
    to ("approx." / "about", :func:`same_meaning`).  A word the registry lacks is
    no abbreviation ("appt", "uni": a guess from letters took "dept" for "deployment" and "meds" for "medals")."""
    return any(same_meaning(key(e), key(word))  # equal keys first: the word it expands to
               for short, word in ((x, y.casefold()), (y, x.casefold())) for e in _expansions(short))
