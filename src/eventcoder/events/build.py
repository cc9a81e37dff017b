"""Stage 4, events: match the dictionaries on the parse and assemble coded events.

Per sentence:
1. every verb and noun is matched against the verb and noun dictionaries (most specific
   pattern wins);
2. frame verbs ("demanded", "urged ... to", "threatened to") absorb the event they govern and
   emit the framed code (``frame_codes.tsv``); a speaker announcing its own future action
   ("ECOWAS said it would impose sanctions") is read as intent or threat;
3. support verbs hand their subject to an event noun ("staged a protest") and occurrence verbs
   report one ("clashes broke out");
4. the remaining triggers become events with arguments from the parse; a statement verb whose
   reported clause already holds an event adds no separate 010.
Every event keeps the rule that fired and the data file line it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventcoder.actors import ArticleActors
from eventcoder.events import syntax
from eventcoder.events.factuality import factuality_of
from eventcoder.events.patterns import ACTOR_CLASS, Frame, Pattern, PatternBook
from eventcoder.ontology import Ontology
from eventcoder.records import Actor, Event, Factuality

FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
MODAL_WORDS = frozenset({"will", "would", "shall", "should", "must", "'ll", "wo", "ought"})
CONFLICT_QUADS = frozenset({3, 4})


@dataclass(slots=True)
class _Draft:
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


@dataclass(slots=True)
class _SentenceState:
    actor_heads: frozenset[int]
    verbs: dict[int, Pattern] = field(default_factory=dict)
    nouns: dict[int, Pattern] = field(default_factory=dict)
    adjectives: dict[int, Pattern] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)
    framed: dict[int, _Draft] = field(default_factory=dict)  # frame verb -> its framed event
    drafts: list[_Draft] = field(default_factory=list)


class EventCoder:
    """Codes the events of one parsed article. Holds only read-only dictionaries."""

    def __init__(self, book: PatternBook, ontology: Ontology) -> None:
        self.book = book
        self.ontology = ontology

    # -- public ---------------------------------------------------------------------------
    def code(
        self, doc: Doc, actors: ArticleActors, article_id: str, date: str | None
    ) -> tuple[Event, ...]:
        events: list[Event] = []
        heads = frozenset(actors.by_head)
        for index, sent in enumerate(doc.sents):
            drafts = self.drafts_for(sent, heads)
            events.extend(self._realise(drafts, sent, index, actors, article_id, date))
        return tuple(events)

    def drafts_for(self, sent: Span, actor_heads: frozenset[int] = frozenset()) -> list[_Draft]:
        state = _SentenceState(actor_heads)
        for token in sent:
            if token.pos_ == "VERB":
                pattern = self.match_verb(token, actor_heads)
                if pattern is not None:
                    state.verbs[token.i] = pattern
            elif token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound":
                pattern = self.match_noun(token, actor_heads)
                if pattern is not None:
                    state.nouns[token.i] = pattern
            elif token.pos_ == "ADJ" and token.dep_ == "acomp":
                # "he was pessimistic about", "is critical of": predicative adjectives are
                # listed with the nouns and take the copula's subject.
                pattern = self.match_noun(token, actor_heads)
                if pattern is not None:
                    state.adjectives[token.i] = pattern
        if not state.verbs and not state.nouns and not state.adjectives:
            return []
        doc = sent.doc
        # Inner frames first, so that an outer frame can take a framed event as its content:
        # "refused to commit to any assistance", "demanded that its partners refuse to ...".
        for token in reversed(sent):
            if token.pos_ == "VERB" and token.i not in state.consumed:
                self._frame(token, state) or self._declared_intent(token, state)
        for token in sent:
            if token.pos_ in ("VERB", "AUX") and token.i not in state.consumed:
                self._support(token, state)  # AUX: "has been on hunger strike"
        for i, pattern in sorted(state.verbs.items()):
            if i not in state.consumed:
                draft = self._verb_draft(doc[i], pattern)
                self._addressee_of_request(draft)
                state.drafts.extend(self._announced(draft))
        for i, pattern in sorted(state.adjectives.items()):
            adjective = doc[i]
            draft = self._noun_draft(adjective, pattern, governors=(adjective.head,))
            draft.sources = syntax.subjects(adjective.head)
            state.drafts.append(draft)
        self._drop_covered_statements(state)
        self._mark_unconfirmed(state)
        claimed = self._argument_tokens(state.drafts)
        for i, pattern in sorted(state.nouns.items()):
            if i in state.consumed or i in claimed:
                continue
            draft = self._noun_draft(doc[i], pattern, governors=())
            if not draft.sources:
                draft.source_fallback = self._doer_of_governing_verb(doc[i], state)
            if draft.sources or draft.targets or draft.source_fallback:
                state.drafts.append(draft)
        state.drafts.sort(key=lambda d: d.trigger.i)
        return state.drafts

    # -- matching ---------------------------------------------------------------------------
    def match_verb(self, verb: Token, actor_heads: frozenset[int] = frozenset()) -> Pattern | None:
        particle = syntax.particle_of(verb)
        lemma = verb.lemma_.lower()
        candidates = self.book.verbs.get((lemma, particle))
        if (
            not candidates
            and particle is not None
            and not any(c.dep_ == "prt" for c in verb.children)
        ):
            candidates = self.book.verbs.get((lemma, None))  # an adverb, not a particle
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

    def match_noun(self, noun: Token, actor_heads: frozenset[int] = frozenset()) -> Pattern | None:
        candidates: tuple[Pattern, ...] = ()
        for form in syntax.lemma_forms(noun):
            candidates = self.book.nouns.get(form, ())
            if candidates:
                break
        if not candidates:
            if (noun.lemma_.lower(), None) in self.book.light_nouns:
                return self._modifier_event(noun, actor_heads)
            return None
        modifiers = {_lemma(c) for c in noun.children if c.dep_ in ("compound", "amod")}
        prep_pairs = _prep_pairs((noun,), actor_heads)
        for pattern in candidates:
            if pattern.modifier is not None and pattern.modifier not in modifiers:
                continue
            if _fits(pattern, set(), prep_pairs):
                return pattern
        return None

    def _modifier_event(self, noun: Token, actor_heads: frozenset[int]) -> Pattern | None:
        """'a mediation effort', 'aid deliveries': the event its modifier names."""
        for child in noun.children:
            if child.dep_ in ("compound", "amod", "nmod") and child.pos_ in ("NOUN", "PROPN"):
                pattern = self.match_noun(child, actor_heads)
                if pattern is not None:
                    return pattern
        return None

    # -- frames -----------------------------------------------------------------------------
    def _frame(self, verb: Token, state: _SentenceState) -> bool:
        frames = self.book.frames.get((verb.lemma_.lower(), syntax.particle_of(verb)))
        if not frames:
            return False
        for frame in frames:
            found = self._embedded(verb, frame, state)
            if found is None:
                continue
            embedded, addressees = found
            self._add_framed(verb, frame.frame, frame.where, embedded, addressees, state)
            return True
        return False

    def _embedded(
        self, verb: Token, frame: Frame, state: _SentenceState
    ) -> tuple[Token, list[Token]] | None:
        """The event a frame verb governs, and whom the frame addresses."""
        addressees: list[Token] = []
        candidates: list[Token] = []
        prep_objects = [(p, o) for p, o in syntax.preps(verb)]
        if frame.prep is not None:
            matching = [o for p, o in prep_objects if p == frame.prep]
            if not matching:
                return None
            for obj in matching:
                if obj.i in state.nouns:
                    candidates.append(obj)
                else:
                    addressees.append(obj)  # "called on the junta to ..."
                    candidates.extend(c for c in obj.children if c.dep_ in ("acl", "relcl"))
        for child in verb.children:
            if child.dep_ == "xcomp" or (
                child.dep_ == "ccomp" and _modal_clause(child, frame.frame in ("demand", "appeal"))
            ):
                # A that-clause is framed only when it says what should or will happen
                # ("demanded that the ELN free", "warned that it would"), not reported facts.
                candidates.append(child)
            elif child.dep_ in ("dobj", "obj"):
                for obj in syntax.with_conjuncts(child):
                    if obj.i in state.nouns:
                        candidates.append(obj)
                    else:
                        addressees.append(obj)
                        candidates.extend(c for c in obj.children if c.dep_ == "xcomp")
            elif child.dep_ == "dative" and child.pos_ != "ADP":
                addressees.append(child)
        if frame.prep is None:
            for prep, obj in prep_objects:
                if prep in ("for", "of", "with", "against", "on") and obj.i in state.nouns:
                    candidates.append(obj)
                elif prep == "to" and obj.pos_ in ("PROPN", "NOUN"):
                    addressees.append(obj)  # "appealed to the junta"
        for candidate in candidates:
            target = self._trigger_in(candidate, state)
            if target is not None:
                return target, addressees
        return None

    def _trigger_in(self, token: Token, state: _SentenceState) -> Token | None:
        """A trigger at the token, or carried by it (a light verb with an event noun)."""
        if token.i in state.framed:
            return token  # a frame verb whose framed event is itself framed again
        if token.i in state.consumed:
            return None
        if token.i in state.verbs or token.i in state.nouns:
            return token
        if token.pos_ == "VERB" and (token.lemma_.lower(), syntax.particle_of(token)) in (
            self.book.light_verbs
        ):
            for theme in syntax.themes(token):
                if theme.i in state.nouns and theme.i not in state.consumed:
                    return theme
        return None

    def _add_framed(
        self,
        verb: Token,
        frame: str,
        where: str,
        embedded: Token,
        addressees: list[Token],
        state: _SentenceState,
    ) -> None:
        inner = self._inner_draft(embedded, state)
        base = self.ontology.get(inner.cameo)
        if frame == "intent" and base is not None and base.quad_class in CONFLICT_QUADS:
            frame = "threaten"  # "vowed to attack" is a threat, not cooperation
        code = self.book.framed_code(inner.cameo, frame)
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
        framed_draft = _Draft(
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
        state.drafts.append(_companion(inner, "negated" if frame == "reject" else "hypothetical"))

    def _inner_draft(self, token: Token, state: _SentenceState) -> _Draft:
        framed = state.framed.pop(token.i, None)
        if framed is not None:
            state.drafts.remove(framed)  # the outer frame codes it; it stays as a companion
            return framed
        if token.i in state.verbs:
            return self._verb_draft(token, state.verbs[token.i])
        pattern = state.nouns[token.i]
        governor = token.head if token.head.pos_ == "VERB" else None
        return self._noun_draft(token, pattern, governors=(governor,) if governor else ())

    def _declared_intent(self, verb: Token, state: _SentenceState) -> bool:
        """Reported commitments of a speech verb's that-clause:

        * "ECOWAS said it would impose sanctions": the speaker declares its own future action,
          an intent (03x) or a threat (13x);
        * "Britain said Libya must hand over the suspects": the speaker demands it (10x) of
          the clause's subject.
        """
        if verb.lemma_.lower() not in self.book.speech_verbs:
            return False
        speakers = {t.i for t in syntax.subjects(verb)}
        if not speakers:
            return False
        for child in verb.children:
            if child.dep_ != "ccomp" or child.pos_ not in ("VERB", "AUX"):
                continue
            auxes = {a.lower_ for a in child.children if a.dep_ in ("aux", "auxpass")}
            modals = {a.lower_ for a in child.children if a.dep_ == "aux" and a.tag_ == "MD"}
            obliged = bool(modals & self.book.obligation) or self._obliged(child)
            future = bool(auxes & FUTURE_AUX)
            if not (obliged or future):
                continue
            embedded = self._trigger_in(child, state)
            inner = self._inner_draft(embedded, state) if embedded is not None else None
            if obliged:
                doers = syntax.subjects(child) if child.pos_ == "VERB" else []
                if not doers or any(d.i in speakers for d in doers):
                    continue
                code = self.book.framed_code(inner.cameo, "demand") if inner else "100"
                frame = "must-demand"
                targets, fallback = doers, (inner.targets if inner else [])
            else:
                if inner is None or not inner.sources:
                    continue
                if not all(_same_actor(d, speakers) for d in inner.sources):
                    continue
                base = self.ontology.get(inner.cameo)
                conflict = base is not None and base.quad_class in CONFLICT_QUADS
                frame = "threaten" if conflict else "intent"
                if self._negated(child):
                    if conflict:
                        continue  # "said it would not attack": the base event, negated
                    frame = "reject"  # "said it would not accept more refugees"
                code = self.book.framed_code(inner.cameo, frame)
                frame = f"declare-{frame}"
                targets, fallback = inner.targets, inner.target_fallback
            state.consumed.update(
                {child.i, verb.i} | ({embedded.i} if embedded is not None else set())
            )
            state.drafts.append(
                _Draft(
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
                    _companion(inner, "negated" if frame == "declare-reject" else "hypothetical")
                )
            return True
        return False

    def _addressee_of_request(self, draft: _Draft) -> None:
        """'demanded that Ethiopia withdraw': with no event to frame, a demand or appeal still
        addresses the subject of its that-clause."""
        verb = draft.trigger
        frames = self.book.frames.get((verb.lemma_.lower(), syntax.particle_of(verb)), ())
        if not any(f.frame in ("demand", "appeal") for f in frames):
            return
        for child in verb.children:
            if child.dep_ == "ccomp" and _modal_clause(child, requested=True):
                draft.targets = syntax.subjects(child) + draft.targets
                return

    def _obliged(self, verb: Token) -> bool:
        """'has to', 'needs to' + infinitive: the verb is the infinitive's governor."""
        head = verb.head
        return verb.dep_ == "xcomp" and head.lemma_.lower() in self.book.obligation

    def _negated(self, token: Token) -> bool:
        return any(
            c.dep_ == "neg" or (c.dep_ in ("advmod", "aux") and c.lower_ in self.book.negation)
            for c in token.children
        )

    def _announced(self, draft: _Draft) -> list[_Draft]:
        """'Portugal will support ...', 'France is ready to send troops': an announced own
        action is coded as intent (03x) or threat (13x), asserted, with the action itself kept
        as a hypothetical event. 'could', 'may' and conditionals stay plain hypothetical."""
        verb = draft.trigger
        if draft.framed or verb.pos_ != "VERB" or draft.cameo.startswith("01"):
            return [draft]
        if not draft.sources or not self._intent_cue(verb):
            return [draft]
        base = self.ontology.get(draft.cameo)
        conflict = base is not None and base.quad_class in CONFLICT_QUADS
        negated = self._negated(verb)
        if negated and conflict:
            return [draft]
        frame = "reject" if negated else ("threaten" if conflict else "intent")
        announced = _Draft(
            trigger=verb,
            cameo=self.book.framed_code(draft.cameo, frame),
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
        return [announced, _companion(draft, "negated" if negated else "hypothetical")]

    def _intent_cue(self, verb: Token) -> bool:
        intent = self.book.intent
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

    # -- support verbs ------------------------------------------------------------------------
    def _support(self, verb: Token, state: _SentenceState) -> None:
        key = (verb.lemma_.lower(), syntax.particle_of(verb))
        own = state.verbs.get(verb.i)
        carried: list[Token] = []
        if key in self.book.light_verbs and (own is None or own.objects is None):
            carried = syntax.themes(verb)
        if key in self.book.on_verbs and own is None:
            carried += [obj for prep, obj in syntax.preps(verb) if prep == "on"]
        for noun in carried:
            if noun.i in state.nouns and noun.i not in state.consumed:
                # "Russia launched air strikes", "workers went on strike": the verb's subject
                # does what the noun says; the noun's own modifiers are the fallback.
                draft = self._noun_draft(noun, state.nouns[noun.i], governors=(verb,))
                draft.source_fallback = draft.sources
                draft.sources = syntax.subjects(verb)
                draft.target_fallback = [o for _, o in syntax.prep_targets([verb])]
                draft.places += _places(verb)
                state.drafts.append(draft)
                state.consumed.update({noun.i, verb.i})
                return
        if key in self.book.occur_verbs:
            for child in verb.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i in state.nouns:
                    if child.i in state.consumed:
                        continue
                    draft = self._noun_draft(child, state.nouns[child.i], governors=(verb,))
                    sides = [o for p, o in syntax.preps(verb) if p == "between"]
                    if not draft.sources and len(sides) >= 2:
                        # "Fighting broke out between the army and the RSF": both sides.
                        draft.sources, draft.targets = sides[:1], sides[1:]
                        draft.pairwise = True
                    # "a roadside bombing killed one U.S. soldier": the verb's object is hit.
                    draft.target_fallback = syntax.objects(verb, syntax.is_passive(verb)) + [
                        o for _, o in syntax.prep_targets([verb])
                    ]
                    draft.places += _places(verb)
                    state.drafts.append(draft)
                    state.consumed.update({child.i, verb.i})
                    return
        if own is not None and own.objects is not None:
            # "imposed a curfew": the verb pattern already says what the noun says.
            state.consumed.update(t.i for t in syntax.themes(verb) if t.i in state.nouns)

    # -- drafts ----------------------------------------------------------------------------
    def _verb_draft(self, verb: Token, pattern: Pattern) -> _Draft:
        passive = syntax.is_passive(verb)
        sources = syntax.subjects(verb)
        targets = syntax.objects(verb, passive)
        themes = syntax.themes(verb)
        if pattern.instruments:
            # An instrument object is the means, not the target: "used force against the
            # junta" targets the junta; "deployed troops to Mali" targets Mali.
            targets = [t for t in targets if not set(syntax.lemma_forms(t)) & pattern.instruments]
        # "condemned Rwanda's support for the M23": the possessor of a non-actor object.
        owners = [c for t in themes for c in t.children if c.dep_ == "poss"]
        prep_targets = [o for _, o in syntax.prep_targets([verb, *themes])]
        return _Draft(
            trigger=verb,
            cameo=pattern.cameo,
            rule=pattern.rule,
            where=pattern.where,
            sources=sources,
            targets=targets + owners + prep_targets,
            places=_places(verb),
        )

    def _noun_draft(self, noun: Token, pattern: Pattern, governors: tuple[Token, ...]) -> _Draft:
        sources: list[Token] = []
        targets: list[Token] = []
        pairwise = False
        agent_of = pattern.cameo.startswith(self.book.agent_of)
        for child in _modifiers(noun):
            stance = _stance_prefix(child)
            if stance == "anti":
                targets.append(child)  # "anti-government protests": against the government
            elif stance is None:
                sources.extend(syntax.with_conjuncts(child))
        for prep, obj in syntax.preps(noun):
            if prep == "by" or (prep == "of" and agent_of):
                sources.append(obj)
            elif prep == "between":
                sources.append(obj)
                pairwise = True
            elif prep in syntax.TARGET_PREPS:
                targets.append(obj)
        if pairwise and len(sources) >= 2:
            targets = sources[1:] + targets
            sources = sources[:1]
        return _Draft(
            trigger=noun,
            cameo=pattern.cameo,
            rule=pattern.rule,
            where=pattern.where,
            sources=sources,
            targets=targets,
            governors=governors,
            pairwise=pairwise,
            places=_places(noun),
        )

    def _doer_of_governing_verb(self, noun: Token, state: _SentenceState) -> list[Token]:
        """A nominal event ("the court cancelled restrictions", "the United States speeded up
        the withdrawal") that is the object of an uncoded, non-speech verb is done by that
        verb's subject. A coded verb ("condemned the attack") or a speech verb says something
        about the event instead, so its subject is not the doer."""
        verb = noun.head
        if noun.dep_ != "dobj" or verb.pos_ != "VERB" or verb.i in state.verbs:
            return []
        if verb.i in state.consumed or verb.lemma_.lower() in self.book.speech_verbs:
            return []
        return syntax.subjects(verb)

    def _drop_covered_statements(self, state: _SentenceState) -> None:
        """A statement verb adds no 010 when its reported clause already holds an event."""
        others = [d for d in state.drafts if not d.cameo.startswith("01")]
        kept: list[_Draft] = []
        for draft in state.drafts:
            verb = draft.trigger
            if draft.cameo.startswith("01") and verb.lemma_.lower() in self.book.speech_verbs:
                clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "parataxis")]
                if any(syntax.governs(c, o.trigger) for c in clauses for o in others):
                    continue
                inner_nouns = [i for i in state.nouns if i not in state.consumed]
                if any(
                    syntax.governs(c, draft.trigger.doc[i]) for c in clauses for i in inner_nouns
                ):
                    continue
            kept.append(draft)
        state.drafts = kept

    def _mark_unconfirmed(self, state: _SentenceState) -> None:
        """Events inside what a denial, accusation or claim reports are not established."""
        reporters = [
            d.trigger
            for d in state.drafts
            if d.trigger.pos_ == "VERB" and d.trigger.lemma_.lower() in self.book.unconfirmed
        ]
        if not reporters:
            return
        for draft in state.drafts:
            if draft.factuality is not None or draft.trigger in reporters:
                continue
            for verb in reporters:
                if draft.trigger.i != verb.i and syntax.governs(verb, draft.trigger):
                    draft.factuality = "hypothetical"
                    draft.rule = f"unconfirmed:{verb.lemma_.lower()}>{draft.rule}"
                    break

    @staticmethod
    def _argument_tokens(drafts: list[_Draft]) -> set[int]:
        """Tokens already used as an event's trigger object: their nouns add no event."""
        claimed: set[int] = set()
        for draft in drafts:
            for token in syntax.themes(draft.trigger) if draft.trigger.pos_ == "VERB" else ():
                claimed.add(token.i)
        return claimed

    # -- realisation ----------------------------------------------------------------------
    def _realise(
        self,
        drafts: list[_Draft],
        sent: Span,
        index: int,
        actors: ArticleActors,
        article_id: str,
        date: str | None,
    ) -> list[Event]:
        events: list[Event] = []
        seen: set[tuple[int, str, str | None, str | None]] = set()
        for draft in drafts:
            info = self.ontology.get(draft.cameo)
            if info is None:
                continue
            sources = _actors(draft.sources, actors) or _actors(draft.source_fallback, actors)
            targets = _actors(draft.targets, actors) or _actors(draft.target_fallback, actors)
            if not targets and draft.cameo.startswith(self.book.place_target):
                targets = [actors.places[t.i] for t in draft.places if t.i in actors.places][:1]
            rule = draft.rule
            if not sources and draft.cameo.startswith(self.book.civilian_source):
                civilians = _civilians_at(draft, actors)
                if civilians is not None:
                    sources = [civilians]
                    rule = f"{rule}+civilian-source"
            reciprocal = draft.cameo.startswith(self.book.reciprocal)
            pairs = _pairs(sources, targets, draft, reciprocal)
            if not pairs:
                continue
            factuality = draft.factuality or factuality_of(
                draft.trigger, self.book.negation, self.book.hypothetical, draft.governors
            )
            trigger_text = " ".join(
                t.text for t in sorted((draft.trigger, *draft.extra_tokens), key=lambda t: t.i)
            )
            for source, target in pairs:
                key = (
                    draft.trigger.i,
                    draft.cameo,
                    source.code if source else None,
                    target.code if target else None,
                )
                if key in seen:
                    continue
                seen.add(key)
                events.append(
                    Event(
                        id=f"{article_id}:{index}:{len(events)}",
                        sentence=index,
                        source=source,
                        target=target,
                        cameo=draft.cameo,
                        quad_class=info.quad_class,
                        goldstein=info.goldstein,
                        plover=info.plover,
                        factuality=factuality,
                        date=date,
                        date_basis="publication" if date else "none",
                        location=None,
                        start=sent.start_char,
                        end=sent.end_char,
                        trigger=trigger_text,
                        rule=rule,
                        rule_line=draft.where,
                        trigger_start=draft.trigger.idx,
                        trigger_end=draft.trigger.idx + len(draft.trigger.text),
                        trigger_depth=sum(1 for _ in draft.trigger.ancestors),
                    )
                )
        return events


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _prep_pairs(tokens: tuple[Token, ...], actor_heads: frozenset[int]) -> list[tuple[str, str]]:
    """(preposition, object lemma) pairs; an object that is a coded actor also gives '@actor'."""
    pairs: list[tuple[str, str]] = []
    for token in tokens:
        for prep, obj in syntax.preps(token):
            pairs.extend((prep, form) for form in syntax.lemma_forms(obj))
            if obj.i in actor_heads:
                pairs.append((prep, ACTOR_CLASS))
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


