"""PETRARCH verb dictionaries over our parse: verbs -> patterns -> coded events.

For every verb of a sentence (the parser's verbs only, as in PETRARCH):

1. the verb is looked up by its surface form among the dictionary's verbs (base form, the
   irregular forms in ``{...}`` and generated regular forms; a multi-word verb needs its other
   words next to it: "cordoned off", "wire tapped");
2. the patterns of its block are tried, most specific first (``matching.py``); the first that
   matches gives the code, else the verb's own code, else the block's; a null code ``---``
   gives no event;
3. source and target: the pattern's ``$``/``+`` actors, else the grammar — source = the
   subject (the ``by`` agent of a passive; inherited through infinitives, coordinated verbs and
   relative clauses), target = the passive subject, else a coded direct object, else the first
   actor of the verb's phrase after it (adverbial clauses such as "after crowds burned its
   embassy" excluded). ``%`` before the verb makes a compound subject act on its own members;
4. ``[A:B]`` codes A for source -> target and B for target -> source;
5. transformations (``~ a (a b ATTACK) SAY = a b 015``) merge an event with the event its
   clause reports.

Codes are emitted literally; QuadClass, Goldstein and PLOVER come from our CAMEO table for the
code, else its 3-digit parent, else its root, else 0 / 0.0 / none (docs/petrarch.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from eventcoder.events import EventCoder, PatternBook
from eventcoder.events.factuality import factuality_of
from eventcoder.events.realise import EventKey, event_key, new_event
from eventcoder.lang.en import (
    ACTIVE_SUBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    RELATIVE_PRONOUNS,
    SUBORDINATORS_KEPT,
    VERB_OBJECT_DEPS,
)
from eventcoder.ontology import Ontology
from eventcoder.petrarch.actor_coding import (
    PetrarchActors,
    PetrarchOptions,
    Unit,
    group_actors,
    is_head,
    phrase_tokens,
)
from eventcoder.petrarch.common import token_key
from eventcoder.petrarch.discards import DiscardList
from eventcoder.petrarch.matching import (
    Bindings,
    Occurrence,
    Region,
    required_sets,
    required_words,
)
from eventcoder.petrarch.verbs import (
    Transformation,
    VerbBlock,
    VerbDictionary,
    VerbEntry,
    VerbForm,
    VerbPattern,
)
from eventcoder.records import Actor, Event
from eventcoder.state import ArticleActors, ArticleState


@dataclass(slots=True)
class Draft:
    """An event before realisation."""

    verb: Token
    tokens: tuple[Token, ...]
    entry: VerbEntry
    code: str | None
    reverse: str | None
    sources: list[Actor]
    targets: list[Actor]
    rule: str
    where: str
    reciprocal: bool = False
    merged: tuple[Token, ...] = field(default=())
    pattern: VerbPattern | None = None


@dataclass(frozen=True, slots=True)
class VerbIndex:
    """A verb dictionary prepared for matching: built once, shared by every options copy."""

    verbs: VerbDictionary
    discards: DiscardList
    required: dict[int, tuple[frozenset[str], tuple[frozenset[str], ...]]]
    blocks_named: dict[str, frozenset[int]]
    ranked: dict[tuple[int, ...], tuple[VerbPattern, ...]]  # memo of _patterns

    @classmethod
    def build(cls, verbs: VerbDictionary, discards: DiscardList) -> VerbIndex:
        required: dict[int, tuple[frozenset[str], tuple[frozenset[str], ...]]] = {}
        for block in verbs.blocks:
            for pattern in block.patterns:
                required[id(pattern)] = (
                    required_words(pattern),
                    required_sets(pattern, verbs.synsets),
                )
        blocks_named: dict[str, frozenset[int]] = {}
        for entry in verbs.entries:
            name = entry.base.verb
            blocks_named[name] = blocks_named.get(name, frozenset()) | {entry.block}
        return cls(verbs, discards, required, blocks_named, {})


class PetrarchEventCoder:
    """The ``events`` stage with a PETRARCH verb dictionary; layered over the built-in
    coder (``builtin``), the dictionary wins on the verbs it knows."""

    name = "events"

    def __init__(
        self,
        index: VerbIndex,
        book: PatternBook,
        ontology: Ontology,
        options: PetrarchOptions,
        builtin: EventCoder | None = None,
    ) -> None:
        self.index = index
        self.book = book
        self.ontology = ontology
        self.options = options
        self.builtin = builtin

    def with_options(self, options: PetrarchOptions) -> PetrarchEventCoder:
        return PetrarchEventCoder(self.index, self.book, self.ontology, options, self.builtin)

    def __call__(self, doc: Doc, state: ArticleState) -> ArticleState:
        article = state.article
        return replace(state, events=self.code(doc, state.actors, article.id, article.date))

    # -- public ---------------------------------------------------------------------------
    def code(
        self, doc: Doc, actors: ArticleActors, article_id: str, date: str | None
    ) -> tuple[Event, ...]:
        if not isinstance(actors, PetrarchActors):
            raise TypeError("PetrarchEventCoder needs the actors of PetrarchActorCoder")
        if self.index.discards.story_hit(doc.text) is not None:
            return ()
        builtin = self.builtin.code(doc, actors, article_id, date) if self.builtin else ()
        events: list[Event] = []
        for index, sent in enumerate(doc.sents):
            if self.index.discards.sentence_hit(sent.text) is not None:
                continue
            drafts, claimed = self.petrarch_drafts(sent, actors)
            found = self._realise_drafts(drafts, sent, index, date)
            taken = {(e.trigger_start, e.cameo) for e in found}
            for event in builtin:
                if event.sentence != index or event.trigger_start in claimed:
                    continue
                if (event.trigger_start, event.cameo) not in taken:
                    found.append(event)
            found.sort(key=lambda e: e.trigger_start or 0)
            events.extend(
                replace(event, id=f"{article_id}:{index}:{n}") for n, event in enumerate(found)
            )
        return tuple(events)

    def petrarch_drafts(self, sent: Span, actors: PetrarchActors) -> tuple[list[Draft], set[int]]:
        """The drafts of one sentence, and the character offsets of the verbs the dictionary
        claimed (coded or deliberately not)."""
        drafts: list[Draft] = []
        claimed: set[int] = set()
        keys = {token_key(t.text) for t in sent}
        occurrences = _occurrences(sent, actors)
        phrases = _phrases(sent, actors)
        for token in sent:
            if token.pos_ != "VERB" and not (
                token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")
            ):
                continue
            found = self._verb_at(token, sent)
            if found is None:
                continue
            form, entries = found
            first = token.i - form.head
            tokens = tuple(token.doc[first + k] for k in range(len(form.words)))
            claimed.add(token.idx)
            draft = self._draft(token, tokens, entries, sent, actors, (occurrences, phrases), keys)
            if draft is not None:
                drafts.append(draft)
        return self._transform(self._nested(drafts)), claimed

    # -- verbs ----------------------------------------------------------------------------
    def _verb_at(self, token: Token, sent: Span) -> tuple[VerbForm, list[VerbEntry]] | None:
        candidates = self.index.verbs.lookup(token_key(token.text))
        if not candidates:
            return None
        doc = token.doc
        best: VerbForm | None = None
        entries: list[VerbEntry] = []
        for form, entry in candidates:
            first = token.i - form.head
            last = first + len(form.words) - 1
            if first < sent.start or last >= sent.end:
                continue
            if any(
                token_key(doc[first + k].text) != word
                for k, word in enumerate(form.words)
                if k != form.head
            ):
                continue
            if best is None or len(form.words) > len(best.words):
                best, entries = form, [entry]
            elif len(form.words) == len(best.words) and entry not in entries:
                entries.append(entry)
        return (best, entries) if best is not None else None

    def _patterns(self, entries: list[VerbEntry]) -> tuple[VerbPattern, ...]:
        key = tuple(sorted({e.block for e in entries}))
        ranked = self.index.ranked.get(key)
        if ranked is None:
            merged = [p for b in key for p in self.index.verbs.blocks[b].patterns]
            ranked = tuple(sorted(merged, key=lambda p: (-p.specificity, p.order)))
            self.index.ranked[key] = ranked
        return ranked

    def _draft(
        self,
        verb: Token,
        tokens: tuple[Token, ...],
        entries: list[VerbEntry],
        sent: Span,
        actors: PetrarchActors,
        spans: tuple[list[Occurrence], list[tuple[int, int]]],
        keys: set[str],
    ) -> Draft | None:
        doc = verb.doc
        before: Region | None = None
        after: Region | None = None
        chosen: VerbPattern | None = None
        bindings: Bindings = ()
        for pattern in self._patterns(entries):
            words, sets = self.index.required[id(pattern)]
            if not words <= keys or any(keys.isdisjoint(s) for s in sets):
                continue
            if before is None or after is None:
                before = self._region(doc, list(range(sent.start, tokens[0].i)), spans)
                after = self._region(doc, _after_tokens(verb, tokens[-1]), spans)
            found_before = before.match_before(pattern)
            if found_before is None:
                continue
            found_after = after.match_after(pattern)
            if found_after is None:
                continue
            chosen, bindings = pattern, found_before + found_after
            break
        entry = entries[0]
        if chosen is not None:
            code, reverse = chosen.code, chosen.reverse
            block = self.index.verbs.blocks[entry.block]
            rule = f"petrarch:{block.name}:{chosen.text}"
            where = chosen.where
        else:
            entry, code, reverse, block = self._default(entries)
            rule = f"petrarch:{block.name}:{' '.join(entry.base.words)}"
            where = entry.where
        if code is None and reverse is None:
            return None
        sources, targets, reciprocal = self._arguments(verb, tokens, bindings, actors, chosen)
        if (
            not targets
            and len(sources) > 1
            and any(c and c.startswith(self.book.reciprocal) for c in (code, reverse))
        ):
            reciprocal = True  # "Gondor and Osgiliath met": a mutual act, pairwise
        return Draft(
            verb,
            tokens,
            entry,
            code,
            reverse,
            sources,
            targets,
            rule,
            where,
            reciprocal,
            pattern=chosen,
        )

    def _default(
        self, entries: list[VerbEntry]
    ) -> tuple[VerbEntry, str | None, str | None, VerbBlock]:
        """The verb's own code, else its block's: the first entry that has one."""
        for entry in entries:
            block = self.index.verbs.blocks[entry.block]
            if entry.code is not None or entry.reverse is not None:
                return entry, entry.code, entry.reverse, block
            if block.code is not None or block.reverse is not None:
                return entry, block.code, block.reverse, block
        entry = entries[0]
        return entry, None, None, self.index.verbs.blocks[entry.block]

    def _region(
        self,
        doc: Doc,
        tokens: list[int],
        spans: tuple[list[Occurrence], list[tuple[int, int]]],
    ) -> Region:
        occurrences, phrases = spans
        wanted = set(tokens)
        inside = [o for o in occurrences if o.start in wanted and o.last in wanted]
        uncoded = [p for p in phrases if p[0] in wanted and p[1] in wanted]
        return Region(doc, tokens, inside, self.index.verbs.synsets, _is_compound(doc), uncoded)

    # -- arguments ------------------------------------------------------------------------
    def _arguments(
        self,
        verb: Token,
        tokens: tuple[Token, ...],
        bindings: Bindings,
        actors: PetrarchActors,
        pattern: VerbPattern | None,
    ) -> tuple[list[Actor], list[Actor], bool]:
        doc = verb.doc
        bound: dict[str, Unit] = {}
        for mark, unit in bindings:
            if mark != "^":
                bound.setdefault(mark, unit)
        compound_before = (
            "%" in bound
            and pattern is not None
            and any(e.kind == "actor" and e.name == "%" for e in pattern.before)
        )
        passive_source = False
        if "$" in bound:
            sources = group_actors(actors, doc[bound["$"].head])
        elif compound_before:
            sources = group_actors(actors, doc[bound["%"].head])
        else:
            heads, passive_source = _source_heads(verb)
            if "+" in bound and any(bound["+"].head == h.i for h in heads):
                heads = _governor_subjects(verb)  # the target was the subject
            sources = _collect(actors, heads)
        if "+" in bound:
            targets = group_actors(actors, doc[bound["+"].head])
        elif "%" in bound and not compound_before:
            targets = group_actors(actors, doc[bound["%"].head])
        elif compound_before:
            return sources, [], True
        else:
            targets = self._targets(verb, tokens, actors, sources, passive_source)
        return sources, targets, False

    def _targets(
        self,
        verb: Token,
        tokens: tuple[Token, ...],
        actors: PetrarchActors,
        sources: list[Actor],
        passive_source: bool,
    ) -> list[Actor]:
        own = {a.code for a in sources}
        if _is_passive(verb):
            subjects = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
            found = [a for a in _collect(actors, subjects) if a.code not in own]
            if found or passive_source:
                return found
        objects = [c for c in verb.children if c.dep_ in VERB_OBJECT_DEPS and c.pos_ != "ADP"]
        found = _collect(actors, objects)
        if any(a.code not in own for a in found):
            return found
        region = set(_target_tokens(verb, tokens[-1]))
        heads = [h for h in sorted(region) if h in actors.units and h != verb.i]
        # Outermost phrases only, in text order of their first word.
        units = [actors.units[h] for h in heads]
        units = [u for u in units if not any(o is not u and u.head in o.tokens for o in units)]
        for unit in sorted(units, key=lambda u: (u.start, u.head)):
            token = verb.doc[unit.head]
            if token.pos_ == "PRON" and token.dep_ == "poss":
                continue
            group = group_actors(actors, token)
            if any(a.code not in own for a in group):
                return group  # pairs of an actor with itself are dropped later
        return []

    # -- nested verbs ---------------------------------------------------------------------
    def _nested(self, drafts: list[Draft]) -> list[Draft]:
        """One event for a verb and the coded verb in its infinitive complement.

        * a pattern of the outer verb that names words of the complement ("wants * HELP")
          codes both: the complement adds no event;
        * "agreed to lift the sanctions", "pledged to expel": the doer is the same, the
          complement says what is done: only its event;
        * "urged Bree to help": someone else is to do it: only the outer event;
        * "met Assad to discuss efforts": a purpose clause adds no event of its own;
        * "abandoned efforts to stop the parade", "rejected a plan to attack": an infinitive
          that describes the outer verb's object did not happen: only the outer event.
        """
        if len(drafts) < 2:
            return drafts
        by_verb = {d.verb.i: d for d in drafts}
        dropped: set[int] = set()
        for inner in drafts:
            dep = inner.verb.dep_
            noun = inner.verb.head
            if (
                dep == "acl"
                and _infinitive(inner.verb)
                and noun.dep_ in VERB_OBJECT_DEPS
                and noun.head.i in by_verb
                and noun.head.i not in dropped
            ):
                dropped.add(inner.verb.i)
                continue
            if dep not in ("xcomp", "advcl") or (dep == "advcl" and not _infinitive(inner.verb)):
                continue
            outer = by_verb.get(inner.verb.head.i)
            if outer is None or outer.verb.i in dropped:
                continue
            same = {a.code for a in inner.sources} == {a.code for a in outer.sources}
            if dep == "xcomp" and same and not self._names_complement(outer, inner.verb):
                dropped.add(outer.verb.i)
            else:
                dropped.add(inner.verb.i)
        return [d for d in drafts if d.verb.i not in dropped]

    def _names_complement(self, outer: Draft, complement: Token) -> bool:
        pattern = outer.pattern
        if pattern is None:
            return False
        words = self.index.required[id(pattern)][0]
        return any(token_key(t.text) in words for t in complement.subtree)

    # -- transformations ------------------------------------------------------------------
    def _transform(self, drafts: list[Draft]) -> list[Draft]:
        rules = self.index.verbs.transformations
        if not rules or len(drafts) < 2:
            return drafts
        result = list(drafts)
        for outer in drafts:
            for inner in drafts:
                if inner is outer or outer not in result or inner not in result:
                    continue
                if not _governs(outer.verb, inner.verb):
                    continue
                for rule in rules:
                    merged = self._apply(rule, outer, inner)
                    if merged is not None:
                        result.remove(outer)
                        result.remove(inner)
                        result.append(merged)
                        break
        result.sort(key=lambda d: d.verb.i)
        return result

    def _named(self, name: str, draft: Draft) -> bool:
        if name == "Q":
            return True
        return draft.entry.block in self.index.blocks_named.get(name, frozenset())

    def _apply(self, rule: Transformation, outer: Draft, inner: Draft) -> Draft | None:
        if not (self._named(rule.outer_verb, outer) and self._named(rule.inner_verb, inner)):
            return None
        values: dict[str, list[Actor]] = {rule.outer_source: outer.sources}
        outer_codes = {a.code for a in outer.sources}
        if not outer.sources:
            return None

        def bind(var: str, actors: list[Actor], inherited: bool) -> bool:
            codes = {a.code for a in actors}
            if var == ".":
                return True
            if var == "_":
                return not actors or (inherited and codes == outer_codes)
            if var in values:
                return codes == {a.code for a in values[var]} and bool(actors)
            if not actors or codes == outer_codes:
                return False
            values[var] = actors
            return True

        if not bind(rule.inner_source, inner.sources, True):
            return None
        if not bind(rule.inner_target, inner.targets, False):
            return None
        sources = values.get(rule.source)
        targets = values.get(rule.target)
        if not sources or not targets:
            return None
        code = inner.code if rule.code == "Q" else rule.code
        return Draft(
            outer.verb,
            outer.tokens,
            outer.entry,
            code,
            None,
            sources,
            targets,
            f"transform:{rule.where}>{inner.rule}",
            rule.where,
            merged=(inner.verb,),
        )

    # -- realisation ----------------------------------------------------------------------
    def _realise_drafts(
        self, drafts: list[Draft], sent: Span, index: int, date: str | None
    ) -> list[Event]:
        events: list[Event] = []
        seen: set[EventKey] = set()
        dyad = self.options.require_dyad
        for draft in drafts:
            pairs: list[tuple[Actor | None, Actor | None, str]] = []
            if draft.reciprocal:
                members = draft.sources
                for a in members:
                    for b in members:
                        if a.code == b.code:
                            continue
                        if draft.code:
                            pairs.append((a, b, draft.code))
                        if draft.reverse:
                            pairs.append((b, a, draft.reverse))
            else:
                sources: list[Actor | None] = list(draft.sources) or [None]
                targets: list[Actor | None] = list(draft.targets) or [None]
                for s in sources:
                    for t in targets:
                        if s is not None and t is not None and s.code == t.code:
                            continue
                        if s is None and t is None:
                            continue
                        if dyad and (s is None or t is None):
                            continue
                        if draft.code:
                            pairs.append((s, t, draft.code))
                        if draft.reverse and s is not None and t is not None:
                            pairs.append((t, s, draft.reverse))
            if not pairs:
                continue
            factuality = factuality_of(draft.verb, self.book.negation, self.book.hypothetical)
            trigger = " ".join(t.text for t in draft.tokens)
            first, last = draft.tokens[0], draft.tokens[-1]
            for source, target, code in pairs:
                key = event_key(draft.verb, code, source, target)
                if key in seen:
                    continue
                seen.add(key)
                events.append(
                    new_event(
                        event_id="",
                        sent=sent,
                        index=index,
                        source=source,
                        target=target,
                        cameo=code,
                        info=self.ontology.resolve(code),
                        factuality=factuality,
                        date=date,
                        trigger=draft.verb,
                        trigger_text=trigger,
                        trigger_start=first.idx,
                        trigger_end=last.idx + len(last.text),
                        rule=draft.rule,
                        rule_line=draft.where,
                    )
                )
        return events


# -- grammar --------------------------------------------------------------------------------


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def _agent_heads(verb: Token) -> list[Token]:
    return [
        pobj
        for child in verb.children
        if child.dep_ == "agent"
        for pobj in child.children
        if pobj.dep_ == "pobj"
    ]


def _source_heads(verb: Token) -> tuple[list[Token], bool]:
    """Heads of the source phrase, and whether it is a passive's ``by`` agent."""
    if _is_passive(verb):
        agents = _agent_heads(verb)
        if agents:
            return agents, True
        return [], False  # "X was criticized": X is the target; the source is unknown
    subjects = [c for c in verb.children if c.dep_ in ACTIVE_SUBJECT_DEPS]
    if subjects:
        found: list[Token] = []
        for subject in subjects:
            if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                found.append(verb.head)
            else:
                found.append(subject)
        return found, False
    return _inherited_subjects(verb), False


