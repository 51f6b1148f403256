from __future__ import annotations

import json
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import (
    Actor,
    CalendarDays,
    ChinaCalendar,
    CountedRule,
    ExtensionLimit,
    Label,
    Source,
    TimeLimit,
    WorkCalendar,
    WorkingDays,
    replay,
)
from jiceng.exceptions import (
    CalendarCoverageError,
    ChronologyError,
    GuardRejected,
    InvalidTransition,
    ValidationError,
)
from jiceng.petitions import (
    BEIJING_2021,
    JINAN_2018,
    TICKET,
    TICKET_ROUTES,
    WEIFANG_2021,
    Channel,
    Matter,
    Rating,
    RepeatError,
    RequestKind,
    Route,
    SupervisionGround,
    Ticket,
    TicketPolicy,
    TicketState,
)
from jiceng.petitions.events import RepeatExplained, Supervised
from jiceng.serde import from_dict, to_dict
from jiceng.testing import Command, instants, random_walk
from tests.petitions.helpers import BUREAU, CLERK, HEAD, TZ, WEEKENDS

T = TicketState
HOTLINE = Actor.department("12345", "市民服务热线")
CALLER = Actor.person("p-zhao", "赵女士")
WATER = Matter(request="小区停水三天，请尽快恢复供水", facts="3号楼自2月10日起停水")

THURSDAY = pendulum.datetime(2026, 2, 12, 10, tz=TZ)  # before the 2026 Spring Festival holiday

# A limit the city writes on a ticket (北京 第13条): 3 working days, extendable once by 2.
CITY_LIMIT = TimeLimit(
    rule=WorkingDays(3),
    source=Source("北京市接诉即办工作条例(2021) 第13条"),
    label=Label("办理时限", "time limit"),
    extension=ExtensionLimit(
        max_total=WorkingDays(2), source=Source("北京市接诉即办工作条例(2021) 第15条")
    ),
)


def received(
    *,
    at: pendulum.DateTime = THURSDAY,
    policy: TicketPolicy = JINAN_2018,
    calendar: WorkCalendar = WEEKENDS,
    id: str = "JN-1",
) -> Ticket:
    return Ticket.receive(
        id=id,
        kind=RequestKind.HELP,
        channel=Channel.PHONE,
        caller=CALLER,
        matter=WATER,
        by=HOTLINE,
        at=at,
        policy=policy,
        calendar=calendar,
    )


def dispatched(**kwargs: Any) -> Ticket:
    ticket = received(**kwargs)
    return ticket.dispatch(to=BUREAU, by=HOTLINE, at=ticket.last_changed.add(minutes=30))


def closed(**kwargs: Any) -> Ticket:
    ticket = dispatched(**kwargs).start_handling(by=CLERK, at=THURSDAY.add(hours=2))
    ticket = ticket.reply(content="已恢复供水", by=CLERK, at=THURSDAY.add(days=1))
    return ticket.close(by=HOTLINE, at=THURSDAY.add(days=1, hours=2))


# -- receiving and dispatching --------------------------------------------------------------


def test_a_received_ticket_waits_for_the_hotline_without_a_deadline() -> None:
    ticket = received()
    assert ticket.state is T.RECEIVED
    assert (ticket.kind, ticket.caller, ticket.matter) == (RequestKind.HELP, CALLER, WATER)
    assert ticket.deadline is None
    step = ticket.next_step()
    assert step is not None
    assert step.party.zh == "热线工作机构"
    assert step.deadline is None
    assert not ticket.overdue(THURSDAY.add(days=30))
    assert ticket.remaining(THURSDAY) is None


def test_receiving_defaults_to_the_jinan_policy_and_the_china_calendar() -> None:
    ticket = Ticket.receive(
        id="JN-2",
        kind=RequestKind.COMPLAINT,
        channel=Channel.ONLINE,
        caller=CALLER,
        matter=WATER,
        by=HOTLINE,
        at=THURSDAY,
    )
    assert ticket.policy is JINAN_2018
    assert ticket.calendar == ChinaCalendar()


