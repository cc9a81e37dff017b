"""The learned candidate ranker: a logistic regression over the candidates of one toponym.

After the rules (``resolve.Resolver``) have chosen an entry for every name, each name's
candidates are described by the features below and scored with the weights of
``data/place_ranker.tsv``; the highest score wins (a conditional logit: the probability of a
candidate is the softmax of the scores over its name's candidates). The weights are written
by ``bench/train_place_ranker.py`` from the shown GeoWebNews and TR-News annotations; without
the file the rules' choice stands.

Features (all in [0, 1] or small counts, docs/places.md explains each):

* the entry itself: log population, its share of the largest candidate's population, feature
  type (country, admin1, region; a city is the baseline), capital, and whether the name was
  matched by an alternate spelling, exactly as written, by an AP abbreviation, or by a GeoNames
  region name that is not in the curated lists;
* the mention: a feature word that agrees or disagrees ("the town of X", "X Province"), a
  containing place named with it ("X, Y", "X in Y");
* the article: the candidate's country named elsewhere (names, seats, the countries of
  unambiguous places), given by a demonym, the focus country, the dateline's country and
  distance, the distance to the places the rules chose for the other names and to the nearest
  candidate of each other name, the share of other names placed in the same country, another
  name placed in the same admin1 region, and the rules' own probability for it (their
  softmax). The rules' bare choice was tried as a feature and left out: it duplicates their
  probability and took a weight of the wrong sign.
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from eventcoder.datafiles import DataError, read_rows
from eventcoder.nlp import DEMONYM
from eventcoder.places.gazetteer import Candidate
from eventcoder.places.names import normalise
from eventcoder.places.resolve import distance_km, mentioned_countries, specific_part
from eventcoder.places.toponyms import Toponym

FEATURES = (
    "log_population",
    "population_share",
    "largest",
    "country",
    "admin1",
    "region",
    "admin2",
    "capital",
    "alternate_name",
    "exact_name",
    "abbreviation",
    "uncurated_admin1",
    "names_a_country",
    "city_of_same_name_admin1",
    "hint_match",
    "hint_mismatch",
    "container",
    "country_named",
    "demonym",
    "focus",
    "dateline_country",
    "dateline_near",
    "near_chosen",
    "near_candidates",
    "same_country_share",
    "same_admin1",
    "rules_log_probability",
)
# The feature that carries the rules' own judgement; training starts from, and is pulled back
# towards, weight 1 on it and 0 elsewhere: the rules exactly (bench/train_place_ranker.py).
RULES_FEATURE = "rules_log_probability"
MIN_LOG_PROBABILITY = -20.0
LOCAL_FEATURES = frozenset({"city", "admin1"})
REGION_POPULATION = 10_000_000  # regions.tsv rows carry no population
FAR_KM = 10_000.0


def closeness(km: float) -> float:
    """1 at 0 km, 0.5 at ~100 km, 0 at 10,000 km and beyond (log scale)."""
    return max(0.0, 1.0 - math.log10(km + 1.0) / math.log10(FAR_KM + 1.0))


@dataclass(frozen=True, slots=True)
class RankerModel:
    """Weights per feature name (missing features weigh 0)."""

    weights: tuple[float, ...]

    @classmethod
    def from_dict(cls, weights: dict[str, float]) -> RankerModel:
        return cls(tuple(weights.get(name, 0.0) for name in FEATURES))

    @classmethod
    def load(cls, data_dir: Path | None = None) -> RankerModel | None:
        """``place_ranker.tsv``, or None when the file is absent (rules only)."""
        found: dict[str, float] = {}
        try:
            rows = list(read_rows("place_ranker.tsv", 2, 2, data_dir))
        except FileNotFoundError:
            return None
        for row in rows:
            name = row.fields[0]
            if name not in FEATURES:
                raise DataError(f"{row.where}: unknown feature {name!r}")
            try:
                found[name] = float(row.fields[1])
            except ValueError as error:
                raise DataError(f"{row.where}: weight must be a number") from error
        return cls.from_dict(found)

    def score(self, vector: tuple[float, ...]) -> float:
        return sum(w * x for w, x in zip(self.weights, vector, strict=True))


@dataclass(frozen=True, slots=True)
class NameGroup:
    """The mentions of one name in an article, its candidates and their feature vectors."""

    name: str
    members: tuple[int, ...]  # indexes into the article's toponyms
    candidates: tuple[Candidate, ...]
    vectors: tuple[tuple[float, ...], ...]


def name_groups(doc: Doc, toponyms: list[Toponym], focus: str | None) -> list[NameGroup]:
    """Feature vectors for the candidates of every name, given the rules' choices
    (``toponym.resolved``)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, toponym in enumerate(toponyms):
        if toponym.candidates:
            groups[normalise(toponym.text)].append(i)
    if not groups:
        return []
    named, own = mentioned_countries(doc, toponyms, dict(groups))
    demonyms = {
        ent.ent_id_.partition(":")[2] for ent in doc.ents if ent.ent_id_.startswith(DEMONYM + ":")
    }
    dateline = next(
        (t.resolved for t in toponyms if t.source == "dateline" and t.resolved is not None), None
    )
    chosen = {
        name: toponyms[members[0]].resolved
        for name, members in groups.items()
        if toponyms[members[0]].resolved is not None
    }
    candidate_points = {
        name: list(toponyms[members[0]].candidates) for name, members in groups.items()
    }
    found: list[NameGroup] = []
    for name, members in groups.items():
        candidates = _group_candidates(toponyms, members)
        others = {n: c for n, c in chosen.items() if n != name and c is not None}
        other_points = [pts for n, pts in candidate_points.items() if n != name and pts]
        largest = max((_population(c) for c in candidates), default=0)
        context = _Context(
            toponyms,
            members,
            focus,
            {k: v - own[name].get(k, 0.0) for k, v in named.items()},
            demonyms,
            dateline,
            list(others.values()),
            other_points,
            largest,
            chosen.get(name),
            _softmax(toponyms[members[0]].rule_scores, candidates),
            frozenset(c.iso3 for c in candidates if c.feature == "country"),
            frozenset(c.admin1 for c in candidates if c.feature == "admin1"),
        )
        vectors = tuple(_vector(c, context) for c in candidates)
        found.append(NameGroup(name, tuple(members), tuple(candidates), vectors))
    return found


