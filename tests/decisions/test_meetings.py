from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import Actor, Rate, replay
from jiceng.decisions import (
    BallotBox,
    Choice,
    Meeting,
    MeetingState,
    NoticeError,
    Purpose,
    QuorumCount,
    Requisition,
    RequisitionError,
    Roll,
)
from jiceng.decisions.kinds import (
    INQUIRY,
    MASS_MEETING,
    PARTY_MEMBERS_MEETING,
    PUBLIC_WELFARE,
    SELF_GOVERNANCE_CHARTER,
    TWO_COMMITTEES_MEETING,
    VILLAGE_RULES,
    VILLAGER_REPRESENTATIVES,
    Delegation,
)
from jiceng.decisions.meetings import MAX_BALLOTS, MEETING, Rating
from jiceng.decisions.rolls import Role
from jiceng.exceptions import GuardRejected, InvalidTransition, NotFoundError, ValidationError
from jiceng.testing import Command, instants, random_walk
from tests.decisions.village import (
    CLERK,
    COMMITTEE,
    MEETING_DAY,
    NOTICE,
    OPENS,
    actor,
    convened,
    ids,
    person,
    round_trip,
    sitting,
    village,
)

LATER = OPENS.add(hours=2)


def voted(meeting: Meeting, motion: str, choices: Mapping[str, Choice | None]) -> Meeting:
    for voter, choice in choices.items():
        meeting = meeting.vote(motion, choice, by=actor(voter), at=OPENS.add(minutes=30))
    return meeting


# -- convening ---------------------------------------------------------------------------


def test_a_villagers_assembly_on_the_10th_day_after_notice_is_convened() -> None:
    meeting = convened(at=pendulum.datetime(2026, 5, 1, 20, tz="Asia/Shanghai"))
    assert meeting.state is MeetingState.CONVENED


def test_a_villagers_assembly_on_the_9th_day_after_notice_is_refused() -> None:
    with pytest.raises(
        NoticeError, match=r"notice given on 2026-05-02 .* held on 2026-05-12 at the earliest"
    ):
        convened(at=pendulum.datetime(2026, 5, 2, 8, tz="Asia/Shanghai"))


def test_a_representative_assembly_needs_no_notice_in_law() -> None:
    roll = Roll.representative_assembly(village())
    assert convened(kind=VILLAGER_REPRESENTATIVES, roll=roll, at=OPENS).opens == OPENS


def test_convening_checks_the_roll_the_date_and_the_id() -> None:
    with pytest.raises(ValidationError) as caught:
        convened(id=" ")
    assert caught.value.paths == ("convene.id",)
    with pytest.raises(ValidationError) as caught:
        convened(roll=Roll.party_members([person("p", roles={Role.PARTY_MEMBER})]))
    assert caught.value.paths == ("roll",)
    with pytest.raises(ValidationError, match="reckoned on the meeting date 2026-05-11"):
        convened(roll=Roll.adults(village(), on=MEETING_DAY.subtract(days=1)))
    with pytest.raises(ValidationError, match="cannot open before it is called"):
        convened(kind=MASS_MEETING, roll=Roll.participants(["a"]), at=OPENS.add(days=1))


def test_a_meeting_convened_on_request_needs_enough_signatures() -> None:
    adults = Roll.adults(village(households=5), on=MEETING_DAY)  # 10 adults
    meeting = convened(roll=adults, requisition=Requisition(roll=adults, signatories={"v00"}))
    assert meeting.requisition is not None
    reps = Roll.representatives(village(households=6))  # v00, v20, v40
    with pytest.raises(RequisitionError, match="三分之一以上"):
        convened(requisition=Requisition(roll=reps, signatories=set()))
    assert convened(requisition=Requisition(roll=reps, signatories={"v20"})).requisition


