from __future__ import annotations

import copy
import datetime as dt
import pickle
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import ENTITY_TYPES, Actor, Entity, Event, Label, Machine, State, Transition, replay
from jiceng.exceptions import (
    ChronologyError,
    GuardRejected,
    InvalidTransition,
    JicengError,
    NotFoundError,
    ReplayError,
    ValidationError,
)
from jiceng.testing import Command, actors, instants, random_walk
from tests.kernel.ticket import (
    TICKET,
    Accepted,
    Closed,
    Noted,
    Reported,
    Resolved,
    Ticket,
    TicketState,
)

T0 = pendulum.datetime(2026, 3, 2, 9, tz="Asia/Shanghai")
CLERK = Actor.person("p-1", "王五")
WATER = Actor.department("d-water", "水务局")


def new_ticket() -> Ticket:
    return Ticket.report(id="T-1", title="井盖缺失", by=CLERK, at=T0)


def in_progress() -> Ticket:
    return (
        new_ticket()
        .accept(by=CLERK, at=T0.add(minutes=5))
        .assign(to=WATER, by=CLERK, at=T0.add(minutes=10))
        .start(by=WATER, at=T0.add(hours=1))
    )


def test_a_command_returns_a_new_entity_and_leaves_the_old_one_untouched() -> None:
    ticket = new_ticket()
    accepted = ticket.accept(by=CLERK, at=T0.add(minutes=5))
    assert ticket.state is TicketState.REPORTED
    assert len(ticket.history) == 1
    assert accepted.state is TicketState.ACCEPTED
    assert accepted.history[:1] == ticket.history
    assert isinstance(accepted.history[-1], Accepted)
    assert accepted.last_changed == T0.add(minutes=5)
    assert accepted.created == T0


def test_the_fold_applies_event_payloads() -> None:
    ticket = in_progress().note("已联系水务", by=CLERK, at=T0.add(hours=2))
    assert ticket.assignee == WATER
    assert ticket.notes == ("已联系水务",)
    assert ticket.state is TicketState.IN_PROGRESS


def test_history_replays_to_the_same_entity() -> None:
    ticket = (
        in_progress()
        .resolve(evidence=("photo-1",), by=WATER, at=T0.add(hours=3))
        .evaluate(satisfied=True, by=CLERK, at=T0.add(hours=4))
        .close(by=CLERK, at=T0.add(hours=4))
    )
    assert replay(ticket.history) == ticket
    assert replay(ticket.history, Ticket) == ticket
    assert ticket.is_final
    assert ticket.allowed() == ()


def test_a_command_the_state_does_not_allow_is_refused_with_the_allowed_ones() -> None:
    ticket = new_ticket()
    with pytest.raises(InvalidTransition) as info:
        ticket.close(by=CLERK, at=T0)
    err = info.value
    assert (err.entity, err.entity_id, err.command) == ("Ticket", "T-1", "close")
    assert err.state is TicketState.REPORTED
    assert err.allowed == ("accept", "reject", "note")
    assert str(err) == (
        "cannot 'close': Ticket T-1 is 'reported' (已上报), which allows only: accept, reject, note"
    )
    assert isinstance(err, ValueError)


def test_a_guard_refuses_with_its_reason_and_nothing_changes() -> None:
    ticket = in_progress()
    with pytest.raises(GuardRejected) as info:
        ticket.resolve(evidence=(), by=WATER, at=T0.add(hours=3))
    assert info.value.guard == "needs_evidence"
    assert info.value.reason == "resolving needs at least one evidence reference"
    assert "rule: needs_evidence" in str(info.value)
    assert ticket == in_progress()


def test_why_not_consults_the_guard_with_the_proposed_event() -> None:
    ticket = in_progress()
    assert ticket.why_not("resolve") is None
    good = Resolved(evidence=("photo",), by=WATER, at=T0.add(hours=3))
    assert ticket.why_not("resolve", good) is None
    refusal = ticket.why_not("resolve", Resolved(evidence=(), by=WATER, at=T0.add(hours=3)))
    assert refusal is not None
    assert refusal.kind == "guard"
    assert refusal.guard == "needs_evidence"
    state_refusal = ticket.why_not("close")
    assert state_refusal is not None
    assert state_refusal.kind == "state"


