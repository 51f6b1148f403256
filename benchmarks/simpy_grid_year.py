"""The grid year of `jiceng.sim.GridScenario`, written plainly in SimPy: the peer to beat.

The same model as the scenario's docstring, with the same arrivals (a Poisson stream in
daytime hours), category weights, priorities, shares, staff and hours, but plain: SimPy
processes and resources, floats for times and a tuple per finished event; no entities,
no rules, no history, no calendar. A deadline is the dispatch time plus the limit's
length in hours (working days count as 7/5 of a day each), so the on-time figure is close
to jiceng's, not equal. `benchmarks/simulation.py` runs both in one process and prints
`ratios: simpy=X`, jiceng's reported events per second over this model's.

    python benchmarks/simpy_grid_year.py --scale 0.05
"""

from __future__ import annotations

import argparse
import bisect
import random
import time
from collections.abc import Generator
from typing import Any

import simpy

from jiceng import CalendarDays, EndOfDay, Hours, Months, WorkingDays
from jiceng.grids import Department, GridEventPolicy, Priority
from jiceng.grids.codes import BEIJING_DB11
from jiceng.sim import GridScenario, value_set

_DAY_START, _DAY_HOURS = 8.0, 12.0
_RANK = {Priority.EMERGENCY: 0, Priority.URGENT: 1, Priority.NORMAL: 2}


def _hours(rule: Any) -> float:
    """A limit's length in hours, plainly."""
    if isinstance(rule, Hours):
        return float(rule.n)
    if isinstance(rule, EndOfDay):
        return 12.0
    if isinstance(rule, WorkingDays):
        return rule.n * 24.0 * 7 / 5
    if isinstance(rule, CalendarDays):
        return rule.n * 24.0
    assert isinstance(rule, Months)
    return rule.n * 30 * 24.0


def run_simpy(s: GridScenario, seed: int) -> tuple[int, int, int]:
    """Simulate `s` plainly; (events reported, closed, closed on time)."""
    rng = random.Random(seed)
    values = value_set(s.values)
    policy = GridEventPolicy(
        name=s.name,
        scheme=BEIJING_DB11,
        categories=values.categories,
        departments=tuple(
            Department(id=f"d-{i + 1:02d}", name="部门") for i in range(s.departments)
        ),
        sla=values.sla,
    )
    weights = dict(values.category_weights)
    items = [i.code for c in values.categories.classes for i in c.items]
    classes = {i.code: c.code for c in values.categories.classes for i in c.items}
    home = {code: n % s.departments for n, code in enumerate(items)}
    cumulative, total = [], 0
    for code in items:
        total += weights.get(code, 0)
        cumulative.append(total)
    limits = {(c, p): policy.limit_for(c, p).rule for c in items for p in Priority}
    quick = {key: isinstance(rule, Hours | EndOfDay) for key, rule in limits.items()}
    hours = {key: _hours(rule) for key, rule in limits.items()}
    env = simpy.Environment()
    departments = [simpy.PriorityResource(env, capacity=s.handlers) for _ in range(s.departments)]
    member_free = [0.0] * s.members
    horizon = 24.0 * (s.days + s.drain_days)
    finished: list[tuple[int, float, bool]] = []
    reported = [0]

    def member_task(member: int, mean: float) -> float:
        start = max(env.now, member_free[member])
        member_free[member] = end = start + rng.expovariate(1 / mean)
        return end

    def handle(n: int, code: str, priority: Priority, member: int) -> Generator[Any, Any, None]:
        yield env.timeout(rng.expovariate(4.0))  # registration
        if rng.random() < s.void_share:
            return
        if s.departments > 1 and rng.random() < s.misdispatch_share:
            yield env.timeout(rng.expovariate(1 / 4.0))  # the wrong department sends it back
        key = (code, priority)
        rank = 0 if quick[key] else _RANK[priority]
        deadline = env.now + hours[key]
        extended = reopened = False
        while True:
            with departments[home[code]].request(priority=rank) as turn:
                yield turn
                mean = s.quick_work_hours if quick[key] else s.work_hours
                yield env.timeout(rng.expovariate(1 / mean))
            if rng.random() < s.complication_share:
                if not extended and rng.random() < s.extension_share and env.now <= deadline:
                    deadline += hours[key]
                    extended = True
                yield env.timeout(rng.expovariate(1 / s.complication_hours))
            yield env.timeout(member_task(member, s.verify_hours) - env.now)
            if rng.random() < s.rework_share:
                continue
            closed = env.now + rng.expovariate(2.0)
            rated = closed + rng.expovariate(1 / 12.0)
            if not reopened and rng.random() < s.dissatisfied_share:
                reopened = True
                yield env.timeout(rated + rng.expovariate(1.0) - env.now)
                deadline = env.now + hours[key]
                continue
            finished.append((n, closed, closed <= deadline))
            return

    def arrivals() -> Generator[Any, Any, None]:
        rate = s.events_per_year / (365 * _DAY_HOURS)
        daylight = 0.0
        while True:
            daylight += rng.expovariate(rate)
            day, hour = divmod(daylight, _DAY_HOURS)
            at = 24.0 * day + _DAY_START + hour
            if at >= 24.0 * s.days:
                return
            yield env.timeout(at - env.now)
            n = reported[0] = reported[0] + 1
            code = items[bisect.bisect_right(cumulative, rng.random() * total)]
            if classes[code] == "safety" and rng.random() < s.emergency_share * 10:
                priority = Priority.EMERGENCY
            elif rng.random() < s.urgent_share:
                priority = Priority.URGENT
            else:
                priority = Priority.NORMAL
            member = rng.randrange(s.members)
            if (
                priority is not Priority.EMERGENCY
                and member_free[member] - env.now <= s.member_backlog_hours
                and rng.random() < s.spot_share
            ):
                finished.append((n, member_task(member, s.spot_hours), True))
                continue
            env.process(handle(n, code, priority, member))

    env.process(arrivals())
    env.run(until=horizon)
    return reported[0], len(finished), sum(on_time for _, _, on_time in finished)


def events_per_second(s: GridScenario, seed: int) -> tuple[float, int, int, int]:
    """Reported events per second of the plain model, and its figures."""
    began = time.perf_counter()
    reported, closed, on_time = run_simpy(s, seed)
    return reported / (time.perf_counter() - began), reported, closed, on_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    city = GridScenario() if args.scale == 1 else GridScenario().scaled(args.scale)
    rate, reported, closed, on_time = events_per_second(city, 2026)
    print(f"SimPy {simpy.__version__}: {reported:,} events, {closed:,} closed "
          f"({on_time / closed:.2%} on time), {rate:,.0f} events/s")  # fmt: skip


if __name__ == "__main__":
    main()
