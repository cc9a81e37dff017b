"""Reader for PETRARCH discard lists (``Phoenix.discards.txt``).

One phrase per line. A sentence containing the phrase is not coded; with a leading ``+`` the
whole story is not coded. The phrase must start a word; a phrase ending in ``_`` must also end
one, otherwise it matches as a stem ("BASEBALL" also discards "baseballs"). Matching ignores
case and spacing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.petrarch.common import read_lines, where


@dataclass(frozen=True, slots=True)
class Discard:
    text: str  # upper case, single spaces
    story: bool
    whole_word: bool
    where: str


@dataclass(frozen=True, slots=True)
class DiscardList:
    entries: tuple[Discard, ...]
    warnings: tuple[str, ...] = field(default=())
    _sentence: re.Pattern[str] | None = None
    _story: re.Pattern[str] | None = None

    @classmethod
    def build(cls, entries: tuple[Discard, ...], warnings: tuple[str, ...]) -> DiscardList:
        return cls(
            entries,
            warnings,
            _compile([e for e in entries if not e.story]),
            _compile([e for e in entries if e.story]),
        )

    def sentence_hit(self, text: str) -> str | None:
        """The first sentence-level discard phrase found in ``text``, else None."""
        return _search(self._sentence, text)

    def story_hit(self, text: str) -> str | None:
        return _search(self._story, text)


def _compile(entries: list[Discard]) -> re.Pattern[str] | None:
    if not entries:
        return None
    parts = []
    # Longer phrases first so that the reported phrase is the most specific one.
    for entry in sorted(entries, key=lambda e: -len(e.text)):
        body = r"\s+".join(re.escape(w) for w in entry.text.split())
        parts.append(body + (r"(?![A-Z0-9])" if entry.whole_word else ""))
    return re.compile(r"(?<![A-Z0-9])(?:" + "|".join(parts) + ")")


def _search(pattern: re.Pattern[str] | None, text: str) -> str | None:
    if pattern is None:
        return None
    match = pattern.search(text.upper())
    return " ".join(match.group(0).split()) if match else None


def read_discards(paths: list[Path]) -> DiscardList:
    warnings: list[str] = []
    entries: list[Discard] = []
    for path in paths:
        for line in read_lines(path):
            here = where(path, line.number)
            text = line.text.strip()
            story = text.startswith("+")
            if story:
                text = text[1:].strip()
            whole = text.endswith("_")
            words = " ".join(text.replace("_", " ").split()).upper()
            if not words:
                warnings.append(f"{here}: empty discard phrase")
                continue
            if "[" in words or "]" in words:
                warnings.append(f"{here}: discard phrases take no code: {line.text.strip()!r}")
                continue
            entries.append(Discard(words, story, whole, here))
    return DiscardList.build(tuple(entries), tuple(warnings))
