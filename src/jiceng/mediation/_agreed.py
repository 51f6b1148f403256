"""The commands of a mediation case from the agreement on: for each, its guards, its fold
and its row of the `MEDIATION` table, in table order.

The agreement made oral or written and signed (人民调解法 第28条 to 第30条), its
performance and follow-up (第31条, 第32条), judicial confirmation (第33条 and the Supreme
People's Court's rules of 2011), mediating again, the court, and closing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from jiceng import Label, Source, Transition
from jiceng.mediation._guards import (
    CaseView,
    agreement_of,
    all_of,
    day,
    missing_parties,
    party_is_known,
    strangers,
    with_agreement,
)
from jiceng.mediation._kinds import (
    PERFORMING,
    AgreementForm,
    CourtRoute,
    Mark,
    MediationState,
    ObligationStatus,
)
from jiceng.mediation._policy import CONFIRMATION_RULES, MEDIATION_LAW
from jiceng.mediation._records import Confirmation, FollowUp, Performance, Signature
from jiceng.mediation.events import (
    AgreementConfirmed,
    AgreementDrawnUp,
    AgreementSealed,
    AgreementSigned,
    CaseClosed,
    ConfirmationApplied,
    ConfirmationRefused,
    ConfirmationWithdrawn,
    FollowedUp,
    FollowUpPlanned,
    ObligationBreached,
    ObligationPerformed,
    OralAgreementRecorded,
    ReferredToCourt,
    Reopened,
)

__all__ = [
    "APPLY_FOR_CONFIRMATION",
    "CLOSE",
    "CONFIRM_AGREEMENT",
    "DRAW_UP_AGREEMENT",
    "FOLLOW_UP",
    "PLAN_FOLLOW_UP",
    "RECORD_BREACH",
    "RECORD_ORAL_AGREEMENT",
    "RECORD_PERFORMANCE",
    "REFER_TO_COURT",
    "REFUSE_CONFIRMATION",
    "REOPEN",
    "SEAL_AGREEMENT",
    "SIGN_AGREEMENT",
    "WITHDRAW_CONFIRMATION",
]

# -- 记录口头协议 record_oral_agreement ----------------------------------------------------


def recorded_by_a_mediator(case: CaseView, event: OralAgreementRecorded) -> str | None:
    """The parties may settle orally, and the mediator records what they agreed
    (人民调解法 第28条: 当事人认为无需制作调解协议书的，可以采取口头协议方式，人民调解员应当
    记录协议内容)."""
    if event.mediator not in case.mediator_ids:
        return f"{event.mediator!r} is not a mediator of the case"
    return None


def oral_only_if_performed_at_once(case: CaseView, event: OralAgreementRecorded) -> str | None:
    """Where the case's policy says so, an agreement that is not performed at once is made
    in writing (宁波市人民调解条例 第24条: 协议内容未能即时履行完毕的，应当制作调解协议书):
    an oral agreement's obligations are then all due on the day it is reached. National
    law has no such rule (人民调解法 第28条), so the default policy lets every oral
    agreement through."""
    source = case.policy.oral_only_if_performed_at_once
    if source is None:
        return None
    agreement = agreement_of(case)
    today = case.local_day(agreement.agreed_at)
    later = [o.id for o in agreement.terms.obligations if o.due > today]
    if later:
        return (
            f"obligations {', '.join(later)} fall due after the day of agreement; "
            f"an agreement not performed at once is made in writing ({source.citation})"
        )
    return None


def oral_agreement_recorded(case: CaseView, event: OralAgreementRecorded) -> Mapping[str, Any]:
    """An oral agreement is in force since the moment it was reached (人民调解法 第30条)."""
    agreed_at = agreement_of(case).agreed_at
    return {
        **with_agreement(
            case, form=AgreementForm.ORAL, recorded_by=event.mediator, effective_at=agreed_at
        ),
        "concluded_at": agreed_at,
    }


RECORD_ORAL_AGREEMENT: Transition[MediationState] = Transition(
    command="record_oral_agreement",
    event=OralAgreementRecorded,
    sources={MediationState.AGREED},
    target=MediationState.IN_FORCE,
    label=Label("记录口头协议", "Record an oral agreement"),
    guard=all_of(recorded_by_a_mediator, oral_only_if_performed_at_once),
    fold=oral_agreement_recorded,
    source=Source(f"{MEDIATION_LAW} 第28条, 第30条"),
)

# -- 制作调解协议书 draw_up_agreement ------------------------------------------------------


def responsibilities_cover_each_party(case: CaseView, event: AgreementDrawnUp) -> str | None:
    """The written agreement states each party's responsibility (人民调解法 第29条)."""
    stated = [r.party for r in event.responsibilities]
    for party in stated:
        if party not in case.party_ids:
            return f"{party!r} is not a party to the case"
    if len(set(stated)) != len(stated):
        return "a party's responsibility is stated twice"
    missing = missing_parties(case, stated)
    if missing:
        return f"the agreement states no responsibility for {missing}"
    return None


