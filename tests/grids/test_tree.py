from __future__ import annotations

import json
from collections.abc import Callable

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import Actor, Label, Source, replay
from jiceng.exceptions import (
    ChronologyError,
    GuardRejected,
    InvalidTransition,
    NotFoundError,
    ValidationError,
)
from jiceng.grids import (
    GRID,
    MAX_HOUSEHOLDS,
    Assignment,
    CodeError,
    Duty,
    Grid,
    GridState,
    GridTree,
    Level,
    StaffRole,
)
from jiceng.grids.codes import BEIJING_DB11, CJT_349_2010, CodeScheme, CodeSegment
from jiceng.serde import from_dict, to_dict
from jiceng.testing import actors, instants, random_walk

T0 = pendulum.datetime(2026, 1, 5, 9, tz="Asia/Shanghai")
OFFICE = Actor.department("jd-01", "街道办事处")
ZHANG = Actor.person("p-zhang", "张三")
LI = Actor.person("p-li", "李四")
WANG = Actor.person("p-wang", "王五")


def small_tree() -> GridTree:
    """朝阳区 → 某街道 → two communities → grids."""
    tree = GridTree(scheme=BEIJING_DB11)
    for code, name, parent in [
        ("110105", "朝阳区", None),
        ("110105001", "某街道", "110105"),
        ("110105001001", "一社区", "110105001"),
        ("110105001002", "二社区", "110105001"),
        ("110105001001001", "一网格", "110105001001"),
        ("110105001001002", "二网格", "110105001001"),
        ("110105001002001", "三网格", "110105001002"),
    ]:
        tree = tree.add(code=code, name=name, parent=parent, by=OFFICE, at=T0, households=10)
    return tree


SHANGMEI = CodeScheme(
    name="shangmei",
    label=Label("上梅街道网格编码", "Shangmei grid code"),
    segments=(
        CodeSegment(name="county", width=6, level=Level.DISTRICT, label=Label("县", "County")),
        CodeSegment(name="street", width=3, level=Level.STREET, label=Label("街道", "Street")),
        CodeSegment(
            name="large", width=3, level=Level.COMMUNITY, label=Label("大网格", "Large grid")
        ),
        CodeSegment(name="middle", width=3, level=Level.GRID, label=Label("中网格", "Middle grid")),
        CodeSegment(
            name="building", width=3, level=Level.MICRO_GRID, label=Label("楼栋", "Building")
        ),
    ),
    source=Source("娄底 上梅街道 (seed 004), example"),
)


def test_shangmei_has_26_large_169_middle_and_1399_building_grids() -> None:
    tree = GridTree(scheme=SHANGMEI).add(
        code="431322001", name="上梅街道", parent=None, by=OFFICE, at=T0
    )
    middles: list[str] = []
    for i in range(26):
        large = f"431322001{i + 1:03d}"
        tree = tree.add(code=large, name=f"大网格{i + 1}", parent="431322001", by=OFFICE, at=T0)
        for j in range(7 if i < 13 else 6):
            middles.append(f"{large}{j + 1:03d}")
            tree = tree.add(code=middles[-1], name=f"中网格{j + 1}", parent=large, by=OFFICE, at=T0)
    for k, middle in enumerate(middles):
        for b in range(9 if k < 47 else 8):
            tree = tree.add(
                code=f"{middle}{b + 1:03d}", name="楼栋", parent=middle, by=OFFICE, at=T0
            )
    assert tree.level_counts() == {
        Level.STREET: 1,
        Level.COMMUNITY: 26,
        Level.GRID: 169,
        Level.MICRO_GRID: 1399,
    }
    assert len(tree.descendants("431322001")) == 26 + 169 + 1399


def test_look_up_by_code_ancestors_and_descendants() -> None:
    tree = small_tree()
    grid = tree.get("110105001001002")
    assert (grid.name, grid.level, grid.parent, grid.households) == (
        "二网格",
        Level.GRID,
        "110105001001",
        10,
    )
    assert [g.code for g in tree.ancestors(grid.code)] == ["110105001001", "110105001", "110105"]
    assert [g.code for g in tree.descendants("110105001")] == [
        "110105001001",
        "110105001001001",
        "110105001001002",
        "110105001002",
        "110105001002001",
    ]
    assert [g.code for g in tree.children(None)] == ["110105"]
    assert "110105001" in tree
    assert "110105009" not in tree
    assert len(tree) == 7
    assert [g.code for g in tree][:2] == ["110105", "110105001"]


