"""The DuckDB event store: open (and migrate), look up, write batches atomically, regroup.

One process writes at a time (DuckDB holds a file lock). Every batch is one transaction: the
batch's articles replace any stored rows with the same article ids, their mentions are keyed by
the de-duplication rule, and the events those mentions belong to (before and after) are
recomputed from the stored mentions. A run killed at any point leaves the last committed batch
in place and nothing of the one in flight; re-running skips what is stored and unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from eventcoder.read.feeds import FeedState
from eventcoder.settings import DEFAULTS
from eventcoder.store.dedup import DedupRule, key_mention_row
from eventcoder.store.migrations import LATEST_VERSION, SchemaError, current_version, migrate
from eventcoder.store.reprints import Signature, lookup_rows
from eventcoder.store.rows import ArticleRows, Row
from eventcoder.store.schema import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    BAND_COLUMNS,
    DATA_TABLES,
    MENTION_COLUMNS,
    MENTION_KEY_COLUMNS,
    PLACE_COLUMNS,
    QUOTE_COLUMNS,
    REPRINT_COLUMNS,
    SIGNATURE_COLUMNS,
    SKIPPED_COLUMNS,
    Columns,
    column_names,
)
from eventcoder.store.sql import fetch_one

DEFAULT_DB = DEFAULTS.db_path
_LOCK_PID = re.compile(r"\(PID (\d+)\)")
_RULE_SETTING = "dedup_rule"
_LOOKUP_CHUNK = 10_000
_INDEX = ("reprints", "article_signatures", "article_bands")  # per-article reprint rows


class DatabaseLocked(RuntimeError):
    """Another process holds the database file (DuckDB allows one process per file)."""

    def __init__(self, path: str, detail: str) -> None:
        found = _LOCK_PID.search(detail)
        holder = f"another process (PID {found.group(1)})" if found else "another process"
        super().__init__(
            f"{path} is in use by {holder}, such as a running `eventcoder serve`; DuckDB lets "
            "one process open it at a time: send articles to that server (POST /v1/articles) "
            "and query it (GET /v1/events), or stop it first"
        )
        self.path = path


def connect(path: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a database file; a file held by another process raises ``DatabaseLocked``."""
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseLocked(path, str(exc)) from exc
        raise


@dataclass(frozen=True, slots=True)
class Skip:
    """An input left out of a run, and why; for an article that could not be coded, its id
    and the stage that failed on it."""

    location: str
    problem: str
    article_id: str | None = None
    stage: str | None = None

    def row(self, run_id: int, seq: int) -> Row:
        return (run_id, seq, self.location, self.problem, self.article_id, self.stage)


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: Columns, rows: Sequence[Row]
) -> None:
    """Append many rows through DuckDB's appender (inside the caller's transaction).

    (``executemany`` does one round trip per row and is ~100x slower; the appender is ~5x
    faster than unnesting one list parameter per column.)
    """
    if not rows:
        return
    with con.appender(table, columns=[name for name, _ in columns]) as appender:
        appender.append_rows(rows)


