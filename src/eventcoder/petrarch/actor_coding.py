"""PETRARCH actor coding on our dependency parse.

Every noun-phrase head gets a *unit*: the words of its phrase (the head, its modifiers and
possessor, a name in apposition, its prepositional complements; not its clauses or
conjuncts) are searched for dictionary actors and agents, and the codes are composed the
PETRARCH way:

* the first actor of the phrase gives the actor code ("Ithilen's minister Calimehtar" ->
  ITH), with the actors coordinated with it in a complement ("ambassadors of Arnor, Osgiliath
  and Gondor" -> three actors); the article date chooses among date-restricted codes;
* agents add their code after it (``~GOV``: "Arnor cleric" -> ARNREL) or before it (``NGO~``:
  "MSF Arnor" -> NGOARN), unless the code already holds it ("White House officials" ->
  USAGOV); an agent without an actor is coded ``---GOV``; "former" makes the role ELI;
* with ``new_actor_length`` n > 0, a phrase of at most n words with no dictionary entry is an
  actor coded by its own words in quotes ('"THE MINISTRY OF MAGIC"');
* pronouns take the code of their antecedent: the subject of the clause that reports them
  ("Ethiopia indicated it would ..."), else the last subject before them.

Coordinated heads form a group; a member with no actor of its own borrows the actor (and the
agents of the modifiers) of a member that has one ("Danish media and government" -> DNKMED,
DNKGOV). Layered over the built-in coder, a phrase the dictionaries do not code keeps its
built-in code, and an agent without a dictionary actor takes the built-in country.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from eventcoder.actors import ActorCoder
from eventcoder.lang.en import (
    ANAPHORIC_PRONOUNS,
    ANY_VOICE_SUBJECT_DEPS,
    CLAUSE_DEPS,
    COORDINATION_DEPS,
    FORMER_WORDS,
    HYPHENS,
    PETRARCH_HEAD_POS,
    PETRARCH_NOT_HEAD_DEPS,
    PLURAL_PRONOUNS,
)
from eventcoder.lexicon import Lexicon
from eventcoder.petrarch.actors import ActorDictionary
from eventcoder.petrarch.agents import AgentDictionary
from eventcoder.petrarch.common import token_key
from eventcoder.petrarch.phrases import PhraseIndex
from eventcoder.records import Actor
from eventcoder.state import ArticleActors, ArticleState

NULL = "---"
NOT_NEW_ACTOR_ENTS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
)
KNOWN_ROLES = frozenset(
    [
        "GOV",
        "MIL",
        "REB",
        "OPP",
        "PTY",
        "COP",
        "JUD",
        "SPY",
        "LEG",
        "CVL",
        "MED",
        "BUS",
        "EDU",
        "CRM",
        "LAB",
        "REF",
        "ELI",
        "HRI",
        "AGR",
        "REL",
        "NGO",
        "IGO",
        "UAF",
        "INS",
        "MOD",
        "RAD",
        "ENV",
        "HLH",
        "DEV",
    ]
)


@dataclass(frozen=True, slots=True)
class PetrarchOptions:
    """The PETRARCH ``<Config>`` switches that have a meaning here."""

    require_dyad: bool = True  # an event needs both a source and a target
    new_actor_length: int = 0  # phrases of up to n words without an entry become actors


@dataclass(frozen=True, slots=True)
class Unit:
    """A coded noun phrase."""

    head: int
    start: int  # first token of the phrase
    end: int  # one past its last token
    tokens: frozenset[int]
    actors: tuple[Actor, ...]  # one per code
    core: bool  # the phrase's own words (not only a complement) name an actor or agent
    actor_codes: tuple[str, ...] = ()  # before agents are added (for borrowing)
    modifier_agents: tuple[tuple[str, bool], ...] = ()  # (code, prefix) left of the head
    head_agents: tuple[tuple[str, bool], ...] = ()
    former: bool = False
    from_dictionary: bool = True

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(a.code for a in self.actors if a.code)


@dataclass(frozen=True, slots=True)
class PetrarchActors(ArticleActors):
    """Article actors plus the PETRARCH units (by phrase head)."""

    units: dict[int, Unit] = field(default_factory=dict)


@dataclass(slots=True)
class _Analysis:
    actor_codes: list[str]
    actor_first_token: int | None
    modifier_agents: list[tuple[str, bool]]
    head_agents: list[tuple[str, bool]]
    former: bool
    words: list[str]
    core: bool


@dataclass(frozen=True, slots=True)
class ActorIndex:
    """Actor and agent dictionaries prepared for matching: built once, shared by every
    options copy."""

    actor_dictionary: ActorDictionary
    agent_dictionary: AgentDictionary
    actor_index: PhraseIndex[int]
    agent_index: PhraseIndex[int]
    countries: frozenset[str]  # ISO alpha-2 codes, which a dictionary code may start with

    @classmethod
    def build(
        cls, lexicon: Lexicon, actors: ActorDictionary, agents: AgentDictionary
    ) -> ActorIndex:
        return cls(
            actors,
            agents,
            PhraseIndex(
                (phrase, i) for i, entry in enumerate(actors.entries) for phrase in entry.phrases
            ),
            PhraseIndex(
                (phrase, i) for i, entry in enumerate(agents.entries) for phrase in entry.phrases
            ),
            frozenset(lexicon.countries.alpha2),
        )


class PetrarchActorCoder:
    """The ``actors`` stage with PETRARCH actor and agent dictionaries; layered over the
    built-in coder (``builtin``), the dictionaries win where they speak."""

    name = "actors"

    def __init__(
        self, index: ActorIndex, options: PetrarchOptions, builtin: ActorCoder | None = None
    ) -> None:
        self.index = index
        self.options = options
        self.builtin = builtin

    def with_options(self, options: PetrarchOptions) -> PetrarchActorCoder:
        return PetrarchActorCoder(self.index, options, self.builtin)

    def __call__(self, doc: Doc, state: ArticleState) -> ArticleState:
        return replace(state, actors=self.code(doc, state.article.date))

    # -- public ---------------------------------------------------------------------------
    def code(self, doc: Doc, date: str | None) -> PetrarchActors:
        base = self.builtin.code(doc, date) if self.builtin is not None else None
        resolver = _Article(self, doc, date, base)
        units = resolver.units()
        by_head: dict[int, Actor] = dict(base.by_head) if base is not None else {}
        for head, unit in units.items():
            if unit.actors:
                by_head[head] = unit.actors[0]
        return PetrarchActors(
            by_head=by_head,
            focus=base.focus if base is not None else None,
            named_country=base.named_country if base is not None else None,
            places=dict(base.places) if base is not None else {},
            units=units,
        )

    def group(self, actors: PetrarchActors, token: Token) -> list[Actor]:
        """The actors of a head and the heads coordinated with it, with borrowing."""
        return group_actors(actors, token)


class _Article:
    """Unit building for one document."""

    def __init__(
        self, coder: PetrarchActorCoder, doc: Doc, date: str | None, base: ArticleActors | None
    ) -> None:
        self.coder = coder
        self.doc = doc
        self.date = date
        self.base = base
        self.entity_ids: dict[str, int] = {}

    def units(self) -> dict[int, Unit]:
        units: dict[int, Unit] = {}
        history: list[Unit] = []  # coded units in text order, for pronouns
        for sent in self.doc.sents:
            pronouns: list[Token] = []
            for token in sent:
                if not is_head(token):
                    continue
                if token.pos_ == "PRON":
                    if token.lower_ in ANAPHORIC_PRONOUNS:
                        pronouns.append(token)
                    continue
                unit = self._unit(token)
                if unit is not None:
                    units[token.i] = unit
            for token in sorted(pronouns, key=lambda t: t.i):
                found = self._antecedent(token, units, history)
                if found is None:
                    continue
                actors = list(found.actors)
                if token.lower_ in PLURAL_PRONOUNS:
                    # "Obama and Putin said they will attack": both of them.
                    actors = group_of(units, self.doc[found.head])
                units[token.i] = Unit(
                    token.i,
                    token.i,
                    token.i + 1,
                    frozenset({token.i}),
                    tuple(self._actor(a.code or "", token, token.i, token.i + 1) for a in actors),
                    True,
                    tuple(a.code or "" for a in actors),
                    from_dictionary=found.from_dictionary,
                )
            history.extend(units[i] for i in sorted(units) if sent.start <= i < sent.end)
        return units

    # -- one phrase -------------------------------------------------------------------------
    def _unit(self, head: Token) -> Unit | None:
        tokens = phrase_tokens(head)
        analysis = self._analyse(head, tokens)
        start, end = min(tokens), max(tokens) + 1
        codes = self._compose(analysis, head)
        from_dictionary = True
        if not codes and self.base is not None:
            builtin = self.base.by_head.get(head.i)
            if builtin is not None and builtin.code:
                codes = [builtin.code]
                from_dictionary = False
        if not codes:
            return None
        return Unit(
            head.i,
            start,
            end,
            frozenset(tokens),
            tuple(self._actor(code, head, start, end) for code in codes),
            analysis.core or not from_dictionary,
            tuple(analysis.actor_codes),
            tuple(analysis.modifier_agents),
            tuple(analysis.head_agents),
            analysis.former,
            from_dictionary,
        )

    def _analyse(self, head: Token, tokens: list[int]) -> _Analysis:
        doc = self.doc
        words: list[str] = []
        owners: list[int] = []
        for i in tokens:
            token = doc[i]
            text = token_key(token.text)
            if "_" in text.strip("_"):
                for part in text.split("_"):
                    if part:
                        words.append(part)
                        owners.append(i)
            else:
                words.append(text)
                owners.append(i)
        coder = self.coder
        actor_matches = coder.index.actor_index.find(words)
        taken: set[int] = set()
        actor_codes: list[str] = []
        first_token: int | None = None
        coded: list[tuple[int, tuple[str, ...], set[int]]] = []  # (last token, codes, tokens)
        for match in actor_matches:
            taken.update(match.positions)
            entry = coder.index.actor_dictionary.entries[match.value]
            codes = entry.codes(self.date)
            match_tokens = {owners[p] for p in match.positions}
            if codes:
                coded.append((owners[match.positions[-1]], codes, match_tokens))
        core_tokens = {i for i in tokens if i <= head.i}
        core = False
        if coded:
            # The actor named by the head itself ("the Al Qaeda-linked group al-Shabab"), else
            # the first actor of the phrase ("Ithilen's minister", "ties with Gondor").
            chosen = next((c for c in coded if head.i in c[2]), coded[0])
            last, codes, match_tokens = chosen
            actor_codes.extend(codes)
            first_token = last
            core = bool(match_tokens & core_tokens)
            # Actors coordinated with it in the phrase ("of Arnor, Osgiliath and Gondor") are
            # all actors of the phrase.
            anchor = doc[last]
            for conjunct in anchor.conjuncts:
                if conjunct.i not in tokens:
                    continue
                span = {t.i for t in conjunct.subtree}
                for _other_last, other_codes, other_tokens in coded:
                    if other_tokens & span:
                        actor_codes.extend(c for c in other_codes if c not in actor_codes)
                        break
        agent_matches = coder.index.agent_index.find(words, taken)
        modifier_agents: list[tuple[str, bool]] = []
        head_agents: list[tuple[str, bool]] = []
        for match in agent_matches:
            agent = coder.index.agent_dictionary.entries[match.value]
            match_tokens = {owners[p] for p in match.positions}
            item = (agent.code, agent.prefix)
            if head.i in match_tokens or max(match_tokens) > head.i:
                head_agents.append(item)
            else:
                modifier_agents.append(item)
            if match_tokens & core_tokens:
                core = True
        former = any(
            doc[i].lower_ in FORMER_WORDS and doc[i].dep_ in ("amod", "advmod", "compound")
            for i in tokens
        )
        plain = [
            token_key(doc[i].text)
            for i in tokens
            if not doc[i].is_punct and doc[i].tag_ != "POS" and not doc[i].is_space
        ]
        return _Analysis(
            actor_codes, first_token, modifier_agents, head_agents, former, plain, core
        )

    def _compose(self, analysis: _Analysis, head: Token) -> list[str]:
        agents = analysis.modifier_agents + analysis.head_agents
        actor_codes: list[str | None] = list(analysis.actor_codes)
        if not actor_codes and agents and self.base is not None:
            builtin = self.base.by_head.get(head.i)
            if builtin is not None and builtin.code:
                root = builtin.country or (builtin.code if builtin.role is None else None)
                if root:
                    actor_codes = [root]
        if actor_codes or agents:
            return [compose(code, agents, analysis.former) for code in actor_codes or [None]]
        length = self.coder.options.new_actor_length
        if (
            length > 0
            and head.pos_ in ("NOUN", "PROPN")
            and head.ent_type_ not in NOT_NEW_ACTOR_ENTS
            and 0 < len(analysis.words) <= length
        ):
            return ['"' + " ".join(analysis.words) + '"']
        return []

    def _actor(self, code: str, head: Token, start: int, end: int) -> Actor:
        doc = self.doc
        span = doc[start:end]
        entity = self.entity_ids.setdefault(code, len(self.entity_ids))
        country = code[:3] if code[:3] in self.coder.index.countries else None
        role = code[3:6] if len(code) >= 6 and code[3:6] in KNOWN_ROLES else None
        if country is None and code.startswith(NULL) and code[3:6] in KNOWN_ROLES:
            role = code[3:6]
        return Actor(
            text=span.text,
            name=None,
            code=code,
            country=country,
            role=role,
            start=span.start_char,
            end=span.end_char,
            entity=entity,
        )

    # -- pronouns ---------------------------------------------------------------------------
    def _antecedent(
        self, pronoun: Token, units: dict[int, Unit], history: list[Unit]
    ) -> Unit | None:
        # "Ethiopia indicated it would act": the subject of the clause that reports it.
        clause = pronoun.head
        if pronoun.dep_ in ANY_VOICE_SUBJECT_DEPS:
            climb = clause
            for _ in range(3):
                if climb.dep_ not in ("ccomp", "xcomp", "advcl", "conj") or climb.head is climb:
                    break
                governor = climb.head
                for child in governor.children:
                    if (
                        child.dep_ in ANY_VOICE_SUBJECT_DEPS
                        and child.i < pronoun.i
                        and child.i in units
                    ):
                        return units[child.i]
                climb = governor
        sentence_units = [
            u for i, u in sorted(units.items()) if i < pronoun.i and i >= pronoun.sent.start
        ]
        earlier = [*history, *sentence_units]
        subjects = [u for u in earlier if self.doc[u.head].dep_ in ANY_VOICE_SUBJECT_DEPS]
        return subjects[-1] if subjects else None


def compose(actor: str | None, agents: Iterable[tuple[str, bool]], former: bool) -> str:
    """Actor code with agent codes: prefixes (``NGO~``) before, suffixes (``~GOV``) after,
    each only when the code does not already hold it; "former" makes the role ELI."""
    agents = list(agents)
    prefixes = [code for code, prefix in agents if prefix]
    suffixes = [code for code, prefix in agents if not prefix]
    if former:
        suffixes = ["ELI"]
    code = actor or ""
    for prefix in reversed(prefixes):
        if not _holds(code, prefix):
            code = prefix + code
    if actor is None and (suffixes or not prefixes):
        code = code + NULL
    for suffix in suffixes:
        if not _holds(code, suffix):
            code += suffix
    return code


def _holds(code: str, part: str) -> bool:
    """Does ``code`` contain ``part`` at a three-letter boundary?"""
    return any(code[i : i + len(part)] == part for i in range(0, len(code) - len(part) + 1, 3))


def is_head(token: Token) -> bool:
    return token.pos_ in PETRARCH_HEAD_POS and token.dep_ not in PETRARCH_NOT_HEAD_DEPS


def phrase_tokens(head: Token) -> list[int]:
    """Token indexes of a head's noun phrase: modifiers, possessor, complements, a name in
    apposition; no clauses, and none of the head's own conjuncts."""
    found = [head.i]
    stack: list[tuple[Token, bool]] = [(child, True) for child in head.children]
    while stack:
        child, top = stack.pop()
        dep = child.dep_
        if dep in CLAUSE_DEPS:
            continue
        if top and dep in COORDINATION_DEPS:
            continue
        if top and dep == "punct" and child.text not in HYPHENS:
            continue
        if dep == "appos" and not (top and _adjacent(head, child)):
            continue
        found.append(child.i)
        stack.extend((grandchild, False) for grandchild in child.children)
    return sorted(found)


