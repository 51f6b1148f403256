from __future__ import annotations

import sys

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jiceng import (
    DEFAULT_TZ,
    CalendarDays,
    ChinaCalendar,
    WeekendCalendar,
    WorkCalendar,
    add_working_days,
    working_days_between,
)
from jiceng._kernel._calendars import _china_covered, _china_year
from jiceng.exceptions import CalendarCoverageError, MissingExtraError, ValidationError

Date = pendulum.Date
CN = ChinaCalendar()
WEEKENDS = WeekendCalendar()
T0 = pendulum.datetime(2026, 3, 6, 9, tz=DEFAULT_TZ)

calendars = st.sampled_from([WEEKENDS, CN])
# Days the cn data covers, with room for 60 working days after them.
days = st.dates(min_value=Date(2001, 1, 1), max_value=Date(2026, 9, 1)).map(
    lambda d: Date(d.year, d.month, d.day)
)


def test_both_calendars_are_work_calendars_in_china_standard_time() -> None:
    assert isinstance(WEEKENDS, WorkCalendar)
    assert isinstance(CN, WorkCalendar)
    assert (WEEKENDS.name, WEEKENDS.tz) == ("weekends", DEFAULT_TZ)
    assert (CN.name, CN.tz) == ("cn", "Asia/Shanghai")


def test_calendars_are_values_equal_by_name_and_zone() -> None:
    assert ChinaCalendar() == CN
    assert hash(ChinaCalendar()) == hash(CN)
    assert ChinaCalendar(tz="Asia/Urumqi") != CN
    assert len({WeekendCalendar(), WEEKENDS, CN, ChinaCalendar()}) == 2


def test_a_time_zone_that_is_not_iana_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        WeekendCalendar(tz="Mars/Olympus")
    assert info.value.paths == ("tz",)


def test_weekend_calendar_works_monday_to_friday_in_any_year() -> None:
    monday = Date(1990, 1, 1)
    assert [WEEKENDS.is_working_day(monday.add(days=i)) for i in range(7)] == [
        True,
        True,
        True,
        True,
        True,
        False,
        False,
    ]
    assert WEEKENDS.is_working_day(Date(2028, 2, 29))


def test_cn_make_up_saturday_2026_10_10_is_a_working_day() -> None:
    assert CN.is_working_day(Date(2026, 10, 10))
    assert CN.is_working_day(Date(2026, 9, 20))  # a Sunday, 调休上班


def test_cn_national_day_week_2026_is_off_and_ordinary_weekends_too() -> None:
    assert not any(CN.is_working_day(Date(2026, 10, d)) for d in range(1, 8))
    assert CN.is_working_day(Date(2026, 10, 8))
    assert not CN.is_working_day(Date(2026, 10, 17))  # an ordinary Saturday


def test_cn_spring_festival_2026_is_off_with_two_make_up_saturdays() -> None:
    off = [d for d in range(14, 29) if not CN.is_working_day(Date(2026, 2, d))]
    assert off == list(range(15, 24))  # 2月15日至23日放假调休，共9天
    assert CN.is_working_day(Date(2026, 2, 14))
    assert CN.is_working_day(Date(2026, 2, 28))


def test_cn_make_up_day_announced_in_the_next_years_notice_counts() -> None:
    # The 2002 notice made Saturday 2001-12-29 a working day.
    assert CN.is_working_day(Date(2001, 12, 29))


def test_cn_covers_exactly_the_years_with_an_announced_arrangement() -> None:
    # holidays 0.109 (pinned in constraints.txt) holds the notices for 2001-2026.
    first, last = CN.covered_years[0], CN.covered_years[-1]
    assert first == 2001
    assert last >= 2026
    assert CN.covered_years == tuple(range(first, last + 1))


NEXT_YEAR = CN.covered_years[-1] + 1


@pytest.mark.parametrize(
    "day", [Date(NEXT_YEAR, 1, 4), Date(NEXT_YEAR + 1, 6, 1), Date(2000, 6, 1)]
)
def test_cn_refuses_a_year_without_an_announced_arrangement(day: Date) -> None:
    with pytest.raises(CalendarCoverageError) as info:
        CN.is_working_day(day)
    assert (info.value.calendar, info.value.year) == ("cn", day.year)
    assert info.value.covered == CN.covered_years
    assert str(info.value) == (
        f"calendar 'cn' has no working-day data for {day.year} (it covers 2001-{NEXT_YEAR - 1})"
    )


def test_cn_without_the_holidays_package_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "holidays", None)
    _china_covered.cache_clear()  # as in a process that never loaded the data
    _china_year.cache_clear()
    calendar = ChinaCalendar()  # a policy names its calendar without using it
    with pytest.raises(MissingExtraError) as info:
        calendar.is_working_day(Date(2026, 10, 8))
    assert (info.value.feature, info.value.extra, info.value.package) == (
        "the China working-day calendar",
        "cn",
        "holidays",
    )
    assert "pip install 'jiceng[cn]'" in str(info.value)


