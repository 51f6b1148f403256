"""Mediation by 屋场会 (house-yard meetings): how often villages meet vs disputes resolved.

Every dispute is a real `jiceng.mediation.MediationCase` under the national rules (one
month to settle). The model:

- Disputes arise as a Poisson stream, `disputes_per_village` a year in each of `villages`
  villages, of a kind drawn by `kind_weights`; the village's mediation committee opens a
  case and assigns its mediator.
- Each village holds a 屋场会 every `meeting_interval_days` (from a random first day). A
  meeting takes up to `cases_per_meeting` waiting cases, oldest first, seats both parties
  with the mediator, a party member and a residents' representative, and ends with an
  oral agreement performed on the spot (probability `success_share`), a party refusing to
  go on (probability `refusal_share`), or no result yet, in which case the dispute waits
  for the next meeting.
- A case whose month runs out before it is settled is terminated (期满未达成协议); a
  refusal or a termination sends the dispute up (矛盾上交): it counts as escalated.
"""

from __future__ import annotations

import datetime
import functools
from collections import deque
from fractions import Fraction
from typing import TYPE_CHECKING, cast

import attrs

from jiceng import Actor, Rate
from jiceng.checks import between, instance_of, items, member, real, text
from jiceng.exceptions import FieldError, ValidationError
from jiceng.mediation import (
    Attendee,
    AttendeeRole,
    Dispute,
    DisputeKind,
    MediationCase,
    MediationState,
    Mediator,
    Origin,
    OriginKind,
    Party,
    Route,
    SessionKind,
    TerminationGround,
    Terms,
)
from jiceng.mediation.metrics import average_duration_days, counts_by_kind, success_rate
from jiceng.sim._common import scale, share, start_of
from jiceng.sim._engine import EngineRun, Progress
from jiceng.sim._frames import frame
from jiceng.sim._sink import Records, Sink, check_sink, kept, number

if TYPE_CHECKING:
    import pandas

__all__ = ["MediationRecord", "MediationResult", "MediationScenario"]

_TERMS = Terms(clauses=("双方互谅互让，当场赔礼道歉",))
_MAX_DAYS = 3_660  # ten years, the longest `CalendarDays` period
_MAX_VILLAGES = 1_000_000  # every people's mediation committee in China (about 700,000)
_INTERVAL = real(1.0, float(_MAX_DAYS))  # a village meets at most daily, at least once in ten years
_DISPUTES = real(1e-9, 10_000.0)  # a year, in one village: above 0, and far above any seed
_WEIGHT = between(0, 1_000_000)
_KIND = member(DisputeKind)


