"""The data of a grid (网格): its states, staff roles and assignments, and its events.

Pure data, read by the grid tree (`_tree.py`, where the machine table and the commands
live) and by anyone who stores or reads a grid's history.
"""

from __future__ import annotations

from typing import Annotated, Final, TypeAlias

import attrs
import pendulum

from jiceng import Actor, Event, Labelled, State
from jiceng.checks import between, instance_of, instant, member, optional
from jiceng.grids._codes import Level

MAX_HOUSEHOLDS: Final = 20_000_000
"""The most households one grid may cover: the top grid of a tree is a whole city, and
the largest, 重庆, counted about 12 million households in the 2020 census (七普)."""

Households: TypeAlias = Annotated[int, between(0, MAX_HOUSEHOLDS)]
"""A count of the households a grid covers (户数): 0 (not counted yet) to `MAX_HOUSEHOLDS`.

A grid of a community covers a few hundred households; the grids above it cover what the
grids below them do, up to a whole city at the top of the tree."""


class StaffRole(Labelled):
    """A role in a grid's team (网格服务团队, 滨州条例 第7条)."""

    GRID_MEMBER = "grid_member", "网格员", "Grid member"
    GRID_LEADER = "grid_leader", "网格长", "Grid leader"
    BUILDING_HEAD = "building_head", "楼栋长", "Building head"
    VOLUNTEER = "volunteer", "志愿者", "Volunteer"

    @property
    def single(self) -> bool:
        """Whether a grid has at most one holder of the role at a time (its leader, its head)."""
        return self in (StaffRole.GRID_LEADER, StaffRole.BUILDING_HEAD)


class GridState(State):
    """Whether a grid is in use."""

    ACTIVE = "active", "在用", "Active"
    RETIRED = "retired", "已撤销", "Retired"


@attrs.frozen(kw_only=True)
class GridDrawn(Event):
    """A grid was drawn (划分网格) with its code, name, level and parent."""

    code: str
    name: str
    level: Level
    parent: str | None
    area: str = ""
    households: int = 0


@attrs.frozen(kw_only=True)
class HouseholdsCounted(Event):
    """The households a grid covers were counted again."""

    households: int


@attrs.frozen(kw_only=True)
class StaffAssigned(Event):
    """Someone took up a role in the grid from `at`."""

    person: Actor
    role: StaffRole


@attrs.frozen(kw_only=True)
class StaffRelieved(Event):
    """Someone left a role in the grid at `at`."""

    person: Actor
    role: StaffRole


@attrs.frozen(kw_only=True)
class GridRetired(Event):
    """The grid was retired (撤销); whoever still served in it is relieved at the same time."""


@attrs.frozen(kw_only=True)
class Assignment:
    """A person in a role of a grid, from `start` until `end` (`None` while it lasts)."""

    person: Actor = attrs.field(validator=instance_of(Actor))
    role: StaffRole = attrs.field(validator=member(StaffRole))
    start: pendulum.DateTime = attrs.field(validator=instant())
    end: pendulum.DateTime | None = attrs.field(default=None, validator=optional(instant()))

    def covers(self, at: pendulum.DateTime) -> bool:
        """Whether the assignment was in force at `at` (from `start`, up to but not `end`)."""
        return self.start <= at and (self.end is None or at < self.end)
