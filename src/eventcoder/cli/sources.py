"""Options and helpers shared by the commands that read from the web: ``code`` and ``ingest``
(URLs, WARC files, ``--feed``) and ``watch`` (docs/sources.md)."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from eventcoder.cli.app import fail_usage
from eventcoder.read.web import FetchOptions
from eventcoder.settings import DEFAULTS

MinIntervalOption = Annotated[
    float,
    typer.Option(
        "--min-interval",
        help="Seconds between two requests to the same host (pages, feeds, robots.txt).",
        min=0.0,
    ),
]
TimeoutOption = Annotated[
    float,
    typer.Option("--timeout", help="Seconds allowed for fetching one page or feed.", min=0.1),
]
ReprintsOption = Annotated[
    bool,
    typer.Option(
        help="Link near duplicates of earlier articles (reprints) to them instead of coding "
        "them again; they still count in num_articles and num_sources."
    ),
]
ReprintThresholdOption = Annotated[
    float,
    typer.Option(
        help="Reprint when the estimated Jaccard similarity of the texts' word 5-grams is at "
        "least this.",
        min=0.05,
        max=1.0,
    ),
]

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def fetch_options(min_interval: float, timeout: float) -> FetchOptions:
    return FetchOptions(timeout=timeout, min_interval=min_interval)


def parse_duration(text: str, option: str) -> float:
    """ "15m", "30s", "1h", "90" (seconds) as seconds; a usage error otherwise."""
    found = _DURATION.match(text)
    if not found:
        fail_usage(f"{option} {text!r} is not a duration; use e.g. 30s, 15m or 1h")
    seconds = float(found.group(1)) * _UNIT_SECONDS[found.group(2).lower()]
    if seconds <= 0:
        fail_usage(f"{option} must be longer than 0 s")
    return seconds


DEFAULT_MIN_INTERVAL = DEFAULTS.fetch_interval
DEFAULT_TIMEOUT = DEFAULTS.fetch_timeout
