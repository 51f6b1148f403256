"""Event documents, versions, upcasters and aliases: what a store keeps and reads back."""

from __future__ import annotations

import json
from typing import Any, Self

import attrs
import pendulum
import pytest

from jiceng import Actor, Entity, Event, Label, Machine, State, Transition
from jiceng.exceptions import ValidationError
from jiceng.serde import (
    event_documents,
    from_dict,
    register_alias,
    register_upcaster,
    replay_documents,
    schema_version,
    to_dict,
)
from tests.kernel.ticket import Ticket

T0 = pendulum.datetime(2026, 1, 5, 9, tz="Asia/Shanghai")
CLERK = Actor.person("p-001", "张三")
WATER = Actor.department("d-water", "水务局")


def through_json(data: Any) -> Any:
    return json.loads(json.dumps(data, ensure_ascii=False))


def ticket() -> Ticket:
    reported = Ticket.report(id="T-9", title="井盖缺失", by=CLERK, at=T0)
    accepted = reported.accept(by=CLERK, at=T0.add(hours=1))
    return accepted.assign(to=WATER, by=CLERK, at=T0.add(hours=2))


def errors(documents: Any, cls: Any = None) -> dict[str, str]:
    with pytest.raises(ValidationError) as raised:
        replay_documents(documents, cls) if cls else replay_documents(documents)
    return {e.path: e.message for e in raised.value.errors}


# -- writing -----------------------------------------------------------------------------


def test_each_event_is_a_document_with_its_type_schema_entity_version_and_time() -> None:
    documents = event_documents(ticket())
    assert [d["version"] for d in documents] == [1, 2, 3]
    first = documents[0]
    assert list(first) == ["type", "schema", "entity", "version", "at", "data"]
    assert first["type"] == "ticket.Reported"
    assert (first["schema"], first["entity"]) == (1, "T-9")
    assert first["at"] == "2026-01-05T09:00:00+08:00[Asia/Shanghai]"
    assert first["data"] == {
        "by": {"kind": "person", "id": "p-001", "name": "张三"},
        "reason": None,
        "ticket_id": "T-9",
        "title": "井盖缺失",
    }


def test_a_service_appends_only_what_its_command_added() -> None:
    loaded = ticket()
    started = loaded.start(by=WATER, at=T0.add(hours=3))
    new = event_documents(started, since=loaded.version)
    assert [(d["type"], d["version"]) for d in new] == [("ticket.Started", 4)]
    assert event_documents(started, since=started.version) == []


def test_since_must_be_a_version_the_entity_had() -> None:
    with pytest.raises(ValidationError) as raised:
        event_documents(ticket(), since=4)
    assert raised.value.paths == ("events_since.version",)


# -- reading -----------------------------------------------------------------------------


def test_the_documents_replay_to_the_same_entity() -> None:
    entity = ticket()
    stored = through_json(event_documents(entity))
    assert replay_documents(stored) == entity
    assert replay_documents(stored, Ticket) == entity


@pytest.mark.parametrize("given", [None, "documents", {"version": 1}, [], ()])
def test_documents_must_be_a_list_of_at_least_one(given: Any) -> None:
    assert list(errors(given)) == ["documents"]


def test_a_history_is_bounded() -> None:
    found = errors([{}] * 100_001)
    assert found == {"documents": "expected 1 to 100,000 event documents, got 100,001"}


def test_a_missing_version_is_found_by_its_path() -> None:
    stored = through_json(event_documents(ticket()))
    found = errors([stored[0], stored[2]])
    assert found == {"documents[1].version": "expected 2, got 3"}


