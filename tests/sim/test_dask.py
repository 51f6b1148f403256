"""`sweep` on a Dask cluster (extra ``dask``): a `LocalCluster` client's executor gives the
same results as running the pairs here, one by one.

The cluster has one worker in its own process, so every scenario travels to it pickled and
every result comes back pickled, as it would from a remote machine. Dashboards listen on a
free loopback port (port 0), so that a busy default port cannot make Dask warn. Dask's
own functions carry no annotations, hence the `no-untyped-call` ignores.
"""

from __future__ import annotations

import concurrent.futures
import os
from collections.abc import Iterator
from fractions import Fraction

import attrs
import pytest
from distributed import Client, LocalCluster

from jiceng.sim import (
    GridScenario,
    MediationScenario,
    MeetingScenario,
    PetitionScenario,
    PointsScenario,
    Scenario,
    YearScenario,
    compare,
    sweep,
)

GRIDS = GridScenario(
    grids=10, members=10, departments=2, handlers=1, events_per_year=2_000, days=20, drain_days=5
)
SCENARIOS: list[Scenario[object]] = [
    MeetingScenario(members=9, households=3, turnout=Fraction(2, 3), meetings=20),
    PointsScenario(villages=1, households=10),
    GRIDS,
    PetitionScenario().scaled(0.01),
    MediationScenario(villages=1),
    YearScenario(grids=GRIDS, points=PointsScenario(villages=1, households=5)),
]
SEEDS = [1, 2]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            worker_dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


def test_a_dask_sweep_gives_the_results_of_a_local_run_for_the_same_pairs(
    client: Client,
) -> None:
    executor = client.get_executor()  # type: ignore[no-untyped-call]
    results = sweep(SCENARIOS, SEEDS, executor=executor)
    assert results == [s.run(seed) for s in SCENARIOS for seed in SEEDS]
    # the pairs really ran elsewhere: in the worker's own process
    pids = client.run(os.getpid)
    assert isinstance(pids, dict)  # a synchronous client returns the results themselves
    assert os.getpid() not in pids.values()


def test_a_comparison_on_dask_is_the_comparison_run_here(client: Client) -> None:
    executor = client.get_executor()  # type: ignore[no-untyped-call]
    more = attrs.evolve(GRIDS, name="more-handlers", handlers=2)
    on_dask = compare(GRIDS, more, [1, 2, 3], lambda r: r.on_time_closure_rate, executor=executor)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        here = compare(GRIDS, more, [1, 2, 3], lambda r: r.on_time_closure_rate, executor=pool)
    assert on_dask == here
    assert on_dask.names == ("grids", "more-handlers")
