"""The time stage: find temporal expressions, resolve them against the publication date, and
date each event from its own clause (docs/dates.md).

``TimeCoder.date_events`` runs after the events stage and fills each event's ``date``,
``date_basis`` and ``date_precision``. The pieces are pure functions and usable alone:
``find_expressions`` (tokens in, resolved expressions out), ``resolve`` (parsed parts and a
publication date in, a TimeML-style value out), ``choose`` (a trigger and its sentence's
expressions in, a date out).
"""

from __future__ import annotations

from eventcoder.time.assign import ArticleTime, Dated, TimeCoder, choose, clause_chain
from eventcoder.time.find import Expression, find_expressions, orientation_of, verb_orientation
from eventcoder.time.values import Parts, TimeValue, event_date, parse_dct, resolve
from eventcoder.time.words import TimeWords

__all__ = [
    "ArticleTime",
    "Dated",
    "Expression",
    "Parts",
    "TimeCoder",
    "TimeValue",
    "TimeWords",
    "choose",
    "clause_chain",
    "event_date",
    "find_expressions",
    "orientation_of",
    "parse_dct",
    "resolve",
    "verb_orientation",
]
