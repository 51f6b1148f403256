"""湄潭 (seed 000): 群众会+ — concerns fed back, 四议两公开 for 一事一议, 述职评议."""

from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest

from jiceng import Actor, Rate
from jiceng.decisions import (
    Choice,
    Concern,
    Disclosure,
    DisclosureCategory,
    FundingCapError,
    Meeting,
    MeetingKind,
    Outcome,
    Procedure,
    Proceeding,
    ProceedingState,
    Project,
    ProjectState,
    Purpose,
    Roll,
)
from jiceng.decisions.kinds import (
    BRANCH_COMMITTEE_MEETING,
    PARTY_MEMBERS_MEETING,
    PUBLIC_WELFARE,
    TWO_COMMITTEES_MEETING,
    VILLAGERS_ASSEMBLY,
)
from jiceng.decisions.meetings import Rating, feedback_rate
from jiceng.decisions.rolls import Person, Role
from jiceng.exceptions import GuardRejected
from jiceng.plugins import Registry, discover
from jiceng.presets import PRESETS
from jiceng.presets.meitan import (
    APPRAISAL,
    FEEDBACK_LIMIT,
    FEEDBACK_TARGET,
    FUNDING_CAPS,
    REPORTED_APPRAISERS,
    REPORTED_CONCERNS,
    REPORTED_PROJECT_FUNDS,
    REPORTED_PROJECTS,
)

TZ = "Asia/Shanghai"
COMMITTEE = Actor.department("jh-vc", "金花村村民委员会")
CLERK = Actor.person("jh-clerk", "村文书")
SECRETARY = Actor.person("h00-0", "冯燕青")
CHIEF = Actor.person("h03-0", "村主任")


def t(month: int, day: int, hour: int = 9) -> pendulum.DateTime:
    return pendulum.datetime(2017, month, day, hour, tz=TZ)


def _roles(h: int) -> set[Role]:
    if h < 3:
        return {Role.BRANCH_COMMITTEE, Role.PARTY_MEMBER}
    if h < 5:
        return {Role.VILLAGE_COMMITTEE}
    if h < 10:
        return {Role.PARTY_MEMBER}
    return {Role.REPRESENTATIVE} if h < 15 else set()


PEOPLE = [
    Person(
        id=f"h{h:02}-{i}",
        born=pendulum.Date(1960 + h, 5, 1),
        household=f"h{h:02}",
        represents_household=i == 0,
        roles=_roles(h) if i == 0 else set(),
    )
    for h in range(20)
    for i in range(2)
]


def registry() -> Registry:
    found = discover(allow=["meitan"])
    assert found.loaded == ("meitan",)
    assert found.failures == ()
    return found.registry


def kind(name: str) -> MeetingKind:
    return registry().find(MeetingKind, name)


def sitting(meeting_id: str, kind: MeetingKind, roll: Roll, opens: pendulum.DateTime) -> Meeting:
    notice = opens.subtract(days=10)
    meeting = Meeting.convene(
        id=meeting_id, title=meeting_id, kind=kind, roll=roll, opens=opens, by=COMMITTEE, at=notice
    )
    return meeting.attend(sorted(roll.members), by=CLERK, at=opens).open(by=CLERK, at=opens)


def decided(
    meeting_id: str, kind: MeetingKind, roll: Roll, opens: pendulum.DateTime, purpose: Purpose
) -> Meeting:
    """Every member attends and votes for motion D1 on the 一事一议 road."""
    meeting = sitting(meeting_id, kind, roll, opens).move(
        "D1",
        title="硬化组组通道路（一事一议）",
        matter=PUBLIC_WELFARE,
        purpose=purpose,
        by=SECRETARY,
        at=opens,
    )
    for member in sorted(roll.members):
        meeting = meeting.vote("D1", Choice.FOR, by=Actor.person(member), at=opens)
    later = opens.add(hours=2)
    meeting = meeting.close(by=CLERK, at=later).tally("D1", by=CLERK, at=later)
    return meeting.conclude(by=CLERK, at=later)


# -- loading -------------------------------------------------------------------------------


def test_the_preset_loads_through_its_entry_point_and_is_found_by_name() -> None:
    found = registry()
    assert found.names(MeetingKind) == (
        "meitan_appraisal_council",
        "meitan_concerns_meeting",
        "meitan_mass_meeting",
    )
    procedure = found.find(Procedure, "meitan.four_deliberations_two_disclosures")
    assert [s.label.zh for s in procedure.steps][-2:] == ["决议公开", "实施结果公开"]


