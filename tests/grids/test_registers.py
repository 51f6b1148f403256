from __future__ import annotations

import pendulum
import pytest

from jiceng import Actor, Label, Source
from jiceng.exceptions import NotFoundError, ValidationError
from jiceng.grids import CareGroup, GridTree, ResidentRegister
from jiceng.grids.codes import BEIJING_DB11

T0 = pendulum.datetime(2026, 3, 2, 9, tz="Asia/Shanghai")
CLERK = Actor.person("gm-1", "网格员")
STREET = "110105001"
COMMUNITY = STREET + "002"
GRID = COMMUNITY + "001"
OTHER = COMMUNITY + "002"
SOURCE = Source("seed 002: 河源", "将社区矫正……等特殊人群纳入网格服务管理")

EMPTY = ResidentRegister(
    name="special",
    groups=(
        CareGroup(code="correction", label=Label("社区矫正对象", "Correction"), source=SOURCE,
                  department="司法所"),
        CareGroup(code="youth", label=Label("重点青少年", "Youth"), source=SOURCE),
    ),
    source=SOURCE,
)  # fmt: skip


@pytest.fixture
def tree() -> GridTree:
    t = GridTree(scheme=BEIJING_DB11)
    for code, parent in (
        ("110105", None),
        (STREET, "110105"),
        (COMMUNITY, STREET),
        (GRID, COMMUNITY),
        (OTHER, COMMUNITY),
    ):
        t = t.add(code=code, name=code, parent=parent, by=CLERK, at=T0)
    return t.retire(OTHER, by=CLERK, at=T0.add(days=10), reason="合并")


def test_residents_are_enrolled_in_a_group_and_a_grid_over_time(tree: GridTree) -> None:
    register = EMPTY.enrol(
        resident="R-1", group="correction", grid=GRID, by=CLERK, at=T0, tree=tree
    )
    register = register.enrol(resident="R-1", group="youth", grid=GRID, by=CLERK, at=T0)
    register = register.enrol(resident="R-2", group="youth", grid=OTHER, by=CLERK, at=T0, tree=tree)
    later = T0.add(months=6)
    register = register.discharge(
        resident="R-1", group="correction", by=CLERK, at=later, reason="矫正期满"
    )
    ended = register.enrolments[0]
    assert (ended.end, ended.ended_by, ended.reason) == (later, CLERK, "矫正期满")
    assert not ended.covers(later)
    assert ended.covers(T0)
    assert [e.resident for e in register.roster(at=T0, group="correction")] == ["R-1"]
    assert register.roster(at=later, group="correction") == ()
    assert [e.group for e in register.roster(at=later, grid=GRID)] == ["youth"]
    assert register.counts(at=T0) == {"correction": 1, "youth": 2}
    assert register.roster(at=T0.subtract(days=1)) == ()


def test_a_roster_of_a_grid_includes_the_grids_below_it_given_the_tree(tree: GridTree) -> None:
    register = EMPTY.enrol(resident="R-1", group="youth", grid=GRID, by=CLERK, at=T0)
    register = register.enrol(resident="R-2", group="youth", grid=OTHER, by=CLERK, at=T0)
    assert register.roster(at=T0, grid=COMMUNITY) == ()
    assert [e.resident for e in register.roster(at=T0, grid=COMMUNITY, tree=tree)] == ["R-1", "R-2"]


def test_a_resident_is_on_a_groups_register_once_at_a_time() -> None:
    register = EMPTY.enrol(resident="R-1", group="youth", grid=GRID, by=CLERK, at=T0)
    with pytest.raises(ValidationError, match="already"):
        register.enrol(resident="R-1", group="youth", grid=GRID, by=CLERK, at=T0.add(days=1))
    again = register.discharge(
        resident="R-1", group="youth", by=CLERK, at=T0.add(days=2), reason="年满十八周岁"
    ).enrol(resident="R-1", group="youth", grid=GRID, by=CLERK, at=T0.add(days=3))
    assert len(again.enrolments) == 2


