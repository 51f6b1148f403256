from __future__ import annotations

import enum
import importlib
import json
import sys
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import Actor, ActorKind, Entity, Event, Label, Machine, Source, State, Transition
from jiceng._kernel._calendars import ChinaCalendar, WeekendCalendar
from jiceng._kernel._time import (
    CalendarDays,
    Deadline,
    EndOfDay,
    ExtensionLimit,
    Hours,
    Months,
    TimeLimit,
    WorkingDays,
)
from jiceng.exceptions import MissingExtraError, ValidationError
from jiceng.serde import (
    SCHEMA_VERSION,
    converter,
    from_dict,
    register_calendar,
    register_tagged_union,
    to_dict,
)
from jiceng.testing import Command, actors, instants, random_walk
from tests.kernel.ticket import (
    Accepted,
    Assigned,
    Closed,
    Reported,
    Resolved,
    Ticket,
    TicketState,
)

T0 = pendulum.datetime(2026, 1, 5, 9, tz="Asia/Shanghai")
CLERK = Actor.person("p-001", "张三")
WATER = Actor.department("d-water", "水务局")


def through_json(data: Any) -> Any:
    """What a store gives back: only JSON types survive."""
    return json.loads(json.dumps(data, ensure_ascii=False))


def round_trip(value: Any, cls: type[Any] | None = None) -> Any:
    return from_dict(through_json(to_dict(value)), cls or type(value))


def ledger(**fields: Any) -> dict[str, Any]:
    """A whole `Ledger` document (a document names every field), with `fields` changed."""
    return {**to_dict(Ledger(amount=Decimal(1), rate=Fraction(1, 2))), **fields}


def errors_of(data: Any, cls: type[Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        from_dict(data, cls)
    return {e.path: e.message for e in info.value.errors}


# -- values --------------------------------------------------------------------------


@given(actors())
def test_actor_round_trips(actor: Actor) -> None:
    assert round_trip(actor) == actor


def test_actor_is_a_plain_object() -> None:
    assert to_dict(CLERK) == {"kind": "person", "id": "p-001", "name": "张三"}


class Colour(enum.StrEnum):
    RED = "red"
    BLUE = "blue"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


@attrs.frozen(kw_only=True)
class Ledger:
    """A value with every kind of field a domain uses."""

    amount: Decimal
    rate: Fraction
    tags: frozenset[str] = frozenset()
    members: frozenset[Actor] = frozenset()
    seen: set[int] = attrs.field(factory=set, hash=False)
    counts: dict[str, int] = attrs.field(factory=dict, hash=False)
    scores: list[float] = attrs.field(factory=list, hash=False)
    weights: tuple[int, ...] = ()
    day: pendulum.Date | None = None
    colour: Colour = Colour.RED
    level: Level = Level.LOW
    state: TicketState = TicketState.REPORTED


ledgers = st.builds(
    Ledger,
    amount=st.decimals(allow_nan=False, allow_infinity=False),
    rate=st.fractions(),
    tags=st.frozensets(st.text(max_size=4)),
    members=st.frozensets(actors(), max_size=3),
    seen=st.sets(st.integers()),
    counts=st.dictionaries(st.text(max_size=3), st.integers()),
    scores=st.lists(st.floats(allow_nan=False, allow_infinity=False)),
    weights=st.lists(st.integers()).map(tuple),
    day=st.none() | st.dates().map(lambda d: pendulum.Date(d.year, d.month, d.day)),
    colour=st.sampled_from(Colour),
    level=st.sampled_from(Level),
    state=st.sampled_from(TicketState),
)


@given(ledgers)
def test_values_of_every_kind_round_trip(ledger: Ledger) -> None:
    back = round_trip(ledger)
    assert back == ledger
    assert str(back.amount) == str(ledger.amount)  # digits and exponent are kept


def test_values_are_written_in_their_json_forms() -> None:
    ledger = Ledger(
        amount=Decimal("12.50"),
        rate=Fraction(4, 6),
        tags=frozenset({"b", "a", "c"}),
        members=frozenset({WATER, CLERK}),
        seen={3, 1},
        weights=(3, 1),
        day=pendulum.Date(2026, 2, 29 - 1),
        colour=Colour.BLUE,
        level=Level.HIGH,
        state=TicketState.IN_PROGRESS,
    )
    data = to_dict(ledger)
    assert data["amount"] == "12.50"
    assert data["rate"] == "2/3"
    assert data["tags"] == ["a", "b", "c"]
    assert data["members"] == sorted([to_dict(WATER), to_dict(CLERK)], key=repr)
    assert data["seen"] == [1, 3]
    assert data["weights"] == [3, 1]
    assert (data["day"], data["colour"], data["level"]) == ("2026-02-28", "blue", 2)
    assert data["state"] == "in_progress"
    assert converter.unstructure(Fraction(5)) == "5/1"


def test_decimals_and_fractions_accept_whole_numbers() -> None:
    back = from_dict(ledger(amount=12, rate=-3), Ledger)
    assert (back.amount, back.rate) == (Decimal(12), Fraction(-3))
    assert from_dict(ledger(amount="1E+2", rate="-6/4"), Ledger).rate == Fraction(-3, 2)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", 0.1, "a float such as 0.1 is inexact; write the decimal as a string"),
        ("amount", "abc", "expected a decimal number as a string such as '12.50', got 'abc'"),
        ("amount", "NaN", "expected a decimal number as a string such as '12.50', got 'NaN'"),
        ("amount", True, "expected a decimal number as a string such as '12.50', got True"),
        ("rate", "1/0", "'1/0' has a zero denominator"),
        ("rate", "1.5", "expected a fraction as a string such as '2/3', got '1.5'"),
        ("rate", 0.5, "expected a fraction as a string such as '2/3', got 0.5"),
        ("rate", False, "expected a fraction as a string such as '2/3', got False"),
        ("tags", "abc", "expected a list, got a string"),
        ("weights", {"a": 1}, "expected a list, got an object"),
        ("seen", None, "expected a list, got null"),
        ("counts", [], "expected a mapping"),
        ("scores", [1, "x"], "expected a number, got a string"),
        ("day", "2026-02-30", "expected an ISO 8601 date such as '2026-01-05', got '2026-02-30'"),
        ("day", 20260105, "expected an ISO 8601 date such as '2026-01-05', got 20260105"),
        ("colour", "green", "'green' is not one of: 'red', 'blue'"),
        ("colour", 1, "expected a string, got the number 1"),
        ("level", 3, "3 is not one of: 1, 2"),
        ("level", True, "expected a whole number, got a boolean"),
        ("state", "done", "'done' is not one of: 'reported', 'accepted', 'assigned', "),
        ("state", [], "[] is not one of: "),
    ],
)
def test_a_bad_value_is_refused_with_its_path(field: str, value: Any, message: str) -> None:
    data = ledger(**{field: value})
    found = errors_of(data, Ledger)
    path = "scores[1]" if field == "scores" else field
    assert list(found) == [path]
    assert found[path].startswith(message)


