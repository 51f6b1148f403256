"""Approvals in two steps (作废, 回退, 延期, 缓办 须经审批): a request, then another person's
approval or refusal, each an event."""

from __future__ import annotations

import json
from collections.abc import Callable

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import Actor, WorkingDays
from jiceng.exceptions import DeadlineError, GuardRejected, InvalidTransition, ValidationError
from jiceng.grids import (
    ApprovedChange,
    ChangeRequest,
    Channel,
    GridEvent,
    GridEventState,
    Priority,
)
from jiceng.grids.events import ChangeRequested, Extended, RequestRefused, Voided
from jiceng.serde import from_dict, to_dict
from jiceng.testing import instants, random_walk
from tests.grids.fixtures import (
    CENTER,
    CHIEF,
    GRID,
    MEMBER,
    POLICY,
    RESIDENT,
    T0,
    WATER,
)
from tests.grids.test_grid_event import assert_closed_only_after_verification, commands

TWO_STEP = attrs.evolve(POLICY, name="two-step", two_step=tuple(ApprovedChange))
CHIEF_AGAIN = Actor.person("chief-1", "王主任")  # the chief under another name


def reported(policy: object = TWO_STEP, at: pendulum.DateTime = T0) -> GridEvent:
    return GridEvent.report(
        id="E-1",
        policy=policy,  # type: ignore[arg-type]
        grid=GRID,
        channel=Channel.RESIDENT,
        description="下水道堵塞",
        by=RESIDENT,
        at=at,
    )


def dispatched(policy: object = TWO_STEP, at: pendulum.DateTime = T0) -> GridEvent:
    event = reported(policy, at).register(by=CENTER, at=at)
    event = event.classify(category="drain", priority=Priority.NORMAL, by=CENTER, at=at)
    return event.dispatch(to="d-water", by=CENTER, at=at)


def test_the_policy_lists_two_step_changes_once_each_and_defaults_to_none() -> None:
    assert POLICY.two_step == ()
    with pytest.raises(ValidationError) as info:
        attrs.evolve(POLICY, two_step=(ApprovedChange.VOID, ApprovedChange.VOID))
    assert info.value.paths == ("two_step",)
    with pytest.raises(ValidationError):
        attrs.evolve(POLICY, two_step=("void",))  # type: ignore[arg-type]


def test_an_extension_is_requested_then_approved_by_another_as_the_extended_event() -> None:
    event = dispatched()
    asked = event.request_change(
        change=ApprovedChange.EXTEND, rule=WorkingDays(2), reason="需招标", by=WATER, at=T0
    )
    assert asked.pending == ChangeRequest(
        change=ApprovedChange.EXTEND, reason="需招标", by=WATER, at=T0, rule=WorkingDays(2)
    )
    assert asked.deadline == event.deadline  # nothing changes until approved
    approved = asked.approve_request(by=CHIEF, at=T0.add(hours=1))
    last = approved.history[-1]
    assert isinstance(last, Extended)
    assert (last.by, last.approved_by, last.reason, last.rule) == (
        WATER,
        CHIEF,
        "需招标",
        WorkingDays(2),
    )
    assert approved.pending is None
    assert approved.extensions == 1
    assert approved.deadline != event.deadline
    assert [type(e) for e in approved.history[-2:]] == [ChangeRequested, Extended]


@pytest.mark.parametrize(
    ("start", "change", "state"),
    [
        ("reported", ApprovedChange.VOID, GridEventState.VOIDED),
        ("dispatched", ApprovedChange.SEND_BACK, GridEventState.SENT_BACK),
        ("dispatched", ApprovedChange.DEFER, GridEventState.DEFERRED),
    ],
)
def test_each_change_is_requested_and_approved(
    start: str, change: ApprovedChange, state: GridEventState
) -> None:
    event = reported() if start == "reported" else dispatched()
    asked = event.request_change(change=change, reason="理由", by=WATER, at=T0)
    approved = asked.approve_request(by=CHIEF, at=T0)
    assert (approved.state, approved.pending) == (state, None)
    assert approved.history[-1].approved_by == CHIEF  # type: ignore[attr-defined]


