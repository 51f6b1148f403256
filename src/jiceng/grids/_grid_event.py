"""Grid events (网格事件): the closed loop from a report to the reporter's evaluation.

The loop of digital city management (数字化城市管理) and of 滨州条例 第11条: 信息采集
(reported) → 案卷建立 (registered, or voided as invalid) → 分类 (classified) → 任务派遣
(dispatched: the SLA clock starts) → 任务处理 (being handled) → 处理反馈 (handled, with
evidence) → 核查 (verified) → 结案 (closed) → 综合评价 (evaluated by the reporter; an
unsatisfied reporter reopens it for rework, as in 廊坊 "群众说事、干部解题").

Exception paths: 回退 (a department that is not responsible sends it back, then it is
dispatched again), 延期 (extension, approved, bounded by the SLA), 缓办 (deferral, approved,
the clock paused), 并案 (a duplicate closes, linked both ways), and 就地解决 (the grid
member resolves it on the spot, with evidence).

Escalation, "网格吹哨、部门报到" (北京市街道办事处条例(2019) 第5条, 第44条; 娄底 seed 004:
"按层级转办"): an event goes up the tree one level at a time, and summoned departments
must report (报到) within the policy's time limit; the event records who was summoned,
who reported, and who was late.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Self

import attrs
import pendulum

from jiceng import (
    Actor,
    CountedRule,
    Deadline,
    Entity,
    Event,
    Label,
    Machine,
    Source,
    State,
    Transition,
)
from jiceng.checks import checked, instance_of, instant, items, member, optional, text
from jiceng.exceptions import ValidationError
from jiceng.grids._codes import Level
from jiceng.grids._policy import Channel, GridEventPolicy, Priority

__all__ = [
    "GRID_EVENT",
    "Classified",
    "Closed",
    "Deferred",
    "Dispatched",
    "DuplicateLinked",
    "Escalated",
    "Escalation",
    "Evaluated",
    "Extended",
    "FeedbackRejected",
    "GridEvent",
    "GridEventState",
    "Handled",
    "MarkedDuplicate",
    "Registered",
    "Reopened",
    "Reported",
    "ReportedIn",
    "ResolvedOnSpot",
    "Resumed",
    "SentBack",
    "Started",
    "Summoned",
    "Summons",
    "Voided",
    "link_duplicates",
]

BINZHOU_11 = Source(
    "滨州市社会治理网格化服务管理条例(2021) 第11条",
    "网格员……不能解决的，应当按照管理职责和工作流程上传网格化服务管理信息系统……"
    "流转事项不属于本部门和单位职责的，受理部门和单位应当及时向负责网格化服务管理工作的机构作出说明。",
)
BEIJING_5 = Source(
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


class GridEventState(State):
    """Where a grid event is in its loop."""

    REPORTED = "reported", "已上报", "Reported"
    REGISTERED = "registered", "已立案", "Registered"
    CLASSIFIED = "classified", "已分类", "Classified"
    DISPATCHED = "dispatched", "已派遣", "Dispatched"
    SENT_BACK = "sent_back", "已回退", "Sent back"
    HANDLING = "handling", "处置中", "Being handled"
    DEFERRED = "deferred", "缓办", "Deferred"
    HANDLED = "handled", "已反馈", "Handled"
    VERIFIED = "verified", "已核查", "Verified"
    CLOSED = "closed", "已结案", "Closed"
    EVALUATED = "evaluated", "已评价", "Evaluated"
    VOIDED = "voided", "已作废", "Voided"
    DUPLICATE = "duplicate", "重复件", "Duplicate"


_S = GridEventState
_OPEN = frozenset(
    {
        _S.REPORTED,
        _S.REGISTERED,
        _S.CLASSIFIED,
        _S.DISPATCHED,
        _S.SENT_BACK,
        _S.HANDLING,
        _S.DEFERRED,
        _S.HANDLED,
    }
)
_WORKING = frozenset({_S.DISPATCHED, _S.HANDLING})
_CLOCKED = _WORKING | {_S.DEFERRED}


# -- events ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Reported(Event):
    """An event was reported in a grid (信息采集); `by` is the reporter."""

    event_id: str
    policy: GridEventPolicy
    grid: str
    channel: Channel
    description: str
    location: str = ""


@attrs.frozen(kw_only=True)
class Registered(Event):
    """The report was verified as real and a case file opened (案卷建立)."""


@attrs.frozen(kw_only=True)
class Voided(Event):
    """The report was voided as invalid (作废), with a reason and an approver."""

    approved_by: Actor


@attrs.frozen(kw_only=True)
class Classified(Event):
    """The event was given a category item and a priority."""

    category: str
    priority: Priority


@attrs.frozen(kw_only=True)
class Dispatched(Event):
    """The event was dispatched to a department (任务派遣); the SLA clock starts."""

    department: str


@attrs.frozen(kw_only=True)
class SentBack(Event):
    """The department sent the event back as not its duty (回退), with approval."""

    approved_by: Actor


@attrs.frozen(kw_only=True)
class Started(Event):
    """The department started handling the event (任务处理)."""


@attrs.frozen(kw_only=True)
class Extended(Event):
    """The time limit was extended (延期) by `rule`, with approval."""

    rule: CountedRule
    approved_by: Actor


@attrs.frozen(kw_only=True)
class Deferred(Event):
    """Handling was deferred (缓办) with approval; the clock stands still."""

    approved_by: Actor


@attrs.frozen(kw_only=True)
class Resumed(Event):
    """Handling resumed after a deferral; the clock runs again."""


@attrs.frozen(kw_only=True)
class Handled(Event):
    """The department reported the result (处理反馈) with evidence references."""

    evidence: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class FeedbackRejected(Event):
    """Checking found the event not resolved (核查不通过): back to the department (返工)."""


@attrs.frozen(kw_only=True)
class Verified(Event):
    """Checking confirmed the result (核查)."""


@attrs.frozen(kw_only=True)
class Closed(Event):
    """The case was closed (结案)."""


@attrs.frozen(kw_only=True)
class Evaluated(Event):
    """The reporter was satisfied (满意)."""


@attrs.frozen(kw_only=True)
class Reopened(Event):
    """The reporter was not satisfied (不满意): the event goes back for rework (返工)."""


@attrs.frozen(kw_only=True)
class ResolvedOnSpot(Event):
    """The grid member resolved the event on the spot (就地解决), with evidence."""

    category: str
    priority: Priority
    evidence: tuple[str, ...]


@attrs.frozen(kw_only=True)
class MarkedDuplicate(Event):
    """The event duplicates `original` (重复件): it closes as such."""

    original: str


@attrs.frozen(kw_only=True)
class DuplicateLinked(Event):
    """Another event, `duplicate`, was marked as a duplicate of this one."""

    duplicate: str


@attrs.frozen(kw_only=True)
class Escalated(Event):
    """The event went up one level of the tree (吹哨, 按层级转办), to the office `to`."""

    to: str


@attrs.frozen(kw_only=True)
class Summoned(Event):
    """Departments were summoned to report (吹哨, 部门报到)."""

    departments: tuple[str, ...]


@attrs.frozen(kw_only=True)
class ReportedIn(Event):
    """A summoned department reported (报到)."""

    department: str


# -- values ------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Escalation:
    """One step up the tree: to whom, at which level, when and by whom."""

    to: str = attrs.field(validator=text())
    level: Level = attrs.field(validator=member(Level))
    at: pendulum.DateTime = attrs.field(validator=instant())
    by: Actor = attrs.field(validator=instance_of(Actor))


@attrs.frozen(kw_only=True)
class Summons:
    """A department summoned at `at`, due to report by `due`; `reported` once it has."""

    department: str = attrs.field(validator=text())
    at: pendulum.DateTime = attrs.field(validator=instant())
    due: pendulum.DateTime = attrs.field(validator=instant())
    reported: pendulum.DateTime | None = attrs.field(default=None, validator=optional(instant()))

    @checked
    def late(self, at: pendulum.DateTime) -> bool:
        """Whether the department reported after `due`, or has not reported and `at` is past it."""
        when = self.reported if self.reported is not None else at
        return when > self.due


# -- guards: each a named rule -----------------------------------------------------------


def approved_by_another(event: GridEvent, change: Any) -> str | None:
    """回退, 作废, 延期, 缓办 need the approval of someone other than who asks."""
    if change.approved_by.same_as(change.by):
        return f"the approval must come from someone other than {change.by}"
    return None


def known_category(event: GridEvent, change: Classified | ResolvedOnSpot) -> str | None:
    """The category must be an item of the policy's category tree."""
    if change.category in event.policy.categories:
        return None
    return (
        f"unknown category {change.category!r}: the category tree "
        f"{event.policy.categories.name!r} has no such item"
    )


