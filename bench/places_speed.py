"""How much of coding time the places stage takes, and what its gazetteer costs to load.

    python bench/places_speed.py [--articles 100]

Parses the first N news articles (``shared_data.news_corpus``) once, then times every stage
after the parse on the same documents (CPU time of this process). Prints the parse time, each
stage's time and the places stage's share of the whole (parse + stages), plus the time and
resident memory ``PlaceCoder`` adds when it is built (gazetteer, tables, ranker).
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventcoder import Coder
from eventcoder.lexicon import Lexicon
from eventcoder.places import PlaceCoder
from eventcoder.state import ArticleState
from shared_data import news_corpus


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * 4096 / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    args = parser.parse_args()
    lexicon = Lexicon.load()
    gc.collect()
    before, started = rss_mb(), time.process_time()
    places = PlaceCoder(lexicon)  # first, so that nothing of it is loaded yet
    load_s = time.process_time() - started
    gc.collect()
    print(f"PlaceCoder build: {load_s:.2f} s CPU, +{rss_mb() - before:.0f} MB resident")
    del places
    coder = Coder()
    articles, source = news_corpus(args.articles)
    started = time.process_time()
    docs = list(coder.nlp.pipe((a.text for a in articles), batch_size=coder.batch_size))
    parse_s = time.process_time() - started
    spent = {stage.name: 0.0 for stage in coder.stages}
    for article, doc in zip(articles, docs, strict=True):
        state = ArticleState(article)
        for stage in coder.stages:
            started = time.process_time()
            state = stage(doc, state)
            spent[stage.name] += time.process_time() - started
    total = parse_s + sum(spent.values())
    print(f"{len(articles)} articles from {source}; parse {parse_s:.1f} s")
    for name, seconds in spent.items():
        print(f"  {name:8s} {seconds:6.2f} s  {100 * seconds / total:5.1f}% of coding time")


if __name__ == "__main__":
    main()
