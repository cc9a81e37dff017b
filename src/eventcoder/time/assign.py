"""Choosing each event's date: its own clause first, then its sentence, then the article.

For an event trigger, in order:

1. an expression attached to the trigger itself ("Wednesday's coup", "the summit on Sunday")
   or to the verbs of its clause: the trigger verb, the verb an event noun depends on
   ("staged a protest on Thursday"), and the verbs it hangs from through xcomp, conj and
   advcl ("agreed on Tuesday to meet", "arrested ... and detained on Monday");
2. an expression attached to a clause that governs the trigger ("said on Friday that ...");
3. any other expression in the sentence, the nearest first;
4. the dateline's date ("NIAMEY, July 28 (AFP) -", or a date standing alone in the first
   lines), then the publication date (basis ``publication``), else null (basis ``none``).

A vague expression at step 1 ("recently", "in the 1990s", "the next day") means the clause
has its own time that cannot be placed: steps 2 and 3 are skipped, so that another clause's
date is not borrowed. Among expressions at the same place, a day beats a month beats a year,
then the nearest wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import numpy as np
from spacy.attrs import LOWER, SENT_START, SHAPE
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from eventcoder.datafiles import DEFAULT_LANGUAGE
from eventcoder.lang.en import DATE_CLIMB_DEPS, OWN_TIME_CLAUSE_DEPS
from eventcoder.records import DateBasis, Event
from eventcoder.state import ArticleState
from eventcoder.time.find import Expression, clause_verb, find_expressions, last_reference
from eventcoder.time.values import EventPrecision, TimeValue, event_date, parse_dct
from eventcoder.time.words import TimeWords

PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
DATELINE_SENTENCES = 3
# spaCy word shapes of year-like tokens: 2011, 1990s, mid-1990s, mid-2011, 90s.
YEAR_SHAPES = ("dddd", "ddddx", "xxx-dddd", "xxx-ddddx", "xxxx-dddd", "xxxx-ddddx", "ddx", "dd'x")


@dataclass(frozen=True, slots=True)
class Dated:
    """An event's date as the contract writes it, and the expression it came from."""

    date: str | None
    basis: DateBasis
    precision: EventPrecision | None
    expression: Expression | None = None


@dataclass(frozen=True, slots=True)
class ArticleTime:
    """What every event of an article falls back on."""

    dct: date | None
    fallback: Dated


def dated(expression: Expression, dct: date | None) -> Dated | None:
    """The event date an expression gives, or None when it is too vague."""
    if expression.value is None:
        return None
    found = event_date(expression.value, dct)
    if found is None:
        return None
    text, precision = found
    basis: DateBasis = expression.value.basis
    if expression.value.precision == "ref":
        basis = "relative"
    return Dated(text, basis, precision, expression)


def clause_chain(trigger: Token) -> list[Token]:
    """The trigger, the verb of an event noun, and the verbs the clause hangs from through
    xcomp, conj and advcl: where an expression counts as the event's own."""
    chain = [trigger]
    current = trigger
    if current.pos_ not in ("VERB", "AUX"):
        verb = clause_verb(current)
        if verb is None:
            return chain
        chain.append(verb)
        current = verb
    for _ in range(6):
        if current.dep_ not in DATE_CLIMB_DEPS or current.head.i == current.i:
            break
        current = current.head
        chain.append(current)
    return chain


def choose(trigger: Token, expressions: Sequence[Expression], dct: date | None) -> Dated | None:
    """The date of the event at ``trigger`` from its sentence's expressions (steps 1-3), or
    None when the sentence gives none (or only a vague one for the event's own clause)."""
    if not expressions:
        return None
    by_attach: dict[int, list[Expression]] = {}
    for expression in expressions:
        by_attach.setdefault(expression.attach.i, []).append(expression)
    chain = clause_chain(trigger)
    for token in chain:
        here = by_attach.get(token.i)
        if here:
            return _best(here, trigger, dct)  # None: vague, the clause's own time
    seen = {t.i for t in chain}
    for ancestor in trigger.ancestors:
        if ancestor.i in seen:
            continue
        here = [e for e in by_attach.get(ancestor.i, ()) if not e.noun_modifier]
        if here:
            found = _best(here, trigger, dct)
            if found is not None:
                return found
    elsewhere = [
        e
        for e in expressions
        if e.attach.pos_ in ("VERB", "AUX") and not _in_other_clause(e, trigger)
    ]
    return _best(elsewhere, trigger, dct)


