"""A Parquet sink for data lakes: the store's tables as date-partitioned Parquet files.

Layout under DIR (hive partitioning, readable by DuckDB, Spark, pandas/pyarrow, Polars):

    articles/date=YYYY-MM-DD/part-<batch>-<n>.parquet   (article publication date)
    mentions/date=YYYY-MM-DD/part-<batch>-<n>.parquet   (event date; event_key, event_id set)
    actors/ places/ quotes/ skipped/  part-<batch>.parquet
    _journal/<batch>.json                               (what each committed batch wrote)

Crash safety without a database: a batch is written to ``_staging/<batch>/``, then its
journal entry (the files to move into place, files to rewrite or delete for articles whose
content changed, and the article ids and hashes) is written atomically as
``<batch>.pending.json``: that is the commit point. The moves follow, and the entry is renamed
``<batch>.json``. Opening the directory rolls any pending entry forward and discards staging
left by a batch killed before its commit point, so every article is stored exactly once.
One writer per directory at a time. Events are not materialised here: group the mentions by
``event_id`` (docs/store.md shows the query).
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from eventcoder.store.db import Skip, insert_rows
from eventcoder.store.dedup import DedupRule, key_mention_row
from eventcoder.store.migrations import migrate
from eventcoder.store.rows import ArticleRows
from eventcoder.store.schema import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    MENTION_COLUMNS,
    MENTION_KEY_COLUMNS,
    PLACE_COLUMNS,
    QUOTE_COLUMNS,
    SKIPPED_COLUMNS,
)
from eventcoder.store.sql import fetch_one, sql_string

_PARTITIONED = ("articles", "mentions")
_PER_ARTICLE = ("articles", "mentions", "actors", "places", "quotes")
_TABLES = (*_PER_ARTICLE, "skipped")


def _write_json_atomically(path: Path, data: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        json.dump(data, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ParquetSink:
    """Writes ingest batches as Parquet under ``directory``; see the module docstring."""

    def __init__(self, directory: str | Path, rule: DedupRule | None = None) -> None:
        self.root = Path(directory)
        self.rule = rule or DedupRule()
        self.journal = self.root / "_journal"
        self.staging = self.root / "_staging"
        self.journal.mkdir(parents=True, exist_ok=True)
        self._recover()
        self.known: dict[str, str] = {}
        self._holder: dict[str, str] = {}  # article id -> batch whose files hold its rows
        self._files: dict[str, list[str]] = {}  # batch -> its data files (relative paths)
        self._replay()
        self.scratch = duckdb.connect()
        migrate(self.scratch)

    def close(self) -> None:
        self.scratch.close()

    # -- journal ------------------------------------------------------------------------

    def _recover(self) -> None:
        for pending in sorted(self.journal.glob("*.pending.json")):
            entry = json.loads(pending.read_text(encoding="utf-8"))
            self._apply(entry)
            os.replace(pending, self.journal / f"{entry['batch']}.json")
        shutil.rmtree(self.staging, ignore_errors=True)
        for tmp in self.journal.glob("*.tmp"):
            tmp.unlink()

    def _apply(self, entry: dict[str, Any]) -> None:
        """Carry out a committed entry's moves and deletions; safe to repeat."""
        for src, dst in entry["moves"]:
            source, target = self.root / src, self.root / dst
            if source.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
        for path in entry["deletes"]:
            (self.root / path).unlink(missing_ok=True)

    def _replay(self) -> None:
        for path in sorted(self.journal.glob("*.json")):
            if path.name.endswith(".pending.json"):
                continue
            self._remember(json.loads(path.read_text(encoding="utf-8")))

    def _remember(self, entry: dict[str, Any]) -> None:
        batch = entry["batch"]
        deleted = set(entry["deletes"])
        for files in self._files.values():
            files[:] = [f for f in files if f not in deleted]
        self._files[batch] = list(entry["files"])
        for article_id, digest in entry["articles"].items():
            self.known[article_id] = digest
            self._holder[article_id] = batch

    # -- Sink protocol ------------------------------------------------------------------

    def known_hashes(self, article_ids: Iterable[str]) -> dict[str, str]:
        return {i: self.known[i] for i in article_ids if i in self.known}

    def write_batch(
        self, batch: Sequence[ArticleRows], skipped: Sequence[Skip] = (), run_id: int = 0
    ) -> int:
        if not batch and not skipped:
            return 0
        tag = f"{len(list(self.journal.glob('*.json'))):08d}-{uuid.uuid4().hex[:8]}"
        stage = self.staging / tag
        stage.mkdir(parents=True)
        con = self.scratch
        for table in _TABLES:
            con.execute(f"DELETE FROM {table}")
        mentions = [key_mention_row(self.rule, m) for rows in batch for m in rows.mentions]
        insert_rows(con, "articles", ARTICLE_COLUMNS, [r.article for r in batch])
        insert_rows(con, "mentions", MENTION_COLUMNS + MENTION_KEY_COLUMNS, mentions)
        insert_rows(con, "actors", ACTOR_COLUMNS, [a for r in batch for a in r.actors])
        insert_rows(con, "places", PLACE_COLUMNS, [p for r in batch for p in r.places])
        insert_rows(con, "quotes", QUOTE_COLUMNS, [q for r in batch for q in r.quotes])
        insert_rows(
            con,
            "skipped",
            SKIPPED_COLUMNS,
            [s.row(run_id, i) for i, s in enumerate(skipped)],
        )
        for table in _TABLES:
            row = fetch_one(con, f"SELECT count(*) FROM {table}")
            if not row or not row[0]:
                continue
            if table in _PARTITIONED:
                con.execute(
                    f"COPY {table} TO {sql_string(stage / table)} (FORMAT parquet, "
                    f"PARTITION_BY (date), FILENAME_PATTERN 'part-{tag}-{{i}}')"
                )
            else:
                (stage / table).mkdir()
                target = sql_string(stage / table / f"part-{tag}.parquet")
                con.execute(f"COPY {table} TO {target} (FORMAT parquet)")
        files = sorted(p.relative_to(stage).as_posix() for p in stage.rglob("*.parquet"))
        moves = [[f"_staging/{tag}/{f}", f] for f in files]
        deletes = self._rewrite_replaced(tag, stage, [r.article_id for r in batch], moves)
        entry = {
            "batch": tag,
            "files": [f for f in files if not f.startswith("skipped/")],
            "moves": moves,
            "deletes": deletes,
            "articles": {r.article_id: r.content_hash for r in batch},
        }
        pending = self.journal / f"{tag}.pending.json"
        _write_json_atomically(pending, entry)
        _fsync_dir(self.journal)
        self._apply(entry)
        os.replace(pending, self.journal / f"{tag}.json")
        shutil.rmtree(stage, ignore_errors=True)
        self._remember(entry)
        return len(mentions)

    def _rewrite_replaced(
        self, tag: str, stage: Path, article_ids: list[str], moves: list[list[str]]
    ) -> list[str]:
        """Stage copies of older files without the rows of articles being replaced."""
        replaced = [i for i in article_ids if i in self._holder]
        holders = sorted({self._holder[i] for i in replaced})
        deletes: list[str] = []
        for n, path in enumerate(f for h in holders for f in self._files.get(h, [])):
            source = sql_string(self.root / path)
            counts = fetch_one(
                self.scratch,
                "SELECT count(*) FILTER (WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))), "
                f"count(*) FROM read_parquet({source}, hive_partitioning = false)",
                [replaced],
            )
            if not counts or not counts[0]:
                continue
            if counts[0] == counts[1]:
                deletes.append(path)
                continue
            target = stage / "_rewrite" / f"{n}.parquet"
            target.parent.mkdir(exist_ok=True)
            self.scratch.execute(
                f"COPY (SELECT * FROM read_parquet({source}, hive_partitioning = false) "
                "WHERE article_id NOT IN (SELECT UNNEST(?::VARCHAR[]))) "
                f"TO {sql_string(target)} (FORMAT parquet)",
                [replaced],
            )
            moves.append([f"_staging/{tag}/_rewrite/{n}.parquet", path])
        return deletes
