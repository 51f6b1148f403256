"""The main job's year on one core, and a sweep of seeds on the local process pool.

1. The 娄底-scale year of the main job (the ``loudi-year`` scenario: 9,773 grids, about
   250,000 grid events, ten villages' points ledgers) on one core: wall time, reported
   events per second, transitions per second (every event recorded on every aggregate),
   and peak memory (the process's maximum resident set size).
2. The per-transition cost of the whole simulation (engine, behaviours, instants, the
   kernel and the workflows' rules) against the hand-written baseline of
   `kernel_transitions.py` (a dict table, a frozen attrs entity rebuilt by its constructor,
   a tuple of frozen attrs records), measured in the same run, before the year (afterwards,
   the collector would walk the year's heap too and flatter the ratio).
3. Where that cost goes: a smaller city timed from inside (commands and rules, instants,
   KPIs, the rest), and a small city's histories replayed through the kernel alone.
4. A sweep of 32 seeds of a smaller city, one after another and then on a local process
   pool with one worker per core: the speed-up.
5. The year's grid events against the same model written plainly in SimPy
   (`simpy_grid_year.py`: the same arrivals, shares, staff and hours, no entities, rules or
   history), one after the other in this process, best of 3: `ratios: simpy=X` is jiceng's
   reported events per second over SimPy's.

    python benchmarks/simulation.py            # the full year, 32 seeds at 2% scale
    python benchmarks/simulation.py --quick    # a 5% year, 8 seeds at 1% scale
"""

from __future__ import annotations

import argparse
import concurrent.futures
import functools
import gc
import os
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

import kernel_transitions
import simpy_grid_year
from jiceng import Event, Hooks, TransitionListener, replay, use_hooks
from jiceng.grids import GRID_EVENT, GridEvent
from jiceng.sim import Clock, GridScenario, YearScenario, run, scenario, sweep
from jiceng.sim._grids import _GridRun

_PARTS = {
    "commands": "commands and rules",
    "instants": "instants",
    "kpis": "KPIs and records",
    "rest": "everything else",
}


def baseline_ns_per_transition(tickets: int, repeat: int) -> float:
    """The hand-written baseline's best time per transition, in nanoseconds."""
    ids = [f"T-{i:06d}" for i in range(tickets)]
    transitions = kernel_transitions.transitions_for(tickets)
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter_ns()
        kernel_transitions.drive_baseline(ids)
        best = min(best, time.perf_counter_ns() - start)
    return best / transitions


def replay_ns_per_transition(city: GridScenario, seed: int, repeat: int) -> float:
    """The kernel and the grid rules' folds alone: the best time per transition to replay
    the final histories of a run (no commands, guards, engine or instants)."""
    finals: dict[str, GridEvent] = {}

    def keep(before: GridEvent, after: GridEvent, event: Event) -> None:
        finals[after.id] = after

    listener = TransitionListener(machine="grids.grid_event", name="keep", notify=keep)
    with use_hooks(Hooks(listeners=(listener,))):
        run(city, seed)
    histories = [entity.history for entity in finals.values()]
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter_ns()
        for history in histories:
            replay(history)
        best = min(best, time.perf_counter_ns() - start)
    return best / sum(len(h) for h in histories)


