"""Snapshots: an entity document without its history, with its version, and an entity read
back from a snapshot and the event documents stored after it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, TypeVar, overload

import pendulum
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from jiceng._kernel._entity import ENTITY_TYPES, Entity, resume, unresumable
from jiceng.exceptions import FieldError, JicengError, ValidationError
from jiceng.serde._converter import TAG, check_reserved, converter, field_errors, kind, short, whole
from jiceng.serde._documents import SCHEMA, _envelope, in_scope, schema_version
from jiceng.serde._store import MAX_EVENTS, decode_events, entity_key

E = TypeVar("E", bound=Entity[Any])

SNAPSHOT_FIELDS: Final = (SCHEMA, TAG, "version", "created", "last_changed")
"""The envelope of a snapshot, written before the entity's fields, in this order."""

_META: Final = SNAPSHOT_FIELDS[2:]

_WRITERS: dict[type[Any], Callable[[Any], dict[str, Any]]] = {}
_READERS: dict[type[Any], Callable[[Mapping[str, Any], Any], Any]] = {}


def snapshot(entity: Entity[Any]) -> dict[str, Any]:
    """`entity` as a snapshot: its entity document without the history, with its version.

    ``{"schema": <the entity type's schema version>, "type": "<machine name>",
    "version": 14, "created": "<first event's at>", "last_changed": "<last event's at>",
    "state": ..., ...its fields}``. `resume_documents` reads it back, with the event
    documents stored after that version. A class whose fields are folded from its whole
    history (a points ledger) has no snapshot (`ValidationError`).
    """
    cls = type(entity)
    if cls not in ENTITY_TYPES:
        msg = f"expected an entity, got {short(entity)}"
        raise ValidationError.single("entity", msg, subject="snapshot")
    refused = unresumable(cls)
    if refused is not None:
        raise ValidationError.single("entity", refused, subject="snapshot")
    write = _WRITERS.get(cls)
    if write is None:
        check_reserved(cls, SNAPSHOT_FIELDS)
        write = _WRITERS[cls] = make_dict_unstructure_fn(
            cls, converter, history=override(omit=True)
        )
    with in_scope(cls):
        body = write(entity)
    name = cls.__machine__.name
    return {
        SCHEMA: schema_version(name),
        TAG: name,
        "version": entity.version,
        "created": converter.unstructure(entity.created, pendulum.DateTime),
        "last_changed": converter.unstructure(entity.last_changed, pendulum.DateTime),
        **body,
    }


def _class(name: str, entity_type: type[Any] | None) -> type[Entity[Any]]:
    if entity_type is not None and getattr(entity_type, "__machine__", None) is not None:
        return entity_type
    base = entity_type or Entity
    found = [c for c in ENTITY_TYPES if c.__machine__.name == name and issubclass(c, base)]
    if len(found) != 1:
        what = "is ambiguous" if found else f"is not a kind of {base.__name__}"
        raise ValidationError.single(TAG, f"{name!r} {what}")
    return found[0]


def _instant(value: object, path: str, errors: list[FieldError]) -> Any:
    try:
        return converter.structure(value, pendulum.DateTime)
    except Exception as error:
        errors += field_errors(error, path)
        return None


def _base(data: Mapping[str, Any], entity_type: type[Any] | None) -> Entity[Any]:
    """The entity a snapshot describes, at its version, holding no events."""
    errors = [FieldError(name, "required field missing") for name in _META if name not in data]
    if "history" in data:
        errors.append(FieldError("history", "a snapshot holds no history; read it with from_dict"))
    expected = getattr(entity_type, "__machine__", None)
    rest = {k: v for k, v in data.items() if k not in (*_META, "history")}
    try:
        name, body = _envelope(rest, None if expected is None else expected.name)
        cls = _class(name, entity_type)
    except ValidationError as error:
        raise ValidationError([*error.errors, *errors]) from error
    refused = unresumable(cls)
    if refused is not None:
        raise ValidationError.single(TAG, refused)
    version = data.get("version")
    if "version" in data and (type(version) is not int or not 1 <= version <= MAX_EVENTS):
        errors.append(FieldError("version", f"expected 1 to {MAX_EVENTS:,}, got {short(version)}"))
    created = _instant(data["created"], "created", errors) if "created" in data else None
    changed = (
        _instant(data["last_changed"], "last_changed", errors) if "last_changed" in data else None
    )
    read = _READERS.get(cls)
    if read is None:
        read = _READERS[cls] = make_dict_structure_fn(cls, converter)
    shell = None
    try:
        with in_scope(cls):
            shell = whole(read, {**body, "history": []}, cls)
    except Exception as error:
        errors += field_errors(error)
    if errors:
        raise ValidationError(errors)
    assert shell is not None
    assert isinstance(version, int)
    return resume(shell, version=version, created=created, last_changed=changed)


@overload
def resume_documents(
    snapshot: Mapping[str, Any], documents: Sequence[Mapping[str, Any]] = (), /
) -> Entity[Any]: ...
@overload
def resume_documents(
    snapshot: Mapping[str, Any], documents: Sequence[Mapping[str, Any]], entity_type: type[E], /
) -> E: ...
def resume_documents(
    snapshot: Mapping[str, Any],
    documents: Sequence[Mapping[str, Any]] = (),
    entity_type: type[Any] | None = None,
    /,
) -> Any:
    """The entity a snapshot and the event documents stored after it describe.

    The snapshot is read as an entity document is (its schema version through the
    upcasters, every field checked), then `documents` follow it: they must continue its
    version (``version + 1``, ``version + 2``, ...: no gap, no overlap), belong to the
    same entity, and fold onto it as `replay_documents` folds them. `ValidationError`
    names each bad field by its path (``version``, ``documents[2].version``). The result
    is resumed (`jiceng.resume`): the same state, fields and version as the entity replayed
    from every event, with a history that holds only the later events.
    """
    subject = f"{getattr(entity_type, '__name__', 'entity')} snapshot"
    read: object = snapshot  # checked: a store hands over whatever it read
    if not isinstance(read, Mapping):
        msg = f"expected an object, got {kind(read)}"
        raise ValidationError.single("", msg, subject=subject)
    try:
        base = _base(snapshot, entity_type)
    except ValidationError as error:
        raise ValidationError(error.errors, subject=subject) from error
    except JicengError as error:
        raise ValidationError.single("", str(error), subject=subject) from error
    given: object = documents
    if not isinstance(given, list | tuple):
        msg = f"expected a list, got {kind(given)}"
        raise ValidationError.single("documents", msg, subject="event documents")
    if len(given) > MAX_EVENTS:
        msg = f"expected at most {MAX_EVENTS:,} event documents, got {len(given):,}"
        raise ValidationError.single("documents", msg, subject="event documents")
    if not given:
        return base
    key = entity_key(base)
    with in_scope(type(base)):
        events = decode_events(given, base.version, key)
    try:
        return resume(base, events=events)
    except JicengError as error:
        raise ValidationError.single("documents", str(error), subject="event documents") from error
