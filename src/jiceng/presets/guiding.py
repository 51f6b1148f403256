"""贵定县 群众三会 and 红黑榜: villagers deliberate, question and settle; households are ranked.

Source: seed 000 (``000_ad40aa4472d584ae.txt``, 《创新基层社会治理提实效 服务脱贫攻坚为民生
——贵州省各级民政部门创新加强城乡基层社会治理纪实》), section 贵定县:“三治融合”推进农村社区治理.
In 鼓坪村 the 群众三会 — 议事会, 质询会, 公投会 — settle village matters: "以议事会搭建议事平台，
以公投会搭建公投平台，以质询会搭建质询平台。通过代表'签发'、村民'拍板'、群众'开问'". The
red and black list (红黑榜) at the village entrance posts model households (示范户) and
lagging households (后进户), and "制定红黑榜，是鼓坪村依托'群众三会'开展村民自治的重要手段".
The 村规民约 of all 111 villages take in 整治滥办酒席、殡葬改革、环境卫生整治; 260 banquets were
given up.

This preset configures:

- three meeting kinds: `DELIBERATION_COUNCIL` (议事会, on the villagers' representatives,
  who sign off a proposal), `INQUIRY_MEETING` (质询会, villagers put questions to officials;
  no votes) and `REFERENDUM_MEETING` (公投会, villagers settle the matter);
- the procedure `THREE_MASS_MEETINGS` (议事会 → 质询会 → 公投会) on those kinds;
- the rule book `RED_BLACK_LIST` (红黑榜): the behaviours the article names (banquets given
  up or held, funeral reform, household hygiene, hard work against 懒、靠、要, taking part in
  群众会 and 感恩教育, raising a university student), with red and black list thresholds.
  It is a draft: the village adopts it through the 群众三会 (`jiceng.points.RuleBookAdoption`,
  with the 公投会's vote: ``vote_of(meeting, motion, body=REFERENDUM_BODY)``, from
  `jiceng.decisions.meetings`);
- `REFERENDUM_BODY`: the body a 公投会 votes as, the 村民会议 (村民委员会组织法 第22条、
  第24条、第27条: the villagers settle, 村民拍板), so that its vote may adopt a rule book.

The article gives no figures for these rules; the preset uses clearly named defaults:

- `DEFAULT_POINTS`: each item's points;
- `DEFAULT_BASE_POINTS`: 100 points per household each cycle, so that a penalty can
  take a household below its start;
- `DEFAULT_RED_LIST_AT_LEAST` (110) and `DEFAULT_BLACK_LIST_AT_MOST` (90): the 红榜 and 黑榜
  thresholds;
- `DEFAULT_CYCLE`: the list is drawn every quarter, and balances reset;
- the 公投会's quorum and majority are those of the 村民会议 (村民委员会组织法 第22条), and
  a failed vote at any of the three meetings ends the procedure.

Posting and objections follow the rule book defaults (five days each, 山东省村务公开条例).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import attrs

from jiceng import VILLAGERS_ASSEMBLY_BODY, Label, Source
from jiceng._plugins import Contributions, PluginSpec
from jiceng.decisions import Procedure, Requirement, RollKind, Step
from jiceng.decisions.kinds import DELIBERATION, INQUIRY, REFERENDUM
from jiceng.points import BasePoints, Cycle, CycleEnd, Item, ItemPoints, RuleBook
from jiceng.presets._common import quoting

__all__ = [
    "DEFAULT_BASE_POINTS",
    "DEFAULT_BLACK_LIST_AT_MOST",
    "DEFAULT_CYCLE",
    "DEFAULT_POINTS",
    "DEFAULT_RED_LIST_AT_LEAST",
    "DELIBERATION_COUNCIL",
    "INQUIRY_MEETING",
    "PLUGIN",
    "RED_BLACK_LIST",
    "REFERENDUM_MEETING",
    "THREE_MASS_MEETINGS",
]

_ARTICLE = "seed 000: 贵定县“三治融合”推进农村社区治理"


_source = quoting(_ARTICLE)


# -- 群众三会 ---------------------------------------------------------------------------------

DELIBERATION_COUNCIL: Final = attrs.evolve(
    DELIBERATION,
    name="guiding_deliberation",
    rolls={RollKind.REPRESENTATIVES},
    source=_source("以议事会搭建议事平台……通过代表“签发”"),
)
"""议事会: the villagers' representatives deliberate and sign off (签发) a proposal by a
majority of those present."""

INQUIRY_MEETING: Final = attrs.evolve(
    INQUIRY,
    name="guiding_inquiry",
    rolls={RollKind.ADULTS, RollKind.PARTICIPANTS},
    source=_source("以质询会搭建质询平台……群众“开问”"),
)
"""质询会: villagers put questions to the officials (群众开问) and rate the answers; no votes."""

REFERENDUM_MEETING: Final = attrs.evolve(
    REFERENDUM,
    name="guiding_referendum",
    source=_source("以公投会搭建公投平台……村民“拍板”"),
)
"""公投会: the villagers settle (拍板) the proposal, on the 村民会议's quorum and majority
(a default: the article gives none)."""

REFERENDUM_BODY: Final = attrs.evolve(
    VILLAGERS_ASSEMBLY_BODY, label=Label("公投会 (村民会议)", "referendum (villagers' assembly)")
)
"""The body a 公投会 votes as: the 村民会议, with its quorum and majority (第22条); its code
(``villagers_assembly``) lets its vote adopt a rule book (`RuleBookAdoption.adopt`)."""

THREE_MASS_MEETINGS: Final = Procedure(
    name="guiding.three_mass_meetings",
    label=Label("群众三会", "three mass meetings"),
    source=_source("‘群众三会’就是议事会、质询会、公投会，让村支‘两委’变管理为服务"),
    steps=(
        Step(
            name="deliberate",
            label=Label("议事会", "deliberation"),
            requires=Requirement.PASSED,
            kinds={DELIBERATION_COUNCIL.name},
        ),
        Step(
            name="inquire",
            label=Label("质询会", "inquiry"),
            requires=Requirement.HELD,
            kinds={INQUIRY_MEETING.name},
        ),
        Step(
            name="referendum",
            label=Label("公投会", "referendum"),
            requires=Requirement.PASSED,
            kinds={REFERENDUM_MEETING.name, "villagers_assembly"},
        ),
    ),
)
"""贵定 群众三会: representatives sign off, villagers question, villagers settle. A failed vote
ends it (a default)."""

# -- 红黑榜 -----------------------------------------------------------------------------------

DEFAULT_POINTS: Final[Mapping[str, ItemPoints]] = MappingProxyType(
    {
        "GD-01": 10,
        "GD-02": 5,
        "GD-03": 10,
        "GD-04": 2,
        "GD-05": 10,
        "GD-11": -20,
        "GD-12": -20,
        "GD-13": -5,
        "GD-14": -10,
    }
)
"""The points of each item, by code: the article names the behaviours but no points.
Each is within an item's ±1,000 (`jiceng.points.ItemPoints`), here -20 to +10."""

