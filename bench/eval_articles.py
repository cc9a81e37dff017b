"""Score the coder on the team's real-news test set (bench/realnews, docs/annotation.md).

    python bench/eval_articles.py [--split dev|test|both] [--errors N] [--article ID ...]

Each article is coded whole (its publication date from articles.tsv). A coded event matches a
hand-coded one in the same sentence with the same CAMEO root, trigger overlap first; each
gold event matches at most one coded event and vice versa. Reported per split:

* event precision (matched coded / coded) and recall (matched gold / gold), overall and by
  root;
* among matched events: source and target right by full code, by country (first three
  letters, or none on both sides) and by role (the first role code after the country);
  factuality; date (at the gold date's precision; gold ``-`` = any); location (the gold
  place's span overlaps ours or names the same place, or both none);
* actors given a country the gold leaves without one (a country without evidence);
* the commonest errors, with an example each.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventcoder import Coder
from eventcoder.records import Actor, Article, Event, Result
from realnews import ArticleRef, GoldActor, GoldEvent, load_articles, load_events, load_text
from shared_data import Scores, print_scores


@dataclass
class Pair:
    gold: GoldEvent
    ours: Event


@dataclass
class Tally:
    """Everything one split's articles contribute to the figures."""

    gold: int = 0
    coded: int = 0
    pairs: list[Pair] = field(default_factory=list)
    gold_by_root: Counter[str] = field(default_factory=Counter)
    coded_by_root: Counter[str] = field(default_factory=Counter)
    matched_by_root: Counter[str] = field(default_factory=Counter)
    missed: list[tuple[GoldEvent, str]] = field(default_factory=list)  # (gold, sentence text)
    spurious: list[tuple[Event, str]] = field(default_factory=list)
    unsupported_country: list[tuple[Actor, str]] = field(default_factory=list)
    actors_with_country: int = 0


def sentence_of(offset: int, sentences: tuple[tuple[int, int], ...]) -> int:
    for index, (start, end) in enumerate(sentences):
        if start <= offset < end:
            return index
    return -1


def sentence_text(result: Result, offset: int) -> str:
    """The sentence holding a character offset, on one line (for error listings)."""
    index = sentence_of(offset, result.sentences)
    start, end = result.sentences[index] if index >= 0 else (offset, offset + 80)
    return " ".join(result.article.text[start:end].split())


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match(gold: list[GoldEvent], result: Result) -> tuple[list[Pair], list[GoldEvent], list[Event]]:
    """Greedy one-to-one matching: same sentence and root, overlapping triggers first."""
    sentences = result.sentences
    gold_sentence = {id(g): sentence_of(g.trigger.start, sentences) for g in gold}
    free_gold = list(gold)
    free_ours = list(result.events)
    pairs: list[Pair] = []
    for need_overlap in (True, False):
        for ours in list(free_ours):
            span = (ours.trigger_start or 0, ours.trigger_end or 0)
            for g in free_gold:
                if gold_sentence[id(g)] != ours.sentence or g.root != ours.cameo_root:
                    continue
                if need_overlap and not _overlap(span, (g.trigger.start, g.trigger.end)):
                    continue
                pairs.append(Pair(g, ours))
                free_gold.remove(g)
                free_ours.remove(ours)
                break
    return pairs, free_gold, free_ours


def _country(code: str | None) -> str | None:
    if not code:
        return None
    head = code[:3]
    return head if head not in ROLE_CODES else None


def _role(code: str | None) -> str | None:
    if not code:
        return None
    for i in range(0, len(code), 3):
        part = code[i : i + 3]
        if part in ROLE_CODES:
            return part
    return None


# Role codes (CAMEO table 3.1 and the project's additions); anything else is a country or an
# organisation root.
ROLE_CODES = frozenset(
    [
        "GOV",
        "MIL",
        "REB",
        "OPP",
        "PTY",
        "COP",
        "JUD",
        "SPY",
        "LEG",
        "CVL",
        "MED",
        "BUS",
        "EDU",
        "CRM",
        "LAB",
        "REF",
        "ELI",
        "HRI",
        "INS",
        "SEP",
        "UAF",
        "RAD",
        "MOD",
        "AGR",
        "DEV",
        "ENV",
        "HLH",
        "REL",
    ]
)


