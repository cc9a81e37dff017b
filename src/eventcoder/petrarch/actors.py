"""Reader for PETRARCH / TABARI actor dictionaries (``Phoenix.*.actors.txt``).

An entry is a primary phrase, optional synonyms on ``+`` lines and optional date-restricted
codes on indented lines::

    GOLLUM  [HOB]             # primary phrase, optional default code
    +SMEAGOL                  # synonym
        [HOBGOV 19950601-19990815]
        [HOBREB >990816]      # dates YYYYMMDD or YYMMDD; "<" before, ">" after, a-b between

Restrictions apply "or equal"; the first one that holds for the article date wins, else the
default code (``[CODE]`` alone, on the primary line or indented). ``[---]`` is the null code
(not coded); ``[FRO/BIL/SAM]`` gives several actors. Words joined by ``_`` must be consecutive;
a blank lets other words of the same noun phrase come between ("ITHILEN TELEVISION" matches
"Ithilen state-run television"). Malformed entries become warnings ``file:line: problem``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.petrarch.common import Phrase, read_lines, split_word, where

NULL_CODE = "---"
TWO_DIGIT_PIVOT = 30  # YYMMDD: years 00-29 are 20xx, 30-99 are 19xx
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_CODE_CHARS = re.compile(r"[A-Z0-9/+#\-]+")


@dataclass(frozen=True, slots=True)
class PhrasePattern:
    """Words of a dictionary phrase; ``gaps[i]``: other words may come before word i."""

    words: Phrase
    gaps: tuple[bool, ...]

    @property
    def has_gaps(self) -> bool:
        return any(self.gaps[1:])


@dataclass(frozen=True, slots=True)
class CodeRule:
    codes: tuple[str, ...]  # () for the null code
    start: int | None  # YYYYMMDD, inclusive
    end: int | None
    where: str

    @property
    def default(self) -> bool:
        return self.start is None and self.end is None

    def holds(self, date: int) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    phrases: tuple[PhrasePattern, ...]  # primary first
    rules: tuple[CodeRule, ...]  # in file order; defaults among them
    where: str

    def codes(self, date: str | None) -> tuple[str, ...]:
        """The codes that apply on ``date`` (YYYY-MM-DD); undated: the default code."""
        if date is not None:
            day = int(date.replace("-", "")[:8])
            for rule in self.rules:
                if not rule.default and rule.holds(day):
                    return rule.codes
        for rule in self.rules:
            if rule.default:
                return rule.codes
        return ()


@dataclass(frozen=True, slots=True)
class ActorDictionary:
    entries: tuple[ActorEntry, ...]
    warnings: tuple[str, ...] = field(default=())

    def phrase_count(self) -> int:
        return sum(len(e.phrases) for e in self.entries)


def phrase_pattern(text: str) -> PhrasePattern:
    """``THE_HERMIT_KINGDOM`` (consecutive) or ``ITHILEN TELEVISION`` (gap allowed)."""
    words: list[str] = []
    gaps: list[bool] = []
    for chunk_index, chunk in enumerate(text.split()):
        first = True
        for part in chunk.split("_"):
            if not part:
                continue
            for piece in split_word(part):
                words.append(piece)
                gaps.append(first and chunk_index > 0)
                first = False
    return PhrasePattern(tuple(words), tuple(gaps))


def parse_date(text: str) -> int | None:
    """YYYYMMDD or YYMMDD -> YYYYMMDD as an int, or None when it is not a date."""
    if not text.isdigit():
        return None
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year < TWO_DIGIT_PIVOT else 1900 + year}{text[2:]}"
    if len(text) != 8:
        return None
    month, day = int(text[4:6]), int(text[6:8])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return int(text)


def parse_rule(text: str, here: str, warnings: list[str]) -> CodeRule | None:
    """The inside of one ``[...]``: ``CODE``, ``CODE <date``, ``CODE >date``, ``CODE a-b``."""
    parts = text.split(None, 1)
    if not parts or parts[0][0] in "<>" or parts[0][0].isdigit():
        warnings.append(f"{here}: cannot read code [{text.strip()}]")
        return None
    code = parts[0].upper()
    restriction = parts[1].replace(" ", "") if len(parts) > 1 else ""
    if not _CODE_CHARS.fullmatch(code):
        warnings.append(f"{here}: bad actor code {code!r}")
        return None
    codes = () if code == NULL_CODE else tuple(c for c in code.split("/") if c and c != NULL_CODE)
    start = end = None
    if restriction[:1] in ("<", ">"):
        day = parse_date(restriction[1:])
        if day is None:
            warnings.append(f"{here}: bad date {restriction[1:]!r} in [{text.strip()}]")
            return None
        if restriction[0] == "<":
            end = day
        else:
            start = day
    elif restriction:
        first, dash, second = restriction.partition("-")
        start, end = parse_date(first), parse_date(second)
        if not dash or start is None or end is None:
            warnings.append(f"{here}: cannot read date restriction in [{text.strip()}]")
            return None
        if start > end:
            warnings.append(f"{here}: date range ends before it starts in [{text.strip()}]")
            return None
    return CodeRule(codes, start, end, here)


def read_actors(paths: list[Path]) -> ActorDictionary:
    warnings: list[str] = []
    entries: list[ActorEntry] = []
    for path in paths:
        phrases: list[PhrasePattern] = []
        rules: list[CodeRule] = []
        start_where = ""
        waiting: list[tuple[list[PhrasePattern], str]] = []  # entries still without a code
        for line in read_lines(path):
            here = where(path, line.number)
            text = line.text
            stripped = text.strip()
            if stripped.startswith("["):
                if not phrases:
                    warnings.append(f"{here}: code line outside an actor entry")
                    continue
                rules.extend(_rules(stripped, here, warnings))
                continue
            if stripped.startswith("+"):
                if not phrases:
                    warnings.append(f"{here}: synonym outside an actor entry")
                    continue
                phrase, found = _phrase_and_codes(stripped[1:], here, warnings)
                if phrase is not None:
                    phrases.append(phrase)
                rules.extend(found)
                continue
            if line.indented and phrases:
                warnings.append(f"{here}: indented line is neither a code nor a synonym")
                continue
            _close_entry(phrases, rules, start_where, entries, waiting, warnings)
            phrases, rules, start_where = [], [], here
            phrase, found = _phrase_and_codes(stripped, here, warnings)
            if phrase is not None:
                phrases.append(phrase)
                rules.extend(found)
        _close_entry(phrases, rules, start_where, entries, waiting, warnings)
        for orphan, orphan_where in waiting:
            warnings.append(f"{orphan_where}: actor {_show(orphan[0])} has no code")
    return ActorDictionary(tuple(entries), tuple(warnings))


def _close_entry(
    phrases: list[PhrasePattern],
    rules: list[CodeRule],
    where_from: str,
    entries: list[ActorEntry],
    waiting: list[tuple[list[PhrasePattern], str]],
    warnings: list[str],
) -> None:
    """Finish the entry being read (a no-op before the first one).

    An entry without any code takes the codes of the next entry that has some, as in
    PETRARCH's reader (``DMITRY_MEDVEDEV_`` and its synonyms, then ``DMITR_MEDVEDEV_`` with
    the dated codes): its phrases wait in ``waiting`` until then, with a warning.
    """
    if not phrases:
        return
    if not rules:
        waiting.append((phrases, where_from))
        return
    merged = list(phrases)
    for orphan, orphan_where in waiting:
        warnings.append(
            f"{orphan_where}: actor {_show(orphan[0])} has no code; it takes the codes of "
            f"{_show(phrases[0])} ({where_from})"
        )
        merged.extend(orphan)
    waiting.clear()
    entries.append(ActorEntry(tuple(merged), tuple(rules), where_from))


def _rules(text: str, here: str, warnings: list[str]) -> list[CodeRule]:
    found: list[CodeRule] = []
    rest = _BRACKET.sub(" ", text).strip()
    if rest:
        warnings.append(f"{here}: unexpected text {rest!r} beside a code")
    for inside in _BRACKET.findall(text):
        rule = parse_rule(inside, here, warnings)
        if rule is not None:
            found.append(rule)
    return found


def _phrase_and_codes(
    text: str, here: str, warnings: list[str]
) -> tuple[PhrasePattern | None, list[CodeRule]]:
    cut = text.find("[")
    words = text if cut < 0 else text[:cut]
    rules = _rules(text[cut:], here, warnings) if cut >= 0 else []
    if "]" in words:
        warnings.append(f"{here}: unbalanced ']' in {text.strip()!r}")
        words = words.replace("]", " ")
    phrase = phrase_pattern(words)
    if not phrase.words:
        warnings.append(f"{here}: actor line without a phrase: {text.strip()!r}")
        return None, rules
    return phrase, rules


def _show(phrase: PhrasePattern) -> str:
    return "_".join(phrase.words)