def test_enrolment_is_checked(tree: GridTree) -> None:
    with pytest.raises(NotFoundError, match="keeps no group 'elderly'"):
        EMPTY.enrol(resident="R-1", group="elderly", grid=GRID, by=CLERK, at=T0)
    with pytest.raises(ValidationError, match="resident"):
        EMPTY.enrol(resident=" ", group="youth", grid=GRID, by=CLERK, at=T0)
    with pytest.raises(ValidationError, match="timezone-aware"):
        EMPTY.enrol(
            resident="R-1", group="youth", grid=GRID, by=CLERK, at=pendulum.naive(2026, 3, 2)
        )
    with pytest.raises(ValidationError, match="not in use"):
        EMPTY.enrol(
            resident="R-1", group="youth", grid=OTHER, by=CLERK, at=T0.add(days=11), tree=tree
        )
    with pytest.raises(NotFoundError):
        EMPTY.enrol(
            resident="R-1", group="youth", grid="110105001009001", by=CLERK, at=T0, tree=tree
        )
    with pytest.raises(NotFoundError):
        EMPTY.roster(at=T0, group="nope")


def test_discharge_needs_an_enrolment_and_a_reason() -> None:
    with pytest.raises(ValidationError, match="is not on the register"):
        EMPTY.discharge(resident="R-9", group="youth", by=CLERK, at=T0, reason="迁出")
    register = EMPTY.enrol(resident="R-1", group="youth", grid=GRID, by=CLERK, at=T0)
    with pytest.raises(ValidationError, match="reason"):
        register.discharge(resident="R-1", group="youth", by=CLERK, at=T0, reason="")


def test_a_register_checks_its_groups() -> None:
    group = EMPTY.groups[0]
    with pytest.raises(ValidationError) as caught:
        ResidentRegister(name="x", groups=(group, group), source=SOURCE)
    assert [e.path for e in caught.value.errors] == ["groups[1].code"]
    with pytest.raises(ValidationError, match="at least one group"):
        ResidentRegister(name="x", groups=(), source=SOURCE)


def test_enrolment_names_the_bad_argument() -> None:
    with pytest.raises(ValidationError) as info:
        EMPTY.enrol(resident="", group="youth", grid=GRID, by=CLERK, at=T0)
    assert info.value.paths == ("enrol.resident",)
    assert info.value.subject == "ResidentRegister call"
    with pytest.raises(ValidationError) as info:
        EMPTY.enrol(resident="R-1", group="youth", grid=GRID, by="gm-1", at=T0)  # type: ignore[arg-type]
    assert info.value.paths == ("enrol.by",)
    with pytest.raises(ValidationError) as info:
        EMPTY.enrol(resident="R-1", group="youth", grid=GRID, by=CLERK, at=T0, tree="tree")  # type: ignore[arg-type]
    assert info.value.paths == ("enrol.tree",)
    assert EMPTY.enrolments == ()


def test_a_discharge_names_the_bad_argument_and_changes_nothing() -> None:
    register = EMPTY.enrol(resident="R-1", group="youth", grid=GRID, by=CLERK, at=T0)
    with pytest.raises(ValidationError) as info:
        register.discharge(resident="R-1", group="youth", by=CLERK, at=T0, reason=" ")
    assert info.value.paths == ("discharge.reason",)
    with pytest.raises(ValidationError) as info:
        register.discharge(resident="R-1", group="youth", by=CLERK, at=T0.naive(), reason="x")
    assert info.value.paths == ("discharge.at",)
    assert register.enrolments[0].end is None


def test_the_roster_and_the_counts_refuse_a_naive_instant() -> None:
    with pytest.raises(ValidationError) as info:
        EMPTY.roster(at=T0.naive())
    assert info.value.paths == ("roster.at",)
    with pytest.raises(ValidationError) as info:
        EMPTY.counts(at=T0.naive())
    assert info.value.paths == ("counts.at",)


def test_a_register_and_its_groups_check_their_fields() -> None:
    with pytest.raises(ValidationError) as info:
        CareGroup(code="youth", label=Label("重点青少年", "Youth"), source=SOURCE, department="")
    assert info.value.paths == ("department",)
    with pytest.raises(ValidationError) as info:
        ResidentRegister(name="x", groups=EMPTY.groups, source=SOURCE, enrolments=("R-1",))  # type: ignore[arg-type]
    assert info.value.paths == ("enrolments[0]",)
