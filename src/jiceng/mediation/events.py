"""Every event of a mediation case (调解案件), one per command, named in the past tense.

Users write `jiceng.mediation.events.SessionHeld`; a case's `history` holds them.
"""

from __future__ import annotations

import attrs
import pendulum

from jiceng import Actor, CountedRule, Event
from jiceng.mediation._inputs import (
    Attendee,
    Dispute,
    Invitee,
    Mediator,
    Origin,
    Party,
    Responsibility,
    Terms,
)
from jiceng.mediation._kinds import (
    CourtRoute,
    Mark,
    Publicity,
    Route,
    SessionKind,
    TerminationGround,
)
from jiceng.mediation._policy import MediationPolicy

__all__ = [
    "AgreementConfirmed",
    "AgreementDrawnUp",
    "AgreementSealed",
    "AgreementSigned",
    "CaseClosed",
    "CaseOpened",
    "ConfirmationApplied",
    "ConfirmationRefused",
    "ConfirmationWithdrawn",
    "ConsentGiven",
    "FollowUpPlanned",
    "FollowedUp",
    "InviteeAccepted",
    "InviteeRefused",
    "MediationRefused",
    "MediationTerminated",
    "MediatorAssigned",
    "MediatorChosen",
    "MediatorProposed",
    "ObligationBreached",
    "ObligationPerformed",
    "OralAgreementRecorded",
    "ParticipantInvited",
    "ProposalAccepted",
    "ProposalRejected",
    "PublicityRequested",
    "ReferredToCourt",
    "Reopened",
    "RiskReported",
    "SessionHeld",
    "SessionRescheduled",
    "SessionScheduled",
    "TermsAgreed",
    "TermsProposed",
    "TimeLimitExtended",
]


@attrs.frozen(kw_only=True)
class CaseOpened(Event):
    """The committee registered the case (受理), under `policy`."""

    case_id: str
    parties: tuple[Party, ...]
    dispute: Dispute
    origin: Origin
    committee: Actor
    policy: MediationPolicy


@attrs.frozen(kw_only=True)
class ConsentGiven(Event):
    """A party agreed to be mediated (同意调解)."""

    party: str


@attrs.frozen(kw_only=True)
class MediationRefused(Event):
    """A party expressly refused mediation or demanded its end (拒绝调解 / 要求终止调解)."""

    party: str
    routes: frozenset[Route]


@attrs.frozen(kw_only=True)
class MediatorAssigned(Event):
    """The committee assigned a mediator (指定调解员)."""

    mediator: Mediator


@attrs.frozen(kw_only=True)
class MediatorProposed(Event):
    """A party chose a mediator (选择调解员); it takes effect once every party accepts."""

    mediator: Mediator
    party: str


@attrs.frozen(kw_only=True)
class TermsProposed(Event):
    """Terms of settlement were proposed (提出调解方案), by the mediator or by a party."""

    terms: Terms
    party: str | None = None


@attrs.frozen(kw_only=True)
class ProposalAccepted(Event):
    """A party accepted the pending proposal; others have still to accept it."""

    party: str


@attrs.frozen(kw_only=True)
class ProposalRejected(Event):
    """A party rejected the pending proposal, which lapses."""

    party: str


@attrs.frozen(kw_only=True)
class MediatorChosen(Event):
    """The last party accepted the proposed mediator, who joins the case."""

    party: str


@attrs.frozen(kw_only=True)
class TermsAgreed(Event):
    """The last party accepted the proposed terms: the parties reached agreement (达成协议)."""

    party: str


@attrs.frozen(kw_only=True)
class ParticipantInvited(Event):
    """A mediator invited someone to take part in mediation (邀请参与调解, 人民调解法 第20条),
    in a capacity; they take part once every party agrees."""

    invitee: Invitee
    mediator: str


@attrs.frozen(kw_only=True)
class InviteeAccepted(Event):
    """A party agreed that an invitee take part (同意邀请); it replaces an earlier refusal."""

    party: str
    invitee: str


@attrs.frozen(kw_only=True)
class InviteeRefused(Event):
    """A party refused an invitee (不同意邀请); it replaces an earlier agreement."""

    party: str
    invitee: str


