"""Places: real sentences in, exact places and event locations out."""

from __future__ import annotations

import pytest

from eventcoder import Coder
from eventcoder.records import Event, Place, Result

NIAMEY = 2440485
NIGER = 2440476
PARIS_FRANCE = 2988507
PARIS_TEXAS = 4717560
LAFAYETTE_LOUISIANA = 4330145
LOUISIANA = 4331987
CHARLESTON_WV = 4801859
KABUL = 1138958
NEW_ORLEANS = 4335045
WASHINGTON_DC = 4140963


def event_with(result: Result, trigger: str) -> Event:
    for event in result.events:
        if event.trigger == trigger:
            return event
    raise AssertionError(f"no event {trigger!r} in {[e.trigger for e in result.events]}")


def place_named(result: Result, text: str) -> Place:
    for place in result.places:
        if result.article.text[place.start : place.end] == text:
            return place
    raise AssertionError(f"no place {text!r} in {result.places}")


def test_event_in_a_city(coder: Coder) -> None:
    text = "Supporters of the soldiers demonstrated in Niamey on Thursday."
    result = coder.code(text)
    location = event_with(result, "demonstrated").location
    assert location is not None
    assert (location.name, location.country, location.geonameid, location.feature) == (
        "Niamey",
        "NER",
        NIAMEY,
        "city",
    )
    assert text[location.start : location.end] == "Niamey"
    assert location.lat == pytest.approx(13.51, abs=0.01)
    assert location.lon == pytest.approx(2.11, abs=0.01)
    assert [p.name for p in result.places] == ["Niamey"]


def test_where_the_event_happened_not_where_it_was_reported(coder: Coder) -> None:
    text = (
        "French Foreign Minister Catherine Colonna said in Paris that supporters of the junta "
        "demonstrated in Niamey."
    )
    result = coder.code(text)
    demonstrated = event_with(result, "demonstrated").location
    assert demonstrated is not None and demonstrated.geonameid == NIAMEY
    said = [e for e in result.events if e.trigger == "said"]
    for event in said:
        assert event.location is not None and event.location.geonameid == PARIS_FRANCE
    assert [p.geonameid for p in result.places] == [PARIS_FRANCE, NIAMEY]


def test_dateline_when_the_sentence_names_no_place(coder: Coder) -> None:
    text = "NIAMEY, July 28 (AFP) - Soldiers detained the president on Wednesday."
    result = coder.code(text)
    location = event_with(result, "detained").location
    assert location is not None
    assert (location.geonameid, location.feature, location.start, location.end) == (
        NIAMEY,
        "city",
        0,
        6,
    )


def test_no_dateline_place_for_events_of_another_country(coder: Coder) -> None:
    # Reported from Beirut, done by Syria's army: not in Beirut.
    text = "BEIRUT, March 3 (Reuters) - The Syrian army said it had killed hundreds of rebels."
    result = coder.code(text, date="2018-03-03")
    assert event_with(result, "said").location is None
    lebanese = coder.code(
        "BEIRUT, March 3 (Reuters) - Lebanon's prime minister said the talks were useful.",
        date="2018-03-03",
    )
    location = event_with(lebanese, "said").location
    assert location is not None and location.name == "Beirut"


def test_the_focus_country_is_never_the_location_by_default(coder: Coder) -> None:
    """Issue 14: the country a story is about is not where its events happened unless the text
    says so."""
    text = (
        "Niger's military rulers have closed the borders. "
        "On Friday the junta arrested three former ministers."
    )
    result = coder.code(text)
    assert event_with(result, "arrested").location is None


def test_paris_texas_by_its_region(coder: Coder) -> None:
    result = coder.code("A tornado destroyed homes in Paris, Texas, on Monday.")
    paris = place_named(result, "Paris")
    assert (paris.country, paris.geonameid) == ("USA", PARIS_TEXAS)
    texas = place_named(result, "Texas")
    assert (texas.country, texas.feature) == ("USA", "admin1")


def test_paris_texas_by_the_story_around_it(coder: Coder) -> None:
    text = (
        "Texas police said officers arrested a man in Paris after a car chase that began in "
        "Dallas and ended near the Oklahoma border."
    )
    paris = place_named(coder.code(text), "Paris")
    assert paris.geonameid == PARIS_TEXAS


def test_paris_france_without_context(coder: Coder) -> None:
    result = coder.code("Thousands of people marched in Paris on Saturday.")
    location = event_with(result, "marched").location
    assert location is not None and location.geonameid == PARIS_FRANCE


