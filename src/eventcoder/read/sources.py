"""Readers for the input kinds of the contract: .txt, .html/.htm, .jsonl, folders, stdin."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from eventcoder.read.text_checks import (
    binary_problem,
    decode_utf8,
    empty_problem,
    language_problem,
)
from eventcoder.records import Article

DEFAULT_MAX_BYTES = 5_000_000  # one article; larger inputs are almost always not one story
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FOLDER_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


@dataclass(frozen=True, slots=True)
class ReadError:
    """One input that could not be read; ``where`` is the file (and line)."""

    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


@dataclass(frozen=True, slots=True)
class ReaderOptions:
    default_date: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    check_language: bool = True


def valid_date(value: object) -> str | None:
    """Return the date as YYYY-MM-DD, or None when it is not such a date."""
    if not isinstance(value, str):
        return None
    text = value.strip()[:10]
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _text_problem(text: str, options: ReaderOptions) -> str | None:
    return empty_problem(text) or (language_problem(text) if options.check_language else None)


def _read_bytes(path: Path, where: str, options: ReaderOptions) -> bytes | ReadError:
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            return ReadError(
                where,
                f"too large ({size:,} bytes > limit {options.max_bytes:,}); "
                "split it into articles (e.g. JSONL) or raise --max-bytes",
            )
        return path.read_bytes()
    except OSError as exc:
        return ReadError(where, f"cannot read file ({exc.strerror or exc}); check the path")


def _decode(data: bytes, where: str) -> str | ReadError:
    problem = binary_problem(data)
    if problem:
        return ReadError(where, problem)
    text, problem = decode_utf8(data)
    if text is None:
        return ReadError(where, problem or "cannot decode")
    return text


def read_text_file(path: Path, article_id: str, options: ReaderOptions) -> Article | ReadError:
    where = str(path)
    data = _read_bytes(path, where, options)
    if isinstance(data, ReadError):
        return data
    text = _decode(data, where)
    if isinstance(text, ReadError):
        return text
    problem = _text_problem(text, options)
    if problem:
        return ReadError(where, problem)
    return Article(id=article_id, text=text, date=options.default_date)


def html_to_article(html: str, article_id: str, options: ReaderOptions) -> Article | str:
    """Extract the main text and metadata of an HTML page; return a problem string on failure."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return "no article text found in the HTML (only boilerplate?)"
    title = getattr(doc, "title", None)
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        text = "\n".join(lines[1:]).lstrip("\n")  # drop the headline repeated as first line
    # Paragraphs become blank-line separated, as in wire copy.
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    date = valid_date(getattr(doc, "date", None)) or options.default_date
    url = getattr(doc, "url", None)
    return Article(id=article_id, text=text, date=date, title=title, url=url)


def read_html_file(path: Path, article_id: str, options: ReaderOptions) -> Article | ReadError:
    where = str(path)
    data = _read_bytes(path, where, options)
    if isinstance(data, ReadError):
        return data
    html = _decode(data, where)
    if isinstance(html, ReadError):
        return html
    if not html.strip():
        return ReadError(where, "empty file; nothing to code")
    result = html_to_article(html, article_id, options)
    if isinstance(result, str):
        return ReadError(where, result)
    problem = _text_problem(result.text, options)
    return ReadError(where, problem) if problem else result


