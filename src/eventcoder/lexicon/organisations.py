"""Organisations (IGOs, NGOs, national bodies, armed groups, media) -> actor codes.

Every ``*.tsv`` file of ``data/organisations/`` is read (``curated.tsv`` first, then the other
hand-written files, then converted ones such as ``phoenix.tsv``). A spelling belongs to one row:
the same spelling twice in one file is a data error; a spelling already taken by an earlier file
is left to that file (so hand-written rows win), and a row whose spellings are all taken is
dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.datafiles import (
    DEFAULT_LANGUAGE,
    TEAM,
    DataError,
    check_source,
    knowledge_files,
    localised,
    read_rows,
)

ORG_ROOTS = ("IGO", "NGO", "IMG", "MNC", "UIS", "NGM")
FOLDER = "organisations"
LANGUAGE_FILE = "organisations.tsv"  # a language's own spellings: data/<language>/organisations.tsv


def _key(name: str) -> str:
    """Spellings are the same when equal, or equal but for case when not all capitals."""
    return name if name.isupper() else name.lower()


@dataclass(frozen=True, slots=True)
class Organisation:
    code: str
    country: str | None
    name: str  # the first spelling in the data file that no earlier file had taken
    where: str  # data file and line
    source: str = TEAM  # "team" or "<origin>:<file>:<line>" of a converted dictionary

    @property
    def role(self) -> str | None:
        """The first role code after the country or organisation root."""
        rest = self.code[3:6]
        return rest if len(rest) == 3 and self.code[:3] not in ORG_ROOTS else None


@dataclass(frozen=True, slots=True)
class OrganisationLexicon:
    by_name: dict[str, Organisation] = field(default_factory=dict)  # exact-case spellings
    by_lower: dict[str, Organisation] = field(default_factory=dict)  # mixed-case names, lowered

    @classmethod
    def load(
        cls, data_dir: Path | None = None, language: str = DEFAULT_LANGUAGE
    ) -> OrganisationLexicon:
        """Every file of ``organisations/``; for another language, its own spellings
        (``data/<language>/organisations.tsv``: code, country, names; hand-written) first, so
        that they win where the languages disagree ("RSF" in French copy)."""
        by_name: dict[str, Organisation] = {}
        by_lower: dict[str, Organisation] = {}
        own = localised(LANGUAGE_FILE, language, data_dir)
        files = [own] if own != LANGUAGE_FILE else []
        for relpath in files + knowledge_files(FOLDER, data_dir):
            in_file: dict[str, int] = {}  # spelling key -> line, to report duplicates
            sourced = relpath != own
            for row in read_rows(relpath, 4 if sourced else 3, 4 if sourced else 3, data_dir):
                code = row.fields[0]
                if not code.isalnum() or not code.isupper() or len(code) < 3:
                    raise DataError(f"{row.where}: actor code must be upper-case letters: {code!r}")
                country = row.get(1)
                if country is not None and (len(country) != 3 or not country.isalpha()):
                    raise DataError(f"{row.where}: country must be ISO alpha-3 or '-': {country!r}")
                names = row.alternatives(2)
                if not names:
                    raise DataError(f"{row.where}: no name given")
                source = check_source(row, 3) if sourced else TEAM
                keys = {_key(name) for name in names}
                for key in keys:
                    if key in in_file:
                        raise DataError(
                            f"{row.where}: spelling {key!r} is already on line {in_file[key]}"
                        )
                    in_file[key] = row.line
                # Spellings an earlier file took stay with it (hand-written rows win).
                owned = [
                    name
                    for name in names
                    if name not in by_name and (name.isupper() or name.lower() not in by_lower)
                ]
                if not owned:
                    continue
                org = Organisation(code, country, owned[0], row.where, source)
                for name in owned:
                    by_name[name] = org
                    if not name.isupper():  # acronyms stay case-sensitive ("AU", "UN")
                        by_lower[name.lower()] = org
        return cls(by_name, by_lower)

    def organisations(self) -> list[Organisation]:
        """Each organisation once, in file order."""
        return list(dict.fromkeys(self.by_name.values()))

    def lookup(self, text: str) -> Organisation | None:
        return self.by_name.get(text) or self.by_lower.get(text.lower())

    def surface_forms(self) -> dict[str, Organisation]:
        """Spellings for the entity ruler: exact forms plus Title/lower variants of names."""
        forms = dict(self.by_name)
        for name, org in self.by_name.items():
            if not name.isupper():
                forms.setdefault(name.lower(), org)
                forms.setdefault(name.title(), org)
        return forms