def test_a_delegation_covers_only_matters_that_may_be_delegated() -> None:
    roll = Roll.representative_assembly(village())
    bad = Delegation(decision="M-0", matters={VILLAGE_RULES, PUBLIC_WELFARE})
    with pytest.raises(ValidationError, match="村规民约 cannot be delegated"):
        convened(kind=VILLAGER_REPRESENTATIVES, roll=roll, delegation=bad, at=OPENS)


# -- attendance and quorum ---------------------------------------------------------------


def test_only_members_on_the_roll_sign_in_once() -> None:
    meeting = convened().attend(["v00"], by=CLERK, at=OPENS)
    with pytest.raises(GuardRejected, match="not on the roll of this 村民会议: x1"):
        meeting.attend(["x1", "v01"], by=CLERK, at=OPENS)
    with pytest.raises(GuardRejected, match="already signed in: v00"):
        meeting.attend(["v00"], by=CLERK, at=OPENS)
    with pytest.raises(ValidationError, match="at least one member") as caught:
        meeting.attend([], by=CLERK, at=OPENS)
    assert caught.value.paths == ("attend.people",)
    assert replay(meeting.history) == meeting


def test_attend_refuses_an_id_that_is_not_text() -> None:
    meeting = convened()
    before = hash(meeting)
    with pytest.raises(ValidationError) as caught:
        meeting.attend("v00", by=CLERK, at=OPENS)
    assert caught.value.paths == ("attend.people",)
    with pytest.raises(ValidationError) as caught:
        meeting.attend(["v00", 1], by=CLERK, at=OPENS)  # type: ignore[list-item]
    assert caught.value.paths == ("attend.people[1]",)
    assert hash(meeting) == before
    assert replay(meeting.history) == meeting


def test_exactly_half_of_the_adults_is_no_quorum() -> None:
    meeting = convened()
    six = ["v00", "v01", "v10", "v11", "v20", "v21"]  # 6 of 12 adults, 3 of 6 households
    meeting = meeting.attend(six, by=CLERK, at=OPENS)
    with pytest.raises(GuardRejected, match=r"到会 6/12 人, 户代表 3/6 户，未达法定人数: .*第22条"):
        meeting.open(by=CLERK, at=OPENS)
    opened = meeting.attend(["v30"], by=CLERK, at=OPENS).open(by=CLERK, at=OPENS)
    assert opened.quorum == QuorumCount(
        members=12, present=7, households=6, households_present=4, met=True
    )


def test_exactly_two_thirds_of_the_households_is_a_quorum() -> None:
    reps = ["v00", "v10", "v20", "v30"]  # 4 of 12 adults, 4 of 6 households
    meeting = convened().attend(reps, by=CLERK, at=OPENS).open(by=CLERK, at=OPENS)
    assert meeting.state is MeetingState.OPEN
    three = convened().attend(reps[:3], by=CLERK, at=OPENS)
    with pytest.raises(GuardRejected, match="户代表 3/6 户"):
        three.open(by=CLERK, at=OPENS)


def test_a_meeting_does_not_open_before_the_time_in_its_notice() -> None:
    meeting = convened().attend(ids(convened().roll, 12), by=CLERK, at=NOTICE)
    with pytest.raises(GuardRejected, match="not before"):
        meeting.open(by=CLERK, at=OPENS.subtract(minutes=1))
    with pytest.raises(GuardRejected, match="not before"):
        meeting.fail_quorum(by=CLERK, at=OPENS.subtract(minutes=1))


def test_a_failed_quorum_is_recorded_with_its_figures() -> None:
    meeting = convened().attend(["v00"], by=CLERK, at=OPENS).fail_quorum(by=CLERK, at=OPENS)
    assert meeting.state is MeetingState.INQUORATE
    assert str(meeting.quorum) == "到会 1/12 人, 户代表 1/6 户，未达法定人数"
    assert meeting.is_final


