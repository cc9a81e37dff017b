"""Find actor mentions: noun phrases that name a country, organisation, person or role group.

A mention is built around a noun-phrase head and its modifiers ("French Foreign Minister
Catherine Colonna", "Niger's junta", "members of the presidential guard"). Codes are assembled
from the parts the phrase holds; what the phrase does not say (a country for "the police") is
left for article-level resolution (``resolve.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from eventcoder.lang import grammar_of
from eventcoder.lang.en import NOUN_PHRASE_HEAD_POS
from eventcoder.lexicon import Lexicon, Organisation
from eventcoder.nlp import COUNTRY, DEMONYM, ORG, PERSON, SEAT

MAX_AGE = 120  # a number in apposition to a name below this is the person's age


@dataclass(frozen=True, slots=True)
class Mention:
    """What one noun phrase says about an actor, before article-level resolution."""

    head: int  # token index of the phrase head
    start: int  # token span of the phrase
    end: int
    sentence: int
    # person, group, org, country, pronoun, name (an unknown proper name), place, anaphor ("the
    # movement": an organisation named before)
    kind: str
    name: str | None = None  # a person's (or organisation's) name
    country: str | None = None
    country_how: str | None = None  # "name", "demonym", "seat", "of", "poss", "org", "person"
    org: Organisation | None = None
    role: str | None = None
    role_word: str | None = None  # the title or group word: "the president" -> earlier one
    plural: bool = False
    definite: bool = False
    pronoun: str | None = None
    known_code: str | None = None  # from people/
    metonym: bool = False  # a seat of government used for the government ("Washington said")
    aged: bool = False  # an age in apposition: "Andre Wilson, 38," (news style for private people)
    # The possessive pronoun of a member head ("their spokesman, Mohamed Ramadane"): the person
    # speaks for whoever the pronoun stands for.
    owner: str | None = None


@dataclass(frozen=True, slots=True)
class _Parts:
    country: str | None = None
    country_how: str | None = None
    org: Organisation | None = None
    name: str | None = None
    known_code: str | None = None
    seat_only: bool = False


class MentionFinder:
    """Builds mentions for one document. Holds no state between documents."""

    def __init__(self, lexicon: Lexicon, role_rank: dict[str, int]) -> None:
        self.lexicon = lexicon
        self.role_rank = role_rank

    def find(self, doc: Doc, date: str | None) -> list[Mention]:
        mentions: list[Mention] = []
        dateline = doc.user_data.get("dateline")
        skip_before = dateline.end if dateline is not None else -1
        not_heads = grammar_of(doc).not_phrase_head_deps
        for index, sent in enumerate(doc.sents):
            if sent.end_char <= skip_before:
                continue  # "NIAMEY, July 28 (AFP) -": a place and an agency, not actors
            for token in sent:
                if token.pos_ not in NOUN_PHRASE_HEAD_POS or token.dep_ in not_heads:
                    modifier = self._country_modifier(token, index)
                    if modifier is not None:
                        mentions.append(modifier)
                    continue
                mention = self.mention_at(token, index, date)
                if mention is not None:
                    mentions.append(mention)
        return _join_title_and_name(mentions)

    # -- one phrase -----------------------------------------------------------------------
    def mention_at(self, head: Token, sentence: int, date: str | None) -> Mention | None:
        lower = head.lower_
        grammar = grammar_of(head)
        if head.pos_ == "PRON":
            kind = grammar.personal_pronouns.get(lower)
            if kind is None:
                return None
            return Mention(
                head=head.i,
                start=head.i,
                end=head.i + 1,
                sentence=sentence,
                kind="pronoun",
                plural=kind == "plural",
                definite=True,
                pronoun=lower,
            )
        tokens = sorted(_phrase_tokens(head), key=lambda t: t.i)
        while len(tokens) > 1 and tokens[0].text in "-‑":
            tokens = tokens[1:]  # "US-backed rebels": the hyphen without the word before it
        parts = self._entity_parts(tokens, date, head)
        # Role words inside an organisation's name do not set a role ("African Union").
        lemmas = [ORG_SLOT if t.ent_id_.startswith(ORG + ":") else _lemma(t) for t in tokens]
        role, role_word = self._role(
            lemmas, head_index=tokens.index(head), head_is_person=_name_head(head)
        )
        complement = self._complement(head, sentence, date)
        of_mention = complement[1] if complement is not None else None
        if complement is not None and of_mention is not None:
            # A title the parse splits at its preposition: "deputy commissioner of police".
            words = [*lemmas, complement[0]]
            words += [_lemma(t) for t in head.doc[of_mention.start : of_mention.end]]
            across = self._role_across(words, len(lemmas))
            if across is not None:
                role, role_word = across
        start, end = tokens[0].i, tokens[-1].i + 1
        if complement is not None and of_mention is not None:
            end = max(end, of_mention.end)
            if (
                complement[0] in grammar.complement_prepositions
                and role is None
                and parts.country is None
                and parts.org is None
                and self._takes_complement(lemmas)
            ):
                # "members of the guard", "a spokesman for the junta", "dozens of protesters":
                # the complement's actor.
                return _replace_span(of_mention, head.i, start, end, sentence)
            if parts.country is None and of_mention.country is not None:
                parts = _with_country(parts, of_mention.country, "of")
            # "a spokesman for the junta"; "a diplomat at the ECOWAS Commission", "an
            # organizer with the coalition": who they work for, whatever their role.
            if (
                parts.org is None
                and of_mention.org is not None
                and (
                    role is None
                    or complement[0] in grammar.employer_prepositions
                    # "fighters of the CSP", "combattants du CSP": a group of the
                    # organisation's own role is its members.
                    or of_mention.org.role == role
                )
            ):
                parts = _Parts(
                    country=parts.country,
                    country_how=parts.country_how,
                    org=of_mention.org,
                    name=parts.name,
                )
        if parts.country is None and parts.org is None and role is not None:
            located = _located_in(head)
            if located is not None:
                # "Security forces in Guinea", "a group based in Trinidad": role words with no
                # country of their own take the country they are said to be in.
                parts = _with_country(parts, located, "in")
        appos = self._appositive(head, sentence, date)
        if appos is not None:
            parts, role, role_word = _merge_appos(parts, role, role_word, appos)
        plural = grammar.is_plural(head)
        if (
            role is None
            and parts.country_how == "demonym"
            and head.ent_id_.startswith(DEMONYM + ":")
            and plural
            and parts.org is None
        ):
            role = "CVL"  # "thousands of young Kenyans", "Palestinians": people of a country
        definite = any(t.lower_ in grammar.definite_determiners and t.dep_ == "det" for t in tokens)
        owner = (
            self._owner_of_member(head, lemmas)
            if parts.org is None and parts.country is None and role is None
            else None
        )
        if parts.org is not None:
            kind = "org"
        elif parts.name is not None:
            kind = "person"
        elif role is not None:
            kind = "group"
        elif parts.country is not None:
            kind = "country"
        elif definite and self._anaphoric_body(lemmas, tokens.index(head)):
            # "the movement", "l'organisation": the organisation named before (resolution).
            return Mention(
                head=head.i,
                start=start,
                end=end,
                sentence=sentence,
                kind="anaphor",
                role_word=role_word,
                plural=plural,
                definite=True,
            )
        elif owner is not None:
            # "their spokesman", "leur porte-parole": a member head with no complement speaks
            # for its possessor, resolved like the possessive pronoun itself.
            return Mention(
                head=head.i,
                start=start,
                end=end,
                sentence=sentence,
                kind="pronoun",
                plural=grammar.personal_pronouns.get(owner) == "plural",
                definite=True,
                pronoun=owner,
            )
        elif head.pos_ == "PROPN":
            # An unknown proper name ("Bazoum", maybe mislabelled by the model): resolution
            # links it to a person introduced earlier, or to a known office holder, or drops it.
            kind = "name"
            known = self.lexicon.people.lookup_surname(head.text, date)
            parts = _Parts(name=head.text, known_code=known.code if known else None)
        else:
            return None
        if kind == "country" and role is None and _is_place(head):
            kind = "place"  # "protests in Niamey": where, not who; events may use its country
        metonym = parts.seat_only and role is None and parts.org is None
        if metonym:
            role = "GOV"  # "Washington said" -> USAGOV
        return Mention(
            head=head.i,
            start=start,
            end=end,
            sentence=sentence,
            kind=kind,
            name=parts.name,
            country=parts.country,
            country_how=parts.country_how,
            org=parts.org,
            role=role,
            role_word=role_word,
            plural=plural,
            definite=definite,
            known_code=parts.known_code,
            metonym=metonym,
            aged=_aged(head),
            owner=owner if kind == "person" and not parts.known_code else None,
        )

    def _country_modifier(self, token: Token, sentence: int) -> Mention | None:
        """A country or role word modifying a noun: "Palestinian riots", "Russian air strikes",
        "an opposition march".

        Kept as a mention of its own so that nominal events can take it as their actor (and
        verbs their target); phrases like "French troops" are still coded at their head.
        """
        if token.dep_ not in ("amod", "compound", "nmod") or not (
            token.head.pos_ in ("NOUN", "PROPN") or _nominal_gerund(token.head)
        ):
            return None
        if token.ent_iob_ == "B":
            kind, _, iso3 = token.ent_id_.partition(":")
            if kind not in (COUNTRY, DEMONYM) or not iso3:
                return None
            end = token.i + 1
            while end < len(token.doc) and token.doc[end].ent_iob_ == "I":
                end += 1
            return Mention(
                head=token.i,
                start=token.i,
                end=end,
                sentence=sentence,
                kind="country",
                country=iso3,
                country_how="demonym",
            )
        if token.ent_type_ or token.pos_ != "NOUN":
            return None
        matches = self.lexicon.roles.match([_lemma(token)])
        if not matches or matches[0][2].generic or matches[0][2].role is None:
            return None
        entry = matches[0][2]
        return Mention(
            head=token.i,
            start=token.i,
            end=token.i + 1,
            sentence=sentence,
            kind="group",
            role=entry.role,
            role_word=" ".join(entry.words),
        )

    def _entity_parts(self, tokens: list[Token], date: str | None, head: Token) -> _Parts:
        country: str | None = None
        how: str | None = None
        org: Organisation | None = None
        name: str | None = None
        known: str | None = None
        seat_only = True
        seen_any = False
        doc = tokens[0].doc
        # The entity that holds the head comes first: "NATO-member Norway" is Norway.
        spans = sorted(_entities_in(doc, tokens), key=lambda e: not e.start <= head.i < e.end)
        head_is_country = (
            bool(spans)
            and spans[0].start <= head.i < spans[0].end
            and (spans[0].ent_id_[:2] in (COUNTRY + ":", SEAT + ":"))
        )
        town_country: str | None = None
        for span in spans:
            key = span.ent_id_
            kind, _, value = key.partition(":")
            if not key:
                kind, value = self._lookup_unruled(span)
                if not kind and town_country is None:
                    town_country = self._town_modifier(span, head)
            if kind in (COUNTRY, DEMONYM, SEAT) and value:
                seen_any = True
                if country is None:
                    country = value
                    how = {COUNTRY: "name", DEMONYM: "demonym", SEAT: "seat"}[kind]
                if kind != SEAT:
                    seat_only = False
            elif kind == ORG and value and not head_is_country:
                seen_any = True
                seat_only = False
                found = self.lexicon.organisations.lookup(value)
                if found is not None and org is None:
                    org = found
                    if country is None and found.country:
                        country, how = found.country, "org"
            elif kind == PERSON and value:
                seen_any = True
                seat_only = False
                name = span.text
                person = self.lexicon.people.lookup(value, date)
                if person is not None:
                    known = person.code
                elif country is None:
                    found_country = self.lexicon.people.country_of(value)
                    if found_country is not None:
                        country, how = found_country, "person"
            elif span.label_ == "PERSON" and not _acronym(span.text):
                # "South Waziristan Agency (SWA)": capitals in brackets are no person's name
                seat_only = False
                name = span.text
                person = self.lexicon.people.lookup(name, date) or (
                    self.lexicon.people.lookup_surname(name.split()[-1], date)
                )
                if person is not None and (person.name == name or " " not in name):
                    known = person.code
                elif person is None and country is None:
                    # A known person outside the dates of their offices keeps their country.
                    found_country = self.lexicon.people.country_of(name)
                    if found_country is not None:
                        country, how = found_country, "person"
        if country is None and town_country is not None:
            country, how = town_country, "town"  # "a California National Guard spokesman"
        if country is not None and how == "seat" and len(tokens) > 1:
            # A capital that only modifies ("Niamey residents") gives a country, not a metonym.
            seat_only = all(t.ent_type_ == "GPE" or t.dep_ == "det" for t in tokens)
        return _Parts(
            country=country,
            country_how=how,
            org=org,
            name=name,
            known_code=known,
            seat_only=seat_only and seen_any,
        )

    def _lookup_unruled(self, span: _Ent) -> tuple[str, str]:
        """Entities the model found on its own: try the lexicon on their text."""
        text = span.text
        if text.startswith("the "):
            text = text[4:]
        found = self.lexicon.countries.lookup(text)
        if found is not None:
            kind, iso3 = found
            return {"name": COUNTRY, "demonym": DEMONYM, "seat": SEAT}[kind], iso3
        if span.label_ in ("ORG", "NORP", "GPE", "FAC"):
            org = self.lexicon.organisations.lookup(text)
            if org is not None:
                return ORG, org.name
        return "", ""

    def _town_modifier(self, span: _Ent, head: Token) -> str | None:
        """The country of a town or first-level region naming where a role holder serves
        ("a Manhattan Supreme Court justice", "the California National Guard"): a place the
        model tagged that modifies the phrase's head, or the first words of an organisation's
        name, found in one country only."""
        doc = head.doc
        if span.label_ in ("GPE", "LOC"):
            if not span.end <= head.i:
                return None
            # "a Texas police officer", "a Texas rancher"; not "a North Carolina native"
            rest = [_lemma(t) for t in doc[span.end : head.i + 1]]
            found = self.lexicon.towns.lookup(span.text)
            return found if any(e.role for _, _, e in self.lexicon.roles.match(rest)) else None
        if span.label_ != "ORG":
            return None
        # A state institution named after its place: "the California National Guard" (not
        # "the Saint Paul Coptic Orthodox Church": a church is no state body).
        words = span.text.split()
        for size in range(min(3, len(words) - 1), 0, -1):
            found = self.lexicon.towns.lookup(" ".join(words[:size]))
            if found is not None:
                return found if self._state_body([w.lower() for w in words[size:]]) else None
        return None

    def _role_across(self, words: list[str], boundary: int) -> tuple[str, str] | None:
        """(role, role word) of a role phrase of roles.tsv that runs across ``boundary``."""
        for start, end, entry in self.lexicon.roles.match(words):
            if start < boundary < end and entry.role:
                return entry.role, " ".join(entry.words)
        return None

    def _state_body(self, words: list[str]) -> bool:
        """Do these words name a body of a state or its holder (a court, the police, a
        governor)?"""
        return any(e.role in STATE_BODY_ROLES for _, _, e in self.lexicon.roles.match(words))

    def _role(
        self, lemmas: list[str], head_index: int, head_is_person: bool = False
    ) -> tuple[str | None, str | None]:
        """(role, role word) for the role words in a phrase.

        Modifiers set a role only when the head is itself a role word or a name: "opposition
        supporters" is OPP, but "military aid" and "general strike" are not actors at all. A
        head the model tags as a person is a name even in lower-case copy ("home minister l k
        advani").
        """
        matches = self.lexicon.roles.match(lemmas)
        if not matches:
            return None, None
        head_matched = any(start <= head_index < end for start, end, _ in matches)
        if (
            not head_matched
            and lemmas[head_index] != ORG_SLOT
            and not head_is_person
            and not self._is_name_slot(lemmas, head_index)
        ):
            return None, None
        strong = [m for m in matches if not m[2].generic and m[2].role]
        pool = strong or [m for m in matches if m[2].role]
        word = " ".join(matches[-1][2].words)
        if not pool:
            return None, word
        rank = self.role_rank
        best = min(pool, key=lambda m: (rank.get(m[2].role or "", len(rank)), -m[0]))
        role_word = " ".join(best[2].words) if strong else word
        return best[2].role, role_word

    @staticmethod
    def _is_name_slot(lemmas: list[str], index: int) -> bool:
        # Proper-name heads ("Colonel Ibrahim Sani", "President Bazoum") take their title.
        return lemmas[index][:1].isupper()

    def _takes_complement(self, lemmas: list[str]) -> bool:
        """Is the phrase head a word with no role of its own (member, head, dozen, group)?"""
        matches = self.lexicon.roles.match(lemmas)
        if not matches or matches[-1][1] != len(lemmas):
            return False
        entry = matches[-1][2]
        return entry.role is None and entry.kind in ("member", "generic", "asset", "anaphor")

    def _anaphoric_body(self, lemmas: list[str], head_index: int) -> bool:
        """Is the phrase head a body word that, definite, names an organisation told of before
        (roles.tsv kind ``anaphor``: "the movement", "le mouvement")?"""
        matches = self.lexicon.roles.match(lemmas)
        return any(
            start <= head_index < end and entry.kind == "anaphor" and entry.role is None
            for start, end, entry in matches
        )

    def _owner_of_member(self, head: Token, lemmas: list[str]) -> str | None:
        """The possessive word of a member head ("their spokesman" -> "their"), when the
        language's pronouns list it; None for other heads ("their supporters" are not them)."""
        matches = self.lexicon.roles.match(lemmas)
        if not matches or matches[-1][1] != len(lemmas) or matches[-1][2].kind != "member":
            return None
        pronouns = grammar_of(head).personal_pronouns
        for child in head.children:
            if grammar_of(head).is_possessor(child) and child.lower_ in pronouns:
                return child.lower_
        return None

    def _complement(
        self, head: Token, sentence: int, date: str | None
    ) -> tuple[str, Mention] | None:
        """The actor in an 'of'/'for'/'at'/'with' complement, with its preposition: "president
        of Niger", "head of the army", "a diplomat at the ECOWAS Commission" (French: an nmod
        with case de/pour, "le chef de la junte")."""
        grammar = grammar_of(head)
        if grammar.universal_dependencies:  # the complement noun is the nmod
            for child in head.rights:
                case = grammar.case_of(child)
                if (
                    child.dep_ == "nmod"
                    and child.pos_ in ("NOUN", "PROPN")
                    and case in grammar.complement_prepositions
                ):
                    found = self.mention_at(child, sentence, date)
                    return None if found is None or case is None else (case, found)
            return None
        linking = grammar.complement_prepositions | grammar.employer_prepositions
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in linking:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN"):
                        found = self.mention_at(pobj, sentence, date)
                        return None if found is None else (child.lower_, found)
        return None

    def _appositive(self, head: Token, sentence: int, date: str | None) -> Mention | None:
        allowed = grammar_of(head).appositive_pos
        for child in head.rights:
            if child.dep_ == "appos" and child.pos_ in allowed:
                return self.mention_at(child, sentence, date)
        return None


def _acronym(text: str) -> bool:
    """ "SWA", "U.N.": one word in capitals, an abbreviation rather than a name."""
    letters = text.replace(".", "").strip()
    return len(letters) >= 2 and " " not in letters and letters.isupper()


def _join_title_and_name(mentions: list[Mention]) -> list[Mention]:
    """ "opposition politician Karim Ben Salah" parsed as two phrases: one actor, both spans.

    The small model often splits a role phrase from the name that follows it; when a singular
    role phrase ends exactly where a name begins, each takes what the other knows.
    """
    ordered = sorted(mentions, key=lambda m: m.start)
    for i in range(len(ordered) - 1):
        role, name = ordered[i], ordered[i + 1]
        if (
            role.end == name.start
            and role.kind == "group"
            and not role.plural
            and role.name is None
            and name.kind in ("person", "name")
            and name.name
            and name.role is None
        ):
            ordered[i] = replace(role, kind="person", name=name.name)
            ordered[i + 1] = replace(
                name,
                kind="person",
                role=role.role,
                role_word=role.role_word,
                country=name.country or role.country,
                country_how=name.country_how or role.country_how,
            )
    return ordered


def _located_in(head: Token) -> str | None:
    """The country of an "in X" / "from X" / "based in X" phrase on a noun, if X is one."""
    grammar = grammar_of(head)
    if grammar.universal_dependencies:  # "les forces au Mali", "basées à Gao"
        holders = [head, *(c for c in head.children if c.dep_ == "acl")]
        for holder in holders:
            for word, obj in grammar.preps(holder):
                kind, _, iso3 = obj.ent_id_.partition(":")
                if word in grammar.located_prepositions and kind in (COUNTRY, SEAT) and iso3:
                    return iso3
        return None
    candidates = [head]
    located = grammar.located_verbs
    candidates += [c for c in head.children if c.dep_ == "acl" and c.lemma_ in located]
    for token in candidates:
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "from", "inside"):
                continue
            for pobj in prep.children:
                kind, _, iso3 = pobj.ent_id_.partition(":")
                if pobj.dep_ == "pobj" and kind in (COUNTRY, SEAT) and iso3:
                    return iso3
    return None


