"""Ingest: read -> plan batches (skip what is stored and unchanged) -> code -> write.

The pieces are small protocols so that the same loop runs in-process (``LocalBatchCoder``), on
a Dask cluster (``eventcoder.scale``) or in the server's coding process, and writes to DuckDB
(``Store``) or to Parquet (``ParquetSink``). ``ingest_run`` is the one entry point of
``eventcoder ingest`` and ``POST /v1/articles``: ``ingest`` plus the run's row in ``runs``.

Idempotence: an article is coded and written only when its id is new or its content hash
(text and metadata) differs from the stored one. A second occurrence of an id within one run
is skipped (and reported): the first wins, so interrupted and uninterrupted runs agree.

Isolation: an article that cannot be coded (``CodingFailure``: its parse or a stage raised) or
written is skipped, with its id and the stage, and the rest of its batch is stored; it is not
recorded as done, so the next run tries it again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from eventcoder.read import ReadError
from eventcoder.records import Article, CodingFailure
from eventcoder.settings import DEFAULTS
from eventcoder.store.db import Skip, Store
from eventcoder.store.reprints import Indexed, ReprintFinder, ReprintRule
from eventcoder.store.rows import ArticleRows, article_rows, content_hash, reprint_rows

if TYPE_CHECKING:
    from eventcoder.coder import Coder

DEFAULT_BATCH_SIZE = DEFAULTS.batch_size
COMMAND_MAX_CHARS = 500  # of the command line recorded in `runs`
DEFAULT_REPRINTS = ReprintRule(DEFAULTS.reprint_threshold)


@dataclass(slots=True)
class Batch:
    """A slice of the input: what to code, and what was decided without coding."""

    seq: int
    to_code: list[Article] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: list[Skip] = field(default_factory=list)
    # (article id, "new" | "changed" | "unchanged" | "skipped" | "failed") per article, in
    # input order; "skipped" is a second occurrence of an id in the run, "failed" an article
    # that could not be coded (its CodingFailure is in ``failures``).
    statuses: list[tuple[str, str]] = field(default_factory=list)
    failures: list[CodingFailure] = field(default_factory=list)
    # Reprints of earlier articles (new or changed, stored without coding: store/reprints.py)
    # and the reprint index entries of the originals to code.
    reprints: list[ArticleRows] = field(default_factory=list)
    indexed: dict[str, Indexed] = field(default_factory=dict)

    @property
    def handled(self) -> int:
        """Articles this batch accounts for (coded, linked as reprints or found unchanged)."""
        return len(self.to_code) + len(self.reprints) + self.unchanged

    def rows_to_write(self, coded: list[ArticleRows]) -> list[ArticleRows]:
        """The coded rows with their reprint index entries, then the reprints."""
        found = [
            replace(rows, indexed=self.indexed[rows.article_id])
            if rows.article_id in self.indexed
            else rows
            for rows in coded
        ]
        return found + self.reprints

    def fail(self, failure: CodingFailure) -> None:
        """An article of ``to_code`` that could not be coded (or stored): skipped and
        reported, not counted as new or changed, and not stored, so a later run retries it."""
        index = next(
            (i for i, (aid, _) in enumerate(self.statuses) if aid == failure.article_id), None
        )
        if index is None or self.statuses[index][1] not in ("new", "changed"):
            return
        if self.statuses[index][1] == "new":
            self.new -= 1
        else:
            self.changed -= 1
        self.statuses[index] = (failure.article_id, "failed")
        self.to_code = [a for a in self.to_code if a.id != failure.article_id]
        self.hashes.pop(failure.article_id, None)
        self.failures.append(failure)
        self.skipped.append(
            Skip(failure.location, failure.problem, failure.article_id, failure.stage)
        )


class Sink(Protocol):
    def known_hashes(self, article_ids: Iterable[str]) -> dict[str, str]: ...

    def write_batch(
        self, batch: Sequence[ArticleRows], skipped: Sequence[Skip] = (), run_id: int = 0
    ) -> int: ...


class BatchCoder(Protocol):
    def run(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[ArticleRows]]]:
        """Code each batch's articles; yield (batch, rows) in input order, the articles that
        could not be coded marked with ``Batch.fail``."""
        ...


CodedRows = tuple[list[ArticleRows], list[CodingFailure]]
ROWS_STAGE = "rows"  # a failure turning a coded article into table rows


def code_rows(
    coder: Coder, articles: Sequence[Article], hashes: dict[str, str], store_text: bool
) -> CodedRows:
    """Each article's table rows, and the articles that could not be coded (the same in this
    process, on a Dask worker and in the server's coding process)."""
    rows: list[ArticleRows] = []
    failures: list[CodingFailure] = []
    for found in coder.code_many_safe(articles):
        if isinstance(found, CodingFailure):
            failures.append(found)
            continue
        article = found.article
        try:
            rows.append(article_rows(found, store_text, hashes.get(article.id)))
        except Exception as exc:
            failures.append(
                CodingFailure.from_exception(article.id, ROWS_STAGE, exc, article.origin)
            )
    return rows, failures


