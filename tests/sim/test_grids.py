from __future__ import annotations

import datetime
import pickle
from fractions import Fraction

import pytest

from jiceng.exceptions import ValidationError
from jiceng.grids import Level
from jiceng.grids.codes import BEIJING_DB11
from jiceng.sim import GridEventRecord, GridScenario, grid_codes

SMALL = GridScenario(
    grids=40,
    members=30,
    departments=4,
    handlers=2,
    events_per_year=20_000,
    days=60,
    drain_days=20,
)


@pytest.fixture(scope="module")
def small() -> object:
    return SMALL.run(seed=3)


def test_grid_codes_are_valid_and_five_to_a_community() -> None:
    codes = grid_codes(11)
    assert len(set(codes)) == 11
    assert all(BEIJING_DB11.level_of(c) is Level.GRID for c in codes)
    assert codes[0] == "431302001001001"
    assert codes[5] == "431302001002001"
    assert grid_codes(20 * 5 + 1)[-1] == "431321001001001"  # the next street, next district


def test_a_small_city_closes_its_events_and_counts_them_once(small: object) -> None:
    from jiceng.sim import GridResult

    assert isinstance(small, GridResult)
    r = small
    assert len(r.records) == r.reported > 0
    assert r.closure_rate.denominator == r.reported - r.voided
    assert sum(n for _, n in r.by_state) == r.reported
    assert sum(n for _, n in r.by_category) == r.reported
    assert r.on_time_closure_rate.numerator <= r.closure_rate.numerator
    assert r.spot_resolved == sum(rec.spot for rec in r.records)
    assert r.transitions == sum(rec.transitions for rec in r.records)
    assert sum(d.events for d in r.departments) == sum(
        rec.department is not None for rec in r.records
    )
    assert r.average_handling_hours is not None
    assert r.average_handling_hours > 0
    assert 0 <= r.departments_meeting_target <= 4
    assert 0 <= r.members_meeting_target <= len(r.member_rates) <= 30
    frame = r.to_pandas()
    assert list(frame["id"]) == sorted(frame["id"])
    assert set(frame["state"]) <= {"evaluated", "voided", "classified", "dispatched",
                                   "handling", "handled", "verified", "closed"}  # fmt: skip


def test_every_behaviour_path_is_taken(small: object) -> None:
    from jiceng.sim import GridResult

    assert isinstance(small, GridResult)
    r = small
    assert r.voided
    assert r.sent_back
    assert r.escalated
    assert r.spot_resolved
    assert r.rework_rate.numerator
    assert r.extension_rate.numerator
    assert any(rec.priority == "emergency" for rec in r.records)


def test_more_handlers_keep_more_events_on_time() -> None:
    short = SMALL.run(seed=5)
    staffed = attrs_evolve(SMALL, handlers=6).run(seed=5)
    assert staffed.on_time_closure_rate.fraction > short.on_time_closure_rate.fraction  # type: ignore[operator]


def attrs_evolve(s: GridScenario, **changes: object) -> GridScenario:
    import attrs

    return attrs.evolve(s, **changes)  # type: ignore[arg-type]


def test_a_run_cut_short_leaves_events_open_and_counts_the_overdue() -> None:
    crowded = attrs_evolve(SMALL, handlers=1, drain_days=0, days=30, members=5,
                           member_backlog_hours=0.0)  # fmt: skip
    r = crowded.run(seed=1)
    assert r.open > 0
    assert r.open_overdue > 0
    assert r.closure_rate.numerator < r.closure_rate.denominator


def test_more_members_than_grids_share_the_grids() -> None:
    r = attrs_evolve(SMALL, grids=3, members=7, events_per_year=600).run(seed=2)
    assert {rec.member for rec in r.records} <= {f"gm-{i:05d}" for i in range(1, 8)}
    assert len({rec.member for rec in r.records}) > 3


def test_one_department_never_misdispatches() -> None:
    r = attrs_evolve(SMALL, departments=1, misdispatch_share=1.0, events_per_year=300).run(1)
    assert r.sent_back == 0


