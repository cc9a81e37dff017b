"""Read endpoints' SQL: filtered event pages with keyset cursors, one event with its
mentions, and the dashboard's aggregates. Every user value is a bound parameter."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import duckdb

from eventcoder.ontology import QUAD_NAMES, Ontology
from eventcoder.serve.errors import ApiError
from eventcoder.store import EventFilter
from eventcoder.store.query import EVENT_FIELDS

TOP_DYADS = 20
TOP_PLACES = 500
_PLACE_KEY = "place_name, place_country, place_lat, place_lon"


def json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def event_json(row: tuple[Any, ...]) -> dict[str, Any]:
    """An events-table row as JSON; ``event_id`` as a string (63-bit ids do not fit the
    53-bit integers of JavaScript)."""
    record = {name: json_value(value) for name, value in zip(EVENT_FIELDS, row, strict=True)}
    record["event_id"] = str(record["event_id"])
    return record


def _and(where: str, clause: str) -> str:
    return f"{where} AND {clause}" if where else f"WHERE {clause}"


# -- cursors ----------------------------------------------------------------------------


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
            raise ApiError(
                400,
                "invalid_cursor",
                "cursor: not a cursor this server gave out; pass next_cursor unchanged",
            ) from exc

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


def event_page(
    con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int, after: Cursor | None
) -> Page:
    where, params = flt.where()
    if after is not None:
        clause, more = after.clause()
        where = _and(where, clause)
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


# -- one event ---------------------------------------------------------------------------

MENTION_SQL = """
SELECT m.mention_id, m.article_id, a.url, a.title, a.source, a.outlet, a.date AS article_date,
       m.date_text, m.date_basis, m.sentence, m.sentence_start, m.sentence_end,
       CASE WHEN a.text IS NULL OR m.sentence_start IS NULL THEN NULL
            ELSE substring(a.text, m.sentence_start + 1, m.sentence_end - m.sentence_start)
       END AS sentence_text,
       m.start_char AS "start", m.end_char AS "end", m.evidence, m.trigger, m.trigger_start,
       m.trigger_end, m.rule, m.rule_line, m.factuality, m.in_lead,
       m.source_code, m.target_code, m.cameo, m.place_name, m.place_country
FROM mentions m JOIN articles a USING (article_id)
WHERE m.event_id = ?
ORDER BY a.date NULLS LAST, m.article_id, m.seq
"""


def event_detail(con: duckdb.DuckDBPyConnection, event_id: int) -> dict[str, Any] | None:
    rows = con.execute(
        f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE event_id = ?", [event_id]
    ).fetchall()
    if not rows:
        return None
    event = event_json(rows[0])
    result = con.execute(MENTION_SQL, [event_id])
    names = [d[0] for d in result.description or ()]
    event["mentions"] = [
        {name: json_value(value) for name, value in zip(names, row, strict=True)}
        for row in result.fetchall()
    ]
    return event


# -- aggregates --------------------------------------------------------------------------


def _rows(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[Any], keys: tuple[str, ...]
) -> list[dict[str, Any]]:
    return [
        {key: json_value(value) for key, value in zip(keys, row, strict=True)}
        for row in con.execute(sql, params).fetchall()
    ]


def _mean(value: Any) -> float | None:
    return None if value is None else round(float(value), 3)


def stats(con: duckdb.DuckDBPyConnection, flt: EventFilter, ontology: Ontology) -> dict[str, Any]:
    """The dashboard's aggregates over the matching events (docs/serve.md lists the keys)."""
    where, params = flt.where()
    total = con.execute(
        f"SELECT count(*), coalesce(sum(num_mentions), 0), avg(goldstein), min(date), max(date) "
        f"FROM events {where}",
        params,
    ).fetchall()[0]
    articles = con.execute(
        f"SELECT count(DISTINCT article_id) FROM mentions "
        f"WHERE event_id IN (SELECT event_id FROM events {where})",
        params,
    ).fetchall()[0][0]
    totals = {
        "events": int(total[0]),
        "mentions": int(total[1]),
        "articles": int(articles),
        "mean_goldstein": _mean(total[2]),
        "first_date": json_value(total[3]),
        "last_date": json_value(total[4]),
    }
    by_day = _rows(
        con,
        f"SELECT date, quad_class, count(*), avg(goldstein) FROM events "
        f"{_and(where, 'date IS NOT NULL')} GROUP BY ALL ORDER BY date, quad_class",
        params,
        ("date", "quad_class", "events", "mean_goldstein"),
    )
    by_country = _rows(
        con,
        f"""SELECT country, count(*) AS n, avg(goldstein) FROM (
                SELECT unnest(list_distinct(list_filter(
                           [source_country, target_country, place_country],
                           lambda c: c IS NOT NULL))) AS country, goldstein
                FROM events {where})
            GROUP BY country ORDER BY n DESC, country""",
        params,
        ("country", "events", "mean_goldstein"),
    )
    by_root = _rows(
        con,
        f"SELECT cameo_root, count(*) AS n, avg(goldstein) FROM events {where} "
        "GROUP BY cameo_root ORDER BY cameo_root",
        params,
        ("cameo_root", "events", "mean_goldstein"),
    )
    for row in by_root:
        code = ontology.get(str(row["cameo_root"]))
        row["name"] = code.name if code else None
    by_quad = _rows(
        con,
        f"SELECT quad_class, count(*), avg(goldstein) FROM events {where} "
        "GROUP BY quad_class ORDER BY quad_class",
        params,
        ("quad_class", "events", "mean_goldstein"),
    )
    for row in by_quad:
        row["name"] = QUAD_NAMES.get(int(row["quad_class"]))
    dyads = _rows(
        con,
        f"SELECT source_code, target_code, count(*) AS n FROM events "
        f"{_and(where, 'source_code IS NOT NULL AND target_code IS NOT NULL')} "
        "GROUP BY ALL ORDER BY n DESC, source_code, target_code LIMIT ?",
        [*params, TOP_DYADS],
        ("source", "target", "events"),
    )
    places = _rows(
        con,
        f"""WITH per_class AS (
                SELECT place_name, place_country, place_lat, place_lon, quad_class,
                       count(*) AS n
                FROM events {_and(where, "place_lat IS NOT NULL AND place_lon IS NOT NULL")}
                GROUP BY ALL),
            ranked AS (
                SELECT *, sum(n) OVER (PARTITION BY {_PLACE_KEY}) AS total,
                       row_number() OVER (
                           PARTITION BY {_PLACE_KEY} ORDER BY n DESC, quad_class) AS rn
                FROM per_class)
            SELECT place_name, place_country, place_lat, place_lon, total, quad_class
            FROM ranked WHERE rn = 1
            ORDER BY total DESC, place_name LIMIT ?""",
        [*params, TOP_PLACES],
        ("name", "country", "lat", "lon", "events", "quad_class"),
    )
    for group in (by_day, by_country, by_root, by_quad):
        for row in group:
            row["mean_goldstein"] = _mean(row["mean_goldstein"])
    for row in places:
        row["events"] = int(row["events"])
    return {
        "totals": totals,
        "by_day": by_day,
        "by_country": by_country,
        "by_root": by_root,
        "by_quad": by_quad,
        "dyads": dyads,
        "places": places,
    }
