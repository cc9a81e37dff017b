"""A real kill -9 in the middle of an ingest, then a re-run: every article stored exactly once,
and the database equal to an uninterrupted run's."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventcoder import Coder
from eventcoder.read import ReaderOptions, read_paths
from eventcoder.store import LocalBatchCoder, Store, ingest
from tests.store.corpus import corpus, snapshot, write_jsonl

ARTICLES = 60
BATCH = 5


def _ingest_and_kill(source: Path, db: Path, commits_before_kill: int, delay: float) -> bool:
    """Start `eventcoder ingest`; kill -9 it after it reports some newly coded batches.

    Returns False when the run finished before it could be killed.
    """
    process = subprocess.Popen(
        [
            sys.executable, "-m", "eventcoder.cli", "ingest", str(source), "--db", str(db),
            "--batch-size", str(BATCH), "--verbose", "--no-progress",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert process.stderr is not None
    commits = 0
    try:
        for line in process.stderr:
            coded = re.search(r"committed batch \d+: (\d+) coded", line)
            if coded and int(coded.group(1)) > 0:  # not a batch of already stored articles
                commits += 1
                if commits >= commits_before_kill:
                    time.sleep(delay)
                    break
        if process.poll() is not None:
            return False
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        assert process.returncode == -signal.SIGKILL
        return True
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()


def _check_exactly_once(db: Path, expected_ids: set[str] | None = None) -> None:
    with Store(db, read_only=True) as store:
        ids = [row[0] for row in store.query("SELECT article_id FROM articles")]
        assert len(ids) == len(set(ids)), "an article is stored twice"
        if expected_ids is not None:
            assert set(ids) == expected_ids
        # Each stored article has exactly its own mentions, and no mention is orphaned.
        mismatched = store.query(
            "SELECT a.article_id FROM articles a LEFT JOIN "
            "(SELECT article_id, count(*) AS n FROM mentions GROUP BY 1) m USING (article_id) "
            "WHERE coalesce(m.n, 0) != a.n_events"
        )
        assert mismatched == []
        orphans = store.query(
            "SELECT count(*) FROM mentions "
            "WHERE article_id NOT IN (SELECT article_id FROM articles)"
        )
        assert orphans == [(0,)]


def test_kill_9_mid_ingest_then_rerun_gives_the_uninterrupted_database(
    coder: Coder, tmp_path: Path
) -> None:
    records = corpus(ARTICLES)
    source = write_jsonl(tmp_path / "corpus.jsonl", records)

    reference = tmp_path / "reference.duckdb"
    with Store(reference) as store:
        ingest(
            read_paths([str(source)], ReaderOptions()),
            store,
            LocalBatchCoder(coder),
            batch_size=BATCH,
        )

    db = tmp_path / "killed.duckdb"
    killed = 0
    # First kill right after a commit is reported (while the next batch is being coded),
    # the second a moment later, somewhere in coding or writing.
    for commits, delay in ((2, 0.0), (1, 0.15)):
        if _ingest_and_kill(source, db, commits, delay):
            killed += 1
            _check_exactly_once(db)
    if not killed:
        pytest.fail("the ingest finished before it could be killed; make the corpus larger")
    with Store(db, read_only=True) as store:
        stored = store.count("articles")
    assert 0 < stored < ARTICLES, "the kill was not mid-ingest"

    final = subprocess.run(
        [sys.executable, "-m", "eventcoder.cli", "ingest", str(source), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert final.returncode == 0, final.stderr
    assert f"{ARTICLES - stored} new, 0 changed, {stored} unchanged" in final.stderr
    _check_exactly_once(db, {r["id"] for r in records})
    assert snapshot(db) == snapshot(reference)
    with Store(db, read_only=True) as store:
        statuses = [row[0] for row in store.query("SELECT status FROM runs ORDER BY run_id")]
    assert statuses[-1] == "done" and statuses.count("interrupted") == killed