PLACE_PREPS = frozenset({"in", "to", "at", "into", "inside", "across", "near"})


def _places(token: Token) -> list[Token]:
    """Objects of locative prepositions on a token: "arrived in Bamako", "strikes in Syria"."""
    return [obj for prep, obj in syntax.preps(token) if prep in PLACE_PREPS]


def _modifiers(noun: Token) -> list[Token]:
    """Modifiers of an event noun that may name its actor, nearest first, through compound
    chains: "Russian air strikes", "US Predator attacks"."""
    found: list[Token] = []
    stack = [noun]
    while stack:
        token = stack.pop(0)
        for child in token.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.pos_ in (
                "PROPN",
                "NOUN",
                "ADJ",
            ):
                found.append(child)
                if child.dep_ == "compound":
                    stack.append(child)
    return found


def _stance_prefix(token: Token) -> str | None:
    """'anti' or 'pro' for "anti-government", "pro-junta" modifiers, else None."""
    doc = token.doc
    i = token.i
    if i >= 2 and doc[i - 1].text in ("-", "‑") and doc[i - 2].lower_ in ("anti", "pro"):
        return doc[i - 2].lower_
    if token.lower_.startswith(("anti", "pro")) and "-" in token.text:
        return token.lower_[:4] if token.lower_.startswith("anti") else "pro"
    return None


