"""How often, in one spelling (dedup/recurrence.py): "on Mondays" / "every Monday", "twice" / "two times", "once a
week" / "one time a week"; one day and a bare plural stay what they are.  Invented examples."""

from __future__ import annotations

import pytest

from jarvis_memory.analysis.dedup.compare import _compare
from jarvis_memory.analysis.dedup.text import _text, _Vocabulary
from jarvis_memory.analysis.dedup.tuning import DUPLICATE_KINDS


def kind(a: str, b: str) -> str | None:
    texts = [_text(a), _text(b)]
    return _compare(texts[0], texts[1], _Vocabulary(texts)).kind


@pytest.mark.parametrize(("a", "b"), [
    ("Bakes bread on Sundays", "Bakes bread every Sunday"),
    ("Runs by the canal on Tuesday evenings", "Runs by the canal every Tuesday evening"),
    ("Visits her aunt at weekends", "Visits her aunt every weekend"),  # British "at"
    ("Works from home on week days", "Works from home every weekday"),  # the plural in two words
    ("Has flown to Lima twice", "Has flown to Lima two times"),
    ("Calls his brother once a month", "Calls his brother one time a month"),
    ("Plays chess on Thursday evennings", "Plays chess every Thursday evening"),  # a misspelt plural
])
def test_one_frequency_written_two_ways_is_near(a: str, b: str) -> None:
    assert kind(a, b) == "near"


@pytest.mark.parametrize(("a", "b"), [
    ("Bakes bread on Sunday", "Bakes bread every Sunday"),  # one Sunday
    ("Has flown to Lima twice", "Has flown to Lima three times"),
    ("Once lived in Lima", "Lived in Lima"),  # "once" as "formerly" is no number
])
def test_another_frequency_is_no_duplicate(a: str, b: str) -> None:
    assert kind(a, b) not in DUPLICATE_KINDS


def test_the_words_as_written_are_kept() -> None:
    t = _text("Swims on Saturday mornings")
    assert t.words[1:] == ("every", "saturday", "morning") and t.written[1:] == ("on", "Saturday", "mornings")