def test_a_mapping_value_is_named_by_its_key() -> None:
    found = errors_of(ledger(rate="1", counts={"a": 1, "b": "2"}), Ledger)
    assert found == {"counts['b']": "expected a whole number, got a string"}


def test_json_kinds_are_named_in_messages() -> None:
    found = errors_of({"kind": "person", "id": 3.5, "name": ("x",)}, Actor)
    assert found == {
        "id": "expected a string, got the number 3.5",
        "name": "expected a string, got tuple",
    }


def test_an_actor_that_breaks_its_own_rules_is_refused() -> None:
    assert errors_of({"kind": "role", "id": "  ", "name": ""}, Actor) == {"id": "must not be empty"}


def test_missing_and_unknown_fields_are_named() -> None:
    found = errors_of({"id": "x", "nickname": "小张", "age": 3}, Actor)
    assert found == {
        "kind": "required field missing",
        "name": "required field missing",
        "nickname": "unknown field",
        "age": "unknown field",
    }


def test_a_document_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"^invalid Actor document: expected an object"):
        from_dict(["person", "p-1"], Actor)  # type: ignore[arg-type]


def test_to_dict_writes_attrs_classes_only() -> None:
    with pytest.raises(TypeError, match="to_dict writes attrs classes, not Decimal"):
        to_dict(Decimal(1))  # type: ignore[arg-type]


# -- date-times ----------------------------------------------------------------------

ZONES = ["UTC", "Asia/Shanghai", "America/New_York", "Europe/London", "Asia/Kathmandu"]


def assert_same_datetime(back: pendulum.DateTime, original: pendulum.DateTime) -> None:
    assert back == original
    assert back.timezone_name == original.timezone_name
    assert back.isoformat() == original.isoformat()  # same wall time, same offset


