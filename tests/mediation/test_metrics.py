from __future__ import annotations

from fractions import Fraction

import pendulum

from jiceng import Rate
from jiceng.mediation import DisputeKind, MediationCase, Route, TerminationGround
from jiceng.mediation.metrics import (
    average_duration_days,
    confirmation_rate,
    counts_by_kind,
    performance_rate,
    success_rate,
)
from tests.mediation.cases import CLERK, COMMITTEE, PARTY_IDS, T0, day, in_force, mediating

D = pendulum.Date
TZ = "Asia/Shanghai"


def terminated(at: pendulum.DateTime = T0) -> MediationCase:
    return mediating().terminate(
        ground=TerminationGround.FAILED, routes=[Route.LITIGATION], by=COMMITTEE, at=at
    )


def performed(on: D) -> MediationCase:
    return in_force(D(2020, 5, 25)).record_performance(
        obligation="O-1", on=on, by=CLERK, at=day(20)
    )


def test_success_counts_only_cases_whose_mediation_ended() -> None:
    assert success_rate([mediating()]) == Rate(0, 0)
    assert success_rate([mediating(), in_force(), terminated()]) == Rate(1, 2)
    assert success_rate([in_force(), terminated()]).fraction == Fraction(1, 2)


def test_performance_counts_agreements_once_their_last_due_day_has_passed() -> None:
    pending = in_force(D(2020, 5, 25))
    on_due_day = pendulum.datetime(2020, 5, 25, 23, tz=TZ)
    day_after = pendulum.datetime(2020, 5, 26, tz=TZ)
    assert performance_rate([pending], at=on_due_day) == Rate(0, 0)
    assert performance_rate([pending], at=day_after) == Rate(0, 1)
    assert performance_rate([performed(D(2020, 5, 24))], at=T0) == Rate(1, 1)


def test_on_time_performance_does_not_count_late_performance() -> None:
    cases = [performed(D(2020, 5, 25)), performed(D(2020, 5, 26)), terminated()]
    at = pendulum.datetime(2020, 12, 31, tz=TZ)
    assert performance_rate(cases, at=at) == Rate(2, 2)
    assert performance_rate(cases, at=at, on_time=True) == Rate(1, 2)


def test_confirmation_counts_confirmed_agreements_among_those_in_force() -> None:
    applied = in_force().apply_for_confirmation(
        applicants=PARTY_IDS, court="法院", by=CLERK, at=day(8)
    )
    confirmed = applied.confirm_agreement(decision="(2020)民特1号", by=COMMITTEE, at=day(9))
    refused = applied.refuse_confirmation(
        decision="(2020)民特2号", by=COMMITTEE, at=day(9), reason="内容不明确"
    )
    cases = [confirmed, refused, applied, in_force(), terminated()]
    assert confirmation_rate(cases) == Rate(1, 4)


def test_average_duration_is_exact_and_undefined_without_outcomes() -> None:
    assert average_duration_days([mediating()]) is None
    cases = [in_force(), terminated(T0.add(hours=12)), mediating()]  # 7 days and half a day
    assert average_duration_days(cases) == Fraction(15, 4)


def test_counts_list_every_kind_in_order() -> None:
    counts = counts_by_kind([mediating(), in_force(), terminated()])
    assert list(counts) == list(DisputeKind)
    assert counts[DisputeKind.LAND] == 3
    assert sum(counts.values()) == 3
