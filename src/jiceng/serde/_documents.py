"""Entity and event documents: events tagged by the machine that records them, entities
with their schema version and machine name, checked against their history on reading.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Annotated, Any, Final, TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from jiceng._kernel._arguments import checked
from jiceng._kernel._checks import between
from jiceng._kernel._entity import ENTITY_TYPES, Entity, Snapshot, replay
from jiceng._kernel._events import Event
from jiceng.exceptions import FieldError, JicengError, ValidationError
from jiceng.serde._converter import (
    TAG,
    check_reserved,
    converter,
    field_errors,
    kind,
    mapping,
    short,
    whole,
)

if TYPE_CHECKING:
    from attrs import AttrsInstance

T = TypeVar("T")

SCHEMA_VERSION: Final = 1
"""The version every document type starts at; each registered upcaster adds one."""

SCHEMA: Final = "schema"

# -- versions, upcasters and aliases -----------------------------------------------------

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]
"""Turns a document of one version into the next: it gets and returns the fields."""

_UPCASTERS: dict[str, list[Upcaster]] = {}
_ALIASES: dict[str, str] = {}


def schema_version(type_name: str) -> int:
    """The version in which this jiceng writes documents of `type_name` (a machine name
    for entity documents, ``"<machine>.<event class>"`` for events)."""
    return SCHEMA_VERSION + len(_UPCASTERS.get(_resolve(type_name), ()))


@checked
def register_upcaster(
    type_name: str, from_version: Annotated[int, between(1, 1000)], upcast: Upcaster
) -> None:
    """Read documents of `type_name` written at `from_version` by passing them to `upcast`.

    `upcast` gets the document's fields (without ``"type"`` and ``"schema"``) and returns
    them as version ``from_version + 1`` has them; registering it raises the version this
    jiceng writes to ``from_version + 1``. Register each step in order, from version 1:
    a document is read by applying every step from its version to the current one.
    """
    name = _resolve(type_name)
    steps = _UPCASTERS.setdefault(name, [])
    expected = SCHEMA_VERSION + len(steps)
    if from_version != expected:
        msg = f"the next upcaster of {name!r} starts at version {expected}, got {from_version}"
        raise ValidationError.single("register_upcaster.from_version", msg, subject="call")
    steps.append(upcast)


@checked
def register_alias(old_name: str, new_name: str) -> None:
    """Read documents that name `old_name` as `new_name`: for a renamed machine or event.

    An alias of a machine name (``"grids.event"`` for ``"grids.grid_event"``) covers its
    events' names too (``"grids.event.Reported"``). Documents are always written with the
    current name.
    """
    known = _ALIASES.get(old_name)
    if old_name == new_name or (known is not None and known != new_name):
        msg = f"{old_name!r} already names {known or old_name!r}"
        raise ValidationError.single("register_alias.old_name", msg, subject="call")
    _ALIASES[old_name] = new_name


def _resolve(type_name: str) -> str:
    """The current name of a type a document names, through the registered aliases."""
    if type_name in _ALIASES:
        return _ALIASES[type_name]
    machine, dot, event = type_name.rpartition(".")
    return f"{_ALIASES[machine]}.{event}" if dot and machine in _ALIASES else type_name


def upcast(type_name: str, version: object, fields: Mapping[str, Any]) -> dict[str, Any]:
    """`fields` of a `type_name` document written at `version`, as this jiceng reads them."""
    current = schema_version(type_name)
    if type(version) is not int or not SCHEMA_VERSION <= version <= current:
        known = f"{SCHEMA_VERSION} to {current}" if current > SCHEMA_VERSION else f"{current}"
        msg = f"unknown schema version {short(version)}; this version of jiceng reads {known}"
        raise ValidationError.single(SCHEMA, msg)
    data = dict(fields)
    for step in _UPCASTERS.get(_resolve(type_name), [])[version - SCHEMA_VERSION :]:
        data = step(data)
    return data


@attrs.frozen(eq=False)  # one per entity class, compared and hashed by identity
class _Machine:
    """A machine table's events and their tags, as one entity class records them."""

    name: str
    tag_of: Mapping[type[Event], str]
    by_tag: Mapping[str, type[Event]]


_machines: dict[type[Any], _Machine] = {}
# The machine of the entity being read or written: its events are tagged against it.
_scope: contextvars.ContextVar[_Machine | None] = contextvars.ContextVar(
    "jiceng_serde_scope", default=None
)


def machine_tags(entity_class: type[Entity[Any]]) -> Mapping[type[Event], str]:
    """The events the machine of `entity_class` records, each with its document type name."""
    return _machine_of(entity_class).tag_of


@contextlib.contextmanager
def in_scope(entity_class: type[Entity[Any]]) -> Iterator[None]:
    """Tag and read events as the machine of `entity_class` records them."""
    token = _scope.set(_machine_of(entity_class))
    try:
        yield
    finally:
        _scope.reset(token)