def test_bad_ticket_input_is_collected_field_by_field() -> None:
    bad: Any = None
    with pytest.raises(ValidationError) as info:
        Ticket.receive(
            id=bad,
            kind=bad,
            channel=bad,
            caller=bad,
            matter=bad,
            by=HOTLINE,
            at=THURSDAY,
            policy=bad,
        )
    assert info.value.paths == (
        "receive.id",
        "receive.kind",
        "receive.channel",
        "receive.caller",
        "receive.matter",
        "receive.policy",
    )
    with pytest.raises(ValidationError, match=r"receive\.id: must not be empty"):
        received(id="")


def test_jinan_replies_within_five_working_days_across_the_spring_festival() -> None:
    ticket = dispatched(calendar=ChinaCalendar())  # Thursday 12 February 2026
    assert ticket.state is T.DISPATCHED
    assert ticket.handler == BUREAU
    assert ticket.deadline is not None
    assert str(ticket.deadline.limit.source) == "济南市12345市民服务热线条例(2018) 第24条"
    # 13 Feb, Saturday 14 Feb (调休上班), then 24, 25 and 26 Feb after the holiday
    assert ticket.deadline.due == pendulum.datetime(2026, 2, 26, tz=TZ).end_of("day")
    assert not ticket.overdue(pendulum.datetime(2026, 2, 26, 23, 59, tz=TZ))
    assert ticket.overdue(pendulum.datetime(2026, 2, 27, 0, 0, tz=TZ))


def test_the_weekend_calendar_ignores_the_holiday() -> None:
    ticket = dispatched(policy=WEIFANG_2021)
    assert ticket.deadline is not None
    assert str(ticket.deadline.limit.source) == "潍坊市12345政务服务便民热线条例(2021) 第20条"
    assert ticket.deadline.due.date() == pendulum.Date(2026, 2, 19)


def test_a_working_day_limit_in_2027_raises_rather_than_guessing() -> None:
    ticket = dispatched(at=pendulum.datetime(2026, 12, 30, 9, tz=TZ), calendar=ChinaCalendar())
    with pytest.raises(CalendarCoverageError, match="2027"):
        ticket.overdue(pendulum.datetime(2026, 12, 31, 9, tz=TZ))


def test_beijing_tickets_need_the_time_limit_written_on_them() -> None:
    ticket = received(policy=BEIJING_2021)
    with pytest.raises(ValidationError, match=r"sets no time limit.*第13条"):
        ticket.dispatch(to=BUREAU, by=HOTLINE, at=THURSDAY)
    limited = ticket.dispatch(to=BUREAU, by=HOTLINE, at=THURSDAY, time_limit=CITY_LIMIT)
    assert limited.time_limit == CITY_LIMIT
    assert limited.deadline is not None
    assert limited.deadline.due.date() == pendulum.Date(2026, 2, 17)


def test_a_dispatch_needs_a_body_and_a_time_limit_value() -> None:
    bad: Any = "水务局"
    with pytest.raises(ValidationError, match=r"dispatch\.to: expected Body"):
        received().dispatch(to=bad, by=HOTLINE, at=THURSDAY)
    with pytest.raises(ValidationError, match=r"dispatch\.time_limit: expected TimeLimit"):
        received().dispatch(to=BUREAU, by=HOTLINE, at=THURSDAY, time_limit=bad)


def test_a_unit_declines_a_dispatch_outside_its_duties_with_a_reason() -> None:
    ticket = dispatched()
    back = ticket.decline_dispatch(reason="不属本单位职责", by=CLERK, at=THURSDAY.add(hours=1))
    assert back.state is T.RECEIVED
    assert (back.handler, back.time_limit, back.deadline) == (None, None, None)
    with pytest.raises(ValidationError, match="reason"):
        ticket.decline_dispatch(reason="", by=CLERK, at=THURSDAY.add(hours=1))


# -- handling, extension, supervision -------------------------------------------------------


def test_a_ticket_is_supervised_only_once_it_is_late() -> None:
    ticket = dispatched()  # due at the end of Thursday 19 February
    with pytest.raises(GuardRejected, match="it is not late: due 2026-02-19 23:59") as info:
        ticket.supervise(by=HOTLINE, at=pendulum.datetime(2026, 2, 19, 23, tz=TZ))
    assert info.value.guard == "supervisable"
    late = ticket.supervise(by=HOTLINE, at=pendulum.datetime(2026, 2, 20, 9, tz=TZ))
    twice = late.supervise(by=HOTLINE, at=pendulum.datetime(2026, 2, 23, 9, tz=TZ))
    assert (late.state, late.supervisions, twice.supervisions) == (T.DISPATCHED, 1, 2)


