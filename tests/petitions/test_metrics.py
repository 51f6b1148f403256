from __future__ import annotations

import pendulum
import pytest

from jiceng import Rate
from jiceng.petitions import (
    PETITION_ROUTES,
    TICKET_ROUTES,
    Agreement,
    Outcome,
    Petition,
    Rating,
    Route,
    Ticket,
)
from jiceng.petitions.metrics import (
    Backlog,
    backlog,
    completion_rate,
    on_time_rate,
    resolution_rate,
    response_rate,
    satisfaction_rate,
)
from tests.petitions.helpers import BUREAU, CITY, CLERK, day, handling, registered
from tests.petitions.test_ticket import HOTLINE, closed, dispatched, received


def settled(id: str) -> Petition:
    return handling(id=id).settle(
        agreement=Agreement.SETTLEMENT, document="和解协议", by=CLERK, at=day(20)
    )


def test_guiyang_2014_resolved_1732_of_1814_backlog_cases() -> None:
    cases = [settled(f"GY-{i}") for i in range(1732)] + [handling(id=f"GY-{i}") for i in range(82)]
    rate = resolution_rate(cases)
    assert rate == Rate(1732, 1814)
    assert str(rate) == "95.48% (1732/1814)"


def test_completion_counts_opinions_and_agreements() -> None:
    answered = handling(id="A").answer(outcome=Outcome.EXPLAINED, basis="x", by=CLERK, at=day(70))
    cases = [settled("S"), answered, handling(id="H"), registered(id="R")]
    assert completion_rate(cases) == Rate(2, 4)
    # Out of all four, like 办结率: the opinion on day 70 came after the 60 days.
    assert on_time_rate(cases) == Rate(1, 4)
    assert resolution_rate(cases) == Rate(1, 4)


def test_published_completion_and_on_time_rates_share_the_denominator_of_matters_due() -> None:
    # 办结率 911/972 = 93.72%, 按期办结率 737/972 = 75.82% (DOMAIN.md §1).
    on_time = handling(id="ON").answer(outcome=Outcome.SUPPORTED, basis="x", by=CLERK, at=day(40))
    late = handling(id="LATE").answer(outcome=Outcome.SUPPORTED, basis="x", by=CLERK, at=day(70))
    cases = [on_time] * 737 + [late] * 174 + [handling(id="OPEN")] * 61
    assert str(completion_rate(cases)) == "93.72% (911/972)"
    assert str(on_time_rate(cases)) == "75.82% (737/972)"


def test_published_rates_for_tickets_count_a_reply_once_the_ticket_is_closed() -> None:
    on_time = closed(id="T-ON")  # replied the next day, within 5 working days
    late = dispatched(id="T-LATE").reply(
        content="已恢复供水", by=HOTLINE, at=pendulum.datetime(2026, 3, 2, tz="Asia/Shanghai")
    )
    assert (on_time.on_time, late.on_time) == (True, False)
    late = late.close(by=HOTLINE, at=late.last_changed.add(hours=1))
    replied = dispatched(id="T-REPLIED").reply(
        content="已恢复供水", by=HOTLINE, at=pendulum.datetime(2026, 2, 13, tz="Asia/Shanghai")
    )
    assert replied.on_time  # on time, but not closed: not yet 办结
    tickets = [on_time] * 737 + [late] * 174 + [replied] * 30 + [dispatched(id="T-OPEN")] * 31
    assert str(completion_rate(tickets)) == "93.72% (911/972)"
    assert str(on_time_rate(tickets)) == "75.82% (737/972)"


def test_on_time_rate_never_exceeds_completion_rate() -> None:
    cases = [settled("S"), handling(id="H"), registered(id="R")]
    assert on_time_rate(cases) == Rate(1, 3)
    assert on_time_rate(cases).denominator == completion_rate(cases).denominator


def test_rates_of_an_empty_collection_are_undefined_not_zero() -> None:
    assert completion_rate([]) == Rate(0, 0)
    assert completion_rate([]).percent() is None


def test_satisfaction_counts_basically_satisfied_among_rated_tickets() -> None:
    at = pendulum.datetime(2026, 2, 14, tz="Asia/Shanghai")
    satisfied = closed(id="T1").rate(rating=Rating.SATISFIED, resolved=True, by=HOTLINE, at=at)
    basically = closed(id="T2").rate(
        rating=Rating.BASICALLY_SATISFIED, resolved=False, by=HOTLINE, at=at
    )
    tickets = [satisfied, basically, closed(id="T3"), received(id="T4")]
    assert satisfaction_rate(tickets) == Rate(2, 2)
    assert resolution_rate(tickets) == Rate(1, 4)
    assert completion_rate(tickets) == Rate(3, 4)


def test_response_counts_tickets_a_unit_took_up_among_those_dispatched() -> None:
    tickets = [closed(id="T1"), dispatched(id="T2"), received(id="T3")]
    assert response_rate(tickets) == Rate(1, 2)


def test_backlog_counts_open_and_overdue_cases() -> None:
    cases = [settled("S"), handling(id="H1"), registered(id="R")]
    assert backlog(cases, at=day(10)) == Backlog(open=2, overdue=0)
    assert backlog(cases, at=day(70)) == Backlog(open=2, overdue=2)


# -- which matters the rates count: not those routed out, not the repeats ---------------


