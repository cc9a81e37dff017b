"""A news site on 127.0.0.1 for the tests: saved pages, feeds, robots.txt and bad URLs.

``LocalSite`` starts a threaded HTTP server on a free loopback port and serves:

* ``/news/<file>``: the saved pages of ``tests/fixtures/web/pages`` (as ``text/html``, with
  a charset only for UTF-8 pages: the Latin-1 page declares its own in a meta tag);
* ``/news/undated.html``: a page with no title, date or site name in it (feed hints);
* ``/robots.txt``: ``/private/`` disallowed for every user agent;
* ``/private/secret.html``: a page robots.txt keeps out;
* ``/slow``: answers after ``slow_seconds``; ``/missing``: 404; ``/gone``: 500;
* ``/loop/a`` <-> ``/loop/b``: a redirect loop; ``/moved``: a 301 to a saved page;
* ``/huge``: 8 MB declared in Content-Length; ``/huge-stream``: 8 MB with no length;
* ``/image.png``: not HTML;
* ``/feeds/rss.xml`` (RSS 2.0) and ``/feeds/atom.xml`` (Atom) listing ``rss_pages`` and
  ``atom_pages``, with an ETag and Last-Modified that change when the lists do, and 304 for
  a request that sends the current ones.

Every request is logged (method, path, headers) in ``requests``. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PAGES = Path(__file__).resolve().parent / "fixtures" / "web" / "pages"
EXPECTED = Path(__file__).resolve().parent / "fixtures" / "web" / "pages.json"
HUGE_BYTES = 8_000_000
ROBOTS = "User-agent: *\nDisallow: /private/\n"
UNDATED = (
    "<html><body><div><p>Protesters marched through the centre of Freetown on Thursday to "
    "demand lower fuel prices, and police arrested several organisers near the parliament "
    "building, witnesses said.</p><p>The government said the march had not been authorised "
    "and that the organisers would be charged with unlawful assembly.</p></div></body></html>"
)


def expected_pages() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return {name: value for name, value in data.items() if not name.startswith("_")}


@dataclass(frozen=True, slots=True)
class Logged:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class LocalSite:
    slow_seconds: float = 5.0
    rss_pages: list[str] = field(
        default_factory=lambda: [p.name for p in sorted(PAGES.glob("*.html"))[:6]]
    )
    atom_pages: list[str] = field(
        default_factory=lambda: [p.name for p in sorted(PAGES.glob("*.html"))[6:]]
    )
    requests: list[Logged] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stopping: threading.Event = field(default_factory=threading.Event)
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    # -- life cycle ---------------------------------------------------------------------

    def __enter__(self) -> LocalSite:
        handler = _handler_for(self)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        assert self._server is not None and self._thread is not None
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def base(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def page_url(self, name: str) -> str:
        return self.url(f"/news/{name}")

    def log(self, entry: Logged) -> None:
        with self._lock:
            self.requests.append(entry)

    def hits(self, path: str) -> list[Logged]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    # -- feeds --------------------------------------------------------------------------

    def feed_version(self, kind: str) -> tuple[str, str]:
        pages = self.rss_pages if kind == "rss" else self.atom_pages
        digest = hashlib.sha1("|".join(pages).encode()).hexdigest()[:12]
        # Last-Modified moves with the list (one "day" per entry, from a fixed start).
        stamp = 1_700_000_000 + 86_400 * len(pages)
        return f'"{kind}-{digest}"', formatdate(stamp, usegmt=True)

    def rss(self) -> str:
        expected = expected_pages()
        items = []
        for name in self.rss_pages:
            info = expected.get(name, {})
            items.append(
                "<item>"
                f"<title>{_xml(info.get('title') or name)}</title>"
                f"<link>{self.page_url(name)}</link>"
                f"<guid>{self.page_url(name)}</guid>"
                "<pubDate>Mon, 06 Nov 2023 10:00:00 GMT</pubDate>"
                "</item>"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Local wire</title><link>{self.base}/</link>"
            "<description>Test feed</description>" + "".join(items) + "</channel></rss>"
        )

    def atom(self) -> str:
        expected = expected_pages()
        entries = []
        for name in self.atom_pages:
            info = expected.get(name, {})
            # Relative links: resolved against the feed's URL.
            entries.append(
                "<entry>"
                f"<title>{_xml(info.get('title') or 'Marchers arrested in Freetown')}</title>"
                f'<link rel="alternate" href="/news/{name}"/>'
                f"<id>tag:local,2023:{name}</id>"
                "<updated>2023-11-07T08:00:00Z</updated>"
                "</entry>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>Local atom</title>'
            "<id>tag:local,2023:feed</id><updated>2023-11-07T08:00:00Z</updated>"
            + "".join(entries)
            + "</feed>"
        )


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _handler_for(site: LocalSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def do_GET(self) -> None:
            site.log(Logged("GET", self.path, {k.lower(): v for k, v in self.headers.items()}))
            path = self.path.split("?")[0]
            if path == "/robots.txt":
                return self._send(200, ROBOTS.encode(), "text/plain")
            if path.startswith("/news/"):
                return self._page(path.removeprefix("/news/"))
            if path == "/private/secret.html":
                return self._send(200, (PAGES / "01-article-tag.html").read_bytes())
            if path == "/slow":
                deadline = time.monotonic() + site.slow_seconds
                while time.monotonic() < deadline and not site._stopping.is_set():
                    time.sleep(0.05)
                return self._send(200, (PAGES / "01-article-tag.html").read_bytes())
            if path == "/missing":
                return self._send(404, b"<html><body>Not found</body></html>")
            if path == "/gone":
                return self._send(500, b"<html><body>Server error</body></html>")
            if path in ("/loop/a", "/loop/b"):
                other = "/loop/b" if path == "/loop/a" else "/loop/a"
                return self._redirect(302, other)
            if path == "/moved":
                return self._redirect(301, "/news/01-article-tag.html")
            if path == "/huge":
                return self._huge(declared=True)
            if path == "/huge-stream":
                return self._huge(declared=False)
            if path == "/image.png":
                return self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
            if path in ("/feeds/rss.xml", "/feeds/atom.xml"):
                return self._feed("rss" if path.endswith("rss.xml") else "atom")
            return self._send(404, b"<html><body>Not found</body></html>")

        def _page(self, name: str) -> None:
            if name == "undated.html":
                return self._send(200, UNDATED.encode())
            path = PAGES / name
            if not path.is_file():
                return self._send(404, b"<html><body>Not found</body></html>")
            data = path.read_bytes()
            kind = "text/html" if b"iso-8859-1" in data[:300] else "text/html; charset=utf-8"
            return self._send(200, data, kind)

        def _feed(self, kind: str) -> None:
            etag, modified = site.feed_version(kind)
            if self.headers.get("If-None-Match") == etag or (
                self.headers.get("If-None-Match") is None
                and self.headers.get("If-Modified-Since") == modified
            ):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            body = (site.rss() if kind == "rss" else site.atom()).encode()
            ctype = "application/rss+xml" if kind == "rss" else "application/atom+xml"
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", modified)
            self.end_headers()
            self.wfile.write(body)

        def _redirect(self, status: int, location: str) -> None:
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _huge(self, declared: bool) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            if declared:
                self.send_header("Content-Length", str(HUGE_BYTES))
            self.end_headers()
            chunk = b"<p>" + b"filler words " * 5000 + b"</p>\n"
            sent = 0
            try:
                while sent < HUGE_BYTES and not site._stopping.is_set():
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                return

        def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8") -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler
