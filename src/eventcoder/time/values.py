"""Calendar arithmetic: what a parsed temporal expression means, given the publication date.

Pure functions over ``datetime.date``; no spaCy here. Values follow TimeML's TIMEX3 ``value``
notation (``2023-07-27``, ``2023-07``, ``2023``, ``2023-W30``, ``2023-W30-WE``, ``2023-Q3``,
``2023-H1``, ``2023-SU``, ``199`` for the 1990s, ``PRESENT_REF``), so they can be scored
against TimeBank; :func:`event_date` turns them into the contract's ``date`` strings.

Orientation is where the governing clause places the expression relative to the publication
date (DCT): ``past`` (past tense, "since"), ``future`` ("will", "plans to", "next"), or None
when the clause does not say (present tense, no verb). How each kind is resolved is
documented in docs/dates.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from eventcoder.records import EARLIEST_DATE, LATEST_DATE, DatePrecision

Orientation = Literal["past", "future"] | None
Precision = Literal[
    "day", "week", "weekend", "month", "quarter", "half", "season", "year", "decade", "ref"
]
Basis = Literal["explicit", "relative"]
EventPrecision = DatePrecision

# How far a year-less calendar date may fall on the "wrong" side of the publication date
# before the tense wins: "was arrested on July 29" in a story dated July 28 is July 29 of the
# same year (a late timestamp), not a year earlier.
SLACK = timedelta(days=7)
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# Values that become the story's date for later back-references.
REFERENCE_PRECISIONS = frozenset({"day", "week", "month", "quarter", "half", "season", "year"})


@dataclass(frozen=True, slots=True)
class Parts:
    """What the finder read in an expression; which fields are set depends on ``kind``."""

    kind: str  # date, month, year, decade, weekday, day, unit, ago, quarter, season, ref
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    shift: int | None = None  # last -1, this 0, next +1
    year_shift: int | None = None  # "June last year": -1
    unit: str | None = None
    count: int | None = None
    offset: int | None = None  # days, for yesterday/today/tomorrow
    ordinal: int | None = None
    season: str | None = None
    ref: str | None = None
    decade: int | None = None  # first three digits: 199 for the 1990s
    night: bool = False  # "last night": the previous day
    lean: Orientation = None  # the expression's own direction: "ago", "last", "next"


@dataclass(frozen=True, slots=True)
class TimeValue:
    value: str
    precision: Precision
    basis: Basis


def parse_dct(text: str | None) -> date | None:
    """The publication date from ``YYYY-MM-DD`` (a time part, as in TimeML, is ignored)."""
    if not text or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def resolve(
    parts: Parts,
    dct: date | None,
    orientation: Orientation,
    reference: TimeValue | None = None,
) -> TimeValue | None:
    """The value of an expression, or None when it cannot be placed on the calendar.

    ``reference`` is the story's last date, for back-references ("the next day", "a year
    earlier", "the previous Friday"); without one they count from the publication date.
    A relative value that falls outside the calendar eventcoder dates within
    (``records.EARLIEST_DATE`` to ``LATEST_DATE``), or past what ``datetime`` can count
    ("yesterday" said on 0001-01-01), is None: no date rather than an error.
    """
    try:
        value = _resolve(parts, dct, orientation, reference)
    except (OverflowError, ValueError):
        return None
    if value is not None and value.basis == "relative" and not in_calendar(value):
        return None
    return value


def in_calendar(value: TimeValue) -> bool:
    """Whether a value's year lies within ``EARLIEST_DATE``..``LATEST_DATE`` (values that are
    not on the calendar, such as PRESENT_REF, always do)."""
    if value.precision == "ref":
        return True
    digits = 3 if value.precision == "decade" else 4
    head = value.value[:digits]
    if len(head) != digits or not head.isdigit():
        return False
    if value.precision == "decade":
        first, last = int(head) * 10, int(head) * 10 + 9
    else:
        first = last = int(head)
    return last >= EARLIEST_DATE.year and first <= LATEST_DATE.year


def _resolve(
    parts: Parts,
    dct: date | None,
    orientation: Orientation,
    reference: TimeValue | None,
) -> TimeValue | None:
    orientation = parts.lean or orientation
    kind = parts.kind
    if kind == "anaphor":
        if reference is None and dct is not None:
            reference = TimeValue(dct.isoformat(), "day", "relative")
        return _anaphor(parts, reference) if reference is not None else None
    if kind == "date":
        return _calendar_date(parts, dct, orientation)
    if kind == "month":
        return _month(parts, dct, orientation)
    if kind == "year":
        return TimeValue(f"{parts.year:04d}", "year", "explicit") if parts.year else None
    if kind == "decade":
        return TimeValue(f"{parts.decade:03d}", "decade", "explicit") if parts.decade else None
    if kind == "ref":
        return TimeValue(parts.ref, "ref", "relative") if parts.ref else None
    if dct is None:
        return None
    if kind == "weekday":
        return _weekday(parts, dct, orientation)
    if kind == "day":
        return _named_day(parts, dct)
    if kind == "unit":
        return _shifted_unit(parts, dct, orientation)
    if kind == "ago":
        return _ago(parts, dct)
    if kind == "quarter":
        return _quarter(parts, dct, orientation)
    if kind == "season":
        return _season(parts, dct)
    return None


# -- calendar dates ----------------------------------------------------------------------------
def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _calendar_date(parts: Parts, dct: date | None, orientation: Orientation) -> TimeValue | None:
    if parts.month is None or parts.day is None:
        return None
    if parts.year is not None:
        found = _safe_date(parts.year, parts.month, parts.day)
        return TimeValue(found.isoformat(), "day", "explicit") if found else None
    if dct is None:
        return None
    candidates = [
        d
        for y in (dct.year - 1, dct.year, dct.year + 1)
        if (d := _safe_date(y, parts.month, parts.day)) is not None
    ]
    if not candidates:
        return None
    if orientation == "past":
        chosen = max(d for d in candidates if d <= dct + SLACK)
    elif orientation == "future":
        chosen = min(d for d in candidates if d >= dct - SLACK)
    else:
        chosen = min(candidates, key=lambda d: (abs((d - dct).days), d > dct))
    return TimeValue(chosen.isoformat(), "day", "explicit")


def _month(parts: Parts, dct: date | None, orientation: Orientation) -> TimeValue | None:
    month = parts.month
    if month is None:
        return None
    if parts.year is not None:
        return TimeValue(f"{parts.year:04d}-{month:02d}", "month", "explicit")
    if dct is None:
        return None
    if parts.year_shift is not None:
        return TimeValue(f"{dct.year + parts.year_shift:04d}-{month:02d}", "month", "relative")
    here = dct.year * 12 + dct.month - 1
    candidates = [y * 12 + month - 1 for y in (dct.year - 1, dct.year, dct.year + 1)]
    basis: Basis = "explicit"
    if parts.shift is not None:
        basis = "relative"
        if parts.shift < 0:
            chosen = max(c for c in candidates if c < here)
        elif parts.shift > 0:
            chosen = min(c for c in candidates if c > here)
        else:
            chosen = dct.year * 12 + month - 1
    elif orientation == "past":
        chosen = max(c for c in candidates if c <= here)
    elif orientation == "future":
        chosen = min(c for c in candidates if c >= here)
    else:
        chosen = min(candidates, key=lambda c: (abs(c - here), c > here))
    return TimeValue(f"{chosen // 12:04d}-{chosen % 12 + 1:02d}", "month", basis)


# -- days relative to the publication date ------------------------------------------------------
def _weekday(parts: Parts, dct: date, orientation: Orientation) -> TimeValue | None:
    if parts.weekday is None:
        return None
    back = (dct.weekday() - parts.weekday) % 7  # days back to the latest such day <= DCT
    ahead = (parts.weekday - dct.weekday()) % 7  # days on to the next such day >= DCT
    if parts.shift is not None and parts.shift < 0:
        found = dct - timedelta(days=back or 7)  # "last Friday": before the DCT
    elif parts.shift is not None and parts.shift > 0:
        found = dct + timedelta(days=ahead or 7)  # "next Friday": after the DCT
    elif orientation == "future" or (parts.shift == 0 and orientation != "past"):
        found = dct + timedelta(days=ahead)  # "will meet on Sunday", "this Sunday"
    else:
        found = dct - timedelta(days=back)  # "met on Thursday", "since Wednesday"; the default
    return TimeValue(found.isoformat(), "day", "relative")


def _named_day(parts: Parts, dct: date) -> TimeValue | None:
    offset = parts.offset
    if offset is None:
        if parts.shift is None:
            return None
        if parts.shift < 0 and not parts.night:
            return None  # "last morning" is not a way to say yesterday
        offset = -1 if parts.shift < 0 else 0  # "last night"; "this morning"
    return TimeValue((dct + timedelta(days=offset)).isoformat(), "day", "relative")


def _iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _shifted_unit(parts: Parts, dct: date, orientation: Orientation) -> TimeValue | None:
    unit = parts.unit
    if unit == "weekend" and parts.shift is None:
        # "over the weekend": the latest one (the next one in a future clause)
        saturday = dct - timedelta(days=(dct.weekday() - 5) % 7)
        if orientation == "future" and saturday < dct - timedelta(days=1):
            saturday += timedelta(weeks=1)
        return TimeValue(_iso_week(saturday) + "-WE", "weekend", "relative")
    shift = parts.shift if parts.shift is not None else 0
    if unit == "week":
        return TimeValue(_iso_week(dct + timedelta(weeks=shift)), "week", "relative")
    if unit == "weekend":
        return TimeValue(_iso_week(dct + timedelta(weeks=shift)) + "-WE", "weekend", "relative")
    if unit == "month":
        index = dct.year * 12 + dct.month - 1 + shift
        return TimeValue(f"{index // 12:04d}-{index % 12 + 1:02d}", "month", "relative")
    if unit == "quarter":
        index = dct.year * 4 + (dct.month - 1) // 3 + shift
        return TimeValue(f"{index // 4:04d}-Q{index % 4 + 1}", "quarter", "relative")
    if unit == "half":
        index = dct.year * 2 + (dct.month - 1) // 6 + shift
        return TimeValue(f"{index // 2:04d}-H{index % 2 + 1}", "half", "relative")
    if unit == "year":
        return TimeValue(f"{dct.year + shift:04d}", "year", "relative")
    if unit == "decade":
        return TimeValue(f"{dct.year // 10 + shift:03d}", "decade", "relative")
    return None  # "next day", "last fortnight": anchored on the story, not the DCT


def _ago(parts: Parts, dct: date) -> TimeValue | None:
    count, unit = parts.count, parts.unit
    if count is None or unit is None:
        return None
    if unit == "day":
        return TimeValue((dct - timedelta(days=count)).isoformat(), "day", "relative")
    if unit in ("week", "fortnight"):
        days = count * (7 if unit == "week" else 14)
        return TimeValue((dct - timedelta(days=days)).isoformat(), "day", "relative")
    if unit == "month":
        index = dct.year * 12 + dct.month - 1 - count
        return TimeValue(f"{index // 12:04d}-{index % 12 + 1:02d}", "month", "relative")
    if unit == "year":
        return TimeValue(f"{dct.year - count:04d}", "year", "relative")
    if unit == "decade":
        return TimeValue(f"{dct.year // 10 - count:03d}", "decade", "relative")
    return None


def _quarter(parts: Parts, dct: date, orientation: Orientation) -> TimeValue | None:
    number, unit = parts.ordinal, parts.unit
    if number is None or unit not in ("quarter", "half"):
        return None
    size = 3 if unit == "quarter" else 6
    if number > 12 // size:
        return None
    letter = "Q" if unit == "quarter" else "H"
    precision: Precision = "quarter" if unit == "quarter" else "half"
    if parts.year is not None:
        return TimeValue(f"{parts.year:04d}-{letter}{number}", precision, "explicit")
    year = dct.year + (parts.shift or 0)
    if parts.shift is None and orientation == "past" and (number - 1) * size + 1 > dct.month:
        year -= 1  # "the fourth quarter" said of the past in October: last year's
    # Reports look back and forward at the current year's quarters ("expects to report
    # earnings for the third quarter" in October): no move forward.
    return TimeValue(f"{year:04d}-{letter}{number}", precision, "relative")


def _season(parts: Parts, dct: date) -> TimeValue | None:
    season = parts.season
    if season is None:
        return None
    if parts.year is not None:
        return TimeValue(f"{parts.year:04d}-{season}", "season", "explicit")
    shift = parts.shift or 0
    start = SEASON_START[season]
    here = dct.year * 12 + dct.month - 1
    current = here - (dct.month % 3)  # the start month index of the DCT's own season
    # Two years back: "last winter" said in January is the winter that began 13 months ago.
    starts = [y * 12 + start - 1 for y in range(dct.year - 2, dct.year + 2)]
    if shift < 0:
        chosen = max(s for s in starts if s < current)
    elif shift > 0:
        chosen = min(s for s in starts if s > current)
    else:
        chosen = min(starts, key=lambda s: abs(s - current))
    return TimeValue(f"{chosen // 12:04d}-{season}", "season", "relative")


# -- back-references ----------------------------------------------------------------------------
def _anaphor(parts: Parts, reference: TimeValue) -> TimeValue | None:
    """ "the previous Friday", "the following day", "two days later", "a year earlier", "that
    year" against the story's last date. The result is never finer than the reference: a day
    needs a day, a month a day or a month; a year keeps a reference's quarter or month."""
    direction = parts.shift if parts.shift is not None else 0
    ref_day = parse_dct(reference.value) if reference.precision == "day" else None
    if reference.precision == "week":
        ref_day = _week_monday(reference.value)
    if parts.weekday is not None:
        if ref_day is None or reference.precision != "day":
            return None
        back = (ref_day.weekday() - parts.weekday) % 7
        ahead = (parts.weekday - ref_day.weekday()) % 7
        if direction < 0:
            found = ref_day - timedelta(days=back or 7)
        elif direction > 0:
            found = ref_day + timedelta(days=ahead or 7)
        else:
            found = ref_day - timedelta(days=back)
        return TimeValue(found.isoformat(), "day", "relative")
    unit, count = parts.unit, parts.count if parts.count is not None else 1
    step = direction * count
    if unit in ("day", "week", "fortnight"):
        if ref_day is None or reference.precision != "day":
            return None
        days = step * {"day": 1, "week": 7, "fortnight": 14}[unit]
        return TimeValue((ref_day + timedelta(days=days)).isoformat(), "day", "relative")
    year, month = _year_month(reference)
    if year is None:
        return None
    if unit == "month":
        if month is None or reference.precision not in ("day", "month"):
            return None
        index = year * 12 + month - 1 + step
        return TimeValue(f"{index // 12:04d}-{index % 12 + 1:02d}", "month", "relative")
    if unit == "year":
        shifted = year + step
        if reference.precision in ("quarter", "half", "season", "month"):
            return TimeValue(f"{shifted:04d}{reference.value[4:]}", reference.precision, "relative")
        return TimeValue(f"{shifted:04d}", "year", "relative")
    if unit == "quarter":
        if month is None:
            return None
        index = year * 4 + (month - 1) // 3 + step
        return TimeValue(f"{index // 4:04d}-Q{index % 4 + 1}", "quarter", "relative")
    return None


