"""Helpers for assertions on coded results."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

from eventcoder.records import Event, Result

# `eventcoder ARGS` run in this process (the cli_in_process fixture of conftest.py).
CliRun = Callable[..., subprocess.CompletedProcess[str]]


def triples(result: Result, include_hypothetical: bool = True) -> set[tuple[str, str, str]]:
    """(source code, cameo, target code) of the events of a result; '-' for a missing actor."""
    found: set[tuple[str, str, str]] = set()
    for event in result.events:
        if not include_hypothetical and event.factuality != "asserted":
            continue
        found.add(_triple(event))
    return found


def _triple(event: Event) -> tuple[str, str, str]:
    source = event.source.code if event.source and event.source.code else "-"
    target = event.target.code if event.target and event.target.code else "-"
    return source, event.cameo, target
