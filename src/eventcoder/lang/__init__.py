"""Languages: the grammatical word sets of each language the coder reads.

One module per language (``en.py``): dependency labels, part-of-speech tags and closed-class
words (prepositions, determiners, pronouns) as the stages use them, one named set per use. The
content words (verbs, nouns, place and cue words) live in the data files (``data/``), not
here. Ground floor: every stage may import it; it imports nothing of the project.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from spacy.tokens import Doc, Token

from eventcoder.lang.en import ENGLISH
from eventcoder.lang.fr import FRENCH
from eventcoder.lang.grammar import Grammar

GRAMMARS: Mapping[str, Grammar] = MappingProxyType({"en": ENGLISH, "fr": FRENCH})


def grammar_of(parsed: Doc | Token) -> Grammar:
    """The grammar of the language a document (or a token's document) was parsed in; English
    for a language with no grammar of its own."""
    doc = parsed.doc if isinstance(parsed, Token) else parsed
    return GRAMMARS.get(doc.lang_, ENGLISH)


__all__ = ["GRAMMARS", "Grammar", "grammar_of"]
