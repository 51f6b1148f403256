"""Disclosure (村务公开) and implementation (实施) of decisions.

A `Disclosure` is a notice posted on the village notice board: it stays up for at least
its period, villagers may object within a window, and each objection is answered within
a limit (山东省村务公开条例(2018) 第13条、第16条: at least five days; objections within
five days of posting; replies within five days of receipt). An `Implementation` tracks a
decision to a recorded result, which is itself disclosed (实施结果公开).

A `DisclosureCadence` checks how often a village posts (村民委员会组织法(2018) 第30条第2款,
山东省村务公开条例(2018) 第12条): general matters at least every quarter, finances every month.
Major matters are to be posted "随时" (at once); neither text gives a number of days, so
no deadline is checked for them.
"""

from __future__ import annotations

import decimal
import enum
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Final, Self, TypeAlias

import attrs
import pendulum

from jiceng import (
    DEFAULT_TZ,
    Actor,
    CalendarDays,
    Deadline,
    Entity,
    Event,
    Label,
    Machine,
    Source,
    State,
    TimeLimit,
    Transition,
    WeekendCalendar,
    WorkCalendar,
)
from jiceng.checks import day, flag, instance_of, money, text, zone
from jiceng.decisions._cadence import Cadence, Every
from jiceng.exceptions import FieldError, NotFoundError, ValidationError

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


# -- 公布 post --


def posted(_: None, event: Posted) -> Mapping[str, Any]:
    return {
        "id": event.disclosure_id,
        "category": event.category,
        "refers_to": event.refers_to,
        "subject": event.subject,
        "content": event.content,
        "policy": event.policy,
        "calendar": event.calendar,
    }


# -- 提出异议 object --


def _find(disclosure: Disclosure, objection_id: str) -> Objection | None:
    return next((o for o in disclosure.objections if o.id == objection_id), None)


def within_objection_window(disclosure: Disclosure, event: Objected) -> str | None:
    """Objections come within the window (山东省村务公开条例 第16条: 五日内), each with a new id."""
    if _find(disclosure, event.objection) is not None:
        return f"objection {event.objection} has already been made"
    window = disclosure.objection_deadline
    if window.overdue(event.at):
        return f"the objection window closed: {window}"
    return None


def objected(disclosure: Disclosure, event: Objected) -> Mapping[str, Any]:
    objection = Objection(id=event.objection, by=event.by, text=event.text, received=event.at)
    return {"objections": (*disclosure.objections, objection)}


# -- 答复异议 answer --


def unanswered(disclosure: Disclosure, event: ObjectionAnswered) -> str | None:
    """An objection is answered once."""
    objection = _find(disclosure, event.objection)
    if objection is None:
        return f"no objection {event.objection} has been made"
    if objection.reply is not None:
        return f"objection {event.objection} has already been answered"
    return None


def answered(disclosure: Disclosure, event: ObjectionAnswered) -> Mapping[str, Any]:
    def reply(o: Objection) -> Objection:
        return attrs.evolve(o, reply=event.text, replied=event.at) if o.id == event.objection else o

    return {"objections": tuple(map(reply, disclosure.objections))}


# -- 公示期满 complete --


def period_served(disclosure: Disclosure, event: DisclosureCompleted) -> str | None:
    """A notice comes down only after its period and window, with every objection answered
    (山东省村务公开条例 第13条: 至少保留五日)."""
    for deadline in (disclosure.period, disclosure.objection_deadline):
        if not deadline.overdue(event.at):
            return f"it must stay up for its full period: {deadline}"
    waiting = [o.id for o in disclosure.objections if o.reply is None]
    return f"objections not yet answered: {', '.join(waiting)}" if waiting else None


