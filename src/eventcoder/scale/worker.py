"""What runs on a Dask worker: one Coder per worker process, and the batch task.

The per-process cache ``_CODERS`` is the one piece of module-level mutable state in eventcoder:
a Dask worker process lives for many tasks, and loading spaCy and the dictionaries (~1-3 s,
~170 MB) per task would cost more than coding a batch. ``CoderPlugin`` fills it when a worker
starts; ``code_batch`` also fills it lazily on a worker that joined without the plugin. A task
that asks for another spaCy batch size gets a shallow copy sharing the loaded model, so a
worker that serves several clients (``--scheduler``) still holds the model once.
"""

from __future__ import annotations

import copy
import os
import resource
from typing import TYPE_CHECKING, Any

from distributed.diagnostics.plugin import WorkerPlugin

from eventcoder.records import Article
from eventcoder.store.ingest import CodedRows, code_rows

if TYPE_CHECKING:
    from eventcoder.coder import Coder

_CODERS: dict[int, Coder] = {}  # process id -> the Coder loaded in that process


def worker_coder(batch_size: int) -> Coder:
    """This process's Coder (loaded on first use), with this spaCy batch size."""
    coder = _CODERS.get(os.getpid())
    if coder is None:
        from eventcoder.coder import Coder

        coder = Coder(batch_size=batch_size)
        _CODERS[os.getpid()] = coder
    if coder.batch_size == batch_size:
        return coder
    variant = copy.copy(coder)  # shares the pipeline, dictionaries and gazetteer
    variant.batch_size = batch_size
    return variant


class CoderPlugin(WorkerPlugin):  # type: ignore[misc]
    """Loads the Coder once when a worker starts (or when the plugin is registered)."""

    name = "eventcoder-coder"

    def __init__(self, batch_size: int) -> None:
        self.batch_size = batch_size

    def setup(self, worker: Any) -> None:
        worker_coder(self.batch_size)


def code_batch(
    articles: list[Article], hashes: dict[str, str], store_text: bool, batch_size: int
) -> CodedRows:
    """The task: code a batch of articles and flatten each result into table rows; the
    articles that could not be coded come back as CodingFailures (the task never fails for
    an article)."""
    return code_rows(worker_coder(batch_size), articles, hashes, store_text)


def peak_rss_mb() -> float:
    """Peak resident memory of this process, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time (user + system) this process has used so far, in seconds."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
