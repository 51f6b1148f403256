"""The service: registered aggregates, commands run against a stored version, a cache.

Framework-free: `Service` loads, dispatches and appends; `jiceng_service._http` puts it
behind HTTP.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

import attrs
import pendulum
from sqlalchemy.engine import Engine

from jiceng import Entity
from jiceng.exceptions import FieldError, JicengError, ValidationError
from jiceng.serde import (
    arguments_schema,
    commands,
    derived_fields,
    dispatch,
    entity_arguments,
    replay_documents,
    resume_documents,
    snapshot,
    to_dict,
)
from jiceng_service import _openapi
from jiceng_service._store import DEFAULT_URL, Conflict, EventStore, make_engine

E = TypeVar("E", bound=Entity[Any])

MAX_ID = 200
"""The longest entity id this service stores (the library allows longer ones; an index
key has to stay small)."""


RESERVED = frozenset({"overdue"})
"""Ids that name a list beside the entities (``GET /grid-events/overdue``)."""


ID_SCHEMA = {"type": "string", "minLength": 1, "maxLength": MAX_ID}
"""An id in a command's arguments that names another entity (``link_repeat.original``)."""


class NotFound(LookupError):
    """No entity of this kind has this id; `path` names the argument that gave the id, when
    it came in a command's arguments."""

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.path = path


class CorruptStore(RuntimeError):
    """Stored rows that do not replay: a server-side fault, never the caller's."""


@attrs.frozen
class Aggregate(Generic[E]):
    """An entity class served under `kind` (the URL segment)."""

    cls: type[E]
    kind: str
    create: str
    commands: tuple[str, ...]
    overdue: Callable[[E, pendulum.DateTime], bool] | None
    others: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)
    """For each command that takes other entities, the kind of each: the client sends
    their ids, and the service loads them itself rather than trust a client's copy."""

    def arguments(self, command: str) -> dict[str, Any]:
        """The JSON Schema of `command`'s arguments as served: another entity by its id."""
        schema = arguments_schema(self.cls, command)
        others = self.others.get(command)
        if not others:
            return schema
        ids = {n: {**ID_SCHEMA, "description": f"the id of one of {k}"} for n, k in others.items()}
        return _openapi.replaced(schema, ids)

    @property
    def snapshots(self) -> bool:
        """Whether its entities are stored with a snapshot (not those whose fields are
        folded from their whole history, such as a points ledger)."""
        return not derived_fields(self.cls)

    def document(self, entity: E) -> dict[str, Any]:
        """What a read answers: the snapshot (its history is under ``/events``), or the
        entity document for a class that has no snapshot."""
        return snapshot(entity) if self.snapshots else to_dict(entity)

    @property
    def entity_type(self) -> str:
        """The stored entity type: the machine's declared name, stable across renames of
        the Python class."""
        return self.cls.__machine__.name