@given(
    st.integers(0, 4_000_000_000),
    st.integers(0, 999_999),
    st.sampled_from(ZONES) | st.integers(-12 * 60, 14 * 60).map(lambda m: m * 60),
)
def test_datetimes_round_trip_with_their_zone(seconds: int, micro: int, zone: str | int) -> None:
    tz = pendulum.timezone(zone)
    original = pendulum.from_timestamp(seconds).in_timezone(tz).add(microseconds=micro)
    assert_same_datetime(
        converter.structure(converter.unstructure(original), pendulum.DateTime), original
    )


@pytest.mark.parametrize(
    ("original", "text"),
    [
        (T0, "2026-01-05T09:00:00+08:00[Asia/Shanghai]"),
        (T0.in_timezone("UTC"), "2026-01-05T01:00:00+00:00[UTC]"),
        (T0.in_timezone(pendulum.timezone(8 * 3600)), "2026-01-05T09:00:00+08:00"),
        (T0.add(microseconds=5), "2026-01-05T09:00:00.000005+08:00[Asia/Shanghai]"),
        # 01:30 happens twice in New York on 2025-11-02; the offset says which one
        (
            pendulum.datetime(2025, 11, 2, 5, 30, tz="UTC").in_timezone("America/New_York"),
            "2025-11-02T01:30:00-04:00[America/New_York]",
        ),
        (
            pendulum.datetime(2025, 11, 2, 6, 30, tz="UTC").in_timezone("America/New_York"),
            "2025-11-02T01:30:00-05:00[America/New_York]",
        ),
    ],
)
def test_datetimes_are_written_as_iso_8601_with_the_zone(
    original: pendulum.DateTime, text: str
) -> None:
    assert converter.unstructure(original) == text
    assert_same_datetime(from_dict({"at": text, "by": to_dict(CLERK)}, _Plain).at, original)


@attrs.frozen(kw_only=True)
class _Plain:
    at: pendulum.DateTime
    by: Actor


def test_a_z_suffix_is_read_as_a_fixed_utc_offset() -> None:
    back = from_dict({"at": "2026-01-05T01:00:00Z", "by": to_dict(CLERK)}, _Plain).at
    assert back == T0
    assert back.utcoffset() == pendulum.duration()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "2026-01-05T09:00:00",
            "'2026-01-05T09:00:00' has no UTC offset; a naive datetime is ambiguous",
        ),
        ("2026-01-05", "'2026-01-05' has no UTC offset"),
        ("yesterday", "'yesterday' is not an ISO 8601 date-time such as"),
        ("2026-01-05T09:00:00+08:00[Asia/Shanghai][x]", "'2026-01-05T09:00:00+08:00[Asia/Shang"),
        ("2026-01-05T09:00:00+08:00[Mars/Olympus]", "'Mars/Olympus' is not an IANA time zone"),
        (
            "2026-01-05T09:00:00+09:00[Asia/Shanghai]",
            "'2026-01-05T09:00:00+09:00[Asia/Shanghai]': the offset does not match Asia/Shanghai "
            "at that instant (2026-01-05T08:00:00+08:00)",
        ),
        (1767574800, "expected an ISO 8601 date-time string, got the number 1767574800"),
    ],
)
def test_a_bad_datetime_is_refused(text: Any, message: str) -> None:
    found = errors_of({"at": text, "by": to_dict(CLERK)}, _Plain)
    assert found["at"].startswith(message)


def test_a_naive_datetime_cannot_be_written() -> None:
    with pytest.raises(ValidationError, match="cannot write the naive datetime"):
        converter.unstructure(pendulum.naive(2026, 1, 5, 9))


# -- events --------------------------------------------------------------------------

EVENTS = [
    Reported(ticket_id="T-1", title="路灯不亮", by=CLERK, at=T0),
    Accepted(by=CLERK, at=T0, reason="属实"),
    Assigned(assignee=WATER, by=CLERK, at=T0.in_timezone("UTC")),
    Resolved(evidence=("photo-1", "photo-2"), by=WATER, at=T0),
    Closed(by=CLERK, at=T0),
]


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: type(e).__name__)
def test_events_round_trip_tagged_with_their_machine(event: Event) -> None:
    data = to_dict(event)
    assert data["type"] == f"ticket.{type(event).__name__}"
    assert next(iter(data)) == "type"
    back = from_dict(through_json(data), Event)
    assert type(back) is type(event)
    assert back == event
    assert from_dict(through_json(data), type(event)) == event


def test_an_event_is_a_flat_object() -> None:
    assert to_dict(EVENTS[0]) == {
        "type": "ticket.Reported",
        "at": "2026-01-05T09:00:00+08:00[Asia/Shanghai]",
        "by": {"kind": "person", "id": "p-001", "name": "张三"},
        "reason": None,
        "ticket_id": "T-1",
        "title": "路灯不亮",
    }


