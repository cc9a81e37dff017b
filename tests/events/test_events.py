"""Event coding: real sentences in, exact (source, CAMEO code, target) and factuality out."""

from __future__ import annotations

import pytest

from eventcoder import Coder
from eventcoder.records import Event
from tests.helpers import triples

DATE = "2023-07-28"


def code(coder: Coder, text: str) -> list[Event]:
    return list(coder.code(text, article_id="t", date=DATE).events)


def only(events: list[Event], cameo: str) -> Event:
    found = [e for e in events if e.cameo == cameo]
    assert len(found) == 1, [(e.cameo, e.rule) for e in events]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # material conflict
        ("Nigerien soldiers detained President Mohamed Bazoum.", ("NERMIL", "173", "NERGOV")),
        ("Kenyan police arrested dozens of protesters in Nairobi.", ("KENCOP", "173", "KENCVL")),
        ("Russian jets bombed rebel positions in Syria.", ("RUSMIL", "195", "SYRREB")),
        ("Malian rebels attacked a French army base.", ("MLIREB", "190", "FRAMIL")),
        ("Kenyan protesters rioted in Nairobi.", ("KENCVL", "145", "-")),
        ("Thousands of Nigerien students demonstrated against France.", ("NEREDU", "141", "FRA")),
        ("The Nigerien junta imposed a curfew.", ("NERMIL", "1723", "-")),
        ("The United States imposed sanctions on Iran.", ("USA", "163", "IRN")),
        ("Niger expelled the French ambassador.", ("NER", "161", "FRAGOV")),
        # cooperation and diplomacy
        ("French President Emmanuel Macron visited Nigeria.", ("FRAGOV", "042", "NGA")),
        ("Germany and France signed a trade agreement with Nigeria.", ("DEU", "057", "NGA")),
        ("The World Bank gave Niger humanitarian aid.", ("IGOUNOWBK", "07", "NER")),
        ("The rebels released two French hostages.", ("REB", "0841", "FRACVL")),
        ("The European Union lifted sanctions on Niger.", ("IGOEUREEC", "085", "NER")),
        ("Turkey mediated between Ethiopia and Somalia.", ("TUR", "045", "-")),
        (
            "The Latvian Constitutional Court cancelled restrictions on the Russian language.",
            ("LVAJUD", "081", "RUS"),
        ),
        (
            "The Mozambique government accepted demands from Shona rebels.",
            ("MOZGOV", "080", "MOZREB"),
        ),
        # verbal conflict
        ("France condemned the coup in Niger.", ("FRA", "111", "-")),
        (
            "Amnesty International accused the Kenyan police of torture.",
            ("NGOHRIAMN", "1122", "KENCOP"),
        ),
        ("Mali rejected the proposal of ECOWAS.", ("MLI", "120", "IGOWAFWAS")),
        # drawing criticism: the subject is criticised, "from X" criticises
        (
            "The Kenyan government drew criticism from Amnesty International.",
            ("NGOHRIAMN", "111", "KENGOV"),
        ),
        (
            "ECOWAS demanded the release of President Mohamed Bazoum.",
            ("IGOWAFWAS", "1053", "NERGOV"),
        ),
        (
            "ECOWAS threatened sanctions against the Nigerien junta.",
            ("IGOWAFWAS", "1312", "NERMIL"),
        ),
        (
            "ECOWAS threatened to use force against the Nigerien junta.",
            ("IGOWAFWAS", "138", "NERMIL"),
        ),
        ("The UN urged the Malian junta to release the prisoners.", ("IGOUNO", "0253", "MLIMIL")),
        # "called for X to resign": an appeal to X for its resignation
        (
            "Kenya's opposition called for President Uhuru Kenyatta to resign.",
            ("KENOPP", "0241", "KENGOV"),
        ),
        # police recovering weapons seize them (1711); an army flag march shows force (150)
        (
            "Indian police recovered 50 petrol bombs and sharp weapons from the area.",
            ("INDCOP", "1711", "-"),
        ),
        ("The Indian army held a flag march in the riot-hit town.", ("INDMIL", "150", "-")),
        # a gerund used as a noun is done by its modifier, as an event noun is
        (
            "Nearly a week after the police shooting of a black man here sparked sometimes "
            "violent protests, the city remains in a state of limbo.",
            ("COP", "193", "CVL"),
        ),
        # legal process: a person sentenced or convicted is 173, an organisation convicted 116
        (
            "A Moscow court sentenced the activist to 30 days in jail.",
            ("RUSJUD", "173", "RUSCVL"),
        ),
        ("A Kenyan court convicted the opposition party of fraud.", ("KENJUD", "116", "OPP")),
        # police opening fire on protesters: 193 (the codebook's example), tear gas 175
        ("Kenyan police shot at protesters in Nairobi.", ("KENCOP", "193", "KENCVL")),
        ("Kenyan police fired tear gas at protesters in Nairobi.", ("KENCOP", "175", "KENCVL")),
    ],
)
def test_event_codes(coder: Coder, sentence: str, expected: tuple[str, str, str]) -> None:
    found = triples(coder.code(sentence, article_id="t", date=DATE))
    source, cameo, target = expected
    matching = {t for t in found if t[0].startswith(source) and t[1].startswith(cameo)}
    assert matching, found
    assert any(t[2].startswith(target) if target != "-" else t[2] == "-" for t in matching), found


