"""`eventcoder code` and `eventcoder check-data`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console

from eventcoder.cli.app import (
    LanguageChoice,
    LanguageOption,
    app,
    check_date_option,
    fail_usage,
    forced_language,
    warn_repairs,
)
from eventcoder.cli.dictionaries import (
    DictionariesOnlyOption,
    DictionariesOption,
    build_coder,
    check_dictionary_options,
)
from eventcoder.cli.sources import (
    DEFAULT_MIN_INTERVAL,
    DEFAULT_TIMEOUT,
    MinIntervalOption,
    TimeoutOption,
    fetch_options,
)
from eventcoder.read import ReaderOptions, ReadError
from eventcoder.read.inputs import read_inputs
from eventcoder.records import Article, CodingFailure
from eventcoder.settings import DEFAULTS


class OutputFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    gdelt = "gdelt"


@app.command()
def code(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files (.txt, .html, .jsonl, .warc, .warc.gz), folders, page URLs, or - for stdin."
        ),
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for articles without one.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    fmt: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl (one article per line), csv, or gdelt (GDELT 2.0 events, 61 columns).",
        ),
    ] = OutputFormat.jsonl,
    max_bytes: Annotated[
        int, typer.Option(help="Largest article (bytes) to accept.")
    ] = DEFAULTS.max_bytes,
    summary: Annotated[
        bool, typer.Option("--summary", help="Print a readable summary to stderr at the end.")
    ] = False,
    dictionaries: DictionariesOption = None,
    dictionaries_only: DictionariesOnlyOption = False,
    min_interval: MinIntervalOption = DEFAULT_MIN_INTERVAL,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    language: LanguageOption = LanguageChoice.auto,
) -> None:
    """Code articles and write one record per article (jsonl) or per event (csv)."""
    check_date_option(date)
    if not paths:
        fail_usage("give at least one file, folder or URL, or - for stdin")
    check_dictionary_options(dictionaries, dictionaries_only)
    from eventcoder.formats import CsvWriter, to_json_line
    from eventcoder.summary import Summary, print_summary

    options = ReaderOptions(
        default_date=date, max_bytes=max_bytes, language=forced_language(language)
    )
    errors = 0

    def articles() -> Iterator[Article]:
        nonlocal errors
        fetching = fetch_options(min_interval, timeout)
        for item in read_inputs(paths or [], options, fetching):
            if isinstance(item, ReadError):
                errors += 1
                typer.echo(f"eventcoder: skipped {item}", err=True)
            else:
                warn_repairs(item)
                yield item

    def failed(failure: CodingFailure) -> None:
        nonlocal errors
        errors += 1
        typer.echo(f"eventcoder: skipped {failure}", err=True)

    coder = build_coder(dictionaries, dictionaries_only)
    totals = Summary()
    with ExitStack() as stack:
        stream: TextIO
        if output is None:
            stream = sys.stdout
        else:
            stream = stack.enter_context(output.open("w", encoding="utf-8", newline=""))
        csv_writer = CsvWriter(stream) if fmt is OutputFormat.csv else None
        gdelt_writer = None
        if fmt is OutputFormat.gdelt:
            from eventcoder.store.export import GdeltArticleWriter

            gdelt_writer = GdeltArticleWriter(stream)
            stack.callback(gdelt_writer.close)
        for result in coder.code_many(articles(), on_error=failed):
            if csv_writer is not None:
                csv_writer.write(result)
            elif gdelt_writer is not None:
                gdelt_writer.write(result)
            else:
                stream.write(to_json_line(result) + "\n")
            totals.add(result)
    if summary:
        print_summary(totals, coder.ontology, Console(stderr=True))
    if errors:
        typer.echo(
            f"eventcoder: {totals.articles} article(s) coded, "
            f"{errors} input(s) left out (see above)",
            err=True,
        )
        raise typer.Exit(1)


@app.command("check-data")
def check_data(
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="A data folder laid out like src/eventcoder/data (default: the packaged one).",
        ),
    ] = None,
) -> None:
    """Load every data file as the coder does; report each malformed line (file:line) or the
    dictionary sizes."""
    from eventcoder.datacheck import check_data_dir

    if data_dir is not None and not data_dir.is_dir():
        fail_usage(f"--data-dir {str(data_dir)!r} is not a folder")
    found = check_data_dir(data_dir)
    for problem in found.problems:
        typer.echo(f"eventcoder: data error: {problem}", err=True)
    for note in found.not_checked:
        typer.echo(f"eventcoder: not checked: {note}", err=True)
    if not found.ok:
        raise typer.Exit(1)
    ontology, book, lexicon = found.ontology, found.patterns, found.lexicon
    assert ontology is not None and book is not None and lexicon is not None
    typer.echo(
        f"ok: {len(ontology.event_codes())} CAMEO codes, {book.pattern_count()} event patterns "
        f"covering {len(book.cameo_codes())} codes, {len(lexicon.roles.entries)} role words, "
        f"{len(lexicon.organisations.by_name)} organisation names, "
        f"{len(lexicon.countries.names)} country names"
    )
