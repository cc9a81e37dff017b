"""The command line as a user runs it: real processes, exit codes, stdout and stderr."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

# Real processes, each loading the model: the slow tier.
pytestmark = pytest.mark.slow

STORY = (
    "NIAMEY, July 28 (Wire) - Nigerien soldiers detained President Mohamed Bazoum on Wednesday. "
    "ECOWAS demanded the release of Bazoum and threatened sanctions against the junta."
)
EVENT_KEYS = {
    "id",
    "sentence",
    "source",
    "target",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover",
    "factuality",
    "date",
    "date_basis",
    "location",
    "start",
    "end",
    "trigger",
    "rule",
}
ACTOR_KEYS = {"text", "name", "code", "country", "role", "start", "end"}


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventcoder.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    (folder / "a-good.txt").write_text(STORY, encoding="utf-8")
    (folder / "b-empty.txt").write_text("", encoding="utf-8")
    (folder / "c-binary.txt").write_bytes(b"\x89PNG\x00\x00\x00" * 10)
    lines = [
        json.dumps({"id": "j1", "text": STORY, "date": "2023-07-28"}),
        "{broken json",
        json.dumps({"id": "j3", "text": STORY.replace("Wednesday", "Thursday")}),
    ]
    (folder / "d-batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_folder_with_bad_inputs_codes_the_rest_and_exits_1(batch: Path) -> None:
    result = run("code", str(batch), "--date", "2023-07-27")
    assert result.returncode == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article_id"] for r in records] == ["a-good.txt", "j1", "j3"]
    assert records[0]["date"] == "2023-07-27" and records[1]["date"] == "2023-07-28"
    skipped = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert len(skipped) == 3, result.stderr
    assert any("b-empty.txt" in line and "empty" in line for line in skipped)
    assert any("c-binary.txt" in line and "binary" in line for line in skipped)
    assert any("d-batch.jsonl:2" in line and "malformed JSON" in line for line in skipped)


def test_jsonl_records_follow_the_contract(batch: Path) -> None:
    result = run("code", str(batch / "a-good.txt"), "--date", "2023-07-28")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert set(record) == {"article_id", "date", "language", "events", "quotes", "places", "actors"}
    assert record["language"] == "en"  # optional field (2026-12): the language identified
    codes = {(e["source"]["code"] if e["source"] else None, e["cameo"]) for e in record["events"]}
    assert ("NERMIL", "173") in codes and ("IGOWAFWAS", "1053") in codes
    for event in record["events"]:
        assert set(event) >= EVENT_KEYS
        assert event["cameo_root"] == event["cameo"][:2]
        for actor in (event["source"], event["target"]):
            if actor is not None:
                assert set(actor) >= ACTOR_KEYS
                assert STORY[actor["start"] : actor["end"]] == actor["text"]
        assert STORY[event["start"] : event["end"]].strip()


def test_csv_has_one_flat_row_per_event(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = run("code", str(batch / "d-batch.jsonl"), "--format", "csv", "--output", str(out))
    assert result.returncode == 1  # the broken line is skipped and reported
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and {r["article_id"] for r in rows} == {"j1", "j3"}
    assert {"source_code", "target_code", "cameo", "quad_class", "goldstein", "evidence"} <= set(
        rows[0]
    )
    assert any(r["cameo"] == "173" and r["source_code"] == "NERMIL" for r in rows)


def test_stdin_plain_text(batch: Path) -> None:
    result = run("code", "-", "--date", "2023-07-28", stdin=STORY)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["article_id"] == "stdin" and record["events"]


def test_usage_errors_exit_2() -> None:
    assert run("code", "somewhere.txt", "--date", "28/07/2023").returncode == 2
    assert run("code").returncode == 2
    assert run("code", "x.txt", "--format", "xml").returncode == 2
