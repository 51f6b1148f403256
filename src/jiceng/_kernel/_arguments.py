"""Checks derived from annotations, and commands that check every argument first.

`check_for` reads an annotation as a check (``tuple[str, ...]`` → a tuple of texts,
``X | None`` → optional); `command_checker` compiles a command into one that tests
every argument before it runs any rule. `Entity` does this for every command of its
machine table, so a plugin's commands are checked as the built-in ones are.

>>> from typing import Annotated
>>> from jiceng._kernel._checks import between
>>> check_for(Annotated[int, between(1, 30)]).ok(31)
False
>>> check_for(tuple[str, ...]).ok(("a", ""))
False
"""

from __future__ import annotations

import decimal
import enum
import fractions
import functools
import inspect
import itertools
import types
import typing
from collections import abc
from collections.abc import Callable, Iterable, Sequence
from typing import Annotated, Any, ClassVar

import attrs
import pendulum

from jiceng._kernel._checks import (
    MAX_ITEMS,
    Check,
    _Callable,
    _Literal,
    any_of,
    anything,
    day,
    flag,
    instance_of,
    instant,
    items,
    mapping,
    member,
    optional,
    text,
)
from jiceng.exceptions import FieldError, ValidationError

__all__ = [
    "CommandChecks",
    "Parameter",
    "UnboundedQuantity",
    "check_for",
    "checked",
    "command_checker",
]

F = typing.TypeVar("F", bound=Callable[..., Any])


# -- checks derived from annotations -----------------------------------------------------

_UNBOUNDED = (int, float, decimal.Decimal, fractions.Fraction, complex)
_COLLECTIONS: dict[Any, tuple[type[Any], ...]] = {
    tuple: (tuple,),
    list: (list,),
    frozenset: (frozenset,),
    set: (set, frozenset),
    abc.Sequence: (tuple, list),
    abc.Set: (frozenset, set),
    abc.Collection: (tuple, list, frozenset, set),
    abc.Iterable: (tuple, list, frozenset, set),
}


class UnboundedQuantity(TypeError):
    """An annotation of a number with no range: say the range with `Annotated`."""


def check_for(annotation: Any, *, owner: type[Any] | None = None) -> Check:  # noqa: PLR0911, PLR0912
    """The check an annotation stands for (``tuple[str, ...]`` → texts, ``X | None`` → …).

    Numbers must say their range (``Annotated[int, between(0, 100)]``, `Count`,
    `Points`, `Money`): a bare `int`, `Decimal` or `Fraction` raises
    `UnboundedQuantity`, so that no quantity goes unbounded by accident.
    """
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Annotated:
        given = [m for m in annotation.__metadata__ if isinstance(m, Check)]
        return given[0] if len(given) == 1 else check_for(args[0], owner=owner)
    if annotation is None or annotation is type(None):
        return _Literal((None,))
    if annotation in (Any, object) or isinstance(annotation, typing.TypeVar):
        return anything()
    if annotation is typing.Self:
        return instance_of(owner) if owner is not None else anything()
    if origin in (typing.Union, types.UnionType):
        members = [a for a in args if a is not type(None)]
        inner = (
            check_for(members[0], owner=owner)
            if len(members) == 1
            else any_of(*(check_for(a, owner=owner) for a in members))
        )
        return optional(inner) if len(members) < len(args) else inner
    if origin is typing.Literal:
        return _Literal(args)
    if origin in _COLLECTIONS:
        kinds = _COLLECTIONS[origin]
        if origin is tuple and args and args[-1] is not Ellipsis:
            return instance_of(tuple)  # a fixed-shape tuple: its parts are values
        return items(check_for(args[0], owner=owner) if args else anything(), kinds=kinds)
    if origin in (abc.Mapping, dict):
        return mapping(check_for(args[0], owner=owner), check_for(args[1], owner=owner))
    if origin is abc.Callable or annotation is abc.Callable:
        return _Callable()
    if origin is type:
        return instance_of(type)
    if origin is not None:  # another generic: check its class only
        return instance_of(origin)
    if not isinstance(annotation, type):
        return anything()
    if annotation is str:
        return text()
    if annotation is bool:
        return flag()
    if annotation in _UNBOUNDED:
        msg = (
            f"{annotation.__name__} with no range: annotate it as Annotated[{annotation.__name__}, "
            "between(lo, hi)] or use a range of jiceng.checks (Count, Points, Money)"
        )
        raise UnboundedQuantity(msg)
    if annotation is pendulum.DateTime:
        return instant()
    if annotation is pendulum.Date:
        return day()
    if issubclass(annotation, enum.Enum):
        return member(annotation)
    if getattr(annotation, "_is_protocol", False):
        if getattr(annotation, "_is_runtime_protocol", False):
            return instance_of(annotation)
        return anything()
    return instance_of(annotation)


# -- commands ----------------------------------------------------------------------------

_ITERABLE_ORIGINS = (abc.Iterable, abc.Collection)


@attrs.frozen
class Parameter:
    """One checked parameter of a command: its name, check and default, and its annotation."""

    name: str
    check: Check
    default: Any
    kind: Any
    iterable: bool = False
    annotation: Any = Any


