"""Known office holders with the dates their codes apply.

Every ``*.tsv`` file of ``data/people/`` is read (``curated.tsv`` first, then the other
hand-written files such as ``leaders_*.tsv``, then files converted from outside dictionaries such
as ``phoenix.tsv``). A name's rows are tried in that order, so a hand-written row wins wherever it
applies. Converted rows also give way entirely where they would contradict the hand-written ones:
rows of another country than the hand-written rows of the same name are left out (a namesake or
an error in the source), and converted people are not found by surname alone unless that surname
is theirs only (see ``PeopleLexicon.load``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eventcoder.datafiles import TEAM, DataError, check_source, knowledge_files, read_rows
from eventcoder.lexicon.organisations import ORG_ROOTS

FOLDER = "people"
SURNAME_MIN = 4  # shorter surnames ("Li", "Ali") are too often someone else's


@dataclass(frozen=True, slots=True)
class KnownPerson:
    name: str
    code: str
    start: str | None  # YYYY-MM-DD, inclusive
    until: str | None  # YYYY-MM-DD, inclusive
    where: str
    source: str = TEAM  # "team" or "<origin>:<file>:<line>" of a converted dictionary

    def applies(self, date: str | None) -> bool:
        if date is None:
            return self.until is None  # undated articles: the current office only
        return (self.start is None or self.start <= date) and (
            self.until is None or date <= self.until
        )

    @property
    def hand_written(self) -> bool:
        return self.source == TEAM


def _check_date(value: str | None, where: str) -> None:
    if value is None:
        return
    try:
        ok = len(value) == 10 and value[4] == "-" and date.fromisoformat(value).isoformat() == value
    except ValueError:
        ok = False
    if not ok:
        raise DataError(f"{where}: dates must be YYYY-MM-DD or '-': {value!r}")


def _read(relpath: str, data_dir: Path | None) -> list[KnownPerson]:
    people: list[KnownPerson] = []
    seen: dict[tuple[str, str, str | None, str | None], int] = {}
    for row in read_rows(relpath, 5, 5, data_dir):
        name, code = row.fields[0], row.fields[1]
        start, until = row.get(2), row.get(3)
        _check_date(start, row.where)
        _check_date(until, row.where)
        if start is not None and until is not None and until < start:
            raise DataError(f"{row.where}: 'until' {until} is before 'from' {start}")
        if not code.isalnum() or not code.isupper() or len(code) < 3:
            raise DataError(f"{row.where}: bad actor code {code!r}")
        if not name or name != " ".join(name.split()):
            raise DataError(f"{row.where}: name must be words separated by single spaces")
        source = check_source(row, 4)
        key = (name, code, start, until)
        if key in seen:
            raise DataError(f"{row.where}: duplicate of line {seen[key]}")
        seen[key] = row.line
        people.append(KnownPerson(name, code, start, until, row.where, source))
    return people


def _country(code: str) -> str:
    return code[:3]


@dataclass(frozen=True, slots=True)
class PeopleLexicon:
    by_name: dict[str, tuple[KnownPerson, ...]] = field(default_factory=dict)
    by_surname: dict[str, tuple[KnownPerson, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> PeopleLexicon:
        by_name: dict[str, list[KnownPerson]] = {}
        for relpath in knowledge_files(FOLDER, data_dir):
            for person in _read(relpath, data_dir):
                by_name.setdefault(person.name, []).append(person)
        for name, rows in by_name.items():
            team_countries = {_country(p.code) for p in rows if p.hand_written}
            if team_countries:
                # Hand-written rows come first already; converted rows of another country than
                # theirs are a namesake or an error of the source and would blur country_of.
                by_name[name] = [
                    p for p in rows if p.hand_written or _country(p.code) in team_countries
                ]
        # Surnames: every hand-written person, as before; a converted person only when no one
        # else in the lexicon has that surname, since a bare "Khan" or "Park" in a story is far
        # more often someone the dictionaries do not know than one of their 10,000 people.
        owners: dict[str, set[str]] = defaultdict(set)
        for name, rows in by_name.items():
            surname = name.split()[-1]
            for person in rows:
                owners[surname].add(TEAM + ":" + name if person.hand_written else person.source)
        by_surname: dict[str, list[KnownPerson]] = {}
        for name, rows in by_name.items():
            surname = name.split()[-1]
            if len(surname) < SURNAME_MIN or not surname[0].isupper():
                continue
            team = [p for p in rows if p.hand_written]
            converted = [p for p in rows if not p.hand_written]
            chosen = team + (converted if len(owners[surname]) == 1 else [])
            if chosen:
                by_surname.setdefault(surname, []).extend(chosen)
        return cls(
            {name: tuple(rows) for name, rows in by_name.items()},
            {name: tuple(rows) for name, rows in by_surname.items()},
        )

    def lookup(self, name: str, date: str | None) -> KnownPerson | None:
        rows = self.by_name.get(name)
        if not rows:
            return None
        for person in rows:
            if person.applies(date):
                return person
        return None

    def country_of(self, name: str) -> str | None:
        """The country of a known person whatever the date: "President Bush" in a story
        dated outside his terms is still American. None when the rows disagree or the person
        belongs to an organisation rather than a country."""
        # A bare surname ("Bush") may be looked up by surname; a full name that is not known
        # ("Andre Wilson") is not somebody else with the same surname.
        # By surname only the people the team wrote (leaders whose bare surname news uses:
        # "Bush"); a converted dictionary's Ahmad Khalif (KENGOV, 2003) does not make every
        # later "Khalif" Kenyan.
        rows = self.by_name.get(name) or (
            tuple(p for p in self.by_surname.get(name, ()) if p.hand_written)
            if " " not in name.strip()
            else ()
        )
        countries = {person.code[:3] for person in rows}
        if len(countries) != 1:
            return None
        country = countries.pop()
        return None if country in ORG_ROOTS else country

    def names(self) -> list[str]:
        return list(self.by_name)

    def lookup_surname(self, surname: str, date: str | None) -> KnownPerson | None:
        """A known person by surname alone ("Putin said"), when exactly one matches. Only
        people in office at the date: news names a former office holder in full, and a bare
        "Brown" in 2018 is not Gordon Brown."""
        found = [
            person
            for person in self.by_surname.get(surname, ())
            if person.applies(date) and person.code[3:6] != "ELI"
        ]
        # Spelling variants of one person agree on the code; two people with that surname
        # in office at the same date ("Sharif") do not, and then nobody is chosen.
        return found[0] if len({p.code for p in found}) == 1 else None
