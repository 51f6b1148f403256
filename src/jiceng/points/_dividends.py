"""Dividends (分红), rankings (星级, 红黑榜) and cadres' performance pay (绩效), from points.

Seed 004 (娄底/油溪桥): 村民根据积分参与村级集体收入分红 — "多劳多得、少劳少得、不劳没得";
星级文明户 are rated; 党员干部的积分和村组干部工资绩效制配套实施. Seed 000 (贵定 鼓坪村):
a red and black list (红黑榜) posts model (示范户) and lagging (后进户) households.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Final, TypeAlias

import attrs

from jiceng.checks import Points, between, instance_of, mapping, money, text
from jiceng.exceptions import ValidationError
from jiceng.points._rule_book import Period, RuleBook

_FEN = Decimal("0.01")

_AMOUNT: Final = money(Decimal(0), Decimal(1_000_000_000))
Amount: TypeAlias = Annotated[Decimal, _AMOUNT]
"""A dividend pool or a pay sum in yuan (元), to the fen: 0 to 1,000,000,000.

The upper half of `jiceng.checks.Money`: a pool is what a collective pays out, so it is
never negative (a loss is not divided as negative dividends), and a billion yuan is far
above any village's collective income (湄潭's 296 一事一议 projects together: 76,943,100元)."""

_POINT: Final = between(-1_000_000, 1_000_000)
"""The points of one account (`Points`): ±1,000,000."""

_POINTS: Final = mapping(text(), _POINT)
"""Accounts and their points, each within an account's ±1,000,000."""

_FULL_MARKS: Final = between(1, 1_000_000)
FullMarks: TypeAlias = Annotated[int, _FULL_MARKS]
"""The full marks of a cadre's appraisal: 1 to 1,000,000 points (盘州 贾西村 scores out of 100)."""


def _yuan(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2)


def divide(pool: Amount, points: Mapping[str, Points]) -> dict[str, Decimal]:
    """Divide `pool` (元, to the fen, 0 to 1,000,000,000) among accounts in proportion to
    their points (each within ±1,000,000).

    Accounts with zero or negative points receive nothing (``0.00``); the others get their
    exact share rounded down to the fen, and the fen left over go one each to the largest
    remainders (the largest remainder method), so that the payouts add up to the pool
    exactly. Ties between equal remainders go to the account with more points, then to
    the account whose id sorts first. The result lists every account, in id order.

    >>> divide(Decimal("100.00"), {"A": 1, "B": 1, "C": 1, "D": 0})
    {'A': Decimal('33.34'), 'B': Decimal('33.33'), 'C': Decimal('33.33'), 'D': Decimal('0.00')}
    """
    problems = [
        *_AMOUNT.problems(pool, "divide.pool"),
        *_POINTS.problems(points, "divide.points"),
    ]
    if problems:
        raise ValidationError(problems, subject="dividend")
    fen = int(pool * 100)
    positive = {account: p for account, p in points.items() if p > 0}
    total = sum(positive.values())
    if fen and not total:
        msg = "no account has positive points, so the pool cannot be divided"
        raise ValidationError.single("points", msg)
    shares: dict[str, int] = {}
    order = []
    for account, p in positive.items():
        share, remainder = divmod(fen * p, total)
        shares[account] = share
        order.append((-remainder, -p, account))
    order.sort()
    for _, _, account in order[: fen - sum(shares.values())]:
        shares[account] += 1
    return {account: _yuan(shares.get(account, 0)) for account in sorted(points)}


def performance_pay(points: Points, *, full_marks: FullMarks, amount: Amount) -> Decimal:
    """A cadre's performance pay (绩效工资): `amount` times the share of `full_marks` earned,
    between nothing and all of it, rounded half up to the fen.

    `points` is within ±1,000,000, `full_marks` 1 to 1,000,000 and `amount` 0 to
    1,000,000,000 yuan, to the fen (`Amount`).

    Seed 000 (盘州 贾西村): 基本工资1200元, 绩效800元, 每月通过考评发放绩效.

    >>> performance_pay(94, full_marks=100, amount=Decimal("800.00"))
    Decimal('752.00')
    """
    problems = [
        *_POINT.problems(points, "performance_pay.points"),
        *_FULL_MARKS.problems(full_marks, "performance_pay.full_marks"),
        *_AMOUNT.problems(amount, "performance_pay.amount"),
    ]
    if problems:
        raise ValidationError(problems, subject="performance pay")
    earned = min(max(points, 0), full_marks)
    return (amount * earned / full_marks).quantize(_FEN, rounding=decimal.ROUND_HALF_UP)


@attrs.frozen(kw_only=True)
class Standing:
    """One account's place in a cycle: its points, its rank (1 = most; equal points share a
    rank, and the next rank skips), and its stars (星级)."""

    account: str
    points: int
    rank: int
    stars: int


@attrs.frozen(kw_only=True)
class Rankings:
    """The standings of a cycle, with its red list (红榜, best first) and black list (黑榜,
    worst first) as the rule book's thresholds draw them."""

    period: Period
    standings: tuple[Standing, ...]
    red_list: tuple[str, ...]
    black_list: tuple[str, ...]

    def standing(self, account: str) -> Standing | None:
        """The standing of `account`, or `None` if it scored nothing in the cycle."""
        return next((s for s in self.standings if s.account == account), None)


def rank(period: Period, points: Mapping[str, Points], rule_book: RuleBook) -> Rankings:
    """Rank the accounts of `period` by points (most first, then by id), with `rule_book`'s
    star tiers and red/black list thresholds.

    >>> import pendulum
    >>> from jiceng.points import LOUDI_RULE_BOOK, Cycle
    >>> year = Cycle.YEAR.period(pendulum.date(2026, 1, 1))
    >>> board = rank(year, {"H-1": 85, "H-2": -5, "H-3": 85}, LOUDI_RULE_BOOK)
    >>> tuple((s.account, s.rank, s.stars) for s in board.standings)
    (('H-1', 1, 4), ('H-3', 1, 4), ('H-2', 3, 0))
    >>> board.red_list, board.black_list
    (('H-1', 'H-3'), ('H-2',))
    """
    problems = [
        *instance_of(Period).problems(period, "rank.period"),
        *_POINTS.problems(points, "rank.points"),
        *instance_of(RuleBook).problems(rule_book, "rank.rule_book"),
    ]
    if problems:
        raise ValidationError(problems, subject="rankings")
    ordered = sorted(points.items(), key=lambda pair: (-pair[1], pair[0]))
    standings: list[Standing] = []
    for place, (account, p) in enumerate(ordered, start=1):
        same = standings and standings[-1].points == p
        position = standings[-1].rank if same else place
        stars = rule_book.stars(p)
        standings.append(Standing(account=account, points=p, rank=position, stars=stars))
    red, black = rule_book.red_list_at_least, rule_book.black_list_at_most
    return Rankings(
        period=period,
        standings=tuple(standings),
        red_list=tuple(a for a, p in ordered if red is not None and p >= red),
        black_list=tuple(
            a
            for a, p in sorted(ordered, key=lambda pair: (pair[1], pair[0]))
            if black is not None and p <= black
        ),
    )
