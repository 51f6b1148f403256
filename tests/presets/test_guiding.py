"""贵定 (seed 000): 群众三会 settle a matter; the 红黑榜 posts 示范户 and 后进户."""

from __future__ import annotations

import pendulum
import pytest

from jiceng import Actor
from jiceng.decisions import (
    BallotBox,
    Choice,
    Meeting,
    MeetingKind,
    Outcome,
    Procedure,
    Proceeding,
    ProceedingState,
    Roll,
)
from jiceng.decisions.meetings import vote_of
from jiceng.decisions.rolls import Person, Role
from jiceng.exceptions import GuardRejected, ValidationError
from jiceng.plugins import Registry, discover
from jiceng.points import EntryState, PointsLedger, RuleBook, RuleBookAdoption
from jiceng.presets import PRESETS
from jiceng.presets.guiding import (
    DEFAULT_POINTS,
    RED_BLACK_LIST,
    REFERENDUM_BODY,
    THREE_MASS_MEETINGS,
)

TZ = "Asia/Shanghai"
COMMITTEE = Actor.department("gp-vc", "鼓坪村村民委员会")
CLERK = Actor.person("gp-clerk", "村文书")
SECRETARY = Actor.person("gp-sec", "费锡伦")


def t(month: int, day: int, hour: int = 9) -> pendulum.DateTime:
    return pendulum.datetime(2018, month, day, hour, tz=TZ)


# 20 households of two adults; the first adult of the first five is a representative.
PEOPLE = [
    Person(
        id=f"h{h:02}-{i}",
        born=pendulum.Date(1970 + h, 3, 1),
        household=f"h{h:02}",
        represents_household=i == 0,
        roles={Role.REPRESENTATIVE} if i == 0 and h < 5 else set(),
    )
    for h in range(20)
    for i in range(2)
]


def registry() -> Registry:
    found = discover(allow=["guiding"])
    assert found.loaded == ("guiding",)
    assert found.failures == ()
    return found.registry


def kind(name: str) -> MeetingKind:
    return registry().find(MeetingKind, name)


def concluded_vote(
    meeting_id: str, kind_name: str, roll: Roll, yes: int, *, day: int, present: int | None = None
) -> Meeting:
    """A meeting of `kind_name` on `roll` that votes openly on D1: `yes` for, the rest against."""
    opens = t(4, day, 19)
    meeting = Meeting.convene(
        id=meeting_id,
        title=meeting_id,
        kind=kind(kind_name),
        roll=roll,
        opens=opens,
        by=COMMITTEE,
        at=t(4, day - 1) if day > 1 else opens,
    )
    attending = sorted(roll.members)[: present or len(roll.members)]
    meeting = meeting.attend(attending, by=CLERK, at=opens).open(by=CLERK, at=opens)
    meeting = meeting.move("D1", title="红黑榜评定细则", by=COMMITTEE, at=opens)
    for n, member in enumerate(attending):
        choice = Choice.FOR if n < yes else Choice.AGAINST
        meeting = meeting.vote("D1", choice, by=Actor.person(member), at=opens)
    meeting = meeting.close(by=CLERK, at=opens.add(hours=1))
    return meeting.tally("D1", by=CLERK, at=opens.add(hours=1)).conclude(
        by=CLERK, at=opens.add(hours=1)
    )


def test_the_preset_loads_through_its_entry_point_and_is_found_by_name() -> None:
    found = registry()
    assert found.find(Procedure, "guiding.three_mass_meetings") is THREE_MASS_MEETINGS
    assert found.find(RuleBook, "guiding.red_black_list@1") is RED_BLACK_LIST
    assert found.names(MeetingKind) == (
        "guiding_deliberation",
        "guiding_inquiry",
        "guiding_referendum",
    )
    assert found.owner(RuleBook, "guiding.red_black_list@1") == "guiding"


def test_the_preset_registers_with_every_other_preset_without_a_clash() -> None:
    everything = Registry()
    for plugin in PRESETS:
        everything = everything.register(plugin)
    assert "guiding" in [p.name for p in everything.plugins]
    assert everything.owner(Procedure, "guiding.three_mass_meetings") == "guiding"


