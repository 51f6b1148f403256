from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest

from jiceng import Label, Rate, Source
from jiceng.exceptions import ValidationError
from jiceng.grids.assessment import (
    MAX_EXIT_AFTER,
    MAX_ITEM_POINTS,
    MAX_MONTHLY_PAY,
    PANZHOU_PAY,
    Assessment,
    AssessmentScheme,
    Measure,
    PayRule,
    Period,
    PeriodKind,
    ScoreItem,
)
from jiceng.serde import from_dict, to_dict
from tests.grids.fixtures import RESIDENT, T0, closed, dispatched

Q = PeriodKind.QUARTER


def scheme(pass_mark: Fraction = Fraction(60, 100)) -> AssessmentScheme:
    return AssessmentScheme(
        name="panzhou",
        label=Label("盘州购买服务考核", "Panzhou purchased services"),
        period=Q,
        items=(
            ScoreItem(code="census", label=Label("人口信息采集", "Census"), points=30),
            ScoreItem(code="order", label=Label("村容村貌整治", "Village upkeep"), points=30),
            ScoreItem(
                code="closure",
                label=Label("按期结案率", "On-time closure"),
                points=30,
                measure=Measure.ON_TIME_RATE,
            ),
            ScoreItem(
                code="rework",
                label=Label("返工率", "Rework"),
                points=10,
                measure=Measure.REWORK_RATE,
            ),
        ),
        pass_mark=pass_mark,
        pay=PANZHOU_PAY,
        exit_after=2,
        source=Source("盘州 (seed 000): 连续两个季度验收考核不达标的……进行退出处理"),
    )


def q(n: int, year: int = 2026) -> Period:
    return Period(Q, year, n)


def test_an_assessment_keeps_the_breakdown_and_the_pay() -> None:
    events = [closed(), dispatched(), closed().reopen(reason="x", by=RESIDENT, at=T0)]
    result = scheme().assess(
        subject="gm-1", period=q(1), scores={"census": 28, "order": 25}, events=events
    )
    closure, rework = result.items[2], result.items[3]
    assert closure.rate == Rate(1, 3)
    assert closure.points == 10
    assert rework.rate == Rate(1, 2)
    assert rework.points == 5
    assert (result.score, result.out_of, result.share) == (Fraction(68), 100, Fraction(68, 100))
    assert result.passed
    assert result.base_pay == Decimal("1200")
    assert result.performance_pay == Decimal("544.00")
    assert result.pay == Decimal("1744.00")


def test_performance_pay_is_rounded_half_up_to_the_fen() -> None:
    result = scheme(Fraction(0)).assess(
        subject="gm-1", period=q(1), scores={"census": Fraction(1, 3), "order": 0}
    )
    # share = (1/3 + 40) / 100; 800 × share = 322.666… → 322.67
    assert result.performance_pay == Decimal("322.67")


def test_exactly_the_pass_mark_passes_and_just_below_fails() -> None:
    # no events: the measured items earn full points (40), nothing was missed
    at_mark = scheme().assess(subject="gm-1", period=q(1), scores={"census": 20, "order": 0})
    assert at_mark.share == Fraction(60, 100)
    assert at_mark.passed
    below = scheme().assess(
        subject="gm-1", period=q(1), scores={"census": Fraction(39, 2), "order": 0}
    )
    assert not below.passed
    assert below.performance_pay == 0
    assert below.pay == Decimal("1200")


def test_scores_are_checked_item_by_item() -> None:
    with pytest.raises(ValidationError) as info:
        scheme().assess(
            subject="gm-1",
            period=q(1),
            scores={"census": 31, "closure": 30, "ghost": 1},
        )
    assert info.value.paths == (
        "scores['closure']",
        "scores['ghost']",
        "scores['census']",
        "scores['order']",
    )
    with pytest.raises(ValidationError) as bad:
        scheme().assess(subject="gm-1", period=q(1), scores={"census": True, "order": 1})
    assert bad.value.paths == ("assess.scores['census']",)
    assert "got True" in str(bad.value)


