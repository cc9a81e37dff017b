"""The actors stage: find actor mentions in the parse and resolve them across the article."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc

from eventcoder.actors.mentions import Mention, MentionFinder
from eventcoder.actors.resolve import ArticleResolver, focus_country
from eventcoder.lexicon import Lexicon, load_focus_roles, load_local_roles, load_role_priority
from eventcoder.state import ArticleActors, ArticleState


class ActorCoder:
    """The ``actors`` stage: finds and resolves the actors of documents. Stateless between
    articles."""

    name = "actors"

    def __init__(self, lexicon: Lexicon, data_dir: Path | None = None) -> None:
        self.lexicon = lexicon
        self.finder = MentionFinder(lexicon, load_role_priority(data_dir))
        self.focus_roles = load_focus_roles(data_dir)
        self.local_roles = load_local_roles(data_dir)

    def __call__(self, doc: Doc, state: ArticleState) -> ArticleState:
        return replace(state, actors=self.code(doc, state.article.date))

    def code(self, doc: Doc, date: str | None) -> ArticleActors:
        mentions = self.finder.find(doc, date)
        focus = focus_country(doc, self.lexicon)
        actors, places = ArticleResolver(doc, focus, self.focus_roles, self.local_roles).resolve(
            mentions
        )
        return ArticleActors(actors, focus.country, places, focus.named)


__all__ = ["ActorCoder", "ArticleActors", "Mention", "MentionFinder"]
