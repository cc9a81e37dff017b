"""Actor recognition and article-level resolution: real sentences in, exact codes out."""

from __future__ import annotations

import pytest

from eventcoder import Coder
from eventcoder.records import Result


def actor_codes(result: Result) -> dict[str, str | None]:
    return {a.text: a.code for a in result.actors}


def code_of(result: Result, text: str) -> str | None:
    """The code given to the mention whose text is exactly ``text``."""
    for event in result.events:
        for actor in (event.source, event.target):
            if actor is not None and actor.text == text:
                return actor.code
    for actor in result.actors:
        if actor.text == text:
            return actor.code
    raise AssertionError(f"no actor mention {text!r} in {[a.text for a in result.actors]}")


@pytest.mark.parametrize(
    ("sentence", "mention", "code"),
    [
        ("France condemned the coup.", "France", "FRA"),
        ("Nigerien soldiers detained the president.", "Nigerien soldiers", "NERMIL"),
        ("French troops left Mali.", "French troops", "FRAMIL"),
        ("Washington said it would impose sanctions.", "Washington", "USAGOV"),
        ("ECOWAS demanded the release of the president.", "ECOWAS", "IGOWAFWAS"),
        ("The United Nations suspended aid deliveries.", "The United Nations", "IGOUNO"),
        ("The European Union imposed sanctions on Niger.", "The European Union", "IGOEUREEC"),
        ("NATO condemned the attack.", "NATO", "IGOWSTNAT"),
        (
            "French Foreign Minister Catherine Colonna condemned the coup.",
            "French Foreign Minister Catherine Colonna",
            "FRAGOV",
        ),
        (
            "US Secretary of State Antony Blinken condemned the coup in Niger.",
            "US Secretary of State Antony Blinken",
            "USAGOV",
        ),
        ("Russian police arrested dozens of protesters.", "Russian police", "RUSCOP"),
        ("Kenyan protesters blocked the road.", "Kenyan protesters", "KENCVL"),
        ("Malian rebels attacked the town.", "Malian rebels", "MLIREB"),
        ("The Senegalese opposition rejected the plan.", "The Senegalese opposition", "SENOPP"),
        ("A Tunisian court sentenced the journalist.", "A Tunisian court", "TUNJUD"),
        ("Sudanese government troops shelled the town.", "Sudanese government troops", "SDNMIL"),
        ("Vietnamese-led forces retook the village.", "Vietnamese-led forces", "VNMMIL"),
        # Backed by the US, fighting in Syria: Syrian rebels (the hyphen is not part of it).
        ("US-backed rebels attacked the town in Syria.", "backed rebels", "SYRREB"),
        # A commissioner of a portfolio sits in a government; a bare one takes its body's code.
        (
            "Nigeria's Benue State Commissioner for Health, Cecilia Ojabo, said the camp was safe.",
            "Nigeria's Benue State Commissioner for Health",
            "NGAGOV",
        ),
        (
            "The European Union commissioner said the deal was fair.",
            "The European Union commissioner",
            "IGOEUREEC",
        ),
    ],
)
def test_actor_codes(coder: Coder, sentence: str, mention: str, code: str) -> None:
    result = coder.code(sentence, article_id="t", date="2023-07-28")
    assert code_of(result, mention) == code


def test_role_words_take_the_article_focus_country(coder: Coder) -> None:
    text = (
        "NIAMEY, July 27 (Wire) - Niger's presidential guard detained President Mohamed Bazoum "
        "on Wednesday. The soldiers closed the borders of Niger. Police arrested protesters."
    )
    result = coder.code(text, article_id="t", date="2023-07-27")
    assert code_of(result, "Niger's presidential guard") == "NERMIL"
    assert code_of(result, "The soldiers") == "NERMIL"
    assert code_of(result, "Police") == "NERCOP"
    assert code_of(result, "protesters") == "NERCVL"


