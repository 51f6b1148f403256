"""巨鹿县 "巨好办" (seed 003): the county's digital village platform, as a preset.

Article: seed 003, ``003_57febce23d54ac55.txt``, 央广网 "基层强则国家强，基层安则天下安"
(河北省民政厅, 11月2日). 巨鹿's "巨好办" platform (县级管理平台、乡镇分中心、县直单位处置平台、
村级平台) runs every report through "事件上报、分类受理、响应指定、部门处置、结果反馈"
five steps; 2,800 grid members patrol "社会治理、改善民生等4类22个具体事项"; "疫情及突发情况等，
两小时内解决；群众咨询政策、种养技术等当天办结"; "每季度对网格员、乡镇、县直部门工作情况进行
智能考核评定".

What the preset configures:

- `CODES` (``julu.codes``): county 6 + town 3 + village 3 + grid 3, the platform's levels
  (county, town sub-centre, village) with the grid below them.
- `CATEGORIES` (``julu.categories``): 4 classes / 22 items. The article names two classes
  (社会治理, 改善民生); the other two are named after what the article says the grid members
  check for: the work of the safety wardens merged into the grid team (食品药品安全协管员,
  燃气安全协管员) and the targeted checks (疫情、信访、环保). It names 13 items (the
  examples of the text); the other 9 are named by their class and numbered, and marked
  "未具名" (the article does not name them), split between the classes as
  `DEFAULT_UNNAMED_ITEMS` says.
- `SLA` (``julu.sla``): the grids workflow's `JULU_SLA`: emergencies within 2 hours,
  inquiries (政策, 种养技术) the same day; the article gives no limit for other events,
  which keep that policy's defaults (5 working days, extendable once by up to 5; summoned
  departments report by the end of the next day).
- `POLICY` (``julu.juhaoban``): the grid event policy: codes, categories, the county
  departments that handle events (the article names none; `DEPARTMENTS` are placeholders
  by function), and the SLA.
- `ASSESSMENT` (``julu.quarterly``): the quarterly "smart" assessment from platform data,
  of a grid member, a town or a county department alike: the article gives neither items
  nor weights nor a pass mark, so the preset scores the grids workflow's four KPIs with
  `DEFAULT_KPI_POINTS` and passes at `DEFAULT_PASS_MARK`; it ties no pay and no exit to
  the result (the year's results serve 评优评先、选拔任用).
- `FIVE_STEPS` and `steps_reached`: the five steps as the grid event's events.

Not encoded: the year-end summing up (年终汇总) and rewards and penalties (奖惩), which the
article names without rules; the 25万 items handled is a count, not a rule.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from jiceng import ChinaCalendar, Event, Label
from jiceng._plugins import Contributions, PluginSpec
from jiceng.grids import (
    JULU_SLA,
    CategoryClass,
    CategoryItem,
    CategoryTree,
    GridEvent,
    GridEventPolicy,
    Level,
)
from jiceng.grids.assessment import AssessmentScheme, Measure, PeriodKind, ScoreItem
from jiceng.grids.codes import CodeScheme, CodeSegment
from jiceng.grids.events import (
    Classified,
    Closed,
    Dispatched,
    Evaluated,
    Handled,
    Registered,
    Reported,
    ResolvedOnSpot,
    Started,
    Verified,
)
from jiceng.presets._common import departments, quoting

__all__ = [
    "ASSESSMENT",
    "CATEGORIES",
    "CODES",
    "DEFAULT_KPI_POINTS",
    "DEFAULT_PASS_MARK",
    "DEFAULT_UNNAMED_ITEMS",
    "DEPARTMENTS",
    "FIVE_STEPS",
    "PLUGIN",
    "POLICY",
    "SLA",
    "steps_reached",
]

ARTICLE = "seed 003 (003_57febce23d54ac55.txt): 央广网《基层强则国家强，基层安则天下安》"
_JULU = "seed 003: 巨鹿县“巨好办”数字乡村综合管理平台"


_src = quoting(_JULU)


CODES = CodeScheme(
    name="julu.codes",
    label=Label("巨鹿县网格编码", "Julu grid codes"),
    segments=(
        CodeSegment(name="county", width=6, level=Level.DISTRICT, label=Label("县", "County")),
        CodeSegment(name="town", width=3, level=Level.STREET, label=Label("乡镇", "Town")),
        CodeSegment(name="village", width=3, level=Level.COMMUNITY, label=Label("村", "Village")),
        CodeSegment(name="grid", width=3, level=Level.GRID, label=Label("网格", "Grid")),
    ),
    source=_src(
        "由县级管理平台、乡镇分中心、县直单位处置平台、村级平台共同构成 (the article gives "
        "no code layout: GB/T 2260 county code + town 3 + village 3 + grid 3, a default)"
    ),
)
"""县 → 乡镇 → 村 → 网格: the platform's levels, coded from the GB/T 2260 county code
(巨鹿县 130529)."""

DEFAULT_UNNAMED_ITEMS: dict[str, int] = {
    "social-governance": 4,
    "livelihood": 2,
    "safety": 3,
    "key-tasks": 0,
}
"""How many of the 22 items of each class the article leaves unnamed (9 in all): the
article gives the total only, so this split is the preset's default."""


