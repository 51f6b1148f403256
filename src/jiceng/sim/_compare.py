"""Comparing two scenarios over many seeds: paired differences and a confidence interval.

Both scenarios run on the same seeds (common random numbers): with seed ``s`` both draw
from ``random.Random(s)``, so the noise they share cancels in the difference and the
comparison needs fewer seeds than two independent samples would. The interval is Student's
t interval for the mean of the paired differences, with the t quantile computed here
(stdlib only: no SciPy), exact in the arithmetic up to the square root and the quantile.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import math
from collections.abc import Callable, Iterable
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Final, TypeVar

import attrs

from jiceng._kernel._checks import between, describe, items
from jiceng.exceptions import FieldError, MissingExtraError, ValidationError
from jiceng.metrics import Rate
from jiceng.sim._run import Scenario, sweep

if TYPE_CHECKING:
    import pandas

__all__ = ["MAX_SEEDS", "Comparison", "compare", "t_quantile"]

R = TypeVar("R")

MAX_SEEDS: Final = 100_000
"""The most seeds one comparison runs (each scenario runs once per seed)."""

_SEED = between(-(2**63), 2**63 - 1)
_SEEDS = items(_SEED, min_items=2, max_items=MAX_SEEDS, unique=True)
_SUBJECT = "compare"


@attrs.frozen(kw_only=True)
class Comparison:
    """Two scenarios run on the same seeds, and how a metric differs between them.

    `a` and `b` hold the metric's value for each seed, exactly (a `Rate` as its fraction, a
    float as the fraction it is); `differences` are ``b - a`` seed by seed, and
    `mean_difference` their exact mean. `low` and `high` bound the `confidence` interval of
    the mean difference (Student's t with ``n - 1`` degrees of freedom), and
    `standard_error` is that of the mean: these three are floats, the only figures rounded.
    """

    names: tuple[str, str]
    seeds: tuple[int, ...]
    a: tuple[Fraction, ...]
    b: tuple[Fraction, ...]
    differences: tuple[Fraction, ...]
    mean_difference: Fraction
    standard_error: float
    confidence: float
    low: float
    high: float

    @property
    def interval(self) -> tuple[float, float]:
        """The confidence interval of the mean difference, ``(low, high)``."""
        return self.low, self.high

    @property
    def significant(self) -> bool:
        """Whether the interval leaves out 0: the scenarios differ at this confidence."""
        return self.low > 0 or self.high < 0

    def to_pandas(self) -> pandas.DataFrame:
        """One row per seed: ``seed``, ``a``, ``b`` and ``difference``, as floats (extra
        ``pandas``); the scenarios' names are in the frame's ``attrs["names"]``."""
        try:
            import pandas  # noqa: PLC0415 - an optional extra, imported when asked for
        except ImportError as error:
            raise MissingExtraError(
                feature="to_pandas()", extra="pandas", package="pandas"
            ) from error
        table = pandas.DataFrame(
            {
                "seed": list(self.seeds),
                "a": [float(v) for v in self.a],
                "b": [float(v) for v in self.b],
                "difference": [float(v) for v in self.differences],
            }
        )
        table.attrs["names"] = self.names
        return table


def compare(
    a: Scenario[R],
    b: Scenario[R],
    seeds: Iterable[int],
    metric: Callable[[R], object],
    *,
    executor: concurrent.futures.Executor | None = None,
    confidence: float | Fraction = 0.95,
) -> Comparison:
    """Run `a` and `b` on every one of `seeds` (through `sweep`, on `executor`) and compare
    `metric` of their results, seed by seed.

    `metric` takes a result and gives a number: an `int`, a `Fraction`, a finite `float` or
    `Decimal`, or a `Rate` (its fraction; a rate of nothing counted is refused). It runs
    here, on the results, so a lambda will do even when the runs go to other processes.
    `seeds` are 2 to 100,000 distinct whole numbers; `confidence` is above 0 and below
    1. Every argument is checked before anything runs (`ValidationError`).

    >>> from jiceng.sim import MeetingScenario
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> few, many = MeetingScenario(meetings=20), MeetingScenario(meetings=40)
    >>> with ThreadPoolExecutor(2) as pool:
    ...     c = compare(few, many, range(5), lambda r: r.quorum_rate, executor=pool)
    >>> len(c.differences), c.low <= float(c.mean_difference) <= c.high
    (5, True)
    """
    picked = tuple(itertools.islice(seeds, MAX_SEEDS + 1)) if _iterable(seeds) else seeds
    errors: list[FieldError] = []
    for name, scenario in (("a", a), ("b", b)):
        if not callable(getattr(scenario, "run", None)) or not hasattr(scenario, "name"):
            errors.append(FieldError(name, f"expected a scenario, got {describe(scenario)}"))
    errors += _SEEDS.problems(picked, "seeds")
    given: dict[str, object] = {"metric": metric, "executor": executor}  # as the caller gave
    if not callable(given["metric"]):
        errors.append(FieldError("metric", f"expected a callable, got {describe(metric)}"))
    if executor is not None and not isinstance(given["executor"], concurrent.futures.Executor):
        msg = f"expected a concurrent.futures.Executor or None, got {describe(executor)}"
        errors.append(FieldError("executor", msg))
    if type(confidence) not in (float, Fraction) or not 0 < confidence < 1:
        msg = f"must be a float or Fraction above 0 and below 1, got {describe(confidence)}"
        errors.append(FieldError("confidence", msg))
    if errors:
        raise ValidationError(errors, subject=_SUBJECT)
    chosen: tuple[int, ...] = picked  # type: ignore[assignment]  # checked just above
    results = sweep([a, b], chosen, executor=executor)
    n = len(chosen)
    values = [_value(metric(r), "ab"[i // n], chosen[i % n]) for i, r in enumerate(results)]
    first, second = values[:n], values[n:]
    differences = [y - x for x, y in zip(first, second, strict=True)]
    mean = sum(differences, Fraction(0)) / n
    variance = sum(((d - mean) ** 2 for d in differences), Fraction(0)) / (n - 1)
    error = math.sqrt(variance / n)
    half = t_quantile(1 - (1 - float(confidence)) / 2, n - 1) * error
    return Comparison(
        names=(a.name, b.name),
        seeds=chosen,
        a=tuple(first),
        b=tuple(second),
        differences=tuple(differences),
        mean_difference=mean,
        standard_error=error,
        confidence=float(confidence),
        low=float(mean) - half,
        high=float(mean) + half,
    )


def _iterable(value: object) -> bool:
    return isinstance(value, Iterable) and not isinstance(value, str | bytes)


def _value(value: object, which: str, seed: int) -> Fraction:
    """The metric's value as an exact fraction; `ValidationError` if it is not a number."""
    path = f"metric({which}, seed {seed})"
    if isinstance(value, Rate):
        if value.fraction is None:
            msg = "gave a rate of nothing counted (0/0)"
            raise ValidationError([FieldError(path, msg)], subject=_SUBJECT)
        return value.fraction
    if isinstance(value, int | Fraction) and not isinstance(value, bool):
        return Fraction(value)
    if isinstance(value, float | Decimal):
        finite = value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)
        if finite:
            return Fraction(value)
    kinds = "an int, a Fraction, a finite float or Decimal, or a Rate"
    msg = f"must give {kinds}, got {describe(value)}"
    raise ValidationError([FieldError(path, msg)], subject=_SUBJECT)


