"""Choose, for every toponym, the gazetteer entry it refers to, using the whole article.

Each candidate gets a score (constants below); the best wins. The parts:

* prior: log10 of the population, a bonus for countries and capitals, a malus for admin1
  regions (in news "Washington" and "New York" are the cities) and for alternate spellings;
* what the text says about this mention: a feature word ("the town of X", "X Province") and a
  container after a comma ("Paris, Texas", "Centreville, Va.");
* the article: the countries it names elsewhere (names, seats, demonyms, the countries of its
  unambiguous places; a name never supports itself), the focus country when something else
  names it too, admin1 regions it names, and the distance to the other places it names (the
  dateline counts as one of them). Proximity is a second pass over the first pass's confident
  choices.

All mentions of the same name in one article get the same entry (one sense per discourse).
"""

from __future__ import annotations

import math
from collections import defaultdict

from spacy.tokens import Doc

from eventcoder.nlp import COUNTRY, DEMONYM, SEAT
from eventcoder.places.gazetteer import Candidate, Gazetteer
from eventcoder.places.names import normalise
from eventcoder.places.toponyms import Toponym

PRIOR_FEATURE = {"country": 2.5, "admin1": -0.5, "city": 0.0, "region": 2.5}
REGION_POPULATION = 10_000_000  # regions.tsv rows carry no population
ADMIN2_POPULATION = 50_000
CAPITAL = 1.5
ALTERNATE_NAME = -1.0
FOCUS = 2.0
MENTIONED = 1.5
CONTAINER = 6.0
HINT_MATCH = 2.5
HINT_MISMATCH = -1.0
OWN_LARGEST_CITY = 1.0  # "Idlib", "New York": the city, unless the text says "province"
SPECIFIC_MIN_POPULATION = 100_000
ADMIN1_MENTIONED = 2.5
NEAR = ((50.0, 2.5), (200.0, 1.5), (600.0, 0.5))  # (km, bonus)
CONFIDENT_MARGIN = 2.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