def test_demonyms_are_not_places(coder: Coder) -> None:
    result = coder.code("Nigerien soldiers detained the president.")
    assert result.places == ()


def test_a_person_the_model_tags_as_a_place_is_not_a_place(coder: Coder) -> None:
    text = (
        "German Chancellor Olaf Scholz arrived in Nigeria on Sunday. "
        "President Bola Tinubu hosted Scholz at the presidential villa in Abuja on Monday."
    )
    result = coder.code(text, article_id="t", date="2023-10-30")
    assert [p.name for p in result.places] == ["Nigeria", "Abuja"]


def test_every_mention_is_a_place_in_text_order(coder: Coder) -> None:
    text = "Troops left Gao for Niamey, and Niamey was calm; Mali and Niger said nothing."
    result = coder.code(text)
    spans = [text[p.start : p.end] for p in result.places]
    assert spans == ["Gao", "Niamey", "Niamey", "Mali", "Niger"]
    assert [p.feature for p in result.places] == ["city", "city", "city", "country", "country"]
    assert [p.country for p in result.places] == ["MLI", "NER", "NER", "MLI", "NER"]


def test_admin1_region(coder: Coder) -> None:
    result = coder.code("Gunmen killed 12 villagers in Borno State on Sunday.")
    borno = result.places[0]
    assert (borno.name, borno.country, borno.feature) == ("Borno", "NGA", "admin1")
    assert borno.lat is not None and 10 < borno.lat < 14


def test_the_town_of(coder: Coder) -> None:
    text = "A car bomb exploded in the town of Tillaberi, killing four soldiers."
    result = coder.code(text)
    killing = event_with(result, "killing").location
    assert killing is not None
    assert (killing.name, killing.country, killing.feature) == ("Tillabéri", "NER", "city")


def test_place_the_model_mislabels(coder: Coder) -> None:
    # The small model does not tag "Zinder" as a place; the gazetteer does.
    result = coder.code("Hundreds of people protested in Zinder against the coup.")
    zinder = place_named(result, "Zinder")
    assert (zinder.country, zinder.feature) == ("NER", "city")


def test_place_to_dict_matches_the_contract(coder: Coder) -> None:
    place = coder.code("Soldiers demonstrated in Niamey.").places[0]
    assert place.to_dict() == {
        "name": "Niamey",
        "country": "NER",
        "lat": 13.51366,
        "lon": 2.1098,
        "geonameid": NIAMEY,
        "feature": "city",
        "start": 25,
        "end": 31,
    }


def location_of(coder: Coder, text: str, trigger: str) -> Place | None:
    return event_with(coder.code(text), trigger).location


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the most specific place of the phrase: the city, not the country around it
        (
            "Several thousand students marched through Sudan's capital, Khartoum, on Friday.",
            "marched",
            ("Khartoum", "SDN", "city"),
        ),
        (
            "Security forces patrolled Indonesia's Ambon city on Monday.",
            "patrolled",
            ("Ambon", "IDN", "city"),
        ),
        (
            "Dozens of people demonstrated outside the US embassy in London on Friday.",
            "demonstrated",
            ("London", "GBR", "city"),
        ),
        # the name after "the capital" whatever the parse made of it
        (
            "Thousands of teachers marched in the capital Warsaw on Friday.",
            "marched",
            ("Warsaw", "POL", "city"),
        ),
        # "north of X" is a place when nothing else is named ...
        (
            "Three suicide bombers attacked a police base north of Ramadi on Monday.",
            "attacked",
            ("Ramadi", "IRQ", "city"),
        ),
        # ... and only a reference point when something is: "in X, 20 miles south of Y"
        (
            "Soldiers killed two people in Mosul, 400 kilometres north of Baghdad, on Monday.",
            "killed",
            ("Mosul", "IRQ", "city"),
        ),
        # a prepositional phrase on the subject ("Quetta" is not tagged a place by the model)
        (
            "On Friday, motorcycle gunmen in Quetta shot and killed a prayer leader.",
            "shot",
            ("Quetta", "PAK", "city"),
        ),
        # coordinated verbs share the place ("shot and killed ... in Tbilisi")
        (
            "A UN worker from Poland was shot and killed in July outside her apartment in "
            "the Georgian capital of Tbilisi.",
            "shot",
            ("Tbilisi", "GEO", "city"),
        ),
    ],
)
def test_event_location_in_real_sentences(
    coder: Coder, text: str, trigger: str, expected: tuple[str, str, str]
) -> None:
    location = location_of(coder, text, trigger)
    assert location is not None
    assert (location.name, location.country, location.feature) == expected


