"""Domain events: the immutable record of every change to an entity."""

from __future__ import annotations

from typing import Any, Final

import attrs
import pendulum

from jiceng._kernel._checks import instance_of, instant
from jiceng._kernel._constructors import fast_init
from jiceng._kernel._values import Actor
from jiceng.exceptions import FieldError

__all__ = ["Event", "event_problems"]


_INSTANT: Final = instant()
_ACTOR: Final = instance_of(Actor)


def event_problems(event: object, path: str) -> list[FieldError]:
    """What is wrong with `event` as an event, its `at` and `by`, under `path` (empty: nothing)."""
    if not isinstance(event, Event):
        return [FieldError(path, f"expected an Event, got {type(event).__name__}")]
    at, by = event.at, event.by
    if type(at) is pendulum.DateTime and at.tzinfo is not None and isinstance(by, Actor):
        return []
    return [*_INSTANT.problems(at, f"{path}.at"), *_ACTOR.problems(by, f"{path}.by")]


@attrs.frozen(kw_only=True)
class Event:
    """Base of every domain event (领域事件): what happened, when, by whom, and why.

    Subclasses carry the payload and are named in the past tense (`Accepted`,
    `Escalated`). `at` is an aware `pendulum.DateTime`; `by` is the
    [`Actor`][jiceng.Actor] that caused the change.

    An event is a record, built by a command whose arguments were checked before it ran,
    or read by the decoder; `replay` checks the `at` and `by` of every event of a history
    it is given, so an event is not checked again each time it is built.
    """

    at: pendulum.DateTime
    by: Actor
    reason: str | None = None

    @classmethod
    def __attrs_init_subclass__(cls: type[Any]) -> None:
        # Every command builds an event: store its fields directly (see `fast_init`).
        fast_init(cls)
