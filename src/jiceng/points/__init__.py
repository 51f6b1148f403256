"""Points systems (积分制): rule books, an append-only ledger, dividends and rankings.

A village adopts a rule book by a vote of its representative meeting
(`RuleBookAdoption`), puts it in force on its `PointsLedger`, and records entries that go
recorded → reviewed → posted (公示) → final; balances, cycle points, dividends and
rankings are read from the ledger. Sources: DOMAIN.md §4, seed 004 (娄底/油溪桥), seed 000
(贵定 红黑榜).

Public submodules:

- `jiceng.points.events`: every event class of the adoption and the ledger.
- `jiceng.points.dividends`: `divide`, `rank`, `performance_pay` and the values they use.
"""

from jiceng.points._adoption import ADOPTION, RuleBookAdoption
from jiceng.points._entry import ENTRY
from jiceng.points._errors import (
    CycleError,
    InsufficientPoints,
    ObjectionWindowError,
    RuleBookError,
)
from jiceng.points._ledger import LEDGER, PointsLedger
from jiceng.points._rule_book import (
    FANGZHENG_RULE_BOOK,
    LOUDI_RULE_BOOK,
    OBJECTION_FIVE_DAYS,
    POSTING_FIVE_DAYS,
    Audience,
    BasePoints,
    Cycle,
    CycleEnd,
    HouseholdMembers,
    Item,
    ItemPoints,
    Period,
    Product,
    Quantity,
    RuleBook,
    StarTier,
)
from jiceng.points._states import (
    AdoptionState,
    Entry,
    EntryIds,
    EntryKind,
    EntryState,
    LedgerState,
    Score,
)

__all__ = [
    "ADOPTION",
    "ENTRY",
    "FANGZHENG_RULE_BOOK",
    "LEDGER",
    "LOUDI_RULE_BOOK",
    "OBJECTION_FIVE_DAYS",
    "POSTING_FIVE_DAYS",
    "AdoptionState",
    "Audience",
    "BasePoints",
    "Cycle",
    "CycleEnd",
    "CycleError",
    "Entry",
    "EntryIds",
    "EntryKind",
    "EntryState",
    "HouseholdMembers",
    "InsufficientPoints",
    "Item",
    "ItemPoints",
    "LedgerState",
    "ObjectionWindowError",
    "Period",
    "PointsLedger",
    "Product",
    "Quantity",
    "RuleBook",
    "RuleBookAdoption",
    "RuleBookError",
    "Score",
    "StarTier",
]