def test_zero_attendance_is_no_quorum_even_without_a_quorum_rule() -> None:
    meeting = convened(kind=MASS_MEETING, roll=Roll.participants(["a"]), at=OPENS)
    with pytest.raises(GuardRejected, match="nobody has signed in"):
        meeting.open(by=CLERK, at=OPENS)
    assert meeting.fail_quorum(by=CLERK, at=OPENS).quorum == QuorumCount(
        members=1, present=0, households=0, households_present=0, met=False
    )
    with pytest.raises(InvalidTransition, match="未达法定人数"):
        convened().fail_quorum(by=CLERK, at=OPENS).open(by=CLERK, at=OPENS)


def test_a_quorate_meeting_cannot_be_recorded_as_failed() -> None:
    meeting = convened().attend(ids(convened().roll, 7), by=CLERK, at=OPENS)
    with pytest.raises(GuardRejected, match="open the meeting instead"):
        meeting.fail_quorum(by=CLERK, at=OPENS)


def test_a_meeting_may_be_cancelled_before_it_opens() -> None:
    meeting = convened().cancel(reason="暴雨", by=COMMITTEE, at=NOTICE.add(days=1))
    assert meeting.state is MeetingState.CANCELLED


# -- motions, ballots, tallies -----------------------------------------------------------


def test_an_article_24_matter_decided_by_the_two_committees_alone_is_refused() -> None:
    people = [
        person("a", roles={Role.VILLAGE_COMMITTEE}),
        person("b", roles={Role.BRANCH_COMMITTEE}),
    ]
    meeting = sitting(kind=TWO_COMMITTEES_MEETING, roll=Roll.two_committees(people), at=OPENS)
    with pytest.raises(GuardRejected, match="can only be decided by 村民会议"):
        meeting.move("D1", title="修路筹资", matter=PUBLIC_WELFARE, by=actor("a"), at=OPENS)
    recommended = meeting.move(
        "D1",
        title="修路筹资",
        matter=PUBLIC_WELFARE,
        purpose=Purpose.RECOMMEND,
        by=actor("a"),
        at=OPENS,
    )
    assert recommended.motion("D1").purpose is Purpose.RECOMMEND


def test_a_representative_assembly_decides_an_article_24_matter_only_when_delegated() -> None:
    roll = Roll.representative_assembly(village())
    plain = sitting(kind=VILLAGER_REPRESENTATIVES, roll=roll, at=OPENS)
    with pytest.raises(GuardRejected, match="授权"):
        plain.move("D1", title="修路", matter=PUBLIC_WELFARE, by=COMMITTEE, at=OPENS)
    delegation = Delegation(decision="M-0/D9", matters={PUBLIC_WELFARE})
    delegated = sitting(kind=VILLAGER_REPRESENTATIVES, roll=roll, delegation=delegation, at=OPENS)
    assert delegated.move("D1", title="修路", matter=PUBLIC_WELFARE, by=COMMITTEE, at=OPENS).motions
    with pytest.raises(GuardRejected, match="村民自治章程"):
        delegated.move("D2", title="章程", matter=SELF_GOVERNANCE_CHARTER, by=COMMITTEE, at=OPENS)


def test_the_assembly_adopts_the_village_rules() -> None:
    meeting = sitting().move(
        "R1", title="修订村规民约", matter=VILLAGE_RULES, by=COMMITTEE, at=OPENS
    )
    assert meeting.motion("R1").matter is VILLAGE_RULES


def test_an_inquiry_takes_no_motions_and_motion_ids_are_unique() -> None:
    inquiry = sitting(kind=INQUIRY, roll=Roll.participants(["a"]), at=OPENS)
    with pytest.raises(GuardRejected, match="质询会 takes no votes"):
        inquiry.move("M1", title="x", by=COMMITTEE, at=OPENS)
    meeting = sitting().move("M1", title="x", by=COMMITTEE, at=OPENS)
    with pytest.raises(GuardRejected, match="already been moved"):
        meeting.move("M1", title="y", by=COMMITTEE, at=OPENS)


