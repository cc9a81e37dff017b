"""Pages by URL: polite fetching with httpx, then the HTML reader's extraction.

``Fetcher`` is one user's crawler: a clear user agent, a timeout on the whole request (not
only between bytes), a size limit read from the stream, redirects followed one hop at a
time (each hop is a request: it waits its turn and asks robots.txt), at most one request per
``min_interval`` seconds per host (1 s by default), and robots.txt obeyed (RFC 9309: a
robots.txt that is missing or refused with 4xx allows everything; one that cannot be fetched
(5xx, network) disallows the host for this run). Every failure is a ``ReadError`` naming the
URL and the HTTP status or the error; nothing raises for one URL.

The clock and the sleep are passed in, so the rate limit is tested without waiting.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import metadata
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from eventcoder.read.sources import ReaderOptions, ReadError, check_extracted, extract_page
from eventcoder.records import Article

USER_AGENT_TOKEN = "eventcoder"  # the name robots.txt rules are matched against


def _user_agent() -> str:
    try:
        version = metadata.version("eventcoder")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"{USER_AGENT_TOKEN}/{version} (political event coder; fetches pages its user names)"


USER_AGENT = _user_agent()
DEFAULT_TIMEOUT = 20.0  # seconds for one request, connection to last byte
DEFAULT_MAX_PAGE_BYTES = 5_000_000  # of HTML; the article text is then limited by max_bytes
DEFAULT_MIN_INTERVAL = 1.0  # seconds between two requests to the same host
DEFAULT_MAX_REDIRECTS = 5
MIN_PAGE_WORDS = 25  # fewer words extracted from a fetched page: not an article
HTML_TYPES = ("text/html", "application/xhtml+xml")
_REDIRECTS = (301, 302, 303, 307, 308)


def is_url(arg: str) -> bool:
    """An http(s) URL given where a path could be."""
    return arg.startswith(("http://", "https://"))


def canonical_url(url: str) -> str:
    """The URL as an article id: stripped, without its #fragment."""
    parts = urlsplit(url.strip())
    return urlunsplit(parts._replace(fragment=""))


def host_outlet(url: str) -> str | None:
    """The host of a URL without ``www.`` (the outlet a page counts for)."""
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


