from __future__ import annotations

import datetime
import zoneinfo

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pendulum.tz.timezone import FixedTimezone

from jiceng import (
    Actor,
    CalendarDays,
    ChinaCalendar,
    CountedRule,
    EndOfDay,
    ExtensionLimit,
    Hours,
    Label,
    Months,
    Source,
    TimeLimit,
    WeekendCalendar,
    WorkCalendar,
    WorkingDays,
)
from jiceng.exceptions import CalendarCoverageError, DeadlineError, ValidationError

CN = ChinaCalendar()
WEEKENDS = WeekendCalendar()
ART_34 = Source("信访工作条例(2022) 第34条")
ART_35 = Source("信访工作条例(2022) 第35条")
ART_36 = Source("信访工作条例(2022) 第36条")
HEAD = Actor.role("head", "负责人")


def at(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    *,
    tz: str = "Asia/Shanghai",
) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, tz=tz)


def end_of(year: int, month: int, day: int) -> pendulum.DateTime:
    return at(year, month, day).end_of("day")


def limit(
    rule: CountedRule | EndOfDay,
    *,
    extension: CountedRule | None = None,
    max_count: int | None = 1,
    pausable: bool = False,
) -> TimeLimit:
    bound = (
        None
        if extension is None
        else ExtensionLimit(max_count=max_count, max_total=extension, source=ART_34)
    )
    return TimeLimit(rule=rule, source=ART_34, extension=bound, pausable=pausable)


HANDLING = limit(CalendarDays(60), extension=CalendarDays(30), pausable=True)
"""信访工作条例(2022) 第34条: 60 days, one extension of at most 30 days."""


# Rules


def test_review_request_on_day_30_is_on_time_and_day_31_is_late() -> None:
    review = TimeLimit(rule=CalendarDays(30), source=ART_35).start(at(2026, 3, 2, 10), WEEKENDS)
    assert review.due == end_of(2026, 4, 1)
    assert not review.overdue(end_of(2026, 4, 1))
    assert review.overdue(at(2026, 4, 2))


def test_calendar_days_cross_a_month_end_and_a_leap_day() -> None:
    assert CalendarDays(30).due(at(2026, 1, 15, 9), WEEKENDS) == end_of(2026, 2, 14)
    assert CalendarDays(1).due(at(2028, 2, 28, 9), WEEKENDS) == end_of(2028, 2, 29)
    assert CalendarDays(2).due(at(2028, 2, 28, 9), WEEKENDS) == end_of(2028, 3, 1)


def test_working_days_in_2028_need_the_weekend_calendar_since_cn_has_no_data() -> None:
    start = at(2028, 2, 25, 9)  # a Friday
    assert WorkingDays(2).due(start, WEEKENDS) == end_of(2028, 2, 29)
    with pytest.raises(CalendarCoverageError) as info:
        WorkingDays(2).due(start, CN)
    assert info.value.year == 2028


def test_a_month_ends_on_the_same_day_or_the_month_end_when_there_is_none() -> None:
    assert Months(1).due(at(2026, 1, 15, 9), WEEKENDS) == end_of(2026, 2, 15)
    assert Months(1).due(at(2026, 1, 31, 9), WEEKENDS) == end_of(2026, 2, 28)
    assert Months(1).due(at(2028, 1, 31, 9), WEEKENDS) == end_of(2028, 2, 29)


def test_rolling_moves_a_last_day_off_to_the_next_working_day() -> None:
    start = at(2026, 9, 26, 9)  # 7 days on is 2026-10-03, in the National Day week
    assert CalendarDays(7).due(start, CN) == end_of(2026, 10, 3)
    assert CalendarDays(7, roll_to_working_day=True).due(start, CN) == end_of(2026, 10, 8)
    assert CalendarDays(5, roll_to_working_day=True).due(start, CN) == end_of(2026, 10, 1).add(
        days=7
    )


