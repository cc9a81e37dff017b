"""The dashboard's pages and assets, served by the app (no browser: see test_browser.py)."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from fastapi.testclient import TestClient
from lxml import html as lxml_html

from eventcoder.serve.dashboard.assets import signed_area, wound

URL = re.compile(r"https?://[^\s\"'<>)\\]+")
# XML namespaces Vega writes into SVG, and strings in the Vega bundle's code that are never
# fetched (an error message's issue link; the editor link, off with actions: false; $schema).
BUNDLE_HOSTS = {"www.w3.org", "github.com", "vega.github.io"}


def _assets_of(page: str) -> list[str]:
    tree = lxml_html.fromstring(page)
    return [
        *tree.xpath("//script/@src"),
        *tree.xpath("//link[@rel='stylesheet']/@href"),
    ]


def test_dashboard_page_loads_its_assets_from_the_app(api: TestClient) -> None:
    page = api.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assets = _assets_of(page.text)
    assert sorted(assets) == ["/assets/dashboard.css", "/assets/dashboard.js", "/assets/vega.js"]
    kinds = {}
    for path in assets:
        response = api.get(path)
        assert response.status_code == 200, path
        kinds[path] = response.headers["content-type"].split(";")[0]
    assert kinds["/assets/vega.js"] == "text/javascript"
    assert kinds["/assets/dashboard.css"] == "text/css"
    bundle = api.get("/assets/vega.js").text
    assert "vegaEmbed" in bundle and "vegaLite" in bundle and len(bundle) > 300_000


def test_assets_are_gzipped_and_revalidated(api: TestClient) -> None:
    first = api.get("/assets/dashboard.js", headers={"Accept-Encoding": "gzip"})
    assert first.headers["content-encoding"] == "gzip"
    again = api.get("/assets/dashboard.js", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    plain = api.get("/assets/dashboard.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.text == first.text


def test_unknown_assets_and_paths_outside_the_folder_are_404(api: TestClient) -> None:
    for path in ("/assets/nope.js", "/assets/..%2F__init__.py", "/assets/%2E%2E"):
        assert api.get(path).status_code == 404, path


def test_no_external_urls_in_served_pages_and_scripts(api: TestClient) -> None:
    for path in ("/", "/assets/dashboard.js", "/assets/dashboard.css", "/assets/meta.json"):
        found = URL.findall(api.get(path).text)
        assert found == [], (path, found)
    hosts = {m.split("/")[2] for m in URL.findall(api.get("/assets/vega.js").text)}
    assert hosts <= BUNDLE_HOSTS, hosts - BUNDLE_HOSTS


def test_country_outlines_are_valid_geojson_wound_for_vega(api: TestClient) -> None:
    world = api.get("/assets/world.json").json()
    assert world["type"] == "FeatureCollection"
    features = world["features"]
    ids = [f["id"] for f in features]
    assert len(ids) == len(set(ids)) >= 170
    assert {"NER", "NGA", "KEN", "UKR", "SDN", "COD", "FRA", "USA", "RUS"} <= set(ids)
    assert "ATA" not in ids
    for feature in features:
        assert re.fullmatch("[A-Z]{3}", feature["properties"]["iso3"])
        assert feature["properties"]["name"]
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        assert geometry["type"] in ("Polygon", "MultiPolygon")
        for polygon in polygons:
            for index, ring in enumerate(polygon):
                assert len(ring) >= 4 and ring[0] == ring[-1], feature["id"]
                assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
                # d3-geo: exterior rings clockwise (negative shoelace area), holes not.
                assert (signed_area(ring) < 0) == (index == 0), feature["id"]


def test_rings_are_rewound() -> None:
    counter_clockwise = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    hole_clockwise = [[0.2, 0.2], [0.2, 0.8], [0.8, 0.8], [0.8, 0.2], [0.2, 0.2]]
    rings = wound([counter_clockwise, hole_clockwise])
    assert rings is not None
    assert signed_area(rings[0]) < 0 < signed_area(rings[1])
    assert wound([[[0, 0], [1, 1], [0, 0]]]) is None  # too short to be a ring


def test_meta_names_codes_and_classes(api: TestClient) -> None:
    meta = api.get("/assets/meta.json").json()
    assert meta["cameo"]["173"] and meta["cameo"]["0253"]
    assert [r["code"] for r in meta["roots"]] == [f"{n:02d}" for n in range(1, 21)]
    assert meta["quad_classes"]["4"] == "material conflict"
    assert meta["countries"]["NER"] == "Niger"


def _marks(page: str) -> dict[str, dict[str, Any]]:
    """Text and classes of each mark of an article page, by mark id."""
    tree = lxml_html.fromstring(page)
    marks: dict[str, dict[str, Any]] = {}
    for span in tree.xpath("//div[@id='article-text']//span[@data-m]"):
        for mark in span.get("data-m").split():
            entry = marks.setdefault(mark, {"text": "", "kinds": set()})
            entry["text"] += span.text_content()
            entry["kinds"].update(c for c in span.get("class").split() if c.startswith("hl-"))
    for sup in tree.xpath("//sup[@data-for]"):
        marks[sup.get("data-for")]["tag"] = sup.text_content()
    return marks


def test_article_page_marks_the_stored_annotations(api: TestClient) -> None:
    article_id = "niger-coup-guard-detains-president"
    record = api.get(f"/v1/articles/{article_id}").json()
    page = api.get(f"/articles/{article_id}")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<a class="home" href="/">' in page.text
    marks = _marks(page.text)
    texts = {(m["text"], m.get("tag")) for m in marks.values()}
    text = record["text"]
    for actor in record["actors"]:
        assert (text[actor["start"] : actor["end"]], actor["code"] or "?") in texts
    for place in record["places"]:
        tag = place["country"] or place["feature"]
        assert (text[place["start"] : place["end"]], tag) in texts
    assert ("detained", "E1 173") in texts
    assert ("President Mohamed Bazoum", "NERGOV") in texts
    tree = lxml_html.fromstring(page.text)
    cards = tree.xpath("//li[@class and contains(@class, 'event')]")
    assert len(cards) == len(record["events"])
    assert "verbs/14-20_material_conflict.tsv" in cards[0].text_content()
    # the record is embedded for scripts, with no way to close the script element early
    embedded = tree.xpath("//script[@id='article-record']")[0].text
    assert json.loads(embedded)["article_id"] == article_id
    # the only external URL on the page is the article's own (as text, not loaded)
    assert set(URL.findall(page.text)) <= {record["url"]}


def test_missing_article_page_is_a_404_page(api: TestClient) -> None:
    page = api.get("/articles/" + quote("no such article"))
    assert page.status_code == 404
    assert "no such article" in page.text and page.headers["content-type"].startswith("text/html")
