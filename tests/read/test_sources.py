"""Reading inputs: every kind of bad input becomes one ReadError, the rest is still read."""

from __future__ import annotations

import io
import json
from pathlib import Path

from eventcoder.read import ReaderOptions, ReadError, read_paths, read_stdin
from eventcoder.records import Article

ENGLISH = (
    "Soldiers detained the president in the capital on Wednesday, and the regional bloc said "
    "it would meet to discuss the crisis. The army said the president was in good health and "
    "that the borders had been closed until further notice, according to a statement."
)
SPANISH = (
    "Soldados de la guardia presidencial de Níger detuvieron el miércoles al presidente "
    "Mohamed Bazoum. La CEDEAO exigió su liberación y amenazó a la junta con sanciones."
)
FRENCH = (
    "Les soldats ont arrêté le président dans la capitale mercredi, et le bloc régional a "
    "annoncé une réunion pour discuter de la crise. L'armée a déclaré que le président était "
    "en bonne santé et que les frontières étaient fermées jusqu'à nouvel ordre."
)


def _read(paths: list[Path], **options: object) -> list[Article | ReadError]:
    return list(read_paths([str(p) for p in paths], ReaderOptions(**options)))  # type: ignore[arg-type]


def test_text_file_uses_path_as_id_and_default_date(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    [article] = _read([path], default_date="2023-07-28")
    assert isinstance(article, Article)
    assert article.id == str(path)
    assert article.date == "2023-07-28"
    assert article.text == ENGLISH


def test_folder_is_read_recursively_with_relative_ids(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "two.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    items = _read([tmp_path])
    assert [a.id for a in items if isinstance(a, Article)] == ["a/one.txt", "two.txt"]


def test_bad_files_each_give_one_error_and_good_ones_are_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 20)
    (tmp_path / "latin1.txt").write_bytes(ENGLISH.replace("capital", "capitál").encode("latin-1"))
    (tmp_path / "spanish.txt").write_text(SPANISH, encoding="utf-8")
    items = _read([tmp_path])
    articles = [i for i in items if isinstance(i, Article)]
    errors = {Path(e.where).name: e.problem for e in items if isinstance(e, ReadError)}
    assert [a.id for a in articles] == ["good.txt"]
    assert set(errors) == {"empty.txt", "binary.txt", "latin1.txt", "spanish.txt"}
    assert "empty" in errors["empty.txt"]
    assert "binary" in errors["binary.txt"]
    assert "not UTF-8" in errors["latin1.txt"] and "offset" in errors["latin1.txt"]
    assert "Spanish" in errors["spanish.txt"]


def test_too_large_file_is_refused_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(ENGLISH * 100, encoding="utf-8")
    [error] = _read([path], max_bytes=1000)
    assert isinstance(error, ReadError)
    assert "too large" in error.problem and "1,000" in error.problem


def test_jsonl_bad_lines_are_reported_by_line_and_others_kept(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": ENGLISH, "date": "2023-07-28", "title": "Coup"}),
        '{"id": "a2", "text": broken',
        json.dumps({"id": "a3"}),
        json.dumps({"id": "a4", "text": ENGLISH, "date": "28/07/2023"}),
        "",
        json.dumps({"id": "a5", "text": ENGLISH, "source": "Wire", "url": "https://x.org/5"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read([path])
    good = [i for i in items if isinstance(i, Article)]
    bad = [i for i in items if isinstance(i, ReadError)]
    assert [a.id for a in good] == ["a1", "a5"]
    assert good[0].title == "Coup" and good[0].date == "2023-07-28"
    assert good[1].source == "Wire" and good[1].url == "https://x.org/5"
    assert [e.where for e in bad] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "malformed JSON" in bad[0].problem
    assert '"text"' in bad[1].problem
    assert "a4" in bad[2].problem and "YYYY-MM-DD" in bad[2].problem


def test_html_main_text_title_and_date_are_extracted(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Coup in Niger</title>"
        '<meta property="article:published_time" content="2023-07-28"></head><body>'
        "<nav>Home | World | Sport</nav><article><h1>Coup in Niger</h1>"
        f"<p>{ENGLISH}</p><p>ECOWAS demanded the release of the president.</p>"
        "</article><footer>Copyright 2023 Example News</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [article] = _read([path])
    assert isinstance(article, Article)
    assert article.title == "Coup in Niger"
    assert article.date == "2023-07-28"
    assert article.text.startswith("Soldiers detained the president")
    assert "ECOWAS demanded" in article.text
    assert "Copyright" not in article.text and "Home | World" not in article.text


def test_missing_path_is_an_error_not_a_crash(tmp_path: Path) -> None:
    [error] = _read([tmp_path / "nope.txt"])
    assert isinstance(error, ReadError) and "no such file" in error.problem


def test_stdin_jsonl_and_plain_text() -> None:
    jsonl = "\n".join(json.dumps({"id": f"s{i}", "text": ENGLISH}) for i in range(2))
    items = list(read_stdin(io.BytesIO(jsonl.encode()), ReaderOptions()))
    assert [a.id for a in items if isinstance(a, Article)] == ["s0", "s1"]
    [plain] = list(
        read_stdin(io.BytesIO(ENGLISH.encode()), ReaderOptions(default_date="2023-01-02"))
    )
    assert isinstance(plain, Article) and plain.id == "stdin" and plain.date == "2023-01-02"


def test_stdin_jsonl_with_a_malformed_line_reports_the_line() -> None:
    data = json.dumps({"id": "ok", "text": ENGLISH}) + "\n{not json}\n"
    items = list(read_stdin(io.BytesIO(data.encode()), ReaderOptions()))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], ReadError) and items[1].where == "<stdin>:2"
