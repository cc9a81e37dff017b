"""Checks that decide whether some bytes are an article we can code.

Each check returns None when the input is fine, or a message saying what is wrong and what to do.
"""

from __future__ import annotations

import re

# Frequent English function words: a coarse but fast language check that needs no model.
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "as",
        "by",
        "at",
        "from",
        "it",
        "said",
        "his",
        "her",
        "its",
        "be",
        "has",
        "have",
        "are",
        "were",
        "will",
        "not",
        "an",
        "which",
        "this",
        "their",
        "they",
        "he",
        "she",
        "but",
        "after",
        "had",
        "who",
        "been",
        "also",
        "more",
        "than",
        "about",
        "into",
        "over",
        "would",
        "could",
        "two",
        "one",
        "up",
        "out",
        "new",
        "other",
        "when",
        "there",
        "all",
        "said",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def binary_problem(data: bytes) -> str | None:
    """Reject data that is not text: NUL bytes or many control characters."""
    sample = data[:8192]
    if b"\x00" in sample:
        return "binary file (contains NUL bytes), not text; give a .txt, .html or .jsonl file"
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if sample and control / len(sample) > 0.05:
        return "binary file (many control bytes), not text; give a .txt, .html or .jsonl file"
    return None


def decode_utf8(data: bytes) -> tuple[str | None, str | None]:
    """Decode strictly as UTF-8 (a BOM is allowed); return (text, problem)."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        return None, (
            f"not UTF-8 text (invalid byte 0x{bad} at offset {exc.start}); "
            "re-encode the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)"
        )


def language_problem(text: str, min_words: int = 25) -> str | None:
    """Reject text that is clearly not English; short texts are given the benefit of the doubt."""
    words = _WORD.findall(text[:20000])
    if len(words) < min_words:
        return None
    ascii_words = sum(1 for w in words if w.isascii())
    if ascii_words / len(words) < 0.5:
        return "not English (mostly non-Latin script); eventcoder codes English text only"
    english = sum(1 for w in words if w.lower() in _ENGLISH_WORDS)
    share = english / len(words)
    if share < 0.08:
        return (
            f"does not look like English ({share:.0%} English function words); "
            "eventcoder codes English text only"
        )
    return None


def empty_problem(text: str) -> str | None:
    if not text.strip():
        return "empty article (no text); nothing to code"
    return None