def test_passive_with_agent_codes_the_agent_as_source(coder: Coder) -> None:
    event = only(code(coder, "President Bazoum was detained by Nigerien soldiers."), "173")
    assert (event.source and event.source.code, event.target and event.target.code) == (
        "NERMIL",
        "NERGOV",
    )


def test_passive_without_agent_keeps_the_target_only(coder: Coder) -> None:
    event = only(code(coder, "The Nigerien president was detained on Wednesday."), "173")
    assert event.source is None
    assert event.target is not None and event.target.code == "NERGOV"


def test_compound_subject_gives_one_event_per_actor(coder: Coder) -> None:
    events = code(coder, "Germany and the United States condemned the coup in Niger.")
    sources = sorted(e.source.code for e in events if e.cameo == "111" and e.source)
    assert sources == ["DEU", "USA"]
    assert all(e.target is None or e.target.code != "USA" for e in events)


def test_compound_subject_of_a_meeting_is_reciprocal(coder: Coder) -> None:
    found = triples(coder.code("Scholz and Macron met in Paris.", article_id="t", date=DATE))
    assert ("DEUGOV", "040", "FRAGOV") in found or ("-", "040", "-") not in found
    pairs = {(s, t) for s, c, t in found if c == "040"}
    assert len(pairs) == 2 and all(s != t for s, t in pairs), found


def test_negation_is_recorded(coder: Coder) -> None:
    event = only(code(coder, "Kenyan police did not arrest the protesters."), "173")
    assert event.factuality == "negated"


@pytest.mark.parametrize(
    ("sentence", "factuality"),
    [
        # An event noun in an adjunct of a verb that may happen may happen too.
        (
            "Further sanctions could be decided at an emergency summit of ECOWAS leaders.",
            "hypothetical",
        ),
        ("ECOWAS leaders could agree on sanctions during talks with the junta.", "hypothetical"),
        # ... but a negated verb does not negate the summit it was at.
        ("The minister did not speak at the summit of ECOWAS leaders.", "asserted"),
    ],
)
def test_event_nouns_in_adjuncts_take_the_verbs_possibility(
    coder: Coder, sentence: str, factuality: str
) -> None:
    nouns = [e for e in code(coder, sentence) if e.cameo.startswith("04")]
    assert nouns and all(e.factuality == factuality for e in nouns), nouns


def test_possibility_is_hypothetical_not_asserted(coder: Coder) -> None:
    events = code(coder, "ECOWAS could impose sanctions on Niger at the summit.")
    event = only(events, "163")
    assert event.factuality == "hypothetical"
    assert event.source is not None and event.source.code == "IGOWAFWAS"


def test_speculation_that_sanctions_could_be_decided(coder: Coder) -> None:
    events = code(coder, "Sanctions against Niger could be decided at the ECOWAS summit.")
    assert events and all(e.factuality == "hypothetical" for e in events if e.cameo == "163")


def test_announced_own_action_is_an_intent_and_a_hypothetical_action(coder: Coder) -> None:
    events = code(coder, "Germany will send humanitarian aid to Niger.")
    intent = [e for e in events if e.cameo.startswith("03")]
    action = [e for e in events if e.cameo.startswith("07")]
    assert intent and intent[0].factuality == "asserted"
    assert action and action[0].factuality == "hypothetical"
    assert intent[0].rule.startswith("intent:")


