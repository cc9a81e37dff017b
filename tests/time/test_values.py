"""Calendar arithmetic and the time vocabulary, without the parser."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventcoder.datafiles import DATA_DIR, DataError
from eventcoder.time import Parts, TimeValue, TimeWords, event_date, resolve

FRIDAY = date(2023, 7, 28)


@pytest.mark.parametrize(
    ("parts", "orientation", "value"),
    [
        (Parts("weekday", weekday=3), "past", "2023-07-27"),
        (Parts("weekday", weekday=4), "past", "2023-07-28"),  # same weekday: the day itself
        (Parts("weekday", weekday=4), None, "2023-07-28"),
        (Parts("weekday", weekday=6), "future", "2023-07-30"),
        (Parts("weekday", weekday=4), "future", "2023-07-28"),
        (Parts("weekday", weekday=4, shift=-1, lean="past"), None, "2023-07-21"),  # last Friday
        (Parts("weekday", weekday=4, shift=1, lean="future"), None, "2023-08-04"),  # next Friday
        (Parts("weekday", weekday=6), None, "2023-07-23"),  # no tense: the past
        (Parts("day", offset=-1), None, "2023-07-27"),
        (Parts("day", shift=-1, night=True), None, "2023-07-27"),  # last night
        (Parts("date", month=7, day=27), None, "2023-07-27"),
        (Parts("date", month=1, day=5), None, "2024-01-05"),  # nearest: next January
        (Parts("date", month=1, day=5), "past", "2023-01-05"),
        (Parts("date", month=2, day=29, year=2023), None, None),  # not a date
        (Parts("month", month=3), "past", "2023-03"),
        (Parts("month", month=3), "future", "2024-03"),
        (Parts("month", month=5, shift=-1, lean="past"), None, "2023-05"),  # last May
        (Parts("unit", unit="week", shift=-1), None, "2023-W29"),
        (Parts("unit", unit="month", shift=0), None, "2023-07"),
        (Parts("unit", unit="year", shift=1), None, "2024"),
        (Parts("unit", unit="quarter", shift=-1), None, "2023-Q2"),
        (Parts("ago", unit="day", count=3), None, "2023-07-25"),
        (Parts("ago", unit="year", count=5), None, "2018"),
        (Parts("quarter", unit="quarter", ordinal=3), None, "2023-Q3"),
        (Parts("quarter", unit="quarter", ordinal=4), "past", "2022-Q4"),
        (Parts("season", season="SU", shift=-1), None, "2022-SU"),
        (Parts("decade", decade=199), None, "199"),
    ],
)
def test_resolve(parts: Parts, orientation: str | None, value: str | None) -> None:
    found = resolve(parts, FRIDAY, orientation)  # type: ignore[arg-type]
    assert (found.value if found else None) == value


def test_back_references_count_from_the_story_date() -> None:
    wednesday = TimeValue("2023-07-26", "day", "relative")
    assert resolve(Parts("anaphor", unit="day", count=1, shift=1), FRIDAY, None, wednesday) == (
        TimeValue("2023-07-27", "day", "relative")
    )
    quarter = TimeValue("1989-Q3", "quarter", "explicit")
    found = resolve(Parts("anaphor", unit="year", count=1, shift=-1), FRIDAY, None, quarter)
    assert found is not None and found.value == "1988-Q3"
    found = resolve(Parts("anaphor", weekday=4, shift=-1), FRIDAY, None, wednesday)
    assert found is not None and found.value == "2023-07-21"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (TimeValue("2023-07-27", "day", "relative"), ("2023-07-27", "day")),
        (TimeValue("2023-07", "month", "relative"), ("2023-07", "month")),
        (TimeValue("2023-W31", "week", "relative"), ("2023-08", "month")),  # Jul 31 - Aug 6
        (TimeValue("2023-W30", "week", "relative"), ("2023-07", "month")),
        (TimeValue("2023-Q3", "quarter", "relative"), ("2023", "year")),
        (TimeValue("PRESENT_REF", "ref", "relative"), ("2023-07-28", "day")),
        (TimeValue("PAST_REF", "ref", "relative"), None),
        (TimeValue("199", "decade", "explicit"), None),
    ],
)
def test_event_date(value: TimeValue, expected: tuple[str, str] | None) -> None:
    assert event_date(value, FRIDAY) == expected


def test_no_publication_date_resolves_only_absolute_dates() -> None:
    assert resolve(Parts("weekday", weekday=3), None, "past") is None
    found = resolve(Parts("date", year=2023, month=7, day=27), None, None)
    assert found is not None and found.value == "2023-07-27"


def test_time_words_load() -> None:
    words = TimeWords.load()
    assert words.int_of("month", "sept") == 9 and words.int_of("weekday", "thursday") == 3
    assert words.has("since", "since") and words.has("future_aux", "will")
    assert "jan" in words.dotted


def test_malformed_time_words_name_file_and_line(tmp_path: Path) -> None:
    source = (DATA_DIR / "time_words.tsv").read_text(encoding="utf-8")
    (tmp_path / "time_words.tsv").write_text(source + "month\tsmarch\t13\n", encoding="utf-8")
    line = source.count("\n") + 1
    with pytest.raises(DataError, match=rf"time_words.tsv:{line}: month value 13"):
        TimeWords.load(tmp_path)


@pytest.mark.parametrize(
    ("parts", "dct"),
    [
        (Parts("day", offset=-1), date(1, 1, 1)),  # "yesterday" said on 0001-01-01
        (Parts("day", offset=1), date(9999, 12, 31)),  # "tomorrow" said on 9999-12-31
        (Parts("weekday", weekday=4, shift=-1, lean="past"), date(1, 1, 1)),
        (Parts("unit", unit="week", shift=1), date(9999, 12, 31)),
        (Parts("ago", count=10**6, unit="day"), FRIDAY),
        (Parts("ago", count=500, unit="year"), FRIDAY),  # 1523: before 1800
        (Parts("unit", unit="year", shift=1), date(2200, 12, 31)),  # 2201: after 2200
        (Parts("season", season="WI", shift=1), date(9999, 12, 31)),
    ],
)
def test_relative_dates_out_of_range_are_no_date_not_an_error(parts: Parts, dct: date) -> None:
    assert resolve(parts, dct, None) is None


def test_explicit_old_dates_stay_and_last_winter_in_january_resolves() -> None:
    assert resolve(Parts("year", year=1648), FRIDAY, None) == TimeValue("1648", "year", "explicit")
    january = date(2016, 1, 20)
    assert resolve(Parts("season", season="WI", shift=-1), january, None) == TimeValue(
        "2014-WI", "season", "relative"
    )
    assert resolve(Parts("season", season="WI", shift=-1), date(2016, 2, 3), None) == TimeValue(
        "2014-WI", "season", "relative"
    )
    assert resolve(Parts("season", season="WI", shift=-1), date(2016, 3, 3), None) == TimeValue(
        "2015-WI", "season", "relative"
    )
