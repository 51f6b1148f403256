from __future__ import annotations

import copy
import json
import pickle

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng import Actor, Hours, WorkingDays, replay
from jiceng.exceptions import (
    ChronologyError,
    DeadlineError,
    GuardRejected,
    InvalidTransition,
    ValidationError,
)
from jiceng.grids import (
    GRID_EVENT,
    ApprovedChange,
    Channel,
    CodeError,
    Escalation,
    GridEvent,
    GridEventState,
    Level,
    Priority,
    Summons,
    link_duplicates,
)
from jiceng.grids.events import Closed
from jiceng.serde import from_dict, to_dict
from jiceng.testing import instants, random_walk
from tests.grids.fixtures import (
    CENTER,
    CG,
    CHIEF,
    COMMUNITY,
    DISTRICT,
    GRID,
    MEMBER,
    POLICY,
    RESIDENT,
    STREET,
    T0,
    WATER,
    classified,
    closed,
    dispatched,
    handled,
    reported,
)

S = GridEventState
TZ = "Asia/Shanghai"


def test_the_full_loop_from_report_to_a_satisfied_reporter() -> None:
    event = closed().evaluate(by=RESIDENT, at=T0.add(hours=1), comment="及时")
    assert [type(e).__name__ for e in event.history] == [
        "Reported",
        "Registered",
        "Classified",
        "Dispatched",
        "Started",
        "Handled",
        "Verified",
        "Closed",
        "Evaluated",
    ]
    assert event.state is S.EVALUATED
    assert event.is_final
    assert (event.category, event.department, event.evidence) == ("drain", "d-water", ("photo-1",))
    assert event.closed
    assert event.closed_on_time is True
    assert event.reporter == RESIDENT
    assert replay(event.history) == event


def test_a_report_is_checked_against_the_scheme_and_needs_a_description() -> None:
    with pytest.raises(CodeError, match="segment grid"):
        GridEvent.report(
            id="E-9",
            policy=POLICY,
            grid="1101050010020",
            channel=Channel.PATROL,
            description="x",
            by=MEMBER,
            at=T0,
        )
    with pytest.raises(ValidationError, match=r"report\.description: must not be empty"):
        GridEvent.report(
            id="E-9",
            policy=POLICY,
            grid=GRID,
            channel=Channel.PATROL,
            description=" ",
            by=MEMBER,
            at=T0,
        )


# -- SLA clock ------------------------------------------------------------------------


def test_an_emergency_reported_at_23_10_is_due_by_01_10_next_day() -> None:
    at = pendulum.datetime(2026, 3, 2, 23, 10, tz=TZ)
    event = dispatched(priority=Priority.EMERGENCY, at=at)
    due = pendulum.datetime(2026, 3, 3, 1, 10, tz=TZ)
    assert event.deadline is not None
    assert event.deadline.due == due
    assert not event.overdue(due)
    assert event.overdue(due.add(seconds=1))
    assert event.remaining(at) == pendulum.duration(hours=2)


def test_a_same_day_consultation_reported_at_16_00_is_due_at_the_end_of_that_local_day() -> None:
    at = pendulum.datetime(2026, 3, 2, 16, tz=TZ)
    event = dispatched(category="policy-inquiry", at=at)
    assert event.deadline is not None
    assert event.deadline.due == pendulum.datetime(2026, 3, 2, tz=TZ).end_of("day")
    assert not event.overdue(pendulum.datetime(2026, 3, 2, 23, 59, 59, tz=TZ))
    assert event.overdue(pendulum.datetime(2026, 3, 3, tz=TZ))


def test_an_ordinary_event_has_5_working_days_from_dispatch() -> None:
    event = dispatched()  # Monday 2026-03-02
    due = pendulum.datetime(2026, 3, 9, tz=TZ).end_of("day")
    on_day_5 = event.handle(evidence=("p",), by=WATER, at=due)
    assert on_day_5.on_time is True
    on_day_6 = event.handle(evidence=("p",), by=WATER, at=due.add(microseconds=1))
    assert on_day_6.on_time is False
    assert (
        on_day_6.verify(by=MEMBER, at=due.add(days=1))
        .close(by=CENTER, at=due.add(days=1))
        .closed_on_time
        is False
    )


def test_the_clock_starts_at_dispatch_not_at_report() -> None:
    event = classified()
    assert event.deadline is None
    assert event.remaining(T0) is None
    assert not event.overdue(T0.add(years=1))
    assert event.closed_on_time is None


