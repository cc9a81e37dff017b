"""`eventcoder explain`: one article's text with its actors, triggers, places and quotes
marked, and each event with its codes and the rule that fired (docs/dashboard.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
from eventcoder.read import ReaderOptions, ReadError, read_paths
from eventcoder.records import Article, CodingFailure


@app.command()
def explain(
    path: Annotated[str, typer.Argument(help="A .txt, .html or .jsonl file, or - for stdin.")],
    date: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for articles without one.")
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Write the article view as one self-contained HTML file here."),
    ] = None,
    article_id: Annotated[
        str | None,
        typer.Option("--id", help="The article to explain when the file holds several."),
    ] = None,
    dictionaries: DictionariesOption = None,
    dictionaries_only: DictionariesOnlyOption = False,
    language: LanguageOption = LanguageChoice.auto,
) -> None:
    """Code an article and show it with everything coded marked in the text.

    Without --html, prints the annotated text (every article of a JSONL file, or the one
    --id names); with --html, writes one HTML page (CSS, script and data inlined, works
    offline) for one article.
    """
    check_date_option(date)
    check_dictionary_options(dictionaries, dictionaries_only)
    errors = 0
    articles: list[Article] = []
    for item in read_paths(
        [path], ReaderOptions(default_date=date, language=forced_language(language))
    ):
        if isinstance(item, ReadError):
            errors += 1
            typer.echo(f"eventcoder: skipped {item}", err=True)
        elif article_id is None or item.id == article_id:
            warn_repairs(item)
            articles.append(item)
    if not articles:
        if article_id is not None and not errors:
            fail_usage(f"{path}: no article with id {article_id!r}")
        typer.echo(f"eventcoder: {path}: nothing to explain", err=True)
        raise typer.Exit(1)
    if html is not None and len(articles) > 1:
        ids = ", ".join(a.id for a in articles[:3])
        fail_usage(
            f"{path} holds {len(articles)} articles ({ids}, ...); pick one with --id for --html"
        )

    from eventcoder.explain import article_record, render_article_html, render_article_text

    def failed(failure: CodingFailure) -> None:
        nonlocal errors
        errors += 1
        typer.echo(f"eventcoder: skipped {failure}", err=True)

    coder = build_coder(dictionaries, dictionaries_only)
    for number, result in enumerate(coder.code_many(articles, on_error=failed)):
        record = article_record(result)
        if html is not None:
            html.write_text(render_article_html(record), encoding="utf-8")
            typer.echo(
                f"eventcoder: wrote {html} ({len(result.events)} events, "
                f"{len(result.quotes)} quotes, {len(result.places)} places)",
                err=True,
            )
        else:
            if number:
                typer.echo("\n" + "=" * 96 + "\n")
            typer.echo(render_article_text(record), nl=False)
    if errors:
        raise typer.Exit(1)