def dispatchable(event: GridEvent, change: Dispatched) -> str | None:
    """Dispatch to a known department, and not back to the one that just sent it back."""
    if not event.policy.has_department(change.department):
        known = ", ".join(d.id for d in event.policy.departments)
        return f"unknown department {change.department!r}; known: {known}"
    if event.state is _S.SENT_BACK and event.sent_back_by[-1] == change.department:
        return f"{change.department} has just sent this event back as not its duty"
    return None


def evidence_when_required(event: GridEvent, change: Handled) -> str | None:
    """Feedback needs evidence (photos, documents) when the category requires it."""
    assert event.category is not None  # dispatched events are classified
    item = event.policy.categories.item(event.category)
    if item.evidence_required and not change.evidence:
        return f"feedback on {item.label.zh} ({item.label.en}) needs evidence references"
    return None


def only_the_reporter(event: GridEvent, change: Evaluated | Reopened) -> str | None:
    """Only the reporter evaluates the result (群众评价)."""
    if change.by.same_as(event.reporter):
        return None
    return f"only the reporter ({event.reporter}) may evaluate the result, not {change.by}"


def not_itself(event: GridEvent, change: MarkedDuplicate | DuplicateLinked) -> str | None:
    """An event cannot duplicate itself, nor link the same duplicate twice."""
    other = change.original if isinstance(change, MarkedDuplicate) else change.duplicate
    if other == event.id:
        return "an event cannot be a duplicate of itself"
    if other in event.duplicates:
        return f"{other} is already linked as a duplicate"
    return None


