"""Grid events at city scale (网格事件): arrivals, grid members, departments, SLAs, escalation.

Every event is a real `jiceng.grids.GridEvent`, driven through its machine by the
behaviours below; the KPIs are the library's own (`closure_rate`, `on_time_closure_rate`,
...), pooled over batches of finished events as exact `Rate`s.

The model, per reported event:

- Reports arrive as a Poisson stream in daytime hours (08:00–20:00), in a uniformly chosen
  grid, with a category item drawn by the value set's weights and a priority.
- The grid member covering the grid resolves it on the spot (就地解决) with probability
  `spot_share`, unless it is an emergency or the member's work queue is longer than
  `member_backlog_hours`; the member works one task at a time.
- Otherwise the command centre registers it (or voids it, with approval, with probability
  `void_share`), classifies it and dispatches it to the category's department; with
  probability `misdispatch_share` it first goes to another department, which sends it back.
- A department has `handlers` people working in parallel, serving time-critical items
  (an SLA in hours or by the end of the day) first, then urgent, then normal, first come
  first served within each. An event that waited more than `escalate_after_hours` before
  being started was escalated by its member to the community (网格吹哨), which summoned the
  department (部门报到); the department reported in within `report_in_hours`.
- Handling takes an exponential time; with probability `complication_share` the result
  also waits for outside work, and the department asks for an extension first (with
  probability `extension_share`, when the SLA allows one and it is not yet overdue).
- The member verifies the result (one task at a time; it fails with probability
  `rework_share` and goes back to the department), the centre closes it, and the reporter
  evaluates it; with probability `dissatisfied_share` the reporter reopens it once.

Reports arrive for `days` days; the run goes on `drain_days` more so that late events can
close, and whatever is still open then is counted as it stands.
"""

from __future__ import annotations

import datetime
import functools
import heapq
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from jiceng import Actor, Rate
from jiceng.checks import between, instance_of, ratio, real, text
from jiceng.grids import Channel, Department, GridEvent, GridEventPolicy, GridEventState, Priority
from jiceng.grids.codes import BEIJING_DB11
from jiceng.sim._common import positive, scale, share, start_of
from jiceng.sim._engine import EngineRun, Progress
from jiceng.sim._frames import frame
from jiceng.sim._grid_tracking import (
    CategoryDraw,
    DepartmentDesk,
    GridTally,
    TrackedGridEvent,
    member_id,
)
from jiceng.sim._sink import Records, Sink, check_sink, kept
from jiceng.sim._value_sets import value_set

if TYPE_CHECKING:
    import pandas

__all__ = ["DepartmentRow", "GridEventRecord", "GridResult", "GridScenario", "grid_codes"]

_DISTRICTS = ("431302", "431321", "431322", "431381", "431382")  # 娄底's county-level units
_GRIDS_PER_COMMUNITY = 5
_COMMUNITIES_PER_STREET = 20
# Finished events are pooled into the KPIs in batches small enough to stay in the processor's
# cache across the several passes the KPI functions make over them.
_BATCH = 256
_DAY_START, _DAY_HOURS = 8.0, 12.0
_MAX_DAYS = 3_660  # ten years
_MAX_PLACES = 1_000_000  # grids or members: a hundred 娄底s (9,773 grids, 9,815 members)
_THRESHOLD = real(0.0, 1e9)  # hours; 0 is allowed


def grid_codes(n: int) -> tuple[str, ...]:
    """`n` grid codes of the Beijing DB11 layout, spread over 娄底's five county-level units:
    five grids to a community, twenty communities to a street."""
    codes = []
    for i in range(n):
        community, grid = divmod(i, _GRIDS_PER_COMMUNITY)
        street, within = divmod(community, _COMMUNITIES_PER_STREET)
        district, street_no = street % len(_DISTRICTS), street // len(_DISTRICTS) + 1
        codes.append(f"{_DISTRICTS[district]}{street_no:03d}{within + 1:03d}{grid + 1:03d}")
    return tuple(codes)