def test_a_command_dated_before_the_last_event_is_refused() -> None:
    ticket = in_progress()
    with pytest.raises(ChronologyError) as info:
        ticket.note("late entry", by=CLERK, at=T0.add(minutes=59))
    assert info.value.last == T0.add(hours=1)
    assert "cannot be dated before it" in str(info.value)


def test_a_command_at_the_same_instant_as_the_last_event_is_allowed() -> None:
    ticket = in_progress()
    assert ticket.note("same minute", by=CLERK, at=ticket.last_changed).notes == ("same minute",)


def test_an_event_from_another_machine_is_refused() -> None:
    with pytest.raises(NotFoundError):
        new_ticket()._record(_Stray(by=CLERK, at=T0))


def test_only_a_creating_event_can_start_an_entity() -> None:
    with pytest.raises(ValidationError, match="Accepted does not create a Ticket; use: report"):
        Ticket._start(Accepted(by=CLERK, at=T0))


def test_a_history_with_naive_or_non_pendulum_instants_is_refused() -> None:
    ticket = new_ticket()
    aware = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    bad = (
        Accepted(by=CLERK, at=pendulum.naive(2026, 1, 1)),
        Accepted(by=CLERK, at=dt.datetime(2026, 1, 1)),  # type: ignore[arg-type]
        Accepted(by=CLERK, at=aware),  # type: ignore[arg-type]
        Accepted(by="someone", at=T0),  # type: ignore[arg-type]
    )
    with pytest.raises(ValidationError) as info:
        replay((*ticket.history, *bad, "not an event"))  # type: ignore[arg-type]
    assert info.value.paths == (
        "history[1].at",
        "history[2].at",
        "history[3].at",
        "history[4].by",
        "history[5]",
    )
    messages = [e.message for e in info.value.errors]
    assert messages[0] == messages[1] == "must be timezone-aware; a naive datetime is ambiguous"
    assert messages[2].startswith("expected a pendulum.DateTime, got datetime")
    assert messages[3] == "expected Actor, got str 'someone'"
    assert messages[4] == "expected an Event, got str"


def test_a_command_refuses_a_naive_instant_before_recording_anything() -> None:
    ticket = new_ticket()
    with pytest.raises(ValidationError) as info:
        ticket.accept(by=CLERK, at=pendulum.naive(2026, 1, 1))
    assert info.value.paths == ("accept.at",)


def test_replay_refuses_an_empty_or_broken_history() -> None:
    with pytest.raises(ReplayError, match="an empty history"):
        replay(())
    with pytest.raises(ReplayError, match="Accepted does not create any entity"):
        replay((Accepted(by=CLERK, at=T0),))
    report = new_ticket().history[0]
    with pytest.raises(ReplayError, match=r"history\[1\] \(Closed at .*\) cannot follow"):
        replay((report, Closed(by=CLERK, at=T0)))
    with pytest.raises(ReplayError, match="describes a Ticket, not a Other"):
        replay((report,), Other)


def test_replay_does_not_consult_guards_again() -> None:
    ticket = in_progress()
    unguarded = (*ticket.history, Resolved(evidence=(), by=WATER, at=T0.add(hours=3)))
    assert replay(unguarded).state is TicketState.RESOLVED


def test_an_event_type_creates_only_one_entity_class() -> None:
    with pytest.raises(ValidationError, match="Reported already creates Ticket"):

        @attrs.frozen(kw_only=True)
        class Copy(Entity[TicketState], machine=TICKET):
            pass


def test_an_abstract_entity_without_a_machine_is_allowed() -> None:
    @attrs.frozen(kw_only=True)
    class Base(Entity[TicketState]):
        pass

    assert not hasattr(Base, "__machine__")


def test_rows_without_a_fold_change_only_the_state_and_the_history() -> None:
    entity = Other._start(_Born(by=CLERK, at=T0))
    assert entity.state is _Life.ALIVE
    assert entity.machine.name == "other"
    assert entity.machine.transition("born").fold is None


def test_the_version_counts_the_events_and_events_since_gives_what_a_command_added() -> None:
    ticket = new_ticket()
    assert ticket.version == 1
    loaded = in_progress()
    resolved = loaded.resolve(evidence=("photo",), by=WATER, at=T0.add(hours=5))
    assert resolved.version == loaded.version + 1
    assert resolved.events_since(loaded.version) == resolved.history[-1:]
    assert resolved.events_since(0) == resolved.history
    assert resolved.events_since(resolved.version) == ()


