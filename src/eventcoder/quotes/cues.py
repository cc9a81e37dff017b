"""The cue words of the quotes stage, from ``speech_verbs.tsv`` and ``quote_cues.tsv``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventcoder.datafiles import DEFAULT_LANGUAGE, DataError, localised, read_rows

CUE_KINDS = (
    "verb",
    "naming",
    "according",
    "document",
    "non_speech",
    "elision",
    "passive_reporting",
)
# Kinds whose entries are one word each.
ONE_WORD_KINDS = ("verb", "naming", "document", "elision", "passive_reporting")


@dataclass(frozen=True, slots=True)
class QuoteCues:
    speech_verbs: frozenset[str]  # speech_verbs.tsv: start reported speech and attribute quotes
    quote_verbs: frozenset[str]  # quote_cues.tsv verb: attribute an adjacent quotation only
    naming: frozenset[str]  # quote_cues.tsv naming: 'called X "Y"' reports "X "Y"" as well
    according: tuple[tuple[str, ...], ...]  # ("according", "to"), ("in", "the", "words", "of")
    documents: frozenset[str]
    non_speech: tuple[tuple[str, ...], ...]
    elisions: frozenset[str]
    passive_reporting: frozenset[str]  # "X was quoted as saying": X speaks
    where: dict[str, str]  # cue word (or phrase) -> file:line, for rule ids and errors

    @classmethod
    def load(cls, data_dir: Path | None = None, language: str = DEFAULT_LANGUAGE) -> QuoteCues:
        speech: set[str] = set()
        where: dict[str, str] = {}
        for row in read_rows(localised("speech_verbs.tsv", language, data_dir), 1, 2, data_dir):
            word = row.fields[0].lower()
            speech.add(word)
            where.setdefault(word, row.where)
        kinds: dict[str, list[tuple[str, ...]]] = {kind: [] for kind in CUE_KINDS}
        for row in read_rows(localised("quote_cues.tsv", language, data_dir), 2, 2, data_dir):
            kind = row.fields[0]
            if kind not in CUE_KINDS:
                raise DataError(f"{row.where}: kind must be one of {CUE_KINDS}, got {kind!r}")
            words = tuple(row.fields[1].lower().replace("-", " ").split())
            if not words:
                raise DataError(f"{row.where}: no words")
            if kind in ONE_WORD_KINDS and len(words) != 1:
                raise DataError(f"{row.where}: a {kind} cue is one word")
            if kind == "according" and len(words) < 2 and language == DEFAULT_LANGUAGE:
                # English "according to": a word and its preposition; French "selon" is one.
                raise DataError(f"{row.where}: an 'according' cue ends with its preposition")
            kinds[kind].append(words)
            where.setdefault(" ".join(words), row.where)
        return cls(
            speech_verbs=frozenset(speech),
            quote_verbs=frozenset(w[0] for w in kinds["verb"] + kinds["naming"]) - speech,
            naming=frozenset(w[0] for w in kinds["naming"]),
            according=tuple(kinds["according"]),
            documents=frozenset(w[0] for w in kinds["document"]),
            non_speech=tuple(sorted(kinds["non_speech"], key=len, reverse=True)),
            elisions=frozenset(w[0] for w in kinds["elision"]),
            passive_reporting=frozenset(w[0] for w in kinds["passive_reporting"]),
            where=where,
        )
