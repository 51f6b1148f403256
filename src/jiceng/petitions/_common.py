"""What petitions (信访事项) and citizen requests (诉求工单) share.

Both are matters raised by the public, handled by a body against a time limit, possibly
routed out to another procedure (诉访分离) or recognised as a repeat of an earlier matter.
The shared pieces live here once: the values (`Channel`, `Level`, `Body`, `Matter`,
`Route`), the base entity `Case` with its deadline questions (`overdue`, `remaining`,
`next_step`), and the guards both machines use.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

import attrs
import pendulum

from jiceng import (
    Actor,
    CountedRule,
    Deadline,
    Entity,
    Event,
    Label,
    Labelled,
    State,
    WorkCalendar,
)
from jiceng.checks import member, text
from jiceng.exceptions import DeadlineError, ValidationError

__all__ = [
    "Body",
    "Case",
    "Channel",
    "Level",
    "Matter",
    "NextStep",
    "RepeatError",
    "Route",
]

S = TypeVar("S", bound=State)


class _Labelled(Labelled):
    """A labelled enum shown by its Chinese label."""

    def __repr__(self) -> str:
        return f"<{type(self).__name__}.{self.name}: {self.zh}>"


class Channel(_Labelled):
    """How a matter was raised (信访形式): 信访工作条例(2022) 第17条; 12345 channels."""

    ONLINE = "online", "网络", "online"
    LETTER = "letter", "书信", "letter"
    PHONE = "phone", "电话", "phone"
    FAX = "fax", "传真", "fax"
    VISIT = "visit", "走访", "visit in person"


class Level(_Labelled):
    """The administrative level of a body (层级), lowest first; members compare by rank."""

    TOWNSHIP = 1, "乡镇（街道）", "township or subdistrict"
    COUNTY = 2, "县级", "county"
    CITY = 3, "市级", "city"
    PROVINCE = 4, "省级", "province"
    CENTRAL = 5, "中央", "central"

    def __lt__(self, other: Level) -> bool:
        return bool(self.value < other.value)


@attrs.frozen(kw_only=True)
class Body:
    """A body (机关、单位) that receives, handles or reviews a matter, with its level.

    >>> Body(id="hz-xfj", name="杭州市信访局", level=Level.CITY)
    Body(id='hz-xfj', name='杭州市信访局', level=<Level.CITY: 市级>)
    """

    id: str = attrs.field(validator=text())
    name: str = attrs.field(validator=text())
    level: Level = attrs.field(validator=member(Level))

    def __str__(self) -> str:
        return f"{self.name} ({self.level.zh})"


@attrs.frozen(kw_only=True)
class Matter:
    """What is asked (诉求): the request, its facts and its reasons.

    信访工作条例(2022) 第19条: a written petition states the request (请求), the facts (事实)
    and the reasons (理由); an oral one is recorded as told. The request must be stated;
    facts and reasons may be empty for a suggestion or a short call.
    """

    request: str = attrs.field(validator=text())
    facts: str = attrs.field(default="", validator=text(blank=True))
    reasons: str = attrs.field(default="", validator=text(blank=True))


class Route(_Labelled):
    """A procedure a matter is routed to instead of being handled here (诉访分离、转出).

    Petitions (信访工作条例(2022) 第22条第2款, 第23条第1款, 第28条第2款, 第31条(一)–(五)):
    litigation and other legal procedures (涉法涉诉, to the 政法 bodies), arbitration,
    party appeals, administrative procedures, law enforcement duties, discipline bodies for
    accusations, and another competent body. Citizen requests (潍坊 12345 条例(2021) 第19条,
    第39条; 北京接诉即办条例(2021) 第11条): emergency lines 110/119/120/122, the legal
    procedures, government information disclosure, and a petition already under way.
    """

    LITIGATION = "litigation", "诉讼等法律程序（政法部门）", "litigation or another legal procedure"
    ARBITRATION = "arbitration", "仲裁", "arbitration"
    PARTY_APPEAL = "party_appeal", "党员申诉、申请复审", "party member appeal or re-examination"
    ADMINISTRATIVE_RECONSIDERATION = (
        "administrative_reconsideration",
        "行政复议",
        "administrative reconsideration",
    )
    ADMINISTRATIVE_PROCEDURE = (
        "administrative_procedure",
        "行政裁决、确认、许可、处罚等行政程序",
        "another administrative procedure",
    )
    LAW_ENFORCEMENT = (
        "law_enforcement",
        "依法履行保护职责或者查处违法行为",
        "law enforcement duty",
    )
    DISCIPLINE = "discipline", "纪检监察机关（检举控告）", "discipline and supervision bodies"
    COMPETENT_BODY = "competent_body", "向有权处理的机关、单位提出", "another competent body"
    INFORMATION_DISCLOSURE = (
        "information_disclosure",
        "政府信息公开",
        "government information disclosure",
    )
    PETITION = "petition", "信访程序", "the petition procedure"
    EMERGENCY = "emergency", "紧急热线（110、119、120、122）", "emergency line (110/119/120/122)"


class RepeatError(ValidationError):
    """A matter linked as a repeat (重复) of one whose status does not bar it."""


@attrs.frozen(kw_only=True)
class Step:
    """One row of a workflow's "what next" table: the action, who owes it, and whether the
    running deadline binds that party as a duty (an authority's time limit) rather than as
    a window the public may use (a petitioner's 30 days to ask for a review)."""

    action: Label
    party: Label
    duty: bool = True


@attrs.frozen(kw_only=True)
class NextStep:
    """What must happen next, by whom, by when: the answer to "where does this matter stand"."""

    action: Label
    party: Label
    commands: tuple[str, ...]
    deadline: Deadline | None
    duty: bool

    def __str__(self) -> str:
        head = f"{self.party.zh}: {self.action.zh} ({self.party.en}: {self.action.en})"
        return f"{head}; {self.deadline}" if self.deadline else head


@attrs.frozen(kw_only=True)
class Case(Entity[S]):
    """What a petition and a citizen request share: the matter, the calendar, the clock.

    `deadline` is the time limit running now (each names its article); `on_time` says
    whether the completing step (the written opinion, the reply) met its time limit;
    `route` is where the matter was routed out to, `repeat_of` the matter it repeats.
    """

    _STEPS: ClassVar[Mapping[Any, Step]]
    _COMPLETED: ClassVar[frozenset[Any]]
    _RESOLVED: ClassVar[frozenset[Any]]

    id: str
    channel: Channel
    matter: Matter
    calendar: WorkCalendar
    deadline: Deadline | None = None
    on_time: bool | None = None
    route: Route | None = None
    repeat_of: str | None = None

    def next_step(self) -> NextStep | None:
        """What must happen next, by whom and by when; `None` once the workflow has ended."""
        step = self._STEPS.get(self.state)
        if step is None:
            return None
        return NextStep(
            action=step.action,
            party=step.party,
            commands=self.allowed(),
            deadline=self.deadline,
            duty=step.duty,
        )

    def overdue(self, at: pendulum.DateTime) -> bool:
        """Whether an authority's time limit has run out at `at` (超期) without the step done.

        A window the public has not used (the 30 days to ask for a review) lapses; it is
        not "overdue".
        """
        step = self._STEPS.get(self.state)
        return step is not None and step.duty and self._late(at)

    def remaining(self, at: pendulum.DateTime) -> pendulum.Duration | None:
        """Time left on the running deadline at `at` (negative once past); `None` if none runs."""
        return None if self.deadline is None else self.deadline.remaining(at)

    @property
    def is_completed(self) -> bool:
        """Whether the matter was handled to a result (办结)."""
        return self.state in self._COMPLETED

    @property
    def is_resolved(self) -> bool:
        """Whether the matter is resolved (化解、解决)."""
        return self.state in self._RESOLVED

    def _late(self, at: pendulum.DateTime) -> bool:
        return self.deadline is not None and self.deadline.overdue(at)


def check_route(route: Route, allowed: frozenset[Route], where: str) -> Route:
    """`route` if it is one of `allowed`, the routes of this workflow; a `ValidationError`
    naming the allowed ones if not. (The command's own check has made sure that `route` is
    a `Route` member.)"""
    if route in allowed:
        return route
    names = ", ".join(r.value for r in Route if r in allowed)
    raise ValidationError.single("route", f"{where} is routed to one of: {names}; got {route!r}")


# -- extensions: one payload, one guard, one fold for both machines ----------------------


@attrs.frozen(kw_only=True)
class _Extension(Event):
    """Payload of an extension event: by how much, approved by whom (the reason is `reason`)."""

    extra: CountedRule
    approved_by: Actor


def _extended(case: Case[Any], event: _Extension) -> Deadline:
    assert case.deadline is not None
    return case.deadline.extend(event.extra, event.at, event.approved_by, event.reason or "")


def extension_within_limit(case: Case[Any], event: _Extension) -> str | None:
    """An extension must fit the running time limit's bound: its count and its total, all
    extensions together (信访工作条例(2022) 第34条: 延长期限不得超过30日). Who approves is the
    petition machine's own rule (`approved_by_another`)."""
    try:
        _extended(case, event)
    except DeadlineError as error:
        return str(error)
    return None


def extend(case: Case[Any], event: _Extension) -> Mapping[str, Any]:
    """The fold of an approved extension: the deadline, extended."""
    return {"deadline": _extended(case, event)}
