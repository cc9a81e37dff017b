"""Reader for PETRARCH / TABARI agent dictionaries (``Phoenix.agents.txt``).

Agents are the words for roles and groups ("president", "police", "human rights activists")::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON      # substitution set
    POLICE {} [~COP]                               # {}: no plural
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]    # explicit plural
    CONGRESS!PERSON! [~LEG]                        # CONGRESSMAN, CONGRESSWOMEN, ...
    MSF {} [NGO~]                                  # code written before the actor's code

``~CODE`` adds the code after the actor code, ``CODE~`` before it. Regular plurals (-S, -ES,
-IES) are generated unless ``{...}`` is given or a substitution set was used. Words joined by
``_`` must be consecutive; a blank lets other words come between. Malformed entries become
warnings ``file:line: problem``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.petrarch.actors import PhrasePattern, phrase_pattern
from eventcoder.petrarch.common import plurals, read_lines, where

_SUBSTITUTION = re.compile(r"^(![A-Z0-9_]+!)\s*=\s*(.+)$", re.IGNORECASE)
_MARKER = re.compile(r"![A-Z0-9_]+!", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class AgentEntry:
    phrases: tuple[PhrasePattern, ...]  # every spelling: singular, plurals, substitutions
    code: str
    prefix: bool  # "NGO~": written before the actor code
    where: str


@dataclass(frozen=True, slots=True)
class AgentDictionary:
    entries: tuple[AgentEntry, ...]
    substitutions: dict[str, tuple[str, ...]]
    warnings: tuple[str, ...] = field(default=())


def read_agents(paths: list[Path]) -> AgentDictionary:
    warnings: list[str] = []
    entries: list[AgentEntry] = []
    substitutions: dict[str, tuple[str, ...]] = {}
    for path in paths:
        for line in read_lines(path):
            here = where(path, line.number)
            text = line.text.strip()
            sub = _SUBSTITUTION.match(text)
            if sub:
                items = tuple(i.strip().replace(" ", "") for i in sub.group(2).split(","))
                items = tuple(i for i in items if i)
                if not items:
                    warnings.append(f"{here}: empty substitution set {sub.group(1)}")
                    continue
                substitutions[sub.group(1).upper()] = items
                continue
            entry = _entry(text, here, substitutions, warnings)
            if entry is not None:
                entries.append(entry)
    return AgentDictionary(tuple(entries), substitutions, tuple(warnings))


def _entry(
    text: str, here: str, substitutions: dict[str, tuple[str, ...]], warnings: list[str]
) -> AgentEntry | None:
    # The code: "[~GOV]"; tolerate "[ ~COP]" and a mistyped closing brace "[~ENV}".
    match = re.search(r"\[\s*([^\[\]{}]*?)\s*[\]}]\s*$", text)
    if match is None:
        warnings.append(f"{here}: agent without a [code]: {text!r}")
        return None
    if text[match.end() - 1] == "}" or (text.rstrip().endswith("}") and "]" not in text):
        warnings.append(f"{here}: code closed with '}}' instead of ']'")
    raw_code = match.group(1).replace(" ", "").upper()
    body = text[: match.start()].strip()
    if raw_code.startswith("~") and not raw_code.endswith("~"):
        code, prefix = raw_code[1:], False
    elif raw_code.endswith("~") and not raw_code.startswith("~"):
        code, prefix = raw_code[:-1], True
    else:
        warnings.append(f"{here}: agent code must be ~CODE or CODE~, got [{match.group(1)}]")
        return None
    if not re.fullmatch(r"[A-Z0-9]+", code):
        warnings.append(f"{here}: bad agent code {code!r}")
        return None
    plural_text: str | None = None
    brace = re.search(r"\{([^{}]*)\}", body)
    if brace:
        plural_text = brace.group(1)
        body = (body[: brace.start()] + " " + body[brace.end() :]).strip()
    elif "{" in body or "}" in body:
        warnings.append(f"{here}: unbalanced braces in {text!r}")
        return None
    if not body:
        warnings.append(f"{here}: agent without a phrase: {text!r}")
        return None
    spellings: list[str] = []
    markers = _MARKER.findall(body)
    if markers:
        forms = [body]
        for marker in markers:
            items = substitutions.get(marker.upper())
            if items is None:
                warnings.append(f"{here}: unknown substitution set {marker}")
                return None
            forms = [f.replace(marker, item, 1) for f in forms for item in items]
        spellings.extend(forms)
    else:
        spellings.append(body)
        if plural_text is None:
            words = phrase_pattern(body)
            if words.words:
                last = words.words[-1]
                for plural in plurals(last):
                    spellings.append(_replace_last(body, plural))
        else:
            spellings.extend(p for p in plural_text.split() if p.strip())
    phrases = tuple(dict.fromkeys(p for p in (phrase_pattern(s) for s in spellings) if p.words))
    if not phrases:
        warnings.append(f"{here}: agent without words: {text!r}")
        return None
    return AgentEntry(phrases, code, prefix, here)


def _replace_last(body: str, last: str) -> str:
    """``body`` with its last word replaced (separators kept)."""
    match = re.search(r"[^\s_]+\s*$", body)
    if match is None:
        return body
    return body[: match.start()] + last
