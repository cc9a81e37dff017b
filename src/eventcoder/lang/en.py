"""English grammar as the stages use it: spaCy English dependency labels (ClearNLP style),
part-of-speech tags and closed-class words.

One set per use, named for what it is used for. Two stages that need "the locative
prepositions" for different purposes keep two sets with two names: a set is never widened or
narrowed for another stage's sake. Content words (verbs, nouns, place and cue words) are
knowledge and live in ``data/``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType

from spacy.tokens import Doc, Token

from eventcoder.lang.grammar import Grammar

# shared
# (several stages)
# Relative pronouns that stand for the noun a relative clause hangs from ("soldiers who ...").
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Subjects of an active verb (the doer); passive subjects are the undergoer.
ACTIVE_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})

# places
# (places/location.py: where an event happened)

# Prepositions whose object is where the event happened: "in", "at", "near", "through",
# "on the outskirts of", "the skies above New York", "a tunnel bomb under the stronghold".
LOCATIVE_PREPOSITIONS = frozenset(
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
        "on",
        "along",
        "off",
        "through",
        "over",
        "into",
        "onto",
        "beyond",
        "past",
        "above",
        "below",
        "under",
        "beneath",
        "between",
        "amid",
        "among",
    }
)
# Prepositions of direction; their object counts only when no locative phrase names a place.
DIRECTIONAL_PREPOSITIONS = frozenset({"to", "toward", "towards", "from"})
# Inside a locative phrase: "in the town of X", "in a camp near X".
NESTED_LOCATIVE_PREPOSITIONS = LOCATIVE_PREPOSITIONS | {"of"}
# Arguments of a governor whose own locative phrases place the event: "gunmen in Quetta shot".
PLACED_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "agent"})
# Dependencies climbed from a trigger to the words that govern it ("staged a protest in X").
PLACE_CLIMB_DEPS = frozenset(
    {"xcomp", "conj", "advcl", "acl", "pcomp", "dobj", "nsubj", "nsubjpass"}
)
# Modifiers of a nominal trigger that name its place: "the Niamey protest".
PLACE_MODIFIER_DEPS = frozenset({"compound", "poss", "nmod"})
# The patient of a verb: its object, or the subject of a passive ("Jaffna was captured").
PATIENT_DEPS = frozenset({"dobj", "nsubjpass"})
# A coordinated verb with one of these has a subject (and a place) of its own.
OWN_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Reported speech: a place is never carried across one ("said in Paris that ...").
REPORTED_CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})

# (places/toponyms.py: finding place names)

# Prepositions after which a two-word PERSON entity is read as a place ("In Tuz Khurmatu").
PERSON_AS_PLACE_PREPOSITIONS = frozenset({"in", "at", "near"})
# Prepositions before a capitalised word that support a gazetteer match as a place.
TOPONYM_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "near",
        "from",
        "to",
        "into",
        "outside",
        "inside",
        "across",
        "around",
        "toward",
        "towards",
        "via",
        "throughout",
        "between",
        "through",
        "within",
        "of",
    }
)
# (places/toponyms.py) Prepositions that take a point, not an area: "near Tillaberi" is the town
# (a region would be "in the Tillaberi region").
POINT_PREPOSITIONS = frozenset({"near", "outside"})
# (places/__init__.py) The active subject of a verb: a capital there names its government
# ("Washington said"), an actor, not a place.
GOVERNMENT_SUBJECT_DEPS = frozenset({"nsubj"})
# Possessive endings dropped from the end of a place entity ("Niger's").
POSSESSIVE_ENDINGS = frozenset({"'s", "’s", "'", "’"})

# quotes
# (quotes/: speech acts, speakers, reported speech)

# Dependencies climbed from a speech verb with no subject to a verb that has one ("X was
# quoted as saying", "speaking to reporters, X said").
SPEAKER_CLIMB_DEPS = frozenset({"advcl", "pcomp", "prep", "xcomp", "conj", "parataxis"})
# The subject side of a verb: quoted words there are not what the verb says; a parenthetical
# speech verb with one of these reports the clause around it.
SUBJECT_SIDE_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "agent"})
# The speaker after the verb: '"...," said the minister', 'Said Ellis: "..."'.
INVERTED_SPEAKER_DEPS = frozenset({"dobj", "attr", "npadvmod", "appos", "dep", "oprd", "nsubj"})
# Dependents that belong to an uncoded speaker's phrase ("a senior Western diplomat").
SPEAKER_PHRASE_DEPS = frozenset(
    {"compound", "amod", "det", "poss", "nummod", "nmod", "flat", "case", "quantmod"}
)
# Parts of speech of the head of a reported clause ("said that ...").
REPORTED_CLAUSE_POS = frozenset({"VERB", "AUX", "ADJ", "NOUN", "PROPN"})
# Prepositions whose object is a document's author: "a statement by/from/of the junta".
AUTHOR_PREPOSITIONS = frozenset({"by", "from", "of"})
# Words for a part of a group that speaks for it: "one of those advisers", "some of his aides".
PARTITIVE_WORDS = frozenset(
    {"one", "some", "many", "several", "most", "two", "three", "each", "none"}
)
# Determiners between a naming word and a quotation: known as the "Buffett rule".
NAME_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "his", "her", "their"})
# Words a capitalised title leaves in lower case: "The Art of the Deal".
TITLE_MINOR_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "by", "with", "from"}
)
# Prepositions before a title that is a programme or publication: said on "Meet the Press".
TITLE_PREPOSITIONS = frozenset({"on", "in", "at", "from"})

# time
# (time/: dates of events)

# Dependencies climbed from a trigger to the verbs whose time is the event's own ("agreed on
# Tuesday to meet", "arrested ... and detained on Monday").
DATE_CLIMB_DEPS = frozenset({"xcomp", "conj", "advcl"})
# Clauses whose time is their own: an expression inside one is not lent to the sentence.
OWN_TIME_CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp"})
# Dependencies by which an expression modifies a noun as its own time ("Wednesday's coup").
NOUN_TIME_MODIFIER_DEPS = frozenset({"poss", "compound", "nmod", "amod", "nummod"})
# Function words inside time expressions, with their letter in the expression grammar of
# time/find.py: "the 27th of July", "in the past", "next year's first quarter".
TIME_FUNCTION_WORDS: Mapping[str, str] = MappingProxyType(
    {"the": "t", "of": "o", "in": "i", "'s": "s", "’s": "s"}
)

# parse
# (nlp.py: restoring case in text written all in lower case or all in capitals)

# Words always written with a capital: days, unambiguous months ("march" and "may" are verbs
# too) and the pronoun "I".
CAPITALISED_WORDS = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "i",
    }
)
# Characters that end a sentence; the next word starts with a capital.
SENTENCE_ENDINGS = frozenset(".!?")

# Reduced passives ("Two protesters shot dead in Nairobi", headline "Protesters shot at by
# police"): the model reads them as active clauses whose subject did it. A past-tense verb with
# a subject and no auxiliary or object is passive when it has a resultative complement
# ("shot dead"), when the verb always takes an object ("Curfew lifted."), or, in a headline,
# when it has a "by" phrase.
REDUCED_PASSIVE_RESULTS = frozenset({"dead"})
REDUCED_PASSIVE_AGENT = "by"
PAST_TAGS = frozenset({"VBD", "VBN"})
ACTIVE_CLAUSE_DEPS = frozenset({"aux", "auxpass", "dobj", "dative", "ccomp", "xcomp"})
# Verbs that always take an object: with a subject, no auxiliary and no object they are a
# reduced passive ("Curfew lifted.", "Opposition leader detained after protests").
TRANSITIVE_ONLY_VERBS = frozenset(
    {
        "arrest",
        "detain",
        "jail",
        "imprison",
        "sentence",
        "convict",
        "charge",
        "indict",
        "deport",
        "expel",
        "kidnap",
        "abduct",
        "lift",
        "impose",
        "ban",
        "summon",
        "accuse",
        "free",
        "release",
        "sack",
        "oust",
        "behead",
        "lynch",
    }
)
# Verbs whose "by" is part of an active phrasal verb ("the government stood by its decision").
BY_PHRASAL_VERBS = frozenset({"stand", "abide", "go", "pass", "drop", "stop", "swear", "live"})


def repair_reduced_passives(doc: Doc) -> None:
    """Relabel reduced passives (``REDUCED_PASSIVE_RESULTS``): the subject becomes the passive
    subject and the "by" phrase the agent, as in a full passive."""
    for verb in doc:
        if verb.tag_ not in PAST_TAGS or verb.pos_ != "VERB":
            continue
        children = list(verb.children)
        subjects = [c for c in children if c.dep_ == "nsubj"]
        if not subjects or any(c.dep_ in ACTIVE_CLAUSE_DEPS for c in children):
            continue
        result = any(c.dep_ == "oprd" and c.lower_ in REDUCED_PASSIVE_RESULTS for c in children)
        agents = [
            c
            for c in children
            if c.dep_ == "prep"
            and c.lower_ == REDUCED_PASSIVE_AGENT
            and verb.lemma_.lower() not in BY_PHRASAL_VERBS
        ]
        transitive = verb.lemma_.lower() in TRANSITIVE_ONLY_VERBS
        if not (result or transitive or (agents and _headline(verb))):
            continue
        for subject in subjects:
            subject.dep_ = "nsubjpass"
        for agent in agents:
            agent.dep_ = "agent"


def repair_names_read_as_verbs(doc: Doc) -> None:
    """A lexicon name the small model reads as the clause's verb, with the real verb as its
    conjunct: "ECOWAS heads of state, meeting in Abuja, imposed sanctions" (ECOWAS the ROOT,
    "heads" its object, "imposed" a conjunct or an unlabelled ``dep``). The name becomes a
    compound of the noun, the noun the subject of that verb, and the verb the root."""
    for name in doc:
        if name.dep_ != "ROOT" or name.pos_ != "VERB" or not name.ent_id_:
            continue
        children = list(name.children)
        nouns = [c for c in children if c.dep_ == "dobj" and c.i == name.i + 1]
        verbs = [c for c in children if c.dep_ in ("conj", "dep") and c.pos_ == "VERB"]
        if not nouns or not verbs or any(c.dep_ in ("nsubj", "nsubjpass") for c in children):
            continue
        noun, verb = nouns[0], verbs[0]
        verb.head, verb.dep_ = verb, "ROOT"
        noun.head, noun.dep_ = verb, "nsubj"
        name.head, name.dep_, name.pos_, name.tag_ = noun, "compound", "PROPN", "NNP"
        for child in children:
            if child not in (noun, verb):
                child.head = verb


def repair_second_objects(doc: Doc) -> None:
    """A verb with an indirect object (``dative``) and no direct object has its direct object
    misread as an adverbial noun: "gave the soldiers one week to reinstate" ("week" an
    ``npadvmod``); the first such noun after the dative becomes the ``dobj``."""
    for verb in doc:
        children = list(verb.children)
        datives = [c for c in children if c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN")]
        if not datives or any(c.dep_ == "dobj" for c in children):
            continue
        after = [c for c in children if c.dep_ == "npadvmod" and c.i > datives[0].i]
        if after:
            after[0].dep_ = "dobj"


def _headline(token: Token) -> bool:
    """Is the token's sentence a headline: a line that does not end in sentence punctuation?"""
    sent = token.sent
    last = sent[-1]
    while last.is_space and last.i > sent.start:
        last = last.doc[last.i - 1]
    return last.text not in SENTENCE_ENDINGS


