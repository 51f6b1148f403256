"""Citizen requests (诉求工单): the states, values and events of the workflow, as pure data.

The machine table, its guards and folds, and the `Ticket` entity are in `_ticket`; this
module imports only the kernel and the other leaf modules (`_matter`, `_policy`).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from jiceng import Actor, Event, Label, Source, State, TimeLimit, WorkCalendar
from jiceng.petitions._matter import Body, Channel, Matter, Route, Step, _Extension, _Labelled
from jiceng.petitions._policy import TicketPolicy

__all__ = [
    "TICKET_ROUTES",
    "Rating",
    "RequestKind",
    "SupervisionGround",
    "TicketState",
]


class TicketState(State):
    """Where a ticket (诉求工单) stands."""

    RECEIVED = "received", "已受理", "Received"
    DISPATCHED = "dispatched", "已派单", "Dispatched"
    HANDLING = "handling", "办理中", "Being handled"
    REPLIED = "replied", "已回复", "Replied"
    CLOSED = "closed", "已办结", "Closed"
    RATED = "rated", "已回访评价", "Rated"
    ROUTED_OUT = "routed_out", "已转出", "Routed out"
    REPEAT = "repeat", "重复诉求已解释", "Repeat, explained"


class RequestKind(_Labelled):
    """What the caller wants (热线事项): 济南 第14条, 北京 第2条."""

    CONSULTATION = "consultation", "咨询", "consultation"
    HELP = "help", "求助", "request for help"
    COMPLAINT = "complaint", "投诉", "complaint"
    REPORT = "report", "举报", "report of wrongdoing"
    SUGGESTION = "suggestion", "建议", "suggestion"


class Rating(_Labelled):
    """The caller's rating in the follow-up call (回访评价)."""

    SATISFIED = "satisfied", "满意", "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied", "基本满意", "basically satisfied"
    UNSATISFIED = "unsatisfied", "不满意", "unsatisfied"


TICKET_ROUTES = frozenset(
    {
        Route.EMERGENCY,
        Route.LITIGATION,
        Route.ARBITRATION,
        Route.ADMINISTRATIVE_RECONSIDERATION,
        Route.DISCIPLINE,
        Route.INFORMATION_DISCLOSURE,
        Route.PETITION,
    }
)
"""The routes a ticket may be routed out to (潍坊 第19条, 第39条; 北京 第11条; 济南 第23条)."""


# -- events --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Received(Event):
    """A request was received by the hotline (受理) and written on a ticket (工单)."""

    ticket_id: str
    kind: RequestKind
    channel: Channel
    caller: Actor
    matter: Matter
    policy: TicketPolicy
    calendar: WorkCalendar


@attrs.frozen(kw_only=True)
class Dispatched(Event):
    """Dispatched (派单) to the unit in charge, with its time limit (北京 第13条)."""

    to: Body
    time_limit: TimeLimit


@attrs.frozen(kw_only=True)
class DispatchDeclined(Event):
    """The unit declined the dispatch as outside its duties (退回派单); to dispatch again."""


@attrs.frozen(kw_only=True)
class HandlingStarted(Event):
    """The unit took the ticket up and contacted the caller (签收、联系诉求人)."""


@attrs.frozen(kw_only=True)
class ReplyExtended(_Extension):
    """The time limit was extended, the caller told why (北京 第15条第2项)."""


class SupervisionGround(_Labelled):
    """Why the hotline supervises (督办) a ticket, 济南市12345市民服务热线条例(2018) 第28条."""

    LATE = "late", "超出办理时限未办理", "past its time limit"
    REPEATED_CALLS = "repeated_calls", "来电人多次、集中反映未解决", "repeated calls, unsolved"
    OTHER = "other", "其他需要督办的事项", "another matter needing supervision"


@attrs.frozen(kw_only=True)
class Supervised(Event):
    """The hotline supervised (督办) the ticket, on one of the grounds of 济南 第28条; the
    calls that repeated it, for `REPEATED_CALLS`."""

    ground: SupervisionGround = SupervisionGround.LATE
    repeats: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Replied(Event):
    """The caller was answered (回复), on the spot or by the unit."""

    content: str


@attrs.frozen(kw_only=True)
class Closed(Event):
    """The hotline reviewed the reply and closed the ticket (审核办结)."""


@attrs.frozen(kw_only=True)
class Rated(Event):
    """The follow-up call (回访): the caller's rating and whether the matter was resolved."""

    rating: Rating
    resolved: bool


@attrs.frozen(kw_only=True)
class ReturnedForRehandling(Event):
    """Sent back to the unit for re-handling (退回再办): not done, or the caller unsatisfied."""


@attrs.frozen(kw_only=True)
class RoutedOut(Event):
    """Routed out to another procedure or an emergency line, the caller told where."""

    route: Route


@attrs.frozen(kw_only=True)
class RepeatExplained(Event):
    """A repeat of `original_id` on the same facts: explained, not handled again."""

    original_id: str
    basis: Source


# -- what next ------------------------------------------------------------------------

NEXT_STEPS: Mapping[TicketState, Step] = {
    TicketState.RECEIVED: Step(
        action=Label("派单、当场答复或者转出", "dispatch, answer on the spot, or route out"),
        party=Label("热线工作机构", "the hotline"),
    ),
    TicketState.DISPATCHED: Step(
        action=Label("签收办理并回复", "take up and reply"),
        party=Label("承办单位", "the unit in charge"),
    ),
    TicketState.HANDLING: Step(
        action=Label("回复诉求人", "reply to the caller"),
        party=Label("承办单位", "the unit in charge"),
    ),
    TicketState.REPLIED: Step(
        action=Label("审核办结", "review and close"),
        party=Label("热线工作机构", "the hotline"),
    ),
    TicketState.CLOSED: Step(
        action=Label("回访评价", "call back for a rating"),
        party=Label("热线工作机构", "the hotline"),
    ),
}

COMPLETED_STATES = frozenset({TicketState.CLOSED, TicketState.RATED})
"""Handled to a result (办结): closed, and rated after the follow-up call."""
