"""Reading the dependency parse: who is the subject, object and addressee of a trigger.

All functions are pure: tokens in, tokens out. They follow the ClearNLP labels of the spaCy
English models (nsubj, nsubjpass, dobj, dative, agent, prep/pobj, xcomp, ccomp, conj, relcl).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from eventcoder.lang import grammar_of


def with_conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Germany and the United States")."""
    return [token, *token.conjuncts]


def object_forms(token: Token) -> tuple[str, ...]:
    """What an object can be matched as: its lemma forms, "modifier head" for each compound or
    adjective modifier ("chemical weapon", "medical supply"), and, for "hundreds of civilians",
    the quantifier too."""
    forms = list(lemma_forms(token))
    head = token.lemma_.lower()
    forms += [
        f"{c.lemma_.lower()} {head}" for c in token.children if c.dep_ in ("compound", "amod")
    ]
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        forms.append(token.head.head.lemma_.lower())
    return tuple(forms)


def lemma_forms(token: Token) -> tuple[str, ...]:
    """The lemma, and for hyphenated compounds the joined form ("cease-fire", "sit-in").

    spaCy splits "cease-fire" into three tokens; the dictionaries may list the joined word.
    """
    lemma = token.lemma_.lower()
    doc = token.doc
    i = token.i
    if i >= 2 and doc[i - 1].text in ("-", "‑") and not doc[i - 2].whitespace_:
        return f"{doc[i - 2].lower_}-{lemma}", lemma
    if i + 2 < len(doc) and doc[i + 1].text in ("-", "‑") and not token.whitespace_:
        return f"{lemma}-{doc[i + 2].lower_}", lemma
    return (lemma,)


def particle_of(verb: Token) -> str | None:
    """The verb's particle ("out", "down"; the French reflexive "se"), by its language."""
    return grammar_of(verb).particle_of(verb)


def is_passive(verb: Token) -> bool:
    return grammar_of(verb).is_passive(verb)


def _through_quantifier(token: Token) -> Token:
    """ "lifted most of the sanctions", "une dizaine de soldats": the object is what the
    quantifier quantifies."""
    g = grammar_of(token)
    if token.lower_ in g.quantifier_heads or token.lemma_.lower() in g.quantifier_heads:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return pobj
            if prep.dep_ == "nmod" and any(
                c.dep_ == "case" and c.lower_ in ("de", "d'", "des", "du") for c in prep.children
            ):
                return prep  # French: the quantified noun is an nmod with "de"
    return token


def themes(verb: Token) -> list[Token]:
    """Direct objects, or in the passive the passive subjects."""
    g = grammar_of(verb)
    found = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if not found and (not g.passive_label_needs_passive or g.is_passive(verb)):
        found = [c for c in verb.children if c.dep_ in g.passive_subject_deps]
        if not found and verb.dep_ in g.reduced_relative_deps and g.is_passive(verb):
            found = [verb.head]  # "persons held in connection with ...": the persons
    if not found:
        found = stray_objects(verb)
    if not found and verb.lemma_.lower() in g.causative_verbs:
        found = [
            s
            for c in verb.children
            if c.dep_ in ("ccomp", "xcomp")
            for s in c.children
            if s.dep_ == "nsubj"
        ]
    return [_through_quantifier(t) for head in found for t in with_conjuncts(head)]


def stray_objects(verb: Token) -> list[Token]:
    """A direct object the French parser hung on the verb's adjunct: "a condamné dans un
    communiqué la tentative de prise du pouvoir" (``tentative`` an ``nmod`` of
    ``communiqué``). A noun complement has a preposition (its ``case``); a determined noun
    with none, after an adjunct of a verb with no object, is that verb's object. Universal
    Dependencies parses only (English noun complements are ``prep`` phrases)."""
    if not grammar_of(verb).universal_dependencies:
        return []
    if any(c.dep_ in ("obj", "dobj") for c in verb.children):
        return []
    return [
        t
        for c in verb.children
        if c.dep_.startswith("obl") and c.i > verb.i
        for t in c.children
        if t.dep_ == "nmod"
        and t.i > c.i
        and t.pos_ in ("NOUN", "PROPN")
        and any(d.dep_ == "det" for d in t.children)
        and not any(d.dep_ == "case" for d in t.children)
    ]


