"""A writer process for tests/store/test_crash.py, to be killed inside a write transaction.

    python tests/store/killed_writer.py DB BATCHES.pickle PAUSE_BATCH

Writes the pickled batches (lists of ArticleRows coded by the test) with ``Store.write_batch``
in order. In batch number PAUSE_BATCH, once the batch's old rows are deleted and its articles
and mentions inserted (the events not yet regrouped, nothing committed), it prints ``PAUSED``
and sleeps, so the test can kill -9 it at exactly that point.
"""

from __future__ import annotations

import pickle
import sys
import time
from pathlib import Path
from typing import Any

import eventcoder.store.db as db_module
from eventcoder.store import Store


def main(db: str, batches_file: str, pause_batch: int) -> None:
    batches = pickle.loads(Path(batches_file).read_bytes())
    real_insert = db_module.insert_rows
    current = {"batch": -1}

    def insert_then_pause(con: Any, table: str, columns: Any, rows: Any) -> None:
        real_insert(con, table, columns, rows)
        if table == "mentions" and current["batch"] == pause_batch:
            print("PAUSED", flush=True)
            time.sleep(600)

    db_module.insert_rows = insert_then_pause
    with Store(db) as store:
        for number, batch in enumerate(batches):
            current["batch"] = number
            store.write_batch(batch)
            print(f"committed {number}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