def test_a_handled_event_is_no_longer_overdue() -> None:
    event = handled()
    assert not event.overdue(T0.add(years=1))
    assert event.remaining(T0) is None


# -- registration and voiding ------------------------------------------------------------


def test_an_invalid_report_is_voided_with_a_reason_and_another_persons_approval() -> None:
    event = reported().void(reason="重复拍照，无实际问题", approved_by=CHIEF, by=CENTER, at=T0)
    assert event.state is S.VOIDED
    assert event.is_final
    with pytest.raises(ValidationError, match=r"void\.reason: must not be empty"):
        reported().void(reason="", approved_by=CHIEF, by=CENTER, at=T0)
    with pytest.raises(
        GuardRejected, match="the approval must come from someone other than"
    ) as info:
        reported().void(reason="无", approved_by=CENTER, by=CENTER, at=T0)
    assert info.value.guard == "approved_by_another"


def test_an_unknown_category_is_refused_and_nothing_changes() -> None:
    event = reported().register(by=CENTER, at=T0)
    with pytest.raises(GuardRejected, match="unknown category 'ufo'") as info:
        event.classify(category="ufo", priority=Priority.NORMAL, by=CENTER, at=T0)
    assert info.value.guard == "known_category & request_still_applies"
    assert event.state is S.REGISTERED
    assert event.category is None


def test_a_category_can_be_corrected_before_dispatch() -> None:
    event = classified().classify(category="manhole", priority=Priority.URGENT, by=CENTER, at=T0)
    assert (event.category, event.priority) == ("manhole", Priority.URGENT)


def test_dispatch_to_an_unknown_department_is_refused() -> None:
    with pytest.raises(GuardRejected, match="unknown department 'd-moon'; known: d-cg, d-water"):
        classified().dispatch(to="d-moon", by=CENTER, at=T0)


# -- sent back, re-dispatched -----------------------------------------------------------


def test_a_department_not_responsible_sends_back_and_the_event_is_dispatched_again() -> None:
    event = dispatched(to="d-cg").send_back(
        reason="属供水管网，非城管职责", approved_by=CHIEF, by=CG, at=T0.add(hours=2)
    )
    assert event.state is S.SENT_BACK
    assert event.sent_back_by == ("d-cg",)
    assert event.deadline is None
    with pytest.raises(GuardRejected, match="d-cg has just sent this event back"):
        event.dispatch(to="d-cg", by=CENTER, at=T0.add(hours=3))
    again = event.dispatch(to="d-water", by=CENTER, at=T0.add(hours=3))
    assert again.department == "d-water"
    assert again.deadline is not None
    assert again.deadline.started == T0.add(hours=3)
    assert again.dispatched_at == T0  # the first dispatch


def test_sending_back_needs_a_reason_and_approval() -> None:
    with pytest.raises(ValidationError, match=r"send_back\.reason: must not be empty"):
        dispatched().send_back(reason=" ", approved_by=CHIEF, by=WATER, at=T0)
    with pytest.raises(GuardRejected, match="approval must come from"):
        dispatched().send_back(reason="非职责", approved_by=WATER, by=WATER, at=T0)


def test_a_sent_back_event_can_be_reclassified() -> None:
    event = dispatched().send_back(reason="非职责", approved_by=CHIEF, by=WATER, at=T0)
    event = event.classify(category="road", priority=Priority.NORMAL, by=CENTER, at=T0)
    assert event.state is S.CLASSIFIED
    assert event.dispatch(to="d-water", by=CENTER, at=T0).state is S.DISPATCHED


# -- extension and deferral ----------------------------------------------------------------


def test_an_extension_with_approval_moves_the_due() -> None:
    event = dispatched().extend(
        rule=WorkingDays(5), reason="需更换管道", approved_by=CHIEF, by=WATER, at=T0.add(days=1)
    )
    assert event.extensions == 1
    assert event.deadline is not None
    assert event.deadline.due == pendulum.datetime(2026, 3, 16, tz=TZ).end_of("day")


def test_an_extension_past_its_bound_is_refused_and_nothing_changes() -> None:
    event = dispatched()
    with pytest.raises(DeadlineError, match="at most 5个工作日"):
        event.extend(rule=WorkingDays(6), reason="x", approved_by=CHIEF, by=WATER, at=T0)
    once = event.extend(rule=WorkingDays(5), reason="x", approved_by=CHIEF, by=WATER, at=T0)
    with pytest.raises(DeadlineError, match="at most 1 extension"):
        once.extend(rule=WorkingDays(1), reason="x", approved_by=CHIEF, by=WATER, at=T0)
    with pytest.raises(DeadlineError, match="extensions of at most"):
        event.extend(rule=Hours(3), reason="x", approved_by=CHIEF, by=WATER, at=T0)
    assert event.extensions == 0


