"""Finding dictionary phrases (actors, agents) in a sequence of normalised words.

Leftmost-longest, non-overlapping: at each word the longest phrase that starts there wins, and
its words are not used again. A phrase word marked as a gap may come after other words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from eventcoder.petrarch.actors import PhrasePattern

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[T]):
    positions: tuple[int, ...]  # indexes into the word sequence
    value: T

    @property
    def start(self) -> int:
        return self.positions[0]

    @property
    def end(self) -> int:
        return self.positions[-1] + 1


class PhraseIndex(Generic[T]):
    """Phrases by their first word, longest first."""

    def __init__(self, items: Iterable[tuple[PhrasePattern, T]]) -> None:
        by_first: dict[str, list[tuple[PhrasePattern, T]]] = {}
        for pattern, value in items:
            if pattern.words:
                by_first.setdefault(pattern.words[0], []).append((pattern, value))
        self._by_first: dict[str, tuple[tuple[PhrasePattern, T], ...]] = {
            word: tuple(sorted(found, key=lambda item: -len(item[0].words)))
            for word, found in by_first.items()
        }

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_first.values())

    def starts_with(self, word: str) -> bool:
        return word in self._by_first

    def find(self, words: Sequence[str], taken: set[int] | None = None) -> list[PhraseMatch[T]]:
        used: set[int] = set(taken or ())
        found: list[PhraseMatch[T]] = []
        for i, word in enumerate(words):
            if i in used:
                continue
            candidates = self._by_first.get(word)
            if not candidates:
                continue
            best: tuple[int, ...] | None = None
            best_value: T | None = None
            for pattern, value in candidates:
                if best is not None and len(pattern.words) <= len(best):
                    break  # sorted longest first: nothing longer remains
                positions = _match_at(pattern, words, i, used)
                if positions is not None:
                    best, best_value = positions, value
            if best is not None:
                found.append(PhraseMatch(best, best_value))  # type: ignore[arg-type]
                used.update(best)
        return found


def _match_at(
    pattern: PhrasePattern, words: Sequence[str], start: int, used: set[int]
) -> tuple[int, ...] | None:
    positions = [start]
    at = start
    for k in range(1, len(pattern.words)):
        wanted = pattern.words[k]
        if pattern.gaps[k]:
            j = at + 1
            while j < len(words) and (words[j] != wanted or j in used):
                j += 1
            if j >= len(words):
                return None
            at = j
        else:
            at += 1
            if at >= len(words) or words[at] != wanted or at in used:
                return None
        positions.append(at)
    return tuple(positions)
