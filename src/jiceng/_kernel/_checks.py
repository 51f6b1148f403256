"""One vocabulary of checks (校验) for every value type and every command argument.

A check is a small value that answers two questions about a candidate: is it fine
(`ok`), and if not, what is wrong with it, field by field (`problems`, each a
`FieldError` with its path). Checks compose (`optional`, `items`, `mapping`, `any_of`)
and double as attrs validators (``attrs.field(validator=text())``), so a value type
and a command say the same thing in the same words.

Commands are not decorated: each command's checks are derived once from its
annotations (see `jiceng._kernel._arguments`), and a bounded quantity says its range in
the annotation itself, with `Annotated` and one of the ranges below (`Count`, `Points`,
`Money`, or any `between(lo, hi)`):

>>> check = between(1, 30)
>>> check.ok(30), check.ok(31), check.ok(True)
(True, False, False)
>>> print(check.problems(31, "extend.days")[0])
extend.days: must be at most 30, got int 31

Nothing is coerced: ``"emergency"`` is not ``Priority.EMERGENCY``, ``1`` is not
``True``, a naive datetime is not an instant. Turning JSON into typed values is the
decoder's job (`jiceng.serde`), by value and with a path.
"""

from __future__ import annotations

import decimal
import enum
import fractions
import functools
import math
import typing
from collections import abc
from collections.abc import Sequence
from typing import Annotated, Any, Final, TypeAlias, TypeVar

import attrs
import pendulum

from jiceng.exceptions import FieldError, ValidationError

__all__ = [
    "MAX_ITEMS",
    "MAX_TEXT",
    "Check",
    "Count",
    "Money",
    "Points",
    "any_of",
    "anything",
    "as_frozenset",
    "as_tuple",
    "between",
    "day",
    "describe",
    "flag",
    "instance_of",
    "instant",
    "items",
    "mapping",
    "member",
    "money",
    "optional",
    "ratio",
    "real",
    "text",
    "zone",
]

MAX_TEXT: Final = 20_000
"""The longest text a command or value takes (characters): a long 信访 letter fits."""

MAX_ITEMS: Final = 100_000
"""The most items a collection argument may hold (a ledger batch, a village's voters)."""

T = TypeVar("T")

_SHOWN: Final = 60  # characters of a bad value shown in a message


def describe(value: object) -> str:
    """A bad value as a message shows it: its type and a short repr."""
    shown = repr(value)
    if len(shown) > _SHOWN:
        shown = shown[: _SHOWN - 1] + "…"
    if value is None or isinstance(value, bool):
        return shown
    return f"{type(value).__name__} {shown}"


def _names(types_: Sequence[type[Any]]) -> str:
    return " or ".join(t.__name__ for t in types_)


class Check:
    """Base of every check: `ok(value)` fast, `problems(value, path)` in detail.

    A check is also an attrs validator: ``attrs.field(validator=text())`` raises
    `ValidationError` with the field's name as its path and the class as its subject.
    """

    __slots__ = ()

    def ok(self, value: object) -> bool:
        """Whether `value` passes."""
        return not self.problems(value, "")

    def problems(self, value: object, path: str) -> list[FieldError]:  # pragma: no cover
        """What is wrong with `value`, each with its path under `path` (empty: nothing)."""
        raise NotImplementedError

    def expects(self) -> str:
        """What the check expects, in a few words (``"a pendulum.Date"``)."""
        return "a valid value"

    def source(self, name: str, namespace: dict[str, Any]) -> str:
        """A Python expression, true when the variable `name` passes (for compiled code)."""
        key = f"_check_{id(self)}"
        namespace[key] = self
        return f"{key}.ok({name})"

    def check(self, value: object, path: str, *, subject: str = "input") -> None:
        """Raise `ValidationError` if `value` does not pass."""
        if not self.ok(value):
            raise ValidationError(self.problems(value, path), subject=subject)

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not self.ok(value):
            errors = self.problems(value, attribute.name)
            raise ValidationError(errors, subject=type(instance).__name__)


def _one(path: str, message: str) -> list[FieldError]:
    return [FieldError(path, message)]


