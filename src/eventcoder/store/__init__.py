"""The event database: schema and migrations, idempotent ingest, de-duplication, queries, exports.

Embedded DuckDB is the default store (``eventcoder.duckdb``); ``ParquetSink`` writes
date-partitioned Parquet instead. See docs/store.md for the schema, the de-duplication rule and
the GDELT 2.0 mapping.
"""

from __future__ import annotations

from eventcoder.store.db import DEFAULT_DB, Skip, Store
from eventcoder.store.dedup import DedupRule
from eventcoder.store.ingest import (
    DEFAULT_BATCH_SIZE,
    Batch,
    BatchCoder,
    IngestReport,
    LocalBatchCoder,
    ingest,
)
from eventcoder.store.query import EventFilter, iter_events

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_DB",
    "Batch",
    "BatchCoder",
    "DedupRule",
    "EventFilter",
    "IngestReport",
    "LocalBatchCoder",
    "Skip",
    "Store",
    "ingest",
    "iter_events",
]
