"""The commands that read from the web, against the local news site (tests/local_site.py):
`code URL`, `ingest URL`, `ingest --feed`, `ingest crawl.warc.gz` and `watch`. Each bad URL or
record is one line naming it, the rest is coded, and the exit status is 1 when anything was
skipped; re-running an ingest changes nothing. Nothing leaves 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventcoder import Coder
from eventcoder.store import Store
from tests.helpers import CliRun
from tests.local_site import PAGES, LocalSite, expected_pages
from tests.read.warc_files import write_warc
from tests.store.corpus import cli, snapshot, write_jsonl

FAST = ("--min-interval", "0", "--timeout", "5")
GOOD = "01-article-tag.html"


@pytest.fixture(scope="module")
def site() -> Iterator[LocalSite]:
    with LocalSite(slow_seconds=3.0) as running:
        yield running


def _skips(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("eventcoder: skipped")]


def test_code_urls_gives_records_with_page_metadata_and_one_line_per_failure(
    cli_in_process: CliRun, site: LocalSite
) -> None:
    good, missing, robots = (
        site.page_url(GOOD),
        site.url("/missing"),
        site.url("/private/secret.html"),
    )
    result = cli_in_process("code", good, missing, robots, *FAST)
    assert result.returncode == 1
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    want = expected_pages()[GOOD]
    assert record["article_id"] == good and record["url"] == good
    assert (record["title"], record["date"]) == (want["title"], want["date"])
    assert record["outlet"] == (want["outlet"] or "127.0.0.1")
    assert record["events"], "the saved story reports events"
    skips = _skips(result.stderr)
    assert len(skips) == 2, result.stderr
    assert skips[0] == f"eventcoder: skipped {missing}: HTTP 404 Not Found"
    assert skips[1].startswith(f"eventcoder: skipped {robots}: ") and "robots.txt" in skips[1]


def test_ingest_urls_and_feeds_then_again_changes_nothing(
    cli_in_process: CliRun, site: LocalSite, tmp_path: Path
) -> None:
    db = tmp_path / "web.duckdb"
    urls = [site.page_url(GOOD), site.url("/loop/a")]
    result = cli_in_process("ingest", *urls, "--db", str(db), *FAST)
    assert result.returncode == 1
    (skip,) = _skips(result.stderr)
    assert skip.startswith(f"eventcoder: skipped {urls[1]}: ") and "redirect loop" in skip
    assert "1 new, 0 changed, 0 unchanged" in result.stderr
    with Store(db, read_only=True) as store:
        assert store.query("SELECT article_id, url, outlet, title FROM articles") == [
            (
                urls[0],
                urls[0],
                expected_pages()[GOOD]["outlet"] or "127.0.0.1",
                expected_pages()[GOOD]["title"],
            )
        ]

    # Feeds (a file of feed URLs and a --feed): the 11 other pages are fetched, not the stored one.
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# the outlets we follow\n{site.url('/feeds/rss.xml')}\n", encoding="utf-8")
    fetched_before = len(site.hits(f"/news/{GOOD}"))
    result = cli_in_process(
        "ingest", "--feed", str(feeds), "--feed", site.url("/feeds/atom.xml"), "--db", str(db),
        *FAST,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "11 new, 0 changed, 0 unchanged" in result.stderr
    assert len(site.hits(f"/news/{GOOD}")) == fetched_before
    with Store(db, read_only=True) as store:
        assert store.query("SELECT count(*) FROM articles") == [(12,)]
        assert sorted(store.query("SELECT status FROM feeds")) == [("ok",), ("ok",)]
        before = snapshot(db)

    # Again: the feeds answer 304, no page is fetched, the database is the same.
    pages_before = sum(1 for r in site.requests if r.path.startswith("/news/"))
    result = cli_in_process(
        "ingest", "--feed", str(feeds), "--feed", site.url("/feeds/atom.xml"), "--db", str(db),
        *FAST,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "0 new, 0 changed, 0 unchanged" in result.stderr
    assert sum(1 for r in site.requests if r.path.startswith("/news/")) == pages_before
    assert snapshot(db) == before
    # And the same URLs given again: read, found unchanged, nothing written.
    result = cli_in_process("ingest", urls[0], "--db", str(db), *FAST)
    assert result.returncode == 0 and "0 new, 0 changed, 1 unchanged" in result.stderr
    assert snapshot(db) == before


def test_a_bad_feed_is_one_line_and_the_others_are_read(
    cli_in_process: CliRun, site: LocalSite, tmp_path: Path
) -> None:
    db = tmp_path / "feeds.duckdb"
    result = cli_in_process(
        "ingest", "--feed", site.url("/missing"), "--feed", site.url("/feeds/atom.xml"),
        "--db", str(db), *FAST,
    )  # fmt: skip
    assert result.returncode == 1
    skips = _skips(result.stderr)
    assert len(skips) == 1 and site.url("/missing") in skips[0] and "404" in skips[0]
    assert f"{len(site.atom_pages)} new" in result.stderr


def _pages() -> list[tuple[str, bytes]]:
    return [(f"http://news.example/{p.name}", p.read_bytes()) for p in sorted(PAGES.glob("*.html"))]


def test_ingest_a_warc_file_stores_its_pages_like_jsonl(
    cli_in_process: CliRun, coder: Coder, tmp_path: Path
) -> None:
    warc = write_warc(tmp_path / "crawl.warc.gz", _pages())
    db = tmp_path / "warc.duckdb"
    result = cli_in_process("ingest", str(warc), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "12 new, 0 changed, 0 unchanged" in result.stderr
    with Store(db, read_only=True) as store:
        stored = store.query("SELECT article_id, url, outlet, title, date FROM articles")
        texts = dict(store.query("SELECT article_id, text FROM articles"))
    expected = expected_pages()
    assert sorted(stored) == sorted(
        (
            url,
            url,
            expected[url.rsplit("/", 1)[1]]["outlet"] or "news.example",
            expected[url.rsplit("/", 1)[1]]["title"],
            dt.date.fromisoformat(expected[url.rsplit("/", 1)[1]]["date"]),
        )
        for url, _ in _pages()
    )
    # The same articles as JSON lines give the same coded rows.
    records = [
        {"id": aid, "text": texts[aid], "date": str(day), "title": title, "url": url}
        | ({"source": outlet} if outlet != "news.example" else {})
        for aid, url, outlet, title, day in sorted(stored)
    ]
    jsonl = write_jsonl(tmp_path / "same.jsonl", records)
    db2 = tmp_path / "jsonl.duckdb"
    result = cli_in_process("ingest", str(jsonl), "--db", str(db2))
    assert result.returncode == 0, result.stderr
    assert _coded(db) == _coded(db2)

    # Again: nothing changes; a cut-off copy is one line, what came before it is kept.
    before = snapshot(db)
    result = cli_in_process("ingest", str(warc), "--db", str(db))
    assert result.returncode == 0 and "0 new, 0 changed, 12 unchanged" in result.stderr
    assert snapshot(db) == before
    cut = tmp_path / "cut.warc.gz"
    data = warc.read_bytes()
    cut.write_bytes(data[: int(len(data) * 0.6)])  # inside a record (as test_warc.py)
    result = cli_in_process("ingest", str(cut), "--db", str(db))
    assert result.returncode == 1
    (skip,) = _skips(result.stderr)
    assert skip.startswith(f"eventcoder: skipped {cut}: ") and "cut short" in skip
    assert "0 new, 0 changed" in result.stderr and snapshot(db) == before  # stored already


def _coded(db: Path) -> list[tuple[object, ...]]:
    with Store(db, read_only=True) as store:
        return sorted(
            store.query(
                "SELECT article_id, seq, cameo, source_code, target_code, evidence, event_id "
                "FROM mentions"
            )
        )


def test_watch_runs_cycles_with_one_line_each(
    cli_in_process: CliRun, site: LocalSite, tmp_path: Path
) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.url('/feeds/rss.xml')}\n{site.url('/missing')}\n", encoding="utf-8")
    db = tmp_path / "watch.duckdb"
    result = cli_in_process(
        "watch", "--feeds", str(feeds), "--every", "0.2s", "--cycles", "2", "--db", str(db), *FAST
    )
    assert result.returncode == 1, result.stderr  # ended by --cycles with a feed skipped
    cycles = [line for line in result.stderr.splitlines() if " cycle " in line]
    assert len(cycles) == 2, result.stderr
    n = len(site.rss_pages)
    assert "cycle 1: 2 feed(s) (0 not modified)" in cycles[0]
    assert f"{n} page(s) fetched, {n} new and 0 changed" in cycles[0]
    assert "cycle 2: 2 feed(s) (1 not modified), 0 page(s) fetched, 0 new" in cycles[1]
    skips = _skips(result.stderr)
    assert len(skips) == 2 and all(site.url("/missing") in s for s in skips)  # once a cycle
    with Store(db, read_only=True) as store:
        assert store.query("SELECT count(*) FROM articles") == [(n,)]
    assert cli_in_process("watch", "--feeds", str(tmp_path / "none.txt")).returncode == 2
    bad = cli_in_process("watch", "--feeds", str(feeds), "--every", "soon")
    assert bad.returncode == 2 and "not a duration" in bad.stderr


@pytest.mark.slow
def test_watch_stops_cleanly_on_sigterm_and_carries_on_when_restarted(tmp_path: Path) -> None:
    """A real process: SIGTERM ends it after the current article, exit 0; started again it
    fetches only what it had not stored."""
    with LocalSite(slow_seconds=3.0) as site:
        feeds = tmp_path / "feeds.txt"
        feeds.write_text(
            f"{site.url('/feeds/rss.xml')}\n{site.url('/feeds/atom.xml')}\n", encoding="utf-8"
        )
        db = tmp_path / "watch.duckdb"
        # One page a second per host: the 12 pages take ~12 s, so SIGTERM lands mid-cycle.
        process = subprocess.Popen(
            [sys.executable, "-m", "eventcoder.cli", "watch", "--feeds", str(feeds), "--every",
             "15m", "--db", str(db), "--min-interval", "1"],
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            while len(site.hits("/news/" + GOOD)) == 0 and time.monotonic() < deadline:
                time.sleep(0.1)
            while (
                sum(1 for r in site.requests if r.path.startswith("/news/")) < 4
                and time.monotonic() < deadline
            ):
                time.sleep(0.1)
            os.kill(process.pid, signal.SIGTERM)
            _, stderr = process.communicate(timeout=120)
        finally:
            if process.poll() is None:
                process.kill()
        assert process.returncode == 0, stderr
        assert "watch stopped by SIGTERM after 1 cycle(s)" in stderr
        fetched = sum(1 for r in site.requests if r.path.startswith("/news/"))
        assert 4 <= fetched < 12, stderr
        with Store(db, read_only=True) as store:
            stored = {u for (u,) in store.query("SELECT url FROM articles")}
        assert len(stored) == fetched  # each fetched page stored before it stopped

        result = cli(
            "watch", "--feeds", str(feeds), "--cycles", "1", "--db", str(db), "--min-interval", "0"
        )
        assert result.returncode == 0, result.stderr
        assert f"{12 - fetched} page(s) fetched, {12 - fetched} new" in result.stderr
        again = [r.path for r in site.requests if r.path.startswith("/news/")]
        assert len(again) == 12 and len(set(again)) == 12  # no page fetched twice


@pytest.mark.slow
def test_warc_files_on_dask_workers_store_what_one_process_stores(
    coder: Coder, tmp_path: Path
) -> None:
    pages = _pages()
    first = write_warc(tmp_path / "a.warc.gz", pages[:6])
    second = write_warc(tmp_path / "b.warc.gz", pages[6:])
    missing = tmp_path / "c.warc.gz"
    reference = tmp_path / "reference.duckdb"
    result = cli("ingest", str(first), str(second), "--db", str(reference))
    assert result.returncode == 0, result.stderr
    db = tmp_path / "dask.duckdb"
    result = cli("ingest", str(first), str(missing), str(second), "--db", str(db), "--workers", "2")
    assert result.returncode == 1
    (skip,) = _skips(result.stderr)
    assert skip.startswith(f"eventcoder: skipped {missing}")
    assert "12 new, 0 changed, 0 unchanged" in result.stderr
    assert snapshot(db) == snapshot(reference)
