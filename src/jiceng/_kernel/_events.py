"""Domain events: the immutable record of every change to an entity."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from jiceng._kernel._values import Actor, check_instant
from jiceng.exceptions import ValidationError

__all__ = ["Event"]


def _check_at(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    # Fast path first: events are created on every transition.
    if type(value) is not pendulum.DateTime or value.tzinfo is None:
        check_instant(value, "at")


def _check_by(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
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

    at: pendulum.DateTime = attrs.field(validator=_check_at)
    by: Actor = attrs.field(validator=_check_by)
    reason: str | None = None
