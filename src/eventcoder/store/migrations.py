"""Versioned schema migrations of the event store.

Each migration is (version, name, SQL statements) and runs once, in its own transaction, in
version order; ``schema_migrations`` records what ran. The SQL is written out literally so that
an old migration never changes when ``schema.py`` does: to change the schema, append a
migration (ALTER TABLE ...) and update ``schema.py`` to match; a test checks that a migrated
database has exactly the columns ``schema.py`` lists. A database made by a newer eventcoder
(a version this code does not know) is refused rather than guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from eventcoder.store.sql import fetch_one


class SchemaError(RuntimeError):
    """The database's schema is newer than this eventcoder or otherwise unusable."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


_V1 = (
    """
CREATE TABLE articles (
    article_id VARCHAR,
    url VARCHAR,
    source VARCHAR,
    outlet VARCHAR,
    title VARCHAR,
    date DATE,
    content_hash VARCHAR,
    text VARCHAR,
    n_chars INTEGER,
    n_sentences INTEGER,
    n_events INTEGER,
    coder_version VARCHAR,
    ingested_at TIMESTAMP DEFAULT current_timestamp,
    PRIMARY KEY (article_id)
)
""",
    """
CREATE TABLE mentions (
    mention_id VARCHAR,
    article_id VARCHAR,
    seq INTEGER,
    date DATE,
    date_text VARCHAR,
    date_precision VARCHAR,
    date_basis VARCHAR,
    sentence INTEGER,
    sentence_start INTEGER,
    sentence_end INTEGER,
    in_lead BOOLEAN,
    start_char INTEGER,
    end_char INTEGER,
    evidence VARCHAR,
    trigger VARCHAR,
    trigger_start INTEGER,
    trigger_end INTEGER,
    rule VARCHAR,
    rule_line VARCHAR,
    cameo VARCHAR,
    cameo_root VARCHAR,
    quad_class INTEGER,
    goldstein DOUBLE,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    plover_context VARCHAR,
    factuality VARCHAR,
    source_code VARCHAR,
    source_name VARCHAR,
    source_text VARCHAR,
    source_country VARCHAR,
    source_role VARCHAR,
    source_start INTEGER,
    source_end INTEGER,
    target_code VARCHAR,
    target_name VARCHAR,
    target_text VARCHAR,
    target_country VARCHAR,
    target_role VARCHAR,
    target_start INTEGER,
    target_end INTEGER,
    place_name VARCHAR,
    place_country VARCHAR,
    place_lat DOUBLE,
    place_lon DOUBLE,
    place_geonameid BIGINT,
    place_feature VARCHAR,
    place_start INTEGER,
    place_end INTEGER,
    event_key VARCHAR,
    event_id BIGINT
)
""",
    """
CREATE TABLE events (
    event_id BIGINT,
    event_key VARCHAR,
    date DATE,
    date_precision VARCHAR,
    cameo VARCHAR,
    cameo_base VARCHAR,
    cameo_root VARCHAR,
    quad_class INTEGER,
    goldstein DOUBLE,
    factuality VARCHAR,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    source_code VARCHAR,
    source_name VARCHAR,
    source_country VARCHAR,
    source_role VARCHAR,
    target_code VARCHAR,
    target_name VARCHAR,
    target_country VARCHAR,
    target_role VARCHAR,
    place_name VARCHAR,
    place_country VARCHAR,
    place_lat DOUBLE,
    place_lon DOUBLE,
    place_geonameid BIGINT,
    place_feature VARCHAR,
    num_mentions INTEGER,
    num_sources INTEGER,
    num_articles INTEGER,
    is_root_event BOOLEAN,
    first_article_id VARCHAR,
    first_mention_id VARCHAR,
    source_url VARCHAR,
    date_added DATE,
    evidence VARCHAR,
    PRIMARY KEY (event_id)
)
""",
    """
CREATE TABLE actors (
    article_id VARCHAR,
    seq INTEGER,
    entity INTEGER,
    text VARCHAR,
    name VARCHAR,
    code VARCHAR,
    country VARCHAR,
    role VARCHAR,
    start_char INTEGER,
    end_char INTEGER
)
""",
    """
CREATE TABLE places (
    article_id VARCHAR,
    seq INTEGER,
    name VARCHAR,
    country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    geonameid BIGINT,
    feature VARCHAR,
    start_char INTEGER,
    end_char INTEGER
)
""",
    """
CREATE TABLE quotes (
    article_id VARCHAR,
    seq INTEGER,
    kind VARCHAR,
    sentence INTEGER,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR,
    speaker_code VARCHAR,
    speaker_name VARCHAR,
    speaker_text VARCHAR,
    speaker_country VARCHAR,
    speaker_role VARCHAR
)
""",
    """
CREATE TABLE skipped (
    run_id BIGINT,
    seq INTEGER,
    location VARCHAR,
    problem VARCHAR,
    skipped_at TIMESTAMP DEFAULT current_timestamp
)
""",
    """
CREATE TABLE runs (
    run_id BIGINT PRIMARY KEY,
    started_at TIMESTAMP DEFAULT current_timestamp,
    finished_at TIMESTAMP,
    status VARCHAR,
    command VARCHAR,
    new_articles INTEGER,
    changed_articles INTEGER,
    unchanged_articles INTEGER,
    skipped_inputs INTEGER,
    mentions INTEGER
)
""",
    """
CREATE TABLE settings (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
)
""",
)

