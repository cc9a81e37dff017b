"""Score the time stage on the labelled sets in ../shared/eval and print one table.

    python bench/eval_dates.py [--limit N] [--json FILE] [--errors N]

Sets and metrics:

* time_TBAQ_TimeBank_AQUAINT/TimeBank (183 documents, TimeML): for every TIMEX3 of type DATE
  (the creation time excluded), our normaliser reads the annotated text in its parsed sentence
  (so the tense of the governing clause is known) and resolves it against the document's
  creation time (DCT); the value must equal the gold ``value`` exactly (``1998-08-07``,
  ``1998-08``, ``1998``, ``1998-W17``, ``1998-Q3``, ``199``, ``PRESENT_REF``...).
  ``value_accuracy`` is over all DATE timexes; ``relative_accuracy`` over the weekday-style
  relative ones (a weekday name, yesterday/today/tonight/tomorrow, or last/next/this/coming/
  previous + day/week/weekend/month/quarter/year), selected on the gold text alone;
  ``calendar_accuracy`` over those naming a month or a four-digit year. ``detection_recall``:
  share of DATE timexes that our finder, run on the whole sentence, overlaps.
* time_SemEval2015_T4_TimeLine_wikinews/corpus_1 (30 Wikinews articles): every gold timeline
  entry ``docid-sentid-token`` with a date (not ``XXXX-XX-XX``) is located in its document
  (the TimeML event of that text in that sentence) and dated by the coder's own event-date
  choice (TimeCoder.date_token: the token's clause, its sentence, the dateline, the
  publication date). ``day_accuracy``: entries with a full gold date where our date is the
  same day; ``month_accuracy``: entries with a gold month where ours has the same month;
  ``year_accuracy``: all dated entries, same year. The ``publication_*`` rows score the
  publication date alone, for reference.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventcoder import Coder
from eventcoder.time import find_expressions, parse_dct
from eventcoder.time.find import Expression, last_reference
from shared_data import Scores, eval_dir, print_scores, write_scores_json

WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
RELATIVE = re.compile(
    rf"\b(?:{WEEKDAYS}|yesterday|today|tonight|tomorrow)\b"
    r"|\b(?:last|next|this|coming|previous)\s+(?:day|week|weekend|month|quarter|year)\b",
    re.I,
)
CALENDAR = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b\.?|\b1\d{3}\b|\b20\d{2}\b",
    re.I,
)
_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Tagged:
    tag: str
    attrs: dict[str, str]
    start: int
    end: int
    text: str


def strip_tags(markup: str) -> tuple[str, list[Tagged]]:
    """Plain text and the elements it held, with character offsets in the plain text."""
    out: list[str] = []
    length = 0
    open_tags: list[tuple[str, dict[str, str], int]] = []
    tagged: list[Tagged] = []
    position = 0
    for match in _TAG.finditer(markup):
        chunk = html.unescape(markup[position : match.start()])
        out.append(chunk)
        length += len(chunk)
        position = match.end()
        closing, tag = match.group(1) == "/", match.group(2)
        attrs = dict(_ATTR.findall(match.group(3)))
        if match.group(3).rstrip().endswith("/"):
            continue
        if not closing:
            open_tags.append((tag, attrs, length))
        else:
            for k in range(len(open_tags) - 1, -1, -1):
                if open_tags[k][0] == tag:
                    _, attrs, start = open_tags.pop(k)
                    text = "".join(out)[start:length]
                    tagged.append(Tagged(tag, attrs, start, length, text))
                    break
    tail = html.unescape(markup[position:])
    out.append(tail)
    return "".join(out), tagged


# -- TimeBank -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class TimebankDoc:
    name: str
    dct: str
    text: str
    timexes: list[Tagged]


def load_timebank(limit: int | None = None) -> list[TimebankDoc]:
    folder = eval_dir("time_TBAQ_TimeBank_AQUAINT")
    if folder is None:
        return []
    docs: list[TimebankDoc] = []
    for path in sorted((folder / "TimeBank").glob("*.tml")):
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
        ]
        docs.append(TimebankDoc(path.stem, dct_match.group(1), text, timexes))
    return docs[:limit] if limit else docs


def _longest(expressions: list[Expression]) -> Expression | None:
    if not expressions:
        return None
    return max(expressions, key=lambda e: (e.end - e.start, -e.start))


def score_timebank(coder: Coder, limit: int | None = None, max_errors: int = 0) -> Scores | None:
    docs = load_timebank(limit)
    if not docs:
        return None
    words = coder.time_coder.words
    total = ok = rel_n = rel_ok = cal_n = cal_ok = detected = 0
    errors: list[str] = []
    texts = [d.text for d in docs]
    for doc_data, doc in zip(docs, coder.nlp.pipe(texts, batch_size=16), strict=True):
        dct = parse_dct(doc_data.dct)
        # Our own reading of the whole document: what the finder detects, and the story's
        # date before each point (for "the next day", "a year earlier").
        ours = [e for sent in coder.time_coder.sentence_expressions(doc, dct) for e in sent]
        for timex in doc_data.timexes:
            gold = timex.attrs.get("value", "")
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is None or not len(span):
                predicted = None
            else:
                reference = last_reference([e for e in ours if e.end <= span.start], None)
                found = _longest(
                    find_expressions(list(span), words, dct, trusted=True, reference=reference)
                )
                predicted = found.value.value if found and found.value else None
                if any(e.start < span.end and span.start < e.end for e in ours):
                    detected += 1
            hit = predicted == gold
            total += 1
            ok += hit
            group = "other"
            if RELATIVE.search(timex.text):
                group = "relative"
                rel_n += 1
                rel_ok += hit
            elif CALENDAR.search(timex.text):
                group = "calendar"
                cal_n += 1
                cal_ok += hit
            if not hit and len(errors) < max_errors:
                errors.append(
                    f"[{group}] {doc_data.name} dct={doc_data.dct[:10]} {timex.text!r}: "
                    f"gold {gold} ours {predicted} | {_context(doc_data.text, timex)}"
                )
    return Scores(
        "timebank_dates",
        {
            "value_accuracy": ok / max(total, 1),
            "relative_accuracy": rel_ok / max(rel_n, 1),
            "calendar_accuracy": cal_ok / max(cal_n, 1),
            "detection_recall": detected / max(total, 1),
        },
        {"documents": len(docs), "date_timexes": total, "relative": rel_n, "calendar": cal_n},
        errors,
    )


def _context(text: str, tagged: Tagged, width: int = 70) -> str:
    left = text[max(0, tagged.start - width) : tagged.start]
    right = text[tagged.end : tagged.end + width]
    return " ".join(f"{left}[{tagged.text}]{right}".split())


# -- SemEval-2015 TimeLine ------------------------------------------------------------------------
@dataclass(frozen=True)
class TimelineDoc:
    docid: str
    dct: str
    text: str
    sentence_starts: dict[str, int]
    events: dict[tuple[str, str], int]  # (sentence id, event text) -> offset of the first one


def _sentences(markup: str) -> Iterator[tuple[str, str]]:
    for match in re.finditer(r'<s id="(\d+)">(.*?)</s>', markup, re.S):
        yield match.group(1), match.group(2)


def load_timeline_docs() -> dict[str, TimelineDoc]:
    folder = eval_dir("time_SemEval2015_T4_TimeLine_wikinews")
    if folder is None:
        return {}
    corpus = folder / "corpus_1"
    docs: dict[str, TimelineDoc] = {}
    for path in sorted((corpus / "corpus_trackB_TimeML").glob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        docid = path.name.split("_", 1)[0]
        dct_match = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"([^\"]+)\"", raw)
        lines: list[str] = []
        starts: dict[str, int] = {}
        events: dict[tuple[str, str], int] = {}
        offset = 0
        for sid, markup in _sentences(raw):
            text, tagged = strip_tags(markup)
            starts[sid] = offset
            for item in tagged:
                if item.tag == "EVENT":
                    events.setdefault((sid, item.text), offset + item.start)
            lines.append(text)
            offset += len(text) + 1
        docs[docid] = TimelineDoc(
            docid, dct_match.group(1) if dct_match else "", "\n".join(lines), starts, events
        )
    return docs


def load_timelines(limit: int | None = None) -> list[tuple[str, str, str, str]]:
    """(docid, sentence id, token text, gold date) for every dated timeline entry."""
    folder = eval_dir("time_SemEval2015_T4_TimeLine_wikinews")
    if folder is None:
        return []
    seen: dict[tuple[str, str, str], str] = {}
    for path in sorted((folder / "corpus_1" / "TimeLines_Gold_Standard").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3 or fields[1].startswith("XXXX"):
                continue
            for mention in fields[2:]:
                parts = mention.split("-", 2)
                if len(parts) == 3 and parts[0].isdigit() and parts[1].isdigit():
                    seen.setdefault((parts[0], parts[1], parts[2].replace("_", " ")), fields[1])
    items = [(d, s, t, gold) for (d, s, t), gold in seen.items()]
    return items[:limit] if limit else items


def score_timeline(coder: Coder, limit: int | None = None, max_errors: int = 0) -> Scores | None:
    items = load_timelines(limit)
    docs = load_timeline_docs()
    if not items or not docs:
        return None
    wanted = sorted({docid for docid, *_ in items if docid in docs})
    parsed = dict(
        zip(
            wanted,
            coder.nlp.pipe([docs[d].text for d in wanted], batch_size=8),
            strict=True,
        )
    )
    time_coder = coder.time_coder
    counts = {"day": 0, "month": 0, "year": 0, "located": 0}
    ours_ok = {"day": 0, "month": 0, "year": 0}
    base_ok = {"day": 0, "month": 0, "year": 0}
    errors: list[str] = []
    for docid, sid, token_text, gold in items:
        data = docs.get(docid)
        if data is None or sid not in data.sentence_starts:
            continue
        offset = data.events.get((sid, token_text))
        if offset is None:
            start = data.sentence_starts[sid]
            line_end = data.text.find("\n", start)
            line = data.text[start : line_end if line_end >= 0 else None]
            found = re.search(rf"(?<!\w){re.escape(token_text)}(?!\w)", line)
            if found is None:
                continue
            offset = start + found.start()
        doc = parsed[docid]
        span = doc.char_span(offset, offset + len(token_text), alignment_mode="expand")
        if span is None:
            continue
        counts["located"] += 1
        article = time_coder.article_time(doc, data.dct[:10])
        trigger = span.root
        spans, _ = time_coder.sentences(doc)
        index = next(i for i, (start, end) in enumerate(spans) if start <= trigger.i < end)
        expressions = time_coder.sentence_expressions(doc, article.dct, index)[index]
        ours = time_coder.date_token(trigger, expressions, article).date or ""
        base = data.dct[:10]
        levels = [("year", 4)]
        if gold[5:7] != "XX":
            levels.append(("month", 7))
        if gold[8:10] != "XX":
            levels.append(("day", 10))
        for level, width in levels:
            counts[level] += 1
            ours_ok[level] += len(ours) >= width and ours[:width] == gold[:width]
            base_ok[level] += base[:width] == gold[:width]
        if len(levels) == 3 and ours != gold and len(errors) < max_errors:
            errors.append(
                f"{docid}-{sid} {token_text!r}: gold {gold} ours {ours} (dct {base}) | "
                f"{' '.join(trigger.sent.text.split())[:160]}"
            )
    return Scores(
        "timeline_event_dates",
        {
            "day_accuracy": ours_ok["day"] / max(counts["day"], 1),
            "month_accuracy": ours_ok["month"] / max(counts["month"], 1),
            "year_accuracy": ours_ok["year"] / max(counts["year"], 1),
            "publication_day_accuracy": base_ok["day"] / max(counts["day"], 1),
            "publication_month_accuracy": base_ok["month"] / max(counts["month"], 1),
        },
        {
            "dated_entries": len(items),
            "located": counts["located"],
            "with_day": counts["day"],
            "with_month": counts["month"],
        },
        errors,
    )


SETS = ("timebank", "timeline")


def run_all(
    coder: Coder, limit: int | None = None, max_errors: int = 0, sets: tuple[str, ...] = SETS
) -> list[Scores]:
    found = []
    if "timebank" in sets:
        found.append(score_timebank(coder, limit, max_errors))
    if "timeline" in sets:
        found.append(score_timeline(coder, limit, max_errors))
    return [s for s in found if s is not None]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N items of each set")
    parser.add_argument("--json", type=Path, default=None, help="also write the scores here")
    parser.add_argument("--errors", type=int, default=0, help="print up to N misses per set")
    parser.add_argument("--sets", nargs="+", choices=SETS, default=list(SETS))
    args = parser.parse_args()
    started = time.perf_counter()
    coder = Coder()
    scores = run_all(coder, args.limit, args.errors, tuple(args.sets))
    if not scores:
        print("no evaluation data found (set EVENTCODER_SHARED or place ../shared)")
        return
    print_scores(scores)
    for score in scores:
        for line in score.misses:
            print(f"miss {score.name}: {line}")
    print(f"elapsed {time.perf_counter() - started:.1f} s")
    if args.json:
        write_scores_json(args.json, scores)


if __name__ == "__main__":
    main()
