"""Grid events as Open311 GeoReport v2 service requests, a policy's categories as its
services, and service requests read back as reports: pure mappings, no I/O."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from jiceng.exceptions import FieldError, ValidationError
from jiceng.grids._grid_event import GridEvent
from jiceng.grids._grid_event_data import GeoPoint, GridEventState
from jiceng.grids._policy import GridEventPolicy

_CLOSED = frozenset(
    {
        GridEventState.CLOSED,
        GridEventState.EVALUATED,
        GridEventState.VOIDED,
        GridEventState.DUPLICATE,
    }
)


def to_open311(event: GridEvent) -> dict[str, Any]:
    """`event` as a GeoReport v2 service request (a JSON-ready dict).

    `status` is ``"closed"`` once the case is closed, voided or merged as a duplicate;
    `lat` and `long` are given when the event has a point location (`point`);
    `expected_datetime` is the due of a running clock: `None` before dispatch, while the
    clock is paused, once the result is reported, and for a closed request. Date-times
    are ISO 8601 with their offset.

    >>> import pendulum
    >>> from jiceng import Actor
    >>> from jiceng.grids._codes import BEIJING_DB11
    >>> from jiceng.grids._policy import GENERAL_CATEGORIES, JULU_SLA, Channel, GridEventPolicy
    >>> policy = GridEventPolicy(name="demo", scheme=BEIJING_DB11,
    ...     categories=GENERAL_CATEGORIES, departments=(), sla=JULU_SLA)
    >>> e = GridEvent.report(id="E-1", policy=policy, grid="110105001002003",
    ...     channel=Channel.RESIDENT, description="路灯不亮", by=Actor.person("r-1"),
    ...     at=pendulum.datetime(2026, 3, 2, 9, tz="Asia/Shanghai"))
    >>> to_open311(e)["status"], to_open311(e)["status_notes"]
    ('open', '已上报 (Reported)')
    """
    policy = event.policy
    item = policy.categories.item(event.category) if event.category else None
    department = policy.department(event.department).name if event.department else None
    clock = event.deadline
    running = (
        clock is not None
        and not clock.is_paused
        and event.handled_at is None
        and event.state not in _CLOSED
    )
    expected = clock.due.isoformat() if running and clock is not None else None
    notes = f"{event.state.zh} ({event.state.en})"
    if event.state is GridEventState.DUPLICATE:
        notes += f": duplicate of {event.duplicate_of}"
    elif event.state is GridEventState.VOIDED:
        notes += f": {event.history[-1].reason}"
    request: dict[str, Any] = {
        "service_request_id": event.id,
        "status": "closed" if event.state in _CLOSED else "open",
        "status_notes": notes,
        "service_code": event.category,
        "service_name": item.label.zh if item else None,
        "description": event.description,
        "agency_responsible": department,
        "requested_datetime": event.created.isoformat(),
        "updated_datetime": event.last_changed.isoformat(),
        "expected_datetime": expected,
        "address": event.location or None,
    }
    if event.point is not None:
        request["lat"], request["long"] = event.point.latitude, event.point.longitude
    return request


def services(policy: GridEventPolicy) -> list[dict[str, Any]]:
    """The GeoReport v2 `services` resource of `policy`: one service per category item.

    `service_code` is the item's code, `service_name` its Chinese label, `description`
    its English one; `group` is the class's Chinese label and `keywords` the class code
    and the item's English label. Every service is ``"realtime"`` (a request gets its id
    at once) and has no extra attributes (`metadata` false).

    >>> from jiceng.grids._codes import BEIJING_DB11
    >>> from jiceng.grids._policy import GENERAL_CATEGORIES, JULU_SLA, GridEventPolicy
    >>> policy = GridEventPolicy(name="demo", scheme=BEIJING_DB11,
    ...     categories=GENERAL_CATEGORIES, departments=(), sla=JULU_SLA)
    >>> services(policy)[0]["service_code"], services(policy)[0]["group"]
    ('outbreak', '安全隐患')
    """
    return [
        {
            "service_code": item.code,
            "service_name": item.label.zh,
            "description": item.label.en,
            "metadata": False,
            "type": "realtime",
            "keywords": f"{cls.code}, {item.label.en}",
            "group": cls.label.zh,
        }
        for cls in policy.categories.classes
        for item in cls.items
    ]


def _coordinate(request: Mapping[str, Any], key: str, bound: int) -> tuple[float | None, str]:
    value = request.get(key)
    if value is None:
        return None, ""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None, f"must be a number of degrees, got {value!r}"
    try:
        degrees = float(value)
    except ValueError:
        return None, f"must be a number of degrees, got {value!r}"
    if not math.isfinite(degrees) or not -bound <= degrees <= bound:
        return None, f"must be between -{bound} and {bound} degrees, got {value!r}"
    return degrees, ""


def _text(request: Mapping[str, Any], key: str) -> str:
    value = request.get(key)
    return value.strip() if isinstance(value, str) else ""


def from_open311(
    request: Mapping[str, Any], *, policy: GridEventPolicy
) -> tuple[dict[str, Any], str]:
    """A GeoReport v2 service request (a dict as POSTed to `requests`) read for a report.

    Returns the `description`, `location` and `point` arguments of `GridEvent.report`
    and the service code, a category item of `policy` to `classify` the event with; the
    caller adds the id, grid, channel, reporter and time. GeoReport asks for a
    `service_code` and a location (`lat` and `long`, or an `address_string`); a report
    also needs a `description`. The point is a `GeoPoint` of `lat` and `long` (`None`
    without them), and the location the `address_string` (empty without one). Every bad
    field raises one `ValidationError` with the path of each: an unknown or missing
    `service_code`, a latitude outside ±90° or a longitude outside ±180°, one coordinate
    without the other, no location at all, a missing or blank `description`.

    >>> from jiceng.grids._codes import BEIJING_DB11
    >>> from jiceng.grids._policy import GENERAL_CATEGORIES, JULU_SLA, GridEventPolicy
    >>> policy = GridEventPolicy(name="demo", scheme=BEIJING_DB11,
    ...     categories=GENERAL_CATEGORIES, departments=(), sla=JULU_SLA)
    >>> arguments, code = from_open311({"service_code": "lighting", "lat": 39.9,
    ...     "long": 116.4, "description": "路灯不亮"}, policy=policy)
    >>> arguments["point"], arguments["location"], code
    (GeoPoint(latitude=39.9, longitude=116.4), '', 'lighting')
    """
    errors: list[FieldError] = []
    code = request.get("service_code")
    if not isinstance(code, str) or not code.strip():
        errors.append(FieldError("service_code", "is required"))
    elif code not in policy.categories:
        errors.append(
            FieldError(
                "service_code",
                f"unknown service {code!r}: the category tree "
                f"{policy.categories.name!r} has no such item",
            )
        )
    lat, lat_error = _coordinate(request, "lat", 90)
    long, long_error = _coordinate(request, "long", 180)
    errors += [FieldError(k, m) for k, m in (("lat", lat_error), ("long", long_error)) if m]
    address = _text(request, "address_string")
    has_lat, has_long = request.get("lat") is not None, request.get("long") is not None
    if has_lat != has_long:
        missing = "long" if has_lat else "lat"
        errors.append(FieldError(missing, "is required with the other coordinate"))
    elif not has_lat and not address:
        errors.append(
            FieldError("address_string", "a request needs lat and long, or an address_string")
        )
    description = _text(request, "description")
    if not description:
        errors.append(FieldError("description", "is required: a report says what was found"))
    if errors:
        raise ValidationError(errors, subject="Open311 service request")
    point = GeoPoint(lat, long) if lat is not None and long is not None else None
    return {"description": description, "location": address, "point": point}, str(code)