@pytest.mark.parametrize(
    ("text", "police"),
    [
        # A dateline of a town and an AP state abbreviation: reported from the United States.
        (
            "SACRAMENTO, Calif. (AP) - Police arrested 12 protesters outside the Capitol on "
            "Monday. The governor condemned the violence.",
            "USACOP",
        ),
        # No country named at all: the town is in Turkey.
        (
            "Police in Kayseri detained the mayor on Tuesday. Protesters gathered in Kayseri.",
            "TURCOP",
        ),
    ],
)
def test_towns_of_one_country_give_the_article_its_focus(
    coder: Coder, text: str, police: str
) -> None:
    result = coder.code(text, article_id="t", date="2024-01-08")
    assert code_of(result, "Police") == police


def test_later_mentions_resolve_to_the_actor_introduced_earlier(coder: Coder) -> None:
    text = (
        "French Foreign Minister Catherine Colonna met President Mohamed Bazoum of Niger. "
        "Colonna condemned the coup. She criticised the soldiers. "
        "Bazoum thanked France. The president praised the European Union."
    )
    result = coder.code(text, article_id="t", date="2023-07-20")
    by_trigger = {e.trigger: e for e in result.events}
    assert by_trigger["condemned"].source is not None
    assert by_trigger["condemned"].source.code == "FRAGOV"
    assert by_trigger["condemned"].source.name == "Catherine Colonna"
    assert by_trigger["criticised"].source is not None
    assert by_trigger["criticised"].source.name == "Catherine Colonna"
    assert by_trigger["thanked"].source is not None
    assert by_trigger["thanked"].source.code == "NERGOV"
    assert by_trigger["praised"].source is not None
    assert by_trigger["praised"].source.name == "Mohamed Bazoum"
    # A later mention keeps its own span: the text of "She", not of the first mention.
    she = by_trigger["criticised"].source
    assert text[she.start : she.end] == "She"


def test_definite_descriptions_and_pronouns_resolve(coder: Coder) -> None:
    text = (
        "Malian coup leaders detained the prime minister. ECOWAS condemned the coup leaders. "
        "They rejected the demands of the bloc."
    )
    result = coder.code(text, article_id="t", date="2021-05-25")
    rejected = [e for e in result.events if e.trigger.startswith("rejected")]
    assert rejected, [e.trigger for e in result.events]
    assert rejected[0].source is not None and rejected[0].source.code == "MLIMIL"
    assert rejected[0].target is not None and rejected[0].target.code == "IGOWAFWAS"


def test_country_mislabelled_by_the_model_is_still_a_country(coder: Coder) -> None:
    # The small model tags "Niger" as a PERSON on its own; the entity ruler fixes it.
    result = coder.code("Niger expelled the French ambassador.", article_id="t")
    event = result.events[0]
    assert event.source is not None and event.source.code == "NER"
    assert event.source.role is None and event.source.country == "NER"


def test_members_and_spokesmen_take_their_group(coder: Coder) -> None:
    text = "Members of the presidential guard of Niger detained the president."
    result = coder.code(text, article_id="t")
    assert code_of(result, "Members of the presidential guard of Niger") == "NERMIL"


def test_unknown_parts_are_left_out(coder: Coder) -> None:
    # No country anywhere: the role alone, never a guessed country.
    result = coder.code("Soldiers detained a journalist and a lawyer.", article_id="t")
    event = result.events[0]
    assert event.source is not None and event.source.code == "MIL"
    assert event.source.country is None and event.source.role == "MIL"


def test_known_person_outside_their_terms_keeps_their_country(coder: Coder) -> None:
    # Dated between George H. W. Bush's and George W. Bush's terms: still American, and the
    # title gives the role; without people/ the focus country (Russia) would be taken.
    text = "President Bush threatened further action against Russia."
    result = coder.code(text, article_id="t", date="2000-01-01")
    assert code_of(result, "President Bush") == "USAGOV"


def test_focus_country_only_for_national_institutions(coder: Coder) -> None:
    text = (
        "NIAMEY, July 28 (Wire) - Protests continued. The army said the situation was calm. "
        "Gunmen attacked a village."
    )
    sources = {
        e.source.text: e.source.code
        for e in coder.code(text, date="2023-07-28").events
        if e.source is not None
    }
    assert sources["The army"] == "NERMIL"  # a national institution: the story's country
    assert sources["Gunmen"] == "UAF"  # gunmen are no country's without evidence