def test_ballots_come_from_members_present_once_each() -> None:
    meeting = sitting(present=7).move("M1", title="x", by=COMMITTEE, at=OPENS)
    absent = sorted(meeting.roll.members - meeting.present)[0]
    cases = [
        ("M9", "v00", Choice.FOR, "no motion M9"),
        ("M1", "x1", Choice.FOR, "x1 is not on the roll"),
        ("M1", absent, Choice.FOR, f"{absent} has not signed in"),
        ("M1", "v00", None, "record how v00 voted"),
    ]
    for motion, voter, choice, message in cases:
        with pytest.raises(GuardRejected, match=message):
            meeting.vote(motion, choice, by=actor(voter), at=OPENS)
    once = meeting.vote("M1", Choice.FOR, by=actor("v00"), at=OPENS)
    with pytest.raises(GuardRejected, match="already voted on M1"):
        once.vote("M1", Choice.AGAINST, by=actor("v00"), at=OPENS)


@pytest.mark.parametrize("choice", ["yes", "for", 1, True])
def test_vote_refuses_a_choice_that_is_not_a_choice_member(choice: object) -> None:
    meeting = sitting().move("M1", title="x", by=COMMITTEE, at=OPENS)
    before, history = hash(meeting), meeting.history
    with pytest.raises(ValidationError, match="expected a Choice member") as caught:
        meeting.vote("M1", choice, by=actor("v00"), at=OPENS)  # type: ignore[arg-type]
    assert caught.value.paths == ("vote.choice",)
    assert meeting.history is history
    assert hash(meeting) == before
    assert replay(meeting.history) == meeting


def test_vote_names_the_member_to_pass_for_a_choice_given_as_its_value() -> None:
    meeting = sitting().move("M1", title="x", by=COMMITTEE, at=OPENS)
    with pytest.raises(ValidationError, match=r"pass Choice\('for'\), not its value"):
        meeting.vote("M1", "for", by=actor("v00"), at=OPENS)  # type: ignore[arg-type]


def test_move_refuses_a_secret_flag_or_purpose_of_the_wrong_type() -> None:
    meeting = sitting()
    with pytest.raises(ValidationError) as caught:
        meeting.move(
            "M1",
            title="x",
            purpose="decide",  # type: ignore[arg-type]
            secret=1,  # type: ignore[arg-type]
            by=COMMITTEE,
            at=OPENS,
        )
    assert caught.value.paths == ("move.purpose", "move.secret")
    assert replay(meeting.history) == meeting


def test_a_secret_ballot_records_that_someone_voted_never_how() -> None:
    meeting = sitting().move("M1", title="x", secret=True, by=COMMITTEE, at=OPENS)
    with pytest.raises(GuardRejected, match="secret ballot: record only that v00 voted"):
        meeting.vote("M1", Choice.FOR, by=actor("v00"), at=OPENS)
    meeting = voted(meeting, "M1", dict.fromkeys(ids(meeting.roll, 9)))
    assert all(b.choice is None for b in meeting.ballots)
    closed = meeting.close(by=CLERK, at=LATER)
    with pytest.raises(GuardRejected, match="give the counted box"):
        closed.tally("M1", by=CLERK, at=LATER)
    with pytest.raises(GuardRejected, match="the box holds 8 ballots but 9 members voted"):
        closed.tally("M1", box=BallotBox(yes=5, no=3), by=CLERK, at=LATER)
    done = closed.tally("M1", box=BallotBox(yes=7, no=1, invalid=1), by=CLERK, at=LATER)
    assert done.result("M1").passed
    assert done.result("M1").secret
    assert "废票 1" in str(done.result("M1"))


def test_an_open_motion_has_no_box() -> None:
    closed = sitting().move("M1", title="x", by=COMMITTEE, at=OPENS).close(by=CLERK, at=LATER)
    with pytest.raises(GuardRejected, match="voted openly: it has no box"):
        closed.tally("M1", box=BallotBox(yes=0, no=0), by=CLERK, at=LATER)


