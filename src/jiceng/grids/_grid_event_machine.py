"""The machine table of grid events (网格事件): each command's guard and fold, then the table.

Grouped per command in table order. Guards and folds read a grid event through
`GridEventRecord` (its fields); the commands that record these events are on `GridEvent`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from jiceng import Label, Machine, Source, Transition
from jiceng.grids._grid_event_approvals import (
    approved_by_another,
    change_applied,
    refusable,
    request_refused,
    requestable,
    requested,
    with_open_request_check,
)
from jiceng.grids._grid_event_data import (
    OPEN,
    WORKING,
    ChangeRequested,
    Classified,
    Closed,
    Deferred,
    Dispatched,
    DuplicateLinked,
    Escalated,
    Escalation,
    Evaluated,
    EvidenceAdded,
    Extended,
    FeedbackRejected,
    GridEventRecord,
    GridEventState,
    Handled,
    MarkedDuplicate,
    Registered,
    Reopened,
    Reported,
    ReportedIn,
    RequestRefused,
    ResolvedOnSpot,
    Resumed,
    SentBack,
    Started,
    Summoned,
    Summons,
    Verified,
    Voided,
)

__all__ = ["GRID_EVENT"]

BINZHOU_ARTICLE_11 = Source(
    "滨州市社会治理网格化服务管理条例(2021) 第11条",
    "网格员……不能解决的，应当按照管理职责和工作流程上传网格化服务管理信息系统……"
    "流转事项不属于本部门和单位职责的，受理部门和单位应当及时向负责网格化服务管理工作的机构作出说明。",
)
BEIJING_ARTICLE_5 = Source(
    "北京市街道办事处条例(2019) 第5条",
    "街道办事处应当坚持党建引领“街乡吹哨、部门报到”……区人民政府工作部门及有关单位应当接受"
    "街道办事处的统筹协调、指挥调度。",
)
LOUDI = Source(
    "娄底“网格吹哨、干部报到” (seed 004, practice)",
    "有网格员无法解决的问题，可及时转入“娄底红”APP按层级转办相关部门协调解决",
)
LANGFANG = Source(
    "廊坊“群众说事、干部解题” (seed 003, practice)",
    "交办督办、解决问题、结果反馈、群众评价，形成了完整的工作闭环",
)
DIGITAL_CITY = Source(
    "数字化城市管理 practice (DOMAIN §1)",
    "回退、作废、延期、缓办 须经审批",
)


# -- 上报 report --
def reported(_: None, change: Reported) -> Mapping[str, Any]:
    return {
        "id": change.event_id,
        "policy": change.policy,
        "grid": change.grid,
        "channel": change.channel,
        "reporter": change.by,
        "description": change.description,
        "location": change.location,
        "point": change.point,
        "office": change.grid,
    }


# -- 分类 classify (and 就地解决 resolve on the spot) --
def known_category(event: GridEventRecord, change: Classified | ResolvedOnSpot) -> str | None:
    """The category must be an item of the policy's category tree."""
    if change.category in event.policy.categories:
        return None
    return (
        f"unknown category {change.category!r}: the category tree "
        f"{event.policy.categories.name!r} has no such item"
    )


def classified(_: GridEventRecord, change: Classified) -> Mapping[str, Any]:
    return {"category": change.category, "priority": change.priority}


# -- 派遣 dispatch: the SLA clock starts --
def dispatchable(event: GridEventRecord, change: Dispatched) -> str | None:
    """Dispatch to a known department, and not back to the one that just sent it back."""
    if not event.policy.has_department(change.department):
        known = ", ".join(d.id for d in event.policy.departments)
        return f"unknown department {change.department!r}; known: {known}"
    if event.state is GridEventState.SENT_BACK and event.sent_back_by[-1] == change.department:
        return f"{change.department} has just sent this event back as not its duty"
    return None


def dispatched(event: GridEventRecord, change: Dispatched) -> Mapping[str, Any]:
    assert event.category is not None  # dispatched events are classified
    assert event.priority is not None
    policy = event.policy
    limit = policy.limit_for(event.category, event.priority)
    return {
        "department": change.department,
        "deadline": limit.start(change.at, policy.sla.calendar),
        "dispatched_at": event.dispatched_at or change.at,
    }


