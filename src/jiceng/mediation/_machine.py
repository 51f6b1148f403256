"""The machine table of a mediation case (调解案件): its states and every transition."""

from __future__ import annotations

from jiceng import Label, Machine, Source, State, Transition
from jiceng.mediation import _events as ev
from jiceng.mediation import _rules as rule

__all__ = ["MEDIATION", "MediationState"]


class MediationState(State):
    """Where a mediation case stands."""

    MEDIATING = "mediating", "调解中", "Mediating"
    PROPOSED = "proposed", "方案待各方同意", "Proposal pending"
    AGREED = "agreed", "已达成协议", "Agreed"
    SIGNING = "signing", "协议书待签署", "Awaiting signatures"
    IN_FORCE = "in_force", "协议已生效", "Agreement in force"
    CONFIRMATION_APPLIED = "confirmation_applied", "司法确认审查中", "Confirmation applied"
    CONFIRMED = "confirmed", "已司法确认", "Judicially confirmed"
    CONFIRMATION_REFUSED = "confirmation_refused", "不予确认", "Confirmation refused"
    PERFORMED = "performed", "履行完毕", "Performed"
    REFERRED_TO_COURT = "referred_to_court", "告知诉讼或申请执行", "Referred to court"
    TERMINATED = "terminated", "终止调解", "Terminated"


M = MediationState
_BEFORE_AGREEMENT = frozenset({M.MEDIATING, M.PROPOSED})
_UNSETTLED = _BEFORE_AGREEMENT | {M.AGREED, M.SIGNING}
_PERFORMING = frozenset({M.IN_FORCE, M.CONFIRMATION_APPLIED, M.CONFIRMED})
_OPEN = _UNSETTLED | _PERFORMING | {M.CONFIRMATION_REFUSED}

_LAW = "人民调解法(2010)"
_NINGBO = "宁波市人民调解条例(2015)"
_SPC = "最高人民法院关于人民调解协议司法确认程序的若干规定(2011)"