# actors
# (actors/: mentions and the article's focus country)

# A country or capital after these prepositions is where something happens, not who acts.
# "at" is left out: with a country it is usually a target ("fired at Russia").
PLACE_NOT_ACTOR_PREPOSITIONS = frozenset(
    {
        "in",
        "near",
        "across",
        "throughout",
        "inside",
        "outside",
        "around",
        "within",
        "into",
        "through",
        "via",
        "along",
        "beyond",
    }
)
# A country after these prepositions weighs as the place of the story (focus country).
FOCUS_PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "across", "throughout", "inside", "outside"}
)
# Dependents that belong to a noun phrase (its modifiers), as opposed to clauses and conjuncts.
NOUN_PHRASE_MODIFIER_DEPS = frozenset(
    {"compound", "amod", "det", "poss", "nummod", "nmod", "flat", "case", "quantmod", "nn"}
)
NOUN_PHRASE_HEAD_POS = frozenset({"NOUN", "PROPN", "PRON"})
# Dependents that are never the head of an actor phrase of their own.
NOT_PHRASE_HEAD_DEPS = frozenset({"compound", "amod", "flat", "nn", "case", "det", "nmod"})
# Pronouns resolved to an earlier actor, with the kind of antecedent they take.
PERSONAL_PRONOUNS: Mapping[str, str] = MappingProxyType(
    {
        "he": "person",
        "him": "person",
        "she": "person",
        "her": "person",
        "they": "plural",
        "them": "plural",
        "it": "thing",
        "we": "plural",
        "us": "plural",
        # possessives: "their forces", "its withdrawal", "his release"
        "his": "person",
        "its": "thing",
        "their": "plural",
        "our": "plural",
    }
)
# Determiners of a definite description ("the junta") that refers back to a named actor.
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})