def _item(code: str, zh: str, en: str, *, evidence: bool = True) -> CategoryItem:
    return CategoryItem(code=code, label=Label(zh, en), evidence_required=evidence)


def _class(code: str, zh: str, en: str, named: tuple[CategoryItem, ...]) -> CategoryClass:
    unnamed = tuple(
        _item(
            f"{code}-{n:02d}",
            f"{zh}事项{n}（未具名）",
            f"{en}, item {n} (not named in the article)",
        )
        for n in range(len(named) + 1, len(named) + 1 + DEFAULT_UNNAMED_ITEMS[code])
    )
    return CategoryClass(code=code, label=Label(zh, en), items=(*named, *unnamed))


CATEGORIES = CategoryTree(
    name="julu.categories",
    label=Label("巨鹿县网格巡查事项（4类22项）", "Julu patrol items (4 classes, 22 items)"),
    classes=(
        _class(
            "social-governance",
            "社会治理",
            "Social governance",
            (
                _item("dispute", "矛盾纠纷", "Dispute"),
                _item("public-order", "社会治安", "Public order"),
            ),
        ),
        _class(
            "livelihood",
            "改善民生",
            "Livelihood",
            (
                _item("road-collapse", "道路塌陷", "Road collapse"),
                _item("policy-inquiry", "咨询政策", "Policy inquiry", evidence=False),
                _item("farming-inquiry", "种养技术咨询", "Farming inquiry", evidence=False),
                _item("request", "群众诉求", "Resident's request"),
                _item("suggestion", "意见建议", "Suggestion", evidence=False),
            ),
        ),
        _class(
            "safety",
            "安全监管",
            "Safety supervision",
            (
                _item("food-drug", "食品药品安全", "Food and drug safety"),
                _item("gas", "燃气安全", "Gas safety"),
            ),
        ),
        _class(
            "key-tasks",
            "重点任务排查",
            "Targeted checks",
            (
                _item("outbreak", "疫情", "Outbreak"),
                _item("emergency", "突发情况", "Emergency"),
                _item("petition", "信访", "Petition matter"),
                _item("environment", "环保", "Environmental protection"),
            ),
        ),
    ),
    source=_src(
        "围绕社会治理、改善民生等4类22个具体事项进行日常巡查……并结合疫情、信访、环保等重点任务"
        "开展靶向排查 (two class names and 13 items from the article; the rest numbered)"
    ),
)
"""4 classes / 22 items; 9 items are not named by the article and carry numbered names."""

SLA = attrs.evolve(JULU_SLA, name="julu.sla", calendar=ChinaCalendar())
"""巨鹿's limits (the grids workflow's `JULU_SLA`): "疫情及突发情况等，两小时内解决",
"群众咨询政策、种养技术等当天办结"; other events keep that policy's documented defaults. Working
days count public holidays and 调休 (`ChinaCalendar`, extra `cn`)."""

