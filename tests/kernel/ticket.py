"""A test-only workflow built on the kernel, the way every domain builds its own.

reported → accepted → assigned → in_progress → resolved → evaluated → closed,
plus reject from reported, a guard on resolve and a note that keeps the state.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

import attrs
import pendulum

from jiceng import Actor, Entity, Event, Label, Machine, Source, State, Transition


class TicketState(State):
    REPORTED = "reported", "已上报", "Reported"
    ACCEPTED = "accepted", "已受理", "Accepted"
    ASSIGNED = "assigned", "已派遣", "Assigned"
    IN_PROGRESS = "in_progress", "处置中", "In progress"
    RESOLVED = "resolved", "已处置", "Resolved"
    EVALUATED = "evaluated", "已评价", "Evaluated"
    CLOSED = "closed", "已结案", "Closed"
    REJECTED = "rejected", "不予受理", "Rejected"


@attrs.frozen(kw_only=True)
class Reported(Event):
    ticket_id: str
    title: str


@attrs.frozen(kw_only=True)
class Accepted(Event):
    pass


@attrs.frozen(kw_only=True)
class Rejected(Event):
    pass


@attrs.frozen(kw_only=True)
class Assigned(Event):
    assignee: Actor


@attrs.frozen(kw_only=True)
class Started(Event):
    pass


@attrs.frozen(kw_only=True)
class Resolved(Event):
    evidence: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Evaluated(Event):
    satisfied: bool


@attrs.frozen(kw_only=True)
class Closed(Event):
    pass


@attrs.frozen(kw_only=True)
class Noted(Event):
    text: str


def reported(_: None, event: Reported) -> Mapping[str, Any]:
    return {"id": event.ticket_id, "title": event.title}


def assigned(_: Ticket, event: Assigned) -> Mapping[str, Any]:
    return {"assignee": event.assignee}


def needs_evidence(ticket: Ticket, event: Resolved) -> str | None:
    """Resolving needs at least one evidence reference."""
    return None if event.evidence else "resolving needs at least one evidence reference"


def evaluated(_: Ticket, event: Evaluated) -> Mapping[str, Any]:
    return {"satisfied": event.satisfied}


def noted(ticket: Ticket, event: Noted) -> Mapping[str, Any]:
    return {"notes": (*ticket.notes, event.text)}


_ALL_OPEN = (
    TicketState.REPORTED,
    TicketState.ACCEPTED,
    TicketState.ASSIGNED,
    TicketState.IN_PROGRESS,
)

TICKET: Machine[TicketState] = Machine(
    name="ticket",
    label=Label("工单", "Ticket"),
    states=TicketState,
    initial=TicketState.REPORTED,
    final={TicketState.CLOSED, TicketState.REJECTED},
    transitions=[
        Transition(
            command="report",
            event=Reported,
            sources=(),
            target=TicketState.REPORTED,
            label=Label("上报", "Report"),
            fold=reported,
        ),
        Transition(
            command="accept",
            event=Accepted,
            sources={TicketState.REPORTED},
            target=TicketState.ACCEPTED,
            label=Label("受理", "Accept"),
        ),
        Transition(
            command="reject",
            event=Rejected,
            sources={TicketState.REPORTED},
            target=TicketState.REJECTED,
            label=Label("不予受理", "Reject"),
        ),
        Transition(
            command="assign",
            event=Assigned,
            sources={TicketState.ACCEPTED},
            target=TicketState.ASSIGNED,
            label=Label("派遣", "Assign"),
            fold=assigned,
        ),
        Transition(
            command="start",
            event=Started,
            sources={TicketState.ASSIGNED},
            target=TicketState.IN_PROGRESS,
            label=Label("开始处置", "Start"),
        ),
        Transition(
            command="resolve",
            event=Resolved,
            sources={TicketState.IN_PROGRESS},
            target=TicketState.RESOLVED,
            label=Label("处置完毕", "Resolve"),
            guard=needs_evidence,
            source=Source("test rule: evidence before resolving"),
        ),
        Transition(
            command="evaluate",
            event=Evaluated,
            sources={TicketState.RESOLVED},
            target=TicketState.EVALUATED,
            label=Label("评价", "Evaluate"),
            fold=evaluated,
        ),
        Transition(
            command="close",
            event=Closed,
            sources={TicketState.EVALUATED},
            target=TicketState.CLOSED,
            label=Label("结案", "Close"),
        ),
        Transition(
            command="note",
            event=Noted,
            sources=_ALL_OPEN,
            target=None,
            label=Label("备注", "Note"),
            fold=noted,
        ),
    ],
)


@attrs.frozen(kw_only=True)
class Ticket(Entity[TicketState], machine=TICKET):
    id: str
    title: str
    assignee: Actor | None = None
    notes: tuple[str, ...] = ()
    satisfied: bool | None = None

    @classmethod
    def report(cls, *, id: str, title: str, by: Actor, at: pendulum.DateTime) -> Ticket:
        return cls._start(Reported(ticket_id=id, title=title, by=by, at=at))

    def accept(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(Accepted(by=by, at=at))

    def reject(self, *, by: Actor, at: pendulum.DateTime, reason: str) -> Self:
        return self._record(Rejected(by=by, at=at, reason=reason))

    def assign(self, *, to: Actor, by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(Assigned(assignee=to, by=by, at=at))

    def start(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(Started(by=by, at=at))

    def resolve(self, *, evidence: tuple[str, ...], by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(Resolved(evidence=evidence, by=by, at=at))

    def evaluate(self, *, satisfied: bool, by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(Evaluated(satisfied=satisfied, by=by, at=at))

    def close(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(Closed(by=by, at=at))

    def note(self, text: str, *, by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(Noted(text=text, by=by, at=at))
