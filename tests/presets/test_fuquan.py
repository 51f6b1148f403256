"""福泉 (seed 000): 三组两会 — a villager group adopts its 组规民约 through its own bodies."""

from __future__ import annotations

import pendulum
import pytest

from jiceng import Actor
from jiceng.decisions import (
    Choice,
    Matter,
    Meeting,
    MeetingKind,
    MeetingState,
    Outcome,
    Procedure,
    Proceeding,
    ProceedingState,
    Purpose,
    Roll,
)
from jiceng.decisions.kinds import VILLAGE_RULES
from jiceng.decisions.rolls import Person, Role
from jiceng.exceptions import GuardRejected
from jiceng.plugins import Registry, discover
from jiceng.presets import PRESETS
from jiceng.presets.fuquan import (
    GROUP_RULES,
    REPORTED_HEWAN_HOUSEHOLDS,
    REPORTED_HEWAN_PEOPLE,
    REPORTED_SELF_GOVERNANCE_MEMBERS,
)

TZ = "Asia/Shanghai"
GROUP = "河湾组"
LEADER = Actor.person("hw-01-0", "莫军文")
CLERK = Actor.person("hw-clerk", "记录员")
DAY = pendulum.Date(2018, 6, 10)


def t(day: int, hour: int = 19) -> pendulum.DateTime:
    return pendulum.datetime(2018, 6, day, hour, tz=TZ)


def _household(h: int) -> list[Person]:
    """Households 1-41 have four members, 42-46 three: 179 people in all."""
    size = 4 if h <= 41 else 3
    return [
        Person(
            id=f"hw-{h:02}-{i}",
            born=pendulum.Date(1965 + i * 12, 4, 1),
            household=f"hw-{h:02}",
            represents_household=i == 0,
            group=GROUP,
            roles={Role.PARTY_MEMBER} if i == 0 and h <= 5 else set(),
        )
        for i in range(size)
    ]


PEOPLE = [p for h in range(1, REPORTED_HEWAN_HOUSEHOLDS + 1) for p in _household(h)]
OTHER_GROUP = Person(
    id="sy-01-0",
    born=pendulum.Date(1970, 1, 1),
    household="sy-01",
    represents_household=True,
    group="杨家屯组",
)


def registry() -> Registry:
    found = discover(allow=["fuquan"])
    assert found.loaded == ("fuquan",)
    assert found.failures == ()
    return found.registry


def kind(name: str) -> MeetingKind:
    return registry().find(MeetingKind, name)


def meeting(
    mid: str, kind_name: str, roll: Roll, day: int, attending: list[str] | None = None
) -> Meeting:
    opens = t(day)
    m = Meeting.convene(
        id=mid, title=mid, kind=kind(kind_name), roll=roll, opens=opens, by=LEADER, at=t(day - 1)
    )
    return m.attend(attending or sorted(roll.members), by=CLERK, at=opens)


def voted(m: Meeting, matter: Matter, purpose: Purpose, yes: int, day: int) -> Meeting:
    opens = t(day)
    m = m.open(by=CLERK, at=opens).move(
        "D1", title="河湾组组规民约", matter=matter, purpose=purpose, by=LEADER, at=opens
    )
    for n, member in enumerate(sorted(m.present)):
        m = m.vote(
            "D1", Choice.FOR if n < yes else Choice.AGAINST, by=Actor.person(member), at=opens
        )
    later = opens.add(hours=1)
    return m.close(by=CLERK, at=later).tally("D1", by=CLERK, at=later).conclude(by=CLERK, at=later)


def test_the_preset_loads_through_its_entry_point_and_is_found_by_name() -> None:
    found = registry()
    assert found.names(MeetingKind) == (
        "fuquan_household_heads",
        "fuquan_management_team",
        "fuquan_party_group",
    )
    assert (
        found.find(Procedure, "fuquan.group_self_governance").steps[2].label.zh == "户主代表会决定"
    )


def test_the_preset_registers_with_every_other_preset_without_a_clash() -> None:
    everything = Registry()
    for plugin in PRESETS:
        everything = everything.register(plugin)
    assert everything.owner(Procedure, "fuquan.group_self_governance") == "fuquan"


def test_the_household_heads_meeting_needs_two_thirds_of_the_groups_households() -> None:
    assert len(PEOPLE) == REPORTED_HEWAN_PEOPLE
    heads = Roll.household_representatives([*PEOPLE, OTHER_GROUP], on=DAY, group=GROUP)
    assert len(heads.households) == REPORTED_HEWAN_HOUSEHOLDS  # 杨家屯's head is not on it
    thirty = meeting("HW-HZ-1", "fuquan_household_heads", heads, 10, sorted(heads.members)[:30])
    with pytest.raises(GuardRejected, match=r"户代表 30/46 户，未达法定人数"):
        thirty.open(by=CLERK, at=t(10))
    assert thirty.fail_quorum(by=CLERK, at=t(10)).state is MeetingState.INQUORATE
    more = thirty.attend(sorted(heads.members)[30:31], by=CLERK, at=t(10)).open(by=CLERK, at=t(10))
    assert str(more.quorum) == "到会 31/46 人, 户代表 31/46 户，达到法定人数"


