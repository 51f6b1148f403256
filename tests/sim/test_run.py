from __future__ import annotations

import concurrent.futures
import pickle
import subprocess
import sys
import textwrap

import pytest

from jiceng.exceptions import MissingExtraError, NotFoundError
from jiceng.sim import (
    SCENARIOS,
    VALUE_SETS,
    GridScenario,
    MeetingScenario,
    PointsScenario,
    YearResult,
    YearScenario,
    run,
    scenario,
    sweep,
    value_set,
)

TINY_YEAR = YearScenario(
    grids=GridScenario(grids=20, members=20, departments=3, handlers=2, events_per_year=4_000,
                       days=30, drain_days=10),
    points=PointsScenario(villages=1, households=20),
)  # fmt: skip

SCRIPT = textwrap.dedent(
    """
    import pickle, sys
    from jiceng.sim import GridScenario, PointsScenario, YearScenario, run
    year = YearScenario(
        grids=GridScenario(grids=20, members=20, departments=3, handlers=2,
                           events_per_year=4_000, days=30, drain_days=10),
        points=PointsScenario(villages=1, households=20),
    )
    sys.stdout.buffer.write(pickle.dumps(run(year, 42)))
    """
)


def test_the_same_scenario_and_seed_give_the_same_result_in_another_process() -> None:
    here = run(TINY_YEAR, 42)
    again = run(TINY_YEAR, 42)
    assert here == again
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    )
    there = pickle.loads(done.stdout)
    assert isinstance(there, YearResult)
    assert there == here
    assert there.transitions == here.transitions > 0


def test_another_seed_gives_another_result() -> None:
    assert run(TINY_YEAR, 1).grids.records != run(TINY_YEAR, 2).grids.records


def test_sweep_keeps_the_input_order_on_any_executor() -> None:
    meetings = [MeetingScenario(members=5, households=2, meetings=10),
                MeetingScenario(members=7, households=3, meetings=10)]  # fmt: skip
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = sweep(meetings, [3, 4], executor=pool)
    assert [(r.scenario.members, r.seed) for r in results] == [(5, 3), (5, 4), (7, 3), (7, 4)]
    assert results[0] == run(meetings[0], 3)


def test_sweep_uses_a_local_process_pool_by_default() -> None:
    results = sweep([MeetingScenario(members=5, households=2, meetings=5)], range(2))
    assert [r.seed for r in results] == [0, 1]
    assert results[1] == run(MeetingScenario(members=5, households=2, meetings=5), 1)


def test_named_scenarios_and_value_sets() -> None:
    assert scenario("loudi-year") is SCENARIOS["loudi-year"]
    assert list(SCENARIOS) == ["loudi-year", "grids", "petitions", "points", "meeting",
                               "mediation"]  # fmt: skip
    with pytest.raises(NotFoundError, match="known: loudi-year"):
        scenario("nowhere")
    assert value_set("builtin") is VALUE_SETS["builtin"]
    with pytest.raises(NotFoundError, match="known: builtin"):
        value_set("nowhere")
    year = YearScenario().scaled(0.01)
    assert (year.grids.grids, year.points.villages) == (98, 1)


def test_to_pandas_names_the_extra_when_pandas_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = run(MeetingScenario(members=3, households=1, meetings=1), 1)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError, match=r"jiceng\[pandas\]"):
        result.to_pandas()