def test_the_period_must_match_the_scheme() -> None:
    with pytest.raises(ValidationError, match="assesses by quarter"):
        scheme().assess(subject="gm-1", period=Period(PeriodKind.MONTH, 2026, 1), scores={})


def test_periods_are_numbered_and_ordered() -> None:
    with pytest.raises(ValidationError, match="a quarter is numbered 1 to 4, got 5"):
        q(5)
    with pytest.raises(ValidationError, match="number: must be at least 1, got int 0"):
        Period(PeriodKind.MONTH, 2026, 0)
    assert q(4, 2025).ordinal + 1 == q(1).ordinal
    assert str(Period(PeriodKind.MONTH, 2026, 12)) == "2026-12"


def failing(n: int, year: int = 2026) -> Assessment:
    return scheme().assess(subject="gm-1", period=q(n, year), scores={"census": 0, "order": 0})


def passing(n: int) -> Assessment:
    return scheme().assess(subject="gm-1", period=q(n), scores={"census": 30, "order": 30})


def test_two_consecutive_failing_quarters_call_for_an_exit() -> None:
    s = scheme()
    assert s.exit_due([passing(1), failing(2), failing(3)])
    assert s.exit_due([failing(1, 2026), failing(4, 2025)])
    assert not s.exit_due([failing(2)])
    assert not s.exit_due([failing(1), passing(2), failing(3)])
    assert not s.exit_due([failing(1), failing(3)])  # a gap


def test_the_exit_rule_looks_at_one_subject() -> None:
    other = scheme().assess(subject="gm-2", period=q(3), scores={"census": 0, "order": 0})
    with pytest.raises(ValidationError, match="one subject"):
        scheme().exit_due([failing(2), other])


def test_a_scheme_checks_its_items() -> None:
    item = ScoreItem(code="a", label=Label("甲", "A"), points=1)
    with pytest.raises(ValidationError) as info:
        AssessmentScheme(
            name="bad",
            label=Label("坏", "Bad"),
            period=Q,
            items=(item, item),
            pass_mark=Fraction(1, 2),
            pay=PANZHOU_PAY,
            exit_after=2,
            source=Source("test"),
        )
    assert info.value.paths == ("items[1].code",)
    with pytest.raises(ValidationError, match="at least one item"):
        AssessmentScheme(
            name="empty",
            label=Label("空", "Empty"),
            period=Q,
            items=(),
            pass_mark=Fraction(1, 2),
            pay=PANZHOU_PAY,
            exit_after=2,
            source=Source("test"),
        )


def test_an_assessment_round_trips_through_json() -> None:
    result = scheme().assess(
        subject="gm-1", period=q(1), scores={"census": 28, "order": 25}, events=[closed()]
    )
    assert from_dict(json.loads(json.dumps(to_dict(result))), Assessment) == result
    assert from_dict(json.loads(json.dumps(to_dict(scheme()))), AssessmentScheme) == scheme()


def test_a_scheme_without_pay_or_exit_rule_pays_nothing_and_never_calls_for_an_exit() -> None:
    plain = attrs.evolve(scheme(), pay=None, exit_after=None)
    results = [
        plain.assess(subject="s", period=q(n), scores={"census": 0, "order": 0}) for n in (1, 2)
    ]
    assert [r.passed for r in results] == [False, False]
    assert results[0].pay == Decimal(0)
    assert not plain.exit_due(results)
    passing = plain.assess(subject="s", period=q(3), scores={"census": 30, "order": 30})
    assert (passing.base_pay, passing.performance_pay) == (Decimal(0), Decimal("0.00"))


@pytest.mark.parametrize("bad", [0, -1, True, 1.5])
def test_an_exit_rule_counts_whole_periods_from_one(bad: Any) -> None:
    with pytest.raises(ValidationError, match="exit_after"):
        attrs.evolve(scheme(), exit_after=bad)


