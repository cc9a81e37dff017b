"""`eventcoder ingest`, `events`, `export` and `summary`: the event database commands.

Shells over ``eventcoder.store``: they parse options, call the store, and print progress,
results and errors; the filters, the ingest run, the mention lookup and the CSV live there.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TaskID, TextColumn
from rich.table import Table
from rich.text import Text

from eventcoder.cli.app import (
    DEFAULT_DB,
    DbOption,
    LanguageChoice,
    LanguageOption,
    app,
    check_date_option,
    fail_usage,
    forced_language,
    warn_repairs,
)
from eventcoder.cli.sources import (
    DEFAULT_MIN_INTERVAL,
    DEFAULT_TIMEOUT,
    MinIntervalOption,
    ReprintsOption,
    ReprintThresholdOption,
    TimeoutOption,
    fetch_options,
)
from eventcoder.read import ReaderOptions, ReadError
from eventcoder.read.inputs import read_inputs
from eventcoder.read.warc import is_warc
from eventcoder.read.web import Fetcher
from eventcoder.records import Article
from eventcoder.settings import DEFAULTS
from eventcoder.store.dedup import DedupChange
from eventcoder.store.export import ExportFormat, ExportTable
from eventcoder.store.query import EventFilter, FilterError

if TYPE_CHECKING:
    from distributed import Client

    from eventcoder.store import Batch, IngestReport, Store
    from eventcoder.store.ingest import BatchCoder, Sink

# What `events --format jsonl --mentions` shows of each mention (store.mentions has them all).
JSONL_MENTION_FIELDS = (
    "event_id",
    "mention_id",
    "article_id",
    "url",
    "source",
    "title",
    "sentence",
    "sentence_start",
    "sentence_end",
    "start_char",
    "end_char",
    "evidence",
    "trigger",
    "rule",
    "factuality",
)
SPACY_BATCH_MAX = 64  # texts per spaCy pipe() call: larger batches only cost memory


class AnonymousRule(StrEnum):
    separate = "separate"
    merge = "merge"


class QueryFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class _RateColumn(ProgressColumn):
    """'1,234 articles  12.3 articles/s'."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        speed = task.speed or (task.completed / elapsed if elapsed > 0 else 0.0)
        return Text(f"{int(task.completed):,} articles  {speed:.1f} articles/s")


def _open_store(db: Path, read_only: bool = False) -> Store:
    """The database, or exit 1 with one line saying why it cannot be opened."""
    from eventcoder.store import Store
    from eventcoder.store.db import DatabaseLocked
    from eventcoder.store.migrations import SchemaError

    # Reading, a schema that is behind is reported as "cannot open ...", as it always was.
    said_as_is = (DatabaseLocked,) if read_only else (DatabaseLocked, SchemaError)
    try:
        return Store(db, read_only=read_only)
    except said_as_is as exc:
        typer.echo(f"eventcoder: {exc}", err=True)
        raise typer.Exit(1) from exc
    except Exception as exc:  # a missing, locked or unreadable database file
        typer.echo(f"eventcoder: cannot open {db}: {exc}", err=True)
        raise typer.Exit(1) from exc


def _open_sink(stack: ExitStack, db: Path, parquet: Path | None, change: DedupChange) -> Sink:
    """Parquet under ``parquet``, else the database ``db`` regrouped by a changed rule."""
    from eventcoder.store import DedupRule

    if parquet is not None:
        from eventcoder.store.parquet import ParquetSink

        parquet_sink = ParquetSink(parquet, change.applied_to(DedupRule()))
        stack.callback(parquet_sink.close)
        return parquet_sink
    store = _open_store(db)
    stack.callback(store.close)
    rule = change.applied_to(store.rule)
    if rule is not None:
        typer.echo(f"eventcoder: regrouping events: {rule.describe()}", err=True)
        store.regroup(rule)
    return store


def _batch_coder(
    stack: ExitStack, workers: int | None, scheduler: str | None, batch_size: int, text: bool
) -> tuple[BatchCoder, Client | None]:
    """Code on a Dask cluster when asked to, else in this process (the model loads only
    when a batch has something to code); the cluster's client, if any."""
    spacy_batch = min(SPACY_BATCH_MAX, batch_size)
    if workers is not None or scheduler is not None:
        from eventcoder.scale import DaskBatchCoder, dask_client

        client = stack.enter_context(dask_client(workers, scheduler, spacy_batch))
        return DaskBatchCoder(client, store_text=text, spacy_batch_size=spacy_batch), client
    from eventcoder.coder import Coder
    from eventcoder.store import LocalBatchCoder

    return LocalBatchCoder(lambda: Coder(batch_size=spacy_batch), store_text=text), None


