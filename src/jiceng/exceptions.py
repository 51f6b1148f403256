"""Errors raised by jiceng.

Every error derives from [`JicengError`][jiceng.exceptions.JicengError] and also
from the builtin that fits it (`ValueError`, `LookupError`, `ImportError`), so
callers can catch either. Each carries structured attributes (the entity, the
command, the state, the rule) next to a message a caseworker can read.

A command that raises leaves the entity it was called on untouched: entities
are immutable, and a refused command returns nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

import attrs

__all__ = [
    "CalendarCoverageError",
    "ChronologyError",
    "DeadlineError",
    "FieldError",
    "GuardRejected",
    "InvalidTransition",
    "JicengError",
    "MachineDefinitionError",
    "MissingExtraError",
    "NotFoundError",
    "ReplayError",
    "ValidationError",
]


class JicengError(Exception):
    """Base of every error jiceng raises on purpose.

    Errors pickle with their attributes, so an error raised in a worker process (a
    simulation sweep, say) reaches the caller whole.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[JicengError], args: tuple[Any, ...], state: dict[str, Any]) -> JicengError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


@attrs.frozen
class FieldError:
    """One bad field: where it is (a path such as ``history[2].at``) and what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ValidationError(JicengError, ValueError):
    """Input that breaks a rule; collects every bad field, each with its path.

    The message says what and where on its first line and stays short enough for a
    caseworker's screen and a log line: at most `MAX_MESSAGE` characters, each field's
    message cut to `MAX_FIELD_MESSAGE`, and the fields that do not fit counted. Every
    field stays whole in `errors`.

    >>> err = ValidationError([FieldError("at", "must be timezone-aware")])
    >>> err.paths
    ('at',)
    >>> str(err)
    'invalid input: at: must be timezone-aware'
    """

    MAX_MESSAGE: ClassVar[int] = 500
    MAX_FIELD_MESSAGE: ClassVar[int] = 200

    def __init__(self, errors: Iterable[FieldError] | str, *, subject: str = "input") -> None:
        self.subject = subject
        if isinstance(errors, str):  # a finished message, as Python re-creates errors from one
            self.errors: tuple[FieldError, ...] = (FieldError("", errors),)
            super().__init__(errors)
            return
        self.errors = tuple(errors)
        super().__init__(self._message(subject, self.errors))

    @classmethod
    def _message(cls, subject: str, errors: Sequence[FieldError]) -> str:
        head = f"invalid {subject}: "
        if not errors:
            return head + "no details"
        parts: list[str] = []
        size = len(head)
        for index, error in enumerate(errors):
            part = _cut(str(error), cls.MAX_FIELD_MESSAGE)
            if parts and size + len(part) + 20 > cls.MAX_MESSAGE:  # room for "; and N more"
                parts.append(f"and {len(errors) - index} more")
                break
            parts.append(part)
            size += len(part) + 2
        return _cut(head + "; ".join(parts), cls.MAX_MESSAGE)

    @classmethod
    def single(cls, path: str, message: str, *, subject: str = "input") -> ValidationError:
        """An error about one field."""
        return cls([FieldError(path, message)], subject=subject)

    @property
    def paths(self) -> tuple[str, ...]:
        """The paths of every bad field, in the order they were found."""
        return tuple(e.path for e in self.errors)


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class MachineDefinitionError(JicengError, ValueError):
    """A machine table that cannot work: raised when the table is defined (at import)."""

    def __init__(self, machine: str, problems: Sequence[str]) -> None:
        self.machine = machine
        self.problems = tuple(problems)
        super().__init__(f"machine {machine!r} is not valid: " + "; ".join(self.problems))


class InvalidTransition(JicengError, ValueError):
    """A command that the entity's current state does not allow."""

    def __init__(
        self,
        *,
        entity: str,
        entity_id: Any,
        command: str,
        state: Any,
        allowed: Sequence[str],
        message: str | None = None,
    ) -> None:
        self.entity = entity
        self.entity_id = entity_id
        self.command = command
        self.state = state
        self.allowed = tuple(allowed)
        if message is None:
            who = f"{entity} {entity_id}" if entity_id is not None else entity
            options = (
                f"which allows only: {', '.join(self.allowed)}"
                if self.allowed
                else "which allows no further command"
            )
            message = f"cannot {command!r}: {who} is {_describe(state)}, {options}"
        super().__init__(message)


class GuardRejected(InvalidTransition):
    """A command the state allows but a guard refused, with the guard's reason.

    `plugin` names the plugin whose hook refused, when the guard came from one;
    `citation` the rule's source, and `remedy` what would satisfy it, when the guard
    says so. The message reads "<reason> (rule: <guard> of plugin <plugin>, <citation>;
    to satisfy it: <remedy>)", leaving out what the guard does not say.
    """

    def __init__(
        self,
        *,
        entity: str,
        entity_id: Any,
        command: str,
        state: Any,
        allowed: Sequence[str],
        guard: str,
        reason: str,
        plugin: str | None = None,
        citation: str | None = None,
        remedy: str | None = None,
    ) -> None:
        self.guard = guard
        self.reason = reason
        self.plugin = plugin
        self.citation = citation
        self.remedy = remedy
        who = f"{entity} {entity_id}" if entity_id is not None else entity
        rule = f"rule: {guard} of plugin {plugin}" if plugin else f"rule: {guard}"
        if citation:
            rule += f", {citation}"
        if remedy:
            rule += f"; to satisfy it: {remedy}"
        super().__init__(
            entity=entity,
            entity_id=entity_id,
            command=command,
            state=state,
            allowed=allowed,
            message=f"cannot {command!r} {who}: {reason} ({rule})",
        )


class ChronologyError(JicengError, ValueError):
    """A command dated before the entity's last recorded change: no time travel."""

    def __init__(self, *, entity: str, command: str, at: Any, last: Any) -> None:
        self.entity = entity
        self.command = command
        self.at = at
        self.last = last
        super().__init__(
            f"cannot {command!r} at {at}: {entity} last changed at {last}, "
            "and a change cannot be dated before it"
        )


class ReplayError(JicengError, ValueError):
    """A history that does not fold into an entity (empty, unknown event, bad order)."""


class DeadlineError(JicengError, ValueError):
    """A deadline used against its rule: an extension beyond its bound, a bad pause."""


class NotFoundError(JicengError, LookupError):
    """A look-up by name or id that found nothing."""


class CalendarCoverageError(JicengError, LookupError):
    """A calendar asked about a day its data does not cover; it never guesses."""

    def __init__(
        self, calendar: str, year: int, covered: Sequence[int] = (), *, reason: str = ""
    ) -> None:
        self.calendar = calendar
        self.year = year
        self.covered = tuple(covered)
        span = f" (it covers {self.covered[0]}-{self.covered[-1]})" if self.covered else ""
        why = f": {reason}" if reason else ""
        super().__init__(f"calendar {calendar!r} has no working-day data for {year}{span}{why}")


class MissingExtraError(JicengError, ImportError):
    """An optional feature whose extra is not installed."""

    def __init__(self, feature: str, extra: str, package: str) -> None:
        self.feature = feature
        self.extra = extra
        self.package = package
        super().__init__(
            f"{feature} needs the optional package {package!r}: "
            f"install it with `pip install 'jiceng[{extra}]'`"
        )


def _describe(state: Any) -> str:
    zh = getattr(state, "zh", None)
    value = getattr(state, "value", state)
    return f"{value!r} ({zh})" if zh else repr(value)
