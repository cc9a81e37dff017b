"""Querying stored events: the contract's filters as one parameterised SQL WHERE clause."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from eventcoder.store.db import Store
from eventcoder.store.schema import EVENT_COLUMNS, column_names

EVENT_FIELDS = column_names(EVENT_COLUMNS)
_FETCH = 10_000


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


MENTION_FIELDS = (
    "event_id",
    "mention_id",
    "article_id",
    "url",
    "source",
    "title",
    "sentence",
    "sentence_start",
    "sentence_end",
    "start_char",
    "end_char",
    "evidence",
    "trigger",
    "rule",
    "factuality",
)


def mentions_of(store: Store, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Every mention of these events, with its article and evidence: the way back."""
    if not event_ids:
        return {}
    rows = store.con.execute(
        f"SELECT {', '.join(MENTION_FIELDS)} FROM event_mentions "
        "WHERE event_id IN (SELECT UNNEST(?::BIGINT[])) "
        "ORDER BY event_id, article_date NULLS LAST, article_id, seq",
        [event_ids],
    ).fetchall()
    found: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        record = dict(zip(MENTION_FIELDS, row, strict=True))
        found.setdefault(int(row[0]), []).append(record)
    return found