def test_working_days_from_a_friday_or_a_saturday_start_on_monday() -> None:
    assert WorkingDays(1).due(at(2026, 3, 6, 17), WEEKENDS) == end_of(2026, 3, 9)
    assert WorkingDays(1).due(at(2026, 3, 7, 10), WEEKENDS) == end_of(2026, 3, 9)
    assert WorkingDays(5).due(at(2026, 3, 6, 17), WEEKENDS) == end_of(2026, 3, 13)


def test_15_working_days_before_spring_festival_2026_count_make_up_saturdays() -> None:
    start = at(2026, 2, 10, 9)
    assert WorkingDays(15).due(start, CN) == end_of(2026, 3, 9)
    assert WorkingDays(15).due(start, WEEKENDS) == end_of(2026, 3, 3)


def test_hours_are_exact_elapsed_time_across_midnight() -> None:
    due = Hours(3).due(at(2026, 3, 1, 22, 30), WEEKENDS)
    assert due == at(2026, 3, 2, 1, 30)
    assert Hours(24).due(at(2026, 3, 1, 16, tz="UTC"), WEEKENDS) == at(2026, 3, 3, 0)
    assert due.timezone_name == "Asia/Shanghai"


def test_end_of_day_is_the_local_day_in_shanghai_for_an_instant_given_in_utc() -> None:
    evening_utc = at(2026, 3, 1, 17, tz="UTC")  # already 01:00 on 2 March in Beijing
    assert EndOfDay().due(evening_utc, WEEKENDS) == end_of(2026, 3, 2)
    assert EndOfDay().due(evening_utc, WeekendCalendar(tz="UTC")) == at(
        2026, 3, 1, tz="UTC"
    ).end_of("day")


def test_a_day_based_due_is_the_last_moment_of_its_last_day() -> None:
    due = CalendarDays(1).due(at(2026, 3, 1, 0, 0), WEEKENDS)
    assert (due.hour, due.minute, due.second, due.microsecond) == (23, 59, 59, 999999)


def test_a_naive_start_is_refused() -> None:
    naive = pendulum.naive(2026, 3, 1)
    with pytest.raises(ValidationError) as info:
        CalendarDays(1).due(naive, WEEKENDS)
    assert info.value.paths == ("start",)
    with pytest.raises(ValidationError):
        HANDLING.start(naive, WEEKENDS)


@pytest.mark.parametrize("kind", [CalendarDays, WorkingDays, Hours, Months])
@pytest.mark.parametrize("n", [0, -3, True, 2.5])
def test_a_count_must_be_a_positive_whole_number(kind: type[CountedRule], n: object) -> None:
    with pytest.raises(ValidationError) as info:
        kind(n)  # type: ignore[arg-type]
    assert info.value.paths == ("n",)


def test_max_count_must_be_a_positive_whole_number() -> None:
    with pytest.raises(ValidationError):
        ExtensionLimit(max_count=0, max_total=CalendarDays(30), source=ART_34)


def test_rules_describe_themselves_in_chinese_and_english() -> None:
    assert CalendarDays(1).describe() == Label("1日", "1 calendar day")
    assert CalendarDays(30, roll_to_working_day=True).describe() == Label(
        "30日（末日为休假日的顺延）",
        "30 calendar days (a last day off moves to the next working day)",
    )
    assert WorkingDays(5).describe() == Label("5个工作日", "5 working days")
    assert Hours(24).describe() == Label("24小时", "24 hours")
    assert Months(1).describe() == Label("1个月", "1 month")
    assert EndOfDay().describe() == Label("当日办结", "by the end of the same day")


def test_rules_of_the_same_kind_compare_by_count_and_other_kinds_do_not() -> None:
    assert WorkingDays(5) < WorkingDays(10)
    assert CalendarDays(31) > CalendarDays(30)
    with pytest.raises(TypeError):
        assert WorkingDays(5) < CalendarDays(10)  # type: ignore[operator]


