"""Checks (校验): one vocabulary for every value type and every command argument.

Every command of a machine table checks every argument before any rule runs, with
checks derived once from its annotations; value types use the same checks as attrs
validators. A bad argument raises `ValidationError` whose path names the command and
the parameter (``classify.priority``), and the entity is left as it was.

>>> import attrs
>>> from jiceng.checks import between, text
>>> @attrs.frozen
... class Item:
...     name: str = attrs.field(validator=text(max_length=40))
...     points: int = attrs.field(validator=between(5, 30))
>>> Item("卫生整洁", 31)
Traceback (most recent call last):
...
jiceng.exceptions.ValidationError: invalid Item: points: must be at most 30, got int 31

Numbers in a command's signature say their range with `typing.Annotated` (or one of
the ranges here: `Count`, `Points`, `Money`); a bare `int` is refused when the command
is first called, so that no quantity goes unbounded by accident.
"""

from jiceng._kernel._arguments import (
    CommandChecks,
    Parameter,
    UnboundedQuantity,
    check_for,
    checked,
)
from jiceng._kernel._checks import (
    MAX_ITEMS,
    MAX_TEXT,
    Check,
    Count,
    Money,
    Points,
    any_of,
    anything,
    as_frozenset,
    as_tuple,
    between,
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
    zone,
)
from jiceng._kernel._entity import command_checks

__all__ = [
    "MAX_ITEMS",
    "MAX_TEXT",
    "Check",
    "CommandChecks",
    "Count",
    "Money",
    "Parameter",
    "Points",
    "UnboundedQuantity",
    "any_of",
    "anything",
    "as_frozenset",
    "as_tuple",
    "between",
    "check_for",
    "checked",
    "command_checks",
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
