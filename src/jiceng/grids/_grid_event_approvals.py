"""Approvals of grid events in two steps: the guards and folds of a request for a change
that needs a superior's approval (作废, 回退, 延期, 缓办), its approval and its refusal.

Where the policy lists a change in `two_step`, the caseworker's `request_change` records a
`ChangeRequested` and the event holds it as `pending`; another person's `approve_request`
records the change's own event (`Voided`, `SentBack`, `Extended`, `Deferred`) with
`approved_by` set, through the change's own row, and `refuse_request` records a
`RequestRefused`. Either clears `pending`. While a request is open, no other change that
needs approval runs, and no command leaves the event where the request could no longer
apply. The SLA clock runs while a request is open (an extension must still be approved
before the due; a deferral pauses the clock from its approval).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jiceng import Guard
from jiceng.exceptions import DeadlineError
from jiceng.grids._grid_event_data import (
    ChangeRequest,
    ChangeRequested,
    Deferred,
    Extended,
    GridEventRecord,
    RequestRefused,
    SentBack,
    Voided,
)
from jiceng.grids._policy import ApprovedChange

__all__ = [
    "CHANGE_OF",
    "approved_by_another",
    "change_applied",
    "refusable",
    "request_refused",
    "requestable",
    "requested",
    "with_open_request_check",
]

CHANGE_OF: Mapping[type[Any], ApprovedChange] = {
    Voided: ApprovedChange.VOID,
    SentBack: ApprovedChange.SEND_BACK,
    Extended: ApprovedChange.EXTEND,
    Deferred: ApprovedChange.DEFER,
}
"""The change each approved event makes."""

Change = Voided | SentBack | Extended | Deferred


def _two_steps(event: GridEventRecord, change: ApprovedChange) -> str:
    return (
        f"policy {event.policy.name!r} needs {change.zh} ({change.value}) approved in two "
        f"steps: request_change(change={change.name}) by the caseworker, then "
        "approve_request by someone else"
    )


def _open(request: ChangeRequest) -> str:
    return (
        f"a request to {request.change.value} ({request.change.zh}) by {request.by} is open: "
        "approve or refuse it first"
    )


# -- 作废, 回退, 延期, 缓办: approved in one call, or the approval of an open request --
def approved_by_another(event: GridEventRecord, change: Change) -> str | None:
    """回退, 作废, 延期, 缓办 need the approval of someone other than who asks; where the
    policy needs it in two steps, only as the approval of the open request for it."""
    if change.approved_by.same_as(change.by):
        return f"the approval must come from someone other than {change.by}"
    kind = CHANGE_OF[type(change)]
    request = event.pending
    if request is None:
        return _two_steps(event, kind) if kind in event.policy.two_step else None
    rule = change.rule if isinstance(change, Extended) else None
    asked = (request.change, request.by, request.reason, request.rule)
    if asked != (kind, change.by, change.reason, rule) or kind not in event.policy.two_step:
        return _open(request)
    return None


def change_applied(event: GridEventRecord, change: Change) -> Mapping[str, Any]:
    """An approved change closes the request it answers."""
    return {"pending": None}


# -- 申请 request a change --
def requestable(event: GridEventRecord, change: ChangeRequested) -> str | None:
    """A request is for a change the policy needs in two steps, allowed now, one at a time."""
    kind = change.change
    if kind not in event.policy.two_step:
        return (
            f"policy {event.policy.name!r} lets {kind.zh} ({kind.value}) be done in one call: "
            f"{kind.value}(..., approved_by=)"
        )
    if event.pending is not None:
        return _open(event.pending)
    if kind.value not in event.machine.allowed(event.state):
        return f"{kind.value} ({kind.zh}) is not allowed from {event.state.value!r}"
    try:  # a change the clock would refuse is refused when asked for, not only on approval
        if kind is ApprovedChange.EXTEND:
            assert change.rule is not None  # the command requires it
            event._deadline.extend(change.rule, change.at, change.by, change.reason or "")
        elif kind is ApprovedChange.DEFER:
            event._deadline.pause(change.at, change.reason or "", change.by)
    except DeadlineError as err:
        return str(err)
    return None


def requested(_: GridEventRecord, change: ChangeRequested) -> Mapping[str, Any]:
    assert change.reason is not None
    request = ChangeRequest(
        change=change.change, reason=change.reason, by=change.by, at=change.at, rule=change.rule
    )
    return {"pending": request}


# -- 不予批准 refuse the request --
def refusable(event: GridEventRecord, change: RequestRefused) -> str | None:
    """Only an open request can be refused, and by someone other than who asked."""
    request = event.pending
    if request is None:
        return "no request is open"
    if change.by.same_as(request.by):
        return f"the refusal must come from someone other than {request.by}"
    return None


def request_refused(_: GridEventRecord, __: RequestRefused) -> Mapping[str, Any]:
    return {"pending": None}


# -- every other command that moves the event on --
def request_still_applies(event: GridEventRecord, change: Any) -> str | None:
    """While a request is open, the event does not move where it could no longer apply."""
    request = event.pending
    if request is None:
        return None
    machine = event.machine
    target = machine.for_event(type(change)).target
    if target is None or request.change.value in machine.allowed(target):
        return None
    return _open(request)


def with_open_request_check(guard: Guard | None) -> Guard:
    """`guard` (if any), then `request_still_applies`; named after both."""
    if guard is None:
        return request_still_applies

    def both(event: GridEventRecord, change: Any) -> str | None:
        return guard(event, change) or request_still_applies(event, change)

    both.__name__ = f"{getattr(guard, '__name__', repr(guard))} & request_still_applies"
    return both