DISCLOSURE: Machine[DisclosureState] = Machine(
    name="decisions.disclosure",
    label=Label("村务公开", "Disclosure"),
    states=DisclosureState,
    initial=DisclosureState.POSTED,
    final={DisclosureState.COMPLETED},
    transitions=[
        Transition(
            command="post",
            event=Posted,
            sources=(),
            target=DisclosureState.POSTED,
            label=Label("公布", "Post"),
            fold=posted,
            source=Source("村民委员会组织法(2018) 第30条"),
        ),
        Transition(
            command="object",
            event=Objected,
            sources={DisclosureState.POSTED},
            target=None,
            label=Label("提出异议", "Object"),
            guard=within_objection_window,
            fold=objected,
            source=Source(f"{_SHANDONG_REGULATION} 第16条"),
        ),
        Transition(
            command="answer",
            event=ObjectionAnswered,
            sources={DisclosureState.POSTED},
            target=None,
            label=Label("答复异议", "Answer an objection"),
            guard=unanswered,
            fold=answered,
            source=Source(f"{_SHANDONG_REGULATION} 第16条"),
        ),
        Transition(
            command="complete",
            event=DisclosureCompleted,
            sources={DisclosureState.POSTED},
            target=DisclosureState.COMPLETED,
            label=Label("公示期满", "Complete"),
            guard=period_served,
            source=Source(f"{_SHANDONG_REGULATION} 第13条"),
        ),
    ],
)


