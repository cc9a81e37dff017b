"""Stage 5, quotes: direct and reported speech, each with the actor who said it.

Direct quotes come from the quotation marks of the raw text (``marks.py``). Each is
attributed to a speech act, found in this order:

1. its own sentence: the speech verb that governs the quoted words in the parse ("said",
   "told", and the quote verbs of ``quote_cues.tsv``: "called him a 'liar'"); else the nearest
   speech verb before the opening mark or after the closing one, outside quotation marks
   (``"...," she said``, ``said Colonna``, ``adding that the president was in 'good health'``),
   a quote verb right next to it (``he asked``, ``Caddell continued:``), ``according to X``,
   a dash and a name closing the paragraph (``"..." ― Jorge Falcon``), or the verb of a clause
   ending in a colon right before the quote;
2. for a quote that opens its sentence and has none of these: the sentence before it in the
   same paragraph (a quote it continues, or "..., Schiff said." before it), an earlier quote
   of the paragraph, the next attributed quote of the paragraph (a paragraph attributed at its
   end), or a colon ending the previous paragraph ("Caddell continued:");
3. a quotation continued over several paragraphs keeps one speech act for all its parts.

The speaker is the actor at the speech verb's subject (``ArticleActors.by_head`` already
resolves pronouns, surnames and descriptions across the article), the author of a document
that "said" something ("a statement by the junta said"), or the object of "according to".
A subject the actor coder could not code ("a friend", "the announcer", an unknown name) is
still the speaker: an actor with its text and no code. An unresolved pronoun, or no speech act
at all, gives a null speaker: never a guess.

Not quotes: quotation marks around names, titles and text on display (a sign reading "down
with Macron", the so-called "junta", his book "Sahel", a capitalised title with no speech act
of its own), and short quotations inside a sentence that no speech act claims (scare quotes).
Quotes nested inside a quote are part of it.

Reported speech: the ``ccomp`` clause of a speech verb (``said that ...``, ``told AFP the
junta would ...``), or the clause an ``according to X`` phrase modifies; the content span is
the clause, widened to take in a quotation it opens or closes.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.attrs import IDX, LEMMA, LOWER, SENT_START
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc, Span, Token

from eventcoder.actors import ArticleActors
from eventcoder.events import syntax
from eventcoder.lang.en import (
    AUTHOR_PREPOSITIONS,
    INVERTED_SPEAKER_DEPS,
    NAME_DETERMINERS,
    PARTITIVE_WORDS,
    REPORTED_CLAUSE_POS,
    SPEAKER_CLIMB_DEPS,
    SPEAKER_PHRASE_DEPS,
    SUBJECT_SIDE_DEPS,
    TITLE_MINOR_WORDS,
    TITLE_PREPOSITIONS,
)
from eventcoder.quotes.cues import QuoteCues
from eventcoder.quotes.marks import Quotation, find_quotations, paragraphs
from eventcoder.records import Actor, Event, Quote, QuoteKind

SENTENCE_END = frozenset({".", "!", "?"})
DASHES = frozenset({"―", "—", "–", "-", "--"})
WINDOW_LIMIT = 60  # tokens searched on each side of a quotation for its speech act
ADJACENT = 4  # a quote verb must be this close to the mark ('," he asked')
SHORT_QUOTE = 4  # words: a quotation this short inside a sentence needs a named speaker
NICKNAME = 3  # words: a quotation this short inside an attribution does not end it
DASH_NAME = 8  # tokens: "― Jorge Falcon" closing a paragraph
TITLE_MAX_WORDS = 8
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


class QuoteCoder:
    """Finds the quotes of parsed articles. Holds only the read-only cue lists."""

    def __init__(self, cues: QuoteCues) -> None:
        self.cues = cues
        self.hashes = cue_hashes(cues)

    def code(
        self, doc: Doc, actors: ArticleActors, events: tuple[Event, ...] = ()
    ) -> tuple[tuple[Quote, ...], tuple[Event, ...]]:
        """The article's quotes, and its events with each statement event (CAMEO 01x) that
        is the speech act of a quote spanning that quote."""
        found = self.find(doc, actors)
        return tuple(f.quote for f in found), align_statements(events, found, doc)

    def find(self, doc: Doc, actors: ArticleActors) -> list[FoundQuote]:
        return _ArticleQuotes(doc, actors, self.cues, self.hashes).run()


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


class _ArticleQuotes:
    """The quotes of one article. One instance per article."""

    def __init__(
        self,
        doc: Doc,
        actors: ArticleActors,
        cues: QuoteCues,
        hashes: tuple[frozenset[int], frozenset[int]],
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.actors = actors
        self.cues = cues
        table = doc.to_array([IDX, LEMMA, LOWER])
        self.starts = [int(x) for x in table[:, 0]] if len(doc) else []
        # Tokens that may start reported speech: speech verb lemmas and "according"-like words.
        lemmas, firsts = hashes
        self.reporting = [
            i
            for i, (lemma, lower) in enumerate(zip(table[:, 1], table[:, 2], strict=True))
            if int(lemma) in lemmas or int(lower) in firsts
        ]
        # Sentence boundaries from the parse, as token and character offsets.
        heads = [i for i, flag in enumerate(doc.to_array([SENT_START])) if flag == 1] or [0]
        if heads[0] != 0:
            heads.insert(0, 0)
        self.sent_bounds = list(zip(heads, [*heads[1:], len(doc)], strict=True))
        self.sent_starts = [self.starts[a] if self.starts else 0 for a, _ in self.sent_bounds]
        self.paragraphs = paragraphs(self.text)
        self.quotations = find_quotations(self.text, cues.elisions)
        self.top = [q for q in self.quotations if q.depth == 0]
        # token index -> the top-level quotation holding it (marks included)
        self.quoted: dict[int, Quotation] = {}
        for q in self.top:
            for i in range(self.open_token(q), self.close_token(q) + 1):
                self.quoted[i] = q

    # -- positions --------------------------------------------------------------------------
    def token_at(self, char: int) -> int:
        return max(bisect_right(self.starts, char) - 1, 0)

    def open_token(self, q: Quotation) -> int:
        return self.token_at(q.open_start)

    def close_token(self, q: Quotation) -> int:
        return self.token_at(max(q.close_end - 1, q.open_start))

    def sentence(self, index: int) -> Span:
        first, end = self.sent_bounds[index]
        return self.doc[first:end]

    def sentence_of(self, char: int) -> int:
        return max(bisect_right(self.sent_starts, char) - 1, 0)

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

    # -- the whole article ------------------------------------------------------------------
    def run(self) -> list[FoundQuote]:
        found = self.direct() + self.indirect()
        found.sort(key=lambda f: (f.quote.start, -f.quote.end))
        return found

    def direct(self) -> list[FoundQuote]:
        candidates: list[Quotation] = []
        named: Quotation | None = None  # the last quotation that was a name or a title
        for q in self.top:
            if self.not_speech(q) or (named is not None and self.listed_after(named, q)):
                named = q  # a sign reading "A" and "B": both on display
            else:
                candidates.append(q)
        acts: dict[int, SpeechAct | None] = {q.open_start: self.own_act(q) for q in candidates}
        speech = [q for q in candidates if not self.title(q, acts[q.open_start])]
        # One speech act for all the paragraphs of a quotation.
        chains: dict[int, list[Quotation]] = {}
        for q in speech:
            chains.setdefault(q.chain, []).append(q)
        for index, q in enumerate(speech):
            parts = chains[q.chain]
            if q is not parts[0]:
                continue
            act = next((acts[p.open_start] for p in parts if acts[p.open_start]), None)
            if act is None and self.opens_sentence(q):
                act = self.paragraph_act(q, index, speech, acts)
            for part in parts:
                if acts[part.open_start] is None and act is not None:
                    rule = act.rule if part is q else f"continued-paragraph>{act.rule}"
                    acts[part.open_start] = replace(act, rule=rule)
        found: list[FoundQuote] = []
        for q in speech:
            act = acts[q.open_start]
            if not self.keep(q, act):
                continue
            span = self.content(q)
            if span is None:
                continue
            start, end = span
            quote = self.quote(start, end, "direct", act)
            found.append(FoundQuote(quote, act, act.rule if act else "unattributed"))
        return found + self.characterisations(speech, acts)

    def characterisations(
        self, speech: list[Quotation], acts: dict[int, SpeechAct | None]
    ) -> list[FoundQuote]:
        """'Reid described Trump as a "con artist"': the object of a naming verb with the
        quoted words it is given, as reported speech ("Trump as a "con artist"")."""
        spans: dict[int, tuple[int, int, SpeechAct]] = {}
        for q in speech:
            act = acts[q.open_start]
            if act is None or not act.rule.startswith("governs:"):
                continue
            verb = self.doc[act.cue]
            if verb.lemma_.lower() not in self.cues.naming or not q.closed:
                continue
            objects = [c for c in verb.children if c.dep_ == "dobj" and c.idx < q.open_start]
            if not objects or objects[0].left_edge.idx <= verb.idx:
                continue
            start = objects[0].left_edge.idx
            if start >= q.open_start or any(i in self.quoted for i in (objects[0].left_edge.i,)):
                continue
            current = spans.get(verb.i)
            end = q.close_end if current is None else max(current[1], q.close_end)
            spans[verb.i] = (start, end, act)
        found: list[FoundQuote] = []
        for start, end, act in spans.values():
            quote = self.quote(start, end, "indirect", act)
            found.append(FoundQuote(quote, act, f"characterised>{act.rule}"))
        return found

    def title(self, q: Quotation, act: SpeechAct | None) -> bool:
        """A capitalised title that no speech verb claims directly, or that follows a
        possessive or a preposition of place ('on NBC's "Meet the Press"', 'in "The
        Federalist"')."""
        if not self.looks_like_title(q):
            return False
        return act is None or not act.close or self.after_owner_or_place(q)

    def after_owner_or_place(self, q: Quotation) -> bool:
        i = self.open_token(q) - 1
        if i < 0 or i in self.quoted:
            return False
        token = self.doc[i]
        return token.tag_ == "POS" or (token.tag_ == "IN" and token.lower_ in TITLE_PREPOSITIONS)

    def listed_after(self, named: Quotation, q: Quotation) -> bool:
        """Is q listed right after a quotation that is a name ('"A" and "B"', '"A", "B"')?"""
        if named.paragraph != q.paragraph or not named.closed or named.close_end > q.open_start:
            return False
        between = self.text[named.close_end : q.open_start].replace(",", " ").split()
        return [w.lower() for w in between] in ([], ["and"], ["or"])

    def keep(self, q: Quotation, act: SpeechAct | None) -> bool:
        """Speech, or a name or scare quote?"""
        if self.opens_sentence(q) or not q.closed:
            return True
        if act is None:
            return False  # a short quotation inside a sentence that nobody says: a term
        return act.speaker is not None or self.words(q) > SHORT_QUOTE

    def content(self, q: Quotation) -> tuple[int, int] | None:
        start, end = q.start, q.end
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
            end -= 1
        if not any(ch.isalnum() for ch in text[start:end]):
            return None
        if text[start] == "(" and text[end - 1] in ").":
            return None  # "(CROSSTALK.)": a stage direction
        return start, end

    def words(self, q: Quotation) -> int:
        return sum(1 for w in self.text[q.start : q.end].split() if any(c.isalnum() for c in w))

    # -- not speech -------------------------------------------------------------------------
    def not_speech(self, q: Quotation) -> bool:
        """A quotation mark around a name, title or text on display."""
        before = self.words_before(self.open_token(q), 4)
        after = self.words_after(self.close_token(q), 3) if q.closed else []
        if before and before[-1].dep_ == "acl" and before[-1].tag_ == "VBN":
            return True  # a book called "...", an operation named "...": a name
        for phrase in self.cues.non_speech:
            n = len(phrase)
            if len(before) >= n and _matches(before[-n:], phrase):
                return True
            if (
                len(before) > n
                and before[-1].lower_ in NAME_DETERMINERS
                and _matches(before[-n - 1 : -1], phrase)
            ):
                return True  # known as the "Buffett rule"
            if (
                len(after) >= n
                and _matches(after[:n], phrase)
                and all(t.pos_ == "NOUN" for t in after[:n])
            ):
                return True  # "Make America Great Again" hats
        return False

    def words_before(self, index: int, n: int) -> list[Token]:
        """Up to n word tokens right before a token (a colon may stand between)."""
        words: list[Token] = []
        i = index - 1
        if i >= 0 and self.doc[i].text == ":":
            i -= 1
        while i >= 0 and len(words) < n:
            token = self.doc[i]
            if token.is_space or "\n" in token.whitespace_:
                break
            if token.text in ("-", "‑"):
                i -= 1
                continue
            if token.is_punct or i in self.quoted:
                break
            words.append(token)
            i -= 1
        return list(reversed(words))

    def words_after(self, index: int, n: int) -> list[Token]:
        words: list[Token] = []
        i = index + 1
        doc = self.doc
        while i < len(doc) and len(words) < n:
            token = doc[i]
            if token.is_space or token.is_punct or i in self.quoted:
                break
            words.append(token)
            i += 1
        return words

    def looks_like_title(self, q: Quotation) -> bool:
        """A short capitalised phrase: "The Art of the Deal", "Face the Nation"."""
        words = [w for w in self.text[q.start : q.end].split() if any(c.isalpha() for c in w)]
        if not words or len(words) > TITLE_MAX_WORDS:
            return False
        if not _capitalised(words[0]):
            return False
        if len(words) == 1:
            return not self.opens_sentence(q)  # 'his show, "Politicking"'
        return all(_capitalised(w) or w.lower() in TITLE_MINOR_WORDS for w in words)

    # -- speech acts ------------------------------------------------------------------------
    def own_act(self, q: Quotation) -> SpeechAct | None:
        """The speech act in the quotation's own sentence."""
        open_tok = self.open_token(q)
        candidates: list[tuple[int, Token, str]] = []
        pre = self.window(open_tok, -1)
        for distance, token in enumerate(reversed(pre), start=1):
            kind = self.cue_kind(token, distance, before=True)
            if kind is not None:
                candidates.append((distance, token, kind))
                break
        post: list[Token] = []
        if q.closed:
            post = self.window(self.close_token(q), +1)
            ends_sentence = self.text[q.start : q.end].rstrip()[-1:] in SENTENCE_END
            for distance, token in enumerate(post, start=1):
                attribution = self.attribution_clause(token, post)
                if ends_sentence and distance > ADJACENT and not attribution:
                    break  # '"We won." He said it twice': a new sentence
                kind = self.cue_kind(token, 1 if attribution else distance, before=False)
                if kind is not None:
                    candidates.append((1 if attribution else distance, token, kind))
                    break
        nearest = min(candidates, key=lambda c: c[0]) if candidates else None
        governor = self.governing_verb(q)
        if governor is not None:
            verb, direct = governor
            far = min(abs(verb.i - open_tok), abs(verb.i - self.close_token(q)))
            if nearest is None or nearest[1].i == verb.i or nearest[0] > min(far, ADJACENT):
                return replace(self.act(verb, "governs"), close=direct)
        if nearest is not None:
            distance, token, kind = nearest
            return replace(self.act(token, kind), close=distance <= ADJACENT)
        dash = self.dash_name(q, post)
        if dash is not None:
            return dash
        colon = self.colon_verb(pre)
        if colon is not None:
            return self.act(colon, "colon")
        return None

    def attribution_clause(self, token: Token, post: list[Token]) -> bool:
        """'"...?" a narrator in the Clinton ad asks': a verb right after a quotation whose
        subject starts at the closing mark (or that comes first: '," said Caddell')."""
        words = [t for t in post if not t.is_punct]
        if not words or token.pos_ != "VERB":
            return False
        if words[0].i == token.i:
            return True
        return any(s.left_edge.i == words[0].i for s in syntax.subjects(token))

    def governing_verb(self, q: Quotation) -> tuple[Token, bool] | None:
        """A speech or quote verb that the quoted words hang from ('called him a "liar"'),
        and whether they hang from it directly (not through a preposition: 'said on "Face
        the Nation"'). Quoted words inside the verb's subject are not what it says."""
        first, last = self.open_token(q), self.close_token(q)
        doc = self.doc
        for i in range(first, last + 1):
            token = doc[i]
            if first <= token.head.i <= last:
                continue
            direct = True
            for _ in range(7):
                if token.dep_ in SUBJECT_SIDE_DEPS:
                    return None
                if token.dep_ in ("pobj", "pcomp"):
                    direct = False
                head = token.head
                if head is token:
                    return None
                if head.pos_ == "VERB" and head.i not in self.quoted:
                    lemma = head.lemma_.lower()
                    if lemma in self.cues.speech_verbs or lemma in self.cues.quote_verbs:
                        return head, direct
                    return None
                token = head
            return None
        return None

    def window(self, index: int, step: int) -> list[Token]:
        """Tokens from a quotation mark to the end of its sentence, in text order. A short
        quotation on the way (a nickname) is stepped over; a longer one ends the window."""
        doc = self.doc
        found: list[Token] = []
        i = index + step
        while 0 <= i < len(doc) and len(found) < WINDOW_LIMIT:
            token = doc[i]
            inner = self.quoted.get(i)
            if inner is not None:
                if self.words(inner) > NICKNAME or self.text[inner.start : inner.end].rstrip()[
                    -1:
                ] in SENTENCE_END | {","}:
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

    def cue_kind(self, token: Token, distance: int, before: bool) -> str | None:
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX"):
            if lemma in self.cues.speech_verbs:
                return "verb"
            if lemma in self.cues.quote_verbs and distance <= (
                ADJACENT - 1 if before else ADJACENT
            ):
                return "quote-verb"
        if self.according_object(token) is not None:
            return "according"
        return None

    def dash_name(self, q: Quotation, post: list[Token]) -> SpeechAct | None:
        """'"..." ― Jorge Falcon' closing a paragraph: the name signs the quote."""
        if not post or post[0].text not in DASHES or len(post) > DASH_NAME:
            return None
        last = post[-1].i + 1
        rest = self.doc[last : last + 2]
        if any(not (t.is_space or t.is_punct) for t in rest if "\n" not in t.text):
            return None
        names = [t for t in post[1:] if t.pos_ == "PROPN"]
        if not names:
            return None
        head = next((t for t in names if t.i in self.actors.by_head), names[-1])
        return SpeechAct(post[0].i, self.actor_at(head), "dash")

    def colon_verb(self, pre: list[Token]) -> Token | None:
        """'Trump responded on Twitter: "..."': the verb of a clause that ends in a colon."""
        if not pre or pre[-1].text != ":":
            return None
        for token in reversed(pre):
            if token.pos_ == "VERB" and syntax.subjects(token):
                return token
        return None

    def paragraph_act(
        self,
        q: Quotation,
        index: int,
        speech: list[Quotation],
        acts: dict[int, SpeechAct | None],
    ) -> SpeechAct | None:
        """A speech act elsewhere in the paragraph, for a quote that opens its sentence."""
        para = q.paragraph
        sentence = self.sentence_of(q.open_start)
        earlier = [o for o in speech[:index] if o.paragraph == para]
        if sentence > 0:
            before = self.sentence(sentence - 1)
            if self.paragraph_index(before.start_char) == para:
                for other in reversed(earlier):
                    act = acts.get(other.open_start)
                    if act is not None and act.speaker and before.start_char <= other.open_start:
                        return replace(act, rule=f"continues>{act.rule}")
                verb = self.last_speech_verb(before)
                if verb is not None:
                    return self.act(verb, "previous-sentence")
        for other in reversed(earlier):
            act = acts.get(other.open_start)
            if act is not None and act.speaker and "previous-paragraph" not in act.rule:
                return replace(act, rule=f"continues>{act.rule}")
        for other in speech[index + 1 :]:
            if other.paragraph != para:
                break
            act = acts.get(other.open_start)
            if act is not None and act.speaker:
                return replace(act, rule=f"paragraph-end>{act.rule}")
        if para > 0 and not self.text[self.paragraphs[para][0] : q.open_start].strip():
            p_start, p_end = self.paragraphs[para - 1]
            previous = [o for o in speech[:index] if o.paragraph == para - 1]
            if previous:
                act = acts.get(previous[-1].open_start)
                if (
                    act is not None
                    and act.speaker
                    and ">" not in act.rule  # attributed in its own sentence
                    and not act.rule.startswith("dash")  # '"..." ― Name' lists sign each one
                    and self.ends_paragraph(previous[-1])
                ):
                    # '"...," he said.' then a paragraph that is only a quote: still him.
                    return replace(act, rule=f"previous-paragraph>{act.rule}")
            if self.text[p_start:p_end].rstrip().endswith(":"):
                last = self.token_at(p_start + len(self.text[p_start:p_end].rstrip()) - 1)
                pre = self.window(last + 1, -1)
                for distance, token in enumerate(reversed(pre), start=1):
                    if self.cue_kind(token, distance, before=True) is not None:
                        return self.act(token, "colon-paragraph")
                verb = self.colon_verb(pre)
                if verb is not None:
                    return self.act(verb, "colon-paragraph")
        return None

    def ends_paragraph(self, q: Quotation) -> bool:
        """Does the quotation end its paragraph, but for its attribution ('," he said.')?"""
        if not q.closed:
            return True
        post = self.window(self.close_token(q), +1)
        p_end = self.paragraphs[q.paragraph][1]
        last = post[-1].idx + len(post[-1].text) if post else q.close_end
        return not self.text[last:p_end].strip(" .\u00a0")

    def paragraph_index(self, char: int) -> int:
        starts = [p[0] for p in self.paragraphs]
        return max(bisect_right(starts, char) - 1, 0)

    def last_speech_verb(self, sent: Span) -> Token | None:
        """'..., Schiff said.': the last speech verb of a sentence that has a speaker."""
        for token in reversed(sent):
            if (
                token.pos_ == "VERB"
                and token.i not in self.quoted
                and token.lemma_.lower() in self.cues.speech_verbs
                and self.speaker(token) is not None
            ):
                return token
        return None

    def opens_sentence(self, q: Quotation) -> bool:
        pre = self.window(self.open_token(q), -1)
        return not any(not t.is_punct for t in pre)

    # -- speakers ---------------------------------------------------------------------------
    def act(self, cue: Token, rule: str) -> SpeechAct:
        word = cue.lower_ if rule == "according" else cue.lemma_.lower()
        return SpeechAct(cue.i, self.speaker(cue), f"{rule}:{word}")

    def speaker(self, cue: Token) -> Actor | None:
        obj = self.according_object(cue)
        if obj is not None:
            return self.actor_at(obj)
        for token in self.speaker_tokens(cue):
            actor = self.actor_at(token)
            if actor is not None:
                return actor
        return None

    def speaker_tokens(self, verb: Token) -> list[Token]:
        found = syntax.subjects(verb)
        if found:
            return found
        current = verb
        for _ in range(3):
            if current.dep_ not in SPEAKER_CLIMB_DEPS or current.head is current:
                break
            current = current.head
            if current.lemma_.lower() in self.cues.passive_reporting and syntax.is_passive(current):
                # "X was quoted as saying"
                return [c for c in current.children if c.dep_ in ("nsubjpass", "nsubj")]
            if current.pos_ == "VERB":
                subjects = syntax.subjects(current)
                if subjects:
                    return subjects
        inverted = [
            c for c in verb.rights if c.dep_ in INVERTED_SPEAKER_DEPS and c.i not in self.quoted
        ][:1]
        if inverted and (
            verb.i - 1 in self.quoted or verb.i - 2 in self.quoted or verb.is_sent_start
        ):
            # '"...," said the minister' / 'Said Ellis: "..."' parsed with the speaker as an
            # object.
            return inverted
        return [c for c in inverted if c.dep_ != "dobj"]

    def actor_at(self, token: Token) -> Actor | None:
        """The coded actor at a phrase head; else the author of a document; else the phrase
        itself as an uncoded actor (pronouns excepted: unresolved, they name nobody)."""
        by_head = self.actors.by_head
        actor = by_head.get(token.i)
        if actor is not None and (actor.code or actor.name):
            return actor
        if token.lemma_.lower() in self.cues.documents:
            # "a statement by the junta said", "the ministry's statement said"
            owners = [c for c in token.children if c.dep_ == "poss"]
            owners += [o for p, o in syntax.preps(token) if p in AUTHOR_PREPOSITIONS]
            owners += [o for c in token.children if c.dep_ == "acl" for _, o in syntax.preps(c)]
            for owner in owners:
                found = by_head.get(owner.i)
                if found is not None and (found.code or found.name):
                    return found
        if token.i in self.quoted:
            return None
        if token.pos_ == "NUM" or token.lower_ in PARTITIVE_WORDS:
            # "one of those advisers", "some of his aides": the group, as the part of it
            group = next((o for p, o in syntax.preps(token) if p == "of"), None)
            if group is None or group.i in self.quoted:
                return None
            found = by_head.get(group.i)
            if found is not None and found.code:
                return found
            phrase = self.uncoded(group)
            return replace(
                phrase, text=self.text[token.idx : phrase.end], name=None, start=token.idx
            )
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        return self.uncoded(token)

    def uncoded(self, head: Token) -> Actor:
        tokens = [head]
        stack = [head]
        while stack:
            for child in stack.pop().children:
                if child.dep_ in SPEAKER_PHRASE_DEPS and child.i not in self.quoted:
                    tokens.append(child)
                    stack.append(child)
        first = min(t.i for t in tokens)
        last = max(t.i for t in tokens)
        span = self.doc[first : last + 1]
        name = None
        if head.pos_ == "PROPN":
            parts = [t for t in span if t.pos_ == "PROPN" and t.i <= head.i]
            name = " ".join(t.text for t in parts) or None
        return Actor(span.text, name, None, None, None, span.start_char, span.end_char)

    def according_object(self, token: Token) -> Token | None:
        """For the first word of 'according to X' (data: quote_cues.tsv), X's head."""
        doc = self.doc
        lower = token.lower_
        for phrase in self.cues.according:
            if phrase[0] != lower or token.i + len(phrase) > len(doc):
                continue
            words = doc[token.i : token.i + len(phrase)]
            if [t.lower_ for t in words] != list(phrase):
                continue
            last = words[-1]
            for child in last.children:
                if child.dep_ == "pobj":
                    return child
            nxt = last.i + 1
            while nxt < len(doc) and doc[nxt].dep_ in ("det", "amod", "compound", "poss"):
                nxt += 1
            if nxt < len(doc) and doc[nxt].pos_ in ("PROPN", "NOUN", "PRON"):
                return doc[nxt]
        return None

    # -- reported speech --------------------------------------------------------------------
    def indirect(self) -> list[FoundQuote]:
        found: list[FoundQuote] = []
        seen: set[tuple[int, int]] = set()
        doc = self.doc
        for i in self.reporting:
            if i in self.quoted:
                continue
            token = doc[i]
            for span, act in self.reported(token, self.sentence(self.sentence_of(token.idx))):
                if span in seen:
                    continue
                seen.add(span)
                start, end = span
                quote = self.quote(start, end, "indirect", act)
                found.append(FoundQuote(quote, act, act.rule))
        return found

    def reported(self, token: Token, sent: Span) -> list[tuple[tuple[int, int], SpeechAct]]:
        if self.according_object(token) is not None:
            clause = token.head if token.head.pos_ in ("VERB", "AUX") else sent.root
            if clause.i in self.quoted:
                return []
            span = self.clause_without(clause, token)
            if span is None:
                return []
            return [(span, self.act(token, "according"))]
        if token.pos_ != "VERB" or token.lemma_.lower() not in self.cues.speech_verbs:
            return []
        results: list[tuple[tuple[int, int], SpeechAct]] = []
        for child in token.children:
            if child.pos_ not in REPORTED_CLAUSE_POS:
                continue
            if child.dep_ != "ccomp" and not (
                child.dep_ == "advcl" and child.left_edge.lower_ == "that" and child.i > token.i
            ):
                continue  # "tweeted that Machado was ..." is sometimes parsed as an advcl
            if child.left_edge.i in self.quoted:
                continue  # the quoted words of a direct quote
            span = self.token_span(child.left_edge.i, child.right_edge.i)
            if span is not None:
                results.append((span, self.act(token, "reported")))
        head = token.head
        if (
            token.dep_ == "parataxis"
            and head.pos_ in REPORTED_CLAUSE_POS
            and head.i not in self.quoted
            and any(c.dep_ in SUBJECT_SIDE_DEPS for c in token.children)
        ):
            # "The latest test, North Korea said, was its biggest yet": the clause around the
            # speech verb, in one or two pieces.
            pieces = (
                (head.left_edge.i, token.left_edge.i - 1),
                (token.right_edge.i + 1, head.right_edge.i),
            )
            anchors = {head.i} | {c.i for c in head.children if c.dep_ in SUBJECT_SIDE_DEPS}
            for first, last in pieces:
                if last - first < 1 or any(i in self.quoted for i in (first, last)):
                    continue
                if not any(first <= i <= last for i in anchors):
                    continue  # "And perhaps, he said, ...": a piece without subject or verb
                span = self.token_span(first, last)
                if span is not None:
                    results.append((span, self.act(token, "reported-around")))
        return results

    def clause_without(self, clause: Token, cue: Token) -> tuple[int, int] | None:
        """The clause an 'according to X' phrase modifies, the phrase left out."""
        phrase_start = cue.i
        phrase_end = max(cue.right_edge.i, cue.i + 1)
        left = (clause.left_edge.i, phrase_start - 1)
        right = (phrase_end + 1, clause.right_edge.i)
        best = max((left, right), key=lambda r: r[1] - r[0])
        if best[1] < best[0]:
            return None
        return self.token_span(best[0], best[1])

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


def _capitalised(word: str) -> bool:
    first = next((c for c in word if c.isalpha()), "")
    return first.isupper()


def _trim(token: Token) -> bool:
    return token.is_space or (token.is_punct and token.text not in QUOTE_TOKENS)


def _matches(tokens: list[Token], phrase: tuple[str, ...]) -> bool:
    return all(word in (t.lower_, t.lemma_.lower()) for t, word in zip(tokens, phrase, strict=True))


__all__ = ["FoundQuote", "QuoteCoder", "SpeechAct", "align_statements"]