def _is_place(head: Token) -> bool:
    """A bare country or capital after a locative preposition: "protests in Niamey" (French:
    a modifier phrase, "manifestations à Niamey"; "sanctions au Niger" as an argument is the
    target)."""
    grammar = grammar_of(head)
    if grammar.universal_dependencies:
        return (
            head.dep_ in ("obl:mod", "nmod")
            and grammar.case_of(head) in grammar.place_not_actor_prepositions
        )
    return head.dep_ == "pobj" and head.head.lower_ in grammar.place_not_actor_prepositions


ORG_SLOT = "<org>"
# Roles of the bodies of a state, which a place in their name ("the Manhattan Supreme Court",
# "the California National Guard") puts in that place's country.
STATE_BODY_ROLES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})


def _name_head(head: Token) -> bool:
    """Is the phrase head a person's name, whatever its case: tagged a person, or a proper
    noun the model took for an organisation it does not know ("city police commissioner Din
    Dayal Tuteja", tagged ORG)?"""
    return head.ent_type_ == "PERSON" or (
        head.pos_ == "PROPN" and head.ent_type_ == "ORG" and not head.ent_id_
    )


def _nominal_gerund(token: Token) -> bool:
    """A gerund used as a noun: "the police shooting of a black man" (it has a determiner),
    "died in police firing" (it has a noun compound before it)."""
    return grammar_of(token).is_gerund(token) and any(
        c.dep_ == "det" or (c.dep_ == "compound" and c.i < token.i) for c in token.children
    )