def test_threat_to_act_is_a_threat_with_the_act_hypothetical(coder: Coder) -> None:
    events = code(coder, "ECOWAS said it would impose sanctions on the Nigerien junta.")
    threat = only(events, "1312")
    assert threat.factuality == "asserted"
    sanction = only(events, "163")
    assert sanction.factuality == "hypothetical"


def test_reported_speech_codes_the_reported_event(coder: Coder) -> None:
    events = code(coder, "The army said rebels attacked a police station in the north.")
    attack = only(events, "190")
    assert attack.source is not None and attack.source.code == "REB"
    # The speech act is an event of its own, besides the events it reports.
    statement = only(events, "010")
    assert statement.source is not None and statement.source.code == "MIL"


def test_plain_statement_is_010(coder: Coder) -> None:
    events = code(coder, "The Nigerien junta said the president was in good health.")
    event = only(events, "010")
    assert event.source is not None and event.source.code == "NERMIL"


def test_nominal_triggers(coder: Coder) -> None:
    events = code(coder, "Supporters of the junta staged a demonstration in Niamey.")
    assert only(events, "141").source is not None
    events = code(coder, "Protests erupted in Nairobi after Kenyan police killed a teacher.")
    assert any(e.cameo.startswith("14") for e in events)
    events = code(coder, "The Nigerien junta announced a nationwide curfew.")
    assert only(events, "1723").source is not None


def test_event_records_carry_ontology_evidence_and_rule(coder: Coder) -> None:
    text = "Nigerien soldiers detained President Mohamed Bazoum."
    event = only(code(coder, text), "173")
    assert event.cameo_root == "17"
    assert event.quad_class == 4
    assert event.goldstein == -5.0
    assert event.plover is not None and event.plover.type == "COERCE"
    assert event.plover.mode == "arrest"
    assert text[event.start : event.end] == text
    assert event.trigger == "detained"
    assert event.rule.startswith("verbs:173:detain")
    assert event.rule_line is not None and event.rule_line.startswith("verbs/")
    assert event.date == DATE and event.date_basis == "publication"


def test_events_without_any_coded_actor_are_not_emitted(coder: Coder) -> None:
    assert code(coder, "It rained heavily and the match was postponed.") == []


def test_nominal_event_object_of_an_uncoded_verb_takes_its_subject(coder: Coder) -> None:
    # "speeded up" is not an event; the withdrawal it governs is done by its subject.
    events = code(coder, "The United States speeded up the withdrawal of its forces from Panama.")
    withdrawals = [e for e in events if e.cameo == "0874"]
    assert withdrawals and all(e.source and e.source.code == "USA" for e in withdrawals)
    # A coded verb says something about the nominal event: the attack is not Germany's.
    condemned = code(coder, "Germany condemned the attack on the embassy.")
    assert {e.cameo for e in condemned} == {"111"}


@pytest.mark.parametrize(
    ("sentence", "cameo", "dead", "injured"),
    [
        ("Gunmen killed five people and wounded 40 in an attack on a market.", "190", 5, 40),
        ("Police fired at the mob, killing one and injuring at least eight others.", "193", 1, 8),
        ("A suicide car bomb has killed 13 soldiers and wounded 56 more.", "1831", 13, 56),
        ("One person was killed in police firing on a mob in Vadodara.", "193", 1, None),
        ("Dozens were killed in sectarian clashes.", "190", 24, None),
    ],
)
def test_casualties(
    coder: Coder, sentence: str, cameo: str, dead: int | None, injured: int | None
) -> None:
    event = next(e for e in code(coder, sentence) if e.cameo == cameo)
    assert (event.dead, event.injured) == (dead, injured)


@pytest.mark.parametrize(
    ("sentence", "size"),
    [
        ("About 1,000 people marched in Niamey on Sunday.", 1000),
        ("Thousands of protesters demonstrated against the junta.", "thousands"),
        ("Protesters demonstrated against the junta.", None),
    ],
)
def test_crowd_size(coder: Coder, sentence: str, size: int | str | None) -> None:
    (protest,) = [e for e in code(coder, sentence) if e.cameo.startswith("14")]
    assert protest.size == size