def test_the_three_mass_meetings_deliberate_question_and_settle_a_matter() -> None:
    proceeding = Proceeding.start(
        id="GP-2018-03",
        subject="鼓坪村红黑榜评定细则",
        procedure=registry().find(Procedure, "guiding.three_mass_meetings"),
        by=COMMITTEE,
        at=t(4, 1),
    )
    # 议事会: the representatives sign off (代表签发).
    reps = Roll.representatives(PEOPLE)
    council = concluded_vote("GP-YSH-1", "guiding_deliberation", reps, 4, day=2)
    proceeding = proceeding.record(
        Outcome.of_meeting("deliberate", council, "D1"), by=CLERK, at=t(4, 3)
    )
    # 质询会: villagers question the officials (群众开问); no motion can be put to it.
    adults = Roll.adults(PEOPLE, on=pendulum.Date(2018, 4, 5))
    opens = t(4, 5, 19)
    inquiry = Meeting.convene(
        id="GP-ZXH-1",
        title="质询会",
        kind=kind("guiding_inquiry"),
        roll=adults,
        opens=opens,
        by=COMMITTEE,
        at=t(4, 3),
    )
    inquiry = inquiry.attend(sorted(adults.members)[:24], by=CLERK, at=opens).open(
        by=CLERK, at=opens
    )
    with pytest.raises(GuardRejected, match="takes no votes"):
        inquiry.move("X", title="表决", by=COMMITTEE, at=opens)
    inquiry = inquiry.ask(
        "Q1", to=SECRETARY, text="后进户如何评定？", by=Actor.person("h07-0"), at=opens
    )
    inquiry = inquiry.answer("Q1", text="每季度积分90分以下上黑榜", by=SECRETARY, at=opens)
    inquiry = inquiry.rate("Q1", satisfied=True, by=Actor.person("h07-0"), at=opens)
    inquiry = inquiry.close(by=CLERK, at=opens.add(hours=1)).conclude(
        by=CLERK, at=opens.add(hours=1)
    )
    proceeding = proceeding.record(Outcome.of_meeting("inquire", inquiry), by=CLERK, at=t(4, 6))
    # 公投会: villagers settle it (村民拍板) by secret ballot, on the 村民会议's quorum.
    adults = Roll.adults(PEOPLE, on=pendulum.Date(2018, 4, 12))
    opens = t(4, 12, 19)
    vote = Meeting.convene(
        id="GP-GTH-1",
        title="公投会",
        kind=kind("guiding_referendum"),
        roll=adults,
        opens=opens,
        by=COMMITTEE,
        at=t(4, 6),
    )
    vote = vote.attend(sorted(adults.members)[:20], by=CLERK, at=opens)
    with pytest.raises(GuardRejected, match="未达法定人数"):
        vote.open(by=CLERK, at=opens)
    vote = vote.attend(sorted(adults.members)[20:30], by=CLERK, at=opens).open(by=CLERK, at=opens)
    vote = vote.move("D1", title="通过红黑榜评定细则", secret=True, by=COMMITTEE, at=opens)
    for member in sorted(vote.present):
        vote = vote.vote("D1", by=Actor.person(member), at=opens)
    vote = vote.close(by=CLERK, at=opens.add(hours=1))
    vote = vote.tally("D1", box=BallotBox(yes=26, no=3, abstain=1), by=CLERK, at=opens.add(hours=1))
    vote = vote.conclude(by=CLERK, at=opens.add(hours=1))
    proceeding = proceeding.record(
        Outcome.of_meeting("referendum", vote, "D1"), by=CLERK, at=t(4, 13)
    )
    assert proceeding.state is ProceedingState.COMPLETED
    assert [o.kind for o in proceeding.outcomes] == [
        "guiding_deliberation",
        "guiding_inquiry",
        "guiding_referendum",
    ]


def test_the_deliberation_council_sits_on_the_representatives_alone() -> None:
    with pytest.raises(ValidationError, match="meets on a roll of 村民代表"):
        Meeting.convene(
            id="GP-YSH-2",
            title="议事会",
            kind=kind("guiding_deliberation"),
            roll=Roll.adults(PEOPLE, on=pendulum.Date(2018, 4, 2)),
            opens=t(4, 2, 19),
            by=COMMITTEE,
            at=t(4, 1),
        )


def test_a_proposal_the_representatives_do_not_sign_off_ends_the_procedure() -> None:
    proceeding = Proceeding.start(
        id="GP-2018-04", subject="x", procedure=THREE_MASS_MEETINGS, by=COMMITTEE, at=t(4, 1)
    )
    council = concluded_vote(
        "GP-YSH-3", "guiding_deliberation", Roll.representatives(PEOPLE), 2, day=2
    )
    proceeding = proceeding.record(
        Outcome.of_meeting("deliberate", council, "D1"), by=CLERK, at=t(4, 3)
    )
    assert proceeding.state is ProceedingState.STOPPED


