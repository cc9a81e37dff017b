"""Police events in Indian news (IndiaPoliceEvents, shown part): sentence-level ARREST, KILL
and FORCE from the coder's events.

    python bench/eval_india.py [--docs N] [--errors K]

Each document is coded whole (its publication date from metadata.jsonl; the texts are all
lower case) and its events are mapped to the annotated sentences by their trigger offset. A
sentence is predicted

* ARREST when it holds an asserted 173x event whose source is police or absent;
* KILL when an asserted event with a police or absent source carries ``dead`` > 0 or is coded
  1823, 186 or 20x;
* FORCE when a police-source event is coded 18x-20x, 170 or 175x;

(the definitions of the issue that set the targets: F1 >= 0.75 each). Precision, recall and F1
per label are printed with the commonest misses.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventcoder import Coder
from eventcoder.records import Actor, Article, Event
from shared_data import Scores, eval_dir, print_scores

LABELS = ("ARREST", "KILL", "FORCE")


@dataclass
class Sentence:
    doc_id: int
    start: int
    end: int
    text: str
    gold: frozenset[str]
    predicted: set[str] = field(default_factory=set)


def load(limit: int | None = None) -> tuple[list[Article], dict[str, list[Sentence]]]:
    folder = eval_dir("event_IndiaPoliceEvents")
    if folder is None:
        return [], {}
    dates: dict[int, str] = {}
    with (folder / "metadata.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            dates[row["doc_id"]] = row["date"]
    texts: dict[int, str] = {}
    with (folder / "docs.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            texts[row["doc_id"]] = row["doc_text"]
    sentences: dict[str, list[Sentence]] = {}
    position: dict[int, int] = {}
    with (folder / "sents.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            doc_id = row["doc_id"]
            text = texts[doc_id]
            start = text.find(row["sent_text"], position.get(doc_id, 0))
            end = start + len(row["sent_text"])
            position[doc_id] = end
            sentences.setdefault(f"ipe{doc_id}", []).append(
                Sentence(doc_id, start, end, row["sent_text"], frozenset(row["sent_labels"]))
            )
    ids = sorted(texts)[:limit] if limit else sorted(texts)
    articles = [Article(id=f"ipe{i}", text=texts[i], date=dates.get(i)) for i in ids]
    return articles, {a.id: sentences[a.id] for a in articles}


def _police(actor: Actor | None) -> bool:
    return actor is not None and actor.role == "COP"


def labels_of(event: Event) -> set[str]:
    """The IndiaPoliceEvents labels one coded event gives its sentence."""
    found: set[str] = set()
    asserted = event.factuality == "asserted"
    police_or_none = event.source is None or _police(event.source)
    code = event.cameo
    if asserted and police_or_none and code.startswith("173"):
        found.add("ARREST")
    dead = getattr(event, "dead", None)
    if (
        asserted
        and police_or_none
        and ((dead is not None and dead > 0) or code in ("1823", "186") or code.startswith("20"))
    ):
        found.add("KILL")
    if _police(event.source) and (
        code[:2] in ("18", "19", "20") or code == "170" or code.startswith("175")
    ):
        found.add("FORCE")
    return found


def score(coder: Coder, limit: int | None = None) -> tuple[Scores | None, list[Sentence]]:
    articles, sentences = load(limit)
    if not articles:
        return None, []
    every: list[Sentence] = []
    for result in coder.code_many(articles):
        doc_sentences = sentences[result.article.id]
        for event in result.events:
            offset = event.trigger_start or 0
            for sentence in doc_sentences:
                if sentence.start <= offset < sentence.end:
                    sentence.predicted |= labels_of(event)
                    break
        every.extend(doc_sentences)
    values: dict[str, float] = {}
    counts: dict[str, int] = {"sentences": len(every)}
    for label in LABELS:
        tp = sum(label in s.gold and label in s.predicted for s in every)
        fp = sum(label not in s.gold and label in s.predicted for s in every)
        fn = sum(label in s.gold and label not in s.predicted for s in every)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        values[f"{label.lower()}_precision"] = precision
        values[f"{label.lower()}_recall"] = recall
        values[f"{label.lower()}_f1"] = (
            2 * precision * recall / (precision + recall) if precision + recall else 0.0
        )
        counts[label.lower()] = tp + fn
    return Scores("india_police_events", values, counts), every


def print_errors(sentences: Iterable[Sentence], count: int) -> None:
    for label in LABELS:
        misses = [s for s in sentences if label in s.gold and label not in s.predicted]
        false = [s for s in sentences if label not in s.gold and label in s.predicted]
        print(f"\n== {label}: {len(misses)} missed, {len(false)} false")
        for sentence in misses[:count]:
            print(f"  miss  {sentence.text.strip()[:200]}")
        for sentence in false[:count]:
            print(f"  false {sentence.text.strip()[:200]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=None)
    parser.add_argument("--errors", type=int, default=0)
    args = parser.parse_args()
    scores, sentences = score(Coder(), args.docs)
    if scores is None:
        print("../shared/eval/event_IndiaPoliceEvents is not on this machine")
        return
    print_scores([scores])
    if args.errors:
        print_errors(sentences, args.errors)


if __name__ == "__main__":
    main()
