"""Role words: titles, group nouns, institutions -> CAMEO role codes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from eventcoder.datafiles import DEFAULT_LANGUAGE, DataError, localised, read_rows

ROLE_KINDS = ("title", "group", "body", "member", "generic", "asset", "anaphor")


@dataclass(frozen=True, slots=True)
class RoleEntry:
    words: tuple[str, ...]  # lower-case lemmas
    role: str | None
    kind: str
    where: str

    @property
    def generic(self) -> bool:
        return self.kind in ("generic", "member", "asset", "anaphor")


@dataclass(frozen=True, slots=True)
class RoleLexicon:
    entries: dict[tuple[str, ...], RoleEntry] = field(default_factory=dict)
    longest: int = 1

    @classmethod
    def load(cls, data_dir: Path | None = None, language: str = DEFAULT_LANGUAGE) -> RoleLexicon:
        entries: dict[tuple[str, ...], RoleEntry] = {}
        for row in read_rows(localised("roles.tsv", language, data_dir), 3, 3, data_dir):
            words = tuple(row.fields[0].lower().split())
            kind = row.fields[2]
            if kind not in ROLE_KINDS:
                raise DataError(f"{row.where}: kind must be one of {ROLE_KINDS}, got {kind!r}")
            role = row.get(1)
            if role is not None and not is_role_code(role):
                raise DataError(f"{row.where}: role must be a 3-letter code, got {role!r}")
            if words in entries:
                raise DataError(
                    f"{row.where}: {row.fields[0]!r} is already listed at {entries[words].where}"
                )
            entries[words] = RoleEntry(words, role, kind, row.where)
        longest = max((len(w) for w in entries), default=1)
        return cls(entries, longest)

    def singular(self, word: str) -> str:
        """A known singular for a plural the model left unlemmatised ("Kidnappers", "Gunmen")."""
        if (word,) in self.entries:
            return word
        for plural, single in (("ies", "y"), ("men", "man"), ("es", ""), ("s", "")):
            if word.endswith(plural) and (word[: -len(plural)] + single,) in self.entries:
                return word[: -len(plural)] + single
        return word

    def match(self, lemmas: list[str]) -> list[tuple[int, int, RoleEntry]]:
        """Longest-first, non-overlapping matches of role phrases in a lemma sequence."""
        lemmas = [self.singular(w) for w in lemmas]
        found: list[tuple[int, int, RoleEntry]] = []
        i = 0
        n = len(lemmas)
        while i < n:
            for size in range(min(self.longest, n - i), 0, -1):
                entry = self.entries.get(tuple(lemmas[i : i + size]))
                if entry is not None:
                    found.append((i, i + size, entry))
                    i += size
                    break
            else:
                i += 1
        return found


def is_role_code(role: str) -> bool:
    """A CAMEO role code: three upper-case letters (GOV, MIL, REB ...)."""
    return role.isalpha() and role.isupper() and len(role) == 3


def load_role_priority(data_dir: Path | None = None) -> dict[str, int]:
    """``role_priority.tsv``: role code -> rank, 0 first. When one noun phrase holds several
    role words, the role that comes first wins ("government troops" -> MIL)."""
    rank: dict[str, int] = {}
    for row in read_rows("role_priority.tsv", 1, 1, data_dir):
        role = row.fields[0]
        if not is_role_code(role):
            raise DataError(f"{row.where}: role must be a 3-letter code, got {role!r}")
        if role in rank:
            raise DataError(f"{row.where}: role {role} is listed twice")
        rank[role] = len(rank)
    return rank


def load_focus_roles(data_dir: Path | None = None) -> frozenset[str]:
    """``focus_roles.tsv``: the roles an unnamed role word ("the army", "police") takes the
    article's focus country for."""
    roles: set[str] = set()
    for row in read_rows("focus_roles.tsv", 1, 2, data_dir):
        role = row.fields[0]
        if not is_role_code(role):
            raise DataError(f"{row.where}: role must be a 3-letter code, got {role!r}")
        if row.get(1) not in (None, LOCAL):
            raise DataError(f"{row.where}: the second column may only be {LOCAL!r}")
        roles.add(role)
    return frozenset(roles)


LOCAL = "local"


def load_local_roles(data_dir: Path | None = None) -> frozenset[str]:
    """The roles of ``focus_roles.tsv`` marked ``local``: people of the place the story is
    reported from (the dateline's country, when the text names it too) before the focus."""
    return frozenset(
        row.fields[0] for row in read_rows("focus_roles.tsv", 1, 2, data_dir) if row.get(1) == LOCAL
    )
