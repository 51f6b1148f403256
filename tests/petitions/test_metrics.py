from __future__ import annotations

import pendulum

from jiceng import Rate
from jiceng.petitions import Agreement, Outcome, Petition, Rating
from jiceng.petitions.metrics import (
    Backlog,
    backlog,
    completion_rate,
    on_time_rate,
    resolution_rate,
    response_rate,
    satisfaction_rate,
)
from tests.petitions.helpers import CLERK, day, handling, registered
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