def one_level_up(event: GridEvent, change: Escalated) -> str | None:
    """Escalation goes up the tree one level at a time (按层级转办)."""
    up = event.next_office
    if up is None:
        return f"{event.office} is the top of the tree: there is no level above it"
    if change.to != up:
        level = event.policy.scheme.level_of(up)
        return f"escalation goes one level up, to {up} ({level.zh}), not to {change.to}"
    return None


def summonable(event: GridEvent, change: Summoned) -> str | None:
    """Summon known departments, none of which is still due to report."""
    unknown = [d for d in change.departments if not event.policy.has_department(d)]
    if unknown:
        return "unknown departments: " + ", ".join(unknown)
    pending = [d for d in change.departments if d in event.awaited]
    if pending:
        return "already summoned and not yet reported: " + ", ".join(pending)
    return None


def was_summoned(event: GridEvent, change: ReportedIn) -> str | None:
    """Only a summoned department that has not reported yet can report."""
    if change.department in event.awaited:
        return None
    return f"{change.department} has no summons to report to"


def _row(  # noqa: PLR0917 - one compact line per row of the table
    command: str,
    event: type[Event],
    sources: frozenset[GridEventState] | set[GridEventState],
    target: GridEventState | None,
    zh: str,
    en: str,
    guard: Any = None,
    source: Source | None = None,
) -> Transition[GridEventState]:
    return Transition(
        command=command,
        event=event,
        sources=sources,
        target=target,
        label=Label(zh, en),
        guard=guard,
        source=source,
    )


