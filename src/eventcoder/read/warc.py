"""Web archives: the HTML pages of a WARC file (``.warc`` or ``.warc.gz``), streamed.

Only ``response`` records of HTTP 200 with an HTML content type are pages; requests,
metadata, redirects, images and the like are passed over. Each page is read as a fetched
page is (``web.page_article``): id = the record's target URI, date from the page, else
``--date``, else the day the page was captured (WARC-Date).

A crawl holds many pages that are not articles (section fronts, tag pages) and pages in
languages eventcoder does not code. Listing each would bury the real problems, so those are
counted and reported in one line per file at its end ("412 HTML pages left out: 300 in
another language (French 200, Arabic 100), 112 with no article text"); a record that cannot
be read, and a file cut short, are one line each.
"""

from __future__ import annotations

import datetime as dt
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventcoder.read.sources import ReaderOptions, ReadError
from eventcoder.read.web import DEFAULT_MAX_PAGE_BYTES, canonical_url, is_html, page_article
from eventcoder.records import Article

WARC_SUFFIXES = (".warc", ".warc.gz")
NO_TEXT = "no article text"
_LANGUAGE_MARK = "eventcoder codes"  # how the reader's language problem ends


def is_warc(arg: str) -> bool:
    return arg.lower().endswith(WARC_SUFFIXES)


def _capture_day(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def _html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    return is_html(record.http_headers.get_header("Content-Type") or "")


def read_warc(path: Path, options: ReaderOptions) -> Iterator[Article | ReadError]:
    """Every HTML page of a WARC file as an Article (or a ReadError), in file order."""
    from warcio.archiveiterator import ArchiveIterator

    where = str(path)
    left_out: Counter[str] = Counter()
    problem = _not_warc(path)
    if problem:
        yield ReadError(where, problem)
        return
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                if not _html_response(record):
                    _drain(record)
                    if _cut_short(record):
                        yield ReadError(where, _CUT.format(uri=uri))
                        break
                    continue
                page_where = f"{where}: {uri}"
                content = record.content_stream().read(DEFAULT_MAX_PAGE_BYTES + 1)
                if len(content) > DEFAULT_MAX_PAGE_BYTES:
                    yield ReadError(
                        page_where, f"page too large (more than {DEFAULT_MAX_PAGE_BYTES:,} bytes)"
                    )
                    continue
                if _cut_short(record):
                    yield ReadError(where, _CUT.format(uri=uri))
                    break
                found = page_article(
                    content,
                    uri,
                    canonical_url(uri),
                    page_where,
                    options,
                    fallback_date=_capture_day(record.rec_headers.get_header("WARC-Date")),
                )
                if isinstance(found, ReadError) and _quiet(found, left_out):
                    continue
                yield found
    except OSError as exc:
        yield ReadError(where, f"cannot read file ({exc.strerror or exc}); check the path")
    except Exception as exc:  # warcio's own errors: a cut-off or malformed archive
        yield ReadError(where, f"cannot read this WARC file past here ({type(exc).__name__})")
    if left_out:
        yield ReadError(where, _left_out_line(left_out))


def _not_warc(path: Path) -> str | None:
    """Why a file is not a WARC file (it must start with a WARC/1.x header, gzipped or not),
    or None."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        return f"cannot read file ({exc.strerror or exc}); check the path"
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 16)
        except zlib.error:
            return "not a WARC file (damaged gzip data at the start)"
    if head.startswith(b"WARC/"):
        return None
    return "not a WARC file (it does not start with a WARC/1.x record header)"


_CUT = "the file is cut short (in the record of {uri}); the pages before it were read"


def _drain(record: Any) -> None:
    while record.raw_stream.read(1 << 16):
        pass


def _cut_short(record: Any) -> bool:
    """A record whose bytes end before its Content-Length: the file was cut there."""
    return bool(getattr(record.raw_stream, "limit", 0))


def _quiet(error: ReadError, left_out: Counter[str]) -> bool:
    """Count a page that is simply not an English article instead of reporting it."""
    if error.problem.startswith("no article text"):
        left_out[NO_TEXT] += 1
        return True
    if _LANGUAGE_MARK in error.problem:
        left_out[error.problem.split(",")[0]] += 1  # "French (fr)"
        return True
    return False


def _left_out_line(left_out: Counter[str]) -> str:
    total = sum(left_out.values())
    parts: list[str] = []
    languages = {k: v for k, v in left_out.items() if k != NO_TEXT}
    if languages:
        named = ", ".join(f"{k} {v}" for k, v in sorted(languages.items(), key=lambda kv: -kv[1]))
        parts.append(f"{sum(languages.values())} in languages eventcoder does not code ({named})")
    if left_out[NO_TEXT]:
        parts.append(f"{left_out[NO_TEXT]} with no article text (not articles?)")
    return f"{total} HTML page(s) left out: " + "; ".join(parts)
