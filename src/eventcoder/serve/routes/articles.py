"""``GET /v1/articles/{id}``: a stored article, text plus all annotations, in the contract's
shape (``store.articles``)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from eventcoder.serve.errors import ApiError
from eventcoder.serve.state import RuntimeDep
from eventcoder.store.articles import stored_article

router = APIRouter(tags=["articles"])


@router.get(
    "/v1/articles/{article_id:path}",
    summary="A stored article: text plus all annotations, in the contract's shape",
)
def get_article(article_id: str, runtime: RuntimeDep) -> JSONResponse:
    found = stored_article(runtime.db().cursor(), article_id)
    if found is None:
        raise ApiError(404, "article_not_found", f"no article {article_id!r}")
    return JSONResponse(found)
