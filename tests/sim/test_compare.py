"""`compare`: two scenarios on the same seeds, their paired differences and a t interval."""

from __future__ import annotations

import concurrent.futures
import math
import sys
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest

from jiceng import Rate
from jiceng.exceptions import MissingExtraError, ValidationError
from jiceng.sim import Comparison, MeetingResult, MeetingScenario, compare, run
from jiceng.sim._compare import MAX_SEEDS, t_quantile

FEW = MeetingScenario(members=9, households=3, meetings=10)
MORE = attrs.evolve(FEW, name="more", meetings=20)


@pytest.fixture(scope="module")
def pool() -> Iterator[concurrent.futures.Executor]:
    with concurrent.futures.ThreadPoolExecutor(2) as executor:
        yield executor


# a table of Student's t: (p, degrees of freedom, quantile to three decimals)
T_TABLE = [
    (0.975, 1, 12.706), (0.975, 2, 4.303), (0.975, 3, 3.182), (0.975, 4, 2.776),
    (0.975, 5, 2.571), (0.975, 10, 2.228), (0.975, 20, 2.086), (0.975, 30, 2.042),
    (0.975, 60, 2.000), (0.975, 120, 1.980), (0.995, 5, 4.032), (0.995, 10, 3.169),
    (0.95, 10, 1.812), (0.9, 3, 1.638), (0.9995, 2, 31.599),
]  # fmt: skip


@pytest.mark.parametrize(("p", "df", "expected"), T_TABLE)
def test_the_t_quantile_matches_the_table(p: float, df: int, expected: float) -> None:
    assert t_quantile(p, df) == pytest.approx(expected, abs=5e-4)
    assert t_quantile(1 - p, df) == pytest.approx(-expected, abs=5e-4)


def test_the_t_quantile_nears_the_normal_one_and_refuses_nonsense() -> None:
    assert t_quantile(0.5, 7) == 0
    assert t_quantile(0.975, 100_000) == pytest.approx(1.959964, abs=1e-4)
    assert t_quantile(0.975, 3) > t_quantile(0.975, 4) > t_quantile(0.975, 5)
    for p, df in ((0.0, 3), (1.0, 3), (0.9, 0), (0.9, 2.5)):
        with pytest.raises(ValueError, match="needs 0 < p < 1"):
            t_quantile(p, df)  # type: ignore[arg-type]


def _fractions(*values: int) -> tuple[Fraction, ...]:
    return tuple(map(Fraction, values))


def test_a_metric_known_from_the_seed_gives_a_known_interval(
    pool: concurrent.futures.Executor,
) -> None:
    # the metric reads the seed: a gives s, b gives 3s + 1, so the differences are 2s + 1
    def metric(result: MeetingResult) -> int:
        return result.seed * (3 if result.scenario is MORE else 1) + (result.scenario is MORE)

    c = compare(FEW, MORE, [1, 2, 3, 4], metric, executor=pool)
    assert isinstance(c, Comparison)
    assert c.names == ("meeting", "more")
    assert c.seeds == (1, 2, 3, 4)
    assert c.a == _fractions(1, 2, 3, 4)
    assert c.b == _fractions(4, 7, 10, 13)
    assert c.differences == _fractions(3, 5, 7, 9)
    assert c.mean_difference == 6
    # the sample standard deviation of 3, 5, 7, 9 is sqrt(20 / 3)
    assert c.standard_error == pytest.approx(math.sqrt(20 / 3) / 2)
    half = 3.182446305 * math.sqrt(20 / 3) / 2
    assert c.interval == pytest.approx((6 - half, 6 + half))
    assert c.confidence == 0.95
    assert c.significant


def test_two_seeds_and_no_variance(pool: concurrent.futures.Executor) -> None:
    def metric(result: MeetingResult) -> Fraction:
        return Fraction(result.scenario.meetings, 3)  # the same on every seed

    c = compare(FEW, MORE, [7, 8], metric, executor=pool, confidence=Fraction(9, 10))
    assert c.differences == (Fraction(10, 3), Fraction(10, 3))
    assert c.standard_error == 0
    assert c.low == c.high == float(Fraction(10, 3))
    assert c.confidence == 0.9
    same = compare(FEW, FEW, [7, 8], metric, executor=pool)
    assert same.interval == (0.0, 0.0)
    assert not same.significant


