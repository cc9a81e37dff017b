"""``/docs``: the API reference, offline (Swagger UI from ``/docs/assets``, else a plain page
rendered from the OpenAPI schema; ``serve/apidocs.py``). Not part of the API schema."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response

from eventcoder.serve.apidocs import (
    ASSETS_PATH,
    DOCS_ASSETS,
    DOCS_PATH,
    SWAGGER_UI,
    SWAGGER_UI_PARAMETERS,
    plain_reference,
)
from eventcoder.serve.errors import error_response

router = APIRouter(include_in_schema=False)


@router.get(ASSETS_PATH + "/{name}")
def docs_asset(name: str) -> Response:
    """Only the files the /docs page loads (not the package's demo page, which fetches a
    JSON file from an external host, nor its source maps and other bundles)."""
    media_type = DOCS_ASSETS.get(name)
    if SWAGGER_UI is None or media_type is None or not (SWAGGER_UI / name).is_file():
        return error_response(404, "not_found", f"no such asset: {ASSETS_PATH}/{name}")
    return FileResponse(
        SWAGGER_UI / name, media_type=media_type, headers={"Cache-Control": "max-age=86400"}
    )


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
        swagger_ui_parameters=SWAGGER_UI_PARAMETERS,
    )