def test_every_bad_field_of_every_document_has_its_path() -> None:
    stored = through_json(event_documents(ticket()))
    del stored[0]["at"]
    stored[1]["entity"] = "T-10"
    stored[1]["extra"] = 1
    del stored[2]["data"]["by"]
    stored[2]["data"]["assignee"]["kind"] = "robot"
    found = errors(stored)
    assert set(found) == {
        "documents[0].at",
        "documents[1].extra",
        "documents[2].data.by",
        "documents[2].data.assignee.kind",
    }
    del stored[1]["extra"]
    assert errors(stored)["documents[1].entity"] == "expected 'T-9', got 'T-10'"


@pytest.mark.parametrize("name", ["type", "schema", "at"])
def test_envelope_fields_stand_beside_the_data(name: str) -> None:
    stored = through_json(event_documents(ticket()))
    stored[1]["data"][name] = stored[1][name]
    assert errors(stored) == {f"documents[1].data.{name}": "belongs beside data, not in it"}


def test_data_must_be_an_object_and_a_document_a_mapping() -> None:
    stored = through_json(event_documents(ticket()))
    stored[1]["data"] = []
    stored[2] = "row"
    assert errors(stored) == {
        "documents[1].data": "expected an object, got a list",
        "documents[2]": "expected an object, got a string",
    }


def test_a_history_that_cannot_be_folded_is_refused() -> None:
    stored = through_json(event_documents(ticket()))
    stored[1], stored[2] = stored[2], stored[1]
    stored[1]["version"], stored[2]["version"] = 2, 3
    assert list(errors(stored)) == ["documents"]
    assert "cannot follow" in errors(stored)["documents"]


def test_the_documents_must_describe_the_entity_type_asked_for() -> None:
    stored = through_json(event_documents(ticket()))
    assert errors(stored, _Filing) == {
        "documents": "this history describes a Ticket, not a _Filing"
    }


def test_the_document_entity_must_be_the_entity_the_events_describe() -> None:
    stored = through_json(event_documents(ticket()))
    for document in stored:
        document["entity"] = "T-404"
    found = errors(stored)
    assert found == {
        "documents[0].entity": "the events describe 'T-9', but the documents say 'T-404'"
    }


def test_an_entity_without_an_id_cannot_be_written_as_documents() -> None:
    @attrs.frozen(kw_only=True)
    class Nameless(Ticket):
        pass

    entity = Nameless._start(ticket().history[0])
    object.__setattr__(entity, "id", "")
    with pytest.raises(ValidationError) as raised:
        event_documents(entity)
    assert raised.value.paths == ("entity",)


# -- versions, upcasters, aliases ---------------------------------------------------------


class _Phase(State):
    OPEN = "open", "开", "Open"
    DONE = "done", "完", "Done"


@attrs.frozen(kw_only=True)
class _Filed(Event):
    ref: str
    channel: str


@attrs.frozen(kw_only=True)
class _Settled(Event):
    outcome: str


_FILING: Machine[_Phase] = Machine(
    name="serde-store.filing",
    label=Label("归档", "Filing"),
    states=_Phase,
    initial=_Phase.OPEN,
    final={_Phase.DONE},
    transitions=[
        Transition(
            command="file",
            event=_Filed,
            sources=(),
            target=_Phase.OPEN,
            label=Label("归档", "File"),
            fold=lambda _, e: {"id": e.ref, "channel": e.channel},
        ),
        Transition(
            command="settle",
            event=_Settled,
            sources={_Phase.OPEN},
            target=_Phase.DONE,
            label=Label("办结", "Settle"),
        ),
    ],
)


@attrs.frozen(kw_only=True)
class _Filing(Entity[_Phase], machine=_FILING):
    id: str
    channel: str

    @classmethod
    def file(cls, *, ref: str, channel: str, by: Actor, at: pendulum.DateTime) -> _Filing:
        return cls._start(_Filed(ref=ref, channel=channel, by=by, at=at))

    def settle(self, *, outcome: str, by: Actor, at: pendulum.DateTime) -> Self:
        return self._record(_Settled(outcome=outcome, by=by, at=at))


