from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import (
    Actor,
    CalendarDays,
    ChinaCalendar,
    EndOfDay,
    Label,
    Source,
    TimeLimit,
    WorkingDays,
    replay,
)
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
    REPORT_SOURCE,
    ZHEJIANG_2016,
    Adoption,
    Agreement,
    Channel,
    CompletionReport,
    Outcome,
    Petition,
    PetitionPolicy,
    PetitionState,
    RepeatError,
    RepresentativesError,
    Route,
    Stage,
    SuggestionReply,
    repeat_bar,
)
from jiceng.petitions.events import LinkedAsRepeat, ReportSubmitted
from jiceng.petitions.metrics import completion_rate, on_time_rate, resolution_rate
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
        "register.id",
        "register.channel",
        "register.petitioners[0]",
        "register.matter",
        "register.lodged_with",
        "register.group_size",
        "register.policy",
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
    with pytest.raises(ValidationError, match="group_size: must be at least the 2 people named"):
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
    with pytest.raises(ValidationError, match=r"raise_objection\.reason: must not be empty"):
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


def _extended(policy: PetitionPolicy, *days: int) -> Petition:
    """Handled under `policy` and extended by each of `days` in turn, from day 20."""
    petition = handling(policy=policy)
    for n, extra in enumerate(days):
        petition = petition.extend(
            extra=CalendarDays(extra), approved_by=HEAD, reason="情况复杂", by=CLERK, at=day(20 + n)
        )
    return petition


@pytest.mark.parametrize("policy", [REGULATION_2022, REGULATION_2005])
def test_several_extensions_are_allowed_while_they_total_at_most_thirty_days(
    policy: PetitionPolicy,
) -> None:
    thrice = _extended(policy, 10, 10, 10)
    assert thrice.deadline is not None
    assert [e.rule for e in thrice.deadline.extensions] == [CalendarDays(10)] * 3
    assert thrice.deadline.due == at(2026, 6, 5).end_of("day")  # 6 May + 30 days


@pytest.mark.parametrize("policy", [REGULATION_2022, REGULATION_2005])
def test_an_extension_that_brings_the_total_past_thirty_days_is_refused(
    policy: PetitionPolicy,
) -> None:
    twice = _extended(policy, 10, 10)
    with pytest.raises(
        GuardRejected, match=r"allows at most 30日 .* in all, and this would make 31"
    ):
        twice.extend(extra=CalendarDays(11), approved_by=HEAD, reason="再延", by=CLERK, at=day(30))
    assert twice == _extended(policy, 10, 10)  # unchanged


@pytest.mark.parametrize("policy", [REGULATION_2022, REGULATION_2005, ZHEJIANG_2016])
def test_an_extension_approved_by_the_one_who_asks_is_refused(policy: PetitionPolicy) -> None:
    petition = handling(policy=policy)
    self_approved = Actor.person(CLERK.id, "同一人另名")  # the same person, whatever the name
    with pytest.raises(
        GuardRejected, match="approved by someone other than person:p-clerk"
    ) as info:
        petition.extend(
            extra=CalendarDays(10),
            approved_by=self_approved,
            reason="情况复杂",
            by=CLERK,
            at=day(20),
        )
    assert info.value.guard == "approved_extension_within_limit"
    assert str(policy.handling.source) in str(info.value)
    assert petition == handling(policy=policy)


def test_an_extension_approved_by_another_actor_with_the_same_id_of_another_kind_is_taken() -> None:
    head_role = Actor.role(CLERK.id, "局长")
    extended = handling().extend(
        extra=CalendarDays(10), approved_by=head_role, reason="情况复杂", by=CLERK, at=day(20)
    )
    assert extended.deadline is not None
    assert extended.deadline.extensions[0].approved_by == head_role


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


def test_zhejiang_allows_several_extensions_within_sixty_days_in_all() -> None:
    thrice = _extended(ZHEJIANG_2016, 20, 20, 20)
    assert thrice.deadline is not None
    assert thrice.deadline.due == at(2026, 6, 5).end_of("day")
    with pytest.raises(GuardRejected, match=r"第23条 allows at most 60日 .* would make 61"):
        _extended(ZHEJIANG_2016, 20, 20, 21)


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
    with pytest.raises(ValidationError, match=r"answer\.basis: must not be empty"):
        handling().answer(outcome=Outcome.SUPPORTED, basis="", by=CLERK, at=day(10))


def test_an_opinion_needs_an_outcome() -> None:
    bad: Any = "不予支持"
    with pytest.raises(ValidationError, match=r"answer\.outcome: expected a Outcome member"):
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


