"""The article view as one self-contained HTML page (CSS, script and data inlined).

The text is cut into segments at every mark boundary; each segment is a ``<span>`` carrying
the classes of the marks that cover it (``hl-actor``, ``hl-place``, ``hl-trigger``,
``hl-quote``), the ids of those marks (``data-m``) and the events whose evidence it belongs to
(``data-ev``), so overlapping and nested marks all show. A tag after each mark gives its code.
The dashboard's ``/articles/{id}`` page is this same page with a link back to the dashboard.
"""

from __future__ import annotations

import itertools
import json
from functools import cache
from html import escape
from importlib.resources import files
from typing import Any

from eventcoder.explain.spans import (
    KINDS,
    Mark,
    actor_label,
    cameo_name,
    evidence_spans,
    marks_of,
    place_label,
    quad_name,
)

# Each kind of mark and what its tag shows.
LEGEND = (
    ("actor", "actor", "code"),
    ("trigger", "event trigger", "event, CAMEO"),
    ("place", "place", "country"),
    ("quote", "quote", "quote number"),
)


@cache
def _asset(name: str) -> str:
    return files("eventcoder.explain").joinpath(name).read_text(encoding="utf-8")


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _segments(text: str, marks: list[Mark], evidence: list[tuple[int, int, int]]) -> str:
    cuts = {0, len(text)}
    for mark in marks:
        cuts.update((mark.start, mark.end))
    for start, end, _ in evidence:
        cuts.update((start, end))
    bounds = sorted(cuts)
    ending: dict[int, list[int]] = {}
    for number, mark in enumerate(marks):
        ending.setdefault(mark.end, []).append(number)
    out: list[str] = []
    for a, b in itertools.pairwise(bounds):
        piece = escape(text[a:b], quote=False)
        covering = [n for n, m in enumerate(marks) if m.start <= a and m.end >= b]
        events = [i for start, end, i in evidence if start <= a and end >= b]
        if covering or events:
            kinds = [k for k in KINDS if any(marks[n].kind == k for n in covering)]
            classes = " ".join(["seg", *(f"hl-{k}" for k in kinds)])
            attrs = [f'class="{classes}"']
            if covering:
                attrs.append(f'data-m="{" ".join(f"m{n}" for n in covering)}"')
                attrs.append(f'title="{_attr("; ".join(marks[n].title for n in covering))}"')
            if events:
                attrs.append(f'data-ev="{" ".join(str(i) for i in events)}"')
            triggers = [marks[n].event for n in covering if marks[n].kind == "trigger"]
            if triggers and triggers[0] is not None:
                attrs.append(f'data-event="{triggers[0]}"')
            piece = f"<span {' '.join(attrs)}>{piece}</span>"
        out.append(piece)
        # Tags of the marks that end here, inner (later-starting) marks first.
        closing = sorted(ending.get(b, []), key=lambda n: -marks[n].start)
        for n in closing:
            mark = marks[n]
            out.append(f'<sup class="tag tag-{mark.kind}" data-for="m{n}">{escape(mark.tag)}</sup>')
    return "".join(out)


def _dl(items: list[tuple[str, str]]) -> str:
    return "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in items)


def _code(value: object) -> str:
    return f"<code>{escape(str(value))}</code>"


def _event_card(index: int, event: dict[str, Any]) -> str:
    cameo = str(event.get("cameo") or "?")
    quad = event.get("quad_class")
    plover = event.get("plover") or {}
    plover_text = "/".join(str(v) for v in (plover.get("type"), plover.get("mode")) if v)
    goldstein = event.get("goldstein")
    goldstein_text = f"{goldstein:+.1f}" if isinstance(goldstein, int | float) else "-"
    source, target = event.get("source"), event.get("target")
    date = event.get("date") or "no date"
    rule_line = event.get("rule_line")
    rows = [
        ("source", _code(actor_label(source)) + _actor_text(source)),
        ("target", _code(actor_label(target)) + _actor_text(target)),
        ("CAMEO", f"{_code(cameo)} {escape(cameo_name(cameo))}"),
        ("QuadClass", f"{escape(str(quad))} {escape(quad_name(quad))}"),
        ("Goldstein", escape(goldstein_text)),
        ("PLOVER", escape(plover_text or "-")),
        ("factuality", escape(str(event.get("factuality")))),
        ("date", f"{escape(str(date))} <small>({escape(str(event.get('date_basis')))})</small>"),
        ("place", escape(place_label(event.get("location")))),
        ("trigger", escape(repr(event.get("trigger")))),
        (
            "rule",
            _code(event.get("rule"))
            + (f' <small class="rule-line">{escape(str(rule_line))}</small>' if rule_line else ""),
        ),
    ]
    return (
        f'<li class="event quad-{_attr(quad)}" id="ev-{index + 1}" data-event="{index}" '
        f'data-id="{_attr(event.get("id") or "")}" tabindex="0">'
        f'<div class="event-head"><span class="badge quad-{_attr(quad)}">E{index + 1}</span> '
        f"{_code(actor_label(source).split(' ')[0])} &rarr; "
        f"{_code(actor_label(target).split(' ')[0])} "
        f'<span class="cameo">{escape(cameo)} {escape(cameo_name(cameo))}</span></div>'
        f'<dl class="codes">{_dl(rows)}</dl></li>'
    )


