"""Organisations (IGOs, NGOs, national bodies, armed groups, media) -> actor codes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.datafiles import DataError, read_rows

ORG_ROOTS = ("IGO", "NGO", "IMG", "MNC", "UIS", "NGM")


@dataclass(frozen=True, slots=True)
class Organisation:
    code: str
    country: str | None
    name: str  # the first spelling in the data file
    where: str  # data file and line

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
    def load(cls, data_dir: Path | None = None) -> OrganisationLexicon:
        by_name: dict[str, Organisation] = {}
        by_lower: dict[str, Organisation] = {}
        for row in read_rows("organisations.tsv", 3, 3, data_dir):
            code = row.fields[0]
            if not code.isalnum() or not code.isupper() or len(code) < 3:
                raise DataError(f"{row.where}: actor code must be upper-case letters: {code!r}")
            names = row.alternatives(2)
            if not names:
                raise DataError(f"{row.where}: no name given")
            org = Organisation(code, row.get(1), names[0], row.where)
            for name in names:
                by_name.setdefault(name, org)
                if not name.isupper():  # acronyms stay case-sensitive ("AU", "UN")
                    by_lower.setdefault(name.lower(), org)
        return cls(by_name, by_lower)

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