@dataclass(frozen=True, slots=True)
class _BatchPrinter:
    """After each committed batch: its skipped inputs, a line with --verbose, the progress."""

    verbose: bool
    bar: Progress | None
    task: TaskID

    @classmethod
    def open(cls, stack: ExitStack, verbose: bool, show_progress: bool) -> _BatchPrinter:
        if not show_progress:
            return cls(verbose, None, TaskID(0))
        columns = (SpinnerColumn(), TextColumn("ingesting"), _RateColumn())
        err = Console(stderr=True)
        bar = stack.enter_context(Progress(*columns, console=err, transient=False))
        return cls(verbose, bar, bar.add_task("ingest", total=None))

    def __call__(self, batch: Batch, report: IngestReport) -> None:
        for skip in batch.skipped:
            typer.echo(f"eventcoder: skipped {skip.location}: {skip.problem}", err=True)
        if self.verbose:
            typer.echo(
                f"eventcoder: committed batch {batch.seq}: {len(batch.to_code)} coded, "
                f"{batch.unchanged} unchanged, {len(batch.skipped)} skipped "
                f"(total {report.coded + report.unchanged} articles)",
                err=True,
            )
        if self.bar is not None:
            self.bar.advance(self.task, batch.handled)


def _warned(items: Iterator[Article | ReadError]) -> Iterator[Article | ReadError]:
    """The reader's items, with a warning line for each article the reader repaired."""
    for item in items:
        if isinstance(item, Article):
            warn_repairs(item)
        yield item


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files (.txt, .html, .jsonl, .warc, .warc.gz), folders, page URLs, or - for stdin."
        ),
    ] = None,
    db: DbOption = DEFAULT_DB,
    feed: Annotated[
        list[str] | None,
        typer.Option(
            "--feed",
            help="An RSS or Atom feed URL, or a file of feed URLs (one a line); repeatable. "
            "Entries whose URL is stored are not fetched again.",
        ),
    ] = None,
    parquet: Annotated[
        Path | None,
        typer.Option(help="Write date-partitioned Parquet under this folder instead of --db."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="Code on a local Dask cluster of N worker processes.", min=1),
    ] = None,
    scheduler: Annotated[
        str | None, typer.Option(help="Code on an existing Dask cluster (scheduler address).")
    ] = None,
    batch_size: Annotated[
        int, typer.Option(help="Articles per batch (one transaction per batch).", min=1)
    ] = DEFAULTS.batch_size,
    date: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for articles without one.")
    ] = None,
    max_bytes: Annotated[
        int, typer.Option(help="Largest article (bytes) to accept.")
    ] = DEFAULTS.max_bytes,
    recode: Annotated[
        bool, typer.Option(help="Code again articles whose stored content is unchanged.")
    ] = False,
    text: Annotated[bool, typer.Option(help="Store the article text.")] = True,
    dedup_place: Annotated[
        bool | None, typer.Option(help="De-duplication: the place must agree too.")
    ] = None,
    dedup_factuality: Annotated[
        bool | None,
        typer.Option(help="De-duplication: factuality must agree (default: yes)."),
    ] = None,
    dedup_cameo_digits: Annotated[
        int | None,
        typer.Option(help="De-duplication: compare CAMEO codes on 2, 3 or 4 digits.", min=2, max=4),
    ] = None,
    dedup_anonymous: Annotated[
        AnonymousRule | None,
        typer.Option(help="De-duplication of mentions with no actor code: separate or merge."),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(help="Show a progress bar (default: when stderr is a terminal)."),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print a line per committed batch.")
    ] = False,
    reprints: ReprintsOption = True,
    reprint_threshold: ReprintThresholdOption = DEFAULTS.reprint_threshold,
    min_interval: MinIntervalOption = DEFAULT_MIN_INTERVAL,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    language: LanguageOption = LanguageChoice.auto,
) -> None:
    """Code articles and store them; re-running with the same inputs changes nothing."""
    check_date_option(date)
    if workers is not None and scheduler is not None:
        fail_usage("give --workers (a local cluster) or --scheduler (an existing one), not both")
    if feed and parquet is not None:
        fail_usage("--feed remembers what it read in the database: use --db, not --parquet")
    from eventcoder.read.feeds import FeedReader, feed_list
    from eventcoder.store import ingest_run
    from eventcoder.store.reprints import ReprintRule

    change = DedupChange(
        place=dedup_place,
        factuality=dedup_factuality,
        cameo_digits=dedup_cameo_digits,
        anonymous=None if dedup_anonymous is None else dedup_anonymous.value,
    )
    options = ReaderOptions(
        default_date=date, max_bytes=max_bytes, language=forced_language(language)
    )
    feeds, feed_errors = feed_list(feed or [])
    show_progress = Console(stderr=True).is_terminal if progress is None else progress
    command = ["ingest", *(paths or []), *(f"--feed {f}" for f in feed or [])]
    with ExitStack() as stack:
        sink = _open_sink(stack, db, parquet, change)
        coder, client = _batch_coder(stack, workers, scheduler, batch_size, text)
        fetcher = stack.enter_context(Fetcher(fetch_options(min_interval, timeout)))
        reader = None
        inputs = _inputs(paths or [], options, fetcher, client)
        if feeds or feed_errors:
            assert isinstance(sink, _store_class())
            reader = FeedReader(fetcher, feeds, options, sink)
            inputs = itertools.chain(inputs, feed_errors, reader)
        report = ingest_run(
            _warned(inputs),
            sink,
            coder,
            command=" ".join(command),
            batch_size=batch_size,
            recode=recode,
            on_batch=_BatchPrinter.open(stack, verbose, show_progress),
            reprints=ReprintRule(reprint_threshold) if reprints else None,
        )
        if reader is not None:
            assert isinstance(sink, _store_class())
            sink.save_feeds(reader.completed)
    if not paths and not feed and parquet is None:
        typer.echo(f"eventcoder: {db}: no inputs given; database is up to date", err=True)
    else:
        where = str(parquet) if parquet is not None else str(db)
        typer.echo(
            f"eventcoder: {where}: {report.new} new, {report.changed} changed, "
            f"{report.unchanged} unchanged article(s), {report.mentions} event mentions "
            f"written, {report.skipped} input(s) skipped"
            + (f", {report.reprints} reprint(s) linked" if report.reprints else ""),
            err=True,
        )
    if report.skipped:
        raise typer.Exit(1)


