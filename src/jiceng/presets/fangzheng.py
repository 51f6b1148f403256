"""方正县 (DOMAIN.md §4): a quarterly points scheme, base 100 over ten aspects, 20 bonus at most.

Source: DOMAIN.md §4, "Other schemes": "方正县 quarterly cycle, base 100 across 10 aspects +
≤20 bonus, posted with no objection → redeem → reset, < 60 cannot redeem, 5 star tiers".
The mission gives no article of its own for 方正县: every rule below comes from that line,
and every figure it does not give is a default of this preset, said so where it is set.

What the preset configures:

- `RULE_BOOK` (``fangzheng.jifen`` v1), a quarter at a time (`Cycle.QUARTER`) and reset to
  zero at its end (`CycleEnd.RESET`):
  - base 100 per household each quarter, held across the ten aspects (`ASPECTS`), 10 each
    (`ASPECT_POINTS`): each aspect is a deduction item of -5 per act, capped at 10 a
    quarter, so that a household never loses more than the aspect's share of its base
    and a quarter's points stay between 0 and 120;
  - bonus items (`BONUS`: 好人好事 +5, 志愿服务 +2, 见义勇为 +10), at most 20 bonus points a
    quarter from all of them together (`BONUS_CAP`);
  - entries count once posted with no objection (公示无异议: the ledger's five-day posting
    period and objection window, the defaults of `jiceng.points.RuleBook`);
  - a household below 60 points cannot redeem (`REDEMPTION_FLOOR`); one at 60 or more may
    spend down to zero at the points supermarket (tissues 50, toothpaste 60, from DOMAIN.md
    §4's 积分超市 prices);
  - five star tiers (`STAR_TIERS`), 60, 75, 90, 105 and 120.

How the star thresholds were chosen: DOMAIN.md gives five tiers and no thresholds, and two
bounds: the redemption floor (60) and the most a quarter can give (base 100 + bonus 20 =
120). The tiers run from the one to the other in even steps of 15, so that 1 star marks a
household that may redeem and 5 stars one that kept its whole base and earned the whole
bonus: every tier is reachable in one quarter, and none below the floor. (The points
workflow's `jiceng.points.FANGZHENG_RULE_BOOK` sets 90 to 130, of which 130 no household
can reach.)

Not given, so defaults here: the names of the ten aspects (`ASPECTS`, common headings of
county 积分制 schemes), the deduction per act (5) and the bonus items and their values. The
rule book comes into force on a village's ledger once its villagers adopt it; adopting it
is the points workflow's and is not part of this preset.
"""

from __future__ import annotations

from typing import Final

from jiceng import Source
from jiceng._plugins import Contributions, PluginSpec
from jiceng.points import BasePoints, Cycle, CycleEnd, Item, Product, RuleBook, StarTier

__all__ = [
    "ASPECTS",
    "ASPECT_POINTS",
    "BASE",
    "BONUS",
    "BONUS_CAP",
    "PLUGIN",
    "REDEMPTION_FLOOR",
    "RULE_BOOK",
    "STAR_TIERS",
]

NAME: Final = "fangzheng"
_DOMAIN = "DOMAIN.md §4: 方正县积分制"
_CYCLE = Source(_DOMAIN, "方正县 quarterly cycle, base 100 across 10 aspects + ≤20 bonus")
_REDEEM = Source(
    _DOMAIN, "posted with no objection → redeem → reset, < 60 cannot redeem, 5 star tiers"
)
_DEFAULT = Source(f"{NAME} preset default (DOMAIN.md §4 names no aspects, items or values)")

BASE: Final = 100
"""Base points per household and quarter."""

ASPECT_POINTS: Final = 10
"""Each aspect's share of the base (100 over 10 aspects)."""

BONUS_CAP: Final = 20
"""Bonus points a household may get in a quarter, from every bonus item together."""

REDEMPTION_FLOOR: Final = 60
"""A household below this many points cannot redeem."""

_MOST: Final = BASE + BONUS_CAP  # 120, the most a quarter can give

ASPECTS: Final = (
    "遵纪守法",
    "移风易俗",
    "孝老爱亲",
    "邻里和睦",
    "诚实守信",
    "环境卫生",
    "勤劳致富",
    "教育子女",
    "公益参与",
    "安全生产",
)
"""The ten aspects the base is held across (their names are the preset's defaults)."""

_PER_ACT: Final = -5


def _aspect(n: int, name: str) -> Item:
    return Item(
        code=f"KF-{n:02d}",
        name=f"{name}方面扣分 (每次)",
        category=name,
        points=_PER_ACT,
        cap=ASPECT_POINTS,
        source=_DEFAULT,
    )


BONUS: Final = (
    Item(code="JF-01", name="好人好事", category="加分", points=5, source=_DEFAULT),
    Item(code="JF-02", name="志愿服务 (每次)", category="加分", points=2, source=_DEFAULT),
    Item(code="JF-03", name="见义勇为", category="加分", points=10, source=_DEFAULT),
)
"""The bonus items: at most `BONUS_CAP` points from all of them in a quarter."""

_STEP: Final = (_MOST - REDEMPTION_FLOOR) // 4  # 15: five tiers from 60 to 120

STAR_TIERS: Final = tuple(
    StarTier(stars=n, min_points=REDEMPTION_FLOOR + _STEP * (n - 1)) for n in range(1, 6)
)
"""1 to 5 stars at 60, 75, 90, 105 and 120 points in a quarter: from the redemption floor to
the most a quarter gives, in even steps."""

RULE_BOOK: Final = RuleBook(
    name=f"{NAME}.jifen",
    version=1,
    base=BasePoints(points=BASE, source=_CYCLE),
    items=(*(_aspect(n, name) for n, name in enumerate(ASPECTS, start=1)), *BONUS),
    cycle=Cycle.QUARTER,
    cycle_end=CycleEnd.RESET,
    redemption_floor=REDEMPTION_FLOOR,
    bonus_cap=BONUS_CAP,
    catalogue=(
        Product(code="ZJ", name="纸巾", price=50),
        Product(code="YG", name="牙膏", price=60),
    ),
    star_tiers=STAR_TIERS,
    source=_REDEEM,
)
"""方正县's rule book: quarterly, base 100 over ten aspects, 20 bonus at most, reset each
quarter, no redemption below 60, five reachable star tiers."""

PLUGIN: Final = PluginSpec(
    name=NAME,
    version="1",
    contributions=Contributions.of(RULE_BOOK),
    description=(
        "Fangzheng county's quarterly points scheme: base 100 over ten aspects, at most 20 "
        "bonus points, no redemption below 60, five star tiers (方正县积分制)."
    ),
    source="DOMAIN.md §4 (Points systems, other schemes): 方正县",
)
"""The 方正县 preset."""