def test_an_unknown_event_type_is_refused() -> None:
    data = to_dict(EVENTS[1]) | {"type": "ticket.Teleported"}
    found = errors_of(data, Event)
    assert found["type"].startswith("unknown event type 'ticket.Teleported'; expected one of:")
    assert "ticket.Accepted" in found["type"]


def test_an_event_of_another_class_than_asked_is_refused() -> None:
    found = errors_of(to_dict(EVENTS[1]), Reported)
    assert found == {
        "type": "unknown event type 'ticket.Accepted'; expected one of: ticket.Reported"
    }


@pytest.mark.parametrize(
    ("data", "found"),
    [
        ({"at": "2026-01-05T09:00:00+08:00"}, {"type": "required field missing"}),
        ({"type": 7}, {"type": "expected an event type, got the number 7"}),
        ("ticket.Accepted", {"": "expected an object, got a string"}),
    ],
)
def test_an_event_without_a_usable_tag_is_refused(data: Any, found: dict[str, str]) -> None:
    assert errors_of(data, Event) == found


def test_every_bad_field_of_an_event_is_named() -> None:
    data = to_dict(EVENTS[2]) | {"at": "noon", "by": {"kind": "alien", "id": 5}, "colour": 1}
    data["assignee"] = {"kind": "department"}
    assert set(errors_of(data, Event)) == {
        "at",
        "by.kind",
        "by.id",
        "by.name",
        "assignee.id",
        "assignee.name",
        "colour",
    }


# -- a few workflows of our own, to tag events across machines ------------------------


class Phase(State):
    OPEN = "open", "开", "Open"
    DONE = "done", "完", "Done"


@attrs.frozen(kw_only=True)
class Shared(Event):
    """An event two machines record: its tag depends on the entity it is in."""


@attrs.frozen(kw_only=True)
class Unrecorded(Event):
    pass


@attrs.frozen(kw_only=True)
class Only(Event):
    """An event only one machine records."""


@attrs.frozen(kw_only=True)
class Typed(Event):
    type: str


def _workflow(
    name: str, *extra: type[Event], clash: bool = False
) -> tuple[type[Event], type[Entity[Phase]]]:
    """A two-state workflow named `name`, created by a new event class named `Opened`.

    With `clash`, the entity has a field named like the envelope's schema version.
    """

    @attrs.frozen(kw_only=True)
    class Opened(Event):
        pass

    @attrs.frozen(kw_only=True)
    class Done(Event):
        pass

    machine = Machine(
        name=name,
        label=Label("流程", "Flow"),
        states=Phase,
        initial=Phase.OPEN,
        final={Phase.DONE},
        transitions=[
            Transition(
                command="open",
                event=Opened,
                sources=(),
                target=Phase.OPEN,
                label=Label("开", "Open"),
            ),
            Transition(
                command="finish",
                event=Done,
                sources={Phase.OPEN},
                target=Phase.DONE,
                label=Label("完", "Finish"),
            ),
            *(
                Transition(
                    command=f"record_{e.__name__.lower()}",
                    event=e,
                    sources={Phase.OPEN},
                    target=None,
                    label=Label("记", "Record"),
                )
                for e in extra
            ),
        ],
    )

    if clash:

        @attrs.frozen(kw_only=True)
        class Clash(Entity[Phase], machine=machine):
            schema: int = 1

        return Opened, Clash

    @attrs.frozen(kw_only=True)
    class Flow(Entity[Phase], machine=machine):
        pass

    return Opened, Flow


OpenedOne, FlowOne = _workflow("serde-one", Shared, Only)
OpenedTwo, FlowTwo = _workflow("serde-two", Shared)
OpenedDupA, FlowDupA = _workflow("serde-dup")
OpenedDupB, FlowDupB = _workflow("serde-dup")
OpenedTyped, FlowTyped = _workflow("serde-typed", Typed)
OpenedClash, FlowClash = _workflow("serde-clash", clash=True)


def _flow(cls: type[Entity[Phase]], opened: type[Event], *more: Event) -> Entity[Phase]:
    flow = cls._start(opened(by=CLERK, at=T0))
    for event in more:
        flow = flow._record(event)
    return flow


