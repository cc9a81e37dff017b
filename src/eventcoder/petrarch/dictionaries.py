"""Loading a folder of PETRARCH dictionaries: which file is which, all read once.

Files are recognised by name (case ignored): ``*verb*`` or ``CAMEO*`` -> verb patterns,
``*actor*`` -> actors, ``*agent*`` -> agents, ``*discard*`` -> discards. Issue files
(``*issue*``) are not used (eventcoder has no issue coding) and other files are reported. Every
problem found while reading is a warning ``file:line: problem``; nothing raises on content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.petrarch.actors import ActorDictionary, read_actors
from eventcoder.petrarch.agents import AgentDictionary, read_agents
from eventcoder.petrarch.discards import DiscardList, read_discards
from eventcoder.petrarch.verbs import VerbDictionary, read_verbs

KINDS = ("verbs", "actors", "agents", "discards")


class DictionaryError(ValueError):
    """The dictionary folder cannot be used at all (missing, empty, unreadable)."""


def classify(path: Path) -> str | None:
    """The kind of dictionary a file holds, from its name; None for other files."""
    name = path.name.lower()
    if "discard" in name:
        return "discards"
    if "agent" in name:
        return "agents"
    if "actor" in name:
        return "actors"
    if "verb" in name or name.startswith("cameo"):
        return "verbs"
    return None


@dataclass(frozen=True, slots=True)
class PetrarchDictionaries:
    verbs: VerbDictionary
    actors: ActorDictionary
    agents: AgentDictionary
    discards: DiscardList
    files: dict[str, tuple[str, ...]] = field(default_factory=dict)  # kind -> file names
    notes: tuple[str, ...] = ()  # files not used

    @property
    def warnings(self) -> tuple[str, ...]:
        return (
            *self.notes,
            *self.verbs.warnings,
            *self.actors.warnings,
            *self.agents.warnings,
            *self.discards.warnings,
        )

    @classmethod
    def load(cls, path: Path) -> PetrarchDictionaries:
        """Read every dictionary in a folder (or one dictionary file)."""
        if not path.exists():
            raise DictionaryError(f"{path}: no such file or folder")
        candidates = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
        found: dict[str, list[Path]] = {kind: [] for kind in KINDS}
        notes: list[str] = []
        for candidate in candidates:
            if candidate.name.startswith("."):
                continue
            kind = classify(candidate)
            if kind is None:
                if "issue" in candidate.name.lower():
                    notes.append(f"{candidate.name}: issue coding is not supported; file ignored")
                elif candidate.suffix.lower() in (".txt", ".dict", ".verbs", ".actors"):
                    notes.append(
                        f"{candidate.name}: not recognised as verbs, actors, agents or discards "
                        "(name it *verbs*, *actors*, *agents* or *discards*); file ignored"
                    )
                continue
            found[kind].append(candidate)
        if not any(found.values()):
            raise DictionaryError(
                f"{path}: no PETRARCH dictionaries found (expected files named *verbs* or "
                "CAMEO*, *actors*, *agents*, *discards*)"
            )
        try:
            return cls(
                verbs=read_verbs(found["verbs"]),
                actors=read_actors(found["actors"]),
                agents=read_agents(found["agents"]),
                discards=read_discards(found["discards"]),
                files={kind: tuple(p.name for p in paths) for kind, paths in found.items()},
                notes=tuple(notes),
            )
        except OSError as exc:
            raise DictionaryError(f"{path}: cannot read dictionaries: {exc}") from exc

    def summary(self) -> str:
        return (
            f"{len(self.verbs.entries)} verbs in {len(self.verbs.blocks)} blocks, "
            f"{self.verbs.pattern_count()} patterns, {len(self.verbs.synsets)} synonym sets; "
            f"{len(self.actors.entries)} actors ({self.actors.phrase_count()} phrases); "
            f"{len(self.agents.entries)} agents; {len(self.discards.entries)} discards"
        )
