"""Grid management (网格化管理): the grid tree and its codes, grid staff, grid events with
SLAs and escalation ("网格吹哨、部门报到"), KPIs and member assessment.

- `GridTree`, `Grid`, `Level`: one tree per area, shared by every department (多网合一,
  滨州市社会治理网格化服务管理条例(2021) 第6条), its codes checked by a code scheme.
- `GridEvent`: the closed loop from a report to the reporter's evaluation, with its
  exception paths, its SLA clock and escalation level by level, under a `GridEventPolicy`;
  `GeoPoint`, its point location when it has one; `ApprovedChange`, the changes a policy
  may need approved in two steps, and `ChangeRequest`, an open request for one.
- `ServiceList`: a community's service list (社区服务清单), items by `ServiceKind`.
- `ResidentRegister`: registers of residents under grid care (重点人群台账), by `CareGroup`.

Public submodules:

- `jiceng.grids.events`: every event class (`Reported`, `Dispatched`, `GridDrawn`, ...).
- `jiceng.grids.codes`: code schemes (`CodeScheme`, `CodeSegment`, `CJT_349_2010`, `BEIJING_DB11`).
- `jiceng.grids.metrics`: KPIs (`closure_rate`, `on_time_closure_rate`, `rework_rate`, ...).
- `jiceng.grids.assessment`: member assessment (`AssessmentScheme`, `ScoreItem`, `PayRule`, ...).
- `jiceng.grids.open311`: `to_open311`, a grid event as an Open311 service request.
"""

from jiceng.grids._codes import CodeError, Level
from jiceng.grids._grid_data import (
    MAX_HOUSEHOLDS,
    Assignment,
    GridState,
    Households,
    StaffRole,
)
from jiceng.grids._grid_event import GridEvent, link_duplicates
from jiceng.grids._grid_event_data import (
    ChangeRequest,
    Escalation,
    GeoPoint,
    GridEventState,
    Summons,
)
from jiceng.grids._grid_event_machine import GRID_EVENT
from jiceng.grids._policy import (
    GENERAL_CATEGORIES,
    JULU_SLA,
    ApprovedChange,
    CategoryClass,
    CategoryItem,
    CategoryTree,
    Channel,
    Department,
    GridEventPolicy,
    Priority,
    SlaPolicy,
    SlaRule,
)
from jiceng.grids._registers import CareGroup, Enrolment, ResidentRegister
from jiceng.grids._services import ServiceItem, ServiceKind, ServiceList
from jiceng.grids._tree import GRID, Duty, Grid, GridTree

__all__ = [
    "GENERAL_CATEGORIES",
    "GRID",
    "GRID_EVENT",
    "JULU_SLA",
    "MAX_HOUSEHOLDS",
    "ApprovedChange",
    "Assignment",
    "CareGroup",
    "CategoryClass",
    "CategoryItem",
    "CategoryTree",
    "ChangeRequest",
    "Channel",
    "CodeError",
    "Department",
    "Duty",
    "Enrolment",
    "Escalation",
    "GeoPoint",
    "Grid",
    "GridEvent",
    "GridEventPolicy",
    "GridEventState",
    "GridState",
    "GridTree",
    "Households",
    "Level",
    "Priority",
    "ResidentRegister",
    "ServiceItem",
    "ServiceKind",
    "ServiceList",
    "SlaPolicy",
    "SlaRule",
    "StaffRole",
    "Summons",
    "link_duplicates",
]