# Time limits


def test_an_extension_must_be_counted_like_the_rule() -> None:
    with pytest.raises(ValidationError) as info:
        limit(CalendarDays(60), extension=WorkingDays(10))
    assert info.value.paths == ("extension.max_total",)
    assert "60 calendar days" in str(info.value)


def test_a_time_limit_reads_with_its_label_and_source() -> None:
    labelled = attrs.evolve(HANDLING, label=Label("办理期限", "handling time limit"))
    assert str(labelled) == (
        "办理期限 (handling time limit): 60日 (60 calendar days) — 信访工作条例(2022) 第34条"
    )
    assert str(HANDLING) == "60日 (60 calendar days) — 信访工作条例(2022) 第34条"


def test_deadlines_started_alike_are_equal_values() -> None:
    start = at(2026, 3, 2, 10)
    assert HANDLING.start(start, CN) == HANDLING.start(start, ChinaCalendar())
    assert HANDLING.start(start, CN) != HANDLING.start(start, WEEKENDS)


# Deadlines


def test_remaining_time_is_negative_once_overdue() -> None:
    deadline = TimeLimit(rule=Hours(2), source=ART_34).start(at(2026, 3, 2, 10), WEEKENDS)
    assert deadline.remaining(at(2026, 3, 2, 11)) == pendulum.duration(hours=1)
    assert deadline.remaining(at(2026, 3, 2, 13)) == pendulum.duration(hours=-1)


def test_a_deadline_reads_in_chinese_and_english_with_its_citation() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    assert str(deadline) == (
        "60日 (60 calendar days) — 信访工作条例(2022) 第34条; "
        "起算 started 2026-03-02 10:00 +08:00; 届满 due 2026-05-01 23:59 +08:00"
    )
    paused = deadline.pause(at(2026, 3, 5, 9), "听证")
    assert str(paused).endswith("暂停计时 paused since 2026-03-05 09:00 +08:00")


# Pauses (信访工作条例(2022) 第36条: 听证所需时间不计算在内)


def test_pausing_an_hours_limit_adds_the_exact_paused_time() -> None:
    deadline = limit(Hours(48), pausable=True).start(at(2026, 3, 2, 10), WEEKENDS)
    resumed = deadline.pause(at(2026, 3, 3, 9), "听证").resume(at(2026, 3, 3, 11, 30))
    assert resumed.due == at(2026, 3, 4, 12, 30)


def test_every_day_a_pause_touches_is_not_counted_for_calendar_days() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    resumed = deadline.pause(at(2026, 3, 5, 16), "听证").resume(at(2026, 3, 7, 9))
    assert resumed.due == deadline.due.add(days=3)
    assert resumed.pauses[0].end == at(2026, 3, 7, 9)


def test_only_working_days_a_pause_touches_are_not_counted_for_working_days() -> None:
    deadline = limit(WorkingDays(5), pausable=True).start(at(2026, 3, 2, 10), WEEKENDS)
    assert deadline.due == end_of(2026, 3, 9)
    # Friday to Monday: Friday and Monday are working days, the weekend is not.
    resumed = deadline.pause(at(2026, 3, 6, 15), "听证").resume(at(2026, 3, 9, 10))
    assert resumed.due == end_of(2026, 3, 11)


def test_a_pause_over_a_weekend_only_does_not_move_a_working_day_deadline() -> None:
    deadline = limit(WorkingDays(5), pausable=True).start(at(2026, 3, 2, 10), WEEKENDS)
    resumed = deadline.pause(at(2026, 3, 7, 10), "听证").resume(at(2026, 3, 8, 10))
    assert resumed.due == deadline.due


def test_a_pause_on_the_start_day_changes_nothing_as_that_day_is_not_counted() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    resumed = deadline.pause(at(2026, 3, 2, 11), "听证").resume(at(2026, 3, 2, 15))
    assert resumed.due == deadline.due


