"""One sentence's triggers in, its event drafts out.

1. every verb and noun is matched against the verb and noun dictionaries (matching.py);
2. frame verbs absorb the event they govern (frames.py); a speaker announcing its own future
   action is read as intent or threat (intents.py);
3. support verbs hand their subject to an event noun, occurrence verbs report one
   (support.py);
4. the remaining triggers become drafts; every attributed speech act stays a statement event
   of its speaker (01x) besides the events inside what was said, and events inside a denial,
   accusation or claim are hypothetical.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventcoder.events import syntax
from eventcoder.events.casualties import victims
from eventcoder.events.drafts import Draft, SentenceState, noun_draft, verb_draft
from eventcoder.events.frames import addressee_of_request, apply_frame
from eventcoder.events.intents import announced, declared_intent, negated
from eventcoder.events.matching import (
    match_compound_gerund,
    match_gerund_noun,
    match_noun,
    match_verb,
)
from eventcoder.events.patterns import PatternBook
from eventcoder.events.support import apply_support, doer_of_adjunct, doer_of_governing_verb
from eventcoder.lang import grammar_of
from eventcoder.ontology import Ontology


def sentence_drafts(
    book: PatternBook, ontology: Ontology, sent: Span, actor_heads: frozenset[int] = frozenset()
) -> list[Draft]:
    state = SentenceState(actor_heads)
    for token in sent:
        if token.pos_ == "VERB":
            pattern = match_verb(book, token, actor_heads) or match_compound_gerund(book, token)
            if pattern is not None:
                state.verbs[token.i] = pattern
            elif (noun := match_gerund_noun(book, token, actor_heads)) is not None:
                state.nouns[token.i] = noun
        elif token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound":
            pattern = match_noun(book, token, actor_heads)
            if pattern is not None:
                state.nouns[token.i] = pattern
        elif token.pos_ == "ADJ" and token.dep_ == "acomp":
            # "he was pessimistic about", "is critical of": predicative adjectives are
            # listed with the nouns and take the copula's subject.
            pattern = match_noun(book, token, actor_heads)
            if pattern is not None:
                state.adjectives[token.i] = pattern
    if not state.verbs and not state.nouns and not state.adjectives:
        return []
    doc = sent.doc
    # Inner frames first, so that an outer frame can take a framed event as its content:
    # "refused to commit to any assistance", "demanded that its partners refuse to ...".
    for token in reversed(sent):
        if token.pos_ == "VERB" and token.i not in state.consumed:
            apply_frame(book, ontology, token, state) or declared_intent(
                book, ontology, token, state
            )
    for token in sent:
        if token.pos_ in ("VERB", "AUX") and token.i not in state.consumed:
            apply_support(book, token, state)  # AUX: "has been on hunger strike"
    for i, pattern in sorted(state.verbs.items()):
        if i not in state.consumed:
            draft = verb_draft(doc[i], pattern)
            if pattern.cameo.startswith(book.venue_not_target):
                draft.targets = [t for t in draft.targets if not _in_venue(t, doc[i])]
            if pattern.cameo[:2] in FORCE_ROOTS:
                # "police fired 12 rounds to disperse a mob": whom the force was used on.
                draft.target_fallback += purpose_objects(doc[i])
                if draft.agentless:
                    # "44 people were killed in a PKK attack": the attack's doer did it.
                    draft.source_fallback += _doers_of_event_in(book, doc[i], state)
                    act = _act_in(doc[i], state) if pattern.cameo in book.harm else None
                    if act is not None:
                        # "one person was killed in police firing": the harm is coded as
                        # the act that did it (193), once.
                        draft.cameo = act[1]
                        draft.rule = f"{draft.rule}+in:{act[1]}"
                        state.consumed.add(act[0].i)
            addressee_of_request(book, draft)
            state.drafts.extend(announced(book, ontology, draft))
    _statements_that_accuse(book, state)
    for i, pattern in sorted(state.adjectives.items()):
        adjective = doc[i]
        draft = noun_draft(book, adjective, pattern, governors=(adjective.head,))
        draft.sources = syntax.subjects(adjective.head)
        state.drafts.append(draft)
    _mark_unconfirmed(book, state)
    claimed = _argument_tokens(state.drafts)
    for i, pattern in sorted(state.nouns.items()):
        if i in state.consumed or i in claimed or _background(book, doc[i]):
            continue
        draft = noun_draft(book, doc[i], pattern, governors=())
        if not draft.sources:
            draft.source_fallback = doer_of_governing_verb(book, doc[i], state) or doer_of_adjunct(
                book, doc[i], pattern.cameo
            )
        if draft.sources or draft.targets or draft.source_fallback:
            state.drafts.append(draft)
    for draft in state.drafts:
        if draft.sources:
            draft.sources = draft.sources + _elliptical_doers(draft.trigger)
        if draft.cameo[:2] in FORCE_ROOTS and not draft.targets:
            # "125 people died in police firing": the dead are whom the firing hit.
            dead = victims(book.casualties, draft.trigger, frozenset(state.verbs))
            # "police resorted to firing to disperse the mob": whom the firing was used on.
            aimed = purpose_objects(draft.trigger) if draft.trigger.pos_ == "VERB" else []
            draft.target_fallback = draft.target_fallback + dead + aimed
    state.drafts = _fold_scene_setting(book, state.drafts)
    state.drafts.sort(key=lambda d: d.trigger.i)
    return state.drafts


def _in_venue(token: Token, verb: Token) -> bool:
    """Is a candidate target inside a venue phrase of the verb's clause ("said at a
    Washington event", "a statement on its Facebook page")?"""
    venues = grammar_of(verb).venue_prepositions
    for ancestor in token.ancestors:
        if ancestor.i == verb.i:
            return False
        if ancestor.dep_ == "prep" and ancestor.lower_ in venues:
            return True
    return False


