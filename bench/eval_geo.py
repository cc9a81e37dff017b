"""Score the places stage on the labelled geoparsing sets in ../shared/eval and print one table.

    python bench/eval_geo.py [--limit N] [--json FILE] [--misses FILE]

For GeoWebNews and TR-News three rows each: the rules alone (no ranker), the ranker trained on
the other set only (``bench/train_place_ranker.py``, fitted here on the fly), and the shipped
ranker (``data/place_ranker.tsv``, trained on both sets).

Sets and metrics:

* geo_GeoWebNews (GWN.xml, 77 articles): the gold toponyms that carry coordinates, except
  adjective forms (``modifierType`` "Adjective": "French", "Nigerian"), which eventcoder
  deliberately does not output as places (demonyms give a country, not a place). That keeps
  the types Literal, Mixed, Metonymic, Coercion, Literal_Modifier, Non_Literal_Modifier,
  Embedded_Literal and Embedded_Non_Lit in their noun forms; Literal_Expression,
  Non_Lit_Expression ("the city", "citizens"), Non_Toponym, Demonym, Homonym and Language have
  no coordinates and are not scored. Per-type recall is printed as well.
* geo_TR-News (TR-News.xml, 118 articles, dated by ``dltime``): every gold toponym except
  demonyms (phrases the actor lexicon lists as demonyms: "Turkish", "Syrian").

  For both: ``toponym_recall`` = share of gold spans overlapped by a place we output;
  ``accuracy_161km`` = share of those found whose coordinates lie within 161 km (100 miles)
  of the gold point (a found toponym we could not resolve counts as wrong);
  ``median_error_km`` over found toponyms (unresolved = 20,038 km, half the circumference);
  ``resolved_accuracy_161km``: the same accuracy over found toponyms we resolved.
* geo_event_location_halterman (~9,700 records, one VERB and zero or more LOCATION spans):
  each text is coded as an article; the event whose trigger overlaps the VERB span is looked
  up (``verb_coverage`` = share of records where one exists). ``event_location_accuracy``:
  over covered records with a gold LOCATION, the share whose event location's mention span
  overlaps a gold LOCATION span. ``no_location_null_rate``: over covered records without a
  gold LOCATION, the share where we chose no location.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventcoder import Coder
from eventcoder.places import distance_km
from eventcoder.records import Article, Place
from shared_data import Scores, eval_dir, print_scores, write_scores_json

ACCURATE_KM = 161.0
UNRESOLVED_KM = 20_038.0


@dataclass(frozen=True)
class GoldToponym:
    text: str
    start: int
    end: int
    lat: float
    lon: float
    kind: str


# -- loading --------------------------------------------------------------------------------
def load_gwn(limit: int | None = None) -> list[tuple[Article, list[GoldToponym]]]:
    folder = eval_dir("geo_GeoWebNews")
    if folder is None:
        return []
    root = ET.parse(folder / "GWN.xml").getroot()
    items: list[tuple[Article, list[GoldToponym]]] = []
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        gold: list[GoldToponym] = []
        for toponym in node.iter("toponym"):
            lat, lon = toponym.findtext("latitude"), toponym.findtext("longitude")
            if not lat or not lon or toponym.findtext("modifierType") == "Adjective":
                continue
            gold.append(
                GoldToponym(
                    toponym.findtext("extractedName") or "",
                    int(toponym.findtext("start") or 0),
                    int(toponym.findtext("end") or 0),
                    float(lat),
                    float(lon),
                    toponym.findtext("type") or "",
                )
            )
        items.append((Article(id=f"gwn-{node.get('file')}", text=text), gold))
    return items[:limit] if limit else items


def load_trnews(
    demonyms: set[str], limit: int | None = None
) -> list[tuple[Article, list[GoldToponym]]]:
    folder = eval_dir("geo_TR-News")
    if folder is None:
        return []
    root = ET.parse(folder / "TR-News.xml").getroot()
    items: list[tuple[Article, list[GoldToponym]]] = []
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        date = (node.findtext("dltime") or "").strip()[:10] or None
        gold: list[GoldToponym] = []
        for toponym in node.iter("toponym"):
            phrase = toponym.findtext("phrase") or ""
            tag = toponym.find("gaztag")
            if tag is None or phrase in demonyms:
                continue
            lat, lon = tag.findtext("lat"), tag.findtext("lon")
            if not lat or not lon:
                continue
            gold.append(
                GoldToponym(
                    phrase,
                    int(toponym.findtext("start") or 0),
                    int(toponym.findtext("end") or 0),
                    float(lat),
                    float(lon),
                    tag.findtext("fcode") or "",
                )
            )
        items.append((Article(id=f"tr-{node.get('docid')}", text=text, date=date), gold))
    return items[:limit] if limit else items


def load_halterman(limit: int | None = None) -> list[dict[str, Any]]:
    folder = eval_dir("geo_event_location_halterman")
    if folder is None:
        return []
    records: list[dict[str, Any]] = []
    with (folder / "labeled_text_compact.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                records.append(json.loads(line))
            if limit and len(records) >= limit:
                break
    return records


# -- scoring --------------------------------------------------------------------------------
def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score_toponyms(
    name: str, coder: Coder, items: list[tuple[Article, list[GoldToponym]]]
) -> Scores | None:
    """The coder as it ships (rules + shipped ranker) on one set."""
    if not items:
        return None
    results = coder.code_many(article for article, _ in items)
    return score_places(name, items, [result.places for result in results])


def score_places(
    name: str,
    items: list[tuple[Article, list[GoldToponym]]],
    places_of: list[tuple[Place, ...]],
) -> Scores:
    gold_n = found = accurate = resolved = resolved_accurate = 0
    errors: list[float] = []
    per_kind: dict[str, list[int]] = {}
    misses: list[str] = []
    for (article, gold), places in zip(items, places_of, strict=True):
        for toponym in gold:
            gold_n += 1
            tally = per_kind.setdefault(toponym.kind, [0, 0])
            tally[1] += 1
            place = _place_over(places, toponym.start, toponym.end)
            if place is None:
                misses.append(f"{article.id}\tmissed\t{toponym.text}\t{toponym.kind}")
                continue
            found += 1
            tally[0] += 1
            if place.lat is None or place.lon is None:
                errors.append(UNRESOLVED_KM)
                misses.append(f"{article.id}\tunresolved\t{toponym.text}\t{toponym.kind}")
                continue
            resolved += 1
            error = distance_km(place.lat, place.lon, toponym.lat, toponym.lon)
            errors.append(error)
            if error <= ACCURATE_KM:
                accurate += 1
                resolved_accurate += 1
            else:
                misses.append(
                    f"{article.id}\twrong {error:.0f} km\t{toponym.text}\t{toponym.kind}\t"
                    f"-> {place.name} {place.country} {place.feature}"
                )
    values = {
        "toponym_recall": found / max(gold_n, 1),
        "accuracy_161km": accurate / max(found, 1),
        "median_error_km": statistics.median(errors) if errors else 0.0,
        "resolved_accuracy_161km": resolved_accurate / max(resolved, 1),
    }
    for kind, (hit, total) in sorted(per_kind.items(), key=lambda kv: -kv[1][1]):
        if total >= 20:
            values[f"recall[{kind}]"] = hit / total
    counts = {"articles": len(items), "gold_toponyms": gold_n, "found": found}
    counts["resolved"] = resolved
    return Scores(name, values, counts, misses)


SET_NAMES = {"gwn": "geo_GeoWebNews", "trnews": "geo_TR-News"}


def ranker_table(coder: Coder, limit: int | None = None) -> list[Scores]:
    """Per set: rules only, ranker trained on the other set, shipped ranker (both sets)."""
    import train_place_ranker as training  # bench module; imports this one

    sets = training.load_sets(coder)
    if limit:
        sets = {key: items[:limit] for key, items in sets.items()}
    if not all(sets.values()):
        return []
    parsed = {key: training.parse(coder, items) for key, items in sets.items()}
    rules = coder.place_coder.with_ranker(None)
    trained = {
        key: training.train_model(training.examples(rules, parsed[key]))[0] for key in parsed
    }
    scores: list[Scores] = []
    for key, items in parsed.items():
        other = "trnews" if key == "gwn" else "gwn"
        variants = (
            ("rules only", None),
            (f"ranker trained on {SET_NAMES[other][4:]}", trained[other]),
            ("ranker trained on both (shipped)", coder.place_coder.ranker),
        )
        for label, model in variants:
            stage = coder.place_coder.with_ranker(model)
            places = [stage.code(item.doc, (), item.focus)[0] for item in items]
            scores.append(score_places(f"{SET_NAMES[key]} [{label}]", sets[key], places))
    return scores


def _place_over(places: tuple[Place, ...], start: int, end: int) -> Place | None:
    for place in places:
        if _overlaps(place.start, place.end, start, end):
            return place
    return None


def score_halterman(coder: Coder, limit: int | None = None) -> Scores | None:
    records = load_halterman(limit)
    if not records:
        return None
    articles = (Article(id=f"h{i}", text=r["text"]) for i, r in enumerate(records))
    with_gold = covered_gold = correct = no_gold_covered = no_gold_null = 0
    misses: list[str] = []
    for record, result in zip(records, coder.code_many(articles), strict=True):
        verbs = [s for s in record["spans"] if s["label"] == "VERB"]
        locations = [s for s in record["spans"] if s["label"] == "LOCATION"]
        if locations:
            with_gold += 1
        event = next(
            (
                e
                for e in result.events
                for v in verbs
                if e.trigger_start is not None
                and e.trigger_end is not None
                and _overlaps(e.trigger_start, e.trigger_end, v["start"], v["end"])
            ),
            None,
        )
        if event is None:
            continue
        if not locations:
            no_gold_covered += 1
            no_gold_null += event.location is None
            continue
        covered_gold += 1
        place = event.location
        if place is not None and any(
            _overlaps(place.start, place.end, s["start"], s["end"]) for s in locations
        ):
            correct += 1
        else:
            ours = f"{place.name}@{place.start}" if place else "none"
            gold = "|".join(s["text"] for s in locations)
            misses.append(f"{record['text'][:160]!r}\t{event.trigger}\tgold={gold}\tours={ours}")
    values = {
        "event_location_accuracy": correct / max(covered_gold, 1),
        "verb_coverage": (covered_gold + no_gold_covered) / max(len(records), 1),
        "no_location_null_rate": no_gold_null / max(no_gold_covered, 1),
    }
    counts = {
        "records": len(records),
        "with_gold_location": with_gold,
        "scored": covered_gold,
        "covered_without_location": no_gold_covered,
    }
    return Scores("geo_event_location_halterman", values, counts, misses)


def run_all(coder: Coder, limit: int | None = None) -> list[Scores]:
    found = [*ranker_table(coder, limit), score_halterman(coder, limit * 50 if limit else None)]
    return [s for s in found if s is not None]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N articles per set")
    parser.add_argument("--json", type=Path, default=None, help="also write the scores here")
    parser.add_argument("--misses", type=Path, default=None, help="write the errors here")
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
    if args.misses:
        lines = [f"{s.name}\t{m}" for s in scores for m in s.misses]
        args.misses.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