def test_a_named_stranger_takes_no_country_from_a_weak_focus(coder: Coder) -> None:
    # Niger is the focus (named most), but the story is not reported from there: a named
    # person of unknown nationality keeps the role alone (a US senator in a Niger story).
    text = (
        "Protests continued in Niger. France condemned the coup in Niger. "
        "Senator Jim Harlow criticised the junta."
    )
    senator = next(
        e.source
        for e in coder.code(text, date="2023-07-28").events
        if e.cameo == "111" and e.source is not None and e.source.name == "Jim Harlow"
    )
    assert senator.code == "LEG"


def test_an_unknown_full_name_is_not_a_known_surname(coder: Coder) -> None:
    # "Wilson" is a known surname (US legislators), "Andre Wilson" an unknown resident.
    result = coder.code("Resident Andre Wilson said he was shocked.", date="2018-04-05")
    (statement,) = [e for e in result.events if e.cameo == "010"]
    assert statement.source is not None and statement.source.code == "CVL"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Grand Mufti of Egypt condemned the bombing.", "EGYMUS"),
        ("Evangelical leaders praised the decision.", "CHR"),
        # A national church of organisations/curated.tsv: its country is knowledge.
        ("The Coptic Orthodox Church condemned the attack.", "EGYCHR"),
        ("The Syrian army command said the offensive continued.", "SYRMIL"),
        ("The Clinton campaign denied the accusation.", "USAPTY"),  # Clinton is known: USA
    ],
)
def test_religious_and_organisational_roles(coder: Coder, text: str, code: str) -> None:
    sources = [e.source.code for e in coder.code(text, date="2016-12-12").events if e.source]
    assert sources and sources[0] == code


def test_a_surname_after_a_full_unknown_name_is_not_a_namesake(coder: Coder) -> None:
    # The people lexicon knows an Ahmad Khalif (Kenya); Asa Khalif is somebody else.
    text = (
        "Asa Khalif, an organizer with the Philly Coalition for Real Justice, said the "
        "demonstrators wanted to send a message. Khalif criticized Clinton for the crime bill."
    )
    result = coder.code(text, article_id="t", date="2016-07-27")
    khalif = [a for a in result.actors if "Khalif" in a.text]
    assert khalif and all(a.country != "KEN" for a in khalif)


def test_a_dominant_focus_gives_named_officials_their_country_without_a_dateline(
    coder: Coder,
) -> None:
    text = (
        "A car bomb exploded near a bus in Kayseri in central Turkey on Saturday. "
        "Turkish officials said 13 soldiers were killed in Kayseri. "
        "Regional governor Suleyman Kamci said the blast was an attack on Turkey."
    )
    result = coder.code(text, article_id="t", date="2016-12-17")
    assert code_of(result, "Regional governor Suleyman Kamci") == "TURGOV"


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        # Who a role word's holder works for: "at" and "with" an organisation.
        (
            "Sanctions could be decided on Sunday, a diplomat at the ECOWAS Commission said.",
            "a diplomat at the ECOWAS Commission",
            "IGOWAFWAS",
        ),
        (
            "Officials at the French embassy said the ambassador had left.",
            "Officials at the French embassy",
            "FRAGOV",
        ),
    ],
)
def test_role_holders_work_for_the_organisation_they_are_at(
    coder: Coder, text: str, mention: str, code: str
) -> None:
    assert code_of(coder.code(text, article_id="t", date="2023-07-28"), mention) == code


def test_an_abbreviation_in_brackets_is_not_a_person(coder: Coder) -> None:
    # "(SWA)" is the agency's short form: "He" is still the general.
    text = (
        "General Qamar Javed Bajwa on Thursday inaugurated two projects in South Waziristan "
        "Agency (SWA). He urged the elders not to allow anyone to jeopardise the peace."
    )
    result = coder.code(text, article_id="t", date="2018-04-05")
    assert code_of(result, "He") == "PAKMIL"


