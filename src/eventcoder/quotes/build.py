"""The quotes stage (QuoteCoder): direct and reported speech, each with the actor who said it.

``QuoteCoder`` reads one article at a time into a ``QuoteContext`` (``context.py``: the parse,
its quotation marks, sentences and paragraphs) and finds over it

* the direct quotes (``direct.py``): quotation marks that hold speech, not names or titles
  (``names.py``), each attributed to a speech act (``attribution.py``);
* reported speech (``reported.py``): the clauses that speech verbs and "according to X"
  report;

each with its speaker (``speakers.py``). Statement events (CAMEO 01x) whose trigger is a
quote's speech verb then take the quote's span (``align_statements``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import replace

from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc

from eventcoder.events.realise import new_event
from eventcoder.ontology import CameoCode
from eventcoder.quotes.context import FoundQuote, QuoteContext, SpeechAct
from eventcoder.quotes.cues import QuoteCues
from eventcoder.quotes.direct import direct_quotes
from eventcoder.quotes.reported import reported_speech
from eventcoder.records import Event, Quote
from eventcoder.state import ArticleActors, ArticleState


class QuoteCoder:
    """The ``quotes`` stage: finds the quotes of parsed articles. Holds only the read-only
    cue lists."""

    name = "quotes"

    def __init__(self, cues: QuoteCues, statement: CameoCode) -> None:
        """``statement``: the CAMEO entry of a plain statement (010), the code a speech act
        with no event of its own is given."""
        self.cues = cues
        self.hashes = cue_hashes(cues)
        self.statement = statement

    def __call__(self, doc: Doc, state: ArticleState) -> ArticleState:
        article = state.article
        quotes, events = self.code(doc, state.actors, state.events, article.id, article.date)
        return replace(state, quotes=quotes, events=events)

    def code(
        self,
        doc: Doc,
        actors: ArticleActors,
        events: tuple[Event, ...] = (),
        article_id: str = "article",
        date: str | None = None,
    ) -> tuple[tuple[Quote, ...], tuple[Event, ...]]:
        """The article's quotes, and its events: every quote's speech act with a coded
        speaker is a statement event (its own 01x event, or a 010 added here), and each
        statement spans the quote it introduces."""
        found = self.find(doc, actors)
        events = statement_events(events, found, doc, article_id, date, self.statement)
        return tuple(f.quote for f in found), align_statements(events, found, doc)

    def find(self, doc: Doc, actors: ArticleActors) -> list[FoundQuote]:
        context = QuoteContext.read(doc, actors, self.cues, self.hashes)
        found = direct_quotes(context) + reported_speech(context)
        found.sort(key=lambda f: (f.quote.start, -f.quote.end))
        return found


def statement_events(
    events: tuple[Event, ...],
    found: list[FoundQuote],
    doc: Doc,
    article_id: str,
    date: str | None,
    statement: CameoCode,
) -> tuple[Event, ...]:
    """Add a statement (010) of its speaker for each quote's speech act that has a coded
    speaker and no event at its cue ("'...,' said Moore", "according to the ministry"): human
    coders code every attributed speech act. Added events go after their sentence's others."""
    taken = {e.trigger_start for e in events}
    next_number = Counter(e.sentence for e in events)
    starts = [s.start for s in doc.sents]
    added: list[Event] = []
    for item in found:
        act = item.act
        if act is None or act.speaker is None or act.speaker.code is None:
            continue
        cue = doc[act.cue]
        if cue.idx in taken:
            continue
        taken.add(cue.idx)
        index = bisect_right(starts, cue.i) - 1
        number = next_number[index]
        next_number[index] += 1
        added.append(
            new_event(
                event_id=f"{article_id}:{index}:{number}",
                sent=cue.sent,
                index=index,
                source=act.speaker,
                target=None,
                cameo=statement.code,
                info=statement,
                factuality="asserted",
                date=date,
                trigger=cue,
                trigger_text=cue.text,
                trigger_start=cue.idx,
                trigger_end=cue.idx + len(cue.text),
                rule=f"quotes:statement:{act.rule}",
                rule_line=None,
            )
        )
    if not added:
        return events
    return tuple(sorted((*events, *added), key=lambda e: e.sentence))


def align_statements(
    events: tuple[Event, ...], found: list[FoundQuote], doc: Doc
) -> tuple[Event, ...]:
    """Statement events (01x) whose trigger is a quote's speech verb take the quote's span
    (the first quote of that verb: "'A,' she said, 'B.'" -> A)."""
    by_cue: dict[int, Quote] = {}
    for item in found:
        if item.act is None:
            continue
        char = doc[item.act.cue].idx
        current = by_cue.get(char)
        quote = item.quote
        if current is None or (quote.start, -quote.end) < (current.start, -current.end):
            by_cue[char] = quote
    if not by_cue:
        return events
    aligned: list[Event] = []
    for event in events:
        span = by_cue.get(event.trigger_start) if event.trigger_start is not None else None
        if span is not None and event.cameo.startswith("01"):
            event = replace(event, start=span.start, end=span.end)
        aligned.append(event)
    return tuple(aligned)


def cue_hashes(cues: QuoteCues) -> tuple[frozenset[int], frozenset[int]]:
    """spaCy string hashes of the speech verbs and of the first words of 'according to'."""
    return (
        frozenset(int(hash_string(w)) for w in cues.speech_verbs),
        frozenset(int(hash_string(p[0])) for p in cues.according),
    )


__all__ = ["FoundQuote", "QuoteCoder", "SpeechAct", "align_statements"]
