"""The data of a grid event (网格事件): its states, its values, its events and its fields.

Pure data. `GridEventRecord` holds the fields of a grid event and the questions its
guards and folds ask; the machine table (`_grid_event_machine.py`: each command's guard
and fold, then the rows) reads it, and `GridEvent` (`_grid_event.py`) adds the commands.
"""

from __future__ import annotations

import attrs
import pendulum

from jiceng import (
    Actor,
    CalendarDays,
    CountedRule,
    Deadline,
    Entity,
    Event,
    Hours,
    Months,
    State,
    WorkingDays,
)
from jiceng.checks import checked, instance_of, instant, member, optional, real, text
from jiceng.grids._codes import Level
from jiceng.grids._policy import ApprovedChange, Channel, GridEventPolicy, Priority


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
    point: GeoPoint | None = None


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
class ChangeRequested(Event):
    """A caseworker asked for a change that needs a superior's approval (`change`, with
    `reason` and, for an extension, its `rule`); it stays open until approved or refused."""

    change: ApprovedChange
    rule: CountedRule | None = None


@attrs.frozen(kw_only=True)
class RequestRefused(Event):
    """Another person refused the open request, with a reason; nothing else changes."""


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
class EvidenceAdded(Event):
    """Evidence references were added to a verified event before closing (补充材料)."""

    evidence: tuple[str, ...]


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


@attrs.frozen
class GeoPoint:
    """A point location (WGS-84), as Open311 GeoReport v2 gives it: `latitude` from -90
    to 90 degrees, `longitude` from -180 to 180.

    Degrees are floats, as GeoReport's JSON numbers are: a coordinate is a measurement
    with no arithmetic done on it here, and a float keeps far more digits than any
    survey (1e-7 degree is about a centimetre); JSON documents keep them as written.

    >>> GeoPoint(39.9042, 116.4074)
    GeoPoint(latitude=39.9042, longitude=116.4074)
    """

    latitude: float = attrs.field(validator=real(-90, 90))
    longitude: float = attrs.field(validator=real(-180, 180))


@attrs.frozen(kw_only=True)
class ChangeRequest:
    """An open request for a change that needs approval: what, why, by whom and when."""

    change: ApprovedChange = attrs.field(validator=member(ApprovedChange))
    reason: str = attrs.field(validator=text())
    by: Actor = attrs.field(validator=instance_of(Actor))
    at: pendulum.DateTime = attrs.field(validator=instant())
    rule: CountedRule | None = attrs.field(
        default=None, validator=optional(instance_of(CalendarDays, WorkingDays, Hours, Months))
    )


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


OPEN = frozenset(
    {
        GridEventState.REPORTED,
        GridEventState.REGISTERED,
        GridEventState.CLASSIFIED,
        GridEventState.DISPATCHED,
        GridEventState.SENT_BACK,
        GridEventState.HANDLING,
        GridEventState.DEFERRED,
        GridEventState.HANDLED,
    }
)
WORKING = frozenset({GridEventState.DISPATCHED, GridEventState.HANDLING})
CLOCKED = WORKING | {GridEventState.DEFERRED}


# A dict class: the kernel copies its many fields in one step on every transition; the
# generated `__getstate__` and `__setstate__` keep it picklable like a slotted class.
@attrs.frozen(kw_only=True, slots=False, getstate_setstate=True)
class GridEventRecord(Entity[GridEventState]):
    """What a grid event holds, and the questions its guards and folds ask of it.

    The base of `GridEvent`, which adds the commands and the clock's questions: the
    guards and folds of the machine table read a grid event through this class.
    """

    id: str
    policy: GridEventPolicy
    grid: str
    channel: Channel
    reporter: Actor
    description: str
    location: str
    office: str
    point: GeoPoint | None = None
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
    pending: ChangeRequest | None = None

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
    def awaited(self) -> tuple[str, ...]:
        """Departments summoned that have not reported yet."""
        return tuple(s.department for s in self.summonses if s.reported is None)

    @property
    def _deadline(self) -> Deadline:
        assert self.deadline is not None  # the working states have a clock
        return self.deadline
