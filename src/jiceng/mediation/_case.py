"""The mediation case (调解案件): the aggregate that the mediation machine drives."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any, Self, TypeVar, cast

import attrs
import pendulum

from jiceng import Actor, CountedRule, Deadline, Entity, Event
from jiceng.exceptions import FieldError, ValidationError
from jiceng.mediation._events import (
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
    MediationRefused,
    MediationTerminated,
    MediatorAssigned,
    MediatorChosen,
    MediatorProposed,
    ObligationBreached,
    ObligationPerformed,
    OralAgreementRecorded,
    ProposalAccepted,
    ProposalRejected,
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
from jiceng.mediation._machine import MEDIATION, MediationState
from jiceng.mediation._policy import DEFAULT_POLICY, MediationPolicy
from jiceng.mediation._values import (
    Agreement,
    AgreementForm,
    Attendee,
    Confirmation,
    CourtRoute,
    Dispute,
    FollowUp,
    Mark,
    Mediator,
    Origin,
    OriginKind,
    Outcome,
    Party,
    Performance,
    Proposal,
    Responsibility,
    RiskReport,
    Route,
    Session,
    SessionKind,
    Signature,
    Termination,
    TerminationGround,
    Terms,
    is_text,
    unique_ids,
)

__all__ = ["MediationCase"]

T = TypeVar("T")


def _text(value: str, path: str, subject: str) -> str:
    if not is_text(value):
        raise ValidationError.single(path, "must be non-empty text", subject=subject)
    return value


def _items(
    values: Iterable[object], kind: type[T], path: str, subject: str, *, at_least: int = 0
) -> tuple[T, ...]:
    """`values` as a tuple, each a `kind` (non-empty text for `str`), at least `at_least`."""
    if isinstance(values, str):
        raise ValidationError.single(path, "must be a list, not one string", subject=subject)
    items = tuple(values)
    wrong = "must be non-empty text" if kind is str else f"must be a {kind.__name__}"
    errors = [
        FieldError(f"{path}[{i}]", wrong)
        for i, item in enumerate(items)
        if not (is_text(item) if kind is str else isinstance(item, kind))
    ]
    if len(items) < at_least:
        errors.append(FieldError(path, f"needs at least {at_least} entry"))
    if errors:
        raise ValidationError(errors, subject=subject)
    return cast("tuple[T, ...]", items)


def _not_before(scheduled_for: object, at: pendulum.DateTime) -> None:
    """A session is scheduled for an aware instant, not before the scheduling itself."""
    if getattr(scheduled_for, "tzinfo", None) is None:
        msg = "must be an aware pendulum.DateTime"
        raise ValidationError.single("scheduled_for", msg, subject="session")
    if cast("pendulum.DateTime", scheduled_for) < at:
        msg = f"{scheduled_for} is before the scheduling itself ({at})"
        raise ValidationError.single("scheduled_for", msg, subject="session")


def _routes(routes: Collection[Route], subject: str) -> frozenset[Route]:
    """The routes told to the parties: at least one (人民调解法 第26条)."""
    if not routes:
        msg = "tell the parties at least one other route (人民调解法 第26条)"
        raise ValidationError.single("routes", msg, subject=subject)
    return frozenset(_items(routes, Route, "routes", subject))


def _date(value: object, path: str, subject: str) -> pendulum.Date:
    if type(value) is not pendulum.Date:
        msg = f"must be a pendulum.Date, got {type(value).__name__}"
        raise ValidationError.single(path, msg, subject=subject)
    return value


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
        id: str,
        parties: Sequence[Party],
        dispute: Dispute,
        origin: Origin,
        committee: Actor,
        by: Actor,
        at: pendulum.DateTime,
        policy: MediationPolicy = DEFAULT_POLICY,
    ) -> MediationCase:
        """Register a case (受理): at least two parties, each with its own id; an
        application comes from one of them (人民调解法 第17条), who thereby consents."""
        parties = tuple(parties)
        errors = []
        if not is_text(id):
            errors.append(FieldError("id", "must be non-empty text"))
        if len(parties) < 2:
            errors.append(
                FieldError("parties", f"a dispute has two parties or more, not {len(parties)}")
            )
        errors += unique_ids(parties, "parties")
        if origin.kind is OriginKind.APPLICATION and origin.ref not in {p.id for p in parties}:
            errors.append(FieldError("origin.ref", f"the applicant {origin.ref!r} is not a party"))
        if errors:
            raise ValidationError(errors, subject="mediation case")
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
        told = _routes(routes, "refusal")
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
            FieldError(f"terms.obligations[{i}].due", f"{o.due} is before today, {today}")
            for i, o in enumerate(terms.obligations)
            if o.due < today
        ]
        if errors:
            raise ValidationError(errors, subject="terms")
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

    # -- sessions --------------------------------------------------------------------------

    def schedule_session(
        self,
        *,
        session_id: str,
        kind: SessionKind,
        place: str,
        scheduled_for: pendulum.DateTime,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """Schedule a session (安排调解) at `place`, not in the past."""
        event = SessionScheduled(
            session_id=_text(session_id, "session_id", "session"),
            kind=kind,
            place=_text(place, "place", "session"),
            scheduled_for=scheduled_for,
            by=by,
            at=at,
        )
        _not_before(scheduled_for, event.at)
        return self._record(event)

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
        event = SessionRescheduled(
            session_id=session_id,
            scheduled_for=scheduled_for,
            reason=_text(reason, "reason", "session"),
            by=by,
            at=at,
        )
        _not_before(scheduled_for, event.at)
        return self._record(event)

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
                attendees=_items(attendees, Attendee, "attendees", "session"),
                record=_text(record, "record", "session"),
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
                risk=_text(risk, "risk", "risk report"),
                reported_to=_text(reported_to, "reported_to", "risk report"),
                measures=_items(measures, str, "measures", "risk report"),
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
        第27条), before it runs out and within the policy's bound (`DeadlineError` if not)."""
        return self._record(
            TimeLimitExtended(
                requested_by=frozenset(
                    _items(requested_by, str, "requested_by", "extension", at_least=1)
                ),
                length=length,
                by=by,
                at=at,
                reason=_text(reason, "reason", "extension"),
            )
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
            raise ValidationError.single("ground", msg, subject="termination")
        told = _routes(routes, "termination")
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
        agreed terms (with each obligation's method and deadline)."""
        return self._record(
            AgreementDrawnUp(
                facts=_text(facts, "facts", "agreement"),
                disputed_matters=_items(
                    disputed_matters, str, "disputed_matters", "agreement", at_least=1
                ),
                responsibilities=_items(
                    responsibilities, Responsibility, "responsibilities", "agreement"
                ),
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
        event = FollowUpPlanned(on=_date(on, "on", "follow-up"), by=by, at=at)
        if on < self.local_day(event.at):
            msg = f"{on} is before today, {self.local_day(event.at)}"
            raise ValidationError.single("on", msg, subject="follow-up")
        return self._record(event)

    def follow_up(self, *, note: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Make a follow-up visit (回访, 人民调解法 第31条) and note what it found; it makes
        the earliest planned visit not yet made, if any."""
        return self._record(FollowedUp(note=_text(note, "note", "follow-up"), by=by, at=at))

    def record_performance(
        self, *, obligation: str, on: pendulum.Date, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """Record that `obligation` was performed on the local day `on` (not in the future);
        after its due day, it counts as performed late."""
        event = ObligationPerformed(
            obligation=obligation, on=_date(on, "on", "performance"), by=by, at=at
        )
        if on > self.local_day(event.at):
            msg = f"{on} is after today, {self.local_day(event.at)}"
            raise ValidationError.single("on", msg, subject="performance")
        return self._record(event)

    def record_breach(
        self, *, obligation: str, by: Actor, at: pendulum.DateTime, reason: str
    ) -> Self:
        """Record that `obligation` was not performed as agreed (未履行), and why."""
        return self._record(
            ObligationBreached(
                obligation=obligation, by=by, at=at, reason=_text(reason, "reason", "breach")
            )
        )

    # -- the court -------------------------------------------------------------------------

    def apply_for_confirmation(
        self, *, applicants: Collection[str], court: str, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """Every party applies jointly to `court` (its id) for judicial confirmation, within
        30 days of the agreement taking effect (人民调解法 第33条)."""
        return self._record(
            ConfirmationApplied(
                applicants=frozenset(
                    _items(applicants, str, "applicants", "application", at_least=1)
                ),
                court=_text(court, "court", "application"),
                by=by,
                at=at,
            )
        )

    def withdraw_confirmation(self, *, party: str, by: Actor, at: pendulum.DateTime) -> Self:
        """`party` withdraws the application before the court decides (司法确认规定 第5条)."""
        return self._record(ConfirmationWithdrawn(party=party, by=by, at=at))

    def confirm_agreement(self, *, decision: str, by: Actor, at: pendulum.DateTime) -> Self:
        """The court confirms the agreement (确认决定书 `decision`): it can be enforced."""
        return self._record(
            AgreementConfirmed(decision=_text(decision, "decision", "decision"), by=by, at=at)
        )

    def refuse_confirmation(
        self, *, decision: str, by: Actor, at: pendulum.DateTime, reason: str
    ) -> Self:
        """The court refuses to confirm (不予确认决定书 `decision`, on a ground of 司法确认规定
        第7条 as `reason`): the parties mediate again (`reopen`) or sue (`refer_to_court`)."""
        return self._record(
            ConfirmationRefused(
                decision=_text(decision, "decision", "decision"),
                by=by,
                at=at,
                reason=_text(reason, "reason", "decision"),
            )
        )

    def reopen(self, *, by: Actor, at: pendulum.DateTime, reason: str) -> Self:
        """Mediate again, to change the agreement or reach a new one (人民调解法 第33条第3款):
        after a breach, a dispute over its content or a refused confirmation. The time to
        settle starts afresh."""
        return self._record(Reopened(by=by, at=at, reason=_text(reason, "reason", "reopening")))

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

    # -- folding ---------------------------------------------------------------------------

    @classmethod
    def _created(cls, event: Event) -> Mapping[str, Any]:
        assert isinstance(event, CaseOpened)
        policy = event.policy
        origin = event.origin
        applicant = origin.ref if origin.kind is OriginKind.APPLICATION else None
        return {
            "id": event.case_id,
            "parties": event.parties,
            "dispute": event.dispute,
            "origin": origin,
            "committee": event.committee,
            "policy": policy,
            "deadline": policy.time_limit.start(event.at, policy.calendar),
            "consents": frozenset() if applicant is None else frozenset({applicant}),
        }

    def _apply(self, event: Event) -> Mapping[str, Any] | None:  # noqa: PLR0911, PLR0912, PLR0915 - one branch per event
        match event:
            case ConsentGiven(party=party):
                return {"consents": self.consents | {party}}
            case MediationRefused(party=party, routes=routes):
                ground = TerminationGround.PARTY_REFUSED
                return self._ended(
                    Termination(ground=ground, routes=routes, at=event.at, party=party)
                )
            case MediationTerminated(ground=ground, routes=routes):
                return self._ended(Termination(ground=ground, routes=routes, at=event.at))
            case MediatorAssigned(mediator=mediator):
                return {"mediators": (*self.mediators, mediator)}
            case MediatorProposed(mediator=mediator, party=party):
                return {
                    "proposal": Proposal(
                        mediator=mediator, proposed_by=party, accepted_by=frozenset({party})
                    )
                }
            case TermsProposed(terms=terms, party=party):
                accepted = frozenset() if party is None else frozenset({party})
                return {"proposal": Proposal(terms=terms, proposed_by=party, accepted_by=accepted)}
            case ProposalAccepted(party=party):
                proposal = self._proposal()
                accepted = proposal.accepted_by | {party}
                return {"proposal": attrs.evolve(proposal, accepted_by=accepted)}
            case ProposalRejected():
                return {"proposal": None}
            case MediatorChosen():
                chosen = self._proposal().mediator
                assert chosen is not None
                return {"proposal": None, "mediators": (*self.mediators, chosen)}
            case TermsAgreed():
                agreed = self._proposal().terms
                assert agreed is not None
                return {"proposal": None, "agreement": Agreement(terms=agreed, agreed_at=event.at)}
            case SessionScheduled():
                session = Session(
                    id=event.session_id,
                    kind=event.kind,
                    place=event.place,
                    scheduled_for=event.scheduled_for,
                )
                return {"sessions": (*self.sessions, session)}
            case SessionRescheduled(session_id=session_id, scheduled_for=scheduled_for):
                moved = tuple(
                    attrs.evolve(s, scheduled_for=scheduled_for) if s.id == session_id else s
                    for s in self.sessions
                )
                return {"sessions": moved}
            case SessionHeld(session_id=session_id, attendees=attendees, record=record):
                held = tuple(
                    attrs.evolve(s, held_at=event.at, attendees=attendees, record=record)
                    if s.id == session_id
                    else s
                    for s in self.sessions
                )
                return {"sessions": held}
            case RiskReported(risk=risk, reported_to=reported_to, measures=measures):
                report = RiskReport(
                    at=event.at, risk=risk, reported_to=reported_to, measures=measures
                )
                return {"risk_reports": (*self.risk_reports, report)}
            case TimeLimitExtended(length=length):
                extended = self.deadline.extend(length, event.at, event.by, event.reason or "")
                return {"deadline": extended}
            case OralAgreementRecorded(mediator=mediator):
                agreement = self._agreement()
                return {
                    "agreement": attrs.evolve(
                        agreement,
                        form=AgreementForm.ORAL,
                        recorded_by=mediator,
                        effective_at=agreement.agreed_at,
                    ),
                    "concluded_at": agreement.agreed_at,
                }
            case AgreementDrawnUp():
                return self._agreed(
                    form=AgreementForm.WRITTEN,
                    facts=event.facts,
                    disputed_matters=event.disputed_matters,
                    responsibilities=event.responsibilities,
                )
            case AgreementSigned(signer=signer, mark=mark):
                signature = Signature(signer=signer, mark=mark, at=event.at)
                return self._agreed(signatures=(*self._agreement().signatures, signature))
            case AgreementSealed():
                return {**self._agreed(effective_at=event.at), "concluded_at": event.at}
            case FollowUpPlanned(on=on):
                return self._agreed(
                    follow_ups=(*self._agreement().follow_ups, FollowUp(planned_on=on))
                )
            case FollowedUp(note=note):
                return self._agreed(follow_ups=self._visited(note, event.at))
            case ObligationPerformed(obligation=obligation, on=on):
                done = Performance(obligation=obligation, on=on)
                return self._agreed(performances=(*self._agreement().performances, done))
            case ObligationBreached(obligation=obligation):
                return self._agreed(breached=self._agreement().breached | {obligation})
            case ConfirmationApplied(applicants=applicants, court=court):
                application = Confirmation(applicants=applicants, court=court, applied_at=event.at)
                return self._agreed(confirmation=application)
            case ConfirmationWithdrawn():
                return self._agreed(confirmation=None)
            case AgreementConfirmed(decision=decision) | ConfirmationRefused(decision=decision):
                confirmed = isinstance(event, AgreementConfirmed)
                pending = self._agreement().confirmation
                assert pending is not None
                decided = attrs.evolve(
                    pending, decided_at=event.at, confirmed=confirmed, decision=decision
                )
                return self._agreed(confirmation=decided)
            case Reopened():
                restarted = self.policy.time_limit.start(event.at, self.policy.calendar)
                return {"agreement": None, "concluded_at": None, "deadline": restarted}
            case ReferredToCourt(route=route):
                return {"court_route": route}
        return None  # CaseClosed: the state says it all

    def _proposal(self) -> Proposal:
        assert self.proposal is not None, "the machine table allows this only with a proposal"
        return self.proposal

    def _agreement(self) -> Agreement:
        assert self.agreement is not None, "the machine table allows this only with an agreement"
        return self.agreement

    def _agreed(self, **changes: Any) -> dict[str, Any]:
        return {"agreement": attrs.evolve(self._agreement(), **changes)}

    def _ended(self, termination: Termination) -> dict[str, Any]:
        return {"termination": termination, "proposal": None, "concluded_at": termination.at}

    def _visited(self, note: str, at: pendulum.DateTime) -> tuple[FollowUp, ...]:
        """The follow-ups with the earliest planned visit made, or an unplanned one added."""
        follow_ups = self._agreement().follow_ups
        open_plans = [
            (f.planned_on, i)
            for i, f in enumerate(follow_ups)
            if f.visited_at is None and f.planned_on is not None
        ]
        if not open_plans:
            return (*follow_ups, FollowUp(visited_at=at, note=note))
        _, index = min(open_plans)
        made = attrs.evolve(follow_ups[index], visited_at=at, note=note)
        return (*follow_ups[:index], made, *follow_ups[index + 1 :])