@pytest.mark.parametrize(
    ("text", "mention", "code"),
    [
        # A named person with an age and no title, organisation or lexicon entry is a
        # private person.
        (
            "Andre Wilson, 38, told the Daily News that he has known the victim for 20 years.",
            "Andre Wilson",
            "CVL",
        ),
        # ... and, in a story reported from the focus country, a citizen of it.
        (
            "WASHINGTON (AP) - Police in Washington fired tear gas at protesters on Saturday. "
            '"We want answers," Quina Jones, 25, said as she marched.',
            "Quina Jones",
            "USACVL",
        ),
        # A nationality in the phrase is kept.
        (
            "Frenchman Jean Dupont, 52, said the party ignored them.",
            "Frenchman Jean Dupont",
            "FRACVL",
        ),
        # Without an age (officials come with a title, experts with an affiliation) the name
        # alone gives no role.
        ("The mob fled, John Parmar said.", "John Parmar", None),
        # A title keeps its role, also in lower-case copy.
        (
            "on february 28 morning, home minister l k advani told parliament that all states "
            "had been put on alert.",
            "home minister l k advani",
            "GOV",
        ),
    ],
)
def test_named_people_without_a_known_role(
    coder: Coder, text: str, mention: str, code: str
) -> None:
    assert code_of(coder.code(text, article_id="t", date="2016-09-26"), mention) == code


def test_a_named_statement_by_a_private_person_is_coded(coder: Coder) -> None:
    result = coder.code(
        "Andre Wilson, 38, said the man he knew for 20 years was harmless.",
        article_id="t",
        date="2018-04-05",
    )
    assert [(e.cameo, e.source.code if e.source else None) for e in result.events] == [
        ("010", "CVL")
    ]


def test_a_title_given_later_places_the_named_person_in_the_focus_country(
    coder: Coder,
) -> None:
    # The first mention has no title; the later one does: in a story reported from India,
    # the minister is India's, from the first mention on.
    text = (
        "new delhi: sunil mehra told parliament on thursday that all states had been put on "
        "alert following the riots in gujarat. the army was deployed in ahmedabad and vadodara "
        "on friday, and curfew was imposed in several towns of the state. later in the day, "
        "home minister sunil mehra said the situation was under control and appealed for calm."
    )
    result = coder.code(text, article_id="t", date="2002-03-02")
    assert code_of(result, "sunil mehra") == "INDGOV"
    assert code_of(result, "home minister sunil mehra") == "INDGOV"


def test_a_spokesman_named_after_a_possessive_speaks_for_its_owner(coder: Coder) -> None:
    result = coder.code(
        "BAMAKO, November 15, 2023 - Fighters of the Permanent Strategic Framework (CSP), a "
        "coalition of separatist armed groups, said they had withdrawn from Kidal. Their "
        "spokesman, Mohamed Elmaouloud Ramadane, accused the army of killing civilians.",
        date="2023-11-15",
    )
    # "Fighters of the CSP": a group of the organisation's own role is its members.
    assert code_of(result, "Fighters of the Permanent Strategic Framework") == "MLIREBCSP"
    assert code_of(result, "Their spokesman") == "MLIREBCSP"
    # Supporters are not the ones they support: only member heads take their possessor.
    other = coder.code("The rebels said their supporters had been arrested.", date="2023-11-15")
    assert code_of(other, "their supporters") != "REB"


def test_the_movement_is_the_organisation_named_before(coder: Coder) -> None:
    result = coder.code(
        "CONAKRY, May 11, 2023 - The National Front for the Defence of the Constitution (FNDC) "
        "called a day of protest. The government accuses the movement of seeking to "
        "destabilise the country.",
        date="2023-05-11",
    )
    assert code_of(result, "the movement") == "GINOPP"
    # With no organisation named before, "the movement" is nobody.
    alone = coder.code("The government accuses the movement of seeking to destabilise Guinea.")
    assert all(a.text != "the movement" for a in alone.actors)


def test_an_apposition_naming_a_part_of_the_organisation_wins(coder: Coder) -> None:
    # "the United Nations mission (MINUSMA)": the mission (IGOUNOMSM), not the UN (IGOUNO).
    result = coder.code("The United Nations mission (MINUSMA) condemned the attack.")
    assert code_of(result, "The United Nations mission") == "IGOUNOMSM"


