from __future__ import annotations

from typing import Any

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
    Period,
    Product,
    RuleBookError,
    StarTier,
)


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


@pytest.mark.parametrize("members", [0, -1, 101, 1.5, True])
def test_base_points_need_one_to_a_hundred_members(members: object) -> None:
    with pytest.raises(ValidationError, match="members") as caught:
        BasePoints(points=10, per_member=True).for_household(members)  # type: ignore[arg-type]
    assert caught.value.paths == ("for_household.members",)


def test_an_item_scores_a_bonus_or_a_penalty_never_zero() -> None:
    with pytest.raises(RuleBookError, match="non-zero"):
        Item(code="X", name="无", category="加分", points=0)
    with pytest.raises(ValidationError, match="must not be empty"):
        Item(code=" ", name="无", category="加分", points=1)
    with pytest.raises(ValidationError, match="at least 1"):
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
    with pytest.raises(ValidationError, match="at least 0"):
        attrs.evolve(LOUDI_RULE_BOOK, redemption_floor=-1)
    with pytest.raises(ValidationError, match="bonus_cap: must be at least 1"):
        attrs.evolve(LOUDI_RULE_BOOK, bonus_cap=0)
    with pytest.raises(
        ValidationError, match=r"expected a whole number \(int\) or None, got str 'x'"
    ):
        attrs.evolve(LOUDI_RULE_BOOK, red_list_at_least="x")  # type: ignore[arg-type]


def test_values_of_the_wrong_type_are_refused() -> None:
    with pytest.raises(ValidationError, match="expected Item, got str") as caught:
        attrs.evolve(LOUDI_RULE_BOOK, items=("JS-01",))  # type: ignore[arg-type]
    assert caught.value.paths == ("items[0]",)


# -- the ranges of a rule book's figures -----------------------------------------------------


def _item(**changes: Any) -> Item:
    return attrs.evolve(Item(code="X", name="无", category="加分", points=1), **changes)


@pytest.mark.parametrize(
    ("points", "ok"), [(1_000, True), (-1_000, True), (1_001, False), (-1_001, False)]
)
def test_an_item_scores_at_most_a_thousand_points_either_way(points: int, ok: bool) -> None:
    if ok:
        assert _item(points=points).points == points
        return
    with pytest.raises(ValidationError) as caught:
        _item(points=points)
    assert caught.value.paths == ("points",)


@pytest.mark.parametrize(
    ("cap", "ok"), [(1, True), (1_000_000, True), (0, False), (1_000_001, False)]
)
def test_an_items_cap_is_one_to_a_million_points(cap: int, ok: bool) -> None:
    if ok:
        assert _item(cap=cap).cap == cap
        return
    with pytest.raises(ValidationError) as caught:
        _item(cap=cap)
    assert caught.value.paths == ("cap",)


def test_an_item_code_is_at_most_64_characters_and_its_audience_a_member() -> None:
    assert _item(code="X" * 64).code == "X" * 64
    with pytest.raises(ValidationError) as caught:
        _item(code="X" * 65)
    assert caught.value.paths == ("code",)
    with pytest.raises(ValidationError, match=r"pass Audience\('cadre'\)") as caught:
        _item(audience="cadre")
    assert caught.value.paths == ("audience",)
    with pytest.raises(ValidationError) as caught:
        _item(evidence_required=1)
    assert caught.value.paths == ("evidence_required",)


@pytest.mark.parametrize(("points", "ok"), [(1, True), (10_000, True), (0, False), (10_001, False)])
def test_base_points_are_one_to_ten_thousand(points: int, ok: bool) -> None:
    if ok:
        assert BasePoints(points=points, per_member=True).for_household(100) == 100 * points
        return
    with pytest.raises(ValidationError) as caught:
        BasePoints(points=points)
    assert caught.value.paths == ("points",)


@pytest.mark.parametrize(
    ("price", "ok"), [(1, True), (100_000, True), (0, False), (100_001, False)]
)
def test_a_product_costs_one_to_a_hundred_thousand_points(price: int, ok: bool) -> None:
    if ok:
        assert Product(code="P", name="纸巾", price=price).price == price
        return
    with pytest.raises(ValidationError) as caught:
        Product(code="P", name="纸巾", price=price)
    assert caught.value.paths == ("price",)


def test_a_star_tier_has_one_to_ten_stars_and_a_threshold_within_a_million() -> None:
    assert StarTier(stars=10, min_points=-1_000_000).stars == 10
    with pytest.raises(ValidationError) as caught:
        StarTier(stars=11, min_points=0)
    assert caught.value.paths == ("stars",)
    with pytest.raises(ValidationError) as caught:
        StarTier(stars=1, min_points=1_000_001)
    assert caught.value.paths == ("min_points",)


@pytest.mark.parametrize(
    ("field", "bound", "past"),
    [
        ("version", 10_000, 10_001),
        ("redemption_floor", 1_000_000, 1_000_001),
        ("bonus_cap", 1_000_000, 1_000_001),
        ("red_list_at_least", 1_000_000, 1_000_001),
        ("black_list_at_most", -1_000_000, -1_000_001),
    ],
)
def test_a_rule_books_figures_are_bounded(field: str, bound: int, past: int) -> None:
    at_bound: dict[str, Any] = {field: bound}
    past_bound: dict[str, Any] = {field: past}
    assert getattr(attrs.evolve(LOUDI_RULE_BOOK, **at_bound), field) == bound
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(LOUDI_RULE_BOOK, **past_bound)
    assert caught.value.paths == (field,)


def test_a_rule_books_cycle_is_a_member_not_its_value() -> None:
    with pytest.raises(ValidationError, match=r"pass Cycle\('year'\)") as caught:
        attrs.evolve(LOUDI_RULE_BOOK, cycle="year")  # type: ignore[arg-type]
    assert caught.value.paths == ("cycle",)


def test_a_period_runs_between_two_days_not_instants() -> None:
    with pytest.raises(ValidationError) as caught:
        Period(start=pendulum.datetime(2026, 1, 1), end=pendulum.date(2027, 1, 1), cycle=Cycle.YEAR)
    assert caught.value.paths == ("start",)
