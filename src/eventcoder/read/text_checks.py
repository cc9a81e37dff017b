"""Checks that decide whether some bytes are an article we can code.

Each check returns None when the input is fine, or a message saying what is wrong and what to do.
"""

from __future__ import annotations

import re

from eventcoder.read.language import decide

# Byte-order marks, longest first (a UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
# File signatures of formats people give by mistake, for a message that names them.
_SIGNATURES = (
    (b"%PDF-", "a PDF document", "extract its text first (e.g. pdftotext)"),
    (b"\x89PNG", "a PNG image", "give the article text"),
    (b"\xff\xd8\xff", "a JPEG image", "give the article text"),
    (b"GIF8", "a GIF image", "give the article text"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub)", "unpack or export it as text"),
    (b"\x1f\x8b", "a gzip file", "decompress it first (gunzip)"),
)
_SURROGATE = re.compile("[\ud800-\udfff]")
SNIFF_BYTES = 4096


def sniff_encoding(data: bytes) -> tuple[str, str] | None:
    """(codec, name) when the bytes are UTF-16 or UTF-32: a byte-order mark, or the NUL
    bytes that text in those encodings has between (or around) the letters of Latin text;
    None otherwise (UTF-8, or not text)."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return codec, name
    sample = data[:SNIFF_BYTES]
    sample = sample[: len(sample) - len(sample) % 4]
    if len(sample) < 8 or b"\x00" not in sample:
        return None

    def zero_share(offset: int, step: int) -> float:
        column = sample[offset::step]
        return column.count(0) / len(column)

    zeros4 = [zero_share(i, 4) for i in range(4)]
    if zeros4[0] < 0.1 and min(zeros4[1:]) > 0.9:
        return "utf-32-le", "UTF-32"
    if zeros4[3] < 0.1 and min(zeros4[:3]) > 0.9:
        return "utf-32-be", "UTF-32"
    even, odd = zero_share(0, 2), zero_share(1, 2)
    if odd > 0.6 and even < 0.1:
        return "utf-16-le", "UTF-16"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be", "UTF-16"
    return None


def decode_wide(data: bytes, codec: str, name: str) -> tuple[str | None, str | None]:
    """Decode UTF-16/UTF-32 bytes (the mark dropped); return (text, problem)."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        return None, (
            f"looks like {name} text but does not decode as {name} (at byte {exc.start}); "
            "re-encode the file as UTF-8 (e.g. iconv -f utf-16 -t utf-8)"
        )
    return text.removeprefix("\ufeff"), None


def binary_problem(data: bytes) -> str | None:
    """Reject data that is not text: a known binary format, NUL bytes or many control
    characters."""
    for signature, kind, advice in _SIGNATURES:
        if data.startswith(signature):
            return f"binary file ({kind}), not text; {advice}"
    sample = data[:8192]
    if b"\x00" in sample:
        return "binary file (contains NUL bytes), not text; give a .txt, .html or .jsonl file"
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if sample and control / len(sample) > 0.05:
        return "binary file (many control bytes), not text; give a .txt, .html or .jsonl file"
    return None


def decode_utf8(data: bytes) -> tuple[str | None, str | None]:
    """Decode strictly as UTF-8 (a BOM is allowed); return (text, problem)."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        guess = legacy_guess(data)
        source = "cp1252" if guess == "Windows-1252" else "latin1"
        return None, (
            f"not UTF-8 text (invalid byte 0x{bad} at offset {exc.start}; {guess}?); "
            f"re-encode the file as UTF-8 (e.g. iconv -f {source} -t utf-8)"
        )


def legacy_guess(data: bytes) -> str:
    """The 8-bit encoding bytes that are not UTF-8 are probably in, for the message."""
    high = [b for b in data if b >= 0x80]
    if any(0x80 <= b < 0xA0 for b in high):
        return "Windows-1252"
    return "latin-1"


def line_problem(raw: bytes) -> str:
    """A JSONL line that is not UTF-8."""
    return f"not UTF-8 ({legacy_guess(raw)}?); re-encode the file as UTF-8"


def replace_surrogates(text: str) -> tuple[str, int]:
    """Lone surrogates (a JSON "\\ud800" with no pair; no UTF-8 can hold them) replaced
    by U+FFFD, one for one so that character offsets stay; and how many there were."""
    found = len(_SURROGATE.findall(text))
    return (_SURROGATE.sub("\ufffd", text), found) if found else (text, 0)


def language_problem(text: str) -> tuple[str, str | None]:
    """(language code, problem): the problem says why the article is skipped, or is None
    when eventcoder codes the language (read.language.decide)."""
    decision = decide(text)
    return decision.language, decision.problem


def empty_problem(text: str) -> str | None:
    if not text.strip():
        return "empty article (no text); nothing to code"
    return None
