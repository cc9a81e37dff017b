"""The PETRARCH dictionary layer: its own actors and events stages for ``Coder``.

``PetrarchLayer.load(folder, ...)`` reads the dictionaries once and builds the two stages.
Layered (the default: the built-in stages are given), the dictionaries win where they speak
and the built-in data codes the rest; alone (no built-in stages) the dictionaries replace the
built-in actors and verb patterns. Everything else (parsing, dates, places, quotes,
factuality) is the coder's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventcoder.actors import ActorCoder
from eventcoder.events import EventCoder, PatternBook
from eventcoder.lexicon import Lexicon
from eventcoder.ontology import Ontology
from eventcoder.petrarch.actor_coding import ActorIndex, PetrarchActorCoder, PetrarchOptions
from eventcoder.petrarch.dictionaries import PetrarchDictionaries
from eventcoder.petrarch.events import PetrarchEventCoder, VerbIndex


@dataclass(frozen=True, slots=True)
class PetrarchLayer:
    dictionaries: PetrarchDictionaries
    only: bool
    options: PetrarchOptions
    actor_coder: PetrarchActorCoder
    event_coder: PetrarchEventCoder

    @classmethod
    def load(
        cls,
        path: Path,
        lexicon: Lexicon,
        patterns: PatternBook,
        ontology: Ontology,
        builtin_actors: ActorCoder | None = None,
        builtin_events: EventCoder | None = None,
        options: PetrarchOptions | None = None,
    ) -> PetrarchLayer:
        """Read the dictionaries in ``path`` and build the layer's stages over the given
        built-in stages (None: the dictionaries alone)."""
        dictionaries = PetrarchDictionaries.load(path)
        options = options or PetrarchOptions()
        actors = ActorIndex.build(lexicon, dictionaries.actors, dictionaries.agents)
        actor_coder = PetrarchActorCoder(actors, options, builtin_actors)
        index = VerbIndex.build(dictionaries.verbs, dictionaries.discards)
        event_coder = PetrarchEventCoder(index, patterns, ontology, options, builtin_events)
        only = builtin_actors is None and builtin_events is None
        return cls(dictionaries, only, options, actor_coder, event_coder)

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
