"""Point locations of grid events (WGS-84), as Open311 GeoReport v2 gives `lat` and `long`."""

from __future__ import annotations

import json
import math
import pathlib

import pytest

from jiceng.exceptions import ValidationError
from jiceng.grids import Channel, GeoPoint, GridEvent
from jiceng.grids.events import Reported
from jiceng.grids.open311 import from_open311, to_open311
from jiceng.serde import from_dict, to_dict
from tests.grids.fixtures import GRID, POLICY, RESIDENT, T0, reported

GOLDEN = pathlib.Path(__file__).parent.parent / "golden"


def at(point: GeoPoint | None) -> GridEvent:
    return GridEvent.report(
        id="E-1",
        policy=POLICY,
        grid=GRID,
        channel=Channel.RESIDENT,
        description="路灯不亮",
        point=point,
        by=RESIDENT,
        at=T0,
    )


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [(90, 180), (-90, -180), (90.0, -180.0), (0, 0), (39.9042, 116.4074), (89.999999, 179.999999)],
)
def test_the_bounds_themselves_are_allowed(latitude: float, longitude: float) -> None:
    point = GeoPoint(latitude, longitude)
    assert at(point).point == point


@pytest.mark.parametrize(
    ("latitude", "longitude", "path"),
    [
        (90.000001, 0, "latitude"),
        (-90.000001, 0, "latitude"),
        (0, 180.000001, "longitude"),
        (0, -180.000001, "longitude"),
        (math.nan, 0, "latitude"),
        (0, math.inf, "longitude"),
        (True, 0, "latitude"),
        ("39.9", 0, "latitude"),
    ],
)
def test_a_point_beyond_the_bounds_or_not_a_number_is_refused(
    latitude: object, longitude: object, path: str
) -> None:
    with pytest.raises(ValidationError) as info:
        GeoPoint(latitude, longitude)  # type: ignore[arg-type]
    assert info.value.paths == (path,)


def test_a_report_takes_only_a_point_as_its_point() -> None:
    with pytest.raises(ValidationError) as info:
        at((39.9, 116.4))  # type: ignore[arg-type]
    assert info.value.paths == ("report.point",)
    assert at(None).point is None
    assert reported().point is None


def test_open311_gives_lat_and_long_only_with_a_point() -> None:
    request = to_open311(at(GeoPoint(39.9042, 116.4074)))
    assert (request["lat"], request["long"]) == (39.9042, 116.4074)
    assert json.loads(json.dumps(request)) == request
    assert "lat" not in to_open311(at(None))
    assert "long" not in to_open311(at(None))


def test_a_point_survives_open311_out_and_back() -> None:
    out = to_open311(at(GeoPoint(-33.8688, 151.2093)))
    back, _ = from_open311({**out, "service_code": "lighting"}, policy=POLICY)
    assert back["point"] == GeoPoint(-33.8688, 151.2093)


def test_a_point_round_trips_through_json_documents() -> None:
    event = at(GeoPoint(39.9042, 116.4074))
    document = json.loads(json.dumps(to_dict(event)))
    assert document["point"] == {"latitude": 39.9042, "longitude": 116.4074}
    assert from_dict(document, GridEvent) == event
    first = to_dict(event.history[0])
    assert from_dict(json.loads(json.dumps(first)), Reported) == event.history[0]


def test_documents_stored_before_points_read_with_none() -> None:
    for path in sorted(GOLDEN.glob("v1/*-grids.grid_event.json")):
        golden = json.loads(path.read_text(encoding="utf-8"))
        assert golden["entity"]["schema"] == 1
        assert "point" not in golden["entity"]
        event = from_dict(golden["entity"], GridEvent)
        assert event.point is None
        assert event.history[0].point is None  # type: ignore[attr-defined]
