"""Disclosure's states, values and events (村务公开, 实施): pure data.

Read by `_disclosure` (`Disclosure`, a posted notice), `_implementation` (`Implementation`,
a decision carried out to a disclosed result) and `_disclosure_cadence`.
"""

from __future__ import annotations

import decimal
import enum
from typing import Annotated, Final, TypeAlias

import attrs
import pendulum

from jiceng import Actor, CalendarDays, Event, Label, Source, State, TimeLimit, WorkCalendar
from jiceng.checks import instance_of, money, text

MAX_AMOUNT: Final = decimal.Decimal("1000000000")
"""The largest amount spent on carrying out one decision: 1,000,000,000元, the ceiling of
`jiceng.checks.Money`, far above any village's works (湄潭's 296 一事一议 projects cost
7,694.31万元 in all, seed 000)."""

Amount: TypeAlias = Annotated[decimal.Decimal, money(decimal.Decimal(0), MAX_AMOUNT)]
"""An amount spent (支出), in yuan to the fen (分): 0 to `MAX_AMOUNT`; a cost is never negative."""


_SHANDONG_REGULATION = "山东省村务公开条例(2018)"


@attrs.frozen(kw_only=True)
class DisclosurePolicy:
    """How long a notice stays up, how long objections are taken, how soon they are answered."""

    name: str = attrs.field(validator=text())
    period: TimeLimit = attrs.field(validator=instance_of(TimeLimit))
    objection_window: TimeLimit = attrs.field(validator=instance_of(TimeLimit))
    reply_limit: TimeLimit = attrs.field(validator=instance_of(TimeLimit))


SHANDONG_DISCLOSURE = DisclosurePolicy(
    name="shandong-2018",
    period=TimeLimit(
        rule=CalendarDays(5),
        source=Source(
            f"{_SHANDONG_REGULATION} 第13条",
            "村务公开栏的内容应当至少保留五日；保留少于五日的，应当重新公布",
        ),
        label=Label("公开期", "posting period"),
    ),
    objection_window=TimeLimit(
        rule=CalendarDays(5),
        source=Source(f"{_SHANDONG_REGULATION} 第16条第2款", "可以自方案公布之日起五日内……提出"),
        label=Label("异议期", "objection window"),
    ),
    reply_limit=TimeLimit(
        rule=CalendarDays(5),
        source=Source(
            f"{_SHANDONG_REGULATION} 第16条第2款", "村民委员会应当自收到异议之日起五日内给予答复"
        ),
        label=Label("答复期限", "reply limit"),
    ),
)
"""山东省村务公开条例 (2018): five days up, five days to object, five days to reply."""


class DisclosureCategory(enum.Enum):
    """What a notice discloses. `FINANCES` notices count towards the monthly finance cadence,
    every other category towards the general one (see `DisclosureCadence`)."""

    DECISION = "decision"  # 决议公开
    RESULT = "result"  # 实施结果公开
    FINANCES = "finances"  # 财务公开: 财务收支情况
    OTHER = "other"  # 其他村务


class DisclosureState(State):
    """Where a notice stands."""

    POSTED = "posted", "公示中", "Posted"
    COMPLETED = "completed", "公示期满", "Completed"


@attrs.frozen(kw_only=True)
class Objection:
    """An objection (异议) to a notice, and its reply (答复)."""

    id: str
    by: Actor
    text: str
    received: pendulum.DateTime
    reply: str | None = None
    replied: pendulum.DateTime | None = None


@attrs.frozen(kw_only=True)
class Posted(Event):
    """The notice went up on the board (张贴公布)."""

    disclosure_id: str
    category: DisclosureCategory
    refers_to: str
    subject: str
    content: str
    policy: DisclosurePolicy
    calendar: WorkCalendar


@attrs.frozen(kw_only=True)
class Objected(Event):
    """A villager objected (提出异议)."""

    objection: str
    text: str


@attrs.frozen(kw_only=True)
class ObjectionAnswered(Event):
    """The committee answered an objection."""

    objection: str
    text: str


@attrs.frozen(kw_only=True)
class DisclosureCompleted(Event):
    """The notice served its full period and every objection was answered."""


# -- implementation ----------------------------------------------------------------------


class ImplementationState(State):
    """Where carrying out a decision stands."""

    UNDER_WAY = "under_way", "实施中", "Under way"
    DONE = "done", "已完成", "Done"
    DISCLOSED = "disclosed", "结果已公开", "Result disclosed"


@attrs.frozen(kw_only=True)
class ImplementationStarted(Event):
    """Work on a decision began."""

    implementation_id: str
    decision: str
    title: str


@attrs.frozen(kw_only=True)
class ProgressReported(Event):
    """A progress note (实施进展)."""

    text: str


@attrs.frozen(kw_only=True)
class ResultRecorded(Event):
    """The result (实施结果), with what it cost if money was spent."""

    result: str
    spent: decimal.Decimal | None = None


@attrs.frozen(kw_only=True)
class ResultDisclosed(Event):
    """The result was posted in a notice (实施结果公开)."""

    disclosure: str
    category: DisclosureCategory
    refers_to: str
