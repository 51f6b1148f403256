"""Grid events as Open311 GeoReport v2 service requests: a pure mapping, no I/O."""

from __future__ import annotations

from typing import Any

from jiceng.grids._grid_event import GridEvent
from jiceng.grids._grid_event_data import GridEventState

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
    return {
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
