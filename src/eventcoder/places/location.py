"""Where each event happened.

In order:

1. a place governed by the event's trigger: the object of a locative preposition ("in", "at",
   "near", "through", "inside of" ...) on the trigger, on a verb coordinated with it that has
   no subject of its own ("shot and killed ... in X"), else on its subject, object or agent
   ("gunmen in Quetta shot", "captured by agents in Moldova"), on the verb a nominal trigger
   depends on ("staged a protest in Niamey"), or on the verb it is subordinated to; never
   across a reported-speech clause: in "Colonna said in Paris that soldiers demonstrated",
   Paris is where she spoke, not where they marched. "The town of X", "the capital X", "a
   camp near X", "the US embassy in London", "Sudan's capital, Khartoum" lead to the place of
   the phrase; a place name modifying a nominal trigger counts ("the Niamey protest"); for
   material events (CAMEO quad classes 2 and 4) so does the patient when it is a site of a
   place ("stormed the village of X", "shelled the Aziziyah district") or, without a locative
   phrase, a place itself ("captured Kunduz"). When one governor has several, the most
   specific wins (a city, or a name the gazetteer does not know, before a region, an admin1
   region or a country; the smaller of two cities: "the Kafr Souseh area of Damascus"; a
   named city before a building placed in it). A region, province or country found this way
   gives way to a town inside it that a subordinate clause of the same event names ("In
   Diyala province, five were killed when a bomb struck their van near Mandali"); a captured
   town beats the larger region named with it ("captured Irbil in northern
   Iraq"); a country naming the kind of a patient is not its place ("US soldiers"). A
   place given as a reference point ("20 miles southwest of Belfast", "north of Baghdad")
   counts only when nothing else is named. Directional prepositions ("to", "from", "toward")
   count only when no locative one does;
2. else a place below country level that modifies the trigger's subject ("the Basra
   protesters marched", "Dallas police shot"; never a country: "U.S. troops captured ...");
3. else the most specific place in a locative phrase elsewhere in the trigger's own clause
   (the closest among equals), then elsewhere in its sentence when the parse cut the trigger
   off from the rest; never one of a clause that reports the trigger's or that the trigger's
   reports, unless it opens the sentence ("In the town of Jericho, officials said soldiers
   shot dead a man");
4. for material events (quad classes 2 and 4), else the place the next sentence gives with an
   occurrence verb ("It happened in the Crown Heights neighborhood"), else that of another
   material event of the same sentence, else the place of the last material event placed in
   the two sentences before, in the same paragraph, unless the event's actors all belong to
   another country ("In Vadodara, one person was killed. Police fired 14 rounds ...");
5. else the dateline's place (one the gazetteer lacks counts, in the country the text names
   most), unless the event's actors all have another country (a BEIRUT story about the
   Syrian army);
6. else none: the country an article is about is not where each of its events happened (issue
   14: "the article's focus country is never an event location by default").

The words come from ``place_words.tsv`` (``site_word``, ``relative_word``,
``not_locative_of``), the prepositions and dependency labels from ``lang/en.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token

from eventcoder.lang.en import (
    DIRECTIONAL_PREPOSITIONS,
    LOCATIVE_PREPOSITIONS,
    NESTED_LOCATIVE_PREPOSITIONS,
    OWN_SUBJECT_DEPS,
    PATIENT_DEPS,
    PLACE_CLIMB_DEPS,
    PLACE_MODIFIER_DEPS,
    PLACED_ARGUMENT_DEPS,
    REPORTED_CLAUSE_DEPS,
)
from eventcoder.places.toponyms import PlaceWords, Toponym
from eventcoder.records import Event, Place

# Most specific first: the event happened in the town, not in the province around it. A name
# the gazetteer does not know is nearly always a small place (a village, a district, a camp:
# "the area of Birdik ... in North Darfur") and ranks with cities.
FEATURE_RANK = {"city": 0, "region": 1, "admin1": 2, "country": 3}
UNRESOLVED_RANK = 0
# Tiers of a place found in a phrase: named as where something is, or as a reference point
# ("20 miles southwest of Belfast"), used only when nothing is named directly.
DIRECT, REFERENCE = 0, 1
MAX_NESTING = 3  # "at his desk in the presidential palace in Congo's capital, Kinshasa"
MATERIAL_QUADS = frozenset({2, 4})
MAX_CLIMB = 3
SCENE_SENTENCES = 2  # how far a place the text has just given carries (see ``_in_scene``)


class Locator:
    """Chooses event locations in one parsed document."""

    def __init__(self, doc: Doc, toponyms: list[Toponym], words: PlaceWords) -> None:
        self.doc = doc
        self.site_words = words.of("site_word")  # "the village of X", "the streets of X"
        self.relative_words = words.of("relative_word")  # "north of X", "inside of X"
        self.not_locative_of = words.of("not_locative_of")  # "in support of X"
        self.by_token: dict[int, int] = {}
        self.rank: list[int] = []
        self.population: list[int] = []
        self.known = [toponym.resolved is not None for toponym in toponyms]
        self.country = [t.resolved.iso3 if t.resolved is not None else None for t in toponyms]
        self.starts = [toponym.start for toponym in toponyms]
        for i, toponym in enumerate(toponyms):
            for token in range(toponym.start, toponym.end):
                self.by_token[token] = i
            if toponym.resolved is None:
                self.rank.append(UNRESOLVED_RANK)
                self.population.append(0)
            elif toponym.contained:
                # a building placed in the city around it: the city's own mention is the
                # place named ("Vanderbilt University Medical Center in Nashville")
                self.rank.append(FEATURE_RANK["region"])
                self.population.append(toponym.resolved.population)
            else:
                self.rank.append(FEATURE_RANK.get(toponym.resolved.feature, 0))
                self.population.append(toponym.resolved.population)

    def place_of(self, trigger: Token, material: bool) -> int | None:
        """Index of the toponym where the trigger's event happened (rules 1 and 2)."""
        climbed = list(_governors(trigger))
        # Verbs coordinated with the trigger share its place ("shot and killed ... in X"),
        # unless they have a subject of their own ("X was shot ... and Y was burned in Z").
        shared = [
            c
            for c in trigger.children
            if c.dep_ == "conj"
            and c.pos_ == "VERB"
            and not any(d.dep_ in OWN_SUBJECT_DEPS for d in c.children)
        ]
        governors = [trigger, *shared, *climbed[1:]]
        # A reference point alone ("wounded two people in Balad, 70 km north of Baghdad",
        # with "north of Baghdad" hung on the verb) waits for a place named directly.
        reference: int | None = None
        for preps in (LOCATIVE_PREPOSITIONS, DIRECTIONAL_PREPOSITIONS):
            for token in governors:
                found = self._governed(token, preps)
                if material and preps is LOCATIVE_PREPOSITIONS:
                    found = self._with_patients(token, found)
                if not found:
                    continue
                best = self._most_specific(found)
                if min(tier for tier, index in found if index == best) == REFERENCE:
                    if reference is None:
                        reference = best
                    continue
                if preps is LOCATIVE_PREPOSITIONS and (token is trigger or token in shared):
                    return self._finer_within(best, [trigger, *shared])
                return best
        antecedent = self._where_antecedent(climbed)
        if antecedent is not None:
            return antecedent
        local = self._subject_modifier(trigger)
        if local is not None:
            return local
        found_in_clause = self._in_clause(trigger, climbed[-1])
        if found_in_clause is not None:
            return found_in_clause
        found_in_sentence = self._in_sentence(trigger)
        return found_in_sentence if found_in_sentence is not None else reference

    def _finer_within(self, best: int, verbs: list[Token]) -> int:
        """A region, province or country found for the trigger gives way to a town inside it
        that a subordinate clause of the same event names ("In Diyala province, five were
        killed when a bomb struck their van near Mandali") or a clause on its patient names
        ("across Iraq, gunmen shot dead an officer walking near his home in the city of
        Mosul"); not one a coordinated verb names ("captured in Florida and is being held at
        the Broward County Jail")."""
        if self.rank[best] == 0:
            return best
        finer: list[tuple[int, int]] = []
        for verb in verbs:
            clauses = [verb] + [c for c in verb.children if c.dep_ == "advcl" and c.pos_ == "VERB"]
            clauses += [
                clause
                for patient in verb.children
                if patient.dep_ in PATIENT_DEPS
                for clause in patient.children
                if clause.dep_ in ("acl", "relcl") and clause.pos_ == "VERB"
            ]
            for clause in clauses:
                for tier, index in self._governed(clause, LOCATIVE_PREPOSITIONS):
                    if (
                        tier == DIRECT
                        and self.rank[index] < self.rank[best]
                        and self._inside(index, best)
                    ):
                        finer.append((tier, index))
        return self._most_specific(finer) if finer else best

    def _inside(self, index: int, region: int) -> bool:
        """May the place lie in the region? Unknown where either is unknown."""
        inner, outer = self.country[index], self.country[region]
        return inner is None or outer is None or inner == outer

    def _with_patients(self, token: Token, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Material events: sites of places among the patients ("shelled the Aziziyah
        district"); places that are patients ("captured Kunduz") when no locative phrase
        names a place, or only a larger one ("Iraq captures Irbil in northern Iraq"), never
        beside a town ("captured Abu Zubaydah ... in Faisalabad")."""
        named, sites = self._object_place(token)
        found = found + [(DIRECT, i) for i in sites]
        if not named:
            return found
        finest = min((self.rank[i] for _, i in found), default=None)
        if finest is None:
            return [(DIRECT, i) for i in named]
        # beside a locative phrase only a known place ("Ocalan" in "captured Ocalan in
        # Kenya" is a man the gazetteer does not know)
        known = [i for i in named if self.known[i] and self.rank[i] < finest]
        return found + [(DIRECT, i) for i in known]

    def _where_antecedent(self, governors: list[Token]) -> int | None:
        """A relative clause opened by "where" happened at the place it modifies; the parser
        hangs it on the last name of a chain ("in Chhota Udaipur town in Baroda district of
        Gujarat, where police opened fire"), so the chain's most specific place."""
        for token in governors:
            if token.dep_ != "relcl" or not any(
                c.dep_ == "advmod" and c.lower_ == "where" for c in token.children
            ):
                continue
            found: list[tuple[int, int]] = []
            noun = token.head
            for _ in range(MAX_NESTING + 1):
                found += [
                    (DIRECT, self.by_token[t.i])
                    for t in (noun, *noun.children)
                    if t.i in self.by_token and (t is noun or t.dep_ in PLACE_MODIFIER_DEPS)
                ]
                # up through "X in Y", "Y of Z" to the noun the chain hangs on
                if noun.dep_ != "pobj" or noun.head.head.pos_ not in ("NOUN", "PROPN"):
                    break
                noun = noun.head.head
            return self._most_specific(found) if found else None
        return None

    def _most_specific(self, found: list[tuple[int, int]]) -> int:
        """A place named directly before a reference point ("in Lurgan, 20 miles southwest
        of Belfast"), then the most specific, the smaller of two of the same rank ("the Kafr
        Souseh area of Damascus", "the Algiers suburb of Oued Kniss", "in Kandahar ... in
        Maiwand district"), then the first."""
        order = {index: n for n, (_, index) in reversed(list(enumerate(found)))}
        _, index = min(
            found, key=lambda f: (f[0], self.rank[f[1]], self.population[f[1]], order[f[1]])
        )
        return index

    # -- rule 1 ---------------------------------------------------------------------------
    def _governed(self, token: Token, preps: frozenset[str]) -> list[tuple[int, int]]:
        """(tier, toponym) in the locative phrases of a governor, else in those of its subject,
        object or agent ("gunmen in Quetta shot ..."); all of them: the most specific wins,
        "in Dagestan ... in the town of Buinaksk"."""
        found: list[tuple[int, int]] = []
        if token.pos_ in ("NOUN", "PROPN") and preps is LOCATIVE_PREPOSITIONS:
            for modifier in token.children:
                if modifier.dep_ in PLACE_MODIFIER_DEPS and modifier.i in self.by_token:
                    found.append((DIRECT, self.by_token[modifier.i]))  # "the Niamey protest"
        found += self._locative_children(token, preps)
        if found:
            return found
        for argument in token.children:
            if argument.dep_ == "agent":  # "captured by Turkish agents in Moldova"
                for agent in _objects(argument):
                    found += self._locative_children(agent, preps)
            elif argument.dep_ in PLACED_ARGUMENT_DEPS:
                found += self._locative_children(argument, preps)
        return found

    def _subject_modifier(self, trigger: Token) -> int | None:
        """A place below country level that names the subject's home: "the Basra protesters
        marched", "Nangarhar residents protested", "Dallas police shot". Countries are not
        ("U.S. troops captured ..." happened wherever the troops were); also the doer of a
        passive ("was shot by London police")."""
        subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
        subjects += [
            doer for agent in trigger.children if agent.dep_ == "agent" for doer in _objects(agent)
        ]
        for subject in subjects:
            for modifier in subject.children:
                index = self.by_token.get(modifier.i)
                if (
                    index is not None
                    and modifier.dep_ in ("compound", "poss")
                    and self.rank[index] < FEATURE_RANK["country"]
                ):
                    return index
        return None

    def _object_place(self, token: Token) -> tuple[list[int], list[int]]:
        """Patients that are places ("captured Kunduz", "Jaffna was captured") or hold one
        ("captured much of Liberia"), and sites of places ("stormed the village of X",
        "patrolled Hyderabad's streets")."""
        named: list[int] = []
        sites: list[int] = []
        for obj in token.children:
            if obj.dep_ not in PATIENT_DEPS:
                continue
            if obj.i in self.by_token:
                named.append(self.by_token[obj.i])
            elif obj.lemma_.lower() in self.site_words or obj.lower_ in self.site_words:
                sites += [i for tier, i in self._places_in(obj, 0, DIRECT) if tier == DIRECT]
            else:
                # "captured much of Liberia", "a third of Croatia", "six West Bank towns":
                # the place inside the patient's phrase, when nothing else is named; not a
                # country naming whose the patients are ("two US soldiers were killed")
                named += [
                    i
                    for tier, i in self._places_in(obj, 0, DIRECT)
                    if tier == DIRECT and not self._nationality(obj, i)
                ]
        return named, sites

    def _nationality(self, head: Token, index: int) -> bool:
        """A country that names the kind of a noun ("US soldiers"); a possessor places it
        ("Mexico's police chief was shot", "Somalia's seawaters are patrolled")."""
        return self.rank[index] == FEATURE_RANK["country"] and any(
            child.dep_ in ("compound", "amod") and self.by_token.get(child.i) == index
            for child in head.children
        )

    def _locative_children(self, token: Token, preps: frozenset[str]) -> list[tuple[int, int]]:
        """Places in the locative phrases of a word: "in X", "inside of X" and, as reference
        points, "north of X"."""
        found: list[tuple[int, int]] = []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                found += self._objects_of(child, DIRECT)
            elif preps is LOCATIVE_PREPOSITIONS and child.lower_ in self.relative_words:
                found += self._objects_of(child, REFERENCE, only_of=True)
        return found

    def _objects_of(self, word: Token, tier: int, only_of: bool = False) -> list[tuple[int, int]]:
        """Places named by the objects of a preposition (or of "of" after it: "inside of X",
        "north of X")."""
        found: list[tuple[int, int]] = []
        for obj in word.children:
            if obj.dep_ == "pobj" and not only_of:
                found += self._places_in(obj, 0, tier)
            elif obj.dep_ == "prep" and obj.lower_ == "of":
                for inner in obj.children:
                    if inner.dep_ == "pobj":
                        found += self._places_in(inner, 0, tier)
        return found

    def _places_in(self, obj: Token, depth: int, tier: int) -> list[tuple[int, int]]:
        """(tier, toponym) for the places a phrase names, in order: its head, "the town of
        X", a modifier or apposition ("Sudan's capital, Khartoum"), a nested locative ("the
        US embassy in London", "a camp near X"), a reference point ("20 miles south of X",
        tier REFERENCE) and conjuncts. The caller keeps the most specific."""
        by_token = self.by_token
        found: list[tuple[int, int]] = []
        if obj.i in by_token:
            found.append((tier, by_token[obj.i]))
        if obj.lemma_.lower() in self.site_words:
            # "the West Bank city of Nablus": the site's own name before its surroundings.
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for inner in prep.children:
                        if inner.dep_ == "pobj" and inner.i in by_token:
                            found.append((tier, by_token[inner.i]))
            following = by_token.get(obj.i + 1)
            if following is not None and self.starts[following] == obj.i + 1:
                # "in the capital Warsaw", whatever the parse made of the name
                found.append((tier, following))
        for child in obj.children:
            if child.dep_ in ("compound", "appos", "nmod", "poss") and child.i in by_token:
                found.append((tier, by_token[child.i]))
        if depth < MAX_NESTING:
            for prep in obj.children:
                if (
                    prep.dep_ == "prep"
                    and prep.lower_ in NESTED_LOCATIVE_PREPOSITIONS
                    and not (prep.lower_ == "of" and obj.lemma_.lower() in self.not_locative_of)
                ):
                    for inner in prep.children:
                        if inner.dep_ == "pobj":
                            found += self._places_in(inner, depth + 1, tier)
                elif prep.lower_ in self.relative_words:
                    for inner_prep in prep.children:
                        if inner_prep.dep_ == "prep" and inner_prep.lower_ == "of":
                            for inner in inner_prep.children:
                                if inner.dep_ == "pobj":
                                    found += self._places_in(inner, depth + 1, REFERENCE)
        for conj in obj.conjuncts:
            if conj.i in by_token:
                found.append((tier, by_token[conj.i]))
        return list(dict.fromkeys(found))

    # -- rule 2 ---------------------------------------------------------------------------
    def _in_clause(self, trigger: Token, top: Token) -> int | None:
        """The most specific toponym of the clause that sits in a locative phrase (the
        closest among equals; a directional phrase only when there is no locative one)."""
        best: tuple[int, int, int, int] | None = None
        for token in top.subtree:
            index = self.by_token.get(token.i)
            if index is None or not (_within(token, top) or _fronted(token)):
                continue
            kind = self._locative_phrase(token)
            if kind is None:
                continue
            key = (kind, self.rank[index], abs(token.i - trigger.i), index)
            if best is None or key < best:
                best = key
        return best[3] if best is not None else None

    def _in_sentence(self, trigger: Token) -> int | None:
        """A toponym in a locative phrase elsewhere in the sentence, when the parse put the
        trigger in a clause of its own ("a bomber driving a minibus packed with explosives
        killed 50 and wounded 152 in the city of Hilla", with "killed" read as a modifier
        of "explosives"). Never one of a clause that reports the trigger's ("Colonna said in
        Paris that soldiers detained the president": Paris is where she spoke)."""
        root = trigger.sent.root
        if root.i == trigger.i:
            return None  # the trigger's clause is the whole sentence: rule 2 has looked
        best: tuple[int, int, int, int] | None = None
        for token in root.subtree:
            index = self.by_token.get(token.i)
            if index is None:
                continue
            kind = self._locative_phrase(token)
            if kind is None or (_reporting(token, trigger) and not _fronted(token)):
                continue
            key = (kind, self.rank[index], abs(token.i - trigger.i), index)
            if best is None or key < best:
                best = key
        return best[3] if best is not None else None

    def _locative_phrase(self, token: Token) -> int | None:
        """0 for a place that is the object of a locative preposition (or of "of" after a
        site word, "the village of X"), 1 for the object of a directional one, 2 for a
        reference point ("north of X"), None otherwise; through compounds and
        appositions."""
        while token.dep_ in ("compound", "appos", "conj", "flat") and token.head.i != token.i:
            token = token.head
        if token.dep_ != "pobj":
            return None
        prep = token.head
        if prep.lower_ in LOCATIVE_PREPOSITIONS:
            return 0
        if prep.lower_ in DIRECTIONAL_PREPOSITIONS:
            return 1
        if prep.lower_ == "of" and prep.head.lemma_.lower() in self.site_words:
            return 0
        if prep.lower_ == "of" and prep.head.lower_ in self.relative_words:
            return 2  # a reference point: "20 miles south of X"
        return None


def _objects(preposition: Token) -> list[Token]:
    """The objects of a preposition (or of a passive's "by")."""
    return [child for child in preposition.children if child.dep_ == "pobj"]


def _fronted(place: Token) -> bool:
    """A locative phrase that opens the sentence sets the scene for all it reports ("In the
    West Bank town of Jericho, hospital officials said soldiers shot dead a man"); one after
    the speaker is where the speaker spoke ("Colonna said in Paris that ...")."""
    token = place
    while token.head.i != token.i and token.head.pos_ not in ("VERB", "AUX"):
        token = token.head
    if token.dep_ != "prep" or token.lower_ not in LOCATIVE_PREPOSITIONS:
        return False
    return all(t.is_punct or t.is_space for t in token.doc[token.sent.start : token.i])


def _within(token: Token, top: Token) -> bool:
    """Whether the path from ``token`` up to ``top`` stays in the clause (no reported speech)."""
    while token.i != top.i:
        if token.dep_ in REPORTED_CLAUSE_DEPS:
            return False
        if token.head.i == token.i:
            return False
        token = token.head
    return True


def _reporting(place: Token, trigger: Token) -> bool:
    """Whether the place belongs to a clause that reports the trigger's, or to one the
    trigger's clause reports: the paths from either up to their common ancestor cross a
    reported-speech dependency."""
    above = {t.i for t in trigger.ancestors}
    above.add(trigger.i)
    token = place
    while token.i not in above:
        if token.dep_ in REPORTED_CLAUSE_DEPS or token.head.i == token.i:
            return True
        token = token.head
    common = token.i
    token = trigger
    while token.i != common:
        if token.dep_ in REPORTED_CLAUSE_DEPS:
            return True
        token = token.head
    return False


def _governors(trigger: Token) -> Iterator[Token]:
    """The trigger, then the words it depends on, up to a reported-speech boundary."""
    yield trigger
    token = trigger
    for _ in range(MAX_CLIMB):
        if token.dep_ not in PLACE_CLIMB_DEPS or token.head.i == token.i:
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
    words: PlaceWords | None = None,
) -> tuple[Event, ...]:
    """The events with ``location`` set (records are frozen: new records)."""
    if not events:
        return events
    words = words if words is not None else PlaceWords()
    locator = Locator(doc, toponyms, words)
    dateline = next((i for i, t in enumerate(toponyms) if t.source == "dateline"), None)
    fallback = places[dateline] if dateline is not None else None
    starts = {token.idx: token.i for token in doc}
    own: list[Place | None] = []
    for event in events:
        index = starts.get(event.trigger_start) if event.trigger_start is not None else None
        found = (
            locator.place_of(doc[index], event.quad_class in MATERIAL_QUADS)
            if index is not None
            else None
        )
        own.append(places[found] if found is not None else None)
    # The discourse rules below serve only material events the grammar left unplaced.
    unplaced = any(
        place is None and event.quad_class in MATERIAL_QUADS
        for event, place in zip(events, own, strict=True)
    )
    breaks = _paragraph_breaks(doc) if unplaced else []
    told_after = (
        _placed_by_next_sentence(doc, locator, words.of("occurrence_verb"), breaks)
        if unplaced
        else {}
    )
    # A material event of the same sentence that the text places ("were killed as a result of
    # an offensive on forces in the city of Daraa": the parse hangs the place on the noun)
    in_sentence: dict[int, Place] = {}
    for event, place in zip(events, own, strict=True):
        if place is not None and event.quad_class in MATERIAL_QUADS:
            in_sentence.setdefault(event.sentence, place)
    scene: tuple[int, Place] | None = None  # (sentence, place) of the last event placed
    located: list[Event] = []
    for event, place in zip(events, own, strict=True):
        material = event.quad_class in MATERIAL_QUADS
        if place is None and material and event.sentence in told_after:
            place = places[told_after[event.sentence]]
        if place is None and material and event.sentence in in_sentence:
            place = in_sentence[event.sentence]
        if place is not None and material:
            scene = (event.sentence, place)
        elif place is None and material and scene is not None and _in_scene(event, scene, breaks):
            place = scene[1]
        if place is None and fallback is not None and _reported_from(event, fallback):
            place = fallback
        located.append(replace(event, location=place))
    return tuple(located)


def _placed_by_next_sentence(
    doc: Doc, locator: Locator, verbs: frozenset[str], breaks: list[int]
) -> dict[int, int]:
    """Sentences whose events the next sentence of their paragraph places: "Police fatally
    shot a man on Wednesday. It happened just before 5 p.m. in the Crown Heights neighborhood
    of Brooklyn." - an occurrence verb ("happen", "take place") whose subject points back (a
    pronoun, or a definite noun: "the attack", "the incident") with a place of its own."""
    sentences = list(doc.sents)
    found: dict[int, int] = {}
    for n, sentence in enumerate(sentences[1:], start=1):
        if breaks[n] != breaks[n - 1]:
            continue
        for token in sentence:
            if not _occurrence(token, verbs) or not any(
                _points_back(c) for c in token.children if c.dep_ == "nsubj"
            ):
                continue
            index = locator.place_of(token, material=True)
            if index is not None:
                found[n - 1] = index
                break
    return found


def _occurrence(token: Token, verbs: frozenset[str]) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB":
        return False
    if lemma in verbs:
        return True
    return any(f"{lemma} {c.lower_}" in verbs for c in token.children if c.dep_ == "dobj")


def _points_back(subject: Token) -> bool:
    """ "It", "this", or a noun with a definite or demonstrative determiner ("the shooting")."""
    if subject.pos_ == "PRON":
        return subject.lower_ in ("it", "this", "that")
    return subject.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subject.children
    )


def _paragraph_breaks(doc: Doc) -> list[int]:
    """For each sentence, how many paragraph breaks (line breaks between sentences; a break
    inside a sentence only wraps it) come before it."""
    counts: list[int] = []
    seen = 0
    previous_end: int | None = None
    for sentence in doc.sents:
        if previous_end is not None and "\n" in doc.text[previous_end : sentence.start_char]:
            seen += 1
        counts.append(seen)
        previous_end = sentence.end_char
    return counts


def _in_scene(event: Event, scene: tuple[int, Place], breaks: list[int]) -> bool:
    """Does the place of a recent event carry to one the text does not place? A report goes
    on about what happened where it has just said ("In Vadodara, one person was killed in
    police firing. Police said the mob was shooting at them"): a place set in one sentence
    holds for the next ``SCENE_SENTENCES`` of its paragraph, for events whose actors do not
    belong to another country."""
    sentence, place = scene
    if not 0 <= event.sentence - sentence <= SCENE_SENTENCES:
        return False
    if not (0 <= sentence < len(breaks) and 0 <= event.sentence < len(breaks)):
        return False
    if breaks[sentence] != breaks[event.sentence]:
        return False
    countries = {a.country for a in (event.source, event.target) if a is not None and a.country}
    return not countries or place.country in countries


def _reported_from(event: Event, dateline: Place) -> bool:
    """May an event with no place of its own take the dateline's? Only when nothing
    contradicts it: none of its actors has a country, or one of them is of the dateline's
    country. A story datelined BEIRUT about Syria's army happened in Syria, not in Beirut; a
    statement by a Turkish official in a WASHINGTON story was not made there."""
    countries = {a.country for a in (event.source, event.target) if a is not None and a.country}
    return dateline.country is not None and (not countries or dateline.country in countries)