def apply_failures(batch: Batch, coded: CodedRows) -> tuple[Batch, list[ArticleRows]]:
    rows, failures = coded
    for failure in failures:
        batch.fail(failure)
    return batch, rows


class LocalBatchCoder:
    """Codes batches in this process with one Coder.

    Give a Coder, or a function that makes one: it is then called only when a batch has
    something to code, so a re-run over stored, unchanged articles never loads the model.
    """

    def __init__(self, coder: Coder | Callable[[], Coder], store_text: bool = True) -> None:
        # A Coder is not callable: a callable is the factory.
        self._make = coder if callable(coder) else None
        self._coder = None if callable(coder) else coder
        self.store_text = store_text

    @property
    def coder(self) -> Coder:
        if self._coder is None:
            assert self._make is not None
            self._coder = self._make()
        return self._coder

    def run(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[ArticleRows]]]:
        for batch in batches:
            if not batch.to_code:
                yield batch, []
                continue
            yield apply_failures(
                batch, code_rows(self.coder, batch.to_code, batch.hashes, self.store_text)
            )


@dataclass(slots=True)
class IngestReport:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: int = 0
    mentions: int = 0
    batches: int = 0
    reprints: int = 0  # of the new and changed articles, those linked as reprints

    @property
    def coded(self) -> int:
        return self.new + self.changed

    def add(self, batch: Batch, mentions: int) -> None:
        self.new += batch.new
        self.changed += batch.changed
        self.unchanged += batch.unchanged
        self.skipped += len(batch.skipped)
        self.mentions += mentions
        self.batches += 1
        self.reprints += len(batch.reprints)

    def counts(self) -> dict[str, int]:
        return {
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "mentions": self.mentions,
        }


class Planner:
    """Turns the input stream into batches, deciding per article: code, keep, link as a
    reprint, or skip."""

    def __init__(
        self,
        sink: Sink,
        batch_size: int = DEFAULT_BATCH_SIZE,
        recode: bool = False,
        reprints: ReprintRule | None = None,
        store_text: bool = True,
    ):
        if batch_size < 1:
            raise ValueError("batch size must be at least 1")
        self.sink = sink
        self.batch_size = batch_size
        self.recode = recode
        self.store_text = store_text
        # Reprints are found against the DuckDB store's index; Parquet output has none.
        self.finder = (
            ReprintFinder(sink.reprint_candidates, reprints)
            if reprints is not None and isinstance(sink, Store)
            else None
        )
        self._seen: set[str] = set()
        self._seq = 0

    def written(self, batch: Batch) -> None:
        """The batch is stored: its originals are found in the database from now on."""
        if self.finder is not None:
            self.finder.forget(batch.seq)

    def batches(self, items: Iterable[Article | ReadError]) -> Iterator[Batch]:
        pending: list[Article] = []
        skipped: list[Skip] = []
        for item in items:
            if isinstance(item, ReadError):
                skipped.append(Skip(item.where, item.problem))
            else:
                pending.append(item)
            if len(pending) >= self.batch_size or len(skipped) >= self.batch_size:
                yield self._plan(pending, skipped)
                pending, skipped = [], []
        if pending or skipped:
            yield self._plan(pending, skipped)

    def _plan(self, articles: list[Article], skipped: list[Skip]) -> Batch:
        batch = Batch(seq=self._seq, skipped=skipped)
        self._seq += 1
        known = self.sink.known_hashes(a.id for a in articles)
        for article in articles:
            if article.id in self._seen:
                batch.statuses.append((article.id, "skipped"))
                batch.skipped.append(
                    Skip(
                        f"article {article.id}",
                        "duplicate article id in this run; the first occurrence was kept",
                    )
                )
                continue
            self._seen.add(article.id)
            digest = content_hash(article)
            stored = known.get(article.id)
            if stored == digest and not self.recode:
                batch.unchanged += 1
                batch.statuses.append((article.id, "unchanged"))
                continue
            if stored is None:
                batch.new += 1
            else:
                batch.changed += 1
            batch.statuses.append((article.id, "new" if stored is None else "changed"))
            batch.to_code.append(article)
            batch.hashes[article.id] = digest
        if self.finder is not None and batch.to_code:
            self._link_reprints(batch)
        return batch

    def _link_reprints(self, batch: Batch) -> None:
        assert self.finder is not None
        batch.indexed, links = self.finder.plan(batch.to_code, batch.seq)
        if not links:
            return
        by_id = {link.article_id: link for link in links}
        keep: list[Article] = []
        for article in batch.to_code:
            link = by_id.get(article.id)
            if link is None:
                keep.append(article)
                continue
            digest = batch.hashes.pop(article.id)
            batch.reprints.append(reprint_rows(article, link, digest, self.store_text))
        batch.to_code = keep


