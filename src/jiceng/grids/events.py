"""The events of grid management (网格化管理), one class per thing that happens.

Histories are stored as machine name + event class name: these are the classes.

- The grid tree (`grids.grid`): `GridDrawn`, `HouseholdsCounted`, `StaffAssigned`,
  `StaffRelieved`, `GridRetired`.
- Grid events (`grids.grid_event`): `Reported` → `Registered` → `Classified` →
  `Dispatched` → `Started` → `Handled` → `Verified` → `Closed` → `Evaluated`, with
  `Voided`, `SentBack`, `Extended`, `Deferred`, `Resumed`, `FeedbackRejected`, `Reopened`,
  `ResolvedOnSpot`, `EvidenceAdded`, `MarkedDuplicate`, `DuplicateLinked`, `Escalated`,
  `Summoned` and `ReportedIn`; `ChangeRequested` and `RequestRefused` for approvals in
  two steps.
"""

from jiceng.grids._grid_data import (
    GridDrawn,
    GridRetired,
    HouseholdsCounted,
    StaffAssigned,
    StaffRelieved,
)
from jiceng.grids._grid_event_data import (
    ChangeRequested,
    Classified,
    Closed,
    Deferred,
    Dispatched,
    DuplicateLinked,
    Escalated,
    Evaluated,
    EvidenceAdded,
    Extended,
    FeedbackRejected,
    Handled,
    MarkedDuplicate,
    Registered,
    Reopened,
    Reported,
    ReportedIn,
    RequestRefused,
    ResolvedOnSpot,
    Resumed,
    SentBack,
    Started,
    Summoned,
    Verified,
    Voided,
)

__all__ = [
    "ChangeRequested",
    "Classified",
    "Closed",
    "Deferred",
    "Dispatched",
    "DuplicateLinked",
    "Escalated",
    "Evaluated",
    "EvidenceAdded",
    "Extended",
    "FeedbackRejected",
    "GridDrawn",
    "GridRetired",
    "Handled",
    "HouseholdsCounted",
    "MarkedDuplicate",
    "Registered",
    "Reopened",
    "Reported",
    "ReportedIn",
    "RequestRefused",
    "ResolvedOnSpot",
    "Resumed",
    "SentBack",
    "StaffAssigned",
    "StaffRelieved",
    "Started",
    "Summoned",
    "Verified",
    "Voided",
]
