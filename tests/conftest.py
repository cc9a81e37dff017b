"""Shared fixtures: the spaCy model and dictionaries are loaded once per test session."""

from __future__ import annotations

import subprocess

import pytest

from eventcoder import Coder
from tests.helpers import CliRun


@pytest.fixture(scope="session")
def coder() -> Coder:
    return Coder()


@pytest.fixture
def cli_in_process(coder: Coder, monkeypatch: pytest.MonkeyPatch) -> CliRun:
    """`eventcoder ARGS` run by the Typer app in this process, coding with the session's
    coder instead of loading a new one: for tests of what a command does, where the process
    start-up is not the point (tests/test_cli.py runs the real processes)."""
    from typer.testing import CliRunner

    import eventcoder.coder
    from eventcoder.cli import app

    def same_coder(**options: object) -> Coder:
        # The commands construct ``Coder(...)`` when they need one; here they get the
        # session's. Dictionaries change the coder: those tests run the real command.
        assert options.get("dictionaries") is None, "use a real process for --dictionaries"
        return coder

    monkeypatch.setattr(eventcoder.coder, "Coder", same_coder)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        result = CliRunner().invoke(app, list(args))
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return subprocess.CompletedProcess(
            list(args), result.exit_code, result.stdout, result.stderr
        )

    return run
