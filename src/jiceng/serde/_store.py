"""Event documents: one stored row per event, and an entity rebuilt from its rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final, TypeVar, overload

from jiceng._kernel._entity import Entity, replay
from jiceng._kernel._events import Event
from jiceng.exceptions import FieldError, JicengError, ValidationError
from jiceng.serde._converter import TAG, converter, field_errors, kind, short
from jiceng.serde._documents import SCHEMA, SCHEMA_VERSION, in_scope

E = TypeVar("E", bound=Entity[Any])

EVENT_FIELDS: Final = ("type", "schema", "entity", "version", "at", "data")
"""The fields of an event document, in the order they are written."""

MAX_EVENTS: Final = 100_000
"""The most events one entity's documents may hold (a history is bounded, as every list)."""


def entity_key(entity: Entity[Any]) -> str:
    """The id that tells `entity` from the others of its class (`Entity.__key__`)."""
    key = getattr(entity, type(entity).__key__, None)
    if not isinstance(key, str) or not key:
        msg = f"{type(entity).__name__}.{type(entity).__key__} is {short(key)}, not an id"
        raise ValidationError.single("entity", msg, subject="event documents")
    return key


def event_documents(entity: Entity[Any], *, since: int = 0) -> list[dict[str, Any]]:
    """The events `entity` recorded after version `since`, one document each.

    Each document is what an event store keeps in one row, unique on (entity, version):
    ``{"type": "<machine>.<event>", "schema": 1, "entity": "<id>", "version": 3,
    "at": "<ISO 8601 with zone>", "data": {...the event's other fields}}``.
    After a command, a service appends ``event_documents(entity, since=loaded.version)``.
    """
    key = entity_key(entity)
    new = entity.events_since(since)
    with in_scope(type(entity)):
        bodies = [converter.unstructure(event, Event) for event in new]
    documents = []
    for version, body in enumerate(bodies, start=since + 1):
        tag = body.pop(TAG)
        schema = body.pop(SCHEMA, SCHEMA_VERSION)
        at = body.pop("at")
        documents.append(
            {
                "type": tag,
                "schema": schema,
                "entity": key,
                "version": version,
                "at": at,
                "data": body,
            }
        )
    return documents


def _event(document: object, index: int, key: object) -> Event:
    """The event of the document at `index` of a history (version ``index + 1``)."""
    if not isinstance(document, Mapping):
        raise ValidationError.single("", f"expected an object, got {kind(document)}")
    errors = [
        FieldError(name, "required field missing") for name in EVENT_FIELDS if name not in document
    ]
    errors += [FieldError(name, "unknown field") for name in document if name not in EVENT_FIELDS]
    if errors:
        raise ValidationError(errors)
    version, entity, data = document["version"], document["entity"], document["data"]
    if type(version) is not int or version != index + 1:
        errors.append(FieldError("version", f"expected {index + 1}, got {short(version)}"))
    if not isinstance(entity, str) or (key is not None and entity != key):
        expected = "an id" if key is None else repr(key)
        errors.append(FieldError("entity", f"expected {expected}, got {short(entity)}"))
    if not isinstance(data, Mapping):
        errors.append(FieldError("data", f"expected an object, got {kind(data)}"))
    elif TAG in data or SCHEMA in data or "at" in data:
        clash = next(name for name in (TAG, SCHEMA, "at") if name in data)
        errors.append(FieldError(f"data.{clash}", "belongs beside data, not in it"))
    if errors:
        raise ValidationError(errors)
    body = {TAG: document["type"], SCHEMA: document["schema"], "at": document["at"], **data}
    try:
        event: Event = converter.structure(body, Event)
    except Exception as error:
        moved = [
            FieldError(e.path if e.path in (TAG, SCHEMA, "at") else f"data.{e.path}", e.message)
            for e in field_errors(error)
        ]
        raise ValidationError(moved) from error
    return event


def decode_events(documents: Sequence[object], after: int, key: object) -> list[Event]:
    """The events of `documents`, stored after version `after` of the entity `key`; every
    bad document is a `ValidationError` at ``documents[i]`` and its field's path."""
    events: list[Event] = []
    errors: list[FieldError] = []
    for index, document in enumerate(documents):
        try:
            events.append(_event(document, after + index, key))
        except ValidationError as error:
            where = f"documents[{index}]"
            errors += [
                FieldError(f"{where}.{e.path}" if e.path else where, e.message)
                for e in error.errors
            ]
    if errors:
        raise ValidationError(errors, subject="event documents")
    return events


@overload
def replay_documents(documents: Sequence[Mapping[str, Any]], /) -> Entity[Any]: ...
@overload
def replay_documents(documents: Sequence[Mapping[str, Any]], entity_type: type[E], /) -> E: ...
def replay_documents(
    documents: Sequence[Mapping[str, Any]], entity_type: type[Any] | None = None, /
) -> Any:
    """The entity a store's event documents describe, in version order from 1.

    Every document is checked (its fields, its version, its entity id, the event's
    fields), then the events are replayed: `ValidationError` names each bad field by
    its path (``documents[3].data.by``); a history that cannot be folded is a
    `ValidationError` at ``documents``.
    """
    given: object = documents  # checked: a store hands over whatever it read
    if not isinstance(given, list | tuple):
        msg = f"expected a list, got {kind(given)}"
        raise ValidationError.single("documents", msg, subject="event documents")
    if not 1 <= len(given) <= MAX_EVENTS:
        msg = f"expected 1 to {MAX_EVENTS:,} event documents, got {len(given):,}"
        raise ValidationError.single("documents", msg, subject="event documents")
    first = given[0]
    key = first.get("entity") if isinstance(first, Mapping) else None
    events = decode_events(given, 0, key)
    try:
        entity = replay(events, entity_type) if entity_type is not None else replay(events)
    except JicengError as error:
        raise ValidationError.single("documents", str(error), subject="event documents") from error
    if entity_key(entity) != key:
        msg = f"the events describe {entity_key(entity)!r}, but the documents say {key!r}"
        raise ValidationError.single("documents[0].entity", msg, subject="event documents")
    return entity
