"""Geoparsing floors on the labelled data in ../shared/eval (skipped when it is absent).

The floors are the scores measured when they were last raised, rounded down; they may only go
up. ``bench/eval_geo.py`` prints the full table and documents the metrics.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from eventcoder import Coder
from tests.shared_paths import eval_dir

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import eval_geo

HALTERMAN_RECORDS = 2000  # the first records: enough for a stable figure, quick to code

FLOORS = {
    ("geo_GeoWebNews", "toponym_recall"): 0.78,
    ("geo_GeoWebNews", "accuracy_161km"): 0.85,
    ("geo_TR-News", "toponym_recall"): 0.84,
    ("geo_TR-News", "accuracy_161km"): 0.82,
    ("geo_event_location_halterman", "event_location_accuracy"): 0.73,  # target 0.75, measured .746
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
