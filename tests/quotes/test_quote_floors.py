"""Quote detection and attribution floors on PolNeAR dev (skipped when ../shared is absent).

The floors sit a little under the scores measured when they were set (bench/eval_quotes.py
prints the full table for train and dev); they may only go up.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from eventcoder import Coder
from tests.shared_paths import eval_dir

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import eval_quotes

# measured on dev: direct P 0.917 R 0.849 F1 0.882 speaker 0.927; indirect P 0.901 speaker 0.891
FLOORS = {
    ("direct", "f1"): 0.86,
    ("direct", "precision"): 0.89,
    ("direct", "speaker_accuracy"): 0.90,
    ("indirect", "precision"): 0.87,
    ("indirect", "speaker_accuracy"): 0.86,
    ("indirect", "speech_cue_recall"): 0.70,
}


def test_quote_scores_stay_above_the_floors(coder: Coder) -> None:
    if eval_dir("quotes_PolNeAR") is None:
        pytest.skip("../shared/eval/quotes_PolNeAR is not on this machine")
    scores = eval_quotes.score_split(coder, "dev")
    assert scores is not None
    values = {"direct": scores.direct.values(), "indirect": scores.indirect.values()}
    for (kind, metric), floor in FLOORS.items():
        assert values[kind][metric] >= floor, (kind, metric, values[kind])
