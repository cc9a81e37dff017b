"""Finding temporal expressions in parsed sentences, and the tense of their clause."""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder import Coder
from eventcoder.time import find_expressions

FRIDAY = date(2023, 7, 28)


def found(coder: Coder, text: str) -> list[tuple[str, str | None]]:
    """(expression text, value) for every expression of the text."""
    doc = coder.nlp(text)
    expressions = find_expressions(list(doc), coder.time_coder.words, FRIDAY)
    return [(e.text, e.value.value if e.value else None) for e in expressions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The talks collapsed on Friday, July 21, 2023.",
            [("Friday, July 21, 2023", "2023-07-21")],
        ),
        ("Elections were held on 3 March 2021.", [("3 March 2021", "2021-03-03")]),
        ("The group fell apart in mid-1996.", [("mid-1996", "1996")]),
        ("The rebels were strongest in the mid-1990s.", [("the mid-1990s", "199")]),
        ("Prices rose in January this year.", [("January this year", "2023-01")]),
        ("The army took power late last year.", [("late last year", "2022")]),
        ("Police arrested him last night.", [("last night", "2023-07-27")]),
        ("Officials met over the weekend.", [("the weekend", "2023-W29-WE")]),
        ("Sales fell in the third quarter.", [("the third quarter", "2023-Q3")]),
        ("The junta has ruled since 2021.", [("2021", "2021")]),
        ("Ministers will meet next month.", [("next month", "2023-08")]),
        ("Tensions have risen in recent days.", [("recent days", "PAST_REF")]),
    ],
)
def test_expressions(coder: Coder, text: str, expected: list[tuple[str, str | None]]) -> None:
    assert found(coder, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The army sent 2000 soldiers to the border.",  # a count, not a year
        "Protesters may march to the palace.",  # the modal and the verb, not months
        "Jan Kowalski, the mayor, resigned.",  # a name, not January
        "The plane arrived three days later than planned.",  # a comparison
    ],
)
def test_not_dates(coder: Coder, text: str) -> None:
    assert found(coder, text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The minister visited Paris on Monday.", "2023-07-24"),
        ("The minister will visit Paris on Monday.", "2023-07-31"),
        ("The minister plans to visit Paris on Monday.", "2023-07-31"),
        ("The minister has been in Paris since Monday.", "2023-07-24"),
        ("The minister travels to Paris on Monday.", "2023-07-31"),  # a schedule
        ("The minister could visit Paris on Monday.", "2023-07-31"),
        ("The minister may have visited Paris on Monday.", "2023-07-24"),
    ],
)
def test_tense_places_the_weekday(coder: Coder, text: str, value: str) -> None:
    assert found(coder, text) == [("Monday", value)]


def test_back_reference_counts_from_the_last_date(coder: Coder) -> None:
    assert found(coder, "Troops left on March 3, 2023, and returned two days later.") == [
        ("March 3, 2023", "2023-03-03"),
        ("two days later", "2023-03-05"),
    ]
