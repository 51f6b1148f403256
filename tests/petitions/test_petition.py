from __future__ import annotations

import json
from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import Actor, CalendarDays, ChinaCalendar, WorkingDays, replay
from jiceng.exceptions import (
    CalendarCoverageError,
    ChronologyError,
    GuardRejected,
    InvalidTransition,
    ValidationError,
)
from jiceng.petitions import (
    PETITION,
    PETITION_ROUTES,
    REGULATION_2005,
    REGULATION_2022,
    ZHEJIANG_2016,
    Agreement,
    Channel,
    LinkedAsRepeat,
    Outcome,
    Petition,
    PetitionPolicy,
    PetitionState,
    RepeatError,
    RepresentativesError,
    Route,
    Stage,
    repeat_bar,
)
from jiceng.serde import from_dict, to_dict
from jiceng.testing import Command, instants, random_walk
from tests.petitions.helpers import (
    BUREAU,
    CITY,
    CLERK,
    COUNTY,
    HEAD,
    LAND,
    OFFICE,
    PROVINCE,
    TOWN,
    TZ,
    VILLAGER,
    WEEKENDS,
    day,
    handling,
    registered,
)

P = PetitionState


def at(y: int, m: int, d: int, hour: int = 9, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(y, m, d, hour, minute, tz=TZ)


def answered(petition: Petition | None = None, when: pendulum.DateTime | None = None) -> Petition:
    """Answered 不予支持 on day 40 (2026-04-11): the window for a review runs to 2026-05-11."""
    return (petition or handling()).answer(
        outcome=Outcome.NOT_SUPPORTED, basis="《土地管理法》第48条", by=CLERK, at=when or day(40)
    )


def reviewed() -> Petition:
    return (
        answered()
        .request_review(to=COUNTY, by=VILLAGER, at=day(45))
        .answer_review(outcome=Outcome.NOT_SUPPORTED, basis="维持", by=CLERK, at=day(60))
    )


def re_reviewing() -> Petition:
    """Re-review requested on day 65 (2026-05-06): due at the end of 2026-06-05."""
    return reviewed().request_re_review(to=CITY, by=VILLAGER, at=day(65))


def final() -> Petition:
    return re_reviewing().answer_re_review(
        outcome=Outcome.NOT_SUPPORTED, basis="维持", by=CLERK, at=day(80)
    )


# -- registration ---------------------------------------------------------------------------


def test_a_registered_petition_records_the_matter_and_its_first_deadline() -> None:
    petition = registered()
    assert petition.state is P.REGISTERED
    assert (petition.id, petition.channel, petition.matter) == ("XF-1", Channel.LETTER, LAND)
    assert petition.petitioners == (VILLAGER,)
    assert petition.lodged_with == OFFICE
    assert petition.policy is REGULATION_2022
    assert petition.deadline is not None
    assert str(petition.deadline.limit.source) == "信访工作条例(2022) 第22条、第23条"
    assert petition.deadline.due == at(2026, 3, 17).end_of("day")


def test_registration_defaults_to_the_china_calendar() -> None:
    petition = Petition.register(
        id="XF-9",
        channel=Channel.ONLINE,
        petitioners=(VILLAGER,),
        matter=LAND,
        lodged_with=OFFICE,
        by=CLERK,
        at=day(0),
    )
    assert petition.calendar == ChinaCalendar()


def test_a_group_visit_with_five_representatives_is_registered() -> None:
    reps = [Actor.person(f"p-{i}") for i in range(5)]
    petition = Petition.register(
        id="XF-2",
        channel=Channel.VISIT,
        petitioners=reps,
        group_size=40,
        matter=LAND,
        lodged_with=OFFICE,
        by=CLERK,
        at=day(0),
        calendar=WEEKENDS,
    )
    assert petition.group_size == 40
    assert len(petition.petitioners) == 5


def test_a_group_visit_with_six_representatives_is_refused() -> None:
    reps = [Actor.person(f"p-{i}") for i in range(6)]
    with pytest.raises(RepresentativesError, match=r"at most 5 .*信访工作条例\(2022\) 第20条"):
        Petition.register(
            id="XF-2",
            channel=Channel.VISIT,
            petitioners=reps,
            group_size=40,
            matter=LAND,
            lodged_with=OFFICE,
            by=CLERK,
            at=day(0),
            calendar=WEEKENDS,
        )


@pytest.mark.parametrize(
    ("group_size", "representatives", "allowed"),
    [(10, 3, True), (10, 4, False), (11, 5, True), (11, 6, False)],
)
def test_zhejiang_caps_representatives_at_three_up_to_ten_people_and_five_above(
    group_size: int, representatives: int, allowed: bool
) -> None:
    def register() -> Petition:
        return Petition.register(
            id="ZJ-1",
            channel=Channel.VISIT,
            petitioners=[Actor.person(f"p-{i}") for i in range(representatives)],
            group_size=group_size,
            matter=LAND,
            lodged_with=OFFICE,
            by=CLERK,
            at=day(0),
            policy=ZHEJIANG_2016,
            calendar=WEEKENDS,
        )

    if allowed:
        assert len(register().petitioners) == representatives
    else:
        with pytest.raises(RepresentativesError, match=r"浙江省信访条例\(2016\) 第15条第2款"):
            register()


def test_a_joint_letter_has_no_cap_on_its_signatories() -> None:
    signatories = [Actor.person(f"p-{i}") for i in range(8)]
    petition = Petition.register(
        id="XF-3",
        channel=Channel.LETTER,
        petitioners=signatories,
        group_size=8,
        matter=LAND,
        lodged_with=OFFICE,
        by=CLERK,
        at=day(0),
        calendar=WEEKENDS,
    )
    assert len(petition.petitioners) == 8


def test_bad_registration_input_is_collected_field_by_field() -> None:
    bad: Any = "x"
    with pytest.raises(ValidationError) as info:
        Petition.register(
            id=" ",
            channel=bad,
            petitioners=[bad],
            group_size=0,
            matter=bad,
            lodged_with=bad,
            by=CLERK,
            at=day(0),
            policy=bad,
        )
    assert info.value.paths == (
        "id",
        "channel",
        "matter",
        "lodged_with",
        "policy",
        "petitioners[0]",
        "group_size",
    )


def test_a_petition_needs_a_petitioner_and_a_group_at_least_as_large_as_its_names() -> None:
    with pytest.raises(ValidationError, match="at least one petitioner"):
        Petition.register(
            id="XF-4",
            channel=Channel.LETTER,
            petitioners=[],
            matter=LAND,
            lodged_with=OFFICE,
            by=CLERK,
            at=day(0),
        )
    with pytest.raises(ValidationError, match="group_size: must be a whole number"):
        Petition.register(
            id="XF-4",
            channel=Channel.VISIT,
            petitioners=[VILLAGER, CLERK],
            group_size=1,
            matter=LAND,
            lodged_with=OFFICE,
            by=CLERK,
            at=day(0),
        )


# -- transfer, acceptance, objection --------------------------------------------------------


def test_transfer_starts_the_fifteen_day_limit_to_notify_acceptance() -> None:
    petition = registered().transfer(to=BUREAU, by=CLERK, at=day(2), assigned=True)
    assert petition.state is P.TRANSFERRED
    assert petition.handled_by == BUREAU
    assert petition.deadline is not None
    assert str(petition.deadline.limit.source) == "信访工作条例(2022) 第23条"
    assert not petition.overdue(at(2026, 3, 19, 23, 59))  # day 15 after the transfer
    assert petition.overdue(at(2026, 3, 20, 0, 0))  # day 16


def test_a_transfer_to_the_body_it_was_lodged_with_is_refused() -> None:
    with pytest.raises(GuardRejected, match="accepts it instead of transferring"):
        registered().transfer(to=OFFICE, by=CLERK, at=day(1))


def test_the_body_it_was_lodged_with_may_accept_it_directly() -> None:
    petition = registered(lodged_with=BUREAU).accept(by=CLERK, at=day(3))
    assert petition.state is P.HANDLING
    assert petition.handled_by == BUREAU


def test_an_objection_on_working_day_5_is_allowed_and_sends_it_back() -> None:
    petition = registered().transfer(to=BUREAU, by=CLERK, at=day(2))  # Wednesday 4 March
    objected = petition.raise_objection(reason="不属本单位职责", by=CLERK, at=at(2026, 3, 11, 23))
    assert objected.state is P.REGISTERED
    assert objected.handled_by is None
    assert objected.deadline is not None
    assert objected.deadline.started == at(2026, 3, 11, 23)


def test_the_objection_window_is_a_deadline_of_its_own_while_transferred() -> None:
    assert registered().objection_deadline is None
    window = registered().transfer(to=BUREAU, by=CLERK, at=day(2)).objection_deadline
    assert window is not None
    assert str(window.limit.source) == "信访工作条例(2022) 第23条"
    assert window.due == at(2026, 3, 11).end_of("day")


def test_an_objection_on_working_day_6_is_refused() -> None:
    petition = registered().transfer(to=BUREAU, by=CLERK, at=day(2))
    with pytest.raises(GuardRejected, match=r"time to object ran out.*第23条") as info:
        petition.raise_objection(reason="不属本单位职责", by=CLERK, at=at(2026, 3, 12, 0))
    assert info.value.guard == "objection_in_time"


def test_an_objection_needs_a_reason() -> None:
    petition = registered().transfer(to=BUREAU, by=CLERK, at=day(2))
    with pytest.raises(ValidationError, match="reason: must be non-empty text"):
        petition.raise_objection(reason="  ", by=CLERK, at=day(3))


def test_the_objection_window_skips_the_2026_spring_festival() -> None:
    cn = ChinaCalendar()
    petition = Petition.register(
        id="XF-5",
        channel=Channel.LETTER,
        petitioners=[VILLAGER],
        matter=LAND,
        lodged_with=OFFICE,
        by=CLERK,
        at=at(2026, 2, 10),
        calendar=cn,
    ).transfer(to=BUREAU, by=CLERK, at=at(2026, 2, 12, 10))  # Thursday before the holiday
    # working days: 13 Feb, Saturday 14 Feb (调休上班), then 24, 25 and 26 Feb
    assert petition.raise_objection(
        reason="不属本单位", by=CLERK, at=at(2026, 2, 26, 23)
    ).state is (P.REGISTERED)
    with pytest.raises(GuardRejected, match="ran out at 2026-02-26 23:59"):
        petition.raise_objection(reason="不属本单位", by=CLERK, at=at(2026, 2, 27, 9))


def test_a_working_day_limit_reaching_2027_raises_rather_than_guessing() -> None:
    petition = Petition.register(
        id="XF-6",
        channel=Channel.LETTER,
        petitioners=[VILLAGER],
        matter=LAND,
        lodged_with=OFFICE,
        by=CLERK,
        at=at(2026, 12, 24),
        calendar=ChinaCalendar(),
    ).transfer(to=BUREAU, by=CLERK, at=at(2026, 12, 28))
    with pytest.raises(CalendarCoverageError, match="no working-day data for 2027"):
        petition.raise_objection(reason="不属本单位", by=CLERK, at=at(2026, 12, 29))
    zhejiang = Petition.register(
        id="ZJ-2",
        channel=Channel.LETTER,
        petitioners=[VILLAGER],
        matter=LAND,
        lodged_with=OFFICE,
        by=CLERK,
        at=at(2026, 12, 28),
        policy=ZHEJIANG_2016,
        calendar=ChinaCalendar(),
    )
    with pytest.raises(CalendarCoverageError):
        zhejiang.overdue(at(2026, 12, 29))


# -- handling: 60 days, one extension of at most 30 ------------------------------------------


def test_handling_runs_sixty_days_from_acceptance() -> None:
    petition = handling()  # accepted 7 March
    assert petition.deadline is not None
    assert str(petition.deadline.limit.source) == "信访工作条例(2022) 第34条"
    assert petition.deadline.due == at(2026, 5, 6).end_of("day")
    assert not petition.overdue(at(2026, 5, 6, 23, 59))
    assert petition.overdue(at(2026, 5, 7, 0, 0))


def test_one_extension_of_thirty_days_is_allowed() -> None:
    extended = handling().extend(
        extra=CalendarDays(30), approved_by=HEAD, reason="情况复杂", by=CLERK, at=day(50)
    )
    assert extended.state is P.HANDLING
    assert extended.deadline is not None
    assert extended.deadline.due == at(2026, 6, 5).end_of("day")
    assert extended.deadline.extensions[0].approved_by == HEAD


def test_an_extension_of_thirty_one_days_is_refused() -> None:
    with pytest.raises(GuardRejected, match=r"第34条 allows at most 30日 .* would make 31"):
        handling().extend(
            extra=CalendarDays(31), approved_by=HEAD, reason="情况复杂", by=CLERK, at=day(50)
        )


def test_a_second_extension_is_refused_even_within_thirty_days_in_all() -> None:
    once = handling().extend(
        extra=CalendarDays(10), approved_by=HEAD, reason="情况复杂", by=CLERK, at=day(50)
    )
    with pytest.raises(GuardRejected, match=r"第34条 allows at most 1 extension") as info:
        once.extend(extra=CalendarDays(5), approved_by=HEAD, reason="再延", by=CLERK, at=day(51))
    assert info.value.guard == "extension_within_limit"


def test_an_extension_after_the_deadline_passed_or_without_a_reason_is_refused() -> None:
    with pytest.raises(GuardRejected, match="it was due at 2026-05-06"):
        handling().extend(
            extra=CalendarDays(30), approved_by=HEAD, reason="情况复杂", by=CLERK, at=day(66)
        )
    with pytest.raises(ValidationError, match="reason"):
        handling().extend(extra=CalendarDays(30), approved_by=HEAD, reason="", by=CLERK, at=day(50))


def test_an_extension_in_working_days_is_refused_for_a_calendar_day_rule() -> None:
    with pytest.raises(GuardRejected, match="not 5个工作日"):
        handling().extend(
            extra=WorkingDays(5), approved_by=HEAD, reason="情况复杂", by=CLERK, at=day(50)
        )


def test_zhejiang_handles_in_thirty_days_and_extends_by_up_to_sixty() -> None:
    petition = handling(policy=ZHEJIANG_2016)
    assert petition.deadline is not None
    assert petition.deadline.due == at(2026, 4, 6).end_of("day")
    extended = petition.extend(
        extra=CalendarDays(60), approved_by=HEAD, reason="取证困难", by=CLERK, at=day(20)
    )
    assert extended.deadline is not None
    assert extended.deadline.due == at(2026, 6, 5).end_of("day")
    with pytest.raises(GuardRejected, match=r"浙江省信访条例\(2016\) 第23条 allows at most 60日"):
        petition.extend(
            extra=CalendarDays(61), approved_by=HEAD, reason="取证困难", by=CLERK, at=day(20)
        )


def test_zhejiang_registration_allows_five_working_days() -> None:
    petition = registered(policy=ZHEJIANG_2016)  # Monday 2 March
    assert petition.deadline is not None
    assert petition.deadline.due == at(2026, 3, 9).end_of("day")
    assert str(petition.deadline.limit.source) == "浙江省信访条例(2016) 第20条"


def test_the_2005_regulation_cites_its_own_articles() -> None:
    petition = handling(policy=REGULATION_2005)
    assert petition.deadline is not None
    assert str(petition.deadline.limit.source) == "信访条例(2005) 第33条"
    assert petition.deadline.due == at(2026, 5, 6).end_of("day")


# -- the opinion --------------------------------------------------------------------------


def test_an_opinion_within_the_limit_is_on_time_and_opens_the_review_window() -> None:
    petition = answered()
    assert petition.state is P.ANSWERED
    assert petition.on_time is True
    assert petition.outcome is Outcome.NOT_SUPPORTED
    opinion = petition.opinions[0]
    assert (opinion.stage, opinion.body, opinion.at) == (Stage.HANDLING, BUREAU, day(40))
    assert petition.deadline is not None
    assert str(petition.deadline.limit.source) == "信访工作条例(2022) 第35条"
    assert not petition.overdue(day(100))  # the petitioner's window lapses, it is not overdue


def test_an_opinion_after_the_limit_is_recorded_as_late() -> None:
    assert answered(when=at(2026, 5, 7, 0, 0)).on_time is False


def test_an_opinion_needs_its_legal_basis() -> None:
    with pytest.raises(ValidationError, match="basis: must be non-empty text"):
        handling().answer(outcome=Outcome.SUPPORTED, basis="", by=CLERK, at=day(10))


def test_an_opinion_needs_an_outcome() -> None:
    bad: Any = "不予支持"
    with pytest.raises(ValidationError, match="outcome: must be a Outcome"):
        handling().answer(outcome=bad, basis="x", by=CLERK, at=day(10))


def test_a_claim_settled_by_agreement_is_resolved() -> None:
    petition = handling().settle(
        agreement=Agreement.MEDIATION, document="调解协议书 2026-07", by=CLERK, at=day(30)
    )
    assert petition.state is P.SETTLED
    assert (petition.agreement, petition.on_time, petition.is_final) == (
        Agreement.MEDIATION,
        True,
        True,
    )
    assert petition.is_resolved
    assert petition.is_completed
    assert petition.next_step() is None
    assert petition.remaining(day(31)) is None


def test_an_opinion_on_a_diverted_petition_is_refused() -> None:
    diverted = registered().divert(
        route=Route.LITIGATION, reason="已进入诉讼程序，告知向法院反映", by=CLERK, at=day(1)
    )
    assert (diverted.state, diverted.route) == (P.DIVERTED, Route.LITIGATION)
    with pytest.raises(InvalidTransition, match="'diverted'"):
        diverted.answer(outcome=Outcome.SUPPORTED, basis="x", by=CLERK, at=day(2))


def test_a_petition_is_not_diverted_to_a_route_only_tickets_use() -> None:
    with pytest.raises(ValidationError, match="a petition is routed to one of: litigation"):
        registered().divert(route=Route.EMERGENCY, reason="x", by=CLERK, at=day(1))
    with pytest.raises(ValidationError, match="reason"):
        registered().divert(route=Route.ARBITRATION, reason="", by=CLERK, at=day(1))


# -- review (复查) and re-review (复核) ------------------------------------------------------


def test_a_review_requested_on_day_30_is_allowed() -> None:
    petition = answered().request_review(to=COUNTY, by=VILLAGER, at=at(2026, 5, 11, 23))
    assert petition.state is P.UNDER_REVIEW
    assert petition.handled_by == COUNTY
    assert petition.deadline is not None
    assert petition.deadline.due == at(2026, 6, 10).end_of("day")


def test_a_review_requested_on_day_31_is_refused() -> None:
    with pytest.raises(GuardRejected, match=r"window closed at 2026-05-11 23:59.*第35条") as info:
        answered().request_review(to=COUNTY, by=VILLAGER, at=at(2026, 5, 12, 0))
    assert info.value.guard == "timely_request_to_a_superior"


def test_a_review_goes_to_a_body_above_the_one_that_answered() -> None:
    with pytest.raises(GuardRejected, match="is not above"):
        answered().request_review(to=BUREAU, by=VILLAGER, at=day(45))
    with pytest.raises(GuardRejected, match="is not above"):
        answered().request_review(to=TOWN, by=VILLAGER, at=day(45))


def test_the_review_window_crosses_a_leap_day() -> None:
    leap = answered(handling(), when=pendulum.datetime(2028, 1, 31, 10, tz=TZ))
    common = answered(handling(), when=pendulum.datetime(2027, 1, 31, 10, tz=TZ))
    assert leap.deadline is not None
    assert common.deadline is not None
    assert leap.deadline.due.date() == pendulum.Date(2028, 3, 1)
    assert common.deadline.due.date() == pendulum.Date(2027, 3, 2)


def test_a_re_review_of_a_matter_never_reviewed_is_refused() -> None:
    with pytest.raises(InvalidTransition, match="which allows only: request_review, conclude"):
        answered().request_re_review(to=CITY, by=VILLAGER, at=day(45))


def test_a_re_review_requested_on_day_31_after_the_review_is_refused() -> None:
    petition = reviewed()  # review opinion on day 60, 2026-05-01
    assert petition.deadline is not None
    assert str(petition.deadline.limit.source) == "信访工作条例(2022) 第36条"
    ok = petition.request_re_review(to=CITY, by=VILLAGER, at=at(2026, 5, 31, 23))
    assert ok.state is P.UNDER_RE_REVIEW
    with pytest.raises(GuardRejected, match=r"第36条"):
        petition.request_re_review(to=CITY, by=VILLAGER, at=at(2026, 6, 1, 0))


def test_hearing_time_is_not_counted_in_the_re_review() -> None:
    petition = re_reviewing()
    assert petition.deadline is not None
    assert petition.deadline.due == at(2026, 6, 5).end_of("day")
    heard = petition.begin_hearing(by=CLERK, at=at(2026, 5, 11, 14)).end_hearing(
        by=CLERK, at=at(2026, 5, 13, 17)
    )
    assert heard.hearing_since is None
    assert heard.deadline is not None
    assert heard.deadline.due == at(2026, 6, 8).end_of("day")  # 11, 12, 13 May not counted


def test_a_re_review_cannot_become_overdue_while_its_hearing_lasts() -> None:
    hearing = re_reviewing().begin_hearing(by=CLERK, at=at(2026, 5, 11, 14))
    assert hearing.hearing_since == at(2026, 5, 11, 14)
    assert not hearing.overdue(at(2026, 7, 1))


def test_a_hearing_during_handling_does_not_stop_the_clock() -> None:
    petition = handling().begin_hearing(by=CLERK, at=day(20)).end_hearing(by=CLERK, at=day(22))
    assert petition.deadline is not None
    assert petition.deadline.due == at(2026, 5, 6).end_of("day")


def test_no_opinion_while_a_hearing_is_open_and_one_hearing_at_a_time() -> None:
    hearing = re_reviewing().begin_hearing(by=CLERK, at=day(66))
    with pytest.raises(GuardRejected, match="a hearing is open since"):
        hearing.answer_re_review(outcome=Outcome.SUPPORTED, basis="x", by=CLERK, at=day(67))
    with pytest.raises(GuardRejected, match="a hearing is open since"):
        hearing.begin_hearing(by=CLERK, at=day(67))
    with pytest.raises(GuardRejected, match="no hearing is open"):
        re_reviewing().end_hearing(by=CLERK, at=day(67))


def test_the_re_review_opinion_makes_the_matter_final() -> None:
    petition = final()
    assert petition.state is P.FINAL
    assert [o.stage for o in petition.opinions] == [Stage.HANDLING, Stage.REVIEW, Stage.RE_REVIEW]
    assert petition.opinions[-1].body == CITY
    assert petition.deadline is None
    assert petition.is_resolved
    assert petition.allowed() == ()


def test_a_matter_is_concluded_only_after_the_review_window_lapsed() -> None:
    with pytest.raises(GuardRejected, match="may still ask until 2026-05-11 23:59"):
        answered().conclude(by=CLERK, at=at(2026, 5, 11, 23))
    assert answered().conclude(by=CLERK, at=at(2026, 5, 12, 0)).state is P.FINAL


# -- repeats and level-skipping (第19条, 第20条, 第36条) ------------------------------------


def test_a_repeat_to_a_superior_while_the_original_is_within_its_limit_is_not_accepted() -> None:
    original = handling()
    repeat = registered(id="XF-2", lodged_with=CITY, at=day(10))
    linked = repeat.link_repeat(original=original, by=CLERK, at=day(10))
    assert (linked.state, linked.repeat_of) == (P.REPEAT, "XF-1")
    event = linked.history[-1]
    assert isinstance(event, LinkedAsRepeat)
    assert str(event.basis) == "信访工作条例(2022) 第19条第3款"


def test_a_repeat_is_accepted_on_its_own_once_the_original_is_overdue() -> None:
    original = handling()  # due at the end of 6 May, day 65
    repeat = registered(id="XF-2", lodged_with=CITY, at=day(10))
    assert repeat_bar(original, day(65)) is not None
    assert repeat_bar(original, day(66)) is None
    with pytest.raises(RepeatError, match="no rule bars a new petition"):
        repeat.link_repeat(original=original, by=CLERK, at=day(66))


def test_a_repeat_of_a_final_matter_is_not_accepted_again() -> None:
    repeat = registered(id="XF-2", at=day(90))
    assert str(repeat_bar(final(), day(90))) == "信访工作条例(2022) 第36条第3款"
    assert repeat.link_repeat(original=final(), by=CLERK, at=day(90)).state is P.REPEAT


def test_a_repeat_of_a_matter_not_yet_accepted_or_of_itself_is_refused() -> None:
    with pytest.raises(RepeatError, match="'registered'"):
        registered(id="XF-2").link_repeat(original=registered(), by=CLERK, at=day(1))
    with pytest.raises(RepeatError, match="cannot repeat itself"):
        registered().link_repeat(original=handling(), by=CLERK, at=day(6))
    bad: Any = "XF-1"
    with pytest.raises(ValidationError, match="original: must be a Petition"):
        registered(id="XF-2").link_repeat(original=bad, by=CLERK, at=day(1))


def test_a_visit_lodged_two_levels_above_the_handling_body_skips_a_level() -> None:
    skipping = registered(channel=Channel.VISIT, lodged_with=PROVINCE).transfer(
        to=BUREAU, by=CLERK, at=day(1)
    )
    one_up = registered(channel=Channel.VISIT, lodged_with=CITY).transfer(
        to=BUREAU, by=CLERK, at=day(1)
    )
    letter = registered(lodged_with=PROVINCE).transfer(to=BUREAU, by=CLERK, at=day(1))
    assert skipping.is_level_skipping
    assert not one_up.is_level_skipping
    assert not letter.is_level_skipping
    assert not registered(channel=Channel.VISIT, lodged_with=PROVINCE).is_level_skipping


# -- what next, by when ---------------------------------------------------------------------


def test_next_step_names_the_action_the_party_and_the_deadline() -> None:
    step = handling().next_step()
    assert step is not None
    assert step.action.zh == "出具信访处理意见书"
    assert step.party.zh == "办理机关"
    assert step.duty
    assert "answer" in step.commands
    assert str(step).startswith("办理机关: 出具信访处理意见书 (the handling body: give")
    assert "届满 due 2026-05-06 23:59" in str(step)
    window = answered().next_step()
    assert window is not None
    assert not window.duty
    assert window.party.en == "the petitioner"


def test_remaining_time_counts_down_to_the_deadline() -> None:
    petition = handling()
    assert petition.remaining(at(2026, 5, 5).end_of("day")) == (pendulum.duration(days=1))
    remaining = petition.remaining(at(2026, 5, 8))
    assert remaining is not None
    assert remaining.total_seconds() < 0


def test_a_command_dated_before_the_last_change_is_refused() -> None:
    with pytest.raises(ChronologyError):
        handling().answer(outcome=Outcome.SUPPORTED, basis="x", by=CLERK, at=day(4))


def test_the_machine_draws_itself() -> None:
    assert PETITION.mermaid("en").splitlines()[1] == '    state "Registered" as registered'


# -- serde and random walks -----------------------------------------------------------------


@pytest.mark.parametrize(
    "petition",
    [registered(), final(), re_reviewing().begin_hearing(by=CLERK, at=day(66))],
    ids=["registered", "final", "in-hearing"],
)
def test_a_petition_survives_a_json_round_trip(petition: Petition) -> None:
    document = json.loads(json.dumps(to_dict(petition), ensure_ascii=False))
    assert from_dict(document, Petition) == petition


def _at(data: st.DataObject, petition: Petition) -> pendulum.DateTime:
    # Mostly forward (minutes or days), sometimes backward to exercise the chronology rule.
    minutes = data.draw(
        st.one_of(st.integers(-120, 600), st.integers(0, 45 * 1440)), label="minutes"
    )
    return petition.last_changed.add(minutes=minutes)


BODIES = st.sampled_from([OFFICE, BUREAU, COUNTY, CITY, PROVINCE, TOWN])
OUTCOMES = st.sampled_from(list(Outcome))
FINAL_ORIGINAL = final()  # XF-1; the walks register XF-W

WALK: dict[str, Command[Petition]] = {
    "transfer": lambda p, d: p.transfer(
        to=d.draw(BODIES), by=CLERK, at=_at(d, p), assigned=d.draw(st.booleans())
    ),
    "raise_objection": lambda p, d: p.raise_objection(reason="不属本单位", by=CLERK, at=_at(d, p)),
    "accept": lambda p, d: p.accept(by=CLERK, at=_at(d, p)),
    "divert": lambda p, d: p.divert(
        route=d.draw(st.sampled_from(sorted(PETITION_ROUTES, key=lambda r: r.value))),
        reason="告知诉讼途径",
        by=CLERK,
        at=_at(d, p),
    ),
    "link_repeat": lambda p, d: p.link_repeat(original=FINAL_ORIGINAL, by=CLERK, at=_at(d, p)),
    "extend": lambda p, d: p.extend(
        extra=CalendarDays(d.draw(st.integers(1, 40))),
        approved_by=HEAD,
        reason="情况复杂",
        by=CLERK,
        at=_at(d, p),
    ),
    "begin_hearing": lambda p, d: p.begin_hearing(by=CLERK, at=_at(d, p)),
    "end_hearing": lambda p, d: p.end_hearing(by=CLERK, at=_at(d, p)),
    "settle": lambda p, d: p.settle(
        agreement=d.draw(st.sampled_from(list(Agreement))), document="协议", by=CLERK, at=_at(d, p)
    ),
    "answer": lambda p, d: p.answer(outcome=d.draw(OUTCOMES), basis="依据", by=CLERK, at=_at(d, p)),
    "request_review": lambda p, d: p.request_review(to=d.draw(BODIES), by=VILLAGER, at=_at(d, p)),
    "answer_review": lambda p, d: p.answer_review(
        outcome=d.draw(OUTCOMES), basis="依据", by=CLERK, at=_at(d, p)
    ),
    "request_re_review": lambda p, d: p.request_re_review(
        to=d.draw(BODIES), by=VILLAGER, at=_at(d, p)
    ),
    "answer_re_review": lambda p, d: p.answer_re_review(
        outcome=d.draw(OUTCOMES), basis="依据", by=CLERK, at=_at(d, p)
    ),
    "conclude": lambda p, d: p.conclude(by=CLERK, at=_at(d, p)),
}


def test_the_walk_covers_every_command_but_the_creating_one() -> None:
    assert set(WALK) == set(PETITION.commands) - {"register"}


@given(
    st.data(),
    instants(),
    st.sampled_from([REGULATION_2022, REGULATION_2005, ZHEJIANG_2016]),
    st.sampled_from([OFFICE, BUREAU]),
)
def test_random_walks_keep_replay_and_no_change_on_failure(
    data: st.DataObject,
    start: pendulum.DateTime,
    policy: PetitionPolicy,
    lodged_with: Any,
) -> None:
    petition = registered(id="XF-W", at=start, policy=policy, lodged_with=lodged_with)
    end = random_walk(data, petition, WALK, steps=30)
    assert replay(end.history) == end
    assert (end.deadline is None) == end.is_final
