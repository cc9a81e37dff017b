"""Quote detection and attribution floors on PolNeAR dev (skipped when ../shared is absent).

The floors sit a little under the scores measured when they were set (bench/eval_quotes.py
prints the full table for train and dev); they may only go up.
"""

from __future__ import annotations

import pytest

import eval_quotes
from eventcoder import Coder
from tests.shared_paths import eval_dir

# Whole-dataset evaluations: the slow tier (make test runs them, make test-fast does not).
pytestmark = pytest.mark.slow


# measured on dev (84 articles, bench/eval_quotes.py --split dev):
#   direct   P 0.921 R 0.860 F1 0.890 speaker 0.924 (strict 0.904)
#   indirect P 0.899 R 0.306 F1 0.457 speaker 0.908 (strict 0.883), speech-cue recall 0.742
FLOORS = {
    ("direct", "f1"): 0.88,
    ("direct", "precision"): 0.91,
    ("direct", "recall"): 0.85,
    ("direct", "speaker_accuracy"): 0.91,
    ("direct", "speaker_accuracy_strict"): 0.89,
    ("indirect", "precision"): 0.89,
    ("indirect", "recall"): 0.30,
    ("indirect", "speaker_accuracy"): 0.89,
    ("indirect", "speech_cue_recall"): 0.73,
}


def test_quote_scores_stay_above_the_floors(coder: Coder) -> None:
    if eval_dir("quotes_PolNeAR") is None:
        pytest.skip("../shared/eval/quotes_PolNeAR is not on this machine")
    scores = eval_quotes.score_split(coder, "dev")
    assert scores is not None
    values = {"direct": scores.direct.values(), "indirect": scores.indirect.values()}
    for (kind, metric), floor in FLOORS.items():
        assert values[kind][metric] >= floor, (kind, metric, values[kind])