@pytest.mark.parametrize("version", [-1, 99, True, 1.0, "1", None])
def test_events_since_refuses_a_version_the_entity_never_had(version: Any) -> None:
    with pytest.raises(ValidationError) as raised:
        new_ticket().events_since(version)
    assert raised.value.paths == ("events_since.version",)


def test_the_registry_knows_each_entity_class_by_its_creating_events() -> None:
    assert ENTITY_TYPES.for_event(Reported) is Ticket
    assert ENTITY_TYPES.for_event(Accepted) is None
    assert Ticket in ENTITY_TYPES
    assert Other in ENTITY_TYPES
    assert object() not in ENTITY_TYPES
    assert list(ENTITY_TYPES).count(Ticket) == 1
    assert len(ENTITY_TYPES) == len(list(ENTITY_TYPES))


class _Life(State):
    ALIVE = "alive", "存续", "Alive"


@attrs.frozen(kw_only=True)
class _Born(Event):
    pass


@attrs.frozen(kw_only=True)
class _Stray(Event):
    pass


_OTHER: Machine[_Life] = Machine(
    name="other",
    label=Label("其他", "Other"),
    states=_Life,
    initial=_Life.ALIVE,
    final={_Life.ALIVE},
    transitions=[
        Transition(
            command="born", event=_Born, sources=(), target=_Life.ALIVE, label=Label("生", "Born")
        )
    ],
)


@attrs.frozen(kw_only=True)
class Other(Entity[_Life], machine=_OTHER):
    pass


# -- random walks: every transition keeps the kernel's promises ----------------------


def _at(data: st.DataObject, ticket: Ticket) -> pendulum.DateTime:
    # Mostly forward in time, sometimes backwards to exercise the chronology rule.
    minutes = data.draw(st.integers(-30, 600), label="minutes")
    return ticket.last_changed.add(minutes=minutes)


COMMANDS: dict[str, Command[Ticket]] = {
    "report": lambda t, d: Ticket._start(
        Reported(ticket_id="T-2", title="again", by=CLERK, at=_at(d, t))
    ),
    "accept": lambda t, d: t.accept(by=d.draw(actors()), at=_at(d, t)),
    "reject": lambda t, d: t.reject(by=CLERK, at=_at(d, t), reason="重复"),
    "assign": lambda t, d: t.assign(to=d.draw(actors()), by=CLERK, at=_at(d, t)),
    "start": lambda t, d: t.start(by=WATER, at=_at(d, t)),
    "resolve": lambda t, d: t.resolve(
        evidence=tuple(d.draw(st.lists(st.just("photo"), max_size=2))), by=WATER, at=_at(d, t)
    ),
    "evaluate": lambda t, d: t.evaluate(satisfied=d.draw(st.booleans()), by=CLERK, at=_at(d, t)),
    "close": lambda t, d: t.close(by=CLERK, at=_at(d, t)),
    "note": lambda t, d: t.note(d.draw(st.text(max_size=5)), by=CLERK, at=_at(d, t)),
}


def _without_report() -> dict[str, Command[Ticket]]:
    return {k: v for k, v in COMMANDS.items() if k != "report"}


@given(st.data(), instants())
def test_random_walks_keep_replay_and_no_change_on_failure(
    data: st.DataObject, start: pendulum.DateTime
) -> None:
    ticket = Ticket.report(id="T-9", title="walk", by=CLERK, at=start)
    end = random_walk(data, ticket, _without_report(), steps=30)
    assert replay(end.history) == end
    assert all(a.at <= b.at for a, b in zip(end.history, end.history[1:], strict=False))


@given(st.data())
def test_random_walk_flags_a_command_that_creates_instead_of_transitions(
    data: st.DataObject,
) -> None:
    ticket = new_ticket()
    with pytest.raises(AssertionError):
        random_walk(data, ticket, {"report": COMMANDS["report"]}, steps=50)


def test_random_walk_refuses_commands_not_in_the_table() -> None:
    @given(st.data())
    def walk(data: st.DataObject) -> None:
        random_walk(data, new_ticket(), {"fly": COMMANDS["note"]})

    with pytest.raises(ValueError, match="commands not in machine 'ticket': fly"):
        walk()


def test_random_walk_stops_at_a_final_state() -> None:
    @given(st.data())
    def walk(data: st.DataObject) -> None:
        closed = new_ticket().reject(by=CLERK, at=T0, reason="无效")
        assert random_walk(data, closed, _without_report()) is closed

    walk()


