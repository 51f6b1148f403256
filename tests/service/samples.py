"""JSON arguments for the service tests: a grid event and a petition, as a client sends them."""

from __future__ import annotations

from typing import Any

import pendulum

from jiceng import Actor
from jiceng.petitions import REGULATION_2022, Body, Level, Matter
from jiceng.presets import julu
from jiceng.serde import to_dict

T0 = pendulum.datetime(2026, 3, 2, 9, tz="Asia/Shanghai")  # a Monday

CENTER = to_dict(Actor.department("center", "街道指挥中心"))
MEMBER = to_dict(Actor.person("gm-1", "刘江棉"))
WATER = to_dict(Actor.department("xzj-sw", "县水务局"))
CLERK = to_dict(Actor.person("p-clerk", "王登记"))
VILLAGER = to_dict(Actor.person("p-li", "李大山"))
OFFICE = to_dict(Body(id="cx-xfj", name="城西县信访局", level=Level.COUNTY))
BUREAU = to_dict(Body(id="cx-zrzy", name="城西县自然资源局", level=Level.COUNTY))


def at(minutes: int = 0) -> str:
    """T0 plus `minutes`, as a client writes an instant."""
    return T0.add(minutes=minutes).isoformat()


def grid_event(id: str = "WG-1", minutes: int = 0) -> dict[str, Any]:
    """The arguments of `report` for a blocked drain in Julu (巨鹿), under the preset's policy."""
    return {
        "id": id,
        "policy": to_dict(julu.POLICY),
        "grid": "130529100001001",
        "channel": "resident",
        "description": "下水道堵塞，污水漫溢",
        "location": "幸福路12号",
        "by": MEMBER,
        "at": at(minutes),
    }


def petition(id: str = "XF-1", minutes: int = 0) -> dict[str, Any]:
    """The arguments of `register` for a land-compensation letter to the county office."""
    return {
        "id": id,
        "channel": "letter",
        "petitioners": [VILLAGER],
        "matter": to_dict(
            Matter(
                request="按新标准补偿征收的2亩耕地",
                facts="2025年征收时按旧标准补偿",
                reasons="补偿标准已于2024年调整",
            )
        ),
        "lodged_with": OFFICE,
        "by": CLERK,
        "at": at(minutes),
        "policy": to_dict(REGULATION_2022),
    }


def by(actor: dict[str, Any], minutes: int, **arguments: Any) -> dict[str, Any]:
    """A command's arguments: who, when, and the rest."""
    return {"by": actor, "at": at(minutes), **arguments}
