"""Decisions: the procedure table and the built-in procedures (四议两公开, ...)."""

from __future__ import annotations

from jiceng.decisions._procedures import (
    FIVE_STEP_DELIBERATION,
    FOUR_DELIBERATIONS_TWO_DISCLOSURES,
    PROCEDURE,
    THREE_MASS_MEETINGS,
    WENGAN_THREE_MEETINGS,
)

__all__ = [
    "FIVE_STEP_DELIBERATION",
    "FOUR_DELIBERATIONS_TWO_DISCLOSURES",
    "PROCEDURE",
    "THREE_MASS_MEETINGS",
    "WENGAN_THREE_MEETINGS",
]
