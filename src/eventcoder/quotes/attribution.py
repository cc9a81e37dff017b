"""Which speech act a direct quotation belongs to, in this order:

1. its own sentence: the speech verb that governs the quoted words in the parse ("said",
   "told", and the quote verbs of ``quote_cues.tsv``: "called him a 'liar'"); else the nearest
   speech verb before the opening mark or after the closing one, outside quotation marks
   (``"...," she said``, ``said Colonna``, ``adding that the president was in 'good health'``),
   a quote verb right next to it (``he asked``, ``Caddell continued:``), ``according to X``,
   a dash and a name closing the paragraph (``"..." ― Jorge Falcon``), or the verb of a clause
   ending in a colon right before the quote (``own_act``);
2. for a quote that opens its sentence and has none of these: the sentence before it in the
   same paragraph (a quote it continues, or "..., Schiff said." before it), an earlier quote
   of the paragraph, the next attributed quote of the paragraph (a paragraph attributed at its
   end), or a colon ending the previous paragraph ("Caddell continued:") (``paragraph_act``).

A quotation continued over several paragraphs keeps one speech act for all its parts
(``direct.py``).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from eventcoder.events import syntax
from eventcoder.lang.en import SUBJECT_SIDE_DEPS
from eventcoder.quotes.context import SENTENCE_END, QuoteContext, SpeechAct
from eventcoder.quotes.marks import Quotation
from eventcoder.quotes.speakers import according_object, actor_at, speaker, speech_act

DASHES = frozenset({"―", "—", "–", "-", "--"})
ADJACENT = 4  # a quote verb must be this close to the mark ('," he asked')
DASH_NAME = 8  # tokens: "― Jorge Falcon" closing a paragraph
# Quotations looked at on each side of a quote within its paragraph (no news paragraph holds
# nearly so many; a text of nothing but quotation marks made this quadratic).
PARAGRAPH_SCAN = 50


def own_act(ctx: QuoteContext, q: Quotation) -> SpeechAct | None:
    """The speech act in the quotation's own sentence."""
    open_tok = ctx.open_token(q)
    candidates: list[tuple[int, Token, str]] = []
    pre = ctx.window(open_tok, -1)
    for distance, token in enumerate(reversed(pre), start=1):
        kind = cue_kind(ctx, token, distance, before=True)
        if kind is not None:
            candidates.append((distance, token, kind))
            break
    post: list[Token] = []
    if q.closed:
        post = ctx.window(ctx.close_token(q), +1)
        ends_sentence = ctx.text[q.start : q.end].rstrip()[-1:] in SENTENCE_END
        for distance, token in enumerate(post, start=1):
            attribution = attribution_clause(token, post)
            if ends_sentence and distance > ADJACENT and not attribution:
                break  # '"We won." He said it twice': a new sentence
            kind = cue_kind(ctx, token, 1 if attribution else distance, before=False)
            if kind is not None:
                candidates.append((1 if attribution else distance, token, kind))
                break
    nearest = min(candidates, key=lambda c: c[0]) if candidates else None
    governor = governing_verb(ctx, q)
    if governor is not None:
        verb, direct = governor
        far = min(abs(verb.i - open_tok), abs(verb.i - ctx.close_token(q)))
        if nearest is None or nearest[1].i == verb.i or nearest[0] > min(far, ADJACENT):
            return replace(speech_act(ctx, verb, "governs"), close=direct)
    if nearest is not None:
        distance, token, kind = nearest
        return replace(speech_act(ctx, token, kind), close=distance <= ADJACENT)
    dash = dash_name(ctx, q, post)
    if dash is not None:
        return dash
    colon = colon_verb(pre)
    if colon is not None:
        return speech_act(ctx, colon, "colon")
    return None


# UD labels of the words before an inverted speech verb: "a" (aux:tense), "-t", "-il".
INVERSION_DEPS = frozenset({"aux:tense", "aux:pass", "expl:subj"})


def attribution_clause(token: Token, post: list[Token]) -> bool:
    """'"...?" a narrator in the Clinton ad asks': a verb right after a quotation whose
    subject starts at the closing mark (or that comes first: '," said Caddell')."""
    # French inversion: "», a-t-il déclaré" (the auxiliary and the clitics come first).
    words = [t for t in post if not t.is_punct and t.dep_ not in INVERSION_DEPS]
    if not words or token.pos_ != "VERB":
        return False
    if words[0].i == token.i:
        return True
    return any(s.left_edge.i == words[0].i for s in syntax.subjects(token))


def governing_verb(ctx: QuoteContext, q: Quotation) -> tuple[Token, bool] | None:
    """A speech or quote verb that the quoted words hang from ('called him a "liar"'),
    and whether they hang from it directly (not through a preposition: 'said on "Face
    the Nation"'). Quoted words inside the verb's subject are not what it says."""
    first, last = ctx.open_token(q), ctx.close_token(q)
    doc = ctx.doc
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
            if head.pos_ == "VERB" and head.i not in ctx.quoted:
                lemma = head.lemma_.lower()
                if lemma in ctx.cues.speech_verbs or lemma in ctx.cues.quote_verbs:
                    return head, direct
                return None
            token = head
        return None
    return None


