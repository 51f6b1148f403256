"""Time limits (期限) as data, and the deadlines (届满时间) they give once started.

A `TimeLimit` is a rule from a law or a local policy: a duration (`CalendarDays`,
`WorkingDays`, `Hours`, `EndOfDay`, `Months`), its `Source`, whether the clock may be paused
and how far it may be extended. `TimeLimit.start(at, calendar)` gives a `Deadline`, an
immutable value whose pauses (暂停计时) and extensions (延长) are recorded one by one.

Counting follows the Civil Code (民法典):

- 第201条: "按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。按照小时计算期间的，
  自法律规定或者当事人约定的时间开始计算。" A day-based period starts on the next local day;
  an hour-based one at the very instant.
- 第202条: "按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间
  的最后一日。"
- 第203条: "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。期间的最后
  一日的截止时间为二十四时。" A day-based period is due at the end of its last local day
  (23:59:59.999999 in the calendar's time zone); moving a last day off to the next working
  day is an option of `CalendarDays`, since some rules count working days instead.

Local days are those of the calendar's time zone (`WorkCalendar.tz`), never the zone an
instant happens to be written in.
"""

from __future__ import annotations

import datetime
import functools
from typing import Final, TypeAlias

import attrs
import pendulum
from pendulum.tz.timezone import FixedTimezone, Timezone

from jiceng._kernel._arguments import checked
from jiceng._kernel._calendars import (
    MAX_WORKING_DAYS,
    WorkCalendar,
    _add_working_days,
    _next_working,
    _working_ordinal,
)
from jiceng._kernel._checks import between, optional
from jiceng._kernel._values import Actor, Label, Source, check_instant
from jiceng.exceptions import DeadlineError, ValidationError

__all__ = [
    "CalendarDays",
    "CountedRule",
    "Deadline",
    "DurationRule",
    "EndOfDay",
    "Extension",
    "ExtensionLimit",
    "Hours",
    "Months",
    "Pause",
    "TimeLimit",
    "WorkingDays",
]

__all__ += ["MAX_CALENDAR_DAYS", "MAX_HOURS", "MAX_MONTHS", "MAX_WORKING_DAYS"]


# The ranges of each kind of duration: ten years of it, far beyond any limit of the law
# or the seeds (the longest is a 3-year 人民调解委员会 term, Months(36)), and small enough
# that counting a due day by day stays quick.
MAX_CALENDAR_DAYS: Final = 3_660
MAX_HOURS: Final = 87_840
MAX_MONTHS: Final = 120


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}" if n == 1 else f"{n} {unit}s"


@functools.cache
def _zone(name: str) -> Timezone | FixedTimezone:
    return pendulum.timezone(name)


def _local_ordinal(at: pendulum.DateTime, calendar: WorkCalendar) -> int:
    """The proleptic Gregorian ordinal of `at`'s local day in the calendar's zone."""
    if at.tzinfo is _zone(calendar.tz):  # already written in that zone: nothing to convert
        return at.toordinal()
    return at.in_timezone(calendar.tz).toordinal()


def _local_day(at: pendulum.DateTime, calendar: WorkCalendar) -> pendulum.Date:
    return pendulum.Date.fromordinal(_local_ordinal(at, calendar))


def _end_of(ordinal: int, calendar: WorkCalendar) -> pendulum.DateTime:
    """二十四时 of the day `ordinal` in the calendar's zone (民法典 第203条)."""
    return _end_of_day(ordinal, calendar.tz)


@functools.lru_cache(maxsize=4096)
def _end_of_day(ordinal: int, tz: str) -> pendulum.DateTime:
    # Deadlines fall on a few hundred distinct days; each end is built once and shared
    # (instants are immutable).
    day = datetime.date.fromordinal(ordinal)
    return pendulum.datetime(day.year, day.month, day.day, tz=tz).end_of("day")


