"""Geoparsing floors on the labelled data in ../shared/eval (skipped when it is absent).

The floors are the scores measured when they were last raised, rounded down; they may only go
up. ``bench/eval_geo.py`` prints the full table and documents the metrics.
"""

from __future__ import annotations

import pytest

import eval_geo
from eventcoder import Coder
from tests.shared_paths import eval_dir

# Whole-dataset evaluations: the slow tier (make test runs them, make test-fast does not).
pytestmark = pytest.mark.slow


HALTERMAN_RECORDS = 2000  # the first records: enough for a stable figure, quick to code

# Measured with `python bench/eval_geo.py` (the shipped coder: rules + ranker trained on both
# shown sets): GeoWebNews recall 0.817, accuracy 0.906; TR-News recall 0.874, accuracy 0.905
# (GeoNames points for countries and regions: was 0.752 / 0.761 with pycountryinfo's points);
# event locations 0.804 on these 2,000 records with no focus-country fallback (issue 14; 0.786
# before unknown villages named as such became places, 2026-12-08).
# The TR-News accuracy floor was 0.91 while the shipped ranker's penalty was chosen inside the
# sets it was scored on (0.918 there, in-sample); since 2026-12-08 it is chosen by
# leave-one-corpus-out (bench/train_place_ranker.py), which scores 0.905 and holds better on
# the corpus it was not fitted to. That is the one floor lowered, on purpose.
FLOORS = {
    ("geo_GeoWebNews", "toponym_recall"): 0.81,
    ("geo_GeoWebNews", "accuracy_161km"): 0.90,
    ("geo_TR-News", "toponym_recall"): 0.87,
    ("geo_TR-News", "accuracy_161km"): 0.90,
    ("geo_event_location_halterman", "event_location_accuracy"): 0.81,
}


def _check(name: str, values: dict[str, float]) -> None:
    for (set_name, metric), floor in FLOORS.items():
        if set_name == name:
            assert values[metric] >= floor, (metric, values)


def test_geowebnews(coder: Coder) -> None:
    if eval_dir("geo_GeoWebNews") is None:
        pytest.skip("../shared/eval/geo_GeoWebNews is not on this machine")
    scores = eval_geo.score_toponyms("geo_GeoWebNews", coder, eval_geo.load_gwn())
    assert scores is not None
    _check("geo_GeoWebNews", scores.values)


def test_trnews(coder: Coder) -> None:
    if eval_dir("geo_TR-News") is None:
        pytest.skip("../shared/eval/geo_TR-News is not on this machine")
    demonyms = set(coder.lexicon.countries.demonyms)
    scores = eval_geo.score_toponyms("geo_TR-News", coder, eval_geo.load_trnews(demonyms))
    assert scores is not None
    _check("geo_TR-News", scores.values)


def test_event_locations(coder: Coder) -> None:
    if eval_dir("geo_event_location_halterman") is None:
        pytest.skip("../shared/eval/geo_event_location_halterman is not on this machine")
    scores = eval_geo.score_halterman(coder, HALTERMAN_RECORDS)
    assert scores is not None
    _check("geo_event_location_halterman", scores.values)
