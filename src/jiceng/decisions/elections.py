"""Decisions: election and recall tables, register limits, seats, counts."""

from __future__ import annotations

from jiceng.decisions._election_data import (
    MAX_SEATS,
    REGISTER_APPEAL_DECISION,
    REGISTER_APPEAL_WINDOW,
    REGISTER_NOTICE,
    Nomination,
    PollResult,
    Proxy,
    RecallResult,
    RegisterAppeal,
    RegisterCorrection,
    Seats,
)
from jiceng.decisions._elections import ELECTION
from jiceng.decisions._recalls import RECALL, RECALL_REQUESTERS

__all__ = [
    "ELECTION",
    "MAX_SEATS",
    "RECALL",
    "RECALL_REQUESTERS",
    "REGISTER_APPEAL_DECISION",
    "REGISTER_APPEAL_WINDOW",
    "REGISTER_NOTICE",
    "Nomination",
    "PollResult",
    "Proxy",
    "RecallResult",
    "RegisterAppeal",
    "RegisterCorrection",
    "Seats",
]
