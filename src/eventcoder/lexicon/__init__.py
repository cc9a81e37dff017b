"""Actor knowledge: countries, organisations, role words and known people.

Ground floor, like ``ontology``: the parse stage builds its entity ruler from it and the actors
stage codes mentions with it. Countries come from the pycountry and pycountryinfo packages plus
``data/countries_extra.tsv``; everything else from the project's own data files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventcoder.lexicon.countries import CountryLexicon
from eventcoder.lexicon.organisations import Organisation, OrganisationLexicon
from eventcoder.lexicon.people import KnownPerson, PeopleLexicon
from eventcoder.lexicon.roles import RoleEntry, RoleLexicon, load_focus_roles, load_role_priority


@dataclass(frozen=True, slots=True)
class Lexicon:
    countries: CountryLexicon
    organisations: OrganisationLexicon
    roles: RoleLexicon
    people: PeopleLexicon

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Lexicon:
        return cls(
            countries=CountryLexicon.load(data_dir),
            organisations=OrganisationLexicon.load(data_dir),
            roles=RoleLexicon.load(data_dir),
            people=PeopleLexicon.load(data_dir),
        )


__all__ = [
    "CountryLexicon",
    "KnownPerson",
    "Lexicon",
    "Organisation",
    "OrganisationLexicon",
    "PeopleLexicon",
    "RoleEntry",
    "RoleLexicon",
    "load_focus_roles",
    "load_role_priority",
]
