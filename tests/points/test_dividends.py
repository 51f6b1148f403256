from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng.exceptions import ValidationError
from jiceng.points import LOUDI_RULE_BOOK, Cycle
from jiceng.points.dividends import divide, performance_pay, rank

YEAR = Cycle.YEAR.period(pendulum.date(2026, 1, 1))

pools = st.integers(0, 10**11).map(lambda fen: Decimal(fen).scaleb(-2))  # up to ¥1e9
points = st.dictionaries(
    st.text(alphabet="ABCDH-0123456789", min_size=1, max_size=6),
    st.integers(-1_000, 1_000),
    max_size=40,
)


@given(pools, points)
def test_payouts_add_up_to_the_pool_exactly_and_follow_the_points(
    pool: Decimal, shares: dict[str, int]
) -> None:
    if pool and not any(p > 0 for p in shares.values()):
        with pytest.raises(ValidationError, match="no account has positive points"):
            divide(pool, shares)
        return
    payouts = divide(pool, shares)
    assert list(payouts) == sorted(shares)
    assert sum(payouts.values(), Decimal("0.00")) == pool
    total = sum(p for p in shares.values() if p > 0)
    for account, paid in payouts.items():
        assert paid == paid.quantize(Decimal("0.01"))
        if shares[account] <= 0:
            assert paid == 0
        else:  # within one fen of the exact share (largest remainder)
            exact = Fraction(pool) * shares[account] / total
            assert abs(Fraction(paid) - exact) < Fraction(1, 100)
    assert divide(pool, dict(reversed(list(shares.items())))) == payouts


def test_the_fifty_thousand_yuan_pool_is_divided_to_the_fen() -> None:
    payouts = divide(Decimal("50000.00"), {"H-01": 56, "H-02": 30, "H-03": 0, "H-04": -20})
    assert payouts == {
        "H-01": Decimal("32558.14"),
        "H-02": Decimal("17441.86"),
        "H-03": Decimal("0.00"),
        "H-04": Decimal("0.00"),
    }


def test_ties_in_the_remainder_go_to_more_points_then_to_the_first_id() -> None:
    # 0.02 among 1 + 3 points: quotas 0.005 and 0.015, both a half fen over
    assert divide(Decimal("0.02"), {"A": 1, "B": 3}) == {"A": Decimal("0.00"), "B": Decimal("0.02")}
    assert divide(Decimal("0.01"), {"B": 1, "A": 1}) == {"A": Decimal("0.01"), "B": Decimal("0.00")}
    assert divide(Decimal("0.02"), {"A": 1, "B": 2, "C": 2}) == {
        "A": Decimal("0.00"),
        "B": Decimal("0.01"),
        "C": Decimal("0.01"),
    }


def test_a_zero_pool_pays_nothing_even_when_no_one_has_points() -> None:
    assert divide(Decimal("0.00"), {"H-01": 0}) == {"H-01": Decimal("0.00")}


