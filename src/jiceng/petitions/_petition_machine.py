"""Petitions (信访事项): the machine table, each command's guards, fold and row together.

The articles in the rows' `source` are those of 信访工作条例 (2022); what a petition shows (its
time limits, the refusals that cite a rule) cites its policy in force. `PetitionBase` holds
a petition's fields and what they tell, which the guards and folds read; below it each
command's guards, fold and row stand together, in table order, under a one-line comment;
then the table. The `Petition` entity, whose methods build the events, is in `_petition`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import attrs
import pendulum

from jiceng import (
    Actor,
    Deadline,
    Event,
    Label,
    Machine,
    Source,
    TimeLimit,
    Transition,
)
from jiceng.petitions._matter import Body, Step
from jiceng.petitions._petition_data import (
    COMPLETED_STATES,
    NEXT_STEPS,
    RESOLVED_STATES,
    Accepted,
    AcceptedForStudy,
    Agreement,
    Answered,
    CompletionReport,
    Concluded,
    Diverted,
    Extended,
    HearingBegan,
    HearingEnded,
    LinkedAsRepeat,
    Objected,
    Opinion,
    PetitionState,
    Registered,
    ReportSubmitted,
    ReReviewAnswered,
    ReReviewRequested,
    ReviewAnswered,
    ReviewRequested,
    Settled,
    Stage,
    SuggestionAnswered,
    SuggestionReply,
    Transferred,
    _Opinion,
)
from jiceng.petitions._policy import REPORT_SOURCE, PetitionPolicy
from jiceng.petitions._submission import Submission, extend, extension_within_limit

__all__ = ["PETITION", "PetitionBase"]

_BEFORE_ACCEPTANCE = (PetitionState.REGISTERED, PetitionState.TRANSFERRED)
_HEARINGS = (PetitionState.HANDLING, PetitionState.UNDER_RE_REVIEW)
# Handled to a result (the written opinion, 第32条) and not final: where a report is taken.
_REPORTABLE = (
    PetitionState.ANSWERED,
    PetitionState.UNDER_REVIEW,
    PetitionState.REVIEWED,
    PetitionState.UNDER_RE_REVIEW,
)
_WORK_REGULATION_2022 = "信访工作条例(2022)"


@attrs.frozen(kw_only=True)
class PetitionBase(Submission[PetitionState]):
    """The fields of a petition (信访事项), without the commands: what the guards and folds
    below read. See `Petition`."""

    _STEPS: ClassVar[Mapping[Any, Step]] = NEXT_STEPS
    _COMPLETED: ClassVar[frozenset[Any]] = COMPLETED_STATES
    _RESOLVED: ClassVar[frozenset[Any]] = RESOLVED_STATES

    petitioners: tuple[Actor, ...]
    address: str | None = None
    group_size: int
    lodged_with: Body
    policy: PetitionPolicy
    handled_by: Body | None = None
    opinions: tuple[Opinion, ...] = ()
    agreement: Agreement | None = None
    hearing_since: pendulum.DateTime | None = None
    assigned_to: Body | None = None
    report_deadline: Deadline | None = None
    report: CompletionReport | None = None
    suggestion_reply: SuggestionReply | None = None

    @property
    def objection_deadline(self) -> Deadline | None:
        """Until when the body it was transferred to may object (第23条: 5个工作日 from the
        transfer); `None` unless it is transferred."""
        if self.state is not PetitionState.TRANSFERRED:
            return None
        assert self.deadline is not None
        return _clock(self, self.policy.objection, self.deadline.started)


def _clock(petition: PetitionBase, limit: TimeLimit, at: pendulum.DateTime) -> Deadline:
    """`limit` started at `at` on the petition's calendar."""
    return limit.start(at, petition.calendar)


def no_open_hearing(petition: PetitionBase, event: Event) -> str | None:
    """No opinion, agreement, diversion or new hearing while a hearing is open."""
    if petition.hearing_since is not None:
        return f"a hearing is open since {petition.hearing_since:%Y-%m-%d %H:%M}; end it first"
    return None


