from __future__ import annotations

import json

from jiceng import replay
from jiceng.grids import GridEvent
from jiceng.grids.open311 import to_open311
from tests.grids.fixtures import CENTER, CHIEF, WATER, closed, dispatched, reported


def test_a_dispatched_event_is_an_open_request_with_its_agency_and_due() -> None:
    request = to_open311(dispatched())
    assert request == {
        "service_request_id": "E-1",
        "status": "open",
        "status_notes": "已派遣 (Dispatched)",
        "service_code": "drain",
        "service_name": "下水道堵塞",
        "description": "下水道堵塞，污水漫溢",
        "agency_responsible": "水务局",
        "requested_datetime": "2026-03-02T09:00:00+08:00",
        "updated_datetime": "2026-03-02T09:00:00+08:00",
        "expected_datetime": "2026-03-09T23:59:59.999999+08:00",
        "address": "幸福路12号",
    }
    assert json.loads(json.dumps(request)) == request


def test_a_deferred_event_has_no_expected_datetime() -> None:
    deferred = dispatched().defer(reason="x", approved_by=CHIEF, by=WATER, at=dispatched().created)
    assert to_open311(deferred)["expected_datetime"] is None


def test_a_handled_closed_or_evaluated_event_has_no_expected_datetime() -> None:
    done = closed()
    assert done.deadline is not None  # the clock is kept, as a record
    assert to_open311(done)["expected_datetime"] is None
    handled = done.history[: [type(e).__name__ for e in done.history].index("Handled") + 1]
    assert to_open311(replay(handled, GridEvent))["expected_datetime"] is None
    evaluated = done.evaluate(by=done.reporter, at=done.last_changed.add(hours=1))
    assert to_open311(evaluated)["expected_datetime"] is None


def test_closed_voided_and_duplicate_events_are_closed_requests() -> None:
    assert to_open311(closed())["status"] == "closed"
    voided = reported().void(reason="不实", approved_by=CHIEF, by=CENTER, at=reported().created)
    assert to_open311(voided)["status_notes"] == "已作废 (Voided): 不实"
    assert to_open311(voided)["service_code"] is None
    duplicate = reported().mark_duplicate(of="E-0", by=CENTER, at=reported().created)
    assert to_open311(duplicate)["status_notes"] == "重复件 (Duplicate): duplicate of E-0"
    assert to_open311(duplicate)["status"] == "closed"
