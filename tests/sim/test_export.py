"""A result's figures and records as plain data (`summary`, `records`, `record_fields`)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from jiceng.sim import (
    SCENARIOS,
    MeetingScenario,
    record_fields,
    records,
    run,
    summary,
)

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
