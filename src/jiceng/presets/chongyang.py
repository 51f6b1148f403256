"""崇阳 (DOMAIN.md §4): points worth money, one point one yuan, kept in a passbook.

Source: DOMAIN.md §4, "Other schemes": "崇阳 1 point = 1元 passbook". The mission gives no
article of its own for 崇阳: the value of a point and the passbook are its rules; the items
and the prices are not given.

What the preset configures:

- `RULE_BOOK` (``chongyang.jifen`` v1): items that earn points (`ITEMS`), one penalty, and
  a points supermarket priced in yuan, which at one point a yuan (`YUAN_PER_POINT`) is a
  price in points (`CATALOGUE`). The balance carries over from one year to the next
  (`CycleEnd.CARRY_OVER`): what a passbook (存折) holds is the household's until spent.
- `passbook`, a household's passbook (积分存折): a line for each entry as it comes to count
  on the ledger (final after the posting and objection periods, a redemption when made, a
  reversal when written), what it earned or spent in points and in yuan, and the balance
  after it; the totals earned and spent (`Passbook`). The points workflow keeps balances
  but no passbook view, so the preset reads it from the ledger's history.

Not given, so defaults here: the items and their values, the penalty, the products and
their prices; a yearly cycle. Adopting the rule book is the points workflow's and is not
part of this preset.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

import attrs
import pendulum

from jiceng import Source
from jiceng._plugins import Contributions, PluginSpec
from jiceng.checks import checked
from jiceng.points import (
    Cycle,
    CycleEnd,
    Entry,
    EntryKind,
    Item,
    PointsLedger,
    Product,
    RuleBook,
)
from jiceng.points.events import Finalised, ObjectionDismissed, Redeemed, Reversed

__all__ = [
    "CATALOGUE",
    "ITEMS",
    "PLUGIN",
    "RULE_BOOK",
    "YUAN_PER_POINT",
    "Passbook",
    "PassbookLine",
    "passbook",
]

NAME: Final = "chongyang"
_SCHEME = Source("DOMAIN.md §4: 崇阳积分制", "崇阳 1 point = 1元 passbook")
_DEFAULT = Source(f"{NAME} preset default (DOMAIN.md §4 names no items and gives no values)")

YUAN_PER_POINT: Final = Decimal("1.00")
"""What one point is worth: one yuan (1 point = 1元)."""

ITEMS: Final = (
    Item(code="CY-01", name="参加义务劳动 (每次)", category="公益", points=10, source=_DEFAULT),
    Item(code="CY-02", name="环境卫生评比达标", category="人居环境", points=20, source=_DEFAULT),
    Item(code="CY-03", name="好人好事", category="文明", points=30, source=_DEFAULT),
    Item(code="CY-04", name="乱倒垃圾", category="人居环境", points=-10, source=_DEFAULT),
)
"""What earns points (and one penalty): defaults, the scheme lists none."""

CATALOGUE: Final = (
    Product(code="YY", name="食用油 5L", price=60),
    Product(code="DM", name="大米 10kg", price=50),
    Product(code="XYF", name="洗衣粉", price=15),
)
"""The supermarket, priced in yuan, which are points (defaults)."""

RULE_BOOK: Final = RuleBook(
    name=f"{NAME}.jifen",
    version=1,
    items=ITEMS,
    cycle=Cycle.YEAR,
    cycle_end=CycleEnd.CARRY_OVER,
    catalogue=CATALOGUE,
    source=_SCHEME,
)
"""崇阳's rule book: points worth a yuan each, carried over, spent at the supermarket."""


@attrs.frozen(kw_only=True)
class PassbookLine:
    """One line of a passbook: when the entry came to count, the entry, its points
    (+ earned, - spent or deducted), whether it is spending (a redemption, or one taken
    back) and the balance after it."""

    at: pendulum.DateTime
    entry: Entry
    points: int
    spending: bool
    balance: int

    @property
    def yuan(self) -> Decimal:
        """The line's points in yuan."""
        return self.points * YUAN_PER_POINT


@attrs.frozen(kw_only=True)
class Passbook:
    """A household's passbook (积分存折): its lines in the order they came to count.

    `balance` is `earned` less `deducted` less `spent`.
    """

    account: str
    lines: tuple[PassbookLine, ...]

    @property
    def earned(self) -> int:
        """Points earned: every line that added points and is not spending taken back (a
        deduction reversed is earned back)."""
        return sum(line.points for line in self.lines if line.points > 0 and not line.spending)

    @property
    def deducted(self) -> int:
        """Points deducted: every line that took points away other than spending (a
        penalty, or earnings reversed)."""
        return -sum(line.points for line in self.lines if line.points < 0 and not line.spending)

    @property
    def spent(self) -> int:
        """Points spent at the supermarket, net of redemptions taken back."""
        return -sum(line.points for line in self.lines if line.spending)

    @property
    def balance(self) -> int:
        """The balance after the last line (0 for an empty passbook)."""
        return self.lines[-1].balance if self.lines else 0


def _counted(event: object, ledger: PointsLedger) -> tuple[Entry, ...]:
    """The entries `event` makes count on `ledger`."""
    if isinstance(event, Finalised):
        return tuple(ledger.entry(i) for i in event.entry_ids)
    if isinstance(event, ObjectionDismissed):
        return (ledger.entry(event.entry_id),)
    if isinstance(event, Reversed):
        return (event.reversal,)
    if isinstance(event, Redeemed):
        return (event.entry,)
    return ()


@checked
def passbook(ledger: PointsLedger, account: str, *, as_of: pendulum.DateTime) -> Passbook:
    """The passbook of `account` on `ledger` as of `as_of`: a line for each of its entries
    that had come to count by then, in the order they did, with the running balance.

    The balance runs over every cycle, as `RULE_BOOK` carries balances over: under it the
    passbook's balance is the ledger's (`PointsLedger.balance`).
    """
    lines: list[PassbookLine] = []
    redeemed: set[str] = set()
    balance = 0
    for event in ledger.history:
        if event.at > as_of:
            break
        for entry in _counted(event, ledger):
            if entry.account != account:
                continue
            if entry.kind is EntryKind.REDEMPTION:
                redeemed.add(entry.id)
            balance += entry.points
            line = PassbookLine(
                at=event.at,
                entry=entry,
                points=entry.points,
                spending=entry.id in redeemed or entry.reverses in redeemed,
                balance=balance,
            )
            lines.append(line)
    return Passbook(account=account, lines=tuple(lines))


PLUGIN: Final = PluginSpec(
    name=NAME,
    version="1",
    contributions=Contributions.of(RULE_BOOK),
    description=(
        "Chongyang's points scheme: a point is worth a yuan, kept in a passbook of earnings "
        "and spending (崇阳积分制、积分存折)."
    ),
    source="DOMAIN.md §4 (Points systems, other schemes): 崇阳",
)
"""The 崇阳 preset."""
