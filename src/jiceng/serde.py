"""Serialisation (序列化): entities, events and values to JSON-compatible dicts and back.

Needs the extra ``serde`` (``pip install 'jiceng[serde]'``), which brings cattrs.

`to_dict` turns any jiceng value (an entity, an event, an `Actor`, a `Deadline`, ...) into
a dict of only `dict`, `list`, `str`, `int`, `float`, `bool` and `None`, ready for
`json.dumps`; `from_dict` reads it back, checks every field, and raises one
`ValidationError` that names the path of each bad field (``history[2].at``).

The formats, fixed by `SCHEMA_VERSION`:

- `pendulum.DateTime`: ISO 8601 with its UTC offset, followed by the IANA time zone in
  brackets when it has one (RFC 9557): ``"2026-01-05T09:00:00+08:00[Asia/Shanghai]"``.
  A fixed offset is written without brackets: ``"2026-01-05T09:00:00+08:00"``. Reading
  gives back the same instant in the same zone; an offset that does not match the zone at
  that instant, an unknown zone, or a date-time without an offset is refused.
- `pendulum.Date`: ``"2026-01-05"``.
- enums, including every `State`: their value.
- tuples and lists: lists; frozensets and sets: sorted lists.
- `decimal.Decimal`: a string, digits kept as they are (``"12.50"``); an `int` is read too,
  a `float` is refused as inexact.
- `fractions.Fraction`: ``"numerator/denominator"`` (``"2/3"``, ``"5/1"``); an `int` is
  read too.
- an event: ``{"type": "<machine name>.<event class>", ...its fields}``, the tag naming the
  machine table that records it (``"ticket.Reported"``).
- an entity: ``{"schema": 1, "type": "<machine name>", ...its fields, "history": [...]}``.
  Reading checks the schema version and the machine name, and then replays the history:
  a document whose fields disagree with its history is refused, field by field.
- durations of a time limit (`CalendarDays`, `WorkingDays`, ...), where several kinds may
  stand: ``{"type": "<class name>", ...its fields}``.
- a working-day calendar: ``{"name": "cn", "tz": "Asia/Shanghai"}``; see `register_calendar`.

Other value types are added to `converter` with the usual cattrs calls:
`converter.register_unstructure_hook(cls, to_json)` and
`converter.register_structure_hook(cls, from_json)`, where `from_json(value, cls)` raises
`ValidationError` (path ``""``) or `ValueError` for a bad value.
"""

from __future__ import annotations

import contextvars
import datetime
import decimal
import enum
import fractions
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeVar, get_origin

import attrs
import pendulum

from jiceng._kernel._calendars import ChinaCalendar, WeekendCalendar, WorkCalendar
from jiceng._kernel._entity import ENTITY_TYPES, Entity, replay
from jiceng._kernel._events import Event
from jiceng._kernel._time import CountedRule, DurationRule
from jiceng.exceptions import FieldError, JicengError, MissingExtraError, ValidationError

try:
    import cattrs
    from cattrs.cols import is_any_set, is_sequence, list_structure_factory
    from cattrs.errors import (
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
        IterableValidationNote,
    )
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn
    from cattrs.v import format_exception
except ImportError as error:
    raise MissingExtraError(feature="jiceng.serde", extra="serde", package="cattrs") from error

if TYPE_CHECKING:
    from attrs import AttrsInstance

__all__ = [
    "SCHEMA_VERSION",
    "converter",
    "from_dict",
    "register_calendar",
    "register_tagged_union",
    "to_dict",
]

T = TypeVar("T")

SCHEMA_VERSION: Final = 1
"""The version of the serialised form, written in every entity document as ``"schema"``."""

_TAG: Final = "type"
_SCHEMA: Final = "schema"


def _sorted(values: Iterable[Any]) -> list[Any]:
    items = list(values)
    try:
        return sorted(items)
    except TypeError:  # mixed or unorderable items (dicts): order them by their repr
        return sorted(items, key=repr)


converter: Final = cattrs.Converter(
    detailed_validation=True,
    forbid_extra_keys=True,
    # sets as sorted lists, so that equal values give equal documents; tuples as lists
    unstruct_collection_overrides={frozenset: _sorted, set: _sorted, tuple: list},
)
"""The preconfigured cattrs converter behind `to_dict` and `from_dict`; extend it here."""