def test_the_red_list_posts_model_households_and_the_black_list_lagging_ones() -> None:
    # The rule book comes into force once the 公投会 has settled it.
    adoption = RuleBookAdoption.open(id="GP-HHB", scheme="鼓坪村红黑榜", by=SECRETARY, at=t(3, 20))
    adoption = adoption.collect_idea(
        "整治滥办酒席纳入红黑榜", by=Actor.person("h03-0"), at=t(3, 22)
    )
    adoption = adoption.draft(
        registry().find(RuleBook, "guiding.red_black_list@1"), by=SECRETARY, at=t(4, 1)
    )
    # 公投会: 30 of the 40 adults attend (more than half: 第22条), 26 for, 4 against.
    referendum = concluded_vote(
        "GP-GTH-1",
        "guiding_referendum",
        Roll.adults(PEOPLE, on=pendulum.Date(2018, 4, 12)),
        26,
        day=12,
        present=30,
    )
    vote = vote_of(referendum, "D1", body=REFERENDUM_BODY)
    assert (vote.members, vote.present, vote.yes, vote.no) == (40, 30, 26, 4)
    adoption = adoption.adopt(
        vote=vote,
        in_force_from=pendulum.Date(2018, 7, 1),
        by=SECRETARY,
        at=t(4, 12, 21),
    )
    ledger = PointsLedger.open(id="GP", name="鼓坪村红黑榜台账", by=SECRETARY, at=t(7, 2))
    ledger = ledger.put_in_force(adoption, by=SECRETARY, at=t(7, 2))
    ledger = ledger.grant_base(
        {"h01": 2, "h02": 2, "h03": 2, "h04": 2},
        on=pendulum.Date(2018, 7, 2),
        by=CLERK,
        at=t(7, 2),
    )
    scores = [
        ("E1", "h01", "GD-01", ()),  # 主动放弃办酒 (+10)
        ("E2", "h01", "GD-03", ()),  # 外出务工 (+10)
        ("E3", "h02", "GD-02", ()),  # 环境卫生整洁 (+5)
        ("E4", "h03", "GD-11", ("photo-0502",)),  # 滥办酒席 (-20)
        ("E5", "h04", "GD-13", ()),  # 乱倒垃圾 (-5)
        ("E6", "h04", "GD-13", ()),  # again (-5)
    ]
    for entry, household, item, evidence in scores:
        ledger = ledger.record(
            entry_id=entry,
            account=household,
            item=item,
            evidence=evidence,
            on=pendulum.Date(2018, 8, 2),
            by=CLERK,
            at=t(8, 3),
        )
    with pytest.raises(ValidationError, match="evidence"):
        ledger.record(
            entry_id="E7",
            account="h02",
            item="GD-12",
            on=pendulum.Date(2018, 8, 2),
            by=CLERK,
            at=t(8, 3),
        )
    pending = ledger.entry_ids(EntryState.RECORDED)
    ledger = ledger.approve(pending, by=SECRETARY, at=t(8, 4)).post(
        pending, by=SECRETARY, at=t(8, 4)
    )
    ledger = ledger.finalise(pending, by=CLERK, at=t(8, 10))
    quarter = ledger.period(pendulum.Date(2018, 7, 1))
    assert str(quarter) == "2018-Q3"
    ledger = ledger.close_cycle(quarter, by=SECRETARY, at=t(10, 8))
    assert ledger.cycle_points(quarter) == {"h01": 120, "h02": 105, "h03": 80, "h04": 90}
    board = ledger.rankings(quarter)
    assert board.red_list == ("h01",)  # 示范户: 110 or more
    assert board.black_list == ("h03", "h04")  # 后进户: 90 or less, worst first


def test_every_item_names_its_source_and_uses_the_default_points() -> None:
    assert {i.code: i.points for i in RED_BLACK_LIST.items} == dict(DEFAULT_POINTS)
    assert all(i.source is not None and "贵定县" in i.source.citation for i in RED_BLACK_LIST.items)


def test_the_red_black_list_figures_lie_within_the_rule_book_ranges() -> None:
    assert all(-1_000 <= p <= 1_000 and p != 0 for p in DEFAULT_POINTS.values())
    assert RED_BLACK_LIST.base is not None
    assert 1 <= RED_BLACK_LIST.base.points <= 10_000
    assert RED_BLACK_LIST.black_list_at_most is not None
    assert RED_BLACK_LIST.red_list_at_least is not None
    assert -1_000_000 <= RED_BLACK_LIST.black_list_at_most < RED_BLACK_LIST.red_list_at_least
    assert RED_BLACK_LIST.red_list_at_least <= 1_000_000
