"""French grammar as the stages use it: the Universal Dependencies labels of
``fr_core_news_md`` 3.8, its morphology and the closed-class words of French news.

The readings follow the study in docs/french.md ("The ten facts"): prepositions are ``case``
children of their noun (read by their text through ``CASE_WORDS``, never by lemma); a real
passive has an ``aux:pass`` and is neither a reflexive (``se`` as ``expl:comp``/``expl:pass``)
nor a verb conjugated with être; the reflexive clitic is the French particle ``se``; the
conditional is read from the form when the model tags it as an imperfect. Content words (verbs,
nouns, roles, cue words) are knowledge and live in ``data/fr/``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType

from spacy.tokens import Doc, Token

from eventcoder.lang.grammar import Grammar

# shared
# Contractions and elisions read as the preposition they hold ("au" has the lemma "au",
# "entre" is lemmatised "entrer", "sous" "sou": the case word is read by its text).
CASE_WORDS: Mapping[str, str] = MappingProxyType(
    {"au": "à", "aux": "à", "du": "de", "des": "de", "d'": "de", "d’": "de"}
)
# Dependencies of a noun that a preposition (its ``case`` child) attaches to a verb or noun.
OBLIQUE_DEPS = frozenset({"obl:arg", "obl:mod", "obl:agent", "obl", "nmod", "iobj"})
# Adverbs heading a complex preposition ("près de la frontière", "lors de l'attaque"): their
# noun hangs on them as ``dep`` or ``obl:arg``.
ADVERB_PREPOSITIONS = frozenset({"près", "lors", "loin", "autour", "face", "auprès", "hors"})
# Reflexive clitics: with ``expl:comp``/``expl:pass`` they are the particle "se".
REFLEXIVE_CLITICS = frozenset({"se", "s'", "me", "m'", "te", "t'", "nous", "vous"})
REFLEXIVE_DEPS = frozenset({"expl:comp", "expl:pass"})
# Verbs conjugated with être, which the model parses as passives ("sont descendus"): their
# ``nsubj:pass`` is the doer (docs/french.md section 4).
ETRE_VERBS = frozenset(
    {
        "aller",
        "arriver",
        "descendre",
        "devenir",
        "entrer",
        "monter",
        "mourir",
        "naître",
        "partir",
        "passer",
        "rentrer",
        "rester",
        "retourner",
        "revenir",
        "sortir",
        "tomber",
        "venir",
        "parvenir",
        "intervenir",
        "survenir",
    }
)
RELATIVE_PRONOUNS = frozenset(
    {"qui", "que", "qu'", "dont", "lequel", "laquelle", "lesquels", "lesquelles"}
)
ACTIVE_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubj:pass"})

# Future stems of the irregular verbs, for the conditional read from the form ("serait",
# "pourraient": the model tags some -rait forms as imperfects, docs/french.md section 11).
IRREGULAR_FUTURE_STEMS = frozenset(
    {
        "ser",
        "aur",
        "fer",
        "ir",
        "pourr",
        "devr",
        "voudr",
        "faudr",
        "viendr",
        "tiendr",
        "enverr",
        "verr",
        "saur",
        "courr",
        "mourr",
        "vaudr",
        "interviendr",
        "obtiendr",
        "maintiendr",
        "reviendr",
        "deviendr",
        "prendr",
    }
)
CONDITIONAL_ENDINGS = ("aient", "ait", "ais", "ions", "iez")

# events
# Prepositions that introduce a target, ranked (place and time prepositions excluded: "à" is
# a target only under ``obl:arg``, see ``preps``).
TARGET_PREPOSITIONS = (
    "contre",
    "sur",
    "avec",
    "à",
    "envers",
    "vers",
    "auprès",
    "pour",
    "de",
    "entre",
    "chez",
)
EVENT_PLACE_PREPOSITIONS = frozenset({"à", "en", "dans", "vers", "près", "au"})
# Verbs whose causee the parser may make the subject of the following clause.
CAUSATIVE_VERBS = frozenset(
    {"faire", "laisser", "permettre", "autoriser", "obliger", "forcer", "contraindre"}
)
# Passive forms that describe their subject's own stance ("est opposé à", "est engagé dans").
STATIVE_PASSIVES = frozenset(
    {"opposer", "engager", "déterminer", "résoudre", "impliquer", "préparer", "disposer"}
)
# Heads of a quantified object ("une dizaine de soldats", "la plupart des manifestants").
QUANTIFIER_HEADS = frozenset(
    {
        "dizaine",
        "vingtaine",
        "trentaine",
        "quarantaine",
        "cinquantaine",
        "centaine",
        "millier",
        "million",
        "milliard",
        "plupart",
        "majorité",
        "partie",
        "moitié",
        "nombre",
        "ensemble",
        "totalité",
        "essentiel",  # "l'essentiel des sanctions"
        "gros",  # "le gros des troupes"
        "reste",
        "tonne",
        "lot",
        "cargaison",
        "groupe",
        "plusieurs",
    }
)
CONDITIONAL_MARKERS = frozenset({"si"})
NOUN_ARGUMENT_DEPS = frozenset({"nsubj", "nsubj:pass", "obj"})

# actors
PERSONAL_PRONOUNS: Mapping[str, str] = MappingProxyType(
    {
        "il": "person",
        "-il": "person",
        "elle": "person",
        "-elle": "person",
        "ils": "plural",
        "-ils": "plural",
        "elles": "plural",
        "-elles": "plural",
        "lui": "person",
        "eux": "plural",
        "nous": "plural",
        "-nous": "plural",
        "le": "person",
        "la": "person",
        "l'": "person",
        "les": "plural",
        "leur": "plural",
    }
)
DEFINITE_DETERMINERS = frozenset({"le", "la", "l'", "les", "ce", "cet", "cette", "ces"})
NOUN_PHRASE_MODIFIER_DEPS = frozenset(
    {"amod", "det", "nummod", "nmod", "flat:name", "flat:foreign", "fixed", "case"}
)
NOUN_PHRASE_HEAD_POS = frozenset({"NOUN", "PROPN", "PRON"})
# Unlike English, an ``nmod`` with a preposition heads a phrase of its own ("l'arrestation de
# l'opposant": "opposant" must become a mention); ``is_phrase_head`` below keeps it.
NOT_PHRASE_HEAD_DEPS = frozenset({"amod", "flat:name", "case", "det", "fixed"})
PLACE_NOT_ACTOR_PREPOSITIONS = frozenset(
    {"dans", "près", "en", "à", "au", "aux", "autour", "parmi", "chez", "à travers"}
)
FOCUS_PLACE_PREPOSITIONS = frozenset({"à", "en", "dans", "près"})


def case_word(noun: Token) -> str | None:
    """The preposition of a noun (its ``case`` child), normalised: "aux" -> "à"; "d'après"
    keeps its fixed word ("de après" is read "d'après")."""
    for child in noun.children:
        if child.dep_ == "case" and child.i < noun.i:
            low = child.lower_
            word = CASE_WORDS.get(low, low)
            fixed = [c.lower_ for c in child.children if c.dep_ == "fixed"]
            if fixed and low in ("d'", "de"):
                return "d'" + " ".join(fixed)
            return word
    return None


def _with_conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def preps(token: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, noun) pairs on a token: its ``obl``/``nmod`` dependents with a ``case``
    child, and the nouns of complex prepositions headed by an adverb ("près de")."""
    for child in token.children:
        if child.dep_ in OBLIQUE_DEPS:
            word = case_word(child)
            if word is not None:
                for obj in _with_conjuncts(child):
                    yield word, obj
        elif child.dep_ == "advmod" and child.lower_ in ADVERB_PREPOSITIONS:
            for noun in child.children:
                if noun.dep_ in ("dep", "obl:arg", "obl:mod", "nmod"):
                    for obj in _with_conjuncts(noun):
                        yield child.lower_, obj


