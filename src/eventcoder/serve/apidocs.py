"""The API reference at /docs, working offline: where Swagger UI's files are, and the plain
page rendered from the OpenAPI schema when they are missing (routes: ``routes/docs.py``).

Swagger UI's files come from the ``swagger-ui-bundle-v2`` package and are served by the app
under ``/docs/assets`` (FastAPI's default page loads them from a CDN): only the three the page
loads (``DOCS_ASSETS``), not the package's demo page (which fetches a JSON file from an
external host) nor its source maps. The page turns off Swagger UI's online validator badge
(``validatorUrl: null``), the one thing the UI would fetch from elsewhere. Should that package
be missing, /docs is a plain HTML page rendered from the OpenAPI schema instead, never blank.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

try:
    from swagger_ui_bundle import swagger_ui_path

    SWAGGER_UI: Path | None = Path(str(swagger_ui_path))
except ImportError:  # pragma: no cover - depends on the installation
    SWAGGER_UI = None

DOCS_PATH = "/docs"
ASSETS_PATH = "/docs/assets"
# What the /docs page loads, and all that is served under ASSETS_PATH.
DOCS_ASSETS = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "favicon-32x32.png": "image/png",
}
# Swagger UI options: no online validator (it would send the schema's URL to swagger.io).
SWAGGER_UI_PARAMETERS: dict[str, Any] = {"validatorUrl": None}


def plain_reference(schema: dict[str, Any]) -> str:
    """A readable HTML list of the endpoints, their parameters and bodies."""
    info = schema.get("info", {})
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'>",
        f"<title>{html.escape(str(info.get('title', 'API')))}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        "code{background:#eee;padding:0 .2em}</style></head><body>",
        f"<h1>{html.escape(str(info.get('title', 'API')))} "
        f"{html.escape(str(info.get('version', '')))}</h1>",
        "<p>Machine-readable schema: <a href='/openapi.json'>/openapi.json</a></p>",
    ]
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            parts.append(f"<h2><code>{html.escape(method.upper())} {html.escape(path)}</code></h2>")
            summary = op.get("summary") or ""
            description = op.get("description") or ""
            parts.append(f"<p><b>{html.escape(summary)}</b></p>")
            if description:
                parts.append(f"<pre>{html.escape(description)}</pre>")
            params = op.get("parameters", [])
            if params:
                parts.append("<ul>")
                for param in params:
                    text = param.get("description") or param.get("schema", {}).get(
                        "description", ""
                    )
                    parts.append(
                        f"<li><code>{html.escape(param['name'])}</code> ({param['in']}) "
                        f"{html.escape(str(text))}</li>"
                    )
                parts.append("</ul>")
            if "requestBody" in op:
                parts.append("<p>Request body: JSON (see /openapi.json).</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
