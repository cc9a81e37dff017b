"""What the PETRARCH dictionary readers share: comment stripping, word normalisation, plurals.

PETRARCH dictionaries (docs/petrarch.md) are plain text. Comments are XML style
(``<!-- ... -->``, possibly over several lines), Python style (``#`` to the end of the line) or,
for legacy KEDS/TABARI files, ``;`` to the end of the line. A ``#`` or ``;`` inside ``[...]`` is
data (``[###]`` is a TABARI code), not a comment.

Words are compared in a normal form shared with the document side (``doc_words``): upper case,
typographic apostrophes made plain, and split where spaCy's English tokenizer splits them
(hyphens, commas, brackets, ``'S``, ``N'T``), so that ``AL-QAEDA`` matches "Al-Qaeda" and
``WO N'T`` matches "won't".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span

Phrase = tuple[str, ...]  # normalised words

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
# Pieces that the tokenizer splits off a word: hyphens, brackets, commas, quotes, slashes.
_SPLIT = re.compile(r"(-|\(|\)|,|\"|/|:|;|!|\?)")


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of a dictionary file after comment removal."""

    number: int
    text: str  # comments removed, right-stripped; leading white space kept
    raw: str

    @property
    def indented(self) -> bool:
        return self.text[:1] in ("\t", " ")


def strip_comment(line: str) -> str:
    """``line`` without a trailing ``#`` or ``;`` comment (ignored inside ``[...]``)."""
    if "[" not in line:
        cut = min((i for i in (line.find("#"), line.find(";")) if i >= 0), default=-1)
        return line if cut < 0 else line[:cut]
    depth = 0
    for i, char in enumerate(line):
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(0, depth - 1)
        elif char in "#;" and depth == 0:
            return line[:i]
    return line


def read_lines(path: Path) -> Iterator[SourceLine]:
    """The non-empty lines of a dictionary file, comments removed, numbered from 1.

    Files are read as UTF-8; bytes that are not UTF-8 (older dictionaries are Latin-1) are
    decoded as Latin-1 rather than failing.
    """
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    in_xml_comment = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw
        if in_xml_comment:
            end = line.find("-->")
            if end < 0:
                continue
            line = line[end + 3 :]
            in_xml_comment = False
        # "<!-- ... -->" (also the malformed "<! -- ... -->" seen in the wild), possibly
        # with data before it; an unterminated one runs on to the next "-->".
        while True:
            start = line.find("<!")
            if start < 0:
                break
            end = line.find("-->", start)
            if end < 0:
                line = line[:start]
                in_xml_comment = True
                break
            line = line[:start] + line[end + 3 :]
        line = strip_comment(line).rstrip()
        if line.strip():
            yield SourceLine(number, line, raw)


_SIMPLE = re.compile(r"[A-Z0-9.&]*\Z")


def split_word(word: str) -> Phrase:
    """One dictionary word in normal form, split as the tokenizer splits it."""
    word = word.upper()
    if _SIMPLE.match(word):
        return (word,) if word else ()
    word = word.translate(_APOSTROPHES)
    pieces: list[str] = []
    for part in _SPLIT.split(word):
        if not part:
            continue
        if len(part) > 3 and part.endswith("N'T"):
            pieces.extend((part[:-3], "N'T"))  # "DON'T" -> DO N'T, as the tokenizer does
        elif len(part) > 2 and part.endswith("'S"):
            pieces.extend((part[:-2], "'S"))
        elif len(part) > 1 and part.endswith("'") and not part.startswith("'"):
            pieces.extend((part[:-1], "'"))  # "ANARCHISTS'"
        else:
            pieces.append(part)
    return tuple(pieces)


def split_phrase(text: str) -> Phrase:
    """A phrase whose words are separated by blanks or underscores, in normal form."""
    words: list[str] = []
    for word in re.split(r"[\s_]+", text.strip()):
        if word:
            words.extend(split_word(word))
    return tuple(words)


def doc_words(span: Span) -> list[tuple[str, int]]:
    """(normal form, token index) for the words of a span, as dictionaries spell them.

    A token holding underscores ("Dol_Amroth") gives one word per part, all pointing at it.
    """
    found: list[tuple[str, int]] = []
    for token in span:
        if token.is_space:
            continue
        text = token.text.translate(_APOSTROPHES).upper()
        if "_" in text.strip("_"):
            found.extend((part, token.i) for part in text.split("_") if part)
        else:
            found.append((text, token.i))
    return found


def token_key(text: str) -> str:
    return text.translate(_APOSTROPHES).upper()


def plurals(word: str) -> tuple[str, ...]:
    """Regular English plurals of an upper-case noun: -S, -ES after sibilants, -IES."""
    if not word or not word[-1].isalpha():
        return ()
    if word.endswith(("S", "X", "Z", "CH", "SH")):
        return (word + "ES",)
    if word.endswith("Y") and len(word) > 1 and word[-2] not in "AEIOU":
        return (word[:-1] + "IES",)
    return (word + "S",)


VOWELS = frozenset("AEIOU")


def verb_forms(word: str) -> tuple[str, ...]:
    """Regular forms of an upper-case English verb: -S, -ED, -ING (with the usual spelling
    changes, and the doubled final consonant of short verbs: STOPPED, PLANNING)."""
    if not word.isalpha():
        return ()
    forms: list[str] = []
    if word.endswith(("S", "X", "Z", "CH", "SH", "O")):
        forms.append(word + "ES")
    elif word.endswith("Y") and len(word) > 1 and word[-2] not in VOWELS:
        forms.append(word[:-1] + "IES")
    else:
        forms.append(word + "S")
    if word.endswith("E"):
        forms.append(word + "D")
        forms.append(word[:-1] + "ING" if not word.endswith("EE") else word + "ING")
    elif word.endswith("Y") and len(word) > 1 and word[-2] not in VOWELS:
        forms.extend((word[:-1] + "IED", word + "ING"))
    else:
        forms.extend((word + "ED", word + "ING"))
        if (
            len(word) >= 3
            and word[-1] not in VOWELS
            and word[-1] not in "WXY"
            and word[-2] in VOWELS
            and word[-3] not in VOWELS
        ):
            forms.extend((word + word[-1] + "ED", word + word[-1] + "ING"))
    return tuple(forms)


def where(path: Path, line: int) -> str:
    return f"{path.name}:{line}"
