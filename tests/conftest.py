"""Shared fixtures: the spaCy model and dictionaries are loaded once per test session."""

from __future__ import annotations

import pytest

from eventcoder import Coder


@pytest.fixture(scope="session")
def coder() -> Coder:
    return Coder()
