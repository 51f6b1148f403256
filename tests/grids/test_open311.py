from __future__ import annotations

import json
from typing import Any

import pytest

from jiceng import replay
from jiceng.exceptions import ValidationError
from jiceng.grids import Channel, GeoPoint, GridEvent, Priority
from jiceng.grids.open311 import from_open311, services, to_open311
from tests.grids.fixtures import (
    CENTER,
    CHIEF,
    GRID,
    POLICY,
    RESIDENT,
    T0,
    WATER,
    closed,
    dispatched,
    reported,
)


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


def test_the_services_list_has_one_service_per_category_item() -> None:
    listed = services(POLICY)
    assert len(listed) == POLICY.categories.item_count
    assert listed[[s["service_code"] for s in listed].index("drain")] == {
        "service_code": "drain",
        "service_name": "下水道堵塞",
        "description": "Blocked drain",
        "metadata": False,
        "type": "realtime",
        "keywords": "city, Blocked drain",
        "group": "城市管理",
    }
    assert json.loads(json.dumps(listed)) == listed


GOOD: dict[str, Any] = {
    "service_code": "drain",
    "lat": 39.92,
    "long": 116.46,
    "address_string": "幸福路12号",
    "description": "下水道堵塞",
}


def bad_fields(request: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        from_open311(request, policy=POLICY)
    return {e.path: e.message for e in info.value.errors}


def test_a_service_request_reads_as_a_report_and_its_category() -> None:
    arguments, category = from_open311(GOOD, policy=POLICY)
    assert (arguments, category) == (
        {"description": "下水道堵塞", "location": "幸福路12号", "point": GeoPoint(39.92, 116.46)},
        "drain",
    )
    event = GridEvent.report(
        id="E-9",
        policy=POLICY,
        grid=GRID,
        channel=Channel.RESIDENT,
        by=RESIDENT,
        at=T0,
        **arguments,
    ).register(by=CENTER, at=T0)
    classified = event.classify(category=category, priority=Priority.NORMAL, by=CENTER, at=T0)
    assert (classified.location, classified.category) == ("幸福路12号", "drain")
    assert classified.point == GeoPoint(39.92, 116.46)
    assert (to_open311(classified)["lat"], to_open311(classified)["long"]) == (39.92, 116.46)


def test_coordinates_alone_are_the_point_and_leave_the_location_empty() -> None:
    request = {k: v for k, v in GOOD.items() if k != "address_string"}
    assert from_open311(request, policy=POLICY)[0]["point"] == GeoPoint(39.92, 116.46)
    assert from_open311({**request, "lat": "90", "long": "-180"}, policy=POLICY)[0] == {
        "description": "下水道堵塞",
        "location": "",
        "point": GeoPoint(90.0, -180.0),
    }


def test_an_address_alone_is_the_location_with_no_point() -> None:
    request = {k: v for k, v in GOOD.items() if k not in ("lat", "long")}
    arguments = from_open311(request, policy=POLICY)[0]
    assert (arguments["location"], arguments["point"]) == ("幸福路12号", None)


def test_an_unknown_service_code_is_refused() -> None:
    assert list(bad_fields({**GOOD, "service_code": "potholes"})) == ["service_code"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("lat", 90.0001), ("lat", -90.5), ("long", 180.01), ("long", -181), ("lat", "north"),
     ("lat", True), ("long", float("nan")), ("lat", [1])],
)  # fmt: skip
def test_a_coordinate_out_of_range_or_not_a_number_is_refused(field: str, value: object) -> None:
    assert list(bad_fields({**GOOD, field: value})) == [field]


def test_the_bounds_themselves_are_allowed() -> None:
    for lat, long in ((90, 180), (-90, -180), (0, 0)):
        from_open311({**GOOD, "lat": lat, "long": long}, policy=POLICY)


def test_one_coordinate_without_the_other_is_refused() -> None:
    assert list(bad_fields({**GOOD, "long": None})) == ["long"]
    assert list(bad_fields({k: v for k, v in GOOD.items() if k != "lat"})) == ["lat"]


def test_every_missing_required_field_is_named_at_once() -> None:
    assert set(bad_fields({})) == {"service_code", "address_string", "description"}
    assert set(bad_fields({"service_code": " ", "address_string": " ", "description": " "})) == {
        "service_code",
        "address_string",
        "description",
    }
