"""Scale-out on a real Dask LocalCluster (2 worker processes): the same rows as in-process,
through the API and through `eventcoder ingest --scheduler` (to DuckDB and to Parquet)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from distributed import Client

from eventcoder import Coder
from eventcoder.read import ReaderOptions, read_paths
from eventcoder.scale import DaskBatchCoder, dask_client, worker_peak_memory_mb
from eventcoder.store import Store, ingest
from tests.store.corpus import cli, corpus, ingest_in_process, run_cli, snapshot, write_jsonl

# Real Dask clusters: the slow tier.
pytestmark = pytest.mark.slow

ARTICLES = 8
STORIES = 4  # each story from 2 outlets: events with num_articles 2 span batches and workers
BATCH = 3


def _coders_loaded() -> tuple[int, int, int]:
    """(process id, Coders cached, identity of the loaded spaCy pipeline) of a worker."""
    from eventcoder.scale import worker

    return (
        os.getpid(),
        len(worker._CODERS),
        id(worker._CODERS[os.getpid()].nlp) if os.getpid() in worker._CODERS else 0,
    )


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with dask_client(workers=2) as found:
        yield found


def test_two_worker_cluster_stores_the_same_rows_as_one_process(
    coder: Coder, client: Client, tmp_path: Path
) -> None:
    records = corpus(ARTICLES, STORIES)
    source = write_jsonl(tmp_path / "corpus.jsonl", records)
    reference = tmp_path / "reference.duckdb"
    ingest_in_process(coder, source, reference, BATCH)
    with Store(reference, read_only=True) as store:
        shared = store.query("SELECT count(*) FROM events WHERE num_articles = 2")
    assert shared[0][0] > 0, "the corpus has events reported by two articles"

    # The API on the cluster: the first half of the corpus.
    db = tmp_path / "dask.duckdb"
    half = write_jsonl(tmp_path / "half.jsonl", records[: ARTICLES // 2])
    with Store(db) as store:
        report = ingest(
            read_paths([str(half)], ReaderOptions()),
            store,
            DaskBatchCoder(client),
            batch_size=BATCH,
        )
    assert report.new == ARTICLES // 2 and report.batches == -(-ARTICLES // 2 // BATCH)
    loaded = client.run(_coders_loaded)
    # Two separate worker processes, each with exactly one Coder loaded for all its batches.
    pids = {pid for pid, _, _ in loaded.values()}
    assert len(pids) == 2 and os.getpid() not in pids
    assert all(count == 1 for _, count, _ in loaded.values())
    memory = worker_peak_memory_mb(client)
    assert len(memory) == 2 and all(mb > 0 for mb in memory.values())

    # The command line on the same cluster finishes the corpus: the stored half is skipped,
    # and the database equals the one-process run's.
    address = str(client.scheduler_info()["address"])
    result = cli(
        "ingest", str(source), "--db", str(db), "--scheduler", address, "--batch-size", "5"
    )
    assert result.returncode == 0, result.stderr
    assert f"{ARTICLES // 2} new, 0 changed, {ARTICLES // 2} unchanged" in result.stderr
    assert snapshot(db) == snapshot(reference)
    # Another client and spaCy batch size did not make the workers load the model again.
    assert client.run(_coders_loaded) == loaded

    # --parquet: date-partitioned files holding every article once and the same mentions.
    lake = tmp_path / "lake"
    result = cli("ingest", str(source), "--parquet", str(lake), "--scheduler", address)
    assert result.returncode == 0, result.stderr
    assert f"{ARTICLES} new" in result.stderr
    assert any(p.name.startswith("date=") for p in (lake / "articles").iterdir())
    assert sorted(_parquet(lake, "articles", "article_id")) == sorted(r["id"] for r in records)
    columns = "article_id, seq, cameo, source_code, target_code, evidence, event_id"
    # Parquet keeps no reprint index: every article is coded, as DuckDB with --no-reprints.
    plain = tmp_path / "plain.duckdb"
    ingest_in_process(coder, source, plain, BATCH, reprints=None)
    with Store(plain, read_only=True) as store:
        expected = sorted(store.query(f"SELECT {columns} FROM mentions"))
    assert sorted(_parquet(lake, "mentions", columns)) == expected


def _parquet(lake: Path, table: str, columns: str) -> list[Any]:
    con = duckdb.connect()
    try:
        glob = str(lake / table / "**" / "*.parquet")
        rows = con.execute(f"SELECT {columns} FROM read_parquet('{glob}')").fetchall()
    finally:
        con.close()
    return [row[0] if len(row) == 1 else row for row in rows]


def test_workers_and_scheduler_together_is_a_usage_error(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "corpus.jsonl", corpus(1))
    db = tmp_path / "cli.duckdb"
    bad = run_cli("ingest", str(source), "--db", str(db), "--workers", "2", "--scheduler", "x:1")
    assert bad.returncode == 2
    assert "not both" in bad.stderr
    assert not db.exists()


def test_ingest_with_workers_starts_a_local_cluster(coder: Coder, tmp_path: Path) -> None:
    # `--workers 2` starts its own LocalCluster of two processes, codes there, and stores
    # exactly what one process stores.
    records = corpus(4, 2)
    source = write_jsonl(tmp_path / "corpus.jsonl", records)
    reference = tmp_path / "reference.duckdb"
    ingest_in_process(coder, source, reference)
    db = tmp_path / "workers.duckdb"
    result = cli("ingest", str(source), "--db", str(db), "--workers", "2", "--batch-size", "2")
    assert result.returncode == 0, result.stderr
    assert "4 new, 0 changed, 0 unchanged" in result.stderr
    assert snapshot(db) == snapshot(reference)


def test_an_article_a_worker_cannot_code_is_skipped_and_the_rest_stored(
    client: Client, tmp_path: Path
) -> None:
    """Per-article isolation on the cluster: the task returns the failure, not an error."""
    from eventcoder.records import Article

    records = corpus(6, 3)
    articles = [Article(r["id"], r["text"], r.get("date"), source=r.get("source")) for r in records]
    # A text no UTF-8 can hold (the reader repairs these; the Python API lets them through).
    articles[3] = Article("broken", "Soldiers attacked\ud800 the town.", origin="api:4")
    db = tmp_path / "isolated.duckdb"
    with Store(db) as store:
        report = ingest(articles, store, DaskBatchCoder(client), batch_size=BATCH)
        stored = {r[0] for r in store.query("SELECT article_id FROM articles")}
        skipped = store.query("SELECT article_id, stage, location FROM skipped")
    assert report.skipped == 1 and report.new == 5
    assert stored == {a.id for a in articles} - {"broken"}
    assert skipped == [("broken", "parse", "api:4: article broken")]