INFINITIVE_MARKS = {"de": "de", "d'": "de", "à": "à"}


def clause_preps(token: Token) -> Iterator[tuple[str, Token]]:
    """The infinitive complements of a verb as (mark, word) pairs: "accusé la CEDEAO de
    préparer une agression" -> ("de", préparer), ("de", agression). The infinitive is an
    ``xcomp`` of the verb, or an ``acl`` of its object when the parser hangs it there
    ("accusé l'armée de bombarder")."""
    clauses = [c for c in token.children if c.dep_ == "xcomp"]
    for obj in token.children:
        if obj.dep_ == "obj":
            clauses += [c for c in obj.children if c.dep_ == "acl"]
    for clause in clauses:
        if "Inf" not in clause.morph.get("VerbForm", []):
            continue
        marks = [c.lower_ for c in clause.children if c.dep_ == "mark" and c.i < clause.i]
        mark = INFINITIVE_MARKS.get(marks[0]) if marks else None
        if mark is None:
            continue
        for verb in _through_light_verbs(clause):
            yield mark, verb
            for obj in verb.children:
                if obj.dep_ == "obj" and obj.pos_ in ("NOUN", "PROPN"):
                    yield mark, obj


# Verbs of attempt and will whose infinitive names the act: "accusé de vouloir déstabiliser",
# "de chercher à s'ingérer", "d'avoir tenté de renverser".
LIGHT_INFINITIVE_VERBS = frozenset({"vouloir", "chercher", "tenter", "essayer", "projeter"})


