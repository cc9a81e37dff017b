"""The HTTP API (``eventcoder serve``): code articles, store them, query the event database.

``create_app(db)`` assembles the FastAPI application from the routers in ``routes/``; their
state is one ``Runtime`` (``state.py``). The server owns the DuckDB file while it runs
(DuckDB lets one process open it); the spaCy model is loaded once, at startup. Routes are
versioned under ``/v1``; ``/healthz``, ``/openapi.json`` and ``/docs`` (offline Swagger UI)
sit beside them, and the dashboard takes ``/`` and ``/assets``. docs/serve.md documents
every endpoint and the JSON it returns.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI

from eventcoder import __version__
from eventcoder.serve.database import Database
from eventcoder.serve.errors import install_error_handlers
from eventcoder.serve.limits import BodySizeLimit, Limits
from eventcoder.serve.routes import API_ROUTERS, docs
from eventcoder.serve.routes import dashboard as dashboard_routes
from eventcoder.serve.state import Runtime
from eventcoder.settings import DEFAULTS, CodingMode

if TYPE_CHECKING:
    from eventcoder.coder import Coder


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    runtime: Runtime = app.state.runtime
    await runtime.open()
    try:
        yield
    finally:
        await runtime.close()


def create_app(
    db: str | Path | Database,
    *,
    token: str | None = None,
    coder: Coder | None = None,
    coding: CodingMode = DEFAULTS.coding,
    limits: Limits | None = None,
    dashboard: bool = True,
) -> FastAPI:
    """The API over the database ``db`` (a path, opened at startup, or an open Database).

    ``token``: required as ``Authorization: Bearer`` on POST /v1/articles when given.
    ``coder``: an already loaded Coder to code with in this process (tests share one);
    without it, ``coding`` says where the model is loaded at startup: in one worker process
    (the default, so coding never holds this process's GIL) or in this process.
    """
    limits = limits or Limits()
    app = FastAPI(
        title="eventcoder",
        version=__version__,
        summary="Political events (CAMEO/PLOVER) coded from news, with their evidence.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.runtime = Runtime(
        db_path=db.path if isinstance(db, Database) else str(db),
        database=db if isinstance(db, Database) else None,
        limits=limits,
        token=token,
        coder=coder,
        coding_mode=coding,
    )
    app.add_middleware(BodySizeLimit, max_bytes=limits.max_body_bytes)
    install_error_handlers(app)
    app.include_router(docs.router)
    for router in API_ROUTERS:
        app.include_router(router)
    if dashboard:
        app.include_router(dashboard_routes.router)
        dashboard_routes.warm_up()
    return app
