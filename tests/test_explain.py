"""`eventcoder explain` and the shared article renderer, on a real sample article."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

from eventcoder import Coder
from eventcoder.explain import article_record, render_article_html, render_article_text
from eventcoder.explain.spans import Mark
from eventcoder.explain.text import NBSP, marked_text
from eventcoder.records import Article
from tests.helpers import CliRun

REPO = Path(__file__).resolve().parents[1]
ARTICLE_ID = "niger-coup-guard-detains-president"


def _sample(article_id: str) -> dict[str, Any]:
    for line in (REPO / "samples" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] == article_id:
            return dict(record)
    raise AssertionError(article_id)


def _record(coder: Coder) -> dict[str, Any]:
    raw = _sample(ARTICLE_ID)
    article = Article(raw["id"], raw["text"], raw["date"], raw["title"], raw["url"], raw["source"])
    return article_record(coder.code(article.text, article_id=article.id, date=article.date))


def test_text_view_marks_actors_triggers_places_and_quotes(coder: Coder) -> None:
    record = _record(coder)
    shown = render_article_text(record)
    flat = " ".join(shown.split())
    assert "*detained*{E1 173} [President Mohamed Bazoum]{NERGOV}" in flat
    assert "<Niamey>{NER}" in flat
    assert "[Soldiers of [<Niger>{NER}'s]{NER} presidential guard]{NERMIL}" in flat
    assert "*announce*{E2 010} «that [they]{NERCOP} had *taken*{E3 170} power»{Q1}" in flat
    # every event is listed with its codes and the rule (and data file line) that fired
    assert "E1  NERMIL -> NERGOV (Mohamed Bazoum)  173 " in shown
    assert "QuadClass 4 (material conflict), Goldstein -5.0, PLOVER COERCE/arrest" in shown
    assert "rule verbs:173:detain  (verbs/14-20_material_conflict.tsv:" in shown
    assert len(re.findall(r"^E\d+  ", shown, re.MULTILINE)) == len(record["events"])


def test_crossing_marks_are_left_out_of_the_text() -> None:
    marks = [
        Mark("actor", 0, 9, "AAA", ""),
        Mark("place", 6, 14, "BBB", ""),  # crosses the actor: listed below, not inline
        Mark("trigger", 11, 16, "E1 010", "", 0),
    ]
    shown = marked_text("Alpha Beta Gamma", marks).replace(NBSP, " ")
    assert shown == "[Alpha Bet]{AAA}a *Gamma*{E1 010}"


def test_html_view_is_self_contained_and_marks_every_annotation(coder: Coder) -> None:
    record = _record(coder)
    page = render_article_html(record)
    assert "<script src" not in page and "<link" not in page  # CSS and script are inline
    tree = lxml_html.fromstring(page)
    marks: dict[str, dict[str, str]] = {}
    for span in tree.xpath("//div[@id='article-text']//span[@data-m]"):
        for mark in span.get("data-m").split():
            entry = marks.setdefault(mark, {"text": "", "kinds": ""})
            entry["text"] += span.text_content()
            entry["kinds"] += span.get("class")
    for sup in tree.xpath("//sup[@data-for]"):
        marks[sup.get("data-for")]["tag"] = sup.text_content()
    shown = {(m["text"], m.get("tag")) for m in marks.values()}
    text = record["text"]
    for actor in record["actors"]:
        assert (text[actor["start"] : actor["end"]], actor["code"]) in shown
    for quote in record["quotes"]:
        assert text[quote["start"] : quote["end"]] in {m["text"] for m in marks.values()}
    for number, event in enumerate(record["events"], start=1):
        trigger = text[event["trigger_start"] : event["trigger_end"]]
        assert (trigger, f"E{number} {event['cameo']}") in shown
    assert ("Niamey", "NER") in shown and ("Abuja", "NGA") in shown
    # the evidence of each event is addressable for the script that highlights it
    assert tree.xpath("//span[contains(concat(' ', @data-ev, ' '), ' 0 ')]")
    cards = tree.xpath("//ol[@class='events']/li")
    assert len(cards) == len(record["events"])
    assert "verbs:173:detain" in cards[0].text_content()
    assert "COERCE/arrest" in cards[0].text_content()
    legend = [s.text_content() for s in tree.xpath("//div[@class='legend']//span[@class]")]
    assert {"actor", "event trigger", "place", "quote"} <= set(legend)


def test_explain_command_writes_html_and_prints_text(
    tmp_path: Path, cli_in_process: CliRun
) -> None:
    raw = _sample("kenya-tax-protests-tear-gas")
    source = tmp_path / "kenya.txt"
    source.write_text(raw["text"], encoding="utf-8")
    out = tmp_path / "kenya.html"
    result = cli_in_process("explain", str(source), "--date", raw["date"], "--html", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "<!doctype html>" in page and 'class="seg hl-actor"' in page
    assert "fired" in page and "KENCOP" in page
    result = cli_in_process("explain", str(source), "--date", raw["date"])
    assert result.returncode == 0, result.stderr
    assert "[[Kenyan]{KEN} police]{KENCOP} *fired*{E1 194}" in result.stdout
    many = cli_in_process("explain", str(REPO / "samples" / "articles.jsonl"), "--html", "x")
    assert many.returncode == 2 and "--id" in many.stdout + many.stderr
