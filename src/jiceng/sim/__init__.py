"""Policy simulation (政策仿真) on the real aggregates: grid events, petitions, points,
meetings and mediation, driven by a discrete-event engine on a virtual clock.

A scenario is a frozen value; `run(scenario, seed)` (or `scenario.run(seed)`) draws every
arrival, service time and behaviour from `random.Random(seed)`, so the same pair gives the
same result in any process. Results carry the library's own metrics (exact `Rate`s) and
per-entity records (`to_pandas()` with the extra ``pandas``), or hand each record to a
sink as its entity ends, so that a large run keeps only its open work. `sweep` runs many
pairs on any `concurrent.futures.Executor`, and `compare` two scenarios over the same seeds,
with a confidence interval for the mean difference.

Nothing here reads a clock, a file or the environment, and nothing prints: progress is a
callback the caller supplies.
"""

from jiceng.sim._common import MAX_SCALE
from jiceng.sim._compare import Comparison, compare
from jiceng.sim._engine import Clock, Engine, Progress, poisson
from jiceng.sim._export import record_fields, records, row, summary
from jiceng.sim._grids import (
    DepartmentRow,
    GridEventRecord,
    GridResult,
    GridScenario,
    grid_codes,
)
from jiceng.sim._mediation import MediationRecord, MediationResult, MediationScenario
from jiceng.sim._meetings import MeetingRecord, MeetingResult, MeetingScenario, exact_odds
from jiceng.sim._petitions import (
    MonthlyBacklog,
    PetitionRecord,
    PetitionResult,
    PetitionScenario,
)
from jiceng.sim._points import (
    HouseholdRecord,
    PointsResult,
    PointsScenario,
    VillageRow,
    gini,
)
from jiceng.sim._run import (
    PRESET_NAMES,
    SCENARIOS,
    Scenario,
    YearResult,
    YearScenario,
    preset_scenario,
    run,
    scenario,
    sweep,
)
from jiceng.sim._sink import Sink
from jiceng.sim._value_sets import VALUE_SETS, ValueSet, value_set

__all__ = [
    "MAX_SCALE",
    "PRESET_NAMES",
    "SCENARIOS",
    "VALUE_SETS",
    "Clock",
    "Comparison",
    "DepartmentRow",
    "Engine",
    "GridEventRecord",
    "GridResult",
    "GridScenario",
    "HouseholdRecord",
    "MediationRecord",
    "MediationResult",
    "MediationScenario",
    "MeetingRecord",
    "MeetingResult",
    "MeetingScenario",
    "MonthlyBacklog",
    "PetitionRecord",
    "PetitionResult",
    "PetitionScenario",
    "PointsResult",
    "PointsScenario",
    "Progress",
    "Scenario",
    "Sink",
    "ValueSet",
    "VillageRow",
    "YearResult",
    "YearScenario",
    "compare",
    "exact_odds",
    "gini",
    "grid_codes",
    "poisson",
    "preset_scenario",
    "record_fields",
    "records",
    "row",
    "run",
    "scenario",
    "summary",
    "sweep",
    "value_set",
]
