"""The events of the points system: every event class its machine tables record.

`jiceng.points.events.Recorded` and the like: what `PointsLedger` and `RuleBookAdoption`
commands write into their histories (stored as the machine's name and the class name).
"""

from jiceng.points._events import (
    Abandoned,
    Adopted,
    AdoptionOpened,
    Approved,
    BaseGranted,
    CycleClosed,
    Drafted,
    Finalised,
    IdeaCollected,
    LedgerOpened,
    LedgerWoundUp,
    Objected,
    ObjectionDismissed,
    ObjectionUpheld,
    Posted,
    Recorded,
    Redeemed,
    Rejected,
    Reversed,
    RuleBookPutInForce,
    VotedDown,
)

__all__ = [
    "Abandoned",
    "Adopted",
    "AdoptionOpened",
    "Approved",
    "BaseGranted",
    "CycleClosed",
    "Drafted",
    "Finalised",
    "IdeaCollected",
    "LedgerOpened",
    "LedgerWoundUp",
    "Objected",
    "ObjectionDismissed",
    "ObjectionUpheld",
    "Posted",
    "Recorded",
    "Redeemed",
    "Rejected",
    "Reversed",
    "RuleBookPutInForce",
    "VotedDown",
]
