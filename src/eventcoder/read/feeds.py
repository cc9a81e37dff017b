"""RSS 2.0 and Atom feeds: their entries' pages, fetched once each.

``FeedReader`` goes through a list of feeds in order. Each feed is fetched with the
validators (ETag, Last-Modified) remembered from the last time it was read completely, so an
unchanged feed costs one ``304 Not Modified``. The entries whose URL is already stored are not
fetched again; the others are fetched (``web.read_url``, with the feed's title and date as
hints for pages that lack them) and handed on as Articles.

The reader does not write anything itself: ``completed`` lists the feeds whose every new
entry was handed on, with their new validators, for the caller to remember once those
articles are stored. A run stopped half-way through a feed (``stop()`` turned true) leaves
that feed's validators as they were, so the next run reads it again in full and fetches the
entries that are still not stored: it continues where it stopped.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from eventcoder.read.sources import ReaderOptions, ReadError, date_problem
from eventcoder.read.web import Fetcher, Hints, canonical_url, is_url, read_url
from eventcoder.records import Article

MAX_FEED_BYTES = 10_000_000


@dataclass(frozen=True, slots=True)
class FeedEntry:
    link: str
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD (UTC) of the entry's published, else updated, time


@dataclass(frozen=True, slots=True)
class FeedState:
    """A feed read completely: the validators to send next time, and what it gave."""

    url: str
    etag: str | None
    last_modified: str | None
    status: str  # "ok" or "not modified"
    entries: int  # entries in the feed
    new_entries: int  # entries that were not stored yet (fetched this time)


class FeedMemory(Protocol):
    """What the reader asks of the database."""

    def feed_validators(self, url: str) -> tuple[str | None, str | None]: ...

    def stored_urls(self, urls: Sequence[str]) -> set[str]: ...


def _day(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        stamp = calendar.timegm(parsed)
        day = dt.datetime.fromtimestamp(stamp, dt.UTC).date().isoformat()
    except (TypeError, ValueError, OverflowError):
        return None
    return None if date_problem(day) else day


def parse_feed(content: bytes, feed_url: str) -> list[FeedEntry] | str:
    """The entries of an RSS or Atom document (relative links resolved against the feed's
    URL), or what is wrong with it."""
    import feedparser

    parsed = feedparser.parse(content, response_headers={"content-location": feed_url})
    entries: list[FeedEntry] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not isinstance(link, str) or not is_url(link.strip()):
            continue
        title = entry.get("title")
        date = _day(entry.get("published_parsed")) or _day(entry.get("updated_parsed"))
        entries.append(FeedEntry(link.strip(), title if isinstance(title, str) else None, date))
    if not entries and parsed.get("bozo") and not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        detail = f" ({type(problem).__name__})" if problem is not None else ""
        return f"not an RSS or Atom feed{detail}"
    return entries


def feed_list(values: Sequence[str]) -> tuple[list[str], list[ReadError]]:
    """``--feed`` values as feed URLs: a URL is one feed, anything else a file of feed URLs
    (one a line; blank lines and ``#`` comments ignored)."""
    urls: list[str] = []
    errors: list[ReadError] = []
    for value in values:
        if is_url(value):
            urls.append(value)
            continue
        path = Path(value)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or type(exc).__name__
            errors.append(ReadError(value, f"cannot read the feed list ({reason})"))
            continue
        for number, line in enumerate(lines, start=1):
            text = line.split("#", 1)[0].strip()
            if not text:
                continue
            if is_url(text):
                urls.append(text)
            else:
                errors.append(ReadError(f"{value}:{number}", f"not an http(s) URL: {text!r}"))
    return list(dict.fromkeys(urls)), errors


@dataclass(slots=True)
class FeedReader:
    """The new entries of some feeds, as Articles; iterate once."""

    fetcher: Fetcher
    feeds: Sequence[str]
    options: ReaderOptions
    memory: FeedMemory
    stop: Callable[[], bool] = lambda: False
    completed: list[FeedState] = field(default_factory=list)
    fetched: int = 0  # entry pages requested
    _handed: set[str] = field(default_factory=set)

    def __iter__(self) -> Iterator[Article | ReadError]:
        return self.articles()

    def articles(self) -> Iterator[Article | ReadError]:
        for feed in self.feeds:
            if self.stop():
                return
            etag, last_modified = self.memory.feed_validators(feed)
            got = self.fetcher.fetch(feed, etag, last_modified, limit=MAX_FEED_BYTES)
            if isinstance(got, ReadError):
                yield got
                continue
            if got.not_modified:
                self.completed.append(FeedState(feed, etag, last_modified, "not modified", 0, 0))
                continue
            entries = parse_feed(got.content, got.url)
            if isinstance(entries, str):
                yield ReadError(feed, entries)
                continue
            links = [canonical_url(e.link) for e in entries]
            stored = self.memory.stored_urls(links)
            new = 0
            for entry, link in zip(entries, links, strict=True):
                if link in stored or link in self._handed:
                    continue
                if self.stop():
                    return  # this feed is not completed: its validators stay as they were
                self._handed.add(link)
                new += 1
                self.fetched += 1
                hints = Hints(entry.title, entry.date)
                yield read_url(self.fetcher, entry.link, self.options, hints)
            state = FeedState(feed, got.etag, got.last_modified, "ok", len(entries), new)
            self.completed.append(state)
