"""Readers for PETRARCH dictionaries, on small inline snippets (no model needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.petrarch.actor_coding import compose
from eventcoder.petrarch.actors import read_actors
from eventcoder.petrarch.agents import read_agents
from eventcoder.petrarch.dictionaries import DictionaryError, PetrarchDictionaries, classify
from eventcoder.petrarch.discards import read_discards
from eventcoder.petrarch.verbs import read_verbs

VERBS = """\
<!-- a test verb dictionary -->
&CURRENCY
+DOLLAR
+SWISS FRANCS
+KRONER_

&NEG_
+DID N'T
+WILL NOT

--- CONTRIBUTE [070] ---
CONTRIBUTE   # a comment
GIVE {GAVE GIVEN}
- * &CURRENCY [903]
- &NEG * [081]
- + * FROM $ [066]   # reversal

--- BREAK [1717] ---
BREAK {BROKE BROKEN}
+BREAK_DOWN {+BROKE_DOWN +BROKEN_DOWN}
WIRE_+TAP
- * (WITH +) [161]
- * {ARMS SHIPMENT} [172:173]
- * DEADLOCK [---]
- IN_* [075]

~ a (a b Q) SAY = a b Q
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_verb_blocks_forms_and_patterns(tmp_path: Path) -> None:
    verbs = read_verbs([write(tmp_path, "test.verbs.txt", VERBS)])
    assert verbs.warnings == ()
    assert [b.name for b in verbs.blocks] == ["CONTRIBUTE", "BREAK"]
    assert verbs.blocks[0].code == "070"
    # Generated regular forms and irregular ones.
    assert verbs.lookup("CONTRIBUTES") and verbs.lookup("CONTRIBUTED")
    assert verbs.lookup("GAVE") and verbs.lookup("GIVEN")
    assert not verbs.lookup("CONTRIBUTX")
    # Multi-word verbs: '+' marks the verb word.
    forms = {f.words for f, _ in verbs.lookup("TAPPED")}
    assert forms == {("WIRE", "TAPPED")}
    assert ("BROKEN", "DOWN") in {f.words for f, _ in verbs.lookup("BROKEN")}
    # Synonym sets get plurals unless the label or the phrase ends in '_'.
    assert ("DOLLARS",) in verbs.synsets["CURRENCY"]
    assert ("SWISS", "FRANCS") in verbs.synsets["CURRENCY"]
    assert ("KRONERS",) not in verbs.synsets["CURRENCY"]
    assert verbs.synsets["NEG"] == (("DID", "N'T"), ("WILL", "NOT"))
    patterns = {p.text: p for p in verbs.blocks[0].patterns}
    reversal = patterns["+ * FROM $"]
    assert [e.name for e in reversal.before] == ["+"]
    assert [e.kind for e in reversal.after] == ["word", "actor"]
    assert reversal.code == "066"
    # Most specific first.
    assert verbs.blocks[0].patterns[0].text == "+ * FROM $"


def test_verb_codes_prepositions_and_noun_phrases(tmp_path: Path) -> None:
    verbs = read_verbs([write(tmp_path, "test.verbs.txt", VERBS)])
    patterns = {p.text: p for p in verbs.blocks[1].patterns}
    prep = patterns["* (WITH +)"].after[0]
    assert prep.kind == "prep" and prep.name == "WITH" and prep.items[0].name == "+"
    paired = patterns[["* {ARMS SHIPMENT}", "172:173]"][0]]
    assert (paired.code, paired.reverse) == ("172", "173")
    assert paired.after[0].kind == "noun"
    null = patterns["* DEADLOCK"]
    assert (null.code, null.reverse) == (None, None)
    joined = patterns["IN_*"]
    assert joined.joined_before
    assert verbs.transformations[0].outer_verb == "SAY"
    assert verbs.transformations[0].code == "Q"