@dataclass(frozen=True, slots=True)
class FetchOptions:
    timeout: float = DEFAULT_TIMEOUT
    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES
    min_interval: float = DEFAULT_MIN_INTERVAL
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    obey_robots: bool = True
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response that was read: the final URL (after redirects), status and body."""

    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None  # of a redirect

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(slots=True)
class _HostState:
    last_request: float | None = None
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_problem: str | None = None  # robots.txt could not be fetched: host disallowed
    robots_checked: bool = False


@dataclass(slots=True)
class Fetcher:
    """Fetches URLs politely; use as a context manager (it holds an HTTP connection pool).

    The per-host state (last request time, robots.txt) belongs to this object: one run, one
    fetcher, nothing global."""

    options: FetchOptions = field(default_factory=FetchOptions)
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    transport: httpx.BaseTransport | None = None
    requests: int = 0  # made so far (robots.txt included)
    _hosts: dict[str, _HostState] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": self.options.user_agent},
                timeout=httpx.Timeout(self.options.timeout),
                follow_redirects=False,
                transport=self.transport,
            )
        return self._client

    # -- one request ----------------------------------------------------------------------

    def _wait_turn(self, host: str) -> None:
        state = self._hosts.setdefault(host, _HostState())
        if state.last_request is not None:
            due = state.last_request + self.options.min_interval
            now = self.clock()
            if now < due:
                self.sleep(due - now)
        state.last_request = self.clock()

    def _get(self, url: str, headers: dict[str, str], limit: int) -> Fetched | str:
        """One GET (no redirects followed), the body read up to ``limit`` bytes within the
        timeout; a problem string on failure."""
        host = urlsplit(url).netloc.lower()
        self._wait_turn(host)
        self.requests += 1
        started = self.clock()
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    return f"page too large ({int(declared):,} bytes > limit {limit:,})"
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        return f"page too large (more than {limit:,} bytes)"
                    if self.clock() - started > self.options.timeout:
                        return f"timed out after {self.options.timeout:g} s"
                    chunks.append(chunk)
                return Fetched(
                    url=url,
                    status=response.status_code,
                    content=b"".join(chunks),
                    content_type=response.headers.get("content-type", ""),
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                    location=response.headers.get("location"),
                )
        except httpx.TimeoutException:
            return f"timed out after {self.options.timeout:g} s"
        except httpx.HTTPError as exc:
            return f"{type(exc).__name__}: {exc}".rstrip(": ") or "HTTP error"

    # -- robots.txt -----------------------------------------------------------------------

    def allowed(self, url: str) -> str | None:
        """None when robots.txt lets this user agent fetch ``url``; else why not."""
        if not self.options.obey_robots:
            return None
        parts = urlsplit(url)
        host = parts.netloc.lower()
        state = self._hosts.setdefault(host, _HostState())
        if not state.robots_checked:
            state.robots_checked = True
            robots_url = urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))
            got = self._get(robots_url, {}, 512_000)
            if isinstance(got, str):
                state.robots_problem = f"robots.txt could not be read ({got})"
            elif got.status >= 500:
                state.robots_problem = f"robots.txt could not be read (HTTP {got.status})"
            elif got.status == 200:
                parser = urllib.robotparser.RobotFileParser()
                parser.parse(got.content.decode("utf-8", "replace").splitlines())
                state.robots = parser
            # 3xx/4xx: no usable robots.txt, everything allowed (RFC 9309 2.3.1.3)
        if state.robots_problem:
            return state.robots_problem
        if state.robots is not None and not state.robots.can_fetch(USER_AGENT_TOKEN, url):
            return "disallowed by the site's robots.txt"
        return None

    # -- a URL, following redirects -------------------------------------------------------

    def fetch(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        limit: int | None = None,
    ) -> Fetched | ReadError:
        """GET ``url`` (conditionally when validators are given), following redirects; a
        ``ReadError`` naming the URL and the status or error when that fails."""
        limit = limit or self.options.max_page_bytes
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = [url]
        current = url
        for _hop in range(self.options.max_redirects + 1):
            refused = self.allowed(current)
            if refused:
                return ReadError(url, refused)
            got = self._get(current, headers, limit)
            if isinstance(got, str):
                return ReadError(url, got)
            if got.status in _REDIRECTS:
                # A relative Location is resolved against the URL that gave it.
                target = urljoin(current, got.location) if got.location else None
                if target is None:
                    return ReadError(url, f"HTTP {got.status} redirect without a Location")
                if target in seen:
                    return ReadError(url, "redirect loop: " + " -> ".join([*seen, target]))
                seen.append(target)
                current = target
                continue
            if got.status == 304:
                return got
            if got.status != 200:
                return ReadError(url, f"HTTP {got.status} {_reason(got.status)}".rstrip())
            return replace(got, url=current)
        return ReadError(url, f"too many redirects (more than {self.options.max_redirects})")


def _reason(status: int) -> str:
    try:
        from http import HTTPStatus

        return HTTPStatus(status).phrase
    except ValueError:
        return ""


@dataclass(frozen=True, slots=True)
class Hints:
    """What a feed says about an entry, used when the page itself does not say it."""

    title: str | None = None
    date: str | None = None  # YYYY-MM-DD


def is_html(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return kind in HTML_TYPES or kind == ""  # no type given: let the extractor try


def page_article(
    content: bytes,
    url: str,
    article_id: str,
    where: str,
    options: ReaderOptions,
    hints: Hints | None = None,
    fallback_date: str | None = None,
) -> Article | ReadError:
    """An HTML page as an Article: text, title, date and publisher from the page (the
    feed's title and date when the page has none; then ``--date``; then ``fallback_date``,
    e.g. the day a web archive captured the page), its URL and outlet kept."""
    try:
        page = extract_page(content)
    except RecursionError:
        return ReadError(where, "HTML nested too deeply to extract its text")
    except Exception as exc:  # the extractor's own failure: this page only
        return ReadError(where, f"cannot extract the text of this HTML ({type(exc).__name__})")
    if isinstance(page, str):
        return ReadError(where, page)
    words = len(page.text.split())
    if words < MIN_PAGE_WORDS:
        return ReadError(where, f"no article text (only {words} words; a section front or a stub?)")
    hints = hints or Hints()
    article = Article(
        id=article_id,
        text=page.text,
        date=page.date or hints.date or options.default_date or fallback_date,
        title=page.title or hints.title,
        url=url,
        source=page.sitename or host_outlet(url),
    )
    return check_extracted(article, where, options)


def read_url(
    fetcher: Fetcher, url: str, options: ReaderOptions, hints: Hints | None = None
) -> Article | ReadError:
    """Fetch one page and read it; the article id is the URL as given (without #fragment),
    ``url`` the address it was found at after redirects."""
    article_id = canonical_url(url)
    got = fetcher.fetch(article_id)
    if isinstance(got, ReadError):
        return got
    if not is_html(got.content_type):
        kind = got.content_type.split(";")[0].strip()
        return ReadError(url, f"not an HTML page ({kind}); eventcoder reads articles in HTML")
    return page_article(got.content, got.url, article_id, url, options, hints)


def read_urls(
    fetcher: Fetcher, urls: Iterable[str], options: ReaderOptions
) -> Iterator[Article | ReadError]:
    for url in urls:
        yield read_url(fetcher, url, options)
