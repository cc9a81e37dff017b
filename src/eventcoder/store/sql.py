"""Small DuckDB helpers shared by the store modules."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb


def fetch_one(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()
) -> tuple[Any, ...] | None:
    """The first row of a query, with the result fully consumed.

    (DuckDB refuses an appender on a connection whose last result is still pending, which
    ``fetchone()`` leaves behind.)
    """
    rows = con.execute(sql, list(params)).fetchall()
    return tuple(rows[0]) if rows else None


def sql_string(value: str | Path) -> str:
    """A SQL string literal (for file paths in COPY and read_parquet)."""
    return "'" + str(value).replace("'", "''") + "'"