def _background(book: PatternBook, noun: Token) -> bool:
    """Is a definite event noun a back-reference to an event told before, in a background
    adjunct ("since the toppling of the regime", "in the wake of Obama's remarks")?"""
    definite = any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these"))
        for c in noun.children
    )
    prep = noun.head
    if not definite or noun.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    # "after the police killing of a man on March 18": a day of its own reports the event.
    if any(t.ent_type_ == "DATE" and not t.text.isdigit() for t in noun.subtree):
        return False
    if prep.lower_ == "of":
        return prep.head.lower_ in book.background
    return prep.lower_ in book.background


def _fold_scene_setting(book: PatternBook, drafts: list[Draft]) -> list[Draft]:
    """ "Speaking to the tribal elders, he said ...": the participle only says whom the
    statement was made to. It is no event of its own; an actor it addresses (not reporters:
    those patterns code no consultation) becomes the statement's target."""
    by_trigger = {d.trigger.i: d for d in drafts}
    kept: list[Draft] = []
    for draft in drafts:
        verb = draft.trigger
        grammar = grammar_of(verb)
        statement = by_trigger.get(verb.head.i)
        if (
            statement is not None
            and verb.dep_ == "advcl"
            and grammar.is_gerund(verb)
            and verb.lemma_.lower() in grammar.setting_speech_verbs
            and statement.cameo.startswith(STATEMENT_ROOT)
            and statement.trigger.lemma_.lower() in book.speech_verbs
        ):
            if draft.cameo[:2] == CONSULT_ROOT and not statement.targets:
                statement.targets = draft.targets
            continue
        kept.append(draft)
    return kept


