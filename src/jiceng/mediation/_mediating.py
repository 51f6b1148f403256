"""The commands of a mediation case until an agreement or a termination: for each, its
guards, its fold and its row of the `MEDIATION` table, in table order.

Opening, consent, mediators, proposals that need every party, sessions (a 屋场会 among
them), risk reports, the time limit and termination (人民调解法 第17条 to 第27条;
宁波市人民调解条例 第23条, 第27条).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from jiceng import Label, Source, Transition
from jiceng.mediation._guards import (
    CaseView,
    all_of,
    day,
    missing_parties,
    names,
    party_is_known,
    proposal_of,
    publicity_of,
    strangers,
)
from jiceng.mediation._kinds import (
    BEFORE_AGREEMENT,
    COMMUNITY_ROLES,
    INVITED_ROLES,
    NOT_FINAL,
    UNSETTLED,
    AttendeeRole,
    MediationState,
    OriginKind,
    Publicity,
    SessionKind,
    TerminationGround,
)
from jiceng.mediation._policy import MEDIATION_LAW, NINGBO_REGULATION
from jiceng.mediation._records import Agreement, Proposal, RiskReport, Session, Termination
from jiceng.mediation.events import (
    CaseOpened,
    ConsentGiven,
    MediationRefused,
    MediationTerminated,
    MediatorAssigned,
    MediatorChosen,
    MediatorProposed,
    ProposalAccepted,
    ProposalRejected,
    RiskReported,
    SessionHeld,
    SessionRescheduled,
    SessionScheduled,
    TermsAgreed,
    TermsProposed,
    TimeLimitExtended,
)

__all__ = [
    "ACCEPT_PROPOSAL",
    "AGREE_TERMS",
    "ASSIGN_MEDIATOR",
    "CHOOSE_MEDIATOR",
    "CONSENT",
    "EXTEND_TIME_LIMIT",
    "HOLD_SESSION",
    "OPEN",
    "PROPOSE_MEDIATOR",
    "PROPOSE_TERMS",
    "REFUSE",
    "REJECT_PROPOSAL",
    "REPORT_RISK",
    "RESCHEDULE_SESSION",
    "SCHEDULE_SESSION",
    "TERMINATE",
]


def _ended(termination: Termination) -> dict[str, Any]:
    """Mediation ends without agreement: a pending proposal lapses."""
    return {"termination": termination, "proposal": None, "concluded_at": termination.at}


# -- 受理 open -----------------------------------------------------------------------------


def case_opened(_: None, event: CaseOpened) -> Mapping[str, Any]:
    """An application comes from a party, who thereby consents; the time to settle starts."""
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


OPEN: Transition[MediationState] = Transition(
    command="open",
    event=CaseOpened,
    sources=(),
    target=MediationState.MEDIATING,
    label=Label("受理", "Open"),
    fold=case_opened,
    source=Source(f"{MEDIATION_LAW} 第17条, 第18条"),
)

# -- 同意调解 consent ----------------------------------------------------------------------


def has_not_consented(case: CaseView, event: ConsentGiven) -> str | None:
    """A party consents once (人民调解法 第17条)."""
    if event.party in case.consents:
        return f"{case.party_name(event.party)} has already consented"
    return None


def consent_given(case: CaseView, event: ConsentGiven) -> Mapping[str, Any]:
    return {"consents": case.consents | {event.party}}


CONSENT: Transition[MediationState] = Transition(
    command="consent",
    event=ConsentGiven,
    sources=BEFORE_AGREEMENT,
    target=None,
    label=Label("同意调解", "Consent"),
    guard=all_of(party_is_known, has_not_consented),
    fold=consent_given,
    source=Source(f"{MEDIATION_LAW} 第17条, 第23条"),
)

# -- 拒绝调解 refuse -----------------------------------------------------------------------


def mediation_refused(_: CaseView, event: MediationRefused) -> Mapping[str, Any]:
    ground = TerminationGround.PARTY_REFUSED
    return _ended(Termination(ground=ground, routes=event.routes, at=event.at, party=event.party))


REFUSE: Transition[MediationState] = Transition(
    command="refuse",
    event=MediationRefused,
    sources=UNSETTLED,
    target=MediationState.TERMINATED,
    label=Label("拒绝调解", "Refuse"),
    guard=party_is_known,
    fold=mediation_refused,
    source=Source(f"{MEDIATION_LAW} 第17条, 第23条, 第26条; {NINGBO_REGULATION} 第23条"),
)

# -- 指定调解员 assign_mediator ------------------------------------------------------------


def mediator_is_not_a_party(case: CaseView, event: Any) -> str | None:
    """No one mediates a dispute they are a party to (人民调解法 第15条, 第21条: 公道)."""
    if event.mediator.id in case.party_ids:
        return f"{event.mediator.name} ({event.mediator.id}) is a party and cannot mediate"
    return None


def mediator_is_new(case: CaseView, event: Any) -> str | None:
    """A mediator joins a case once, and is not assigned while the parties consider them."""
    if event.mediator.id in case.mediator_ids:
        return f"{event.mediator.name} already mediates this case"
    proposed = case.proposal.mediator if case.proposal is not None else None
    if proposed is not None and proposed.id == event.mediator.id:
        return f"{event.mediator.name} is proposed and waits for every party's acceptance"
    return None


def mediator_assigned(case: CaseView, event: MediatorAssigned) -> Mapping[str, Any]:
    return {"mediators": (*case.mediators, event.mediator)}


ASSIGN_MEDIATOR: Transition[MediationState] = Transition(
    command="assign_mediator",
    event=MediatorAssigned,
    sources=BEFORE_AGREEMENT,
    target=None,
    label=Label("指定调解员", "Assign a mediator"),
    guard=all_of(mediator_is_not_a_party, mediator_is_new),
    fold=mediator_assigned,
    source=Source(f"{MEDIATION_LAW} 第19条"),
)

# -- 选择调解员 propose_mediator -----------------------------------------------------------


def within_time_limit(case: CaseView, event: Any) -> str | None:
    """Mediation settles within the time limit (一般应当在一个月内调结, 宁波市人民调解条例
    第27条); once it has run out without an extension, only termination remains."""
    if case.deadline.overdue(event.at):
        return (
            f"the time to settle ran out on {day(case.deadline.due)}; "
            "terminate the mediation with a notice (终止调解通知书)"
        )
    return None


def mediator_proposed(_: CaseView, event: MediatorProposed) -> Mapping[str, Any]:
    accepted = frozenset({event.party})
    return {
        "proposal": Proposal(mediator=event.mediator, proposed_by=event.party, accepted_by=accepted)
    }


PROPOSE_MEDIATOR: Transition[MediationState] = Transition(
    command="propose_mediator",
    event=MediatorProposed,
    sources={MediationState.MEDIATING},
    target=MediationState.PROPOSED,
    label=Label("选择调解员", "Propose a mediator"),
    guard=all_of(party_is_known, mediator_is_not_a_party, mediator_is_new, within_time_limit),
    fold=mediator_proposed,
    source=Source(f"{MEDIATION_LAW} 第19条, 第23条"),
)

# -- 提出调解方案 propose_terms ------------------------------------------------------------


def has_a_mediator(case: CaseView, event: Any) -> str | None:
    """Mediation is conducted by a mediator the committee assigned or the parties chose
    (人民调解法 第19条): sessions and terms need one."""
    return None if case.mediators else "no mediator has been assigned or chosen yet"


def obligors_are_parties(case: CaseView, event: TermsProposed) -> str | None:
    """Each obligation binds a party to the case (人民调解法 第29条)."""
    for obligation in event.terms.obligations:
        if obligation.obligor not in case.party_ids:
            return f"obligation {obligation.id!r} binds {obligation.obligor!r}, not a party"
    return None


def terms_proposed(_: CaseView, event: TermsProposed) -> Mapping[str, Any]:
    party = event.party
    accepted = frozenset() if party is None else frozenset({party})
    return {"proposal": Proposal(terms=event.terms, proposed_by=party, accepted_by=accepted)}


PROPOSE_TERMS: Transition[MediationState] = Transition(
    command="propose_terms",
    event=TermsProposed,
    sources={MediationState.MEDIATING},
    target=MediationState.PROPOSED,
    label=Label("提出调解方案", "Propose terms"),
    guard=all_of(party_is_known, has_a_mediator, obligors_are_parties, within_time_limit),
    fold=terms_proposed,
    source=Source(f"{MEDIATION_LAW} 第22条"),
)

# -- 接受方案 accept_proposal --------------------------------------------------------------


def has_not_accepted(case: CaseView, event: Any) -> str | None:
    """A party accepts a proposal once."""
    proposal = case.proposal
    if proposal is not None and event.party in proposal.accepted_by:
        return f"{case.party_name(event.party)} has already accepted the proposal"
    return None


def proposal_accepted(case: CaseView, event: ProposalAccepted) -> Mapping[str, Any]:
    proposal = proposal_of(case)
    return {"proposal": attrs.evolve(proposal, accepted_by=proposal.accepted_by | {event.party})}


ACCEPT_PROPOSAL: Transition[MediationState] = Transition(
    command="accept_proposal",
    event=ProposalAccepted,
    sources={MediationState.PROPOSED},
    target=None,
    label=Label("接受方案", "Accept the proposal"),
    guard=all_of(party_is_known, has_not_accepted, within_time_limit),
    fold=proposal_accepted,
    source=Source(f"{MEDIATION_LAW} 第23条"),
)

# -- 各方同意调解员 choose_mediator (recorded by accept_proposal, the last acceptance) ------


def completes_the_proposal(case: CaseView, event: MediatorChosen | TermsAgreed) -> str | None:
    """A proposal takes effect only when every party has accepted it (双方同意; 人民调解法
    第23条: 选择或者接受人民调解员, 自愿达成调解协议)."""
    proposal = proposal_of(case)
    missing = missing_parties(case, proposal.accepted_by | {event.party})
    if missing:
        return f"the proposal still waits for {missing}"
    wanted = "terms" if isinstance(event, TermsAgreed) else "a mediator"
    if (proposal.terms is not None) != isinstance(event, TermsAgreed):
        return f"the pending proposal is not about {wanted}"
    return None


def mediator_chosen(case: CaseView, _: MediatorChosen) -> Mapping[str, Any]:
    chosen = proposal_of(case).mediator
    assert chosen is not None
    return {"proposal": None, "mediators": (*case.mediators, chosen)}


CHOOSE_MEDIATOR: Transition[MediationState] = Transition(
    command="choose_mediator",
    event=MediatorChosen,
    sources={MediationState.PROPOSED},
    target=MediationState.MEDIATING,
    label=Label("各方同意调解员", "Every party accepts the mediator"),
    guard=all_of(party_is_known, completes_the_proposal, within_time_limit),
    fold=mediator_chosen,
    source=Source(f"{MEDIATION_LAW} 第19条, 第23条(一)"),
)

# -- 达成调解协议 agree_terms (recorded by accept_proposal, the last acceptance) ------------


def terms_agreed(case: CaseView, event: TermsAgreed) -> Mapping[str, Any]:
    agreed = proposal_of(case).terms
    assert agreed is not None
    return {"proposal": None, "agreement": Agreement(terms=agreed, agreed_at=event.at)}


AGREE_TERMS: Transition[MediationState] = Transition(
    command="agree_terms",
    event=TermsAgreed,
    sources={MediationState.PROPOSED},
    target=MediationState.AGREED,
    label=Label("达成调解协议", "Every party accepts the terms"),
    guard=all_of(party_is_known, completes_the_proposal, within_time_limit),
    fold=terms_agreed,
    source=Source(f"{MEDIATION_LAW} 第22条, 第23条(四)"),
)

# -- 拒绝方案 reject_proposal --------------------------------------------------------------


def proposal_rejected(_: CaseView, __: ProposalRejected) -> Mapping[str, Any]:
    return {"proposal": None}


REJECT_PROPOSAL: Transition[MediationState] = Transition(
    command="reject_proposal",
    event=ProposalRejected,
    sources={MediationState.PROPOSED},
    target=MediationState.MEDIATING,
    label=Label("拒绝方案", "Reject the proposal"),
    guard=party_is_known,
    fold=proposal_rejected,
    source=Source(f"{MEDIATION_LAW} 第23条"),
)

# -- 安排调解 schedule_session -------------------------------------------------------------


def session_is_new(case: CaseView, event: SessionScheduled) -> str | None:
    """Each session has its own id."""
    if case.session(event.session_id) is not None:
        return f"session {event.session_id!r} is already scheduled"
    return None


def session_follows_publicity(case: CaseView, event: SessionScheduled | SessionHeld) -> str | None:
    """A session is held in public or not as the governing request of a party asks
    (人民调解法 第23条(三); `MediationCase.publicity` says whose request governs and why).
    A 屋场会 is always in public: it is refused when a party asked for mediation not in
    public. Checked when a session is scheduled and again when it is held, since a request
    may come in between."""
    ruling = publicity_of(case)
    if isinstance(event, SessionScheduled):
        session_id, kind, publicity = event.session_id, event.kind, event.publicity
    else:
        session = case.session(event.session_id)
        assert session is not None, "session_is_pending runs first"
        session_id, kind, publicity = session.id, session.kind, session.publicity
    if ruling.publicity is None or ruling.publicity is publicity:
        return None
    what = "a 屋场会, held in public" if kind is SessionKind.HOUSE_MEETING else "in public"
    if publicity is Publicity.NOT_PUBLIC:
        what = "not in public"
    asked = "not be" if ruling.publicity is Publicity.NOT_PUBLIC else "be"
    return (
        f"session {session_id!r} is {what}, but {names(case, ruling.governed_by)} asked that "
        f"mediation {asked} held in public ({MEDIATION_LAW} 第23条(三))"
    )


def session_scheduled(case: CaseView, event: SessionScheduled) -> Mapping[str, Any]:
    session = Session(
        id=event.session_id,
        kind=event.kind,
        place=event.place,
        publicity=event.publicity,
        scheduled_for=event.scheduled_for,
    )
    return {"sessions": (*case.sessions, session)}


SCHEDULE_SESSION: Transition[MediationState] = Transition(
    command="schedule_session",
    event=SessionScheduled,
    sources=BEFORE_AGREEMENT,
    target=None,
    label=Label("安排调解", "Schedule a session"),
    guard=all_of(session_is_new, has_a_mediator, session_follows_publicity, within_time_limit),
    fold=session_scheduled,
    source=Source(f"{MEDIATION_LAW} 第21条, 第23条(三)"),
)

# -- 调解改期 reschedule_session -----------------------------------------------------------


def session_is_pending(case: CaseView, event: SessionHeld | SessionRescheduled) -> str | None:
    """A session is held once, after it was scheduled; it can be moved until it is held."""
    session = case.session(event.session_id)
    if session is None:
        return f"session {event.session_id!r} was never scheduled"
    if session.held_at is not None:
        return f"session {event.session_id!r} was already held"
    return None


def _with_session(case: CaseView, session_id: str, **changes: Any) -> Mapping[str, Any]:
    """The fold of an event that changes one session."""
    return {
        "sessions": tuple(
            attrs.evolve(s, **changes) if s.id == session_id else s for s in case.sessions
        )
    }


def session_rescheduled(case: CaseView, event: SessionRescheduled) -> Mapping[str, Any]:
    return _with_session(case, event.session_id, scheduled_for=event.scheduled_for)


RESCHEDULE_SESSION: Transition[MediationState] = Transition(
    command="reschedule_session",
    event=SessionRescheduled,
    sources=BEFORE_AGREEMENT,
    target=None,
    label=Label("调解改期", "Reschedule a session"),
    guard=all_of(session_is_pending, within_time_limit),
    fold=session_rescheduled,
    source=Source(f"{MEDIATION_LAW} 第21条"),
)

# -- 进行调解 hold_session -----------------------------------------------------------------


def attendees_fit(case: CaseView, event: SessionHeld) -> str | None:
    """Parties and mediators attend under their case ids, each once, and a mediator of the
    case conducts the session (人民调解法 第19条, 第22条)."""
    seen: set[str] = set()
    for attendee in event.attendees:
        if attendee.id in seen:
            return f"{attendee.name} ({attendee.id}) is listed twice"
        seen.add(attendee.id)
        if attendee.role is AttendeeRole.PARTY and attendee.id not in case.party_ids:
            return f"{attendee.name} ({attendee.id}) attends as a party but is not one"
        if attendee.role is AttendeeRole.MEDIATOR and attendee.id not in case.mediator_ids:
            return f"{attendee.name} ({attendee.id}) attends as a mediator but is not one"
        if attendee.role is not AttendeeRole.PARTY and attendee.id in case.party_ids:
            return f"{attendee.name} ({attendee.id}) is a party and attends only as one"
    if not any(a.role is AttendeeRole.MEDIATOR for a in event.attendees):
        return "no mediator of the case attended the session"
    return None


def house_meeting_brings_everyone(case: CaseView, event: SessionHeld) -> str | None:
    """A 屋场会 seats every party face to face with the community: party members,
    respected locals (乡贤), officials or residents' representatives (娄底 屋场会)."""
    session = case.session(event.session_id)
    if session is None or session.kind is not SessionKind.HOUSE_MEETING:
        return None
    missing = missing_parties(case, (a.id for a in event.attendees if a.role is AttendeeRole.PARTY))
    if missing:
        return f"a 屋场会 brings every party face to face; {missing} did not attend"
    if not any(a.role in COMMUNITY_ROLES for a in event.attendees):
        return "a 屋场会 needs party members, respected locals, officials or residents present"
    return None


