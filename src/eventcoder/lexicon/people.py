"""Known office holders with the dates their codes apply."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.datafiles import DataError, read_rows
from eventcoder.lexicon.organisations import ORG_ROOTS


@dataclass(frozen=True, slots=True)
class KnownPerson:
    name: str
    code: str
    start: str | None  # YYYY-MM-DD, inclusive
    until: str | None  # YYYY-MM-DD, inclusive
    where: str

    def applies(self, date: str | None) -> bool:
        if date is None:
            return self.until is None  # undated articles: the current office only
        return (self.start is None or self.start <= date) and (
            self.until is None or date <= self.until
        )


@dataclass(frozen=True, slots=True)
class PeopleLexicon:
    by_name: dict[str, tuple[KnownPerson, ...]] = field(default_factory=dict)
    by_surname: dict[str, tuple[KnownPerson, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> PeopleLexicon:
        by_name: dict[str, list[KnownPerson]] = {}
        for row in read_rows("people.tsv", 4, 4, data_dir):
            name, code = row.fields[0], row.fields[1]
            start, until = row.get(2), row.get(3)
            for value in (start, until):
                if value is not None and (len(value) != 10 or value[4] != "-"):
                    raise DataError(f"{row.where}: dates must be YYYY-MM-DD or '-': {value!r}")
            if not code.isalnum() or not code.isupper():
                raise DataError(f"{row.where}: bad actor code {code!r}")
            by_name.setdefault(name, []).append(KnownPerson(name, code, start, until, row.where))
        by_surname: dict[str, list[KnownPerson]] = {}
        for name, rows in by_name.items():
            surname = name.split()[-1]
            if len(surname) >= 4:
                by_surname.setdefault(surname, []).extend(rows)
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
        rows = self.by_name.get(name) or self.by_surname.get(name.split()[-1], ())
        countries = {person.code[:3] for person in rows}
        if len(countries) != 1:
            return None
        country = countries.pop()
        return None if country in ORG_ROOTS else country

    def names(self) -> list[str]:
        return list(self.by_name)

    def lookup_surname(self, surname: str, date: str | None) -> KnownPerson | None:
        """A known person by surname alone ("Putin said"), when exactly one matches."""
        found = [person for person in self.by_surname.get(surname, ()) if person.applies(date)]
        # Spelling variants of one person agree on the code; two people with that surname
        # in office at the same date ("Sharif") do not, and then nobody is chosen.
        return found[0] if len({p.code for p in found}) == 1 else None
