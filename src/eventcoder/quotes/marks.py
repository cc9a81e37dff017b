"""Quotation marks over the raw text: which marks open, which close, and what they enclose.

Pure text in, spans out; no parse needed. The rules, in order:

* Marks: double ``"`` ``“`` ``”`` ``«`` ``»``, the typewriter pairs ``''`` and ````` (some
  wires write ``''Yes,'' he said``), and single ``'`` ``‘`` ``’``.
* A mark can open when it stands before a word (start of text, space or opening punctuation
  before it, a non-space after it), and can close when it stands after a word. Curly marks say
  which they are; a straight mark that could do both (``word"word``) is neither.
* A single mark between two letters or digits is an apostrophe (``Niger's``, ``don't``); one
  before digits (``'90s``) or before a listed elision (``'em``) too; one after a word with no
  single quotation open is a possessive (``the protesters' demands``).
* Marks pair with a stack, so quotes nest ("He said: 'no'"). Only double marks are tried
  against each other across a closing double; unclosed single marks inside were apostrophes.
* Curly marks typed the wrong way round ("”Fear." at the start of a paragraph) are read by
  their position.
* Paragraphs (lines) bound quotations. A double quotation still open at the end of a paragraph
  continues when the next paragraph opens with the same kind of mark (news convention: every
  paragraph of a long quotation opens with a mark, only the last one closes); otherwise it
  ends with its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKS = re.compile(r"''|``|[\"“”«»‘’']")
DOUBLE_OPEN = frozenset({"“", "«", "``"})
DOUBLE_CLOSE = frozenset({"”", "»"})
DOUBLE_EITHER = frozenset({'"', "''"})
SINGLE_OPEN = frozenset({"‘"})
SINGLE_EITHER = frozenset({"'", "’"})
# Characters after which a mark may open, and before which it may close (besides spaces).
OPENING_CONTEXT = frozenset("([{—–-/:;,")
CLOSING_CONTEXT = frozenset(".,;:!?)]}—–-/…")
QUOTE_CHARS = frozenset("\"“”«»‘’'`")
PARAGRAPH = re.compile(r"[^\r\n]+")


@dataclass(frozen=True, slots=True)
class Quotation:
    """Text between an opening and a closing quotation mark (or the end of its paragraph)."""

    open_start: int  # the opening mark
    start: int  # first character inside the marks
    end: int  # end of the content (the closing mark starts here, if closed)
    close_end: int  # end of the closing mark, or == end when unclosed
    double: bool
    depth: int  # 0 = top level; 1 = inside another quotation ...
    paragraph: int
    chain: int  # quotations of one multi-paragraph quote share a chain id
    closed: bool


@dataclass(slots=True)
class _Open:
    pos: int
    length: int
    double: bool
    chain: int
    mark: str = '"'


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line."""
    return [(m.start(), m.end()) for m in PARAGRAPH.finditer(text) if m.group().strip()]


