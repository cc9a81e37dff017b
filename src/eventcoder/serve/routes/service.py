"""``GET /healthz``: liveness and database counts."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from eventcoder import __version__
from eventcoder.serve.state import RuntimeDep
from eventcoder.store.query import count_events_and_articles

router = APIRouter(tags=["service"])


@router.get("/healthz", summary="Liveness and database counts")
def healthz(runtime: RuntimeDep) -> JSONResponse:
    events, articles = count_events_and_articles(runtime.db().cursor())
    return JSONResponse(
        {
            "status": "ok",
            "version": __version__,
            "database": runtime.db_path,
            "events": events,
            "articles": articles,
            "coding_pending": runtime.coding.pending if runtime.coding else 0,
            "write_protected": bool(runtime.token),
        }
    )
