"""Putting PETRARCH dictionaries into a ``Coder``: layered over the built-in data or alone.

``install(coder, folder)`` reads the dictionaries once and swaps the coder's actor and event
stages for PETRARCH ones; everything else (parsing, dates, places, quotes, factuality) stays.
Layered (the default), the dictionaries win where they speak and the built-in data codes the
rest; with ``only=True`` the dictionaries replace the built-in actors and verb patterns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eventcoder.petrarch.actor_coding import PetrarchActorCoder, PetrarchOptions
from eventcoder.petrarch.dictionaries import PetrarchDictionaries
from eventcoder.petrarch.events import PetrarchEventCoder

if TYPE_CHECKING:
    from eventcoder.coder import Coder


@dataclass(frozen=True, slots=True)
class PetrarchLayer:
    dictionaries: PetrarchDictionaries
    only: bool
    options: PetrarchOptions
    actor_coder: PetrarchActorCoder
    event_coder: PetrarchEventCoder

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.dictionaries.warnings

    def with_options(self, options: PetrarchOptions) -> PetrarchLayer:
        """The same dictionaries with other ``<Config>`` switches (indexes are shared)."""
        if options == self.options:
            return self
        return PetrarchLayer(
            self.dictionaries,
            self.only,
            options,
            self.actor_coder.with_options(options),
            self.event_coder.with_options(options),
        )


def install(
    coder: Coder,
    path: Path,
    only: bool = False,
    options: PetrarchOptions | None = None,
) -> PetrarchLayer:
    """Load the dictionaries in ``path`` and make ``coder`` use them."""
    dictionaries = PetrarchDictionaries.load(path)
    options = options or PetrarchOptions()
    actor_coder = PetrarchActorCoder(
        coder.lexicon,
        dictionaries.actors,
        dictionaries.agents,
        options,
        builtin=None if only else coder.actor_coder,
    )
    event_coder = PetrarchEventCoder(
        dictionaries.verbs,
        dictionaries.discards,
        coder.patterns,
        coder.ontology,
        options,
        builtin=None if only else coder.event_coder,
    )
    layer = PetrarchLayer(dictionaries, only, options, actor_coder, event_coder)
    coder.actor_coder = actor_coder
    coder.event_coder = event_coder
    return layer
