"""Decisions: disclosure and implementation tables; policies, cadences."""

from __future__ import annotations

from jiceng.decisions._disclosure import DISCLOSURE
from jiceng.decisions._disclosure_cadence import (
    NATIONAL_DISCLOSURE_CADENCE,
    SHANDONG_DISCLOSURE_CADENCE,
    DisclosureCadence,
    DisclosureGaps,
)
from jiceng.decisions._disclosure_data import MAX_AMOUNT, SHANDONG_DISCLOSURE, Amount, Objection
from jiceng.decisions._implementation import IMPLEMENTATION

__all__ = [
    "DISCLOSURE",
    "IMPLEMENTATION",
    "MAX_AMOUNT",
    "NATIONAL_DISCLOSURE_CADENCE",
    "SHANDONG_DISCLOSURE",
    "SHANDONG_DISCLOSURE_CADENCE",
    "Amount",
    "DisclosureCadence",
    "DisclosureGaps",
    "Objection",
]