def cue_kind(ctx: QuoteContext, token: Token, distance: int, before: bool) -> str | None:
    """The kind of attribution a token makes for a quotation ``distance`` tokens away
    (before or after it): a speech verb, a quote verb close enough, "according to"."""
    lemma = token.lemma_.lower()
    if token.pos_ in ("VERB", "AUX"):
        if lemma in ctx.cues.speech_verbs:
            return "verb"
        if lemma in ctx.cues.quote_verbs and distance <= (ADJACENT - 1 if before else ADJACENT):
            return "quote-verb"
    if according_object(ctx, token) is not None:
        return "according"
    return None


def dash_name(ctx: QuoteContext, q: Quotation, post: list[Token]) -> SpeechAct | None:
    """'"..." ― Jorge Falcon' closing a paragraph: the name signs the quote."""
    if not post or post[0].text not in DASHES or len(post) > DASH_NAME:
        return None
    last = post[-1].i + 1
    rest = ctx.doc[last : last + 2]
    if any(not (t.is_space or t.is_punct) for t in rest if "\n" not in t.text):
        return None
    names = [t for t in post[1:] if t.pos_ == "PROPN"]
    if not names:
        return None
    head = next((t for t in names if t.i in ctx.actors.by_head), names[-1])
    return SpeechAct(post[0].i, actor_at(ctx, head), "dash")


def colon_verb(pre: list[Token]) -> Token | None:
    """'Trump responded on Twitter: "..."': the verb of a clause that ends in a colon."""
    if not pre or pre[-1].text != ":":
        return None
    for token in reversed(pre):
        if token.pos_ == "VERB" and syntax.subjects(token):
            return token
    return None


def paragraph_act(
    ctx: QuoteContext,
    q: Quotation,
    index: int,
    speech: list[Quotation],
    acts: dict[int, SpeechAct | None],
) -> SpeechAct | None:
    """A speech act elsewhere in the paragraph, for a quote that opens its sentence."""
    para = q.paragraph
    sentence = ctx.sentence_of(q.open_start)
    near = max(0, index - PARAGRAPH_SCAN)  # quotations are in text order
    earlier = [o for o in speech[near:index] if o.paragraph == para]
    if sentence > 0:
        before = ctx.sentence(sentence - 1)
        if ctx.paragraph_index(before.start_char) == para:
            for other in reversed(earlier):
                act = acts.get(other.open_start)
                if act is not None and act.speaker and before.start_char <= other.open_start:
                    return replace(act, rule=f"continues>{act.rule}")
            verb = last_speech_verb(ctx, before)
            if verb is not None:
                return speech_act(ctx, verb, "previous-sentence")
    for other in reversed(earlier):
        act = acts.get(other.open_start)
        if act is not None and act.speaker and "previous-paragraph" not in act.rule:
            return replace(act, rule=f"continues>{act.rule}")
    for other in speech[index + 1 : index + 1 + PARAGRAPH_SCAN]:
        if other.paragraph != para:
            break
        act = acts.get(other.open_start)
        if act is not None and act.speaker:
            return replace(act, rule=f"paragraph-end>{act.rule}")
    if para > 0 and not ctx.text[ctx.paragraphs[para][0] : q.open_start].strip():
        p_start, p_end = ctx.paragraphs[para - 1]
        previous = [o for o in speech[near:index] if o.paragraph == para - 1]
        if previous:
            act = acts.get(previous[-1].open_start)
            if (
                act is not None
                and act.speaker
                and ">" not in act.rule  # attributed in its own sentence
                and not act.rule.startswith("dash")  # '"..." ― Name' lists sign each one
                and ends_paragraph(ctx, previous[-1])
            ):
                # '"...," he said.' then a paragraph that is only a quote: still him.
                return replace(act, rule=f"previous-paragraph>{act.rule}")
        if ctx.text[p_start:p_end].rstrip().endswith(":"):
            last = ctx.token_at(p_start + len(ctx.text[p_start:p_end].rstrip()) - 1)
            pre = ctx.window(last + 1, -1)
            for distance, token in enumerate(reversed(pre), start=1):
                if cue_kind(ctx, token, distance, before=True) is not None:
                    return speech_act(ctx, token, "colon-paragraph")
            verb = colon_verb(pre)
            if verb is not None:
                return speech_act(ctx, verb, "colon-paragraph")
    return None


def ends_paragraph(ctx: QuoteContext, q: Quotation) -> bool:
    """Does the quotation end its paragraph, but for its attribution ('," he said.')?"""
    if not q.closed:
        return True
    post = ctx.window(ctx.close_token(q), +1)
    p_end = ctx.paragraphs[q.paragraph][1]
    last = post[-1].idx + len(post[-1].text) if post else q.close_end
    return not ctx.text[last:p_end].strip(" .\u00a0")


def last_speech_verb(ctx: QuoteContext, sent: Span) -> Token | None:
    """'..., Schiff said.': the last speech verb of a sentence that has a speaker."""
    for token in reversed(sent):
        if (
            token.pos_ == "VERB"
            and token.i not in ctx.quoted
            and token.lemma_.lower() in ctx.cues.speech_verbs
            and speaker(ctx, token) is not None
        ):
            return token
    return None
