"""The HTTP API through FastAPI's TestClient (the real app, DuckDB file and Coder), plus a
real `eventcoder serve` process holding its database against `eventcoder ingest`."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pytest
from fastapi.testclient import TestClient

from eventcoder import Coder
from eventcoder.serve import Limits, bind_problem, create_app
from eventcoder.serve.apidocs import plain_reference
from eventcoder.store import EventFilter, Store, iter_events
from eventcoder.store.query import EVENT_FIELDS
from tests.serve.conftest import client_for, copy_db
from tests.store.corpus import REPO, SAMPLES, sample_records

STORY = (
    "NIAMEY, July 28 (Wire) - Nigerien soldiers detained President Mohamed Bazoum on Wednesday. "
    "ECOWAS demanded the release of Bazoum and threatened sanctions against the junta."
)
STATS_KEYS = {"totals", "by_day", "by_country", "by_root", "by_quad", "dyads", "places"}


def _plain(value: Any) -> Any:
    """What a value looks like after a JSON round trip."""
    return json.loads(json.dumps(value))


def _no_trace(response: httpx.Response) -> None:
    text = response.text
    assert "Traceback" not in text and 'File "' not in text and "duckdb" not in text.lower()


def _all_pages(api: TestClient, params: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    cursor = None
    for _ in range(1000):
        page = api.get("/v1/events", params={**params, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        assert body["count"] == len(body["events"])
        found += body["events"]
        cursor = body["next_cursor"]
        if cursor is None:
            return found
    raise AssertionError("pagination did not end")


@pytest.fixture(scope="module")
def stored_events(sample_db: Path) -> list[dict[str, Any]]:
    with Store(sample_db, read_only=True) as store:
        return list(iter_events(store, EventFilter()))


# -- service -------------------------------------------------------------------------------


def test_healthz_reports_the_database(api: TestClient, stored_events: list[Any]) -> None:
    response = api.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["events"] == len(stored_events)
    assert body["articles"] == len(sample_records())


def test_openapi_lists_every_endpoint(api: TestClient) -> None:
    schema = api.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/healthz",
        "/v1/code",
        "/v1/articles",
        "/v1/events",
        "/v1/events/{event_id}",
        "/v1/articles/{article_id}",
        "/v1/stats",
    } <= paths
    page = plain_reference(schema)  # the fallback /docs page, should Swagger UI be missing
    for path in paths:
        assert path in page


def test_docs_page_loads_only_local_assets(api: TestClient) -> None:
    page = api.get("/docs")
    assert page.status_code == 200
    assert "http://" not in page.text and "https://" not in page.text
    assets = [
        part.split('"')[0]
        for part in page.text.replace("'", '"').split('="')[1:]
        if part.startswith("/docs/assets/")
    ]
    assert any(a.endswith(".js") for a in assets) and any(a.endswith(".css") for a in assets)
    for asset in assets:
        served = api.get(asset)
        assert served.status_code == 200 and len(served.content) > 500, asset


def test_unknown_endpoint_is_a_json_404(api: TestClient) -> None:
    response = api.get("/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


# -- coding ----------------------------------------------------------------------------------


def test_code_one_article_returns_the_contract_object(api: TestClient, coder: Coder) -> None:
    response = api.post("/v1/code", json={"text": STORY, "date": "2023-07-28", "id": "n1"})
    assert response.status_code == 200, response.text
    expected = coder.code(STORY, article_id="n1", date="2023-07-28").to_dict()
    # The server reads the article as `eventcoder code` does: its language is identified.
    assert response.json() == {**_plain(expected), "language": "en"}
    assert any(e["cameo"].startswith("17") for e in response.json()["events"])


def test_code_many_articles_in_order_with_default_ids(api: TestClient, coder: Coder) -> None:
    records = sample_records()[:2]
    body = {"articles": [{"text": r["text"], "date": r["date"]} for r in records]}
    response = api.post("/v1/code", json=body)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["article_id"] for r in results] == ["article-1", "article-2"]
    for record, result in zip(records, results, strict=True):
        expected = coder.code(record["text"], article_id=result["article_id"], date=record["date"])
        assert result == {**_plain(expected.to_dict()), "language": "en"}
    assert response.json()["skipped"] == []
    assert response.json()["errors"] == [] and response.json()["warnings"] == []


def test_code_rejects_bad_articles_with_clear_errors(api: TestClient) -> None:
    missing = api.post("/v1/code", json={"title": "no text"})
    assert missing.status_code == 422
    assert missing.json()["error"]["code"] == "invalid_request"
    bad_date = api.post("/v1/code", json={"text": STORY, "date": "28/07/2023"})
    assert bad_date.status_code == 422
    assert "YYYY-MM-DD" in bad_date.json()["error"]["message"]
    empty = api.post("/v1/code", json={"text": "   "})
    assert empty.status_code == 422 and "empty" in empty.json()["error"]["message"]
    mixed = api.post("/v1/code", json={"articles": [{"text": STORY}, {"text": ""}]})
    assert mixed.status_code == 200
    assert len(mixed.json()["results"]) == 1
    assert mixed.json()["skipped"][0]["index"] == 1
    not_json = api.post(
        "/v1/code", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert not_json.status_code == 422
    for response in (missing, bad_date, empty, not_json):
        _no_trace(response)


def test_limits_give_413_naming_the_limit(
    sample_db: Path, coder: Coder, small_limits: Limits, tmp_path: Path
) -> None:
    for client in client_for(copy_db(sample_db, tmp_path), coder, limits=small_limits):
        too_many = client.post("/v1/code", json={"articles": [{"text": STORY}] * 4})
        assert too_many.status_code == 413
        assert too_many.json()["error"]["code"] == "too_many_articles"
        assert "max_articles" in too_many.json()["error"]["message"]
        assert too_many.json()["error"]["limit"] == 3

        too_long = client.post("/v1/code", json={"text": "word " * 500})
        assert too_long.status_code == 413
        assert "max_text_chars" in too_long.json()["error"]["message"]

        body = json.dumps({"text": "x" * 30_000}).encode()
        too_big = client.post(
            "/v1/code", content=body, headers={"content-type": "application/json"}
        )
        assert too_big.status_code == 413
        assert too_big.json()["error"]["code"] == "body_too_large"
        assert "max_body_bytes" in too_big.json()["error"]["message"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
            yield b'{"text": "'
            for _ in range(30):
                yield b"y" * 1000
            yield b'"}'

        chunked = client.post(
            "/v1/code", content=chunks(), headers={"content-type": "application/json"}
        )
        assert chunked.status_code == 413

        page = client.get("/v1/events", params={"limit": 51})
        assert page.status_code == 422 and "max_page" in page.json()["error"]["message"]
        assert client.post("/v1/code", json={"text": STORY}).status_code == 200


def test_coding_queue_is_bounded(sample_db: Path, coder: Coder, tmp_path: Path) -> None:
    full = Limits(max_pending_coding=0)  # no room in the waiting line at all
    for client in client_for(copy_db(sample_db, tmp_path), coder, limits=full):
        busy = client.post("/v1/code", json={"text": STORY})
        assert busy.status_code == 503
        assert busy.headers["retry-after"] == "1"
        assert busy.json()["error"]["code"] == "busy"
        assert client.get("/v1/events", params={"limit": 1}).status_code == 200


# -- storing ---------------------------------------------------------------------------------


def test_post_articles_is_idempotent_and_replaces_changed_content(
    sample_db: Path, coder: Coder, tmp_path: Path
) -> None:
    path = copy_db(sample_db, tmp_path)
    for client in client_for(path, coder):
        before = client.get("/healthz").json()
        article = {"id": "api-1", "text": STORY, "date": "2023-07-28", "source": "API Wire"}
        first = client.post("/v1/articles", json=article)
        assert first.status_code == 200, first.text
        assert first.json()["new"] == 1
        assert first.json()["articles"] == [
            {
                "article_id": "api-1",
                "status": "new",
                "events": first.json()["articles"][0]["events"],
            }
        ]
        assert first.json()["mentions"] >= 2
        after = client.get("/healthz").json()
        assert after["articles"] == before["articles"] + 1

        again = client.post("/v1/articles", json={"articles": [article]})
        assert again.json()["unchanged"] == 1 and again.json()["mentions"] == 0
        assert client.get("/healthz").json() == after

        changed_text = STORY.replace("threatened sanctions against", "praised")
        changed = client.post("/v1/articles", json={**article, "text": changed_text})
        assert changed.json()["changed"] == 1
        stored = client.get("/v1/articles/api-1").json()
        assert stored["text"] == changed_text
        assert stored["source"] == "API Wire"

        no_id = client.post("/v1/articles", json={"text": STORY})
        assert no_id.status_code == 200
        assert no_id.json()["new"] == 0 and "id" in no_id.json()["skipped"][0]["problem"]

        twice = client.post(
            "/v1/articles",
            json={"articles": [{**article, "id": "api-2"}, {**article, "id": "api-2"}]},
        )
        statuses = [a["status"] for a in twice.json()["articles"]]
        assert statuses == ["new", "skipped"]
    with Store(path, read_only=True) as store:  # the server released the file on shutdown
        assert store.count("articles") == len(sample_records()) + 2
        assert store.query("SELECT count(*) FROM skipped")[0][0] >= 2


def test_token_protects_writes_only(sample_db: Path, coder: Coder, tmp_path: Path) -> None:
    article = {"id": "tok-1", "text": STORY}
    for client in client_for(copy_db(sample_db, tmp_path), coder, token="s3cret-token"):
        missing = client.post("/v1/articles", json=article)
        assert missing.status_code == 401
        assert missing.headers["www-authenticate"] == "Bearer"
        assert "Bearer" in missing.json()["error"]["message"]
        wrong = client.post(
            "/v1/articles", json=article, headers={"Authorization": "Bearer not-it"}
        )
        assert wrong.status_code == 401
        right = client.post(
            "/v1/articles", json=article, headers={"Authorization": "Bearer s3cret-token"}
        )
        assert right.status_code == 200 and right.json()["new"] == 1
        assert client.get("/v1/events", params={"limit": 1}).status_code == 200
        assert client.get("/healthz").json()["write_protected"] is True


@pytest.mark.slow  # a real `eventcoder serve` process
def test_non_loopback_hosts_need_a_token() -> None:
    assert bind_problem("127.0.0.1", None) is None
    assert bind_problem("localhost", None) is None
    assert bind_problem("::1", None) is None
    problem = bind_problem("0.0.0.0", None)
    assert problem is not None and "EVENTCODER_TOKEN" in problem
    assert bind_problem("0.0.0.0", "t") is None
    refused = subprocess.run(
        [sys.executable, "-m", "eventcoder.cli", "serve", "--host", "0.0.0.0", "--port", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "EVENTCODER_TOKEN"},
    )
    assert refused.returncode == 2
    assert "refusing to serve on 0.0.0.0 without a token" in refused.stderr


# -- events ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"country": "NER"},
        {"country": "ner", "since": "2023-07-01", "until": "2023-12-31"},
        {"actor": "IGO"},
        {"actor": "NERMIL"},
        {"cameo": "17"},
        {"cameo": "173"},
        {"factuality": "hypothetical"},
    ],
)
def test_event_filters_match_the_store(
    api: TestClient, sample_db: Path, params: dict[str, str]
) -> None:
    with Store(sample_db, read_only=True) as store:
        expected = [str(e["event_id"]) for e in iter_events(store, EventFilter(**params))]
    assert expected, f"{params} matches nothing in the samples"
    found = _all_pages(api, {**params, "limit": 7})
    assert [e["event_id"] for e in found] == expected
    assert set(found[0]) == set(EVENT_FIELDS)


def test_pagination_covers_every_event_once(
    api: TestClient, stored_events: list[dict[str, Any]]
) -> None:
    first = api.get("/v1/events", params={"limit": 10}).json()
    assert first["count"] == 10 and first["next_cursor"]
    for limit in (1, 13, 1000):
        found = _all_pages(api, {"limit": limit})
        assert [e["event_id"] for e in found] == [str(e["event_id"]) for e in stored_events]
    bad = api.get("/v1/events", params={"cursor": "not-a-cursor"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "invalid_cursor"


def test_events_as_csv(api: TestClient, stored_events: list[dict[str, Any]]) -> None:
    response = api.get("/v1/events", params={"format": "csv", "limit": 5, "country": "NER"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5 and list(rows[0]) == list(EVENT_FIELDS)
    assert all(
        "NER" in (r["source_country"], r["target_country"], r["place_country"]) for r in rows
    )
    following = api.get(
        "/v1/events",
        params={
            "format": "csv",
            "limit": 5,
            "country": "NER",
            "cursor": response.headers["x-next-cursor"],
        },
    )
    more = list(csv.DictReader(io.StringIO(following.text)))
    assert more and {r["event_id"] for r in more}.isdisjoint(r["event_id"] for r in rows)


def test_invalid_filters_are_422_naming_the_parameter(api: TestClient) -> None:
    for params, name in (
        ({"country": "NIGER"}, "country"),
        ({"cameo": "abc"}, "cameo"),
        ({"since": "2023-13-01"}, "since"),
        ({"factuality": "maybe"}, "factuality"),
        ({"limit": 0}, "limit"),
        ({"min_sources": "x"}, "min_sources"),
    ):
        response = api.get("/v1/events", params=params)
        assert response.status_code == 422, params
        assert name in response.json()["error"]["message"]
        _no_trace(response)


def test_filter_values_are_bound_not_pasted_into_sql(
    api: TestClient, stored_events: list[dict[str, Any]]
) -> None:
    for params in (
        {"actor": "NER' OR '1'='1"},
        {"actor": "x'); DROP TABLE events; --"},
        {"source": "%"},
        {"target": "' UNION SELECT * FROM articles --"},
    ):
        response = api.get("/v1/events", params=params)
        assert response.status_code == 200, response.text
        assert response.json()["events"] == []
        stats = api.get("/v1/stats", params=params)
        assert stats.status_code == 200 and stats.json()["totals"]["events"] == 0
    assert api.get("/healthz").json()["events"] == len(stored_events)


def test_event_with_its_mentions_and_evidence(api: TestClient, sample_db: Path) -> None:
    texts = {r["id"]: r["text"] for r in sample_records()}
    with Store(sample_db, read_only=True) as store:
        event_id = store.query(
            "SELECT event_id FROM events ORDER BY num_mentions DESC, event_id LIMIT 1"
        )[0][0]
    response = api.get(f"/v1/events/{event_id}")
    assert response.status_code == 200
    event = response.json()
    assert event["event_id"] == str(event_id)
    assert len(event["mentions"]) == event["num_mentions"] >= 1
    for mention in event["mentions"]:
        text = texts[mention["article_id"]]
        assert " ".join(text[mention["start"] : mention["end"]].split()) == mention["evidence"]
        assert mention["trigger"] and mention["rule"]
        assert mention["evidence"].split()[0] in mention["sentence_text"]
        assert text[mention["sentence_start"] : mention["sentence_end"]] == mention["sentence_text"]
        assert "rule_line" in mention
    assert api.get("/v1/events/12345").status_code == 404
    assert api.get("/v1/events/not-a-number").status_code == 422


# -- articles --------------------------------------------------------------------------------


def test_stored_article_has_the_shape_of_a_coded_one(api: TestClient, coder: Coder) -> None:
    for record in sample_records():
        response = api.get(f"/v1/articles/{record['id']}")
        assert response.status_code == 200
        stored = response.json()
        coded = _plain(
            coder.code(
                record["text"],
                article_id=record["id"],
                date=record.get("date"),
                title=record.get("title"),
                url=record.get("url"),
                source=record.get("source"),
            ).to_dict()
        )
        assert stored["text"] == record["text"]
        assert stored["title"] == record.get("title") and stored["url"] == record.get("url")
        assert {k: stored[k] for k in coded} == coded  # quote speakers' offsets included
    missing = api.get("/v1/articles/no-such-article")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "article_not_found"


def test_article_ids_with_slashes(sample_db: Path, coder: Coder, tmp_path: Path) -> None:
    for client in client_for(copy_db(sample_db, tmp_path), coder):
        posted = client.post("/v1/articles", json={"id": "feeds/wire/1.txt", "text": STORY})
        assert posted.json()["new"] == 1
        found = client.get("/v1/articles/feeds/wire/1.txt")
        assert found.status_code == 200 and found.json()["article_id"] == "feeds/wire/1.txt"


# -- stats -----------------------------------------------------------------------------------


def test_stats_keys_and_totals(api: TestClient, stored_events: list[dict[str, Any]]) -> None:
    stats = api.get("/v1/stats").json()
    assert set(stats) == STATS_KEYS
    totals = stats["totals"]
    assert totals["events"] == len(stored_events)
    assert totals["mentions"] == sum(e["num_mentions"] for e in stored_events)
    assert totals["articles"] == len(sample_records())
    dated = [e for e in stored_events if e["date"] is not None]
    assert sum(d["events"] for d in stats["by_day"]) == len(dated)
    assert set(stats["by_day"][0]) == {"date", "quad_class", "events", "mean_goldstein"}
    assert sum(q["events"] for q in stats["by_quad"]) == len(stored_events)
    assert sum(r["events"] for r in stats["by_root"]) == len(stored_events)
    assert all(r["name"] for r in stats["by_root"])
    niger = next(c for c in stats["by_country"] if c["country"] == "NER")
    assert (
        niger["events"]
        == api.get("/v1/stats", params={"country": "NER"}).json()["totals"]["events"]
    )
    dyads = stats["dyads"]
    assert 0 < len(dyads) <= 20
    assert [d["events"] for d in dyads] == sorted((d["events"] for d in dyads), reverse=True)
    assert set(dyads[0]) == {"source", "target", "events"}
    top = dyads[0]
    assert top["events"] == sum(
        1
        for e in stored_events
        if (e["source_code"], e["target_code"]) == (top["source"], top["target"])
    )
    places = stats["places"]
    assert places and set(places[0]) == {"name", "country", "lat", "lon", "events", "quad_class"}
    assert all(p["quad_class"] in (1, 2, 3, 4) for p in places)
    assert sum(p["events"] for p in places) == sum(
        1 for e in stored_events if e["place_lat"] is not None
    )


def test_stats_follow_the_filters(api: TestClient) -> None:
    params = {"country": "NER", "cameo": "1"}
    stats = api.get("/v1/stats", params=params).json()
    events = _all_pages(api, {**params, "limit": 1000})
    assert stats["totals"]["events"] == len(events) > 0
    assert {r["cameo_root"] for r in stats["by_root"]} == {e["cameo_root"] for e in events}


# -- failures --------------------------------------------------------------------------------


def test_internal_errors_are_generic_json_with_an_id(
    sample_db: Path, coder: Coder, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = copy_db(sample_db, tmp_path)
    app = create_app(path, coder=coder)
    with TestClient(app, raise_server_exceptions=False) as client:
        # Break the database under the running server: the events table disappears.
        app.state.runtime.database.store.con.execute("DROP VIEW events_by_day")
        app.state.runtime.database.store.con.execute("DROP TABLE events")
        response = client.get("/v1/events")
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["code"] == "internal_error" and len(error["id"]) == 12
    _no_trace(response)
    assert "Catalog" not in response.text and "SELECT" not in response.text
    assert any(error["id"] in record.getMessage() for record in caplog.records)


# -- a real server process -------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow  # real server and ingest processes
def test_real_server_holds_the_database_against_ingest(
    sample_db: Path, coder: Coder, tmp_path: Path
) -> None:
    """`eventcoder serve` as users run it: coding in its worker process, the file locked."""
    path = copy_db(sample_db, tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "eventcoder.cli", "serve", "--db", str(path), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 300
        health = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                health = httpx.get(f"{url}/healthz", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.5)
        assert health is not None, "server did not start"
        assert health.status_code == 200 and health.json()["articles"] == len(sample_records())

        ingest = subprocess.run(
            [sys.executable, "-m", "eventcoder.cli", "ingest", str(SAMPLES), "--db", str(path)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert ingest.returncode == 1
        lines = ingest.stderr.strip().splitlines()
        assert len(lines) == 1, ingest.stderr
        assert "POST /v1/articles" in lines[0] and f"PID {server.pid}" in lines[0]
        assert "Traceback" not in ingest.stderr

        posted = httpx.post(f"{url}/v1/articles", json={"id": "live-1", "text": STORY}, timeout=300)
        assert posted.status_code == 200 and posted.json()["new"] == 1
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        finally:
            if server.poll() is None:
                server.kill()
                server.wait()
            assert server.stderr is not None
            server.stderr.close()
    # Stopped: the file is free again, and holds what was posted.
    con = duckdb.connect(str(path), read_only=True)
    try:
        found = con.execute("SELECT count(*) FROM articles WHERE article_id = 'live-1'")
        assert found.fetchall() == [(1,)]
    finally:
        con.close()
