"""The one door: ``Coder`` loads the model and the dictionaries once and runs the stages.

After the spaCy parse, an article passes through an ordered list of named stages
(``Coder.stage_names``), each ``stage(doc, state) -> state`` over the immutable
``ArticleState`` (state.py). The CLI, the HTTP API, the Dask workers, the tests and the
benchmarks all call ``Coder``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from eventcoder.actors import ActorCoder
from eventcoder.events import EventCoder, PatternBook
from eventcoder.lexicon import Lexicon
from eventcoder.nlp import MODEL, load_pipeline, parse
from eventcoder.ontology import Ontology
from eventcoder.petrarch import PetrarchActorCoder, PetrarchLayer
from eventcoder.places import PlaceCoder
from eventcoder.quotes import QuoteCoder, QuoteCues
from eventcoder.read.sources import valid_date
from eventcoder.records import Actor, Article, Result
from eventcoder.state import ArticleState, Stage
from eventcoder.time import TimeCoder

DEFAULT_BATCH_SIZE = 64


def _text_of(article: Article) -> str:
    return article.text


def as_written(result: Result, parsed: str) -> Result:
    """The records of an article parsed truecased (nlp.truecase), with the article's own text
    in every text field: a text span is sliced from the article, a trigger's words are put back
    in the article's case. Names (actor names, places) stay as the lexicon writes them."""
    text = result.article.text
    upper = text.isupper()

    def actor(a: Actor | None) -> Actor | None:
        return None if a is None else replace(a, text=text[a.start : a.end])

    def trigger(words: str) -> str:
        return words.upper() if upper else words.lower()

    return replace(
        result,
        events=tuple(
            replace(
                e,
                source=actor(e.source),
                target=actor(e.target),
                trigger=trigger(e.trigger),
            )
            for e in result.events
        ),
        quotes=tuple(
            replace(q, speaker=actor(q.speaker), text=text[q.start : q.end]) for q in result.quotes
        ),
        actors=tuple(replace(a, text=text[a.start : a.end]) for a in result.actors),
    )


class Coder:
    """Codes articles into events. Load once, call many times; safe to reuse across batches."""

    def __init__(
        self,
        model: str = MODEL,
        data_dir: Path | None = None,
        nlp: Language | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        dictionaries: Path | None = None,
        dictionaries_only: bool = False,
    ) -> None:
        """``dictionaries``: a folder of PETRARCH/TABARI dictionaries (docs/petrarch.md),
        layered over the built-in data, or replacing it with ``dictionaries_only``; the
        layer supplies the actors and events stages."""
        self.ontology = Ontology.load(data_dir)
        self.lexicon = Lexicon.load(data_dir)
        self.patterns = PatternBook.load(self.ontology, data_dir)
        self.nlp = nlp if nlp is not None else load_pipeline(self.lexicon, model)
        self.batch_size = batch_size
        builtin_actors = ActorCoder(self.lexicon, data_dir)
        builtin_events = EventCoder(self.patterns, self.ontology)
        self.actor_coder: ActorCoder | PetrarchActorCoder = builtin_actors
        self.event_coder: Stage = builtin_events
        self.petrarch: PetrarchLayer | None = None
        if dictionaries is not None:
            self.petrarch = PetrarchLayer.load(
                Path(dictionaries),
                self.lexicon,
                self.patterns,
                self.ontology,
                builtin_actors=None if dictionaries_only else builtin_actors,
                builtin_events=None if dictionaries_only else builtin_events,
            )
            self.actor_coder = self.petrarch.actor_coder
            self.event_coder = self.petrarch.event_coder
        self.quote_coder = QuoteCoder(QuoteCues.load(data_dir), self.ontology["010"])
        self.place_coder = PlaceCoder(self.lexicon, data_dir)  # loads the gazetteer once
        self.time_coder = TimeCoder.load(data_dir)
        # Quotes before places and time: the statements they add are located and dated too.
        self.stages: tuple[Stage, ...] = (
            self.actor_coder,
            self.event_coder,
            self.quote_coder,
            self.place_coder,
            self.time_coder,
        )

    @property
    def stage_names(self) -> tuple[str, ...]:
        """The stages after the parse, in the order they run."""
        return tuple(stage.name for stage in self.stages)

    def stage(self, name: str) -> Stage:
        """One stage by name (for tests and benchmarks that run a stage alone)."""
        for stage in self.stages:
            if stage.name == name:
                return stage
        raise KeyError(f"no stage {name!r}; the stages are {', '.join(self.stage_names)}")

    def code(
        self,
        text: str,
        article_id: str = "article",
        date: str | None = None,
        title: str | None = None,
        url: str | None = None,
        source: str | None = None,
        until: str | None = None,
    ) -> Result:
        """Code one article given as text; ``until``: the last stage to run (all by default)."""
        if date is not None and valid_date(date) is None:
            raise ValueError(f"article {article_id}: date {date!r} is not YYYY-MM-DD")
        article = Article(article_id, text, date, title, url, source)
        return self.code_article(article, until)

    def code_article(self, article: Article, until: str | None = None) -> Result:
        return next(self.code_many([article], until))

    def code_many(self, articles: Iterable[Article], until: str | None = None) -> Iterator[Result]:
        """Code a stream of articles, batched through spaCy; results come in input order."""
        for doc, article in self.parse_many(articles):
            yield self.code_doc(article, doc, until)

    def parse_many(self, articles: Iterable[Article]) -> Iterator[tuple[Doc, Article]]:
        """The parse of each article (text written all in lower case or all in capitals is
        parsed truecased: nlp.truecase)."""
        return parse(self.nlp, articles, _text_of, self.batch_size)

    def code_doc(self, article: Article, doc: Doc, until: str | None = None) -> Result:
        """Run the stages after parsing on an already parsed document."""
        if until is not None and until not in self.stage_names:
            raise ValueError(f"until={until!r}: the stages are {', '.join(self.stage_names)}")
        state = ArticleState(article)
        for stage in self.stages:
            state = stage(doc, state)
            if stage.name == until:
                break
        result = Result(
            article=article,
            events=state.events,
            quotes=state.quotes,
            places=state.places,
            actors=state.actors.unique(),
            sentences=tuple((s.start_char, s.end_char) for s in doc.sents),
        )
        return result if doc.text == article.text else as_written(result, doc.text)