def test_a_pause_on_the_day_of_a_same_day_limit_moves_it_to_the_next_day() -> None:
    deadline = limit(EndOfDay(), pausable=True).start(at(2026, 3, 2, 10), WEEKENDS)
    resumed = deadline.pause(at(2026, 3, 2, 11), "听证").resume(at(2026, 3, 2, 15))
    assert resumed.due == end_of(2026, 3, 3)


def test_a_day_touched_by_two_pauses_is_skipped_once() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    resumed = (
        deadline.pause(at(2026, 3, 5, 9), "听证")
        .resume(at(2026, 3, 5, 11))
        .pause(at(2026, 3, 5, 14), "听证")
        .resume(at(2026, 3, 6, 11))
    )
    assert resumed.due == deadline.due.add(days=2)


def test_a_paused_rolling_limit_counts_on_from_its_moved_last_day() -> None:
    rolling = limit(CalendarDays(5, roll_to_working_day=True), pausable=True)
    deadline = rolling.start(at(2026, 9, 22, 10), CN)
    assert deadline.due == end_of(2026, 9, 28)  # 9-27 is an ordinary Sunday
    resumed = deadline.pause(at(2026, 9, 23, 10), "听证").resume(at(2026, 9, 25, 10))
    assert resumed.due == end_of(2026, 10, 8)  # 3 days on is 10-01, in the holiday week


def test_a_paused_clock_has_no_due_but_a_due_as_of_now_and_is_never_overdue() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    paused = deadline.pause(at(2026, 4, 30, 10), "听证", by=HEAD)
    assert paused.is_paused
    assert not deadline.is_paused
    with pytest.raises(DeadlineError, match=r"paused since 2026-04-30 10:00 \+08:00"):
        _ = paused.due
    assert paused.due_as_of(at(2026, 5, 1, 10)) == deadline.due.add(days=2)
    long_after = at(2026, 8, 1)
    assert not paused.overdue(long_after)
    assert paused.due_as_of(long_after) > long_after
    assert paused.pauses[0].by == HEAD


def test_a_pause_after_the_deadline_passed_does_not_revive_it() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    late = deadline.pause(at(2026, 5, 4, 10), "听证")
    assert late.overdue(at(2026, 5, 5, 10))
    resumed = late.resume(at(2026, 5, 6, 10), by=HEAD)
    assert resumed.due == deadline.due
    assert resumed.pauses[0].resumed_by == HEAD


def test_a_limit_that_is_not_pausable_refuses_a_pause() -> None:
    deadline = limit(CalendarDays(30)).start(at(2026, 3, 2, 10), WEEKENDS)
    with pytest.raises(DeadlineError, match="cannot be paused"):
        deadline.pause(at(2026, 3, 3), "听证")


def test_pausing_a_paused_clock_or_resuming_a_running_one_is_refused() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    with pytest.raises(DeadlineError, match="not paused"):
        deadline.resume(at(2026, 3, 3))
    paused = deadline.pause(at(2026, 3, 3), "听证")
    with pytest.raises(DeadlineError, match="already paused since 2026-03-03"):
        paused.pause(at(2026, 3, 4), "听证")


def test_a_pause_or_resume_dated_before_the_last_change_is_refused() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    with pytest.raises(DeadlineError, match="cannot be dated before"):
        deadline.pause(at(2026, 3, 1), "听证")
    paused = deadline.pause(at(2026, 3, 5), "听证")
    with pytest.raises(DeadlineError, match="cannot resume at 2026-03-04"):
        paused.resume(at(2026, 3, 4))


def test_a_pause_without_a_reason_is_refused() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    with pytest.raises(ValidationError, match=r"pause\.reason: must not be empty"):
        deadline.pause(at(2026, 3, 3), "  ")


# Extensions (信访工作条例(2022) 第34条: one extension of at most 30 days)