def test_a_tally_before_the_meeting_is_closed_is_refused() -> None:
    meeting = sitting().move("M1", title="x", by=COMMITTEE, at=OPENS)
    with pytest.raises(InvalidTransition, match="'open' \\(开会中\\)"):
        meeting.tally("M1", by=CLERK, at=LATER)


def test_exactly_half_of_those_present_is_not_a_majority() -> None:
    meeting = sitting(present=8).move("M1", title="x", by=COMMITTEE, at=OPENS)
    present = sorted(meeting.present)
    half = voted(meeting, "M1", dict.fromkeys(present[:4], Choice.FOR))
    tally = half.close(by=CLERK, at=LATER).tally("M1", by=CLERK, at=LATER).result("M1")
    assert (tally.yes, tally.present, tally.needed, tally.passed) == (4, 8, 5, False)
    more = voted(meeting, "M1", dict.fromkeys(present[:5], Choice.FOR))
    assert more.close(by=CLERK, at=LATER).tally("M1", by=CLERK, at=LATER).result("M1").passed


def test_abstentions_and_silence_count_against_a_majority_of_those_present() -> None:
    meeting = sitting(present=9).move("M1", title="x", by=COMMITTEE, at=OPENS)
    p = sorted(meeting.present)
    choices: dict[str, Choice | None] = dict.fromkeys(p[:4], Choice.FOR)
    choices |= {p[4]: Choice.AGAINST, p[5]: Choice.ABSTAIN, p[6]: Choice.ABSTAIN}
    tally = voted(meeting, "M1", choices).close(by=CLERK, at=LATER).tally("M1", by=CLERK, at=LATER)
    result = tally.result("M1")
    figures = (result.yes, result.no, result.abstain, result.voted, result.passed)
    assert figures == (4, 1, 2, 7, False)
    assert result.support == Rate(4, 9)
    assert str(result) == (
        "M1: 赞成 4、反对 1、弃权 2（应到 12 人，到会 9 人，投票 7 人）；"
        "需赞成 5 票（基数 9），未通过"
    )


def test_the_party_meeting_needs_more_than_half_of_all_members() -> None:
    members = [person(f"p{i}", roles={Role.PARTY_MEMBER}) for i in range(10)]
    roll = Roll.party_members(members)
    meeting = sitting(kind=PARTY_MEMBERS_MEETING, roll=roll, present=5, at=OPENS)  # half: quorum
    meeting = meeting.move("M1", title="审议", by=COMMITTEE, at=OPENS)
    meeting = voted(meeting, "M1", dict.fromkeys(sorted(meeting.present), Choice.FOR))
    result = meeting.close(by=CLERK, at=LATER).tally("M1", by=CLERK, at=LATER).result("M1")
    assert (result.yes, result.base, result.needed, result.passed) == (5, 10, 6, False)


def test_each_motion_is_tallied_once_and_the_meeting_ends_when_all_are() -> None:
    meeting = sitting().move("M1", title="x", by=COMMITTEE, at=OPENS)
    meeting = meeting.move("M2", title="y", by=COMMITTEE, at=OPENS).close(by=CLERK, at=LATER)
    with pytest.raises(GuardRejected, match="no motion M9"):
        meeting.tally("M9", by=CLERK, at=LATER)
    meeting = meeting.tally("M1", by=CLERK, at=LATER)
    with pytest.raises(GuardRejected, match="already been tallied"):
        meeting.tally("M1", by=CLERK, at=LATER)
    with pytest.raises(GuardRejected, match="not yet tallied: M2"):
        meeting.conclude(by=CLERK, at=LATER)
    done = meeting.tally("M2", by=CLERK, at=LATER).conclude(by=CLERK, at=LATER)
    assert done.state is MeetingState.CONCLUDED
    with pytest.raises(NotFoundError):
        done.result("M3")
    with pytest.raises(NotFoundError):
        done.motion("M3")


