"""Where each event happened.

In order:

1. a place governed by the event's trigger: the object of a locative preposition ("in", "at",
   "near", "through" ...) on the trigger, on its subject or object ("protesters in Niamey
   marched", "attacked a base near Gao"), on the verb a nominal trigger depends on ("staged a
   protest in Niamey", "clashes erupted in Gao"), or on the verb it is coordinated with or
   subordinated to; never across a reported-speech clause: in "Colonna said in Paris that
   soldiers demonstrated", Paris is where she spoke, not where they marched. "The town of X",
   "a camp near X" lead to X; a place name modifying a nominal trigger counts ("the Niamey
   protest", "Niamey's protests"); for material events (CAMEO quad classes 2 and 4) so does
   the patient when it is a place or a site of one ("captured Kunduz", "Jaffna was
   captured", "stormed the village of X", "patrolled the streets of Nairobi"). When one
   governor has several, the most specific wins (a city before a region, an admin1 region
   or a country: "in Dagestan ... in the town of Buinaksk"). Directional prepositions
   ("to", "from", "toward") count only when no locative one does;
2. else a place in a locative phrase elsewhere in the trigger's own clause (the closest; not
   inside a reported-speech clause, and never a subject: "Paris said ..." is an actor);
3. else the dateline's place;
4. else the article's focus country, as a country-level place (its span: the first mention of
   that country in the text);
5. else none.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token

from eventcoder.places.toponyms import Toponym
from eventcoder.records import Event, Place

LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "across",
        "throughout",
        "around",
        "within",
        "on",  # "on the outskirts of", "on the border"
        "along",
        "off",
        "through",
        "over",
        "into",
        "onto",
        "beyond",
        "past",
    }
)
DIRECTIONAL_PREPS = frozenset({"to", "toward", "towards", "from"})
# Inside a locative phrase: "in the town of X", "in a camp near X", "on the outskirts of X".
NESTED_PREPS = LOCATIVE_PREPS | {"of"}
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "agent"})
CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "pcomp", "dobj", "nsubj", "nsubjpass"})
MODIFIER_DEPS = frozenset({"compound", "poss", "nmod"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass"})
# Most specific first: the event happened in the town, not in the province around it.
FEATURE_RANK = {"city": 0, "region": 1, "admin1": 2, "country": 3}
MATERIAL_QUADS = frozenset({2, 4})
REPORTED = frozenset({"ccomp", "parataxis"})
MAX_CLIMB = 3


class Locator:
    """Chooses event locations in one parsed document."""

    def __init__(self, doc: Doc, toponyms: list[Toponym], site_words: frozenset[str]) -> None:
        self.doc = doc
        self.site_words = site_words
        self.by_token: dict[int, int] = {}
        self.rank: list[int] = []
        for i, toponym in enumerate(toponyms):
            for token in range(toponym.start, toponym.end):
                self.by_token[token] = i
            feature = toponym.resolved.feature if toponym.resolved is not None else "city"
            self.rank.append(FEATURE_RANK.get(feature, 0))

    def place_of(self, trigger: Token, material: bool) -> int | None:
        """Index of the toponym where the trigger's event happened (rules 1 and 2)."""
        governors = list(_governors(trigger))
        for preps in (LOCATIVE_PREPS, DIRECTIONAL_PREPS):
            for token in governors:
                found = self._governed(token, preps)
                if material and preps is LOCATIVE_PREPS:
                    found += self._object_place(token)
                if found:
                    return min(found, key=lambda i: (self.rank[i], found.index(i)))
        return self._in_clause(trigger, governors[-1])

    # -- rule 1 ---------------------------------------------------------------------------
    def _governed(self, token: Token, preps: frozenset[str]) -> list[int]:
        """Toponyms in the locative phrases of a governor (all of them: the most specific
        wins, "in Dagestan ... in the town of Buinaksk")."""
        found: list[int] = []
        if token.pos_ in ("NOUN", "PROPN") and preps is LOCATIVE_PREPS:
            for modifier in token.children:
                if modifier.dep_ in MODIFIER_DEPS and modifier.i in self.by_token:
                    found.append(self.by_token[modifier.i])  # "the Niamey protest"
        found += self._locative_children(token, preps)
        if found:
            return found
        for argument in token.children:
            if argument.dep_ in ARGUMENT_DEPS:
                found += self._locative_children(argument, preps)
        return found

    def _object_place(self, token: Token) -> list[int]:
        """A patient that is a place ("captured Kunduz", "Jaffna was captured") or a site of
        one ("stormed the village of X", "patrolled Hyderabad's streets")."""
        found: list[int] = []
        for obj in token.children:
            if obj.dep_ not in OBJECT_DEPS:
                continue
            if obj.i in self.by_token:
                found.append(self.by_token[obj.i])
            elif obj.lemma_.lower() in self.site_words or obj.lower_ in self.site_words:
                inner = self._place_in(obj, depth=0)
                if inner is not None:
                    found.append(inner)
        return found

    def _locative_children(self, token: Token, preps: frozenset[str]) -> list[int]:
        found: list[int] = []
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    inner = self._place_in(obj, depth=0)
                    if inner is not None:
                        found.append(inner)
        return found

    def _place_in(self, obj: Token, depth: int) -> int | None:
        """The toponym a phrase names: its head, a modifier or apposition, a nested locative
        ("the town of X", "a camp near X") or a conjunct."""
        by_token = self.by_token
        if obj.i in by_token:
            return by_token[obj.i]
        if obj.lemma_.lower() in self.site_words:
            # "the West Bank city of Nablus": the site's own name before its surroundings.
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for inner in prep.children:
                        if inner.dep_ == "pobj" and inner.i in by_token:
                            return by_token[inner.i]
        for child in obj.children:
            if child.dep_ in ("compound", "appos", "nmod", "poss") and child.i in by_token:
                return by_token[child.i]
        if depth < 2:
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ in NESTED_PREPS:
                    for inner in prep.children:
                        if inner.dep_ == "pobj":
                            found = self._place_in(inner, depth + 1)
                            if found is not None:
                                return found
        for conj in obj.conjuncts:
            if conj.i in by_token:
                return by_token[conj.i]
        return None

    # -- rule 2 ---------------------------------------------------------------------------
    def _in_clause(self, trigger: Token, top: Token) -> int | None:
        """The closest toponym of the clause that sits in a locative phrase."""
        best: tuple[int, int] | None = None
        for token in top.subtree:
            index = self.by_token.get(token.i)
            if index is None or not self._locative_phrase(token) or not _within(token, top):
                continue
            distance = abs(token.i - trigger.i)
            if best is None or distance < best[0]:
                best = (distance, index)
        return best[1] if best is not None else None

    def _locative_phrase(self, token: Token) -> bool:
        """A place that is the object of a locative preposition, or of "of" after a site
        word ("the village of X"), possibly through compounds and appositions."""
        while token.dep_ in ("compound", "appos", "conj", "flat") and token.head.i != token.i:
            token = token.head
        if token.dep_ != "pobj":
            return False
        prep = token.head
        if prep.lower_ in LOCATIVE_PREPS or prep.lower_ in DIRECTIONAL_PREPS:
            return True
        return prep.lower_ == "of" and prep.head.lemma_.lower() in self.site_words