def invitees_agreed(case: CaseView, event: SessionHeld) -> str | None:
    """Anyone but the parties and the mediators takes part on a mediator's invitation that
    every party agreed to (人民调解法 第20条: 在征得当事人的同意后), in the capacity they
    were invited in: a relative, neighbour, colleague, expert or someone from a social
    organisation always; one of the community (a party member, 乡贤, an official, a
    residents' representative) too when the session is not held in public, for a public
    session (a 屋场会) is open to them. A party that refused, or has not yet agreed, is
    named with the invitee."""
    session = case.session(event.session_id)
    assert session is not None, "session_is_pending runs first"
    for attendee in event.attendees:
        if attendee.role in (AttendeeRole.PARTY, AttendeeRole.MEDIATOR):
            continue
        who = f"{attendee.name} ({attendee.id})"
        invitation = case.invitation(attendee.id)
        if invitation is None:
            if attendee.role in INVITED_ROLES:
                return (
                    f"{who} attends as {attendee.role.en.lower()} ({attendee.role.zh}) but was "
                    f"never invited; a mediator invites with the parties' consent "
                    f"({MEDIATION_LAW} 第20条)"
                )
            if session.publicity is Publicity.NOT_PUBLIC:
                return (
                    f"{who} was not invited, and session {session.id!r} is not held in public: "
                    "it admits the parties, the mediators and the invitees every party agreed "
                    f"to ({MEDIATION_LAW} 第20条, 第23条(三))"
                )
            continue
        if attendee.role is not invitation.invitee.capacity:
            invited_as = invitation.invitee.capacity
            return f"{who} was invited as {invited_as.zh}, not as {attendee.role.zh}"
        refused = invitation.refused_by & case.party_ids
        if refused:
            return (
                f"{names(case, refused)} refused {who} as {invitation.invitee.capacity.zh}; "
                f"an invitee takes part only with every party's consent ({MEDIATION_LAW} 第20条)"
            )
        missing = missing_parties(case, invitation.agreed_by)
        if missing:
            have = "have" if len(case.party_ids - invitation.agreed_by) > 1 else "has"
            return (
                f"{missing} {have} not agreed to {who} as {invitation.invitee.capacity.zh}; an "
                f"invitee takes part only with every party's consent ({MEDIATION_LAW} 第20条)"
            )
    return None