# -- ranges of the value types ---------------------------------------------------------------


def item(points: int) -> ScoreItem:
    return ScoreItem(code="a", label=Label("甲", "A"), points=points)


def test_an_item_is_worth_1_to_1000_points() -> None:
    assert MAX_ITEM_POINTS == 1_000
    assert item(1).points == 1
    assert item(MAX_ITEM_POINTS).points == MAX_ITEM_POINTS
    for bad in (0, MAX_ITEM_POINTS + 1, True, 5.0):
        with pytest.raises(ValidationError) as info:
            item(bad)  # type: ignore[arg-type]
        assert info.value.paths == ("points",)


def test_an_item_refuses_a_measure_given_as_its_string() -> None:
    with pytest.raises(ValidationError, match="expected a Measure member") as info:
        ScoreItem(code="a", label=Label("甲", "A"), points=5, measure="rework_rate")  # type: ignore[arg-type]
    assert info.value.paths == ("measure",)


def test_monthly_pay_is_0_to_100000_yuan_to_the_fen() -> None:
    assert Decimal(100_000) == MAX_MONTHLY_PAY
    assert PayRule(base=Decimal(0), performance=MAX_MONTHLY_PAY).performance == MAX_MONTHLY_PAY
    assert PayRule(base=Decimal("1200.50"), performance=Decimal(800)).base == Decimal("1200.50")
    for bad in (Decimal("100000.01"), Decimal(-1), Decimal("0.001"), 800, Decimal("NaN")):
        with pytest.raises(ValidationError) as info:
            PayRule(base=Decimal(1200), performance=bad)  # type: ignore[arg-type]
        assert info.value.paths == ("performance",)


def test_a_period_falls_in_the_years_2000_to_2999() -> None:
    assert str(Period(Q, 2000, 1)) == "2000Q1"
    assert str(Period(Q, 2999, 4)) == "2999Q4"
    for year in (1999, 3000):
        with pytest.raises(ValidationError) as info:
            Period(Q, year, 1)
        assert info.value.paths == ("year",)
    with pytest.raises(ValidationError, match=r"pass PeriodKind\('quarter'\)"):
        Period("quarter", 2026, 1)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as info:
        Period(Q, 2026, "1")  # type: ignore[arg-type]
    assert info.value.paths == ("number",)


def test_an_exit_rule_waits_at_most_120_periods() -> None:
    assert MAX_EXIT_AFTER == 120
    assert attrs.evolve(scheme(), exit_after=MAX_EXIT_AFTER).exit_after == MAX_EXIT_AFTER
    with pytest.raises(ValidationError) as info:
        attrs.evolve(scheme(), exit_after=MAX_EXIT_AFTER + 1)
    assert info.value.paths == ("exit_after",)


@pytest.mark.parametrize("bad", [Fraction(-1, 100), Fraction(101, 100), 0.6, 1])
def test_a_pass_mark_is_an_exact_share_from_0_to_1(bad: Any) -> None:
    assert scheme(Fraction(0)).pass_mark == 0
    assert scheme(Fraction(1)).pass_mark == 1
    with pytest.raises(ValidationError) as info:
        scheme(bad)
    assert info.value.paths == ("pass_mark",)


def test_an_assessment_needs_a_subject_a_period_and_a_mapping_of_scores() -> None:
    with pytest.raises(ValidationError) as info:
        scheme().assess(subject=" ", period=q(1), scores={"census": 1, "order": 1})
    assert info.value.paths == ("assess.subject",)
    with pytest.raises(ValidationError) as info:
        scheme().assess(subject="gm-1", period="2026Q1", scores={})  # type: ignore[arg-type]
    assert info.value.paths == ("assess.period",)
    with pytest.raises(ValidationError) as info:
        scheme().assess(subject="gm-1", period=q(1), scores=[("census", 1)])  # type: ignore[arg-type]
    assert info.value.paths == ("assess.scores",)
