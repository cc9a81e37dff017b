"""Querying stored events: the contract's filters, validated once (``EventFilter.parse``) and
turned into one parameterised SQL WHERE clause; event listings, keyset pages and CSV."""

from __future__ import annotations

import base64
import binascii
import csv
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, TextIO, get_args

import duckdb

from eventcoder.read.sources import valid_date
from eventcoder.store.db import Store
from eventcoder.store.schema import EVENT_COLUMNS, column_names

EVENT_FIELDS = column_names(EVENT_COLUMNS)
_FETCH = 10_000

# The filter rules, stated once: ``EventFilter.parse`` enforces them, and the HTTP API
# declares the same ones in its OpenAPI schema.
Factuality = Literal["asserted", "negated", "hypothetical"]
FACTUALITIES: tuple[str, ...] = get_args(Factuality)
COUNTRY_PATTERN = "^[A-Za-z]{3}$"  # ISO 3166 alpha-3
CAMEO_PATTERN = "^[0-9]{1,4}$"  # a CAMEO code or a prefix of one
LANGUAGE_PATTERN = "^[A-Za-z]{2}$"  # ISO 639-1
CODE_MAX_LENGTH = 64  # actor code prefixes


class FilterError(ValueError):
    """A filter value that cannot be used: which field, and what is wrong with it.

    ``problem`` is the message after the field's name, so that each shell names the field its
    own way (``--since`` on the command line, ``since`` in the API).
    """

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(self.message(field))

    def message(self, name: str) -> str:
        return f"{name}{self.problem}"


def _date(field: str, value: str | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):  # the API's parameters arrive as dates
        return value.isoformat()
    if valid_date(value) != value:
        raise FilterError(field, f" {value!r} is not a date; use YYYY-MM-DD")
    return value


def _code_prefix(field: str, value: str | None) -> str | None:
    if value is not None and len(value) > CODE_MAX_LENGTH:
        raise FilterError(
            field, f": {len(value)} characters; an actor code has at most {CODE_MAX_LENGTH}"
        )
    return value


MIN_SOURCES_MAX = 2**31 - 1  # num_sources is an INTEGER column


def _min_sources(value: int | str | None) -> int | None:
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise FilterError("min_sources", f" {value!r}: give a number of outlets, at least 1")
    if number > MIN_SOURCES_MAX:
        raise FilterError(
            "min_sources", f" {value!r}: give a number of outlets, at most {MIN_SOURCES_MAX:,}"
        )
    return number


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters on de-duplicated events; None means no constraint.

    * ``country``: ISO alpha-3 of the source actor, the target actor or the place.
    * ``actor``: actor code prefix of the source or the target (``NER``, ``NERMIL``, ``IGO``).
    * ``source`` / ``target``: actor code prefix of that side only.
    * ``cameo``: CAMEO code prefix (``17``, ``173``).
    * ``since`` / ``until``: event date range, inclusive (YYYY-MM-DD).
    * ``factuality``: asserted, negated or hypothetical.
    * ``min_sources``: reported by at least this many outlets.
    * ``language``: reported by at least one article in this language (``en``, ``fr``);
      articles stored before the language was recorded count as English.
    """

    country: str | None = None
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    cameo: str | None = None
    since: str | None = None
    until: str | None = None
    factuality: str | None = None
    min_sources: int | None = None
    language: str | None = None

    @classmethod
    def parse(
        cls,
        *,
        country: str | None = None,
        actor: str | None = None,
        source: str | None = None,
        target: str | None = None,
        cameo: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        factuality: str | None = None,
        min_sources: int | str | None = None,
        language: str | None = None,
    ) -> EventFilter:
        """The filter from values as a user gave them; ``FilterError`` names a bad one."""
        first, last = _date("since", since), _date("until", until)
        if country is not None and not re.fullmatch(COUNTRY_PATTERN, country):
            raise FilterError("country", f" {country!r}: give an ISO 3166 alpha-3 code such as NER")
        if cameo is not None and not re.fullmatch(CAMEO_PATTERN, cameo):
            raise FilterError("cameo", f" {cameo!r}: give a CAMEO code prefix such as 17 or 173")
        if language is not None and not re.fullmatch(LANGUAGE_PATTERN, language):
            raise FilterError("language", f" {language!r}: give an ISO 639-1 code such as fr")
        if factuality is not None and factuality not in FACTUALITIES:
            raise FilterError("factuality", " must be asserted, negated or hypothetical")
        flt = cls(
            country=country,
            actor=_code_prefix("actor", actor),
            source=_code_prefix("source", source),
            target=_code_prefix("target", target),
            cameo=cameo,
            since=first,
            until=last,
            factuality=factuality,
            min_sources=_min_sources(min_sources),
            language=language.lower() if language is not None else None,
        )
        if first and last and first > last:
            raise FilterError("since", ": after until; nothing can match")
        return flt

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.country:
            clauses.append("(source_country = ? OR target_country = ? OR place_country = ?)")
            params += [self.country.upper()] * 3
        if self.actor:
            clauses.append("(starts_with(source_code, ?) OR starts_with(target_code, ?))")
            params += [self.actor.upper()] * 2
        if self.source:
            clauses.append("starts_with(source_code, ?)")
            params.append(self.source.upper())
        if self.target:
            clauses.append("starts_with(target_code, ?)")
            params.append(self.target.upper())
        if self.cameo:
            clauses.append("starts_with(cameo, ?)")
            params.append(self.cameo)
        if self.since:
            clauses.append("date >= ?")
            params.append(dt.date.fromisoformat(self.since))
        if self.until:
            clauses.append("date <= ?")
            params.append(dt.date.fromisoformat(self.until))
        if self.factuality:
            clauses.append("factuality = ?")
            params.append(self.factuality)
        if self.min_sources:
            clauses.append("num_sources >= ?")
            params.append(self.min_sources)
        if self.language:
            clauses.append(
                "event_id IN (SELECT m.event_id FROM mentions m JOIN articles a "
                "USING (article_id) WHERE coalesce(a.language, 'en') = ?)"
            )
            params.append(self.language)
        return (("WHERE " + " AND ".join(clauses)) if clauses else ""), params


def events_sql(flt: EventFilter, limit: int | None = None) -> tuple[str, list[Any]]:
    where, params = flt.where()
    sql = f"SELECT {', '.join(EVENT_FIELDS)} FROM events {where} ORDER BY date, event_id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return sql, params


def iter_events(
    store: Store, flt: EventFilter, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """Matching events as dicts of the events table's columns, by date then id."""
    sql, params = events_sql(flt, limit)
    cursor = store.con.cursor()
    try:
        cursor.execute(sql, params)
        while True:
            rows = cursor.fetchmany(_FETCH)
            if not rows:
                break
            for row in rows:
                yield dict(zip(EVENT_FIELDS, row, strict=True))
    finally:
        cursor.close()


