"""Running scenarios: one at a time, a whole year, or many (scenario, seed) pairs at once."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol, Self, TypeVar

import attrs

from jiceng.exceptions import NotFoundError
from jiceng.plugins import default_registry
from jiceng.sim._engine import Progress
from jiceng.sim._grids import GridResult, GridScenario
from jiceng.sim._mediation import MediationScenario
from jiceng.sim._meetings import MeetingScenario
from jiceng.sim._petitions import PetitionScenario
from jiceng.sim._points import PointsResult, PointsScenario
from jiceng.sim._sink import Sink, check_sink

if TYPE_CHECKING:
    import pandas

__all__ = [
    "PRESET_NAMES",
    "SCENARIOS",
    "Scenario",
    "YearResult",
    "YearScenario",
    "preset_scenario",
    "run",
    "scenario",
    "sweep",
]

R_co = TypeVar("R_co", covariant=True)
R = TypeVar("R")


class Scenario(Protocol[R_co]):
    """What every scenario is: a frozen value that runs with a seed and scales."""

    @property
    def name(self) -> str:
        """The scenario's name."""
        ...

    def run(self, seed: int, progress: Progress | None = None, *, sink: Sink | None = None) -> R_co:
        """Simulate with `random.Random(seed)`; records to `sink` if one is given."""
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

    def run(
        self, seed: int, progress: Progress | None = None, *, sink: Sink | None = None
    ) -> YearResult:
        """Run both parts with the same seed. `sink`, if given, takes the grid events'
        records (the year's records, as `records` gives them); the households, one record
        each, are kept in `points`."""
        check_sink(sink, "YearScenario.run")
        return YearResult(
            scenario=self,
            seed=seed,
            grids=self.grids.run(seed, progress, sink=sink),
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


def _preset(name: str) -> Scenario[object] | None:
    curated = SCENARIOS.get(f"{name}-year")  # the main job is the 娄底 preset's year
    if curated is not None:
        return curated
    found = default_registry().plugin(name).contributions
    grids = GridScenario(name=f"{name}-grids", values=name) if found.grid_event_policies else None
    points = PointsScenario(name=f"{name}-points", values=name) if found.rule_books else None
    if grids is not None and points is not None:
        return YearScenario(name=f"{name}-year", grids=grids, points=points)
    single = grids or points
    if single is not None:
        return single
    if found.petition_policies:
        return PetitionScenario(name=f"{name}-petitions", policy=found.petition_policies[0])
    voting = [k for k in found.meeting_kinds if k.majority is not None]
    if voting:
        return MeetingScenario(name=f"{name}-meeting", kind=voting[0])
    return None


PRESET_NAMES: tuple[str, ...] = tuple(
    p.name for p in default_registry().plugins if _preset(p.name) is not None
)
"""The built-in presets that have a scenario (`preset_scenario`), in the presets' order."""


def preset_scenario(name: str) -> Scenario[object]:
    """The scenario of the built-in preset `name`, on the rules it contributes.

    A built-in scenario named after the preset (``loudi-year``) comes first. Otherwise a
    preset with a grid event policy and a rule book runs a year of both (its SLA and
    categories, every category equally frequent; its rule book, every item equally
    often); with one of them, that one; otherwise its petition policy in the petitions
    scenario, or its first voting meeting kind in the quorum scenario. `NotFoundError` for
    an unknown preset or one with nothing the simulation runs.

    >>> preset_scenario("julu").name, preset_scenario("fuquan").name
    ('julu-grids', 'fuquan-meeting')
    """
    found = _preset(name)
    if found is None:
        msg = f"preset {name!r} has nothing the simulation runs; these do: "
        raise NotFoundError(msg + ", ".join(PRESET_NAMES))
    return found


def run(
    scenario: Scenario[R], seed: int, progress: Progress | None = None, *, sink: Sink | None = None
) -> R:
    """Run `scenario` with `random.Random(seed)`: the same pair gives the same result in any
    process. `progress`, if given, is called with the phase and the share done.

    `sink`, if given, is called with each entity's record as soon as the entity is final,
    and with the records of those still open when the run stops; the run then forgets the
    entity and its history, so that memory is bounded by the work open at once, not by the
    whole run. The figures are pooled as the run goes and are the same as without a sink;
    the result's `records` is empty and its `streamed` true (`to_pandas()` then raises
    `ValueError`). Records reach the sink in the order their entities became final, not in
    the order of `records`. A year sends its grid events there and keeps its households.
    """
    check_sink(sink)
    return scenario.run(seed, progress, sink=sink)


def _run_pair(scenario: Scenario[R], seed: int) -> R:
    return scenario.run(seed)


def sweep(
    scenarios: Iterable[Scenario[R]],
    seeds: Iterable[int],
    executor: concurrent.futures.Executor | None = None,
) -> list[R]:
    """Run every (scenario, seed) pair, scenarios outermost, on `executor`; results in that
    order. Any `concurrent.futures.Executor` works (a Dask client's `get_executor()` too);
    without one, a local process pool with a worker per core is used and shut down.

    Every result keeps its records: a sweep takes no sink, since a pair may run in another
    process, where a callable here would not see its records. Run a scenario too large to
    keep on its own, with `run(scenario, seed, sink=...)`."""
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
