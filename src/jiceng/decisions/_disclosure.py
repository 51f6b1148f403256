"""Disclosure (村务公开): a notice posted on the village notice board.

A `Disclosure` stays up for at least its period, villagers may object within a window, and
each objection is answered within a limit (山东省村务公开条例(2018) 第13条、第16条: at least
five days; objections within five days of posting; replies within five days of receipt).
Each command's guards and fold stand together below, in the order of the table; the
states, values and events are in `_disclosure_data`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

import attrs
import pendulum

from jiceng import (
    Actor,
    Deadline,
    Entity,
    Label,
    Machine,
    Source,
    Transition,
    WeekendCalendar,
    WorkCalendar,
)
from jiceng.decisions._disclosure_data import (
    SHANDONG_DISCLOSURE,
    DisclosureCategory,
    DisclosureCompleted,
    DisclosurePolicy,
    DisclosureState,
    Objected,
    Objection,
    ObjectionAnswered,
    Posted,
)
from jiceng.exceptions import NotFoundError

_SHANDONG_REGULATION = "山东省村务公开条例(2018)"


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