def test_an_unknown_code_is_not_found() -> None:
    with pytest.raises(NotFoundError, match="no grid with code '110105009'"):
        small_tree().get("110105009")
    with pytest.raises(NotFoundError):
        small_tree().children("110105009")


def test_a_child_code_must_extend_its_parent_code() -> None:
    tree = small_tree()
    with pytest.raises(
        CodeError, match=r"does not extend its parent's code 110105001001 \(一社区\)"
    ) as info:
        tree.add(code="110105001002002", name="x", parent="110105001001", by=OFFICE, at=T0)
    assert info.value.segment == "community"  # 002 where the parent has 001


def test_a_child_must_be_exactly_one_level_below_its_parent() -> None:
    with pytest.raises(CodeError, match="does not extend") as info:
        small_tree().add(code="110105001001003", name="x", parent="110105001", by=OFFICE, at=T0)
    assert info.value.segment == "community"  # the segment that should follow the street


def test_a_code_outside_the_scheme_is_refused_and_nothing_changes() -> None:
    tree = small_tree()
    with pytest.raises(CodeError) as info:
        tree.add(code="11010500100100A", name="x", parent="110105001001", by=OFFICE, at=T0)
    assert info.value.segment == "grid"
    assert tree == small_tree()


def test_a_code_is_used_once_even_after_retirement() -> None:
    tree = small_tree().retire("110105001002001", by=OFFICE, at=T0.add(days=1), reason="合并")
    with pytest.raises(CodeError, match=r"already used by 110105001002001 \(三网格\)"):
        tree.add(
            code="110105001002001", name="x", parent="110105001002", by=OFFICE, at=T0.add(days=2)
        )


def test_a_top_grid_under_an_existing_grid_must_name_its_parent() -> None:
    with pytest.raises(CodeError, match="lies under 110105001002"):
        small_tree().add(code="110105001002005", name="x", parent=None, by=OFFICE, at=T0)


def test_a_grid_cannot_be_drawn_under_a_retired_or_unknown_parent() -> None:
    tree = small_tree().retire("110105001002001", by=OFFICE, at=T0.add(days=1), reason="撤并")
    tree = tree.retire("110105001002", by=OFFICE, at=T0.add(days=1), reason="撤并")
    with pytest.raises(ValidationError, match="is retired"):
        tree.add(
            code="110105001002009", name="x", parent="110105001002", by=OFFICE, at=T0.add(days=2)
        )
    with pytest.raises(NotFoundError):
        tree.add(code="110105001009001", name="x", parent="110105001009", by=OFFICE, at=T0)


def test_a_grid_cannot_be_drawn_before_its_parent() -> None:
    with pytest.raises(ValidationError, match="was only drawn at"):
        small_tree().add(
            code="110105001001009",
            name="x",
            parent="110105001001",
            by=OFFICE,
            at=T0.subtract(seconds=1),
        )


def test_a_grid_needs_a_name_and_a_whole_household_count() -> None:
    with pytest.raises(ValidationError, match=r"draw\.name: must not be empty"):
        small_tree().add(code="110105002", name=" ", parent="110105", by=OFFICE, at=T0)
    with pytest.raises(ValidationError, match=r"draw\.households: must be at least 0"):
        small_tree().add(
            code="110105002", name="x", parent="110105", by=OFFICE, at=T0, households=-1
        )
    with pytest.raises(ValidationError, match="households"):
        small_tree().recount("110105", True, by=OFFICE, at=T0)


def cjt_community() -> GridTree:
    tree = GridTree(scheme=CJT_349_2010).add(
        code="431300", name="娄底市", parent=None, by=OFFICE, at=T0
    )
    for code, parent in [
        ("431300431322", "431300"),
        ("431300431322001", "431300431322"),
        ("431300431322001002", "431300431322001"),
    ]:
        tree = tree.add(code=code, name=code, parent=parent, by=OFFICE, at=T0)
    return tree


