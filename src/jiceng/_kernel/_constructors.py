"""Constructors of plain attrs records that set each field directly.

attrs writes the `__init__` of a frozen class as one ``object.__setattr__`` call per
field (found by name on the class each time). For a record whose fields are only stored
(no validator, converter, factory or post-init step), setting each slot through its
descriptor, or the instance dictionary's key, stores the same values in the same order,
at about two thirds of the cost. Events are such records, and a command builds one on
every transition; entities built by `_start` often are too.

`fast_init` replaces the `__init__` of such a class and leaves any other class alone.
"""

from __future__ import annotations

import inspect
import types
from typing import Any

import attrs

__all__ = ["fast_init"]

# What attrs' own `__init__` of a plain frozen record refers to: nothing else may run.
_PLAIN_NAMES = frozenset({"_cached_setattr_get", "__dict__"})


def _plain(cls: type[Any]) -> list[attrs.Attribute[Any]] | None:
    """The fields of `cls` if its `__init__` only stores them, keyword by keyword."""
    if not attrs.has(cls) or "__init__" not in cls.__dict__:
        return None
    if hasattr(cls, "__attrs_pre_init__") or hasattr(cls, "__attrs_post_init__"):
        return None
    code = getattr(cls.__dict__["__init__"], "__code__", None)
    if code is None or not set(code.co_names) <= _PLAIN_NAMES:
        return None  # validators, converters, factories, a cached hash: attrs' own init
    fields = list(attrs.fields(cls))
    stored = {field.name for field in fields}
    if not {c for c in code.co_consts if isinstance(c, str)} <= stored:
        return None  # it stores something besides the fields (a cached hash)
    for field in fields:
        default = field.default
        if (
            not field.init
            or not field.kw_only
            or field.validator is not None
            or field.converter is not None
            or isinstance(default, attrs.Factory)  # type: ignore[arg-type]
        ):
            return None
    return fields


def fast_init(cls: type[Any]) -> None:
    """Give `cls` an `__init__` that stores each field directly, if it only stores them.

    The new `__init__` takes the same keyword arguments with the same defaults, stores
    the same values in the same order and has the same signature and annotations.
    """
    fields = _plain(cls)
    if fields is None:
        return
    original = cls.__dict__["__init__"]
    namespace: dict[str, Any] = {}
    head, body = ["self", "*"], []
    uses_dict = False
    for index, field in enumerate(fields):
        name, alias = field.name, field.alias or field.name
        if field.default is attrs.NOTHING:
            head.append(alias)
        else:
            namespace[f"default_{index}"] = field.default
            head.append(f"{alias}=default_{index}")
        slot = inspect.getattr_static(cls, name, None)
        if isinstance(slot, types.MemberDescriptorType):
            namespace[f"set_{index}"] = slot.__set__
            body.append(f"    set_{index}(self, {alias})")
        else:
            uses_dict = True
            body.append(f"    fields[{name!r}] = {alias}")
    if uses_dict:
        body.insert(0, "    fields = self.__dict__")
    source = "\n".join([f"def __init__({', '.join(head)}):", *body, "    return None"])
    code = compile(source, f"<fast init {cls.__module__}.{cls.__qualname__}>", "exec")
    exec(code, namespace)  # the names and defaults come from attrs' fields
    init = namespace["__init__"]
    init.__annotations__ = dict(getattr(original, "__annotations__", {}))
    init.__qualname__ = original.__qualname__
    init.__module__ = original.__module__
    init.__doc__ = original.__doc__
    setattr(cls, "__init__", init)  # noqa: B010 - mypy refuses assigning a method
