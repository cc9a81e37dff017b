"""The server's hold on the event database: one read-write Store, a cursor per reading thread.

DuckDB lets one process open a file, so the server owns it for as long as it runs. Readers
each use their own cursor (a connection to the same database instance) and see committed data
only; writes go through the Store's connection, one at a time under a lock, one transaction
per request.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from eventcoder.store import Store


class Database:
    def __init__(self, path: str | Path) -> None:
        self.store = Store(path)  # opens (creating or migrating) and takes the file lock
        # Many small concurrent queries: one thread each costs a third less CPU than DuckDB's
        # intra-query parallelism, which only helps a lone large query (bench/load.py).
        self.store.con.execute("SET threads TO 1")
        self.path = self.store.path
        self.write_lock = threading.Lock()
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._cursors_lock = threading.Lock()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's reading cursor (created on first use, reused after)."""
        found: duckdb.DuckDBPyConnection | None = getattr(self._local, "cursor", None)
        if found is None:
            with self._cursors_lock:
                found = self.store.con.cursor()
                self._cursors.append(found)
            self._local.cursor = found
        return found

    @contextmanager
    def writing(self) -> Iterator[Store]:
        with self.write_lock:
            yield self.store

    def close(self) -> None:
        with self._cursors_lock:
            for cursor in self._cursors:
                cursor.close()
            self._cursors.clear()
        self.store.close()
