"""The edges of three statutory meeting kinds, driven through meetings and requests.

Each rule is tried at its exact bound and one below: "以上" includes the bound itself
(exactly two thirds, exactly one fifth suffice), "过半数" does not (exactly half fails).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jiceng.decisions import (
    Choice,
    Meeting,
    MeetingKind,
    MeetingState,
    QuorumCount,
    Requisition,
    RequisitionError,
    Roll,
    RollKind,
    Tally,
)
from jiceng.decisions.kinds import (
    RESIDENTS_ASSEMBLY,
    VILLAGER_GROUP_MEETING,
    VILLAGER_REPRESENTATIVES,
)
from jiceng.decisions.rolls import Person, Role
from jiceng.decisions.thresholds import (
    AT_LEAST_ONE_FIFTH,
    AT_LEAST_ONE_THIRD,
    MORE_THAN_HALF,
    Base,
    QuorumTest,
)
from jiceng.exceptions import GuardRejected
from tests.decisions.village import (
    CLERK,
    COMMITTEE,
    MEETING_DAY,
    OPENS,
    actor,
    convened,
    ids,
    person,
    village,
)

LATER = OPENS.add(hours=2)


def attended(kind: MeetingKind, roll: Roll, present: list[str]) -> Meeting:
    return convened(kind=kind, roll=roll, title=kind.label.zh).attend(present, by=CLERK, at=OPENS)


def tallied(meeting: Meeting, yes: int, no: int) -> Tally:
    """Put one motion to an open meeting: the first `yes` present for, the next `no` against."""
    meeting = meeting.move("M1", title="议案", by=COMMITTEE, at=OPENS)
    voters = sorted(meeting.present)
    choices = [Choice.FOR] * yes + [Choice.AGAINST] * no
    for voter, choice in zip(voters, choices, strict=False):
        meeting = meeting.vote("M1", choice, by=actor(voter), at=OPENS.add(minutes=30))
    return meeting.close(by=CLERK, at=LATER).tally("M1", by=CLERK, at=LATER).result("M1")


# -- 村民代表会议 (村民委员会组织法 第26条) ------------------------------------------------------


def representative_body(representatives: int, committee: int) -> list[Person]:
    """`representatives` 村民代表 and `committee` members of the villagers' committee."""
    reps = [person(f"r{i:02d}", roles={Role.REPRESENTATIVE}) for i in range(representatives)]
    members = [person(f"c{i:02d}", roles={Role.VILLAGE_COMMITTEE}) for i in range(committee)]
    return reps + members


# (representatives, committee members): assemblies of 15, 18 and 30 members.
BODIES = [(10, 5), (15, 3), (25, 5)]


@pytest.mark.parametrize(("representatives", "committee"), BODIES)
def test_a_representative_assembly_with_exactly_two_thirds_of_its_members_is_quorate(
    representatives: int, committee: int
) -> None:
    """第26条: 村民代表会议有三分之二以上的组成人员参加方可召开."""
    roll = Roll.representative_assembly(representative_body(representatives, committee))
    total = representatives + committee
    two_thirds = total * 2 // 3
    assert 3 * two_thirds == 2 * total
    kind = VILLAGER_REPRESENTATIVES

    opened = attended(kind, roll, ids(roll, two_thirds)).open(by=CLERK, at=OPENS)
    assert opened.state is MeetingState.OPEN
    assert opened.quorum == QuorumCount(
        members=total, present=two_thirds, households=0, households_present=0, met=True
    )

    short = attended(kind, roll, ids(roll, two_thirds - 1))
    with pytest.raises(
        GuardRejected,
        match=rf"到会 {two_thirds - 1}/{total} 人，未达法定人数: .*第26条.*"
        rf"三分之二以上 \({two_thirds}\)",
    ):
        short.open(by=CLERK, at=OPENS)
    assert short.fail_quorum(by=CLERK, at=OPENS).state is MeetingState.INQUORATE


def test_committee_members_count_towards_the_representative_assemblys_quorum() -> None:
    """第26条 counts 组成人员, who include the committee's members (第25条)."""
    roll = Roll.representative_assembly(representative_body(10, 5))
    present = [f"c{i:02d}" for i in range(5)] + [f"r{i:02d}" for i in range(5)]  # 10 of 15
    assert attended(VILLAGER_REPRESENTATIVES, roll, present).open(by=CLERK, at=OPENS).quorum