def _closed(petition: PetitionBase, event: Event) -> Mapping[str, Any]:
    """The fold of an event that ends the petition's running time limit."""
    return {"deadline": None}


# -- 登记 register -----------------------------------------------------------------------


def registered(_: None, event: Registered) -> Mapping[str, Any]:
    """A registered petition: its matter and parties, its policy, and the time to route or
    accept it (第22条)."""
    return {
        "id": event.petition_id,
        "channel": event.channel,
        "matter": event.matter,
        "calendar": event.calendar,
        "petitioners": event.petitioners,
        "address": event.address,
        "group_size": event.group_size,
        "lodged_with": event.lodged_with,
        "policy": event.policy,
        "deadline": event.policy.registration.start(event.at, event.calendar),
    }


_REGISTER: Transition[PetitionState] = Transition(
    command="register",
    event=Registered,
    sources=(),
    target=PetitionState.REGISTERED,
    label=Label("登记", "Register"),
    fold=registered,
    source=Source(f"{_WORK_REGULATION_2022} 第17条、第19条、第22条"),
)

# -- 转送交办 transfer --------------------------------------------------------------------


def transferred_elsewhere(petition: PetitionBase, event: Transferred) -> str | None:
    """A matter is transferred to another body; the body it was lodged with accepts it."""
    if event.to == petition.lodged_with:
        return f"{event.to} received the petition itself: it accepts it instead of transferring"
    return None


def transferred(petition: PetitionBase, event: Transferred) -> Mapping[str, Any]:
    """A transfer starts the time to accept, and an assignment the time to report."""
    limit = event.report_limit
    return {
        "handled_by": event.to,
        "deadline": _clock(petition, petition.policy.acceptance, event.at),
        "assigned_to": event.to if event.assigned else None,
        "report_deadline": None if limit is None else _clock(petition, limit, event.at),
    }


_TRANSFER: Transition[PetitionState] = Transition(
    command="transfer",
    event=Transferred,
    sources={PetitionState.REGISTERED},
    target=PetitionState.TRANSFERRED,
    label=Label("转送交办", "Transfer"),
    guard=transferred_elsewhere,
    fold=transferred,
    source=Source(f"{_WORK_REGULATION_2022} 第22条"),
)

# -- 提出异议 raise an objection ------------------------------------------------------------


def objection_in_time(petition: PetitionBase, event: Objected) -> str | None:
    """A body that is not competent objects within the objection limit of receiving the
    transfer (第23条: 5个工作日)."""
    window = petition.objection_deadline
    assert window is not None
    if window.overdue(event.at):
        return f"the time to object ran out at {window.due:%Y-%m-%d %H:%M} ({window.limit})"
    return None


def objected(petition: PetitionBase, event: Objected) -> Mapping[str, Any]:
    """An objection sends the matter back to be routed again, any assignment void."""
    return {
        "handled_by": None,
        "deadline": _clock(petition, petition.policy.registration, event.at),
        "assigned_to": None,
        "report_deadline": None,
    }


_RAISE_OBJECTION: Transition[PetitionState] = Transition(
    command="raise_objection",
    event=Objected,
    sources={PetitionState.TRANSFERRED},
    target=PetitionState.REGISTERED,
    label=Label("提出异议", "Object"),
    guard=objection_in_time,
    fold=objected,
    source=Source(f"{_WORK_REGULATION_2022} 第23条第3款"),
)

# -- 受理告知 accept ----------------------------------------------------------------------


def accepted(petition: PetitionBase, event: Accepted) -> Mapping[str, Any]:
    """Accepted where it is: the handling time limit starts (第34条)."""
    return {
        "handled_by": petition.handled_by or petition.lodged_with,
        "deadline": _clock(petition, petition.policy.handling, event.at),
    }


_ACCEPT: Transition[PetitionState] = Transition(
    command="accept",
    event=Accepted,
    sources=_BEFORE_ACCEPTANCE,
    target=PetitionState.HANDLING,
    label=Label("受理告知", "Accept"),
    fold=accepted,
    source=Source(f"{_WORK_REGULATION_2022} 第23条"),
)

# -- 受理研究 accept for study --------------------------------------------------------------