@attrs.frozen(eq=False)
class _InstanceOf(Check):
    types: tuple[type[Any], ...]

    def expects(self) -> str:
        return _names(self.types)

    def ok(self, value: object) -> bool:
        return isinstance(value, self.types)

    def problems(self, value: object, path: str) -> list[FieldError]:
        if self.ok(value):
            return []
        return _one(path, f"expected {_names(self.types)}, got {describe(value)}")

    def source(self, name: str, namespace: dict[str, Any]) -> str:
        key = f"_types_{id(self)}"
        namespace[key] = self.types[0] if len(self.types) == 1 else self.types
        return f"isinstance({name}, {key})"


def instance_of(*types_: type[Any]) -> Check:
    """An instance of one of `types_` (``instance_of(Actor)``)."""
    return _InstanceOf(types_)


@attrs.frozen(eq=False)
class _Anything(Check):
    def expects(self) -> str:
        return "anything"

    def ok(self, value: object) -> bool:
        return True

    def problems(self, value: object, path: str) -> list[FieldError]:
        return []

    def source(self, name: str, namespace: dict[str, Any]) -> str:
        return "True"


def anything() -> Check:
    """Any value at all (``Any``, ``object``, a protocol that cannot be checked)."""
    return _Anything()


@attrs.frozen(eq=False)
class _Member(Check):
    enum: type[enum.Enum]

    def expects(self) -> str:
        return f"a {self.enum.__name__} member"

    def ok(self, value: object) -> bool:
        return type(value) is self.enum

    def problems(self, value: object, path: str) -> list[FieldError]:
        if self.ok(value):
            return []
        name = self.enum.__name__
        values = [m.value for m in self.enum]
        if value in values and not isinstance(value, self.enum):
            hint = f"; pass {name}({value!r}), not its value"
        else:
            shown = ", ".join(repr(v) for v in values[:8]) + (", …" if len(values) > 8 else "")
            hint = f" (one of {shown})"
        return _one(path, f"expected a {name} member, got {describe(value)}{hint}")

    def source(self, name: str, namespace: dict[str, Any]) -> str:
        key = f"_enum_{id(self)}"
        namespace[key] = self.enum
        return f"type({name}) is {key}"


def member(enum_type: type[enum.Enum]) -> Check:
    """A member of `enum_type` itself: its value (a string, a number) is refused."""
    return _Member(enum_type)


@attrs.frozen(eq=False)
class _Flag(Check):
    def expects(self) -> str:
        return "True or False"

    def ok(self, value: object) -> bool:
        return type(value) is bool

    def problems(self, value: object, path: str) -> list[FieldError]:
        return (
            [] if self.ok(value) else _one(path, f"expected True or False, got {describe(value)}")
        )

    def source(self, name: str, namespace: dict[str, Any]) -> str:
        return f"type({name}) is bool"


def flag() -> Check:
    """`True` or `False`, nothing else (not ``1``, not ``"yes"``)."""
    return _Flag()


@attrs.frozen(eq=False)
class _Text(Check):
    max_length: int
    blank: bool

    def expects(self) -> str:
        return "text (str)"

    def ok(self, value: object) -> bool:
        return (
            type(value) is str
            and len(value) <= self.max_length
            and (self.blank or (bool(value) and not value.isspace()))
        )

    def problems(self, value: object, path: str) -> list[FieldError]:
        if self.ok(value):
            return []
        if not isinstance(value, str):
            return _one(path, f"expected text (str), got {describe(value)}")
        if len(value) > self.max_length:
            return _one(path, f"must be at most {self.max_length} characters, got {len(value)}")
        return _one(path, "must not be empty")

    def source(self, name: str, namespace: dict[str, Any]) -> str:
        if self.blank:
            return f"(type({name}) is str and len({name}) <= {self.max_length})"
        return (
            f"(type({name}) is str and 0 < len({name}) <= {self.max_length} "
            f"and not {name}.isspace())"
        )


def text(*, max_length: int = MAX_TEXT, blank: bool = False) -> Check:
    """A `str` of at most `max_length` characters, not empty or blank unless `blank`."""
    return _Text(max_length, blank)


@functools.cache
def _is_zone(name: str) -> bool:
    try:
        pendulum.timezone(name)
    except Exception:  # pendulum raises several kinds for a name it does not know
        return False
    return True


@attrs.frozen(eq=False)
class _Zone(Check):
    def expects(self) -> str:
        return "an IANA time zone name"

    def ok(self, value: object) -> bool:
        return type(value) is str and len(value) <= _MAX_ZONE and _is_zone(value)

    def problems(self, value: object, path: str) -> list[FieldError]:
        if self.ok(value):
            return []
        if type(value) is not str:
            return _one(path, f"expected an IANA time zone name, got {describe(value)}")
        shown = describe(value).removeprefix("str ")
        return _one(path, f"{shown} is not an IANA time zone")


