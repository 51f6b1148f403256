"""The grid tree (网格树): grids, their staff over time, and the duties departments attach.

One tree serves every department (多网合一, 全科网格): 滨州市社会治理网格化服务管理条例(2021)
第6条 "有关部门和单位应当依托已划分的网格开展工作，不再另行划分". Departments attach
duties (`Duty`) to grids of the one tree instead of drawing grids of their own.

Each grid is an entity with its own history: drawn, households counted, staff assigned
and relieved, retired. A retired grid stays in the tree with its history and its code,
which is never given to another grid, so "who covered grid X at time T" stays answerable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Annotated, Any, Self

import attrs
import pendulum

from jiceng import Actor, Entity, Label, Machine, Source, Transition
from jiceng.checks import checked, instance_of, items, optional, text
from jiceng.exceptions import NotFoundError, ValidationError
from jiceng.grids._codes import CodeError, CodeScheme, Level
from jiceng.grids._grid_data import (
    Assignment,
    GridDrawn,
    GridRetired,
    GridState,
    Households,
    HouseholdsCounted,
    StaffAssigned,
    StaffRelieved,
    StaffRole,
)

__all__ = ["GRID", "Duty", "Grid", "GridTree"]

BINZHOU_ARTICLE_6 = Source(
    "滨州市社会治理网格化服务管理条例(2021) 第6条",
    "为避免管理交叉，有关部门和单位应当依托已划分的网格开展工作，不再另行划分。",
)
BINZHOU_ARTICLE_7 = Source(
    "滨州市社会治理网格化服务管理条例(2021) 第7条",
    "网格应当配置网格员……支持党员、村民代表、居民代表、物业服务人员、心理咨询师及志愿者等人员"
    "组成网格服务团队，协助网格员做好网格化服务管理工作。",
)


# -- 划分 draw --
def drawn(_: None, event: GridDrawn) -> Mapping[str, Any]:
    return {
        "code": event.code,
        "name": event.name,
        "level": event.level,
        "parent": event.parent,
        "area": event.area,
        "households": event.households,
    }


# -- 更新户数 count households --
def counted(_: Grid, event: HouseholdsCounted) -> Mapping[str, Any]:
    return {"households": event.households}


# -- 配置人员 assign staff --
def role_is_free(grid: Grid, event: StaffAssigned) -> str | None:
    """A person holds a role once; a grid has one leader and one building head at a time."""
    for current in grid.staff_at(event.at):
        if current.role is event.role and current.person.id == event.person.id:
            return f"{event.person} is already {event.role.zh} of grid {grid.code}"
        if current.role is event.role and event.role.single:
            return (
                f"grid {grid.code} already has a {event.role.en.lower()} ({current.person}); "
                "relieve them first"
            )
    return None


def assigned(grid: Grid, event: StaffAssigned) -> Mapping[str, Any]:
    return {
        "staff": (*grid.staff, Assignment(person=event.person, role=event.role, start=event.at))
    }


# -- 调离 relieve --
def holds_the_role(grid: Grid, event: StaffRelieved) -> str | None:
    """Only someone who holds a role can be relieved of it."""
    if any(
        a.role is event.role and a.person.id == event.person.id for a in grid.staff_at(event.at)
    ):
        return None
    return f"{event.person} is not {event.role.zh} of grid {grid.code}"


def relieved(grid: Grid, event: StaffRelieved) -> Mapping[str, Any]:
    person, role = event.person, event.role
    return {"staff": _ended(grid, event.at, lambda a: a.person.id == person.id and a.role is role)}


# -- 撤销 retire: whoever still serves is relieved --
def retired(grid: Grid, event: GridRetired) -> Mapping[str, Any]:
    return {"staff": _ended(grid, event.at, lambda _: True)}


def _ended(
    grid: Grid, at: pendulum.DateTime, which: Callable[[Assignment], bool]
) -> tuple[Assignment, ...]:
    return tuple(attrs.evolve(a, end=at) if a.end is None and which(a) else a for a in grid.staff)


# -- the machine table --
GRID: Machine[GridState] = Machine(
    name="grids.grid",
    label=Label("网格", "Grid"),
    states=GridState,
    initial=GridState.ACTIVE,
    final={GridState.RETIRED},
    transitions=[
        Transition(
            command="draw",
            event=GridDrawn,
            sources=(),
            target=GridState.ACTIVE,
            label=Label("划分", "Draw"),
            fold=drawn,
            source=BINZHOU_ARTICLE_6,
        ),
        Transition(
            command="count_households",
            event=HouseholdsCounted,
            sources={GridState.ACTIVE},
            target=None,
            label=Label("更新户数", "Count households"),
            fold=counted,
        ),
        Transition(
            command="assign",
            event=StaffAssigned,
            sources={GridState.ACTIVE},
            target=None,
            label=Label("配置人员", "Assign staff"),
            guard=role_is_free,
            fold=assigned,
            source=BINZHOU_ARTICLE_7,
        ),
        Transition(
            command="relieve",
            event=StaffRelieved,
            sources={GridState.ACTIVE},
            target=None,
            label=Label("调离", "Relieve staff"),
            guard=holds_the_role,
            fold=relieved,
        ),
        Transition(
            command="retire",
            event=GridRetired,
            sources={GridState.ACTIVE},
            target=GridState.RETIRED,
            label=Label("撤销", "Retire"),
            fold=retired,
        ),
    ],
)


@attrs.frozen(kw_only=True)
class Grid(Entity[GridState], machine=GRID):
    """A grid (网格): the basic unit of service and management, at one level of the tree.

    Build grids through `GridTree.add`, which checks the code against the tree's scheme
    and the parent; the commands here record what happens to one grid over time.
    """

    __key__ = "code"

    code: str
    name: str
    level: Level
    parent: str | None
    area: str
    households: int
    staff: tuple[Assignment, ...] = ()

    @classmethod
    def draw(
        cls,
        *,
        code: str,
        name: str,
        level: Level,
        parent: str | None,
        by: Actor,
        at: pendulum.DateTime,
        area: Annotated[str, text(blank=True)] = "",
        households: Households = 0,
    ) -> Grid:
        """Draw a grid (划分网格) covering `households` households (0 to 20,000,000,
        `MAX_HOUSEHOLDS`: 0 until counted); `area` may be left empty."""
        event = GridDrawn(
            code=code,
            name=name,
            level=level,
            parent=parent,
            area=area,
            households=households,
            by=by,
            at=at,
        )
        return cls._start(event)

    def count_households(self, households: Households, *, by: Actor, at: pendulum.DateTime) -> Self:
        """Record a new count of the households the grid covers (0 to 20,000,000,
        `MAX_HOUSEHOLDS`)."""
        return self._record(HouseholdsCounted(households=households, by=by, at=at))

    def assign(self, *, person: Actor, role: StaffRole, by: Actor, at: pendulum.DateTime) -> Self:
        """`person` takes up `role` in this grid from `at` (配置网格员, 网格长, ...)."""
        return self._record(StaffAssigned(person=person, role=role, by=by, at=at))

    def relieve(
        self,
        *,
        person: Actor,
        role: StaffRole,
        by: Actor,
        at: pendulum.DateTime,
        reason: str | None = None,
    ) -> Self:
        """`person` leaves `role` in this grid at `at` (调离, 退出)."""
        return self._record(StaffRelieved(person=person, role=role, by=by, at=at, reason=reason))

    def retire(self, *, by: Actor, at: pendulum.DateTime, reason: str) -> Self:
        """Retire the grid (撤销), saying why; it keeps its code and its history."""
        return self._record(GridRetired(by=by, at=at, reason=reason))

    @property
    def retired_at(self) -> pendulum.DateTime | None:
        """When the grid was retired (`None` while it is in use)."""
        return self.last_changed if self.state is GridState.RETIRED else None

    @checked
    def active_at(self, at: pendulum.DateTime) -> bool:
        """Whether the grid existed and was in use at `at`."""
        retired = self.retired_at
        return self.created <= at and (retired is None or at < retired)

    @checked
    def staff_at(self, at: pendulum.DateTime) -> tuple[Assignment, ...]:
        """Who served in the grid at `at`, in the order they took up their roles."""
        return tuple(a for a in self.staff if a.covers(at))


@attrs.frozen(kw_only=True)
class Duty:
    """A department's duty attached to a grid and everything below it (多网合一).

    E.g. 公安 attaches 治安巡防 to a street; every grid of the street carries it.
    """

    department: str = attrs.field(validator=text())
    name: str = attrs.field(validator=text())
    grid: str = attrs.field(validator=text())
    source: Source | None = attrs.field(default=None, validator=optional(instance_of(Source)))


@attrs.frozen(kw_only=True)
class GridTree:
    """The one grid tree of an area (网格树): look-ups, levels, staff and duties.

    A value: every change returns a new tree. Codes follow `scheme`, a child's code
    extends its parent's by exactly the next segment, and a retired grid keeps its code.

    >>> from jiceng.grids.codes import BEIJING_DB11
    >>> t = pendulum.datetime(2026, 1, 5, 9, tz="Asia/Shanghai")
    >>> office = Actor.department("jd-01", "某街道办事处")
    >>> tree = (
    ...     GridTree(scheme=BEIJING_DB11)
    ...     .add(code="110105", name="朝阳区", parent=None, by=office, at=t)
    ...     .add(code="110105001", name="某街道", parent="110105", by=office, at=t)
    ... )
    >>> tree.get("110105001").level
    <Level.STREET: 'street'>
    >>> try:
    ...     tree.add(code="110105002001", name="某社区", parent="110105001", by=office, at=t)
    ... except CodeError as err:
    ...     err.errors[0].message
    "does not extend its parent's code 110105001 (某街道)"
    """

    scheme: CodeScheme = attrs.field(validator=instance_of(CodeScheme))
    grids: tuple[Grid, ...] = attrs.field(default=(), validator=items(instance_of(Grid)))
    duties: tuple[Duty, ...] = attrs.field(default=(), validator=items(instance_of(Duty)))

    _index: Mapping[str, int] = attrs.field(init=False, eq=False, repr=False)
    _children: Mapping[str | None, tuple[str, ...]] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        children: dict[str | None, list[str]] = {}
        for grid in self.grids:
            children.setdefault(grid.parent, []).append(grid.code)
        object.__setattr__(self, "_index", {grid.code: i for i, grid in enumerate(self.grids)})
        object.__setattr__(self, "_children", {k: tuple(v) for k, v in children.items()})

    def _with(
        self,
        grids: tuple[Grid, ...],
        index: Mapping[str, int],
        children: Mapping[str | None, tuple[str, ...]],
    ) -> GridTree:
        """A tree with `grids` whose look-up tables are already known (no rebuild: a change
        to one grid of a large tree stays cheap)."""
        tree = object.__new__(GridTree)
        for name, value in (
            ("scheme", self.scheme),
            ("grids", grids),
            ("duties", self.duties),
            ("_index", index),
            ("_children", children),
        ):
            object.__setattr__(tree, name, value)
        return tree

    # -- changes ------------------------------------------------------------------------

    def add(
        self,
        *,
        code: str,
        name: str,
        parent: str | None,
        by: Actor,
        at: pendulum.DateTime,
        area: str = "",
        households: Households = 0,
    ) -> GridTree:
        """Draw a new grid under `parent` (`None` for a top grid of the tree), covering
        `households` households (0 to 20,000,000, `MAX_HOUSEHOLDS`).

        Refused with `CodeError` when the code breaks the scheme, is already used (even by
        a retired grid), does not extend its parent's code by exactly one segment, or
        breaks the "not subdivided" rule of a zero segment (``00`` is its parent's only
        child); with `NotFoundError` when the parent is unknown; with `ValidationError`
        when the parent is retired or was drawn after `at`.
        """
        grid = Grid.draw(  # checks every argument before the tree's rules run
            code=code,
            name=name,
            level=self.scheme.level_of(code),
            parent=parent,
            by=by,
            at=at,
            area=area,
            households=households,
        )
        if code in self._index:
            raise CodeError(code, f"is already used by {self._name(code)}")
        implied = self.scheme.parent_code(code)
        if parent is None:
            if implied is not None and implied in self._index:
                raise CodeError(code, f"lies under {self._name(implied)}: name it as the parent")
        else:
            above = self.get(parent)
            if above.is_final:
                raise ValidationError.single(
                    "parent", f"{self._name(parent)} is retired", subject="grid tree change"
                )
            if at < above.created:
                raise ValidationError.single(
                    "at",
                    f"{self._name(parent)} was only drawn at {above.created}",
                    subject="grid tree change",
                )
            if implied != parent:
                raise CodeError(
                    code,
                    f"does not extend its parent's code {self._name(parent)}",
                    segment=self._differing_segment(code, parent),
                )
            self._check_subdivision(code, parent)
        siblings = (*self._children.get(parent, ()), code)
        return self._with(
            (*self.grids, grid),
            {**self._index, code: len(self.grids)},
            {**self._children, parent: siblings},
        )

    def _differing_segment(self, code: str, parent: str) -> str:
        """The first segment where `code` leaves its parent's code, or, when it keeps the
        whole prefix at the wrong depth, the segment that should follow it."""
        segments = self.scheme.segments
        ours, theirs = self.scheme.split(code), self.scheme.split(parent)
        for segment, mine, its in zip(segments, ours, theirs, strict=False):
            if mine != its:
                return segment.name
        return segments[min(len(theirs), len(segments) - 1)].name

    def _check_subdivision(self, code: str, parent: str) -> None:
        siblings = [c for c in self._children.get(parent, ()) if not self.get(c).is_final]
        segment = self.scheme.segments[len(self.scheme.split(code)) - 1]
        if self.scheme.is_zero(code) and siblings:
            raise CodeError(
                code,
                f"segment {segment.name} is all zeros, which means {self._name(parent)} is not "
                "subdivided, but it already has sub-grids",
                segment=segment.name,
            )
        if any(self.scheme.is_zero(c) for c in siblings):
            raise CodeError(
                code,
                f"{self._name(parent)} is marked as not subdivided (a sub-grid coded with zeros); "
                "retire that one first",
                segment=segment.name,
            )

    def _name(self, code: str) -> str:
        return f"{code} ({self.grids[self._index[code]].name})"

    def _replace(self, grid: Grid) -> GridTree:
        i = self._index[grid.code]
        return self._with(
            (*self.grids[:i], grid, *self.grids[i + 1 :]), self._index, self._children
        )

    def retire(self, code: str, *, by: Actor, at: pendulum.DateTime, reason: str) -> GridTree:
        """Retire a grid (撤销); refused while it has sub-grids in use."""
        active = [c for c in self._children.get(code, ()) if not self.get(c).is_final]
        grid = self.get(code)
        if active:
            raise ValidationError.single(
                "code",
                f"retire the {len(active)} sub-grids of {self._name(code)} in use first: "
                + ", ".join(active),
                subject="grid tree change",
            )
        return self._replace(grid.retire(by=by, at=at, reason=reason))

    def recount(
        self, code: str, households: Households, *, by: Actor, at: pendulum.DateTime
    ) -> GridTree:
        """Record a new household count for a grid (0 to 20,000,000, `MAX_HOUSEHOLDS`)."""
        return self._replace(self.get(code).count_households(households, by=by, at=at))

    def assign(
        self, code: str, *, person: Actor, role: StaffRole, by: Actor, at: pendulum.DateTime
    ) -> GridTree:
        """`person` takes up `role` in grid `code` from `at`."""
        return self._replace(self.get(code).assign(person=person, role=role, by=by, at=at))

    def relieve(
        self,
        code: str,
        *,
        person: Actor,
        role: StaffRole,
        by: Actor,
        at: pendulum.DateTime,
        reason: str | None = None,
    ) -> GridTree:
        """`person` leaves `role` in grid `code` at `at`."""
        grid = self.get(code).relieve(person=person, role=role, by=by, at=at, reason=reason)
        return self._replace(grid)

    def attach(self, duty: Duty) -> GridTree:
        """Attach a department's duty to a grid in use (多网合一, 滨州条例 第6条)."""
        grid = self.get(duty.grid)
        if grid.is_final:
            raise ValidationError.single(
                "grid", f"{self._name(duty.grid)} is retired", subject="duty"
            )
        if duty in self.duties:
            raise ValidationError.single("duty", "is attached already", subject="duty")
        return attrs.evolve(self, duties=(*self.duties, duty))

    # -- look-ups -----------------------------------------------------------------------

    def __contains__(self, code: object) -> bool:
        return code in self._index

    def __len__(self) -> int:
        return len(self.grids)

    def __iter__(self) -> Iterator[Grid]:
        return iter(self.grids)

    def get(self, code: str) -> Grid:
        """The grid with `code`, retired or not; `NotFoundError` if there is none."""
        try:
            return self.grids[self._index[code]]
        except KeyError:
            raise NotFoundError(f"no grid with code {code!r} in the tree") from None

    def children(self, code: str | None, *, retired: bool = False) -> tuple[Grid, ...]:
        """The grids directly under `code` (`None`: the top grids), in the order drawn."""
        if code is not None:
            self.get(code)
        found = (self.get(c) for c in self._children.get(code, ()))
        return tuple(g for g in found if retired or not g.is_final)

    def ancestors(self, code: str) -> tuple[Grid, ...]:
        """The grids above `code`, nearest first (its parent, then the parent's parent...)."""
        found: list[Grid] = []
        parent = self.get(code).parent
        while parent is not None:
            grid = self.get(parent)
            found.append(grid)
            parent = grid.parent
        return tuple(found)

    def descendants(self, code: str, *, retired: bool = False) -> tuple[Grid, ...]:
        """Every grid below `code`, depth first in the order drawn."""
        found: list[Grid] = []
        todo = list(reversed(self.children(code, retired=retired)))
        while todo:
            grid = todo.pop()
            found.append(grid)
            todo.extend(reversed(self.children(grid.code, retired=retired)))
        return tuple(found)

    @checked
    def level_counts(self, at: pendulum.DateTime | None = None) -> dict[Level, int]:
        """How many grids are in use at each level (now, or at `at`), top level first.

        上梅街道: 26 large grids, 169 middle grids, 1,399 building grids.
        """
        counts = dict.fromkeys(self.scheme.levels, 0)
        for grid in self.grids:
            if (not grid.is_final) if at is None else grid.active_at(at):
                counts[grid.level] += 1
        return {level: n for level, n in counts.items() if n}

    @checked
    def staff_at(
        self, code: str, at: pendulum.DateTime, role: StaffRole | None = None
    ) -> tuple[Assignment, ...]:
        """Who covered grid `code` at `at` (in `role`, if given)."""
        return tuple(a for a in self.get(code).staff_at(at) if role in (None, a.role))

    @checked
    def grids_of(self, person_id: str, at: pendulum.DateTime) -> tuple[Grid, ...]:
        """The grids `person_id` served in at `at`."""
        return tuple(g for g in self.grids if any(a.person.id == person_id for a in g.staff_at(at)))

    def duties_of(self, code: str) -> tuple[Duty, ...]:
        """The duties that apply in grid `code`: its own and those of every grid above it."""
        codes = {code, *(g.code for g in self.ancestors(code))}
        return tuple(d for d in self.duties if d.grid in codes)
