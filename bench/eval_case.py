"""Case robustness: the sample articles coded as written and in lower case (and in capitals).

    python bench/eval_case.py [--upper]

Some feeds and archives are all lower case or all capitals. For every actor mention of the
original coding (span and code), the share of mentions at the same span with the same code in
the lower-cased copy; likewise for event triples (source, CAMEO code, target) per sentence.
Target (issue: real news, part 1): >= 0.90 of actors.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventcoder import Coder
from eventcoder.read import ReaderOptions, read_paths
from eventcoder.records import Article, Result
from shared_data import REPO, Scores, print_scores


def samples() -> list[Article]:
    path = REPO / "samples" / "articles.jsonl"
    return [a for a in read_paths([str(path)], ReaderOptions()) if isinstance(a, Article)]


def mention_codes(result: Result) -> dict[tuple[int, int], str | None]:
    """Every actor mention the events use, by span."""
    found: dict[tuple[int, int], str | None] = {}
    for event in result.events:
        for actor in (event.source, event.target):
            if actor is not None:
                found[(actor.start, actor.end)] = actor.code
    for actor in result.actors:
        found.setdefault((actor.start, actor.end), actor.code)
    return found


def triples(result: Result) -> Counter[tuple[int, str | None, str, str | None]]:
    """(trigger offset, source, CAMEO code, target) of every event."""
    return Counter(
        (
            e.trigger_start or 0,
            e.source.code if e.source else None,
            e.cameo,
            e.target.code if e.target else None,
        )
        for e in result.events
    )


def compare(coder: Coder, transform: str) -> Scores:
    originals = samples()
    changed = [
        Article(a.id, a.text.lower() if transform == "lower" else a.text.upper(), a.date)
        for a in originals
    ]
    same_actor = actors = same_event = events = 0
    misses: list[str] = []
    for before, after in zip(coder.code_many(originals), coder.code_many(changed), strict=True):
        codes_before, codes_after = mention_codes(before), mention_codes(after)
        for span, code in codes_before.items():
            actors += 1
            if codes_after.get(span) == code:
                same_actor += 1
            else:
                text = before.article.text[span[0] : span[1]]
                misses.append(f"{before.article.id}: {text!r} {code} -> {codes_after.get(span)}")
        triples_before, triples_after = triples(before), triples(after)
        events += sum(triples_before.values())
        same_event += sum((triples_before & triples_after).values())
    return Scores(
        f"samples_{transform}",
        {"same_actor_code": same_actor / (actors or 1), "same_event": same_event / (events or 1)},
        {"actors": actors, "events": events},
        misses,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args()
    coder = Coder()
    scores = [compare(coder, "lower"), compare(coder, "upper")]
    print_scores(scores)
    for score in scores:
        for miss in score.misses[: args.errors]:
            print(f"  {score.name}: {miss}")


if __name__ == "__main__":
    main()
