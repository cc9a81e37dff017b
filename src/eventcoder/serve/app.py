"""The HTTP API (``eventcoder serve``): code articles, store them, query the event database.

``create_app(db)`` builds the FastAPI application. The server owns the DuckDB file while it
runs (DuckDB lets one process open it); the spaCy model is loaded once, at startup. Routes
are versioned under ``/v1``; ``/healthz``, ``/openapi.json`` and ``/docs`` (offline Swagger
UI) sit beside them, and the dashboard (``eventcoder.serve.dashboard``) takes ``/`` and
``/assets``. docs/serve.md documents every endpoint and the JSON it returns.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import anyio.to_thread
from fastapi import Depends, FastAPI, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse

from eventcoder import __version__
from eventcoder.ontology import Ontology
from eventcoder.read import ReadError
from eventcoder.records import Article
from eventcoder.serve.apidocs import mount_docs
from eventcoder.serve.articles import article_json
from eventcoder.serve.backends import Backend, BackendBatchCoder, ProcessBackend, ThreadBackend
from eventcoder.serve.coding import ArticleIn, ArticlesIn, CodingService, to_articles
from eventcoder.serve.dashboard import mount_dashboard
from eventcoder.serve.database import Database
from eventcoder.serve.errors import ApiError, install_error_handlers
from eventcoder.serve.limits import BodySizeLimit, Limits
from eventcoder.serve.queries import Cursor, event_detail, event_json, event_page, stats
from eventcoder.serve.security import check_token
from eventcoder.store import EventFilter, ingest
from eventcoder.store.query import EVENT_FIELDS
from eventcoder.store.rows import content_hash

if TYPE_CHECKING:
    from eventcoder.coder import Coder


@dataclass(slots=True)
class Runtime:
    """What the lifespan opens and the routes use."""

    db_path: str
    database: Database | None = None
    backend: Backend | None = None
    coding: CodingService | None = None
    ontology: Ontology = field(default_factory=Ontology.load)

    def db(self) -> Database:
        if self.database is None:
            raise ApiError(503, "starting", "the server is starting; retry in a moment")
        return self.database

    def coder_service(self) -> CodingService:
        if self.coding is None:
            raise ApiError(503, "starting", "the server is starting; retry in a moment")
        return self.coding


# -- filters -----------------------------------------------------------------------------


def event_filter(
    country: Annotated[
        str | None,
        Query(
            pattern="^[A-Za-z]{3}$",
            description="ISO 3166 alpha-3 of the source actor, the target actor or the place.",
        ),
    ] = None,
    actor: Annotated[
        str | None,
        Query(max_length=64, description="Actor code prefix of either side (NER, NERMIL, IGO)."),
    ] = None,
    source: Annotated[
        str | None, Query(max_length=64, description="Source actor code prefix.")
    ] = None,
    target: Annotated[
        str | None, Query(max_length=64, description="Target actor code prefix.")
    ] = None,
    cameo: Annotated[
        str | None,
        Query(pattern="^[0-9]{1,4}$", description="CAMEO code prefix: a root (17) or code (173)."),
    ] = None,
    since: Annotated[dt.date | None, Query(description="First event date, YYYY-MM-DD.")] = None,
    until: Annotated[dt.date | None, Query(description="Last event date, YYYY-MM-DD.")] = None,
    factuality: Annotated[
        Literal["asserted", "negated", "hypothetical"] | None,
        Query(description="Only events with this factuality."),
    ] = None,
    min_sources: Annotated[
        int | None, Query(ge=1, description="Only events reported by at least N outlets.")
    ] = None,
) -> EventFilter:
    """The ``eventcoder events`` filters; all combine with AND."""
    if since and until and since > until:
        raise ApiError(422, "invalid_request", "since: after until; nothing can match")
    return EventFilter(
        country=country,
        actor=actor,
        source=source,
        target=target,
        cameo=cameo,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        factuality=factuality,
        min_sources=min_sources,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]


def _csv(rows: list[tuple[Any, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EVENT_FIELDS)
    for row in rows:
        writer.writerow(
            "" if v is None else (v.isoformat() if isinstance(v, dt.date) else v) for v in row
        )
    return out.getvalue()


# -- the application -----------------------------------------------------------------------


def create_app(
    db: str | Path | Database,
    *,
    token: str | None = None,
    coder: Coder | None = None,
    coding: Literal["process", "thread"] = "process",
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
    runtime = Runtime(db.path if isinstance(db, Database) else str(db))
    if isinstance(db, Database):
        runtime.database = db

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if runtime.database is None:
            runtime.database = await anyio.to_thread.run_sync(Database, runtime.db_path)
        backend: Backend
        if coder is not None:
            backend = ThreadBackend(coder)
        elif coding == "thread":
            from eventcoder.coder import Coder

            backend = ThreadBackend(await anyio.to_thread.run_sync(Coder))
        else:
            backend = ProcessBackend()
        runtime.backend = backend
        await anyio.to_thread.run_sync(backend.start)  # the model is loaded before serving
        runtime.coding = CodingService(backend, limits.max_pending_coding)
        try:
            yield
        finally:
            runtime.coding = None
            await anyio.to_thread.run_sync(backend.close)
            if runtime.database is not None:
                runtime.database.close()
                runtime.database = None

    app = FastAPI(
        title="eventcoder",
        version=__version__,
        summary="Political events (CAMEO/PLOVER) coded from news, with their evidence.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(BodySizeLimit, max_bytes=limits.max_body_bytes)
    install_error_handlers(app)
    mount_docs(app, "eventcoder")
    app.state.runtime = runtime
    app.state.limits = limits

    def authorised(request: Request) -> None:
        check_token(request, token)

    @app.get("/healthz", tags=["service"], summary="Liveness and database counts")
    def healthz() -> JSONResponse:
        con = runtime.db().cursor()
        events, articles = con.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM articles)"
        ).fetchall()[0]
        return JSONResponse(
            {
                "status": "ok",
                "version": __version__,
                "database": runtime.db_path,
                "events": int(events),
                "articles": int(articles),
                "coding_pending": runtime.coding.pending if runtime.coding else 0,
                "write_protected": bool(token),
            }
        )

    @app.post(
        "/v1/code",
        tags=["coding"],
        summary="Code articles; nothing is stored",
        description=(
            "One article `{text, date?, id?, title?, url?, source?}` returns the contract's "
            "per-article object (as `eventcoder code --format jsonl` writes it). "
            "`{articles: [...]}` returns `{results: [...], skipped: [...]}`."
        ),
    )
    async def code(body: ArticleIn | ArticlesIn) -> JSONResponse:
        articles, skipped = to_articles(body, limits, need_id=False)
        if isinstance(body, ArticleIn) and skipped:
            raise ApiError(422, "invalid_article", str(skipped[0].error))
        results = await runtime.coder_service().code(articles) if articles else []
        if isinstance(body, ArticleIn):
            return JSONResponse(results[0])
        return JSONResponse(
            {
                "results": results,
                "skipped": [s.to_dict() for s in skipped],
            }
        )

    @app.post(
        "/v1/articles",
        tags=["coding"],
        summary="Code and store articles (idempotent, as `eventcoder ingest`)",
        description=(
            "Each article needs an `id`. An article stored with the same id and content is "
            "left as it is; changed content replaces its rows in one transaction. Needs "
            "`Authorization: Bearer <token>` when the server has a token."
        ),
        dependencies=[Depends(authorised)],
    )
    async def store_articles(body: ArticleIn | ArticlesIn) -> JSONResponse:
        articles, skipped = to_articles(body, limits, need_id=True)
        database = runtime.db()
        service = runtime.coder_service()

        def work() -> dict[str, Any]:
            with database.writing() as store:
                known = store.known_hashes(a.id for a in articles)
                seen: set[str] = set()
                statuses: list[tuple[str, str]] = []
                for article in articles:
                    if article.id in seen:
                        statuses.append((article.id, "skipped"))
                        continue
                    seen.add(article.id)
                    stored = known.get(article.id)
                    status = (
                        "new"
                        if stored is None
                        else "unchanged"
                        if stored == content_hash(article)
                        else "changed"
                    )
                    statuses.append((article.id, status))
                run_id = store.begin_run("serve: POST /v1/articles")
                items: list[Article | ReadError] = [*articles, *(s.error for s in skipped)]
                try:
                    report = ingest(
                        items,
                        store,
                        BackendBatchCoder(service.backend),
                        batch_size=max(1, len(items)),
                        run_id=run_id,
                    )
                except BaseException:
                    store.finish_run(run_id, "failed", {})
                    raise
                store.finish_run(run_id, "done", report.counts())
                counts = dict(
                    store.query(
                        "SELECT article_id, n_events FROM articles "
                        "WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))",
                        [[a.id for a in articles]],
                    )
                )
            return {
                "new": report.new,
                "changed": report.changed,
                "unchanged": report.unchanged,
                "mentions": report.mentions,
                "articles": [
                    {"article_id": aid, "status": status, "events": counts.get(aid)}
                    for aid, status in statuses
                ],
                "skipped": [s.to_dict() for s in skipped]
                + [
                    {"index": None, "id": aid, "problem": "duplicate article id in this request"}
                    for aid, status in statuses
                    if status == "skipped"
                ],
            }

        return JSONResponse(await service.run(work))

    @app.get(
        "/v1/events",
        tags=["events"],
        summary="Query de-duplicated events, a page at a time",
        description=(
            "Ordered by date then event id. JSON: `{events, count, next_cursor}`; pass "
            "`next_cursor` back as `cursor` for the next page (null on the last). CSV: the "
            "events columns, the next cursor in the `X-Next-Cursor` header."
        ),
        response_model=None,
    )
    def list_events(
        flt: Filter,
        limit: Annotated[
            int, Query(ge=1, description="Events per page (at most max_page, 10,000).")
        ] = 100,
        cursor: Annotated[
            str | None, Query(max_length=200, description="`next_cursor` of the last page.")
        ] = None,
        fmt: Annotated[
            Literal["json", "csv"], Query(alias="format", description="json or csv.")
        ] = "json",
    ) -> Response:
        if limit > limits.max_page:
            raise ApiError(
                422,
                "limit_too_large",
                f"limit: {limit:,} events per page; the limit is {limits.max_page:,} (max_page)",
                limit=limits.max_page,
            )
        after = Cursor.decode(cursor) if cursor else None
        page = event_page(runtime.db().cursor(), flt, limit, after)
        if fmt == "csv":
            headers = {"X-Next-Cursor": page.next_cursor} if page.next_cursor else {}
            return Response(_csv(page.rows), media_type="text/csv; charset=utf-8", headers=headers)
        return JSONResponse(
            {
                "events": [event_json(row) for row in page.rows],
                "count": len(page.rows),
                "next_cursor": page.next_cursor,
            }
        )

    @app.get(
        "/v1/events/{event_id}",
        tags=["events"],
        summary="One event with every mention and its evidence",
    )
    def get_event(
        event_id: Annotated[int, PathParam(description="The event id (a 63-bit integer).")],
    ) -> JSONResponse:
        found = event_detail(runtime.db().cursor(), event_id)
        if found is None:
            raise ApiError(404, "event_not_found", f"no event {event_id}")
        return JSONResponse(found)

    @app.get(
        "/v1/articles/{article_id:path}",
        tags=["articles"],
        summary="A stored article: text plus all annotations, in the contract's shape",
    )
    def get_article(article_id: str) -> JSONResponse:
        found = article_json(runtime.db().cursor(), article_id)
        if found is None:
            raise ApiError(404, "article_not_found", f"no article {article_id!r}")
        return JSONResponse(found)

    @app.get(
        "/v1/stats",
        tags=["events"],
        summary="Aggregates for the dashboard: by day, country, CAMEO root, QuadClass",
    )
    def get_stats(flt: Filter) -> JSONResponse:
        return JSONResponse(stats(runtime.db().cursor(), flt, runtime.ontology))

    if dashboard:
        mount_dashboard(app)
    return app
