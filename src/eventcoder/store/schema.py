"""The tables of the event store: one list of (column, SQL type) per table.

This is the single description of the stored rows: the migrations create the tables from it,
``rows.py`` builds tuples in this column order, and the Parquet sink writes the same columns.
docs/store.md documents every column.
"""

from __future__ import annotations

from typing import Final

Columns = tuple[tuple[str, str], ...]

ARTICLE_COLUMNS: Final[Columns] = (
    ("article_id", "VARCHAR"),
    ("url", "VARCHAR"),
    ("source", "VARCHAR"),
    ("outlet", "VARCHAR"),  # who published it, for num_sources: source, else URL host, else id
    ("title", "VARCHAR"),
    ("date", "DATE"),
    ("content_hash", "VARCHAR"),
    ("text", "VARCHAR"),
    ("n_chars", "INTEGER"),
    ("n_sentences", "INTEGER"),
    ("n_events", "INTEGER"),
    ("coder_version", "VARCHAR"),
    ("language", "VARCHAR"),  # ISO 639-1 code the article was coded in ("en", "fr"); V6
)

_ACTOR_PARTS = ("code", "name", "text", "country", "role")
_PLACE_PARTS: tuple[tuple[str, str], ...] = (
    ("name", "VARCHAR"),
    ("country", "VARCHAR"),
    ("lat", "DOUBLE"),
    ("lon", "DOUBLE"),
    ("geonameid", "BIGINT"),
    ("feature", "VARCHAR"),
)


def _actor(prefix: str) -> Columns:
    return (
        *((f"{prefix}_{part}", "VARCHAR") for part in _ACTOR_PARTS),
        (f"{prefix}_start", "INTEGER"),
        (f"{prefix}_end", "INTEGER"),
    )


# One row per coded event mention (an Event record of one article), with its evidence.
# event_key and event_id are filled in by the store from the de-duplication rule.
MENTION_COLUMNS: Final[Columns] = (
    ("mention_id", "VARCHAR"),
    ("article_id", "VARCHAR"),
    ("seq", "INTEGER"),
    ("date", "DATE"),  # the event date (first day of a month/year), else the article date
    ("date_text", "VARCHAR"),  # the event date as coded: YYYY-MM-DD, YYYY-MM, YYYY or NULL
    ("date_precision", "VARCHAR"),  # day, month, year
    ("date_basis", "VARCHAR"),
    ("sentence", "INTEGER"),
    ("sentence_start", "INTEGER"),
    ("sentence_end", "INTEGER"),
    ("in_lead", "BOOLEAN"),  # in the lead paragraph (GDELT IsRootEvent)
    ("start_char", "INTEGER"),
    ("end_char", "INTEGER"),
    ("evidence", "VARCHAR"),
    ("trigger", "VARCHAR"),
    ("trigger_start", "INTEGER"),
    ("trigger_end", "INTEGER"),
    ("rule", "VARCHAR"),
    ("rule_line", "VARCHAR"),
    ("cameo", "VARCHAR"),
    ("cameo_root", "VARCHAR"),
    ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("plover_type", "VARCHAR"),
    ("plover_mode", "VARCHAR"),
    ("plover_context", "VARCHAR"),
    ("factuality", "VARCHAR"),
    *_actor("source"),
    *_actor("target"),
    *((f"place_{name}", kind) for name, kind in _PLACE_PARTS),
    ("place_start", "INTEGER"),
    ("place_end", "INTEGER"),
    # PLOVER casualties and crowd size (migration 5); size is a number or a word ("dozens").
    ("dead", "INTEGER"),
    ("injured", "INTEGER"),
    ("size", "VARCHAR"),
)
MENTION_KEY_COLUMNS: Final[Columns] = (("event_key", "VARCHAR"), ("event_id", "BIGINT"))

ACTOR_COLUMNS: Final[Columns] = (
    ("article_id", "VARCHAR"),
    ("seq", "INTEGER"),
    ("entity", "INTEGER"),
    ("text", "VARCHAR"),
    ("name", "VARCHAR"),
    ("code", "VARCHAR"),
    ("country", "VARCHAR"),
    ("role", "VARCHAR"),
    ("start_char", "INTEGER"),
    ("end_char", "INTEGER"),
)

