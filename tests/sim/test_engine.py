from __future__ import annotations

import datetime
import gc
import random
import zoneinfo

import pendulum
import pytest
from pendulum.tz.timezone import FixedTimezone

from jiceng.sim import Clock, Engine, poisson


def test_actions_run_in_time_order_and_ties_in_scheduling_order() -> None:
    engine, seen = Engine(), []
    engine.at(2.0, lambda: seen.append("b"))
    engine.at(1.0, lambda: seen.append("a"))
    engine.at(2.0, lambda: seen.append("c"))
    engine.at(5.0, lambda: seen.append("late"))
    assert len(engine) == 4
    engine.run(until=3.0)
    assert seen == ["a", "b", "c"]
    assert engine.now == 3.0
    assert len(engine) == 1


def test_an_action_scheduled_in_the_past_runs_now() -> None:
    engine, seen = Engine(), []

    def first() -> None:
        engine.at(0.5, lambda: seen.append(engine.now))

    engine.at(1.0, first)
    engine.run(until=2.0)
    assert seen == [1.0]


def test_the_clock_gives_whole_second_instants_in_the_start_zone() -> None:
    start = pendulum.datetime(2026, 1, 1, tz="Asia/Shanghai")
    clock = Clock(start)
    assert clock(0) == start
    assert clock(25.5) == pendulum.datetime(2026, 1, 2, 1, 30, tz="Asia/Shanghai")
    assert clock(1 / 7200).second == 0
    assert clock.day(30) == pendulum.Date(2026, 1, 2)


def test_poisson_draws_have_the_mean_asked_for() -> None:
    rng = random.Random(1)
    assert poisson(rng, 0) == 0
    assert poisson(rng, -1) == 0
    small = [poisson(rng, 2.0) for _ in range(4000)]
    large = [poisson(rng, 50.0) for _ in range(4000)]
    assert abs(sum(small) / 4000 - 2.0) < 0.1
    assert abs(sum(large) / 4000 - 50.0) < 0.5


@pytest.mark.parametrize(
    "start",
    [
        pendulum.datetime(2026, 1, 1, tz="Asia/Shanghai"),
        pendulum.datetime(2026, 3, 1, tz="Europe/Paris"),  # summer time, a repeated hour
        pendulum.datetime(2026, 1, 1, tz=FixedTimezone(5 * 3600)),
        pendulum.datetime(2026, 1, 1, tz="Asia/Kathmandu"),  # +05:45: not whole hours
        pendulum.instance(datetime.datetime(2026, 1, 1, tzinfo=zoneinfo.ZoneInfo("UTC"))),
        pendulum.DateTime(2026, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=8))),
    ],
    ids=["shanghai", "paris", "offset", "kathmandu", "utc", "stdlib-offset"],
)
def test_clock_instants_are_pendulum_s_own_from_the_timestamp(start: pendulum.DateTime) -> None:
    clock, epoch = Clock(start), int(start.timestamp())
    for hours in [0, 1 / 7200, 25.5, *(h / 4 for h in range(24 * 4 * 365))]:
        instant = clock(hours)
        expected = pendulum.DateTime.fromtimestamp(epoch + round(hours * 3600), start.tzinfo)
        assert instant == expected
        assert (type(instant), instant.replace(tzinfo=None), instant.fold, instant.tzinfo) == (
            type(expected), expected.replace(tzinfo=None), expected.fold, expected.tzinfo
        )  # fmt: skip
        assert clock(hours) is instant  # asked again at once, the same instant


def test_runs_collect_garbage_in_batches_and_restore_the_thresholds() -> None:
    before = gc.get_threshold()
    outer, inner, seen = Engine(), Engine(), []
    inner.at(1.0, lambda: seen.append(gc.get_threshold()[0]))
    outer.at(1.0, lambda: inner.run(until=2.0))
    outer.at(1.5, lambda: seen.append(gc.get_threshold()[0]))
    outer.run(until=2.0)
    assert seen == [max(before[0], 100_000)] * 2
    assert gc.get_threshold() == before


def test_a_failing_action_still_restores_the_thresholds() -> None:
    before, engine = gc.get_threshold(), Engine()

    def fail() -> None:
        raise ZeroDivisionError

    engine.at(1.0, fail)
    with pytest.raises(ZeroDivisionError):
        engine.run(until=2.0)
    assert gc.get_threshold() == before