def test_agentless_passives_are_events_without_actors(coder: Coder) -> None:
    curfew = only(code(coder, "A curfew was imposed in the old city."), "1723")
    assert curfew.source is None and curfew.target is None and curfew.factuality == "asserted"
    arrest = only(code(coder, "So far 3,976 persons have been arrested."), "173")
    assert arrest.source is None and arrest.target is not None and arrest.target.code == "CVL"
    # A statement needs a speaker: "were said to be" is no speech act of anybody.
    said = code(coder, "The soldiers were said to be on leave from a nearby military base.")
    assert not [e for e in said if e.cameo.startswith("01")]


def test_a_name_read_as_the_verb_is_given_back_its_verb(coder: Coder) -> None:
    # The small model reads "ECOWAS" as the verb and "imposed" as its conjunct.
    events = code(
        coder,
        "ECOWAS heads of state, meeting in Accra on Thursday, imposed heavy sanctions on Guinea "
        "and closed the borders.",
    )
    assert ("IGOWAFWAS", "163", "GIN") in triples_of(events)


def test_a_second_object_read_as_an_adverb_is_the_object(coder: Coder) -> None:
    # "gave the junta two weeks to ...": "weeks" is the direct object (a deadline, 139).
    events = code(coder, "The African Union gave the Malian junta two weeks to hold elections.")
    assert ("IGOAFRAFU", "139", "MLIMIL") in triples_of(events)


def triples_of(events: list[Event]) -> set[tuple[str, str, str]]:
    return {
        (
            e.source.code or "-" if e.source else "-",
            e.cameo,
            e.target.code or "-" if e.target else "-",
        )
        for e in events
    }


@pytest.mark.parametrize(
    ("sentence", "cameo", "factuality"),
    [
        ("No-one was injured in the shooting.", "193", "negated"),
        ("Nobody was arrested.", "173", "negated"),
        (
            "As Commander of Oregon's Guard, I'm deeply troubled by Trump's plan to militarise "
            "our border.",
            "154",
            "hypothetical",
        ),
        ("There had been no request to send troops to the border.", "154", "hypothetical"),
    ],
)
def test_negative_subjects_and_planned_actions(
    coder: Coder, sentence: str, cameo: str, factuality: str
) -> None:
    assert only(code(coder, sentence), cameo).factuality == factuality


def test_a_killing_with_no_weapon_named_is_190(coder: Coder) -> None:
    killing = only(code(coder, "The police killing of an unarmed man sparked protests."), "190")
    assert killing.source is not None and killing.source.code == "COP"


@pytest.mark.parametrize(
    ("sentence", "figurative"),
    [
        ("Donald Trump attacked Hillary Clinton over her emails.", True),
        ("Senator Bernie Sanders fired back at the Clinton campaign.", True),
        ("Russia attacked Ukraine.", False),
        ("The army attacked rebel positions.", False),
        ("Gunmen attacked Senator John Smith's convoy, killing two guards.", False),
    ],
)
def test_figurative_conflict_is_criticism(coder: Coder, sentence: str, figurative: bool) -> None:
    events = coder.code(sentence, date="2016-06-13").events
    conflict = [e for e in events if e.cameo[:2] in ("18", "19", "20")]
    criticism = [e for e in events if e.rule.startswith("figurative:")]
    assert bool(criticism) == figurative and bool(conflict) != figurative
    assert all(e.cameo == "111" for e in criticism)


def test_police_firing_compound(coder: Coder) -> None:
    (firing,) = [
        e
        for e in code(coder, "three others died in police firing in khambhat taluka.")
        if e.cameo == "193"
    ]
    # Khambhat is a town of India only (lexicon/towns.py): the police are India's.
    assert firing.source is not None and firing.source.code == "INDCOP" and firing.dead == 3


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # An occurrence verb reports a conflict event as having happened: coded with nobody
        # named (argument_rules.tsv `occurred`).
        ("A car bomb exploded in the market on Monday.", ("-", "1832", "-")),
        ("Clashes broke out in Tripoli on Friday.", ("-", "190", "-")),
        ("Violence was reported from Aligarh and Rajasthan.", ("-", "180", "-")),
        # Undergo verbs: the subject is hit; "from X", "at the hands of X" name the doer.
        (
            "Turkey has suffered a series of bombings at the hands of Kurdish militants.",
            ("TURREB", "183", "TUR"),
        ),
        ("Israel faces a threat from Iran.", ("IRN", "130", "ISR")),
        # "under" a curfew or an arrest; "in" what one does.
        ("By Friday, 37 cities in the state were under curfew.", ("-", "1723", "-")),
        ("More areas were brought under curfew on Friday.", ("-", "1723", "-")),
        ("Curfew was clamped in Gandhinagar.", ("-", "1723", "-")),
        ("A mob indulging in arson gathered.", ("CVL", "1712", "-")),
        ("The minister faced criticism from the opposition.", ("OPP", "111", "GOV")),
    ],
)
def test_occurrence_and_undergo_verbs(
    coder: Coder, sentence: str, expected: tuple[str, str, str]
) -> None:
    assert triples(coder.code(sentence, article_id="t", date=DATE)) == {expected}