def session_held(case: CaseView, event: SessionHeld) -> Mapping[str, Any]:
    return _with_session(
        case, event.session_id, held_at=event.at, attendees=event.attendees, record=event.record
    )


HOLD_SESSION: Transition[MediationState] = Transition(
    command="hold_session",
    event=SessionHeld,
    sources=BEFORE_AGREEMENT,
    target=None,
    label=Label("进行调解", "Hold a session"),
    guard=all_of(
        session_is_pending,
        attendees_fit,
        house_meeting_brings_everyone,
        invitees_agreed,
        session_follows_publicity,
        within_time_limit,
    ),
    fold=session_held,
    source=Source(f"{MEDIATION_LAW} 第20条, 第22条, 第23条(三), 第27条"),
)

# -- 报告激化风险 report_risk --------------------------------------------------------------


def risk_reported(case: CaseView, event: RiskReported) -> Mapping[str, Any]:
    report = RiskReport(
        at=event.at, risk=event.risk, reported_to=event.reported_to, measures=event.measures
    )
    return {"risk_reports": (*case.risk_reports, report)}


REPORT_RISK: Transition[MediationState] = Transition(
    command="report_risk",
    event=RiskReported,
    sources=NOT_FINAL,
    target=None,
    label=Label("报告激化风险", "Report a risk of escalation"),
    fold=risk_reported,
    source=Source(f"{MEDIATION_LAW} 第25条"),
)

