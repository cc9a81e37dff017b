"""What the reader does with awkward input before the pipeline: encodings, languages, dates,
unencodable characters, unreadable folders, stdin larger than --max-bytes."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from eventcoder.read import ReaderOptions, ReadError, read_paths, read_stdin
from eventcoder.read.language import SUPPORTED_LANGUAGES, decide, identify, language_name
from eventcoder.read.text_checks import replace_surrogates, sniff_encoding
from eventcoder.records import Article
from tests.bad_inputs.corpus import ARABIC, CHINESE, FRENCH, OTHER, RUSSIAN, SPANISH, STORY


def _read(paths: list[Path], **options: object) -> list[Article | ReadError]:
    return list(read_paths([str(p) for p in paths], ReaderOptions(**options)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]
)
def test_utf16_and_utf32_are_decoded_with_or_without_a_mark(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.encode(codec))
    [article] = _read([path])
    assert isinstance(article, Article) and article.text == STORY


def test_sniffing_leaves_utf8_and_binary_alone() -> None:
    assert sniff_encoding(STORY.encode()) is None
    assert sniff_encoding(b"\x89PNG\r\n\x1a\n" + bytes(range(256))) is None
    assert sniff_encoding(STORY.encode("utf-16-le")) == ("utf-16-le", "UTF-16")


def test_broken_utf16_is_named_not_called_binary(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\xff\xfe" + STORY.encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    [error] = _read([path])
    assert isinstance(error, ReadError)
    assert "UTF-16" in error.problem and "binary" not in error.problem


def test_a_latin1_line_of_jsonl_is_an_encoding_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "a", "text": STORY}).encode()
    bad = json.dumps({"id": "b", "text": "Le café"}, ensure_ascii=False).encode("latin-1")
    path.write_bytes(b"\n".join([good] * 6 + [bad, good.replace(b'"a"', b'"c"')]) + b"\n")
    found = _read([path])
    errors = [f for f in found if isinstance(f, ReadError)]
    assert [str(e) for e in errors] == [
        f"{path}:7: not UTF-8 (latin-1?); re-encode the file as UTF-8"
    ]
    assert [a.id for a in found if isinstance(a, Article)] == ["a"] * 6 + ["c"]


@pytest.mark.parametrize(
    ("text", "code", "name"),
    [
        (CHINESE, "zh", "Chinese"),
        (ARABIC, "ar", "Arabic"),
        (RUSSIAN, "ru", "Russian"),
        (SPANISH, "es", "Spanish"),
    ],
)
def test_other_languages_are_skipped_with_the_language_named(
    text: str, code: str, name: str
) -> None:
    decision = decide(text)
    assert not decision.coded and decision.language == code
    assert decision.problem == f"{name} ({code}), eventcoder codes English and French text"


def test_french_is_coded_as_french() -> None:
    decision = decide(FRENCH)
    assert decision.coded and decision.language == "fr"


def test_the_language_option_takes_every_article_in_that_language(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SPANISH, encoding="utf-8")
    [found] = read_paths([path], ReaderOptions(language="fr"))
    assert isinstance(found, Article) and found.language == "fr"


def test_a_jsonl_language_field_is_used_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        {"id": "a", "text": STORY, "language": "fr"},
        {"id": "b", "text": STORY, "language": "de"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    first, second = read_paths([path], ReaderOptions())
    assert isinstance(first, Article) and first.language == "fr"
    assert isinstance(second, ReadError) and "'de'" in second.problem


def test_english_short_and_unclear_texts_are_coded_as_english() -> None:
    assert decide(STORY).language == "en" and decide(STORY).coded
    for text in ("", "12345", "😀🔥", "x", "NIAMEY, July 28"):
        assert identify(text) is None or decide(text).coded
        assert decide(text).language == "en"
    assert SUPPORTED_LANGUAGES[0] == "en" and language_name("zh") == "Chinese"
    assert language_name("xx") == "xx"


def test_articles_carry_their_language(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "text": OTHER}) + "\n", encoding="utf-8")
    [article] = _read([path])
    assert isinstance(article, Article) and article.language == "en"
    assert article.origin == f"{path}:1"


def test_publication_dates_outside_1800_2200_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dates.jsonl"
    lines = [
        {"id": "old", "text": OTHER, "date": "0001-01-01"},
        {"id": "far", "text": OTHER, "date": "9999-12-31"},
        {"id": "edge", "text": OTHER, "date": "1800-01-01"},
        {"id": "late", "text": OTHER, "date": "2200-12-31"},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    found = _read([path])
    assert [a.id for a in found if isinstance(a, Article)] == ["edge", "late"]
    errors = [e.problem for e in found if isinstance(e, ReadError)]
    assert errors[0] == (
        'article old: "date" 0001-01-01 is outside 1800-01-01..2200-12-31, the dates '
        "eventcoder codes; check the date"
    )


def test_lone_surrogates_are_replaced_one_for_one_with_a_note(tmp_path: Path) -> None:
    assert replace_surrogates("a\ud800b\udfffc") == ("a\ufffdb\ufffdc", 2)
    assert replace_surrogates("plain") == ("plain", 0)
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"id": "s\\ud800", "text": "Soldiers\\udc00 attacked the town.", "title": "\\ud83d"}\n',
        encoding="utf-8",
    )
    [article] = _read([path])
    assert isinstance(article, Article)
    assert article.id == "s\ufffd" and article.text == "Soldiers\ufffd attacked the town."
    assert article.title == "\ufffd"
    assert article.repairs == (
        "3 unencodable character(s) (lone surrogates) replaced by U+FFFD; fix the producer "
        "of this input",
    )
    assert article.text.encode("utf-8")


def test_an_unreadable_subfolder_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "stories"
    (folder / "ok").mkdir(parents=True)
    (folder / "ok" / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "closed").mkdir()
    real_walk = os.walk

    def walk(top: object, onerror: object = None, **kw: object):  # type: ignore[no-untyped-def]
        # What os.walk does for a folder it may not list (as a user without permission).
        for root, dirs, files in real_walk(top, onerror=onerror, **kw):  # type: ignore[call-overload]
            if Path(root).name == "closed":
                onerror(PermissionError(13, "Permission denied", root))  # type: ignore[operator]
                continue
            yield root, dirs, files

    monkeypatch.setattr(os, "walk", walk)
    found = _read([folder])
    assert [a.id for a in found if isinstance(a, Article)] == ["ok/a.txt"]
    [error] = [e for e in found if isinstance(e, ReadError)]
    assert error.where == str(folder / "closed")
    assert error.problem.startswith("cannot read folder (Permission denied)")


def test_stdin_jsonl_larger_than_max_bytes_is_read_line_by_line() -> None:
    lines = [json.dumps({"id": f"a{i}", "text": OTHER}) for i in range(60)]
    data = ("\n".join(lines) + "\n").encode()
    found = list(read_stdin(io.BytesIO(data), ReaderOptions(max_bytes=1_000)))
    assert [a.id for a in found if isinstance(a, Article)] == [f"a{i}" for i in range(60)]
    plain = list(read_stdin(io.BytesIO(b"word " * 400), ReaderOptions(max_bytes=1_000)))
    assert isinstance(plain[0], ReadError) and "larger than" in plain[0].problem


def test_cr_line_ends_become_line_breaks_of_the_same_length(tmp_path: Path) -> None:
    path = tmp_path / "mac.txt"
    path.write_bytes((STORY + "\r\r" + OTHER).encode())
    [article] = _read([path])
    assert isinstance(article, Article) and article.text == STORY + "\n\n" + OTHER