def accepted_for_study(petition: PetitionBase, event: AcceptedForStudy) -> Mapping[str, Any]:
    """Accepted as a suggestion: no handling time limit runs (第34条 counts only claims)."""
    return {"handled_by": petition.handled_by or petition.lodged_with, "deadline": None}


_ACCEPT_FOR_STUDY: Transition[PetitionState] = Transition(
    command="accept_for_study",
    event=AcceptedForStudy,
    sources=_BEFORE_ACCEPTANCE,
    target=PetitionState.STUDYING,
    label=Label("受理研究", "Accept for study"),
    fold=accepted_for_study,
    source=Source(
        f"{_WORK_REGULATION_2022} 第29条第1款",
        "对信访人反映的情况、提出的建议意见类事项，有权处理的机关、单位应当认真研究论证。",
    ),
)

# -- 答复建议意见 answer a suggestion ---------------------------------------------------------


def suggestion_answered(petition: PetitionBase, event: SuggestionAnswered) -> Mapping[str, Any]:
    """The reply is recorded. No handling time limit runs for a suggestion (第34条 counts
    only claims under 第31条第6项), so the reply cannot be late."""
    assert petition.handled_by is not None
    reply = SuggestionReply(
        adoption=event.adoption, reply=event.reply, body=petition.handled_by, at=event.at
    )
    return {"suggestion_reply": reply, "on_time": True, "deadline": None}


_ANSWER_SUGGESTION: Transition[PetitionState] = Transition(
    command="answer_suggestion",
    event=SuggestionAnswered,
    sources={PetitionState.STUDYING},
    target=PetitionState.SUGGESTION_ANSWERED,
    label=Label("答复建议意见", "Answer suggestion"),
    fold=suggestion_answered,
    source=Source(
        f"{_WORK_REGULATION_2022} 第29条第1款",
        "对科学合理、具有现实可行性的，应当采纳或者部分采纳，并予以回复。",
    ),
)

# -- 导入其他程序 divert ---------------------------------------------------------------------


def diverted(petition: PetitionBase, event: Diverted) -> Mapping[str, Any]:
    return {"route": event.route, "deadline": None}


_DIVERT: Transition[PetitionState] = Transition(
    command="divert",
    event=Diverted,
    sources={*_BEFORE_ACCEPTANCE, PetitionState.HANDLING, PetitionState.STUDYING},
    target=PetitionState.DIVERTED,
    label=Label("导入其他程序", "Divert"),
    guard=no_open_hearing,
    fold=diverted,
    source=Source(f"{_WORK_REGULATION_2022} 第22条第2款、第28条、第31条"),
)

# -- 重复信访 link as a repeat ---------------------------------------------------------------


def linked_as_repeat(petition: PetitionBase, event: LinkedAsRepeat) -> Mapping[str, Any]:
    return {"repeat_of": event.original_id, "deadline": None}


_LINK_REPEAT: Transition[PetitionState] = Transition(
    command="link_repeat",
    event=LinkedAsRepeat,
    sources=_BEFORE_ACCEPTANCE,
    target=PetitionState.REPEAT,
    label=Label("重复信访", "Link as repeat"),
    fold=linked_as_repeat,
    source=Source(f"{_WORK_REGULATION_2022} 第19条第3款、第36条第3款"),
)

# -- 延期 extend ---------------------------------------------------------------------------


def approved_by_another(petition: PetitionBase, event: Extended) -> str | None:
    """An extension is approved by someone other than who asks for it (第34条: 经本机关、单位
    负责人批准); the same person (same kind and id) cannot approve their own request."""
    asking, approving = event.by, event.approved_by
    if approving.same_as(asking):
        return (
            f"the extension must be approved by someone other than {asking}, who asks for it "
            f"({petition.policy.handling.source}: {_approval(petition.policy)})"
        )
    return None


def _approval(policy: PetitionPolicy) -> str:
    """Who approves an extension, in the words of the policy's article (经本机关、单位负责人批准;
    2005: 经本行政机关负责人批准)."""
    extension = policy.handling.extension
    text = "" if extension is None else extension.source.text
    return next((clause for clause in text.split("，") if "批准" in clause), "负责人批准")


