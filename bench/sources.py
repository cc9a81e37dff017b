"""Where news comes from, timed: fetching pages, reading a feed, and WARC ingest against JSONL.

    python bench/sources.py [--articles 60] [--rounds 2]

Corpus: the first N PolNeAR training articles of ../shared/eval (real news, ~600 words) when
present, else the bundled samples repeated; each is written as a news page (header, navigation,
an <article> with a title, a date meta tag and its paragraphs, a related-stories box, comments,
a footer). Everything is served from, or written to, this machine: nothing leaves 127.0.0.1.

Figures:

* fetch: pages/s of ``read_inputs`` over the N page URLs of a local HTTP server, with the
  per-host interval set to 0 (the default of one request per second per host bounds a real
  crawl of one outlet at 1 page/s); and the ms per page of extraction alone (trafilatura);
* feeds: an RSS 2.0 feed listing the N pages read by ``FeedReader`` (feed + every entry) in
  pages/s, and the second reading (HTTP 304 to the remembered ETag, no page fetched) in ms;
* WARC: articles/s of a full ``ingest`` (read, plan, code, write DuckDB) of a gzipped WARC
  of the N pages, and of the same articles (the text, title, date and URL the WARC gives) as
  JSON lines; runs alternate and the best of ``--rounds`` counts; the WARC/JSONL ratio (the
  issue's target: within 15%), in wall-clock and in CPU time of this process (everything
  runs in it, so CPU time is what a busy machine distorts least);
* with ``--dask N``: the same pages cut into N x 2 WARC files ingested on a Dask LocalCluster
  of N workers (each file one task; coding on the cluster too), after a warm-up run, against
  the one-process WARC ingest above: articles/s and the speed-up.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventcoder import Coder
from eventcoder.read import ReaderOptions, ReadError, read_paths
from eventcoder.read.feeds import FeedReader
from eventcoder.read.inputs import read_inputs
from eventcoder.read.warc import read_warc
from eventcoder.read.web import Fetcher, FetchOptions, page_article
from eventcoder.records import Article
from eventcoder.store import LocalBatchCoder, Store, ingest
from shared_data import news_corpus

OPTIONS = ReaderOptions()
FAST = FetchOptions(min_interval=0.0, timeout=30.0)


def page_html(article: Article, index: int) -> bytes:
    paras = [p.strip() for p in article.text.split("\n") if p.strip()]
    title = paras[0][:120] if paras else f"Story {index}"
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paras[1:] or paras)
    day = f"2016-{1 + index % 12:02d}-{1 + index % 28:02d}"
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | The Daily Bench</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="article:published_time" content="{day}T08:00:00Z">
<meta property="og:site_name" content="The Daily Bench"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a>
</nav></header>
<main><article><h1>{html.escape(title)}</h1><p class="byline">By Staff, {day}</p>
{body}</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/r1">Markets close higher as
investors weigh rate path</a></li><li><a href="/r2">Five things to watch this week</a></li>
</ul></aside>
<section id="comments"><h2>Comments</h2><div class="comment"><p>Great article, thanks for
sharing!</p></div><div class="comment"><p>I disagree with every word of this.</p></div></section>
</main><footer><p>Copyright The Daily Bench. All rights reserved.</p></footer></body></html>
""".encode()


class Site:
    """The pages and an RSS feed of them on a loopback port."""

    def __init__(self, pages: dict[str, bytes]) -> None:
        self.pages = pages
        self.feed_hits = 0
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                if self.path == "/robots.txt":
                    self._send(200, b"User-agent: *\nDisallow:\n", "text/plain")
                elif self.path == "/feed.xml":
                    site.feed_hits += 1
                    if self.headers.get("If-None-Match") == '"v1"':
                        self.send_response(304)
                        self.end_headers()
                    else:
                        self._send(200, site.rss(), "application/rss+xml", {"ETag": '"v1"'})
                elif self.path in site.pages:
                    self._send(200, site.pages[self.path], "text/html; charset=utf-8")
                else:
                    self._send(404, b"not found", "text/plain")

            def _send(
                self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for key, value in (extra or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def rss(self) -> bytes:
        items = "".join(
            f"<item><title>Story {i}</title><link>{self.base}{path}</link>"
            f"<guid>{self.base}{path}</guid></item>"
            for i, path in enumerate(self.pages)
        )
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>'
            f"<link>{self.base}/</link><description>bench</description>{items}"
            "</channel></rss>"
        ).encode()


class Memory:
    """What a database remembers of feeds, in a dict."""

    def __init__(self) -> None:
        self.validators: dict[str, tuple[str | None, str | None]] = {}
        self.stored: set[str] = set()

    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        return self.validators.get(url, (None, None))

    def stored_urls(self, urls: Sequence[str]) -> set[str]:
        return {u for u in urls if u in self.stored}


def write_warc(path: Path, pages: Sequence[tuple[str, bytes]]) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body in pages:
            headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2016-06-01T10:00:00Z"},
            )
            writer.write_record(record)
    return path


def _articles(items: Iterator[Article | ReadError]) -> list[Article]:
    found: list[Article] = []
    for item in items:
        if isinstance(item, ReadError):
            print(f"  (skipped {item})")
        else:
            found.append(item)
    return found


def fetch_figures(site: Site, n: int) -> tuple[float, float]:
    urls = [site.base + path for path in site.pages]
    start = time.perf_counter()
    fetched = _articles(read_inputs(urls, OPTIONS, FAST))
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    for path, body in site.pages.items():
        page_article(body, site.base + path, site.base + path, path, OPTIONS)
    extract_ms = 1000 * (time.perf_counter() - start) / len(site.pages)
    rate = len(fetched) / seconds
    print(f"fetch: {len(fetched)}/{n} pages in {seconds:.2f} s = {rate:.1f} pages/s")
    print(f"  extraction alone (trafilatura): {extract_ms:.1f} ms/page")
    return rate, extract_ms