# Version 1 of the stored form: `_Filed` had no channel, and the entity document had none.
V1_EVENTS = [
    {
        "type": "serde-store.filing._Filed",
        "schema": 1,
        "entity": "F-1",
        "version": 1,
        "at": "2026-01-05T09:00:00+08:00[Asia/Shanghai]",
        "data": {"by": {"kind": "person", "id": "p-001", "name": "张三"}, "reason": None,
                 "ref": "F-1"},
    },
    {
        "type": "serde-store.filing._Closed",  # the event's old name
        "schema": 1,
        "entity": "F-1",
        "version": 2,
        "at": "2026-01-05T10:00:00+08:00[Asia/Shanghai]",
        "data": {"by": {"kind": "person", "id": "p-001", "name": "张三"}, "reason": None,
                 "outcome": "done"},
    },
]  # fmt: skip

register_upcaster("serde-store.filing._Filed", 1, lambda d: {**d, "channel": "walk-in"})
register_upcaster("serde-store.filing", 1, lambda d: {**d, "channel": "walk-in"})
register_alias("serde-store.filing._Closed", "serde-store.filing._Settled")
register_alias("serde-store.old-filing", "serde-store.filing")


def test_old_event_documents_are_upcast_and_old_names_read_as_the_new() -> None:
    filing = replay_documents(V1_EVENTS, _Filing)
    assert (filing.id, filing.channel, filing.state) == ("F-1", "walk-in", _Phase.DONE)


def test_documents_are_written_in_the_current_version_and_name() -> None:
    filing = replay_documents(V1_EVENTS, _Filing)
    written = event_documents(filing)
    assert [(d["type"], d["schema"]) for d in written] == [
        ("serde-store.filing._Filed", 2),
        ("serde-store.filing._Settled", 1),
    ]
    assert written[0]["data"]["channel"] == "walk-in"
    assert replay_documents(through_json(written), _Filing) == filing
    assert schema_version("serde-store.filing") == 2
    assert schema_version("serde-store.old-filing._Filed") == 2


def test_an_entity_document_of_an_older_version_is_upcast_with_its_history() -> None:
    filing = replay_documents(V1_EVENTS, _Filing)
    document = to_dict(filing)
    assert document["schema"] == 2
    assert document["history"][0]["schema"] == 2
    assert "schema" not in document["history"][1]  # version 1 goes unsaid
    old = through_json(document)
    old["schema"] = 1
    old["type"] = "serde-store.old-filing"
    del old["channel"]
    del old["history"][0]["schema"]
    del old["history"][0]["channel"]
    assert from_dict(old, _Filing) == filing
    assert from_dict(old, Entity) == filing


def test_a_document_from_a_newer_version_is_refused() -> None:
    newer = [dict(V1_EVENTS[0], schema=3)]
    assert errors(newer) == {
        "documents[0].schema": "unknown schema version 3; this version of jiceng reads 1 to 2"
    }


def test_upcasters_are_registered_in_order_from_version_one() -> None:
    with pytest.raises(ValidationError) as raised:
        register_upcaster("serde-store.filing._Settled", 2, lambda d: d)
    assert raised.value.paths == ("register_upcaster.from_version",)
    with pytest.raises(ValidationError) as raised:
        register_upcaster("serde-store.filing._Settled", 1, "not a function")  # type: ignore[arg-type]
    assert raised.value.paths == ("register_upcaster.upcast",)


def test_an_alias_names_one_type() -> None:
    register_alias("serde-store.filing._Closed", "serde-store.filing._Settled")  # again: fine
    for old, new in [
        ("serde-store.filing._Closed", "serde-store.filing._Filed"),
        ("serde-store.x", "serde-store.x"),
    ]:
        with pytest.raises(ValidationError) as raised:
            register_alias(old, new)
        assert raised.value.paths == ("register_alias.old_name",)
    with pytest.raises(ValidationError) as raised:
        register_alias("", "serde-store.filing")
    assert raised.value.paths == ("register_alias.old_name",)