def test_under_the_2005_regulation_reviews_and_reports_cite_its_articles_not_2022s() -> None:
    # 信访条例(2005): review 第34条, re-review 第35条, assignment report 第21条第1款第4项;
    # the table rows cite 信访工作条例(2022) 第35条, 第36条, 第22条第1款第3项.
    old = answered(handling(policy=REGULATION_2005))
    assert old.deadline is not None
    assert str(old.deadline.limit.source) == "信访条例(2005) 第34条"
    with pytest.raises(GuardRejected, match=r"window closed at 2026-05-11 23:59") as late:
        old.request_review(to=COUNTY, by=VILLAGER, at=at(2026, 5, 12, 0))
    assert "信访条例(2005) 第34条" in str(late.value)
    assert "第35条" not in str(late.value)
    review = old.request_review(to=COUNTY, by=VILLAGER, at=day(45))
    assert review.deadline is not None
    assert str(review.deadline.limit.source) == "信访条例(2005) 第34条"
    reviewed_2005 = review.answer_review(
        outcome=Outcome.NOT_SUPPORTED, basis="维持", by=CLERK, at=day(60)
    )
    assert reviewed_2005.deadline is not None
    assert str(reviewed_2005.deadline.limit.source) == "信访条例(2005) 第35条"
    with pytest.raises(GuardRejected, match=r"信访条例\(2005\) 第21条第1款第4项") as unowed:
        old.submit_report(summary="已办结", by=CLERK, at=day(41))
    assert "第22条" not in str(unowed.value)
    report = (
        registered(policy=REGULATION_2005)
        .transfer(to=BUREAU, by=CLERK, at=day(2), assigned=True, report_limit=CalendarDays(30))
        .report_deadline
    )
    assert report is not None
    assert str(report.limit.source) == "信访条例(2005) 第21条第1款第4项"


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
    original = handling()  # accepted by the county bureau
    repeat = registered(id="XF-2", lodged_with=CITY, at=day(10))
    linked = repeat.link_repeat(original=original, by=CLERK, at=day(10))
    assert (linked.state, linked.repeat_of) == (P.REPEAT, "XF-1")
    event = linked.history[-1]
    assert isinstance(event, LinkedAsRepeat)
    assert event.basis == REGULATION_2022.accepted_bar
    assert str(event.basis) == "信访工作条例(2022) 第19条第3款"
    assert event.basis.text.endswith("上级机关、单位不予受理。")
    assert repeat_bar(original, day(10), lodged_with=PROVINCE) == REGULATION_2022.accepted_bar


@pytest.mark.parametrize(
    "body", [BUREAU, OFFICE, TOWN], ids=["the accepting body", "a body of its level", "lower"]
)
def test_a_repeat_lodged_below_a_superior_is_not_barred_by_article_19(body: Any) -> None:
    original = handling()  # accepted by the county bureau, within its time limit
    repeat = registered(id="XF-2", lodged_with=body, at=day(10))
    assert repeat_bar(original, day(10), lodged_with=body) is None
    with pytest.raises(RepeatError, match=r"第19条第3款 bars a repeat only at a superior") as info:
        repeat.link_repeat(original=original, by=CLERK, at=day(10))
    assert "accepted by 城西县自然资源局 (县级)" in str(info.value)
    assert repeat.accept(by=CLERK, at=day(11)).state is P.HANDLING  # handled on its own


def test_under_review_the_bar_reaches_the_superiors_of_the_body_that_accepted_it() -> None:
    original = answered().request_review(to=CITY, by=VILLAGER, at=day(45))
    assert repeat_bar(original, day(50), lodged_with=CITY) == REGULATION_2022.accepted_bar
    assert repeat_bar(original, day(50), lodged_with=COUNTY) is None
    assert repeat_bar(original, day(50), lodged_with=BUREAU) is None


def test_a_repeat_is_accepted_on_its_own_once_the_original_is_overdue() -> None:
    original = handling()  # due at the end of 6 May, day 65
    repeat = registered(id="XF-2", lodged_with=CITY, at=day(10))
    assert repeat_bar(original, day(65), lodged_with=CITY) is not None
    assert repeat_bar(original, day(66), lodged_with=CITY) is None
    with pytest.raises(RepeatError, match="no rule bars a new petition"):
        repeat.link_repeat(original=original, by=CLERK, at=day(66))


def test_zhejiang_bars_a_repeat_at_any_body_while_the_original_is_within_its_limit() -> None:
    original = handling(policy=ZHEJIANG_2016)  # due at the end of 6 April, day 35
    for body in (CITY, BUREAU, OFFICE, TOWN):
        assert repeat_bar(original, day(35), lodged_with=body) == ZHEJIANG_2016.accepted_bar
        assert repeat_bar(original, day(36), lodged_with=body) is None
    repeat = registered(id="XF-2", lodged_with=BUREAU, at=day(10), policy=ZHEJIANG_2016)
    event = repeat.link_repeat(original=original, by=CLERK, at=day(10)).history[-1]
    assert isinstance(event, LinkedAsRepeat)
    assert str(event.basis) == "浙江省信访条例(2016) 第20条第1款第5项"


