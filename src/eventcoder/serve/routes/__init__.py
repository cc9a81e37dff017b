"""The app's routes, one ``APIRouter`` per group; ``create_app`` includes them in this order
(which is the order of the OpenAPI document)."""

from __future__ import annotations

from eventcoder.serve.routes import articles, coding, dashboard, docs, events, service, stats

API_ROUTERS = (
    service.router,
    coding.router,
    events.router,
    articles.router,
    stats.router,
)

__all__ = ["API_ROUTERS", "dashboard", "docs"]