def test_talks_that_opened_need_a_party(coder: Coder) -> None:
    # Only conflict codes occur without actors: "talks opened" alone says nothing.
    assert code(coder, "Talks opened in Geneva on Monday.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A that-clause saying an actor did wrong: an accusation of that actor.
        ("They argue that the EPA overstepped its regulatory authority.", ("-", "112", "USAGOV")),
        (
            "Turkish officials say Kurdish militants were behind the attack.",
            ("TURGOV", "112", "REB"),
        ),
        # A judgement of an actor: a criticism.
        ("President Obama said Russia was weak.", ("USAGOV", "111", "RUS")),
        # ... also of what belongs to the actor: its possessor is the target.
        (
            "President Obama said some of Russia's rhetoric has been patronizing.",
            ("USAGOV", "111", "RUS"),
        ),
        # No cue, or the cue negated: a plain statement.
        ("The minister said the talks were productive.", ("GOV", "010", "-")),
        ("The minister said the army was not responsible for the attack.", ("GOV", "010", "-")),
    ],
)
def test_statements_that_accuse_or_criticise(
    coder: Coder, sentence: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(coder.code(sentence, article_id="t", date=DATE))
    assert not [e for e in coder.code(sentence, date=DATE).events if e.cameo == "010"] or (
        expected[1] == "010"
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Force used in order to do something to somebody: that somebody is the target.
        ("Police fired 12 rounds to disperse a rampaging mob.", ("COP", "193", "CVL")),
        # Two groups of civilians are two actors, though coded alike.
        ("12 people were killed by the rioters.", ("CVL", "190", "CVL")),
        ("Gunmen fired on a security patrol.", ("UAF", "193", "COP")),
        # Killed in police firing (parsed "in [police] [firing on a mob]"): the police did it,
        # and the killing is coded as the firing (argument rule harm).
        ("One person was killed in police firing on a mob.", ("COP", "193", "CVL")),
        # Killed in somebody's attack: the attack's doer killed them.
        (
            "Five soldiers were killed in a Taliban ambush near Kandahar.",
            ("AFGREBTAL", "190", "AFGMIL"),
        ),
    ],
)
def test_targets_of_force(coder: Coder, sentence: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(coder.code(sentence, article_id="t", date=DATE))


def test_a_pronoun_coded_like_the_source_is_the_source(coder: Coder) -> None:
    events = code(coder, "Minsk will impose its own sanctions on the EU.")
    assert all(e.target is None or e.target.code != e.source.code for e in events if e.source)


def test_a_meeting_in_an_adjunct_is_held_by_the_clause_subject(coder: Coder) -> None:
    result = coder.code(
        "During talks with the rebels on Monday, the army said it would withdraw.", date=DATE
    )
    assert ("MIL", "046", "REB") in triples(result)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Reduced passives: the subject was shot, a headline's "by" phrase shot them.
        (
            "Two protesters shot dead in Nairobi\nPolice opened fire on a crowd on Tuesday.",
            ("-", "193", "KENCVL"),
        ),
        (
            "Protesters shot at by police in Lagos\nThe crowd fled.",
            ("NGACOP", "193", "NGACVL"),
        ),
        # A verb that always takes an object, with none: "Curfew lifted."
        (
            "Curfew lifted in Nairobi.\nThe Kenyan government ended the curfew on Monday.",
            ("-", "0813", "-"),
        ),
        (
            "Kenyan opposition leader detained after protests\nPolice gave no reason.",
            ("-", "173", "KENOPP"),
        ),
        # An active phrasal verb with "by" stays active.
        ("Kenyan government stood by its decision\nIt said so.", ("KENGOV", "052", "-")),
    ],
)
def test_reduced_passives(coder: Coder, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(coder.code(text, article_id="t", date=DATE))


@pytest.mark.parametrize(
    ("sentence", "cameo", "factuality"),
    [
        # What a denial reports is unconfirmed ...
        ("Kenya denied that its troops had killed civilians.", "190", "hypothetical"),
        # ... not what the denier also does beside it.
        (
            "The Clinton campaign denies any wrongdoing and points out that Sanders signed the "
            "same joint fundraising agreement.",
            "010",
            "asserted",
        ),
        (
            "The judge rejected a media request to make public the file, saying the courts have "
            "no business deciding what could be useful to voters.",
            "010",
            "asserted",
        ),
    ],
)
def test_the_scope_of_a_denial(coder: Coder, sentence: str, cameo: str, factuality: str) -> None:
    event = only(code(coder, sentence), cameo)
    assert event.factuality == factuality


@pytest.mark.parametrize(
    ("sentence", "sources"),
    [
        # A comparative ellipsis adds doers to the event: "..., as did Germany".
        ("France condemned the coup in Niger, as did Germany.", ["DEU", "FRA"]),
        (
            "The United States is deeply concerned about the violence, as is France.",
            ["FRA", "USA"],
        ),
        # Not a clause with a complement of its own, nor a reporting clause.
        ("France condemned the coup in Niger, as is the custom.", ["FRA"]),
        ("France condemned the coup in Niger, as the minister said.", ["FRA"]),
    ],
)
def test_comparative_ellipsis(coder: Coder, sentence: str, sources: list[str]) -> None:
    events = [e for e in code(coder, sentence) if e.cameo in ("111", "012")]
    assert sorted(e.source.code for e in events if e.source) == sources


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A participle of addressing someone sets the scene of the statement that follows.
        (
            "Speaking to reporters in Nairobi, the Kenyan interior minister said the talks had "
            "failed.",
            [("KENGOV", "010", "-")],
        ),
        (
            "Speaking to Somali officials in Mogadishu, the Kenyan interior minister said the "
            "talks had failed.",
            [("KENGOV", "010", "SOMGOV")],
        ),
    ],
)
def test_a_participle_of_addressing_sets_the_scene_of_a_statement(
    coder: Coder, sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    assert sorted(triples(coder.code(sentence, article_id="t", date=DATE))) == expected


def test_condemning_a_coup_targets_the_coup_leaders_named_before(coder: Coder) -> None:
    # referents.tsv: "the coup", "the attempt to seize power" stand for their authors, the
    # source of the latest earlier seizure of power (170) in the article.
    result = coder.code(
        "NIAMEY, July 27, 2023 - A group of soldiers announced on national television that "
        "they had taken power. The Economic Community of West African States condemned the "
        "attempt to seize power by force. The African Union firmly condemned the coup attempt.",
        date=DATE,
    )
    found = triples(result)
    assert ("IGOWAFWAS", "111", "NERMIL") in found
    assert ("IGOAFRAFU", "111", "NERMIL") in found


def test_an_act_noun_keeps_no_target_without_an_earlier_author_or_for_own_acts(
    coder: Coder,
) -> None:
    assert ("FRA", "111", "-") in triples(coder.code("France condemned the coup.", date=DATE))
    # Claiming an attack (015) is about the speaker's own act: no referent target.
    result = coder.code(
        "PORT-AU-PRINCE, March 4, 2024 - Armed gangs attacked the two main prisons of the "
        "capital. Gang leader Jimmy Cherizier claimed the attacks.",
        date=DATE,
    )
    assert all(e.target is None for e in result.events if e.cameo.startswith("01"))


def test_a_deadline_given_to_an_actor_is_an_ultimatum(coder: Coder) -> None:
    result = coder.code(
        "The Kenyan government gave the rebels 72 hours to lay down their arms.", date=DATE
    )
    assert ("KENGOV", "139", "REB") in {(s[:6], c, t[-3:]) for s, c, t in triples(result)}
    # A prison term is no deadline.
    assert "139" not in {c for _, c, _ in triples(coder.code("The court gave him five years."))}


def test_a_bloc_calling_on_soldiers_to_release_is_an_appeal_for_release(coder: Coder) -> None:
    # The small model reads "bloc called" as a noun with a reduced relative and hangs "to
    # release" on the verb: the root noun is the subject and the infinitive the framed act.
    result = coder.code(
        "NIAMEY, July 27, 2023 - ECOWAS condemned the coup in Niger. The West African bloc "
        "called on the soldiers to release President Bazoum immediately and unconditionally.",
        date=DATE,
    )
    assert ("IGOWAFWAS", "0253", "NERMIL") in triples(result)


def test_suspending_the_broadcasting_of_a_channel_restricts_the_media(coder: Coder) -> None:
    result = coder.code(
        "Burkina Faso's transitional authorities on Monday suspended the broadcasting of the "
        "channel France 24 throughout the country.",
        date=DATE,
    )
    assert ("BFAGOV", "1721", "FRAMED") in triples(result)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A reduced passive relative: the noun is the one arrested, nobody is named doing it.
        ("The number of persons arrested in the district has risen to 300.", ("-", "173", "CVL")),
        ("Police picked up three suspects from the market on Sunday.", ("COP", "173", "CRM")),
        ("The MLA was picked up by police from his residence on Tuesday.", ("COP", "173", "-")),
        ("Sixty people have been booked under the new anti-terror law.", ("-", "173", "CVL")),
        ("Four men were held in connection with the murder of a trader.", ("-", "173", "CVL")),
        ("The two leaders were lodged in the district jail.", ("-", "173", "-")),
        ("Police burst teargas shells at the rampaging mob in the town.", ("COP", "175", "CVL")),
    ],
)
def test_detention_and_crowd_control_words(
    coder: Coder, sentence: str, expected: tuple[str, str, str]
) -> None:
    assert expected in triples(coder.code(sentence, article_id="t", date=DATE))


