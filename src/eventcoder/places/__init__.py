"""The places stage: toponyms in the text, resolved offline, and where each event happened.

``PlaceCoder`` is built once by ``Coder`` (it loads the gazetteer) and then codes any number
of documents:

1. ``toponyms.ToponymFinder`` finds the spans that name places (dateline, entities, gazetteer
   matches on words the model missed; demonyms are not places);
2. ``resolve.Resolver`` picks each one's gazetteer entry in the context of the article;
3. ``location.locate`` gives every event the place governed by its trigger, else the
   dateline, else the focus country.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc

from eventcoder.lexicon import Lexicon
from eventcoder.places.cities import DEFAULT_MIN_POPULATION
from eventcoder.places.gazetteer import Candidate, Gazetteer
from eventcoder.places.location import Locator, locate
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
        self.finder = ToponymFinder(self.gazetteer, self.words)
        self.resolver = Resolver(self.gazetteer)

    def __call__(self, doc: Doc, state: ArticleState) -> ArticleState:
        places, events = self.code(doc, state.events, state.actors.focus)
        return replace(state, places=places, events=events)

    def toponyms(self, doc: Doc, focus: str | None) -> list[Toponym]:
        """The resolved toponyms of a document, in text order."""
        toponyms = self.finder.find(doc)
        self.resolver.resolve(doc, toponyms, focus)
        return toponyms

    def code(
        self, doc: Doc, events: tuple[Event, ...], focus: str | None
    ) -> tuple[tuple[Place, ...], tuple[Event, ...]]:
        """One place per toponym mention (text order) and the events with their locations."""
        toponyms = self.toponyms(doc, focus)
        places = [to_place(t) for t in toponyms]
        focus_place = self._focus_place(doc, focus, toponyms, places)
        located = locate(doc, events, toponyms, places, focus_place, self.words)
        return tuple(places), located

    def _focus_place(
        self, doc: Doc, focus: str | None, toponyms: list[Toponym], places: list[Place]
    ) -> Place | None:
        """The focus country as a place; its span is the first mention of the country (a
        country toponym, else a demonym or seat naming it), else the start of the text."""
        if focus is None or not self.gazetteer.has_country(focus):
            return None
        for place in places:
            if place.feature == "country" and place.country == focus:
                return place
        country = self.gazetteer.country(focus)
        start = end = 0
        for ent in doc.ents:
            if ent.ent_id_.endswith(":" + focus):
                start, end = ent.start_char, ent.end_char
                break
        return _place(country, start, end)


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
    "Resolver",
    "Toponym",
    "ToponymFinder",
    "distance_km",
    "locate",
    "to_place",
]
