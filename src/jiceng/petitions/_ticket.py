"""Citizen requests (诉求, 12345 hotline tickets): 受理 → 派单 → 办理 → 回复 → 督办 → 办结 →
回访 → 评价.

济南市12345市民服务热线条例(2018), 潍坊市12345政务服务便民热线条例(2021) and
北京市接诉即办工作条例(2021): a ticket is received, dispatched to the unit in charge (承办单位),
replied to within the policy's time limit (5 working days in 济南 and 潍坊, set per ticket in
北京), supervised (督办) when late, closed after review, followed up by a call (回访) and
rated. An unsatisfied caller's ticket goes back for re-handling (退回再办), as often as the
policy allows. Emergencies and matters for another procedure are routed out; a repeat on the
same facts is explained, not handled again.

Each command's guards, fold and row stand together below, in table order, under a one-line
comment; then the table, and the `Ticket` entity, whose methods build the events (in
`_ticket_data`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Self

import attrs
import pendulum

from jiceng import (
    Actor,
    ChinaCalendar,
    CountedRule,
    Label,
    Machine,
    Source,
    TimeLimit,
    Transition,
    WorkCalendar,
)
from jiceng.exceptions import FieldError, ValidationError
from jiceng.petitions._matter import Body, Channel, Matter, RepeatError, Route, Step, check_route
from jiceng.petitions._policy import JINAN_2018, TicketPolicy
from jiceng.petitions._submission import Submission, extend, extension_within_limit
from jiceng.petitions._ticket_data import (
    COMPLETED_STATES,
    NEXT_STEPS,
    TICKET_ROUTES,
    Closed,
    DispatchDeclined,
    Dispatched,
    HandlingStarted,
    Rated,
    Rating,
    Received,
    RepeatExplained,
    Replied,
    ReplyExtended,
    RequestKind,
    ReturnedForRehandling,
    RoutedOut,
    Supervised,
    SupervisionGround,
    TicketState,
)

__all__ = ["TICKET", "Ticket"]

_JINAN_REGULATION = "济南市12345市民服务热线条例(2018)"
_WEIFANG_REGULATION = "潍坊市12345政务服务便民热线条例(2021)"
_BEIJING_REGULATION = "北京市接诉即办工作条例(2021)"
_WITH_UNIT = (TicketState.DISPATCHED, TicketState.HANDLING)


# -- 受理 receive --------------------------------------------------------------------------


def received(_: None, event: Received) -> Mapping[str, Any]:
    """A ticket opened: the request, the caller, the policy and the calendar."""
    return {
        "id": event.ticket_id,
        "kind": event.kind,
        "channel": event.channel,
        "caller": event.caller,
        "matter": event.matter,
        "policy": event.policy,
        "calendar": event.calendar,
    }


_RECEIVE: Transition[TicketState] = Transition(
    command="receive",
    event=Received,
    sources=(),
    target=TicketState.RECEIVED,
    label=Label("受理", "Receive"),
    fold=received,
    source=Source(f"{_JINAN_REGULATION} 第22条"),
)

# -- 派单 dispatch -------------------------------------------------------------------------


def dispatched(ticket: Ticket, event: Dispatched) -> Mapping[str, Any]:
    """The unit in charge, and the time limit written on the ticket, which starts."""
    deadline = event.time_limit.start(event.at, ticket.calendar)
    return {"handler": event.to, "time_limit": event.time_limit, "deadline": deadline}


_DISPATCH: Transition[TicketState] = Transition(
    command="dispatch",
    event=Dispatched,
    sources={TicketState.RECEIVED},
    target=TicketState.DISPATCHED,
    label=Label("派单", "Dispatch"),
    fold=dispatched,
    source=Source(f"{_JINAN_REGULATION} 第23条第2项; {_BEIJING_REGULATION} 第13条"),
)

# -- 退回派单 decline the dispatch ------------------------------------------------------------


def dispatch_declined(ticket: Ticket, event: DispatchDeclined) -> Mapping[str, Any]:
    """Back to the hotline, to dispatch again: no unit, no time limit."""
    return {"handler": None, "time_limit": None, "deadline": None}


_DECLINE_DISPATCH: Transition[TicketState] = Transition(
    command="decline_dispatch",
    event=DispatchDeclined,
    sources={TicketState.DISPATCHED},
    target=TicketState.RECEIVED,
    label=Label("退回派单", "Decline dispatch"),
    fold=dispatch_declined,
    source=Source(f"{_WEIFANG_REGULATION} 第22条"),
)

# -- 签收办理 start handling -----------------------------------------------------------------


def handling_started(ticket: Ticket, event: HandlingStarted) -> Mapping[str, Any]:
    """The unit responded (响应)."""
    return {"responded": True}


_START_HANDLING: Transition[TicketState] = Transition(
    command="start_handling",
    event=HandlingStarted,
    sources={TicketState.DISPATCHED},
    target=TicketState.HANDLING,
    label=Label("签收办理", "Start handling"),
    fold=handling_started,
    source=Source(f"{_BEIJING_REGULATION} 第15条第1项"),
)

# -- 延期 extend (guard and fold shared with petitions, in `_submission`) ------------------

_EXTEND: Transition[TicketState] = Transition(
    command="extend",
    event=ReplyExtended,
    sources=_WITH_UNIT,
    target=None,
    label=Label("延期", "Extend"),
    guard=extension_within_limit,
    fold=extend,
    source=Source(f"{_BEIJING_REGULATION} 第15条第2项"),
)

# -- 督办 supervise ------------------------------------------------------------------------


def supervisable(ticket: Ticket, event: Supervised) -> str | None:
    """Supervision (督办) on a ground of 济南 第28条: a ticket past its time limit (第1项);
    one the caller kept calling about, unsolved, naming the repeated calls (第2项); or
    another matter needing it, with the reason (第4项)."""
    if event.ground is SupervisionGround.LATE:
        deadline = ticket.deadline
        assert deadline is not None
        if not deadline.overdue(event.at):
            return f"it is not late: due {deadline.due:%Y-%m-%d %H:%M} ({deadline.limit})"
    elif event.ground is SupervisionGround.REPEATED_CALLS:
        if not event.repeats:
            return "repeated calls (第28条第2项): name the calls that repeated the ticket"
    elif not (event.reason or "").strip():
        return "another matter needing supervision (第28条第4项): say what it is"
    return None


def supervised(ticket: Ticket, event: Supervised) -> Mapping[str, Any]:
    return {"supervisions": ticket.supervisions + 1}


_SUPERVISE: Transition[TicketState] = Transition(
    command="supervise",
    event=Supervised,
    sources=_WITH_UNIT,
    target=None,
    label=Label("督办", "Supervise"),
    guard=supervisable,
    fold=supervised,
    source=Source(f"{_JINAN_REGULATION} 第28条"),
)

# -- 回复 reply ----------------------------------------------------------------------------


def replied(ticket: Ticket, event: Replied) -> Mapping[str, Any]:
    """Answered, on time or not; a reply by a unit counts as its response."""
    return {
        "on_time": not ticket._late(event.at),
        "responded": ticket.handler is not None,
        "deadline": None,
    }


_REPLY: Transition[TicketState] = Transition(
    command="reply",
    event=Replied,
    sources={TicketState.RECEIVED, *_WITH_UNIT},
    target=TicketState.REPLIED,
    label=Label("回复", "Reply"),
    fold=replied,
    source=Source(f"{_JINAN_REGULATION} 第23条第1项、第24条"),
)

# -- 办结 close (changes the state only) --------------------------------------------------

_CLOSE: Transition[TicketState] = Transition(
    command="close",
    event=Closed,
    sources={TicketState.REPLIED},
    target=TicketState.CLOSED,
    label=Label("办结", "Close"),
    source=Source(f"{_JINAN_REGULATION} 第27条第1款"),
)

# -- 退回再办 return for re-handling ---------------------------------------------------------


def within_return_bound(ticket: Ticket, event: ReturnedForRehandling) -> str | None:
    """A ticket goes back for re-handling at most `max_returns` times (the policy's bound)."""
    if not ticket.returns_left:
        policy = ticket.policy
        return (
            f"it went back {ticket.returns} times already, the most policy "
            f"{policy.name!r} allows ({policy.returns_source})"
        )
    return None


def returned_for_rehandling(ticket: Ticket, event: ReturnedForRehandling) -> Mapping[str, Any]:
    """One more return; the ticket's time limit starts again."""
    again = ticket.time_limit or ticket.policy.reply
    restarted = None if again is None else again.start(event.at, ticket.calendar)
    return {"returns": ticket.returns + 1, "deadline": restarted}


_RETURN_FOR_REHANDLING: Transition[TicketState] = Transition(
    command="return_for_rehandling",
    event=ReturnedForRehandling,
    sources={TicketState.REPLIED, TicketState.CLOSED},
    target=TicketState.HANDLING,
    label=Label("退回再办", "Return for re-handling"),
    guard=within_return_bound,
    fold=returned_for_rehandling,
    source=Source(f"{_JINAN_REGULATION} 第27条第2款"),
)

# -- 回访评价 rate -------------------------------------------------------------------------


def unsatisfied_goes_back(ticket: Ticket, event: Rated) -> str | None:
    """An unsatisfied rating sends the ticket back (济南 第27条第2款) while returns are left;
    it stands as the final rating only once they are used up."""
    if event.rating is Rating.UNSATISFIED and ticket.returns_left:
        return (
            f"an unsatisfied ticket goes back for re-handling (退回再办, "
            f"{ticket.policy.returns_source}): use return_for_rehandling "
            f"({ticket.returns} of {ticket.policy.max_returns} returns used)"
        )
    return None


def rated(ticket: Ticket, event: Rated) -> Mapping[str, Any]:
    return {"rating": event.rating, "resolved": event.resolved}


_RATE: Transition[TicketState] = Transition(
    command="rate",
    event=Rated,
    sources={TicketState.CLOSED},
    target=TicketState.RATED,
    label=Label("回访评价", "Rate"),
    guard=unsatisfied_goes_back,
    fold=rated,
    source=Source(f"{_JINAN_REGULATION} 第27条"),
)

# -- 转出 route out ------------------------------------------------------------------------


def routed_out(ticket: Ticket, event: RoutedOut) -> Mapping[str, Any]:
    return {"route": event.route, "deadline": None}


_ROUTE_OUT: Transition[TicketState] = Transition(
    command="route_out",
    event=RoutedOut,
    sources={TicketState.RECEIVED, *_WITH_UNIT},
    target=TicketState.ROUTED_OUT,
    label=Label("转出", "Route out"),
    fold=routed_out,
    source=Source(f"{_WEIFANG_REGULATION} 第19条、第21条"),
)

# -- 重复诉求 link as a repeat ---------------------------------------------------------------


def repeat_explained(ticket: Ticket, event: RepeatExplained) -> Mapping[str, Any]:
    return {"repeat_of": event.original_id}


_LINK_REPEAT: Transition[TicketState] = Transition(
    command="link_repeat",
    event=RepeatExplained,
    sources={TicketState.RECEIVED},
    target=TicketState.REPEAT,
    label=Label("重复诉求", "Link as repeat"),
    fold=repeat_explained,
    source=Source(f"{_JINAN_REGULATION} 第25条"),
)

# -- the machine table -------------------------------------------------------------------

TICKET: Machine[TicketState] = Machine(
    name="petitions.ticket",
    label=Label("诉求工单", "Hotline ticket"),
    states=TicketState,
    initial=TicketState.RECEIVED,
    final={TicketState.RATED, TicketState.ROUTED_OUT, TicketState.REPEAT},
    transitions=[
        _RECEIVE,
        _DISPATCH,
        _DECLINE_DISPATCH,
        _START_HANDLING,
        _EXTEND,
        _SUPERVISE,
        _REPLY,
        _CLOSE,
        _RETURN_FOR_REHANDLING,
        _RATE,
        _ROUTE_OUT,
        _LINK_REPEAT,
    ],
)
"""The ticket machine table (诉求工单状态机)."""


@attrs.frozen(kw_only=True)
class Ticket(Submission[TicketState], machine=TICKET):
    """A citizen request (诉求工单) on the 12345 hotline.

    `handler` is the unit in charge (承办单位) and `time_limit` the limit written on the
    ticket at dispatch; `returns` counts the returns for re-handling (退回), `supervisions`
    the supervisions (督办); `responded` says whether a unit took it up; `rating` and
    `resolved` come from the follow-up call (回访).
    """

    _STEPS: ClassVar[Mapping[Any, Step]] = NEXT_STEPS
    _COMPLETED: ClassVar[frozenset[Any]] = COMPLETED_STATES

    kind: RequestKind
    caller: Actor
    policy: TicketPolicy
    handler: Body | None = None
    time_limit: TimeLimit | None = None
    returns: int = 0
    supervisions: int = 0
    responded: bool = False
    rating: Rating | None = None
    resolved: bool | None = None

    @classmethod
    def receive(
        cls,
        *,
        id: str,
        kind: RequestKind,
        channel: Channel,
        caller: Actor,
        matter: Matter,
        by: Actor,
        at: pendulum.DateTime,
        policy: TicketPolicy = JINAN_2018,
        calendar: WorkCalendar | None = None,
    ) -> Ticket:
        """Receive a request (受理) at `at` and open a ticket; by default under the 济南
        policy, counting working days with the China calendar (extra ``cn``)."""
        return cls._start(
            Received(
                ticket_id=id,
                kind=kind,
                channel=channel,
                caller=caller,
                matter=matter,
                policy=policy,
                calendar=ChinaCalendar() if calendar is None else calendar,
                by=by,
                at=at,
            )
        )

    def dispatch(
        self,
        *,
        to: Body,
        by: Actor,
        at: pendulum.DateTime,
        time_limit: TimeLimit | None = None,
    ) -> Self:
        """Dispatch (派单) to the unit `to`. The reply time limit is `time_limit` if given (a
        longer statutory one, 潍坊 第20条第2项) or the policy's; a policy without one (北京
        第13条) needs it given."""
        limit = time_limit or self.policy.reply
        if limit is None:
            msg = (
                f"policy {self.policy.name!r} sets no time limit: write one on the ticket "
                "(北京市接诉即办工作条例(2021) 第13条)"
            )
            raise ValidationError.single("time_limit", msg, subject="dispatch")
        return self._record(Dispatched(to=to, time_limit=limit, by=by, at=at))

    def decline_dispatch(self, *, reason: str, by: Actor, at: pendulum.DateTime) -> Self:
        """The unit declines a ticket outside its duties, with a reason (潍坊 第22条)."""
        return self._record(DispatchDeclined(reason=reason, by=by, at=at))

    def start_handling(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """The unit takes the ticket up and contacts the caller (北京 第15条第1项)."""
        return self._record(HandlingStarted(by=by, at=at))

    def extend(
        self,
        *,
        extra: CountedRule,
        approved_by: Actor,
        reason: str,
        by: Actor,
        at: pendulum.DateTime,
    ) -> Self:
        """Extend the time limit, telling the caller why (北京 第15条第2项); only a time
        limit that allows extensions can be extended."""
        return self._record(
            ReplyExtended(extra=extra, approved_by=approved_by, reason=reason, by=by, at=at)
        )

    def supervise(
        self,
        *,
        by: Actor,
        at: pendulum.DateTime,
        reason: str | None = None,
        ground: SupervisionGround = SupervisionGround.LATE,
        repeats: Sequence[str] = (),
    ) -> Self:
        """Supervise (督办) the ticket (济南 第28条): by default because its time limit has
        run out; `REPEATED_CALLS` names the ids of the calls that repeated it, unsolved;
        `OTHER` needs the `reason`."""
        calls = tuple(repeats)
        return self._record(Supervised(reason=reason, ground=ground, repeats=calls, by=by, at=at))

    def reply(self, *, content: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Answer the caller (回复): on the spot (济南 第23条第1项) or after handling."""
        return self._record(Replied(content=content, by=by, at=at))

    def close(self, *, by: Actor, at: pendulum.DateTime) -> Self:
        """The hotline reviews the reply and closes the ticket (审核办结, 济南 第27条)."""
        return self._record(Closed(by=by, at=at))

    def return_for_rehandling(
        self, *, by: Actor, at: pendulum.DateTime, reason: str | None = None
    ) -> Self:
        """Send the ticket back to the unit (退回再办, 济南 第27条第2款): the review found it
        not done, or the caller was unsatisfied. Its time limit starts again."""
        return self._record(ReturnedForRehandling(reason=reason, by=by, at=at))

    def rate(self, *, rating: Rating, resolved: bool, by: Actor, at: pendulum.DateTime) -> Self:
        """Record the follow-up call (回访): the rating and whether the matter was resolved.
        An unsatisfied rating is refused while returns are left: the ticket goes back."""
        return self._record(Rated(rating=rating, resolved=resolved, by=by, at=at))

    def route_out(self, *, route: Route, reason: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Route the matter out (转出): to an emergency line, another procedure, or the
        petition under way (潍坊 第19条, 第21条; 北京 第11条), telling the caller why."""
        check_route(route, TICKET_ROUTES, "a ticket")
        return self._record(RoutedOut(route=route, reason=reason, by=by, at=at))

    def link_repeat(self, *, original: Ticket, by: Actor, at: pendulum.DateTime) -> Self:
        """Explain, not handle again, a repeat of `original` on the same facts (济南 第25条):
        the original must have been dispatched or answered, and not routed out."""
        if original.id == self.id or original.state in (
            TicketState.RECEIVED,
            TicketState.ROUTED_OUT,
            TicketState.REPEAT,
        ):
            msg = (
                f"{original.id} is {original.state.value!r} ({original.state.zh}): "
                "only a ticket being handled or handled can be repeated"
            )
            raise RepeatError([FieldError("original", msg)])
        basis = self.policy.repeat_source
        return self._record(RepeatExplained(original_id=original.id, basis=basis, by=by, at=at))

    # -- asking ----------------------------------------------------------------------------

    @property
    def returns_left(self) -> int:
        """How many more times the ticket may go back for re-handling under its policy."""
        return max(self.policy.max_returns - self.returns, 0)

    @property
    def is_resolved(self) -> bool:
        """Whether the follow-up call found the matter resolved (解决)."""
        return self.state is TicketState.RATED and bool(self.resolved)
