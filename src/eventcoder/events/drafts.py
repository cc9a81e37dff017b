"""Drafts: an event before actors are attached, a trigger with its code and where its roles
are in the parse. Built from a verb or noun pattern; realised into ``Event`` records later.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from eventcoder.events import syntax
from eventcoder.events.patterns import Pattern, PatternBook
from eventcoder.lang import grammar_of
from eventcoder.records import Factuality


@dataclass(slots=True)
class Draft:
    """An event before actors are attached: a trigger, its code and where its roles are."""

    trigger: Token
    cameo: str
    rule: str
    where: str
    sources: list[Token]
    targets: list[Token]
    governors: tuple[Token, ...] = ()
    pairwise: bool = False  # "clashes between X and Y": both directions
    extra_tokens: tuple[Token, ...] = ()
    # Used only when the tier before yields no coded actor.
    source_fallback: list[Token] = field(default_factory=list)
    target_fallback: list[Token] = field(default_factory=list)
    places: list[Token] = field(default_factory=list)  # locative objects ("arrived in Bamako")
    factuality: Factuality | None = None  # fixed by a rule (frames, intents), else computed
    framed: bool = False  # produced by a frame: not framed again
    # An agentless passive ("a curfew was imposed", "two protesters were shot dead"): coded
    # even when neither side is a coded actor, since the text reports the event as done.
    agentless: bool = False


@dataclass(slots=True)
class SentenceState:
    """What one sentence's triggers have become so far, while its drafts are built."""

    actor_heads: frozenset[int]
    verbs: dict[int, Pattern] = field(default_factory=dict)
    nouns: dict[int, Pattern] = field(default_factory=dict)
    adjectives: dict[int, Pattern] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)
    framed: dict[int, Draft] = field(default_factory=dict)  # frame verb -> its framed event
    drafts: list[Draft] = field(default_factory=list)


def verb_draft(verb: Token, pattern: Pattern) -> Draft:
    passive = syntax.is_passive(verb)
    sources = syntax.subjects(verb) or _nominal_gerund_doers(verb)
    targets = syntax.objects(verb, passive)
    themes = syntax.themes(verb)
    if pattern.instruments:
        # An instrument object is the means, not the target: "used force against the
        # junta" targets the junta; "deployed troops to Mali" targets Mali.
        targets = [t for t in targets if not set(syntax.lemma_forms(t)) & pattern.instruments]
    # "condemned Rwanda's support for the M23": the possessor of a non-actor object.
    owners = [c for t in themes for c in t.children if grammar_of(t).is_possessor(c)]
    prep_targets = [o for _, o in syntax.prep_targets([verb, *themes])]
    return Draft(
        trigger=verb,
        cameo=pattern.cameo,
        rule=pattern.rule,
        where=pattern.where,
        sources=sources,
        targets=targets + owners + prep_targets,
        places=place_objects(verb),
        agentless=passive
        and not sources
        and not any(c.dep_ in ("agent", "obl:agent") for c in verb.children),
    )


def _nominal_gerund_doers(verb: Token) -> list[Token]:
    """A gerund used as a noun ("the police shooting of a black man": it has a determiner)
    is done by its modifiers, as an event noun is."""
    grammar = grammar_of(verb)
    if not grammar.is_gerund(verb) or not any(
        c.dep_ == "det" or (c.dep_ == "compound" and c.i < verb.i) for c in verb.children
    ):
        return []  # "died in police firing": a compound modifier makes it a noun too
    return [c for c in verb.children if c.dep_ in grammar.noun_modifier_deps and c.i < verb.i]


def noun_draft(
    book: PatternBook, noun: Token, pattern: Pattern, governors: tuple[Token, ...]
) -> Draft:
    sources: list[Token] = []
    targets: list[Token] = []
    pairwise = False
    agent_of = pattern.cameo.startswith(book.agent_of)
    for child in modifiers(noun):
        stance = stance_prefix(child)
        if stance == "anti":
            targets.append(child)  # "anti-government protests": against the government
        elif stance is None:
            sources.extend(syntax.with_conjuncts(child))
    g = grammar_of(noun)
    for prep, obj in syntax.preps(noun):
        role = g.preposition_roles.get(prep, prep)
        if role == "by" or (role == "of" and agent_of):
            sources.append(obj)
        elif role == "between":
            sources.append(obj)
            pairwise = True
        elif g.target_phrase(prep, obj):
            targets.append(obj)
    if pairwise and len(sources) >= 2:
        targets = sources[1:] + targets
        sources = sources[:1]
    return Draft(
        trigger=noun,
        cameo=pattern.cameo,
        rule=pattern.rule,
        where=pattern.where,
        sources=sources,
        targets=targets,
        governors=governors,
        pairwise=pairwise,
        places=place_objects(noun),
    )


def companion(draft: Draft, factuality: Factuality) -> Draft:
    """The framed or announced action itself, kept as a hypothetical (or negated) event."""
    return Draft(
        trigger=draft.trigger,
        cameo=draft.cameo,
        rule=f"embedded:{draft.rule}",
        where=draft.where,
        sources=draft.sources,
        targets=draft.targets,
        governors=draft.governors,
        pairwise=draft.pairwise,
        source_fallback=draft.source_fallback,
        target_fallback=draft.target_fallback,
        places=draft.places,
        factuality=factuality,
        framed=True,
        agentless=draft.agentless,
    )


def place_objects(token: Token) -> list[Token]:
    """Objects of locative prepositions on a token: "arrived in Bamako", "strikes in Syria"."""
    places = grammar_of(token).event_place_prepositions
    return [obj for prep, obj in syntax.preps(token) if prep in places]


def modifiers(noun: Token) -> list[Token]:
    """Modifiers of an event noun that may name its actor, nearest first, through compound
    chains: "Russian air strikes", "US Predator attacks"."""
    found: list[Token] = []
    stack = [noun]
    deps = grammar_of(noun).noun_modifier_deps
    while stack:
        token = stack.pop(0)
        for child in token.children:
            if child.dep_ in deps and child.pos_ in (
                "PROPN",
                "NOUN",
                "ADJ",
            ):
                found.append(child)
                if child.dep_ == "compound":
                    stack.append(child)
    return found


def stance_prefix(token: Token) -> str | None:
    """'anti' or 'pro' for "anti-government", "pro-junta" modifiers, else None."""
    doc = token.doc
    i = token.i
    if i >= 2 and doc[i - 1].text in ("-", "‑") and doc[i - 2].lower_ in ("anti", "pro"):
        return doc[i - 2].lower_
    if token.lower_.startswith(("anti", "pro")) and "-" in token.text:
        return token.lower_[:4] if token.lower_.startswith("anti") else "pro"
    return None
