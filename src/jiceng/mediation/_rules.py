"""The rules of mediation, each a named guard: `(case, proposed event) -> reason | None`.

A guard sees the case and the event a command proposes; it returns `None` to allow the
transition, or a sentence a caseworker can read. Each rule names its source. The machine
table in `_machine` puts them on its rows, combined with `all_of` where a row has several.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jiceng import Guard
from jiceng.mediation._events import (
    AgreementDrawnUp,
    AgreementSealed,
    AgreementSigned,
    CaseClosed,
    ConfirmationApplied,
    ConsentGiven,
    MediationTerminated,
    MediatorChosen,
    ObligationBreached,
    OralAgreementRecorded,
    ReferredToCourt,
    SessionHeld,
    SessionRescheduled,
    SessionScheduled,
    TermsAgreed,
    TermsProposed,
    TimeLimitExtended,
)
from jiceng.mediation._values import (
    COMMUNITY_ROLES,
    Agreement,
    AttendeeRole,
    CourtRoute,
    Mark,
    ObligationStatus,
    SessionKind,
    TerminationGround,
)

if TYPE_CHECKING:
    import pendulum

    from jiceng.mediation._case import MediationCase

__all__ = [
    "all_of",
    "applicants_are_parties",
    "application_is_joint",
    "attendees_fit",
    "completes_the_proposal",
    "enforcement_needs_a_breach",
    "every_obligation_performed",
    "every_party_asked",
    "every_signature_present",
    "has_a_mediator",
    "has_not_accepted",
    "has_not_consented",
    "house_meeting_brings_everyone",
    "mediator_is_new",
    "mediator_is_not_a_party",
    "not_yet_breached",
    "obligation_is_open",
    "obligors_are_parties",
    "oral_only_if_performed_at_once",
    "party_is_known",
    "recorded_by_a_mediator",
    "responsibilities_cover_each_party",
    "session_is_new",
    "session_is_pending",
    "signer_may_sign",
    "time_limit_has_run_out",
    "within_confirmation_window",
    "within_time_limit",
]


def all_of(*rules: Guard) -> Guard:
    """One guard that applies `rules` in order and gives the first refusal."""

    def guard(case: Any, event: Any) -> str | None:
        for rule in rules:
            reason = rule(case, event)
            if reason is not None:
                return reason
        return None

    guard.__name__ = " & ".join(getattr(rule, "__name__", repr(rule)) for rule in rules)
    return guard


def _day(at: pendulum.DateTime) -> str:
    return at.to_date_string()


def _agreement(case: MediationCase) -> Agreement:
    agreement = case.agreement
    assert agreement is not None, "the machine table allows this only with an agreement"
    return agreement


# -- parties and mediators -----------------------------------------------------------------


def party_is_known(case: MediationCase, event: Any) -> str | None:
    """The party acting (consenting, accepting, refusing, proposing) is a party to the case;
    a terms proposal by the mediator names no party."""
    party = event.party
    if party is None or party in case.party_ids:
        return None
    return f"{party!r} is not a party to the case"


def has_not_consented(case: MediationCase, event: ConsentGiven) -> str | None:
    """A party consents once (人民调解法 第17条)."""
    if event.party in case.consents:
        return f"{case.party_name(event.party)} has already consented"
    return None


def mediator_is_not_a_party(case: MediationCase, event: Any) -> str | None:
    """No one mediates a dispute they are a party to (人民调解法 第15条, 第21条: 公道)."""
    if event.mediator.id in case.party_ids:
        return f"{event.mediator.name} ({event.mediator.id}) is a party and cannot mediate"
    return None


def mediator_is_new(case: MediationCase, event: Any) -> str | None:
    """A mediator joins a case once, and is not assigned while the parties consider them."""
    if event.mediator.id in case.mediator_ids:
        return f"{event.mediator.name} already mediates this case"
    proposed = case.proposal.mediator if case.proposal is not None else None
    if proposed is not None and proposed.id == event.mediator.id:
        return f"{event.mediator.name} is proposed and waits for every party's acceptance"
    return None


def has_a_mediator(case: MediationCase, event: Any) -> str | None:
    """Mediation is conducted by a mediator the committee assigned or the parties chose
    (人民调解法 第19条): sessions and terms need one."""
    return None if case.mediators else "no mediator has been assigned or chosen yet"


# -- the time limit to settle --------------------------------------------------------------


def within_time_limit(case: MediationCase, event: Any) -> str | None:
    """Mediation settles within the time limit (一般应当在一个月内调结, 宁波市人民调解条例
    第27条); once it has run out without an extension, only termination remains."""
    if case.deadline.overdue(event.at):
        return (
            f"the time to settle ran out on {_day(case.deadline.due)}; "
            "terminate the mediation with a notice (终止调解通知书)"
        )
    return None


def every_party_asked(case: MediationCase, event: TimeLimitExtended) -> str | None:
    """The time limit is extended only when every party asks (宁波市人民调解条例 第27条:
    双方当事人要求延长的)."""
    strangers = sorted(event.requested_by - case.party_ids)
    if strangers:
        return f"{', '.join(map(repr, strangers))} is not a party to the case"
    missing = [case.party_name(p) for p in sorted(case.party_ids - event.requested_by)]
    if missing:
        return f"an extension needs every party's request; {', '.join(missing)} did not ask"
    return None


def time_limit_has_run_out(case: MediationCase, event: MediationTerminated) -> str | None:
    """Termination for the time limit only once it has run out (宁波市人民调解条例 第27条)."""
    if event.ground is TerminationGround.TIME_LIMIT and not case.deadline.overdue(event.at):
        return f"the time to settle runs until the end of {_day(case.deadline.due)}"
    return None


# -- proposals that need every party -------------------------------------------------------


def obligors_are_parties(case: MediationCase, event: TermsProposed) -> str | None:
    """Each obligation binds a party to the case (人民调解法 第29条)."""
    for obligation in event.terms.obligations:
        if obligation.obligor not in case.party_ids:
            return f"obligation {obligation.id!r} binds {obligation.obligor!r}, not a party"
    return None


def has_not_accepted(case: MediationCase, event: Any) -> str | None:
    """A party accepts a proposal once."""
    proposal = case.proposal
    if proposal is not None and event.party in proposal.accepted_by:
        return f"{case.party_name(event.party)} has already accepted the proposal"
    return None


def completes_the_proposal(case: MediationCase, event: MediatorChosen | TermsAgreed) -> str | None:
    """A proposal takes effect only when every party has accepted it (双方同意; 人民调解法
    第23条: 选择或者接受人民调解员, 自愿达成调解协议)."""
    proposal = case.proposal
    assert proposal is not None, "the machine table allows this only with a proposal"
    missing = case.party_ids - proposal.accepted_by - {event.party}
    if missing:
        names = ", ".join(case.party_name(p) for p in sorted(missing))
        return f"the proposal still waits for {names}"
    wanted = "terms" if isinstance(event, TermsAgreed) else "a mediator"
    if (proposal.terms is not None) != isinstance(event, TermsAgreed):
        return f"the pending proposal is not about {wanted}"
    return None


# -- sessions ------------------------------------------------------------------------------


def session_is_new(case: MediationCase, event: SessionScheduled) -> str | None:
    """Each session has its own id."""
    if case.session(event.session_id) is not None:
        return f"session {event.session_id!r} is already scheduled"
    return None


def session_is_pending(case: MediationCase, event: SessionHeld | SessionRescheduled) -> str | None:
    """A session is held once, after it was scheduled; it can be moved until it is held."""
    session = case.session(event.session_id)
    if session is None:
        return f"session {event.session_id!r} was never scheduled"
    if session.held_at is not None:
        return f"session {event.session_id!r} was already held"
    return None


def attendees_fit(case: MediationCase, event: SessionHeld) -> str | None:
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


def house_meeting_brings_everyone(case: MediationCase, event: SessionHeld) -> str | None:
    """A 屋场会 seats every party face to face with the community: party members,
    respected locals (乡贤), officials or residents' representatives (娄底 屋场会)."""
    session = case.session(event.session_id)
    if session is None or session.kind is not SessionKind.HOUSE_MEETING:
        return None
    present = {a.id for a in event.attendees if a.role is AttendeeRole.PARTY}
    missing = [case.party_name(p) for p in sorted(case.party_ids - present)]
    if missing:
        return f"a 屋场会 brings every party face to face; {', '.join(missing)} did not attend"
    if not any(a.role in COMMUNITY_ROLES for a in event.attendees):
        return "a 屋场会 needs party members, respected locals, officials or residents present"
    return None


