"""Domain events: the immutable record of every change to an entity."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from jiceng._kernel._values import Actor, check_instant
from jiceng.exceptions import ValidationError

__all__ = ["Event"]


def _check_at_and_by(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    # One validator for both fields (events are built on every transition, and each
    # validator call costs): attrs runs it once `at` and `by` are both set.
    at = instance.at
    if type(at) is not pendulum.DateTime or at.tzinfo is None:
        check_instant(at, "at")
    if not isinstance(value, Actor):
        raise ValidationError.single(
            "by", f"must be an Actor, got {type(value).__name__}", subject="event"
        )


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