def _inherited_subjects(verb: Token, depth: int = 0) -> list[Token]:
    """The subject a verb without one of its own takes from the clause above."""
    if depth > 4 or verb.head is verb:
        return []
    head = verb.head
    dep = verb.dep_
    if dep == "relcl":
        return [head]
    if dep in ("xcomp", "conj", "advcl", "acl", "ccomp") and head.pos_ in ("VERB", "AUX", "ADJ"):
        if dep == "ccomp" and any(c.dep_ in ACTIVE_SUBJECT_DEPS for c in verb.children):
            return []
        if dep == "advcl" and any(
            c.dep_ == "mark" and c.lower_ not in SUBORDINATORS_KEPT for c in verb.children
        ):
            return []
        if head.pos_ == "ADJ":
            if head.dep_ not in ("acomp", "amod", "oprd", "xcomp", "advmod", "ROOT"):
                return []
            if head.dep_ != "ROOT":
                head = head.head  # "Arnor is about to restore", "is willing to send"
        elif dep == "xcomp":
            controllers = [c for c in head.children if c.dep_ in ("dobj", "obj")]
            if controllers:
                return controllers  # "urged Bree to help": Bree is to help
        own = [c for c in head.children if c.dep_ in ACTIVE_SUBJECT_DEPS]
        if own:
            return own
        raised = [c for c in head.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        if raised and dep == "xcomp":
            return raised  # "Gollum was seen to break into ..."
        agents = _agent_heads(head) if _is_passive(head) else []
        if agents and dep == "conj":
            return agents
        return _inherited_subjects(head, depth + 1)
    if dep == "acl" and head.pos_ in ("NOUN", "PROPN"):
        owners = [c for c in head.children if c.dep_ == "poss"]
        if owners:
            return owners
        if head.dep_ in ("dobj", "obj", "pobj") and head.head.pos_ == "VERB":
            return _inherited_subjects(head.head, depth + 1) or [
                c for c in head.head.children if c.dep_ in ACTIVE_SUBJECT_DEPS
            ]
    return []


def _governor_subjects(verb: Token) -> list[Token]:
    """The subject of the clause above ("Gondor noted that Cirith Ungol regretted ...")."""
    current = verb
    for _ in range(4):
        if current.head is current:
            return []
        current = current.head
        subjects = [c for c in current.children if c.dep_ in ACTIVE_SUBJECT_DEPS]
        if subjects:
            return subjects
        agents = _agent_heads(current) if _is_passive(current) else []
        if agents:
            return agents
    return []


def _collect(actors: PetrarchActors, heads: list[Token]) -> list[Actor]:
    found: list[Actor] = []
    seen: set[str] = set()
    for head in heads:
        for actor in group_actors(actors, head):
            if actor.code and actor.code not in seen:
                seen.add(actor.code)
                found.append(actor)
    return found


def _after_tokens(verb: Token, last: Token) -> list[int]:
    """The verb's phrase after it: its subtree to the right, without coordinated verbs and
    adverbial clauses other than purpose infinitives ("..., scaling a pole and unfurling
    banners" belongs to other verbs)."""
    skip: set[int] = set()
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ in ("conj", "cc") or (child.dep_ == "advcl" and not _infinitive(child)):
            skip.update(t.i for t in child.subtree)
    return [i for i in range(last.i + 1, verb.right_edge.i + 1) if i not in skip]


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "mark") and c.lower_ == "to" for c in verb.children)


