"""Which dictionary pattern a verb or noun matches: the most specific that fits its objects
and prepositional phrases (ties go to the earlier data line)."""

from __future__ import annotations

from spacy.tokens import Token

from eventcoder.events import syntax
from eventcoder.events.patterns import ACTOR_CLASS, Pattern, PatternBook
from eventcoder.lang import grammar_of


def match_verb(
    book: PatternBook, verb: Token, actor_heads: frozenset[int] = frozenset()
) -> Pattern | None:
    particle = syntax.particle_of(verb)
    lemma = verb.lemma_.lower()
    candidates = book.verbs.get((lemma, particle))
    if not candidates and particle is not None and not any(c.dep_ == "prt" for c in verb.children):
        candidates = book.verbs.get((lemma, None))  # an adverb, not a particle
    if not candidates:
        return None
    theme_tokens = syntax.themes(verb)
    theme_lemmas = {form for t in theme_tokens for form in syntax.object_forms(t)}
    if any(t.i in actor_heads for t in theme_tokens):
        theme_lemmas.add(ACTOR_CLASS)
    prep_pairs = _prep_pairs((verb, *theme_tokens), actor_heads)
    for pattern in candidates:
        if _fits(pattern, theme_lemmas, prep_pairs):
            return pattern
    return None


def match_compound_gerund(book: PatternBook, verb: Token) -> Pattern | None:
    """ "police firing", "army shelling": a noun compound the parser read as a noun with a
    participle (acl) right after it. The event is the noun pattern "police firing"."""
    head = verb.head
    if verb.tag_ != "VBG":
        return None
    if verb.dep_ == "acl" and head.i == verb.i - 1 and head.pos_ == "NOUN":
        modifier = head.lemma_.lower()
    else:
        # "killed in the police firing": the gerund read as the preposition's object, with
        # its noun modifier as a compound.
        before = verb.doc[verb.i - 1] if verb.i > 0 else verb
        if before.dep_ != "compound" or before.head.i != verb.i or before.pos_ != "NOUN":
            return None
        modifier = before.lemma_.lower()
    for pattern in book.nouns.get(verb.lower_, ()):
        if pattern.modifier == modifier:
            return pattern
    return None


# Where a gerund stands as a noun: "police resorted to firing", "killed in the firing".
GERUND_NOUN_DEPS = frozenset({"pcomp", "pobj"})


def match_gerund_noun(
    book: PatternBook, verb: Token, actor_heads: frozenset[int] = frozenset()
) -> Pattern | None:
    """A gerund with no object of its own read as the noun it spells ("resorted to firing"
    -> the noun "firing"), matched against the noun dictionary."""
    if verb.tag_ != "VBG" or verb.dep_ not in GERUND_NOUN_DEPS:
        return None
    if any(c.dep_ in ("dobj", "obj", "nsubj") for c in verb.children):
        return None
    return match_noun(book, verb, actor_heads, forms=(verb.lower_,))


def match_noun(
    book: PatternBook,
    noun: Token,
    actor_heads: frozenset[int] = frozenset(),
    forms: tuple[str, ...] | None = None,
) -> Pattern | None:
    candidates: tuple[Pattern, ...] = ()
    for form in forms or syntax.lemma_forms(noun):
        candidates = book.nouns.get(form, ())
        if candidates:
            break
    if not candidates:
        if (noun.lemma_.lower(), None) in book.light_nouns:
            return _modifier_event(book, noun, actor_heads)
        return None
    modifiers = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")}
    prep_pairs = _prep_pairs((noun,), actor_heads)
    for pattern in candidates:
        if pattern.modifier is not None and pattern.modifier not in modifiers:
            continue
        if _fits(pattern, set(), prep_pairs):
            return pattern
    return None


def _modifier_event(book: PatternBook, noun: Token, actor_heads: frozenset[int]) -> Pattern | None:
    """'a mediation effort', 'aid deliveries': the event its modifier names."""
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") and child.pos_ in ("NOUN", "PROPN"):
            pattern = match_noun(book, child, actor_heads)
            if pattern is not None:
                return pattern
    return None


def _prep_pairs(tokens: tuple[Token, ...], actor_heads: frozenset[int]) -> list[tuple[str, str]]:
    """(preposition, object lemma) pairs; an object that is a coded actor also gives '@actor'."""
    pairs: list[tuple[str, str]] = []
    for token in tokens:
        for prep, obj in syntax.preps(token):
            pairs.extend((prep, form) for form in syntax.lemma_forms(obj))
            if obj.i in actor_heads:
                pairs.append((prep, ACTOR_CLASS))
        for mark, word in grammar_of(token).clause_preps(token):
            pairs.extend((mark, form) for form in syntax.lemma_forms(word))
    return pairs


def _fits(pattern: Pattern, theme_lemmas: set[str], prep_pairs: list[tuple[str, str]]) -> bool:
    if pattern.objects is not None and not (theme_lemmas & pattern.objects):
        return False
    if pattern.prep is not None:
        return any(
            prep == pattern.prep and (pattern.prep_objects is None or obj in pattern.prep_objects)
            for prep, obj in prep_pairs
        )
    return True