def actor_right(gold: GoldActor, ours: Actor | None, level: str) -> bool:
    ours_code = ours.code if ours is not None else None
    if level == "code":
        return (gold.code or None) == (ours_code or None)
    if level == "country":
        return _country(gold.code) == _country(ours_code)
    return _role(gold.code) == _role(ours_code)


def date_right(gold: GoldEvent, ours: Event) -> bool:
    if gold.date is None:
        return True
    return ours.date is not None and ours.date[: len(gold.date)] == gold.date


def location_right(gold: GoldEvent, ours: Event) -> bool:
    place = ours.location
    if gold.location is None:
        return place is None
    if place is None:
        return False
    if _overlap((place.start, place.end), (gold.location.start, gold.location.end)):
        return True
    return place.name.lower() == gold.location.text.lower()


def score_split(coder: Coder, refs: list[ArticleRef], tally: Tally) -> None:
    articles = []
    golds: dict[str, list[GoldEvent]] = {}
    for ref in refs:
        text = load_text(ref.corpus, ref.key)
        if text is None:
            continue
        articles.append(Article(id=ref.article_id, text=text, date=ref.date))
        golds[ref.article_id] = load_events(ref.article_id)
    for result in coder.code_many(articles):
        gold = golds[result.article.id]
        pairs, missed, spurious = match(gold, result)
        tally.gold += len(gold)
        tally.coded += len(result.events)
        tally.pairs.extend(pairs)
        tally.gold_by_root.update(g.root for g in gold)
        tally.coded_by_root.update(e.cameo_root for e in result.events)
        tally.matched_by_root.update(p.gold.root for p in pairs)

        tally.missed.extend((g, sentence_text(result, g.trigger.start)) for g in missed)
        tally.spurious.extend((e, sentence_text(result, e.trigger_start or 0)) for e in spurious)
        for pair in pairs:
            for gold_actor, ours in (
                (pair.gold.source, pair.ours.source),
                (pair.gold.target, pair.ours.target),
            ):
                if ours is not None and ours.country:
                    tally.actors_with_country += 1
                    if gold_actor.code is not None and _country(gold_actor.code) is None:
                        tally.unsupported_country.append(
                            (ours, sentence_text(result, pair.ours.trigger_start or 0))
                        )


def figures(name: str, tally: Tally) -> Scores:
    pairs = tally.pairs
    n = len(pairs) or 1
    values = {
        "event_precision": len(pairs) / (tally.coded or 1),
        "event_recall": len(pairs) / (tally.gold or 1),
    }
    for side in ("source", "target"):
        for level in ("code", "country", "role"):
            right = sum(
                actor_right(getattr(p.gold, side), getattr(p.ours, side), level) for p in pairs
            )
            values[f"{side}_{level}"] = right / n
    values["factuality"] = sum(p.gold.factuality == p.ours.factuality for p in pairs) / n
    values["date"] = sum(date_right(p.gold, p.ours) for p in pairs) / n
    values["location"] = sum(location_right(p.gold, p.ours) for p in pairs) / n
    values["country_without_evidence"] = len(tally.unsupported_country) / (
        tally.actors_with_country or 1
    )
    counts = {
        "gold": tally.gold,
        "coded": tally.coded,
        "matched": len(pairs),
        "countries_without_evidence": len(tally.unsupported_country),
    }
    return Scores(name, values, counts)


def print_by_root(tally: Tally) -> None:
    print(f"{'root':<5} {'gold':>5} {'coded':>6} {'match':>6} {'P':>6} {'R':>6}")
    for root in sorted(set(tally.gold_by_root) | set(tally.coded_by_root)):
        gold, coded = tally.gold_by_root[root], tally.coded_by_root[root]
        matched = tally.matched_by_root[root]
        precision = matched / coded if coded else 0.0
        recall = matched / gold if gold else 0.0
        print(f"{root:<5} {gold:>5} {coded:>6} {matched:>6} {precision:>6.2f} {recall:>6.2f}")


