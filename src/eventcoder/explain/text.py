"""The article view for a terminal: the text with inline marks, then the coded records.

Marks: ``[Soldiers of Niger's presidential guard]{NERMIL}`` an actor, ``<Niamey>{NER}`` a
place, ``*detained*{E1 173}`` the trigger of event E1 (CAMEO 173), ``«...»{Q1}`` a quote.
Marks nest; a mark that would cross another one is left out of the text (it is still listed
below the text).
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from eventcoder.explain.spans import (
    Kind,
    Mark,
    actor_label,
    cameo_name,
    marks_of,
    place_label,
    quad_name,
)

WIDTH = 96
NBSP = "\u00a0"
_SPACES = re.compile(r"[ \t\r\f\v]+")  # not NBSP: it holds a tag together
_BRACKETS: dict[Kind, tuple[str, str]] = {
    "quote": ("«", "»"),
    "actor": ("[", "]"),
    "place": ("<", ">"),
    "trigger": ("*", "*"),
}
LEGEND = "marks: [actor]{CODE}  <place>{COUNTRY}  *trigger*{EVENT CAMEO}  «quote»{Q}"


def _nested(marks: list[Mark]) -> list[Mark]:
    """The marks that nest properly (sorted outer first); crossing ones are dropped."""
    kept: list[Mark] = []
    stack: list[Mark] = []
    for mark in marks:
        while stack and stack[-1].end <= mark.start:
            stack.pop()
        if stack and mark.end > stack[-1].end:
            continue
        kept.append(mark)
        stack.append(mark)
    return kept


def marked_text(text: str, marks: list[Mark]) -> str:
    """The text with every nesting mark written inline."""
    inserts: list[tuple[int, int, int, str]] = []  # (offset, order, tiebreak, string)
    for seq, mark in enumerate(_nested(marks)):
        opening, closing = _BRACKETS[mark.kind]
        inserts.append((mark.start, 1, seq, opening))
        tag = mark.tag.replace(" ", NBSP)  # a tag is never broken across lines
        inserts.append((mark.end, 0, -seq, f"{closing}{{{tag}}}"))
    inserts.sort()
    out: list[str] = []
    at = 0
    for offset, _, _, string in inserts:
        out.append(text[at:offset])
        out.append(string)
        at = offset
    out.append(text[at:])
    return "".join(out)


def _wrap(text: str, indent: str = "") -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    wrapped = "\n\n".join(
        textwrap.fill(
            _SPACES.sub(" ", p).strip(),
            WIDTH,
            initial_indent=indent,
            subsequent_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
        for p in paragraphs
    )
    return wrapped.replace(NBSP, " ")


def _goldstein(value: Any) -> str:
    return f"{value:+.1f}" if isinstance(value, int | float) else "-"


def event_lines(number: int, event: dict[str, Any], text: str) -> list[str]:
    cameo = event.get("cameo") or "?"
    plover = event.get("plover") or {}
    plover_text = "/".join(str(v) for v in (plover.get("type"), plover.get("mode")) if v) or "-"
    date = event.get("date") or "no date"
    lines = [
        f"E{number}  {actor_label(event.get('source'))} -> {actor_label(event.get('target'))}"
        f"  {cameo} {cameo_name(cameo)}",
        f"     QuadClass {event.get('quad_class')} ({quad_name(event.get('quad_class'))}), "
        f"Goldstein {_goldstein(event.get('goldstein'))}, PLOVER {plover_text}, "
        f"{event.get('factuality')}",
        f"     date {date} ({event.get('date_basis')}), place {place_label(event.get('location'))},"
        f" trigger {event.get('trigger')!r}",
        f"     rule {event.get('rule')}"
        + (f"  ({event['rule_line']})" if event.get("rule_line") else ""),
    ]
    start, end = event.get("start"), event.get("end")
    if isinstance(start, int) and isinstance(end, int):
        evidence = " ".join(text[start:end].split())
        lines.append(
            textwrap.fill(
                f'evidence: "{evidence}"',
                WIDTH,
                initial_indent="     ",
                subsequent_indent="       ",
                break_long_words=False,
            )
        )
    return lines


def render_article_text(record: dict[str, Any]) -> str:
    """A readable annotated article: header, marked text, events, quotes, places, actors."""
    text: str = record.get("text") or ""
    events = record.get("events") or []
    quotes = record.get("quotes") or []
    places = record.get("places") or []
    actors = record.get("actors") or []
    head = [f"{record.get('article_id')}  {record.get('date') or 'no date'}"]
    if record.get("title"):
        head.append(str(record["title"]))
    if record.get("url"):
        head.append(str(record["url"]))
    head.append(
        f"{len(events)} events, {len(quotes)} quotes, {len(places)} places, {len(actors)} actors"
    )
    parts = ["\n".join(head), LEGEND, _wrap(marked_text(text, marks_of(record)))]
    if events:
        lines = ["Events"]
        for number, event in enumerate(events, start=1):
            lines += event_lines(number, event, text)
        parts.append("\n".join(lines))
    if quotes:
        lines = ["Quotes"]
        for number, quote in enumerate(quotes, start=1):
            lines.append(
                textwrap.fill(
                    f"Q{number}  {quote.get('kind')}, speaker "
                    f'{actor_label(quote.get("speaker"))}: "{quote.get("text")}"',
                    WIDTH,
                    subsequent_indent="     ",
                    break_long_words=False,
                )
            )
        parts.append("\n".join(lines))
    if places:
        lines = ["Places"]
        for place in places:
            lat, lon = place.get("lat"), place.get("lon")
            where = f", {lat:.3f}, {lon:.3f}" if isinstance(lat, float | int) and lon else ""
            lines.append(f"  {place_label(place)}  {place.get('feature')}{where}")
        parts.append("\n".join(lines))
    if actors:
        lines = ["Actors"]
        seen: set[tuple[Any, Any]] = set()
        for actor in actors:
            key = (actor.get("code"), actor.get("text"))
            if key not in seen:
                seen.add(key)
                lines.append(f"  {actor.get('code') or '?':<10} {actor.get('text')}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"
