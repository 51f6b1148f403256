"""Rule books (积分管理实施细则): what scores how many points, and how the cycle runs.

A `RuleBook` is plain data: the scored items (积分项目), the base points (基础分), the
cycle and what happens at its end, the public posting period (公示期) and objection
window (异议期), the redemption floor and catalogue (积分超市), and the ranking rules
(星级, 红黑榜). It is a draft until a villagers' representative meeting adopts it
(see `RuleBookAdoption`); a ledger judges each entry by the rule book in force on the
entry's date.

Sources: seed 004 (娄底/油溪桥: base points by household size, bonus and penalty items,
登记 → 审核 → 公示, dividends), DOMAIN.md §4 (方正县 quarterly cycle, base 100, ≤ 20 bonus,
< 60 cannot redeem, 5 star tiers; 积分超市 prices), seed 000 (贵定 红黑榜).
"""

from __future__ import annotations

import enum
import itertools
from typing import Annotated, Any, Final, TypeAlias

import attrs
import pendulum

from jiceng import CalendarDays, Label, Source, TimeLimit
from jiceng.checks import between, checked, day, flag, instance_of, items, member, optional, text
from jiceng.exceptions import FieldError
from jiceng.points._errors import RuleBookError

# -- the ranges of a rule book's figures --------------------------------------------------

_ITEM_POINTS: Final = between(-1_000, 1_000)
ItemPoints: TypeAlias = Annotated[int, _ITEM_POINTS]
"""The points one item scores each time (积分项目分值): -1,000 to 1,000, never 0.

The seeds score single acts in tens: 峨眉山 items are worth 5–30, 娄底 and 贵定 run from
-20 to +10; a thousand leaves room for a 崇阳-style passbook (1 point = 1 元) while an
entry of at most `Quantity` acts stays within the ±1,000,000 of `jiceng.checks.Points`."""

_QUANTITY: Final = between(1, 1_000)
Quantity: TypeAlias = Annotated[int, _QUANTITY]
"""How many times one entry counts its item, or how many of a product one redemption takes:
1 to 1,000. A year of daily attendance (干部出勤, 每日) is 366; times `ItemPoints` it stays
within `jiceng.checks.Points`."""

_MEMBERS: Final = between(1, 100)
HouseholdMembers: TypeAlias = Annotated[int, _MEMBERS]
"""The members of one household (户) that base points go by: 1 to 100 (a 户口簿 lists a
family; the simulation draws 1–6). Times the largest `BasePoints` it stays within
`jiceng.checks.Points`."""

_BASE: Final = between(1, 10_000)
"""Base points per household or per member: 1 to 10,000 (方正县 100, 娄底 by head)."""

_PRICE: Final = between(1, 100_000)
"""A product's price in points: 1 to 100,000 (积分超市: tissues 50, toothpaste 60)."""

_CAP: Final = between(1, 1_000_000)
"""A cap or a floor of points per account and cycle: up to an account's ±1,000,000."""

_THRESHOLD: Final = between(-1_000_000, 1_000_000)
"""A points threshold (a star tier, the red or black list): an account's ±1,000,000."""

_STARS: Final = between(1, 10)
"""Stars of a tier (星级): 1 to 10 (方正县 has five tiers)."""

_VERSION: Final = between(1, 10_000)
"""The version of a rule book: 1 to 10,000 (a revision a year for a long time)."""

_CODE: Final = text(max_length=64)
"""An item's or a product's code (``JS-01``): non-blank, at most 64 characters."""

_NAME: Final = text(max_length=200)
"""A name or a category: non-blank, at most 200 characters."""

_SOURCE: Final = optional(instance_of(Source))


class Audience(enum.Enum):
    """Whom an item scores: households (农户) or cadres (村组干部). One ledger serves both
    (seed 004: 党员干部纳入积分管理, 与工资绩效制、"四考核"配套)."""

    HOUSEHOLD = "household"
    CADRE = "cadre"


class CycleEnd(enum.Enum):
    """What happens to a balance when its cycle ends: reset to zero (清零, 方正县) or carry
    over into the next cycle (结转)."""

    RESET = "reset"
    CARRY_OVER = "carry_over"


