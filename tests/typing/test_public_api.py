"""The public API as mypy sees it: each `assert_type` is checked by `mypy --strict`."""

from __future__ import annotations

from typing import Any, assert_type

import pendulum

import jiceng
from jiceng import Actor, Entity, Machine, Refusal, replay
from tests.kernel.ticket import TICKET, Ticket, TicketState

T0 = pendulum.datetime(2026, 1, 1, tz="Asia/Shanghai")


def test_commands_return_the_entity_type() -> None:
    clerk = Actor.person("p-1")
    ticket = Ticket.report(id="T", title="t", by=clerk, at=T0)
    assert_type(ticket, Ticket)
    assert_type(ticket.accept(by=clerk, at=T0), Ticket)
    assert_type(ticket.state, TicketState)
    assert_type(ticket.why_not("close"), Refusal | None)
    assert_type(ticket.allowed(), tuple[str, ...])
    assert_type(ticket.last_changed, pendulum.DateTime)


def test_replay_is_typed_by_the_entity_class_when_given() -> None:
    ticket = Ticket.report(id="T", title="t", by=Actor.system("sim"), at=T0)
    assert_type(replay(ticket.history, Ticket), Ticket)
    assert_type(replay(ticket.history), Entity[Any])


def test_machine_tables_are_generic_in_their_states() -> None:
    assert_type(TICKET, Machine[TicketState])
    assert_type(TICKET.initial, TicketState)
    assert_type(TICKET.allowed(TicketState.REPORTED), tuple[str, ...])


def test_public_names_are_sorted_and_exported() -> None:
    assert len(set(jiceng.__all__)) == len(jiceng.__all__)
    assert all(hasattr(jiceng, name) for name in jiceng.__all__)
    assert_type(jiceng.__version__, str)