# -- small helpers -----------------------------------------------------------------------


def _kind(value: object) -> str:
    """How a JSON reader would name what it found."""
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"the number {value!r}"
    return names.get(type(value), type(value).__name__)


def _short(value: object) -> str:
    """A value as a message quotes it: its repr, cut to a few dozen characters."""
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:59] + "…"


def _bad(message: str) -> ValidationError:
    """An error about the value being structured (its path is added by the caller)."""
    return ValidationError.single("", message)


def _mapping(value: object) -> Mapping[str, Any]:
    if isinstance(value, Mapping):
        return value
    raise _bad(f"expected an object, got {_kind(value)}")


def _check_reserved(cls: type[Any], reserved: tuple[str, ...]) -> None:
    clash = [a.name for a in attrs.fields(cls) if a.name in reserved]
    if clash:
        msg = f"the field name is reserved for the serialised form of {cls.__name__}"
        raise ValidationError([FieldError(name, msg) for name in clash], subject="class")


# -- primitives: strict, as JSON has them ------------------------------------------------


def _structure_str(value: object, cls: type[Any]) -> Any:
    if not isinstance(value, str):
        raise _bad(f"expected a string, got {_kind(value)}")
    return value if cls is str else _structure_enum(value, cls)


def _structure_int(value: object, cls: type[Any]) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(f"expected a whole number, got {_kind(value)}")
    return value if cls is int else _structure_enum(value, cls)


def _structure_float(value: object, cls: type[Any]) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(f"expected a number, got {_kind(value)}")
    return float(value)


def _structure_bool(value: object, cls: type[Any]) -> bool:
    if not isinstance(value, bool):
        raise _bad(f"expected true or false, got {_kind(value)}")
    return value


def _structure_enum(value: object, cls: type[enum.Enum]) -> Any:
    try:
        return cls(value)
    except (ValueError, TypeError):
        allowed = ", ".join(repr(member.value) for member in cls)
        raise _bad(f"{_short(value)} is not one of: {allowed}") from None


converter.register_structure_hook(str, _structure_str)
converter.register_structure_hook(int, _structure_int)
converter.register_structure_hook(float, _structure_float)
converter.register_structure_hook(bool, _structure_bool)
converter.register_structure_hook_func(
    lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
)


