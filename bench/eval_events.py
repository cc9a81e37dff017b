"""Score the event coder on the labelled sets in ../shared/eval and print one table.

    python bench/eval_events.py [--limit N] [--json FILE]

Sets and metrics (each sentence is coded alone, as a one-sentence article):

* plover_gsr_cameo (322 CAMEO-manual sentences, PLOVER v0.5 labels): PLOVER type accuracy of
  the sentence's primary event (gold v0.5 types are mapped to PLOVER 2.0: DEMAND -> REQUEST,
  DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT); source country accuracy (the first
  three letters of the primary event's source code against any gold source code; IGO codes
  compare as "IGO"); source sector accuracy where the gold gives one. A sentence with no
  event counts as wrong.
* conflibert_cameo test (451 sentences): five-way class of the primary event's CAMEO root
  (0 = 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13, 4 = 14-20); no event counts as wrong.
* petr2_gigaword_gsr (78 AFP sentences, 80 codings): recall of gold codings by event code, by
  root code and by (source, target, code); precision of our events by root against the
  sentence's gold codings; false events on sentences marked noevents.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventcoder import Coder
from eventcoder.events import primary_event
from eventcoder.records import Article, Result
from shared_data import Scores, eval_dir, print_scores, write_scores_json

V05_TO_PLOVER2 = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
FIVE_WAY = {
    **{f"{r:02d}": 0 for r in (1, 2)},
    **{f"{r:02d}": 1 for r in (3, 4, 5)},
    **{f"{r:02d}": 2 for r in (6, 7, 8)},
    **{f"{r:02d}": 3 for r in range(9, 14)},
    **{f"{r:02d}": 4 for r in range(14, 21)},
}


def code_sentences(coder: Coder, texts: Iterable[tuple[str, str, str | None]]) -> list[Result]:
    articles = [Article(id=i, text=t, date=d) for i, t, d in texts]
    return list(coder.code_many(articles))


# -- PLOVER GSR --------------------------------------------------------------------------------
def load_plover(limit: int | None = None) -> list[dict[str, Any]]:
    folder = eval_dir("plover_gsr_cameo")
    if folder is None:
        return []
    records = json.loads((folder / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    items = [r for r in records if r.get("event") not in (None, "DOCUMENT") and r.get("text")]
    return items[:limit] if limit else items


def _gold_codes(side: Any) -> list[dict[str, str]]:
    return (
        [a for a in side if isinstance(a, dict) and a.get("code")] if isinstance(side, list) else []
    )


def score_plover(coder: Coder, limit: int | None = None) -> Scores | None:
    items = load_plover(limit)
    if not items:
        return None
    texts = [(r["id"], r["text"].strip().strip("{}").strip(), "2000-01-01") for r in items]
    results = code_sentences(coder, texts)
    type_ok = any_ok = src_ok = src_n = sector_ok = sector_n = coded = 0
    for record, result in zip(items, results, strict=True):
        gold = V05_TO_PLOVER2.get(record["event"], record["event"])
        main = primary_event(result.events)
        coded += main is not None
        if main is not None and main.plover and main.plover.type == gold:
            type_ok += 1
        if any(e.plover and e.plover.type == gold for e in result.events):
            any_ok += 1
        sources = _gold_codes(record.get("source"))
        if sources:
            src_n += 1
            ours = main.source.code if main and main.source and main.source.code else ""
            if ours and any(ours[:3] == s["code"][:3] for s in sources):
                src_ok += 1
            sectors = [
                s["sector"]
                for s in sources
                if s.get("sector") and s["sector"].isupper() and len(s["sector"]) == 3
            ]
            if sectors:
                sector_n += 1
                if main and main.source and main.source.role in sectors:
                    sector_ok += 1
    n = len(items)
    return Scores(
        "plover_gsr_cameo",
        {
            "plover_type_accuracy": type_ok / n,
            "plover_type_any_event": any_ok / n,
            "source_country_accuracy": src_ok / max(src_n, 1),
            "source_sector_accuracy": sector_ok / max(sector_n, 1),
            "coverage": coded / n,
        },
        {"sentences": n, "with_gold_source": src_n, "with_gold_sector": sector_n},
    )


# -- ConfliBERT five-way ------------------------------------------------------------------------
def load_conflibert(limit: int | None = None) -> list[tuple[str, int]]:
    folder = eval_dir("conflibert_cameo")
    if folder is None:
        return []
    rows: list[tuple[str, int]] = []
    for line in (folder / "cameo_class_test.tsv").read_text(encoding="utf-8").splitlines():
        line = line.rstrip("\r")
        if not line.strip() or "\t" not in line:
            continue
        text, label = line.rsplit("\t", 1)
        if label.strip().isdigit():
            rows.append((text.strip(), int(label)))
    return rows[:limit] if limit else rows


def score_conflibert(coder: Coder, limit: int | None = None) -> Scores | None:
    rows = load_conflibert(limit)
    if not rows:
        return None
    results = code_sentences(coder, [(f"c{i}", t, None) for i, (t, _) in enumerate(rows)])
    correct = coded = 0
    per_class: dict[int, list[int]] = {k: [0, 0] for k in range(5)}
    for (_, label), result in zip(rows, results, strict=True):
        main = primary_event(result.events)
        predicted = FIVE_WAY.get(main.cameo_root) if main else None
        coded += main is not None
        per_class[label][1] += 1
        if predicted == label:
            correct += 1
            per_class[label][0] += 1
    values = {"five_way_accuracy": correct / len(rows), "coverage": coded / len(rows)}
    for label, (ok, total) in per_class.items():
        values[f"class_{label}_recall"] = ok / max(total, 1)
    return Scores("conflibert_cameo", values, {"sentences": len(rows)})


# -- PETRARCH2 Gigaword GSR ---------------------------------------------------------------------
_SENTENCE = re.compile(
    r'<Sentence\b[^>]*\bdate="(?P<date>\d{8})"[^>]*\bid="(?P<id>[^"]+)"[^>]*/?>(?P<body>.*?)'
    r"<Text>(?P<text>.*?)</Text>",
    re.S,
)
_CODING = re.compile(r"<EventCoding\b(?P<attrs>[^>]*)/>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def load_petr2(limit: int | None = None) -> list[dict[str, Any]]:
    folder = eval_dir("petr2_gigaword_gsr")
    if folder is None:
        return []
    raw = (folder / "PETR2_GSR_validation.xml").read_text(encoding="utf-8")
    items: list[dict[str, Any]] = []
    for match in _SENTENCE.finditer(raw):
        codings = []
        noevents = False
        for coding in _CODING.finditer(match.group("body")):
            attrs = dict(_ATTR.findall(coding.group("attrs")))
            if attrs.get("noevents") == "True":
                noevents = True
            elif "eventcode" in attrs:
                codings.append(attrs)
        date = match.group("date")
        items.append(
            {
                "id": match.group("id"),
                "date": f"{date[:4]}-{date[4:6]}-{date[6:]}",
                "text": " ".join(match.group("text").split()),
                "codings": codings,
                "noevents": noevents,
            }
        )
    return items[:limit] if limit else items


def _code_match(gold: str, ours: str | None) -> bool:
    """Actor codes agree when the gold's known parts match ours ('---' = unknown country)."""
    if not ours:
        return gold in ("", "---")
    gold_country, gold_rest = gold[:3], gold[3:]
    if gold_country != "---" and ours[:3] != gold_country:
        return False
    return not gold_rest or ours[3:6] == gold_rest[:3]


