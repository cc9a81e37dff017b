"""``POST /v1/code`` (code, store nothing) and ``POST /v1/articles`` (code and store, as
``eventcoder ingest`` does: the same ``store.ingest_run``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from eventcoder.read import ReadError
from eventcoder.records import Article
from eventcoder.serve.backends import BackendBatchCoder
from eventcoder.serve.coding import ArticleIn, ArticlesIn, to_articles
from eventcoder.serve.errors import ApiError
from eventcoder.serve.security import check_token
from eventcoder.serve.state import RuntimeDep
from eventcoder.store import Batch, IngestReport, ingest_run

router = APIRouter(tags=["coding"])
RUN_COMMAND = "serve: POST /v1/articles"  # how these runs are recorded in `runs`


def authorised(request: Request, runtime: RuntimeDep) -> None:
    check_token(request, runtime.token)


@router.post(
    "/v1/code",
    summary="Code articles; nothing is stored",
    description=(
        "One article `{text, date?, id?, title?, url?, source?}` returns the contract's "
        "per-article object (as `eventcoder code --format jsonl` writes it). "
        "`{articles: [...]}` returns `{results: [...], skipped: [...]}`."
    ),
)
async def code(body: ArticleIn | ArticlesIn, runtime: RuntimeDep) -> JSONResponse:
    articles, skipped = to_articles(body, runtime.limits, need_id=False)
    if isinstance(body, ArticleIn) and skipped:
        raise ApiError(422, "invalid_article", str(skipped[0].error))
    results = await runtime.coder_service().code(articles) if articles else []
    if isinstance(body, ArticleIn):
        return JSONResponse(results[0])
    return JSONResponse({"results": results, "skipped": [s.to_dict() for s in skipped]})


@router.post(
    "/v1/articles",
    summary="Code and store articles (idempotent, as `eventcoder ingest`)",
    description=(
        "Each article needs an `id`. An article stored with the same id and content is "
        "left as it is; changed content replaces its rows in one transaction. Needs "
        "`Authorization: Bearer <token>` when the server has a token."
    ),
    dependencies=[Depends(authorised)],
)
async def store_articles(body: ArticleIn | ArticlesIn, runtime: RuntimeDep) -> JSONResponse:
    articles, skipped = to_articles(body, runtime.limits, need_id=True)
    database = runtime.db()
    service = runtime.coder_service()
    # The reader's rejects go in as ReadErrors, so the run records them as skipped inputs.
    items: list[Article | ReadError] = [*articles, *(s.error for s in skipped)]
    statuses: list[tuple[str, str]] = []

    def note_statuses(batch: Batch, report: IngestReport) -> None:
        statuses.extend(batch.statuses)

    def work() -> dict[str, Any]:
        with database.writing() as store:
            report = ingest_run(
                items,
                store,
                BackendBatchCoder(service.backend),
                command=RUN_COMMAND,
                batch_size=max(1, len(items)),  # one batch: one transaction per request
                on_batch=note_statuses,
            )
            events = store.events_per_article(a.id for a in articles)
        return {
            "new": report.new,
            "changed": report.changed,
            "unchanged": report.unchanged,
            "mentions": report.mentions,
            "articles": [
                {"article_id": aid, "status": status, "events": events.get(aid)}
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
