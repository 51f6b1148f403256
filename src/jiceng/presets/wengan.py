"""瓮安县: villager-group self-governance (议事会、公投会、执行会) and 七老联调 elder mediators.

Seed 000 (贵州省民政厅, "创新基层社会治理提实效 服务脱贫攻坚为民生", 2018): 瓮安 set up "村民小组
自治小组" that hold "议事会、公投会、执行会", toward "民事民议、民事民办、民事民管". In 猴场镇清池村
地王组, four villagers were chosen in December 2017 by "全组35户125名老百姓" and have held 6
议事会 on the group road, a culture square, industry and irrigation. The county's "七老联调"
(elder mediators such as 梁正明, a retired cadre of 64) "为群众办理事项11000余件，调解矛盾纠纷
105件" in January–June 2018; it also has 5 professional mediation committees and 149 people's
mediation committees.

This preset configures:

- `GROUP_REFERENDUM`, the group's 公投会: the built-in `REFERENDUM` with the quorum and
  majority of a 村民小组会议 (村民委员会组织法 第28条: two thirds of the group's adults or of
  its households; more than half of those present), since a group decides for itself;
- `THREE_MEETINGS`, the procedure 议事会 → 公投会 → 执行会: the built-in
  `WENGAN_THREE_MEETINGS`, its 公投会 held by the group (`GROUP_REFERENDUM`, or a 村民小组会议);
- `ELDER_MEDIATION`, the mediation policy of the 七老联调会 (the national time limits on the
  China calendar), and the guard `ELDERS_MEDIATE`: a case under it is mediated by elder
  mediators (`MediatorKind.ELDER_PANEL`), whether the committee assigns them or a party
  chooses them.

Where the article gives no rule: the 议事会 and 执行会 keep the built-in consultative rules
(no quorum; a motion passes with more than half of those present), and mediation keeps the
national time limits.

Not encoded: who the "seven elders" are (the article does not list them), the 11,000
matters handled for residents (services, not mediation cases), the election of the
自治小组 (an election is not a workflow of jiceng), and the 村规民约 on banquets and customs
(a `VILLAGE_RULES` matter of the 村民会议, with no figure in the article).
"""

from __future__ import annotations

from typing import Any, Final

import attrs

from jiceng import ChinaCalendar, Label, Source, TransitionGuard
from jiceng._plugins import Contributions, PluginSpec
from jiceng.decisions.kinds import REFERENDUM, VILLAGER_GROUP_MEETING
from jiceng.decisions.procedures import WENGAN_THREE_MEETINGS
from jiceng.mediation import DEFAULT_POLICY, MEDIATION, MediationCase, MediatorKind

__all__ = [
    "ELDERS_MEDIATE",
    "ELDER_MEDIATION",
    "GROUP_REFERENDUM",
    "H1_2018_DISPUTES",
    "PLUGIN",
    "THREE_MEETINGS",
    "elders_mediate",
]

NAME: Final = "wengan"
_SEED = "seed 000: 瓮安县"
_GROUPS = Source(
    f"{_SEED} 村民小组自治",
    "以探索建立“村民小组自治小组”，召开议事会、公投会、执行会等方式，"
    "促进形成民事民议、民事民办、民事民管的多层次基层协商格局",
)
_ELDERS = Source(
    f"{_SEED} 七老联调",
    "仅2018年1—6月，全县“七老联调会”为群众办理事项11000余件，调解矛盾纠纷105件",
)

H1_2018_DISPUTES: Final = 105
"""Disputes the 七老联调会 mediated in January–June 2018."""

GROUP_REFERENDUM: Final = attrs.evolve(
    REFERENDUM,
    name=f"{NAME}_group_referendum",
    label=Label("公投会（村民小组）", "villagers' group referendum"),
    source=_GROUPS,
    quorum=VILLAGER_GROUP_MEETING.quorum,
    majority=VILLAGER_GROUP_MEETING.majority,
)
"""The group's 公投会, deciding on the rules of a 村民小组会议 (村民委员会组织法 第28条)."""

THREE_MEETINGS: Final = attrs.evolve(
    WENGAN_THREE_MEETINGS,
    name=f"{NAME}.three_meetings",
    source=_GROUPS,
    steps=tuple(
        attrs.evolve(step, kinds={GROUP_REFERENDUM.name, VILLAGER_GROUP_MEETING.name})
        if step.name == "referendum"
        else step
        for step in WENGAN_THREE_MEETINGS.steps
    ),
)
"""议事会 → 公投会 → 执行会, the 公投会 held by the group; a failed vote ends it."""

ELDER_MEDIATION: Final = attrs.evolve(
    DEFAULT_POLICY, name=f"{NAME}.qilao", calendar=ChinaCalendar()
)
"""The 七老联调会's cases: the national time limits, on the China calendar."""


def elders_mediate(case: MediationCase, event: Any) -> str | None:
    """七老联调: a case under `ELDER_MEDIATION` is mediated by elder mediators."""
    mediator = event.mediator
    if case.policy.name != ELDER_MEDIATION.name or mediator.kind is MediatorKind.ELDER_PANEL:
        return None
    return (
        f"七老联调: {mediator.name} ({mediator.id}) is a {mediator.kind.zh}, "
        f"not an elder mediator ({MediatorKind.ELDER_PANEL.zh})"
    )


ELDERS_MEDIATE: Final = tuple(
    TransitionGuard(
        machine=MEDIATION.name,
        command=command,
        name=f"{NAME}.elders_mediate",
        check=elders_mediate,
        plugin=NAME,
        source=_ELDERS,
    )
    for command in ("assign_mediator", "propose_mediator")
)
"""The guard on assigning a mediator and on a party's choice of one."""

PLUGIN: Final = PluginSpec(
    name=NAME,
    version="1",
    contributions=Contributions.of(
        GROUP_REFERENDUM, THREE_MEETINGS, ELDER_MEDIATION, *ELDERS_MEDIATE
    ),
    description=(
        "Villager groups deciding through a deliberation, a referendum and an "
        "implementation meeting, and elder mediators (瓮安县 村民小组自治、七老联调)."
    ),
    source=(
        "seeds/000_ad40aa4472d584ae.txt: 创新基层社会治理提实效 服务脱贫攻坚为民生"
        "——贵州省各级民政部门创新加强城乡基层社会治理纪实 (瓮安县)"
    ),
)
"""The 瓮安 preset."""
