"""Tests of monitoring cycles: periods, targets, reports over a collection of cases."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pendulum
import pytest

from jiceng import Label, Source
from jiceng.exceptions import ValidationError
from jiceng.metrics import Rate
from jiceng.petitions import Agreement, Outcome, Petition, Route
from jiceng.petitions.metrics import Backlog
from jiceng.petitions.monitoring import Cadence, Checkpoint, Measure, MonitoringCycle, Target
from tests.petitions.helpers import CLERK, T0, TZ, registered

SRC = Source("test")


def checkpoint(cadence: Cadence) -> Checkpoint:
    return Checkpoint(cadence=cadence, label=Label(cadence.zh, cadence.en), source=SRC)


def target(measure: Measure, threshold: Fraction = Fraction(1)) -> Target:
    return Target(measure=measure, threshold=threshold, label=measure.label, source=SRC)


CYCLE = MonitoringCycle(
    name="test",
    title=Label("测试", "test"),
    checkpoints=[checkpoint(c) for c in Cadence],
    targets=[target(m) for m in Measure],
    source=SRC,
)


@pytest.mark.parametrize(
    ("cadence", "start", "end"),
    [
        (Cadence.DAILY, (2026, 5, 20), (2026, 5, 21)),
        (Cadence.MONTHLY, (2026, 5, 1), (2026, 6, 1)),
        (Cadence.QUARTERLY, (2026, 4, 1), (2026, 7, 1)),
        (Cadence.YEARLY, (2026, 1, 1), (2027, 1, 1)),
    ],
)
def test_each_cadence_gives_the_local_period_containing_the_instant(
    cadence: Cadence, start: tuple[int, int, int], end: tuple[int, int, int]
) -> None:
    at = pendulum.datetime(2026, 5, 19, 20, tz="UTC")  # 2026-05-20 04:00 in Beijing
    assert cadence.period(at, TZ) == (
        pendulum.datetime(*start, tz=TZ),
        pendulum.datetime(*end, tz=TZ),
    )


def test_the_last_quarter_ends_with_the_year() -> None:
    at = pendulum.datetime(2014, 12, 31, 23, tz=TZ)
    assert Cadence.QUARTERLY.period(at, TZ)[1] == pendulum.datetime(2015, 1, 1, tz=TZ)


def test_a_target_is_met_exactly_and_never_by_an_undefined_rate() -> None:
    ninety = target(Measure.RESOLUTION, Fraction(9, 10))
    assert ninety.met(Rate(9, 10))
    assert not ninety.met(Rate(8, 9))
    assert not ninety.met(Rate(0, 0))


@pytest.mark.parametrize("threshold", [Fraction(0), Fraction(11, 10), 1, 0.95])
def test_a_target_threshold_is_a_fraction_above_0_and_at_most_1(threshold: object) -> None:
    with pytest.raises(ValidationError, match="threshold"):
        Target(measure=Measure.COMPLETION, threshold=threshold, label=Label("x", "x"), source=SRC)  # type: ignore[arg-type]


def test_a_cycle_needs_checkpoints_each_of_its_own_cadence() -> None:
    with pytest.raises(ValidationError, match="at least one checkpoint"):
        MonitoringCycle(name="x", title=Label("x", "x"), checkpoints=[], targets=[], source=SRC)
    with pytest.raises(ValidationError) as caught:
        MonitoringCycle(
            name="x",
            title=Label("x", "x"),
            checkpoints=[checkpoint(Cadence.DAILY), checkpoint(Cadence.DAILY)],
            targets=[],
            source=SRC,
        )
    assert caught.value.paths == ("checkpoints[1]",)


def cases() -> list[Petition]:
    """Three petitions accepted on T0's day: one settled, one answered, one open."""
    accepted = [registered(id=f"XF-{n}").accept(by=CLERK, at=T0) for n in range(3)]
    return [
        accepted[0].settle(agreement=Agreement.MEDIATION, document="协议", by=CLERK, at=T0),
        accepted[1].answer(outcome=Outcome.SUPPORTED, basis="依据", by=CLERK, at=T0),
        accepted[2],
    ]


