"""Find toponyms in a parsed document: the spans that name places, before resolution.

Three sources, in this order of trust:

1. the dateline ("NIAMEY, July 28 (AFP) -");
2. entities: the model's GPE, LOC and FAC entities and the entity ruler's countries ("C:") and
   seats ("S:"); demonyms ("D:", NORP) are never places;
3. gazetteer matches on capitalised words the model missed or mislabelled ("Niamey" tagged
   ORG, "Zinder" untagged), accepted only with support: a locative preposition before it
   ("in", "near", "from"), a "Town, Region" pair, or a name that is a country, a region or a
   large city. Words in ``place_words.tsv`` (stop) never match on the gazetteer alone, and
   organisation names ("Arizona State University") hold no places.

Each toponym carries the surrounding words that say what kind of place it is ("the town of X",
"X Province") so that the resolver can prefer a city or an admin1 region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from eventcoder.datafiles import DataError, read_rows
from eventcoder.lang.en import (
    PERSON_AS_PLACE_PREPOSITIONS,
    POINT_PREPOSITIONS,
    POSSESSIVE_ENDINGS,
    TOPONYM_PREPOSITIONS,
)
from eventcoder.nlp import COUNTRY, SEAT, Dateline
from eventcoder.places.gazetteer import Candidate, Gazetteer

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Datelines the layout component does not mark, at the start of one of the first lines:
# "SOUTH WAZIRISTAN, April 5 (APP):", "(NEW YORK) —", "Hanoi (VNA) –", "WASHINGTON—President",
# "WASHINGTON (RNS) Evangelical", "new delhi: unidentified men" (a lower-cased corpus).
LOOSE_DATELINE = re.compile(
    r"""(?:^|\n)[ \t]*\(?(?P<place>[A-Za-z][A-Za-z.'’\- ]{1,40}?[A-Za-z.])\)?
        (?:,[ \t]*[^()\n:–—]{1,40}?)?
        [ \t]*(?P<agency>\([A-Za-z .]{2,20}\))?
        (?:[ \t]*[:–—]|[ \t]+-{1,2}[ \t]|(?<=\))[ \t]+(?=[A-Z]))""",
    re.VERBOSE,
)
LOOSE_DATELINE_WINDOW = 250  # characters at the start of the text
DATELINE_MIN_POPULATION = 15_000
# Entities whose words may still hide a place the model mislabelled ("Quetta" and "Manbij"
# come out as PRODUCT, "Birao" as ORG).
# The small model often tags an unfamiliar place name as one of these ("in Thessaloniki" as
# WORK_OF_ART, "in northeastern Aleppo" as LANGUAGE).
SCANNED_LABELS = frozenset(
    {"", "PERSON", "ORG", "NORP", "PRODUCT", "WORK_OF_ART", "LANGUAGE", "EVENT"}
)
MAX_NGRAM = 4
# A gazetteer-only match with no locative or "Town, Region" support must be at least this big
# (cities), or a country or an admin1 region.
UNSUPPORTED_MIN_POPULATION = 100_000
WORD_KINDS = (
    "stop",
    "not_place",
    "city_word",
    "admin1_word",
    "region_word",
    "org_word",
    "landmark_word",
    "site_word",
    "relative_word",
    "not_locative_of",
    "place_modifier",
    "name_connector",
    "occurrence_verb",
    "place_verb",
    "place_prefix",
    "facility_word",
    "person_title",
)


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """The word lists of ``place_words.tsv``, lower-cased."""

    words: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> PlaceWords:
        found: dict[str, set[str]] = {kind: set() for kind in WORD_KINDS}
        for row in read_rows("place_words.tsv", 2, 2, data_dir):
            kind = row.fields[0]
            if kind not in found:
                raise DataError(f"{row.where}: kind must be one of {WORD_KINDS}, got {kind!r}")
            found[kind].update(word.lower() for word in row.alternatives(1))
        return cls({kind: frozenset(words) for kind, words in found.items()})

    def of(self, kind: str) -> frozenset[str]:
        return self.words.get(kind, frozenset())


@dataclass(slots=True)
class Toponym:
    """A span that names a place, with what the text around it says."""

    start: int  # token span
    end: int
    start_char: int
    end_char: int
    text: str  # the name looked up (may be shorter than the span: "Aceh" of "Aceh Province")
    source: str  # dateline | ruler | ner | gazetteer | site (an organisation's building)
    label: str  # GPE, LOC, FAC or "" (gazetteer)
    candidates: tuple[Candidate, ...]
    ruler_iso3: str | None = None
    ruler_kind: str | None = None  # "C" country name, "S" seat of government
    hint: str | None = None  # city | admin1 | region, from the words around it
    container: int | None = None  # index of the toponym after a comma ("Paris, Texas")
    resolved: Candidate | None = None
    contained: bool = False  # a facility resolved to the city that contains it (contain.py)
    rule_scores: dict[int, float] = field(default_factory=dict)  # id(candidate) -> rules' score


class ToponymFinder:
    """Finds the toponyms of one document at a time; holds only read-only tables."""

    def __init__(self, gazetteer: Gazetteer, words: PlaceWords) -> None:
        self.gazetteer = gazetteer
        self.stop = words.of("stop")
        self.not_place = words.of("not_place")
        self.city_words = words.of("city_word")
        self.admin1_words = words.of("admin1_word")
        self.region_words = words.of("region_word")
        self.org_words = words.of("org_word")
        self.landmark_words = words.of("landmark_word")
        self.place_modifiers = words.of("place_modifier")
        self.name_connectors = words.of("name_connector")
        self.run_connectors = self.name_connectors | {"-"}  # inside a capitalised run
        self.feature_words = self.city_words | self.admin1_words | self.region_words
        self.person_titles = words.of("person_title")
        self.facility_words = words.of("facility_word")  # streets and buildings
        self.place_verbs = words.of("place_verb")  # "captured Birao"
        self.place_prefixes = words.of("place_prefix")  # "Kafr Nabudah"

    def find(self, doc: Doc) -> list[Toponym]:
        found: list[Toponym] = []
        in_entity = bytearray(len(doc))  # tokens of entities the model or the ruler found
        claimed = bytearray(len(doc))  # tokens already inside a toponym
        dateline = doc.user_data.get("dateline")
        if isinstance(dateline, Dateline):
            span = doc.char_span(dateline.place_start, dateline.place_end, alignment_mode="expand")
            if span is not None:
                toponym = self._from_span(span, "dateline", "GPE")
                if toponym is not None:
                    found.append(toponym)
                    claimed[span.start : span.end] = b"\x01" * (span.end - span.start)
        else:
            toponym = self._loose_dateline(doc)
            if toponym is not None:
                found.append(toponym)
                claimed[toponym.start : toponym.end] = b"\x01" * (toponym.end - toponym.start)
        scan: list[tuple[int, int, str]] = []
        # Names the model also tags as people in this article: "hosted Scholz" after
        # "Chancellor Olaf Scholz" is the chancellor, even where the model says GPE.
        person_names = _person_names(doc)
        for ent in doc.ents:
            in_entity[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
            if any(claimed[ent.start : ent.end]):
                continue
            kind, _, key = ent.ent_id_.partition(":")
            if kind in (COUNTRY, SEAT) and key and self._names_facility(doc, ent.end):
                # "Washington Square", "Moscow Street": a place of its own, not the capital
                toponym = self._from_span(doc[ent.start : ent.end + 1], "ner", "FAC")
            elif kind in (COUNTRY, SEAT) and key:
                toponym = self._from_span(ent, "ruler", "GPE", kind, key)
            elif ent.label_ in PLACE_LABELS and not ent.ent_id_:
                if ent.text in person_names:
                    continue
                toponym = self._from_span(self._whole_settlement(doc, ent), "ner", ent.label_)
            elif ent.label_ == "ORG" and not ent.ent_id_ and self._org_as_site(doc, ent):
                # "a shooting at Marjory Stoneman Douglas High School": the building, a place
                toponym = self._from_span(ent, "site", "FAC")
            else:
                if not ent.ent_id_ and ent.label_ in SCANNED_LABELS:
                    scan.append((ent.start, ent.end, ent.label_))
                continue
            if toponym is not None:
                claimed[toponym.start : toponym.end] = b"\x01" * (toponym.end - toponym.start)
                found.append(toponym)
        found.extend(self._gazetteer_matches(doc, in_entity, claimed, scan, person_names))
        found.sort(key=lambda t: t.start)
        for toponym in found:
            if toponym.source != "dateline":
                self._extend_left(doc, toponym, claimed)
        self._link_containers(doc, found)
        _seats_at_home(found)
        return found

    def _org_as_site(self, doc: Doc, ent: Span) -> bool:
        """An organisation named by its building ("High School", "Hotel", "Embassy") where
        the text puts something at, in or near it."""
        if ent[-1].lower_ not in self.facility_words or ent.start == 0:
            return False
        before = doc[ent.start - 1]
        # the preposition of a clause ("was shot at X"), not of a person ("a professor at X")
        return before.lower_ in TOPONYM_PREPOSITIONS and before.head.pos_ in ("VERB", "AUX")

    def _names_facility(self, doc: Doc, end: int) -> bool:
        """The capitalised word after a name is a street or facility word ("Square")."""
        return (
            end < len(doc)
            and doc[end].text[:1].isupper()
            and doc[end].lower_ in self.facility_words
        )

    def _loose_dateline(self, doc: Doc) -> Toponym | None:
        """A dateline in a form the layout component does not mark (``LOOSE_DATELINE``): the
        place in capitals, in a lower-cased text, or before an agency in brackets, and known to
        the gazetteer as a country, region or city."""
        for match in LOOSE_DATELINE.finditer(doc.text[:LOOSE_DATELINE_WINDOW]):
            text = match.group("place")
            if not (text.isupper() or text.islower() or match.group("agency")):
                continue
            span = doc.char_span(match.start("place"), match.end("place"), alignment_mode="expand")
            if span is None:
                continue
            toponym = self._from_span(span, "dateline", "GPE")
            if toponym is not None and any(_dateline_place(c) for c in toponym.candidates):
                return toponym
        return None

    def _extend_left(self, doc: Doc, toponym: Toponym, claimed: bytearray) -> None:
        """'British' + 'Columbia', 'Western' + 'Australia': the model often splits a name
        whose first word is a demonym or a direction; take the longer name when the gazetteer
        knows it as a region or city."""
        for width in (2, 1):
            first = toponym.start - width
            if first < 0 or any(claimed[first : toponym.start]):
                continue
            words = doc[first : toponym.start]
            if not all(_capitalised(t) for t in words):
                continue
            text = doc[first : toponym.end].text
            longer = [
                c for c in self.gazetteer.lookup(text) if c.primary and c.feature != "country"
            ]
            if longer:
                toponym.start = first
                toponym.start_char = doc[first].idx
                toponym.text = text
                toponym.candidates = tuple(longer)
                toponym.ruler_iso3 = toponym.ruler_kind = None
                claimed[first : toponym.start] = b"\x01" * width
                return

    # -- entities -------------------------------------------------------------------------
    def _from_span(
        self,
        span: Span,
        source: str,
        label: str,
        ruler_kind: str | None = None,
        ruler_key: str | None = None,
    ) -> Toponym | None:
        doc = span.doc
        start, end = span.start, span.end
        while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].text in POSSESSIVE_ENDINGS or doc[end - 1].is_punct):
            if doc[end - 1].text == "." and end - start > 1 and len(doc[end - 2].text) <= 3:
                break  # "D.C.", "Va." keep their dot
            end -= 1
        if start >= end or self._after_title(doc, start):
            return None
        text = doc[start:end].text
        if text.lower() in self.not_place or not any(ch.isalpha() for ch in text):
            return None
        hint = self._hint(doc, start, end)
        candidates = self._lookup(doc, start, end, text)
        if (
            source == "ner"
            and end - start == 1
            and doc[start].is_sent_start
            and _only_small_alternates(candidates)
        ):
            # "Millan, 41, was shot": a surname the model calls a place at the head of a
            # sentence, matching only a small town's alternate spelling (Millau)
            return None
        name_end = end
        if (
            not candidates
            and end - start > 1
            and doc[end - 1].lower_ in self.feature_words
            and doc[start : end - 1].text.lower() not in self.stop
        ):
            # "Aceh Province", "Benue State", "Calamba City": the name without the noun (not
            # "Green" of "Green Zone").
            word = doc[end - 1].lower_
            hint = hint or self._feature_of(word)
            name_end = end - 1
            text = doc[start:name_end].text
            candidates = self._lookup(doc, start, name_end, text)
        if not candidates and end - start > 1:
            # "Manila Cathedral", "Far North Queensland": the place the facility or area is in.
            inner = self._inner_place(doc, start, end, label)
            if inner is not None:
                text, candidates = inner
        if (
            not candidates
            and source == "ner"
            and label != "FAC"  # a facility is kept: the city around it places it
            and not self._plausible_unresolved(doc, start, end)
        ):
            return None
        iso3 = ruler_key if ruler_kind in (COUNTRY, SEAT) else None
        return Toponym(
            start,
            end,
            doc[start].idx,
            doc[end - 1].idx + len(doc[end - 1].text),
            text,
            source,
            label,
            candidates,
            ruler_iso3=iso3,
            ruler_kind=ruler_kind,
            hint=hint,
        )

    def _lookup(self, doc: Doc, start: int, end: int, text: str) -> tuple[Candidate, ...]:
        abbreviations = start >= 2 and doc[start - 1].text == ","
        return self.gazetteer.lookup(text, abbreviations=abbreviations)

    def _inner_place(
        self, doc: Doc, start: int, end: int, label: str
    ) -> tuple[str, tuple[Candidate, ...]] | None:
        """A known place inside an unknown name: the first words of a facility ("Manila
        Cathedral"), the last words of an area ("Far North Queensland"). Never inside
        streets, rivers, islands and the like ("Washington Square", "Mississippi River"),
        which are places of their own."""
        if any(t.lower_ in self.landmark_words for t in doc[start:end]):
            return None
        for length in range(end - start - 1, 0, -1):
            first = start if label == "FAC" else end - length
            words = doc[first : first + length]
            if not all(_capitalised(t) for t in words) or words.text.lower() in self.stop:
                continue
            found = [
                c
                for c in self.gazetteer.lookup(words.text)
                if _strong(c) and c.feature in ("city", "admin1")
            ]
            if found:
                return words.text, tuple(found)
        return None

    def _plausible_unresolved(self, doc: Doc, start: int, end: int) -> bool:
        """An unknown GPE/LOC name worth keeping without coordinates ("Reshimbagh")."""
        words = [t for t in doc[start:end] if t.is_alpha]
        if not words or any(t.lower_ in self.org_words for t in words):
            return False
        head = words[-1]
        if len(head.text) < 3 or (head.is_upper and len(head.text) <= 4):
            return False
        return all(t.is_title or t.lower_ in self.name_connectors or t.is_upper for t in words)

    def _after_title(self, doc: Doc, start: int) -> bool:
        """A name after a person's title is a person ("Mr. Lincoln", "Senator Warren")."""
        return start > 0 and doc[start - 1].lower_.rstrip(".") in self.person_titles

    def _feature_of(self, word: str) -> str | None:
        if word in self.city_words:
            return "city"
        if word in self.admin1_words:
            return "admin1"
        if word in self.region_words:
            return "region"
        return None

    def _hint(self, doc: Doc, start: int, end: int) -> str | None:
        """'the town of X', 'the province of X', 'X province', 'X city', 'near X' (a town)."""
        if end < len(doc) and doc[end].lower_ in self.feature_words:
            return self._feature_of(doc[end].lower_)
        if start >= 2 and doc[start - 1].lower_ == "of":
            return self._feature_of(doc[start - 2].lower_)
        if start >= 1 and doc[start - 1].lower_ in POINT_PREPOSITIONS:
            return "city"  # "near Tillaberi": a point, the town
        return None

    # -- gazetteer matches on words the model missed --------------------------------------
    def _gazetteer_matches(
        self,
        doc: Doc,
        in_entity: bytearray,
        claimed: bytearray,
        scan: list[tuple[int, int, str]],
        person_names: set[str],
    ) -> list[Toponym]:
        allowed = bytearray(len(doc))
        for i in range(len(doc)):
            allowed[i] = 0 if in_entity[i] else 1
        for start, end, label in scan:
            words = {t.lower_ for t in doc[start:end]}
            if label == "ORG" and words & self.org_words:
                continue  # "Arizona State University": an organisation, not a place
            before = _previous(doc, start, 1)
            after_place_prep = bool(before) and before[0].lower_ in PERSON_AS_PLACE_PREPOSITIONS
            if label == "PERSON" and end - start > 1:
                # "Paris Hilton" is a person; the model tags many foreign places as people
                # too: "Lashkar Gah" (a place by its whole name), "in Tuz Khurmatu", "the
                # neighbourhood of Baba Amr"
                if not (
                    after_place_prep
                    or self._prefixed(doc, start, end)
                    or self._named_site(doc, start, end)
                    or any(_strong(c) for c in self.gazetteer.lookup(doc[start:end].text))
                ):
                    continue
                person_names = person_names - {doc[start:end].text, doc[end - 1].text}
            for i in range(start, end):
                allowed[i] = 1
        for i in range(len(doc)):
            if claimed[i]:
                allowed[i] = 0
        found: list[Toponym] = []
        i = 0
        n = len(doc)
        while i < n:
            if not allowed[i] or not _capitalised(doc[i]):
                i += 1
                continue
            run_end = i + 1
            while (
                run_end < n
                and allowed[run_end]
                and (
                    _capitalised(doc[run_end])
                    or (
                        doc[run_end].lower_ in self.run_connectors
                        and run_end + 1 < n
                        and allowed[run_end + 1]  # not "Nugegoda on November 28"
                        and _capitalised(doc[run_end + 1])
                    )
                )
            ):
                run_end += 1
            i = self._match_run(doc, i, run_end, found, person_names)
        return found

    def _match_run(
        self, doc: Doc, start: int, end: int, found: list[Toponym], person_names: set[str]
    ) -> int:
        """Longest matches from the left inside one capitalised run; returns the next index.
        A run the gazetteer does not know is still a place where the text calls it one ("the
        village of Sousan", "Akida village") or a verb that takes places has it as its object
        ("rebels captured Grahovo"): kept without coordinates."""
        # The text's own word for a settlement outweighs the model's PERSON ("the
        # neighbourhood of Baba Amr"); a preposition alone does not ("faith in Joe Biden"), and
        # an unknown name after one is more often a building or a team than a village.
        if (
            (
                self._named_site(doc, start, end)
                or self._object_of_place_verb(doc[start:end])
                or self._prefixed(doc, start, end)
            )
            and self._plain_name(doc, start, end)
            and (not self._strong_part(doc, start, end) or self._named_before_noun(doc, start, end))
            and not self.gazetteer.lookup(doc[start:end].text)
        ):
            found.append(self._unknown_site(doc, start, end))
            return end
        i = start
        while i < end:
            matched = False
            for length in range(min(MAX_NGRAM, end - i), 0, -1):
                words = doc[i : i + length]
                if words[-1].lower_ in self.name_connectors or words[-1].text == "-":
                    continue
                toponym = None
                if words.text not in person_names:  # "Bautista" after "Jose Bautista"
                    toponym = self._accept(doc, i, i + length)
                if toponym is not None and not self._whole_or_strong(doc, start, end, toponym):
                    toponym = None
                if toponym is not None:
                    found.append(toponym)
                    i += length
                    matched = True
                    break
            if not matched:
                i += 1
        return end

    def _whole_or_strong(self, doc: Doc, start: int, end: int, toponym: Toponym) -> bool:
        """A small town read into part of a longer name is not meant ("Tal" of "Tal Afar",
        "Baba" of "Baba Amr"): a part matches only when it is a strong place or the rest of
        the run is generic words ("Ibi Local Government Area")."""
        rest = [t for t in doc[start:end] if not toponym.start <= t.i < toponym.end]
        if not rest or any(_strong(c) for c in toponym.candidates):
            return True
        return all(
            t.lower_ in self.stop
            or t.lower_ in self.feature_words
            or t.lower_ in self.run_connectors
            or t.lower_ in self.place_modifiers
            for t in rest
        )

    def _plain_name(self, doc: Doc, start: int, end: int) -> bool:
        """Up to three name words, none a title, a common or generic word, an organisation's
        word or a hyphenated form ("Laguna Mayor", "U.S.-based", "Patriot High" are not)."""
        words = doc[start:end]
        return len(words) <= 3 and all(
            t.is_alpha
            and t.lower_ not in self.stop
            and t.lower_ not in self.person_titles
            and t.lower_ not in self.org_words
            and t.lower_ not in self.facility_words
            and t.lower_ not in self.feature_words
            for t in words
        )

    def _whole_settlement(self, doc: Doc, ent: Span) -> Span:
        """The model's place with the capitalised words between it and a settlement noun:
        "Chhota" of "Chhota Udaipur town" is the whole name."""
        end = ent.end
        while end < min(len(doc), ent.end + 2) and _capitalised(doc[end]) and doc[end].is_alpha:
            end += 1
        if end == ent.end or end >= len(doc) or doc[end].lower_ not in self.city_words:
            return ent
        if doc[end].text[:1].isupper():
            return ent  # "Niamey City Council"
        return doc[ent.start : end]

    def _named_before_noun(self, doc: Doc, start: int, end: int) -> bool:
        """Several name words before a settlement noun are one name, even where one of them
        is a known town elsewhere ("Chhota Udaipur town" is not Udaipur)."""
        return end - start > 1 and end < len(doc) and doc[end].lower_ in self.city_words

    def _strong_part(self, doc: Doc, start: int, end: int) -> bool:
        """Whether a word group of the run is a strong place ("Gaza" of "Gaza City Hospital")."""
        return any(
            _strong(c)
            for i in range(start, end)
            for n in range(1, min(MAX_NGRAM, end - i) + 1)
            for c in self.gazetteer.lookup(doc[i : i + n].text)
        )

    def _named_site(self, doc: Doc, start: int, end: int) -> bool:
        """A capitalised run the text names as a settlement or district: after "the village
        of", "the neighbourhood of", "the district of" ..., or before "village", "town"
        ("Buwa village")."""
        text = doc[start:end].text
        if len(text) < 3 or text.lower() in self.stop or text.lower() in self.not_place:
            return False
        before = _previous(doc, start, 2)
        if len(before) == 2 and before[1].lower_ == "of" and before[0].lower_ in self.city_words:
            return True
        return (
            end < len(doc)
            and doc[end].lower_ in self.city_words
            and doc[end].lower_ not in ("capital", "city")  # "the Niamey city council"
            and not doc[end].text[:1].isupper()
        )

    @staticmethod
    def _unknown_site(doc: Doc, start: int, end: int) -> Toponym:
        span = doc[start:end]
        return Toponym(start, end, span.start_char, span.end_char, span.text, "gazetteer", "", ())

    def _accept(self, doc: Doc, start: int, end: int) -> Toponym | None:
        span = doc[start:end]
        text = span.text
        lowered = text.lower()
        if lowered in self.stop or lowered in self.not_place or len(text) < 3:
            return None
        if end - start == 1 and doc[start].is_stop:
            return None
        if self._after_title(doc, start):
            return None
        candidates = self._lookup(doc, start, end, text)
        if not candidates:
            return None
        whole_run_upper = span.text.isupper()
        sentence_start = doc[start].is_sent_start
        supported = (
            self._supported(doc, start, end)
            or self._named_site(doc, start, end)
            or self._prefixed(doc, start, end)
        )
        strong = any(_strong(c) for c in candidates)
        if not supported and not strong:
            return None
        if (
            sentence_start
            and not supported
            and not whole_run_upper
            and not any(c.feature == "country" for c in candidates)
        ):
            return None  # "Nice work", "Reading the report": a capital that says nothing
        if not any(c.primary for c in candidates) and not supported:
            return None
        return Toponym(
            start,
            end,
            span.start_char,
            span.end_char,
            text,
            "gazetteer",
            "",
            candidates,
            hint=self._hint(doc, start, end),
        )

    def _supported(self, doc: Doc, start: int, end: int) -> bool:
        two = _previous(doc, start, 2)
        previous = two[-1] if two else None
        if previous is not None and previous.lower_ in self.place_modifiers and len(two) == 2:
            previous = two[0]  # "in southern Kobane", "near eastern Ghouta"
        if previous is not None and previous.lower_ in TOPONYM_PREPOSITIONS:
            return True
        if previous is not None and previous.lower_ in self.feature_words:
            return True  # "the town Zinder"
        if end < len(doc) and doc[end].lower_ in self.feature_words:
            return True  # "Zinder region"
        if self._object_of_place_verb(doc[start:end]):
            return True  # "rebels captured Birao"
        if previous is not None and previous.text == "," and start >= 2:
            return _capitalised(doc[start - 2])  # "Centreville, Virginia"
        return end + 1 < len(doc) and doc[end].text == "," and _capitalised(doc[end + 1])

    def _prefixed(self, doc: Doc, start: int, end: int) -> bool:
        """A name of two or more words whose first is a generic place word ("Tal Abyad")."""
        return end - start > 1 and doc[start].lower_ in self.place_prefixes

    def _object_of_place_verb(self, span: Span) -> bool:
        """The object of a verb that takes places ("captured Manbij"), not a person's name."""
        root = span.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head  # "captured Grahovo and Glamoc"
        return (
            root.dep_ == "dobj"
            and root.head.lemma_.lower() in self.place_verbs
            # a name the model tags, but not as a person: "Police captured Troia" (untagged)
            # is a man, "captured Birao" (ORG) and "captured Manbij" (PRODUCT) are towns
            and all(t.ent_type_ and t.ent_type_ != "PERSON" for t in span)
        )

    # -- "Town, Region" -------------------------------------------------------------------
    @staticmethod
    def _link_containers(doc: Doc, toponyms: list[Toponym]) -> None:
        for index in range(len(toponyms) - 1):
            here, after = toponyms[index], toponyms[index + 1]
            between = doc[here.end : after.start]
            if len(between) == 1 and between[0].text == ",":
                here.container = index + 1


def _seats_at_home(toponyms: list[Toponym]) -> None:
    """A seat of government the lexicon knows ("Washington", "London") in a text that also
    names its country is that country's capital or another place of that country
    ("Washington" state), not a namesake town abroad, unless the text names the namesake's
    region ("Ontario") or gives it a container or a feature word. Where the seat's country is
    not named, the rules and the ranker weigh the namesakes ("London" in a story about
    Canada)."""
    countries = {t.ruler_iso3 for t in toponyms if t.ruler_kind == COUNTRY}
    regions = {
        c.admin1 for t in toponyms for c in t.candidates if c.feature == "admin1" and c.primary
    }
    for toponym in toponyms:
        if (
            toponym.ruler_kind == SEAT
            and toponym.ruler_iso3 in countries
            and toponym.container is None
            and toponym.hint is None
        ):
            toponym.candidates = (
                tuple(
                    c
                    for c in toponym.candidates
                    if c.iso3 == toponym.ruler_iso3
                    or (c.admin1 is not None and c.admin1 in regions)
                )
                or toponym.candidates
            )


def _only_small_alternates(candidates: tuple[Candidate, ...]) -> bool:
    return bool(candidates) and all(
        not c.primary and c.population < UNSUPPORTED_MIN_POPULATION for c in candidates
    )


def _previous(doc: Doc, start: int, count: int) -> list[Token]:
    """Up to ``count`` tokens before ``start``, in text order, skipping whitespace tokens
    ("in  Tal Afar" with two spaces)."""
    found: list[Token] = []
    i = start - 1
    while i >= 0 and len(found) < count:
        if not doc[i].is_space:
            found.append(doc[i])
        i -= 1
    return found[::-1]


def _person_names(doc: Doc) -> set[str]:
    """Full names the model tags as people in this article and their last words, a name
    being extended over capitalised proper nouns the model left out of the entity ("Claude
    Joseph" + "Villars Dubreuil"): a later bare "Dubreuil" or "Bautista" is that person, even
    where the model says GPE."""
    names: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        end = ent.end
        while (
            end < len(doc)
            and doc[end].ent_type == 0
            and doc[end].pos_ == "PROPN"
            and _capitalised(doc[end])
            and doc[end].sent_start != 1
        ):
            end += 1
        if end - ent.start > 1:
            names.add(doc[ent.start : end].text)
            names.add(doc[end - 1].text)
            names.add(ent.text)
            names.add(ent[-1].text)
    return names


def _capitalised(token: Token) -> bool:
    text = token.text
    return len(text) > 1 and text[0].isupper() and (token.is_alpha or "." in text)


def _dateline_place(candidate: Candidate) -> bool:
    """A place a dateline may name: a country or curated region, or a town of some size
    (not "UPDATE", a hamlet somewhere)."""
    if candidate.feature == "city":
        return candidate.primary and candidate.population >= DATELINE_MIN_POPULATION
    return candidate.curated and candidate.primary


def _strong(candidate: Candidate) -> bool:
    """Entries that are places whatever the context: countries, regions, curated admin1
    regions and large cities (by their own name)."""
    if not candidate.curated:
        return False  # GeoNames region names outside the curated lists need support
    if candidate.feature in ("country", "admin1", "region"):
        return candidate.primary
    return candidate.primary and candidate.population >= UNSUPPORTED_MIN_POPULATION


def token_index(toponyms: list[Toponym]) -> dict[int, int]:
    """Token -> index of the toponym that covers it."""
    index: dict[int, int] = {}
    for i, toponym in enumerate(toponyms):
        for token in range(toponym.start, toponym.end):
            index[token] = i
    return index