def _machine_of(entity_class: type[Entity[Any]]) -> _Machine:
    found = _machines.get(entity_class)
    if found is None:
        machine = entity_class.__machine__
        tag_of = {t.event: f"{machine.name}.{t.event.__name__}" for t in machine.transitions}
        found = _Machine(machine.name, tag_of, {tag: ev for ev, tag in tag_of.items()})
        _machines[entity_class] = found
    return found


def _all_machines() -> list[_Machine]:
    """The machines of every entity class defined so far (they register when defined)."""
    classes = sorted(ENTITY_TYPES, key=lambda c: (c.__module__, c.__qualname__))
    return [_machine_of(cls) for cls in classes]


def _tag(event_class: type[Event]) -> str:
    scope = _scope.get()
    if scope is not None and event_class in scope.tag_of:
        return scope.tag_of[event_class]
    tags = sorted({m.tag_of[event_class] for m in _all_machines() if event_class in m.tag_of})
    if len(tags) != 1:
        found = f"machines tag it as {', '.join(tags)}" if tags else "no machine table records it"
        msg = f"cannot tag {event_class.__qualname__} events: {found}"
        raise ValidationError.single(TAG, msg, subject="event")
    return tags[0]


def _event_class(tag: object, expected: type[Event]) -> type[Event]:
    if not isinstance(tag, str):
        raise ValidationError.single(TAG, f"expected an event type, got {kind(tag)}")
    tag = _resolve(tag)
    scope = _scope.get()
    machines = [scope] if scope is not None else _all_machines()
    found = {m.by_tag[tag] for m in machines if tag in m.by_tag}
    found = {cls for cls in found if issubclass(cls, expected)}
    if len(found) == 1:
        return found.pop()
    if found:
        names = ", ".join(sorted(f"{c.__module__}.{c.__qualname__}" for c in found))
        msg = f"{tag!r} is ambiguous: it names {names}"
    else:
        machine = tag.rpartition(".")[0]  # the tags of the machine it names come first
        known = sorted(
            _known_tags(tuple(machines), expected), key=lambda t: t.rpartition(".")[0] != machine
        )
        shown = ", ".join(known[:30]) + (f", … ({len(known)} in all)" if len(known) > 30 else "")
        msg = f"unknown event type {short(tag)}; expected one of: {shown or 'none'}"
    raise ValidationError.single(TAG, msg)


_KNOWN: dict[tuple[tuple[_Machine, ...], type[Event]], list[str]] = {}


def _known_tags(machines: tuple[_Machine, ...], expected: type[Event]) -> list[str]:
    """The tags of `expected`'s kinds that `machines` record, sorted (worked out once)."""
    known = _KNOWN.get((machines, expected))
    if known is None:
        known = sorted(t for m in machines for t, c in m.by_tag.items() if issubclass(c, expected))
        _KNOWN[machines, expected] = known
    return known


def _event_unstructure_factory(_: Any, conv: cattrs.Converter) -> Callable[[Event], Any]:
    fields: dict[type[Event], Callable[[Event], dict[str, Any]]] = {}

    def unstructure(event: Event) -> dict[str, Any]:
        cls = type(event)
        fn = fields.get(cls)
        if fn is None:
            check_reserved(cls, (TAG, SCHEMA))
            fn = fields[cls] = make_dict_unstructure_fn(cls, conv)
        tag = _tag(cls)
        version = schema_version(tag)
        if version == SCHEMA_VERSION:  # the first version goes unsaid: documents stay short
            return {TAG: tag, **fn(event)}
        return {TAG: tag, SCHEMA: version, **fn(event)}

    return unstructure


