"""The app's state: how it was configured, and what its lifespan opens for the routes.

One typed object on ``app.state.runtime`` instead of closures: routes reach it through the
``RuntimeDep`` dependency, the dashboard's article page through the request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated

import anyio.to_thread
from fastapi import Depends, Request

from eventcoder.ontology import Ontology
from eventcoder.serve.backends import Backend, ProcessBackend, ThreadBackend
from eventcoder.serve.coding import CodingService
from eventcoder.serve.database import Database
from eventcoder.serve.errors import ApiError
from eventcoder.serve.limits import Limits
from eventcoder.settings import CodingMode

if TYPE_CHECKING:
    from eventcoder.coder import Coder


@dataclass(slots=True)
class Runtime:
    """What ``create_app`` was given, and the database and coder the lifespan opens."""

    db_path: str
    limits: Limits
    token: str | None = None  # required on writes when set
    coder: Coder | None = None  # an already loaded Coder to code with in this process
    coding_mode: CodingMode = "process"
    database: Database | None = None
    backend: Backend | None = None
    coding: CodingService | None = None
    ontology: Ontology = field(default_factory=Ontology.load)

    def db(self) -> Database:
        if self.database is None:
            raise ApiError(503, "starting", "the server is starting; retry in a moment")
        return self.database

    def coder_service(self) -> CodingService:
        if self.coding is None:
            raise ApiError(503, "starting", "the server is starting; retry in a moment")
        return self.coding

    async def open(self) -> None:
        """Open the database (unless given open) and start the coding backend; the model is
        loaded before the server answers."""
        if self.database is None:
            self.database = await anyio.to_thread.run_sync(Database, self.db_path)
        self.backend = await self._new_backend()
        await anyio.to_thread.run_sync(self.backend.start)
        self.coding = CodingService(self.backend, self.limits.max_pending_coding)

    async def _new_backend(self) -> Backend:
        if self.coder is not None:
            return ThreadBackend(self.coder)
        if self.coding_mode == "thread":
            from eventcoder.coder import Coder

            return ThreadBackend(await anyio.to_thread.run_sync(Coder))
        return ProcessBackend()

    async def close(self) -> None:
        self.coding = None
        if self.backend is not None:
            await anyio.to_thread.run_sync(self.backend.close)
        if self.database is not None:
            self.database.close()
            self.database = None


def runtime_of(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(runtime_of)]