@attrs.frozen(kw_only=True)
class Disclosure(Entity[DisclosureState], machine=DISCLOSURE):
    """A posted notice (公开栏公告) of a decision, a result or other village affairs."""

    id: str
    category: DisclosureCategory
    refers_to: str
    subject: str
    content: str
    policy: DisclosurePolicy
    calendar: WorkCalendar
    objections: tuple[Objection, ...] = ()

    @classmethod
    def post(
        cls,
        *,
        id: str,
        category: DisclosureCategory,
        refers_to: str,
        subject: str,
        content: str,
        policy: DisclosurePolicy = SHANDONG_DISCLOSURE,
        calendar: WorkCalendar | None = None,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Disclosure:
        """Post a notice about `refers_to` (a meeting, decision or implementation id)."""
        event = Posted(
            disclosure_id=id,
            category=category,
            refers_to=refers_to,
            subject=subject,
            content=content,
            policy=policy,
            calendar=calendar or WeekendCalendar(),
            by=by,
            at=at,
        )
        return cls._start(event)

    def object(self, objection_id: str, *, text: str, by: Actor, at: pendulum.DateTime) -> Self:
        """`by` objects to the notice, within the objection window."""
        return self._record(Objected(objection=objection_id, text=text, by=by, at=at))

    def answer(self, objection_id: str, *, text: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Answer an objection; a reply after its limit is recorded and shows in `late_replies`."""
        return self._record(ObjectionAnswered(objection=objection_id, text=text, by=by, at=at))

    def complete(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Take the notice down once it has served its period; refused any earlier."""
        return self._record(DisclosureCompleted(by=by, at=at))

    @property
    def period(self) -> Deadline:
        """How long the notice must stay up, from posting."""
        return self.policy.period.start(self.created, self.calendar)

    @property
    def objection_deadline(self) -> Deadline:
        """Until when objections are taken, from posting."""
        return self.policy.objection_window.start(self.created, self.calendar)

    def reply_deadline(self, objection_id: str) -> Deadline:
        """By when an objection must be answered, from its receipt."""
        objection = _find(self, objection_id)
        if objection is None:
            raise NotFoundError(f"notice {self.id} has no objection {objection_id}")
        return self.policy.reply_limit.start(objection.received, self.calendar)

    def late_replies(self, at: pendulum.DateTime) -> tuple[str, ...]:
        """Objections answered after their limit, or still unanswered past it at `at`."""
        return tuple(
            o.id for o in self.objections if self.reply_deadline(o.id).overdue(o.replied or at)
        )


# -- cadence (公开时间) ---------------------------------------------------------------------

_VILLAGE_LAW = "村民委员会组织法(2018)"


@attrs.frozen(kw_only=True)
class DisclosureGaps:
    """The periods of ``[start, end)`` in which a village posted nothing it had to post.

    `general`: the first days of the periods (quarters, by law) without a general-matters
    notice; `finances`: those of the periods (months) without a finance notice. Each list
    comes with the rule it applies; `finances_rule` is None when the policy asks nothing of
    this village's finances (national law, finances not frequent).
    """

    start: pendulum.Date
    end: pendulum.Date
    general: tuple[pendulum.Date, ...]
    general_rule: Source
    finances: tuple[pendulum.Date, ...]
    finances_rule: Source | None

    @property
    def ok(self) -> bool:
        """Whether every period had its notice."""
        return not self.general and not self.finances


_DAY = day()
_DISCLOSURE = instance_of(Disclosure)


@attrs.frozen(kw_only=True)
class DisclosureCadence:
    """How often a village must post (公开时间): general matters every `general` period,
    finances (财务收支情况) every `finances` period.

    `finances_if_frequent`: the finance rule binds only a village whose collective finances
    are frequent (集体财务往来较多, national law); when False it binds every village (山东).
    `tz`: the zone in which a notice's posting day is taken. Major matters (重大事项) are to be
    posted 随时 (at once), a time neither text puts in days: they are not checked here.
    """

    name: str = attrs.field(validator=text())
    general: Cadence = attrs.field(validator=instance_of(Cadence))
    finances: Cadence = attrs.field(validator=instance_of(Cadence))
    finances_if_frequent: bool = attrs.field(validator=flag())
    tz: str = attrs.field(default=DEFAULT_TZ, validator=zone())

    def gaps(
        self,
        disclosures: Iterable[Disclosure],
        *,
        start: pendulum.Date,
        end: pendulum.Date,
        frequent_finances: bool | None = None,
    ) -> DisclosureGaps:
        """The periods of ``[start, end)`` without the notices this policy asks for.

        `start` and `end` must fall on the first day of a general and a finance period (a
        quarter's first day, by law), so that every period asked about is whole. Notices
        posted outside ``[start, end)`` are ignored. `frequent_finances` says whether the
        village's collective finances are frequent; it must be given when the policy's
        finance rule depends on it, and is ignored otherwise.
        """
        errors = [*_DAY.problems(start, "start"), *_DAY.problems(end, "end")]
        if errors:
            raise ValidationError(errors, subject="disclosure cadence")
        if end <= start:
            errors.append(FieldError("end", f"must come after start ({start}), got {end}"))
        for path, first in (("start", start), ("end", end)):
            for cadence in (self.general, self.finances):
                if cadence.period(first)[0] != first:
                    msg = f"must be the first day of a {cadence.every.value}, got {first}"
                    errors.append(FieldError(path, msg))
                    break
        if self.finances_if_frequent and frequent_finances is None:
            msg = f"must say whether the village's finances are frequent under {self.name}"
            errors.append(FieldError("frequent_finances", msg))
        general: list[pendulum.Date] = []
        finances: list[pendulum.Date] = []
        given: Iterable[object] = disclosures  # checked: callers may pass anything
        for i, notice in enumerate(given):
            if not isinstance(notice, Disclosure):
                errors += _DISCLOSURE.problems(notice, f"disclosures[{i}]")
                continue
            local = notice.created.in_timezone(self.tz).date()
            if start <= local < end:
                posted = finances if notice.category is DisclosureCategory.FINANCES else general
                posted.append(local)
        if errors:
            raise ValidationError(errors, subject="disclosure cadence")
        binds = not self.finances_if_frequent or bool(frequent_finances)
        return DisclosureGaps(
            start=start,
            end=end,
            general=self.general.missed(general, start=start, end=end),
            general_rule=self.general.source,
            finances=self.finances.missed(finances, start=start, end=end) if binds else (),
            finances_rule=self.finances.source if binds else None,
        )


NATIONAL_DISCLOSURE_CADENCE = DisclosureCadence(
    name="national-2018",
    general=Cadence(
        every=Every.QUARTER,
        source=Source(f"{_VILLAGE_LAW} 第30条第2款", "一般事项至少每季度公布一次"),
    ),
    finances=Cadence(
        every=Every.MONTH,
        source=Source(
            f"{_VILLAGE_LAW} 第30条第2款", "集体财务往来较多的，财务收支情况应当每月公布一次"
        ),
    ),
    finances_if_frequent=True,
)
"""村民委员会组织法 (2018) 第30条: general matters quarterly; finances monthly where frequent."""

SHANDONG_DISCLOSURE_CADENCE = DisclosureCadence(
    name="shandong-2018",
    general=Cadence(
        every=Every.QUARTER,
        source=Source(f"{_SHANDONG_REGULATION} 第12条", "一般事项至少每季度公布一次"),
    ),
    finances=Cadence(
        every=Every.MONTH,
        source=Source(f"{_SHANDONG_REGULATION} 第12条", "财务收支情况应当逐项逐笔每月公布一次"),
    ),
    finances_if_frequent=False,
)
"""山东省村务公开条例 (2018) 第12条: general matters quarterly; finances monthly, every village."""


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


# -- 开始实施 start --


def implementation_started(_: None, event: ImplementationStarted) -> Mapping[str, Any]:
    return {"id": event.implementation_id, "decision": event.decision, "title": event.title}


# -- 报告进展 report --


def progress_reported(implementation: Implementation, event: ProgressReported) -> Mapping[str, Any]:
    return {"progress": (*implementation.progress, event.text)}


# -- 记录结果 record_result --


def result_recorded(_: Implementation, event: ResultRecorded) -> Mapping[str, Any]:
    return {"result": event.result, "spent": event.spent}


# -- 实施结果公开 disclose --


def discloses_this_result(implementation: Implementation, event: ResultDisclosed) -> str | None:
    """The notice must be a result notice about this implementation."""
    if event.category is not DisclosureCategory.RESULT:
        return f"notice {event.disclosure} is not a result notice (实施结果公开)"
    if event.refers_to != implementation.id:
        return f"notice {event.disclosure} is about {event.refers_to}, not {implementation.id}"
    return None


def result_disclosed(_: Implementation, event: ResultDisclosed) -> Mapping[str, Any]:
    return {"disclosure": event.disclosure}


IMPLEMENTATION: Machine[ImplementationState] = Machine(
    name="decisions.implementation",
    label=Label("决议实施", "Implementation"),
    states=ImplementationState,
    initial=ImplementationState.UNDER_WAY,
    final={ImplementationState.DISCLOSED},
    transitions=[
        Transition(
            command="start",
            event=ImplementationStarted,
            sources=(),
            target=ImplementationState.UNDER_WAY,
            label=Label("开始实施", "Start"),
            fold=implementation_started,
        ),
        Transition(
            command="report",
            event=ProgressReported,
            sources={ImplementationState.UNDER_WAY},
            target=None,
            label=Label("报告进展", "Report progress"),
            fold=progress_reported,
        ),
        Transition(
            command="record_result",
            event=ResultRecorded,
            sources={ImplementationState.UNDER_WAY},
            target=ImplementationState.DONE,
            label=Label("记录结果", "Record the result"),
            fold=result_recorded,
        ),
        Transition(
            command="disclose",
            event=ResultDisclosed,
            sources={ImplementationState.DONE},
            target=ImplementationState.DISCLOSED,
            label=Label("实施结果公开", "Disclose the result"),
            guard=discloses_this_result,
            fold=result_disclosed,
            source=Source("村民委员会组织法(2018) 第30条第1款第1项: ……及其实施情况"),
        ),
    ],
)


@attrs.frozen(kw_only=True)
class Implementation(Entity[ImplementationState], machine=IMPLEMENTATION):
    """Carrying out a decision (`decision`: a meeting or motion id) to a disclosed result."""

    id: str
    decision: str
    title: str
    progress: tuple[str, ...] = ()
    result: str | None = None
    spent: decimal.Decimal | None = None
    disclosure: str | None = None

    @classmethod
    def start(
        cls, *, id: str, decision: str, title: str, by: Actor, at: pendulum.DateTime
    ) -> Implementation:
        """Begin carrying out `decision`."""
        event = ImplementationStarted(
            implementation_id=id, decision=decision, title=title, by=by, at=at
        )
        return cls._start(event)

    def report(self, text: str, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Note progress."""
        return self._record(ProgressReported(text=text, by=by, at=at))

    def record_result(
        self,
        result: str,
        *,
        spent: Amount | None = None,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """Record the result; `spent` in yuan, to the fen, from 0 to `MAX_AMOUNT` (`Amount`)."""
        return self._record(ResultRecorded(result=result, spent=spent, by=by, at=at))

    def disclose(self, notice: Disclosure, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Record that `notice` discloses the result (it must be a result notice about this)."""
        event = ResultDisclosed(
            disclosure=notice.id,
            category=notice.category,
            refers_to=notice.refers_to,
            by=by,
            at=at,
        )
        return self._record(event)
