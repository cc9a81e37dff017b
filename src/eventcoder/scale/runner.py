"""Coding on a Dask cluster: a LocalCluster of N worker processes, or an existing scheduler.

The driver plans batches (and skips stored, unchanged articles), keeps a few batches in flight
per worker, and receives flattened rows in input order, which it writes to DuckDB or Parquet.
Workers load the Coder once (``CoderPlugin``) and code whole batches with spaCy's ``pipe``.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from distributed import Client, Future, LocalCluster

from eventcoder.coder import DEFAULT_BATCH_SIZE as SPACY_BATCH_SIZE
from eventcoder.scale.worker import CoderPlugin, code_batch, peak_rss_mb
from eventcoder.store.ingest import Batch, CodedRows, apply_failures
from eventcoder.store.rows import ArticleRows

IN_FLIGHT_PER_WORKER = 2


@contextmanager
def dask_client(
    workers: int | None = None,
    scheduler: str | None = None,
    spacy_batch_size: int = SPACY_BATCH_SIZE,
) -> Iterator[Client]:
    """A client on a new LocalCluster (``workers`` processes) or on ``scheduler``.

    Every worker gets the Coder loaded before this returns.
    """
    cluster: LocalCluster | None = None
    if scheduler:
        client = Client(scheduler)  # type: ignore[no-untyped-call]
    else:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)  # type: ignore[no-untyped-call]
    try:
        client.register_plugin(CoderPlugin(spacy_batch_size))
        yield client
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()  # type: ignore[no-untyped-call]


def worker_count(client: Client) -> int:
    info: dict[str, Any] = client.scheduler_info()
    return max(1, len(info.get("workers", {})))


def worker_peak_memory_mb(client: Client) -> dict[str, float]:
    """Peak resident memory of each worker process (MB)."""
    found: dict[str, float] = client.run(peak_rss_mb)
    return found


class DaskBatchCoder:
    """A BatchCoder that codes on the cluster behind ``client``; results come in input order."""

    def __init__(
        self,
        client: Client,
        store_text: bool = True,
        spacy_batch_size: int = SPACY_BATCH_SIZE,
        in_flight: int | None = None,
    ) -> None:
        self.client = client
        self.store_text = store_text
        self.spacy_batch_size = spacy_batch_size
        self.in_flight = in_flight or IN_FLIGHT_PER_WORKER * worker_count(client)

    def run(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[ArticleRows]]]:
        window: deque[tuple[Batch, Future[CodedRows] | None]] = deque()
        for batch in batches:
            future = None
            if batch.to_code:
                future = self.client.submit(
                    code_batch,
                    batch.to_code,
                    batch.hashes,
                    self.store_text,
                    self.spacy_batch_size,
                    pure=False,
                )
            window.append((batch, future))
            while len(window) > self.in_flight:
                yield self._collect(window)
        while window:
            yield self._collect(window)

    @staticmethod
    def _collect(
        window: deque[tuple[Batch, Future[CodedRows] | None]],
    ) -> tuple[Batch, list[ArticleRows]]:
        batch, future = window.popleft()
        if future is None:
            return batch, []
        coded: CodedRows = future.result()
        future.release()  # type: ignore[no-untyped-call]
        return apply_failures(batch, coded)