@attrs.frozen(kw_only=True)
class MediationScenario:
    """Villages mediating their disputes at 屋场会 of a given frequency for a year.

    Ranges: `days` 1 to 3,660 and `drain_days` 0 to 3,660 (ten years); `villages` 1 to
    1,000,000 (every people's mediation committee in China, about 700,000, fits; 瓮安 has
    149); `disputes_per_village` above 0 and at most 10,000 a year; `meeting_interval_days`
    1 to 3,660 (a village meets at most once a day); `cases_per_meeting` 1 to 100; the
    shares 0 to 1, adding up to 1 at most; `kind_weights` pairs of a `DisputeKind` and a
    weight of 0 to 1,000,000, one weight at least above 0.
    """

    name: str = attrs.field(default="mediation", validator=text(max_length=200))
    start: datetime.date = attrs.field(
        default=datetime.date(2026, 1, 1), validator=instance_of(datetime.date)
    )
    days: int = attrs.field(default=365, validator=between(1, _MAX_DAYS))
    drain_days: int = attrs.field(default=60, validator=between(0, _MAX_DAYS))
    villages: int = attrs.field(default=50, validator=between(1, _MAX_VILLAGES))
    disputes_per_village: float = attrs.field(default=12.0, validator=_DISPUTES)
    meeting_interval_days: float = attrs.field(default=14.0, validator=_INTERVAL)
    cases_per_meeting: int = attrs.field(default=3, validator=between(1, 100))
    success_share: float = attrs.field(default=0.6, validator=share)
    refusal_share: float = attrs.field(default=0.05, validator=share)
    kind_weights: tuple[tuple[DisputeKind, int], ...] = attrs.field(
        default=(
            (DisputeKind.NEIGHBOUR, 35),
            (DisputeKind.LAND, 20),
            (DisputeKind.FAMILY, 20),
            (DisputeKind.COMPENSATION, 10),
            (DisputeKind.CONTRACT, 5),
            (DisputeKind.OTHER, 10),
        ),
        validator=items(instance_of(tuple), max_items=len(DisputeKind)),
    )

    def __attrs_post_init__(self) -> None:
        errors: list[FieldError] = []
        if self.success_share + self.refusal_share > 1:
            msg = "success_share and refusal_share add up to more than 1"
            errors.append(FieldError("refusal_share", msg))
        pairs = cast("tuple[tuple[object, ...], ...]", self.kind_weights)  # to be checked
        for index, pair in enumerate(pairs):
            path = f"kind_weights[{index}]"
            if len(pair) != 2:
                msg = f"expected a (DisputeKind, weight) pair, got {pair!r}"
                errors.append(FieldError(path, msg))
                continue
            errors += _KIND.problems(pair[0], f"{path}[0]")
            errors += _WEIGHT.problems(pair[1], f"{path}[1]")
        if not errors and not any(weight for _, weight in self.kind_weights):
            errors.append(FieldError("kind_weights", "give at least one kind a weight above 0"))
        if errors:
            raise ValidationError(errors, subject="MediationScenario")

    def scaled(self, factor: float) -> MediationScenario:
        """`factor` as many villages, each as before."""
        return attrs.evolve(self, villages=scale(self.villages, factor))

    def run(
        self, seed: int, progress: Progress | None = None, *, sink: Sink | None = None
    ) -> MediationResult:
        """Simulate with `random.Random(seed)`; `progress` hears of each simulated week;
        `sink`, if given, takes each dispute's record once it has ended (see `run`)."""
        check_sink(sink, "MediationScenario.run")
        return _MediationRun(self, seed, progress, sink).result()


@attrs.frozen(kw_only=True)
class MediationRecord:
    """One dispute as it ended or stood; times in hours since the scenario's start."""

    id: str
    village: str
    kind: str
    state: str
    opened: float
    ended: float | None
    sessions: int
    resolved: bool
    escalated: bool
    transitions: int


@attrs.frozen(kw_only=True)
class MediationResult:
    """Disputes resolved and escalated, with the library's mediation figures."""

    scenario: MediationScenario
    seed: int
    disputes: int
    resolved: int
    escalated: int
    pending: int
    meetings: int
    sessions: int
    success_rate: Rate
    escalation_rate: Rate
    average_duration_days: Fraction | None
    by_kind: tuple[tuple[str, int], ...]
    transitions: int
    records: tuple[MediationRecord, ...]
    streamed: bool = False
    """Whether the records went to a sink (`records` is then empty)."""

    def to_pandas(self) -> pandas.DataFrame:
        """The per-dispute records as a `pandas.DataFrame` (extra ``pandas``), with their
        times as aware date-times in the scenario's zone."""
        start = start_of(self.scenario.start)
        rows = kept(self.records, self.streamed, self)
        return frame(rows, MediationRecord, start=start, hours=("opened", "ended"))


@attrs.define(eq=False)
class _TrackedDispute:
    """The run's note on one dispute: its mediation case now, its village, when it was
    opened and ended (hours), the 屋场会 sessions held, and whether it went up."""

    entity: MediationCase
    village: int
    opened: float
    ended: float | None = None
    sessions: int = 0
    escalated: bool = False


@attrs.define(eq=False)
class _MediationTally:
    """The figures of a run, pooled over the disputes as each ends."""

    disputes: int = 0
    resolved: int = 0
    escalated: int = 0
    sessions: int = 0
    success: Rate = attrs.field(factory=lambda: Rate(0, 0))
    days: Fraction = Fraction(0)  # the durations of those with an outcome, summed
    outcomes: int = 0
    by_kind: dict[DisputeKind, int] = attrs.field(factory=lambda: dict.fromkeys(DisputeKind, 0))
    transitions: int = 0