def test_no_place_across_reported_speech(coder: Coder) -> None:
    """Where the minister spoke is not where the soldiers acted: no place for the detention,
    never Paris (and never France, the country the demonym names)."""
    text = (
        "French Foreign Minister Catherine Colonna said in Paris that soldiers detained the "
        "president."
    )
    assert location_of(coder, text, "detained") is None


def test_no_place_at_all_is_null(coder: Coder) -> None:
    assert location_of(coder, "Soldiers detained the president.", "detained") is None


def test_a_governed_place_beats_the_dateline(coder: Coder) -> None:
    text = "NIAMEY, July 28 (AFP) - Soldiers attacked a village near Tillaberi on Wednesday."
    location = location_of(coder, text, "attacked")
    assert location is not None
    assert (location.name, location.country) == ("Tillabéri", "NER")
    assert text[location.start : location.end] == "Tillaberi"


def test_the_green_zone_is_not_a_town_called_green(coder: Coder) -> None:
    result = coder.code("Dozens demonstrated outside the fortified Green Zone in Baghdad.")
    assert all(p.country != "USA" for p in result.places), result.places


def test_lafayette_louisiana_by_its_state(coder: Coder) -> None:
    result = coder.code("Police arrested two men in Lafayette, Louisiana, on Friday.")
    lafayette = place_named(result, "Lafayette")
    assert (lafayette.name, lafayette.country, lafayette.geonameid) == (
        "Lafayette",
        "USA",
        LAFAYETTE_LOUISIANA,
    )
    louisiana = place_named(result, "Louisiana")
    assert (louisiana.feature, louisiana.geonameid) == ("admin1", LOUISIANA)
    location = event_with(result, "arrested").location
    assert location is not None and location.geonameid == LAFAYETTE_LOUISIANA


def test_charleston_west_virginia_by_an_ap_abbreviation(coder: Coder) -> None:
    result = coder.code("Police arrested two men in Charleston, W.Va., on Friday.")
    charleston = place_named(result, "Charleston")
    assert (charleston.country, charleston.geonameid) == ("USA", CHARLESTON_WV)
    location = event_with(result, "arrested").location
    assert location is not None and location.geonameid == CHARLESTON_WV


def test_a_street_in_kabul_is_kabul(coder: Coder) -> None:
    result = coder.code("A car bomb exploded on Darulaman Road in Kabul on Monday.")
    road = place_named(result, "Darulaman Road")
    assert (road.name, road.country, road.feature, road.geonameid) == (
        "Kabul",
        "AFG",
        "city",
        KABUL,
    )


def test_a_facility_takes_the_city_of_its_sentence(coder: Coder) -> None:
    result = coder.code("Protesters gathered on Royal Street in New Orleans on Sunday.")
    street = place_named(result, "Royal Street")
    assert (street.name, street.feature, street.geonameid) == ("New Orleans", "city", NEW_ORLEANS)


def test_washington_said_is_a_government_not_a_place(coder: Coder) -> None:
    result = coder.code("Washington said it would impose new sanctions on Moscow.")
    assert [p.name for p in result.places] == ["Moscow"]


def test_washington_is_a_place_where_the_text_places_something(coder: Coder) -> None:
    text = "Washington said on Monday that thousands of protesters marched in Washington."
    result = coder.code(text)
    location = event_with(result, "marched").location
    assert location is not None and location.geonameid == WASHINGTON_DC


def test_a_name_after_a_title_is_a_person(coder: Coder) -> None:
    result = coder.code("Senator Warren met voters in Boston on Tuesday.")
    assert [result.article.text[p.start : p.end] for p in result.places] == ["Boston"]


def test_every_country_and_admin1_has_a_geonames_id_and_point(coder: Coder) -> None:
    gazetteer = coder.place_coder.gazetteer
    assert all(c.geonameid for c in gazetteer.countries.values())
    # A handful of curated regions sit on admin1 codes GeoNames no longer lists (AF.34 ...).
    assert sum(not a.geonameid for a in gazetteer.admin1.values()) <= 20
    usa = gazetteer.country("USA")
    assert (usa.geonameid, usa.lat, usa.lon) == (6252001, 39.76, -98.5)
    canada = gazetteer.country("CAN")
    assert (canada.geonameid, canada.lat, canada.lon) == (6251999, 60.10867, -113.64258)


