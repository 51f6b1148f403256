"""张家口市桥西区 居民议事厅: five-step deliberation, open every week.

Source: seed 003 (``003_57febce23d54ac55.txt``, 央广网石家庄 据河北省民政厅消息: 《基层强则
国家强，基层安则天下安》), the passage on 张家口市桥西区. Its 居民议事厅 cover all
44 communities: "在社区党组织的领导下，组织社区居委会、业主委员会、物业企业、小区党支部成员、
楼栋党小组长、单元长代表，采用收集问题、确定议题、协商议事、分流落实、监督评审'五步议事'
工作法，每周开门议事". Anything touching residents' interests may be brought, "大到违建拆除、
道路改造，小到垃圾清理、电表更换"; 60 and more matters have been settled so far.

This preset configures:

- the meeting kind `RESIDENTS_COUNCIL` (居民议事厅): the participants the article lists
  (`SEATS`), agreeing by a majority of those present, meeting every week (`WEEKLY`);
- the procedure `FIVE_STEP_DELIBERATION` on that kind: 收集问题 → 确定议题 → 协商议事 →
  分流落实 → 监督评审;
- the article's figures as `REPORTED_...` constants.

The article gives no quorum or majority for the 议事厅 and no rule for a consultation that
agrees nothing; the preset keeps the built-in practice defaults: no quorum, a majority of
those present (议事规则), a failed consultation goes back to setting the topic, and a review
that finds the work wanting sends it back to be carried out.
"""

from __future__ import annotations

from typing import Final

import attrs

from jiceng import Label, Source
from jiceng._plugins import Contributions, PluginSpec
from jiceng.decisions import Procedure, RollKind
from jiceng.decisions.kinds import RESIDENTS_COUNCIL as _RESIDENTS_COUNCIL
from jiceng.decisions.kinds import Cadence, Every
from jiceng.decisions.procedures import FIVE_STEP_DELIBERATION as _FIVE_STEPS

__all__ = [
    "FIVE_STEP_DELIBERATION",
    "PLUGIN",
    "REPORTED_COMMUNITIES",
    "REPORTED_MATTERS",
    "RESIDENTS_COUNCIL",
    "SEATS",
    "WEEKLY",
]

_ARTICLE = "seed 003: 张家口市桥西区 居民议事厅"

REPORTED_COMMUNITIES: Final = 44
"""Communities with a 居民议事厅 ("覆盖全区44个社区")."""
REPORTED_MATTERS: Final = 60
"""Matters settled so far ("已累计议事60余件次")."""

SEATS: Final = (
    Label("社区居委会", "residents' committee"),
    Label("业主委员会", "owners' committee"),
    Label("物业企业", "property management company"),
    Label("小区党支部成员", "members of the estate's party branch"),
    Label("楼栋党小组长", "building party group leaders"),
    Label("单元长代表", "stairwell heads' representatives"),
)
"""Who the 议事厅 gathers, under the community party organisation's lead."""

WEEKLY: Final = Cadence(every=Every.WEEK, source=Source(_ARTICLE, "每周开门议事"))
"""The 议事厅 meets every week."""

RESIDENTS_COUNCIL: Final = attrs.evolve(
    _RESIDENTS_COUNCIL,
    name="zhangjiakou_qiaoxi_residents_council",
    rolls={RollKind.PARTICIPANTS},
    source=Source(
        _ARTICLE,
        "组织社区居委会、业主委员会、物业企业、小区党支部成员、楼栋党小组长、单元长代表",
    ),
    cadence=WEEKLY,
)
"""居民议事厅: its participants consult and agree by a majority of those present, weekly."""

FIVE_STEP_DELIBERATION: Final = Procedure(
    name="zhangjiakou_qiaoxi.five_step_deliberation",
    label=_FIVE_STEPS.label,
    source=Source(_ARTICLE, "收集问题、确定议题、协商议事、分流落实、监督评审“五步议事”工作法"),
    steps=tuple(
        attrs.evolve(step, kinds={RESIDENTS_COUNCIL.name}) if step.kinds else step
        for step in _FIVE_STEPS.steps
    ),
)
"""五步议事 with the consultation held by this preset's 居民议事厅."""

PLUGIN: Final = PluginSpec(
    name="zhangjiakou_qiaoxi",
    version="1",
    contributions=Contributions.of(RESIDENTS_COUNCIL, FIVE_STEP_DELIBERATION),
    description=(
        "Zhangjiakou Qiaoxi district's residents' councils, deliberating in five steps every "
        "week — 张家口市桥西区 居民议事厅 五步议事."
    ),
    source=(
        "seed 003 (003_57febce23d54ac55.txt): 央广网 据河北省民政厅消息 "
        "基层强则国家强，基层安则天下安 (张家口市桥西区 居民议事厅)"
    ),
)
"""The 张家口桥西 preset."""
