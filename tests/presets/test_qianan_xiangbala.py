"""迁安香巴拉 (seed 003): four-level grid, 91 services in 4 kinds, key-resident ledgers, 微心愿."""

from __future__ import annotations

import pendulum
import pytest

from jiceng import Actor
from jiceng.grids import (
    CategoryTree,
    Channel,
    GridEvent,
    GridEventPolicy,
    GridEventState,
    GridTree,
    Level,
    Priority,
    ServiceKind,
    SlaPolicy,
    StaffRole,
)
from jiceng.grids.codes import CodeScheme
from jiceng.plugins import Registry, discover
from jiceng.presets import qianan_xiangbala as xbl

T0 = pendulum.datetime(2021, 10, 11, 9, tz="Asia/Shanghai")
OFFICE = Actor.department("xbl", "香巴拉社区综合服务站")
MEMBER = Actor.person("gm-1", "网格员")
RESIDENT = Actor.person("r-1", "居民")
GRID = xbl.COMMUNITY + "001"
BUILDING = GRID + "001"


@pytest.fixture
def tree() -> GridTree:
    t = GridTree(scheme=xbl.CODES)
    for code, parent in (
        ("130283", None),
        ("130283001", "130283"),
        (xbl.COMMUNITY, "130283001"),
        (GRID, xbl.COMMUNITY),
        (BUILDING, GRID),
    ):
        t = t.add(code=code, name=code, parent=parent, by=OFFICE, at=T0)
    head = Actor.person("lm-1", "楼门长")
    return t.assign(BUILDING, person=head, role=StaffRole.BUILDING_HEAD, by=OFFICE, at=T0)


def request(id: str, text: str, *, by: Actor = RESIDENT) -> GridEvent:
    return GridEvent.report(
        id=id, policy=xbl.POLICY, grid=BUILDING, channel=Channel.RESIDENT,
        description=text, by=by, at=T0,
    )  # fmt: skip


def test_the_grid_has_four_levels_below_the_city(tree: GridTree) -> None:
    counts = tree.level_counts()
    assert list(counts)[1:] == [Level.STREET, Level.COMMUNITY, Level.GRID, Level.MICRO_GRID]


def test_the_service_list_has_91_items_in_four_kinds() -> None:
    assert len(xbl.SERVICES) == 91
    assert xbl.SERVICES.counts() == xbl.DEFAULT_SPLIT
    assert [k.zh for k in xbl.SERVICES.counts()] == ["主动服务", "直接办结", "审核转报", "代办服务"]
    assert xbl.SERVICES.item("home-visit").kind is ServiceKind.PROACTIVE
    assert xbl.SERVICES.item("direct-05").label.zh == "直接办结事项5（未具名）"
    assert xbl.CATEGORIES.item_count == 92  # and the 微心愿


def test_a_direct_item_is_settled_on_the_spot() -> None:
    event = request("XBL-1", "开具居住证明").resolve_on_spot(
        category="direct-01", evidence=("证明存根",), by=MEMBER, at=T0.add(minutes=20)
    )
    event = event.close(by=OFFICE, at=T0.add(minutes=30))
    assert event.closed_on_time


def test_a_forwarded_item_is_checked_and_sent_to_the_deciding_department() -> None:
    event = request("XBL-2", "申请低保").register(by=OFFICE, at=T0)
    event = event.classify(
        category="review_and_forward-01", priority=Priority.NORMAL, by=OFFICE, at=T0
    )
    assert xbl.CATEGORIES.class_of(event.category or "").label.zh == "审核转报"
    event = event.dispatch(to="qa-minzheng", by=OFFICE, at=T0)
    assert event.deadline is not None
    assert event.deadline.due == pendulum.datetime(
        2021, 10, 18, 23, 59, 59, 999999, tz="Asia/Shanghai"
    )


def test_key_residents_are_on_ledgers_and_some_are_visited_at_home(tree: GridTree) -> None:
    register = xbl.REGISTER
    for resident, group in (("R-1", "elderly-alone"), ("R-2", "dibao"), ("R-3", "disabled")):
        register = register.enrol(
            resident=resident, group=group, grid=BUILDING, by=MEMBER, at=T0, tree=tree
        )
    visits = [
        e.resident
        for e in register.roster(at=T0, grid=GRID, tree=tree)
        if e.group in xbl.HOME_VISITS
    ]
    assert visits == ["R-1", "R-3"]
    assert register.counts(at=T0) == {"elderly-alone": 1, "disabled": 1, "dibao": 1}


def test_a_micro_wish_is_claimed_by_a_unit_and_fulfilled() -> None:
    child = Actor.person("r-2", "留守儿童家长")
    wish = request("XBL-W1", "微心愿：给孩子一套课外书", by=child).register(by=OFFICE, at=T0)
    wish = wish.classify(category="micro-wish", priority=Priority.NORMAL, by=OFFICE, at=T0)
    wish = wish.dispatch(to="unit-resident", by=OFFICE, at=T0.add(days=1))  # 认领
    unit = Actor.department("unit-resident", "辖区单位")
    wish = wish.handle(evidence=("送书照片",), by=unit, at=T0.add(days=3))
    wish = wish.verify(by=MEMBER, at=T0.add(days=3)).close(by=OFFICE, at=T0.add(days=3))
    wish = wish.evaluate(by=child, at=T0.add(days=4), comment="圆梦")
    assert wish.state is GridEventState.EVALUATED


def test_it_loads_through_its_entry_point() -> None:
    found = discover(allow=["qianan_xiangbala"])
    assert found.loaded == ("qianan_xiangbala",)
    assert found.failures == ()
    registry = found.registry
    assert registry.find(CodeScheme, "qianan_xiangbala.codes") is xbl.CODES
    assert registry.find(CategoryTree, "qianan_xiangbala.categories") is xbl.CATEGORIES
    assert registry.find(SlaPolicy, "qianan_xiangbala.sla") is xbl.SLA
    assert registry.find(GridEventPolicy, "qianan_xiangbala.community") is xbl.POLICY


def test_it_registers_with_every_other_preset_without_a_clash() -> None:
    found = discover()
    assert [f for f in found.failures if "PluginError" in f.error] == []
    assert "qianan_xiangbala" in found.loaded
    registry = Registry()
    for plugin in found.registry.plugins:
        registry = registry.register(plugin)
    assert registry.plugin("qianan_xiangbala") is xbl.PLUGIN
