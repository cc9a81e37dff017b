"""The shared Typer application; each command module registers itself on it."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from eventcoder.read.sources import date_problem, valid_date
from eventcoder.records import Article
from eventcoder.settings import DEFAULTS

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Code news articles into CAMEO/PLOVER political events with evidence.",
)


def fail_usage(message: str) -> NoReturn:
    """A usage error: one line on stderr, exit status 2."""
    typer.echo(f"eventcoder: error: {message}", err=True)
    raise typer.Exit(2)


class LanguageChoice(StrEnum):
    auto = "auto"
    en = "en"
    fr = "fr"


LanguageOption = Annotated[
    LanguageChoice,
    typer.Option(
        "--language",
        help="The articles' language: auto (identify each; other languages are skipped), "
        "en or fr (code every article in that language).",
    ),
]


def forced_language(choice: LanguageChoice) -> str | None:
    """--language: the language to code every article in, or None to identify each."""
    return None if choice is LanguageChoice.auto else choice.value


def check_date_option(date: str | None) -> None:
    """--date: a YYYY-MM-DD date within the years eventcoder codes, else a usage error."""
    if date is None:
        return
    if valid_date(date) is None:
        fail_usage(f"--date {date!r} is not a date; use YYYY-MM-DD")
    problem = date_problem(date)
    if problem:
        fail_usage(f"--date {date} is {problem}")


def warn_repairs(article: Article) -> None:
    """One line per change the reader made to an article so that it could be coded."""
    for repair in article.repairs:
        typer.echo(f"eventcoder: warning: {article.where}: {repair}", err=True)


DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB database file.")]
DEFAULT_DB = Path(DEFAULTS.db_path)  # the --db default of every command that opens one
