"""A time of day, one word however it is written (jarvis_memory.analysis.dedup.times)."""

from __future__ import annotations

import pytest

from jarvis_memory.analysis import dedup
from jarvis_memory.analysis.dedup import times
from jarvis_memory.analysis.dedup.compare import _compare
from jarvis_memory.analysis.dedup.text import _text, _Vocabulary


def verdict(a: str, b: str) -> tuple[str | None, str]:
    texts = [_text(a), _text(b)]
    v = _compare(texts[0], texts[1], _Vocabulary(texts))
    return v.kind, v.change


@pytest.mark.parametrize(("written", "read"), [
    ("at 3pm", "15:00"), ("at 3 pm", "15:00"), ("at 3:00 p.m.", "15:00"), ("at 3.00pm", "15:00"),
    ("at 15:00", "15:00"), ("at 15.00h", "15:00"), ("at 09:00", "9:00"), ("at 9:30am", "9:30"),
    ("at 12am", "0:00"), ("at 12 pm", "12:00"), ("at noon", "12:00"), ("at midnight", "0:00"),
    ("at 7:30", "7:30"),  # no am/pm: as written
    ("at 3", "3"), ("costs 15.00", "15.00"),  # a bare number, a price: no time
])
def test_every_spelling_of_a_time_is_one_word(written: str, read: str) -> None:
    assert _text(written).words[-1] == read


def test_same_time_joins_a_bare_hour_with_either_half_of_the_clock() -> None:
    assert times.same_time("9", "9:00") and times.same_time("7", "19:00") and times.same_time("8.15", "8:15")
    assert not times.same_time("9", "9:30") and not times.same_time("9", "10:00") and not times.same_time("13", "13:00")


def test_one_time_written_two_ways_is_one_memory_and_two_times_are_two() -> None:
    assert verdict("Picks up her son at 3pm", "Picks up her son at 15:00")[0] in dedup.DUPLICATE_KINDS
    assert verdict("Wakes at 9", "Wakes at 9am")[0] in dedup.DUPLICATE_KINDS
    assert verdict("Wakes at 9am", "Wakes at 10am") == ("variant", "value")
    assert verdict("Gym at 6 pm", "Gym at 6 am") == ("variant", "value")


@pytest.mark.parametrize(("written", "read"), [
    ("on 2026-05-03", ("3", "may", "2026")), ("on 3.5.2026", ("3", "may", "2026")),
    ("on 14/03/2026", ("14", "march", "2026")), ("on 03/14", ("14", "march")), ("on 14-03-26", ("14", "march", "2026")),
    ("on 03/04", ("3", "4")),  # day or month: either
    ("for 12-19 August", ("12", "19", "august")),  # a range
])
def test_a_date_in_numbers_is_read_as_its_words(written: str, read: tuple[str, ...]) -> None:
    assert _text(written).words[1:] == read


def test_one_date_written_two_ways_is_one_memory() -> None:
    assert verdict("Van MOT due on 14 March", "Van MOT due on 14/03")[0] in dedup.DUPLICATE_KINDS
    assert verdict("Wedding on 3 May 2026", "Wedding on 2026-05-03")[0] in dedup.DUPLICATE_KINDS
    assert verdict("Wedding on 14/03", "Wedding on 15/03") == ("variant", "value")
