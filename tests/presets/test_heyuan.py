"""河源 全科网格 (seed 002): one grid for every department; special populations in its care."""

from __future__ import annotations

import pendulum
import pytest

from jiceng import Actor
from jiceng.grids import (
    CategoryTree,
    Channel,
    GridEvent,
    GridEventPolicy,
    GridTree,
    Priority,
    SlaPolicy,
)
from jiceng.grids.codes import CodeScheme
from jiceng.plugins import Registry, discover
from jiceng.presets import heyuan

T0 = pendulum.datetime(2020, 4, 1, 9, tz="Asia/Shanghai")
OFFICE = Actor.department("hy-zz", "综治中心")
MEMBER = Actor.person("gm-1", "网格员")
TOWN = "441602001"
VILLAGE = TOWN + "001"
GRID = VILLAGE + "001"
OTHER_GRID = TOWN + "002001"


@pytest.fixture
def tree() -> GridTree:
    t = GridTree(scheme=heyuan.CODES)
    for code, parent in (
        (heyuan.CITY, None),
        ("441602", heyuan.CITY),
        (TOWN, "441602"),
        (VILLAGE, TOWN),
        (GRID, VILLAGE),
        (TOWN + "002", TOWN),
        (OTHER_GRID, TOWN + "002"),
    ):
        t = t.add(code=code, name=code, parent=parent, by=OFFICE, at=T0)
    return heyuan.attach_all(t)


def test_every_department_works_through_the_one_grid(tree: GridTree) -> None:
    duties = tree.duties_of(GRID)
    assert {d.department for d in duties} == {d.id for d in heyuan.DEPARTMENTS}
    assert len(heyuan.DEPARTMENTS) == 16  # the 综治 centre and 15 departments and bodies
    assert {d.name for d in duties if d.department == "hy-mz"} == {
        "社会救助",
        "居家养老",
        "儿童福利",
    }
    assert tree.duties_of(OTHER_GRID) == duties


def test_special_populations_are_registered_in_their_grids(tree: GridTree) -> None:
    assert [g.label.zh for g in heyuan.SPECIAL_POPULATIONS] == [
        "社区矫正对象",
        "严重精神障碍患者",
        "社区戒毒人员",
        "刑满释放人员",
        "重点青少年",
    ]
    register = heyuan.REGISTER
    register = register.enrol(
        resident="R-1", group="community-correction", grid=GRID, by=MEMBER, at=T0, tree=tree
    )
    register = register.enrol(
        resident="R-2", group="key-youth", grid=OTHER_GRID, by=MEMBER, at=T0, tree=tree
    )
    register = register.enrol(
        resident="R-3", group="released-prisoner", grid=GRID, by=MEMBER, at=T0, tree=tree
    )
    later = T0.add(months=6)
    register = register.discharge(
        resident="R-1", group="community-correction", by=MEMBER, at=later, reason="矫正期满解除"
    )
    assert [e.resident for e in register.roster(at=T0, grid=VILLAGE, tree=tree)] == ["R-1", "R-3"]
    assert [e.resident for e in register.roster(at=later, grid=TOWN, tree=tree)] == ["R-2", "R-3"]
    assert register.counts(at=later)["community-correction"] == 0


def test_an_event_about_a_special_population_goes_to_the_right_department() -> None:
    event = GridEvent.report(
        id="HY-2020-1",
        policy=heyuan.POLICY,
        grid=GRID,
        channel=Channel.PATROL,
        description="社区矫正对象未按时报到",
        by=MEMBER,
        at=T0,
    )
    event = event.register(by=OFFICE, at=T0).classify(
        category="community-correction", priority=Priority.URGENT, by=OFFICE, at=T0
    )
    assert heyuan.CATEGORIES.class_of("community-correction").label.zh == "特殊人群"
    event = event.dispatch(to="hy-sf", by=OFFICE, at=T0)
    assert event.deadline is not None
    # five working days from Wednesday 1 April 2020: 2, 3, 7, 8 and 9 April, since Monday
    # 6 April was the 清明节 day off (a weekend-only count would end on the 8th)
    assert event.deadline.due == pendulum.datetime(
        2020, 4, 9, 23, 59, 59, 999999, tz="Asia/Shanghai"
    )
    sf = Actor.department("hy-sf", "司法行政")
    event = event.handle(evidence=("谈话记录",), by=sf, at=T0.add(days=1))
    event = event.verify(by=MEMBER, at=T0.add(days=1)).close(by=OFFICE, at=T0.add(days=1))
    assert event.closed_on_time


def test_it_loads_through_its_entry_point() -> None:
    found = discover(allow=["heyuan"])
    assert found.loaded == ("heyuan",)
    assert found.failures == ()
    registry = found.registry
    assert registry.find(CodeScheme, "heyuan.codes") is heyuan.CODES
    assert registry.find(CategoryTree, "heyuan.categories") is heyuan.CATEGORIES
    assert registry.find(SlaPolicy, "heyuan.sla") is heyuan.SLA
    assert registry.find(GridEventPolicy, "heyuan.quanke") is heyuan.POLICY


def test_it_registers_with_every_other_preset_without_a_clash() -> None:
    found = discover()
    assert [f for f in found.failures if "PluginError" in f.error] == []
    assert "heyuan" in found.loaded
    registry = Registry()
    for plugin in found.registry.plugins:
        registry = registry.register(plugin)
    assert registry.plugin("heyuan") is heyuan.PLUGIN
