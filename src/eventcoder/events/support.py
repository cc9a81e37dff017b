"""Support verbs: light verbs that hand their subject to an event noun ("staged a protest",
"launched air strikes", "went on strike") and occurrence verbs that report one ("clashes broke
out"); ``support_verbs.tsv``."""

from __future__ import annotations

from spacy.tokens import Token

from eventcoder.events import syntax
from eventcoder.events.drafts import SentenceState, noun_draft, place_objects
from eventcoder.events.patterns import PatternBook


def apply_support(book: PatternBook, verb: Token, state: SentenceState) -> None:
    key = (verb.lemma_.lower(), syntax.particle_of(verb))
    own = state.verbs.get(verb.i)
    carried: list[Token] = []
    if key in book.light_verbs and (own is None or own.objects is None):
        carried = syntax.themes(verb)
    if key in book.on_verbs and own is None:
        carried += [obj for prep, obj in syntax.preps(verb) if prep == "on"]
    if key in book.to_verbs and own is None:
        carried += [obj for prep, obj in syntax.preps(verb) if prep == "to"]
    if key in book.in_verbs and own is None:
        carried += [obj for prep, obj in syntax.preps(verb) if prep == "in"]
    if key in book.under_verbs and own is None and _under(book, verb, state):
        return
    for noun in carried:
        if noun.i in state.nouns and noun.i not in state.consumed:
            # "Russia launched air strikes", "workers went on strike": the verb's subject
            # does what the noun says; the noun's own modifiers are the fallback.
            draft = noun_draft(book, noun, state.nouns[noun.i], governors=(verb,))
            draft.source_fallback = draft.sources
            draft.sources = syntax.subjects(verb)
            draft.target_fallback = [o for _, o in syntax.prep_targets([verb])]
            draft.places += place_objects(verb)
            # "432 arrests have been made": the event, its doers unnamed.
            draft.agentless = syntax.is_passive(verb) and not draft.sources
            state.drafts.append(draft)
            state.consumed.update({noun.i, verb.i})
            return
    if key in book.occur_verbs:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i in state.nouns:
                if child.i in state.consumed:
                    continue
                draft = noun_draft(book, child, state.nouns[child.i], governors=(verb,))
                sides = [o for p, o in syntax.preps(verb) if p == "between"]
                if not draft.sources and len(sides) >= 2:
                    # "Fighting broke out between the army and the RSF": both sides.
                    draft.sources, draft.targets = sides[:1], sides[1:]
                    draft.pairwise = True
                # "a roadside bombing killed one U.S. soldier": the verb's object is hit.
                draft.target_fallback = syntax.objects(verb, syntax.is_passive(verb)) + [
                    o for _, o in syntax.prep_targets([verb])
                ]
                draft.places += place_objects(verb)
                # "a car bomb exploded in the market", "clashes broke out": reported as
                # having happened, so coded though nobody is named (argument_rules.tsv).
                draft.agentless = draft.cameo.startswith(book.occurred)  # used if no actor is coded
                state.drafts.append(draft)
                state.consumed.update({child.i, verb.i})
                return
    if key in book.undergo_verbs and own is None:
        for noun in (_measured(book, theme) for theme in syntax.themes(verb)):
            if noun.i not in state.nouns or noun.i in state.consumed:
                continue
            # "Turkey has suffered a series of bombings", "Israel faces a threat from Iran",
            # "the town witnessed violence": the subject is hit, or is where it happened; the
            # noun, or "from X" / "at the hands of X" on the verb, names the doer.
            draft = noun_draft(book, noun, state.nouns[noun.i], governors=(verb,))
            doers = _doers(verb) + [o for p, o in syntax.preps(noun) if p == "from"]
            draft.sources = draft.sources + doers
            draft.targets = [t for t in draft.targets if t not in doers] + syntax.subjects(verb)
            draft.places += place_objects(verb)
            draft.agentless = draft.cameo.startswith(book.occurred)
            state.drafts.append(draft)
            state.consumed.update({noun.i, verb.i})
            return
    if own is not None and own.objects is not None:
        # "imposed a curfew": the verb pattern already says what the noun says.
        state.consumed.update(t.i for t in syntax.themes(verb) if t.i in state.nouns)


def _under(book: PatternBook, verb: Token, state: SentenceState) -> bool:
    """ "37 cities were under curfew", "areas were brought under curfew", "he was placed under
    house arrest": the subject undergoes the event noun; a "by" agent imposed it. Coded
    though nobody imposing it is named."""
    for prep, noun in syntax.preps(verb):
        if prep != "under" or noun.i not in state.nouns or noun.i in state.consumed:
            continue
        draft = noun_draft(book, noun, state.nouns[noun.i], governors=(verb,))
        passive = syntax.is_passive(verb)
        draft.sources = draft.sources + [o for p, o in syntax.preps(verb) if p == "by"]
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not passive and verb.lemma_.lower() != "be":
            # "the army put the city under curfew": the subject imposes it on the object.
            draft.sources = draft.sources + subjects
            subjects = syntax.objects(verb, False)
        draft.targets = draft.targets + subjects
        draft.places += place_objects(verb) + subjects
        draft.agentless = True
        state.drafts.append(draft)
        state.consumed.update({noun.i, verb.i})
        return True
    return False


def _measured(book: PatternBook, noun: Token) -> Token:
    """The event inside a measure noun: "a series of bombings" -> "bombings"."""
    if noun.lemma_.lower() in book.measure_nouns:
        for prep, obj in syntax.preps(noun):
            if prep == "of":
                return obj
    return noun


def _doers(verb: Token) -> list[Token]:
    """Who does what the subject undergoes: "from Iran", "at the hands of militants"."""
    found: list[Token] = []
    for prep, obj in syntax.preps(verb):
        if prep == "from":
            found.append(obj)
        elif prep == "at" and obj.lemma_.lower() == "hand":
            found += [o for p, o in syntax.preps(obj) if p == "of"]
    return found


def doer_of_adjunct(book: PatternBook, noun: Token, cameo: str) -> list[Token]:
    """ "Trump, in a meeting with Erdogan, asked ...", "during talks with the rebels, the
    minister said ...": a meeting named in an adjunct of a verb is held by that verb's subject
    (codes of argument_rules.tsv `adjunct_doer`)."""
    if not cameo.startswith(book.adjunct_doer) or noun.dep_ != "pobj":
        return []
    prep = noun.head
    if prep.lower_ not in ADJUNCT_PREPOSITIONS or prep.head.pos_ not in ("VERB", "AUX"):
        return []
    return syntax.subjects(prep.head)


# Prepositions of an adjunct that places a verb's subject at a meeting.
ADJUNCT_PREPOSITIONS = frozenset({"in", "during", "at", "after", "before", "on"})


def doer_of_governing_verb(book: PatternBook, noun: Token, state: SentenceState) -> list[Token]:
    """A nominal event ("the court cancelled restrictions", "the United States speeded up
    the withdrawal") that is the object of an uncoded, non-speech verb is done by that
    verb's subject. A coded verb ("condemned the attack") or a speech verb says something
    about the event instead, so its subject is not the doer."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ != "VERB" or verb.i in state.verbs:
        return []
    if verb.i in state.consumed or verb.lemma_.lower() in book.speech_verbs:
        return []
    return syntax.subjects(verb)