# -- Student's t quantile, with the stdlib only -------------------------------------------


def t_quantile(p: float, df: int) -> float:
    """The `p` quantile of Student's t distribution with `df` degrees of freedom.

    Closed forms for 1 and 2 degrees of freedom; otherwise the root of the distribution
    function, found by bisection on the regularized incomplete beta function (its
    continued fraction), to about 1e-12.

    >>> round(t_quantile(0.975, 1), 6), round(t_quantile(0.975, 10), 6)
    (12.706205, 2.228139)
    """
    if not 0 < p < 1 or type(df) is not int or df < 1:
        msg = f"needs 0 < p < 1 and a whole df >= 1, got p={p!r}, df={df!r}"
        raise ValueError(msg)
    if p < 0.5:
        return -t_quantile(1 - p, df)
    if p == 0.5:
        return 0.0
    if df == 1:
        return math.tan(math.pi * (p - 0.5))
    if df == 2:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    tail = 1 - p  # find t with P(T > t) = tail
    low, high = 0.0, 1.0
    while _upper_tail(high, df) > tail:
        low, high = high, 2 * high
    while high - low > 1e-13 * high:  # halves the bracket: about 50 steps
        middle = (low + high) / 2
        if _upper_tail(middle, df) > tail:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _upper_tail(t: float, df: int) -> float:
    """P(T > t) for t >= 0."""
    return 0.5 * _incomplete_beta(df / 2, 0.5, df / (df + t * t))


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b), for 0 < x < 1."""
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):  # the continued fraction converges quickly here
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1 - math.exp(log_front) * _beta_fraction(b, a, 1 - x) / b


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of I_x(a, b), evaluated from the front (Lentz's method)."""
    tiny = 1e-300

    def guard(value: float) -> float:
        return tiny if abs(value) < tiny else value

    c, d = 1.0, 1 / guard(1 - (a + b) * x / (a + 1))
    f, m, step = d, 0, 0.0
    while abs(step - 1) > 1e-16 and m < 1_000:
        m += 1
        for term in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 / guard(1 + term * d)
            c = guard(1 + term / c)
            step = c * d
            f *= step
    return f
