"""Domain events: the immutable record of every change to an entity."""

from __future__ import annotations

from typing import Any, Final

import attrs
import pendulum

from jiceng._kernel._checks import instance_of, instant
from jiceng._kernel._values import Actor
from jiceng.exceptions import ValidationError

__all__ = ["Event"]


_INSTANT: Final = instant()
_ACTOR: Final = instance_of(Actor)


def _check_at_and_by(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    # One validator for both fields (events are built on every transition, and each
    # validator call costs): attrs runs it once `at` and `by` are both set; the fast test
    # is inlined, the words come from the kernel's checks.
    at = instance.at
    if type(at) is not pendulum.DateTime or at.tzinfo is None or not isinstance(value, Actor):
        errors = [*_INSTANT.problems(at, "at"), *_ACTOR.problems(value, "by")]
        if errors:
            raise ValidationError(errors, subject="event")


@attrs.frozen(kw_only=True)
class Event:
    """Base of every domain event (领域事件): what happened, when, by whom, and why.

    Subclasses carry the payload and are named in the past tense (`Accepted`,
    `Escalated`). `at` is an aware `pendulum.DateTime`; naive datetimes are refused.
    `by` is the [`Actor`][jiceng.Actor] that caused the change.
    """

    at: pendulum.DateTime
    by: Actor = attrs.field(validator=_check_at_and_by)
    reason: str | None = None