# -- 延长调解期限 extend_time_limit --------------------------------------------------------


def every_party_asked(case: CaseView, event: TimeLimitExtended) -> str | None:
    """The time limit is extended only when every party asks (宁波市人民调解条例 第27条:
    双方当事人要求延长的)."""
    unknown = strangers(case, event.requested_by)
    if unknown:
        return f"{unknown} is not a party to the case"
    missing = missing_parties(case, event.requested_by)
    if missing:
        return f"an extension needs every party's request; {missing} did not ask"
    return None


def time_limit_extended(case: CaseView, event: TimeLimitExtended) -> Mapping[str, Any]:
    return {"deadline": case.deadline.extend(event.length, event.at, event.by, event.reason or "")}


EXTEND_TIME_LIMIT: Transition[MediationState] = Transition(
    command="extend_time_limit",
    event=TimeLimitExtended,
    sources=BEFORE_AGREEMENT,
    target=None,
    label=Label("延长调解期限", "Extend the time limit"),
    guard=every_party_asked,
    fold=time_limit_extended,
    source=Source(f"{NINGBO_REGULATION} 第27条"),
)

# -- 终止调解 terminate --------------------------------------------------------------------


def time_limit_has_run_out(case: CaseView, event: MediationTerminated) -> str | None:
    """Termination for the time limit only once it has run out (宁波市人民调解条例 第27条)."""
    if event.ground is TerminationGround.TIME_LIMIT and not case.deadline.overdue(event.at):
        return f"the time to settle runs until the end of {day(case.deadline.due)}"
    return None


def mediation_terminated(_: CaseView, event: MediationTerminated) -> Mapping[str, Any]:
    return _ended(Termination(ground=event.ground, routes=event.routes, at=event.at))


TERMINATE: Transition[MediationState] = Transition(
    command="terminate",
    event=MediationTerminated,
    sources=UNSETTLED,
    target=MediationState.TERMINATED,
    label=Label("终止调解", "Terminate"),
    guard=time_limit_has_run_out,
    fold=mediation_terminated,
    source=Source(f"{MEDIATION_LAW} 第26条; {NINGBO_REGULATION} 第23条, 第27条"),
)
