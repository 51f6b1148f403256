"""Shared values for the grid tests: a policy, people, and events in a given state."""

from __future__ import annotations

import pendulum

from jiceng import Actor
from jiceng.grids import (
    GENERAL_CATEGORIES,
    JULU_SLA,
    Channel,
    Department,
    GridEvent,
    GridEventPolicy,
    Priority,
)
from jiceng.grids.codes import BEIJING_DB11

T0 = pendulum.datetime(2026, 3, 2, 9, tz="Asia/Shanghai")  # a Monday
GRID = "110105001002003"
COMMUNITY = "110105001002"
STREET = "110105001"
DISTRICT = "110105"

MEMBER = Actor.person("gm-1", "刘江棉")  # grid member
RESIDENT = Actor.person("r-1", "孙淑霞")
CENTER = Actor.department("center", "街道指挥中心")
CHIEF = Actor.person("chief-1", "中心主任")
CG = Actor.department("d-cg", "城管局")
WATER = Actor.department("d-water", "水务局")

POLICY = GridEventPolicy(
    name="test",
    scheme=BEIJING_DB11,
    categories=GENERAL_CATEGORIES,
    departments=(
        Department(id="d-cg", name="城管局"),
        Department(id="d-water", name="水务局"),
        Department(id="d-zj", name="住建局"),
    ),
    sla=JULU_SLA,
)


def reported(*, by: Actor = RESIDENT, at: pendulum.DateTime = T0, id: str = "E-1") -> GridEvent:
    return GridEvent.report(
        id=id,
        policy=POLICY,
        grid=GRID,
        channel=Channel.RESIDENT,
        description="下水道堵塞，污水漫溢",
        location="幸福路12号",
        by=by,
        at=at,
    )


def classified(
    category: str = "drain", priority: Priority = Priority.NORMAL, at: pendulum.DateTime = T0
) -> GridEvent:
    return (
        reported(at=at)
        .register(by=CENTER, at=at)
        .classify(category=category, priority=priority, by=CENTER, at=at)
    )


def dispatched(
    category: str = "drain",
    priority: Priority = Priority.NORMAL,
    at: pendulum.DateTime = T0,
    to: str = "d-water",
) -> GridEvent:
    return classified(category, priority, at).dispatch(to=to, by=CENTER, at=at)


def handled(at: pendulum.DateTime = T0) -> GridEvent:
    return dispatched(at=at).start(by=WATER, at=at).handle(evidence=("photo-1",), by=WATER, at=at)


def closed(at: pendulum.DateTime = T0) -> GridEvent:
    return handled(at).verify(by=MEMBER, at=at).close(by=CENTER, at=at)