def test_repeated_unsolved_calls_or_another_matter_are_supervised_before_the_due() -> None:
    ticket = dispatched()  # due at the end of Thursday 19 February
    early = pendulum.datetime(2026, 2, 17, 9, tz=TZ)
    with pytest.raises(GuardRejected, match="name the calls that repeated the ticket"):
        ticket.supervise(by=HOTLINE, at=early, ground=SupervisionGround.REPEATED_CALLS)
    called = ticket.supervise(
        by=HOTLINE, at=early, ground=SupervisionGround.REPEATED_CALLS, repeats=["T-2", "T-3"]
    )
    event = called.history[-1]
    assert isinstance(event, Supervised)
    assert (event.ground, event.repeats, called.supervisions) == (
        SupervisionGround.REPEATED_CALLS, ("T-2", "T-3"), 1
    )  # fmt: skip
    with pytest.raises(GuardRejected, match="say what it is"):
        ticket.supervise(by=HOTLINE, at=early, ground=SupervisionGround.OTHER)
    with pytest.raises(ValidationError, match=r"supervise\.reason: must not be empty"):
        ticket.supervise(by=HOTLINE, at=early, ground=SupervisionGround.OTHER, reason=" ")
    other = ticket.supervise(
        by=HOTLINE, at=early, ground=SupervisionGround.OTHER, reason="领导交办"
    )
    assert other.supervisions == 1
    with pytest.raises(ValidationError, match=r"supervise\.repeats: expected tuple or list"):
        ticket.supervise(
            by=HOTLINE, at=early, ground=SupervisionGround.REPEATED_CALLS, repeats="T-2"
        )
    with pytest.raises(ValidationError, match=r"repeats\[1\]"):
        ticket.supervise(
            by=HOTLINE, at=early, ground=SupervisionGround.REPEATED_CALLS, repeats=["T-2", ""]
        )
    with pytest.raises(ValidationError, match="ground"):
        ticket.supervise(by=HOTLINE, at=early, ground="late")  # type: ignore[arg-type]


def test_a_jinan_reply_limit_cannot_be_extended() -> None:
    with pytest.raises(GuardRejected, match="allows no extension"):
        dispatched().extend(
            extra=WorkingDays(2),
            approved_by=HEAD,
            reason="需协调",
            by=CLERK,
            at=THURSDAY.add(hours=1),
        )


def test_a_limit_written_on_the_ticket_extends_within_its_bound() -> None:
    ticket = received(policy=BEIJING_2021).dispatch(
        to=BUREAU, by=HOTLINE, at=THURSDAY, time_limit=CITY_LIMIT
    )
    extended = ticket.extend(
        extra=WorkingDays(2), approved_by=HEAD, reason="需协调", by=CLERK, at=THURSDAY.add(hours=1)
    )
    assert extended.deadline is not None
    assert extended.deadline.due.date() == pendulum.Date(2026, 2, 19)
    with pytest.raises(GuardRejected, match="at most 2个工作日"):
        ticket.extend(
            extra=WorkingDays(3), approved_by=HEAD, reason="需协调", by=CLERK, at=THURSDAY
        )
    with pytest.raises(ValidationError, match="reason"):
        ticket.extend(extra=WorkingDays(1), approved_by=HEAD, reason=" ", by=CLERK, at=THURSDAY)


def test_a_reply_in_time_is_on_time_and_a_late_one_is_not() -> None:
    ticket = dispatched().start_handling(by=CLERK, at=THURSDAY.add(hours=2))
    assert ticket.responded
    in_time = ticket.reply(content="已修复", by=CLERK, at=pendulum.datetime(2026, 2, 19, 23, tz=TZ))
    late = ticket.reply(content="已修复", by=CLERK, at=pendulum.datetime(2026, 2, 20, 9, tz=TZ))
    assert (in_time.state, in_time.on_time, late.on_time) == (T.REPLIED, True, False)
    assert in_time.deadline is None
    assert not late.overdue(pendulum.datetime(2026, 3, 20, tz=TZ))