def preps(token: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, object head) pairs attached to a token, conjuncts included (the
    language's reading: English prep -> pobj, French case child of an oblique)."""
    return grammar_of(token).preps(token)


def _direct_subjects(verb: Token) -> list[Token]:
    g = grammar_of(verb)
    if g.is_passive(verb):
        if any(c.dep_ in g.agent_deps for c in verb.children):
            return g.passive_agents(verb)
        if verb.lemma_.lower() in g.stative_passives:
            return [
                t
                for c in verb.children
                if c.dep_ in g.passive_subject_deps
                for t in with_conjuncts(c)
            ]
        return []
    deps = g.active_subject_deps
    if g.passive_label_needs_passive:
        deps = deps | g.passive_subject_deps  # "sont descendus", "s'est retirée": the doer
    return [t for c in verb.children if c.dep_ in deps for t in with_conjuncts(c)]


def subjects(verb: Token, depth: int = 0) -> list[Token]:
    """Who does it: the subject, the 'by' agent, or a subject inherited from the clause above."""
    g = grammar_of(verb)
    found = _direct_subjects(verb)
    if found:
        resolved: list[Token] = []
        for token in found:
            if token.lower_ in g.relative_pronouns and verb.dep_ in g.relative_clause_deps:
                resolved.extend(with_conjuncts(verb.head))  # "soldiers who detained ..."
            else:
                resolved.append(token)
        return resolved
    if depth > 3 or g.is_passive(verb):
        return []
    head = verb.head
    if verb.dep_ == "xcomp":
        # Object control ("urged the junta to release") is handled by frames; otherwise the
        # subject of the governing verb does it ("agreed to send troops").
        if head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod"):
            return subjects(head.head, depth + 1)  # "Norway is willing to send material"
        return subjects(head, depth + 1)
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return subjects(head, depth + 1)
    if verb.dep_ in ("advcl", "acl") and head.pos_ == "VERB" and g.is_gerund(verb):
        return subjects(head, depth + 1)  # "..., killing ten people"
    if (
        verb.dep_ == "advcl"
        and head.pos_ == "VERB"
        and any(c.dep_ in ("aux", "mark") and c.lower_ in g.purpose_marks for c in verb.children)
    ):
        return subjects(head, depth + 1)  # "opened the bridge to allow deliveries"
    if verb.dep_ == "acl" and g.is_gerund(verb) and head.i == verb.i - 1 and head.pos_ == "NOUN":
        # "police firing", "army shelling": a noun compound the parser read as a participle;
        # the noun does it.
        return [head]
    if verb.dep_ == "acl" and g.is_gerund(verb) and head.dep_ in ("dobj", "obj"):
        # "The PKK issued a declaration demanding that ...": the issuer demands.
        return subjects(head.head, depth + 1)
    if verb.dep_ == "acl" and head.dep_ == "ROOT" and _finite_past(verb):
        # "The West African bloc called on the soldiers to ...": a finite past verb read as a
        # reduced relative on a root noun (a participle would be VerbForm=Part); the noun is
        # its subject.
        return [head]
    if verb.dep_ == "acl" and g.is_gerund(verb) and _after_comma(verb):
        # A participle set off by a comma on an adjunct of the clause ("attaqué la ville, dans
        # le nord du Burkina, visant un camp militaire"; "lancé une offensive vers la ville,
        # menant des frappes"): the parser hangs it on the nearest noun, but it says more of
        # what the clause's subject did.
        governor = _clause_verb_of_adjunct(head, g.active_subject_deps | g.passive_subject_deps)
        if governor is not None:
            return subjects(governor, depth + 1)
    if verb.dep_ == "acl" and head.pos_ == "NOUN":
        # "their effort to overthrow the government": the possessor, else whoever makes it.
        owners = [c for c in head.children if g.is_possessor(c)]
        if owners:
            return owners
        if head.dep_ in ("dobj", "obj") and head.head.pos_ == "VERB":
            return subjects(head.head, depth + 1)
    if verb.dep_ in g.relative_clause_deps and any(
        c.lower_ in g.relative_pronouns for c in verb.children
    ):
        return with_conjuncts(head)
    return []


def _finite_past(verb: Token) -> bool:
    return "Fin" in verb.morph.get("VerbForm", []) and "Past" in verb.morph.get("Tense", [])


def _after_comma(token: Token) -> bool:
    return token.i > 0 and token.doc[token.i - 1].text == ","


ADJUNCT_CLIMB = 4  # nouns walked up from a participle's head to the clause's verb


def _clause_verb_of_adjunct(noun: Token, subject_deps: frozenset[str]) -> Token | None:
    """The verb a noun hangs from through adjuncts and noun complements, or None when the noun
    is (part of) a subject or no verb is near."""
    token = noun
    for _ in range(ADJUNCT_CLIMB):
        if token.dep_ in subject_deps or token.dep_ in ("ROOT", "appos", "conj"):
            return None
        if token.pos_ not in ("NOUN", "PROPN") or token.head is token:
            return None
        token = token.head
        if token.pos_ == "VERB":
            return token
    return None


def objects(verb: Token, passive: bool) -> list[Token]:
    """To whom: the direct object (or passive subject), then the dative."""
    g = grammar_of(verb)
    if passive and verb.lemma_.lower() in g.stative_passives:
        passive = False  # "is opposed to X": X (a prepositional target), not the subject
    if passive:
        found = [
            t for c in verb.children if c.dep_ in g.passive_subject_deps for t in with_conjuncts(c)
        ]
        if (verb.dep_ in g.relative_clause_deps or verb.dep_ in g.reduced_relative_deps) and (
            not found or all(t.lower_ in g.relative_pronouns for t in found)
        ):
            # "the president, who was detained by ..."; French "les soldats, qui ont été
            # attaqués": the relative pronoun is labelled nsubj:pass.
            return with_conjuncts(verb.head)
        return found
    # "gave the Ivory Coast aid": the recipient (dative) comes before the thing given.
    found = [
        t
        for c in verb.children
        if c.dep_ in g.dative_deps and c.pos_ != "ADP"
        for t in with_conjuncts(c)
    ]
    found += [t for c in verb.children if c.dep_ in ("dobj", "obj") for t in with_conjuncts(c)]
    if not found:
        found = [t for c in stray_objects(verb) for t in with_conjuncts(c)]
    # "the president whom the soldiers detained": the relative pronoun is the object.
    if (
        not found
        and verb.dep_ in g.relative_clause_deps
        and any(
            c.lower_ in g.relative_pronouns and c.dep_ in ("dobj", "obj") for c in verb.children
        )
    ):
        return with_conjuncts(verb.head)
    if (
        not found
        and verb.dep_ == "acl"
        and g.passive_label_needs_passive
        and any(c.dep_ == "mark" and c.lower_ in ("que", "qu'") for c in verb.children)
    ):
        return with_conjuncts(verb.head)  # "le journaliste que la police avait interpellé"
    return found


def prep_targets(tokens: list[Token]) -> list[tuple[int, Token]]:
    """Candidate targets in prepositional phrases, ranked by preposition."""
    found: list[tuple[int, Token]] = []
    for token in tokens:
        g = grammar_of(token)
        ranks = g.target_prepositions
        for prep, obj in preps(token):
            if not g.target_phrase(prep, obj):
                # "spoke by telephone with Raisi": look one phrase deeper.
                found.extend(
                    (ranks.index(inner), deeper)
                    for inner, deeper in preps(obj)
                    if g.target_phrase(inner, deeper)
                )
                continue
            rank = ranks.index(prep)
            found.append((rank, obj))
            # "against the government's tax plans": the possessor of a non-actor object.
            found.extend((rank, c) for c in obj.children if g.is_possessor(c))
    found.sort(key=lambda pair: pair[0])
    return found


def governs(ancestor: Token, token: Token) -> bool:
    """Is ``token`` inside the subtree of ``ancestor``?"""
    return ancestor.left_edge.i <= token.i <= ancestor.right_edge.i and any(
        t.i == ancestor.i for t in (token, *token.ancestors)
    )


def clause_head(token: Token) -> Token:
    """The verb whose clause holds a noun (for nouns: climb to the nearest verb)."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX") or current.dep_ == "ROOT":
            return current
        current = current.head
    return current
