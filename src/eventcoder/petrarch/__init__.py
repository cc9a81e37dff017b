"""PETRARCH / TABARI dictionary compatibility (docs/petrarch.md).

Readers for the verb, actor, agent and discard dictionaries (``verbs``, ``actors``,
``agents``, ``discards``), and coding with them on our parse (``actor_coding``, ``matching``,
``events``), and ``PetrarchLayer``: the actors and events stages a ``Coder`` runs instead of
its built-in ones when given dictionaries.
"""

from __future__ import annotations

from eventcoder.petrarch.actor_coding import PetrarchActorCoder, PetrarchActors, PetrarchOptions
from eventcoder.petrarch.dictionaries import DictionaryError, PetrarchDictionaries
from eventcoder.petrarch.layer import PetrarchLayer

__all__ = [
    "DictionaryError",
    "PetrarchActorCoder",
    "PetrarchActors",
    "PetrarchDictionaries",
    "PetrarchLayer",
    "PetrarchOptions",
]
