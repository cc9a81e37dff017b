"""Checking a data directory with the loaders ``Coder`` runs (``eventcoder check-data``).

Every knowledge file is read by the same loader that reads it when ``Coder`` starts, with
the same checks, so that the check and the coder cannot disagree about a file. A loader stops
at its first malformed line (``DataError``: ``file:line: problem``); the check runs every
loader and collects one problem per loader that fails. A loader that needs another's result
(the patterns need the CAMEO table, the gazetteer the country names) is left out while that
one fails, and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TypeVar

from eventcoder.datafiles import DataError
from eventcoder.events import PatternBook
from eventcoder.lexicon import Lexicon, load_focus_roles, load_role_priority
from eventcoder.ontology import Ontology
from eventcoder.places import PlaceCoder
from eventcoder.quotes import QuoteCues
from eventcoder.time import TimeCoder

T = TypeVar("T")
OTHER_LANGUAGES = ("fr",)  # languages with their own folder of data files


@dataclass(frozen=True, slots=True)
class DataCheck:
    """What checking a data directory found."""

    problems: tuple[str, ...]  # "file:line: problem", one per failing loader
    not_checked: tuple[str, ...]  # loaders left out because one they need failed
    ontology: Ontology | None
    lexicon: Lexicon | None
    patterns: PatternBook | None

    @property
    def ok(self) -> bool:
        return not self.problems


def check_data_dir(data_dir: Path | None = None) -> DataCheck:
    """Load every data file of ``data_dir`` (default: the packaged data) as ``Coder`` does."""
    problems: list[str] = []
    not_checked: list[str] = []

    def attempt(load: Callable[[], T]) -> T | None:
        try:
            return load()
        except DataError as error:
            problems.append(str(error))
            return None

    ontology = attempt(lambda: Ontology.load(data_dir))
    lexicon = attempt(lambda: Lexicon.load(data_dir))
    patterns: PatternBook | None = None
    if ontology is not None:
        patterns = attempt(lambda: PatternBook.load(ontology, data_dir))
    else:
        not_checked.append(
            "verbs/, classes/, nouns.tsv, frames.tsv, frame_codes.tsv, support_verbs.tsv, "
            "argument_rules.tsv, modality.tsv: need cameo.tsv"
        )
    # ActorCoder reads role_priority.tsv; the check reads it from data_dir.
    attempt(lambda: load_role_priority(data_dir))
    attempt(lambda: load_focus_roles(data_dir))
    if lexicon is not None:
        attempt(lambda: PlaceCoder(lexicon, data_dir))
    else:
        not_checked.append("admin1.tsv, regions.tsv, place_words.tsv: need the actor lexicon")
    attempt(lambda: QuoteCues.load(data_dir))
    attempt(lambda: TimeCoder.load(data_dir))
    # The other languages' files (data/fr/), with the loaders the French pipeline runs.
    for language in OTHER_LANGUAGES:
        attempt(partial(Lexicon.load, data_dir, language))
        if ontology is not None:
            attempt(partial(PatternBook.load, ontology, data_dir, language))
        attempt(partial(QuoteCues.load, data_dir, language))
        attempt(partial(TimeCoder.load, data_dir, language))
    return DataCheck(
        problems=tuple(dict.fromkeys(problems)),
        not_checked=tuple(not_checked),
        ontology=ontology,
        lexicon=lexicon,
        patterns=patterns,
    )


__all__ = ["DataCheck", "check_data_dir"]
