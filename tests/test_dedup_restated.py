"""A statement in another construction (dedup/restated.py): a verb and the noun made from it, a passive and its
active, each a paraphrase only when the rest is the same statement: the same doer, tense, order and no negation;
a person noun is what one is, never what one has.  Invented examples (none is a text of a labelled set)."""

from __future__ import annotations

import pandas as pd
import pytest

from jarvis_memory.analysis.dedup import candidates, lexicon
from jarvis_memory.analysis.dedup.compare import _compare
from jarvis_memory.analysis.dedup.tuning import DUPLICATE_KINDS
from jarvis_memory.analysis.dedup.text import _text, _Vocabulary
from jarvis_memory.store.hashing import content_hash

pytestmark = pytest.mark.skipif(lexicon.wordnet() is None, reason="Debian's wordnet-base is not installed")


def kind(a: str, b: str) -> str | None:
    texts = [_text(a), _text(b)]
    return _compare(texts[0], texts[1], _Vocabulary(texts)).kind


@pytest.mark.parametrize(("a", "b"), [
    ("Was transferred to the Lyon office in 2021", "Got a transfer to the Lyon office in 2021"),  # verb / its noun
    ("Was treated for a torn ligament in 2020", "Received treatment for a torn ligament in 2020"),
    ("Omar arrived in Oslo in June 2022", "Omar's arrival in Oslo was in June 2022"),
    ("Depends heavily on her calendar app", "Heavy dependence on her calendar app"),  # adverb / adjective too
    ("Gets about eight hours of rest a night", "Rests about eight hours a night"),
    ("Kofi, his cousin, is a guitar player", "Cousin Kofi plays the guitar"),  # a doer noun after "is"
    ("The garage is cleaned every Saturday", "We clean the garage every Saturday"),  # passive / active
    ("Lifts weights twice a week", "Does weightlifting twice a week"),  # a compound written as one word
    ("Works out at the gym on Fridays", "Does a workout at the gym on Fridays"),
    ("Was diagnosed with gout in 2019", "Received a gout diagnosis in 2019"),  # the Greek -is of an act
])
def test_a_verb_and_its_noun_say_the_same(a: str, b: str) -> None:
    assert kind(a, b) == kind(b, a) == "paraphrase"


@pytest.mark.parametrize(("a", "b"), [
    ("Teaches yoga", "Has a yoga teacher"),  # a person one has is not what one does
    ("Coaches tennis for children", "Has a tennis coach for children"),
    ("Donated to the food bank", "Received a donation from the food bank"),  # another direction
    ("Was promoted to team lead", "Gets a promotion to team lead"),  # another tense
    ("Was not promoted in 2022", "Got a promotion in 2022"),  # a negation
    ("Showers before cooking dinner", "Cooks dinner before showering"),  # another order
    ("Lena hired Sam", "Sam's hiring was by Lena"),  # another doer
    ("Kenji teaches the user", "The user is Kenji's teacher"),
    ("Has a yoga teacher", "Is a yoga teacher"),  # what one has is not what one is
    ("Has a cold", "Is cold"),
    ("Has no yoga teacher", "Stopped teaching yoga"),  # a gerund is a doing too
    ("Loves painting", "Is a painter"),  # a doing under another verb is not the doer
    ("Her mother's visit was in March", "Visited her mother in March"),  # the doer now the one acted on
    ("Sam's call was on Friday", "Called Sam on Friday"),
])
def test_what_changes_the_statement_is_no_duplicate(a: str, b: str) -> None:
    assert kind(a, b) not in DUPLICATE_KINDS and kind(b, a) not in DUPLICATE_KINDS


def test_the_audit_compares_a_verb_and_its_noun_in_another_tense() -> None:
    """The blocks join a verb and its noun in any tense (concepts.concepts), so the pair is compared at all."""
    texts = ["Was diagnosed with gout in 2019", "Received a gout diagnosis in 2019", "Owns a red kayak",
             "Was treated for gout in 2018", "Plays the cello on Sundays"]
    memories = pd.DataFrame({"id": range(1, 6), "content": texts, "content_hash": [content_hash(t) for t in texts],
                             "category": ["health", "fact", "fact", "health", "fact"]})
    found = candidates(memories)
    assert found[(found["id_a"] == 1) & (found["id_b"] == 2)]["kind"].tolist() == ["paraphrase"]


def test_derived_forms_are_read_through_a_synonym_and_an_adverb() -> None:
    assert lexicon.derived("dependence", "depend")  # WordNet links "dependency" (its synonym) to "depend"
    assert lexicon.derived("heavily", "heavy")  # a pertainym
    assert not lexicon.derived("mole", "molar")
    assert lexicon.names_a_person("teacher") and not lexicon.names_a_person("heavy")


@pytest.mark.parametrize(("a", "b"), [
    ("Teaches yoga", "Wants to teach yoga"),  # another verb over the statement: wanting is not doing
    ("Paints landscapes", "Used to paint landscapes"),
    ("Is a yoga teacher", "Would like to be a yoga teacher"),  # the copula under another verb
    ("Is a baker", "Married a baker"),  # the person the copula describes, now acted on
    ("Lives in Leeds", "Hopes to live in Leeds"),
])
def test_a_verb_over_the_statement_is_no_subsumption(a: str, b: str) -> None:
    assert kind(a, b) not in DUPLICATE_KINDS and kind(b, a) not in DUPLICATE_KINDS


def test_two_statements_joined_by_and_still_subsume() -> None:
    assert kind("Lives in Leeds", "Moved to Leeds in 2019 and lives in Leeds") == "subsumed"


@pytest.mark.parametrize(("a", "b"), [
    ("Got engaged to Farid in June 2024", "The engagement to Farid happened in June 2024"),
    ("Was promoted in April", "The promotion occurred in April"),
])
def test_an_event_noun_that_happened_says_what_its_verb_says(a: str, b: str) -> None:
    assert kind(a, b) == "paraphrase"