def test_picking_up_a_thing_is_no_arrest(coder: Coder) -> None:
    events = code(coder, "The minister picked up the phone and called the governor.")
    assert not [e for e in events if e.cameo == "173"]


@pytest.mark.parametrize(
    ("sentence", "cameo", "dead"),
    [
        # The gerund "firing" as a noun: with its compound doer, after a "to" support verb,
        # and the deaths told by the clause it is the cause of.
        ("Police statistics show 125 people have died in police firing.", "193", 125),
        ("Forty of the people killed in the police firing were from the town.", "193", 40),
        ("Sixty of the people who died due to police firing were students.", "193", 60),
        ("Of the 100 that succumbed to the police firing, 60 were workers.", "193", 100),
        ("Three persons died when the police resorted to firing to disperse a mob.", "193", 3),
    ],
)
def test_deaths_in_police_firing(coder: Coder, sentence: str, cameo: str, dead: int) -> None:
    event = only(code(coder, sentence), cameo)
    assert event.source is not None and event.source.role == "COP"
    assert event.dead == dead


def test_the_dead_of_a_relative_clause_are_its_antecedent(coder: Coder) -> None:
    event = only(code(coder, "Two militants who were shot dead by the police were named."), "193")
    assert event.dead == 2 and event.source is not None and event.source.role == "COP"