# events
# (events/: triggers, their arguments and factuality)
# Prepositions that introduce a target; place and time prepositions (in, at, near, on +
# weekday) are excluded because "in Niamey" says where, not to whom. The order ranks them.
TARGET_PREPOSITIONS = (
    "against",
    "on",
    "upon",
    "with",
    "to",
    "toward",
    "towards",
    "into",
    "for",
    "from",
    "of",
    "at",
    "over",
)
# Prepositions whose object may be where an event happens ("arrived in Bamako").
EVENT_PLACE_PREPOSITIONS = frozenset({"in", "to", "at", "into", "inside", "across", "near"})
# Adverbs the parser often labels advmod where they are verb particles ("stepped down",
# "brushed aside", "pulled back"): taken as particles when right after the verb or its object.
PARTICLE_ADVERBS = frozenset({"down", "up", "off", "out", "back", "aside", "away", "over", "in"})
# Verbs whose object the parser often makes the subject of a following clause: "Iran allowed
# IAEA inspectors to visit the site" (inspectors = nsubj of visit).
CAUSATIVE_VERBS = frozenset({"allow", "permit", "let", "order", "force", "help", "enable"})
# Passive forms that describe their subject's own stance or activity: "Israel is opposed to
# French mediation", "Serb forces were engaged in ethnic cleansing".
STATIVE_PASSIVES = frozenset(
    {
        "oppose",
        "commit",
        "determine",
        "prepare",
        "dedicate",
        "devote",
        "engage",
        "involve",
        "resolve",
        "poise",
    }
)
# Heads of a quantified object: "lifted most of the sanctions" is about the sanctions.
QUANTIFIER_HEADS = frozenset(
    {
        "most",
        "all",
        "some",
        "many",
        "much",
        "part",
        "half",
        "several",
        "few",
        "none",
        "rest",
        "dozens",
        "hundreds",
        "thousands",
        "scores",
        "number",
        "majority",
        "bulk",
        "remainder",
        # measures: "25,000 tons of food aid", "$50,000 worth of goods", "700 kg of medicine"
        "ton",
        "tonne",
        "kg",
        "kilogram",
        "dollar",
        "euro",
        "worth",
        "amount",
        "million",
        "billion",
        "batch",
        "consignment",
        "shipment",
        "load",
        "package",
        "quantity",
        "supply",
    }
)
# Number words of counts ("killed five", "one person"), and the vague quantity words with the
# smallest number each can mean (for dead and injured) and the word kept for crowd size.
NUMBER_WORDS: Mapping[str, int] = MappingProxyType(
    {
        "a": 1,
        "an": 1,
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "thousand": 1000,
        "dozen": 12,
        "million": 1_000_000,
    }
)
VAGUE_NUMBERS: Mapping[str, tuple[int, str]] = MappingProxyType(
    {
        "dozens": (24, "dozens"),
        "scores": (40, "dozens"),
        "hundreds": (200, "hundreds"),
        "thousands": (2000, "thousands"),
        "millions": (2_000_000, "hundreds of thousands"),
    }
)
# Dependencies of the clauses that report what an event did ("fired at the crowd, killing one
# and wounding eight"): their counts are the event's casualties.
CONSEQUENCE_CLAUSE_DEPS = frozenset({"conj", "advcl", "xcomp", "acl"})
# Prepositions linking a killing to the event that caused it ("killed in police firing").
CAUSE_PREPOSITIONS = frozenset({"in", "by", "during", "due"})  # "due": "died due to firing"
# Verbs whose subject died of what their "to" phrase names ("succumbed to his injuries").
SUCCUMB_VERBS = frozenset({"succumb"})
# Subordinators of a clause whose event caused the deaths its head verb reports ("three
# persons died when the police opened fire").
WHEN_MARKERS = frozenset({"when", "as"})

