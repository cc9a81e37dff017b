"""One article as the quotes stage reads it: the parse, its quotation marks, its sentences and
paragraphs, and where each token stands. Built once per article and shared, read-only, by
``direct``, ``attribution``, ``names``, ``speakers`` and ``reported``."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.attrs import IDX, LEMMA, LOWER, SENT_START
from spacy.tokens import Doc, Span, Token

from eventcoder.quotes.cues import QuoteCues
from eventcoder.quotes.marks import Quotation, find_quotations, paragraphs
from eventcoder.records import Actor, Quote, QuoteKind
from eventcoder.state import ArticleActors

SENTENCE_END = frozenset({".", "!", "?"})
WINDOW_LIMIT = 60  # tokens searched on each side of a quotation for its speech act
# Steps a window takes at most (tokens, spaces, short quotations stepped over), and short
# quotations it steps over: without them, a run of tiny quotations (a line of quote marks)
# made every window walk the whole article.
WINDOW_STEPS = 4 * WINDOW_LIMIT
WINDOW_NICKNAMES = 8
NICKNAME = 3  # words: a quotation this short inside an attribution does not end it
QUOTE_TOKENS = frozenset({'"', "“", "”", "'", "‘", "’", "''", "``", "«", "»"})


@dataclass(frozen=True, slots=True)
class SpeechAct:
    """What a quote is attributed to: the cue token and the speaker found there."""

    cue: int  # token index of the speech verb (or of "according", or of a dash)
    speaker: Actor | None
    rule: str
    close: bool = True  # governs the quote directly, or stands right next to it


@dataclass(frozen=True, slots=True)
class FoundQuote:
    quote: Quote
    act: SpeechAct | None
    rule: str


@dataclass(frozen=True, slots=True)
class QuoteContext:
    """The article: its parse and actors, the cue words, and positions computed once."""

    doc: Doc
    text: str
    actors: ArticleActors
    cues: QuoteCues
    starts: list[int]  # character offset of each token
    reporting: list[int]  # tokens that may start reported speech
    sent_bounds: list[tuple[int, int]]  # token span of each sentence of the parse
    sent_starts: list[int]  # character offset of each sentence
    paragraphs: list[tuple[int, int]]
    top: list[Quotation]  # the quotations that are not inside another
    quoted: dict[int, Quotation]  # token -> the top-level quotation holding it (marks included)

    @classmethod
    def read(
        cls,
        doc: Doc,
        actors: ArticleActors,
        cues: QuoteCues,
        hashes: tuple[frozenset[int], frozenset[int]],
    ) -> QuoteContext:
        """``hashes``: spaCy string hashes of the speech verbs and of the first words of
        'according to' phrases (``build.cue_hashes``)."""
        text = doc.text
        table = doc.to_array([IDX, LEMMA, LOWER])
        starts = [int(x) for x in table[:, 0]] if len(doc) else []
        # Tokens that may start reported speech: speech verb lemmas and "according"-like words.
        lemmas, firsts = hashes
        reporting = [
            i
            for i, (lemma, lower) in enumerate(zip(table[:, 1], table[:, 2], strict=True))
            if int(lemma) in lemmas or int(lower) in firsts
        ]
        # Sentence boundaries from the parse, as token and character offsets.
        heads = [i for i, flag in enumerate(doc.to_array([SENT_START])) if flag == 1] or [0]
        if heads[0] != 0:
            heads.insert(0, 0)
        sent_bounds = list(zip(heads, [*heads[1:], len(doc)], strict=True))
        sent_starts = [starts[a] if starts else 0 for a, _ in sent_bounds]
        top = [q for q in find_quotations(text, cues.elisions) if q.depth == 0]
        quoted: dict[int, Quotation] = {}
        for q in top:
            for i in range(_open_token(starts, q), _close_token(starts, q) + 1):
                quoted[i] = q
        return cls(
            doc=doc,
            text=text,
            actors=actors,
            cues=cues,
            starts=starts,
            reporting=reporting,
            sent_bounds=sent_bounds,
            sent_starts=sent_starts,
            paragraphs=paragraphs(text),
            top=top,
            quoted=quoted,
        )

    # -- positions --------------------------------------------------------------------------
    def token_at(self, char: int) -> int:
        return _token_at(self.starts, char)

    def open_token(self, q: Quotation) -> int:
        return _open_token(self.starts, q)

    def close_token(self, q: Quotation) -> int:
        return _close_token(self.starts, q)

    def sentence(self, index: int) -> Span:
        first, end = self.sent_bounds[index]
        return self.doc[first:end]

    def sentence_of(self, char: int) -> int:
        return max(bisect_right(self.sent_starts, char) - 1, 0)

    def paragraph_index(self, char: int) -> int:
        starts = [p[0] for p in self.paragraphs]
        return max(bisect_right(starts, char) - 1, 0)

    def quote(self, start: int, end: int, kind: QuoteKind, act: SpeechAct | None) -> Quote:
        """The Quote record of the text between ``start`` and ``end``."""
        return Quote(
            speaker=act.speaker if act else None,
            text=self.text[start:end],
            kind=kind,
            sentence=self.sentence_of(start),
            start=start,
            end=end,
        )

    def words(self, q: Quotation) -> int:
        return sum(1 for w in self.text[q.start : q.end].split() if any(c.isalnum() for c in w))

    def window(self, index: int, step: int) -> list[Token]:
        """Tokens from a quotation mark to the end of its sentence, in text order. A short
        quotation on the way (a nickname) is stepped over; a longer one ends the window."""
        doc = self.doc
        found: list[Token] = []
        i = index + step
        steps = nicknames = 0
        while 0 <= i < len(doc) and len(found) < WINDOW_LIMIT and steps < WINDOW_STEPS:
            steps += 1
            token = doc[i]
            inner = self.quoted.get(i)
            if inner is not None:
                nicknames += 1
                if (
                    nicknames > WINDOW_NICKNAMES
                    or self.words(inner) > NICKNAME
                    or self.text[inner.start : inner.end].rstrip()[-1:] in SENTENCE_END | {","}
                ):
                    break
                i = (self.close_token(inner) if step > 0 else self.open_token(inner)) + step
                continue
            if "\n" in token.text or (step < 0 and "\n" in token.whitespace_):
                break
            if token.text in SENTENCE_END:
                break
            if token.is_space:
                i += step
                continue
            found.append(token)
            if step > 0 and "\n" in token.whitespace_:
                break
            i += step
        return found if step > 0 else list(reversed(found))

    def opens_sentence(self, q: Quotation) -> bool:
        pre = self.window(self.open_token(q), -1)
        return not any(not t.is_punct for t in pre)

    def token_span(self, first: int, last: int) -> tuple[int, int] | None:
        """Characters of tokens first..last, trimmed of punctuation, widened to whole
        quotations that the span opens or closes."""
        doc = self.doc
        while first <= last and _trim(doc[first]):
            first += 1
        while last >= first and _trim(doc[last]):
            last -= 1
        if last < first:
            return None
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        for i in (first, last):
            q = self.quoted.get(i)
            if q is not None:
                start, end = min(start, q.open_start), max(end, q.close_end)
        if last + 1 < len(doc) and (last + 1) in self.quoted:
            q = self.quoted[last + 1]
            if q.open_start < end:
                end = max(end, q.close_end)
        if not any(ch.isalnum() for ch in self.text[start:end]):
            return None
        return start, end


def _token_at(starts: list[int], char: int) -> int:
    return max(bisect_right(starts, char) - 1, 0)


def _open_token(starts: list[int], q: Quotation) -> int:
    return _token_at(starts, q.open_start)


def _close_token(starts: list[int], q: Quotation) -> int:
    return _token_at(starts, max(q.close_end - 1, q.open_start))


def _trim(token: Token) -> bool:
    return token.is_space or (token.is_punct and token.text not in QUOTE_TOKENS)
