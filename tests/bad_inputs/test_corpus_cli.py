"""The bad-input corpus through `eventcoder code` and `eventcoder ingest` (in this process,
with the session's coder): no traceback, one line naming each bad input, exit status 1, and
every good article coded and stored."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.bad_inputs.corpus import Case, Corpus, unlock, write_corpus
from tests.helpers import CliRun


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    folder = tmp_path_factory.mktemp("bad-inputs") / "corpus"
    found = write_corpus(folder)
    yield found
    unlock(folder)


def test_the_corpus_has_every_kind(corpus: Corpus) -> None:
    kinds = {case.kind for case in corpus.cases} | set(corpus.not_here)
    assert len(kinds) >= 60, len(kinds)
    for why in corpus.not_here.values():  # cases this machine cannot make, and why
        assert "root" in why or "permissions" in why


def _line_for(case: Case, corpus: Corpus, stderr: str, prefix: str) -> str:
    where = str(corpus.folder / case.where)
    found = [
        line
        for line in stderr.splitlines()
        if line.startswith(f"eventcoder: {prefix} {where}: ") and all(w in line for w in case.words)
    ]
    assert len(found) == 1, (case.kind, where, case.words, stderr)
    return found[0]


def _check_lines(corpus: Corpus, stderr: str) -> None:
    assert "Traceback" not in stderr
    for case in corpus.skipped():
        _line_for(case, corpus, stderr, "skipped")
    for case in corpus.warned():
        _line_for(case, corpus, stderr, "warning:")


def test_code_reports_each_bad_input_and_codes_every_good_article(
    corpus: Corpus, cli_in_process: CliRun
) -> None:
    result = cli_in_process("code", str(corpus.folder), "--date", "2023-07-28")
    assert result.returncode == 1
    _check_lines(corpus, result.stderr)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["article_id"] for r in records) == corpus.coded_ids()
    assert all(
        r["language"] == ("fr" if r["article_id"] == "french.txt" else "en") for r in records
    )
    skipped = len(corpus.skipped())
    assert f"{len(records)} article(s) coded, {skipped} input(s) left out" in result.stderr
    events = {r["article_id"]: [_no_id(e) for e in r["events"]] for r in records}
    assert events["good.txt"], "the good story is coded as usual"
    for twin in ("utf16-bom.txt", "utf16le.txt", "utf16be.txt", "utf32.txt", "utf8-bom.txt"):
        assert events[twin] == events["good.txt"], twin


def _no_id(event: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in event.items() if k != "id"}


@pytest.mark.slow  # the whole corpus a second time (tests/test_isolation.py covers ingest fast)
def test_ingest_stores_every_good_article_and_files_the_rest(
    corpus: Corpus, cli_in_process: CliRun, tmp_path: Path
) -> None:
    db = tmp_path / "corpus.duckdb"
    result = cli_in_process("ingest", str(corpus.folder), "--db", str(db), "--date", "2023-07-28")
    assert result.returncode == 1
    _check_lines(corpus, result.stderr)
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = sorted(r[0] for r in con.execute("SELECT article_id FROM articles").fetchall())
        locations = [r[0] for r in con.execute("SELECT location FROM skipped").fetchall()]
    finally:
        con.close()
    assert stored == sorted(set(corpus.coded_ids()))  # a duplicate id is stored once
    for case in corpus.skipped():
        where = str(corpus.folder / case.where)
        assert any(loc == where or loc.startswith(f"{where}: ") for loc in locations), case.kind
    assert any("duplicate article id" in line for line in result.stderr.splitlines())


def test_oversized_integer_options_are_usage_errors(cli_in_process: CliRun, tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    assert cli_in_process("ingest", "--db", str(db)).returncode == 0
    result = cli_in_process("events", "--db", str(db), "--min-sources", "9" * 40)
    assert result.returncode == 2
    assert "--min-sources" in result.stderr and "at most 2,147,483,647" in result.stderr
    assert "Traceback" not in result.stderr
