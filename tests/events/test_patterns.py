"""The event dictionaries: coverage required by the project, and clear errors for bad lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.datafiles import DATA_DIR, DataError
from eventcoder.events import PatternBook
from eventcoder.ontology import Ontology


@pytest.fixture(scope="module")
def book() -> PatternBook:
    return PatternBook.load(Ontology.load())


def test_dictionary_coverage(book: PatternBook) -> None:
    assert book.pattern_count() >= 1500
    codes = book.cameo_codes()
    assert len(codes) >= 200
    assert {code[:2] for code in codes} == {f"{r:02d}" for r in range(1, 21)}


def test_specific_patterns_win_over_general_ones(book: PatternBook) -> None:
    impose = book.verbs[("impose", None)]
    assert impose[0].specificity >= impose[-1].specificity
    curfew = [p for p in impose if p.objects and "curfew" in p.objects]
    assert curfew and curfew[0].cameo == "1723"


def test_frames_map_embedded_codes(book: PatternBook) -> None:
    assert book.framed_code("0841", "demand") == "1053"
    assert book.framed_code("0841", "appeal") == "0253"
    assert book.framed_code("163", "threaten") == "1312"
    assert book.framed_code("1041", "reject") == "1231"
    # Unknown combinations fall back to the frame's generic code.
    assert book.framed_code("193", "appeal") == "020"


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    for path in DATA_DIR.rglob("*.tsv"):
        dest = target / path.relative_to(DATA_DIR)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(path.read_bytes())
    return target


def test_malformed_verb_line_names_file_and_line(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    bad = data / "verbs" / "zz_local.tsv"
    bad.write_text("# a user's own patterns\n173\tdetain\t-\t-\t-\n999\tfrobnicate\t-\t-\t-\n")
    with pytest.raises(DataError, match=r"verbs/zz_local.tsv:3: '999' is not a CAMEO event code"):
        PatternBook.load(Ontology.load(data), data)


def test_unknown_class_is_reported(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    (data / "verbs" / "zz_local.tsv").write_text("173\tdetain\t-\t@nosuchclass\t-\n")
    with pytest.raises(DataError, match=r"zz_local.tsv:1: unknown noun class '@nosuchclass'"):
        PatternBook.load(Ontology.load(data), data)


def test_a_new_pattern_needs_no_code_change(tmp_path: Path) -> None:
    from eventcoder import Coder

    data = _copy_data(tmp_path)
    (data / "verbs" / "zz_local.tsv").write_text("# local addition\n1711\tsequester\t-\t-\t-\n")
    coder = Coder(data_dir=data)
    result = coder.code("Nigerien soldiers sequestered the president's car.", article_id="t")
    assert any(e.cameo == "1711" and e.rule_line == "verbs/zz_local.tsv:2" for e in result.events)
