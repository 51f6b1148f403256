"""People's mediation (人民调解): cases, sessions (屋场会), agreements, follow-up, confirmation.

A `MediationCase` follows the `MEDIATION` machine table from registration (受理) to an
agreement in force or a termination, then through performance (履行), follow-up visits
(回访) and judicial confirmation (司法确认). The rules come from 人民调解法 (2010), 宁波市人民
调解条例 (2015) and the Supreme People's Court's rules on judicial confirmation (2011); the
time limits and local rules are a `MediationPolicy`. Cases that come from a petition, a
grid event, a court or the police name their source by id (`Origin`).

Here: the case, its states and table, its policies and the values users build as input.
The public submodules:

- `jiceng.mediation.events`: every event a case records (`CaseOpened`, `SessionHeld`, ...).
- `jiceng.mediation.records`: what a case records as it goes and users read (`Agreement`,
  `Session`, `Termination`, `Outcome`, ...), never built by hand.
- `jiceng.mediation.committee`: the mediation committee itself, one term of it
  (`MediationCommittee`, 人民调解法 第8条, 第9条).
- `jiceng.mediation.metrics`: figures over many cases (`success_rate`, ...), exact.
"""

from jiceng.mediation._case import MEDIATION, MediationCase
from jiceng.mediation._inputs import (
    Attendee,
    Dispute,
    Invitee,
    Mediator,
    Obligation,
    Origin,
    Party,
    Responsibility,
    Terms,
)
from jiceng.mediation._kinds import (
    AttendeeRole,
    DisputeKind,
    Mark,
    MediationState,
    MediatorKind,
    OriginKind,
    PartyKind,
    Publicity,
    Route,
    SessionKind,
    TerminationGround,
)
from jiceng.mediation._policy import (
    CONFIRMATION_WINDOW,
    DEFAULT_POLICY,
    NINGBO_POLICY,
    NINGBO_WRITTEN_UNLESS_PERFORMED_AT_ONCE,
    SETTLEMENT_LIMIT,
    MediationPolicy,
)

__all__ = [
    "CONFIRMATION_WINDOW",
    "DEFAULT_POLICY",
    "MEDIATION",
    "NINGBO_POLICY",
    "NINGBO_WRITTEN_UNLESS_PERFORMED_AT_ONCE",
    "SETTLEMENT_LIMIT",
    "Attendee",
    "AttendeeRole",
    "Dispute",
    "DisputeKind",
    "Invitee",
    "Mark",
    "MediationCase",
    "MediationPolicy",
    "MediationState",
    "Mediator",
    "MediatorKind",
    "Obligation",
    "Origin",
    "OriginKind",
    "Party",
    "PartyKind",
    "Publicity",
    "Responsibility",
    "Route",
    "SessionKind",
    "TerminationGround",
    "Terms",
]