def test_a_repeat_of_a_final_matter_is_not_accepted_again_by_any_body() -> None:
    repeat = registered(id="XF-2", at=day(90))
    for body in (CITY, BUREAU, TOWN):
        basis = repeat_bar(final(), day(90), lodged_with=body)
        assert str(basis) == "信访工作条例(2022) 第36条第3款"
    assert repeat.link_repeat(original=final(), by=CLERK, at=day(90)).state is P.REPEAT


def test_a_petition_past_acceptance_cannot_be_linked_whatever_the_original() -> None:
    with pytest.raises(InvalidTransition, match="cannot 'link_repeat'"):
        handling(id="XF-2").link_repeat(original=handling(), by=CLERK, at=day(10))


def test_the_bar_is_asked_about_a_body() -> None:
    bad: Any = "东州市人民政府"
    with pytest.raises(ValidationError, match="lodged_with: expected Body"):
        repeat_bar(handling(), day(10), lodged_with=bad)


def test_a_repeat_of_a_matter_not_yet_accepted_or_of_itself_is_refused() -> None:
    with pytest.raises(RepeatError, match="'registered'"):
        registered(id="XF-2").link_repeat(original=registered(), by=CLERK, at=day(1))
    with pytest.raises(RepeatError, match="cannot repeat itself"):
        registered().link_repeat(original=handling(), by=CLERK, at=day(6))
    bad: Any = "XF-1"
    with pytest.raises(ValidationError, match=r"link_repeat\.original: expected Petition"):
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


# -- assignment (交办) and the completion report (办结报告, 第22条第1款第3项) -----------------

REPORT_DUE = pendulum.Date(2026, 4, 18)  # 45 days after the assignment on day 2 (4 March)


def assigned(report_limit: Any = REPORT_DUE) -> Petition:
    """Assigned to the bureau on day 2 (2026-03-04), its report due at the end of 18 April."""
    return registered().transfer(
        to=BUREAU, by=CLERK, at=day(2), assigned=True, report_limit=report_limit
    )


def assigned_and_answered(report_limit: Any = REPORT_DUE) -> Petition:
    """Assigned, accepted on day 5 and answered on day 40 (2026-04-11)."""
    return answered(assigned(report_limit).accept(by=CLERK, at=day(5)))


def test_an_assignment_carries_the_report_time_limit_set_by_the_assigning_body() -> None:
    petition = assigned(CalendarDays(45))
    assert petition.state is P.TRANSFERRED
    assert (petition.assigned_to, petition.is_assigned, petition.report) == (BUREAU, True, None)
    report = petition.report_deadline
    assert report is not None
    assert report.due == at(2026, 4, 18).end_of("day")
    assert report.limit.source == REPORT_SOURCE
    assert "提交办结报告" in report.limit.source.text
    assert str(report.limit.source) == "信访工作条例(2022) 第22条第1款第3项"
    assert report.limit.label == Label("交办办结报告期限", "time to report on an assigned matter")
    assert petition.deadline is not None  # the 15 days to notify acceptance run as before
    assert petition.deadline.due == at(2026, 3, 19).end_of("day")


def test_a_plain_transfer_carries_no_report() -> None:
    petition = registered().transfer(to=BUREAU, by=CLERK, at=day(2))
    assert (petition.assigned_to, petition.is_assigned, petition.report_deadline) == (
        None,
        False,
        None,
    )
    assert not petition.report_overdue(day(400))


def test_a_report_limit_given_as_a_day_is_due_at_the_end_of_that_day() -> None:
    by_day = assigned(REPORT_DUE).report_deadline
    by_rule = assigned(CalendarDays(45)).report_deadline
    assert by_day is not None
    assert by_rule is not None
    assert by_day.limit.rule == CalendarDays(45)
    assert by_day.due == by_rule.due
    same_day = assigned(pendulum.Date(2026, 3, 4)).report_deadline
    assert same_day is not None
    assert same_day.limit.rule == EndOfDay()
    assert same_day.due == at(2026, 3, 4).end_of("day")


def test_a_report_limit_may_count_working_days_or_be_a_time_limit_of_its_own() -> None:
    working = assigned(WorkingDays(10)).report_deadline  # Wednesday 4 March + 10 working days
    assert working is not None
    assert working.due == at(2026, 3, 18).end_of("day")
    own = TimeLimit(rule=CalendarDays(20), source=Source("某市信访局交办单"))
    given = assigned(own).report_deadline
    assert given is not None
    assert given.limit is own


def test_a_report_due_before_the_assignment_is_refused_and_changes_nothing() -> None:
    petition = registered()
    before = petition.history
    with pytest.raises(
        ValidationError, match=r"report_limit: .*before the assignment on 2026-03-04"
    ):
        petition.transfer(
            to=BUREAU,
            by=CLERK,
            at=day(2),
            assigned=True,
            report_limit=pendulum.Date(2026, 3, 3),
        )
    assert petition.state is P.REGISTERED
    assert petition.history is before
    assert petition.report_deadline is None


