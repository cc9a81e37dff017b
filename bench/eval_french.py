"""The French figures of issue 16: fixture, paired agreement, French TimeBank dates, speed.

    python bench/eval_french.py [--errors N] [--passes N] [--json FILE]

* fixture (``tests/fixtures/sample_expected_fr.tsv``, 30 French samples): recall = share of
  expected events whose exact CAMEO code is among the events of the evidence's sentence (and
  by root; "exact" = code, source and target right); precision = share of our events, in the
  sentences that hold an expectation, whose code (root) an expectation of that sentence has;
  factuality right among the code matches.
* paired agreement (``tests/fixtures/parallel_pairs.tsv``, 15 stories written in French and
  English): a row (root, source, target) is found in a version when one of its events has that
  root and actors whose codes start with the expected ones; agreement = share of rows found in
  both versions (target >= 0.85).
* French TimeBank (``../shared/eval/time_FR-TimeBank``, 108 documents): for every DATE timex
  with a full value (YYYY-MM-DD), the gold EVENT nearest to it in its sentence is dated by the
  time stage's event-date choice (``TimeCoder.date_token``) and must carry that date; overall
  and for the relative expressions (weekday, hier/aujourd'hui/demain, la veille/le lendemain,
  dernier/prochain/passé/cette + unit), which need the document's date.
* speed: the 30 French samples coded end to end (articles/s) against the bare fr_core_news_md
  parse of the same texts (``nlp.pipe``); ratio = bare time / coding time (target >= 0.80).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import spacy

from eval_dates import Tagged, strip_tags
from eventcoder import Coder
from eventcoder.nlp import FRENCH_MODEL, french_parse_text
from eventcoder.records import Article, Event, Result
from eventcoder.time import parse_dct
from shared_data import REPO, eval_dir

SAMPLES_FR = REPO / "samples" / "articles_fr.jsonl"
SAMPLES_EN = REPO / "samples" / "articles_parallel_en.jsonl"
EXPECTED_FR = REPO / "tests" / "fixtures" / "sample_expected_fr.tsv"
PAIRS = REPO / "tests" / "fixtures" / "parallel_pairs.tsv"

WEEKDAYS_FR = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
RELATIVE_FR = re.compile(
    rf"\b(?:{WEEKDAYS_FR}|hier|aujourd'hui|aujourd’hui|demain|avant-hier|après-demain|veille"
    r"|lendemain|ce matin|ce soir|cette nuit)\b"
    r"|\b(?:semaine|mois|année|an|week-end|trimestre)\s+(?:dernier|dernière|prochain|prochaine"
    r"|passé|passée)\b|\b(?:cette|ce|cet)\s+(?:semaine|mois|année|an|week-end)\b",
    re.I,
)
FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def load_articles(path: Path) -> list[Article]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            obj = json.loads(line)
            found.append(Article(obj["id"], obj["text"], obj.get("date"), obj.get("title")))
    return found


@dataclass(frozen=True)
class Expected:
    article_id: str
    evidence: str
    source: str
    target: str
    cameo: str
    factuality: str
    comment: str


def load_expected(path: Path = EXPECTED_FR) -> list[Expected]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        data, _, comment = line.partition("\t#")
        data = data.rstrip()
        if not data or data.startswith("#"):
            continue
        fields = data.split("\t")
        rows.append(Expected(*fields[:6], comment.strip()))
    return rows


def _code(actor: object) -> str:
    code = getattr(actor, "code", None)
    return code if code else "-"


def same_actor(ours: str, expected: str) -> bool:
    if expected == "-":
        return ours == "-"
    return ours.startswith(expected)


def sentence_index(result: Result, evidence: str) -> int | None:
    where = result.article.text.find(evidence)
    if where < 0:
        return None
    for index, (start, end) in enumerate(result.sentences):
        if start <= where < end:
            return index
    return None


def score_fixture(results: dict[str, Result], expected: list[Expected]) -> dict[str, Any]:
    code_hits = root_hits = exact = fact_ok = 0
    misses: list[str] = []
    by_sentence: dict[tuple[str, int], list[Expected]] = {}
    for exp in expected:
        result = results[exp.article_id]
        index = sentence_index(result, exp.evidence)
        if index is None:
            raise AssertionError(f"{exp.article_id}: evidence not in text: {exp.evidence!r}")
        by_sentence.setdefault((exp.article_id, index), []).append(exp)
        events = [e for e in result.events if e.sentence == index]
        same_code = [e for e in events if e.cameo == exp.cameo]
        code_hits += bool(same_code)
        root_hits += any(e.cameo_root == exp.cameo[:2] for e in events)
        if any(
            same_actor(_code(e.source), exp.source) and same_actor(_code(e.target), exp.target)
            for e in same_code
        ):
            exact += 1
        elif same_code:
            got = "; ".join(f"{_code(e.source)} {e.cameo} {_code(e.target)}" for e in same_code)
            misses.append(
                f"actors {exp.article_id}: want {exp.source} {exp.cameo} {exp.target}; "
                f"got [{got}] | {exp.evidence[:70]}"
            )
        fact_ok += any(e.factuality == exp.factuality for e in same_code)
        if not same_code:
            got = ", ".join(f"{_code(e.source)} {e.cameo} {_code(e.target)}" for e in events)
            misses.append(
                f"code {exp.article_id}: want {exp.source} {exp.cameo} {exp.target} "
                f"({exp.factuality}); got [{got}] | {exp.evidence[:70]}"
            )
    ours = ok_code = ok_root = 0
    for (article_id, index), wanted in by_sentence.items():
        for event in results[article_id].events:
            if event.sentence != index:
                continue
            ours += 1
            ok_code += any(event.cameo == w.cameo for w in wanted)
            ok_root += any(event.cameo_root == w.cameo[:2] for w in wanted)
    n = len(expected)
    return {
        "expected": n,
        "recall_code": code_hits / n,
        "recall_root": root_hits / n,
        "recall_exact": exact / n,
        "precision_code": ok_code / max(ours, 1),
        "precision_root": ok_root / max(ours, 1),
        "factuality": fact_ok / max(code_hits, 1),
        "events_in_expected_sentences": ours,
        "misses": misses,
    }


def load_pairs(path: Path = PAIRS) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        data = line.partition("\t#")[0].rstrip()
        if not data or data.startswith("#") or data.startswith("fr_id"):
            continue
        fr_id, en_id, root, source, target = data.split("\t")[:5]
        rows.append((fr_id, en_id, root, source, target))
    return rows


def gives(events: tuple[Event, ...], root: str, source: str, target: str) -> bool:
    return any(
        e.cameo_root == root
        and same_actor(_code(e.source), source)
        and same_actor(_code(e.target), target)
        for e in events
    )


def score_pairs(fr: dict[str, Result], en: dict[str, Result]) -> dict[str, Any]:
    rows = load_pairs()
    both = in_fr = in_en = 0
    misses: list[str] = []
    for fr_id, en_id, root, source, target in rows:
        f = gives(fr[fr_id].events, root, source, target)
        e = gives(en[en_id].events, root, source, target)
        both += f and e
        in_fr += f
        in_en += e
        if not (f and e):
            misses.append(f"{fr_id} {root} {source} {target}: fr {f} en {e}")
    n = len(rows)
    return {
        "pairs": n,
        "agreement": both / n,
        "found_fr": in_fr / n,
        "found_en": in_en / n,
        "misses": misses,
    }


# -- French TimeBank ---------------------------------------------------------------------
@dataclass(frozen=True)
class TimebankFr:
    name: str
    dct: str
    text: str
    timexes: list[Tagged]
    events: list[Tagged]


def load_timebank_fr(limit: int | None = None) -> list[TimebankFr]:
    folder = eval_dir("time_FR-TimeBank")
    if folder is None:
        return []
    docs = []
    for path in sorted((folder / "Data").glob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        dct_match = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"([^\"]+)\"", raw)
        body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
        if dct_match is None or body is None:
            continue
        text, tagged = strip_tags(body.group(1))
        timexes = [
            t
            for t in tagged
            if t.tag == "TIMEX3"
            and t.attrs.get("type") == "DATE"
            and t.attrs.get("functionInDocument") != "CREATION_TIME"
            and FULL_DATE.match(t.attrs.get("value", ""))
        ]
        events = [t for t in tagged if t.tag == "EVENT"]
        docs.append(TimebankFr(path.stem, dct_match.group(1)[:10], text, timexes, events))
    return docs[:limit] if limit else docs


def score_timebank_fr(coder: Coder, max_errors: int = 0) -> dict[str, Any] | None:
    docs = load_timebank_fr()
    if not docs:
        return None
    pipeline = coder.pipeline("fr")
    time_coder = pipeline.stages[-1]
    total = ok = rel_n = rel_ok = 0
    errors: list[str] = []
    texts = [french_parse_text(d.text) for d in docs]
    for data, doc in zip(docs, pipeline.nlp.pipe(texts, batch_size=16), strict=True):
        article = time_coder.article_time(doc, data.dct)  # type: ignore[attr-defined]
        spans, _ = time_coder.sentences(doc)  # type: ignore[attr-defined]
        dct = parse_dct(data.dct)
        for timex in data.timexes:
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            sent = span[0].sent
            candidates = [
                e
                for e in data.events
                if sent.start_char <= e.start < sent.end_char
                and not (timex.start <= e.start < timex.end)
            ]
            if not candidates:
                continue
            nearest = min(
                candidates,
                key=lambda e: min(abs(e.start - timex.end), abs(timex.start - e.end)),
            )
            event_span = doc.char_span(nearest.start, nearest.end, alignment_mode="expand")
            if event_span is None:
                continue
            trigger = event_span.root
            index = next(i for i, (s, e) in enumerate(spans) if s <= trigger.i < e)
            expressions = time_coder.sentence_expressions(doc, dct, index)[index]  # type: ignore[attr-defined]
            ours = time_coder.date_token(trigger, expressions, article).date or ""  # type: ignore[attr-defined]
            gold = timex.attrs["value"]
            hit = ours == gold
            total += 1
            ok += hit
            relative = bool(RELATIVE_FR.search(timex.text))
            rel_n += relative
            rel_ok += relative and hit
            if not hit and len(errors) < max_errors:
                errors.append(
                    f"{'[relative] ' if relative else ''}{data.name} dct={data.dct} "
                    f"{timex.text!r} -> event {nearest.text!r}: gold {gold} ours {ours or '-'}"
                )
    return {
        "documents": len(docs),
        "dated_timexes": total,
        "accuracy": ok / max(total, 1),
        "relative": rel_n,
        "relative_accuracy": rel_ok / max(rel_n, 1),
        "errors": errors,
    }


# -- speed -------------------------------------------------------------------------------
def score_speed(coder: Coder, articles: list[Article], passes: int = 3) -> dict[str, Any]:
    bare = spacy.load(FRENCH_MODEL)
    texts = [french_parse_text(a.text) for a in articles]
    list(bare.pipe(texts[:2]))
    list(coder.code_many(articles[:2]))
    bare_times, code_times = [], []
    for _ in range(passes):
        start = time.perf_counter()
        list(bare.pipe(texts, batch_size=64))
        bare_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        list(coder.code_many(articles))
        code_times.append(time.perf_counter() - start)
    bare_s, code_s = min(bare_times), min(code_times)
    words = sum(len(a.text.split()) for a in articles)
    return {
        "articles": len(articles),
        "words": words,
        "articles_per_s": len(articles) / code_s,
        "bare_articles_per_s": len(articles) / bare_s,
        "ratio_to_bare_parse": bare_s / code_s,
    }


def memory_of_french_model() -> dict[str, float]:
    """RSS growth (MB) when the French pipeline is loaded into a process with the English one."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    coder = Coder()
    english = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    coder.pipeline("fr")
    french = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"english_coder_mb": english - before, "french_pipeline_mb": french - english}


