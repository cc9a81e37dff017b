"""Reader for PETRARCH / TABARI verb dictionaries (``CAMEO.2.0.txt``, ``*.verbs.txt``).

The file holds, in any order (format details in docs/petrarch.md):

* synonym sets: ``&NAME`` followed by ``+word or phrase`` lines; a label or a phrase ending in
  ``_`` gets no automatic plurals; a member may name another set (``+&TIETYPES``);
* verb blocks: a ``--- NAME [CODE] ---`` header, verb lines ``WORD {IRREGULAR FORMS} [CODE]``
  (``+`` marks the verb in a multi-word verb: ``+CORDON_OFF``, ``WIRE_+TAP``) and pattern
  lines ``- pre-verb words * post-verb words [CODE]``;
* transformations: ``~ a (a b ATTACK) SAY = a b 015``.

Pattern syntax: words joined by ``_`` must be consecutive, by a blank may have others between;
``*`` is the verb; ``&SET`` a synonym set; ``$`` the source actor, ``+`` the target actor,
``%`` a compound actor, ``^`` an actor to skip; ``(PREP ...)`` a prepositional phrase;
``{WORD WORD}`` a noun phrase. Codes: ``[064]``, ``[042:043]`` (also code the reverse
direction), ``[:173]`` (reverse only), ``[---]`` (no event).

Malformed entries are reported as ``file:line: problem`` in ``VerbDictionary.warnings`` and
skipped; reading never raises on content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.petrarch.common import (
    Phrase,
    plurals,
    read_lines,
    split_phrase,
    split_word,
    verb_forms,
    where,
)

NULL_CODE = "---"
ACTOR_MARKS = frozenset("$+%^")
_CODE = re.compile(r"\[([^\[\]]*)\]")
_TRANSFORM = re.compile(
    r"^~\s*(\S+)\s*\(\s*(\S+)\s+(\S+)\s+([^\s)]+)\s*\)\s*(\S+)\s*=\s*(\S+)\s+(\S+)\s+(\S+)\s*$"
)


@dataclass(frozen=True, slots=True)
class Element:
    """One item of a pattern.

    ``kind``: ``word`` (``words`` holds its normalised pieces), ``syn`` (``name``), ``actor``
    (``name`` is one of ``$ + % ^``), ``prep`` (``name`` is the preposition, ``items`` what its
    object must hold) or ``noun`` (``items``: words that must all be in one noun phrase).
    ``joined``: written with ``_`` to the element before it (no words may come between).
    """

    kind: str
    name: str = ""
    words: Phrase = ()
    items: tuple[Element, ...] = ()
    joined: bool = False

    @property
    def size(self) -> int:
        if self.kind in ("prep", "noun"):
            return 1 + sum(item.size for item in self.items)
        return 1


@dataclass(frozen=True, slots=True)
class VerbPattern:
    before: tuple[Element, ...]  # in text order, before the verb
    after: tuple[Element, ...]  # in text order, after the verb
    joined_before: bool  # "IN_*": the last word before is right before the verb
    code: str | None  # None: no event source -> target
    reverse: str | None  # code of the reverse event (target -> source), "[042:043]"
    text: str
    where: str
    order: int

    @property
    def specificity(self) -> int:
        return sum(e.size for e in self.before) + sum(e.size for e in self.after)

    @property
    def markers(self) -> frozenset[str]:
        found: set[str] = set()
        stack = [*self.before, *self.after]
        while stack:
            element = stack.pop()
            if element.kind == "actor":
                found.add(element.name)
            stack.extend(element.items)
        return frozenset(found)


@dataclass(frozen=True, slots=True)
class VerbForm:
    """A surface form of a (possibly multi-word) verb: ``words[head]`` is the verb itself."""

    words: Phrase
    head: int

    @property
    def verb(self) -> str:
        return self.words[self.head]


@dataclass(frozen=True, slots=True)
class VerbEntry:
    base: VerbForm
    forms: tuple[VerbForm, ...]  # base, irregular and generated regular forms
    code: str | None  # own code, else the block's
    reverse: str | None
    block: int
    where: str


@dataclass(frozen=True, slots=True)
class VerbBlock:
    name: str
    code: str | None
    reverse: str | None
    patterns: tuple[VerbPattern, ...]  # most specific first
    where: str


@dataclass(frozen=True, slots=True)
class Transformation:
    """``~ a (b c VERB) OUTER = x y CODE``: an event of ``OUTER`` whose content is an event of
    ``VERB`` becomes one event. Variables: a letter names an actor, ``_`` no actor, ``.`` any.
    ``VERB`` ``Q`` stands for any verb; result code ``Q`` keeps the inner code."""

    outer_source: str
    inner_source: str
    inner_target: str
    inner_verb: str
    outer_verb: str
    source: str
    target: str
    code: str
    where: str


@dataclass(frozen=True, slots=True)
class VerbDictionary:
    synsets: dict[str, tuple[Phrase, ...]]
    blocks: tuple[VerbBlock, ...]
    entries: tuple[VerbEntry, ...]
    by_form: dict[str, tuple[tuple[VerbForm, VerbEntry], ...]]  # verb word -> forms using it
    transformations: tuple[Transformation, ...]
    warnings: tuple[str, ...] = field(default=())

    def pattern_count(self) -> int:
        return sum(len(block.patterns) for block in self.blocks)

    def lookup(self, word: str) -> tuple[tuple[VerbForm, VerbEntry], ...]:
        return self.by_form.get(word, ())


# -- reading ----------------------------------------------------------------------------------


@dataclass
class _RawBlock:
    name: str
    code: str | None
    reverse: str | None
    where: str
    patterns: list[tuple[str, int]] = field(default_factory=list)  # (text, line)
    verbs: int = 0


@dataclass
class _RawVerb:
    text: str
    forms_text: str | None
    code: tuple[str | None, str | None] | None
    block: int
    line: int


def parse_code(text: str) -> tuple[str | None, str | None]:
    """``064`` -> (064, None); ``042:043`` -> both; ``:173`` -> (None, 173); ``---`` null."""
    text = text.strip()
    primary, colon, secondary = text.partition(":")
    first = primary.strip() or None
    second = secondary.strip() or None if colon else None
    if first == NULL_CODE:
        first = None
    if second == NULL_CODE:
        second = None
    return first, second


def read_verbs(paths: list[Path]) -> VerbDictionary:
    """Read one or more verb dictionaries (later files add blocks; synsets are shared)."""
    warnings: list[str] = []
    synset_raw: dict[str, list[tuple[str, str]]] = {}  # name -> (member text, where)
    no_plural: set[str] = set()
    blocks: list[_RawBlock] = []
    verbs: list[_RawVerb] = []
    transforms: list[tuple[str, str]] = []
    block_files: list[Path] = []
    for path in paths:
        context = ""  # "synset", "block" or ""
        synset: str | None = None
        current: int | None = None
        for line in read_lines(path):
            text = line.text.strip()
            here = where(path, line.number)
            if text.startswith("&"):
                label = text.split()[0][1:]
                if not label:
                    warnings.append(f"{here}: synonym set without a name")
                    context = ""
                    continue
                if label.endswith("_"):
                    label = label.rstrip("_")
                    no_plural.add(label)
                if label in synset_raw:
                    warnings.append(f"{here}: synonym set &{label} defined again; merged")
                synset_raw.setdefault(label, [])
                synset, context = label, "synset"
                continue
            if text.startswith("+") and context == "synset" and synset is not None:
                member = text[1:].strip()
                if not member:
                    warnings.append(f"{here}: empty synonym set member")
                else:
                    synset_raw[synset].append((member, here))
                continue
            if text.startswith("---"):
                header = text.strip("- \t")
                codes = _CODE.findall(header)
                name = _CODE.sub(" ", header).strip().rstrip("_") or f"BLOCK@{line.number}"
                code, reverse = parse_code(codes[0]) if codes else (None, None)
                if len(codes) > 1:
                    warnings.append(
                        f"{here}: block header has {len(codes)} codes; using [{codes[0]}]"
                    )
                blocks.append(_RawBlock(name, code, reverse, here))
                block_files.append(path)
                current, context = len(blocks) - 1, "block"
                continue
            if text.startswith("~"):
                transforms.append((text, here))
                context = ""
                continue
            if text.startswith("-"):
                if current is None:
                    warnings.append(f"{here}: pattern outside a verb block; skipped")
                    continue
                blocks[current].patterns.append((text[1:], line.number))
                context = "block"
                continue
            # A verb line. After a synonym set, or after a block's patterns, it starts a block.
            if current is None or context != "block" or blocks[current].patterns:
                head = text.split()[0].lstrip("+").replace("_", " ").replace("+", "")
                blocks.append(_RawBlock(head, None, None, here))
                block_files.append(path)
                current = len(blocks) - 1
            context = "block"
            parsed = _verb_line(text, here, warnings)
            if parsed is not None:
                words, forms_text, verb_code = parsed
                verbs.append(_RawVerb(words, forms_text, verb_code, current, line.number))
                blocks[current].verbs += 1

    synsets = _resolve_synsets(synset_raw, no_plural, warnings)
    out_blocks: list[VerbBlock] = []
    order = 0
    for index, raw in enumerate(blocks):
        path = block_files[index]
        patterns: list[VerbPattern] = []
        for text, number in raw.patterns:
            order += 1
            pattern = _pattern(text, where(path, number), order, synsets, warnings)
            if pattern is not None:
                patterns.append(pattern)
        patterns.sort(key=lambda p: (-p.specificity, p.order))
        if raw.verbs == 0 and raw.patterns:
            warnings.append(f"{raw.where}: block {raw.name} has patterns but no verbs")
        out_blocks.append(VerbBlock(raw.name, raw.code, raw.reverse, tuple(patterns), raw.where))
    entries: list[VerbEntry] = []
    by_form: dict[str, list[tuple[VerbForm, VerbEntry]]] = {}
    for raw_verb in verbs:
        path = block_files[raw_verb.block]
        here = where(path, raw_verb.line)
        entry = _verb_entry(raw_verb, here, warnings)
        if entry is None:
            continue
        entries.append(entry)
        for form in entry.forms:
            by_form.setdefault(form.verb, []).append((form, entry))
    transformations = tuple(
        t for t in (_transformation(text, here, warnings) for text, here in transforms) if t
    )
    return VerbDictionary(
        synsets=synsets,
        blocks=tuple(out_blocks),
        entries=tuple(entries),
        by_form={key: tuple(value) for key, value in by_form.items()},
        transformations=transformations,
        warnings=tuple(warnings),
    )


def _verb_line(
    text: str, here: str, warnings: list[str]
) -> tuple[str, str | None, tuple[str | None, str | None] | None] | None:
    """(verb words, irregular forms text, code) of a verb line."""
    forms_text: str | None = None
    brace = re.search(r"\{([^{}]*)\}", text)
    if brace:
        forms_text = brace.group(1)
        text = text[: brace.start()] + " " + text[brace.end() :]
    elif "{" in text or "}" in text:
        warnings.append(f"{here}: unbalanced braces in verb line; forms ignored")
        text = text.replace("{", " ").replace("}", " ")
    codes = _CODE.findall(text)
    code = parse_code(codes[0]) if codes else None
    words = _CODE.sub(" ", text).strip()
    if "[" in words or "]" in words:
        warnings.append(f"{here}: malformed code in verb line {text.strip()!r}")
        words = words.replace("[", " ").replace("]", " ").strip()
    if not words or not re.search(r"[A-Za-z]", words):
        warnings.append(f"{here}: verb line without a verb: {text.strip()!r}")
        return None
    return words, forms_text, code


def _verb_form(text: str) -> VerbForm | None:
    """``WIRE_+TAP`` -> (WIRE, TAP) with head 1; ``LASH OUT`` -> head 0."""
    parts = [p for p in re.split(r"[\s_]+", text.strip()) if p]
    if not parts:
        return None
    head = 0
    words: list[str] = []
    for part in parts:
        if part.startswith("+"):
            head = len(words)
            part = part[1:]
        if part:
            words.extend(split_word(part))
    if not words or head >= len(words):
        return None
    return VerbForm(tuple(words), head)


def _verb_entry(raw: _RawVerb, here: str, warnings: list[str]) -> VerbEntry | None:
    base = _verb_form(raw.text)
    if base is None:
        warnings.append(f"{here}: cannot read verb {raw.text!r}")
        return None
    forms: list[VerbForm] = [base]
    for generated in verb_forms(base.verb):
        words = list(base.words)
        words[base.head] = generated
        forms.append(VerbForm(tuple(words), base.head))
    if raw.forms_text:
        for item in raw.forms_text.split():
            form = _verb_form(item)
            if form is None:
                warnings.append(f"{here}: cannot read verb form {item!r}")
                continue
            if len(base.words) > 1 and "+" not in item:
                # A bare irregular form of a multi-word verb replaces the verb word only.
                words = list(base.words)
                words[base.head] = form.words[0]
                form = VerbForm(tuple(words), base.head)
            forms.append(form)
    unique = tuple(dict.fromkeys(forms))
    code, reverse = raw.code if raw.code is not None else (None, None)
    return VerbEntry(base, unique, code, reverse, raw.block, here)


def _resolve_synsets(
    raw: dict[str, list[tuple[str, str]]], no_plural: set[str], warnings: list[str]
) -> dict[str, tuple[Phrase, ...]]:
    resolved: dict[str, tuple[Phrase, ...]] = {}

    def expand(name: str, trail: tuple[str, ...]) -> tuple[Phrase, ...]:
        if name in resolved:
            return resolved[name]
        members: list[Phrase] = []
        for text, here in raw.get(name, []):
            if text.startswith("&"):
                inner = text[1:].strip().rstrip("_")
                if inner in trail:
                    warnings.append(f"{here}: synonym set &{inner} contains itself")
                elif inner not in raw:
                    warnings.append(f"{here}: unknown synonym set &{inner}")
                else:
                    members.extend(expand(inner, (*trail, inner)))
                continue
            if any(mark in text for mark in ("$", "%", "^", "*", "&")):
                warnings.append(f"{here}: synonym set member {text!r} may hold only words")
                continue
            stop = text.endswith("_") or name in no_plural
            phrase = split_phrase(text)
            if not phrase:
                warnings.append(f"{here}: empty synonym set member")
                continue
            members.append(phrase)
            if not stop:
                for plural in plurals(phrase[-1]):
                    members.append((*phrase[:-1], plural))
        found = tuple(dict.fromkeys(members))
        resolved[name] = found
        return found

    for name in raw:
        expand(name, (name,))
    return resolved


# -- patterns -----------------------------------------------------------------------------------

_STOP = " _(){}"


def _lex(text: str) -> list[str]:
    """Pattern text -> atoms and the separators ``_``, `` ``, ``(``, ``)``, ``{``, ``}``."""
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in " \t":
            if out and out[-1] != " ":
                out.append(" ")
            i += 1
        elif (
            char in "_(){}"
            or char in "*$%^"
            or (char == "+" and (i + 1 >= len(text) or text[i + 1] in _STOP))
        ):
            out.append(char)
            i += 1
        else:
            j = i
            while j < len(text) and text[j] not in _STOP and text[j] not in "*$%^":
                if text[j] == "+" and j + 1 < len(text) and text[j + 1] in _STOP:
                    break
                j += 1
            if j == i:
                out.append(char)
                j = i + 1
            else:
                out.append(text[i:j])
            i = j
    return out


class _PatternError(ValueError):
    pass


def _pattern(
    text: str,
    here: str,
    order: int,
    synsets: dict[str, tuple[Phrase, ...]],
    warnings: list[str],
) -> VerbPattern | None:
    codes = _CODE.findall(text)
    if not codes:
        warnings.append(f"{here}: pattern without a [code]: {text.strip()!r}")
        return None
    body = text[: text.index("[")]
    code, reverse = parse_code(codes[0])
    try:
        items = _elements(_lex(body), synsets)
    except _PatternError as exc:
        warnings.append(f"{here}: {exc}: {text.strip()!r}")
        return None
    verbs = [i for i, (element, _) in enumerate(items) if element.kind == "verb"]
    if len(verbs) != 1:
        warnings.append(f"{here}: pattern needs exactly one '*': {text.strip()!r}")
        return None
    at = verbs[0]
    # Each element's flag says "no words between me and the element before me".
    before = tuple(Element(e.kind, e.name, e.words, e.items, j) for e, j in items[:at])
    after = tuple(Element(e.kind, e.name, e.words, e.items, j) for e, j in items[at + 1 :])
    verb_joined = items[at][1]
    return VerbPattern(
        before,
        after,
        verb_joined,
        code,
        reverse,
        " ".join(body.split()),
        here,
        order,
    )


def _elements(
    atoms: list[str], synsets: dict[str, tuple[Phrase, ...]]
) -> list[tuple[Element, bool]]:
    """Parse a token stream into (element, joined to the previous one) pairs."""
    out: list[tuple[Element, bool]] = []
    i = 0
    joined = False
    while i < len(atoms):
        atom = atoms[i]
        if atom == " ":
            joined = False
            i += 1
            continue
        if atom == "_":
            # "WORD_ *": a trailing underscore before a blank only ends the word.
            nxt = atoms[i + 1] if i + 1 < len(atoms) else " "
            joined = bool(out) and nxt != " "
            i += 1
            continue
        if atom in ("(", "{"):
            close = ")" if atom == "(" else "}"
            depth, j = 0, i
            while j < len(atoms):
                if atoms[j] == atom:
                    depth += 1
                elif atoms[j] == close:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j >= len(atoms):
                raise _PatternError(f"unbalanced {atom!r}")
            inner = [e for e, _ in _elements(atoms[i + 1 : j], synsets)]
            if atom == "(":
                if not inner or inner[0].kind != "word":
                    raise _PatternError("a (...) phrase must start with a preposition")
                prep = Element("prep", inner[0].words[0], (), tuple(inner[1:]))
                out.append((prep, joined))
            else:
                if not inner or any(e.kind not in ("word", "syn") for e in inner):
                    raise _PatternError("a {...} noun phrase may hold only words and sets")
                out.append((Element("noun", "", (), tuple(inner)), joined))
            joined = False
            i = j + 1
            continue
        if atom in (")", "}"):
            raise _PatternError(f"unbalanced {atom!r}")
        if atom == "*":
            out.append((Element("verb"), joined))
        elif atom in ACTOR_MARKS:
            out.append((Element("actor", atom), joined))
        elif atom.startswith("&"):
            name, i = _synset_name(atoms, i, synsets)
            out.append((Element("syn", name), joined))
        else:
            words = split_word(atom)
            if not words:
                raise _PatternError(f"cannot read word {atom!r}")
            out.append((Element("word", "", words), joined))
        joined = False
        i += 1
    return out


def _synset_name(
    atoms: list[str], i: int, synsets: dict[str, tuple[Phrase, ...]]
) -> tuple[str, int]:
    """The longest defined set name starting at ``atoms[i]`` ("&FIGHT_OF_WORDS" before
    "&FIGHT" + OF + WORDS), and the index of its last atom."""
    name = atoms[i][1:].rstrip("_")
    best: tuple[str, int] | None = (name, i) if name in synsets else None
    j = i
    while j + 2 < len(atoms) and atoms[j + 1] == "_" and atoms[j + 2] not in " _(){}":
        name = f"{name}_{atoms[j + 2]}"
        j += 2
        if name in synsets:
            best = (name, j)
    if best is None:
        raise _PatternError(f"unknown synonym set &{atoms[i][1:]}")
    return best


def _transformation(text: str, here: str, warnings: list[str]) -> Transformation | None:
    match = _TRANSFORM.match(text)
    if not match:
        warnings.append(f"{here}: cannot read transformation {text!r}")
        return None
    a, b, c, verb, outer, x, y, code = match.groups()
    return Transformation(
        a.lower(),
        b.lower(),
        c.lower(),
        verb.upper(),
        outer.upper(),
        x.lower(),
        y.lower(),
        code.upper() if code.upper() == "Q" else code,
        here,
    )