PLACE_COLUMNS: Final[Columns] = (
    ("article_id", "VARCHAR"),
    ("seq", "INTEGER"),
    *_PLACE_PARTS,
    ("start_char", "INTEGER"),
    ("end_char", "INTEGER"),
)

QUOTE_COLUMNS: Final[Columns] = (
    ("article_id", "VARCHAR"),
    ("seq", "INTEGER"),
    ("kind", "VARCHAR"),
    ("sentence", "INTEGER"),
    ("start_char", "INTEGER"),
    ("end_char", "INTEGER"),
    ("text", "VARCHAR"),
    ("speaker_code", "VARCHAR"),
    ("speaker_name", "VARCHAR"),
    ("speaker_text", "VARCHAR"),
    ("speaker_country", "VARCHAR"),
    ("speaker_role", "VARCHAR"),
    ("speaker_start", "INTEGER"),  # migration 3
    ("speaker_end", "INTEGER"),
)

# One row per de-duplicated (real-world) event: the group of its mentions.
EVENT_COLUMNS: Final[Columns] = (
    ("event_id", "BIGINT"),
    ("event_key", "VARCHAR"),
    ("date", "DATE"),
    ("date_precision", "VARCHAR"),
    ("cameo", "VARCHAR"),
    ("cameo_base", "VARCHAR"),
    ("cameo_root", "VARCHAR"),
    ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("factuality", "VARCHAR"),
    ("plover_type", "VARCHAR"),
    ("plover_mode", "VARCHAR"),
    ("source_code", "VARCHAR"),
    ("source_name", "VARCHAR"),
    ("source_country", "VARCHAR"),
    ("source_role", "VARCHAR"),
    ("target_code", "VARCHAR"),
    ("target_name", "VARCHAR"),
    ("target_country", "VARCHAR"),
    ("target_role", "VARCHAR"),
    *((f"place_{name}", kind) for name, kind in _PLACE_PARTS),
    ("num_mentions", "INTEGER"),
    ("num_sources", "INTEGER"),
    ("num_articles", "INTEGER"),
    ("is_root_event", "BOOLEAN"),
    ("first_article_id", "VARCHAR"),
    ("first_mention_id", "VARCHAR"),
    ("source_url", "VARCHAR"),
    ("date_added", "DATE"),
    ("evidence", "VARCHAR"),
)

SKIPPED_COLUMNS: Final[Columns] = (
    ("run_id", "BIGINT"),
    ("seq", "INTEGER"),
    ("location", "VARCHAR"),
    ("problem", "VARCHAR"),
    ("article_id", "VARCHAR"),  # migration 4: an article that could not be coded ...
    ("stage", "VARCHAR"),  # ... and the stage that failed on it ("parse", "time", ...)
)

# Sources (migration 6, docs/sources.md): feeds read, reprint links and the reprint index.
FEED_COLUMNS: Final[Columns] = (
    ("url", "VARCHAR"),
    ("etag", "VARCHAR"),
    ("last_modified", "VARCHAR"),
    ("status", "VARCHAR"),  # "ok" or "not modified" at the last complete reading
    ("entries", "INTEGER"),
    ("new_entries", "INTEGER"),
)
REPRINT_COLUMNS: Final[Columns] = (
    ("article_id", "VARCHAR"),  # the reprint (stored in articles, with no mentions)
    ("original_id", "VARCHAR"),  # the first copy, whose events it counts for
    ("similarity", "DOUBLE"),  # estimated Jaccard similarity of word 5-grams
)
SIGNATURE_COLUMNS: Final[Columns] = (("article_id", "VARCHAR"), ("signature", "UINTEGER[]"))
BAND_COLUMNS: Final[Columns] = (("band_key", "BIGINT"), ("article_id", "VARCHAR"))

# The tables that hold coded data (the ones a re-run must leave identical).
DATA_TABLES: Final = (
    "articles",
    "mentions",
    "events",
    "actors",
    "places",
    "quotes",
    "reprints",
    "article_signatures",
    "article_bands",
)


def column_names(columns: Columns) -> tuple[str, ...]:
    return tuple(name for name, _ in columns)


def create_table_sql(name: str, columns: Columns, extra: str = "") -> str:
    body = ",\n    ".join(f"{column} {kind}" for column, kind in columns)
    tail = f",\n    {extra}" if extra else ""
    return f"CREATE TABLE {name} (\n    {body}{tail}\n)"