def _within(token: Token, top: Token) -> bool:
    """Whether the path from ``token`` up to ``top`` stays in the clause (no reported speech)."""
    while token.i != top.i:
        if token.dep_ in REPORTED:
            return False
        if token.head.i == token.i:
            return False
        token = token.head
    return True


def _governors(trigger: Token) -> Iterator[Token]:
    """The trigger, then the words it depends on, up to a reported-speech boundary."""
    yield trigger
    token = trigger
    for _ in range(MAX_CLIMB):
        if token.dep_ not in CLIMB_DEPS or token.head.i == token.i:
            return
        if token.dep_ in ("dobj", "nsubj", "nsubjpass") and token.pos_ not in ("NOUN", "PROPN"):
            return
        token = token.head
        if token.pos_ not in ("VERB", "AUX", "NOUN"):
            return
        yield token


def locate(
    doc: Doc,
    events: tuple[Event, ...],
    toponyms: list[Toponym],
    places: list[Place],
    focus_place: Place | None,
    site_words: frozenset[str] = frozenset(),
) -> tuple[Event, ...]:
    """The events with ``location`` set (records are frozen: new records)."""
    if not events:
        return events
    locator = Locator(doc, toponyms, site_words)
    dateline = next((i for i, t in enumerate(toponyms) if t.source == "dateline"), None)
    fallback = places[dateline] if dateline is not None else focus_place
    starts = {token.idx: token.i for token in doc}
    located: list[Event] = []
    for event in events:
        place: Place | None = None
        index = starts.get(event.trigger_start) if event.trigger_start is not None else None
        if index is not None:
            found = locator.place_of(doc[index], event.quad_class in MATERIAL_QUADS)
            if found is not None:
                place = places[found]
        located.append(replace(event, location=place or fallback))
    return tuple(located)
