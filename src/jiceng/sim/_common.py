"""Pieces the scenarios share: validators, scaling and the start instant."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pendulum

__all__ = ["TZ", "positive", "scale", "share", "start_of"]

TZ = "Asia/Shanghai"


def share(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    """A probability: between 0 and 1."""
    if not 0 <= value <= 1:
        raise ValueError(f"{attribute.name} must be a probability between 0 and 1, got {value}")


def positive(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    """A count or a duration that must be above 0."""
    if not value > 0:
        raise ValueError(f"{attribute.name} must be positive, got {value}")


def scale(value: int, factor: float) -> int:
    """`value` times `factor`, rounded, at least 1."""
    return max(1, round(value * factor))


def start_of(day: datetime.date) -> pendulum.DateTime:
    """Midnight at the start of `day`, in China's time zone."""
    return pendulum.datetime(day.year, day.month, day.day, tz=TZ)
