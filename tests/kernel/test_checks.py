"""The kernel's vocabulary of checks and the commands compiled from annotations."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, Literal, Optional, Protocol, Self, TypeVar

import attrs
import pendulum
import pytest

from jiceng import Actor, Entity, Event, Label, Machine, State, Transition, replay
from jiceng.checks import (
    MAX_ITEMS,
    MAX_TEXT,
    Count,
    Money,
    Points,
    UnboundedQuantity,
    any_of,
    anything,
    between,
    check_for,
    command_checks,
    day,
    describe,
    flag,
    instance_of,
    instant,
    items,
    mapping,
    member,
    money,
    optional,
    ratio,
    real,
    text,
)
from jiceng.exceptions import ValidationError

T0 = pendulum.datetime(2026, 3, 2, 9, tz="Asia/Shanghai")
CLERK = Actor.person("p-1", "张三")


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


def first_problem(check: Any, value: object) -> str:
    problems = check.problems(value, "x")
    assert not check.ok(value)
    assert problems, "a refused value must say why"
    return str(problems[0])


# -- the vocabulary --------------------------------------------------------------------


def test_text_refuses_empty_blank_too_long_and_non_strings() -> None:
    check = text(max_length=5)
    assert check.ok("路灯不亮")
    assert check.ok("12345")
    assert first_problem(check, "") == "x: must not be empty"
    assert first_problem(check, "  \t") == "x: must not be empty"
    assert first_problem(check, "123456") == "x: must be at most 5 characters, got 6"
    assert first_problem(check, 5) == "x: expected text (str), got int 5"
    assert text(blank=True).ok("")
    assert text().ok("x" * MAX_TEXT)
    assert not text().ok("x" * (MAX_TEXT + 1))


def test_a_range_includes_its_bounds_and_refuses_one_past() -> None:
    check = between(1, 30)
    assert check.ok(1)
    assert check.ok(30)
    assert first_problem(check, 0) == "x: must be at least 1, got int 0"
    assert first_problem(check, 31) == "x: must be at most 30, got int 31"
    assert first_problem(check, True) == "x: expected a whole number (int), got True"
    assert first_problem(check, 3.0) == "x: expected a whole number (int), got float 3.0"


def test_money_is_a_finite_decimal_to_the_fen() -> None:
    check = money(Decimal(0), Decimal(100))
    assert check.ok(Decimal("99.99"))
    assert check.ok(Decimal(100))
    assert "to the fen" in first_problem(check, Decimal("0.001"))
    assert "finite" in first_problem(check, Decimal("NaN"))
    assert "at most 100" in first_problem(check, Decimal("100.01"))
    assert "at least 0" in first_problem(check, Decimal("-0.01"))
    assert "Decimal amount" in first_problem(check, 5)
    assert "Decimal amount" in first_problem(check, 0.5)


def test_a_ratio_is_an_exact_fraction_in_range() -> None:
    check = ratio(Fraction(0), Fraction(1))
    assert check.ok(Fraction(1, 2))
    assert check.ok(Fraction(1))
    assert "at most 1" in first_problem(check, Fraction(3, 2))
    assert "exact Fraction" in first_problem(check, 0.5)


def test_a_member_is_the_enum_member_not_its_value() -> None:
    check = member(Colour)
    assert check.ok(Colour.RED)
    message = first_problem(check, "red")
    assert "expected a Colour member, got str 'red'" in message
    assert "pass Colour('red'), not its value" in message
    assert "(one of 'red', 'blue')" in first_problem(check, "green")


def test_instants_are_aware_pendulum_datetimes() -> None:
    check = instant()
    assert check.ok(T0)
    assert "timezone-aware" in first_problem(check, pendulum.naive(2026, 3, 2))
    assert "timezone-aware" in first_problem(check, datetime.datetime(2026, 3, 2))
    plain = datetime.datetime(2026, 3, 2, tzinfo=datetime.UTC)
    assert "pendulum.instance" in first_problem(check, plain)
    assert "pendulum.instance" in first_problem(check, "2026-03-02T09:00+08:00")


def test_a_day_is_a_date_not_an_instant() -> None:
    assert day().ok(pendulum.Date(2026, 3, 2))
    assert "a day, not an instant" in first_problem(day(), T0)


def test_a_flag_is_a_bool_only() -> None:
    assert flag().ok(False)
    assert first_problem(flag(), 1) == "x: expected True or False, got int 1"


def test_items_check_each_item_with_its_index() -> None:
    check = items(text(), unique=True)
    assert check.ok(("a", "b"))
    assert check.ok(())
    assert check.problems(("a", ""), "evidence")[0].path == "evidence[1]"
    assert first_problem(check, ("a", "a")) == "x: must not name the same item twice"
    assert "expected tuple of items, got str 'ab'" in first_problem(check, "ab")
    assert "expected tuple of items" in first_problem(check, ["a"])
    assert "at most 1 items" in first_problem(items(anything(), max_items=1), (1, 2))
    assert len(check.problems(("",) * 50, "x")) == 10  # enough to say what is wrong
    assert first_problem(items(text(), min_items=1), ()) == "x: must hold at least an item, got 0"
    assert "at least 2 items" in first_problem(items(text(), min_items=2), ("a",))


def test_a_mapping_checks_keys_and_values_under_the_key() -> None:
    check = mapping(text(), between(0, 10))
    assert check.ok({"a": 1})
    assert check.problems({"a": 1, "b": 11}, "votes")[0].path == "votes['b']"
    assert "expected a mapping" in first_problem(check, [("a", 1)])
    assert "at most 1 items" in first_problem(
        mapping(text(), anything(), max_items=1), {1: 1, 2: 2}
    )


def test_optional_and_any_of_compose() -> None:
    check = optional(any_of(instance_of(int), instance_of(str)))
    assert check.ok(None)
    assert check.ok(3)
    assert check.ok("x")
    assert first_problem(check, 2.5) == "x: expected int or str or None, got float 2.5"
    mixed = any_of(text(), between(0, 3))
    assert first_problem(mixed, "") == "x: must not be empty"
    assert "expected text" in first_problem(mixed, 2.5)


def test_a_check_is_an_attrs_validator_naming_the_field_and_class() -> None:
    @attrs.frozen
    class Item:
        points: int = attrs.field(validator=between(5, 30))

    with pytest.raises(ValidationError, match=r"^invalid Item: points: must be at most 30"):
        Item(31)
    with pytest.raises(ValidationError) as info:
        text().check("", "name", subject="rule book")
    assert info.value.paths == ("name",)


def test_a_bad_value_is_shown_short() -> None:
    assert describe("长" * 500).endswith("…")
    assert len(describe("长" * 500)) < 80
    assert describe(None) == "None"


# -- annotations -----------------------------------------------------------------------


class Shape(Protocol):
    def area(self) -> int: ...


T = TypeVar("T")


@pytest.mark.parametrize(
    ("annotation", "good", "bad"),
    [
        (str, "x", ""),
        (bool, True, 1),
        (pendulum.DateTime, T0, pendulum.naive(2026, 1, 1)),
        (pendulum.Date, pendulum.Date(2026, 1, 1), T0),
        (Colour, Colour.RED, "red"),
        (Actor, CLERK, "p-1"),
        (str | None, None, 3),
        (Count | str, "x", 2.5),
        (tuple[str, ...], ("a",), ["a"]),
        (tuple[str, int], ("a", 1), ["a", 1]),
        (Sequence[str], ["a"], "a"),
        (Collection[Colour], {Colour.RED}, {"red"}),
        (Iterable[str], ("a",), {"a": 1}),
        (frozenset[str], frozenset({"a"}), {"a"}),
        (set[str], {"a"}, ["a"]),
        (list[str], ["a"], ("a",)),
        (Mapping[str, Count], {"a": 1}, {"a": -1}),
        (dict[str, Points], {"a": -1}, {"a": 10**7}),
        (Literal["a", "b"], "a", "c"),
        (Callable[[int], int], len, 3),
        (type[int], bool, 3),
        (Count, 0, -1),
        (Points, -5, 10**7),
        (Money, Decimal("1.50"), Decimal("1.505")),
        (Annotated[str, text(max_length=2)], "ab", "abc"),
        (type(None), None, 0),
        (list, [], ()),
    ],
)
def test_an_annotation_stands_for_its_check(annotation: Any, good: object, bad: object) -> None:
    check = check_for(annotation)
    assert check.ok(good)
    assert not check.ok(bad)
    assert check.problems(bad, "p")


def test_annotations_that_cannot_be_checked_accept_anything() -> None:
    for annotation in (Any, object, T, Shape):
        assert check_for(annotation).ok(object())
    assert check_for(Self).ok(3)  # outside a class, Self cannot be named
    assert check_for(Self, owner=int).ok(3)
    assert check_for("not a type").ok(3)


@pytest.mark.parametrize("annotation", [int, float, Decimal, Fraction, dict[str, int]])
def test_a_number_without_a_range_is_refused(annotation: Any) -> None:
    with pytest.raises(UnboundedQuantity, match="with no range"):
        check_for(annotation)


def test_a_collection_is_never_larger_than_the_limit() -> None:
    assert not check_for(tuple[str, ...]).ok(("a",) * (MAX_ITEMS + 1))


# -- commands --------------------------------------------------------------------------


class Lamp(State):
    BROKEN = "broken", "损坏", "Broken"
    FIXED = "fixed", "已修复", "Fixed"


@attrs.frozen(kw_only=True)
class LampReported(Event):
    lamp: str


@attrs.frozen(kw_only=True)
class LampFixed(Event):
    parts: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class LampNoted(Event):
    note: str


@attrs.frozen(kw_only=True)
class LampCounted(Event):
    n: str


LAMP = Machine(
    name="tests.checked-lamp",
    label=Label("路灯", "Lamp"),
    states=Lamp,
    initial=Lamp.BROKEN,
    final={Lamp.FIXED},
    transitions=[
        Transition(
            command="report",
            event=LampReported,
            sources=(),
            target=Lamp.BROKEN,
            label=Label("报修", "Report"),
            fold=lambda _, event: {"lamp": event.lamp},
        ),
        Transition(
            command="note",
            event=LampNoted,
            sources={Lamp.BROKEN},
            target=None,
            label=Label("备注", "Note"),
        ),
        Transition(
            command="fix",
            event=LampFixed,
            sources={Lamp.BROKEN},
            target=Lamp.FIXED,
            label=Label("修复", "Fix"),
        ),
        Transition(
            command="count",
            event=LampCounted,
            sources={Lamp.FIXED},
            target=None,
            label=Label("计数", "Count"),
        ),
    ],
)


@attrs.frozen(kw_only=True)
class StreetLamp(Entity[Lamp], machine=LAMP):
    lamp: str

    @classmethod
    def report(cls, *, lamp: str, by: Actor, at: pendulum.DateTime) -> StreetLamp:
        """Report a broken lamp."""
        return cls._start(LampReported(lamp=lamp, by=by, at=at))

    def note(self, note: str, *, by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(LampNoted(note=note, by=by, at=at))

    def fix(
        self,
        *,
        by: Actor,
        at: pendulum.DateTime,
        parts: Iterable[str] = (),
        colour: Colour = Colour.RED,
    ) -> Self:
        return self._record(LampFixed(parts=tuple(parts), by=by, at=at))

    def count(self, n: int, *, by: Actor, at: pendulum.DateTime) -> Self:  # no range: refused
        return self._record(LampCounted(n=str(n), by=by, at=at))


LAMP_ONE = StreetLamp.report(lamp="L-1", by=CLERK, at=T0)


def test_a_command_refuses_a_bad_argument_before_any_rule_and_changes_nothing() -> None:
    before = LAMP_ONE
    with pytest.raises(ValidationError) as info:
        LAMP_ONE.note("", by="p-1", at=T0)  # type: ignore[arg-type]
    assert info.value.paths == ("note.note", "note.by")
    assert str(info.value).startswith("invalid StreetLamp command: note.note: must not be empty")
    assert LAMP_ONE is before
    assert replay(LAMP_ONE.history) == LAMP_ONE
    fixed = LAMP_ONE.fix(by=CLERK, at=T0)
    with pytest.raises(ValidationError):  # the arguments first, then the table
        fixed.note("", by=CLERK, at=T0)


def test_a_creating_command_is_checked_too() -> None:
    with pytest.raises(ValidationError) as info:
        StreetLamp.report(lamp="L-1", by=CLERK, at=pendulum.naive(2026, 3, 2))
    assert info.value.paths == ("report.at",)


def test_a_default_passed_as_it_is_is_trusted_and_others_are_checked() -> None:
    assert LAMP_ONE.fix(by=CLERK, at=T0, colour=Colour.RED).state is Lamp.FIXED
    with pytest.raises(ValidationError) as info:
        LAMP_ONE.fix(by=CLERK, at=T0, colour="blue")  # type: ignore[arg-type]
    assert info.value.paths == ("fix.colour",)


def test_a_one_shot_iterable_is_read_once_then_checked_and_used() -> None:
    fixed = LAMP_ONE.fix(by=CLERK, at=T0, parts=(p for p in ["灯泡", "镇流器"]))
    last = fixed.history[-1]
    assert isinstance(last, LampFixed)
    assert last.parts == ("灯泡", "镇流器")
    with pytest.raises(ValidationError) as info:
        LAMP_ONE.fix(by=CLERK, at=T0, parts=(p for p in ["灯泡", ""]))
    assert info.value.paths == ("fix.parts[1]",)


def test_a_command_with_an_unbounded_number_is_refused_when_first_called() -> None:
    fixed = LAMP_ONE.fix(by=CLERK, at=T0)
    with pytest.raises(
        UnboundedQuantity, match=r"StreetLamp.count: parameter .n.: int with no range"
    ):
        fixed.count(3, by=CLERK, at=T0)


def test_the_checks_of_a_command_can_be_inspected() -> None:
    checks = command_checks(StreetLamp, "fix")
    assert [p.name for p in checks.parameters] == ["by", "at", "parts", "colour"]
    assert checks.path("parts") == "fix.parts"
    assert command_checks(StreetLamp, "report").parameters[0].name == "lamp"
    with pytest.raises(ValidationError, match="is not a command"):
        command_checks(StreetLamp, "allowed")


def test_a_checked_command_keeps_its_name_docstring_and_signature() -> None:
    assert StreetLamp.report.__doc__ == "Report a broken lamp."
    assert StreetLamp.fix.__name__ == "fix"
    import inspect

    assert list(inspect.signature(StreetLamp.note).parameters) == ["self", "note", "by", "at"]


def test_a_subclass_with_its_own_machine_gets_its_own_checks() -> None:
    assert command_checks(StreetLamp, "note").owner is StreetLamp


def test_a_union_names_every_kind_it_takes() -> None:
    check = check_for(Optional[Annotated[str, text()] | pendulum.Date | Colour])  # noqa: UP045
    message = first_problem(check, 3)
    assert message == (
        "x: expected text (str) or a pendulum.Date or a Colour member or None, got int 3"
    )
    kinds = [
        anything(), flag(), instant(), between(0, 1), money(Decimal(0), Decimal(1)),
        ratio(Fraction(0), Fraction(1)), real(0, 1), items(text()), mapping(text(), text()),
        check_for(Literal["a"]), check_for(Callable[[], None]), instance_of(int),
    ]  # fmt: skip
    assert all(k.expects() for k in kinds)
    assert "a valid value" in checks_base_expects()


def checks_base_expects() -> str:
    from jiceng.checks import Check

    class Odd(Check):
        def problems(self, value: object, path: str) -> list[Any]:
            return []

    return Odd().expects()


def test_converters_store_a_collection_and_leave_anything_else_to_the_check() -> None:
    from jiceng.checks import as_frozenset, as_tuple

    assert as_tuple(["a", "b"]) == ("a", "b")
    assert as_tuple(x for x in "ab") == ("a", "b")
    assert as_frozenset(["a", "a"]) == frozenset({"a"})
    assert as_tuple("abc") == "abc"  # type: ignore[comparison-overlap]
    assert as_frozenset({"a": 1}) == {"a": 1}  # type: ignore[comparison-overlap]


def test_items_take_concrete_collections_only() -> None:
    with pytest.raises(TypeError, match="concrete collections"):
        items(text(), kinds=(Sequence,))


def test_a_zone_is_an_iana_time_zone_name() -> None:
    from jiceng.checks import zone

    assert zone().ok("Asia/Shanghai")
    assert first_problem(zone(), "Mars/Olympus") == "x: 'Mars/Olympus' is not an IANA time zone"
    assert first_problem(zone(), 8) == "x: expected an IANA time zone name, got int 8"
    assert zone().expects() == "an IANA time zone name"