def _hours_later(start: pendulum.DateTime, hours: int, tz: str) -> pendulum.DateTime:
    """`start.in_timezone(tz).add(hours=hours)`, computed with the standard library.

    Elapsed time: the instant `hours` later, written in `tz` as `astimezone` writes it
    (the fold set on a repeated hour), as pendulum does. Instants in another kind of zone
    (not one of pendulum's) take pendulum's own path.
    """
    zone = _zone(tz)
    if not isinstance(start.tzinfo, Timezone | FixedTimezone):
        return start.in_timezone(tz).add(hours=hours)
    plain = datetime.datetime(
        start.year, start.month, start.day, start.hour, start.minute, start.second,
        start.microsecond, start.tzinfo, fold=start.fold,
    )  # fmt: skip
    utc = plain.astimezone(datetime.UTC) + datetime.timedelta(hours=hours)
    later = utc.astimezone(zone)
    return pendulum.DateTime(
        later.year, later.month, later.day, later.hour, later.minute, later.second,
        later.microsecond, later.tzinfo, fold=later.fold,
    )  # fmt: skip


def _format(at: pendulum.DateTime, calendar: WorkCalendar) -> str:
    return at.in_timezone(calendar.tz).format("YYYY-MM-DD HH:mm Z")


@attrs.frozen(order=True)
class CalendarDays:
    """`n` calendar days (日), the start day not counted; due at the end of the last day.

    With `roll_to_working_day`, a last day that is not a working day moves to the next
    working day (民法典 第203条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间
    的最后一日). It is off by default, because many administrative rules count plain days.

    >>> from jiceng._kernel._calendars import WeekendCalendar
    >>> start = pendulum.datetime(2026, 1, 15, 9, tz="Asia/Shanghai")
    >>> CalendarDays(30).due(start, WeekendCalendar())
    DateTime(2026, 2, 14, 23, 59, 59, 999999, tzinfo=Timezone('Asia/Shanghai'))
    """

    n: int = attrs.field(validator=between(1, MAX_CALENDAR_DAYS))
    roll_to_working_day: bool = attrs.field(default=False, kw_only=True)

    def due(self, start: pendulum.DateTime, calendar: WorkCalendar) -> pendulum.DateTime:
        """The end of the `n`-th local day after `start`'s, rolled if asked."""
        last = _local_ordinal(check_instant(start, "start"), calendar) + self.n
        if self.roll_to_working_day:
            last = _next_working(calendar, last)
        return _end_of(last, calendar)

    def describe(self) -> Label:
        """The rule in words: ``30日 (30 calendar days)``."""
        if self.roll_to_working_day:
            return Label(
                f"{self.n}日（末日为休假日的顺延）",
                _plural(self.n, "calendar day") + " (a last day off moves to the next working day)",
            )
        return Label(f"{self.n}日", _plural(self.n, "calendar day"))


@attrs.frozen(order=True)
class WorkingDays:
    """`n` working days (工作日) after the start day; due at the end of the last one.

    Which days are working days is the calendar's business (weekends, public holidays,
    make-up working days 调休上班).
    """

    n: int = attrs.field(validator=between(1, MAX_WORKING_DAYS))

    def due(self, start: pendulum.DateTime, calendar: WorkCalendar) -> pendulum.DateTime:
        """The end of the `n`-th working day after `start`'s local day."""
        day = _local_ordinal(check_instant(start, "start"), calendar)
        return _end_of(_add_working_days(calendar, day, self.n), calendar)

    def describe(self) -> Label:
        """The rule in words: ``5个工作日 (5 working days)``."""
        return Label(f"{self.n}个工作日", _plural(self.n, "working day"))


@attrs.frozen(order=True)
class Hours:
    """`n` hours (小时) of elapsed time from the very instant (民法典 第201条第2款)."""

    n: int = attrs.field(validator=between(1, MAX_HOURS))

    def due(self, start: pendulum.DateTime, calendar: WorkCalendar) -> pendulum.DateTime:
        """`start` plus exactly `n` hours, shown in the calendar's zone."""
        return _hours_later(check_instant(start, "start"), self.n, calendar.tz)

    def describe(self) -> Label:
        """The rule in words: ``24小时 (24 hours)``."""
        return Label(f"{self.n}小时", _plural(self.n, "hour"))


