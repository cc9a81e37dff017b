"""Country names, demonyms and seats of government -> ISO 3166 alpha-3."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry

from eventcoder.datafiles import DEFAULT_LANGUAGE, DataError, localised, read_rows

EXTRA_KINDS = ("name", "demonym", "seat", "ignore", "demonym_only")


def _package_countries() -> list[dict[str, Any]]:
    source = resources.files("pycountryinfo.data").joinpath("countries.json")
    with source.open("r", encoding="utf-8") as handle:
        data: list[dict[str, Any]] = json.load(handle)
    return data


def _usable_name(name: str) -> bool:
    # Two- and three-letter codes ("NE", "NER") are far more often other words than countries.
    return len(name) > 3 and name[0].isupper() and "," not in name


@dataclass(frozen=True, slots=True)
class CountryLexicon:
    """Case-sensitive surface forms; all-caps forms are added for datelines ("NIAMEY")."""

    names: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    seats: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)  # ISO3 -> capital city name
    common_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> common English name
    alpha2: dict[str, str] = field(default_factory=dict)  # ISO3 -> ISO alpha-2

    @classmethod
    def load(cls, data_dir: Path | None = None, language: str = DEFAULT_LANGUAGE) -> CountryLexicon:
        names: dict[str, str] = {}
        demonyms: dict[str, str] = {}
        seats: dict[str, str] = {}
        capitals: dict[str, str] = {}
        common: dict[str, str] = {}
        alpha2: dict[str, str] = {}
        for country in pycountry.countries:
            iso3 = country.alpha_3
            alpha2[iso3] = country.alpha_2
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value and _usable_name(value):
                    names.setdefault(value, iso3)
        for info in _package_countries():
            found = (info.get("iso_codes") or {}).get("alpha_3")
            if not isinstance(found, str) or not found:
                continue
            iso3 = found
            common[iso3] = info["common_name"]
            for value in [
                info.get("common_name"),
                info.get("official_name"),
                *(info.get("alt_spellings") or []),
            ]:
                if isinstance(value, str) and _usable_name(value):
                    names.setdefault(value, iso3)
            demonym = info.get("nationality")
            if isinstance(demonym, str) and demonym:
                demonyms.setdefault(demonym, iso3)
            capital = info.get("capital")
            if isinstance(capital, str) and capital:
                seats.setdefault(capital, iso3)
                capitals[iso3] = capital
        ignored: set[str] = set()
        not_names: set[str] = set()  # package names that are demonyms ("Saudi", "Thai")
        extras = ["countries_extra.tsv"]
        own = localised("countries_extra.tsv", language, data_dir)
        if own != extras[0]:
            extras.append(own)  # the language's names come last and win ("Congo" in French)
        rows = [row for relpath in extras for row in read_rows(relpath, 3, 3, data_dir)]
        for row in rows:
            iso3, kind, name = row.fields
            if kind not in EXTRA_KINDS:
                raise DataError(f"{row.where}: kind must be one of {EXTRA_KINDS}, got {kind!r}")
            if kind not in ("ignore",) and (len(iso3) != 3 or not iso3.isupper()):
                raise DataError(f"{row.where}: {iso3!r} is not an ISO alpha-3 code")
            target = {"name": names, "demonym": demonyms, "seat": seats}.get(kind)
            if kind == "demonym_only":
                not_names.add(name)
                demonyms[name] = iso3
            elif target is None:
                ignored.add(name)
            else:
                target[name] = iso3  # the project's own data overrides the packages
        for table in (names, demonyms, seats):
            for name in ignored:
                table.pop(name, None)
        for name in not_names:
            names.pop(name, None)
        _add_variants(names, demonyms, seats)
        return cls(names, demonyms, seats, capitals, common, alpha2)

    def lookup(self, text: str) -> tuple[str, str] | None:
        """(kind, ISO3) for a surface form: kind is 'name', 'demonym' or 'seat'."""
        for kind, table in (("name", self.names), ("demonym", self.demonyms), ("seat", self.seats)):
            iso3 = table.get(text)
            if iso3:
                return kind, iso3
        return None


def _add_variants(names: dict[str, str], demonyms: dict[str, str], seats: dict[str, str]) -> None:
    for table in (names, seats):
        for form, iso3 in list(table.items()):
            table.setdefault(form.upper(), iso3)  # datelines: "NIAMEY, July 28 -"
            if form.startswith("The "):
                table.setdefault(form[4:], iso3)
    for form, iso3 in list(demonyms.items()):
        if form.endswith("n") or form.endswith("i"):
            demonyms.setdefault(form + "s", iso3)  # "Nigeriens", "Israelis"
