"""峨眉山 (DOMAIN.md §4): 69 scored items in five categories, worth 5 to 30 points, yearly.

Source: DOMAIN.md §4, "Other schemes": "峨眉山 5 categories / 69 items worth 5–30 points,
annual reset". The mission gives no article of its own for 峨眉山: the shape of the list
(five categories, 69 items, each worth 5 to 30) and the yearly reset are its rules; the
names and values of the items are not given.

What the preset configures:

- `RULE_BOOK` (``emeishan.jifen`` v1): the 69 items (`ITEMS`) in the five categories
  (`CATEGORIES`), a year at a time (`Cycle.YEAR`), reset to zero at the year's end
  (`CycleEnd.RESET`);
- `check`, which holds a village's own list to the scheme's shape: exactly five
  categories, exactly 69 items, each a bonus worth 5 to 30 points (`LEAST`, `MOST`);
  `RULE_BOOK` passes it.

Not given, so defaults here: the names of the five categories (common headings of county
积分制 schemes) and of the items (numbered within their category: a village replaces them
with its own list and checks it with `check`); the items' values, 5 to 30 in steps of 5 in
turn; the star tiers (`STAR_TIERS`: 1 to 5 stars at 50, 100, 150, 200 and 300 points in a
year); the points supermarket (tissues 50, toothpaste 60: DOMAIN.md §4's 积分超市 prices).
Adopting the rule book is the points workflow's and is not part of this preset.
"""

from __future__ import annotations

from collections import Counter
from typing import Final

from jiceng import Source
from jiceng._plugins import Contributions, PluginSpec
from jiceng.exceptions import FieldError
from jiceng.points import Cycle, CycleEnd, Item, Product, RuleBook, RuleBookError, StarTier

__all__ = [
    "CATEGORIES",
    "ITEMS",
    "ITEM_COUNT",
    "LEAST",
    "MOST",
    "PLUGIN",
    "RULE_BOOK",
    "STAR_TIERS",
    "check",
]

NAME: Final = "emeishan"
_SCHEME = Source(
    "DOMAIN.md §4: 峨眉山积分制", "峨眉山 5 categories / 69 items worth 5–30 points, annual reset"
)
_DEFAULT = Source(f"{NAME} preset default (DOMAIN.md §4 names no items and gives no values)")

CATEGORIES: Final = ("遵纪守法", "乡风文明", "环境卫生", "公益服务", "产业发展")
"""The five categories (their names are the preset's defaults)."""

ITEM_COUNT: Final = 69
"""Items on the list."""

LEAST: Final = 5
"""The fewest points an item is worth."""

MOST: Final = 30
"""The most points an item is worth."""

_VALUES: Final = tuple(range(LEAST, MOST + 1, 5))  # 5, 10, ..., 30


def _items() -> tuple[Item, ...]:
    """69 items over the five categories, 14, 14, 14, 14 and 13, worth 5 to 30 in turn."""
    share, extra = divmod(ITEM_COUNT, len(CATEGORIES))
    found: list[Item] = []
    for c, category in enumerate(CATEGORIES, start=1):
        for n in range(1, share + (1 if c <= extra else 0) + 1):
            found.append(
                Item(
                    code=f"EM-{c}-{n:02d}",
                    name=f"{category}第{n}项",
                    category=category,
                    points=_VALUES[len(found) % len(_VALUES)],
                    source=_DEFAULT,
                )
            )
    return tuple(found)


ITEMS: Final = _items()
"""The 69 items, numbered within their categories (names and values are defaults)."""

STAR_TIERS: Final = (
    StarTier(stars=1, min_points=50),
    StarTier(stars=2, min_points=100),
    StarTier(stars=3, min_points=150),
    StarTier(stars=4, min_points=200),
    StarTier(stars=5, min_points=300),
)
"""1 to 5 stars in a year (defaults: DOMAIN.md gives no tiers for 峨眉山)."""


def check(book: RuleBook) -> RuleBook:
    """`book`, once its list has the scheme's shape: five categories, 69 items, each a
    bonus worth 5 to 30 points; `RuleBookError` naming every item or count that does not.

    >>> check(RULE_BOOK) is RULE_BOOK
    True
    """
    problems = [
        FieldError(
            f"items[{n}].points",
            f"{item.code} is worth {item.points}; an item is worth {LEAST} to {MOST} points",
        )
        for n, item in enumerate(book.items)
        if not LEAST <= item.points <= MOST
    ]
    if len(book.items) != ITEM_COUNT:
        msg = f"the list has {len(book.items)} items; the scheme has {ITEM_COUNT}"
        problems.append(FieldError("items", msg))
    categories = Counter(item.category for item in book.items)
    if len(categories) != len(CATEGORIES):
        msg = f"the list has {len(categories)} categories; the scheme has {len(CATEGORIES)}"
        problems.append(FieldError("items", msg))
    if problems:
        raise RuleBookError(problems, subject=f"{book} (峨眉山)")
    return book


RULE_BOOK: Final = RuleBook(
    name=f"{NAME}.jifen",
    version=1,
    items=ITEMS,
    cycle=Cycle.YEAR,
    cycle_end=CycleEnd.RESET,
    catalogue=(
        Product(code="ZJ", name="纸巾", price=50),
        Product(code="YG", name="牙膏", price=60),
    ),
    star_tiers=STAR_TIERS,
    source=_SCHEME,
)
"""峨眉山's rule book: 69 items in five categories, worth 5 to 30, reset every year."""

PLUGIN: Final = PluginSpec(
    name=NAME,
    version="1",
    contributions=Contributions.of(check(RULE_BOOK)),
    description=(
        "Emeishan's points scheme: 69 items in five categories worth 5 to 30 points, reset "
        "every year (峨眉山积分制)."
    ),
    source="DOMAIN.md §4 (Points systems, other schemes): 峨眉山",
)
"""The 峨眉山 preset."""