def test_an_event_two_machines_record_is_tagged_by_the_entity_it_is_in() -> None:
    shared = Shared(by=CLERK, at=T0)
    one = _flow(FlowOne, OpenedOne, shared)
    two = _flow(FlowTwo, OpenedTwo, shared)
    assert to_dict(one)["history"][1]["type"] == "serde-one.Shared"
    assert to_dict(two)["history"][1]["type"] == "serde-two.Shared"
    assert round_trip(one) == one
    assert round_trip(two) == two
    assert from_dict(to_dict(one)["history"][1], Event) == shared
    with pytest.raises(
        ValidationError, match=r"machines tag it as serde-one\.Shared, serde-two\.Shared"
    ):
        to_dict(shared)


def test_an_event_no_machine_records_cannot_be_written() -> None:
    with pytest.raises(ValidationError, match="cannot tag Unrecorded events: no machine table"):
        to_dict(Unrecorded(by=CLERK, at=T0))


def test_a_tag_two_machines_share_is_ambiguous_alone_but_not_in_an_entity() -> None:
    a, b = _flow(FlowDupA, OpenedDupA), _flow(FlowDupB, OpenedDupB)
    assert round_trip(a) == a
    assert round_trip(b) == b
    found = errors_of(to_dict(a)["history"][0], Event)
    assert found["type"].startswith("'serde-dup.Opened' is ambiguous: it names ")
    assert from_dict(to_dict(a)["history"][0], OpenedDupA) == a.history[0]
    assert errors_of(to_dict(a), Entity) == {"type": "'serde-dup' is ambiguous"}


def test_fields_named_like_the_envelope_are_refused() -> None:
    with pytest.raises(ValidationError, match="type: the field name is reserved"):
        to_dict(Typed(type="x", by=CLERK, at=T0))
    with pytest.raises(ValidationError, match="schema: the field name is reserved"):
        to_dict(_flow(FlowClash, OpenedClash))


# -- entities ------------------------------------------------------------------------


def ticket_in(state: TicketState) -> Ticket:
    """A ticket brought to `state` along the usual path, an hour a step."""
    path: list[tuple[TicketState, Any]] = [
        (TicketState.ACCEPTED, lambda t, at: t.accept(by=CLERK, at=at)),
        (TicketState.ASSIGNED, lambda t, at: t.assign(to=WATER, by=CLERK, at=at)),
        (TicketState.ASSIGNED, lambda t, at: t.note("已电话联系", by=WATER, at=at)),
        (TicketState.IN_PROGRESS, lambda t, at: t.start(by=WATER, at=at)),
        (TicketState.RESOLVED, lambda t, at: t.resolve(evidence=("photo",), by=WATER, at=at)),
        (TicketState.EVALUATED, lambda t, at: t.evaluate(satisfied=True, by=CLERK, at=at)),
        (TicketState.CLOSED, lambda t, at: t.close(by=CLERK, at=at)),
    ]
    ticket = Ticket.report(id="T-1", title="路灯不亮", by=CLERK, at=T0)
    if state is TicketState.REJECTED:
        return ticket.reject(by=CLERK, at=T0.add(hours=1), reason="重复")
    order = list(TicketState)
    for hours, (reached, step) in enumerate(path, start=1):
        if order.index(reached) > order.index(state):
            break
        ticket = step(ticket, T0.add(hours=hours))
    return ticket


@pytest.mark.parametrize("state", list(TicketState), ids=lambda s: s.value)
def test_a_ticket_round_trips_in_every_state(state: TicketState) -> None:
    ticket = ticket_in(state)
    assert ticket.state is state
    back = round_trip(ticket)
    assert back == ticket
    assert [e.at.timezone_name for e in back.history] == ["Asia/Shanghai"] * len(ticket.history)


def _at(data: st.DataObject, ticket: Ticket) -> pendulum.DateTime:
    minutes = data.draw(st.integers(0, 600), label="minutes")
    zone = data.draw(st.sampled_from(ZONES), label="zone")
    return ticket.last_changed.add(minutes=minutes).in_timezone(zone)


COMMANDS: dict[str, Command[Ticket]] = {
    "accept": lambda t, d: t.accept(by=d.draw(actors()), at=_at(d, t)),
    "reject": lambda t, d: t.reject(by=CLERK, at=_at(d, t), reason=d.draw(st.text(max_size=5))),
    "assign": lambda t, d: t.assign(to=d.draw(actors()), by=CLERK, at=_at(d, t)),
    "start": lambda t, d: t.start(by=WATER, at=_at(d, t)),
    "resolve": lambda t, d: t.resolve(
        evidence=tuple(d.draw(st.lists(st.text(max_size=3), max_size=2))), by=WATER, at=_at(d, t)
    ),
    "evaluate": lambda t, d: t.evaluate(satisfied=d.draw(st.booleans()), by=CLERK, at=_at(d, t)),
    "close": lambda t, d: t.close(by=CLERK, at=_at(d, t)),
    "note": lambda t, d: t.note(d.draw(st.text(max_size=5)), by=CLERK, at=_at(d, t)),
}


