"""Policies and rule books by reference: a registered value is written as its name and the
version of the plugin that contributes it, and read back from a registry or a resolver."""

from __future__ import annotations

import contextlib
import contextvars
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn

from jiceng._kernel._calendars import WorkCalendar
from jiceng._kernel._hooks import TransitionGuard, TransitionListener
from jiceng.exceptions import FieldError, NotFoundError, ValidationError
from jiceng.plugins import Contributions, Registry, default_registry
from jiceng.serde._converter import attrs_structure_factory, converter, kind, mapping, short

REF: Final = "ref"
VERSION: Final = "version"

Resolver = Callable[[type[Any], str, str | None], Any]
"""Finds the value of a class by the name and version a document gives (`None` if it does
not know it): for a service that keeps the policies its stored documents refer to."""


_NOT_DATA: Final = (WorkCalendar, TransitionGuard, TransitionListener)  # written otherwise


def _contributed() -> tuple[type[Any], ...]:
    """The classes plugins contribute by name, which documents may name instead of holding."""
    hints = typing.get_type_hints(Contributions)
    kinds = [typing.get_args(hints[field.name])[0] for field in attrs.fields(Contributions)]
    return tuple(k for k in kinds if attrs.has(k) and k not in _NOT_DATA)


REFERENCED: Final = _contributed()
"""The classes written by reference when the registry in use holds the value."""

_source: contextvars.ContextVar[Registry | Resolver | None] = contextvars.ContextVar(
    "jiceng_serde_registry", default=None
)


@contextlib.contextmanager
def use_registry(source: Registry | Resolver | None) -> Iterator[None]:
    """Write and read references against `source` (a `Registry`, or a `Resolver` for
    reading) within the block; `None` keeps the built-in presets' registry."""
    token = _source.set(source)
    try:
        yield
    finally:
        _source.reset(token)


def _registry() -> Registry | None:
    source = _source.get()
    if source is None:
        return default_registry()
    return source if isinstance(source, Registry) else None


def _version(registry: Registry, cls: type[Any], name: str) -> str:
    """The version of a registered value: its plugin's name and version (``"loudi@1"``).

    A plugin raises its version when the rules it contributes change, so that documents
    written under the old rules are not read silently under the new ones.
    """
    plugin = registry.plugin(registry.owner(cls, name))
    return f"{plugin.name}@{plugin.version}"


_INDEXES: dict[int, tuple[Registry, Mapping[int, tuple[Any, str, str]]]] = {}


def _index(registry: Registry) -> Mapping[int, tuple[Any, str, str]]:
    """Every value the registry holds of a referenced class, by identity, with its name
    and version (worked out once per registry, found by identity: hashing a registry
    would hash every policy in it)."""
    known = _INDEXES.get(id(registry))
    if known is not None and known[0] is registry:
        return known[1]
    found: dict[int, tuple[Any, str, str]] = {}
    for cls in REFERENCED:
        for name in registry.names(cls):
            value = registry.find(cls, name)
            found[id(value)] = (value, name, _version(registry, cls, name))
    if len(_INDEXES) >= 16:  # registries are few; a long-lived process keeps the newest
        _INDEXES.pop(next(iter(_INDEXES)))
    _INDEXES[id(registry)] = (registry, found)
    return found


_BY_VALUE: dict[type[Any], Callable[[Any], dict[str, Any]]] = {}


def _by_value(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    found = _BY_VALUE.get(cls)
    if found is None:
        found = _BY_VALUE[cls] = make_dict_unstructure_fn(cls, converter)
    return found


def _unstructure_factory(cls: Any, _: cattrs.Converter) -> Callable[[Any], Any]:
    by_value = _by_value(cls)

    def unstructure(value: Any) -> Any:
        registry = _registry()
        found = _index(registry).get(id(value)) if registry is not None else None
        if found is None or found[0] is not value:
            return by_value(value)
        return {REF: found[1], VERSION: found[2]}

    return unstructure


def _resolve(cls: type[Any], name: str, version: str | None) -> Any:
    source = _source.get()
    if source is not None and not isinstance(source, Registry):
        found = source(cls, name, version)
        if found is None:
            msg = f"the resolver knows no {cls.__name__} {name!r} at version {version!r}"
            raise ValidationError.single(REF, msg)
        return found
    registry = source or default_registry()
    try:
        found = registry.find(cls, name)
    except NotFoundError as error:
        raise ValidationError.single(REF, str(error)) from None
    current = _version(registry, cls, name)
    if version is not None and version != current:
        msg = (
            f"{name!r} is at version {current} in the registry, not {version}: "
            "the document was written under other rules; pass a resolver that has them"
        )
        raise ValidationError.single(VERSION, msg)
    return found


def _structure_factory(cls: Any, conv: cattrs.Converter) -> Callable[[Any, Any], Any]:
    by_value = attrs_structure_factory(cls, conv)  # field by field, as any attrs class

    def structure(value: object, _: Any) -> Any:
        data = mapping(value)
        if REF not in data:
            return by_value(value, cls)
        name, version = data[REF], data.get(VERSION)
        errors = [FieldError(k, "unknown field") for k in data if k not in (REF, VERSION)]
        if not isinstance(name, str) or not name:
            errors.append(FieldError(REF, f"expected a name, got {kind(name)}"))
        if version is not None and not isinstance(version, str):
            errors.append(FieldError(VERSION, f"expected a version string, got {short(version)}"))
        if errors:
            raise ValidationError(errors)
        return _resolve(cls, name, version)

    return structure


def _referenced(t: Any) -> bool:
    return t in REFERENCED


converter.register_unstructure_hook_factory(_referenced, _unstructure_factory)
converter.register_structure_hook_factory(_referenced, _structure_factory)
