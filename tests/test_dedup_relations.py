"""A relation between two people said either way round (dedup.relations): a symmetric relation, its converse,
"R to" / "R of" / "Q's R", "married to"; the same words with the people exchanged, or another relation, stay
variants."""

from __future__ import annotations

import pandas as pd
import pytest

from jarvis_memory.analysis import dedup
from jarvis_memory.analysis.dedup.compare import _compare
from jarvis_memory.analysis.dedup.text import _text, _Vocabulary
from jarvis_memory.store.hashing import content_hash


def verdict(a: str, b: str) -> tuple[str | None, str]:
    x, y = _text(a), _text(b)
    v = _compare(x, y, _Vocabulary([x, y]))
    return v.kind, v.change


@pytest.mark.parametrize(("a", "b"), [
    ("Bruno is Lotte's cousin", "Lotte is Bruno's cousin"),                      # symmetric
    ("Bruno and Lotte are neighbours", "Lotte is Bruno's neighbour"),
    ("Greta is Oskar's grandmother", "Oskar is Greta's grandson"),               # converse
    ("Oskar's aunt is Greta", "Oskar is Greta's nephew"),
    ("Ines is godmother to Pablo", "Pablo's godmother is Ines"),                 # "R to"
    ("Ines is the mentor of Pablo", "Pablo is Ines's mentee"),
    ("Wen's wife is Lin", "Wen is married to Lin"),                              # "married to"
    ("Lin is Wen's wife", "Wen is Lin's husband"),
    ("The user is Rosa's brother-in-law", "Rosa is the user's sister-in-law"),   # hyphened relation words
    ("Vera is Ivo's great-aunt", "Ivo is Vera's great-nephew"),
    ("Vera is my mother", "I am Vera's son"),                                      # the owner as "my", "I"
    ("Ivo is Kai's co-worker", "Kai and Ivo are coworkers"),
    ("Lin is engaged to Wen", "Wen is Lin's fiancé"),                             # "engaged to", "married"
    ("Lin and Wen are married", "Wen is Lin's husband"),
    ("Theo Varga has a sister, Ilka Varga", "Ilka Varga is Theo Varga's sister"),  # "has a R, P"
    ("User has a cat named Pixel", "Pixel is the user's cat"),                   # any noun, said the same way
    ("Ilse and Marit are sisters", "Marit is Ilse's sister"),                     # "are Rs": both are
    ("Is Joost's partner", "Joost is the user's partner"),                       # a note's owner
    ("His wife is Marit", "Is married to Marit"),                                # "her"/"his" R: the owner's
    ("Is godmother to Wim", "Wim is the user's godson"),
    ("Joost and Wim are friends", "Joost is friends with Wim"),                  # "friends with"
    ("Wim is her husband", "She is Wim's wife"),                                 # "her" and "she": one owner
    ("Bram is my grandad", "I am Bram's granddaughter"),                          # informal kin words
])
def test_a_relation_said_the_other_way_round_is_a_paraphrase(a: str, b: str) -> None:
    assert verdict(a, b)[0] == "paraphrase"


@pytest.mark.parametrize(("a", "b"), [
    ("Greta is Oskar's grandmother", "Oskar is Greta's grandmother"),            # not symmetric: exchanged
    ("Bruno is Lotte's cousin", "Bruno is Lotte's brother"),                     # another relation
    ("Bruno is Lotte's cousin", "Lotte is Bruno's brother"),
    ("Lin is Wen's wife", "Lin is Wen's husband"),
    ("Greta is Oskar's grandmother", "Oskar is Greta's son"),                    # another generation
    ("Bruno is Lotte's cousin", "Bruno is Lotte's cousin's husband"),
    ("Bruno is Lotte's cousin", "Bruno was Lotte's cousin"),                       # no longer
    ("Greta is Oskar's landlady", "Greta was Oskar's landlady"),
    ("Lotte is Bruno's sister", "Bruno is Lotte's sister"),                        # says the sex of both
    ("Wen is Lin's husband", "Lin is Wen's husband"),
    ("Has a cat named Pixel", "Pixel is the user's dog"),
    ("Has a cat named Pixel", "Pixel had a cat"),
    ("Ivo is the son of a nurse", "The nurse is Ivo's mother"),                # some one, not one person
    ("Wim is his godson", "Wim is her godson"),                                  # the owner of two sexes
    ("Ilse and Marit are sisters", "Ilse and Marit are cousins"),
    ("Is Joost's partner", "Joost is Wim's partner"),
    ("Ilse is Marit's twin", "Marit is Ilse's sister"),                          # a sister is no twin
    ("Joost and Wim are brothers", "Wim is Joost's sister"),                    # "are brothers": both are
])
def test_a_relation_exchanged_or_changed_stays_a_variant_or_unrelated(a: str, b: str) -> None:
    assert verdict(a, b)[0] != "paraphrase"