@attrs.frozen(kw_only=True)
class PublicityRequested(Event):
    """A party asked that mediation be held in public or not (要求调解公开进行或者不公开进行,
    人民调解法 第23条(三)); it replaces the party's earlier request."""

    party: str
    publicity: Publicity


@attrs.frozen(kw_only=True)
class SessionScheduled(Event):
    """A session was scheduled (安排调解), in public or not."""

    session_id: str
    kind: SessionKind
    place: str
    scheduled_for: pendulum.DateTime
    publicity: Publicity


@attrs.frozen(kw_only=True)
class SessionRescheduled(Event):
    """A scheduled session was moved to another time (改期), with the reason."""

    session_id: str
    scheduled_for: pendulum.DateTime


@attrs.frozen(kw_only=True)
class SessionHeld(Event):
    """A scheduled session was held, with its attendees and record (调解记录)."""

    session_id: str
    attendees: tuple[Attendee, ...]
    record: str


@attrs.frozen(kw_only=True)
class RiskReported(Event):
    """A risk of escalation was reported to the police or another body (报告激化风险)."""

    risk: str
    reported_to: str
    measures: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class TimeLimitExtended(Event):
    """The time limit was extended at the request of every party (延长调解期限)."""

    requested_by: frozenset[str]
    length: CountedRule


@attrs.frozen(kw_only=True)
class MediationTerminated(Event):
    """The committee ended mediation without agreement (终止调解) and told the parties
    their other routes."""

    ground: TerminationGround
    routes: frozenset[Route]


@attrs.frozen(kw_only=True)
class OralAgreementRecorded(Event):
    """The mediator recorded an oral agreement (口头协议), in force since it was reached."""

    mediator: str


@attrs.frozen(kw_only=True)
class AgreementDrawnUp(Event):
    """The written agreement was drawn up (制作调解协议书) for signature."""

    facts: str
    disputed_matters: tuple[str, ...]
    responsibilities: tuple[Responsibility, ...]


@attrs.frozen(kw_only=True)
class AgreementSigned(Event):
    """A party or a mediator marked the written agreement."""

    signer: str
    mark: Mark


@attrs.frozen(kw_only=True)
class AgreementSealed(Event):
    """The committee sealed the signed agreement, which takes effect (生效)."""


@attrs.frozen(kw_only=True)
class FollowUpPlanned(Event):
    """A follow-up visit was planned for a local day (安排回访)."""

    on: pendulum.Date


@attrs.frozen(kw_only=True)
class FollowedUp(Event):
    """A follow-up visit was made (回访), with what it found."""

    note: str


@attrs.frozen(kw_only=True)
class ObligationPerformed(Event):
    """An obligation was performed on a local day (履行)."""

    obligation: str
    on: pendulum.Date


@attrs.frozen(kw_only=True)
class ObligationBreached(Event):
    """An obligation was not performed as agreed (未履行)."""

    obligation: str


@attrs.frozen(kw_only=True)
class ConfirmationApplied(Event):
    """The parties applied jointly to a court for judicial confirmation (申请司法确认)."""

    applicants: frozenset[str]
    court: str


@attrs.frozen(kw_only=True)
class ConfirmationWithdrawn(Event):
    """A party withdrew the application before the court decided (撤回申请)."""

    party: str


@attrs.frozen(kw_only=True)
class AgreementConfirmed(Event):
    """The court confirmed the agreement as valid (确认决定书)."""

    decision: str


@attrs.frozen(kw_only=True)
class ConfirmationRefused(Event):
    """The court refused to confirm the agreement (不予确认决定书)."""

    decision: str


@attrs.frozen(kw_only=True)
class Reopened(Event):
    """Mediation started again (重新调解): to change the agreement or reach a new one."""


@attrs.frozen(kw_only=True)
class ReferredToCourt(Event):
    """The parties were told to take the agreement to court: a lawsuit or enforcement."""

    route: CourtRoute


@attrs.frozen(kw_only=True)
class CaseClosed(Event):
    """Every obligation was performed and the case was closed (履行完毕，结案归档)."""
