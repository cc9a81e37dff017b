"""Accuracy floors on the labelled data in ../shared/eval (skipped when it is absent).

The floors are the scores measured when they were last raised (see the issue notes), rounded
down; they may only go up. bench/eval_events.py prints the full table.
"""

from __future__ import annotations

import pytest

import eval_articles
import eval_events
import eval_india
from eventcoder import Coder
from tests.shared_paths import eval_dir

# Whole-dataset evaluations: the slow tier (make test runs them, make test-fast does not).
pytestmark = pytest.mark.slow


FLOORS = {
    ("plover_gsr_cameo", "plover_type_accuracy"): 0.765,
    ("plover_gsr_cameo", "source_country_accuracy"): 0.77,
    ("conflibert_cameo", "five_way_accuracy"): 0.73,
    ("petr2_gigaword_gsr", "root_code_recall"): 0.47,
    ("petr2_gigaword_gsr", "event_code_recall"): 0.36,
}


@pytest.mark.parametrize("name", ["plover_gsr_cameo", "conflibert_cameo", "petr2_gigaword_gsr"])
def test_scores_stay_above_the_floors(coder: Coder, name: str) -> None:
    if eval_dir(name) is None:
        pytest.skip(f"../shared/eval/{name} is not on this machine")
    scorer = {
        "plover_gsr_cameo": eval_events.score_plover,
        "conflibert_cameo": eval_events.score_conflibert,
        "petr2_gigaword_gsr": eval_events.score_petr2,
    }[name]
    scores = scorer(coder)
    assert scores is not None
    for (set_name, metric), floor in FLOORS.items():
        if set_name == name:
            assert scores.values[metric] >= floor, (metric, scores.values)


# Whole real articles (bench/realnews, texts from ../shared/eval): measured 2026-12-08 at
# dev P 0.683 R 0.543 source 0.715 target 0.755 location 0.642; test P 0.570 R 0.467
# source 0.585 target 0.602 location 0.582.
ARTICLE_FLOORS = {
    "dev": {
        "event_precision": 0.67,
        "event_recall": 0.53,
        "source_code": 0.70,
        "target_code": 0.74,
        "location": 0.62,
    },
    "test": {
        "event_precision": 0.56,
        "event_recall": 0.45,
        "source_code": 0.57,
        "target_code": 0.58,  # 0.602 on news15 alone, 0.589 after the merges (new matches)
        # 0.568 before the event-location pass of 2026-12-08, 0.543 after it: lowered on
        # purpose, dev and halterman rose with the same rules (docs/measured.md)
        "location": 0.54,
    },
}


def test_real_articles_stay_above_the_floors(coder: Coder) -> None:
    tallies = eval_articles.run(coder, ("dev", "test"))
    # The annotations are ours; the article texts are read from ../shared/eval.
    if any(split not in tallies or tallies[split].gold == 0 for split in ARTICLE_FLOORS):
        pytest.skip("../shared/eval (the real-news article texts) is not on this machine")
    for split, floors in ARTICLE_FLOORS.items():
        scores = eval_articles.figures(f"realnews_{split}", tallies[split])
        for metric, floor in floors.items():
            assert scores.values[metric] >= floor, (split, metric, scores.values)


# Police events in Indian news (sentence level, bench/eval_india.py): measured 2026-12-08 at
# ARREST 0.822, KILL 0.545, FORCE 0.841 (F1).
INDIA_FLOORS = {"arrest_f1": 0.81, "kill_f1": 0.53, "force_f1": 0.83}


def test_india_police_events_stay_above_the_floors(coder: Coder) -> None:
    if eval_dir("event_IndiaPoliceEvents") is None:
        pytest.skip("../shared/eval/event_IndiaPoliceEvents is not on this machine")
    scores, _ = eval_india.score(coder)
    assert scores is not None
    for metric, floor in INDIA_FLOORS.items():
        assert scores.values[metric] >= floor, (metric, scores.values)