def _actor_text(actor: dict[str, Any] | None) -> str:
    if not actor or not actor.get("text"):
        return ""
    return f' <small>"{escape(str(actor["text"]))}"</small>'


def _quotes(quotes: list[dict[str, Any]]) -> str:
    items = []
    for number, quote in enumerate(quotes, start=1):
        items.append(
            f'<li class="quote"><span class="badge">Q{number}</span> '
            f"<small>{escape(str(quote.get('kind')))}, speaker</small> "
            f"{_code(actor_label(quote.get('speaker')))}"
            f"<blockquote>{escape(str(quote.get('text')))}</blockquote></li>"
        )
    return "".join(items)


def _places(places: list[dict[str, Any]]) -> str:
    seen: set[tuple[Any, ...]] = set()
    items = []
    for place in places:
        key = (place.get("name"), place.get("country"), place.get("feature"))
        if key in seen:
            continue
        seen.add(key)
        lat, lon = place.get("lat"), place.get("lon")
        where = f"{lat:.2f}, {lon:.2f}" if isinstance(lat, int | float) and lon is not None else ""
        items.append(
            f"<li>{escape(place_label(place))} <small>{escape(str(place.get('feature')))}"
            f"{' · ' + where if where else ''}</small></li>"
        )
    return "".join(items)


def _legend() -> str:
    return "".join(
        f'<label class="key"><input type="checkbox" checked data-kind="{kind}"> '
        f'<span class="swatch seg hl-{kind}">{escape(name)}</span>'
        f'<sup class="tag tag-{kind}">{escape(tag)}</sup></label>'
        for kind, name, tag in LEGEND
    )


def _json_script(record: dict[str, Any]) -> str:
    data = json.dumps(record, ensure_ascii=False, default=str)
    return data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_article_html(record: dict[str, Any], home: str | None = None) -> str:
    """One self-contained HTML page; ``home`` adds a link back (the dashboard's ``/``)."""
    text: str = record.get("text") or ""
    events = list(record.get("events") or [])
    quotes = list(record.get("quotes") or [])
    places = list(record.get("places") or [])
    title = str(record.get("title") or record.get("article_id") or "article")
    meta = [
        _code(record.get("article_id")),
        escape(str(record.get("date") or "no date")),
    ]
    if record.get("source"):
        meta.append(escape(str(record["source"])))
    if record.get("url"):
        meta.append(f'<span class="url">{escape(str(record["url"]))}</span>')
    counts = (
        f"{len(events)} events · {len(quotes)} quotes · {len(places)} places · "
        f"{len(record.get('actors') or [])} actors"
    )
    back = f'<a class="home" href="{_attr(home)}">&larr; Dashboard</a>' if home else ""
    body = _segments(text, marks_of(record), evidence_spans(record))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} · eventcoder</title>
<style>
{_asset("article.css")}
</style>
</head>
<body class="article-view">
<header class="top">{back}<h1>{escape(title)}</h1>
<div class="meta">{" · ".join(meta)}</div><div class="meta">{counts}</div></header>
<main class="layout">
<section class="text-pane show-actor show-trigger show-place show-quote">
<div class="legend">{_legend()}<span class="hint">Click an event or a trigger to show its
evidence; Esc clears.</span></div>
<div id="article-text" class="article-text">{body}</div>
</section>
<aside class="records">
<h2>Events <small>({len(events)})</small></h2>
<ol class="events">{"".join(_event_card(i, e) for i, e in enumerate(events))}</ol>
<h2>Quotes <small>({len(quotes)})</small></h2>
<ol class="quotes">{_quotes(quotes)}</ol>
<h2>Places <small>({len(places)})</small></h2>
<ul class="places">{_places(places)}</ul>
</aside>
</main>
<script type="application/json" id="article-record">{_json_script(record)}</script>
<script>
{_asset("article.js")}
</script>
</body>
</html>
"""
