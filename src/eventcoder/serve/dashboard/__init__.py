"""The web dashboard, served by the API's own app: ``/`` (map, timeline, dyads, events),
``/articles/{id}`` (one article with its marks and events) and ``/assets/...``.

Everything the pages load comes from ``/assets`` (docs/dashboard.md); the pages read the data
through the public API (``/v1/stats``, ``/v1/events``), and the article page renders the
record ``GET /v1/articles/{id}`` returns with the renderer ``eventcoder explain`` uses.
"""

from __future__ import annotations

import threading
from html import escape

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse

from eventcoder.explain import render_article_html
from eventcoder.serve.dashboard.assets import Asset, shared_cache

__all__ = ["mount_dashboard"]


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


def mount_dashboard(app: FastAPI) -> None:
    """Add ``GET /``, ``GET /articles/{id}`` and ``GET /assets/{name}`` to the app."""
    cache = shared_cache()
    # The Vega bundle takes a few seconds to build: start now, while the model loads.
    threading.Thread(target=cache.get, args=("vega.js",), daemon=True).start()

    @app.get("/", include_in_schema=False)
    def dashboard(request: Request) -> Response:
        asset = cache.get("index.html")
        assert asset is not None  # shipped with the package
        return asset_response(asset, request)

    @app.get("/assets/{name}", include_in_schema=False)
    def asset(name: str, request: Request) -> Response:
        found = cache.get(name)
        if found is None:
            return _not_found(f"no asset {name!r}")
        return asset_response(found, request)

    @app.get("/articles/{article_id:path}", include_in_schema=False)
    def article_page(article_id: str, request: Request) -> Response:
        from eventcoder.serve.articles import article_json

        runtime = request.app.state.runtime
        record = article_json(runtime.db().cursor(), article_id)
        if record is None:
            return _not_found(f"no article {article_id!r} in the database")
        return HTMLResponse(render_article_html(record, home="/"))
