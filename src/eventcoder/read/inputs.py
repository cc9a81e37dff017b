"""Every kind of input of ``code`` and ``ingest`` in one stream: paths (files, folders,
stdin), page URLs and WARC files, in the order given.

URLs share one ``Fetcher`` (one rate limit and robots.txt per host for the whole run),
opened on the first URL and closed when the stream ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

from eventcoder.read.sources import ReaderOptions, ReadError, read_paths
from eventcoder.read.warc import is_warc, read_warc
from eventcoder.read.web import Fetcher, FetchOptions, is_url, read_url
from eventcoder.records import Article


def read_inputs(
    args: Iterable[str],
    options: ReaderOptions,
    fetch: FetchOptions | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Article | ReadError]:
    """Read every argument in order; URLs are fetched with ``fetcher`` (or a new one with
    ``fetch`` options), WARC files streamed, everything else read by ``read_paths``."""
    with ExitStack() as stack:
        for arg in args:
            if is_url(arg):
                if fetcher is None:
                    fetcher = stack.enter_context(Fetcher(fetch or FetchOptions()))
                yield read_url(fetcher, arg, options)
            elif is_warc(arg) and Path(arg).is_file():
                yield from read_warc(Path(arg), options)
            else:
                yield from read_paths([arg], options)
