"""盘州 purchased services (seed 000): 28 items, base + performance pay, exit after two quarters.

Article: seed 000, ``000_ad40aa4472d584ae.txt``, 贵州省民政厅《创新基层社会治理提实效 服务脱贫攻坚
为民生——贵州省各级民政部门创新加强城乡基层社会治理纪实》, section "盘州市：‘购买服务’打造
职业化村干队伍". Since 1 April 2015 the city buys "人口信息采集、计生人口辅助管理、重点人群稳控、
村容村貌整治等28项公共服务和辅助性管理事项" from villages, each "逐一量化考核指标和购买金额";
pay is "基础补贴+购买服务报酬": the base allowance monthly, the service pay after acceptance;
in 贾西村 12 grid members earn "基本工资为1200元，绩效800元，每月通过考评发放绩效，绩效考评
基本在94%以上"; "对连续两个季度验收考核不达标的……进行退出处理".

What the preset configures:

- `MONTHLY` (``panzhou.monthly``): the monthly appraisal that pays: the 28 items, the grids
  workflow's `PANZHOU_PAY` (1,200 元 + 800 元 in proportion to the score).
- `QUARTERLY` (``panzhou.quarterly``): the quarterly acceptance (验收考核) of the same 28
  items, with the exit rule: two consecutive failing quarters. It pays nothing itself (pay
  is the monthly appraisal's).
- `ITEMS`: the 28 items. The article names four; the other 24 are numbered and marked
  "未具名" (the article does not name them). Each is worth `DEFAULT_ITEM_POINTS`: the
  article says each item has its indicators and its price, but gives neither.
- `DEFAULT_PASS_MARK`: the article gives no pass mark ("不达标" without a figure): 60% of
  the points, a default. The published scores ("基本在94%以上") are results, not a rule.

Not encoded: the money side of the purchase (19 funds, 1.2亿元, each item's price); the
staffing figures (1,821 adjusted, 1,153 recruited, 342 exits) are counts, not rules.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from jiceng import Label, Source
from jiceng._plugins import Contributions, PluginSpec
from jiceng.grids.assessment import PANZHOU_PAY, AssessmentScheme, PeriodKind, ScoreItem

__all__ = [
    "DEFAULT_ITEM_POINTS",
    "DEFAULT_PASS_MARK",
    "ITEMS",
    "MONTHLY",
    "NAMED_ITEMS",
    "PLUGIN",
    "QUARTERLY",
]

ARTICLE = (
    "seed 000 (000_ad40aa4472d584ae.txt): 《创新基层社会治理提实效 服务脱贫攻坚为民生》"
    "盘州市：“购买服务”打造职业化村干队伍"
)
_SEED = "seed 000: 盘州市购买服务"

DEFAULT_ITEM_POINTS = 5
"""Points of each of the 28 items (140 in all): the article gives none, a default."""

DEFAULT_PASS_MARK = Fraction(60, 100)
"""The share of the points to pass acceptance: the article gives none, a default."""

NAMED_ITEMS = (
    ("census", "人口信息采集", "Population data collection"),
    ("family-planning", "计生人口辅助管理", "Family-planning support"),
    ("key-groups", "重点人群稳控", "Keeping key groups stable"),
    ("village-upkeep", "村容村貌整治", "Village upkeep"),
)
"""The four of the 28 items the article names."""

ITEMS = (
    *(
        ScoreItem(code=code, label=Label(zh, en), points=DEFAULT_ITEM_POINTS)
        for code, zh, en in NAMED_ITEMS
    ),
    *(
        ScoreItem(
            code=f"item-{n:02d}",
            label=Label(f"购买服务事项{n}（未具名）", f"Purchased item {n} (not named)"),
            points=DEFAULT_ITEM_POINTS,
        )
        for n in range(len(NAMED_ITEMS) + 1, 29)
    ),
)
"""The 28 purchased items, 4 named, 24 numbered."""

_ITEMS_SOURCE = "打包购买人口信息采集、计生人口辅助管理、重点人群稳控、村容村貌整治等28项公共服务"

MONTHLY = AssessmentScheme(
    name="panzhou.monthly",
    label=Label("盘州购买服务月度考评", "Panzhou monthly appraisal"),
    period=PeriodKind.MONTH,
    items=ITEMS,
    pass_mark=DEFAULT_PASS_MARK,
    pay=PANZHOU_PAY,
    source=Source(
        _SEED,
        f"{_ITEMS_SOURCE}；形成“基础补贴+购买服务报酬”的薪资结构……基本工资为1200元，绩效800元，"
        "每月通过考评发放绩效",
    ),
)
"""Monthly: 1,200 元 base and up to 800 元 performance pay, in proportion to the score."""

QUARTERLY = attrs.evolve(
    MONTHLY,
    name="panzhou.quarterly",
    label=Label("盘州购买服务季度验收考核", "Panzhou quarterly acceptance"),
    period=PeriodKind.QUARTER,
    pay=None,
    exit_after=2,
    source=Source(_SEED, "对连续两个季度验收考核不达标的，依照规定程序对相关责任人进行退出处理"),
)
"""Quarterly acceptance of the same items and pass mark, without pay; two consecutive
failing quarters call for an exit."""

PLUGIN = PluginSpec(
    name="panzhou",
    version="1",
    contributions=Contributions.of(MONTHLY, QUARTERLY),
    description=(
        "Panzhou's purchase of village services: 28 assessed items, 1,200 yuan base plus "
        "800 yuan performance pay, exit after two failing quarters (盘州市购买服务)."
    ),
    source=ARTICLE,
)