_MAX_ZONE: Final = 64


def zone() -> Check:
    """The name of an IANA time zone (``"Asia/Shanghai"``), as pendulum knows it."""
    return _Zone()


@attrs.frozen(eq=False)
class _Instant(Check):
    def expects(self) -> str:
        return "a pendulum.DateTime"

    def ok(self, value: object) -> bool:
        return isinstance(value, pendulum.DateTime) and value.tzinfo is not None

    def problems(self, value: object, path: str) -> list[FieldError]:
        if self.ok(value):
            return []
        if getattr(value, "tzinfo", 0) is None:
            return _one(path, "must be timezone-aware; a naive datetime is ambiguous")
        return _one(
            path,
            f"expected a pendulum.DateTime, got {describe(value)}; "
            "convert with pendulum.instance(...)",
        )

    def source(self, name: str, namespace: dict[str, Any]) -> str:
        namespace["_DateTime"] = pendulum.DateTime
        return f"(isinstance({name}, _DateTime) and {name}.tzinfo is not None)"


def instant() -> Check:
    """An aware `pendulum.DateTime`: naive ones and plain `datetime` values are refused."""
    return _Instant()


@attrs.frozen(eq=False)
class _Day(Check):
    def expects(self) -> str:
        return "a pendulum.Date"

    def ok(self, value: object) -> bool:
        return type(value) is pendulum.Date

    def problems(self, value: object, path: str) -> list[FieldError]:
        if self.ok(value):
            return []
        return _one(
            path, f"expected a pendulum.Date (a day, not an instant), got {describe(value)}"
        )

    def source(self, name: str, namespace: dict[str, Any]) -> str:
        namespace["_Date"] = pendulum.Date
        return f"type({name}) is _Date"


def day() -> Check:
    """A `pendulum.Date`: a calendar day, not an instant."""
    return _Day()


@attrs.frozen(eq=False)
class _Between(Check):
    lo: int
    hi: int

    def expects(self) -> str:
        return "a whole number (int)"

    def ok(self, value: object) -> bool:
        return type(value) is int and self.lo <= value <= self.hi

    def problems(self, value: object, path: str) -> list[FieldError]:
        if type(value) is not int:
            return _one(path, f"expected a whole number (int), got {describe(value)}")
        return _range(self.lo, self.hi, value, path)

    def source(self, name: str, namespace: dict[str, Any]) -> str:
        return f"(type({name}) is int and {self.lo} <= {name} <= {self.hi})"


def _range(lo: Any, hi: Any, value: Any, path: str) -> list[FieldError]:
    if value < lo:
        return _one(path, f"must be at least {lo}, got {describe(value)}")
    if value > hi:
        return _one(path, f"must be at most {hi}, got {describe(value)}")
    return []


def between(lo: int, hi: int) -> Check:
    """A whole number (`int`, not `bool`) from `lo` to `hi`, both included."""
    return _Between(lo, hi)


@attrs.frozen(eq=False)
class _Money(Check):
    lo: decimal.Decimal
    hi: decimal.Decimal

    def expects(self) -> str:
        return "a Decimal amount in yuan"

    def ok(self, value: object) -> bool:
        return (
            type(value) is decimal.Decimal
            and value.is_finite()
            and value.as_tuple().exponent >= -2  # type: ignore[operator]
            and self.lo <= value <= self.hi
        )

    def problems(self, value: object, path: str) -> list[FieldError]:
        if type(value) is not decimal.Decimal:
            return _one(path, f"expected a Decimal amount in yuan, got {describe(value)}")
        if not value.is_finite():
            return _one(path, f"must be a finite amount, got {describe(value)}")
        if value.as_tuple().exponent < -2:  # type: ignore[operator]
            return _one(path, f"must be to the fen (2 decimal places) at most, got {value}")
        return _range(self.lo, self.hi, value, path)


def money(lo: decimal.Decimal, hi: decimal.Decimal) -> Check:
    """A finite `Decimal` amount in yuan from `lo` to `hi`, to the fen (分) at most."""
    return _Money(lo, hi)


