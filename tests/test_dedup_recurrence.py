"""How often, in one spelling (dedup/recurrence.py): "on Mondays" / "every Monday", "twice" / "two times", "once a
week" / "one time a week", a rate in one word ("monthly" / "every month" / "once a month" / "£45 a month"); one day,
a bare plural and "a day" with no count before it stay what they are.  Invented examples."""

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
    ("Waters the ferns monthly", "Waters the ferns once a month"),
    ("Backs up the laptop weekly", "Backs up the laptop every week"),
    ("Pays the window cleaner fortnightly", "Pays the window cleaner every other week"),
    ("Renews the parking permit annually", "Renews the parking permit each year"),
    ("Spends £60 a week on groceries", "Spends £60 per week on groceries"),  # "a week" after a count
    ("Eats three pieces of fruit a day", "Eats three pieces of fruit daily"),
])
def test_one_frequency_written_two_ways_is_near(a: str, b: str) -> None:
    assert kind(a, b) == "near"


@pytest.mark.parametrize(("a", "b"), [
    ("Bakes bread on Sunday", "Bakes bread every Sunday"),  # one Sunday
    ("Has flown to Lima twice", "Has flown to Lima three times"),
    ("Once lived in Lima", "Lived in Lima"),  # "once" as "formerly" is no number
    ("Walks the dog once a day", "Walks the dog twice a day"),  # "daily" / "2 daily": a count added is another rate
    ("Walks the dog daily", "Walks the dog three times a day"),
    ("Visits the gym weekly", "Visits the gym monthly"),
    ("Waters the orchid every other Friday", "Waters the orchid every Friday"),  # "other" is every second one
])
def test_another_frequency_is_no_duplicate(a: str, b: str) -> None:
    assert kind(a, b) not in DUPLICATE_KINDS


def test_the_words_as_written_are_kept() -> None:
    t = _text("Swims on Saturday mornings")
    assert t.words[1:] == ("every", "saturday", "morning") and t.written[1:] == ("on", "Saturday", "mornings")


def test_a_rate_is_one_word_that_keeps_what_was_written() -> None:
    t = _text("Pays £45 a month, once a week or every other week")
    assert t.words[1:] == ("45", "pound", "monthly", "weekly", "or", "fortnightly")  # "£45": 45 pounds, as said
    assert t.written[3:] == ("a month", "a week", "or", "every other week")
    assert _text("Took a day off").words == ("took", "a", "day", "off")


def test_a_rate_before_its_noun_is_an_adjective_and_a_subsumed_detail() -> None:
    """"a monthly book club" is a club; "takes metformin twice a day" says more than "takes metformin"."""
    assert kind("Is a member of a book club that meets monthly", "Member of a monthly book club") == "subsumed"
    assert kind("Takes metformin", "Takes metformin twice a day with meals") == "subsumed"


def test_alternate_and_fortnightly_on_a_day_are_every_other_one() -> None:
    from jarvis_memory.analysis.dedup.compare import _compare
    from jarvis_memory.analysis.dedup.text import _text, _Vocabulary

    def kind(a: str, b: str) -> str | None:
        x, y = _text(a), _text(b)
        return _compare(x, y, _Vocabulary([x, y])).kind

    assert kind("Book club every other Tuesday", "Book club fortnightly on Tuesdays") in ("near", "paraphrase")
    assert kind("Sees her dad every other weekend", "Sees her dad on alternate weekends") in ("near", "paraphrase")
    assert kind("Book club fortnightly on Tuesdays", "Book club weekly on Tuesdays") == "variant"
    assert kind("Sees her dad on alternate weekends", "Sees her dad every weekend") not in ("near", "paraphrase")
