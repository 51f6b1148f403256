"""Rates as exact fractions: 办结率, 按期办结率, 化解率, 满意率 and the like.

Every published rate in this field is a count over a count. `Rate` keeps both counts, so
a report can show the figures that justify a percentage, and computes with
`fractions.Fraction`, never floats. The workflows define their own rates (which
cases count as resolved, which as due) with `Rate` as the result.

>>> rate = Rate(1732, 1814)  # 贵阳 2014: 1,814 backlog cases, 1,732 resolved
>>> rate.percent()
Decimal('95.48')
>>> str(rate)
'95.48% (1732/1814)'
"""

from __future__ import annotations

import decimal
from fractions import Fraction

import attrs

from jiceng._kernel._checks import between
from jiceng.exceptions import ValidationError

__all__ = ["Rate"]


_CASES = between(0, 10**12)
"""A count of cases: from 0 to a million million (a country's 12345 calls over decades)."""


@attrs.frozen
class Rate:
    """`numerator` out of `denominator`, exactly; undefined (`None`) when nothing is due."""

    numerator: int = attrs.field(validator=_CASES)
    denominator: int = attrs.field(validator=_CASES)

    def __attrs_post_init__(self) -> None:
        if self.numerator > self.denominator:
            msg = f"{self.numerator} cannot be a share of only {self.denominator}"
            raise ValidationError.single("numerator", msg)

    @property
    def fraction(self) -> Fraction | None:
        """The exact value, or `None` when the denominator is 0 (no rate, not 0%)."""
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    def percent(self, places: int = 2) -> decimal.Decimal | None:
        """The percentage rounded half-up to `places` decimals, as published (95.48)."""
        value = self.fraction
        if value is None:
            return None
        exact = decimal.Decimal(value.numerator * 100) / decimal.Decimal(value.denominator)
        return exact.quantize(decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP)

    def at_least(self, threshold: Fraction) -> bool:
        """Whether the rate reaches `threshold` exactly (an undefined rate does not)."""
        value = self.fraction
        return value is not None and value >= threshold

    def __add__(self, other: Rate) -> Rate:
        """Pool two rates: the counts add up (not the percentages)."""
        return Rate(self.numerator + other.numerator, self.denominator + other.denominator)

    def __str__(self) -> str:
        percent = self.percent()
        shown = "n/a" if percent is None else f"{percent}%"
        return f"{shown} ({self.numerator}/{self.denominator})"