@attrs.frozen(kw_only=True)
class GridScenario:
    """A year of grid events in a city: its grids, staff, behaviours and rules.

    The defaults are 娄底-scale (seed 004: 9,773 grids, 9,815 grid members; about 250,000
    events a year, like 巨鹿's "250,000+ items"). `values` names the rule values
    (`jiceng.sim.VALUE_SETS`): the SLA policy and the category tree with its weights.

    Ranges: `days` and `drain_days` up to 3,660 (ten years; `drain_days` may be 0);
    `grids` and `members` 1 to 1,000,000 and `events_per_year` 1 to 100,000,000 (a
    hundred 娄底s, the largest `scaled` allows); `departments` 1 to 1,000 and `handlers`
    1 to 10,000; shares 0 to 1; hours above 0 (the backlog and escalation thresholds may
    be 0); `target` 0 to 1.
    """

    name: str = attrs.field(default="grids", validator=text())
    values: str = attrs.field(default="builtin", validator=text())
    start: datetime.date = attrs.field(
        default=datetime.date(2026, 1, 1), validator=instance_of(datetime.date)
    )
    days: int = attrs.field(default=365, validator=between(1, _MAX_DAYS))
    drain_days: int = attrs.field(default=30, validator=between(0, _MAX_DAYS))
    grids: int = attrs.field(default=9_773, validator=between(1, _MAX_PLACES))
    members: int = attrs.field(default=9_815, validator=between(1, _MAX_PLACES))
    departments: int = attrs.field(default=12, validator=between(1, 1_000))
    handlers: int = attrs.field(default=16, validator=between(1, 10_000))
    events_per_year: int = attrs.field(default=250_000, validator=between(1, 100_000_000))
    spot_share: float = attrs.field(default=0.45, validator=share)
    emergency_share: float = attrs.field(default=0.02, validator=share)
    urgent_share: float = attrs.field(default=0.15, validator=share)
    resident_share: float = attrs.field(default=0.4, validator=share)
    void_share: float = attrs.field(default=0.02, validator=share)
    misdispatch_share: float = attrs.field(default=0.03, validator=share)
    complication_share: float = attrs.field(default=0.06, validator=share)
    extension_share: float = attrs.field(default=0.5, validator=share)
    rework_share: float = attrs.field(default=0.02, validator=share)
    dissatisfied_share: float = attrs.field(default=0.03, validator=share)
    member_backlog_hours: float = attrs.field(default=8.0, validator=_THRESHOLD)
    spot_hours: float = attrs.field(default=1.0, validator=positive)
    verify_hours: float = attrs.field(default=0.5, validator=positive)
    work_hours: float = attrs.field(default=6.0, validator=positive)
    quick_work_hours: float = attrs.field(default=0.75, validator=positive)
    complication_hours: float = attrs.field(default=96.0, validator=positive)
    escalate_after_hours: float = attrs.field(default=48.0, validator=_THRESHOLD)
    report_in_hours: float = attrs.field(default=12.0, validator=positive)
    target: Fraction = attrs.field(
        default=Fraction(95, 100), validator=ratio(Fraction(0), Fraction(1))
    )

    def scaled(self, factor: float) -> GridScenario:
        """The same city at `factor` of its size: grids, staff and events scale together."""
        return attrs.evolve(
            self,
            grids=scale(self.grids, factor),
            members=scale(self.members, factor),
            handlers=scale(self.handlers, factor),
            events_per_year=scale(self.events_per_year, factor),
        )

    def run(
        self, seed: int, progress: Progress | None = None, *, sink: Sink | None = None
    ) -> GridResult:
        """Simulate with `random.Random(seed)`; `progress` hears of each simulated day;
        `sink`, if given, takes each event's record as the event ends (see `run`)."""
        check_sink(sink, "GridScenario.run")
        return _GridRun(self, seed, progress, sink).result()


@attrs.frozen(kw_only=True)
class GridEventRecord:
    """One grid event as it ended (or stood when the run stopped); times are hours since
    the start of the scenario."""

    id: str
    grid: str
    member: str
    category: str
    category_class: str
    priority: str
    department: str | None
    state: str
    spot: bool
    reported: float
    handled: float | None
    closed: float | None
    on_time: bool | None
    escalations: int
    reworks: int
    extensions: int
    sent_back: int
    transitions: int

    def __reduce__(self) -> tuple[Callable[..., GridEventRecord], tuple[object, ...]]:
        # A result holds one record per event and crosses process boundaries in sweeps:
        # pickled as a plain tuple of values, a record takes half the bytes and the time.
        return _rebuild_record, tuple([getattr(self, name) for name in _RECORD_FIELDS])