def _through_light_verbs(clause: Token) -> list[Token]:
    found = [clause]
    while clause.lemma_ in LIGHT_INFINITIVE_VERBS:
        inner = [c for c in clause.children if c.dep_ == "xcomp"]
        if not inner:
            break
        clause = inner[0]
        found.append(clause)
    return found


def _reflexive(child: Token) -> bool:
    return child.dep_ in REFLEXIVE_DEPS and (
        "Yes" in child.morph.get("Reflex", []) or child.lower_ in REFLEXIVE_CLITICS
    )


def particle_of(verb: Token) -> str | None:
    """ "se" for a reflexive verb ("s'emparer", "se retirer", "s'est fait exploser")."""
    for child in verb.children:
        if _reflexive(child):
            return "se"
    return None


def is_passive(verb: Token) -> bool:
    """A real passive: an ``aux:pass`` (or a "par" agent), no reflexive clitic, and not a verb
    conjugated with être ("sont descendus")."""
    if any(_reflexive(c) for c in verb.children):
        return False
    if verb.lemma_.lower() in ETRE_VERBS:
        return False
    return any(c.dep_ in ("aux:pass", "obl:agent") for c in verb.children)


def passive_agents(verb: Token) -> list[Token]:
    """The "par" agent of a passive ("a été arrêté par des militaires")."""
    return [t for c in verb.children if c.dep_ == "obl:agent" for t in _with_conjuncts(c)]


def is_plural(token: Token) -> bool:
    number = token.morph.get("Number", [])
    if number:
        return "Plur" in number
    return token.lower_.endswith(("s", "x"))


def is_gerund(token: Token) -> bool:
    """A present participle ("tuant"), with or without the "en" of the gérondif."""
    return "Part" in token.morph.get("VerbForm", []) and "Pres" in token.morph.get("Tense", [])


def is_possessor(token: Token) -> bool:
    """ "leur tentative", "ses troupes": the possessive determiner."""
    return token.dep_ == "det" and "Yes" in token.morph.get("Poss", [])


# Prepositions that name a place when their phrase is a modifier (obl:mod), an addressee or
# target when it is an argument (obl:arg): "à Niamey" / "aux militaires".
PLACE_WHEN_MODIFIER = frozenset({"à", "en", "dans", "vers", "chez"})


