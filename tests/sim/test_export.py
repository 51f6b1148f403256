"""A result's figures and records as plain data (`summary`, `records`, `record_fields`)."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

import pandas
import pytest

from jiceng.sim import (
    SCENARIOS,
    GridScenario,
    MediationScenario,
    MeetingScenario,
    PetitionScenario,
    record_fields,
    records,
    run,
    summary,
)
from jiceng.sim._common import start_of

SMALL = {name: s if name == "meeting" else s.scaled(0.005) for name, s in SCENARIOS.items()}


@pytest.mark.parametrize("name", sorted(SMALL))
def test_every_result_summarises_to_json_and_flat_rows(name: str) -> None:
    result = run(SMALL[name], seed=3)
    figures = summary(result)
    assert json.loads(json.dumps(figures)) == figures
    assert "records" not in figures
    assert "scenario" not in figures
    assert figures["seed"] == 3
    rows = list(records(result))
    columns = record_fields(result)
    assert rows
    assert all(tuple(row) == columns for row in rows)
    assert all(not isinstance(v, list | dict) for row in rows for v in row.values())


def test_exact_figures_keep_their_exact_form() -> None:
    result = run(MeetingScenario(meetings=20), seed=1)
    figures = summary(result)
    assert figures["quorum_rate"] == {
        "numerator": result.quorum_rate.numerator,
        "denominator": 20,
    }
    assert result.exact_quorum is not None
    assert Fraction(figures["exact_quorum"]) == result.exact_quorum


def test_only_results_are_summarised() -> None:
    with pytest.raises(TypeError, match="takes a simulation result"):
        summary(MeetingScenario())
    with pytest.raises(TypeError, match="has no per-entity records"):
        list(records(object()))


def test_the_year_gives_its_grid_events_as_a_frame() -> None:
    result = run(SMALL["loudi-year"], seed=3)
    frame = result.to_pandas()  # type: ignore[attr-defined]
    assert len(frame) == len(result.grids.records)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("scenario", "hours"),
    [
        (GridScenario().scaled(0.002), ("reported", "handled", "closed")),
        (PetitionScenario().scaled(0.05), ("registered", "answered")),
        (MediationScenario().scaled(0.1), ("opened", "ended")),
    ],
    ids=["grids", "petitions", "mediation"],
)
def test_frames_hold_aware_date_times_where_records_hold_hours(
    scenario: Any, hours: tuple[str, ...]
) -> None:
    result = run(scenario, seed=1)
    table = result.to_pandas()
    start = pandas.Timestamp(start_of(scenario.start).isoformat())
    for name in hours:
        assert str(table[name].dtype) == "datetime64[ns, Asia/Shanghai]"
        values = [getattr(r, name) for r in result.records]
        for value, stamp in zip(values, table[name], strict=True):
            if value is None:
                assert pandas.isna(stamp)
            else:
                assert abs((stamp - start).total_seconds() / 3600 - value) < 1e-6
