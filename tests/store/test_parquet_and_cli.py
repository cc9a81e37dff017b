"""The Parquet sink (idempotent, crash-safe) and `eventcoder ingest` / `summary` as a user runs
them: skipped inputs reported on stderr and in a table, progress with articles/s."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventcoder import Coder
from eventcoder.read import ReaderOptions, read_paths
from eventcoder.store import IngestReport, LocalBatchCoder, Store, ingest
from eventcoder.store import parquet as parquet_module
from eventcoder.store.parquet import ParquetSink
from tests.helpers import CliRun
from tests.store.corpus import corpus, run_cli, sample_records, write_jsonl


def _to_parquet(
    directory: Path, records: list[dict[str, Any]], coder: Coder, tmp_path: Path, name: str
) -> IngestReport:
    source = write_jsonl(tmp_path / name, records)
    sink = ParquetSink(directory)
    try:
        return ingest(
            read_paths([str(source)], ReaderOptions()), sink, LocalBatchCoder(coder), batch_size=4
        )
    finally:
        sink.close()


def _read(directory: Path, table: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect()
    glob = str(directory / table / "**" / "*.parquet")
    rows = con.execute(
        f"SELECT * FROM read_parquet('{glob}', hive_partitioning = true, union_by_name = true)"
    ).fetchall()
    con.close()
    return rows


def _article_ids(directory: Path) -> list[str]:
    con = duckdb.connect()
    glob = str(directory / "articles" / "**" / "*.parquet")
    ids = [r[0] for r in con.execute(f"SELECT article_id FROM read_parquet('{glob}')").fetchall()]
    con.close()
    return ids


def test_parquet_sink_is_partitioned_idempotent_and_replaces_changed_articles(
    coder: Coder, tmp_path: Path
) -> None:
    out = tmp_path / "lake"
    records = corpus(10)
    first = _to_parquet(out, records, coder, tmp_path, "a.jsonl")
    assert first.new == 10
    assert sorted(_article_ids(out)) == sorted(r["id"] for r in records)
    assert any(p.name.startswith("date=") for p in (out / "mentions").iterdir())
    mentions = _read(out, "mentions")
    assert len(mentions) == first.mentions
    files = sorted(p for p in out.rglob("*.parquet"))

    again = _to_parquet(out, records, coder, tmp_path, "a.jsonl")
    assert (again.new, again.unchanged) == (0, 10)
    assert sorted(p for p in out.rglob("*.parquet")) == files

    changed = [dict(r) for r in records]
    changed[2]["text"] = "NIAMEY, July 30 (Wire) - Nigerien soldiers detained President Bazoum."
    third = _to_parquet(out, changed, coder, tmp_path, "b.jsonl")
    assert (third.changed, third.unchanged) == (1, 9)
    ids = _article_ids(out)
    assert sorted(ids) == sorted(r["id"] for r in records)  # still exactly once each
    con = duckdb.connect()
    glob = str(out / "mentions" / "**" / "*.parquet")
    evidence = con.execute(
        f"SELECT evidence FROM read_parquet('{glob}') WHERE article_id = ?", [changed[2]["id"]]
    ).fetchall()
    con.close()
    assert evidence and all("Bazoum" in e for (e,) in evidence)


def test_parquet_sink_recovers_from_a_crash_on_either_side_of_the_commit_point(
    coder: Coder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "lake"
    records = corpus(6)

    # Killed before the journal entry is written: nothing of the batch may count.
    def no_journal(path: Path, data: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(parquet_module, "_write_json_atomically", no_journal)
    with pytest.raises(KeyboardInterrupt):
        _to_parquet(out, records, coder, tmp_path, "a.jsonl")
    monkeypatch.undo()
    assert not list((out / "_journal").glob("*.json"))

    # Killed after the commit point, before the files were moved: the next open completes it.
    real_apply = ParquetSink._apply
    calls = {"n": 0}

    def crash_in_apply(self: ParquetSink, entry: dict[str, Any]) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        real_apply(self, entry)

    monkeypatch.setattr(ParquetSink, "_apply", crash_in_apply)
    with pytest.raises(KeyboardInterrupt):
        _to_parquet(out, records, coder, tmp_path, "a.jsonl")
    monkeypatch.undo()
    assert list((out / "_journal").glob("*.pending.json"))

    report = _to_parquet(out, records, coder, tmp_path, "a.jsonl")
    # Both batches committed (the second rolled forward on open): nothing left to code.
    assert (report.new, report.unchanged) == (0, 6)
    assert sorted(_article_ids(out)) == sorted(r["id"] for r in records)
    assert not (out / "_staging").exists()


def test_ingest_command_reports_skipped_inputs_and_progress(
    tmp_path: Path, cli_in_process: CliRun
) -> None:
    story = sample_records()[1]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.txt").write_text(story["text"], encoding="utf-8")
    (folder / "b-empty.txt").write_text("", encoding="utf-8")
    lines = [json.dumps({"id": "j1", "text": story["text"], "date": story["date"]}), "{broken"]
    (folder / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "x.duckdb"
    result = cli_in_process(
        "ingest", str(folder), "--db", str(db), "--date", "2023-07-28", "--progress"
    )
    assert result.returncode == 1
    skipped = [line for line in result.stderr.splitlines() if "skipped" in line and ":" in line]
    assert any("b-empty.txt" in line and "empty" in line for line in skipped)
    assert any("c.jsonl:2" in line and "malformed JSON" in line for line in skipped)
    assert "articles/s" in result.stderr
    assert "2 new" in result.stderr
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT location, problem FROM skipped ORDER BY seq")
        assert len(rows) == 2
        assert store.query("SELECT status, new_articles, skipped_inputs FROM runs") == [
            ("done", 2, 2)
        ]
    summary = run_cli("summary", "--db", str(db))
    assert summary.returncode == 0, summary.stderr
    for heading in ("Events by CAMEO root", "Events by QuadClass", "Top actors", "Top dyads"):
        assert heading in summary.stdout
    assert "2 articles" in " ".join(summary.stdout.split())
