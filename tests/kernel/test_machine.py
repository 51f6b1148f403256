from __future__ import annotations

from typing import Any

import attrs
import pytest

from jiceng import Event, Label, Machine, State, Transition
from jiceng.exceptions import MachineDefinitionError, NotFoundError, ValidationError
from tests.kernel.ticket import TICKET, Accepted, Noted, Reported, TicketState


class Door(State):
    OPEN = "open", "开", "Open"
    SHUT = "shut", "关", "Shut"
    GONE = "gone", "拆除", "Removed"


@attrs.frozen(kw_only=True)
class Built(Event):
    pass


@attrs.frozen(kw_only=True)
class Shut(Event):
    pass


@attrs.frozen(kw_only=True)
class Opened(Event):
    pass


@attrs.frozen(kw_only=True)
class Removed(Event):
    pass


def row(command: str, event: type[Event], sources: Any, target: Door | None) -> Transition[Door]:
    return Transition(
        command=command,
        event=event,
        sources=sources,
        target=target,
        label=Label(command, command.title()),
    )


GOOD_ROWS = [
    row("build", Built, (), Door.OPEN),
    row("shut", Shut, Door.OPEN, Door.SHUT),
    row("open", Opened, Door.SHUT, Door.OPEN),
    row("remove", Removed, (Door.OPEN, Door.SHUT), Door.GONE),
]


def door(rows: list[Transition[Door]], **kwargs: Any) -> Machine[Door]:
    options: dict[str, Any] = {
        "name": "door",
        "label": Label("门", "Door"),
        "states": Door,
        "initial": Door.OPEN,
        "final": {Door.GONE},
    }
    options.update(kwargs)
    return Machine(transitions=rows, **options)


def problems(rows: list[Transition[Door]], **kwargs: Any) -> str:
    with pytest.raises(MachineDefinitionError) as info:
        door(rows, **kwargs)
    assert info.value.machine == (kwargs.get("name", "door") or "?")
    return str(info.value)


def test_a_valid_table_is_accepted() -> None:
    machine = door(GOOD_ROWS)
    assert machine.commands == ("build", "shut", "open", "remove")
    assert machine.allowed(Door.OPEN) == ("shut", "remove")
    assert machine.is_final(Door.GONE)
    assert not machine.is_final(Door.SHUT)


def test_an_unreachable_state_is_refused() -> None:
    rows = [row("build", Built, (), Door.OPEN), row("remove", Removed, Door.OPEN, Door.GONE)]
    assert "state 'shut' cannot be reached" in problems(rows)


def test_a_non_final_state_without_a_way_out_is_refused() -> None:
    rows = [row("build", Built, (), Door.OPEN), row("shut", Shut, Door.OPEN, Door.SHUT)]
    message = problems(rows, final=set())
    assert "state 'shut' is not final but has no way out" in message
    assert "state 'gone' cannot be reached" in message


def test_a_self_loop_is_not_a_way_out() -> None:
    rows = [
        *GOOD_ROWS[:2],
        row("open", Opened, Door.SHUT, None),
        row("remove", Removed, Door.OPEN, Door.GONE),
    ]
    assert "'shut' is not final but has no way out" in problems(rows)


def test_a_final_state_with_a_way_out_is_refused() -> None:
    rows = [*GOOD_ROWS, row("rebuild", Opened, Door.GONE, Door.OPEN)]
    assert "event Opened already has a transition" in problems(rows)
    rows = [*GOOD_ROWS[:2], row("open", Opened, (Door.SHUT, Door.GONE), Door.OPEN), GOOD_ROWS[3]]
    assert "final state 'gone' has a way out" in problems(rows)


def test_duplicate_commands_and_events_are_refused() -> None:
    message = problems([*GOOD_ROWS, row("shut", Shut, Door.SHUT, Door.OPEN)])
    assert "transition 'shut': the command is declared twice" in message
    assert "event Shut already has a transition" in message


def test_a_command_name_must_be_an_identifier() -> None:
    assert "must be an identifier" in problems(
        [*GOOD_ROWS[:3], row("re move", Removed, Door.SHUT, Door.GONE)]
    )


def test_an_event_that_is_not_an_event_class_is_refused() -> None:
    bad = row("remove", Removed, Door.SHUT, Door.GONE)
    bad = attrs.evolve(bad, event=int)  # type: ignore[arg-type]
    assert "must be a subclass of jiceng.Event" in problems([*GOOD_ROWS[:3], bad])


def test_states_from_another_enum_are_refused() -> None:
    message = problems(
        [*GOOD_ROWS, row("x", Noted, TicketState.REPORTED, TicketState.CLOSED)],  # type: ignore[arg-type]
    )
    assert "source <TicketState.REPORTED" in message
    assert "target <TicketState.CLOSED" in message
    assert "initial state" in problems(GOOD_ROWS, initial=TicketState.REPORTED)
    assert "final state <TicketState.CLOSED" in problems(GOOD_ROWS, final={TicketState.CLOSED})


