"""Citizen requests (诉求, 12345 hotline tickets): 受理 → 派单 → 办理 → 回复 → 督办 → 办结 →
回访 → 评价.

济南市12345市民服务热线条例(2018), 潍坊市12345政务服务便民热线条例(2021) and
北京市接诉即办工作条例(2021): a ticket is received, dispatched to the unit in charge (承办单位),
replied to within the policy's time limit (5 working days in 济南 and 潍坊, set per ticket in
北京), supervised (督办) when late, closed after review, followed up by a call (回访) and
rated. An unsatisfied caller's ticket goes back for re-handling (退回再办), as often as the
policy allows. Emergencies and matters for another procedure are routed out; a repeat on the
same facts is explained, not handled again.
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
    Event,
    Label,
    Machine,
    Source,
    State,
    TimeLimit,
    Transition,
    WorkCalendar,
)
from jiceng.exceptions import FieldError, ValidationError
from jiceng.petitions._common import (
    Body,
    Case,
    Channel,
    Matter,
    RepeatError,
    Route,
    Step,
    _Extension,
    _Labelled,
    check_route,
    extend,
    extension_within_limit,
)
from jiceng.petitions._policies import JINAN_2018, TicketPolicy

__all__ = [
    "TICKET",
    "TICKET_ROUTES",
    "Rating",
    "RequestKind",
    "SupervisionGround",
    "Ticket",
    "TicketState",
]

_JN = "济南市12345市民服务热线条例(2018)"


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


# -- guards --------------------------------------------------------------------------------


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


def within_return_bound(ticket: Ticket, event: ReturnedForRehandling) -> str | None:
    """A ticket goes back for re-handling at most `max_returns` times (the policy's bound)."""
    if not ticket.returns_left:
        policy = ticket.policy
        return (
            f"it went back {ticket.returns} times already, the most policy "
            f"{policy.name!r} allows ({policy.returns_source})"
        )
    return None


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


# -- the machine table -------------------------------------------------------------------

T = TicketState
_WITH_UNIT = (T.DISPATCHED, T.HANDLING)

TICKET: Machine[TicketState] = Machine(
    name="petitions.ticket",
    label=Label("诉求工单", "Hotline ticket"),
    states=TicketState,
    initial=T.RECEIVED,
    final={T.RATED, T.ROUTED_OUT, T.REPEAT},
    transitions=[
        Transition(
            command="receive",
            event=Received,
            sources=(),
            target=T.RECEIVED,
            label=Label("受理", "Receive"),
            source=Source(f"{_JN} 第22条"),
        ),
        Transition(
            command="dispatch",
            event=Dispatched,
            sources={T.RECEIVED},
            target=T.DISPATCHED,
            label=Label("派单", "Dispatch"),
            source=Source(f"{_JN} 第23条第2项; 北京市接诉即办工作条例(2021) 第13条"),
        ),
        Transition(
            command="decline_dispatch",
            event=DispatchDeclined,
            sources={T.DISPATCHED},
            target=T.RECEIVED,
            label=Label("退回派单", "Decline dispatch"),
            source=Source("潍坊市12345政务服务便民热线条例(2021) 第22条"),
        ),
        Transition(
            command="start_handling",
            event=HandlingStarted,
            sources={T.DISPATCHED},
            target=T.HANDLING,
            label=Label("签收办理", "Start handling"),
            source=Source("北京市接诉即办工作条例(2021) 第15条第1项"),
        ),
        Transition(
            command="extend",
            event=ReplyExtended,
            sources=_WITH_UNIT,
            target=None,
            label=Label("延期", "Extend"),
            guard=extension_within_limit,
            source=Source("北京市接诉即办工作条例(2021) 第15条第2项"),
        ),
        Transition(
            command="supervise",
            event=Supervised,
            sources=_WITH_UNIT,
            target=None,
            label=Label("督办", "Supervise"),
            guard=supervisable,
            source=Source(f"{_JN} 第28条"),
        ),
        Transition(
            command="reply",
            event=Replied,
            sources={T.RECEIVED, *_WITH_UNIT},
            target=T.REPLIED,
            label=Label("回复", "Reply"),
            source=Source(f"{_JN} 第23条第1项、第24条"),
        ),
        Transition(
            command="close",
            event=Closed,
            sources={T.REPLIED},
            target=T.CLOSED,
            label=Label("办结", "Close"),
            source=Source(f"{_JN} 第27条第1款"),
        ),
        Transition(
            command="return_for_rehandling",
            event=ReturnedForRehandling,
            sources={T.REPLIED, T.CLOSED},
            target=T.HANDLING,
            label=Label("退回再办", "Return for re-handling"),
            guard=within_return_bound,
            source=Source(f"{_JN} 第27条第2款"),
        ),
        Transition(
            command="rate",
            event=Rated,
            sources={T.CLOSED},
            target=T.RATED,
            label=Label("回访评价", "Rate"),
            guard=unsatisfied_goes_back,
            source=Source(f"{_JN} 第27条"),
        ),
        Transition(
            command="route_out",
            event=RoutedOut,
            sources={T.RECEIVED, *_WITH_UNIT},
            target=T.ROUTED_OUT,
            label=Label("转出", "Route out"),
            source=Source("潍坊市12345政务服务便民热线条例(2021) 第19条、第21条"),
        ),
        Transition(
            command="link_repeat",
            event=RepeatExplained,
            sources={T.RECEIVED},
            target=T.REPEAT,
            label=Label("重复诉求", "Link as repeat"),
            source=Source(f"{_JN} 第25条"),
        ),
    ],
)
"""The ticket machine table (诉求工单状态机)."""

_NEXT: Mapping[TicketState, Step] = {
    T.RECEIVED: Step(
        action=Label("派单、当场答复或者转出", "dispatch, answer on the spot, or route out"),
        party=Label("热线工作机构", "the hotline"),
    ),
    T.DISPATCHED: Step(
        action=Label("签收办理并回复", "take up and reply"),
        party=Label("承办单位", "the unit in charge"),
    ),
    T.HANDLING: Step(
        action=Label("回复诉求人", "reply to the caller"),
        party=Label("承办单位", "the unit in charge"),
    ),
    T.REPLIED: Step(
        action=Label("审核办结", "review and close"),
        party=Label("热线工作机构", "the hotline"),
    ),
    T.CLOSED: Step(
        action=Label("回访评价", "call back for a rating"),
        party=Label("热线工作机构", "the hotline"),
    ),
}


@attrs.frozen(kw_only=True)
class Ticket(Case[TicketState], machine=TICKET):
    """A citizen request (诉求工单) on the 12345 hotline.

    `handler` is the unit in charge (承办单位) and `time_limit` the limit written on the
    ticket at dispatch; `returns` counts the returns for re-handling (退回), `supervisions`
    the supervisions (督办); `responded` says whether a unit took it up; `rating` and
    `resolved` come from the follow-up call (回访).
    """

    _STEPS: ClassVar[Mapping[Any, Step]] = _NEXT
    _COMPLETED: ClassVar[frozenset[Any]] = frozenset({T.CLOSED, T.RATED})

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

    def rate(self, *, rating: Rating, resolved: bool, by: Actor, at: pendulum.DateTime) -> Self:
        """Record the follow-up call (回访): the rating and whether the matter was resolved.
        An unsatisfied rating is refused while returns are left: the ticket goes back."""
        return self._record(Rated(rating=rating, resolved=resolved, by=by, at=at))

    def return_for_rehandling(
        self, *, by: Actor, at: pendulum.DateTime, reason: str | None = None
    ) -> Self:
        """Send the ticket back to the unit (退回再办, 济南 第27条第2款): the review found it
        not done, or the caller was unsatisfied. Its time limit starts again."""
        return self._record(ReturnedForRehandling(reason=reason, by=by, at=at))

    def route_out(self, *, route: Route, reason: str, by: Actor, at: pendulum.DateTime) -> Self:
        """Route the matter out (转出): to an emergency line, another procedure, or the
        petition under way (潍坊 第19条, 第21条; 北京 第11条), telling the caller why."""
        check_route(route, TICKET_ROUTES, "a ticket")
        return self._record(RoutedOut(route=route, reason=reason, by=by, at=at))

    def link_repeat(self, *, original: Ticket, by: Actor, at: pendulum.DateTime) -> Self:
        """Explain, not handle again, a repeat of `original` on the same facts (济南 第25条):
        the original must have been dispatched or answered, and not routed out."""
        if original.id == self.id or original.state in (T.RECEIVED, T.ROUTED_OUT, T.REPEAT):
            msg = (
                f"{original.id} is {original.state.value!r} ({original.state.zh}): "
                "only a ticket being handled or handled can be repeated"
            )
            raise RepeatError([FieldError("original", msg)])
        basis = self.policy.repeat_source
        return self._record(RepeatExplained(original_id=original.id, basis=basis, by=by, at=at))

    # -- folding ---------------------------------------------------------------------------

    @classmethod
    def _created(cls, event: Event) -> Mapping[str, Any]:
        assert isinstance(event, Received)
        return {
            "id": event.ticket_id,
            "kind": event.kind,
            "channel": event.channel,
            "caller": event.caller,
            "matter": event.matter,
            "policy": event.policy,
            "calendar": event.calendar,
        }

    def _apply(self, event: Event) -> Mapping[str, Any]:  # noqa: PLR0911 - a case per event
        at = event.at
        match event:
            case Dispatched(to=to, time_limit=limit):
                deadline = limit.start(at, self.calendar)
                return {"handler": to, "time_limit": limit, "deadline": deadline}
            case DispatchDeclined():
                return {"handler": None, "time_limit": None, "deadline": None}
            case HandlingStarted():
                return {"responded": True}
            case ReplyExtended():
                return extend(self, event)
            case Supervised():
                return {"supervisions": self.supervisions + 1}
            case Replied():
                return {
                    "on_time": not self._late(at),
                    "responded": self.handler is not None,
                    "deadline": None,
                }
            case ReturnedForRehandling():
                again = self.time_limit or self.policy.reply
                restarted = None if again is None else again.start(at, self.calendar)
                return {"returns": self.returns + 1, "deadline": restarted}
            case Rated(rating=rating, resolved=resolved):
                return {"rating": rating, "resolved": resolved}
            case RoutedOut(route=route):
                return {"route": route, "deadline": None}
            case RepeatExplained(original_id=original):
                return {"repeat_of": original}
        return {}  # Closed

    @property
    def returns_left(self) -> int:
        """How many more times the ticket may go back for re-handling under its policy."""
        return max(self.policy.max_returns - self.returns, 0)

    @property
    def is_resolved(self) -> bool:
        """Whether the follow-up call found the matter resolved (解决)."""
        return self.state is T.RATED and bool(self.resolved)