@given(st.data(), instants(), st.text(min_size=1, max_size=8).filter(lambda s: not s.isspace()))
def test_a_ticket_after_a_random_walk_round_trips(
    data: st.DataObject, at: pendulum.DateTime, title: str
) -> None:
    ticket = Ticket.report(id="T-9", title=title, by=CLERK, at=at)
    ticket = random_walk(data, ticket, COMMANDS, steps=12)
    back = round_trip(ticket)
    assert back == ticket
    assert [e.at.isoformat() for e in back.history] == [e.at.isoformat() for e in ticket.history]
    assert [e.at.timezone_name for e in back.history] == [
        e.at.timezone_name for e in ticket.history
    ]
    assert from_dict(to_dict(ticket), Entity) == ticket


def test_an_entity_document_has_an_envelope_and_its_history_last() -> None:
    data = to_dict(ticket_in(TicketState.ACCEPTED))
    assert list(data) == [
        "schema",
        "type",
        "state",
        "id",
        "title",
        "assignee",
        "notes",
        "satisfied",
        "history",
    ]
    assert (data["schema"], data["type"], data["state"]) == (SCHEMA_VERSION, "ticket", "accepted")
    assert [e["type"] for e in data["history"]] == ["ticket.Reported", "ticket.Accepted"]


@pytest.mark.parametrize(
    ("schema", "found"),
    [
        (2, "unknown schema version 2; this version of jiceng reads 1"),
        ("1", "unknown schema version '1'; this version of jiceng reads 1"),
        (True, "unknown schema version True; this version of jiceng reads 1"),
        (None, "unknown schema version None; this version of jiceng reads 1"),
    ],
)
def test_an_unknown_schema_version_is_refused(schema: Any, found: str) -> None:
    data = to_dict(ticket_in(TicketState.ACCEPTED)) | {"schema": schema}
    assert errors_of(data, Ticket) == {"schema": found}


def test_an_entity_document_needs_its_envelope() -> None:
    data = to_dict(ticket_in(TicketState.ACCEPTED))
    del data["schema"], data["type"]
    assert errors_of(data, Ticket) == {
        "schema": "required field missing",
        "type": "required field missing",
    }


def test_a_document_of_another_workflow_is_refused() -> None:
    data = to_dict(ticket_in(TicketState.ACCEPTED)) | {"type": "no-such-workflow"}
    assert errors_of(data, Ticket) == {"type": "expected 'ticket', got 'no-such-workflow'"}
    assert errors_of(data, Entity) == {"type": "'no-such-workflow' is not a kind of Entity"}
    assert errors_of(to_dict(_flow(FlowOne, OpenedOne)), Ticket) == {
        "type": "expected 'ticket', got 'serde-one'"
    }


def test_every_bad_field_of_an_entity_is_named() -> None:
    data = through_json(to_dict(ticket_in(TicketState.CLOSED)))
    data["history"][2]["at"] = "2026-01-05T12:00:00"
    data["history"][0]["by"]["kind"] = "alien"
    data["history"][3]["type"] = "ticket.Teleported"
    data["history"][5]["evidence"] = "photo"
    data["satisfied"] = "yes"
    data["assignee"] = {"kind": "department", "id": "d-water", "name": "水务局", "phone": "12345"}
    del data["title"]
    found = errors_of(data, Ticket)
    assert list(found) == [
        "title",
        "history[0].by.kind",
        "history[2].at",
        "history[3].type",
        "history[5].evidence",
        "assignee.phone",
        "satisfied",
    ]
    assert found["history[3].type"].startswith("unknown event type 'ticket.Teleported'")
    assert found["history[5].evidence"] == "expected a list, got a string"
    assert found["title"] == "required field missing"
    assert found["assignee.phone"] == "unknown field"


def test_fields_that_disagree_with_the_history_are_refused() -> None:
    data = to_dict(ticket_in(TicketState.ASSIGNED)) | {"state": "closed", "notes": []}
    with pytest.raises(ValidationError) as info:
        from_dict(data, Ticket)
    assert info.value.paths == ("state", "notes")
    assert str(info.value) == (
        "invalid Ticket document: state: the document says 'closed' but the history gives "
        "'assigned'; notes: the document says [] but the history gives ['已电话联系']"
    )