MEDIATION: Machine[MediationState] = Machine(
    name="mediation.case",
    label=Label("人民调解", "People's mediation"),
    states=MediationState,
    initial=M.MEDIATING,
    final={M.PERFORMED, M.REFERRED_TO_COURT, M.TERMINATED},
    transitions=[
        Transition(
            command="open",
            event=ev.CaseOpened,
            sources=(),
            target=M.MEDIATING,
            label=Label("受理", "Open"),
            source=Source(f"{_LAW} 第17条, 第18条"),
        ),
        Transition(
            command="consent",
            event=ev.ConsentGiven,
            sources=_BEFORE_AGREEMENT,
            target=None,
            label=Label("同意调解", "Consent"),
            guard=rule.all_of(rule.party_is_known, rule.has_not_consented),
            source=Source(f"{_LAW} 第17条, 第23条"),
        ),
        Transition(
            command="refuse",
            event=ev.MediationRefused,
            sources=_UNSETTLED,
            target=M.TERMINATED,
            label=Label("拒绝调解", "Refuse"),
            guard=rule.party_is_known,
            source=Source(f"{_LAW} 第17条, 第23条, 第26条; {_NINGBO} 第23条"),
        ),
        Transition(
            command="assign_mediator",
            event=ev.MediatorAssigned,
            sources=_BEFORE_AGREEMENT,
            target=None,
            label=Label("指定调解员", "Assign a mediator"),
            guard=rule.all_of(rule.mediator_is_not_a_party, rule.mediator_is_new),
            source=Source(f"{_LAW} 第19条"),
        ),
        Transition(
            command="propose_mediator",
            event=ev.MediatorProposed,
            sources={M.MEDIATING},
            target=M.PROPOSED,
            label=Label("选择调解员", "Propose a mediator"),
            guard=rule.all_of(
                rule.party_is_known,
                rule.mediator_is_not_a_party,
                rule.mediator_is_new,
                rule.within_time_limit,
            ),
            source=Source(f"{_LAW} 第19条, 第23条"),
        ),
        Transition(
            command="propose_terms",
            event=ev.TermsProposed,
            sources={M.MEDIATING},
            target=M.PROPOSED,
            label=Label("提出调解方案", "Propose terms"),
            guard=rule.all_of(
                rule.party_is_known,
                rule.has_a_mediator,
                rule.obligors_are_parties,
                rule.within_time_limit,
            ),
            source=Source(f"{_LAW} 第22条"),
        ),
        Transition(
            command="accept_proposal",
            event=ev.ProposalAccepted,
            sources={M.PROPOSED},
            target=None,
            label=Label("接受方案", "Accept the proposal"),
            guard=rule.all_of(rule.party_is_known, rule.has_not_accepted, rule.within_time_limit),
            source=Source(f"{_LAW} 第23条"),
        ),
        Transition(
            command="choose_mediator",
            event=ev.MediatorChosen,
            sources={M.PROPOSED},
            target=M.MEDIATING,
            label=Label("各方同意调解员", "Every party accepts the mediator"),
            guard=rule.all_of(
                rule.party_is_known, rule.completes_the_proposal, rule.within_time_limit
            ),
            source=Source(f"{_LAW} 第19条, 第23条(一)"),
        ),
        Transition(
            command="agree_terms",
            event=ev.TermsAgreed,
            sources={M.PROPOSED},
            target=M.AGREED,
            label=Label("达成调解协议", "Every party accepts the terms"),
            guard=rule.all_of(
                rule.party_is_known, rule.completes_the_proposal, rule.within_time_limit
            ),
            source=Source(f"{_LAW} 第22条, 第23条(四)"),
        ),
        Transition(
            command="reject_proposal",
            event=ev.ProposalRejected,
            sources={M.PROPOSED},
            target=M.MEDIATING,
            label=Label("拒绝方案", "Reject the proposal"),
            guard=rule.party_is_known,
            source=Source(f"{_LAW} 第23条"),
        ),
        Transition(
            command="schedule_session",
            event=ev.SessionScheduled,
            sources=_BEFORE_AGREEMENT,
            target=None,
            label=Label("安排调解", "Schedule a session"),
            guard=rule.all_of(rule.session_is_new, rule.has_a_mediator, rule.within_time_limit),
            source=Source(f"{_LAW} 第21条"),
        ),
        Transition(
            command="reschedule_session",
            event=ev.SessionRescheduled,
            sources=_BEFORE_AGREEMENT,
            target=None,
            label=Label("调解改期", "Reschedule a session"),
            guard=rule.all_of(rule.session_is_pending, rule.within_time_limit),
            source=Source(f"{_LAW} 第21条"),
        ),
        Transition(
            command="hold_session",
            event=ev.SessionHeld,
            sources=_BEFORE_AGREEMENT,
            target=None,
            label=Label("进行调解", "Hold a session"),
            guard=rule.all_of(
                rule.session_is_pending,
                rule.attendees_fit,
                rule.house_meeting_brings_everyone,
                rule.within_time_limit,
            ),
            source=Source(f"{_LAW} 第20条, 第22条, 第27条"),
        ),
        Transition(
            command="report_risk",
            event=ev.RiskReported,
            sources=_OPEN,
            target=None,
            label=Label("报告激化风险", "Report a risk of escalation"),
            source=Source(f"{_LAW} 第25条"),
        ),
        Transition(
            command="extend_time_limit",
            event=ev.TimeLimitExtended,
            sources=_BEFORE_AGREEMENT,
            target=None,
            label=Label("延长调解期限", "Extend the time limit"),
            guard=rule.every_party_asked,
            source=Source(f"{_NINGBO} 第27条"),
        ),
        Transition(
            command="terminate",
            event=ev.MediationTerminated,
            sources=_UNSETTLED,
            target=M.TERMINATED,
            label=Label("终止调解", "Terminate"),
            guard=rule.time_limit_has_run_out,
            source=Source(f"{_LAW} 第26条; {_NINGBO} 第23条, 第27条"),
        ),
        Transition(
            command="record_oral_agreement",
            event=ev.OralAgreementRecorded,
            sources={M.AGREED},
            target=M.IN_FORCE,
            label=Label("记录口头协议", "Record an oral agreement"),
            guard=rule.all_of(rule.recorded_by_a_mediator, rule.oral_only_if_performed_at_once),
            source=Source(f"{_LAW} 第28条, 第30条"),
        ),
        Transition(
            command="draw_up_agreement",
            event=ev.AgreementDrawnUp,
            sources={M.AGREED},
            target=M.SIGNING,
            label=Label("制作调解协议书", "Draw up the written agreement"),
            guard=rule.responsibilities_cover_each_party,
            source=Source(f"{_LAW} 第28条, 第29条"),
        ),
        Transition(
            command="sign_agreement",
            event=ev.AgreementSigned,
            sources={M.SIGNING},
            target=None,
            label=Label("签名、盖章或者按指印", "Sign"),
            guard=rule.signer_may_sign,
            source=Source(f"{_LAW} 第29条"),
        ),
        Transition(
            command="seal_agreement",
            event=ev.AgreementSealed,
            sources={M.SIGNING},
            target=M.IN_FORCE,
            label=Label("加盖调解委员会印章", "Seal"),
            guard=rule.every_signature_present,
            source=Source(f"{_LAW} 第29条"),
        ),
        Transition(
            command="plan_follow_up",
            event=ev.FollowUpPlanned,
            sources=_PERFORMING,
            target=None,
            label=Label("安排回访", "Plan a follow-up visit"),
            source=Source(f"{_LAW} 第31条"),
        ),
        Transition(
            command="follow_up",
            event=ev.FollowedUp,
            sources=_PERFORMING,
            target=None,
            label=Label("回访", "Follow up"),
            source=Source(f"{_LAW} 第31条"),
        ),
        Transition(
            command="record_performance",
            event=ev.ObligationPerformed,
            sources=_PERFORMING,
            target=None,
            label=Label("记录履行", "Record performance"),
            guard=rule.obligation_is_open,
            source=Source(f"{_LAW} 第31条"),
        ),
        Transition(
            command="record_breach",
            event=ev.ObligationBreached,
            sources=_PERFORMING,
            target=None,
            label=Label("记录未履行", "Record a breach"),
            guard=rule.all_of(rule.obligation_is_open, rule.not_yet_breached),
            source=Source(f"{_LAW} 第31条, 第32条"),
        ),
        Transition(
            command="apply_for_confirmation",
            event=ev.ConfirmationApplied,
            sources={M.IN_FORCE},
            target=M.CONFIRMATION_APPLIED,
            label=Label("共同申请司法确认", "Apply jointly for confirmation"),
            guard=rule.all_of(
                rule.applicants_are_parties,
                rule.application_is_joint,
                rule.within_confirmation_window,
            ),
            source=Source(f"{_LAW} 第33条; {_SPC} 第1条"),
        ),
        Transition(
            command="withdraw_confirmation",
            event=ev.ConfirmationWithdrawn,
            sources={M.CONFIRMATION_APPLIED},
            target=M.IN_FORCE,
            label=Label("撤回司法确认申请", "Withdraw the application"),
            guard=rule.party_is_known,
            source=Source(f"{_SPC} 第5条"),
        ),
        Transition(
            command="confirm_agreement",
            event=ev.AgreementConfirmed,
            sources={M.CONFIRMATION_APPLIED},
            target=M.CONFIRMED,
            label=Label("确认调解协议有效", "Confirm"),
            source=Source(f"{_LAW} 第33条; {_SPC} 第8条"),
        ),
        Transition(
            command="refuse_confirmation",
            event=ev.ConfirmationRefused,
            sources={M.CONFIRMATION_APPLIED},
            target=M.CONFIRMATION_REFUSED,
            label=Label("不予确认", "Refuse confirmation"),
            source=Source(f"{_SPC} 第7条, 第8条"),
        ),
        Transition(
            command="reopen",
            event=ev.Reopened,
            sources={M.IN_FORCE, M.CONFIRMATION_REFUSED},
            target=M.MEDIATING,
            label=Label("重新调解", "Mediate again"),
            source=Source(f"{_LAW} 第33条第3款"),
        ),
        Transition(
            command="refer_to_court",
            event=ev.ReferredToCourt,
            sources={M.IN_FORCE, M.CONFIRMED, M.CONFIRMATION_REFUSED},
            target=M.REFERRED_TO_COURT,
            label=Label("告知诉讼或申请执行", "Refer to court"),
            guard=rule.enforcement_needs_a_breach,
            source=Source(f"{_LAW} 第32条, 第33条"),
        ),
        Transition(
            command="close",
            event=ev.CaseClosed,
            sources={M.IN_FORCE, M.CONFIRMED},
            target=M.PERFORMED,
            label=Label("履行完毕结案", "Close as performed"),
            guard=rule.every_obligation_performed,
            source=Source(f"{_LAW} 第27条, 第31条"),
        ),
    ],
)
"""The mediation machine table. `choose_mediator` and `agree_terms` are recorded by
`MediationCase.accept_proposal` when the last party accepts; every other command is the
case method of the same name."""
