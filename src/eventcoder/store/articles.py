"""An article as stored, rebuilt into the contract's per-article JSON (plus its text).

The shape is exactly what ``Result.to_dict()`` gives for the coded article (``eventcoder code
--format jsonl``), with ``text``, ``title``, ``url``, ``source`` and ``outlet`` added, so the
dashboard's article view and ``eventcoder explain`` render stored and freshly coded articles alike.
Quote speaker offsets are stored since schema version 3; articles stored before that have
null ``speaker.start``/``end``.
"""

from __future__ import annotations

from typing import Any

import duckdb

from eventcoder.store.query import json_value
from eventcoder.store.schema import MENTION_COLUMNS, column_names

_MENTION_FIELDS = column_names(MENTION_COLUMNS)


def _actor(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row[f"{prefix}_text"] is None:
        return None
    return {
        "text": row[f"{prefix}_text"],
        "name": row[f"{prefix}_name"],
        "code": row[f"{prefix}_code"],
        "country": row[f"{prefix}_country"],
        "role": row[f"{prefix}_role"],
        "start": row.get(f"{prefix}_start"),
        "end": row.get(f"{prefix}_end"),
    }


def _place(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row[f"{prefix}name"] is None:
        return None
    return {
        "name": row[f"{prefix}name"],
        "country": row[f"{prefix}country"],
        "lat": row[f"{prefix}lat"],
        "lon": row[f"{prefix}lon"],
        "geonameid": row[f"{prefix}geonameid"],
        "feature": row[f"{prefix}feature"],
        "start": row[f"{prefix}start" if prefix else "start_char"],
        "end": row[f"{prefix}end" if prefix else "end_char"],
    }


def _event(row: dict[str, Any]) -> dict[str, Any]:
    plover = (
        None
        if row["plover_type"] is None and row["plover_mode"] is None
        else {
            "type": row["plover_type"],
            "mode": row["plover_mode"],
            "context": row["plover_context"],
        }
    )
    return {
        "id": row["mention_id"],
        "sentence": row["sentence"],
        "source": _actor(row, "source"),
        "target": _actor(row, "target"),
        "cameo": row["cameo"],
        "cameo_root": row["cameo_root"],
        "quad_class": row["quad_class"],
        "goldstein": row["goldstein"],
        "plover": plover,
        "factuality": row["factuality"],
        "date": row["date_text"],
        "date_basis": row["date_basis"],
        "date_precision": row["date_precision"] if row["date_text"] is not None else None,
        "location": _place(row, "place_"),
        "start": row["start_char"],
        "end": row["end_char"],
        "trigger": row["trigger"],
        "rule": row["rule"],
        "rule_line": row["rule_line"],
        "trigger_start": row["trigger_start"],
        "trigger_end": row["trigger_end"],
        "dead": row["dead"],
        "injured": row["injured"],
        "size": _size(row["size"]),
    }


def _size(stored: str | None) -> int | str | None:
    """A crowd size as coded: a number, or a word such as "thousands"."""
    return int(stored) if stored is not None and stored.isdigit() else stored


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    result = con.execute(sql, params)
    names = [d[0] for d in result.description or ()]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def stored_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The stored article in the contract's shape, or None when there is no such article."""
    found = _dicts(
        con,
        "SELECT article_id, date, title, url, source, outlet, text FROM articles "
        "WHERE article_id = ?",
        [article_id],
    )
    if not found:
        return None
    article = found[0]
    mentions = _dicts(
        con,
        f"SELECT {', '.join(_MENTION_FIELDS)} FROM mentions WHERE article_id = ? ORDER BY seq",
        [article_id],
    )
    actors = _dicts(
        con,
        'SELECT text, name, code, country, role, start_char AS start, end_char AS "end" '
        "FROM actors WHERE article_id = ? ORDER BY seq",
        [article_id],
    )
    places = _dicts(
        con,
        "SELECT name, country, lat, lon, geonameid, feature, start_char, end_char "
        "FROM places WHERE article_id = ? ORDER BY seq",
        [article_id],
    )
    quotes = _dicts(
        con,
        "SELECT * FROM quotes WHERE article_id = ? ORDER BY seq",
        [article_id],
    )
    return {
        "article_id": article["article_id"],
        "date": json_value(article["date"]),
        "events": [_event(row) for row in mentions],
        "quotes": [
            {
                "speaker": _actor(row, "speaker"),
                "text": row["text"],
                "kind": row["kind"],
                "sentence": row["sentence"],
                "start": row["start_char"],
                "end": row["end_char"],
            }
            for row in quotes
        ],
        "places": [_place(row, "") for row in places],
        "actors": actors,
        "text": article["text"],
        "title": article["title"],
        "url": article["url"],
        "source": article["source"],
        "outlet": article["outlet"],
    }