def test_the_dead_of_a_firing_are_its_target(coder: Coder) -> None:
    # "died" is no event of its own: the firing that caused the deaths hit the dead.
    result = coder.code("Two protesters died in police firing in the town.", date=DATE)
    assert ("COP", "193", "CVL") in triples(result)


def test_an_accused_in_a_reduced_relative_is_the_target(coder: Coder) -> None:
    result = coder.code("Police arrested two teenagers accused of plotting an attack.", date=DATE)
    accusation = only(list(result.events), "112")
    assert accusation.target is not None and accusation.target.role == "CVL"


@pytest.mark.parametrize(
    ("sentence", "cameo"),
    [
        ("Not a single shop was looted in the town.", "171"),
        ("Not a single shop was looted in the town nor a single person killed.", "190"),
        ("No person arrested in the raids was produced in court.", "173"),
    ],
)
def test_a_negated_subject_negates_the_event(coder: Coder, sentence: str, cameo: str) -> None:
    assert only(code(coder, sentence), cameo).factuality == "negated"


def test_a_police_atrocity_is_repression_not_mass_killing(coder: Coder) -> None:
    events = code(coder, "Residents said a police atrocity led to a riot in the slum.")
    assert only(events, "175").source is not None
    assert not [e for e in events if e.cameo.startswith("20")]