def diverted(id: str, route: Route = Route.LITIGATION) -> Petition:
    return registered(id=id).divert(route=route, reason="告知法定途径", by=CLERK, at=day(3))


def answered_on_time(id: str) -> Petition:
    return handling(id=id).answer(outcome=Outcome.SUPPORTED, basis="x", by=CLERK, at=day(40))


def repeat_of(original: Petition, id: str) -> Petition:
    # Lodged with the city, a superior of the county bureau that accepted the original.
    again = registered(id=id, lodged_with=CITY, at=day(10))
    return again.link_repeat(original=original, by=CLERK, at=day(11))


@pytest.mark.parametrize("route", [r for r in Route if r in PETITION_ROUTES])
def test_a_diverted_petition_is_not_in_the_denominator_of_any_completion_rate(
    route: Route,
) -> None:
    # 第34条: the 60 days run only for claims under 第31条第6项; the others go elsewhere.
    cases = [answered_on_time("ON"), handling(id="OPEN"), diverted("D", route)]
    assert not cases[2].is_counted
    assert completion_rate(cases) == Rate(1, 2)
    assert on_time_rate(cases) == Rate(1, 2)
    assert resolution_rate(cases) == Rate(0, 2)


def test_a_petition_diverted_after_its_acceptance_is_not_counted_either() -> None:
    late = handling(id="D").divert(
        route=Route.ARBITRATION, reason="导入仲裁程序", by=CLERK, at=day(70)
    )
    assert completion_rate([late, answered_on_time("ON")]) == Rate(1, 1)
    assert on_time_rate([late]) == Rate(0, 0)


def test_a_petition_not_yet_accepted_routed_out_or_linked_is_counted() -> None:
    # 第44条第2项、第3项: a matter left waiting must not drop out of the count.
    waiting = [registered(id="R"), registered(id="T").transfer(to=BUREAU, by=CLERK, at=day(1))]
    assert all(case.is_counted for case in waiting)
    assert completion_rate(waiting) == Rate(0, 2)
    assert on_time_rate(waiting) == Rate(0, 2)


def test_a_repeat_is_counted_once_as_its_original() -> None:
    original = handling(id="XF-1")
    repeat = repeat_of(original, "XF-2")
    assert (repeat.repeat_of, repeat.is_counted) == ("XF-1", False)
    assert completion_rate([original, repeat]) == Rate(0, 1)
    done = original.answer(outcome=Outcome.EXPLAINED, basis="x", by=CLERK, at=day(30))
    assert completion_rate([done, repeat]) == Rate(1, 1)
    assert on_time_rate([done, repeat]) == Rate(1, 1)
    assert resolution_rate([done, repeat]) == Rate(0, 1)


def test_the_published_rates_still_hold_beside_diverted_and_repeat_matters() -> None:
    # 911/972 and 737/972 count the matters due; matters routed out and repeats stand aside.
    late = handling(id="LATE").answer(outcome=Outcome.SUPPORTED, basis="x", by=CLERK, at=day(70))
    opened = handling(id="OPEN")
    aside = [diverted("D")] * 40 + [repeat_of(opened, "REP")] * 9
    cases = [answered_on_time("ON")] * 737 + [late] * 174 + [opened] * 61 + aside
    assert str(completion_rate(cases)) == "93.72% (911/972)"
    assert str(on_time_rate(cases)) == "75.82% (737/972)"
    resolved = [settled(f"GY-{i}") for i in range(1732)] + [opened] * 82 + aside
    assert str(resolution_rate(resolved)) == "95.48% (1732/1814)"


def routed_out(ticket: Ticket, route: Route) -> Ticket:
    return ticket.route_out(
        route=route, reason="告知法定途径", by=HOTLINE, at=ticket.last_changed.add(hours=1)
    )


@pytest.mark.parametrize("route", [r for r in Route if r in TICKET_ROUTES])
def test_a_routed_out_ticket_is_in_no_denominator_of_completion_or_satisfaction(
    route: Route,
) -> None:
    # 潍坊 第19条: matters for litigation, arbitration, ... 不予受理; only a closed ticket is rated.
    at = pendulum.datetime(2026, 2, 14, tz="Asia/Shanghai")
    rated = closed(id="T1").rate(rating=Rating.SATISFIED, resolved=True, by=HOTLINE, at=at)
    out = routed_out(received(id="T2"), route)
    tickets = [rated, out]
    assert completion_rate(tickets) == Rate(1, 1)
    assert on_time_rate(tickets) == Rate(1, 1)
    assert resolution_rate(tickets) == Rate(1, 1)
    assert satisfaction_rate(tickets) == Rate(1, 1)


def test_a_repeat_ticket_is_not_counted_its_original_is() -> None:
    original = closed(id="T1")
    repeat = received(id="T2").link_repeat(
        original=original, by=HOTLINE, at=original.last_changed.add(hours=1)
    )
    assert not repeat.is_counted
    assert completion_rate([original, repeat]) == Rate(1, 1)
    assert satisfaction_rate([original, repeat]) == Rate(0, 0)


def test_a_dispatched_ticket_routed_out_stays_in_the_response_rate() -> None:
    # 潍坊 第21条: the unit that finds a 第19条 matter must itself ask to end the handling.
    out = routed_out(dispatched(id="T1"), Route.LITIGATION)
    assert response_rate([out, closed(id="T2")]) == Rate(1, 2)
    assert completion_rate([out, closed(id="T2")]) == Rate(1, 1)
