"""What a grid run keeps track of: each event it follows, each department's queue, how
categories are drawn, and the figures it pools.

`TrackedGridEvent` is the run's note on one event while it is simulated; when the event
ends (or the run stops), `GridTally.add` pools a batch of them into the KPIs, as exact
`Rate`s, and the counts.
"""

from __future__ import annotations

import bisect
import random
from collections import Counter
from collections.abc import Sequence

import attrs

from jiceng import Actor, EndOfDay, Hours, Rate
from jiceng.grids import CategoryTree, GridEvent, GridEventPolicy, GridEventState, Priority
from jiceng.grids.metrics import (
    average_handling_time,
    closure_rate,
    count_by_category,
    count_by_state,
    extension_rate,
    on_time_closure_rate,
    rework_rate,
)

__all__ = [
    "CategoryDraw",
    "DepartmentDesk",
    "GridTally",
    "MemberTally",
    "TrackedGridEvent",
    "member_id",
]


def member_id(member: int) -> str:
    """The id of grid member number `member` (from 0)."""
    return f"gm-{member + 1:05d}"


@attrs.define(eq=False)
class TrackedGridEvent:
    """The run's note on one event: the entity now, and where it stands.

    `home` is the department the event belongs to, `department` the one it was last
    dispatched to (another, when misdispatched); `rank` orders a department's queue
    (0 time-critical, 1 urgent, 2 normal); `handled` and `closed` are the hours of the
    current round (cleared when the result is rejected or the event reopened).
    """

    entity: GridEvent
    member: int
    reporter: Actor
    reported: float
    home: int = 0
    department: int = 0
    queued: float = 0.0
    quick: bool = False
    rank: int = 2
    spot: bool = False
    sent_back: int = 0
    handled: float | None = None
    closed: float | None = None


@attrs.define(eq=False)
class MemberTally:
    """A grid member's events closed on time, out of those counted (`on_time_closure_rate`)."""

    on_time: int
    counted: int


def _zero() -> Rate:
    return Rate(0, 0)


@attrs.define(eq=False)
class GridTally:
    """The figures of a run, pooled over batches of finished events."""

    departments: int
    closure: Rate = attrs.field(factory=_zero)
    on_time: Rate = attrs.field(factory=_zero)
    rework: Rate = attrs.field(factory=_zero)
    extension: Rate = attrs.field(factory=_zero)
    handling_microseconds: int = 0
    handled: int = 0
    categories: Counter[str | None] = attrs.field(factory=Counter)
    states: Counter[GridEventState] = attrs.field(factory=Counter)
    by_department: list[Rate] = attrs.field(init=False)
    department_events: list[int] = attrs.field(init=False)
    by_member: dict[int, MemberTally] = attrs.field(factory=dict)
    spot: int = 0
    voided: int = 0
    sent_back: int = 0
    escalated: int = 0
    closed_late: int = 0
    open: int = 0
    open_overdue: int = 0
    transitions: int = 0

    def __attrs_post_init__(self) -> None:
        self.by_department = [Rate(0, 0)] * self.departments
        self.department_events = [0] * self.departments

    def add(self, batch: Sequence[TrackedGridEvent]) -> None:
        """Pool a batch of finished events into the figures."""
        events = [t.entity for t in batch]
        self.closure += closure_rate(events)
        self.on_time += on_time_closure_rate(events)
        self.rework += rework_rate(events)
        self.extension += extension_rate(events)
        mean = average_handling_time(events)
        if mean is not None:
            handled = sum(e.handled_at is not None and e.dispatched_at is not None for e in events)
            micro = (mean.days * 86_400 + mean.seconds) * 1_000_000 + mean.microseconds
            self.handling_microseconds += micro * handled
            self.handled += handled
        self.categories.update(count_by_category(events))
        self.states.update(count_by_state(events))
        by_department: dict[int, list[GridEvent]] = {}
        by_member: dict[int, list[GridEvent]] = {}
        for tracked in batch:
            event = tracked.entity
            if event.dispatched_at is not None:
                by_department.setdefault(tracked.home, []).append(event)
            by_member.setdefault(tracked.member, []).append(event)
            self.transitions += len(event.history)
            self.spot += tracked.spot
            self.voided += event.state is GridEventState.VOIDED
            self.sent_back += tracked.sent_back
            self.closed_late += event.closed_on_time is False
        for index, group in by_department.items():
            self.by_department[index] += on_time_closure_rate(group)
            self.department_events[index] += len(group)
        members = self.by_member
        for index, group in by_member.items():  # pooled as counts: a Rate at the end
            rate = on_time_closure_rate(group)
            counts = members.get(index)
            if counts is None:
                members[index] = MemberTally(rate.numerator, rate.denominator)
            else:
                counts.on_time += rate.numerator
                counts.counted += rate.denominator

    def member_rates(self) -> tuple[tuple[str, Rate], ...]:
        """Each grid member's 按期办结率, by member id."""
        return tuple(
            sorted((member_id(m), Rate(t.on_time, t.counted)) for m, t in self.by_member.items())
        )


@attrs.frozen(eq=False)
class CategoryDraw:
    """How a report's category item is drawn, and what follows from the item."""

    items: list[str]  # every item code of the tree, in order
    cumulative: list[int]  # the running totals of their weights
    total: int
    classes: dict[str, str]  # item code -> its class's code
    home: dict[str, int]  # item code -> the index of its department
    quick: dict[tuple[str, Priority], bool]  # whether the time limit is in hours or today

    @classmethod
    def of(
        cls, tree: CategoryTree, weights: dict[str, int], policy: GridEventPolicy, departments: int
    ) -> CategoryDraw:
        items = [item.code for c in tree.classes for item in c.items]
        cumulative, total = [], 0
        for code in items:
            total += weights.get(code, 0)
            cumulative.append(total)
        return cls(
            items=items,
            cumulative=cumulative,
            total=total,
            classes={i.code: c.code for c in tree.classes for i in c.items},
            home={code: n % departments for n, code in enumerate(items)},
            quick={
                (code, p): isinstance(policy.limit_for(code, p).rule, Hours | EndOfDay)
                for code in items
                for p in Priority
            },
        )

    def draw(self, rng: random.Random) -> str:
        """An item code, by the weights."""
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


@attrs.define(eq=False)
class DepartmentDesk:
    """A department's handlers at work and its queue: (rank, arrival number, event)."""

    actor: Actor
    busy: int = 0
    queue: list[tuple[int, int, TrackedGridEvent]] = attrs.field(factory=list)
