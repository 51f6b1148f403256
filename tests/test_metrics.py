from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiceng.exceptions import ValidationError
from jiceng.metrics import Rate


def test_published_resident_kpis_are_reproduced() -> None:
    # 办结率 911/972 = 93.72%, 按期办结率 737/972 = 75.82% (DOMAIN.md §1)
    assert Rate(911, 972).percent() == Decimal("93.72")
    assert Rate(737, 972).percent() == Decimal("75.82")


def test_guiyang_2014_backlog_resolution_rate() -> None:
    assert str(Rate(1732, 1814)) == "95.48% (1732/1814)"


def test_a_rate_with_nothing_due_is_undefined_not_zero() -> None:
    empty = Rate(0, 0)
    assert empty.fraction is None
    assert empty.percent() is None
    assert not empty.at_least(Fraction(0))
    assert str(empty) == "n/a (0/0)"


def test_exactly_the_threshold_reaches_it() -> None:
    assert Rate(19, 20).at_least(Fraction(95, 100))
    assert not Rate(189, 200).at_least(Fraction(95, 100))


def test_percent_rounds_half_up() -> None:
    assert Rate(1, 8).percent(1) == Decimal("12.5")
    assert Rate(1, 8).percent(0) == Decimal("13")


def test_pooling_adds_the_counts() -> None:
    assert Rate(1, 2) + Rate(3, 4) == Rate(4, 6)


@pytest.mark.parametrize(("n", "d"), [(-1, 3), (1.0, 3), (4, 3), (True, 3)])
def test_bad_counts_are_refused(n: object, d: object) -> None:
    with pytest.raises(ValidationError):
        Rate(n, d)  # type: ignore[arg-type]


@given(st.integers(0, 10_000), st.integers(1, 10_000))
def test_the_fraction_is_exact(n: int, extra: int) -> None:
    d = n + extra
    assert Rate(n, d).fraction == Fraction(n, d)
