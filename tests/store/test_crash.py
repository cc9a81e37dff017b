"""A real kill -9 in the middle of an ingest, then a re-run: every article stored exactly once,
and the database equal to an uninterrupted run's. One test kills `eventcoder ingest` while it
codes or writes; the other kills a writer at a known point inside a write transaction."""

from __future__ import annotations

import os
import pickle
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventcoder import Coder
from eventcoder.read import ReaderOptions, read_paths
from eventcoder.records import Article
from eventcoder.store import Store
from eventcoder.store.rows import ArticleRows, article_rows
from tests.store.corpus import corpus, ingest_in_process, snapshot, write_jsonl

# Real ingest processes killed with SIGKILL: the slow tier.
pytestmark = pytest.mark.slow

ARTICLES = 24
STORIES = 8  # each story from 3 outlets, in 3 different batches
BATCH = 4
WRITER = Path(__file__).with_name("killed_writer.py")


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
    records = corpus(ARTICLES, STORIES)
    source = write_jsonl(tmp_path / "corpus.jsonl", records)

    reference = tmp_path / "reference.duckdb"
    ingest_in_process(coder, source, reference, BATCH)

    db = tmp_path / "killed.duckdb"
    # Killed a moment after its second batch of newly coded articles was committed: somewhere
    # in coding or writing the third.
    if not _ingest_and_kill(source, db, commits_before_kill=2, delay=0.1):
        pytest.fail("the ingest finished before it could be killed; make the corpus larger")
    killed = 1
    _check_exactly_once(db)
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
        merged = store.query("SELECT count(*) FROM events WHERE num_articles = 3")
    assert statuses[-1] == "done" and statuses.count("interrupted") == killed
    assert merged[0][0] > 0, "events reported in several batches are grouped across runs"


def _coded(coder: Coder, source: Path) -> list[ArticleRows]:
    articles = [a for a in read_paths([str(source)], ReaderOptions()) if isinstance(a, Article)]
    return [article_rows(result) for result in coder.code_many(articles)]


def _written(db: Path, batches: list[list[ArticleRows]]) -> Path:
    with Store(db) as store:
        for batch in batches:
            store.write_batch(batch)
    return db


def _write_and_kill(db: Path, batches: list[list[ArticleRows]], pause: int, tmp: Path) -> None:
    """Run killed_writer.py on these batches; kill -9 it inside batch ``pause``'s transaction."""
    data = tmp / "batches.pickle"
    data.write_bytes(pickle.dumps(batches))
    errors = tmp / "writer.stderr"
    with errors.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, str(WRITER), str(db), str(data), str(pause)],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    assert process.stdout is not None
    try:
        lines = []
        for line in process.stdout:
            lines.append(line.strip())
            if line.strip() == "PAUSED":
                break
        assert lines[-1:] == ["PAUSED"], errors.read_text()
        assert lines[:-1] == [f"committed {n}" for n in range(pause)]
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        assert process.returncode == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()


def test_kill_9_inside_a_write_transaction_keeps_only_committed_batches(
    coder: Coder, tmp_path: Path
) -> None:
    records = corpus(12, 4)
    source = write_jsonl(tmp_path / "a.jsonl", records)
    rows = _coded(coder, source)
    batches = [rows[0:4], rows[4:8], rows[8:12]]
    changed = [dict(r) for r in records]
    for i in (0, 5):
        changed[i]["text"] = "ABUJA, May 2 (Wire) - Nigerian police arrested 40 protesters."
    changed_source = write_jsonl(tmp_path / "changed.jsonl", changed)
    replacement = [r for r in _coded(coder, changed_source) if r.article_id in {
        changed[0]["id"], changed[5]["id"]}]  # fmt: skip
    assert len(replacement) == 2

    db = tmp_path / "killed.duckdb"
    # Killed in the third batch, after its articles and mentions were inserted: the first two
    # batches are stored, nothing of the third.
    _write_and_kill(db, batches, pause=2, tmp=tmp_path)
    assert snapshot(db) == snapshot(_written(tmp_path / "two.duckdb", batches[:2]))
    _check_exactly_once(db)

    # Killed while replacing two stored articles (old rows deleted, new ones inserted): the
    # old versions are intact.
    before = snapshot(db)
    _write_and_kill(db, [replacement], pause=0, tmp=tmp_path)
    assert snapshot(db) == before

    # Re-running the ingest codes only what is missing and gives the uninterrupted database.
    # (Rows written as coded, copies included: no reprints in this comparison.)
    report = ingest_in_process(coder, source, db, reprints=None)
    assert (report.new, report.changed, report.unchanged) == (4, 0, 8)
    assert snapshot(db) == snapshot(_written(tmp_path / "all.duckdb", batches))
    _check_exactly_once(db, {r["id"] for r in records})

    # And the changed content, once committed, replaces exactly those two articles' rows.
    report = ingest_in_process(coder, changed_source, db, reprints=None)
    assert (report.new, report.changed, report.unchanged) == (0, 2, 10)
    expected = _written(tmp_path / "changed.duckdb", [*batches, replacement])
    assert snapshot(db) == snapshot(expected)