def breakdown_ns(city: GridScenario, seed: int) -> dict[str, float]:
    """Where a transition's time goes, timed from inside a run of `city`, per transition:
    the grid event commands with their rules (the kernel included), the clock's instants,
    the KPI batches with the per-event records, and the rest (engine, behaviours, draws).
    The timers add a little to each timed call."""
    spent = dict.fromkeys(("commands", "instants", "kpis"), 0)

    def timed(part: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter_ns()
            try:
                return function(*args, **kwargs)
            finally:
                spent[part] += time.perf_counter_ns() - start

        return wrapper

    commands = {t.command for t in GRID_EVENT.transitions}
    targets: list[tuple[type, str, str]] = [(GridEvent, c, "commands") for c in sorted(commands)]
    targets += [(Clock, "__call__", "instants"), (_GridRun, "flush", "kpis")]
    saved = [(owner, name, owner.__dict__[name]) for owner, name, _ in targets]
    for owner, name, part in targets:
        found = owner.__dict__[name]
        if isinstance(found, classmethod):
            setattr(owner, name, classmethod(timed(part, found.__func__)))
        else:
            setattr(owner, name, timed(part, found))
    try:
        gc.collect()
        start = time.perf_counter_ns()
        transitions = run(city, seed).transitions
        total = time.perf_counter_ns() - start
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)
    shares = {part: ns / transitions for part, ns in spent.items()}
    shares["rest"] = total / transitions - sum(shares.values())
    return shares


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 5%% year and a small sweep")
    args = parser.parse_args()
    scale, seeds, sweep_scale = (0.05, 8, 0.01) if args.quick else (1.0, 32, 0.02)
    parts_scale = 0.05 if args.quick else 0.1

    main_job = scenario("loudi-year")
    assert isinstance(main_job, YearScenario)
    year = main_job if scale == 1 else main_job.scaled(scale)
    baseline_ns = baseline_ns_per_transition(20_000, 5)
    gc.collect()
    start = time.perf_counter()
    result = run(year, seed=2026)
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    events = result.grids.reported
    transitions = result.transitions
    per_transition_ns = seconds * 1e9 / transitions

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print(f"year at scale {scale:g}: {year.grids.grids:,} grids, {events:,} grid events, "
          f"{result.points.households:,} households")  # fmt: skip
    print(f"  wall time          {seconds:8.1f} s")
    print(f"  events/s           {events / seconds:8,.0f}")
    print(f"  transitions        {transitions:8,}")
    print(f"  transitions/s      {transitions / seconds:8,.0f}")
    print(f"  peak memory (RSS)  {peak_mib:8.0f} MiB")
    print(f"  per transition     {per_transition_ns / 1000:8.2f} µs (everything the run does)")
    print(f"  baseline           {baseline_ns / 1000:8.2f} µs (hand-written frozen attrs)")
    print(f"  ratio              {per_transition_ns / baseline_ns:8.2f}x")
    replay_ns = replay_ns_per_transition(GridScenario().scaled(sweep_scale), 2026, 3)
    print(f"  replay alone       {replay_ns / 1000:8.2f} µs "
          f"({replay_ns / baseline_ns:.2f}x: the kernel and the grid rules' folds)")  # fmt: skip
    print(f"where a transition's time goes (a city at scale {parts_scale:g}, timed inside)")
    for part, ns in breakdown_ns(GridScenario().scaled(parts_scale), 2026).items():
        print(f"  {_PARTS[part]:<18} {ns / 1000:8.2f} µs ({ns / baseline_ns:.2f}x baseline)")

    del result  # the year's records are not needed any more: no worker inherits them
    city = GridScenario().scaled(sweep_scale)
    start = time.perf_counter()
    serial = [run(city, seed) for seed in range(seeds)]
    one = time.perf_counter() - start
    workers = os.cpu_count() or 1
    gc.collect()
    gc.freeze()  # forked workers leave the parent's objects alone (see the gc module's docs)
    start = time.perf_counter()
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers) as pool:
        parallel = sweep([city], range(seeds), executor=pool)
    many = time.perf_counter() - start
    gc.unfreeze()
    assert parallel == serial, "a sweep must give the serial results, in order"
    print(f"sweep of {seeds} seeds at scale {sweep_scale:g} ({city.events_per_year:,} events each)")
    print(f"  one core           {one:8.1f} s")
    print(f"  {workers} workers          {many:8.1f} s")
    print(f"  speed-up           {one / many:8.2f}x on {workers} cores")

    grids = year.grids
    ours = max(_events_per_second(grids, 2026) for _ in range(3))
    theirs = max(simpy_grid_year.events_per_second(grids, 2026)[0] for _ in range(3))
    print(f"the year's grid events ({grids.events_per_year:,} a year), best of 3")
    print(f"  jiceng             {ours:8,.0f} events/s (every rule, every history kept)")
    print(f"  SimPy, plain       {theirs:8,.0f} events/s")
    print(f"ratios: simpy={ours / theirs:.2f}")


def _events_per_second(city: GridScenario, seed: int) -> float:
    gc.collect()
    start = time.perf_counter()
    result = run(city, seed)
    return result.reported / (time.perf_counter() - start)


if __name__ == "__main__":
    main()