def test_a_cjt_349_code_with_another_prefix_names_the_segment_it_leaves() -> None:
    with pytest.raises(CodeError) as info:  # street 002 under a community of street 001
        cjt_community().add(
            code="43130043132200200201",
            name="x",
            parent="431300431322001002",
            by=OFFICE,
            at=T0,
        )
    assert info.value.segment == "street"
    with pytest.raises(CodeError) as info:  # another managed object altogether
        cjt_community().add(
            code="43140043132200100201",
            name="x",
            parent="431300431322001002",
            by=OFFICE,
            at=T0,
        )
    assert info.value.segment == "object"


def test_grid_00_is_the_only_grid_of_a_community_not_subdivided() -> None:
    whole = cjt_community().add(
        code="43130043132200100200",
        name="整社区网格",
        parent="431300431322001002",
        by=OFFICE,
        at=T0,
    )
    with pytest.raises(CodeError, match="marked as not subdivided") as info:
        whole.add(
            code="43130043132200100201", name="x", parent="431300431322001002", by=OFFICE, at=T0
        )
    assert info.value.segment == "grid"
    split = cjt_community().add(
        code="43130043132200100201", name="一网格", parent="431300431322001002", by=OFFICE, at=T0
    )
    with pytest.raises(CodeError, match="already has sub-grids"):
        split.add(
            code="43130043132200100200", name="x", parent="431300431322001002", by=OFFICE, at=T0
        )


def test_a_community_is_subdivided_again_once_its_00_grid_is_retired() -> None:
    whole = cjt_community().add(
        code="43130043132200100200",
        name="整社区网格",
        parent="431300431322001002",
        by=OFFICE,
        at=T0,
    )
    later = T0.add(days=30)
    tree = whole.retire("43130043132200100200", by=OFFICE, at=later, reason="细分").add(
        code="43130043132200100201", name="一网格", parent="431300431322001002", by=OFFICE, at=later
    )
    assert [g.code for g in tree.children("431300431322001002")] == ["43130043132200100201"]
    assert [g.code for g in tree.children("431300431322001002", retired=True)] == [
        "43130043132200100200",
        "43130043132200100201",
    ]


def test_retiring_a_grid_with_sub_grids_in_use_is_refused() -> None:
    with pytest.raises(ValidationError, match="retire the 2 sub-grids of 110105001001"):
        small_tree().retire("110105001001", by=OFFICE, at=T0, reason="撤并")


def test_a_retired_grid_keeps_its_history_and_leaves_the_counts() -> None:
    later = T0.add(days=10)
    tree = small_tree().retire("110105001002001", by=OFFICE, at=later, reason="撤并")
    grid = tree.get("110105001002001")
    assert grid.state is GridState.RETIRED
    assert grid.retired_at == later
    assert [type(e).__name__ for e in grid.history] == ["GridDrawn", "GridRetired"]
    assert tree.level_counts()[Level.GRID] == 2
    assert tree.level_counts(at=later.subtract(seconds=1))[Level.GRID] == 3
    assert tree.level_counts(at=T0.subtract(seconds=1)) == {}
    assert [g.code for g in tree.descendants("110105001002")] == []
    assert len(tree.descendants("110105001002", retired=True)) == 1


def test_retiring_needs_a_reason() -> None:
    with pytest.raises(ValidationError, match=r"retire\.reason: must not be empty"):
        small_tree().retire("110105001002001", by=OFFICE, at=T0, reason=" ")


def test_recount_households() -> None:
    tree = small_tree().recount("110105001001001", 240, by=OFFICE, at=T0.add(days=1))
    assert tree.get("110105001001001").households == 240


# -- staff ---------------------------------------------------------------------------


