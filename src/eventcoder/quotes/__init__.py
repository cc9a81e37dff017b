"""The quotes stage: direct quotes and reported speech, attributed to coded speakers."""

from __future__ import annotations

from eventcoder.quotes.build import FoundQuote, QuoteCoder, SpeechAct, align_statements
from eventcoder.quotes.cues import QuoteCues
from eventcoder.quotes.marks import Quotation, find_quotations

__all__ = [
    "FoundQuote",
    "Quotation",
    "QuoteCoder",
    "QuoteCues",
    "SpeechAct",
    "align_statements",
    "find_quotations",
]