def _store_class() -> type[Store]:
    from eventcoder.store import Store

    return Store


def _inputs(
    paths: list[str], options: ReaderOptions, fetcher: Fetcher, client: Client | None
) -> Iterator[Article | ReadError]:
    """The inputs in order; on a Dask cluster, WARC files are read by the workers, one file
    per task."""
    if client is not None and any(is_warc(p) for p in paths):
        from eventcoder.scale.warc import read_inputs_on_cluster

        return read_inputs_on_cluster(client, paths, options, fetcher)
    return read_inputs(paths, options, fetcher=fetcher)


def _event_filter(
    country: str | None,
    actor: str | None,
    source: str | None,
    target: str | None,
    cameo: str | None,
    since: str | None,
    until: str | None,
    factuality: str | None,
    min_sources: int | None,
    language: str | None = None,
) -> EventFilter:
    """The filter options as an EventFilter; a bad value is a usage error naming its option."""
    try:
        return EventFilter.parse(
            country=country,
            actor=actor,
            source=source,
            target=target,
            cameo=cameo,
            since=since,
            until=until,
            factuality=factuality,
            min_sources=min_sources,
            language=language,
        )
    except FilterError as exc:
        fail_usage(exc.message("--" + exc.field.replace("_", "-")))


CountryOption = Annotated[
    str | None, typer.Option(help="ISO alpha-3 of the source, target or place (NER).")
]
ActorOption = Annotated[str | None, typer.Option(help="Actor code prefix, either side (NERMIL).")]
SourceOption = Annotated[str | None, typer.Option(help="Source actor code prefix.")]
TargetOption = Annotated[str | None, typer.Option(help="Target actor code prefix.")]
CameoOption = Annotated[str | None, typer.Option(help="CAMEO code prefix (17, 173).")]
SinceOption = Annotated[str | None, typer.Option(help="First event date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option(help="Last event date (YYYY-MM-DD).")]
FactualityOption = Annotated[str | None, typer.Option(help="asserted, negated or hypothetical.")]
MinSourcesOption = Annotated[
    int | None, typer.Option(help="Only events reported by at least N outlets.", min=1)
]
LanguageFilterOption = Annotated[
    str | None,
    typer.Option("--language", help="Only events reported in an article in this language (fr)."),
]


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    country: CountryOption = None,
    actor: ActorOption = None,
    source: SourceOption = None,
    target: TargetOption = None,
    cameo: CameoOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    factuality: FactualityOption = None,
    min_sources: MinSourcesOption = None,
    language: LanguageFilterOption = None,
    fmt: Annotated[
        QueryFormat, typer.Option("--format", "-f", help="table, jsonl or csv.")
    ] = QueryFormat.table,
    limit: Annotated[
        int | None, typer.Option(help="At most N events (table default: 50).", min=1)
    ] = None,
    mentions: Annotated[
        bool, typer.Option("--mentions", help="jsonl: add every mention with its evidence.")
    ] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Query stored events (de-duplicated), ordered by date then event id."""
    from eventcoder.store.mentions import pick, with_mentions
    from eventcoder.store.query import event_record, iter_events, write_events_csv

    flt = _event_filter(
        country, actor, source, target, cameo, since, until, factuality, min_sources, language
    )
    store = _open_store(db, read_only=True)
    with ExitStack() as stack:
        stack.callback(store.close)
        stream: TextIO = (
            sys.stdout
            if output is None
            else stack.enter_context(output.open("w", encoding="utf-8", newline=""))
        )
        if fmt is QueryFormat.table:
            shown = limit or 50
            rows = list(iter_events(store, flt, shown + 1))
            _print_table(rows[:shown], Console(file=stream, width=max(120, Console().width)))
            if len(rows) > shown and limit is None:
                typer.echo(f"(first {shown} events shown; use --limit or --format)", err=True)
            return
        found = iter_events(store, flt, limit)
        if fmt is QueryFormat.csv:
            write_events_csv((event.values() for event in found), stream)
            return
        if not mentions:
            for event in found:
                _write_json_line(event_record(event.values()), stream)
            return
        for event, its_mentions in with_mentions(store.con, found):
            record = event_record(event.values())
            record["mentions"] = [pick(m, JSONL_MENTION_FIELDS) for m in its_mentions]
            _write_json_line(record, stream)


def _write_json_line(record: dict[str, Any], stream: TextIO) -> None:
    stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def _print_table(rows: list[dict[str, Any]], console: Console) -> None:
    table = Table(title=f"{len(rows)} events", title_justify="left")
    for column in ("date", "source", "cameo", "target", "fact.", "ment.", "art.", "src."):
        table.add_column(column, no_wrap=True)
    table.add_column("evidence (first mention)")
    for event in rows:
        table.add_row(
            str(event["date"] or ""),
            event["source_code"] or "-",
            event["cameo"],
            event["target_code"] or "-",
            str(event["factuality"])[:4],
            str(event["num_mentions"]),
            str(event["num_articles"]),
            str(event["num_sources"]),
            event["evidence"] or "",
        )
    console.print(table)


@app.command()
def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", help="csv, parquet or gdelt (GDELT 2.0 events, 61 columns)."
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    db: DbOption = DEFAULT_DB,
    table: Annotated[
        ExportTable,
        typer.Option(help="events (one row per event) or mentions (one per mention; csv/parquet)."),
    ] = ExportTable.events,
    country: CountryOption = None,
    actor: ActorOption = None,
    source: SourceOption = None,
    target: TargetOption = None,
    cameo: CameoOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    factuality: FactualityOption = None,
    min_sources: MinSourcesOption = None,
    language: LanguageFilterOption = None,
) -> None:
    """Export stored events (optionally filtered) as CSV, Parquet or GDELT 2.0."""
    from eventcoder.store.export import export as run_export

    if fmt is ExportFormat.gdelt and table is ExportTable.mentions:
        fail_usage("--format gdelt writes events; use csv or parquet for --table mentions")
    flt = _event_filter(
        country, actor, source, target, cameo, since, until, factuality, min_sources, language
    )
    store = _open_store(db, read_only=True)
    try:
        count = run_export(store, fmt, output, flt, table)
    finally:
        store.close()
    typer.echo(f"eventcoder: wrote {count} {table.value} to {output}", err=True)


@app.command("summary")
def summary_command(
    db: DbOption = DEFAULT_DB,
    top: Annotated[int, typer.Option(help="Rows in each top-N table.", min=1)] = 10,
) -> None:
    """Summarise a database: events by CAMEO root and QuadClass, top actors, dyads, places."""
    from eventcoder.ontology import Ontology
    from eventcoder.store.report import print_store_summary

    store = _open_store(db, read_only=True)
    try:
        print_store_summary(store, Ontology.load(), Console(), top)
    finally:
        store.close()