def test_the_ranker_ships_and_can_be_switched_off(coder: Coder) -> None:
    assert coder.place_coder.ranker is not None
    rules = coder.place_coder.with_ranker(None)
    assert rules.ranker is None and rules.gazetteer is coder.place_coder.gazetteer


def test_a_seat_in_a_story_that_names_its_country_is_its_capital(coder: Coder) -> None:
    # Britain named three times must not send "Washington" to Washington, Tyne and Wear.
    text = (
        "Britain expelled 23 diplomats. Britain said the United States backed it, and "
        "officials in Washington promised support. Britain and Russia traded accusations."
    )
    result = coder.code(text)
    assert place_named(result, "Washington").geonameid == WASHINGTON_DC


def test_a_seat_keeps_its_namesakes_in_regions_the_text_names(coder: Coder) -> None:
    text = (
        "Britain sent condolences. Police in London said the fire in Ontario was out. "
        "Britain's envoy visited London on Monday."
    )
    toponyms = coder.place_coder.finder.find(coder.nlp(text))
    london = next(t for t in toponyms if t.text == "London")
    # the United Kingdom's London and the Ontario one; no London, Ohio or London, Kentucky
    assert {c.iso3 for c in london.candidates} == {"GBR", "CAN"}
    assert {c.admin1 for c in london.candidates if c.iso3 == "CAN"} == {"CA.08"}


def test_an_alternate_spelling_does_not_outrank_the_name_itself(coder: Coder) -> None:
    gazetteer = coder.place_coder.gazetteer
    washingtons = {c.name for c in gazetteer.lookup("Washington")}
    assert "Watervliet" not in washingtons and "Reisterstown" not in washingtons
    # a longer form that starts with the name stays ("Newcastle" is Newcastle upon Tyne)
    assert "Newcastle upon Tyne" in {c.name for c in gazetteer.lookup("Newcastle")}
    # the everyday short form is the city's own name, not an alternate spelling
    new_york = [c for c in gazetteer.lookup("New York") if c.feature == "city"]
    assert new_york[0].name == "New York City" and new_york[0].primary


def test_a_person_named_earlier_is_not_a_place(coder: Coder) -> None:
    text = (
        "The Blue Jays will open a season without Jose Bautista at the Rogers Centre in "
        "Toronto. Bautista certainly gave fans plenty to cheer about."
    )
    result = coder.code(text)
    named = [result.article.text[p.start : p.end] for p in result.places]
    assert "Bautista" not in named
    assert place_named(result, "Rogers Centre").name == "Toronto"


def test_a_square_named_after_a_capital_is_a_square(coder: Coder) -> None:
    text = "Protesters gathered in Washington Square in New York on Sunday."
    result = coder.code(text)
    square = place_named(result, "Washington Square")
    assert square.geonameid != WASHINGTON_DC


def test_english_counties_are_places_in_england(coder: Coder) -> None:
    result = coder.code("Floods closed roads across Yorkshire and Cheshire on Friday.")
    assert [(p.name, p.country) for p in result.places] == [
        ("Yorkshire", "GBR"),
        ("Cheshire", "GBR"),
    ]


def location_text(result: Result, trigger: str) -> str | None:
    location = event_with(result, trigger).location
    return None if location is None else result.article.text[location.start : location.end]


def test_a_village_the_gazetteer_does_not_know_is_where_the_text_says(coder: Coder) -> None:
    result = coder.code(
        "At least seven civilians were killed and nine injured in the village of Sousan in "
        "northern Aleppo on Sunday."
    )
    assert location_text(result, "killed") == "Sousan"
    sousan = place_named(result, "Sousan")
    assert (sousan.lat, sousan.geonameid) == (None, None)  # named, not mapped


def test_a_neighbourhood_named_like_a_person_is_a_place(coder: Coder) -> None:
    result = coder.code(
        "At least 17 civilians were killed in fighting around the Homs neighbourhood of Baba Amr."
    )
    names = [result.article.text[p.start : p.end] for p in result.places]
    assert "Baba Amr" in names and "Baba" not in names


def test_a_captured_town_inside_the_region_named_with_it(coder: Coder) -> None:
    result = coder.code("In 1996 Iraq captured Irbil in northern Iraq.")
    assert location_text(result, "captured") == "Irbil"
    # a man the gazetteer does not know stays a man
    result = coder.code("Turkey captured Ocalan in Kenya in February.")
    assert location_text(result, "captured") == "Kenya"


