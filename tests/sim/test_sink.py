"""Records to a sink: the same figures as a run that keeps them, in bounded memory."""

from __future__ import annotations

import tracemalloc
from typing import Any

import attrs
import pytest

from jiceng.exceptions import ValidationError
from jiceng.sim import (
    SCENARIOS,
    GridScenario,
    MeetingRecord,
    MeetingScenario,
    YearResult,
    record_fields,
    records,
    row,
    run,
    summary,
)

SMALL = {name: s if name == "meeting" else s.scaled(0.005) for name, s in SCENARIOS.items()}


def _with_kept(result: Any, rows: list[Any]) -> Any:
    """`result` as if its run had kept `rows`."""
    if isinstance(result, YearResult):
        return attrs.evolve(result, grids=_with_kept(result.grids, rows))
    return attrs.evolve(result, records=tuple(rows), streamed=False)


@pytest.mark.parametrize("name", sorted(SMALL))
def test_a_run_with_a_sink_has_the_figures_of_one_without(name: str) -> None:
    scenario = SMALL[name]
    plain: Any = run(scenario, seed=5)
    taken: list[Any] = []
    streamed: Any = run(scenario, seed=5, sink=taken.append)
    grids = streamed.grids if isinstance(streamed, YearResult) else streamed
    assert grids.streamed
    assert grids.records == ()
    assert summary(streamed) == summary(plain)
    kept = plain.grids.records if isinstance(plain, YearResult) else plain.records
    # every record once, each as the run that keeps them has it; only the order differs
    assert sorted(map(repr, taken)) == sorted(map(repr, kept))
    in_order = {repr(r): n for n, r in enumerate(kept)}
    rows = sorted(taken, key=lambda r: in_order[repr(r)])
    assert _with_kept(streamed, rows) == plain


@pytest.mark.parametrize("name", sorted(SMALL))
def test_a_streamed_result_says_it_has_no_records(name: str) -> None:
    result = run(SMALL[name], seed=5, sink=lambda record: None)
    with pytest.raises(ValueError, match="went to a sink"):
        result.to_pandas()  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="went to a sink"):
        list(records(result))
    assert record_fields(result) == record_fields(SMALL[name])


def test_the_year_keeps_its_households() -> None:
    taken: list[Any] = []
    year = run(SMALL["loudi-year"], seed=5, sink=taken.append)
    assert isinstance(year, YearResult)
    assert year.points.records
    assert not year.points.streamed
    assert len(taken) == year.grids.reported


@pytest.mark.parametrize("name", sorted(SMALL))
@pytest.mark.parametrize("sink", [0, "out.csv", [], object()])
def test_a_sink_must_be_callable(name: str, sink: object) -> None:
    bad: Any = sink
    with pytest.raises(ValidationError, match="sink: expected a callable") as error:
        run(SMALL[name], seed=1, sink=bad)
    assert error.value.errors[0].path == "sink"
    with pytest.raises(ValidationError, match=r"\.run: sink: expected a callable"):
        SMALL[name].run(1, sink=bad)


def test_a_row_is_a_record_flattened() -> None:
    taken: list[Any] = []
    result = run(MeetingScenario(meetings=5), seed=2)
    run(MeetingScenario(meetings=5), seed=2, sink=taken.append)
    assert [row(r) for r in taken] == list(records(result))
    assert tuple(row(taken[0])) == record_fields(MeetingRecord) == record_fields(MeetingScenario())
    with pytest.raises(TypeError, match="row takes a simulation record"):
        row(result)
    with pytest.raises(TypeError, match="row takes a simulation record"):
        row("id,present")


@attrs.frozen
class _OtherResult:
    """A result of some other scenario: a seed, its scenario and records."""

    scenario: object
    seed: int
    records: tuple[object, ...]


def test_record_fields_of_another_result_are_those_of_its_records() -> None:
    sitting = run(MeetingScenario(meetings=2), seed=1).records
    assert record_fields(_OtherResult(None, 1, sitting)) == record_fields(MeetingRecord)
    assert record_fields(_OtherResult(None, 1, ())) == ()
    with pytest.raises(TypeError, match="has no per-entity records"):
        record_fields(object())


def _peak(days: int, *, sink: bool) -> int:
    """The peak of memory allocated by a grid run of `days` days (bytes)."""
    city = GridScenario(
        grids=30, members=30, departments=3, handlers=6, events_per_year=30_000, days=days,
        drain_days=5,
    )  # fmt: skip
    counted = [0]

    def count(record: object) -> None:
        counted[0] += 1

    tracemalloc.start()
    try:
        result = city.run(1, sink=count if sink else None)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (counted[0] if sink else len(result.records)) == result.reported
    return peak


def test_memory_with_a_sink_is_bounded_by_the_open_work_not_the_run() -> None:
    # twice the days, twice the events: the records kept double; the open work (the
    # departments have spare hands, so queues stay short) does not
    kept = _peak(20, sink=False), _peak(40, sink=False)
    streamed = _peak(20, sink=True), _peak(40, sink=True)
    assert streamed[1] < 1.3 * streamed[0]
    assert streamed[1] - streamed[0] < (kept[1] - kept[0]) / 4  # the records
    assert streamed[1] < kept[1] / 2