def test_an_extension_is_requested_before_the_due() -> None:
    with pytest.raises(DeadlineError, match="it was due at"):
        dispatched().extend(
            rule=WorkingDays(1), reason="x", approved_by=CHIEF, by=WATER, at=T0.add(days=8)
        )


def test_an_emergency_allows_no_extension() -> None:
    with pytest.raises(DeadlineError, match="allows no extension"):
        dispatched(priority=Priority.EMERGENCY).extend(
            rule=Hours(1), reason="x", approved_by=CHIEF, by=WATER, at=T0
        )


def test_an_extension_needs_a_reason_and_another_approver() -> None:
    with pytest.raises(ValidationError, match=r"extend\.reason: must not be empty"):
        dispatched().extend(rule=WorkingDays(1), reason="", approved_by=CHIEF, by=WATER, at=T0)
    with pytest.raises(GuardRejected, match="approval must come from"):
        dispatched().extend(rule=WorkingDays(1), reason="x", approved_by=WATER, by=WATER, at=T0)


def test_a_deferral_pauses_the_clock_until_resumed() -> None:
    start = dispatched().start(by=WATER, at=T0)
    deferred = start.defer(reason="待汛期后施工", approved_by=CHIEF, by=WATER, at=T0.add(days=1))
    assert deferred.state is S.DEFERRED
    assert not deferred.overdue(T0.add(days=60))
    resumed = deferred.resume(by=WATER, at=pendulum.datetime(2026, 3, 13, 9, tz=TZ))
    assert resumed.state is S.HANDLING
    assert resumed.deadline is not None
    # Tue 3-3 to Fri 3-13: 9 working days not counted, so the due moves from 3-9 to 3-20
    assert resumed.deadline.due == pendulum.datetime(2026, 3, 20, tz=TZ).end_of("day")


def test_a_deferral_needs_a_reason_and_approval() -> None:
    with pytest.raises(ValidationError, match=r"defer\.reason: must not be empty"):
        dispatched().defer(reason="", approved_by=CHIEF, by=WATER, at=T0)
    with pytest.raises(GuardRejected):
        dispatched().defer(reason="x", approved_by=WATER, by=WATER, at=T0)


def test_a_same_day_limit_cannot_be_deferred() -> None:
    with pytest.raises(DeadlineError, match="cannot be paused"):
        dispatched(category="policy-inquiry").defer(reason="x", approved_by=CHIEF, by=WATER, at=T0)


# -- handling, verification, closing ------------------------------------------------------


def test_feedback_without_evidence_is_refused_when_the_category_requires_it() -> None:
    event = dispatched().start(by=WATER, at=T0)
    with pytest.raises(GuardRejected, match=r"下水道堵塞 .* needs evidence") as info:
        event.handle(evidence=(), by=WATER, at=T0)
    assert info.value.guard == "evidence_when_required & request_still_applies"
    answered = dispatched(category="policy-inquiry").handle(evidence=(), by=WATER, at=T0)
    assert answered.state is S.HANDLED


def test_evidence_references_must_be_non_empty_strings() -> None:
    event = dispatched()
    with pytest.raises(ValidationError, match="evidence"):
        event.handle(evidence=("",), by=WATER, at=T0)
    with pytest.raises(ValidationError, match="evidence"):
        event.handle(evidence=["photo"], by=WATER, at=T0)  # type: ignore[arg-type]


def test_closing_an_event_that_was_not_verified_is_refused() -> None:
    with pytest.raises(InvalidTransition, match=r"'handled' .*which allows only: .*verify"):
        handled().close(by=CENTER, at=T0)


def test_a_failed_check_sends_the_result_back_for_rework() -> None:
    event = handled().reject_feedback(reason="仍在漫溢", by=MEMBER, at=T0.add(hours=1))
    assert event.state is S.HANDLING
    assert event.reworks == 1
    assert (event.handled_at, event.on_time) == (None, None)
    with pytest.raises(ValidationError, match=r"reject_feedback\.reason: must not be empty"):
        handled().reject_feedback(reason="", by=MEMBER, at=T0)


# -- evaluation by the reporter ------------------------------------------------------------