def test_states_must_be_a_state_enum() -> None:
    assert "states must be a subclass of jiceng.State" in problems(GOOD_ROWS, states=int, name="")


def test_a_machine_needs_a_name() -> None:
    assert "needs a name" in problems(GOOD_ROWS, name="")


def test_a_guard_must_be_callable() -> None:
    bad = attrs.evolve(GOOD_ROWS[1], guard="not callable")  # type: ignore[arg-type]
    assert "is not callable" in problems([GOOD_ROWS[0], bad, *GOOD_ROWS[2:]])


def test_a_fold_must_be_callable() -> None:
    bad = attrs.evolve(GOOD_ROWS[1], fold=42)  # type: ignore[arg-type]
    assert "its fold 42 is not callable" in problems([GOOD_ROWS[0], bad, *GOOD_ROWS[2:]])


def test_a_creating_command_must_lead_to_the_initial_state_and_takes_no_guard() -> None:
    bad = attrs.evolve(GOOD_ROWS[0], target=Door.SHUT, guard=lambda e, v: None)
    message = problems([bad, *GOOD_ROWS[1:]])
    assert "a creating command must lead to the initial state" in message
    assert "a creating command takes no guard" in message


def test_a_table_without_a_creating_command_is_refused() -> None:
    assert "no transition creates the entity" in problems(GOOD_ROWS[1:])


def test_enum_aliases_are_refused() -> None:
    class Twin(State):
        A = "a", "甲", "A"
        B = "a", "乙", "B"

    message = problems([], states=Twin, initial=Twin.A, final={Twin.A})
    assert "aliases: B" in message


def test_a_state_without_labels_is_refused_when_the_enum_is_defined() -> None:
    with pytest.raises(ValidationError, match="member 'a' needs a zh-Hans and an English label"):

        class Bare(State):
            A = "a"


def test_every_problem_is_listed_at_once() -> None:
    with pytest.raises(MachineDefinitionError) as info:
        door(GOOD_ROWS[1:], name="")
    assert len(info.value.problems) == 2


def test_allowed_commands_per_state() -> None:
    assert TICKET.allowed(TicketState.REPORTED) == ("accept", "reject", "note")
    assert TICKET.allowed(TicketState.CLOSED) == ()


def test_why_not_names_the_state_or_the_unknown_command() -> None:
    refusal = TICKET.why_not(TicketState.CLOSED, "accept")
    assert refusal is not None
    assert refusal.kind == "state"
    assert refusal.reason == "not allowed from 'closed' (已结案)"
    unknown = TICKET.why_not(TicketState.REPORTED, "fly")
    assert unknown is not None
    assert unknown.kind == "unknown"
    assert TICKET.why_not(TicketState.REPORTED, "accept") is None


def test_look_up_rows_by_command_and_event() -> None:
    assert TICKET.transition("accept").event is Accepted
    assert TICKET.for_event(Reported).command == "report"
    with pytest.raises(NotFoundError, match="has no command 'fly'; it has: report, accept"):
        TICKET.transition("fly")
    with pytest.raises(NotFoundError, match="records no Built events"):
        TICKET.for_event(Built)
    assert TICKET.transition("resolve").guard_name == "needs_evidence"


def test_mermaid_diagram_in_each_language() -> None:
    diagram = door(GOOD_ROWS).mermaid("zh")
    assert diagram.splitlines() == [
        "stateDiagram-v2",
        '    state "开" as open',
        '    state "关" as shut',
        '    state "拆除" as gone',
        "    [*] --> open",
        "    open --> shut: shut",
        "    shut --> open: open",
        "    open --> gone: remove",
        "    shut --> gone: remove",
        "    gone --> [*]",
    ]
    assert '    state "Open" as open' in door(GOOD_ROWS).mermaid("en")
    assert "reported --> reported: 备注 Note" in TICKET.mermaid()


def test_state_labels_and_lookup_by_value() -> None:
    assert TicketState("closed") is TicketState.CLOSED
    assert TicketState.CLOSED.label == Label("已结案", "Closed")
    assert str(TicketState.CLOSED.label) == "已结案 (Closed)"
    assert repr(TicketState.CLOSED) == "<TicketState.CLOSED: 'closed' 已结案>"


def test_remedy_required_names_commands_of_the_table() -> None:
    assert door(GOOD_ROWS, remedy_required={"shut"}).remedy_required == frozenset({"shut"})
    assert "remedy_required names 'close', which is not a command" in problems(
        GOOD_ROWS, remedy_required={"close", "shut"}
    )
