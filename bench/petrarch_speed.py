"""Loading time of the Phoenix dictionaries and coding throughput with them.

    nice python bench/petrarch_speed.py [--articles 100] [--rounds 1] [--loads 3]

Dictionaries: ``../shared/reference/petrarch_dictionaries`` (CAMEO.2.0 verbs, the three Phoenix
actor files, agents, discards). Loading is timed twice: reading the files
(``PetrarchDictionaries.load``) and building a coder with them (reading + indexing), the latter
as the difference between ``Coder(nlp=..., dictionaries=DIR)`` and ``Coder(nlp=...)`` with the
same spaCy pipeline (best of ``--loads``).

Throughput: the same articles as ``bench/throughput.py`` (the first N PolNeAR news articles,
else the bundled samples repeated), coded in the same process by three coders sharing one
spaCy pipeline: the built-in data, the Phoenix dictionaries layered over it, and the Phoenix
dictionaries alone. Rounds alternate the coders so that machine noise hits all of them; the
best round of each is reported, in words/s and articles/s of wall-clock time and in words per
second of the process's CPU time (steadier on a shared machine).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventcoder import Coder
from eventcoder.petrarch import PetrarchDictionaries
from petrarch_gigaword import phoenix_dir
from throughput import corpus, peak_rss_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--loads", type=int, default=3)
    args = parser.parse_args()
    folder = phoenix_dir()
    if folder is None:
        print("../shared/reference/petrarch_dictionaries is not on this machine")
        return

    builtin = Coder()
    nlp = builtin.nlp
    read_times: list[float] = []
    plain_times: list[float] = []
    layered_times: list[float] = []
    for _ in range(args.loads):
        start = time.perf_counter()
        dictionaries = PetrarchDictionaries.load(folder)
        read_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        Coder(nlp=nlp)
        plain_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        Coder(nlp=nlp, dictionaries=folder)
        layered_times.append(time.perf_counter() - start)
    print(f"dictionaries: {folder.name}: {dictionaries.summary()}")
    print(f"  {len(dictionaries.warnings)} warnings (file:line), e.g. {dictionaries.warnings[1]}")
    print(
        f"load: reading {min(read_times):.2f} s; coder with dictionaries "
        f"{min(layered_times):.2f} s vs built-in only {min(plain_times):.2f} s "
        f"(+{min(layered_times) - min(plain_times):.2f} s for reading and indexing); "
        f"best of {args.loads}"
    )

    coders = {
        "built-in": builtin,
        "phoenix+built-in": Coder(nlp=nlp, dictionaries=folder),
        "phoenix only": Coder(nlp=nlp, dictionaries=folder, dictionaries_only=True),
    }
    articles, origin = corpus(args.articles)
    words = sum(len(a.text.split()) for a in articles)
    for coder in coders.values():  # warm-up: lazy initialisation
        list(coder.code_many(articles[:4]))
    times: dict[str, list[float]] = {name: [] for name in coders}
    cpu: dict[str, list[float]] = {name: [] for name in coders}
    events: dict[str, int] = {}
    for _ in range(args.rounds):
        for name, coder in coders.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            events[name] = sum(len(r.events) for r in coder.code_many(articles))
            times[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)

    print(f"corpus: {origin}: {len(articles)} articles, {words:,} words")
    print(
        f"{'coder':<18} {'wall s':>8} {'words/s':>9} {'articles/s':>11} "
        f"{'CPU s':>8} {'words/CPU s':>12} {'events':>7}"
    )
    base = min(cpu["built-in"])
    for name in coders:
        best, best_cpu = min(times[name]), min(cpu[name])
        print(
            f"{name:<18} {best:8.2f} {words / best:9.0f} {len(articles) / best:11.2f} "
            f"{best_cpu:8.2f} {words / best_cpu:12.0f} {events[name]:>7}"
            f"   (CPU: {base / best_cpu:.2f}x built-in's speed)"
        )
    print(f"peak RSS: {peak_rss_mb():.0f} MB (three coders, one spaCy pipeline)")


if __name__ == "__main__":
    main()