@attrs.frozen(eq=False)
class _Ratio(Check):
    lo: fractions.Fraction
    hi: fractions.Fraction

    def expects(self) -> str:
        return "an exact Fraction"

    def ok(self, value: object) -> bool:
        return type(value) is fractions.Fraction and self.lo <= value <= self.hi

    def problems(self, value: object, path: str) -> list[FieldError]:
        if type(value) is not fractions.Fraction:
            return _one(path, f"expected an exact Fraction, got {describe(value)}")
        return _range(self.lo, self.hi, value, path)


def ratio(lo: fractions.Fraction, hi: fractions.Fraction) -> Check:
    """An exact `Fraction` from `lo` to `hi`, both included."""
    return _Ratio(lo, hi)


@attrs.frozen(eq=False)
class _Real(Check):
    lo: float
    hi: float

    def expects(self) -> str:
        return "a number"

    def ok(self, value: object) -> bool:
        return type(value) in (int, float) and self.lo <= value <= self.hi  # type: ignore[operator]

    def problems(self, value: object, path: str) -> list[FieldError]:
        if type(value) not in (int, float):
            return _one(path, f"expected a number, got {describe(value)}")
        if not math.isfinite(value):  # type: ignore[arg-type]
            return _one(path, f"must be a finite number, got {value}")
        return _range(self.lo, self.hi, value, path)


def real(lo: float, hi: float) -> Check:
    """A finite `float` (or `int`, not `bool`) from `lo` to `hi`: a factor, a share."""
    return _Real(lo, hi)


@attrs.frozen(eq=False)
class _Optional(Check):
    inner: Check

    def expects(self) -> str:
        return f"{self.inner.expects()} or None"

    def ok(self, value: object) -> bool:
        return value is None or self.inner.ok(value)

    def problems(self, value: object, path: str) -> list[FieldError]:
        found = [] if value is None else self.inner.problems(value, path)
        head = f"expected {self.inner.expects()}"
        if len(found) == 1 and found[0].path == path and found[0].message.startswith(head):
            return _one(path, f"{head} or None{found[0].message[len(head) :]}")
        return found

    def source(self, name: str, namespace: dict[str, Any]) -> str:
        return f"({name} is None or {self.inner.source(name, namespace)})"


def optional(check: Check) -> Check:
    """`None`, or a value that passes `check`."""
    return _Optional(check)


@attrs.frozen(eq=False)
class _AnyOf(Check):
    choices: tuple[Check, ...]

    def expects(self) -> str:
        return " or ".join(c.expects() for c in self.choices)

    def ok(self, value: object) -> bool:
        return any(c.ok(value) for c in self.choices)

    def problems(self, value: object, path: str) -> list[FieldError]:
        if self.ok(value):
            return []
        for choice in self.choices:  # a choice of the value's own kind explains best
            found = choice.problems(value, path)
            if found and not found[0].message.startswith("expected"):
                return found
        return _one(path, f"expected {self.expects()}, got {describe(value)}")


def any_of(*checks: Check) -> Check:
    """A value that passes at least one of `checks` (a union)."""
    return _AnyOf(checks)


_NOT_ITEMS = (str, bytes, abc.Mapping)  # iterable, but never a collection of items here


@attrs.frozen(eq=False)
class _Items(Check):
    item: Check
    kinds: tuple[type[Any], ...]
    max_items: int
    unique: bool = False
    min_items: int = 0

    def expects(self) -> str:
        return f"{_names(self.kinds)} of items"

    def ok(self, value: object) -> bool:
        # the kinds are concrete collections: a str or a mapping is never one of them
        if not isinstance(value, self.kinds):
            return False
        values: Any = value
        if not self.min_items <= len(values) <= self.max_items:
            return False
        item_ok = self.item.ok
        for item in values:
            if not item_ok(item):
                return False
        return not self.unique or len(set(values)) == len(values)

    def problems(self, value: object, path: str) -> list[FieldError]:
        if self.ok(value):
            return []
        if not isinstance(value, self.kinds):
            return _one(path, f"expected {_names(self.kinds)} of items, got {describe(value)}")
        values = list(typing.cast("abc.Collection[Any]", value))
        if len(values) > self.max_items:
            return _one(path, f"must hold at most {self.max_items} items, got {len(values)}")
        if len(values) < self.min_items:
            least = "an item" if self.min_items == 1 else f"{self.min_items} items"
            return _one(path, f"must hold at least {least}, got {len(values)}")
        found: list[FieldError] = []
        for index, item in enumerate(values):
            found += self.item.problems(item, f"{path}[{index}]")
            if len(found) >= 10:  # enough to say what is wrong
                break
        if not found:
            found = _one(path, "must not name the same item twice")
        return found