@attrs.frozen(order=True)
class Months:
    """`n` months (个月): the last day is the same day of the month `n` months on, or that
    month's last day when it has no such day (民法典 第202条); e.g. mediation within one month.
    """

    n: int = attrs.field(validator=between(1, MAX_MONTHS))

    def due(self, start: pendulum.DateTime, calendar: WorkCalendar) -> pendulum.DateTime:
        """The end of the corresponding local day `n` months on (Jan 31 + 1 → Feb 28/29)."""
        last = _local_day(check_instant(start, "start"), calendar).add(months=self.n)
        return _end_of(last.toordinal(), calendar)

    def describe(self) -> Label:
        """The rule in words: ``1个月 (1 month)``."""
        return Label(f"{self.n}个月", _plural(self.n, "month"))


@attrs.frozen
class EndOfDay:
    """By the end of the same local day (当日办结), whatever the hour of the start."""

    def due(self, start: pendulum.DateTime, calendar: WorkCalendar) -> pendulum.DateTime:
        """The end of `start`'s local day in the calendar's zone."""
        return _end_of(_local_ordinal(check_instant(start, "start"), calendar), calendar)

    def describe(self) -> Label:
        """The rule in words."""
        return Label("当日办结", "by the end of the same day")


CountedRule: TypeAlias = CalendarDays | WorkingDays | Hours | Months
"""A duration with a count `n`: the kinds an extension may be measured in."""

DurationRule: TypeAlias = CountedRule | EndOfDay
"""Every kind of duration a time limit can have.

A closed set on purpose: pauses and extensions are defined for each kind. Local variants
change the count and the source, not the way of counting.
"""


@attrs.frozen(kw_only=True)
class ExtensionLimit:
    """How far a time limit may be extended (延长): by at most `max_total` in all, at most
    `max_count` times (`None`: as many times as the total allows), and under which source.
    E.g. 信访工作条例(2022) 第34条: by at most 30 days in all, with the approval of the
    body's head; the article sets no count.
    """

    max_count: int | None = attrs.field(default=1, validator=optional(between(1, 100)))
    max_total: CountedRule
    source: Source


@attrs.frozen(kw_only=True)
class TimeLimit:
    """A time limit (期限) as data: a duration, its legal source, and how it may bend.

    `pausable` says whether the clock may be stopped (e.g. 信访工作条例(2022) 第36条:
    听证所需时间不计算在内); `extension`, how far it may be extended. An extension is
    measured in the same kind of duration as the rule.

    >>> limit = TimeLimit(rule=CalendarDays(30), source=Source("信访工作条例(2022) 第35条"))
    >>> str(limit)
    '30日 (30 calendar days) — 信访工作条例(2022) 第35条'
    """

    rule: DurationRule
    source: Source
    label: Label | None = None
    extension: ExtensionLimit | None = attrs.field(
        default=None, validator=lambda self, attribute, value: self._check_extension(value)
    )
    pausable: bool = False

    def _check_extension(self, value: ExtensionLimit | None) -> None:
        if value is not None and type(value.max_total) is not type(self.rule):
            raise ValidationError.single(
                "extension.max_total",
                f"must be counted like the rule ({self.rule.describe().en}), "
                f"got {value.max_total.describe().en}",
                subject="time limit",
            )

    def start(self, at: pendulum.DateTime, calendar: WorkCalendar) -> Deadline:
        """Start the clock at `at`, counting local days with `calendar`."""
        return Deadline(limit=self, started=check_instant(at), calendar=calendar)

    def __str__(self) -> str:
        rule = self.rule.describe()
        head = f"{self.label}: {rule}" if self.label else str(rule)
        return f"{head} — {self.source}"


@attrs.frozen(kw_only=True)
class Pause:
    """A stretch of time the clock stood still (暂停计时); `end` is None while it lasts."""

    start: pendulum.DateTime
    end: pendulum.DateTime | None
    reason: str
    by: Actor | None = None
    resumed_by: Actor | None = None


@attrs.frozen(kw_only=True)
class Extension:
    """An approved extension (延长): `rule` more, counted from the due it extends."""

    rule: CountedRule
    at: pendulum.DateTime
    approved_by: Actor
    reason: str


