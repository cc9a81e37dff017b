"""Streets, squares, buildings and facilities the gazetteer does not know: the city they are in.

A facility or street name ("Royal Street", "Rogers Centre", "Dulles International Airport")
that found no gazetteer entry of its own takes the city that contains it, in this order: the
city named with it ("on Royal Street in New Orleans", "Rogers Centre, Toronto"), the nearest
city named in the same sentence (the nearest), the dateline's city, else the city the article
names most often in the country its places lie in most often (the city the story is about).
An organisation named by its building ("at Marjory Stoneman Douglas High School", source
"site") takes only the first two: the story's city is no evidence of where a school is. The
place keeps the facility's span; its name, point and GeoNames id are the city's and its
feature is "city", which says what the point is.
Names of other kinds (an unknown village) stay unresolved: a village is not inside the city
named next to it.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from eventcoder.lang.en import TOPONYM_PREPOSITIONS
from eventcoder.places.toponyms import Toponym

CONTAINER_FEATURES = frozenset({"city"})


def is_facility(doc: Doc, toponym: Toponym, facility_words: frozenset[str]) -> bool:
    """A street, square, building or facility name: labelled FAC, or holding a facility word
    ("Street", "Square", "Airport" ...)."""
    if toponym.label == "FAC":
        return True
    return any(t.lower_ in facility_words for t in doc[toponym.start : toponym.end])


def contain(doc: Doc, toponyms: list[Toponym], facility_words: frozenset[str]) -> None:
    """Give every unresolved facility the city that contains it (see the module docstring)."""
    cities: list[int] = []
    ids: list[int | None] = []
    for i, t in enumerate(toponyms):
        if (
            t.resolved is not None
            and t.resolved.feature in CONTAINER_FEATURES
            and not t.contained
            and not is_facility(doc, t, facility_words)  # "Washington Square" holds no street
        ):
            cities.append(i)
            ids.append(t.resolved.geonameid)
    if not cities:
        return
    dateline = next((i for i in cities if toponyms[i].source == "dateline"), None)
    commonest = _commonest(toponyms, cities, ids)
    for index, toponym in enumerate(toponyms):
        if toponym.resolved is not None or not is_facility(doc, toponym, facility_words):
            continue
        found = _named_with(doc, toponyms, index, cities)
        if found is None:
            found = _before_in_sentence(doc, toponyms, index, cities)
        if found is None and toponym.source != "site":
            # an organisation's building is placed only by the text around it
            found = dateline if dateline is not None else commonest
        if found is None:
            continue
        city = toponyms[found].resolved
        if city is not None:
            toponym.resolved = city
            toponym.contained = True


def _commonest(toponyms: list[Toponym], cities: list[int], ids: list[int | None]) -> int:
    """The city the article names most often, among those of the country its places lie in
    most often (a town read into a person's or a product's name abroad is not the story's)."""
    countries = Counter(t.resolved.iso3 for t in toponyms if t.resolved and t.resolved.iso3)
    main = countries.most_common(1)[0][0] if countries else None
    pool = [
        (i, g)
        for i, g in zip(cities, ids, strict=True)
        if (found := toponyms[i].resolved) is not None and found.iso3 == main
    ] or list(zip(cities, ids, strict=True))
    counts = Counter(g for _, g in pool)
    return max(pool, key=lambda c: (counts[c[1]], -c[0]))[0]


def _named_with(doc: Doc, toponyms: list[Toponym], index: int, cities: list[int]) -> int | None:
    """The city right after the name: "X, Toronto", "X in New Orleans"."""
    end = toponyms[index].end
    for i in cities:
        between = doc[end : toponyms[i].start]
        if (
            toponyms[i].start >= end
            and len(between) == 1
            and (between[0].text == "," or between[0].lower_ in TOPONYM_PREPOSITIONS)
        ):
            return i
    return None


def _before_in_sentence(
    doc: Doc, toponyms: list[Toponym], index: int, cities: list[int]
) -> int | None:
    sentence = doc[toponyms[index].start].sent
    before = [
        i for i in cities if sentence.start <= toponyms[i].start < sentence.end and i != index
    ]
    if not before:
        return None
    here = toponyms[index].start
    return min(before, key=lambda i: abs(toponyms[i].start - here))