# Subordinators that make a clause conditional: its events may not happen.
CONDITIONAL_MARKERS = frozenset({"if", "unless", "whether"})
# Positions of an event noun in its verb's clause whose verb cues reach the noun.
NOUN_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj"})

# petrarch
# (petrarch/: the PETRARCH/TABARI dictionary layer)
PETRARCH_HEAD_POS = frozenset({"NOUN", "PROPN", "PRON"})
PETRARCH_NOT_HEAD_DEPS = frozenset(
    {"compound", "amod", "flat", "nn", "det", "case", "nmod", "poss", "nummod", "quantmod"}
)
# Dependents that start a clause: never part of a noun phrase's words.
CLAUSE_DEPS = frozenset(
    {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "dep", "meta"}
)
COORDINATION_DEPS = frozenset({"conj", "cc", "preconj"})
HYPHENS = frozenset({"-", "‑", "–"})
# Pronouns that may stand for an earlier actor, and the plural ones among them.
ANAPHORIC_PRONOUNS = frozenset(
    {"he", "she", "it", "they", "him", "her", "them", "we", "us", "i", "me", "you"}
)
PLURAL_PRONOUNS = frozenset({"they", "them", "we", "us"})
# Subjects of either voice: the grammatical subject a pronoun can share with its antecedent.
ANY_VOICE_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Objects of a verb in PETRARCH patterns (the dative included: "gave Iraq aid").
VERB_OBJECT_DEPS = frozenset({"dobj", "obj", "dative"})
# Subordinators whose clause still belongs to the verb phrase in PETRARCH patterns.
SUBORDINATORS_KEPT = frozenset({"to", "that", "whether", "if"})
# Words that may open a noun phrase before a dictionary phrase.
PHRASE_LEADING_DEPS = frozenset({"det", "poss", "predet"})
# Words that make a following title a former one ("former president", "ex-minister").
FORMER_WORDS = frozenset({"former", "ex"})


