"""Serialising results: the contract's JSONL, and CSV with one flat row per event."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from eventcoder.records import Actor, Event, Result

CSV_COLUMNS = (
    "article_id",
    "event_id",
    "sentence",
    "date",
    "date_basis",
    "date_precision",
    "source_code",
    "source_country",
    "source_role",
    "source_name",
    "source_text",
    "target_code",
    "target_country",
    "target_role",
    "target_name",
    "target_text",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "factuality",
    "location_name",
    "location_country",
    "location_lat",
    "location_lon",
    "trigger",
    "rule",
    "rule_line",
    "start",
    "end",
    "evidence",
)


def to_json_line(result: Result) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False)


def _actor_columns(prefix: str, actor: Actor | None) -> dict[str, Any]:
    if actor is None:
        return {f"{prefix}_{k}": "" for k in ("code", "country", "role", "name", "text")}
    return {
        f"{prefix}_code": actor.code or "",
        f"{prefix}_country": actor.country or "",
        f"{prefix}_role": actor.role or "",
        f"{prefix}_name": actor.name or "",
        f"{prefix}_text": actor.text,
    }


def event_row(result: Result, event: Event) -> dict[str, Any]:
    location = event.location
    row: dict[str, Any] = {
        "article_id": result.article.id,
        "event_id": event.id,
        "sentence": event.sentence,
        "date": event.date or "",
        "date_basis": event.date_basis,
        "date_precision": event.date_precision or "",
        **_actor_columns("source", event.source),
        **_actor_columns("target", event.target),
        "cameo": event.cameo,
        "cameo_root": event.cameo_root,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "plover_type": event.plover.type if event.plover else "",
        "plover_mode": (event.plover.mode or "") if event.plover else "",
        "factuality": event.factuality,
        "location_name": location.name if location else "",
        "location_country": (location.country or "") if location else "",
        "location_lat": location.lat if location and location.lat is not None else "",
        "location_lon": location.lon if location and location.lon is not None else "",
        "trigger": event.trigger,
        "rule": event.rule,
        "rule_line": event.rule_line or "",
        "start": event.start,
        "end": event.end,
        "evidence": " ".join(result.article.text[event.start : event.end].split()),
    }
    return row


def event_rows(result: Result) -> Iterator[dict[str, Any]]:
    for event in result.events:
        yield event_row(result, event)


class CsvWriter:
    """Writes the header once, then one row per event."""

    def __init__(self, stream: IO[str]) -> None:
        self._writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
        self._writer.writeheader()

    def write(self, result: Result) -> None:
        for row in event_rows(result):
            self._writer.writerow(row)