def test_only_the_reporter_evaluates() -> None:
    with pytest.raises(GuardRejected, match=r"only the reporter \(person:r-1 \(孙淑霞\)\)"):
        closed().evaluate(by=MEMBER, at=T0)
    with pytest.raises(GuardRejected, match="only the reporter"):
        closed().reopen(reason="不满意", by=CENTER, at=T0)
    same_id_other_kind = Actor.department("r-1")
    with pytest.raises(GuardRejected):
        closed().evaluate(by=same_id_other_kind, at=T0)


def test_an_unsatisfied_reporter_reopens_the_event_for_rework() -> None:
    event = closed().reopen(reason="仍有异味", by=RESIDENT, at=T0.add(days=1))
    assert event.state is S.CLASSIFIED
    assert event.reworks == 1
    assert (event.department, event.deadline, event.handled_at) == (None, None, None)
    assert not event.closed
    redone = event.dispatch(to="d-water", by=CENTER, at=T0.add(days=1))
    assert redone.deadline is not None
    assert redone.deadline.started == T0.add(days=1)
    with pytest.raises(ValidationError, match=r"reopen\.reason: must not be empty"):
        closed().reopen(reason="", by=RESIDENT, at=T0)


# -- on the spot -------------------------------------------------------------------------


def test_a_grid_member_resolves_on_the_spot_with_evidence() -> None:
    event = reported(by=MEMBER).resolve_on_spot(
        category="litter", evidence=("before.jpg", "after.jpg"), by=MEMBER, at=T0.add(minutes=20)
    )
    assert event.state is S.VERIFIED
    assert (event.category, event.priority, event.on_time) == ("litter", Priority.NORMAL, True)
    done = event.close(by=CENTER, at=T0.add(hours=1)).evaluate(by=MEMBER, at=T0.add(hours=1))
    assert done.closed_on_time is True
    assert done.deadline is None


def test_on_the_spot_resolution_needs_evidence_and_a_known_category() -> None:
    with pytest.raises(ValidationError, match="needs evidence references"):
        reported().resolve_on_spot(category="litter", evidence=(), by=MEMBER, at=T0)
    with pytest.raises(GuardRejected, match="unknown category"):
        reported().resolve_on_spot(category="ufo", evidence=("p",), by=MEMBER, at=T0)


def test_a_reopened_on_the_spot_event_is_dispatched_for_rework() -> None:
    event = (
        reported()
        .resolve_on_spot(category="litter", evidence=("p",), by=MEMBER, at=T0)
        .close(by=CENTER, at=T0)
        .reopen(reason="又堆满了", by=RESIDENT, at=T0.add(days=1))
    )
    assert event.dispatch(to="d-cg", by=CENTER, at=T0.add(days=1)).state is S.DISPATCHED


# -- duplicates ----------------------------------------------------------------------------


def test_a_duplicate_is_linked_both_ways_and_closes() -> None:
    original = dispatched()
    copy = reported(id="E-2", by=MEMBER, at=T0.add(hours=1))
    copy, original = link_duplicates(copy, original, by=CENTER, at=T0.add(hours=2))
    assert (copy.state, copy.duplicate_of) == (S.DUPLICATE, "E-1")
    assert copy.is_final
    assert original.duplicates == ("E-2",)
    assert original.state is S.DISPATCHED


def test_an_event_is_not_its_own_duplicate_nor_linked_twice() -> None:
    event = reported()
    with pytest.raises(GuardRejected, match="cannot be a duplicate of itself"):
        link_duplicates(event, event, by=CENTER, at=T0)
    linked = event.link_duplicate(duplicate="E-2", by=CENTER, at=T0)
    with pytest.raises(GuardRejected, match="already linked"):
        linked.link_duplicate(duplicate="E-2", by=CENTER, at=T0)


def test_a_dispatched_event_can_no_longer_be_marked_duplicate() -> None:
    with pytest.raises(InvalidTransition):
        link_duplicates(dispatched(), reported(id="E-0"), by=CENTER, at=T0)


# -- escalation: 网格吹哨、部门报到 ------------------------------------------------------------


def test_escalation_goes_up_level_by_level() -> None:
    event = classified()
    assert (event.level, event.next_office) == (Level.GRID, COMMUNITY)
    up = event.escalate(to=COMMUNITY, by=MEMBER, at=T0.add(hours=1), reason="网格内无法解决")
    up = up.escalate(to=STREET, by=CENTER, at=T0.add(hours=2), reason="涉及多个部门")
    assert (up.level, up.office, up.next_office) == (Level.STREET, STREET, DISTRICT)
    assert [(s.to, s.level) for s in up.escalations] == [
        (COMMUNITY, Level.COMMUNITY),
        (STREET, Level.STREET),
    ]
    top = up.escalate(to=DISTRICT, by=CENTER, at=T0.add(hours=3), reason="报区")
    with pytest.raises(GuardRejected, match="110105 is the top of the tree"):
        top.escalate(to=DISTRICT, by=CENTER, at=T0.add(hours=4), reason="x")


