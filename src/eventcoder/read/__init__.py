"""Reading, before the parse: files, folders, JSONL and stdin in; Articles (or ReadErrors) out.

Bad input never stops a batch: every problem becomes a ReadError that names the file (and
line) and says what the user can do, and reading goes on with the next input.
"""

from __future__ import annotations

from eventcoder.read.sources import (
    DEFAULT_MAX_BYTES,
    ReaderOptions,
    ReadError,
    read_paths,
    read_stdin,
)

__all__ = ["DEFAULT_MAX_BYTES", "ReadError", "ReaderOptions", "read_paths", "read_stdin"]
