"""``POST /v1/code`` (code, store nothing) and ``POST /v1/articles`` (code and store, as
``eventcoder ingest`` does: the same ``store.ingest_run``)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from eventcoder.read import ReadError
from eventcoder.records import Article, CodingFailure
from eventcoder.serve.backends import BackendBatchCoder
from eventcoder.serve.coding import (
    ArticleIn,
    ArticlesIn,
    failure_json,
    to_articles,
    warnings_json,
)
from eventcoder.serve.errors import ApiError
from eventcoder.serve.security import check_token
from eventcoder.serve.state import RuntimeDep
from eventcoder.store import Batch, IngestReport, ingest_run

router = APIRouter(tags=["coding"])
RUN_COMMAND = "serve: POST /v1/articles"  # how these runs are recorded in `runs`
log = logging.getLogger("eventcoder.serve")

ISOLATION = (
    " An article that cannot be coded (the parse or a stage fails on it) does not fail the "
    "request: it is listed in `errors` (`index`, `id`, `stage`, `reason`, `problem`) and the "
    "other articles are coded; the status stays 200. `warnings` lists what the reader "
    "repaired (lone surrogates replaced by U+FFFD)."
)


def _log_failures(failures: list[CodingFailure]) -> None:
    for failure in failures:
        log.warning("coding failed: %s", failure)


def authorised(request: Request, runtime: RuntimeDep) -> None:
    check_token(request, runtime.token)


@router.post(
    "/v1/code",
    summary="Code articles; nothing is stored",
    description=(
        "One article `{text, date?, id?, title?, url?, source?}` returns the contract's "
        "per-article object (as `eventcoder code --format jsonl` writes it); one that "
        "cannot be coded is a 422 `coding_failed` naming the stage. "
        "`{articles: [...]}` returns `{results: [...], skipped: [...], errors: [...], "
        "warnings: [...]}`: `skipped` are the articles the reader's checks refused." + ISOLATION
    ),
)
async def code(body: ArticleIn | ArticlesIn, runtime: RuntimeDep) -> JSONResponse:
    posted = to_articles(body, runtime.limits, need_id=False)
    if isinstance(body, ArticleIn) and posted.skipped:
        raise ApiError(422, "invalid_article", str(posted.skipped[0].error))
    coded = await runtime.coder_service().code(posted.articles) if posted.articles else []
    failures = [found for found in coded if isinstance(found, CodingFailure)]
    _log_failures(failures)
    if isinstance(body, ArticleIn):
        found = coded[0]
        if isinstance(found, CodingFailure):
            raise ApiError(422, "coding_failed", f"article: {found.problem}", stage=found.stage)
        return JSONResponse(found)
    return JSONResponse(
        {
            "results": [found for found in coded if not isinstance(found, CodingFailure)],
            "skipped": [s.to_dict() for s in posted.skipped],
            "errors": [
                failure_json(found, index)
                for found, index in zip(coded, posted.indexes, strict=True)
                if isinstance(found, CodingFailure)
            ],
            "warnings": warnings_json(posted.articles, posted.indexes),
        }
    )


@router.post(
    "/v1/articles",
    summary="Code and store articles (idempotent, as `eventcoder ingest`)",
    description=(
        "Each article needs an `id`. An article stored with the same id and content is "
        "left as it is; changed content replaces its rows in one transaction. Needs "
        "`Authorization: Bearer <token>` when the server has a token. An article that "
        "cannot be coded has the status `failed` in `articles`, is not stored (a later "
        "request retries it) and is recorded in the `skipped` table." + ISOLATION
    ),
    dependencies=[Depends(authorised)],
)
async def store_articles(body: ArticleIn | ArticlesIn, runtime: RuntimeDep) -> JSONResponse:
    posted = to_articles(body, runtime.limits, need_id=True)
    articles, skipped = posted.articles, posted.skipped
    database = runtime.db()
    service = runtime.coder_service()
    # The reader's rejects go in as ReadErrors, so the run records them as skipped inputs.
    items: list[Article | ReadError] = [*articles, *(s.error for s in skipped)]
    statuses: list[tuple[str, str]] = []
    failures: list[CodingFailure] = []
    index_of = {
        article.id: index
        for article, index in reversed(list(zip(articles, posted.indexes, strict=True)))
    }

    def note_statuses(batch: Batch, report: IngestReport) -> None:
        statuses.extend(batch.statuses)
        failures.extend(batch.failures)

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
            "errors": [failure_json(f, index_of.get(f.article_id)) for f in failures],
            "warnings": warnings_json(articles, posted.indexes),
        }

    answer = await service.run(work)
    _log_failures(failures)
    return JSONResponse(answer)
