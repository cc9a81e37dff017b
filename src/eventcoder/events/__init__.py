"""The events stage: verb patterns, nominal triggers, frames and factuality over the parse.

Per sentence (sentence.py): patterns matched (matching.py), frames (frames.py), announced
intents (intents.py), support verbs (support.py), drafts (drafts.py) realised into ``Event``
records with their actors (realise.py); ``EventCoder`` (stage.py) runs it over an article.
Every event keeps the rule that fired and the data file line it came from.
"""

from __future__ import annotations

from eventcoder.events.patterns import Pattern, PatternBook
from eventcoder.events.stage import EventCoder
from eventcoder.records import Event

# Which event of a sentence is its main one, when a single label per sentence is wanted
# (evaluation against one-label-per-sentence data, summaries).
_FACTUALITY_RANK = {"asserted": 0, "hypothetical": 1, "negated": 2}


def primary_event(events: list[Event] | tuple[Event, ...]) -> Event | None:
    """The sentence's main event: substantive over statements, asserted over hypothetical,
    then one with a source, then the trigger nearest the main verb, then one with a target,
    then the earliest trigger."""
    if not events:
        return None
    return min(
        events,
        key=lambda e: (
            e.cameo_root in ("01",),
            _FACTUALITY_RANK.get(e.factuality, 3),
            e.source is None,
            e.trigger_depth,
            e.target is None,
            e.trigger_start or 0,
        ),
    )


__all__ = ["EventCoder", "Pattern", "PatternBook", "primary_event"]
