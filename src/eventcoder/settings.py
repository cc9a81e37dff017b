"""Defaults shared by the command line and the HTTP server, in one frozen object.

The CLI's option defaults (``--db``, ``--batch-size``, ``--max-bytes``, ``--host``, ...) and the
server's (``Limits``, the token variable) both read ``DEFAULTS``, so the two cannot drift
apart. This module sits below ``cli``, ``serve`` and ``store`` and imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from eventcoder.read import DEFAULT_MAX_BYTES
from eventcoder.read.web import DEFAULT_MIN_INTERVAL, DEFAULT_TIMEOUT

CodingMode = Literal["process", "thread"]


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the database is, how ingest batches, and what the server accepts."""

    db_path: str = "eventcoder.duckdb"  # the event database file
    batch_size: int = 32  # articles per ingest batch (one transaction each)
    max_bytes: int = DEFAULT_MAX_BYTES  # largest article file the reader accepts
    host: str = "127.0.0.1"  # loopback: writes need no token there
    port: int = 8000
    token_env: str = "EVENTCODER_TOKEN"  # where the server's bearer token comes from
    coding: CodingMode = "process"  # where the server codes posted articles
    max_body_bytes: int = 4 * 1024 * 1024  # whole request body
    max_articles: int = 64  # articles per POST /v1/code or /v1/articles
    max_text_chars: int = 200_000  # characters of one posted article's text
    max_page: int = 10_000  # events per GET /v1/events page (`limit`)
    max_pending_coding: int = 32  # coding requests queued before 503 "busy"
    # Sources (docs/sources.md): fetching pages and feeds, reprints.
    fetch_interval: float = DEFAULT_MIN_INTERVAL  # seconds between requests to one host
    fetch_timeout: float = DEFAULT_TIMEOUT  # seconds for one request, first byte to last
    reprint_threshold: float = 0.5  # estimated Jaccard similarity of word 5-grams
    watch_every: str = "15m"  # `eventcoder watch`: time between two readings of the feeds


DEFAULTS = Settings()
