"""PETRARCH / TABARI dictionary compatibility (docs/petrarch.md).

Readers for the verb, actor, agent and discard dictionaries (``verbs``, ``actors``,
``agents``, ``discards``), and coding with them on our parse (``actor_coding``, ``matching``,
``events``), installed into a ``Coder`` by ``layer.install``.
"""

from __future__ import annotations

from eventcoder.petrarch.actor_coding import PetrarchActors, PetrarchOptions
from eventcoder.petrarch.dictionaries import DictionaryError, PetrarchDictionaries
from eventcoder.petrarch.layer import PetrarchLayer, install

__all__ = [
    "DictionaryError",
    "PetrarchActors",
    "PetrarchDictionaries",
    "PetrarchLayer",
    "PetrarchOptions",
    "install",
]
