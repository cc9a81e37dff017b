"""The team's real-news test set: article texts from ../shared/eval, annotations from here.

    python bench/realnews.py list                      # the annotated articles and their counts
    python bench/realnews.py show ARTICLE_ID           # the text with character offsets per line
    python bench/realnews.py find ARTICLE_ID "phrase"  # every offset of a phrase in the text
    python bench/realnews.py validate [ARTICLE_ID ...] # check every annotation file

The texts stay in ``../shared/eval`` (PolNeAR, IndiaPoliceEvents, GeoWebNews, TR-News); this
folder holds only our annotations, keyed by article id and character offsets into the text as
``load_text`` returns it. The guideline is docs/annotation.md; the scorer bench/eval_articles.py.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shared_data import eval_dir

HERE = Path(__file__).resolve().parent / "realnews"
ARTICLES = HERE / "articles.tsv"
EVENTS = HERE / "events"

CORPORA = ("polnear_train", "polnear_dev", "ipe", "gwn", "trnews")
ARTICLE_COLUMNS = ("article_id", "corpus", "key", "date", "split", "annotator", "note")
EVENT_COLUMNS = (
    "id",
    "cameo",
    "trigger",
    "trigger_start",
    "trigger_end",
    "source_code",
    "source_text",
    "source_start",
    "source_end",
    "target_code",
    "target_text",
    "target_start",
    "target_end",
    "factuality",
    "date",
    "location_text",
    "location_start",
    "location_end",
    "location_country",
    "dead",
    "injured",
    "size",
    "same_as",
    "note",
)
FACTUALITY = ("asserted", "negated", "hypothetical")
SPLITS = ("dev", "test")
CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
CAMEO = re.compile(r"^\d{3,4}$")
DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
SIZE_WORDS = ("dozens", "hundreds", "thousands", "tens of thousands", "hundreds of thousands")


@dataclass(frozen=True, slots=True)
class ArticleRef:
    article_id: str
    corpus: str
    key: str
    date: str | None
    split: str
    annotator: str
    note: str


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class GoldActor:
    code: str | None  # None: the text names no actor (agentless passive, unknown doer)
    span: Span | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    article_id: str
    id: str
    cameo: str
    trigger: Span
    source: GoldActor
    target: GoldActor
    factuality: str
    date: str | None
    location: Span | None
    location_country: str | None
    dead: int | None
    injured: int | None
    size: str | None
    same_as: str | None
    note: str

    @property
    def root(self) -> str:
        return self.cameo[:2]


# -- texts ------------------------------------------------------------------------------------
@cache
def _gwn() -> dict[str, str]:
    folder = eval_dir("geo_GeoWebNews")
    if folder is None:
        return {}
    root = ET.parse(folder / "GWN.xml").getroot()
    return {n.get("file", ""): n.findtext("text") or "" for n in root.iter("article")}


@cache
def _trnews() -> dict[str, str]:
    folder = eval_dir("geo_TR-News")
    if folder is None:
        return {}
    root = ET.parse(folder / "TR-News.xml").getroot()
    return {n.get("docid", ""): n.findtext("text") or "" for n in root.iter("article")}


@cache
def _ipe() -> dict[str, str]:
    folder = eval_dir("event_IndiaPoliceEvents")
    if folder is None:
        return {}
    texts: dict[str, str] = {}
    with (folder / "docs.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            texts[str(row["doc_id"])] = row["doc_text"]
    return texts


def load_text(corpus: str, key: str) -> str | None:
    """The article text exactly as the offsets count it, or None when ../shared is absent."""
    if corpus in ("polnear_train", "polnear_dev"):
        folder = eval_dir("quotes_PolNeAR")
        if folder is None:
            return None
        path = folder / corpus.split("_")[1] / "text" / f"{key}.txt"
        return path.read_text(encoding="utf-8") if path.exists() else None
    table = {"ipe": _ipe, "gwn": _gwn, "trnews": _trnews}[corpus]()
    return table.get(key)


# -- annotations ------------------------------------------------------------------------------
def _rows(path: Path) -> list[tuple[int, list[str]]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append((number, line.split("\t")))
    return rows


def load_articles() -> list[ArticleRef]:
    refs = []
    for _, cells in _rows(ARTICLES):
        if cells[0] == "article_id":
            continue
        cells = cells + [""] * (len(ARTICLE_COLUMNS) - len(cells))
        refs.append(
            ArticleRef(cells[0], cells[1], cells[2], _dash(cells[3]), cells[4], cells[5], cells[6])
        )
    return refs


def _dash(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", "-") else value


def _int(value: str) -> int | None:
    value = value.strip()
    return None if value in ("", "-") else int(value)


def _span(text: str, start: str, end: str) -> Span | None:
    if _dash(text) is None:
        return None
    return Span(text, int(start), int(end))


def load_events(article_id: str) -> list[GoldEvent]:
    path = EVENTS / f"{article_id}.tsv"
    if not path.exists():
        return []
    events = []
    for _, cells in _rows(path):
        if cells[0] == "id":
            continue
        row = dict(
            zip(EVENT_COLUMNS, cells + [""] * (len(EVENT_COLUMNS) - len(cells)), strict=True)
        )
        events.append(
            GoldEvent(
                article_id=article_id,
                id=row["id"],
                cameo=row["cameo"],
                trigger=Span(row["trigger"], int(row["trigger_start"]), int(row["trigger_end"])),
                source=GoldActor(
                    _dash(row["source_code"]),
                    _span(row["source_text"], row["source_start"], row["source_end"]),
                ),
                target=GoldActor(
                    _dash(row["target_code"]),
                    _span(row["target_text"], row["target_start"], row["target_end"]),
                ),
                factuality=row["factuality"],
                date=_dash(row["date"]),
                location=_span(row["location_text"], row["location_start"], row["location_end"]),
                location_country=_dash(row["location_country"]),
                dead=_int(row["dead"]),
                injured=_int(row["injured"]),
                size=_dash(row["size"]),
                same_as=_dash(row["same_as"]),
                note=row["note"],
            )
        )
    return events


# -- validation -------------------------------------------------------------------------------
def validate(ref: ArticleRef, cameo_codes: set[str]) -> list[str]:
    """Every problem with one article's annotation file, as 'file:line: problem'."""
    problems: list[str] = []
    where = f"events/{ref.article_id}.tsv"
    if ref.corpus not in CORPORA:
        problems.append(f"articles.tsv: {ref.article_id}: unknown corpus {ref.corpus!r}")
        return problems
    if ref.split not in SPLITS:
        problems.append(f"articles.tsv: {ref.article_id}: split must be dev or test")
    text = load_text(ref.corpus, ref.key)
    if text is None:
        problems.append(f"articles.tsv: {ref.article_id}: text not found ({ref.corpus} {ref.key})")
        return problems
    path = EVENTS / f"{ref.article_id}.tsv"
    if not path.exists():
        return [f"{where}: missing"]
    ids: set[str] = set()
    for number, cells in _rows(path):
        if cells[0] == "id":
            if tuple(cells) != EVENT_COLUMNS:
                problems.append(
                    f"{where}:{number}: header must be the {len(EVENT_COLUMNS)} columns"
                )
            continue
        at = f"{where}:{number}"
        if len(cells) != len(EVENT_COLUMNS):
            problems.append(f"{at}: {len(cells)} columns, want {len(EVENT_COLUMNS)}")
            continue
        row = dict(zip(EVENT_COLUMNS, cells, strict=True))
        if row["id"] in ids:
            problems.append(f"{at}: duplicate id {row['id']}")
        ids.add(row["id"])
        if not CAMEO.match(row["cameo"]) or row["cameo"] not in cameo_codes:
            problems.append(f"{at}: unknown CAMEO code {row['cameo']!r}")
        if row["factuality"] not in FACTUALITY:
            problems.append(f"{at}: factuality must be one of {FACTUALITY}")
        for side in ("source", "target"):
            code = _dash(row[f"{side}_code"])
            if code is not None and not CODE.match(code):
                problems.append(f"{at}: {side}_code {code!r} is not a CAMEO actor code")
            span_text = _dash(row[f"{side}_text"])
            if span_text is None:
                if code is not None:
                    problems.append(f"{at}: {side} has a code but no span")
                continue
            problems.extend(_check_span(at, side, text, row, span_text))
        problems.extend(_check_span(at, "trigger", text, row, row["trigger"]))
        if _dash(row["location_text"]) is not None:
            problems.extend(_check_span(at, "location", text, row, row["location_text"]))
        date = _dash(row["date"])
        if date is not None and not DATE.match(date):
            problems.append(f"{at}: date {date!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
        for key in ("dead", "injured"):
            try:
                _int(row[key])
            except ValueError:
                problems.append(f"{at}: {key} must be an integer or -")
        size = _dash(row["size"])
        if size is not None and not size.isdigit() and size not in SIZE_WORDS:
            problems.append(f"{at}: size must be an integer or one of {SIZE_WORDS}")
        same_as = _dash(row["same_as"])
        if same_as is not None and same_as not in ids:
            problems.append(f"{at}: same_as {same_as!r} is not an earlier id")
    return problems


def _check_span(at: str, name: str, text: str, row: dict[str, str], span_text: str) -> list[str]:
    try:
        start, end = int(row[f"{name}_start"]), int(row[f"{name}_end"])
    except ValueError:
        return [f"{at}: {name} offsets must be integers"]
    if text[start:end] != span_text:
        return [f"{at}: {name} text {span_text!r} != text[{start}:{end}] {text[start:end]!r}"]
    return []


def cameo_codes() -> set[str]:
    from eventcoder.ontology import Ontology

    return set(Ontology.load().codes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list")
    show = sub.add_parser("show")
    show.add_argument("article_id")
    find = sub.add_parser("find")
    find.add_argument("article_id")
    find.add_argument("phrase")
    check = sub.add_parser("validate")
    check.add_argument("article_ids", nargs="*")
    args = parser.parse_args()
    refs = {r.article_id: r for r in load_articles()}
    if args.command == "list":
        for ref in refs.values():
            print(f"{ref.article_id}\t{ref.split}\t{len(load_events(ref.article_id))} events")
        return
    if args.command in ("show", "find"):
        ref = refs[args.article_id]
        text = load_text(ref.corpus, ref.key) or ""
        if args.command == "show":
            offset = 0
            for line in text.splitlines(keepends=True):
                print(f"[{offset}] {line}", end="" if line.endswith("\n") else "\n")
                offset += len(line)
        else:
            for match in re.finditer(re.escape(args.phrase), text):
                context = text[max(0, match.start() - 40) : match.end() + 40].replace("\n", " ")
                print(f"{match.start()}\t{match.end()}\t...{context}...")
        return
    codes = cameo_codes()
    chosen = args.article_ids or list(refs)
    problems = [p for a in chosen for p in validate(refs[a], codes)]
    for problem in problems:
        print(problem)
    total = sum(len(load_events(a)) for a in chosen)
    print(f"{len(chosen)} articles, {total} events, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
