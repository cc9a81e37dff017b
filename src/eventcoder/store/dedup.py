"""De-duplication: which event mentions from different articles are one real-world event.

GDELT counts an event once per article that reports it; we keep every mention (its article,
sentence and evidence span) and group mentions that share a key into one event, which then
carries GDELT-style ``num_mentions`` (mentions), ``num_articles`` (distinct articles) and
``num_sources`` (distinct outlets).

The key (docs/store.md, "De-duplication rule"), by default:

    event date | source actor code | target actor code | CAMEO code | factuality

Options: ``place`` adds the event's place (geonameid, else name and country);
``factuality=False`` merges asserted, negated and hypothetical mentions; ``cameo_digits`` 2 or 3
compares codes at the root or base level only; mentions with neither actor code are kept
apart (one event each) unless ``anonymous="merge"``, since "protests erupted" on the same day
in two articles are rarely the same protest.

The event id is a stable 63-bit hash of the key, so the same event gets the same id in every
run, on every machine, whatever order the articles arrive in.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

from eventcoder.store.schema import MENTION_COLUMNS, column_names

Anonymous = Literal["separate", "merge"]

_POSITION = {name: i for i, name in enumerate(column_names(MENTION_COLUMNS))}


@dataclass(frozen=True, slots=True)
class DedupRule:
    """Which mention fields must agree for two mentions to be the same event."""

    place: bool = False
    factuality: bool = True
    cameo_digits: int = 4
    anonymous: Anonymous = "separate"

    def __post_init__(self) -> None:
        if self.cameo_digits not in (2, 3, 4):
            raise ValueError("cameo_digits must be 2 (root), 3 (base) or 4 (full code)")
        if self.anonymous not in ("separate", "merge"):
            raise ValueError('anonymous must be "separate" or "merge"')

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> DedupRule:
        data = json.loads(text)
        return cls(
            place=bool(data.get("place", False)),
            factuality=bool(data.get("factuality", True)),
            cameo_digits=int(data.get("cameo_digits", 4)),
            anonymous=data.get("anonymous", "separate"),
        )

    def describe(self) -> str:
        parts = ["date", "source code", "target code"]
        parts.append({4: "CAMEO code", 3: "CAMEO base code", 2: "CAMEO root"}[self.cameo_digits])
        if self.factuality:
            parts.append("factuality")
        if self.place:
            parts.append("place")
        anonymous = "merged" if self.anonymous == "merge" else "kept apart"
        return " + ".join(parts) + f"; mentions with no actor code {anonymous}"


@dataclass(frozen=True, slots=True)
class DedupChange:
    """The de-duplication options given for a run; None leaves that part of the rule as it is."""

    place: bool | None = None
    factuality: bool | None = None
    cameo_digits: int | None = None
    anonymous: Anonymous | None = None

    def applied_to(self, rule: DedupRule) -> DedupRule | None:
        """The rule these options make of ``rule``, or None when that is ``rule`` itself."""
        changed = DedupRule(
            place=rule.place if self.place is None else self.place,
            factuality=rule.factuality if self.factuality is None else self.factuality,
            cameo_digits=rule.cameo_digits if self.cameo_digits is None else self.cameo_digits,
            anonymous=rule.anonymous if self.anonymous is None else self.anonymous,
        )
        return None if changed == rule else changed


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def event_key(rule: DedupRule, mention: Mapping[str, Any]) -> str:
    """The grouping key of one mention (a mapping with the mentions table's columns)."""
    source, target = _text(mention["source_code"]), _text(mention["target_code"])
    if rule.anonymous == "separate" and not source and not target:
        return f"mention|{mention['article_id']}|{mention['seq']}"
    parts = [
        _text(mention["date_text"]) or _text(mention["date"]),
        source,
        target,
        _text(mention["cameo"])[: rule.cameo_digits],
    ]
    if rule.factuality:
        parts.append(_text(mention["factuality"]))
    if rule.place:
        geonameid = mention.get("place_geonameid")
        if geonameid is not None:
            parts.append(f"geo:{geonameid}")
        else:
            parts.append(
                f"{_text(mention.get('place_name'))}/{_text(mention.get('place_country'))}"
            )
    return "|".join(parts)


def event_id(key: str) -> int:
    """A stable positive 63-bit integer for a key (GLOBALEVENTID)."""
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


class _RowView(Mapping[str, Any]):
    """A read-only mapping over a mentions-table tuple, without copying it into a dict."""

    __slots__ = ("_row",)

    def __init__(self, row: tuple[Any, ...]) -> None:
        self._row = row

    def __getitem__(self, name: str) -> Any:
        return self._row[_POSITION[name]]

    def __iter__(self) -> Any:
        return iter(_POSITION)

    def __len__(self) -> int:
        return len(_POSITION)


def key_mention_row(rule: DedupRule, row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A mentions-table tuple with its event_key and event_id appended."""
    key = event_key(rule, _RowView(row))
    return (*row, key, event_id(key))
