"""Explain an article: its text with actors, event triggers, places and quotes marked, and
each event with its codes and the rule that fired.

Shared by ``eventcoder explain`` (terminal text or one self-contained HTML file) and the
dashboard's article page. Input is the contract's per-article JSON plus ``text`` (and
optionally ``title``, ``url``, ``source``): see :func:`article_record`.
"""

from __future__ import annotations

from typing import Any

from eventcoder.explain.html import render_article_html
from eventcoder.explain.text import render_article_text
from eventcoder.records import Result


def article_record(result: Result) -> dict[str, Any]:
    """A coded result as the article view's input: the contract JSON plus the article text."""
    record = result.to_dict()
    article = result.article
    record.update(text=article.text, title=article.title, url=article.url, source=article.source)
    return record


__all__ = ["article_record", "render_article_html", "render_article_text"]