def _group_sql(where: str) -> str:
    """Events from their mentions: counts over all mentions, fields from the first mention.

    "First" is a total order that does not depend on ingest order (article date, article id,
    position in the article), so an interrupted and an uninterrupted run agree.

    A reprint (table ``reprints``) repeats its first copy's mentions: each counts once more in
    ``num_mentions`` under the reprint's article and outlet, so ``num_articles`` and
    ``num_sources`` grow as if it had been coded, while the event's fields and first mention
    stay the first copy's. ``where`` (on ``m``) is applied twice: pass its parameters twice.
    """
    order = "ORDER BY article_date NULLS LAST, article_id, seq"
    return f"""
INSERT INTO events
WITH m AS (
    SELECT m.*, a.date AS article_date, a.url AS article_url, a.outlet
    FROM mentions m JOIN articles a USING (article_id)
    {where}
),
copies AS (
    SELECT m.event_id, r.article_id, ra.outlet, ra.date AS article_date
    FROM mentions m
    JOIN reprints r ON r.original_id = m.article_id
    JOIN articles ra ON ra.article_id = r.article_id
    {where}
),
reach AS (
    SELECT event_id, article_id, outlet, article_date FROM m
    UNION ALL
    SELECT event_id, article_id, outlet, article_date FROM copies
),
ranked AS (
    SELECT *, row_number() OVER (PARTITION BY event_id {order}) AS rn FROM m
),
agg AS (
    SELECT event_id,
           count(*) AS num_mentions,
           count(DISTINCT outlet) AS num_sources,
           count(DISTINCT article_id) AS num_articles,
           min(article_date) AS date_added
    FROM reach GROUP BY event_id
),
roots AS (
    SELECT event_id, bool_or(in_lead) AS is_root_event FROM m GROUP BY event_id
),
placed AS (
    SELECT * FROM (
        SELECT event_id, place_name, place_country, place_lat, place_lon, place_geonameid,
               place_feature, row_number() OVER (PARTITION BY event_id {order}) AS rn
        FROM m WHERE place_name IS NOT NULL
    ) WHERE rn = 1
)
SELECT r.event_id, r.event_key, r.date, r.date_precision, r.cameo, left(r.cameo, 3), r.cameo_root,
       r.quad_class, r.goldstein, r.factuality, r.plover_type, r.plover_mode,
       r.source_code, r.source_name, r.source_country, r.source_role,
       r.target_code, r.target_name, r.target_country, r.target_role,
       p.place_name, p.place_country, p.place_lat, p.place_lon, p.place_geonameid,
       p.place_feature,
       g.num_mentions, g.num_sources, g.num_articles, o.is_root_event,
       r.article_id, r.mention_id, r.article_url, g.date_added, r.evidence
FROM ranked r
JOIN agg g USING (event_id)
JOIN roots o USING (event_id)
LEFT JOIN placed p USING (event_id)
WHERE r.rn = 1
"""


