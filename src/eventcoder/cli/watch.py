"""`eventcoder watch`: read feeds every N minutes into the database, until stopped.

Each cycle opens the database, reads the feed list (the file is read again every cycle, so
feeds can be added while it runs), fetches the new entries, codes and stores them (reprints
linked), remembers the feeds' validators, closes the database (so that other processes can
query it between cycles) and prints one line. SIGINT (Ctrl-C) or SIGTERM stops it cleanly:
no new page is fetched, the articles already fetched are coded and stored, the feeds read
completely are remembered, and it exits 0 (a stop is not a failure; each skipped feed or page
was reported in its cycle). Ended by ``--cycles N`` instead, it exits 1 when anything was
skipped, as ``ingest`` does. A second Ctrl-C stops at once (the batch in
flight is rolled back, as for a killed ingest). Started again, it carries on: stored URLs are
not fetched again and unchanged feeds answer 304.
"""

from __future__ import annotations

import datetime as dt
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from eventcoder.cli.app import DEFAULT_DB, DbOption, app, fail_usage
from eventcoder.cli.sources import (
    DEFAULT_MIN_INTERVAL,
    DEFAULT_TIMEOUT,
    MinIntervalOption,
    ReprintsOption,
    ReprintThresholdOption,
    TimeoutOption,
    fetch_options,
    parse_duration,
)
from eventcoder.read import ReaderOptions
from eventcoder.settings import DEFAULTS

if TYPE_CHECKING:
    from eventcoder.read.feeds import FeedReader
    from eventcoder.store import Batch, IngestReport


class StopFlag:
    """Set by SIGINT/SIGTERM; a second SIGINT interrupts at once."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.signal_name: str | None = None

    def __call__(self) -> bool:
        return self.event.is_set()

    def handle(self, signum: int, _frame: FrameType | None) -> None:
        if self.event.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.signal_name = signal.Signals(signum).name
        self.event.set()

    def install(self) -> Callable[[], None]:
        """Install the handlers; return what puts the old ones back."""
        old = {sig: signal.signal(sig, self.handle) for sig in (signal.SIGINT, signal.SIGTERM)}

        def restore() -> None:
            for sig, handler in old.items():
                signal.signal(sig, handler)

        return restore


def _now() -> str:
    return dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")


@app.command()
def watch(
    feeds: Annotated[Path, typer.Option("--feeds", help="File of RSS/Atom feed URLs, one a line.")],
    db: DbOption = DEFAULT_DB,
    every: Annotated[
        str, typer.Option(help="Time between two readings of the feeds: 30s, 15m, 1h.")
    ] = DEFAULTS.watch_every,
    cycles: Annotated[
        int | None,
        typer.Option(help="Stop after N cycles (default: run until stopped).", min=1),
    ] = None,
    batch_size: Annotated[
        int, typer.Option(help="Articles per batch (one transaction per batch).", min=1)
    ] = DEFAULTS.batch_size,
    date: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for pages without one.")
    ] = None,
    reprints: ReprintsOption = True,
    reprint_threshold: ReprintThresholdOption = DEFAULTS.reprint_threshold,
    min_interval: MinIntervalOption = DEFAULT_MIN_INTERVAL,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
) -> None:
    """Follow feeds: every --every, fetch their new entries, code and store them."""
    from eventcoder.cli.store import _open_store
    from eventcoder.coder import Coder
    from eventcoder.read.feeds import FeedReader, feed_list
    from eventcoder.read.web import Fetcher
    from eventcoder.store import LocalBatchCoder, ingest_run
    from eventcoder.store.reprints import ReprintRule

    period = parse_duration(every, "--every")
    if not feeds.is_file():
        fail_usage(f"--feeds {str(feeds)!r}: no such file")
    options = ReaderOptions(default_date=date)
    rule = ReprintRule(reprint_threshold) if reprints else None
    spacy_batch = min(64, batch_size)
    coder = LocalBatchCoder(lambda: Coder(batch_size=spacy_batch))
    stop = StopFlag()
    restore = stop.install()
    cycle = 0
    skipped = 0
    try:
        with Fetcher(fetch_options(min_interval, timeout)) as fetcher:
            while not stop():
                cycle += 1
                started = dt.datetime.now()
                urls, errors = feed_list([str(feeds)])
                for error in errors:
                    typer.echo(f"eventcoder: skipped {error}", err=True)
                store = _open_store(db)
                try:
                    reader = FeedReader(fetcher, urls, options, store, stop=stop)
                    report = ingest_run(
                        reader,
                        store,
                        coder,
                        command=f"watch --feeds {feeds}",
                        batch_size=batch_size,
                        on_batch=_print_skips,
                        reprints=rule,
                    )
                    store.save_feeds(reader.completed)
                finally:
                    store.close()
                _progress(cycle, reader, report, len(urls))
                skipped += report.skipped + len(errors)
                if cycles is not None and cycle >= cycles:
                    break
                elapsed = (dt.datetime.now() - started).total_seconds()
                stop.event.wait(max(0.0, period - elapsed))
    finally:
        restore()
    if stop.signal_name:
        typer.echo(
            f"eventcoder: watch stopped by {stop.signal_name} after {cycle} cycle(s); "
            f"{db} is up to date with what was fetched",
            err=True,
        )
    elif skipped:
        # Ended by --cycles, as a batch job: like `ingest`, exit 1 when anything was skipped.
        raise typer.Exit(1)


def _print_skips(batch: Batch, _report: IngestReport) -> None:
    for skip in batch.skipped:
        typer.echo(f"eventcoder: skipped {skip.location}: {skip.problem}", err=True)


def _progress(cycle: int, reader: FeedReader, report: IngestReport, feeds: int) -> None:
    unchanged = sum(1 for state in reader.completed if state.status == "not modified")
    typer.echo(
        f"eventcoder: watch {_now()} cycle {cycle}: {feeds} feed(s) ({unchanged} not "
        f"modified), {reader.fetched} page(s) fetched, {report.new} new and {report.changed} "
        f"changed article(s) ({report.reprints} reprint(s)), {report.mentions} event "
        f"mentions, {report.skipped} skipped",
        err=True,
    )
