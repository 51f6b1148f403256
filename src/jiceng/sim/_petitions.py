"""Petitions (信访): a backlog, handling capacity, reviews and re-reviews, overdue counts.

Every case is a real `jiceng.petitions.Petition` under 信访工作条例(2022) (or another
`PetitionPolicy`), on a Monday-to-Friday calendar. The model:

- Petitions arrive as a Poisson stream over `days` days, lodged with the county's 信访
  body, which accepts them within `accept_days` (uniformly; the regulation allows 15).
- `handlers` caseworkers work one case at a time, first come first served, for an
  exponential `work_days`; the facts then take an exponential `investigation_days` to
  establish (no caseworker tied up). When the answer would come after the time limit, the
  head approves an extension (第34条) with probability `extension_share`.
- A case ends with an agreement (第33条) with probability `settle_share`, otherwise with a
  written opinion whose outcome is drawn by `outcome_weights`.
- The petitioner asks the city for a review (复查, 第35条) with probability `review_share`
  within the 30 days; the city's `review_handlers` answer in turn. A re-review (复核, 第36条)
  follows with probability `re_review_share` and is answered by the province after an
  exponential `re_review_days`. A petitioner who does not ask lets the window lapse and the
  matter is concluded (终结).

`backlog` (the library's) is taken at the end of every month: open cases, and how many
of them are overdue.
"""

from __future__ import annotations

import datetime
import functools
from collections import deque
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from jiceng import Actor, Rate, WeekendCalendar
from jiceng.checks import between, instance_of, items, text
from jiceng.petitions import (
    REGULATION_2022,
    Agreement,
    Body,
    Channel,
    Level,
    Matter,
    Outcome,
    Petition,
    PetitionPolicy,
    PetitionState,
)
from jiceng.petitions.metrics import (
    Backlog,
    backlog,
    completion_rate,
    on_time_rate,
    resolution_rate,
)
from jiceng.sim._common import positive, scale, share, start_of
from jiceng.sim._engine import EngineRun, Progress
from jiceng.sim._frames import frame
from jiceng.sim._sink import Records, Sink, check_sink, kept, number

if TYPE_CHECKING:
    import pandas

__all__ = ["MonthlyBacklog", "PetitionRecord", "PetitionResult", "PetitionScenario"]

_COUNTY = Body(id="county-xfj", name="县信访局", level=Level.COUNTY)
_CITY = Body(id="city-xfj", name="市信访局", level=Level.CITY)
_PROVINCE = Body(id="province-xfj", name="省信访局", level=Level.PROVINCE)
_CHANNELS = (Channel.ONLINE, Channel.LETTER, Channel.PHONE, Channel.VISIT)
_MAX_DAYS = 3_660  # ten years
_MAX_STAFF = 10_000  # caseworkers of one desk


@attrs.frozen(kw_only=True)
class PetitionScenario:
    """A county's petitions over a year: arrivals, capacity and petitioners' behaviour.

    Ranges: `days` 1 and `drain_days` 0 to 3,660 (ten years); `petitions_per_year` 1 to
    10,000,000 (more than the whole country's petitions of a year; a county of 2,000
    scaled a hundredfold has 200,000); `handlers` and `review_handlers` 1 to 10,000; the
    durations in days above 0 and finite; the shares 0 to 1; `outcome_weights` a tuple of
    (`Outcome`, weight) pairs.
    """

    name: str = attrs.field(default="petitions", validator=text())
    policy: PetitionPolicy = attrs.field(
        default=REGULATION_2022, validator=instance_of(PetitionPolicy)
    )
    start: datetime.date = attrs.field(
        default=datetime.date(2026, 1, 1), validator=instance_of(datetime.date)
    )
    days: int = attrs.field(default=365, validator=between(1, _MAX_DAYS))
    drain_days: int = attrs.field(default=120, validator=between(0, _MAX_DAYS))
    petitions_per_year: int = attrs.field(default=2_000, validator=between(1, 10_000_000))
    handlers: int = attrs.field(default=14, validator=between(1, _MAX_STAFF))
    review_handlers: int = attrs.field(default=3, validator=between(1, _MAX_STAFF))
    accept_days: float = attrs.field(default=10.0, validator=positive)
    work_days: float = attrs.field(default=2.0, validator=positive)
    investigation_days: float = attrs.field(default=20.0, validator=positive)
    review_work_days: float = attrs.field(default=4.0, validator=positive)
    re_review_days: float = attrs.field(default=20.0, validator=positive)
    extension_share: float = attrs.field(default=0.6, validator=share)
    settle_share: float = attrs.field(default=0.1, validator=share)
    review_share: float = attrs.field(default=0.15, validator=share)
    re_review_share: float = attrs.field(default=0.3, validator=share)
    outcome_weights: tuple[tuple[Outcome, int], ...] = attrs.field(
        default=(
            (Outcome.SUPPORTED, 35),
            (Outcome.EXPLAINED, 45),
            (Outcome.NOT_SUPPORTED, 20),
        ),
        validator=items(instance_of(tuple), max_items=len(Outcome)),
    )

    def scaled(self, factor: float) -> PetitionScenario:
        """The same county at `factor` of its size: petitions and caseworkers scale."""
        return attrs.evolve(
            self,
            petitions_per_year=scale(self.petitions_per_year, factor),
            handlers=scale(self.handlers, factor),
            review_handlers=scale(self.review_handlers, factor),
        )

    def run(
        self, seed: int, progress: Progress | None = None, *, sink: Sink | None = None
    ) -> PetitionResult:
        """Simulate with `random.Random(seed)`; `progress` hears of each simulated month;
        `sink`, if given, takes each petition's record once it is final (see `run`)."""
        check_sink(sink, "PetitionScenario.run")
        return _PetitionRun(self, seed, progress, sink).result()


