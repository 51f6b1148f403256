"""Pieces the scenarios share: validators, scaling and the start instant."""

from __future__ import annotations

import datetime
from typing import Final

import pendulum

from jiceng._kernel._checks import real

__all__ = ["MAX_SCALE", "SCALE", "TZ", "positive", "scale", "share", "start_of"]

TZ = "Asia/Shanghai"


share: Final = real(0.0, 1.0)
"""A probability or a share: from 0 to 1."""

positive: Final = real(1e-9, 1e9)
"""A count, a rate or a duration of a scenario: above 0, and finite."""


MAX_SCALE: Final = 100.0
"""The largest factor a scenario may be scaled by: a hundred 娄底s."""

SCALE: Final = real(0.0001, MAX_SCALE)
"""The range of a scale factor: finite, from 0.0001 to `MAX_SCALE`."""


def scale(value: int, factor: float) -> int:
    """`value` times `factor` (see `SCALE`), rounded, at least 1."""
    SCALE.check(factor, "factor", subject="scale")
    return max(1, round(value * factor))


def start_of(day: datetime.date) -> pendulum.DateTime:
    """Midnight at the start of `day`, in China's time zone."""
    return pendulum.datetime(day.year, day.month, day.day, tz=TZ)