@dataclass(slots=True)
class _Context:
    toponyms: list[Toponym]
    members: list[int]
    focus: str | None
    named: dict[str, float]
    demonyms: set[str]
    dateline: Candidate | None
    others: list[Candidate]
    other_points: list[list[Candidate]]
    largest: int
    rules: Candidate | None
    rule_probability: dict[int, float]  # softmax of the rules' scores over the candidates
    countries: frozenset[str | None]  # countries among the name's candidates
    admin1_keys: frozenset[str | None]  # admin1 regions among the name's candidates


def _group_candidates(toponyms: list[Toponym], members: list[int]) -> list[Candidate]:
    """The name's candidates, without a country whose part has the same name ("England",
    "Wales", "Gaza": the lexicon codes the part to the country; as a place it is the part),
    only entries named so in their own right when the name is a country's (a town only with a
    container or a feature word: "Mexico, Missouri"), and only those of the kind and container
    the text gives, when any are."""
    seen: set[int] = set()
    found: list[Candidate] = []
    for i in members:
        for candidate in toponyms[i].candidates:
            if id(candidate) not in seen:
                seen.add(id(candidate))
                found.append(candidate)
    names = {normalise(toponyms[i].text) for i in members}
    parts = {c.iso3 for c in found if specific_part(c) and normalise(c.name) in names}
    found = [c for c in found if not (c.feature == "country" and c.iso3 in parts)] or found
    if any(c.feature == "country" for c in found):
        # A country's name: other entries only when that is their own name ("Mexico,
        # Missouri"), not an alias ("Mexico" of the State of Mexico).
        found = [c for c in found if c.feature == "country" or normalise(c.name) in names]
        if not any(toponyms[i].container is not None or toponyms[i].hint for i in members):
            # a town named like a country ("Mexico, Missouri") only when the text says so
            found = [c for c in found if c.feature != "city" or c.capital]
    # What the text says outright narrows the choice: the kind of place ("the town of X", "X
    # Province") and the place that contains it ("Paris, Texas").
    hints = {toponyms[i].hint for i in members} - {None}
    if len(hints) == 1:
        # between a town and a region of one name; countries and named areas stay
        found = [c for c in found if c.feature in hints or c.feature not in LOCAL_FEATURES] or found
    for i in members:
        container = toponyms[i].container
        if container is not None:
            outer = toponyms[container].candidates
            found = [c for c in found if _inside(c, outer)] or found
    return found


def _inside(c: Candidate, outer: tuple[Candidate, ...]) -> bool:
    return c.feature != "country" and any(
        o is not c
        and (
            (o.feature == "country" and o.iso3 == c.iso3)
            or (o.feature == "admin1" and o.admin1 == c.admin1)
        )
        for o in outer
    )


