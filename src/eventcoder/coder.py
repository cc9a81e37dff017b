"""The one door: ``Coder`` loads the model and the dictionaries once and runs the stages.

After the spaCy parse, an article passes through an ordered list of named stages
(``Coder.stage_names``), each ``stage(doc, state) -> state`` over the immutable
``ArticleState`` (state.py). The CLI, the HTTP API, the Dask workers, the tests and the
benchmarks all call ``Coder``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from eventcoder.actors import ActorCoder
from eventcoder.events import EventCoder, PatternBook
from eventcoder.lexicon import Lexicon
from eventcoder.nlp import (
    FRENCH_MODEL,
    MODEL,
    french_parse_text,
    load_french_pipeline,
    load_pipeline,
    truecase,
)
from eventcoder.nlp_chunks import parse, parse_batch
from eventcoder.ontology import Ontology
from eventcoder.petrarch import PetrarchActorCoder, PetrarchLayer
from eventcoder.places import PlaceCoder
from eventcoder.quotes import QuoteCoder, QuoteCues
from eventcoder.read.language import DEFAULT_LANGUAGE, MIN_SCORE, SUPPORTED_LANGUAGES, identify
from eventcoder.read.sources import valid_date
from eventcoder.records import Actor, Article, CodingFailure, Result
from eventcoder.state import ArticleState, Stage
from eventcoder.time import TimeCoder

DEFAULT_BATCH_SIZE = 64
PARSE_STAGE = "parse"  # the name a failure of the spaCy parse is reported under

log = logging.getLogger("eventcoder.coder")


class CodingError(RuntimeError):
    """``code_many`` without ``on_error``: an article could not be coded."""

    def __init__(self, failure: CodingFailure) -> None:
        super().__init__(str(failure))
        self.failure = failure


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


@dataclass(frozen=True, slots=True)
class LanguagePipeline:
    """The parse and the stages of one language: the same stage classes, built with that
    language's data (``data/<language>/``); the stages read its parse through its grammar
    (``lang.grammar_of``)."""

    language: str
    nlp: Language
    lexicon: Lexicon
    patterns: PatternBook
    stages: tuple[Stage, ...]


def as_written_french(result: Result) -> Result:
    """The records of a French article parsed with plain apostrophes and spaces
    (``french_parse_text``): text spans sliced from the article as written."""
    text = result.article.text

    def actor(a: Actor | None) -> Actor | None:
        return None if a is None else replace(a, text=text[a.start : a.end])

    return replace(
        result,
        events=tuple(
            replace(e, source=actor(e.source), target=actor(e.target)) for e in result.events
        ),
        quotes=tuple(
            replace(q, speaker=actor(q.speaker), text=text[q.start : q.end]) for q in result.quotes
        ),
        actors=tuple(replace(a, text=text[a.start : a.end]) for a in result.actors),
    )


class Coder:
    """Codes articles into events. Load once, call many times; safe to reuse across batches.

    English articles go through the English pipeline (loaded here); French ones through the
    French pipeline, loaded the first time a French article comes (``pipeline("fr")``). An
    article's language is its ``language`` field (set by the reader), else ``language`` given
    here (``--language``), else identified from its text."""

    def __init__(
        self,
        model: str = MODEL,
        data_dir: Path | None = None,
        nlp: Language | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        dictionaries: Path | None = None,
        dictionaries_only: bool = False,
        language: str | None = None,
        french_model: str = FRENCH_MODEL,
    ) -> None:
        """``dictionaries``: a folder of PETRARCH/TABARI dictionaries (docs/petrarch.md),
        layered over the built-in data, or replacing it with ``dictionaries_only``; the
        layer supplies the actors and events stages (English articles only).
        ``language``: "en" or "fr" to code every article in that language (no detection)."""
        if language is not None and language not in SUPPORTED_LANGUAGES:
            raise ValueError(f"language {language!r}: eventcoder codes {SUPPORTED_LANGUAGES}")
        self.language = language
        self.data_dir = data_dir
        self.french_model = french_model
        self._pipelines: dict[str, LanguagePipeline] = {}  # loaded on first use, then kept
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

    def pipeline(self, language: str) -> LanguagePipeline:
        """The pipeline of a language, loaded the first time it is asked for (the French model
        is loaded only when a French article comes)."""
        if language == "en":  # the attributes, which tests and tools may replace
            return LanguagePipeline("en", self.nlp, self.lexicon, self.patterns, self.stages)
        found = self._pipelines.get(language)
        if found is None:
            if language != "fr":
                raise ValueError(f"no pipeline for language {language!r}")
            found = self._load_french()
            self._pipelines[language] = found
        return found

    def _load_french(self) -> LanguagePipeline:
        lexicon = Lexicon.load(self.data_dir, "fr")
        patterns = PatternBook.load(self.ontology, self.data_dir, "fr")
        nlp = load_french_pipeline(lexicon, self.french_model)
        stages: tuple[Stage, ...] = (
            ActorCoder(lexicon, self.data_dir),
            EventCoder(patterns, self.ontology),
            QuoteCoder(QuoteCues.load(self.data_dir, "fr"), self.ontology["010"]),
            self.place_coder,  # the gazetteer is shared; loaded once
            TimeCoder.load(self.data_dir, "fr"),
        )
        return LanguagePipeline("fr", nlp, lexicon, patterns, stages)

    def language_of(self, article: Article) -> str:
        """The language an article is coded in: the ``language`` given to the coder, else the
        article's own (from the reader), else the language identified from its text (English
        when it is not a language eventcoder codes or too short to tell)."""
        if self.language is not None:
            return self.language
        if article.language in SUPPORTED_LANGUAGES:
            return article.language
        found = identify(article.text)
        if found is not None and found.code in SUPPORTED_LANGUAGES and found.score >= MIN_SCORE:
            return found.code
        return DEFAULT_LANGUAGE

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
        article = self._with_language(article)
        nlp = self.pipeline(article.language or DEFAULT_LANGUAGE).nlp
        return self.code_doc(article, parse(nlp, self._parsed_text(article)), until)

    def _with_language(self, article: Article) -> Article:
        """The article with the language it is coded in (an English article that came without
        one is left as it came: its record has no ``language`` field, as before)."""
        language = self.language_of(article)
        if article.language == language or (article.language is None and language == "en"):
            return article
        return replace(article, language=language)

    def code_many(
        self,
        articles: Iterable[Article],
        until: str | None = None,
        on_error: Callable[[CodingFailure], None] | None = None,
    ) -> Iterator[Result]:
        """Code a stream of articles, batched through spaCy; results come in input order.

        An article that cannot be coded (its parse or a stage raises) is passed to
        ``on_error`` as a ``CodingFailure`` and left out, and the others are coded; without
        ``on_error`` it raises ``CodingError``. ``code_many_safe`` yields failures in place.
        """
        for found in self.code_many_safe(articles, until):
            if isinstance(found, Result):
                yield found
            elif on_error is None:
                raise CodingError(found)
            else:
                on_error(found)

    def code_many_safe(
        self, articles: Iterable[Article], until: str | None = None
    ) -> Iterator[Result | CodingFailure]:
        """Per-article isolation: each article's Result, or the CodingFailure that says which
        stage ("parse" or one of ``stage_names``) failed on it and why; never raises for an
        article. A batch that spaCy cannot parse is parsed one article at a time."""
        self._check_until(until)
        stream = iter(articles)
        while batch := [self._with_language(a) for a in islice(stream, self.batch_size)]:
            # One parse per language in the batch; results in input order.
            parsed: dict[int, Doc | Exception] = {}
            languages = [a.language or DEFAULT_LANGUAGE for a in batch]
            for language in dict.fromkeys(languages):
                indexes = [i for i, code in enumerate(languages) if code == language]
                try:
                    nlp = self.pipeline(language).nlp
                except Exception as exc:  # the model of that language cannot be loaded
                    parsed.update((i, exc) for i in indexes)
                    continue
                texts = [self._parsed_text(batch[i]) for i in indexes]
                docs = parse_batch(nlp, texts, self.batch_size)
                parsed.update(zip(indexes, docs, strict=True))
            for i, article in enumerate(batch):
                doc = parsed[i]
                if isinstance(doc, Exception):
                    yield _failure(article, PARSE_STAGE, doc)
                else:
                    yield self._code_doc_safe(article, doc, until)

    def _parsed_text(self, article: Article) -> str:
        """The text spaCy parses: the article's, truecased when it is written all in lower
        case or all in capitals (nlp.truecase); the records keep the text as written. Text the
        tokenizer cannot take (lone surrogates) goes to the parse as it is, which reports it.
        French text has its typographic apostrophes and no-break spaces made plain (same
        length, same offsets)."""
        if article.language == "fr":
            return french_parse_text(article.text)
        try:
            return truecase(article.text, self.nlp) or article.text
        except UnicodeError:
            return article.text

    def code_doc(self, article: Article, doc: Doc, until: str | None = None) -> Result:
        """Run the stages after parsing on an already parsed document."""
        self._check_until(until)
        return self._run_stages(article, doc, until, [])

    def _check_until(self, until: str | None) -> None:
        if until is not None and until not in self.stage_names:
            raise ValueError(f"until={until!r}: the stages are {', '.join(self.stage_names)}")

    def _code_doc_safe(
        self, article: Article, doc: Doc, until: str | None
    ) -> Result | CodingFailure:
        progress: list[str] = []
        try:
            return self._run_stages(article, doc, until, progress)
        except Exception as exc:
            return _failure(article, progress[-1] if progress else "stages", exc)

    def _run_stages(
        self, article: Article, doc: Doc, until: str | None, progress: list[str]
    ) -> Result:
        """The stages in order (up to ``until``); ``progress`` gets each stage's name as it
        starts, and "result" for the final record."""
        state = ArticleState(article)
        # The stages of the language the document was parsed in (spaCy's doc.lang_).
        stages = self._pipelines[doc.lang_].stages if doc.lang_ in self._pipelines else self.stages
        for stage in stages:
            progress.append(stage.name)
            state = stage(doc, state)
            if stage.name == until:
                break
        progress.append("result")
        result = Result(
            article=article,
            events=state.events,
            quotes=state.quotes,
            places=state.places,
            actors=state.actors.unique(),
            sentences=tuple((s.start_char, s.end_char) for s in doc.sents),
        )
        if doc.text == article.text:
            return result
        if doc.lang_ == "fr":
            return as_written_french(result)
        return as_written(result, doc.text)


def _failure(article: Article, stage: str, exc: Exception) -> CodingFailure:
    log.debug("article %s: %s stage failed", article.id, stage, exc_info=exc)
    return CodingFailure.from_exception(str(article.id), stage, exc, article.origin)
