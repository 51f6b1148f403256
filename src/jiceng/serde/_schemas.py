"""JSON Schema (2020-12) of the documents `jiceng.serde` writes and of commands' arguments.

Generated from the same annotations and checks that the converter and the commands use,
so a schema says what a document holds and what a command accepts, with the ranges of
every quantity.
"""

from __future__ import annotations

import decimal
import enum
import fractions
import types
import typing
from collections import abc
from typing import Annotated, Any, Final

import attrs
import pendulum

from jiceng._kernel import _checks as checks
from jiceng._kernel._calendars import WorkCalendar
from jiceng._kernel._entity import Entity, command_checks
from jiceng._kernel._events import Event
from jiceng.serde._converter import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    DECIMAL_PATTERN,
    FRACTION_PATTERN,
    TAG,
    TAGGED_UNIONS,
)
from jiceng.serde._documents import SCHEMA, machine_tags, schema_version
from jiceng.serde._references import REF, REFERENCED, VERSION
from jiceng.serde._snapshots import SNAPSHOT_FIELDS
from jiceng.serde._store import EVENT_FIELDS, MAX_EVENTS

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"


JSON = dict[str, Any]
_SCALARS: Final[dict[type[Any], str]] = {
    bool: "boolean",
    str: "string",
    int: "integer",
    float: "number",
}
_STRINGS: Final[dict[type[Any], str]] = {
    decimal.Decimal: DECIMAL_PATTERN,
    fractions.Fraction: FRACTION_PATTERN,
    pendulum.DateTime: DATETIME_PATTERN,
    pendulum.Date: DATE_PATTERN,
}
_ARRAYS = (tuple, list, abc.Sequence, abc.Collection, abc.Iterable)
_SETS = (frozenset, set, abc.Set)


def _constrained(check: checks.Check | None) -> JSON:
    """The bounds `check` puts on a number, a text or a list."""
    match check:
        case checks._Between(lo=lo, hi=hi) | checks._Real(lo=lo, hi=hi):
            return {"minimum": lo, "maximum": hi}
        case checks._Text(max_length=most, blank=blank):
            return {"maxLength": most} if blank else {"minLength": 1, "maxLength": most}
        case checks._Items(min_items=least, max_items=most, unique=unique):
            return {"minItems": least, "maxItems": most} | ({"uniqueItems": True} if unique else {})
        case checks._Mapping(max_items=most):
            return {"maxProperties": most}
    return {}


def _inner(check: checks.Check | None, name: str) -> checks.Check | None:
    """The check of a part of a value (the items of a list, the value of an optional)."""
    return getattr(check, name, None)


def _validator_check(validator: Any) -> checks.Check | None:
    """The check among an attrs field's validators, if it has one."""
    if isinstance(validator, checks.Check):
        return validator
    for part in getattr(validator, "_validators", ()):
        if isinstance(part, checks.Check):
            return part
    return None


