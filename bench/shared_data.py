"""Where the labelled evaluation data lives (../shared next to the repository)."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.records import Article

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """``$EVENTCODER_SHARED`` or ``../shared`` beside the repository."""
    return Path(os.environ.get("EVENTCODER_SHARED", REPO.parent / "shared"))


def eval_dir(name: str) -> Path | None:
    """The folder of one evaluation set, or None when it is not on this machine."""
    path = shared_dir() / "eval" / name
    return path if path.exists() else None


def news_corpus(n: int) -> tuple[list[Article], str]:
    """The first ``n`` PolNeAR training articles (real news, ~600 words each), topped up with
    the bundled samples when ../shared is absent; and a line saying which."""
    folder = eval_dir("quotes_PolNeAR")
    texts: list[str] = []
    origin = "samples/articles.jsonl (repeated)"
    if folder is not None:
        for path in sorted((folder / "train" / "text").glob("*.txt"))[:n]:
            texts.append(path.read_text(encoding="utf-8"))
        origin = f"PolNeAR train, first {len(texts)} articles"
    if len(texts) < n:
        samples = [
            json.loads(line)["text"]
            for line in (REPO / "samples" / "articles.jsonl").read_text().splitlines()
            if line.strip()
        ]
        while len(texts) < n:
            texts.extend(samples[: n - len(texts)])
    articles = [Article(id=f"a{i}", text=t, date="2016-06-01") for i, t in enumerate(texts)]
    return articles, origin


@dataclass
class Scores:
    """One evaluation set's figures: metric -> value, item counts, and the misses kept for
    error analysis."""

    name: str
    values: dict[str, float]
    counts: dict[str, int]
    misses: list[str] = field(default_factory=list)


def print_scores(scores: Sequence[Scores]) -> None:
    """One table, a row per metric and a row of counts per set (distances in km, 1 decimal)."""
    set_width = max(len("set"), *(len(s.name) for s in scores))
    metric_width = max(len("metric"), *(len(m) for s in scores for m in s.values))
    print(f"{'set':<{set_width}} {'metric':<{metric_width}} {'value':>9}")
    for score in scores:
        for metric, value in score.values.items():
            shown = f"{value:9.1f}" if metric.endswith("_km") else f"{value:9.3f}"
            print(f"{score.name:<{set_width}} {metric:<{metric_width}} {shown}")
        counts = ", ".join(f"{k}={v}" for k, v in score.counts.items())
        print(f"{score.name:<{set_width}} ({counts})")


def write_scores_json(path: Path, scores: Sequence[Scores]) -> None:
    path.write_text(json.dumps({s.name: s.values for s in scores}, indent=2))
