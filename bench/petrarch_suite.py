"""PETRARCH2's own validation suite, coded by eventcoder with PETRARCH's dictionaries.

    python bench/petrarch_suite.py [--details] [--only ID ...]

Runs ``../shared/eval/petrarch2_unittest/PETR.UnitTest.records.xml`` (284 records) with its
``PETR.Validate.*`` dictionaries only (``Coder(dictionaries=..., dictionaries_only=True)``),
from each record's text alone: our own parse, not the hand-made parse trees in the file. The
file's ``<Config>`` switches that have a meaning here are applied in file order
(``require_dyad``, ``new_actor_length``); the ``comma_*`` clause-deletion switches and
``stop_on_error`` have none and are ignored. Scores: exact (source, target, event code)
triples, with ``---`` for a missing actor; recall, precision, and the share of records whose
set of triples equals the expected set (``noevents`` and ``error`` records expect none).
The second record of a repeated id is keyed ``<id>@2``; categories are upper-cased and folded
to the eleven of the suite (AGENTS -> AGENT, COMPOUNDx -> COMPOUND).
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventcoder import Coder
from eventcoder.petrarch import PetrarchOptions
from eventcoder.records import Article
from shared_data import eval_dir

SUITE = "petrarch2_unittest"
RECORDS = "PETR.UnitTest.records.xml"
CATEGORIES = (
    "DEMO",
    "SYNSET",
    "COMPOUND",
    "PATTERN",
    "AGENT",
    "VERB",
    "DATE",
    "MODIFY",
    "ACTOR",
    "PARSING",
    "ERROR",
)
# PETRARCH2 itself on this suite, with its hand-made parses (measured by the project).
PETRARCH2 = {"recall": 0.331, "precision": 0.543, "exact": 91, "records": 284}
NULL = "---"

Triple = tuple[str, str, str]

_ITEM = re.compile(
    r"<Config\s+option\s*=\s*\"(?P<option>[^\"]*)\"\s+value\s*=\s*\"(?P<value>[^\"]*)\"[^>]*>"
    r"|<Sentence\s(?P<attrs>[^>]*)>(?P<body>.*?)</Sentence>",
    re.S,
)
_ATTR = re.compile(r"(\w+)\s*=\s*\"([^\"]*)\"")
_CODING = re.compile(r"<EventCoding\s([^>]*)>")
_CODE_ATTR = re.compile(r"(\w+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    category: str
    date: str | None
    text: str
    expected: frozenset[Triple]
    options: PetrarchOptions
    sentence: bool  # the file's own flag: False marks features PETRARCH2 does not implement


@dataclass(slots=True)
class Tally:
    expected: int = 0
    predicted: int = 0
    correct: int = 0
    records: int = 0
    exact: int = 0

    def add(self, expected: frozenset[Triple], predicted: frozenset[Triple]) -> None:
        self.expected += len(expected)
        self.predicted += len(predicted)
        self.correct += len(expected & predicted)
        self.records += 1
        self.exact += expected == predicted

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0


@dataclass(slots=True)
class SuiteScores:
    overall: Tally = field(default_factory=Tally)
    categories: dict[str, Tally] = field(default_factory=dict)
    outputs: dict[str, frozenset[Triple]] = field(default_factory=dict)


def category_of(raw: str) -> str:
    upper = raw.strip().upper()
    for name in sorted(CATEGORIES, key=len, reverse=True):
        if upper.startswith(name):
            return name
    return upper


def _options(state: dict[str, str]) -> PetrarchOptions:
    dyad = state.get("require_dyad", "true").strip().lower() != "false"
    try:
        length = int(state.get("new_actor_length", "0"))
    except ValueError:
        length = 0
    return PetrarchOptions(require_dyad=dyad, new_actor_length=max(0, length))


def load_records(path: Path) -> list[Record]:
    """The records of the suite, with the ``<Config>`` switches in force for each."""
    source = path.read_text(encoding="utf-8")
    start = source.find("<Sentences>")
    body = source[start:] if start >= 0 else source
    state: dict[str, str] = {}
    seen: dict[str, int] = {}
    records: list[Record] = []
    for match in _ITEM.finditer(body):
        if match.group("option") is not None:
            state[match.group("option").strip()] = match.group("value")
            continue
        attrs = dict(_ATTR.findall(match.group("attrs")))
        raw_id = attrs.get("id", f"record-{len(records)}").strip()
        seen[raw_id] = seen.get(raw_id, 0) + 1
        record_id = raw_id if seen[raw_id] == 1 else f"{raw_id}@{seen[raw_id]}"
        content = match.group("body")
        text_match = re.search(r"<Text>(.*?)</Text>", content, re.S)
        text = html.unescape(" ".join((text_match.group(1) if text_match else "").split()))
        expected: set[Triple] = set()
        for coding in _CODING.findall(content):
            values = {k: (a if a else b) for k, a, b in _CODE_ATTR.findall(coding)}
            if "eventcode" in values:
                expected.add(
                    (
                        values.get("sourcecode") or NULL,
                        values.get("targetcode") or NULL,
                        values["eventcode"],
                    )
                )
        raw_date = attrs.get("date", "").strip()
        date = f"{raw_date[:4]}-{raw_date[4:6]}-{raw_date[6:8]}" if len(raw_date) == 8 else None
        records.append(
            Record(
                record_id,
                category_of(attrs.get("category", "")),
                date,
                text,
                frozenset(expected),
                _options(state),
                attrs.get("sentence", "true").strip().lower() == "true",
            )
        )
    return records


def suite_folder() -> Path | None:
    return eval_dir(SUITE)


def make_coder(folder: Path, nlp: Language | None = None) -> Coder:
    """The suite's dictionaries alone; ``nlp``: an already loaded spaCy pipeline to share."""
    return Coder(nlp=nlp, dictionaries=folder, dictionaries_only=True)