def approved_extension_within_limit(petition: PetitionBase, event: Extended) -> str | None:
    """An extension: approved by another (the body's head), and within the bound of the
    handling time limit, all extensions together (第34条: 不得超过30日)."""
    return approved_by_another(petition, event) or extension_within_limit(petition, event)


_EXTEND: Transition[PetitionState] = Transition(
    command="extend",
    event=Extended,
    sources={PetitionState.HANDLING},
    target=None,
    label=Label("延期", "Extend"),
    guard=approved_extension_within_limit,
    fold=extend,
    source=Source(
        f"{_WORK_REGULATION_2022} 第34条",
        "情况复杂的，经本机关、单位负责人批准，可以适当延长办理期限，但延长期限不得超过30日，"
        "并告知信访人延期理由。",
    ),
)

# -- 举行听证 begin a hearing -----------------------------------------------------------------


def hearing_began(petition: PetitionBase, event: HearingBegan) -> Mapping[str, Any]:
    """A hearing stops a pausable clock (第36条第2款) and leaves any other running."""
    deadline = petition.deadline
    assert deadline is not None
    if deadline.limit.pausable:
        deadline = deadline.pause(event.at, "听证 hearing", event.by)
    return {"hearing_since": event.at, "deadline": deadline}


_BEGIN_HEARING: Transition[PetitionState] = Transition(
    command="begin_hearing",
    event=HearingBegan,
    sources=_HEARINGS,
    target=None,
    label=Label("举行听证", "Begin hearing"),
    guard=no_open_hearing,
    fold=hearing_began,
    source=Source(f"{_WORK_REGULATION_2022} 第31条第6项、第36条第2款"),
)

# -- 听证结束 end the hearing -----------------------------------------------------------------


def open_hearing(petition: PetitionBase, event: HearingEnded) -> str | None:
    """Only an open hearing can end."""
    return None if petition.hearing_since is not None else "no hearing is open"


def hearing_ended(petition: PetitionBase, event: HearingEnded) -> Mapping[str, Any]:
    """The hearing ends; a stopped clock runs again."""
    deadline = petition.deadline
    assert deadline is not None
    if deadline.is_paused:
        deadline = deadline.resume(event.at, event.by)
    return {"hearing_since": None, "deadline": deadline}


_END_HEARING: Transition[PetitionState] = Transition(
    command="end_hearing",
    event=HearingEnded,
    sources=_HEARINGS,
    target=None,
    label=Label("听证结束", "End hearing"),
    guard=open_hearing,
    fold=hearing_ended,
    source=Source(f"{_WORK_REGULATION_2022} 第36条第2款"),
)

# -- 达成协议 settle -------------------------------------------------------------------------


def settled(petition: PetitionBase, event: Settled) -> Mapping[str, Any]:
    """An agreement closes the claim, on time if within the handling time limit."""
    return {"agreement": event.agreement, "on_time": not petition._late(event.at), "deadline": None}


_SETTLE: Transition[PetitionState] = Transition(
    command="settle",
    event=Settled,
    sources={PetitionState.HANDLING},
    target=PetitionState.SETTLED,
    label=Label("达成协议", "Settle"),
    guard=no_open_hearing,
    fold=settled,
    source=Source(f"{_WORK_REGULATION_2022} 第33条"),
)

# -- 出具处理意见 answer ----------------------------------------------------------------------


def _opinion(
    petition: PetitionBase, event: _Opinion, stage: Stage, window: TimeLimit | None
) -> dict[str, Any]:
    """An opinion of `stage` is recorded; each but the last opens the petitioner's `window`
    to go one level up."""
    assert petition.handled_by is not None
    opinion = Opinion(
        stage=stage, outcome=event.outcome, basis=event.basis, body=petition.handled_by, at=event.at
    )
    return {
        "opinions": (*petition.opinions, opinion),
        "deadline": None if window is None else _clock(petition, window, event.at),
    }


def answered(petition: PetitionBase, event: Answered) -> Mapping[str, Any]:
    """The first opinion says whether handling met its time limit, and opens the window to
    ask for a review (第35条)."""
    changes = _opinion(petition, event, Stage.HANDLING, petition.policy.review_request)
    return {**changes, "on_time": not petition._late(event.at)}


