"""Per-article isolation: an article whose parse or stage raises becomes a CodingFailure (the
stage named, a one-line reason), and every other article of the batch is coded, printed and
stored; a failed article is not stored, so the next ingest tries it again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from spacy.tokens import Doc

from eventcoder import Coder
from eventcoder.coder import CodingError
from eventcoder.records import Article, CodingFailure, Result
from eventcoder.state import ArticleState, Stage
from tests.bad_inputs.corpus import OTHER, STORY
from tests.helpers import CliRun


class Failing:
    """A stage that raises for the articles whose id starts with ``prefix``."""

    def __init__(self, inner: Stage, prefix: str = "boom") -> None:
        self.inner = inner
        self.name = inner.name
        self.prefix = prefix

    def __call__(self, doc: Doc, state: ArticleState) -> ArticleState:
        if state.article.id.startswith(self.prefix):
            raise OverflowError("date value out of range\nsecond line of the message")
        return self.inner(doc, state)


@pytest.fixture
def failing_time(coder: Coder, monkeypatch: pytest.MonkeyPatch) -> Iterator[Coder]:
    """The session coder with a time stage that fails on articles "boom*"."""
    stages = tuple(Failing(s) if s.name == "time" else s for s in coder.stages)
    monkeypatch.setattr(coder, "stages", stages)
    yield coder


def _articles(n: int, bad: set[int]) -> list[Article]:
    return [
        Article(
            f"boom{i}" if i in bad else f"a{i}",
            STORY if i % 2 else OTHER,
            "2023-07-28",
            origin=f"in.jsonl:{i + 1}",
        )
        for i in range(n)
    ]


def test_a_failing_stage_is_named_and_the_rest_is_coded(failing_time: Coder) -> None:
    found = list(failing_time.code_many_safe(_articles(6, {2})))
    assert [type(f).__name__ for f in found] == ["Result"] * 2 + ["CodingFailure"] + ["Result"] * 3
    failure = found[2]
    assert isinstance(failure, CodingFailure)
    assert failure.stage == "time" and failure.article_id == "boom2"
    assert failure.reason == "OverflowError: date value out of range"  # one line
    assert str(failure) == (
        "in.jsonl:3: article boom2: coding failed in the time stage: "
        "OverflowError: date value out of range"
    )


def test_code_many_reports_to_on_error_or_raises(failing_time: Coder) -> None:
    seen: list[CodingFailure] = []
    results = list(failing_time.code_many(_articles(4, {0, 3}), on_error=seen.append))
    assert [r.article_id for r in results] == ["a1", "a2"]
    assert [f.article_id for f in seen] == ["boom0", "boom3"]
    with pytest.raises(CodingError, match="time stage") as raised:
        list(failing_time.code_many(_articles(4, {1})))
    assert raised.value.failure.article_id == "boom1"


def test_a_text_spacy_cannot_parse_costs_only_itself(coder: Coder) -> None:
    articles = [Article(f"a{i}", STORY, "2023-07-28") for i in range(5)]
    articles[2] = Article("bad", "Soldiers attacked\ud800 the town.")  # no UTF-8 holds it
    found = list(coder.code_many_safe(articles))
    assert [type(f).__name__ for f in found].count("Result") == 4
    failure = found[2]
    assert isinstance(failure, CodingFailure) and failure.stage == "parse"
    assert "UnicodeEncodeError" in failure.reason
    good = coder.code(STORY, article_id="a0", date="2023-07-28")
    assert isinstance(found[0], Result) and found[0].events == good.events


def test_code_prints_the_failure_and_exits_1(
    failing_time: Coder, cli_in_process: CliRun, tmp_path: Path
) -> None:
    path = tmp_path / "in.jsonl"
    lines = [{"id": f"a{i}", "text": STORY} for i in range(5)]
    lines[3]["id"] = "boom3"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = cli_in_process("code", str(path), "--date", "2023-07-28")
    assert result.returncode == 1
    ids = [json.loads(line)["article_id"] for line in result.stdout.splitlines()]
    assert ids == ["a0", "a1", "a2", "a4"]
    assert f"eventcoder: skipped {path}:4: article boom3: coding failed in the time stage: " in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_ingest_keeps_the_good_articles_and_retries_the_failed_one(
    coder: Coder, cli_in_process: CliRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's case: 12 articles, batch size 4, the sixth fails: 11 stored; the next
    ingest (the stage fixed) stores the twelfth."""
    path = tmp_path / "twelve.jsonl"
    records = [
        {"id": f"a{i:02d}", "text": STORY if i % 2 else OTHER, "date": "2023-07-28"}
        for i in range(12)
    ]
    records[5]["id"] = "boom05"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "twelve.duckdb"

    stages = tuple(Failing(s) if s.name == "time" else s for s in coder.stages)
    monkeypatch.setattr(coder, "stages", stages)
    first = cli_in_process("ingest", str(path), "--db", str(db), "--batch-size", "4")
    assert first.returncode == 1
    assert "article boom05: coding failed in the time stage" in first.stderr
    assert "Traceback" not in first.stderr
    stored, skipped = _stored(db)
    assert len(stored) == 11 and "boom05" not in stored
    assert skipped == [("boom05", "time")]

    monkeypatch.setattr(
        coder, "stages", tuple(s.inner if isinstance(s, Failing) else s for s in stages)
    )
    second = cli_in_process("ingest", str(path), "--db", str(db), "--batch-size", "4")
    assert second.returncode == 0, second.stderr
    assert "1 new, 0 changed, 11 unchanged" in second.stderr
    assert len(_stored(db)[0]) == 12


def _stored(db: Path) -> tuple[list[str], list[tuple[str, str]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = [r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()]
        skipped = con.execute(
            "SELECT article_id, stage FROM skipped WHERE stage IS NOT NULL"
        ).fetchall()
    finally:
        con.close()
    return stored, [(str(a), str(s)) for a, s in skipped]