def test_a_report_gives_the_targets_the_backlog_and_the_cases_opened_in_the_period() -> None:
    report = CYCLE.report(cases(), cadence=Cadence.MONTHLY, at=T0.add(months=3))
    assert report.checkpoint.cadence is Cadence.MONTHLY
    assert report.start == pendulum.datetime(2026, 6, 1, tz=TZ)
    assert report.opened == 0
    assert report.backlog == Backlog(open=2, overdue=1)
    assert [(r.target.measure, str(r.rate), r.met) for r in report.results] == [
        (Measure.RESOLUTION, "33.33% (1/3)", False),
        (Measure.COMPLETION, "66.67% (2/3)", False),
        (Measure.ON_TIME, "66.67% (2/3)", False),  # out of all cases, like 办结率
    ]
    assert [t.measure for t in report.shortfalls] == list(Measure)
    assert CYCLE.report(cases(), cadence=Cadence.DAILY, at=T0.add(hours=1)).opened == 3


def test_a_report_counts_a_diverted_case_as_opened_but_not_in_its_targets_rates() -> None:
    diverted = registered(id="XF-D").divert(
        route=Route.LITIGATION, reason="已起诉", by=CLERK, at=T0.add(hours=1)
    )
    report = CYCLE.report([*cases(), diverted], cadence=Cadence.DAILY, at=T0.add(hours=2))
    assert report.opened == 4
    assert report.backlog == Backlog(open=2, overdue=0)  # diverted is final: not a backlog case
    assert [str(r.rate) for r in report.results] == [
        "33.33% (1/3)",
        "66.67% (2/3)",
        "66.67% (2/3)",
    ]


def test_a_report_refuses_a_case_changed_after_its_instant() -> None:
    with pytest.raises(ValidationError) as caught:
        CYCLE.report(cases(), cadence=Cadence.DAILY, at=T0.subtract(hours=1))
    assert caught.value.paths == ("cases[0]", "cases[1]", "cases[2]")


def test_a_report_needs_an_aware_instant_and_a_checkpoint_of_the_cycle() -> None:
    with pytest.raises(ValidationError, match="aware"):
        CYCLE.report(cases(), cadence=Cadence.DAILY, at=pendulum.naive(2026, 3, 2))
    yearly = MonitoringCycle(
        name="yearly",
        title=Label("年", "yearly"),
        checkpoints=[checkpoint(Cadence.YEARLY)],
        targets=[],
        source=SRC,
    )
    with pytest.raises(ValidationError, match=r"has no .*daily.* checkpoint; it has: yearly"):
        yearly.report([], cadence=Cadence.DAILY, at=T0)
    assert yearly.report([], cadence=Cadence.YEARLY, at=T0).results == ()


@pytest.mark.parametrize("threshold", [Fraction(1, 10_000), Fraction(1)])
def test_a_target_threshold_runs_from_one_ten_thousandth_to_one(threshold: Fraction) -> None:
    assert target(Measure.RESOLUTION, threshold).threshold == threshold


@pytest.mark.parametrize("threshold", [Fraction(1, 10_001), Fraction(10_001, 10_000)])
def test_a_target_threshold_just_outside_its_range_is_refused(threshold: Fraction) -> None:
    with pytest.raises(ValidationError) as caught:
        target(Measure.RESOLUTION, threshold)
    assert caught.value.paths == ("threshold",)


def test_a_target_refuses_a_measure_given_as_its_string() -> None:
    with pytest.raises(ValidationError, match=r"pass Measure\('resolution'\)") as caught:
        Target(measure="resolution", threshold=Fraction(1), label=Label("x", "x"), source=SRC)  # type: ignore[arg-type]
    assert caught.value.paths == ("measure",)


def test_a_cycle_refuses_a_checkpoint_of_another_kind() -> None:
    bad: Any = ["daily"]
    with pytest.raises(ValidationError) as caught:
        MonitoringCycle(name="x", title=Label("x", "x"), checkpoints=bad, targets=[], source=SRC)
    assert caught.value.paths == ("checkpoints[0]",)


def test_a_report_refuses_a_cadence_given_as_its_string() -> None:
    with pytest.raises(ValidationError) as caught:
        CYCLE.report(cases(), cadence="daily", at=T0)  # type: ignore[arg-type]
    assert caught.value.paths == ("report.cadence",)
