"""The records eventcoder produces, as frozen dataclasses, and their contract JSON.

This module is the ground floor: every stage may import it, it imports no stage.
The JSON shapes are fixed by the project contract (docs and ../shared/CONTRACT.md);
new optional fields may be added, existing ones never renamed or removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal
from urllib.parse import urlsplit

Factuality = Literal["asserted", "negated", "hypothetical"]
DateBasis = Literal["explicit", "relative", "publication", "none"]
DatePrecision = Literal["day", "month", "year"]
QuoteKind = Literal["direct", "indirect"]

# The calendar eventcoder dates within: publication dates outside it are refused when read,
# and an event date that would fall outside it (or overflow) is no date (docs/dates.md).
EARLIEST_DATE = date(1800, 1, 1)
LATEST_DATE = date(2200, 12, 31)
REASON_MAX_CHARS = 300  # of a CodingFailure's reason


@dataclass(frozen=True, slots=True)
class Article:
    """One input article, as read from a file, a JSONL line or stdin."""

    id: str
    text: str
    date: str | None = None  # publication date, YYYY-MM-DD
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None  # ISO 639-1 code, as the reader identified it ("en")
    # Where the reader found it ("stories.jsonl:7"), for messages; not coded, not stored.
    origin: str | None = field(default=None, compare=False)
    # What the reader had to change to code it ("2 unencodable characters replaced by
    # U+FFFD"), for the warnings a command prints; not coded, not stored.
    repairs: tuple[str, ...] = field(default=(), compare=False)

    @property
    def outlet(self) -> str | None:
        """Who published it (what ``num_sources`` counts): its source, else its URL's host
        without ``www.``, else None."""
        if self.source and self.source.strip():
            return self.source.strip()
        if self.url:
            try:
                host = urlsplit(self.url).hostname
            except ValueError:  # not a URL after all ("http://[")
                host = None
            if host:
                return host.removeprefix("www.")
        return None

    @property
    def where(self) -> str:
        """How messages name the article: its origin (file and line) and its id."""
        return f"{self.origin}: article {self.id}" if self.origin else f"article {self.id}"


@dataclass(frozen=True, slots=True)
class CodingFailure:
    """An article that could not be coded: a failure inside the pipeline (the parse or a
    stage), reported instead of raised so that the rest of a batch is coded."""

    article_id: str
    stage: str  # "parse", or the name of the stage that raised (``Coder.stage_names``)
    reason: str  # one line: the exception's type and first line
    origin: str | None = None  # the article's origin (file and line) when known

    @classmethod
    def from_exception(
        cls, article_id: str, stage: str, exc: BaseException, origin: str | None = None
    ) -> CodingFailure:
        first = next((line.strip() for line in str(exc).splitlines() if line.strip()), "")
        reason = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
        if len(reason) > REASON_MAX_CHARS:
            reason = reason[: REASON_MAX_CHARS - 3] + "..."
        return cls(article_id, stage, reason, origin)

    @property
    def location(self) -> str:
        where = f"article {self.article_id}"
        return f"{self.origin}: {where}" if self.origin else where

    @property
    def problem(self) -> str:
        return f"coding failed in the {self.stage} stage: {self.reason}"

    def __str__(self) -> str:
        return f"{self.location}: {self.problem}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "origin": self.origin,
            "stage": self.stage,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class Actor:
    """A coded mention of an actor: who the text names, and the CAMEO-style code."""

    text: str
    name: str | None
    code: str | None
    country: str | None
    role: str | None
    start: int
    end: int
    entity: int | None = None  # article-level entity id (same id = same actor)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "code": self.code,
            "country": self.country,
            "role": self.role,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "feature": self.feature,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Plover:
    type: str | None
    mode: str | None
    context: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "mode": self.mode, "context": self.context}


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    sentence: int
    source: Actor | None
    target: Actor | None
    cameo: str
    quad_class: int
    goldstein: float
    plover: Plover | None
    factuality: Factuality
    date: str | None
    date_basis: DateBasis
    location: Place | None
    start: int
    end: int
    trigger: str
    rule: str
    rule_line: str | None = None  # data file and line of the rule that fired
    trigger_start: int | None = None
    trigger_end: int | None = None
    # How deep the trigger sits in its sentence's dependency tree (0 = main verb); used to pick
    # a sentence's main event, not serialised.
    trigger_depth: int = 0
    # Precision of ``date``: "day" (YYYY-MM-DD), "month" (YYYY-MM) or "year" (YYYY); None when
    # there is no date. Set by the time stage (docs/dates.md).
    date_precision: DatePrecision | None = None
    # PLOVER's casualties and crowd size when the text gives them (None otherwise): the number
    # killed and injured, and how many took part (a number or a word such as "thousands").
    dead: int | None = None
    injured: int | None = None
    size: int | str | None = None

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sentence": self.sentence,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover.to_dict() if self.plover else None,
            "factuality": self.factuality,
            "date": self.date,
            "date_basis": self.date_basis,
            "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "start": self.start,
            "end": self.end,
            "trigger": self.trigger,
            "rule": self.rule,
            "rule_line": self.rule_line,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
            "dead": self.dead,
            "injured": self.injured,
            "size": self.size,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: Actor | None
    text: str
    kind: QuoteKind
    sentence: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "text": self.text,
            "kind": self.kind,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Result:
    """Everything coded from one article."""

    article: Article
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    places: tuple[Place, ...] = ()
    actors: tuple[Actor, ...] = ()
    sentences: tuple[tuple[int, int], ...] = field(default=(), repr=False)

    @property
    def article_id(self) -> str:
        return self.article.id

    def to_dict(self) -> dict[str, Any]:
        article = self.article
        found: dict[str, Any] = {"article_id": article.id, "date": article.date}
        optional = {
            "language": article.language,
            "title": article.title,
            "url": article.url,
            "outlet": article.outlet,
        }
        found.update((key, value) for key, value in optional.items() if value is not None)
        return {
            **found,
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "places": [p.to_dict() for p in self.places],
            "actors": [a.to_dict() for a in self.actors],
        }