def test_escalation_cannot_skip_a_level() -> None:
    with pytest.raises(
        GuardRejected, match=r"one level up, to 110105001002 .*not to 110105001"
    ) as info:
        classified().escalate(to=STREET, by=MEMBER, at=T0, reason="x")
    assert info.value.guard == "one_level_up"


def test_escalation_needs_a_reason_and_a_valid_code() -> None:
    with pytest.raises(ValidationError, match=r"escalate\.reason: must not be empty"):
        classified().escalate(to=COMMUNITY, by=MEMBER, at=T0, reason="")
    with pytest.raises(GuardRejected, match="not to 11010500"):
        classified().escalate(to="11010500", by=MEMBER, at=T0, reason="x")


def test_summoned_departments_must_report_within_the_limit() -> None:
    event = classified().summon(
        departments=("d-water", "d-cg", "d-zj"), by=CENTER, at=T0, reason="街乡吹哨"
    )
    due = pendulum.datetime(2026, 3, 3, tz=TZ).end_of("day")
    assert [(s.department, s.due) for s in event.summonses] == [
        ("d-water", due),
        ("d-cg", due),
        ("d-zj", due),
    ]
    event = event.report_in(department="d-water", by=WATER, at=T0.add(hours=1))
    event = event.report_in(department="d-cg", by=CG, at=due.add(microseconds=1))
    assert event.awaited == ("d-zj",)
    assert event.late(due) == ("d-cg",)
    assert event.late(due.add(days=1)) == ("d-cg", "d-zj")
    assert [s.department for s in event.summonses if s.reported is not None] == ["d-water", "d-cg"]


def test_summons_are_checked() -> None:
    event = classified()
    with pytest.raises(GuardRejected, match="unknown departments: d-moon"):
        event.summon(departments=("d-water", "d-moon"), by=CENTER, at=T0, reason="x")
    with pytest.raises(ValidationError, match="must not name the same item twice"):
        event.summon(departments=("d-water", "d-water"), by=CENTER, at=T0, reason="x")
    with pytest.raises(ValidationError, match="a summons names at least one department"):
        event.summon(departments=(), by=CENTER, at=T0, reason="x")
    with pytest.raises(ValidationError, match=r"summon\.reason: must not be empty"):
        event.summon(departments=("d-water",), by=CENTER, at=T0, reason="")
    once = event.summon(departments=("d-water",), by=CENTER, at=T0, reason="x")
    with pytest.raises(GuardRejected, match="already summoned and not yet reported: d-water"):
        once.summon(departments=("d-water",), by=CENTER, at=T0, reason="x")
    with pytest.raises(GuardRejected, match="d-cg has no summons"):
        once.report_in(department="d-cg", by=CG, at=T0)
    reported_in = once.report_in(department="d-water", by=WATER, at=T0)
    with pytest.raises(GuardRejected, match="d-water has no summons"):
        reported_in.report_in(department="d-water", by=WATER, at=T0)
    again = reported_in.summon(departments=("d-water",), by=CENTER, at=T0.add(days=3), reason="y")
    assert again.awaited == ("d-water",)


# -- time and machine ------------------------------------------------------------------------


def test_any_command_dated_before_the_last_change_is_refused() -> None:
    event = dispatched(at=T0.add(hours=1))
    with pytest.raises(ChronologyError):
        event.start(by=WATER, at=T0)


def test_the_machine_lists_its_commands() -> None:
    assert GRID_EVENT.commands[:4] == ("report", "register", "void", "classify")
    assert reported().allowed() == (
        "register",
        "void",
        "request_change",
        "refuse_request",
        "resolve_on_spot",
        "mark_duplicate",
        "link_duplicate",
        "escalate",
        "summon",
        "report_in",
    )


# -- random walks ---------------------------------------------------------------------------


def later(data: st.DataObject, event: GridEvent) -> pendulum.DateTime:
    minutes = data.draw(st.one_of(st.integers(0, 60 * 24 * 10), st.integers(-60, -1)), label="dt")
    return event.last_changed.add(minutes=minutes)


def pick(data: st.DataObject, *options: object) -> object:
    return data.draw(st.sampled_from(options))


