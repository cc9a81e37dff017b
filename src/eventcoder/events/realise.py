"""Drafts become ``Event`` records: actors attached, one record per (source, target) pair.

``new_event`` is the one constructor of ``Event`` records for every coder (the built-in
dictionaries and the PETRARCH layer), and ``event_key`` the one identity under which a
sentence's events are de-duplicated.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from eventcoder.events.casualties import Casualties, casualties, crowd_size
from eventcoder.events.drafts import Draft, place_objects
from eventcoder.events.factuality import factuality_of
from eventcoder.events.patterns import PatternBook
from eventcoder.lang import grammar_of
from eventcoder.ontology import CameoCode, Ontology
from eventcoder.records import Actor, Event, Factuality
from eventcoder.state import ArticleActors

EventKey = tuple[int, str, str | None, str | None]
NO_CASUALTIES = Casualties()


def event_key(trigger: Token, cameo: str, source: Actor | None, target: Actor | None) -> EventKey:
    """One event per trigger, code and pair of actor codes."""
    return (trigger.i, cameo, source.code if source else None, target.code if target else None)


def new_event(
    *,
    event_id: str,
    sent: Span,
    index: int,
    source: Actor | None,
    target: Actor | None,
    cameo: str,
    info: CameoCode | None,
    factuality: Factuality,
    date: str | None,
    trigger: Token,
    trigger_text: str,
    trigger_start: int,
    trigger_end: int,
    rule: str,
    rule_line: str | None,
    casualties: Casualties = NO_CASUALTIES,
    size: int | str | None = None,
) -> Event:
    """An event of sentence ``index`` as the events stage makes it: the sentence is the
    evidence, the publication date its date until the time stage dates it, no location until
    the places stage locates it. ``trigger`` is the head word (its depth ranks a sentence's
    events); ``trigger_start``/``trigger_end`` span all trigger words. ``info`` None (a code
    outside our table) gives QuadClass 0."""
    return Event(
        id=event_id,
        sentence=index,
        source=source,
        target=target,
        cameo=cameo,
        quad_class=info.quad_class if info else 0,
        goldstein=info.goldstein if info else 0.0,
        plover=info.plover if info else None,
        factuality=factuality,
        date=date,
        date_basis="publication" if date else "none",
        location=None,
        start=sent.start_char,
        end=sent.end_char,
        trigger=trigger_text,
        rule=rule,
        rule_line=rule_line,
        trigger_start=trigger_start,
        trigger_end=trigger_end,
        trigger_depth=sum(1 for _ in trigger.ancestors),
        dead=casualties.dead,
        injured=casualties.injured,
        size=size,
    )


def realise(
    book: PatternBook,
    ontology: Ontology,
    drafts: list[Draft],
    sent: Span,
    index: int,
    actors: ArticleActors,
    article_id: str,
    date: str | None,
    context: Sequence[Event] = (),
) -> list[Event]:
    """The events of one sentence's drafts; ``context``: the article's events so far, whose
    authors a target like "the coup" or "the ultimatum" stands for (``referred_author``)."""
    events: list[Event] = []
    seen: set[EventKey] = set()
    for draft in drafts:
        info = ontology.get(draft.cameo)
        if info is None:
            continue
        sources = _actors(draft.sources, actors) or _actors(draft.source_fallback, actors)
        targets = _actors(draft.targets, actors) or _actors(draft.target_fallback, actors)
        if draft.cameo.startswith(book.venue_not_target):
            targets = [t for t in targets if t.role not in book.medium_roles]  # "told CNN"
        rule = draft.rule
        # "condemned the attempt to seize power": the act's authors, before an actor inside the
        # act's phrase ("de prise du pouvoir" is whom the coup was against); an actor as the
        # object itself ("condemned the junta") stays the target.
        first = actors.by_head.get(draft.targets[0].i) if draft.targets else None
        object_actor = first is not None and first.code is not None
        if not object_actor and draft.cameo.startswith(book.referent_target):
            author = referred_author(book, draft, drafts, [*context, *events], sources)
            if author is not None:
                targets = [author]
                rule = f"{rule}+referent"
        if not targets and draft.cameo.startswith(book.place_target):
            targets = [actors.places[t.i] for t in draft.places if t.i in actors.places][:1]
        if not sources and draft.cameo.startswith(book.civilian_source):
            civilians = _civilians_at(draft, actors)
            if civilians is not None:
                sources = [civilians]
                rule = f"{rule}+civilian-source"
        factuality = draft.factuality or factuality_of(
            draft.trigger, book.negation, book.hypothetical, draft.governors
        )
        # A statement is an attributed speech act: no speaker, no statement; but a claim that
        # nobody made is news ("the attack was not claimed"; argument_rules.tsv ``unsaid``).
        unsaid = draft.cameo.startswith(book.unsaid) and factuality == "negated"
        if not sources and draft.cameo.startswith("01") and not unsaid:
            continue
        reciprocal = draft.cameo.startswith(book.reciprocal)
        mutual = draft.pairwise or draft.cameo.startswith(book.mutual)
        pairs = _pairs(sources, targets, mutual, reciprocal)
        if not pairs and (unsaid or (draft.agentless and not draft.cameo.startswith("01"))):
            pairs = [(None, None)]  # "a curfew was imposed": the event, its actors unnamed
            rule = f"{rule}+agentless"
        if not pairs:
            continue
        trigger_text = " ".join(
            t.text for t in sorted((draft.trigger, *draft.extra_tokens), key=lambda t: t.i)
        )
        # Material conflict carries PLOVER's casualties; protests their crowd size.
        counted = casualties(book.casualties, draft.trigger) if info.quad_class == 4 else None
        size = crowd_size(draft.sources or draft.source_fallback) if info.root == "14" else None
        for source, target in pairs:
            cameo, pair_info, pair_rule = draft.cameo, info, rule
            if _figurative(book, draft.cameo, source, target, counted):
                cameo = book.figurative_as or cameo
                pair_info = ontology.get(cameo) or info
                pair_rule = f"figurative:{rule}"
            key = event_key(draft.trigger, cameo, source, target)
            if key in seen:
                continue
            seen.add(key)
            events.append(
                new_event(
                    event_id=f"{article_id}:{index}:{len(events)}",
                    sent=sent,
                    index=index,
                    source=source,
                    target=target,
                    cameo=cameo,
                    info=pair_info,
                    factuality=factuality,
                    date=date,
                    trigger=draft.trigger,
                    trigger_text=trigger_text,
                    trigger_start=draft.trigger.idx,
                    trigger_end=draft.trigger.idx + len(draft.trigger.text),
                    rule=pair_rule,
                    rule_line=draft.where,
                    casualties=counted or NO_CASUALTIES,
                    size=size,
                )
            )
    return events


def referred_author(
    book: PatternBook,
    draft: Draft,
    drafts: list[Draft],
    earlier: Sequence[Event],
    sources: list[Actor],
) -> Actor | None:
    """The authors of the act a target names ("condemned the coup", "rejected the
    ultimatum"): the source of the first earlier event whose code the act's noun lists in
    referents.tsv, the draft's own source excepted; only for the codes of argument_rules.tsv
    ``referent_target`` (reactions to somebody else's act)."""
    # A framed act is the framing verb's extra token ("rejected the ultimatum" in French,
    # where the ultimatum is an event noun of its own).
    named = [*draft.targets, *(draft.extra_tokens if draft.framed else ())]
    codes = [
        code for token in named if _definite(token) for code in _referred_codes(book, token, drafts)
    ]
    if not codes:
        return None
    own = {a.entity for a in sources}
    for event in earlier:  # the first: the act the story told of, before reactions to it
        source = event.source
        if (
            source is not None
            and source.code
            and source.entity not in own
            and event.factuality == "asserted"
            and event.cameo.startswith(tuple(codes))
        ):
            return source
    return None


def _definite(token: Token) -> bool:
    """ "the coup", "cette demande": an act already told of; "condemned attacks on civilians"
    or "blamed for attacks" speak of acts in general."""
    determiners = grammar_of(token).definite_determiners
    return any(c.dep_ == "det" and c.lower_ in determiners for c in token.children)


def _referred_codes(book: PatternBook, token: Token, drafts: list[Draft]) -> list[str]:
    """The codes of the act a target word names: its referents.tsv line; for a light head
    ("attempt") those of its complement, or of the events the sentence's patterns found there
    ("the attempt to seize power": 170)."""
    codes = book.referents.get(token.lemma_.lower())
    if codes is None:
        return []
    if codes:
        return list(codes)
    found: list[str] = []
    for child in token.children:
        complements = [child] if child.dep_ in LIGHT_COMPLEMENT_DEPS else []
        if child.dep_ == "prep":  # English "the attempt at a coup": the preposition's object
            complements = [c for c in child.children if c.dep_ == "pobj"]
        for complement in complements:
            found += _referred_codes(book, complement, drafts) or [
                d.cameo[:3] for d in drafts if d.trigger.i == complement.i
            ]
    return found


# Where a light head's complement hangs: "coup attempt" (compound), "tentative de coup"
# (nmod), "attempt to seize power" (acl / xcomp); both parsers' labels.
LIGHT_COMPLEMENT_DEPS = frozenset({"compound", "nmod", "acl", "xcomp"})


def _figurative(
    book: PatternBook,
    cameo: str,
    source: Actor | None,
    target: Actor | None,
    counted: Casualties | None,
) -> bool:
    """Is a conflict word used figuratively: "Trump attacked Clinton", "the senator fired back
    at the president"? Both sides have a verbal role (argument_rules.tsv; GOV only for a named
    person), nobody was killed or hurt."""
    if not cameo.startswith(book.figurative) or source is None or target is None:
        return False
    if counted is not None and (counted.dead or counted.injured):
        return False
    return _verbal(book, source) and _verbal(book, target)


def _verbal(book: PatternBook, actor: Actor) -> bool:
    # Countries and organisations carry no name: a name is a person's ("Trump", "Obama").
    named_person = actor.name is not None
    if actor.role is None:
        return named_person and actor.code is not None and len(actor.code) == 3  # a private person
    if actor.role not in book.verbal_roles:
        return False
    return actor.role != "GOV" or named_person


def _civilians_at(draft: Draft, actors: ArticleActors) -> Actor | None:
    """Civilians of the country where a protest happens (a place in the sentence, else the
    article's focus), for protests reported with no actor of their own."""
    country: str | None = None
    for token in draft.places + [p for g in draft.governors for p in place_objects(g)]:
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


# Words that, coded like the source, are the source itself ("its own sanctions").
SELF_WORDS = frozenset(
    {"its", "their", "his", "her", "it", "they", "he", "she", "itself", "themselves", "himself"}
    | {"herself", "them", "him"}
)


def _pairs(
    sources: list[Actor], targets: list[Actor], mutual: bool, reciprocal: bool
) -> list[tuple[Actor | None, Actor | None]]:
    if not sources and not targets:
        return []
    if not [t for t in targets if t.entity not in {a.entity for a in sources}] and (
        len(sources) >= 2 and reciprocal
    ):
        return [(a, b) for a in sources for b in sources if a.entity != b.entity]
    # An actor does not act on itself: "Minsk will impose its own sanctions on the EU" (a
    # pronoun of the source's code is the source). Two actors of one code can: rioters kill
    # villagers (INDCVL -> INDCVL), a president fires his FBI director (USAGOV -> USAGOV).
    own = {a.entity for a in sources}
    codes = {a.code for a in sources}
    targets = [
        t
        for t in targets
        if t.entity not in own and not (t.code in codes and t.text.lower() in SELF_WORDS)
    ]
    # Only the best-ranked target: the direct object, else the first prepositional target.
    chosen_targets: list[Actor | None] = list(_first_group(targets)) or [None]
    pairs: list[tuple[Actor | None, Actor | None]] = []
    chosen_sources: list[Actor | None] = list(sources) or [None]
    for source in chosen_sources:
        for target in chosen_targets:
            if source is not None and target is not None and source.entity == target.entity:
                continue
            pairs.append((source, target))
            if mutual and source is not None and target is not None:
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