def test_an_answer_on_the_spot_needs_no_unit() -> None:
    ticket = received(policy=WEIFANG_2021).reply(content="政策咨询已答复", by=HOTLINE, at=THURSDAY)
    assert (ticket.state, ticket.on_time, ticket.responded) == (T.REPLIED, True, False)
    with pytest.raises(ValidationError, match="content"):
        received().reply(content="", by=HOTLINE, at=THURSDAY)


# -- close, follow-up, return ---------------------------------------------------------------


def test_a_satisfied_follow_up_rates_the_ticket_and_ends_it() -> None:
    ticket = closed().rate(
        rating=Rating.BASICALLY_SATISFIED, resolved=True, by=HOTLINE, at=THURSDAY.add(days=2)
    )
    assert (ticket.state, ticket.rating, ticket.resolved) == (
        T.RATED,
        Rating.BASICALLY_SATISFIED,
        True,
    )
    assert ticket.is_resolved
    assert ticket.is_completed
    assert ticket.next_step() is None


def test_an_unsatisfied_rating_sends_the_ticket_back_while_returns_are_left() -> None:
    ticket = closed()
    with pytest.raises(GuardRejected, match=r"use return_for_rehandling \(0 of 2 returns used\)"):
        ticket.rate(rating=Rating.UNSATISFIED, resolved=False, by=HOTLINE, at=THURSDAY.add(days=2))
    back = ticket.return_for_rehandling(by=HOTLINE, at=THURSDAY.add(days=2), reason="仍未供水")
    assert (back.state, back.returns, back.returns_left) == (T.HANDLING, 1, 1)
    assert back.deadline is not None
    assert back.deadline.started == THURSDAY.add(days=2)


def test_a_ticket_goes_back_at_most_max_returns_times() -> None:
    ticket = closed()
    for n in range(2):
        at = THURSDAY.add(days=2 + 2 * n)
        ticket = ticket.return_for_rehandling(by=HOTLINE, at=at)
        ticket = ticket.reply(content="再次处理", by=CLERK, at=at.add(hours=1)).close(
            by=HOTLINE, at=at.add(hours=2)
        )
    assert ticket.returns == 2
    with pytest.raises(GuardRejected, match=r"went back 2 times already.*第27条第2款"):
        ticket.return_for_rehandling(by=HOTLINE, at=THURSDAY.add(days=9))
    rated = ticket.rate(
        rating=Rating.UNSATISFIED, resolved=False, by=HOTLINE, at=THURSDAY.add(days=9)
    )
    assert (rated.state, rated.rating, rated.is_resolved) == (T.RATED, Rating.UNSATISFIED, False)


def test_the_review_may_send_a_reply_back_before_closing() -> None:
    replied = dispatched().reply(content="已处理", by=CLERK, at=THURSDAY.add(days=1))
    back = replied.return_for_rehandling(by=HOTLINE, at=THURSDAY.add(days=1, hours=1))
    assert (back.state, back.returns) == (T.HANDLING, 1)


def test_a_ticket_answered_on_the_spot_and_sent_back_runs_the_policy_limit() -> None:
    replied = received().reply(content="已答复", by=HOTLINE, at=THURSDAY)
    back = replied.return_for_rehandling(by=HOTLINE, at=THURSDAY.add(hours=1))
    assert back.deadline is not None
    assert back.deadline.limit == JINAN_2018.reply
    beijing = received(policy=BEIJING_2021).reply(content="已答复", by=HOTLINE, at=THURSDAY)
    assert beijing.return_for_rehandling(by=HOTLINE, at=THURSDAY).deadline is None


# -- routed out and repeats ------------------------------------------------------------------


def test_an_emergency_is_routed_out_with_the_route_recorded() -> None:
    ticket = received().route_out(
        route=Route.EMERGENCY, reason="燃气泄漏，即时转119", by=HOTLINE, at=THURSDAY
    )
    assert (ticket.state, ticket.route, ticket.is_final) == (T.ROUTED_OUT, Route.EMERGENCY, True)
    assert ticket.history[-1].reason == "燃气泄漏，即时转119"


def test_a_matter_for_an_open_petition_is_routed_out_even_after_dispatch() -> None:
    ticket = dispatched().route_out(
        route=Route.PETITION, reason="已进入信访程序", by=CLERK, at=THURSDAY.add(hours=3)
    )
    assert ticket.route is Route.PETITION
    assert ticket.deadline is None