def approve_or(data: st.DataObject, event: GridEvent, change: str) -> GridEvent | None:
    """Half the time, `change` is made as the approval of the open request for it (or
    of none), by anyone; otherwise (`None`) in one call."""
    pending = event.pending
    if (pending is not None and pending.change.value != change) or not data.draw(
        st.booleans(), label="approve"
    ):
        return None
    by: Actor = pick(data, CHIEF, WATER, CENTER)  # type: ignore[assignment]
    return event.approve_request(by=by, at=later(data, event))


def commands() -> dict[str, object]:
    return {
        "register": lambda e, d: e.register(by=CENTER, at=later(d, e)),
        "void": lambda e, d: (
            approve_or(d, e, "void")
            or e.void(reason="无效", approved_by=pick(d, CHIEF, CENTER), by=CENTER, at=later(d, e))
        ),
        "classify": lambda e, d: e.classify(
            category=pick(d, "drain", "policy-inquiry", "ufo"),
            priority=pick(d, *Priority),
            by=CENTER,
            at=later(d, e),
        ),
        "dispatch": lambda e, d: e.dispatch(
            to=pick(d, "d-water", "d-cg", "d-moon"), by=CENTER, at=later(d, e)
        ),
        "send_back": lambda e, d: (
            approve_or(d, e, "send_back")
            or e.send_back(
                reason="非职责", approved_by=pick(d, CHIEF, WATER), by=WATER, at=later(d, e)
            )
        ),
        "start": lambda e, d: e.start(by=WATER, at=later(d, e)),
        "extend": lambda e, d: (
            approve_or(d, e, "extend")
            or e.extend(
                rule=pick(d, WorkingDays(2), WorkingDays(6), Hours(1)),
                reason="协调",
                approved_by=pick(d, CHIEF, WATER),
                by=WATER,
                at=later(d, e),
            )
        ),
        "defer": lambda e, d: (
            approve_or(d, e, "defer")
            or e.defer(reason="缓办", approved_by=pick(d, CHIEF, WATER), by=WATER, at=later(d, e))
        ),
        "request_change": lambda e, d: e.request_change(
            change=pick(d, *ApprovedChange),
            reason="需审批",
            rule=pick(d, None, WorkingDays(2)),
            by=pick(d, WATER, CENTER),
            at=later(d, e),
        ),
        "refuse_request": lambda e, d: e.refuse_request(
            reason="不予批准", by=pick(d, CHIEF, WATER), at=later(d, e)
        ),
        "resume": lambda e, d: e.resume(by=WATER, at=later(d, e)),
        "handle": lambda e, d: e.handle(evidence=pick(d, (), ("p",)), by=WATER, at=later(d, e)),
        "reject_feedback": lambda e, d: e.reject_feedback(
            reason="未解决", by=MEMBER, at=later(d, e)
        ),
        "verify": lambda e, d: e.verify(by=MEMBER, at=later(d, e)),
        "add_evidence": lambda e, d: e.add_evidence(
            evidence=pick(d, ("photo",), ()), by=CENTER, at=later(d, e)
        ),
        "close": lambda e, d: e.close(by=CENTER, at=later(d, e)),
        "evaluate": lambda e, d: e.evaluate(by=pick(d, RESIDENT, MEMBER), at=later(d, e)),
        "reopen": lambda e, d: e.reopen(
            reason="不满意", by=pick(d, RESIDENT, MEMBER), at=later(d, e)
        ),
        "resolve_on_spot": lambda e, d: e.resolve_on_spot(
            category=pick(d, "litter", "ufo"), evidence=("p",), by=MEMBER, at=later(d, e)
        ),
        "mark_duplicate": lambda e, d: e.mark_duplicate(
            of=pick(d, "E-1", "E-2"), by=CENTER, at=later(d, e)
        ),
        "link_duplicate": lambda e, d: e.link_duplicate(
            duplicate=pick(d, "E-1", "E-3", "E-4"), by=CENTER, at=later(d, e)
        ),
        "escalate": lambda e, d: e.escalate(
            to=pick(d, COMMUNITY, STREET, DISTRICT), by=MEMBER, at=later(d, e), reason="吹哨"
        ),
        "summon": lambda e, d: e.summon(
            departments=pick(d, ("d-water",), ("d-cg", "d-zj"), ("d-moon",)),
            by=CENTER,
            at=later(d, e),
            reason="吹哨",
        ),
        "report_in": lambda e, d: e.report_in(
            department=pick(d, "d-water", "d-cg"), by=WATER, at=later(d, e)
        ),
    }


def assert_closed_only_after_verification(event: GridEvent) -> None:
    for i, change in enumerate(event.history):
        if isinstance(change, Closed):
            assert replay(event.history[:i]).state is S.VERIFIED