@pytest.mark.parametrize("bad", ["45日", 45, pendulum.datetime(2026, 4, 18, tz=TZ)])
def test_a_report_limit_of_another_kind_is_refused(bad: Any) -> None:
    with pytest.raises(ValidationError, match=r"transfer\.report_limit: expected") as info:
        assigned(bad)
    assert info.value.paths == ("transfer.report_limit",)


def test_a_report_limit_given_as_a_day_needs_an_aware_instant() -> None:
    naive: Any = pendulum.naive(2026, 3, 4, 9)
    with pytest.raises(ValidationError, match=r"transfer\.at: must be timezone-aware"):
        registered().transfer(to=BUREAU, by=CLERK, at=naive, assigned=True, report_limit=REPORT_DUE)


def test_a_plain_transfer_with_a_report_limit_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"plain transfer \(转送\) asks for no report"):
        registered().transfer(to=BUREAU, by=CLERK, at=day(2), report_limit=CalendarDays(30))


def test_a_report_on_the_due_day_is_on_time() -> None:
    petition = assigned_and_answered()
    assert not petition.report_overdue(at(2026, 4, 18, 23, 59))
    reported = petition.submit_report(
        summary="已出具处理意见书，不予支持", by=CLERK, at=at(2026, 4, 18, 23)
    )
    assert reported.state is P.ANSWERED  # the petitioner's window runs on
    assert reported.deadline == petition.deadline
    assert reported.report == CompletionReport(
        body=BUREAU, summary="已出具处理意见书，不予支持", at=at(2026, 4, 18, 23), on_time=True
    )
    assert isinstance(reported.history[-1], ReportSubmitted)
    assert not reported.report_overdue(at(2026, 5, 1))
    assert replay(reported.history) == reported


def test_a_report_a_day_later_is_overdue_and_recorded_as_late() -> None:
    petition = assigned_and_answered()
    assert petition.report_overdue(at(2026, 4, 19, 0, 0))
    late = petition.submit_report(summary="已办结", by=CLERK, at=at(2026, 4, 19, 0, 0))
    assert late.report is not None
    assert late.report.on_time is False
    assert late.report.at == at(2026, 4, 19, 0, 0)
    assert not late.report_overdue(at(2026, 4, 20))
    assert replay(late.history) == late


def test_the_report_clock_runs_from_the_assignment_while_the_matter_is_handled() -> None:
    handling_assigned = assigned().accept(by=CLERK, at=day(5))
    assert handling_assigned.report_deadline == assigned().report_deadline
    assert handling_assigned.report_overdue(at(2026, 4, 19))  # no opinion yet, report late
    assert not handling_assigned.report_overdue(at(2026, 4, 18, 12))


def test_a_report_on_a_plain_transfer_is_refused_and_changes_nothing() -> None:
    petition = answered()  # transferred without assignment
    before = petition.history
    with pytest.raises(GuardRejected, match=r"not assigned \(交办\).*第22条第1款第3项") as info:
        petition.submit_report(summary="已办结", by=CLERK, at=day(41))
    assert info.value.guard == "report_owed"
    assert petition.history is before
    assert petition.report is None
    direct = answered(registered(lodged_with=BUREAU).accept(by=CLERK, at=day(3)))
    with pytest.raises(GuardRejected, match="not assigned"):
        direct.submit_report(summary="已办结", by=CLERK, at=day(41))


def test_a_second_report_is_refused() -> None:
    once = assigned_and_answered().submit_report(summary="已办结", by=CLERK, at=day(42))
    with pytest.raises(GuardRejected, match="already submitted at 2026-04-13 09:00"):
        once.submit_report(summary="再报", by=CLERK, at=day(43))


def test_a_report_before_the_opinion_is_refused() -> None:
    with pytest.raises(InvalidTransition, match="'transferred'"):
        assigned().submit_report(summary="已办结", by=CLERK, at=day(3))
    with pytest.raises(InvalidTransition, match="'handling'"):
        assigned().accept(by=CLERK, at=day(5)).submit_report(summary="已办结", by=CLERK, at=day(6))


def test_a_report_dated_before_the_last_event_is_refused() -> None:
    with pytest.raises(ChronologyError):
        assigned_and_answered().submit_report(summary="已办结", by=CLERK, at=day(39))


def test_a_report_needs_a_summary() -> None:
    with pytest.raises(ValidationError, match=r"submit_report\.summary: must not be empty"):
        assigned_and_answered().submit_report(summary=" ", by=CLERK, at=day(41))