def _aged(head: Token) -> bool:
    """Does the phrase give the person's age in apposition ("Quina Jones, 25, said")?"""
    return any(
        child.dep_ == "appos" and child.text.isdigit() and 0 < int(child.text) < MAX_AGE
        for child in head.rights
    )


def _lemma(token: Token) -> str:
    """Lower-case lemma; proper-noun heads keep their case so that names can be told apart."""
    if token.pos_ == "PROPN":
        if token.ent_type_ == "PERSON" or (
            token.dep_ not in grammar_of(token).not_phrase_head_deps and token.is_title
        ):
            return token.text if token.ent_type_ == "PERSON" else token.lower_
        return token.lower_
    return token.lemma_.lower()


def _phrase_tokens(head: Token) -> list[Token]:
    """The head and its modifiers, recursively (no clauses, conjuncts or appositions)."""
    found = [head]
    stack = [head]
    grammar = grammar_of(head)
    modifiers = grammar.noun_phrase_modifier_deps
    while stack:
        token = stack.pop()
        for child in token.children:
            if (
                child.dep_ in modifiers
                or (grammar.universal_dependencies and _adjectival_participle(child))
                or (child.dep_ == "punct" and child.text in "-‑")
                # "Vietnamese-led forces" are that country's; "US-backed rebels" are not.
                or (child.dep_ == "npadvmod" and token.lower_ == "led" and token.dep_ == "amod")
            ):
                found.append(child)
                stack.append(child)
    return found


