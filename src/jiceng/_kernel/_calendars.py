"""Working-day calendars (工作日历): which local days count as working days (工作日).

A calendar answers one question, `is_working_day(day)`, for the days its data covers, and
raises `CalendarCoverageError` for any other day: it never guesses. Working-day deadlines
(such as "5 个工作日") are computed with the helpers `add_working_days` and
`working_days_between`, which work with any calendar.

Two calendars ship with jiceng:

- `WeekendCalendar` (``"weekends"``): Monday to Friday, every year. Good for simulations
  and for rules that ignore public holidays.
- `ChinaCalendar` (``"cn"``): statutory public holidays (法定节假日) and the official
  make-up working days (调休上班) announced each year by the General Office of the State
  Council (国务院办公厅关于 X 年部分节假日安排的通知), from the `holidays` package
  (extra ``cn``). Years without an announced arrangement are not covered.

Calendars are values: frozen, hashable, equal when their name and time zone are equal, so
deadlines that carry them compare equal and can be stored by name.
"""

from __future__ import annotations

import datetime
import functools
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Final, Protocol, runtime_checkable

import attrs
import pendulum

from jiceng._kernel._arguments import checked
from jiceng._kernel._checks import between, zone
from jiceng.exceptions import CalendarCoverageError, MissingExtraError

if TYPE_CHECKING:
    from types import ModuleType

__all__ = [
    "DEFAULT_TZ",
    "ChinaCalendar",
    "WeekendCalendar",
    "WorkCalendar",
    "add_working_days",
    "working_days_between",
]

DEFAULT_TZ = "Asia/Shanghai"
"""China Standard Time (北京时间): the zone in which local days are counted by default."""


@runtime_checkable
class WorkCalendar(Protocol):
    """A working-day calendar (工作日历): a name, a time zone, and which days are working days.

    `tz` is the IANA time zone in which an instant's local day is taken: a petition filed at
    2026-03-01 17:00 UTC was filed on 2026-03-02 in Beijing. `is_working_day` raises
    `CalendarCoverageError` for a day outside the calendar's data.
    """

    @property
    def name(self) -> str:
        """A short, stable name (``"cn"``), used to store and look up the calendar."""
        ...

    @property
    def tz(self) -> str:
        """The IANA time zone of the calendar's local days (``"Asia/Shanghai"``)."""
        ...

    def is_working_day(self, day: pendulum.Date) -> bool:
        """Whether `day` is a working day; raise `CalendarCoverageError` if not covered."""
        ...


MAX_WORKING_DAYS: Final = 2_500
"""The most working days a count may span (about ten years): `WorkingDays`' range."""

_MAX_DAYS_OFF: Final = 366  # a calendar with a year of days off in a row is broken


@checked
def add_working_days(
    calendar: WorkCalendar, day: pendulum.Date, n: Annotated[int, between(1, MAX_WORKING_DAYS)]
) -> pendulum.Date:
    """The `n`-th working day strictly after `day` (`n` >= 1).

    The day itself never counts, working or not (民法典 第201条: 开始的当日不计入).

    >>> add_working_days(WeekendCalendar(), pendulum.Date(2026, 3, 6), 1)  # a Friday
    Date(2026, 3, 9)
    """
    return pendulum.Date.fromordinal(_add_working_days(calendar, day.toordinal(), n))


@checked
def working_days_between(calendar: WorkCalendar, start: pendulum.Date, end: pendulum.Date) -> int:
    """How many working days lie in (`start`, `end`]: after `start`, up to and including `end`.

    The inverse of `add_working_days`; 0 when `end` is not after `start`.

    >>> friday, monday = pendulum.Date(2026, 3, 6), pendulum.Date(2026, 3, 9)
    >>> working_days_between(WeekendCalendar(), friday, monday)
    1
    """
    working = _working_ordinal(calendar)
    return sum(map(working, range(start.toordinal() + 1, end.toordinal() + 1)))


def _add_working_days(calendar: WorkCalendar, ordinal: int, n: int) -> int:
    """The ordinal of the `n`-th working day strictly after the day `ordinal` (`n` >= 1).

    Bounded: `n` is at most `MAX_WORKING_DAYS`, and a calendar with no working day in 366
    days in a row is refused (`CalendarCoverageError`) instead of searched for ever.
    """
    working, off = _working_ordinal(calendar), 0
    while n:
        ordinal += 1
        if working(ordinal):
            n -= 1
            off = 0
        else:
            off += 1
            if off == _MAX_DAYS_OFF:
                raise _no_working_day(calendar, ordinal)
    return ordinal


def _next_working(calendar: WorkCalendar, ordinal: int) -> int:
    """The first working day on or after the day `ordinal`, within 366 days."""
    working = _working_ordinal(calendar)
    for day in range(ordinal, ordinal + _MAX_DAYS_OFF):
        if working(day):
            return day
    raise _no_working_day(calendar, ordinal)


