"""The places stage: toponyms in the text, resolved offline, and where each event happened.

``PlaceCoder`` is built once by ``Coder`` (it loads the gazetteer) and then codes any number
of documents:

1. ``toponyms.ToponymFinder`` finds the spans that name places (dateline, entities, gazetteer
   matches on words the model missed; demonyms are not places);
2. ``resolve.Resolver`` picks each one's gazetteer entry in the context of the article by
   rules, then ``ranker`` (a logistic regression, weights in ``place_ranker.tsv``) reranks each
   name's candidates with the rules' choices as context;
3. ``contain.contain`` gives a street or facility the gazetteer lacks the city around it;
4. ``location.locate`` gives every event the place the text attaches to it, else the
   dateline's, else none.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from eventcoder.lang.en import GOVERNMENT_SUBJECT_DEPS
from eventcoder.lexicon import Lexicon
from eventcoder.nlp import SEAT
from eventcoder.places.cities import DEFAULT_MIN_POPULATION
from eventcoder.places.contain import contain
from eventcoder.places.gazetteer import Candidate, Gazetteer
from eventcoder.places.location import Locator, locate
from eventcoder.places.ranker import RankerModel, rerank
from eventcoder.places.resolve import Resolver, distance_km
from eventcoder.places.toponyms import PlaceWords, Toponym, ToponymFinder
from eventcoder.records import Event, Place
from eventcoder.state import ArticleState


class PlaceCoder:
    """The ``places`` stage: finds, resolves and assigns places. Holds only read-only
    tables."""

    name = "places"

    def __init__(
        self,
        lexicon: Lexicon,
        data_dir: Path | None = None,
        min_population: int = DEFAULT_MIN_POPULATION,
    ) -> None:
        self.gazetteer = Gazetteer.load(lexicon.countries, data_dir, min_population)
        self.words = PlaceWords.load(data_dir)
        self.facility_words = self.words.of("facility_word")
        self.finder = ToponymFinder(self.gazetteer, self.words)
        self.resolver = Resolver(self.gazetteer)
        self.ranker: RankerModel | None = RankerModel.load(data_dir)

    def with_ranker(self, ranker: RankerModel | None) -> PlaceCoder:
        """The same stage (same tables) with another ranker, or the rules alone (None)."""
        other = object.__new__(PlaceCoder)
        fields: dict[str, Any] = dict(vars(self))
        fields["ranker"] = ranker
        other.__dict__.update(fields)
        return other

    def __call__(self, doc: Doc, state: ArticleState) -> ArticleState:
        places, events = self.code(doc, state.events, state.actors.named_country)
        return replace(state, places=places, events=events)

    def toponyms(self, doc: Doc, focus: str | None) -> list[Toponym]:
        """The resolved toponyms of a document, in text order."""
        toponyms = self.finder.find(doc)
        self.resolver.resolve(doc, toponyms, focus)
        if self.ranker is not None:
            rerank(doc, toponyms, focus, self.ranker)
        contain(doc, toponyms, self.facility_words)
        return _without_governments(doc, toponyms)

    def code(
        self, doc: Doc, events: tuple[Event, ...], focus: str | None
    ) -> tuple[tuple[Place, ...], tuple[Event, ...]]:
        """One place per toponym mention (text order) and the events with their locations."""
        toponyms = self.toponyms(doc, focus)
        places = [_dateline_country(to_place(t), t, focus) for t in toponyms]
        located = locate(doc, events, toponyms, places, self.words)
        return tuple(places), located


def _without_governments(doc: Doc, toponyms: list[Toponym]) -> list[Toponym]:
    """A capital that is the subject of a verb ("Washington said", "Moscow denied") names a
    government, an actor: not a place, unless the text also locates something there (another
    mention of the same place that is not such a subject)."""
    acting = [_capital_acting(doc, t) for t in toponyms]
    if not any(acting):
        return toponyms
    located = {
        t.resolved.geonameid
        for t, act in zip(toponyms, acting, strict=True)
        if not act and t.resolved
    }
    return [
        t
        for t, act in zip(toponyms, acting, strict=True)
        if not act or (t.resolved is not None and t.resolved.geonameid in located)
    ]


def _capital_acting(doc: Doc, toponym: Toponym) -> bool:
    found = toponym.resolved
    capital = toponym.ruler_kind == SEAT or (found is not None and found.capital)
    if not capital or toponym.source == "dateline":
        return False
    head = doc[toponym.start : toponym.end].root
    return head.dep_ in GOVERNMENT_SUBJECT_DEPS and head.head.pos_ in ("VERB", "AUX")


def _dateline_country(place: Place, toponym: Toponym, focus: str | None) -> Place:
    """A dateline the gazetteer does not know ("SOUTH WAZIRISTAN, April 5 (APP):") is still
    where the story is reported from; its country is the one the text names most, so that
    the events reported from there can take it."""
    if toponym.source != "dateline" or place.country is not None or focus is None:
        return place
    return replace(place, country=focus)


def to_place(toponym: Toponym) -> Place:
    found = toponym.resolved
    if found is None:
        # Named but not in the gazetteer: kept, without coordinates.
        feature = "region" if toponym.label in ("LOC", "FAC") else "city"
        return Place(
            toponym.text, None, None, None, None, feature, toponym.start_char, toponym.end_char
        )
    return _place(found, toponym.start_char, toponym.end_char)


def _place(candidate: Candidate, start: int, end: int) -> Place:
    return Place(
        name=candidate.name,
        country=candidate.iso3,
        lat=round(candidate.lat, 5),
        lon=round(candidate.lon, 5),
        geonameid=candidate.geonameid,
        feature=candidate.feature,
        start=start,
        end=end,
    )


__all__ = [
    "Candidate",
    "Gazetteer",
    "Locator",
    "PlaceCoder",
    "PlaceWords",
    "RankerModel",
    "Resolver",
    "Toponym",
    "ToponymFinder",
    "distance_km",
    "locate",
    "to_place",
]
