"""The command line: thin shells over ``Coder`` and the store that read, format and report.

Exit status: 0 all inputs handled, 1 some input was skipped (each reported on stderr), 2 usage.
Each command lives in its own module and registers itself on the shared ``app``.
"""

from __future__ import annotations

from eventcoder.cli import code as _code  # noqa: F401  (registers `code`, `check-data`)
from eventcoder.cli import explain as _explain  # noqa: F401  (explain)
from eventcoder.cli import serve as _serve  # noqa: F401  (serve)
from eventcoder.cli import store as _store  # noqa: F401  (ingest, events, export, summary)
from eventcoder.cli import watch as _watch  # noqa: F401  (watch)
from eventcoder.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