@pytest.mark.parametrize(
    ("pool", "message"),
    [
        (Decimal("-0.01"), "must be at least 0"),
        (Decimal("100.005"), "must be to the fen"),
        (100.0, "expected a Decimal"),
        (Decimal("NaN"), "must be a finite amount"),
    ],
)
def test_a_bad_pool_is_refused(pool: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        divide(pool, {"H-01": 1})  # type: ignore[arg-type]


def test_points_must_be_whole_numbers() -> None:
    with pytest.raises(ValidationError, match=r"points\['H-01'\]"):
        divide(Decimal("1.00"), {"H-01": 1.5})  # type: ignore[dict-item]


def test_performance_pay_follows_the_share_of_full_marks() -> None:
    amount = Decimal("800.00")
    assert performance_pay(94, full_marks=100, amount=amount) == Decimal("752.00")
    assert performance_pay(120, full_marks=100, amount=amount) == amount
    assert performance_pay(-5, full_marks=100, amount=amount) == Decimal("0.00")
    assert performance_pay(1, full_marks=3, amount=Decimal("1.00")) == Decimal("0.33")
    assert performance_pay(1, full_marks=8, amount=Decimal("0.01")) == Decimal("0.00")
    assert performance_pay(1, full_marks=2, amount=Decimal("0.01")) == Decimal("0.01")  # half up
    with pytest.raises(ValidationError, match="full_marks"):
        performance_pay(1, full_marks=0, amount=amount)
    with pytest.raises(ValidationError, match="points"):
        performance_pay(1.0, full_marks=10, amount=amount)  # type: ignore[arg-type]


def test_rankings_share_ranks_on_equal_points_and_draw_both_lists() -> None:
    board = rank(YEAR, {"H-3": 120, "H-1": 85, "H-2": 85, "H-4": 0, "H-5": -10}, LOUDI_RULE_BOOK)
    assert [(s.account, s.points, s.rank, s.stars) for s in board.standings] == [
        ("H-3", 120, 1, 5),
        ("H-1", 85, 2, 4),
        ("H-2", 85, 2, 4),
        ("H-4", 0, 4, 0),
        ("H-5", -10, 5, 0),
    ]
    assert board.red_list == ("H-3", "H-1", "H-2")  # 80 or more (红榜), best first
    assert board.black_list == ("H-5", "H-4")  # 0 or less (黑榜), worst first
    assert board.standing("H-2") is not None
    assert board.standing("H-9") is None


def test_a_rule_book_without_thresholds_draws_no_lists() -> None:
    from jiceng.points import FANGZHENG_RULE_BOOK

    board = rank(YEAR, {"H-1": 500, "H-2": -500}, FANGZHENG_RULE_BOOK)
    assert (board.red_list, board.black_list) == ((), ())
    assert board.standings[0].stars == 5


def test_divide_refuses_a_pool_with_three_decimal_places() -> None:
    with pytest.raises(ValidationError) as caught:
        divide(Decimal("100.005"), {"H-01": 1})
    assert caught.value.paths == ("divide.pool",)
    assert "must be to the fen" in str(caught.value)


@pytest.mark.parametrize(
    ("pool", "ok"),
    [(Decimal("0.00"), True), (Decimal("1000000000.00"), True), (Decimal("1000000000.01"), False)],
)
def test_a_pool_is_zero_to_a_billion_yuan(pool: Decimal, ok: bool) -> None:
    if ok:
        assert divide(pool, {"H-01": 1}) == {"H-01": pool}
        return
    with pytest.raises(ValidationError) as caught:
        divide(pool, {"H-01": 1})
    assert caught.value.paths == ("divide.pool",)


@pytest.mark.parametrize(
    ("points", "ok"), [(1_000_000, True), (1_000_001, False), (-1_000_001, False)]
)
def test_an_accounts_points_in_a_division_are_within_a_million(points: int, ok: bool) -> None:
    if ok:
        assert divide(Decimal("1.00"), {"H-01": points}) == {"H-01": Decimal("1.00")}
        return
    with pytest.raises(ValidationError) as caught:
        divide(Decimal("1.00"), {"H-01": points})
    assert caught.value.paths == ("divide.points['H-01']",)


def test_every_bad_argument_of_performance_pay_is_named_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        performance_pay(1_000_001, full_marks=1_000_001, amount=Decimal("-0.01"))
    assert caught.value.paths == (
        "performance_pay.points",
        "performance_pay.full_marks",
        "performance_pay.amount",
    )
    assert performance_pay(1_000_000, full_marks=1_000_000, amount=Decimal("1.00")) == Decimal(
        "1.00"
    )


def test_rank_refuses_a_period_given_as_its_label() -> None:
    with pytest.raises(ValidationError) as caught:
        rank("2026", {"H-1": 1}, LOUDI_RULE_BOOK)  # type: ignore[arg-type]
    assert caught.value.paths == ("rank.period",)