def test_a_box_holds_whole_numbers_of_ballots() -> None:
    with pytest.raises(ValidationError, match="must be at least 0") as caught:
        BallotBox(yes=-1, no=0)
    assert caught.value.paths == ("yes",)
    with pytest.raises(ValidationError, match="expected a whole number") as caught:
        BallotBox(yes=1, no=0, invalid=True)
    assert caught.value.paths == ("invalid",)


def test_a_box_holds_from_0_to_100000_ballots_of_each_choice() -> None:
    assert MAX_BALLOTS == 100_000
    full = BallotBox(yes=MAX_BALLOTS, no=0, abstain=0, invalid=0)
    assert full.total == MAX_BALLOTS
    for field in ("yes", "no", "abstain", "invalid"):
        counts = {"yes": 0, "no": 0, field: MAX_BALLOTS + 1}
        with pytest.raises(ValidationError, match="must be at most 100000") as caught:
            BallotBox(**counts)
        assert caught.value.paths == (field,)


# -- inquiry -----------------------------------------------------------------------------

OFFICIAL = Actor.person("chief", "村主任")


def test_questions_are_put_answered_by_the_official_and_rated_by_the_questioner() -> None:
    meeting = sitting(kind=INQUIRY, roll=Roll.participants(["a", "b", "c"]), present=2, at=OPENS)
    with pytest.raises(GuardRejected, match="c has not signed in"):
        meeting.ask("Q1", to=OFFICIAL, text="?", by=actor("c"), at=OPENS)
    meeting = meeting.ask("Q1", to=OFFICIAL, text="花苗谁出？", by=actor("a"), at=OPENS)
    with pytest.raises(GuardRejected, match="already been put"):
        meeting.ask("Q1", to=OFFICIAL, text="?", by=actor("b"), at=OPENS)
    with pytest.raises(GuardRejected, match="has not been answered yet"):
        meeting.rate("Q1", satisfied=True, by=actor("a"), at=OPENS)
    with pytest.raises(GuardRejected, match="not to person:b"):
        meeting.answer("Q1", text="公司", by=actor("b"), at=OPENS)
    with pytest.raises(GuardRejected, match="no question Q9"):
        meeting.answer("Q9", text="?", by=OFFICIAL, at=OPENS)
    meeting = meeting.answer("Q1", text="公司提供", by=OFFICIAL, at=OPENS)
    with pytest.raises(GuardRejected, match="already been answered"):
        meeting.answer("Q1", text="again", by=OFFICIAL, at=OPENS)
    with pytest.raises(GuardRejected, match="only a, who asked Q1"):
        meeting.rate("Q1", satisfied=False, by=actor("b"), at=OPENS)
    with pytest.raises(GuardRejected, match="no question Q9"):
        meeting.rate("Q9", satisfied=False, by=actor("b"), at=OPENS)
    meeting = meeting.rate("Q1", satisfied=True, by=actor("a"), at=OPENS)
    with pytest.raises(GuardRejected, match="already been rated"):
        meeting.rate("Q1", satisfied=False, by=actor("a"), at=OPENS)
    assert meeting.question("Q1").answer == "公司提供"
    assert meeting.satisfaction == Rate(1, 1)
    with pytest.raises(NotFoundError):
        meeting.question("Q2")


# -- properties --------------------------------------------------------------------------


@given(st.integers(7, 12), st.data())
def test_a_motion_passes_exactly_when_more_than_half_of_those_present_vote_for(
    present: int, data: st.DataObject
) -> None:
    meeting = sitting(present=present).move("M1", title="x", by=COMMITTEE, at=OPENS)
    voters = sorted(meeting.present)
    choices = data.draw(st.lists(st.sampled_from(list(Choice)), min_size=0, max_size=present))
    meeting = voted(meeting, "M1", dict(zip(voters, choices, strict=False)))
    result = meeting.close(by=CLERK, at=LATER).tally("M1", by=CLERK, at=LATER).result("M1")
    yes = choices.count(Choice.FOR)
    assert result.passed is (Fraction(yes, present) > Fraction(1, 2))
    assert result.yes + result.no + result.abstain == result.voted == len(choices)