# structure
# (the readings of the ClearNLP parse the grammar object exposes; events/syntax.py asks them
# through lang.grammar_of)


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def preps(token: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, object head) pairs attached to a token, conjuncts included.

    "pulled out of the talks" is parsed out -> of -> talks: the "of" phrase is the verb's.
    """
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.pos_ == "ADP":
            for pobj in child.children:
                if pobj.dep_ in ("pobj", "pcomp"):
                    for obj in _with_conjuncts(pobj):
                        yield child.lower_, obj
                elif pobj.dep_ == "prep" and child.lower_ == "out" and pobj.lower_ == "of":
                    for obj in pobj.children:
                        if obj.dep_ == "pobj":
                            yield "of", obj


def particle_of(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "prt":
            return child.lower_
        if (
            child.dep_ == "prep"
            and child.lower_ == "out"
            and any(c.dep_ == "prep" and c.lower_ == "of" for c in child.children)
        ):
            return "out"  # "pulled out of the talks"
    for child in verb.children:
        if (
            child.dep_ == "advmod"
            and child.lower_ in PARTICLE_ADVERBS
            and 0 < child.i - verb.i <= 3
        ):
            return child.lower_
    return None


def is_passive(verb: Token) -> bool:
    return is_reduced_passive(verb) or any(
        c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children
    )


# Heads a past participle can reduce a passive relative on: "persons arrested in the state",
# "over 800 arrested for violence", "those taken into custody".
REDUCED_PASSIVE_HEADS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def is_reduced_passive(verb: Token) -> bool:
    """A past participle on a noun, with no object or subject of its own: "the people killed
    in police firing" (the people were killed)."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and verb.head.pos_ in REDUCED_PASSIVE_HEADS
        and not any(c.dep_ in ("dobj", "obj", "nsubj") for c in verb.children)
    )


