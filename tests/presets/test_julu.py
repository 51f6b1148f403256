"""巨鹿 "巨好办" (seed 003): five steps, 4 classes / 22 items, 2 hours, same day, quarterly."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pendulum
import pytest

from jiceng import Actor
from jiceng.exceptions import GuardRejected
from jiceng.grids import (
    CategoryTree,
    Channel,
    GridEvent,
    GridEventPolicy,
    Level,
    Priority,
    SlaPolicy,
)
from jiceng.grids.assessment import AssessmentScheme, Period, PeriodKind
from jiceng.grids.codes import CodeScheme
from jiceng.plugins import Registry, discover
from jiceng.presets import julu

VILLAGE = "130529001002"  # 巨鹿县 / 某乡镇 / 小留庄村
GRID = VILLAGE + "003"
MEMBER = Actor.person("gm-liu", "刘江棉")
RESIDENT = Actor.person("r-sun", "孙淑霞")
TOWN = Actor.department("town-001", "乡镇分中心")
COUNTY = Actor.department("county", "县级管理平台")
WATER = Actor.department("xzj-sw", "县水务局")


def at(  # noqa: PLR0917 - a date-time, field by field
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    microsecond: int = 0,
) -> pendulum.DateTime:
    return pendulum.datetime(
        year, month, day, hour, minute, second, microsecond, tz="Asia/Shanghai"
    )


def reported(id: str, when: pendulum.DateTime, *, by: Actor = MEMBER) -> GridEvent:
    return GridEvent.report(
        id=id,
        policy=julu.POLICY,
        grid=GRID,
        channel=Channel.PATROL,
        description="自来水管道施工路段填土不实，雨后塌陷近百米",
        location="小留庄村孙淑霞家门前小巷",
        by=by,
        at=when,
    )


def dispatched(
    id: str, category: str, priority: Priority, when: pendulum.DateTime, to: str = "xzj-sw"
) -> GridEvent:
    event = reported(id, when).register(by=TOWN, at=when)
    event = event.classify(category=category, priority=priority, by=TOWN, at=when)
    return event.dispatch(to=to, by=COUNTY, at=when)


def test_the_patrol_list_has_4_classes_and_22_items() -> None:
    assert len(julu.CATEGORIES.classes) == 4
    assert julu.CATEGORIES.item_count == 22
    named = [
        item
        for cls in julu.CATEGORIES.classes
        for item in cls.items
        if "未具名" not in item.label.zh
    ]
    assert len(named) == 13
    assert sum(julu.DEFAULT_UNNAMED_ITEMS.values()) == 22 - 13
    assert julu.CATEGORIES.class_of("food-drug").label.zh == "安全监管"
    assert julu.CATEGORIES.item("social-governance-03").label.zh == "社会治理事项3（未具名）"


def test_a_report_goes_through_the_five_steps_and_closes() -> None:
    t = at(2021, 7, 20, 18)
    event = reported("JHB-0001", t)
    assert julu.steps_reached(event) == ("事件上报",)
    event = event.register(by=TOWN, at=t.add(minutes=5))
    event = event.classify(
        category="road-collapse", priority=Priority.NORMAL, by=TOWN, at=t.add(minutes=6)
    )
    assert julu.CATEGORIES.class_of(event.category or "").label.zh == "改善民生"
    event = event.dispatch(to="xzj-sw", by=COUNTY, at=t.add(minutes=10))
    event = event.start(by=WATER, at=at(2021, 7, 21, 7))
    event = event.handle(evidence=("填土夯实.jpg",), by=WATER, at=at(2021, 7, 21, 11))
    event = event.verify(by=MEMBER, at=at(2021, 7, 21, 12))
    event = event.close(by=TOWN, at=at(2021, 7, 21, 12, 30))
    assert julu.steps_reached(event) == ("事件上报", "分类受理", "响应指定", "部门处置", "结果反馈")
    assert event.closed_on_time is True


def test_an_item_outside_the_22_is_refused() -> None:
    event = reported("JHB-0002", at(2021, 7, 20, 9)).register(by=TOWN, at=at(2021, 7, 20, 9))
    with pytest.raises(GuardRejected, match="known_category"):
        event.classify(category="drain", priority=Priority.NORMAL, by=TOWN, at=at(2021, 7, 20, 9))


def test_an_emergency_dispatched_at_23_10_is_due_at_01_10() -> None:
    event = dispatched(
        "JHB-0003", "outbreak", Priority.EMERGENCY, at(2021, 11, 2, 23, 10), "xzj-wj"
    )
    assert event.deadline is not None
    assert event.deadline.due == at(2021, 11, 3, 1, 10)
    assert event.overdue(at(2021, 11, 3, 1, 11))


def test_a_consultation_is_closed_the_same_day() -> None:
    event = dispatched(
        "JHB-0004", "farming-inquiry", Priority.NORMAL, at(2021, 11, 2, 16), "xzj-ny"
    )
    assert event.deadline is not None
    assert event.deadline.due == at(2021, 11, 2, 23, 59, 59, 999999)
    agri = Actor.department("xzj-ny", "县农业农村局")
    event = event.handle(evidence=(), by=agri, at=at(2021, 11, 2, 17))
    event = event.verify(by=MEMBER, at=at(2021, 11, 2, 17, 30)).close(
        by=TOWN, at=at(2021, 11, 2, 18)
    )
    assert event.closed_on_time is True


def test_an_ordinary_event_keeps_the_documented_five_working_days() -> None:
    event = dispatched("JHB-0005", "gas", Priority.NORMAL, at(2021, 11, 1, 9), "xzj-zj")
    assert event.deadline is not None
    assert event.deadline.due == at(2021, 11, 8, 23, 59, 59, 999999)


def test_a_department_is_assessed_each_quarter_from_its_events() -> None:
    late = dispatched("JHB-0006", "gas", Priority.NORMAL, at(2021, 10, 4, 9), "xzj-sw")
    late = late.handle(evidence=("p.jpg",), by=WATER, at=at(2021, 10, 20, 9))
    late = late.verify(by=MEMBER, at=at(2021, 10, 20, 10)).close(by=TOWN, at=at(2021, 10, 20, 11))
    quick = dispatched("JHB-0007", "road-collapse", Priority.NORMAL, at(2021, 10, 5, 9))
    quick = quick.handle(evidence=("p.jpg",), by=WATER, at=at(2021, 10, 5, 15))
    quick = quick.verify(by=MEMBER, at=at(2021, 10, 5, 16)).close(by=TOWN, at=at(2021, 10, 5, 17))
    q4 = julu.ASSESSMENT.assess(
        subject="xzj-sw",
        period=Period(PeriodKind.QUARTER, 2021, 4),
        scores={},
        events=[late, quick],
    )
    points = {i.item: i.points for i in q4.items}
    assert points == {
        "closure_rate": 30,
        "on_time_rate": 15,
        "rework_rate": 20,
        "extension_rate": 20,
    }
    assert q4.share == Fraction(85, 100)
    assert q4.passed
    assert q4.pay == Decimal(0)  # no pay rides on it: 评优评先、选拔任用
    assert not julu.ASSESSMENT.exit_due([q4])
    with pytest.raises(ValueError, match="quarter"):
        julu.ASSESSMENT.assess(subject="x", period=Period(PeriodKind.MONTH, 2021, 10), scores={})


def test_escalation_goes_from_the_village_to_the_town_and_the_county() -> None:
    event = dispatched("JHB-0008", "dispute", Priority.URGENT, at(2021, 11, 2, 9), "xzj-sf")
    event = event.escalate(to=VILLAGE, by=MEMBER, at=at(2021, 11, 2, 10), reason="网格内无法解决")
    event = event.escalate(to="130529001", by=TOWN, at=at(2021, 11, 2, 11), reason="涉及多部门")
    event = event.escalate(to="130529", by=TOWN, at=at(2021, 11, 2, 12), reason="报县级平台")
    assert event.level is Level.DISTRICT
    assert event.next_office is None


def test_it_loads_through_its_entry_point() -> None:
    found = discover(allow=["julu"])
    assert found.loaded == ("julu",)
    assert found.failures == ()
    registry = found.registry
    assert registry.find(CodeScheme, "julu.codes") is julu.CODES
    assert registry.find(CategoryTree, "julu.categories") is julu.CATEGORIES
    assert registry.find(SlaPolicy, "julu.sla") is julu.SLA
    assert registry.find(GridEventPolicy, "julu.juhaoban") is julu.POLICY
    assert registry.find(AssessmentScheme, "julu.quarterly") is julu.ASSESSMENT
    assert registry.owner(AssessmentScheme, "julu.quarterly") == "julu"


def test_it_registers_with_every_other_preset_without_a_clash() -> None:
    found = discover()
    clashes = [f for f in found.failures if "PluginError" in f.error]
    assert clashes == []
    assert "julu" in found.loaded
    registry = Registry()
    for plugin in found.registry.plugins:
        registry = registry.register(plugin)
    assert registry.plugin("julu") is julu.PLUGIN
