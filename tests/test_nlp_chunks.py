"""Long texts are parsed in pieces joined into one Doc over the unchanged text; long runs
without whitespace are tokenized in slices."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import pairwise

import pytest

import eventcoder.nlp_chunks as chunks
from eventcoder import Coder
from eventcoder.nlp_chunks import piece_bounds, tokens_or_text
from eventcoder.records import Article, Result
from tests.store.corpus import SAMPLES


def _covers(text: str, bounds: list[tuple[int, int]], limit: int) -> None:
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    for (_, end), (start, _) in pairwise(bounds):
        assert end == start
    assert all(0 < b - a <= limit for a, b in bounds)


def test_pieces_end_at_paragraphs_then_sentences_then_spaces_then_anywhere() -> None:
    para = "One sentence here. Another one follows.\n\n" * 10
    bounds = piece_bounds(para, 100)
    _covers(para, bounds, 100)
    assert all(para[a:b].endswith("\n\n") for a, b in bounds[:-1])
    prose = "One sentence here. Another one follows. " * 10
    bounds = piece_bounds(prose, 100)
    _covers(prose, bounds, 100)
    assert all(prose[a:b].rstrip().endswith(".") for a, b in bounds[:-1])
    words = "word " * 100
    _covers(words, piece_bounds(words, 64), 64)
    assert all(words[a:b].endswith(" ") for a, b in piece_bounds(words, 64)[:-1])
    token = "x" * 250
    assert piece_bounds(token, 100) == [(0, 100), (100, 200), (200, 250)]
    assert piece_bounds("short", 100) == [(0, 5)]


@pytest.fixture
def small_pieces(coder: Coder, monkeypatch: pytest.MonkeyPatch) -> Iterator[Coder]:
    """The session coder with a model limit of 3,000 characters (pieces of at most that)."""
    monkeypatch.setattr(coder.nlp, "max_length", 3_000)
    yield coder


def _long_article() -> str:
    lines = SAMPLES.read_text(encoding="utf-8").splitlines()
    return "\n\n".join(json.loads(line)["text"] for line in lines[:10])


def test_a_text_over_max_length_is_coded_whole_with_offsets_into_the_original(
    small_pieces: Coder,
) -> None:
    text = _long_article()
    assert len(text) > 3 * small_pieces.nlp.max_length
    [found] = small_pieces.code_many_safe([Article("long", text, "2023-07-28")])
    assert isinstance(found, Result)
    assert len(found.events) > 50 and found.quotes and found.places
    for event in found.events:
        assert 0 <= event.start < event.end <= len(text)
        assert event.trigger_start is None or text[event.trigger_start :].startswith(
            event.trigger.split()[0]
        )
    for quote in found.quotes:
        assert text[quote.start : quote.end] == quote.text
    for place in found.places:
        assert text[place.start : place.end].strip()
    for actor in found.actors:
        assert text[actor.start : actor.end] == actor.text
    # Actors resolve across pieces: the whole article has one entity per actor.
    assert found.sentences[-1][1] <= len(text)


@pytest.mark.slow  # codes ten articles twice
def test_pieces_give_the_events_of_the_whole(coder: Coder, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _long_article()
    whole = coder.code(text, date="2023-07-28")
    monkeypatch.setattr(chunks, "PIECE_CHARS", 3_000)
    pieces = coder.code(text, date="2023-07-28")
    spans = {(e.start, e.end, e.cameo) for e in whole.events}
    same = spans & {(e.start, e.end, e.cameo) for e in pieces.events}
    assert len(same) >= 0.95 * len(spans)


def test_a_long_run_is_tokenized_in_slices_and_keeps_the_text(coder: Coder) -> None:
    text = "Soldiers attacked " + "(" * 1_000 + " the town."
    doc = tokens_or_text(coder.nlp, text)
    assert not isinstance(doc, str) and doc.text == text
    assert tokens_or_text(coder.nlp, "A normal sentence, with https://example.org/x.") == (
        "A normal sentence, with https://example.org/x."
    )
    [found] = coder.code_many_safe([Article("run", text * 3)])
    assert isinstance(found, Result)
