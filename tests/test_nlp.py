"""The parse: lexicon names as entities, and text written all in lower case or capitals."""

from __future__ import annotations

import pytest

from eventcoder import Coder
from eventcoder.nlp import truecase

STORY = (
    "NIAMEY, July 27 (Wire) - Soldiers of Niger's presidential guard detained President "
    "Mohamed Bazoum on Wednesday. ECOWAS called on the soldiers to release President Bazoum."
)


def codes(coder: Coder, text: str) -> list[tuple[str, str | None, str | None]]:
    events = coder.code(text, date="2023-07-27").events
    return [(e.cameo, e.source and e.source.code, e.target and e.target.code) for e in events]


@pytest.mark.parametrize("transform", [str.lower, str.upper])
def test_uniform_case_text_codes_like_the_original(coder: Coder, transform: object) -> None:
    assert callable(transform)
    assert codes(coder, transform(STORY)) == codes(coder, STORY)


def test_truecase_restores_names_datelines_and_sentence_starts(coder: Coder) -> None:
    fixed = truecase(STORY.lower(), coder.nlp)
    assert fixed is not None and len(fixed) == len(STORY)
    assert fixed.startswith("NIAMEY, July 27 (wire) - Soldiers of Niger's")
    assert "President Mohamed Bazoum on Wednesday. ECOWAS called" in fixed
    assert truecase(STORY, coder.nlp) is None  # ordinary case is left alone


def test_lower_case_indian_story(coder: Coder) -> None:
    text = (
        "new delhi: prime minister atal bihari vajpayee on tuesday asked the vhp to call off "
        "its agitation. the police arrested 50 kar sevaks in ayodhya."
    )
    result = coder.code(text, date="2002-03-12")
    sources = {e.source.text: e.source.code for e in result.events if e.source is not None}
    assert sources["prime minister atal bihari vajpayee"] == "INDGOV"
    assert result.article.text == text  # the text stays as written


def test_guarded_words_are_not_names_in_lower_case(coder: Coder) -> None:
    text = "chad said the talks with the rebels would resume next week in the capital city."
    doc = coder.nlp(text)
    assert not [e for e in doc.ents if e.ent_id_.startswith("C:")]


def test_truecase_capitalises_towns_after_place_prepositions(coder: Coder) -> None:
    text = (
        "one person was killed in vadodara when a mob clashed with the police. "
        "violence was reported from bharuch and godhra. he was in nice spirits."
    )
    fixed = truecase(text, coder.nlp)
    assert fixed is not None
    assert "killed in Vadodara when" in fixed
    assert "from Bharuch and Godhra." in fixed  # a list of towns continues
    assert "in nice spirits" in fixed  # an English adjective is not taken for Nice


def test_lower_case_town_is_the_event_location(coder: Coder) -> None:
    text = (
        "one person was killed in vadodara on friday when police fired at a mob. "
        "curfew was clamped on four police station areas of the city."
    )
    result = coder.code(text, date="2002-03-16")
    located = {e.trigger: e.location and e.location.name for e in result.events}
    assert located["fired"] == "Vadodara"


def test_a_wrapped_line_does_not_end_its_sentence(coder: Coder) -> None:
    text = (
        "Officials said a car bomb killed 13 soldiers. An army\n"
        "    spokesman said civilians may also have been injured.\n"
        "Turkey bombing kills 13\n"
        "A suicide car bomb exploded on Saturday."
    )
    doc = coder.nlp(text)
    sentences = [" ".join(s.text.split()) for s in doc.sents]
    assert "An army spokesman said civilians may also have been injured." in sentences
    assert "Turkey bombing kills 13" in sentences  # a headline line is its own sentence
    injured = [e for e in coder.code(text, date="2016-12-17").events if e.trigger == "injured"]
    assert [e.factuality for e in injured] == ["hypothetical"]


def test_lower_case_dateline_after_a_header_line(coder: Coder) -> None:
    text = (
        "This story is from March 17, 2002\n\n"
        "ahmedabad: police on sunday arrested the main accused in the godhra case, taking the "
        "total number of arrests so far to 28. he was remanded to police custody till april 1. "
        "the accused had been absconding since the incident on february 27, police said. "
        "so far, police have arrested among others three corporators in connection with the "
        "setting ablaze of the train near the railway station, which claimed 58 lives."
    )
    fixed = truecase(text, coder.nlp)
    assert fixed is not None and "\n\nAHMEDABAD: Police on" in fixed
    result = coder.code(text, date="2002-03-17")
    located = {e.trigger: e.location and e.location.name for e in result.events}
    assert located["said"] == "Ahmedabad"


def test_truecase_capitalises_unknown_names_after_titles(coder: Coder) -> None:
    text = (
        "baroda: police fired 12 rounds to disperse a mob in the town, police said. two bombs "
        "exploded in the city, city police commissioner din dayal tuteja said here. so far, "
        "150 people had been arrested in connection with the violence in the city, tuteja "
        "said. the minister concerned had not resigned, a spokesman said on friday evening."
    )
    fixed = truecase(text, coder.nlp)
    assert fixed is not None
    assert "commissioner Din Dayal Tuteja said" in fixed
    assert "in the city, Tuteja said" in fixed  # the surname alone, later
    assert "The minister concerned had" in fixed  # an English word is no name
    sources = {e.source.text: e.source.code for e in coder.code(text).events if e.source}
    # The model tags the name an organisation: the title still gives the role.
    assert sources["city police commissioner din dayal tuteja"] == "COP"