def agreement_drawn_up(case: CaseView, event: AgreementDrawnUp) -> Mapping[str, Any]:
    return with_agreement(
        case,
        form=AgreementForm.WRITTEN,
        facts=event.facts,
        disputed_matters=event.disputed_matters,
        responsibilities=event.responsibilities,
    )


DRAW_UP_AGREEMENT: Transition[MediationState] = Transition(
    command="draw_up_agreement",
    event=AgreementDrawnUp,
    sources={MediationState.AGREED},
    target=MediationState.SIGNING,
    label=Label("制作调解协议书", "Draw up the written agreement"),
    guard=responsibilities_cover_each_party,
    fold=agreement_drawn_up,
    source=Source(f"{MEDIATION_LAW} 第28条, 第29条"),
)

# -- 签名、盖章或者按指印 sign_agreement ---------------------------------------------------


def signer_may_sign(case: CaseView, event: AgreementSigned) -> str | None:
    """Parties sign, seal or fingerprint; mediators sign by name; each signs once
    (人民调解法 第29条)."""
    if event.signer in agreement_of(case).signers:
        return f"{event.signer!r} has already signed"
    if event.signer in case.mediator_ids:
        if event.mark is not Mark.SIGNATURE:
            return "a mediator signs by name (人民调解员签名)"
        return None
    if event.signer not in case.party_ids:
        return f"{event.signer!r} is neither a party nor a mediator of the case"
    return None


def agreement_signed(case: CaseView, event: AgreementSigned) -> Mapping[str, Any]:
    signature = Signature(signer=event.signer, mark=event.mark, at=event.at)
    return with_agreement(case, signatures=(*agreement_of(case).signatures, signature))


SIGN_AGREEMENT: Transition[MediationState] = Transition(
    command="sign_agreement",
    event=AgreementSigned,
    sources={MediationState.SIGNING},
    target=None,
    label=Label("签名、盖章或者按指印", "Sign"),
    guard=signer_may_sign,
    fold=agreement_signed,
    source=Source(f"{MEDIATION_LAW} 第29条"),
)

# -- 加盖调解委员会印章 seal_agreement -----------------------------------------------------


def every_signature_present(case: CaseView, event: AgreementSealed) -> str | None:
    """A written agreement takes effect once every party has signed, sealed or
    fingerprinted it and a mediator has signed it; the committee's seal comes last
    (人民调解法 第29条)."""
    signers = agreement_of(case).signers
    missing = missing_parties(case, signers)
    if missing:
        return f"the agreement lacks the signature, seal or fingerprint of {missing}"
    if not signers & case.mediator_ids:
        return "no mediator has signed the agreement"
    return None


def agreement_sealed(case: CaseView, event: AgreementSealed) -> Mapping[str, Any]:
    return {**with_agreement(case, effective_at=event.at), "concluded_at": event.at}


SEAL_AGREEMENT: Transition[MediationState] = Transition(
    command="seal_agreement",
    event=AgreementSealed,
    sources={MediationState.SIGNING},
    target=MediationState.IN_FORCE,
    label=Label("加盖调解委员会印章", "Seal"),
    guard=every_signature_present,
    fold=agreement_sealed,
    source=Source(f"{MEDIATION_LAW} 第29条"),
)

# -- 安排回访 plan_follow_up ---------------------------------------------------------------


def follow_up_planned(case: CaseView, event: FollowUpPlanned) -> Mapping[str, Any]:
    planned = FollowUp(planned_on=event.on)
    return with_agreement(case, follow_ups=(*agreement_of(case).follow_ups, planned))


PLAN_FOLLOW_UP: Transition[MediationState] = Transition(
    command="plan_follow_up",
    event=FollowUpPlanned,
    sources=PERFORMING,
    target=None,
    label=Label("安排回访", "Plan a follow-up visit"),
    fold=follow_up_planned,
    source=Source(f"{MEDIATION_LAW} 第31条"),
)

# -- 回访 follow_up ------------------------------------------------------------------------


def followed_up(case: CaseView, event: FollowedUp) -> Mapping[str, Any]:
    """The visit makes the earliest planned visit not yet made, or is added unplanned."""
    follow_ups = agreement_of(case).follow_ups
    open_plans = [
        (f.planned_on, i)
        for i, f in enumerate(follow_ups)
        if f.visited_at is None and f.planned_on is not None
    ]
    if not open_plans:
        return with_agreement(
            case, follow_ups=(*follow_ups, FollowUp(visited_at=event.at, note=event.note))
        )
    _, index = min(open_plans)
    made = attrs.evolve(follow_ups[index], visited_at=event.at, note=event.note)
    return with_agreement(case, follow_ups=(*follow_ups[:index], made, *follow_ups[index + 1 :]))


