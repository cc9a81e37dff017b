"""Coding posted articles: input validation (the ingest reader's rules), and a bounded
queue in front of the coding backend (``backends.py``) so that coding never starves the
read endpoints.

One coding call runs at a time, on a worker thread (``anyio.CapacityLimiter(1)``), off the
event loop; with the default ``ProcessBackend`` that thread only waits for the coding
process. At most ``max_pending`` calls wait their turn; more get a 503 with Retry-After
instead of piling up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import anyio
import anyio.to_thread
from pydantic import BaseModel, ConfigDict, Field

from eventcoder.read import ReaderOptions, ReadError
from eventcoder.read.sources import article_from_json
from eventcoder.read.text_checks import replace_surrogates
from eventcoder.records import Article, CodingFailure
from eventcoder.serve.errors import ApiError
from eventcoder.serve.limits import Limits

if TYPE_CHECKING:
    from eventcoder.serve.backends import Backend, CodedDicts

T = TypeVar("T")


class ArticleIn(BaseModel):
    """One article, as a line of the JSONL input format."""

    model_config = ConfigDict(extra="ignore")

    text: str = Field(description="The article text (English or French).")
    id: str | None = Field(
        default=None, description="Article id; needed to store, else 'article' / 'article-N'."
    )
    date: str | None = Field(default=None, description="Publication date, YYYY-MM-DD.")
    title: str | None = None
    url: str | None = None
    source: str | None = Field(default=None, description="Outlet, for num_sources.")
    language: Literal["en", "fr"] | None = Field(
        default=None,
        description="The article's language (en, fr); identified from the text when absent.",
    )


class ArticlesIn(BaseModel):
    """Several articles in one request."""

    articles: list[ArticleIn]


def failure_json(failure: CodingFailure, index: int | None) -> dict[str, Any]:
    """One entry of a response's ``errors``: an article that could not be coded."""
    return {
        "index": index,
        "id": failure.article_id,
        "stage": failure.stage,
        "reason": failure.reason,
        "problem": failure.problem,
    }


def warnings_json(articles: Sequence[Article], indexes: Sequence[int]) -> list[dict[str, Any]]:
    """What the reader repaired in the posted articles (lone surrogates replaced)."""
    return [
        {"index": index, "id": article.id, "warning": repair}
        for article, index in zip(articles, indexes, strict=True)
        for repair in article.repairs
    ]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A posted article left out, and why (in the ingest reader's words)."""

    index: int
    id: str | None
    error: ReadError

    def to_dict(self) -> dict[str, Any]:
        shown = replace_surrogates(self.id)[0] if self.id is not None else None
        return {"index": self.index, "id": shown, "problem": str(self.error)}


@dataclass(frozen=True, slots=True)
class Posted:
    """A request's articles: the valid ones (with their index in the request), the ones the
    reader's checks left out."""

    articles: list[Article]
    indexes: list[int]
    skipped: list[Skipped]


def to_articles(body: ArticleIn | ArticlesIn, limits: Limits, need_id: bool) -> Posted:
    """Validated articles, and the ones skipped.

    Over-limit requests raise a 413 naming the limit; the other checks (date, empty or
    non-English text, missing id when storing) are the ingest reader's.
    """
    items = body.articles if isinstance(body, ArticlesIn) else [body]
    if len(items) > limits.max_articles:
        raise ApiError(
            413,
            "too_many_articles",
            f"{len(items)} articles in one request; the limit is {limits.max_articles} "
            "(max_articles)",
            limit=limits.max_articles,
        )
    if not items:
        raise ApiError(422, "no_articles", "articles: give at least one article")
    single = not isinstance(body, ArticlesIn)
    for index, item in enumerate(items):
        if len(item.text) > limits.max_text_chars:
            where = "text" if single else f"articles[{index}].text"
            raise ApiError(
                413,
                "text_too_long",
                f"{where} has {len(item.text):,} characters; the limit is "
                f"{limits.max_text_chars:,} (max_text_chars)",
                limit=limits.max_text_chars,
            )
    options = ReaderOptions()
    posted = Posted([], [], [])
    for index, item in enumerate(items):
        where = "article" if single else f"articles[{index}]"
        fallback = "" if need_id else ("article" if single else f"article-{index + 1}")
        found = article_from_json(item.model_dump(exclude_none=True), where, options, fallback)
        if isinstance(found, ReadError):
            posted.skipped.append(Skipped(index, item.id, found))
        else:
            posted.articles.append(found)
            posted.indexes.append(index)
    return posted


class CodingService:
    """The coding backend behind a one-thread limiter and a bounded waiting line."""

    def __init__(self, backend: Backend, max_pending: int) -> None:
        self.backend = backend
        self.max_pending = max_pending
        self._limiter = anyio.CapacityLimiter(1)
        self._pending = 0

    @property
    def pending(self) -> int:
        return self._pending

    async def run(self, work: Callable[[], T]) -> T:
        """Run ``work`` (which uses the backend) on the coding thread, when its turn comes."""
        if self._pending >= self.max_pending:
            raise ApiError(
                503,
                "busy",
                f"{self._pending} coding requests are waiting (max_pending_coding); "
                "retry in a moment",
                headers={"Retry-After": "1"},
            )
        self._pending += 1
        try:
            return await anyio.to_thread.run_sync(work, limiter=self._limiter)
        finally:
            self._pending -= 1

    async def code(self, articles: Sequence[Article]) -> CodedDicts:
        """The contract's per-article objects (or the CodingFailure), in input order."""
        return await self.run(lambda: self.backend.code_dicts(articles))