def test_one_working_day_after_a_friday_or_a_saturday_is_the_monday() -> None:
    assert add_working_days(WEEKENDS, Date(2026, 3, 6), 1) == Date(2026, 3, 9)
    assert add_working_days(WEEKENDS, Date(2026, 3, 7), 1) == Date(2026, 3, 9)
    assert add_working_days(WEEKENDS, Date(2026, 3, 6), 5) == Date(2026, 3, 13)


def test_15_working_days_across_spring_festival_2026_count_the_make_up_saturdays() -> None:
    start = Date(2026, 2, 10)
    assert add_working_days(CN, start, 15) == Date(2026, 3, 9)
    assert add_working_days(WEEKENDS, start, 15) == Date(2026, 3, 3)
    assert working_days_between(CN, start, Date(2026, 2, 28)) == 9


def test_working_days_past_the_covered_years_raise() -> None:
    with pytest.raises(CalendarCoverageError):
        add_working_days(CN, Date(NEXT_YEAR - 1, 12, 20), 15)


@pytest.mark.parametrize("n", [0, -1, True, 1.5, "3", 2501, 10**30])
def test_working_day_count_must_be_a_whole_number_from_1_to_2500(n: object) -> None:
    with pytest.raises(ValidationError) as info:
        add_working_days(WEEKENDS, Date(2026, 3, 6), n)  # type: ignore[arg-type]
    assert info.value.paths == ("add_working_days.n",)


def test_2500_working_days_is_the_longest_count() -> None:
    assert add_working_days(WEEKENDS, Date(2026, 3, 6), 2500) == Date(2035, 10, 5)


def test_a_day_given_as_an_instant_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        working_days_between(WEEKENDS, T0, Date(2026, 3, 9))
    assert info.value.paths == ("working_days_between.start",)


def test_a_calendar_with_no_working_day_in_a_year_is_refused_not_searched_for_ever() -> None:
    class NeverWorks(WeekendCalendar):
        def is_working_day(self, day: Date) -> bool:
            return False

    with pytest.raises(CalendarCoverageError, match="no working day in 366 days"):
        add_working_days(NeverWorks(), Date(2026, 3, 6), 1)
    with pytest.raises(CalendarCoverageError, match="no working day in 366 days"):
        CalendarDays(1, roll_to_working_day=True).due(
            pendulum.datetime(2026, 3, 6, tz="Asia/Shanghai"), NeverWorks()
        )


def test_working_days_between_counts_after_start_up_to_end() -> None:
    friday, saturday, monday = Date(2026, 3, 6), Date(2026, 3, 7), Date(2026, 3, 9)
    assert working_days_between(WEEKENDS, friday, monday) == 1
    assert working_days_between(WEEKENDS, saturday, saturday) == 0
    assert working_days_between(WEEKENDS, monday, friday) == 0


@settings(deadline=None)
@given(calendar=calendars, day=days, n=st.integers(1, 60))
def test_adding_working_days_lands_on_a_working_day_n_working_days_on(
    calendar: WorkCalendar, day: Date, n: int
) -> None:
    end = add_working_days(calendar, day, n)
    assert calendar.is_working_day(end)
    assert working_days_between(calendar, day, end) == n
    assert add_working_days(calendar, day, n + 1) > end


@attrs.frozen(kw_only=True)
class _OddDays:
    """A calendar of its own: odd days of the month are working days."""

    tz: str = DEFAULT_TZ
    name: str = "odd"

    def is_working_day(self, day: Date) -> bool:
        return day.day % 2 == 1


@attrs.frozen(kw_only=True)
class _SundaysToo(WeekendCalendar):
    """A subclass of a built-in calendar that answers differently."""

    def is_working_day(self, day: Date) -> bool:
        return day.weekday() != 5


def _counted_one_by_one(calendar: WorkCalendar, day: Date, n: int) -> Date:
    while n:
        day = day.add(days=1)
        n -= calendar.is_working_day(day)
    return day


@settings(deadline=None)
@given(
    calendar=st.sampled_from([WEEKENDS, CN, _OddDays(), _SundaysToo()]),
    day=days,
    n=st.integers(1, 60),
)
def test_working_days_are_counted_as_the_calendar_answers_day_by_day(
    calendar: WorkCalendar, day: Date, n: int
) -> None:
    end = add_working_days(calendar, day, n)
    assert end == _counted_one_by_one(calendar, day, n)
    assert type(end) is Date
    assert working_days_between(calendar, day, end) == n


def test_cn_refuses_an_uncovered_year_when_counting_working_days() -> None:
    with pytest.raises(CalendarCoverageError):
        working_days_between(CN, Date(2026, 12, 20), Date(NEXT_YEAR + 1, 1, 10))
