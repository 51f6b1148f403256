from __future__ import annotations

from typing import Any

import attrs
import pytest

from jiceng.exceptions import ValidationError
from jiceng.sim import PetitionResult, PetitionScenario

SMALL = PetitionScenario(petitions_per_year=600, handlers=3, review_handlers=1, days=120,
                         drain_days=90, review_share=0.5, re_review_share=0.5)  # fmt: skip


@pytest.fixture(scope="module")
def small() -> PetitionResult:
    return SMALL.run(seed=4)


def test_every_petition_is_counted_with_the_librarys_rates(small: PetitionResult) -> None:
    r = small
    assert r.registered == len(r.records) > 0
    assert r.completion_rate.denominator == r.registered
    assert r.on_time_rate.denominator == r.completion_rate.denominator == r.registered
    assert r.on_time_rate.numerator <= r.completion_rate.numerator
    assert r.review_rate.numerator > 0
    assert r.re_review_rate.numerator > 0
    assert r.extended > 0
    assert sum(rec.settled for rec in r.records) > 0
    assert r.mean_days_to_answer is not None
    assert r.mean_days_to_answer > 0
    assert r.transitions == sum(rec.transitions for rec in r.records)
    assert r.monthly_backlog[0].month == 1
    assert r.year_end_backlog.open >= r.final_backlog.open
    assert len(r.to_pandas()) == r.registered


def test_too_few_caseworkers_leave_answers_late() -> None:
    crowded = PetitionScenario(petitions_per_year=1_500, handlers=1, days=90, drain_days=60,
                               extension_share=0.0)  # fmt: skip
    r = crowded.run(seed=1)
    assert r.overdue_answers > 0
    assert r.on_time_rate.fraction is not None
    assert r.on_time_rate.fraction < 1
    assert max(m.overdue for m in r.monthly_backlog) > 0


def test_progress_hears_of_each_month_and_no_arrival_gives_no_answer() -> None:
    seen: list[float] = []
    r = PetitionScenario(petitions_per_year=1, days=1, drain_days=60).run(
        2, lambda _, d: seen.append(d)
    )
    assert r.registered == 0
    assert r.mean_days_to_answer is None
    assert seen == [0.5, 1.0]


def test_scaling_scales_petitions_and_caseworkers() -> None:
    s = PetitionScenario().scaled(0.5)
    assert (s.petitions_per_year, s.handlers, s.review_handlers) == (1000, 7, 2)


def _evolved(field: str, value: object) -> PetitionScenario:
    changes: dict[str, Any] = {field: value}
    return attrs.evolve(SMALL, **changes)


@pytest.mark.parametrize(
    ("field", "lowest", "highest"),
    [
        ("days", 1, 3_660),
        ("drain_days", 0, 3_660),
        ("petitions_per_year", 1, 10_000_000),
        ("handlers", 1, 10_000),
        ("review_handlers", 1, 10_000),
    ],
)
def test_the_counts_of_a_petition_scenario_have_a_range(
    field: str, lowest: int, highest: int
) -> None:
    for good in (lowest, highest):
        assert getattr(_evolved(field, good), field) == good
    for bad in (lowest - 1, highest + 1, float(lowest), True):
        with pytest.raises(ValidationError) as info:
            _evolved(field, bad)
        assert info.value.paths == (field,)


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("review_share", 1.5),
        ("settle_share", -0.1),
        ("work_days", 0.0),
        ("investigation_days", float("inf")),
        ("policy", "regulation-2022"),
        ("name", ""),
        ("outcome_weights", [("supported", 1)]),
    ],
)
def test_a_petition_scenario_refuses_a_field_out_of_range(field: str, bad: object) -> None:
    with pytest.raises(ValidationError) as info:
        _evolved(field, bad)
    assert info.value.paths[0].startswith(field)
