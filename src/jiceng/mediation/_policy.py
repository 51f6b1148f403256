"""Mediation policies (调解规则): the time limits a case follows and the local rules it
keeps, as plain data."""

from __future__ import annotations

import attrs

from jiceng import (
    CalendarDays,
    ExtensionLimit,
    Label,
    Months,
    Source,
    TimeLimit,
    WeekendCalendar,
    WorkCalendar,
)
from jiceng.checks import instance_of, optional, text

__all__ = [
    "CONFIRMATION_RULES",
    "CONFIRMATION_WINDOW",
    "DEFAULT_POLICY",
    "MEDIATION_LAW",
    "NINGBO_POLICY",
    "NINGBO_REGULATION",
    "NINGBO_WRITTEN_UNLESS_PERFORMED_AT_ONCE",
    "SETTLEMENT_LIMIT",
    "MediationPolicy",
]

MEDIATION_LAW = "人民调解法(2010)"
NINGBO_REGULATION = "宁波市人民调解条例(2015)"
CONFIRMATION_RULES = "最高人民法院关于人民调解协议司法确认程序的若干规定(2011)"
"""The laws the machine table's rows cite by name, with their articles."""

SETTLEMENT_LIMIT = TimeLimit(
    rule=Months(1),
    source=Source(
        "宁波市人民调解条例(2015) 第27条; 人民调解工作若干规定(司法部,2002) 第33条",
        "人民调解委员会调解民间纠纷，一般应当在一个月内调结。",
    ),
    label=Label("调解期限", "time to settle"),
    extension=ExtensionLimit(
        max_count=1,
        max_total=Months(1),
        source=Source(
            "宁波市人民调解条例(2015) 第27条",
            "到期未达成协议，双方当事人要求延长的，可以适当延长。",
        ),
    ),
)
"""One month from opening to settle (一个月内调结), extendable once, by at most a month, when
every party asks. The law says only "适当延长" (a suitable extension); the one-month bound
is this policy's choice: a local policy states its own."""

CONFIRMATION_WINDOW = TimeLimit(
    rule=CalendarDays(30, roll_to_working_day=True),
    source=Source(
        "人民调解法(2010) 第33条; 民法典 第203条",
        "双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认",
    ),
    label=Label("司法确认申请期限", "window to apply for judicial confirmation"),
)
"""Thirty days from the day the agreement takes effect (not counted) to apply jointly for
judicial confirmation; a last day off moves to the next working day (民法典 第203条)."""


NINGBO_WRITTEN_UNLESS_PERFORMED_AT_ONCE = Source(
    "宁波市人民调解条例(2015) 第24条第1款第2项",
    "有下列情形之一的，应当制作调解协议书：……（二）协议内容未能即时履行完毕的；",
)
"""宁波's rule that an agreement not performed at once is made in writing: an oral
agreement's obligations all fall due on the day it is reached. National law has no such
rule (人民调解法 第28条 leaves the form to the parties)."""


@attrs.frozen(kw_only=True)
class MediationPolicy:
    """The rules a mediation case follows (调解规则), given when the case is opened.

    `time_limit` runs from opening to the agreement (调结); `confirmation_window` from the
    agreement taking effect to the joint application for judicial confirmation; `calendar`
    decides the local days (and, for a window that rolls, the working days).

    `oral_only_if_performed_at_once` is the source of a local rule that an agreement not
    performed at once must be written (宁波市人民调解条例 第24条); `None`, the default,
    follows national law alone: the parties may settle orally whenever they see no need
    for a document, and the mediator records what they agreed (人民调解法 第28条).

    >>> str(DEFAULT_POLICY.confirmation_window.rule.describe())
    '30日（末日为休假日的顺延） (30 calendar days (a last day off moves to the next working day))'
    """

    name: str = attrs.field(validator=text(max_length=200))
    time_limit: TimeLimit = attrs.field(default=SETTLEMENT_LIMIT, validator=instance_of(TimeLimit))
    confirmation_window: TimeLimit = attrs.field(
        default=CONFIRMATION_WINDOW, validator=instance_of(TimeLimit)
    )
    calendar: WorkCalendar = attrs.field(
        factory=WeekendCalendar, validator=instance_of(WorkCalendar)
    )
    oral_only_if_performed_at_once: Source | None = attrs.field(
        default=None, validator=optional(instance_of(Source))
    )


DEFAULT_POLICY = MediationPolicy(name="default")
"""The national rules: one month to settle, extended only at every party's request, 30
days to apply for judicial confirmation, counted on a Monday-to-Friday calendar, and an
oral agreement whenever the parties need no document (人民调解法 第28条). Use a
`ChinaCalendar` (extra ``cn``) to roll over public holidays too:
``attrs.evolve(DEFAULT_POLICY, name="cn", calendar=ChinaCalendar())``."""

NINGBO_POLICY = MediationPolicy(
    name="ningbo",
    oral_only_if_performed_at_once=NINGBO_WRITTEN_UNLESS_PERFORMED_AT_ONCE,
)
"""宁波市人民调解条例(2015): the national limits, and an oral agreement only when it is
performed at once (第24条); otherwise the agreement is written (调解协议书)."""