def feed_figures(site: Site, n: int) -> tuple[float, float]:
    memory = Memory()
    feed = site.base + "/feed.xml"
    with Fetcher(FAST) as fetcher:
        start = time.perf_counter()
        reader = FeedReader(fetcher, [feed], OPTIONS, memory)
        got = _articles(iter(reader))
        first = time.perf_counter() - start
        memory.stored |= {a.id for a in got}
        for state in reader.completed:
            memory.validators[state.url] = (state.etag, state.last_modified)
        start = time.perf_counter()
        again = FeedReader(fetcher, [feed], OPTIONS, memory)
        second = list(again)
        repeat_ms = 1000 * (time.perf_counter() - start)
    assert not second and again.completed[0].status == "not modified"
    print(
        f"feeds: RSS of {n} entries, {len(got)} pages in {first:.2f} s = "
        f"{len(got) / first:.1f} pages/s; re-read (304, nothing fetched) {repeat_ms:.1f} ms"
    )
    return len(got) / first, repeat_ms


def _ingest_seconds(
    coder: Coder, items: Iterator[Article | ReadError], db: Path
) -> tuple[float, float]:
    """Wall-clock and CPU seconds of this process (reading, coding and writing all run
    here, so CPU time is the figure a busy machine distorts least)."""
    start, cpu = time.perf_counter(), time.process_time()
    with Store(db) as store:
        report = ingest(items, store, LocalBatchCoder(coder))
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    assert report.skipped == 0, report
    return seconds, cpu_seconds


def warc_figures(
    coder: Coder, pages: dict[str, bytes], base: str, rounds: int, folder: Path
) -> tuple[float, float]:
    warc = write_warc(folder / "crawl.warc.gz", [(base + p, b) for p, b in pages.items()])
    articles = _articles(read_warc(warc, OPTIONS))
    jsonl = folder / "same.jsonl"
    with jsonl.open("w", encoding="utf-8") as out:
        for a in articles:
            record = {"id": a.id, "text": a.text, "date": a.date, "title": a.title, "url": a.url}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    # Warm up the coder (model loaded, caches filled) on a few articles.
    list(coder.code_many(articles[:4]))
    best = {"warc": float("inf"), "jsonl": float("inf")}
    best_cpu = dict(best)
    for r in range(rounds):
        for kind in ("jsonl", "warc") if r % 2 == 0 else ("warc", "jsonl"):
            items = (
                read_warc(warc, OPTIONS) if kind == "warc" else read_paths([str(jsonl)], OPTIONS)
            )
            seconds, cpu = _ingest_seconds(coder, items, folder / f"{kind}-{r}.duckdb")
            best[kind] = min(best[kind], seconds)
            best_cpu[kind] = min(best_cpu[kind], cpu)
            print(f"  round {r + 1} {kind}: {seconds:.2f} s, {cpu:.2f} s CPU")
    n = len(articles)
    warc_rate, jsonl_rate = n / best["warc"], n / best["jsonl"]
    mb = warc.stat().st_size / 1e6
    print(
        f"WARC ingest: {n} articles ({mb:.2f} MB gzipped) {warc_rate:.2f} articles/s; "
        f"JSONL {jsonl_rate:.2f} articles/s; WARC/JSONL = {warc_rate / jsonl_rate:.3f} "
        f"(in CPU time: {best_cpu['jsonl'] / best_cpu['warc']:.3f})"
    )
    return warc_rate, jsonl_rate


def dask_figures(
    pages: dict[str, bytes], base: str, workers: int, folder: Path, one_process: float
) -> None:
    from eventcoder.scale import DaskBatchCoder, dask_client
    from eventcoder.scale.warc import read_inputs_on_cluster

    items = [(base + p, b) for p, b in pages.items()]
    parts = workers * 2
    files = [str(write_warc(folder / f"part-{i}.warc.gz", items[i::parts])) for i in range(parts)]
    with dask_client(workers=workers) as client:
        timings = []
        for run in range(2):  # the first run warms the workers up
            start = time.perf_counter()
            with Store(folder / f"dask-{run}.duckdb") as store:
                report = ingest(
                    read_inputs_on_cluster(client, files, OPTIONS), store, DaskBatchCoder(client)
                )
            timings.append(time.perf_counter() - start)
            assert report.new == len(items) and report.skipped == 0, report
    rate = len(items) / timings[-1]
    print(
        f"WARC on Dask: {parts} files on {workers} workers {rate:.2f} articles/s "
        f"(warm-up run {len(items) / timings[0]:.2f}); one process {one_process:.2f}: "
        f"{rate / one_process:.2f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--dask", type=int, default=0, help="also on N Dask workers")
    args = parser.parse_args()
    corpus, origin = news_corpus(args.articles)
    print(f"corpus: {origin}")
    pages = {f"/news/{i:04d}.html": page_html(a, i) for i, a in enumerate(corpus)}
    with Site(pages) as site, tempfile.TemporaryDirectory() as tmp:
        fetch_figures(site, len(pages))
        feed_figures(site, len(pages))
        coder = Coder()
        warc_rate, _ = warc_figures(coder, pages, site.base, args.rounds, Path(tmp))
        if args.dask:
            dask_figures(pages, site.base, args.dask, Path(tmp), warc_rate)


if __name__ == "__main__":
    main()
