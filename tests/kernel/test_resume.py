"""Entities resumed from a snapshot: the events after a version, in place of the whole history."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import Actor, Snapshot, replay, resume
from jiceng.exceptions import ChronologyError, ReplayError, ValidationError
from jiceng.points import PointsLedger
from jiceng.testing import instants, random_walk
from tests.kernel.test_entity import COMMANDS, _without_report
from tests.kernel.ticket import Ticket, TicketState

T0 = pendulum.datetime(2026, 3, 2, 9, tz="Asia/Shanghai")
CLERK = Actor.person("p-1", "王五")
WATER = Actor.department("d-water", "水务局")


def ticket() -> Ticket:
    return (
        Ticket.report(id="T-1", title="井盖缺失", by=CLERK, at=T0)
        .accept(by=CLERK, at=T0.add(minutes=5))
        .assign(to=WATER, by=CLERK, at=T0.add(minutes=10))
        .start(by=WATER, at=T0.add(hours=1))
    )


def fields(entity: Any) -> dict[str, Any]:
    return {a.name: getattr(entity, a.name) for a in attrs.fields(type(entity)) if a.eq} | {
        "history": None,
        "version": entity.version,
        "created": entity.created,
        "last_changed": entity.last_changed,
    }


def test_a_resumed_entity_holds_a_snapshot_then_the_later_events() -> None:
    full = ticket()
    resumed = resume(replay(full.history[:2]), events=full.history[2:])
    assert resumed.history[1:] == full.history[2:]
    first = resumed.history[0]
    assert isinstance(first, Snapshot)
    assert (first.version, first.created, first.at) == (2, T0, T0.add(minutes=5))
    assert fields(resumed) == fields(full)
    assert resumed != full  # not the same history
    assert resume(full) == resume(resume(replay(full.history[:3]), events=full.history[3:]))


def test_the_version_counts_the_events_the_snapshot_stands_for() -> None:
    resumed = resume(ticket())
    assert (resumed.version, len(resumed.history)) == (4, 1)
    later = resumed.resolve(evidence=("照片",), by=WATER, at=T0.add(hours=2))
    assert later.version == 5
    assert later.events_since(4) == later.history[1:]
    assert later.events_since(5) == ()
    assert later.state is TicketState.RESOLVED


def test_events_before_the_snapshot_are_not_held() -> None:
    resumed = resume(ticket())
    for version in (0, 3):
        with pytest.raises(ValidationError) as raised:
            resumed.events_since(version)
        assert raised.value.paths == ("events_since.version",)
        assert "the events before version 4 are not held" in str(raised.value)
    with pytest.raises(ValidationError):
        resumed.events_since(5)


def test_a_later_command_may_not_be_dated_before_the_last_change() -> None:
    with pytest.raises(ChronologyError):
        resume(ticket()).resolve(evidence=("照片",), by=WATER, at=T0.add(minutes=30))


def test_later_events_are_checked_as_replay_checks_them() -> None:
    full = ticket()
    with pytest.raises(ReplayError, match=r"events\[0\]"):
        resume(replay(full.history[:2]), events=full.history[3:])
    bad = attrs.evolve(full.history[2], at="noon")  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as raised:
        resume(replay(full.history[:2]), events=[bad])
    assert raised.value.paths == ("events[0].at",)


def test_the_snapshot_is_checked() -> None:
    base = ticket()
    cases: list[tuple[dict[str, Any], tuple[str, ...]]] = [
        ({"version": 0}, ("version",)),
        ({"version": True}, ("version",)),
        ({"created": "today"}, ("created",)),
        ({"last_changed": pendulum.naive(2026, 3, 2)}, ("last_changed",)),
        ({"created": T0.add(days=1)}, ("created",)),
    ]
    for given_, paths in cases:
        with pytest.raises(ValidationError) as raised:
            resume(base, **given_)
        assert raised.value.paths == paths, given_


def test_a_history_that_starts_with_a_snapshot_does_not_replay() -> None:
    with pytest.raises(ReplayError, match="resume the entity"):
        replay(resume(ticket()).history)


def test_an_entity_whose_fields_come_from_its_whole_history_cannot_be_resumed() -> None:
    ledger = PointsLedger.open(id="L-1", name="积分", by=CLERK, at=T0)
    with pytest.raises(ValidationError, match="folds _index from its whole history"):
        resume(ledger)


@given(st.data(), instants())
def test_a_walk_resumed_at_any_version_ends_as_the_full_walk(
    data: st.DataObject, start: pendulum.DateTime
) -> None:
    ticket = Ticket.report(id="T-9", title="walk", by=CLERK, at=start)
    end = random_walk(data, ticket, _without_report(), steps=20)
    at = data.draw(st.integers(1, end.version), label="snapshot at")
    resumed = resume(replay(end.history[:at]), events=end.events_since(at))
    assert fields(resumed) == fields(end)
    assert resumed.events_since(at) == end.events_since(at)
    assert COMMANDS  # the walk's commands, shared with tests/kernel/test_entity.py