def target_phrase(prep: str, obj: Token) -> bool:
    if prep not in TARGET_PREPOSITIONS:
        return False
    return not (prep in PLACE_WHEN_MODIFIER and obj.dep_ == "obl:mod")


def _conditional_form(token: Token) -> bool:
    """ "imposerait", "rendraient", "serait": a form in -rait(s)/-raient/-rions/-riez built on
    the future stem (the model tags some of them as imperfects)."""
    form = token.lower_
    lemma = token.lemma_.lower()
    for ending in CONDITIONAL_ENDINGS:
        if form.endswith(ending) and len(form) > len(ending) + 1:
            stem = form[: -len(ending)]
            if not stem.endswith("r"):
                return False
            return stem == lemma or stem == lemma[:-1] or stem in IRREGULAR_FUTURE_STEMS
    return False


def morph_cues(token: Token) -> frozenset[str]:
    """The mood and tense of a verb and its auxiliaries: "mood=cnd", "tense=fut", "mood=sub"."""
    found: set[str] = set()
    for word in (token, *(c for c in token.children if c.dep_ in ("aux:tense", "aux:pass"))):
        if word.pos_ not in ("VERB", "AUX"):
            continue
        if "Cnd" in word.morph.get("Mood", []) or (
            "Fin" in word.morph.get("VerbForm", []) and _conditional_form(word)
        ):
            found.add("mood=cnd")
        if "Fut" in word.morph.get("Tense", []):
            found.add("tense=fut")
        if "Sub" in word.morph.get("Mood", []):
            found.add("mood=sub")
    return frozenset(found)


FRENCH = Grammar(
    code="fr",
    universal_dependencies=True,
    case_of=case_word,
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
    object_deps=frozenset({"obj"}),
    dative_deps=frozenset({"iobj"}),
    agent_deps=frozenset({"obl:agent"}),
    relative_clause_deps=frozenset({"acl:relcl"}),
    reduced_relative_deps=frozenset({"acl"}),
    passive_label_needs_passive=True,
    purpose_marks=frozenset({"pour", "afin"}),
    infinitive_marks=frozenset({"de", "d'", "à"}),
    relative_pronouns=RELATIVE_PRONOUNS,
    target_prepositions=TARGET_PREPOSITIONS,
    event_place_prepositions=EVENT_PLACE_PREPOSITIONS,
    preposition_roles=MappingProxyType(
        {
            "par": "by",
            "de": "of",
            "entre": "between",
            "à": "to",
            "contre": "against",
            "sur": "on",
            "avec": "with",
            "pour": "for",
        }
    ),
    noun_modifier_deps=frozenset({"amod"}),
    causative_verbs=CAUSATIVE_VERBS,
    stative_passives=STATIVE_PASSIVES,
    quantifier_heads=QUANTIFIER_HEADS,
    conditional_markers=CONDITIONAL_MARKERS,
    ellipsis_marks=frozenset(),  # not studied for French yet
    ellipsis_verbs=frozenset(),  # not studied for French yet
    setting_speech_verbs=frozenset(),  # not studied for French yet
    noun_argument_deps=NOUN_ARGUMENT_DEPS,
    personal_pronouns=PERSONAL_PRONOUNS,
    definite_determiners=DEFINITE_DETERMINERS,
    noun_phrase_modifier_deps=NOUN_PHRASE_MODIFIER_DEPS,
    not_phrase_head_deps=NOT_PHRASE_HEAD_DEPS,
    place_not_actor_prepositions=PLACE_NOT_ACTOR_PREPOSITIONS,
    complement_prepositions=frozenset({"de", "pour"}),
    employer_prepositions=frozenset(),  # not studied for French yet
    located_prepositions=frozenset({"à", "en", "dans", "au"}),
    located_verbs=frozenset({"baser", "installer", "stationner", "déployer"}),
    focus_place_prepositions=FOCUS_PLACE_PREPOSITIONS,
    appositive_pos=frozenset({"NOUN", "PROPN", "ADJ"}),
)


