"""Citizen requests (诉求, 12345 hotline tickets): 受理 → 派单 → 办理 → 回复 → 督办 → 办结 →
回访 → 评价.

济南市12345市民服务热线条例(2018), 潍坊市12345政务服务便民热线条例(2021) and
北京市接诉即办工作条例(2021): a ticket is received, dispatched to the unit in charge (承办单位),
replied to within the policy's time limit (5 working days in 济南 and 潍坊, set per ticket in
北京), supervised (督办) when late, closed after review, followed up by a call (回访) and
rated. An unsatisfied caller's ticket goes back for re-handling (退回再办), as often as the
policy allows. Emergencies and matters for another procedure are routed out; a repeat on the
same facts is explained, not handled again.

This module holds the `Ticket` entity, whose methods build the events; the events are in
`_ticket_data`, each command's guards, fold and row in `_ticket_machine`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Self

import attrs
import pendulum

from jiceng import Actor, ChinaCalendar, CountedRule, TimeLimit, WorkCalendar
from jiceng.exceptions import FieldError, ValidationError
from jiceng.petitions._matter import Body, Channel, Matter, RepeatError, Route, check_route
from jiceng.petitions._policy import JINAN_2018, TicketPolicy
from jiceng.petitions._ticket_data import (
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
from jiceng.petitions._ticket_machine import TICKET, TicketBase

__all__ = ["Ticket"]


@attrs.frozen(kw_only=True)
class Ticket(TicketBase, machine=TICKET):
    """A citizen request (诉求工单) on the 12345 hotline.

    `handler` is the unit in charge (承办单位) and `time_limit` the limit written on the
    ticket at dispatch; `returns` counts the returns for re-handling (退回), `supervisions`
    the supervisions (督办); `responded` says whether a unit took it up; `rating` and
    `resolved` come from the follow-up call (回访).
    """

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
    def is_resolved(self) -> bool:
        """Whether the follow-up call found the matter resolved (解决)."""
        return self.state is TicketState.RATED and bool(self.resolved)