def test_progress_is_reported_daily() -> None:
    seen: list[tuple[str, float]] = []
    attrs_evolve(SMALL, days=3, drain_days=1, events_per_year=50).run(1, lambda *a: seen.append(a))
    assert seen == [("grid events", 0.25), ("grid events", 0.5), ("grid events", 0.75),
                    ("grid events", 1.0)]  # fmt: skip


def test_a_scenario_with_no_arrival_in_its_days_reports_nothing() -> None:
    r = attrs_evolve(SMALL, days=1, events_per_year=1).run(seed=1)
    assert r.reported == 0
    assert r.average_handling_hours is None
    assert r.closure_rate.fraction is None


def test_scaling_keeps_the_shape() -> None:
    big = GridScenario()
    small = big.scaled(0.01)
    assert (small.grids, small.members, small.handlers, small.events_per_year) == (98, 98, 1, 2500)
    assert small.target == Fraction(95, 100)
    assert small.start == datetime.date(2026, 1, 1)


def test_bad_scenarios_are_refused() -> None:
    with pytest.raises(ValueError, match="spot_share: must be at most 1"):
        GridScenario(spot_share=1.5)
    with pytest.raises(ValueError, match="grids: must be at least 1"):
        GridScenario(grids=0)


def test_steps_after_the_end_of_the_run_are_not_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    from jiceng.sim import _grids

    monkeypatch.setattr(_grids, "_BATCH", 16)  # flush in many small batches
    busy = attrs_evolve(SMALL, days=2, drain_days=0, members=1, grids=1, spot_share=1.0,
                        member_backlog_hours=1e9, verify_hours=50.0)  # fmt: skip
    r = busy.run(seed=1)
    assert r.open > 0
    assert r.spot_resolved < r.reported
    pooled = SMALL.run(seed=3)
    assert pooled.on_time_closure_rate == SMALL.run(seed=3).on_time_closure_rate


def test_a_result_pickles_to_an_equal_result_with_equal_records(small: object) -> None:
    from jiceng.sim import GridResult

    assert isinstance(small, GridResult)
    again = pickle.loads(pickle.dumps(small))
    assert again == small
    assert repr(again.records) == repr(small.records)
    assert all(type(r) is GridEventRecord for r in again.records)


@pytest.mark.parametrize(
    ("field", "lowest", "highest"),
    [
        ("days", 1, 3_660),
        ("drain_days", 0, 3_660),
        ("grids", 1, 1_000_000),
        ("members", 1, 1_000_000),
        ("departments", 1, 1_000),
        ("handlers", 1, 10_000),
        ("events_per_year", 1, 100_000_000),
    ],
)
def test_the_counts_of_a_scenario_have_a_range(field: str, lowest: int, highest: int) -> None:
    for good in (lowest, highest):
        assert getattr(attrs_evolve(SMALL, **{field: good}), field) == good
    for bad in (lowest - 1, highest + 1, float(lowest), True):
        with pytest.raises(ValidationError) as info:
            attrs_evolve(SMALL, **{field: bad})
        assert info.value.paths == (field,)


def test_the_thresholds_and_the_target_of_a_scenario_have_a_range() -> None:
    assert attrs_evolve(SMALL, escalate_after_hours=0.0).escalate_after_hours == 0.0
    for field, bad in [
        ("member_backlog_hours", -1.0),
        ("escalate_after_hours", float("inf")),
        ("report_in_hours", 0.0),
        ("target", Fraction(101, 100)),
        ("target", 0.95),
        ("values", ""),
        ("start", "2026-01-01"),
    ]:
        with pytest.raises(ValidationError) as info:
            attrs_evolve(SMALL, **{field: bad})
        assert info.value.paths == (field,)


def test_the_largest_scaled_city_stays_in_range() -> None:
    big = GridScenario().scaled(100)
    assert (big.grids, big.members, big.events_per_year) == (977_300, 981_500, 25_000_000)
