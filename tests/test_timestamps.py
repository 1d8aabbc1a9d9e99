from datetime import datetime, timedelta, timezone

import pytest

from jarvis_memory import ValidationError, timestamps


def test_iso_is_javascripts_toisostring():
    moment = datetime(2026, 2, 2, 9, 30, 0, 999999, tzinfo=timezone.utc)
    assert timestamps.iso(moment) == "2026-02-02T09:30:00.999Z"  # truncated, like JS
    plus_two = datetime(2026, 2, 2, 11, 30, tzinfo=timezone(timedelta(hours=2)))
    assert timestamps.iso(plus_two) == "2026-02-02T09:30:00.000Z"
    assert timestamps.is_iso(timestamps.now())


def test_naive_datetime_is_refused():
    with pytest.raises(ValidationError):
        timestamps.iso(datetime(2026, 1, 1))


@pytest.mark.parametrize("bad", ["yesterday", "2026-13-01", "", 42, None])
def test_parse_rejects_non_dates(bad):
    with pytest.raises(ValidationError):
        timestamps.parse(bad)


def test_parse_takes_dates_as_utc():
    assert timestamps.iso(timestamps.parse("2026-02-02")) == "2026-02-02T00:00:00.000Z"


@pytest.mark.parametrize(
    "text", ["2026-02-02 09:30:00", "2026-02-02T09:30:00Z", "1767225600000", 5, "2026-02-30T09:30:00.000Z",
             "2026-02-02T25:61:00.000Z"],
)
def test_is_iso_is_strict(text):
    assert not timestamps.is_iso(text)
