"""Queries and exports of a stored corpus, through the API and the command line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventcoder import Coder
from eventcoder.read import ReaderOptions, read_paths
from eventcoder.store import EventFilter, LocalBatchCoder, Store, ingest, iter_events
from eventcoder.store.gdelt import GDELT_COLUMNS, gdelt_fields, split_actor_code
from eventcoder.store.query import EVENT_FIELDS
from tests.helpers import CliRun
from tests.shared_paths import reference_file
from tests.store.corpus import corpus, run_cli, write_jsonl


@pytest.fixture(scope="module")
def db(coder: Coder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("query")
    source = write_jsonl(folder / "corpus.jsonl", corpus(40))  # 28 stories, 12 reported twice
    path = folder / "events.duckdb"
    with Store(path) as store:
        ingest(read_paths([str(source)], ReaderOptions()), store, LocalBatchCoder(coder))
    return path


@pytest.fixture(scope="module")
def all_events(db: Path) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        return list(iter_events(store, EventFilter()))


def _matches(event: dict[str, Any], flt: EventFilter) -> bool:
    codes = (event["source_code"] or "", event["target_code"] or "")
    countries = (event["source_country"], event["target_country"], event["place_country"])
    day = event["date"]
    return (
        (flt.country is None or flt.country in countries)
        and (flt.actor is None or any(c.startswith(flt.actor) for c in codes))
        and (flt.cameo is None or event["cameo"].startswith(flt.cameo))
        and (flt.since is None or (day is not None and day >= dt.date.fromisoformat(flt.since)))
        and (flt.until is None or (day is not None and day <= dt.date.fromisoformat(flt.until)))
        and (flt.factuality is None or event["factuality"] == flt.factuality)
        and (flt.min_sources is None or event["num_sources"] >= flt.min_sources)
    )


@pytest.mark.parametrize(
    "flt",
    [
        EventFilter(country="NER"),
        EventFilter(actor="IGO"),
        EventFilter(actor="NERMIL"),
        EventFilter(cameo="17"),
        EventFilter(cameo="173"),
        EventFilter(since="2024-01-01", until="2024-03-31"),
        EventFilter(country="NGA", since="2024-01-01"),
        EventFilter(factuality="hypothetical", cameo="1"),
        EventFilter(min_sources=2),
    ],
)
def test_filters_select_exactly_the_matching_events(
    db: Path, all_events: list[dict[str, Any]], flt: EventFilter
) -> None:
    with Store(db, read_only=True) as store:
        found = list(iter_events(store, flt))
    expected = [e for e in all_events if _matches(e, flt)]
    assert found, f"{flt} matches nothing in the test corpus"
    assert [e["event_id"] for e in found] == [e["event_id"] for e in expected]


def test_events_command_formats(db: Path, all_events: list[dict[str, Any]]) -> None:
    niger = [e for e in all_events if _matches(e, EventFilter(country="NER"))]
    result = run_cli(
        "events", "--db", str(db), "--country", "NER", "--format", "jsonl", "--mentions"
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["event_id"] for r in records] == [e["event_id"] for e in niger]
    for record in records:
        assert len(record["mentions"]) == record["num_mentions"]
        for mention in record["mentions"]:
            assert mention["evidence"] and mention["article_id"]
    result = run_cli("events", "--db", str(db), "--cameo", "17", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(r["cameo"].startswith("17") for r in rows)
    assert list(rows[0]) == list(EVENT_FIELDS)
    result = run_cli("events", "--db", str(db), "--actor", "IGOWAFWAS", "--limit", "3")
    assert result.returncode == 0, result.stderr
    assert "IGOWAFWAS" in result.stdout and "3 events" in result.stdout
    result = run_cli("events", "--db", str(db), "--since", "2024-13-01")
    assert result.returncode == 2 and "not a date" in result.stderr
    result = run_cli("events", "--db", str(db.parent / "missing.duckdb"))
    assert result.returncode == 1 and "no such database" in result.stderr


def test_export_csv_and_parquet(db: Path, tmp_path: Path, all_events: list[dict[str, Any]]) -> None:
    out_csv = tmp_path / "events.csv"
    result = run_cli("export", "--db", str(db), "--format", "csv", "--output", str(out_csv))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8")))
    assert len(rows) == len(all_events)
    assert [int(r["event_id"]) for r in rows] == [e["event_id"] for e in all_events]
    out_parquet = tmp_path / "ner.parquet"
    result = run_cli(
        "export", "--db", str(db), "--format", "parquet", "--output", str(out_parquet),
        "--country", "NER",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    con = duckdb.connect()
    back = con.execute(f"SELECT event_id FROM read_parquet('{out_parquet}')").fetchall()
    niger = [e["event_id"] for e in all_events if _matches(e, EventFilter(country="NER"))]
    assert [r[0] for r in back] == niger
    mentions = tmp_path / "mentions.parquet"
    result = run_cli(
        "export", "--db", str(db), "--format", "parquet", "--table", "mentions",
        "--output", str(mentions),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    total = con.execute(f"SELECT count(*) FROM read_parquet('{mentions}')").fetchone()
    assert total == (sum(e["num_mentions"] for e in all_events),)


def test_export_gdelt_has_61_columns_in_gdelt_order(
    db: Path, tmp_path: Path, all_events: list[dict[str, Any]]
) -> None:
    reference = reference_file("GDELT2_columns.txt")
    if reference is not None:
        text = reference.read_text(encoding="utf-8")
        block = text.split("## EVENTS")[1].split("##")[0]
        names = [w for line in block.splitlines() if not line.startswith("#") for w in line.split()]
        names = [n for n in names if not n.startswith("(")]
        assert tuple(names[names.index("GLOBALEVENTID") :]) == GDELT_COLUMNS
    assert len(GDELT_COLUMNS) == 61
    out = tmp_path / "events.gdelt.tsv"
    result = run_cli("export", "--db", str(db), "--format", "gdelt", "--output", str(out))
    assert result.returncode == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(all_events)
    column = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    for line, event in zip(lines, all_events, strict=True):
        fields = line.split("\t")
        assert len(fields) == 61
        assert fields[column["GLOBALEVENTID"]] == str(event["event_id"])
        assert fields[column["SQLDATE"]] == event["date"].strftime("%Y%m%d")
        assert fields[column["EventCode"]] == event["cameo"]
        assert fields[column["EventRootCode"]] == event["cameo"][:2]
        assert fields[column["QuadClass"]] == str(event["quad_class"])
        assert fields[column["Actor1Code"]] == (event["source_code"] or "")
        assert fields[column["NumArticles"]] == str(event["num_articles"])
        assert fields[column["AvgTone"]] == ""


def test_gdelt_fields_of_one_event() -> None:
    event = {
        "event_id": 42,
        "date": dt.date(2023, 7, 26),
        "source_code": "CODREBM23",
        "source_name": "M23",
        "source_country": "COD",
        "target_code": "IGOWAFWAS",
        "target_country": None,
        "cameo": "1731",
        "quad_class": 4,
        "goldstein": -5.0,
        "num_mentions": 3,
        "num_sources": 2,
        "num_articles": 2,
        "is_root_event": True,
        "place_name": "Niamey",
        "place_country": "NER",
        "place_lat": 13.51,
        "place_lon": 2.11,
        "place_geonameid": 2440485,
        "place_feature": "city",
        "date_added": dt.date(2023, 7, 27),
        "source_url": "https://example.org/a",
    }
    row = dict(zip(GDELT_COLUMNS, gdelt_fields(event), strict=True))
    assert row["SQLDATE"] == "20230726" and row["MonthYear"] == "202307"
    assert row["Year"] == "2023" and row["FractionDate"] == "2023.6466"
    assert (row["Actor1CountryCode"], row["Actor1Type1Code"], row["Actor1KnownGroupCode"]) == (
        "COD",
        "REB",
        "M23",
    )
    assert (row["Actor2CountryCode"], row["Actor2Type1Code"], row["Actor2KnownGroupCode"]) == (
        "",
        "IGO",
        "WAS",
    )
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("1731", "173", "17")
    assert row["IsRootEvent"] == "1" and row["Actor1Name"] == "M23"
    assert row["ActionGeo_Type"] == "4" and row["ActionGeo_FullName"] == "Niamey"
    assert row["ActionGeo_Lat"] == "13.51" and row["ActionGeo_FeatureID"] == "2440485"
    assert row["DATEADDED"] == "20230727000000" and row["SOURCEURL"] == "https://example.org/a"
    assert split_actor_code("NERGOVMIL", "NER") == ("NER", "", ["GOV", "MIL"])
    assert split_actor_code(None, None) == ("", "", [])


def test_code_format_gdelt_writes_61_columns_per_event(
    tmp_path: Path, cli_in_process: CliRun
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "NIAMEY, July 28 (Wire) - Nigerien soldiers detained President Mohamed Bazoum on "
        "Wednesday. ECOWAS demanded the release of Bazoum and threatened sanctions against "
        "the junta.",
        encoding="utf-8",
    )
    result = cli_in_process("code", str(story), "--date", "2023-07-28", "--format", "gdelt")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines
    assert all(len(line.split("\t")) == 61 for line in lines)
    codes = {line.split("\t")[GDELT_COLUMNS.index("EventCode")] for line in lines}
    assert any(code.startswith("17") for code in codes)
