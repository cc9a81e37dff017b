"""The PETRARCH2 GigaWord validation sentences coded with the Phoenix dictionaries.

    python bench/petrarch_gigaword.py [--limit N] [--details]

Codes ``../shared/eval/petr2_gigaword_gsr`` (78 AFP sentences whose expected codings come from
PETRARCH2 run with CAMEO.2.0 and the Phoenix dictionaries) three ways, with one shared spaCy
pipeline: the built-in data; the Phoenix dictionaries of
``../shared/reference/petrarch_dictionaries`` layered over it (``--dictionaries DIR``); the
Phoenix dictionaries alone (``--dictionaries-only``). Scores:

* ``bench/eval_events.py``'s scorer for this set (imported): recall of the gold codings by
  event code, by root code, by code with agreeing actors (the gold's known parts: ``---`` is an
  unknown country), precision of our events by root, false events on ``noevents`` sentences;
* actor agreement: the share of gold codings for which one of our events of the same root has
  a source (target) agreeing with the gold's, by the same rule;
* exact (source, target, code) triples, as in ``bench/petrarch_suite.py``: recall, precision
  and sentences whose set equals the gold set (negated events left out, as the scorer does).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_events import _code_match, code_sentences, load_petr2, score_petr2
from eventcoder import Coder
from eventcoder.records import Event, Result
from shared_data import shared_dir

NULL = "---"
Triple = tuple[str, str, str]


def phoenix_dir() -> Path | None:
    path = shared_dir() / "reference" / "petrarch_dictionaries"
    return path if path.exists() else None


@dataclass(frozen=True, slots=True)
class Agreement:
    gold: int
    source: int
    target: int
    expected: int
    predicted: int
    correct: int
    exact: int
    sentences: int


def _triple(event: Event) -> Triple:
    return (
        event.source.code if event.source and event.source.code else NULL,
        event.target.code if event.target and event.target.code else NULL,
        event.cameo,
    )


def _gold_triple(coding: dict[str, str]) -> Triple:
    return (
        coding.get("sourcecode") or NULL,
        coding.get("targetcode") or NULL,
        coding["eventcode"],
    )


def agreement(items: list[dict[str, Any]], results: list[Result]) -> Agreement:
    gold_n = source_ok = target_ok = expected = predicted = correct = exact = 0
    for item, result in zip(items, results, strict=True):
        events = [e for e in result.events if e.factuality != "negated"]
        gold = item["codings"]
        for coding in gold:
            gold_n += 1
            same_root = [e for e in events if e.cameo_root == coding["eventcode"][:2]]
            source_ok += any(
                _code_match(coding.get("sourcecode", ""), e.source.code if e.source else None)
                for e in same_root
            )
            target_ok += any(
                _code_match(coding.get("targetcode", ""), e.target.code if e.target else None)
                for e in same_root
            )
        want = {_gold_triple(c) for c in gold}
        got = {_triple(e) for e in events}
        expected += len(want)
        predicted += len(got)
        correct += len(want & got)
        exact += want == got
    return Agreement(gold_n, source_ok, target_ok, expected, predicted, correct, exact, len(items))


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N sentences")
    parser.add_argument("--details", action="store_true", help="print each sentence's codes")
    args = parser.parse_args()
    items = load_petr2(args.limit)
    folder = phoenix_dir()
    if not items or folder is None:
        print("../shared/eval/petr2_gigaword_gsr or ../shared/reference is not on this machine")
        return
    builtin = Coder()
    started = time.perf_counter()
    layered = Coder(nlp=builtin.nlp, dictionaries=folder)
    only = Coder(nlp=builtin.nlp, dictionaries=folder, dictionaries_only=True)
    loading = (time.perf_counter() - started) / 2
    coders = {"built-in": builtin, "phoenix+built-in": layered, "phoenix only": only}
    rows: dict[str, dict[str, float]] = {}
    outputs: dict[str, list[Result]] = {}
    for name, coder in coders.items():
        scores = score_petr2(coder, args.limit)
        assert scores is not None
        results = code_sentences(coder, [(r["id"], r["text"], r["date"]) for r in items])
        outputs[name] = results
        agree = agreement(items, results)
        rows[name] = {
            **scores.values,
            "source_agreement": _ratio(agree.source, agree.gold),
            "target_agreement": _ratio(agree.target, agree.gold),
            "triple_recall": _ratio(agree.correct, agree.expected),
            "triple_precision": _ratio(agree.correct, agree.predicted),
            "exact_sentences": _ratio(agree.exact, agree.sentences),
        }
        counts = dict(scores.counts)
    if args.details:
        for index, item in enumerate(items):
            print(f"{item['id']}: {item['text']}")
            print(f"   gold          {sorted(_gold_triple(c) for c in item['codings'])}")
            for name, results in outputs.items():
                events = [e for e in results[index].events if e.factuality != "negated"]
                print(f"   {name:<13} {sorted({_triple(e) for e in events})}")
    names = list(coders)
    print(f"{'metric':<24} " + " ".join(f"{n:>17}" for n in names))
    for metric in rows[names[0]]:
        print(f"{metric:<24} " + " ".join(f"{rows[n][metric]:>17.3f}" for n in names))
    print(", ".join(f"{k}={v}" for k, v in counts.items()))
    warnings = only.petrarch.warnings if only.petrarch else ()
    print(f"Phoenix dictionaries: load + index {loading:.1f} s per coder, {len(warnings)} warnings")


if __name__ == "__main__":
    main()
