"""The time vocabulary (``data/time_words.tsv``): month and weekday names, relative words, cues.

Loaded once by ``Coder``; read-only afterwards. See docs/data-formats.md for the file format and
docs/dates.md for how each kind is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.datafiles import DEFAULT_LANGUAGE, DataError, localised, read_rows

FILE = "time_words.tsv"

# Kinds whose value is an integer, with the allowed range.
INT_KINDS: dict[str, tuple[int, int]] = {
    "month": (1, 12),
    "weekday": (0, 6),
    "day": (-7, 7),
    "shift": (-1, 1),
    "count": (1, 1000),
    "ago": (-1, -1),
    "relative": (-1, 1),
    "anaphor": (-1, 1),
    "ordinal": (1, 4),
}
UNITS = frozenset(
    {"day", "week", "weekend", "fortnight", "month", "quarter", "half", "year", "decade"}
)
SEASONS = frozenset({"SP", "SU", "FA", "WI"})
REFS = frozenset({"PRESENT_REF", "PAST_REF", "FUTURE_REF"})
TEXT_KINDS = frozenset({"unit", "part", "season", "ref"})
SET_KINDS = frozenset({"modifier", "year_cue", "since", "future_aux", "future_verb"})
KINDS = frozenset(INT_KINDS) | TEXT_KINDS | SET_KINDS


@dataclass(frozen=True, slots=True)
class TimeWords:
    """Word -> meaning tables, one per kind. Keys are lower-case token texts without a final
    period; ``dotted`` holds the abbreviations that need their period or a following number."""

    ints: dict[str, dict[str, int]] = field(default_factory=dict)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    sets: dict[str, frozenset[str]] = field(default_factory=dict)
    dotted: frozenset[str] = frozenset()
    # Every word of the expression kinds: a token outside it is not part of a date.
    known: frozenset[str] = frozenset()
    # Words at least one of which every expression holds (names of months and days, units,
    # "yesterday", "now", "last" for "the last ..."): a sentence without one, and without a
    # year-like number, holds no date.
    anchors: frozenset[str] = frozenset()
    known_forms: frozenset[str] = frozenset()  # ``known`` plus the forms with a final period

    @classmethod
    def load(cls, data_dir: Path | None = None, language: str = DEFAULT_LANGUAGE) -> TimeWords:
        ints: dict[str, dict[str, int]] = {kind: {} for kind in INT_KINDS}
        texts: dict[str, dict[str, str]] = {kind: {} for kind in TEXT_KINDS}
        sets: dict[str, set[str]] = {kind: set() for kind in SET_KINDS}
        dotted: set[str] = set()
        for row in read_rows(localised(FILE, language, data_dir), 3, 3, data_dir):
            kind = row.fields[0]
            if kind not in KINDS:
                raise DataError(f"{row.where}: unknown kind {kind!r} (one of {sorted(KINDS)})")
            words = row.alternatives(1)
            if not words:
                raise DataError(f"{row.where}: no words")
            value = row.get(2)
            keys: list[str] = []
            for word in words:
                word = word.lower()
                if word.endswith(".") and len(word) > 1:
                    word = word[:-1]
                    dotted.add(word)
                keys.append(word)
            if kind in INT_KINDS:
                number = _int_value(value, kind, row.where)
                for key in keys:
                    ints[kind][key] = number
            elif kind in TEXT_KINDS:
                text = _text_value(value, kind, row.where)
                for key in keys:
                    texts[kind][key] = text
            else:
                sets[kind].update(keys)
        known = {w for table in ints.values() for w in table}
        known.update(w for table in texts.values() for w in table)
        known.update(sets["modifier"])
        anchors = {w for kind in ("month", "weekday", "day") for w in ints[kind]}
        anchors.update(w for table in texts.values() for w in table)  # units, parts, seasons, refs
        anchors.update(w for w, shift in ints["shift"].items() if shift < 0)  # "the past"
        return cls(
            ints=ints,
            texts=texts,
            sets={kind: frozenset(words) for kind, words in sets.items()},
            dotted=frozenset(dotted),
            known=frozenset(known),
            anchors=frozenset(anchors),
            known_forms=frozenset(known | {f"{w}." for w in known}),
        )

    def int_of(self, kind: str, word: str) -> int | None:
        return self.ints[kind].get(word)

    def text_of(self, kind: str, word: str) -> str | None:
        return self.texts[kind].get(word)

    def has(self, kind: str, word: str) -> bool:
        return word in self.sets[kind]


def _int_value(value: str | None, kind: str, where: str) -> int:
    low, high = INT_KINDS[kind]
    try:
        number = int(value or "")
    except ValueError:
        raise DataError(f"{where}: {kind} needs an integer value, found {value!r}") from None
    if not low <= number <= high:
        raise DataError(f"{where}: {kind} value {number} outside {low}..{high}")
    return number


def _text_value(value: str | None, kind: str, where: str) -> str:
    if kind == "unit":
        allowed: frozenset[str] | None = UNITS
    elif kind == "season":
        allowed = SEASONS
    elif kind == "ref":
        allowed = REFS
    else:
        allowed = None  # part: "night" or "-"
    if allowed is not None and value not in allowed:
        raise DataError(f"{where}: {kind} value must be one of {sorted(allowed)}, found {value!r}")
    return value or ""
