"""Did it happen? asserted, negated ("did not attack") or hypothetical ("could impose").

Cues come from ``data/modality.tsv``. Their scope is the trigger's own clause plus the chain of
verbs that govern it through infinitival complements ("plans to visit", "will try to attack"):
a cue in a reporting clause ("she did not say") does not reach the reported event.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventcoder.lang import grammar_of
from eventcoder.records import Factuality

# "going to attack": 'going' is the progressive of 'go' with an xcomp.
_GOING_TO = "go"


def _negated_here(token: Token, negation: frozenset[str]) -> bool:
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("advmod", "det", "aux") and child.lower_ in negation:
            return True
    return False


def _nobody_did_it(trigger: Token, negation: frozenset[str]) -> bool:
    """ "no one was injured", "nobody was arrested", "none of them were released": a subject
    that is a negation word, or has one as its determiner."""
    subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass", "nsubj:pass")]
    grammar = grammar_of(trigger)
    reduced = trigger.dep_ in grammar.reduced_relative_deps and grammar.is_passive(trigger)
    if not subjects and reduced:
        subjects = [trigger.head]  # "no person killed": the noun is the one killed
    for child in subjects:
        if child.lower_ in negation or any(
            (c.dep_ == "det" and c.lower_ in negation) or c.dep_ == "neg" for c in child.children
        ):
            return True  # "not a single shop was looted": "not" on the subject
        if child.dep_ == "conj" and any(
            c.dep_ == "cc" and c.lower_ in negation for c in child.head.children
        ):
            return True  # "... nor a single person killed"
    return False


def _hypothetical_here(token: Token, hypothetical: frozenset[str]) -> bool:
    g = grammar_of(token)
    if g.morph_cues(token) & hypothetical:
        return True  # French: "imposera", "serait détenu", "qu'elle imposerait"
    for child in token.children:
        dep = child.dep_
        if dep in ("aux", "auxpass") and child.lower_ in hypothetical:
            return True
        if dep == "mark" and child.lower_ in g.conditional_markers:
            return True
        if dep in ("amod", "advmod") and child.lower_ in hypothetical:
            return True
    return False


def factuality_of(
    trigger: Token,
    negation: frozenset[str],
    hypothetical: frozenset[str],
    governors: tuple[Token, ...] = (),
) -> Factuality:
    """Factuality of an event triggered by ``trigger``.

    ``governors`` are extra tokens whose cues also apply (a light verb that carries the event
    noun, a frame verb).
    """
    chain: list[Token] = [trigger, *governors]
    current = trigger
    # Climb infinitival and participial complements: "plans to visit", "expected to meet".
    for _ in range(4):
        head = current.head
        if current.dep_ == "acl" and head.pos_ == "NOUN" and head.lemma_.lower() in hypothetical:
            return "hypothetical"  # "Trump's plan to militarise the border", "a request to send"
        complement = current.dep_ == "xcomp" or _infinitive_ccomp(current)
        if (not complement and current.dep_ not in ("advcl", "conj")) or head.i == current.i:
            break
        if current.dep_ == "advcl" and not any(
            c.dep_ == "mark" and c.lower_ in grammar_of(c).conditional_markers
            for c in current.children
        ):
            break
        chain.append(head)
        if complement and head.lemma_.lower() in negation:
            return "negated"  # "failed to reach an agreement"
        if complement and head.lemma_.lower() in hypothetical:
            # "plans to visit", "empowers the police to arrest"; "would not be allowed to
            # arrest" is ruled out.
            return "negated" if _negated_here(head, negation) else "hypothetical"
        if current.dep_ == "xcomp" and head.lemma_.lower() == _GOING_TO and head.tag_ == "VBG":
            return "hypothetical"
        current = head
    # Nouns carry their own determiner ("no protests") and the cues of the verb they are an
    # argument of ("sanctions could be decided", "curfews were not imposed").
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head is not trigger:
        for child in trigger.children:
            if child.dep_ == "det" and child.lower_ in negation:
                return "negated"
        if (
            trigger.dep_ in grammar_of(trigger).noun_argument_deps
            and trigger.head.pos_ in ("VERB", "AUX")
            and not _predication(trigger.head)
        ):
            chain.append(trigger.head)
    if any(_negated_here(token, negation) for token in chain) or _nobody_did_it(trigger, negation):
        return "negated"
    if any(_hypothetical_here(token, hypothetical) for token in chain):
        return "hypothetical"
    # An event noun in an adjunct of a verb that may or will happen may or will happen too:
    # "sanctions could be decided at an emergency summit", "will discuss it at a meeting".
    # (Not a negation: "did not speak at the summit" still has a summit.)
    verb = _adjunct_verb(trigger)
    if verb is not None and factuality_of(verb, negation, hypothetical) == "hypothetical":
        return "hypothetical"
    return "asserted"


def _predication(verb: Token) -> bool:
    """A copula saying what its subject is like: "the arrests were not valid" (the arrests
    were made; only their validity is denied)."""
    return verb.lemma_.lower() == "be" and any(c.dep_ in ("acomp", "attr") for c in verb.children)


def _infinitive_ccomp(verb: Token) -> bool:
    """ "empowers the police to arrest": an infinitive the model reads as a clausal
    complement with its own subject (the object of the verb above)."""
    return verb.dep_ == "ccomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _adjunct_verb(noun: Token) -> Token | None:
    """The verb a noun's prepositional phrase hangs on ("decided at [a summit]"), or None."""
    if noun.pos_ not in ("NOUN", "PROPN") or grammar_of(noun).case_of(noun) is None:
        return None
    head = noun.head
    if head.pos_ == "ADP":  # English: the preposition heads its object
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") and head is not noun else None
