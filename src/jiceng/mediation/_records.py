"""The values a mediation case folds from its events: sessions, risk reports, proposals,
the agreement with its signatures, performances, follow-ups and confirmation, and the
termination.

They are built from validated events and check nothing again.
"""

from __future__ import annotations

import attrs
import pendulum

from jiceng.mediation._inputs import (
    Attendee,
    Invitee,
    Mediator,
    Obligation,
    Responsibility,
    Terms,
)
from jiceng.mediation._kinds import (
    AgreementForm,
    Mark,
    ObligationStatus,
    Publicity,
    Route,
    SessionKind,
    TerminationGround,
)

__all__ = [
    "Agreement",
    "Confirmation",
    "FollowUp",
    "Invitation",
    "Performance",
    "Proposal",
    "PublicityRequest",
    "PublicityRuling",
    "RiskReport",
    "Session",
    "Signature",
    "Termination",
]


@attrs.frozen(kw_only=True)
class Session:
    """A mediation session (调解): scheduled, in public or not, then held with its attendees
    and its record (调解记录, 人民调解法 第27条)."""

    id: str
    kind: SessionKind
    place: str
    publicity: Publicity
    scheduled_for: pendulum.DateTime
    held_at: pendulum.DateTime | None = None
    attendees: tuple[Attendee, ...] = ()
    record: str = ""


@attrs.frozen(kw_only=True)
class Invitation:
    """Someone a mediator invited to take part in mediation (人民调解法 第20条), and each
    party's answer: `agreed_by` and `refused_by` hold each party's latest answer (a party
    may change its mind until the session). The invitee takes part once every party is in
    `agreed_by`."""

    invitee: Invitee
    mediator: str
    invited_at: pendulum.DateTime
    agreed_by: frozenset[str] = frozenset()
    refused_by: frozenset[str] = frozenset()


@attrs.frozen(kw_only=True)
class PublicityRequest:
    """A party's request that mediation be held in public or not (人民调解法 第23条(三)):
    its latest one."""

    party: str
    publicity: Publicity
    at: pendulum.DateTime


@attrs.frozen(kw_only=True)
class PublicityRuling:
    """Which request decides whether mediation is held in public, and why (`case.publicity`).

    `publicity` is `None` while no party has asked: the mediator decides, session by
    session. Otherwise it is what `governed_by` asked for; `overruled` are the parties whose
    opposite request yields to it (a request not to mediate in public prevails).
    """

    publicity: Publicity | None
    governed_by: frozenset[str]
    overruled: frozenset[str]
    reason: str


@attrs.frozen(kw_only=True)
class RiskReport:
    """A risk of escalation reported to the police or another body (人民调解法 第25条)."""

    at: pendulum.DateTime
    risk: str
    reported_to: str
    measures: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Proposal:
    """A proposal that takes effect only once every party has accepted it (双方同意): a
    mediator chosen by a party (人民调解法 第19条, 第23条), or the terms of a settlement.
    `proposed_by` is the proposing party, if a party proposed it; it counts as accepting.
    """

    mediator: Mediator | None = None
    terms: Terms | None = None
    proposed_by: str | None = None
    accepted_by: frozenset[str] = frozenset()


@attrs.frozen(kw_only=True)
class Signature:
    """A signer's mark on the written agreement (签名、盖章或者按指印)."""

    signer: str
    mark: Mark
    at: pendulum.DateTime


@attrs.frozen(kw_only=True)
class Performance:
    """An obligation performed (履行), on a local day."""

    obligation: str
    on: pendulum.Date


@attrs.frozen(kw_only=True)
class FollowUp:
    """A follow-up visit (回访): planned for a day, or made without a plan; `visited_at` is
    when it was made (`None` while only planned)."""

    planned_on: pendulum.Date | None = None
    visited_at: pendulum.DateTime | None = None
    note: str = ""


@attrs.frozen(kw_only=True)
class Confirmation:
    """A joint application for judicial confirmation (司法确认) and the court's decision
    (`confirmed` is `None` while the court reviews it)."""

    applicants: frozenset[str]
    court: str
    applied_at: pendulum.DateTime
    decided_at: pendulum.DateTime | None = None
    confirmed: bool | None = None
    decision: str = ""


@attrs.frozen(kw_only=True)
class Agreement:
    """The agreement (调解协议): its terms, its form, and what became of it.

    Written agreements carry the contents of 人民调解法 第29条 (the parties are the case's;
    the facts, the disputed matters, each party's responsibility; the terms, with the
    method and deadline of each obligation) and take effect when sealed after every
    signature. Oral agreements take effect the moment they are reached (第30条).
    """

    terms: Terms
    agreed_at: pendulum.DateTime
    form: AgreementForm | None = None
    facts: str = ""
    disputed_matters: tuple[str, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
    signatures: tuple[Signature, ...] = ()
    recorded_by: str | None = None
    effective_at: pendulum.DateTime | None = None
    performances: tuple[Performance, ...] = ()
    breached: frozenset[str] = frozenset()
    follow_ups: tuple[FollowUp, ...] = ()
    confirmation: Confirmation | None = None

    @property
    def signers(self) -> frozenset[str]:
        """The ids of everyone who has marked the written agreement."""
        return frozenset(s.signer for s in self.signatures)

    def obligation(self, obligation_id: str) -> Obligation | None:
        """The obligation with this id, or `None`."""
        return next((o for o in self.terms.obligations if o.id == obligation_id), None)

    def status(self, obligation: Obligation) -> ObligationStatus:
        """Whether `obligation` is pending, performed (on time or late) or breached."""
        done = next((p for p in self.performances if p.obligation == obligation.id), None)
        if done is not None:
            late = done.on > obligation.due
            return ObligationStatus.PERFORMED_LATE if late else ObligationStatus.PERFORMED
        if obligation.id in self.breached:
            return ObligationStatus.BREACHED
        return ObligationStatus.PENDING

    def fully_performed(self, *, on_time: bool = False) -> bool:
        """Whether every obligation is performed (with `on_time`, none of them late)."""
        wanted = ObligationStatus.PERFORMED
        return all(
            status is wanted if on_time else status.performed
            for status in map(self.status, self.terms.obligations)
        )

    def overdue(self, on: pendulum.Date) -> tuple[Obligation, ...]:
        """The obligations not performed although their day has passed by `on`."""
        return tuple(
            o for o in self.terms.obligations if o.due < on and not self.status(o).performed
        )

    def follow_ups_due(self, on: pendulum.Date) -> tuple[FollowUp, ...]:
        """The planned follow-up visits not yet made although their day has passed by `on`."""
        return tuple(
            f
            for f in self.follow_ups
            if f.visited_at is None and f.planned_on is not None and f.planned_on < on
        )


@attrs.frozen(kw_only=True)
class Termination:
    """How mediation ended without agreement (终止调解通知书): the ground, the party who
    refused (if one did), and the other routes the parties were told (人民调解法 第26条)."""

    ground: TerminationGround
    routes: frozenset[Route]
    at: pendulum.DateTime
    party: str | None = None