_ANSWER: Transition[PetitionState] = Transition(
    command="answer",
    event=Answered,
    sources={PetitionState.HANDLING},
    target=PetitionState.ANSWERED,
    label=Label("出具处理意见", "Answer"),
    guard=no_open_hearing,
    fold=answered,
    source=Source(f"{_WORK_REGULATION_2022} 第31条第6项、第32条"),
)

# -- 请求复查 request a review ----------------------------------------------------------------


def requested_in_time(
    petition: PetitionBase, event: ReviewRequested | ReReviewRequested
) -> str | None:
    """A review or re-review is requested within its window from receiving the written reply
    (第35条, 第36条: 30日); the refusal cites the window's article in the policy in force."""
    deadline = petition.deadline
    assert deadline is not None
    if deadline.overdue(event.at):
        return (
            f"the request came at {event.at:%Y-%m-%d %H:%M}, after the window closed at "
            f"{deadline.due:%Y-%m-%d %H:%M} ({deadline.limit})"
        )
    return None


def to_a_superior(petition: PetitionBase, event: ReviewRequested | ReReviewRequested) -> str | None:
    """A review goes to the body above the one whose opinion is contested (上一级机关)."""
    current = petition.handled_by
    assert current is not None
    if event.to == current or event.to.level < current.level:
        return f"{event.to} is not above {current}, whose opinion is contested"
    return None


def timely_request_to_a_superior(
    petition: PetitionBase, event: ReviewRequested | ReReviewRequested
) -> str | None:
    """A review or re-review: requested in time, to a superior body (第35条, 第36条)."""
    return requested_in_time(petition, event) or to_a_superior(petition, event)


def review_requested(petition: PetitionBase, event: ReviewRequested) -> Mapping[str, Any]:
    """The reviewing body takes the matter, and the policy's time to review starts."""
    return {"handled_by": event.to, "deadline": _clock(petition, petition.policy.review, event.at)}


_REQUEST_REVIEW: Transition[PetitionState] = Transition(
    command="request_review",
    event=ReviewRequested,
    sources={PetitionState.ANSWERED},
    target=PetitionState.UNDER_REVIEW,
    label=Label("请求复查", "Request review"),
    guard=timely_request_to_a_superior,
    fold=review_requested,
    source=Source(f"{_WORK_REGULATION_2022} 第35条"),
)

# -- 复查答复 answer the review ---------------------------------------------------------------


def review_answered(petition: PetitionBase, event: ReviewAnswered) -> Mapping[str, Any]:
    """The review opinion opens the window to ask for a re-review (第36条)."""
    return _opinion(petition, event, Stage.REVIEW, petition.policy.re_review_request)


_ANSWER_REVIEW: Transition[PetitionState] = Transition(
    command="answer_review",
    event=ReviewAnswered,
    sources={PetitionState.UNDER_REVIEW},
    target=PetitionState.REVIEWED,
    label=Label("复查答复", "Answer review"),
    fold=review_answered,
    source=Source(f"{_WORK_REGULATION_2022} 第35条"),
)

# -- 请求复核 request a re-review (guard: `timely_request_to_a_superior`) --------------------


def re_review_requested(petition: PetitionBase, event: ReReviewRequested) -> Mapping[str, Any]:
    """The re-reviewing body takes the matter, and the policy's time to re-review starts."""
    deadline = _clock(petition, petition.policy.re_review, event.at)
    return {"handled_by": event.to, "deadline": deadline}


_REQUEST_RE_REVIEW: Transition[PetitionState] = Transition(
    command="request_re_review",
    event=ReReviewRequested,
    sources={PetitionState.REVIEWED},
    target=PetitionState.UNDER_RE_REVIEW,
    label=Label("请求复核", "Request re-review"),
    guard=timely_request_to_a_superior,
    fold=re_review_requested,
    source=Source(f"{_WORK_REGULATION_2022} 第36条"),
)

# -- 复核意见 answer the re-review ------------------------------------------------------------