@pytest.mark.parametrize(
    ("sentence", "mention", "code"),
    [
        (
            "A Manhattan Supreme Court judge rejected the request on Thursday.",
            "A Manhattan Supreme Court judge",
            "USAJUD",
        ),
        (
            "A California National Guard spokesman said the troops would not arrest anyone.",
            "A California National Guard spokesman",
            "USAMIL",
        ),
    ],
)
def test_a_state_body_named_after_its_place_is_in_that_country(
    coder: Coder, sentence: str, mention: str, code: str
) -> None:
    result = coder.code(sentence, article_id="t", date="2018-04-05")
    assert code_of(result, mention) == code


def test_a_place_before_a_word_that_is_no_role_gives_no_country(coder: Coder) -> None:
    # "a North Carolina native" says where somebody was born, not whom they act for.
    result = coder.code(
        "Jim Smith, a North Carolina native, said the talks had failed.",
        article_id="t",
        date="2017-05-17",
    )
    assert all(a.code != "USA" for a in result.actors)


@pytest.mark.parametrize(
    ("sentence", "mention", "code"),
    [
        # A role word with no country of its own takes the place before it.
        ("A Texas rancher said the troops had arrested two men.", "A Texas rancher", "USAAGR"),
        # A title the parse splits at "of": the whole title, not "deputy" (a legislator).
        (
            "The deputy commissioner of police said the situation was under control.",
            "The deputy commissioner of police",
            "COP",
        ),
        # Organisation knowledge: a national police force, a national church.
        (
            "Jordan's Public Security Directorate said two gunmen had been killed.",
            "Jordan's Public Security Directorate",
            "JORCOP",
        ),
    ],
)
def test_place_title_and_organisation_evidence(
    coder: Coder, sentence: str, mention: str, code: str
) -> None:
    result = coder.code(sentence, article_id="t", date="2016-12-18")
    assert code_of(result, mention) == code


@pytest.mark.parametrize(
    ("sentence", "mention"),
    [
        ("The shelling has killed more than 1,600 civilians, rescuers said.", "rescuers"),
        ("Three 911 callers said a man was pointing a gun at people.", "Three 911 callers"),
    ],
)
def test_generic_speakers_are_civilians(coder: Coder, sentence: str, mention: str) -> None:
    result = coder.code(sentence, article_id="t")
    assert code_of(result, mention) == "CVL"


def test_a_passage_set_in_another_country_gives_its_role_words_that_country(
    coder: Coder,
) -> None:
    # A news digest: the article's focus (Spain) is not where the later story is set.
    text = (
        "Spain braced for weeks of political uncertainty in Madrid after the election. "
        "Prime Minister Mariano Rajoy said his party was still the first force in Spain. "
        "Spanish police said the vote had been calm. "
        "Driver held after crash in Las Vegas. "
        "A woman who drove onto a crowded sidewalk told police she had been chased by guards."
    )
    result = coder.code(text, article_id="t", date="2015-12-22")
    police = [e.target.code for e in result.events if e.target and e.target.text == "police"]
    assert police == ["USACOP"]


def test_a_visitor_from_a_country_is_of_that_country(coder: Coder) -> None:
    result = coder.code(
        "Gunmen killed four Jordanian police officers and a woman visiting from Canada in Karak.",
        article_id="t",
        date="2016-12-18",
    )
    assert code_of(result, "a woman") == "CANCVL"


@pytest.mark.parametrize(
    ("sentence", "mention", "code"),
    [
        # Municipal councillors sit in a deliberative body: LEG (the council itself is GOV).
        (
            "The municipal councillor said the water supply had been cut.",
            "The municipal councillor",
            "LEG",
        ),
        ("Police arrested three corporators on Sunday.", "three corporators", "LEG"),
    ],
)
def test_local_councillors_are_legislators(
    coder: Coder, sentence: str, mention: str, code: str
) -> None:
    result = coder.code(sentence, article_id="t")
    assert code_of(result, mention) == code
