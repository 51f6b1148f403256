"""Concerns raised at a meeting (会上诉求事项), followed until the villager has an answer.

湄潭's 村民集中诉求会议 (seed 000) "搭建诉求、处置、落实工作机制": villagers raise their
concerns at a meeting, each is handed to whoever deals with it (处置) and the villager is
told the result (反馈); the county reports 7,000 concerns from 680 meetings and a feedback
rate (处置反馈率) of 100%. A `Concern` is raised by a member present at a meeting that has
opened, may carry a time limit for the feedback, and ends once feedback is given;
`feedback_rate` counts those fed back out of those raised.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Self

import attrs
import pendulum

from jiceng import (
    Actor,
    Deadline,
    Entity,
    Event,
    Label,
    Machine,
    Rate,
    Source,
    State,
    TimeLimit,
    Transition,
    WeekendCalendar,
    WorkCalendar,
)
from jiceng.decisions._meeting_data import MeetingState
from jiceng.decisions._meetings import Meeting
from jiceng.exceptions import FieldError, ValidationError

_SEED = "湄潭县 村民集中诉求会议 (seed 000)"


class ConcernState(State):
    """Where a concern stands."""

    RAISED = "raised", "已收集", "Raised"
    HANDLING = "handling", "处置中", "Being handled"
    FED_BACK = "fed_back", "已反馈", "Fed back"


@attrs.frozen(kw_only=True)
class ConcernRaised(Event):
    """`by`, a member present at meeting `meeting`, raised a concern (提出诉求)."""

    concern_id: str
    meeting: str
    text: str
    deadline: Deadline | None = None


@attrs.frozen(kw_only=True)
class ConcernAssigned(Event):
    """The concern was handed to `handler` to deal with (交办处置)."""

    handler: Actor


@attrs.frozen(kw_only=True)
class FeedbackGiven(Event):
    """The villager was told the result (反馈): resolved, or explained why not."""

    text: str
    resolved: bool


# -- 收集诉求 raise_at --


def raised(_: None, event: ConcernRaised) -> Mapping[str, Any]:
    return {
        "id": event.concern_id,
        "meeting": event.meeting,
        "text": event.text,
        "raised_by": event.by.id,
        "raised": event.at,
        "deadline": event.deadline,
    }


# -- 交办处置 assign --


def _handled_by_someone_else(concern: Concern, event: ConcernAssigned) -> str | None:
    """A concern is handed on to someone new, never back to the same handler."""
    if concern.handler is not None and concern.handler.id == event.handler.id:
        return f"concern {concern.id} is already with {concern.handler}"
    return None


def assigned(_: Concern, event: ConcernAssigned) -> Mapping[str, Any]:
    return {"handler": event.handler}


# -- 反馈 feed_back --


def fed_back(_: Concern, event: FeedbackGiven) -> Mapping[str, Any]:
    return {"feedback": event.text, "resolved": event.resolved, "fed_back": event.at}


CONCERN: Machine[ConcernState] = Machine(
    name="decisions.concern",
    label=Label("诉求事项", "Concern"),
    states=ConcernState,
    initial=ConcernState.RAISED,
    final={ConcernState.FED_BACK},
    transitions=[
        Transition(
            command="raise_at",
            event=ConcernRaised,
            sources=(),
            target=ConcernState.RAISED,
            label=Label("收集诉求", "Raise"),
            fold=raised,
            source=Source(_SEED, "建立村民集中诉求会议制度"),
        ),
        Transition(
            command="assign",
            event=ConcernAssigned,
            sources={ConcernState.RAISED, ConcernState.HANDLING},
            target=ConcernState.HANDLING,
            label=Label("交办处置", "Assign"),
            guard=_handled_by_someone_else,
            fold=assigned,
            source=Source(_SEED, "搭建诉求、处置、落实工作机制"),
        ),
        Transition(
            command="feed_back",
            event=FeedbackGiven,
            sources={ConcernState.RAISED, ConcernState.HANDLING},
            target=ConcernState.FED_BACK,
            label=Label("反馈", "Give feedback"),
            fold=fed_back,
            source=Source(_SEED, "处置反馈率达100%"),
        ),
    ],
)


@attrs.frozen(kw_only=True)
class Concern(Entity[ConcernState], machine=CONCERN):
    """A concern (诉求事项) raised at a meeting, handled, and answered.

    >>> from jiceng.decisions import Roll
    >>> from jiceng.decisions.kinds import MASS_MEETING
    >>> t = pendulum.datetime(2026, 5, 8, 19, tz="Asia/Shanghai")
    >>> clerk = Actor.person("c-1", "文书")
    >>> m = Meeting.convene(id="SQ-1", title="村民集中诉求会议", kind=MASS_MEETING,
    ...     roll=Roll.participants(["a", "b"]), opens=t, by=clerk, at=t)
    >>> m = m.attend(["a"], by=clerk, at=t).open(by=clerk, at=t)
    >>> c = Concern.raise_at(m, id="SQ-1-1", text="组道路灯坏了", by=Actor.person("a"), at=t)
    >>> c = c.assign(Actor.department("vc", "村委会"), by=clerk, at=t.add(days=1))
    >>> c = c.feed_back(text="已更换", resolved=True, by=clerk, at=t.add(days=5))
    >>> str(feedback_rate([c]))
    '100.00% (1/1)'
    """

    id: str
    meeting: str
    text: str
    raised_by: str
    raised: pendulum.DateTime
    deadline: Deadline | None = None
    handler: Actor | None = None
    feedback: str | None = None
    resolved: bool | None = None
    fed_back: pendulum.DateTime | None = None

    @classmethod
    def raise_at(
        cls,
        meeting: Meeting,
        *,
        id: str,
        text: str,
        limit: TimeLimit | None = None,
        calendar: WorkCalendar | None = None,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Concern:
        """`by`, a member present at `meeting`, raises a concern there (提出诉求).

        Refused (`ValidationError`) unless the meeting has opened (it may have closed
        since: the minutes are often entered afterwards), `by` signed in, and `at` is not
        before the meeting. With `limit`, the feedback is due within it, counted from `at`
        on `calendar` (weekends only, by default).
        """
        errors = []
        held = (MeetingState.OPEN, MeetingState.CLOSED, MeetingState.CONCLUDED)
        if meeting.state not in held:
            msg = f"meeting {meeting.id} is {meeting.state.zh}: concerns are raised at a sitting"
            errors.append(FieldError("meeting", msg))
        elif by.id not in meeting.present:
            errors.append(FieldError("by", f"{by.id} did not sign in at meeting {meeting.id}"))
        if at < meeting.opens:
            msg = f"meeting {meeting.id} opens at {meeting.opens}, after {at}"
            errors.append(FieldError("at", msg))
        if errors:
            raise ValidationError(errors, subject="concern")
        deadline = None if limit is None else limit.start(at, calendar or WeekendCalendar())
        event = ConcernRaised(
            concern_id=id, meeting=meeting.id, text=text, deadline=deadline, by=by, at=at
        )
        return cls._start(event)

    def assign(self, handler: Actor, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Hand the concern to `handler` (a cadre, a department) to deal with; again to pass
        it on."""
        return self._record(ConcernAssigned(handler=handler, by=by, at=at))

    def feed_back(self, *, text: str, resolved: bool, by: Actor, at: pendulum.DateTime) -> Self:
        """Tell the villager the result (反馈): `resolved`, or why not; on the spot or later."""
        return self._record(FeedbackGiven(text=text, resolved=resolved, by=by, at=at))

    def overdue(self, at: pendulum.DateTime) -> bool:
        """Whether its feedback is late at `at`: due and not given by then (never without a
        time limit)."""
        if self.deadline is None:
            return False
        given = self.fed_back if self.fed_back is not None and self.fed_back <= at else None
        due = self.deadline.due
        return (given or at) > due


def feedback_rate(concerns: Iterable[Concern]) -> Rate:
    """处置反馈率: the concerns fed back, out of every concern raised."""
    every = list(concerns)
    return Rate(sum(c.state is ConcernState.FED_BACK for c in every), len(every))
