"""Where posted articles are coded: in a worker process (the server's default) or in a thread.

The server process answers queries; a CPU-bound coder in the same process would hold the GIL
most of the time, and every query (parsing, validation, JSON) would wait for it: under a
coding load, event queries slowed from a few ms to seconds (bench/load.py). So ``eventcoder
serve`` codes in one separate worker process that loads the model once (the per-process
Coder cache of ``eventcoder.scale.worker``) and returns plain dicts or table rows.
``ThreadBackend`` codes with a Coder in this process (tests, or ``--coding thread``).

Both are synchronous; the caller runs them on one worker thread at a time
(``CodingService``), so the event loop never blocks.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, Protocol

from eventcoder.records import Article, CodingFailure, Result
from eventcoder.store.ingest import Batch, CodedRows, apply_failures, code_rows
from eventcoder.store.rows import ArticleRows

if TYPE_CHECKING:
    from eventcoder.coder import Coder

SPACY_BATCH = 16
# The coding process runs at a lower CPU priority than the server, so that on a busy machine
# the queries (short, interactive) get the CPU first and coding takes what is left.
CODER_NICENESS = 5
# How often the coding process checks that the server is still its parent: when the server
# dies (even by kill -9, which runs no clean-up), the process exits within this time, and
# with it the multiprocessing resource tracker, which lives as long as a process uses it.
PARENT_CHECK_SECONDS = 0.5

# Per article, in input order: its contract object, or the CodingFailure that says why not.
CodedDicts = list[dict[str, Any] | CodingFailure]


class Backend(Protocol):
    def start(self) -> None: ...

    def code_dicts(self, articles: Sequence[Article]) -> CodedDicts: ...

    def code_rows(self, articles: Sequence[Article], hashes: dict[str, str]) -> CodedRows: ...

    def close(self) -> None: ...


def coded_dicts(coder: Coder, articles: Sequence[Article]) -> CodedDicts:
    """Each article's contract object, or its CodingFailure, in input order."""
    return [
        found.to_dict() if isinstance(found, Result) else found
        for found in coder.code_many_safe(articles)
    ]


class ThreadBackend:
    """Codes with a Coder of this process."""

    def __init__(self, coder: Coder) -> None:
        self.coder = coder

    def start(self) -> None:
        return None

    def code_dicts(self, articles: Sequence[Article]) -> CodedDicts:
        return coded_dicts(self.coder, articles)

    def code_rows(self, articles: Sequence[Article], hashes: dict[str, str]) -> CodedRows:
        return code_rows(self.coder, articles, hashes, True)

    def close(self) -> None:
        return None


# -- in the worker process -------------------------------------------------------------------


def _init_worker(parent: int) -> None:
    os.nice(CODER_NICENESS)
    threading.Thread(
        target=_exit_with_parent, args=(parent,), name="watch-parent", daemon=True
    ).start()


def _exit_with_parent(parent: int) -> None:
    """Exit this process as soon as ``parent`` is no longer its parent (it died, and the
    process was handed to init or a subreaper)."""
    while True:
        if os.getppid() != parent:
            os._exit(0)
        time.sleep(PARENT_CHECK_SECONDS)


def _load() -> int:
    from eventcoder.scale.worker import worker_coder

    worker_coder(SPACY_BATCH)
    return 0


def _code_dicts(articles: Sequence[Article]) -> CodedDicts:
    from eventcoder.scale.worker import worker_coder

    return coded_dicts(worker_coder(SPACY_BATCH), articles)


def _code_rows(articles: Sequence[Article], hashes: dict[str, str]) -> CodedRows:
    from eventcoder.scale.worker import code_batch

    return code_batch(list(articles), hashes, True, SPACY_BATCH)


class ProcessBackend:
    """Codes in one worker process (spawned, so it shares no threads or locks with the
    server; niced by ``CODER_NICENESS``), loaded at ``start()``; a worker that dies is
    replaced on the next request."""

    def __init__(self) -> None:
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(os.getpid(),),
            )
        return self._executor

    def _call(self, fn: Any, *args: Any) -> Any:
        try:
            return self._pool().submit(fn, *args).result()
        except BrokenProcessPool:
            self._executor = None  # the worker died (killed, out of memory): start anew
            raise

    def start(self) -> None:
        self._call(_load)

    def code_dicts(self, articles: Sequence[Article]) -> CodedDicts:
        found: CodedDicts = self._call(_code_dicts, list(articles))
        return found

    def code_rows(self, articles: Sequence[Article], hashes: dict[str, str]) -> CodedRows:
        found: CodedRows = self._call(_code_rows, list(articles), hashes)
        return found

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


class BackendBatchCoder:
    """The store's ``BatchCoder`` protocol over a backend, for ``store.ingest``."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def run(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[ArticleRows]]]:
        for batch in batches:
            if not batch.to_code:
                yield batch, []
                continue
            yield apply_failures(batch, self.backend.code_rows(batch.to_code, batch.hashes))
