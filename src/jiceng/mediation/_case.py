"""The mediation case (调解案件): its machine table and the aggregate that it drives.

The rows, with their guards and folds, are defined command by command in `_mediating`
(until the agreement or a termination), `_participation` (invitees, publicity) and `_agreed`
(from the agreement on); `MEDIATION` lists them in order. Each `MediationCase` method
checks its arguments and builds its event.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Annotated, Self

import attrs
import pendulum

from jiceng import Actor, CountedRule, Deadline, Entity, Label, Machine
from jiceng.exceptions import FieldError, ValidationError
from jiceng.mediation._agreed import (
    APPLY_FOR_CONFIRMATION,
    CLOSE,
    CONFIRM_AGREEMENT,
    DRAW_UP_AGREEMENT,
    FOLLOW_UP,
    PLAN_FOLLOW_UP,
    RECORD_BREACH,
    RECORD_ORAL_AGREEMENT,
    RECORD_PERFORMANCE,
    REFER_TO_COURT,
    REFUSE_CONFIRMATION,
    REOPEN,
    SEAL_AGREEMENT,
    SIGN_AGREEMENT,
    WITHDRAW_CONFIRMATION,
)
from jiceng.mediation._arguments import (
    DISPUTED_MATTERS,
    EXTENSION,
    JOINT_APPLICATION,
    SUBJECT,
    not_before,
    refused,
    routes_told,
    session_publicity,
    someone,
)
from jiceng.mediation._guards import CaseView, publicity_of
from jiceng.mediation._inputs import (
    ID,
    Attendee,
    Dispute,
    Invitee,
    Mediator,
    Origin,
    Party,
    Responsibility,
    Terms,
    unique_ids,
)
from jiceng.mediation._kinds import (
    CourtRoute,
    Mark,
    MediationState,
    OriginKind,
    Outcome,
    Publicity,
    Route,
    SessionKind,
    TerminationGround,
)
from jiceng.mediation._mediating import (
    ACCEPT_PROPOSAL,
    AGREE_TERMS,
    ASSIGN_MEDIATOR,
    CHOOSE_MEDIATOR,
    CONSENT,
    EXTEND_TIME_LIMIT,
    HOLD_SESSION,
    OPEN,
    PROPOSE_MEDIATOR,
    PROPOSE_TERMS,
    REFUSE,
    REJECT_PROPOSAL,
    REPORT_RISK,
    RESCHEDULE_SESSION,
    SCHEDULE_SESSION,
    TERMINATE,
)
from jiceng.mediation._participation import (
    ACCEPT_INVITEE,
    INVITE,
    REFUSE_INVITEE,
    REQUEST_PUBLICITY,
)
from jiceng.mediation._policy import DEFAULT_POLICY, MediationPolicy
from jiceng.mediation._records import (
    Agreement,
    Invitation,
    Proposal,
    PublicityRequest,
    PublicityRuling,
    RiskReport,
    Session,
    Termination,
)
from jiceng.mediation.events import (
    AgreementConfirmed,
    AgreementDrawnUp,
    AgreementSealed,
    AgreementSigned,
    CaseClosed,
    CaseOpened,
    ConfirmationApplied,
    ConfirmationRefused,
    ConfirmationWithdrawn,
    ConsentGiven,
    FollowedUp,
    FollowUpPlanned,
    InviteeAccepted,
    InviteeRefused,
    MediationRefused,
    MediationTerminated,
    MediatorAssigned,
    MediatorChosen,
    MediatorProposed,
    ObligationBreached,
    ObligationPerformed,
    OralAgreementRecorded,
    ParticipantInvited,
    ProposalAccepted,
    ProposalRejected,
    PublicityRequested,
    ReferredToCourt,
    Reopened,
    RiskReported,
    SessionHeld,
    SessionRescheduled,
    SessionScheduled,
    TermsAgreed,
    TermsProposed,
    TimeLimitExtended,
)

__all__ = ["MEDIATION", "MediationCase"]

MEDIATION: Machine[MediationState] = Machine(
    name="mediation.case",
    label=Label("人民调解", "People's mediation"),
    states=MediationState,
    initial=MediationState.MEDIATING,
    final={MediationState.PERFORMED, MediationState.REFERRED_TO_COURT, MediationState.TERMINATED},
    transitions=[
        # until the agreement or a termination (_mediating)
        OPEN,
        CONSENT,
        REFUSE,
        ASSIGN_MEDIATOR,
        PROPOSE_MEDIATOR,
        PROPOSE_TERMS,
        ACCEPT_PROPOSAL,
        CHOOSE_MEDIATOR,
        AGREE_TERMS,
        REJECT_PROPOSAL,
        # who takes part, and in public or not (_participation)
        INVITE,
        ACCEPT_INVITEE,
        REFUSE_INVITEE,
        REQUEST_PUBLICITY,
        # sessions to the termination (_mediating)
        SCHEDULE_SESSION,
        RESCHEDULE_SESSION,
        HOLD_SESSION,
        REPORT_RISK,
        EXTEND_TIME_LIMIT,
        TERMINATE,
        # from the agreement on (_agreed)
        RECORD_ORAL_AGREEMENT,
        DRAW_UP_AGREEMENT,
        SIGN_AGREEMENT,
        SEAL_AGREEMENT,
        PLAN_FOLLOW_UP,
        FOLLOW_UP,
        RECORD_PERFORMANCE,
        RECORD_BREACH,
        APPLY_FOR_CONFIRMATION,
        WITHDRAW_CONFIRMATION,
        CONFIRM_AGREEMENT,
        REFUSE_CONFIRMATION,
        REOPEN,
        REFER_TO_COURT,
        CLOSE,
    ],
)
"""The mediation machine table: each row, its guards and its fold stand in `_mediating`,
`_participation` or `_agreed`. `choose_mediator` and `agree_terms` are recorded by
`MediationCase.accept_proposal` when the last party accepts; every other command is the
case method of the same name."""


@attrs.frozen(kw_only=True)
class MediationCase(Entity[MediationState], machine=MEDIATION):
    """A mediation case (调解案件) before a people's mediation committee (人民调解委员会).

    Opened on a party's application, on the committee's own initiative or on a referral
    (人民调解法 第17条, 第18条); mediated by mediators the committee assigns or the parties
    choose, in sessions such as a 屋场会; ended by an agreement in force or by termination;
    then followed up until performed, confirmed by a court, or taken to court.

    Proposals (a mediator chosen by a party, the terms of a settlement) take effect only
    when every party has accepted them. The time to settle (`deadline`) runs from opening
    under the case's `policy`.
    """

    id: str
    parties: tuple[Party, ...]
    dispute: Dispute
    origin: Origin
    committee: Actor
    policy: MediationPolicy
    deadline: Deadline
    mediators: tuple[Mediator, ...] = ()
    consents: frozenset[str] = frozenset()
    sessions: tuple[Session, ...] = ()
    invitations: tuple[Invitation, ...] = ()
    publicity_requests: tuple[PublicityRequest, ...] = ()
    risk_reports: tuple[RiskReport, ...] = ()
    proposal: Proposal | None = None
    agreement: Agreement | None = None
    termination: Termination | None = None
    court_route: CourtRoute | None = None
    concluded_at: pendulum.DateTime | None = None

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(  # allowed-io: a command
        cls,
        *,
        id: Annotated[str, ID],
        parties: Sequence[Party],
        dispute: Dispute,
        origin: Origin,
        committee: Actor,
        by: Actor,
        at: pendulum.DateTime,
        policy: MediationPolicy = DEFAULT_POLICY,
    ) -> MediationCase:
        """Register a case (受理) under `id` (at most 200 characters): at least two parties,
        each with its own id; an application comes from one of them (人民调解法 第17条),
        who thereby consents."""
        parties = tuple(parties)
        errors = []
        if len(parties) < 2:
            msg = f"a dispute has two parties or more, not {len(parties)}"
            errors.append(FieldError("open.parties", msg))
        errors += unique_ids(parties, "open.parties")
        if origin.kind is OriginKind.APPLICATION and origin.ref not in {p.id for p in parties}:
            msg = f"the applicant {origin.ref!r} is not a party"
            errors.append(FieldError("open.origin.ref", msg))
        if errors:
            raise ValidationError(errors, subject=SUBJECT)
        return cls._start(
            CaseOpened(
                case_id=id,
                parties=parties,
                dispute=dispute,
                origin=origin,
                committee=committee,
                policy=policy,
                by=by,
                at=at,
            )
        )

    # -- consent and mediators -----------------------------------------------------------

    def consent(self, *, party: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Record that `party` agrees to be mediated (同意调解)."""
        return self._record(ConsentGiven(party=party, by=by, at=at))

    def refuse(
        self,
        *,
        party: str,
        routes: Collection[Route],
        by: Actor,
        at: pendulum.DateTime,
        reason: str | None = None,
    ) -> Self:
        """`party` expressly refuses mediation or demands its end: mediation may not go on
        (人民调解法 第17条, 第23条(二)); the parties are told their other `routes` (第26条)."""
        told = routes_told("refuse", routes)
        return self._record(MediationRefused(party=party, routes=told, by=by, at=at, reason=reason))

    def assign_mediator(self, mediator: Mediator, *, by: Actor, at: pendulum.DateTime) -> Self:
        """The committee assigns a mediator (指定, 人民调解法 第19条); never a party."""
        return self._record(MediatorAssigned(mediator=mediator, by=by, at=at))

    def propose_mediator(
        self, mediator: Mediator, *, party: str, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """`party` chooses a mediator (选择, 人民调解法 第19条); the choice takes effect once
        every other party accepts it (`accept_proposal`)."""
        return self._record(MediatorProposed(mediator=mediator, party=party, by=by, at=at))

    # -- terms -----------------------------------------------------------------------------

    def propose_terms(
        self, terms: Terms, *, by: Actor, at: pendulum.DateTime, party: str | None = None
    ) -> Self:
        """Propose terms of settlement (调解方案, 人民调解法 第22条): by the mediator, or by
        `party`, whose proposal counts as its acceptance. No obligation may be due before
        the day it is proposed."""
        event = TermsProposed(terms=terms, party=party, by=by, at=at)
        today = self.local_day(event.at)
        errors = [
            FieldError(
                f"propose_terms.terms.obligations[{i}].due", f"{o.due} is before today, {today}"
            )
            for i, o in enumerate(terms.obligations)
            if o.due < today
        ]
        if errors:
            raise ValidationError(errors, subject=SUBJECT)
        return self._record(event)

    def accept_proposal(self, *, party: str, by: Actor, at: pendulum.DateTime) -> Self:
        """`party` accepts the pending proposal. The last acceptance makes it take effect:
        the mediator joins the case (`choose_mediator`) or the parties have reached
        agreement (`agree_terms`)."""
        proposal = self.proposal
        if proposal is not None and proposal.accepted_by | {party} >= self.party_ids:
            if proposal.terms is not None:
                return self._record(TermsAgreed(party=party, by=by, at=at))
            return self._record(MediatorChosen(party=party, by=by, at=at))
        return self._record(ProposalAccepted(party=party, by=by, at=at))

    def reject_proposal(
        self, *, party: str, by: Actor, at: pendulum.DateTime, reason: str | None = None
    ) -> Self:
        """`party` rejects the pending proposal, which lapses: mediation goes on."""
        return self._record(ProposalRejected(party=party, by=by, at=at, reason=reason))

    # -- who takes part, in public or not ---------------------------------------------------

    def invite(self, invitee: Invitee, *, mediator: str, by: Actor, at: pendulum.DateTime) -> Self:
        """`mediator`, of the case, invites `invitee` to take part in mediation in their
        capacity (人民调解法 第20条); they attend a session once every party agrees."""
        return self._record(ParticipantInvited(invitee=invitee, mediator=mediator, by=by, at=at))

    def accept_invitee(self, *, party: str, invitee: str, by: Actor, at: pendulum.DateTime) -> Self:
        """`party` agrees that `invitee` (an invitee's id) take part; after a refusal, it
        changes the party's mind."""
        return self._record(InviteeAccepted(party=party, invitee=invitee, by=by, at=at))

    def refuse_invitee(
        self,
        *,
        party: str,
        invitee: str,
        by: Actor,
        at: pendulum.DateTime,
        reason: str | None = None,
    ) -> Self:
        """`party` refuses that `invitee` take part: no session is held with them until the
        party agrees after all (人民调解法 第20条)."""
        event = InviteeRefused(party=party, invitee=invitee, by=by, at=at, reason=reason)
        return self._record(event)

    def request_publicity(
        self, *, party: str, publicity: Publicity, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """`party` asks that mediation be held in public or not (人民调解法 第23条(三)), a
        right that needs no reason, replacing its earlier request; `publicity` then says
        whose request governs."""
        return self._record(PublicityRequested(party=party, publicity=publicity, by=by, at=at))

    # -- sessions --------------------------------------------------------------------------

    def schedule_session(
        self,
        *,
        session_id: Annotated[str, ID],
        kind: SessionKind,
        place: str,
        scheduled_for: pendulum.DateTime,
        by: Actor,
        at: pendulum.DateTime,
        publicity: Publicity | None = None,
    ) -> Self:
        """Schedule a session (安排调解) of `kind` (a `SessionKind` member: a 屋场会 seats
        every party) at `place`, for a time not before `at`, in public or not: by default as
        the parties' governing request asks (`publicity`), else not in public; a 屋场会 is
        always in public (娄底, seed 004: 群众说事、屋场共治)."""
        not_before("schedule_session", scheduled_for, at)
        publicity = session_publicity(kind, publicity, self.publicity.publicity)
        return self._record(
            SessionScheduled(
                session_id=session_id,
                kind=kind,
                place=place,
                scheduled_for=scheduled_for,
                publicity=publicity,
                by=by,
                at=at,
            )
        )

    def reschedule_session(
        self,
        *,
        session_id: str,
        scheduled_for: pendulum.DateTime,
        reason: str,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """Move a session not yet held to `scheduled_for` (改期), not in the past, with the
        reason; the session keeps its id, kind and place, and the history keeps the old time."""
        not_before("reschedule_session", scheduled_for, at)
        return self._record(
            SessionRescheduled(
                session_id=session_id, scheduled_for=scheduled_for, reason=reason, by=by, at=at
            )
        )

    def hold_session(
        self,
        *,
        session_id: str,
        attendees: Sequence[Attendee],
        record: str,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """Hold a scheduled session with its `attendees` and its `record` (调解记录,
        人民调解法 第27条). A mediator of the case attends; a 屋场会 seats every party with
        the community."""
        return self._record(
            SessionHeld(
                session_id=session_id,
                attendees=tuple(attendees),
                record=record,
                by=by,
                at=at,
            )
        )

    def report_risk(
        self,
        *,
        risk: str,
        reported_to: str,
        by: Actor,
        at: pendulum.DateTime,
        measures: Sequence[str] = (),
    ) -> Self:
        """Report a risk of escalation to the police or another body (`reported_to`, its
        id), with the preventive `measures` taken (人民调解法 第25条)."""
        return self._record(
            RiskReported(
                risk=risk,
                reported_to=reported_to,
                measures=tuple(measures),
                by=by,
                at=at,
            )
        )

    # -- the time limit and termination ----------------------------------------------------

    def extend_time_limit(
        self,
        *,
        requested_by: Collection[str],
        length: CountedRule,
        by: Actor,
        at: pendulum.DateTime,
        reason: str,
    ) -> Self:
        """Extend the time to settle by `length` because every party asks (宁波市人民调解条例
        第27条), before it runs out and within the policy's bound (`DeadlineError` if not).
        `requested_by` names the parties who asked: at least one."""
        asked = someone(
            "extend_time_limit",
            "requested_by",
            requested_by,
            f"name the parties who ask for the extension ({EXTENSION})",
        )
        return self._record(
            TimeLimitExtended(requested_by=asked, length=length, by=by, at=at, reason=reason)
        )

    def terminate(
        self,
        *,
        ground: TerminationGround,
        routes: Collection[Route],
        by: Actor,
        at: pendulum.DateTime,
        reason: str | None = None,
    ) -> Self:
        """End mediation without agreement (终止调解通知书) and tell the parties their other
        `routes` (人民调解法 第26条). A party's refusal is recorded with `refuse`."""
        if ground is TerminationGround.PARTY_REFUSED:
            msg = "a party's refusal is recorded with refuse(party=...)"
            raise refused("terminate.ground", msg)
        told = routes_told("terminate", routes)
        return self._record(
            MediationTerminated(ground=ground, routes=told, by=by, at=at, reason=reason)
        )

    # -- the agreement ---------------------------------------------------------------------

    def record_oral_agreement(self, *, mediator: str, by: Actor, at: pendulum.DateTime) -> Self:
        """The parties need no document: `mediator` records the oral agreement, in force
        since the moment it was reached (人民调解法 第28条, 第30条). A policy may allow it
        only when every obligation is due the day of agreement (`NINGBO_POLICY`: 宁波市人民
        调解条例 第24条)."""
        return self._record(OralAgreementRecorded(mediator=mediator, by=by, at=at))

    def draw_up_agreement(
        self,
        *,
        facts: str,
        disputed_matters: Sequence[str],
        responsibilities: Sequence[Responsibility],
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """Draw up the written agreement (调解协议书) with the contents of 人民调解法 第29条:
        the main facts, the disputed matters and each party's responsibility, next to the
        agreed terms (with each obligation's method and deadline). At least one disputed
        matter is stated."""
        if not disputed_matters:
            msg = f"state the matters in dispute: at least one ({DISPUTED_MATTERS})"
            raise refused("draw_up_agreement.disputed_matters", msg)
        return self._record(
            AgreementDrawnUp(
                facts=facts,
                disputed_matters=tuple(disputed_matters),
                responsibilities=tuple(responsibilities),
                by=by,
                at=at,
            )
        )

    def sign_agreement(self, *, signer: str, mark: Mark, by: Actor, at: pendulum.DateTime) -> Self:
        """`signer`, a party or a mediator, marks the written agreement (签名、盖章或者按指印)."""
        return self._record(AgreementSigned(signer=signer, mark=mark, by=by, at=at))

    def seal_agreement(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """The committee seals the agreement, which takes effect that day (人民调解法 第29条);
        refused while a party's mark or a mediator's signature is missing."""
        return self._record(AgreementSealed(by=by, at=at))

    # -- performance -----------------------------------------------------------------------

    def plan_follow_up(self, *, on: pendulum.Date, by: Actor, at: pendulum.DateTime) -> Self:
        """Plan a follow-up visit (回访) for the local day `on`, not in the past."""
        today = self.local_day(at)
        if on < today:
            raise refused("plan_follow_up.on", f"{on} is before today, {today}")
        return self._record(FollowUpPlanned(on=on, by=by, at=at))

    def follow_up(self, *, note: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Make a follow-up visit (回访, 人民调解法 第31条) and note what it found; it makes
        the earliest planned visit not yet made, if any."""
        return self._record(FollowedUp(note=note, by=by, at=at))

    def record_performance(
        self, *, obligation: str, on: pendulum.Date, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """Record that `obligation` was performed on the local day `on` (not in the future);
        after its due day, it counts as performed late."""
        today = self.local_day(at)
        if on > today:
            raise refused("record_performance.on", f"{on} is after today, {today}")
        return self._record(ObligationPerformed(obligation=obligation, on=on, by=by, at=at))

    def record_breach(
        self, *, obligation: str, by: Actor, at: pendulum.DateTime, reason: str
    ) -> Self:
        """Record that `obligation` was not performed as agreed (未履行), and why."""
        return self._record(ObligationBreached(obligation=obligation, by=by, at=at, reason=reason))

    # -- the court -------------------------------------------------------------------------

    def apply_for_confirmation(
        self, *, applicants: Collection[str], court: str, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """Every party applies jointly to `court` (its id) for judicial confirmation, within
        30 days of the agreement taking effect (人民调解法 第33条). `applicants` names at
        least one party."""
        applying = someone(
            "apply_for_confirmation",
            "applicants",
            applicants,
            f"name the parties who apply ({JOINT_APPLICATION})",
        )
        return self._record(ConfirmationApplied(applicants=applying, court=court, by=by, at=at))

    def withdraw_confirmation(self, *, party: str, by: Actor, at: pendulum.DateTime) -> Self:
        """`party` withdraws the application before the court decides (司法确认规定 第5条)."""
        return self._record(ConfirmationWithdrawn(party=party, by=by, at=at))

    def confirm_agreement(self, *, decision: str, by: Actor, at: pendulum.DateTime) -> Self:
        """The court confirms the agreement (确认决定书 `decision`): it can be enforced."""
        return self._record(AgreementConfirmed(decision=decision, by=by, at=at))

    def refuse_confirmation(
        self, *, decision: str, by: Actor, at: pendulum.DateTime, reason: str
    ) -> Self:
        """The court refuses to confirm (不予确认决定书 `decision`, on a ground of 司法确认规定
        第7条 as `reason`): the parties mediate again (`reopen`) or sue (`refer_to_court`)."""
        return self._record(ConfirmationRefused(decision=decision, by=by, at=at, reason=reason))

    def reopen(self, *, by: Actor, at: pendulum.DateTime, reason: str) -> Self:
        """Mediate again, to change the agreement or reach a new one (人民调解法 第33条第3款):
        after a breach, a dispute over its content or a refused confirmation. The time to
        settle starts afresh."""
        return self._record(Reopened(by=by, at=at, reason=reason))

    def refer_to_court(
        self, *, by: Actor, at: pendulum.DateTime, reason: str | None = None
    ) -> Self:
        """Tell the parties to go to court: to enforce a confirmed agreement that a party
        breached (人民调解法 第33条第2款), otherwise to sue (第32条, 第33条第3款)."""
        route = (
            CourtRoute.ENFORCEMENT
            if self.state is MediationState.CONFIRMED
            else CourtRoute.LITIGATION
        )
        return self._record(ReferredToCourt(route=route, by=by, at=at, reason=reason))

    def close(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Close the case once every obligation is performed (履行完毕，结案归档)."""
        return self._record(CaseClosed(by=by, at=at))

    # -- asking ----------------------------------------------------------------------------

    @property
    def party_ids(self) -> frozenset[str]:
        """The ids of the parties."""
        return frozenset(p.id for p in self.parties)

    @property
    def mediator_ids(self) -> frozenset[str]:
        """The ids of the case's mediators."""
        return frozenset(m.id for m in self.mediators)

    def party_name(self, party_id: str) -> str:
        """``name (id)`` of a party, for messages."""
        name = next((p.name for p in self.parties if p.id == party_id), None)
        return f"{name} ({party_id})" if name else repr(party_id)

    def session(self, session_id: str) -> Session | None:
        """The session with this id, or `None`."""
        return next((s for s in self.sessions if s.id == session_id), None)

    def invitation(self, invitee_id: str) -> Invitation | None:
        """The invitation of the invitee with this id, or `None`."""
        return next((i for i in self.invitations if i.invitee.id == invitee_id), None)

    @property
    def publicity(self) -> PublicityRuling:
        """Whether mediation is held in public, whose request governs and why (人民调解法
        第23条(三)): a request not to mediate in public prevails over one for public."""
        return publicity_of(self)

    def local_day(self, at: pendulum.DateTime) -> pendulum.Date:
        """The local day of `at` in the policy calendar's time zone."""
        return at.in_timezone(self.policy.calendar.tz).date()

    @property
    def outcome(self) -> Outcome | None:
        """An agreement in force or a termination; `None` while mediation goes on."""
        if self.termination is not None:
            return Outcome.TERMINATED
        return Outcome.AGREEMENT if self.concluded_at is not None else None

    @property
    def duration(self) -> pendulum.Duration | None:
        """From opening to the outcome (the agreement taking effect, or termination)."""
        if self.concluded_at is None:
            return None
        return (self.concluded_at - self.created).as_duration()

    @property
    def confirmation_deadline(self) -> Deadline | None:
        """The window to apply for judicial confirmation, once an agreement is in force."""
        agreement = self.agreement
        if agreement is None or agreement.effective_at is None:
            return None
        return self.policy.confirmation_window.start(agreement.effective_at, self.policy.calendar)


if TYPE_CHECKING:
    # The guards and folds of `_mediating` and `_agreed` read a case as a `CaseView`.
    _READ_AS: type[CaseView] = MediationCase