def _in_other_clause(expression: Expression, trigger: Token) -> bool:
    """Is the expression inside a relative, reduced-relative or complement clause that does
    not hold the trigger ("development, begun two years ago, has been pushed back")?"""
    current = expression.attach
    for _ in range(12):
        if current.dep_ in OWN_TIME_CLAUSE_DEPS:
            return not (current.left_edge.i <= trigger.i <= current.right_edge.i)
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def _best(candidates: list[Expression], trigger: Token, dct: date | None) -> Dated | None:
    usable = [d for e in candidates if (d := dated(e, dct)) is not None]
    if not usable:
        return None
    return min(
        usable,
        key=lambda d: (
            PRECISION_RANK[d.precision or "year"],
            _distance(d.expression, trigger) if d.expression else 0,
        ),
    )


def _distance(expression: Expression, trigger: Token) -> int:
    if expression.start <= trigger.i < expression.end:
        return 0
    return min(abs(expression.start - trigger.i), abs(expression.end - 1 - trigger.i))


class TimeCoder:
    """The ``time`` stage: dates the events of a parsed article. Holds only the read-only
    time vocabulary.

    Per article, one vectorised pass over the token hashes finds the sentences that hold a
    time word or a year-like number; only those are read token by token.
    """

    def __init__(self, words: TimeWords) -> None:
        self.words = words
        anchors = {get_string_id(w) for w in words.anchors}
        anchors.update(get_string_id(f"{w}.") for w in words.anchors)
        self._anchors = np.array(sorted(anchors), dtype=np.uint64)
        self._shapes = np.array(sorted(get_string_id(s) for s in YEAR_SHAPES), dtype=np.uint64)

    name = "time"

    @classmethod
    def load(cls, data_dir: Path | None = None, language: str = DEFAULT_LANGUAGE) -> TimeCoder:
        return cls(TimeWords.load(data_dir, language))

    def __call__(self, doc: Doc, state: ArticleState) -> ArticleState:
        return replace(state, events=self.date_events(doc, state.events, state.article.date))

    def expressions(
        self,
        tokens: Sequence[Token] | Span,
        dct: date | None,
        reference: TimeValue | None = None,
    ) -> list[Expression]:
        return find_expressions(list(tokens), self.words, dct, reference=reference)

    def sentences(self, doc: Doc) -> tuple[list[tuple[int, int]], list[bool]]:
        """Sentence boundaries (token indices, as ``doc.sents``) and whether each sentence
        holds a candidate time word."""
        n = len(doc)
        if n == 0:
            return [], []
        table = doc.to_array([LOWER, SHAPE, SENT_START])
        flags = _member(table[:, 0], self._anchors) | _member(table[:, 1], self._shapes)
        starts = np.flatnonzero(table[:, 2] == 1)
        if not len(starts) or starts[0] != 0:
            starts = np.concatenate(([0], starts))
        hits = np.add.reduceat(flags.astype(np.int32), starts)
        bounds = [int(x) for x in starts]
        spans = list(zip(bounds, [*bounds[1:], n], strict=True))
        return spans, [bool(h) for h in hits]

    def sentence_expressions(
        self,
        doc: Doc,
        dct: date | None,
        upto: int | None = None,
        sentences: tuple[list[tuple[int, int]], list[bool]] | None = None,
    ) -> list[list[Expression]]:
        """The expressions of each sentence (up to index ``upto``), resolved in reading order
        so that "the next day" counts from the story's last date."""
        spans, candidates = sentences or self.sentences(doc)
        found: list[list[Expression]] = []
        reference: TimeValue | None = None
        for index, ((start, end), candidate) in enumerate(zip(spans, candidates, strict=True)):
            if upto is not None and index > upto:
                break
            if not candidate:
                found.append([])
                continue
            expressions = find_expressions(
                list(doc[start:end]), self.words, dct, reference=reference
            )
            reference = last_reference(expressions, reference)
            found.append(expressions)
        return found

    def article_time(
        self,
        doc: Doc,
        publication: str | None,
        sentences: tuple[list[tuple[int, int]], list[bool]] | None = None,
    ) -> ArticleTime:
        """The publication date and the article-level fallback (dateline, else publication)."""
        dct = parse_dct(publication)
        line = self._dateline(doc, dct, sentences or self.sentences(doc))
        if dct is None and line is not None and line.precision == "day" and line.date:
            dct = parse_dct(line.date)  # an undated article with "July 28, 2023" in its dateline
        if line is not None:
            return ArticleTime(dct, line)
        if dct is not None:
            return ArticleTime(dct, Dated(dct.isoformat(), "publication", "day"))
        return ArticleTime(None, Dated(None, "none", None))

    def _dateline(
        self, doc: Doc, dct: date | None, sentences: tuple[list[tuple[int, int]], list[bool]]
    ) -> Dated | None:
        """A date in the agency dateline, or a date standing alone on one of the first lines
        ("March 01, 2008", "Friday 28 July 2023")."""
        dateline = doc.user_data.get("dateline")
        end = getattr(dateline, "end", None)
        if isinstance(end, int):
            tokens: list[Token] = []
            for token in doc:
                if token.idx >= end:
                    break
                tokens.append(token)
            for expression in find_expressions(tokens, self.words, dct):
                found = dated(expression, dct)
                if found is not None:
                    return found
        spans, candidates = sentences
        for (start, end_token), candidate in list(zip(spans, candidates, strict=True))[
            :DATELINE_SENTENCES
        ]:
            if not candidate or end_token - start > 16:
                continue
            sent = list(doc[start:end_token])
            words = [t for t in sent if not (t.is_punct or t.is_space)]
            if not words or len(words) > 8:
                continue
            for expression in find_expressions(sent, self.words, dct, trusted=True):
                if expression.start <= words[0].i and words[-1].i < expression.end:
                    found = dated(expression, dct)
                    if found is not None:
                        return found
        return None

    def date_token(
        self, trigger: Token, expressions: Sequence[Expression], article: ArticleTime
    ) -> Dated:
        """The date of an event whose trigger is ``trigger`` (all four steps)."""
        return choose(trigger, expressions, article.dct) or article.fallback

    def date_events(
        self, doc: Doc, events: Sequence[Event], publication: str | None
    ) -> tuple[Event, ...]:
        """The events with ``date``, ``date_basis`` and ``date_precision`` filled in."""
        if not events:
            return tuple(events)
        sentences = self.sentences(doc)
        article = self.article_time(doc, publication, sentences)
        last = max(e.sentence for e in events)
        by_sentence = self.sentence_expressions(doc, article.dct, last, sentences)
        out: list[Event] = []
        for event in events:
            expressions = (
                by_sentence[event.sentence] if 0 <= event.sentence < len(by_sentence) else []
            )
            if expressions:
                chosen = self.date_token(_trigger_token(doc, event), expressions, article)
            else:
                chosen = article.fallback
            out.append(
                replace(
                    event,
                    date=chosen.date,
                    date_basis=chosen.basis,
                    date_precision=chosen.precision,
                )
            )
        return tuple(out)


def _member(values: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Which of ``values`` are in the sorted array ``table`` (vectorised)."""
    index = np.searchsorted(table, values)
    index[index == len(table)] = 0
    found: np.ndarray = table[index] == values
    return found


def _trigger_token(doc: Doc, event: Event) -> Token:
    start = event.trigger_start if event.trigger_start is not None else event.start
    end = event.trigger_end if event.trigger_end is not None else start + 1
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else doc[0]