def _week_monday(value: str) -> date | None:
    try:
        return date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
    except ValueError:
        return None


def _year_month(value: TimeValue) -> tuple[int | None, int | None]:
    """Year and (first) month of a reference value."""
    text = value.value
    if not text[:4].isdigit():
        return None, None
    year = int(text[:4])
    precision = value.precision
    if precision in ("day", "month"):
        return year, int(text[5:7])
    if precision == "week":
        monday = _week_monday(text)
        return (monday.year, monday.month) if monday else (year, None)
    if precision == "quarter":
        return year, (int(text[6]) - 1) * 3 + 1
    if precision == "half":
        return year, (int(text[6]) - 1) * 6 + 1
    if precision == "season":
        return year, SEASON_START.get(text[5:7])
    return year, None


# -- from a value to the event record ---------------------------------------------------------
def event_date(value: TimeValue, dct: date | None) -> tuple[str, EventPrecision] | None:
    """The contract's ``date`` string and its precision, or None for values too vague to
    date an event (decades, "recently", "soon").

    Weeks and weekends become the month that holds most of them (the ISO week's Thursday, the
    weekend's Saturday); quarters, halves and seasons become their year.
    """
    text, precision = value.value, value.precision
    if precision == "day":
        return text, "day"
    if precision == "month":
        return text, "month"
    if precision in ("week", "weekend"):
        year, week = int(text[:4]), int(text[6:8])
        middle = date.fromisocalendar(year, week, 4 if precision == "week" else 6)
        return f"{middle.year:04d}-{middle.month:02d}", "month"
    if precision in ("quarter", "half", "season", "year"):
        return text[:4], "year"
    if precision == "ref" and text == "PRESENT_REF" and dct is not None:
        return dct.isoformat(), "day"
    return None
