from __future__ import annotations

import random

import pendulum

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
