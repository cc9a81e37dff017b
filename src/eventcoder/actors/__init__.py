"""Stage 3, actors: find actor mentions in the parse and resolve them across the article."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from eventcoder.actors.mentions import Mention, MentionFinder
from eventcoder.actors.resolve import ArticleResolver, focus_country
from eventcoder.datafiles import read_rows
from eventcoder.lexicon import Lexicon
from eventcoder.records import Actor


@dataclass(frozen=True, slots=True)
class ArticleActors:
    """The actors of one article: by phrase-head token, plus the focus country."""

    by_head: dict[int, Actor]
    focus: str | None
    places: dict[int, Actor]  # countries and capitals named as locations, coded as the country

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


class ActorCoder:
    """Finds and resolves the actors of documents. Stateless between articles."""

    def __init__(self, lexicon: Lexicon) -> None:
        rank = {row.fields[0]: i for i, row in enumerate(read_rows("role_priority.tsv", 1, 1))}
        self.lexicon = lexicon
        self.finder = MentionFinder(lexicon, rank)

    def code(self, doc: Doc, date: str | None) -> ArticleActors:
        mentions = self.finder.find(doc, date)
        focus = focus_country(doc, self.lexicon)
        actors, places = ArticleResolver(doc, focus).resolve(mentions)
        return ArticleActors(actors, focus, places)


__all__ = ["ActorCoder", "ArticleActors", "Mention", "MentionFinder"]