def _collection_factory(cls: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """Read a JSON list into the declared collection; anything else (a string) is refused."""
    items = list_structure_factory(cls, conv)
    origin = get_origin(cls) or cls
    build: Callable[[list[Any]], Any] = (
        frozenset
        if is_any_set(cls) and origin is not set
        else set
        if origin is set
        else list
        if origin is list
        else tuple
    )

    def structure(value: object, _: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise _bad(f"expected a list, got {_kind(value)}")
        return build(items(value, cls))

    return structure


converter.register_structure_hook_factory(
    lambda t: is_sequence(t) or is_any_set(t), _collection_factory
)


# -- exact numbers -----------------------------------------------------------------------


def _structure_decimal(value: object, _: Any) -> decimal.Decimal:
    if isinstance(value, float):
        raise _bad(f"a float such as {_short(value)} is inexact; write the decimal as a string")
    if isinstance(value, int) and not isinstance(value, bool):
        return decimal.Decimal(value)
    if isinstance(value, str):
        try:
            number = decimal.Decimal(value)
        except decimal.InvalidOperation:
            pass
        else:
            if number.is_finite():
                return number
    raise _bad(f"expected a decimal number as a string such as '12.50', got {_short(value)}")


_FRACTION = re.compile(r"[+-]?\d+(?:/\d+)?")


def _structure_fraction(value: object, _: Any) -> fractions.Fraction:
    if isinstance(value, int) and not isinstance(value, bool):
        return fractions.Fraction(value)
    if isinstance(value, str) and _FRACTION.fullmatch(value):
        try:
            return fractions.Fraction(value)
        except ZeroDivisionError:
            raise _bad(f"{_short(value)} has a zero denominator") from None
    raise _bad(f"expected a fraction as a string such as '2/3', got {_short(value)}")


converter.register_unstructure_hook(decimal.Decimal, str)
converter.register_structure_hook(decimal.Decimal, _structure_decimal)
converter.register_unstructure_hook(fractions.Fraction, lambda f: f"{f.numerator}/{f.denominator}")
converter.register_structure_hook(fractions.Fraction, _structure_fraction)


# -- time --------------------------------------------------------------------------------

_ZONED = re.compile(r"(?P<iso>[^\[\]]+)(?:\[(?P<zone>[^\[\]]+)\])?")


def _unstructure_datetime(value: pendulum.DateTime) -> str:
    if value.tzinfo is None:
        msg = f"cannot write the naive datetime {value}: a naive datetime is ambiguous"
        raise ValidationError.single("", msg, subject="value")
    text = value.isoformat()
    key = getattr(value.tzinfo, "key", None)  # an IANA zone (zoneinfo, pendulum) has a key
    return f"{text}[{key}]" if key else text


def _structure_datetime(value: object, _: Any) -> pendulum.DateTime:
    if not isinstance(value, str):
        raise _bad(f"expected an ISO 8601 date-time string, got {_kind(value)}")
    match = _ZONED.fullmatch(value)
    try:
        parsed = datetime.datetime.fromisoformat(match["iso"]) if match else None
    except ValueError:
        parsed = None
    if parsed is None or match is None:
        msg = f"{_short(value)} is not an ISO 8601 date-time such as '2026-01-05T09:00:00+08:00'"
        raise _bad(msg)
    offset = parsed.utcoffset()
    if offset is None:
        raise _bad(f"{_short(value)} has no UTC offset; a naive datetime is ambiguous")
    name = match["zone"]
    if name is None:  # a fixed offset, kept as one (even +00:00, which is not the zone UTC)
        fixed = pendulum.timezone(int(offset.total_seconds()))
        return pendulum.instance(parsed.replace(tzinfo=None), tz=fixed)
    instant = pendulum.instance(parsed)
    try:
        zone = pendulum.timezone(name)
    except Exception:
        raise _bad(f"{name!r} is not an IANA time zone") from None
    result = instant.in_timezone(zone)
    if result.utcoffset() != offset:
        at = result.isoformat()
        raise _bad(f"{_short(value)}: the offset does not match {name} at that instant ({at})")
    return result


def _structure_date(value: object, _: Any) -> pendulum.Date:
    try:
        day = datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        raise _bad(f"expected an ISO 8601 date such as '2026-01-05', got {_short(value)}")
    return pendulum.Date(day.year, day.month, day.day)


converter.register_unstructure_hook(pendulum.DateTime, _unstructure_datetime)
converter.register_structure_hook(pendulum.DateTime, _structure_datetime)
converter.register_unstructure_hook(pendulum.Date, lambda day: day.isoformat())
converter.register_structure_hook(pendulum.Date, _structure_date)

_CALENDARS: dict[str, Callable[[str], WorkCalendar]] = {
    "weekends": lambda tz: WeekendCalendar(tz=tz),
    "cn": lambda tz: ChinaCalendar(tz=tz),
}


def register_calendar(name: str, factory: Callable[[str], WorkCalendar]) -> None:
    """Let documents name a working-day calendar: `factory(tz)` builds the calendar `name`.

    A calendar is written as its name and time zone (``{"name": "cn", "tz":
    "Asia/Shanghai"}``); ``"weekends"`` and ``"cn"`` are known already.
    """
    _CALENDARS[name] = factory


def _unstructure_calendar(calendar: WorkCalendar) -> dict[str, Any]:
    return {"name": calendar.name, "tz": calendar.tz}


def _structure_calendar(value: object, _: Any) -> WorkCalendar:
    data = _mapping(value)
    errors = []
    for key in ("name", "tz"):
        if not isinstance(data.get(key), str):
            errors.append(FieldError(key, f"expected a string, got {_kind(data.get(key))}"))
    errors += [FieldError(key, "unknown field") for key in sorted(set(data) - {"name", "tz"})]
    if not errors and data["name"] not in _CALENDARS:
        known = ", ".join(repr(name) for name in _CALENDARS)
        errors.append(FieldError("name", f"unknown calendar {data['name']!r}; known: {known}"))
    if errors:
        raise ValidationError(errors)
    return _CALENDARS[data["name"]](data["tz"])


converter.register_unstructure_hook_func(lambda t: t is WorkCalendar, _unstructure_calendar)
converter.register_structure_hook_func(lambda t: t is WorkCalendar, _structure_calendar)


def register_tagged_union(union: Any) -> None:
    """Write each member of `union` (a union of attrs classes) tagged with its class name.

    Where several classes may stand, ``{"type": "WorkingDays", "n": 5}`` says which one it is;
    the durations of a time limit are registered so. A domain registers its own unions
    (of majority rules, say) the same way.
    """
    members: dict[str, type[Any]] = {cls.__name__: cls for cls in union.__args__}

    def unstructure(value: Any) -> dict[str, Any]:
        return {_TAG: type(value).__name__, **converter.unstructure(value, type(value))}

    def structure(value: object, _: Any) -> Any:
        data = _mapping(value)
        tag = data.get(_TAG)
        if tag not in members:
            known = ", ".join(repr(name) for name in members)
            msg = (
                "required field missing" if _TAG not in data else f"{tag!r} is not one of: {known}"
            )
            raise ValidationError.single(_TAG, msg)
        body = {k: v for k, v in data.items() if k != _TAG}
        return converter.structure(body, members[tag])

    converter.register_unstructure_hook_func(lambda t: t == union, unstructure)
    converter.register_structure_hook_func(lambda t: t == union, structure)


# Several kinds of duration may stand in a time limit.
register_tagged_union(DurationRule)
register_tagged_union(CountedRule)


# -- attrs classes: values, events, entities ---------------------------------------------


def _required(cls: Any) -> tuple[str, ...]:
    """The keys a document of `cls` must have: every field `to_dict` writes."""
    return tuple(a.name for a in attrs.fields(cls) if a.init)


def _whole(fields: Callable[[Mapping[str, Any], Any], T], data: Mapping[str, Any], cls: Any) -> T:
    """`fields(data, cls)`, refused when `data` leaves out a field: a document names every
    field, so that nothing is quietly left to a default. Every bad field is reported."""
    missing = [
        FieldError(name, "required field missing") for name in _required(cls) if name not in data
    ]
    try:
        value = fields(data, cls)
    except Exception as error:
        if not missing:
            raise
        raise ValidationError([*missing, *_field_errors(error)]) from error
    if missing:
        raise ValidationError(missing)
    return value


def _attrs_structure_factory(cls: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    fields = make_dict_structure_fn(cls, conv)
    return lambda value, _: _whole(fields, _mapping(value), cls)


converter.register_structure_hook_factory(attrs.has, _attrs_structure_factory)


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
        raise ValidationError.single(_TAG, msg, subject="event")
    return tags[0]


def _event_class(tag: object, expected: type[Event]) -> type[Event]:
    if not isinstance(tag, str):
        raise ValidationError.single(_TAG, f"expected an event type, got {_kind(tag)}")
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
        msg = f"unknown event type {_short(tag)}; expected one of: {shown or 'none'}"
    raise ValidationError.single(_TAG, msg)


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
            _check_reserved(cls, (_TAG,))
            fn = fields[cls] = make_dict_unstructure_fn(cls, conv)
        return {_TAG: _tag(cls), **fn(event)}

    return unstructure


def _event_structure_factory(expected: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    fields: dict[type[Event], Callable[[Mapping[str, Any], Any], Event]] = {}

    def structure(value: object, _: Any) -> Event:
        data = _mapping(value)
        if _TAG not in data:
            raise ValidationError.single(_TAG, "required field missing")
        cls = _event_class(data[_TAG], expected)
        fn = fields.get(cls)
        if fn is None:
            fn = fields[cls] = make_dict_structure_fn(cls, conv)
        return _whole(fn, {k: v for k, v in data.items() if k != _TAG}, cls)

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
            _check_reserved(cls, (_SCHEMA, _TAG))
            fn = fields[cls] = make_dict_unstructure_fn(cls, conv)
        token = _scope.set(_machine_of(cls))
        try:
            body = fn(entity)
        finally:
            _scope.reset(token)
        history = body.pop("history")
        return {_SCHEMA: SCHEMA_VERSION, _TAG: cls.__machine__.name, **body, "history": history}

    return unstructure


def _envelope(value: object, name: str | None) -> Mapping[str, Any]:
    """Check an entity document's schema version and machine name; return the fields."""
    data = _mapping(value)
    errors = []
    schema = data.get(_SCHEMA)
    if _SCHEMA not in data:
        errors.append(FieldError(_SCHEMA, "required field missing"))
    elif type(schema) is not int or schema != SCHEMA_VERSION:
        msg = f"unknown schema version {schema!r}; this version of jiceng reads {SCHEMA_VERSION}"
        errors.append(FieldError(_SCHEMA, msg))
    if _TAG not in data:
        errors.append(FieldError(_TAG, "required field missing"))
    elif name is not None and data[_TAG] != name:
        errors.append(FieldError(_TAG, f"expected {name!r}, got {data[_TAG]!r}"))
    if errors:
        raise ValidationError(errors)
    return {k: v for k, v in data.items() if k not in (_SCHEMA, _TAG)}


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
            f"the document says {_short(conv.unstructure(getattr(entity, a.name)))} "
            f"but the history gives {_short(conv.unstructure(getattr(replayed, a.name)))}",
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
            data = _mapping(value)
            _envelope(data, None)
            name = data[_TAG]
            found = [c for c in ENTITY_TYPES if c.__machine__.name == name and issubclass(c, cls)]
            if len(found) != 1:
                what = "is ambiguous" if found else f"is not a kind of {cls.__name__}"
                raise ValidationError.single(_TAG, f"{name!r} {what}")
            return conv.structure(value, found[0])

        return structure_any

    fields = make_dict_structure_fn(cls, conv)
    machine = _machine_of(cls)

    def structure(value: object, _: Any) -> Any:
        body = _envelope(value, machine.name)
        token = _scope.set(machine)
        try:
            entity = _whole(fields, body, cls)
        finally:
            _scope.reset(token)
        return _check_history(entity, conv)

    return structure


def _is_entity(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, Entity)


converter.register_unstructure_hook_factory(_is_entity, _entity_unstructure_factory)
converter.register_structure_hook_factory(_is_entity, _entity_structure_factory)


# -- errors ------------------------------------------------------------------------------


def _join(path: str, name: str) -> str:
    if not name or not path:
        return path or name
    return path + name if name.startswith("[") else f"{path}.{name}"


def _field_errors(error: BaseException, path: str = "", type_: Any = None) -> Iterator[FieldError]:
    """Every bad field in a cattrs error tree, with the path of each."""
    if isinstance(error, IterableValidationError | ClassValidationError):
        noted, others = error.group_exceptions()
        for sub, note in noted:
            if isinstance(note, IterableValidationNote):  # an item of a list or a mapping
                index = note.index
                where = path + (f"[{index}]" if isinstance(index, int) else f"[{index!r}]")
            else:
                where = _join(path, note.name)
            yield from _field_errors(sub, where, note.type)
        for sub in others:
            yield from _field_errors(sub, path)
    elif isinstance(error, ValidationError):
        for field in error.errors:
            yield FieldError(_join(path, field.path), field.message)
    elif isinstance(error, ForbiddenExtraKeysError):
        for key in sorted(error.extra_fields):
            yield FieldError(_join(path, key), "unknown field")
    elif isinstance(error, JicengError | ValueError) and str(error):
        yield FieldError(path, str(error))
    else:  # cattrs' words where it has them; else what the error was, never "unknown error"
        message = format_exception(error, type_)
        if message.startswith("unknown error"):
            message = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        yield FieldError(path, message)


# -- the public functions ----------------------------------------------------------------


def to_dict(obj: AttrsInstance) -> dict[str, Any]:
    """`obj` (an entity, an event, a value) as a JSON-compatible dict.

    Raises `ValidationError` for a value that has no faithful form, such as a naive
    datetime or an event that no machine table records.
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
    give back the same entity.
    """
    try:
        return converter.structure(data, cls)
    except Exception as error:
        name = getattr(cls, "__name__", repr(cls))
        raise ValidationError(_field_errors(error), subject=f"{name} document") from error
