"""The shared Typer application; each command module registers itself on it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

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


DbOption = Annotated[Path, typer.Option("--db", help="The DuckDB database file.")]
DEFAULT_DB = Path(DEFAULTS.db_path)  # the --db default of every command that opens one
