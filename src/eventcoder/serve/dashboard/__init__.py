"""The web dashboard's assets (``assets.py``, ``static/``), served by the API's own app; the
routes that serve them are ``eventcoder.serve.routes.dashboard`` (docs/dashboard.md).

The pages read the data through the public API (``/v1/stats``, ``/v1/events``), and the
article page renders the record ``GET /v1/articles/{id}`` returns with the renderer
``eventcoder explain`` uses.
"""