def test_malformed_verb_lines_are_warnings_with_file_and_line(tmp_path: Path) -> None:
    text = """\
- * ORPHAN [010]
--- MEET [031] ---
MEET
- * (WITH [031]
- * &NOSUCHSET [032]
- MEET TALKS [033]
- * TALKS
~ this is not a transformation
"""
    verbs = read_verbs([write(tmp_path, "bad.verbs.txt", text)])
    warnings = "\n".join(verbs.warnings)
    assert "bad.verbs.txt:1: pattern outside a verb block" in warnings
    assert "bad.verbs.txt:4: unbalanced '('" in warnings
    assert "bad.verbs.txt:5: unknown synonym set &NOSUCHSET" in warnings
    assert "bad.verbs.txt:6: pattern needs exactly one '*'" in warnings
    assert "bad.verbs.txt:7: pattern without a [code]" in warnings
    assert "bad.verbs.txt:8: cannot read transformation" in warnings
    assert verbs.lookup("MEET")  # the good lines still count


ACTORS = """\
GOLLUM  [HOB]  # default
+SMEAGOL
\t[HOBGOV 19950601-19990815]
\t[HOBREB >990816]
THE_SHIRE  [FRO/BIL/SAM]
ITHILEN TELEVISION [ITHTV]
BOROMIR [---]
ONODOHER
\t[ONO <911226]
"""


def test_actor_entries_synonyms_and_dates(tmp_path: Path) -> None:
    actors = read_actors([write(tmp_path, "test.actors.txt", ACTORS)])
    assert actors.warnings == ()
    gollum, shire, television, boromir, onodoher = actors.entries
    assert [p.words for p in gollum.phrases] == [("GOLLUM",), ("SMEAGOL",)]
    assert gollum.codes("1995-01-01") == ("HOB",)
    assert gollum.codes("1995-06-01") == ("HOBGOV",)  # bounds are inclusive
    assert gollum.codes("1999-08-16") == ("HOBREB",)  # YYMMDD: 99 -> 1999
    assert gollum.codes(None) == ("HOB",)  # undated: the default
    assert shire.codes(None) == ("FRO", "BIL", "SAM")
    assert television.phrases[0].gaps == (False, True)  # a blank allows words between
    assert boromir.codes(None) == ()  # the null code
    assert onodoher.codes("1991-12-26") == ("ONO",)
    assert onodoher.codes("1992-01-01") == ()


def test_malformed_actor_lines_are_warnings(tmp_path: Path) -> None:
    text = """\
\t[XYZ]
ARNOR [ARN]
\t[ARNGOV 19990101-19980101]
\t[ARNMIL 2001x]
\tnot a code
GONDOR
"""
    actors = read_actors([write(tmp_path, "bad.actors.txt", text)])
    warnings = "\n".join(actors.warnings)
    assert "bad.actors.txt:1: code line outside an actor entry" in warnings
    assert "bad.actors.txt:3: date range ends before it starts" in warnings
    assert "bad.actors.txt:4: cannot read date restriction" in warnings
    assert "bad.actors.txt:5: indented line is neither a code nor a synonym" in warnings
    assert "bad.actors.txt:6: actor GONDOR has no code" in warnings
    assert actors.entries[0].codes("2000-01-01") == ("ARN",)


def test_an_actor_without_codes_takes_the_next_entrys(tmp_path: Path) -> None:
    text = """\
DMITRY_MEDVEDEV_  # no code of its own
+PRESIDENT_MEDVEDEV_
DMITRI_MEDVEDEV_
\t[RUSGOV >080507]
\t[RUSELI]
ARNOR [ARN]
"""
    actors = read_actors([write(tmp_path, "chain.actors.txt", text)])
    medvedev, arnor = actors.entries
    assert {p.words for p in medvedev.phrases} == {
        ("DMITRI", "MEDVEDEV"),
        ("DMITRY", "MEDVEDEV"),
        ("PRESIDENT", "MEDVEDEV"),
    }
    assert medvedev.codes("2009-01-01") == ("RUSGOV",)
    assert arnor.codes(None) == ("ARN",)
    assert actors.warnings == (
        "chain.actors.txt:1: actor DMITRY_MEDVEDEV has no code; it takes the codes of "
        "DMITRI_MEDVEDEV (chain.actors.txt:3)",
    )