def re_review_answered(petition: PetitionBase, event: ReReviewAnswered) -> Mapping[str, Any]:
    """The re-review opinion is the last: the matter is final, no window opens."""
    return _opinion(petition, event, Stage.RE_REVIEW, None)


_ANSWER_RE_REVIEW: Transition[PetitionState] = Transition(
    command="answer_re_review",
    event=ReReviewAnswered,
    sources={PetitionState.UNDER_RE_REVIEW},
    target=PetitionState.FINAL,
    label=Label("复核意见", "Answer re-review"),
    guard=no_open_hearing,
    fold=re_review_answered,
    source=Source(f"{_WORK_REGULATION_2022} 第36条"),
)

# -- 终结 conclude ---------------------------------------------------------------------------


def window_lapsed(petition: PetitionBase, event: Concluded) -> str | None:
    """A matter is concluded once the petitioner let the window for a review lapse
    (浙江省信访条例(2016) 第25条第2项)."""
    deadline = petition.deadline
    assert deadline is not None
    if not deadline.overdue(event.at):
        return (
            f"the petitioner may still ask until {deadline.due:%Y-%m-%d %H:%M} ({deadline.limit})"
        )
    return None


_CONCLUDE: Transition[PetitionState] = Transition(
    command="conclude",
    event=Concluded,
    sources={PetitionState.ANSWERED, PetitionState.REVIEWED},
    target=PetitionState.FINAL,
    label=Label("终结", "Conclude"),
    guard=window_lapsed,
    fold=_closed,
    source=Source("浙江省信访条例(2016) 第25条"),
)

# -- 提交办结报告 submit the completion report ------------------------------------------------


def report_owed(petition: PetitionBase, event: ReportSubmitted) -> str | None:
    """Only an assigned matter (交办) reports, and once (第22条第1款第3项); a plain transfer
    (转送) or a matter accepted where it was lodged asks for no report."""
    if petition.assigned_to is None:
        return (
            "it was not assigned (交办): only an assigned matter owes a completion report "
            f"({petition.policy.report_source})"
        )
    if petition.report is not None:
        return f"the completion report was already submitted at {petition.report.at:%Y-%m-%d %H:%M}"
    return None


def report_submitted(petition: PetitionBase, event: ReportSubmitted) -> Mapping[str, Any]:
    """The report is recorded, on time or not against the report time limit, if one was set."""
    assert petition.assigned_to is not None
    deadline = petition.report_deadline
    on_time = None if deadline is None else not deadline.overdue(event.at)
    report = CompletionReport(
        body=petition.assigned_to, summary=event.summary, at=event.at, on_time=on_time
    )
    return {"report": report}


_SUBMIT_REPORT: Transition[PetitionState] = Transition(
    command="submit_report",
    event=ReportSubmitted,
    sources=_REPORTABLE,
    target=None,
    label=Label("提交办结报告", "Submit report"),
    guard=report_owed,
    fold=report_submitted,
    source=REPORT_SOURCE,
)

# -- the machine table -------------------------------------------------------------------

PETITION: Machine[PetitionState] = Machine(
    name="petitions.petition",
    label=Label("信访事项", "Petition"),
    states=PetitionState,
    initial=PetitionState.REGISTERED,
    final={
        PetitionState.FINAL,
        PetitionState.SETTLED,
        PetitionState.SUGGESTION_ANSWERED,
        PetitionState.DIVERTED,
        PetitionState.REPEAT,
    },
    transitions=[
        _REGISTER,
        _TRANSFER,
        _RAISE_OBJECTION,
        _ACCEPT,
        _ACCEPT_FOR_STUDY,
        _ANSWER_SUGGESTION,
        _DIVERT,
        _LINK_REPEAT,
        _EXTEND,
        _BEGIN_HEARING,
        _END_HEARING,
        _SETTLE,
        _ANSWER,
        _REQUEST_REVIEW,
        _ANSWER_REVIEW,
        _REQUEST_RE_REVIEW,
        _ANSWER_RE_REVIEW,
        _CONCLUDE,
        _SUBMIT_REPORT,
    ],
)
"""The petition machine table (信访事项状态机)."""
