"""Quotation-mark pairing over raw text: which marks open, close, nest or are apostrophes."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.datafiles import DataError
from eventcoder.quotes import QuoteCues, find_quotations

ELISIONS = QuoteCues.load().elisions


def quoted(text: str, top_only: bool = True) -> list[str]:
    return [
        text[q.start : q.end]
        for q in find_quotations(text, ELISIONS)
        if q.depth == 0 or not top_only
    ]


def test_straight_and_curly_marks() -> None:
    assert quoted('"There is a way out," she said.') == ["There is a way out,"]
    assert quoted("“There is a way out,” she said.") == ["There is a way out,"]
    assert quoted("« Non », a-t-il dit.") == [" Non "]


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "Niger's junta doesn't care about the protesters' demands in the '90s, it’s said."
    assert quoted(text) == []


def test_single_quotes_inside_a_sentence() -> None:
    text = "Niger's president is in 'good health', his party said. They don't know."
    assert quoted(text) == ["good health"]
    assert quoted("He is in ‘good health’, they said.") == ["good health"]


def test_nested_quotes_belong_to_the_outer_quote() -> None:
    text = "“He told me: ‘You will be thrown out,’ and left,” she said."
    assert quoted(text) == ["He told me: ‘You will be thrown out,’ and left,"]
    assert quoted(text, top_only=False)[1] == "You will be thrown out,"


def test_typewriter_double_apostrophes() -> None:
    text = "''I don't judge what people spend money on,'' he said."
    assert quoted(text) == ["I don't judge what people spend money on,"]


def test_a_quote_continued_over_paragraphs() -> None:
    text = '"The first paragraph of the quote.\n\n"The second one," he said.'
    found = find_quotations(text, ELISIONS)
    assert [text[q.start : q.end] for q in found] == [
        "The first paragraph of the quote.",
        "The second one,",
    ]
    assert found[0].chain == found[1].chain
    assert not found[0].closed and found[1].closed


def test_an_unclosed_quote_ends_with_its_paragraph() -> None:
    text = '"An unclosed quote\n\nA paragraph of narration.'
    found = find_quotations(text, ELISIONS)
    assert [text[q.start : q.end] for q in found] == ["An unclosed quote"]


def test_continuation_needs_the_same_kind_of_mark() -> None:
    text = '"A straight quote left open\n\n“A curly one,” she said.'
    found = find_quotations(text, ELISIONS)
    assert len(found) == 2
    assert found[0].chain != found[1].chain


def test_curly_marks_typed_the_wrong_way_round() -> None:
    assert quoted("”Fear. I am truly afraid,” she said.") == ["Fear. I am truly afraid,"]


def test_a_malformed_cue_line_names_its_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "speech_verbs.tsv").write_text("say\n")
    (tmp_path / "quote_cues.tsv").write_text("# cues\nverb\tcontinue\nspeech\tsay\n")
    with pytest.raises(DataError, match=r"quote_cues.tsv:3: kind must be one of"):
        QuoteCues.load(tmp_path)
    (tmp_path / "quote_cues.tsv").write_text("according\taccording\n")
    with pytest.raises(DataError, match=r"quote_cues.tsv:1: an 'according' cue ends"):
        QuoteCues.load(tmp_path)


def test_cues_load_from_the_data_files() -> None:
    cues = QuoteCues.load()
    assert "say" in cues.speech_verbs and "continue" in cues.quote_verbs
    assert ("according", "to") in cues.according
    assert ("so", "called") in cues.non_speech
