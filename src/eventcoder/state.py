"""The per-article state the stages pass along, and the one call shape every stage has.

This module is the ground floor with ``records.py``: every stage imports it, it imports no
stage. A stage is an object with a ``name`` and ``__call__(doc, state) -> state``; it reads
what earlier stages put into the (immutable) state and returns a new state with its own part
added. ``Coder`` runs the stages in order (``Coder.stage_names``), like spaCy's
``nlp.pipe_names``; the PETRARCH dictionary layer supplies its own actor and event stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Doc

from eventcoder.records import Actor, Article, Event, Place, Quote


@dataclass(frozen=True, slots=True)
class ArticleActors:
    """The actors of one article: by phrase-head token, plus the focus country."""

    by_head: dict[int, Actor]
    focus: str | None
    places: dict[int, Actor]  # countries and capitals named as locations, coded as the country
    # The country the article names most (names, demonyms, seats; not its towns): what the
    # places stage weighs among a toponym's candidates (its ranker was trained on it).
    named_country: str | None = None

    def unique(self) -> tuple[Actor, ...]:
        """One entry per entity (its first mention), in text order."""
        seen: set[int | None] = set()
        found: list[Actor] = []
        for head in sorted(self.by_head):
            actor = self.by_head[head]
            if actor.code is None and actor.name is None:
                continue
            key = actor.entity
            if key in seen:
                continue
            seen.add(key)
            found.append(actor)
        return tuple(found)


NO_ACTORS = ArticleActors({}, None, {})


@dataclass(frozen=True, slots=True)
class ArticleState:
    """What the stages have found in one article so far."""

    article: Article
    actors: ArticleActors = field(default=NO_ACTORS)
    events: tuple[Event, ...] = ()
    places: tuple[Place, ...] = ()
    quotes: tuple[Quote, ...] = ()


class Stage(Protocol):
    """One step of the pipeline after parsing."""

    @property
    def name(self) -> str: ...

    def __call__(self, doc: Doc, state: ArticleState) -> ArticleState: ...
