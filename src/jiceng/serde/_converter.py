"""The converter behind `jiceng.serde`: JSON's primitives read strictly, exact numbers,
time, calendars, tagged unions, attrs classes named field by field, and the paths of errors.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import fractions
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Final, TypeVar, get_origin

import attrs
import cattrs
import pendulum
from cattrs.cols import is_any_set, is_sequence, list_structure_factory
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn
from cattrs.v import format_exception

from jiceng._kernel._calendars import ChinaCalendar, WeekendCalendar, WorkCalendar
from jiceng._kernel._checks import MAX_ITEMS, MAX_TEXT
from jiceng._kernel._time import CountedRule, DurationRule
from jiceng.exceptions import FieldError, JicengError, ValidationError

T = TypeVar("T")

TAG: Final = "type"
"""The key that says which kind of thing a document is."""


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


def kind(value: object) -> str:
    """How a JSON reader would name what it found."""
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"the number {value!r}"
    return names.get(type(value), type(value).__name__)


def short(value: object) -> str:
    """A value as a message quotes it: its repr, cut to a few dozen characters."""
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:59] + "…"


def _bad(message: str) -> ValidationError:
    """An error about the value being structured (its path is added by the caller)."""
    return ValidationError.single("", message)


def mapping(value: object) -> Mapping[str, Any]:
    if isinstance(value, Mapping):
        return value
    raise _bad(f"expected an object, got {kind(value)}")


def check_reserved(cls: type[Any], reserved: tuple[str, ...]) -> None:
    clash = [a.name for a in attrs.fields(cls) if a.name in reserved]
    if clash:
        msg = f"the field name is reserved for the serialised form of {cls.__name__}"
        raise ValidationError([FieldError(name, msg) for name in clash], subject="class")


# -- primitives: strict, as JSON has them ------------------------------------------------


# The floor every document shares, whatever the field: no text is longer and no list is
# longer than any command accepts (`jiceng.checks.MAX_TEXT`, `MAX_ITEMS`); a field's own
# check may be tighter, and commands apply it.
def _structure_str(value: object, cls: type[Any]) -> Any:
    if not isinstance(value, str):
        raise _bad(f"expected a string, got {kind(value)}")
    if cls is not str:
        return _structure_enum(value, cls)
    if len(value) > MAX_TEXT:
        raise _bad(f"a text of {len(value):,} characters is longer than {MAX_TEXT:,}")
    return value


def _structure_int(value: object, cls: type[Any]) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _bad(f"expected a whole number, got {kind(value)}")
    return value if cls is int else _structure_enum(value, cls)


def _structure_float(value: object, cls: type[Any]) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _bad(f"expected a number, got {kind(value)}")
    return float(value)


def _structure_bool(value: object, cls: type[Any]) -> bool:
    if not isinstance(value, bool):
        raise _bad(f"expected true or false, got {kind(value)}")
    return value


def _structure_enum(value: object, cls: type[enum.Enum]) -> Any:
    try:
        return cls(value)
    except (ValueError, TypeError):
        allowed = ", ".join(repr(member.value) for member in cls)
        raise _bad(f"{short(value)} is not one of: {allowed}") from None


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
            raise _bad(f"expected a list, got {kind(value)}")
        if len(value) > MAX_ITEMS:
            raise _bad(f"a list of {len(value):,} items is longer than {MAX_ITEMS:,}")
        return build(items(value, cls))

    return structure


converter.register_structure_hook_factory(
    lambda t: is_sequence(t) or is_any_set(t), _collection_factory
)


# -- exact numbers -----------------------------------------------------------------------


# The written forms the decoder reads, exactly; the JSON Schemas use the same patterns.
# ASCII digits only (`\d` would also match other scripts' digits in Python), and each ends
# with "no character follows" rather than `$`, which Python lets match before a final "\n".
_END = r"(?![\s\S])"
DECIMAL_PATTERN: Final = rf"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{{1,6}})?{_END}"
"""A decimal number, ``12.50`` or ``1E+2``, with an exponent of at most six digits."""
FRACTION_PATTERN: Final = rf"^[+-]?[0-9]+(/[0-9]*[1-9][0-9]*)?{_END}"
_MONTH_DAY = (
    r"((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])"
    r"|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
    r"|02-(0[1-9]|1[0-9]|2[0-8]))"
)
_LEAP_YEAR = r"([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)"
_DATE = rf"(?!0000)([0-9]{{4}}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
_TIME = r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?"
_OFFSET = r"(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?)"
_ZONE_NAME = r"(\[[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*\])?"
DATE_PATTERN: Final = rf"^{_DATE}{_END}"
"""A calendar date, ``2026-01-05``: a month of 12 and its days, 29 February in a leap year."""
DATETIME_PATTERN: Final = rf"^{_DATE}T{_TIME}{_OFFSET}{_ZONE_NAME}{_END}"
"""A date-time as jiceng writes it: ``T``, the time to the minute, second or microsecond,
an upper-case ``Z`` or an offset ``+08:00``, then an optional IANA zone in brackets.
Whether the zone exists and has that offset at that instant is checked when read."""

_DECIMAL = re.compile(DECIMAL_PATTERN)
_DATE_RE = re.compile(DATE_PATTERN)
_DATETIME_RE = re.compile(DATETIME_PATTERN)


def _structure_decimal(value: object, _: Any) -> decimal.Decimal:
    if isinstance(value, float):
        raise _bad(f"a float such as {short(value)} is inexact; write the decimal as a string")
    if isinstance(value, int) and not isinstance(value, bool):
        return decimal.Decimal(value)
    if isinstance(value, str) and _DECIMAL.match(value):  # finite, and read exactly
        return decimal.Decimal(value)
    raise _bad(f"expected a decimal number as a string such as '12.50', got {short(value)}")


_FRACTION = re.compile(FRACTION_PATTERN)
_ZERO_DENOMINATOR = re.compile(rf"^[+-]?[0-9]+/0+{_END}")


def _structure_fraction(value: object, _: Any) -> fractions.Fraction:
    if isinstance(value, int) and not isinstance(value, bool):
        return fractions.Fraction(value)
    if isinstance(value, str) and _FRACTION.match(value):  # never a zero denominator
        return fractions.Fraction(value)
    if isinstance(value, str) and _ZERO_DENOMINATOR.match(value):
        raise _bad(f"{short(value)} has a zero denominator")
    raise _bad(f"expected a fraction as a string such as '2/3', got {short(value)}")


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
        raise _bad(f"expected an ISO 8601 date-time string, got {kind(value)}")
    match = _ZONED.fullmatch(value)
    try:
        parsed = datetime.datetime.fromisoformat(match["iso"]) if match else None
    except ValueError:
        parsed = None
    if parsed is None or match is None:
        msg = f"{short(value)} is not an ISO 8601 date-time such as '2026-01-05T09:00:00+08:00'"
        raise _bad(msg)
    offset = parsed.utcoffset()
    if offset is None:
        raise _bad(f"{short(value)} has no UTC offset; a naive datetime is ambiguous")
    if not _DATETIME_RE.match(value):
        msg = (
            f"{short(value)} is not written as 'YYYY-MM-DDTHH:MM[:SS[.ffffff]]', then 'Z' or "
            "'+HH:MM', then an optional '[Zone/Name]'"
        )
        raise _bad(msg)
    name = match["zone"]
    if name is None:  # a fixed offset, kept as one (even +00:00, which is not the zone UTC)
        fixed = pendulum.timezone(int(offset.total_seconds()))
        return pendulum.instance(parsed.replace(tzinfo=None), tz=fixed)
    instant = pendulum.instance(parsed)
    try:
        zone = pendulum.timezone(name)
    except Exception:
        raise _bad(f"{name!r} is not an IANA time zone") from None
    try:
        result = instant.in_timezone(zone)
    except (OverflowError, ValueError):
        raise _bad(f"{short(value)} is out of range in {name}") from None
    if result.utcoffset() != offset:
        at = result.isoformat()
        raise _bad(f"{short(value)}: the offset does not match {name} at that instant ({at})")
    return result


def _structure_date(value: object, _: Any) -> pendulum.Date:
    text = value if isinstance(value, str) and _DATE_RE.match(value) else None
    day = None if text is None else datetime.date.fromisoformat(text)
    if day is None:
        raise _bad(f"expected an ISO 8601 date such as '2026-01-05', got {short(value)}")
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
    data = mapping(value)
    errors = []
    for key in ("name", "tz"):
        if not isinstance(data.get(key), str):
            errors.append(FieldError(key, f"expected a string, got {kind(data.get(key))}"))
    errors += [FieldError(key, "unknown field") for key in sorted(set(data) - {"name", "tz"})]
    if not errors and data["name"] not in _CALENDARS:
        known = ", ".join(repr(name) for name in _CALENDARS)
        errors.append(FieldError("name", f"unknown calendar {data['name']!r}; known: {known}"))
    if errors:
        raise ValidationError(errors)
    return _CALENDARS[data["name"]](data["tz"])


converter.register_unstructure_hook_func(lambda t: t is WorkCalendar, _unstructure_calendar)
converter.register_structure_hook_func(lambda t: t is WorkCalendar, _structure_calendar)


TAGGED_UNIONS: list[Any] = []
"""The unions registered with `register_tagged_union` (their members carry a ``"type"``)."""


def register_tagged_union(union: Any) -> None:
    """Write each member of `union` (a union of attrs classes) tagged with its class name.

    Where several classes may stand, ``{"type": "WorkingDays", "n": 5}`` says which one it is;
    the durations of a time limit are registered so. `union | None` is read and written
    too, with `None` as ``null``. A domain registers its own unions
    (of majority rules, say) the same way.
    """
    members: dict[str, type[Any]] = {cls.__name__: cls for cls in union.__args__}
    TAGGED_UNIONS.append(union)

    def unstructure(value: Any) -> dict[str, Any]:
        return {TAG: type(value).__name__, **converter.unstructure(value, type(value))}

    def structure(value: object, _: Any) -> Any:
        data = mapping(value)
        tag = data.get(TAG)
        if tag not in members:
            known = ", ".join(repr(name) for name in members)
            msg = "required field missing" if TAG not in data else f"{tag!r} is not one of: {known}"
            raise ValidationError.single(TAG, msg)
        body = {k: v for k, v in data.items() if k != TAG}
        return converter.structure(body, members[tag])

    converter.register_unstructure_hook_func(lambda t: t == union, unstructure)
    converter.register_structure_hook_func(lambda t: t == union, structure)
    # An optional member of the union (`CountedRule | None`): `null`, or a tagged member.
    optional = union | None
    converter.register_unstructure_hook_func(
        lambda t: t == optional, lambda value: None if value is None else unstructure(value)
    )
    converter.register_structure_hook_func(
        lambda t: t == optional, lambda value, t: None if value is None else structure(value, t)
    )


# Several kinds of duration may stand in a time limit.
register_tagged_union(DurationRule)
register_tagged_union(CountedRule)


# -- attrs classes: values, events, entities ---------------------------------------------


def _required(cls: Any) -> tuple[str, ...]:
    """The keys a document of `cls` must have: every field `to_dict` writes."""
    return tuple(a.name for a in attrs.fields(cls) if a.init)


def whole(fields: Callable[[Mapping[str, Any], Any], T], data: Mapping[str, Any], cls: Any) -> T:
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
        others = [e for e in field_errors(error) if e not in missing]  # each field once
        raise ValidationError([*missing, *others]) from error
    if missing:
        raise ValidationError(missing)
    return value


def attrs_structure_factory(cls: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    fields = make_dict_structure_fn(cls, conv)
    return lambda value, _: whole(fields, mapping(value), cls)


converter.register_structure_hook_factory(attrs.has, attrs_structure_factory)


# -- errors ------------------------------------------------------------------------------


def _join(path: str, name: str) -> str:
    if not name or not path:
        return path or name
    return path + name if name.startswith("[") else f"{path}.{name}"


def field_errors(error: BaseException, path: str = "", type_: Any = None) -> Iterator[FieldError]:
    """Every bad field in a cattrs error tree, with the path of each."""
    if isinstance(error, IterableValidationError | ClassValidationError):
        noted, others = error.group_exceptions()
        for sub, note in noted:
            if isinstance(note, IterableValidationNote):  # an item of a list or a mapping
                index = note.index
                where = path + (f"[{index}]" if isinstance(index, int) else f"[{index!r}]")
            else:
                where = _join(path, note.name)
            yield from field_errors(sub, where, note.type)
        for sub in others:
            yield from field_errors(sub, path)
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
