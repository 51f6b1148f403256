"""福泉市 三组两会: villager groups govern themselves, under their own 组规民约.

Source: seed 000 (``000_ad40aa4472d584ae.txt``, 《创新基层社会治理提实效 服务脱贫攻坚为民生
——贵州省各级民政部门创新加强城乡基层社会治理纪实》), section 福泉市:“三下沉”匡助 提升村民自治
水平. Since March 2016 福泉 has run self-governance with the villager group (村民小组) as its
unit. In 杨家屯组 the "三组两会" carry it: "建立杨家屯党小组，实现党组织有效领导；成立杨家屯
组务管理小组，让组级事务有人管；建立产业协会，让党员能人引领农村经济发展；建立户主代表会，
让组里群众真正当家做主；建立杨家屯组监督小组，实现村民自我监督" — three groups (党小组,
组务管理小组, 监督小组) and two associations (产业协会, 户主代表会). "全市153个居民小组、922个
村民小组全部制定组规民约"; 河湾组 has 46 households and 179 people; 杨家屯's self-governance
group has 11 members.

This preset configures:

- meeting kinds: `HOUSEHOLD_HEADS` (户主代表会: one head per household of the group, the
  household form of the 村民小组会议 — quorum two thirds of the households, decision by
  more than half of those present, 村民委员会组织法 第28条), `PARTY_GROUP` (党小组会) and
  `MANAGEMENT_TEAM` (组务管理小组会);
- the matter `GROUP_RULES` (组规民约), which the 户主代表会 or the 村民小组会议 adopts;
- the procedure `GROUP_SELF_GOVERNANCE`: 党小组提议 → 组务管理小组商议 → 户主代表会决定 →
  组务管理小组落实 → 监督小组监督. The article names each body's role ("有效领导", "有人管",
  "当家做主", "自我监督") but not a sequence: the steps are the preset's reading of those
  roles; a rejection by the 组务管理小组 sends the matter back to the 党小组, a rejection
  by the households ends it, and a supervision that finds the work wanting sends it back
  to be carried out again;
- the article's figures as `REPORTED_...` constants.

The article gives no quorum or majority for the 党小组 and the 组务管理小组; the preset
uses `DEFAULT_TEAM_QUORUM` and `DEFAULT_TEAM_MAJORITY` (more than half of the members, and
of those present, as 议事规则 commonly say).

Not encoded: the 产业协会 and the cooperatives (economic organisations, not decision
bodies of the group), and the 860 cadres sent to 60 villages (集团帮扶).
"""

from __future__ import annotations

from typing import Final

import attrs

from jiceng import Label, Source
from jiceng._plugins import Contributions, PluginSpec
from jiceng.decisions import (
    Majority,
    Matter,
    MeetingKind,
    Procedure,
    Quorum,
    Requirement,
    RollKind,
    Step,
)
from jiceng.decisions.kinds import HOUSEHOLD_HEADS_MEETING
from jiceng.decisions.thresholds import MORE_THAN_HALF, Base, QuorumTest
from jiceng.presets._common import quoting

__all__ = [
    "DEFAULT_TEAM_MAJORITY",
    "DEFAULT_TEAM_QUORUM",
    "GROUP_RULES",
    "GROUP_SELF_GOVERNANCE",
    "HOUSEHOLD_HEADS",
    "MANAGEMENT_TEAM",
    "PARTY_GROUP",
    "PLUGIN",
    "REPORTED_HEWAN_HOUSEHOLDS",
    "REPORTED_HEWAN_PEOPLE",
    "REPORTED_RESIDENTS_GROUPS",
    "REPORTED_SELF_GOVERNANCE_MEMBERS",
    "REPORTED_VILLAGER_GROUPS",
]

_ARTICLE = "seed 000: 福泉市“三下沉”匡助 提升村民自治水平"


_source = quoting(_ARTICLE)


# -- figures the article reports ----------------------------------------------------------

REPORTED_VILLAGER_GROUPS: Final = 922
"""Villager groups, every one with its 组规民约, 自治小组 and 监督小组."""
REPORTED_RESIDENTS_GROUPS: Final = 153
"""Residents' groups, every one with its 组规民约."""
REPORTED_HEWAN_HOUSEHOLDS: Final = 46
"""Households of 朵郎平村河湾组 ("有46户居民，179人")."""
REPORTED_HEWAN_PEOPLE: Final = 179
"""People of 河湾组."""
REPORTED_SELF_GOVERNANCE_MEMBERS: Final = 11
"""Members of 杨家屯's self-governance group ("我们11个人就肩负了一份责任")."""