class Store:
    """An open event database. Use as a context manager, or call ``close()``."""

    def __init__(
        self,
        path: str | Path = DEFAULT_DB,
        rule: DedupRule | None = None,
        read_only: bool = False,
    ) -> None:
        self.path = str(path)
        if read_only:
            if self.path != ":memory:" and not Path(self.path).exists():
                raise FileNotFoundError(
                    f"{self.path}: no such database; create it with `eventcoder ingest`"
                )
            self.con = connect(self.path, read_only=True)
            version = current_version(self.con)
            if version != LATEST_VERSION:
                self.con.close()
                raise SchemaError(
                    f"{self.path}: schema version {version}, this eventcoder reads "
                    f"{LATEST_VERSION}; run `eventcoder ingest` (no inputs needed) to migrate"
                    if version < LATEST_VERSION
                    else f"{self.path}: schema version {version} is newer than this "
                    f"eventcoder ({LATEST_VERSION}); upgrade eventcoder"
                )
            self.rule = self._stored_rule() or DedupRule()
            self.regrouped = False
            return
        self.con = connect(self.path)
        migrate(self.con)
        stored = self._stored_rule()
        self.rule = rule or stored or DedupRule()
        self.regrouped = False
        if stored is None:
            self._save_rule(self.rule)
        elif self.rule != stored:
            self.regroup(self.rule)
            self.regrouped = True

    # -- context management -------------------------------------------------------------

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- settings and runs --------------------------------------------------------------

    def _stored_rule(self) -> DedupRule | None:
        row = fetch_one(self.con, "SELECT value FROM settings WHERE key = ?", [_RULE_SETTING])
        return DedupRule.from_json(str(row[0])) if row else None

    def _save_rule(self, rule: DedupRule) -> None:
        self.con.execute(
            "INSERT OR REPLACE INTO settings VALUES (?, ?)", [_RULE_SETTING, rule.to_json()]
        )

    def begin_run(self, command: str) -> int:
        """Record a run; runs left 'running' by a killed process are marked 'interrupted'."""
        self.con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        row = fetch_one(self.con, "SELECT coalesce(max(run_id), 0) + 1 FROM runs")
        run_id = int(row[0]) if row else 1
        self.con.execute(
            "INSERT INTO runs (run_id, status, command) VALUES (?, 'running', ?)",
            [run_id, command],
        )
        return run_id

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        self.con.execute(
            """UPDATE runs SET finished_at = current_timestamp, status = ?,
                   new_articles = ?, changed_articles = ?, unchanged_articles = ?,
                   skipped_inputs = ?, mentions = ?
               WHERE run_id = ?""",
            [
                status,
                counts.get("new", 0),
                counts.get("changed", 0),
                counts.get("unchanged", 0),
                counts.get("skipped", 0),
                counts.get("mentions", 0),
                run_id,
            ],
        )

    # -- reading ------------------------------------------------------------------------

    def known_hashes(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The stored content hash of each of these article ids that is stored."""
        ids = list(dict.fromkeys(article_ids))
        found: dict[str, str] = {}
        for start in range(0, len(ids), _LOOKUP_CHUNK):
            chunk = ids[start : start + _LOOKUP_CHUNK]
            rows = self.con.execute(
                "SELECT article_id, content_hash FROM articles "
                "WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))",
                [chunk],
            ).fetchall()
            found.update((str(a), str(h)) for a, h in rows)
        return found

    def events_per_article(self, article_ids: Iterable[str]) -> dict[str, int]:
        """The number of event mentions of each of these article ids that is stored."""
        rows = self.con.execute(
            "SELECT article_id, n_events FROM articles "
            "WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))",
            [list(article_ids)],
        ).fetchall()
        return {str(article_id): int(n) for article_id, n in rows}

    def count(self, table: str) -> int:
        if table not in (*DATA_TABLES, "skipped", "runs"):
            raise ValueError(f"unknown table {table}")
        row = fetch_one(self.con, f"SELECT count(*) FROM {table}")
        return int(row[0]) if row else 0

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, list(params)).fetchall()

    # -- writing ------------------------------------------------------------------------

    def write_batch(
        self, batch: Sequence[ArticleRows], skipped: Sequence[Skip] = (), run_id: int = 0
    ) -> int:
        """Store a batch of articles (replacing same-id rows) in one transaction.

        Returns the number of mentions written.
        """
        if not batch and not skipped:
            return 0
        con = self.con
        ids = [rows.article_id for rows in batch]
        mentions = [key_mention_row(self.rule, m) for rows in batch for m in rows.mentions]
        con.execute("BEGIN TRANSACTION")
        try:
            if ids:
                in_batch = "article_id IN (SELECT UNNEST(?::VARCHAR[]))"
                old = con.execute(
                    f"SELECT DISTINCT event_id FROM mentions WHERE {in_batch}", [ids]
                ).fetchall()
                # The events of first copies whose reprints leave or join: their counts change.
                originals = [r.reprint.original_id for r in batch if r.reprint is not None]
                old += con.execute(
                    "SELECT DISTINCT event_id FROM mentions WHERE article_id IN "
                    f"(SELECT original_id FROM reprints WHERE {in_batch} "
                    "UNION ALL SELECT UNNEST(?::VARCHAR[]))",
                    [ids, originals],
                ).fetchall()
                for table in ("mentions", "actors", "places", "quotes", "articles", *_INDEX):
                    con.execute(f"DELETE FROM {table} WHERE {in_batch}", [ids])
                insert_rows(con, "articles", ARTICLE_COLUMNS, [r.article for r in batch])
                self._insert_reprint_rows(batch)
                insert_rows(con, "mentions", MENTION_COLUMNS + MENTION_KEY_COLUMNS, mentions)
                insert_rows(con, "actors", ACTOR_COLUMNS, [a for r in batch for a in r.actors])
                insert_rows(con, "places", PLACE_COLUMNS, [p for r in batch for p in r.places])
                insert_rows(con, "quotes", QUOTE_COLUMNS, [q for r in batch for q in r.quotes])
                affected = sorted({int(e) for (e,) in old} | {int(m[-1]) for m in mentions})
                self._regroup_events(affected)
            if skipped:
                start = self._next_skip_seq(run_id)
                insert_rows(
                    con,
                    "skipped",
                    SKIPPED_COLUMNS,
                    [skip.row(run_id, start + i) for i, skip in enumerate(skipped)],
                )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return len(mentions)

    def _insert_reprint_rows(self, batch: Sequence[ArticleRows]) -> None:
        """The reprint links and the reprint index entries of a batch."""
        links = [
            (r.article_id, r.reprint.original_id, r.reprint.similarity)
            for r in batch
            if r.reprint is not None
        ]
        insert_rows(self.con, "reprints", REPRINT_COLUMNS, links)
        indexed = [(r.article_id, r.indexed) for r in batch if r.indexed is not None]
        signatures = [(aid, list(entry.signature)) for aid, entry in indexed]
        insert_rows(self.con, "article_signatures", SIGNATURE_COLUMNS, signatures)
        bands = [(key, aid) for aid, entry in indexed for key in entry.bands]
        insert_rows(self.con, "article_bands", BAND_COLUMNS, bands)

    def reprint_candidates(self, keys: Sequence[int]) -> dict[str, Signature]:
        """The stored originals that share an LSH band key with ``keys``, with their
        signatures (store/reprints.py)."""
        if not keys:
            return {}
        rows = self.con.execute(
            "SELECT article_id, signature FROM article_signatures WHERE article_id IN "
            "(SELECT article_id FROM article_bands WHERE band_key IN "
            "(SELECT UNNEST(?::BIGINT[])))",
            [list(keys)],
        ).fetchall()
        return lookup_rows(rows)

    # -- feeds and URLs -------------------------------------------------------------------

    def stored_urls(self, urls: Sequence[str]) -> set[str]:
        """Which of these URLs are stored, as an article id or an article's URL."""
        if not urls:
            return set()
        rows = self.con.execute(
            "WITH u AS (SELECT UNNEST(?::VARCHAR[]) AS url) SELECT url FROM u WHERE url IN "
            "(SELECT article_id FROM articles) OR url IN (SELECT url FROM articles)",
            [list(urls)],
        ).fetchall()
        return {str(url) for (url,) in rows}

    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified of a feed's last complete reading."""
        row = fetch_one(self.con, "SELECT etag, last_modified FROM feeds WHERE url = ?", [url])
        if row is None:
            return None, None
        return (
            str(row[0]) if row[0] is not None else None,
            str(row[1]) if row[1] is not None else None,
        )

    def save_feeds(self, states: Sequence[FeedState]) -> None:
        """Remember feeds read completely (their validators, for conditional requests)."""
        for state in states:
            self.con.execute(
                "INSERT OR REPLACE INTO feeds (url, etag, last_modified, status, entries, "
                "new_entries, checked_at) VALUES (?, ?, ?, ?, ?, ?, current_timestamp)",
                [
                    state.url,
                    state.etag,
                    state.last_modified,
                    state.status,
                    state.entries,
                    state.new_entries,
                ],
            )

    def _next_skip_seq(self, run_id: int) -> int:
        row = fetch_one(
            self.con, "SELECT coalesce(max(seq), -1) + 1 FROM skipped WHERE run_id = ?", [run_id]
        )
        return int(row[0]) if row else 0

    def _regroup_events(self, event_ids: Sequence[int]) -> None:
        if not event_ids:
            return
        in_ids = "event_id IN (SELECT UNNEST(?::BIGINT[]))"
        self.con.execute(f"DELETE FROM events WHERE {in_ids}", [list(event_ids)])
        self.con.execute(_group_sql(f"WHERE m.{in_ids}"), [list(event_ids)] * 2)

    def regroup(self, rule: DedupRule) -> None:
        """Re-key every stored mention under a new rule and rebuild the events table."""
        con = self.con
        names = column_names(MENTION_COLUMNS)
        rows = con.execute(f"SELECT {', '.join(names)} FROM mentions").fetchall()
        keyed = [key_mention_row(rule, tuple(row))[-2:] for row in rows]
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                "CREATE TEMP TABLE new_keys (article_id VARCHAR, seq INTEGER, "
                "event_key VARCHAR, event_id BIGINT)"
            )
            insert_rows(
                con,
                "new_keys",
                (
                    ("article_id", "VARCHAR"),
                    ("seq", "INTEGER"),
                    ("event_key", "VARCHAR"),
                    ("event_id", "BIGINT"),
                ),
                [(row[1], row[2], *key) for row, key in zip(rows, keyed, strict=True)],
            )
            con.execute(
                "UPDATE mentions SET event_key = k.event_key, event_id = k.event_id "
                "FROM new_keys k WHERE mentions.article_id = k.article_id "
                "AND mentions.seq = k.seq"
            )
            con.execute("DROP TABLE new_keys")
            con.execute("DELETE FROM events")
            con.execute(_group_sql(""))
            con.execute(
                "INSERT OR REPLACE INTO settings VALUES (?, ?)", [_RULE_SETTING, rule.to_json()]
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self.rule = rule

    def clear(self) -> None:
        """Delete all coded data (used by the per-article GDELT writer's scratch store)."""
        for table in DATA_TABLES:
            self.con.execute(f"DELETE FROM {table}")
