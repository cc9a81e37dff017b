"""Frame verbs: "demanded the release", "urged X to withdraw", "threatened to impose".

A frame verb absorbs the event it governs (an xcomp, a modal that-clause, an event noun as
object or prepositional object) and emits one framed code (``frame_codes.tsv``), asserted,
plus the governed event itself as a hypothetical (or, under "reject", negated) companion.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventcoder.events import syntax
from eventcoder.events.drafts import Draft, SentenceState, companion, noun_draft, verb_draft
from eventcoder.events.patterns import Frame, PatternBook
from eventcoder.lang import Grammar, grammar_of
from eventcoder.ontology import Ontology


def apply_frame(book: PatternBook, ontology: Ontology, verb: Token, state: SentenceState) -> bool:
    """Frame the event this verb governs, if it is a frame verb that governs one."""
    frames = book.frames.get((verb.lemma_.lower(), syntax.particle_of(verb)))
    if not frames:
        return False
    for frame in frames:
        found = _embedded(book, verb, frame, state)
        if found is None:
            continue
        embedded, addressees = found
        _add_framed(book, ontology, verb, frame.frame, frame.where, embedded, addressees, state)
        return True
    return False


def _embedded(
    book: PatternBook, verb: Token, frame: Frame, state: SentenceState
) -> tuple[Token, list[Token]] | None:
    """The event a frame verb governs, and whom the frame addresses."""
    addressees: list[Token] = []
    candidates: list[Token] = []
    g = grammar_of(verb)
    prep_objects = [
        (g.preposition_roles.get(p, p), o)
        for p, o in syntax.preps(verb)
        if g.target_phrase(p, o) or p not in g.preposition_roles
    ]
    if frame.prep is not None:
        matching = [o for p, o in syntax.preps(verb) if p == frame.prep]
        # French marks an infinitive complement with the frame's word: "appeler X à libérer",
        # "menacer de recourir" (an xcomp with mark à / de).
        # The parser may hang that infinitive on the object instead ("appelé les militaires
        # nigériens à libérer": acl of "militaires").
        # English "for X to" clauses: "called for the president to resign" (an advcl with
        # mark "for"; its subject is the one appealed to).
        marked = [
            c for c in verb.children if c.dep_ in ("xcomp", "advcl") and _mark(c) == frame.prep
        ]
        marked += [
            c
            for o in verb.children
            if o.dep_ == "obj"
            for c in o.children
            if _infinitive_clause(c) and _mark(c) == frame.prep
        ]
        if matching:
            # English "called on the soldiers to release", parsed with the infinitive as an
            # adverbial clause of the verb rather than of its prepositional object.
            infinitives = [c for c in verb.children if c.dep_ == "advcl" and _to_infinitive(c, g)]
            marked += infinitives
            candidates += infinitives
        if not matching and not marked:
            return None
        for clause in marked:
            if clause.dep_ == "advcl":
                addressees += [c for c in clause.children if c.dep_ in g.active_subject_deps]
                candidates.append(clause)
        for obj in matching:
            if obj.i in state.nouns:
                candidates.append(obj)
            else:
                addressees.append(obj)  # "called on the junta to ..."
                candidates.extend(c for c in obj.children if c.dep_ in ("acl", "relcl"))
    for child in verb.children:
        if child.dep_ == "xcomp" or (
            child.dep_ == "ccomp" and modal_clause(book, child, frame.frame in ("demand", "appeal"))
        ):
            # A that-clause is framed only when it says what should or will happen
            # ("demanded that the ELN free", "warned that it would"), not reported facts.
            candidates.append(child)
        elif child.dep_ in ("dobj", "obj"):
            for obj in syntax.with_conjuncts(child):
                if _own_operation(obj, state):
                    continue  # "is pressing its military operations": it goes on fighting
                if obj.i in state.nouns:
                    candidates.append(obj)
                else:
                    addressees.append(obj)
                    candidates.extend(
                        c for c in obj.children if c.dep_ == "xcomp" or _infinitive_clause(c)
                    )
        elif child.dep_ == "dative" and child.pos_ != "ADP":
            addressees.append(child)
    if frame.prep is None:
        for prep, obj in prep_objects:
            if prep in ("for", "of", "with", "against", "on") and obj.i in state.nouns:
                candidates.append(obj)
            elif prep == "to" and obj.pos_ in ("PROPN", "NOUN"):
                addressees.append(obj)  # "appealed to the junta"
    for candidate in candidates:
        target = trigger_in(book, candidate, state)
        if target is not None:
            return target, addressees
    return None


FIGHTING_ROOTS = frozenset({"18", "19", "20"})


def _own_operation(noun: Token, state: SentenceState) -> bool:
    """Is an object event noun of force the subject's own, by a possessive pronoun ("pressed
    its offensive", "poursuit ses opérations")? Nobody demands their own fighting; the
    possessor of "their release" is who is released, so only force nouns count."""
    pattern = state.nouns.get(noun.i)
    if pattern is None or pattern.cameo[:2] not in FIGHTING_ROOTS:
        return False
    g = grammar_of(noun)
    return any(g.is_possessor(c) and c.pos_ in ("PRON", "DET") for c in noun.children)


def _infinitive_clause(token: Token) -> bool:
    """A French infinitive the parser hung on a noun as ``acl`` with a mark à / de ("les
    militaires à libérer"): the complement of the verb that governs the noun."""
    return (
        token.dep_ == "acl"
        and "Inf" in token.morph.get("VerbForm", [])
        and _mark(token) in ("à", "de")
    )


def _to_infinitive(clause: Token, g: Grammar) -> bool:
    """An infinitive clause introduced by the language's infinitive mark ("to release")."""
    return "Inf" in clause.morph.get("VerbForm", []) and any(
        c.dep_ in ("aux", "mark") and c.lower_ in g.infinitive_marks for c in clause.children
    )


def _mark(clause: Token) -> str | None:
    """The normalised mark word of a clause ("d'" -> "de"), or None."""
    for child in clause.children:
        if child.dep_ == "mark":
            return "de" if child.lower_ == "d'" else child.lower_
    return None


def trigger_in(book: PatternBook, token: Token, state: SentenceState) -> Token | None:
    """A trigger at the token, or carried by it (a light verb with an event noun)."""
    if token.i in state.framed:
        return token  # a frame verb whose framed event is itself framed again
    if token.i in state.consumed:
        return None
    if token.i in state.verbs or token.i in state.nouns:
        return token
    if token.pos_ == "VERB" and (token.lemma_.lower(), syntax.particle_of(token)) in (
        book.light_verbs
    ):
        for theme in syntax.themes(token):
            if theme.i in state.nouns and theme.i not in state.consumed:
                return theme
    return None


def _add_framed(
    book: PatternBook,
    ontology: Ontology,
    verb: Token,
    frame: str,
    where: str,
    embedded: Token,
    addressees: list[Token],
    state: SentenceState,
) -> None:
    inner = inner_draft(book, embedded, state)
    base = ontology.get(inner.cameo)
    if frame == "intent" and base is not None and base.is_conflict:
        frame = "threaten"  # "vowed to attack" is a threat, not cooperation
    code = book.framed_code(inner.cameo, frame)
    if frame in ("demand", "appeal"):
        if not addressees and embedded.pos_ == "VERB" and embedded.dep_ == "ccomp":
            addressees = syntax.subjects(embedded)  # "demanded that the ELN free ..."
        targets, fallback = addressees, inner.targets + inner.target_fallback
    elif frame == "reject":
        # "rejected a proposal by the bloc", "rejected the government's offer": the author
        # of what is rejected is the target.
        targets = inner.targets + addressees
        fallback = inner.sources + inner.source_fallback
    else:
        targets, fallback = inner.targets, addressees + inner.target_fallback
    state.consumed.update({embedded.i, verb.i})
    framed_draft = Draft(
        trigger=verb,
        cameo=code,
        rule=f"frames:{frame}:{verb.lemma_.lower()}>{inner.rule}",
        where=where,
        sources=syntax.subjects(verb),
        targets=targets,
        extra_tokens=(embedded,),
        target_fallback=fallback,
        places=inner.places,
        framed=True,
    )
    state.drafts.append(framed_draft)
    state.framed[verb.i] = framed_draft
    state.drafts.append(companion(inner, "negated" if frame == "reject" else "hypothetical"))


def inner_draft(book: PatternBook, token: Token, state: SentenceState) -> Draft:
    """The draft of a governed trigger: a framed event of its own, else its verb or noun."""
    framed = state.framed.pop(token.i, None)
    if framed is not None:
        state.drafts.remove(framed)  # the outer frame codes it; it stays as a companion
        return framed
    if token.i in state.verbs:
        return verb_draft(token, state.verbs[token.i])
    pattern = state.nouns[token.i]
    governor = token.head if token.head.pos_ == "VERB" else None
    return noun_draft(book, token, pattern, governors=(governor,) if governor else ())


def addressee_of_request(book: PatternBook, draft: Draft) -> None:
    """'demanded that Ethiopia withdraw': with no event to frame, a demand or appeal still
    addresses the subject of its that-clause."""
    verb = draft.trigger
    frames = book.frames.get((verb.lemma_.lower(), syntax.particle_of(verb)), ())
    if not any(f.frame in ("demand", "appeal") for f in frames):
        return
    for child in verb.children:
        if child.dep_ == "ccomp" and modal_clause(book, child, requested=True):
            draft.targets = syntax.subjects(child) + draft.targets
            return


def modal_clause(book: PatternBook, clause: Token, requested: bool = False) -> bool:
    """A that-clause about what should or will happen: a modal, or a bare subjunctive.

    Under a demand or appeal a present-tense clause counts too ("demanded that its partners
    refuse", "insists that the government ends curbs"); a past-tense one is a report.
    """
    tags = ("VB", "VBP", "VBZ") if requested else ("VB",)
    if clause.tag_ in tags and not any(c.dep_ == "aux" for c in clause.children):
        return True  # "demanded that Cameroon release Ndongo"
    if not any(c.dep_ == "aux" for c in clause.children) and any(
        c.dep_ == "auxpass" and c.tag_ == "VB" for c in clause.children
    ):
        return True  # a passive subjunctive: "demanded the minister be arrested"
    auxiliaries = [c for c in clause.children if c.dep_ in ("aux", "aux:tense", "aux:pass")]
    if requested and not auxiliaries and _present_finite(clause):
        # French, whose model reads "exige que les militaires regagnent" as an indicative:
        # a present-tense clause under a demand says what is asked, as in English.
        return True
    if grammar_of(clause).morph_cues(clause) & book.modal_clause:
        return True  # a subjunctive, conditional or future the model did mark
    return any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in book.modal_clause for c in clause.children
    )


def _present_finite(verb: Token) -> bool:
    return "Pres" in verb.morph.get("Tense", []) and "Fin" in verb.morph.get("VerbForm", [])
