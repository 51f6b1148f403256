"""How the points system's commands refuse: by state first, then with every problem at once."""

from __future__ import annotations

from typing import Any

from jiceng import Entity
from jiceng.exceptions import FieldError, ValidationError


def check_allowed(entity: Entity[Any], command: str) -> None:
    """Refuse `command` if the state does not allow it, before any rule of the command
    looks at its arguments, so that a refusal names the state before a rule (the
    arguments themselves have been checked already, by the command's annotations)."""
    refusal = entity.why_not(command)
    if refusal is not None:
        raise refusal.error(type(entity).__name__, getattr(entity, "id", None))


Problems = list[tuple[type[ValidationError], FieldError]]
"""The problems a command found, each with the kind of error it calls for."""


def refuse(problems: Problems, subject: str) -> None:
    """Raise one error listing every problem: of their common kind if they share one."""
    if problems:
        kinds = {kind for kind, _ in problems}
        kind = kinds.pop() if len(kinds) == 1 else ValidationError
        raise kind([problem for _, problem in problems], subject=subject)