def _elliptical_doers(trigger: Token) -> list[Token]:
    """Subjects of a comparative ellipsis on the trigger's clause: "France condemned the
    coup, as did Germany" (Germany condemned it too), "are deeply concerned, as are Israel and
    Arab leaders"."""
    grammar = grammar_of(trigger)
    clause = trigger.head if trigger.pos_ == "ADJ" and trigger.dep_ == "acomp" else trigger
    found: list[Token] = []
    for child in clause.children:
        if child.dep_ != "advcl" or child.lemma_.lower() not in grammar.ellipsis_verbs:
            continue
        if not any(c.dep_ == "mark" and c.lower_ in grammar.ellipsis_marks for c in child.children):
            continue
        if any(c.dep_ in ("acomp", "dobj", "attr", "xcomp") for c in child.children):
            continue  # "as is the custom", "as are the prices": a clause of its own
        found += [
            t
            for c in child.children
            if c.dep_ in grammar.active_subject_deps
            for t in syntax.with_conjuncts(c)
        ]
    return found


STATEMENT_ROOT, CONSULT_ROOT = "01", "04"
# Material conflict (CAMEO 17-20): the roots whose target a purpose clause can give.
FORCE_ROOTS = frozenset({"17", "18", "19", "20"})


def purpose_objects(verb: Token) -> list[Token]:
    """Objects of an infinitive of purpose on a verb: "fired to disperse the mob" -> mob."""
    found: list[Token] = []
    for clause in verb.children:
        if clause.dep_ not in ("advcl", "xcomp") or clause.pos_ != "VERB":
            continue
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            found += syntax.objects(clause, syntax.is_passive(clause))
    return found


def _act_in(verb: Token, state: SentenceState) -> tuple[Token, str] | None:
    """The conflict act an "in" phrase names as the cause of a harm ("killed in police
    firing", "injured in stabbing incidents"), with its code."""
    for prep, noun in syntax.preps(verb):
        if prep != "in":
            continue
        # "in [police] [firing on a mob]": the model may hang the act on its doer as a clause.
        for act in (noun, *(c for c in noun.children if c.dep_ == "acl")):
            pattern = state.nouns.get(act.i) or state.verbs.get(act.i)
            if pattern is None or pattern.cameo[:2] not in FORCE_ROOTS:
                continue
            if len(pattern.cameo) == 3 and pattern.cameo.endswith("0"):
                continue  # a root's own code ("violence" 180) says no more than the harm
            return act, pattern.cameo
    return None


def _doers_of_event_in(book: PatternBook, verb: Token, state: SentenceState) -> list[Token]:
    """The actors a conflict event noun after "in" names: "killed in a PKK attack" -> PKK."""
    found: list[Token] = []
    for prep, noun in syntax.preps(verb):
        if prep != "in":
            continue
        pattern = state.nouns.get(noun.i)
        if pattern is not None and pattern.cameo[:2] in FORCE_ROOTS:
            # The noun itself when the actors stage read "a PKK attack" as the PKK's phrase.
            found += [*noun_draft(book, noun, pattern, governors=(verb,)).sources, noun]
        verb_pattern = state.verbs.get(noun.i)
        if verb_pattern is not None and verb_pattern.cameo[:2] in FORCE_ROOTS:
            # "killed in police firing": the model reads "firing" as a verb, "police" as its
            # compound subject.
            found += [c for c in noun.children if c.dep_ in ("compound", "nsubj")]
        for clause in noun.children:
            clause_pattern = state.verbs.get(clause.i)
            if clause.dep_ == "acl" and clause_pattern and clause_pattern.cameo[:2] in FORCE_ROOTS:
                found.append(noun)  # parsed "in [police] [firing on a mob]"
    return found


def _statements_that_accuse(book: PatternBook, state: SentenceState) -> None:
    """A plain statement (010) whose that-clause says an actor did wrong, or judges it, is an
    accusation (112) or a criticism (111) of that actor (``accusation_cues.tsv``): "Revesz
    said the suing states were exaggerating" -> 112 the states."""
    for draft in state.drafts:
        verb = draft.trigger
        if draft.cameo != "010" or verb.pos_ != "VERB" or draft.factuality is not None:
            continue
        if verb.lemma_.lower() not in book.speech_verbs:
            continue
        for clause in verb.children:
            if clause.dep_ != "ccomp" or negated(book, clause):
                continue
            cue = _accusation_cue(book, clause)
            subjects = _judged_actors(syntax.subjects(clause), state.actor_heads)
            if cue is None or not (subjects or cue[1] == "adverb"):
                continue
            cameo, kind, word = cue
            draft.cameo = cameo
            draft.rule = f"accusation:{word}>{draft.rule}"
            if kind != "adverb":
                draft.targets = subjects
            break