# -- 回退 send back: the clock stops --
def sent_back(event: GridEventRecord, _: SentBack) -> Mapping[str, Any]:
    assert event.department is not None
    return {
        "sent_back_by": (*event.sent_back_by, event.department),
        "department": None,
        "deadline": None,
        "pending": None,
    }


# -- 延期 extend --
def extended(event: GridEventRecord, change: Extended) -> Mapping[str, Any]:
    assert change.reason is not None
    clock = event._deadline.extend(change.rule, change.at, change.approved_by, change.reason)
    return {"deadline": clock, "extensions": event.extensions + 1, "pending": None}


# -- 缓办 defer, 恢复办理 resume: the clock stands still, then runs again --
def deferred(event: GridEventRecord, change: Deferred) -> Mapping[str, Any]:
    assert change.reason is not None
    clock = event._deadline.pause(change.at, change.reason, change.by)
    return {"deadline": clock, "pending": None}


def resumed(event: GridEventRecord, change: Resumed) -> Mapping[str, Any]:
    return {"deadline": event._deadline.resume(change.at, change.by)}


# -- 处理反馈 handle --
def evidence_when_required(event: GridEventRecord, change: Handled) -> str | None:
    """Feedback needs evidence (photos, documents) when the category requires it."""
    assert event.category is not None  # dispatched events are classified
    item = event.policy.categories.item(event.category)
    if item.evidence_required and not change.evidence:
        return f"feedback on {item.label.zh} ({item.label.en}) needs evidence references"
    return None


def handled(event: GridEventRecord, change: Handled) -> Mapping[str, Any]:
    on_time = not event._deadline.overdue(change.at)
    return {"handled_at": change.at, "evidence": change.evidence, "on_time": on_time}


# -- 核查不通过 reject feedback --
def feedback_rejected(event: GridEventRecord, _: FeedbackRejected) -> Mapping[str, Any]:
    return {"handled_at": None, "on_time": None, "reworks": event.reworks + 1}


# -- 补充材料 add evidence: the way on when a local closing rule asks for more --
def evidence_added(event: GridEventRecord, change: EvidenceAdded) -> Mapping[str, Any]:
    return {"evidence": (*event.evidence, *change.evidence)}


# -- 满意 evaluate, 不满意返工 reopen: the reporter's word --
def only_the_reporter(event: GridEventRecord, change: Evaluated | Reopened) -> str | None:
    """Only the reporter evaluates the result (群众评价)."""
    if change.by.same_as(event.reporter):
        return None
    return f"only the reporter ({event.reporter}) may evaluate the result, not {change.by}"


def reopened(event: GridEventRecord, _: Reopened) -> Mapping[str, Any]:
    return {
        "department": None,
        "deadline": None,
        "handled_at": None,
        "on_time": None,
        "reworks": event.reworks + 1,
    }


# -- 就地解决 resolve on the spot (guard: known_category) --
def resolved_on_spot(_: GridEventRecord, change: ResolvedOnSpot) -> Mapping[str, Any]:
    return {
        "category": change.category,
        "priority": change.priority,
        "handled_at": change.at,
        "evidence": change.evidence,
        "on_time": True,
    }


# -- 并案 mark duplicate, 关联重复件 link duplicate --
def not_itself(event: GridEventRecord, change: MarkedDuplicate | DuplicateLinked) -> str | None:
    """An event cannot duplicate itself, nor link the same duplicate twice."""
    other = change.original if isinstance(change, MarkedDuplicate) else change.duplicate
    if other == event.id:
        return "an event cannot be a duplicate of itself"
    if other in event.duplicates:
        return f"{other} is already linked as a duplicate"
    return None


def marked_duplicate(_: GridEventRecord, change: MarkedDuplicate) -> Mapping[str, Any]:
    return {"duplicate_of": change.original}


def duplicate_linked(event: GridEventRecord, change: DuplicateLinked) -> Mapping[str, Any]:
    return {"duplicates": (*event.duplicates, change.duplicate)}


# -- 吹哨上报 escalate: one level up the tree --
def one_level_up(event: GridEventRecord, change: Escalated) -> str | None:
    """Escalation goes up the tree one level at a time (按层级转办)."""
    up = event.next_office
    if up is None:
        return f"{event.office} is the top of the tree: there is no level above it"
    if change.to != up:
        level = event.policy.scheme.level_of(up)
        return f"escalation goes one level up, to {up} ({level.zh}), not to {change.to}"
    return None


