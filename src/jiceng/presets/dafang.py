"""大方县: service points in relocation communities, with fixed-time office by appointment.

Seed 000 (贵州省民政厅, "创新基层社会治理提实效 服务脱贫攻坚为民生", 2018): 大方县 moved 2,575
households (10,737 people) into 34 new villages and the 奢香古镇 site, and "在50个恒大幸福村设立
便民服务点，建立定点约时办公工作制度，方便服务安置点搬迁群众办事". In 幸福二村 (42 households, 165
people) the point stands at the village entrance, and a resident had "好几项手续都在服务站就办好了".

A request made at a point is a ticket (`jiceng.petitions.Ticket`) under `TICKETS`, a policy
with no time limit of its own: each ticket is dispatched to the point (定点) with the day the
resident booked (约时) as its time limit, which `ServicePoint.appointment` gives: due by the
end of that day. `service_point` builds a point with this preset's office days and source;
`XINGFU_ERCUN` is the article's.

Defaults, where the article gives no figure:

- the article does not say on which days officials sit at a point; this preset has them
  there on every working day (`DEFAULT_OFFICE_DAYS`: every weekday, the calendar taking out
  holidays and adding make-up working days), a default; a township gives its own days;
- the article does not say how often a resident may send a matter back; this preset allows
  2 returns (`DEFAULT_MAX_RETURNS`, the workflow's default), and a repeat on the same facts
  is explained, not handled again, as 12345 rules say.

Not encoded: the hour of an appointment (time limits count days), and the community's
other services (the 一站式服务中心, training, 低保, the 1,220.70万元 of temporary aid), which
are not workflows of jiceng.
"""

from __future__ import annotations

from typing import Final

from jiceng import Label, Source
from jiceng._plugins import Contributions, PluginSpec
from jiceng.petitions import Body, Level, TicketPolicy
from jiceng.petitions.service_points import ServicePoint

__all__ = [
    "DEFAULT_MAX_RETURNS",
    "DEFAULT_OFFICE_DAYS",
    "PLUGIN",
    "SERVICE_POINTS",
    "TICKETS",
    "XINGFU_ERCUN",
    "service_point",
]

NAME: Final = "dafang"
_SEED = "seed 000: 大方县"
_APPOINTMENTS = Source(
    f"{_SEED} 定点约时办公",
    "在50个恒大幸福村设立便民服务点，建立定点约时办公工作制度，方便服务安置点搬迁群众办事",
)

SERVICE_POINTS: Final = 50
"""Service points (便民服务点), one in each 恒大幸福村."""

DEFAULT_OFFICE_DAYS: Final = frozenset(range(1, 8))
"""Every weekday, so every working day of the calendar: a default."""

DEFAULT_MAX_RETURNS: Final = 2
"""How often a resident's matter goes back for re-handling: twice, a default."""

TICKETS: Final = TicketPolicy(
    name=f"{NAME}.tickets",
    title=Label("大方县 便民服务点 定点约时办公", "Dafang service points: office by appointment"),
    reply=None,
    max_returns=DEFAULT_MAX_RETURNS,
    returns_source=Source("jiceng default: the article gives no number of returns"),
    repeat_source=Source(
        "jiceng default: the article gives no rule; as 济南市12345市民服务热线条例(2018) 第25条"
    ),
)
"""Requests at a service point: each ticket carries its appointment as its time limit."""


def service_point(id: str, name: str) -> ServicePoint:
    """A service point of a relocation village, with this preset's office days."""
    return ServicePoint(
        body=Body(id=id, name=name, level=Level.TOWNSHIP),
        office_days=DEFAULT_OFFICE_DAYS,
        source=_APPOINTMENTS,
    )


XINGFU_ERCUN: Final = service_point("dafang-fsx-qf-xfec", "凤山乡栖凤社区幸福二村便民服务点")
"""The point at the entrance of 幸福二村 (42户165人), the article's example."""

PLUGIN: Final = PluginSpec(
    name=NAME,
    version="1",
    contributions=Contributions.of(TICKETS),
    description=(
        "Service points in relocation communities where officials see residents by "
        "appointment (大方县 便民服务点、定点约时办公)."
    ),
    source=(
        "seeds/000_ad40aa4472d584ae.txt: 创新基层社会治理提实效 服务脱贫攻坚为民生"
        "——贵州省各级民政部门创新加强城乡基层社会治理纪实 (大方县)"
    ),
)
"""The 大方 preset."""
