"""Constructors of plain attrs records that set each field directly.

attrs writes the `__init__` of a frozen class as one ``object.__setattr__`` call per
field (found by name on the class each time). For a record whose fields are only stored
(no validator, converter, factory or post-init step), setting each slot through its
descriptor, or the instance dictionary's key, stores the same values in the same order,
at about two thirds of the cost. Events are such records, and a command builds one on
every transition; entities built by `_start` often are too.

`fast_init` replaces the `__init__` of such a class and leaves any other class alone.

A call to a slot descriptor's `__set__` is still a call per field. A class whose fields
are all slots is built faster as a draft (see `draft`): the object is given the draft
class, its slots are assigned (a specialised store, no call), and it is given its own
class back: the same object, the same values.
"""

from __future__ import annotations

import inspect
import types
from typing import Any

import attrs

__all__ = ["draft", "fast_init"]

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


_DRAFTS: dict[type[Any], type[Any]] = {}
_SET_CLASS = object.__dict__["__class__"].__set__  # past a frozen class's __setattr__


def draft(cls: type[Any]) -> type[Any]:
    """A class with the layout of `cls` whose slots are set by plain assignment.

    It adds no slot and keeps object's own `__setattr__` and `__delattr__`, so that an
    assignment to a slot is a specialised store rather than a call of the slot's
    `__set__`. An object of `cls` is built as a draft, its slots assigned, and then
    given `cls` as its class (``obj.__class__ = cls``): the layouts are the same, so it
    is an ordinary instance of `cls`. No draft leaves the code that builds one.
    """
    found = _DRAFTS.get(cls)
    if found is None:
        namespace = {
            "__slots__": (),
            "__setattr__": object.__setattr__,
            "__delattr__": object.__delattr__,
            "__module__": cls.__module__,
            "__qualname__": f"{cls.__qualname__}.draft",
        }
        found = _DRAFTS[cls] = type(cls.__name__, (cls,), namespace)
    return found


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
    head, body, drafted = ["self", "*"], [], []
    uses_dict = False
    for index, field in enumerate(fields):
        name, alias = field.name, field.alias or field.name
        if field.default is attrs.NOTHING:
            head.append(alias)
        else:
            namespace[f"_default_{index}"] = field.default
            head.append(f"{alias}=_default_{index}")
        slot = inspect.getattr_static(cls, name, None)
        if isinstance(slot, types.MemberDescriptorType):
            namespace[f"_set_{index}"] = slot.__set__
            body.append(f"    _set_{index}(self, {alias})")
            drafted.append(f"        self.{name} = {alias}")
        else:
            uses_dict = True
            body.append(f"    _fields[{name!r}] = {alias}")
    if uses_dict:
        body.insert(0, "    _fields = self.__dict__")
    else:  # every field a slot: an object of `cls` itself is filled in as a draft
        namespace.update(_type=type, _cls=cls, _draft=draft(cls), _set_class=_SET_CLASS)
        body[:0] = [
            "    if _type(self) is _cls:",
            "        _set_class(self, _draft)",
            *drafted,
            "        self.__class__ = _cls",
            "        return None",
        ]
    source = "\n".join([f"def __init__({', '.join(head)}):", *body, "    return None"])
    code = compile(source, f"<fast init {cls.__module__}.{cls.__qualname__}>", "exec")
    exec(code, namespace)  # the names and defaults come from attrs' fields; ours start with _
    init = namespace["__init__"]
    init.__annotations__ = dict(getattr(original, "__annotations__", {}))
    init.__qualname__ = original.__qualname__
    init.__module__ = original.__module__
    init.__doc__ = original.__doc__
    setattr(cls, "__init__", init)  # noqa: B010 - mypy refuses assigning a method