def test_a_field_left_out_is_refused_not_left_to_its_default() -> None:
    data = to_dict(ticket_in(TicketState.ASSIGNED))
    del data["assignee"]
    assert errors_of(data, Ticket) == {"assignee": "required field missing"}


def test_an_actor_without_its_name_is_refused() -> None:
    data = to_dict(ticket_in(TicketState.ASSIGNED))
    del data["history"][0]["by"]["name"]
    assert errors_of(data, Ticket) == {"history[0].by.name": "required field missing"}


def test_a_long_disagreement_with_the_history_is_quoted_short() -> None:
    data = to_dict(ticket_in(TicketState.ASSIGNED)) | {"notes": ["很长的备注" * 500]}
    with pytest.raises(ValidationError) as info:
        from_dict(data, Ticket)
    assert info.value.paths == ("notes",)
    assert len(str(info.value)) <= ValidationError.MAX_MESSAGE


def test_a_history_that_cannot_be_replayed_is_refused() -> None:
    data = to_dict(ticket_in(TicketState.ASSIGNED))
    data["history"][1], data["history"][2] = data["history"][2], data["history"][1]
    found = errors_of(data, Ticket)
    assert list(found) == ["history"]
    assert found["history"].startswith("history[1] (Assigned at ")
    assert errors_of(data | {"history": []}, Ticket) == {
        "history": "an empty history describes no entity"
    }


def test_an_entity_whose_history_holds_another_machines_event_is_refused() -> None:
    ticket = ticket_in(TicketState.ACCEPTED)
    odd = attrs.evolve(ticket, history=(*ticket.history, Only(by=CLERK, at=T0)))
    data = to_dict(odd)  # written with the only tag it has ...
    assert data["history"][-1]["type"] == "serde-one.Only"
    found = errors_of(data, Ticket)  # ... but a ticket does not record it
    assert list(found) == ["history[2].type"]
    assert found["history[2].type"].startswith("unknown event type 'serde-one.Only'")


def test_an_entity_is_read_through_its_base_class() -> None:
    ticket = ticket_in(TicketState.RESOLVED)
    assert from_dict(to_dict(ticket), Entity) == ticket
    assert errors_of({"type": "ticket"}, Entity) == {"schema": "required field missing"}
    assert errors_of([], Entity) == {"": "expected an object, got a list"}


# -- time limits and deadlines -------------------------------------------------------


def test_a_deadline_round_trips_with_its_pauses_and_extensions() -> None:
    limit = TimeLimit(
        rule=WorkingDays(15),
        source=Source("信访工作条例(2022) 第32条"),
        label=Label("受理", "Acceptance"),
        extension=ExtensionLimit(max_total=WorkingDays(15), source=Source("第34条")),
        pausable=True,
    )
    deadline = (
        limit.start(T0, WeekendCalendar())
        .pause(T0.add(days=1), "听证", by=CLERK)
        .resume(T0.add(days=3), by=CLERK)
        .extend(WorkingDays(10), T0.add(days=4), WATER, "情况复杂")
    )
    data = to_dict(deadline)
    assert data["limit"]["rule"] == {"type": "WorkingDays", "n": 15}
    assert data["calendar"] == {"name": "weekends", "tz": "Asia/Shanghai"}
    back = round_trip(deadline)
    assert back == deadline
    assert back.due == deadline.due


@pytest.mark.parametrize(
    "rule",
    [CalendarDays(30, roll_to_working_day=True), WorkingDays(5), Hours(24), Months(1), EndOfDay()],
)
def test_every_kind_of_duration_round_trips(rule: Any) -> None:
    limit = TimeLimit(rule=rule, source=Source("test"))
    assert round_trip(limit) == limit
    assert to_dict(limit)["rule"]["type"] == type(rule).__name__


def test_the_china_calendar_round_trips_by_name() -> None:
    deadline = TimeLimit(rule=WorkingDays(5), source=Source("x")).start(T0, ChinaCalendar())
    assert to_dict(deadline)["calendar"] == {"name": "cn", "tz": "Asia/Shanghai"}
    assert round_trip(deadline) == deadline


@attrs.frozen
class Fortnights:
    """A calendar a plugin might bring: every other week is off."""

    tz: str = "Asia/Shanghai"

    @property
    def name(self) -> str:
        return "serde-fortnights"

    def is_working_day(self, day: pendulum.Date) -> bool:
        return day.isocalendar()[1] % 2 == 0