def test_only_a_text_that_says_nothing_but_the_relation_is_read() -> None:
    """A clause more ("..., who lives in Graz") or a person of more than three words is
    not read as a relation."""
    assert verdict("Bruno is Lotte's cousin, who lives in Graz", "Lotte is Bruno's cousin")[0] != "paraphrase"
    assert verdict("Bruno is the cousin of the tall man with the red hat", "The tall man with the red hat is "
                   "Bruno's nephew")[0] != "paraphrase"


def test_a_relation_said_the_other_way_round_is_compared_at_all() -> None:
    """The two texts share no word but their people: the blocks put a relation's converse beside it."""
    texts = ["Vera is Ivo's aunt", "Ivo is Vera's nephew", "Brian is the user's landlord",
             "The user is Brian's tenant", "Likes green tea"]
    frame = pd.DataFrame({"id": range(1, 6), "content": texts, "category": "fact",
                          "created_at": pd.Timestamp("2026-01-01", tz="UTC")})
    frame["content_hash"] = frame["content"].map(content_hash)
    found = dedup.candidates(frame)
    assert sorted(zip(found["id_a"], found["id_b"], found["kind"])) == [(1, 2, "paraphrase"), (3, 4, "paraphrase")]


def test_relation_words_of_one_relation_are_not_one_word_to_the_blocks() -> None:
    """A large block of one sentence with many values reads its other words as equal: were "aunt" and "nephew" one
    word to it, "User's aunt Rui started chess" and "User's nephew Rui started chess" would be one statement."""
    names = ["Rui", "Dana", "Omar", "Ines", "Musa", "Ilse", "Keiko", "Tariq", "Sanna", "Farah", "Jonas", "Mei",
             "Chen", "Lucia", "Kwame", "Aisha", "Nando", "Gustav", "Bogdan", "Priya"]
    texts = [f"User's {relative} {name} started chess 14 weeks ago" for relative in ("aunt", "nephew") for name in names]
    frame = pd.DataFrame({"id": range(1, len(texts) + 1), "content": texts, "category": "fact",
                          "created_at": pd.Timestamp("2026-01-01", tz="UTC")})
    frame["content_hash"] = frame["content"].map(content_hash)
    found = dedup.candidates(frame)
    assert not found["kind"].isin(dedup.DUPLICATE_KINDS).any()


def test_a_relation_of_someones_relation_is_not_read() -> None:
    """The people of a relation are names or short noun phrases with no possessive inside: "Kai's cousin's friend"
    is nobody the converse table can turn round."""
    from jarvis_memory.analysis.dedup.relations import people

    assert people(_text("Ivo is Kai's cousin's friend")) is None
    assert people(_text("Ivo is Kai's friend")) == frozenset({("ivo",), ("kai",)})


def test_a_relation_said_the_other_way_round_is_kept_in_the_audit_whatever_its_words_share() -> None:
    """Its text similarity is low ("I'm Tom's aunt" / "Tom is my nephew" share one name): the pair is scored as the
    one relation both read, so the default threshold keeps it."""
    texts = ["I'm Joost's aunt", "Joost is my nephew", "Walks to work", "Keeps bees"]
    m = pd.DataFrame({"id": range(1, 5), "content": texts, "category": "fact",
                      "created_at": pd.Timestamp("2026-01-01", tz="UTC")})
    m["content_hash"] = m["content"].map(content_hash)
    found = dedup.candidates(m)
    assert set(map(frozenset, found[["id_a", "id_b"]].itertuples(index=False))) == {frozenset((1, 2))}