def test_random_walk_flags_a_command_that_breaks_its_promises() -> None:
    def sneaky(ticket: Ticket, data: st.DataObject) -> Ticket:
        object.__setattr__(ticket, "notes", ("tampered",))
        raise JicengError("refused")

    @given(st.data())
    def walk(data: st.DataObject) -> None:
        random_walk(data, new_ticket(), {"note": sneaky})

    with pytest.raises(AssertionError, match="a failed command changed the entity"):
        walk()


def test_entities_are_immutable() -> None:
    ticket = new_ticket()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ticket.state = TicketState.CLOSED  # type: ignore[misc]
    event: Any = ticket.history[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.at = T0
    assert isinstance(event, Noted | Reported)


# -- a dict class: wide aggregates copy their fields in one step ---------------------


class _Tally(State):
    OPEN = "open", "计数中", "Open"
    DONE = "done", "已完成", "Done"


@attrs.frozen(kw_only=True)
class _Opened(Event):
    name: str


@attrs.frozen(kw_only=True)
class _Counted(Event):
    n: int


@attrs.frozen(kw_only=True)
class _Finished(Event):
    pass


_TALLY: Machine[_Tally] = Machine(
    name="tally",
    label=Label("计数", "Tally"),
    states=_Tally,
    initial=_Tally.OPEN,
    final={_Tally.DONE},
    transitions=[
        Transition(command="open", event=_Opened, sources=(), target=_Tally.OPEN,
                   label=Label("开", "Open"), fold=lambda _, e: {"name": e.name}),
        Transition(command="count", event=_Counted, sources={_Tally.OPEN}, target=None,
                   label=Label("计", "Count"),
                   fold=lambda t, e: {"total": t.total + e.n, "counts": (*t.counts, e.n)}),
        Transition(command="finish", event=_Finished, sources={_Tally.OPEN},
                   target=_Tally.DONE, label=Label("完", "Finish")),
    ],
)  # fmt: skip


@attrs.frozen(kw_only=True)
class _FlaggedTicket(Ticket):
    """A subclass with a field of its own: it inherits the compiled `_record` of `Ticket`."""

    flagged: bool = True


def test_a_subclass_records_entities_of_its_own_class_with_its_own_fields() -> None:
    plain = new_ticket().accept(by=CLERK, at=T0.add(minutes=5))
    flagged = _FlaggedTicket.report(id="T-2", title="井盖缺失", by=CLERK, at=T0)
    assert isinstance(flagged, _FlaggedTicket)
    accepted = flagged.accept(by=CLERK, at=T0.add(minutes=5))
    assigned = accepted.assign(to=WATER, by=CLERK, at=T0.add(minutes=10))
    again = new_ticket().accept(by=CLERK, at=T0.add(minutes=5))
    assert (type(plain), type(again)) == (Ticket, Ticket)
    assert (type(accepted), type(assigned)) == (_FlaggedTicket, _FlaggedTicket)
    assert (assigned.flagged, assigned.assignee, assigned.id) == (True, WATER, "T-2")
    assert (assigned.state, len(assigned.history)) == (TicketState.ASSIGNED, 3)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        assigned.flagged = False  # type: ignore[misc]  # frozen


@attrs.frozen(kw_only=True, slots=False, getstate_setstate=True)
class Tally(Entity[_Tally], machine=_TALLY):
    name: str
    total: int = 0
    counts: tuple[int, ...] = ()


def test_a_dict_class_entity_copies_its_fields_and_applies_the_changes() -> None:
    opened = Tally._start(_Opened(name="巡查", by=CLERK, at=T0))
    counted = opened._record(_Counted(n=3, by=CLERK, at=T0.add(minutes=1)))
    done = counted._record(_Finished(by=CLERK, at=T0.add(minutes=2)))
    assert (opened.total, opened.counts, opened.state) == (0, (), _Tally.OPEN)
    assert (counted.name, counted.total, counted.counts) == ("巡查", 3, (3,))
    assert (done.name, done.total, done.state) == ("巡查", 3, _Tally.DONE)
    assert done.__dict__ is not counted.__dict__
    assert replay(done.history) == done
    assert pickle.loads(pickle.dumps(done)) == done
    assert copy.deepcopy(done) == done
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        done.total = 4  # type: ignore[misc]
