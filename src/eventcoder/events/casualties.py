"""Casualties and crowd size: PLOVER's ``dead``, ``injured`` and ``size`` read off the parse.

* dead and injured: the victims of the event's killing and wounding verbs, counted from their
  noun phrase. The verbs are the trigger itself ("killed five people"), the clauses that say
  what it did ("fired at the crowd, killing one and wounding eight") and the verb it caused
  ("one person was killed in police firing"); words come from ``casualty_words.tsv``.
* size: the count of a protest's participants ("about 1,000 people marched", "thousands of
  protesters"), a number or the vague word itself.

Counts: digits ("1,200"), number words, "at least / about / more than N" give N, "a man" or
"one" gives 1; vague words ("dozens") give their smallest number for dead and injured and are
kept as words for size (``lang/en.py`` NUMBER_WORDS, VAGUE_NUMBERS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from eventcoder.datafiles import DEFAULT_LANGUAGE, DataError, localised, read_rows
from eventcoder.events import syntax
from eventcoder.lang import grammar_of
from eventcoder.lang.en import (
    CAUSE_PREPOSITIONS,
    CONSEQUENCE_CLAUSE_DEPS,
    NUMBER_WORDS,
    SUCCUMB_VERBS,
    VAGUE_NUMBERS,
    WHEN_MARKERS,
)

CASUALTY_KINDS = ("dead_verb", "injured_verb", "dead_word", "injured_word", "death_mark")
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")

Count = int | str  # a number, or a vague word kept for crowd size


@dataclass(frozen=True, slots=True)
class CasualtyWords:
    """The words of ``casualty_words.tsv`` by kind."""

    dead_verbs: frozenset[str]
    injured_verbs: frozenset[str]
    dead_words: frozenset[str]
    injured_words: frozenset[str]
    death_marks: frozenset[str]

    @classmethod
    def load(cls, data_dir: Path | None = None, language: str = DEFAULT_LANGUAGE) -> CasualtyWords:
        found: dict[str, set[str]] = {kind: set() for kind in CASUALTY_KINDS}
        relpath = localised("casualty_words.tsv", language, data_dir)
        for row in read_rows(relpath, 2, 2, data_dir):
            kind = row.fields[0]
            if kind not in found:
                raise DataError(f"{row.where}: kind must be one of {CASUALTY_KINDS}")
            found[kind].add(row.fields[1].lower())
        return cls(*(frozenset(found[kind]) for kind in CASUALTY_KINDS))


@dataclass(frozen=True, slots=True)
class Casualties:
    dead: int | None = None
    injured: int | None = None


def casualties(words: CasualtyWords, trigger: Token) -> Casualties:
    """The dead and injured the event of ``trigger`` caused, when the text counts them."""
    dead: int | None = None
    injured: int | None = None
    for verb in _consequence_verbs(trigger):
        kind = _kind(words, verb)
        if kind is None:
            continue
        count = _victims(verb)
        if count is None:
            continue
        number = _as_number(count)
        if kind == "dead":
            dead = number if dead is None else dead + number
        else:
            injured = number if injured is None else injured + number
    return Casualties(dead, injured)


def crowd_size(participants: list[Token]) -> Count | None:
    """How many took part, from the participants' noun phrases ("thousands of protesters")."""
    counts = [c for c in (_phrase_count(t, vague_word=True) for t in participants) if c]
    if not counts:
        return None
    if len(counts) == 1:
        return counts[0]
    numbers = [c for c in counts if isinstance(c, int)]
    return sum(numbers) if len(numbers) == len(counts) else counts[0]


def _consequence_verbs(trigger: Token) -> list[Token]:
    """The trigger, the verb it is the subject of ("a car bomb killed 13 soldiers"), the verb
    of a killing it caused ("one person was killed in police firing"), and the clauses that
    say what these did ("fired at the crowd, killing one and wounding eight")."""
    seeds = [trigger]
    if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.pos_ == "VERB":
        seeds.append(trigger.head)
    nominal = trigger.head if trigger.dep_ == "acl" else trigger  # "police firing"
    prep = nominal.head
    if (
        nominal.dep_ in ("pobj", "pcomp")
        and prep.dep_ == "prep"
        and (prep.lower_ in CAUSE_PREPOSITIONS or _succumbed_to(prep))
        and prep.head.pos_ == "VERB"
    ):
        seeds.append(prep.head)
    if nominal.dep_ == "pcomp" and prep.dep_ == "prep" and prep.head.pos_ == "VERB":
        seeds.append(prep.head)  # "police resorted to firing": what the resorting did
    seeds += [c.head for c in seeds if _when_clause(c)]
    found: list[Token] = []
    stack = list(seeds)
    while stack:
        token = stack.pop()
        if token in found:
            continue
        found.append(token)
        stack.extend(
            c for c in token.children if c.dep_ in CONSEQUENCE_CLAUSE_DEPS and c.pos_ == "VERB"
        )
    return found


def _succumbed_to(prep: Token) -> bool:
    """ "the 100 that succumbed to the police firing": the verb's "to" names the cause."""
    return prep.lower_ == "to" and prep.head.lemma_.lower() in SUCCUMB_VERBS


