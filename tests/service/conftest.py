"""Fixtures of the service tests: a database on SQLite always, and on a real PostgreSQL
server, started once for the session (skipped only where no server binary exists)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jiceng_service import create_app
from tests.service import postgres

_databases = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_socket() -> Iterator[str]:
    reason = postgres.missing()
    if reason is not None:
        pytest.skip(reason)
    with postgres.server() as socket:
        yield socket


def _postgres_database(socket: str) -> str:
    """A new, empty database on the session's server, and its URL."""
    name = f"service_{next(_databases)}"
    admin = sa.create_engine(
        f"postgresql+psycopg://jiceng@/postgres?host={socket}", isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"postgresql+psycopg://jiceng@/{name}?host={socket}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An empty database: a SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'events.db'}"
    socket: str = request.getfixturevalue("postgres_socket")
    return _postgres_database(socket)


@pytest.fixture
def make_app(database_url: str) -> Iterator[Callable[[], FastAPI]]:
    """Applications on the test's database (several share it, as several processes do)."""
    made: list[FastAPI] = []

    def make() -> FastAPI:
        app = create_app(database_url)
        made.append(app)
        return app

    yield make
    for app in made:
        app.state.service.store.engine.dispose()


@pytest.fixture
def client(make_app: Callable[[], FastAPI]) -> TestClient:
    return TestClient(make_app())
