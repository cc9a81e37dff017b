"""``/docs``: the API reference, offline (Swagger UI from ``/docs/assets``, else a plain page
rendered from the OpenAPI schema; ``serve/apidocs.py``). Not part of the API schema."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from eventcoder.serve.apidocs import ASSETS_PATH, DOCS_PATH, SWAGGER_UI, plain_reference

router = APIRouter(include_in_schema=False)


def mount_swagger_assets(app: FastAPI) -> None:
    """Serve Swagger UI's files under /docs/assets (a mount, which a router cannot hold)."""
    if SWAGGER_UI is not None and SWAGGER_UI.is_dir():
        app.mount(ASSETS_PATH, StaticFiles(directory=SWAGGER_UI), name="docs-assets")


@router.get(DOCS_PATH)
def docs_page(request: Request) -> HTMLResponse:
    app: FastAPI = request.app
    if SWAGGER_UI is None or not SWAGGER_UI.is_dir():  # pragma: no cover - installation
        return HTMLResponse(plain_reference(app.openapi()))
    return get_swagger_ui_html(
        openapi_url=app.openapi_url or "/openapi.json",
        title=f"{app.title} - API",
        swagger_js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS_PATH}/swagger-ui.css",
        swagger_favicon_url=f"{ASSETS_PATH}/favicon-32x32.png",
    )