@attrs.frozen(kw_only=True)
class PetitionRecord:
    """One petition as it ended or stood; times in hours since the scenario's start."""

    id: str
    channel: str
    state: str
    registered: float
    answered: float | None
    outcome: str | None
    settled: bool
    on_time: bool | None
    extended: bool
    reviewed: bool
    re_reviewed: bool
    transitions: int


@attrs.frozen(kw_only=True)
class MonthlyBacklog:
    """The backlog (积案) at the end of a month: open cases and those overdue."""

    month: int
    open: int
    overdue: int


@attrs.frozen(kw_only=True)
class PetitionResult:
    """What a petition scenario gave: the library's rates, backlogs and records."""

    scenario: PetitionScenario
    seed: int
    registered: int
    completion_rate: Rate
    on_time_rate: Rate
    resolution_rate: Rate
    review_rate: Rate
    re_review_rate: Rate
    extended: int
    overdue_answers: int
    year_end_backlog: Backlog
    final_backlog: Backlog
    monthly_backlog: tuple[MonthlyBacklog, ...]
    mean_days_to_answer: Fraction | None
    transitions: int
    records: tuple[PetitionRecord, ...]
    streamed: bool = False
    """Whether the records went to a sink (`records` is then empty)."""

    def to_pandas(self) -> pandas.DataFrame:
        """The per-petition records as a `pandas.DataFrame` (extra ``pandas``), with their
        times as aware date-times in the scenario's zone."""
        start = start_of(self.scenario.start)
        rows = kept(self.records, self.streamed, self)
        return frame(rows, PetitionRecord, start=start, hours=("registered", "answered"))


@attrs.define(eq=False)
class _TrackedPetition:
    """The run's note on one petition: the entity now, when it was registered and first
    answered (hours), and whether its time limit was extended."""

    entity: Petition
    petitioner: Actor
    registered: float
    answered: float | None = None
    extended: bool = False


@attrs.define(eq=False)
class _PetitionTally:
    """The figures of a run, pooled over the petitions as each becomes final."""

    registered: int = 0
    completion: Rate = attrs.field(factory=lambda: Rate(0, 0))
    on_time: Rate = attrs.field(factory=lambda: Rate(0, 0))
    resolution: Rate = attrs.field(factory=lambda: Rate(0, 0))
    opinions: int = 0
    reviewed: int = 0
    re_reviewed: int = 0
    extended: int = 0
    answered: int = 0
    overdue_answers: int = 0
    waits: Fraction = Fraction(0)
    transitions: int = 0


@attrs.define(eq=False)
class _Desk:
    """Caseworkers serving petitions one at a time, first come first served."""

    size: int
    busy: int = 0
    queue: deque[_TrackedPetition] = attrs.field(factory=deque)


