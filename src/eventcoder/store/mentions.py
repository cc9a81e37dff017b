"""The way back from an event to its sentences: one shape of a mention, one query for it.

Every shell builds its mention output from ``mentions_of``: ``eventcoder events --mentions``
shows the fields it has always shown (``pick``), ``GET /v1/events/{id}`` all but the event
id; so the two cannot disagree on what a field holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import duckdb

from eventcoder.store.query import json_value

Mention = dict[str, Any]

# The mention's fields, in this order: the event, the article, where in the article, the
# evidence, the rule that fired, and the coded event the mention carries.
MENTION_FIELDS = (
    "event_id",
    "mention_id",
    "article_id",
    "url",
    "title",
    "source",
    "outlet",
    "article_date",
    "date_text",
    "date_basis",
    "sentence",
    "sentence_start",
    "sentence_end",
    "sentence_text",
    "start_char",
    "end_char",
    "evidence",
    "trigger",
    "trigger_start",
    "trigger_end",
    "rule",
    "rule_line",
    "factuality",
    "in_lead",
    "source_code",
    "target_code",
    "cameo",
    "place_name",
    "place_country",
    "reprint_of",  # the first copy's article id when the article is a reprint of it
)


def with_reprints(where: str) -> str:
    """A CTE body: the stored mentions that satisfy ``where`` (on ``m``) and, for each
    reprint of their article (table ``reprints``), the same mention under the reprint's
    article id (its mention id re-based on it), so that an event's mentions number its
    ``num_mentions``. Columns: those of ``mentions``, ``text_id`` (the article whose text the
    offsets refer to) and ``reprint_of`` (NULL, or the first copy's id). ``where`` is used
    twice: pass its parameters twice."""
    return f"""
    SELECT m.*, m.article_id AS text_id, NULL::VARCHAR AS reprint_of FROM mentions m {where}
    UNION ALL
    SELECT m.* REPLACE (
               CASE WHEN starts_with(m.mention_id, m.article_id)
                    THEN r.article_id || substring(m.mention_id, length(m.article_id) + 1)
                    ELSE r.article_id || ':' || m.mention_id END AS mention_id,
               r.article_id AS article_id),
           m.article_id AS text_id, r.original_id AS reprint_of
    FROM mentions m JOIN reprints r ON r.original_id = m.article_id {where}
"""


_MENTIONS_SQL = f"""
WITH m AS ({with_reprints("WHERE m.event_id IN (SELECT UNNEST(?::BIGINT[]))")})
SELECT m.event_id, m.mention_id, m.article_id, a.url, a.title, a.source, a.outlet,
       a.date AS article_date, m.date_text, m.date_basis, m.sentence, m.sentence_start,
       m.sentence_end,
       CASE WHEN t.text IS NULL OR m.sentence_start IS NULL THEN NULL
            ELSE substring(t.text, m.sentence_start + 1, m.sentence_end - m.sentence_start)
       END AS sentence_text,
       m.start_char, m.end_char, m.evidence, m.trigger, m.trigger_start, m.trigger_end, m.rule,
       m.rule_line, m.factuality, m.in_lead, m.source_code, m.target_code, m.cameo,
       m.place_name, m.place_country, m.reprint_of
FROM m JOIN articles a USING (article_id) JOIN articles t ON t.article_id = m.text_id
ORDER BY m.event_id, a.date NULLS LAST, m.article_id, m.seq
"""


def mentions_of(
    con: duckdb.DuckDBPyConnection, event_ids: Sequence[int]
) -> dict[int, list[Mention]]:
    """Every mention of these events (JSON-ready, MENTION_FIELDS), by event id, reprints'
    included (``reprint_of`` set, text and offsets the first copy's); each event's mentions
    ordered by article date, article id and position in the article."""
    if not event_ids:
        return {}
    found: dict[int, list[Mention]] = {}
    for row in con.execute(_MENTIONS_SQL, [list(event_ids)] * 2).fetchall():
        mention = {name: json_value(v) for name, v in zip(MENTION_FIELDS, row, strict=True)}
        found.setdefault(int(row[0]), []).append(mention)
    return found


def pick(mention: Mention, names: Sequence[str]) -> Mention:
    """The fields ``names`` of a mention, in that order."""
    return {name: mention[name] for name in names}


def with_mentions(
    con: duckdb.DuckDBPyConnection, events: Iterable[dict[str, Any]], chunk: int = 1000
) -> Iterator[tuple[dict[str, Any], list[Mention]]]:
    """Each event (a dict with ``event_id``) with its mentions, looked up ``chunk`` events at
    a time so that a long listing costs a few queries, not one per event."""
    batch: list[dict[str, Any]] = []
    for event in events:
        batch.append(event)
        if len(batch) >= chunk:
            yield from _paired(con, batch)
            batch = []
    yield from _paired(con, batch)


def _paired(
    con: duckdb.DuckDBPyConnection, events: list[dict[str, Any]]
) -> Iterator[tuple[dict[str, Any], list[Mention]]]:
    found = mentions_of(con, [int(e["event_id"]) for e in events])
    for event in events:
        yield event, found.get(int(event["event_id"]), [])
