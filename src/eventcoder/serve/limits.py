"""Request limits, and the ASGI middleware that enforces the body size before any parsing."""

from __future__ import annotations

import json
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventcoder.settings import DEFAULTS


@dataclass(frozen=True, slots=True)
class Limits:
    """What one request may ask for. Exceeding one gives a 413 naming the limit."""

    max_body_bytes: int = DEFAULTS.max_body_bytes  # whole request body
    max_articles: int = DEFAULTS.max_articles  # articles per POST /v1/code or /v1/articles
    max_text_chars: int = DEFAULTS.max_text_chars  # characters of one article's text
    max_page: int = DEFAULTS.max_page  # events per GET /v1/events page (`limit`)
    max_pending_coding: int = DEFAULTS.max_pending_coding  # coding requests queued before 503


def too_large_body(limit: int, size: int | None) -> bytes:
    seen = f"{size:,} bytes" if size is not None else f"more than {limit:,} bytes"
    body = {
        "error": {
            "status": 413,
            "code": "body_too_large",
            "message": f"request body is {seen}; the limit is {limit:,} bytes (max_body_bytes)",
            "limit": limit,
        }
    }
    return json.dumps(body).encode("utf-8")


class BodySizeLimit:
    """Refuses request bodies over ``max_bytes`` with a JSON 413.

    A declared Content-Length over the limit is refused at once; a body sent without one
    (chunked) is read up to the limit and refused when it goes over, before the app sees it.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = None
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = None
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send, declared)
            return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._refuse(send, None)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            if messages:
                return messages.pop(0)
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send, size: int | None) -> None:
        body = too_large_body(self.max_bytes, size)
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
