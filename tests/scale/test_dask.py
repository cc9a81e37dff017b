"""Scale-out on a real Dask LocalCluster (2 worker processes): the same rows as in-process."""

from __future__ import annotations

import os
from pathlib import Path

from eventcoder import Coder
from eventcoder.read import ReaderOptions, read_paths
from eventcoder.scale import DaskBatchCoder, dask_client, worker_peak_memory_mb
from eventcoder.store import LocalBatchCoder, Store, ingest
from tests.store.corpus import cli, corpus, snapshot, write_jsonl

ARTICLES = 16
BATCH = 3


def _coders_loaded() -> tuple[int, int]:
    from eventcoder.scale import worker

    return os.getpid(), len(worker._CODERS)


def test_two_worker_cluster_stores_the_same_rows_as_one_process(
    coder: Coder, tmp_path: Path
) -> None:
    source = write_jsonl(tmp_path / "corpus.jsonl", corpus(ARTICLES))
    reference = tmp_path / "reference.duckdb"
    with Store(reference) as store:
        ingest(
            read_paths([str(source)], ReaderOptions()),
            store,
            LocalBatchCoder(coder),
            batch_size=BATCH,
        )

    db = tmp_path / "dask.duckdb"
    with dask_client(workers=2) as client, Store(db) as store:
        report = ingest(
            read_paths([str(source)], ReaderOptions()),
            store,
            DaskBatchCoder(client),
            batch_size=BATCH,
        )
        loaded = client.run(_coders_loaded)
        memory = worker_peak_memory_mb(client)
    assert report.new == ARTICLES and report.batches == -(-ARTICLES // BATCH)
    # Two separate worker processes, each with exactly one Coder loaded for all its batches.
    pids = {pid for pid, _ in loaded.values()}
    assert len(pids) == 2 and os.getpid() not in pids
    assert all(count == 1 for _, count in loaded.values())
    assert len(memory) == 2 and all(mb > 0 for mb in memory.values())
    assert snapshot(db) == snapshot(reference)


def test_ingest_command_with_workers(tmp_path: Path) -> None:
    records = corpus(4)
    source = write_jsonl(tmp_path / "corpus.jsonl", records)
    db = tmp_path / "cli.duckdb"
    result = cli("ingest", str(source), "--db", str(db), "--workers", "2", "--batch-size", "1")
    assert result.returncode == 0, result.stderr
    assert "4 new" in result.stderr
    again = cli("ingest", str(source), "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert "0 new, 0 changed, 4 unchanged" in again.stderr
    bad = cli("ingest", str(source), "--db", str(db), "--workers", "2", "--scheduler", "x:1")
    assert bad.returncode == 2
