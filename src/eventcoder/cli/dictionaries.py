"""Options shared by the commands that code: PETRARCH dictionaries (docs/petrarch.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from eventcoder.cli.app import fail_usage

if TYPE_CHECKING:
    from eventcoder.coder import Coder

DictionariesOption = Annotated[
    Path | None,
    typer.Option(
        "--dictionaries",
        help="Folder of PETRARCH/TABARI dictionaries (*verbs*/CAMEO*, *actors*, *agents*, "
        "*discards*), layered over the built-in data.",
    ),
]
DictionariesOnlyOption = Annotated[
    bool,
    typer.Option(
        "--dictionaries-only",
        help="With --dictionaries: use the dictionaries instead of the built-in actors and verbs.",
    ),
]
SHOWN_WARNINGS = 20


def check_dictionary_options(dictionaries: Path | None, only: bool) -> None:
    if only and dictionaries is None:
        fail_usage("--dictionaries-only needs --dictionaries DIR")
    if dictionaries is not None and not dictionaries.exists():
        fail_usage(f"--dictionaries {str(dictionaries)!r}: no such file or folder")


def build_coder(dictionaries: Path | None, only: bool, **kwargs: Any) -> Coder:
    """A Coder with the dictionaries installed; their warnings go to stderr, once."""
    from eventcoder.coder import Coder
    from eventcoder.petrarch import DictionaryError

    check_dictionary_options(dictionaries, only)
    try:
        coder = Coder(dictionaries=dictionaries, dictionaries_only=only, **kwargs)
    except DictionaryError as exc:
        fail_usage(str(exc))
    if coder.petrarch is not None:
        warnings = coder.petrarch.warnings
        for warning in warnings[:SHOWN_WARNINGS]:
            typer.echo(f"eventcoder: warning: {warning}", err=True)
        if len(warnings) > SHOWN_WARNINGS:
            typer.echo(
                f"eventcoder: warning: ... and {len(warnings) - SHOWN_WARNINGS} more problems "
                "in the dictionaries (Coder(...).petrarch.warnings lists them all)",
                err=True,
            )
        typer.echo(f"eventcoder: dictionaries: {coder.petrarch.dictionaries.summary()}", err=True)
    return coder
