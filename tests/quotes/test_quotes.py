"""Who said what: direct and reported speech with their speakers, real sentences in."""

from __future__ import annotations

import pytest

from eventcoder import Coder
from eventcoder.records import Quote

ARTICLE = """PARIS, July 30 (AFP) - French Foreign Minister Catherine Colonna said on Sunday that \
there was still a way out for the coup plotters in Niger.

"There is still a way out," she said, "but they must restore constitutional order."

Niger's deposed president Mohamed Bazoum is in 'good health', his party said on Saturday.

"We will not abandon Niger's democracy," Colonna told reporters. "The sanctions will stay. \
We don't negotiate with putschists."

"ECOWAS is ready to act. The hard-won gains will be safeguarded. Our patience has limits," \
the bloc's commissioner Abdel-Fatau Musah said.

Protesters in Niamey carried a sign reading "down with Macron" and chanted slogans against France.

Francis Antil, head of the French Institute for International Relations in Dakar, said the \
junta was isolated. "They have few friends left," Antil told AFP.
"""


def quotes_of(coder: Coder, text: str, date: str | None = None) -> tuple[Quote, ...]:
    """The quotes stage alone, on the parse and the article's actors."""
    doc = coder.nlp(text)
    actors = coder.actor_coder.code(doc, date)
    quotes, _ = coder.quote_coder.code(doc, actors)
    return quotes


def quote(quotes: tuple[Quote, ...], text: str, kind: str = "direct") -> Quote:
    for found in quotes:
        if found.text == text and found.kind == kind:
            return found
    raise AssertionError(f"no {kind} quote {text!r} in {[(q.kind, q.text) for q in quotes]}")


@pytest.fixture(scope="module")
def article(coder: Coder) -> tuple[Quote, ...]:
    return quotes_of(coder, ARTICLE, "2023-07-30")


def test_pronoun_speaker_resolves_to_the_minister(article: tuple[Quote, ...]) -> None:
    found = quote(article, "There is still a way out")
    assert found.speaker is not None
    assert found.speaker.text == "she"
    assert found.speaker.code == "FRAGOV"
    assert found.speaker.name == "Catherine Colonna"
    assert ARTICLE[found.start : found.end] == found.text


def test_quote_split_around_the_attribution(article: tuple[Quote, ...]) -> None:
    second = quote(article, "but they must restore constitutional order.")
    assert second.speaker is not None and second.speaker.code == "FRAGOV"


def test_surname_speaker_and_quote_continued_in_the_next_sentence(
    article: tuple[Quote, ...],
) -> None:
    first = quote(article, "We will not abandon Niger's democracy")
    following = quote(article, "The sanctions will stay. We don't negotiate with putschists.")
    for found in (first, following):
        assert found.speaker is not None
        assert found.speaker.text == "Colonna"
        assert found.speaker.code == "FRAGOV"


def test_paragraph_attributed_at_its_end(article: tuple[Quote, ...]) -> None:
    found = quote(
        article,
        "ECOWAS is ready to act. The hard-won gains will be safeguarded. Our patience has limits",
    )
    assert found.speaker is not None
    assert found.speaker.text == "the bloc's commissioner Abdel-Fatau Musah"
    assert found.sentence == 7  # where the quote starts


def test_partial_quote_inside_a_sentence(article: tuple[Quote, ...]) -> None:
    found = quote(article, "good health")
    assert found.speaker is not None and found.speaker.text == "his party"
    reported = quote(
        article, "Niger's deposed president Mohamed Bazoum is in 'good health'", "indirect"
    )
    assert reported.speaker == found.speaker


def test_apostrophes_open_no_quote(article: tuple[Quote, ...]) -> None:
    starts = {q.start for q in article if q.kind == "direct"}
    for word in ("Niger's", "don't"):
        at = ARTICLE.index(word) + word.index("'")
        assert at + 1 not in starts


def test_a_sign_is_not_a_quote(article: tuple[Quote, ...]) -> None:
    assert not [q for q in article if "Macron" in q.text]


def test_speaker_introduced_earlier_by_full_name(article: tuple[Quote, ...]) -> None:
    found = quote(article, "They have few friends left")
    assert found.speaker is not None
    assert found.speaker.text == "Antil"
    assert found.speaker.name == "Francis Antil"
    assert found.speaker.code == "FRAEDU"  # head of a French research institute


def test_reported_speech_with_its_speaker(article: tuple[Quote, ...]) -> None:
    found = quote(
        article, "that there was still a way out for the coup plotters in Niger", "indirect"
    )
    assert found.speaker is not None and found.speaker.code == "FRAGOV"
    assert found.sentence == 1
    isolated = quote(article, "the junta was isolated", "indirect")
    assert isolated.speaker is not None and isolated.speaker.name == "Francis Antil"


def test_a_quote_with_no_speaker_has_a_null_speaker(coder: Coder) -> None:
    text = '"Nobody knows where this will end."\n\nThe border with Benin remained closed.'
    found = quote(quotes_of(coder, text), "Nobody knows where this will end.")
    assert found.speaker is None


