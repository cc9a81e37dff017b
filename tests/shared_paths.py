"""Locating ../shared (labelled evaluation data and references) from the tests."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTCODER_SHARED", REPO.parent / "shared"))


def reference_file(name: str) -> Path | None:
    path = SHARED / "reference" / name
    return path if path.exists() else None


def eval_dir(name: str) -> Path | None:
    path = SHARED / "eval" / name
    return path if path.exists() else None
