"""Event dates: real sentences in, exact dates, bases and precisions out.

The story is dated Friday 2023-07-28 unless a test says otherwise.
"""

from __future__ import annotations

import pytest

from eventcoder import Coder
from eventcoder.records import Event

FRIDAY = "2023-07-28"


def dates(coder: Coder, text: str, date: str | None = FRIDAY) -> list[tuple[str, ...]]:
    """(trigger, date, basis, precision) of every event, in order."""
    events = coder.code(text, article_id="t", date=date).events
    return [_key(e) for e in events]


def _key(event: Event) -> tuple[str, ...]:
    return (event.trigger, str(event.date), event.date_basis, str(event.date_precision))


def date_of_word(coder: Coder, text: str, word: str, date: str = FRIDAY) -> tuple[str, ...]:
    """The date the time stage gives an event triggered by ``word`` (no event dictionary
    needed)."""
    doc = coder.nlp(text)
    time_coder = coder.time_coder
    article = time_coder.article_time(doc, date)
    by_sentence = time_coder.sentence_expressions(doc, article.dct)
    token = next(t for t in doc if t.text == word)
    spans, _ = time_coder.sentences(doc)
    index = next(i for i, (start, end) in enumerate(spans) if start <= token.i < end)
    found = time_coder.date_token(token, by_sentence[index], article)
    return str(found.date), found.basis, str(found.precision)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # weekdays against a Friday story: past tense -> on or before the publication date
        (
            "Supporters of the soldiers demonstrated in Niamey on Thursday.",
            ("demonstrated", "2023-07-27", "relative", "day"),
        ),
        (
            "Nigerien soldiers have detained President Mohamed Bazoum since Wednesday.",
            ("detained", "2023-07-26", "relative", "day"),
        ),
        # the publication weekday itself in the past tense is that day, not a week back
        (
            "Police arrested dozens of protesters in Nairobi on Friday.",
            ("arrested", "2023-07-28", "relative", "day"),
        ),
        (
            "Police arrested dozens of protesters in Nairobi yesterday.",
            ("arrested", "2023-07-27", "relative", "day"),
        ),
        (
            "Police arrested dozens of protesters in Nairobi today.",
            ("arrested", "2023-07-28", "relative", "day"),
        ),
        # explicit dates; a year-less date takes the year that puts it nearest the story
        (
            "Police arrested dozens of protesters in Nairobi on July 27, 2023.",
            ("arrested", "2023-07-27", "explicit", "day"),
        ),
        (
            "Police arrested dozens of protesters in Nairobi on 27 July.",
            ("arrested", "2023-07-27", "explicit", "day"),
        ),
        (
            "Police arrested dozens of protesters in Nairobi on 3 March.",
            ("arrested", "2023-03-03", "explicit", "day"),
        ),
        # coarser spans: weeks are written as the month that holds most of the week
        (
            "Police arrested dozens of protesters in Nairobi last week.",
            ("arrested", "2023-07", "relative", "month"),
        ),
        (
            "Police arrested dozens of protesters in Nairobi earlier this month.",
            ("arrested", "2023-07", "relative", "month"),
        ),
        (
            "Police arrested dozens of protesters in Nairobi in 2021.",
            ("arrested", "2021", "explicit", "year"),
        ),
        (
            "Police arrested dozens of protesters in Nairobi two days ago.",
            ("arrested", "2023-07-26", "relative", "day"),
        ),
        # no temporal expression: the publication date
        (
            "Police arrested dozens of protesters in Nairobi.",
            ("arrested", "2023-07-28", "publication", "day"),
        ),
    ],
)
def test_past_events(coder: Coder, sentence: str, expected: tuple[str, ...]) -> None:
    assert dates(coder, sentence)[0] == expected


def test_future_weekday_is_the_next_one(coder: Coder) -> None:
    found = dates(coder, "ECOWAS leaders will meet on Sunday.")
    assert found and all(d[1:] == ("2023-07-30", "relative", "day") for d in found), found


def test_future_on_the_publication_weekday_is_that_day(coder: Coder) -> None:
    found = dates(coder, "ECOWAS leaders will meet in Abuja on Friday.")
    assert found and all(d[1] == "2023-07-28" for d in found), found


def test_agreed_to_meet_looks_ahead(coder: Coder) -> None:
    assert date_of_word(coder, "The ministers agreed to meet on Monday.", "meet") == (
        "2023-07-31",
        "relative",
        "day",
    )