AGENTS = """\
!PERSON! = MAN, MEN, WOMAN
POLICE {} [~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
CONGRESS!PERSON! [~LEG]
MSF {} [NGO~]
SECURITY SERVICE [~GOV]
PRESIDENT [~GOV]
BROKEN [GOV]
"""


def test_agents_plurals_substitutions_and_prefixes(tmp_path: Path) -> None:
    agents = read_agents([write(tmp_path, "test.agents.txt", AGENTS)])
    assert agents.warnings == ("test.agents.txt:8: agent code must be ~CODE or CODE~, got [GOV]",)
    spellings = {
        e.code + ("~" if e.prefix else ""): [p.words for p in e.phrases] for e in agents.entries
    }
    police = agents.entries[0]
    assert [p.words for p in police.phrases] == [("POLICE",)]  # {}: no plural
    assert ("ATTORNEYS", "GENERAL") in [p.words for p in agents.entries[1].phrases]
    congress = [p.words for p in agents.entries[2].phrases]
    assert congress == [("CONGRESSMAN",), ("CONGRESSMEN",), ("CONGRESSWOMAN",)]
    assert agents.entries[3].prefix and agents.entries[3].code == "NGO"
    service = agents.entries[4].phrases
    assert service[0].gaps == (False, True)
    assert ("SECURITY", "SERVICES") in [p.words for p in service]
    assert ("PRESIDENTS",) in spellings["GOV"] or ("PRESIDENTS",) in [
        p.words for p in agents.entries[5].phrases
    ]


def test_agent_codes_compose_the_petrarch_way() -> None:
    assert compose("ARN", [("REL", False)], False) == "ARNREL"
    assert compose("ARN", [("NGO", True), ("GOV", False)], False) == "NGOARNGOV"
    assert compose("USAGOV", [("GOV", False)], False) == "USAGOV"  # already there
    assert compose("HGWGOVMED", [("GOVMED", False)], False) == "HGWGOVMED"
    assert compose("GMWGOV", [("WGO", False)], False) == "GMWGOVWGO"  # not at a boundary
    assert compose(None, [("REL", False)], False) == "---REL"
    assert compose("GON", [("COP", False)], True) == "GONELI"  # former


def test_discards(tmp_path: Path) -> None:
    text = "# comment\nBASEBALL\n+TYPHOON\nAFRICAN NATIONS CUP\nMONTHS LATER_\n+\n"
    discards = read_discards([write(tmp_path, "test.discards.txt", text)])
    assert discards.warnings == ("test.discards.txt:6: empty discard phrase",)
    assert discards.sentence_hit("They played baseballs.") == "BASEBALL"  # a stem
    assert discards.sentence_hit("the African  Nations Cup final") == "AFRICAN NATIONS CUP"
    assert discards.sentence_hit("two months laterally") is None  # '_': whole word
    assert discards.story_hit("A typhoon hit.") == "TYPHOON"
    assert discards.sentence_hit("A typhoon hit.") is None
    assert discards.sentence_hit("A subbaseball") is None  # must start a word


def test_folder_loading_classifies_files(tmp_path: Path) -> None:
    write(tmp_path, "My.verbs.txt", VERBS)
    write(tmp_path, "My.actors.txt", ACTORS)
    write(tmp_path, "My.agents.txt", AGENTS)
    write(tmp_path, "My.discards.txt", "BASEBALL\n")
    write(tmp_path, "Notes.txt", "hello\n")
    loaded = PetrarchDictionaries.load(tmp_path)
    assert loaded.files["verbs"] == ("My.verbs.txt",)
    assert any(w.startswith("Notes.txt: not recognised") for w in loaded.warnings)
    assert classify(Path("CAMEO.2.0.txt")) == "verbs"
    assert classify(Path("Phoenix.Countries.actors.txt")) == "actors"
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DictionaryError):
        PetrarchDictionaries.load(empty)
    with pytest.raises(DictionaryError):
        PetrarchDictionaries.load(tmp_path / "missing")