_RECORD_FIELDS = tuple(a.name for a in attrs.fields(GridEventRecord))
_RECORD_SLOTS = tuple(getattr(GridEventRecord, name).__set__ for name in _RECORD_FIELDS)


def _rebuild_record(*values: object) -> GridEventRecord:
    """A record from the values its `__reduce__` gave, in the order of its fields."""
    record: GridEventRecord = object.__new__(GridEventRecord)
    for set_slot, value in zip(_RECORD_SLOTS, values, strict=True):
        set_slot(record, value)
    return record


@attrs.frozen(kw_only=True)
class DepartmentRow:
    """A department's figures: events dispatched to it and its 按期办结率."""

    department: str
    name: str
    handlers: int
    events: int
    on_time_closure_rate: Rate


@attrs.frozen(kw_only=True)
class GridResult:
    """What a grid scenario gave: KPIs as exact `Rate`s, counts, and per-event records."""

    scenario: GridScenario
    seed: int
    reported: int
    closure_rate: Rate
    on_time_closure_rate: Rate
    rework_rate: Rate
    extension_rate: Rate
    average_handling_hours: Fraction | None
    by_category: tuple[tuple[str, int], ...]
    by_state: tuple[tuple[str, int], ...]
    departments: tuple[DepartmentRow, ...]
    member_rates: tuple[tuple[str, Rate], ...]
    spot_resolved: int
    voided: int
    sent_back: int
    escalated: int
    closed_late: int
    open: int
    open_overdue: int
    transitions: int
    records: tuple[GridEventRecord, ...]
    streamed: bool = False
    """Whether the records went to a sink (`records` is then empty)."""

    @property
    def departments_meeting_target(self) -> int:
        """How many departments keep 按期办结率 at or above the scenario's target."""
        target = self.scenario.target
        return sum(d.on_time_closure_rate.at_least(target) for d in self.departments)

    @property
    def members_meeting_target(self) -> int:
        """How many grid members (with events in their grids) keep it at or above target."""
        return sum(rate.at_least(self.scenario.target) for _, rate in self.member_rates)

    def to_pandas(self) -> pandas.DataFrame:
        """The per-event records as a `pandas.DataFrame` (extra ``pandas``), with their times
        as aware date-times in the scenario's zone."""
        start = start_of(self.scenario.start)
        rows = kept(self.records, self.streamed, self)
        return frame(rows, GridEventRecord, start=start, hours=("reported", "handled", "closed"))