def ingest(
    items: Iterable[Article | ReadError],
    sink: Sink,
    coder: BatchCoder,
    batch_size: int = DEFAULT_BATCH_SIZE,
    recode: bool = False,
    run_id: int = 0,
    on_batch: Callable[[Batch, IngestReport], None] | None = None,
    reprints: ReprintRule | None = DEFAULT_REPRINTS,
) -> IngestReport:
    """Code and store every new or changed article; one transaction per batch. With a
    ``reprints`` rule (the default; None turns it off) and a DuckDB store, near duplicates
    of earlier articles are linked to them instead of coded (store/reprints.py)."""
    report = IngestReport()
    store_text = getattr(coder, "store_text", True)
    planner = Planner(sink, batch_size, recode, reprints, store_text)
    for batch, rows in coder.run(planner.batches(items)):
        written = _write(sink, batch, batch.rows_to_write(rows), run_id)
        planner.written(batch)
        report.add(batch, written)
        if on_batch is not None:
            on_batch(batch, report)
    return report


STORE_STAGE = "store"  # a failure writing a coded article


def _write(sink: Sink, batch: Batch, rows: list[ArticleRows], run_id: int) -> int:
    """Write the batch in one transaction. When that fails, its articles are written one at a
    time, so that an article that cannot be stored is skipped and the others are kept; when
    none can be, the failure is the store's, not an article's, and it is raised."""
    try:
        return sink.write_batch(rows, batch.skipped, run_id)
    except Exception as exc:
        first = exc
    by_id = {a.id: a for a in batch.to_code}
    written = stored = 0
    failed: list[CodingFailure] = []
    for one in rows:
        try:
            written += sink.write_batch([one], (), run_id)
            stored += 1
        except Exception as exc:
            article = by_id.get(one.article_id)
            origin = article.origin if article is not None else None
            failed.append(CodingFailure.from_exception(one.article_id, STORE_STAGE, exc, origin))
    if not stored:
        raise first
    for failure in failed:
        batch.fail(failure)
    sink.write_batch([], batch.skipped, run_id)
    return written


def ingest_run(
    items: Iterable[Article | ReadError],
    sink: Sink,
    coder: BatchCoder,
    *,
    command: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    recode: bool = False,
    on_batch: Callable[[Batch, IngestReport], None] | None = None,
    reprints: ReprintRule | None = DEFAULT_REPRINTS,
) -> IngestReport:
    """``ingest`` as one recorded run: the DuckDB store keeps a row of ``runs`` (``command``,
    status, article counts) and files the run's skipped inputs under its id; Parquet keeps
    no runs. The status ends ``done``, ``interrupted`` (Ctrl-C) or ``failed``; the next run
    marks one still ``running`` (the process was killed) as ``interrupted``."""
    runs = sink if isinstance(sink, Store) else None
    run_id = runs.begin_run(command[:COMMAND_MAX_CHARS]) if runs is not None else 0
    try:
        report = ingest(items, sink, coder, batch_size, recode, run_id, on_batch, reprints)
    except BaseException as exc:
        if runs is not None:
            status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
            runs.finish_run(run_id, status, {})
        raise
    if runs is not None:
        runs.finish_run(run_id, "done", report.counts())
    return report