def _unaccented(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _softmax(scores: dict[int, float], candidates: list[Candidate]) -> dict[int, float]:
    values = [scores.get(id(c), -math.inf) for c in candidates]
    top = max(values, default=-math.inf)
    if top == -math.inf:
        return {}
    weights = [math.exp(v - top) if v != -math.inf else 0.0 for v in values]
    total = sum(weights)
    return {id(c): w / total for c, w in zip(candidates, weights, strict=True)}


def _near(c: Candidate, other: Candidate) -> float:
    """Closeness of two entries; a country or admin1 region is at 0 km from what lies in it
    (the distance to its representative point says nothing)."""
    if c.feature == "country" and c.iso3 is not None and other.iso3 == c.iso3:
        return 1.0
    if c.feature == "admin1" and c.admin1 is not None and other.admin1 == c.admin1:
        return 1.0
    return closeness(distance_km(c.lat, c.lon, other.lat, other.lon))


def _population(c: Candidate) -> int:
    if c.admin2:
        return 0
    return c.population if c.feature != "region" or c.population else REGION_POPULATION


def _vector(c: Candidate, x: _Context) -> tuple[float, ...]:
    mentions = [x.toponyms[i] for i in x.members]
    population = _population(c)
    hint_match = hint_mismatch = container = 0.0
    for toponym in mentions:
        if toponym.hint is not None:
            if toponym.hint == c.feature:
                hint_match = 1.0
            elif c.feature in ("city", "admin1") and toponym.hint in ("city", "admin1"):
                hint_mismatch = 1.0
        if toponym.container is not None and c.feature in ("city", "admin1", "region"):
            for outer in x.toponyms[toponym.container].candidates:
                if (outer.feature == "country" and outer.iso3 == c.iso3) or (
                    outer.feature == "admin1" and outer.admin1 == c.admin1
                ):
                    container = 1.0
    exact = float(any(_unaccented(t.text) == _unaccented(c.name) for t in mentions))
    iso3 = c.iso3
    named = x.named.get(iso3, 0.0) if iso3 is not None else 0.0
    dateline_country = dateline_near = 0.0
    if x.dateline is not None and not any(t.source == "dateline" for t in mentions):
        dateline_country = float(iso3 is not None and x.dateline.iso3 == iso3)
        dateline_near = closeness(distance_km(c.lat, c.lon, x.dateline.lat, x.dateline.lon))
    near_chosen = near_candidates = same_country = same_admin1 = 0.0
    if x.others:
        near_chosen = max(_near(c, o) for o in x.others)
        same_country = sum(o.iso3 == iso3 for o in x.others if iso3) / len(x.others)
        same_admin1 = float(
            c.admin1 is not None and any(o.admin1 == c.admin1 for o in x.others if o.admin1)
        )
    if x.other_points:
        near_candidates = sum(max(_near(c, o) for o in others) for others in x.other_points) / len(
            x.other_points
        )
    return (
        math.log10(population + 10) / 7.0,
        population / x.largest if x.largest else 0.0,
        float(population == x.largest),
        float(c.feature == "country"),
        float(c.feature == "admin1"),
        float(c.feature == "region" and not c.admin2),
        float(c.admin2),
        float(c.capital),
        float(not c.primary),
        exact,
        float(c.abbreviation),
        float(c.feature == "admin1" and not c.curated),
        float(bool(x.countries) and c.feature != "country"),
        float(c.feature == "city" and c.admin1 in x.admin1_keys),
        hint_match,
        hint_mismatch,
        container,
        math.log1p(max(named, 0.0)),
        float(iso3 is not None and iso3 in x.demonyms),
        float(iso3 is not None and iso3 == x.focus),
        dateline_country,
        dateline_near,
        near_chosen,
        near_candidates,
        same_country,
        same_admin1,
        max(math.log(max(x.rule_probability.get(id(c), 0.0), 1e-300)), MIN_LOG_PROBABILITY),
    )


def rerank(doc: Doc, toponyms: list[Toponym], focus: str | None, model: RankerModel) -> None:
    """Replace the rules' choice of every name by the ranker's."""
    for group in name_groups(doc, toponyms, focus):
        scores = [model.score(v) for v in group.vectors]
        best = group.candidates[max(range(len(scores)), key=lambda k: scores[k])]
        for i in group.members:
            toponyms[i].resolved = best