def _commands() -> dict[str, Command[Meeting]]:
    people = st.sampled_from(["v00", "v01", "v10", "v11", "v20", "v30", "v40", "v50", "x"])
    t = instants(start=OPENS, days=2)

    def at(data: st.DataObject, meeting: Meeting) -> pendulum.DateTime:
        if data.draw(st.integers(0, 9), label="backwards") == 0:
            return meeting.last_changed.subtract(minutes=1)
        return max(data.draw(t), meeting.last_changed)

    motion = st.sampled_from(["M1", "M2"])
    question = st.sampled_from(["Q1", "Q2"])
    cadre = st.sampled_from(["cadre-1", "v00"])
    return {
        "attend": lambda m, d: m.attend(d.draw(st.sets(people, min_size=1)), by=CLERK, at=at(d, m)),
        "open": lambda m, d: m.open(by=CLERK, at=at(d, m)),
        "fail_quorum": lambda m, d: m.fail_quorum(by=CLERK, at=at(d, m)),
        "cancel": lambda m, d: m.cancel(reason="改期", by=COMMITTEE, at=at(d, m)),
        "move": lambda m, d: m.move(
            d.draw(motion),
            title="议案",
            matter=d.draw(st.sampled_from([None, PUBLIC_WELFARE])),
            secret=d.draw(st.booleans()),
            by=COMMITTEE,
            at=at(d, m),
        ),
        "vote": lambda m, d: m.vote(
            d.draw(motion),
            d.draw(st.sampled_from([None, *Choice])),
            by=actor(d.draw(people)),
            at=at(d, m),
        ),
        "ask": lambda m, d: m.ask(
            d.draw(question), to=OFFICIAL, text="?", by=actor(d.draw(people)), at=at(d, m)
        ),
        "answer": lambda m, d: m.answer(d.draw(question), text="答", by=OFFICIAL, at=at(d, m)),
        "rate": lambda m, d: m.rate(
            d.draw(question), satisfied=d.draw(st.booleans()), by=actor(d.draw(people)), at=at(d, m)
        ),
        "report": lambda m, d: m.report(text="述职", by=actor(d.draw(cadre)), at=at(d, m)),
        "appraise": lambda m, d: m.appraise(
            d.draw(cadre),
            d.draw(st.sampled_from(list(Rating))),
            by=actor(d.draw(people)),
            at=at(d, m),
        ),
        "close": lambda m, d: m.close(by=CLERK, at=at(d, m)),
        "tally": lambda m, d: m.tally(
            d.draw(motion),
            box=d.draw(st.sampled_from([None, BallotBox(yes=1, no=0), BallotBox(yes=2, no=1)])),
            by=CLERK,
            at=at(d, m),
        ),
        "conclude": lambda m, d: m.conclude(by=CLERK, at=at(d, m)),
    }


@given(st.data())
def test_random_walks_over_the_meeting_machine(data: st.DataObject) -> None:
    commands = _commands()
    assert set(commands) == set(MEETING.commands) - {"convene"}
    end = random_walk(data, convened(), commands, steps=40)
    assert replay(end.history) == end