@pytest.mark.parametrize(
    ("text", "content", "kind", "speaker"),
    [
        (
            "The junta will hold elections next year, the minister told reporters.",
            "The junta will hold elections next year",
            "indirect",
            "the minister",
        ),
        (
            "Soldiers will be deployed soon, according to a statement by the African Union.",
            "Soldiers will be deployed soon",
            "indirect",
            "the African Union",
        ),
        (
            "The latest test, North Korea said, was its biggest yet.",
            "was its biggest yet",
            "indirect",
            "North Korea",
        ),
        (
            '"We have acted to save Niger," a spokesman for the junta said on state television.',
            "We have acted to save Niger",
            "direct",
            "a spokesman for the junta",
        ),
        ('Protesters shouted: "France, get out!"', "France, get out!", "direct", "Protesters"),
        (
            'Jean Dupont told AFP the coup was a disaster and added: "Nobody wanted this."',
            "Nobody wanted this.",
            "direct",
            "Jean Dupont",
        ),
        (
            '"Is this a war-torn country?" the senator asked.',
            "Is this a war-torn country?",
            "direct",
            "the senator",
        ),
        (
            '"Nothing will change," said Mamadou Diallo, a lawyer in Niamey.',
            "Nothing will change",
            "direct",
            "Mamadou Diallo",
        ),
        (
            'Guinea\'s foreign minister called the coup "a betrayal of the people."',
            "a betrayal of the people.",
            "direct",
            "Guinea's foreign minister",
        ),
    ],
)
def test_attributions(coder: Coder, text: str, content: str, kind: str, speaker: str) -> None:
    found = quote(quotes_of(coder, text), content, kind)
    assert found.speaker is not None
    assert found.speaker.text == speaker


@pytest.mark.parametrize(
    "text",
    [
        'The president wrote a book called "The Art of the Deal" last year.',
        'The army denounced the so-called "junta" in a statement.',
        'Thousands marched behind a banner reading "Free Bazoum" in Niamey.',
        'He spoke on the program "Face the Nation" on Sunday.',
        'The "reforms" of the junta have changed little in the north.',
    ],
)
def test_quotation_marks_that_are_not_speech(coder: Coder, text: str) -> None:
    assert [q for q in quotes_of(coder, text) if q.kind == "direct"] == []


def test_result_carries_quotes_and_statement_events_share_their_span(coder: Coder) -> None:
    text = (
        "French Foreign Minister Catherine Colonna spoke in Paris on Sunday.\n\n"
        '"There is still a way out for the coup plotters," she said.'
    )
    result = coder.code(text, article_id="t", date="2023-07-30")
    found = quote(result.quotes, "There is still a way out for the coup plotters")
    assert found.speaker is not None and found.speaker.code == "FRAGOV"
    statements = [e for e in result.events if e.cameo.startswith("01") and e.trigger == "said"]
    assert statements, [(e.cameo, e.trigger) for e in result.events]
    for event in statements:
        assert (event.start, event.end) == (found.start, found.end)
    as_json = result.to_dict()["quotes"]
    assert {"speaker", "text", "kind", "sentence", "start", "end"} <= set(as_json[0])


@pytest.mark.parametrize(
    ("text", "content", "speaker", "code"),
    [
        (
            "The junta would release Bazoum soon, the minister added.",
            "The junta would release Bazoum soon",
            "the minister",
            "GOV",
        ),
        (
            "Colonna warned that France would respond immediately to any attack on its embassy.",
            "that France would respond immediately to any attack on its embassy",
            "Colonna",
            "FRAGOV",
        ),
        (
            "The spokesman explained that the border would reopen on Monday.",
            "that the border would reopen on Monday",
            "The spokesman",
            None,
        ),
        (
            "Tinubu insisted that ECOWAS would not negotiate with the putschists.",
            "that ECOWAS would not negotiate with the putschists",
            "Tinubu",
            "NGAGOV",
        ),
        (
            "The junta has no plan, according to Francis Antil.",
            "The junta has no plan",
            "Francis Antil",
            None,
        ),
    ],
)
def test_reported_speech_after_speech_verbs(
    coder: Coder, text: str, content: str, speaker: str, code: str | None
) -> None:
    quotes = quotes_of(coder, text, "2023-07-30")
    found = quote(quotes, content, "indirect")
    assert found.speaker is not None
    assert (found.speaker.text, found.speaker.code) == (speaker, code)
    assert (found.start, found.end) == (text.index(content), text.index(content) + len(content))
    assert [q for q in quotes if q.kind == "direct"] == []


def test_curly_quotes_and_a_second_quote_in_the_next_sentence(coder: Coder) -> None:
    text = "“The junta must go,” the minister said. ‘We will not wait.’"
    found = quotes_of(coder, text)
    assert [(q.kind, q.text, q.sentence, q.start, q.end) for q in found] == [
        ("direct", "The junta must go", 0, 1, 18),
        ("direct", "We will not wait.", 1, 41, 58),
    ]
    assert all(q.speaker is not None and q.speaker.text == "the minister" for q in found)


