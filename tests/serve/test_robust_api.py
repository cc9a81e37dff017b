"""The API with bad input: per-article errors (200, the good articles coded and stored),
bounded integers (422 naming the field), and /docs serving nothing that reaches elsewhere."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from eventcoder import Coder
from tests.bad_inputs.corpus import CHINESE, OTHER, STORY
from tests.serve.conftest import client_for, copy_db
from tests.test_isolation import Failing


@pytest.fixture
def failing(coder: Coder, monkeypatch: pytest.MonkeyPatch) -> Iterator[Coder]:
    """The session coder (the API's, in this process) failing in "time" on ids "boom*"."""
    stages = tuple(Failing(s) if s.name == "time" else s for s in coder.stages)
    monkeypatch.setattr(coder, "stages", stages)
    yield coder


@pytest.fixture(scope="module")
def robust_api(
    sample_db: Path, coder: Coder, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    yield from client_for(copy_db(sample_db, tmp_path_factory.mktemp("robust-api")), coder)


BATCH = [
    {"id": "good1", "text": STORY, "date": "2023-07-28"},
    {"id": "boom1", "text": STORY, "date": "2023-07-28"},
    {"id": "zh1", "text": CHINESE},
    {"id": "old1", "text": "Rebels attacked the town yesterday.", "date": "0001-01-01"},
    {"id": "far1", "text": "Rebels will attack the town tomorrow.", "date": "9999-12-31"},
    {"id": "empty1", "text": "  "},
    {"id": "sur1", "text": "Soldiers attacked\ud800 the town on Monday."},
    {"id": "good2", "text": OTHER},
]


def _post(client: TestClient, path: str, body: object) -> Response:
    """POST JSON as a client that escapes non-ASCII does (lone surrogates as \\ud800)."""
    return client.post(path, content=json.dumps(body), headers={"content-type": "application/json"})


def test_code_lists_each_failure_and_codes_the_rest(robust_api: TestClient, failing: Coder) -> None:
    response = _post(robust_api, "/v1/code", {"articles": BATCH})
    assert response.status_code == 200, response.text
    body = response.json()
    assert [r["article_id"] for r in body["results"]] == ["good1", "sur1", "good2"]
    assert body["results"][0]["events"] and body["results"][0]["language"] == "en"
    [error] = body["errors"]
    assert error["index"] == 1 and error["id"] == "boom1" and error["stage"] == "time"
    assert error["reason"] == "OverflowError: date value out of range"
    skipped = {s["id"]: s["problem"] for s in body["skipped"]}
    assert set(skipped) == {"zh1", "old1", "far1", "empty1"}
    assert "Chinese (zh)" in skipped["zh1"] and "1800-01-01..2200-12-31" in skipped["old1"]
    [warning] = body["warnings"]
    assert warning["index"] == 6 and "U+FFFD" in warning["warning"]


def test_one_article_that_cannot_be_coded_is_a_422_naming_the_stage(
    robust_api: TestClient, failing: Coder
) -> None:
    response = robust_api.post("/v1/code", json={"id": "boom", "text": STORY})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "coding_failed" and error["stage"] == "time"
    assert "coding failed in the time stage" in error["message"]


def test_store_keeps_the_good_articles_and_retries_the_failed_one(
    robust_api: TestClient, coder: Coder, monkeypatch: pytest.MonkeyPatch
) -> None:
    stages = coder.stages
    monkeypatch.setattr(
        coder, "stages", tuple(Failing(s) if s.name == "time" else s for s in stages)
    )
    articles = [dict(a, id=f"s-{a['id']}" if a["id"] != "boom1" else "boom-s") for a in BATCH]
    response = _post(robust_api, "/v1/articles", {"articles": articles})
    assert response.status_code == 200, response.text
    body = response.json()
    statuses = {a["article_id"]: a["status"] for a in body["articles"]}
    assert statuses == {"s-good1": "new", "boom-s": "failed", "s-sur1": "new", "s-good2": "new"}
    assert body["new"] == 3
    [error] = body["errors"]
    assert error["id"] == "boom-s" and error["stage"] == "time" and error["index"] == 1
    assert robust_api.get("/v1/articles/s-good1").status_code == 200
    assert robust_api.get("/v1/articles/boom-s").status_code == 404
    monkeypatch.setattr(coder, "stages", stages)
    again = _post(robust_api, "/v1/articles", {"articles": articles}).json()
    assert {a["article_id"]: a["status"] for a in again["articles"]}["boom-s"] == "new"
    assert again["errors"] == [] and again["unchanged"] == 3
    assert robust_api.get("/v1/articles/boom-s").status_code == 200


def test_an_article_of_the_wrong_shape_is_a_422_naming_its_field(robust_api: TestClient) -> None:
    response = robust_api.post(
        "/v1/code", json={"articles": [{"text": STORY}, {"text": STORY, "id": 12345}]}
    )
    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert any(d["loc"].endswith("articles.1.id") for d in details), details
    assert robust_api.post("/v1/code", json=[{"text": STORY}]).status_code == 422


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/v1/events/" + "9" * 40, "event_id"),
        ("/v1/events/-1", "event_id"),
        ("/v1/events/9223372036854775808", "event_id"),
        ("/v1/events?min_sources=" + "9" * 40, "min_sources"),
        ("/v1/stats?min_sources=" + "9" * 40, "min_sources"),
        ("/v1/events?limit=" + "9" * 40, "limit"),
        ("/v1/events?min_sources=2147483648", "min_sources"),
    ],
)
def test_integers_in_paths_and_queries_are_bounded(
    robust_api: TestClient, path: str, field: str
) -> None:
    response = robust_api.get(path)
    assert response.status_code == 422, (path, response.text)
    assert field in response.json()["error"]["message"]
    assert robust_api.get("/v1/events/9223372036854775807").status_code == 404