def error_kinds(misses: list[str]) -> Counter[str]:
    return Counter(m.split(" ", 1)[0] for m in misses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", type=int, default=0, help="print this many misses per set")
    parser.add_argument("--passes", type=int, default=3, help="timing passes (best is kept)")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    memory = memory_of_french_model() if not args.no_speed else {}
    coder = Coder()
    fr_articles = load_articles(SAMPLES_FR)
    en_articles = load_articles(SAMPLES_EN)
    fr = {r.article.id: r for r in coder.code_many(fr_articles)}
    en = {r.article.id: r for r in coder.code_many(en_articles)}
    fixture = score_fixture(fr, load_expected())
    pairs = score_pairs(fr, en)
    timebank = score_timebank_fr(coder, args.errors)
    speed = score_speed(coder, fr_articles, args.passes) if not args.no_speed else {}
    out: dict[str, Any] = {
        "fixture": {k: v for k, v in fixture.items() if k != "misses"},
        "pairs": {k: v for k, v in pairs.items() if k != "misses"},
        "timebank_fr": {k: v for k, v in (timebank or {}).items() if k != "errors"},
        "speed": speed,
        "memory": memory,
    }
    print(json.dumps(out, indent=2))
    if args.errors:
        print("\n# fixture misses")
        for line in fixture["misses"][: args.errors]:
            print(line)
        print("\n# pair misses")
        for line in pairs["misses"][: args.errors]:
            print(line)
        if timebank:
            print("\n# TimeBank misses")
            for line in timebank["errors"]:
                print(line)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
