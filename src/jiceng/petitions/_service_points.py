"""Service points (便民服务点) with fixed-time office by appointment (定点约时办公).

大方县 (seed 000) set up service points in 50 relocation villages, where officials sit at
fixed times by appointment: "在50个恒大幸福村设立便民服务点，建立定点约时办公工作制度，方便服务
安置点搬迁群众办事". A `ServicePoint` names the point (a `Body`, the handler of its tickets)
and the weekdays officials sit there; `appointment` turns the day a resident books into the
time limit written on the ticket when it is dispatched to the point (a `TicketPolicy`
whose `reply` is `None` takes one per ticket). Time limits count days (民法典 第201条), so an
appointment is due by the end of its day; the hour of the appointment is the point's
business.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs
import pendulum

from jiceng import CalendarDays, EndOfDay, Label, Source, TimeLimit, WorkCalendar
from jiceng.checks import as_frozenset, between, checked, day, instance_of, instant, items
from jiceng.exceptions import ValidationError
from jiceng.petitions._matter import Body

__all__ = ["ServicePoint"]

_WEEKDAYS = "一二三四五六日"
_DAY = day()
_INSTANT = instant()


def _days(value: Iterable[int]) -> frozenset[int]:
    return as_frozenset(value)  # typed for attrs' mypy plugin, which cannot read a generic one


def _some_day(instance: Any, attribute: attrs.Attribute[Any], value: frozenset[int]) -> None:
    """A point where no official ever sits takes no appointment: one office day at least."""
    if not value:
        msg = "must be ISO weekdays 1 (Monday) to 7 (Sunday), at least one; got none"
        raise ValidationError.single(attribute.name, msg, subject=type(instance).__name__)


@attrs.frozen(kw_only=True)
class ServicePoint:
    """A service point (便民服务点): the `body` whose officials sit there, on `office_days`
    (ISO weekdays, Monday 1) that are also working days of the ticket's calendar.

    >>> from jiceng.petitions import Level
    >>> point = ServicePoint(
    ...     body=Body(id="fs-xf2", name="幸福二村便民服务点", level=Level.TOWNSHIP),
    ...     office_days={2, 5},
    ...     source=Source("大方县 定点约时办公 (seed 000)"),
    ... )
    >>> point.office_days_label
    '星期二、星期五'
    """

    body: Body = attrs.field(validator=instance_of(Body))
    office_days: frozenset[int] = attrs.field(
        converter=_days,
        validator=[items(between(1, 7), kinds=(frozenset,), max_items=7), _some_day],
    )
    source: Source = attrs.field(validator=instance_of(Source))

    @property
    def office_days_label(self) -> str:
        """The office days in words (星期二、星期五)."""
        return "、".join(f"星期{_WEEKDAYS[day - 1]}" for day in sorted(self.office_days))

    def is_office_day(self, day: pendulum.Date, calendar: WorkCalendar) -> bool:
        """Whether officials sit at the point on `day`: one of its weekdays, and a working
        day of `calendar` (`CalendarCoverageError` for a year it does not cover)."""
        return day.isoweekday() in self.office_days and calendar.is_working_day(day)

    @checked
    def next_office_day(self, at: pendulum.DateTime, calendar: WorkCalendar) -> pendulum.Date:
        """The first office day after `at`'s local day (a resident who comes on an office
        day is seen that day; the next appointment is the next office day)."""
        day = at.in_timezone(calendar.tz).date()
        for _ in range(366):
            day = day.add(days=1)
            if self.is_office_day(day, calendar):
                return day
        msg = f"{self.body.name} has no office day within a year after {day.subtract(days=366)}"
        raise ValidationError.single("office_days", msg, subject="service point")

    @checked
    def appointment(
        self, *, on: pendulum.Date, at: pendulum.DateTime, calendar: WorkCalendar
    ) -> TimeLimit:
        """The time limit for a ticket dispatched to the point at `at` and booked for the
        office day `on`: due by the end of that day (`EndOfDay` when it is `at`'s own day).
        A day in the past or off the point's office days is refused."""
        today = at.in_timezone(calendar.tz).date()
        if on < today:
            msg = f"must be a day not before {today}, got {on}"
            raise ValidationError.single("on", msg, subject="appointment")
        if not self.is_office_day(on, calendar):
            msg = (
                f"{on} is not an office day of {self.body.name} "
                f"({self.office_days_label}, working days only)"
            )
            raise ValidationError.single("on", msg, subject="appointment")
        days = on.toordinal() - today.toordinal()
        return TimeLimit(
            rule=CalendarDays(days) if days else EndOfDay(),
            source=self.source,
            label=Label("约定办理日", "appointed day"),
        )