GRID_EVENT: Machine[GridEventState] = Machine(
    name="grids.grid_event",
    label=Label("网格事件", "Grid event"),
    states=GridEventState,
    initial=_S.REPORTED,
    final={_S.EVALUATED, _S.VOIDED, _S.DUPLICATE},
    transitions=[
        _row("report", Reported, set(), _S.REPORTED, "上报", "Report", source=BINZHOU_11),
        _row("register", Registered, {_S.REPORTED}, _S.REGISTERED, "立案", "Register"),
        _row("void", Voided, {_S.REPORTED, _S.REGISTERED}, _S.VOIDED, "作废", "Void",
             approved_by_another, DIGITAL_CITY),
        _row("classify", Classified, {_S.REGISTERED, _S.CLASSIFIED, _S.SENT_BACK},
             _S.CLASSIFIED, "分类", "Classify", known_category),
        _row("dispatch", Dispatched, {_S.CLASSIFIED, _S.SENT_BACK}, _S.DISPATCHED,
             "派遣", "Dispatch", dispatchable, BINZHOU_11),
        _row("send_back", SentBack, {_S.DISPATCHED}, _S.SENT_BACK, "回退", "Send back",
             approved_by_another, BINZHOU_11),
        _row("start", Started, {_S.DISPATCHED}, _S.HANDLING, "开始处置", "Start"),
        _row("extend", Extended, _WORKING, None, "延期", "Extend",
             approved_by_another, DIGITAL_CITY),
        _row("defer", Deferred, _WORKING, _S.DEFERRED, "缓办", "Defer",
             approved_by_another, DIGITAL_CITY),
        _row("resume", Resumed, {_S.DEFERRED}, _S.HANDLING, "恢复办理", "Resume"),
        _row("handle", Handled, _WORKING, _S.HANDLED, "处理反馈", "Report result",
             evidence_when_required, BINZHOU_11),
        _row("reject_feedback", FeedbackRejected, {_S.HANDLED}, _S.HANDLING,
             "核查不通过", "Reject result"),
        _row("verify", Verified, {_S.HANDLED}, _S.VERIFIED, "核查", "Verify"),
        _row("close", Closed, {_S.VERIFIED}, _S.CLOSED, "结案", "Close"),
        _row("evaluate", Evaluated, {_S.CLOSED}, _S.EVALUATED, "满意", "Satisfied",
             only_the_reporter, LANGFANG),
        _row("reopen", Reopened, {_S.CLOSED}, _S.CLASSIFIED, "不满意返工", "Unsatisfied",
             only_the_reporter, LANGFANG),
        _row("resolve_on_spot", ResolvedOnSpot, {_S.REPORTED, _S.REGISTERED}, _S.VERIFIED,
             "就地解决", "Resolve on the spot", known_category),
        _row("mark_duplicate", MarkedDuplicate, {_S.REPORTED, _S.REGISTERED, _S.CLASSIFIED},
             _S.DUPLICATE, "并案", "Mark duplicate", not_itself),
        _row("link_duplicate", DuplicateLinked, _OPEN | {_S.VERIFIED, _S.CLOSED}, None,
             "关联重复件", "Link duplicate", not_itself),
        _row("escalate", Escalated, _OPEN, None, "吹哨上报", "Escalate", one_level_up, LOUDI),
        _row("summon", Summoned, _OPEN, None, "吹哨", "Summon", summonable, BEIJING_5),
        _row("report_in", ReportedIn, _OPEN, None, "报到", "Report in", was_summoned,
             BEIJING_5),
    ],
)  # fmt: skip