class _Builder:
    """Builds one schema: every class it meets goes to ``$defs`` once, under one name."""

    def __init__(self, entity: type[Entity[Any]] | None = None) -> None:
        self.defs: dict[str, JSON] = {}
        self.names: dict[Any, str] = {}
        # the entity class whose events are described, and their tags (their def names)
        self.entity = entity
        self.tags = machine_tags(entity) if entity is not None else {}

    def document(self, root: JSON) -> JSON:
        return {"$schema": DIALECT, **root, "$defs": dict(sorted(self.defs.items()))}

    def name(self, cls: type[Any]) -> str:
        found = self.names.get(cls)
        if found is None:
            found = self.tags.get(cls) or cls.__qualname__
            if found in self.names.values():
                found = f"{cls.__module__}.{cls.__qualname__}"
            self.names[cls] = found
        return found

    def ref(self, cls: type[Any], build: typing.Callable[[], JSON]) -> JSON:
        name = self.name(cls)
        if name not in self.defs:
            self.defs[name] = {}  # a placeholder first: classes may refer to themselves
            self.defs[name] = build()
        return {"$ref": f"#/$defs/{name}"}

    # -- types --------------------------------------------------------------------------

    def of(self, annotation: Any, check: checks.Check | None = None) -> JSON:  # noqa: PLR0911
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is Annotated:
            given = [m for m in annotation.__metadata__ if isinstance(m, checks.Check)]
            return self.of(args[0], given[0] if given else check)
        if annotation in (Any, object) or isinstance(annotation, typing.TypeVar):
            return {}
        if any(annotation == union for union in TAGGED_UNIONS):
            return {"oneOf": [self.tagged(member) for member in args]}
        if any(annotation == union | None for union in TAGGED_UNIONS):  # an optional one
            tagged = [self.tagged(member) for member in args if member is not type(None)]
            return {"oneOf": [*tagged, {"type": "null"}]}
        if origin in (typing.Union, types.UnionType):
            members = [a for a in args if a is not type(None)]
            inner = _inner(check, "inner") if isinstance(check, checks._Optional) else check
            choices = [self.of(m, inner if len(members) == 1 else None) for m in members]
            if len(members) < len(args):
                choices.append({"type": "null"})
            return choices[0] if len(choices) == 1 else {"anyOf": choices}
        if origin is typing.Literal:
            return {"enum": list(args)}
        if origin is tuple and args and args[-1] is not Ellipsis:
            parts = [self.of(a) for a in args]
            return {"type": "array", "prefixItems": parts, "items": False, "minItems": len(parts)}
        if origin in _ARRAYS or origin in _SETS:
            item = self.of(args[0] if args else Any, _inner(check, "item"))
            shape: JSON = {"type": "array", "items": item, "maxItems": checks.MAX_ITEMS}
            if origin in _SETS:
                shape["uniqueItems"] = True
            return shape | _constrained(check)
        if origin in (abc.Mapping, dict):
            value = self.of(args[1] if args else Any, _inner(check, "value"))
            keys = self.of(args[0] if args else str, _inner(check, "key"))
            shape = {"type": "object", "additionalProperties": value, "propertyNames": keys}
            return shape | {"maxProperties": checks.MAX_ITEMS} | _constrained(check)
        if not isinstance(annotation, type):
            msg = f"{annotation!r} has no JSON form"
            raise TypeError(msg)
        return self.of_class(annotation, check)

    def of_class(self, cls: type[Any], check: checks.Check | None) -> JSON:  # noqa: PLR0911
        if cls is str:  # no text is longer than the decoder reads (`MAX_TEXT`)
            return {"type": "string", "maxLength": checks.MAX_TEXT} | _constrained(check)
        if cls in _SCALARS:
            return {"type": _SCALARS[cls]} | _constrained(check)
        if cls in _STRINGS:
            return {"type": "string", "pattern": _STRINGS[cls]}
        if cls is WorkCalendar:  # written as its name and zone, whatever the class
            return self.ref(WorkCalendar, _calendar)
        if issubclass(cls, enum.Enum):
            return self.ref(cls, lambda: {"enum": [m.value for m in cls]})
        if issubclass(cls, Event):
            return self.events()
        if cls in REFERENCED:  # by reference when registered, else by value
            return {"anyOf": [_REFERENCE, self.ref(cls, lambda: self.fields(cls))]}
        if attrs.has(cls):
            return self.ref(cls, lambda: self.fields(cls))
        msg = f"{cls.__qualname__} has no JSON form"
        raise TypeError(msg)

    # -- classes ------------------------------------------------------------------------

    def properties(self, cls: type[Any], leave_out: tuple[str, ...] = ()) -> JSON:
        hints = typing.get_type_hints(cls, include_extras=True)
        return {
            a.name: self.of(hints[a.name], _validator_check(a.validator))
            for a in attrs.fields(cls)
            if a.init and a.name not in leave_out
        }

    def fields(self, cls: type[Any], head: JSON | None = None) -> JSON:
        properties = {**(head or {}), **self.properties(cls)}
        return {
            "type": "object",
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
        }

    def tagged(self, cls: type[Any]) -> JSON:
        head = {TAG: {"const": cls.__name__}}
        return self.ref(cls, lambda: self.fields(cls, head))

    def event(self, cls: type[Event], tag: str) -> JSON:
        def build() -> JSON:
            shape = self.fields(cls, {TAG: {"const": tag}})
            shape["properties"] = {SCHEMA: {"const": schema_version(tag)}, **shape["properties"]}
            if schema_version(tag) > 1:
                shape["required"].append(SCHEMA)
            return shape

        return self.ref(cls, build)

    def events(self) -> JSON:
        """Any event of the entity's machine (an event outside one has no fixed shape)."""
        if not self.tags:
            return {"type": "object", "required": [TAG], "properties": {TAG: {"type": "string"}}}
        return {"anyOf": [self.event(cls, tag) for cls, tag in self.tags.items()]}

    def document_of(self, cls: type[Entity[Any]]) -> JSON:
        name = cls.__machine__.name
        head = {SCHEMA: {"const": schema_version(name)}, TAG: {"const": name}}
        shape = self.fields(cls, head)
        shape["properties"]["state"] = self.of(cls.__machine__.states)
        history = shape["properties"].pop("history")
        shape["properties"]["history"] = history | {"minItems": 1}
        shape["required"] = list(shape["properties"])
        return self.ref(cls, lambda: shape)


