"""One ``Grammar`` per language: what the stages read in that language's parse.

The stages are written once. Where they read a dependency label, a closed-class word or a
structural fact that differs between languages (the English ClearNLP labels of
``en_core_web_sm``, the Universal Dependencies labels of ``fr_core_news_md``), they ask the
grammar of the parse they are reading: ``grammar_of(doc)`` picks it by the parse's own
language (spaCy's ``doc.lang_``), so a token is always read with the grammar of the model that
parsed it, and a stage needs no language switch of its own. The word sets are in ``en.py`` and
``fr.py``; the structural readings (``preps``, ``particle_of``, ``is_passive``,
``passive_agents``) are functions of those modules, held here as fields.

A grammar is frozen and built once at import; ``lang.GRAMMARS`` is a read-only mapping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from spacy.tokens import Token

PrepReader = Callable[[Token], Iterator[tuple[str, Token]]]


@dataclass(frozen=True, slots=True)
class Grammar:
    """The language facts the stages read, one named set or function per use."""

    code: str  # ISO 639-1
    # Universal Dependencies labels (French): a preposition is the ``case`` child of its noun,
    # not the head of a ``pobj`` (English ClearNLP).
    universal_dependencies: bool
    # -- structure (functions of the language module) ----------------------------------
    # (preposition, object head) pairs hanging on a token; the preposition normalised.
    preps: PrepReader
    # The verb's particle ("out", "down"; French "se" for a reflexive clitic), or None.
    particle_of: Callable[[Token], str | None]
    # Is the verb a real passive (its subject the undergoer)?
    is_passive: Callable[[Token], bool]
    # The doers of a passive verb ("by" agent, French "par" obl:agent).
    passive_agents: Callable[[Token], list[Token]]
    # (mark, word) pairs of the infinitive complements of a verb, read as prepositional
    # phrases by the patterns: French "accuser X de préparer une agression" gives ("de",
    # préparer) and ("de", agression); English gerunds are ``pcomp`` and already in ``preps``.
    clause_preps: PrepReader
    # The (normalised) preposition of a noun: French "aux militaires" -> "à"; English: the
    # "prep" head of a ``pobj``.
    case_of: Callable[[Token], str | None]
    # Is a noun plural?
    is_plural: Callable[[Token], bool]
    # A present participle or gerund ("..., killing ten people"; "en tuant").
    is_gerund: Callable[[Token], bool]
    # A possessor of a noun ("their effort", French "leur tentative": det Poss=Yes).
    is_possessor: Callable[[Token], bool]
    # Can a phrase with this preposition be a target? (French "à Niamey" as obl:mod is a place.)
    target_phrase: Callable[[str, Token], bool]
    # Mood and tense a token (with its auxiliaries) carries, as lower-case "feature=value"
    # strings ("mood=cnd", "tense=fut", "mood=sub") that modality.tsv may list as cues; English
    # writes these with auxiliary words and gives none.
    morph_cues: Callable[[Token], frozenset[str]]
    # -- labels ------------------------------------------------------------------------
    active_subject_deps: frozenset[str]
    passive_subject_deps: frozenset[str]
    object_deps: frozenset[str]  # direct objects
    dative_deps: frozenset[str]  # indirect objects that are not prepositional phrases
    agent_deps: frozenset[str]  # the dependency of a passive's agent
    relative_clause_deps: frozenset[str]  # "soldiers who detained", French acl:relcl
    # A participle clause on a noun that is passive when is_passive says so ("persons arrested
    # in the state"): the noun is its passive subject.
    reduced_relative_deps: frozenset[str]
    # A subject labelled passive is the doer unless the verb is a real passive (French: être
    # verbs and reflexives carry nsubj:pass; docs/french.md section 4).
    passive_label_needs_passive: bool
    purpose_marks: frozenset[str]  # "to allow deliveries", French "pour permettre"
    infinitive_marks: frozenset[str]  # "to", French "de"/"à": an xcomp/advcl's mark words
    # -- words -------------------------------------------------------------------------
    relative_pronouns: frozenset[str]
    target_prepositions: tuple[str, ...]  # ranked
    event_place_prepositions: frozenset[str]
    # What a preposition on an event noun says, in the words the noun rules use: "by" (the
    # doer), "of" (the doer of some codes), "between" (both sides); English maps to itself.
    preposition_roles: Mapping[str, str]
    # Modifiers of an event noun that may name its actor ("Russian air strikes").
    noun_modifier_deps: frozenset[str]
    causative_verbs: frozenset[str]
    stative_passives: frozenset[str]
    quantifier_heads: frozenset[str]
    conditional_markers: frozenset[str]
    # Marks of a comparative ellipsis that gives an event more doers: "France condemned the
    # coup, as did Germany", "are deeply concerned, as are Israel and Arab leaders".
    ellipsis_marks: frozenset[str]
    ellipsis_verbs: frozenset[str]  # the stand-in verbs of such a clause ("did", "are")
    # Verbs of addressing someone that, as a participle before a statement by the same speaker,
    # only set the scene of that statement ("Speaking to the tribal elders, he said ...").
    setting_speech_verbs: frozenset[str]
    noun_argument_deps: frozenset[str]
    # actors
    personal_pronouns: Mapping[str, str]
    definite_determiners: frozenset[str]
    noun_phrase_modifier_deps: frozenset[str]
    not_phrase_head_deps: frozenset[str]
    place_not_actor_prepositions: frozenset[str]
    complement_prepositions: frozenset[str]  # "president of Niger", "chef de la junte"
    # Whom a role holder works for, whatever the role: "a diplomat at the ECOWAS Commission".
    employer_prepositions: frozenset[str]
    located_prepositions: frozenset[str]  # "forces in Guinea", "forces au Mali"
    located_verbs: frozenset[str]  # "based in", "basé à"
    focus_place_prepositions: frozenset[str]
    # Parts of speech of an apposition that names the phrase's actor ("le président Mohamed
    # Bazoum": the French model tags the first name ADJ or NOUN).
    appositive_pos: frozenset[str]
    # Where or through which a statement is made, never whom it is addressed to: "said at a
    # Washington event", "released a statement on its Facebook page", "said on CNN".
    venue_prepositions: frozenset[str] = frozenset()
