"""WARC files: the HTML pages of response records become articles, the rest is passed over,
pages that are not English articles are counted in one line, a cut-off file is one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.read import ReaderOptions, ReadError
from eventcoder.read.inputs import read_inputs
from eventcoder.read.warc import is_warc, read_warc
from eventcoder.records import Article
from tests.local_site import PAGES, UNDATED, expected_pages
from tests.read.warc_files import write_warc

# Spanish: a language eventcoder does not code (French is coded since issue 16).
SPANISH = (
    "<html><body><article><p>Soldados de la guardia presidencial de Níger detuvieron el "
    "miércoles al presidente Mohamed Bazoum en su residencia de Niamey y anunciaron en la "
    "televisión nacional la suspensión de la constitución.</p><p>La CEDEAO exigió su "
    "liberación inmediata y amenazó a la junta con sanciones.</p></article></body></html>"
)
SECTION_FRONT = (
    b"<html><body><nav><a href='/a'>World</a> <a href='/b'>Sport</a></nav></body></html>"
)


def _pages() -> list[tuple[str, bytes]]:
    return [(f"http://news.example/{p.name}", p.read_bytes()) for p in sorted(PAGES.glob("*.html"))]


@pytest.mark.parametrize("suffix", [".warc.gz", ".warc"])
def test_html_responses_become_articles(tmp_path: Path, suffix: str) -> None:
    pages = [
        *_pages(),
        ("http://news.example/undated", UNDATED.encode()),
        ("http://news.example/es", SPANISH.encode()),
        ("http://news.example/front", SECTION_FRONT),
    ]
    path = write_warc(tmp_path / f"crawl{suffix}", pages)
    items = list(read_warc(path, ReaderOptions()))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, ReadError)]
    expected = expected_pages()
    assert [a.id for a in articles] == [u for u, _ in pages[:13]]
    for article in articles[:12]:
        want = expected[article.id.rsplit("/", 1)[1]]
        assert (article.title, article.date) == (want["title"], want["date"])
        assert article.outlet == (want["outlet"] or "news.example")
    # A page with no date of its own takes the day it was captured.
    assert articles[12].date == "2023-11-08"
    assert len(errors) == 1 and errors[0].where == str(path)
    assert errors[0].problem == (
        "2 HTML page(s) left out: 1 in languages eventcoder does not code (Spanish (es) 1); "
        "1 with no article text (not articles?)"
    )
    assert is_warc(str(path)) and not is_warc("a.txt")


def test_the_date_option_comes_before_the_capture_day(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "c.warc.gz", [("http://x/u", UNDATED.encode())], extra=False)
    (article,) = read_warc(path, ReaderOptions(default_date="2023-01-02"))
    assert isinstance(article, Article) and article.date == "2023-01-02"


def test_a_cut_off_warc_keeps_what_came_before(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "whole.warc.gz", _pages(), extra=False)
    data = path.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    items = list(read_inputs([str(cut)], ReaderOptions()))
    assert items and isinstance(items[0], Article)
    assert isinstance(items[-1], ReadError) and items[-1].where == str(cut)
    assert "the file is cut short" in items[-1].problem
    assert 0 < sum(isinstance(i, Article) for i in items) < 12


def test_a_file_that_is_not_a_warc_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"this is not a web archive at all\n" * 10)
    items = list(read_inputs([str(bad), str(tmp_path / "none.warc")], ReaderOptions()))
    assert all(isinstance(i, ReadError) for i in items) and len(items) == 2
    assert items[0].where == str(bad)
    assert items[1].where == str(tmp_path / "none.warc")