# -- /docs and what the app serves --------------------------------------------------------------

URL = re.compile(r"https?://([\w.-]+)")
LOCAL = {"localhost", "127.0.0.1", "testserver"}
# Hosts named in the Swagger UI bundle that the /docs page never contacts (checked by reading
# the bundle, swagger-ui 5.31.0):
SWAGGER_HOSTS = {
    "www.w3.org",  # XML and SVG namespace names in the code and in inline SVG (never fetched)
    "json-schema.org",  # JSON Schema $schema / dialect identifiers (names, not fetched)
    "spec.openapis.org",  # OpenAPI 3.1 dialect identifiers (names, not fetched)
    "datatracker.ietf.org",  # links in bundled code comments and error messages
    "www.rfc-editor.org",  # idem
    "github.com",  # licence comments and error-message links
    "swagger.io",  # a documentation link in an error message
    "spdx.org",  # licence identifiers
    "reactjs.org",  # React's minified-error links (text only)
    "redux.js.org",  # Redux's error links (text only)
    "fb.me",  # React warning links (text only)
    "validator.swagger.io",  # the default validatorUrl: our page sets validatorUrl to null
    "example.com",  # example values the UI generates for a "uri" field
    "실례.com",  # the same for an "iri" field
    "base",  # the dummy base of `new URL(value, "https://base...")` used to sanitise URLs
    "vladimirgorej.com",  # a dummy base URL in the same way (apidom)
    "twitter.com",  # Autolinker's hashtag/mention link builders (links only, on click)
    "www.facebook.com",
    "instagram.com",
    "soundcloud.com",
    "www.tiktok.com",
}
# The dashboard's Vega bundle (tests/serve/test_dashboard.py says why each is never fetched).
VEGA_HOSTS = {"www.w3.org", "github.com", "vega.github.io"}


def _hosts(text: str) -> set[str]:
    return set(URL.findall(text)) - LOCAL


def test_docs_assets_are_only_what_the_page_loads(robust_api: TestClient) -> None:
    page = robust_api.get("/docs")
    assert page.status_code == 200 and not _hosts(page.text)
    assert '"validatorUrl": null' in page.text
    loaded = re.findall(r'(?:src|href)="(/docs/assets/[^"]+)"', page.text)
    assert sorted(loaded) == [
        "/docs/assets/favicon-32x32.png",
        "/docs/assets/swagger-ui-bundle.js",
        "/docs/assets/swagger-ui.css",
    ]
    for path in loaded:
        assert robust_api.get(path).status_code == 200, path
    for path in (
        "/docs/assets/index.html",
        "/docs/assets/swagger-initializer.js",
        "/docs/assets/swagger-ui-bundle.js.map",
        "/docs/assets/oauth2-redirect.html",
        "/docs/assets/..%2F..%2Fpyproject.toml",
    ):
        assert robust_api.get(path).status_code == 404, path


def test_nothing_the_app_serves_refers_to_an_external_host(robust_api: TestClient) -> None:
    served = {
        "/docs": set(),
        "/openapi.json": set(),
        "/healthz": set(),
        "/docs/assets/swagger-ui-bundle.js": SWAGGER_HOSTS,
        "/docs/assets/swagger-ui.css": {"www.w3.org"},  # SVG namespaces of inline icons
        "/": set(),
        "/assets/dashboard.js": set(),
        "/assets/dashboard.css": set(),
        "/assets/vega.js": VEGA_HOSTS,
        # Data: the sample articles' own URLs (example.org), stored text the API returns.
        "/v1/stats": {"example.org"},
        "/v1/events?limit=20": {"example.org"},
    }
    for path, allowed in served.items():
        response = robust_api.get(path)
        assert response.status_code == 200, path
        found = _hosts(response.text)
        assert found <= allowed, (path, found - allowed)


def test_a_refused_article_with_a_lone_surrogate_in_its_id_is_reported(
    robust_api: TestClient,
) -> None:
    body = {"articles": [{"id": "x\ud800", "text": STORY, "date": "bad"}, {"text": OTHER}]}
    response = _post(robust_api, "/v1/code", body)
    assert response.status_code == 200, response.text
    assert response.json()["skipped"][0]["id"] == "x\ufffd"
