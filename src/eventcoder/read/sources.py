"""Readers for the input kinds of the contract: .txt, .html/.htm, .jsonl, folders, stdin."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from eventcoder.read.language import SUPPORTED_LANGUAGES
from eventcoder.read.text_checks import (
    binary_problem,
    decode_utf8,
    decode_wide,
    empty_problem,
    language_problem,
    line_problem,
    replace_surrogates,
    sniff_encoding,
)
from eventcoder.records import EARLIEST_DATE, LATEST_DATE, Article

# One article, in bytes: larger inputs are almost always not one story. It equals spaCy's
# default max_length (1,000,000 characters; a character is at least one byte), so anything
# the reader accepts is a text the model takes; the coder still parses long texts in pieces
# of 100,000 characters (nlp_chunks.py), which bounds its memory.
DEFAULT_MAX_BYTES = 1_000_000
DATE_RANGE = f"{EARLIEST_DATE.isoformat()}..{LATEST_DATE.isoformat()}"
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
    # "en" or "fr": every article is taken to be in that language (no detection, no skip);
    # None: identified from the text (``--language auto``).
    language: str | None = None


def valid_date(value: object) -> str | None:
    """Return the date as YYYY-MM-DD, or None when it is not such a date."""
    if not isinstance(value, str):
        return None
    text = value.strip()[:10]
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def date_problem(value: str) -> str | None:
    """Why a YYYY-MM-DD publication date is refused: outside the years eventcoder dates in."""
    if EARLIEST_DATE.isoformat() <= value <= LATEST_DATE.isoformat():
        return None
    return f"outside {DATE_RANGE}, the dates eventcoder codes; check the date"


@dataclass(frozen=True, slots=True)
class _Checked:
    """A text that may be coded, in which language, and what was repaired in it."""

    text: str
    language: str | None
    repairs: tuple[str, ...] = ()


def _check_text(text: str, options: ReaderOptions) -> _Checked | str:
    """The text ready to code, or the problem that keeps it out."""
    problem = empty_problem(text)
    if problem:
        return problem
    language: str | None = options.language
    if language is None and options.check_language:
        language, problem = language_problem(text)
        if problem:
            return problem
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")  # old Mac line ends: same length, same offsets
    return _Checked(text, language)


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
    """UTF-8 (with or without a mark), UTF-16 or UTF-32 (a mark, or their NUL-byte pattern)."""
    wide = sniff_encoding(data)
    if wide is not None:
        text, problem = decode_wide(data, *wide)
    else:
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
    checked = _check_text(text, options)
    if isinstance(checked, str):
        return ReadError(where, checked)
    return Article(
        id=article_id,
        text=checked.text,
        date=options.default_date,
        language=checked.language,
        origin=where,
    )


@dataclass(frozen=True, slots=True)
class Page:
    """What the extractor found in an HTML page: the main text and the page's metadata."""

    text: str
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD within the years eventcoder codes, else None
    url: str | None = None  # the page's own (canonical) URL, when it names one
    sitename: str | None = None  # the publisher's name (og:site_name and the like)


