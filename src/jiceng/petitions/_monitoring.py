"""Monitoring cycles (监测周期): a look at a collection of cases at fixed intervals, with targets.

A local system looks at its cases on a cycle and sets targets on their rates: 贵阳 keeps a
"日交换、月调度、季考核、年评比" cycle (daily exchange, monthly dispatching, quarterly
assessment, annual appraisal) and set the targets "100%有说法、100%有结论" for its 2014 积案化解年
(seed 001). A `MonitoringCycle` is a value: its checkpoints (a `Cadence` and what happens at
it), its `Target`s and its time zone. `report(cases, cadence=..., at=...)` gives a
`MonitoringReport`: the period of that cadence which contains `at`, the cases opened in it
so far, the backlog (积案) at `at`, and each target's rate over the cases given, met or not.
A target's rate counts the matters due, as the rates of `jiceng.petitions.metrics` do (not
a matter routed out to another procedure, nor a repeat); `opened` counts every case opened.

A report reads the cases as they stood at `at`: a case changed after `at` is refused.

>>> from fractions import Fraction
>>> from jiceng import Label, Source
>>> target = Target(
...     measure=Measure.RESOLUTION,
...     threshold=Fraction(95, 100),
...     label=Label("化解率95%", "95% resolved"),
...     source=Source("example"),
... )
>>> target.met(Rate(1732, 1814))
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs
import pendulum

from jiceng import DEFAULT_TZ, Label, Source
from jiceng.checks import as_tuple, checked, instance_of, items, member, ratio, text, zone
from jiceng.exceptions import FieldError, ValidationError
from jiceng.metrics import Rate
from jiceng.petitions._matter import _Labelled
from jiceng.petitions._metrics import (
    Backlog,
    backlog,
    completion_rate,
    on_time_rate,
    resolution_rate,
)
from jiceng.petitions._submission import Submission

__all__ = [
    "Cadence",
    "Checkpoint",
    "Measure",
    "MonitoringCycle",
    "MonitoringReport",
    "Target",
    "TargetResult",
]


class Cadence(_Labelled):
    """How often a checkpoint comes round (周期): each day, month, quarter or year."""

    DAILY = "daily", "日", "daily"
    MONTHLY = "monthly", "月", "monthly"
    QUARTERLY = "quarterly", "季", "quarterly"
    YEARLY = "yearly", "年", "yearly"

    def period(self, at: pendulum.DateTime, tz: str) -> tuple[pendulum.DateTime, pendulum.DateTime]:
        """The period that contains `at`, as local time in `tz`: its start, and the start of
        the next one (the end, not included).

        >>> at = pendulum.datetime(2014, 10, 15, 9, tz="Asia/Shanghai")
        >>> tuple(str(day.date()) for day in Cadence.QUARTERLY.period(at, "Asia/Shanghai"))
        ('2014-10-01', '2015-01-01')
        """
        local = at.in_timezone(tz)
        if self is Cadence.DAILY:
            start = local.start_of("day")
            return start, start.add(days=1)
        if self is Cadence.MONTHLY:
            start = local.start_of("month")
            return start, start.add(months=1)
        if self is Cadence.QUARTERLY:
            first = (local.month - 1) // 3 * 3 + 1
            start = pendulum.datetime(local.year, first, 1, tz=tz)
            return start, start.add(months=3)
        start = local.start_of("year")
        return start, start.add(years=1)


class Measure(_Labelled):
    """A rate a target is set on (see `jiceng.petitions` for each rate's definition)."""

    RESOLUTION = "resolution", "化解率", "resolution rate"
    COMPLETION = "completion", "办结率", "completion rate"
    ON_TIME = "on_time", "按期办结率", "on-time rate"

    def of(self, cases: Iterable[Submission[Any]]) -> Rate:
        """This rate over `cases`."""
        return _MEASURES[self](cases)


_MEASURES: Mapping[Measure, Callable[[Iterable[Submission[Any]]], Rate]] = {
    Measure.RESOLUTION: resolution_rate,
    Measure.COMPLETION: completion_rate,
    Measure.ON_TIME: on_time_rate,
}


_LABEL = instance_of(Label)
_SOURCE = instance_of(Source)


@attrs.frozen(kw_only=True)
class Target:
    """A target on a rate (目标): met when the rate reaches `threshold` exactly; an undefined
    rate (no case counted) does not meet it.

    `threshold` is an exact `Fraction` from 1/10000 (0.01%, the finest step a rate shown in
    percent to two places can state; a target of 0 would be met by every rate) to 1 (100%).
    """

    measure: Measure = attrs.field(validator=member(Measure))
    threshold: Fraction = attrs.field(validator=ratio(Fraction(1, 10_000), Fraction(1)))
    label: Label = attrs.field(validator=_LABEL)
    source: Source = attrs.field(validator=_SOURCE)

    def met(self, rate: Rate) -> bool:
        """Whether `rate` reaches the threshold."""
        return rate.at_least(self.threshold)


@attrs.frozen(kw_only=True)
class Checkpoint:
    """One checkpoint of a cycle: how often it comes round and what happens at it (日交换)."""

    cadence: Cadence = attrs.field(validator=member(Cadence))
    label: Label = attrs.field(validator=_LABEL)
    source: Source = attrs.field(validator=_SOURCE)


@attrs.frozen(kw_only=True)
class TargetResult:
    """A target, the rate measured for it, and whether it is met."""

    target: Target
    rate: Rate
    met: bool


@attrs.frozen(kw_only=True)
class MonitoringReport:
    """What a checkpoint finds (监测报告): the period containing `at` (`start` included,
    `end` not), the cases opened in it up to `at`, the backlog at `at`, and each target."""

    checkpoint: Checkpoint
    start: pendulum.DateTime
    end: pendulum.DateTime
    at: pendulum.DateTime
    opened: int
    backlog: Backlog
    results: tuple[TargetResult, ...]

    @property
    def shortfalls(self) -> tuple[Target, ...]:
        """The targets not met (未达标)."""
        return tuple(result.target for result in self.results if not result.met)


def _checkpoints(value: Iterable[Checkpoint]) -> tuple[Checkpoint, ...]:
    return as_tuple(value)  # typed for attrs' mypy plugin, which cannot read a generic one


def _targets(value: Iterable[Target]) -> tuple[Target, ...]:
    return as_tuple(value)


@attrs.frozen(kw_only=True)
class MonitoringCycle:
    """A monitoring cycle: checkpoints (one per cadence), targets, and the time zone whose
    days, months, quarters and years the periods follow."""

    name: str = attrs.field(validator=text())
    title: Label = attrs.field(validator=_LABEL)
    checkpoints: tuple[Checkpoint, ...] = attrs.field(
        converter=_checkpoints, validator=items(instance_of(Checkpoint))
    )
    targets: tuple[Target, ...] = attrs.field(
        converter=_targets, validator=items(instance_of(Target))
    )
    source: Source = attrs.field(validator=_SOURCE)
    tz: str = attrs.field(default=DEFAULT_TZ, validator=zone())

    def __attrs_post_init__(self) -> None:
        errors = []
        if not self.checkpoints:
            errors.append(FieldError("checkpoints", "a cycle needs at least one checkpoint"))
        seen: set[Cadence] = set()
        for index, checkpoint in enumerate(self.checkpoints):
            if checkpoint.cadence in seen:
                msg = f"a second {checkpoint.cadence.value} checkpoint"
                errors.append(FieldError(f"checkpoints[{index}]", msg))
            seen.add(checkpoint.cadence)
        if errors:
            raise ValidationError(errors, subject="monitoring cycle")

    def checkpoint(self, cadence: Cadence) -> Checkpoint:
        """The checkpoint of `cadence`; `ValidationError` if the cycle has none."""
        for checkpoint in self.checkpoints:
            if checkpoint.cadence is cadence:
                return checkpoint
        have = ", ".join(c.cadence.value for c in self.checkpoints)
        msg = f"cycle {self.name!r} has no {cadence.value} checkpoint; it has: {have}"
        raise ValidationError.single("cadence", msg, subject="monitoring report")

    @checked
    def report(
        self, cases: Iterable[Submission[Any]], *, cadence: Cadence, at: pendulum.DateTime
    ) -> MonitoringReport:
        """The report of the `cadence` checkpoint at `at` over `cases` (choose the collection
        first: a body's cases, a backlog list). Every case must stand as it stood at `at`."""
        checkpoint = self.checkpoint(cadence)
        cases = tuple(cases)
        later = [
            FieldError(f"cases[{i}]", f"{case.id} changed after {at} (at {case.last_changed})")
            for i, case in enumerate(cases)
            if case.last_changed > at
        ]
        if later:
            raise ValidationError(later, subject="monitoring report")
        start, end = cadence.period(at, self.tz)
        results = []
        for target in self.targets:
            rate = target.measure.of(cases)
            results.append(TargetResult(target=target, rate=rate, met=target.met(rate)))
        return MonitoringReport(
            checkpoint=checkpoint,
            start=start,
            end=end,
            at=at,
            opened=sum(case.created >= start for case in cases),
            backlog=backlog(cases, at=at),
            results=tuple(results),
        )
