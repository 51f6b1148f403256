"""Shared fixtures for the petition and ticket tests: bodies, people, times."""

from __future__ import annotations

import pendulum

from jiceng import Actor, WeekendCalendar
from jiceng.petitions import (
    REGULATION_2022,
    Body,
    Channel,
    Level,
    Matter,
    Petition,
    PetitionPolicy,
)

TZ = "Asia/Shanghai"
T0 = pendulum.datetime(2026, 3, 2, 9, tz=TZ)  # a Monday

OFFICE = Body(id="cx-xfj", name="城西县信访局", level=Level.COUNTY)
BUREAU = Body(id="cx-zrzy", name="城西县自然资源局", level=Level.COUNTY)
COUNTY = Body(id="cx-gov", name="城西县人民政府", level=Level.COUNTY)
CITY = Body(id="dz-gov", name="东州市人民政府", level=Level.CITY)
PROVINCE = Body(id="sheng-xfj", name="省信访局", level=Level.PROVINCE)
TOWN = Body(id="qx-zhen", name="青溪镇人民政府", level=Level.TOWNSHIP)

CLERK = Actor.person("p-clerk", "王登记")
HEAD = Actor.role("head", "局长")
VILLAGER = Actor.person("p-li", "李大山")

LAND = Matter(
    request="按新标准补偿征收的2亩耕地",
    facts="2025年征收时按旧标准补偿",
    reasons="补偿标准已于2024年调整",
)

WEEKENDS = WeekendCalendar()


def day(n: int, hour: int = 9) -> pendulum.DateTime:
    """`n` days after T0's date, at `hour` o'clock (day 0 is T0's date)."""
    return T0.add(days=n).replace(hour=hour)


def registered(
    *,
    at: pendulum.DateTime = T0,
    policy: PetitionPolicy = REGULATION_2022,
    id: str = "XF-1",
    channel: Channel = Channel.LETTER,
    lodged_with: Body = OFFICE,
    address: str | None = None,
) -> Petition:
    """A land-compensation petition registered with the county petition office."""
    return Petition.register(
        id=id,
        channel=channel,
        petitioners=[VILLAGER],
        matter=LAND,
        lodged_with=lodged_with,
        by=CLERK,
        at=at,
        address=address,
        calendar=WEEKENDS,
        policy=policy,
    )


def handling(*, policy: PetitionPolicy = REGULATION_2022, id: str = "XF-1") -> Petition:
    """Transferred on day 2, accepted on day 5 (handling starts then)."""
    return (
        registered(policy=policy, id=id)
        .transfer(to=BUREAU, by=CLERK, at=day(2))
        .accept(by=CLERK, at=day(5))
    )
