"""Decisions: rolls (名册) of members, and a 村民代表会议's make-up (第25条)."""

from __future__ import annotations

from jiceng.decisions._composition import (
    REPRESENTATIVE_TERM_YEARS,
    Composition,
    CompositionFinding,
    Constituency,
)
from jiceng.decisions._rolls import ADULT_AGE, Household, Person, Role, Sex

__all__ = [
    "ADULT_AGE",
    "REPRESENTATIVE_TERM_YEARS",
    "Composition",
    "CompositionFinding",
    "Constituency",
    "Household",
    "Person",
    "Role",
    "Sex",
]
