"""Decisions: the 一事一议 table, funding caps and who may propose."""

from __future__ import annotations

from jiceng.decisions._projects import (
    MAX_LABOUR_DAYS,
    MAX_LEVY,
    OLDER_PROVINCIAL_CAPS,
    PROJECT,
    PROJECT_PROPOSERS,
    FundingCaps,
    LabourDays,
    Levy,
)

__all__ = [
    "MAX_LABOUR_DAYS",
    "MAX_LEVY",
    "OLDER_PROVINCIAL_CAPS",
    "PROJECT",
    "PROJECT_PROPOSERS",
    "FundingCaps",
    "LabourDays",
    "Levy",
]