# -- parse repairs ----------------------------------------------------------------------------
# Wire copy puts the day right after the verb: "a repris mardi le contrôle de Kidal", "ont
# attaqué dimanche une position". The model then reads the bare weekday as the object, as a
# modifier of the next noun ("dimanche une position") or as the head of the real object ("mardi
# le contrôle", "mercredi des sanctions" with "des" as a preposition). A bare weekday is never an
# argument: it is put back on its verb as ``obl:mod`` and the nouns it took are given to the verb.
DAY_ARGUMENT_DEPS = frozenset({"obj", "nmod", "appos", "nsubj", "dep"})
DAY_OBLIQUE_DEPS = frozenset({"obl:agent", "obl:arg", "obl:mod"})
SINCE_CASES = frozenset({"depuis"})  # "retiennent depuis mercredi le président"
PARTITIVE_CASES = frozenset({"des", "du"})  # "des sanctions" misread as de + les


def repair_determined_objects(doc: Doc) -> None:
    """A noun the model tags as a participle and leaves unattached (``dep``), though it has a
    determiner, after a verb with no object: "ont retiré au groupe Orano son permis
    d'exploitation" ("permis" VERB, lemma "permettre"). It is the verb's object, a noun, and
    its lemma is its own form."""
    for token in doc:
        verb = token.head
        if (
            token.dep_ != "dep"
            or token.pos_ != "VERB"
            or verb.pos_ != "VERB"
            or verb.i > token.i
            or not any(c.dep_ == "det" for c in token.children)
            or any(c.dep_ == "obj" for c in verb.children)
        ):
            continue
        token.pos_, token.dep_, token.lemma_ = "NOUN", "obj", token.lower_


def repair_weekdays(doc: Doc, weekdays: frozenset[str], parts_of_day: frozenset[str]) -> None:
    """Re-attach bare weekdays to their verb and hand the verb the nouns they took."""
    for day in doc:
        if day.lower_ not in weekdays or day.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(
            (c.dep_ == "case" and c.lower_ not in SINCE_CASES) or c.dep_ == "det"
            for c in day.children
        ):
            continue  # "de mercredi à jeudi", "le mercredi": a phrase of its own
        verb = _verb_above(day)
        if verb is None:
            continue
        if day.i < verb.i:
            continue  # "Mardi, la France a ...": a fronted modifier
        day.head = verb
        day.dep_ = "obl:mod"
        for child in list(day.children):
            if child.dep_ in DAY_OBLIQUE_DEPS and child.i > day.i:
                child.head = verb  # "enlevées jeudi et vendredi par des hommes armés"
                continue
            if (
                child.i < day.i
                or child.dep_ not in DAY_ARGUMENT_DEPS
                or child.pos_ not in ("NOUN", "PROPN", "NUM", "PRON")
                or child.lower_ in parts_of_day
                or child.lower_ in weekdays
            ):
                continue
            _give_to_verb(child, verb)


def _verb_above(token: Token) -> Token | None:
    head = token.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head == head.head:
            return None
        head = head.head
    return None


def _give_to_verb(noun: Token, verb: Token) -> None:
    deps = {c.dep_ for c in verb.children}
    cases = [c for c in noun.children if c.dep_ == "case"]
    if cases and cases[0].lower_ in PARTITIVE_CASES and "obj" not in deps:
        noun.head, noun.dep_ = verb, "obj"
        cases[0].dep_, cases[0].pos_ = "det", "DET"  # partitive article
    elif cases:
        noun.head, noun.dep_ = verb, "obl:arg"  # "s'emparer mercredi de plusieurs localités"
    elif "obj" not in deps and ({"nsubj", "nsubj:pass", "expl:subj"} & deps):
        noun.head, noun.dep_ = verb, "obj"  # "a repris mardi le contrôle"
    elif not ({"nsubj", "nsubj:pass"} & deps):
        noun.head, noun.dep_ = verb, "nsubj"  # inverted subject: "a annoncé jeudi le ministère"