def _adjacent(head: Token, appos: Token) -> bool:
    """A name in apposition with no punctuation between ("head Minerva McGonagall")."""
    doc = head.doc
    low, high = sorted((head.i, appos.left_edge.i))
    return not any(doc[i].is_punct for i in range(low + 1, high))


def coordinated(token: Token) -> list[Token]:
    """A head and the heads coordinated with it, in text order. A list the parser read as an
    apposition ("Mordor, the Shire, Fornost and Bree"; "Mordor, the awful Fornost, and
    Gondor") counts as coordination: an apposition that has conjuncts of its own, or that
    stands before a conjunct of the head."""
    members = [token, *token.conjuncts]
    conj_positions = [t.i for t in token.conjuncts]
    for member in list(members):
        for child in member.children:
            if child.dep_ != "appos" or child in members:
                continue
            if child.conjuncts or any(child.i < i for i in conj_positions):
                members.extend([child, *(c for c in child.conjuncts if c not in members)])
    return sorted(set(members), key=lambda t: t.i)


def group_actors(actors: PetrarchActors, token: Token) -> list[Actor]:
    """The actors of a head and of the heads coordinated with it (with borrowing)."""
    return group_of(actors.units, token)


def group_of(all_units: dict[int, Unit], token: Token) -> list[Actor]:
    members = coordinated(token)
    units = [all_units.get(m.i) for m in members]
    donors = [u for u in units if u is not None and u.actor_codes]
    found: list[Actor] = []
    seen: set[str] = set()
    for member, unit in zip(members, units, strict=True):
        if unit is None:
            continue
        candidates: list[Actor] = list(unit.actors)
        if not unit.actor_codes and donors and unit.from_dictionary and unit.head_agents:
            # "Danish media and government": the government is Danish too.
            donor = min(donors, key=lambda d: abs(d.head - member.i))
            agents = [*donor.modifier_agents, *unit.modifier_agents, *unit.head_agents]
            candidates = [
                _retag(unit.actors[0], compose(code, agents, unit.former))
                for code in donor.actor_codes
            ]
        for actor in candidates:
            if actor.code and actor.code not in seen:
                seen.add(actor.code)
                found.append(actor)
    return found


def _retag(actor: Actor, code: str) -> Actor:
    return Actor(
        actor.text,
        actor.name,
        code,
        actor.country,
        actor.role,
        actor.start,
        actor.end,
        hash(code) & 0x7FFFFFFF,
    )


def sentence_of(doc: Doc, index: int) -> Span:
    return doc[index].sent