def test_a_quote_spanning_sentences_is_one_quote(coder: Coder) -> None:
    text = "“Our patience has limits. Our soldiers are ready,” Tinubu said."
    (found,) = quotes_of(coder, text)
    assert found.text == "Our patience has limits. Our soldiers are ready"
    assert found.speaker is not None and found.speaker.code == "NGAGOV"


def test_a_quotation_continued_over_paragraphs_keeps_its_speaker(coder: Coder) -> None:
    text = (
        '"We will not abandon the people of Niger," Colonna told reporters in Paris.\n\n'
        '"The sanctions will stay until Mohamed Bazoum is free.\n\n'
        '"France does not negotiate with putschists."\n\n'
        "The junta did not reply."
    )
    found = [q for q in quotes_of(coder, text, "2023-07-30") if q.kind == "direct"]
    assert [q.text for q in found] == [
        "We will not abandon the people of Niger",
        "The sanctions will stay until Mohamed Bazoum is free.",
        "France does not negotiate with putschists.",
    ]
    assert [q.speaker.code if q.speaker else None for q in found] == ["FRAGOV"] * 3


@pytest.mark.parametrize(
    "text",
    [
        'Supporters waved placards reading "Down with France" and "Long live Russia."',
        'Mr. Khan said on NBC\'s "Meet the Press" on Sunday that the talks had failed.',
        'The president said on "Face the Nation" that talks would continue.',
    ],
)
def test_titles_and_lists_of_slogans_are_not_speech(coder: Coder, text: str) -> None:
    assert [q.text for q in quotes_of(coder, text) if q.kind == "direct"] == []


def test_a_member_of_a_group_speaks_as_that_phrase(coder: Coder) -> None:
    text = (
        '"There won\'t be a path for Bernie to succeed," said one of those advisers, who '
        "spoke on the condition of anonymity."
    )
    (found,) = quotes_of(coder, text)
    assert found.speaker is not None
    assert (found.speaker.text, found.speaker.code) == ("one of those advisers", None)


def test_a_characterisation_reports_its_object_with_the_quoted_words(coder: Coder) -> None:
    text = 'Nigeria\'s President Bola Tinubu described the coup as "an attack on democracy".'
    found = quotes_of(coder, text)
    assert [(q.kind, q.text) for q in found] == [
        ("indirect", 'the coup as "an attack on democracy"'),
        ("direct", "an attack on democracy"),
    ]
    assert all(q.speaker is not None and q.speaker.code == "NGAGOV" for q in found)


def test_an_unresolved_pronoun_is_a_null_speaker(coder: Coder) -> None:
    text = '"We are ready," he said.'
    (found,) = quotes_of(coder, text)
    assert (found.text, found.speaker) == ("We are ready", None)


def test_a_split_quote_shares_one_statement_event_with_its_first_part(coder: Coder) -> None:
    text = (
        "French Foreign Minister Catherine Colonna spoke in Paris on Sunday.\n\n"
        '"There is still a way out," she said, "but they must restore constitutional order."'
    )
    result = coder.code(text, article_id="t", date="2023-07-30")
    first = quote(result.quotes, "There is still a way out")
    second = quote(result.quotes, "but they must restore constitutional order.")
    assert second.speaker is not None and second.speaker.code == "FRAGOV"
    statements = [e for e in result.events if e.cameo.startswith("01") and e.trigger == "said"]
    assert statements, [(e.cameo, e.trigger) for e in result.events]
    assert {(e.start, e.end) for e in statements} == {(first.start, first.end)}


@pytest.mark.parametrize(
    ("text", "speaker", "trigger"),
    [
        (
            '"The situation in the town is calm," said rebel commander Jean Okonkwo-Tessier.',
            "REB",
            "said",
        ),
        (
            "At least 25 people died, according to the Egyptian health ministry.",
            "EGYGOV",
            "according",
        ),
    ],
)
def test_every_attributed_speech_act_is_a_statement(
    coder: Coder, text: str, speaker: str, trigger: str
) -> None:
    events = coder.code(text, article_id="t", date="2016-12-12").events
    statements = [e for e in events if e.cameo == "010"]
    assert [(e.source and e.source.code, e.trigger) for e in statements] == [(speaker, trigger)]


def test_a_statement_is_coded_besides_the_events_it_reports(coder: Coder) -> None:
    text = "Police said they arrested five men in Karak."
    codes = {(e.cameo, e.factuality) for e in coder.code(text, date="2016-12-18").events}
    assert {("010", "asserted"), ("173", "asserted")} <= codes


def test_the_statement_said_is_the_author_of_the_last_attributed_statement(
    coder: Coder,
) -> None:
    text = (
        "The chain of events began when a police patrol received reports of a house fire in "
        "the town of Qatraneh, said a statement by Jordan's Public Security Directorate. "
        "The officers came under fire from inside the house, the statement said."
    )
    events = coder.code(text, article_id="t", date="2016-12-18").events
    later = [
        e for e in events if e.cameo == "010" and e.source and e.source.text == "the statement"
    ]
    assert [e.source.code for e in later if e.source] == ["JORCOP"]