class _PetitionRun(EngineRun):
    def __init__(
        self,
        scenario: PetitionScenario,
        seed: int,
        progress: Progress | None,
        sink: Sink | None,
    ) -> None:
        super().__init__(seed, progress, scenario.start, scenario.days + scenario.drain_days)
        self.s = s = scenario
        self.epoch = self.clock.start.timestamp()
        self.calendar = WeekendCalendar()
        self.county = Actor.department(_COUNTY.id, _COUNTY.name)
        self.city = Actor.department(_CITY.id, _CITY.name)
        self.province = Actor.department(_PROVINCE.id, _PROVINCE.name)
        self.head = Actor.person("county-head", "县信访局局长")
        self.desk = _Desk(s.handlers)
        self.review_desk = _Desk(s.review_handlers)
        self.open: dict[str, _TrackedPetition] = {}  # the cases not final yet
        self.tally = _PetitionTally()
        self.records: Records[PetitionRecord] = Records(sink)
        self.monthly: list[MonthlyBacklog] = []
        self.year_end: Backlog | None = None
        self.outcomes = [o for o, _ in s.outcome_weights]
        self.weights = [w for _, w in s.outcome_weights]

    def hours(self, instant: datetime.datetime) -> float:
        return (instant.timestamp() - self.epoch) / 3600

    def result(self) -> PetitionResult:
        s, engine = self.s, self.engine
        rate = s.petitions_per_year / (365 * 24.0)
        first = self.rng.expovariate(rate)
        if first < 24.0 * s.days:
            engine.at(first, functools.partial(self.arrive, rate))
        months = (s.days + s.drain_days) // 30
        for month in range(1, months + 1):
            engine.at(24.0 * 30 * month, functools.partial(self.snapshot, month, months))
        engine.at(24.0 * s.days, self.year_end_snapshot)
        engine.run(self.horizon)
        return self.summary()

    def snapshot(self, month: int, months: int) -> None:
        at = self.clock(self.engine.now)
        counts = backlog((c.entity for c in self.open.values()), at=at)
        self.monthly.append(MonthlyBacklog(month=month, open=counts.open, overdue=counts.overdue))
        if self.progress is not None:
            self.progress("petitions", month / months)

    def year_end_snapshot(self) -> None:
        at = self.clock(self.engine.now)
        self.year_end = backlog((c.entity for c in self.open.values()), at=at)

    def arrive(self, rate: float) -> None:
        s, rng, now = self.s, self.rng, self.engine.now
        following = now + rng.expovariate(rate)
        if following < 24.0 * s.days:
            self.engine.at(following, functools.partial(self.arrive, rate))
        self.tally.registered = n = self.tally.registered + 1
        petitioner = Actor.person(f"xf-{n:05d}")
        entity = Petition.register(
            id=f"XF-{s.start.year}-{n:05d}",
            channel=_CHANNELS[rng.randrange(len(_CHANNELS))],
            petitioners=(petitioner,),
            matter=Matter(request="请求解决问题", facts="事实", reasons="理由"),
            lodged_with=_COUNTY,
            policy=s.policy,
            calendar=self.calendar,
            by=self.county,
            at=self.clock(now),
        )
        case = _TrackedPetition(entity, petitioner, now)
        self.open[entity.id] = case
        accepted = now + rng.uniform(0, 24.0 * s.accept_days)
        self.engine.at(accepted, functools.partial(self.accept, case))

    def accept(self, case: _TrackedPetition) -> None:
        case.entity = case.entity.accept(by=self.county, at=self.clock(self.engine.now))
        self.queue(self.desk, case)

    def queue(self, desk: _Desk, case: _TrackedPetition) -> None:
        if desk.busy < desk.size:
            self.serve(desk, case)
        else:
            desk.queue.append(case)

    def serve(self, desk: _Desk, case: _TrackedPetition) -> None:
        desk.busy += 1
        s, rng, now = self.s, self.rng, self.engine.now
        reviewing = desk is self.review_desk
        mean = s.review_work_days if reviewing else s.work_days
        done = now + 24.0 * rng.expovariate(1 / mean)
        self.engine.at(done, functools.partial(self.worked, desk, case))

    def worked(self, desk: _Desk, case: _TrackedPetition) -> None:
        s, rng, now = self.s, self.rng, self.engine.now
        desk.busy -= 1
        if desk.queue:
            self.serve(desk, desk.queue.popleft())
        reviewing = desk is self.review_desk
        mean = s.investigation_days / (2 if reviewing else 1)
        answer_at = now + 24.0 * rng.expovariate(1 / mean)
        entity = case.entity
        if not reviewing:
            deadline = entity.deadline
            assert deadline is not None
            at = self.clock(now)
            if (
                self.hours(deadline.due) < answer_at
                and not deadline.overdue(at)
                and rng.random() < s.extension_share
            ):
                bound = s.policy.handling.extension
                assert bound is not None
                case.entity = entity.extend(
                    extra=bound.max_total, approved_by=self.head, reason="案情复杂，需进一步调查",
                    by=self.county, at=at,
                )  # fmt: skip
                case.extended = True
        self.engine.at(answer_at, functools.partial(self.answer, case, reviewing))

    def answer(self, case: _TrackedPetition, reviewing: bool) -> None:
        s, rng, now = self.s, self.rng, self.engine.now
        at = self.clock(now)
        if reviewing:
            case.entity = case.entity.answer_review(
                outcome=self.draw_outcome(), basis="复查意见", by=self.city, at=at
            )
            self.ask_or_lapse(case, s.re_review_share, self.re_review)
            return
        case.answered = now
        if rng.random() < s.settle_share:
            case.entity = case.entity.settle(
                agreement=Agreement.MEDIATION, document="调解协议书", by=self.county, at=at
            )
            self.finish(case)
            return
        case.entity = case.entity.answer(
            outcome=self.draw_outcome(), basis="处理意见", by=self.county, at=at
        )
        self.ask_or_lapse(case, s.review_share, self.review)

    def ask_or_lapse(
        self, case: _TrackedPetition, share: float, ask: Callable[[_TrackedPetition], None]
    ) -> None:
        """With probability `share` the petitioner asks the next level (`ask`) within the 30
        days; otherwise the window lapses and the matter is concluded."""
        rng, now = self.rng, self.engine.now
        if rng.random() < share:
            asked = now + rng.uniform(24.0, 24.0 * 29)
            self.engine.at(asked, functools.partial(ask, case))
        else:
            self.engine.at(now + 24.0 * 31, functools.partial(self.conclude, case))

    def draw_outcome(self) -> Outcome:
        return self.rng.choices(self.outcomes, self.weights)[0]

    def review(self, case: _TrackedPetition) -> None:
        at = self.clock(self.engine.now)
        case.entity = case.entity.request_review(to=_CITY, by=case.petitioner, at=at)
        self.queue(self.review_desk, case)

    def re_review(self, case: _TrackedPetition) -> None:
        now = self.engine.now
        at = self.clock(now)
        case.entity = case.entity.request_re_review(to=_PROVINCE, by=case.petitioner, at=at)
        done = now + 24.0 * self.rng.expovariate(1 / self.s.re_review_days)
        self.engine.at(done, functools.partial(self.re_reviewed, case))

    def re_reviewed(self, case: _TrackedPetition) -> None:
        at = self.clock(self.engine.now)
        case.entity = case.entity.answer_re_review(
            outcome=self.draw_outcome(), basis="复核意见", by=self.province, at=at
        )
        self.finish(case)

    def conclude(self, case: _TrackedPetition) -> None:
        case.entity = case.entity.conclude(by=self.county, at=self.clock(self.engine.now))
        self.finish(case)

    def finish(self, case: _TrackedPetition) -> None:
        """Pool a final petition into the figures, record it, and forget it."""
        del self.open[case.entity.id]
        self.pool(case)

    def pool(self, case: _TrackedPetition) -> None:
        t, e = self.tally, case.entity
        one = (e,)
        t.completion += completion_rate(one)
        t.on_time += on_time_rate(one)
        t.resolution += resolution_rate(one)
        kinds = {type(event).__name__ for event in e.history}
        was_reviewed = "ReviewRequested" in kinds
        was_re_reviewed = "ReReviewRequested" in kinds
        t.reviewed += was_reviewed
        t.re_reviewed += was_re_reviewed
        t.opinions += bool(e.opinions)
        t.transitions += len(e.history)
        t.extended += case.extended
        if case.answered is not None:
            t.answered += 1
            t.waits += Fraction(round((case.answered - case.registered) * 3600), 86_400)
            t.overdue_answers += e.on_time is False
        first = e.opinions[0].outcome.value if e.opinions else None
        self.records.add(
            PetitionRecord(
                id=e.id,
                channel=e.channel.value,
                state=e.state.value,
                registered=case.registered,
                answered=case.answered,
                outcome=first,
                settled=e.state is PetitionState.SETTLED,
                on_time=e.on_time,
                extended=case.extended,
                reviewed=was_reviewed,
                re_reviewed=was_re_reviewed,
                transitions=len(e.history),
            )
        )

    def summary(self) -> PetitionResult:
        s, t = self.s, self.tally
        final_backlog = backlog((c.entity for c in self.open.values()), at=self.clock(self.horizon))
        for case in self.open.values():  # still open when the run stopped
            self.pool(case)
        assert self.year_end is not None
        return PetitionResult(
            scenario=s,
            seed=self.seed,
            registered=t.registered,
            completion_rate=t.completion,
            on_time_rate=t.on_time,
            resolution_rate=t.resolution,
            review_rate=Rate(t.reviewed, t.opinions),
            re_review_rate=Rate(t.re_reviewed, t.reviewed),
            extended=t.extended,
            overdue_answers=t.overdue_answers,
            year_end_backlog=self.year_end,
            final_backlog=final_backlog,
            monthly_backlog=tuple(self.monthly),
            mean_days_to_answer=t.waits / t.answered if t.answered else None,
            transitions=t.transitions,
            records=self.records.kept(_by_number),
            streamed=self.records.streamed,
        )


def _by_number(record: PetitionRecord) -> int:
    return number(record.id)