def _no_working_day(calendar: WorkCalendar, ordinal: int) -> CalendarCoverageError:
    year = datetime.date.fromordinal(ordinal).year
    return CalendarCoverageError(calendar.name, year, reason="no working day in 366 days")


def _working_ordinal(calendar: WorkCalendar) -> Callable[[int], bool]:
    """`calendar.is_working_day` for a day given by its proleptic Gregorian ordinal.

    Deadlines count days in loops; the built-in calendars answer for an ordinal directly,
    without building a `pendulum.Date` for every day. Any other calendar (a subclass too,
    which may answer differently) is asked about the `pendulum.Date` as usual.
    """
    if type(calendar) is WeekendCalendar:
        return _weekday_ordinal
    if type(calendar) is ChinaCalendar:
        return calendar._is_working_ordinal
    is_working_day = calendar.is_working_day
    return lambda ordinal: is_working_day(pendulum.Date.fromordinal(ordinal))


def _weekday_ordinal(ordinal: int) -> bool:
    """Monday to Friday: day 1 (0001-01-01) was a Monday."""
    return (ordinal - 1) % 7 < 5


@attrs.frozen(kw_only=True)
class WeekendCalendar:
    """Monday to Friday are working days, every year (name ``"weekends"``).

    It knows no public holidays: use it for simulations, for rules that count weekends only,
    and for years no official holiday data covers.

    >>> WeekendCalendar().is_working_day(pendulum.Date(2028, 2, 29))  # a Tuesday
    True
    """

    tz: str = attrs.field(default=DEFAULT_TZ, validator=zone())

    @property
    def name(self) -> str:
        """Always ``"weekends"``."""
        return "weekends"

    def is_working_day(self, day: pendulum.Date) -> bool:
        """Whether `day` is Monday to Friday."""
        return day.weekday() < 5


def _holidays() -> ModuleType:
    """The `holidays` package, imported on first use so that it stays an optional extra."""
    try:
        return importlib.import_module("holidays")
    except ImportError as error:
        raise MissingExtraError(
            feature="the China working-day calendar", extra="cn", package="holidays"
        ) from error


@functools.cache
def _china_covered() -> tuple[int, ...]:
    """The years with an official arrangement in the `holidays` data, in order.

    These are the years of `China.special_public_holidays`: the days off moved by each
    year's State Council notice (调休), each with the weekend day worked in exchange. A year
    without such entries (a future year, or one before 2001) only has holidays the package
    predicts from the festival rules, so it is not covered.
    """
    return tuple(sorted(_holidays().China().special_public_holidays))


@functools.cache
def _china_year(year: int) -> tuple[frozenset[datetime.date], frozenset[datetime.date]] | None:
    """The public holidays and the make-up working days of `year`; None if not covered."""
    if year not in _china_covered():
        return None
    data: Any = _holidays().China(years=year)
    make_up = frozenset(d for d in data.weekend_workdays if d.year == year)
    return frozenset(data), make_up


@attrs.frozen(kw_only=True)
class ChinaCalendar:
    """Working days in mainland China (name ``"cn"``), needing the extra ``cn``.

    The value can be built without the extra (a policy or a preset names its calendar when
    it is defined); the first question it answers raises `MissingExtraError` if the
    `holidays` package is not installed.

    A day is a working day when it is Monday to Friday and not a public holiday (全体公民放假
    的节日, 《全国年节及纪念日放假办法》 第2条), or when it is a weekend day the State Council
    made a working day in exchange for a day off (调休上班), such as Saturday 2026-10-10 in
    国务院办公厅关于2026年部分节假日安排的通知. The data comes from the `holidays` package.

    Coverage: only years with an announced arrangement, i.e. the years of the package's
    official substitution entries (`China.special_public_holidays`). Any other year raises
    `CalendarCoverageError`: the arrangement for a year is only known once it is announced,
    usually in the autumn before. Upgrade `holidays` to cover a newly announced year.

    >>> cn = ChinaCalendar()
    >>> cn.is_working_day(pendulum.Date(2026, 10, 10))  # a Saturday, 调休上班
    True
    >>> cn.is_working_day(pendulum.Date(2026, 10, 7))  # a Wednesday, 国庆节假期
    False
    """

    tz: str = attrs.field(default=DEFAULT_TZ, validator=zone())

    @property
    def name(self) -> str:
        """Always ``"cn"``."""
        return "cn"

    @property
    def covered_years(self) -> tuple[int, ...]:
        """The years this calendar can answer for, in order."""
        return _china_covered()

    def is_working_day(self, day: pendulum.Date) -> bool:
        """Whether `day` is a working day; raise `CalendarCoverageError` for an uncovered year."""
        return self._is_working(day)

    def _is_working_ordinal(self, ordinal: int) -> bool:
        return self._is_working(datetime.date.fromordinal(ordinal))

    def _is_working(self, day: datetime.date) -> bool:
        data = _china_year(day.year)
        if data is None:
            raise CalendarCoverageError(self.name, day.year, _china_covered())
        holidays, make_up = data
        return day in make_up or (day.weekday() < 5 and day not in holidays)
