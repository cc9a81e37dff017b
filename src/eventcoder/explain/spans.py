"""The marks of an article view: which characters are actors, places, event triggers, quotes.

Built from the contract's per-article JSON (``Result.to_dict()`` or ``GET /v1/articles/{id}``
plus ``text``), so freshly coded and stored articles render alike. Both renderers (terminal
text and HTML) read the same marks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from eventcoder.ontology import QUAD_NAMES, Ontology

Kind = Literal["quote", "actor", "place", "trigger"]
KINDS: tuple[Kind, ...] = ("quote", "actor", "place", "trigger")
# Outer kinds first when two marks cover the same characters.
NESTING = {kind: rank for rank, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted span of the text, with the short tag shown after it."""

    kind: Kind
    start: int
    end: int
    tag: str  # NERMIL for an actor, NER for a place, "E1 173" for a trigger, "Q1" for a quote
    title: str  # the longer description shown on hover
    event: int | None = None  # 0-based index of the event, for triggers


@cache
def ontology() -> Ontology:
    return Ontology.load()


def cameo_name(code: str | None) -> str:
    if not code:
        return ""
    found = ontology().get(code)
    return found.name if found else ""


def quad_name(quad: Any) -> str:
    try:
        return QUAD_NAMES.get(int(quad), "")
    except (TypeError, ValueError):
        return ""


def _span(item: dict[str, Any] | None, size: int) -> tuple[int, int] | None:
    if not item:
        return None
    start, end = item.get("start"), item.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    if not 0 <= start < end <= size:
        return None
    return start, end


def actor_label(actor: dict[str, Any] | None) -> str:
    """``NERGOV (Mohamed Bazoum)``, ``NERMIL``, or ``-`` when there is no actor."""
    if not actor:
        return "-"
    code = actor.get("code") or "?"
    name = actor.get("name")
    return f"{code} ({name})" if name else code


def place_label(place: dict[str, Any] | None) -> str:
    if not place:
        return "-"
    country = place.get("country")
    return f"{place.get('name')} ({country})" if country else str(place.get("name"))


def trigger_span(event: dict[str, Any], text: str) -> tuple[int, int] | None:
    """The trigger's characters; found inside the evidence span when offsets are missing."""
    start, end = event.get("trigger_start"), event.get("trigger_end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        return start, end
    trigger = event.get("trigger") or ""
    evidence = _span(event, len(text))
    if not trigger or evidence is None:
        return None
    at = text.find(trigger, evidence[0], evidence[1])
    return (at, at + len(trigger)) if at >= 0 else None


def _unique(marks: Iterable[Mark]) -> list[Mark]:
    seen: set[tuple[str, int, int]] = set()
    kept: list[Mark] = []
    for mark in marks:
        key = (mark.kind, mark.start, mark.end)
        if key not in seen:
            seen.add(key)
            kept.append(mark)
    return kept


def marks_of(record: dict[str, Any]) -> list[Mark]:
    """Every mark of the article, ordered by start, outer before inner."""
    text: str = record.get("text") or ""
    size = len(text)
    marks: list[Mark] = []
    for number, quote in enumerate(record.get("quotes") or [], start=1):
        span = _span(quote, size)
        if span:
            speaker = actor_label(quote.get("speaker"))
            title = f"Q{number}: {quote.get('kind')} quote, speaker {speaker}"
            marks.append(Mark("quote", *span, f"Q{number}", title))
    actors = list(record.get("actors") or [])
    for event in record.get("events") or []:
        actors += [a for a in (event.get("source"), event.get("target")) if a]
    for quote in record.get("quotes") or []:
        if quote.get("speaker"):
            actors.append(quote["speaker"])
    for actor in actors:
        span = _span(actor, size)
        if span:
            code = actor.get("code") or "?"
            marks.append(Mark("actor", *span, code, f"actor {actor_label(actor)}"))
    places = list(record.get("places") or [])
    places += [e["location"] for e in record.get("events") or [] if e.get("location")]
    for place in places:
        span = _span(place, size)
        if span:
            tag = place.get("country") or place.get("feature") or "place"
            title = f"place {place_label(place)}, {place.get('feature')}"
            marks.append(Mark("place", *span, str(tag), title))
    for index, event in enumerate(record.get("events") or []):
        span = trigger_span(event, text)
        if span:
            cameo = event.get("cameo") or "?"
            title = (
                f"E{index + 1}: {cameo} {cameo_name(cameo)}; "
                f"{actor_label(event.get('source'))} -> {actor_label(event.get('target'))}"
            )
            marks.append(Mark("trigger", *span, f"E{index + 1} {cameo}", title, index))
    marks = _unique(marks)
    marks.sort(key=lambda m: (m.start, -m.end, NESTING[m.kind]))
    return marks


def evidence_spans(record: dict[str, Any]) -> list[tuple[int, int, int]]:
    """(start, end, event index) of each event's evidence span."""
    size = len(record.get("text") or "")
    found: list[tuple[int, int, int]] = []
    for index, event in enumerate(record.get("events") or []):
        span = _span(event, size)
        if span:
            found.append((*span, index))
    return found
