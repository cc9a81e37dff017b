"""`eventcoder serve`: the HTTP API and dashboard over an event database."""

from __future__ import annotations

import os
from enum import StrEnum
from typing import Annotated

import typer

from eventcoder.cli.app import DEFAULT_DB, DbOption, app, fail_usage
from eventcoder.settings import DEFAULTS


class CodingMode(StrEnum):
    process = "process"
    thread = "thread"


TOKEN_ENV = DEFAULTS.token_env
DEFAULT_CODING = CodingMode(DEFAULTS.coding)


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = DEFAULTS.host,
    port: Annotated[int, typer.Option(help="Port to listen on.", min=0, max=65535)] = DEFAULTS.port,
    token: Annotated[
        str | None,
        typer.Option(
            help=f"Bearer token required by POST /v1/articles (default: ${TOKEN_ENV}).",
            show_default=False,
        ),
    ] = None,
    max_articles: Annotated[
        int, typer.Option(help="Articles per POST request.", min=1)
    ] = DEFAULTS.max_articles,
    max_text_chars: Annotated[
        int, typer.Option(help="Characters of one posted article.", min=1)
    ] = DEFAULTS.max_text_chars,
    max_body_bytes: Annotated[
        int, typer.Option(help="Bytes of one request body.", min=1)
    ] = DEFAULTS.max_body_bytes,
    coding: Annotated[
        CodingMode,
        typer.Option(
            help="Where posted articles are coded: one worker process (queries stay fast "
            "while it codes) or a thread of the server process."
        ),
    ] = DEFAULT_CODING,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve the HTTP API (/v1, /docs) and the dashboard (/) over the database.

    The server holds the database file while it runs: post articles to it
    (POST /v1/articles) instead of running `eventcoder ingest` on the same file.
    """
    from eventcoder.serve.security import bind_problem

    token = token or os.environ.get(TOKEN_ENV) or None
    problem = bind_problem(host, token)
    if problem:
        fail_usage(problem)

    import uvicorn

    from eventcoder.serve import Database, Limits, create_app
    from eventcoder.store.db import DatabaseLocked
    from eventcoder.store.migrations import SchemaError

    try:
        database = Database(db)
    except (DatabaseLocked, SchemaError) as exc:
        typer.echo(f"eventcoder: {exc}", err=True)
        raise typer.Exit(1) from exc
    except Exception as exc:  # not a DuckDB file, unreadable, a folder, ...
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        typer.echo(f"eventcoder: cannot open {db}: {detail}", err=True)
        raise typer.Exit(1) from exc
    limits = Limits(
        max_body_bytes=max_body_bytes, max_articles=max_articles, max_text_chars=max_text_chars
    )
    application = create_app(database, token=token, coding=coding.value, limits=limits)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(
        f"eventcoder: serving {db} on http://{shown}:{port}/ (API docs: /docs; "
        f"writes {'need the token' if token else 'open on loopback'}); loading the model...",
        err=True,
    )
    # Keep idle connections longer than clients do (httpx and browsers: 5-15 s), so a client
    # never reuses a connection the server is closing at that moment (a reset, not a reply).
    uvicorn.run(
        application,
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        timeout_keep_alive=30,
    )