@given(st.data(), instants(days=3 * 365))
def test_random_walks_over_the_grid_event_machine(
    data: st.DataObject, start: pendulum.DateTime
) -> None:
    event = random_walk(data, reported(at=start), commands(), steps=40)  # type: ignore[arg-type]
    assert_closed_only_after_verification(event)


@given(st.data(), instants(days=3 * 365))
def test_random_walks_from_a_dispatched_event(
    data: st.DataObject, start: pendulum.DateTime
) -> None:
    event = random_walk(data, dispatched(at=start), commands(), steps=40)  # type: ignore[arg-type]
    assert_closed_only_after_verification(event)
    assert from_dict(json.loads(json.dumps(to_dict(event))), GridEvent) == event


# -- serde ---------------------------------------------------------------------------------


def round_trip(event: GridEvent) -> GridEvent:
    return from_dict(json.loads(json.dumps(to_dict(event))), GridEvent)


def test_every_kind_of_event_round_trips_through_json() -> None:
    busy = (
        dispatched()
        .escalate(to=COMMUNITY, by=MEMBER, at=T0, reason="吹哨")
        .summon(departments=("d-cg",), by=CENTER, at=T0, reason="吹哨")
        .report_in(department="d-cg", by=CG, at=T0.add(hours=1))
        .extend(rule=WorkingDays(2), reason="x", approved_by=CHIEF, by=WATER, at=T0.add(hours=1))
        .defer(reason="y", approved_by=CHIEF, by=WATER, at=T0.add(hours=2))
        .resume(by=WATER, at=T0.add(days=2))
        .handle(evidence=("p",), by=WATER, at=T0.add(days=3))
        .reject_feedback(reason="z", by=MEMBER, at=T0.add(days=3))
        .handle(evidence=("p2",), by=WATER, at=T0.add(days=4))
        .verify(by=MEMBER, at=T0.add(days=4))
        .close(by=CENTER, at=T0.add(days=4))
        .link_duplicate(duplicate="E-7", by=CENTER, at=T0.add(days=4))
        .reopen(reason="w", by=RESIDENT, at=T0.add(days=5))
    )
    sent_back = dispatched().send_back(reason="x", approved_by=CHIEF, by=WATER, at=T0)
    voided = reported().void(reason="x", approved_by=CHIEF, by=CENTER, at=T0)
    on_spot = reported().resolve_on_spot(category="litter", evidence=("p",), by=MEMBER, at=T0)
    duplicate = reported().mark_duplicate(of="E-0", by=CENTER, at=T0)
    evaluated = closed().evaluate(by=RESIDENT, at=T0)
    for event in (busy, sent_back, voided, on_spot, duplicate, evaluated):
        assert round_trip(event) == event


def test_a_grid_event_pickles_and_copies_to_an_equal_value() -> None:
    event = closed()
    assert pickle.loads(pickle.dumps(event)) == event
    assert copy.deepcopy(event) == event


# -- the boundary: every argument checked before any rule ------------------------------------


def assert_refused(error: pytest.ExceptionInfo[ValidationError], path: str) -> None:
    assert path in error.value.paths
    assert error.value.subject == "GridEvent command"


def assert_unchanged(event: GridEvent, before: GridEvent) -> None:
    assert event == before
    assert replay(event.history) == before


def test_classify_refuses_a_priority_given_as_its_string() -> None:
    event = reported().register(by=CENTER, at=T0)
    before = copy.deepcopy(event)
    with pytest.raises(ValidationError, match=r"pass Priority\('emergency'\)") as info:
        event.classify(category="drain", priority="emergency", by=CENTER, at=T0)  # type: ignore[arg-type]
    assert_refused(info, "classify.priority")
    assert_unchanged(event, before)


def test_a_julu_emergency_classified_with_the_member_is_due_in_two_hours() -> None:
    event = dispatched(priority=Priority.EMERGENCY)
    assert event.deadline is not None
    assert event.deadline.due == T0.add(hours=2)


def test_report_refuses_a_channel_given_as_its_string() -> None:
    with pytest.raises(ValidationError, match=r"pass Channel\('patrol'\)") as info:
        GridEvent.report(
            id="E-9",
            policy=POLICY,
            grid=GRID,
            channel="patrol",  # type: ignore[arg-type]
            description="井盖缺失",
            by=MEMBER,
            at=T0,
        )
    assert_refused(info, "report.channel")