class Cycle(enum.Enum):
    """The scoring cycle (积分周期): month (月), quarter (季度, 方正县) or year (年)."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    def period(self, day: pendulum.Date) -> Period:
        """The cycle's period that contains `day`.

        >>> Cycle.QUARTER.period(pendulum.date(2026, 5, 20)).label
        '2026-Q2'
        """
        months = {Cycle.MONTH: 1, Cycle.QUARTER: 3, Cycle.YEAR: 12}[self]
        first = (day.month - 1) // months * months + 1
        start = pendulum.date(day.year, first, 1)
        return Period(start=start, end=start.add(months=months), cycle=self)


@attrs.frozen(kw_only=True, order=True)
class Period:
    """One cycle's stretch of days: from `start` up to, not including, `end`."""

    start: pendulum.Date = attrs.field(validator=day())
    end: pendulum.Date = attrs.field(validator=day())
    cycle: Cycle = attrs.field(order=False, validator=member(Cycle))

    def __contains__(self, day: object) -> bool:
        return isinstance(day, pendulum.Date) and self.start <= day < self.end

    @property
    def label(self) -> str:
        """``2026-03`` for a month, ``2026-Q1`` for a quarter, ``2026`` for a year."""
        if self.cycle is Cycle.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.cycle is Cycle.QUARTER:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    def __str__(self) -> str:
        return self.label