def escalated(event: GridEventRecord, change: Escalated) -> Mapping[str, Any]:
    to = change.to
    step = Escalation(to=to, level=event.policy.scheme.level_of(to), at=change.at, by=change.by)
    return {"office": to, "escalations": (*event.escalations, step)}


# -- 吹哨 summon, 报到 report in --
def summonable(event: GridEventRecord, change: Summoned) -> str | None:
    """Summon known departments, none of which is still due to report."""
    unknown = [d for d in change.departments if not event.policy.has_department(d)]
    if unknown:
        return "unknown departments: " + ", ".join(unknown)
    pending = [d for d in change.departments if d in event.awaited]
    if pending:
        return "already summoned and not yet reported: " + ", ".join(pending)
    return None


def summoned(event: GridEventRecord, change: Summoned) -> Mapping[str, Any]:
    at, sla = change.at, event.policy.sla
    due = sla.summons.start(at, sla.calendar).due
    new = tuple(Summons(department=d, at=at, due=due) for d in change.departments)
    return {"summonses": (*event.summonses, *new)}


def was_summoned(event: GridEventRecord, change: ReportedIn) -> str | None:
    """Only a summoned department that has not reported yet can report."""
    if change.department in event.awaited:
        return None
    return f"{change.department} has no summons to report to"


def reported_in(event: GridEventRecord, change: ReportedIn) -> Mapping[str, Any]:
    department, at = change.department, change.at
    return {
        "summonses": tuple(
            attrs.evolve(s, reported=at) if s.department == department and s.reported is None else s
            for s in event.summonses
        )
    }


# -- the machine table --
VOIDABLE = frozenset({GridEventState.REPORTED, GridEventState.REGISTERED})

