"""Pages by URL against a local site (tests/local_site.py): extraction per layout, robots.txt,
the rate limit, and every way a fetch fails, each one line naming the URL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventcoder.read import ReaderOptions, ReadError
from eventcoder.read.inputs import read_inputs
from eventcoder.read.web import Fetcher, FetchOptions, canonical_url, read_url
from eventcoder.records import Article
from tests.local_site import LocalSite, expected_pages

FAST = FetchOptions(min_interval=0.0, timeout=5.0)
OPTIONS = ReaderOptions()


@pytest.fixture(scope="module")
def site() -> Iterator[LocalSite]:
    with LocalSite(slow_seconds=3.0) as running:
        yield running


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(FAST) as opened:
        yield opened


def _read(fetcher: Fetcher, url: str) -> Article | ReadError:
    return read_url(fetcher, url, OPTIONS)


@pytest.mark.parametrize("name", sorted(expected_pages()))
def test_each_layout_gives_title_date_outlet_and_only_the_story(
    site: LocalSite, fetcher: Fetcher, name: str
) -> None:
    want = expected_pages()[name]
    found = _read(fetcher, site.page_url(name))
    assert isinstance(found, Article), found
    assert found.title == want["title"]
    assert found.date == want["date"]
    assert found.outlet == (want["outlet"] or "127.0.0.1")
    assert found.url == site.page_url(name) and found.id == site.page_url(name)
    assert found.language == "en"
    text = " ".join(found.text.split())
    for phrase in want["body"]:
        assert phrase in text, f"{name}: story text lost: {phrase!r}"
    for phrase in want["absent"]:
        assert phrase not in text, f"{name}: boilerplate kept: {phrase!r}"
    assert "\n\n" in found.text  # paragraphs kept apart, as wire copy


def test_the_user_agent_names_eventcoder(site: LocalSite, fetcher: Fetcher) -> None:
    _read(fetcher, site.page_url("01-article-tag.html"))
    agents = {r.headers.get("user-agent", "") for r in site.requests}
    assert agents and all(agent.startswith("eventcoder/") for agent in agents)


def test_robots_txt_is_obeyed_and_read_once_per_host(site: LocalSite, fetcher: Fetcher) -> None:
    before = len(site.hits("/robots.txt"))
    found = _read(fetcher, site.url("/private/secret.html"))
    assert isinstance(found, ReadError)
    assert found.where == site.url("/private/secret.html")
    assert "robots.txt" in found.problem
    assert not site.hits("/private/secret.html")  # never asked for
    assert isinstance(_read(fetcher, site.page_url("03-jsonld.html")), Article)
    assert len(site.hits("/robots.txt")) == before + 1


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/gone", "HTTP 500"),
        ("/loop/a", "redirect loop"),
        ("/huge", "page too large"),
        ("/huge-stream", "page too large"),
        ("/image.png", "not an HTML page (image/png)"),
    ],
)
def test_a_failed_fetch_is_one_error_naming_the_url(
    site: LocalSite, fetcher: Fetcher, path: str, words: str
) -> None:
    found = _read(fetcher, site.url(path))
    assert isinstance(found, ReadError)
    assert found.where == site.url(path)
    assert words in found.problem
    assert "\n" not in str(found)


def test_a_slow_page_times_out(site: LocalSite) -> None:
    with Fetcher(FetchOptions(min_interval=0.0, timeout=0.5)) as fetcher:
        found = _read(fetcher, site.url("/slow"))
    assert isinstance(found, ReadError) and "timed out after 0.5 s" in found.problem


def test_a_host_that_does_not_answer_is_one_error(fetcher: Fetcher) -> None:
    with LocalSite() as gone:
        url = gone.url("/news/01-article-tag.html")
    found = _read(fetcher, url)  # the server has stopped: connection refused
    assert isinstance(found, ReadError) and found.where == url and found.problem


def test_redirects_are_followed_and_the_final_url_kept(site: LocalSite, fetcher: Fetcher) -> None:
    found = _read(fetcher, site.url("/moved#top"))
    assert isinstance(found, Article)
    assert found.id == site.url("/moved")  # the URL as given, without its fragment
    assert found.url == site.page_url("01-article-tag.html")
    assert canonical_url(" http://x.org/a#b ") == "http://x.org/a"


def test_pages_without_metadata_take_the_hints_then_the_date_option(site: LocalSite) -> None:
    from eventcoder.read.web import Hints

    with Fetcher(FAST) as fetcher:
        hinted = read_url(fetcher, site.page_url("undated.html"), OPTIONS, Hints("T", "2023-11-06"))
        plain = read_url(fetcher, site.page_url("undated.html"), ReaderOptions("2020-01-02"))
    assert isinstance(hinted, Article) and isinstance(plain, Article)
    assert (hinted.title, hinted.date) == ("T", "2023-11-06")
    assert (plain.title, plain.date, plain.outlet) == (None, "2020-01-02", "127.0.0.1")


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_one_request_per_second_per_host(site: LocalSite) -> None:
    clock = FakeClock()
    with LocalSite() as other, Fetcher(FetchOptions(), clock=clock, sleep=clock.sleep) as fetcher:
        assert fetcher.options.min_interval == 1.0  # the default
        _read(fetcher, site.page_url("01-article-tag.html"))  # robots.txt, wait, page
        _read(fetcher, site.page_url("03-jsonld.html"))  # wait, page
        _read(fetcher, other.page_url("01-article-tag.html"))  # another host: robots, wait, page
        clock.now += 5.0  # time passes: no wait
        _read(fetcher, site.page_url("04-opengraph-sections.html"))
    # Each host's first request (robots.txt) goes at once: the hosts do not wait for each
    # other; every later request to a host waits for its second.
    assert clock.slept == [1.0, 1.0, 1.0]
    assert fetcher.requests == 6


def test_urls_files_and_warcs_are_read_in_order(site: LocalSite, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Soldiers detained the president of Niger on Wednesday in Niamey.")
    items = list(
        read_inputs(
            [site.page_url("01-article-tag.html"), str(text), site.url("/missing")], OPTIONS, FAST
        )
    )
    assert [type(i).__name__ for i in items] == ["Article", "Article", "ReadError"]