def test_the_approver_must_be_another_person_even_under_another_name() -> None:
    asked = reported().request_change(change=ApprovedChange.VOID, reason="不实", by=CHIEF, at=T0)
    for same in (CHIEF, CHIEF_AGAIN):
        with pytest.raises(GuardRejected, match="someone other than") as info:
            asked.approve_request(by=same, at=T0)
        assert info.value.command == "void"
        with pytest.raises(GuardRejected, match="the refusal must come from someone other"):
            asked.refuse_request(reason="不同意", by=same, at=T0)
    assert asked.pending is not None
    assert asked.state is GridEventState.REPORTED


def test_approving_or_refusing_with_nothing_open_is_refused() -> None:
    event = reported()
    with pytest.raises(InvalidTransition, match="no request is open") as info:
        event.approve_request(by=CHIEF, at=T0)
    assert info.value.command == "approve_request"
    with pytest.raises(GuardRejected, match="no request is open"):
        event.refuse_request(reason="x", by=CHIEF, at=T0)
    assert event == reported()


def test_a_refusal_is_recorded_and_clears_the_request() -> None:
    asked = dispatched().request_change(
        change=ApprovedChange.SEND_BACK, reason="非本部门职责", by=WATER, at=T0
    )
    refused = asked.refuse_request(reason="属水务职责", by=CHIEF, at=T0.add(hours=1))
    assert (refused.state, refused.pending) == (GridEventState.DISPATCHED, None)
    assert isinstance(refused.history[-1], RequestRefused)
    assert refused.history[-1].reason == "属水务职责"
    with pytest.raises(ValidationError, match=r"refuse_request\.reason: must not be empty"):
        asked.refuse_request(reason="", by=CHIEF, at=T0)
    # asked again after the refusal, and approved this time
    again = refused.request_change(
        change=ApprovedChange.SEND_BACK, reason="补充说明", by=WATER, at=T0.add(hours=2)
    )
    assert again.approve_request(by=CHIEF, at=T0.add(hours=3)).state is GridEventState.SENT_BACK


def test_the_one_call_form_is_refused_where_two_steps_are_needed_and_names_them() -> None:
    event = dispatched()
    with pytest.raises(GuardRejected) as info:
        event.defer(reason="x", approved_by=CHIEF, by=WATER, at=T0)
    assert "needs 缓办 (defer) approved in two steps: request_change(change=DEFER)" in str(
        info.value
    )
    with pytest.raises(GuardRejected, match="needs 作废"):
        reported().void(reason="x", approved_by=CHIEF, by=CENTER, at=T0)


def test_without_two_steps_the_one_call_form_works_and_requests_are_refused() -> None:
    event = dispatched(POLICY)
    assert event.defer(reason="x", approved_by=CHIEF, by=WATER, at=T0).state is (
        GridEventState.DEFERRED
    )
    with pytest.raises(GuardRejected, match=r"lets 缓办 \(defer\) be done in one call"):
        event.request_change(change=ApprovedChange.DEFER, reason="x", by=WATER, at=T0)


def test_while_a_request_is_open_conflicting_commands_are_refused_and_change_nothing() -> None:
    asked = dispatched().request_change(
        change=ApprovedChange.SEND_BACK, reason="非职责", by=WATER, at=T0
    )
    before = (asked.state, asked.history)
    attempts: tuple[Callable[[], GridEvent], ...] = (
        lambda: asked.start(by=WATER, at=T0),
        lambda: asked.handle(evidence=("p",), by=WATER, at=T0),
        lambda: asked.request_change(change=ApprovedChange.DEFER, reason="y", by=WATER, at=T0),
        lambda: asked.extend(rule=WorkingDays(1), reason="y", approved_by=CHIEF, by=WATER, at=T0),
        lambda: asked.send_back(reason="另一理由", approved_by=CHIEF, by=WATER, at=T0),
    )
    for attempt in attempts:
        with pytest.raises(GuardRejected, match=r"a request to send_back .* is open"):
            attempt()
        assert (asked.state, asked.history) == before
    # what leaves the request applicable still runs
    assert asked.escalate(to="110105001002", by=MEMBER, at=T0, reason="x").pending is not None


