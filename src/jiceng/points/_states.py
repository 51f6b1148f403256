"""The points system's states and the values an entry is made of (pure data).

The states `RuleBookAdoption` and `PointsLedger` go through, and each ledger entry's
(`EntryState`); an `Entry` as the ledger wrote it and a `Score` as a recorder claims it.
The events of both workflows are in `jiceng.points.events`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Annotated, TypeAlias

import attrs
import pendulum

from jiceng import State
from jiceng.checks import day, items, optional, text
from jiceng.points._rule_book import _QUANTITY


class AdoptionState(State):
    """Where the adoption of a rule book stands."""

    COLLECTING = "collecting", "征集意见", "Collecting ideas"
    DRAFTED = "drafted", "已拟订草案", "Drafted"
    ADOPTED = "adopted", "表决通过", "Adopted"
    ABANDONED = "abandoned", "已放弃", "Abandoned"


class EntryState(State):
    """Where an entry stands in its lifecycle."""

    RECORDED = "recorded", "已登记", "Recorded"
    REVIEWED = "reviewed", "已审核", "Reviewed"
    REJECTED = "rejected", "审核未通过", "Rejected"
    POSTED = "posted", "公示中", "Posted"
    OBJECTED = "objected", "异议处理中", "Objected to"
    FINAL = "final", "已生效", "Final"
    REVERSED = "reversed", "已撤销", "Reversed"


class LedgerState(State):
    """Whether the scheme is running."""

    OPEN = "open", "实行中", "Open"
    WOUND_UP = "wound_up", "已停止实行", "Wound up"


class EntryKind(enum.Enum):
    """What an entry is: an item scored (加分/扣分), base points (基础分), a redemption
    (积分兑换) or a reversal (冲正) of another entry."""

    ITEM = "item"
    BASE = "base"
    REDEMPTION = "redemption"
    REVERSAL = "reversal"


@attrs.frozen(kw_only=True)
class Entry:
    """One line of the ledger (积分记录), as the ledger wrote it.

    `account` is the household (户) — or the cadre, for cadre items — that the points go
    to; `person` optionally names the member who earned them. `code` is the item's code
    (``"base"`` for base points, the product's code for a redemption, the reversed
    entry's code for a reversal); `points` were fixed by the rule book in force on `on`,
    the entry's date. `reverses` names the entry a reversal takes back.
    """

    id: str
    account: str
    kind: EntryKind
    code: str
    points: int
    on: pendulum.Date
    quantity: int = 1
    person: str | None = None
    evidence: tuple[str, ...] = ()
    reverses: str | None = None


@attrs.frozen(kw_only=True)
class Score:
    """What a recorder claims (积分登记): `account` did `quantity` times (1 to 1,000,
    `Quantity`) the item `item` on the day `on`, with `evidence` references (a tuple of
    texts). The ledger turns it into an `Entry`."""

    entry_id: str = attrs.field(validator=text())
    account: str = attrs.field(validator=text())
    item: str = attrs.field(validator=text())
    on: pendulum.Date = attrs.field(validator=day())
    quantity: int = attrs.field(default=1, validator=_QUANTITY)
    person: str | None = attrs.field(default=None, validator=optional(text()))
    evidence: tuple[str, ...] = attrs.field(default=(), validator=items(text()))


EntryIds: TypeAlias = Annotated[
    Iterable[str], items(text(), kinds=(tuple, list, frozenset, set), unique=True)
]
"""The entries a review, a posting or a finalisation names: ids, each once (a list, a
tuple or a set; a single id is not a list of ids)."""
