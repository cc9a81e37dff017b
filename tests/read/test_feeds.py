"""RSS and Atom feeds from the local site: new entries fetched once, conditional requests,
a stop half-way leaving the feed to be read again."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from eventcoder.read import ReaderOptions, ReadError
from eventcoder.read.feeds import FeedReader, FeedState, feed_list, parse_feed
from eventcoder.read.web import Fetcher, FetchOptions
from eventcoder.records import Article
from tests.local_site import LocalSite, expected_pages

FAST = FetchOptions(min_interval=0.0, timeout=5.0)


@dataclass
class Memory:
    """What the database remembers, in a dict: validators and stored URLs."""

    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    stored: set[str] = field(default_factory=set)

    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        return self.validators.get(url, (None, None))

    def stored_urls(self, urls: Sequence[str]) -> set[str]:
        return {u for u in urls if u in self.stored}

    def keep(self, items: list[Article | ReadError], states: list[FeedState]) -> None:
        self.stored |= {i.id for i in items if isinstance(i, Article)}
        for state in states:
            self.validators[state.url] = (state.etag, state.last_modified)


@pytest.fixture
def site() -> Iterator[LocalSite]:
    with LocalSite() as running:
        yield running


def _run(site: LocalSite, memory: Memory) -> tuple[FeedReader, list[Article | ReadError]]:
    """One reading of both feeds, remembered as the database would after storing it."""
    feeds = [site.url("/feeds/rss.xml"), site.url("/feeds/atom.xml")]
    with Fetcher(FAST) as fetcher:
        reader = FeedReader(fetcher, feeds, ReaderOptions(), memory)
        items = list(reader)
    memory.keep(items, reader.completed)
    return reader, items


def test_feeds_are_read_then_only_new_entries_fetched(site: LocalSite) -> None:
    memory = Memory()
    first, items = _run(site, memory)
    articles = [i for i in items if isinstance(i, Article)]
    assert len(articles) == 12 and len(items) == 12
    titles = {a.title for a in articles}
    assert titles == {p["title"] for p in expected_pages().values()}
    assert [s.status for s in first.completed] == ["ok", "ok"]
    assert all(s.etag for s in first.completed)
    # Atom links are relative: resolved against the feed's URL.
    assert site.page_url("12-amp.html") in {a.url for a in articles}

    # Nothing changed: both feeds answer 304 to the remembered validators; no page fetched.
    pages_before = sum(1 for r in site.requests if r.path.startswith("/news/"))
    second, again = _run(site, memory)
    assert [s.status for s in second.completed] == ["not modified", "not modified"]
    assert again == []
    assert sum(1 for r in site.requests if r.path.startswith("/news/")) == pages_before
    conditional = site.hits("/feeds/rss.xml")[-1].headers
    assert "if-none-match" in conditional and "if-modified-since" in conditional

    # A new entry: the feed changes, only the new page is fetched.
    site.rss_pages.append("undated.html")
    third, new = _run(site, memory)
    assert [i.id for i in new if isinstance(i, Article)] == [site.page_url("undated.html")]
    undated = new[0]
    assert isinstance(undated, Article)
    assert undated.date == "2023-11-06"  # from the feed's pubDate: the page has none
    assert third.fetched == 1


def test_a_stop_half_way_leaves_the_feed_to_be_read_again(site: LocalSite) -> None:
    memory = Memory()
    handed = 0

    def stop() -> bool:
        return handed >= 3

    feeds = [site.url("/feeds/rss.xml"), site.url("/feeds/atom.xml")]
    with Fetcher(FAST) as fetcher:
        reader = FeedReader(fetcher, feeds, ReaderOptions(), memory, stop=stop)
        items: list[Article | ReadError] = []
        for item in reader:
            items.append(item)
            handed += 1
    assert len(items) == 3
    assert reader.completed == []  # the RSS feed was not finished: validators not kept
    memory.keep(items, reader.completed)
    _again, more = _run(site, memory)
    rest = [i.id for i in more if isinstance(i, Article)]
    assert len(rest) == 9 and not set(rest) & {i.id for i in items if isinstance(i, Article)}


def test_bad_feeds_and_entries_are_one_line_each(site: LocalSite) -> None:
    memory = Memory()
    site.rss_pages.append("no-such-page.html")
    with Fetcher(FAST) as fetcher:
        reader = FeedReader(
            fetcher,
            [
                site.url("/feeds/rss.xml"),
                site.url("/missing"),
                site.page_url("01-article-tag.html"),
            ],
            ReaderOptions(),
            memory,
        )
        errors = [i for i in reader if isinstance(i, ReadError)]
    assert [e.where for e in errors] == [
        site.page_url("no-such-page.html"),
        site.url("/missing"),
        site.page_url("01-article-tag.html"),
    ]
    assert "HTTP 404" in errors[0].problem and "HTTP 404" in errors[1].problem
    assert "not an RSS or Atom feed" in errors[2].problem
    assert isinstance(parse_feed(b"\x00\x01 not xml", "http://x/"), str)


def test_feed_lists(tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text(
        "# my feeds\nhttp://127.0.0.1:1/a.xml\n\nhttps://127.0.0.1:1/b.xml  # comment\nnot-a-url\n"
    )
    urls, errors = feed_list([str(listing), "http://127.0.0.1:1/a.xml", str(tmp_path / "none")])
    assert urls == ["http://127.0.0.1:1/a.xml", "https://127.0.0.1:1/b.xml"]
    assert [e.where for e in errors] == [f"{listing}:5", str(tmp_path / "none")]