def _bonus_or_penalty(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    """An item scores a bonus (+) or a penalty (-); an item worth nothing is no item."""
    if value == 0:
        msg = "must be a non-zero number of points (+ bonus, - penalty), got 0"
        raise RuleBookError.single(attribute.name, msg, subject=type(instance).__name__)


@attrs.frozen(kw_only=True)
class Item:
    """A scored item (积分项目): positive points for a bonus (加分), negative for a penalty
    (扣分), within ±1,000 (`ItemPoints`). `cap` bounds the points one account may get from
    the item in one cycle (in absolute value, 1 to 1,000,000; a cap across all bonus items
    is the rule book's `bonus_cap`); `evidence_required` refuses an entry without an
    evidence reference (photo, record, witness)."""

    code: str = attrs.field(validator=_CODE)
    name: str = attrs.field(validator=_NAME)
    category: str = attrs.field(validator=_NAME)
    points: int = attrs.field(validator=attrs.validators.and_(_ITEM_POINTS, _bonus_or_penalty))
    cap: int | None = attrs.field(default=None, validator=optional(_CAP))
    evidence_required: bool = attrs.field(default=False, validator=flag())
    audience: Audience = attrs.field(default=Audience.HOUSEHOLD, validator=member(Audience))
    source: Source | None = attrs.field(default=None, validator=_SOURCE)


@attrs.frozen(kw_only=True)
class BasePoints:
    """Base points (基础分) granted to each household once per cycle: a fixed number per
    household (方正县: 100), or so many per household member (娄底/油溪桥: 按各户人口数确定);
    `points` is 1 to 10,000, and a household has 1 to 100 members (`HouseholdMembers`)."""

    points: int = attrs.field(validator=_BASE)
    per_member: bool = attrs.field(default=False, validator=flag())
    source: Source | None = attrs.field(default=None, validator=_SOURCE)

    @checked
    def for_household(self, members: HouseholdMembers) -> int:
        """The base points of a household with `members` members (1 to 100)."""
        return self.points * members if self.per_member else self.points


@attrs.frozen(kw_only=True)
class Product:
    """A product of the points supermarket (积分超市) and its price in points (1 to 100,000)."""

    code: str = attrs.field(validator=_CODE)
    name: str = attrs.field(validator=_NAME)
    price: int = attrs.field(validator=_PRICE)


@attrs.frozen(kw_only=True)
class StarTier:
    """A star tier (星级): an account with at least `min_points` in a cycle earns `stars`
    (1 to 10 stars; `min_points` within an account's ±1,000,000)."""

    stars: int = attrs.field(validator=_STARS)
    min_points: int = attrs.field(validator=_THRESHOLD)


_ITEMS: Final = items(instance_of(Item), max_items=1_000)
"""A rule book's items: at most 1,000 (峨眉山 lists 69)."""

_CATALOGUE: Final = items(instance_of(Product), max_items=10_000)
"""A points supermarket's catalogue: at most 10,000 products."""

_TIERS: Final = items(instance_of(StarTier), max_items=10)
"""Star tiers: at most 10, one per number of stars."""


POSTING_FIVE_DAYS = TimeLimit(
    rule=CalendarDays(5),
    source=Source("山东省村务公开条例(2018) 第13条", "村务公开栏的内容应当至少保留五日"),
    label=Label("公示期", "posting period"),
)
"""Posted for five days: the default posting period (公示期) of a rule book."""

OBJECTION_FIVE_DAYS = TimeLimit(
    rule=CalendarDays(5),
    source=Source("山东省村务公开条例(2018) 第16条", "可以自方案公布之日起五日内...提出"),
    label=Label("异议期", "objection window"),
)
"""Objections within five days of the posting: the default objection window (异议期)."""


@attrs.frozen(kw_only=True)
class RuleBook:
    """A rule book (积分管理实施细则), version `version` of the scheme `name`.

    `posting` is the public posting period (公示期) and `objection_window` the time in
    which an objection may be raised (异议期); both run from the posting, and an entry
    becomes final once both have run out. An account whose balance is below
    `redemption_floor` may not redeem (方正县: "< 60 cannot redeem"); one at or above it
    may spend down to zero. `bonus_cap` bounds the bonus points (加分, from every item with
    positive points together) one account may get in one cycle (方正县: "≤ 20 bonus");
    each item may have its own `cap` besides. `red_list_at_least`
    and `black_list_at_most` are the 红黑榜 thresholds (贵定 鼓坪村: 示范户, 后进户).

    Periods are unconfirmed in the seeds (DOMAIN.md §4); the default of five days follows
    山东省村务公开条例 for village-affairs postings and objections.

    Ranges: `version` 1 to 10,000; at most 1,000 items, 10,000 products and 10 star tiers;
    `redemption_floor` 0 to 1,000,000 and `bonus_cap` 1 to 1,000,000 points; the list
    thresholds within an account's ±1,000,000.
    """

    name: str = attrs.field(validator=_NAME)
    version: int = attrs.field(validator=_VERSION)
    items: tuple[Item, ...] = attrs.field(validator=_ITEMS)
    base: BasePoints | None = attrs.field(default=None, validator=optional(instance_of(BasePoints)))
    cycle: Cycle = attrs.field(validator=member(Cycle))
    cycle_end: CycleEnd = attrs.field(validator=member(CycleEnd))
    posting: TimeLimit = attrs.field(default=POSTING_FIVE_DAYS, validator=instance_of(TimeLimit))
    objection_window: TimeLimit = attrs.field(
        default=OBJECTION_FIVE_DAYS, validator=instance_of(TimeLimit)
    )
    redemption_floor: int = attrs.field(default=0, validator=between(0, 1_000_000))
    bonus_cap: int | None = attrs.field(default=None, validator=optional(_CAP))
    catalogue: tuple[Product, ...] = attrs.field(default=(), validator=_CATALOGUE)
    star_tiers: tuple[StarTier, ...] = attrs.field(default=(), validator=_TIERS)
    red_list_at_least: int | None = attrs.field(default=None, validator=optional(_THRESHOLD))
    black_list_at_most: int | None = attrs.field(default=None, validator=optional(_THRESHOLD))
    source: Source | None = attrs.field(default=None, validator=_SOURCE)

    _items: dict[str, Item] = attrs.field(init=False, eq=False, repr=False)
    _products: dict[str, Product] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        problems = [
            *_duplicates("items", [i.code for i in self.items]),
            *_duplicates("catalogue", [p.code for p in self.catalogue]),
        ]
        tiers = self.star_tiers
        for index, (lower, upper) in enumerate(itertools.pairwise(tiers), start=1):
            if not (upper.stars > lower.stars and upper.min_points > lower.min_points):
                msg = "star tiers must rise in both stars and minimum points"
                problems.append(FieldError(f"star_tiers[{index}]", msg))
        red, black = self.red_list_at_least, self.black_list_at_most
        if red is not None and black is not None and red <= black:
            msg = f"the red list ({red} or more) must start above the black list ({black} or less)"
            problems.append(FieldError("red_list_at_least", msg))
        if problems:
            raise RuleBookError(problems, subject="rule book")
        object.__setattr__(self, "_items", {i.code: i for i in self.items})
        object.__setattr__(self, "_products", {p.code: p for p in self.catalogue})

    def item(self, code: str) -> Item:
        """The item with `code`; `RuleBookError` if this rule book has none."""
        found = self._items.get(code)
        if found is None:
            msg = f"{self} has no item {code!r}; it has: " + ", ".join(self._items)
            raise RuleBookError.single("item", msg)
        return found

    def product(self, code: str) -> Product:
        """The supermarket product with `code`; `RuleBookError` if the catalogue lacks it."""
        found = self._products.get(code)
        if found is None:
            listed = ", ".join(self._products) or "nothing"
            msg = f"the catalogue of {self} has no product {code!r}; it lists: {listed}"
            raise RuleBookError.single("product", msg)
        return found

    def stars(self, points: int) -> int:
        """The stars that `points` earn in one cycle (0 below the lowest tier)."""
        earned = [t.stars for t in self.star_tiers if points >= t.min_points]
        return earned[-1] if earned else 0

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


def _duplicates(path: str, codes: list[str]) -> list[FieldError]:
    seen: set[str] = set()
    problems = []
    for index, code in enumerate(codes):
        if code in seen:
            problems.append(FieldError(f"{path}[{index}].code", f"code {code!r} is listed twice"))
        seen.add(code)
    return problems


_YOUXIQIAO = Source("娄底市基层自治经验 (红网, seed 004): 油溪桥村积分制")
_ILLUSTRATIVE = "; figures are illustrative, the seed gives none"


def _loudi(code: str, name: str, category: str, points: int, **more: Any) -> Item:
    return Item(code=code, name=name, category=category, points=points, source=_YOUXIQIAO, **more)


LOUDI_RULE_BOOK = RuleBook(
    name="油溪桥村积分制管理实施细则",
    version=1,
    base=BasePoints(
        points=10,
        per_member=True,
        source=Source("seed 004: 按各户人口数确定基础分" + _ILLUSTRATIVE),
    ),
    items=(
        _loudi("JS-01", "义务筹工筹劳 (每人次)", "村庄建设", 2),
        _loudi("CY-01", "参与产业培育项目", "产业培育", 5),
        _loudi("WM-01", "评为文明家庭", "文明创建", 10, cap=10),
        _loudi("AQ-01", "参加公共安全巡防", "公共安全", 3),
        _loudi("ZA-01", "协助维护社会治安", "社会治安", 5),
        _loudi("TF-01", "突发事件处置中作出贡献", "突发事件处置", 10, evidence_required=True),
        _loudi("KF-01", "造成严重不良影响的行为", "处罚", -20, evidence_required=True),
        _loudi("GB-01", "干部出勤 (每日)", "干部考核", 1, audience=Audience.CADRE),
        _loudi("GB-02", "干部参与公益活动", "干部考核", 3, audience=Audience.CADRE),
    ),
    cycle=Cycle.YEAR,
    cycle_end=CycleEnd.RESET,
    star_tiers=(
        StarTier(stars=1, min_points=20),
        StarTier(stars=2, min_points=40),
        StarTier(stars=3, min_points=60),
        StarTier(stars=4, min_points=80),
        StarTier(stars=5, min_points=100),
    ),
    red_list_at_least=80,
    black_list_at_most=0,
    source=Source("seed 004: 策由民商、策由民定、策由民决" + _ILLUSTRATIVE),
)
"""A 娄底/油溪桥-style rule book: base points per household member, bonus items in the six
categories the seed names, one penalty, cadre items, yearly dividends. A draft: it comes
into force only once adopted by a vote."""

_FANGZHENG = Source(
    "DOMAIN.md §4: 方正县积分制 (季度; 基础分100; 加分不超过20; 低于60分不能兑换)",
    "方正县 quarterly cycle, base 100 across 10 aspects + ≤20 bonus, posted with no "
    "objection → redeem → reset, < 60 cannot redeem, 5 star tiers",
)

FANGZHENG_RULE_BOOK = RuleBook(
    name="方正县积分制",
    version=1,
    base=BasePoints(points=100, source=_FANGZHENG),
    items=(
        Item(code="JF-01", name="好人好事", category="加分", points=5, source=_FANGZHENG),
        Item(code="KF-01", name="违反村规民约", category="扣分", points=-10, source=_FANGZHENG),
    ),
    cycle=Cycle.QUARTER,
    cycle_end=CycleEnd.RESET,
    redemption_floor=60,
    bonus_cap=20,
    catalogue=(
        Product(code="ZJ", name="纸巾", price=50),
        Product(code="YG", name="牙膏", price=60),
    ),
    star_tiers=tuple(StarTier(stars=n, min_points=80 + 10 * n) for n in range(1, 6)),
    source=_FANGZHENG,
)
"""A 方正县-style rule book: quarterly, base 100 per household, at most 20 bonus points a
quarter from all bonus items together, reset at the end of the quarter, no redemption for
a household below 60 points, five star tiers (their thresholds are illustrative), and a
points supermarket (tissues 50, toothpaste 60)."""
