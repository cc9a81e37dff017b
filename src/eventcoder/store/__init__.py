"""The event database: schema and migrations, idempotent ingest, de-duplication, queries, exports.

Embedded DuckDB is the default store (``eventcoder.duckdb``); ``ParquetSink`` writes
date-partitioned Parquet instead. See docs/store.md for the schema, the de-duplication rule and
the GDELT 2.0 mapping. The command line and the HTTP API are shells over this package: filters
(``EventFilter.parse``), ingest runs (``ingest_run``), mentions (``store.mentions``), event
pages and CSV (``store.query``), aggregates (``store.stats``) and stored articles
(``store.articles``) live here once.
"""

from __future__ import annotations

from eventcoder.store.db import DEFAULT_DB, Skip, Store
from eventcoder.store.dedup import DedupChange, DedupRule
from eventcoder.store.ingest import (
    DEFAULT_BATCH_SIZE,
    Batch,
    BatchCoder,
    IngestReport,
    LocalBatchCoder,
    ingest,
    ingest_run,
)
from eventcoder.store.query import EventFilter, FilterError, iter_events

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_DB",
    "Batch",
    "BatchCoder",
    "DedupChange",
    "DedupRule",
    "EventFilter",
    "FilterError",
    "IngestReport",
    "LocalBatchCoder",
    "Skip",
    "Store",
    "ingest",
    "ingest_run",
    "iter_events",
]