def _actor_text(actor: Actor | None) -> str:
    return f"{actor.code}({actor.text})" if actor is not None else "-"


def _gold_actor_text(actor: GoldActor) -> str:
    return f"{actor.code}({actor.span.text})" if actor.span is not None else (actor.code or "-")


def error_kinds(tally: Tally) -> list[tuple[str, int, str]]:
    """(kind, count, one example) for every kind of error, commonest first."""
    kinds: dict[str, list[str]] = defaultdict(list)
    for gold, sentence in tally.missed:
        kinds[f"missed {gold.root}"].append(
            f"{gold.article_id}: gold {gold.cameo} {_gold_actor_text(gold.source)} -> "
            f"{_gold_actor_text(gold.target)} '{gold.trigger.text}' | {sentence}"
        )
    for event, sentence in tally.spurious:
        kinds[f"not an event: {event.cameo_root}"].append(
            f"{event.id}: {event.cameo} {_actor_text(event.source)} -> "
            f"{_actor_text(event.target)} '{event.trigger}' [{event.rule}] | {sentence}"
        )
    for pair in tally.pairs:
        g, o = pair.gold, pair.ours
        for side in ("source", "target"):
            gold_actor, ours = getattr(g, side), getattr(o, side)
            if actor_right(gold_actor, ours, "code"):
                continue
            if gold_actor.code is not None and ours is None:
                kind = f"{side} missing"
            elif gold_actor.code is None and ours is not None:
                kind = f"{side} where the text names none"
            elif not actor_right(gold_actor, ours, "country"):
                kind = f"{side} country wrong"
            else:
                kind = f"{side} role wrong"
            kinds[kind].append(
                f"{o.id}: {o.cameo} gold {_gold_actor_text(gold_actor)} ours "
                f"{_actor_text(ours)} '{o.trigger}'"
            )
        if g.factuality != o.factuality:
            kinds[f"factuality {g.factuality} coded {o.factuality}"].append(
                f"{o.id}: {o.cameo} '{o.trigger}' [{o.rule}]"
            )
        if not location_right(g, o):
            gold_place = g.location.text if g.location else "-"
            ours_place = o.location.name if o.location else "-"
            kinds["location wrong"].append(f"{o.id}: gold {gold_place} ours {ours_place}")
    ranked = sorted(kinds.items(), key=lambda item: -len(item[1]))
    return [(kind, len(examples), examples[0]) for kind, examples in ranked]


def run(
    coder: Coder, splits: Iterable[str], article_ids: list[str] | None = None
) -> dict[str, Tally]:
    refs = [r for r in load_articles() if not article_ids or r.article_id in article_ids]
    tallies: dict[str, Tally] = {}
    for split in splits:
        chosen = [r for r in refs if r.split == split]
        if not chosen:
            continue
        tally = Tally()
        score_split(coder, chosen, tally)
        tallies[split] = tally
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--errors", type=int, default=12, help="error kinds to list")
    parser.add_argument("--article", nargs="*", help="only these article ids")
    args = parser.parse_args()
    splits = ("dev", "test") if args.split == "both" else (args.split,)
    coder = Coder()
    tallies = run(coder, splits, args.article)
    if not tallies:
        print("../shared/eval is not on this machine (or no article chosen)")
        return
    print_scores([figures(f"realnews_{split}", tally) for split, tally in tallies.items()])
    for split, tally in tallies.items():
        print(f"\n== {split}: by root")
        print_by_root(tally)
        print(f"\n== {split}: commonest errors")
        for kind, count, example in error_kinds(tally)[: args.errors]:
            print(f"{count:>4}  {kind}\n      e.g. {example[:300]}")


if __name__ == "__main__":
    main()