def _target_tokens(verb: Token, last: Token) -> list[int]:
    """Where a target is looked for: the verb's phrase after it, without adverbial clauses
    ("after crowds burned its embassy")."""
    tokens = _after_tokens(verb, last)
    doc = verb.doc
    skip: set[int] = set()
    for i in tokens:
        token = doc[i]
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ not in SUBORDINATORS_KEPT for c in token.children
        ):
            skip.update(t.i for t in token.subtree)
    return [i for i in tokens if i not in skip]


def _occurrences(sent: Span, actors: PetrarchActors) -> list[Occurrence]:
    found: list[Occurrence] = []
    for token in sent:
        head = token.i
        unit = actors.units.get(head)
        if unit is None or not unit.core:
            continue
        start = min(t for t in unit.tokens if t <= head)
        found.append(Occurrence(start, head, unit))
    return found


def _phrases(sent: Span, actors: PetrarchActors) -> list[tuple[int, int]]:
    """(first token, head) of the noun phrases whose own words name no actor (an actor in a
    complement does not count: "their populations about the Prince")."""
    found: list[tuple[int, int]] = []
    for token in sent:
        unit = actors.units.get(token.i)
        if (unit is not None and unit.core) or not is_head(token) or token.pos_ == "PRON":
            continue
        found.append((min(t for t in phrase_tokens(token) if t <= token.i), token.i))
    return found


def _is_compound(doc: Doc) -> Callable[[Unit], bool]:
    def check(unit: Unit) -> bool:
        token = doc[unit.head]
        return len(unit.actors) > 1 or bool(token.conjuncts)

    return check


def _governs(outer: Token, inner: Token) -> bool:
    return any(a.i == outer.i for a in inner.ancestors)
