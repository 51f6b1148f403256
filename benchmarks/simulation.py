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
3. A sweep of 32 seeds of a smaller city, one after another and then on a local process
   pool with one worker per core: the speed-up.

    python benchmarks/simulation.py            # the full year, 32 seeds at 2% scale
    python benchmarks/simulation.py --quick    # a 5% year, 8 seeds at 1% scale
"""

from __future__ import annotations

import argparse
import concurrent.futures
import gc
import os
import resource
import sys
import time

import kernel_transitions
from jiceng import Event, Hooks, TransitionListener, replay, use_hooks
from jiceng.grids import GridEvent
from jiceng.sim import GridScenario, YearScenario, run, scenario, sweep


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 5%% year and a small sweep")
    args = parser.parse_args()
    scale, seeds, sweep_scale = (0.05, 8, 0.01) if args.quick else (1.0, 32, 0.02)

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


if __name__ == "__main__":
    main()
