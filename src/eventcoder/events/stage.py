"""The ``events`` stage: the dictionaries matched on each sentence's parse, drafts realised
into coded events with the article's actors (sentence.py, realise.py)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from eventcoder.events.drafts import Draft
from eventcoder.events.link_lists import link_list_spans, outside_link_lists
from eventcoder.events.patterns import PatternBook
from eventcoder.events.realise import realise
from eventcoder.events.sentence import sentence_drafts
from eventcoder.ontology import Ontology
from eventcoder.records import Event
from eventcoder.state import ArticleActors, ArticleState


class EventCoder:
    """Codes the events of parsed articles. Holds only read-only dictionaries."""

    name = "events"

    def __init__(self, book: PatternBook, ontology: Ontology) -> None:
        self.book = book
        self.ontology = ontology

    def __call__(self, doc: Doc, state: ArticleState) -> ArticleState:
        article = state.article
        return replace(state, events=self.code(doc, state.actors, article.id, article.date))

    def code(
        self, doc: Doc, actors: ArticleActors, article_id: str, date: str | None
    ) -> tuple[Event, ...]:
        events: list[Event] = []
        heads = frozenset(actors.by_head)
        link_lists = link_list_spans(doc.text, self.book.link_list_cues)
        for index, sent in enumerate(doc.sents):
            drafts = outside_link_lists(self.drafts_for(sent, heads), link_lists)
            events.extend(
                realise(
                    self.book,
                    self.ontology,
                    drafts,
                    sent,
                    index,
                    actors,
                    article_id,
                    date,
                    context=events,
                )
            )
        return tuple(events)

    def drafts_for(self, sent: Span, actor_heads: frozenset[int] = frozenset()) -> list[Draft]:
        return sentence_drafts(self.book, self.ontology, sent, actor_heads)
