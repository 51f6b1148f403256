from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from jiceng.exceptions import ValidationError
from jiceng.sim import PointsScenario, gini


def test_gini_is_exact() -> None:
    assert gini([]) is None
    assert gini([0, 0]) is None
    assert gini([5, 5, 5]) == 0
    assert gini([0, 0, 0, 4]) == Fraction(3, 4)
    assert gini([Decimal("1.00"), Decimal("3.00")]) == Fraction(1, 4)


def test_a_village_year_pays_its_pool_exactly_and_ranks_its_households() -> None:
    s = PointsScenario(villages=2, households=40, objection_share=1.0, uphold_share=0.5)
    seen: list[float] = []
    r = s.run(seed=11, progress=lambda _, d: seen.append(d))
    assert seen == [0.5, 1.0]
    assert r.households == len(r.records) == 80
    assert r.paid == r.pool == Decimal("100000.00")
    assert all(v.paid == v.pool for v in r.villages)
    assert sum(rec.dividend for rec in r.records) == r.pool
    assert sum(n for _, n in r.stars) == 80
    assert r.red_list == sum(rec.red_list for rec in r.records)
    assert r.objections > 0
    assert 0 < r.upheld < r.objections
    assert r.dividend_gini is not None
    assert 0 < r.dividend_gini < 1
    assert r.total_points == sum(rec.points for rec in r.records)
    # households that behave better earn more on average
    by_kind: dict[str, list[int]] = {}
    for rec in r.records:
        by_kind.setdefault(rec.behaviour, []).append(rec.points)
    mean = {k: sum(v) / len(v) for k, v in by_kind.items()}
    assert mean["active"] > mean["ordinary"] > mean["passive"]
    assert len(r.to_pandas()) == 80


def test_scaling_changes_the_number_of_villages() -> None:
    assert PointsScenario(villages=10).scaled(0.01).villages == 1


def test_households_that_do_nothing_keep_their_base_points_only() -> None:
    idle = tuple((kind, 0.0) for kind in ("active", "ordinary", "passive", "troublesome"))
    s = PointsScenario(villages=1, households=3, multipliers=idle, penalty_multipliers=idle)
    r = s.run(seed=1)
    assert r.entries == 3  # the base points
    assert r.total_points == sum(10 * rec.members for rec in r.records)


def test_a_scenario_refuses_a_pool_with_three_decimal_places() -> None:
    with pytest.raises(ValidationError) as caught:
        PointsScenario(pool=Decimal("100.005"))
    assert caught.value.paths == ("pool",)
