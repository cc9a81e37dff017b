"""`eventcoder check-data` loads every data file as ``Coder`` does and names each broken line.

Each test copies the packaged data folder, breaks one line of one file and runs the command
(in process) with ``--data-dir`` on the copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventcoder.cli import app
from eventcoder.datacheck import check_data_dir
from eventcoder.datafiles import DATA_DIR

DATA_FILES = sorted(p.relative_to(DATA_DIR).as_posix() for p in DATA_DIR.rglob("*.tsv"))
# Too many fields for every loader: no file takes more than 7.
EXTRA_FIELDS = "\tbroken" * 8


def check_data(data_dir: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check-data", "--data-dir", str(data_dir)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def first_data_line(path: Path) -> int:
    """1-based number of the first line that is neither blank nor a comment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip() and line[0] != "#")


def break_line(path: Path, number: int, edit: str | None = None, field: int = 0) -> None:
    """Give line ``number`` too many fields, or replace one of its fields with ``edit``."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = lines[number - 1].rstrip("\n")
    data, tab, comment = line.partition("\t#")
    if edit is None:
        data += EXTRA_FIELDS
    else:
        fields = data.split("\t")
        fields[field] = edit
        data = "\t".join(fields)
    lines[number - 1] = data + tab + comment + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def test_packaged_data_passes() -> None:
    code, out, err = check_data(DATA_DIR)
    assert code == 0, err
    assert out.startswith("ok: ") and "CAMEO codes" in out


def test_clean_copy_passes(tmp_path: Path) -> None:
    code, out, err = check_data(copy_data(tmp_path))
    assert (code, err) == (0, "")
    assert out.startswith("ok: ")


def test_every_data_file_is_checked() -> None:
    assert "role_priority.tsv" in DATA_FILES
    assert any(f.startswith("verbs/") for f in DATA_FILES)
    assert any(f.startswith("classes/") for f in DATA_FILES)


# data/fr/ (issue 16) is read by check-data with the French pipeline's loaders.
CHECKED_FILES = DATA_FILES


@pytest.mark.parametrize("relpath", CHECKED_FILES)
def test_broken_line_is_reported(tmp_path: Path, relpath: str) -> None:
    data = copy_data(tmp_path)
    number = first_data_line(data / relpath)
    break_line(data / relpath, number)
    code, out, err = check_data(data)
    assert code == 1
    assert out == ""
    assert f"eventcoder: data error: {relpath}:{number}: expected " in err


# The files the command used to skip, each broken in a way only its own loader notices.
SEMANTIC = [
    ("role_priority.tsv", 0, "Rebels", "role must be a 3-letter code"),
    ("admin1.tsv", 2, "Nowhereville", "is not a city of"),
    ("regions.tsv", 1, "north", "lat/lon must be numbers"),
    ("place_words.tsv", 0, "stops", "kind must be one of"),
    ("quote_cues.tsv", 0, "verbs", "kind must be one of"),
    ("time_words.tsv", 0, "months", "unknown kind"),
]


@pytest.mark.parametrize(("relpath", "field", "value", "message"), SEMANTIC)
def test_loader_check_is_reported(
    tmp_path: Path, relpath: str, field: int, value: str, message: str
) -> None:
    data = copy_data(tmp_path)
    number = first_data_line(data / relpath)
    break_line(data / relpath, number, value, field)
    code, _, err = check_data(data)
    assert code == 1
    assert f"eventcoder: data error: {relpath}:{number}: " in err
    assert message in err


def test_every_broken_loader_is_reported_at_once(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    broken = ["cameo.tsv", "role_priority.tsv", "place_words.tsv", "time_words.tsv"]
    for relpath in broken:
        break_line(data / relpath, first_data_line(data / relpath))
    found = check_data_dir(data)
    assert [p.split(":", 1)[0] for p in found.problems] == [
        "cameo.tsv",
        "role_priority.tsv",
        "place_words.tsv",
        "time_words.tsv",
    ]
    assert any("need cameo.tsv" in note for note in found.not_checked)


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = check_data(tmp_path / "nowhere")
    assert code == 2
    assert "--data-dir" in err