def test_one_extension_of_30_days_is_allowed() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    extended = deadline.extend(CalendarDays(30), at(2026, 4, 20), HEAD, "情况复杂")
    assert extended.due == end_of(2026, 5, 31)
    assert extended.extensions[0].approved_by == HEAD
    assert deadline.extensions == ()


def test_a_second_extension_is_refused() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    extended = deadline.extend(CalendarDays(10), at(2026, 4, 20), HEAD, "情况复杂")
    with pytest.raises(DeadlineError, match=r"第34条 allows at most 1 extension$"):
        extended.extend(CalendarDays(10), at(2026, 4, 21), HEAD, "情况复杂")


def test_an_extension_of_31_days_when_30_is_the_bound_is_refused() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    with pytest.raises(DeadlineError, match=r"at most 30日 \(30 calendar days\) in all"):
        deadline.extend(CalendarDays(31), at(2026, 4, 20), HEAD, "情况复杂")


def test_extensions_together_may_not_exceed_the_bound() -> None:
    twice = limit(CalendarDays(60), extension=CalendarDays(30), max_count=2)
    deadline = twice.start(at(2026, 3, 2, 10), WEEKENDS)
    once = deadline.extend(CalendarDays(20), at(2026, 4, 20), HEAD, "情况复杂")
    with pytest.raises(DeadlineError, match="this would make 31"):
        once.extend(CalendarDays(11), at(2026, 4, 21), HEAD, "情况复杂")
    assert once.extend(CalendarDays(10), at(2026, 4, 21), HEAD, "情况复杂").due == end_of(
        2026, 5, 31
    )


def test_without_a_count_only_the_total_bounds_the_extensions() -> None:
    uncounted = limit(CalendarDays(60), extension=CalendarDays(30), max_count=None)
    deadline = uncounted.start(at(2026, 3, 2, 10), WEEKENDS)
    for day in (20, 21, 22):  # 10 + 10 + 10 days: the whole bound, in three steps
        deadline = deadline.extend(CalendarDays(10), at(2026, 4, day), HEAD, "情况复杂")
    assert deadline.due == end_of(2026, 5, 31)
    with pytest.raises(DeadlineError, match="this would make 31"):
        deadline.extend(CalendarDays(1), at(2026, 4, 23), HEAD, "情况复杂")


def test_an_extension_after_the_due_is_refused() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    with pytest.raises(DeadlineError, match="it was due at 2026-05-01 23:59"):
        deadline.extend(CalendarDays(30), at(2026, 5, 2), HEAD, "情况复杂")


def test_an_extension_while_paused_counts_from_the_due_as_of_then() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    paused = deadline.pause(at(2026, 4, 30, 10), "听证")
    extended = paused.extend(CalendarDays(30), at(2026, 5, 3, 10), HEAD, "情况复杂")
    assert extended.resume(at(2026, 5, 3, 12)).due == deadline.due.add(days=30 + 4)


def test_a_limit_without_extension_refuses_one_and_names_its_source() -> None:
    deadline = limit(CalendarDays(30)).start(at(2026, 3, 2, 10), WEEKENDS)
    with pytest.raises(DeadlineError, match=r"第34条 allows no extension"):
        deadline.extend(CalendarDays(1), at(2026, 3, 3), HEAD, "情况复杂")


def test_an_extension_of_another_kind_is_refused() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    with pytest.raises(DeadlineError, match=r"not 5个工作日 \(5 working days\)"):
        deadline.extend(WorkingDays(5), at(2026, 4, 20), HEAD, "情况复杂")


def test_an_extension_by_a_bare_number_is_refused_naming_the_argument() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    with pytest.raises(ValidationError) as info:
        deadline.extend(30, at(2026, 4, 20), HEAD, "情况复杂")  # type: ignore[arg-type]
    assert info.value.paths == ("extend.rule",)
    assert "expected CalendarDays or WorkingDays or Hours or Months, got int 30" in str(info.value)


