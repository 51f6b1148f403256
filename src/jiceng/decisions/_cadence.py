"""Cadence (会议周期): how often a body must meet, and which periods it missed.

村民委员会组织法(2018) 第26条: 村民代表会议每季度召开一次. Local practice sets others: 张家口
桥西区's 居民议事厅 meets every week (每周开门议事, seed 003). A `Cadence` is a value a
`MeetingKind` carries; `missed` reads the days meetings were held and names the periods
without one. Weeks run Monday to Sunday; months, quarters and years are the calendar's.

>>> import pendulum
>>> weekly = Cadence(every=Every.WEEK, source=Source("每周开门议事"))
>>> held = [pendulum.date(2026, 3, 4), pendulum.date(2026, 3, 18)]
>>> weekly.missed(held, start=pendulum.date(2026, 3, 2), end=pendulum.date(2026, 3, 23))
(Date(2026, 3, 9),)
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import pendulum

from jiceng import Label, Labelled, Source
from jiceng.checks import instance_of, member
from jiceng.exceptions import ValidationError


class Every(Labelled):
    """The length of a cadence's period."""

    WEEK = "week", "每周", "weekly"
    MONTH = "month", "每月", "monthly"
    QUARTER = "quarter", "每季度", "quarterly"
    YEAR = "year", "每年", "yearly"


_MONTHS = {Every.MONTH: 1, Every.QUARTER: 3, Every.YEAR: 12}


@attrs.frozen(kw_only=True)
class Cadence:
    """A body meets at least once in every period of this length (`every`)."""

    every: Every = attrs.field(validator=member(Every))
    source: Source = attrs.field(validator=instance_of(Source))

    def period(self, day: pendulum.Date) -> tuple[pendulum.Date, pendulum.Date]:
        """The period containing `day`: its first day and the first day after it."""
        if self.every is Every.WEEK:
            start = day.subtract(days=day.weekday())
            return start, start.add(weeks=1)
        months = _MONTHS[self.every]
        start = pendulum.date(day.year, (day.month - 1) // months * months + 1, 1)
        return start, start.add(months=months)

    def missed(
        self, held: Iterable[pendulum.Date], *, start: pendulum.Date, end: pendulum.Date
    ) -> tuple[pendulum.Date, ...]:
        """The first days of the periods touching ``[start, end)`` in which no meeting was
        held; `held` are the local dates meetings were held on."""
        if end <= start:
            msg = f"must come after start ({start}), got {end}"
            raise ValidationError.single("end", msg, subject="cadence")
        met = {self.period(day)[0] for day in held}
        gaps: list[pendulum.Date] = []
        first, _ = self.period(start)
        while first < end:
            if first not in met:
                gaps.append(first)
            first = self.period(first)[1]
        return tuple(gaps)

    @property
    def label(self) -> Label:
        """``每周召开 (meets weekly)`` style wording."""
        return Label(f"{self.every.zh}召开", f"meets {self.every.en}")

    def __str__(self) -> str:
        return f"{self.label} — {self.source}"
