"""Announced and declared own actions: intents (03x), threats (13x) and demands (10x).

* "Portugal will support ...", "France is ready to send troops": an announced own action is
  coded as intent or threat, asserted, with the action itself kept hypothetical;
* "ECOWAS said it would impose sanctions": a speech verb's that-clause declaring the
  speaker's own future action, likewise;
* "Britain said Libya must hand over the suspects": the speaker demands it of the clause's
  subject.
'could', 'may' and conditionals stay plain hypothetical (factuality.py).
"""

from __future__ import annotations

from spacy.tokens import Token

from eventcoder.events import syntax
from eventcoder.events.drafts import Draft, SentenceState, companion
from eventcoder.events.frames import inner_draft, trigger_in
from eventcoder.events.patterns import PatternBook
from eventcoder.ontology import Ontology


def declared_intent(
    book: PatternBook, ontology: Ontology, verb: Token, state: SentenceState
) -> bool:
    """Reported commitments of a speech verb's that-clause (see the module docstring)."""
    if verb.lemma_.lower() not in book.speech_verbs:
        return False
    speakers = {t.i for t in syntax.subjects(verb)}
    if not speakers:
        return False
    for child in verb.children:
        if child.dep_ != "ccomp" or child.pos_ not in ("VERB", "AUX"):
            continue
        auxes = {a.lower_ for a in child.children if a.dep_ in ("aux", "auxpass")}
        modals = {a.lower_ for a in child.children if a.dep_ == "aux" and a.tag_ == "MD"}
        obliged = bool(modals & book.obligation) or _obliged(book, child)
        future = bool(auxes & book.future_aux)
        if not (obliged or future):
            continue
        embedded = trigger_in(book, child, state)
        inner = inner_draft(book, embedded, state) if embedded is not None else None
        if obliged:
            doers = syntax.subjects(child) if child.pos_ == "VERB" else []
            if not doers or any(d.i in speakers for d in doers):
                continue
            code = book.framed_code(inner.cameo, "demand") if inner else "100"
            frame = "must-demand"
            targets, fallback = doers, (inner.targets if inner else [])
        else:
            if inner is None or not inner.sources:
                continue
            if not all(_same_actor(d, speakers) for d in inner.sources):
                continue
            base = ontology.get(inner.cameo)
            conflict = base is not None and base.is_conflict
            frame = "threaten" if conflict else "intent"
            if negated(book, child):
                if conflict:
                    continue  # "said it would not attack": the base event, negated
                frame = "reject"  # "said it would not accept more refugees"
            code = book.framed_code(inner.cameo, frame)
            frame = f"declare-{frame}"
            targets, fallback = inner.targets, inner.target_fallback
        state.consumed.update({child.i, verb.i} | ({embedded.i} if embedded is not None else set()))
        state.drafts.append(
            Draft(
                trigger=verb,
                cameo=code,
                rule=f"frames:{frame}:{verb.lemma_.lower()}>{inner.rule if inner else '-'}",
                where="speech_verbs.tsv",
                sources=syntax.subjects(verb),
                targets=targets,
                target_fallback=fallback,
                extra_tokens=(embedded,) if embedded is not None else (),
                factuality="asserted",
                framed=True,
            )
        )
        if inner is not None:
            state.drafts.append(
                companion(inner, "negated" if frame == "declare-reject" else "hypothetical")
            )
        return True
    return False


def announced(book: PatternBook, ontology: Ontology, draft: Draft) -> list[Draft]:
    """An announced own action as intent or threat plus the action itself (docstring above)."""
    verb = draft.trigger
    if draft.framed or verb.pos_ != "VERB" or draft.cameo.startswith("01"):
        return [draft]
    if not draft.sources or not _intent_cue(book, verb):
        return [draft]
    base = ontology.get(draft.cameo)
    conflict = base is not None and base.is_conflict
    is_negated = negated(book, verb)
    if is_negated and conflict:
        return [draft]
    frame = "reject" if is_negated else ("threaten" if conflict else "intent")
    announcement = Draft(
        trigger=verb,
        cameo=book.framed_code(draft.cameo, frame),
        rule=f"intent:{frame}>{draft.rule}",
        where="modality.tsv",
        sources=draft.sources,
        targets=draft.targets,
        source_fallback=draft.source_fallback,
        target_fallback=draft.target_fallback,
        places=draft.places,
        factuality="asserted",
        framed=True,
    )
    return [announcement, companion(draft, "negated" if is_negated else "hypothetical")]


def negated(book: PatternBook, token: Token) -> bool:
    return any(
        c.dep_ == "neg" or (c.dep_ in ("advmod", "aux") and c.lower_ in book.negation)
        for c in token.children
    )


def _intent_cue(book: PatternBook, verb: Token) -> bool:
    intent = book.intent
    if any(c.dep_ == "aux" and c.lower_ in intent for c in verb.children):
        return True
    current = verb
    for _ in range(3):
        if current.dep_ != "xcomp":
            return False
        head = current.head
        if head.lemma_.lower() in intent or head.lower_ in intent:
            return True  # "plans to visit", "is willing to send"
        if head.lemma_.lower() == "go" and head.tag_ == "VBG":
            return True  # "is going to impose"
        current = head
    return False


def _obliged(book: PatternBook, verb: Token) -> bool:
    """'has to', 'needs to' + infinitive: the verb is the infinitive's governor."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_.lower() in book.obligation


def _same_actor(doer: Token, speakers: set[int]) -> bool:
    """Is the doer of the reported action the speaker ("ECOWAS said it would ...")?"""
    if doer.i in speakers:
        return True
    return doer.pos_ == "PRON" and doer.lower_ in ("it", "they", "we", "he", "she", "i")