def test_a_plugin_calendar_is_read_once_registered() -> None:
    deadline = TimeLimit(rule=Hours(2), source=Source("x")).start(T0, Fortnights())
    data = through_json(to_dict(deadline))
    assert errors_of(data, Deadline) == {
        "calendar.name": "unknown calendar 'serde-fortnights'; known: 'weekends', 'cn'"
    }
    register_calendar("serde-fortnights", Fortnights)
    assert from_dict(data, Deadline) == deadline


def test_bad_parts_of_a_deadline_are_named() -> None:
    deadline = TimeLimit(rule=WorkingDays(5), source=Source("x")).start(T0, WeekendCalendar())
    data = through_json(to_dict(deadline))
    data["limit"]["rule"] = {"type": "Weeks", "n": 2}
    data["calendar"] = {"name": 3, "zone": "Asia/Shanghai"}
    assert errors_of(data, Deadline) == {
        "limit.rule.type": "'Weeks' is not one of: 'CalendarDays', 'WorkingDays', 'Hours', "
        "'Months', 'EndOfDay'",
        "calendar.name": "expected a string, got the number 3",
        "calendar.tz": "expected a string, got null",
        "calendar.zone": "unknown field",
    }
    data["limit"]["rule"] = {"n": 0}
    data["calendar"] = {"name": "weekends", "tz": "Mars/Olympus"}
    assert errors_of(data, Deadline) == {
        "limit.rule.type": "required field missing",
        "calendar.tz": "'Mars/Olympus' is not an IANA time zone",
    }
    data["limit"]["rule"] = {"type": "WorkingDays", "n": 0}
    data["calendar"] = "cn"
    assert errors_of(data, Deadline) == {
        "limit.rule.n": "must be at least 1, got int 0",
        "calendar": "expected an object, got a string",
    }


# -- extending the converter ---------------------------------------------------------


@attrs.frozen
class Point:
    x: int
    y: int


@attrs.frozen
class Circle:
    radius: int


@attrs.frozen(kw_only=True)
class Drawing:
    shapes: tuple[Point | Circle, ...]


register_tagged_union(Point | Circle)


def test_a_domain_registers_its_own_tagged_union() -> None:
    drawing = Drawing(shapes=(Point(1, 2), Circle(3)))
    assert to_dict(drawing) == {
        "shapes": [{"type": "Point", "x": 1, "y": 2}, {"type": "Circle", "radius": 3}]
    }
    assert round_trip(drawing) == drawing
    assert errors_of({"shapes": [{"type": "Point", "x": 1}, 3]}, Drawing) == {
        "shapes[0].y": "required field missing",
        "shapes[1]": "expected an object, got the number 3",
    }


class Grade:
    """A value type of a domain, not an attrs class."""

    def __init__(self, letter: str) -> None:
        if not isinstance(letter, str):
            raise TypeError(letter)
        if letter not in {"A", "B", "C"}:
            raise ValueError("a grade is A, B or C")
        self.letter = letter

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Grade) and other.letter == self.letter

    def __hash__(self) -> int:
        return hash(self.letter)


class Unsupported:
    pass


@attrs.frozen(kw_only=True)
class Report:
    grade: Grade
    odd: Unsupported | None = None


converter.register_unstructure_hook(Grade, lambda g: g.letter)
converter.register_structure_hook(Grade, lambda value, _: Grade(value))


def test_a_domain_registers_its_own_value_type() -> None:
    assert round_trip(Report(grade=Grade("B"))) == Report(grade=Grade("B"))
    assert errors_of({"grade": "F", "odd": None}, Report) == {"grade": "a grade is A, B or C"}
    assert errors_of({"grade": 1, "odd": None}, Report) == {
        "grade": "invalid value for type, expected Grade"
    }


def test_a_type_without_hooks_is_reported_not_leaked() -> None:
    found = errors_of({"grade": "A", "odd": {}}, Report)
    assert list(found) == ["odd"]


# -- without the extra ---------------------------------------------------------------


def test_importing_serde_without_cattrs_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cattrs", None)
    monkeypatch.delitem(sys.modules, "jiceng.serde")
    with pytest.raises(MissingExtraError) as info:
        importlib.import_module("jiceng.serde")
    assert (info.value.feature, info.value.extra, info.value.package) == (
        "jiceng.serde",
        "serde",
        "cattrs",
    )
    assert "pip install 'jiceng[serde]'" in str(info.value)
    assert isinstance(info.value, ImportError)


def test_actor_kinds_are_written_by_value() -> None:
    assert [converter.unstructure(k) for k in ActorKind] == [
        "person",
        "role",
        "department",
        "system",
    ]