def test_the_preset_registers_with_every_other_preset_without_a_clash() -> None:
    everything = Registry()
    for plugin in PRESETS:
        everything = everything.register(plugin)
    assert everything.owner(MeetingKind, "meitan_mass_meeting") == "meitan"


# -- 村民集中诉求会议 -------------------------------------------------------------------------


def test_every_concern_raised_at_a_concerns_meeting_is_handled_and_fed_back() -> None:
    adults = Roll.adults(PEOPLE, on=pendulum.Date(2017, 6, 10))
    opens = t(6, 10, 19)
    meeting = sitting("JH-SQ-1", kind("meitan_concerns_meeting"), adults, opens)
    with pytest.raises(GuardRejected, match="takes no votes"):
        meeting.move("X", title="表决", by=SECRETARY, at=opens)
    raised = [
        ("JH-SQ-1-1", "h11-0", "组道路灯坏了"),
        ("JH-SQ-1-2", "h12-1", "茶园灌溉用水不足"),
        ("JH-SQ-1-3", "h16-0", "低保政策不清楚"),
    ]
    concerns = [
        Concern.raise_at(
            meeting, id=cid, text=text, limit=FEEDBACK_LIMIT, by=Actor.person(who), at=opens
        )
        for cid, who, text in raised
    ]
    assert str(feedback_rate(concerns)) == "0.00% (0/3)"
    town = Actor.department("mj-town", "湄江街道")
    lamp, water, welfare = concerns
    lamp = lamp.assign(COMMITTEE, by=SECRETARY, at=t(6, 11)).feed_back(
        text="已更换路灯", resolved=True, by=COMMITTEE, at=t(6, 20)
    )
    water = water.assign(town, by=SECRETARY, at=t(6, 11))
    assert water.overdue(t(7, 11))  # 30 days after the meeting, still unanswered
    water = water.feed_back(text="镇里协调修建蓄水池", resolved=True, by=town, at=t(7, 20))
    welfare = welfare.feed_back(text="会上当场解释低保政策", resolved=False, by=SECRETARY, at=opens)
    rate = feedback_rate([lamp, water, welfare])
    assert str(rate) == "100.00% (3/3)"
    assert rate.at_least(FEEDBACK_TARGET)
    assert [c.overdue(t(8, 1)) for c in (lamp, water, welfare)] == [False, True, False]
    assert str(FEEDBACK_LIMIT) == (
        "反馈时限 (feedback time limit): 30日 (30 calendar days) — "
        "seed 000: 湄潭县“群众会+”让基层社区治理回归基层; 30 days is a preset default"
    )
    # The county's figures: every one of the 7,000 concerns fed back.
    assert Rate(REPORTED_CONCERNS, REPORTED_CONCERNS).at_least(FEEDBACK_TARGET)


# -- 四议两公开 and 一事一议 ------------------------------------------------------------------