# -- the agreement -------------------------------------------------------------------------


def recorded_by_a_mediator(case: MediationCase, event: OralAgreementRecorded) -> str | None:
    """The parties may settle orally, and the mediator records what they agreed
    (人民调解法 第28条: 当事人认为无需制作调解协议书的，可以采取口头协议方式，人民调解员应当
    记录协议内容)."""
    if event.mediator not in case.mediator_ids:
        return f"{event.mediator!r} is not a mediator of the case"
    return None


def oral_only_if_performed_at_once(case: MediationCase, event: OralAgreementRecorded) -> str | None:
    """Where the case's policy says so, an agreement that is not performed at once is made
    in writing (宁波市人民调解条例 第24条: 协议内容未能即时履行完毕的，应当制作调解协议书):
    an oral agreement's obligations are then all due on the day it is reached. National
    law has no such rule (人民调解法 第28条), so the default policy lets every oral
    agreement through."""
    source = case.policy.oral_only_if_performed_at_once
    if source is None:
        return None
    agreement = _agreement(case)
    day = case.local_day(agreement.agreed_at)
    later = [o.id for o in agreement.terms.obligations if o.due > day]
    if later:
        return (
            f"obligations {', '.join(later)} fall due after the day of agreement; "
            f"an agreement not performed at once is made in writing ({source.citation})"
        )
    return None


