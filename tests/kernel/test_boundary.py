"""Every public command of every machine checks every argument before any rule runs.

The commands are found by introspection (every entity class with a machine table, every
command of its table, every parameter of that command's method), so a new command, a
new parameter or a plugin's entity is covered without editing this file. Each argument
is given, in turn, the wrong type, ``None``, and the bad values of its kind (an enum's
value string, an empty text, a naive datetime, a number one past its range, a
collection with a bad item); every one must raise `ValidationError` naming
``command.parameter``, before any rule, leaving the entity equal to the replay of its
unchanged history.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import inspect
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pendulum
import pytest

import jiceng.decisions
import jiceng.grids
import jiceng.mediation
import jiceng.petitions
import jiceng.points
from jiceng import Actor, Entity, replay
from jiceng._kernel import _arguments as arguments
from jiceng._kernel import _checks as checks
from jiceng.checks import MAX_TEXT, command_checks
from jiceng.exceptions import ValidationError
from tests.decisions import (
    test_concerns,
    test_disclosure,
    test_elections,
    test_procedures,
    test_projects,
    village,
)
from tests.grids import fixtures as grids
from tests.mediation import cases
from tests.petitions import helpers as petitions
from tests.petitions import test_ticket
from tests.points import support, test_adoption

T0 = pendulum.datetime(2026, 5, 20, 9, tz="Asia/Shanghai")
CLERK = Actor.person("p-boundary", "边界")
_WRONG = object()  # the wrong type for every parameter that takes a value at all


def _grid() -> Entity[Any]:
    return jiceng.grids.Grid.draw(
        code="110105001001001",
        name="一网格",
        level=jiceng.grids.Level.GRID,
        parent="110105001001",
        by=CLERK,
        at=T0,
    )


def _implementation() -> Entity[Any]:
    return jiceng.decisions.Implementation.start(
        id="I-1", decision="M-1/M1", title="种植紫藤", by=CLERK, at=T0
    )


# One sample of each entity class: the commands are called on it. A new entity class
# needs one line here (the test below says so); its commands need nothing.
SAMPLES: dict[type[Any], Callable[[], Entity[Any]]] = {
    jiceng.grids.GridEvent: grids.reported,
    jiceng.grids.Grid: _grid,
    jiceng.petitions.Petition: petitions.registered,
    jiceng.petitions.Ticket: test_ticket.dispatched,
    jiceng.mediation.MediationCase: cases.opened,
    jiceng.points.RuleBookAdoption: test_adoption.opened,
    jiceng.points.PointsLedger: support.ledger,
    jiceng.decisions.Meeting: village.convened,
    jiceng.decisions.Concern: test_concerns.raised,
    jiceng.decisions.Disclosure: test_disclosure.notice,
    jiceng.decisions.Implementation: _implementation,
    jiceng.decisions.Election: test_elections.published,
    jiceng.decisions.Recall: test_elections.requested,
    jiceng.decisions.Proceeding: test_procedures.started,
    jiceng.decisions.Project: test_projects.proposal,
}


def _entity_classes() -> list[type[Any]]:
    """Every entity class of an importable module outside the tests (a library's, a
    plugin's); the workflows that tests and doctests define for themselves are left out."""
    found: set[type[Any]] = set()
    stack = list(Entity.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        module = sys.modules.get(cls.__module__)
        if (
            "__machine__" in cls.__dict__
            and getattr(module, "__file__", None) is not None
            and not cls.__module__.startswith(("tests.", "__main__"))  # doctests run in __main__
        ):
            found.add(cls)
    return sorted(found, key=lambda c: (c.__module__, c.__qualname__))


def _commands() -> Iterator[tuple[type[Any], str]]:
    for cls in _entity_classes():
        for command in cls.__machine__.commands:
            if callable(getattr(cls, command, None)):
                yield cls, command


COMMANDS = list(_commands())


def test_every_entity_class_has_a_sample() -> None:
    missing = [c.__qualname__ for c in _entity_classes() if c not in SAMPLES]
    assert not missing, f"add a sample of {', '.join(missing)} to SAMPLES"
    assert len(COMMANDS) > 150


def _bad_values(check: checks.Check) -> Iterator[tuple[str, object]]:  # noqa: PLR0912
    """What a caller gets wrong, for one check: each with a name for the report."""
    if isinstance(check, checks._Optional):
        for name, value in _bad_values(check.inner):
            if value is not None:
                yield name, value
        return
    if isinstance(check, checks._Anything):
        return
    yield "wrong type", _WRONG
    yield "None", None
    if isinstance(check, checks._Text):
        yield "too long", "长" * (MAX_TEXT + 1)
        if not check.blank:
            yield "empty", ""
            yield "blank", "  "
    elif isinstance(check, checks._Member):
        values = [m.value for m in check.enum]
        yield "enum as its value", values[0]
        yield "unknown name", "no-such-member"
    elif isinstance(check, checks._Instant):
        yield "naive datetime", pendulum.naive(2026, 5, 20, 9)
        yield "standard-library datetime", datetime.datetime(2026, 5, 20, 9, tzinfo=datetime.UTC)
        yield "ISO string", "2026-05-20T09:00:00+08:00"
    elif isinstance(check, checks._Day):
        yield "instant for a day", T0
        yield "ISO string", "2026-05-20"
    elif isinstance(check, checks._Between):
        yield "one below the range", check.lo - 1
        yield "one past the range", check.hi + 1
        yield "bool for a number", True
        yield "float for a number", float(check.lo)
    elif isinstance(check, checks._Money):
        yield "not a number", decimal.Decimal("NaN")
        yield "float for money", 1.5
        yield "past the range", check.hi + 1
    elif isinstance(check, checks._Flag):
        yield "number for a flag", 1
    elif isinstance(check, checks._Items):
        yield "text for a collection", "abc"
        yield "a bad item", (_WRONG,)
    elif isinstance(check, checks._Mapping):
        yield "list for a mapping", [("a", 1)]
        yield "a bad entry", {_WRONG: _WRONG}


def _fine(check: checks.Check) -> object:
    """A value that passes `check`, where one can be made without the domain."""
    if isinstance(check, checks._Optional):
        return None
    candidates: list[object] = [
        "x-1",
        CLERK,
        T0,
        pendulum.Date(2026, 5, 20),
        True,
        (),
        {},
        decimal.Decimal(0),
    ]
    if isinstance(check, checks._Between):
        candidates.append(check.lo)
    if isinstance(check, checks._Member):
        candidates.append(next(iter(check.enum)))
    return next((c for c in candidates if check.ok(c)), _WRONG)


def _call(cls: type[Any], command: str, sample: Entity[Any], kwargs: dict[str, Any]) -> Entity[Any]:
    method = getattr(cls, command)
    static = inspect.getattr_static(cls, command)
    if isinstance(static, classmethod | staticmethod):
        return method(**kwargs)  # type: ignore[no-any-return]
    return method(sample, **kwargs)  # type: ignore[no-any-return]


@pytest.mark.parametrize(("cls", "command"), COMMANDS, ids=lambda x: getattr(x, "__name__", x))
def test_every_argument_of_every_command_is_checked_first(cls: type[Any], command: str) -> None:
    spec = command_checks(cls, command)
    sample = SAMPLES[cls]()
    history = sample.history
    fine = {p.name: _fine(p.check) for p in spec.parameters}
    for parameter in spec.parameters:
        path = spec.path(parameter.name)
        for what, value in _bad_values(parameter.check):
            if type(value) is type(parameter.default) and value == parameter.default:
                continue  # the default, given as it is, is trusted
            kwargs = {**fine, parameter.name: value}
            with pytest.raises(ValidationError) as info:
                _call(cls, command, sample, kwargs)
            named = [p for p in info.value.paths if p == path or p.startswith(path + "[")]
            assert named, f"{path} given {what}: {info.value}"
            assert len(str(info.value)) <= ValidationError.MAX_MESSAGE
        assert sample.history is history
        assert replay(sample.history) == sample


def test_every_quantity_of_every_command_has_a_range() -> None:
    """Resolving every command's checks raises `UnboundedQuantity` for a bare number."""
    for cls, command in COMMANDS:
        spec = command_checks(cls, command)
        assert isinstance(spec, arguments.CommandChecks)


def test_an_enum_given_as_its_value_is_refused_everywhere() -> None:
    enums = [
        (cls, command, p.name)
        for cls, command in COMMANDS
        for p in command_checks(cls, command).parameters
        if isinstance(getattr(p.check, "inner", p.check), checks._Member)
    ]
    assert len(enums) > 20
    for cls, _command, _name in enums:
        assert issubclass(cls, Entity)
    assert all(isinstance(m, enum.Enum) for m in jiceng.grids.Priority)