def _adjectival_participle(token: Token) -> bool:
    """A past participle the French parser hangs as a clause on its noun though it is an
    adjective of it: "des hommes (lourdement) armés" (``acl``, with at most an adverb)."""
    return (
        token.dep_ == "acl"
        and "Part" in token.morph.get("VerbForm", [])
        and "Past" in token.morph.get("Tense", [])
        and token.i > token.head.i
        and all(c.dep_ == "advmod" for c in token.children)
    )


@dataclass(frozen=True, slots=True)
class _Ent:
    start: int
    end: int
    label_: str
    ent_id_: str
    text: str


def _entities_in(doc: Doc, tokens: list[Token]) -> list[_Ent]:
    """The named entities that overlap a phrase, each once."""
    seen: set[int] = set()
    spans: list[_Ent] = []
    for token in tokens:
        if token.ent_iob_ == "O" or not token.ent_type_:
            continue
        # Walk back to the entity start; cheaper than scanning doc.ents for every token.
        start = token.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        if start in seen:
            continue
        seen.add(start)
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        first = doc[start]
        spans.append(_Ent(start, end, first.ent_type_, first.ent_id_, doc[start:end].text))
    return spans


def _with_country(parts: _Parts, country: str, how: str) -> _Parts:
    return _Parts(
        country=country,
        country_how=how,
        org=parts.org,
        name=parts.name,
        known_code=parts.known_code,
    )


