"""Date accuracy floors on the labelled data in ../shared/eval (skipped when it is absent).

The floors are the scores measured when they were last raised, rounded down; they may only
go up. bench/eval_dates.py prints the full table.
"""

from __future__ import annotations

import pytest

import eval_dates
from eventcoder import Coder
from tests.shared_paths import eval_dir

# Whole-dataset evaluations: the slow tier (make test runs them, make test-fast does not).
pytestmark = pytest.mark.slow


# Measured with `python bench/eval_dates.py` (value 0.764, relative 0.902, calendar 0.911,
# detection 0.876; TimeLine day 0.786, month 0.917, year 0.930), floors just under.
FLOORS = {
    ("timebank_dates", "value_accuracy"): 0.76,
    ("timebank_dates", "relative_accuracy"): 0.90,  # the target
    ("timebank_dates", "calendar_accuracy"): 0.91,
    ("timebank_dates", "detection_recall"): 0.87,
    ("timeline_event_dates", "day_accuracy"): 0.78,
    ("timeline_event_dates", "month_accuracy"): 0.91,
    ("timeline_event_dates", "year_accuracy"): 0.92,
}
SETS = {
    "timebank_dates": ("time_TBAQ_TimeBank_AQUAINT", eval_dates.score_timebank),
    "timeline_event_dates": ("time_SemEval2015_T4_TimeLine_wikinews", eval_dates.score_timeline),
}


@pytest.mark.parametrize("name", sorted(SETS))
def test_date_scores_stay_above_the_floors(coder: Coder, name: str) -> None:
    folder, scorer = SETS[name]
    if eval_dir(folder) is None:
        pytest.skip(f"../shared/eval/{folder} is not on this machine")
    scores = scorer(coder)
    assert scores is not None
    for (set_name, metric), floor in FLOORS.items():
        if set_name == name:
            assert scores.values[metric] >= floor, (metric, scores.values)
