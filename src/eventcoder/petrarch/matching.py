"""Matching PETRARCH verb patterns on a sentence.

A pattern's pre-verb part is matched on the words of the sentence before the verb, its
post-verb part on the words of the verb's own phrase after it (its objects, prepositional
phrases and complement clauses; not the verbs coordinated with it). Words compare in normal
form (upper case, tokenizer splits; ``common.py``). ``_`` in a pattern means "next word",
a blank "a later word"; an actor marker (``$ + % ^``) takes the first actor phrase after the
previous element (it cannot skip an actor; ``^`` skips any noun phrase); ``(PREP ...)`` needs
that preposition and finds its content inside the prepositional phrase; ``{A B}`` needs the
words in one noun phrase.
Before the verb the match nearest to the verb wins; after it, the earliest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from eventcoder.lang.en import PHRASE_LEADING_DEPS
from eventcoder.petrarch.actor_coding import Unit
from eventcoder.petrarch.common import Phrase, token_key
from eventcoder.petrarch.verbs import Element, VerbPattern

Bindings = tuple[tuple[str, Unit], ...]
MAX_STEPS = 20_000  # bound on backtracking per pattern and region


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Where an actor phrase stands in the text: from its first word to its head."""

    start: int  # token index
    last: int  # token index of its last word (the head)
    unit: Unit


