"""Running scenarios: one at a time, a whole year, or many (scenario, seed) pairs at once."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol, Self, TypeVar

import attrs

from jiceng.exceptions import NotFoundError
from jiceng.sim._engine import Progress
from jiceng.sim._grids import GridResult, GridScenario
from jiceng.sim._mediation import MediationScenario
from jiceng.sim._meetings import MeetingScenario
from jiceng.sim._petitions import PetitionScenario
from jiceng.sim._points import PointsResult, PointsScenario

if TYPE_CHECKING:
    import pandas

__all__ = ["SCENARIOS", "Scenario", "YearResult", "YearScenario", "run", "scenario", "sweep"]

R_co = TypeVar("R_co", covariant=True)
R = TypeVar("R")


class Scenario(Protocol[R_co]):
    """What every scenario is: a frozen value that runs with a seed and scales."""

    @property
    def name(self) -> str:
        """The scenario's name."""
        ...

    def run(self, seed: int, progress: Progress | None = None) -> R_co:
        """Simulate with `random.Random(seed)`."""
        ...

    def scaled(self, factor: float) -> Self:
        """The same scenario at `factor` of its size."""
        ...


@attrs.frozen(kw_only=True)
class YearScenario:
    """The main job: a city's year of grid events, and its villages' points and dividends."""

    name: str = "loudi-year"
    grids: GridScenario = attrs.field(factory=GridScenario)
    points: PointsScenario = attrs.field(factory=PointsScenario)

    def scaled(self, factor: float) -> YearScenario:
        """Both parts at `factor` of their size."""
        return attrs.evolve(
            self, grids=self.grids.scaled(factor), points=self.points.scaled(factor)
        )

    def run(self, seed: int, progress: Progress | None = None) -> YearResult:
        """Run both parts with the same seed."""
        return YearResult(
            scenario=self,
            seed=seed,
            grids=self.grids.run(seed, progress),
            points=self.points.run(seed, progress),
        )


@attrs.frozen(kw_only=True)
class YearResult:
    """The results of both parts of the year."""

    scenario: YearScenario
    seed: int
    grids: GridResult
    points: PointsResult

    @property
    def transitions(self) -> int:
        """Transitions recorded on every aggregate of the year."""
        return self.grids.transitions + self.points.transitions

    def to_pandas(self) -> pandas.DataFrame:
        """The year's grid events as a `pandas.DataFrame` (extra ``pandas``), as the other
        results give theirs; the households are `points.to_pandas()`."""
        return self.grids.to_pandas()


SCENARIOS: Mapping[str, Scenario[object]] = MappingProxyType(
    {
        # Six departments, one per 娄底 grid item, staffed just above the year's load (the
        # article gives no figure): queues stay short and a few events still wait long
        # enough to be escalated (网格吹哨). `python -m jiceng --scenario grids` and the
        # staffing notebook show how the figures move with the staffing.
        "loudi-year": YearScenario(
            grids=GridScenario(values="loudi", departments=6, handlers=19),
            points=PointsScenario(values="loudi"),
        ),
        "grids": GridScenario(),
        "petitions": PetitionScenario(),
        "points": PointsScenario(),
        "meeting": MeetingScenario(),
        "mediation": MediationScenario(),
    }
)
"""The built-in scenarios by name; ``loudi-year`` is the main job (`python -m jiceng`)."""


def scenario(name: str) -> Scenario[object]:
    """The built-in scenario called `name`; `NotFoundError` listing them otherwise."""
    found = SCENARIOS.get(name)
    if found is None:
        raise NotFoundError(f"unknown scenario {name!r}; known: {', '.join(SCENARIOS)}")
    return found


def run(scenario: Scenario[R], seed: int, progress: Progress | None = None) -> R:
    """Run `scenario` with `random.Random(seed)`: the same pair gives the same result in any
    process. `progress`, if given, is called with the phase and the share done."""
    return scenario.run(seed, progress)


def _run_pair(scenario: Scenario[R], seed: int) -> R:
    return scenario.run(seed)


def sweep(
    scenarios: Iterable[Scenario[R]],
    seeds: Iterable[int],
    executor: concurrent.futures.Executor | None = None,
) -> list[R]:
    """Run every (scenario, seed) pair, scenarios outermost, on `executor`; results in that
    order. Any `concurrent.futures.Executor` works (a Dask client's `get_executor()` too);
    without one, a local process pool with a worker per core is used and shut down."""
    pairs: Sequence[tuple[Scenario[R], int]] = [
        (s, seed) for s in scenarios for seed in list(seeds)
    ]
    if executor is None:
        with concurrent.futures.ProcessPoolExecutor() as pool:
            return _gather(pool, pairs)
    return _gather(executor, pairs)


def _gather(
    executor: concurrent.futures.Executor, pairs: Sequence[tuple[Scenario[R], int]]
) -> list[R]:
    futures = [executor.submit(_run_pair, s, seed) for s, seed in pairs]
    return [future.result() for future in futures]
