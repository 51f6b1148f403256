from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest

from jiceng import CalendarDays, Months, Source, TimeLimit, WeekendCalendar
from jiceng.exceptions import DeadlineError, ValidationError
from jiceng.mediation import (
    CONFIRMATION_WINDOW,
    DEFAULT_POLICY,
    NINGBO_POLICY,
    NINGBO_WRITTEN_UNLESS_PERFORMED_AT_ONCE,
    SETTLEMENT_LIMIT,
    Dispute,
    DisputeKind,
    MediationCase,
    MediationPolicy,
    Origin,
    OriginKind,
)
from tests.mediation.cases import CLERK, COMMITTEE, LIU, PARTY_IDS, T0, YAN, opened

TZ = "Asia/Shanghai"


def test_the_default_policy_is_one_month_and_thirty_days() -> None:
    assert MediationPolicy(name="default") == DEFAULT_POLICY
    assert SETTLEMENT_LIMIT.rule == Months(1)
    assert SETTLEMENT_LIMIT.extension is not None
    assert SETTLEMENT_LIMIT.extension.max_count == 1
    assert "宁波市人民调解条例(2015) 第27条" in str(SETTLEMENT_LIMIT.extension.source)
    assert CONFIRMATION_WINDOW.rule == CalendarDays(30, roll_to_working_day=True)
    assert "人民调解法(2010) 第33条" in str(CONFIRMATION_WINDOW.source)
    assert DEFAULT_POLICY.calendar == WeekendCalendar()


def test_the_default_policy_lets_the_parties_settle_orally_as_national_law_does() -> None:
    assert DEFAULT_POLICY.oral_only_if_performed_at_once is None


def test_the_ningbo_policy_keeps_written_agreements_unless_performed_at_once() -> None:
    assert NINGBO_POLICY.oral_only_if_performed_at_once is NINGBO_WRITTEN_UNLESS_PERFORMED_AT_ONCE
    source = NINGBO_WRITTEN_UNLESS_PERFORMED_AT_ONCE
    assert source.citation == "宁波市人民调解条例(2015) 第24条第1款第2项"
    assert "协议内容未能即时履行完毕的" in source.text
    assert attrs.evolve(NINGBO_POLICY, oral_only_if_performed_at_once=None, name="default") == (
        DEFAULT_POLICY
    )


def test_one_month_from_the_31st_ends_on_the_last_day_of_the_next_month() -> None:
    case = opened(at=pendulum.datetime(2020, 1, 31, 9, tz=TZ))
    assert case.deadline.due.to_date_string() == "2020-02-29"


def test_a_local_policy_given_at_opening_sets_the_cases_time_limits() -> None:
    strict = MediationPolicy(
        name="strict",
        time_limit=TimeLimit(rule=CalendarDays(15), source=Source("某地规定 (example)")),
    )
    case = MediationCase.open(
        id="X-1",
        parties=(YAN, LIU),
        dispute=Dispute(kind=DisputeKind.NEIGHBOUR, facts="噪音"),
        origin=Origin(kind=OriginKind.APPLICATION, ref="p-liu"),
        committee=COMMITTEE,
        by=CLERK,
        at=T0,
        policy=strict,
    )
    assert case.policy is strict
    assert case.deadline.due.to_date_string() == "2020-05-26"
    assert case.consents == frozenset({"p-liu"})
    with pytest.raises(DeadlineError, match="allows no extension"):
        case.extend_time_limit(
            requested_by=PARTY_IDS, length=CalendarDays(5), by=COMMITTEE, at=T0, reason="等"
        )


@pytest.mark.parametrize(
    ("field", "bad"),
    [
        ("name", ""),
        ("name", "n" * 201),
        ("time_limit", Months(1)),
        ("confirmation_window", CalendarDays(30)),
        ("calendar", "weekend"),
        ("oral_only_if_performed_at_once", "宁波市人民调解条例 第24条"),
    ],
)
def test_a_policy_refuses_a_field_of_the_wrong_kind(field: str, bad: object) -> None:
    changes: dict[str, Any] = {field: bad}
    with pytest.raises(ValidationError) as info:
        attrs.evolve(DEFAULT_POLICY, **changes)
    assert info.value.paths == (field,)
    assert info.value.subject == "MediationPolicy"


def test_a_policy_name_has_at_most_200_characters() -> None:
    assert MediationPolicy(name="n" * 200).name == "n" * 200
