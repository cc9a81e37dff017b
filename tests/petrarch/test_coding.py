"""Coding with PETRARCH dictionaries: the suite's Validate dictionaries on a few of its own
sentences (skipped without ../shared), and small inline dictionaries layered over the
built-in data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder import Coder
from eventcoder.petrarch import PetrarchOptions
from eventcoder.records import Event
from tests.shared_paths import eval_dir

Triple = tuple[str, str, str]


def triples(events: tuple[Event, ...] | list[Event]) -> set[Triple]:
    return {
        (
            e.source.code if e.source and e.source.code else "---",
            e.target.code if e.target and e.target.code else "---",
            e.cameo,
        )
        for e in events
    }


@pytest.fixture(scope="module")
def validate(coder: Coder) -> Coder:
    folder = eval_dir("petrarch2_unittest")
    if folder is None:
        pytest.skip("../shared/eval/petrarch2_unittest is not on this machine")
    return Coder(nlp=coder.nlp, dictionaries=folder, dictionaries_only=True)


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        (  # infinitive under "about": the subject of "is" restores
            "Arnor is about to restore full diplomatic ties with Gondor almost five years "
            "after crowds trashed its embassy.",
            "1995-01-01",
            {("ARN", "GON", "064")},
        ),
        (  # agents before (NGO~) and after (~GOV) the actor
            "An MSF Arnor diplomat is about to restore full diplomatic ties with Gondor.",
            "1995-01-01",
            {("NGOARNGOV", "GON", "064")},
        ),
        (  # a redundant agent is not added twice
            "White House security officials are about to restore full diplomatic ties with "
            "Gondor and Arnor.",
            "1995-01-01",
            {("USAGOV", "GON", "064"), ("USAGOV", "ARN", "064")},
        ),
        (  # a synonym-set pattern with a multi-word member
            "Arnor will contribute a million swiss francs to Gondor.",
            "1995-01-01",
            {("ARN", "GON", "903")},
        ),
        (  # '+ WAS * DEAD IN $': the markers choose source and target
            "An Eriadorian was shot dead in Osgiliath, the state's fiercest foe.",
            "1995-01-12",
            {("OSG", "ERI", "224")},
        ),
        (  # '% * [030:030]': a compound subject agrees with itself, both ways
            "The Philippines and France agree that territorial disputes should be resolved "
            "through international arbitration.",
            "1995-01-03",
            {("PHL", "FRA", "030"), ("FRA", "PHL", "030")},
        ),
        (  # [032:033]: the visit and its reverse
            "Bree President Romendacil arrived in Gondor on Monday on his first official visit.",
            "1995-01-17",
            {("BREGOV", "GON", "032"), ("GON", "BREGOV", "033")},
        ),
        (  # most specific pattern first: 'HEAVILY UNJUSTLY *' over 'HEAVILY *'
            "Bree Prime Minister Romendacil most certainly won't ever clash over the efforts "
            "of Eriadori to deal with an orc infestation.",
            "1995-01-11",
            {("BREGOV", "ERI", "907")},
        ),
        (  # '* THEIR ^ ABOUT +': '^' skips the rest of a phrase after its possessive
            "Ithilen and the government of Gondor warned their populations about the Prince "
            "of Dol_Amroth.",
            "1999-08-09",
            {("GONGOV", "DOL", "162"), ("ITH", "DOL", "162")},
        ),
        (  # an infinitive describing the object did not happen: 'stop' adds no event
            "Gollum abandoned efforts to stop an anti- Gondor parade on Saturday.",
            "1992-01-02",
            {("HOB", "GON", "345")},
        ),
        (  # a misspelt verb form does not match the dictionary
            "Ethiopia departes from Libya almost five years after crowds trashed its embassy.",
            "1995-01-01",
            set(),
        ),
    ],
)
def test_suite_sentences(validate: Coder, text: str, date: str, expected: set[Triple]) -> None:
    assert triples(validate.code(text, date=date).events) == expected


def test_date_restrictions_follow_the_article_date(validate: Coder) -> None:
    text = "Sam Gamgee met a bunch of Morgul Orcs."
    assert triples(validate.code(text, date="2010-01-09").events) == {
        ("ORCHOB", "MRGORC", "031"),
        ("MRGORC", "ORCHOB", "032"),
    }
    assert ("HOBCIV", "MRGORC", "031") in triples(validate.code(text, date="1995-01-01").events)
    assert ("HOBMIL", "MRGORC", "031") in triples(validate.code(text, date="2009-05-05").events)


def test_codes_outside_cameo_are_kept_with_quad_class_zero(validate: Coder) -> None:
    result = validate.code("Arnor will contribute a million dollars to Gondor.", date="1995-01-01")
    (event,) = result.events
    assert event.cameo == "903" and event.quad_class == 0 and event.goldstein == 0.0
    assert event.plover is None
    assert event.rule.startswith("petrarch:CONTRIBUTE:")
    assert event.rule_line is not None and event.rule_line.startswith("PETR.Validate.verbs.txt:")
    assert result.to_dict()["events"][0]["cameo_root"] == "90"
    bargain = validate.code("Gollum will bargain for asylum in Gondor.", date="1992-01-02")
    assert [(e.cameo, e.quad_class) for e in bargain.events] == [("174K", 4)]


def test_discards(validate: Coder) -> None:
    story = "Arnor is about to restore full diplomatic ties with Gondor. A typhoon hit Gondor."
    assert validate.code(story, date="1995-01-01").events == ()
    sentence = (
        "Arnor is about to restore the African Nations Cup to Gondor. "
        "Arnor is about to restore full diplomatic ties with Gondor."
    )
    assert [e.sentence for e in validate.code(sentence, date="1995-01-01").events] == [1]


def test_require_dyad_switch(validate: Coder) -> None:
    layer = validate.petrarch
    assert layer is not None
    text = "Fornost and Gondor welcome ties with Osgiliath, the official news agency WFNA said."
    doc = validate.nlp(text)
    loose = layer.with_options(PetrarchOptions(require_dyad=False))
    actors = loose.actor_coder.code(doc, "1995-01-04")
    found = triples(loose.event_coder.code(doc, actors, "a", "1995-01-04"))
    assert ("---GOV", "---", "023") in found
    strict_actors = layer.actor_coder.code(doc, "1995-01-04")
    strict = triples(layer.event_coder.code(doc, strict_actors, "a", "1995-01-04"))
    assert ("---GOV", "---", "023") not in strict
    assert {("FOR", "OSG", "041"), ("GON", "OSG", "041")} <= strict


def test_new_actors_from_noun_phrases(validate: Coder) -> None:
    layer = validate.petrarch
    assert layer is not None
    text = "Gryffindor's head Minerva McGonagall left for Minas Tirith on Wednesday."
    doc = validate.nlp(text)
    found = layer.with_options(PetrarchOptions(new_actor_length=4))
    actors = found.actor_coder.code(doc, "1995-01-03")
    assert ('"GRYFFINDOR HEAD MINERVA MCGONAGALL"', "GON", "032") in triples(
        found.event_coder.code(doc, actors, "a", "1995-01-03")
    )
    assert triples(validate.code(text, date="1995-01-03").events) == set()


LAYER_VERBS = """\
--- DETAIN [1730] ---
DETAIN
- * (IN CUSTODY) [1731]
"""
LAYER_ACTORS = """\
JUNTA_OF_RURITANIA [RURMIL]
"""
LAYER_AGENTS = """\
PRESIDENTIAL_GUARD {} [~PGD]
"""


def test_layered_over_the_built_in_data(coder: Coder, tmp_path: Path) -> None:
    (tmp_path / "my.verbs.txt").write_text(LAYER_VERBS, encoding="utf-8")
    (tmp_path / "my.actors.txt").write_text(LAYER_ACTORS, encoding="utf-8")
    (tmp_path / "my.agents.txt").write_text(LAYER_AGENTS, encoding="utf-8")
    layered = Coder(nlp=coder.nlp, dictionaries=tmp_path)
    text = (
        "Nigerien soldiers detained President Mohamed Bazoum on Wednesday. "
        "The Junta of Ruritania condemned ECOWAS."
    )
    found = triples(layered.code(text, date="2023-07-28").events)
    builtin = triples(coder.code(text, date="2023-07-28").events)
    # The dictionary's verb wins (literal code); the built-in actors still code the rest.
    detained = {t for t in found if t[2].startswith("173")}
    assert detained and all(t[2] == "1730" for t in detained)
    assert {t[:2] for t in detained} <= {t[:2] for t in builtin if t[2].startswith("17")}
    # The built-in verb patterns still code verbs the dictionary does not know.
    assert ("RURMIL", "IGOWAFWAS", "111") in found  # condemn: criticize or denounce
    assert layered.petrarch is not None and layered.petrarch.warnings == ()


def test_layered_agent_takes_the_built_in_country(coder: Coder, tmp_path: Path) -> None:
    (tmp_path / "my.agents.txt").write_text(LAYER_AGENTS, encoding="utf-8")
    layered = Coder(nlp=coder.nlp, dictionaries=tmp_path)
    result = layered.code("The Nigerien presidential guard detained Bazoum.", date="2023-07-28")
    assert any(e.source and e.source.code == "NERPGD" for e in result.events)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventcoder.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow  # real CLI processes
def test_cli_dictionary_usage_errors(tmp_path: Path) -> None:
    story = tmp_path / "a.txt"
    story.write_text("Arnor met Gondor.", encoding="utf-8")
    only = run_cli("code", str(story), "--dictionaries-only")
    assert only.returncode == 2 and "--dictionaries DIR" in only.stderr
    missing = run_cli("code", str(story), "--dictionaries", str(tmp_path / "none"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr


def test_malformed_entries_warn_and_the_rest_still_codes(coder: Coder, tmp_path: Path) -> None:
    (tmp_path / "my.verbs.txt").write_text(
        LAYER_VERBS + "- * (IN CUSTODY [1732]\n- * &NOSUCHSET [1733]\n", encoding="utf-8"
    )
    (tmp_path / "my.actors.txt").write_text(
        LAYER_ACTORS + "\t[RURGOV 2023x]\nNOBODY_AT_ALL\nGONDOR [GON]\n", encoding="utf-8"
    )
    layered = Coder(nlp=coder.nlp, dictionaries=tmp_path, dictionaries_only=True)
    assert layered.petrarch is not None
    warnings = layered.petrarch.warnings
    assert any(w.startswith("my.verbs.txt:4: unbalanced '('") for w in warnings)
    assert any(w.startswith("my.verbs.txt:5: unknown synonym set &NOSUCHSET") for w in warnings)
    assert any(w.startswith("my.actors.txt:2: cannot read date restriction") for w in warnings)
    assert (
        "my.actors.txt:3: actor NOBODY_AT_ALL has no code; it takes the codes of GONDOR "
        "(my.actors.txt:4)"
    ) in warnings
    text = "The Junta of Ruritania detained Gondor's envoys in custody."
    assert triples(layered.code(text, "a", "2023-07-28").events) == {("RURMIL", "GON", "1731")}
