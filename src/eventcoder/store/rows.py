"""Flattening a coded Result into table rows (tuples in the column order of ``schema.py``).

Pure Python with no database: Dask workers run it next to the coder, so only compact rows
travel back to the driver.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from eventcoder import __version__
from eventcoder.records import Actor, Article, Event, Place, Result
from eventcoder.store.reprints import Indexed, Link

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """Everything one article contributes to the store."""

    article_id: str
    content_hash: str
    article: Row
    mentions: tuple[Row, ...]
    actors: tuple[Row, ...]
    places: tuple[Row, ...]
    quotes: tuple[Row, ...]
    # Filled in by the driver (store/ingest.py): the reprint index entry of an original, or
    # the link of a reprint (which has no mentions, actors, places or quotes of its own).
    indexed: Indexed | None = None
    reprint: Link | None = None


def content_hash(article: Article) -> str:
    """What decides whether a re-ingested article changed: its text and metadata."""
    fields = [article.text, article.date, article.title, article.url, article.source]
    if article.language not in (None, "en"):
        fields.append(article.language)  # English hashes stay as they were before V6
    payload = json.dumps(fields, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


def outlet(article: Article) -> str:
    """The publisher an article counts for in num_sources: its outlet (source, else its
    URL's host), else the article itself."""
    return article.outlet or f"article:{article.id}"


def _actor(actor: Actor | None) -> Row:
    if actor is None:
        return (None,) * 7
    return (
        actor.code,
        actor.name,
        actor.text,
        actor.country,
        actor.role,
        actor.start,
        actor.end,
    )


def _place(place: Place | None) -> Row:
    if place is None:
        return (None,) * 8
    return (
        place.name,
        place.country,
        place.lat,
        place.lon,
        place.geonameid,
        place.feature,
        place.start,
        place.end,
    )


def evidence_text(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


_PRECISION = {10: "day", 7: "month", 4: "year"}


def event_date(event: Event, article: Article) -> tuple[str | None, str | None]:
    """(date as YYYY-MM-DD, precision): the event date, its first day when it is a month or
    a year, else the article's publication date."""
    text = event.date
    if text and len(text) in _PRECISION:
        precision = getattr(event, "date_precision", None) or _PRECISION[len(text)]
        day = text + "-01" * ((10 - len(text)) // 3)
        return day, precision
    return article.date, ("day" if article.date else None)


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_DATELINE_MAX = 60  # a first "sentence" shorter than this is a dateline, not the lead


def lead_end(result: Result) -> int:
    """Where the lead ends: the first paragraph break after the text starts, else the end of
    the first sentence (of the second when the first is only a dateline)."""
    text = result.article.text
    start = len(text) - len(text.lstrip())
    found = _PARAGRAPH_BREAK.search(text, start)
    if found:
        return found.start()
    for sent_start, sent_end in result.sentences:
        if sent_end - sent_start >= _DATELINE_MAX:
            return sent_end
    return len(text)


def mention_row(result: Result, seq: int, event: Event, lead: int | None = None) -> Row:
    article = result.article
    sentence = (
        result.sentences[event.sentence] if 0 <= event.sentence < len(result.sentences) else None
    )
    plover = event.plover
    day, precision = event_date(event, article)
    return (
        event.id,
        article.id,
        seq,
        day,
        event.date,
        precision,
        event.date_basis,
        event.sentence,
        sentence[0] if sentence else None,
        sentence[1] if sentence else None,
        event.start < (lead_end(result) if lead is None else lead),
        event.start,
        event.end,
        evidence_text(article.text, event.start, event.end),
        event.trigger,
        event.trigger_start,
        event.trigger_end,
        event.rule,
        event.rule_line,
        event.cameo,
        event.cameo_root,
        event.quad_class,
        event.goldstein,
        plover.type if plover else None,
        plover.mode if plover else None,
        plover.context if plover else None,
        event.factuality,
        *_actor(event.source),
        *_actor(event.target),
        *_place(event.location),
        event.dead,
        event.injured,
        None if event.size is None else str(event.size),
    )


def _article_row(
    article: Article, digest: str, store_text: bool, sentences: int | None, events: int
) -> Row:
    return (
        article.id,
        article.url,
        article.source,
        outlet(article),
        article.title,
        article.date,
        digest,
        article.text if store_text else None,
        len(article.text),
        sentences,
        events,
        __version__,
        article.language,
    )


def reprint_rows(article: Article, link: Link, digest: str, store_text: bool = True) -> ArticleRows:
    """A reprint: its article row (not coded: no sentence count, no events) and its link."""
    row = _article_row(article, digest, store_text, None, 0)
    return ArticleRows(article.id, digest, row, (), (), (), (), reprint=link)


def article_rows(result: Result, store_text: bool = True, digest: str | None = None) -> ArticleRows:
    article = result.article
    digest = digest or content_hash(article)
    article_row = _article_row(
        article, digest, store_text, len(result.sentences), len(result.events)
    )
    lead = lead_end(result)
    mentions = tuple(
        mention_row(result, seq, event, lead) for seq, event in enumerate(result.events)
    )
    actors = tuple(
        (
            article.id,
            seq,
            actor.entity,
            actor.text,
            actor.name,
            actor.code,
            actor.country,
            actor.role,
            actor.start,
            actor.end,
        )
        for seq, actor in enumerate(result.actors)
    )
    places = tuple((article.id, seq, *_place(place)) for seq, place in enumerate(result.places))
    quotes = tuple(
        (
            article.id,
            seq,
            quote.kind,
            quote.sentence,
            quote.start,
            quote.end,
            quote.text,
            *(
                (
                    quote.speaker.code,
                    quote.speaker.name,
                    quote.speaker.text,
                    quote.speaker.country,
                    quote.speaker.role,
                    quote.speaker.start,
                    quote.speaker.end,
                )
                if quote.speaker
                else (None,) * 7
            ),
        )
        for seq, quote in enumerate(result.quotes)
    )
    return ArticleRows(article.id, digest, article_row, mentions, actors, places, quotes)