def test_registering_keeps_an_open_void_request_but_classifying_does_not() -> None:
    asked = reported().request_change(change=ApprovedChange.VOID, reason="不实", by=CENTER, at=T0)
    registered = asked.register(by=CENTER, at=T0)
    with pytest.raises(GuardRejected, match="a request to void"):
        registered.classify(category="drain", priority=Priority.NORMAL, by=CENTER, at=T0)
    assert registered.approve_request(by=CHIEF, at=T0).state is GridEventState.VOIDED


def test_a_request_is_checked_before_it_is_recorded() -> None:
    event = dispatched()
    with pytest.raises(ValidationError) as info:
        event.request_change(change=ApprovedChange.EXTEND, reason="x", by=WATER, at=T0)
    assert info.value.paths == ("request_change.rule",)
    with pytest.raises(ValidationError, match="only an extension request takes a rule"):
        event.request_change(
            change=ApprovedChange.DEFER, rule=WorkingDays(1), reason="x", by=WATER, at=T0
        )
    with pytest.raises(ValidationError, match=r"request_change\.reason"):
        event.request_change(change=ApprovedChange.DEFER, reason="", by=WATER, at=T0)
    with pytest.raises(GuardRejected, match="at most 5个工作日"):
        event.request_change(
            change=ApprovedChange.EXTEND, rule=WorkingDays(6), reason="x", by=WATER, at=T0
        )
    with pytest.raises(GuardRejected, match=r"void \(作废\) is not allowed from 'dispatched'"):
        event.request_change(change=ApprovedChange.VOID, reason="x", by=WATER, at=T0)
    with pytest.raises(InvalidTransition):
        reported().register(by=CENTER, at=T0).classify(
            category="drain", priority=Priority.NORMAL, by=CENTER, at=T0
        ).request_change(change=ApprovedChange.VOID, reason="x", by=CENTER, at=T0)


def test_the_clock_runs_while_a_request_is_open() -> None:
    event = dispatched()
    due = event.deadline.due  # type: ignore[union-attr]
    asked = event.request_change(
        change=ApprovedChange.EXTEND, rule=WorkingDays(2), reason="x", by=WATER, at=T0
    )
    assert asked.overdue(due.add(minutes=1))
    with pytest.raises(DeadlineError, match="it was due at"):
        asked.approve_request(by=CHIEF, at=due.add(minutes=1))
    assert asked.approve_request(by=CHIEF, at=due).extensions == 1


def test_requests_round_trip_through_json_documents() -> None:
    asked = dispatched().request_change(
        change=ApprovedChange.EXTEND, rule=WorkingDays(2), reason="x", by=WATER, at=T0
    )
    for event in (asked, asked.refuse_request(reason="否", by=CHIEF, at=T0)):
        assert from_dict(json.loads(json.dumps(to_dict(event))), GridEvent) == event
    voided = reported().request_change(change=ApprovedChange.VOID, reason="x", by=CENTER, at=T0)
    assert isinstance(voided.approve_request(by=CHIEF, at=T0).history[-1], Voided)


@given(st.data(), instants(days=3 * 365))
def test_random_walks_with_two_step_approvals(
    data: st.DataObject, start: pendulum.DateTime
) -> None:
    first = data.draw(st.sampled_from((reported, dispatched)), label="start")
    event = random_walk(data, first(TWO_STEP, start), commands(), steps=40)  # type: ignore[arg-type]
    assert_closed_only_after_verification(event)
    assert from_dict(json.loads(json.dumps(to_dict(event))), GridEvent) == event


def test_older_documents_read_with_one_call_policies_and_nothing_pending() -> None:
    from jiceng.serde._documents import upcast

    by_value = upcast("grids.grid_event.Reported", 2, {"policy": {"name": "p"}})
    assert by_value == {"policy": {"name": "p", "two_step": []}}
    by_reference = {"policy": {"ref": "julu.juhaoban", "version": "1"}}
    assert upcast("grids.grid_event.Reported", 2, by_reference) == by_reference
    assert upcast("grids.grid_event", 2, by_reference) == {**by_reference, "pending": None}
