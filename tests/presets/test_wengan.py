"""The 瓮安 preset: a villager group's 议事会 → 公投会 → 执行会, and 七老联调 (seed 000)."""

from __future__ import annotations

import pendulum
import pytest

from jiceng import Actor, use_hooks
from jiceng.decisions import (
    BallotBox,
    Choice,
    Meeting,
    MeetingKind,
    MeetingState,
    Outcome,
    Procedure,
    Proceeding,
    ProceedingState,
    Roll,
)
from jiceng.decisions.kinds import DELIBERATION, EXECUTION, REFERENDUM
from jiceng.decisions.procedures import WENGAN_THREE_MEETINGS
from jiceng.decisions.rolls import Person
from jiceng.exceptions import GuardRejected
from jiceng.mediation import (
    DEFAULT_POLICY,
    Dispute,
    DisputeKind,
    MediationCase,
    MediationPolicy,
    MediationState,
    Mediator,
    MediatorKind,
    Origin,
    OriginKind,
    Party,
)
from jiceng.mediation.metrics import counts_by_kind
from jiceng.plugins import Registry, discover
from jiceng.presets import wengan as preset
from jiceng.presets.wengan import ELDER_MEDIATION, GROUP_REFERENDUM, PLUGIN, THREE_MEETINGS

NAME = "wengan"
GROUP = "清池村地王组"
BOARD = Actor.department("dw-zzxz", "地王组自治小组")
CLERK = Actor.person("dw-bai", "柏照贵")
HOOKS = Registry().register(PLUGIN).hooks


def t(month: int, day: int, hour: int = 19) -> pendulum.DateTime:
    return pendulum.datetime(2018, month, day, hour, tz="Asia/Shanghai")


def the_group() -> list[Person]:
    """地王组: 35 households, 125 people; two adults in each household, the rest children."""
    sizes = [4] * 20 + [3] * 15
    assert (len(sizes), sum(sizes)) == (35, 125)
    return [
        Person(
            id=f"dw{h:02}-{i}",
            born=pendulum.Date(1970 if i < 2 else 2008, 5, 1),
            household=f"dw{h:02}",
            represents_household=i == 0,
            group=GROUP,
        )
        for h, size in enumerate(sizes)
        for i in range(size)
    ]


def representatives(people: list[Person], n: int) -> list[str]:
    return [p.id for p in people if p.represents_household][:n]


def test_a_group_matter_goes_through_the_three_meetings() -> None:
    people = the_group()
    proceeding = Proceeding.start(
        id="DW-2018-04",
        subject="组组通道路硬化",
        procedure=THREE_MEETINGS,
        by=BOARD,
        at=t(5, 1, 9),
    )
    # 议事会: the four members of the self-governance group
    board = Roll.participants(["dw00-0", "dw01-0", "dw02-0", "dw03-0"])
    council = Meeting.convene(
        id="DW-YSH-6",
        title="议事会：组组通",
        kind=DELIBERATION,
        roll=board,
        opens=t(5, 2),
        by=BOARD,
        at=t(5, 1, 9),
    )
    council = council.attend(sorted(board.members), by=CLERK, at=t(5, 2)).open(by=CLERK, at=t(5, 2))
    council = council.move("P1", title="硬化组内道路1.2公里，每户投工5天", by=CLERK, at=t(5, 2))
    for member in sorted(board.members):
        council = council.vote("P1", Choice.FOR, by=Actor.person(member), at=t(5, 2, 20))
    council = council.close(by=CLERK, at=t(5, 2, 21)).tally("P1", by=CLERK, at=t(5, 2, 21))
    council = council.conclude(by=CLERK, at=t(5, 2, 21))
    proceeding = proceeding.record(
        Outcome.of_meeting("deliberate", council, "P1"), by=CLERK, at=t(5, 2, 21)
    )
    # 公投会: the group decides, with two thirds of its 35 households
    adults = Roll.adults(people, on=pendulum.Date(2018, 5, 9), group=GROUP)
    assert (len(adults), len(adults.households)) == (70, 35)
    vote = Meeting.convene(
        id="DW-GTH-1",
        title="公投会：组组通",
        kind=GROUP_REFERENDUM,
        roll=adults,
        opens=t(5, 9),
        by=BOARD,
        at=t(5, 3, 9),
    )
    vote = vote.attend(representatives(people, 24), by=CLERK, at=t(5, 9))
    vote = vote.open(by=CLERK, at=t(5, 9))
    vote = vote.move("D1", title="实施组组通道路硬化", secret=True, by=BOARD, at=t(5, 9))
    for voter in representatives(people, 24):
        vote = vote.vote("D1", by=Actor.person(voter), at=t(5, 9, 20))
    vote = vote.close(by=CLERK, at=t(5, 9, 21))
    vote = vote.tally("D1", box=BallotBox(yes=21, no=2, abstain=1), by=CLERK, at=t(5, 9, 21))
    vote = vote.conclude(by=CLERK, at=t(5, 9, 21))
    assert vote.result("D1").passed
    proceeding = proceeding.record(
        Outcome.of_meeting("referendum", vote, "D1"), by=CLERK, at=t(5, 9, 21)
    )
    # 执行会: organise the work
    crew = Meeting.convene(
        id="DW-ZXH-1",
        title="执行会：组组通施工安排",
        kind=EXECUTION,
        roll=board,
        opens=t(5, 12),
        by=BOARD,
        at=t(5, 10, 9),
    )
    crew = crew.attend(sorted(board.members), by=CLERK, at=t(5, 12)).open(by=CLERK, at=t(5, 12))
    crew = crew.close(by=CLERK, at=t(5, 12, 21)).conclude(by=CLERK, at=t(5, 12, 21))
    proceeding = proceeding.record(Outcome.of_meeting("execute", crew), by=CLERK, at=t(5, 12, 21))
    assert proceeding.state is ProceedingState.COMPLETED
    assert [o.kind for o in proceeding.outcomes] == [
        "deliberation",
        GROUP_REFERENDUM.name,
        "execution",
    ]


