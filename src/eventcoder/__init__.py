"""eventcoder: news articles in, coded political events (CAMEO/PLOVER) with evidence out.

>>> from eventcoder import Coder
>>> coder = Coder()
>>> result = coder.code("Soldiers detained the president.", article_id="a1", date="2023-07-28")
"""

from __future__ import annotations

from eventcoder.coder import Coder
from eventcoder.records import Actor, Article, Event, Place, Plover, Quote, Result

__all__ = ["Actor", "Article", "Coder", "Event", "Place", "Plover", "Quote", "Result"]
__version__ = "0.1.0"
