"""``GET /v1/stats``: the dashboard's aggregates (``store.stats``) under the events filters."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from eventcoder.serve.routes.events import Filter
from eventcoder.serve.state import RuntimeDep
from eventcoder.store.stats import stats

router = APIRouter(tags=["events"])


@router.get(
    "/v1/stats",
    summary="Aggregates for the dashboard: by day, country, CAMEO root, QuadClass",
)
def get_stats(flt: Filter, runtime: RuntimeDep) -> JSONResponse:
    return JSONResponse(stats(runtime.db().cursor(), flt, runtime.ontology))