class Region:
    """The words a pattern part is matched on, with the actor phrases among them."""

    def __init__(
        self,
        doc: Doc,
        tokens: list[int],
        occurrences: list[Occurrence],
        synsets: dict[str, tuple[Phrase, ...]],
        compound: Callable[[Unit], bool],
        phrases: list[tuple[int, int]] = (),  # type: ignore[assignment]
    ) -> None:
        self.doc = doc
        self.tokens = tokens
        self.keys = [token_key(doc[i].text) for i in tokens]
        self.position = {token: k for k, token in enumerate(tokens)}
        self.synsets = synsets
        self.compound = compound
        self.actor_at: dict[int, tuple[int, Unit]] = {}  # position -> (end position, unit)
        for occurrence in sorted(occurrences, key=lambda o: o.start - o.last):
            start = self.position.get(occurrence.start)
            last = self.position.get(occurrence.last)
            if start is None or last is None or start in self.actor_at:
                continue
            self.actor_at[start] = (last + 1, occurrence.unit)
        # Any noun phrase, coded or not, for "^" (skip a phrase).
        self.phrase_at: dict[int, int] = {k: end for k, (end, _) in self.actor_at.items()}
        for first, head in sorted(phrases, key=lambda p: p[0] - p[1]):
            start = self.position.get(first)
            last = self.position.get(head)
            if start is not None and last is not None and start not in self.phrase_at:
                self.phrase_at[start] = last + 1
        # A pattern may name a phrase's article or possessive ("* THEIR ^ ABOUT +"): "^" then
        # skips the rest of the phrase ("their Ent populations").
        for start, end in list(self.phrase_at.items()):
            k = start
            while k + 1 < end and doc[tokens[k]].dep_ in PHRASE_LEADING_DEPS:
                k += 1
                self.phrase_at.setdefault(k, end)
        self._reset()

    def __len__(self) -> int:
        return len(self.tokens)

    # -- whole parts -----------------------------------------------------------------------
    def match_before(self, pattern: VerbPattern) -> Bindings | None:
        """Match the pre-verb part; the match that starts nearest the verb wins."""
        elements = pattern.before
        if not elements:
            return ()
        n = len(self.tokens)
        self._reset()
        must_end = n if pattern.joined_before else None
        for start in range(n - 1, -1, -1):
            for _end, bindings in self._sequence(elements, 0, start, n, True, must_end):
                return bindings
            if self.steps > MAX_STEPS:
                return None
        return None

    def match_after(self, pattern: VerbPattern) -> Bindings | None:
        """Match the post-verb part; the earliest match wins."""
        elements = pattern.after
        if not elements:
            return ()
        self._reset()
        anchored = elements[0].joined
        for _end, bindings in self._sequence(elements, 0, 0, len(self.tokens), anchored):
            return bindings
        return None

    def _reset(self) -> None:
        self.steps = 0
        self._failed: set[tuple[int, int, int, int, bool, int | None]] = set()

    # -- elements --------------------------------------------------------------------------
    def _sequence(
        self,
        elements: tuple[Element, ...],
        index: int,
        pos: int,
        hi: int,
        anchored: bool,
        must_end: int | None = None,
    ) -> Iterator[tuple[int, Bindings]]:
        """Matches of ``elements[index:]`` from ``pos``; ``anchored``: the first must start at
        ``pos`` exactly; ``must_end``: the last must end there. States that failed once are
        not tried again, so a search is polynomial in the words and elements."""
        if index == len(elements):
            if must_end is None or pos == must_end:
                yield pos, ()
            return
        key = (id(elements), index, pos, hi, anchored, must_end)
        if key in self._failed:
            return
        self.steps += 1
        if self.steps > MAX_STEPS:
            return
        produced = False
        for found in self._options(elements, index, pos, hi, anchored, must_end):
            produced = True
            yield found
        if not produced:
            self._failed.add(key)

    def _options(
        self,
        elements: tuple[Element, ...],
        index: int,
        pos: int,
        hi: int,
        anchored: bool,
        must_end: int | None,
    ) -> Iterator[tuple[int, Bindings]]:
        element = elements[index]
        starts: range = range(pos, pos + 1) if anchored else range(pos, hi)
        for start in starts:
            if start >= hi:
                break
            table = self.phrase_at if element.name == "^" else self.actor_at
            is_actor = element.kind == "actor" and start in table
            for end, found in self._element(element, start, hi):
                joined = index + 1 < len(elements) and elements[index + 1].joined
                for final, rest in self._sequence(elements, index + 1, end, hi, joined, must_end):
                    yield final, found + rest
            if is_actor and not anchored:
                return  # an actor marker takes the first actor; it cannot skip one

    def _element(self, element: Element, start: int, hi: int) -> Iterator[tuple[int, Bindings]]:
        kind = element.kind
        if kind == "word":
            end = start + len(element.words)
            if end <= hi and tuple(self.keys[start:end]) == element.words:
                yield end, ()
        elif kind == "syn":
            for member in self.synsets.get(element.name, ()):
                end = start + len(member)
                if end <= hi and tuple(self.keys[start:end]) == member:
                    yield end, ()
        elif kind == "actor" and element.name == "^":
            phrase_end = self.phrase_at.get(start)
            if phrase_end is not None and phrase_end <= hi:
                yield phrase_end, ()
        elif kind == "actor":
            actor = self.actor_at.get(start)
            if actor is None:
                return
            actor_end, unit = actor
            if actor_end > hi:
                return
            if element.name == "%" and not self.compound(unit):
                return
            yield actor_end, ((element.name, unit),)
        elif kind == "prep":
            token = self.doc[self.tokens[start]]
            if self.keys[start] != element.name or token.pos_ not in ("ADP", "SCONJ", "PART"):
                return
            if not element.items:
                yield start + 1, ()
                return
            limit = start + 1
            while limit < hi and self.tokens[limit] <= token.right_edge.i:
                limit += 1
            first_joined = element.items[0].joined
            for end, found in self._sequence(element.items, 0, start + 1, limit, first_joined):
                yield end, found
                return
        elif kind == "noun":
            for end, found in self._sequence(element.items, 0, start, hi, True):
                if self._one_phrase(start, end):
                    yield end, found
                    return

    def _one_phrase(self, start: int, end: int) -> bool:
        """Are the words from ``start`` to ``end`` in the noun phrase of the last one?"""
        head = self.doc[self.tokens[end - 1]]
        low = head.left_edge.i
        return all(low <= self.tokens[k] <= head.i for k in range(start, end))


def required_words(pattern: VerbPattern) -> frozenset[str]:
    """Literal words a sentence must hold for the pattern to match (a quick filter)."""
    found: set[str] = set()
    stack = [*pattern.before, *pattern.after]
    while stack:
        element = stack.pop()
        if element.kind == "word":
            found.update(element.words)
        elif element.kind == "prep":
            found.add(element.name)
            stack.extend(element.items)
        elif element.kind == "noun":
            stack.extend(element.items)
    return frozenset(found)


def required_sets(
    pattern: VerbPattern, synsets: dict[str, tuple[Phrase, ...]]
) -> tuple[frozenset[str], ...]:
    """For each synonym set of the pattern, the words one of which must be in the sentence."""
    found: list[frozenset[str]] = []
    stack = [*pattern.before, *pattern.after]
    while stack:
        element = stack.pop()
        if element.kind == "syn":
            found.append(frozenset(m[0] for m in synsets.get(element.name, ()) if m))
        stack.extend(element.items)
    return tuple(found)