def test_the_values_are_the_runs_own_and_exact(pool: concurrent.futures.Executor) -> None:
    c = compare(FEW, MORE, range(3), lambda r: r.quorum_rate, executor=pool)
    assert c.a == tuple(run(FEW, s).quorum_rate.fraction for s in range(3))
    assert c.b == tuple(run(MORE, s).quorum_rate.fraction for s in range(3))
    assert all(type(v) is Fraction for v in c.a + c.b + c.differences)
    frame = c.to_pandas()
    assert list(frame.columns) == ["seed", "a", "b", "difference"]
    assert frame["difference"].tolist() == [float(d) for d in c.differences]
    assert frame.attrs["names"] == ("meeting", "more")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(2, Fraction(2)), (0.25, Fraction(1, 4)), (Decimal("1.5"), Fraction(3, 2)),
     (Rate(1, 4), Fraction(1, 4)), (Fraction(2, 7), Fraction(2, 7))],
)  # fmt: skip
def test_every_kind_of_number_is_taken_exactly(
    value: object, expected: Fraction, pool: concurrent.futures.Executor
) -> None:
    c = compare(FEW, FEW, [1, 2], lambda r: value, executor=pool)
    assert c.a == c.b == (expected, expected)


@pytest.mark.parametrize(
    "value", [True, "0.5", None, math.nan, math.inf, Decimal("NaN"), Rate(0, 0), [1]]
)
def test_a_metric_that_gives_no_number_is_refused(
    value: object, pool: concurrent.futures.Executor
) -> None:
    with pytest.raises(ValidationError, match=r"metric\(a, seed 1\)"):
        compare(FEW, FEW, [1, 2], lambda r: value, executor=pool)


def _quorum(result: MeetingResult) -> Rate:
    return result.quorum_rate


BAD: list[tuple[dict[str, Any], str]] = [
    ({"a": "meeting"}, "a: expected a scenario"),
    ({"b": 3}, "b: expected a scenario"),
    ({"seeds": [1]}, "seeds: must hold at least 2 items"),
    ({"seeds": []}, "seeds: must hold at least 2 items"),
    ({"seeds": [1, 1]}, "seeds: must not name the same item twice"),
    ({"seeds": [1, True]}, r"seeds\[1\]: expected a whole number"),
    ({"seeds": [1, 2**64]}, r"seeds\[1\]: must be at most"),
    ({"seeds": range(MAX_SEEDS + 1)}, "seeds: must hold at most 100000 items"),
    ({"seeds": "12"}, "seeds: expected tuple of items"),
    ({"seeds": 12}, "seeds: expected tuple of items"),
    ({"metric": "quorum_rate"}, "metric: expected a callable"),
    ({"executor": "pool"}, "executor: expected a concurrent.futures.Executor"),
    ({"confidence": 1.0}, "confidence: must be a float or Fraction above 0 and below 1"),
    ({"confidence": 0.0}, "confidence: must be"),
    ({"confidence": 95}, "confidence: must be"),
    ({"confidence": math.nan}, "confidence: must be"),
]


@pytest.mark.parametrize(("change", "message"), BAD)
def test_every_argument_is_checked_before_anything_runs(
    change: dict[str, Any], message: str
) -> None:
    ran: list[object] = []

    def metric(result: MeetingResult) -> Rate:
        ran.append(result)
        return result.quorum_rate

    arguments: dict[str, Any] = {"a": FEW, "b": MORE, "seeds": [1, 2], "metric": metric}
    with pytest.raises(ValidationError, match=message) as error:
        compare(**(arguments | change))
    assert error.value.subject == "compare"
    assert ran == []


def test_a_comparison_without_pandas_names_the_extra(
    pool: concurrent.futures.Executor, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = compare(FEW, MORE, [1, 2], _quorum, executor=pool)
    monkeypatch.setitem(sys.modules, "pandas", None)  # an import of it now fails
    with pytest.raises(MissingExtraError, match="pandas"):
        c.to_pandas()


def test_without_an_executor_the_runs_go_to_a_process_pool() -> None:
    c = compare(FEW, MORE, [1, 2], _quorum)
    assert c.a == tuple(run(FEW, s).quorum_rate.fraction for s in (1, 2))