def test_a_place_the_model_tags_as_a_work_of_art(coder: Coder) -> None:
    result = coder.code(
        "Riot police clashed briefly with demonstrators outside the Turkish consulate in "
        "Thessaloniki Tuesday."
    )
    assert place_named(result, "Thessaloniki").country == "GRC"


def test_the_city_named_beats_the_building_placed_in_it(coder: Coder) -> None:
    result = coder.code(
        "A student was shot at Vanderbilt University Medical Center in Nashville on Monday."
    )
    assert location_text(result, "shot") == "Nashville"


def test_places_the_model_tags_as_people(coder: Coder) -> None:
    result = coder.code(
        "Two were killed in a suicide blast in the southern town of Lashkar Gah on Thursday. "
        "Police patrolled the quiet streets of Aceh's capital, Banda Aceh."
    )
    assert place_named(result, "Lashkar Gah").country == "AFG"
    assert place_named(result, "Banda Aceh").country == "IDN"
    assert location_text(result, "killed") == "Lashkar Gah"


def test_an_unknown_suburb_before_a_date(coder: Coder) -> None:
    result = coder.code(
        "Another 19 people were killed in a bomb attack in the Colombo suburb of Nugegoda on "
        "November 28."
    )
    assert location_text(result, "killed") == "Nugegoda"


def test_a_nationality_is_not_where_it_happened(coder: Coder) -> None:
    result = coder.code(
        "Four US soldiers were killed and 12 soldiers wounded in the flashpoint city of Baquba "
        "on Monday."
    )
    assert location_text(result, "killed") == "Baquba"
    # a possessor does place it
    result = coder.code("Mexico's acting federal police chief was shot dead early Thursday.")
    assert location_text(result, "shot") == "Mexico"


def test_a_town_inside_the_province_named_for_the_same_event(coder: Coder) -> None:
    result = coder.code(
        "In Diyala province, five members of a family were killed when a roadside bomb struck "
        "their van near Mandali on Sunday."
    )
    assert location_text(result, "killed") == "Mandali"


def test_a_place_that_opens_the_sentence_sets_the_scene_for_what_it_reports(
    coder: Coder,
) -> None:
    result = coder.code(
        "In the ancient West Bank town of Jericho, hospital officials said soldiers shot dead "
        "a 20-year-old Palestinian man."
    )
    assert location_text(result, "shot") == "Jericho"


def test_a_part_of_a_place_leads_to_the_place(coder: Coder) -> None:
    result = coder.code(
        "He was captured, shot and his body left hanging in a compound on the southern edge "
        "of Kabul."
    )
    assert location_text(result, "captured") == "Kabul"


def test_a_place_the_text_has_just_given_carries_to_the_next_sentences(coder: Coder) -> None:
    result = coder.code(
        "AHMEDABAD, March 17 (PTI) - Tension ran high across the state on Sunday. In Vadodara, "
        "one person was killed in police firing on a mob. Police fired 14 rounds to disperse "
        "the crowd.\n\nThe chief minister said the situation was under control.",
        date="2002-03-17",
    )
    assert location_text(result, "fired") == "Vadodara"
    # Statements are where the speaker is (the dateline), and a paragraph break ends the scene.
    assert location_text(result, "said") == "AHMEDABAD"


def test_the_scene_does_not_carry_to_events_of_another_country(coder: Coder) -> None:
    result = coder.code(
        "Gunmen killed three soldiers in Diffa on Monday. French troops arrested a Malian "
        "militant leader.",
        date="2024-03-04",
    )
    assert event_with(result, "arrested").location is None


def test_a_dateline_the_gazetteer_lacks_places_its_story(coder: Coder) -> None:
    result = coder.code(
        "SPINWAM, April 5 (APP):The army chief inaugurated two projects. Speaking to "
        "tribal elders, he said Pakistan had defeated terrorism. Pakistan's army thanked the "
        "elders.",
        date="2018-04-05",
    )
    dateline = place_named(result, "SPINWAM")
    assert (dateline.country, dateline.lat) == ("PAK", None)
    assert location_text(result, "thanked") == "SPINWAM"


def test_a_town_named_as_a_town_in_lower_case_copy(coder: Coder) -> None:
    result = coder.code(
        "baroda: curfew was clamped in chhota udaipur town in baroda district of gujarat, where "
        "police on thursday opened fire to disperse a stone-pelting mob. earlier, police fired "
        "12 rounds to disperse a mob in the tribal town of kawant.",
        date="2002-03-14",
    )
    # the model's "chhota" and the gazetteer's "Udaipur" (Rajasthan) are one name
    assert location_text(result, "curfew") == "chhota udaipur"
    # a "where" clause happened at the most specific place of the chain it hangs on
    assert location_text(result, "opened") == "chhota udaipur"
    assert location_text(result, "fired") == "kawant"


