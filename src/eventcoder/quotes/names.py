"""Quotation marks that hold no speech: names, titles and text on display.

A sign reading "down with Macron", the so-called "junta", his book "Sahel", "MAGA" hats
(``not_speech``, from the ``non_speech`` words of ``quote_cues.tsv``), a list of such names
('"A" and "B"'), and a capitalised title with no speech act of its own ('on NBC's "Meet the
Press"', ``is_title``).
"""

from __future__ import annotations

from spacy.tokens import Token

from eventcoder.lang.en import NAME_DETERMINERS, TITLE_MINOR_WORDS, TITLE_PREPOSITIONS
from eventcoder.quotes.context import QuoteContext, SpeechAct
from eventcoder.quotes.marks import Quotation

TITLE_MAX_WORDS = 8


def not_speech(ctx: QuoteContext, q: Quotation) -> bool:
    """A quotation mark around a name, title or text on display."""
    before = words_before(ctx, ctx.open_token(q), 4)
    after = words_after(ctx, ctx.close_token(q), 3) if q.closed else []
    if before and before[-1].dep_ == "acl" and before[-1].tag_ == "VBN":
        return True  # a book called "...", an operation named "...": a name
    for phrase in ctx.cues.non_speech:
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


def words_before(ctx: QuoteContext, index: int, n: int) -> list[Token]:
    """Up to n word tokens right before a token (a colon may stand between)."""
    words: list[Token] = []
    i = index - 1
    if i >= 0 and ctx.doc[i].text == ":":
        i -= 1
    while i >= 0 and len(words) < n:
        token = ctx.doc[i]
        if token.is_space or "\n" in token.whitespace_:
            break
        if token.text in ("-", "‑"):
            i -= 1
            continue
        if token.is_punct or i in ctx.quoted:
            break
        words.append(token)
        i -= 1
    return list(reversed(words))


def words_after(ctx: QuoteContext, index: int, n: int) -> list[Token]:
    """Up to n word tokens right after a token."""
    words: list[Token] = []
    i = index + 1
    doc = ctx.doc
    while i < len(doc) and len(words) < n:
        token = doc[i]
        if token.is_space or token.is_punct or i in ctx.quoted:
            break
        words.append(token)
        i += 1
    return words


def looks_like_title(ctx: QuoteContext, q: Quotation) -> bool:
    """A short capitalised phrase: "The Art of the Deal", "Face the Nation"."""
    words = [w for w in ctx.text[q.start : q.end].split() if any(c.isalpha() for c in w)]
    if not words or len(words) > TITLE_MAX_WORDS:
        return False
    if not _capitalised(words[0]):
        return False
    if len(words) == 1:
        return not ctx.opens_sentence(q)  # 'his show, "Politicking"'
    return all(_capitalised(w) or w.lower() in TITLE_MINOR_WORDS for w in words)


def is_title(ctx: QuoteContext, q: Quotation, act: SpeechAct | None) -> bool:
    """A capitalised title that no speech verb claims directly, or that follows a
    possessive or a preposition of place ('on NBC's "Meet the Press"', 'in "The
    Federalist"')."""
    if not looks_like_title(ctx, q):
        return False
    return act is None or not act.close or after_owner_or_place(ctx, q)


def after_owner_or_place(ctx: QuoteContext, q: Quotation) -> bool:
    """Right after a possessive or a preposition of place: 'NBC's "Meet the Press"'."""
    i = ctx.open_token(q) - 1
    if i < 0 or i in ctx.quoted:
        return False
    token = ctx.doc[i]
    return token.tag_ == "POS" or (token.tag_ == "IN" and token.lower_ in TITLE_PREPOSITIONS)


def listed_after(ctx: QuoteContext, named: Quotation, q: Quotation) -> bool:
    """Is q listed right after a quotation that is a name ('"A" and "B"', '"A", "B"')?"""
    if named.paragraph != q.paragraph or not named.closed or named.close_end > q.open_start:
        return False
    between = ctx.text[named.close_end : q.open_start].replace(",", " ").split()
    return [w.lower() for w in between] in ([], ["and"], ["or"])


def _capitalised(word: str) -> bool:
    first = next((c for c in word if c.isalpha()), "")
    return first.isupper()


def _matches(tokens: list[Token], phrase: tuple[str, ...]) -> bool:
    return all(word in (t.lower_, t.lemma_.lower()) for t, word in zip(tokens, phrase, strict=True))