def test_a_report_may_come_while_the_petitioner_seeks_a_review_but_not_once_final() -> None:
    answered_ = assigned_and_answered()
    under_review = answered_.request_review(to=COUNTY, by=VILLAGER, at=day(45))
    report = under_review.submit_report(summary="已办结", by=CLERK, at=day(46)).report
    assert report is not None
    assert report.body == BUREAU  # the body it was assigned to, not the reviewing one
    reviewed_ = under_review.answer_review(
        outcome=Outcome.NOT_SUPPORTED, basis="维持", by=CLERK, at=day(60)
    )
    assert reviewed_.submit_report(summary="已办结", by=CLERK, at=day(61)).report is not None
    re_reviewing_ = reviewed_.request_re_review(to=CITY, by=VILLAGER, at=day(65))
    assert re_reviewing_.submit_report(summary="已办结", by=CLERK, at=day(66)).report is not None
    concluded = answered_.conclude(by=CLERK, at=at(2026, 5, 12))
    with pytest.raises(InvalidTransition, match="'final'"):
        concluded.submit_report(summary="已办结", by=CLERK, at=at(2026, 5, 13))
    assert concluded.report is None
    assert not concluded.report_overdue(at(2026, 5, 13))  # no report can come any more


def test_an_objection_voids_the_assignment() -> None:
    objected = assigned().raise_objection(reason="不属本单位职责", by=CLERK, at=day(3))
    assert (objected.assigned_to, objected.report_deadline) == (None, None)
    again = objected.transfer(to=COUNTY, by=CLERK, at=day(4))
    assert not again.is_assigned
    assert replay(again.history) == again


def test_an_assignment_without_a_limit_reports_without_a_due() -> None:
    petition = answered(
        registered()
        .transfer(to=BUREAU, by=CLERK, at=day(2), assigned=True)
        .accept(by=CLERK, at=day(5))
    )
    assert petition.is_assigned
    assert petition.report_deadline is None
    assert not petition.report_overdue(day(400))
    report = petition.submit_report(summary="已办结", by=CLERK, at=day(400)).report
    assert report is not None
    assert report.on_time is None


# -- suggestions and opinions (建议意见类, 第29条) ---------------------------------------------


def studying(petition: Petition | None = None) -> Petition:
    """Transferred on day 2 and accepted for study on day 5."""
    base = petition or registered().transfer(to=BUREAU, by=CLERK, at=day(2))
    return base.accept_for_study(by=CLERK, at=day(5))


def test_a_suggestion_accepted_for_study_runs_no_handling_time_limit() -> None:
    petition = studying()
    assert petition.state is P.STUDYING
    assert petition.handled_by == BUREAU
    assert petition.deadline is None  # 第34条 counts only claims under 第31条第6项
    assert not petition.overdue(day(1000))
    assert petition.remaining(day(10)) is None
    assert petition.allowed() == ("answer_suggestion", "divert")
    step = petition.next_step()
    assert step is not None
    assert (step.action.zh, step.party.zh, step.deadline, step.duty) == (
        "研究论证并予以回复",
        "办理机关",
        None,
        True,
    )
    direct = registered(lodged_with=BUREAU).accept_for_study(by=CLERK, at=day(1))
    assert direct.handled_by == BUREAU


@pytest.mark.parametrize("adoption", list(Adoption))
def test_a_suggestion_is_answered_with_what_was_adopted_and_a_reply(adoption: Adoption) -> None:
    petition = studying().answer_suggestion(
        adoption=adoption, reply="经研究论证，答复如下", by=CLERK, at=day(90)
    )
    assert petition.state is P.SUGGESTION_ANSWERED
    assert petition.suggestion_reply == SuggestionReply(
        adoption=adoption, reply="经研究论证，答复如下", body=BUREAU, at=day(90)
    )
    assert (petition.is_final, petition.is_completed, petition.is_resolved) == (True, True, True)
    assert petition.on_time is True  # no time limit ran, so the reply cannot be late
    assert (petition.opinions, petition.outcome, petition.deadline) == ((), None, None)
    assert petition.allowed() == ()
    assert replay(petition.history) == petition


def test_suggestion_outcomes_are_labelled_as_the_law_words_them() -> None:
    assert [a.zh for a in Adoption] == ["采纳", "部分采纳", "不予采纳"]


def test_an_answered_suggestion_counts_as_completed_on_time_and_resolved() -> None:
    cases = [
        studying().answer_suggestion(
            adoption=Adoption.PARTLY_ADOPTED, reply="部分采纳", by=CLERK, at=day(200)
        ),
        studying(),
    ]
    assert str(completion_rate(cases)) == "50.00% (1/2)"
    assert str(resolution_rate(cases)) == "50.00% (1/2)"
    assert str(on_time_rate(cases)) == "50.00% (1/2)"


def test_a_suggestion_reply_is_not_reviewed() -> None:
    petition = studying().answer_suggestion(
        adoption=Adoption.NOT_ADOPTED, reply="暂不具备实施条件", by=CLERK, at=day(30)
    )
    with pytest.raises(InvalidTransition, match="'suggestion_answered'"):
        petition.request_review(to=COUNTY, by=VILLAGER, at=day(31))


