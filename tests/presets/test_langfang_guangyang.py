"""The 廊坊广阳 preset: 群众说事、干部解题, a closed loop rated by the residents (seed 003)."""

from __future__ import annotations

import pendulum
import pytest

from jiceng import Actor, ChinaCalendar, use_hooks
from jiceng.exceptions import GuardRejected
from jiceng.petitions import (
    TICKET,
    Body,
    Channel,
    Level,
    Matter,
    Rating,
    RequestKind,
    Ticket,
    TicketPolicy,
    TicketState,
)
from jiceng.plugins import Registry, discover
from jiceng.presets import langfang_guangyang as preset
from jiceng.presets.langfang_guangyang import CHANNELS, LOOP, PLUGIN, TICKETS

NAME = "langfang_guangyang"
PLATFORM = Actor.department("xyd-ssjt", "新源道街说事解题平台")
RESIDENT = Actor.person("r-zhang", "张大姐")
BUREAU = Body(id="gy-cgj", name="广阳区城市管理综合行政执法局", level=Level.COUNTY)
HOOKS = Registry().register(PLUGIN).hooks


def at(day: int, hour: int = 9) -> pendulum.DateTime:
    return pendulum.datetime(2019, 10, day, hour, tz="Asia/Shanghai")


def raised() -> Ticket:
    """A resident raises a matter on the 新源红驿站 WeChat account (2019-10-14, a Monday)."""
    return Ticket.receive(
        id="XYD-2019-1014-01",
        kind=RequestKind.HELP,
        channel=CHANNELS["新源红驿站"],
        caller=RESIDENT,
        matter=Matter(request="小区路灯不亮，夜间出行不便"),
        by=PLATFORM,
        at=at(14),
        policy=TICKETS,
        calendar=ChinaCalendar(),
    )


def answered(ticket: Ticket, day: int) -> Ticket:
    return ticket.reply(content="已更换路灯", by=PLATFORM, at=at(day, 10)).close(
        by=PLATFORM, at=at(day, 11)
    )


def test_the_loop_goes_from_acceptance_to_the_residents_rating() -> None:
    with use_hooks(HOOKS):
        ticket = raised().dispatch(to=BUREAU, by=PLATFORM, at=at(14, 10))
        # 交办: five working days, a default: due at the end of Monday 21 October
        assert ticket.deadline is not None
        assert ticket.deadline.due == at(21).end_of("day")
        # 督办: the bureau has not answered by the 22nd
        ticket = ticket.supervise(by=PLATFORM, at=at(22)).start_handling(by=PLATFORM, at=at(22))
        # 解决问题, 结果反馈
        ticket = answered(ticket, 22)
        # 群众评价: the resident is not satisfied, so the matter goes back
        with pytest.raises(GuardRejected, match="unsatisfied_goes_back"):
            ticket.rate(rating=Rating.UNSATISFIED, resolved=False, by=RESIDENT, at=at(23))
        ticket = ticket.return_for_rehandling(by=PLATFORM, at=at(23), reason="仍有一盏不亮")
        ticket = answered(ticket, 24).rate(
            rating=Rating.SATISFIED, resolved=True, by=RESIDENT, at=at(25)
        )
    assert ticket.state is TicketState.RATED
    assert (ticket.supervisions, ticket.returns, ticket.is_resolved) == (1, 1, True)
    assert ticket.on_time is True


def test_the_rating_is_the_residents_own() -> None:
    ticket = answered(raised().dispatch(to=BUREAU, by=PLATFORM, at=at(14, 10)), 15)
    with use_hooks(HOOKS), pytest.raises(GuardRejected) as refused:
        ticket.rate(rating=Rating.SATISFIED, resolved=True, by=PLATFORM, at=at(16))
    assert refused.value.plugin == NAME
    assert "群众评价" in str(refused.value)
    assert ticket.state is TicketState.CLOSED  # unchanged


def test_an_unsatisfied_rating_stands_once_two_returns_are_used() -> None:
    ticket = raised().dispatch(to=BUREAU, by=PLATFORM, at=at(14, 10))
    with use_hooks(HOOKS):
        for day in (15, 17):
            ticket = answered(ticket, day).return_for_rehandling(by=PLATFORM, at=at(day, 12))
        ticket = answered(ticket, 21).rate(
            rating=Rating.UNSATISFIED, resolved=False, by=RESIDENT, at=at(22)
        )
    assert (ticket.state, ticket.returns, ticket.rating) == (
        TicketState.RATED,
        preset.DEFAULT_MAX_RETURNS,
        Rating.UNSATISFIED,
    )


def test_the_five_steps_take_ticket_commands_in_order() -> None:
    assert [label.zh for label, _ in LOOP] == [
        "受理",
        "交办督办",
        "解决问题",
        "结果反馈",
        "群众评价",
    ]
    commands = [command for _, step in LOOP for command in step]
    assert set(commands) <= set(TICKET.commands)
    assert commands[0] == "receive"
    assert commands[-2:] == ["rate", "return_for_rehandling"]


def test_online_and_offline_channels_are_recorded() -> None:
    assert CHANNELS["新源红驿站"] is Channel.ONLINE
    assert {CHANNELS[place] for place in ("说事亭", "说事箱", "说事室")} == {
        Channel.VISIT,
        Channel.LETTER,
    }


def test_the_policy_names_its_article_and_its_defaults() -> None:
    assert TICKETS.name == "langfang_guangyang.tickets"
    assert "交办督办" in TICKETS.returns_source.text
    assert TICKETS.reply is preset.DEFAULT_REPLY
    assert "jiceng default" in str(preset.DEFAULT_REPLY.source)


def test_it_loads_through_its_entry_point() -> None:
    found = discover(allow=[NAME])
    assert (found.loaded, found.failures) == ((NAME,), ())
    assert found.registry.find(TicketPolicy, "langfang_guangyang.tickets") == TICKETS
    assert found.registry.owner(TicketPolicy, TICKETS.name) == NAME
    assert found.registry.hooks.guards == (preset.RESIDENT_RATES,)


def test_it_registers_with_every_other_preset_without_a_name_clash() -> None:
    found = discover()
    clashes = [f for f in found.failures if "already" in f.error or "twice" in f.error]
    assert clashes == []
    assert NAME in found.loaded
