"""The event store: one table of event documents, unique on (entity type, entity id, version).

SQLAlchemy Core, not the ORM: a row is an event document, written once and never
updated, so there is no object to track, no identity map to keep in step and no unit of
work to flush. The store reads rows, inserts rows, and lets the primary key refuse a
version that another writer took first.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.pool import StaticPool

metadata = sa.MetaData()

events = sa.Table(
    "events",
    metadata,
    sa.Column("entity_type", sa.String(200), primary_key=True),
    sa.Column("entity_id", sa.String(200), primary_key=True),
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("type", sa.String(200), nullable=False),
    sa.Column("schema", sa.Integer, nullable=False),
    sa.Column("at", sa.String(100), nullable=False),
    sa.Column("data", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
)
"""One row per event document; the primary key is the optimistic-concurrency check."""

snapshots = sa.Table(
    "snapshots",
    metadata,
    sa.Column("entity_type", sa.String(200), primary_key=True),
    sa.Column("entity_id", sa.String(200), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("document", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
)
"""The latest snapshot of each entity (`jiceng.serde.snapshot`), replaced in the
transaction that appends its events: what reads load, with the events after it."""

DEFAULT_URL = "sqlite:///jiceng-service.db"
"""A file next to where the service runs: zero set-up."""


class Conflict(Exception):
    """Another writer stored this version of the entity first (or the id is taken)."""

    def __init__(
        self, entity_type: str, entity_id: str, version: int, message: str | None = None
    ) -> None:
        self.entity_type = entity_type
        self.entity_id = entity_id
        self.version = version
        super().__init__(message or f"{entity_type} {entity_id!r} already has a version {version}")


class Unstorable(ValueError):
    """A value the database refuses to store (PostgreSQL keeps no NUL character in text)."""


def make_engine(url: str) -> Engine:
    """An engine for `url`: SQLite (a file, or in memory with ``sqlite://``) or PostgreSQL
    (``postgresql+psycopg://...``)."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(parsed, pool_pre_ping=True)
    if parsed.database in (None, "", ":memory:"):
        # One connection shared by every thread: an in-memory database lives in it.
        return sa.create_engine(
            parsed, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    engine = sa.create_engine(parsed, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # readers do not wait for the writer
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def _document(row: sa.Row[Any]) -> dict[str, Any]:
    return {
        "type": row.type,
        "schema": row.schema,
        "entity": row.entity_id,
        "version": row.version,
        "at": row.at,
        "data": row.data,
    }


class EventStore:
    """Reads and appends the event documents of entities, by (entity type, entity id)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create_tables(self) -> None:
        metadata.create_all(self.engine)

    def load(
        self, entity_type: str, entity_id: str, *, upto: int | None = None, after: int = 0
    ) -> list[Any]:
        """The documents of one entity in version order: those after `after`, up to `upto`."""
        if "\x00" in entity_id:  # no stored id has one: PostgreSQL text cannot hold it
            return []
        query = (
            sa.select(events)
            .where(events.c.entity_type == entity_type, events.c.entity_id == entity_id)
            .order_by(events.c.version)
        )
        if upto is not None:
            query = query.where(events.c.version <= upto)
        if after:
            query = query.where(events.c.version > after)
        with self.engine.connect() as connection:
            return [_document(row) for row in connection.execute(query)]

    def snapshot(self, entity_type: str, entity_id: str) -> dict[str, Any] | None:
        """The entity's stored snapshot, or `None`."""
        if "\x00" in entity_id:
            return None
        query = sa.select(snapshots.c.document).where(
            snapshots.c.entity_type == entity_type, snapshots.c.entity_id == entity_id
        )
        with self.engine.connect() as connection:
            found: dict[str, Any] | None = connection.execute(query).scalar_one_or_none()
            return found

    def version(self, entity_type: str, entity_id: str) -> int:
        """The entity's current version (0 when it has no events)."""
        if "\x00" in entity_id:
            return 0
        query = sa.select(sa.func.coalesce(sa.func.max(events.c.version), 0)).where(
            events.c.entity_type == entity_type, events.c.entity_id == entity_id
        )
        with self.engine.connect() as connection:
            return int(connection.execute(query).scalar_one())

    def load_all(
        self, entity_type: str
    ) -> Iterator[tuple[str, dict[str, Any] | None, list[dict[str, Any]]]]:
        """Every entity of a type: its snapshot (or `None`) and the documents after it.

        Two queries, whatever the number of events: the snapshots, and the events that
        no snapshot covers yet (usually none, since a snapshot is written with its events).
        """
        covered = sa.and_(
            snapshots.c.entity_type == events.c.entity_type,
            snapshots.c.entity_id == events.c.entity_id,
        )
        later = (
            sa.select(events)
            .select_from(events.outerjoin(snapshots, covered))
            .where(
                events.c.entity_type == entity_type,
                sa.or_(snapshots.c.version.is_(None), events.c.version > snapshots.c.version),
            )
            .order_by(events.c.entity_id, events.c.version)
        )
        stored = sa.select(snapshots.c.entity_id, snapshots.c.document).where(
            snapshots.c.entity_type == entity_type
        )
        with self.engine.connect() as connection:
            found = {row.entity_id: row.document for row in connection.execute(stored)}
            rows = connection.execute(later)
            after = {
                entity_id: [_document(row) for row in group]
                for entity_id, group in itertools.groupby(rows, key=lambda row: row.entity_id)
            }
        for entity_id in sorted(found.keys() | after.keys()):
            yield entity_id, found.get(entity_id), after.get(entity_id, [])

    def append(
        self,
        entity_type: str,
        documents: Sequence[Mapping[str, Any]],
        snapshot: Mapping[str, Any] | None = None,
    ) -> None:
        """Insert the new documents of one entity in one transaction, or none of them, and
        replace its snapshot with `snapshot` (the entity after them) in the same one.

        Raises `Conflict` when a version is already stored: the primary key refuses it,
        so two writers that loaded the same version cannot both append. The snapshot is
        written only after the insert succeeded, and never over a later one.
        """
        rows = [
            {
                "entity_type": entity_type,
                "entity_id": document["entity"],
                "version": document["version"],
                "type": document["type"],
                "schema": document["schema"],
                "at": document["at"],
                "data": document["data"],
            }
            for document in documents
        ]
        if not rows:
            return
        try:
            with self.engine.begin() as connection:
                connection.execute(sa.insert(events), rows)
                if snapshot is not None:
                    connection.execute(self._upsert(entity_type, rows[0]["entity_id"], snapshot))
        except exc.IntegrityError as error:
            first = rows[0]
            raise Conflict(entity_type, first["entity_id"], first["version"]) from error
        except exc.DataError as error:
            msg = f"the database cannot store this value: {error.orig}"
            raise Unstorable(msg) from error

    def _upsert(self, entity_type: str, entity_id: str, snapshot: Mapping[str, Any]) -> Any:
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        row = {
            "entity_type": entity_type,
            "entity_id": entity_id,
            "version": snapshot["version"],
            "document": dict(snapshot),
        }
        insert = dialect.insert(snapshots).values(row)
        return insert.on_conflict_do_update(
            index_elements=[snapshots.c.entity_type, snapshots.c.entity_id],
            set_={"version": insert.excluded.version, "document": insert.excluded.document},
            where=snapshots.c.version < insert.excluded.version,
        )
