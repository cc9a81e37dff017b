"""The dashboard's aggregates over the matching events (``GET /v1/stats``): totals, by day,
country, CAMEO root and QuadClass, the top dyads and places. Every user value is a bound
parameter."""

from __future__ import annotations

from typing import Any

import duckdb

from eventcoder.ontology import QUAD_NAMES, Ontology
from eventcoder.store.query import EventFilter, and_where, json_value

TOP_DYADS = 20
TOP_PLACES = 500
_PLACE_KEY = "place_name, place_country, place_lat, place_lon"


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
        f"{and_where(where, 'date IS NOT NULL')} GROUP BY ALL ORDER BY date, quad_class",
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
        f"{and_where(where, 'source_code IS NOT NULL AND target_code IS NOT NULL')} "
        "GROUP BY ALL ORDER BY n DESC, source_code, target_code LIMIT ?",
        [*params, TOP_DYADS],
        ("source", "target", "events"),
    )
    places = _rows(
        con,
        f"""WITH per_class AS (
                SELECT place_name, place_country, place_lat, place_lon, quad_class,
                       count(*) AS n
                FROM events {and_where(where, "place_lat IS NOT NULL AND place_lon IS NOT NULL")}
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
