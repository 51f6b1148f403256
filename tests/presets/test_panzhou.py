"""盘州 (seed 000): 28 purchased items, 1,200 + 800 元 pay, exit after two failing quarters."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pendulum

from jiceng import Actor
from jiceng.grids import GridTree, StaffRole
from jiceng.grids.assessment import AssessmentScheme, Period, PeriodKind
from jiceng.grids.codes import BEIJING_DB11
from jiceng.plugins import Registry, discover
from jiceng.presets import panzhou

TOWN = Actor.department("pg-town", "盘关镇")


def scores(share: Fraction) -> dict[str, Fraction]:
    """Every item scored at the same share of its points."""
    return {item.code: share * item.points for item in panzhou.ITEMS}


def test_the_28_items_are_each_assessed() -> None:
    assert len(panzhou.ITEMS) == 28
    assert [i.label.zh for i in panzhou.ITEMS[:4]] == [
        "人口信息采集",
        "计生人口辅助管理",
        "重点人群稳控",
        "村容村貌整治",
    ]
    assert panzhou.ITEMS[27].label.zh == "购买服务事项28（未具名）"
    assert sum(i.points for i in panzhou.ITEMS) == 28 * panzhou.DEFAULT_ITEM_POINTS


def test_twelve_grid_members_earn_1200_base_plus_performance_each_month() -> None:
    march = Period(PeriodKind.MONTH, 2018, 3)
    results = [
        panzhou.MONTHLY.assess(
            subject=f"jx-{n:02d}", period=march, scores=scores(Fraction(94 + n % 6, 100))
        )
        for n in range(12)
    ]
    assert all(r.base_pay == Decimal(1200) for r in results)
    assert results[0].performance_pay == Decimal("752.00")  # 94% of 800
    assert results[5].pay == Decimal("1992.00")  # 1,200 + 99% of 800
    assert all(r.share >= Fraction(94, 100) for r in results)


def test_a_failing_month_pays_the_base_allowance_only() -> None:
    result = panzhou.MONTHLY.assess(
        subject="jx-01", period=Period(PeriodKind.MONTH, 2018, 4), scores=scores(Fraction(1, 2))
    )
    assert not result.passed
    assert result.pay == Decimal(1200)


def test_two_consecutive_failing_quarters_call_for_an_exit_and_the_member_is_relieved() -> None:
    member = Actor.person("jx-niu", "牛春兰")
    t = pendulum.datetime(2018, 1, 2, 9, tz="Asia/Shanghai")
    grid = "520222001002002"
    tree = GridTree(scheme=BEIJING_DB11)
    for code in ("520222", "520222001", "520222001002", grid):
        parent = code[: len(code) - 3] if len(code) > 6 else None
        tree = tree.add(code=code, name=code, parent=parent, by=TOWN, at=t)
    tree = tree.assign(grid, person=member, role=StaffRole.GRID_MEMBER, by=TOWN, at=t)
    quarters = [
        panzhou.QUARTERLY.assess(
            subject="jx-niu", period=Period(PeriodKind.QUARTER, 2018, q), scores=scores(share)
        )
        for q, share in ((1, Fraction(9, 10)), (2, Fraction(1, 2)), (3, Fraction(59, 100)))
    ]
    assert [q.passed for q in quarters] == [True, False, False]
    assert quarters[1].pay == Decimal(0)  # acceptance pays nothing itself
    assert not panzhou.QUARTERLY.exit_due(quarters[:2])
    assert panzhou.QUARTERLY.exit_due(quarters)
    assert not panzhou.MONTHLY.exit_due(quarters)  # the monthly appraisal has no exit rule
    october = pendulum.datetime(2018, 10, 8, 9, tz="Asia/Shanghai")
    tree = tree.relieve(
        grid, person=member, role=StaffRole.GRID_MEMBER, by=TOWN, at=october,
        reason="连续两个季度验收考核不达标，退出",
    )  # fmt: skip
    assert tree.staff_at(grid, october) == ()


def test_a_pass_just_at_the_mark_counts() -> None:
    result = panzhou.QUARTERLY.assess(
        subject="x", period=Period(PeriodKind.QUARTER, 2018, 1), scores=scores(Fraction(3, 5))
    )
    assert result.passed


def test_it_loads_through_its_entry_point() -> None:
    found = discover(allow=["panzhou"])
    assert found.loaded == ("panzhou",)
    assert found.failures == ()
    assert found.registry.find(AssessmentScheme, "panzhou.monthly") is panzhou.MONTHLY
    assert found.registry.find(AssessmentScheme, "panzhou.quarterly") is panzhou.QUARTERLY


def test_it_registers_with_every_other_preset_without_a_clash() -> None:
    found = discover()
    assert [f for f in found.failures if "PluginError" in f.error] == []
    assert "panzhou" in found.loaded
    registry = Registry()
    for plugin in found.registry.plugins:
        registry = registry.register(plugin)
    assert registry.plugin("panzhou") is panzhou.PLUGIN
