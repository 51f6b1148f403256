from __future__ import annotations

import attrs
import pendulum
import pytest

from jiceng.exceptions import ValidationError
from jiceng.points import (
    FANGZHENG_RULE_BOOK,
    LOUDI_RULE_BOOK,
    Audience,
    BasePoints,
    Cycle,
    Item,
    Product,
    RuleBookError,
    StarTier,
)
from jiceng.points._rules import expect


def test_cycles_give_the_month_quarter_or_year_containing_a_day() -> None:
    day = pendulum.date(2026, 11, 30)
    month, quarter, year = (c.period(day) for c in (Cycle.MONTH, Cycle.QUARTER, Cycle.YEAR))
    assert (month.start, month.end, month.label) == (
        pendulum.date(2026, 11, 1),
        pendulum.date(2026, 12, 1),
        "2026-11",
    )
    assert (quarter.start, quarter.end, str(quarter)) == (
        pendulum.date(2026, 10, 1),
        pendulum.date(2027, 1, 1),
        "2026-Q4",
    )
    assert (year.start, year.end, year.label) == (
        pendulum.date(2026, 1, 1),
        pendulum.date(2027, 1, 1),
        "2026",
    )


def test_a_period_contains_its_first_day_but_not_its_end() -> None:
    march = Cycle.MONTH.period(pendulum.date(2026, 3, 15))
    assert pendulum.date(2026, 3, 1) in march
    assert pendulum.date(2026, 3, 31) in march
    assert pendulum.date(2026, 4, 1) not in march
    assert "2026-03-05" not in march


def test_base_points_are_fixed_or_per_household_member() -> None:
    assert BasePoints(points=100).for_household(7) == 100
    assert BasePoints(points=10, per_member=True).for_household(4) == 40


@pytest.mark.parametrize("members", [0, -1, 1.5, True])
def test_base_points_need_at_least_one_member(members: object) -> None:
    with pytest.raises(RuleBookError, match="household members"):
        BasePoints(points=10, per_member=True).for_household(members)  # type: ignore[arg-type]


def test_an_item_scores_a_bonus_or_a_penalty_never_zero() -> None:
    with pytest.raises(RuleBookError, match="non-zero"):
        Item(code="X", name="无", category="加分", points=0)
    with pytest.raises(RuleBookError, match="non-empty"):
        Item(code=" ", name="无", category="加分", points=1)
    with pytest.raises(RuleBookError, match="at least 1"):
        Item(code="X", name="无", category="加分", points=1, cap=0)


def test_the_rule_book_looks_up_items_and_products_by_code() -> None:
    assert LOUDI_RULE_BOOK.item("GB-01").audience is Audience.CADRE
    assert FANGZHENG_RULE_BOOK.product("YG").price == 60
    with pytest.raises(RuleBookError, match="has no item 'ZZ'"):
        LOUDI_RULE_BOOK.item("ZZ")
    with pytest.raises(RuleBookError, match="lists: nothing"):
        LOUDI_RULE_BOOK.product("YG")
    assert str(LOUDI_RULE_BOOK) == "油溪桥村积分制管理实施细则 v1"


def test_a_rule_book_lists_each_code_once() -> None:
    item = LOUDI_RULE_BOOK.items[0]
    product = Product(code="P", name="纸巾", price=50)
    with pytest.raises(RuleBookError) as caught:
        attrs.evolve(LOUDI_RULE_BOOK, items=(item, item), catalogue=(product, product))
    assert caught.value.paths == ("items[1].code", "catalogue[1].code")


def test_star_tiers_must_rise_and_the_red_list_start_above_the_black_list() -> None:
    tiers = (StarTier(stars=1, min_points=20), StarTier(stars=2, min_points=20))
    with pytest.raises(RuleBookError) as caught:
        attrs.evolve(LOUDI_RULE_BOOK, star_tiers=tiers, red_list_at_least=0, black_list_at_most=0)
    assert caught.value.paths == ("star_tiers[1]", "red_list_at_least")


def test_stars_follow_the_highest_tier_reached() -> None:
    assert LOUDI_RULE_BOOK.stars(19) == 0
    assert LOUDI_RULE_BOOK.stars(20) == 1
    assert LOUDI_RULE_BOOK.stars(99) == 4
    assert LOUDI_RULE_BOOK.stars(100) == 5


def test_the_fangzheng_preset_keeps_the_figures_of_its_source() -> None:
    book = FANGZHENG_RULE_BOOK
    assert book.cycle is Cycle.QUARTER
    assert book.base is not None
    assert book.base.for_household(5) == 100
    assert book.redemption_floor == 60
    assert book.bonus_cap == 20
    assert book.source is not None
    assert "< 60 cannot redeem" in book.source.text
    assert "≤20 bonus" in book.source.text
    assert len(book.star_tiers) == 5


def test_the_redemption_floor_cannot_be_negative() -> None:
    with pytest.raises(RuleBookError, match="at least 0"):
        attrs.evolve(LOUDI_RULE_BOOK, redemption_floor=-1)
    with pytest.raises(RuleBookError, match="bonus_cap: must be a whole number, at least 1"):
        attrs.evolve(LOUDI_RULE_BOOK, bonus_cap=0)
    with pytest.raises(RuleBookError, match="whole number, got 'x'"):
        attrs.evolve(LOUDI_RULE_BOOK, red_list_at_least="x")  # type: ignore[arg-type]


def test_arguments_of_the_wrong_type_are_refused() -> None:
    with pytest.raises(ValidationError, match="must be a Item, got str"):
        expect("item", "JS-01", Item)