_REFERENCE: Final = {
    "type": "object",
    "properties": {
        REF: {"type": "string", "minLength": 1, "maxLength": checks.MAX_TEXT},
        VERSION: {"type": "string", "minLength": 1, "maxLength": 64},
    },
    "required": [REF],
    "additionalProperties": False,
}


def _calendar() -> JSON:
    text = {"type": "string", "minLength": 1}
    return {
        "type": "object",
        "properties": {"name": text, "tz": text},
        "required": ["name", "tz"],
        "additionalProperties": False,
    }


def value_schema(cls: type[Any]) -> JSON:
    """The JSON Schema of the documents `to_dict` writes for a value class (a policy, an
    `Actor`, ...): any attrs class, or an enum."""
    builder = _Builder()
    return builder.document(builder.of(cls))


def entity_schema(cls: type[Entity[Any]]) -> JSON:
    """The JSON Schema of the documents `to_dict` writes for entities of `cls`."""
    builder = _Builder(cls)
    return builder.document(builder.document_of(cls))


def snapshot_schema(cls: type[Entity[Any]]) -> JSON:
    """The JSON Schema of the snapshots `snapshot` writes for entities of `cls`."""
    builder = _Builder(cls)
    name = cls.__machine__.name
    head = {
        SCHEMA: {"const": schema_version(name)},
        TAG: {"const": name},
        "version": {"type": "integer", "minimum": 1, "maximum": MAX_EVENTS},
        "created": builder.of(pendulum.DateTime),
        "last_changed": builder.of(pendulum.DateTime),
    }
    assert tuple(head) == SNAPSHOT_FIELDS
    shape = builder.fields(cls, head)
    shape["properties"]["state"] = builder.of(cls.__machine__.states)
    del shape["properties"]["history"]
    shape["required"] = list(shape["properties"])
    return builder.document(shape)


def event_document_schema(cls: type[Entity[Any]]) -> JSON:
    """The JSON Schema of the event documents `event_documents` writes for `cls`."""
    builder = _Builder(cls)
    choices = []
    for event, tag in builder.tags.items():
        data = builder.properties(event, leave_out=("at",))
        envelope = {
            "type": {"const": tag},
            SCHEMA: {"const": schema_version(tag)},
            "entity": {"type": "string", "minLength": 1},
            "version": {"type": "integer", "minimum": 1, "maximum": checks.MAX_ITEMS},
            "at": builder.of(pendulum.DateTime),
            "data": {
                "type": "object",
                "properties": data,
                "required": list(data),
                "additionalProperties": False,
            },
        }
        assert tuple(envelope) == EVENT_FIELDS
        choices.append(
            {
                "type": "object",
                "properties": envelope,
                "required": list(envelope),
                "additionalProperties": False,
            }
        )
    return builder.document({"oneOf": choices})


def arguments_schema(cls: type[Entity[Any]], command: str) -> JSON:
    """The JSON Schema of the arguments of `command` of `cls`, as `dispatch` reads them."""
    builder = _Builder(cls)
    found = command_checks(cls, command)
    properties = {p.name: builder.of(p.annotation, p.check) for p in found.parameters}
    required = [p.name for p in found.parameters if p.default is found.NO_DEFAULT]
    shape = {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    return builder.document(shape)