def find_quotations(text: str, elisions: frozenset[str] = frozenset()) -> list[Quotation]:
    """Every quotation of the text, in order of its opening mark."""
    found: list[Quotation] = []
    paras = paragraphs(text)
    carried: _Open | None = None  # a double quotation that continues into the next paragraph
    chains = 0
    for index, (p_start, p_end) in enumerate(paras):
        stack: list[_Open] = []
        segment = text[p_start:p_end]
        marks = [(m.start() + p_start, m.group()) for m in MARKS.finditer(segment)]
        if carried is not None:
            first = marks[0] if marks else None
            if (
                first is not None
                and not text[p_start : first[0]].strip()
                and _role(text, first[0], first[1], elisions) in ("open", "either")
                and _family(first[1]) == _family(carried.mark)
            ):
                stack.append(_Open(first[0], len(first[1]), True, carried.chain, first[1]))
                marks = marks[1:]
            carried = None
        for pos, mark in marks:
            role = _role(text, pos, mark, elisions)
            if role == "none":
                continue
            double = mark not in SINGLE_EITHER | SINGLE_OPEN
            if double:
                has_open = any(o.double for o in stack)
                closes = role == "close" or (role == "either" and has_open)
                if closes and has_open:
                    while not stack[-1].double:
                        stack.pop()  # single marks left open inside were apostrophes
                    opened = stack.pop()
                    found.append(_quotation(opened, pos, len(mark), stack, index, closed=True))
                elif role in ("open", "either") and not closes:
                    chains += 1
                    stack.append(_Open(pos, len(mark), True, chains, mark))
                continue
            if role in ("close", "either") and stack and not stack[-1].double:
                opened = stack.pop()
                if pos > opened.pos + opened.length:
                    found.append(_quotation(opened, pos, len(mark), stack, index, closed=True))
            elif role == "open":
                chains += 1
                stack.append(_Open(pos, len(mark), False, chains))
        # Unclosed at the end of the paragraph: the outermost double quotation runs to the
        # paragraph end; it continues if the next paragraph opens with a mark.
        bottom = next((o for o in stack if o.double), None)
        if bottom is not None:
            depth = stack.index(bottom)
            end = p_start + len(segment.rstrip())
            if end > bottom.pos + bottom.length:
                found.append(
                    Quotation(
                        bottom.pos,
                        bottom.pos + bottom.length,
                        end,
                        end,
                        True,
                        depth,
                        index,
                        bottom.chain,
                        closed=False,
                    )
                )
            if depth == 0:
                carried = bottom
    found.sort(key=lambda q: q.open_start)
    return found


def _family(mark: str) -> str:
    """Continuation marks match the opening one: a straight quote is not continued by a
    curly one (that is a new quotation)."""
    return {
        "“": "curly",
        "”": "curly",
        "«": "guillemet",
        "''": "typewriter",
        "``": "typewriter",
    }.get(mark, "straight")


def _quotation(
    opened: _Open, close: int, close_len: int, stack: list[_Open], paragraph: int, closed: bool
) -> Quotation:
    return Quotation(
        opened.pos,
        opened.pos + opened.length,
        close,
        close + close_len,
        opened.double,
        len(stack),
        paragraph,
        opened.chain,
        closed,
    )


def _role(text: str, pos: int, mark: str, elisions: frozenset[str]) -> str:
    """'open', 'close', 'either' (a straight mark between spaces) or 'none' (apostrophe)."""
    before = text[pos - 1] if pos > 0 else " "
    after_pos = pos + len(mark)
    after = text[after_pos] if after_pos < len(text) else " "
    can_open = not after.isspace() and (
        before.isspace() or before in OPENING_CONTEXT or before in QUOTE_CHARS
    )
    can_close = not before.isspace() and (
        after.isspace() or after in CLOSING_CONTEXT or after in QUOTE_CHARS
    )
    if mark in DOUBLE_OPEN:
        if mark == "“" and can_close and not can_open:
            return "close"  # 'False.“' typed for ”
        return "open"
    if mark in DOUBLE_CLOSE:
        if mark == "”" and can_open and not can_close:
            return "open"  # '”Fear.' typed for “
        return "close"
    if mark in DOUBLE_EITHER:
        if before.isdigit() and mark == '"' and not can_open:
            return "none"  # 5'10" (inches)
        if can_open and not can_close:
            return "open"
        if can_close and not can_open:
            return "close"
        if not can_open and not can_close and before.isspace() and after.isspace():
            return "either"
        if can_open and can_close:
            return "either"  # '" "' glued to other quote marks
        return "none"
    # Single marks.
    if before.isalnum() and after.isalnum():
        return "none"  # Niger's, don't, it’s
    if can_open and not can_close:
        if mark == "’":
            return "none"  # ’90s, ’em: a right single mark does not open
        word = re.match(r"[A-Za-z0-9]+", text[after_pos : after_pos + 12])
        if word is not None and (word.group()[0].isdigit() or word.group().lower() in elisions):
            return "none"
        return "open"
    if can_close and not can_open:
        return "close"
    if mark == "‘" and can_open:
        return "open"
    return "none"