def test_an_extension_without_a_reason_or_before_the_last_change_is_refused() -> None:
    deadline = HANDLING.start(at(2026, 3, 2, 10), WEEKENDS)
    with pytest.raises(ValidationError, match=r"extend\.reason: must not be empty"):
        deadline.extend(CalendarDays(30), at(2026, 4, 20), HEAD, "")
    with pytest.raises(DeadlineError, match="cannot be dated before"):
        deadline.extend(CalendarDays(30), at(2026, 3, 1), HEAD, "情况复杂")


# Properties

calendars = st.sampled_from([WEEKENDS, CN])
# Instants the cn data covers, with room for a rule, a pause and an extension after them.
instants = st.datetimes(
    min_value=datetime.datetime(2001, 1, 1),
    max_value=datetime.datetime(2026, 3, 31),
    timezones=st.sampled_from([datetime.UTC, pendulum.timezone("Asia/Shanghai")]),
).map(pendulum.instance)
kinds = st.sampled_from([CalendarDays, WorkingDays, Hours, Months])
hours = st.integers(0, 24 * 20).map(lambda h: pendulum.duration(hours=h))


@settings(deadline=None)
@given(kind=kinds, start=instants, calendar=calendars, n=st.integers(1, 60))
def test_the_due_never_comes_earlier_for_a_longer_rule(
    kind: type[CountedRule], start: pendulum.DateTime, calendar: WorkCalendar, n: int
) -> None:
    assert start < kind(n).due(start, calendar) <= kind(n + 1).due(start, calendar)


@settings(deadline=None)
@given(start=instants, calendar=calendars, n=st.integers(1, 60))
def test_working_days_are_due_at_the_end_of_a_working_day(
    start: pendulum.DateTime, calendar: WorkCalendar, n: int
) -> None:
    due = WorkingDays(n).due(start, calendar)
    assert due == due.end_of("day")
    assert calendar.is_working_day(due.date())


@settings(deadline=None)
@given(kind=kinds, start=instants, calendar=calendars, n=st.integers(1, 30), wait=hours)
def test_an_extension_never_makes_the_due_earlier(
    kind: type[CountedRule],
    start: pendulum.DateTime,
    calendar: WorkCalendar,
    n: int,
    wait: pendulum.Duration,
) -> None:
    deadline = limit(kind(30), extension=kind(30)).start(start, calendar)
    when = min(start + wait, deadline.due)
    assert deadline.extend(kind(n), when, HEAD, "情况复杂").due >= deadline.due


@settings(deadline=None)
@given(
    kind=kinds,
    start=instants,
    calendar=calendars,
    waits=st.lists(st.tuples(hours, hours), max_size=3),
)
def test_pausing_then_resuming_never_makes_the_due_earlier_nor_overdue_while_paused(
    kind: type[CountedRule],
    start: pendulum.DateTime,
    calendar: WorkCalendar,
    waits: list[tuple[pendulum.Duration, pendulum.Duration]],
) -> None:
    deadline = limit(kind(10), pausable=True).start(start, calendar)
    now = start
    for before, during in waits:
        due, now = deadline.due, now + before
        paused = deadline.pause(now, "听证")
        now += during
        assert not paused.overdue(now) or due < paused.pauses[-1].start
        deadline = paused.resume(now)
        assert deadline.due >= due


# Dues are pendulum's own instants, however they are computed

