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

from typing import Annotated, Self

import attrs
import pendulum

from jiceng import Actor, CountedRule
from jiceng.checks import checked, items, text
from jiceng.exceptions import InvalidTransition, ValidationError
from jiceng.grids._grid_event_data import (
    CLOCKED,
    ChangeRequested,
    Classified,
    Closed,
    Deferred,
    Dispatched,
    DuplicateLinked,
    Escalated,
    Evaluated,
    EvidenceAdded,
    Extended,
    FeedbackRejected,
    GeoPoint,
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
    Verified,
    Voided,
)
from jiceng.grids._grid_event_machine import GRID_EVENT
from jiceng.grids._policy import ApprovedChange, Channel, GridEventPolicy, Priority

__all__ = ["GridEvent", "link_duplicates"]


# A dict class, as its record is (see `GridEventRecord`).
@attrs.frozen(kw_only=True, slots=False, getstate_setstate=True)
class GridEvent(GridEventRecord, machine=GRID_EVENT):
    """A grid event (网格事件): a problem found in a grid, followed until it is settled.

    Its `deadline` (a kernel `Deadline`) starts at each dispatch from the policy's SLA
    for its category and priority; `overdue(at)`, `remaining(at)` and `closed_on_time`
    answer for any event. Its fields are those of `GridEventRecord`; each command's guard
    and fold stand with its row in the machine table (`_grid_event_machine.py`).
    """

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
        point: GeoPoint | None = None,
    ) -> GridEvent:
        """Report an event in grid `grid` (a code of the policy's scheme); `by` reports it.

        `description` says what was found; `location` (an address, a landmark) may be left
        empty, and `point` is the event's point location (WGS-84), when it has one.
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
                point=point,
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

    def request_change(
        self,
        *,
        change: ApprovedChange,
        reason: str,
        by: Actor,
        at: pendulum.DateTime,
        rule: CountedRule | None = None,
    ) -> Self:
        """Ask for a change the policy needs approved in two steps (申请审批): `change`
        with its `reason`, and the `rule` of an extension (only then). The request stays
        open (`pending`) until someone else approves or refuses it."""
        if (rule is None) == (change is ApprovedChange.EXTEND):
            message = (
                "an extension request needs its rule"
                if rule is None
                else f"only an extension request takes a rule, not {change.value}"
            )
            raise ValidationError.single(
                "request_change.rule", message, subject="GridEvent command"
            )
        return self._record(ChangeRequested(change=change, rule=rule, reason=reason, by=by, at=at))

    def approve_request(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Approve the open request (批准): `by` (not the requester) approves, and the
        change is recorded as its own event (`Voided`, `SentBack`, `Extended` or
        `Deferred`) with `approved_by` set; the request closes."""
        request = self.pending
        if request is None:
            raise InvalidTransition(
                entity=type(self).__name__,
                entity_id=self.id,
                command="approve_request",
                state=self.state,
                allowed=self.allowed(),
                message=f"cannot 'approve_request' GridEvent {self.id}: no request is open",
            )
        reason, asker = request.reason, request.by
        if request.change is ApprovedChange.VOID:
            return self._record(Voided(reason=reason, approved_by=by, by=asker, at=at))
        if request.change is ApprovedChange.SEND_BACK:
            return self._record(SentBack(reason=reason, approved_by=by, by=asker, at=at))
        if request.change is ApprovedChange.DEFER:
            return self._record(Deferred(reason=reason, approved_by=by, by=asker, at=at))
        assert request.rule is not None  # an extension request has its rule
        extended = Extended(rule=request.rule, reason=reason, approved_by=by, by=asker, at=at)
        return self._record(extended)

    def refuse_request(self, *, reason: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Refuse the open request (不予批准), with a reason; `by` is not the requester.
        Nothing else changes."""
        return self._record(RequestRefused(reason=reason, by=by, at=at))

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

    def add_evidence(self, *, evidence: tuple[str, ...], by: Actor, at: pendulum.DateTime) -> Self:
        """Add evidence references to a verified event before it is closed (补充材料):
        the way on when a local closing rule asks for a photo or a document."""
        if not evidence:
            raise ValidationError.single(
                "add_evidence.evidence",
                "adding evidence needs at least one reference",
                subject="GridEvent command",
            )
        return self._record(EvidenceAdded(evidence=evidence, by=by, at=at))

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
    def closed(self) -> bool:
        """Whether the case is closed (结案), evaluated or not."""
        return self.state in (GridEventState.CLOSED, GridEventState.EVALUATED)

    @property
    def closed_on_time(self) -> bool | None:
        """Whether a closed case was handled within its time limit (`None` if not closed)."""
        return self.on_time if self.closed else None

    @checked
    def overdue(self, at: pendulum.DateTime) -> bool:
        """Whether the running clock has passed its due at `at` (never once handled)."""
        return self.state in CLOCKED and self._deadline.overdue(at)

    @checked
    def remaining(self, at: pendulum.DateTime) -> pendulum.Duration | None:
        """Time left at `at` on the running clock (negative once overdue); `None` without one."""
        if self.state not in CLOCKED:
            return None
        return self._deadline.remaining(at)

    @checked
    def late(self, at: pendulum.DateTime) -> tuple[str, ...]:
        """Departments that reported late, or are past due without reporting, at `at`."""
        return tuple(s.department for s in self.summonses if s.late(at))


def link_duplicates(
    duplicate: GridEvent, original: GridEvent, *, by: Actor, at: pendulum.DateTime
) -> tuple[GridEvent, GridEvent]:
    """Mark `duplicate` as a duplicate of `original` and link it on the original (并案).

    Both changes or neither: the duplicate closes, the original records it.
    """
    linked = original.link_duplicate(duplicate=duplicate.id, by=by, at=at)
    return duplicate.mark_duplicate(of=original.id, by=by, at=at), linked