GRID_EVENT: Machine[GridEventState] = Machine(
    name="grids.grid_event",
    label=Label("网格事件", "Grid event"),
    states=GridEventState,
    initial=GridEventState.REPORTED,
    final={GridEventState.EVALUATED, GridEventState.VOIDED, GridEventState.DUPLICATE},
    # A verified event has nowhere to go but closed: a local rule that stops it there
    # must say what would satisfy it.
    remedy_required={"close"},
    transitions=[
        Transition(
            command="report",
            event=Reported,
            sources=(),
            target=GridEventState.REPORTED,
            label=Label("上报", "Report"),
            fold=reported,
            source=BINZHOU_ARTICLE_11,
        ),
        Transition(
            command="register",
            event=Registered,
            sources={GridEventState.REPORTED},
            target=GridEventState.REGISTERED,
            label=Label("立案", "Register"),
            guard=with_open_request_check(None),
        ),
        Transition(
            command="void",
            event=Voided,
            sources=VOIDABLE,
            target=GridEventState.VOIDED,
            label=Label("作废", "Void"),
            guard=approved_by_another,
            fold=change_applied,
            source=DIGITAL_CITY,
        ),
        Transition(
            command="classify",
            event=Classified,
            sources={
                GridEventState.REGISTERED,
                GridEventState.CLASSIFIED,
                GridEventState.SENT_BACK,
            },
            target=GridEventState.CLASSIFIED,
            label=Label("分类", "Classify"),
            guard=with_open_request_check(known_category),
            fold=classified,
        ),
        Transition(
            command="dispatch",
            event=Dispatched,
            sources={GridEventState.CLASSIFIED, GridEventState.SENT_BACK},
            target=GridEventState.DISPATCHED,
            label=Label("派遣", "Dispatch"),
            guard=dispatchable,
            fold=dispatched,
            source=BINZHOU_ARTICLE_11,
        ),
        Transition(
            command="send_back",
            event=SentBack,
            sources={GridEventState.DISPATCHED},
            target=GridEventState.SENT_BACK,
            label=Label("回退", "Send back"),
            guard=approved_by_another,
            fold=sent_back,
            source=BINZHOU_ARTICLE_11,
        ),
        Transition(
            command="start",
            event=Started,
            sources={GridEventState.DISPATCHED},
            target=GridEventState.HANDLING,
            label=Label("开始处置", "Start"),
            guard=with_open_request_check(None),
        ),
        Transition(
            command="extend",
            event=Extended,
            sources=WORKING,
            target=None,
            label=Label("延期", "Extend"),
            guard=approved_by_another,
            fold=extended,
            source=DIGITAL_CITY,
        ),
        Transition(
            command="defer",
            event=Deferred,
            sources=WORKING,
            target=GridEventState.DEFERRED,
            label=Label("缓办", "Defer"),
            guard=approved_by_another,
            fold=deferred,
            source=DIGITAL_CITY,
        ),
        Transition(
            command="request_change",
            event=ChangeRequested,
            sources=VOIDABLE | WORKING,
            target=None,
            label=Label("申请审批", "Request approval"),
            guard=requestable,
            fold=requested,
            source=DIGITAL_CITY,
        ),
        Transition(
            command="refuse_request",
            event=RequestRefused,
            sources=VOIDABLE | WORKING,
            target=None,
            label=Label("不予批准", "Refuse request"),
            guard=refusable,
            fold=request_refused,
            source=DIGITAL_CITY,
        ),
        Transition(
            command="resume",
            event=Resumed,
            sources={GridEventState.DEFERRED},
            target=GridEventState.HANDLING,
            label=Label("恢复办理", "Resume"),
            fold=resumed,
        ),
        Transition(
            command="handle",
            event=Handled,
            sources=WORKING,
            target=GridEventState.HANDLED,
            label=Label("处理反馈", "Report result"),
            guard=with_open_request_check(evidence_when_required),
            fold=handled,
            source=BINZHOU_ARTICLE_11,
        ),
        Transition(
            command="reject_feedback",
            event=FeedbackRejected,
            sources={GridEventState.HANDLED},
            target=GridEventState.HANDLING,
            label=Label("核查不通过", "Reject result"),
            fold=feedback_rejected,
        ),
        Transition(
            command="verify",
            event=Verified,
            sources={GridEventState.HANDLED},
            target=GridEventState.VERIFIED,
            label=Label("核查", "Verify"),
        ),
        Transition(
            command="add_evidence",
            event=EvidenceAdded,
            sources={GridEventState.VERIFIED},
            target=None,
            label=Label("补充材料", "Add evidence"),
            fold=evidence_added,
        ),
        Transition(
            command="close",
            event=Closed,
            sources={GridEventState.VERIFIED},
            target=GridEventState.CLOSED,
            label=Label("结案", "Close"),
        ),
        Transition(
            command="evaluate",
            event=Evaluated,
            sources={GridEventState.CLOSED},
            target=GridEventState.EVALUATED,
            label=Label("满意", "Satisfied"),
            guard=only_the_reporter,
            source=LANGFANG,
        ),
        Transition(
            command="reopen",
            event=Reopened,
            sources={GridEventState.CLOSED},
            target=GridEventState.CLASSIFIED,
            label=Label("不满意返工", "Unsatisfied"),
            guard=only_the_reporter,
            fold=reopened,
            source=LANGFANG,
        ),
        Transition(
            command="resolve_on_spot",
            event=ResolvedOnSpot,
            sources={GridEventState.REPORTED, GridEventState.REGISTERED},
            target=GridEventState.VERIFIED,
            label=Label("就地解决", "Resolve on the spot"),
            guard=with_open_request_check(known_category),
            fold=resolved_on_spot,
        ),
        Transition(
            command="mark_duplicate",
            event=MarkedDuplicate,
            sources={GridEventState.REPORTED, GridEventState.REGISTERED, GridEventState.CLASSIFIED},
            target=GridEventState.DUPLICATE,
            label=Label("并案", "Mark duplicate"),
            guard=with_open_request_check(not_itself),
            fold=marked_duplicate,
        ),
        Transition(
            command="link_duplicate",
            event=DuplicateLinked,
            sources=OPEN | {GridEventState.VERIFIED, GridEventState.CLOSED},
            target=None,
            label=Label("关联重复件", "Link duplicate"),
            guard=not_itself,
            fold=duplicate_linked,
        ),
        Transition(
            command="escalate",
            event=Escalated,
            sources=OPEN,
            target=None,
            label=Label("吹哨上报", "Escalate"),
            guard=one_level_up,
            fold=escalated,
            source=LOUDI,
        ),
        Transition(
            command="summon",
            event=Summoned,
            sources=OPEN,
            target=None,
            label=Label("吹哨", "Summon"),
            guard=summonable,
            fold=summoned,
            source=BEIJING_ARTICLE_5,
        ),
        Transition(
            command="report_in",
            event=ReportedIn,
            sources=OPEN,
            target=None,
            label=Label("报到", "Report in"),
            guard=was_summoned,
            fold=reported_in,
            source=BEIJING_ARTICLE_5,
        ),
    ],
)