def test_who_covered_a_grid_at_a_time_follows_assignments_and_reassignments() -> None:
    code = "110105001001001"
    march, june = T0.add(months=2), T0.add(months=5)
    tree = (
        small_tree()
        .assign(code, person=ZHANG, role=StaffRole.GRID_MEMBER, by=OFFICE, at=T0)
        .assign(code, person=WANG, role=StaffRole.GRID_LEADER, by=OFFICE, at=T0)
        .relieve(
            code, person=ZHANG, role=StaffRole.GRID_MEMBER, by=OFFICE, at=march, reason="调往二网格"
        )
        .assign("110105001001002", person=ZHANG, role=StaffRole.GRID_MEMBER, by=OFFICE, at=march)
        .assign(code, person=LI, role=StaffRole.GRID_MEMBER, by=OFFICE, at=march)
    )
    before = tree.staff_at(code, march.subtract(seconds=1), StaffRole.GRID_MEMBER)
    assert [a.person.name for a in before] == ["张三"]
    assert [a.person.name for a in tree.staff_at(code, march, StaffRole.GRID_MEMBER)] == ["李四"]
    assert [a.person.name for a in tree.staff_at(code, june)] == ["王五", "李四"]
    assert tree.staff_at(code, T0.subtract(seconds=1)) == ()
    assert [g.code for g in tree.grids_of("p-zhang", T0)] == [code]
    assert [g.code for g in tree.grids_of("p-zhang", june)] == ["110105001001002"]


def test_a_grid_has_one_leader_at_a_time() -> None:
    code = "110105001001001"
    tree = small_tree().assign(code, person=WANG, role=StaffRole.GRID_LEADER, by=OFFICE, at=T0)
    with pytest.raises(GuardRejected, match="already has a grid leader") as info:
        tree.assign(code, person=LI, role=StaffRole.GRID_LEADER, by=OFFICE, at=T0)
    assert info.value.guard == "role_is_free"
    handed_over = tree.relieve(
        code, person=WANG, role=StaffRole.GRID_LEADER, by=OFFICE, at=T0.add(days=1)
    ).assign(code, person=LI, role=StaffRole.GRID_LEADER, by=OFFICE, at=T0.add(days=1))
    assert [a.person.id for a in handed_over.staff_at(code, T0.add(days=1))] == ["p-li"]


def test_several_members_and_volunteers_but_each_person_once_per_role() -> None:
    code = "110105001001001"
    tree = (
        small_tree()
        .assign(code, person=ZHANG, role=StaffRole.VOLUNTEER, by=OFFICE, at=T0)
        .assign(code, person=LI, role=StaffRole.VOLUNTEER, by=OFFICE, at=T0)
        .assign(code, person=ZHANG, role=StaffRole.BUILDING_HEAD, by=OFFICE, at=T0)
    )
    assert len(tree.staff_at(code, T0)) == 3
    with pytest.raises(GuardRejected, match="is already 志愿者"):
        tree.assign(code, person=ZHANG, role=StaffRole.VOLUNTEER, by=OFFICE, at=T0)


def test_only_a_holder_can_be_relieved() -> None:
    with pytest.raises(GuardRejected, match="is not 网格员"):
        small_tree().relieve(
            "110105001001001", person=ZHANG, role=StaffRole.GRID_MEMBER, by=OFFICE, at=T0
        )


def test_retiring_a_grid_relieves_its_staff() -> None:
    code = "110105001002001"
    later = T0.add(days=3)
    tree = small_tree().assign(code, person=ZHANG, role=StaffRole.GRID_MEMBER, by=OFFICE, at=T0)
    tree = tree.retire(code, by=OFFICE, at=later, reason="撤并")
    assert tree.get(code).staff[0].end == later
    assert tree.staff_at(code, later) == ()
    with pytest.raises(InvalidTransition):
        tree.assign(code, person=LI, role=StaffRole.GRID_MEMBER, by=OFFICE, at=later)


def test_staff_changes_cannot_be_dated_before_the_last_change() -> None:
    tree = small_tree().recount("110105001001001", 5, by=OFFICE, at=T0.add(days=2))
    with pytest.raises(ChronologyError):
        tree.assign("110105001001001", person=ZHANG, role=StaffRole.GRID_MEMBER, by=OFFICE, at=T0)