def _when_clause(clause: Token) -> bool:
    """A clause telling when its head happened: "three died when police opened fire"."""
    return (
        clause.dep_ == "advcl"
        and clause.head.pos_ == "VERB"
        and any(c.dep_ in ("advmod", "mark") and c.lower_ in WHEN_MARKERS for c in clause.children)
    )


def _kind(words: CasualtyWords, verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    if lemma in words.dead_verbs or _has_death_mark(words, verb):
        return "dead"
    if lemma in words.injured_verbs:
        return "injured"
    return None


def _has_death_mark(words: CasualtyWords, verb: Token) -> bool:
    """ "shot dead", "beaten to death", "burnt to death"."""
    for child in verb.children:
        if child.dep_ in ("oprd", "acomp", "xcomp", "advmod") and child.lemma_ in words.death_marks:
            return True
        if (
            child.dep_ == "prep"
            and child.lower_ == "to"
            and any(p.lemma_ in words.death_marks for p in child.children if p.dep_ == "pobj")
        ):
            return True
    return False


def victims(words: CasualtyWords, trigger: Token, coded: frozenset[int]) -> list[Token]:
    """Who the deaths or wounds an event caused befell, told by a verb that is no event of
    its own (not in ``coded``): "125 people died in police firing" -> people (the firing's
    target); "killed in police firing" is an event of its own, with its own target."""
    return [
        head
        for verb in _consequence_verbs(trigger)
        if verb.i != trigger.i and verb.i not in coded and _kind(words, verb) is not None
        for head in _victim_heads(verb)
    ]


def _victims(verb: Token) -> Count | None:
    """The count of a killing or wounding verb's victims."""
    found = (_phrase_count(h, vague_word=False) for h in _victim_heads(verb))
    counts = [c for c in found if c is not None]
    if not counts:
        return None
    return sum(_as_number(c) for c in counts)


def _victim_heads(verb: Token) -> list[Token]:
    """A killing or wounding verb's victims: its object, its passive subject, or the subject
    of an intransitive ("20 people died")."""
    passive = syntax.is_passive(verb)
    if passive:
        heads = [c for c in verb.children if c.dep_ in ("nsubjpass", "csubjpass")]
        if _stands_for_head(verb, heads):
            heads = [verb.head]  # "two terrorists who were shot dead", "the people killed"
    else:
        heads = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        if not heads and verb.lemma_.lower() in ("die", "perish", *SUCCUMB_VERBS):
            heads = [c for c in verb.children if c.dep_ == "nsubj"]
            if _stands_for_head(verb, heads):
                heads = [verb.head]  # "the people who died in the firing"
    return heads


def _stands_for_head(verb: Token, subjects: list[Token]) -> bool:
    """Are the victims of a relative or reduced relative clause its head noun: a relative
    pronoun as the passive subject, or none at all ("the 40 people killed in the firing")?"""
    grammar = grammar_of(verb)
    if verb.dep_ in grammar.relative_clause_deps:
        return bool(subjects) and all(s.lower_ in grammar.relative_pronouns for s in subjects)
    return verb.dep_ in grammar.reduced_relative_deps and not subjects


def _phrase_count(head: Token, vague_word: bool) -> Count | None:
    """The count a noun phrase gives, its coordinated phrases summed ("five soldiers and two
    civilians" -> 7)."""
    total: int | None = None
    word: str | None = None
    for token in syntax.with_conjuncts(head):
        count = _one_count(token, vague_word)
        if isinstance(count, str):
            word = word or count
        elif count is not None:
            total = count if total is None else total + count
    if total is not None:
        return total
    return word


def _one_count(token: Token, vague_word: bool) -> Count | None:
    own = _number(token, vague_word)
    if own is not None:
        return own  # "killing one", "killed 12", "dozens of protesters"
    for child in token.children:
        if child.dep_ == "nummod":
            value = _number(child, vague_word)
            if value is not None:
                return value
    quantifier = _partitive_number(token)
    if quantifier is not None:
        return quantifier  # "40 of the people killed"
    determiners = [c for c in token.children if c.dep_ == "det"]
    if (
        token.pos_ in ("NOUN", "PROPN")
        and token.tag_ in ("NN", "NNP")
        and determiners
        and determiners[0].lower_ in ("a", "an", "one")
    ):
        return 1  # "a man was killed"
    return None


def _partitive_number(token: Token) -> int | None:
    """The number a partitive "of" phrase hangs from: "forty of the people" -> 40."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i == prep.i:
        return None
    number = prep.head.lower_
    if _DIGITS.match(number):
        return int(number.replace(",", ""))
    return NUMBER_WORDS.get(number)  # the model may tag a capitalised "Sixty" as a noun


def _number(token: Token, vague_word: bool) -> Count | None:
    text = token.lower_
    if _DIGITS.match(text):
        return int(text.replace(",", ""))
    if text in VAGUE_NUMBERS:
        bound, word = VAGUE_NUMBERS[text]
        return word if vague_word else bound
    if token.pos_ == "NUM" and text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    return None


def _as_number(count: Count) -> int:
    if isinstance(count, int):
        return count
    for bound, word in VAGUE_NUMBERS.values():
        if word == count:
            return bound
    return 0
