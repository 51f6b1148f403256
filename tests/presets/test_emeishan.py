"""峨眉山 (DOMAIN.md §4): a year of entries on 69 items in five categories, then a reset."""

from __future__ import annotations

from collections import Counter

import attrs
import pendulum
import pytest

from jiceng.points import (
    Cycle,
    InsufficientPoints,
    Item,
    PointsLedger,
    RuleBook,
    RuleBookError,
    Score,
)
from jiceng.presets import emeishan
from jiceng.presets.emeishan import RULE_BOOK, check
from tests.presets.points_support import CLERK, at, in_force, loaded, settled

YEAR = Cycle.YEAR.period(pendulum.date(2026, 1, 1))


@pytest.fixture(scope="module")
def year() -> PointsLedger:
    """2026: every month, H-01 scores one item of each category, H-02 the first item only,
    H-03 nothing; each month's entries are final by the 17th; H-01 buys tissues in June."""
    ledger = in_force(loaded("emeishan").find(RuleBook, "emeishan.jifen@1"), id="EMS")
    firsts: dict[str, str] = {}
    for item in RULE_BOOK.items:
        firsts.setdefault(item.category, item.code)
    for month in range(1, 13):
        day = pendulum.date(2026, month, 5)
        acts = [("H-01", code) for code in firsts.values()] + [("H-02", "EM-1-01")]
        ledger = ledger.record_many(
            [
                Score(entry_id=f"{month:02d}-{a}-{code}", account=a, item=code, on=day)
                for a, code in acts
            ],
            by=CLERK,
            at=at(2026, month, 5, 9),
        )
        ids = [f"{month:02d}-{a}-{code}" for a, code in acts]
        ledger = settled(ledger, ids, at(2026, month, 6, 9))
        if month == 6:
            ledger = ledger.redeem(
                entry_id="R-06", account="H-01", product="ZJ", by=CLERK, at=at(2026, 6, 20)
            )
    return ledger.close_cycle(YEAR, by=CLERK, at=at(2027, 1, 4, 9))


def test_a_year_of_entries_adds_up_and_ranks(year: PointsLedger) -> None:
    # the first items of the five categories, the 1st, 15th, 29th, 43rd and 57th of the
    # list, worth 5, 15, 25, 5 and 15 (values 5 to 30 in turn over the 69 items)
    per_month = sum(RULE_BOOK.item(f"EM-{c}-01").points for c in range(1, 6))
    assert per_month == 65
    assert year.cycle_points(YEAR) == {"H-01": 12 * 65, "H-02": 12 * 5}
    assert year.balances(as_of=at(2026, 12, 31, 18)) == {"H-01": 780 - 50, "H-02": 60}
    board = year.rankings(YEAR)
    assert [(s.account, s.stars) for s in board.standings] == [("H-01", 5), ("H-02", 1)]


def test_the_balance_resets_when_the_year_ends(year: PointsLedger) -> None:
    assert year.balances(as_of=at(2027, 1, 4, 10)) == {}
    with pytest.raises(InsufficientPoints):
        year.redeem(entry_id="R-27", account="H-01", product="ZJ", by=CLERK, at=at(2027, 1, 5))


def test_the_list_has_69_items_in_five_categories_worth_5_to_30() -> None:
    assert len(RULE_BOOK.items) == emeishan.ITEM_COUNT == 69
    assert Counter(i.category for i in RULE_BOOK.items) == dict.fromkeys(
        emeishan.CATEGORIES, 14
    ) | {emeishan.CATEGORIES[-1]: 13}
    assert {i.points for i in RULE_BOOK.items} == {5, 10, 15, 20, 25, 30}
    assert (RULE_BOOK.cycle, RULE_BOOK.cycle_end.value) == (Cycle.YEAR, "reset")
    assert emeishan.PLUGIN.version == "1"


def _with(items: tuple[Item, ...]) -> RuleBook:
    return attrs.evolve(RULE_BOOK, items=items)


@pytest.mark.parametrize(("points", "ok"), [(5, True), (30, True), (4, False), (31, False)])
def test_an_item_is_worth_5_to_30_points(points: int, ok: bool) -> None:
    book = _with((attrs.evolve(RULE_BOOK.items[0], points=points), *RULE_BOOK.items[1:]))
    if ok:
        assert check(book) is book
    else:
        with pytest.raises(RuleBookError) as caught:
            check(book)
        assert caught.value.errors[0].path == "items[0].points"


def test_a_list_of_68_items_or_four_categories_is_not_the_scheme() -> None:
    with pytest.raises(RuleBookError, match="68 items"):
        check(_with(RULE_BOOK.items[:-1]))
    four = tuple(
        attrs.evolve(i, category=emeishan.CATEGORIES[0])
        if i.category == emeishan.CATEGORIES[1]
        else i
        for i in RULE_BOOK.items
    )
    with pytest.raises(RuleBookError, match="4 categories"):
        check(_with(four))
