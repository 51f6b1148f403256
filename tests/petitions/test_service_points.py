"""Tests of service points (便民服务点) and their appointments (定点约时办公)."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest

from jiceng import CalendarDays, EndOfDay, Source
from jiceng.exceptions import ValidationError
from jiceng.petitions import Body, Level
from jiceng.petitions.service_points import ServicePoint
from tests.petitions.helpers import T0, TZ, WEEKENDS, day

POINT = ServicePoint(
    body=Body(id="sp-1", name="幸福村便民服务点", level=Level.TOWNSHIP),
    office_days={2, 4},
    source=Source("test: 定点约时办公"),
)


@attrs.frozen
class NeverOpen:
    """A calendar without a single working day."""

    name: str = "never"
    tz: str = TZ

    def is_working_day(self, day: pendulum.Date) -> bool:
        return False


def test_office_days_are_the_points_weekdays_that_are_working_days() -> None:
    assert POINT.office_days_label == "星期二、星期四"
    assert POINT.is_office_day(pendulum.Date(2026, 3, 3), WEEKENDS)  # a Tuesday
    assert not POINT.is_office_day(pendulum.Date(2026, 3, 4), WEEKENDS)
    assert not POINT.is_office_day(pendulum.Date(2026, 3, 3), NeverOpen())


def test_the_next_office_day_comes_after_the_days_own() -> None:
    assert POINT.next_office_day(T0, WEEKENDS) == pendulum.Date(2026, 3, 3)  # T0: Monday
    assert POINT.next_office_day(day(1), WEEKENDS) == pendulum.Date(2026, 3, 5)


def test_a_point_that_never_opens_has_no_next_office_day() -> None:
    with pytest.raises(ValidationError, match="no office day within a year"):
        POINT.next_office_day(T0, NeverOpen())


def test_an_appointment_is_due_by_the_end_of_its_day() -> None:
    later = POINT.appointment(on=pendulum.Date(2026, 3, 5), at=T0, calendar=WEEKENDS)
    assert later.rule == CalendarDays(3)
    assert later.start(T0, WEEKENDS).due == day(3).end_of("day")
    assert later.source == POINT.source
    today = POINT.appointment(on=pendulum.Date(2026, 3, 3), at=day(1), calendar=WEEKENDS)
    assert today.rule == EndOfDay()


@pytest.mark.parametrize(
    ("on", "message"),
    [
        (pendulum.Date(2026, 3, 1), "not before 2026-03-02"),
        (pendulum.datetime(2026, 3, 3, tz=TZ), "expected a pendulum.Date"),
        (pendulum.Date(2026, 3, 4), "not an office day of 幸福村便民服务点 .星期二、星期四"),
    ],
)
def test_an_appointment_in_the_past_or_off_the_office_days_is_refused(
    on: Any, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        POINT.appointment(on=on, at=T0, calendar=WEEKENDS)


def test_an_appointment_needs_an_aware_instant() -> None:
    with pytest.raises(ValidationError, match="aware"):
        POINT.appointment(
            on=pendulum.Date(2026, 3, 3), at=pendulum.naive(2026, 3, 2), calendar=WEEKENDS
        )


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (set(), "ISO weekdays"),
        ({0}, "must be at least 1"),
        ({8}, "must be at most 7"),
        ({"1"}, "expected a whole number"),
    ],
)
def test_office_days_are_iso_weekdays(days: set[Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        ServicePoint(body=POINT.body, office_days=days, source=POINT.source)