def items(
    item: Check,
    *,
    kinds: tuple[type[Any], ...] = (tuple,),
    min_items: int = 0,
    max_items: int = MAX_ITEMS,
    unique: bool = False,
) -> Check:
    """A collection (by default a `tuple`) of `min_items` to `max_items` items passing `item`.

    `kinds` are concrete collections (`tuple`, `list`, `frozenset`, `set`): a `str` is
    never a collection of texts here, nor a mapping a collection of keys.
    """
    if any(issubclass(str, k) or issubclass(dict, k) for k in kinds):
        msg = f"items() takes concrete collections, not {_names(kinds)}"
        raise TypeError(msg)
    return _Items(item, kinds, max_items, unique, min_items)


@attrs.frozen(eq=False)
class _Mapping(Check):
    key: Check
    value: Check
    max_items: int

    def expects(self) -> str:
        return "a mapping"

    def ok(self, value: object) -> bool:
        if not isinstance(value, abc.Mapping) or len(value) > self.max_items:
            return False
        key_ok, value_ok = self.key.ok, self.value.ok
        return all(key_ok(k) and value_ok(v) for k, v in value.items())

    def problems(self, value: object, path: str) -> list[FieldError]:
        if self.ok(value):
            return []
        if not isinstance(value, abc.Mapping):
            return _one(path, f"expected a mapping, got {describe(value)}")
        if len(value) > self.max_items:
            return _one(path, f"must hold at most {self.max_items} items, got {len(value)}")
        found: list[FieldError] = []
        for key, item in value.items():
            found += self.key.problems(key, f"{path}[{key!r}]")
            found += self.value.problems(item, f"{path}[{key!r}]")
            if len(found) >= 10:
                break
        return found


def mapping(key: Check, value: Check, *, max_items: int = MAX_ITEMS) -> Check:
    """A mapping of at most `max_items` entries whose keys and values pass their checks."""
    return _Mapping(key, value, max_items)


@attrs.frozen(eq=False)
class _Literal(Check):
    values: tuple[Any, ...]

    def expects(self) -> str:
        return "one of " + ", ".join(repr(v) for v in self.values)

    def ok(self, value: object) -> bool:
        return any(value == v and type(value) is type(v) for v in self.values)

    def problems(self, value: object, path: str) -> list[FieldError]:
        if self.ok(value):
            return []
        shown = ", ".join(repr(v) for v in self.values)
        return _one(path, f"expected one of {shown}, got {describe(value)}")


@attrs.frozen(eq=False)
class _Callable(Check):
    def expects(self) -> str:
        return "a callable"

    def ok(self, value: object) -> bool:
        return callable(value)

    def problems(self, value: object, path: str) -> list[FieldError]:
        return [] if self.ok(value) else _one(path, f"expected a callable, got {describe(value)}")


# -- converters: a collection given as a list or a set, stored as the field's type ---------


def _collection(value: object) -> bool:
    return isinstance(value, abc.Iterable) and not isinstance(value, _NOT_ITEMS)


def as_tuple(value: abc.Iterable[T]) -> tuple[T, ...]:
    """An attrs converter: a collection of items (a list, a generator) as a tuple, and any
    other value as it is, for the field's check to refuse: ``"abc"`` is not a tuple of
    three letters."""
    return tuple(value) if _collection(value) else value  # type: ignore[return-value]


def as_frozenset(value: abc.Iterable[T]) -> frozenset[T]:
    """An attrs converter: a collection of items as a frozenset, any other value as it is."""
    return frozenset(value) if _collection(value) else value  # type: ignore[return-value]


# -- the ranges of the quantities every workflow counts ----------------------------------

Count: TypeAlias = Annotated[int, between(0, 10_000_000)]
"""A count of people, households, seats or votes: 0 to 10,000,000 (a city's residents)."""

Points: TypeAlias = Annotated[int, between(-1_000_000, 1_000_000)]
"""Points (积分) of one entry or one account: ±1,000,000."""

Money: TypeAlias = Annotated[
    decimal.Decimal, money(decimal.Decimal("-1000000000"), decimal.Decimal("1000000000"))
]
"""An amount in yuan (元), to the fen (分): ±1,000,000,000."""
