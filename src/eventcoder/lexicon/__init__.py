"""Actor knowledge: countries, organisations, role words and known people.

Ground floor, like ``ontology``: the parse stage builds its entity ruler from it and the actors
stage codes mentions with it. Countries come from the pycountry and pycountryinfo packages plus
``data/countries_extra.tsv``; everything else from the project's own data files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventcoder.datafiles import DEFAULT_LANGUAGE, DataError, read_rows
from eventcoder.lexicon.countries import CountryLexicon
from eventcoder.lexicon.organisations import Organisation, OrganisationLexicon
from eventcoder.lexicon.people import KnownPerson, PeopleLexicon
from eventcoder.lexicon.roles import (
    RoleEntry,
    RoleLexicon,
    load_focus_roles,
    load_local_roles,
    load_role_priority,
)
from eventcoder.lexicon.towns import TownCountries

CASE_GUARD_KINDS = ("guard", "allow")


@dataclass(frozen=True, slots=True)
class CaseGuard:
    """``case_guard.tsv``: one-word names not to match in all-lower-case or all-capitals text
    (``guard``), and one-word organisation names to match there though not acronyms
    (``allow``)."""

    guard: frozenset[str] = frozenset()
    allow: frozenset[str] = frozenset()

    @classmethod
    def load(cls, data_dir: Path | None = None) -> CaseGuard:
        found: dict[str, set[str]] = {kind: set() for kind in CASE_GUARD_KINDS}
        for row in read_rows("case_guard.tsv", 2, 2, data_dir):
            kind = row.fields[0]
            if kind not in found:
                raise DataError(f"{row.where}: kind must be one of {CASE_GUARD_KINDS}")
            found[kind].add(row.fields[1].lower())
        return cls(frozenset(found["guard"]), frozenset(found["allow"]))


@dataclass(frozen=True, slots=True)
class Lexicon:
    countries: CountryLexicon
    organisations: OrganisationLexicon
    roles: RoleLexicon
    people: PeopleLexicon
    case_guard: CaseGuard
    towns: TownCountries

    @classmethod
    def load(cls, data_dir: Path | None = None, language: str = DEFAULT_LANGUAGE) -> Lexicon:
        """The shared knowledge (countries, organisations' codes, people), with a language's
        own names, demonyms and role words (``data/<language>/``) for other languages."""
        countries = CountryLexicon.load(data_dir, language)
        alpha3 = {alpha2: iso3 for iso3, alpha2 in countries.alpha2.items()}
        return cls(
            countries=countries,
            towns=TownCountries.load(data_dir, alpha3),
            organisations=OrganisationLexicon.load(data_dir, language),
            roles=RoleLexicon.load(data_dir, language),
            people=PeopleLexicon.load(data_dir),
            case_guard=CaseGuard.load(data_dir),
        )


__all__ = [
    "CASE_GUARD_KINDS",
    "CaseGuard",
    "CountryLexicon",
    "KnownPerson",
    "Lexicon",
    "Organisation",
    "OrganisationLexicon",
    "PeopleLexicon",
    "RoleEntry",
    "RoleLexicon",
    "TownCountries",
    "load_focus_roles",
    "load_local_roles",
    "load_role_priority",
]