def extract_page(html: str | bytes) -> Page | str:
    """The main text and metadata of an HTML page (bytes are decoded by the extractor, from
    the page's declared or detected encoding); a problem string when there is no text."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    source: Any = html
    if _LAYOUT_TABLE.search(
        html[:_SNIFF] if isinstance(html, str) else html[:_SNIFF].decode("latin-1")
    ):
        tree = trafilatura.load_html(html)
        if tree is not None:
            _unwrap_layout_tables(tree)
            source = tree
    doc = trafilatura.bare_extraction(source, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return "no article text found in the HTML (only boilerplate?)"
    title = getattr(doc, "title", None)
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        text = "\n".join(lines[1:]).lstrip("\n")  # drop the headline repeated as first line
    # Paragraphs become blank-line separated, as in wire copy.
    text = "\n\n".join(line.strip() for line in text.split("\n") if line.strip())
    date = valid_date(getattr(doc, "date", None))
    if date is not None and date_problem(date):  # a page's metadata date from year 1: no date
        date = None
    sitename = getattr(doc, "sitename", None)
    return Page(
        text=text,
        title=title,
        date=date,
        url=getattr(doc, "url", None),
        sitename=sitename.strip() if isinstance(sitename, str) and sitename.strip() else None,
    )


_SNIFF = 1_000_000
_LAYOUT_TABLE = re.compile(r"<table", re.IGNORECASE)
_TABLE_PARTS = ("table", "tbody", "thead", "tfoot", "tr", "td", "th")
_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "article", "section", "ul", "ol"})


def _unwrap_layout_tables(tree: Any) -> None:
    """Old sites lay pages out with tables (menu in one cell, story in another); the
    extractor would keep such a table whole, menu and all, as data. A table whose cells hold
    paragraphs or headings is layout: its parts become plain blocks."""
    layout = [
        table
        for table in tree.iter("table")
        if any(child.tag in _BLOCKS for cell in table.iter("td", "th") for child in cell)
    ]
    for table in layout:
        for part in list(table.iter(*_TABLE_PARTS)):
            part.tag = "div"
            for name in ("width", "height", "valign", "align", "colspan", "rowspan"):
                part.attrib.pop(name, None)


def html_to_article(html: str, article_id: str, options: ReaderOptions) -> Article | str:
    """Extract the main text and metadata of an HTML page; return a problem string on failure."""
    page = extract_page(html)
    if isinstance(page, str):
        return page
    return Article(
        id=article_id,
        text=page.text,
        date=page.date or options.default_date,
        title=page.title,
        url=page.url,
    )


def check_extracted(article: Article, where: str, options: ReaderOptions) -> Article | ReadError:
    """An extracted article through the reader's text checks (empty, language), with its
    origin set."""
    found = _check_text(article.text, options)
    if isinstance(found, str):
        return ReadError(where, found)
    return replace(article, text=found.text, language=found.language, origin=where)


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
    try:
        result = html_to_article(html, article_id, options)
    except RecursionError:
        return ReadError(where, "HTML nested too deeply to extract its text")
    except Exception as exc:  # the HTML extractor's own failure: this page only
        return ReadError(where, f"cannot extract the text of this HTML ({type(exc).__name__})")
    if isinstance(result, str):
        return ReadError(where, result)
    return check_extracted(result, where, options)


def article_from_json(
    obj: Any, where: str, options: ReaderOptions, fallback_id: str
) -> Article | ReadError:
    """Validate one JSON object of the JSONL input format."""
    if not isinstance(obj, dict):
        kind = "a JSON array" if isinstance(obj, list) else "not a JSON object"
        return ReadError(where, f'{kind}; each line must be one object {{"id": ..., "text": ...}}')
    text = obj.get("text")
    if not isinstance(text, str):
        return ReadError(where, 'missing or non-string "text" field')
    raw_id = obj.get("id", fallback_id)
    if isinstance(raw_id, bool) or not isinstance(raw_id, str | int) or str(raw_id).strip() == "":
        return ReadError(where, 'missing or empty "id" field (a string or an integer)')
    repaired: dict[str, str | None] = {}
    replaced = 0
    for key in ("id", "text", "title", "url", "source"):
        value = str(raw_id) if key == "id" else obj.get(key)
        if value is None:
            repaired[key] = None
            continue
        repaired[key], count = replace_surrogates(str(value))
        replaced += count
    article_id = repaired["id"] or ""
    date = options.default_date
    if obj.get("date") is not None:
        date = valid_date(obj["date"])
        if date is None:
            return ReadError(
                where, f'article {article_id}: bad "date" {obj["date"]!r}; use YYYY-MM-DD'
            )
        problem = date_problem(date)
        if problem:
            return ReadError(where, f'article {article_id}: "date" {date} is {problem}')
    given = obj.get("language")
    if given is not None:
        # A "language" field ("en", "fr") says what the article is in: no detection. The
        # --language option, when given, wins over it.
        if not isinstance(given, str) or given.lower() not in SUPPORTED_LANGUAGES:
            return ReadError(
                where,
                f'article {article_id}: "language" {given!r}: eventcoder codes '
                f"{', '.join(SUPPORTED_LANGUAGES)}",
            )
        if options.language is None:
            options = replace(options, language=given.lower())
    checked = _check_text(repaired["text"] or "", options)
    if isinstance(checked, str):
        return ReadError(where, f"article {article_id}: {checked}")
    repairs = (
        (
            f"{replaced} unencodable character(s) (lone surrogates) replaced by U+FFFD; "
            "fix the producer of this input",
        )
        if replaced
        else ()
    )
    return Article(
        id=article_id,
        text=checked.text,
        date=date,
        title=repaired["title"],
        url=repaired["url"],
        source=repaired["source"],
        language=checked.language,
        origin=where,
        repairs=repairs,
    )


@dataclass(frozen=True, slots=True)
class NotText:
    """A line of a JSONL file that could not be decoded, and why."""

    problem: str


def read_jsonl_lines(
    lines: Iterable[str | NotText], name: str, options: ReaderOptions
) -> Iterator[Article | ReadError]:
    for number, line in enumerate(lines, start=1):
        where = f"{name}:{number}"
        if isinstance(line, NotText):
            yield ReadError(where, line.problem)
            continue
        if not line.strip():
            continue
        if len(line.encode("utf-8", "replace")) > options.max_bytes:
            yield ReadError(where, f"line too large (> {options.max_bytes:,} bytes); skipped")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"malformed JSON: {exc.msg} (column {exc.colno}); fix the line")
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
    wide = sniff_encoding(head)
    if wide is None:
        problem = binary_problem(head)
        if problem:
            yield ReadError(where, problem)
            return
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        yield ReadError(where, "empty file; nothing to code")
        return
    try:
        with path.open("rb") as handle:
            lines = _wide_lines(handle, *wide) if wide else _decoded_lines(handle)
            yield from read_jsonl_lines(lines, where, options)
    except OSError as exc:  # the file went away or a disk error in the middle
        yield ReadError(where, f"cannot read file ({exc.strerror or exc}); check the path")


def _decoded_lines(handle: Iterable[bytes]) -> Iterator[str | NotText]:
    """Decode a JSONL file line by line so that one bad line does not lose the others; lines
    end at LF, CRLF or a lone CR."""
    for chunk in handle:
        for raw in chunk.splitlines() if b"\r" in chunk.rstrip(b"\r\n") else [chunk]:
            try:
                yield raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                yield NotText(line_problem(raw))


def _wide_lines(handle: BinaryIO, codec: str, name: str) -> Iterator[str | NotText]:
    """A UTF-16 or UTF-32 JSONL file, line by line (the byte-order mark dropped)."""
    data = handle.read()
    text, problem = decode_wide(data, codec, name)
    if text is None:
        yield NotText(problem or f"does not decode as {name}")
        return
    yield from text.splitlines()


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
        try:
            yield from _read_path(Path(arg), arg, options)
        except OSError as exc:  # a path that cannot even be looked at (a folder on the way)
            yield ReadError(arg, f"cannot read ({exc.strerror or exc}); check the path")


def _read_path(path: Path, arg: str, options: ReaderOptions) -> Iterator[Article | ReadError]:
    if path.is_dir():
        yield from _read_folder(path, arg, options)
    elif path.exists():
        yield from _read_file(path, arg, options)
    elif path.is_symlink():
        yield ReadError(arg, "broken symbolic link (or a loop of links); check the path")
    else:
        yield ReadError(arg, "no such file or folder")


def _read_folder(path: Path, arg: str, options: ReaderOptions) -> Iterator[Article | ReadError]:
    """The folder's article files, sorted; a subfolder that cannot be listed and a link
    that leads nowhere are reported (symbolic links to folders are not followed)."""
    found = False
    for child in _folder_files(path):
        if isinstance(child, ReadError):
            yield child
            continue
        found = True
        yield from _read_file(child, child.relative_to(path).as_posix(), options)
    if not found:
        yield ReadError(arg, "folder holds no .txt, .html or .jsonl files")


def _folder_files(folder: Path) -> list[Path | ReadError]:
    errors: list[OSError] = []
    files: list[Path] = []
    broken: list[Path] = []
    for root, _dirs, names in os.walk(folder, onerror=errors.append):
        for name in names:
            child = Path(root) / name
            if child.suffix.lower() not in FOLDER_SUFFIXES or name.startswith("."):
                continue
            try:
                if child.is_file():
                    files.append(child)
                elif child.is_symlink():
                    broken.append(child)
            except OSError as exc:  # listed, but not to be looked at (no x on the folder)
                errors.append(exc)
    found: list[Path | ReadError] = [*sorted(files)]
    found += [
        ReadError(str(p), "broken symbolic link (or a loop of links); check the link")
        for p in broken
    ]
    found += [
        ReadError(
            str(exc.filename or folder),
            f"cannot read folder ({exc.strerror or exc}); its files are left out, "
            "check its permissions",
        )
        for exc in errors
    ]
    return found


def read_stdin(stream: BinaryIO, options: ReaderOptions) -> Iterator[Article | ReadError]:
    """Stdin is JSONL when every non-empty line is a JSON object, else one plain-text article.

    Stdin larger than ``max_bytes`` is read as JSONL, a line at a time (``max_bytes`` then
    limits each line), when it starts with a JSON object; else it is refused."""
    data = stream.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            rest = itertools.chain([data], iter(lambda: stream.read(1 << 16), b""))
            yield from read_jsonl_lines(_decoded_lines(_split_lines(rest)), "<stdin>", options)
            return
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
    checked = _check_text(text, options)
    if isinstance(checked, str):
        yield ReadError("<stdin>", checked)
        return
    yield Article(
        id="stdin",
        text=checked.text,
        date=options.default_date,
        language=checked.language,
        origin="<stdin>",
    )


def _split_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Byte chunks as lines (each with its line end)."""
    pending = b""
    for chunk in chunks:
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            yield line + b"\n"
    if pending:
        yield pending


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False