class _MediationRun(EngineRun):
    def __init__(
        self,
        scenario: MediationScenario,
        seed: int,
        progress: Progress | None,
        sink: Sink | None,
    ) -> None:
        super().__init__(seed, progress, scenario.start, scenario.days + scenario.drain_days)
        self.s = s = scenario
        self.names = [f"V{v + 1:03d}" for v in range(s.villages)]
        self.committees = [Actor.department(f"{n}-tjw", f"{n}人民调解委员会") for n in self.names]
        self.mediators = [Mediator(id=f"{n}-med", name="调解员") for n in self.names]
        self.waiting: list[deque[_TrackedDispute]] = [deque() for _ in self.names]
        self.open: dict[str, _TrackedDispute] = {}  # the disputes not ended yet
        self.tally = _MediationTally()
        self.records: Records[MediationRecord] = Records(sink)
        self.meetings = 0
        self.kinds = [k for k, _ in s.kind_weights]
        self.weights = [w for _, w in s.kind_weights]

    def result(self) -> MediationResult:
        s, rng, engine = self.s, self.rng, self.engine
        rate = s.villages * s.disputes_per_village / (365 * 24.0)
        first = rng.expovariate(rate)
        if first < 24.0 * s.days:
            engine.at(first, functools.partial(self.arise, rate))
        for village in range(s.villages):
            offset = 24.0 * rng.uniform(0, s.meeting_interval_days)
            day = offset // 24.0
            engine.at(24.0 * day + 19.5, functools.partial(self.meet, village))
        if self.progress is not None:
            weeks = (s.days + s.drain_days) // 7
            for week in range(1, weeks + 1):
                engine.at(24.0 * 7 * week, functools.partial(self.tick, week, weeks))
        engine.run(self.horizon)
        end = self.clock(self.horizon)
        for queue in self.waiting:
            for case in queue:
                if case.entity.deadline.overdue(end):
                    self.terminate(case, self.horizon)
        return self.summary()

    def tick(self, week: int, weeks: int) -> None:
        assert self.progress is not None
        self.progress("mediation", week / weeks)

    def arise(self, rate: float) -> None:
        s, rng, now = self.s, self.rng, self.engine.now
        following = now + rng.expovariate(rate)
        if following < 24.0 * s.days:
            self.engine.at(following, functools.partial(self.arise, rate))
        village = rng.randrange(s.villages)
        self.tally.disputes = n = self.tally.disputes + 1
        case_id = f"TJ-{s.start.year}-{n:05d}"
        at = self.clock(now)
        clerk = self.committees[village]
        entity = MediationCase.open(
            id=case_id,
            parties=[Party(id=f"{case_id}-a", name="甲方"), Party(id=f"{case_id}-b", name="乙方")],
            dispute=Dispute(kind=rng.choices(self.kinds, self.weights)[0], facts="纠纷"),
            origin=Origin(kind=OriginKind.APPLICATION, ref=f"{case_id}-a"),
            committee=clerk,
            by=clerk,
            at=at,
        )
        entity = entity.assign_mediator(self.mediators[village], by=clerk, at=at)
        case = _TrackedDispute(entity, village, now)
        self.open[case_id] = case
        self.waiting[village].append(case)

    def meet(self, village: int) -> None:
        s, rng, now = self.s, self.rng, self.engine.now
        following = now + 24.0 * s.meeting_interval_days
        if following < self.horizon:
            self.engine.at(following, functools.partial(self.meet, village))
        at = self.clock(now)
        queue = self.waiting[village]
        for case in [c for c in queue if c.entity.deadline.overdue(at)]:
            queue.remove(case)
            self.terminate(case, now)
        if not queue:
            return
        self.meetings += 1
        clerk, mediator = self.committees[village], self.mediators[village]
        held = self.clock(now + 1)
        for _ in range(min(s.cases_per_meeting, len(queue))):
            case = queue.popleft()
            case.sessions += 1
            entity, ids = case.entity, sorted(case.entity.party_ids)
            session = f"S-{case.sessions}"
            entity = entity.schedule_session(
                session_id=session, kind=SessionKind.HOUSE_MEETING, place="屋场",
                scheduled_for=at, by=clerk, at=at,
            )  # fmt: skip
            entity = entity.hold_session(
                session_id=session,
                attendees=[
                    *(Attendee(id=p, name="当事人", role=AttendeeRole.PARTY) for p in ids),
                    Attendee(id=mediator.id, name=mediator.name, role=AttendeeRole.MEDIATOR),
                    Attendee(
                        id=f"{case.entity.id}-pm", name="党员", role=AttendeeRole.PARTY_MEMBER
                    ),
                    Attendee(
                        id=f"{case.entity.id}-rr", name="群众代表", role=AttendeeRole.RESIDENT
                    ),
                ],
                record="屋场会：双方当面陈述，乡邻评理",
                by=clerk,
                at=held,
            )
            draw = rng.random()
            if draw < s.refusal_share:
                case.entity = entity.refuse(
                    party=ids[1], routes=[Route.LITIGATION], by=clerk, at=held
                )
                case.escalated, case.ended = True, now + 1
                self.finish(case)
            elif draw < s.refusal_share + s.success_share:
                entity = entity.propose_terms(_TERMS, by=clerk, at=held)
                for party in ids:
                    entity = entity.accept_proposal(party=party, by=clerk, at=held)
                entity = entity.record_oral_agreement(mediator=mediator.id, by=clerk, at=held)
                case.entity = entity.close(by=clerk, at=held)
                case.ended = now + 1
                self.finish(case)
            else:
                case.entity = entity
                queue.append(case)

    def terminate(self, case: _TrackedDispute, now: float) -> None:
        case.entity = case.entity.terminate(
            ground=TerminationGround.TIME_LIMIT,
            routes=[Route.LITIGATION, Route.ADMINISTRATIVE],
            by=self.committees[case.village],
            at=self.clock(now),
        )
        case.escalated, case.ended = True, now
        self.finish(case)

    def finish(self, case: _TrackedDispute) -> None:
        """Pool a dispute that has ended into the figures, record it, and forget it."""
        del self.open[case.entity.id]
        self.pool(case)

    def pool(self, case: _TrackedDispute) -> None:
        t, e = self.tally, case.entity
        one = (e,)
        resolved = e.state is MediationState.PERFORMED
        t.resolved += resolved
        t.escalated += case.escalated
        t.sessions += case.sessions
        t.success += success_rate(one)
        days = average_duration_days(one)
        if days is not None:
            t.days += days
            t.outcomes += 1
        for kind, n in counts_by_kind(one).items():
            t.by_kind[kind] += n
        t.transitions += len(e.history)
        self.records.add(
            MediationRecord(
                id=e.id,
                village=self.names[case.village],
                kind=e.dispute.kind.value,
                state=e.state.value,
                opened=case.opened,
                ended=case.ended,
                sessions=case.sessions,
                resolved=resolved,
                escalated=case.escalated,
                transitions=len(e.history),
            )
        )

    def summary(self) -> MediationResult:
        t = self.tally
        for case in self.open.values():  # still being mediated when the run stopped
            self.pool(case)
        return MediationResult(
            scenario=self.s,
            seed=self.seed,
            disputes=t.disputes,
            resolved=t.resolved,
            escalated=t.escalated,
            pending=t.disputes - t.resolved - t.escalated,
            meetings=self.meetings,
            sessions=t.sessions,
            success_rate=t.success,
            escalation_rate=Rate(t.escalated, t.disputes),
            average_duration_days=t.days / t.outcomes if t.outcomes else None,
            by_kind=tuple((k.value, n) for k, n in t.by_kind.items()),
            transitions=t.transitions,
            records=self.records.kept(_by_number),
            streamed=self.records.streamed,
        )


def _by_number(record: MediationRecord) -> int:
    return number(record.id)