def test_a_one_project_one_deliberation_road_goes_through_four_deliberations_two_disclosures() -> (
    None
):
    with pytest.raises(FundingCapError, match=r"15\.00元"):
        Project.propose(
            id="JH-YS-1",
            title="硬化组组通道路",
            cash_per_person=Decimal("20.00"),
            workdays_per_labourer=5,
            caps=FUNDING_CAPS,
            by=COMMITTEE,
            at=t(3, 1),
        )
    project = Project.propose(
        id="JH-YS-1",
        title="硬化组组通道路",
        cash_per_person=Decimal("15.00"),
        workdays_per_labourer=5,
        caps=FUNDING_CAPS,
        by=COMMITTEE,
        at=t(3, 1),
    )
    proceeding = Proceeding.start(
        id="JH-SY-1",
        subject=project.title,
        procedure=registry().find(Procedure, "meitan.four_deliberations_two_disclosures"),
        by=COMMITTEE,
        at=t(3, 1),
    )

    steps = [
        ("propose", "JH-ZW", BRANCH_COMMITTEE_MEETING, Roll.branch_committee(PEOPLE), t(3, 12)),
        ("consult", "JH-LW", TWO_COMMITTEES_MEETING, Roll.two_committees(PEOPLE), t(3, 15)),
        ("review", "JH-DY", PARTY_MEMBERS_MEETING, Roll.party_members(PEOPLE), t(3, 20)),
    ]
    for step, mid, meeting_kind, roll, opens in steps:
        meeting = decided(mid, meeting_kind, roll, opens, Purpose.RECOMMEND)
        proceeding = proceeding.record(
            Outcome.of_meeting(step, meeting, "D1"), by=CLERK, at=opens.add(hours=3)
        )
    adults = Roll.adults(PEOPLE, on=pendulum.Date(2017, 4, 1))
    assembly = decided("JH-CM", VILLAGERS_ASSEMBLY, adults, t(4, 1, 19), Purpose.DECIDE)
    proceeding = proceeding.record(
        Outcome.of_meeting("resolve", assembly, "D1"), by=CLERK, at=t(4, 2)
    )
    project = project.record_vote(assembly, "D1", by=COMMITTEE, at=t(4, 2))
    assert project.state is ProjectState.APPROVED
    for step, category, posted in (
        ("disclose_decision", DisclosureCategory.DECISION, t(4, 2)),
        ("disclose_result", DisclosureCategory.RESULT, t(9, 1)),
    ):
        notice = Disclosure.post(
            id=f"JH-GK-{step}",
            category=category,
            refers_to="JH-CM",
            subject=project.title,
            content="一事一议财政奖补项目",
            by=COMMITTEE,
            at=posted,
        )
        notice = notice.complete(by=CLERK, at=posted.add(days=6))
        proceeding = proceeding.record(
            Outcome.of_disclosure(step, notice), by=CLERK, at=posted.add(days=6)
        )
    assert proceeding.state is ProceedingState.COMPLETED
    # The county's figures: 296 projects, 7,694.31万元, about 25.99万元 each.
    average = (REPORTED_PROJECT_FUNDS / REPORTED_PROJECTS).quantize(Decimal("0.01"))
    assert average == Decimal("259942.91")


# -- 述职评议 ----------------------------------------------------------------------------------


def test_cadres_report_at_a_mass_meeting_and_two_incompetent_verdicts_end_a_term() -> None:
    roll = Roll.participants([p.id for p in PEOPLE[10:40]])
    opens = t(12, 20, 19)
    meeting = sitting("JH-QZH-12", kind("meitan_mass_meeting"), roll, opens)
    meeting = meeting.report(text="2017年度述职：七彩部落建设", by=SECRETARY, at=opens)
    meeting = meeting.report(text="2017年度述职：村务管理", by=CHIEF, at=opens)
    raters = sorted(roll.members)
    for n, rater in enumerate(raters):
        secretary_rating = Rating.COMPETENT if n < 24 else Rating.BASICALLY_COMPETENT
        chief_rating = Rating.INCOMPETENT if n < 16 else Rating.COMPETENT
        meeting = meeting.appraise(SECRETARY.id, secretary_rating, by=Actor.person(rater), at=opens)
        meeting = meeting.appraise(CHIEF.id, chief_rating, by=Actor.person(rater), at=opens)
    secretary, chief = meeting.appraisals
    assert secretary.verdict is Rating.COMPETENT
    assert chief.verdict is Rating.INCOMPETENT
    assert (chief.incompetent, chief.rated) == (16, 30)  # 16 of 30 is more than half
    # Last year's verdict on the 村主任 was 不称职 too: the term ends (第33条).
    assert APPRAISAL.term_ends([Rating.INCOMPETENT, chief.verdict])
    assert not APPRAISAL.term_ends([Rating.COMPETENT, chief.verdict])


def test_the_appraisal_council_of_32_rates_cadres_and_takes_no_votes() -> None:
    panel = Roll.participants([f"py-{n:02}" for n in range(REPORTED_APPRAISERS)])
    opens = t(12, 28, 14)
    council = sitting("LF-PY-1", kind("meitan_appraisal_council"), panel, opens)
    with pytest.raises(GuardRejected, match="takes no votes"):
        council.move("X", title="表决", by=CLERK, at=opens)
    cadre = Actor.person("lf-sec", "伍荣明")
    council = council.report(text="2017年度述职", by=cadre, at=opens)
    for n, rater in enumerate(sorted(panel.members)):
        rating = Rating.COMPETENT if n < 16 else Rating.BASICALLY_COMPETENT
        council = council.appraise(cadre.id, rating, by=Actor.person(rater), at=opens)
    appraisal = council.appraisal(cadre.id)
    assert appraisal.rated == REPORTED_APPRAISERS
    assert appraisal.verdict is Rating.BASICALLY_COMPETENT  # 16 of 32 is not more than half
