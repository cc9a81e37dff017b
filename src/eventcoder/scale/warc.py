"""WARC files read on the Dask workers, one file per task (``ingest --workers``).

Extracting a crawl's pages (decompressing, parsing HTML, finding the main text) is the part
of a WARC ingest that scales with the number of files, so each WARC file is one task: a
worker reads it with ``read.warc.read_warc`` and sends back its articles (text and metadata,
a small fraction of the archive's bytes). The driver keeps as many files in flight as there
are workers and hands the articles on in input order, where they are planned (stored and
unchanged, reprints) and coded in batches on the same cluster. The files must be readable
at the same path by the workers (a LocalCluster, or a shared file system).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path

from distributed import Client, Future

from eventcoder.read import ReaderOptions, ReadError
from eventcoder.read.inputs import read_inputs
from eventcoder.read.warc import is_warc, read_warc
from eventcoder.read.web import Fetcher
from eventcoder.records import Article
from eventcoder.scale.runner import worker_count

Items = list[Article | ReadError]


def warc_articles(path: str, options: ReaderOptions) -> Items:
    """The task: every page of one WARC file, read on a worker."""
    return list(read_warc(Path(path), options))


def read_inputs_on_cluster(
    client: Client,
    paths: Sequence[str],
    options: ReaderOptions,
    fetcher: Fetcher | None = None,
    in_flight: int | None = None,
) -> Iterator[Article | ReadError]:
    """``read_inputs`` with the WARC files read on the cluster; input order is kept."""
    window = in_flight or worker_count(client)
    pending: deque[tuple[str, Future[Items] | None]] = deque()
    args = iter(paths)

    def top_up() -> None:
        while sum(1 for _, f in pending if f is not None) < window:
            arg = next(args, None)
            if arg is None:
                return
            future = None
            if is_warc(arg) and Path(arg).is_file():
                future = client.submit(warc_articles, str(Path(arg).resolve()), options, pure=False)
            pending.append((arg, future))

    top_up()
    while pending:
        arg, future = pending.popleft()
        if future is None:
            yield from read_inputs([arg], options, fetcher=fetcher)
        else:
            items = future.result()
            future.release()  # type: ignore[no-untyped-call]
            top_up()
            # Messages name the file as it was given, not the resolved path.
            resolved = str(Path(arg).resolve())
            for item in items:
                yield _as_given(item, resolved, arg)
        top_up()


def _as_given(item: Article | ReadError, resolved: str, arg: str) -> Article | ReadError:
    if isinstance(item, ReadError):
        return ReadError(item.where.replace(resolved, arg, 1), item.problem)
    if item.origin is None:
        return item
    from dataclasses import replace

    return replace(item, origin=item.origin.replace(resolved, arg, 1))
