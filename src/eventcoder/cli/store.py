"""`eventcoder ingest`, `events`, `export` and `summary`: the event database commands."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TaskID, TextColumn
from rich.table import Table
from rich.text import Text

from eventcoder.cli.app import DEFAULT_DB, DbOption, app, fail_usage
from eventcoder.read import ReaderOptions, ReadError, read_paths
from eventcoder.read.sources import valid_date
from eventcoder.records import Article
from eventcoder.settings import DEFAULTS
from eventcoder.store.export import ExportFormat, ExportTable

if TYPE_CHECKING:
    from eventcoder.store import Batch, DedupRule, EventFilter, IngestReport, Store
    from eventcoder.store.ingest import BatchCoder, Sink


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


def _dedup_rule(
    base: DedupRule,
    place: bool | None,
    factuality: bool | None,
    cameo_digits: int | None,
    anonymous: AnonymousRule | None,
) -> DedupRule | None:
    """The rule asked for on the command line, or None to keep the stored one."""
    from eventcoder.store import DedupRule

    if place is None and factuality is None and cameo_digits is None and anonymous is None:
        return None
    return DedupRule(
        place=base.place if place is None else place,
        factuality=base.factuality if factuality is None else factuality,
        cameo_digits=base.cameo_digits if cameo_digits is None else cameo_digits,
        anonymous=base.anonymous if anonymous is None else anonymous.value,
    )


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files (.txt, .html, .jsonl), folders, or - for stdin."),
    ] = None,
    db: DbOption = DEFAULT_DB,
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
) -> None:
    """Code articles and store them; re-running with the same inputs changes nothing."""
    if date is not None and valid_date(date) is None:
        fail_usage(f"--date {date!r} is not a date; use YYYY-MM-DD")
    if workers is not None and scheduler is not None:
        fail_usage("give --workers (a local cluster) or --scheduler (an existing one), not both")
    from eventcoder.store import DedupRule, LocalBatchCoder, Store
    from eventcoder.store import ingest as run_ingest
    from eventcoder.store.db import DatabaseLocked
    from eventcoder.store.migrations import SchemaError
    from eventcoder.store.parquet import ParquetSink

    options = ReaderOptions(default_date=date, max_bytes=max_bytes)
    err = Console(stderr=True)
    show_progress = err.is_terminal if progress is None else progress

    def items() -> Iterator[Article | ReadError]:
        yield from read_paths(paths or [], options)

    def report_batch(batch: Batch, report: IngestReport) -> None:
        for skip in batch.skipped:
            typer.echo(f"eventcoder: skipped {skip.location}: {skip.problem}", err=True)
        if verbose:
            typer.echo(
                f"eventcoder: committed batch {batch.seq}: {len(batch.to_code)} coded, "
                f"{batch.unchanged} unchanged, {len(batch.skipped)} skipped "
                f"(total {report.coded + report.unchanged} articles)",
                err=True,
            )
        if bar is not None:
            bar.advance(task, batch.handled)

    with ExitStack() as stack:
        sink: Sink
        store: Store | None = None
        if parquet is not None:
            cli_rule = _dedup_rule(
                DedupRule(), dedup_place, dedup_factuality, dedup_cameo_digits, dedup_anonymous
            )
            parquet_sink = ParquetSink(parquet, cli_rule)
            stack.callback(parquet_sink.close)
            sink = parquet_sink
        else:
            try:
                probe = Store(db)
            except (SchemaError, DatabaseLocked) as exc:
                typer.echo(f"eventcoder: {exc}", err=True)
                raise typer.Exit(1) from exc
            except Exception as exc:  # a locked or unreadable database file
                typer.echo(f"eventcoder: cannot open {db}: {exc}", err=True)
                raise typer.Exit(1) from exc
            stack.callback(probe.close)
            new_rule = _dedup_rule(
                probe.rule, dedup_place, dedup_factuality, dedup_cameo_digits, dedup_anonymous
            )
            if new_rule is not None and new_rule != probe.rule:
                typer.echo(f"eventcoder: regrouping events: {new_rule.describe()}", err=True)
                probe.regroup(new_rule)
            store = sink = probe

        coder: BatchCoder
        spacy_batch = min(64, batch_size)
        if workers is not None or scheduler is not None:
            from eventcoder.scale import DaskBatchCoder, dask_client

            client = stack.enter_context(dask_client(workers, scheduler, spacy_batch))
            coder = DaskBatchCoder(client, store_text=text, spacy_batch_size=spacy_batch)
        else:
            from eventcoder.coder import Coder

            coder = LocalBatchCoder(lambda: Coder(batch_size=spacy_batch), store_text=text)

        bar: Progress | None = None
        task = TaskID(0)
        if show_progress:
            bar = stack.enter_context(
                Progress(
                    SpinnerColumn(),
                    TextColumn("ingesting"),
                    _RateColumn(),
                    console=err,
                    transient=False,
                )
            )
            task = bar.add_task("ingest", total=None)

        command = " ".join(["ingest", *(paths or [])])[:500]
        run_id = store.begin_run(command) if store is not None else 0
        status = "failed"
        try:
            report = run_ingest(
                items(),
                sink,
                coder,
                batch_size=batch_size,
                recode=recode,
                run_id=run_id,
                on_batch=report_batch,
            )
            status = "done"
        except KeyboardInterrupt:
            status = "interrupted"
            raise
        finally:
            if store is not None and status != "done":
                store.finish_run(run_id, status, {})
        if store is not None:
            store.finish_run(run_id, status, report.counts())
    if not paths and parquet is None:
        typer.echo(f"eventcoder: {db}: no inputs given; database is up to date", err=True)
    else:
        where = str(parquet) if parquet is not None else str(db)
        typer.echo(
            f"eventcoder: {where}: {report.new} new, {report.changed} changed, "
            f"{report.unchanged} unchanged article(s), {report.mentions} event mentions "
            f"written, {report.skipped} input(s) skipped",
            err=True,
        )
    if report.skipped:
        raise typer.Exit(1)


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
) -> EventFilter:
    from eventcoder.store import EventFilter

    for name, value in (("--since", since), ("--until", until)):
        if value is not None and valid_date(value) != value:
            fail_usage(f"{name} {value!r} is not a date; use YYYY-MM-DD")
    if country is not None and (len(country) != 3 or not country.isalpha()):
        fail_usage(f"--country {country!r}: give an ISO 3166 alpha-3 code such as NER")
    if cameo is not None and not cameo.isdigit():
        fail_usage(f"--cameo {cameo!r}: give a CAMEO code prefix such as 17 or 173")
    if factuality is not None and factuality not in ("asserted", "negated", "hypothetical"):
        fail_usage("--factuality must be asserted, negated or hypothetical")
    return EventFilter(
        country=country,
        actor=actor,
        source=source,
        target=target,
        cameo=cameo,
        since=since,
        until=until,
        factuality=factuality,
        min_sources=min_sources,
    )


def _open_read_only(db: Path) -> Store:
    from eventcoder.store import Store
    from eventcoder.store.db import DatabaseLocked

    try:
        return Store(db, read_only=True)
    except DatabaseLocked as exc:
        typer.echo(f"eventcoder: {exc}", err=True)
        raise typer.Exit(1) from exc
    except Exception as exc:
        typer.echo(f"eventcoder: cannot open {db}: {exc}", err=True)
        raise typer.Exit(1) from exc


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


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


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
    from eventcoder.store.query import EVENT_FIELDS, iter_events, mentions_of

    flt = _event_filter(
        country, actor, source, target, cameo, since, until, factuality, min_sources
    )
    store = _open_read_only(db)
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
        if fmt is QueryFormat.csv:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(EVENT_FIELDS)
            for event in iter_events(store, flt, limit):
                writer.writerow(["" if v is None else _json_value(v) for v in event.values()])
            return
        chunk: list[dict[str, Any]] = []
        for event in iter_events(store, flt, limit):
            chunk.append(event)
            if len(chunk) >= 1000:
                _write_jsonl(store, chunk, mentions, stream, mentions_of)
                chunk = []
        _write_jsonl(store, chunk, mentions, stream, mentions_of)


def _write_jsonl(
    store: Store, chunk: list[dict[str, Any]], with_mentions: bool, stream: TextIO, mentions_of: Any
) -> None:
    found = mentions_of(store, [int(e["event_id"]) for e in chunk]) if with_mentions else {}
    for event in chunk:
        record = {k: _json_value(v) for k, v in event.items()}
        if with_mentions:
            record["mentions"] = found.get(int(event["event_id"]), [])
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
) -> None:
    """Export stored events (optionally filtered) as CSV, Parquet or GDELT 2.0."""
    from eventcoder.store.export import export as run_export

    if fmt is ExportFormat.gdelt and table is ExportTable.mentions:
        fail_usage("--format gdelt writes events; use csv or parquet for --table mentions")
    flt = _event_filter(
        country, actor, source, target, cameo, since, until, factuality, min_sources
    )
    store = _open_read_only(db)
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

    store = _open_read_only(db)
    try:
        print_store_summary(store, Ontology.load(), Console(), top)
    finally:
        store.close()