def test_the_household_heads_adopt_the_group_rules_but_not_the_village_rules() -> None:
    heads = Roll.household_representatives(PEOPLE, on=DAY, group=GROUP)
    sitting = meeting("HW-HZ-2", "fuquan_household_heads", heads, 10).open(by=CLERK, at=t(10))
    with pytest.raises(GuardRejected, match="can only be decided by 村民会议"):
        sitting.move("D2", title="村规民约", matter=VILLAGE_RULES, by=LEADER, at=t(10))
    team = Roll.participants(
        [f"hw-{h:02}-0" for h in range(1, REPORTED_SELF_GOVERNANCE_MEMBERS + 1)]
    )
    affairs = meeting("HW-ZW-1", "fuquan_management_team", team, 10).open(by=CLERK, at=t(10))
    with pytest.raises(GuardRejected, match="fuquan_household_heads"):
        affairs.move("D1", title="组规民约", matter=GROUP_RULES, by=LEADER, at=t(10))


def test_a_group_adopts_its_rules_through_the_three_groups_and_two_associations() -> None:
    proceeding = Proceeding.start(
        id="HW-2018-01",
        subject="河湾组组规民约",
        procedure=registry().find(Procedure, "fuquan.group_self_governance"),
        by=LEADER,
        at=t(1),
    )
    party = Roll.party_members(PEOPLE)
    team = Roll.participants(
        [f"hw-{h:02}-0" for h in range(1, REPORTED_SELF_GOVERNANCE_MEMBERS + 1)]
    )
    heads = Roll.household_representatives(PEOPLE, on=DAY, group=GROUP)
    recommend = Purpose.RECOMMEND

    def record(step: str, m: Meeting) -> Proceeding:
        return proceeding.record(Outcome.of_meeting(step, m, "D1"), by=CLERK, at=m.last_changed)

    proceeding = record(
        "propose",
        voted(meeting("P1", "fuquan_party_group", party, 2), GROUP_RULES, recommend, 5, 2),
    )
    # The affairs team turns the first draft down: back to the party group.
    proceeding = record(
        "consult",
        voted(meeting("T1", "fuquan_management_team", team, 3), GROUP_RULES, recommend, 4, 3),
    )
    assert proceeding.step.name == "propose"
    proceeding = record(
        "propose",
        voted(meeting("P2", "fuquan_party_group", party, 5), GROUP_RULES, recommend, 4, 5),
    )
    proceeding = record(
        "consult",
        voted(meeting("T2", "fuquan_management_team", team, 6), GROUP_RULES, recommend, 9, 6),
    )
    # The household heads decide: 40 of the 46 households sign in, 35 vote for.
    decision = voted(
        meeting("HZ1", "fuquan_household_heads", heads, 10, sorted(heads.members)[:40]),
        GROUP_RULES,
        Purpose.DECIDE,
        35,
        10,
    )
    assert decision.result("D1").passed
    proceeding = record("decide", decision)
    # The affairs team puts the rules up; the supervision group finds the fingerprints missing.
    at = t(15)
    proceeding = proceeding.record(Outcome.done("carry_out", note="组规民约上墙"), by=LEADER, at=at)
    proceeding = proceeding.record(
        Outcome.done("supervise", passed=False, note="缺户主签名按手印"), by=CLERK, at=at
    )
    assert proceeding.step.name == "carry_out"
    proceeding = proceeding.record(
        Outcome.done("carry_out", note="46户签名按手印"), by=LEADER, at=t(20)
    )
    proceeding = proceeding.record(
        Outcome.done("supervise", note="监督小组核查"), by=CLERK, at=t(20)
    )
    assert proceeding.state is ProceedingState.COMPLETED
    assert [o.passed for o in proceeding.outcomes] == [
        True,
        False,
        True,
        True,
        True,
        True,
        False,
        True,
        True,
    ]


def test_the_households_turning_the_rules_down_ends_the_procedure() -> None:
    proceeding = Proceeding.start(
        id="HW-2018-02",
        subject="x",
        procedure=registry().find(Procedure, "fuquan.group_self_governance"),
        by=LEADER,
        at=t(1),
    )
    party = Roll.party_members(PEOPLE)
    team = Roll.participants(["hw-01-0", "hw-02-0", "hw-03-0"])
    heads = Roll.household_representatives(PEOPLE, on=DAY, group=GROUP)
    for step, m in (
        (
            "propose",
            voted(
                meeting("P1", "fuquan_party_group", party, 2), GROUP_RULES, Purpose.RECOMMEND, 5, 2
            ),
        ),
        (
            "consult",
            voted(
                meeting("T1", "fuquan_management_team", team, 3),
                GROUP_RULES,
                Purpose.RECOMMEND,
                3,
                3,
            ),
        ),
        (
            "decide",
            voted(
                meeting("HZ1", "fuquan_household_heads", heads, 10),
                GROUP_RULES,
                Purpose.DECIDE,
                23,
                10,
            ),
        ),
    ):
        proceeding = proceeding.record(
            Outcome.of_meeting(step, m, "D1"), by=CLERK, at=m.last_changed
        )
    assert proceeding.state is ProceedingState.STOPPED  # 23 of 46 is not more than half
