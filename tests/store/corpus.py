"""Test corpora and database snapshots shared by the store and scale tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb

from eventcoder import Coder
from eventcoder.read import ReaderOptions, read_paths
from eventcoder.store import DedupRule, IngestReport, LocalBatchCoder, Store, ingest
from eventcoder.store.ingest import DEFAULT_BATCH_SIZE
from eventcoder.store.reprints import ReprintRule
from eventcoder.store.schema import DATA_TABLES

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples" / "articles.jsonl"
OUTLETS = ("Wire A", "Wire B", "Wire C")
REPRINTS = ReprintRule()  # the command line's default


def sample_records() -> list[dict[str, Any]]:
    lines = SAMPLES.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def corpus(n: int, stories: int | None = None) -> list[dict[str, Any]]:
    """n articles: the samples (or their first ``stories``) again and again, each copy from
    another outlet (so the same events are reported by several articles and outlets)."""
    samples = sample_records()[:stories]
    records = []
    for i in range(n):
        base = dict(samples[i % len(samples)])
        copy = i // len(samples)
        base["id"] = f"{base['id']}#{copy}"
        base["source"] = OUTLETS[copy % len(OUTLETS)]
        base.pop("url", None)
        records.append(base)
    return records


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def snapshot(db: Path | str) -> dict[str, list[tuple[Any, ...]]]:
    """Every coded row of every data table, sorted; without the ingest timestamps."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        found: dict[str, list[tuple[Any, ...]]] = {}
        for table in DATA_TABLES:
            columns = [
                row[0]
                for row in con.execute(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = ? ORDER BY ordinal_position",
                    [table],
                ).fetchall()
                if row[0] != "ingested_at"
            ]
            rows = con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            found[table] = sorted(rows, key=repr)
        return found
    finally:
        con.close()


def cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`eventcoder ARGS` in a new process (for commands that code or must be killed)."""
    return subprocess.run(
        [sys.executable, "-m", "eventcoder.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`eventcoder ARGS` in this process (the same Typer app, without a process start-up:
    for the commands that only read a database or fail on their arguments)."""
    from typer.testing import CliRunner

    from eventcoder.cli import app

    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)


def ingest_in_process(
    coder: Coder,
    source: Path,
    db: Path,
    batch_size: int = DEFAULT_BATCH_SIZE,
    rule: DedupRule | None = None,
    reprints: ReprintRule | None = REPRINTS,
) -> IngestReport:
    """Ingest a file with the session's in-process coder: the reference a Dask cluster, a
    killed run or a server must equal (reprints linked, as ``eventcoder ingest`` does)."""
    with Store(db, rule) as store:
        return ingest(
            read_paths([str(source)], ReaderOptions()),
            store,
            LocalBatchCoder(coder),
            batch_size=batch_size,
            reprints=reprints,
        )