def passive_agents(verb: Token) -> list[Token]:
    """The "by" agent of a passive ("was arrested by soldiers")."""
    for child in verb.children:
        if child.dep_ == "agent":
            return [t for c in child.children if c.dep_ == "pobj" for t in _with_conjuncts(c)]
    return []


def is_plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS") or token.lower_.endswith("s")


def is_gerund(token: Token) -> bool:
    return token.tag_ == "VBG"


def is_possessor(token: Token) -> bool:
    return token.dep_ == "poss"


def target_phrase(prep: str, obj: Token) -> bool:
    return prep in TARGET_PREPOSITIONS


def morph_cues(token: Token) -> frozenset[str]:
    """English writes the conditional and the future with auxiliaries (modality.tsv words)."""
    return frozenset()


def clause_preps(token: Token) -> Iterator[tuple[str, Token]]:
    return iter(())


def case_of(token: Token) -> str | None:
    return token.head.lower_ if token.dep_ == "pobj" else None


ENGLISH = Grammar(
    code="en",
    universal_dependencies=False,
    case_of=case_of,
    clause_preps=clause_preps,
    preps=preps,
    particle_of=particle_of,
    is_passive=is_passive,
    passive_agents=passive_agents,
    is_plural=is_plural,
    is_gerund=is_gerund,
    is_possessor=is_possessor,
    target_phrase=target_phrase,
    morph_cues=morph_cues,
    active_subject_deps=ACTIVE_SUBJECT_DEPS,
    passive_subject_deps=PASSIVE_SUBJECT_DEPS,
    object_deps=frozenset({"dobj", "obj"}),
    dative_deps=frozenset({"dative"}),
    agent_deps=frozenset({"agent"}),
    relative_clause_deps=frozenset({"relcl"}),
    reduced_relative_deps=frozenset({"acl"}),
    passive_label_needs_passive=False,
    purpose_marks=frozenset({"to"}),
    infinitive_marks=frozenset({"to"}),
    relative_pronouns=RELATIVE_PRONOUNS,
    target_prepositions=TARGET_PREPOSITIONS,
    event_place_prepositions=EVENT_PLACE_PREPOSITIONS,
    preposition_roles=MappingProxyType({}),
    noun_modifier_deps=frozenset({"poss", "compound", "amod", "nmod"}),
    causative_verbs=CAUSATIVE_VERBS,
    stative_passives=STATIVE_PASSIVES,
    quantifier_heads=QUANTIFIER_HEADS,
    conditional_markers=CONDITIONAL_MARKERS,
    ellipsis_marks=frozenset({"as"}),
    ellipsis_verbs=frozenset({"be", "do", "have"}),
    setting_speech_verbs=frozenset({"speak", "talk", "address"}),
    noun_argument_deps=NOUN_ARGUMENT_DEPS,
    personal_pronouns=PERSONAL_PRONOUNS,
    definite_determiners=DEFINITE_DETERMINERS,
    noun_phrase_modifier_deps=NOUN_PHRASE_MODIFIER_DEPS,
    not_phrase_head_deps=NOT_PHRASE_HEAD_DEPS,
    place_not_actor_prepositions=PLACE_NOT_ACTOR_PREPOSITIONS,
    complement_prepositions=frozenset({"of", "for"}),
    employer_prepositions=frozenset({"at", "with"}),
    located_prepositions=frozenset({"in", "from", "inside"}),
    # "a group based in Trinidad", "a woman visiting from Canada", "a man hailing from Kano"
    located_verbs=frozenset({"base", "locate", "visit", "hail", "come", "travel"}),
    focus_place_prepositions=FOCUS_PLACE_PREPOSITIONS,
    appositive_pos=frozenset({"NOUN", "PROPN"}),
    venue_prepositions=frozenset({"at", "on", "in", "from", "during", "over"}),
)