DEPARTMENTS = departments(
    {
        "xzj-zj": "县住建局",
        "xzj-sw": "县水务局",
        "xzj-wj": "县卫健局",
        "xzj-xf": "县信访局",
        "xzj-hb": "县生态环境分局",
        "xzj-ny": "县农业农村局",
        "xzj-sj": "县市场监管局",
        "xzj-gs": "县公安局",
        "xzj-sf": "县司法局",
    }
)
"""County departments (县直单位) by function; the article names none of them."""

POLICY = GridEventPolicy(
    name="julu.juhaoban",
    scheme=CODES,
    categories=CATEGORIES,
    departments=DEPARTMENTS,
    sla=SLA,
)
"""The "巨好办" policy: 巨鹿 codes, the 22 items, county departments, 巨鹿's limits."""

DEFAULT_PASS_MARK = Fraction(60, 100)
"""The article gives no pass mark; the preset uses 60% of the points, a default."""

DEFAULT_KPI_POINTS: dict[Measure, int] = {
    Measure.CLOSURE_RATE: 30,
    Measure.ON_TIME_RATE: 30,
    Measure.REWORK_RATE: 20,
    Measure.EXTENSION_RATE: 20,
}
"""Points of each KPI item out of 100; the article gives no weights: a default."""

_KPI_LABELS = {
    Measure.CLOSURE_RATE: Label("办结率", "Closure rate"),
    Measure.ON_TIME_RATE: Label("按期办结率", "On-time closure rate"),
    Measure.REWORK_RATE: Label("返工率", "Rework rate"),
    Measure.EXTENSION_RATE: Label("延期率", "Extension rate"),
}

ASSESSMENT = AssessmentScheme(
    name="julu.quarterly",
    label=Label("巨鹿县季度智能考核", "Julu quarterly assessment"),
    period=PeriodKind.QUARTER,
    items=tuple(
        ScoreItem(code=m.value, label=_KPI_LABELS[m], points=points, measure=m)
        for m, points in DEFAULT_KPI_POINTS.items()
    ),
    pass_mark=DEFAULT_PASS_MARK,
    source=_src(
        "利用大数据分析，每季度对网格员、乡镇、县直部门工作情况进行智能考核评定，"
        "年终汇总作为评优评先、选拔任用的依据"
    ),
)
"""Quarterly, from the subject's grid events only (智能考核): a grid member's reports, a
town's events, or a department's dispatched events. No pay, no exit rule."""

FIVE_STEPS: tuple[tuple[Label, tuple[type[Event], ...]], ...] = (
    (Label("事件上报", "Report"), (Reported,)),
    (Label("分类受理", "Classify and accept"), (Registered, Classified)),
    (Label("响应指定", "Assign"), (Dispatched,)),
    (Label("部门处置", "Handle"), (Started, Handled, ResolvedOnSpot)),
    (Label("结果反馈", "Feed back"), (Verified, Closed, Evaluated)),
)
"""The five steps ("五步流水作业") and the grid event's events that make up each."""


def steps_reached(event: GridEvent) -> tuple[str, ...]:
    """The five steps an event has been through, in the order first reached (zh labels).

    An event resolved on the spot skips 响应指定: the grid member handled it.
    """
    reached: list[str] = []
    for record in event.history:
        for label, kinds in FIVE_STEPS:
            if isinstance(record, kinds) and label.zh not in reached:
                reached.append(label.zh)
    return tuple(reached)


PLUGIN = PluginSpec(
    name="julu",
    version="1",
    contributions=Contributions.of(CODES, CATEGORIES, SLA, POLICY, ASSESSMENT),
    description=(
        "Julu county's 'Ju Hao Ban' platform: five steps, 4 classes / 22 items, emergencies "
        "in 2 hours, inquiries the same day, quarterly assessment (巨鹿县“巨好办”)."
    ),
    source=ARTICLE,
)
