"""Decisions: disclosure and implementation tables; policies, cadences."""

from __future__ import annotations

from jiceng.decisions._disclosure import (
    DISCLOSURE,
    IMPLEMENTATION,
    MAX_AMOUNT,
    NATIONAL_DISCLOSURE_CADENCE,
    SHANDONG_DISCLOSURE,
    SHANDONG_DISCLOSURE_CADENCE,
    Amount,
    DisclosureCadence,
    DisclosureGaps,
    Objection,
)

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
