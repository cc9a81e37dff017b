"""Resolve mentions across the whole article: one entity per real actor.

A later "Bazoum said", "she said", "the president" or "the coup leaders" is linked to the actor
introduced earlier, and a role word with no country ("the presidential guard", "police") takes
the article's focus country: the country the story is about, from the dateline and the
countries it names most.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from eventcoder.actors.mentions import Mention
from eventcoder.lang import grammar_of
from eventcoder.lexicon import Lexicon
from eventcoder.nlp import COUNTRY, DEMONYM, SEAT, Dateline
from eventcoder.records import Actor

DATELINE_WEIGHT = 3  # the dateline says where the story is; a passing mention does not


@dataclass(slots=True)
class Entity:
    """One actor of the article; grows as later mentions add what earlier ones lacked."""

    id: int
    kind: str
    name: str | None = None
    country: str | None = None
    org_code: str | None = None
    role: str | None = None
    known_code: str | None = None
    role_words: set[str] = field(default_factory=set)
    plural: bool = False
    last_token: int = -1
    default_role: str | None = None  # PRIVATE_PERSON_ROLE for a named stranger with no title
    # Lower-case words of its mentions: "the mission" is the organisation whose name says
    # "mission" (the UN peacekeeping mission), before the one named last.
    words: set[str] = field(default_factory=set)

    @property
    def code(self) -> str | None:
        if self.org_code:
            return self.org_code
        known = self.known_code
        country = self.country or (known[:3] if known and _is_country(known[:3]) else None)
        role = self.actor_role
        if country:
            return country + (role or "")
        return known or role

    @property
    def actor_role(self) -> str | None:
        """The role the code carries: the mention's, else the known person's ("Hillary
        Clinton" in 2002 -> LEG), else the default of a private person."""
        known = self.known_code
        return (
            self.role
            or (known[3:6] if known and len(known) >= 6 else None)
            or (None if self.org_code else self.default_role)
        )

    @property
    def surname(self) -> str | None:
        return self.name.split()[-1] if self.name else None


# How much a country mention says about where the story is. A demonym mostly gives somebody's
# nationality ("two French hostages"); a place after "in" says where things happen.
FOCUS_WEIGHTS = {"place": 2.0, "name": 1.0, "seat": 1.0, "town": 1.0, "demonym": 0.5}
TOWN = "town"
TOWN_LABELS = frozenset({"GPE", "LOC"})  # names the NER reads as places, not yet known
PASSAGE_LABELS = frozenset({"GPE", "LOC", "FAC"})  # places a passage may be set in
FOCUS_MINIMUM = 1.0
DOMINANT_SCORE = 5.0  # e.g. two places "in" the country and a name of it
DOMINANT_RATIO = 3.0
# Roles whose groups are told apart by the word naming them (see ArticleResolver._keyed).
DISTINCT_GROUP_ROLES = frozenset({"CVL"})
# A named person whom neither the text (no title, no organisation) nor the people lexicon
# places, introduced with an age ("Andre Wilson, 38, told the Daily News"), is a private
# individual: CAMEO's civilian role, as the annotation guideline codes "a man" or "residents".
PRIVATE_PERSON_ROLE = "CVL"
PERSON_LABEL = "PERSON"
PEOPLE_LEXICON = "person"  # Mention.country_how of a country the people lexicon gives


@dataclass(frozen=True, slots=True)
class Focus:
    """The country an article is about, and whether the story is reported from there (its
    dateline names it): only then is a named stranger with a national title its citizen.
    ``named``: the country the article names most (by country names, demonyms and seats, not
    by its towns), which the places stage weighs among a toponym's candidates."""

    country: str | None
    strong: bool = False
    named: str | None = None
    # (sentence index, country) of the towns in the text and the countries and capitals it
    # puts things in ("in Spain"): where a passage is set when that is not the article's
    # focus ("IN BRIEF" digests).
    places: tuple[tuple[int, str], ...] = ()
    local: str | None = None  # the dateline's country, when the text names it too


NO_FOCUS = Focus(None)


def focus_country(doc: Doc, lexicon: Lexicon) -> Focus:
    """The country the article is about, from the dateline and the places it names.

    Mentions of countries, demonyms, seats and of towns and regions of one country are weighted
    (``FOCUS_WEIGHTS``; a dateline counts ``DATELINE_WEIGHT``); the focus must reach
    ``FOCUS_MINIMUM`` and beat every other country, else there is none and role words with no
    country of their own stay without one.
    """
    scores: dict[str, float] = {}  # every kind of mention
    named: dict[str, float] = {}  # country names, demonyms and seats only
    first_seen: dict[str, int] = {}
    grammar = grammar_of(doc)
    sentence_of = {t.i: index for index, sent in enumerate(doc.sents) for t in sent}
    places: list[tuple[int, str]] = []
    for ent in doc.ents:
        kind, _, iso3 = ent.ent_id_.partition(":")
        if not ent.ent_id_ and ent.label_ in TOWN_LABELS:  # a town or region of one country
            kind, iso3 = TOWN, lexicon.towns.lookup(ent.text) or ""
        if not ent.ent_id_ and not iso3 and ent.label_ in PASSAGE_LABELS:
            # "the Las Vegas Strip", "Erciyes University": a place named after its town
            words = ent.text.split()
            town = next(
                (lexicon.towns.lookup(" ".join(words[:n])) for n in (2, 1) if n < len(words)),
                None,
            )
            if town is not None:
                places.append((sentence_of.get(ent.start, -1), town))
        if kind not in (COUNTRY, DEMONYM, SEAT, TOWN) or not iso3:
            continue
        root = ent.root
        located = grammar.case_of(root) in grammar.focus_place_prepositions
        if kind == TOWN or located:  # where a passage is set: not "Russian-backed", "Moscow said"
            places.append((sentence_of.get(ent.start, -1), iso3))
        if located:  # "in Niger", "au Niger"
            weight = FOCUS_WEIGHTS["place"]
        else:
            weight = FOCUS_WEIGHTS[
                {COUNTRY: "name", DEMONYM: "demonym", SEAT: "seat", TOWN: "town"}[kind]
            ]
        scores[iso3] = scores.get(iso3, 0.0) + weight
        if kind != TOWN:
            named[iso3] = named.get(iso3, 0.0) + weight
        first_seen.setdefault(iso3, ent.start)
    dateline_country: str | None = None
    named_too = False
    dateline = doc.user_data.get("dateline")
    if isinstance(dateline, Dateline):
        place = doc.text[dateline.place_start : dateline.place_end]
        found = lexicon.countries.lookup(place) or lexicon.countries.lookup(place.title())
        if found is not None:
            dateline_country = found[1]
            named[dateline_country] = named.get(dateline_country, 0.0) + DATELINE_WEIGHT
        else:  # "SACRAMENTO, Calif.", "ahmedabad": a town or region of one country
            parts = [part for part in place.split(",") if part.strip()]
            towns = (lexicon.towns.lookup(part) for part in parts)
            dateline_country = next((iso3 for iso3 in towns if iso3 is not None), None)
        if dateline_country is not None:
            named_too = scores.get(dateline_country, 0.0) > 0
            scores[dateline_country] = scores.get(dateline_country, 0.0) + DATELINE_WEIGHT
            first_seen[dateline_country] = -1
    best = _leader(scores, first_seen)
    return Focus(
        best,
        strong=best is not None and (best == dateline_country or _dominant(scores, best)),
        named=_leader(named, first_seen),
        # A datelined article is one story told from one place: a summit "in Abuja" in a
        # story about Niger's junta does not make the junta Nigerian. Passages set elsewhere
        # are the digests' ("IN BRIEF"), which carry no dateline.
        places=tuple(places) if dateline_country is None else (),
        local=dateline_country if dateline_country is not None and named_too else None,
    )


def _dominant(scores: dict[str, float], best: str) -> bool:
    """Without a dateline, the focus is as sure as one when its places and names far outweigh
    every other country's (``DOMINANT_SCORE``, ``DOMINANT_RATIO``)."""
    second = max((v for k, v in scores.items() if k != best), default=0.0)
    return scores[best] >= DOMINANT_SCORE and scores[best] >= DOMINANT_RATIO * second


def _leader(scores: dict[str, float], first_seen: dict[str, int]) -> str | None:
    """The country with the highest score if it reaches FOCUS_MINIMUM and has no tie."""
    if not scores:
        return None
    ranked = sorted(scores, key=lambda iso3: (-scores[iso3], first_seen[iso3]))
    best = ranked[0]
    second = scores[ranked[1]] if len(ranked) > 1 else 0.0
    if scores[best] < FOCUS_MINIMUM or second == scores[best]:
        return None
    return best


class ArticleResolver:
    """Links the mentions of one article to entities and codes them. One instance per article."""

    def __init__(
        self,
        doc: Doc,
        focus: Focus,
        focus_roles: frozenset[str],
        local_roles: frozenset[str] = frozenset(),
    ) -> None:
        self.doc = doc
        self.focus = focus
        self.focus_roles = focus_roles
        self.local_roles = local_roles
        self.entities: list[Entity] = []
        self.by_code: dict[str, Entity] = {}
        self.head_entity: dict[int, Entity] = {}  # phrase head token -> entity, as linked

    def resolve(self, mentions: list[Mention]) -> tuple[dict[int, Actor], dict[int, Actor]]:
        """Actors by phrase head, and places (a country or capital used as a location)."""
        links: list[tuple[Mention, Entity]] = []
        places: dict[int, Actor] = {}
        doc = self.doc
        for mention in mentions:
            if mention.kind == "place":
                span = doc[mention.start : mention.end]
                places[mention.head] = Actor(
                    span.text,
                    None,
                    mention.country,
                    mention.country,
                    None,
                    span.start_char,
                    span.end_char,
                    entity=-1 - mention.head,
                )
                continue
            entity = self._link(mention)
            if entity is not None:
                entity.last_token = mention.head
                entity.words.update(t.lemma_.lower() for t in doc[mention.start : mention.end])
                self.head_entity[mention.head] = entity
                links.append((mention, entity))
        self._place_titled_strangers()
        actors: dict[int, Actor] = {}
        for mention, entity in links:
            span = doc[mention.start : mention.end]
            code = entity.code
            actors[mention.head] = Actor(
                text=span.text,
                name=entity.name,
                code=code,
                country=entity.country,
                role=entity.actor_role,
                start=span.start_char,
                end=span.end_char,
                entity=entity.id,
            )
        return actors, places

    # -- linking -------------------------------------------------------------------------
    def _new(self, mention: Mention, country: str | None) -> Entity:
        entity = Entity(
            id=len(self.entities),
            kind=mention.kind,
            name=mention.name,
            country=country,
            org_code=mention.org.code if mention.org else None,
            role=mention.role or (mention.org.role if mention.org else None),
            known_code=mention.known_code,
            plural=mention.plural,
        )
        if mention.role_word:
            entity.role_words.add(mention.role_word)
        self.entities.append(entity)
        return entity

    def _link(self, mention: Mention) -> Entity | None:
        token = self.doc[mention.head]
        if (
            _apposition(token)
            and token.head.i in self.head_entity
            and mention.kind in ("group", "org", "anaphor")
        ):
            # "les combattants du CSP, coalition de groupes armés": an apposition describes
            # the actor it stands beside, it is no second actor.
            return self.head_entity[token.head.i]
        if mention.kind == "pronoun":
            return self._antecedent_of_pronoun(mention)
        if mention.kind == "anaphor":
            return self._organisation_before(mention.head, mention.role_word)
        if mention.kind == "person":
            return self._person(mention)
        if mention.kind == "name":
            return self._known_name(mention)
        if mention.kind in ("org", "country") or mention.country is not None:
            return self._keyed(mention, mention.country)
        # A role word with no country: an earlier actor it describes, else the role with
        # the focus country for national institutions (focus_roles.tsv), else the role alone.
        if mention.definite:
            earlier = self._described(mention)
            if earlier is not None:
                return earlier
        return self._keyed(mention, self._focus_for(mention))

    def _keyed(self, mention: Mention, country: str | None) -> Entity:
        """Countries, organisations and groups: one entity per code."""
        org = mention.org.code if mention.org else None
        key = org or ((country or "") + (mention.role or "")) or None
        if key and not org and mention.role in DISTINCT_GROUP_ROLES and mention.role_word:
            # Civilians are many different people: "12 people were killed by the rioters" has
            # two actors, one per word; the same word again is the same group.
            key = f"{key}/{mention.role_word}"
        if key and mention.kind != "person":
            existing = self.by_code.get(key)
            if existing is not None:
                if mention.role_word:
                    existing.role_words.add(mention.role_word)
                return existing
        entity = self._new(mention, country)
        if key:
            self.by_code[key] = entity
        return entity

    def _person(self, mention: Mention) -> Entity:
        name = mention.name or ""
        surname = name.split()[-1] if name else None
        for entity in reversed(self.entities):
            if entity.kind != "person" or not entity.name:
                continue
            if (
                entity.name == name
                or entity.surname == surname
                or entity.name.endswith(" " + name)
                or name.endswith(" " + entity.name)
            ):
                # "Khalif" after "Asa Khalif": the surname alone may match somebody else in
                # the people lexicon (Ahmad Khalif, KENGOV); the person named in full is not
                # them, so the bare surname brings no country or code of its own.
                shortened = " " in entity.name and " " not in name.strip()
                self._enrich(entity, mention, identity=not shortened)
                return entity
        if mention.definite and mention.role_word and not mention.name:
            earlier = self._described(mention)
            if earlier is not None:
                return earlier
        if mention.owner is not None:
            # "Their spokesman, Mohamed Ramadane": of whoever "their" stands for.
            owner = self._antecedent_of_pronoun(
                replace(mention, kind="pronoun", pronoun=mention.owner)
            )
            if owner is not None and owner.code is not None:
                entity = self._new(mention, owner.country)
                entity.org_code = owner.org_code
                entity.role = entity.role or owner.actor_role
                return entity
        if mention.country is None and not mention.known_code:
            # "the prime minister"; a named stranger ("Public Works Minister Thandiwe Mokoena")
            # only in a story reported from the focus country.
            strong_only = bool(mention.name)
            entity = self._new(mention, self._focus_for(mention, strong_only))
        else:
            entity = self._new(mention, mention.country)
        if _private(mention, self.doc):
            entity.default_role = PRIVATE_PERSON_ROLE
        return entity

    def _place_titled_strangers(self) -> None:
        """A named person whose title came with a later mention ("Advani" after "L K Advani",
        then "the home minister") is placed like one named with the title at once: in the
        focus country of a story reported from there."""
        if not self.focus.strong:
            return
        for entity in self.entities:
            if (
                entity.kind == "person"
                and entity.name
                and entity.country is None
                and entity.org_code is None
                and not entity.known_code
                and entity.role in self.focus_roles
            ):
                entity.country = self.focus.country

    def _focus_for(self, mention: Mention, strong_only: bool = False) -> str | None:
        """The article's focus country for a national institution (focus_roles.tsv), else
        None; ``strong_only``: only when the focus clearly dominates the article."""
        role = PRIVATE_PERSON_ROLE if _private(mention, self.doc) else mention.role
        if role not in self.focus_roles or (strong_only and not self.focus.strong):
            return None
        passage = _passage_country(self.focus, mention.sentence)
        if passage is not None:
            return passage
        if role in self.local_roles and self.focus.local is not None:
            return self.focus.local  # protesters in a story from Niamey about France
        return self.focus.country

    def _known_name(self, mention: Mention) -> Entity | None:
        """A bare proper name the model did not tag as a person: an earlier person, or a
        known office holder ("Scholz" -> Olaf Scholz, DEUGOV), else nobody."""
        name = mention.name or ""
        for entity in reversed(self.entities):
            if (
                entity.kind == "person"
                and entity.name
                and (
                    entity.surname == name
                    or entity.name == name
                    or entity.name.endswith(" " + name)
                )
            ):
                return entity
        if mention.known_code:
            entity = self._new(mention, None)
            entity.kind = "person"
            return entity
        return None

    def _enrich(self, entity: Entity, mention: Mention, identity: bool = True) -> None:
        """Add what a later mention says; ``identity``: whether its country and known code
        (which a bare surname takes from the people lexicon) may be added too."""
        if identity and entity.country is None and mention.country is not None:
            entity.country = mention.country
        if entity.role is None and mention.role is not None:
            entity.role = mention.role
        if identity and entity.known_code is None and mention.known_code is not None:
            entity.known_code = mention.known_code
        if mention.name and (entity.name is None or len(mention.name) > len(entity.name)):
            entity.name = mention.name
        if mention.role_word:
            entity.role_words.add(mention.role_word)

    def _described(self, mention: Mention) -> Entity | None:
        """'the president' -> the last entity introduced with that title; 'the bloc' -> the
        last international organisation; 'the soldiers' -> the last group with that role."""
        for entity in reversed(self.entities):
            if mention.role_word and mention.role_word in entity.role_words:
                return entity
        if mention.role == "IGO":
            for entity in reversed(self.entities):
                if entity.org_code and entity.org_code.startswith("IGO"):
                    return entity
        if mention.role in DISTINCT_GROUP_ROLES:
            return None  # "the rioters" are not the people named before
        for entity in reversed(self.entities):
            if (
                mention.role
                and entity.role == mention.role
                and entity.kind == mention.kind == "group"
            ):
                return entity
        return None

    def _organisation_before(self, token_index: int, word: str | None) -> Entity | None:
        """The organisation named before a token ("the movement", "l'organisation"): the last
        one whose own words include the body word ("the mission" after "the UN mission in
        Mali (MINUSMA)"), else the last one."""
        earlier = [e for e in self.entities if e.kind == "org" and 0 <= e.last_token < token_index]
        named = [e for e in earlier if word and word in e.words]
        return max(named or earlier, key=lambda e: e.last_token, default=None)

    def _antecedent_of_pronoun(self, mention: Mention) -> Entity | None:
        pronoun = mention.pronoun or ""
        compatible: list[Callable[[Entity], bool]]
        if pronoun in ("he", "him", "she", "her", "his"):
            compatible = [lambda e: e.kind == "person"]
        elif pronoun in ("they", "them", "we", "us", "their", "our"):
            # Plural actors first; collective bodies ("the government", "ECOWAS") after.
            compatible = [
                lambda e: e.plural and e.kind != "person",
                lambda e: e.kind in ("org", "group", "country"),
            ]
        elif pronoun in ("it", "its"):
            compatible = [lambda e: e.kind in ("org", "country", "group") and not e.plural]
        else:
            # Other languages: the grammar's pronoun kinds. French "il"/"elle" stand for a
            # person or a body ("La CEDEAO ... Elle n'exclut pas"), the nearest wins;
            # "ils"/"elles"/"les" for plural actors first, then collective bodies.
            grammar = grammar_of(self.doc)
            kind = grammar.personal_pronouns.get(pronoun) if grammar.code != "en" else None
            gender = set(self.doc[mention.head].morph.get("Gender", []))

            def agrees(e: Entity) -> bool:
                """ "elle" is not "le Niger": the last mention's gender, when both have one."""
                other = set(self.doc[e.last_token].morph.get("Gender", []))
                return not gender or not other or bool(gender & other)

            if kind == "person":
                compatible = [
                    lambda e: (
                        agrees(e)
                        and (
                            e.kind == "person"
                            or (e.kind in ("org", "country", "group") and not e.plural)
                        )
                    )
                ]
            elif kind == "plural":
                compatible = [
                    lambda e: e.plural and e.kind != "person",
                    lambda e: e.kind in ("org", "group", "country"),
                ]
            else:
                return None
        speaker = self._clause_subject(mention.head)
        if speaker is not None and any(test(speaker) for test in compatible):
            return speaker  # "The army command said that it backed the takeover"
        earlier = sorted(
            (e for e in self.entities if 0 <= e.last_token < mention.head),
            key=lambda e: e.last_token,
            reverse=True,
        )
        by_head = {e.last_token: e for e in earlier}
        for test in compatible:
            for entity in earlier:
                if test(entity):
                    return self._holder(entity, by_head)
        return None

    def _holder(self, entity: Entity, by_head: dict[int, Entity]) -> Entity:
        """A pronoun stands for a phrase, not for a noun inside it: "les combattants du CSP,
        coalition de groupes armés, ... Leur porte-parole" is the CSP's, not the armed groups'
        (the groups are the complement of the apposition that names the CSP)."""
        token = self.doc[entity.last_token]
        nested = grammar_of(self.doc).universal_dependencies and token.dep_ in NOUN_COMPLEMENTS
        holder = by_head.get(token.head.i) if nested else None
        return holder if holder is not None and holder.code is not None else entity

    def _clause_subject(self, token_index: int) -> Entity | None:
        """The subject of the verb whose that-clause holds the pronoun, when already known."""
        token = self.doc[token_index]
        while token.dep_ not in ("ccomp", "ROOT") and token.head is not token:
            token = token.head
        if token.dep_ != "ccomp":
            return None
        governor = token.head
        for child in governor.children:
            if child.dep_ == "nsubj" and child.i < token_index:
                return self.head_entity.get(child.i)
        return None


# A noun's complement in a Universal Dependencies parse: "coalition de groupes" (English "of"
# phrases hang on a preposition: not read here).
NOUN_COMPLEMENTS = frozenset({"nmod"})


def _private(mention: Mention, doc: Doc) -> bool:
    """A named person the phrase gives no title, organisation or lexicon entry, only an age
    ("Andre Wilson, 38,"): news style for private people (officials come with a title); the
    phrase's head is the name the model tags as a person."""
    return (
        mention.kind == "person"
        and mention.aged
        and doc[mention.head].ent_type_ == PERSON_LABEL
        and bool(mention.name)
        and mention.role is None
        and mention.org is None
        and not mention.known_code
        and mention.country_how != PEOPLE_LEXICON  # a public figure outside their offices' dates
    )


PASSAGE_SENTENCES = 4  # sentences before a mention that make up its passage


def _passage_country(focus: Focus, sentence: int) -> str | None:
    """The country of the places nearest before a mention (its own sentence first, then up to
    ``PASSAGE_SENTENCES`` back), when they name one country only and it is not the article's
    focus: the police of a Las Vegas story in a digest that opens in Spain are American."""
    for index in range(sentence, sentence - PASSAGE_SENTENCES - 1, -1):
        named = {iso3 for where, iso3 in focus.places if where == index}
        if named:
            return next(iter(named)) if len(named) == 1 and focus.country not in named else None
    return None


def _apposition(token: Token) -> bool:
    """An appositive phrase, or one the parser read as a conjunct though no conjunction joins
    it to its head's list ("les combattants du CSP, coalition de groupes armés, ont ...";
    "A, B et C" is a list: a conjunct has the "et")."""
    if token.dep_ == "appos":
        return True
    if token.dep_ != "conj":
        return False
    # The conjunction hangs on a later conjunct (Universal Dependencies) or on the first one
    # (the English model's ClearNLP labels).
    words = [token.head, *(c for c in token.head.children if c.dep_ == "conj")]
    return not any(c.dep_ == "cc" for word in words for c in word.children)


def _is_country(prefix: str) -> bool:
    return prefix.isalpha() and prefix.isupper() and prefix not in ("IGO", "NGO", "MNC", "IMG")