def _modal_clause(clause: Token, requested: bool = False) -> bool:
    """A that-clause about what should or will happen: a modal, or a bare subjunctive.

    Under a demand or appeal a present-tense clause counts too ("demanded that its partners
    refuse", "insists that the government ends curbs"); a past-tense one is a report.
    """
    tags = ("VB", "VBP", "VBZ") if requested else ("VB",)
    if clause.tag_ in tags and not any(c.dep_ == "aux" for c in clause.children):
        return True  # "demanded that Cameroon release Ndongo"
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODAL_WORDS for c in clause.children)


def _companion(draft: _Draft, factuality: Factuality) -> _Draft:
    """The framed or announced action itself, kept as a hypothetical (or negated) event."""
    return _Draft(
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
    )


def _civilians_at(draft: _Draft, actors: ArticleActors) -> Actor | None:
    """Civilians of the country where a protest happens (a place in the sentence, else the
    article's focus), for protests reported with no actor of their own."""
    country: str | None = None
    for token in draft.places + [p for g in draft.governors for p in _places(g)]:
        place = actors.places.get(token.i)
        if place is not None and place.country:
            country = place.country
            break
    country = country or actors.focus
    if country is None:
        return None
    trigger = draft.trigger
    return Actor(
        text=trigger.text,
        name=None,
        code=f"{country}CVL",
        country=country,
        role="CVL",
        start=trigger.idx,
        end=trigger.idx + len(trigger.text),
        entity=-10_000 - trigger.i,
    )


