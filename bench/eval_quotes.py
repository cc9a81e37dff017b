"""Score quote detection and speaker attribution on PolNeAR (../shared/eval/quotes_PolNeAR).

    python bench/eval_quotes.py [--split train dev] [--limit N] [--json FILE]

Data: brat standoff, one ``.txt`` per article and one ``.ann`` per article and annotator
(``<article>_<annotator>.ann``). ``T`` lines are text-bound spans labelled Source, Cue, Content
(several ``;``-separated fragments when a quote is split around its attribution); ``E`` lines
tie one attribution together (``Attribution:T Content:T Cue:T Source:T``, ``Content2`` for a
second content, ``Attribution-no-source`` when the annotator found no source). Articles with
several annotators: we score the annotation whose annotator id sorts first, for every article
(a fixed, content-blind choice). ``metadata.tsv`` gives the publication date we code with.

What is scored (per split):

* Classes. A gold Content is *direct* when its text (first fragment start to last fragment
  end, whitespace stripped) starts or ends with a quotation mark (the data's approximation of
  direct quotes), else *indirect*. Our quote is *direct* when its kind is ``direct`` or its
  text starts or ends with a quotation mark (reported speech that ends in a partial quote,
  like the gold), else *indirect*. Our quotes lying wholly inside another of our quotes (the
  partial quote "good health" inside the reported clause that holds it) are scored with their
  container and not counted on their own.
* Overlap criterion. Recall: a gold Content is found when our quotes of its class cover at
  least 50% of its characters (over its fragments; a quote split around "she said" is two
  quotes of ours and one gold Content). Precision: our quote is correct when at least 50% of
  its characters lie inside gold Contents of its class. F1 from the two.
* Speakers, on the gold Contents found: the quote of ours covering most of it names the
  speaker. Correct when our speaker's mention overlaps the gold Source span, or when the gold
  Source span overlaps a mention that our article-level resolution links to the same entity
  (gold "he" four words after our "Colonna": same person; never for an uncoded speaker, which
  has no entity), or when the gold Source is a relative pronoun and our speaker is the noun
  its relative clause hangs from (gold "who" in "Mike Lee, who declared ...": Mike Lee).
  Also printed: the strict figure (mention overlap only). A gold Content with no Source is
  correct only with a null speaker; our null speaker is wrong wherever the gold names a source.
* Indirect attributions in PolNeAR include much that is not speech ("hopes to win", "wants a
  wall"); the indirect table also prints the recall on gold Contents whose cue holds one of
  our speech verbs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from spacy.tokens import Doc

from eventcoder import Coder
from eventcoder.actors import ArticleActors
from eventcoder.records import Actor, Quote
from shared_data import eval_dir

RELATIVE = frozenset({"who", "whom", "which", "that"})
QUOTE_CHARS = "\"“”‘’'`«»"
_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^E\d+\t(.*)$")
SPLITS = ("train", "dev")

Spans = list[tuple[int, int]]


@dataclass
class Gold:
    content: Spans
    source: Spans
    cue: Spans
    direct: bool


@dataclass
class GoldArticle:
    id: str
    text: str
    date: str | None
    attributions: list[Gold]


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    speaker_ok: int = 0
    speaker_strict: int = 0
    speech_cue_gold: int = 0
    speech_cue_found: int = 0

    def values(self) -> dict[str, float]:
        precision = self.correct / self.predicted if self.predicted else 0.0
        recall = self.found / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "speaker_accuracy": self.speaker_ok / self.found if self.found else 0.0,
            "speaker_accuracy_strict": self.speaker_strict / self.found if self.found else 0.0,
            "speech_cue_recall": (
                self.speech_cue_found / self.speech_cue_gold if self.speech_cue_gold else 0.0
            ),
        }


@dataclass
class SplitScores:
    split: str
    articles: int
    direct: Tally = field(default_factory=Tally)
    indirect: Tally = field(default_factory=Tally)
    misses: list[dict[str, Any]] | None = None  # filled when asked for (--misses)

    def as_dict(self) -> dict[str, Any]:
        return {
            "split": self.split,
            "articles": self.articles,
            "direct": {**self.direct.values(), **_counts(self.direct)},
            "indirect": {**self.indirect.values(), **_counts(self.indirect)},
        }


def _counts(tally: Tally) -> dict[str, int]:
    return {"gold": tally.gold, "predicted": tally.predicted}


# -- reading the data ----------------------------------------------------------------------
def _spans(offsets: str) -> Spans:
    spans: Spans = []
    for part in offsets.split(";"):
        a, b = part.split()
        spans.append((int(a), int(b)))
    return spans


def is_quoted(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and (stripped[0] in QUOTE_CHARS or stripped[-1] in QUOTE_CHARS)


def parse_ann(raw: str, text: str) -> list[Gold]:
    spans: dict[str, tuple[str, Spans]] = {}
    links: list[dict[str, str]] = []
    for line in raw.splitlines():
        match = _T_LINE.match(line)
        if match:
            spans[match.group(1)] = (match.group(2), _spans(match.group(3)))
            continue
        match = _E_LINE.match(line)
        if match:
            links.append(dict(p.split(":", 1) for p in match.group(1).split() if ":" in p))
    found: list[Gold] = []
    for link in links:
        source = spans.get(link.get("Source", ""), ("", []))[1]
        cue = spans.get(link.get("Cue", ""), ("", []))[1]
        for key in ("Content", "Content2"):
            if link.get(key) not in spans:
                continue
            content = spans[link[key]][1]
            whole = text[content[0][0] : content[-1][1]]
            found.append(Gold(content, source, cue, is_quoted(whole)))
    return found


def load_split(split: str, limit: int | None = None) -> list[GoldArticle]:
    folder = eval_dir("quotes_PolNeAR")
    if folder is None or not (folder / split).exists():
        return []
    dates: dict[str, str] = {}
    meta = folder / "metadata.tsv"
    if meta.exists():
        rows = meta.read_text(encoding="utf-8").splitlines()
        header = rows[0].split("\t")
        name_col, date_col = header.index("filename"), header.index("publication_date")
        for row in rows[1:]:
            cells = row.split("\t")
            if len(cells) > max(name_col, date_col):
                dates[cells[name_col]] = cells[date_col]
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / split / "attributions").glob("*.ann")):
        article = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(article, ann)  # sorted: the first annotator id wins
    articles: list[GoldArticle] = []
    for article, ann in sorted(chosen.items()):
        path = folder / split / "text" / f"{article}.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        gold = parse_ann(ann.read_text(encoding="utf-8"), text)
        date = dates.get(article)
        date = date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None
        articles.append(GoldArticle(article, text, date, gold))
        if limit and len(articles) >= limit:
            break
    return articles


# -- scoring ---------------------------------------------------------------------------------
def _overlap(a: tuple[int, int], spans: Spans) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in spans)


def _length(spans: Spans) -> int:
    return sum(e - s for s, e in spans)


def _our_class(quote: Quote) -> bool:
    return quote.kind == "direct" or is_quoted(quote.text)


def _outermost(quotes: tuple[Quote, ...]) -> list[Quote]:
    kept: list[Quote] = []
    for q in quotes:
        inside = any(
            o is not q
            and o.start <= q.start
            and q.end <= o.end
            and (o.end - o.start) > (q.end - q.start)
            for o in quotes
        )
        if not inside:
            kept.append(q)
    return kept


def _antecedents(doc: Doc, source: Spans) -> Spans:
    """For a gold Source that is a relative pronoun ("Mike Lee, who declared ..."), the noun
    the relative clause hangs from, as the parse has it."""
    found: Spans = []
    for start, end in source:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) != 1 or span[0].lower_ not in RELATIVE:
            continue
        verb = span[0].head
        if verb.dep_ == "relcl":
            found.append((verb.head.idx, verb.head.idx + len(verb.head.text)))
    return found


def _speaker_ok(
    speaker: Actor | None, gold: Gold, actors: ArticleActors, doc: Doc
) -> tuple[bool, bool]:
    """(correct, strictly correct) for our speaker against the gold Source."""
    if not gold.source:
        return speaker is None, speaker is None
    if speaker is None:
        return False, False
    if _overlap((speaker.start, speaker.end), gold.source) > 0:
        return True, True
    if _overlap((speaker.start, speaker.end), _antecedents(doc, gold.source)) > 0:
        return True, False
    if speaker.entity is None:
        return False, False  # an uncoded speaker is linked to no other mention
    for actor in actors.by_head.values():
        if actor.entity == speaker.entity and _overlap((actor.start, actor.end), gold.source):
            return True, False
    return False, False


def score_article(
    coder: Coder, article: GoldArticle, scores: SplitScores, speech_verbs: frozenset[str]
) -> None:
    # The quotes stage needs only the parse and the actors: run those, not the whole coder.
    doc = coder.nlp(article.text)
    actors = coder.actor_coder.code(doc, article.date)
    found_quotes = coder.quote_coder.find(doc, actors)
    rules = {id(f.quote): f.rule for f in found_quotes}
    ours = _outermost(tuple(f.quote for f in found_quotes))
    text = article.text

    def note(kind: str, what: str, gold: Gold | None, q: Quote | None) -> None:
        if scores.misses is None:
            return
        scores.misses.append(
            {
                "article": article.id,
                "kind": kind,
                "miss": what,
                "gold": " | ".join(text[s:e] for s, e in gold.content) if gold else None,
                "gold_source": " | ".join(text[s:e] for s, e in gold.source) if gold else None,
                "ours": q.text if q else None,
                "speaker": q.speaker.text if q and q.speaker else None,
                "rule": rules.get(id(q)) if q else None,
                "start": q.start if q else gold.content[0][0] if gold else None,
            }
        )

    for direct, tally in ((True, scores.direct), (False, scores.indirect)):
        golds = [g for g in article.attributions if g.direct == direct]
        mine = [q for q in ours if _our_class(q) == direct]
        gold_spans = [s for g in golds for s in g.content]
        tally.predicted += len(mine)
        for q in mine:
            size = max(q.end - q.start, 1)
            if _overlap((q.start, q.end), gold_spans) >= 0.5 * size:
                tally.correct += 1
            else:
                note("direct" if direct else "indirect", "false", None, q)
        for gold in golds:
            tally.gold += 1
            speech_cue = any(
                t.lemma_.lower() in speech_verbs
                for s, e in gold.cue
                for t in doc.char_span(s, e, alignment_mode="expand") or ()
            )
            tally.speech_cue_gold += speech_cue
            covering = [(q, _overlap((q.start, q.end), gold.content)) for q in mine]
            covering = [(q, n) for q, n in covering if n > 0]
            covered = sum(n for _, n in covering)
            if covered < 0.5 * max(_length(gold.content), 1):
                note("direct" if direct else "indirect", "missed", gold, None)
                continue
            tally.found += 1
            tally.speech_cue_found += speech_cue
            best = max(covering, key=lambda pair: pair[1])[0]
            ok, strict = _speaker_ok(best.speaker, gold, actors, doc)
            tally.speaker_ok += ok
            tally.speaker_strict += strict
            if not ok:
                note("direct" if direct else "indirect", "speaker", gold, best)


def score_split(
    coder: Coder, split: str, limit: int | None = None, misses: bool = False
) -> SplitScores | None:
    articles = load_split(split, limit)
    if not articles:
        return None
    scores = SplitScores(split, len(articles), misses=[] if misses else None)
    speech_verbs = coder.quote_coder.cues.speech_verbs
    for article in articles:
        score_article(coder, article, scores, speech_verbs)
    return scores


def print_table(all_scores: list[SplitScores]) -> None:
    print(
        f"{'split':<6} {'kind':<9} {'gold':>6} {'ours':>6} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'speaker':>8} {'strict':>7} {'R(speech cue)':>14}"
    )
    for scores in all_scores:
        for kind, tally in (("direct", scores.direct), ("indirect", scores.indirect)):
            v = tally.values()
            print(
                f"{scores.split:<6} {kind:<9} {tally.gold:6d} {tally.predicted:6d} "
                f"{v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} "
                f"{v['speaker_accuracy']:8.3f} {v['speaker_accuracy_strict']:7.3f} "
                f"{v['speech_cue_recall']:14.3f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description="quote detection and attribution on PolNeAR")
    parser.add_argument("--split", nargs="+", default=list(SPLITS), choices=SPLITS)
    parser.add_argument("--limit", type=int, default=None, help="articles per split")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--misses", type=Path, default=None, help="write every miss as a JSON line here"
    )
    args = parser.parse_args()
    if eval_dir("quotes_PolNeAR") is None:
        print("../shared/eval/quotes_PolNeAR is not on this machine")
        return
    coder = Coder()
    found = [
        s
        for s in (score_split(coder, name, args.limit, bool(args.misses)) for name in args.split)
        if s
    ]
    print_table(found)
    if args.json:
        args.json.write_text(json.dumps([s.as_dict() for s in found], indent=2) + "\n")
    if args.misses:
        with args.misses.open("w", encoding="utf-8") as out:
            for scores in found:
                for row in scores.misses or ():
                    out.write(json.dumps({"split": scores.split, **row}) + "\n")


if __name__ == "__main__":
    main()
