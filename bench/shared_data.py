"""Where the labelled evaluation data lives (../shared next to the repository)."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """``$EVENTCODER_SHARED`` or ``../shared`` beside the repository."""
    return Path(os.environ.get("EVENTCODER_SHARED", REPO.parent / "shared"))


def eval_dir(name: str) -> Path | None:
    """The folder of one evaluation set, or None when it is not on this machine."""
    path = shared_dir() / "eval" / name
    return path if path.exists() else None
