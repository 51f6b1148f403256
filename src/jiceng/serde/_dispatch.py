"""Commands from JSON: an entity, a command's name and its JSON arguments in; the new
entity and the event documents it added out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from jiceng._kernel._entity import ENTITY_TYPES, Entity, command_checks
from jiceng.exceptions import FieldError, ValidationError
from jiceng.serde._converter import converter, field_errors, kind, short
from jiceng.serde._store import event_documents

E = TypeVar("E", bound=Entity[Any])


def commands(cls: type[Entity[Any]]) -> tuple[str, ...]:
    """The commands of `cls` that `dispatch` runs: those of its machine it has a method for."""
    return tuple(c for c in cls.__machine__.commands if callable(getattr(cls, c, None)))


def _creating(cls: type[Entity[Any]], command: str) -> bool:
    return not cls.__machine__.transition(command).sources


def entity_arguments(cls: type[Entity[Any]], command: str) -> dict[str, type[Entity[Any]]]:
    """The arguments of `command` that are other entities, by name, with their classes.

    A service does not read those from a client's JSON: it loads each entity itself (the
    client names it by its id) and passes it to `dispatch` as ``entities``.

    >>> from jiceng.petitions import Petition
    >>> entity_arguments(Petition, "link_repeat")
    {'original': <class 'jiceng.petitions._petition.Petition'>}
    >>> entity_arguments(Petition, "accept")
    {}
    """
    _command(cls, command, cls)
    return {
        p.name: p.annotation
        for p in command_checks(cls, command).parameters
        if isinstance(p.annotation, type) and issubclass(p.annotation, Entity)
    }


def _command(cls: object, command: object, given: object) -> None:
    if cls not in ENTITY_TYPES:
        msg = f"expected an entity or an entity class, got {short(given)}"
        raise ValidationError.single("target", msg, subject="dispatch")
    assert isinstance(cls, type)
    known = commands(cls)
    if command not in known:
        msg = f"{cls.__name__} has no command {short(command)}; it has: " + ", ".join(known)
        raise ValidationError.single("command", msg, subject="dispatch")


def _entities(
    cls: type[Entity[Any]], command: str, arguments: Mapping[str, Any], entities: Mapping[str, Any]
) -> tuple[dict[str, Any], list[FieldError]]:
    """The entities given for `command`'s entity arguments, each checked."""
    takes = entity_arguments(cls, command)
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    for name, value in entities.items():
        path = f"{command}.{name}"
        expected = takes.get(name)
        if expected is None:
            errors.append(FieldError(path, "not an entity argument of this command"))
        elif name in arguments:
            errors.append(FieldError(path, "given twice: in the arguments and as an entity"))
        elif not isinstance(value, expected):
            errors.append(FieldError(path, f"expected a {expected.__name__}, got {short(value)}"))
        else:
            values[name] = value
    return values, errors


def _arguments(
    cls: type[Entity[Any]], command: str, arguments: object, entities: Mapping[str, Any]
) -> dict[str, Any]:
    """The arguments of `command`, read from JSON values by their annotations."""
    if not isinstance(arguments, Mapping):
        msg = f"expected an object, got {kind(arguments)}"
        raise ValidationError.single(command, msg, subject=f"{cls.__name__} command")
    values, errors = _entities(cls, command, arguments, entities)
    found = command_checks(cls, command)
    names = {p.name for p in found.parameters}
    errors += [FieldError(f"{command}.{k}", "unknown field") for k in arguments if k not in names]
    for parameter in found.parameters:
        path = f"{command}.{parameter.name}"
        if parameter.name in entities:
            continue
        if parameter.name not in arguments:
            if parameter.default is found.NO_DEFAULT:
                errors.append(FieldError(path, "required field missing"))
            continue
        try:
            values[parameter.name] = converter.structure(
                arguments[parameter.name], parameter.annotation
            )
        except Exception as error:  # every problem, each with its path
            errors += field_errors(error, path)
    if errors:
        raise ValidationError(errors, subject=f"{cls.__name__} command")
    return values


def dispatch(
    target: E | type[E],
    command: str,
    arguments: Mapping[str, Any],
    *,
    entities: Mapping[str, Entity[Any]] | None = None,
) -> tuple[E, list[dict[str, Any]]]:
    """Run `command` with `arguments` read from JSON; return the new entity and its new
    event documents (what a store appends).

    `target` is an entity for most commands, or its class for the command that creates
    one. The arguments are read as documents are (enums by value, date-times with their
    zone, money as decimal strings), every bad one named by its path
    (``classify.priority``); then the command checks them and applies its rules as when
    called from Python. A refused command raises as it would there, and changes nothing.

    `entities` gives the arguments that are other entities (`entity_arguments`) as the
    entities themselves, which the caller loaded (a petition's ``link_repeat(original=)``):
    those are not read from `arguments`, where they must then be absent.
    """
    cls: Any = target if isinstance(target, type) else type(target)
    _command(cls, command, target)
    given: object = {} if entities is None else entities
    if not isinstance(given, Mapping):
        msg = f"expected an object, got {kind(given)}"
        raise ValidationError.single("entities", msg, subject="dispatch")
    if _creating(cls, command) != isinstance(target, type):
        needs = "the entity class" if _creating(cls, command) else "an entity"
        msg = f"{command} is run on {needs}, not on {short(target)}"
        raise ValidationError.single("target", msg, subject="dispatch")
    values = _arguments(cls, command, arguments, given)
    entity: E = getattr(target, command)(**values)
    since = 0 if isinstance(target, type) else target.version
    return entity, event_documents(entity, since=since)