def fetch_events(store: Store, flt: EventFilter, limit: int | None = None) -> list[tuple[Any, ...]]:
    """Matching events as tuples (the fast path the benchmark times)."""
    sql, params = events_sql(flt, limit)
    return store.con.execute(sql, params).fetchall()


def find_event(con: duckdb.DuckDBPyConnection, event_id: int) -> dict[str, Any] | None:
    """One event as a JSON-ready record, or None when there is no such event."""
    rows = con.execute(
        f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE event_id = ?", [event_id]
    ).fetchall()
    return event_record(rows[0]) if rows else None


def count_events_and_articles(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    events, articles = con.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM articles)"
    ).fetchall()[0]
    return int(events), int(articles)


# -- JSON and CSV --------------------------------------------------------------------------


def json_value(value: Any) -> Any:
    """A stored value as JSON has it: dates as YYYY-MM-DD, the rest as they are."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def event_record(values: Iterable[Any]) -> dict[str, Any]:
    """An events-table row (EVENT_FIELDS order) as a JSON-ready dict."""
    return {name: json_value(value) for name, value in zip(EVENT_FIELDS, values, strict=True)}


def write_events_csv(rows: Iterable[Iterable[Any]], stream: TextIO) -> None:
    """Events as CSV: a header of EVENT_FIELDS, then a line per row (in that column order);
    NULL as an empty field, dates as YYYY-MM-DD. (``export --format csv`` is written by
    DuckDB's COPY instead, in DuckDB's CSV dialect.)"""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(EVENT_FIELDS)
    for row in rows:
        writer.writerow("" if v is None else json_value(v) for v in row)


# -- pages ---------------------------------------------------------------------------------


class CursorError(ValueError):
    """A page cursor that this store did not give out (or that was altered)."""


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page ended, in the listing order (date NULLS LAST, event_id)."""

    date: dt.date | None
    event_id: int

    def encode(self) -> str:
        payload = json.dumps([self.date.isoformat() if self.date else None, self.event_id])
        return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            day, event_id = json.loads(raw)
            if not isinstance(event_id, int) or isinstance(event_id, bool):
                raise ValueError("event id")
            return cls(dt.date.fromisoformat(day) if day is not None else None, event_id)
        except (ValueError, TypeError, binascii.Error, json.JSONDecodeError) as exc:
            raise CursorError(text) from exc

    def clause(self) -> tuple[str, list[Any]]:
        if self.date is None:
            return "(date IS NULL AND event_id > ?)", [self.event_id]
        return (
            "(date > ? OR (date = ? AND event_id > ?) OR date IS NULL)",
            [self.date, self.date, self.event_id],
        )


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[tuple[Any, ...]]
    next_cursor: str | None


def and_where(where: str, clause: str) -> str:
    """``where`` (a WHERE clause, or empty) narrowed by ``clause``."""
    return f"{where} AND {clause}" if where else f"WHERE {clause}"


def event_page(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int, after: Cursor | None
) -> Page:
    """Up to ``limit`` matching events after the cursor, ordered by date (none last) then id;
    keyset paging, so pages neither repeat nor skip events stored in between."""
    where, params = flt.where()
    if after is not None:
        clause, more = after.clause()
        where = and_where(where, clause)
        params = [*params, *more]
    sql = (
        f"SELECT {', '.join(EVENT_FIELDS)} FROM events {where} "
        "ORDER BY date NULLS LAST, event_id LIMIT ?"
    )
    rows = con.execute(sql, [*params, limit + 1]).fetchall()
    if len(rows) <= limit:
        return Page(rows, None)
    rows = rows[:limit]
    last = rows[-1]
    day = last[EVENT_FIELDS.index("date")]
    return Page(rows, Cursor(day, int(last[EVENT_FIELDS.index("event_id")])).encode())