def test_a_ticket_is_not_routed_to_a_petition_only_route() -> None:
    with pytest.raises(ValidationError, match="a ticket is routed to one of"):
        received().route_out(route=Route.PARTY_APPEAL, reason="x", by=HOTLINE, at=THURSDAY)
    with pytest.raises(ValidationError, match="reason"):
        received().route_out(route=Route.LITIGATION, reason="", by=HOTLINE, at=THURSDAY)


def test_a_repeat_on_the_same_facts_is_explained_not_handled_again() -> None:
    original = closed()
    repeat = received(id="JN-2", at=THURSDAY.add(days=3))
    explained = repeat.link_repeat(original=original, by=HOTLINE, at=THURSDAY.add(days=3))
    assert (explained.state, explained.repeat_of) == (T.REPEAT, "JN-1")
    event = explained.history[-1]
    assert isinstance(event, RepeatExplained)
    assert str(event.basis) == "济南市12345市民服务热线条例(2018) 第25条"


def test_a_repeat_of_a_ticket_never_handled_is_refused() -> None:
    with pytest.raises(RepeatError, match="'received'"):
        received(id="JN-2").link_repeat(original=received(), by=HOTLINE, at=THURSDAY)
    with pytest.raises(RepeatError, match="'received'"):
        received().link_repeat(original=received(), by=HOTLINE, at=THURSDAY)
    bad: Any = "JN-1"
    with pytest.raises(ValidationError, match=r"link_repeat\.original: expected Ticket"):
        received(id="JN-2").link_repeat(original=bad, by=HOTLINE, at=THURSDAY)


def test_commands_out_of_order_or_out_of_time_are_refused() -> None:
    with pytest.raises(InvalidTransition, match="'received'"):
        received().close(by=HOTLINE, at=THURSDAY)
    with pytest.raises(ChronologyError):
        dispatched().start_handling(by=CLERK, at=THURSDAY)


# -- serde and random walks -----------------------------------------------------------------


@pytest.mark.parametrize(
    "ticket",
    [
        received(),
        closed().rate(rating=Rating.SATISFIED, resolved=True, by=HOTLINE, at=THURSDAY.add(days=2)),
        received(policy=BEIJING_2021).dispatch(
            to=BUREAU, by=HOTLINE, at=THURSDAY, time_limit=CITY_LIMIT
        ),
    ],
    ids=["received", "rated", "beijing"],
)
def test_a_ticket_survives_a_json_round_trip(ticket: Ticket) -> None:
    document = json.loads(json.dumps(to_dict(ticket), ensure_ascii=False))
    assert from_dict(document, Ticket) == ticket


def _at(data: st.DataObject, ticket: Ticket) -> pendulum.DateTime:
    minutes = data.draw(st.one_of(st.integers(-120, 600), st.integers(0, 10 * 1440)))
    return ticket.last_changed.add(minutes=minutes)


ORIGINAL = closed()  # JN-1; the walks receive JN-W
EXTRAS: list[CountedRule] = [WorkingDays(1), WorkingDays(3), CalendarDays(1)]

WALK: dict[str, Command[Ticket]] = {
    "dispatch": lambda t, d: t.dispatch(
        to=BUREAU, by=HOTLINE, at=_at(d, t), time_limit=d.draw(st.sampled_from([None, CITY_LIMIT]))
    ),
    "decline_dispatch": lambda t, d: t.decline_dispatch(reason="非本单位", by=CLERK, at=_at(d, t)),
    "start_handling": lambda t, d: t.start_handling(by=CLERK, at=_at(d, t)),
    "extend": lambda t, d: t.extend(
        extra=d.draw(st.sampled_from(EXTRAS)),
        approved_by=HEAD,
        reason="需协调",
        by=CLERK,
        at=_at(d, t),
    ),
    "supervise": lambda t, d: t.supervise(
        by=HOTLINE,
        at=_at(d, t),
        ground=d.draw(st.sampled_from(SupervisionGround), label="ground"),
        repeats=d.draw(st.sampled_from(((), ("T-9",))), label="repeats"),
        reason=d.draw(st.sampled_from((None, "领导交办")), label="reason"),
    ),
    "reply": lambda t, d: t.reply(content="已处理", by=CLERK, at=_at(d, t)),
    "close": lambda t, d: t.close(by=HOTLINE, at=_at(d, t)),
    "return_for_rehandling": lambda t, d: t.return_for_rehandling(by=HOTLINE, at=_at(d, t)),
    "rate": lambda t, d: t.rate(
        rating=d.draw(st.sampled_from(list(Rating))),
        resolved=d.draw(st.booleans()),
        by=HOTLINE,
        at=_at(d, t),
    ),
    "route_out": lambda t, d: t.route_out(
        route=d.draw(st.sampled_from(sorted(TICKET_ROUTES, key=lambda r: r.value))),
        reason="告知途径",
        by=HOTLINE,
        at=_at(d, t),
    ),
    "link_repeat": lambda t, d: t.link_repeat(original=ORIGINAL, by=HOTLINE, at=_at(d, t)),
}


