"""Transition hooks: guards and listeners that plugins add to machine tables.

A local government may need a rule its law does not have ("closing a grid event needs a
photo reference") or want to hear of every transition (to send a text message, to keep
a counter). Neither belongs in the machine table, which encodes the law; both come as
hooks, collected in a `Hooks` value and made active for a block of code:

```python
with use_hooks(registry.hooks):
    event = event.close(by=officer, at=t)
```

Hooks are looked up by machine name and command. They run for live commands only: a
replay does not consult guards and does not notify listeners. A hook cannot corrupt an
entity: a guard that refuses, or a guard or listener that raises, refuses the command
with `GuardRejected` naming the hook and its plugin, and the entity is unchanged.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any

import attrs

from jiceng._kernel._events import Event
from jiceng._kernel._machine import Guard
from jiceng._kernel._values import Source
from jiceng.exceptions import GuardRejected

__all__ = ["Hooks", "TransitionGuard", "TransitionListener", "active_hooks", "use_hooks"]

Listener = Callable[[Any, Any, Event], None]
"""Called with the entity before, the entity after and the event, once a command succeeded."""


@attrs.frozen(kw_only=True)
class TransitionGuard:
    """An extra guard on `command` of the machine named `machine`, contributed by `plugin`.

    `source` is the local rule it encodes and `remedy` what would satisfy it (a sentence
    for the caseworker: "upload a photo taken after the repair"); a refusal shows both
    next to the guard's name and plugin, so that it names the way on.
    """

    machine: str
    command: str
    name: str
    check: Guard
    plugin: str = ""
    source: Source | None = None
    remedy: str = ""


@attrs.frozen(kw_only=True)
class TransitionListener:
    """A listener on `command` (every command when `None`) of the machine named `machine`."""

    machine: str
    name: str
    notify: Listener
    command: str | None = None
    plugin: str = ""


def _by_key(hooks: tuple[Any, ...]) -> Mapping[tuple[str, str | None], tuple[Any, ...]]:
    table: dict[tuple[str, str | None], tuple[Any, ...]] = {}
    for hook in hooks:
        key = (hook.machine, hook.command)
        table[key] = (*table.get(key, ()), hook)
    return table


def _guards(value: Iterable[TransitionGuard]) -> tuple[TransitionGuard, ...]:
    return tuple(value)


def _listeners(value: Iterable[TransitionListener]) -> tuple[TransitionListener, ...]:
    return tuple(value)


@attrs.frozen
class Hooks:
    """The guards and listeners in force; combine two with `+`."""

    guards: tuple[TransitionGuard, ...] = attrs.field(default=(), converter=_guards)
    listeners: tuple[TransitionListener, ...] = attrs.field(default=(), converter=_listeners)
    _guards: Mapping[tuple[str, str | None], tuple[TransitionGuard, ...]] = attrs.field(
        init=False, repr=False, eq=False
    )
    _listeners: Mapping[tuple[str, str | None], tuple[TransitionListener, ...]] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_guards", _by_key(self.guards))
        object.__setattr__(self, "_listeners", _by_key(self.listeners))

    def __add__(self, other: Hooks) -> Hooks:
        return Hooks(self.guards + other.guards, self.listeners + other.listeners)

    def refusal(self, entity: Any, command: str, event: Event) -> GuardRejected | None:
        """The refusal of the first guard on `command` that refuses `event`, if any."""
        for hook in self._guards.get((entity.machine.name, command), ()):
            try:
                reason = hook.check(entity, event)
            except Exception as err:  # a failing hook refuses, it never corrupts
                reason = f"the check failed: {err!r}"
            if reason is not None:
                return _rejected(entity, command, hook.name, hook.plugin, reason, guard=hook)
        return None

    def notify(self, before: Any, after: Any, command: str, event: Event) -> None:
        """Call the listeners on `command`; a listener that raises refuses the command."""
        machine = before.machine.name
        for key in ((machine, command), (machine, None)):
            for hook in self._listeners.get(key, ()):
                try:
                    hook.notify(before, after, event)
                except Exception as err:  # a failing hook refuses, it never corrupts
                    reason = f"a listener failed: {err!r}"
                    raise _rejected(before, command, hook.name, hook.plugin, reason) from err


def _rejected(
    entity: Any,
    command: str,
    name: str,
    plugin: str,
    reason: str,
    *,
    guard: TransitionGuard | None = None,
) -> GuardRejected:
    source = guard.source if guard is not None else None
    return GuardRejected(
        entity=type(entity).__name__,
        entity_id=getattr(entity, "id", None),
        command=command,
        state=entity.state,
        allowed=entity.allowed(),
        guard=name,
        reason=reason,
        plugin=plugin or None,
        citation=source.citation if source is not None else None,
        remedy=(guard.remedy or None) if guard is not None else None,
    )


_ACTIVE: ContextVar[Hooks | None] = ContextVar("jiceng_hooks", default=None)


def active_hooks() -> Hooks | None:
    """The hooks in force in this context, if any."""
    return _ACTIVE.get()


@contextlib.contextmanager
def use_hooks(hooks: Hooks) -> Iterator[Hooks]:
    """Make `hooks` the ones in force for the block (in this thread or task only)."""
    token = _ACTIVE.set(hooks)
    try:
        yield hooks
    finally:
        _ACTIVE.reset(token)
