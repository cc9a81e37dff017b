"""Exporting stored events: CSV and Parquet (written by DuckDB), and GDELT 2.0 (tab-separated)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import IO

from eventcoder.records import Result
from eventcoder.store.db import Store
from eventcoder.store.dedup import DedupRule
from eventcoder.store.gdelt import write_gdelt
from eventcoder.store.mentions import with_reprints
from eventcoder.store.query import EVENT_FIELDS, EventFilter, events_sql, iter_events
from eventcoder.store.rows import article_rows
from eventcoder.store.schema import MENTION_COLUMNS, column_names
from eventcoder.store.sql import fetch_one, sql_string


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    gdelt = "gdelt"


class ExportTable(StrEnum):
    events = "events"
    mentions = "mentions"


def _mentions_sql(flt: EventFilter) -> tuple[str, list[object]]:
    """Mentions (with their article's url and source) of the events that match the filter;
    a reprint's are its first copy's, under its own article (``reprint_of`` set)."""
    where, params = flt.where()
    names = ", ".join(f"m.{name}" for name in column_names(MENTION_COLUMNS))
    rows = with_reprints(f"WHERE m.event_id IN (SELECT event_id FROM events {where})")
    sql = (
        f"WITH m AS ({rows}) "
        f"SELECT m.event_id, {names}, a.url, a.source, a.outlet, a.title, m.reprint_of "
        "FROM m JOIN articles a USING (article_id) "
        "ORDER BY m.date, m.event_id, a.date NULLS LAST, m.article_id, m.seq"
    )
    return sql, [*params, *params]


def export(
    store: Store,
    fmt: ExportFormat,
    output: Path,
    flt: EventFilter | None = None,
    table: ExportTable = ExportTable.events,
) -> int:
    """Write the matching events (or their mentions) to ``output``; return the row count."""
    flt = flt or EventFilter()
    if fmt is ExportFormat.gdelt:
        if table is not ExportTable.events:
            raise ValueError("the GDELT format holds events only; use csv or parquet for mentions")
        with output.open("w", encoding="utf-8", newline="") as stream:
            return write_gdelt(iter_events(store, flt), stream)
    sql, params = events_sql(flt) if table is ExportTable.events else _mentions_sql(flt)
    target = sql_string(output)
    options = "FORMAT csv, HEADER" if fmt is ExportFormat.csv else "FORMAT parquet"
    store.con.execute(f"COPY ({sql}) TO {target} ({options})", params)
    count = fetch_one(store.con, f"SELECT count(*) FROM ({sql})", params)
    return int(count[0]) if count else 0


def export_gdelt_stream(store: Store, stream: IO[str], flt: EventFilter | None = None) -> int:
    return write_gdelt(iter_events(store, flt or EventFilter()), stream)


class GdeltArticleWriter:
    """``eventcoder code --format gdelt``: GDELT lines per article, as it is coded.

    Each article's mentions are grouped by the same rule and the same SQL as in the database
    (in a scratch in-memory store), so an article's lines equal what ``export --format gdelt``
    writes for a database holding only that article. Lines come in order of first mention.
    """

    def __init__(self, stream: IO[str], rule: DedupRule | None = None) -> None:
        self.stream = stream
        self.store = Store(":memory:", rule)

    def write(self, result: Result) -> int:
        self.store.write_batch([article_rows(result, store_text=False)])
        names = ", ".join(f"e.{name}" for name in EVENT_FIELDS)
        rows = self.store.con.execute(
            f"SELECT {names} FROM events e JOIN mentions m ON m.mention_id = e.first_mention_id "
            "ORDER BY m.seq"
        ).fetchall()
        self.store.clear()
        return write_gdelt((dict(zip(EVENT_FIELDS, row, strict=True)) for row in rows), self.stream)

    def close(self) -> None:
        self.store.close()
