"""jiceng (基层): typed entities and state machines for grassroots governance in China.

The kernel's public names are re-exported here; each workflow lives in its own
subpackage (`jiceng.grids`, `jiceng.petitions`, ...).
"""

from importlib.metadata import version as _version

from jiceng._kernel._calendars import (
    DEFAULT_TZ,
    ChinaCalendar,
    WeekendCalendar,
    WorkCalendar,
    add_working_days,
    working_days_between,
)
from jiceng._kernel._entity import ENTITY_TYPES, Entity, EntityTypes, Snapshot, replay, resume
from jiceng._kernel._events import Event
from jiceng._kernel._hooks import (
    Hooks,
    TransitionGuard,
    TransitionListener,
    active_hooks,
    use_hooks,
)
from jiceng._kernel._machine import Fold, Guard, Machine, Refusal, State, Transition
from jiceng._kernel._time import (
    CalendarDays,
    CountedRule,
    Deadline,
    DurationRule,
    EndOfDay,
    Extension,
    ExtensionLimit,
    Hours,
    Months,
    Pause,
    TimeLimit,
    WorkingDays,
)
from jiceng._kernel._values import Actor, ActorKind, Label, Labelled, Source
from jiceng._kernel._votes import (
    VILLAGER_REPRESENTATIVES_BODY,
    VILLAGERS_ASSEMBLY_BODY,
    Base,
    Body,
    Majority,
    Quorum,
    QuorumCount,
    QuorumTest,
    Threshold,
    Vote,
)
from jiceng.metrics import Rate

__version__: str = _version("jiceng")

__all__ = [
    "DEFAULT_TZ",
    "ENTITY_TYPES",
    "VILLAGERS_ASSEMBLY_BODY",
    "VILLAGER_REPRESENTATIVES_BODY",
    "Actor",
    "ActorKind",
    "Base",
    "Body",
    "CalendarDays",
    "ChinaCalendar",
    "CountedRule",
    "Deadline",
    "DurationRule",
    "EndOfDay",
    "Entity",
    "EntityTypes",
    "Event",
    "Extension",
    "ExtensionLimit",
    "Fold",
    "Guard",
    "Hooks",
    "Hours",
    "Label",
    "Labelled",
    "Machine",
    "Majority",
    "Months",
    "Pause",
    "Quorum",
    "QuorumCount",
    "QuorumTest",
    "Rate",
    "Refusal",
    "Snapshot",
    "Source",
    "State",
    "Threshold",
    "TimeLimit",
    "Transition",
    "TransitionGuard",
    "TransitionListener",
    "Vote",
    "WeekendCalendar",
    "WorkCalendar",
    "WorkingDays",
    "__version__",
    "active_hooks",
    "add_working_days",
    "replay",
    "resume",
    "use_hooks",
    "working_days_between",
]