@pytest.mark.parametrize(("representatives", "committee"), BODIES)
def test_a_representative_assembly_decides_by_more_than_half_of_those_present(
    representatives: int, committee: int
) -> None:
    """第26条: 所作决定应当经到会人员的过半数同意 — exactly half of those present fails."""
    roll = Roll.representative_assembly(representative_body(representatives, committee))
    present = (representatives + committee) * 2 // 3  # an even number for each body
    assert present % 2 == 0
    meeting = attended(VILLAGER_REPRESENTATIVES, roll, ids(roll, present)).open(by=CLERK, at=OPENS)

    half = tallied(meeting, yes=present // 2, no=present // 2)
    assert (half.base, half.needed, half.passed) == (present, present // 2 + 1, False)
    more = tallied(meeting, yes=present // 2 + 1, no=present // 2 - 1)
    assert more.passed


@pytest.mark.parametrize("representatives", [10, 15, 25])
def test_one_fifth_of_the_representatives_may_require_a_representative_assembly(
    representatives: int,
) -> None:
    """第26条: 有五分之一以上的村民代表提议，应当召集村民代表会议."""
    people = representative_body(representatives, 5)
    reps = Roll.representatives(people)
    assembly = Roll.representative_assembly(people)
    fifth = representatives // 5
    assert 5 * fifth == representatives
    kind = VILLAGER_REPRESENTATIVES

    request = Requisition(roll=reps, signatories=ids(reps, fifth))
    assert convened(kind=kind, roll=assembly, requisition=request).requisition == request
    with pytest.raises(
        RequisitionError,
        match=rf"{fifth - 1} of {representatives} signed; .*第26条.* "
        rf"needs 五分之一以上 \({fifth} of {representatives}\)",
    ):
        convened(
            kind=kind,
            roll=assembly,
            requisition=Requisition(roll=reps, signatories=ids(reps, fifth - 1)),
        )


def test_the_committee_cannot_make_up_the_representatives_fifth() -> None:
    """第26条 gives the request to 村民代表, not to the assembly's other members."""
    people = representative_body(10, 5)
    assembly = Roll.representative_assembly(people)
    request = Requisition(roll=assembly, signatories={"c00", "c01", "c02"})  # 3 of 15
    with pytest.raises(
        RequisitionError, match="村民代表会议组成人员 cannot require a 村民代表会议"
    ):
        convened(kind=VILLAGER_REPRESENTATIVES, roll=assembly, requisition=request)


# -- 村民小组会议 (村民委员会组织法 第28条) --------------------------------------------------------


def group_roll(households: int) -> Roll:
    """Group g1 of a village of `2 * households` households, two adults each: the first
    `households` households (v00..) form g1, the rest g2, who stay off the roll."""
    roll = Roll.adults(village(households=2 * households), on=MEETING_DAY, group="g1")
    assert len(roll.members) == 2 * households
    assert len(roll.households) == households
    return roll


def representatives_of(roll: Roll, n: int) -> list[str]:
    return sorted(h.representative for h in roll.households)[:n]


def others_of(roll: Roll) -> list[str]:
    """The adults of `roll` who represent no household."""
    return sorted(roll.members - {h.representative for h in roll.households})


@pytest.mark.parametrize("households", [3, 6, 9])
def test_a_group_meeting_with_exactly_two_thirds_of_its_adults_is_quorate(
    households: int,
) -> None:
    """第28条: 应当有本村民小组十八周岁以上的村民三分之二以上 ... 参加.

    The adults present represent only a third of the households, so the adults alone
    decide the quorum.
    """
    roll = group_roll(households)
    adults = 2 * households
    two_thirds = adults * 2 // 3
    third_of_households = households // 3
    present = others_of(roll) + representatives_of(roll, third_of_households)
    assert len(present) == two_thirds
    kind = VILLAGER_GROUP_MEETING

    opened = attended(kind, roll, present).open(by=CLERK, at=OPENS)
    assert opened.quorum == QuorumCount(
        members=adults,
        present=two_thirds,
        households=households,
        households_present=third_of_households,
        met=True,
    )

    short = attended(kind, roll, present[:-1])  # drop one household's representative
    with pytest.raises(
        GuardRejected,
        match=rf"到会 {two_thirds - 1}/{adults} 人, "
        rf"户代表 {third_of_households - 1}/{households} 户，未达法定人数: .*第28条",
    ):
        short.open(by=CLERK, at=OPENS)
    assert short.fail_quorum(by=CLERK, at=OPENS).state is MeetingState.INQUORATE


@pytest.mark.parametrize("households", [3, 6, 9])
def test_a_group_meeting_with_exactly_two_thirds_of_its_households_is_quorate(
    households: int,
) -> None:
    """第28条: ... 或者本村民小组三分之二以上的户的代表参加.

    Only households' representatives attend, a third of the adults, so the households
    alone decide the quorum.
    """
    roll = group_roll(households)
    adults = 2 * households
    two_thirds = households * 2 // 3
    kind = VILLAGER_GROUP_MEETING

    opened = attended(kind, roll, representatives_of(roll, two_thirds)).open(by=CLERK, at=OPENS)
    assert opened.quorum == QuorumCount(
        members=adults,
        present=two_thirds,
        households=households,
        households_present=two_thirds,
        met=True,
    )

    short = attended(kind, roll, representatives_of(roll, two_thirds - 1))
    with pytest.raises(
        GuardRejected,
        match=rf"户代表 {two_thirds - 1}/{households} 户，未达法定人数: .*第28条.*"
        rf"应到会人员的三分之二以上 \({adults * 2 // 3}\) or 户的三分之二以上 \({two_thirds}\)",
    ):
        short.open(by=CLERK, at=OPENS)


def test_a_group_meeting_decides_by_more_than_half_of_those_present() -> None:
    """第28条: 所作决定应当经到会人员的过半数同意."""
    roll = group_roll(6)
    meeting = attended(VILLAGER_GROUP_MEETING, roll, ids(roll, 8)).open(by=CLERK, at=OPENS)
    assert not tallied(meeting, yes=4, no=4).passed
    assert tallied(meeting, yes=5, no=3).passed


# -- 居民会议 (城市居民委员会组织法 第9条、第10条) ----------------------------------------------


def test_the_residents_assembly_encodes_articles_9_and_10() -> None:
    """城市居民委员会组织法 第9条: 居民会议可以由全体十八周岁以上的居民或者每户派代表参加，
    也可以由每个居民小组选举代表二至三人参加。居民会议必须有全体十八周岁以上的居民、户的代表
    或者居民小组选举的代表的过半数出席，才能举行。会议的决定，由出席人的过半数通过。

    第10条: 有五分之一以上的十八周岁以上的居民、五分之一以上的户或者三分之一以上的居民小组
    提议，应当召集居民会议。

    The three forms of the meeting are three kinds of roll; the quorum is more than half
    of whichever roll it meets on, and a decision more than half of those present.
    """
    kind = RESIDENTS_ASSEMBLY
    assert kind.rolls == {
        RollKind.ADULTS,
        RollKind.HOUSEHOLD_REPRESENTATIVES,
        RollKind.PARTICIPANTS,
    }
    assert kind.quorum is not None
    assert kind.quorum.tests == (QuorumTest(of=Base.MEMBERS, threshold=MORE_THAN_HALF),)
    assert kind.majority is not None
    assert (kind.majority.threshold, kind.majority.of) == (MORE_THAN_HALF, Base.PRESENT)
    assert [(r.roll, r.threshold) for r in kind.requisitions] == [
        (RollKind.ADULTS, AT_LEAST_ONE_FIFTH),
        (RollKind.HOUSEHOLD_REPRESENTATIVES, AT_LEAST_ONE_FIFTH),
        (RollKind.GROUPS, AT_LEAST_ONE_THIRD),
    ]
    assert all("第9条" in s.citation for s in (kind.quorum.source, kind.majority.source))
    assert all("第10条" in r.source.citation for r in kind.requisitions)


def delegates(groups: int, per_group: int = 2) -> Roll:
    """The delegates each residents' group elects (每个居民小组选举代表二至三人)."""
    return Roll.participants(f"d{g}{i}" for g in range(groups) for i in range(per_group))


ROLLS: dict[str, Callable[[], Roll]] = {
    "all adults": lambda: Roll.adults(village(households=5), on=MEETING_DAY),  # 10
    "one per household": lambda: Roll.household_representatives(
        village(households=6), on=MEETING_DAY
    ),  # 6
    "group delegates": lambda: delegates(4),  # 8
}


@pytest.mark.parametrize("form", list(ROLLS))
def test_a_residents_assembly_needs_more_than_half_of_its_members(form: str) -> None:
    """第9条: 必须有全体十八周岁以上的居民、户的代表或者居民小组选举的代表的过半数出席，才能举行.

    Exactly half is no quorum; one more is.
    """
    roll = ROLLS[form]()
    assert roll.kind in RESIDENTS_ASSEMBLY.rolls
    total = len(roll.members)
    half = total // 2
    assert 2 * half == total

    short = attended(RESIDENTS_ASSEMBLY, roll, ids(roll, half))
    with pytest.raises(
        GuardRejected,
        match=rf"到会 {half}/{total} 人.*未达法定人数: .*第9条.*过半数 \({half + 1}\)",
    ):
        short.open(by=CLERK, at=OPENS)
    assert short.fail_quorum(by=CLERK, at=OPENS).state is MeetingState.INQUORATE
    opened = attended(RESIDENTS_ASSEMBLY, roll, ids(roll, half + 1)).open(by=CLERK, at=OPENS)
    assert opened.state is MeetingState.OPEN


def test_an_assembly_of_all_adult_residents_is_not_saved_by_its_households() -> None:
    """第9条 sets one quorum per form: held with all adults, it needs more than half of
    the adults. Unlike the 村民会议 (村民委员会组织法 第22条), two thirds of the households'
    representatives do not make up for it."""
    roll = Roll.adults(village(households=6), on=MEETING_DAY)  # 12 adults, 6 households
    every_household = representatives_of(roll, 6)
    meeting = attended(RESIDENTS_ASSEMBLY, roll, every_household)
    with pytest.raises(GuardRejected, match=r"到会 6/12 人, 户代表 6/6 户，未达法定人数"):
        meeting.open(by=CLERK, at=OPENS)


@pytest.mark.parametrize("form", list(ROLLS))
def test_a_residents_assembly_decides_by_more_than_half_of_those_present(form: str) -> None:
    """第9条: 会议的决定，由出席人的过半数通过 — exactly half of those present fails."""
    roll = ROLLS[form]()
    everyone = len(roll.members)
    meeting = attended(RESIDENTS_ASSEMBLY, roll, ids(roll, everyone)).open(by=CLERK, at=OPENS)
    half = tallied(meeting, yes=everyone // 2, no=everyone // 2)
    assert (half.base, half.needed, half.passed) == (everyone, everyone // 2 + 1, False)
    assert tallied(meeting, yes=everyone // 2 + 1, no=0).passed


def groups(n: int) -> Roll:
    return Roll.groups(person(f"p{g}", group=f"g{g}") for g in range(n))


# (signing roll, its size, the fewest signatures 第10条 asks of it)
REQUESTS: list[tuple[str, Callable[[], Roll], int, int]] = [
    ("adults 1/5", lambda: Roll.adults(village(households=5), on=MEETING_DAY), 10, 2),
    ("adults 1/5", lambda: Roll.adults(village(households=10), on=MEETING_DAY), 20, 4),
    (
        "households 1/5",
        lambda: Roll.household_representatives(village(households=10), on=MEETING_DAY),
        10,
        2,
    ),
    (
        "households 1/5",
        lambda: Roll.household_representatives(village(households=15), on=MEETING_DAY),
        15,
        3,
    ),
    ("groups 1/3", lambda: groups(6), 6, 2),
    ("groups 1/3", lambda: groups(9), 9, 3),
]


@pytest.mark.parametrize(("rule", "signing", "total", "needed"), REQUESTS)
def test_a_residents_assembly_is_required_by_its_share_of_signatures_exactly(
    rule: str, signing: Callable[[], Roll], total: int, needed: int
) -> None:
    """第10条: 有五分之一以上的十八周岁以上的居民、五分之一以上的户或者三分之一以上的居民小组
    提议，应当召集居民会议 — the exact share suffices, one signature fewer does not."""
    roll = signing()
    assert len(roll.members) == total
    assembly = Roll.adults(village(), on=MEETING_DAY)

    request = Requisition(roll=roll, signatories=ids(roll, needed))
    meeting = convened(kind=RESIDENTS_ASSEMBLY, roll=assembly, requisition=request)
    assert meeting.requisition == request
    with pytest.raises(
        RequisitionError,
        match=rf"{needed - 1} of {total} signed; .*第10条.* needs .*以上 \({needed} of {total}\)",
    ):
        convened(
            kind=RESIDENTS_ASSEMBLY,
            roll=assembly,
            requisition=Requisition(roll=roll, signatories=ids(roll, needed - 1)),
        )


def test_villagers_representatives_cannot_require_a_residents_assembly() -> None:
    """第10条 names residents, households and residents' groups; no 村民代表."""
    reps = Roll.representatives(village())
    request = Requisition(roll=reps, signatories=ids(reps, 3))
    with pytest.raises(RequisitionError, match="村民代表 cannot require a 居民会议; who can: "):
        convened(kind=RESIDENTS_ASSEMBLY, requisition=request)