def test_the_groups_referendum_needs_two_thirds_where_a_village_needs_half() -> None:
    people = the_group()
    adults = Roll.adults(people, on=pendulum.Date(2018, 5, 9), group=GROUP)
    # both adults of 18 households: 36 of 70 adults is more than half, but not two thirds,
    # and 18 of 35 households are not two thirds either
    present = [p.id for p in people if p.born.year == 1970 and (p.household or "") < "dw18"]
    assert len(present) == 36

    def opened(kind: MeetingKind) -> Meeting:
        meeting = Meeting.convene(
            id=f"DW-{kind.name}",
            title="公投会",
            kind=kind,
            roll=adults,
            opens=t(5, 9),
            by=BOARD,
            at=t(5, 3, 9),
        )
        return meeting.attend(present, by=CLERK, at=t(5, 9)).open(by=CLERK, at=t(5, 9))

    assert opened(REFERENDUM).state is MeetingState.OPEN
    with pytest.raises(GuardRejected, match="第28条"):
        opened(GROUP_REFERENDUM)


def test_the_procedure_is_the_built_in_one_held_by_the_group() -> None:
    assert [s.label.zh for s in THREE_MEETINGS.steps] == ["议事会", "公投会", "执行会"]
    assert THREE_MEETINGS.steps[1].kinds == {"wengan_group_referendum", "villager_group"}
    assert THREE_MEETINGS.steps[0] == WENGAN_THREE_MEETINGS.steps[0]
    assert "民事民议" in THREE_MEETINGS.source.text


def elder_case(n: int = 1) -> MediationCase:
    return MediationCase.open(
        id=f"WA-QL-2018-{n:03}",
        parties=[Party(id="p-a", name="邻居甲"), Party(id="p-b", name="邻居乙")],
        dispute=Dispute(kind=DisputeKind.NEIGHBOUR, facts="排水沟堵塞"),
        origin=Origin(kind=OriginKind.APPLICATION, ref="p-a"),
        committee=Actor.department("wa-zxsq-ql", "中心社区七老联调会"),
        by=CLERK,
        at=t(3, 5, 9),
        policy=ELDER_MEDIATION,
    )


ELDER = Mediator(id="m-liang", name="梁正明", kind=MediatorKind.ELDER_PANEL)
MEMBER = Mediator(id="m-wu", name="吴委员")


def test_a_qilao_case_is_mediated_by_elders() -> None:
    with use_hooks(HOOKS):
        with pytest.raises(GuardRejected, match="七老联调") as refused:
            elder_case().assign_mediator(MEMBER, by=CLERK, at=t(3, 5, 10))
        assert refused.value.plugin == NAME
        with pytest.raises(GuardRejected, match="not an elder mediator"):
            elder_case().propose_mediator(MEMBER, party="p-a", by=CLERK, at=t(3, 5, 10))
        case = elder_case().propose_mediator(ELDER, party="p-a", by=CLERK, at=t(3, 5, 10))
        case = case.accept_proposal(party="p-b", by=CLERK, at=t(3, 5, 11))
    assert case.state is MediationState.MEDIATING
    assert [m.name for m in case.mediators] == ["梁正明"]


def test_other_committees_keep_their_mediators() -> None:
    case = MediationCase.open(
        id="WA-TJ-1",
        parties=[Party(id="p-a", name="甲"), Party(id="p-b", name="乙")],
        dispute=Dispute(kind=DisputeKind.FAMILY, facts="赡养"),
        origin=Origin(kind=OriginKind.OWN_INITIATIVE),
        committee=Actor.department("wa-tj", "村人民调解委员会"),
        by=CLERK,
        at=t(3, 5, 9),
        policy=DEFAULT_POLICY,
    )
    with use_hooks(HOOKS):
        assert case.assign_mediator(MEMBER, by=CLERK, at=t(3, 5, 10)).mediators == (MEMBER,)


def test_the_first_half_of_2018_counts_105_disputes() -> None:
    with use_hooks(HOOKS):
        cases = [
            elder_case(n).assign_mediator(ELDER, by=CLERK, at=t(3, 6, 9))
            for n in range(1, preset.H1_2018_DISPUTES + 1)
        ]
    assert sum(counts_by_kind(cases).values()) == 105
    assert ELDER_MEDIATION.time_limit == DEFAULT_POLICY.time_limit


def test_it_loads_through_its_entry_point() -> None:
    found = discover(allow=[NAME])
    assert (found.loaded, found.failures) == ((NAME,), ())
    registry = found.registry
    assert registry.find(Procedure, "wengan.three_meetings") == THREE_MEETINGS
    assert registry.find(MeetingKind, "wengan_group_referendum") == GROUP_REFERENDUM
    assert registry.find(MediationPolicy, "wengan.qilao") == ELDER_MEDIATION
    assert len(registry.hooks.guards) == 2


def test_it_registers_with_every_other_preset_without_a_name_clash() -> None:
    found = discover()
    clashes = [f for f in found.failures if "already" in f.error or "twice" in f.error]
    assert clashes == []
    assert NAME in found.loaded
