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
from eventcoder.read.sources import valid_date
from eventcoder.records import Article, Result

DEFAULT_BATCH_SIZE = 64


class Coder:
    """Codes articles into events. Load once, call many times; safe to reuse across batches."""

    def __init__(
        self,
        model: str = MODEL,
        data_dir: Path | None = None,
        nlp: Language | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
    ) -> None:
        self.ontology = Ontology.load(data_dir)
        self.lexicon = Lexicon.load(data_dir)
        self.patterns = PatternBook.load(self.ontology, data_dir)
        self.nlp = nlp if nlp is not None else load_pipeline(self.lexicon, model)
        self.actor_coder = ActorCoder(self.lexicon)
        self.event_coder = EventCoder(self.patterns, self.ontology)
        self.batch_size = batch_size

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
        return Result(
            article=article,
            events=events,
            actors=actors.unique(),
            sentences=tuple((s.start_char, s.end_char) for s in doc.sents),
        )