@pytest.mark.parametrize(
    ("sentence", "cameo"),
    [
        # A passive subjunctive under a demand says what is asked for.
        ("The Congress chief demanded the minister be arrested.", "173"),
        # A power given is not its use.
        ("The new law empowers the police to arrest suspects without a warrant.", "173"),
        ("Sections of the act allow the police to arrest anyone withholding information.", "173"),
    ],
)
def test_demanded_and_permitted_acts_are_hypothetical(
    coder: Coder, sentence: str, cameo: str
) -> None:
    assert only(code(coder, sentence), cameo).factuality == "hypothetical"


def test_a_power_withheld_is_negated(coder: Coder) -> None:
    sentence = "Guard troops would not be allowed to arrest people crossing the border."
    assert only(code(coder, sentence), "173").factuality == "negated"


def test_a_negated_predication_leaves_its_subject_event_asserted(coder: Coder) -> None:
    sentence = "He said the arrests made under the act in the state were not valid."
    assert only(code(coder, sentence), "173").factuality == "asserted"
    assert only(code(coder, "No arrests were made."), "173").factuality == "negated"


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        # A definite event noun in a background adjunct refers to an event told before.
        ("Attacks on Christians have risen since the toppling of the regime in 2013.", "170"),
        ("In the wake of the president's remarks, the senator called for calm.", "010"),
    ],
)
def test_background_event_nouns_are_not_new_events(
    coder: Coder, sentence: str, absent: str
) -> None:
    assert absent not in [e.cameo for e in code(coder, sentence)]


def test_a_background_noun_with_a_day_of_its_own_is_reported(coder: Coder) -> None:
    events = code(
        coder,
        "The protest came after the police killing of an unarmed man on March 18 in Houston.",
    )
    assert any(e.cameo.startswith("19") or e.cameo.startswith("18") for e in events)


def test_pressing_ones_own_offensive_is_fighting_not_a_demand(coder: Coder) -> None:
    events = code(coder, "The rebels pressed their offensive on the town.")
    assert [e.cameo for e in events] == ["190"]
    # Pressing somebody else to act is still a demand.
    events = code(coder, "Washington pressed Moscow to halt its air strikes.")
    assert "1056" in [e.cameo for e in events]


def test_a_meeting_between_a_source_and_a_target_is_coded_both_ways(coder: Coder) -> None:
    events = code(
        coder, "Kenyan President William Ruto met Nigerian President Bola Tinubu in Abuja."
    )
    meetings = {(e.source.code, e.target.code) for e in events if e.cameo == "040"}
    assert meetings == {("KENGOV", "NGAGOV"), ("NGAGOV", "KENGOV")}
    # A visit is one-sided: one travels, the other hosts.
    events = code(coder, "French President Emmanuel Macron visited Nigeria.")
    assert [(e.source.code, e.cameo, e.target.code) for e in events] == [("FRAGOV", "042", "NGA")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The governor said at a Washington event that the rule was illegal.",
        "The Coptic Orthodox Church released a statement on its Facebook page.",
    ],
)
def test_where_a_statement_is_made_is_not_its_target(coder: Coder, sentence: str) -> None:
    statements = [e for e in code(coder, sentence) if e.cameo == "010"]
    assert [e.target for e in statements] == [None]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The harm takes the code of the act that did it, and the act is not coded twice.
        (
            "In Vadodara, one person was killed in police firing on a mob around midnight.",
            [("INDCOP", "193", "INDCVL")],
        ),
        ("At least eight people have been injured in stabbing incidents.", [("-", "182", "CVL")]),
        # A root's own code ("violence") says no more than "killed" does.
        ("Two people were killed in overnight violence in Ahmedabad.", [("-", "190", "INDCVL")]),
    ],
)
def test_a_harm_in_an_act_is_coded_as_that_act(
    coder: Coder, sentence: str, expected: list[tuple[str, str, str]]
) -> None:
    events = code(coder, sentence)
    assert [
        (e.source.code if e.source else "-", e.cameo, e.target.code if e.target else "-")
        for e in events
    ] == expected


def test_a_statement_to_the_media_has_no_target(coder: Coder) -> None:
    told = [e for e in code(coder, "A police official told CNN that the bomb was small.")]
    assert [(e.cameo, e.target) for e in told if e.trigger == "told"] == [("010", None)]
    # A political addressee stays the target.
    told = [e for e in code(coder, "The minister told the junta that talks would resume.")]
    assert [e.target.code for e in told if e.trigger == "told" and e.target] == ["MIL"]
