"""docs/data-formats.md documents every data file and every kind the loaders accept.

The kinds are read from the loaders' own tuples, so that a kind added to a loader (or a file
added to ``data/``) without a word in the documentation fails here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

import pytest

from eventcoder.datafiles import DATA_DIR
from eventcoder.events.casualties import CASUALTY_KINDS
from eventcoder.events.patterns import ARGUMENT_RULES, FRAMES, MODALITY_KINDS, SUPPORT_KINDS
from eventcoder.lexicon import CASE_GUARD_KINDS
from eventcoder.lexicon.countries import EXTRA_KINDS
from eventcoder.lexicon.roles import ROLE_KINDS
from eventcoder.places.toponyms import WORD_KINDS
from eventcoder.quotes.cues import CUE_KINDS
from eventcoder.time.words import KINDS as TIME_KINDS
from tests.shared_paths import REPO

DOC = REPO / "docs" / "data-formats.md"
# data file -> the kinds (first column values) its loader accepts
KINDS: dict[str, Iterable[str]] = {
    "quote_cues.tsv": CUE_KINDS,
    "place_words.tsv": WORD_KINDS,
    "time_words.tsv": TIME_KINDS,
    "support_verbs.tsv": SUPPORT_KINDS,
    "modality.tsv": MODALITY_KINDS,
    "argument_rules.tsv": ARGUMENT_RULES,
    "frames.tsv": FRAMES,
    "roles.tsv": ROLE_KINDS,
    "countries_extra.tsv": EXTRA_KINDS,
    "casualty_words.tsv": CASUALTY_KINDS,
    "case_guard.tsv": CASE_GUARD_KINDS,
}
HEADING = re.compile(r"^#{1,6} ", re.M)


def headings() -> list[tuple[str, str]]:
    """(heading line, the text under it up to the next heading) for every heading."""
    text = DOC.read_text(encoding="utf-8")
    starts = [m.start() for m in HEADING.finditer(text)] + [len(text)]
    return [
        (text[start : text.index("\n", start)], text[start:end]) for start, end in pairwise(starts)
    ]


def sections(name: str) -> str:
    """The text under every heading that names ``name`` in backticks: `cameo.tsv`, or the
    start of a folder's files: `verbs/*.tsv`."""
    return "\n".join(body for line, body in headings() if f"`{name}" in line)


def documented_name(relpath: str) -> str:
    """How a heading names a data file: `cameo.tsv`, or its folder for files in one: `verbs/`."""
    folder, _, name = relpath.rpartition("/")
    return f"{folder}/" if folder else f"{name}`"


DATA_FILES = sorted(p.relative_to(DATA_DIR).as_posix() for p in DATA_DIR.rglob("*.tsv"))


@pytest.mark.parametrize("relpath", DATA_FILES)
def test_every_data_file_is_documented(relpath: str) -> None:
    assert sections(documented_name(relpath)), f"no heading of {DOC.name} names {relpath}"


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_is_documented(name: str) -> None:
    section = sections(f"{name}`")
    assert section, f"no heading of {DOC.name} names `{name}`"
    missing = [kind for kind in KINDS[name] if f"`{kind}`" not in section]
    assert not missing, f"kinds of {name} missing from its section of {DOC.name}: {missing}"


def test_every_kind_file_exists() -> None:
    assert set(KINDS) <= set(DATA_FILES)


def test_no_module_is_named_that_does_not_exist() -> None:
    for module in re.findall(r"python -m ([\w.]+)", DOC.read_text(encoding="utf-8")):
        path = REPO / "src" / module.replace(".", "/")
        assert path.with_suffix(".py").exists() or (path / "__main__.py").exists(), module
