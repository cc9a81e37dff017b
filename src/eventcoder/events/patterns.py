"""The event dictionaries: verb patterns, nominal triggers, frames and factuality cues.

Loaded once from ``data/`` (formats in docs/data-formats.md) into read-only indexes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.datafiles import (
    DATA_DIR,
    DEFAULT_LANGUAGE,
    DataError,
    Row,
    files_in,
    localised,
    read_rows,
)
from eventcoder.events.casualties import CasualtyWords
from eventcoder.ontology import Ontology

FRAMES = ("intent", "appeal", "demand", "reject", "threaten")
FRAME_DEFAULTS = {
    "intent": "030",
    "appeal": "020",
    "demand": "100",
    "reject": "120",
    "threaten": "130",
}
SUPPORT_KINDS = ("light", "occur", "undergo", "on", "to", "in", "under", "light_noun", "measure")
MODALITY_KINDS = (
    "negation",
    "hypothetical",
    "intent",
    "obligation",
    "unconfirmed",
    "future_aux",
    "modal_clause",
    "background",
)
ARGUMENT_RULES = (
    "reciprocal",
    "mutual",
    "venue_not_target",
    "harm",
    "medium_role",
    "place_target",
    "civilian_source",
    "agent_of",
    "occurred",
    "adjunct_doer",
    "unsaid",
    "referent_target",
    "figurative",
    "figurative_as",
    "verbal_role",
)
ACTOR_CLASS = "@actor"  # pattern slot filled by a coded actor ("released Bazoum")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One line of a verb or noun dictionary."""

    cameo: str
    lemma: str  # verb lemma, or the head noun lemma
    particle: str | None
    modifier: str | None  # nouns only: "air" in "air strike"
    objects: frozenset[str] | None
    prep: str | None
    prep_objects: frozenset[str] | None
    kind: str  # "verbs" or "nouns"
    where: str
    order: int
    instruments: frozenset[str] = frozenset()  # objects that are means, never targets

    @property
    def specificity(self) -> int:
        return sum(
            x is not None for x in (self.objects, self.prep, self.prep_objects, self.modifier)
        )

    @property
    def rule(self) -> str:
        words = [self.lemma] if self.modifier is None else [self.modifier, self.lemma]
        if self.particle:
            words.append(self.particle)
        rule = f"{self.kind}:{self.cameo}:{' '.join(words)}"
        if self.objects is not None:
            rule += "+obj"
        if self.prep:
            rule += f"+{self.prep}"
        return rule


@dataclass(frozen=True, slots=True)
class Frame:
    frame: str
    verb: str
    particle: str | None
    prep: str | None
    where: str