ZONES = ["Asia/Shanghai", "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "UTC"]


def _fields(value: datetime.datetime) -> tuple[object, ...]:
    return (type(value), value.replace(tzinfo=None), value.fold, value.tzinfo)


@st.composite
def zoned_instants(draw: st.DrawFn) -> pendulum.DateTime:
    """Instants from 2024 to 2028 in zones with and without summer time, written in a
    pendulum zone, in a fixed offset, or in a standard-library zone (any fold)."""
    zone = draw(st.sampled_from(ZONES))
    seconds = draw(st.integers(1_704_067_200, 1_830_297_600))
    instant = pendulum.from_timestamp(seconds, tz=zone)
    form = draw(st.sampled_from(["pendulum", "offset", "zoneinfo"]))
    if form == "offset":
        return instant.in_timezone(FixedTimezone(instant.offset or 0))
    if form == "zoneinfo":
        fold = draw(st.integers(0, 1))
        naive = instant.naive()
        return pendulum.DateTime(
            *(naive.year, naive.month, naive.day, naive.hour, naive.minute, naive.second),
            tzinfo=zoneinfo.ZoneInfo(zone),
            fold=fold,
        )
    return instant


@settings(deadline=None, max_examples=300)
@given(start=zoned_instants(), tz=st.sampled_from(ZONES), n=st.integers(1, 400))
def test_dues_are_the_instants_pendulum_gives(start: pendulum.DateTime, tz: str, n: int) -> None:
    calendar = WeekendCalendar(tz=tz)
    local = start.in_timezone(tz).date()

    def end(day: pendulum.Date) -> pendulum.DateTime:
        return pendulum.datetime(day.year, day.month, day.day, tz=tz).end_of("day")

    assert _fields(Hours(n).due(start, calendar)) == _fields(start.in_timezone(tz).add(hours=n))
    assert _fields(EndOfDay().due(start, calendar)) == _fields(end(local))
    assert _fields(CalendarDays(n).due(start, calendar)) == _fields(end(local.add(days=n)))
    assert _fields(Months(n % 13 + 1).due(start, calendar)) == _fields(
        end(local.add(months=n % 13 + 1))
    )


def test_hours_across_a_change_of_summer_time_count_elapsed_time_and_keep_the_fold() -> None:
    paris = WeekendCalendar(tz="Europe/Paris")
    before = pendulum.datetime(2026, 10, 25, 1, 30, tz="Europe/Paris")
    first = Hours(1).due(before, paris)  # 02:30 comes twice: +02:00, then +01:00
    second = Hours(1).due(first, paris)
    assert (first.hour, first.fold, second.hour, second.fold) == (2, 0, 2, 1)
    assert second - before == pendulum.duration(hours=2)


class _CountingCalendar:
    """Monday to Friday, counting the days it is asked about."""

    name, tz = "counting", "Asia/Shanghai"

    def __init__(self) -> None:
        self.asked = 0

    def is_working_day(self, day: pendulum.Date) -> bool:
        self.asked += 1
        return day.weekday() < 5


def test_a_deadline_counts_its_due_once_however_often_it_is_asked() -> None:
    calendar = _CountingCalendar()
    deadline = TimeLimit(rule=WorkingDays(5), source=ART_35).start(at(2026, 3, 2, 9), calendar)
    assert deadline.due == end_of(2026, 3, 9)
    asked = calendar.asked
    assert not deadline.overdue(at(2026, 3, 9, 12))
    assert deadline.remaining(at(2026, 3, 9, 23)) > pendulum.duration()
    assert deadline.due == end_of(2026, 3, 9)
    assert calendar.asked == asked


def test_a_deadline_that_knows_its_due_is_the_same_value() -> None:
    fresh = HANDLING.start(at(2026, 3, 2, 10), CN)
    asked = HANDLING.start(at(2026, 3, 2, 10), CN)
    assert asked.due == end_of(2026, 5, 1)
    assert asked == fresh
    assert hash(asked) == hash(fresh)
    assert repr(asked) == repr(fresh)
    extended = asked.extend(CalendarDays(30), at(2026, 4, 1), HEAD, "需要调查")
    assert extended.due == end_of(2026, 5, 31)  # an extension is counted afresh
    paused = extended.pause(at(2026, 4, 2), "听证")
    assert paused.due_as_of(at(2026, 4, 3, 12)) == end_of(2026, 6, 2)
