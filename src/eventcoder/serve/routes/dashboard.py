"""The web dashboard's routes: ``/`` (map, timeline, dyads, events), ``/articles/{id}`` (one
article with its marks and events) and ``/assets/...``. Not part of the API schema."""

from __future__ import annotations

import threading
from html import escape

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from eventcoder.explain import render_article_html
from eventcoder.serve.dashboard.assets import Asset, shared_cache
from eventcoder.serve.state import RuntimeDep
from eventcoder.store.articles import stored_article

router = APIRouter(include_in_schema=False)


def warm_up() -> None:
    """Start building the Vega bundle (a few seconds) now, while the model loads."""
    threading.Thread(target=shared_cache().get, args=("vega.js",), daemon=True).start()


def asset_response(asset: Asset, request: Request) -> Response:
    headers = {"ETag": asset.etag, "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
    if request.headers.get("if-none-match") == asset.etag:
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(asset.gzipped, media_type=asset.media_type, headers=headers)
    return Response(asset.body, media_type=asset.media_type, headers=headers)


def _not_found(message: str) -> HTMLResponse:
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title>'
        '<link rel="stylesheet" href="/assets/dashboard.css"></head><body class="missing">'
        f'<main><h1>Not found</h1><p>{escape(message)}</p><p><a href="/">Dashboard</a></p>'
        "</main></body></html>"
    )
    return HTMLResponse(page, status_code=404)


@router.get("/")
def dashboard(request: Request) -> Response:
    asset = shared_cache().get("index.html")
    assert asset is not None  # shipped with the package
    return asset_response(asset, request)


@router.get("/assets/{name}")
def asset(name: str, request: Request) -> Response:
    found = shared_cache().get(name)
    if found is None:
        return _not_found(f"no asset {name!r}")
    return asset_response(found, request)


@router.get("/articles/{article_id:path}")
def article_page(article_id: str, runtime: RuntimeDep) -> Response:
    record = stored_article(runtime.db().cursor(), article_id)
    if record is None:
        return _not_found(f"no article {article_id!r} in the database")
    return HTMLResponse(render_article_html(record, home="/"))
