"""Decisions: quorum and majority shares as exact fractions; requisitions."""

from __future__ import annotations

from jiceng.decisions._thresholds import (
    AT_LEAST_FOUR_FIFTHS,
    AT_LEAST_HALF,
    AT_LEAST_ONE_FIFTH,
    AT_LEAST_ONE_TENTH,
    AT_LEAST_ONE_THIRD,
    AT_LEAST_TWO_THIRDS,
    MIN_SHARE,
    MORE_THAN_HALF,
    Base,
    QuorumTest,
    RequisitionRule,
)

__all__ = [
    "AT_LEAST_FOUR_FIFTHS",
    "AT_LEAST_HALF",
    "AT_LEAST_ONE_FIFTH",
    "AT_LEAST_ONE_TENTH",
    "AT_LEAST_ONE_THIRD",
    "AT_LEAST_TWO_THIRDS",
    "MIN_SHARE",
    "MORE_THAN_HALF",
    "Base",
    "QuorumTest",
    "RequisitionRule",
]
