"""A reference service for jiceng: entities stored as event documents in one SQL table,
commands over HTTP with optimistic concurrency, and an OpenAPI from jiceng's schemas.

Run it with ``uvicorn --factory jiceng_service:create_app`` (SQLite in
``jiceng-service.db``), or set ``JICENG_DATABASE_URL`` to a PostgreSQL URL.
"""

from __future__ import annotations

from fastapi import FastAPI

from jiceng.grids import GridEvent
from jiceng.petitions import Petition
from jiceng_service._http import build_app
from jiceng_service._service import Aggregate, CorruptStore, NotFound, Service
from jiceng_service._store import Conflict, EventStore, events, make_engine, snapshots

__all__ = [
    "Aggregate",
    "Conflict",
    "CorruptStore",
    "EventStore",
    "NotFound",
    "Service",
    "build_app",
    "create_app",
    "events",
    "make_engine",
    "snapshots",
]


def create_app(database_url: str | None = None) -> FastAPI:
    """The service of grid events and petitions, on `database_url` (default:
    ``$JICENG_DATABASE_URL``, then a SQLite file)."""
    service = Service(database_url)
    service.register(GridEvent, kind="grid-events")
    service.register(Petition, kind="petitions")
    return build_app(service)
