"""Scale-out: coding batches on a Dask cluster (LocalCluster or an existing scheduler)."""

from __future__ import annotations

from eventcoder.scale.runner import (
    DaskBatchCoder,
    dask_client,
    worker_count,
    worker_peak_memory_mb,
)

__all__ = ["DaskBatchCoder", "dask_client", "worker_count", "worker_peak_memory_mb"]