def test_the_walk_covers_every_command_but_the_creating_one() -> None:
    assert set(WALK) == set(TICKET.commands) - {"receive"}


@given(st.data(), instants(), st.sampled_from([JINAN_2018, WEIFANG_2021]))
def test_random_walks_keep_replay_and_no_change_on_failure(
    data: st.DataObject, start: pendulum.DateTime, policy: TicketPolicy
) -> None:
    ticket = received(id="JN-W", at=start, policy=policy)
    end = random_walk(data, ticket, WALK, steps=30)
    assert replay(end.history) == end
    assert end.returns <= policy.max_returns


# -- the boundary: every argument checked before any rule -----------------------------------


def test_extend_refuses_an_extra_given_as_a_bare_number_and_changes_nothing() -> None:
    ticket = dispatched()
    before = ticket.history
    bad: Any = 30
    with pytest.raises(ValidationError, match=r"extend\.extra: expected CalendarDays") as info:
        ticket.extend(
            extra=bad, approved_by=HEAD, reason="需协调", by=CLERK, at=THURSDAY.add(hours=1)
        )
    assert info.value.paths == ("extend.extra",)
    assert ticket.history is before
    assert replay(ticket.history) == ticket == dispatched()


def test_receive_refuses_a_channel_given_as_its_string() -> None:
    bad: Any = "phone"
    with pytest.raises(ValidationError, match=r"pass Channel\('phone'\), not its value") as info:
        Ticket.receive(
            id="JN-9",
            kind=RequestKind.HELP,
            channel=bad,
            caller=CALLER,
            matter=WATER,
            by=HOTLINE,
            at=THURSDAY,
        )
    assert info.value.paths == ("receive.channel",)


def test_route_out_refuses_a_route_given_as_its_string() -> None:
    ticket = received()
    bad: Any = "emergency"
    with pytest.raises(ValidationError, match=r"pass Route\('emergency'\)") as info:
        ticket.route_out(route=bad, reason="火警", by=HOTLINE, at=THURSDAY.add(minutes=5))
    assert info.value.paths == ("route_out.route",)
    assert replay(ticket.history) == ticket == received()


def test_rate_refuses_a_resolved_flag_that_is_not_a_bool() -> None:
    ticket = closed()
    bad: Any = 1
    with pytest.raises(ValidationError) as info:
        ticket.rate(rating=Rating.SATISFIED, resolved=bad, by=CALLER, at=THURSDAY.add(days=2))
    assert info.value.paths == ("rate.resolved",)
    assert replay(ticket.history) == ticket == closed()


@pytest.mark.parametrize("returns", [0, 10])
def test_a_ticket_policy_allows_from_0_to_10_returns(returns: int) -> None:
    assert attrs.evolve(JINAN_2018, max_returns=returns).max_returns == returns


@pytest.mark.parametrize("returns", [-1, 11, True])
def test_a_ticket_policy_refuses_returns_out_of_range(returns: Any) -> None:
    with pytest.raises(ValidationError) as info:
        attrs.evolve(JINAN_2018, max_returns=returns)
    assert info.value.paths == ("max_returns",)


def test_a_ticket_policy_refuses_a_reply_limit_that_is_not_a_time_limit() -> None:
    bad: Any = WorkingDays(5)
    with pytest.raises(ValidationError, match="reply: expected TimeLimit"):
        attrs.evolve(JINAN_2018, reply=bad)