class Resolver:
    """Scores candidates in the context of one article. Stateless between articles."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def resolve(self, doc: Doc, toponyms: list[Toponym], focus: str | None) -> None:
        """Set ``resolved`` on every toponym that has candidates."""
        if not toponyms:
            return
        groups: dict[str, list[int]] = defaultdict(list)
        for i, toponym in enumerate(toponyms):
            if toponym.candidates:
                groups[normalise(toponym.text)].append(i)
        total, own = mentioned_countries(doc, toponyms, groups)
        first = {
            name: self._best(toponyms, members, focus, _without(total, own[name]), [], set())
            for name, members in groups.items()
        }
        anchors: list[tuple[str, Candidate]] = []
        admin1_named: set[str] = set()
        for name, (best, margin) in first.items():
            if best is None or margin < CONFIDENT_MARGIN:
                continue
            if best.feature in ("city", "admin1"):
                anchors.append((name, best))
            if best.feature == "admin1" and best.admin1:
                admin1_named.add(best.admin1)
            if best.iso3:
                total[best.iso3] = total.get(best.iso3, 0.0) + 1.0
                own[name][best.iso3] = own[name].get(best.iso3, 0.0) + 1.0
        for name, members in groups.items():
            others = [c for n, c in anchors if n != name]
            mentioned = _without(total, own[name])
            scores: dict[int, float] = {}
            best, _ = self._best(toponyms, members, focus, mentioned, others, admin1_named, scores)
            for i in members:
                toponyms[i].resolved = best
                toponyms[i].rule_scores = scores

    # -- context --------------------------------------------------------------------------
    def _best(
        self,
        toponyms: list[Toponym],
        members: list[int],
        focus: str | None,
        mentioned: dict[str, float],
        anchors: list[Candidate],
        admin1_named: set[str],
        rule_scores: dict[int, float] | None = None,
    ) -> tuple[Candidate | None, float]:
        """The best candidate for a group of same-name mentions, and its margin over the
        runner-up (``rule_scores``, when given, receives every candidate's score by id)."""
        scores: dict[int, float] = {}
        by_id: dict[int, Candidate] = {}
        for i in members:
            toponym = toponyms[i]
            container = (
                toponyms[toponym.container].candidates if toponym.container is not None else ()
            )
            specific = {
                c.iso3
                for c in toponym.candidates
                if specific_part(c) and normalise(c.name) == normalise(toponym.text)
            }
            own_admin1 = {c.admin1 for c in toponym.candidates if c.feature == "admin1"}
            for candidate in toponym.candidates:
                score = self._score(
                    candidate,
                    toponym,
                    container,
                    specific,
                    own_admin1,
                    focus,
                    mentioned,
                    anchors,
                    admin1_named,
                )
                key = id(candidate)
                by_id[key] = candidate
                scores[key] = max(scores.get(key, -math.inf), score)
        if rule_scores is not None:
            rule_scores.update(scores)
        if not scores:
            return None, 0.0
        ranked = sorted(scores, key=lambda k: -scores[k])
        best = by_id[ranked[0]]
        margin = scores[ranked[0]] - scores[ranked[1]] if len(ranked) > 1 else math.inf
        return best, margin

    def _score(
        self,
        c: Candidate,
        toponym: Toponym,
        container: tuple[Candidate, ...],
        specific: set[str | None],
        own_admin1: set[str | None],
        focus: str | None,
        mentioned: dict[str, float],
        anchors: list[Candidate],
        admin1_named: set[str],
    ) -> float:
        if c.feature == "country" and c.iso3 in specific:
            # "England", "Gaza", "West Bank": the lexicon codes a part of the country to the
            # country; as a place it is the part.
            return -math.inf
        if c.admin2:  # a county: no population in the table, ranked like a town
            score = math.log10(ADMIN2_POPULATION)
        else:
            population = (
                c.population if c.feature != "region" or c.population else REGION_POPULATION
            )
            score = math.log10(population + 10) + PRIOR_FEATURE[c.feature]
        if c.capital:
            score += CAPITAL
        if not c.primary:
            score += ALTERNATE_NAME
        if c.feature == "city" and c.admin1 in own_admin1:
            score += OWN_LARGEST_CITY
        if toponym.hint is not None:
            if toponym.hint == c.feature:
                score += HINT_MATCH
            elif c.feature in ("city", "admin1") and toponym.hint in ("city", "admin1"):
                score += HINT_MISMATCH
        if c.iso3 is not None and mentioned.get(c.iso3, 0.0) > 0.0:
            score += MENTIONED
            if c.iso3 == focus:
                score += FOCUS  # the focus counts when something else names the country
        if container and c.feature in ("city", "admin1", "region"):
            for outer in container:
                if outer is c:
                    continue
                if (outer.feature == "country" and outer.iso3 == c.iso3) or (
                    outer.feature == "admin1" and outer.admin1 == c.admin1
                ):
                    score += CONTAINER
                    break
        if c.feature == "city" and c.admin1 in admin1_named:
            score += ADMIN1_MENTIONED
        if anchors and c.feature in ("city", "admin1"):
            nearest = min(distance_km(c.lat, c.lon, a.lat, a.lon) for a in anchors)
            for limit, bonus in NEAR:
                if nearest <= limit:
                    score += bonus
                    break
        return score


def specific_part(candidate: Candidate) -> bool:
    """A part of a country named exactly like the country's lexicon entry."""
    if not candidate.primary or candidate.feature == "country":
        return False
    if candidate.feature in ("admin1", "region"):
        return True
    return candidate.capital or candidate.population >= SPECIFIC_MIN_POPULATION


def _without(total: dict[str, float], own: dict[str, float]) -> dict[str, float]:
    return {iso3: weight - own.get(iso3, 0.0) for iso3, weight in total.items()}


def mentioned_countries(
    doc: Doc, toponyms: list[Toponym], groups: dict[str, list[int]]
) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """Countries the article names: country names and seats (1), demonyms (0.5), and
    toponyms whose every candidate lies in one country (1); in total and per name, so
    that a name never supports itself ("Paris" does not make the story French)."""
    group_at: dict[int, str] = {}
    for name, members in groups.items():
        for i in members:
            for token in range(toponyms[i].start, toponyms[i].end):
                group_at[token] = name
    total: dict[str, float] = {}
    own: dict[str, dict[str, float]] = defaultdict(dict)
    for ent in doc.ents:
        kind, _, iso3 = ent.ent_id_.partition(":")
        if not iso3 or kind not in (COUNTRY, SEAT, DEMONYM):
            continue
        weight = 0.5 if kind == DEMONYM else 1.0
        total[iso3] = total.get(iso3, 0.0) + weight
        group = group_at.get(ent.start) or group_at.get(ent.end - 1)
        if group is not None:
            own[group][iso3] = own[group].get(iso3, 0.0) + weight
    for name, members in groups.items():
        for i in members:
            toponym = toponyms[i]
            countries = {c.iso3 for c in toponym.candidates}
            only = next(iter(countries)) if len(countries) == 1 else None
            if only is not None and toponym.ruler_kind is None:
                total[only] = total.get(only, 0.0) + 1.0
                own[name][only] = own[name].get(only, 0.0) + 1.0
    return total, own