@pytest.mark.parametrize(
    "command",
    [
        lambda p: p.answer(outcome=Outcome.SUPPORTED, basis="x", by=CLERK, at=day(10)),
        lambda p: p.extend(
            extra=CalendarDays(10), approved_by=HEAD, reason="复杂", by=CLERK, at=day(10)
        ),
        lambda p: p.begin_hearing(by=CLERK, at=day(10)),
        lambda p: p.settle(agreement=Agreement.MEDIATION, document="协议", by=CLERK, at=day(10)),
        lambda p: p.submit_report(summary="已办结", by=CLERK, at=day(10)),
    ],
    ids=["answer", "extend", "begin_hearing", "settle", "submit_report"],
)
def test_a_suggestion_is_not_handled_as_a_claim(command: Any) -> None:
    petition = studying()
    with pytest.raises(InvalidTransition, match="'studying'"):
        command(petition)
    assert petition.state is P.STUDYING


def test_a_claim_is_not_answered_as_a_suggestion() -> None:
    with pytest.raises(InvalidTransition, match="'handling'"):
        handling().answer_suggestion(adoption=Adoption.ADOPTED, reply="x", by=CLERK, at=day(10))


def test_a_suggestion_answer_needs_a_reply_and_an_adoption() -> None:
    with pytest.raises(ValidationError, match=r"answer_suggestion\.reply: must not be empty"):
        studying().answer_suggestion(adoption=Adoption.ADOPTED, reply="", by=CLERK, at=day(10))
    bad: Any = "采纳"
    with pytest.raises(ValidationError, match=r"answer_suggestion\.adoption: expected a Adoption"):
        studying().answer_suggestion(adoption=bad, reply="x", by=CLERK, at=day(10))


def test_a_suggestion_for_another_body_is_diverted() -> None:
    petition = studying().divert(
        route=Route.COMPETENT_BODY, reason="告知向市交通局提出", by=CLERK, at=day(8)
    )
    assert (petition.state, petition.route) == (P.DIVERTED, Route.COMPETENT_BODY)


def test_a_suggestion_being_studied_bars_a_repeat_and_an_answered_one_does_not() -> None:
    assert (
        str(repeat_bar(studying(), day(300), lodged_with=CITY)) == "信访工作条例(2022) 第19条第3款"
    )
    answered_ = studying().answer_suggestion(
        adoption=Adoption.ADOPTED, reply="采纳", by=CLERK, at=day(30)
    )
    assert repeat_bar(answered_, day(300), lodged_with=CITY) is None


def test_an_assigned_suggestion_ends_with_its_reply_and_takes_no_report() -> None:
    petition = studying(assigned()).answer_suggestion(
        adoption=Adoption.ADOPTED, reply="采纳", by=CLERK, at=day(30)
    )
    assert petition.is_assigned
    with pytest.raises(InvalidTransition, match="'suggestion_answered'"):
        petition.submit_report(summary="已办结", by=CLERK, at=day(31))
    assert not petition.report_overdue(day(100))


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


def test_the_diagram_on_the_petitions_page_is_the_machine_table() -> None:
    page = Path(__file__).parents[2] / "docs" / "petitions.md"
    fences = re.findall(r"```mermaid\n(.*?)\n```", page.read_text(encoding="utf-8"), re.DOTALL)
    assert fences[0] == PETITION.mermaid("zh")


# -- serde and random walks -----------------------------------------------------------------


@pytest.mark.parametrize(
    "petition",
    [registered(), final(), re_reviewing().begin_hearing(by=CLERK, at=day(66))],
    ids=["registered", "final", "in-hearing"],
)
def test_a_petition_survives_a_json_round_trip(petition: Petition) -> None:
    document = json.loads(json.dumps(to_dict(petition), ensure_ascii=False))
    assert from_dict(document, Petition) == petition


@pytest.mark.parametrize(
    "petition",
    [
        assigned_and_answered().submit_report(summary="已办结", by=CLERK, at=day(41)),
        assigned(WorkingDays(10)),
        assigned(pendulum.Date(2026, 3, 4)),
        studying().answer_suggestion(
            adoption=Adoption.PARTLY_ADOPTED, reply="部分采纳", by=CLERK, at=day(20)
        ),
    ],
    ids=["reported", "working-days", "same-day", "suggestion-answered"],
)
def test_an_assigned_or_suggested_petition_survives_a_json_round_trip(petition: Petition) -> None:
    document = json.loads(json.dumps(to_dict(petition), ensure_ascii=False))
    assert from_dict(document, Petition) == petition
    assert replay(petition.history) == petition


def test_a_document_with_a_report_limit_on_a_plain_transfer_is_refused() -> None:
    document = to_dict(assigned(CalendarDays(45)))
    document["history"][1]["assigned"] = False
    with pytest.raises(ValidationError, match="plain transfer"):
        from_dict(document, Petition)


