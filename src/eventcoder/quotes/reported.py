"""Reported speech: the ``ccomp`` clause of a speech verb (``said that ...``, ``told AFP the
junta would ...``), the clause around a parenthetical speech verb ("The test, North Korea
said, was its biggest"), or the clause an ``according to X`` phrase modifies; the content span
is the clause, widened to take in a quotation it opens or closes.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventcoder.lang.en import REPORTED_CLAUSE_POS, SUBJECT_SIDE_DEPS
from eventcoder.quotes.context import FoundQuote, QuoteContext, SpeechAct
from eventcoder.quotes.speakers import according_object, speech_act


def reported_speech(ctx: QuoteContext) -> list[FoundQuote]:
    """The reported speech of the article, once per clause, in the order of the cues."""
    found: list[FoundQuote] = []
    seen: set[tuple[int, int]] = set()
    doc = ctx.doc
    for i in ctx.reporting:
        if i in ctx.quoted:
            continue
        token = doc[i]
        for span, act in reported_clauses(ctx, token, ctx.sentence(ctx.sentence_of(token.idx))):
            if span in seen:
                continue
            seen.add(span)
            start, end = span
            quote = ctx.quote(start, end, "indirect", act)
            found.append(FoundQuote(quote, act, act.rule))
    return found


def reported_clauses(
    ctx: QuoteContext, token: Token, sent: Span
) -> list[tuple[tuple[int, int], SpeechAct]]:
    """(character span, speech act) of each clause a cue token reports."""
    if according_object(ctx, token) is not None:
        clause = token.head if token.head.pos_ in ("VERB", "AUX") else sent.root
        if clause.i in ctx.quoted:
            return []
        span = clause_without(ctx, clause, token)
        if span is None:
            return []
        return [(span, speech_act(ctx, token, "according"))]
    if token.pos_ != "VERB" or token.lemma_.lower() not in ctx.cues.speech_verbs:
        return []
    results: list[tuple[tuple[int, int], SpeechAct]] = []
    for child in token.children:
        if child.pos_ not in REPORTED_CLAUSE_POS:
            continue
        if child.dep_ != "ccomp" and not (
            child.dep_ == "advcl" and child.left_edge.lower_ == "that" and child.i > token.i
        ):
            continue  # "tweeted that Machado was ..." is sometimes parsed as an advcl
        if child.left_edge.i in ctx.quoted:
            continue  # the quoted words of a direct quote
        span = ctx.token_span(child.left_edge.i, child.right_edge.i)
        if span is not None:
            results.append((span, speech_act(ctx, token, "reported")))
    head = token.head
    if (
        token.dep_ == "parataxis"
        and head.pos_ in REPORTED_CLAUSE_POS
        and head.i not in ctx.quoted
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
            if last - first < 1 or any(i in ctx.quoted for i in (first, last)):
                continue
            if not any(first <= i <= last for i in anchors):
                continue  # "And perhaps, he said, ...": a piece without subject or verb
            span = ctx.token_span(first, last)
            if span is not None:
                results.append((span, speech_act(ctx, token, "reported-around")))
    return results


def clause_without(ctx: QuoteContext, clause: Token, cue: Token) -> tuple[int, int] | None:
    """The clause an 'according to X' phrase modifies, the phrase left out."""
    phrase_start = cue.i
    phrase_end = max(cue.right_edge.i, cue.i + 1)
    left = (clause.left_edge.i, phrase_start - 1)
    right = (phrase_end + 1, clause.right_edge.i)
    best = max((left, right), key=lambda r: r[1] - r[0])
    if best[1] < best[0]:
        return None
    return ctx.token_span(best[0], best[1])
