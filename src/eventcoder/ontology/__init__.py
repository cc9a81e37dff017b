"""The CAMEO event ontology: names, QuadClass, Goldstein scores and the PLOVER mapping.

Loaded from ``data/cameo.tsv``; see docs/ontology.md for the sources of the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventcoder.datafiles import DataError, read_rows
from eventcoder.records import Plover

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    quad_class: int
    goldstein: float
    plover: Plover | None
    name: str

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def is_conflict(self) -> bool:
        """Verbal or material conflict (QuadClass 3 or 4)."""
        return self.quad_class in (3, 4)


class Ontology:
    """Lookup of CAMEO codes. Immutable after loading."""

    def __init__(self, codes: dict[str, CameoCode]) -> None:
        self._codes = dict(codes)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Ontology:
        codes: dict[str, CameoCode] = {}
        for row in read_rows("cameo.tsv", 7, 7, data_dir):
            code = row.fields[0]
            if not code.isdigit() or not 2 <= len(code) <= 4:
                raise DataError(f"{row.where}: CAMEO code must be 2-4 digits, got {code!r}")
            if code in codes:
                raise DataError(f"{row.where}: CAMEO code {code} is listed twice")
            try:
                quad = int(row.fields[1])
                goldstein = float(row.fields[2])
            except ValueError as exc:
                raise DataError(f"{row.where}: bad quad class or Goldstein score: {exc}") from exc
            if quad not in QUAD_NAMES:
                raise DataError(f"{row.where}: quad class must be 1-4, got {quad}")
            ptype = row.get(3)
            plover = Plover(ptype, row.get(4), row.get(5)) if ptype else None
            codes[code] = CameoCode(code, quad, goldstein, plover, row.fields[6])
        return cls(codes)

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __getitem__(self, code: str) -> CameoCode:
        return self._codes[code]

    def get(self, code: str) -> CameoCode | None:
        return self._codes.get(code)

    def resolve(self, code: str) -> CameoCode | None:
        """The entry for a code from outside our tables (a PETRARCH dictionary): the code
        itself, else its 3-digit parent, else its root."""
        for key in (code, code[:3], code[:2]):
            if key.isdigit():
                info = self._codes.get(key)
                if info is not None:
                    return info
        return None

    def codes(self) -> list[str]:
        return sorted(self._codes)

    def event_codes(self) -> list[str]:
        """The 3- and 4-digit codes (root-only rows excluded)."""
        return sorted(c for c in self._codes if len(c) >= 3)
