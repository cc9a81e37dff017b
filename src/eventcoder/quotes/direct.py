"""Direct quotes: the quotations of the raw text (``marks.py``) that are speech, each with its
speech act (``attribution.py``).

Not quotes: quotation marks around names, titles and text on display (``names.py``), and
short quotations inside a sentence that no speech act claims (scare quotes). Quotes nested
inside a quote are part of it. 'Reid described Trump as a "con artist"' also gives the
reported speech "Trump as a "con artist"" (``characterisations``).
"""

from __future__ import annotations

from dataclasses import replace

from eventcoder.quotes.attribution import own_act, paragraph_act
from eventcoder.quotes.context import FoundQuote, QuoteContext, SpeechAct
from eventcoder.quotes.marks import Quotation
from eventcoder.quotes.names import is_title, listed_after, not_speech

SHORT_QUOTE = 4  # words: a quotation this short inside a sentence needs a named speaker


def direct_quotes(ctx: QuoteContext) -> list[FoundQuote]:
    """The quotations that are speech, each with its speech act (one for all the paragraphs
    of a quotation), then the characterisations of naming verbs."""
    candidates: list[Quotation] = []
    named: Quotation | None = None  # the last quotation that was a name or a title
    for q in ctx.top:
        if not_speech(ctx, q) or (named is not None and listed_after(ctx, named, q)):
            named = q  # a sign reading "A" and "B": both on display
        else:
            candidates.append(q)
    acts: dict[int, SpeechAct | None] = {q.open_start: own_act(ctx, q) for q in candidates}
    speech = [q for q in candidates if not is_title(ctx, q, acts[q.open_start])]
    # One speech act for all the paragraphs of a quotation.
    chains: dict[int, list[Quotation]] = {}
    for q in speech:
        chains.setdefault(q.chain, []).append(q)
    for index, q in enumerate(speech):
        parts = chains[q.chain]
        if q is not parts[0]:
            continue
        act = next((acts[p.open_start] for p in parts if acts[p.open_start]), None)
        if act is None and ctx.opens_sentence(q):
            act = paragraph_act(ctx, q, index, speech, acts)
        for part in parts:
            if acts[part.open_start] is None and act is not None:
                rule = act.rule if part is q else f"continued-paragraph>{act.rule}"
                acts[part.open_start] = replace(act, rule=rule)
    found: list[FoundQuote] = []
    for q in speech:
        act = acts[q.open_start]
        if not keep(ctx, q, act):
            continue
        span = content(ctx, q)
        if span is None:
            continue
        start, end = span
        quote = ctx.quote(start, end, "direct", act)
        found.append(FoundQuote(quote, act, act.rule if act else "unattributed"))
    return found + characterisations(ctx, speech, acts)


def characterisations(
    ctx: QuoteContext, speech: list[Quotation], acts: dict[int, SpeechAct | None]
) -> list[FoundQuote]:
    """'Reid described Trump as a "con artist"': the object of a naming verb with the
    quoted words it is given, as reported speech ("Trump as a "con artist"")."""
    spans: dict[int, tuple[int, int, SpeechAct]] = {}
    for q in speech:
        act = acts[q.open_start]
        if act is None or not act.rule.startswith("governs:"):
            continue
        verb = ctx.doc[act.cue]
        if verb.lemma_.lower() not in ctx.cues.naming or not q.closed:
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.idx < q.open_start]
        if not objects or objects[0].left_edge.idx <= verb.idx:
            continue
        start = objects[0].left_edge.idx
        if start >= q.open_start or any(i in ctx.quoted for i in (objects[0].left_edge.i,)):
            continue
        current = spans.get(verb.i)
        end = q.close_end if current is None else max(current[1], q.close_end)
        spans[verb.i] = (start, end, act)
    found: list[FoundQuote] = []
    for start, end, act in spans.values():
        quote = ctx.quote(start, end, "indirect", act)
        found.append(FoundQuote(quote, act, f"characterised>{act.rule}"))
    return found


def keep(ctx: QuoteContext, q: Quotation, act: SpeechAct | None) -> bool:
    """Speech, or a name or scare quote?"""
    if ctx.opens_sentence(q) or not q.closed:
        return True
    if act is None:
        return False  # a short quotation inside a sentence that nobody says: a term
    return act.speaker is not None or ctx.words(q) > SHORT_QUOTE


def content(ctx: QuoteContext, q: Quotation) -> tuple[int, int] | None:
    """The quoted words' characters, trimmed; None for no words or a stage direction."""
    start, end = q.start, q.end
    text = ctx.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    if text[start] == "(" and text[end - 1] in ").":
        return None  # "(CROSSTALK.)": a stage direction
    return start, end