def score_petr2(coder: Coder, limit: int | None = None) -> Scores | None:
    items = load_petr2(limit)
    if not items:
        return None
    results = code_sentences(coder, [(r["id"], r["text"], r["date"]) for r in items])
    gold_n = code_hit = root_hit = triple_hit = 0
    ours_n = ours_ok = false_on_none = none_n = 0
    for item, result in zip(items, results, strict=True):
        events = [e for e in result.events if e.factuality != "negated"]
        gold = item["codings"]
        for coding in gold:
            gold_n += 1
            code = coding["eventcode"]
            if any(e.cameo == code for e in events):
                code_hit += 1
            if any(e.cameo_root == code[:2] for e in events):
                root_hit += 1
            if any(
                e.cameo == code
                and _code_match(coding.get("sourcecode", ""), e.source.code if e.source else None)
                and _code_match(coding.get("targetcode", ""), e.target.code if e.target else None)
                for e in events
            ):
                triple_hit += 1
        if item["noevents"] and not gold:
            none_n += 1
            false_on_none += bool(events)
        elif gold:
            for event in events:
                ours_n += 1
                ours_ok += any(event.cameo_root == c["eventcode"][:2] for c in gold)
    return Scores(
        "petr2_gigaword_gsr",
        {
            "event_code_recall": code_hit / max(gold_n, 1),
            "root_code_recall": root_hit / max(gold_n, 1),
            "code_and_actors_recall": triple_hit / max(gold_n, 1),
            "root_precision": ours_ok / max(ours_n, 1),
            "noevent_false_rate": false_on_none / max(none_n, 1),
        },
        {
            "sentences": len(items),
            "gold_codings": gold_n,
            "our_events": ours_n,
            "noevent_sentences": none_n,
        },
    )


def run_all(coder: Coder, limit: int | None = None) -> list[Scores]:
    found = [score_plover(coder, limit), score_conflibert(coder, limit), score_petr2(coder, limit)]
    return [s for s in found if s is not None]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N items of each set")
    parser.add_argument("--json", type=Path, default=None, help="also write the scores here")
    args = parser.parse_args()
    started = time.perf_counter()
    coder = Coder()
    scores = run_all(coder, args.limit)
    if not scores:
        print("no evaluation data found (set EVENTCODER_SHARED or place ../shared)")
        return
    print_scores(scores)
    print(f"elapsed {time.perf_counter() - started:.1f} s")
    if args.json:
        write_scores_json(args.json, scores)


if __name__ == "__main__":
    main()
