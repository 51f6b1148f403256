"""示例县 (an example county): its local rules for jiceng, published as a plugin.

The county is illustrative and so are its documents; each rule names the county document
that would set it, so that a real county can replace the citation with its own.

- `CALENDAR`: the national working-day calendar (statutory holidays and make-up working
  days), plus the county's own days off.
- `GRID_EVENT_SLA`: time limits for grid events, counted on that calendar.
- `HOTLINE`: the county hotline's ticket policy: reply within 3 working days.
- `PHOTO_BEFORE_CLOSING`: a guard on grid events: closing needs a photo reference.
- `PLUGIN`: all of it, under the entry point ``example_county``.
"""

from __future__ import annotations

import attrs
import pendulum

from jiceng import (
    CalendarDays,
    ChinaCalendar,
    ExtensionLimit,
    Hours,
    Label,
    Source,
    TimeLimit,
    TransitionGuard,
    WorkCalendar,
    WorkingDays,
)
from jiceng.grids import GRID_EVENT, GridEvent, Priority, SlaPolicy, SlaRule
from jiceng.grids.events import Closed
from jiceng.petitions import TicketPolicy
from jiceng.plugins import Contributions, PluginSpec

__all__ = [
    "CALENDAR",
    "GRID_EVENT_SLA",
    "HOTLINE",
    "PHOTO_BEFORE_CLOSING",
    "PLUGIN",
    "CountyCalendar",
    "photo_before_closing",
]

NAME = "example-county"
"""The plugin's name: every value it contributes is registered under it."""

_GRID_RULES = "示例县网格化服务管理办法（示例, 2026）"
_HOTLINE_RULES = "示例县12345热线工单办理规定（示例, 2026）"


@attrs.frozen(kw_only=True)
class CountyCalendar:
    """Working days in the county (县工作日历): the national calendar less local days off.

    `days_off` are the county's own holidays (e.g. an ethnic festival an autonomous
    county observes under its regulations). Like every jiceng calendar it never guesses:
    a day the national calendar does not cover raises `CalendarCoverageError`.
    """

    name: str
    days_off: frozenset[pendulum.Date] = frozenset()
    national: WorkCalendar = attrs.field(factory=ChinaCalendar)

    @property
    def tz(self) -> str:
        """The county counts local days in the national calendar's time zone."""
        return self.national.tz

    def is_working_day(self, day: pendulum.Date) -> bool:
        """A national working day that is not one of the county's days off."""
        return self.national.is_working_day(day) and day not in self.days_off


CALENDAR = CountyCalendar(
    name=NAME,
    days_off=frozenset({pendulum.date(2026, 4, 20), pendulum.date(2026, 4, 21)}),
)
"""The county calendar for 2026: two local festival days off in April (illustrative)."""

GRID_EVENT_SLA = SlaPolicy(
    name=NAME,
    rules=(
        SlaRule(
            priority=Priority.EMERGENCY,
            limit=TimeLimit(
                rule=Hours(2),
                source=Source(f"{_GRID_RULES} 第12条", "紧急事件2小时内处置"),
                label=Label("紧急事件", "Emergency"),
                pausable=True,
            ),
        ),
        SlaRule(
            limit=TimeLimit(
                rule=WorkingDays(4),
                source=Source(f"{_GRID_RULES} 第12条", "一般事件4个工作日内办结"),
                label=Label("一般事件", "Ordinary event"),
                pausable=True,
                extension=ExtensionLimit(
                    max_count=1,
                    max_total=WorkingDays(3),
                    source=Source(f"{_GRID_RULES} 第13条", "确需延期的，经批准可延期一次"),
                ),
            ),
        ),
    ),
    summons=TimeLimit(
        rule=CalendarDays(1),
        source=Source(f"{_GRID_RULES} 第15条", "职能部门接到吹哨后1日内报到"),
        label=Label("部门报到", "Department reports"),
    ),
    calendar=CALENDAR,
)
"""Grid events: emergencies within 2 hours; others within 4 working days of the county
calendar, extendable once by up to 3; a summoned department reports within a day."""

HOTLINE = TicketPolicy(
    name=NAME,
    title=Label("示例县12345热线工单办理规定", "Example County hotline ticket rules"),
    reply=TimeLimit(
        rule=WorkingDays(3),
        source=Source(f"{_HOTLINE_RULES} 第9条", "承办单位应当在3个工作日内答复诉求人"),
        label=Label("答复期限", "time to reply"),
    ),
    max_returns=2,
    returns_source=Source(f"{_HOTLINE_RULES} 第14条", "退回重办不超过两次"),
    repeat_source=Source(f"{_HOTLINE_RULES} 第11条", "同一事项重复诉求的，做好解释"),
)
"""Hotline tickets: reply within 3 working days; a ticket goes back at most twice."""

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".heic")
"""What counts as a photo reference among a grid event's evidence."""


def photo_before_closing(event: GridEvent, change: Closed) -> str | None:
    """Closing a grid event needs a photo reference among its evidence (现场照片)."""
    if any(ref.lower().endswith(PHOTO_SUFFIXES) for ref in event.evidence):
        return None
    return "closing needs a photo reference (现场照片) among the evidence"


PHOTO_BEFORE_CLOSING = TransitionGuard(
    machine=GRID_EVENT.name,
    command="close",
    name="photo_before_closing",
    check=photo_before_closing,
    plugin=NAME,
    source=Source(f"{_GRID_RULES} 第18条", "结案须上传处置后现场照片"),
    remedy="add a photo taken after the work (add_evidence), then close",
)

PLUGIN = PluginSpec(
    name=NAME,
    version="1.0.0",
    description="示例县: county calendar, grid-event time limits, hotline rules, photo rule.",
    source=f"{_GRID_RULES}; {_HOTLINE_RULES}",
    contributions=Contributions(
        calendars=(CALENDAR,),
        sla_policies=(GRID_EVENT_SLA,),
        ticket_policies=(HOTLINE,),
        guards=(PHOTO_BEFORE_CLOSING,),
    ),
)
"""The plugin, published under the entry point ``example_county``."""
