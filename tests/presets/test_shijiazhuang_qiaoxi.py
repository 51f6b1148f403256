"""石家庄桥西 (seed 003): 805 grids, the four-level grid, service forces in every grid, 15,498
party members placed by need, the 红色联盟 and its joint meeting."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from pathlib import Path

import attrs
import pendulum
import pytest

from jiceng import Actor
from jiceng.decisions import Choice, Meeting, MeetingKind
from jiceng.exceptions import InvalidTransition, ValidationError
from jiceng.grids import CodeError, GridTree, Level, StaffRole
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


# -- 在职党员 placed by need, the 红色联盟 and its joint meeting (seed 003) -------------------

SEED = Path("/work/shared/seeds/003_57febce23d54ac55.txt")
MEMBERS = [f"dy-{n:05d}" for n in range(qiaoxi.PARTY_MEMBERS)]
SECRETARY = Actor.person("qx-sj", "街道党工委书记")


def counted(tree: GridTree) -> GridTree:
    """`tree` with households counted: 200 + 50 × (n mod 7) in the nth grid."""
    grids = [g for g in tree if g.level is Level.GRID]
    for n, grid in enumerate(grids):
        tree = tree.recount(grid.code, 200 + 50 * (n % 7), by=OFFICE, at=T0)
    return tree


def test_all_15498_working_party_members_are_placed_by_households(tree: GridTree) -> None:
    households = counted(tree)
    needs = qiaoxi.needs_of(households)
    placed = qiaoxi.assign(MEMBERS, needs)
    assert len(placed) == qiaoxi.PARTY_MEMBERS == 15_498
    assert sorted(a.member for a in placed) == MEMBERS  # each once
    per_grid = Counter(a.grid for a in placed)
    assert len(per_grid) == qiaoxi.GRIDS
    # a grid of 500 households gets more than twice the members of one of 200
    weights = {n.grid: n.weight for n in needs}
    small = {per_grid[g] for g, w in weights.items() if w == 200}
    large = {per_grid[g] for g, w in weights.items() if w == 500}
    assert max(small) * 2 < min(large)
    # every share is within one member of its exact quota
    total = sum(weights.values())
    for grid, count in per_grid.items():
        assert abs(count - Fraction(15_498 * weights[grid], total)) < 1
    assert {a.tasks for a in placed} == {frozenset(qiaoxi.Task)}
    assert qiaoxi.assign(MEMBERS, needs) == placed  # deterministic
    assert placed[0].source.text in SEED.read_text()


def test_placed_members_serve_in_their_grids_as_volunteers(tree: GridTree) -> None:
    placed = qiaoxi.assign(MEMBERS, qiaoxi.needs_of(tree))
    served = qiaoxi.place(tree, placed, by=OFFICE, at=T0.add(days=1))
    volunteers = [
        a for g in served if g.level is Level.GRID for a in g.staff if a.role is StaffRole.VOLUNTEER
    ]
    assert len(volunteers) == 15_498
    # no households counted: every grid alike, 19 or 20 members (15,498 / 805 = 19.25)
    assert {len(g.staff) for g in served if g.level is Level.GRID} == {19, 20}


def test_the_largest_remainders_take_the_members_left_over() -> None:
    needs = [qiaoxi.GridNeed(grid=g, weight=1) for g in ("A", "B", "C")]
    placed = qiaoxi.assign(["m1", "m2", "m3", "m4"], needs)
    assert Counter(a.grid for a in placed) == {"A": 2, "B": 1, "C": 1}  # the earlier on a tie
    weighted = [qiaoxi.GridNeed(grid="A", weight=1), qiaoxi.GridNeed(grid="B", weight=2)]
    assert Counter(a.grid for a in qiaoxi.assign(["m1", "m2"], weighted)) == {"A": 1, "B": 1}


def test_a_grid_that_needs_nobody_gets_nobody_and_a_grid_only_one_task() -> None:
    needs = [
        qiaoxi.GridNeed(grid="A", weight=0),
        qiaoxi.GridNeed(grid="B", weight=3, tasks={qiaoxi.Task.CIVILITY}),
    ]
    placed = qiaoxi.assign(["m1", "m2"], needs)
    assert [(a.grid, a.tasks) for a in placed] == [("B", frozenset({qiaoxi.Task.CIVILITY}))] * 2


@pytest.mark.parametrize(
    ("members", "needs", "path"),
    [
        (["m1"], [qiaoxi.GridNeed(grid="A", weight=0)], "needs"),
        (["m1"], [], "needs"),
        (["m1"], [qiaoxi.GridNeed(grid="A", weight=1)] * 2, "needs[1].grid"),
        (["m1", "m1"], [qiaoxi.GridNeed(grid="A", weight=1)], "assign.members"),
        ([], [qiaoxi.GridNeed(grid="A", weight=1)], "assign.members"),
    ],
)
def test_an_assignment_without_a_need_or_with_a_member_twice_is_refused(
    members: list[str], needs: list[qiaoxi.GridNeed], path: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        qiaoxi.assign(members, needs)
    assert caught.value.errors[0].path == path


def test_a_grid_need_is_the_households_of_a_grid_at_most_20_million() -> None:
    assert qiaoxi.GridNeed(grid="A", weight=20_000_000).weight == 20_000_000
    with pytest.raises(ValidationError):
        qiaoxi.GridNeed(grid="A", weight=20_000_001)
    with pytest.raises(ValidationError):
        qiaoxi.GridNeed(grid="A", weight=1, tasks=())


def organisations(tree: GridTree) -> list[str]:
    return [g.code for g in tree if g.level in {Level.STREET, Level.COMMUNITY}]


def alliance(tree: GridTree, agreements: int = 975) -> qiaoxi.RedAlliance:
    """975 agreements (970余份) and 984 part-time members over the 55 organisations."""
    orgs = organisations(tree)
    signed = pendulum.date(2021, 6, 1)
    return qiaoxi.RedAlliance.of(
        tree,
        agreements=[
            qiaoxi.CoBuildingAgreement(
                id=f"GJ-{n:04d}", organisation=orgs[n % len(orgs)], unit=f"单位{n}", signed=signed
            )
            for n in range(agreements)
        ],
        members=[
            qiaoxi.PartTimeMember(
                id=f"jz-{n:03d}",
                name=f"兼职委员{n}",
                unit=f"单位{n}",
                organisation=orgs[n % len(orgs)],
            )
            for n in range(qiaoxi.PART_TIME_MEMBERS)
        ],
    )


def test_the_alliance_holds_970_odd_agreements_and_984_part_time_members(tree: GridTree) -> None:
    red = alliance(tree)
    assert len(red.agreements) >= qiaoxi.AGREEMENTS == 970
    assert len(red.members) == qiaoxi.PART_TIME_MEMBERS == 984
    assert len(red.roll()) == 984
    assert len(red.units) == 984  # 单位0..单位983 sit; 单位0..单位974 signed
    text = SEED.read_text()
    assert red.agreements[0].source.text in text
    assert red.members[0].source.text in text


def test_an_agreement_or_a_seat_twice_or_outside_the_streets_is_refused(tree: GridTree) -> None:
    red = alliance(tree, agreements=2)
    first = red.agreements[0]
    with pytest.raises(ValidationError) as caught:
        qiaoxi.RedAlliance(agreements=[first, attrs.evolve(first, id="GJ-X")], members=red.members)
    assert caught.value.errors[0].path == "agreements[1]"
    with pytest.raises(ValidationError) as caught:
        qiaoxi.RedAlliance(agreements=(), members=[red.members[0], red.members[0]])
    assert caught.value.errors[0].path == "members[1]"
    grid = next(g.code for g in tree if g.level is Level.GRID)
    with pytest.raises(ValidationError) as caught:
        qiaoxi.RedAlliance.of(
            tree, agreements=[attrs.evolve(first, organisation=grid)], members=red.members[:1]
        )
    assert caught.value.errors[0].path == "agreements[0].organisation"


def joint_meeting(red: qiaoxi.RedAlliance, present: int, yes: int) -> Meeting:
    """A sitting of the 联席会议 with the first `present` members, `yes` of them for."""
    kind = discover(allow=["shijiazhuang_qiaoxi"]).registry.find(
        MeetingKind, "shijiazhuang_qiaoxi_red_alliance"
    )
    opens = T0.add(days=7)
    meeting = Meeting.convene(
        id="QX-LXH-2021-4",
        title="“红色联盟”党建联席会议",
        kind=kind,
        roll=red.roll(),
        opens=opens,
        by=SECRETARY,
        at=T0,
    )
    ids = [m.id for m in red.members[:present]]
    meeting = meeting.attend(ids, by=SECRETARY, at=opens)
    if not meeting.quorum_count().met:
        return meeting
    meeting = meeting.open(by=SECRETARY, at=opens)
    meeting = meeting.move("M1", title="驻区单位认领社区微心愿100项", by=SECRETARY, at=opens)
    for n, person in enumerate(ids):
        choice = Choice.FOR if n < yes else Choice.AGAINST
        meeting = meeting.vote("M1", choice, by=Actor.person(person), at=opens)
    later = opens.add(hours=2)
    return meeting.close(by=SECRETARY, at=later).tally("M1", by=SECRETARY, at=later)


@pytest.fixture(scope="module")
def red(tree: GridTree) -> qiaoxi.RedAlliance:
    return alliance(tree)


def test_the_joint_meeting_of_984_decides_with_more_than_half_of_all_members(
    red: qiaoxi.RedAlliance,
) -> None:
    passed = joint_meeting(red, present=984, yes=493).result("M1")
    assert (passed.members, passed.needed, passed.passed) == (984, 493, True)
    assert not joint_meeting(red, present=984, yes=492).result("M1").passed  # exactly half


def test_a_majority_of_those_present_is_not_enough(red: qiaoxi.RedAlliance) -> None:
    tally = joint_meeting(red, present=600, yes=492).result("M1")
    assert (tally.present, tally.yes, tally.passed) == (600, 492, False)


def test_the_joint_meeting_sits_with_half_of_its_members_present(red: qiaoxi.RedAlliance) -> None:
    assert joint_meeting(red, present=492, yes=0).quorum_count().met  # exactly half
    short = joint_meeting(red, present=491, yes=0)
    assert not short.quorum_count().met
    with pytest.raises(InvalidTransition):
        short.open(by=SECRETARY, at=T0.add(days=7))