def test_report_refuses_an_empty_id() -> None:
    with pytest.raises(ValidationError, match=r"report\.id: must not be empty") as info:
        GridEvent.report(
            id="", policy=POLICY, grid=GRID, channel=Channel.PATROL, description="x", by=MEMBER,
            at=T0,
        )  # fmt: skip
    assert_refused(info, "report.id")


def test_report_names_every_bad_argument_at_once() -> None:
    with pytest.raises(ValidationError) as info:
        GridEvent.report(
            id="", policy=POLICY, grid=GRID, channel="video", description=" ", by=MEMBER,  # type: ignore[arg-type]
            at=pendulum.naive(2026, 3, 2, 9),
        )  # fmt: skip
    assert info.value.paths == ("report.id", "report.channel", "report.description", "report.at")


def test_a_report_may_leave_the_location_empty() -> None:
    empty = "".join([])  # an empty string that is not the default object
    event = GridEvent.report(
        id="E-9", policy=POLICY, grid=GRID, channel=Channel.PATROL, description="x", by=MEMBER,
        at=T0, location=empty,
    )  # fmt: skip
    assert event.location == ""


@pytest.mark.parametrize(
    ("command", "call"),
    [
        ("void", lambda e: e.void(reason=" ", approved_by=CHIEF, by=CENTER, at=T0)),
        ("reopen", lambda e: e.reopen(reason="", by=RESIDENT, at=T0)),
        ("escalate", lambda e: e.escalate(to=COMMUNITY, by=MEMBER, at=T0, reason="\t")),
    ],
)
def test_a_blank_reason_is_refused_with_the_command_and_parameter(
    command: str, call: object
) -> None:
    event = reported()
    before = copy.deepcopy(event)
    with pytest.raises(ValidationError, match="must not be empty") as info:
        call(event)  # type: ignore[operator]
    assert_refused(info, f"{command}.reason")
    assert_unchanged(event, before)


def test_resolve_on_spot_refuses_an_empty_evidence_tuple_by_its_own_rule() -> None:
    event = reported()
    before = copy.deepcopy(event)
    with pytest.raises(ValidationError, match="needs evidence references") as info:
        event.resolve_on_spot(category="litter", evidence=(), by=MEMBER, at=T0)
    assert_refused(info, "resolve_on_spot.evidence")
    assert_unchanged(event, before)


def test_handle_refuses_a_blank_evidence_reference() -> None:
    event = dispatched()
    before = copy.deepcopy(event)
    with pytest.raises(ValidationError, match="must not be empty") as info:
        event.handle(evidence=("photo", " "), by=WATER, at=T0)
    assert_refused(info, "handle.evidence[1]")
    assert_unchanged(event, before)


def test_summon_refuses_a_department_named_twice() -> None:
    event = classified()
    before = copy.deepcopy(event)
    with pytest.raises(ValidationError, match="must not name the same item twice") as info:
        event.summon(departments=("d-cg", "d-cg"), by=CENTER, at=T0, reason="x")
    assert_refused(info, "summon.departments")
    assert_unchanged(event, before)


def test_summon_refuses_an_empty_tuple_by_its_own_rule() -> None:
    event = classified()
    with pytest.raises(ValidationError, match="at least one department") as info:
        event.summon(departments=(), by=CENTER, at=T0, reason="x")
    assert_refused(info, "summon.departments")
    assert_unchanged(event, classified())


@pytest.mark.parametrize("bad", [pendulum.naive(2026, 3, 3), T0.naive(), "2026-03-03", None])
def test_the_clock_queries_refuse_an_instant_that_is_not_aware(bad: object) -> None:
    event = dispatched()
    for query in ("overdue", "remaining", "late"):
        with pytest.raises(ValidationError) as info:
            getattr(event, query)(bad)
        assert info.value.paths == (f"{query}.at",)
        assert info.value.subject == "GridEvent call"


def test_a_summons_is_late_only_given_an_aware_instant() -> None:
    event = classified().summon(departments=("d-cg",), by=CENTER, at=T0, reason="x")
    with pytest.raises(ValidationError) as info:
        event.summonses[0].late(T0.naive())
    assert info.value.paths == ("late.at",)
    assert not event.summonses[0].late(T0)


def test_a_summons_and_an_escalation_check_their_fields() -> None:
    with pytest.raises(ValidationError) as info:
        Summons(department="", at=T0, due=T0.naive())
    assert info.value.paths == ("department",)
    with pytest.raises(ValidationError) as info:
        Escalation(to=COMMUNITY, level="community", at=T0, by=MEMBER)  # type: ignore[arg-type]
    assert info.value.paths == ("level",)