def test_staff_roles_have_labels() -> None:
    assert [r.zh for r in StaffRole] == ["网格员", "网格长", "楼栋长", "志愿者"]
    assert StaffRole.GRID_LEADER.single
    assert not StaffRole.GRID_MEMBER.single


# -- duties (多网合一) -------------------------------------------------------------------


def test_departments_attach_duties_to_the_one_tree() -> None:
    police = Duty(department="d-police", name="治安巡防", grid="110105001")
    civil = Duty(department="d-civil", name="低保走访", grid="110105001001001")
    tree = small_tree().attach(police).attach(civil)
    assert tree.duties_of("110105001001001") == (police, civil)
    assert tree.duties_of("110105001002001") == (police,)
    assert tree.duties_of("110105") == ()


def test_a_duty_attaches_once_to_a_grid_in_use() -> None:
    duty = Duty(department="d-police", name="治安巡防", grid="110105001002001")
    tree = small_tree().attach(duty)
    with pytest.raises(ValidationError, match="attached already"):
        tree.attach(duty)
    retired = small_tree().retire("110105001002001", by=OFFICE, at=T0, reason="撤并")
    with pytest.raises(ValidationError, match="is retired"):
        retired.attach(duty)
    with pytest.raises(NotFoundError):
        tree.attach(attrs.evolve(duty, grid="110105009"))


# -- the machine, replay and serde ----------------------------------------------------


def test_the_grid_machine() -> None:
    assert GRID.commands == ("draw", "count_households", "assign", "relieve", "retire")
    assert GRID.transition("assign").guard_name == "role_is_free"


def later(data: st.DataObject, grid: Grid) -> pendulum.DateTime:
    minutes = data.draw(st.one_of(st.integers(0, 60 * 24 * 90), st.integers(-120, -1)))
    return grid.last_changed.add(minutes=minutes)


PEOPLE = st.sampled_from([ZHANG, LI, WANG])
ROLES = st.sampled_from(list(StaffRole))


@given(st.data(), instants())
def test_random_walks_over_the_grid_machine(data: st.DataObject, start: pendulum.DateTime) -> None:
    grid = Grid.draw(
        code="110105001001001",
        name="一网格",
        level=Level.GRID,
        parent="110105001001",
        by=OFFICE,
        at=start,
    )
    random_walk(
        data,
        grid,
        {
            "count_households": lambda g, d: g.count_households(
                d.draw(st.integers(-1, 500)), by=OFFICE, at=later(d, g)
            ),
            "assign": lambda g, d: g.assign(
                person=d.draw(PEOPLE), role=d.draw(ROLES), by=d.draw(actors()), at=later(d, g)
            ),
            "relieve": lambda g, d: g.relieve(
                person=d.draw(PEOPLE), role=d.draw(ROLES), by=OFFICE, at=later(d, g)
            ),
            "retire": lambda g, d: g.retire(
                by=OFFICE, at=later(d, g), reason=d.draw(st.sampled_from(["", "撤并"]))
            ),
        },
    )


def test_a_grid_replays_and_round_trips_through_json() -> None:
    tree = (
        small_tree()
        .assign("110105001001001", person=ZHANG, role=StaffRole.GRID_MEMBER, by=OFFICE, at=T0)
        .attach(Duty(department="d-police", name="治安巡防", grid="110105001", source=Source("x")))
        .retire("110105001002001", by=OFFICE, at=T0.add(days=1), reason="撤并")
    )
    for grid in tree:
        assert replay(grid.history) == grid
        assert from_dict(json.loads(json.dumps(to_dict(grid))), Grid) == grid
    back = from_dict(json.loads(json.dumps(to_dict(tree))), GridTree)
    assert back == tree
    assert back.get("110105001001001").staff == tree.get("110105001001001").staff


# -- the boundary --------------------------------------------------------------------------


def drawn(households: int = 0) -> Grid:
    return Grid.draw(
        code="110105001001001", name="一网格", level=Level.GRID, parent="110105001001",
        by=OFFICE, at=T0, households=households,
    )  # fmt: skip


