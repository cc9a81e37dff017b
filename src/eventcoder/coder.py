"""The one door: ``Coder`` wires the stages (read -> parse -> actors -> events) together.

The CLI, the tests and the benchmarks all call it; it loads the spaCy model and the
dictionaries once and then codes any number of articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from eventcoder.actors import ActorCoder
from eventcoder.events import EventCoder, PatternBook
from eventcoder.lexicon import Lexicon
from eventcoder.nlp import MODEL, load_pipeline
from eventcoder.ontology import Ontology
from eventcoder.petrarch.layer import PetrarchLayer
from eventcoder.petrarch.layer import install as install_petrarch
from eventcoder.places import PlaceCoder
from eventcoder.quotes import QuoteCoder, QuoteCues
from eventcoder.read.sources import valid_date
from eventcoder.records import Article, Result
from eventcoder.time import TimeCoder

DEFAULT_BATCH_SIZE = 64


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
        layered over the built-in data, or replacing it with ``dictionaries_only``."""
        self.ontology = Ontology.load(data_dir)
        self.lexicon = Lexicon.load(data_dir)
        self.patterns = PatternBook.load(self.ontology, data_dir)
        self.nlp = nlp if nlp is not None else load_pipeline(self.lexicon, model)
        self.actor_coder = ActorCoder(self.lexicon)
        self.event_coder = EventCoder(self.patterns, self.ontology)
        self.place_coder = PlaceCoder(self.lexicon, data_dir)  # loads the gazetteer once
        self.quote_coder = QuoteCoder(QuoteCues.load(data_dir))
        self.time_coder = TimeCoder.load(data_dir)
        self.batch_size = batch_size
        self.petrarch: PetrarchLayer | None = None
        if dictionaries is not None:
            self.petrarch = install_petrarch(self, Path(dictionaries), dictionaries_only)

    def code(
        self,
        text: str,
        article_id: str = "article",
        date: str | None = None,
        title: str | None = None,
        url: str | None = None,
        source: str | None = None,
    ) -> Result:
        """Code one article given as text."""
        if date is not None and valid_date(date) is None:
            raise ValueError(f"article {article_id}: date {date!r} is not YYYY-MM-DD")
        article = Article(article_id, text, date, title, url, source)
        return self.code_doc(article, self.nlp(text))

    def code_article(self, article: Article) -> Result:
        return self.code_doc(article, self.nlp(article.text))

    def code_many(self, articles: Iterable[Article]) -> Iterator[Result]:
        """Code a stream of articles, batched through spaCy; results come in input order."""
        pairs = ((article.text, article) for article in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.batch_size):
            yield self.code_doc(article, doc)

    def code_doc(self, article: Article, doc: Doc) -> Result:
        """Run the stages after parsing on an already parsed document."""
        actors = self.actor_coder.code(doc, article.date)
        events = self.event_coder.code(doc, actors, article.id, article.date)
        places, events = self.place_coder.code(doc, events, actors.focus)
        events = self.time_coder.date_events(doc, events, article.date)
        quotes, events = self.quote_coder.code(doc, actors, events)
        return Result(
            article=article,
            events=events,
            quotes=quotes,
            places=places,
            actors=actors.unique(),
            sentences=tuple((s.start_char, s.end_char) for s in doc.sents),
        )
