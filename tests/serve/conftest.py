"""A sample database (the demo corpus ingested through the store) and API clients over it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventcoder import Coder
from eventcoder.serve import Limits, create_app
from tests.store.corpus import SAMPLES, ingest_in_process, sample_records


@pytest.fixture(scope="session")
def sample_db(coder: Coder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample articles ingested once; copy it before opening it read-write."""
    path = tmp_path_factory.mktemp("serve-db") / "samples.duckdb"
    report = ingest_in_process(coder, SAMPLES, path)
    assert report.new == len(sample_records()) and report.skipped == 0
    return path


def copy_db(sample_db: Path, folder: Path) -> Path:
    target = folder / "events.duckdb"
    shutil.copy(sample_db, target)
    return target


def client_for(app_db: Path, coder: Coder, **options: Any) -> Iterator[TestClient]:
    app = create_app(app_db, coder=coder, **options)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="module")
def api(
    sample_db: Path, coder: Coder, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """A client over a private copy of the sample database (no token, default limits)."""
    yield from client_for(copy_db(sample_db, tmp_path_factory.mktemp("api")), coder)


@pytest.fixture(scope="module")
def small_limits() -> Limits:
    return Limits(max_body_bytes=20_000, max_articles=3, max_text_chars=2_000, max_page=50)
