"""Does coding time grow linearly with the length of one article, whatever its layout?

    python bench/scaling.py [--base-words 2500] [--factors 1 2 4 8 16] [--repeat 3]
                            [--layouts paragraphs long_paragraph lists] [--no-bare]

One article is built at 1x, 2x, 4x, 8x and 16x a base size (in words) from the sentences
of the bundled samples, in three layouts:

* ``paragraphs``: many short one-line paragraphs of at most 8 words (live blogs, tickers,
  text pasted from narrow columns);
* ``long_paragraph``: every sentence in one paragraph, no line break at all;
* ``lists``: long lists and tables: bulleted items, numbered items and ``|`` table rows.

Two more layouts, not run by default (``--layouts marks runs``), are inputs that were once
quadratic: ``marks``, sentences between lines of quotation marks and brackets; ``runs``,
sentences with a run of 300 "(" after every tenth (spaCy's tokenizer alone is quadratic on
those: eventcoder tokenizes long runs in slices, ``nlp_chunks.py``; the bare parse is left
out of these two for that reason).

Each article is coded whole (``Coder.code``: parse + every stage) and, in the same run, parsed
by the bare spaCy model (``nlp.load_bare``) for comparison. Every timing is the CPU time of
this process (``time.process_time``: not the time other processes hold a shared CPU), the
best of ``--repeat`` runs (noise only adds time). For each layout the table gives the time
per word at each size and the ratio of the time per word at the largest size to the one at
1x: linear cost means a ratio near 1 (the target is <= 1.3).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventcoder import Coder
from eventcoder.nlp import load_bare
from shared_data import REPO

TARGET_RATIO = 1.3
DATE = "2023-07-28"
LINE_WORDS = 8  # words per line of the "paragraphs" layout


def sentences() -> list[str]:
    """The sample articles' sentences (a rough split is enough to build test layouts)."""
    found: list[str] = []
    with (REPO / "samples" / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            for part in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
                if len(part.split()) >= 5:
                    found.append(part)
    return found


def _take(pool: list[str], words: int) -> list[str]:
    """Sentences from the pool, in order and cycling, until ``words`` words."""
    chosen: list[str] = []
    count = 0
    while count < words:
        sentence = pool[len(chosen) % len(pool)]
        chosen.append(sentence)
        count += len(sentence.split())
    return chosen


def paragraphs(pool: list[str], words: int) -> str:
    lines: list[str] = []
    for sentence in _take(pool, words):
        parts = sentence.split()
        lines.extend(" ".join(parts[i : i + LINE_WORDS]) for i in range(0, len(parts), LINE_WORDS))
    return "\n".join(lines)


def long_paragraph(pool: list[str], words: int) -> str:
    return " ".join(_take(pool, words))


def lists(pool: list[str], words: int) -> str:
    lines: list[str] = []
    for i, sentence in enumerate(_take(pool, words)):
        kind = i % 3
        if kind == 0:
            lines.append(f"* {sentence}")
        elif kind == 1:
            lines.append(f"{i}. {sentence.rstrip('.')}")
        else:
            day = 1 + i % 28
            lines.append(f"| 2023-07-{day:02d} | {sentence.rstrip('.')} | {i % 50} |")
    return "\n".join(lines)


def marks(pool: list[str], words: int) -> str:
    noise = " ".join(['"', "'", "“", "”", "(", ")", "[", "]"] * 4)
    return "\n".join(f"{sentence} {noise}" for sentence in _take(pool, words // 2))


def runs(pool: list[str], words: int) -> str:
    lines = _take(pool, words)
    return "\n".join(f"{s} {'(' * 300}" if i % 10 == 0 else s for i, s in enumerate(lines))


LAYOUTS: dict[str, Callable[[list[str], int], str]] = {
    "paragraphs": paragraphs,
    "long_paragraph": long_paragraph,
    "lists": lists,
    "marks": marks,
    "runs": runs,
}
DEFAULT_LAYOUTS = ["paragraphs", "long_paragraph", "lists"]
NO_BARE = {"marks", "runs"}


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The least CPU time of this process over ``repeat`` runs: on a shared machine, wall
    time also counts the time other processes hold the CPU."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-words", type=int, default=2500)
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 2, 4, 8, 16])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--layouts", nargs="+", choices=list(LAYOUTS), default=DEFAULT_LAYOUTS)
    parser.add_argument("--no-bare", action="store_true", help="skip the bare spaCy parse")
    args = parser.parse_args()

    pool = sentences()
    coder = Coder()
    bare = None if args.no_bare else load_bare()
    for name in args.layouts:  # warm-up: lazy initialisation, first allocations
        text = LAYOUTS[name](pool, args.base_words)
        coder.code(text, date=DATE)
        if bare is not None and name not in NO_BARE:
            bare(text)

    factors = sorted(args.factors)
    head = " ".join(f"{f:>6}x" for f in factors)
    print(f"CPU time per word (microseconds) at each size; base {args.base_words:,} words")
    print(f"{'layout':<16}{'pipeline':<10}{head}  {factors[-1]}x/{factors[0]}x")
    worst = 0.0
    for name in args.layouts:
        rows: dict[str, list[float]] = {"coder": []}
        with_bare = bare is not None and name not in NO_BARE
        if with_bare:
            rows["spacy"] = []
        for factor in factors:
            text = LAYOUTS[name](pool, args.base_words * factor)
            words = len(text.split())
            rows["coder"].append(
                best_of(args.repeat, lambda text=text: coder.code(text, date=DATE)) / words
            )
            if with_bare and bare is not None:
                rows["spacy"].append(best_of(args.repeat, lambda text=text: bare(text)) / words)
        for pipeline, per_word in rows.items():
            ratio = per_word[-1] / per_word[0]
            if pipeline == "coder":
                worst = max(worst, ratio)
            cells = " ".join(f"{t * 1e6:>7.0f}" for t in per_word)
            print(f"{name:<16}{pipeline:<10}{cells}  {ratio:>6.2f}", flush=True)
    verdict = "meets" if worst <= TARGET_RATIO else "misses"
    print(f"worst coder ratio {worst:.2f}: {verdict} the target <= {TARGET_RATIO}")


if __name__ == "__main__":
    main()