# A dict class: the kernel copies its many fields in one step on every transition; the
# generated `__getstate__` and `__setstate__` keep it picklable like a slotted class.
@attrs.frozen(kw_only=True, slots=False, getstate_setstate=True)
class GridEvent(Entity[GridEventState], machine=GRID_EVENT):
    """A grid event (网格事件): a problem found in a grid, followed until it is settled.

    Its `deadline` (a kernel `Deadline`) starts at each dispatch from the policy's SLA
    for its category and priority; `overdue(at)`, `remaining(at)` and `closed_on_time`
    answer for any event.
    """

    id: str
    policy: GridEventPolicy
    grid: str
    channel: Channel
    reporter: Actor
    description: str
    location: str
    office: str
    category: str | None = None
    priority: Priority | None = None
    department: str | None = None
    deadline: Deadline | None = None
    dispatched_at: pendulum.DateTime | None = None
    handled_at: pendulum.DateTime | None = None
    on_time: bool | None = None
    evidence: tuple[str, ...] = ()
    sent_back_by: tuple[str, ...] = ()
    extensions: int = 0
    reworks: int = 0
    duplicate_of: str | None = None
    duplicates: tuple[str, ...] = ()
    escalations: tuple[Escalation, ...] = ()
    summonses: tuple[Summons, ...] = ()

    # -- commands -------------------------------------------------------------------------

    @classmethod
    def report(
        cls,
        *,
        id: str,
        policy: GridEventPolicy,
        grid: str,
        channel: Channel,
        description: str,
        by: Actor,
        at: pendulum.DateTime,
        location: Annotated[str, text(blank=True)] = "",
    ) -> GridEvent:
        """Report an event in grid `grid` (a code of the policy's scheme); `by` reports it.

        `description` says what was found; `location` may be left empty.
        """
        policy.scheme.split(grid)
        return cls._start(
            Reported(
                event_id=id,
                policy=policy,
                grid=grid,
                channel=channel,
                description=description,
                location=location,
                by=by,
                at=at,
            )
        )

    def register(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Verify the report and open a case file (立案)."""
        return self._record(Registered(by=by, at=at))

    def void(self, *, reason: str, approved_by: Actor, by: Actor, at: pendulum.DateTime) -> Self:
        """Void an invalid report (作废), with a reason and another person's approval."""
        return self._record(Voided(reason=reason, approved_by=approved_by, by=by, at=at))

    def classify(
        self, *, category: str, priority: Priority, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """Give the event a category item of the policy and a priority."""
        return self._record(Classified(category=category, priority=priority, by=by, at=at))

    def dispatch(self, *, to: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Dispatch the event to department `to` (派遣); its SLA clock starts at `at`."""
        return self._record(Dispatched(department=to, by=by, at=at))

    def send_back(
        self, *, reason: str, approved_by: Actor, by: Actor, at: pendulum.DateTime
    ) -> Self:
        """The department sends the event back as not its duty (回退); the clock stops."""
        return self._record(SentBack(reason=reason, approved_by=approved_by, by=by, at=at))

    def start(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """The department starts handling the event."""
        return self._record(Started(by=by, at=at))

    def extend(
        self,
        *,
        rule: CountedRule,
        reason: str,
        approved_by: Actor,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """Extend the time limit by `rule` (延期), approved, within the SLA's bound.

        Raises `DeadlineError` when the limit allows no extension, the bound would be
        exceeded, or the deadline has already passed.
        """
        return self._record(
            Extended(
                rule=rule,
                reason=reason,
                approved_by=approved_by,
                by=by,
                at=at,
            )
        )

    def defer(self, *, reason: str, approved_by: Actor, by: Actor, at: pendulum.DateTime) -> Self:
        """Defer handling (缓办), approved; the clock stands still until `resume`."""
        return self._record(Deferred(reason=reason, approved_by=approved_by, by=by, at=at))

    def resume(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Resume handling after a deferral; the clock runs again."""
        return self._record(Resumed(by=by, at=at))

    def handle(self, *, evidence: tuple[str, ...], by: Actor, at: pendulum.DateTime) -> Self:
        """Report the result (处理反馈) with evidence references (photos, documents)."""
        return self._record(Handled(evidence=evidence, by=by, at=at))

    def reject_feedback(self, *, reason: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Checking finds the problem unsolved (核查不通过): back to the department."""
        return self._record(FeedbackRejected(reason=reason, by=by, at=at))

    def verify(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Checking confirms the result (核查)."""
        return self._record(Verified(by=by, at=at))

    def close(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Close the case (结案); only a verified event can be closed."""
        return self._record(Closed(by=by, at=at))

    def evaluate(self, *, by: Actor, at: pendulum.DateTime, comment: str | None = None) -> Self:
        """The reporter is satisfied (满意): the loop ends."""
        return self._record(Evaluated(reason=comment, by=by, at=at))

    def reopen(self, *, reason: str, by: Actor, at: pendulum.DateTime) -> Self:
        """The reporter is not satisfied (不满意): the event goes back to be dispatched
        for rework (返工); the new dispatch starts a fresh time limit."""
        return self._record(Reopened(reason=reason, by=by, at=at))

    def resolve_on_spot(
        self,
        *,
        category: str,
        evidence: tuple[str, ...],
        by: Actor,
        at: pendulum.DateTime,
        priority: Priority = Priority.NORMAL,
    ) -> Self:
        """The grid member resolves the event on the spot (就地解决), with evidence; it is
        then verified, ready to be closed."""
        if not evidence:
            raise ValidationError.single(
                "resolve_on_spot.evidence",
                "resolving on the spot needs evidence references",
                subject="GridEvent command",
            )
        return self._record(
            ResolvedOnSpot(category=category, priority=priority, evidence=evidence, by=by, at=at)
        )

    def mark_duplicate(self, *, of: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Close this event as a duplicate of event `of` (prefer `link_duplicates`)."""
        return self._record(MarkedDuplicate(original=of, by=by, at=at))

    def link_duplicate(self, *, duplicate: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Record that event `duplicate` duplicates this one (prefer `link_duplicates`)."""
        return self._record(DuplicateLinked(duplicate=duplicate, by=by, at=at))

    def escalate(self, *, to: str, by: Actor, at: pendulum.DateTime, reason: str) -> Self:
        """Escalate to the office one level up (`next_office`): "网格吹哨"."""
        return self._record(Escalated(to=to, reason=reason, by=by, at=at))

    def summon(
        self,
        *,
        departments: Annotated[tuple[str, ...], items(text(), unique=True)],
        by: Actor,
        at: pendulum.DateTime,
        reason: str,
    ) -> Self:
        """Summon departments (吹哨), each named once; each must report within the policy's
        limit. A summons names at least one department."""
        if not departments:
            raise ValidationError.single(
                "summon.departments",
                "a summons names at least one department",
                subject="GridEvent command",
            )
        return self._record(Summoned(departments=departments, reason=reason, by=by, at=at))

    def report_in(self, *, department: str, by: Actor, at: pendulum.DateTime) -> Self:
        """A summoned department reports (报到)."""
        return self._record(ReportedIn(department=department, by=by, at=at))

    # -- questions ------------------------------------------------------------------------

    @property
    def level(self) -> Level:
        """The level of the office now responsible (the grid's, until escalated)."""
        return self.policy.scheme.level_of(self.office)

    @property
    def next_office(self) -> str | None:
        """The code one level up from the office now responsible (`None` at the top)."""
        return self.policy.scheme.parent_code(self.office)

    @property
    def closed(self) -> bool:
        """Whether the case is closed (结案), evaluated or not."""
        return self.state in (_S.CLOSED, _S.EVALUATED)

    @property
    def closed_on_time(self) -> bool | None:
        """Whether a closed case was handled within its time limit (`None` if not closed)."""
        return self.on_time if self.closed else None

    @checked
    def overdue(self, at: pendulum.DateTime) -> bool:
        """Whether the running clock has passed its due at `at` (never once handled)."""
        return self.state in _CLOCKED and self._deadline.overdue(at)

    @checked
    def remaining(self, at: pendulum.DateTime) -> pendulum.Duration | None:
        """Time left at `at` on the running clock (negative once overdue); `None` without one."""
        if self.state not in _CLOCKED:
            return None
        return self._deadline.remaining(at)

    @property
    def _deadline(self) -> Deadline:
        assert self.deadline is not None  # the working states have a clock
        return self.deadline

    @property
    def awaited(self) -> tuple[str, ...]:
        """Departments summoned that have not reported yet."""
        return tuple(s.department for s in self.summonses if s.reported is None)

    @checked
    def late(self, at: pendulum.DateTime) -> tuple[str, ...]:
        """Departments that reported late, or are past due without reporting, at `at`."""
        return tuple(s.department for s in self.summonses if s.late(at))

    # -- folding --------------------------------------------------------------------------

    @classmethod
    def _created(cls, event: Event) -> Mapping[str, Any]:
        assert isinstance(event, Reported)
        return {
            "id": event.event_id,
            "policy": event.policy,
            "grid": event.grid,
            "channel": event.channel,
            "reporter": event.by,
            "description": event.description,
            "location": event.location,
            "office": event.grid,
        }

    def _start_clock(self, at: pendulum.DateTime) -> Deadline:
        assert self.category is not None
        assert self.priority is not None
        limit = self.policy.limit_for(self.category, self.priority)
        return limit.start(at, self.policy.sla.calendar)

    def _apply(self, event: Event) -> Mapping[str, Any] | None:  # noqa: PLR0911, PLR0912
        if type(event) in _STATE_ONLY:  # most steps of a loop change only the state
            return None
        match event:
            case Classified(category=category, priority=priority):
                return {"category": category, "priority": priority}
            case Dispatched(department=department, at=at):
                clock = self._start_clock(at)
                return {
                    "department": department,
                    "deadline": clock,
                    "dispatched_at": self.dispatched_at or at,
                }
            case SentBack():
                assert self.department is not None
                return {
                    "sent_back_by": (*self.sent_back_by, self.department),
                    "department": None,
                    "deadline": None,
                }
            case Extended(rule=rule, at=at, approved_by=approver, reason=reason):
                assert reason is not None
                clock = self._deadline.extend(rule, at, approver, reason)
                return {"deadline": clock, "extensions": self.extensions + 1}
            case Deferred(at=at, reason=reason, by=by):
                assert reason is not None
                return {"deadline": self._deadline.pause(at, reason, by)}
            case Resumed(at=at, by=by):
                return {"deadline": self._deadline.resume(at, by)}
            case Handled(evidence=evidence, at=at):
                on_time = not self._deadline.overdue(at)
                return {"handled_at": at, "evidence": evidence, "on_time": on_time}
            case FeedbackRejected():
                return {"handled_at": None, "on_time": None, "reworks": self.reworks + 1}
            case Reopened():
                return {
                    "department": None,
                    "deadline": None,
                    "handled_at": None,
                    "on_time": None,
                    "reworks": self.reworks + 1,
                }
            case ResolvedOnSpot(category=category, priority=priority, evidence=evidence, at=at):
                return {
                    "category": category,
                    "priority": priority,
                    "handled_at": at,
                    "evidence": evidence,
                    "on_time": True,
                }
            case MarkedDuplicate(original=original):
                return {"duplicate_of": original}
            case DuplicateLinked(duplicate=duplicate):
                return {"duplicates": (*self.duplicates, duplicate)}
            case Escalated(to=to, at=at, by=by):
                step = Escalation(to=to, level=self.policy.scheme.level_of(to), at=at, by=by)
                return {"office": to, "escalations": (*self.escalations, step)}
            case Summoned(departments=departments, at=at):
                due = self.policy.sla.summons.start(at, self.policy.sla.calendar).due
                new = tuple(Summons(department=d, at=at, due=due) for d in departments)
                return {"summonses": (*self.summonses, *new)}
            case ReportedIn(department=department, at=at):
                return {
                    "summonses": tuple(
                        attrs.evolve(s, reported=at)
                        if s.department == department and s.reported is None
                        else s
                        for s in self.summonses
                    )
                }
        return None


_STATE_ONLY = frozenset({Registered, Started, Verified, Closed, Evaluated})
"""The steps of the loop that change nothing but the state and the history."""


def link_duplicates(
    duplicate: GridEvent, original: GridEvent, *, by: Actor, at: pendulum.DateTime
) -> tuple[GridEvent, GridEvent]:
    """Mark `duplicate` as a duplicate of `original` and link it on the original (并案).

    Both changes or neither: the duplicate closes, the original records it.
    """
    linked = original.link_duplicate(duplicate=duplicate.id, by=by, at=at)
    return duplicate.mark_duplicate(of=original.id, by=by, at=at), linked