def _same_actor(doer: Token, speakers: set[int]) -> bool:
    """Is the doer of the reported action the speaker ("ECOWAS said it would ...")?"""
    if doer.i in speakers:
        return True
    return doer.pos_ == "PRON" and doer.lower_ in ("it", "they", "we", "he", "she", "i")


def _actors(tokens: list[Token], actors: ArticleActors) -> list[Actor]:
    found: list[Actor] = []
    seen: set[int | None] = set()
    for token in tokens:
        actor = actors.by_head.get(token.i)
        if actor is None or actor.code is None:
            continue
        if actor.entity in seen:
            continue
        seen.add(actor.entity)
        found.append(actor)
    return found


def _pairs(
    sources: list[Actor], targets: list[Actor], draft: _Draft, reciprocal: bool
) -> list[tuple[Actor | None, Actor | None]]:
    if not sources and not targets:
        return []
    if not [t for t in targets if t.entity not in {a.entity for a in sources}] and (
        len(sources) >= 2 and reciprocal
    ):
        return [(a, b) for a in sources for b in sources if a.entity != b.entity]
    # An actor does not act on itself: "Minsk will impose its own sanctions on the EU".
    own = {a.entity for a in sources} | {a.code for a in sources}
    targets = [t for t in targets if t.entity not in own and t.code not in own]
    # Only the best-ranked target: the direct object, else the first prepositional target.
    chosen_targets: list[Actor | None] = list(_first_group(targets)) or [None]
    pairs: list[tuple[Actor | None, Actor | None]] = []
    chosen_sources: list[Actor | None] = list(sources) or [None]
    for source in chosen_sources:
        for target in chosen_targets:
            if source is not None and target is not None and source.entity == target.entity:
                continue
            pairs.append((source, target))
            if draft.pairwise and source is not None and target is not None:
                pairs.append((target, source))
    return pairs


def _first_group(targets: list[Actor]) -> list[Actor]:
    """Coordinated targets share a phrase: keep the first target and those right next to it."""
    if not targets:
        return []
    group = [targets[0]]
    for actor in targets[1:]:
        if actor.start - group[-1].end <= 6:  # "Niger and Mali", "Niger, Mali"
            group.append(actor)
        else:
            break
    return group