OF_ROLE = "of"  # grammar.preposition_roles' name for a part-of preposition ("some of X")


def _judged_actors(subjects: list[Token], actor_heads: frozenset[int]) -> list[Token]:
    """The actors a that-clause's subjects stand for: the subjects that are actors, else
    their possessors ("Clinton's rhetoric has been patronizing"), also after a quantifier
    ("some of Clinton's rhetoric")."""
    found = [s for s in subjects if s.i in actor_heads]
    if found:
        return found
    for subject in subjects:
        grammar = grammar_of(subject)
        things = [subject]
        if subject.lower_ in grammar.quantifier_heads:
            things += [
                thing
                for prep, thing in grammar.preps(subject)
                if grammar.preposition_roles.get(prep, prep) == OF_ROLE
            ]
        found += [
            c
            for thing in things
            for c in thing.children
            if grammar.is_possessor(c) and c.i in actor_heads
        ]
    return found


def _accusation_cue(book: PatternBook, clause: Token) -> tuple[str, str, str] | None:
    """(code, where, word) of the first cue in a that-clause: its verb, its predicate
    adjective or noun (and that noun's adjectives), a preposition the cues list as a predicate
    ("were behind the attack"), or an adverb on its verb."""
    cues = book.accusation_cues
    words: list[tuple[str, Token]] = [("verb", clause)]
    for child in clause.children:
        if child.dep_ in ("acomp", "attr") or (child.dep_ == "prep" and child.lower_ in cues):
            words.append(("predicate", child))
            words += [("predicate", c) for c in child.children if c.dep_ == "amod"]
        elif child.dep_ == "advmod":
            words.append(("adverb", child))
    for kind, token in words:
        word = token.lemma_.lower()
        cameo = cues.get(word) or cues.get(token.lower_)
        if cameo is not None:
            return cameo, kind, word
    return None


def _mark_unconfirmed(book: PatternBook, state: SentenceState) -> None:
    """Events inside what a denial, accusation or claim reports are not established."""
    reporters = [
        d.trigger
        for d in state.drafts
        if d.trigger.pos_ == "VERB" and d.trigger.lemma_.lower() in book.unconfirmed
    ]
    if not reporters:
        return
    for draft in state.drafts:
        if draft.factuality is not None or draft.trigger in reporters:
            continue
        for verb in reporters:
            if draft.trigger.i != verb.i and _reported_by(verb, draft.trigger):
                draft.factuality = "hypothetical"
                draft.rule = f"unconfirmed:{verb.lemma_.lower()}>{draft.rule}"
                break


# Dependents of a denying verb that are not what it denies: "denies any wrongdoing and
# points out that ...", "rejected the request, saying ..." (the denier's own acts).
NOT_REPORTED_DEPS = frozenset({"conj", "advcl", "parataxis"})


def _reported_by(verb: Token, token: Token) -> bool:
    """Is the token inside what the denying verb reports, not in a clause coordinated with it
    or an adjunct telling what its subject also did?"""
    if not syntax.governs(verb, token):
        return False
    step = token
    while step.head.i != verb.i:
        step = step.head
    return step.dep_ not in NOT_REPORTED_DEPS


def _argument_tokens(drafts: list[Draft]) -> set[int]:
    """Tokens already used as an event's trigger object: their nouns add no event."""
    claimed: set[int] = set()
    for draft in drafts:
        for token in syntax.themes(draft.trigger) if draft.trigger.pos_ == "VERB" else ():
            claimed.add(token.i)
    return claimed