@dataclass(frozen=True, slots=True)
class PatternBook:
    verbs: dict[tuple[str, str | None], tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    frames: dict[tuple[str, str | None], tuple[Frame, ...]]
    frame_codes: dict[str, dict[str, str | None]]
    light_verbs: frozenset[tuple[str, str | None]]
    occur_verbs: frozenset[tuple[str, str | None]]
    undergo_verbs: frozenset[tuple[str, str | None]]  # "Turkey suffered a series of bombings"
    on_verbs: frozenset[tuple[str, str | None]]  # "went on strike", "is on hunger strike"
    measure_nouns: frozenset[str]  # "a series of bombings", "months of shelling"
    to_verbs: frozenset[tuple[str, str | None]]  # "resorted to a lathi charge"
    in_verbs: frozenset[tuple[str, str | None]]  # "a mob indulging in arson"
    under_verbs: frozenset[tuple[str, str | None]]  # "37 cities were under curfew"
    light_nouns: frozenset[tuple[str, str | None]]  # "mediation effort", "aid deliveries"
    reciprocal: tuple[str, ...]  # code prefixes (argument_rules.tsv)
    mutual: tuple[str, ...]  # "A met B": also B met A
    venue_not_target: tuple[str, ...]  # "said at a Washington event": no target
    harm: tuple[str, ...]  # "killed in police firing": coded as the act in the "in" phrase
    medium_roles: frozenset[str]  # "told CNN": the medium, not the addressee
    place_target: tuple[str, ...]
    civilian_source: tuple[str, ...]
    agent_of: tuple[str, ...]
    occurred: tuple[str, ...]  # event nouns an occurrence verb reports, coded with no actor
    adjunct_doer: tuple[str, ...]  # "in a meeting with X": held by the clause's subject
    unsaid: tuple[str, ...]  # statements coded with no speaker when negated ("not claimed")
    referent_target: tuple[str, ...]  # "condemned the coup": the coup's authors (referents.tsv)
    figurative: tuple[str, ...]  # conflict codes that may be figurative
    figurative_as: str | None  # the code a figurative conflict word gets (111)
    verbal_roles: frozenset[str]  # roles whose "attacks" are verbal
    negation: frozenset[str]
    hypothetical: frozenset[str]
    intent: frozenset[str]
    obligation: frozenset[str]
    unconfirmed: frozenset[str]
    future_aux: frozenset[str]  # "said it would impose": a declared own future action
    modal_clause: frozenset[str]  # "demanded that X should free": a clause a frame can frame
    background: frozenset[str]  # "since the coup", "in the wake of the riots": told before
    speech_verbs: frozenset[str]
    casualties: CasualtyWords
    accusation_cues: dict[str, str] = field(default_factory=dict)  # word -> 111 / 112
    # Event nouns whose authors are the target ("condemned the coup"): noun -> code prefixes,
    # or the empty tuple for a light head whose complement names the event (referents.tsv).
    referents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    # Phrases opening a list of links to other stories (link_list_cues.tsv).
    link_list_cues: tuple[str, ...] = ()

    @classmethod
    def load(
        cls, ontology: Ontology, data_dir: Path | None = None, language: str = DEFAULT_LANGUAGE
    ) -> PatternBook:
        """The dictionaries of one language: its own verbs/, classes/, nouns, frames, support
        verbs, modality and speech verbs (``data/<language>/`` for other languages than
        English), with the shared CAMEO table, frame codes and argument rules."""

        def own(relpath: str) -> str:
            return localised(relpath, language, data_dir)

        classes = _load_classes(data_dir, own("classes"))
        order = 0
        verbs: dict[tuple[str, str | None], list[Pattern]] = {}
        for relpath in files_in(own("verbs"), data_dir):
            for row in read_rows(relpath, 5, 5, data_dir):
                order += 1
                pattern = _verb_pattern(row, classes, ontology, order)
                verbs.setdefault((pattern.lemma, pattern.particle), []).append(pattern)
        nouns: dict[str, list[Pattern]] = {}
        for row in read_rows(own("nouns.tsv"), 3, 3, data_dir):
            order += 1
            pattern = _noun_pattern(row, classes, ontology, order)
            nouns.setdefault(pattern.lemma, []).append(pattern)
        return cls(
            verbs={key: _ranked(found) for key, found in verbs.items()},
            nouns={key: _ranked(found) for key, found in nouns.items()},
            frames=_load_frames(data_dir, own("frames.tsv")),
            frame_codes=_load_frame_codes(ontology, data_dir),
            light_verbs=_support(data_dir, "light", own("support_verbs.tsv")),
            occur_verbs=_support(data_dir, "occur", own("support_verbs.tsv")),
            undergo_verbs=_support(data_dir, "undergo", own("support_verbs.tsv")),
            on_verbs=_support(data_dir, "on", own("support_verbs.tsv")),
            measure_nouns=frozenset(
                lemma for lemma, _ in _support(data_dir, "measure", own("support_verbs.tsv"))
            ),
            to_verbs=_support(data_dir, "to", own("support_verbs.tsv")),
            in_verbs=_support(data_dir, "in", own("support_verbs.tsv")),
            under_verbs=_support(data_dir, "under", own("support_verbs.tsv")),
            light_nouns=_support(data_dir, "light_noun", own("support_verbs.tsv")),
            reciprocal=_argument_rule(data_dir, "reciprocal"),
            mutual=_argument_rule(data_dir, "mutual"),
            venue_not_target=_argument_rule(data_dir, "venue_not_target"),
            harm=_argument_rule(data_dir, "harm"),
            medium_roles=frozenset(_argument_rule(data_dir, "medium_role")),
            place_target=_argument_rule(data_dir, "place_target"),
            civilian_source=_argument_rule(data_dir, "civilian_source"),
            agent_of=_argument_rule(data_dir, "agent_of"),
            occurred=_argument_rule(data_dir, "occurred"),
            adjunct_doer=_argument_rule(data_dir, "adjunct_doer"),
            unsaid=_argument_rule(data_dir, "unsaid", own("argument_rules.tsv")),
            referent_target=_argument_rule(data_dir, "referent_target"),
            figurative=_argument_rule(data_dir, "figurative"),
            figurative_as=next(iter(_argument_rule(data_dir, "figurative_as")), None),
            verbal_roles=frozenset(_argument_rule(data_dir, "verbal_role")),
            negation=_modality(data_dir, "negation", own("modality.tsv")),
            hypothetical=_modality(data_dir, "hypothetical", own("modality.tsv")),
            intent=_modality(data_dir, "intent", own("modality.tsv")),
            obligation=_modality(data_dir, "obligation", own("modality.tsv")),
            unconfirmed=_modality(data_dir, "unconfirmed", own("modality.tsv")),
            future_aux=_modality(data_dir, "future_aux", own("modality.tsv")),
            modal_clause=_modality(data_dir, "modal_clause", own("modality.tsv")),
            background=_modality(data_dir, "background", own("modality.tsv")),
            speech_verbs=frozenset(
                row.fields[0].lower() for row in read_rows(own("speech_verbs.tsv"), 1, 2, data_dir)
            ),
            casualties=CasualtyWords.load(data_dir, language),
            classes=classes,
            accusation_cues=_accusation_cues(ontology, data_dir, own("accusation_cues.tsv")),
            referents=_referents(ontology, data_dir, own("referents.tsv")),
            link_list_cues=_link_list_cues(data_dir, own("link_list_cues.tsv")),
        )

    def framed_code(self, base: str, frame: str) -> str:
        """The code of event ``base`` under a frame: full code, parent, root, then default."""
        for key in (base, base[:3], base[:2]):
            codes = self.frame_codes.get(key)
            if codes is not None and codes.get(frame):
                return codes[frame] or FRAME_DEFAULTS[frame]
        return FRAME_DEFAULTS[frame]

    def pattern_count(self) -> int:
        return sum(len(p) for p in self.verbs.values()) + sum(len(p) for p in self.nouns.values())

    def cameo_codes(self) -> set[str]:
        found = {p.cameo for ps in self.verbs.values() for p in ps}
        return found | {p.cameo for ps in self.nouns.values() for p in ps}


def _ranked(patterns: list[Pattern]) -> tuple[Pattern, ...]:
    return tuple(sorted(patterns, key=lambda p: (-p.specificity, p.order)))


def _load_classes(data_dir: Path | None, folder: str = "classes") -> dict[str, frozenset[str]]:
    members: dict[str, set[str]] = {}
    for relpath in files_in(folder, data_dir):
        for row in read_rows(relpath, 2, 2, data_dir):
            name = row.fields[0].lstrip("@")
            members.setdefault(name, set()).update(w.lower() for w in row.alternatives(1))
    return {name: frozenset(words) for name, words in members.items()}


def _instruments(value: str | None, classes: dict[str, frozenset[str]]) -> frozenset[str]:
    """Object alternatives marked '~' name an instrument, not a target ("use ~force")."""
    found: set[str] = set()
    for part in (value or "").split("|"):
        part = part.strip().lower()
        if part.startswith("~"):
            name = part[1:]
            found |= classes.get(name[1:], frozenset()) if name.startswith("@") else {name}
    return frozenset(found)


def _word_set(
    row: Row, value: str | None, classes: dict[str, frozenset[str]]
) -> frozenset[str] | None:
    if value is None:
        return None
    words: set[str] = set()
    for part in value.split("|"):
        part = part.strip().lower().lstrip("~")
        if part == ACTOR_CLASS:
            words.add(ACTOR_CLASS)  # satisfied by any coded actor, checked at match time
        elif part.startswith("@"):
            found = classes.get(part[1:])
            if found is None:
                raise DataError(f"{row.where}: unknown noun class {part!r} (see classes/)")
            words |= found
        elif part:
            words.add(part)
    return frozenset(words)


def _prep_constraint(
    row: Row, value: str | None, classes: dict[str, frozenset[str]]
) -> tuple[str | None, frozenset[str] | None]:
    if value is None:
        return None, None
    prep, _, objects = value.partition(":")
    prep = prep.strip().lower()
    if not prep or " " in prep:
        raise DataError(f"{row.where}: preposition must be one word, got {value!r}")
    return prep, _word_set(row, objects or None, classes)


def _check_code(row: Row, code: str, ontology: Ontology) -> str:
    if code not in ontology or len(code) < 3:
        raise DataError(f"{row.where}: {code!r} is not a CAMEO event code in cameo.tsv")
    return code


def _verb_pattern(
    row: Row, classes: dict[str, frozenset[str]], ontology: Ontology, order: int
) -> Pattern:
    code = _check_code(row, row.fields[0], ontology)
    verb = row.fields[1].lower()
    if not verb or " " in verb:
        raise DataError(f"{row.where}: verb must be one lemma (put particles in column 3)")
    prep, prep_objects = _prep_constraint(row, row.get(4), classes)
    particle = row.get(2)
    return Pattern(
        code,
        verb,
        particle.lower() if particle else None,
        None,
        _word_set(row, row.get(3), classes),
        prep,
        prep_objects,
        "verbs",
        row.where,
        order,
        _instruments(row.get(3), classes),
    )


def _noun_pattern(
    row: Row, classes: dict[str, frozenset[str]], ontology: Ontology, order: int
) -> Pattern:
    code = _check_code(row, row.fields[0], ontology)
    words = row.fields[1].lower().split()
    if not 1 <= len(words) <= 2:
        raise DataError(f"{row.where}: noun must be 'head' or 'modifier head'")
    modifier = words[0] if len(words) == 2 else None
    prep, prep_objects = _prep_constraint(row, row.get(2), classes)
    return Pattern(
        code, words[-1], None, modifier, None, prep, prep_objects, "nouns", row.where, order
    )


def _load_frames(
    data_dir: Path | None, relpath: str = "frames.tsv"
) -> dict[tuple[str, str | None], tuple[Frame, ...]]:
    frames: dict[tuple[str, str | None], list[Frame]] = {}
    for row in read_rows(relpath, 4, 4, data_dir):
        frame = row.fields[0]
        if frame not in FRAMES:
            raise DataError(f"{row.where}: frame must be one of {FRAMES}, got {frame!r}")
        verb = row.fields[1].lower()
        particle = row.get(2)
        prep = row.get(3)
        entry = Frame(frame, verb, particle, prep.lower() if prep else None, row.where)
        frames.setdefault((verb, particle), []).append(entry)
    # Frames with a preposition are more specific: try them first.
    return {k: tuple(sorted(v, key=lambda f: f.prep is None)) for k, v in frames.items()}


def _load_frame_codes(
    ontology: Ontology, data_dir: Path | None
) -> dict[str, dict[str, str | None]]:
    table: dict[str, dict[str, str | None]] = {}
    for row in read_rows("frame_codes.tsv", 6, 6, data_dir):
        base = row.fields[0]
        if base not in ontology:
            raise DataError(f"{row.where}: base code {base!r} is not in cameo.tsv")
        # A base may appear on several lines (e.g. its intent and its rejection apart): merge.
        codes = table.setdefault(base, dict.fromkeys(FRAMES))
        for frame, index in zip(FRAMES, range(1, 6), strict=True):
            code = row.get(index)
            if code is not None and code not in ontology:
                raise DataError(f"{row.where}: {frame} code {code!r} is not in cameo.tsv")
            if code is not None:
                if codes[frame] not in (None, code):
                    raise DataError(f"{row.where}: {frame} code for {base} given twice")
                codes[frame] = code
    return table


def _support(
    data_dir: Path | None, kind: str, relpath: str = "support_verbs.tsv"
) -> frozenset[tuple[str, str | None]]:
    found: set[tuple[str, str | None]] = set()
    for row in read_rows(relpath, 3, 3, data_dir):
        if row.fields[0] not in SUPPORT_KINDS:
            raise DataError(f"{row.where}: kind must be one of {SUPPORT_KINDS}")
        if row.fields[0] == kind:
            particle = row.get(2)
            found.add((row.fields[1].lower(), particle.lower() if particle else None))
    return frozenset(found)


def _argument_rule(
    data_dir: Path | None, rule: str, relpath: str = "argument_rules.tsv"
) -> tuple[str, ...]:
    found: list[str] = []
    for row in read_rows(relpath, 2, 2, data_dir):
        if row.fields[0] not in ARGUMENT_RULES:
            raise DataError(f"{row.where}: rule must be one of {ARGUMENT_RULES}")
        value = row.fields[1]
        if row.fields[0] in ("verbal_role", "medium_role"):
            if not (len(value) == 3 and value.isalpha() and value.isupper()):
                raise DataError(f"{row.where}: {value!r} is not a role code")
        elif not value.isdigit():
            raise DataError(f"{row.where}: {value!r} is not a CAMEO code prefix")
        if row.fields[0] == rule:
            found.append(row.fields[1])
    return tuple(found)


def _accusation_cues(
    ontology: Ontology, data_dir: Path | None, relpath: str = "accusation_cues.tsv"
) -> dict[str, str]:
    found: dict[str, str] = {}
    for row in read_rows(relpath, 2, 2, data_dir):
        cameo, word = row.fields[0], row.fields[1].lower()
        if not cameo.startswith("11") or ontology.get(cameo) is None:
            raise DataError(f"{row.where}: {cameo!r} is not a CAMEO 11x code")
        found.setdefault(word, cameo)
    return found


LIGHT_REFERENT = ">"  # referents.tsv: the head's complement names the event


def _referents(
    ontology: Ontology, data_dir: Path | None, relpath: str = "referents.tsv"
) -> dict[str, tuple[str, ...]]:
    """referents.tsv: event noun -> the code prefixes of the events its authors did."""
    found: dict[str, tuple[str, ...]] = {}
    if not ((data_dir or DATA_DIR) / relpath).exists():
        return found
    for row in read_rows(relpath, 2, 2, data_dir):
        noun, value = row.fields[0].lower(), row.fields[1]
        if value == LIGHT_REFERENT:
            found[noun] = ()
            continue
        codes = tuple(code.strip() for code in value.split("|"))
        for code in codes:
            if not code.isdigit() or len(code) not in (2, 3) or ontology.get(code) is None:
                raise DataError(f"{row.where}: {code!r} is not a CAMEO root or 3-digit code")
        found[noun] = codes
    return found


def _link_list_cues(data_dir: Path | None, relpath: str) -> tuple[str, ...]:
    return tuple(row.fields[0].lower() for row in read_rows(relpath, 1, 1, data_dir))


def _modality(data_dir: Path | None, kind: str, relpath: str = "modality.tsv") -> frozenset[str]:
    found: set[str] = set()
    for row in read_rows(relpath, 2, 2, data_dir):
        if row.fields[0] not in MODALITY_KINDS:
            raise DataError(f"{row.where}: kind must be one of {MODALITY_KINDS}")
        if row.fields[0] == kind:
            found.add(row.fields[1].lower())
    return frozenset(found)