def _replace_span(mention: Mention, head: int, start: int, end: int, sentence: int) -> Mention:
    return replace(mention, head=head, start=start, end=end, sentence=sentence)


def _narrower(own: Organisation | None, appos: Organisation | None) -> Organisation | None:
    """The phrase's organisation, unless its apposition names a part of it: "the UN mission
    in Mali (MINUSMA)" is MINUSMA (IGOUNOMSM), not the UN (IGOUNO)."""
    if own is None:
        return appos
    if appos is not None and appos.code != own.code and appos.code.startswith(own.code):
        return appos
    return own


def _merge_appos(
    parts: _Parts, role: str | None, role_word: str | None, appos: Mention
) -> tuple[_Parts, str | None, str | None]:
    country = parts.country or appos.country
    how = parts.country_how if parts.country else appos.country_how
    merged = _Parts(
        country=country,
        country_how=how,
        org=_narrower(parts.org, appos.org),
        # "South Waziristan Agency (SWA)", "Chief of Army Staff (COAS)": an abbreviation in
        # apposition is the phrase's short form, not a person's name.
        name=parts.name or (None if appos.name and _acronym(appos.name) else appos.name),
        known_code=parts.known_code or appos.known_code,
    )
    return merged, role or appos.role, role_word or appos.role_word