FOLLOW_UP: Transition[MediationState] = Transition(
    command="follow_up",
    event=FollowedUp,
    sources=PERFORMING,
    target=None,
    label=Label("回访", "Follow up"),
    fold=followed_up,
    source=Source(f"{MEDIATION_LAW} 第31条"),
)

# -- 记录履行 record_performance -----------------------------------------------------------


def obligation_is_open(case: CaseView, event: Any) -> str | None:
    """Performance and breach are recorded for an obligation of the agreement that is not
    performed yet (人民调解法 第31条)."""
    agreement = agreement_of(case)
    obligation = agreement.obligation(event.obligation)
    if obligation is None:
        return f"the agreement has no obligation {event.obligation!r}"
    if agreement.status(obligation).performed:
        return f"obligation {obligation.id!r} is already performed"
    return None


def obligation_performed(case: CaseView, event: ObligationPerformed) -> Mapping[str, Any]:
    done = Performance(obligation=event.obligation, on=event.on)
    return with_agreement(case, performances=(*agreement_of(case).performances, done))


RECORD_PERFORMANCE: Transition[MediationState] = Transition(
    command="record_performance",
    event=ObligationPerformed,
    sources=PERFORMING,
    target=None,
    label=Label("记录履行", "Record performance"),
    guard=obligation_is_open,
    fold=obligation_performed,
    source=Source(f"{MEDIATION_LAW} 第31条"),
)

# -- 记录未履行 record_breach --------------------------------------------------------------


def not_yet_breached(case: CaseView, event: ObligationBreached) -> str | None:
    """A breach is recorded once."""
    if event.obligation in agreement_of(case).breached:
        return f"obligation {event.obligation!r} is already recorded as breached"
    return None


def obligation_breached(case: CaseView, event: ObligationBreached) -> Mapping[str, Any]:
    return with_agreement(case, breached=agreement_of(case).breached | {event.obligation})


RECORD_BREACH: Transition[MediationState] = Transition(
    command="record_breach",
    event=ObligationBreached,
    sources=PERFORMING,
    target=None,
    label=Label("记录未履行", "Record a breach"),
    guard=all_of(obligation_is_open, not_yet_breached),
    fold=obligation_breached,
    source=Source(f"{MEDIATION_LAW} 第31条, 第32条"),
)

# -- 共同申请司法确认 apply_for_confirmation -----------------------------------------------


def applicants_are_parties(case: CaseView, event: ConfirmationApplied) -> str | None:
    """Only the parties apply for judicial confirmation (司法确认规定(2011) 第1条)."""
    unknown = strangers(case, event.applicants)
    if unknown:
        return f"{unknown} is not a party to the agreement"
    return None


def application_is_joint(case: CaseView, event: ConfirmationApplied) -> str | None:
    """The parties apply jointly (共同申请, 人民调解法 第33条)."""
    missing = missing_parties(case, event.applicants)
    if missing:
        return f"the parties apply jointly; {missing} did not join the application"
    return None


def within_confirmation_window(case: CaseView, event: ConfirmationApplied) -> str | None:
    """Within 30 days of the agreement taking effect (人民调解法 第33条)."""
    window = case.confirmation_deadline
    assert window is not None, "the machine table allows this only with an agreement in force"
    if window.overdue(event.at):
        return f"the 30 days to apply for judicial confirmation ended on {day(window.due)}"
    return None


def confirmation_applied(case: CaseView, event: ConfirmationApplied) -> Mapping[str, Any]:
    application = Confirmation(applicants=event.applicants, court=event.court, applied_at=event.at)
    return with_agreement(case, confirmation=application)


APPLY_FOR_CONFIRMATION: Transition[MediationState] = Transition(
    command="apply_for_confirmation",
    event=ConfirmationApplied,
    sources={MediationState.IN_FORCE},
    target=MediationState.CONFIRMATION_APPLIED,
    label=Label("共同申请司法确认", "Apply jointly for confirmation"),
    guard=all_of(applicants_are_parties, application_is_joint, within_confirmation_window),
    fold=confirmation_applied,
    source=Source(f"{MEDIATION_LAW} 第33条; {CONFIRMATION_RULES} 第1条"),
)

# -- 撤回司法确认申请 withdraw_confirmation ------------------------------------------------


def confirmation_withdrawn(case: CaseView, _: ConfirmationWithdrawn) -> Mapping[str, Any]:
    return with_agreement(case, confirmation=None)