# -- defaults ----------------------------------------------------------------------------

_PRACTICE = f"{_ARTICLE}; 议事规则 (a preset default: the article gives none)"

DEFAULT_TEAM_QUORUM: Final = Quorum(
    tests=(QuorumTest(of=Base.MEMBERS, threshold=MORE_THAN_HALF),), source=Source(_PRACTICE)
)
"""The 党小组 and the 组务管理小组 meet with more than half of their members."""

DEFAULT_TEAM_MAJORITY: Final = Majority(
    threshold=MORE_THAN_HALF, of=Base.PRESENT, source=Source(_PRACTICE)
)
"""They agree by more than half of those present."""

# -- bodies ------------------------------------------------------------------------------

HOUSEHOLD_HEADS: Final = attrs.evolve(
    HOUSEHOLD_HEADS_MEETING,
    name="fuquan_household_heads",
    source=_source("建立户主代表会，让组里群众真正当家做主"),
)
"""户主代表会: each household's head; quorum and majority of 村民委员会组织法 第28条."""


def _team(name: str, label: Label, roll: RollKind, source: Source) -> MeetingKind:
    """A team of the group meeting under the default quorum and majority."""
    return MeetingKind(
        name=name,
        label=label,
        rolls={roll},
        source=source,
        quorum=DEFAULT_TEAM_QUORUM,
        majority=DEFAULT_TEAM_MAJORITY,
    )


PARTY_GROUP: Final = _team(
    "fuquan_party_group",
    Label("党小组会", "party group meeting"),
    RollKind.PARTY_MEMBERS,
    _source("建立杨家屯党小组，实现党组织有效领导"),
)
"""党小组: the group's party members (a roll of `Roll.party_members` over the group's
people), who lead by proposing."""

MANAGEMENT_TEAM: Final = _team(
    "fuquan_management_team",
    Label("组务管理小组会", "group affairs team meeting"),
    RollKind.PARTICIPANTS,
    _source("成立杨家屯组务管理小组，让组级事务有人管"),
)
"""组务管理小组 (村民自治小组): the elected team that runs the group's affairs."""

GROUP_RULES: Final = Matter(
    code="fuquan-group-rules",
    label=Label("制定和修改组规民约", "adopting or amending the group's rules"),
    source=_source("全市153个居民小组、922个村民小组全部制定组规民约"),
    decided_by={HOUSEHOLD_HEADS.name, "villager_group"},
)
"""组规民约: adopted by the group's households (户主代表会) or its 村民小组会议, never by a
team alone. The village's own 村规民约 stay with the 村民会议 (第27条)."""

GROUP_SELF_GOVERNANCE: Final = Procedure(
    name="fuquan.group_self_governance",
    label=Label("三组两会议事", "three groups and two associations"),
    source=_source("“三组两会”保障着杨家屯组的建设和发展"),
    steps=(
        Step(
            name="propose",
            label=Label("党小组提议", "the party group proposes"),
            requires=Requirement.PASSED,
            kinds={PARTY_GROUP.name},
        ),
        Step(
            name="consult",
            label=Label("组务管理小组商议", "the group affairs team consults"),
            requires=Requirement.PASSED,
            kinds={MANAGEMENT_TEAM.name},
            on_failure="propose",
        ),
        Step(
            name="decide",
            label=Label("户主代表会决定", "the household heads decide"),
            requires=Requirement.PASSED,
            kinds={HOUSEHOLD_HEADS.name, "villager_group"},
        ),
        Step(
            name="carry_out",
            label=Label("组务管理小组落实", "the group affairs team carries it out"),
            requires=Requirement.DONE,
        ),
        Step(
            name="supervise",
            label=Label("监督小组监督", "the supervision group checks"),
            requires=Requirement.DONE,
            on_failure="carry_out",
        ),
    ),
)
"""The preset's reading of 三组两会 as steps (the article gives the roles, not the order)."""

PLUGIN: Final = PluginSpec(
    name="fuquan",
    version="1",
    contributions=Contributions.of(
        HOUSEHOLD_HEADS, PARTY_GROUP, MANAGEMENT_TEAM, GROUP_SELF_GOVERNANCE
    ),
    description=(
        "Fuquan's villager-group self-governance: party group, affairs team, household heads' "
        "meeting and supervision group under the group's own rules — 福泉市 三组两会、组规民约."
    ),
    source=(
        "seed 000 (000_ad40aa4472d584ae.txt): 创新基层社会治理提实效 服务脱贫攻坚为民生"
        "——贵州省各级民政部门创新加强城乡基层社会治理纪实 (福泉市)"
    ),
)
"""The 福泉 preset."""
