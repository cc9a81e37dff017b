"""`eventcoder serve`: the HTTP API (FastAPI under uvicorn) and the web dashboard.

See docs/serve.md. ``create_app(db)`` builds the application; the server owns the DuckDB file
while it runs.
"""

from __future__ import annotations

from eventcoder.serve.app import create_app
from eventcoder.serve.database import Database
from eventcoder.serve.limits import Limits
from eventcoder.serve.security import TOKEN_ENV, bind_problem

__all__ = ["TOKEN_ENV", "Database", "Limits", "bind_problem", "create_app"]
