"""Reading the project's knowledge files (``src/eventcoder/data/``).

The format is shared by every file (see docs/data-formats.md): UTF-8, tab-separated, ``#`` starts a
comment (a whole line, or a trailing comment after a tab), ``-`` means empty, ``|`` separates
alternatives. Every row remembers its file and line so that a coded record can say which line
of which file produced it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

DATA_DIR = Path(str(resources.files("eventcoder") / "data"))


class DataError(ValueError):
    """A malformed line in a data file; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Row:
    fields: tuple[str, ...]
    file: str  # path relative to the data directory
    line: int

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def get(self, index: int) -> str | None:
        """The field at ``index``, or None when absent or ``-``."""
        if index >= len(self.fields):
            return None
        value = self.fields[index].strip()
        return None if value in ("", "-") else value

    def alternatives(self, index: int) -> tuple[str, ...]:
        value = self.get(index)
        if value is None:
            return ()
        return tuple(part.strip() for part in value.split("|") if part.strip())


def _strip_comment(line: str) -> str:
    if line.lstrip().startswith("#"):
        return ""
    # A trailing comment starts at a tab followed by '#'; '#' elsewhere is data.
    cut = line.find("\t#")
    if cut >= 0:
        line = line[:cut]
    return line.rstrip("\r\n").rstrip()


def read_rows(
    relpath: str, min_fields: int, max_fields: int | None = None, data_dir: Path | None = None
) -> Iterator[Row]:
    """Yield the data rows of one file, raising DataError on a malformed line."""
    base = data_dir or DATA_DIR
    path = base / relpath
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            line = _strip_comment(raw)
            if not line.strip():
                continue
            fields = tuple(part.strip() for part in line.split("\t"))
            if len(fields) < min_fields or (max_fields is not None and len(fields) > max_fields):
                expected = (
                    f"{min_fields}" if max_fields == min_fields else f"{min_fields}-{max_fields}"
                )
                raise DataError(
                    f"{relpath}:{number}: expected {expected} tab-separated fields, "
                    f"found {len(fields)}: {line!r}"
                )
            yield Row(fields, relpath, number)


DEFAULT_LANGUAGE = "en"  # its files are the top level of the data folder


def localised(relpath: str, language: str = DEFAULT_LANGUAGE, data_dir: Path | None = None) -> str:
    """The file (or folder) to read for a language: ``<language>/<relpath>`` when the data
    folder has one (``fr/verbs``, ``fr/roles.tsv``), else the shared top-level one. English
    reads the top level; language-independent knowledge (CAMEO, people, organisations' codes,
    gazetteer) has no per-language copy and is shared."""
    if language == DEFAULT_LANGUAGE:
        return relpath
    base = data_dir or DATA_DIR
    own = f"{language}/{relpath}"
    return own if (base / own).exists() else relpath


def files_in(folder: str, data_dir: Path | None = None) -> list[str]:
    """Relative paths of the .tsv files of a data sub-folder, in name order."""
    base = data_dir or DATA_DIR
    return sorted(f"{folder}/{p.name}" for p in (base / folder).glob("*.tsv"))


# Files generated from outside sources are named after them ("phoenix.tsv"); everything else in
# the people and organisation folders is written by hand.
CONVERTED_PREFIXES = ("phoenix",)
TEAM = "team"
SOURCE = re.compile(r"^(?:team|[a-z][a-z0-9_-]*:[^:\s]+:[0-9]+)$")


def is_converted(relpath: str) -> bool:
    return relpath.rsplit("/", 1)[-1].startswith(CONVERTED_PREFIXES)


def knowledge_files(folder: str, data_dir: Path | None = None) -> list[str]:
    """The .tsv files of ``people/`` or ``organisations/`` in the order rows take precedence:
    ``curated.tsv`` first, then the other hand-written files, then converted ones, each group in
    name order. Earlier rows win where files disagree."""
    files = files_in(folder, data_dir)
    if not files:
        raise DataError(f"{folder}/: no .tsv files found")
    return sorted(
        files,
        key=lambda f: (not f.endswith("/curated.tsv"), is_converted(f), f),
    )


def check_source(row: Row, index: int) -> str:
    """The ``source`` field: ``team`` for hand-written rows, ``<origin>:<file>:<line>`` for
    converted ones (``phoenix:Phoenix.Countries.actors.txt:12345``)."""
    value = row.get(index)
    if value is None or not SOURCE.match(value):
        raise DataError(
            f"{row.where}: source must be 'team' or '<origin>:<file>:<line>', got {value!r}"
        )
    return value