class _GridRun(EngineRun):
    """One run of a grid scenario: the behaviours, scheduled on the engine."""

    def __init__(
        self, scenario: GridScenario, seed: int, progress: Progress | None, sink: Sink | None
    ) -> None:
        super().__init__(seed, progress, scenario.start, scenario.days + scenario.drain_days)
        self.s = s = scenario
        values = value_set(s.values)
        self.codes = grid_codes(s.grids)
        ids = [f"d-{i + 1:02d}" for i in range(s.departments)]
        self.policy = GridEventPolicy(
            name=s.name,
            scheme=BEIJING_DB11,
            categories=values.categories,
            departments=tuple(Department(id=i, name=f"职能部门{i[2:]}") for i in ids),
            sla=values.sla,
        )
        self.department_ids = ids
        self.depts = [DepartmentDesk(Actor.department(i)) for i in ids]
        weights = dict(values.category_weights)
        self.categories = CategoryDraw.of(values.categories, weights, self.policy, s.departments)
        self.member_actors: dict[int, Actor] = {}
        self.member_free = [0.0] * s.members
        self.offices: dict[str, Actor] = {}
        self.center = Actor.department("center", "指挥中心")
        self.chief = Actor.person("chief", "中心主任")
        self.open: dict[str, TrackedGridEvent] = {}
        self.finished: list[TrackedGridEvent] = []
        self.tally = GridTally(s.departments)
        self.records: Records[GridEventRecord] = Records(sink)
        self.counter = 0  # reports so far
        self.queued = 0  # events queued so far: first come, first served within a rank
        self.daylight = 0.0  # daytime hours of the arrival stream so far

    # -- helpers -----------------------------------------------------------------------

    def member_actor(self, member: int) -> Actor:
        actor = self.member_actors.get(member)
        if actor is None:
            actor = self.member_actors[member] = Actor.person(member_id(member))
        return actor

    def office(self, code: str) -> Actor:
        actor = self.offices.get(code)
        if actor is None:
            actor = self.offices[code] = Actor.department(f"office-{code}")
        return actor

    def member_for(self, grid: int) -> int:
        s = self.s
        if s.members <= s.grids:
            return grid % s.members
        covering = len(range(grid, s.members, s.grids))
        return grid + s.grids * self.rng.randrange(covering)

    def member_task(self, member: int, now: float, mean: float) -> float:
        """Queue a task with the member (one at a time); when it is done."""
        start = max(now, self.member_free[member])
        end = start + self.rng.expovariate(1 / mean)
        self.member_free[member] = end
        return end

    def next_arrival(self) -> float:
        """The next report in daytime hours (a Poisson stream over 08:00–20:00)."""
        rate = self.s.events_per_year / (365 * _DAY_HOURS)
        self.daylight += self.rng.expovariate(rate)
        day, hour = divmod(self.daylight, _DAY_HOURS)
        return 24.0 * day + _DAY_START + hour

    # -- the run -----------------------------------------------------------------------

    def result(self) -> GridResult:
        s, engine, tally = self.s, self.engine, self.tally
        first = self.next_arrival()
        if first < 24.0 * s.days:
            engine.at(first, self.arrive)
        if self.progress is not None:
            for day in range(1, s.days + s.drain_days + 1):
                engine.at(24.0 * day, functools.partial(self.tick, day))
        engine.run(self.horizon)
        end = self.clock(self.horizon)
        for tracked in self.open.values():
            tally.open += 1
            tally.open_overdue += tracked.entity.overdue(end)
            self.finished.append(tracked)
        self.flush()
        return self.summary()

    def tick(self, day: int) -> None:
        assert self.progress is not None
        self.progress("grid events", day / (self.s.days + self.s.drain_days))

    def arrive(self) -> None:
        s, rng, now = self.s, self.rng, self.engine.now
        following = self.next_arrival()
        if following < 24.0 * s.days:
            self.engine.at(following, self.arrive)
        self.counter += 1
        grid = rng.randrange(s.grids)
        categories = self.categories
        code = categories.draw(rng)
        if categories.classes[code] == "safety" and rng.random() < s.emergency_share * 10:
            priority = Priority.EMERGENCY
        elif rng.random() < s.urgent_share:
            priority = Priority.URGENT
        else:
            priority = Priority.NORMAL
        member = self.member_for(grid)
        by_member = rng.random() >= s.resident_share
        reporter = self.member_actor(member) if by_member else Actor.person(f"r-{self.counter}")
        entity = GridEvent.report(
            id=f"WG-{s.start.year}-{self.counter:06d}",
            policy=self.policy,
            grid=self.codes[grid],
            channel=Channel.PATROL if by_member else Channel.RESIDENT,
            description=code,
            by=reporter,
            at=self.clock(now),
        )
        home, quick = categories.home[code], categories.quick[code, priority]
        tracked = TrackedGridEvent(
            entity, member, reporter, now, home=home, department=home, queued=now, quick=quick,
            rank=0 if quick else 1 if priority is Priority.URGENT else 2,
        )  # fmt: skip
        self.open[entity.id] = tracked
        if (
            priority is not Priority.EMERGENCY
            and rng.random() < s.spot_share
            and self.member_free[member] - now < s.member_backlog_hours
        ):
            done = self.member_task(member, now, s.spot_hours)
            if done > self.horizon:
                return
            tracked.spot = True
            tracked.entity = entity.resolve_on_spot(
                category=code,
                priority=priority,
                evidence=("photo",),
                by=self.member_actor(member),
                at=self.clock(done),
            )
            tracked.handled = done
            self.close(tracked, done)
            return
        delay = rng.expovariate(4.0)  # registration takes a quarter of an hour on average
        self.engine.at(now + delay, functools.partial(self.register, tracked, code, priority))

    def register(self, tracked: TrackedGridEvent, code: str, priority: Priority) -> None:
        s, rng, now = self.s, self.rng, self.engine.now
        at = self.clock(now)
        entity = tracked.entity.register(by=self.center, at=at)
        if rng.random() < s.void_share:
            tracked.entity = entity.void(
                reason="不属实", approved_by=self.chief, by=self.center, at=at
            )
            self.finish(tracked)
            return
        entity = entity.classify(category=code, priority=priority, by=self.center, at=at)
        if s.departments > 1 and rng.random() < s.misdispatch_share:
            wrong = (tracked.home + 1 + rng.randrange(s.departments - 1)) % s.departments
            tracked.entity = entity.dispatch(to=self.department_ids[wrong], by=self.center, at=at)
            tracked.department = wrong
            back = now + rng.expovariate(1 / 4.0)
            self.engine.at(back, functools.partial(self.send_back, tracked))
            return
        tracked.entity = entity
        self.dispatch(tracked, now)

    def send_back(self, tracked: TrackedGridEvent) -> None:
        now = self.engine.now
        dept = self.depts[tracked.department]
        tracked.entity = tracked.entity.send_back(
            reason="非本部门职责", approved_by=Actor.person(f"{dept.actor.id}-head"),
            by=dept.actor, at=self.clock(now),
        )  # fmt: skip
        tracked.sent_back += 1
        self.dispatch(tracked, now)

    def dispatch(self, tracked: TrackedGridEvent, now: float) -> None:
        tracked.entity = tracked.entity.dispatch(
            to=self.department_ids[tracked.home], by=self.center, at=self.clock(now)
        )
        tracked.department = tracked.home
        self.enqueue(tracked, now)

    def enqueue(self, tracked: TrackedGridEvent, now: float) -> None:
        tracked.queued = now
        dept = self.depts[tracked.home]
        if dept.busy < self.s.handlers:
            self.start(tracked, now)
        else:
            self.queued += 1
            heapq.heappush(dept.queue, (tracked.rank, self.queued, tracked))

    def start(self, tracked: TrackedGridEvent, now: float) -> None:
        s, dept = self.s, self.depts[tracked.home]
        dept.busy += 1
        entity = tracked.entity
        if entity.state is GridEventState.DISPATCHED:
            waited = now - tracked.queued
            if waited > s.escalate_after_hours and not entity.escalations:
                escalated = tracked.queued + s.escalate_after_hours
                entity = self.escalate(tracked, entity, escalated, now)
            entity = entity.start(by=dept.actor, at=self.clock(now))
        tracked.entity = entity
        mean = s.quick_work_hours if tracked.quick else s.work_hours
        done = now + self.rng.expovariate(1 / mean)
        self.engine.at(done, functools.partial(self.work_done, tracked))

    def escalate(
        self, tracked: TrackedGridEvent, entity: GridEvent, at: float, now: float
    ) -> GridEvent:
        """网格吹哨、部门报到: up one level, the department summoned; it reports in."""
        up = entity.next_office
        assert up is not None  # a grid always has its community above it
        dept = self.depts[tracked.home]
        when = self.clock(at)
        entity = entity.escalate(
            to=up, by=self.member_actor(tracked.member), at=when, reason="超时未处置"
        )
        entity = entity.summon(
            departments=(dept.actor.id,), by=self.office(up), at=when, reason="吹哨"
        )
        reported = min(now, at + self.rng.expovariate(1 / self.s.report_in_hours))
        self.tally.escalated += 1
        return entity.report_in(department=dept.actor.id, by=dept.actor, at=self.clock(reported))

    def work_done(self, tracked: TrackedGridEvent) -> None:
        s, rng, now = self.s, self.rng, self.engine.now
        dept = self.depts[tracked.home]
        dept.busy -= 1
        if dept.queue:
            self.start(heapq.heappop(dept.queue)[2], now)
        if rng.random() < s.complication_share:
            entity = tracked.entity
            assert entity.deadline is not None
            bound = entity.deadline.limit.extension
            at = self.clock(now)
            if (
                bound is not None
                and not entity.extensions
                and rng.random() < s.extension_share
                and not entity.overdue(at)
            ):
                tracked.entity = entity.extend(
                    rule=bound.max_total, reason="需外部配合", approved_by=self.chief,
                    by=dept.actor, at=at,
                )  # fmt: skip
            later = now + rng.expovariate(1 / s.complication_hours)
            self.engine.at(later, functools.partial(self.handled, tracked))
            return
        self.handled(tracked)

    def handled(self, tracked: TrackedGridEvent) -> None:
        s, rng, now = self.s, self.rng, self.engine.now
        dept = self.depts[tracked.home]
        tracked.entity = tracked.entity.handle(
            evidence=("photo",), by=dept.actor, at=self.clock(now)
        )
        tracked.handled = now
        checked = self.member_task(tracked.member, now, s.verify_hours)
        if checked > self.horizon:
            return
        member = self.member_actor(tracked.member)
        if rng.random() < s.rework_share:
            tracked.entity = tracked.entity.reject_feedback(
                reason="核查未通过", by=member, at=self.clock(checked)
            )
            tracked.handled = None
            self.engine.at(checked, functools.partial(self.enqueue, tracked, checked))
            return
        tracked.entity = tracked.entity.verify(by=member, at=self.clock(checked))
        self.close(tracked, checked)

    def close(self, tracked: TrackedGridEvent, at: float) -> None:
        rng = self.rng
        closed = at + rng.expovariate(2.0)
        if closed > self.horizon:
            return
        tracked.entity = tracked.entity.close(by=self.center, at=self.clock(closed))
        tracked.closed = closed
        rated = closed + rng.expovariate(1 / 12.0)
        if rated > self.horizon:
            return
        when = self.clock(rated)
        if not tracked.entity.reworks and rng.random() < self.s.dissatisfied_share:
            tracked.entity = tracked.entity.reopen(reason="不满意", by=tracked.reporter, at=when)
            tracked.handled = tracked.closed = None
            tracked.home = tracked.department
            again = rated + rng.expovariate(1.0)
            self.engine.at(again, functools.partial(self.redispatch, tracked))
            return
        tracked.entity = tracked.entity.evaluate(by=tracked.reporter, at=when)
        self.finish(tracked)

    def redispatch(self, tracked: TrackedGridEvent) -> None:
        if tracked.spot:  # resolved on the spot, reopened: it now goes to its department
            tracked.home = self.categories.home[tracked.entity.category or ""]
        self.dispatch(tracked, self.engine.now)

    # -- results -----------------------------------------------------------------------

    def finish(self, tracked: TrackedGridEvent) -> None:
        del self.open[tracked.entity.id]
        self.finished.append(tracked)
        if len(self.finished) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        """Pool the finished events into the figures, and record each."""
        batch, self.finished = self.finished, []
        self.tally.add(batch)
        self.records.extend(map(self.record, batch))

    def record(self, tracked: TrackedGridEvent) -> GridEventRecord:
        e = tracked.entity
        category = e.category or e.description
        return GridEventRecord(
            id=e.id,
            grid=e.grid,
            member=member_id(tracked.member),
            category=category,
            category_class=self.categories.classes[category],
            priority=(e.priority or Priority.NORMAL).value,
            department=None if e.dispatched_at is None else self.department_ids[tracked.home],
            state=e.state.value,
            spot=tracked.spot,
            reported=tracked.reported,
            handled=tracked.handled,
            closed=tracked.closed,
            on_time=e.closed_on_time,
            escalations=len(e.escalations),
            reworks=e.reworks,
            extensions=e.extensions,
            sent_back=tracked.sent_back,
            transitions=len(e.history),
        )

    def summary(self) -> GridResult:
        s, tally = self.s, self.tally
        micro, handled = tally.handling_microseconds, tally.handled
        hours = Fraction(micro, handled * 3_600_000_000) if handled else None
        states = tally.states
        return GridResult(
            scenario=s,
            seed=self.seed,
            reported=self.counter,
            closure_rate=tally.closure,
            on_time_closure_rate=tally.on_time,
            rework_rate=tally.rework,
            extension_rate=tally.extension,
            average_handling_hours=hours,
            by_category=tuple(
                sorted(((c or "", n) for c, n in tally.categories.items()), key=_most_first)
            ),
            by_state=tuple(
                (state.value, states[state]) for state in GridEventState if states[state]
            ),
            departments=tuple(
                DepartmentRow(
                    department=d.id,
                    name=d.name,
                    handlers=s.handlers,
                    events=tally.department_events[i],
                    on_time_closure_rate=tally.by_department[i],
                )
                for i, d in enumerate(self.policy.departments)
            ),
            member_rates=tally.member_rates(),
            spot_resolved=tally.spot,
            voided=tally.voided,
            sent_back=tally.sent_back,
            escalated=tally.escalated,
            closed_late=tally.closed_late,
            open=tally.open,
            open_overdue=tally.open_overdue,
            transitions=tally.transitions,
            records=self.records.kept(_record_key),
            streamed=self.records.streamed,
        )


def _record_key(record: GridEventRecord) -> str:
    return record.id


def _most_first(pair: tuple[str, int]) -> tuple[int, str]:
    return -pair[1], pair[0]