def test_a_whole_meeting_survives_serialisation() -> None:
    meeting = sitting().move(
        "M1", title="x", secret=True, matter=PUBLIC_WELFARE, by=COMMITTEE, at=OPENS
    )
    meeting = meeting.move("M2", title="y", by=COMMITTEE, at=OPENS)
    meeting = voted(meeting, "M1", {"v00": None, "v01": None})
    meeting = voted(meeting, "M2", {"v00": Choice.FOR, "v01": Choice.ABSTAIN})
    meeting = meeting.ask("Q1", to=OFFICIAL, text="?", by=actor("v00"), at=LATER)
    meeting = meeting.answer("Q1", text="答", by=OFFICIAL, at=LATER)
    meeting = meeting.report(text="述职", by=OFFICIAL, at=LATER)
    meeting = meeting.appraise(OFFICIAL.id, Rating.COMPETENT, by=actor("v00"), at=LATER)
    meeting = meeting.close(by=CLERK, at=LATER)
    meeting = meeting.tally("M1", box=BallotBox(yes=2, no=0), by=CLERK, at=LATER)
    meeting = meeting.tally("M2", by=CLERK, at=LATER).conclude(by=CLERK, at=LATER)
    assert round_trip(meeting) == meeting
    reps = Roll.representatives(village())
    requested = convened(requisition=Requisition(roll=reps, signatories={"v00"}))
    assert round_trip(requested) == requested


# -- appraisals (述职评议) ------------------------------------------------------------------


def test_cadres_report_and_members_present_rate_them_once_each() -> None:
    meeting = sitting(present=8).report(text="本年度履职情况", by=OFFICIAL, at=OPENS)
    with pytest.raises(GuardRejected, match="already reported"):
        meeting.report(text="再述职", by=OFFICIAL, at=OPENS)
    ratings = [Rating.COMPETENT] * 5 + [Rating.BASICALLY_COMPETENT, Rating.INCOMPETENT]
    for rater, rating in zip(ids(meeting.roll, 7), ratings, strict=True):
        meeting = meeting.appraise(OFFICIAL.id, rating, by=actor(rater), at=LATER)
    rater = ids(meeting.roll, 1)[0]
    with pytest.raises(GuardRejected, match="already rated"):
        meeting.appraise(OFFICIAL.id, Rating.INCOMPETENT, by=actor(rater), at=LATER)
    absent = sorted(meeting.roll.members - meeting.present)[0]
    with pytest.raises(GuardRejected, match="has not signed in"):
        meeting.appraise(OFFICIAL.id, Rating.COMPETENT, by=actor(absent), at=LATER)
    with pytest.raises(GuardRejected, match="has not reported"):
        meeting.appraise("nobody", Rating.COMPETENT, by=actor(rater), at=LATER)
    appraisal = meeting.appraisal(OFFICIAL.id)
    assert (appraisal.competent, appraisal.basically_competent, appraisal.incompetent) == (5, 1, 1)
    assert appraisal.verdict is Rating.COMPETENT
    assert meeting.appraisals == (appraisal,)
    assert str(appraisal).endswith("（参评 7 人）；评议结果 称职")
    assert replay(meeting.history) == meeting


def test_a_cadre_on_the_roll_does_not_rate_their_own_report() -> None:
    meeting = sitting().report(text="述职", by=actor("v00"), at=OPENS)
    with pytest.raises(GuardRejected, match="their own report"):
        meeting.appraise("v00", Rating.COMPETENT, by=actor("v00"), at=OPENS)


def test_a_kind_without_an_appraisal_rule_hears_no_reports() -> None:
    meeting = sitting(kind=MASS_MEETING, roll=Roll.participants(["a", "b"]), present=2)
    with pytest.raises(GuardRejected, match="holds no appraisal"):
        meeting.report(text="述职", by=OFFICIAL, at=OPENS)
    with pytest.raises(NotFoundError, match="has not reported"):
        meeting.appraisal(OFFICIAL.id)


def test_a_cadre_nobody_rated_has_no_verdict() -> None:
    meeting = sitting().report(text="述职", by=OFFICIAL, at=OPENS)
    assert meeting.appraisal(OFFICIAL.id).verdict is None
    assert "无人评议" in str(meeting.appraisal(OFFICIAL.id))