def code_record(coder: Coder, record: Record) -> frozenset[Triple]:
    layer = coder.petrarch
    if layer is None:
        raise ValueError("the coder has no PETRARCH dictionaries")
    layer = layer.with_options(record.options)
    article = Article(record.id, record.text, record.date)
    doc = coder.nlp(record.text)
    actors = layer.actor_coder.code(doc, article.date)
    events = layer.event_coder.code(doc, actors, article.id, article.date)
    return frozenset(
        (
            e.source.code if e.source and e.source.code else NULL,
            e.target.code if e.target and e.target.code else NULL,
            e.cameo,
        )
        for e in events
    )


def score(coder: Coder, records: list[Record]) -> SuiteScores:
    scores = SuiteScores()
    for record in records:
        predicted = code_record(coder, record)
        scores.outputs[record.id] = predicted
        scores.overall.add(record.expected, predicted)
        scores.categories.setdefault(record.category, Tally()).add(record.expected, predicted)
    return scores


def _row(name: str, tally: Tally) -> str:
    return (
        f"{name:<10} {tally.records:>7} {tally.expected:>8} {tally.predicted:>9} "
        f"{tally.recall:>7.1%} {tally.precision:>9.1%} {tally.exact:>4}/{tally.records:<4}"
        f" {tally.exact / tally.records if tally.records else 0:>6.1%}"
    )


def report(scores: SuiteScores) -> str:
    lines = [
        f"{'category':<10} {'records':>7} {'expected':>8} {'predicted':>9} "
        f"{'recall':>7} {'precision':>9} {'exact':>9} {'share':>6}",
    ]
    for name in CATEGORIES:
        if name in scores.categories:
            lines.append(_row(name, scores.categories[name]))
    for name, tally in sorted(scores.categories.items()):
        if name not in CATEGORIES:
            lines.append(_row(name, tally))
    lines.append(_row("overall", scores.overall))
    ref = PETRARCH2
    lines.append(
        f"{'PETRARCH2':<10} {ref['records']:>7} {'':>8} {'':>9} {ref['recall']:>7.1%} "
        f"{ref['precision']:>9.1%} {ref['exact']:>4}/{ref['records']:<4}"
        f" {ref['exact'] / ref['records']:>6.1%}   (its own hand-made parses)"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="PETRARCH2 unit-test suite")
    parser.add_argument("--details", action="store_true", help="print every wrong record")
    parser.add_argument("--only", nargs="*", help="record ids to run")
    args = parser.parse_args()
    folder = suite_folder()
    if folder is None:
        print(f"../shared/eval/{SUITE} is not on this machine")
        return
    records = load_records(folder / RECORDS)
    if args.only:
        records = [r for r in records if r.id in set(args.only)]
    coder = make_coder(folder)
    scores = score(coder, records)
    if args.details or args.only:
        for record in records:
            got = scores.outputs[record.id]
            if got != record.expected or args.only:
                print(f"{record.id} [{record.category}] {record.text}")
                print(f"   expected {sorted(record.expected)}")
                print(f"   got      {sorted(got)}")
    print(report(scores))


if __name__ == "__main__":
    main()