def _at(data: st.DataObject, petition: Petition) -> pendulum.DateTime:
    # Mostly forward (minutes or days), sometimes backward to exercise the chronology rule.
    minutes = data.draw(
        st.one_of(st.integers(-120, 600), st.integers(0, 45 * 1440)), label="minutes"
    )
    return petition.last_changed.add(minutes=minutes)


BODIES = st.sampled_from([OFFICE, BUREAU, COUNTY, CITY, PROVINCE, TOWN])
OUTCOMES = st.sampled_from(list(Outcome))
FINAL_ORIGINAL = final()  # XF-1; the walks register XF-W
# Accepted by the county bureau: barred at a superior (2022) or at any body (浙江) in time.
ORIGINALS = st.sampled_from([FINAL_ORIGINAL, handling(), handling(policy=ZHEJIANG_2016)])


def _report_limits(at: pendulum.DateTime) -> st.SearchStrategy[Any]:
    """What an assigning body may set: nothing, a rule, the due day, or a time limit."""
    today = at.in_timezone(TZ).date()
    return st.one_of(
        st.none(),
        st.integers(1, 60).map(CalendarDays),
        st.integers(1, 20).map(WorkingDays),
        st.integers(0, 60).map(lambda n: today.add(days=n)),
        st.just(TimeLimit(rule=CalendarDays(30), source=REPORT_SOURCE)),
    )


def _transfer(p: Petition, d: st.DataObject) -> Petition:
    to, when = d.draw(BODIES), _at(d, p)
    assigned = d.draw(st.booleans(), label="assigned")
    limit = d.draw(_report_limits(when), label="report_limit") if assigned else None
    return p.transfer(to=to, by=CLERK, at=when, assigned=assigned, report_limit=limit)