def test_the_issue_story_has_three_days(coder: Coder) -> None:
    """A Friday story: confinement since Wednesday, a demonstration on Thursday, a summit
    probably on Sunday."""
    text = (
        "President Mohamed Bazoum has been confined to his residence since Wednesday. "
        "Thousands of supporters of the soldiers demonstrated in Niamey on Thursday. "
        "ECOWAS leaders will hold a summit in Abuja, probably on Sunday."
    )
    assert date_of_word(coder, text, "confined") == ("2023-07-26", "relative", "day")
    assert date_of_word(coder, text, "demonstrated") == ("2023-07-27", "relative", "day")
    assert date_of_word(coder, text, "hold") == ("2023-07-30", "relative", "day")
    coded = {d[0]: d[1] for d in dates(coder, text)}
    assert coded.get("demonstrated") == "2023-07-27" and coded.get("hold") == "2023-07-30"


def test_year_less_date_crosses_the_new_year(coder: Coder) -> None:
    found = dates(coder, "Police arrested dozens of protesters on 28 December.", "2024-01-03")
    assert found[0][1:] == ("2023-12-28", "explicit", "day")


def test_last_week_across_a_month_end(coder: Coder) -> None:
    # Wednesday 2 August: last week is Monday 24 - Sunday 30 July -> July
    found = dates(coder, "Police arrested dozens of protesters last week.", "2023-08-02")
    assert found[0][1:] == ("2023-07", "relative", "month")


def test_each_event_takes_its_own_clause(coder: Coder) -> None:
    text = "Soldiers detained President Mohamed Bazoum on Wednesday and ECOWAS will meet on Sunday."
    found = {d[0]: d[1] for d in dates(coder, text)}
    assert found.get("detained") == "2023-07-26" and found.get("meet") == "2023-07-30", found


def test_a_date_of_another_noun_is_not_borrowed(coder: Coder) -> None:
    found = dates(coder, "France condemned Wednesday's coup in Niger.")
    assert ("condemned", "2023-07-28", "publication", "day") in found, found


def test_the_next_day_counts_from_the_story(coder: Coder) -> None:
    text = (
        "Soldiers detained President Mohamed Bazoum on Wednesday. "
        "The next day, ECOWAS condemned the coup."
    )
    found = {d[0]: d[1] for d in dates(coder, text)}
    assert found == {"detained": "2023-07-26", "condemned": "2023-07-27"}, found


def test_dateline_date_dates_the_story(coder: Coder) -> None:
    found = dates(coder, "NIAMEY, July 27 (AFP) - Police arrested dozens of protesters in Niamey.")
    assert found[0][1:] == ("2023-07-27", "explicit", "day")


def test_caption_date_counts_for_its_own_sentence(coder: Coder) -> None:
    text = (
        "Nigerien protesters demonstrate in Niamey on July 30, 2023. (Photo by AFP)\n"
        "ECOWAS condemned the coup."
    )
    found = {d[0]: d[1:] for d in dates(coder, text, "2023-07-31")}
    assert found["demonstrate"] == ("2023-07-30", "explicit", "day")
    assert found["condemned"] == ("2023-07-31", "publication", "day")


def test_undated_article_has_no_date(coder: Coder) -> None:
    found = dates(coder, "Police arrested dozens of protesters in Nairobi.", None)
    assert found[0][1:] == ("None", "none", "None")


def test_undated_article_keeps_explicit_dates(coder: Coder) -> None:
    found = dates(coder, "Police arrested dozens of protesters on July 27, 2023.", None)
    assert found[0][1:] == ("2023-07-27", "explicit", "day")


def test_date_precision_is_in_the_contract_json(coder: Coder) -> None:
    result = coder.code("Police arrested protesters last week.", article_id="a", date=FRIDAY)
    event = result.to_dict()["events"][0]
    assert event["date"] == "2023-07" and event["date_basis"] == "relative"
    assert event["date_precision"] == "month"


def test_sentence_boundaries_match_spacy(coder: Coder) -> None:
    text = (
        "NIAMEY, July 28 (AFP) - Soldiers detained the president. Crowds gathered.\n"
        "ECOWAS will meet on Sunday. Nothing else happened."
    )
    doc = coder.nlp(text)
    spans, candidates = coder.time_coder.sentences(doc)
    assert spans == [(s.start, s.end) for s in doc.sents]
    assert candidates == ["July" in s.text or "Sunday" in s.text for s in doc.sents]
