"""The layering contracts in pyproject.toml: the pipeline flows one way, no import cycles."""

from __future__ import annotations

from importlinter.cli import lint_imports

from tests.shared_paths import REPO


def test_import_contracts_are_kept() -> None:
    # 0 = every contract kept; the output names any import that breaks one.
    assert lint_imports(config_filename=str(REPO / "pyproject.toml"), no_cache=True) == 0