def _event_structure_factory(expected: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    fields: dict[type[Event], Callable[[Mapping[str, Any], Any], Event]] = {}

    def structure(value: object, _: Any) -> Event:
        data = mapping(value)
        if TAG not in data:
            raise ValidationError.single(TAG, "required field missing")
        cls = _event_class(data[TAG], expected)
        fn = fields.get(cls)
        if fn is None:
            fn = fields[cls] = make_dict_structure_fn(cls, conv)
        body = {k: v for k, v in data.items() if k not in (TAG, SCHEMA)}
        version = data.get(SCHEMA, SCHEMA_VERSION)
        tag = _resolve(data[TAG])
        if type(version) is not int or version != schema_version(tag):
            body = upcast(tag, version, body)
        return whole(fn, body, cls)

    return structure


def _is_event(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, Event)


converter.register_unstructure_hook_factory(_is_event, _event_unstructure_factory)
converter.register_structure_hook_factory(_is_event, _event_structure_factory)


def _entity_unstructure_factory(_: Any, conv: cattrs.Converter) -> Callable[[Any], Any]:
    fields: dict[type[Any], Callable[[Any], dict[str, Any]]] = {}

    def unstructure(entity: Entity[Any]) -> dict[str, Any]:
        cls = type(entity)
        fn = fields.get(cls)
        if fn is None:
            check_reserved(cls, (SCHEMA, TAG))
            fn = fields[cls] = make_dict_unstructure_fn(cls, conv)
        if entity.history and type(entity.history[0]) is Snapshot:
            msg = (
                f"this {cls.__name__} holds no events before version {entity.history[0].version} "
                "(it was resumed from a snapshot): write it with snapshot()"
            )
            raise ValidationError.single("history", msg, subject=f"{cls.__name__} document")
        with in_scope(cls):
            body = fn(entity)
        history = body.pop("history")
        name = cls.__machine__.name
        return {SCHEMA: schema_version(name), TAG: name, **body, "history": history}

    return unstructure


def _envelope(value: object, name: str | None) -> tuple[str, Mapping[str, Any]]:
    """Check an entity document's schema version and machine name; return the machine's
    current name and the fields, upcast to the current version."""
    data = mapping(value)
    errors = [FieldError(key, "required field missing") for key in (SCHEMA, TAG) if key not in data]
    tag = data.get(TAG)
    if TAG in data and not isinstance(tag, str):
        errors.append(FieldError(TAG, f"expected a machine name, got {kind(tag)}"))
    elif isinstance(tag, str) and name is not None and _resolve(tag) != name:
        errors.append(FieldError(TAG, f"expected {name!r}, got {short(tag)}"))
    if errors:
        raise ValidationError(errors)
    assert isinstance(tag, str)
    current = _resolve(tag)
    body = {k: v for k, v in data.items() if k not in (SCHEMA, TAG)}
    version = data[SCHEMA]
    if type(version) is int and version == schema_version(current):
        return current, body
    return current, upcast(current, version, body)


def _check_history(entity: Entity[Any], conv: cattrs.Converter) -> Entity[Any]:
    """The entity its history folds into, if it has the same fields; refuse it if not."""
    cls = type(entity)
    try:
        replayed = replay(entity.history, cls)
    except JicengError as error:
        raise ValidationError.single("history", str(error)) from error
    errors = [
        FieldError(
            a.name,
            f"the document says {short(conv.unstructure(getattr(entity, a.name)))} "
            f"but the history gives {short(conv.unstructure(getattr(replayed, a.name)))}",
        )
        for a in attrs.fields(cls)
        if a.eq and getattr(entity, a.name) != getattr(replayed, a.name)
    ]
    if errors:
        raise ValidationError(errors)
    return replayed


def _entity_structure_factory(cls: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    if getattr(cls, "__machine__", None) is None:  # a base class: the document's type decides

        def structure_any(value: object, _: Any) -> Any:
            name, body = _envelope(value, None)
            found = [c for c in ENTITY_TYPES if c.__machine__.name == name and issubclass(c, cls)]
            if len(found) != 1:
                what = "is ambiguous" if found else f"is not a kind of {cls.__name__}"
                raise ValidationError.single(TAG, f"{name!r} {what}")
            return conv.structure({SCHEMA: schema_version(name), TAG: name, **body}, found[0])

        return structure_any

    fields = make_dict_structure_fn(cls, conv)
    machine = _machine_of(cls)

    def structure(value: object, _: Any) -> Any:
        _, body = _envelope(value, machine.name)
        with in_scope(cls):
            entity = whole(fields, body, cls)
        return _check_history(entity, conv)

    return structure


def _is_entity(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, Entity)


converter.register_unstructure_hook_factory(_is_entity, _entity_unstructure_factory)
converter.register_structure_hook_factory(_is_entity, _entity_structure_factory)


# -- the public functions ----------------------------------------------------------------


def to_dict(obj: AttrsInstance) -> dict[str, Any]:
    """`obj` (an entity, an event, a value) as a JSON-compatible dict.

    A policy or rule book that the registry in use holds (`use_registry`; the built-in
    presets by default) is written by reference, as its name and version. Raises
    `ValidationError` for a value that has no faithful form, such as a naive datetime or
    an event that no machine table records.
    """
    data = converter.unstructure(obj)
    if not isinstance(data, dict):
        msg = f"to_dict writes attrs classes, not {type(obj).__name__}; use converter.unstructure"
        raise TypeError(msg)
    return data


def from_dict(data: Mapping[str, Any], cls: type[T]) -> T:
    """Read a `cls` from `data`, as `to_dict` wrote it; `cls` may be a base such as `Event`.

    Raises `ValidationError` naming the path of every bad field (``history[2].at``).
    An entity is rebuilt from its fields and checked against its history: `replay` must
    give back the same entity. References are resolved in the registry or through the
    resolver in use (`use_registry`), at the version the document names.
    """
    try:
        return converter.structure(data, cls)
    except Exception as error:
        name = getattr(cls, "__name__", repr(cls))
        raise ValidationError(field_errors(error), subject=f"{name} document") from error