class Service:
    """Entities stored as their event documents, one table, any SQLAlchemy database.

    `database_url` defaults to ``$JICENG_DATABASE_URL``, then to a SQLite file
    (``jiceng-service.db``). `cache_size` entities are kept replayed in memory; a
    cached entity at version N is a fact (rows are never changed), so the cache can
    only be behind, never wrong, and the primary key still decides every write.
    """

    def __init__(
        self,
        database_url: str | None = None,
        *,
        engine: Engine | None = None,
        cache_size: int = 1024,
    ) -> None:
        url = database_url or os.environ.get("JICENG_DATABASE_URL") or DEFAULT_URL
        self.store = EventStore(engine if engine is not None else make_engine(url))
        self.aggregates: dict[str, Aggregate[Any]] = {}
        self._cache: OrderedDict[tuple[str, str], Entity[Any]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    # -- registration -------------------------------------------------------------------

    def register(
        self,
        cls: type[E],
        *,
        kind: str,
        create: str | None = None,
        overdue: Callable[[E, pendulum.DateTime], bool] | None = None,
    ) -> Aggregate[E]:
        """Serve entities of `cls` under `kind`.

        `create` is the command that creates one (the machine's only creating command
        when not given); `overdue(entity, at)` answers the overdue list (the class's
        ``overdue`` method when not given; no list when it has none). A command that takes
        another entity is served when that entity's class is `cls` or is registered
        already: the client names it by its id.
        """
        creating = [c for c in commands(cls) if not cls.__machine__.transition(c).sources]
        if create is None:
            if len(creating) != 1:
                msg = f"{cls.__name__} has creating commands {creating}: pass create="
                raise ValueError(msg)
            create = creating[0]
        kinds: dict[type[Any], str] = {a.cls: a.kind for a in self.aggregates.values()}
        kinds[cls] = kind
        served: list[str] = []
        others: dict[str, dict[str, str]] = {}
        for c in (c for c in commands(cls) if c not in creating):
            takes = entity_arguments(cls, c)
            if all(other in kinds for other in takes.values()):
                served.append(c)
                if takes:
                    others[c] = {name: kinds[other] for name, other in takes.items()}
        if overdue is None:
            overdue = getattr(cls, "overdue", None)
        aggregate = Aggregate(
            cls=cls,
            kind=kind,
            create=create,
            commands=tuple(served),
            overdue=overdue,
            others=others,
        )
        if kind in self.aggregates:
            msg = f"{kind!r} is already registered"
            raise ValueError(msg)
        self.aggregates[kind] = aggregate
        return aggregate

    # -- the cache ----------------------------------------------------------------------

    def _cached(self, aggregate: Aggregate[Any], entity_id: str) -> Entity[Any] | None:
        with self._lock:
            found = self._cache.get((aggregate.kind, entity_id))
            if found is not None:
                self._cache.move_to_end((aggregate.kind, entity_id))
            return found

    def _remember(self, aggregate: Aggregate[Any], entity_id: str, entity: Entity[Any]) -> None:
        if self._cache_size <= 0:
            return
        key = (aggregate.kind, entity_id)
        with self._lock:
            known = self._cache.get(key)
            if known is None or known.version < entity.version:
                self._cache[key] = entity
            self._cache.move_to_end(key)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

    def _replay(
        self, aggregate: Aggregate[E], documents: list[Any], stored: dict[str, Any] | None = None
    ) -> E:
        """The entity its stored snapshot (if any) and the documents after it describe."""
        try:
            if stored is None:
                return replay_documents(documents, aggregate.cls)
            return resume_documents(stored, documents, aggregate.cls)
        except ValidationError as error:
            msg = f"the stored events of {aggregate.kind} do not replay: {error}"
            raise CorruptStore(msg) from error

    def _append(self, aggregate: Aggregate[Any], entity: Entity[Any], documents: Any) -> None:
        written = snapshot(entity) if aggregate.snapshots else None
        self.store.append(aggregate.entity_type, documents, written)

    # -- commands and questions ---------------------------------------------------------

    def create(self, kind: str, arguments: Mapping[str, Any]) -> Entity[Any]:
        """Run the creating command; `Conflict` if the id is taken."""
        aggregate = self.aggregates[kind]
        entity: Entity[Any]
        entity, documents = dispatch(aggregate.cls, aggregate.create, arguments)
        entity_id: str = documents[0]["entity"]
        path = f"{aggregate.create}.{aggregate.cls.__key__}"
        if len(entity_id) > MAX_ID:
            raise ValidationError.single(path, f"at most {MAX_ID} characters in this service")
        if entity_id in RESERVED:
            raise ValidationError.single(path, f"{entity_id!r} names a list in this service")
        self._append(aggregate, entity, documents)
        self._remember(aggregate, entity_id, entity)
        return entity

    def get(self, kind: str, entity_id: str, *, version: int | None = None) -> Entity[Any]:
        """The entity now, or at `version` (`Conflict` if it has not reached it)."""
        aggregate = self.aggregates[kind]
        cached = self._cached(aggregate, entity_id)
        if cached is not None:
            wanted = version or self.store.version(aggregate.entity_type, entity_id)
            if cached.version == wanted:
                return cached
        kind_ = aggregate.entity_type
        stored = self.store.snapshot(kind_, entity_id) if aggregate.snapshots else None
        if stored is not None and version is not None and stored["version"] > version:
            stored = None  # an earlier version: replayed from the first event
        after = 0 if stored is None else stored["version"]
        documents = self.store.load(kind_, entity_id, upto=version, after=after)
        if stored is None and not documents:
            raise NotFound(f"no {kind} has the id {entity_id!r}")
        entity: Entity[Any] = self._replay(aggregate, documents, stored)
        if version is not None and entity.version < version:
            msg = f"{kind} {entity_id!r} is at version {entity.version}, not {version}"
            raise Conflict(kind_, entity_id, version, msg)
        self._remember(aggregate, entity_id, entity)
        return entity

    def events(self, kind: str, entity_id: str) -> list[dict[str, Any]]:
        """The stored event documents of an entity, in version order."""
        documents = self.store.load(self.aggregates[kind].entity_type, entity_id)
        if not documents:
            raise NotFound(f"no {kind} has the id {entity_id!r}")
        return documents

    def run(
        self, kind: str, entity_id: str, command: str, arguments: Mapping[str, Any], *, version: int
    ) -> Entity[Any]:
        """Apply `command` to the entity as it was at `version`, and append its new events.

        If another writer appended after `version`, the insert breaks the primary key and
        `Conflict` is raised: nothing is compared before writing.
        """
        aggregate = self.aggregates[kind]
        if command not in aggregate.commands:
            raise ValidationError.single("command", f"{kind} has no command {command!r}")
        cached = self._cached(aggregate, entity_id)
        if cached is not None and cached.version > version:
            # Version `version + 1` is stored already (rows are never removed): the append
            # could only fail, so the caller hears it without a replay and a write.
            msg = f"{kind} {entity_id!r} is at version {cached.version} or later, not {version}"
            raise Conflict(aggregate.entity_type, entity_id, version, msg)
        arguments, ids = self._ids(aggregate, command, arguments)
        loaded = self.get(kind, entity_id, version=version)
        entities = {name: self._other(other, command, name) for name, other in ids.items()}
        try:
            entity, documents = dispatch(loaded, command, arguments, entities=entities)
        except ValidationError:
            raise  # bad input is bad at any version
        except JicengError as error:
            # Refused at the version the caller named: if that is not the current one,
            # the current one may answer otherwise, so the caller reloads first.
            current = self.store.version(aggregate.entity_type, entity_id)
            if current != version:
                msg = f"{kind} {entity_id!r} is at version {current}, not {version}"
                raise Conflict(aggregate.entity_type, entity_id, version, msg) from error
            raise
        self._append(aggregate, entity, documents)
        self._remember(aggregate, entity_id, entity)
        return entity

    def _ids(
        self, aggregate: Aggregate[Any], command: str, arguments: Mapping[str, Any]
    ) -> tuple[Mapping[str, Any], dict[str, tuple[str, str]]]:
        """`arguments` without the ids of other entities, and those ids with their kinds."""
        kinds = aggregate.others.get(command)
        if not kinds or not isinstance(arguments, Mapping):
            return arguments, {}  # `dispatch` says what is wrong with arguments not an object
        rest = dict(arguments)
        ids: dict[str, tuple[str, str]] = {}
        errors: list[FieldError] = []
        for name in (name for name in kinds if name in rest):
            other = rest.pop(name)
            if isinstance(other, str) and 1 <= len(other) <= MAX_ID:
                ids[name] = (kinds[name], other)
            else:
                got = f"{len(other)} characters" if isinstance(other, str) else type(other).__name__
                msg = (
                    f"expected the id of one of {kinds[name]} (1 to {MAX_ID} characters), got {got}"
                )
                errors.append(FieldError(f"{command}.{name}", msg))
        if errors:
            raise ValidationError(errors, subject=f"{aggregate.cls.__name__} command")
        return rest, ids

    def _other(self, other: tuple[str, str], command: str, name: str) -> Entity[Any]:
        """The entity an id in a command's arguments names, as it is now."""
        kind, entity_id = other
        try:
            return self.get(kind, entity_id)
        except NotFound as error:
            raise NotFound(str(error), path=f"{command}.{name}") from error

    def current_version(self, kind: str, entity_id: str) -> int:
        return self.store.version(self.aggregates[kind].entity_type, entity_id)

    def overdue(self, kind: str, at: pendulum.DateTime) -> list[Entity[Any]]:
        """The entities of `kind` overdue at `at`, by id.

        Reads each entity from its snapshot and the events after it (none, usually), or
        from the cache when that is current: no entity is replayed from its first event.
        A large service would also keep a table of running deadlines, to read only those.
        """
        aggregate = self.aggregates[kind]
        question = aggregate.overdue
        if question is None:
            msg = f"{kind} has no overdue question"
            raise ValidationError.single("kind", msg)
        found = []
        for entity_id, stored, documents in self.store.load_all(aggregate.entity_type):
            current = (stored["version"] if stored is not None else 0) + len(documents)
            cached = self._cached(aggregate, entity_id)
            if cached is None or cached.version != current:
                cached = self._replay(aggregate, documents, stored)
                self._remember(aggregate, entity_id, cached)
            if question(cached, at):
                found.append(cached)
        return found