WALK: dict[str, Command[Petition]] = {
    "transfer": _transfer,
    "raise_objection": lambda p, d: p.raise_objection(reason="不属本单位", by=CLERK, at=_at(d, p)),
    "accept": lambda p, d: p.accept(by=CLERK, at=_at(d, p)),
    "divert": lambda p, d: p.divert(
        route=d.draw(st.sampled_from(sorted(PETITION_ROUTES, key=lambda r: r.value))),
        reason="告知诉讼途径",
        by=CLERK,
        at=_at(d, p),
    ),
    "link_repeat": lambda p, d: p.link_repeat(original=d.draw(ORIGINALS), by=CLERK, at=_at(d, p)),
    "extend": lambda p, d: p.extend(
        extra=CalendarDays(d.draw(st.integers(1, 40))),
        approved_by=d.draw(st.sampled_from([HEAD, CLERK]), label="approved_by"),
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
    "accept_for_study": lambda p, d: p.accept_for_study(by=CLERK, at=_at(d, p)),
    "answer_suggestion": lambda p, d: p.answer_suggestion(
        adoption=d.draw(st.sampled_from(list(Adoption))), reply="答复", by=CLERK, at=_at(d, p)
    ),
    "submit_report": lambda p, d: p.submit_report(summary="办结报告", by=CLERK, at=_at(d, p)),
}


def test_the_walk_covers_every_command_but_the_creating_one() -> None:
    assert set(WALK) == set(PETITION.commands) - {"register"}


@given(
    st.data(),
    instants(),
    st.sampled_from([REGULATION_2022, REGULATION_2005, ZHEJIANG_2016]),
    st.sampled_from([OFFICE, BUREAU]),
    st.sampled_from([None, "城西县青溪镇李家村3组12号"]),
)
def test_random_walks_keep_replay_and_no_change_on_failure(
    data: st.DataObject,
    start: pendulum.DateTime,
    policy: PetitionPolicy,
    lodged_with: Any,
    address: str | None,
) -> None:
    petition = registered(
        id="XF-W", at=start, policy=policy, lodged_with=lodged_with, address=address
    )
    end = random_walk(data, petition, WALK, steps=30)
    assert replay(end.history) == end
    assert (end.address, end.written_notice_owed) == (address, address is not None)
    assert (end.deadline is None) == (end.is_final or end.state is P.STUDYING)
    _reports_only_when_assigned(end)


def _reports_only_when_assigned(petition: Petition) -> None:
    assert petition.report_deadline is None or petition.is_assigned
    report = petition.report
    assert report is None or report.body == petition.assigned_to
    if report is not None and petition.report_deadline is not None:
        assert report.on_time is not petition.report_deadline.overdue(report.at)


@given(
    st.data(),
    instants(),
    st.sampled_from([REGULATION_2022, REGULATION_2005, ZHEJIANG_2016]),
    st.sampled_from([P.TRANSFERRED, P.ANSWERED, P.STUDYING]),
)
def test_random_walks_from_an_assignment_keep_replay_and_no_change_on_failure(
    data: st.DataObject, start: pendulum.DateTime, policy: PetitionPolicy, stage: PetitionState
) -> None:
    # Starting from an assignment, its opinion or its study, so that the walks reach the
    # report and the answer to a suggestion as often as the other commands.
    when = start.add(days=1)
    limit = data.draw(_report_limits(when), label="report_limit")
    petition = registered(id="XF-W", at=start, policy=policy).transfer(
        to=BUREAU, by=CLERK, at=when, assigned=True, report_limit=limit
    )
    if stage is P.ANSWERED:
        petition = answered(
            petition.accept(by=CLERK, at=start.add(days=2)),
            start.add(days=data.draw(st.integers(2, 120), label="answered after")),
        )
    elif stage is P.STUDYING:
        petition = petition.accept_for_study(by=CLERK, at=start.add(days=2))
    end = random_walk(data, petition, WALK, steps=30)
    assert replay(end.history) == end
    assert (end.deadline is None) == (end.is_final or end.state is P.STUDYING)
    _reports_only_when_assigned(end)


# -- the boundary: every argument checked before any rule -----------------------------------


def _register(**changes: Any) -> Petition:
    arguments: dict[str, Any] = {
        "id": "XF-9",
        "channel": Channel.LETTER,
        "petitioners": [VILLAGER],
        "matter": LAND,
        "lodged_with": OFFICE,
        "by": CLERK,
        "at": day(0),
        "calendar": WEEKENDS,
    }
    return Petition.register(**(arguments | changes))


def test_extend_refuses_an_extra_given_as_a_bare_number_and_changes_nothing() -> None:
    petition = handling()
    before = petition.history
    bad: Any = 30
    with pytest.raises(ValidationError, match=r"extend\.extra: expected CalendarDays") as info:
        petition.extend(extra=bad, approved_by=HEAD, reason="情况复杂", by=CLERK, at=day(50))
    assert info.value.paths == ("extend.extra",)
    assert petition.history is before
    assert replay(petition.history) == petition == handling()


def test_register_refuses_a_channel_given_as_its_string() -> None:
    bad: Any = "visit"
    with pytest.raises(ValidationError, match=r"pass Channel\('visit'\), not its value") as info:
        _register(channel=bad)
    assert info.value.paths == ("register.channel",)


@pytest.mark.parametrize("size", [1, 5, 100_000])
def test_a_group_size_from_one_to_100_000_is_accepted(size: int) -> None:
    assert _register(group_size=size).group_size == size


def test_a_group_visit_of_five_people_sends_its_five_as_representatives() -> None:
    five = [Actor.person(f"p-{i}") for i in range(5)]
    petition = _register(channel=Channel.VISIT, petitioners=five, group_size=5)
    assert (petition.group_size, len(petition.petitioners)) == (5, 5)


@pytest.mark.parametrize("size", [0, 100_001, True, 5.0])
def test_a_group_size_out_of_range_or_not_a_whole_number_is_refused(size: Any) -> None:
    with pytest.raises(ValidationError) as info:
        _register(group_size=size)
    assert info.value.paths == ("register.group_size",)


def test_register_refuses_no_petitioner_at_its_path() -> None:
    with pytest.raises(ValidationError, match="at least one petitioner") as info:
        _register(petitioners=())
    assert info.value.paths == ("register.petitioners",)


@pytest.mark.parametrize(
    "bad", ["45日", 45, pendulum.datetime(2026, 4, 18, tz=TZ), Route.ARBITRATION]
)
def test_transfer_refuses_a_report_limit_of_another_type_and_changes_nothing(bad: Any) -> None:
    petition = registered()
    before = petition.history
    with pytest.raises(ValidationError) as info:
        petition.transfer(to=BUREAU, by=CLERK, at=day(2), assigned=True, report_limit=bad)
    assert info.value.paths == ("transfer.report_limit",)
    assert petition.history is before
    assert replay(petition.history) == petition == registered()


def test_divert_refuses_a_route_given_as_its_string() -> None:
    petition = registered()
    bad: Any = "litigation"
    with pytest.raises(ValidationError, match=r"pass Route\('litigation'\)") as info:
        petition.divert(route=bad, reason="属于诉讼事项", by=CLERK, at=day(1))
    assert info.value.paths == ("divert.route",)
    assert replay(petition.history) == petition == registered()


def test_answer_refuses_a_naive_instant_and_a_blank_basis_together() -> None:
    petition = handling()
    naive: Any = pendulum.naive(2026, 3, 20, 9)
    with pytest.raises(ValidationError) as info:
        petition.answer(outcome=Outcome.SUPPORTED, basis=" ", by=CLERK, at=naive)
    assert info.value.paths == ("answer.basis", "answer.at")
    assert replay(petition.history) == petition == handling()


def test_the_bar_is_asked_about_an_aware_instant() -> None:
    naive: Any = pendulum.naive(2026, 3, 12, 9)
    with pytest.raises(ValidationError, match="at: must be timezone-aware") as info:
        repeat_bar(handling(), naive, lodged_with=CITY)
    assert info.value.paths == ("repeat_bar.at",)
