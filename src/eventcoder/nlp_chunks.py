"""Parsing texts of any length: a long text is parsed in pieces and joined into one Doc.

spaCy refuses a text longer than the pipeline's ``max_length`` (E088), and its memory grows
with the length of what it parses at once. A text longer than ``PIECE_CHARS`` (or than
``max_length``, if smaller) is cut into pieces at the last paragraph break before the limit,
else the last sentence end, else the last whitespace, else at the limit itself; the pieces are
parsed one at a time and joined with ``Doc.from_docs`` into ONE Doc over the unchanged text,
so the stages see the whole article (actors, dates and quotes resolve across pieces) and every
character offset indexes the original text. Texts under the limit (every ordinary article) are
parsed as before, batched through ``nlp.pipe``.

Runs of text without whitespace longer than ``LONG_RUN`` characters ("((((...", a pasted
blob) are tokenized in slices of ``RUN_SLICE`` characters: spaCy's tokenizer strips affixes
one character at a time and searches the rest of the run each time, so its cost grows with the
square of a run's length (20,000 "(" took 90 s). Ordinary text, with no such run (the longest
in the evaluation sets is 87 characters), is tokenized as before.

``parse_batch`` also isolates failures: when spaCy raises on a batch, each text is parsed
alone, so one text that cannot be parsed costs only itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

PIECE_CHARS = 100_000  # the longest text parsed at once (news articles are < 40,000)
LONG_RUN = 200  # characters without whitespace beyond which a run is tokenized in slices
RUN_SLICE = 100
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN + 1},}}")

# Cut points, best first: after a blank line, after a line break, after a sentence end, after
# any whitespace. Each pattern matches the whitespace that ends the piece.
_CUTS = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def piece_limit(nlp: Language) -> int:
    return max(1, min(PIECE_CHARS, nlp.max_length))


def piece_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of at most ``limit`` characters covering ``text``."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _cut(text: str, start: int, stop: int) -> int:
    """The end of the piece that starts at ``start`` and must end by ``stop``: the end of the
    last cut of the best kind within the second half of the window, else a hard cut."""
    floor = start + (stop - start) // 2  # do not make pieces much shorter than the limit
    for pattern in _CUTS:
        last = None
        for match in pattern.finditer(text, floor, stop):
            last = match
        if last is not None and last.end() > start:
            return last.end()
    return stop


def tokens_or_text(nlp: Language, text: str) -> str | Doc:
    """The text itself (spaCy tokenizes it), or, when it holds a run longer than
    ``LONG_RUN``, its tokens with each long run tokenized in slices of ``RUN_SLICE``."""
    runs = [(m.start(), m.end()) for m in _LONG_RUN.finditer(text)]
    if not runs:
        return text
    spans: list[tuple[int, int]] = []
    done = 0
    for start, end in runs:
        if start > done:
            spans.append((done, start))
        spans.extend((i, min(i + RUN_SLICE, end)) for i in range(start, end, RUN_SLICE))
        done = end
    if done < len(text):
        spans.append((done, len(text)))
    docs = [nlp.make_doc(text[a:b]) for a, b in spans]
    return Doc.from_docs(docs, ensure_whitespace=False)  # type: ignore[no-any-return]


def parse(nlp: Language, text: str) -> Doc:
    """The Doc of one text, in pieces when it is long."""
    limit = piece_limit(nlp)
    if len(text) <= limit:
        return nlp(tokens_or_text(nlp, text))
    return _join([nlp(tokens_or_text(nlp, text[a:b])) for a, b in piece_bounds(text, limit)])


def _join(docs: list[Doc]) -> Doc:
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["user_data"])  # type: ignore[call-arg]
    # The layout component's dateline is found at the start of the text: the first piece's.
    dateline = docs[0].user_data.get("dateline")
    if dateline is not None:
        doc.user_data["dateline"] = dateline
    return doc


def parse_batch(nlp: Language, texts: Sequence[str], batch_size: int) -> list[Doc | Exception]:
    """The Doc of each text, in order, or the exception that parsing it raised.

    Texts under the piece limit go through ``nlp.pipe`` together (as one batch of
    ``batch_size``: the same batches spaCy would make); longer ones are parsed in pieces."""
    limit = piece_limit(nlp)
    found: list[Doc | Exception | None] = [None] * len(texts)
    short = [i for i, text in enumerate(texts) if isinstance(text, str) and len(text) <= limit]
    try:
        docs = nlp.pipe([tokens_or_text(nlp, texts[i]) for i in short], batch_size=batch_size)
        for i, doc in zip(short, docs, strict=True):
            found[i] = doc
    except Exception:
        pass  # one text broke the batch: the ones not parsed yet are parsed alone, below
    parsed: list[Doc | Exception] = []
    for done, text in zip(found, texts, strict=True):
        parsed.append(done if done is not None else _parse_or_error(nlp, text))
    return parsed


def _parse_or_error(nlp: Language, text: str) -> Doc | Exception:
    try:
        return parse(nlp, text)
    except Exception as exc:
        return exc
