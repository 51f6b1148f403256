"""The jiceng JSON Schemas (2020-12) as OpenAPI 3.1 ``components/schemas``.

Each generated schema names its classes in its own ``$defs``. Merged into one
``components/schemas``, a definition that every aggregate describes the same way
(``Actor``, ``Label``) is kept once under its name; one that differs between aggregates
(a petition's ``Channel`` is not a grid event's) is named after its aggregate
(``Petition.Channel``). Every ``#/$defs/X`` becomes ``#/components/schemas/<name of X>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from jiceng import Entity
from jiceng.serde import (
    derived_fields,
    entity_schema,
    event_document_schema,
    snapshot_schema,
)

JSON = dict[str, Any]
DEFS = "#/$defs/"
COMPONENTS = "#/components/schemas/"


def entity_name(cls: type[Entity[Any]]) -> str:
    """The component of the entity documents of `cls`."""
    return cls.__name__


def snapshot_name(cls: type[Entity[Any]]) -> str:
    """The component of the snapshots of `cls` (what reads answer)."""
    return f"{cls.__name__}.snapshot"


def events_name(cls: type[Entity[Any]]) -> str:
    """The component of the event documents of `cls`."""
    return f"{cls.__name__}.event"


def arguments_name(cls: type[Entity[Any]], command: str) -> str:
    """The component of the JSON arguments of `command` of `cls`."""
    return f"{cls.__name__}.{command}.arguments"


def ref(name: str) -> JSON:
    return {"$ref": COMPONENTS + name}


def _documents(cls: type[Entity[Any]], commands: Mapping[str, JSON]) -> dict[str, JSON]:
    documents = {entity_name(cls): entity_schema(cls), events_name(cls): event_document_schema(cls)}
    if not derived_fields(cls):
        documents[snapshot_name(cls)] = snapshot_schema(cls)
    for command, arguments in commands.items():
        documents[arguments_name(cls, command)] = arguments
    return documents


def _refs(value: Any) -> Iterable[str]:
    """The names of the ``$defs`` that `value` refers to."""
    if isinstance(value, Mapping):
        target = value.get("$ref")
        if isinstance(target, str) and target.startswith(DEFS):
            yield target.removeprefix(DEFS)
        for item in value.values():
            yield from _refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _refs(item)


def replaced(schema: JSON, properties: Mapping[str, JSON]) -> JSON:
    """`schema` with these `properties` instead of its own, and without the ``$defs`` that
    nothing refers to any more."""
    out = {**schema, "properties": {**schema["properties"], **properties}}
    wanted: set[str] = set()
    todo = list(_refs({k: v for k, v in out.items() if k != "$defs"}))
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo += _refs(schema["$defs"][name])
    out["$defs"] = {k: v for k, v in schema["$defs"].items() if k in wanted}
    return out


def _rewrite(value: Any, names: Mapping[str, str]) -> Any:
    if isinstance(value, Mapping):
        out = {k: _rewrite(v, names) for k, v in value.items()}
        target = out.get("$ref")
        if isinstance(target, str) and target.startswith(DEFS):
            out["$ref"] = COMPONENTS + names[target.removeprefix(DEFS)]
        return out
    if isinstance(value, list):
        return [_rewrite(item, names) for item in value]
    return value


def _collect(
    served: Mapping[type[Entity[Any]], Mapping[str, JSON]],
) -> tuple[dict[type[Any], dict[str, JSON]], dict[type[Any], dict[str, JSON]]]:
    """The root of each document, and the ``$defs`` of each class, by name."""
    roots: dict[type[Any], dict[str, JSON]] = {}
    defs: dict[type[Any], dict[str, JSON]] = {}
    for cls, commands in served.items():
        roots[cls], defs[cls] = {}, {}
        for name, document in _documents(cls, commands).items():
            roots[cls][name] = {k: v for k, v in document.items() if k not in ("$schema", "$defs")}
            for def_name, shape in document["$defs"].items():
                if defs[cls].setdefault(def_name, shape) != shape:
                    msg = f"{cls.__name__}: two definitions of {def_name}"
                    raise ValueError(msg)
    return roots, defs


def _plain(defs: Mapping[type[Any], Mapping[str, JSON]]) -> set[str]:
    """The definitions that keep their name: those one aggregate has, and those that read
    the same in every aggregate that has them, as does everything they refer to."""
    seen: dict[str, list[JSON]] = {}
    for by_name in defs.values():
        for def_name, shape in by_name.items():
            seen.setdefault(def_name, []).append(shape)
    plain = {n for n, shapes in seen.items() if all(s == shapes[0] for s in shapes)}
    changed = True
    while changed:
        changed = False
        for def_name in sorted(plain):
            if len(seen[def_name]) > 1 and not set(_refs(seen[def_name][0])) <= plain:
                plain.discard(def_name)
                changed = True
    return plain


def components(served: Mapping[type[Entity[Any]], Mapping[str, JSON]]) -> dict[str, JSON]:
    """The ``components/schemas`` of the documents of each class in `served` and of the
    arguments of the commands it lists, each given as its JSON Schema (`arguments_schema`,
    or what the service reads instead)."""
    roots, defs = _collect(served)
    plain = _plain(defs)
    out: dict[str, JSON] = {}
    for cls in served:
        names = {n: n if n in plain else f"{cls.__name__}.{n}" for n in defs[cls]}
        for def_name, shape in defs[cls].items():
            out[names[def_name]] = _rewrite(shape, names)
        for name, body in roots[cls].items():
            if body == {"$ref": DEFS + name}:
                continue  # the entity document: its definition already has that name
            if name in out:
                msg = f"two components named {name}"
                raise ValueError(msg)
            out[name] = _rewrite(body, names)
    return dict(sorted(out.items()))
