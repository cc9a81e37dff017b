"""Coding speed against the bare spaCy parse, measured in the same run.

    python bench/throughput.py [--articles 240] [--rounds 2]

Corpus: the first N news articles of ../shared/eval/quotes_PolNeAR (real news, ~740 words
each) when present, else the bundled samples repeated to N. Both pipelines see the same texts
in the same process; rounds alternate bare/coder so that machine noise hits both. Reports
words/s and articles/s of each, their ratio, and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventcoder import Coder
from eventcoder.nlp import load_bare
from eventcoder.records import Article
from shared_data import news_corpus


def corpus(n: int) -> tuple[list[Article], str]:
    return news_corpus(n)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description="coder vs bare spaCy throughput")
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    articles, origin = corpus(args.articles)
    words = sum(len(a.text.split()) for a in articles)
    start = time.perf_counter()
    bare = load_bare()
    bare_load = time.perf_counter() - start
    start = time.perf_counter()
    coder = Coder(batch_size=args.batch_size)
    coder_load = time.perf_counter() - start
    texts = [a.text for a in articles]
    # Warm-up: first batches pay for lazy initialisation in both pipelines.
    list(bare.pipe(texts[:8]))
    list(coder.code_many(articles[:8]))

    bare_times: list[float] = []
    coder_times: list[float] = []
    events = 0
    for _ in range(args.rounds):
        start = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=args.batch_size):
            pass
        bare_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        events = sum(len(r.events) for r in coder.code_many(articles))
        coder_times.append(time.perf_counter() - start)

    bare_best, coder_best = min(bare_times), min(coder_times)
    print(f"corpus: {origin}: {len(articles)} articles, {words:,} words")
    print(f"load: bare model {bare_load:.2f} s, coder (model + dictionaries) {coder_load:.2f} s")
    print(f"{'pipeline':<12} {'seconds':>8} {'words/s':>9} {'articles/s':>11}")
    for name, seconds in (("bare spaCy", bare_best), ("coder", coder_best)):
        print(f"{name:<12} {seconds:8.2f} {words / seconds:9.0f} {len(articles) / seconds:11.2f}")
    print(f"coder/bare throughput ratio: {bare_best / coder_best:.3f}")
    print(f"events coded: {events} ({events / len(articles):.1f} per article)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (both pipelines loaded in this process)")


if __name__ == "__main__":
    main()
