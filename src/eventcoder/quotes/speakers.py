"""Who said it: the actor behind a speech act.

The speaker is the actor at the speech verb's subject (``ArticleActors.by_head`` already
resolves pronouns, surnames and descriptions across the article), the author of a document
that "said" something ("a statement by the junta said"), or the object of "according to".
A subject the actor coder could not code ("a friend", "the announcer", an unknown name) is
still the speaker: an actor with its text and no code. An unresolved pronoun, or no speech act
at all, gives a null speaker: never a guess.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from eventcoder.events import syntax
from eventcoder.lang import grammar_of
from eventcoder.lang.en import (
    AUTHOR_PREPOSITIONS,
    INVERTED_SPEAKER_DEPS,
    PARTITIVE_WORDS,
    SPEAKER_CLIMB_DEPS,
    SPEAKER_PHRASE_DEPS,
)
from eventcoder.quotes.context import QuoteContext, SpeechAct
from eventcoder.records import Actor


def speech_act(ctx: QuoteContext, cue: Token, rule: str) -> SpeechAct:
    word = cue.lower_ if rule == "according" else cue.lemma_.lower()
    return SpeechAct(cue.i, speaker(ctx, cue), f"{rule}:{word}")


def speaker(ctx: QuoteContext, cue: Token) -> Actor | None:
    obj = according_object(ctx, cue)
    if obj is not None:
        return actor_at(ctx, obj)
    for token in speaker_tokens(ctx, cue):
        actor = actor_at(ctx, token)
        if actor is not None:
            return actor
    return None


def speaker_tokens(ctx: QuoteContext, verb: Token) -> list[Token]:
    if grammar_of(verb).universal_dependencies:
        return ud_speaker_tokens(ctx, verb)
    found = syntax.subjects(verb)
    if found:
        return found
    current = verb
    for _ in range(3):
        if current.dep_ not in SPEAKER_CLIMB_DEPS or current.head is current:
            break
        current = current.head
        if current.lemma_.lower() in ctx.cues.passive_reporting and syntax.is_passive(current):
            # "X was quoted as saying"
            return [c for c in current.children if c.dep_ in ("nsubjpass", "nsubj")]
        if current.pos_ == "VERB":
            subjects = syntax.subjects(current)
            if subjects:
                return subjects
    inverted = [
        c for c in verb.rights if c.dep_ in INVERTED_SPEAKER_DEPS and c.i not in ctx.quoted
    ][:1]
    if inverted and (verb.i - 1 in ctx.quoted or verb.i - 2 in ctx.quoted or verb.is_sent_start):
        # '"...," said the minister' / 'Said Ellis: "..."' parsed with the speaker as an
        # object.
        return inverted
    return [c for c in inverted if c.dep_ != "dobj"]


# The French speaker after its verb: "», a déclaré le ministre" (nsubj or obj), "a indiqué à
# l'AFP un responsable militaire" (an appos of the addressee), "a-t-il déclaré" (expl:subj).
UD_INVERTED_SPEAKER_DEPS = frozenset({"nsubj", "obj", "appos", "dep", "nsubj:pass"})
UD_CLITIC_SUBJECT_DEPS = frozenset({"expl:subj", "expl:comp", "nsubj"})


def ud_speaker_tokens(ctx: QuoteContext, verb: Token) -> list[Token]:
    """The speaker of a speech verb in a UD parse (French): its subject outside the quotation,
    an inverted clitic or noun after it, or the subject of the clause it is hung on."""
    pronouns = grammar_of(verb).personal_pronouns
    found = [t for t in syntax.subjects(verb) if t.i not in ctx.quoted]
    if found:
        return found
    clitics = [
        c
        for c in verb.children
        if c.dep_ in UD_CLITIC_SUBJECT_DEPS and c.lower_.startswith("-") and c.lower_ in pronouns
    ]
    if clitics:
        return clitics[:1]  # "a-t-il déclaré": the clitic after the auxiliary
    for child in verb.rights:
        if child.i in ctx.quoted:
            continue
        if child.dep_ in UD_INVERTED_SPEAKER_DEPS and child.pos_ in ("NOUN", "PROPN"):
            return [child]
        if child.dep_.startswith("obl"):
            for grand in child.children:
                if grand.dep_ == "appos" and grand.pos_ in ("NOUN", "PROPN"):
                    return [grand]  # "a indiqué à l'AFP un responsable"
    current = verb
    for _ in range(3):
        if current.dep_ not in ("advcl", "xcomp", "conj") or current.head is current:
            break
        current = current.head
        if current.pos_ == "VERB":
            above = [t for t in syntax.subjects(current) if t.i not in ctx.quoted]
            if above:
                return above
    return []


def actor_at(ctx: QuoteContext, token: Token) -> Actor | None:
    """The coded actor at a phrase head; else the author of a document; else the phrase
    itself as an uncoded actor (pronouns excepted: unresolved, they name nobody)."""
    by_head = ctx.actors.by_head
    actor = by_head.get(token.i)
    if actor is not None and (actor.code or actor.name):
        return actor
    if token.lemma_.lower() in ctx.cues.documents:
        # "a statement by the junta said", "the ministry's statement said"
        found = _document_author(ctx, token)
        if found is not None:
            return found
        if _definite(token):
            # "the statement said" after "said a statement by Jordan's Public Security
            # Directorate": the author of the last document the article attributed.
            for earlier in reversed(ctx.doc[: token.i]):
                if earlier.lemma_.lower() in ctx.cues.documents:
                    found = _document_author(ctx, earlier)
                    if found is not None:
                        # the author's code, the span of this mention ("the statement")
                        span = ctx.doc[token.left_edge.i : token.i + 1]
                        return replace(
                            found, text=span.text, start=span.start_char, end=span.end_char
                        )
    if token.i in ctx.quoted:
        return None
    if token.pos_ == "NUM" or token.lower_ in PARTITIVE_WORDS:
        # "one of those advisers", "some of his aides": the group, as the part of it
        group = next((o for p, o in syntax.preps(token) if p == "of"), None)
        if group is None or group.i in ctx.quoted:
            return None
        found = by_head.get(group.i)
        if found is not None and found.code:
            return found
        phrase = uncoded_actor(ctx, group)
        return replace(phrase, text=ctx.text[token.idx : phrase.end], name=None, start=token.idx)
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    return uncoded_actor(ctx, token)


def _document_author(ctx: QuoteContext, document: Token) -> Actor | None:
    """The coded author a document noun names: its possessor, "by"/"from" X, "issued by X"."""
    by_head = ctx.actors.by_head
    owners = [c for c in document.children if c.dep_ == "poss"]
    owners += [o for p, o in syntax.preps(document) if p in AUTHOR_PREPOSITIONS]
    owners += [o for c in document.children if c.dep_ == "acl" for _, o in syntax.preps(c)]
    for owner in owners:
        found = by_head.get(owner.i)
        if found is not None and (found.code or found.name):
            return found
    return None


def _definite(token: Token) -> bool:
    """Does the noun have a definite determiner ("the statement")?"""
    words = grammar_of(token).definite_determiners
    return any(c.dep_ == "det" and c.lower_ in words for c in token.children)


def uncoded_actor(ctx: QuoteContext, head: Token) -> Actor:
    tokens = [head]
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in SPEAKER_PHRASE_DEPS and child.i not in ctx.quoted:
                tokens.append(child)
                stack.append(child)
    first = min(t.i for t in tokens)
    last = max(t.i for t in tokens)
    span = ctx.doc[first : last + 1]
    name = None
    if head.pos_ == "PROPN":
        parts = [t for t in span if t.pos_ == "PROPN" and t.i <= head.i]
        name = " ".join(t.text for t in parts) or None
    return Actor(span.text, name, None, None, None, span.start_char, span.end_char)


def according_object(ctx: QuoteContext, token: Token) -> Token | None:
    """For the first word of 'according to X' (data: quote_cues.tsv), X's head."""
    doc = ctx.doc
    lower = token.lower_
    for phrase in ctx.cues.according:
        if phrase[0] != lower or token.i + len(phrase) > len(doc):
            continue
        words = doc[token.i : token.i + len(phrase)]
        if [t.lower_ for t in words] != list(phrase):
            continue
        last = words[-1]
        for child in last.children:
            if child.dep_ == "pobj":
                return child
        nxt = last.i + 1
        while nxt < len(doc) and doc[nxt].dep_ in ("det", "amod", "compound", "poss"):
            nxt += 1
        if nxt < len(doc) and doc[nxt].pos_ in ("PROPN", "NOUN", "PRON"):
            return doc[nxt]
    return None
