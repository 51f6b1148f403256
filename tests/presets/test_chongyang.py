"""崇阳 (DOMAIN.md §4): a point is a yuan, and a household's passbook of earning and spending."""

from __future__ import annotations

from decimal import Decimal

import pendulum
import pytest

from jiceng.points import Cycle, EntryKind, InsufficientPoints, PointsLedger, RuleBook, Score
from jiceng.presets import chongyang
from jiceng.presets.chongyang import RULE_BOOK, passbook
from tests.presets.points_support import CLERK, at, in_force, loaded, settled


@pytest.fixture(scope="module")
def year() -> PointsLedger:
    """2026 and the start of 2027: H-01 works every month (CY-01, 10), wins the hygiene
    rating in June (CY-02, 20) and dumps rubbish once in March (CY-04, -10); it buys oil
    (60) in July and rice (50) in December; the March deduction is reversed in April."""
    ledger = in_force(loaded("chongyang").find(RuleBook, "chongyang.jifen@1"), id="CY")
    for month in range(1, 13):
        acts = [("CY-01", 1)] + ([("CY-02", 1)] if month == 6 else [])
        acts += [("CY-04", 1)] if month == 3 else []
        ledger = ledger.record_many(
            [
                Score(
                    entry_id=f"{month:02d}-{item}",
                    account="H-01",
                    item=item,
                    on=pendulum.date(2026, month, 5),
                )
                for item, _ in acts
            ],
            by=CLERK,
            at=at(2026, month, 5, 9),
        )
        ledger = settled(ledger, [f"{month:02d}-{item}" for item, _ in acts], at(2026, month, 6))
        if month == 4:
            ledger = ledger.reverse(
                "03-CY-04", reversal_id="03-CY-04-R", reason="误记", by=CLERK, at=at(2026, 4, 20)
            )
        if month in (7, 12):
            product = "YY" if month == 7 else "DM"
            ledger = ledger.redeem(
                entry_id=f"R-{month:02d}",
                account="H-01",
                product=product,
                by=CLERK,
                at=at(2026, month, 20),
            )
    return ledger.close_cycle(
        Cycle.YEAR.period(pendulum.date(2026, 1, 1)), by=CLERK, at=at(2027, 1, 4)
    )


def test_the_passbook_lists_earning_and_spending_with_the_running_balance(
    year: PointsLedger,
) -> None:
    book = passbook(year, "H-01", as_of=at(2026, 12, 31, 18))
    assert (book.earned, book.deducted, book.spent) == (120 + 20 + 10, 10, 110)
    assert book.balance == 30 == year.balance("H-01", as_of=at(2026, 12, 31, 18))
    kinds = [line.entry.kind for line in book.lines]
    assert kinds.count(EntryKind.REDEMPTION) == 2
    assert kinds.count(EntryKind.REVERSAL) == 1
    running = 0
    for line in book.lines:
        running += line.points
        assert line.balance == running
    oil = next(line for line in book.lines if line.entry.id == "R-07")
    assert (oil.points, oil.yuan) == (-60, Decimal("-60.00"))


def test_the_balance_carries_over_into_the_next_year(year: PointsLedger) -> None:
    assert year.balance("H-01", as_of=at(2027, 1, 5)) == 30
    assert passbook(year, "H-01", as_of=at(2027, 1, 5)).balance == 30
    with pytest.raises(InsufficientPoints, match="60"):
        year.redeem(entry_id="R-27", account="H-01", product="YY", by=CLERK, at=at(2027, 1, 5))
    spent = year.redeem(entry_id="R-27", account="H-01", product="XYF", by=CLERK, at=at(2027, 1, 5))
    book = passbook(spent, "H-01", as_of=at(2027, 1, 5))
    assert (book.balance, book.spent, book.lines[-1].spending) == (15, 125, True)


def test_an_entry_is_in_the_passbook_once_it_counts() -> None:
    ledger = in_force(RULE_BOOK, id="CY-2").record(
        entry_id="E1",
        account="H-02",
        item="CY-03",
        on=pendulum.date(2026, 1, 5),
        by=CLERK,
        at=at(2026, 1, 5),
    )
    ledger = ledger.approve(["E1"], by=CLERK, at=at(2026, 1, 5)).post(
        ["E1"], by=CLERK, at=at(2026, 1, 5)
    )
    assert passbook(ledger, "H-02", as_of=at(2026, 1, 8)).lines == ()  # still posted
    ledger = ledger.object_to("E1", objection="未见此事", by=CLERK, at=at(2026, 1, 8))
    ledger = ledger.dismiss("E1", reason="经核实属实", by=CLERK, at=at(2026, 1, 9))
    book = passbook(ledger, "H-02", as_of=at(2026, 1, 9))
    assert [(line.entry.id, line.points, line.balance) for line in book.lines] == [("E1", 30, 30)]
    assert passbook(ledger, "H-03", as_of=at(2026, 1, 9)).balance == 0


def test_a_point_is_a_yuan() -> None:
    assert Decimal("1.00") == chongyang.YUAN_PER_POINT
    assert {p.code: p.price for p in RULE_BOOK.catalogue} == {"YY": 60, "DM": 50, "XYF": 15}
    assert chongyang.PLUGIN.version == "1"