WITHDRAW_CONFIRMATION: Transition[MediationState] = Transition(
    command="withdraw_confirmation",
    event=ConfirmationWithdrawn,
    sources={MediationState.CONFIRMATION_APPLIED},
    target=MediationState.IN_FORCE,
    label=Label("撤回司法确认申请", "Withdraw the application"),
    guard=party_is_known,
    fold=confirmation_withdrawn,
    source=Source(f"{CONFIRMATION_RULES} 第5条"),
)

# -- 确认调解协议有效 confirm_agreement ----------------------------------------------------


def decided(case: CaseView, event: AgreementConfirmed | ConfirmationRefused) -> Mapping[str, Any]:
    """The court's decision on the pending application, confirming or refusing."""
    pending = agreement_of(case).confirmation
    assert pending is not None
    confirmed = isinstance(event, AgreementConfirmed)
    decision = attrs.evolve(
        pending, decided_at=event.at, confirmed=confirmed, decision=event.decision
    )
    return with_agreement(case, confirmation=decision)


CONFIRM_AGREEMENT: Transition[MediationState] = Transition(
    command="confirm_agreement",
    event=AgreementConfirmed,
    sources={MediationState.CONFIRMATION_APPLIED},
    target=MediationState.CONFIRMED,
    label=Label("确认调解协议有效", "Confirm"),
    fold=decided,
    source=Source(f"{MEDIATION_LAW} 第33条; {CONFIRMATION_RULES} 第8条"),
)

# -- 不予确认 refuse_confirmation ----------------------------------------------------------

REFUSE_CONFIRMATION: Transition[MediationState] = Transition(
    command="refuse_confirmation",
    event=ConfirmationRefused,
    sources={MediationState.CONFIRMATION_APPLIED},
    target=MediationState.CONFIRMATION_REFUSED,
    label=Label("不予确认", "Refuse confirmation"),
    fold=decided,
    source=Source(f"{CONFIRMATION_RULES} 第7条, 第8条"),
)

# -- 重新调解 reopen -----------------------------------------------------------------------


def reopened(case: CaseView, event: Reopened) -> Mapping[str, Any]:
    """The agreement is set aside and the time to settle starts afresh."""
    restarted = case.policy.time_limit.start(event.at, case.policy.calendar)
    return {"agreement": None, "concluded_at": None, "deadline": restarted}


REOPEN: Transition[MediationState] = Transition(
    command="reopen",
    event=Reopened,
    sources={MediationState.IN_FORCE, MediationState.CONFIRMATION_REFUSED},
    target=MediationState.MEDIATING,
    label=Label("重新调解", "Mediate again"),
    fold=reopened,
    source=Source(f"{MEDIATION_LAW} 第33条第3款"),
)

# -- 告知诉讼或申请执行 refer_to_court -----------------------------------------------------


def enforcement_needs_a_breach(case: CaseView, event: ReferredToCourt) -> str | None:
    """Enforcement of a confirmed agreement needs an obligation a party refused or failed
    to perform (人民调解法 第33条第2款)."""
    agreement = agreement_of(case)
    breached = any(
        agreement.status(o) is ObligationStatus.BREACHED for o in agreement.terms.obligations
    )
    if event.route is CourtRoute.ENFORCEMENT and not breached:
        return "no obligation stands breached, so there is nothing to enforce"
    return None


def referred_to_court(_: CaseView, event: ReferredToCourt) -> Mapping[str, Any]:
    return {"court_route": event.route}


REFER_TO_COURT: Transition[MediationState] = Transition(
    command="refer_to_court",
    event=ReferredToCourt,
    sources={
        MediationState.IN_FORCE,
        MediationState.CONFIRMED,
        MediationState.CONFIRMATION_REFUSED,
    },
    target=MediationState.REFERRED_TO_COURT,
    label=Label("告知诉讼或申请执行", "Refer to court"),
    guard=enforcement_needs_a_breach,
    fold=referred_to_court,
    source=Source(f"{MEDIATION_LAW} 第32条, 第33条"),
)

# -- 履行完毕结案 close (the state says it all: no fold) -----------------------------------


def every_obligation_performed(case: CaseView, event: CaseClosed) -> str | None:
    """A case closes once the agreement is performed (人民调解法 第31条: 督促履行)."""
    agreement = agreement_of(case)
    pending = [o.id for o in agreement.terms.obligations if not agreement.status(o).performed]
    if pending:
        return f"obligations {', '.join(pending)} are not performed yet"
    return None


CLOSE: Transition[MediationState] = Transition(
    command="close",
    event=CaseClosed,
    sources={MediationState.IN_FORCE, MediationState.CONFIRMED},
    target=MediationState.PERFORMED,
    label=Label("履行完毕结案", "Close as performed"),
    guard=every_obligation_performed,
    source=Source(f"{MEDIATION_LAW} 第27条, 第31条"),
)