_V2 = (
    # The way back from a mention to its article and sentence, in one place.
    """
CREATE VIEW event_mentions AS
SELECT m.event_id, m.mention_id, m.article_id, m.seq, a.url, a.source, a.outlet, a.title,
       a.date AS article_date, m.date, m.sentence, m.sentence_start, m.sentence_end,
       m.start_char, m.end_char, m.evidence, m.trigger, m.rule, m.rule_line,
       m.cameo, m.factuality, m.source_code, m.target_code, m.place_name, m.place_country
FROM mentions m JOIN articles a USING (article_id)
""",
    # Events per day and country (of either actor or of the place): the commonest question.
    """
CREATE VIEW events_by_day AS
WITH event_country AS (
    SELECT event_id, source_country AS country FROM events WHERE source_country IS NOT NULL
    UNION
    SELECT event_id, target_country FROM events WHERE target_country IS NOT NULL
    UNION
    SELECT event_id, place_country FROM events WHERE place_country IS NOT NULL
)
SELECT e.date, c.country, e.cameo_root, e.quad_class, count(*) AS events,
       sum(e.num_mentions) AS mentions
FROM event_country c JOIN events e USING (event_id)
GROUP BY ALL
""",
)

_V3 = (
    # Where a quote's speaker is named, so a stored article can be shown with every mark.
    "ALTER TABLE quotes ADD COLUMN speaker_start INTEGER",
    "ALTER TABLE quotes ADD COLUMN speaker_end INTEGER",
)

_V4 = (
    # An article that could not be coded: which one, and in which stage ("parse", "time"...).
    "ALTER TABLE skipped ADD COLUMN article_id VARCHAR",
    "ALTER TABLE skipped ADD COLUMN stage VARCHAR",
)

_V5 = (
    # PLOVER's casualties and crowd size on each event mention (NULL when the text gives none).
    "ALTER TABLE mentions ADD COLUMN dead INTEGER",
    "ALTER TABLE mentions ADD COLUMN injured INTEGER",
    "ALTER TABLE mentions ADD COLUMN size VARCHAR",
)

_V6 = (
    # The language each article was coded in (issue 16: French articles beside English ones);
    # NULL for articles stored before: they were all coded as English.
    "ALTER TABLE articles ADD COLUMN language VARCHAR",
)

# The sources tables (issue 17) are version 7, after the language column: both branches
# were written side by side, and migrate() runs every version a database has not recorded.
_V7 = (
    # Feeds read (issue 17): the validators of a feed's last complete reading.
    """
CREATE TABLE feeds (
    url VARCHAR PRIMARY KEY,
    etag VARCHAR,
    last_modified VARCHAR,
    status VARCHAR,
    entries INTEGER,
    new_entries INTEGER,
    checked_at TIMESTAMP DEFAULT current_timestamp
)
""",
    # Reprints: an article that repeats an earlier one, and the earlier one (its first copy).
    """
CREATE TABLE reprints (
    article_id VARCHAR PRIMARY KEY,
    original_id VARCHAR,
    similarity DOUBLE
)
""",
    # The MinHash signature of each original article, and its LSH band keys.
    """
CREATE TABLE article_signatures (
    article_id VARCHAR PRIMARY KEY,
    signature UINTEGER[]
)
""",
    """
CREATE TABLE article_bands (
    band_key BIGINT,
    article_id VARCHAR
)
""",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, mentions, events, actors, places, quotes, skipped, runs", _V1),
    Migration(2, "views event_mentions and events_by_day", _V2),
    Migration(3, "quote speaker offsets", _V3),
    Migration(4, "skipped article id and coding stage", _V4),
    Migration(5, "event casualties and crowd size", _V5),
    Migration(6, "article language", _V6),
    Migration(7, "feeds, reprints and the reprint index", _V7),
)
LATEST_VERSION = MIGRATIONS[-1].version


def _has_table(con: duckdb.DuckDBPyConnection) -> bool:
    exists = fetch_one(
        con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    )
    return bool(exists and exists[0])


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    """The versions recorded in ``schema_migrations`` (none for a new database)."""
    if not _has_table(con):
        return set()
    return {int(v) for (v,) in con.execute("SELECT version FROM schema_migrations").fetchall()}


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The version the database is complete up to: the highest version V such that every
    known migration up to V has run (0 for a new database), or the database's highest
    version when that is newer than this eventcoder knows."""
    applied = applied_versions(con)
    if max(applied, default=0) > LATEST_VERSION:
        return max(applied)
    version = 0
    for migration in MIGRATIONS:
        if migration.version not in applied:
            break
        version = migration.version
    return version


def migrate(con: duckdb.DuckDBPyConnection, target: int = LATEST_VERSION) -> list[int]:
    """Bring the database up to ``target``; return the versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name VARCHAR, "
        "applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    done = applied_versions(con)
    version = max(done, default=0)
    if version > LATEST_VERSION:
        raise SchemaError(
            f"the database has schema version {version}, newer than this eventcoder knows "
            f"({LATEST_VERSION}); upgrade eventcoder"
        )
    applied: list[int] = []
    # Every known migration not yet recorded runs, in version order, even one numbered below
    # the database's highest version (made by a branch without it): each is independent of
    # the migrations numbered after it.
    for migration in MIGRATIONS:
        if migration.version in done or migration.version > target:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in migration.statements:
                con.execute(statement)
            con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                [migration.version, migration.name],
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied
