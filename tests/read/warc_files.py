"""Small WARC files built with warcio for the tests and the benchmark."""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def write_warc(
    path: Path,
    pages: Iterable[tuple[str, bytes]],
    *,
    extra: bool = True,
    date: str = "2023-11-08T10:00:00Z",
) -> Path:
    """A gzipped WARC (unless ``path`` ends in ``.warc``) with one request and one response
    record per page (url, html); with ``extra``, also records that are not article pages: an
    image, a 404, a redirect and a metadata record."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        for url, html in pages:
            _record(writer, url, "200 OK", "text/html; charset=utf-8", html, date)
        if extra:
            _record(writer, "http://127.0.0.1/logo.png", "200 OK", "image/png", b"\x89PNG", date)
            _record(
                writer, "http://127.0.0.1/gone", "404 Not Found", "text/html", b"<p>no</p>", date
            )
            _record(writer, "http://127.0.0.1/old", "301 Moved Permanently", "text/html", b"", date)
            meta = writer.create_warc_record(
                "http://127.0.0.1/old",
                "metadata",
                payload=BytesIO(b"via: test"),
                warc_content_type="application/warc-fields",
            )
            writer.write_record(meta)
    return path


def _record(writer: WARCWriter, url: str, status: str, ctype: str, body: bytes, date: str) -> None:
    request = writer.create_warc_record(
        url,
        "request",
        payload=BytesIO(b""),
        http_headers=StatusAndHeaders(
            f"GET {url} HTTP/1.1", [("Host", "127.0.0.1")], is_http_request=True
        ),
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(request)
    headers = StatusAndHeaders(
        status, [("Content-Type", ctype), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
    )
    response = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": date},
    )
    writer.write_record(response)
