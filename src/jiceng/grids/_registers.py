"""Registers of residents under grid care (重点人群台账): who, in which group, in which grid.

Grids keep registers (台账) of residents who need particular care or attention:
重点服务对象 such as elderly people living alone, disabled people and 低保 households
(迁安市香巴拉社区, seed 003: "对空巢老人、残疾人、低保家庭等重点服务对象分类建立台账，为行动不便
的群众提供上门服务"), and 特殊人群 such as people under community correction (河源, seed 002:
"将社区矫正、严重精神障碍患者、社区戒毒人员、刑满释放人员、重点青少年等特殊人群纳入网格服务管理").

A `ResidentRegister` is a value: `enrol` and `discharge` return a new register, and an
enrolment is never deleted (a discharge ends it, with its reason), so "who was on the
register of grid X at time T" stays answerable. Residents are named by id; the register
keeps no other personal data.
"""

from __future__ import annotations

import attrs
import pendulum

from jiceng import Actor, Label, Source
from jiceng.checks import checked, instance_of, instant, items, optional, text
from jiceng.exceptions import NotFoundError, ValidationError
from jiceng.grids._coded_lists import coded_list
from jiceng.grids._tree import GridTree

__all__ = ["CareGroup", "Enrolment", "ResidentRegister"]


@attrs.frozen(kw_only=True)
class CareGroup:
    """A group of residents a register keeps (e.g. 空巢老人, 社区矫正对象), with its source.

    `department` names the lead department where the source says which.
    """

    code: str = attrs.field(validator=text())
    label: Label = attrs.field(validator=instance_of(Label))
    source: Source = attrs.field(validator=instance_of(Source))
    department: str | None = attrs.field(default=None, validator=optional(text()))


@attrs.frozen(kw_only=True)
class Enrolment:
    """A resident on the register of `group` in grid `grid`, from `start` until `end`."""

    resident: str = attrs.field(validator=text())
    group: str = attrs.field(validator=text())
    grid: str = attrs.field(validator=text())
    start: pendulum.DateTime = attrs.field(validator=instant())
    by: Actor = attrs.field(validator=instance_of(Actor))
    end: pendulum.DateTime | None = attrs.field(default=None, validator=optional(instant()))
    ended_by: Actor | None = attrs.field(default=None, validator=optional(instance_of(Actor)))
    reason: str | None = attrs.field(default=None, validator=optional(text()))

    def covers(self, at: pendulum.DateTime) -> bool:
        """Whether the resident was on the register at `at` (from `start`, up to not `end`)."""
        return self.start <= at and (self.end is None or at < self.end)


_SUBJECT = "ResidentRegister"


@attrs.frozen(kw_only=True)
class ResidentRegister:
    """The registers of an area's grids (重点人群台账): residents by group and grid, over time.

    >>> t = pendulum.datetime(2026, 3, 2, 9, tz="Asia/Shanghai")
    >>> clerk = Actor.person("gm-1", "网格员")
    >>> register = ResidentRegister(
    ...     name="demo",
    ...     groups=(CareGroup(code="alone", label=Label("空巢老人", "Living alone"),
    ...                       source=Source("example")),),
    ...     source=Source("example"),
    ... ).enrol(resident="R-1", group="alone", grid="110105001002001", by=clerk, at=t)
    >>> tuple(e.resident for e in register.roster(at=t, group="alone"))
    ('R-1',)
    >>> register = register.discharge(
    ...     resident="R-1", group="alone", by=clerk, at=t.add(months=1), reason="随子女迁出"
    ... )
    >>> register.roster(at=t.add(months=1)), register.counts(at=t)
    ((), {'alone': 1})
    """

    name: str = attrs.field(validator=text())
    groups: tuple[CareGroup, ...] = attrs.field(
        validator=[
            items(instance_of(CareGroup)),
            coded_list(
                "groups", empty="a register needs at least one group", subject="resident register"
            ),
        ]
    )
    source: Source = attrs.field(validator=instance_of(Source))
    enrolments: tuple[Enrolment, ...] = attrs.field(
        default=(), validator=items(instance_of(Enrolment))
    )

    def group(self, code: str) -> CareGroup:
        """The group with `code`; `NotFoundError` naming the register if there is none."""
        for group in self.groups:
            if group.code == code:
                return group
        known = ", ".join(g.code for g in self.groups)
        raise NotFoundError(f"register {self.name!r} keeps no group {code!r}; it keeps: {known}")

    @checked
    def enrol(
        self,
        *,
        resident: str,
        group: str,
        grid: str,
        by: Actor,
        at: pendulum.DateTime,
        tree: GridTree | None = None,
    ) -> ResidentRegister:
        """Put `resident` on the register of `group` in grid `grid` from `at` (纳入网格管理).

        Refused when the group is unknown, the resident is on that group's register
        already, or, given the `tree`, the grid is not in it or not in use at `at`.
        """
        self.group(group)
        if tree is not None and not tree.get(grid).active_at(at):
            raise ValidationError.single(
                "grid", f"grid {grid} is not in use at {at}", subject="register"
            )
        if self._open(resident, group, at) is not None:
            raise ValidationError.single(
                "resident",
                f"{resident} is on the register of {self.group(group).label.zh} already",
                subject="register",
            )
        enrolment = Enrolment(resident=resident, group=group, grid=grid, start=at, by=by)
        return attrs.evolve(self, enrolments=(*self.enrolments, enrolment))

    @checked
    def discharge(
        self, *, resident: str, group: str, by: Actor, at: pendulum.DateTime, reason: str
    ) -> ResidentRegister:
        """Take `resident` off the register of `group` at `at` (解除, 销号), saying why."""
        found = self._open(resident, group, at)
        if found is None:
            raise ValidationError.single(
                "resident",
                f"{resident} is not on the register of {self.group(group).label.zh}",
                subject="register",
            )
        ended = attrs.evolve(found, end=at, ended_by=by, reason=reason)
        return attrs.evolve(
            self, enrolments=tuple(ended if e is found else e for e in self.enrolments)
        )

    def _open(self, resident: str, group: str, at: pendulum.DateTime) -> Enrolment | None:
        for enrolment in self.enrolments:
            if (
                enrolment.resident == resident
                and enrolment.group == group
                and (enrolment.end is None or at < enrolment.end)
            ):
                return enrolment
        return None

    @checked
    def roster(
        self,
        *,
        at: pendulum.DateTime,
        group: str | None = None,
        grid: str | None = None,
        tree: GridTree | None = None,
    ) -> tuple[Enrolment, ...]:
        """Who was on the register at `at`: of `group`, in `grid` (and, given the `tree`,
        in every grid below it), in the order enrolled."""
        if group is not None:
            self.group(group)
        grids: set[str] | None = None
        if grid is not None:
            grids = {grid}
            if tree is not None:
                grids |= {g.code for g in tree.descendants(grid, retired=True)}
        return tuple(
            e
            for e in self.enrolments
            if e.covers(at)
            and (group is None or e.group == group)
            and (grids is None or e.grid in grids)
        )

    @checked
    def counts(self, *, at: pendulum.DateTime) -> dict[str, int]:
        """How many residents each group's register held at `at`, every group listed."""
        on = self.roster(at=at)
        return {g.code: sum(1 for e in on if e.group == g.code) for g in self.groups}