class CommandChecks:
    """The parameters of one command and their checks, derived from its annotations."""

    NO_DEFAULT: ClassVar[Any] = inspect.Parameter.empty

    def __init__(self, func: Callable[..., Any], owner: type[Any] | None, name: str) -> None:
        self.func = func
        self.owner = owner
        self.name = name
        signature = inspect.signature(func)
        params = list(signature.parameters.values())
        self.bound = bool(params) and params[0].name in ("self", "cls")
        qualname = getattr(func, "__qualname__", name)
        where = owner.__name__ if owner is not None else qualname.rpartition(".")[0]
        self.subject = f"{where} command" if owner is not None else f"{where or name} call"
        hints = typing.get_type_hints(
            func,
            globalns=getattr(func, "__globals__", None),
            localns={owner.__name__: owner} if owner is not None else None,
            include_extras=True,
        )
        self.parameters: tuple[Parameter, ...] = tuple(
            Parameter(
                p.name,
                _parameter_check(hints, p, owner, f"{where}.{name}" if where else name),
                p.default,
                p.kind,
                iterable=typing.get_origin(_strip(hints.get(p.name))) in _ITERABLE_ORIGINS,
                annotation=hints.get(p.name, Any),
            )
            for p in (params[1:] if self.bound else params)
            if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        )
        self.signature = signature

    def path(self, parameter: str) -> str:
        """The path of a parameter in errors: ``classify.priority``."""
        return f"{self.name}.{parameter}"

    def errors(self, values: Sequence[object]) -> list[FieldError]:
        """Every problem with `values`, given in the order of `parameters`."""
        found: list[FieldError] = []
        for parameter, value in zip(self.parameters, values, strict=True):
            if value is parameter.default:
                continue
            found += parameter.check.problems(value, self.path(parameter.name))
        return found

    def fail(self, values: Sequence[object]) -> typing.NoReturn:
        """Raise the `ValidationError` for `values`."""
        raise ValidationError(self.errors(values), subject=self.subject)


def _strip(annotation: Any) -> Any:
    while typing.get_origin(annotation) is Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _parameter_check(
    hints: dict[str, Any], parameter: inspect.Parameter, owner: type[Any] | None, where: str
) -> Check:
    if parameter.name not in hints:
        msg = f"{where}: parameter {parameter.name!r} has no annotation"
        raise TypeError(msg)
    try:
        return check_for(hints[parameter.name], owner=owner)
    except UnboundedQuantity as error:
        msg = f"{where}: parameter {parameter.name!r}: {error}"
        raise UnboundedQuantity(msg) from None


def _materialise(values: Iterable[Any]) -> tuple[Any, ...]:
    """A one-shot iterable as a tuple, read no further than the largest collection allowed."""
    return tuple(itertools.islice(values, MAX_ITEMS + 1))


def command_checker(
    func: Callable[..., Any], owner: type[Any] | None, name: str
) -> tuple[Callable[..., Any], CommandChecks]:
    """`func` behind a compiled check of every argument, and the checks themselves.

    The compiled function has `func`'s signature; it tests every argument with one
    inline expression (a default passed as it is is trusted) and calls `func` only if
    all pass; otherwise it raises one `ValidationError` naming each bad argument as
    ``command.parameter``. A one-shot iterable given for an ``Iterable[...]``
    parameter is read into a tuple first, so that it can be checked and then used.
    """
    checks = CommandChecks(func, owner, name)
    namespace: dict[str, Any] = {
        "_impl": func,
        "_checks": checks,
        "_Iterator": abc.Iterator,
        "_materialise": _materialise,
    }
    head: list[str] = []
    call: list[str] = []
    star = False
    if checks.bound:
        head.append(next(iter(checks.signature.parameters)))
        call.append(head[0])
    tests: list[str] = []
    prepare: list[str] = []
    for index, parameter in enumerate(checks.parameters):
        var = parameter.name
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and not star:
            head.append("*")
            star = True
        if parameter.default is inspect.Parameter.empty:
            head.append(var)
            test = parameter.check.source(var, namespace)
        else:
            namespace[f"_default_{index}"] = parameter.default
            head.append(f"{var}=_default_{index}")
            test = f"({var} is _default_{index} or {parameter.check.source(var, namespace)})"
        if parameter.iterable:
            prepare.append(f"    if isinstance({var}, _Iterator): {var} = _materialise({var})")
        tests.append(test)
        call.append(f"{var}={var}" if parameter.kind is inspect.Parameter.KEYWORD_ONLY else var)
    values = ", ".join(p.name for p in checks.parameters)
    body = [
        f"def {name}({', '.join(head)}):",
        *prepare,
        f"    if not ({' and '.join(tests) or 'True'}):",
        f"        _checks.fail(({values}{',' if len(checks.parameters) == 1 else ''}))",
        f"    return _impl({', '.join(call)})",
    ]
    exec("\n".join(body), namespace)
    compiled = namespace[name]
    compiled.__doc__ = func.__doc__
    compiled.__module__ = func.__module__
    compiled.__qualname__ = getattr(func, "__qualname__", name)
    compiled.__wrapped__ = func
    compiled.__signature__ = checks.signature
    return compiled, checks


def checked(func: F) -> F:
    """`func` with every argument checked from its annotations, as commands are.

    For the public functions and methods that are not commands of a machine table
    (`Deadline.extend`, `add_working_days`, a plugin's helpers): the checks are derived
    on the first call, when every name the annotations use is defined.

    >>> from jiceng.checks import between
    >>> @checked
    ... def due_in(days: Annotated[int, between(1, 30)]) -> int:
    ...     return days
    >>> due_in(31)
    Traceback (most recent call last):
    ...
    jiceng.exceptions.ValidationError: invalid due_in call: due_in.days: must be at most 30, ...
    """
    compiled: Callable[..., Any] | None = None

    @functools.wraps(func)
    def first_call(*args: Any, **kwargs: Any) -> Any:
        nonlocal compiled
        if compiled is None:
            compiled = command_checker(func, None, func.__name__)[0]
            # a method: the class that holds this stub holds the compiled function from now on
            for holder in type(args[0]).__mro__ if args else ():
                if holder.__dict__.get(func.__name__) is first_call:
                    setattr(holder, func.__name__, compiled)
        return compiled(*args, **kwargs)

    return typing.cast("F", first_call)
