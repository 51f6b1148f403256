"""Each preset's scenario runs on the rules the preset contributes."""

from __future__ import annotations

import pytest

from jiceng.exceptions import NotFoundError
from jiceng.plugins import default_registry
from jiceng.sim import (
    PRESET_NAMES,
    SCENARIOS,
    GridScenario,
    MeetingScenario,
    PetitionScenario,
    PointsResult,
    PointsScenario,
    YearScenario,
    preset_scenario,
    run,
    value_set,
)
from jiceng.sim._value_sets import PRESET_ITEM_RATE


def test_the_loudi_preset_runs_the_main_job() -> None:
    assert preset_scenario("loudi") is SCENARIOS["loudi-year"]


def test_a_grid_preset_runs_its_sla_and_categories() -> None:
    scenario = preset_scenario("julu")
    assert isinstance(scenario, GridScenario)
    values = value_set("julu")
    policy = default_registry().plugin("julu").contributions.grid_event_policies[0]
    assert values.categories is policy.categories
    assert values.sla.rules == policy.sla.rules
    assert {w for _, w in values.category_weights} == {1}


def test_a_points_preset_runs_its_rule_book_every_item_alike() -> None:
    scenario = preset_scenario("fangzheng")
    assert isinstance(scenario, PointsScenario)
    values = value_set("fangzheng")
    assert values.rule_book.name == "fangzheng.jifen"
    assert {r for _, r in values.item_rates} == {PRESET_ITEM_RATE}


def test_presets_without_grids_or_points_run_their_petitions_or_meetings() -> None:
    assert isinstance(preset_scenario("guiyang"), PetitionScenario)
    meeting = preset_scenario("fuquan")
    assert isinstance(meeting, MeetingScenario)
    assert meeting.kind.majority is not None


def test_a_preset_with_nothing_to_run_is_refused_with_those_that_run() -> None:
    idle = [p.name for p in default_registry().plugins if p.name not in PRESET_NAMES]
    assert idle  # the hotline presets contribute ticket policies only
    with pytest.raises(NotFoundError, match="has nothing the simulation runs; these do: loudi"):
        preset_scenario(idle[0])
    with pytest.raises(NotFoundError):
        preset_scenario("atlantis")
    with pytest.raises(NotFoundError, match="unknown value set 'atlantis'"):
        value_set("atlantis")


@pytest.mark.parametrize("name", ["fangzheng", "emeishan", "chongyang"])
def test_points_presets_run_a_year_within_their_caps(name: str) -> None:
    result = run(preset_scenario(name).scaled(0.05), seed=3)
    assert isinstance(result, PointsResult)
    assert result.transitions > 0


def test_a_preset_year_has_both_parts() -> None:
    assert isinstance(preset_scenario("loudi"), YearScenario)
