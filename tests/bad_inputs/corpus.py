"""A corpus of bad (and awkward but good) inputs, mixed with good articles, written into a
folder that ``eventcoder code``, ``eventcoder ingest`` and the API are run over.

Each ``Case`` is one kind of input: a file (or a line of ``batch.jsonl``), what must happen
to it (coded, skipped with a line naming it, or coded with a warning), and the words the
line must hold. ``write_corpus`` writes the folder and returns the cases that apply on this
machine (unreadable files are readable for root: those cases are dropped, with the reason, in
``Corpus.not_here``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

STORY = (
    "NIAMEY, July 28 (Wire) - Nigerien soldiers detained President Mohamed Bazoum on "
    "Wednesday. ECOWAS demanded the release of Bazoum and threatened sanctions against the "
    "junta."
)
OTHER = (
    "Police arrested 12 protesters in Nairobi on Tuesday, officials said. The opposition "
    "condemned the arrests and called for the release of the demonstrators."
)
CHINESE = (
    "尼日尔总统府卫队的士兵周三拘留了总统穆罕默德·巴祖姆。西非国家经济共同体要求释放巴祖姆，"
    "并威胁对军政府实施制裁。"
)
ARABIC = (
    "احتجز جنود من الحرس الرئاسي في النيجر الرئيس محمد بازوم يوم الأربعاء، وطالبت المجموعة "
    "الاقتصادية لدول غرب أفريقيا بالإفراج عنه وهددت بفرض عقوبات على المجلس العسكري."
)
RUSSIAN = (
    "Военные из президентской гвардии Нигера в среду задержали президента Мохамеда Базума. "
    "ЭКОВАС потребовало освободить Базума и пригрозило санкциями хунте."
)
# Spanish: a language eventcoder does not code (French is coded since issue 16).
SPANISH = (
    "Soldados de la guardia presidencial de Níger detuvieron el miércoles al presidente "
    "Mohamed Bazoum. La CEDEAO exigió su liberación y amenazó a la junta con sanciones."
)
FRENCH = (
    "Des soldats de la garde présidentielle du Niger ont arrêté mercredi le président "
    "Mohamed Bazoum. La CEDEAO a exigé sa libération et a menacé la junte de sanctions."
)
GOOD_HTML = (
    "<html><head><title>Soldiers detain president</title>"
    '<meta property="article:published_time" content="2023-07-28"></head><body>'
    "<nav>Home | World</nav><article><h1>Soldiers detain president</h1>"
    f"<p>{STORY}</p><p>{OTHER}</p></article><footer>Copyright</footer></body></html>"
)

Expect = Literal["coded", "skipped", "warned"]


@dataclass(frozen=True, slots=True)
class Case:
    """One kind of input. ``where``: how the line names it (file, or file:line); ``ids``:
    the article ids it gives when coded; ``words``: what the skip or warning line says."""

    kind: str
    where: str
    expect: Expect
    words: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()


@dataclass(slots=True)
class Corpus:
    folder: Path
    cases: list[Case] = field(default_factory=list)
    not_here: dict[str, str] = field(default_factory=dict)  # kind -> why it was left out

    def coded_ids(self) -> list[str]:
        return sorted(i for c in self.cases if c.expect != "skipped" for i in c.ids)

    def skipped(self) -> list[Case]:
        return [c for c in self.cases if c.expect == "skipped"]

    def warned(self) -> list[Case]:
        return [c for c in self.cases if c.expect == "warned"]


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _pdf() -> bytes:
    return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20


def _binary() -> bytes:
    return bytes((i * 37) % 256 for i in range(4000))


# (kind, file name, content, expectation, words in the line)
FileCase = tuple[str, str, bytes | Callable[[], bytes], Expect, tuple[str, ...]]
FILES: list[FileCase] = [
    ("good text", "good.txt", STORY.encode(), "coded", ()),
    ("empty file", "empty.txt", b"", "skipped", ("empty",)),
    ("whitespace only", "whitespace.txt", b"  \n\t \r\n  ", "skipped", ("empty",)),
    ("binary bytes", "binary.txt", _binary, "skipped", ("binary",)),
    ("PNG image", "image.txt", _png, "skipped", ("binary", "PNG image")),
    ("PDF document", "document.txt", _pdf, "skipped", ("PDF document", "pdftotext")),
    ("gzip file", "packed.txt", b"\x1f\x8b\x08\x00" + bytes(200), "skipped", ("gzip",)),
    ("UTF-16 with BOM", "utf16-bom.txt", STORY.encode("utf-16"), "coded", ()),
    ("UTF-16 LE without BOM", "utf16le.txt", STORY.encode("utf-16-le"), "coded", ()),
    ("UTF-16 BE without BOM", "utf16be.txt", STORY.encode("utf-16-be"), "coded", ()),
    ("UTF-32 with BOM", "utf32.txt", STORY.encode("utf-32"), "coded", ()),
    ("UTF-32 LE without BOM", "utf32le.txt", STORY.encode("utf-32-le"), "coded", ()),
    ("UTF-8 with BOM", "utf8-bom.txt", b"\xef\xbb\xbf" + STORY.encode(), "coded", ()),
    (
        "latin-1 file",
        "latin1.txt",
        (STORY + " The café closed.").encode("latin-1"),
        "skipped",
        ("not UTF-8", "latin-1", "re-encode"),
    ),
    (
        "Windows-1252 file",
        "cp1252.txt",
        (STORY + " “Free him,” they said.").encode("cp1252"),
        "skipped",
        ("not UTF-8", "Windows-1252"),
    ),
    ("CRLF line ends", "crlf.txt", (STORY + "\r\n\r\n" + OTHER).encode(), "coded", ()),
    ("CR line ends", "cr.txt", (STORY + "\r\r" + OTHER).encode(), "coded", ()),
    ("Chinese", "chinese.txt", CHINESE.encode(), "skipped", ("Chinese (zh)", "English")),
    ("Arabic", "arabic.txt", ARABIC.encode(), "skipped", ("Arabic (ar)", "English")),
    ("Russian", "russian.txt", RUSSIAN.encode(), "skipped", ("Russian (ru)", "English")),
    ("French", "french.txt", FRENCH.encode(), "coded", ()),
    (
        "Spanish",
        "spanish.txt",
        SPANISH.encode(),
        "skipped",
        ("Spanish (es)", "English and French"),
    ),
    (
        "mixed languages (English with a Chinese quote)",
        "mixed.txt",
        (STORY + " A banner read: «我们不会投降». " + OTHER).encode(),
        "coded",
        (),
    ),
    (
        "right-to-left text and marks",
        "rtl.txt",
        ("\u202b" + STORY + "\u202c Protesters carried signs reading שלום and سلام.").encode(),
        "coded",
        (),
    ),
    ("emoji only", "emoji.txt", ("😀🔥🇳🇪 " * 20).encode(), "coded", ()),
    (
        "control characters",
        "control.txt",
        (STORY.replace(" ", " \x07", 3) + "\x1b[0m" + OTHER).encode(),
        "coded",
        (),
    ),
    ("one 1 MB token", "token.txt", b"x" * 1_000_000, "coded", ()),
    ("over --max-bytes", "huge.txt", b"word " * 200_001, "skipped", ("too large", "limit")),
    ("HTML article", "page.html", GOOD_HTML.encode(), "coded", ()),
    (
        "HTML without body",
        "nobody.html",
        b"<html><head><title>Nothing</title></head></html>",
        "skipped",
        ("no article text",),
    ),
    (
        "HTML with only scripts",
        "scripts.html",
        b"<html><head><script>var a = 1;</script></head><body><script>go()</script></body></html>",
        "skipped",
        ("no article text",),
    ),
    (
        "deeply nested HTML",
        "nested.html",
        ("<html><body>" + "<div>" * 20_000 + STORY + "</div>" * 20_000 + "</body></html>").encode(),
        "skipped",
        ("no article text",),
    ),
    ("empty HTML", "blank.html", b"   ", "skipped", ("empty",)),
    ("empty JSONL", "empty.jsonl", b"\n\n", "skipped", ("empty",)),
    (
        "UTF-8 BOM JSONL",
        "bom.jsonl",
        b"\xef\xbb\xbf" + json.dumps({"id": "bom1", "text": STORY}).encode() + b"\n",
        "coded",
        (),
    ),
    (
        "CRLF JSONL",
        "crlf.jsonl",
        (json.dumps({"id": "crlf1", "text": STORY}) + "\r\n").encode()
        + (json.dumps({"id": "crlf2", "text": OTHER}) + "\r\n").encode(),
        "coded",
        (),
    ),
    (
        "CR JSONL",
        "cr.jsonl",
        (
            json.dumps({"id": "cr1", "text": STORY})
            + "\r"
            + json.dumps({"id": "cr2", "text": OTHER})
        ).encode(),
        "coded",
        (),
    ),
    (
        "UTF-16 JSONL",
        "utf16.jsonl",
        (json.dumps({"id": "w16", "text": STORY}, ensure_ascii=False) + "\n").encode("utf-16"),
        "coded",
        (),
    ),
]
# Ids of the articles of the coded files (a text file's id is its name).
FILE_IDS = {
    "bom.jsonl": ("bom1",),
    "crlf.jsonl": ("crlf1", "crlf2"),
    "cr.jsonl": ("cr1", "cr2"),
    "utf16.jsonl": ("w16",),
}

# The lines of batch.jsonl: (kind, line, expectation, words, ids)
LineCase = tuple[str, bytes, Expect, tuple[str, ...], tuple[str, ...]]


def _line(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


LINES: list[LineCase] = [
    (
        "good JSONL line",
        _line({"id": "j1", "text": STORY, "date": "2023-07-28"}),
        "coded",
        (),
        ("j1",),
    ),
    ("malformed JSON", b'{"id": "j2", "text": "no end', "skipped", ("malformed JSON",), ()),
    ("JSON array line", b'[{"id": "j3", "text": "x"}]', "skipped", ("JSON array",), ()),
    ("JSON string line", b'"just a string"', "skipped", ("not a JSON object",), ()),
    ("missing text", _line({"id": "j5", "title": "no text"}), "skipped", ('"text"',), ()),
    ("text not a string", _line({"id": "j6", "text": 42}), "skipped", ('"text"',), ()),
    ("numeric id", _line({"id": 12345, "text": OTHER}), "coded", (), ("12345",)),
    ("40-digit id", _line({"id": 10**39 + 7, "text": OTHER}), "coded", (), (str(10**39 + 7),)),
    ("boolean id", _line({"id": True, "text": OTHER}), "skipped", ('"id"',), ()),
    ("empty id", _line({"id": " ", "text": OTHER}), "skipped", ('"id"',), ()),
    (
        "duplicate id",
        _line({"id": "j1", "text": OTHER, "date": "2023-07-29"}),
        "coded",
        (),
        ("j1",),
    ),
    (
        "huge title",
        _line({"id": "j12", "text": STORY, "title": "T" * 100_000}),
        "coded",
        (),
        ("j12",),
    ),
    (
        "lone surrogate in a JSON string",
        b'{"id": "j13", "text": "Soldiers attacked\\ud800 the town on Monday, officials said."}',
        "warned",
        ("U+FFFD", "article j13"),
        ("j13",),
    ),
    (
        "NUL inside a JSON string",
        b'{"id": "j14", "text": "Soldiers\\u0000 attacked the town on Monday."}',
        "coded",
        (),
        ("j14",),
    ),
    (
        "date 0001-01-01 and 'yesterday'",
        _line({"id": "j15", "text": "Rebels attacked the town yesterday.", "date": "0001-01-01"}),
        "skipped",
        ("article j15", "0001-01-01", "1800-01-01..2200-12-31"),
        (),
    ),
    (
        "date 9999-12-31 and 'tomorrow'",
        _line({"id": "j16", "text": "Rebels will attack the town tomorrow.", "date": "9999-12-31"}),
        "skipped",
        ("article j16", "9999-12-31", "1800-01-01..2200-12-31"),
        (),
    ),
    (
        "impossible date",
        _line({"id": "j17", "text": OTHER, "date": "2023-02-30"}),
        "skipped",
        ('bad "date"', "YYYY-MM-DD"),
        (),
    ),
    (
        "latin-1 line in UTF-8 JSONL",
        _line({"id": "j18", "text": "Le café a fermé."}).decode().encode("latin-1"),
        "skipped",
        ("not UTF-8", "latin-1", "re-encode"),
        (),
    ),
    ("Chinese line", _line({"id": "j19", "text": CHINESE}), "skipped", ("Chinese (zh)",), ()),
    (
        "'last winter' said in January",
        _line(
            {
                "id": "j20",
                "text": "Troops withdrew last winter, officials said.",
                "date": "2016-01-20",
            }
        ),
        "coded",
        (),
        ("j20",),
    ),
    ("empty text", _line({"id": "j21", "text": ""}), "skipped", ("empty",), ()),
    ("good last line", _line({"id": "j22", "text": OTHER}), "coded", (), ("j22",)),
]


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def write_corpus(folder: Path) -> Corpus:
    """Write every case under ``folder``; return the cases to expect."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(folder)
    for kind, name, content, expect, words in FILES:
        data = content() if callable(content) else content
        (folder / name).write_bytes(data)
        ids = FILE_IDS.get(name, (name,) if expect != "skipped" else ())
        corpus.cases.append(Case(kind, name, expect, words, ids))
    lines = [line for _, line, _, _, _ in LINES]
    (folder / "batch.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    for number, (kind, _, expect, words, ids) in enumerate(LINES, start=1):
        corpus.cases.append(Case(kind, f"batch.jsonl:{number}", expect, words, ids))
    (folder / "loop.txt").symlink_to("loop.txt")
    corpus.cases.append(Case("symbolic link loop", "loop.txt", "skipped", ("symbolic link",)))
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    corpus.cases.append(Case("dangling link", "dangling.txt", "skipped", ("symbolic link",)))
    sub = folder / "sub"
    sub.mkdir()
    (sub / "nested.txt").write_text(OTHER, encoding="utf-8")
    corpus.cases.append(
        Case("file in a subfolder", "sub/nested.txt", "coded", (), ("sub/nested.txt",))
    )
    _unreadable(corpus)
    return corpus


def _unreadable(corpus: Corpus) -> None:
    """An unreadable file and an unreadable subfolder (chmod 000), unless permissions are not
    enforced here (root reads everything): then those two cases are left out, with why."""
    folder = corpus.folder
    locked_file = folder / "locked.txt"
    locked_file.write_text(STORY, encoding="utf-8")
    locked_dir = folder / "locked-dir"
    locked_dir.mkdir()
    (locked_dir / "inside.txt").write_text(STORY, encoding="utf-8")
    locked_file.chmod(0)
    locked_dir.chmod(0)
    try:
        locked_file.read_bytes()
        enforced = False
    except PermissionError:
        enforced = True
    if not enforced:
        locked_file.chmod(0o644)
        locked_dir.chmod(0o755)
        locked_file.unlink()
        (locked_dir / "inside.txt").unlink()
        locked_dir.rmdir()
        why = "file permissions are not enforced for this user (root): chmod 000 reads fine"
        corpus.not_here["unreadable file"] = why
        corpus.not_here["unreadable subfolder"] = why
        return
    corpus.cases.append(
        Case("unreadable file", "locked.txt", "skipped", ("cannot read file", "Permission"))
    )
    corpus.cases.append(
        Case("unreadable subfolder", "locked-dir", "skipped", ("cannot read folder", "Permission"))
    )


def unlock(folder: Path) -> None:
    """Make the corpus removable again (pytest cleans tmp folders)."""
    for name in ("locked.txt", "locked-dir"):
        path = folder / name
        if path.exists():
            path.chmod(0o755)