def test_it_happened_in_x_places_what_the_sentence_before_reported(coder: Coder) -> None:
    result = coder.code(
        "NEW YORK (AP) - Police officers fatally shot a man carrying a metal pipe on Wednesday. "
        "It happened just before 5 p.m. in the Crown Heights neighborhood of Brooklyn.",
        date="2018-04-05",
    )
    assert location_text(result, "shot") == "Crown Heights"
    # Without the occurrence sentence, the dateline.
    alone = coder.code(
        "NEW YORK (AP) - Police officers fatally shot a man carrying a metal pipe on Wednesday. "
        "The mayor was in Brooklyn.",
        date="2018-04-05",
    )
    assert location_text(alone, "shot") == "NEW YORK"


def test_the_object_of_a_verb_that_takes_places_is_a_place(coder: Coder) -> None:
    # The model calls these towns a product; "captured" takes places.
    result = coder.code(
        "Croatian and Bosnian Croat troops captured Grahovo and Glamoc, another mainly Bosnian "
        "Serb town, last Friday."
    )
    assert place_named(result, "Grahovo").country == "BIH"
    assert place_named(result, "Glamoc").country == "BIH"
    # A name the gazetteer lacks is kept, without coordinates; a person is not a place.
    unknown = coder.code("Rebels stormed Kafr Nabudah overnight and captured Hassan Ali.")
    assert place_named(unknown, "Kafr Nabudah").lat is None
    assert all("Hassan" not in p.name for p in unknown.places)
    # A name the model does not tag at all, captured by police, is a man (Troia is also a town).
    assert coder.code("Police captured Troia at dawn after bursting into his flat.").places == ()


def test_a_shantytown_is_a_settlement(coder: Coder) -> None:
    result = coder.code(
        "About 10 people have been shot and killed in the seaside Cite Soleil shantytown."
    )
    assert location_text(result, "shot") == "Cite Soleil"


def test_a_reference_point_waits_for_a_place_named_directly(coder: Coder) -> None:
    result = coder.code(
        "A bomber killed two soldiers and wounded two more people in Balad, 70 kilometres "
        "north of Baghdad."
    )
    assert location_text(result, "killed") == "Balad"
    # ... also in a clause of the event: "when a car bomb went off ... in the town of X"
    fronted = coder.code(
        "South of Baghdad, at least 10 people were killed when a car bomb went off near a "
        "bank in a market in the town of Suwayra, police said."
    )
    assert location_text(fronted, "killed") == "Suwayra"


def test_a_fronted_place_hung_on_an_apposition_sets_the_scene(coder: Coder) -> None:
    result = coder.code(
        "In Pijijiapan, the town worst-hit by last week's flooding, police with sniffer dogs "
        "patrolled river banks."
    )
    assert location_text(result, "patrolled") == "Pijijiapan"


def test_a_material_event_takes_the_place_of_another_in_its_sentence(coder: Coder) -> None:
    result = coder.code(
        "Moqaddas was shot dead in his car after leaving his central Tehran office."
    )
    assert location_text(result, "shot") == "Tehran"


def test_a_town_in_a_clause_on_the_patient_refines_a_country(coder: Coder) -> None:
    result = coder.code(
        "In scattered violence Monday across Iraq, gunmen in two cars shot dead an off-duty "
        "police officer walking near his home in the northern city of Mosul."
    )
    assert location_text(result, "shot") == "Mosul"


def test_the_home_of_the_doer_of_a_passive_places_it(coder: Coder) -> None:
    result = coder.code(
        "The electrician was shot eight times by London police in a subway station."
    )
    assert location_text(result, "shot") == "London"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("The army regained most of the towns in eastern Ghouta.", "Ghouta", "SYR"),
        ("A drone strike hit a compound in North Waziristan.", "North Waziristan", "PAK"),
        ("Fighting resumed in the Kodori Gorge on Sunday.", "Kodori Gorge", "GEO"),
    ],
)
def test_conflict_areas_gazetteers_lack_are_regions(
    coder: Coder, text: str, name: str, country: str
) -> None:
    place = place_named(coder.code(text), name)
    assert (place.country, place.feature) == (country, "region")
