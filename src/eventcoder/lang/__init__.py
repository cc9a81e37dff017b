"""Languages: the grammatical word sets of each language the coder reads.

One module per language (``en.py``): dependency labels, part-of-speech tags and closed-class
words (prepositions, determiners, pronouns) as the stages use them, one named set per use. The
content words (verbs, nouns, place and cue words) live in the data files (``data/``), not
here. Ground floor: every stage may import it; it imports nothing of the project.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from eventcoder.lang.en import ENGLISH
from eventcoder.lang.fr import FRENCH
from eventcoder.lang.grammar import Grammar

GRAMMARS: Mapping[str, Grammar] = MappingProxyType({"en": ENGLISH, "fr": FRENCH})
# The same, keyed by the hash of the language code: a token's ``lang`` is read from its lexeme,
# about five times faster than ``doc.lang_`` (the stages ask for the grammar ~800 times per
# article).
GRAMMARS_BY_ID: Mapping[int, Grammar] = MappingProxyType(
    {get_string_id(code): grammar for code, grammar in GRAMMARS.items()}
)


def grammar_of(parsed: Doc | Token) -> Grammar:
    """The grammar of the language a document (or a token's document) was parsed in; English
    for a language with no grammar of its own."""
    if isinstance(parsed, Token):
        return GRAMMARS_BY_ID.get(parsed.lang, ENGLISH)
    return GRAMMARS.get(parsed.lang_, ENGLISH)


__all__ = ["GRAMMARS", "Grammar", "grammar_of"]