def article_from_json(
    obj: Any, where: str, options: ReaderOptions, fallback_id: str
) -> Article | ReadError:
    """Validate one JSON object of the JSONL input format."""
    if not isinstance(obj, dict):
        return ReadError(where, 'not a JSON object; each line must be {"id": ..., "text": ...}')
    text = obj.get("text")
    if not isinstance(text, str):
        return ReadError(where, 'missing or non-string "text" field')
    raw_id = obj.get("id", fallback_id)
    if not isinstance(raw_id, str | int) or str(raw_id).strip() == "":
        return ReadError(where, 'missing or empty "id" field')
    article_id = str(raw_id)
    date = options.default_date
    if obj.get("date") is not None:
        date = valid_date(obj["date"])
        if date is None:
            return ReadError(
                where, f'article {article_id}: bad "date" {obj["date"]!r}; use YYYY-MM-DD'
            )
    problem = _text_problem(text, options)
    if problem:
        return ReadError(where, f"article {article_id}: {problem}")
    optional = {
        key: str(obj[key]) if obj.get(key) is not None else None
        for key in ("title", "url", "source")
    }
    return Article(id=article_id, text=text, date=date, **optional)


def read_jsonl_lines(
    lines: Iterable[str], name: str, options: ReaderOptions
) -> Iterator[Article | ReadError]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        if len(line.encode("utf-8", "replace")) > options.max_bytes:
            yield ReadError(where, f"line too large (> {options.max_bytes:,} bytes); skipped")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(
                where, f"malformed JSON ({exc.msg} at column {exc.colno}); fix the line"
            )
            continue
        yield article_from_json(obj, where, options, fallback_id=f"{name}:{number}")


def read_jsonl_file(path: Path, options: ReaderOptions) -> Iterator[Article | ReadError]:
    where = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        yield ReadError(where, f"cannot read file ({exc.strerror or exc}); check the path")
        return
    problem = binary_problem(head)
    if problem:
        yield ReadError(where, problem)
        return
    if not head.strip():
        yield ReadError(where, "empty file; nothing to code")
        return
    with path.open("rb") as handle:
        yield from read_jsonl_lines(_decoded_lines(handle, where), where, options)


def _decoded_lines(handle: BinaryIO, where: str) -> Iterator[str]:
    """Decode a JSONL file line by line so that one bad line does not lose the others."""
    for raw in handle:
        try:
            yield raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            # json.loads of this marker fails and reports the line as malformed.
            yield '\x00{"not UTF-8": "re-encode the file as UTF-8"}'


def _read_file(
    path: Path, article_id: str, options: ReaderOptions
) -> Iterator[Article | ReadError]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl_file(path, options)
    elif suffix in HTML_SUFFIXES:
        yield read_html_file(path, article_id, options)
    else:
        yield read_text_file(path, article_id, options)


def read_paths(paths: Iterable[str], options: ReaderOptions) -> Iterator[Article | ReadError]:
    """Read every path in order: files, folders (recursively, sorted) and '-' for stdin."""
    for arg in paths:
        if arg == "-":
            yield from read_stdin(sys.stdin.buffer, options)
            continue
        path = Path(arg)
        if path.is_dir():
            found = False
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() not in FOLDER_SUFFIXES or child.name.startswith("."):
                    continue
                found = True
                yield from _read_file(child, child.relative_to(path).as_posix(), options)
            if not found:
                yield ReadError(arg, "folder holds no .txt, .html or .jsonl files")
        elif path.exists():
            yield from _read_file(path, arg, options)
        else:
            yield ReadError(arg, "no such file or folder")


def read_stdin(stream: BinaryIO, options: ReaderOptions) -> Iterator[Article | ReadError]:
    """Stdin is JSONL when every non-empty line is a JSON object, else one plain-text article."""
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        yield ReadError("<stdin>", f"input larger than {options.max_bytes:,} bytes; use a file")
        return
    text = _decode(data, "<stdin>")
    if isinstance(text, ReadError):
        yield text
        return
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # JSONL when every line looks like an object; a malformed line is then reported, not
    # silently turned into plain text.
    if lines and all(line.startswith("{") for line in lines) and any(map(_is_json_object, lines)):
        yield from read_jsonl_lines(text.splitlines(), "<stdin>", options)
        return
    problem = _text_problem(text, options)
    if problem:
        yield ReadError("<stdin>", problem)
        return
    yield Article(id="stdin", text=text, date=options.default_date)


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False