def responsibilities_cover_each_party(case: MediationCase, event: AgreementDrawnUp) -> str | None:
    """The written agreement states each party's responsibility (人民调解法 第29条)."""
    stated = [r.party for r in event.responsibilities]
    for party in stated:
        if party not in case.party_ids:
            return f"{party!r} is not a party to the case"
    if len(set(stated)) != len(stated):
        return "a party's responsibility is stated twice"
    missing = [case.party_name(p) for p in sorted(case.party_ids - set(stated))]
    if missing:
        return f"the agreement states no responsibility for {', '.join(missing)}"
    return None


def signer_may_sign(case: MediationCase, event: AgreementSigned) -> str | None:
    """Parties sign, seal or fingerprint; mediators sign by name; each signs once
    (人民调解法 第29条)."""
    if event.signer in _agreement(case).signers:
        return f"{event.signer!r} has already signed"
    if event.signer in case.mediator_ids:
        if event.mark is not Mark.SIGNATURE:
            return "a mediator signs by name (人民调解员签名)"
        return None
    if event.signer not in case.party_ids:
        return f"{event.signer!r} is neither a party nor a mediator of the case"
    return None


def every_signature_present(case: MediationCase, event: AgreementSealed) -> str | None:
    """A written agreement takes effect once every party has signed, sealed or
    fingerprinted it and a mediator has signed it; the committee's seal comes last
    (人民调解法 第29条)."""
    signers = _agreement(case).signers
    missing = [case.party_name(p) for p in sorted(case.party_ids - signers)]
    if missing:
        return f"the agreement lacks the signature, seal or fingerprint of {', '.join(missing)}"
    if not signers & case.mediator_ids:
        return "no mediator has signed the agreement"
    return None


# -- performance and the court -------------------------------------------------------------


def obligation_is_open(case: MediationCase, event: Any) -> str | None:
    """Performance and breach are recorded for an obligation of the agreement that is not
    performed yet (人民调解法 第31条)."""
    agreement = _agreement(case)
    obligation = agreement.obligation(event.obligation)
    if obligation is None:
        return f"the agreement has no obligation {event.obligation!r}"
    if agreement.status(obligation).performed:
        return f"obligation {obligation.id!r} is already performed"
    return None


def not_yet_breached(case: MediationCase, event: ObligationBreached) -> str | None:
    """A breach is recorded once."""
    if event.obligation in _agreement(case).breached:
        return f"obligation {event.obligation!r} is already recorded as breached"
    return None


def applicants_are_parties(case: MediationCase, event: ConfirmationApplied) -> str | None:
    """Only the parties apply for judicial confirmation (司法确认规定(2011) 第1条)."""
    strangers = sorted(event.applicants - case.party_ids)
    if strangers:
        return f"{', '.join(map(repr, strangers))} is not a party to the agreement"
    return None


def application_is_joint(case: MediationCase, event: ConfirmationApplied) -> str | None:
    """The parties apply jointly (共同申请, 人民调解法 第33条)."""
    missing = [case.party_name(p) for p in sorted(case.party_ids - event.applicants)]
    if missing:
        return f"the parties apply jointly; {', '.join(missing)} did not join the application"
    return None


def within_confirmation_window(case: MediationCase, event: ConfirmationApplied) -> str | None:
    """Within 30 days of the agreement taking effect (人民调解法 第33条)."""
    window = case.confirmation_deadline
    assert window is not None, "the machine table allows this only with an agreement in force"
    if window.overdue(event.at):
        return f"the 30 days to apply for judicial confirmation ended on {_day(window.due)}"
    return None


def enforcement_needs_a_breach(case: MediationCase, event: ReferredToCourt) -> str | None:
    """Enforcement of a confirmed agreement needs an obligation a party refused or failed
    to perform (人民调解法 第33条第2款)."""
    agreement = _agreement(case)
    breached = any(
        agreement.status(o) is ObligationStatus.BREACHED for o in agreement.terms.obligations
    )
    if event.route is CourtRoute.ENFORCEMENT and not breached:
        return "no obligation stands breached, so there is nothing to enforce"
    return None


def every_obligation_performed(case: MediationCase, event: CaseClosed) -> str | None:
    """A case closes once the agreement is performed (人民调解法 第31条: 督促履行)."""
    agreement = _agreement(case)
    pending = [o.id for o in agreement.terms.obligations if not agreement.status(o).performed]
    if pending:
        return f"obligations {', '.join(pending)} are not performed yet"
    return None