def test_a_grid_covers_from_0_to_20_million_households() -> None:
    assert MAX_HOUSEHOLDS == 20_000_000
    assert drawn(0).households == 0
    assert drawn(MAX_HOUSEHOLDS).households == MAX_HOUSEHOLDS
    with pytest.raises(ValidationError, match="must be at most 20000000") as info:
        drawn(MAX_HOUSEHOLDS + 1)
    assert info.value.paths == ("draw.households",)
    with pytest.raises(ValidationError, match="must be at least 0") as info:
        drawn(-1)
    assert info.value.paths == ("draw.households",)


def test_a_household_count_is_a_whole_number_not_a_bool_or_a_float() -> None:
    grid = drawn(10)
    for bad in (True, 10.0, "10", None):
        with pytest.raises(ValidationError, match="expected a whole number") as info:
            grid.count_households(bad, by=OFFICE, at=T0)  # type: ignore[arg-type]
        assert info.value.paths == ("count_households.households",)
    assert grid == drawn(10)


def test_a_recount_is_refused_one_past_the_bound_and_the_grid_is_unchanged() -> None:
    grid = drawn(10)
    assert grid.count_households(MAX_HOUSEHOLDS, by=OFFICE, at=T0).households == MAX_HOUSEHOLDS
    assert grid.count_households(0, by=OFFICE, at=T0).households == 0
    with pytest.raises(ValidationError) as info:
        grid.count_households(MAX_HOUSEHOLDS + 1, by=OFFICE, at=T0)
    assert info.value.paths == ("count_households.households",)
    assert info.value.subject == "Grid command"
    assert grid == drawn(10)
    assert replay(grid.history) == grid


def test_a_tree_checks_the_grid_arguments_before_its_own_rules() -> None:
    tree = small_tree()
    with pytest.raises(ValidationError) as info:  # the code is used, but the name is empty
        tree.add(code="110105001001001", name="", parent="110105001001", by=OFFICE, at=T0)
    assert not isinstance(info.value, CodeError)
    assert info.value.paths == ("draw.name",)
    with pytest.raises(ValidationError) as info:
        tree.recount("110105001001001", -1, by=OFFICE, at=T0)
    assert info.value.paths == ("count_households.households",)
    assert tree == small_tree()


def test_a_grid_refuses_a_role_given_as_its_string() -> None:
    grid = drawn()
    with pytest.raises(ValidationError, match=r"pass StaffRole\('volunteer'\)") as info:
        grid.assign(person=ZHANG, role="volunteer", by=OFFICE, at=T0)  # type: ignore[arg-type]
    assert info.value.paths == ("assign.role",)
    assert grid == drawn()


def test_a_grid_may_leave_its_area_empty() -> None:
    empty = "".join([])
    grid = Grid.draw(
        code="110105", name="朝阳区", level=Level.DISTRICT, parent=None, by=OFFICE, at=T0,
        area=empty,
    )  # fmt: skip
    assert grid.area == ""


def test_the_queries_of_a_grid_and_a_tree_refuse_a_naive_instant() -> None:
    tree, naive = small_tree(), T0.naive()
    grid = tree.get("110105001001001")
    calls: list[tuple[Callable[[], object], str]] = [
        (lambda: grid.active_at(naive), "active_at.at"),
        (lambda: grid.staff_at(naive), "staff_at.at"),
        (lambda: tree.staff_at("110105001001001", naive), "staff_at.at"),
        (lambda: tree.grids_of("p-zhang", naive), "grids_of.at"),
        (lambda: tree.level_counts(at=naive), "level_counts.at"),
    ]
    for call, path in calls:
        with pytest.raises(ValidationError, match="timezone-aware") as info:
            call()
        assert info.value.paths == (path,)


def test_an_assignment_and_a_duty_check_their_fields() -> None:
    with pytest.raises(ValidationError) as info:
        Assignment(person=ZHANG, role=StaffRole.VOLUNTEER, start=T0.naive())
    assert info.value.paths == ("start",)
    with pytest.raises(ValidationError) as info:
        Duty(department="d-police", name=" ", grid="110105")
    assert info.value.paths == ("name",)
    with pytest.raises(ValidationError) as info:
        GridTree(scheme=BEIJING_DB11, grids=[])  # type: ignore[arg-type]
    assert info.value.paths == ("grids",)
