"""The memory's owner in the dedup audit: called by her own names ($JARVIS_MEMORY_OWNER), her things said with "the"
as with her possessive; and who does what, and in which order: an infinitive given another doer, steps joined by
"then" in another order (issue 21, round 16; invented examples)."""

from __future__ import annotations

import pandas as pd
import pytest

from jarvis_memory.analysis import dedup
from jarvis_memory.analysis.dedup import lexicon, owner
from jarvis_memory.errors import ConfigError
from jarvis_memory.store.hashing import content_hash

needs_wordnet = pytest.mark.skipif(lexicon.wordnet() is None, reason="Debian's wordnet-base is not installed")
UNRELATED = ["Drinks oat milk in coffee", "Works from home on Fridays", "Daughter plays the cello",
             "Walks to the office when it is sunny", "Keeps a vegetable patch"]


def found(texts: list[str]) -> dict[tuple[str, str], str]:
    """The audit's kind for each flagged pair, by the pair's texts."""
    frame = pd.DataFrame({"id": range(1, len(texts) + 1), "content": texts,
                          "content_hash": [content_hash(t) for t in texts], "category": "fact",
                          "created_at": pd.Timestamp("2026-08-01", tz="UTC")})
    pairs = dedup.candidates(frame)
    return {(texts[a - 1], texts[b - 1]): k for a, b, k in pairs[["id_a", "id_b", "kind"]].itertuples(index=False)}


@needs_wordnet
def test_the_owners_names_are_read_as_the_user(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["Marisol is vegetarian", "I'm a vegetarian", "Tomas is vegetarian", "Marisol's sister lives in Porto",
             "Her sister lives in Porto", *UNRELATED]
    monkeypatch.delenv(owner.VARIABLE, raising=False)
    assert found(texts).get(("Marisol is vegetarian", "I'm a vegetarian")) not in dedup.DUPLICATE_KINDS
    monkeypatch.setenv(owner.VARIABLE, "Marisol Vega, Marisol")
    kinds = found(texts)
    assert kinds[("Marisol is vegetarian", "I'm a vegetarian")] in dedup.DUPLICATE_KINDS
    assert kinds[("Marisol's sister lives in Porto", "Her sister lives in Porto")] in dedup.DUPLICATE_KINDS
    assert kinds.get(("I'm a vegetarian", "Tomas is vegetarian")) not in dedup.DUPLICATE_KINDS  # someone else
    assert kinds.get(("Marisol is vegetarian", "Tomas is vegetarian")) not in dedup.DUPLICATE_KINDS
    negated = found(["Marisol is vegetarian", "Marisol is not vegetarian", *UNRELATED])  # a conflict to review
    assert negated[("Marisol is vegetarian", "Marisol is not vegetarian")] == "variant"


@needs_wordnet
def test_the_texts_shown_stay_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(owner.VARIABLE, "Marisol")
    texts = ["Marisol moved to Lisbon in 2019", "Marisol moved to Porto in 2019", *UNRELATED]
    frame = pd.DataFrame({"id": range(1, len(texts) + 1), "content": texts,
                          "content_hash": [content_hash(t) for t in texts], "category": "fact",
                          "created_at": pd.Timestamp("2026-08-01", tz="UTC")})
    queue = dedup.review_queue(frame)
    assert queue["statement"].tolist() == ["Marisol moved to Porto in 2019"]


def test_names_are_read_from_the_variable_longest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(owner.VARIABLE, " Bia,  Beatriz Costa ,Beatriz,, ")
    assert owner.names() == ("Beatriz Costa", "Beatriz", "Bia")
    assert owner.as_user(["Beatriz Costa's bike", "BIA rides", "Biathlon"], owner.names()) == [
        "the user's bike", "the user rides", "Biathlon"]
    assert owner.names("O'Neill, Anne-Marie") == ("Anne-Marie", "O'Neill")
    monkeypatch.delenv(owner.VARIABLE)
    assert owner.names() == ()
    for word in ("I", "she", "the user"):  # read as the owner, or someone else, already
        with pytest.raises(ConfigError, match="which is no name"):
            owner.names(f"Marisol, {word}")


def test_an_entry_that_is_no_name_is_refused_with_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(owner.VARIABLE, "Bia <3")
    with pytest.raises(ConfigError, match="JARVIS_MEMORY_OWNER holds 'Bia <3', which is no name"):
        dedup.candidates(pd.DataFrame({"id": [1], "content": ["Rides to work"], "content_hash": [None],
                                       "category": "fact"}))


@needs_wordnet
@pytest.mark.parametrize(("a", "b", "duplicate"), [
    ("She uses a bike computer on her road bike", "She uses a bike computer on the road bike", True),
    ("Sold her car in May", "Sold the car in May", True),
    ("He walks his dog before work", "He walks the dog before work", True),
    ("Tomas fixed her bike", "Tomas fixed the bike", False),           # "her" may be the owner's or not Tomas's
    ("Drives her mother to work", "Drives the mother to work", False),  # a person: whose mother matters
    ("Broke her arm", "Broke the arm of the sofa", False),              # another's arm
    ("She walks his dog", "She walks the dog", False),                 # "his" is not hers
    ("Walks her dog every morning", "Walks dogs every morning", False),  # a dog of her own, or dogs as a job
    ("Grooms her horse before lessons", "Grooms horses before lessons", False),
])
def test_the_owners_thing_said_with_the(a: str, b: str, duplicate: bool) -> None:
    assert (found([a, b, *UNRELATED]).get((a, b)) in dedup.DUPLICATE_KINDS) is duplicate


@needs_wordnet
@pytest.mark.parametrize(("a", "b", "duplicate"), [
    ("User wants to be called Nuonuo", "User wants the assistant to be called Nuonuo", False),
    ("Asked to move the meeting", "Asked Tomas to move the meeting", False),
    ("Wants to learn the piano", "Wants to learn the piano in 2027", True),
    ("Wants to go to Japan", "Wants to go to Japan with Tomas to see Kyoto", True),
    ("Is happy to host Christmas", "Is happy for her sister to host Christmas", False),  # "for" + its doer
    ("Decided to quit smoking", "Decided in March to quit smoking", True),  # a time, no doer
    ("Moved to Porto in 2020", "Moved with her kids to Porto in 2020", True),  # "to" a preposition
])
def test_a_doer_given_to_an_infinitive_is_no_subsumption(a: str, b: str, duplicate: bool) -> None:
    assert (found([a, b, *UNRELATED]).get((a, b)) in dedup.DUPLICATE_KINDS) is duplicate


@needs_wordnet
@pytest.mark.parametrize(("a", "b"), [
    ("Rings the client, then texts the quote", "Texts the quote, then rings the client"),
    ("Rings the client and then texts the quote", "Texts the quote and then rings the client"),
])
def test_two_steps_then_in_the_other_order_are_no_duplicate(a: str, b: str) -> None:
    assert found([a, b, *UNRELATED]).get((a, b)) not in dedup.DUPLICATE_KINDS
    assert found(["Got married and then had a baby", "Got married, then had a baby", *UNRELATED])[
        ("Got married and then had a baby", "Got married, then had a baby")] in dedup.DUPLICATE_KINDS