@attrs.frozen(kw_only=True)
class Deadline:
    """A started time limit (期限起算): when it is due, and what paused or extended it.

    The due is the rule's due from `started`; each extension then adds its own rule, counted
    from the due it extends; then each pause pushes the due back:

    - `Hours`: by the exact time the pause lasted;
    - day-based rules: every local day the pause touches (start day to end day, both
      included) is not counted, so the due moves on by that many counted days (for
      `WorkingDays`, by the working days among them; a day is skipped once however many
      pauses touch it, and days before the first counted day change nothing); with
      `roll_to_working_day`, the due moves on from the last day as already moved to a
      working day, then moves again if needed, so it is never earlier than counting the
      days one by one;
    - a pause that starts after the due has already passed does not revive the deadline.

    While a pause lasts, `due` raises `DeadlineError` and `due_as_of(at)` treats the pause as
    ending at `at`, so a paused clock cannot become overdue.
    """

    limit: TimeLimit
    started: pendulum.DateTime
    calendar: WorkCalendar
    pauses: tuple[Pause, ...] = ()
    extensions: tuple[Extension, ...] = ()
    # The due of the rule and the extensions, before any pause: a pure function of the
    # fields above, computed once when first asked (a value is asked about many times).
    _unpaused: pendulum.DateTime | None = attrs.field(
        default=None, init=False, eq=False, repr=False
    )

    @property
    def is_paused(self) -> bool:
        """Whether the clock is stopped now (an open pause)."""
        return bool(self.pauses) and self.pauses[-1].end is None

    @property
    def due(self) -> pendulum.DateTime:
        """When the time limit runs out; `DeadlineError` while the clock is paused."""
        if self.is_paused:
            raise DeadlineError(
                f"{self.limit} is paused since {_format(self.pauses[-1].start, self.calendar)}, "
                "so its due is not known yet; use due_as_of(at)"
            )
        return self.due_as_of(self.started)  # a running clock's due does not depend on `at`

    def due_as_of(self, at: pendulum.DateTime) -> pendulum.DateTime:
        """The due if an open pause ended at `at` (the plain due when the clock runs)."""
        at = check_instant(at)
        due = self._unpaused
        if due is None:
            due = self.limit.rule.due(self.started, self.calendar)
            for extension in self.extensions:
                due = extension.rule.due(due, self.calendar)
            object.__setattr__(self, "_unpaused", due)
        if not self.pauses:
            return due
        skipped: set[int] = set()
        for pause in self.pauses:
            if pause.start > due:  # the deadline had passed: a later pause cannot revive it
                break
            end = pause.end or max(at, pause.start)
            due = self._after_pause(due, pause.start, end, skipped)
        return due

    def _after_pause(
        self,
        due: pendulum.DateTime,
        start: pendulum.DateTime,
        end: pendulum.DateTime,
        skipped: set[int],
    ) -> pendulum.DateTime:
        """`due` pushed back by the pause from `start` to `end`; records the days skipped
        (as ordinals)."""
        rule, calendar = self.limit.rule, self.calendar
        if isinstance(rule, Hours):
            return due + (end - start)
        working = _working_ordinal(calendar) if isinstance(rule, WorkingDays) else None
        first_counted = _local_ordinal(self.started, calendar)
        if not isinstance(rule, EndOfDay):  # 民法典 第201条: the start day is not counted
            first_counted += 1
        lost: set[int] = set()
        for day in range(
            max(first_counted, _local_ordinal(start, calendar)),
            _local_ordinal(end, calendar) + 1,
        ):
            if day not in skipped and (working is None or working(day)):
                lost.add(day)
        if not lost:
            return due
        skipped |= lost
        shift: CountedRule = (
            WorkingDays(len(lost))
            if working is not None
            else CalendarDays(
                len(lost),
                roll_to_working_day=isinstance(rule, CalendarDays) and rule.roll_to_working_day,
            )
        )
        return shift.due(due, calendar)

    def overdue(self, at: pendulum.DateTime) -> bool:
        """Whether `at` is strictly after the due (never while a timely pause lasts)."""
        return at > self.due_as_of(at)

    def remaining(self, at: pendulum.DateTime) -> pendulum.Duration:
        """Time left at `at`; negative once overdue."""
        return (self.due_as_of(at) - at).as_duration()

    def _last_change(self) -> pendulum.DateTime:
        times = [self.started, *(e.at for e in self.extensions)]
        times += [t for p in self.pauses for t in (p.start, p.end) if t is not None]
        return max(times)

    def _check_command(self, command: str, at: pendulum.DateTime) -> None:
        last = self._last_change()
        if at < last:
            raise DeadlineError(
                f"cannot {command} at {_format(at, self.calendar)}: {self.limit} last changed "
                f"at {_format(last, self.calendar)}, and a change cannot be dated before it"
            )

    @checked
    def pause(self, at: pendulum.DateTime, reason: str, by: Actor | None = None) -> Deadline:
        """Stop the clock at `at` (暂停计时), e.g. for a hearing (听证).

        Refused when the limit is not pausable, the clock is already paused, or `at` is
        before the last change (`DeadlineError`), or an argument is wrong, such as an empty
        reason (`ValidationError`).
        """
        if not self.limit.pausable:
            raise DeadlineError(f"{self.limit} cannot be paused: its rule counts every day")
        if self.is_paused:
            raise DeadlineError(
                f"{self.limit} is already paused since "
                f"{_format(self.pauses[-1].start, self.calendar)}"
            )
        self._check_command("pause", at)
        pause = Pause(start=at, end=None, reason=reason, by=by)
        return attrs.evolve(self, pauses=(*self.pauses, pause))

    @checked
    def resume(self, at: pendulum.DateTime, by: Actor | None = None) -> Deadline:
        """Restart the clock at `at` (恢复计时); refused when it is not paused."""
        if not self.is_paused:
            raise DeadlineError(f"cannot resume {self.limit}: its clock is not paused")
        self._check_command("resume", at)
        pause = attrs.evolve(self.pauses[-1], end=at, resumed_by=by)
        return attrs.evolve(self, pauses=(*self.pauses[:-1], pause))

    @checked
    def extend(
        self, rule: CountedRule, at: pendulum.DateTime, approved_by: Actor, reason: str
    ) -> Deadline:
        """Extend the deadline by `rule` (延长), as approved by `approved_by` at `at`.

        Refused when the limit allows no extension, when the rule is not of the bound's kind,
        when the count or the total would exceed the bound, when the deadline had already
        passed at `at`, or when `at` is before the last change (`DeadlineError`); a wrong
        argument, such as an empty reason or a number for `rule`, is a `ValidationError`.
        """
        bound = self.limit.extension
        if bound is None:
            raise DeadlineError(f"cannot extend: {self.limit} allows no extension")
        refusal = f"cannot extend: {bound.source} allows"
        if type(rule) is not type(bound.max_total):
            raise DeadlineError(
                f"{refusal} extensions of at most {bound.max_total.describe()}, "
                f"not {rule.describe()}"
            )
        if bound.max_count is not None and len(self.extensions) >= bound.max_count:
            raise DeadlineError(f"{refusal} at most {_plural(bound.max_count, 'extension')}")
        total = rule.n + sum(e.rule.n for e in self.extensions)
        if total > bound.max_total.n:
            raise DeadlineError(
                f"{refusal} at most {bound.max_total.describe()} in all, "
                f"and this would make {total}"
            )
        self._check_command("extend", at)
        if self.overdue(at):
            raise DeadlineError(
                f"cannot extend {self.limit}: it was due at "
                f"{_format(self.due_as_of(at), self.calendar)}, before {_format(at, self.calendar)}"
            )
        extension = Extension(rule=rule, at=at, approved_by=approved_by, reason=reason)
        return attrs.evolve(self, extensions=(*self.extensions, extension))

    def __str__(self) -> str:
        started = _format(self.started, self.calendar)
        if self.is_paused:
            since = _format(self.pauses[-1].start, self.calendar)
            state = f"暂停计时 paused since {since}"
        else:
            state = f"届满 due {_format(self.due, self.calendar)}"
        return f"{self.limit}; 起算 started {started}; {state}"
