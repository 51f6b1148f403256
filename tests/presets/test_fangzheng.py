"""方正县 (DOMAIN.md §4): a year of quarters, base 100 over ten aspects, 20 bonus at most."""

from __future__ import annotations

import pendulum
import pytest

from jiceng.points import (
    Cycle,
    EntryState,
    InsufficientPoints,
    PointsLedger,
    RuleBook,
    RuleBookError,
    Score,
)
from jiceng.presets import fangzheng
from jiceng.presets.fangzheng import RULE_BOOK
from tests.presets.points_support import CLERK, at, in_force, loaded, settled

HOUSEHOLDS = {f"H-0{n}": 1 for n in range(1, 6)}
# What each household keeps of a quarter: H-01 the whole bonus, H-02 loses one aspect's
# 10, H-03 45 over nine aspects, H-04 40 over four, H-05 earns 5.
ACTS = [
    ("H-01", "JF-01", 4),
    ("H-02", "KF-01", 2),
    ("H-05", "JF-01", 1),
    *(("H-03", f"KF-{n:02d}", 1) for n in range(1, 10)),
    *(("H-04", f"KF-{n:02d}", 2) for n in range(1, 5)),
]
POINTS = {"H-01": 120, "H-02": 90, "H-03": 55, "H-04": 60, "H-05": 105}


def first_day(n: int) -> pendulum.Date:
    return pendulum.date(2026, 3 * n - 2, 1)


def quarter(ledger: PointsLedger, n: int) -> PointsLedger:
    """Quarter `n`'s base points and acts, recorded on its fifth day, final by its 17th."""
    day = first_day(n).add(days=4)
    t = at(day.year, day.month, day.day, 9)
    ledger = ledger.grant_base(HOUSEHOLDS, on=day, by=CLERK, at=t)
    ledger = ledger.record_many(
        [
            Score(entry_id=f"Q{n}-{account}-{item}", account=account, item=item, on=day, quantity=q)
            for account, item, q in ACTS
        ],
        by=CLERK,
        at=t,
    )
    return settled(ledger, list(ledger.entry_ids(EntryState.RECORDED)), t.add(days=1))


@pytest.fixture(scope="module")
def year() -> PointsLedger:
    """A year: four quarters, each redeemed at on its 20th and closed after it ends."""
    registry = loaded("fangzheng")
    ledger = in_force(registry.find(RuleBook, "fangzheng.jifen@1"), id="FZ")
    for n in range(1, 5):
        ledger = quarter(ledger, n)
        day = first_day(n).add(days=19)
        ledger = ledger.redeem(
            entry_id=f"Q{n}-H-04-YG",
            account="H-04",
            product="YG",
            by=CLERK,
            at=at(day.year, day.month, day.day, 10),
        )
        end = first_day(n).add(months=3)
        ledger = ledger.close_cycle(
            Cycle.QUARTER.period(first_day(n)), by=CLERK, at=at(end.year, end.month, end.day, 9)
        )
    return ledger


def test_every_quarter_starts_again_from_the_base(year: PointsLedger) -> None:
    for n in range(1, 5):
        period = Cycle.QUARTER.period(first_day(n))
        assert year.cycle_points(period) == POINTS
        assert year.is_closed(period)
    # at the end of the year: the fourth quarter's points, H-04's spent on toothpaste
    assert year.balances(as_of=at(2026, 12, 31, 18)) == {**POINTS, "H-04": 0}
    assert year.balance("H-01", as_of=at(2027, 1, 1, 9)) == 0  # reset: nothing granted yet


def test_the_five_star_tiers_are_reached_in_a_quarter(year: PointsLedger) -> None:
    board = year.rankings(Cycle.QUARTER.period(first_day(4)))
    stars = {s.account: s.stars for s in board.standings}
    assert stars == {"H-01": 5, "H-05": 4, "H-02": 3, "H-04": 1, "H-03": 0}
    assert [(t.stars, t.min_points) for t in fangzheng.STAR_TIERS] == [
        (1, 60),
        (2, 75),
        (3, 90),
        (4, 105),
        (5, 120),
    ]
    assert fangzheng.STAR_TIERS[-1].min_points == fangzheng.BASE + fangzheng.BONUS_CAP
    assert fangzheng.STAR_TIERS[0].min_points == fangzheng.REDEMPTION_FLOOR
    assert RULE_BOOK.stars(104) == 3  # one short of 4 stars


def test_a_household_at_60_redeems_and_one_at_55_cannot(year: PointsLedger) -> None:
    assert year.entry("Q4-H-04-YG").points == -60
    with pytest.raises(InsufficientPoints, match="at least 60"):
        year.redeem(entry_id="X", account="H-03", product="ZJ", by=CLERK, at=at(2026, 12, 20))


def test_an_entry_counts_only_once_posted_without_objection() -> None:
    ledger = in_force(RULE_BOOK, id="FZ-2")
    ledger = ledger.grant_base(
        {"H-01": 1}, on=pendulum.date(2026, 1, 5), by=CLERK, at=at(2026, 1, 5)
    )
    ledger = ledger.approve(["base/H-01/2026-Q1"], by=CLERK, at=at(2026, 1, 6))
    ledger = ledger.post(["base/H-01/2026-Q1"], by=CLERK, at=at(2026, 1, 6))
    assert ledger.balance("H-01", as_of=at(2026, 1, 10)) == 0
    with pytest.raises(InsufficientPoints):
        ledger.redeem(entry_id="R", account="H-01", product="ZJ", by=CLERK, at=at(2026, 1, 10))


def bonus(ledger: PointsLedger, entry_id: str, item: str, quantity: int = 1) -> PointsLedger:
    return ledger.record(
        entry_id=entry_id,
        account="H-01",
        item=item,
        quantity=quantity,
        on=pendulum.date(2026, 2, 2),
        by=CLERK,
        at=at(2026, 2, 2),
    )


def test_the_bonus_stops_at_20_a_quarter() -> None:
    ledger = bonus(in_force(RULE_BOOK, id="FZ-3"), "B1", "JF-03", 2)  # exactly 20
    with pytest.raises(RuleBookError, match="the cap is 20"):
        bonus(ledger, "B2", "JF-02")  # 22


def test_an_aspect_loses_at_most_its_10_points_a_quarter() -> None:
    ledger = bonus(in_force(RULE_BOOK, id="FZ-4"), "K1", "KF-07", 2)  # exactly 10
    with pytest.raises(RuleBookError, match="the cap is 10"):
        bonus(ledger, "K2", "KF-07")  # 15
    assert bonus(ledger, "K3", "KF-08").entry("K3").points == -5  # another aspect


def test_the_base_is_held_across_ten_aspects_of_ten() -> None:
    aspects = [i for i in RULE_BOOK.items if i.points < 0]
    assert [i.category for i in aspects] == list(fangzheng.ASPECTS)
    assert len(aspects) * fangzheng.ASPECT_POINTS == fangzheng.BASE == 100
    assert {i.cap for i in aspects} == {fangzheng.ASPECT_POINTS}
    assert RULE_BOOK.base is not None
    assert RULE_BOOK.base.for_household(6) == 100  # per household, not per member
    assert (RULE_BOOK.cycle, RULE_BOOK.redemption_floor) == (Cycle.QUARTER, 60)
    assert fangzheng.PLUGIN.version == "1"
