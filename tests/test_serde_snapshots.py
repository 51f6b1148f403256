"""Snapshots: an entity document without its history, and the entity it and the event
documents stored after it describe. (Every machine's random walk checks snapshots too:
see ``tests/snapshot_walks.py``.)"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import ENTITY_TYPES, Entity, replay
from jiceng.exceptions import ValidationError
from jiceng.points import PointsLedger
from jiceng.serde import (
    event_documents,
    replay_documents,
    resume_documents,
    snapshot,
    snapshot_schema,
    to_dict,
)
from tests.kernel.test_boundary import SAMPLES
from tests.kernel.ticket import Ticket
from tests.test_serde_store import CLERK, T0, V1_EVENTS, WATER, _Filing, ticket

BUILT_IN = [c for c in ENTITY_TYPES if c.__module__.startswith("jiceng.") and c is not PointsLedger]
Validator = jsonschema.Draft202012Validator


def through_json(data: Any) -> Any:
    return json.loads(json.dumps(data, ensure_ascii=False))


def errors(*args: Any) -> dict[str, str]:
    with pytest.raises(ValidationError) as raised:
        resume_documents(*args)
    return {e.path: e.message for e in raised.value.errors}


def test_a_snapshot_is_the_entity_document_without_its_history_with_its_version() -> None:
    entity = ticket()
    document = snapshot(entity)
    assert list(document)[:5] == ["schema", "type", "version", "created", "last_changed"]
    assert document["version"] == 3
    assert document["created"] == "2026-01-05T09:00:00+08:00[Asia/Shanghai]"
    assert document["last_changed"] == "2026-01-05T11:00:00+08:00[Asia/Shanghai]"
    whole = to_dict(entity)
    del whole["history"]
    assert {
        k: v for k, v in document.items() if k not in ("version", "created", "last_changed")
    } == whole


def test_a_snapshot_and_the_later_documents_give_the_entity() -> None:
    entity = ticket().start(by=WATER, at=T0.add(hours=3))
    at_two = through_json(snapshot(replay(entity.history[:2])))
    later = through_json(event_documents(entity, since=2))
    resumed = resume_documents(at_two, later, Ticket)
    assert resumed.version == entity.version == 4
    assert snapshot(resumed) == snapshot(entity)
    assert resumed.events_since(2) == entity.events_since(2)
    assert resume_documents(through_json(snapshot(entity))).version == 4
    assert resume_documents(at_two, [], Entity).version == 2


def test_a_resumed_entity_is_written_as_a_snapshot_not_as_an_entity_document() -> None:
    resumed = resume_documents(snapshot(ticket()))
    with pytest.raises(ValidationError, match="write it with snapshot") as raised:
        to_dict(resumed)
    assert raised.value.paths == ("history",)
    with pytest.raises(ValidationError) as raised:
        event_documents(resumed)
    assert raised.value.paths == ("events_since.version",)
    assert event_documents(resumed, since=3) == []


def test_the_later_documents_must_continue_the_snapshot() -> None:
    entity = ticket().start(by=WATER, at=T0.add(hours=3))
    at_two = snapshot(replay(entity.history[:2]))
    later = through_json(event_documents(entity))
    assert errors(at_two, later[1:3]) == {
        "documents[0].version": "expected 3, got 2",
        "documents[1].version": "expected 4, got 3",
    }  # overlap
    assert errors(at_two, later[3:]) == {"documents[0].version": "expected 3, got 4"}  # gap
    other = [dict(d, entity="T-10") for d in later[2:]]
    assert errors(at_two, other) == {
        "documents[0].entity": "expected 'T-9', got 'T-10'",
        "documents[1].entity": "expected 'T-9', got 'T-10'",
    }
    swapped = [dict(later[3], version=3), dict(later[2], version=4)]
    assert list(errors(at_two, swapped)) == ["documents"]
    assert list(errors(at_two, "rows")) == ["documents"]
    assert list(errors(at_two, [{}] * 100_001)) == ["documents"]


def test_every_bad_field_of_a_snapshot_has_its_path() -> None:
    document = through_json(snapshot(ticket()))
    bad = document | {"version": 0, "created": "monday", "state": "lost", "title": 7}
    del bad["last_changed"]
    assert set(errors(bad)) == {"version", "created", "last_changed", "state", "title"}
    assert set(errors(document | {"history": []})) == {"history"}
    assert set(errors(document | {"version": True})) == {"version"}
    assert set(errors(document | {"type": "grids.grid_event"}, [], Ticket)) == {"type"}
    assert set(errors(document | {"type": "nothing"})) == {"type"}
    assert set(errors(document | {"extra": 1})) == {"extra"}
    assert set(errors({"schema": 1})) == {"type", "version", "created", "last_changed"}
    assert errors(document | {"created": "2026-01-06T09:00:00+08:00"}) == {
        "created": "2026-01-06 09:00:00+08:00 is after the last change, 2026-01-05 11:00:00+08:00"
    }
    assert errors([document]) == {"": "expected an object, got a list"}


def test_a_snapshot_is_read_through_the_upcasters() -> None:
    filing = replay_documents(V1_EVENTS[:1], _Filing)
    written = snapshot(filing)
    assert (written["schema"], written["channel"]) == (2, "walk-in")
    old = {k: v for k, v in written.items() if k != "channel"} | {
        "schema": 1,
        "type": "serde-store.old-filing",
    }
    resumed = resume_documents(old, V1_EVENTS[1:], _Filing)
    assert snapshot(resumed) == snapshot(replay_documents(V1_EVENTS, _Filing))


def test_a_ledger_folded_from_its_whole_history_has_no_snapshot() -> None:
    ledger = SAMPLES[PointsLedger]()
    with pytest.raises(ValidationError, match="not as a snapshot"):
        snapshot(ledger)
    fake = {"schema": 1, "type": PointsLedger.__machine__.name, "version": 1}
    assert list(errors(fake)) == ["type"]
    with pytest.raises(ValidationError):
        snapshot(CLERK)  # type: ignore[arg-type]


@pytest.mark.parametrize("cls", BUILT_IN, ids=lambda c: c.__name__)
def test_every_snapshot_validates_against_its_schema(cls: type[Entity[Any]]) -> None:
    schema = snapshot_schema(cls)
    Validator.check_schema(schema)
    document = through_json(snapshot(SAMPLES[cls]()))
    assert [e.message for e in Validator(schema).iter_errors(document)] == []
    for spoiled in (
        document | {"version": 0},
        document | {"history": []},
        document | {"state": "bogus"},
        {k: v for k, v in document.items() if k != "created"},
    ):
        assert list(Validator(schema).iter_errors(spoiled))


@pytest.mark.parametrize("cls", BUILT_IN, ids=lambda c: c.__name__)
@given(data=st.data())
def test_every_sample_resumes_at_any_version(cls: type[Entity[Any]], data: st.DataObject) -> None:
    entity = SAMPLES[cls]()
    at = data.draw(st.integers(1, entity.version))
    document = through_json(snapshot(replay(entity.history[:at])))
    resumed = resume_documents(document, through_json(event_documents(entity, since=at)), cls)
    assert (resumed.version, resumed.state) == (entity.version, entity.state)
    assert snapshot(resumed) == snapshot(entity)