DEFAULT_BASE_POINTS: Final = 100
"""Base points per household each cycle (the article gives none); a rule book takes 1 to
10,000."""

DEFAULT_RED_LIST_AT_LEAST: Final = 110
"""A household with this many points or more in a cycle goes on the 红榜 (示范户)."""

DEFAULT_BLACK_LIST_AT_MOST: Final = 90
"""A household with this many points or fewer in a cycle goes on the 黑榜 (后进户)."""

DEFAULT_CYCLE: Final = Cycle.QUARTER
"""The list is drawn every quarter (the article does not say how often)."""

_DEFAULT = "; points are a preset default, the article gives none"


def _item(code: str, name: str, category: str, quote: str, *, evidence: bool = False) -> Item:
    return Item(
        code=code,
        name=name,
        category=category,
        points=DEFAULT_POINTS[code],
        evidence_required=evidence,
        source=Source(_ARTICLE, quote + _DEFAULT),
    )


RED_BLACK_LIST: Final = RuleBook(
    name="guiding.red_black_list",
    version=1,
    base=BasePoints(points=DEFAULT_BASE_POINTS, source=Source(f"{_ARTICLE}{_DEFAULT}")),
    items=(
        _item(
            "GD-01",
            "红白喜事简办、主动放弃办酒",
            "移风易俗",
            "成功教育引导放弃办酒260起",
        ),
        _item("GD-02", "房前屋后环境卫生整洁", "环境卫生", "将……环境卫生整治等纳入《村规民约》"),
        _item(
            "GD-03",
            "勤劳致富：外出务工或发展庭院经济",
            "勤劳致富",
            "积极地通过合法渠道勤劳致富……有效杜绝懒、靠、要的思想",
        ),
        _item(
            "GD-04",
            "参加群众会普法宣传或感恩教育活动",
            "德治教育",
            "定期组织村民开群众会进行普法宣传",
        ),
        _item(
            "GD-05",
            "子女考上大学",
            "榜样示范",
            "家家户户都以培养出大学生为骄傲",
        ),
        _item(
            "GD-11",
            "滥办酒席",
            "移风易俗",
            "将整治滥办酒席……纳入《村规民约》",
            evidence=True,
        ),
        _item(
            "GD-12",
            "违反殡葬改革规定",
            "移风易俗",
            "将……殡葬改革……纳入《村规民约》",
            evidence=True,
        ),
        _item(
            "GD-13", "乱倒垃圾、环境脏乱差", "环境卫生", "95个行政村实现农村垃圾集中收集处置全覆盖"
        ),
        _item("GD-14", "等靠要、不参与集体劳动", "勤劳致富", "有效杜绝懒、靠、要的思想"),
    ),
    cycle=DEFAULT_CYCLE,
    cycle_end=CycleEnd.RESET,
    red_list_at_least=DEFAULT_RED_LIST_AT_LEAST,
    black_list_at_most=DEFAULT_BLACK_LIST_AT_MOST,
    source=_source("鼓坪村红黑榜，示范户、后进户两栏分别都有村民上榜"),
)
"""鼓坪村红黑榜: base points each quarter, bonus and penalty items from the 村规民约 the
article names; the 红榜 lists 示范户, the 黑榜 后进户. A draft to adopt by vote."""

PLUGIN: Final = PluginSpec(
    name="guiding",
    version="1",
    contributions=Contributions.of(
        DELIBERATION_COUNCIL,
        INQUIRY_MEETING,
        REFERENDUM_MEETING,
        THREE_MASS_MEETINGS,
        RED_BLACK_LIST,
    ),
    description=(
        "Guiding county's three mass meetings (deliberation, inquiry, referendum) and its "
        "red and black list of households — 贵定县 群众三会、红黑榜."
    ),
    source=(
        "seed 000 (000_ad40aa4472d584ae.txt): 创新基层社会治理提实效 服务脱贫攻坚为民生"
        "——贵州省各级民政部门创新加强城乡基层社会治理纪实 (贵定县)"
    ),
)
"""The 贵定 preset."""
