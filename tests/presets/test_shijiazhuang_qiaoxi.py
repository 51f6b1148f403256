"""石家庄桥西 (seed 003): 805 grids, the four-level grid, service forces in every grid."""

from __future__ import annotations

import pendulum
import pytest

from jiceng import Actor
from jiceng.exceptions import ValidationError
from jiceng.grids import CodeError, GridTree, Level
from jiceng.grids.codes import CodeScheme
from jiceng.plugins import Registry, discover
from jiceng.presets import shijiazhuang_qiaoxi as qiaoxi

T0 = pendulum.datetime(2021, 11, 2, 9, tz="Asia/Shanghai")
OFFICE = Actor.department("qx", "桥西区网格化服务管理中心")


@pytest.fixture(scope="module")
def tree() -> GridTree:
    return qiaoxi.attach_all(qiaoxi.grid_tree(by=OFFICE, at=T0))


def test_the_district_has_805_grids_on_four_levels(tree: GridTree) -> None:
    counts = tree.level_counts()
    assert list(counts) == [Level.DISTRICT, Level.STREET, Level.COMMUNITY, Level.GRID]
    assert counts[Level.GRID] == qiaoxi.GRIDS == 805
    assert counts[Level.STREET] == qiaoxi.DEFAULT_STREETS
    assert counts[Level.COMMUNITY] == qiaoxi.DEFAULT_STREETS * qiaoxi.DEFAULT_COMMUNITIES
    sizes = {len(tree.children(c.code)) for c in tree if c.level is Level.COMMUNITY}
    assert sizes == {16, 17}


def test_another_spread_keeps_805_grids() -> None:
    small = qiaoxi.grid_tree(by=OFFICE, at=T0, streets=7, communities=5)
    assert small.level_counts()[Level.GRID] == 805


def test_party_building_public_order_and_civil_affairs_reach_every_grid(tree: GridTree) -> None:
    grid = next(g for g in tree if g.level is Level.GRID)
    assert [d.name for d in tree.duties_of(grid.code)] == ["党建", "综治", "民政"]


def test_a_grid_code_below_the_grid_level_is_refused() -> None:
    with pytest.raises(CodeError):
        qiaoxi.CODES.level_of("130104001001001001")


def test_it_loads_through_its_entry_point() -> None:
    found = discover(allow=["shijiazhuang_qiaoxi"])
    assert found.loaded == ("shijiazhuang_qiaoxi",)
    assert found.failures == ()
    assert found.registry.find(CodeScheme, "shijiazhuang_qiaoxi.codes") is qiaoxi.CODES


def test_it_registers_with_every_other_preset_without_a_clash() -> None:
    found = discover()
    assert [f for f in found.failures if "PluginError" in f.error] == []
    assert "shijiazhuang_qiaoxi" in found.loaded
    registry = Registry()
    for plugin in found.registry.plugins:
        registry = registry.register(plugin)
    assert registry.plugin("shijiazhuang_qiaoxi") is qiaoxi.PLUGIN


def test_the_spread_takes_1_to_999_streets_and_communities() -> None:
    one = qiaoxi.grid_tree(by=OFFICE, at=T0, streets=1, communities=1)
    assert one.level_counts()[Level.GRID] == 805
    for streets, communities, path in [
        (0, 5, "grid_tree.streets"),
        (1_000, 5, "grid_tree.streets"),
        (5, 0, "grid_tree.communities"),
        (5, True, "grid_tree.communities"),
    ]:
        with pytest.raises(ValidationError) as info:
            qiaoxi.grid_tree(by=OFFICE, at=T0, streets=streets, communities=communities)
        assert info.value.paths == (path,)
