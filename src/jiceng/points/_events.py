"""The points system's states, values and events: what its two workflows record.

Pure data, for `RuleBookAdoption` (the adoption of a rule book, `jiceng.points._adoption`)
and `PointsLedger` (the ledger and its entries, `jiceng.points._ledger`): the states each
goes through, the values an entry is made of, and one event class for each command. The
stored form of an event is its machine's name and its class name, so neither changes.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Annotated, TypeAlias

import attrs
import pendulum

from jiceng import Event, State, WorkCalendar
from jiceng.checks import day, items, optional, text
from jiceng.points._rule_book import _QUANTITY, Period, RuleBook

# -- the adoption of a rule book ----------------------------------------------------------


class AdoptionState(State):
    """Where the adoption of a rule book stands."""

    COLLECTING = "collecting", "征集意见", "Collecting ideas"
    DRAFTED = "drafted", "已拟订草案", "Drafted"
    ADOPTED = "adopted", "表决通过", "Adopted"
    ABANDONED = "abandoned", "已放弃", "Abandoned"


@attrs.frozen(kw_only=True)
class AdoptionOpened(Event):
    """The village committees opened the collection of ideas for a rule book."""

    adoption_id: str
    scheme: str


@attrs.frozen(kw_only=True)
class IdeaCollected(Event):
    """An idea (金点子) collected from the villagers (策由民商)."""

    idea: str


@attrs.frozen(kw_only=True)
class Drafted(Event):
    """A draft rule book, from the village compact and the ideas (策由民定)."""

    rule_book: RuleBook


@attrs.frozen(kw_only=True)
class VotedDown(Event):
    """The representative meeting voted the draft down; back to collecting ideas."""

    decision_id: str


@attrs.frozen(kw_only=True)
class Adopted(Event):
    """The representative meeting adopted the draft (策由民决), in force from a date."""

    decision_id: str
    in_force_from: pendulum.Date


@attrs.frozen(kw_only=True)
class Abandoned(Event):
    """The committees gave the rule book up."""


# -- the ledger and its entries -----------------------------------------------------------


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


@attrs.frozen(kw_only=True)
class LedgerOpened(Event):
    """A village opened its points ledger; local days are counted in `calendar`."""

    ledger_id: str
    name: str
    calendar: WorkCalendar


@attrs.frozen(kw_only=True)
class RuleBookPutInForce(Event):
    """An adopted rule book applies to entries dated from `in_force_from` on."""

    adoption_id: str
    decision_id: str
    rule_book: RuleBook
    in_force_from: pendulum.Date


@attrs.frozen(kw_only=True)
class Recorded(Event):
    """Entries for scored items were recorded (积分登记)."""

    entries: tuple[Entry, ...]


@attrs.frozen(kw_only=True)
class BaseGranted(Event):
    """Base points were recorded for households (基础分)."""

    entries: tuple[Entry, ...]


@attrs.frozen(kw_only=True)
class Approved(Event):
    """Entries passed review (审核通过)."""

    entry_ids: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Rejected(Event):
    """Entries failed review (审核未通过); they never count."""

    entry_ids: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Posted(Event):
    """Entries were posted publicly (公示); the objection window opens."""

    entry_ids: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Objected(Event):
    """A villager (`by`) objected to a posted entry within the window (提出异议)."""

    entry_id: str
    objection: str


@attrs.frozen(kw_only=True)
class ObjectionUpheld(Event):
    """The objection was upheld: the entry is reversed before it ever counted."""

    entry_id: str


@attrs.frozen(kw_only=True)
class ObjectionDismissed(Event):
    """The objection was dismissed: the entry becomes final."""

    entry_id: str


@attrs.frozen(kw_only=True)
class Finalised(Event):
    """Posted entries became final once their windows had run out (公示无异议)."""

    entry_ids: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Reversed(Event):
    """A final entry was taken back by the reversal entry `reversal` (冲正)."""

    entry_id: str
    reversal: Entry


@attrs.frozen(kw_only=True)
class Redeemed(Event):
    """Points were exchanged at the points supermarket (积分超市兑换)."""

    entry: Entry


@attrs.frozen(kw_only=True)
class CycleClosed(Event):
    """A cycle was closed: its points are settled and nothing more is dated in it."""

    period: Period


@attrs.frozen(kw_only=True)
class LedgerWoundUp(Event):
    """The village stopped running the scheme."""
